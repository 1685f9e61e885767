#!/usr/bin/env bash
# Measures the packaged app: time from process launch to /q/health/ready answering 200, and its
# resident memory at ready and after 10 s idle. Usage: bench/startup.sh [runs]  (package first: mvn package -DskipTests)
# Environment: JAVA_OPTS (JVM options to compare), PORT (default 18080).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
port=${PORT:-18080}
jar=target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "package the app first: mvn -q package -DskipTests"; exit 1; }
data=$(mktemp -d)
# First start seeds the demo directory (bcrypt hashing); measure warm starts after it.
for i in $(seq 0 "$runs"); do
  start=$(date +%s%N)
  java ${JAVA_OPTS:-} -Dquarkus.http.port=$port -Dliandong.data-dir="$data" -jar "$jar" >"$data/log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null; do sleep 0.02; done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  # CPU the JVM spent getting ready (user+system ticks): unlike wall time, barely moved by other load.
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / hz}' /proc/$pid/stat)
  ready_rss=$(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 ))
  sleep 10
  rss=$(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 ))
  kill $pid; wait $pid 2>/dev/null || true
  label=$([ "$i" = 0 ] && echo "first start (seeds demo)" || echo "run $i")
  echo "$label: ready in ${ready} ms (CPU ${cpu} ms), RSS at ready ${ready_rss} MB, idle RSS ${rss} MB, load average $(cut -d' ' -f1 /proc/loadavg)"
done
rm -rf "$data"
