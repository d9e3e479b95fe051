# English-Chinese alignment with and without the CC-CEDICT lexicon
# (models/lexicon/en-zh.tsv, built by make deps) on the two sets of Aesop's
# fables of tests/data/zh-en (six fables, en.sent/zh.sent/gold.beads; seven
# more, more.*), presplit: as they are (mostly 1-1, where lengths alone
# nearly suffice), and with every fifth, then every third, Chinese sentence
# deleted (the 3rd of each 5, the 2nd of each 3), so that the aligner must
# find 1-0 beads, where lexical evidence matters. Prints strict F1
# (../shared/EVAL.md). Usage: sh bench_zh_en.sh BUILD
build=${1:-build}
ZH=tests/data/zh-en
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
f1() { "$build/align" -q --presplit "$@" -f beads 2>&1 >/dev/null |
  sed -n 's/.*strict P [0-9.]* R [0-9.]* F1 \([0-9.]*\);.*/\1/p'; }
have=with
[ -s models/lexicon/en-zh.tsv ] || have="with (absent: same as without)"
for set in "" more.; do
  for k in 0 5 3; do
    if [ "$k" = 0 ]; then
      cp "$ZH/${set}zh.sent" "$tmp/zh.sent"; cp "$ZH/${set}gold.beads" "$tmp/gold.beads"
      what="all sentences"
    else
      h=$((k / 2))
      awk -v k="$k" -v h="$h" '(NR - 1) % k != h' "$ZH/${set}zh.sent" >"$tmp/zh.sent"
      # Target ids: a deleted one goes, the others move down by the deleted before them.
      awk -F ':' -v k="$k" -v h="$h" '{
        n = split($2, t, /[^0-9]+/); out = ""
        for (i = 1; i <= n; i++) if (t[i] != "") {
          x = t[i] + 0; if (x % k == h) continue
          x -= x > h ? int((x - 1 - h) / k) + 1 : 0
          out = out (out == "" ? "" : ", ") x
        }
        print $1 ":[" out "]" }' "$ZH/${set}gold.beads" >"$tmp/gold.beads"
      what="1 in $k zh deleted"
    fi
    printf '%-40s strict F1 %s %s CC-CEDICT, %s without\n' "en-zh ${set:-fables.}sent, $what:" \
      "$(f1 --eval "$tmp/gold.beads" "$ZH/${set}en.sent" "$tmp/zh.sent")" "$have" \
      "$(f1 --lexicon none --eval "$tmp/gold.beads" "$ZH/${set}en.sent" "$tmp/zh.sent")"
  done
done
