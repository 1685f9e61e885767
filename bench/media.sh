#!/usr/bin/env bash
# Media figures on this machine (Janus, coturn and webrtc-java peers on loopback): first remote
# frame in mesh and via Janus, frame rates, eight-participant sfu room, recovery after kill -9 of
# Janus, CPU of the service's Janus signaling and of Janus itself, janus-pp-rec time.
# Usage: bench/media.sh   (needs: apt-get install -y janus janus-tools coturn libpulse0)
# The tests assert behaviour only; they print the figures as MEDIA-FIGURE lines, collected here.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
mvn -B -q test -Dtest='MeshFirstFrameTest,MeshRoomFigureTest,JanusSfuTest,SfuRoomTest,SfuRoomSocketTest,RecordingTest,JanusPoolTest' >"$log" 2>&1 \
  || { tail -50 "$log"; exit 1; }
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
grep -h '^MEDIA-FIGURE' "$log" | sed 's/^MEDIA-FIGURE /- /'
rm -f "$log"
