# Batch journal and resume (issue #10, section 5): --resume finishes a batch
# from any state a kill can leave, including between the final renames, and
# never trusts a journal that records more than the parts hold.
. tests/e2e/lib.sh
ALIGN="$BIN/align"
ES=corpora/seed/es.txt FR=corpora/seed/fr.txt
mkdir -p "$TMP/es" "$TMP/fr"
: >"$TMP/m.tsv"
for i in 1 2 3 4 5 6 7; do
  cp "$ES" "$TMP/es/$i.txt"
  cp "$FR" "$TMP/fr/$i.txt"
  printf 'es/%s.txt\tfr/%s.txt\tdoc%s\tes\tfr\n' "$i" "$i" "$i" >>"$TMP/m.tsv"
done
head -6 "$TMP/m.tsv" >"$TMP/m6.tsv"
M="$TMP/m.tsv"
run() { "$ALIGN" --batch "$M" -q -j 1 "$@" 2>"$TMP/err"; }
run -o "$TMP/ref.tsv" --report "$TMP/ref.report"
run -f moses -o "$TMP/ref"
M="$TMP/m6.tsv"
run -o "$TMP/ref6.tsv" --report "$TMP/ref6.report"
M="$TMP/m.tsv"
leftovers() { ls "$TMP" | grep -E '\.(part|journal)$'; }

# same NAME PREFIX [REF]: the corpus and report at PREFIX equal REF's (the
# uninterrupted run's).
same() {
  ref=${3:-$TMP/ref}
  check "$1: corpus equals the uninterrupted run" cmp -s "$ref.tsv" "$2.tsv"
  check "$1: report equals the uninterrupted run" cmp -s "$ref.report" "$2.report"
  check "$1: no .part or journal left" test -z "$(leftovers)"
}

# --- killed between the final renames ---------------------------------------
# Six documents of seven done (--limit 6), then the corpus renamed and the
# report not, as a kill between the two renames of a run that wrote no end
# record (before this fix) leaves them. Before: "cannot resume: No such file
# or directory", exit 2, the parts and the journal left for ever.
run -o "$TMP/a.tsv" --report "$TMP/a.report" --limit 6
mv "$TMP/a.tsv.part" "$TMP/a.tsv"
expect_status "corpus renamed, report still .part: resume exits 0" 0 \
  run -o "$TMP/a.tsv" --report "$TMP/a.report" --resume
same "renamed corpus" "$TMP/a"

# After the end record (the six documents of m6.tsv journaled, the parts
# complete and synced): only renames were left; resume renames the rest and
# aligns nothing.
run -o "$TMP/b.tsv" --report "$TMP/b.report" --limit 6
cp "$TMP/ref6.tsv" "$TMP/b.tsv"
cp "$TMP/ref6.report" "$TMP/b.report.part"
rm -f "$TMP/b.tsv.part"
printf '{"finished":1,"offsets":"%s %s"}\n' "$(wc -c <"$TMP/ref6.tsv")" \
  "$(wc -c <"$TMP/ref6.report")" >>"$TMP/b.tsv.journal"
M="$TMP/m6.tsv"
expect_status "end record written, corpus renamed: resume exits 0" 0 \
  run -o "$TMP/b.tsv" --report "$TMP/b.report" --resume
M="$TMP/m.tsv"
same "after the end record" "$TMP/b" "$TMP/ref6"

# Moses: three files (.es, .fr: the manifest's columns, the same for every
# pair; .ids); two renamed.
run -f moses -o "$TMP/c" --limit 6
mv "$TMP/c.es.part" "$TMP/c.es"
mv "$TMP/c.fr.part" "$TMP/c.fr"
expect_status "moses, two of three files renamed: resume exits 0" 0 \
  run -f moses -o "$TMP/c" --resume
check "moses: every file equals the uninterrupted run" \
  sh -c 'for x in es fr ids; do cmp -s "$1.$x" "$2.$x" || exit 1; done' sh "$TMP/ref" "$TMP/c"
check "moses: no .part or journal left" test -z "$(leftovers)"

# --- a journal that records more than the parts hold ------------------------
# A power cut can keep the journal's last lines and lose the data they
# describe. Before: the part was padded with NUL bytes up to the recorded
# size, exit 0.
run -o "$TMP/d.tsv" --report "$TMP/d.report" --limit 4
size=$(wc -c <"$TMP/d.tsv.part")
truncate -s $((size / 2)) "$TMP/d.tsv.part"
expect_status "part shorter than its journal: resume exits 0" 0 \
  run -o "$TMP/d.tsv" --report "$TMP/d.report" --resume
