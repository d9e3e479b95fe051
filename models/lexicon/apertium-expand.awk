# Lemma pairs of one section of an lt-print'ed bilingual transducer (an
# Apertium bidix compiled by lttoolbox; used by apertium.sh): for every
# path from state 0 to a final state, the input symbols before the first
# tag and the output symbols before the first tag ("<n>", "<vblex>"...),
# epsilon ("ε") being no symbol. Paths are walked depth first; a state is
# entered only when a final state can be reached from it and it is not
# already on the path (no cycles), and a path ends as soon as both sides
# have reached their tags (the rest only adds tags).
function flush(   s) {
    if (nstates == 0) return
    # reach[s]: a final state is reachable from s (fixpoint over the edges)
    for (s in fin) reach[s] = 1
    changed = 1
    while (changed) {
        changed = 0
        for (e = 1; e <= ne; e++)
            if ((efrom[e] in reach) == 0 && (eto[e] in reach)) { reach[efrom[e]] = 1; changed = 1 }
    }
    dfs(0, "", "", 0, 0)
    delete fin; delete reach; delete cnt; delete onpath
    delete efrom; delete eto; delete ein; delete eout; delete edge
    ne = 0; nstates = 0
}
function dfs(s, a, b, ta, tb,   k, e, x, y, na, nb, nta, ntb) {
    if (!(s in reach) || (s in onpath)) return
    if (ta && tb) { if (a != "" && b != "") print a "\t" b; return }
    if (s in fin && a != "" && b != "") print a "\t" b
    onpath[s] = 1
    for (k = 1; k <= cnt[s]; k++) {
        e = edge[s, k]; x = ein[e]; y = eout[e]
        na = a; nb = b; nta = ta; ntb = tb
        if (!ta) { if (substr(x, 1, 1) == "<" && length(x) > 1) nta = 1; else if (x != "ε") na = a x }
        if (!tb) { if (substr(y, 1, 1) == "<" && length(y) > 1) ntb = 1; else if (y != "ε") nb = b y }
        dfs(eto[e], na, nb, nta, ntb)
    }
    delete onpath[s]
}
BEGIN { FS = "\t" }
$1 == "--" { flush(); next }
NF <= 3 { fin[$1] = 1; nstates++; next }
{
    ne++; efrom[ne] = $1; eto[ne] = $2; ein[ne] = $3; eout[ne] = $4
    cnt[$1]++; edge[$1, cnt[$1]] = ne; nstates++
}
END { flush() }
