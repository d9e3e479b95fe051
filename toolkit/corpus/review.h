/*
 * review.h: a review page for one alignment (align --format html), where a
 * person checks and corrects it.
 *
 * One self-contained HTML file (inline style sheet and script, the data as
 * JSON; no network, no external file): the two texts side by side, one row
 * per bead coloured by score, null and many-to-many beads marked,
 * paragraph breaks shown, lang and dir on every cell; a zoomable plot of
 * the alignment path; navigation, editing (merge, split, move a sentence,
 * check, undo) and exports (beads, ladder, TSV, TMX) in the browser.
 * toolkit/corpus/format_html.c and toolkit/corpus/review/ tell how.
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
