# Memory of the align program (not only of the aligner core, which
# bench_align measures): peak resident set size (/usr/bin/time) of
# `align -q -f tsv -o FILE src.txt tgt.txt` on raw text built by repeating
# the English and French sentences of the nine TransRead books to SIZES
# sentences a side (default "100000 1000000"), one sentence a line as raw
# text (decoding, NFC, paragraphs, sentence splitting, alignment, output).
# Usage: sh bench_align_memory.sh BUILD   (SIZES="10000" to choose)
build=${1:-build}
shared=${TANDEM_SHARED:-../shared}
books="$shared/corpora/transread-en-fr"
if [ ! -d "$books" ]; then
  echo "align memory: skip ($books absent)"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat "$books"/*/en.txt >"$tmp/en.1"
cat "$books"/*/fr.txt >"$tmp/fr.1"
printf '%-12s %10s %12s %12s %8s %8s\n' "sentences" "input MB" "peak RSS MB" "RSS/input" "wall s" "cpu s"
for n in ${SIZES:-100000 1000000}; do
  for l in en fr; do
    : >"$tmp/$l.txt"
    while [ "$(wc -l <"$tmp/$l.txt")" -lt "$n" ]; do cat "$tmp/$l.1" >>"$tmp/$l.txt"; done
    head -n "$n" "$tmp/$l.txt" >"$tmp/$l.cut" && mv "$tmp/$l.cut" "$tmp/$l.txt"
  done
  bytes=$(($(wc -c <"$tmp/en.txt") + $(wc -c <"$tmp/fr.txt")))
  /usr/bin/time -f '%M %e %U %S' -o "$tmp/time" "$build/align" -q --src-lang en --tgt-lang fr \
    -f tsv -o "$tmp/out.tsv" "$tmp/en.txt" "$tmp/fr.txt" || { echo "align memory: align failed"; exit 1; }
  rm -f "$tmp/out.tsv"
  awk -v n="$n" -v b="$bytes" '{ printf "%-12d %10.1f %12.1f %12.2f %8.1f %8.1f\n", n, b / 1e6, $1 / 1024, $1 * 1024 / b, $2, $3 + $4 }' "$tmp/time"
done
