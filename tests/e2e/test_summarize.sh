# End-to-end tests of the summarize program: the seed story, output formats,
# batches, evaluation, IDF building, bad input and exit codes.
. tests/e2e/lib.sh
SUM="$BIN/summarize"
SEED=corpora/seed

# in_gold SUMMARY GOLD: every summary line is a whole line of the gold
# sentence file, in increasing gold order, and there are 3 of them.
in_gold() {
  test "$(wc -l <"$1")" -eq 3 || return 1
  prev=0
  while IFS= read -r line; do
    n=$(grep -nxF -- "$line" "$2" | head -1 | cut -d: -f1)
    [ -n "$n" ] && [ "$n" -gt "$prev" ] || return 1
    prev=$n
  done <"$1"
}

# --- the seed story ----------------------------------------------------------
for lang in fr es; do
  expect_status "seed $lang: exit 0" 0 "$SUM" --lang "$lang" "$SEED/$lang.txt"
  cp "$TMP/out" "$TMP/seed.$lang"
  check "seed $lang: 3 sentences of the article, in order" in_gold "$TMP/seed.$lang" "$SEED/$lang.sent"
  check "seed $lang: not the title" sh -c '! grep -q "^DeepSeek R2 Retra" "$1"' sh "$TMP/seed.$lang"
done
check "seed fr: never the byline or the footer" \
  sh -c '! grep -q -e "^Insideainews" -e "OmegaNext" "$1"' sh "$TMP/seed.fr"
expect_status "seed fr: --lang auto finds French" 0 "$SUM" "$SEED/fr.txt"
check "seed fr: --lang auto gives the same summary" cmp -s "$TMP/out" "$TMP/seed.fr"

# --- lengths -------------------------------------------------------------------
"$SUM" --lang fr -n 1 "$SEED/fr.txt" >"$TMP/n1"
check "-n 1: one line" test "$(wc -l <"$TMP/n1")" -eq 1
"$SUM" --lang fr -n 6 "$SEED/fr.txt" >"$TMP/n6"
check "-n 6: six lines" test "$(wc -l <"$TMP/n6")" -eq 6
"$SUM" --lang fr --words 40 "$SEED/fr.txt" >"$TMP/w40"
check "--words 40: at most about 40 words" test "$(wc -w <"$TMP/w40")" -le 48
"$SUM" --lang fr --ratio 0.5 "$SEED/fr.txt" >"$TMP/r50"
check "--ratio 0.5: longer than the default" test "$(wc -w <"$TMP/r50")" -gt "$(wc -w <"$TMP/seed.fr")"

# --- formats ---------------------------------------------------------------------
expect_status "json: exit 0" 0 "$SUM" --lang fr -f json -k 5 "$SEED/fr.txt"
check "json: one line with file, lang, summary, keywords" \
  grep -q '^{"file":"corpora/seed/fr.txt","lang":"fr","sentences":18,"summary":\[{"index":.*"keywords":\[' "$TMP/out"
# The byte span of each chosen sentence is its text in the original file.
spans_ok() {
  grep -o '"start":[0-9]*,"end":[0-9]*' "$1" | tr -c '0-9\n' ' ' | while read -r s e; do
    piece=$(dd if="$2" bs=1 skip="$s" count=$((e - s)) 2>/dev/null)
    grep -qF -- "$piece" "$3" || exit 1
  done
}
check "json: spans point at the sentences in the file" spans_ok "$TMP/out" "$SEED/fr.txt" "$TMP/seed.fr"
if command -v jq >/dev/null; then
  check "json: valid JSON with 3 chosen sentences" sh -c 'jq -e ".summary | length == 3" "$1" >/dev/null' sh "$TMP/out"
else
  skip "json: jq not installed"
fi
"$SUM" --lang fr --explain "$SEED/fr.txt" >"$TMP/explain"
check "--explain: every sentence" test "$(wc -l <"$TMP/explain")" -eq 18
check "--explain: 3 chosen, title and footer flagged" \
  sh -c 'test "$(grep -c "^ *[0-9]* \*" "$1")" -eq 3 && grep -q "^   0 .* title " "$1" && grep -q "^  17 .* unfinished " "$1"' sh "$TMP/explain"
