/*
 * parallel_summary.h: one summary of a story in two languages, line by
 * line the translation of each other (summarize --parallel SRC TGT).
 *
 * The two texts are aligned; every bead is scored with the summarizer of
 * each language (the mean normalized sentence score of each side, then the
 * mean of the two sides), and the best beads are chosen under the usual
 * length controls with redundancy control, then written in story order
 * with align's formats. Beads below an alignment score floor are never
 * chosen: a shorter summary is better than one that pairs non-translations.
 * Method: toolkit/corpus/parallel_summary.c.
 */
#ifndef TANDEM_PARALLEL_SUMMARY_H
#define TANDEM_PARALLEL_SUMMARY_H

#include <stdio.h>

#include "tandem/align.h"
#include "tandem/format.h"
#include "tandem/summarize.h"
#include "tandem/tandem.h"
#include "tandem/text.h"

typedef struct tdm_psum_opts {
    /* Length, as for tdm_summarize: at most one set; none set means 3 beads
     * or 20% of them, whichever is smaller (at least 1). words counts the
     * longer side of each bead. */
    size_t sentences;
    size_t words;
    double ratio;

    double min_align_score;   /* beads aligned with a lower score are never
                                 chosen (default 0.5) */
    int any_bead;             /* nonzero: 2-1, 1-2... may be chosen too; by
                                 default only 1-1 beads are */
    double redundancy;        /* a bead whose term cosine with a chosen bead
                                 (either side) is above this is not taken
                                 (default 0.5) */
    tdm_summary_opts summary; /* scoring options of both summarizers (its
                                 length fields are ignored) */
} tdm_psum_opts;

/* Fills opts with the defaults above. */
void tdm_psum_opts_init(tdm_psum_opts *opts);

typedef struct tdm_parallel_summary tdm_parallel_summary;

/* Summarizes the alignment al of the segmented documents src and tgt with
 * the summary model of each language (borrowed during the call: they give
 * the sentence scores and the term weights for redundancy). Returns a new summary the caller
 * frees with tdm_parallel_summary_free (it does not refer to the documents
 * or al), or NULL with err filled (TDM_EUSAGE for contradictory options,
 * TDM_EINTERNAL for a bead outside the documents, TDM_ENOMEM). */
tdm_parallel_summary *tdm_summarize_parallel(const tdm_summary_model *src_model,
                                             const tdm_summary_model *tgt_model, const tdm_doc *src,
                                             const tdm_doc *tgt, const tdm_alignment *al,
                                             const tdm_psum_opts *opts, tdm_error *err);

void tdm_parallel_summary_free(tdm_parallel_summary *ps);

/* The chosen beads, in story order, as a new alignment of the same
 * documents (its beads keep their alignment scores) that the caller frees
 * with tdm_alignment_free, ready for tdm_write_alignment or
 * tdm_write_moses; NULL when out of memory. */
tdm_alignment *tdm_parallel_summary_alignment(const tdm_parallel_summary *ps);

/* ---- The whole command in one call (summarize --parallel) ---------------- */

typedef struct tdm_psum_run_opts {
    const char *src_path, *tgt_path; /* "-" is standard input (one of them) */
    const char *src_lang, *tgt_lang; /* NULL: identified */
    const char *models_dir;          /* NULL: tdm_models_dir(NULL) */
    tdm_read_opts read;
    tdm_align_opts align; /* models_dir and languages are set from the above */
    tdm_psum_opts summary;
    tdm_format format;  /* align's formats (format.h); TDM_FMT_HTML: the
                           review page (-f html) */
    int json;           /* nonzero: one JSON object, a summary per language
                           (summarize(1), -f json), instead of format */
    const char *output; /* file, "-" (default), or the prefix for moses */
} tdm_psum_run_opts;

/* Fills opts with the defaults (TEXT to "-", read, align and summary
 * defaults); its strings are borrowed by tdm_parallel_summary_run. */
void tdm_psum_run_opts_init(tdm_psum_run_opts *opts);

/* Reads, segments and aligns the two texts, summarizes them in parallel
 * and writes the summary (atomically when output is a file). Returns 0 or
 * a negative code with err filled; TDM_EINPUT when the texts do not look
 * like translations of each other. */
int tdm_parallel_summary_run(const tdm_psum_run_opts *opts, tdm_error *err);

#endif
