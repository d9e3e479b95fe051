#!/bin/sh
# Output paths (issue #10 §2): -o never replaces anything but a regular
# file; devices and FIFOs are written through, symbolic links followed,
# modes kept; the two Moses files appear together; SIGINT/SIGTERM remove
# the temporaries. Device nodes are scratch ones made with mknod in $TMP,
# never the system's.
. tests/e2e/lib.sh

ALIGN="$BIN/align"
SUMMARIZE="$BIN/summarize"
ES=corpora/seed/es.txt
FR=corpora/seed/fr.txt
"$ALIGN" -q -f tsv "$ES" "$FR" > "$TMP/ref.tsv"

# no_temporaries NAME DIR: passes when DIR holds no *.tmp.* or *.commit file.
no_temporaries() {
  left=$(ls -a "$2" | grep -e '\.tmp\.' -e '\.commit$')
  if [ -z "$left" ]; then pass "$1"; else fail "$1 (left: $left)"; fi
}

# Character devices: written through, never replaced.
if [ "$(id -u)" = 0 ] && mknod "$TMP/null" c 1 3 2>/dev/null && mknod "$TMP/full" c 1 7; then
  expect_status "-o a null device exits 0" 0 "$ALIGN" -q -o "$TMP/null" "$ES" "$FR"
  check "-o a null device leaves it a character device" [ -c "$TMP/null" ]
  expect_status "-o a full device exits 3" 3 "$ALIGN" -q -o "$TMP/full" "$ES" "$FR"
  check "-o a full device leaves it a character device" [ -c "$TMP/full" ]
  expect_status "summarize -o a null device exits 0" 0 "$SUMMARIZE" --lang es -o "$TMP/null" "$ES"
  check "summarize -o a null device leaves it a device" [ -c "$TMP/null" ]
  ln -s null "$TMP/null-link"
  expect_status "-o a link to a null device exits 0" 0 "$ALIGN" -q -o "$TMP/null-link" "$ES" "$FR"
  check "the link and the device stay" [ -L "$TMP/null-link" ] && [ -c "$TMP/null" ]
  printf '%s\t%s\tdoc\tes\tfr\n' "$PWD/$ES" "$PWD/$FR" > "$TMP/manifest.tsv"
  expect_status "--batch -o a null device exits 0" 0 \
    "$ALIGN" -q --batch "$TMP/manifest.tsv" -o "$TMP/null" --report "$TMP/null"
  check "--batch -o a null device leaves it a device" [ -c "$TMP/null" ]
  no_temporaries "devices: no temporary left" "$TMP"
  check "--batch: no .part or .journal beside the device" \
    [ -z "$(ls "$TMP" | grep -e '\.part$' -e '\.journal$')" ]
else
  skip "character devices (mknod needs root)"
fi

# A FIFO: written through to its reader.
mkfifo "$TMP/fifo"
cat "$TMP/fifo" > "$TMP/from-fifo" &
reader=$!
expect_status "-o a FIFO exits 0" 0 "$ALIGN" -q -f tsv -o "$TMP/fifo" "$ES" "$FR"
# Had align not opened the FIFO, the reader would wait forever: a writer
# that opens and closes it ends it (or, the FIFO replaced, a kill).
if [ -p "$TMP/fifo" ]; then (exec 3<> "$TMP/fifo"); else kill "$reader" 2>/dev/null; fi
wait "$reader"
check "-o a FIFO: the reader gets the output" cmp -s "$TMP/ref.tsv" "$TMP/from-fifo"
check "-o a FIFO leaves it a FIFO" [ -p "$TMP/fifo" ]

# A link to /proc/self/fd/1 (what /dev/stdout is) on a pipe: the kernel
# resolves it to a pipe with no path, written through.
if [ -e /proc/self/fd/1 ]; then
  ln -s /proc/self/fd/1 "$TMP/stdout-link"
  "$ALIGN" -q -f tsv -o "$TMP/stdout-link" "$ES" "$FR" | cat > "$TMP/from-pipe"
  check "-o a link to standard output on a pipe writes the pipe" cmp -s "$TMP/ref.tsv" "$TMP/from-pipe"
  check "  and the link stays" [ -L "$TMP/stdout-link" ]
else
  skip "no /proc/self/fd"
fi

# Symbolic links: the target is replaced (atomically), the link stays.
mkdir "$TMP/sub"
echo old > "$TMP/sub/target.tsv"
ln -s sub/target.tsv "$TMP/link.tsv"
ln -s link.tsv "$TMP/link2.tsv"
expect_status "-o a chain of links exits 0" 0 "$ALIGN" -q -f tsv -o "$TMP/link2.tsv" "$ES" "$FR"
check "the links stay links" [ -L "$TMP/link.tsv" ] && [ -L "$TMP/link2.tsv" ]
check "the target has the output" cmp -s "$TMP/ref.tsv" "$TMP/sub/target.tsv"
ln -s sub/new.tsv "$TMP/dangling.tsv"
expect_status "-o a dangling link exits 0" 0 "$ALIGN" -q -f tsv -o "$TMP/dangling.tsv" "$ES" "$FR"
check "a dangling link's target is created" cmp -s "$TMP/ref.tsv" "$TMP/sub/new.tsv"
check "a dangling link stays a link" [ -L "$TMP/dangling.tsv" ]
ln -s loop1 "$TMP/loop2"
ln -s loop2 "$TMP/loop1"
expect_status "-o a link loop exits 3" 3 "$ALIGN" -q -o "$TMP/loop1" "$ES" "$FR"
no_temporaries "links: no temporary left" "$TMP/sub"

