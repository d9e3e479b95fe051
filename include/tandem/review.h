/*
 * review.h: a review page for one alignment (align --format html).
 *
 * One self-contained HTML file (inline CSS and SVG, no script, no network,
 * no external file): the two texts side by side, one table row per bead,
 * coloured by score; null (1-0, 0-1) and many-to-many beads marked;
 * paragraph breaks shown; and a plot of the alignment path (source
 * sentence index against target index, one dot per bead coloured by
 * score, each a link to its row) where drift and gaps show at a glance.
 */
#ifndef TANDEM_REVIEW_H
#define TANDEM_REVIEW_H

#include <stdio.h>

#include "tandem/align.h"
#include "tandem/tandem.h"
#include "tandem/text.h"

typedef struct tdm_review_opts {
    const char *title;    /* page title; NULL: the two document names */
    const char *src_lang; /* ISO 639-1 codes for the lang attributes and */
    const char *tgt_lang; /* the column heads; NULL or "" when unknown */
    double low_score;     /* beads below are flagged "low" (default 0.5) */
} tdm_review_opts;

/* Defaults: title from the names, languages unknown, low_score 0.5. */
void tdm_review_opts_init(tdm_review_opts *opts);

/* Writes the page for alignment al of the segmented documents src and tgt
 * (borrowed during the call) to f. opts NULL: defaults. Returns 0, or
 * TDM_EINTERNAL when a bead lies outside the documents, TDM_ENOMEM, or
 * TDM_EIO when the stream reports a write error; err says which. */
int tdm_write_html(FILE *f, const tdm_doc *src, const tdm_doc *tgt, const tdm_alignment *al,
                   const tdm_review_opts *opts, tdm_error *err);

#endif
