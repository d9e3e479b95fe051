/*
 * summary_vectors.c: the TF-IDF vectors of a document's sentences, for
 * the summarizer (method: steps 1 and 4 of summarizer.c): terms read once
 * per document through the summarizer's per-term records (the summarizer
 * object is made here, as it holds them), vectors sorted by term, IDF
 * weights, norms, the centroid, and cosines.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/grow.h"
#include "base/prefetch.h"
#include "summarize/summary.h"
#include "summarize/summary_vectors.h"
#include "summarize/terms.h"
#include "tandem/summarize.h"
#include "summarize/idf.h"

tdm_summarizer *tdm_summarizer_new(const tdm_summary_model *model, tdm_error *err)
{
    tdm_summarizer *s = calloc(1, sizeof *s);
    if (s)
        s->terms = tdm_terms_new(tdm_summary_model_lang(model), tdm_summary_model_stopwords(model));
    if (!s || !s->terms) {
        free(s);
        tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
        return NULL;
    }
    s->model = model;
    return s;
}

void tdm_summarizer_free(tdm_summarizer *s)
{
    if (!s)
        return;
    tdm_terms_free(s->terms);
    free(s->known);
    free(s);
}

void tdm_work_free(tdm_work *w)
{
    free(w->term_id);
    free(w->occ);
    free(w->first_start);
    free(w->first_end);
    free(w->words);
    free(w->numbers);
    free(w->names);
    free(w->idf);
    free(w->centroid);
    free(w->spread);
    free(w->vec_term);
    free(w->vec_weight);
    free(w->vec_first);
    free(w->vec_count);
    free(w->norm);
}

/* Offset of the text being read, so that term callbacks record absolute
 * positions for keywords. */
typedef struct reader {
    tdm_summarizer *s;
    tdm_work *w;
    size_t base;
} reader;

/* Makes room in s's per-term arrays for term ids below need. */
static int grow_term_maps(tdm_summarizer *s, size_t need)
{
    size_t cap = s->cap ? s->cap : 1024;
    while (cap < need)
        cap *= 2;
    struct known_term *known = realloc(s->known, cap * sizeof *known);
    if (!known)
        return TDM_ENOMEM;
    s->known = known;
    for (size_t i = s->cap; i < cap; i++)
        known[i] = (struct known_term){0, 0, NAN};
    s->cap = cap;
    return 0;
}

/* Starts a document: a new number for seen_in, and forgets the per-term
 * arrays when the terms were renumbered. */
static void begin_document(tdm_summarizer *s)
{
    int renumbered = tdm_terms_trim(s->terms);
    if (++s->doc == 0 || renumbered) {
        for (size_t i = 0; i < s->cap; i++)
            s->known[i] = (struct known_term){0, 0, NAN};
        s->doc = 1;
    }
}

