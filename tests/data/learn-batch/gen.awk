# Writes the documents of tests/e2e/test_batch_learn.sh into the current directory:
# 60 pairs of 6 sentences and a pair "test" of 8 and 7 (source sentence 3 left untranslated),
# in two made-up languages of 40 words each, word for word, every word of one length, no word
# or four-letter prefix shared: only a learnt translation table tells the sentences apart.
# The generator is its own (Park-Miller), so that every awk writes the same files.
function rnd(n) { seed = (seed * 16807) % 2147483647; return int(seed / 2147483647 * n) }
function word(firsts,   w, i) {
  w = substr(firsts, rnd(length(firsts)) + 1, 1)
  for (i = 0; i < 5; i++)
    w = w (i % 2 == 0 ? substr("aeiou", rnd(5) + 1, 1) : substr("bdfgklmnprstvz", rnd(14) + 1, 1))
  return w
}
function vocab(firsts, v,   n, w, k, dup) {
  n = 0
  while (n < 40) {
    w = word(firsts); dup = 0
    for (k = 0; k < n; k++) if (substr(v[k], 1, 4) == substr(w, 1, 4)) dup = 1
    if (!dup) v[n++] = w
  }
}
function sentence(   i, k) {
  S = ""; T = ""
  for (i = 0; i < 5; i++) {
    k = rnd(40)
    S = S (i ? " " : "") src[k]; T = T (i ? " " : "") tgt[k]
  }
  S = S "."; T = T "."
}
BEGIN {
  seed = 2
  vocab("bdfgk", src); vocab("lmnpr", tgt)
  for (d = 0; d < 60; d++) {
    name = sprintf("d%02d", d)
    for (s = 0; s < 6; s++) { sentence(); print S > (name ".src"); print T > (name ".tgt") }
    close(name ".src"); close(name ".tgt")
    printf "%s.src\t%s.tgt\t%s\ten\tfr\n", name, name, name > "manifest.tsv"
  }
  for (s = 0; s < 8; s++) { sentence(); print S > "test.src"; if (s != 3) print T > "test.tgt" }
  printf "test.src\ttest.tgt\ttest\ten\tfr\n" > "manifest.tsv"
}
