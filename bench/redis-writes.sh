#!/usr/bin/env bash
# Redis writes per second per active room on a cluster node (issue 13): one node, the cluster on,
# the local Redis (DB 5, own key prefix), N rooms each with a chair and an official sending chat
# lines at RATE per second, then idle as long. Figures land in target/redis-writes.txt; copy them
# into bench/RESULTS.md with the date and the machine's load.
#   bench/redis-writes.sh [rooms] [rate per room] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
rooms=${1:-10}; rate=${2:-10}; seconds=${3:-15}
rm -f target/redis-writes.txt
mvn -B -q test -Dtest=SnapshotWritesBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.rooms="$rooms" -Dbench.rate="$rate" -Dbench.seconds="$seconds" \
  -Dquarkus.log.category.\"org.liandong\".level=WARN -Dquarkus.log.level=WARN
cat target/redis-writes.txt
