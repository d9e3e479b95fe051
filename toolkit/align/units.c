/*
 * units.c: the units of one side ready for matching (see align/lexical.h).
 *
 * A unit (a sentence, or the sentences of a paragraph) becomes one sorted
 * array of distinct keys with a count each, built from the evidence of its
 * sentences (lexical.c): numbers, punctuation, words, cognate prefixes, and
 * on the target side the words' stems. On the source side each word also
 * brings, in place of its stem, the target stems a translation table gives
 * it (the bilingual lexicon, IBM Model 1), with the weight of that kind of
 * evidence; a key met as several kinds keeps the heaviest. Scoring a
 * source unit against a target unit is then one merge of two sorted
 * arrays, or, along a row of the DP (search.c), a walk of the source
 * keys through an index of the row's target units by key. A key that the other side never has
 * cannot match: units are built without such keys (tdm_evidence_keyset, tdm_units_keyset), which
 * keeps them small without changing any score.
 */
#include <stdlib.h>
#include <string.h>

#include "align/lexical.h"

#define MAX_TRANSLATIONS 4 /* translations of one word used as keys */

int tdm_transtab_build(tdm_transtab *t, size_t word_count, const uint32_t *src, const uint32_t *tgt,
                       size_t pairs)
{
    t->word_count = word_count;
    t->off = calloc(word_count + 1, sizeof *t->off);
    t->tgt = malloc((pairs + 1) * sizeof *t->tgt);
    if (!t->off || !t->tgt) {
        tdm_transtab_free(t);
        return -1;
    }
    for (size_t k = 0; k < pairs; k++)
        t->off[src[k] + 1]++;
    for (size_t w = 0; w < word_count; w++)
        t->off[w + 1] += t->off[w];
    uint32_t *fill = malloc((word_count + 1) * sizeof *fill);
    if (!fill) {
        tdm_transtab_free(t);
        return -1;
    }
    memcpy(fill, t->off, (word_count + 1) * sizeof *fill);
    for (size_t k = 0; k < pairs; k++)
        t->tgt[fill[src[k]]++] = tgt[k];
    free(fill);
    return 0;
}

void tdm_transtab_free(tdm_transtab *t)
{
    free(t->off);
    free(t->tgt);
    t->off = t->tgt = NULL;
    t->word_count = 0;
}

/* Items of a unit being built, packed for sorting: key << 8 | rank of
 * its kind (0: the heaviest kind), so that ascending order groups equal
 * keys with the heaviest evidence first. */
typedef struct {
    uint64_t *v;
    size_t n, cap;
} itemvec;

static int item_push(itemvec *a, uint32_t key, unsigned rank)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 256;
        uint64_t *v = realloc(a->v, cap * sizeof *v);
        if (!v)
            return -1;
        a->v = v;
        a->cap = cap;
    }
    a->v[a->n++] = (uint64_t)key << 8 | rank;
    return 0;
}

/* Sorts v[0, n) ascending with the help of tmp (n items): a bottom-up
 * merge sort whose merges choose without branching. A unit has a few dozen
 * items in no order, which a quicksort's comparisons mispredicted half
 * the time (its sorting was a tenth of an alignment). */
static void sort_items(uint64_t *v, size_t n, uint64_t *tmp)
{
    uint64_t *src = v, *dst = tmp;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t i = lo, mid = lo + width < n ? lo + width : n, j = mid;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n, k = lo;
            while (i < mid && j < hi) {
                uint64_t a = src[i], b = src[j];
                int second = b < a;
                dst[k++] = second ? b : a;
                i += !second;
                j += second;
            }
            while (i < mid)
                dst[k++] = src[i++];
            while (j < hi)
                dst[k++] = src[j++];
        }
        uint64_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != v)
        memcpy(v, src, n * sizeof *v);
}