same "part shorter than its journal" "$TMP/d"
check "part shorter than its journal: no NUL byte in the corpus" \
  sh -c 'test "$(tr -d "\000" <"$1" | wc -c)" -eq "$(wc -c <"$1")"' sh "$TMP/d.tsv"

# ... or keep the size and lose the bytes (a tail of NUL bytes).
run -o "$TMP/e.tsv" --report "$TMP/e.report" --limit 4
size=$(wc -c <"$TMP/e.tsv.part")
dd if=/dev/zero of="$TMP/e.tsv.part" bs=1 seek=$((size - 300)) count=300 conv=notrunc 2>/dev/null
expect_status "part with a NUL tail: resume exits 0" 0 \
  run -o "$TMP/e.tsv" --report "$TMP/e.report" --resume
same "part with a NUL tail" "$TMP/e"

# --- kill -9 at many moments ---------------------------------------------------
# Whatever the moment (while aligning, writing tails, renaming), resuming
# gives the uninterrupted result.
: >"$TMP/big.tsv"
for k in 1 2 3 4 5 6; do
  sed "s/\tdoc\([0-9]\)\t/\tdoc\1-$k\t/" "$TMP/m.tsv" >>"$TMP/big.tsv"
done
"$ALIGN" --batch "$TMP/big.tsv" -q -j 2 -o "$TMP/big-ref.tsv" --report "$TMP/big-ref.report" 2>/dev/null
bad=0
for t in 0.05 0.1 0.2 0.3 0.5 0.7 1 1.5; do
  rm -f "$TMP"/big-k.*
  "$ALIGN" --batch "$TMP/big.tsv" -q -j 2 -o "$TMP/big-k.tsv" --report "$TMP/big-k.report" \
    2>/dev/null &
  pid=$!
  sleep "$t"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  "$ALIGN" --batch "$TMP/big.tsv" -q -j 2 -o "$TMP/big-k.tsv" --report "$TMP/big-k.report" \
    --resume 2>"$TMP/err" || { bad=$((bad + 1)); echo "  killed at $t s: resume failed: $(head -c 200 "$TMP/err")"; continue; }
  if ! cmp -s "$TMP/big-ref.tsv" "$TMP/big-k.tsv" || ! cmp -s "$TMP/big-ref.report" "$TMP/big-k.report" ||
    [ -n "$(ls "$TMP" | grep -E '^big-k.*\.(part|journal)$')" ]; then
    bad=$((bad + 1)); echo "  killed at $t s: resumed files differ or parts are left"
  fi
done
check "kill -9 at 8 moments, then --resume: always the uninterrupted result" test "$bad" -eq 0

# --- exit codes of a run that cannot write its output (README table) -------
# Another run owning the output (its journal locked) and a stopped run whose
# files cannot be taken back are write failures: exit 3, never 2 ("bad
# input"), and the other run's files are left alone. Before: exit 2.
# The holder reads a FIFO whose writer (fd 3 here) stays open: it holds
# the lock until fd 3 is closed, however slow the machine.
rm -f "$TMP"/l.*
mkfifo "$TMP/l.fifo"
"$ALIGN" --jsonl -q -o "$TMP/l.jsonl" <"$TMP/l.fifo" 2>/dev/null &
holder=$!
exec 3>"$TMP/l.fifo"
n=0
# (its header is written after the lock is taken: the file exists a moment
# before the lock, which let the second run take it first under load)
while [ ! -s "$TMP/l.jsonl.journal" ] && [ "$n" -lt 600 ]; do sleep 0.1; n=$((n + 1)); done
expect_status "journal locked by another run: exit 3" 3 \
  "$ALIGN" --jsonl -q -o "$TMP/l.jsonl" </dev/null
check "journal locked: the message says so" grep -q 'l.jsonl.journal: another batch run is writing this output (journal locked)' "$TMP/err"
check "journal locked: the other run's part is left" test -e "$TMP/l.jsonl.part"
exec 3>&-
wait "$holder"
check "journal locked: the other run finishes" test -e "$TMP/l.jsonl" -a ! -e "$TMP/l.jsonl.journal"
run -o "$TMP/r.tsv" --limit 3
rm -f "$TMP/r.tsv.part"
mkdir "$TMP/r.tsv.part"
expect_status "cannot resume (a part that cannot be cut back): exit 3" 3 \
  run -o "$TMP/r.tsv" --resume
check "cannot resume: the part is named" grep -q 'r.tsv.part: cannot resume' "$TMP/err"
rmdir "$TMP/r.tsv.part"
rm -f "$TMP"/r.tsv.*
