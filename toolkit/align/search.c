/*
 * search.c: the search for the cheapest beads over one level of units
 * (paragraphs or sentences), coarse to fine; the cost of a bead is
 * bead_cost.c's, computed here a run of cells at a time.
 *
 * The search (dp.c) runs on the full grid when it is small (FULL_GRID
 * cells). A larger grid is searched around a guide: an earlier path (the
 * first alignment pass), or else a length-only alignment of blocks of
 * BLOCK units, obtained the same way recursively, so that a million
 * sentences a side cost a few coarse levels of shrinking size plus two
 * banded sentence-level passes; the first, which only guides the second,
 * uses beads up to 2-2. Where a path runs along the band's edge, the band
 * is widened there and the level searched again (Moore 2002).
 *
 * Speed: the lexical score of a cell is computed once, when its row is
 * reached, into a ring of max_bead rows (the only rows a bead can reach
 * back to): the target units of the row's columns are indexed by key (a
 * window that only moves right, each unit entering and leaving it once),
 * so that a row costs the matches of its source unit's keys, not a lookup
 * per key of every target unit. The DP asks for the bead costs of a run of
 * cells in one call, a bead type at a time; the lexical sums of an a-b bead
 * are accumulated over growing a and b, the length terms of the source side
 * computed once per row and those of the target side once per run. Units
 * only keep the keys the other side has. A million sentences a side align
 * in under a minute and a gigabyte (tests/bench/bench_align.c).
 */
#include "align/search.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "align/cost_runs.h"
#include "align/dp.h"

#ifndef FULL_GRID
#define FULL_GRID 250000.0 /* cells searched exhaustively */
#endif
#ifndef PATH_WIDTH
#define PATH_WIDTH 16 /* band half-width around an earlier path */
#endif
#ifndef BLOCK_WIDTH
#define BLOCK_WIDTH (4 * BLOCK) /* band half-width around a block path */
#endif
#define BLOCK 8       /* units per block of a coarser level */
#define MAX_WIDTH 256 /* widest band before giving up widening */
#define MAX_RETRIES 3 /* searches again after the first */
#define FIRST_BEAD 2  /* most units a side of a bead when there is no guide */

/* One search: a scorer restricted to a sub-grid, with the row cache. */
typedef struct {
    const tdm_scorer *s;
    const double *scum, *tcum; /* may be a coarser level's sums */
    size_t s0, t0;
    unsigned max_bead, max_total;
    double scale;       /* sentences per unit (a coarse level's blocks): costs per sentence */
    int lexical;        /* the scorer's units are these (not a coarser level) */
    float *cache;       /* max_bead rows of stride cells: PAD, then the row */
    uint32_t *cache_lo; /* first column of each cached row */
    size_t stride;
    /* The target units of the cached columns [win_lo, win_hi), indexed by
     * key: the scorer's first_at and last_at (per key, its first and last
     * occurrence there: index in the target's keys + 1, 0: none), chained
     * oldest first by next_at, a ring over the window's occurrences
     * (ring_mask + 1 of them at most), which also holds their columns. */
    uint32_t *next_at, *col_at;
    uint32_t ring_mask, win_lo, win_hi;
    double *acc;     /* a cached row's matches, as they are summed */
    double *scratch; /* job_cells: per bead size, a chunk of target terms */
    /* Of the current row i: the cached rows i - x (x = 1..max_bead),
     * indexed by column; characters of source units [i - x, i); the cost
     * of leaving unit i - 1 out; the similarity factor. */
    const float *row_of[8];
    double src_scaled[8]; /* c x characters */
    double src_var[8];    /* s2 / 2 x characters */
    double row_null;
    double sim_factor;
    double type_cost[8][8]; /* w_prior * -log P(a-b), HUGE_VAL beyond max_total */
} job;

/* Columns left of a cached row's range that a cell callback may read (for
 * bead types the DP then discards). */
#define PAD 8

/* Columns of the cached row of local source unit r: every cell a bead
 * ending in rows r + 1 .. r + B can reach (see dp.h for the band). */
