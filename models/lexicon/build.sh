#!/bin/sh
# build.sh OUTDIR [PAIR...]: builds bilingual word lexicons OUTDIR/<src>-<tgt>.tsv
# from the FreeDict dictionaries installed by Debian's dict-freedict-* packages
# (dictd format: /usr/share/dictd/freedict-<src3>-<tgt3>.index + .dict.dz).
#
# Output: UTF-8, lowercase, one pair "source_word<TAB>target_word" a line,
# single words of letters only, sorted (byte order) and deduplicated. When
# FreeDict has both directions of a pair, both are merged (the reverse one
# with its columns swapped).
#
# Without PAIRs: the core pairs (CORE below) are required, and every other
# pair (EXTRA) is built when its dictionaries are installed, else skipped
# with a message naming the packages to install. PAIRs named on the command
# line are always required.
#
# The dictd text of an entry is: a headword line "word /ipa/ <pos, gender>",
# then either one line of comma-separated translations, or numbered senses
# "1. trans, trans"; the FreeDict+WikDict dictionaries follow each sense with
# a gloss line in the source language, and the Ding-derived ones (deu-eng,
# eng-deu) with indented synonym, note, example and "see:" lines. So we take
# the numbered lines when there are any, else the first line after the
# headword. Entries start at the byte offsets (base64) listed in the index.
#
# Each output file is written to a temporary file and renamed into place.
# Exits non-zero with a message naming the missing package when a
# dictionary is not installed.
set -eu

DICTDIR=${FREEDICT_DIR:-/usr/share/dictd}
CORE="de-fr en-fr es-fr en-es"
EXTRA="de-en de-es it-fr pt-fr it-en pt-en es-it es-pt de-it de-pt it-pt"

die() {
    echo "lexicon/build.sh: $*" >&2
    exit 1
}

[ $# -ge 1 ] || die "usage: build.sh OUTDIR [PAIR...]"
outdir=$1
shift
optional=""
if [ $# -eq 0 ]; then
    set -- $CORE $EXTRA
    optional=" $EXTRA "
fi
mkdir -p "$outdir" || die "$outdir: cannot create the directory"
# Lowercasing non-ASCII letters needs GNU sed and the C.UTF-8 locale.
[ "$(printf '\303\211' | LC_ALL=C.UTF-8 sed 's/.*/\L&/')" = "$(printf '\303\251')" ] ||
    die "GNU sed with the C.UTF-8 locale is needed to lowercase UTF-8"

iso3() {
    case $1 in
    de) echo deu ;; en) echo eng ;; es) echo spa ;; fr) echo fra ;;
    it) echo ita ;; pt) echo por ;;
    *) echo "$1" ;; # unreachable: pairs are checked first
    esac
}

# The FreeDict dictionaries Debian packages for these languages (as
# dict-freedict-<src>-<tgt>); a pair is built from both directions when both
# exist.
FREEDICT="deu-eng deu-fra deu-ita deu-por deu-spa eng-deu eng-fra eng-ita eng-por eng-spa
fra-deu fra-eng fra-ita fra-por fra-spa ita-deu ita-eng ita-por ita-spa por-deu por-eng
por-fra por-spa spa-deu spa-eng spa-por"

dicts_of() {
    a=$(iso3 "${1%-*}") b=$(iso3 "${1#*-}")
    for d in $FREEDICT; do
        [ "$d" = "$a-$b" ] || [ "$d" = "$b-$a" ] && echo "$d"
    done
}

# extract DICT: prints "headword<TAB>translation phrase" pairs of one dictionary.
extract() {
    gzip -dc "$DICTDIR/freedict-$1.dict.dz" | LC_ALL=C awk -F '\t' '
    function b64(s,   i, v) {
        v = 0
        for (i = 1; i <= length(s); i++) v = v * 64 + index(B, substr(s, i, 1)) - 1
        return v
    }
    function flush(   i, n, text) {
        if (head == "" || nbody == 0) return
        n = 0
        for (i = 1; i <= nbody; i++) {
            if (body[i] ~ /^[0-9]+\. /) {
                text = body[i]; sub(/^[0-9]+\. /, "", text)
                emit(text); n++
            }
        }
        # No numbered senses, or a translation shared by unnumbered senses
        # ("Ain 2." then " 3." lines): the first body line is the translation.
        if (n == 0 || body[1] ~ / [0-9]+\.$/) emit(body[1])
    }
    function emit(text,   parts, i, n) {
        sub(/ [0-9]+\.$/, "", text)
        gsub(/\([^)]*\)|\[[^]]*\]|<[^>]*>|\{[^}]*\}/, "", text)
        n = split(text, parts, /[,;]/)
        for (i = 1; i <= n; i++) print head "\t" parts[i]
    }
    BEGIN { B = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/" }
    FNR == NR { if ($1 !~ /^00database/) start[b64($2)] = 1; next }
    {
        if (pos in start) {
            flush()
            head = $0
            sub(/ \/.*$/, "", head); sub(/ <[^>]*>.*$/, "", head)
            nbody = 0
        } else if (head != "" && $0 !~ /^[ \t]*$/ && ($0 !~ /^[ \t]/ || $0 ~ /^ [0-9]+\.$/)) {
            body[++nbody] = $0
        }
        pos += length($0) + 1
    }
    END { flush() }' "$DICTDIR/freedict-$1.index" -
}

