/*
 * parallel_summary.h: a parallel summary's beads and scores as they are
 * held (parallel_summary.c), for tests; callers take
 * tdm_parallel_summary_alignment.
 */
#ifndef TANDEM_CORPUS_PARALLEL_SUMMARY_H
#define TANDEM_CORPUS_PARALLEL_SUMMARY_H

#include "tandem/parallel_summary.h"

/* The chosen beads, in story order (owned by ps, valid until it is freed). */
size_t tdm_parallel_summary_count(const tdm_parallel_summary *ps);
const tdm_bead *tdm_parallel_summary_beads(const tdm_parallel_summary *ps);

/* The combined score of every bead of the alignment (0 when not eligible),
 * tdm_alignment_count(al) of them, owned by ps. */
const double *tdm_parallel_summary_scores(const tdm_parallel_summary *ps);

#endif
