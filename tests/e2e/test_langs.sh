#!/bin/sh
# Languages: one code rule in every mode (options, manifests, JSON Lines,
# summaries), codes written into every output, identification over every
# libexttextcat fingerprint, and every book of opus-books-dev aligned with
# its languages named and with auto.
. tests/e2e/lib.sh
ALIGN=$BIN/align SUM=$BIN/summarize

# A small Italian-Russian pair written for this test.
printf 'Il gatto dorme sul divano.\nIl cane fa la guardia alla casa tutta la notte.\nDomani andremo insieme al mercato per comprare la verdura.\n' >"$TMP/it.txt"
printf 'Кошка спит на диване.\nСобака всю ночь охраняет дом.\nЗавтра мы вместе пойдём на рынок за овощами.\n' >"$TMP/ru.txt"

expect_status "--tgt-lang ru is accepted" 0 "$ALIGN" --lexicon none --src-lang it --tgt-lang ru "$TMP/it.txt" "$TMP/ru.txt"
check "the summary line names both languages" grep -q '(it, 3 sentences) - .*(ru, 3 sentences)' "$TMP/err"
check "the resources line gives each side's tier" grep -q '^align: resources: it full; ru full; lexicon none' "$TMP/err"
expect_status "uk: partial tier" 0 "$ALIGN" --lexicon none --src-lang it --tgt-lang uk "$TMP/it.txt" "$TMP/ru.txt"
check "uk: the resources line says what it got" grep -q '; uk partial (stopwords, IDF); lexicon none' "$TMP/err"
expect_status "kk: generic tier" 0 "$ALIGN" --lexicon none --src-lang it --tgt-lang kk "$TMP/it.txt" "$TMP/ru.txt"
check "kk: the resources line says generic" grep -q '; kk generic; lexicon none' "$TMP/err"
expect_status "639-3 and 639-2/B codes are accepted" 0 "$ALIGN" -f tmx --src-lang ITA --tgt-lang rus "$TMP/it.txt" "$TMP/ru.txt"
check "TMX xml:lang has the 639-1 codes" sh -c "grep -q 'xml:lang=\"ru\"' '$TMP/out' && grep -q 'xml:lang=\"it\"' '$TMP/out' && ! grep -q 'xml:lang=\"rus\"' '$TMP/out'"
expect_status "unknown code is bad usage" 1 "$ALIGN" --tgt-lang xx "$TMP/it.txt" "$TMP/ru.txt"
check "unknown code: the message names it" grep -q "unknown language code 'xx'" "$TMP/err"
expect_status "moses with a 639-3-only language" 0 "$ALIGN" -q -f moses -o "$TMP/m" --src-lang it --tgt-lang yue "$TMP/it.txt" "$TMP/ru.txt"
check "moses suffixes are the codes" test -s "$TMP/m.it" -a -s "$TMP/m.yue"

cp corpora/seed/es.txt corpora/seed/fr.txt "$TMP/"
printf 'es.txt\tfr.txt\tdoc1\tspa\tFRE\n' >"$TMP/pairs.tsv"
expect_status "manifest with 639-3 and 639-2/B codes" 0 "$ALIGN" -q --batch "$TMP/pairs.tsv" -f moses -o "$TMP/b"
printf 'es.txt\tfr.txt\tdoc1\n' >"$TMP/pairs2.tsv"
expect_status "batch with --src-lang spa --tgt-lang FRE" 0 "$ALIGN" -q --batch "$TMP/pairs2.tsv" --src-lang spa --tgt-lang FRE -f moses -o "$TMP/c"
check "batch: moses suffixes are canonical" test -s "$TMP/c.es" -a -s "$TMP/c.fr"
# Moses suffixes from the manifest's columns alone: the codes when every
# pair has the same language on a side; .src/.tgt on a side whose pairs
# differ (or leave it to identification), since one file holds them all.
cp tests/data/zh-en/city.en.txt tests/data/zh-en/city.zh.txt "$TMP/"
printf 'city.en.txt\tcity.zh.txt\tcity\ten\tzh\ncity.en.txt\tcity.zh.txt\tcity2\ten\tzh\n' >"$TMP/one.tsv"
rm -f "$TMP"/d.*
expect_status "batch, one pair of languages from the columns" 0 \
  "$ALIGN" -q --batch "$TMP/one.tsv" -f moses -o "$TMP/d" --min-score 0
check "batch moses: suffixes .en and .zh from the manifest columns" \
  sh -c 'test -s "$1.en" -a -s "$1.zh" -a -s "$1.ids" -a ! -e "$1.src" -a ! -e "$1.tgt"' sh "$TMP/d"
printf 'city.en.txt\tcity.zh.txt\tcity\ten\tzh\nes.txt\tfr.txt\tseed\tes\tfr\n' >"$TMP/mixed.tsv"
rm -f "$TMP"/e.*
expect_status "batch, two pairs of languages" 0 \
  "$ALIGN" -q --batch "$TMP/mixed.tsv" -f moses -o "$TMP/e"
check "batch moses, mixed pairs: .src and .tgt (the languages are per pair, in .ids' report)" \
  sh -c 'test -s "$1.src" -a -s "$1.tgt" -a ! -e "$1.en"' sh "$TMP/e"
printf 'city.en.txt\tcity.zh.txt\tcity\ten\tzh\nes.txt\tfr.txt\tseed\ten\tfr\n' >"$TMP/half.tsv"
rm -f "$TMP"/f.*
expect_status "batch, one source language, two target languages" 0 \
  "$ALIGN" -q --batch "$TMP/half.tsv" -f moses -o "$TMP/f" --min-score 0
