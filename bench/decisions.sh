#!/usr/bin/env bash
# Decisions benchmark: issue (number + PDF with embedded CJK font + seal + audit), download,
# verification by file, minutes PDF, then the audit chain check. Figures go to
# target/bench/decisions.txt; record them in bench/RESULTS.md. Not part of `mvn verify`.
#   bench/decisions.sh                       # embedded H2
#   bench/decisions.sh postgresql <jdbc-url> # e.g. jdbc:postgresql://127.0.0.1:5432/liandong_bench (it is wiped)
# Knobs: -Dbench.decisions -Dbench.warmup via BENCH_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-h2}" == postgresql ]]; then
  export LIANDONG_DB=postgresql LIANDONG_DB_URL="${2:?jdbc url}" LIANDONG_DB_USERNAME="${LIANDONG_DB_USERNAME:-postgres}"
fi
mvn -B -q test -Dtest=DecisionBenchmark -Dsurefire.failIfNoSpecifiedTests=false ${BENCH_OPTS:-} \
  -Dquarkus.log.category.\"org.liandong\".level=WARN
cat target/bench/decisions.txt
