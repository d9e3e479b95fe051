# Streams and memory (issue #10, section 4): a JSON Lines line that exhausts
# memory is an error naming it, never the end of the input; a blank --jsonl
# line gets its output line; binary and endless inputs stop early; a
# process under `ulimit -v` fails cleanly with exit 3.
. tests/e2e/lib.sh
ALIGN="$BIN/align" SUMMARIZE="$BIN/summarize"
SEED=corpora/seed
SHIM="$BIN/tests/failalloc.so"
REC='{"id":"a","src":"Hola.","tgt":"Bonjour.","src_lang":"es","tgt_lang":"fr"}'

# --- a line too long for memory (getline ENOMEM) ---------------------------
# The shim fails every allocation over 32 MB: getline's buffer for the 40 MB
# third line cannot grow. Before, that was "end of input" and exit 0.
if [ -f "$SHIM" ]; then
  { echo "$REC"; echo "$REC"; head -c 40000000 /dev/zero | tr '\0' a; echo; echo "$REC"; } >"$TMP/big.jsonl"
  { echo '{"text":"Le chat dort. Le chien aussi."}'; head -c 40000000 /dev/zero | tr '\0' a; echo; } >"$TMP/big2.jsonl"
  big() { FAILALLOC_OVER=33554432 LD_PRELOAD="$SHIM" "$@"; }
  expect_status "align --jsonl: a line too long for memory exits 3" 3 \
    big "$ALIGN" --jsonl -q <"$TMP/big.jsonl"
  check "align --jsonl: the error names line 3" grep -q '<stdin>:3: out of memory' "$TMP/err"
  # One line in, one line out up to the failure: the two lines read before
  # it are aligned and written (before: none, they were in flight).
  check "align --jsonl: the two lines before line 3 are written" \
    test "$(grep -c '^{"id":"a"' "$TMP/out")" -eq 2 -a "$(wc -l <"$TMP/out")" -eq 2
  # Language identification out of memory in a batch: the 512 KB that
  # libexttextcat needs cannot be had. Before: the pairs were split and
  # aligned with neutral rules instead (another output), exit 0.
  mkdir -p "$TMP/b/es" "$TMP/b/fr"
  for i in 1 2; do
    cp "$SEED/es.txt" "$TMP/b/es/$i.txt"
    cp "$SEED/fr.txt" "$TMP/b/fr/$i.txt"
    printf 'es/%s.txt\tfr/%s.txt\tdoc%s\n' "$i" "$i" "$i" >>"$TMP/b/m.tsv"
  done
  expect_status "batch: identification out of memory exits 3" 3 \
    env FAILALLOC_OVER=524287 LD_PRELOAD="$SHIM" "$ALIGN" --batch "$TMP/b/m.tsv" -q
  check "batch: identification out of memory names the pair" \
    grep -q '^align: doc1: .*out of memory' "$TMP/err"
  check "batch: identification out of memory writes no pair" test ! -s "$TMP/out"
  expect_status "batch: the same without the shim exits 0" 0 "$ALIGN" --batch "$TMP/b/m.tsv" -q
  expect_status "summarize --batch: a line too long for memory exits 3" 3 \
    big "$SUMMARIZE" --lang fr --batch "$TMP/big2.jsonl"
  check "summarize --batch: the error names line 2" grep -q 'big2.jsonl:2: out of memory' "$TMP/err"
  expect_status "summarize --build-idf -: a line too long for memory exits 3" 3 \
    big "$SUMMARIZE" --lang fr --build-idf - -o "$TMP/idf" <"$TMP/big2.jsonl"
  check "summarize --build-idf -: the error names line 2" grep -q '<stdin>:2: out of memory' "$TMP/err"
  check "summarize --build-idf -: no model written" test ! -e "$TMP/idf"
else
  skip "getline ENOMEM: no allocation shim in this build (sanitizers)"
fi

# --- a blank line in --jsonl: one line in, one line out --------------------
printf '%s\n\n%s\n' "$REC" "$REC" >"$TMP/blank.jsonl"
expect_status "align --jsonl: a blank line is a failed record (exit 2)" 2 \
  "$ALIGN" --jsonl -q <"$TMP/blank.jsonl"
