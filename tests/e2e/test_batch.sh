#!/bin/sh
# End-to-end tests of corpus building (align --batch, --batch-dirs, --jsonl)
# and parallel summaries (summarize --parallel).
. tests/e2e/lib.sh

ALIGN="$BIN/align"
if ! "$ALIGN" --help 2>/dev/null | grep -q -- '--batch'; then
  skip "align has no --batch mode"
  exit 0
fi
ES=corpora/seed/es.txt
FR=corpora/seed/fr.txt

# A working set: the story six times, a binary source and a missing target.
mkdir -p "$TMP/es" "$TMP/fr"
for i in 1 2 3 4 5 6; do
  cp "$ES" "$TMP/es/000$i.txt"
  cp "$FR" "$TMP/fr/000$i.txt"
done
printf 'PK\003\004\000\000binary' > "$TMP/es/0007.txt"
cp "$FR" "$TMP/fr/0007.txt"
cp "$ES" "$TMP/es/0008.txt"
: > "$TMP/manifest.tsv"
for i in 1 2 3 4 5 6 7; do
  printf 'es/000%s.txt\tfr/000%s.txt\tdoc%s\tes\tfr\n' "$i" "$i" "$i" >> "$TMP/manifest.tsv"
done

# Failing pairs: reported with id and reason, skipped, exit status 2.
expect_status "manifest with a failing pair exits 2" 2 \
  "$ALIGN" --batch "$TMP/manifest.tsv" -j 1 -o "$TMP/j1.tsv" --report "$TMP/j1.report"
check "failing pair named on stderr" grep -q '^align: doc7: .*binary' "$TMP/err"
check "failing pair in the report" grep -q "^doc7	failed	" "$TMP/j1.report"
check "good pairs in the report" test "$(grep -c '	ok	es	fr	' "$TMP/j1.report")" -eq 6
check "corpus holds the six documents" \
  test "$(cut -f1 "$TMP/j1.tsv" | sort -u | tr '\n' ' ')" = "doc1 doc2 doc3 doc4 doc5 doc6 "
check "no temporary or journal left" \
  test -z "$(ls "$TMP" | grep -e '\.part$' -e '\.journal$' -e '\.tmp')"

# Determinism: -j 1 and -j 2 write the same bytes.
"$ALIGN" --batch "$TMP/manifest.tsv" -j 2 -q -o "$TMP/j2.tsv" --report "$TMP/j2.report" 2>/dev/null
check "-j 1 and -j 2 corpora are identical" cmp -s "$TMP/j1.tsv" "$TMP/j2.tsv"
check "-j 1 and -j 2 reports are identical" cmp -s "$TMP/j1.report" "$TMP/j2.report"

# Directories pair files by name; 0008 has no target.
expect_status "directories with unpaired files exit 2" 2 \
  "$ALIGN" --batch-dirs "$TMP/es" "$TMP/fr" --src-lang es --tgt-lang fr -f tmx \
  -o "$TMP/dirs.tmx"
check "unpaired file named" grep -q '^align: 0008.txt: ' "$TMP/err"
if command -v xmllint >/dev/null 2>&1; then
  check "batch TMX is well-formed XML" xmllint --noout "$TMP/dirs.tmx"
fi
check "TMX holds units of six documents" \
  test "$(grep -o '<prop type="x-document">[^<]*' "$TMP/dirs.tmx" | sort -u | wc -l)" -eq 6

# Resume: a run stopped after 3 pairs finishes into the same files.
"$ALIGN" --batch "$TMP/manifest.tsv" -q -o "$TMP/r.tsv" --report "$TMP/r.report" --limit 3 \
  2>/dev/null
check "stopped run leaves no output" test ! -e "$TMP/r.tsv"
check "stopped run leaves a journal" test -s "$TMP/r.tsv.journal"
"$ALIGN" --batch "$TMP/manifest.tsv" -q -o "$TMP/r.tsv" --report "$TMP/r.report" --resume \
  2>/dev/null
