# One document through every mode of summarize: one file, standard input,
# several files, --batch (JSON Lines) and --batch -f text. Each format has
# one schema (summarize(1), FORMATS): a batch adds the document's id and
# nothing else, several files are each file's output one after the other.
. tests/e2e/lib.sh
SUM="$BIN/summarize"
SEED=corpora/seed

if ! command -v jq >/dev/null 2>&1; then
  skip "summary modes: jq is not installed (DEB_TEST_PKGS)"
  exit 0
fi

for lang in fr es; do
  doc="$SEED/$lang.txt"
  jq -Rsc --arg id "d-$lang" '{id: $id, text: .}' <"$doc" >"$TMP/$lang.jsonl"
  for opts in "-n 2" "-n 3 -k 4" "-w 40 -e"; do
    what="$lang $opts"
    # JSON: one file, then the same text on standard input.
    "$SUM" --lang "$lang" $opts -f json "$doc" >"$TMP/file.json"
    "$SUM" --lang "$lang" $opts -f json - <"$doc" >"$TMP/stdin.json"
    check "$what: one file: one JSON line with file, lang, sentences, summary" \
      grep -q '^{"file":"corpora/seed/'"$lang"'.txt","lang":"'"$lang"'","sentences":[0-9]*,"summary":\[{"index":' "$TMP/file.json"
    # --batch: the one-file object on the same input plus the id, first.
    "$SUM" --lang "$lang" $opts -f json --batch - <"$TMP/$lang.jsonl" >"$TMP/batch.json"
    { printf '{"id":"d-%s",' "$lang"; cut -c2- "$TMP/stdin.json"; } >"$TMP/want.json"
    check "$what: --batch -f json = the one-file object plus the id" \
      cmp -s "$TMP/batch.json" "$TMP/want.json"
    "$SUM" --lang "$lang" $opts --batch - <"$TMP/$lang.jsonl" >"$TMP/batch.default"
    check "$what: --batch writes JSON by default, the same" \
      cmp -s "$TMP/batch.default" "$TMP/batch.json"
    # Several files: each file's own output, in input order (and on 2 threads).
    "$SUM" --lang "$lang" $opts -f json -j 2 "$doc" "$doc" >"$TMP/many.json"
    cat "$TMP/file.json" "$TMP/file.json" >"$TMP/want.json"
    check "$what: several files -f json = each file's object" \
      cmp -s "$TMP/many.json" "$TMP/want.json"
    # text: several files and a batch put the name or the id before each.
    "$SUM" --lang "$lang" $opts "$doc" >"$TMP/file.txt"
    "$SUM" --lang "$lang" $opts -f text --batch - <"$TMP/$lang.jsonl" >"$TMP/batch.txt"
    { echo "==> d-$lang <=="; cat "$TMP/file.txt"; } >"$TMP/want.txt"
    check "$what: --batch -f text = '==> id <==' and the one-file text" \
      cmp -s "$TMP/batch.txt" "$TMP/want.txt"
    "$SUM" --lang "$lang" $opts "$doc" "$doc" >"$TMP/many.txt"
    { echo "==> $doc <=="; cat "$TMP/file.txt"; echo; echo "==> $doc <=="; cat "$TMP/file.txt"; } \
      >"$TMP/want.txt"
    check "$what: several files = '==> name <==' and the one-file text each" \
      cmp -s "$TMP/many.txt" "$TMP/want.txt"
  done
done

# Two batch inputs, text: a blank line between all summaries, as for files.
"$SUM" --lang fr -n 1 -f text --batch "$TMP/fr.jsonl" "$TMP/fr.jsonl" >"$TMP/two.txt"
"$SUM" --lang fr -n 1 "$SEED/fr.txt" >"$TMP/one.txt"
{ echo "==> d-fr <=="; cat "$TMP/one.txt"; echo; echo "==> d-fr <=="; cat "$TMP/one.txt"; } \
  >"$TMP/want.txt"
check "two batch inputs -f text: a blank line between the summaries" cmp -s "$TMP/two.txt" "$TMP/want.txt"

# A failing line: an error record in JSON, only stderr in text; exit 2 either way.
printf '%s\n' '{"id":"ok","text":"Le chat dort sur le canapé du salon. Le chien garde la maison."}' \
  '{"id":"bad","texte":"x"}' >"$TMP/mixed.jsonl"
expect_status "batch JSON with a bad line: exit 2" 2 "$SUM" --lang fr -n 1 --batch "$TMP/mixed.jsonl"
check "batch JSON: the bad line is an {id, error} record" \
  sh -c 'test "$(wc -l <"$1")" -eq 2 && grep -q "^{\"id\":\"bad\",\"error\":\".*mixed.jsonl:2: no string field" "$1"' sh "$TMP/out"
expect_status "batch text with a bad line: exit 2" 2 "$SUM" --lang fr -n 1 -f text --batch "$TMP/mixed.jsonl"
check "batch text: the good summary only, the bad line on stderr" \
  sh -c 'test "$(head -1 "$1")" = "==> ok <==" && test "$(wc -l <"$1")" -eq 2 && grep -q "mixed.jsonl:2: no string field" "$2"' \
  sh "$TMP/out" "$TMP/err"

# --parallel -f json: each side is a one-file object (file, lang, sentences,
# summary) whose items have every member of a one-file item (index, start,
# end, score, text) plus the bead's ids; index is the first id and score
# the bead's.
jq_true() { jq -e "$@" >/dev/null; }
if "$SUM" --parallel -n 3 -f json "$SEED/es.txt" "$SEED/fr.txt" >"$TMP/psum.json" 2>"$TMP/err"; then
  "$SUM" --lang es -n 3 -f json "$SEED/es.txt" >"$TMP/es.json"
  check "--parallel -f json: each side has the one-file object's members" \
    sh -c 'test "$(jq -c "keys" "$2")" = "$(jq -c "[.source, .target] | map(keys) | unique | .[]" "$1")"' \
    sh "$TMP/psum.json" "$TMP/es.json"
  check "--parallel -f json: every item has the one-file item's members, and ids" \
    jq_true --slurpfile one "$TMP/es.json" \
    '($one[0].summary[0] | keys) as $k | [.source.summary[], .target.summary[]] | length > 0
     and all(keys == ($k + ["ids"] | sort))' "$TMP/psum.json"
  check "--parallel -f json: index is the first id, score the bead's" \
    jq_true '[range(.beads | length) as $i | .source.summary[$i].index == .source.summary[$i].ids[0]
      and .target.summary[$i].index == .target.summary[$i].ids[0]
      and .source.summary[$i].score == .beads[$i].score
      and .target.summary[$i].score == .beads[$i].score] | all' "$TMP/psum.json"
else
  fail "--parallel -f json: exit $?"
fi
