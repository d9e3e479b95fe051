#!/bin/sh
# End-to-end tests of the output contract (issue 14): filters never corrupt a
# ladder, one schema per format for one pair and for a batch, the version
# option, and document ids of directories given with a trailing slash.
. tests/e2e/lib.sh
ALIGN="$BIN/align"
SEED=corpora/seed
ES="$SEED/es.sent" FR="$SEED/fr.sent"

# --- the ladder is the whole path -------------------------------------------
for filter in --only-1to1 "--min-score 0.5"; do
  # shellcheck disable=SC2086
  expect_status "-f ladder $filter is refused (usage)" 1 \
    "$ALIGN" -q --presplit -f ladder $filter "$ES" "$FR"
  check "-f ladder $filter: the error says why" grep -q 'whole alignment' "$TMP/err"
  check "-f ladder $filter: nothing on standard output" test ! -s "$TMP/out"
done
expect_status "summarize --parallel -f ladder is refused (usage)" 1 \
  "$BIN/summarize" --parallel -n 3 -f ladder "$SEED/es.txt" "$SEED/fr.txt"
check "summarize --parallel -f ladder: the error says why" grep -q 'ladder' "$TMP/err"
# Unfiltered, the rungs step from bead to bead: each rung is the previous
# one plus the previous bead's sizes, as the beads format says.
"$ALIGN" -q --presplit -f ladder "$ES" "$FR" >"$TMP/ladder"
"$ALIGN" -q --presplit -f beads "$ES" "$FR" >"$TMP/beads"
awk -F ':' '{ s = $1; t = $2; gsub(/[][ ]/, "", s); gsub(/[][ ]/, "", t)
  printf "%d\t%d\n", ns, nt; ns += (s == "" ? 0 : split(s, a, ","))
  nt += (t == "" ? 0 : split(t, b, ",")) } END { printf "%d\t%d\n", ns, nt }' \
  "$TMP/beads" >"$TMP/rungs"
check "ladder rungs are the bead starts, then the end" \
  sh -c 'cut -f1,2 "$1" | cmp -s - "$2"' sh "$TMP/ladder" "$TMP/rungs"

# --- version ------------------------------------------------------------------
for opt in -V --version; do
  expect_status "align $opt exits 0" 0 "$ALIGN" $opt
  check "align $opt prints the version" grep -q '^align (tandem) [0-9]' "$TMP/out"
done

# --- ids of directories -----------------------------------------------------------
mkdir -p "$TMP/es" "$TMP/fr"
cp "$SEED/es.txt" "$TMP/es/a.txt"
cp "$SEED/fr.txt" "$TMP/fr/a.txt"
printf 'PK\003\004\000binary' >"$TMP/es/b.txt"
cp "$SEED/fr.txt" "$TMP/fr/b.txt"
"$ALIGN" -q --batch-dirs "$TMP/es/" "$TMP/fr//" --src-lang es --tgt-lang fr \
  --report "$TMP/report.tsv" >"$TMP/dirs.tsv" 2>"$TMP/err"
check "a trailing slash gives no '//' in messages" grep -q "$TMP/es/b.txt" "$TMP/err"
check "a trailing slash gives no '//' anywhere" \
  sh -c '! grep -q "//" "$1" "$2" "$3"' sh "$TMP/err" "$TMP/report.tsv" "$TMP/dirs.tsv"

