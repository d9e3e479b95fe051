#!/bin/sh
# spare_ranges.sh ARCHIVE PROGRAM: the code of the static library ARCHIVE
# inside PROGRAM (linked in statically, not position-independent), as
# FAILALLOC_SPARE_RANGES wants it: "lo-hi,lo-hi,..." in hexadecimal, one
# range per member of the archive that the program holds. Prints nothing
# when the program holds none of it.
#
# From nm: a member's functions are laid out together in the program, so
# its range runs from its first to the end of its last function. Global
# names are unique in a program; a local (static) one may be too common to
# trust by name (another library's "compare"), so a member's range is
# anchored on its global functions and then grown over the neighbouring
# symbols that are local functions of the same member, never over anything
# else.
set -eu
archive=$1 program=$2
nm -n -S --defined-only "$program" 2>/dev/null | awk '
  NF == 4 && $3 ~ /^[tTW]$/ { n++; addr[n] = $1; size[n] = $2; name[n] = $4 }
  END { for (i = 1; i <= n; i++) print addr[i], size[i], name[i] }' >"${TMPDIR:-/tmp}/spare.$$.prog"
trap 'rm -f "${TMPDIR:-/tmp}/spare.$$."*' EXIT
# member name, symbol, type (T global, t local) for every function.
nm --defined-only "$archive" 2>/dev/null | awk '
  /:$/ { member = substr($0, 1, length($0) - 1); next }
  NF == 3 && ($2 == "T" || $2 == "t") { print member, $3, $2 }' >"${TMPDIR:-/tmp}/spare.$$.lib"
awk '
  FNR == NR { if ($3 == "T") global[$2] = $1; else local[$1 SUBSEP $2] = 1; members[$1] = 1; next }
  { n++; addr[n] = $1; size[n] = $2; name[n] = $3 }
  END {
    out = ""
    for (m in members) {
      first = 0; last = 0
      for (i = 1; i <= n; i++)
        if ((name[i] in global) && global[name[i]] == m) { if (!first) first = i; last = i }
      if (!first) continue
      while (first > 1 && ((m SUBSEP name[first - 1]) in local || ((name[first - 1] in global) && global[name[first - 1]] == m))) first--
      while (last < n && ((m SUBSEP name[last + 1]) in local || ((name[last + 1] in global) && global[name[last + 1]] == m))) last++
      # every symbol inside the range must be the member own
      for (i = first; i <= last; i++)
        if (!((m SUBSEP name[i]) in local) && !((name[i] in global) && global[name[i]] == m)) {
          print "spare_ranges: " name[i] " lies among the functions of " m > "/dev/stderr"; exit 1
        }
      print addr[first], addr[last], size[last]
    }
  }' "${TMPDIR:-/tmp}/spare.$$.lib" "${TMPDIR:-/tmp}/spare.$$.prog" >"${TMPDIR:-/tmp}/spare.$$.ranges"
out=
for line in $(sort "${TMPDIR:-/tmp}/spare.$$.ranges" | tr ' ' :); do
  IFS=: read -r lo last size <<END
$line
END
  out="$out${out:+,}$(printf '%x-%x' $((0x$lo)) $((0x$last + 0x$size)))"
done
[ -z "$out" ] || echo "$out"
