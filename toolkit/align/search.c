/*
 * search.c: the cost of a bead, and the search for the cheapest beads over
 * one level of units (paragraphs or sentences), coarse to fine.
 *
 * Cost of an a-b bead (a, b >= 1), lower is better:
 *
 *   w_len * GC(chars) + w_prior * -log P(a-b) - w_sim * 2 M / t
 *
 * GC is the Gale-Church length cost (length_model.c); P(a-b) the prior of
 * the bead type; M the weighted number of matching lexical items of the
 * two sides (lexical.c) above the number expected by chance, and t the
 * mean number of words and numbers of a unit. With T the words and numbers
 * of the bead, 2 M / t is about (a + b) times the Dice coefficient 2 M / T:
 * the similarity counts once per sentence of the bead, so that merging a
 * sentence into a bead must pay for itself in similarity (the
 * normalization of Vecalign, Thompson & Koehn 2019). A 1-0 or 0-1 bead
 * costs w_prior * -log P(1-0) + w_null (+ w_null_len log(1 + chars)). The
 * weights are fitted (fit.c).
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
 * reached (the source unit's keys marked in a table, each target key one
 * lookup), into a ring of max_bead rows (the only rows a bead can reach
 * back to); the DP asks for all the bead costs of a cell in one call, the
 * lexical sums of an a-b bead accumulated over growing a and b and the
 * length terms of the source side computed once per row. Units only keep
 * the keys the other side has. A million sentences a side align in under
 * a minute and a gigabyte (tests/bench/bench_align.c).
 */
#include "align/search.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

static double *prefix(const double *v, size_t n)
{
    double *p = malloc((n + 1) * sizeof *p);
    if (!p)
        return NULL;
    p[0] = 0;
    for (size_t k = 0; k < n; k++)
        p[k + 1] = p[k] + v[k];
    return p;
}

static int idf_init(tdm_scorer *s, double w);

/* The rate of chance matches: 2 M / (tokens of both) over pairs of units
 * that are near but not on the diagonal (same vocabulary, no translation). */
static double chance_rate(const tdm_scorer *s)
{
    static const long offsets[] = {-13, -7, 7, 13};
    double match = 0, tok = 0;
    size_t step = s->n / 500 + 1;
    for (size_t i = 0; i < s->n; i += step)
        for (size_t k = 0; k < 4; k++) {
            long off = s->n < 30 ? (long)(s->m / 2) * (offsets[k] < 0 ? -1 : 1) : offsets[k];
            long j = (long)((double)i * s->m / s->n) + off;
            if (j < 0 || j >= (long)s->m)
                continue;
            match += tdm_scorer_match(s, i, (size_t)j);
            tok += s->src->ntok[i] + s->tgt->ntok[j];
        }
    return tok > 0 ? 2 * match / tok : 0;
}

int tdm_scorer_init(tdm_scorer *s, const tdm_units *src, const tdm_units *tgt,
                    const tdm_length_model *len, const tdm_align_params *p, double w_sim,
                    double chance, unsigned max_bead)
{
    memset(s, 0, sizeof *s);
    s->src = src;
    s->tgt = tgt;
    s->n = src->count;
    s->m = tgt->count;
    s->len = len;
    s->w_len = p->w_len;
    s->w_sim = w_sim;
    s->max_bead = max_bead;
    s->max_total = p->bead_total >= 2 ? (unsigned)p->bead_total : 2 * max_bead;
    for (int a = 0; a <= 3; a++)
        for (int b = 0; b <= 3; b++) {
            double pr = p->prior[a][b] > 1e-9 ? p->prior[a][b] : 1e-9;
            s->type_cost[a][b] = p->w_prior * -log(pr);
        }
    s->null_cost = s->type_cost[1][0] + p->w_null;
    s->w_null_len = p->w_null_len;
    s->scum = prefix(src->chars, s->n);
    s->tcum = prefix(tgt->chars, s->m);
    s->stok = prefix(src->ntok, s->n);
    s->ttok = prefix(tgt->ntok, s->m);
    if (!s->scum || !s->tcum || !s->stok || !s->ttok) {
        tdm_scorer_free(s);
        return TDM_ENOMEM;
    }
    if (idf_init(s, p->w_idf)) {
        tdm_scorer_free(s);
        return TDM_ENOMEM;
    }
    double units = (double)(s->n + s->m);
    s->tavg = units > 0 ? (s->stok[s->n] + s->ttok[s->m]) / units : 1;
    if (s->tavg < 1)
        s->tavg = 1;
    s->d0 = chance < 0 ? p->chance_scale * chance_rate(s) : chance;
    return 0;
}

