/*
 * bead_cost.c: the cost of a bead of units (paragraphs or sentences) and
 * the scorer that holds what it needs (see search.h); search.c computes
 * the same costs a run of DP cells at a time.
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
 */
#include "align/search.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
    s->first_at = calloc(s->key_limit + 1, sizeof *s->first_at);
    s->last_at = calloc(s->key_limit + 1, sizeof *s->last_at);
    if (!s->first_at || !s->last_at) {
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
    free(s->first_at);
    free(s->last_at);
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

int tdm_marks_init(tdm_marks *m, const tdm_scorer *s)
{
    m->weight = malloc((s->key_limit + 1) * sizeof *m->weight);
    m->cnt = calloc(s->key_limit + 1, sizeof *m->cnt);
    if (!m->weight || !m->cnt) {
        tdm_marks_free(m);
        return TDM_ENOMEM;
    }
    return 0;
}

void tdm_marks_free(tdm_marks *m)
{
    free(m->weight);
    free(m->cnt);
    m->weight = NULL;
    m->cnt = NULL;
}

void tdm_marks_set(tdm_marks *m, const tdm_scorer *s, size_t i)
{
    const tdm_units *src = s->src;
    for (uint32_t a = src->off[i]; a < src->off[i + 1]; a++) {
        m->weight[src->key[a]] = src->weight[src->kind[a]];
        m->cnt[src->key[a]] = src->cnt[a];
    }
}

void tdm_marks_unset(tdm_marks *m, const tdm_scorer *s, size_t i)
{
    const tdm_units *src = s->src;
    for (uint32_t a = src->off[i]; a < src->off[i + 1]; a++)
        m->cnt[src->key[a]] = 0;
}

double tdm_marks_match(const tdm_marks *m, const tdm_scorer *s, size_t j)
{
    const tdm_units *tgt = s->tgt;
    double sum = 0;
    for (uint32_t b = tgt->off[j]; b < tgt->off[j + 1]; b++) {
        uint32_t y = tgt->key[b];
        if (m->cnt[y]) {
            unsigned c = m->cnt[y] < tgt->cnt[b] ? m->cnt[y] : tgt->cnt[b];
            sum += c * m->weight[y] * s->idf[y];
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
