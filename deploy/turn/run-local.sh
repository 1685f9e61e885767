#!/usr/bin/env bash
# Start coturn on loopback for tests, CI and local development (turnserver.loopback.conf).
#   TURN_DIR     work dir for rendered config, log, pid (default target/turn)
#   TURN_PORT    listening port on 127.0.0.1 (default 3478)
#   TURN_RELAY_PORTS  relay port range (default 49160-49200)
#   TURN_SECRET  shared secret, must match liandong.media.turn.secret (default for local use)
# Stop it with: kill "$(cat "$TURN_DIR/turnserver.pid")"
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="$(mkdir -p "${TURN_DIR:-target/turn}" && cd "${TURN_DIR:-target/turn}" && pwd)"
port="${TURN_PORT:-3478}"
range="${TURN_RELAY_PORTS:-49160-49200}"
command -v turnserver >/dev/null || { echo "coturn is not installed (apt-get install -y coturn)" >&2; exit 3; }
relay_ip="$(ip -o -4 addr show scope global | awk '{split($4, a, "/"); print a[1]; exit}')"
relay_ip="${relay_ip:-127.0.0.1}"
sed -e "s|@PORT@|$port|" -e "s|@RELAY_IP@|$relay_ip|" -e "s|@MIN_PORT@|${range%-*}|" -e "s|@MAX_PORT@|${range#*-}|" \
    -e "s|@SECRET@|${TURN_SECRET:-liandong-local-turn}|" -e "s|@DIR@|$dir|" \
    "$here/turnserver.loopback.conf" > "$dir/turnserver.conf"
if [ -f "$dir/turnserver.pid" ] && kill -0 "$(cat "$dir/turnserver.pid")" 2>/dev/null; then
  kill "$(cat "$dir/turnserver.pid")"; sleep 1
fi
rm -f "$dir/turnserver.pid"
turnserver -c "$dir/turnserver.conf" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 100); do
  if [ -s "$dir/turnserver.pid" ] && grep -q "$port" <(ss -lun 2>/dev/null); then echo "$pid" > "$dir/turnserver.pid"; exit 0; fi
  kill -0 "$pid" 2>/dev/null || { echo "turnserver exited, see $dir/turnserver.log" >&2; tail -20 "$dir/turnserver.log" >&2; exit 1; }
  sleep 0.1
done
echo "turnserver did not open port $port, see $dir/turnserver.log" >&2; exit 1