static void cache_range(const job *jb, const tdm_band *band, size_t r, uint32_t *lo, uint32_t *hi)
{
    size_t B = jb->max_bead;
    size_t up = r + 1 > B ? r + 1 - B : 0, down = r + B < band->n ? r + B : band->n;
    *lo = band->lo[up];
    *hi = band->hi[down] > 0 ? band->hi[down] - 1 : 0;
}

static double null_cost(const tdm_scorer *s, const double *cum, size_t unit)
{
    if (s->w_null_len == 0)
        return s->null_cost;
    return s->null_cost + s->w_null_len * log1p(cum[unit + 1] - cum[unit]);
}

/* Adds local target unit j to the window of fill_row. */
static void window_add(job *jb, uint32_t j)
{
    const tdm_units *tu = jb->s->tgt;
    uint32_t *first = jb->s->first_at, *last = jb->s->last_at;
    size_t tj = jb->t0 + j;
    for (uint32_t k = tu->off[tj]; k < tu->off[tj + 1]; k++) {
        uint32_t key = tu->key[k], slot = k & jb->ring_mask;
        jb->next_at[slot] = 0;
        jb->col_at[slot] = j;
        if (last[key])
            jb->next_at[(last[key] - 1) & jb->ring_mask] = k + 1;
        else
            first[key] = k + 1;
        last[key] = k + 1;
    }
}

/* Takes local target unit j, the oldest of the window, out of it. */
static void window_drop(job *jb, uint32_t j)
{
    const tdm_units *tu = jb->s->tgt;
    uint32_t *first = jb->s->first_at, *last = jb->s->last_at;
    size_t tj = jb->t0 + j;
    for (uint32_t k = tu->off[tj]; k < tu->off[tj + 1]; k++) {
        uint32_t key = tu->key[k];
        first[key] = jb->next_at[k & jb->ring_mask];
        if (!first[key])
            last[key] = 0;
    }
}

/* Makes the window the columns [lo, end): the band's ranges only move
 * right, so each target unit comes in and goes out once per search. */
static void window_move(job *jb, uint32_t lo, uint32_t end)
{
    if (lo < jb->win_lo || end < jb->win_hi) /* not monotone: start again */
        while (jb->win_lo < jb->win_hi)
            window_drop(jb, jb->win_lo++);
    while (jb->win_lo < lo && jb->win_lo < jb->win_hi)
        window_drop(jb, jb->win_lo++);
    if (jb->win_lo == jb->win_hi)
        jb->win_lo = jb->win_hi = lo;
    while (jb->win_hi < end)
        window_add(jb, jb->win_hi++);
}

/* The lexical scores of local source unit r against its cached columns.
 * Each source key walks its occurrences among the window's target units,
 * so that a row costs its matches rather than every key of every target
 * unit; a cell's matches are summed in ascending key order, as a merge of
 * the two units' sorted keys would. */
static void fill_row(job *jb, const tdm_band *band, size_t r)
{
    uint32_t lo, hi;
    cache_range(jb, band, r, &lo, &hi);
    float *row = jb->cache + (r % jb->max_bead) * jb->stride + PAD;
    jb->cache_lo[r % jb->max_bead] = lo;
    if (band->m == 0)
        return;
    uint32_t end = hi < band->m ? hi + 1 : (uint32_t)band->m;
    if (lo >= end)
        return;
    window_move(jb, lo, end);
    const tdm_units *su = jb->s->src, *tu = jb->s->tgt;
    const uint32_t *first = jb->s->first_at, *next = jb->next_at, *col = jb->col_at;
    const uint32_t mask = jb->ring_mask;
    size_t si = jb->s0 + r;
    double *acc = jb->acc;
    memset(acc, 0, (end - lo) * sizeof *acc);
    for (uint32_t k = su->off[si]; k < su->off[si + 1]; k++) {
        uint32_t key = su->key[k];
        if (!first[key])
            continue;
        float w = su->weight[su->kind[k]] * jb->s->idf[key];
        unsigned sc = su->cnt[k];
        for (uint32_t at = first[key]; at; at = next[(at - 1) & mask]) {
            unsigned tc = tu->cnt[at - 1], c = sc < tc ? sc : tc;
            acc[col[(at - 1) & mask] - lo] += c * w;
        }
    }
    double chance = jb->s->d0 * 0.5;
    for (uint32_t j = lo; j < end; j++)
        row[j - lo] = (float)(acc[j - lo] - chance * (su->ntok[si] + tu->ntok[jb->t0 + j]));
}

