#!/usr/bin/env bash
# Scheduling benchmark: 2,000 people and 10,000 sessions seeded into a fresh database, then the
# clash check and the create call timed over HTTP (p50/p95/p99). Figures go to
# target/bench/sessions.txt; record them in bench/RESULTS.md. Not part of `mvn verify`.
#   bench/sessions.sh                      # embedded H2
#   bench/sessions.sh postgresql <jdbc-url> # e.g. jdbc:postgresql://127.0.0.1:5432/liandong_bench (it is wiped)
# Knobs: -Dbench.people -Dbench.sessions -Dbench.samples -Dbench.warmup via BENCH_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-h2}" == postgresql ]]; then
  export LIANDONG_DB=postgresql LIANDONG_DB_URL="${2:?jdbc url}" LIANDONG_DB_USERNAME="${LIANDONG_DB_USERNAME:-postgres}"
fi
mvn -B -q test -Dtest=SchedulingBenchmark -Dsurefire.failIfNoSpecifiedTests=false ${BENCH_OPTS:-} \
  -Dquarkus.log.category.\"org.liandong\".level=WARN
cat target/bench/sessions.txt
