# Speed of `summarize --build-idf` (issue: a corpus of 1 GB in minutes on
# one core): the French model is built from the 21,401 OrangeSum train
# articles (train.jsonl, 56 MB of JSON Lines with title, article and
# abstract; only the article is read); prints MB/s and the time that makes
# for 1 GB. Usage: sh tests/bench/bench_build_idf.sh BUILD
build=${1:-build}
shared=${TANDEM_SHARED:-../shared}
corpus="$shared/corpora/orangesum-fr-train/train.jsonl"
if [ ! -f "$corpus" ]; then
  echo "build-idf: skip ($corpus absent)"
  exit 0
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
start=$(date +%s.%N)
"$build/summarize" --lang fr --build-idf "$corpus" --text-key article -o "$out" 2>/dev/null || exit 1
end=$(date +%s.%N)
bytes=$(wc -c <"$corpus")
terms=$(grep -vc '^[#%]' "$out")
awk -v b="$bytes" -v s="$start" -v e="$end" -v t="$terms" 'BEGIN {
  secs = e - s; mbs = b / 1e6 / secs
  printf "build-idf fr: %.1f MB in %.2f s = %.1f MB/s (%d terms); 1 GB would take %.0f s\n",
    b / 1e6, secs, mbs, t, 1000 / mbs }'
