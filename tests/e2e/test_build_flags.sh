# The Makefile rebuilds objects when the compiler flags change (a build
# directory reused with other flags linked stale objects: a tree from before
# -fPIC failed to link the shared library), and only then.
. tests/e2e/lib.sh
B="$TMP/build"
OBJ="$B/toolkit/base/error.o"
mk() { make -s --no-print-directory BUILD="$B" "$@" "$OBJ" >"$TMP/make.out" 2>&1; }
newer() { test -n "$(find "$OBJ" -newer "$TMP/ref")"; }
not_newer() { ! newer; }
mk
check "an object builds in a fresh build directory" test -f "$OBJ"
touch "$TMP/ref"
mk
check "the same flags again: the object is not rebuilt" not_newer
mk CFLAGS_EXTRA=-DTDM_FLAGS_CHANGED
check "other flags: the object is rebuilt" newer
touch "$TMP/ref"
mk CFLAGS_EXTRA=-DTDM_FLAGS_CHANGED
check "those flags again: not rebuilt" not_newer
