/*
 * refine.c: a bead that is the union of beads that align well on their own
 * loses to them.
 *
 * The search (search.c) scores the lexical evidence of an a-b bead as the
 * sum of its a x b sentence pairs. That sum counts an item that occurs in
 * several sentences of each side several times over: a name in both
 * sentences of each side of a 2-2 bead counts four times, but only twice
 * in the two 1-1 beads of which the 2-2 bead is the union. Runs of short
 * sentences that share names, "said" and dialogue dashes (a conversation)
 * then come out as 2-2 and 3-3 beads where a translation pairs them one by
 * one (tandem's many-to-many beads were right about one time in ten on
 * OPUS Books).
 *
 * Counting items once per bead inside the DP would need the bag of words
 * of every candidate bead; instead this pass takes each bead of the path
 * with more than two sentences, scores every bead inside its rectangle
 * (itself included) on the bags of its sentences (each key counted as often
 * as it occurs on the side where it is rarer, as a paragraph is scored
 * against a paragraph), and keeps the cheapest alignment of the rectangle:
 * the bead itself when its sentences really translate each other across
 * their boundaries, else the smaller beads. The same cost as the search
 * otherwise (length, type prior, chance matches), so a 1-1 bead costs what
 * it cost there. The rectangles are at most max_bead a side: the pass is a
 * few microseconds per many-sentence bead.
 */
#include "align/refine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SIDE 8

/* One side's bag: keys ascending, distinct, with summed counts and the
 * heaviest weight met. */
typedef struct {
    uint32_t key;
    float count, weight;
} item;

typedef struct {
    item *v;
    size_t n, cap;
} bag;

/* Fills g with the bag of units [first, first + count) of u. Each unit's
 * keys are ascending and distinct, so the bag is their merge: one unit
 * after the other is merged into the bag built so far (in g->v, the
 * scratch half after it), equal keys combined (counts summed, the heaviest
 * weight kept: the same bag in any order). */
static int bag_fill(bag *g, const tdm_scorer *s, const tdm_units *u, size_t first, size_t count,
                    int weighted)
{
    size_t need = 2 * (u->off[first + count] - u->off[first]) + 1;
    if (need > g->cap) {
        item *v = realloc(g->v, need * sizeof *v);
        if (!v)
            return TDM_ENOMEM;
        g->v = v;
        g->cap = need;
    }
    size_t n = 0;
    for (size_t x = first; x < first + count; x++) {
        /* g->v[0, n) is the bag so far; move it up, then merge it with
         * unit x back into g->v from the start */
        item *old = g->v + g->cap - n;
        memmove(old, g->v, n * sizeof *old);
        size_t i = 0, out = 0;
        for (uint32_t k = u->off[x]; k < u->off[x + 1]; k++) {
            item it = {u->key[k], u->cnt[k],
                       weighted ? u->weight[u->kind[k]] * s->idf[u->key[k]] : 1};
            while (i < n && old[i].key < it.key)
                g->v[out++] = old[i++];
            if (i < n && old[i].key == it.key) {
                it.count += old[i].count;
                if (old[i].weight > it.weight)
                    it.weight = old[i].weight;
                i++;
            }
            g->v[out++] = it;
        }
        while (i < n)
            g->v[out++] = old[i++];
        n = out;
    }
    g->n = n;
    return 0;
}

typedef struct {
    const tdm_scorer *s;
    bag src, tgt;
    double chance[MAX_SIDE + 1][MAX_SIDE + 1]; /* chance rate of a-b bags over 1-1's */
} refiner;

/* Weighted matches of the bags of source units [i, i + a) and target
 * units [j, j + b), each key counted min(source, target) times; *tokens
 * gets their words and numbers. */
static int bag_match(refiner *r, size_t i, unsigned a, size_t j, unsigned b, double *match,
                     double *tokens)
{
    const tdm_scorer *s = r->s;
    bag *src = &r->src, *tgt = &r->tgt;
    if (bag_fill(src, s, s->src, i, a, 1) || bag_fill(tgt, s, s->tgt, j, b, 0))
        return TDM_ENOMEM;
    *match = 0;
    *tokens = 0;
    for (size_t x = 0, y = 0; x < src->n && y < tgt->n;) {
        if (src->v[x].key < tgt->v[y].key) {
            x++;
        } else if (tgt->v[y].key < src->v[x].key) {
            y++;
        } else {
            double c = src->v[x].count < tgt->v[y].count ? src->v[x].count : tgt->v[y].count;
            *match += c * src->v[x].weight;
            x++;
            y++;
        }
    }
    for (unsigned x = 0; x < a; x++)
        *tokens += s->src->ntok[i + x];
    for (unsigned y = 0; y < b; y++)
        *tokens += s->tgt->ntok[j + y];
    return 0;
}

/* Bigger bags share more items by chance (more words to meet, function
 * words above all). The rate 2 M / tokens of a-b bags is measured as the
 * search measures it for 1-1 (chance_rate in bead_cost.c): at a few offsets
 * off the diagonal, where the vocabulary is the same but the sentences do
 * not translate each other; r->chance[a][b] is its ratio to the 1-1 rate,
 * which scales the scorer's chance rate d0. */
