# Alignment accuracy on the gold sets (../shared/EVAL.md): strict and lax
# precision, recall and F1 per set, micro-averaged over its documents, as
# `align --eval-list models/align/dev.list` (and heldout.list) prints them, with the hunalign
# figures of the same sets for comparison. Usage: sh bench_align_eval.sh BUILD
build=${1:-build}
shared=${TANDEM_SHARED:-../shared}
if [ ! -d "$shared/corpora/textberg-de-fr-dev" ]; then
  echo "align eval: skip ($shared/corpora absent)"
  exit 0
fi
export TANDEM_SHARED="$shared"
start=$(date +%s.%N)
"$build/align" -q --eval-list models/align/dev.list || exit 1
echo "held out (opus-books-dev, the even books; never fitted on):"
"$build/align" -q --eval-list models/align/heldout.list || exit 1
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "(all sets aligned in %.1f s)\n", e - s }'
echo "hunalign strict F1 (issue figures): textberg 0.659 (null dictionary); transread 0.861 (paragraph breaks), 0.843 (none)"
echo "before issue #12 (no refine.c): seed 1.0000, textberg 0.8511, transread 0.9207, opus-fit 0.8827, opus-held 0.7915;"
echo "  many-to-many precision / gold 1-1 merged: textberg 0.684 / 14, transread 0.333 / 56, opus-fit 0.148 / 744, opus-held 0.124 / 567"