# Modes: an existing file keeps its own, a new one gets 0666 less the umask.
echo old > "$TMP/private.tsv"
chmod 640 "$TMP/private.tsv"
"$ALIGN" -q -f tsv -o "$TMP/private.tsv" "$ES" "$FR"
check "an existing file keeps its mode (640)" [ "$(stat -c %a "$TMP/private.tsv")" = 640 ]
check "an existing file gets the output" cmp -s "$TMP/ref.tsv" "$TMP/private.tsv"
(umask 027 && "$ALIGN" -q -f tsv -o "$TMP/fresh.tsv" "$ES" "$FR")
check "a new file gets 0666 less the umask (640)" [ "$(stat -c %a "$TMP/fresh.tsv")" = 640 ]
"$ALIGN" -q -f moses -o "$TMP/keep" "$ES" "$FR" --src-lang es --tgt-lang fr
chmod 600 "$TMP/keep.es"
"$ALIGN" -q -f moses -o "$TMP/keep" "$ES" "$FR" --src-lang es --tgt-lang fr
check "moses: an existing file keeps its mode (600)" [ "$(stat -c %a "$TMP/keep.es")" = 600 ]

# Directories are not replaced.
mkdir "$TMP/dir.tsv"
expect_status "-o a directory exits 3" 3 "$ALIGN" -q -o "$TMP/dir.tsv" "$ES" "$FR"
check "-o a directory leaves it a directory" [ -d "$TMP/dir.tsv" ]

# Moses: when the second file cannot be put in place, the first is not
# either (neither rather than half).
mkdir "$TMP/m"
echo old-es > "$TMP/m/c.es"
mkdir "$TMP/m/c.fr"
expect_status "moses: a directory in the way exits 3" 3 \
  "$ALIGN" -q -f moses -o "$TMP/m/c" --src-lang es --tgt-lang fr "$ES" "$FR"
check "moses: the first file is untouched" [ "$(cat "$TMP/m/c.es")" = old-es ]
no_temporaries "moses: no temporary left" "$TMP/m"

# Moses killed between its two renames (the state is made by hand: the
# marker of a group commit, the first file renamed, the second not): the
# next open of the prefix finishes the group before anything else.
mkdir "$TMP/k"
echo new-es > "$TMP/k/c.es"
echo old-fr > "$TMP/k/c.fr"
echo new-fr > "$TMP/k/c.fr.tmp.AbC123"
printf '%s\0%s\0%s\0%s\0' "$TMP/k/c.es.tmp.XyZ789" "$TMP/k/c.es" \
  "$TMP/k/c.fr.tmp.AbC123" "$TMP/k/c.fr" > "$TMP/k/c.es.commit"
expect_status "moses: a run after a kill between renames exits 0" 0 \
  "$ALIGN" -q -f moses -o "$TMP/k/c" --src-lang es --tgt-lang fr --max-bead 1 "$ES" "$FR"
no_temporaries "moses: the interrupted group is finished, nothing left" "$TMP/k"
check "moses: both files are line-parallel" \
  [ "$(wc -l < "$TMP/k/c.es")" = "$(wc -l < "$TMP/k/c.fr")" ]

# Signals: SIGTERM and SIGINT while -o is open remove the temporary. The
# run waits on an input FIFO with no writer, the output already open. A
# background job of a script starts with SIGINT ignored: env puts it back.
if env --default-signal=INT true 2>/dev/null; then sigs="TERM INT"; else
  sigs=TERM
  skip "SIGINT: env --default-signal is missing"
fi
for sig in $sigs; do
  rm -f "$TMP/in.fifo"
  mkfifo "$TMP/in.fifo"
  mkdir -p "$TMP/sig$sig"
  env --default-signal=INT "$SUMMARIZE" --lang es -o "$TMP/sig$sig/out.txt" "$TMP/in.fifo" \
    2>/dev/null &
  pid=$!
  n=0
  while [ -z "$(ls "$TMP/sig$sig")" ] && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
  check "SIG$sig: the temporary exists while the run waits" [ -n "$(ls "$TMP/sig$sig")" ]
  kill -s "$sig" "$pid"
  # Should the signal not end it, a writer on the FIFO releases it.
  (sleep 5 && exec 3<> "$TMP/in.fifo") >/dev/null 2>&1 &
  guard=$!
  wait "$pid"
  st=$?
  kill "$guard" 2>/dev/null
  check "SIG$sig: the run dies of the signal (status $st)" [ "$st" -gt 128 ]
  check "SIG$sig: no temporary and no output left" [ -z "$(ls "$TMP/sig$sig")" ]
done
