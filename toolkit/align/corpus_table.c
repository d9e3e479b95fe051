/*
 * corpus_table.c: IBM Model 1 (Brown et al. 1993) learnt from a whole
 * corpus of document pairs of one language pair, for documents too small
 * to teach it alone.
 *
 * A pair of 20 sentences gives a handful of confident 1-1 beads, under the
 * twenty the aligner needs before it learns a table from a pair
 * (aligner.c), and even a few hundred beads see each word a few times.
 * A batch of such pairs holds together what none holds alone. So a batch
 * aligns every pair once without IBM1 (its first pass: length, shared
 * items, lexicon) and keeps the confident 1-1 beads as a sample of stem
 * strings (tdm_corpus_table_sample, on the worker threads, independent of
 * any other pair). The samples go, in input order, into one store per
 * language pair: a string table of the stems and the sentences as arrays
 * of their ids. EM then runs once over the store in both directions
 * (ibm1.c), and the pairs with t >= threshold become a lexicon of stem
 * keys that every pair of the batch resolves against its own words
 * (tdm_align_prep_set_table) and uses as IBM1 evidence in both passes.
 *
 * Memory is bounded by max_cells, the EM cells ((|e| + 1) |f| per pair)
 * the store may hold; a pair has at least as many cells as words, so the
 * words stored are bounded too. Sentence pair number g (counted over the
 * whole corpus, in input order) is kept when g is a multiple of the
 * stride; when the cells pass the bound, the stride doubles, the pairs it
 * no longer keeps are dropped and the string table is rebuilt from the
 * stems left. What is kept depends on the input order alone, never on
 * the thread that made a sample: the table is the same for any -j.
 */
#include "align/corpus_table.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "align/ibm1.h"
#include "base/u32vec.h"

/* Training sentence pairs as stem ids of a table of their own. */
struct tdm_align_sample {
    tdm_strtab *stems;
    size_t count;
    tdm_u32vec src_off, tgt_off; /* count + 1 offsets into the words */
    tdm_u32vec src_word, tgt_word;
};

struct tdm_corpus_table {
    size_t max_cells, cells;
    size_t seen, stride;
    tdm_strtab *stems;
    tdm_u32vec seq; /* corpus number of each pair kept */
    tdm_u32vec src_off, tgt_off, src_word, tgt_word;
};

void tdm_align_sample_free(tdm_align_sample *s)
{
    if (!s)
        return;
    tdm_strtab_free(s->stems);
    free(s->src_off.v);
    free(s->tgt_off.v);
    free(s->src_word.v);
    free(s->tgt_word.v);
    free(s);
}

/* Appends the stems of sentence k of ev (ids of tab) to words, interned in
 * stems. 0 or -1 (OOM). */
static int add_sentence(tdm_u32vec *words, tdm_strtab *stems, const tdm_strtab *tab,
                        const tdm_evidence *ev, uint32_t k)
{
    const uint8_t *p = ev->word + ev->word_off[k], *end = ev->word + ev->word_off[k + 1];
    while (p < end) {
        size_t len;
        const char *key =
            tdm_strtab_get(tab, tdm_evidence_word_stem(ev, tdm_evidence_next(&p)), &len);
        uint32_t id = tdm_strtab_intern(stems, key, len);
        if (id == TDM_STRTAB_NONE || tdm_u32vec_push(words, id))
            return -1;
    }
    return 0;
}

int tdm_corpus_table_sample(const tdm_align_prep *prep, const uint32_t *src, const uint32_t *tgt,
                            size_t count, tdm_align_sample **out)
{
    const tdm_strtab *tab;
    const tdm_evidence *se, *te;
    tdm_align_prep_evidence(prep, &tab, &se, &te);
    *out = NULL;
    tdm_align_sample *s = calloc(1, sizeof *s);
    if (!s || !(s->stems = tdm_strtab_new()) || tdm_u32vec_push(&s->src_off, 0) ||
        tdm_u32vec_push(&s->tgt_off, 0))
        goto oom;
    for (size_t k = 0; k < count; k++) {
        /* A side without words teaches nothing (and has no cells). */
        if (se->word_off[src[k]] == se->word_off[src[k] + 1] ||
            te->word_off[tgt[k]] == te->word_off[tgt[k] + 1])
            continue;
        if (add_sentence(&s->src_word, s->stems, tab, se, src[k]) ||
            add_sentence(&s->tgt_word, s->stems, tab, te, tgt[k]) ||
            tdm_u32vec_push(&s->src_off, (uint32_t)s->src_word.n) ||
            tdm_u32vec_push(&s->tgt_off, (uint32_t)s->tgt_word.n))
            goto oom;
        s->count++;
    }
    if (s->count == 0) {
        tdm_align_sample_free(s);
        return 0;
    }
    *out = s;
    return 0;
oom:
    tdm_align_sample_free(s);
    return TDM_ENOMEM;
}

