# End-to-end tests of the review page (align -f html) and of
# align --from-beads, which turns its corrected beads into any format.
# The page is driven in headless Chromium by tests/e2e/review/drive.mjs
# (puppeteer-core from the npm registry, installed here with npm ci when
# missing); those checks skip, saying why, without chromium, node or npm,
# and the TransRead ones without ../shared.
. tests/e2e/lib.sh
ALIGN="$BIN/align"
SEED=corpora/seed
ES="$SEED/es.sent" FR="$SEED/fr.sent"

# --- align --from-beads ---------------------------------------------------
"$ALIGN" -q --presplit -f beads "$ES" "$FR" >"$TMP/auto.beads"
for fmt in beads ladder tsv tmx; do
  "$ALIGN" -q --presplit -f $fmt "$ES" "$FR" >"$TMP/auto.$fmt"
  "$ALIGN" -q --presplit --from-beads "$TMP/auto.beads" -f $fmt "$ES" "$FR" >"$TMP/back.$fmt"
  check "--from-beads of align's beads, -f $fmt: the same file" cmp -s "$TMP/auto.$fmt" "$TMP/back.$fmt"
done
# A gold file (no scores, null beads [] written without position) works too.
expect_status "--from-beads reads the gold file" 0 \
  "$ALIGN" -q --presplit --from-beads "$SEED/gold.beads" -f ladder "$ES" "$FR"
check "--from-beads: ladder rungs of null beads at their position" \
  test "$(tail -1 "$TMP/out")" = "$(wc -l <"$ES" | tr -d ' ')	$(wc -l <"$FR" | tr -d ' ')	0.0000"
"$ALIGN" -q --presplit --from-beads "$SEED/gold.beads" --eval "$SEED/gold.beads" "$ES" "$FR" \
  >/dev/null 2>"$TMP/err"
check "--from-beads with --eval: the gold scores F1 1 against itself" grep -q 'strict P 1.0000 R 1.0000 F1 1.0000' "$TMP/err"

# Bad bead files: exit 2, the file and the line named.
bad() { # NAME EXPECTED-MESSAGE: the bead file is $TMP/bad.beads
  expect_status "--from-beads refuses $1" 2 "$ALIGN" -q --presplit --from-beads "$TMP/bad.beads" "$ES" "$FR"
  check "--from-beads: $1: says where and why" grep -q "$2" "$TMP/err"
}
sed '3d' "$TMP/auto.beads" >"$TMP/bad.beads"
bad "a sentence in no bead" "bad.beads:3: .* in no bead"
sed '3p' "$TMP/auto.beads" >"$TMP/bad.beads"
bad "a sentence in two beads" "bad.beads:4: .* in two beads"
head -n -1 "$TMP/auto.beads" >"$TMP/bad.beads"
bad "a file that stops short" "bad.beads: .* in no bead (the file ends first)"
{ cat "$TMP/auto.beads"; echo '[99]:[]'; } >"$TMP/bad.beads"
bad "an id past the end" "bad.beads:$(($(wc -l <"$TMP/auto.beads") + 1)): bead names source sentence 99"
printf '[0, 2]:[0]\n' >"$TMP/bad.beads"
bad "ids with a gap" "bad.beads:1: the ids of one side are not consecutive"
printf '[0]:[0]:1.5\n' >"$TMP/bad.beads"
bad "a score above 1" "bad.beads:1: score 1.5"
printf '[0]:[0\n' >"$TMP/bad.beads"
bad "bad syntax" "bad.beads:1: bad bead"
expect_status "--from-beads: a missing file exits 2" 2 \
  "$ALIGN" -q --from-beads "$TMP/none.beads" "$ES" "$FR"
expect_status "--from-beads with --batch is a usage error" 1 \
  "$ALIGN" --from-beads "$TMP/auto.beads" --batch "$TMP/none.tsv"
"$ALIGN" -q --presplit --from-beads "$TMP/bad.beads" -f html -o "$TMP/bad.html" "$ES" "$FR" 2>/dev/null
check "--from-beads: no output file on a bad bead file" test ! -e "$TMP/bad.html"

# --- the page in headless Chromium ----------------------------------------
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$CHROMIUM" ]; then
  skip "chromium not installed: the review page is not driven (make test-deps installs it)"
  exit 0
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  skip "node or npm not installed: the review page is not driven (apt-get install nodejs npm)"
  exit 0
fi
DRIVER=tests/e2e/review
if [ ! -f "$DRIVER/node_modules/puppeteer-core/package.json" ]; then
  echo "installing puppeteer-core into $DRIVER/node_modules (npm ci)"
  if ! (cd "$DRIVER" && npm ci --no-audit --no-fund >"$TMP/npm.log" 2>&1); then
    sed 's/^/  npm: /' "$TMP/npm.log" | tail -5
    skip "puppeteer-core could not be installed (npm ci failed, see above): the review page is not driven"
    exit 0
  fi
fi
export CHROMIUM
drive() { timeout 300 node "$DRIVER/drive.mjs" "$@"; }

# The seed story's page: opens, rows drawn, no script error.
"$ALIGN" -q -f html -o "$TMP/seed.html" "$SEED/es.txt" "$SEED/fr.txt"
drive book "$TMP/seed.html" "" "$TMP"
drive keys "$TMP/seed.html" "$TMP"
: >"$TMP/empty1.txt"
: >"$TMP/empty2.txt"
"$ALIGN" -q -f html -o "$TMP/empty.html" "$TMP/empty1.txt" "$TMP/empty2.txt" 2>/dev/null
drive keys "$TMP/empty.html" "$TMP"
mkdir -p "$TMP/rtl" && drive rtl "$ALIGN" "$TMP/rtl"

if ! have_shared; then
  skip "../shared absent: the TransRead book is not corrected in the page"
  exit 0
fi
BOOKS="$SHARED/corpora/transread-en-fr"
mkdir -p "$TMP/correct" "$TMP/exports" "$TMP/book"
drive correct "$ALIGN" "$BOOKS/VingtMilleLieuesSousLesMers" "$TMP/correct"
"$ALIGN" --presplit --from-beads "$TMP/correct/corrected.beads" \
  --eval "$BOOKS/VingtMilleLieuesSousLesMers/gold.en-fr.beads" \
  "$BOOKS/VingtMilleLieuesSousLesMers/en.txt" "$BOOKS/VingtMilleLieuesSousLesMers/fr.txt" \
  >/dev/null 2>"$TMP/err"
check "the page's corrected beads score F1 1 against the gold (align --eval)" \
  grep -q 'strict P 1.0000 R 1.0000 F1 1.0000' "$TMP/err"
if command -v xmllint >/dev/null; then
  check "the page's TMX export is valid TMX 1.4b" \
    xmllint --noout --dtdvalid tests/data/tmx14b.dtd "$TMP/correct/corrected.tmx"
fi
drive exports "$ALIGN" "$BOOKS/Emma" "$TMP/exports"
# Book size: the nine books end to end (3,613 and 3,637 sentences).
cat "$BOOKS"/*/en.txt >"$TMP/book/en.txt"
cat "$BOOKS"/*/fr.txt >"$TMP/book/fr.txt"
"$ALIGN" -q --presplit --src-lang en --tgt-lang fr -f html -o "$TMP/book/nine-books.html" \
  "$TMP/book/en.txt" "$TMP/book/fr.txt"
drive book "$TMP/book/nine-books.html" "$BIN/review-nine-books.png" "$TMP/book"
echo "screenshot of the book-size page: $BIN/review-nine-books.png"