# --- rejected is not failed ---------------------------------------------------------
if have_shared; then
  mkdir -p "$TMP/rj/es" "$TMP/rj/fr"
  cp "$SEED/es.txt" "$TMP/rj/es/a.txt"
  cp "$SEED/fr.txt" "$TMP/rj/fr/a.txt"
  cp "$SEED/es.txt" "$TMP/rj/es/b.txt"
  head -40 "$SHARED/corpora/transread-en-fr/Emma/fr.txt" >"$TMP/rj/fr/b.txt"
  expect_status "a batch whose only bad outcome is a rejection exits 0" 0 \
    "$ALIGN" -q --batch-dirs "$TMP/rj/es" "$TMP/rj/fr" --src-lang es --tgt-lang fr \
    --report "$TMP/rj.report" -f jsonl -o "$TMP/rj.jsonl"
  check "the rejected pair is named on stderr as rejected" grep -q '^align: b.txt: rejected: ' "$TMP/err"
  check "report: status rejected, not failed" grep -q '^b.txt	rejected	' "$TMP/rj.report"
  check "report: totals count it apart" grep -q '^# total	2 pairs, 1 rejected, 0 failed' "$TMP/rj.report"
  check "jsonl: {\"id\", \"rejected\"}" grep -q '^{"id":"b.txt","rejected":' "$TMP/rj.jsonl"
  expect_status "--reject-below 0 keeps every pair" 0 \
    "$ALIGN" -q --batch-dirs "$TMP/rj/es" "$TMP/rj/fr" --src-lang es --tgt-lang fr \
    --reject-below 0 --report "$TMP/rj0.report" -o "$TMP/rj0.tsv"
  check "--reject-below 0: both pairs ok, the warning in the report" \
    sh -c 'test "$(grep -c "	ok	" "$1")" -eq 2 && grep -q "^b.txt	ok	.*do not look like" "$1"' \
    sh "$TMP/rj0.report"
  printf 'PK\003\004\000binary' >"$TMP/rj/es/c.txt"
  cp "$SEED/fr.txt" "$TMP/rj/fr/c.txt"
  expect_status "a failed pair still exits 2" 2 \
    "$ALIGN" -q --batch-dirs "$TMP/rj/es" "$TMP/rj/fr" --src-lang es --tgt-lang fr -o "$TMP/rj2.tsv"
  check "the closing line counts rejected and failed apart" \
    grep -q '1 of 3 pairs failed (1 rejected apart)' "$TMP/err"
else
  skip "rejected pairs: shared corpora absent"
fi

# --- documentation stands on its own ------------------------------------------------
# No absolute path of one machine in sources, headers, model headers or docs,
# and no pointer to a file outside the repository for what users need.
check "no absolute machine paths in toolkit/, include/, models/*/idf, docs" \
  sh -c '! grep -rIn -E "(^|[^A-Za-z0-9_.])/(work|home|root|mnt|Users)/" toolkit include README.md doc \
    corpora/README.md models/README.md models/*/idf'
check "README and man pages do not send users to ../shared/EVAL.md" \
  sh -c '! grep -n "EVAL\.md" README.md toolkit/programs/man/*.1'
check "doc/evaluation.md defines strict/lax F1 and ROUGE" \
  sh -c 'grep -q "Strict F1" doc/evaluation.md && grep -q "lax" doc/evaluation.md && grep -q "ROUGE-L" doc/evaluation.md'

# --- one schema per format: a one-pair batch is the single pair plus its id ----------
mkdir -p "$TMP/one/es" "$TMP/one/fr"
cp "$SEED/es.txt" "$TMP/one/es/story.txt"
cp "$SEED/fr.txt" "$TMP/one/fr/story.txt"
one() { "$ALIGN" -q --src-lang es --tgt-lang fr "$@"; }
for f in tsv tmx jsonl; do
  one -f $f "$TMP/one/es/story.txt" "$TMP/one/fr/story.txt" >"$TMP/single.$f"
  one -f $f --batch-dirs "$TMP/one/es" "$TMP/one/fr" >"$TMP/batch.$f"
done
sed 's/^/story.txt\t/' "$TMP/single.tsv" >"$TMP/want.tsv"
check "tsv: the batch line is the single-pair line after the id" cmp -s "$TMP/want.tsv" "$TMP/batch.tsv"
sed 's/^{/{"id":"story.txt",/' "$TMP/single.jsonl" >"$TMP/want.jsonl"
check "jsonl: the batch object is the single-pair object with the id first" \
  cmp -s "$TMP/want.jsonl" "$TMP/batch.jsonl"
sed -e 's|<tu tuid="\([0-9]*\)">|<tu tuid="story.txt/\1">\n      <prop type="x-document">story.txt</prop>|' \
  "$TMP/single.tmx" >"$TMP/want.tmx"
