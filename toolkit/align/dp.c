/*
 * dp.c: the alignment search, linear in time and memory.
 *
 * An alignment of n source and m target units is a monotone path of beads
 * from cell (0, 0) to (n, m) of the (n + 1) x (m + 1) grid; a bead a-b moves
 * from (i - a, j - b) to (i, j). The cheapest path is the classic dynamic
 * program of Gale & Church (1993), but we never visit the whole grid: only a
 * band of cells, given per row as a column range [lo[i], hi[i]].
 *
 *  - Small inputs (the caller decides, e.g. n m <= 250,000) use the full
 *    grid: the search is exact.
 *  - Larger inputs are searched coarse to fine (the idea of Vecalign,
 *    Thompson & Koehn 2019, with Moore's 2002 band widening): the caller
 *    merges units into blocks, aligns the blocks (recursively), then
 *    searches the units only within `width` rows and columns of the block
 *    path (tdm_band_around). When the best path runs along the band's edge,
 *    the caller doubles the width and searches again.
 *
 * With a band of bounded width w the search costs O((n + m) w B^2) time
 * for beads of at most B units a side. Memory is O((n + m) w) bytes for the
 * back pointers (half a byte per cell: the index of the bead type, when there
 * are fewer than 16 types, else a byte) plus B + 1 rolling rows of costs: the
 * cost of a cell only depends on the B rows above it.
 */
#include "align/dp.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

static int band_alloc(tdm_band *band, size_t n, size_t m)
{
    band->n = n;
    band->m = m;
    band->lo = malloc((n + 1) * sizeof *band->lo);
    band->hi = malloc((n + 1) * sizeof *band->hi);
    if (!band->lo || !band->hi) {
        tdm_band_free(band);
        return TDM_ENOMEM;
    }
    return 0;
}

void tdm_band_free(tdm_band *band)
{
    free(band->lo);
    free(band->hi);
    band->lo = band->hi = NULL;
}

int tdm_band_full(tdm_band *band, size_t n, size_t m)
{
    if (band_alloc(band, n, m))
        return TDM_ENOMEM;
    for (size_t i = 0; i <= n; i++) {
        band->lo[i] = 0;
        band->hi[i] = (uint32_t)m;
    }
    return 0;
}

int tdm_band_diagonal(tdm_band *band, size_t n, size_t m, uint32_t width)
{
    if (band_alloc(band, n, m))
        return TDM_ENOMEM;
    for (size_t i = 0; i <= n; i++) {
        /* Row i reaches from the diagonal at i to the diagonal at i + 1, so
         * that very unequal sides (1 against 40) stay connected. */
        double here = n ? (double)i * m / n : 0, next = n ? (double)(i + 1) * m / n : (double)m;
        double lo = floor(here) - width, hi = ceil(next) + width;
        band->lo[i] = lo < 0 ? 0 : (uint32_t)lo;
        band->hi[i] = hi > (double)m ? (uint32_t)m : (uint32_t)hi;
    }
    band->lo[0] = 0;
    band->hi[n] = (uint32_t)m;
    return 0;
}

int tdm_band_around(tdm_band *band, size_t n, size_t m, const tdm_bead *path, size_t count,
                    uint32_t width)
{
    if (band_alloc(band, n, m))
        return TDM_ENOMEM;
    uint32_t *rmin = malloc((n + 1) * sizeof *rmin), *rmax = malloc((n + 1) * sizeof *rmax);
    if (!rmin || !rmax) {
        free(rmin);
        free(rmax);
        tdm_band_free(band);
        return TDM_ENOMEM;
    }
    for (size_t i = 0; i <= n; i++) {
        rmin[i] = (uint32_t)m;
        rmax[i] = 0;
    }
    rmin[0] = 0;
    rmax[n] = (uint32_t)m;
    for (size_t k = 0; k < count; k++) {
        const tdm_bead *b = &path[k];
        uint32_t j0 = b->tgt_first, j1 = b->tgt_first + b->tgt_count;
        for (uint32_t r = b->src_first; r <= b->src_first + b->src_count && r <= n; r++) {
            if (j0 < rmin[r])
                rmin[r] = j0;
            if (j1 > rmax[r])
                rmax[r] = j1;
        }
    }
    /* A path covers every row, but be safe with a gappy one: keep the
     * ranges monotone. */
    for (size_t i = 1; i <= n; i++)
        if (rmax[i] < rmax[i - 1])
            rmax[i] = rmax[i - 1];
    for (size_t i = n; i-- > 0;)
        if (rmin[i] > rmin[i + 1])
            rmin[i] = rmin[i + 1];
    for (size_t i = 0; i <= n; i++) {
        size_t up = i > width ? i - width : 0, down = i + width < n ? i + width : n;
        long lo = (long)rmin[up] - (long)width;
        size_t hi = (size_t)rmax[down] + width;
        band->lo[i] = lo < 0 ? 0 : (uint32_t)lo;
        band->hi[i] = hi > m ? (uint32_t)m : (uint32_t)hi;
    }
    free(rmin);
    free(rmax);
    return 0;
}