/* Gives back the slack of u's item arrays (out items used of cap). */
static void shrink(tdm_units *u, size_t out, size_t cap)
{
    if (out + 1 >= cap)
        return;
    uint32_t *k = realloc(u->key, (out + 1) * sizeof *k);
    uint8_t *c = realloc(u->cnt, out + 1);
    if (k)
        u->key = k;
    if (c)
        u->cnt = c;
    if (u->kind) {
        uint8_t *w = realloc(u->kind, out + 1);
        if (w)
            u->kind = w;
    }
}

static int add_translations(itemvec *buf, const tdm_transtab *t, uint32_t word, unsigned rank,
                            const uint8_t *keep)
{
    if (!t || word >= t->word_count)
        return 0;
    uint32_t end = t->off[word + 1];
    if (end - t->off[word] > MAX_TRANSLATIONS) /* function words of a dictionary */
        end = t->off[word] + MAX_TRANSLATIONS;
    for (uint32_t k = t->off[word]; k < end; k++)
        if ((!keep || keep[t->tgt[k]]) && item_push(buf, t->tgt[k], rank))
            return -1;
    return 0;
}

#define KEEP(key) (!keep || keep[key])

int tdm_units_build(tdm_units *u, const tdm_evidence *ev, const uint32_t *first, size_t count,
                    const double *weights, const tdm_transtab *lex, const tdm_transtab *ibm,
                    const uint8_t *keep)
{
    memset(u, 0, sizeof *u);
    u->count = count;
    u->chars = calloc(count + 1, sizeof *u->chars);
    u->ntok = calloc(count + 1, sizeof *u->ntok);
    u->off = calloc(count + 1, sizeof *u->off);
    size_t cap = ev->off[ev->count] + ev->words + 16;
    u->key = malloc(cap * sizeof *u->key);
    u->cnt = malloc(cap * sizeof *u->cnt);
    u->kind = weights ? malloc(cap * sizeof *u->kind) : NULL;
    for (int k = 0; k < TDM_EV_KINDS; k++)
        u->weight[k] = weights ? (float)weights[k] : 1.0f;
    /* rank[kind]: heavier kinds first, ties in kind order; kind_of inverts */
    unsigned rank[TDM_EV_KINDS];
    uint8_t kind_of[TDM_EV_KINDS];
    for (int k = 0; k < TDM_EV_KINDS; k++) {
        rank[k] = 0;
        for (int o = 0; o < TDM_EV_KINDS; o++)
            rank[k] += u->weight[o] > u->weight[k] || (u->weight[o] == u->weight[k] && o < k);
        kind_of[rank[k]] = (uint8_t)k;
    }
    int use_lex = lex && weights && weights[TDM_EV_LEXICON] > 0;
    int use_ibm = ibm && weights && weights[TDM_EV_IBM1] > 0;
    itemvec buf = {0};
    uint64_t *tmp = NULL; /* sort_items' room */
    size_t tmp_cap = 0;
    if (!u->chars || !u->ntok || !u->off || !u->key || !u->cnt || (weights && !u->kind))
        goto fail;
    size_t out = 0;
    for (size_t un = 0; un < count; un++) {
        size_t s0 = first ? first[un] : un, s1 = first ? first[un + 1] : un + 1;
        buf.n = 0;
        for (size_t s = s0; s < s1; s++) {
            u->chars[un] += ev->chars[s];
            u->ntok[un] += ev->ntok[s];
            for (uint32_t k = ev->off[s]; k < ev->off[s + 1]; k++)
                if (KEEP(ev->key[k] & TDM_EV_ID_MASK) &&
                    item_push(&buf, ev->key[k] & TDM_EV_ID_MASK,
                              rank[ev->key[k] >> TDM_EV_KIND_SHIFT]))
                    goto fail;
            const uint8_t *p = ev->word + ev->word_off[s], *end = ev->word + ev->word_off[s + 1];
            while (p < end) {
                uint32_t w = tdm_evidence_next(&p);
                uint32_t id = w & TDM_EV_WORD_MASK, stem = tdm_evidence_word_stem(ev, w);
                uint32_t cognate = ev->cognate_of[id];
                if (((w & TDM_EV_WORD_ITEM) && KEEP(id) &&
                     item_push(&buf, id, rank[TDM_EV_WORD])) ||
                    (cognate && KEEP(cognate - 1) &&
                     item_push(&buf, cognate - 1, rank[TDM_EV_COGNATE])))
                    goto fail;
                /* the target side's stems are items; the source side's
                 * words only meet the target through their translations */
                if (!weights && KEEP(stem) && item_push(&buf, stem, rank[TDM_EV_STEM]))
                    goto fail;
                if ((use_lex && add_translations(&buf, lex, stem, rank[TDM_EV_LEXICON], keep)) ||
                    (use_ibm && add_translations(&buf, ibm, stem, rank[TDM_EV_IBM1], keep)))
                    goto fail;
            }
        }
        if (buf.n > tmp_cap) {
            free(tmp);
            tmp_cap = buf.cap;
            if (!(tmp = malloc(tmp_cap * sizeof *tmp)))
                goto fail;
        }
        sort_items(buf.v, buf.n, tmp);
        if (out + buf.n > cap) {
            /* room for the units left at the rate of those done (doubling
             * would leave up to half unused at the peak) */
            size_t need = out + buf.n;
            cap = need + need / (un + 1) * (count - un) + need / 8;
            uint32_t *k = realloc(u->key, cap * sizeof *k);
            if (k)
                u->key = k;
            uint8_t *c = realloc(u->cnt, cap * sizeof *c);
            if (c)
                u->cnt = c;
            uint8_t *w = weights ? realloc(u->kind, cap * sizeof *w) : NULL;
            if (w)
                u->kind = w;
            if (!k || !c || (weights && !w))
                goto fail;
        }
        u->off[un] = (uint32_t)out;
        for (size_t k = 0; k < buf.n; k++) {
            uint32_t key = (uint32_t)(buf.v[k] >> 8);
            if (k > 0 && key == (uint32_t)(buf.v[k - 1] >> 8)) {
                if (u->cnt[out - 1] < UINT8_MAX)
                    u->cnt[out - 1]++;
                continue;
            }
            u->key[out] = key;
            if (key >= u->key_limit)
                u->key_limit = key + 1;
            u->cnt[out] = 1;
            if (u->kind)
                u->kind[out] = kind_of[buf.v[k] & 0xff];
            out++;
        }
    }
    u->off[count] = (uint32_t)out;
    free(buf.v);
    free(tmp);
    shrink(u, out, cap);
    return 0;
fail:
    free(buf.v);
    free(tmp);
    tdm_units_free(u);
    return -1;
}

