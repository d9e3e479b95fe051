/*
 * format.h (internal): what the writers of toolkit/corpus/format_*.c share
 * (format_common.c: the filter, the text of one side of a bead, ids, bead
 * type) and the writer entry points that format.c dispatches to.
 */
#ifndef TANDEM_INTERNAL_FORMAT_H
#define TANDEM_INTERNAL_FORMAT_H

#include <stdio.h>

#include "tandem/format.h"

/* What every writer gets: documents, beads (checked to lie inside the
 * documents), options (never NULL), which beads the filters keep, and the
 * error record. */
typedef struct tdm_format_job {
    const tdm_doc *src, *tgt;
    const tdm_bead *beads;
    size_t count;
    const tdm_write_opts *opts;
    unsigned char *keep;         /* keep[i]: bead i is written (owned) */
    size_t filtered, duplicates; /* beads left out by the filters, by dedup */
    tdm_error *err;
} tdm_format_job;

/* Fills job for format (its default bead types) from the alignment, the
 * documents and opts (NULL: defaults, kept in *defaults): checks the beads
 * and applies every filter. 0, TDM_EINTERNAL (a bead outside the
 * documents) or TDM_ENOMEM, with err filled. Free with
 * tdm_format_job_free. */
int tdm_format_job_init(tdm_format_job *job, tdm_format format, const tdm_doc *src,
                        const tdm_doc *tgt, const tdm_bead *beads, size_t count,
                        const tdm_write_opts *opts, tdm_write_opts *defaults, tdm_error *err);
void tdm_format_job_free(tdm_format_job *job);

/* Nonzero when opts sets any filter (formats that describe the whole
 * alignment refuse them). */
int tdm_format_filters_set(const tdm_write_opts *opts);

/* The sentences [first, first + count) of doc joined by single spaces, with
 * tabs, CR and LF turned into spaces. Returns a new NUL-terminated string the
 * caller frees ("" for count 0), its length in *len; NULL on allocation
 * failure. */
char *tdm_format_side_text(const tdm_doc *doc, uint32_t first, uint32_t count, size_t *len);

/* Checks that every bead lies inside the documents, so that writers can
 * index sentences without checking: 0 or TDM_EINTERNAL. */
int tdm_format_check_beads(const tdm_format_job *job);

/* Writes "[first, first + 1, ...]" (ids separated by ", ") to f. */
void tdm_format_write_ids(FILE *f, uint32_t first, uint32_t count);

/* "1-1", "2-0"...: the bead type into buf (at least 24 bytes). */
void tdm_format_bead_type(const tdm_bead *bead, char *buf, size_t cap);

/* The writers. Each returns 0 or TDM_ENOMEM (with err filled); write errors
 * of the stream are checked by the caller (ferror). */
int tdm_format_write_text(FILE *f, const tdm_format_job *job);
int tdm_format_write_tsv(FILE *f, const tdm_format_job *job);
int tdm_format_write_beads(FILE *f, const tdm_format_job *job);
int tdm_format_write_ladder(FILE *f, const tdm_format_job *job);
int tdm_format_write_tmx(FILE *f, const tdm_format_job *job);
int tdm_format_write_jsonl(FILE *f, const tdm_format_job *job);

/* Writes one side of the moses format (side 0 source, 1 target). */
int tdm_format_write_moses_side(FILE *f, const tdm_format_job *job, int side);

/* The two file names tdm_write_moses writes for prefix, into src_path and
 * tgt_path (cap bytes each). Returns 0, or TDM_EUSAGE when they do not fit. */
int tdm_moses_paths(const char *prefix, const tdm_write_opts *opts, char *src_path, char *tgt_path,
                    size_t cap);

#endif