# clean SRC TGT: lowercases "source<TAB>target phrase" lines, strips articles,
# reflexive pronouns, elisions and abbreviations, keeps single words made of
# letters only.
clean() {
    LC_ALL=C.UTF-8 sed 's/.*/\L&/' | LC_ALL=C awk -F '\t' -v src="$1" -v tgt="$2" '
    BEGIN {
        split("der die das den dem des ein eine einen einem einer eines sich", w, " ")
        for (i in w) particle["de", w[i]] = 1
        split("the a an to", w, " ")
        for (i in w) particle["en", w[i]] = 1
        split("el la los las lo un una unos unas se", w, " ")
        for (i in w) particle["es", w[i]] = 1
        split("le la les un une des du se", w, " ")
        for (i in w) particle["fr", w[i]] = 1
        split("il lo la i gli le un uno una si", w, " ")
        for (i in w) particle["it", w[i]] = 1
        split("o a os as um uma uns umas se", w, " ")
        for (i in w) particle["pt", w[i]] = 1
    }
    # Returns the single word left of phrase in language lang, or "".
    function word(phrase, lang,   n, i, k, t, out) {
        gsub(/[\t\r]/, " ", phrase)
        n = split(phrase, t, " ")
        k = 0
        for (i = 1; i <= n; i++) {
            if (t[i] ~ /\.$/) continue # etw. jdm. sb. sth.: grammatical notes
            if (k == 0 && ((lang, t[i]) in particle)) continue
            out = t[i]; k++
        }
        if (k != 1) return ""
        # elided article or pronoun: l eau, d apres, s accroitre, dell acqua
        sub(/^[a-z]+(\047|\342\200\231)/, "", out)
        if (lang == "pt" || lang == "es") sub(/-se$/, "", out)
        return out
    }
    {
        s = word($1, src); t = word($2, tgt)
        if (s != "" && t != "") print s "\t" t
    }' | LC_ALL=C.UTF-8 grep -E '^[[:alpha:]]+	[[:alpha:]]+$' || true
}

# installed PAIR: whether every dictionary of PAIR is installed (0) or not.
installed() {
    for d in $(dicts_of "$1"); do
        [ -r "$DICTDIR/freedict-$d.index" ] && [ -r "$DICTDIR/freedict-$d.dict.dz" ] || return 1
    done
}

pairs=""
for pair in "$@"; do
    case $pair in
    de-?? | en-?? | es-?? | fr-?? | it-?? | pt-??) ;;
    *) die "bad pair '$pair' (expected two of de en es fr it pt, like de-fr)" ;;
    esac
    case ${pair#*-} in
    de | en | es | fr | it | pt) ;;
    *) die "bad pair '$pair' (expected two of de en es fr it pt, like de-fr)" ;;
    esac
    [ -n "$(dicts_of "$pair")" ] || die "$pair: FreeDict has no dictionary for this pair"
    case $optional in
    *" $pair "*)
        if ! installed "$pair"; then
            echo "lexicon/build.sh: skipping $pair: apt-get install" \
                "$(for d in $(dicts_of "$pair"); do
                    [ -r "$DICTDIR/freedict-$d.dict.dz" ] || printf 'dict-freedict-%s ' "$d"
                done)" >&2
            continue
        fi
        ;;
    esac
    pairs="$pairs $pair"
    for d in $(dicts_of "$pair"); do
        [ -r "$DICTDIR/freedict-$d.index" ] && [ -r "$DICTDIR/freedict-$d.dict.dz" ] ||
            die "$pair: $DICTDIR/freedict-$d.{index,dict.dz} missing (apt-get install dict-freedict-$d)"
        gzip -t "$DICTDIR/freedict-$d.dict.dz" || die "$DICTDIR/freedict-$d.dict.dz: corrupt"
    done
done

for pair in $pairs; do
    src=${pair%-*} tgt=${pair#*-}
    s3=$(iso3 "$src") t3=$(iso3 "$tgt")
    out="$outdir/$pair.tsv"
    tmp="$out.tmp.$$"
    trap 'rm -f "$tmp"' EXIT INT TERM
    {
        for d in $(dicts_of "$pair"); do
            if [ "$d" = "$s3-$t3" ]; then
                extract "$d" | clean "$src" "$tgt"
            else
                extract "$d" | clean "$tgt" "$src" | awk -F '\t' '{ print $2 "\t" $1 }'
            fi
        done
    } | LC_ALL=C sort -u >"$tmp" || die "$pair: extraction failed"
    [ -s "$tmp" ] || die "$pair: no entries extracted"
    mv -f "$tmp" "$out"
    trap - EXIT INT TERM
    echo "$out: $(wc -l <"$out") entries"
done