static int job_row(void *ctx, uint32_t i, const tdm_band *band)
{
    job *jb = ctx;
    if (jb->lexical)
        fill_row(jb, band, i - 1);
    size_t gi = jb->s0 + i;
    for (unsigned x = 1; x <= jb->max_bead && x <= i; x++) {
        size_t r = i - x;
        double chars = jb->scum[gi] - jb->scum[gi - x];
        jb->src_scaled[x] = jb->s->len->c * chars;
        jb->src_var[x] = 0.5 * jb->s->len->s2 * chars;
        if (jb->lexical)
            jb->row_of[x] =
                jb->cache + (r % jb->max_bead) * jb->stride + PAD - jb->cache_lo[r % jb->max_bead];
    }
    jb->row_null = jb->scale * null_cost(jb->s, jb->scum, gi - 1);
    return 0;
}

/* The costs of every bead ending in cells (i, j0 .. j1) (see bead_cost),
 * a bead type at a time over the run: the lexical match of an a-b bead is
 * the sum of its a x b cached cells, accumulated over growing a and b; the
 * length cost is tdm_length_cost with the source terms computed once per
 * row and the target terms once per run. */
static void job_cells(void *ctx, uint32_t i, uint32_t j0, uint32_t j1, double *const *cost)
{
    job *jb = ctx;
    const tdm_scorer *s = jb->s;
    const double tgt_factor = 0.5 * s->len->s2 / s->len->c;
    unsigned amax = i < jb->max_bead ? i : jb->max_bead, B = jb->max_bead;
    uint32_t w = j1 - j0 + 1;
    if (i >= 1)
        for (uint32_t k = 0; k < w; k++)
            cost[TDM_DP_TYPE(1, 0)][k] = jb->row_null;
    for (uint32_t j = j0 > 1 ? j0 : 1; j <= j1; j++)
        cost[TDM_DP_TYPE(0, 1)][j - j0] = jb->scale * null_cost(s, jb->tcum, jb->t0 + j - 1);
    /* scratch: per y = 1..B, the chunk's target characters, their
     * variance term and the match sums; then the running sums */
    double *tgt_chars = jb->scratch, *tgt_var = tgt_chars + B * TDM_DP_CHUNK;
    double *match = tgt_var + B * TDM_DP_CHUNK, *run = match + B * TDM_DP_CHUNK;
    for (unsigned y = 1; y <= B; y++) {
        double *tc = tgt_chars + (y - 1) * TDM_DP_CHUNK, *tv = tgt_var + (y - 1) * TDM_DP_CHUNK;
        double *mt = match + (y - 1) * TDM_DP_CHUNK;
        uint32_t j = j0 > y ? j0 : y;
        const double *at = jb->tcum + jb->t0;
#ifdef __SSE2__
        for (; j + 1 <= j1; j += 2) {
            __m128d chars = _mm_sub_pd(_mm_loadu_pd(at + j), _mm_loadu_pd(at + j - y));
            _mm_storeu_pd(tc + (j - j0), chars);
            _mm_storeu_pd(tv + (j - j0), _mm_mul_pd(_mm_set1_pd(tgt_factor), chars));
            _mm_storeu_pd(mt + (j - j0), _mm_setzero_pd());
        }
#endif
        for (; j <= j1; j++) {
            tc[j - j0] = at[j] - at[j - y];
            tv[j - j0] = tgt_factor * tc[j - j0];
            mt[j - j0] = 0;
        }
    }
    for (unsigned x = 1; x <= amax; x++) {
        const float *row = jb->lexical ? jb->row_of[x] : NULL;
        for (uint32_t k = 0; k < w; k++)
            run[k] = 0; /* cells (i - x, j - 1 .. j - y) */
        for (unsigned y = 1; y <= B; y++) {
            uint32_t from = j0 > y ? j0 : y;
            if (from > j1) /* no cell of the run is y units in */
                break;
            const double *tc = tgt_chars + (y - 1) * TDM_DP_CHUNK;
            const double *tv = tgt_var + (y - 1) * TDM_DP_CHUNK;
            double *mt = match + (y - 1) * TDM_DP_CHUNK;
            if (row)
                tdm_add_run(row + (from - y), run + (from - j0), mt + (from - j0), j1 - from + 1);
            double type = jb->type_cost[x][y];
            if (type == HUGE_VAL)
                continue;
            tdm_type_costs(s->len, jb->src_scaled[x], jb->src_var[x], s->w_len, type,
                           jb->sim_factor, tc + (from - j0), tv + (from - j0), mt + (from - j0),
                           cost[TDM_DP_TYPE(x, y)] + (from - j0), j1 - from + 1);
        }
    }
}

