#!/usr/bin/env bash
# kill -9 of a room's owner, N times (default 10), with three packaged nodes behind HAProxy and three
# webrtc-java mesh peers plus a lobby applicant (OwnerKilledTest with LIANDONG_FAILOVER_KILLS=N:
# after each kill the killed node is restarted; the rolling-restart and stale-owner parts are skipped).
# Reports p50/p95 (nearest rank) of kill -> every client resumed and kill -> frames counted again on
# every peer from every other, with the same run's plain reconnect to a live owner as reference; then
# relay throughput of one room (5,000 candidate-sized messages, chair -> city.nr, the flood limit
# lifted) through HAProxy against straight to the owner node.
# Usage: LIANDONG_DB_URL=jdbc:postgresql://127.0.0.1:5432/<db> bench/cluster-failover.sh [kills]
# Needs what OwnerKilledTest needs: LIANDONG_DB=postgresql mvn -B package -DskipTests first,
# haproxy, Redis on 127.0.0.1:6379 (DB 5, a key prefix per run), PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
kills="${1:-10}"
: "${LIANDONG_DB_URL:?set LIANDONG_DB_URL (the PostgreSQL database the nodes and the test share)}"
log="target/cluster-failover-$(date -u +%Y%m%dT%H%M%SZ).log"
mkdir -p target
echo "start $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
LIANDONG_CLUSTER_TEST=true LIANDONG_FAILOVER_KILLS="$kills" LIANDONG_DB=postgresql \
  LIANDONG_DB_USERNAME="${LIANDONG_DB_USERNAME:-postgres}" \
  mvn -B test -Dtest=OwnerKilledTest > "$log" 2>&1 || { echo "test failed: see $log" >&2; tail -30 "$log" >&2; exit 1; }
echo "end   $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
grep -o 'FAILOVER-FIGURE.*' "$log"
grep -o 'RELAY-FIGURE.*' "$log"
pct() { # pct FIELD P: nearest-rank percentile of FIELD over the kills
  grep -o "$1=[0-9]*" "$log" | cut -d= -f2 | sort -n | awk -v p="$2" '{v[NR]=$1} END {r=int((p*NR+99)/100); if (r<1) r=1; print v[r]}'
}
n=$(grep -c 'FAILOVER-FIGURE' "$log")
echo "kills: $n"
for f in resumed_ms frames_ms same_node_reconnect_ms; do
  echo "$f: p50 $(pct "$f" 50), p95 $(pct "$f" 95), max $(pct "$f" 100)"
done
for path in haproxy direct; do
  echo "relay via $path, msg/s of each run: $(grep -o "RELAY-FIGURE path=$path msgs=[0-9]* msg_per_s=[0-9]*" "$log" | sed 's/.*=//' | tr '\n' ' ')"
done
