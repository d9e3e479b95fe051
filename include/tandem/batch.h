/*
 * batch.h: building a parallel corpus from many document pairs.
 *
 * One call, tdm_batch_run, reads a list of pairs (a TSV manifest, two
 * directories whose files pair by name, or a JSON Lines stream with the
 * texts inline), aligns them on N threads and writes one corpus (TSV,
 * Moses, TMX or JSON Lines) with document ids, in input order whatever N
 * is, plus an optional per-document report. A pair that fails (unreadable,
 * binary, undecodable) is reported as failed and skipped; a pair whose
 * texts do not look like translations of each other is reported as
 * rejected (not an error: reject_below sets how sure the check must be,
 * 0 keeps every pair); the run goes on.
 *
 * Output files appear complete or not at all: the corpus and the report
 * grow as FILE.part files beside a journal (OUTPUT.journal) that lists the
 * documents done, and are renamed into place at the end. A run that is
 * stopped leaves the parts and the journal; run again with resume set and
 * it skips the documents already done and finishes the same files.
 *
 * Memory is bounded: a worker never runs more than `window` pairs ahead of
 * the writer, so a run over a million pairs needs what a run over a
 * hundred does, but for small per-pair records: the ids seen (to refuse a
 * repeated id, which would break resume; tens of bytes each) and, with
 * dedup, 16 bytes per distinct pair written.
 */
#ifndef TANDEM_BATCH_H
#define TANDEM_BATCH_H

#include <stdio.h>

#include "tandem/align.h"
#include "tandem/tandem.h"
#include "tandem/text.h"

typedef enum {
    TDM_BATCH_MANIFEST = 0, /* TSV lines: src path, tgt path[, id[, src lang, tgt lang]] */
    TDM_BATCH_DIRS,         /* src_dir/NAME pairs with tgt_dir/NAME; id NAME */
    TDM_BATCH_JSONL         /* {"id","src","tgt","src_lang","tgt_lang"} per line */
} tdm_batch_input;

typedef enum {
    TDM_CORPUS_TSV = 0, /* id, bead number, score, src, tgt (tab-separated) */
    TDM_CORPUS_MOSES,   /* PREFIX.<src lang>, PREFIX.<tgt lang>, PREFIX.ids line-parallel */
    TDM_CORPUS_TMX,     /* TMX 1.4b, one <tu> per bead, document id as a <prop> */
    TDM_CORPUS_JSONL    /* one JSON object per document: beads, stats or error */
} tdm_corpus_format;

typedef struct tdm_batch_opts {
    tdm_batch_input input;
    const char *manifest; /* MANIFEST: path or "-"; relative paths in it are
                             relative to its directory (to the current one for "-") */
    const char *src_dir;  /* DIRS */
    const char *tgt_dir;
    const char *jsonl;    /* JSONL: path or "-" (default) */
    const char *src_lang; /* languages of pairs that name none; NULL: identify */
    const char *tgt_lang;

    tdm_corpus_format format;
    const char *output; /* file, or the prefix for MOSES; "-" is standard
                           output (default; not for MOSES, not with resume) */
    const char *report; /* per-document report file (TSV) with a totals line; NULL: none */

    int jobs;            /* worker threads; 0: all cores */
    int window;          /* most pairs in flight ahead of the writer; 0: 4 x jobs */
    int resume;          /* nonzero: continue a stopped run from its journal */
    int dedup;           /* nonzero: drop a pair whose src and tgt were already written */
    double min_score;    /* beads scored below are dropped */
    double reject_below; /* a pair the aligner finds unrelated (the texts do not
                            look like translations) is rejected when its mean
                            bead score is below this: 1 (default) rejects every
                            such pair, 0 keeps them all (with a warning) */
    double max_ratio;    /* beads whose longer side is more than max_ratio times
                            as long as the shorter are dropped (lengths in non-space
                            characters, a Han character 3, kana and Hangul 2, as
                            the length model counts them); 0: no limit */
    unsigned types;      /* TDM_BEAD_TYPE bits of the beads kept; 0: PAIRED */
    size_t limit;        /* align at most this many new pairs, then stop as if
                            interrupted, resumable (time-sliced jobs); 0: all */
    int learn;           /* nonzero: learn the IBM Model 1 table of each language
                            pair from the whole batch first (a first pass over
                            every pair, resumed ones included, on the same
                            threads), then align each pair with it beside what
                            it learns alone (tdm_align_model_learn). The input
                            is read twice: a manifest, directories or a JSON
                            Lines file, not standard input */

    int progress;           /* nonzero: a progress line on log once a run passes a
                               few seconds (the program sets it when stderr is a
                               terminal and -q is not given) */
    FILE *log;              /* "id: reason" per failed pair and the progress line;
                               NULL: nothing is written there */
    const char *log_prefix; /* starts every log line, e.g. "align: "; NULL: none */

    tdm_read_opts read;                      /* how each text is read (encoding, paragraphs...) */
    const char *src_encoding, *tgt_encoding; /* one side's encoding; NULL:
                                                read.encoding */
    tdm_align_opts align;                    /* aligner options; languages are set per pair */
} tdm_batch_opts;

