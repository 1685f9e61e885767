#!/usr/bin/env bash
# Room socket load benchmark (issue 7): service and load generator in one JVM on loopback.
# Relays 2 KB offer-sized messages between 1,000 participants in 100 rooms at 10,000 msg/s,
# then counts idle connected participants. Figures land in target/room-bench.txt; copy them
# into bench/RESULTS.md with the date and machine.
#   bench/room-bench.sh [rooms] [rate] [seconds] [idle]
set -euo pipefail
cd "$(dirname "$0")/.."
rooms=${1:-100}; rate=${2:-10000}; seconds=${3:-20}; idle=${4:-8000}
rm -f target/room-bench.txt
# The room's own flood limit stays on; the benchmark stays far below it (10 msg/s per participant).
mvn -B -q test -Dtest=RoomBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.rooms="$rooms" -Dbench.rate="$rate" -Dbench.seconds="$seconds" -Dbench.idle="$idle" \
  -DargLine="-Xmx1g" -Dquarkus.log.category.\"org.liandong\".level=WARN -Dquarkus.log.level=WARN
cat target/room-bench.txt
