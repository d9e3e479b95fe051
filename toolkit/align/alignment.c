/*
 * alignment.c: the alignment container: a growable array of beads in
 * document order plus the aligner's verdicts (see align/alignment.h).
 * The aligner fills one with tdm_alignment_push; tests and the corpus tools
 * build one from a bead array with tdm_alignment_from_beads.
 */
#include <stdlib.h>
#include <string.h>

#include "align/alignment.h"

tdm_alignment *tdm_alignment_from_beads(const tdm_bead *beads, size_t count)
{
    tdm_alignment *al = calloc(1, sizeof *al);
    if (!al)
        return NULL;
    if (count > 0) {
        al->beads = malloc(count * sizeof *al->beads);
        if (!al->beads) {
            free(al);
            return NULL;
        }
        memcpy(al->beads, beads, count * sizeof *al->beads);
    }
    al->count = al->cap = count;
    return al;
}

int tdm_alignment_push(tdm_alignment *al, const tdm_bead *bead)
{
    if (al->count == al->cap) {
        size_t cap = al->cap ? 2 * al->cap : 64;
        tdm_bead *grown = realloc(al->beads, cap * sizeof *grown);
        if (!grown)
            return TDM_ENOMEM;
        al->beads = grown;
        al->cap = cap;
    }
    al->beads[al->count++] = *bead;
    return TDM_OK;
}

size_t tdm_alignment_count(const tdm_alignment *al)
{
    return al ? al->count : 0;
}

const tdm_bead *tdm_alignment_beads(const tdm_alignment *al)
{
    return al ? al->beads : NULL;
}

void tdm_alignment_free(tdm_alignment *al)
{
    if (!al)
        return;
    free(al->beads);
    free(al);
}