check "batch moses: .en for the common source, .tgt for the mixed targets" \
  sh -c 'test -s "$1.en" -a -s "$1.tgt" -a ! -e "$1.src"' sh "$TMP/f"
printf 'it.txt\tru.txt\tdoc1\tit\txx\n' >"$TMP/bad.tsv"
expect_status "manifest with an unknown code" 2 "$ALIGN" -q --batch "$TMP/bad.tsv" -o "$TMP/bad.out"
check "manifest: the error names the line" grep -q "bad.tsv:1" "$TMP/err"

json_text() { tr '\n' ' ' <"$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }
printf '{"id":"a","src":"%s","tgt":"%s","src_lang":"spa","tgt_lang":"FR"}\n{"id":"b","src":"x","tgt":"y","src_lang":"it","tgt_lang":"zz"}\n' \
  "$(json_text corpora/seed/es.txt)" "$(json_text corpora/seed/fr.txt)" >"$TMP/in.jsonl"
"$ALIGN" -q --jsonl <"$TMP/in.jsonl" >"$TMP/out.jsonl" 2>"$TMP/err"
check "jsonl: codes canonical in the output" grep -q '"id":"a","src_lang":"es","tgt_lang":"fr"' "$TMP/out.jsonl"
check "jsonl: an unknown code is that record's error" grep -q '"id":"b","error":".*language code' "$TMP/out.jsonl"

# Summaries in a language without a full model, and identification.
printf 'De kat slaapt op de bank en de hond bewaakt de hele nacht het huis.\nMorgen gaan we samen naar de markt om groenten te kopen, want de koelkast is leeg.\nDaarna koken we een grote pan soep voor de buren.\n' >"$TMP/nl.txt"
expect_status "summarize --lang nl" 0 "$SUM" --lang nl -n 1 "$TMP/nl.txt"
check "summarize --lang nl: one sentence" test "$(wc -l <"$TMP/out")" -eq 1
expect_status "summarize --lang auto identifies Dutch" 0 "$SUM" -f json -n 1 "$TMP/nl.txt"
check "summarize auto: lang nl" grep -q '"lang": *"nl"' "$TMP/out"
expect_status "summarize --lang pol (no stemmer) works" 0 "$SUM" --lang pol -n 1 "$TMP/nl.txt"
expect_status "summarize unknown code" 2 "$SUM" --lang qqq "$TMP/nl.txt"

# opus-books-dev: both languages named, and auto. Two books' files are
# swapped in OPUS (the "en" side of EN-ES and the "fr" side of ES-FR of A
# Study in Scarlet hold French and English): identification must say so.
books=$SHARED/corpora/opus-books-dev
if [ ! -d "$books" ]; then
  skip "opus-books-dev: $books absent"
else
  for d in "$books"/*-*-*/; do
    name=$(basename "$d")
    pair=$(echo "$name" | cut -d- -f1-2 | tr 'A-Z' 'a-z')
    a=${pair%-*} b=${pair#*-}
    truth_a=$a truth_b=$b
    case $name in
    EN-ES-Doyle*) truth_a=fr ;;
    ES-FR-Doyle*) truth_b=en ;;
    esac
    [ "$truth_a" = no ] && truth_a=no; [ "$truth_b" = no ] && truth_b=no
    head -n 300 "$d/$a.txt" >"$TMP/a.txt"; head -n 300 "$d/$b.txt" >"$TMP/b.txt"
    expect_status "$name: named ($a, $b)" 0 "$ALIGN" --presplit --src-lang "$a" --tgt-lang "$b" -f jsonl "$TMP/a.txt" "$TMP/b.txt"
    expect_status "$name: auto" 0 "$ALIGN" --presplit -f jsonl "$TMP/a.txt" "$TMP/b.txt"
    check "$name: auto identifies $truth_a and $truth_b" grep -q "(\($truth_a\), 300 sentences) - .*(\($truth_b\), 300 sentences)" "$TMP/err"
  done
fi

# IDF models for any known language (stems of the macrolanguage's stemmer).
printf 'hunden\t5.00\nhundene\t4.00\nkatt\t4.50\n' >"$TMP/nb.tsv"
expect_status "build-idf-wordfreq --lang nb" 0 "$SUM" --lang nb --build-idf-wordfreq "$TMP/nb.tsv" -o "$TMP/nb.idf"
check "nb terms are stemmed by the Norwegian stemmer" sh -c "grep -q '^hund	' '$TMP/nb.idf' && ! grep -q '^hundene	' '$TMP/nb.idf'"
expect_status "build-idf-wordfreq with an unknown code" 2 "$SUM" --lang qqq --build-idf-wordfreq "$TMP/nb.tsv" -o "$TMP/x.idf"
check "build-idf-wordfreq: the message names the code" grep -q "unknown language code 'qqq'" "$TMP/err"

# Lexicons for pairs beyond the six languages, by the same command.
if [ -r /usr/share/dictd/freedict-ara-eng.index ] && [ -r /usr/share/dictd/freedict-eng-ara.index ]; then
  expect_status "lexicon/build.sh ar-en" 0 sh models/lexicon/build.sh "$TMP/lex" ar-en
  check "ar-en lexicon: Arabic words with English translations" sh -c "test \$(wc -l <'$TMP/lex/ar-en.tsv') -gt 1000 && grep -q '	book\$' '$TMP/lex/ar-en.tsv'"
  expect_status "lexicon/build.sh nn-nb: one language, no dictionary pair" 1 sh models/lexicon/build.sh "$TMP/lex" nn-nb
else
  skip "lexicon ar-en: dict-freedict-ara-eng, -eng-ara not installed"
fi
