/*
 * align.h: sentence alignment of two translations of one story.
 *
 * An alignment is a sequence of beads in document order; every sentence of
 * both documents is in exactly one bead. Method: see toolkit/aligner.c.
 */
#ifndef TANDEM_ALIGN_H
#define TANDEM_ALIGN_H

#include "tandem/tandem.h"
#include "tandem/text.h"

/* A bead: src sentences [src_first, src_first + src_count) aligned with tgt
 * sentences [tgt_first, tgt_first + tgt_count). A count may be 0 (1-0, 0-1).
 * score is a confidence in [0, 1]: the probability-like quality of the
 * bead, comparable across documents (--min-score filters on it). */
typedef struct tdm_bead {
    uint32_t src_first, src_count;
    uint32_t tgt_first, tgt_count;
    double score;
} tdm_bead;

typedef struct tdm_alignment tdm_alignment;

/* Number of beads, and the beads (owned by the alignment). */
size_t tdm_alignment_count(const tdm_alignment *al);
const tdm_bead *tdm_alignment_beads(const tdm_alignment *al);

void tdm_alignment_free(tdm_alignment *al);

#endif
