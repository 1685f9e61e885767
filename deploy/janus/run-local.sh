#!/usr/bin/env bash
# Start Janus (VideoRoom + WebSocket transport only) on this machine, for tests, CI and local
# development. Prints nothing but errors; returns once the WebSocket API accepts connections.
#   JANUS_DIR        work dir for rendered configs, log, pid, recordings (default target/janus)
#   JANUS_WS_PORT    WebSocket API port on 127.0.0.1 (default 8188)
#   JANUS_RTP_RANGE  RTP port range (default 20000-20999)
#   JANUS_API_SECRET / JANUS_ADMIN_KEY  must match liandong.media.janus.* (defaults for local use)
# Stop it with: kill "$(cat "$JANUS_DIR/janus.pid")"
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="$(mkdir -p "${JANUS_DIR:-target/janus}" && cd "${JANUS_DIR:-target/janus}" && pwd)"
port="${JANUS_WS_PORT:-8188}"
command -v janus >/dev/null || { echo "janus is not installed (apt-get install -y janus janus-tools)" >&2; exit 3; }
# Janus ignores loopback for ICE; the first global interface is routed locally anyway.
iface="$(ip -o -4 addr show scope global | awk '{print $2; exit}')"
[ -n "$iface" ] || { echo "no non-loopback IPv4 interface for Janus ICE" >&2; exit 3; }
mkdir -p "$dir/conf" "$dir/recordings"
for f in janus.jcfg janus.transport.websockets.jcfg janus.plugin.videoroom.jcfg; do
  sed -e "s|@CONFIGS@|$dir/conf|" -e "s|@API_SECRET@|${JANUS_API_SECRET:-liandong-local-janus}|" \
      -e "s|@ADMIN_KEY@|${JANUS_ADMIN_KEY:-liandong-local-admin}|" -e "s|@RTP_RANGE@|${JANUS_RTP_RANGE:-20000-20999}|" \
      -e "s|@ICE_INTERFACE@|$iface|" -e "s|@WS_IP@|127.0.0.1|" -e "s|@WS_PORT@|$port|" \
      "$here/$f" > "$dir/conf/$f"
done
if [ -f "$dir/janus.pid" ] && kill -0 "$(cat "$dir/janus.pid")" 2>/dev/null; then
  kill "$(cat "$dir/janus.pid")"; sleep 1
fi
janus -F "$dir/conf" -C "$dir/conf/janus.jcfg" -N -L "$dir/janus.log" >/dev/null 2>&1 &
echo $! > "$dir/janus.pid"
for _ in $(seq 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then exit 0; fi
  kill -0 "$(cat "$dir/janus.pid")" 2>/dev/null || { echo "janus exited, see $dir/janus.log" >&2; tail -20 "$dir/janus.log" >&2; exit 1; }
  sleep 0.1
done
echo "janus did not open port $port, see $dir/janus.log" >&2; exit 1