check "tmx: the batch units are the single-pair units with the document id" \
  cmp -s "$TMP/want.tmx" "$TMP/batch.tmx"
one -f moses -o "$TMP/single" "$TMP/one/es/story.txt" "$TMP/one/fr/story.txt"
one -f moses -o "$TMP/batch" --batch-dirs "$TMP/one/es" "$TMP/one/fr"
check "moses: the same two files, and the batch adds PREFIX.ids" \
  sh -c 'cmp -s "$1.es" "$2.es" && cmp -s "$1.fr" "$2.fr" && test ! -e "$1.ids" &&
    test "$(cut -f1 "$2.ids" | sort -u)" = story.txt &&
    test "$(wc -l <"$2.ids")" -eq "$(wc -l <"$1.es")"' sh "$TMP/single" "$TMP/batch"
# The filters give the same beads in both modes, as the same options.
for opts in "--types all" "--only-1to1 --min-score 0.9" "--max-ratio 1.1" "--dedup"; do
  # shellcheck disable=SC2086
  one -f tsv $opts "$TMP/one/es/story.txt" "$TMP/one/fr/story.txt" | sed 's/^/story.txt\t/' \
    >"$TMP/want.tsv"
  # shellcheck disable=SC2086
  one -f tsv $opts --batch-dirs "$TMP/one/es" "$TMP/one/fr" >"$TMP/batch.tsv"
  check "tsv $opts: a one-pair batch equals the single pair plus the id" \
    cmp -s "$TMP/want.tsv" "$TMP/batch.tsv"
done
check "--types all writes the null beads that the default leaves out" \
  test "$(one -f tsv --types all "$TMP/one/es/story.txt" "$TMP/one/fr/story.txt" | wc -l)" -gt \
  "$(wc -l <"$TMP/single.tsv")"
check "--max-ratio 1.1 leaves out beads for one pair" \
  test "$(one -f tsv --max-ratio 1.1 "$TMP/one/es/story.txt" "$TMP/one/fr/story.txt" | wc -l)" -lt \
  "$(wc -l <"$TMP/single.tsv")"
cat "$TMP/one/es/story.txt" "$TMP/one/es/story.txt" >"$TMP/twice.es"
cat "$TMP/one/fr/story.txt" "$TMP/one/fr/story.txt" >"$TMP/twice.fr"
check "--dedup leaves out the repeated beads of one pair" \
  test "$(one -f tsv --dedup "$TMP/twice.es" "$TMP/twice.fr" | wc -l)" -eq "$(wc -l <"$TMP/single.tsv")"

# --- TSV keeps sentence boundaries ---------------------------------------------------------
printf 'Uno. Dos.\n\nTres.\n' >"$TMP/b.es"
printf 'Un deux.\n\nTrois.\n' >"$TMP/b.fr"
"$ALIGN" -q --src-lang es --tgt-lang fr -f tsv "$TMP/b.es" "$TMP/b.fr" >"$TMP/b.tsv"
check "tsv: the sentences of a 2-1 bead are joined by ' ~~~ '" \
  grep -q '^Uno\. ~~~ Dos\.	Un deux\.	' "$TMP/b.tsv"

# --- an unidentified language: a warning and neutral rules, in both modes --------------------
mkdir -p "$TMP/u/es" "$TMP/u/fr"
printf '12345 67890.\n' >"$TMP/u/es/n.txt"
printf '12345 67890.\n' >"$TMP/u/fr/n.txt"
expect_status "one pair in no identifiable language: exit 0" 0 \
  "$ALIGN" -f tsv "$TMP/u/es/n.txt" "$TMP/u/fr/n.txt"
check "one pair: 'language not identified' warning" grep -q 'language not identified' "$TMP/err"
expect_status "a batch of it: exit 0 too" 0 \
  "$ALIGN" -q --batch-dirs "$TMP/u/es" "$TMP/u/fr" --reject-below 0 --report "$TMP/u.report"
check "batch: aligned with the warning in the report" \
  grep -q '^n.txt	ok	.*language not identified' "$TMP/u.report"