static int measure_chance(refiner *r)
{
    static const long offsets[] = {-13, -7, 7, 13};
    const tdm_scorer *s = r->s;
    double rate11 = 0;
    for (unsigned a = 1; a <= MAX_SIDE && a <= s->max_bead; a++)
        for (unsigned b = 1; b <= MAX_SIDE && b <= s->max_bead; b++) {
            r->chance[a][b] = 1;
            if (a + b > s->max_total || s->n < 30 + a || s->m < 30 + b)
                continue;
            double match = 0, tok = 0, mk, tk;
            size_t step = s->n / 200 + 1;
            for (size_t i = 0; i + a <= s->n; i += step)
                for (size_t k = 0; k < 4; k++) {
                    long j = (long)((double)i * s->m / s->n) + offsets[k] * (long)b;
                    if (j < 0 || (size_t)j + b > s->m)
                        continue;
                    if (bag_match(r, i, a, (size_t)j, b, &mk, &tk))
                        return TDM_ENOMEM;
                    match += mk;
                    tok += tk;
                }
            double rate = tok > 0 ? 2 * match / tok : 0;
            if (a == 1 && b == 1)
                rate11 = rate;
            r->chance[a][b] = rate11 > 0 ? rate / rate11 : 1;
        }
    return 0;
}

/* Matches above chance of source units [i, i + a) and target units
 * [j, j + b) counted on their bags. */
static int bag_excess(refiner *r, size_t i, unsigned a, size_t j, unsigned b, double *excess)
{
    double match, tokens;
    if (a == 1 && b == 1) {
        *excess = tdm_scorer_excess(r->s, i, j);
        return 0;
    }
    if (bag_match(r, i, a, j, b, &match, &tokens))
        return TDM_ENOMEM;
    *excess = match - r->s->d0 * r->chance[a][b] * 0.5 * tokens;
    return 0;
}

/* The cheapest alignment of the rectangle of bead r: appends its beads to
 * out (room for a + b). */
static int best_split(refiner *rf, const tdm_bead *r, tdm_bead *out, size_t *n)
{
    const tdm_scorer *s = rf->s;
    unsigned A = r->src_count, B = r->tgt_count;
    double cost[MAX_SIDE + 1][MAX_SIDE + 1];
    unsigned char from_a[MAX_SIDE + 1][MAX_SIDE + 1], from_b[MAX_SIDE + 1][MAX_SIDE + 1];
    for (unsigned i = 0; i <= A; i++)
        for (unsigned j = 0; j <= B; j++) {
            cost[i][j] = i + j ? HUGE_VAL : 0;
            for (unsigned a = 0; a <= i && a <= s->max_bead; a++)
                for (unsigned b = 0; b <= j && b <= s->max_bead; b++) {
                    if (a + b == 0 || a + b > s->max_total || ((a == 0 || b == 0) && a + b > 1) ||
                        cost[i - a][j - b] == HUGE_VAL)
                        continue;
                    tdm_bead x = {r->src_first + i - a, a, r->tgt_first + j - b, b, 0};
                    double excess = 0, c;
                    if (a && b && bag_excess(rf, x.src_first, a, x.tgt_first, b, &excess))
                        return TDM_ENOMEM;
                    c = a && b ? tdm_scorer_cost(s, &x, excess)
                               : tdm_scorer_null(s, a == 0, a ? x.src_first : x.tgt_first);
                    if (cost[i - a][j - b] + c < cost[i][j]) {
                        cost[i][j] = cost[i - a][j - b] + c;
                        from_a[i][j] = (unsigned char)a;
                        from_b[i][j] = (unsigned char)b;
                    }
                }
        }
    size_t k = 0;
    for (unsigned i = A, j = B; i + j > 0;) {
        unsigned a = from_a[i][j], b = from_b[i][j];
        i -= a;
        j -= b;
        out[k++] = (tdm_bead){r->src_first + i, a, r->tgt_first + j, b, 0};
    }
    for (size_t x = 0; x < k / 2; x++) {
        tdm_bead t = out[x];
        out[x] = out[k - 1 - x];
        out[k - 1 - x] = t;
    }
    *n = k;
    return 0;
}

int tdm_refine(const tdm_scorer *s, tdm_bead **beads, size_t *count)
{
    if (!s->src)
        return 0;
    size_t total = 0;
    for (size_t k = 0; k < *count; k++)
        total += (*beads)[k].src_count && (*beads)[k].tgt_count &&
                         (*beads)[k].src_count + (*beads)[k].tgt_count > 2
                     ? (*beads)[k].src_count + (*beads)[k].tgt_count
                     : 1;
    tdm_bead *out = malloc((total + 1) * sizeof *out);
    refiner rf = {.s = s};
    int rc = out ? measure_chance(&rf) : TDM_ENOMEM;
    size_t n = 0;
    for (size_t k = 0; rc == 0 && k < *count; k++) {
        const tdm_bead *b = &(*beads)[k];
        size_t got;
        if (b->src_count == 0 || b->tgt_count == 0 || b->src_count + b->tgt_count <= 2 ||
            b->src_count > MAX_SIDE || b->tgt_count > MAX_SIDE) {
            out[n++] = *b;
        } else if ((rc = best_split(&rf, b, out + n, &got)) == 0) {
            n += got;
        }
    }
    free(rf.src.v);
    free(rf.tgt.v);
    if (rc) {
        free(out);
        return rc;
    }
    free(*beads);
    *beads = out;
    *count = n;
    return 0;
}
