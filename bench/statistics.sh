#!/usr/bin/env bash
# Statistics benchmark: seeds bench.projects (default 100,000) decided projects over 2025, then times
# one year of statistics and one month's ranking next to a bare count(*) reference. Figures go to
# target/bench/statistics.txt; record them in bench/RESULTS.md. Not part of `mvn verify`.
#   bench/statistics.sh                       # embedded H2
#   bench/statistics.sh postgresql <jdbc-url> # e.g. jdbc:postgresql://127.0.0.1:5432/liandong_bench (it is wiped)
# Knobs: -Dbench.projects -Dbench.rounds -Dbench.warmup via BENCH_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-h2}" == postgresql ]]; then
  export LIANDONG_DB=postgresql LIANDONG_DB_URL="${2:?jdbc url}" LIANDONG_DB_USERNAME="${LIANDONG_DB_USERNAME:-postgres}"
fi
mvn -B -q test -Dtest=StatisticsBenchmark -Dsurefire.failIfNoSpecifiedTests=false ${BENCH_OPTS:-} \
  -Dquarkus.log.category.\"org.liandong\".level=WARN
cat target/bench/statistics.txt
