#!/bin/sh
# Input edge cases (issue #10 §6): an encoding per side, text that does not
# decode in the encoding named, UTF-16 without a byte order mark, document
# ids holding a tab or a line break, and --build-idf on what holds no
# documents.
. tests/e2e/lib.sh

ALIGN="$BIN/align"
SUMMARIZE="$BIN/summarize"
ES=corpora/seed/es.txt
FR=corpora/seed/fr.txt
"$ALIGN" -q -f tsv "$ES" "$FR" > "$TMP/ref.tsv"

# --- encodings ---
iconv -f UTF-8 -t UTF-16LE "$ES" > "$TMP/es16le.txt"
iconv -f UTF-8 -t UTF-16BE "$FR" > "$TMP/fr16be.txt"
iconv -f UTF-8 -t ISO-8859-1 "$ES" > "$TMP/es-latin1.txt"
expect_status "--encoding UTF-16LE on a UTF-8 target is bad input" 2 \
  "$ALIGN" -q --encoding UTF-16LE "$TMP/es16le.txt" "$FR"
check "  and the message names the target" grep -q 'fr.txt: does not decode as UTF-16LE' "$TMP/err"
"$ALIGN" -q -f tsv --src-encoding UTF-16LE "$TMP/es16le.txt" "$FR" > "$TMP/src16.tsv"
check "--src-encoding UTF-16LE: the same alignment" cmp -s "$TMP/ref.tsv" "$TMP/src16.tsv"
"$ALIGN" -q -f tsv --tgt-encoding UTF-16BE "$ES" "$TMP/fr16be.txt" > "$TMP/tgt16.tsv"
check "--tgt-encoding UTF-16BE: the same alignment" cmp -s "$TMP/ref.tsv" "$TMP/tgt16.tsv"
"$ALIGN" -q -f tsv --encoding UTF-8 --src-encoding ISO-8859-1 "$TMP/es-latin1.txt" "$FR" \
  > "$TMP/latin1.tsv"
check "--src-encoding wins over --encoding for its side" cmp -s "$TMP/ref.tsv" "$TMP/latin1.tsv"
expect_status "--encoding UTF-8 on a Latin-1 source is bad input" 2 \
  "$ALIGN" -q --encoding UTF-8 "$TMP/es-latin1.txt" "$FR"

# UTF-16 without a byte order mark: told by its zero bytes, decoded.
"$ALIGN" -q -f tsv "$TMP/es16le.txt" "$TMP/fr16be.txt" > "$TMP/nobom.tsv"
check "UTF-16LE and BE without BOM: the same alignment" cmp -s "$TMP/ref.tsv" "$TMP/nobom.tsv"
head -c 101 "$TMP/es16le.txt" > "$TMP/odd16.txt"
expect_status "UTF-16 cut in the middle of a unit is bad input" 2 "$ALIGN" -q "$TMP/odd16.txt" "$FR"
check "  and the message names UTF-16LE" grep -q 'odd16.txt: byte 100: .*UTF-16LE' "$TMP/err"
expect_status "summarize reads UTF-16 without BOM" 0 "$SUMMARIZE" --lang es "$TMP/es16le.txt"
printf 'PK\003\004\000\000\001\002binary\000\000' > "$TMP/binary.bin"
expect_status "a binary file is still binary" 2 "$ALIGN" -q "$TMP/binary.bin" "$FR"

# Per-side encodings in a batch.
printf 'es-latin1.txt\tfr16be.txt\tdoc\tes\tfr\n' > "$TMP/manifest.tsv"
expect_status "--batch with --src-encoding and --tgt-encoding exits 0" 0 \
  "$ALIGN" -q --batch "$TMP/manifest.tsv" --src-encoding ISO-8859-1 --tgt-encoding UTF-16BE \
  -o "$TMP/enc.tsv"
cp "$ES" "$FR" "$TMP/"
printf 'es.txt\tfr.txt\tdoc\tes\tfr\n' > "$TMP/manifest8.tsv"
"$ALIGN" -q --batch "$TMP/manifest8.tsv" -o "$TMP/enc8.tsv"
check "--batch: the same corpus as from UTF-8" cmp -s "$TMP/enc8.tsv" "$TMP/enc.tsv"

# --- document ids with a tab or a line break (from file names) ---
mkdir -p "$TMP/es" "$TMP/fr"
for name in 'tab	id' 'line
break' 'back\slash'; do
  cp "$ES" "$TMP/es/$name.txt"
  cp "$FR" "$TMP/fr/$name.txt"
done
"$ALIGN" -q --batch-dirs "$TMP/es" "$TMP/fr" --src-lang es --tgt-lang fr -f moses \
  -o "$TMP/c" --report "$TMP/report.tsv"
lines=$(wc -l < "$TMP/c.es")
check "moses: PREFIX.ids is line-parallel with the corpus" [ "$(wc -l < "$TMP/c.ids")" -eq "$lines" ]
check "moses: ids escaped (backslash-t, backslash-n, two backslashes)" sh -c "grep -q '^tab\\\\tid.txt	' '$TMP/c.ids' && grep -q '^line\\\\nbreak.txt	' '$TMP/c.ids' && grep -q '^back\\\\\\\\slash.txt	' '$TMP/c.ids'"
check "report: one line per document, ids escaped the same way" \
  [ "$(grep -c -e '^tab\\tid.txt	ok' -e '^line\\nbreak.txt	ok' -e '^back\\\\slash.txt	ok' "$TMP/report.tsv")" -eq 3 ]
"$ALIGN" -q --batch-dirs "$TMP/es" "$TMP/fr" --src-lang es --tgt-lang fr -o "$TMP/c.tsv"
check "tsv: every line has five fields" sh -c "awk -F'\\t' 'NF != 5 { bad = 1 } END { exit bad }' '$TMP/c.tsv'"
check "tsv: ids escaped" grep -q '^line\\nbreak.txt	' "$TMP/c.tsv"
if command -v xmllint >/dev/null; then
  "$ALIGN" -q --batch-dirs "$TMP/es" "$TMP/fr" --src-lang es --tgt-lang fr -f tmx -o "$TMP/c.tmx"
  check "tmx: well-formed, tuid escaped" sh -c "xmllint --noout '$TMP/c.tmx' && grep -q 'tuid=\"tab\\\\tid.txt/' '$TMP/c.tmx'"
else
  skip "tmx ids: no xmllint"
fi

# --- summarize --build-idf on what holds no documents: exit 2, no model ---
printf '{"text":"Hola mundo. Adiós."}\n{"text":"Hola otra vez."}\n' > "$TMP/good.jsonl"
printf '{"id":1}\n' > "$TMP/notext.jsonl"
printf 'just some words\n' > "$TMP/plain.txt"
mkdir "$TMP/empty" "$TMP/bins"
cp "$TMP/binary.bin" "$TMP/bins/"
for input in binary.bin plain.txt notext.jsonl empty bins; do
  expect_status "--build-idf on $input exits 2" 2 \
    "$SUMMARIZE" --lang es --min-df 1 --build-idf "$TMP/$input" -o "$TMP/model.$input"
  check "  and writes no model" [ ! -e "$TMP/model.$input" ]
done
expect_status "--build-idf on JSON Lines with texts exits 0" 0 \
  "$SUMMARIZE" --lang es --min-df 1 --build-idf "$TMP/good.jsonl" -o "$TMP/model.good"
check "  and writes a model of 2 documents" grep -q '^%documents	2$' "$TMP/model.good"