/* Runs the DP of jb on band, allocating the row cache when lexical. */
static int run_band(job *jb, const tdm_band *band, tdm_bead **path, size_t *count, int *touched)
{
    tdm_dp_cost cost = {NULL, job_row, jb, job_cells};
    jb->cache = NULL;
    jb->cache_lo = NULL;
    jb->next_at = jb->col_at = NULL;
    jb->acc = NULL;
    jb->lexical = jb->s->src && jb->scum == jb->s->scum;
    jb->max_total =
        jb->lexical && jb->s->max_total < 2 * jb->max_bead ? jb->s->max_total : 2 * jb->max_bead;
    jb->sim_factor = jb->lexical ? jb->s->w_sim * 2 / jb->s->tavg : 0;
    for (unsigned a = 0; a < 8; a++)
        for (unsigned b = 0; b < 8; b++)
            jb->type_cost[a][b] = a + b > jb->max_total || a > jb->max_bead || b > jb->max_bead
                                      ? HUGE_VAL
                                      : jb->scale * jb->s->type_cost[a > 3 ? 3 : a][b > 3 ? 3 : b];
    jb->scratch = malloc((3 * jb->max_bead + 1) * TDM_DP_CHUNK * sizeof *jb->scratch);
    if (!jb->scratch)
        return TDM_ENOMEM;
    if (jb->lexical) {
        /* the widest cached row, and the most target keys in one */
        size_t cap = 1, keys = 1;
        const uint32_t *off = jb->s->tgt->off + jb->t0;
        for (size_t r = 0; r < band->n; r++) {
            uint32_t lo, hi;
            cache_range(jb, band, r, &lo, &hi);
            if (hi >= lo && hi - lo + 1 > cap)
                cap = hi - lo + 1;
            uint32_t end = hi < band->m ? hi + 1 : (uint32_t)band->m;
            if (lo < end && off[end] - off[lo] > keys)
                keys = off[end] - off[lo];
        }
        size_t ring = 1;
        while (ring < keys)
            ring *= 2;
        jb->ring_mask = (uint32_t)(ring - 1);
        jb->win_lo = jb->win_hi = 0;
        jb->stride = cap + PAD;
        jb->cache = calloc(jb->max_bead * jb->stride, sizeof *jb->cache);
        jb->cache_lo = calloc(jb->max_bead, sizeof *jb->cache_lo);
        jb->next_at = malloc(ring * sizeof *jb->next_at);
        jb->col_at = malloc(ring * sizeof *jb->col_at);
        jb->acc = malloc(cap * sizeof *jb->acc);
        if (!jb->cache || !jb->cache_lo || !jb->next_at || !jb->col_at || !jb->acc) {
            free(jb->cache);
            free(jb->cache_lo);
            free(jb->next_at);
            free(jb->col_at);
            free(jb->acc);
            free(jb->scratch);
            return TDM_ENOMEM;
        }
    }
    int rc = tdm_dp_align(band, jb->max_bead, jb->max_total, &cost, path, count, touched);
    if (jb->lexical) /* the scorer's key index is empty between searches */
        window_move(jb, jb->win_hi, jb->win_hi);
    free(jb->cache);
    free(jb->cache_lo);
    free(jb->next_at);
    free(jb->col_at);
    free(jb->acc);
    free(jb->scratch);
    jb->cache = NULL;
    jb->cache_lo = NULL;
    jb->next_at = jb->col_at = NULL;
    jb->acc = jb->scratch = NULL;
    return rc;
}

