#!/usr/bin/env python3
"""align_errors.py: what kind of mistakes an aligner makes, book by book.

Each predicted bead that is not a gold bead (strict, doc/evaluation.md) is put
in one class:
  merged 1-1    exact union of two or more consecutive gold 1-1 beads
  merged        exact union of other gold beads, all with both sides
  took a null   exact union of gold beads of which one is a 1-0 or 0-1
  split         a strict part of one gold bead (the gold bead is larger)
  null          a 1-0 or 0-1 bead whose sentence the gold links
  shifted       anything else: its boundaries cut across gold beads

Usage: align_errors.py LIST ALIGNER [HUNALIGN]
  LIST: a development list (models/align/dev.list, heldout.list: its
  presplit documents, $TANDEM_SHARED expanded, default ../shared), or lines
  NAME SRC TGT GOLD with NAME "src-tgt" (the languages); files one sentence
  per line.
  ALIGNER: the align program, run as ALIGNER -q --presplit -f beads.
  HUNALIGN (optional): hunalign's binary, run with an empty dictionary on
  the same files, classified the same way (its ladder made into beads).
"""
import os
import re
import subprocess
import sys
import tempfile

BEAD = re.compile(r"\[([^\]]*)\]:\[([^\]]*)\]")
CLASSES = ["merged 1-1", "merged", "took a null", "split", "null", "shifted"]


def ids(text):
    return tuple(int(x) for x in text.replace(" ", "").split(",") if x != "")


def parse_beads(text):
    beads = []
    for line in text.splitlines():
        m = BEAD.match(line.strip())
        if m and (ids(m.group(1)) or ids(m.group(2))):
            beads.append((ids(m.group(1)), ids(m.group(2))))
    return beads


def ladder_beads(ladder, ns, nt):
    rungs = [(0, 0)]
    for line in ladder.splitlines():
        p = line.split()
        if len(p) >= 2:
            rungs.append((int(p[0]), int(p[1])))
    rungs.append((ns, nt))
    beads = []
    for (a, b), (c, d) in zip(rungs, rungs[1:]):
        if c > a or d > b:
            beads.append((tuple(range(a, c)), tuple(range(b, d))))
    return beads


def classify(test, gold):
    gold_set = set(gold)
    of_src, of_tgt = {}, {}
    for k, (s, t) in enumerate(gold):
        for x in s:
            of_src[x] = k
        for y in t:
            of_tgt[y] = k
    counts = dict.fromkeys(CLASSES, 0)
    for s, t in test:
        if (s, t) in gold_set:
            continue
        if not s or not t:
            counts["null"] += 1
            continue
        ks = sorted({of_src[x] for x in s if x in of_src} | {of_tgt[y] for y in t if y in of_tgt})
        parts = [gold[k] for k in ks]
        if {x for p in parts for x in p[0]} == set(s) and {y for p in parts for y in p[1]} == set(t):
            if any(not p[0] or not p[1] for p in parts):
                counts["took a null"] += 1
            elif all(len(p[0]) == 1 and len(p[1]) == 1 for p in parts):
                counts["merged 1-1"] += 1
            else:
                counts["merged"] += 1
        elif len(parts) == 1 and set(s) <= set(parts[0][0]) and set(t) <= set(parts[0][1]):
            counts["split"] += 1
        else:
            counts["shifted"] += 1
    return counts


def strict_f1(test, gold):
    """Strict F1 as in doc/evaluation.md: precision over all predicted beads,
    recall over the gold beads with both sides."""
    gold_set, test_set = set(gold), set(test)
    linked = [b for b in gold if b[0] and b[1]]
    p = sum(1 for b in test if b in gold_set) / len(test) if test else 0
    r = sum(1 for b in linked if b in test_set) / len(linked) if linked else 0
    return 2 * p * r / (p + r) if p + r else 0


def run_tandem(aligner, name, src, tgt):
    sl, tl = name.split("-")[:2]
    out = subprocess.run([aligner, "-q", "--presplit", "-f", "beads", "--src-lang", sl,
                          "--tgt-lang", tl, src, tgt], capture_output=True, text=True, check=True)
    return parse_beads(out.stdout)


def run_hunalign(hunalign, src, tgt):
    with tempfile.TemporaryDirectory() as tmp:  # hunalign writes translate.txt in its cwd
        dic = os.path.join(tmp, "null.dic")
        open(dic, "w").close()
        out = subprocess.run([hunalign, dic, os.path.abspath(src), os.path.abspath(tgt)],
                             capture_output=True, text=True, cwd=tmp, check=True)
    ns = sum(1 for _ in open(src, encoding="utf-8"))
    nt = sum(1 for _ in open(tgt, encoding="utf-8"))
    return ladder_beads(out.stdout, ns, nt)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    tools = [("tandem", lambda n, s, t: run_tandem(sys.argv[2], n, s, t))]
    if len(sys.argv) > 3:
        tools.append(("hunalign", lambda n, s, t: run_hunalign(sys.argv[3], s, t)))
    total = {tool: dict.fromkeys(CLASSES, 0) for tool, _ in tools}
    print("book\taligner\tstrict_f1\twrong/predicted\t" + "\t".join(CLASSES))
    for line in open(sys.argv[1]):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split()
        if len(f) >= 7:  # SET KIND SRC TGT GOLD SRC_LANG TGT_LANG [LABEL]
            if f[1] != "presplit":
                continue
            shared = os.environ.get("TANDEM_SHARED", "../shared")
            base = os.path.dirname(sys.argv[1])
            # Paths are relative to the list, as align --eval-list reads them.
            f = f[:2] + [x.replace("$TANDEM_SHARED", shared) if x.startswith("$TANDEM_SHARED")
                         else os.path.join(base, x) for x in f[2:5]] + f[5:]
            name = f"{f[5]}-{f[6]}"
            if len(f) < 8 or f[7] != name:  # languages first: run_tandem reads them
                name += "-" + (f[7] if len(f) > 7 else os.path.basename(os.path.dirname(f[2])))
            src, tgt, gold_path = f[2], f[3], f[4]
        else:
            name, src, tgt, gold_path = f[:4]
        gold = parse_beads(open(gold_path, encoding="utf-8").read())
        for tool, run in tools:
            test = run(name, src, tgt)
            c = classify(test, gold)
            for k in CLASSES:
                total[tool][k] += c[k]
            print(f"{name}\t{tool}\t{strict_f1(test, gold):.4f}\t{sum(c.values())}/{len(test)}\t" +
                  "\t".join(str(c[k]) for k in CLASSES))
    for tool, _ in tools:
        c = total[tool]
        print(f"all\t{tool}\t\t{sum(c.values())}\t" + "\t".join(str(c[k]) for k in CLASSES))


if __name__ == "__main__":
    main()