int tdm_band_refine(tdm_band *band, const tdm_band *old, const tdm_bead *path, size_t count,
                    uint32_t width, uint32_t wide)
{
    size_t n = old->n, m = old->m;
    tdm_band broad;
    if (tdm_band_around(band, n, m, path, count, width))
        return TDM_ENOMEM;
    if (tdm_band_around(&broad, n, m, path, count, wide)) {
        tdm_band_free(band);
        return TDM_ENOMEM;
    }
    /* near[i]: touched rows up to row i, as a prefix count. */
    size_t *near = calloc(n + 2, sizeof *near);
    if (!near) {
        tdm_band_free(band);
        tdm_band_free(&broad);
        return TDM_ENOMEM;
    }
    for (size_t k = 0; k < count; k++) {
        size_t i = path[k].src_first + path[k].src_count;
        size_t j = path[k].tgt_first + path[k].tgt_count;
        if ((j == old->lo[i] && old->lo[i] > 0) || (j == old->hi[i] && old->hi[i] < m))
            near[i + 1] = 1;
    }
    for (size_t i = 0; i <= n; i++)
        near[i + 1] += near[i];
    for (size_t i = 0; i <= n; i++) {
        size_t a = i > wide ? i - wide : 0, b = i + wide < n ? i + wide : n;
        if (near[b + 1] - near[a] == 0)
            continue;
        band->lo[i] = broad.lo[i];
        band->hi[i] = broad.hi[i];
    }
    for (size_t i = 1; i <= n; i++) /* keep the ranges monotone */
        if (band->hi[i] < band->hi[i - 1])
            band->hi[i] = band->hi[i - 1];
    for (size_t i = n; i-- > 0;)
        if (band->lo[i] > band->lo[i + 1])
            band->lo[i] = band->lo[i + 1];
    free(near);
    tdm_band_free(&broad);
    return 0;
}

/* The first bead of path[0, count) (in path order: starts never go back)
 * for which meets(bead, a, b) holds, meets being false then true along
 * the path; count when none. */
static size_t first_bead(const tdm_bead *path, size_t count,
                         int (*meets)(const tdm_bead *, size_t, size_t), size_t a, size_t b)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (meets(&path[mid], a, b))
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* Ends at or after (s0, t0) on both sides. */
static int ends_after(const tdm_bead *b, size_t s0, size_t t0)
{
    return (size_t)b->src_first + b->src_count >= s0 && (size_t)b->tgt_first + b->tgt_count >= t0;
}

/* Starts after (s1, t1) on either side. */
static int starts_after(const tdm_bead *b, size_t s1, size_t t1)
{
    return b->src_first > s1 || b->tgt_first > t1;
}

tdm_bead *tdm_path_clip(const tdm_bead *path, size_t count, size_t s0, size_t n, size_t t0,
                        size_t m, size_t *out_count)
{
    /* The beads that meet the sub-grid are a run of the path: found by two
     * binary searches, so that clipping a long path for each of many
     * sub-grids (paragraph groups) costs their beads, not the path's. */
    size_t from = first_bead(path, count, ends_after, s0, t0);
    size_t to = from + first_bead(path + from, count - from, starts_after, s0 + n, t0 + m);
    tdm_bead *out = malloc((to - from + 1) * sizeof *out);
    *out_count = 0;
    if (!out)
        return NULL;
    for (size_t k = from; k < to; k++) {
        long i0 = (long)path[k].src_first - (long)s0, j0 = (long)path[k].tgt_first - (long)t0;
        long i1 = i0 + path[k].src_count, j1 = j0 + path[k].tgt_count;
        i0 = i0 < 0 ? 0 : i0;
        j0 = j0 < 0 ? 0 : j0;
        i1 = i1 > (long)n ? (long)n : i1;
        j1 = j1 > (long)m ? (long)m : j1;
        out[(*out_count)++] =
            (tdm_bead){(uint32_t)i0, (uint32_t)(i1 - i0), (uint32_t)j0, (uint32_t)(j1 - j0), 0};
    }
    return out;
}

