#!/bin/sh
# The first `make demo` on a machine without a build package (issue #10 §1),
# for real: removes libuchardet-dev, runs `make demo` in a fresh clone of
# this repository (which must reinstall it), and puts the package back
# whatever happens. It changes the system, so it runs only as root with
# CI=true (.ci/run calls it). Exit 0 when the first `make demo` succeeded.
set -u
if [ "$(id -u)" != 0 ] || [ "${CI:-}" != true ]; then
  echo "fresh_machine: refusing to run: it removes a system package (needs root and CI=true)" >&2
  exit 2
fi
PKG=${FRESH_MACHINE_PACKAGE:-libuchardet-dev}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
restore() {
  dpkg-query -W -f='${Status}\n' "$PKG" 2>/dev/null | grep -q '^install ok installed' ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=600 "$PKG" >/dev/null
  rm -rf "$work"
}
trap restore EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "fresh_machine: removing $PKG"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -q -o DPkg::Lock::Timeout=600 "$PKG" >/dev/null || exit 3
if pkg-config --exists uchardet 2>/dev/null; then
  echo "fresh_machine: $PKG is still installed: nothing would be proved" >&2
  exit 3
fi
git clone -q "$repo" "$work/tandem" || exit 3
echo "fresh_machine: make demo in a fresh clone"
if (cd "$work/tandem" && make demo) >"$work/make.log" 2>&1; then
  status=0
  echo "fresh_machine: PASS: the first make demo succeeded"
else
  status=1
  tail -20 "$work/make.log" >&2
  echo "fresh_machine: FAIL: the first make demo failed" >&2
fi
if ! dpkg-query -W -f='${Status}\n' "$PKG" 2>/dev/null | grep -q '^install ok installed'; then
  echo "fresh_machine: FAIL: make demo did not reinstall $PKG" >&2
  status=1
fi
exit $status
