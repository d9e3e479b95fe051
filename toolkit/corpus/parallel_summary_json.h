/*
 * parallel_summary_json.h: a parallel summary as one JSON object
 * (summarize --parallel -f json; schema in parallel_summary_json.c and
 * summarize(1)).
 */
#ifndef TANDEM_INTERNAL_PARALLEL_SUMMARY_JSON_H
#define TANDEM_INTERNAL_PARALLEL_SUMMARY_JSON_H

#include <stdio.h>

#include "tandem/align.h"
#include "tandem/text.h"

/* Writes the parallel summary of the alignment al of src (language sl)
 * and tgt (tl) to f: its n chosen beads in story order, and scores, the
 * summary score of each bead of al (tdm_parallel_summary_scores). Takes
 * the parts, not the summary, so that parallel_summary.c, which calls it,
 * is not called back. Returns 0 or TDM_ENOMEM with err filled (what f got
 * is then incomplete: the caller writes to a temporary). */
int tdm_parallel_summary_write_json(FILE *f, const tdm_doc *src, const tdm_doc *tgt,
                                    const tdm_alignment *al, const double *scores,
                                    const tdm_bead *chosen, size_t n, const char *sl,
                                    const char *tl, tdm_error *err);

#endif
