#!/usr/bin/env python3
"""batch_learn.py: does learning IBM Model 1 from the whole batch help small documents?

Cuts every book of opus-books-dev (../shared/corpora/opus-books-dev, 15 language pairs, one
book each) into documents of W consecutive gold beads (the gold of each document is its
beads, renumbered), writes one batch manifest per W, aligns it with `align --batch` with and
without --learn-batch, with and without the FreeDict lexicon (--lexicon none), and prints
strict F1 (doc/evaluation.md: exact beads, null beads in precision only) pooled over the
documents of each pair, then over all pairs.

    python3 tests/bench/batch_learn.py [--align build/align] [--windows 20,50,200]
                                       [--shared ../shared] [-j N] [--keep DIR]

Prints one table per W: a row per language pair, the books pooled as models/align/dev.list
splits them ('fit-books': 1st, 3rd... folder; 'held-out': the others) and all pooled, a
column per variant. The threshold of the batch-wide table (CORPUS_TABLE_THRESHOLD in
toolkit/align/align_model.c) was chosen on the fit-books rows; the held-out rows are the
figures to trust.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

BEAD = re.compile(r'\[([^\]]*)\]:\[([^\]]*)\]')
VARIANTS = [('alone', []), ('learn', ['--learn-batch']),
            ('alone-nolex', ['--lexicon', 'none']),
            ('learn-nolex', ['--learn-batch', '--lexicon', 'none'])]


def ids(text):
    return tuple(int(x) for x in text.replace(' ', '').split(',') if x)


def read_gold(path):
    beads = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            m = BEAD.match(line.strip())
            if m:
                s, t = ids(m.group(1)), ids(m.group(2))
                if s or t:
                    beads.append((s, t))
    return beads


def cut(book_dir, out_dir, window, manifest):
    """Writes the documents of one book; returns {doc id: gold beads}."""
    name = os.path.basename(book_dir)
    l1, l2 = name.split('-')[0].lower(), name.split('-')[1].lower()
    gold_path = os.path.join(book_dir, 'gold.%s-%s.beads' % (l1, l2))
    with open(os.path.join(book_dir, l1 + '.txt'), encoding='utf-8') as f:
        src = f.read().split('\n')
    with open(os.path.join(book_dir, l2 + '.txt'), encoding='utf-8') as f:
        tgt = f.read().split('\n')
    beads = read_gold(gold_path)
    golds = {}
    for k in range(0, len(beads), window):
        part = beads[k:k + window]
        s_ids = [i for b in part for i in b[0]]
        t_ids = [i for b in part for i in b[1]]
        if not s_ids or not t_ids:
            continue  # a document needs text on both sides
        s0, t0 = min(s_ids), min(t_ids)
        doc = '%s-%s.%05d' % (l1, l2, k // window)
        sp = os.path.join(out_dir, doc + '.' + l1)
        tp = os.path.join(out_dir, doc + '.' + l2)
        with open(sp, 'w', encoding='utf-8') as f:
            f.write(''.join(src[i] + '\n' for i in range(s0, max(s_ids) + 1)))
        with open(tp, 'w', encoding='utf-8') as f:
            f.write(''.join(tgt[i] + '\n' for i in range(t0, max(t_ids) + 1)))
        golds[doc] = [(tuple(i - s0 for i in s), tuple(i - t0 for i in t)) for s, t in part]
        manifest.write('%s\t%s\t%s\t%s\t%s\n' % (os.path.basename(sp), os.path.basename(tp),
                                                 doc, l1, l2))
    return golds


def strict(test, gold):
    """Strict true positives and totals: (tp_p, n_test, tp_r, n_gold_linked)."""
    g, t = set(gold), set(test)
    linked = [b for b in gold if b[0] and b[1]]
    return (sum(1 for b in test if b in g), len(test),
            sum(1 for b in linked if b in t), len(linked))


def f1(c):
    p = c[0] / c[1] if c[1] else 0
    r = c[2] / c[3] if c[3] else 0
    return 2 * p * r / (p + r) if p + r else 0


def run(align, manifest, extra, jobs, out):
    cmd = [align, '--batch', manifest, '--presplit', '-f', 'jsonl', '--types', 'all',
           '--reject-below', '0', '-q', '-j', str(jobs), '-o', out] + extra
    t0 = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in (0, 2):
        sys.exit('batch_learn: %s failed (%d): %s' % (' '.join(cmd), p.returncode, p.stderr))
    beads = {}
    with open(out, encoding='utf-8') as f:
        for line in f:
            o = json.loads(line)
            beads[o['id']] = [(tuple(b['src_ids']), tuple(b['tgt_ids']))
                              for b in o.get('beads', [])]
    return beads, time.time() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--align', default='build/align')
    ap.add_argument('--shared', default=os.environ.get('TANDEM_SHARED', '../shared'))
    ap.add_argument('--windows', default='20,50,200')
    ap.add_argument('-j', '--jobs', type=int, default=2)
    ap.add_argument('--keep', help='write the cut corpus and the outputs here')
    ap.add_argument('--variants', default=','.join(n for n, _ in VARIANTS),
                    help='which of ' + ', '.join(n for n, _ in VARIANTS))
    a = ap.parse_args()
    variants = [v for v in VARIANTS if v[0] in a.variants.split(',')]
    books = os.path.join(a.shared, 'corpora', 'opus-books-dev')
    if not os.path.isdir(books):
        print('batch_learn: skipped: %s is absent' % books)
        return
    work = a.keep or tempfile.mkdtemp(prefix='tandem-batch-learn.')
    try:
        for window in (int(w) for w in a.windows.split(',')):
            wdir = os.path.join(work, 'w%d' % window)
            os.makedirs(wdir, exist_ok=True)
            manifest = os.path.join(wdir, 'manifest.tsv')
            golds = {}
            split = {}  # pair -> 'fit-books' or 'held-out' (models/align/dev.list)
            with open(manifest, 'w', encoding='utf-8') as m:
                folders = [b for b in sorted(os.listdir(books))
                           if os.path.isdir(os.path.join(books, b))]
                for k, book in enumerate(folders):
                    got = cut(os.path.join(books, book), wdir, window, m)
                    golds.update(got)
                    for doc in got:
                        split[doc.split('.')[0]] = 'fit-books' if k % 2 == 0 else 'held-out'
            pairs = sorted({d.split('.')[0] for d in golds})
            counts = {}
            secs = {}
            for name, extra in variants:
                test, secs[name] = run(a.align, manifest, extra, a.jobs,
                                       os.path.join(wdir, name + '.jsonl'))
                for doc, gold in golds.items():
                    c = strict(test.get(doc, []), gold)
                    pair = doc.split('.')[0]
                    for key in (pair, split[pair], 'pooled'):
                        acc = counts.setdefault((name, key), [0, 0, 0, 0])
                        for i in range(4):
                            acc[i] += c[i]
            print('W=%d gold beads a document: %d documents, strict F1' % (window, len(golds)))
            print('%-8s' % 'pair' + ''.join('%13s' % n for n, _ in variants))
            for key in pairs + ['fit-books', 'held-out', 'pooled']:
                print('%-8s' % key +
                      ''.join('%13.4f' % f1(counts[(n, key)]) for n, _ in variants))
            print('%-8s' % 'seconds' + ''.join('%13.1f' % secs[n] for n, _ in variants))
            print()
            sys.stdout.flush()
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
