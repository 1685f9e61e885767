#!/usr/bin/env bash
# Side-by-side signaling benchmark (issue 14): the same Node load generator (load.mjs, its own
# process) against the PeerJS 1.0.2 server from npm and Liandong's packaged jar (embedded H2), in
# one run, alternating, a fresh server process for every run. Writes target/signaling-bench.md
# (markdown table with ratios) and target/signaling-bench.jsonl (every run's figures).
#
#   mvn -q package -DskipTests      # once: the jar under test
#   bench/signaling/run.sh [runs=2] [rooms=20] [rate=2000] [seconds=15]
#
# Environment: JAVA_OPTS (the jar's JVM options, default the documented -Xmx512m), PER_ROOM (10),
# BYTES (2048), WARMUP (5 s), JOIN_CONCURRENCY (50).
#
# Bench-only settings, passed on the jar's command line and never shipped:
#   liandong.sessions.join-lead=P60D  the bench's sessions take consecutive working-hour slots
#                                     over the next weeks (same ten people in every room, so the
#                                     clash check refuses overlaps); a long lead makes all of them
#                                     joinable now.
#   liandong.demo.history=false       no six months of demo cases written in the background.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${1:-2}; rooms=${2:-20}; rate=${3:-2000}; seconds=${4:-15}
per_room=${PER_ROOM:-10}; bytes=${BYTES:-2048}; warmup=${WARMUP:-5}; conc=${JOIN_CONCURRENCY:-50}
java_opts=${JAVA_OPTS--Xmx512m}
jar=$root/target/quarkus-app/quarkus-run.jar
lport=${LIANDONG_PORT:-18471}; pport=${PEERJS_PORT:-18472}
[ -f "$jar" ] || { echo "package the app first: mvn -q package -DskipTests"; exit 1; }
[ -d "$here/node_modules/peer" ] || (cd "$here" && npm ci --no-audit --no-fund)
out=$root/target/signaling-bench; mkdir -p "$out"
jsonl=$root/target/signaling-bench.jsonl; : >"$jsonl"
tck=$(getconf CLK_TCK)
secret=signaling-bench-join-token-secret-0123456789

start_liandong() { # data dir
  java $java_opts -Dquarkus.http.port=$lport -Dliandong.data-dir="$1" \
    -Dliandong.sessions.join-lead=P60D -Dliandong.demo.history=false \
    -Dliandong.sessions.join-token-secret=$secret -jar "$jar" >"$1.log" 2>&1 &
  server=$!
  until curl -sf "http://127.0.0.1:$lport/q/health/ready" >/dev/null; do
    kill -0 $server 2>/dev/null || { echo "Liandong did not start; see $1.log"; exit 1; }
    sleep 0.1
  done
}
stop() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
trap stop EXIT

# Rooms through the API, once, into a template data directory that every Liandong run copies.
rm -rf "$out/template" "$out"/run-*
start_liandong "$out/template"
node "$here/setup-liandong.mjs" "http://127.0.0.1:$lport" "$rooms" "$out/rooms.json"
stop

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/uptime.txt"
for i in $(seq 1 "$runs"); do
  # Alternate which server goes first, so drift in the machine's load hits both alike.
  order="peerjs liandong"; [ $((i % 2)) = 0 ] && order="liandong peerjs"
  for s in $order; do
    if [ "$s" = peerjs ]; then
      node "$here/peer-server.mjs" $pport >"$out/peerjs-$i.log" 2>&1 &
      server=$!
      until curl -s -o /dev/null "http://127.0.0.1:$pport/"; do sleep 0.05; done
      url=ws://127.0.0.1:$pport
    else
      cp -a "$out/template" "$out/run-$i"
      start_liandong "$out/run-$i"
      url=ws://127.0.0.1:$lport
    fi
    load=$(cut -d' ' -f1 /proc/loadavg)
    node "$here/load.mjs" --server $s --url $url --pid $server --tokens "$out/rooms.json" \
      --rooms "$rooms" --per-room "$per_room" --rate "$rate" --warmup "$warmup" --seconds "$seconds" \
      --bytes "$bytes" --join-concurrency "$conc" --clk-tck "$tck" \
      | sed "s/^{/{\"run\":$i,\"load\":$load,/" | tee -a "$jsonl"
    stop
    rm -rf "$out/run-$i"
  done
done
uptime | tee -a "$out/uptime.txt"
node "$here/report.mjs" "$jsonl" "$(date -u +%FT%TZ)" "$(cat "$out/uptime.txt" | tr '\n' ' ')" \
  "runs=$runs rooms=$rooms per-room=$per_room rate=$rate msg/s seconds=$seconds warmup=$warmup bytes=$bytes join-concurrency=$conc JAVA_OPTS='$java_opts'" \
  | tee "$root/target/signaling-bench.md"
