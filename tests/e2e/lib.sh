# Shared helpers for end-to-end tests: sourced by tests/e2e/*.sh, run from
# the repository root by tests/run.sh with TANDEM_BIN and TANDEM_SHARED set.
# Each check prints one PASS:/FAIL:/SKIP: line; the runner counts them.
BIN=${TANDEM_BIN:-build}
SHARED=${TANDEM_SHARED:-../shared}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1"; }
skip() { echo "SKIP: $1"; }

# check NAME COMMAND...: passes when the command succeeds.
check() {
  name=$1; shift
  if "$@"; then pass "$name"; else fail "$name"; fi
}

# expect_status NAME STATUS COMMAND...: passes when the command exits STATUS.
expect_status() {
  name=$1 want=$2; shift 2
  "$@" >"$TMP/out" 2>"$TMP/err"; got=$?
  if [ "$got" -eq "$want" ]; then pass "$name"; else
    fail "$name (exit $got, wanted $want)"; sed 's/^/  stderr: /' "$TMP/err" | head -5
  fi
}

have_shared() { [ -d "$SHARED/corpora" ]; }