"$SUM" --lang fr -k 5 "$SEED/fr.txt" >"$TMP/kw"
check "--keywords 5: a keywords line with 5 terms" \
  sh -c 'tail -1 "$1" | grep -q "^keywords: [^,]*, [^,]*, [^,]*, [^,]*, [^,]*$"' sh "$TMP/kw"
expect_status "-o FILE: exit 0" 0 "$SUM" --lang fr -o "$TMP/o.txt" "$SEED/fr.txt"
check "-o FILE: same as stdout, nothing printed" sh -c 'cmp -s "$1" "$2" && test ! -s "$3"' sh "$TMP/o.txt" "$TMP/seed.fr" "$TMP/out"

# --- several inputs, directories, stdin ----------------------------------------------
mkdir -p "$TMP/dir"
cp "$SEED/fr.txt" "$TMP/dir/a.txt"
cp "$SEED/es.txt" "$TMP/dir/b.txt"
expect_status "directory: exit 0" 0 "$SUM" "$TMP/dir"
check "directory: a header per file" test "$(grep -c '^==> ' "$TMP/out")" -eq 2
"$SUM" --lang fr - <"$SEED/fr.txt" >"$TMP/stdin"
check "stdin: same summary" cmp -s "$TMP/stdin" "$TMP/seed.fr"

# --- batch (JSON Lines) ------------------------------------------------------------------
printf '%s\n' '{"id":"x1","text":"Le chat dort sur le canapé du salon. Le chien garde la maison.","lang":"fr"}' \
  '{"id":7,"text":"El gato duerme en el sofá del salón. El perro vigila la casa.","lang":"es"}' \
  'broken' >"$TMP/batch.jsonl"
expect_status "batch: a bad line gives exit 2" 2 "$SUM" --batch -n 1 - <"$TMP/batch.jsonl"
check "batch: one output line per input line" test "$(wc -l <"$TMP/out")" -eq 3
check "batch: summaries with their ids" \
  sh -c 'grep -Eq "^\{\"id\":\"x1\",\"file\":\"<stdin>\",\"lang\":\"fr\",\"sentences\":2,\"summary\":\[\{\"index\":[01],.*\"text\":\"Le (chat dort sur le canapé du salon|chien garde la maison)\.\"\}\]\}$" "$1" && grep -q "^{\"id\":7,\"file\":\"<stdin>\",\"lang\":\"es\",\"sentences\":2,\"summary\":\[" "$1"' sh "$TMP/out"
check "batch: the bad line is an error line and named on stderr" \
  sh -c 'grep -q "^{\"id\":3,\"error\":" "$1" && grep -q "<stdin>:3:" "$2"' sh "$TMP/out" "$TMP/err"

# --- evaluation ---------------------------------------------------------------------------------
expect_status "--eval: exit 0" 0 "$SUM" --lang fr --eval "$TMP/seed.fr" "$SEED/fr.txt"
check "--eval against its own summary: F1 100" \
  sh -c 'grep -q "^ROUGE-1 .*F1 100.00" "$1" && grep -q "^ROUGE-2 .*F1 100.00" "$1" && grep -q "^ROUGE-L .*F1 100.00" "$1"' sh "$TMP/out"
mkdir -p "$TMP/refs" "$TMP/arts"
cp "$SEED/fr.txt" "$TMP/arts/story.txt"
cp "$SEED/fr.txt" "$TMP/arts/story2.txt"
cp "$TMP/seed.fr" "$TMP/refs/story.txt"
printf 'Une référence sans rapport avec le texte.\n' >"$TMP/refs/story2.txt"
expect_status "--eval DIR: exit 0" 0 "$SUM" --lang fr -f json --eval "$TMP/refs" "$TMP/arts"
check "--eval DIR: macro average over 2 pairs" \
  grep -q '^{"documents":2,"rouge1":{.*"f1":5[0-9]\.[0-9]*},"rouge2"' "$TMP/out"

