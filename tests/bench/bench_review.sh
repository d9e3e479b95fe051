# bench_review.sh BUILD: the review page at 20,000 sentences a side, in
# headless Chromium: the nine TransRead books end to end, six times (21,678
# and 21,822 sentences). Prints the time until the page is ready, a jump to
# the last bead and a merge there (tests/e2e/review/drive.mjs book); never
# fails on a figure. Needs chromium, node and the driver of
# tests/e2e/test_review.sh (npm ci in tests/e2e/review).
build=${1:-build}
shared=${TANDEM_SHARED:-../shared}
books="$shared/corpora/transread-en-fr"
if [ ! -d "$books" ] || ! command -v chromium >/dev/null || ! command -v node >/dev/null ||
  [ ! -d tests/e2e/review/node_modules/puppeteer-core ]; then
  echo "bench_review: skipped (needs $books, chromium, node and npm ci in tests/e2e/review)"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in 1 2 3 4 5 6; do cat "$books"/*/en.txt; done >"$tmp/en.txt"
for i in 1 2 3 4 5 6; do cat "$books"/*/fr.txt; done >"$tmp/fr.txt"
echo "sentences: $(wc -l <"$tmp/en.txt") en, $(wc -l <"$tmp/fr.txt") fr"
"$build/align" -q --presplit --src-lang en --tgt-lang fr -f html -o "$tmp/20k.html" \
  "$tmp/en.txt" "$tmp/fr.txt" || exit 1
echo "page: $(wc -c <"$tmp/20k.html") bytes"
CHROMIUM=$(command -v chromium) node tests/e2e/review/drive.mjs book "$tmp/20k.html" \
  "$build/review-20k.png" "$tmp"
