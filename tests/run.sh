#!/bin/sh
# Runs every unit test binary of one build and every end-to-end script, and
# prints one closing line "tests: N passed, N failed, N skipped".
# Usage: sh tests/run.sh BUILD_DIR   (from the repository root)
build=${1:-build}
export TANDEM_BIN="$build" TANDEM_MODELS="$PWD/models" TANDEM_SHARED="${TANDEM_SHARED:-$PWD/../shared}"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=86"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
passed=0 failed=0 skipped=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "$build"/tests/test_*; do
  [ -x "$t" ] || continue
  "$t" >"$log" 2>&1; rc=$?
  p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
  f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
  s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi   # crash or sanitizer report
  if [ "$f" -ne 0 ]; then cat "$log"; echo "FAILED: $t"; fi
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  echo "unit: $(basename "$t"): $p passed, $f failed, $s skipped"
done
for e in tests/e2e/test_*.sh; do
  [ -f "$e" ] || continue
  sh "$e" >"$log" 2>&1; rc=$?
  p=$(grep -c '^PASS:' "$log"); f=$(grep -c '^FAIL:' "$log"); s=$(grep -c '^SKIP:' "$log")
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "FAIL: $e exited $rc" >>"$log"; fi
  if [ "$f" -ne 0 ]; then grep -v '^PASS:' "$log"; fi
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  echo "e2e: $(basename "$e"): $p passed, $f failed, $s skipped"
done
# Fuzz targets built as replay programs: each must survive its corpus and
# the sample files without a crash or sanitizer report.
for z in "$build"/fuzz/fuzz_*; do
  [ -x "$z" ] || continue
  n=$(basename "$z")
  if "$z" corpora/seed/* $(ls -d tests/fuzz/corpus/"$n"/* 2>/dev/null) >"$log" 2>&1; then
    passed=$((passed + 1)); echo "fuzz: $n: replay passed"
  else
    failed=$((failed + 1)); cat "$log"; echo "fuzz: $n: replay FAILED"
  fi
done
# The layering of toolkit/ (includes and the objects' call graph).
if sh tests/layers.sh "$build" >"$log" 2>&1; then
  passed=$((passed + 1)); echo "layers: passed"
else
  failed=$((failed + 1)); cat "$log"; echo "layers: FAILED"
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
