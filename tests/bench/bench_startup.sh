# Start-up: `align es.txt fr.txt` on the 16-sentence seed as a whole
# process, with the compiled es-fr lexicon (mapped, the default) and with
# its TSV (read and stemmed at every run, as before the compiled form).
# Prints the best and median wall time of RUNS runs and the CPU time per
# run (user + sys of all runs, /usr/bin/time). Usage: sh bench_startup.sh BUILD
build=${1:-build}
runs=${RUNS:-30}
seed=corpora/seed
[ -f "$seed/es.txt" ] || seed=${TANDEM_SHARED:-../shared}/corpora/seed
lex=models/lexicon/es-fr
if [ ! -f "$lex.lex" ] || [ ! -f "$lex.tsv" ]; then
  echo "startup: skip (no $lex.lex or $lex.tsv: run make)"
  exit 0
fi
one() { # label, then align options
  label=$1
  shift
  times=$(for i in $(seq "$runs"); do
    s=$(date +%s%N)
    "$build/align" -q "$@" "$seed/es.txt" "$seed/fr.txt" >/dev/null || exit 1
    e=$(date +%s%N)
    echo $(((e - s) / 1000))
  done | sort -n) || return 1
  best=$(echo "$times" | head -1)
  median=$(echo "$times" | sed -n "$(((runs + 1) / 2))p")
  cpu=$(/usr/bin/time -f '%U %S' sh -c "for i in \$(seq $runs); do \"$build/align\" -q $* \"$seed/es.txt\" \"$seed/fr.txt\" >/dev/null; done" 2>&1 | tail -1)
  echo "$best $median $cpu" |
    awk -v n="$runs" -v l="$label" '{ printf "%-30s best %6.1f ms  median %6.1f ms  cpu %5.1f ms/run\n", l, $1 / 1000, $2 / 1000, ($3 + $4) * 1000 / n }'
}
echo "align on the seed (es-fr, 16 x 18 sentences), $runs runs each:"
one "compiled lexicon (es-fr.lex)" || exit 1
one "TSV lexicon (es-fr.tsv)" --lexicon "$lex.tsv" || exit 1
one "no lexicon" --lexicon none || exit 1
