#!/bin/sh
# End-to-end tests of align --batch --learn-batch: a translation table learnt
# from the whole batch aligns documents too small to learn one alone.
. tests/e2e/lib.sh

ALIGN="$BIN/align"
if ! "$ALIGN" --help 2>/dev/null | grep -q -- '--learn-batch'; then
  skip "align has no --learn-batch"
  exit 0
fi
D="$TMP/docs"
mkdir -p "$D"
(cd "$D" && awk -f "$OLDPWD/tests/data/learn-batch/gen.awk") || { fail "cannot write the documents"; exit 0; }
BATCH="--batch $D/manifest.tsv --presplit --lexicon none --types all --reject-below 0 -f tsv"
RUN="$BATCH --learn-batch"
# The beads of document "test", in order, on one line.
beads() { grep '^test	' "$1" | cut -f5 | tr '\n' ' '; }
GOLD='[0]:[0] [1]:[1] [2]:[2] [3]:[] [4]:[3] [5]:[4] [6]:[5] [7]:[6] '

# Alone, 8 sentences of equal length teach nothing (IBM1 needs 20 confident
# beads) and nothing else tells where the omission is: the premise.
"$ALIGN" $BATCH -j 2 -q -o "$TMP/alone.tsv" 2>"$TMP/err"
check "without --learn-batch the omission is misplaced (premise of the test)" \
  test "$(beads "$TMP/alone.tsv")" != "$GOLD"

expect_status "--learn-batch runs" 0 "$ALIGN" $RUN -j 2 -o "$TMP/j2.tsv"
check "the test document is aligned as its gold" test "$(beads "$TMP/j2.tsv")" = "$GOLD"
check "the figures of the table are printed" \
  grep -q '^align: learnt from the batch: 80 word pairs, from 366 of 366 confident sentence pairs$' \
  "$TMP/err"
check "every other document is aligned 1-1" \
  test "$(grep -v '^test	' "$TMP/j2.tsv" | cut -f5 | grep -c -v '^\[\([0-5]\)\]:\[\1\]$')" -eq 0

# The table, hence the output, does not depend on the threads.
"$ALIGN" $RUN -j 1 -q -o "$TMP/j1.tsv" 2>/dev/null
"$ALIGN" $RUN -j 3 -q -o "$TMP/j3.tsv" 2>/dev/null
check "-j 1, 2 and 3 write the same bytes" sh -c "cmp -s '$TMP/j1.tsv' '$TMP/j2.tsv' && cmp -s '$TMP/j1.tsv' '$TMP/j3.tsv'"

# Stopped and resumed, the learning pass reads every pair again (those done
# included; stopped before "test", which alone would learn nothing): the result
# is that of one run.
expect_status "--limit stops the run" 0 "$ALIGN" $RUN -j 2 -q --limit 60 -o "$TMP/r.tsv"
check "a stopped run leaves its part" test -f "$TMP/r.tsv.part"
expect_status "--resume finishes it" 0 "$ALIGN" $RUN -j 2 -q --resume -o "$TMP/r.tsv"
check "a stopped and resumed run writes what one run writes" cmp -s "$TMP/j2.tsv" "$TMP/r.tsv"

# JSON Lines: read twice when standard input is a file; refused from a pipe.
awk -F'\t' '{
  s = ""; while ((getline l < ("'"$D"'/" $1)) > 0) s = s l "\\n"
  t = ""; while ((getline l < ("'"$D"'/" $2)) > 0) t = t l "\\n"
  printf "{\"id\":\"%s\",\"src\":\"%s\",\"tgt\":\"%s\",\"src_lang\":\"en\",\"tgt_lang\":\"fr\"}\n", $3, s, t
}' "$D/manifest.tsv" >"$TMP/in.jsonl"
"$ALIGN" --jsonl --learn-batch --presplit --lexicon none --types all --reject-below 0 -q \
  <"$TMP/in.jsonl" >"$TMP/out.jsonl" 2>"$TMP/err"
check "--jsonl < FILE: every document once" test "$(wc -l <"$TMP/out.jsonl")" -eq 61
check "--jsonl < FILE: the omission found" \
  grep -q '^{"id":"test".*"src_ids":\[3\],"tgt_ids":\[\]' "$TMP/out.jsonl"
expect_status "--jsonl from a pipe is refused (exit 1)" 1 \
  sh -c "cat '$TMP/in.jsonl' | '$ALIGN' --jsonl --learn-batch --presplit -q"
check "the refusal says why" grep -q 'reads the input twice' "$TMP/err"
expect_status "--learn-batch without a batch is bad usage" 1 \
  "$ALIGN" --learn-batch "$D/test.src" "$D/test.tgt"
