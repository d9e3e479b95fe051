#!/usr/bin/env python3
"""Cuts the nine TransRead en-fr books into windows of consecutive gold beads
and writes them as align --jsonl input: {"id","src","tgt","src_lang","tgt_lang"}
a line, the sentences of a side joined by a space (as bench_batch.c does).

Every window is a genuine translation of literary text, so a batch of them
measures how often the "do not look like translations" check rejects real
translations (align --jsonl --report: status "rejected").

Negatives (pairs that are not translations, which the check must still
reject): --negatives books pairs each window's source with the target of the
window at the same place in the next book; --negatives shift:N with the
target of the window N beads further in the same book (its names and style,
another passage). Ids end in "-neg".

Usage: transread_windows.py [--beads 12] [--stride 1] [--count 3000]
                            [--negatives books|shift:N] [SHARED]
"""
import argparse
import os
import re
import sys

BOOKS = ["DuCoteDeChezSwann", "Emma", "JaneEyre", "LaFauteDeLAbbeMouret", "LesConfessions",
         "LesTravailleursDeLaMer", "TheLastOfTheMohicans", "VingtMilleLieuesSousLesMers",
         "VoyageAuCentreDeLaTerre"]


def ids(field):
    return [int(x) for x in re.findall(r"\d+", field)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--beads", type=int, default=12)
    ap.add_argument("--stride", type=int, default=1)
    ap.add_argument("--count", type=int, default=3000)
    ap.add_argument("--negatives", default="")
    ap.add_argument("shared", nargs="?", default=os.environ.get("TANDEM_SHARED", "../shared"))
    a = ap.parse_args()
    root = os.path.join(a.shared, "corpora", "transread-en-fr")
    if not os.path.isdir(root):
        sys.exit("transread_windows.py: %s: no TransRead corpus" % root)
    windows = []
    by_book = {}
    for book in BOOKS:
        d = os.path.join(root, book)
        en = open(os.path.join(d, "en.txt"), encoding="utf-8").read().split("\n")
        fr = open(os.path.join(d, "fr.txt"), encoding="utf-8").read().split("\n")
        gold = []
        for line in open(os.path.join(d, "gold.en-fr.beads"), encoding="utf-8"):
            if line.strip():
                s, t = line.strip().split(":")[:2]
                gold.append((ids(s), ids(t)))
        for i in range(0, len(gold) - a.beads + 1, a.stride):
            w = gold[i:i + a.beads]
            src = " ".join(en[k] for s, _ in w for k in s)
            tgt = " ".join(fr[k] for _, t in w for k in t)
            windows.append((book, i, src, tgt))
            by_book[book, i] = tgt
    # Books in turn, so that --count takes from every book.
    windows.sort(key=lambda x: (x[1], BOOKS.index(x[0])))
    out = sys.stdout
    import json
    if a.negatives:
        negatives = []
        for book, i, src, tgt in windows:
            if a.negatives == "books":
                other = by_book.get((BOOKS[(BOOKS.index(book) + 1) % len(BOOKS)], i))
            elif a.negatives.startswith("shift:"):
                other = by_book.get((book, i + int(a.negatives[6:])))
            else:
                sys.exit("transread_windows.py: --negatives books or shift:N")
            if other is not None:
                negatives.append((book, "%d-neg" % i, src, other))
        windows = negatives
    for book, i, src, tgt in windows[:a.count]:
        out.write(json.dumps({"id": "%s-%s" % (book, i), "src": src, "tgt": tgt,
                              "src_lang": "en", "tgt_lang": "fr"}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
