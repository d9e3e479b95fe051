/*
 * refine.h: many-sentence beads checked against their best split (refine.c).
 */
#ifndef TANDEM_ALIGN_REFINE_H
#define TANDEM_ALIGN_REFINE_H

#include "align/search.h"

/* Replaces each bead of *beads with more than one sentence on a side by
 * the cheapest alignment of its sentences when every item is counted once
 * (see refine.c); *beads is reallocated and *count updated. 0 or
 * TDM_ENOMEM (the beads are then unchanged). */
int tdm_refine(const tdm_scorer *s, tdm_bead **beads, size_t *count);

#endif