static int add_occurrence(void *ctx, uint32_t term_id, size_t start, size_t end, int word)
{
    (void)word;
    reader *r = ctx;
    tdm_summarizer *s = r->s;
    tdm_work *w = r->w;
    if (term_id >= s->cap && grow_term_maps(s, (size_t)term_id + 1) != 0)
        return TDM_ENOMEM;
    uint32_t id;
    struct known_term *k = &s->known[term_id];
    if (k->seen_in == s->doc) {
        id = k->local;
    } else {
        id = (uint32_t)w->term_count;
        if (id >= w->term_cap) {
            size_t cap = w->term_cap, cap2 = w->term_cap, cap3 = w->term_cap;
            if (tdm_grow((void **)&w->first_start, &cap, (size_t)id + 1, sizeof(size_t), 64, 0) !=
                    0 ||
                tdm_grow((void **)&w->first_end, &cap2, (size_t)id + 1, sizeof(size_t), 64, 0) !=
                    0 ||
                tdm_grow((void **)&w->term_id, &cap3, (size_t)id + 1, sizeof(uint32_t), 64, 0) != 0)
                return TDM_ENOMEM;
            w->term_cap = cap;
        }
        w->term_id[id] = term_id;
        w->first_start[id] = r->base + start;
        w->first_end[id] = r->base + end;
        w->term_count++;
        k->seen_in = s->doc;
        k->local = id;
    }
    if (tdm_grow((void **)&w->occ, &w->occ_cap, w->occ_len + 1, sizeof *w->occ, 64, 0) != 0)
        return TDM_ENOMEM;
    w->occ[w->occ_len++] = id;
    return 0;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Sorts the term ids of one sentence: a few dozen at most, where an
 * insertion sort beats qsort's calls through a pointer. */
void tdm_sort_ids(uint32_t *v, size_t n)
{
    if (n > 64) {
        qsort(v, n, sizeof *v, cmp_u32);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        uint32_t x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

/* Cosine of the sparse vectors of sentences i and j. */
double tdm_work_cosine(const tdm_work *w, size_t i, size_t j)
{
    if (w->norm[i] == 0 || w->norm[j] == 0)
        return 0;
    size_t a = w->vec_first[i], ae = a + w->vec_count[i];
    size_t b = w->vec_first[j], be = b + w->vec_count[j];
    double dot = 0;
    while (a < ae && b < be) {
        if (w->vec_term[a] < w->vec_term[b])
            a++;
        else if (w->vec_term[a] > w->vec_term[b])
            b++;
        else
            dot += w->vec_weight[a++] * w->vec_weight[b++];
    }
    return dot / (w->norm[i] * w->norm[j]);
}

/* One sentence against many (duplicates, MMR) is most of the cosines: j's
 * weights are spread over w->spread, indexed by term, and each other
 * sentence gathers from it, without the merge's unpredictable branches.
 * Same sums as cosine(): same products, added in the same term order
 * (the terms j lacks add zeros). */
void tdm_work_spread(tdm_work *w, size_t j, int on)
{
    for (size_t k = w->vec_first[j]; k < w->vec_first[j] + w->vec_count[j]; k++)
        w->spread[w->vec_term[k]] = on ? w->vec_weight[k] : 0;
}

/* tdm_work_cosine(w, i, j) with j spread. */
double tdm_work_cosine_spread(const tdm_work *w, size_t i, size_t j)
{
    if (w->norm[i] == 0 || w->norm[j] == 0)
        return 0;
    double dot = 0;
    for (size_t k = w->vec_first[i]; k < w->vec_first[i] + w->vec_count[i]; k++)
        dot += w->vec_weight[k] * w->spread[w->vec_term[k]];
    return dot / (w->norm[i] * w->norm[j]);
}

/* Nonzero for a byte run that starts with a capital letter: ASCII, or
 * Latin-1's capitals (U+00C0-U+00DE but U+00D7). */
static int capitalized(const char *s)
{
    unsigned char c = (unsigned char)s[0], d = (unsigned char)s[1];
    return (c >= 'A' && c <= 'Z') || (c == 0xc3 && d >= 0x80 && d <= 0x9e && d != 0x97);
}

/* Adds the numbers and the capitalized words past the first (names) of
 * one sentence's terms (occ, spans relative to sentence) to the counts:
 * features of the fitted scorer (scorer.c). */
static void count_numbers_names(const char *sentence, const tdm_term_occ *occ, size_t count,
                                size_t *numbers, size_t *names)
{
    for (size_t k = 0; k < count; k++) {
        if (!occ[k].word)
            (*numbers)++;
        else if (occ[k].start > 0 && capitalized(sentence + occ[k].start))
            (*names)++;
    }
}

/* Reads the terms of every sentence (and of the outside title, as sentence
 * n) into w: occurrences, then per-sentence runs sorted by term. */
int tdm_work_read(tdm_summarizer *s, const tdm_doc *doc, const char *title, tdm_work *w, size_t n)
{
    begin_document(s);
    const char *text = tdm_doc_text(doc, NULL);
    const tdm_sentence *sent = tdm_doc_sentences(doc);
    size_t *occ_first = malloc((n + 2) * sizeof *occ_first);
    if (!occ_first)
        return TDM_ENOMEM;
    int rc = 0;
    for (size_t i = 0; i <= n && rc == 0; i++) {
        occ_first[i] = w->occ_len;
        w->words[i] = 0;
        if (i == n && !title)
            continue;
        reader r = {s, w, i < n ? sent[i].start : 0};
        const char *t = i < n ? text + sent[i].start : title;
        size_t len = i < n ? sent[i].end - sent[i].start : strlen(title);
        const tdm_term_occ *occ;
        size_t count;
        rc = tdm_terms_list(s->terms, t, len, &occ, &count, &w->words[i]);
        if (rc == 0 && w->numbers && w->names)
            count_numbers_names(t, occ, count, &w->numbers[i], &w->names[i]);
        for (size_t k = 0; k < count && rc == 0; k++) {
            /* A term's record misses the cache: load a few terms ahead. */
            if (k + 4 < count && occ[k + 4].id < s->cap)
                TDM_PREFETCH(&s->known[occ[k + 4].id]);
            rc = add_occurrence(&r, occ[k].id, occ[k].start, occ[k].end, (int)occ[k].word);
        }
    }
    occ_first[n + 1] = w->occ_len;
    if (rc == 0 && (!(w->vec_term = malloc((w->occ_len + 1) * sizeof *w->vec_term)) ||
                    !(w->vec_weight = malloc((w->occ_len + 1) * sizeof *w->vec_weight))))
        rc = TDM_ENOMEM;
    for (size_t i = 0; i <= n && rc == 0; i++) {
        uint32_t *run = w->occ + occ_first[i];
        size_t len = occ_first[i + 1] - occ_first[i];
        tdm_sort_ids(run, len);
        w->vec_first[i] = w->vec_len;
        for (size_t k = 0; k < len; k++) {
            if (k > 0 && run[k] == run[k - 1]) {
                w->vec_weight[w->vec_len - 1] += 1;
                continue;
            }
            w->vec_term[w->vec_len] = run[k];
            w->vec_weight[w->vec_len++] = 1;
        }
        w->vec_count[i] = w->vec_len - w->vec_first[i];
    }
    free(occ_first);
    return rc;
}

/* IDF per term, then vectors weighted by it, norms and the centroid over
 * the sentences other than the title. */
int tdm_work_weigh(tdm_summarizer *s, tdm_work *w, size_t n, long title, tdm_error *err)
{
    size_t terms = w->term_count;
    const tdm_idf *idf = tdm_summary_model_idf(s->model);
    w->idf = calloc(terms + 1, sizeof *w->idf);
    w->centroid = calloc(terms + 1, sizeof *w->centroid);
    w->spread = calloc(terms + 1, sizeof *w->spread);
    if (!w->idf || !w->centroid || !w->spread)
        return TDM_ENOMEM;
    if (idf) {
        /* The terms first met in this document miss the cache in the model
         * (a table slot, then the term's line): hint them all, slots then
         * lines, so that the misses overlap, then look them up. */
        for (int stage = 0; stage < 3; stage++)
            for (uint32_t t = 0; t < terms; t++) {
                double *known = &s->known[w->term_id[t]].idf;
                if (!isnan(*known))
                    continue;
                size_t len;
                const char *term = tdm_terms_term(s->terms, w->term_id[t], &len);
                if (stage < 2)
                    tdm_idf_prefetch(idf, term, len, stage);
                else if (tdm_idf_find(idf, term, len, known, err) != 0)
                    return TDM_EINPUT;
            }
        for (uint32_t t = 0; t < terms; t++)
            w->idf[t] = s->known[w->term_id[t]].idf;
    } else {
        /* Inverse sentence frequency: idf[] counts sentences first. */
        size_t body = 0;
        for (size_t i = 0; i < n; i++) {
            if ((long)i == title || w->vec_count[i] == 0)
                continue;
            body++;
            for (size_t k = w->vec_first[i]; k < w->vec_first[i] + w->vec_count[i]; k++)
                w->idf[w->vec_term[k]] += 1;
        }
        for (uint32_t t = 0; t < terms; t++)
            w->idf[t] = w->idf[t] > 0 ? log(1 + (double)body / w->idf[t]) : log(1 + (double)body);
    }
    for (size_t i = 0; i <= n; i++) {
        double sq = 0;
        for (size_t k = w->vec_first[i]; k < w->vec_first[i] + w->vec_count[i]; k++) {
            uint32_t t = w->vec_term[k];
            if (i < n && (long)i != title)
                w->centroid[t] += w->vec_weight[k] * w->idf[t];
            w->vec_weight[k] *= w->idf[t];
            sq += w->vec_weight[k] * w->vec_weight[k];
        }
        w->norm[i] = sqrt(sq);
    }
    return 0;
}