/* Searches around guide (local coordinates) with widening. */
static int banded(job *jb, size_t n, size_t m, tdm_bead *guide, size_t guide_count, uint32_t width,
                  tdm_bead **path, size_t *count)
{
    tdm_band band;
    int rc;
    if ((double)(n + 1) * (m + 1) <= FULL_GRID)
        rc = tdm_band_full(&band, n, m);
    else if (guide)
        rc = tdm_band_around(&band, n, m, guide, guide_count, width);
    else
        rc = tdm_band_diagonal(&band, n, m, width);
    for (int tries = 0; rc == 0; tries++) {
        int touched = 0;
        rc = run_band(jb, &band, path, count, &touched);
        if (rc || !touched || tries >= MAX_RETRIES) {
            tdm_band_free(&band);
            return rc;
        }
        /* The path ran along the band's edge: search again around it, wider
         * where it touched. */
        tdm_band old = band;
        uint32_t wide = width * (4u << tries);
        rc =
            tdm_band_refine(&band, &old, *path, *count, width, wide > MAX_WIDTH ? MAX_WIDTH : wide);
        tdm_band_free(&old);
        free(*path);
        *path = NULL;
    }
    return rc;
}

static int length_guide(const tdm_scorer *s, const double *scum, size_t n, const double *tcum,
                        size_t m, double scale, tdm_bead **path, size_t *count);

/* A guide for units (of scale sentences each) with prefix sums scum (n)
 * and tcum (m): the length-only path of their blocks of BLOCK units, in unit
 * coordinates. */
static int block_guide(const tdm_scorer *s, const double *scum, size_t n, const double *tcum,
                       size_t m, double scale, tdm_bead **path, size_t *count)
{
    size_t nb = (n + BLOCK - 1) / BLOCK, mb = (m + BLOCK - 1) / BLOCK;
    double *bs = malloc((nb + 1) * sizeof *bs), *bt = malloc((mb + 1) * sizeof *bt);
    int rc = TDM_ENOMEM;
    *path = NULL;
    if (!bs || !bt)
        goto done;
    for (size_t k = 0; k <= nb; k++)
        bs[k] = scum[k * BLOCK < n ? k * BLOCK : n];
    for (size_t k = 0; k <= mb; k++)
        bt[k] = tcum[k * BLOCK < m ? k * BLOCK : m];
    if ((rc = length_guide(s, bs, nb, bt, mb, scale * BLOCK, path, count)) != 0)
        goto done;
    for (size_t k = 0; k < *count; k++) {
        tdm_bead *b = &(*path)[k];
        size_t i0 = b->src_first * BLOCK, i1 = (b->src_first + b->src_count) * BLOCK;
        size_t j0 = b->tgt_first * BLOCK, j1 = (b->tgt_first + b->tgt_count) * BLOCK;
        i0 = i0 < n ? i0 : n;
        i1 = i1 < n ? i1 : n;
        j0 = j0 < m ? j0 : m;
        j1 = j1 < m ? j1 : m;
        *b = (tdm_bead){(uint32_t)i0, (uint32_t)(i1 - i0), (uint32_t)j0, (uint32_t)(j1 - j0), 0};
    }
done:
    free(bs);
    free(bt);
    return rc;
}

