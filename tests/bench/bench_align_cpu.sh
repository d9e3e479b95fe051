# CPU time of tandem and hunalign on one book: an en-fr pair of about 7,000
# sentences a side (the nine TransRead books, OPUS Books' Pierre et Jean
# and Vingt mille lieues again, one sentence a line, as issue #12's
# 7,073 x 5,816-sentence novel), aligned by both from the same sentence
# files. Prints the whole-process CPU time (user + sys, /usr/bin/time) of
# each, the best of RUNS runs (the machine may be shared: the best run is
# the one least slowed by others), their ratio, and tandem's strict F1
# against the books' gold beads joined the same way.
# hunalign: $HUNALIGN, else /tmp/hunalign/src/hunalign/hunalign (built
# from github.com/danielvarga/hunalign), run with an empty (null)
# dictionary; skipped when absent. Usage: sh bench_align_cpu.sh BUILD
build=${1:-build}
runs=${RUNS:-5}
shared=${TANDEM_SHARED:-../shared}/corpora
tr=$shared/transread-en-fr
opus=$shared/opus-books-dev/EN-FR-Maupassant_Guy_de-Pierre_et_Jean
hun=${HUNALIGN:-/tmp/hunalign/src/hunalign/hunalign}
if [ ! -f "$tr/Emma/en.txt" ] || [ ! -f "$opus/en.txt" ]; then
  echo "align cpu: skip (no $tr or $opus)"
  exit 0
fi
if [ ! -x /usr/bin/time ]; then
  echo "align cpu: skip (no /usr/bin/time)"
  exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
# The books, in this order; each gold bead shifted by the sentences before.
books=""
for d in "$tr"/*/; do
  [ -f "$d/en.txt" ] && books="$books ${d%/}"
done
books="$books $opus $tr/VingtMilleLieuesSousLesMers"
so=0
to=0
for d in $books; do
  cat "$d/en.txt" >>"$tmp/en.txt"
  cat "$d/fr.txt" >>"$tmp/fr.txt"
  awk -v so="$so" -v to="$to" '
    function shift(list, by,   n, i, a, out) {
      n = split(list, a, /, */)
      out = ""
      for (i = 1; i <= n; i++)
        if (a[i] != "") out = out (out == "" ? "" : ", ") (a[i] + by)
      return out
    }
    match($0, /^\[[^]]*\]:\[[^]]*\]/) {
      b = substr($0, 2, RLENGTH - 2)
      split(b, s, /\]:\[/)
      print "[" shift(s[1], so) "]:[" shift(s[2], to) "]"
    }' "$d/gold.en-fr.beads" >>"$tmp/gold.beads"
  so=$((so + $(wc -l <"$d/en.txt")))
  to=$((to + $(wc -l <"$d/fr.txt")))
done
echo "en-fr book: $so x $to sentences (TransRead x 9, Pierre et Jean, Vingt mille lieues); best of $runs runs"
best() { # command...: the least user + sys seconds of $runs runs
  for i in $(seq "$runs"); do
    /usr/bin/time -f '%U %S' -o "$tmp/time" "$@" >/dev/null 2>&1 || return 1
    awk '{ print $1 + $2 }' "$tmp/time"
  done | sort -n | head -1
}
t=$(best "$build/align" -q --presplit -f beads --src-lang en --tgt-lang fr "$tmp/en.txt" "$tmp/fr.txt") || {
  echo "align cpu: align failed"
  exit 1
}
f1=$("$build/align" -q --presplit --eval "$tmp/gold.beads" -f beads --src-lang en --tgt-lang fr \
  "$tmp/en.txt" "$tmp/fr.txt" 2>&1 >/dev/null | sed -n 's/.*strict P [0-9.]* R [0-9.]* F1 \([0-9.]*\).*/\1/p')
echo "tandem    cpu ${t} s  strict F1 $f1"
if [ ! -x "$hun" ]; then
  echo "hunalign: skip (not found at $hun; set HUNALIGN)"
  exit 0
fi
: >"$tmp/null.dic"
h=$(cd "$tmp" && best "$hun" null.dic en.txt fr.txt) || {
  echo "hunalign: failed"
  exit 0
}
echo "hunalign  cpu ${h} s  (null dictionary)"
awk -v t="$t" -v h="$h" 'BEGIN { if (t > 0) printf "tandem is %.1fx faster in CPU time\n", h / t }'