void tdm_scorer_free(tdm_scorer *s)
{
    free(s->idf);
    free(s->scum);
    free(s->tcum);
    free(s->stok);
    free(s->ttok);
    memset(s, 0, sizeof *s);
}

double tdm_scorer_match(const tdm_scorer *s, size_t i, size_t j)
{
    const tdm_units *src = s->src, *tgt = s->tgt;
    uint32_t a = src->off[i], ae = src->off[i + 1];
    uint32_t b = tgt->off[j], be = tgt->off[j + 1];
    double sum = 0;
    while (a < ae && b < be) {
        uint32_t x = src->key[a], y = tgt->key[b];
        if (x < y) {
            a++;
        } else if (y < x) {
            b++;
        } else {
            unsigned c = src->cnt[a] < tgt->cnt[b] ? src->cnt[a] : tgt->cnt[b];
            sum += c * src->weight[src->kind[a]] * s->idf[x];
            a++;
            b++;
        }
    }
    return sum;
}

/* Rarity weights: 1 - w + w log((N + 1) / df) / log(N + 1) for a key in df
 * of the N units of both sides. */
static int idf_init(tdm_scorer *s, double w)
{
    s->key_limit = s->src->key_limit > s->tgt->key_limit ? s->src->key_limit : s->tgt->key_limit;
    s->idf = malloc((s->key_limit + 1) * sizeof *s->idf);
    uint32_t *df = calloc(s->key_limit + 1, sizeof *df);
    if (!s->idf || !df) {
        free(df);
        return TDM_ENOMEM;
    }
    const tdm_units *side[2] = {s->src, s->tgt};
    for (int k = 0; k < 2; k++)
        for (size_t x = 0; x < side[k]->off[side[k]->count]; x++)
            df[side[k]->key[x]]++;
    double total = log((double)(s->n + s->m) + 1);
    for (uint32_t key = 0; key < s->key_limit; key++) {
        double rare = df[key] && total > 0 ? log((s->n + s->m + 1.0) / df[key]) / total : 1;
        s->idf[key] = (float)(1 - w + w * (rare > 1 ? 1 : rare));
    }
    free(df);
    return 0;
}

double tdm_scorer_excess(const tdm_scorer *s, size_t i, size_t j)
{
    return tdm_scorer_match(s, i, j) - s->d0 * 0.5 * (s->src->ntok[i] + s->tgt->ntok[j]);
}

double tdm_scorer_null(const tdm_scorer *s, int tgt_side, size_t i)
{
    const double *cum = tgt_side ? s->tcum : s->scum;
    return s->null_cost + s->w_null_len * log1p(cum[i + 1] - cum[i]);
}

/* Cost of the bead src [i - a, i), tgt [j - b, j) (global) with weighted
 * match count match (ignored when the scorer has no units). */
static double bead_cost(const tdm_scorer *s, const double *scum, const double *tcum, size_t i,
                        size_t j, unsigned a, unsigned b, int lexical, double match, double *sim)
{
    if (a == 0 || b == 0) {
        if (sim)
            *sim = 0;
        if (s->w_null_len == 0)
            return s->null_cost;
        double chars = a ? scum[i] - scum[i - 1] : tcum[j] - tcum[j - 1];
        return s->null_cost + s->w_null_len * log1p(chars);
    }
    double ls = scum[i] - scum[i - a], lt = tcum[j] - tcum[j - b];
    double c =
        s->w_len * tdm_length_cost(s->len, ls, lt) + s->type_cost[a > 3 ? 3 : a][b > 3 ? 3 : b];
    if (lexical) {
        c -= s->w_sim * 2 * match / s->tavg;
        if (sim) {
            double tok = s->stok[i] - s->stok[i - a] + s->ttok[j] - s->ttok[j - b];
            *sim = 2 * match / (tok + 2);
        }
    }
    return c;
}

double tdm_scorer_bead(const tdm_scorer *s, const tdm_bead *b, double *sim)
{
    double match = 0;
    if (s->src)
        for (uint32_t x = 0; x < b->src_count; x++)
            for (uint32_t y = 0; y < b->tgt_count; y++)
                match += tdm_scorer_excess(s, b->src_first + x, b->tgt_first + y);
    return bead_cost(s, s->scum, s->tcum, b->src_first + b->src_count, b->tgt_first + b->tgt_count,
                     b->src_count, b->tgt_count, s->src != NULL, match, sim);
}