/* Figures of a run (over all runs when resumed). */
typedef struct tdm_batch_totals {
    size_t pairs;    /* pairs in the input */
    size_t aligned;  /* pairs aligned (this run and resumed ones) */
    size_t failed;   /* pairs skipped with an error (unreadable, binary...) */
    size_t rejected; /* pairs skipped as not translations of each other */
    size_t resumed;  /* pairs found done in the journal */
    size_t src_sentences, tgt_sentences;
    size_t beads;            /* beads of the aligned pairs */
    size_t written;          /* beads written to the corpus */
    size_t filtered;         /* beads dropped by score, type or ratio */
    size_t duplicates;       /* beads dropped by dedup */
    double score_sum;        /* sum of bead scores of the aligned pairs */
    double seconds;          /* wall time of this run */
    int unfinished;          /* nonzero: stopped at the limit; resume to finish */
    size_t learnt_offered;   /* learn: confident 1-1 beads of the first pass */
    size_t learnt_sentences; /* ... that the tables were learnt from (memory bound) */
    size_t learnt_words;     /* learn: word pairs of the tables */
} tdm_batch_totals;

/* Fills opts with the defaults: MANIFEST input, TSV to "-", all cores,
 * PAIRED bead types, read and align defaults. Its strings and log are
 * borrowed by tdm_batch_run for the run. */
void tdm_batch_opts_init(tdm_batch_opts *opts);

/* Runs a batch. Returns 0 when no pair failed (rejected pairs are an
 * outcome, not a failure); TDM_EINPUT when the corpus was written but some
 * pairs failed (err says how many; each is in the report and on log); another negative code when
 * the run could not complete (bad options, unreadable manifest, write error: err says why; the
 * parts and journal stay for a resume). totals (the caller's; may be NULL) is filled in every case.
 * Reentrant: no global state; it starts and joins its own threads. */
int tdm_batch_run(const tdm_batch_opts *opts, tdm_batch_totals *totals, tdm_error *err);

/* Parses a list of bead types such as "1-1,1-2,2-1" (or "all", "paired")
 * into TDM_BEAD_TYPE bits (align.h), for tdm_batch_opts.types and
 * tdm_write_opts.types. Returns 0 or TDM_EUSAGE (err may be NULL). */
int tdm_batch_parse_types(const char *list, unsigned *types, tdm_error *err);

/* Parses "tsv", "moses", "tmx" or "jsonl" into *format. Returns 0 or
 * TDM_EUSAGE (err may be NULL). */
int tdm_corpus_format_parse(const char *name, tdm_corpus_format *format, tdm_error *err);

/* One line summing up totals, e.g. "120 pairs: 117 aligned, 1 rejected, 2 failed;
 * 2301 beads written (mean score 0.87), 12 filtered, 3 duplicates; 4.1 s",
 * into buf (cap bytes, always NUL-terminated). */
void tdm_batch_totals_format(const tdm_batch_totals *totals, char *buf, size_t cap);

#endif
