# Option values (toolkit/programs/options.c, shared by both programs): the
# same spellings are taken and refused by align and summarize. A value that
# is not a finite number in range, has trailing junk, a sign where none
# belongs or a fraction where a count is wanted is bad usage (exit 1), never
# taken as something else (summarize took "nan" as a weight and went on).
. tests/e2e/lib.sh
ALIGN="$BIN/align" SUMMARIZE="$BIN/summarize"
ES=corpora/seed/es.txt FR=corpora/seed/fr.txt

for v in nan inf -inf 1x ""; do
  expect_status "summarize --title-weight '$v' is bad usage" 1 "$SUMMARIZE" --lang fr --title-weight "$v" "$FR"
  expect_status "align --min-score '$v' is bad usage" 1 "$ALIGN" -q --min-score "$v" "$ES" "$FR"
done
expect_status "summarize --title-weight 0.5 is taken" 0 "$SUMMARIZE" --lang fr --title-weight 0.5 "$FR"
expect_status "summarize --lambda 1e0 is taken" 0 "$SUMMARIZE" --lang fr --lambda 1e0 "$FR"
expect_status "align --min-score 0.5 is taken" 0 "$ALIGN" -q --min-score 0.5 "$ES" "$FR"

# Counts: digits only, in range.
for v in 2.0 +2 " 2" -1 0 2x 1e1; do
  expect_status "align -j '$v' is bad usage" 1 "$ALIGN" -q -j "$v" --jsonl </dev/null
  expect_status "summarize -j '$v' is bad usage" 1 "$SUMMARIZE" --lang fr -j "$v" "$FR"
done
expect_status "align --max-bead 8 is bad usage (1 to 7)" 1 "$ALIGN" -q --max-bead 8 "$ES" "$FR"
expect_status "align --max-bead 2 is taken" 0 "$ALIGN" -q --max-bead 2 "$ES" "$FR"
expect_status "summarize -n 2 is taken" 0 "$SUMMARIZE" --lang fr -n 2 "$FR"
expect_status "summarize -n 0 is bad usage" 1 "$SUMMARIZE" --lang fr -n 0 "$FR"
expect_status "summarize -r 0 is bad usage" 1 "$SUMMARIZE" --lang fr -r 0 "$FR"
expect_status "summarize -r 1 is taken" 0 "$SUMMARIZE" --lang fr -r 1 "$FR"

# Byte counts: the same rule in both programs.
for v in -1 1T 1KB " 1K" 99999999999999999999G; do
  expect_status "align --max-input '$v' is bad usage" 1 "$ALIGN" -q --max-input "$v" "$ES" "$FR"
  expect_status "summarize --max-input '$v' is bad usage" 1 "$SUMMARIZE" --lang fr --max-input "$v" "$FR"
done
expect_status "align --max-input 1M is taken" 0 "$ALIGN" -q --max-input 1M "$ES" "$FR"
expect_status "summarize --max-input 1M is taken" 0 "$SUMMARIZE" --lang fr --max-input 1M "$FR"

# Corpus-building options on one pair: refused, naming the option (they were
# ignored: "--resume" aligned from scratch, "-j 8" ran one thread silently).
for o in "-j 2" "--resume" "--limit 3" "--report $TMP/r.tsv" "--reject-below 0.5" "--learn-batch"; do
  expect_status "align $o without a batch is bad usage" 1 "$ALIGN" -q $o "$ES" "$FR"
  check "align $o without a batch: the message names ${o%% *}" \
    grep -q -- "${o%% *} is for corpus building" "$TMP/err"
done
check "align --report without a batch writes no report" test ! -e "$TMP/r.tsv"
expect_status "align --paragraphs line is taken" 0 "$ALIGN" -q --paragraphs line "$ES" "$FR"
expect_status "align --paragraphs lines is bad usage" 1 "$ALIGN" -q --paragraphs lines "$ES" "$FR"
expect_status "align --align-paragraphs off is taken" 0 "$ALIGN" -q --align-paragraphs off "$ES" "$FR"
expect_status "align --align-paragraphs no is bad usage" 1 "$ALIGN" -q --align-paragraphs no "$ES" "$FR"