double tdm_scorer_cost(const tdm_scorer *s, const tdm_bead *b, double excess)
{
    return bead_cost(s, s->scum, s->tcum, b->src_first + b->src_count, b->tgt_first + b->tgt_count,
                     b->src_count, b->tgt_count, s->src != NULL, excess, NULL);
}

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
    float *mark; /* per key: weight x count of the current source unit */
    uint8_t *mark_cnt;
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

/* The lexical scores of local source unit r against its cached columns. */
static void fill_row(job *jb, const tdm_band *band, size_t r)
{
    uint32_t lo, hi;
    cache_range(jb, band, r, &lo, &hi);
    float *row = jb->cache + (r % jb->max_bead) * jb->stride + PAD;
    jb->cache_lo[r % jb->max_bead] = lo;
    if (band->m == 0)
        return;
    /* Mark the source unit's keys once, then each target unit of the row
     * costs one lookup per key (instead of a merge of two key lists). */
    const tdm_units *su = jb->s->src, *tu = jb->s->tgt;
    size_t si = jb->s0 + r;
    for (uint32_t k = su->off[si]; k < su->off[si + 1]; k++) {
        jb->mark[su->key[k]] = su->weight[su->kind[k]] * jb->s->idf[su->key[k]];
        jb->mark_cnt[su->key[k]] = su->cnt[k];
    }
    double chance = jb->s->d0 * 0.5;
    for (uint32_t j = lo; j <= hi && j < band->m; j++) {
        size_t tj = jb->t0 + j;
        double match = 0;
        for (uint32_t k = tu->off[tj]; k < tu->off[tj + 1]; k++) {
            uint32_t key = tu->key[k];
            if (key < su->key_limit && jb->mark_cnt[key]) {
                unsigned c = jb->mark_cnt[key] < tu->cnt[k] ? jb->mark_cnt[key] : tu->cnt[k];
                match += c * jb->mark[key];
            }
        }
        row[j - lo] = (float)(match - chance * (su->ntok[si] + tu->ntok[tj]));
    }
    for (uint32_t k = su->off[si]; k < su->off[si + 1]; k++)
        jb->mark_cnt[su->key[k]] = 0;
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

/* The costs of every bead ending in cell (i, j) (see bead_cost): the
 * lexical match of an a-b bead is the sum of its a x b cached cells,
 * accumulated over growing a and b; the length cost is tdm_length_cost
 * with the source terms computed once per row. */
static void job_cell(void *ctx, uint32_t i, uint32_t j, double *cost)
{
    const job *jb = ctx;
    const tdm_scorer *s = jb->s;
    const tdm_length_model *len = s->len;
    const double w_len = s->w_len, sim_factor = jb->sim_factor;
    const double tgt_factor = 0.5 * len->s2 / len->c;
    size_t gj = jb->t0 + j;
    unsigned amax = i < jb->max_bead ? i : jb->max_bead;
    unsigned bmax = j < jb->max_bead ? j : jb->max_bead;
    if (i >= 1)
        cost[TDM_DP_TYPE(1, 0)] = jb->row_null;
    if (j >= 1)
        cost[TDM_DP_TYPE(0, 1)] = jb->scale * null_cost(s, jb->tcum, gj - 1);
    double tgt_chars[8], tgt_var[8], match[8] = {0};
    for (unsigned y = 1; y <= bmax; y++) {
        tgt_chars[y] = jb->tcum[gj] - jb->tcum[gj - y];
        tgt_var[y] = tgt_factor * tgt_chars[y];
    }
    for (unsigned x = 1; x <= amax; x++) {
        const float *row = jb->lexical ? jb->row_of[x] : NULL;
        double run = 0; /* cells (i - x, j - 1 .. j - y) */
        for (unsigned y = 1; y <= bmax; y++) {
            if (row) {
                run += row[j - y];
                match[y] += run;
            }
            double type = jb->type_cost[x][y];
            if (type == HUGE_VAL)
                continue;
            /* tdm_length_cost: |delta| = |lt - c ls| / sqrt(s2 (ls + lt / c) / 2) */
            double var = jb->src_var[x] + tgt_var[y], length = 0;
            if (var > 0) {
                double dev = tgt_chars[y] - jb->src_scaled[x];
                double pos = (dev < 0 ? -dev : dev) / sqrt(var) * 100;
                if (pos >= TDM_LENGTH_TABLE - 1) {
                    length = tdm_length_tail(pos / 100);
                } else {
                    int k = (int)pos;
                    double f = pos - k;
                    length = len->table[k] * (1 - f) + len->table[k + 1] * f;
                }
            }
            cost[TDM_DP_TYPE(x, y)] = w_len * length + type - sim_factor * match[y];
        }
    }
}

/* Runs the DP of jb on band, allocating the row cache when lexical. */
static int run_band(job *jb, const tdm_band *band, tdm_bead **path, size_t *count, int *touched)
{
    tdm_dp_cost cost = {NULL, job_row, jb, job_cell};
    jb->cache = NULL;
    jb->cache_lo = NULL;
    jb->mark = NULL;
    jb->mark_cnt = NULL;
    jb->lexical = jb->s->src && jb->scum == jb->s->scum;
    jb->max_total =
        jb->lexical && jb->s->max_total < 2 * jb->max_bead ? jb->s->max_total : 2 * jb->max_bead;
    jb->sim_factor = jb->lexical ? jb->s->w_sim * 2 / jb->s->tavg : 0;
    for (unsigned a = 0; a < 8; a++)
        for (unsigned b = 0; b < 8; b++)
            jb->type_cost[a][b] = a + b > jb->max_total || a > jb->max_bead || b > jb->max_bead
                                      ? HUGE_VAL
                                      : jb->scale * jb->s->type_cost[a > 3 ? 3 : a][b > 3 ? 3 : b];
    if (jb->lexical) {
        size_t cap = 1;
        for (size_t r = 0; r < band->n; r++) {
            uint32_t lo, hi;
            cache_range(jb, band, r, &lo, &hi);
            if (hi >= lo && hi - lo + 1 > cap)
                cap = hi - lo + 1;
        }
        jb->stride = cap + PAD;
        jb->cache = calloc(jb->max_bead * jb->stride, sizeof *jb->cache);
        jb->cache_lo = calloc(jb->max_bead, sizeof *jb->cache_lo);
        jb->mark = malloc((jb->s->src->key_limit + 1) * sizeof *jb->mark);
        jb->mark_cnt = calloc(jb->s->src->key_limit + 1, sizeof *jb->mark_cnt);
        if (!jb->cache || !jb->cache_lo || !jb->mark || !jb->mark_cnt) {
            free(jb->cache);
            free(jb->cache_lo);
            free(jb->mark);
            free(jb->mark_cnt);
            return TDM_ENOMEM;
        }
    }
    int rc = tdm_dp_align(band, jb->max_bead, jb->max_total, &cost, path, count, touched);
    free(jb->cache);
    free(jb->cache_lo);
    free(jb->mark);
    free(jb->mark_cnt);
    jb->cache = NULL;
    jb->cache_lo = NULL;
    jb->mark = NULL;
    jb->mark_cnt = NULL;
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

/* The guide beads that meet the sub-grid, in its local coordinates. */
static tdm_bead *clip_guide(const tdm_bead *guide, size_t guide_count, size_t s0, size_t n,
                            size_t t0, size_t m, size_t *count)
{
    tdm_bead *out = malloc((guide_count + 1) * sizeof *out);
    *count = 0;
    if (!out)
        return NULL;
    for (size_t k = 0; k < guide_count; k++) {
        long i0 = (long)guide[k].src_first - (long)s0, j0 = (long)guide[k].tgt_first - (long)t0;
        long i1 = i0 + guide[k].src_count, j1 = j0 + guide[k].tgt_count;
        if (i1 < 0 || j1 < 0 || i0 > (long)n || j0 > (long)m)
            continue;
        i0 = i0 < 0 ? 0 : i0;
        j0 = j0 < 0 ? 0 : j0;
        i1 = i1 > (long)n ? (long)n : i1;
        j1 = j1 > (long)m ? (long)m : j1;
        out[(*count)++] =
            (tdm_bead){(uint32_t)i0, (uint32_t)(i1 - i0), (uint32_t)j0, (uint32_t)(j1 - j0), 0};
    }
    return out;
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
            local = clip_guide(guide, guide_count, s0, n, t0, m, &local_count);
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