# --- IDF models ---------------------------------------------------------------------------------
mkdir -p "$TMP/corpus"
printf 'Le chat noir dort.\n' >"$TMP/corpus/1.txt"
printf 'Les chats dorment.\n' >"$TMP/corpus/2.txt"
printf 'Un chien aboie.\n' >"$TMP/corpus/3.txt"
expect_status "--build-idf DIR: exit 0" 0 "$SUM" --lang fr --build-idf "$TMP/corpus" --min-df 2
check "--build-idf DIR: 3 documents, chat in 2" \
  sh -c 'grep -q "^%documents	3$" "$1" && grep -q "^chat	0.4055$" "$1" && ! grep -q "^chien" "$1"' sh "$TMP/out"
printf '{"text":"Le chat dort."}\n{"text":"Le chat mange."}\n{"other":1}\n' |
  "$SUM" --lang fr --build-idf - -o "$TMP/model.idf" 2>"$TMP/err"
check "--build-idf -: JSON Lines, lines without text skipped" \
  sh -c 'grep -q "^%documents	2$" "$1" && grep -q "1 lines without text skipped" "$2"' sh "$TMP/model.idf" "$TMP/err"
mkdir -p "$TMP/models/fr"
cp models/fr/stopwords models/fr/abbrev "$TMP/models/fr/"
cp "$TMP/model.idf" "$TMP/models/fr/idf"
expect_status "--models with a custom IDF: exit 0" 0 "$SUM" --models "$TMP/models" --lang fr "$SEED/fr.txt"
expect_status "--build-idf needs --lang CODE" 1 "$SUM" --build-idf "$TMP/corpus"

# --- bad input and usage ------------------------------------------------------------------------
: >"$TMP/empty.txt"
expect_status "empty file: exit 0" 0 "$SUM" --lang fr "$TMP/empty.txt"
check "empty file: empty summary and a note" sh -c 'test ! -s "$1" && grep -q "empty text" "$2"' sh "$TMP/out" "$TMP/err"
expect_status "empty file, --lang auto: exit 0" 0 "$SUM" "$TMP/empty.txt"
printf 'Le chat dort sur le canapé du salon.\n' >"$TMP/one.txt"
expect_status "one sentence: exit 0" 0 "$SUM" --lang fr -n 3 "$TMP/one.txt"
check "one sentence: that sentence" grep -qx 'Le chat dort sur le canapé du salon.' "$TMP/out"
printf 'Premier point important du texte.\nSecond point du texte.\n' >"$TMP/two.txt"
expect_status "shorter than asked: exit 0" 0 "$SUM" --lang fr -n 5 "$TMP/two.txt"
check "shorter than asked: every sentence" test "$(wc -l <"$TMP/out")" -eq 2
printf 'abc\000def' >"$TMP/bin.dat"
expect_status "binary file: exit 2" 2 "$SUM" --lang fr "$TMP/bin.dat"
check "binary file: named in the message" grep -q "bin.dat" "$TMP/err"
expect_status "unknown language: exit 2" 2 "$SUM" --lang xx "$SEED/fr.txt"
check "unknown language: names the code" grep -q "unknown language code 'xx'" "$TMP/err"
expect_status "missing file: exit 2" 2 "$SUM" --lang fr "$TMP/nope.txt"
expect_status "bad option: exit 1" 1 "$SUM" --frobnicate "$SEED/fr.txt"
expect_status "-n 0: exit 1" 1 "$SUM" -n 0 "$SEED/fr.txt"
expect_status "two lengths: exit 1" 1 "$SUM" -n 2 --words 30 "$SEED/fr.txt"
expect_status "--ratio 2: exit 1" 1 "$SUM" --ratio 2 "$SEED/fr.txt"
expect_status "no input: exit 1" 1 "$SUM" --lang fr
expect_status "--help: exit 0" 0 "$SUM" --help
check "--help: options and exit codes" \
  sh -c 'for o in --lang --sentences --words --ratio --format --keywords --explain --eval --batch --build-idf --models --encoding --lossy --paragraphs --presplit --version "Exit status"; do grep -q -e "$o" "$1" || exit 1; done' sh "$TMP/out"
