#!/usr/bin/env bash
# Issuing cost: render + detached signature (the way before issue 17) against render + embedded
# PAdES B-B with the seal, and B-T with a loopback time-stamp authority, interleaved in one run.
# Also fonts parsed once and shared against parsed per render (target/bench/fonts.txt).
# Figures go to target/bench/sealing.txt; record them in bench/RESULTS.md. Not part of `mvn verify`.
# Knobs: -Dbench.rounds -Dbench.warmup via BENCH_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test -Dtest=SealingBenchmark -Dsurefire.failIfNoSpecifiedTests=false ${BENCH_OPTS:-}
cat target/bench/sealing.txt target/bench/fonts.txt