size_t tdm_band_cells(const tdm_band *band)
{
    size_t cells = 0;
    for (size_t i = 0; i <= band->n; i++)
        cells += band->hi[i] - band->lo[i] + 1;
    return cells;
}

typedef struct {
    unsigned a, b;
} bead_type;

/* Columns of a row whose costs are asked for at once (bounds the cost
 * arrays whatever the band's width). */
#define CHUNK TDM_DP_CHUNK

/* The costs of the beads of types[t] ending in cells (i, j0 .. j1), one
 * array per type, from the bead callback (the cells callback fills them
 * itself): only those whose start cell is in the band (rows i - a from
 * column lo[a] to hi[a]). */
static void costs_from_bead(const tdm_dp_cost *cost, const bead_type *types, size_t ntypes,
                            size_t i, const uint32_t *lo, const uint32_t *hi, uint32_t j0,
                            uint32_t j1, double *const *out)
{
    for (size_t t = 0; t < ntypes; t++) {
        unsigned a = types[t].a, b = types[t].b;
        if (a > i)
            continue;
        uint32_t from = lo[a] + b > j0 ? lo[a] + b : j0, to = hi[a] + b < j1 ? hi[a] + b : j1;
        for (uint32_t j = from; j <= to; j++)
            out[TDM_DP_TYPE(a, b)][j - j0] = cost->bead(cost->ctx, (uint32_t)i, j, a, b);
    }
}

/* Where start[k] + cost[k] < best[k], takes it with arg type (two cells
 * at a time with SSE2: the same sums and comparisons). */
static void take_cheaper(const double *start, const double *cost, double *best, unsigned char *arg,
                         uint32_t count, unsigned char type)
{
    uint32_t k = 0;
#ifdef __SSE2__
    for (; k + 2 <= count; k += 2) {
        __m128d v = _mm_add_pd(_mm_loadu_pd(start + k), _mm_loadu_pd(cost + k));
        __m128d b = _mm_loadu_pd(best + k), less = _mm_cmplt_pd(v, b);
        _mm_storeu_pd(best + k, _mm_or_pd(_mm_and_pd(less, v), _mm_andnot_pd(less, b)));
        int taken = _mm_movemask_pd(less);
        if (taken & 1)
            arg[k] = type;
        if (taken & 2)
            arg[k + 1] = type;
    }
#endif
    for (; k < count; k++) {
        double v = start[k] + cost[k];
        if (v < best[k]) {
            best[k] = v;
            arg[k] = type;
        }
    }
}

