/*
 * dp.h: banded dynamic programming over beads (see dp.c for the method).
 */
#ifndef TANDEM_INTERNAL_DP_H
#define TANDEM_INTERNAL_DP_H

#include <stddef.h>
#include <stdint.h>

#include "tandem/align.h"

/* The cells searched: for each row i in [0, n] (i source units consumed),
 * the columns j in [lo[i], hi[i]] (j target units consumed). lo and hi are
 * nondecreasing, lo[0] = 0 and hi[n] = m, and consecutive rows overlap, so
 * that a path from (0, 0) to (n, m) always exists. */
typedef struct tdm_band {
    size_t n, m;
    uint32_t *lo, *hi;
} tdm_band;

/* Every cell: (n + 1)(m + 1) cells, for small inputs only. */
int tdm_band_full(tdm_band *band, size_t n, size_t m);

/* The cells within width of the straight diagonal from (0, 0) to (n, m). */
int tdm_band_diagonal(tdm_band *band, size_t n, size_t m, uint32_t width);

/* The cells within width (rows and columns) of a path of beads from
 * (0, 0) to (n, m); beads may be of any size (a coarse path). */
int tdm_band_around(tdm_band *band, size_t n, size_t m, const tdm_bead *path, size_t count,
                    uint32_t width);

/* The band around path (as tdm_band_around with width), but width wide
 * within wide rows of the rows where path runs along an edge of old (the
 * band it was found in): Moore's widening, done locally. */
int tdm_band_refine(tdm_band *band, const tdm_band *old, const tdm_bead *path, size_t count,
                    uint32_t width, uint32_t wide);

/* The beads of path[0, count) (a path: neither side's starts ever go back)
 * that meet the sub-grid of source units [s0, s0 + n] and target units
 * [t0, t0 + m], cut to it and in its coordinates: a new array (caller
 * frees; NULL when out of memory) of *out_count beads. Costs the beads
 * kept plus a binary search, however long the path. */
tdm_bead *tdm_path_clip(const tdm_bead *path, size_t count, size_t s0, size_t n, size_t t0,
                        size_t m, size_t *out_count);

/* Number of cells of the band. */
size_t tdm_band_cells(const tdm_band *band);

void tdm_band_free(tdm_band *band);

/* Index of the a-b bead type in the cost arrays of a cells callback. */
#define TDM_DP_TYPE(a, b) ((a)*8 + (b))

/* The most cells of one cells callback. */
#define TDM_DP_CHUNK 256

/* The costs of a DP: bead(ctx, i, j, a, b) is the cost of the bead of
 * source units [i - a, i) and target units [j - b, j) (HUGE_VAL forbids it);
 * row(ctx, i, band), if not NULL, is called before the cells of row i are
 * computed (i >= 1), so that per-row caches can be filled. cells, if not
 * NULL, replaces bead with one call per run of cells of a row:
 * cells(ctx, i, j0, j1, cost) writes cost[TDM_DP_TYPE(a, b)][j - j0], for
 * j0 <= j <= j1 (at most TDM_DP_CHUNK cells), for every bead type a-b of the DP with
 * a <= i and b <= j (the DP reads only those whose start cell is in the
 * band). */
typedef struct tdm_dp_cost {
    double (*bead)(void *ctx, uint32_t i, uint32_t j, unsigned a, unsigned b);
    int (*row)(void *ctx, uint32_t i, const tdm_band *band);
    void *ctx;
    void (*cells)(void *ctx, uint32_t i, uint32_t j0, uint32_t j1, double *const *cost);
} tdm_dp_cost;

/* Finds the cheapest path of beads through band from (0, 0) to (n, m),
 * with beads a-b for a, b in [1, max_bead] and a + b <= max_total (max_bead 3
 * and max_total 4: 1-1 2-1 1-2 2-2 3-1 1-3), plus 1-0 and 0-1. Of beads of
 * equal cost into a cell, the first in the order 1-0, 0-1, 1-1, 1-2 ...
 * 1-B, 2-1 ... wins (a cost is the start cell's plus the bead's, in
 * doubles: the same path whatever the order cells are computed in). Writes a new
 * array of beads in unit coordinates (scores 0, caller frees) to *path.
 * *touched (if not NULL) is set when the path runs along an edge of the band
 * that is not an edge of the matrix: a wider band might find a better path.
 * Returns 0, TDM_ENOMEM, or the negative status of a row callback. */
int tdm_dp_align(const tdm_band *band, unsigned max_bead, unsigned max_total,
                 const tdm_dp_cost *cost, tdm_bead **path, size_t *count, int *touched);

#endif
