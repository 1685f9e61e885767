#!/usr/bin/env bash
# Start N Liandong nodes on loopback behind HAProxy, sharing one PostgreSQL and one Redis (issue 13,
# docs/cluster.md). For tests, CI and trying failover by hand; returns once HAProxy answers.
#   run-local.sh [N]        start N nodes (default 3) on ports BASE+1..BASE+N, HAProxy on BASE
#   run-local.sh stop       stop everything this script started (SIGTERM: nodes hand their rooms over)
#   run-local.sh restart I  restart node I of a running set: SIGTERM (it drains), wait for its exit,
#                           start it again and wait until it is ready; a node found dead is just started
# Needs: the app packaged for PostgreSQL (LIANDONG_DB=postgresql mvn -B package -DskipTests), a
# running PostgreSQL and Redis, and Debian's haproxy.
#   CLUSTER_DIR     work dir: rendered haproxy.cfg, node data dirs, logs, pids (default target/cluster)
#   CLUSTER_BASE    HAProxy port; node i listens on BASE+i (default 18080)
#   LIANDONG_DB_URL / LIANDONG_DB_USERNAME / LIANDONG_DB_PASSWORD   the shared PostgreSQL
#   LIANDONG_CLUSTER_REDIS_URL   the shared Redis (default redis://127.0.0.1:6379/0)
#   LIANDONG_CLUSTER_KEY_PREFIX  Redis key prefix (default liandong:)
#   LIANDONG_SESSION_KEY, LIANDONG_SESSIONS_JOIN_TOKEN_SECRET, LIANDONG_CLUSTER_SECRET   shared by every
#                   node; generated into CLUSTER_DIR/secrets when unset
#   CLUSTER_MAXCONN HAProxy maxconn for the local run (default a quarter of ulimit -n)
#   JAVA_OPTS       extra JVM options for every node
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="$(mkdir -p "${CLUSTER_DIR:-target/cluster}" && cd "${CLUSTER_DIR:-target/cluster}" && pwd)"
base="${CLUSTER_BASE:-18080}"

stop_all() {
  for f in "$dir"/*.pid; do
    [ -f "$f" ] || continue
    kill "$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  done
}
if [ "${1:-}" = "stop" ]; then stop_all; exit 0; fi
restart="" n="${1:-3}"
if [ "${1:-}" = "restart" ]; then restart="${2:?restart which node (1..N)?}"; fi
command -v haproxy >/dev/null || { echo "haproxy is not installed (apt-get install -y haproxy)" >&2; exit 3; }
jar="${LIANDONG_JAR:-target/quarkus-app/quarkus-run.jar}"
[ -f "$jar" ] || { echo "no $jar: LIANDONG_DB=postgresql mvn -B package -DskipTests" >&2; exit 3; }
: "${LIANDONG_DB_URL:?set LIANDONG_DB_URL to the shared PostgreSQL (jdbc:postgresql://...)}"
[ -n "$restart" ] || stop_all

# Every node shares these secrets (sign-in cookies, join links and the MAC on what nodes write to
# Redis must work on any node): taken from the environment, else generated once per work dir (mode 0600).
secret() { head -c 32 /dev/urandom | base64 | tr -d '=+/'; }
secret_file="$dir/secrets"
(umask 077
 [ -f "$secret_file" ] || printf 'LIANDONG_SESSION_KEY=%s\nLIANDONG_SESSIONS_JOIN_TOKEN_SECRET=%s\n' \
   "${LIANDONG_SESSION_KEY:-$(secret)x}" "${LIANDONG_SESSIONS_JOIN_TOKEN_SECRET:-$(secret)y}" > "$secret_file"
 grep -q '^LIANDONG_CLUSTER_SECRET=' "$secret_file" ||
   printf 'LIANDONG_CLUSTER_SECRET=%s\n' "${LIANDONG_CLUSTER_SECRET:-$(secret)z}" >> "$secret_file")
set -a; . "$secret_file"; set +a

start_node() {
  local i="$1" port=$((base + $1))
  mkdir -p "$dir/node$i"
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -Dquarkus.http.port="$port" -Dliandong.data-dir="$dir/node$i" \
    -Dliandong.cluster.enabled=true -Dliandong.cluster.node-id="node$i" \
    -Dliandong.materials.store=database -Dliandong.demo.history=false \
    -jar "$jar" >> "$dir/node$i.log" 2>&1 &
  echo $! > "$dir/node$i.pid"
}
wait_ready() {
  local port="$1" pidfile="$2"
  for _ in $(seq 1200); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; then return 0; fi
    kill -0 "$(cat "$pidfile")" 2>/dev/null || { echo "exited during start-up: see ${pidfile%.pid}.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "not ready on $port within 240 s: see ${pidfile%.pid}.log" >&2; exit 1
}
if [ -n "$restart" ]; then
  pidfile="$dir/node$restart.pid"
  if [ -f "$pidfile" ] && kill -TERM "$(cat "$pidfile")" 2>/dev/null; then
    # The drain is bounded by Quarkus' shutdown timeout (30 s); wait a little longer before giving up.
    for _ in $(seq 200); do kill -0 "$(cat "$pidfile")" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$(cat "$pidfile")" 2>/dev/null; then echo "node$restart did not stop within 40 s" >&2; exit 1; fi
  fi
  echo "--- restart $(date -u +%FT%TZ)" >> "$dir/node$restart.log"
  start_node "$restart"
  wait_ready $((base + restart)) "$pidfile"
  echo "liandong: node$restart restarted"; exit 0
fi

# HAProxy: the shipped file with one server line per node.
servers=""
for i in $(seq "$n"); do servers="$servers    server node$i 127.0.0.1:$((base + i))\n"; done
# maxconn: a local shell's descriptor limit, not production's (haproxy refuses to start above it).
maxconn="${CLUSTER_MAXCONN:-$(( $(ulimit -n) / 4 ))}"
awk -v servers="$servers" -v front="127.0.0.1:$base" -v maxconn="$maxconn" '
  /# node$/ { if (!done[section]++) printf "%s", servers; next }
  /^backend / { section = $2 }
  /^    bind 127.0.0.1:/ { print "    bind " front; next }
  /^    maxconn / { print "    maxconn " maxconn; next }
  { print }' "$here/../haproxy/haproxy.cfg" | sed 's/\\n/\n/g' > "$dir/haproxy.cfg"
haproxy -c -q -f "$dir/haproxy.cfg"

# The first node migrates and seeds the demo directory alone; the others then start together.
start_node 1
wait_ready $((base + 1)) "$dir/node1.pid"
for i in $(seq 2 "$n"); do start_node "$i"; done
for i in $(seq 2 "$n"); do wait_ready $((base + i)) "$dir/node$i.pid"; done

haproxy -f "$dir/haproxy.cfg" -D -p "$dir/haproxy.pid"
for _ in $(seq 50); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$base/q/health/ready" 2>/dev/null; then
    echo "liandong: $n nodes behind http://127.0.0.1:$base (logs and pids in $dir)"; exit 0
  fi
  sleep 0.1
done
echo "haproxy did not answer on $base" >&2; exit 1
