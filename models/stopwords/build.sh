#!/bin/sh
# build.sh STOPWORDS_ISO_JSON MODELS [LANG...]: writes MODELS/<lang>/stopwords
# from the npm package stopwords-iso (MIT; `npm pack stopwords-iso`, then
# package/stopwords-iso.json) for every language it has (or those named),
# except de en es fr it pt, whose lists were written for tandem.
# Words are NFC, lowercased, and kept only when made of letters and marks
# (the tokenizer splits at apostrophes and hyphens; phrases never match).
set -eu
json=${1:?usage: build.sh STOPWORDS_ISO_JSON MODELS [LANG...]}
models=${2:?usage: build.sh STOPWORDS_ISO_JSON MODELS [LANG...]}
shift 2
python3 - "$json" "$models" "$@" <<'PY'
import json, os, sys, unicodedata
src, models, only = sys.argv[1], sys.argv[2], sys.argv[3:]
data = json.load(open(src, encoding="utf-8"))
own = {"de", "en", "es", "fr", "it", "pt"}
for lang in sorted(data):
    if lang in own or (only and lang not in only):
        continue
    words = set()
    for w in data[lang]:
        w = unicodedata.normalize("NFC", w.strip().lower())
        if w and all(unicodedata.category(c)[0] in "LM" for c in w):
            words.add(w)
    if not words:
        continue
    os.makedirs(os.path.join(models, lang), exist_ok=True)
    path = os.path.join(models, lang, "stopwords")
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write("# %s stopwords: stopwords-iso 1.1.0 (npm, MIT, github.com/stopwords-iso),\n" % lang)
        f.write("# converted by models/stopwords/build.sh (letters only, NFC, lowercase)\n")
        for w in sorted(words):
            f.write(w + "\n")
    os.replace(path + ".tmp", path)
    print("%s: %d words" % (path, len(words)))
PY