tdm_corpus_table *tdm_corpus_table_new(size_t max_cells)
{
    tdm_corpus_table *t = calloc(1, sizeof *t);
    if (!t || !(t->stems = tdm_strtab_new()) || tdm_u32vec_push(&t->src_off, 0) ||
        tdm_u32vec_push(&t->tgt_off, 0)) {
        tdm_corpus_table_free(t);
        return NULL;
    }
    t->max_cells = max_cells;
    t->stride = 1;
    return t;
}

void tdm_corpus_table_free(tdm_corpus_table *t)
{
    if (!t)
        return;
    tdm_strtab_free(t->stems);
    free(t->seq.v);
    free(t->src_off.v);
    free(t->tgt_off.v);
    free(t->src_word.v);
    free(t->tgt_word.v);
    free(t);
}

void tdm_corpus_table_counts(const tdm_corpus_table *t, size_t *seen, size_t *kept)
{
    *seen = t->seen;
    *kept = t->seq.n;
}

/* Moves the words [from, to) of old (ids of tab) to the end of kept
 * words[0, *n), re-interned into stems. 0 or -1 (OOM). */
static int move_words(uint32_t *words, size_t *n, uint32_t from, uint32_t to, const tdm_strtab *tab,
                      tdm_strtab *stems)
{
    for (uint32_t w = from; w < to; w++) {
        size_t len;
        const char *key = tdm_strtab_get(tab, words[w], &len);
        uint32_t id = tdm_strtab_intern(stems, key, len);
        if (id == TDM_STRTAB_NONE)
            return -1;
        words[(*n)++] = id;
    }
    return 0;
}

/* Doubles the stride: drops the pairs it no longer keeps and rebuilds the
 * string table from the stems left. 0 or TDM_ENOMEM. */
static int thin_out(tdm_corpus_table *t)
{
    tdm_strtab *stems = tdm_strtab_new();
    if (!stems)
        return TDM_ENOMEM;
    t->stride *= 2;
    size_t kept = 0, sn = 0, tn = 0;
    t->cells = 0;
    for (size_t k = 0; k < t->seq.n; k++) {
        if (t->seq.v[k] % t->stride != 0)
            continue;
        uint32_t s0 = t->src_off.v[k], s1 = t->src_off.v[k + 1];
        uint32_t t0 = t->tgt_off.v[k], t1 = t->tgt_off.v[k + 1];
        /* Offsets are rewritten behind the reading position only. */
        if (move_words(t->src_word.v, &sn, s0, s1, t->stems, stems) ||
            move_words(t->tgt_word.v, &tn, t0, t1, t->stems, stems)) {
            tdm_strtab_free(stems);
            return TDM_ENOMEM;
        }
        t->seq.v[kept] = t->seq.v[k];
        t->src_off.v[kept + 1] = (uint32_t)sn;
        t->tgt_off.v[kept + 1] = (uint32_t)tn;
        t->cells += (size_t)(s1 - s0 + 1) * (t1 - t0);
        kept++;
    }
    t->seq.n = kept;
    t->src_off.n = t->tgt_off.n = kept + 1;
    t->src_word.n = sn;
    t->tgt_word.n = tn;
    tdm_strtab_free(t->stems);
    t->stems = stems;
    return 0;
}

/* Appends words[from, to) of a sample (ids of its table) to the store. */
static int add_words(tdm_u32vec *out, const uint32_t *words, uint32_t from, uint32_t to,
                     const uint32_t *map)
{
    for (uint32_t w = from; w < to; w++)
        if (tdm_u32vec_push(out, map[words[w]]))
            return -1;
    return 0;
}

/* map[id]: the store's id of the sample's stem id. 0 or -1 (OOM). */
static int map_stems(tdm_corpus_table *t, const tdm_align_sample *s, uint32_t *map)
{
    size_t n = tdm_strtab_count(s->stems);
    for (size_t id = 0; id < n; id++) {
        size_t len;
        const char *key = tdm_strtab_get(s->stems, (uint32_t)id, &len);
        if ((map[id] = tdm_strtab_intern(t->stems, key, len)) == TDM_STRTAB_NONE)
            return -1;
    }
    return 0;
}