int tdm_dp_align(const tdm_band *band, unsigned max_bead, unsigned max_total,
                 const tdm_dp_cost *cost, tdm_bead **path, size_t *count, int *touched)
{
    size_t n = band->n, m = band->m;
    unsigned rows = max_bead + 1;
    bead_type types[64];
    size_t ntypes = 0;
    types[ntypes++] = (bead_type){1, 0};
    types[ntypes++] = (bead_type){0, 1};
    unsigned most = max_total < 2 ? 2 : max_total;
    for (unsigned a = 1; a <= max_bead && a < 8; a++)
        for (unsigned b = 1; b <= max_bead && b < 8; b++)
            if (a + b <= most)
                types[ntypes++] = (bead_type){a, b};

    size_t *rowoff = malloc((n + 2) * sizeof *rowoff);
    size_t width = 0;
    if (!rowoff)
        return TDM_ENOMEM;
    rowoff[0] = 0;
    for (size_t i = 0; i <= n; i++) {
        size_t w = band->hi[i] - band->lo[i] + 1;
        rowoff[i + 1] = rowoff[i] + w;
        if (w > width)
            width = w;
    }
    /* back pointers: bead type index + 1 (0: none), two to a byte if they fit */
    int nibble = ntypes < 16;
    unsigned char *back = calloc(nibble ? rowoff[n + 1] / 2 + 1 : rowoff[n + 1], 1);
    double *ring = malloc(rows * width * sizeof *ring);
    /* per chunk: the cost of each type, the best cost and its type */
    double *costs = malloc((ntypes * CHUNK + CHUNK) * sizeof *costs);
    unsigned char arg[CHUNK];
    tdm_bead *out = NULL;
    int rc = TDM_ENOMEM;
    if (!back || !ring || !costs)
        goto done;
    double *cost_of[64] = {NULL}, *best = costs + ntypes * CHUNK;
    for (size_t t = 0; t < ntypes; t++)
        cost_of[TDM_DP_TYPE(types[t].a, types[t].b)] = costs + t * CHUNK;

    const double *prev_row[8];
    uint32_t prev_lo[8], prev_hi[8];
    for (size_t i = 0; i <= n; i++) {
        if (i > 0 && cost->row && (rc = cost->row(cost->ctx, (uint32_t)i, band)) != 0)
            goto done;
        uint32_t lo = band->lo[i], hi = band->hi[i];
        double *cur = ring + (i % rows) * width;
        /* The rows a bead can start in, located once per row. */
        for (unsigned a = 0; a <= max_bead && a <= i; a++) {
            prev_row[a] = a == 0 ? cur : ring + ((i - a) % rows) * width;
            prev_lo[a] = band->lo[i - a];
            prev_hi[a] = band->hi[i - a];
        }
        for (uint32_t j0 = lo; j0 <= hi; j0 += CHUNK) {
            uint32_t j1 = hi - j0 >= CHUNK ? j0 + CHUNK - 1 : hi;
            if (cost->cells)
                cost->cells(cost->ctx, (uint32_t)i, j0, j1, cost_of);
            else
                costs_from_bead(cost, types, ntypes, i, prev_lo, prev_hi, j0, j1, cost_of);
            for (uint32_t j = j0; j <= j1; j++) {
                best[j - j0] = i == 0 && j == 0 ? 0 : HUGE_VAL;
                arg[j - j0] = 0;
            }
            /* Every type but 0-1 (whose bead starts in this row) over the
             * chunk, in the order of types: the first cheapest wins. A
             * start cell of cost HUGE_VAL gives HUGE_VAL, never taken. */
            for (size_t t = 0; t < ntypes; t++) {
                unsigned a = types[t].a, b = types[t].b;
                if (a == 0 || a > i)
                    continue;
                uint32_t from = prev_lo[a] + b > j0 ? prev_lo[a] + b : j0;
                uint32_t to = prev_hi[a] + b < j1 ? prev_hi[a] + b : j1;
                if (from > to)
                    continue;
                const double *start = prev_row[a] + (from - b - prev_lo[a]);
                const double *c = cost_of[TDM_DP_TYPE(a, b)] + (from - j0);
                double *bp = best + (from - j0);
                unsigned char *ap = arg + (from - j0);
                take_cheaper(start, c, bp, ap, to - from + 1, (unsigned char)(t + 1));
            }
            /* 0-1 (types[1]) from the cell just left, final by now; it
             * comes second in the order of types, so it wins a tie against
             * all but 1-0. */
            const double *c01 = cost_of[TDM_DP_TYPE(0, 1)];
            for (uint32_t j = j0; j <= j1; j++) {
                if (j > lo) {
                    double v = cur[j - 1 - lo] + c01[j - j0];
                    if (v < best[j - j0] || (v == best[j - j0] && arg[j - j0] > 2)) {
                        best[j - j0] = v;
                        arg[j - j0] = 2;
                    }
                }
                cur[j - lo] = best[j - j0];
                size_t cell = rowoff[i] + (j - lo);
                if (nibble)
                    back[cell / 2] |= (unsigned char)(arg[j - j0] << (cell % 2 * 4));
                else
                    back[cell] = arg[j - j0];
            }
        }
    }

    /* Trace back from (n, m). */
    size_t cap = n + m + 1, len = 0;
    out = malloc(cap * sizeof *out);
    if (!out) {
        rc = TDM_ENOMEM; /* rc holds the last row's success */
        goto done;
    }
    size_t i = n, j = m;
    int edge = 0;
    while (i > 0 || j > 0) {
        size_t cell = rowoff[i] + (j - band->lo[i]);
        unsigned arg = nibble ? back[cell / 2] >> (cell % 2 * 4) & 15u : back[cell];
        if (arg == 0) { /* unreachable: cannot happen with a valid band */
            rc = TDM_EINTERNAL;
            goto done;
        }
        if ((j == band->lo[i] && band->lo[i] > 0) || (j == band->hi[i] && band->hi[i] < m))
            edge = 1;
        unsigned a = types[arg - 1].a, b = types[arg - 1].b;
        out[len++] = (tdm_bead){(uint32_t)(i - a), a, (uint32_t)(j - b), b, 0};
        i -= a;
        j -= b;
    }
    for (size_t k = 0; k < len / 2; k++) {
        tdm_bead t = out[k];
        out[k] = out[len - 1 - k];
        out[len - 1 - k] = t;
    }
    *path = out;
    *count = len;
    out = NULL;
    if (touched)
        *touched = edge;
    rc = 0;
done:
    free(out);
    free(costs);
    free(back);
    free(ring);
    free(rowoff);
    return rc;
}
