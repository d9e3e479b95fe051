#!/bin/sh
# Runs every benchmark: built C benchmarks (BUILD/bench/bench_*) and scripts
# tests/bench/bench_*.sh (given the build directory). Benchmarks print their
# figures; they never fail on a figure, only on an error.
build=${1:-build}
export TANDEM_BIN="$build" TANDEM_MODELS="$PWD/models" TANDEM_SHARED="${TANDEM_SHARED:-$PWD/../shared}"
status=0
for b in "$build"/bench/bench_*; do
  [ -x "$b" ] || continue
  echo "== $(basename "$b")"
  "$b" || { echo "bench: $b failed"; status=1; }
done
for s in tests/bench/bench_*.sh; do
  [ -f "$s" ] || continue
  echo "== $(basename "$s")"
  sh "$s" "$build" || { echo "bench: $s failed"; status=1; }
done
exit $status
