#!/bin/sh
# Exit codes of read and write failures (issue #10 §3): every write failure
# exits 3, every read failure 2, in single-pair, batch, --jsonl and
# summarize modes; and a failed write leaves no output file behind.
. tests/e2e/lib.sh

ALIGN="$BIN/align"
SUMMARIZE="$BIN/summarize"
ES=corpora/seed/es.txt
FR=corpora/seed/fr.txt
printf '{"id":"a","src":"Hola. Adiós.","tgt":"Bonjour. Adieu.","src_lang":"es","tgt_lang":"fr"}\n' \
  > "$TMP/pairs.jsonl"
printf 'es.txt\tfr.txt\tdoc1\tes\tfr\n' > "$TMP/manifest.tsv"
cp "$ES" "$FR" corpora/seed/es.sent corpora/seed/fr.sent corpora/seed/gold.beads "$TMP/"
printf 'es.sent\tfr.sent\tgold.beads\n' > "$TMP/eval.list"
printf '{"id":"x","text":"Uno. Dos. Tres. Cuatro.","lang":"es"}\n' > "$TMP/articles.jsonl"

# expect_closed NAME STATUS COMMAND...: like expect_status, with standard
# output closed (`>&-`).
expect_closed() {
  name=$1 want=$2; shift 2
  "$@" >&- 2>"$TMP/err"; got=$?
  if [ "$got" -eq "$want" ] && grep -q 'write error' "$TMP/err"; then pass "$name"; else
    fail "$name (exit $got, wanted $want and a write error)"; sed 's/^/  stderr: /' "$TMP/err" | head -5
  fi
}

# expect_full NAME COMMAND...: standard output is a full device: exit 3,
# "<stdout>: write error" on stderr (the output named).
expect_full() {
  name=$1; shift
  "$@" >/dev/full 2>"$TMP/err"; got=$?
  if [ "$got" -eq 3 ] && grep -q '<stdout>: write error' "$TMP/err"; then pass "$name"; else
    fail "$name (exit $got, wanted 3 and a write error naming <stdout>)"; sed 's/^/  stderr: /' "$TMP/err" | head -5
  fi
}

if [ -w /dev/full ]; then
  expect_full "align >/dev/full exits 3" "$ALIGN" -q "$ES" "$FR"
  expect_full "align -f tmx >/dev/full exits 3" "$ALIGN" -q -f tmx "$ES" "$FR"
  expect_full "align --jsonl >/dev/full exits 3" "$ALIGN" -q --jsonl < "$TMP/pairs.jsonl"
  expect_full "align --batch >/dev/full exits 3" "$ALIGN" -q --batch "$TMP/manifest.tsv"
  expect_full "align --eval-list >/dev/full exits 3" "$ALIGN" -q --eval-list "$TMP/eval.list"
  expect_full "summarize >/dev/full exits 3" "$SUMMARIZE" --lang es "$ES"
  expect_full "summarize --batch >/dev/full exits 3" "$SUMMARIZE" --batch "$TMP/articles.jsonl"
  expect_full "summarize --parallel >/dev/full exits 3" "$SUMMARIZE" --parallel "$ES" "$FR"
  expect_full "summarize --build-idf >/dev/full exits 3" "$SUMMARIZE" --lang fr --build-idf "$TMP/articles.jsonl"
else
  skip "no /dev/full: full-device cases"
fi

expect_closed "align >&- exits 3" 3 "$ALIGN" -q "$ES" "$FR"
expect_closed "align --jsonl >&- exits 3" 3 "$ALIGN" -q --jsonl < "$TMP/pairs.jsonl"
expect_closed "align --batch >&- exits 3" 3 "$ALIGN" -q --batch "$TMP/manifest.tsv"
expect_closed "summarize >&- exits 3" 3 "$SUMMARIZE" --lang es "$ES"
expect_closed "summarize --batch >&- exits 3" 3 "$SUMMARIZE" --batch "$TMP/articles.jsonl"

# A closed standard output must not be handed to the output temporary: the
# file gets exactly what a normal run writes, the summary line nothing.
"$ALIGN" -q -f tsv -o "$TMP/ref.tsv" "$ES" "$FR"
"$ALIGN" -f tsv -o "$TMP/closed.tsv" "$ES" "$FR" >&- 2>/dev/null
check "-o with standard output closed writes the same file" cmp -s "$TMP/ref.tsv" "$TMP/closed.tsv"

# Read failures are 2 in every mode.
expect_status "align: missing input exits 2" 2 "$ALIGN" "$TMP/missing.txt" "$FR"
expect_status "align: a directory as input exits 2" 2 "$ALIGN" "$TMP" "$FR"
expect_status "align: closed standard input exits 2" 2 sh -c '"$0" -q - "$1" <&-' "$ALIGN" "$FR"
expect_status "align --batch: missing manifest exits 2" 2 "$ALIGN" --batch "$TMP/none.tsv"
expect_status "summarize: missing input exits 2" 2 "$SUMMARIZE" --lang es "$TMP/missing.txt"
expect_status "summarize --batch: missing file exits 2" 2 "$SUMMARIZE" --batch "$TMP/none.jsonl"

# An output that cannot be created is a write failure: 3, nothing left.
expect_status "align -o into a missing directory exits 3" 3 "$ALIGN" -o "$TMP/no/out.txt" "$ES" "$FR"
expect_status "summarize -o into a missing directory exits 3" 3 \
  "$SUMMARIZE" --lang es -o "$TMP/no/out.txt" "$ES"
expect_status "align --batch -o into a missing directory exits 3" 3 \
  "$ALIGN" -q --batch "$TMP/manifest.tsv" -o "$TMP/no/corpus.tsv"

# A full file system (a 2 MB tmpfs, filled): exit 3, no output, no temporary.
trap 'umount "$TMP/fs" 2>/dev/null; rm -rf "$TMP"' EXIT
full_fs() {
  [ "$(id -u)" = 0 ] || return 1
  mkdir -p "$TMP/fs" && mount -t tmpfs -o size=2m tmpfs "$TMP/fs" 2>/dev/null || return 1
  dd if=/dev/zero of="$TMP/fs/fill" bs=64k 2>/dev/null
  return 0
}
if full_fs; then
  expect_status "align -o on a full disk exits 3" 3 "$ALIGN" -q -o "$TMP/fs/out.txt" "$ES" "$FR"
  expect_status "align -f moses -o on a full disk exits 3" 3 \
    "$ALIGN" -q -f moses -o "$TMP/fs/corpus" "$ES" "$FR"
  expect_status "align --batch -o on a full disk exits 3" 3 \
    "$ALIGN" -q --batch "$TMP/manifest.tsv" -o "$TMP/fs/corpus.tsv"
  expect_status "summarize -o on a full disk exits 3" 3 "$SUMMARIZE" --lang es -o "$TMP/fs/s.txt" "$ES"
  expect_status "summarize --build-idf -o on a full disk exits 3" 3 \
    "$SUMMARIZE" --lang es --min-df 1 --build-idf "$TMP/articles.jsonl" -o "$TMP/fs/idf"
  left=$(ls "$TMP/fs" | grep -v '^fill$' | grep -v '\.journal$\|\.part$')
  check "a full disk leaves no output and no temporary" [ -z "$left" ]
  umount "$TMP/fs"
else
  skip "full file system cases (need root and a tmpfs mount)"
fi
