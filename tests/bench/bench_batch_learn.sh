# Learning the translation table from the whole batch (align --learn-batch):
# opus-books-dev cut into documents of 20, 50 and 200 gold beads, strict F1
# pooled per language pair, with and without --learn-batch and the FreeDict
# lexicon (tests/bench/batch_learn.py says how). Usage: sh bench_batch_learn.sh BUILD
build=${1:-build}
if ! command -v python3 >/dev/null 2>&1; then
  echo "batch_learn: skip (no python3)"
  exit 0
fi
exec python3 tests/bench/batch_learn.py --align "$build/align" \
  --shared "${TANDEM_SHARED:-../shared}" --windows "${WINDOWS:-20,50,200}"