check "align --jsonl: three lines in, three lines out" test "$(wc -l <"$TMP/out")" -eq 3
check "align --jsonl: the blank line gets an error object" \
  sh -c 'sed -n 2p "$1" | grep -q "^{\"id\":\"line 2\",\"error\":\".*blank line\"}$"' sh "$TMP/out"

# --- binary and endless inputs ---------------------------------------------
# /dev/zero is refused from its first block (before: read until memory ran
# out); the cap is raised so that only the binary check can stop it.
expect_status "align /dev/zero: binary file, exit 2" 2 \
  "$ALIGN" --max-input 0 /dev/zero "$SEED/fr.txt"
check "align /dev/zero: binary at byte 0" grep -q '/dev/zero: byte 0: binary file' "$TMP/err"
head -c 100000 /dev/zero >"$TMP/zeros"
expect_status "align: NUL bytes on standard input, exit 2" 2 \
  sh -c '"$1" - "$2" <"$3"' sh "$ALIGN" "$SEED/fr.txt" "$TMP/zeros"
check "align: standard input named in the error" grep -q '<stdin>: byte 0: binary file' "$TMP/err"
expect_status "align: an endless stdin stops at --max-input, exit 2" 2 \
  sh -c 'yes "Hola. Esto es una frase." | "$1" --max-input 1M --src-lang es --tgt-lang fr - "$2"' \
  sh "$ALIGN" "$SEED/fr.txt"
check "align: the cap is named" grep -q 'more than 1048576 bytes from a pipe' "$TMP/err"
expect_status "summarize: an endless stdin stops at --max-input, exit 2" 2 \
  sh -c 'yes "Le chat dort." | "$1" --max-input 64K --lang fr -' sh "$SUMMARIZE"
expect_status "align: a pipe under the cap is read whole" 0 \
  sh -c 'cat "$2" | "$1" --max-input 1M -q - "$3"' sh "$ALIGN" "$SEED/es.txt" "$SEED/fr.txt"
expect_status "align: --max-input rejects a bad size" 1 "$ALIGN" --max-input 12X "$SEED/es.txt" "$SEED/fr.txt"

# --- ulimit -v: out of memory is exit 3 with a message ---------------------
if grep -q __asan_init "$ALIGN" 2>/dev/null; then
  skip "ulimit -v: sanitized build (its shadow memory needs terabytes of address space)"
else
  # The least address space in which the program starts at all (the
  # shared libraries need tens of MB, more as they grow), then 2 MB more at
  # each step: the small limits stop the lexicon or the alignment, the large
  # ones let it finish. Every run must give the normal output with exit 0,
  # or exit 3 saying so.
  "$ALIGN" -q "$SEED/es.txt" "$SEED/fr.txt" >"$TMP/ref"
  base=8000
  while [ "$base" -lt 400000 ] &&
    ! sh -c 'ulimit -v "$1"; exec "$2" --version' sh "$base" "$ALIGN" >/dev/null 2>&1; do
    base=$((base + 2000))
  done
  bad=0 threes=0
  for step in 0 1 2 3 4 5 6 7 8 9 10 12 15 20; do
    v=$((base + step * 2000))
    sh -c 'ulimit -v "$1"; exec "$2" -q "$3" "$4"' sh "$v" "$ALIGN" "$SEED/es.txt" "$SEED/fr.txt" \
      >"$TMP/out" 2>"$TMP/err"
    rc=$?
    if [ "$rc" -eq 3 ] && grep -q 'out of memory' "$TMP/err"; then threes=$((threes + 1))
    elif [ "$rc" -eq 0 ] && cmp -s "$TMP/out" "$TMP/ref"; then :
    else bad=$((bad + 1)); echo "  ulimit -v $v: exit $rc: $(head -c 200 "$TMP/err")"; fi
  done
  echo "  ulimit -v from $base KB: $threes of 14 limits ran out of memory"
  check "align under ulimit -v (start + 0-40 MB): normal output or exit 3 'out of memory'" test "$bad" -eq 0
  check "align under ulimit -v: some limits do run out of memory" test "$threes" -gt 0
fi
