# End-to-end test of `make install`: the programs, libraries, headers,
# pkg-config file, man pages and models land under DESTDIR/PREFIX, the
# installed programs run on the installed models, the README's example
# program builds with `pkg-config --cflags --libs tandem` against the shared
# and the static library and runs, and `make uninstall` removes it all.
. tests/e2e/lib.sh
ROOT="$TMP/root"
# The default PREFIX, as the programs under test were built with it (another
# PREFIX would rebuild them in the middle of the test run).
PREFIX=/usr/local
if make -s --no-print-directory install BUILD="$BIN" PREFIX="$PREFIX" DESTDIR="$ROOT" \
  >"$TMP/make.out" 2>&1; then
  pass "make install succeeds"
else
  fail "make install succeeds"; sed 's/^/  make: /' "$TMP/make.out" | tail -5
fi
P="$ROOT$PREFIX"
for f in bin/align bin/summarize; do
  check "installed $f is executable" test -x "$P/$f"
done
for f in lib/libtandem.a lib/libtandem.so lib/libtandem.so.0 lib/pkgconfig/tandem.pc \
  include/tandem/tandem.h include/tandem/align.h \
  include/tandem/summarize.h share/man/man1/align.1 share/man/man1/summarize.1 \
  share/tandem/models/fr/stopwords share/tandem/models/es/abbrev \
  share/tandem/models/align/weights; do
  check "installed $f" test -s "$P/$f"
done
M="$P/share/tandem/models"
"$P/bin/align" -q --models "$M" -f beads corpora/seed/es.txt corpora/seed/fr.txt \
  | cut -d: -f1,2 >"$TMP/beads"
check "installed align on installed models: the 18 gold beads of the seed" \
  cmp -s "$TMP/beads" corpora/seed/gold.beads
"$P/bin/summarize" --models "$M" --lang fr corpora/seed/fr.txt >"$TMP/sum"
check "installed summarize on installed models: 3 sentences" test "$(wc -l <"$TMP/sum")" -eq 3
# A program built for PREFIX looks for its models there (after --models and
# TANDEM_MODELS): the path is compiled in.
check "the installed programs know PREFIX/share/tandem/models" \
  grep -q "$PREFIX/share/tandem/models" "$P/bin/align"

# --- the library, as another program uses it --------------------------------
check "libtandem.so carries the soname libtandem.so.0" \
  sh -c 'objdump -p "$1" | grep -q "SONAME  *libtandem.so.0\$"' sh "$P/lib/libtandem.so"
# The shared library exports the public API and nothing else: every name
# the headers declare, no internal tdm_ helper.
sed -n 's/^[^ ].*[ *]\(tdm_[a-z0-9_]*\)(.*/\1/p' "$P"/include/tandem/*.h | sort -u >"$TMP/api"
nm -D --defined-only "$P/lib/libtandem.so" | awk '$3 ~ /^tdm_/ { sub(/@.*/, "", $3); print $3 }' \
  | sort -u >"$TMP/exported"
check "libtandem.so exports exactly the functions of include/tandem/" cmp -s "$TMP/api" "$TMP/exported"
# The example of the README, compiled as its reader would.
awk '/^```c$/ { f = 1; next } /^```$/ { if (f) exit } f' README.md >"$TMP/example.c"
check "the README has an example program" grep -q 'tdm_align' "$TMP/example.c"
# A sanitized build's library needs the sanitizer runtime in the program.
SANFLAGS=
if nm "$P/lib/libtandem.a" 2>/dev/null | grep -q __asan_; then
  SANFLAGS="-fsanitize=address,undefined"
fi
# The installed tandem.pc, its prefix moved to where DESTDIR put it.
export PKG_CONFIG_PATH="$P/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
pc() { pkg-config --define-variable=prefix="$P" "$@"; }
check "pkg-config knows tandem $(sed -n 's/^#define TDM_VERSION "\(.*\)"/\1/p' include/tandem/tandem.h)" \
  test "$(pc --modversion tandem)" = "$(sed -n 's/^#define TDM_VERSION "\(.*\)"/\1/p' include/tandem/tandem.h)"
check "pkg-config --static lists the private requirements" \
  sh -c 'pkg-config --define-variable=prefix="$1" --static --libs tandem | grep -- -lutf8proc | grep -q -- -lstemmer' sh "$P"
export TANDEM_MODELS="$M"
if cc $SANFLAGS -o "$TMP/example" "$TMP/example.c" $(pc --cflags --libs tandem) \
  >"$TMP/cc.out" 2>&1; then
  pass "example: cc prog.c \$(pkg-config --cflags --libs tandem) (shared)"
else
  fail "example: cc prog.c \$(pkg-config --cflags --libs tandem) (shared)"; head -5 "$TMP/cc.out"
fi
check "example (shared) needs libtandem.so.0" \
  sh -c 'objdump -p "$1" | grep -q "NEEDED  *libtandem.so.0\$"' sh "$TMP/example"
LD_LIBRARY_PATH="$P/lib" "$TMP/example" >"$TMP/ex.out" 2>"$TMP/ex.err"
check "example (shared) runs: two 1-1 beads and a summary" \
  sh -c 'test "$(grep -c "^1-1 " "$1")" -eq 2 && grep -q "^summary: ." "$1"' sh "$TMP/ex.out"
# Static: the archive by name, the rest from pkg-config --static (the
# private requirements); a full -static link needs no more.
if cc $SANFLAGS -o "$TMP/example-static" "$TMP/example.c" $(pc --cflags --libs-only-L tandem) \
  -Wl,-Bstatic -ltandem -Wl,-Bdynamic $(pc --static --libs tandem | sed 's/ -ltandem//') \
  >"$TMP/cc.out" 2>&1; then
  pass "example: linked with pkg-config --static --libs tandem (static libtandem)"
else
  fail "example: linked with pkg-config --static --libs tandem (static libtandem)"; head -5 "$TMP/cc.out"
fi
check "example (static) does not need libtandem.so" \
  sh -c '! objdump -p "$1" | grep -q "NEEDED  *libtandem"' sh "$TMP/example-static"
"$TMP/example-static" >"$TMP/ex2.out" 2>"$TMP/ex.err"
check "example (static) prints what the shared one does" cmp -s "$TMP/ex.out" "$TMP/ex2.out"
if [ -z "$SANFLAGS" ]; then
  if cc -static -o "$TMP/example-full" "$TMP/example.c" $(pc --static --cflags --libs tandem) \
    >"$TMP/cc.out" 2>&1 && "$TMP/example-full" >"$TMP/ex3.out" 2>/dev/null; then
    check "example: cc -static prog.c \$(pkg-config --static --cflags --libs tandem) runs" \
      cmp -s "$TMP/ex.out" "$TMP/ex3.out"
  else
    fail "example: cc -static prog.c \$(pkg-config --static --cflags --libs tandem) runs"
    head -5 "$TMP/cc.out"
  fi
else
  skip "fully static example: not with sanitizers"
fi

# --- uninstall ----------------------------------------------------------------
make -s --no-print-directory uninstall BUILD="$BIN" PREFIX="$PREFIX" DESTDIR="$ROOT" \
  >"$TMP/make.out" 2>&1
check "make uninstall succeeds" test $? -eq 0
left=$(find "$ROOT" -type f -o -type l | head -5)
check "make uninstall leaves no file behind" test -z "$left"
[ -z "$left" ] || echo "  left: $left"
