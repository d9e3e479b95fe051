#!/bin/sh
# Compiles every TSV lexicon of a directory into the mapped form the aligner
# uses in place (toolkit/align/lexicon_file.c), for both directions:
# a-b.tsv gives a-b.lex and, unless b-a.tsv exists, b-a.lex.
# Usage: sh models/lexicon/compile.sh ALIGN_PROGRAM [DIR]   (make runs it)
# A .lex is rebuilt when it is older than its TSV or than this script.
align=${1:?usage: compile.sh ALIGN_PROGRAM [DIR]}
dir=${2:-models/lexicon}
status=0
fresh() { [ -s "$1" ] && [ ! "$2" -nt "$1" ] && [ ! "$0" -nt "$1" ]; }
for tsv in "$dir"/*-*.tsv; do
  [ -f "$tsv" ] || continue
  pair=$(basename "$tsv" .tsv)
  a=${pair%%-*} b=${pair#*-}
  if ! fresh "$dir/$a-$b.lex" "$tsv"; then
    "$align" --compile-lexicon "$tsv" --src-lang "$a" --tgt-lang "$b" -o "$dir/$a-$b.lex" || status=1
  fi
  if [ ! -f "$dir/$b-$a.tsv" ] && ! fresh "$dir/$b-$a.lex" "$tsv"; then
    "$align" --compile-lexicon "$tsv" --src-lang "$a" --tgt-lang "$b" --reverse \
      -o "$dir/$b-$a.lex" || status=1
  fi
done
exit $status