int tdm_corpus_table_add(tdm_corpus_table *t, tdm_align_sample *s)
{
    if (!s)
        return 0;
    size_t n = tdm_strtab_count(s->stems);
    uint32_t *map = malloc((n + 1) * sizeof *map);
    int rc = TDM_ENOMEM;
    if (!map)
        goto done;
    if (map_stems(t, s, map))
        goto done;
    for (size_t k = 0; k < s->count; k++) {
        size_t g = t->seen++;
        if (g % t->stride != 0)
            continue;
        uint32_t s0 = s->src_off.v[k], s1 = s->src_off.v[k + 1];
        uint32_t t0 = s->tgt_off.v[k], t1 = s->tgt_off.v[k + 1];
        if (g > UINT32_MAX || add_words(&t->src_word, s->src_word.v, s0, s1, map) ||
            add_words(&t->tgt_word, s->tgt_word.v, t0, t1, map) ||
            tdm_u32vec_push(&t->src_off, (uint32_t)t->src_word.n) ||
            tdm_u32vec_push(&t->tgt_off, (uint32_t)t->tgt_word.n) ||
            tdm_u32vec_push(&t->seq, (uint32_t)g))
            goto done;
        t->cells += (size_t)(s1 - s0 + 1) * (t1 - t0);
        if (t->cells > t->max_cells) {
            while (t->cells > t->max_cells && t->seq.n > 0)
                if (thin_out(t))
                    goto done;
            /* The store's string table was rebuilt: new ids. */
            if (map_stems(t, s, map))
                goto done;
        }
    }
    rc = 0;
done:
    free(map);
    tdm_align_sample_free(s);
    return rc;
}

/* A side of the store as the evidence ibm1.c reads, into ev: each word its
 * own stem (stem_of[id] = id + 1), the words coded as lexical.c codes them
 * (new arrays ev->word and ev->word_off, which side_free frees). 0 or -1
 * (out of memory). */
static int side(tdm_evidence *ev, size_t count, const tdm_u32vec *off, const tdm_u32vec *word,
                uint32_t *identity, size_t vocab)
{
    memset(ev, 0, sizeof *ev);
    ev->count = count;
    ev->stem_of = identity;
    ev->vocab = vocab;
    ev->words = word->n;
    ev->word_off = malloc((count + 1) * sizeof *ev->word_off);
    ev->word = malloc(5 * word->n + 1);
    if (!ev->word_off || !ev->word || 5 * word->n > UINT32_MAX)
        return -1;
    size_t bytes = 0;
    for (size_t k = 0; k < count; k++) {
        ev->word_off[k] = (uint32_t)bytes;
        for (uint32_t w = off->v[k]; w < off->v[k + 1]; w++)
            bytes += tdm_evidence_put(ev->word + bytes, word->v[w]);
    }
    ev->word_off[count] = (uint32_t)bytes;
    return 0;
}

static void side_free(tdm_evidence *ev)
{
    free(ev->word_off);
    free(ev->word);
}

tdm_lexicon *tdm_corpus_table_learn(tdm_corpus_table *t, int iterations, double threshold)
{
    size_t n = t->seq.n, vocab = tdm_strtab_count(t->stems);
    uint32_t *identity = malloc((vocab + 1) * sizeof *identity);
    uint32_t *index = malloc((n + 1) * sizeof *index);
    uint32_t *fs = NULL, *ft = NULL, *rs = NULL, *rt = NULL, *us = NULL, *ut = NULL;
    size_t fpairs = 0, rpairs = 0;
    tdm_lexicon *lex = NULL;
    tdm_evidence src = {0}, tgt = {0};
    if (!identity || !index)
        goto done;
    for (size_t v = 0; v < vocab; v++)
        identity[v] = (uint32_t)v + 1;
    for (size_t k = 0; k < n; k++)
        index[k] = (uint32_t)k;
    if (side(&src, n, &t->src_off, &t->src_word, identity, vocab) ||
        side(&tgt, n, &t->tgt_off, &t->tgt_word, identity, vocab))
        goto done;
    /* The store is already bounded: EM takes every pair (no sampling). */
    if (n > 0 && (tdm_ibm1_learn_cells(&src, &tgt, index, index, n, vocab, iterations, threshold,
                                       SIZE_MAX, &fs, &ft, &fpairs) ||
                  tdm_ibm1_learn_cells(&tgt, &src, index, index, n, vocab, iterations, threshold,
                                       SIZE_MAX, &rt, &rs, &rpairs)))
        goto done;
    us = malloc((fpairs + rpairs + 1) * sizeof *us);
    ut = malloc((fpairs + rpairs + 1) * sizeof *ut);
    if (!us || !ut)
        goto done;
    if (fpairs) {
        memcpy(us, fs, fpairs * sizeof *us);
        memcpy(ut, ft, fpairs * sizeof *ut);
    }
    if (rpairs) {
        memcpy(us + fpairs, rs, rpairs * sizeof *us);
        memcpy(ut + fpairs, rt, rpairs * sizeof *ut);
    }
    /* The lexicon takes the string table; the store is left empty. */
    tdm_strtab *stems = t->stems;
    if (!(t->stems = tdm_strtab_new())) {
        t->stems = stems;
        goto done;
    }
    lex = tdm_lexicon_from_pairs(stems, us, ut, fpairs + rpairs);
    t->seq.n = t->src_word.n = t->tgt_word.n = 0;
    t->src_off.n = t->tgt_off.n = 1;
    t->cells = 0;
done:
    side_free(&src);
    side_free(&tgt);
    free(identity);
    free(index);
    free(fs);
    free(ft);
    free(rs);
    free(rt);
    free(us);
    free(ut);
    return lex;
}