check "resumed corpus equals the single run" cmp -s "$TMP/j1.tsv" "$TMP/r.tsv"
check "resumed report equals the single run" cmp -s "$TMP/j1.report" "$TMP/r.report"
check "journal removed at the end" test ! -e "$TMP/r.tsv.journal"

# Resume after a kill: whatever the moment, the result is the same.
: > "$TMP/big.tsv"
for k in $(seq 1 8); do
  sed "s/\tdoc\([0-9]\)\t/\tdoc\1-$k\t/" "$TMP/manifest.tsv" | grep -v doc7 >> "$TMP/big.tsv"
done
"$ALIGN" --batch "$TMP/big.tsv" -q -j 2 -o "$TMP/big-full.tsv" 2>/dev/null
"$ALIGN" --batch "$TMP/big.tsv" -q -j 2 -o "$TMP/big-kill.tsv" 2>/dev/null &
pid=$!
sleep 1
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
"$ALIGN" --batch "$TMP/big.tsv" -q -j 2 -o "$TMP/big-kill.tsv" --resume 2>/dev/null
check "resume after kill -9 equals the uninterrupted run" cmp -s "$TMP/big-full.tsv" "$TMP/big-kill.tsv"

# JSON Lines: texts inline on stdin, one output line per input line.
json_string() { # a file as a JSON string literal
  awk 'BEGIN { ORS = ""; print "\"" }
       { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); gsub(/\r/, "\\r");
         print $0 "\\n" }
       END { print "\"" }' "$1"
}
S=$(json_string "$ES")
T=$(json_string "$FR")
: > "$TMP/in.jsonl"
for i in $(seq 1 10); do
  printf '{"id":"j%s","src_lang":"es","tgt_lang":"fr","src":%s,"tgt":%s}\n' "$i" "$S" "$T" \
    >> "$TMP/in.jsonl"
  if [ "$i" = 4 ]; then
    printf '{"id":"bad","src":"no target"}\n' >> "$TMP/in.jsonl"
  fi
done
"$ALIGN" --jsonl -q < "$TMP/in.jsonl" > "$TMP/single.jsonl" 2>/dev/null
check "jsonl: one output line per input line" \
  test "$(wc -l < "$TMP/single.jsonl")" -eq "$(wc -l < "$TMP/in.jsonl")"