/* A length-only path of units (blocks of scale sentences) with prefix sums
 * scum (n) and tcum (m), searched around the path of their blocks when the
 * grid is large. The prior and null costs of a block bead grow with the
 * square root of its sentences: at the cost of one sentence, skipping
 * blocks is so cheap that a coarse path over text of periodic lengths (the
 * repeated books of bench_align) slips by whole periods (strict F1 0.18 at
 * 300k sentences); at the cost of all its sentences, a coarse path no
 * longer finds a real gap (1000 sentences missing: F1 0.880 -> 0.859). */
static int length_guide(const tdm_scorer *s, const double *scum, size_t n, const double *tcum,
                        size_t m, double scale, tdm_bead **path, size_t *count)
{
    job jb = {.s = s, .scum = scum, .tcum = tcum, .max_bead = 2, .scale = sqrt(scale)};
    if ((double)(n + 1) * (m + 1) <= FULL_GRID)
        return banded(&jb, n, m, NULL, 0, 0, path, count);
    tdm_bead *coarse;
    size_t coarse_count;
    int rc = block_guide(s, scum, n, tcum, m, scale, &coarse, &coarse_count);
    if (rc == 0)
        rc = banded(&jb, n, m, coarse, coarse_count, BLOCK_WIDTH, path, count);
    free(coarse);
    return rc;
}

static int append(tdm_bead **out, size_t *count, size_t *cap, tdm_bead b)
{
    if (*count == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        tdm_bead *v = realloc(*out, c * sizeof *v);
        if (!v)
            return TDM_ENOMEM;
        *out = v;
        *cap = c;
    }
    (*out)[(*count)++] = b;
    return 0;
}

int tdm_search(const tdm_scorer *s, size_t s0, size_t n, size_t t0, size_t m, const tdm_bead *guide,
               size_t guide_count, tdm_bead **out, size_t *count, size_t *cap)
{
    if (n == 0 || m == 0) {
        for (size_t k = 0; k < n; k++)
            if (append(out, count, cap, (tdm_bead){(uint32_t)(s0 + k), 1, (uint32_t)t0, 0, 0}))
                return TDM_ENOMEM;
        for (size_t k = 0; k < m; k++)
            if (append(out, count, cap,
                       (tdm_bead){(uint32_t)s0 + (uint32_t)n, 0, (uint32_t)(t0 + k), 1, 0}))
                return TDM_ENOMEM;
        return 0;
    }
    job jb = {.s = s,
              .scum = s->scum,
              .tcum = s->tcum,
              .s0 = s0,
              .t0 = t0,
              .max_bead = s->max_bead,
              .scale = 1};
    /* A first search of a large grid (no earlier path) only guides the
     * next: beads up to 2-2 are enough, and cost half. */
    if (!guide && (double)(n + 1) * (m + 1) > FULL_GRID && jb.max_bead > FIRST_BEAD)
        jb.max_bead = FIRST_BEAD;
    tdm_bead *local = NULL, *path = NULL;
    size_t local_count = 0, path_count = 0;
    int rc = 0;
    uint32_t width = PATH_WIDTH;
    if ((double)(n + 1) * (m + 1) > FULL_GRID) {
        if (guide) {
            local = tdm_path_clip(guide, guide_count, s0, n, t0, m, &local_count);
            rc = local ? 0 : TDM_ENOMEM;
        } else {
            rc = block_guide(s, s->scum + s0, n, s->tcum + t0, m, 1, &local, &local_count);
            /* length_guide indexes sums from the sub-grid's origin */
            width = BLOCK_WIDTH;
        }
    }
    if (rc == 0)
        rc = banded(&jb, n, m, local, local_count, width, &path, &path_count);
    for (size_t k = 0; rc == 0 && k < path_count; k++) {
        tdm_bead b = path[k];
        b.src_first += (uint32_t)s0;
        b.tgt_first += (uint32_t)t0;
        rc = append(out, count, cap, b);
    }
    free(local);
    free(path);
    return rc;
}
