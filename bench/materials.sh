#!/usr/bin/env bash
# Materials upload benchmark on the packaged app (package first: mvn -q package -DskipTests):
#  1. throughput of one 200 MiB multipart upload over loopback, beside `cp` + `sync` of the same
#     file into the same data directory (the floor: the service must at least write it once);
#  2. the service's resident memory (VmRSS, sampled every 100 ms) while 4 uploads of 200 MiB run
#     in parallel: it must stay flat, because no file is ever held in memory.
# Usage: bench/materials.sh [data-dir]   (the data dir decides the disk; default a fresh temp dir)
set -euo pipefail
cd "$(dirname "$0")/.."
port=18081
jar=target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "package the app first: mvn -q package -DskipTests"; exit 1; }
data=${1:-$(mktemp -d)}
mkdir -p "$data"
base="http://127.0.0.1:$port"
mib=200
src="$data/bench-src.pdf"
{ printf '%%PDF-1.7\n'; head -c $((mib * 1024 * 1024 - 9)) /dev/urandom; } > "$src"
sha=$(sha256sum "$src" | cut -d' ' -f1)

java ${JAVA_OPTS:-} -Dquarkus.http.port=$port -Dliandong.data-dir="$data" -Dquarkus.log.level=WARN -jar "$jar" >"$data/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf "$base/q/health/ready" >/dev/null; do sleep 0.1; done
sleep 5
idle=$(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 ))

# A project filed online by the demo applicant, with its checklist (4 items for investment-approval).
code="2026-370303-44-03-$(printf '%06d' $((RANDOM * 30 % 1000000)))"
project=$(curl -sf -u applicant:liandong-demo -H 'Content-Type: application/json' "$base/api/projects" -d "{
  \"projectCode\": \"$code\", \"name\": \"基准测试项目\", \"enterpriseName\": \"淄博基准有限公司\",
  \"creditCode\": \"91350100M000100Y43\", \"investment\": \"1000000.00\", \"countyCode\": \"370303\",
  \"industry\": \"C26\", \"matterType\": \"investment-approval\"}")
json_get() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
projectId=$(echo "$project" | json_get "['id']")
mapfile -t items < <(echo "$project" | python3 -c "import json,sys; [print(m['id']) for m in json.load(sys.stdin)['materials']]")

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
upload() { # item, output file
  curl -s -o "$2" -w '%{http_code}' -u applicant:liandong-demo -F "file=@$src;filename=site-plan-$1.pdf" \
    "$base/api/projects/$projectId/materials/$1/files"
}

# 1. one upload vs cp (cold page cache is not controlled: both read the same, freshly written file)
t0=$(now_ms); cp "$src" "$data/bench-copy.pdf"; sync "$data/bench-copy.pdf"; t1=$(now_ms)
cp_ms=$((t1 - t0)); rm -f "$data/bench-copy.pdf"
t0=$(now_ms); status=$(upload "${items[0]}" "$data/one.json"); t1=$(now_ms)
up_ms=$((t1 - t0))
[ "$status" = 201 ] || { echo "upload failed: $status $(cat "$data/one.json")"; exit 1; }
got=$(json_get "['sha256']" < "$data/one.json")
[ "$got" = "$sha" ] || { echo "digest mismatch: $got vs $sha"; exit 1; }

# 2. four parallel uploads, RSS sampled
peak=0
uploads=()
for i in 1 2 3; do (upload "${items[$i]}" "$data/p$i.json" > "$data/p$i.status") & uploads+=($!); done
(upload "${items[0]}" "$data/p0.json" > "$data/p0.status") &  # a new version of item 0 (different name, same bytes: repeats v1 → 200)
uploads+=($!)
t0=$(now_ms)
running() { for u in "${uploads[@]}"; do kill -0 "$u" 2>/dev/null && return 0; done; return 1; }
while running; do  # not `jobs`: the service itself is a background job of this script
  rss=$(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 ))
  (( rss > peak )) && peak=$rss
  sleep 0.1
done
par_ms=$(( $(now_ms) - t0 ))
statuses=$(cat "$data"/p?.status | tr '\n' ' ')

load=$(cut -d' ' -f1-3 /proc/loadavg)
cat <<OUT
date: $(date -u +%Y-%m-%dT%H:%MZ)   load average: $load   disk: $(df -h "$data" | awk 'NR==2 {print $1}')
cp + sync of ${mib} MiB:          ${cp_ms} ms  ($(( mib * 1000 / (cp_ms > 0 ? cp_ms : 1) )) MiB/s)
one ${mib} MiB upload (loopback): ${up_ms} ms  ($(( mib * 1000 / (up_ms > 0 ? up_ms : 1) )) MiB/s)  ratio upload/cp: $(python3 -c "print(round($up_ms/$cp_ms, 2))")
4 parallel ${mib} MiB uploads:    ${par_ms} ms, statuses $statuses
RSS idle: ${idle} MB   RSS peak during the parallel uploads: ${peak} MB
OUT
rm -f "$src"
[ -z "${1:-}" ] && rm -rf "$data"
