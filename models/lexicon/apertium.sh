#!/bin/sh
# apertium.sh OUTDIR [PAIR...]: word lexicons from the bilingual
# dictionaries of Apertium's Debian packages (rule-based MT; GPL, data
# only), in the format of build.sh: OUTDIR/apertium/<src>-<tgt>.tsv, UTF-8,
# lowercase, "source_word<TAB>target_word", single words of letters only,
# sorted and deduplicated; then each is merged into OUTDIR/<src>-<tgt>.tsv
# (the FreeDict lexicon of build.sh, created when FreeDict has none), so
# run it after build.sh. Idempotent: a merge is a sorted union.
#
# The packages ship their dictionaries compiled (lttoolbox transducers,
# /usr/share/apertium/apertium-*/<a>-<b>.autobil.bin): lt-print (package
# lttoolbox) prints one as transitions, and apertium-expand.awk walks its
# largest section (the dictionary; the others are rules for numbers and
# the like) into lemma pairs. Both directions' dictionaries are used, the
# reverse one with its columns swapped.
#
# Without PAIRs: every pair below whose package is installed; a missing
# one is skipped with a message naming it. Named PAIRs are required.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
APDIR=${APERTIUM_DIR:-/usr/share/apertium}

die() {
    echo "lexicon/apertium.sh: $*" >&2
    exit 1
}
[ $# -ge 1 ] || die "usage: apertium.sh OUTDIR [PAIR...]"
outdir=$1
shift
required=1
if [ $# -eq 0 ]; then
    set -- es-fr en-es es-pt es-it en-ca es-ca fr-ca pt-ca
    required=0
fi
command -v lt-print >/dev/null || die "lt-print is missing: apt-get install lttoolbox"
[ "$(printf '\303\211' | LC_ALL=C.UTF-8 sed 's/.*/\L&/')" = "$(printf '\303\251')" ] ||
    die "GNU sed with the C.UTF-8 locale is needed to lowercase UTF-8"
mkdir -p "$outdir/apertium" || die "$outdir/apertium: cannot create the directory"

# package, forward and reverse dictionary of a pair
source_of() {
    case $1 in
    es-fr) echo "apertium-fr-es es-fr fr-es" ;;
    en-es) echo "apertium-eng-spa eng-spa spa-eng" ;;
    es-pt) echo "apertium-es-pt es-pt pt-es" ;;
    es-it) echo "apertium-spa-ita spa-ita ita-spa" ;;
    en-ca) echo "apertium-eng-cat eng-cat cat-eng" ;;
    es-ca) echo "apertium-spa-cat spa-cat cat-spa" ;;
    fr-ca) echo "apertium-fra-cat fra-cat cat-fra" ;;
    pt-ca) echo "apertium-por-cat por-cat cat-por" ;;
    *) return 1 ;;
    esac
}

# Lemma pairs of one compiled bilingual dictionary.
expand() {
    tmp=$(mktemp -d)
    lt-print "$1" | awk -v dir="$tmp" 'BEGIN { n = 0 } $1 == "--" { n++; next } { print > (dir "/" n) }'
    big=$(wc -l "$tmp"/* | grep -v ' total$' | sort -n | tail -1 | awk '{ print $2 }')
    awk -f "$here/apertium-expand.awk" "$big"
    rm -rf "$tmp"
}

# Lowercase; single words of letters (and inner hyphens or apostrophes) on
# both sides; a word paired with itself is kept (names, loans).
clean() {
    LC_ALL=C.UTF-8 sed 's/.*/\L&/' |
        LC_ALL=C.UTF-8 grep -E "^[[:alpha:]]+([-'][[:alpha:]]+)*	[[:alpha:]]+([-'][[:alpha:]]+)*\$" || true
}

for pair in "$@"; do
    src=$(source_of "$pair") || die "$pair: no Apertium dictionary known for this pair"
    set -- $src
    pkg=$1 fwd=$2 rev=$3
    dir="$APDIR/$pkg"
    if [ ! -f "$dir/$fwd.autobil.bin" ]; then
        [ $required = 1 ] && die "$pair: $dir/$fwd.autobil.bin missing: apt-get install $pkg"
        echo "lexicon/apertium.sh: $pair skipped (apt-get install $pkg)" >&2
        continue
    fi
    out="$outdir/apertium/$pair.tsv"
    {
        expand "$dir/$fwd.autobil.bin"
        [ -f "$dir/$rev.autobil.bin" ] && expand "$dir/$rev.autobil.bin" | awk -F '\t' '{ print $2 "\t" $1 }'
    } | clean | LC_ALL=C sort -u >"$out.tmp.$$"
    mv "$out.tmp.$$" "$out"
    merged="$outdir/$pair.tsv"
    if [ -f "$merged" ]; then
        LC_ALL=C sort -u "$merged" "$out" >"$merged.tmp.$$"
    else
        cp "$out" "$merged.tmp.$$"
    fi
    mv "$merged.tmp.$$" "$merged"
    echo "$out: $(wc -l <"$out") entries; $merged: $(wc -l <"$merged")"
done
