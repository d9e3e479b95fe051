/*
 * alignment.h: the inside of a tdm_alignment (include/tandem/align.h), shared
 * by the aligner (aligner.c builds one), the bead-array constructor and
 * accessors (alignment.c) and the corpus tools.
 *
 * toolkit/align/alignment.c defines tdm_alignment_from_beads, tdm_alignment_count,
 * tdm_alignment_beads and tdm_alignment_free; the aligner defines tdm_align
 * and tdm_alignment_stats.
 */
#ifndef TANDEM_INTERNAL_ALIGNMENT_H
#define TANDEM_INTERNAL_ALIGNMENT_H

#include "tandem/align.h"

struct tdm_alignment {
    tdm_bead *beads; /* in document order, owned */
    size_t count, cap;
    int unrelated;       /* set by the aligner: texts do not look like translations */
    int used_paragraphs; /* set by the aligner: paragraphs were aligned first */
};

/* Appends a bead, growing the array. Returns 0 or TDM_ENOMEM. */
int tdm_alignment_push(tdm_alignment *al, const tdm_bead *bead);

#endif
