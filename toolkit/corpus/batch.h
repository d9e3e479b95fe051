/*
 * batch.h (internal): the three parts of the batch engine and what passes
 * between them. batch_input.c turns a manifest, two directories or a JSON
 * Lines stream into items; batch.c aligns items on worker threads into
 * results; batch_output.c writes results in input order (corpus, report,
 * journal for resume, dedup).
 */
#ifndef TANDEM_INTERNAL_BATCH_H
#define TANDEM_INTERNAL_BATCH_H

#include <stdint.h>
#include <stdio.h>

#include "corpus/record.h"
#include "tandem/batch.h"

/* One pair to align. Files (src_path) or inline texts (src_text). */
typedef struct tdm_batch_item {
    char *id;
    char *src_path, *tgt_path;
    char *src_text, *tgt_text;
    size_t src_len, tgt_len;
    char src_lang[8], tgt_lang[8]; /* "" when the input names none */
    tdm_error error;               /* code != 0: the input itself is bad */
} tdm_batch_item;

/* Frees the item's strings and zeroes it. */
void tdm_batch_item_clear(tdm_batch_item *item);

/* A kept bead with its text (record.h; the texts are owned). */
typedef tdm_record tdm_batch_pair;

typedef struct tdm_batch_result {
    tdm_error error; /* code != 0: the pair failed or was rejected, error says why */
    int rejected;    /* nonzero: error is a rejection (not translations), not a failure */
    char src_lang[8], tgt_lang[8];
    size_t src_sentences, tgt_sentences;
    size_t beads, one_to_one, nulls; /* of the whole alignment */
    double score_sum;
    size_t filtered;
    char warnings[256]; /* "; "-separated, "" when none */
    tdm_batch_pair *pairs;
    size_t pair_count;
} tdm_batch_result;

void tdm_batch_result_clear(tdm_batch_result *res);

/* Aligning one pair (batch_pair.c): shared by all workers. */
typedef struct tdm_batch_aligner tdm_batch_aligner;

/* A new aligner borrowing opts for its life; NULL on OOM. */
tdm_batch_aligner *tdm_batch_aligner_new(const tdm_batch_opts *opts);
void tdm_batch_aligner_free(tdm_batch_aligner *a);

/* Aligns item into res (cleared first). Never fails as a whole: a failure
 * is res->error. Frees the item's inline texts early. Thread-safe. */
void tdm_batch_align_pair(tdm_batch_aligner *a, tdm_batch_item *item, tdm_batch_result *res);

/* The learning pass of --learn-batch (batch_pair.c): a pair's sample and
 * the model of its language pair. */
typedef struct tdm_batch_sample {
    const tdm_align_model *model; /* NULL: nothing to learn from the pair */
    tdm_align_sample *sample;
    tdm_error error; /* TDM_ENOMEM stops the run; a pair that cannot be read
                        or split is left to the aligning pass, which reports it */
} tdm_batch_sample;

/* Reads and splits item as tdm_batch_align_pair does and aligns it once
 * without IBM1 into *out. Thread-safe. */
void tdm_batch_sample_pair(tdm_batch_aligner *a, tdm_batch_item *item, tdm_batch_sample *out);

/* Adds s's sample to its model (in input order, one thread). 0 or
 * TDM_ENOMEM with err filled. */
int tdm_batch_aligner_add(tdm_batch_aligner *a, tdm_batch_sample *s, tdm_error *err);

/* Learns the table of every model that was given samples; adds the
 * figures to t. 0 or TDM_ENOMEM with err filled. */
int tdm_batch_aligner_learn(tdm_batch_aligner *a, tdm_batch_totals *t, tdm_error *err);

/* Input. */
typedef struct tdm_batch_source tdm_batch_source;

/* Opens the input of opts (a manifest is read and checked whole here: a bad
 * line is an error before any work). NULL with err filled on failure. */
tdm_batch_source *tdm_batch_source_open(const tdm_batch_opts *opts, tdm_error *err);

/* Fills item with the next pair: 1, 0 at the end, or a negative code when
 * the input cannot be read further. A malformed JSON line is an item with
 * item->error set, not an error of the source. */
int tdm_batch_source_next(tdm_batch_source *src, tdm_batch_item *item, tdm_error *err);

/* The language of every pair of each side, known before any is read:
 * for a manifest or two directories, the code all pairs have (the
 * manifest's column, else opts->src_lang or tgt_lang), "" when a pair has
 * none (it will be identified) or the pairs differ; for a JSON Lines
 * stream, opts's languages ("" for none). Names the Moses files
 * (PREFIX.en, PREFIX.zh; PREFIX.src, PREFIX.tgt when "") and TMX's
 * srclang. */
void tdm_batch_source_langs(const tdm_batch_source *src, const tdm_batch_opts *opts, char sl[8],
                            char tl[8]);

/* Number of pairs when known in advance, else -1. */
long tdm_batch_source_total(const tdm_batch_source *src);

void tdm_batch_source_close(tdm_batch_source *src);

/* Formats (batch_format.c). Streams NULL when the format has no such file. */
typedef struct tdm_batch_files {
    FILE *corpus, *corpus2, *ids, *report;
} tdm_batch_files;

/* The TMX header and the report's header line. */
void tdm_batch_write_heads(const tdm_batch_files *files, const tdm_batch_opts *opts);

/* The n-th bead written of a document, from 1 (not jsonl's enclosing
 * object: see below). */
void tdm_batch_write_pair(const tdm_batch_files *files, tdm_corpus_format format, const char *id,
                          size_t n, const tdm_batch_result *res, const tdm_batch_pair *p);

/* jsonl: the document object around its pairs; a failed pair is written
 * whole by the head. */
void tdm_batch_write_doc_head(FILE *f, const char *id, const tdm_batch_result *res);
void tdm_batch_write_doc_tail(FILE *f, const tdm_batch_result *res, size_t kept, size_t dups);

/* One report line. */
void tdm_batch_write_report(FILE *f, const char *id, const tdm_batch_result *res, size_t kept);

/* The TMX footer and the report's totals line. */
void tdm_batch_write_tails(const tdm_batch_files *files, const tdm_batch_opts *opts,
                           const tdm_batch_totals *totals);

/* Output. */
typedef struct tdm_batch_sink tdm_batch_sink;

/* Opens the outputs of opts. With opts->resume, reads the journal, trims
 * the parts to the last complete document and restores the totals (into
 * totals) and dedup hashes. NULL with err filled on failure. */
tdm_batch_sink *tdm_batch_sink_open(const tdm_batch_opts *opts, tdm_batch_totals *totals,
                                    tdm_error *err);

/* Nonzero when the document id was completed by an earlier run. */
int tdm_batch_sink_done(const tdm_batch_sink *sink, const char *id);

/* Writes one document (or its failure) and journals it; updates totals. */
int tdm_batch_sink_write(tdm_batch_sink *sink, const tdm_batch_item *item,
                         const tdm_batch_result *res, tdm_batch_totals *totals, tdm_error *err);

/* Writes footers and the report's totals, renames every part into place,
 * removes the journal, frees sink. */
int tdm_batch_sink_finish(tdm_batch_sink *sink, const tdm_batch_totals *totals, tdm_error *err);

/* Frees sink, keeping the parts and the journal for a resume. NULL ok. */
void tdm_batch_sink_abort(tdm_batch_sink *sink);

#endif
