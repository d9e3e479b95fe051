#!/bin/sh
# build.sh FREQDIR MODELS [SUMMARIZE]: writes MODELS/<lang>/idf for every
# wordfreq list FREQDIR/<lang>_wordfreq_zipf.tsv (../shared/corpora/
# background-freq/, CC BY-SA 4.0) except de en es fr it pt (built before,
# see models/README.md), with the summarize program (default build/summarize)
# and the stopwords already in MODELS/<lang>/. nb goes to no (the code table's
# macrolanguage). Zipf >= 3.5 keeps each model near 250 KB; rarer words get
# the model's %unknown IDF.
set -eu
freq=${1:?usage: build.sh FREQDIR MODELS [SUMMARIZE]}
models=${2:?usage: build.sh FREQDIR MODELS [SUMMARIZE]}
summarize=${3:-build/summarize}
for f in "$freq"/*_wordfreq_zipf.tsv; do
    lang=$(basename "$f" _wordfreq_zipf.tsv)
    case $lang in de | en | es | fr | it | pt) continue ;; nb) dir=no ;; *) dir=$lang ;; esac
    mkdir -p "$models/$dir"
    TANDEM_MODELS=$models "$summarize" --lang "$lang" --build-idf-wordfreq "$f" --doc-tokens 400 \
        --min-zipf 3.5 -o "$models/$dir/idf"
    echo "$models/$dir/idf: $(grep -vc '^[#%]' "$models/$dir/idf") terms"
done