#undef KEEP

uint8_t *tdm_evidence_keyset(const tdm_evidence *ev, size_t limit)
{
    uint8_t *set = calloc(limit + 1, 1);
    if (!set)
        return NULL;
    for (uint32_t k = 0; k < ev->off[ev->count]; k++)
        set[ev->key[k] & TDM_EV_ID_MASK] = 1;
    const uint8_t *p = ev->word, *end = ev->word + ev->word_off[ev->count];
    while (p < end) {
        uint32_t w = tdm_evidence_next(&p), id = w & TDM_EV_WORD_MASK;
        if (w & TDM_EV_WORD_ITEM)
            set[id] = 1;
        if (ev->cognate_of[id])
            set[ev->cognate_of[id] - 1] = 1;
        set[tdm_evidence_word_stem(ev, w)] = 1;
    }
    return set;
}

uint8_t *tdm_units_keyset(const tdm_units *u, size_t limit)
{
    uint8_t *set = calloc(limit + 1, 1);
    if (!set)
        return NULL;
    for (uint32_t k = 0; k < u->off[u->count]; k++)
        set[u->key[k]] = 1;
    return set;
}

void tdm_units_free(tdm_units *u)
{
    free(u->chars);
    free(u->ntok);
    free(u->off);
    free(u->key);
    free(u->cnt);
    free(u->kind);
    memset(u, 0, sizeof *u);
}

double tdm_units_match(const tdm_units *src, size_t i, const tdm_units *tgt, size_t j)
{
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
            sum += c * src->weight[src->kind[a]];
            a++;
            b++;
        }
    }
    return sum;
}
