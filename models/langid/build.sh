#!/bin/sh
# build.sh FREQDIR OUTDIR [N]: writes OUTDIR/<lang>.words, the N (default 1000)
# most frequent words of each wordfreq list FREQDIR/<lang>_wordfreq_zipf.tsv
# ("word<TAB>zipf", most frequent first: ../shared/corpora/background-freq/),
# for the word-level second opinion of language identification (langid.c).
set -eu
freq=${1:?usage: build.sh FREQDIR OUTDIR [N]} out=${2:?usage: build.sh FREQDIR OUTDIR [N]}
n=${3:-1000}
mkdir -p "$out"
for f in "$freq"/*_wordfreq_zipf.tsv; do
    lang=$(basename "$f" _wordfreq_zipf.tsv)
    { echo "# $n most frequent words of wordfreq's $lang list (CC BY-SA 4.0): word<TAB>zipf"
      head -n "$n" "$f"; } >"$out/$lang.words.tmp"
    mv -f "$out/$lang.words.tmp" "$out/$lang.words"
done
echo "$out: $(ls "$out"/*.words | wc -l) word lists"
