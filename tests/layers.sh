#!/bin/sh
# layers.sh [BUILD]: the library's dependencies point one way.
#
#   programs -> corpus -> align, summarize -> text -> base
#
# 1. Include lines: a file in toolkit/<folder>/ includes headers of its own
#    folder or of a lower one (align and summarize never each other); a
#    public header (include/tandem/) counts as the folder that implements
#    it; the programs include public headers and their own folder's
#    (the code both share) only; public headers include only public headers.
# 2. Objects (when BUILD holds them): a module's undefined symbols, resolved
#    against the other modules' definitions (nm), give the real call graph;
#    it must respect the same order and have no cycle (a file that calls a
#    file that calls it back: two halves of one idea, or a helper that
#    belongs below both).
# Prints each violation and exits 1 on any; prints one "N passed, 0 failed"
# line when clean.
build=${1:-build}
cd "$(dirname "$0")/.." || exit 1

# Folder ranks; align and summarize share a rank and may not meet.
rank() {
    case $1 in
    base) echo 0 ;; text) echo 1 ;; align | summarize) echo 2 ;;
    corpus) echo 3 ;; programs) echo 4 ;; *) echo -1 ;;
    esac
}

# The folder that implements each public header.
public_owner() {
    case $1 in
    tandem.h | output.h) echo base ;;
    text.h | segment.h | lang.h) echo text ;;
    align.h | eval.h) echo align ;;
    summarize.h | rouge.h) echo summarize ;;
    batch.h | format.h | parallel_summary.h) echo corpus ;;
    *) echo unknown ;;
    esac
}

fail=0
checked=0
bad() {
    echo "layers: $*"
    fail=$((fail + 1))
}

allowed() { # from-folder to-folder
    rf=$(rank "$1")
    rt=$(rank "$2")
    [ "$rt" -ge 0 ] || return 1
    [ "$rt" -le "$rf" ] || return 1
    if [ "$1" != "$2" ] && [ "$rf" = 2 ] && [ "$rt" = 2 ]; then
        return 1
    fi
    return 0
}

for f in include/tandem/*.h; do
    [ "$(public_owner "$(basename "$f")")" != unknown ] ||
        bad "$f: public header missing from the owner table in tests/layers.sh"
    grep -n '^#include "' "$f" | while IFS= read -r line; do
        inc=$(echo "$line" | sed 's/.*#include "\([^"]*\)".*/\1/')
        case $inc in
        tandem/*) ;;
        *) echo "layers: $f:${line%%:*}: public header includes \"$inc\"" ;;
        esac
    done
done > /tmp/layers.$$
for f in toolkit/*/*.c toolkit/*/*.cc toolkit/*/*.h; do
    folder=$(basename "$(dirname "$f")")
    [ "$(rank "$folder")" -ge 0 ] || bad "$f: toolkit/$folder is not a known subsystem folder"
    grep -n '^#include "' "$f" | while IFS= read -r line; do
        num=${line%%:*}
        inc=$(echo "$line" | sed 's/.*#include "\([^"]*\)".*/\1/')
        case $inc in
        tandem/*) to=$(public_owner "$(basename "$inc")") ;;
        */*) to=${inc%%/*} ;;
        *) to=$folder ;;
        esac
        if [ "$folder" = programs ]; then
            case $inc in
            tandem/*) ;;
            */*) echo "layers: $f:$num: a program includes \"$inc\" (public API only)" ;;
            *) ;; # its own folder: code the two programs share (options.h)
            esac
            continue
        fi
        allowed "$folder" "$to" ||
            echo "layers: $f:$num: $folder includes \"$inc\" ($to): upward or sideways"
    done
    checked=$((checked + 1))
done >> /tmp/layers.$$
if [ -s /tmp/layers.$$ ]; then
    cat /tmp/layers.$$
    fail=$((fail + $(wc -l < /tmp/layers.$$)))
fi
rm -f /tmp/layers.$$

# 2. The call graph of the objects.
if [ -d "$build/toolkit" ] && command -v nm > /dev/null; then
    for o in "$build"/toolkit/*/*.o; do
        m=${o#"$build"/toolkit/}
        m=${m%.o}
        nm "$o" | awk -v m="$m" '$1 == "U" { print "U", m, $2 } NF == 3 && $2 ~ /^[TDBRC]$/ { print "D", m, $3 }'
    done | awk '
        function rank(f) {
            if (f == "base") return 0; if (f == "text") return 1
            if (f == "align" || f == "summarize") return 2
            if (f == "corpus") return 3; if (f == "programs") return 4; return -1
        }
        function folder(m) { sub(/\/.*/, "", m); return m }
        $1 == "D" { owner[$3] = $2; next }
        { need[++n] = $2 SUBSEP $3 }
        END {
            for (i = 1; i <= n; i++) {
                split(need[i], p, SUBSEP)
                if (!(p[2] in owner) || owner[p[2]] == p[1]) continue
                e = p[1] SUBSEP owner[p[2]]
                if (e in edge) continue
                edge[e] = p[2]
                out[p[1]] = out[p[1]] " " owner[p[2]]
                mods[p[1]] = 1; mods[owner[p[2]]] = 1
            }
            bad = 0
            for (e in edge) {
                split(e, p, SUBSEP); a = folder(p[1]); b = folder(p[2])
                if (rank(b) > rank(a) || (a != b && rank(a) == 2 && rank(b) == 2)) {
                    printf "layers: %s calls %s (%s): upward or sideways\n", p[1], p[2], edge[e]
                    bad++
                }
            }
            # Cycles: depth-first search, colour 1 on the stack, 2 done.
            for (m in mods) if (!colour[m]) bad += dfs(m, 0)
            print bad > "/dev/stderr"
        }
        function dfs(m, depth,    k, nb, list, c) {
            colour[m] = 1; stack[depth] = m; c = 0
            nb = split(out[m], list, " ")
            for (k = 1; k <= nb; k++) {
                if (colour[list[k]] == 1) {
                    printf "layers: cycle:"
                    for (j = 0; j <= depth; j++) if (started || stack[j] == list[k]) { started = 1; printf " %s ->", stack[j] }
                    started = 0
                    printf " %s\n", list[k]
                    c++
                } else if (!colour[list[k]]) c += dfs(list[k], depth + 1)
            }
            colour[m] = 2
            return c
        }' 2> /tmp/layers.$$.n
    fail=$((fail + $(cat /tmp/layers.$$.n)))
    rm -f /tmp/layers.$$.n
else
    echo "layers: call graph skipped (no objects in $build/toolkit)"
fi

if [ "$fail" -gt 0 ]; then
    echo "layers: 0 passed, $fail failed"
    exit 1
fi
echo "layers: $checked files and the call graph: 1 passed, 0 failed"