check "jsonl: the bad record is an error line" grep -q '^{"id":"bad","error":' "$TMP/single.jsonl"
if command -v parallel >/dev/null 2>&1; then
  case $ALIGN in /*) abs=$ALIGN ;; *) abs=$PWD/$ALIGN ;; esac
  parallel --will-cite --pipe -N 3 --keep-order -j 2 -S : "$abs --jsonl -q -j 1" \
    < "$TMP/in.jsonl" > "$TMP/parallel.jsonl" 2>"$TMP/parallel.err"
  check "GNU parallel --pipe equals the single process" cmp -s "$TMP/single.jsonl" "$TMP/parallel.jsonl"
else
  skip "GNU parallel not installed"
fi

# Progress: on a terminal (script(1) gives the run one) a line appears once
# the run passes a few seconds (here the input pauses 4 s); never when stderr
# is not a terminal.
if command -v script >/dev/null 2>&1; then
  script -q -e -c "{ head -1 '$TMP/in.jsonl'; sleep 4; sed -n 2,3p '$TMP/in.jsonl'; } |
    '$ALIGN' --jsonl -j 1 > '$TMP/progress.jsonl'" "$TMP/typescript" < /dev/null > /dev/null 2>&1
  check "progress line on a terminal after a few seconds" \
    grep -q 'pairs, 0 rejected, 0 failed, [0-9]* sentences/s' "$TMP/typescript"
  check "progress run: its output is complete" test "$(wc -l < "$TMP/progress.jsonl")" -eq 3
  "$ALIGN" --jsonl -j 1 < "$TMP/in.jsonl" > /dev/null 2> "$TMP/noprogress.err"
  check "no progress line when stderr is not a terminal" \
    test "$(grep -c 'sentences/s' "$TMP/noprogress.err")" -eq 0
else
  skip "script(1) not installed: progress line not checked"
fi

# Parallel summary of the seed story: Spanish and French line by line.
"$BIN/summarize" --parallel -n 3 -f tsv "$ES" "$FR" > "$TMP/psum.tsv" 2>"$TMP/err"
check "parallel summary: 3 lines" test "$(wc -l < "$TMP/psum.tsv")" -eq 3
check "parallel summary: two texts a line" \
  test "$(awk -F '\t' 'NF >= 2 && $1 != "" && $2 != ""' "$TMP/psum.tsv" | wc -l)" -eq 3
"$BIN/summarize" --parallel -n 4 -f beads "$ES" "$FR" | cut -d: -f1,2 > "$TMP/psum.beads"
check "parallel summary: 4 beads, all gold 1-1 beads" \
  test "$(grep -c -x -F -f corpora/seed/gold.beads "$TMP/psum.beads" | tr -d ' ')" -eq 4 \
  -a "$(grep -c ',' "$TMP/psum.beads")" -eq 0
"$BIN/summarize" --parallel -n 3 -f moses -o "$TMP/psum" "$ES" "$FR"
check "parallel summary: moses files line-parallel" \
  test "$(wc -l < "$TMP/psum.es")" -eq 3 -a "$(wc -l < "$TMP/psum.fr")" -eq 3
# -f json: one object, a summary per language whose items translate each
# other: item k of each side is line k of the tsv, and bead k names both.
expect_status "parallel summary -f json exits 0" 0 \
  "$BIN/summarize" --parallel -n 3 -f json -o "$TMP/psum.json" "$ES" "$FR"
jq_true() { jq -e "$1" "$2" >/dev/null; }
if command -v jq >/dev/null; then
  check "parallel json: one object, 3 items per language and 3 beads" \
    jq_true '(.source.summary | length) == 3 and (.target.summary | length) == 3
      and (.beads | length) == 3 and .source.lang == "es" and .target.lang == "fr"
      and .source.sentences == 16 and .target.sentences == 18' "$TMP/psum.json"
  jq -r '[.source.summary, .target.summary] | transpose[] | "\(.[0].text)\t\(.[1].text)"' \
    "$TMP/psum.json" > "$TMP/psum.json.tsv"
  cut -f1,2 "$TMP/psum.tsv" > "$TMP/psum.texts"
  check "parallel json: item k of each side is line k of -f tsv" \
    cmp -s "$TMP/psum.json.tsv" "$TMP/psum.texts"
  check "parallel json: bead k holds the ids of item k on each side" \
    jq_true '[range(.beads | length) as $k | .beads[$k].src_ids == .source.summary[$k].ids
      and .beads[$k].tgt_ids == .target.summary[$k].ids] | all' "$TMP/psum.json"
  # The spans are the sentences' bytes in the files.
  jq -r '.source.summary[0] | "\(.start) \(.end)"' "$TMP/psum.json" > "$TMP/span"
  read -r start end < "$TMP/span"
  check "parallel json: start/end are the item's bytes in the source file" \
    test "$(tail -c +$((start + 1)) "$ES" | head -c $((end - start)))" = \
    "$(jq -r '.source.summary[0].text' "$TMP/psum.json")"
else
  skip "parallel json: jq not installed"
fi
# What --parallel does not do is refused with a usage error, never ignored.
for opt in "-k 3" "--explain" "--eval $FR"; do
  # shellcheck disable=SC2086
  expect_status "parallel summary: $opt refused (exit 1)" 1 "$BIN/summarize" --parallel -n 2 $opt "$ES" "$FR"
  check "parallel summary: $opt refused, named on stderr" grep -q -e '--parallel' "$TMP/err"
done

# The review page (-f html) is driven in headless Chromium by test_review.sh.