expect_status "--version: exit 0" 0 "$SUM" --version
check "--version: names the version" grep -q '^summarize (tandem) [0-9]' "$TMP/out"

# --- many inputs on threads (-j) -----------------------------------------------
mkdir -p "$TMP/many"
for i in 01 02 03 04 05 06 07 08; do
  cp "$SEED/fr.txt" "$TMP/many/$i-fr.txt"
  cp "$SEED/es.txt" "$TMP/many/$i-es.txt"
done
printf 'PK\003\004\000binary' >"$TMP/many/05-bad.txt"
"$SUM" -j 1 -n 2 "$TMP/many" >"$TMP/j1.out" 2>"$TMP/j1.err"; st1=$?
"$SUM" -j 3 -n 2 "$TMP/many" >"$TMP/j3.out" 2>"$TMP/j3.err"; st3=$?
check "-j: a failing input among 17 gives exit 2 (-j 1 and -j 3)" test "$st1" -eq 2 -a "$st3" -eq 2
check "-j 3: the same output as -j 1, in input order" cmp -s "$TMP/j1.out" "$TMP/j3.out"
check "-j 3: the same messages as -j 1" cmp -s "$TMP/j1.err" "$TMP/j3.err"
check "-j: 16 summaries, the failing file named" \
  test "$(grep -c '^==> ' "$TMP/j3.out")" -eq 16 -a "$(grep -c '05-bad.txt' "$TMP/j3.err")" -eq 1
check "-j: summaries in name order" \
  sh -c 'grep "^==> " "$1" | sed "s/^==> //; s/ <==$//" > "$1.names" && sort -c "$1.names"' sh "$TMP/j3.out"
expect_status "-j 0: exit 1" 1 "$SUM" -j 0 "$SEED/fr.txt"

# --verbose: each text's language and the resource tier it got (issue #11),
# as align's "resources:" line; nothing on standard error without it.
expect_status "summarize -v exits 0" 0 "$SUM" -v -n 1 "$SEED/es.txt" tests/data/zh-en/zh.txt
check "-v: Spanish identified, full resources" \
  grep -q "^summarize: $SEED/es.txt: es (identified), resources: full$" "$TMP/err"
check "-v: Chinese identified, partial resources named" \
  grep -q '^summarize: tests/data/zh-en/zh.txt: zh (identified), resources: partial (stopwords, IDF)$' "$TMP/err"
expect_status "summarize -v --lang xh --eval exits 0" 0 "$SUM" -v --lang xh -n 1 --eval "$SEED/es.txt" "$SEED/es.txt"
check "-v with --eval: a language without resources is generic" \
  grep -q "^summarize: $SEED/es.txt: xh (given), resources: generic$" "$TMP/err"
expect_status "summarize without -v" 0 "$SUM" -n 1 "$SEED/es.txt"
check "without -v: nothing on standard error" test ! -s "$TMP/err"

# Stopwords for the four languages Snowball stems that had none (ne sr ta
# yi; models/stopwords/extra.sh): the tier names them, and a Serbian
# function word, in either alphabet, is never a keyword.
for l in ne sr ta yi; do
  expect_status "summarize -v --lang $l exits 0" 0 "$SUM" -v --lang $l -n 1 "$SEED/es.txt"
  check "$l has stopwords" grep -q "resources: partial (stopwords" "$TMP/err"
done
printf 'Град је стар и у граду је много кућа. Река је дуга и у реци је много риба.\n' >"$TMP/sr.txt"
expect_status "summarize --lang sr -k 5 exits 0" 0 "$SUM" --lang sr -n 1 -k 5 "$TMP/sr.txt"
check "sr: кућа is a keyword, the function words је, и, много are not" \
  sh -c 'grep "^keywords:" "$1" | grep -q "кућа" && ! grep "^keywords:" "$1" | grep -q "је\|, и\b\|много"' sh "$TMP/out"
