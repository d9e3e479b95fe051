/*
 * summarizer.c: extractive summaries by TF-IDF centroid scoring and
 * maximal marginal relevance.
 *
 * 1. Terms. Each sentence becomes a bag of terms (toolkit/terms.c: case-
 *    folded, stemmed, stopwords out, numbers and names kept). idf(t) comes
 *    from the language's background model (models/<lang>/idf); without one,
 *    from the document itself as inverse sentence frequency,
 *    idf(t) = ln(1 + S / sf(t)) over its S sentences.
 * 2. Candidates. The title (see 3), sentences of fewer than 4 words or no
 *    term, and sentences without final punctuation (. ! ? ... possibly
 *    followed by a closing quote or bracket: headings, bylines, footers) are
 *    not candidates; nor is a sentence whose cosine with the title or with
 *    one of the 100 candidates before it is above 0.8 (repeated title,
 *    footer, quote; repeats further apart are kept out of one summary by
 *    the selection below). If that leaves none, every sentence with a term
 *    is a candidate.
 * 3. Title. With TDM_TITLE_AUTO the first paragraph is a title when it is
 *    one sentence of at most 30 words without final punctuation and more
 *    paragraphs follow; a title can also be given apart (opts.title).
 * 4. Score. With v_i the sentence's vector (count x idf per term) and c the
 *    document centroid (count in the document x idf: Radev et al. 2004,
 *    "Centroid-based summarization of multiple documents"),
 *      rel_i   = (v_i . c) / (|v_i|^a |c|)   a = length_power: 1 is the
 *                cosine, smaller values favour longer sentences, larger
 *                ones shorter (the default 2 is the cosine divided by
 *                |v_i|: short, dense sentences; references of news are
 *                about 30 words, and 2 was best on the tuning articles);
 *      score_i = rel_i / max_j rel_j
 *                + title_weight x cos(v_i, v_title)
 *                + position_weight x 2^(-k_i / position_decay)
 *    where k_i is the sentence's rank among the candidates (the lead bias
 *    of news: Edmundson 1969, "New methods in automatic extracting").
 * 5. Selection by MMR (Carbonell & Goldstein 1998): repeatedly take the
 *    candidate maximizing
 *      lambda x score_i / max score - (1 - lambda) x max_{j chosen} cos(v_i, v_j)
 *    never one whose cosine with a chosen sentence is above 0.8, until the
 *    length is reached: a number of sentences, or a word budget (sentences
 *    that would overflow it are passed over; at least one is taken). The
 *    chosen sentences are returned in document order.
 * The defaults (tdm_summary_opts_init: title weight 0.5, position weight 1,
 * decay 4, length power 2, lambda 0.7) were tuned by grid search on
 * OrangeSum valid articles 501-1500 (ROUGE at 1, 2 and 3 sentences) and
 * are measured on articles 1-500 (tests/bench/bench_summarize.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal/error.h"
#include "internal/grow.h"
#include "internal/prefetch.h"
#include "internal/strtab.h"
#include "internal/summary.h"
#include "internal/terms.h"
#include "tandem/summarize.h"

#define MIN_WORDS 4
#define MAX_TITLE_WORDS 30
#define DUPLICATE_COSINE 0.8

struct tdm_summarizer {
    const tdm_summary_model *model;
    tdm_terms *terms;
    /* By id of a term of terms, kept from one document to the next (until
     * tdm_terms_trim renumbers the terms). A document so hashes each word
     * once, in terms; the three fields share a cache line. */
    struct known_term {
        uint32_t seen_in; /* number of the last document that had it */
        uint32_t local;   /* its id in that document */
        double idf;       /* the model's, NAN until looked up */
    } * known;
    size_t cap;
    uint32_t doc; /* number of the document being read, from 1 */
};

/* Working state of one call. Sparse sentence vectors are runs of (term,
 * weight) pairs sorted by term, in one flat array. */
typedef struct work {
    uint32_t *term_id; /* the document's term -> its id in terms */
    size_t term_count;
    uint32_t *occ; /* the document's term ids in text order */
    size_t occ_len, occ_cap;
    size_t *first_start, *first_end; /* first occurrence of each term */
    size_t term_cap;
    size_t sentence; /* sentence being read */
    size_t *words;
    double *idf, *centroid;
    double *spread; /* by term: one sentence's weights, else 0 */
    uint32_t *vec_term;
    double *vec_weight;
    size_t *vec_first, *vec_count; /* per sentence, + 1 for the outside title */
    double *norm;
    size_t vec_len;
} work;

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

void tdm_summary_opts_init(tdm_summary_opts *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->title_mode = TDM_TITLE_AUTO;
    opts->title_weight = 0.5;
    opts->position_weight = 1.0;
    opts->position_decay = 4.0;
    opts->length_power = 2.0;
    opts->mmr_lambda = 0.7;
}

static void work_free(work *w)
{
    free(w->term_id);
    free(w->occ);
    free(w->first_start);
    free(w->first_end);
    free(w->words);
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
    work *w;
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
    work *w = r->w;
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
static void sort_ids(uint32_t *v, size_t n)
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
static double cosine(const work *w, size_t i, size_t j)
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
static void spread(work *w, size_t j, int on)
{
    for (size_t k = w->vec_first[j]; k < w->vec_first[j] + w->vec_count[j]; k++)
        w->spread[w->vec_term[k]] = on ? w->vec_weight[k] : 0;
}

/* cosine(w, i, j) with j spread. */
static double cosine_spread(const work *w, size_t i, size_t j)
{
    if (w->norm[i] == 0 || w->norm[j] == 0)
        return 0;
    double dot = 0;
    for (size_t k = w->vec_first[i]; k < w->vec_first[i] + w->vec_count[i]; k++)
        dot += w->vec_weight[k] * w->spread[w->vec_term[k]];
    return dot / (w->norm[i] * w->norm[j]);
}

/* Reads the terms of every sentence (and of the outside title, as sentence
 * n) into w: occurrences, then per-sentence runs sorted by term. */
static int read_terms(tdm_summarizer *s, const tdm_doc *doc, const char *title, work *w, size_t n)
{
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
        sort_ids(run, len);
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

/* Nonzero when text[start, end) ends like a sentence: . ! ? or an ellipsis,
 * possibly followed by closing quotes and brackets. */
static int finished(const char *text, size_t start, size_t end)
{
    while (end > start) {
        unsigned char c = (unsigned char)text[end - 1];
        if (c == ' ' || c == '\t' || c == '\n' || c == '"' || c == '\'' || c == ')' || c == ']') {
            end--;
            continue;
        }
        /* UTF-8 closing marks: » (c2 bb), ” (e2 80 9d), ’ (e2 80 99). */
        if (end - start >= 2 && (unsigned char)text[end - 2] == 0xc2 && c == 0xbb) {
            end -= 2;
            continue;
        }
        if (end - start >= 3 && (unsigned char)text[end - 3] == 0xe2 &&
            (unsigned char)text[end - 2] == 0x80 && (c == 0x9d || c == 0x99)) {
            end -= 3;
            continue;
        }
        break;
    }
    if (end == start)
        return 0;
    char c = text[end - 1];
    if (c == '.' || c == '!' || c == '?')
        return 1;
    /* … (e2 80 a6) */
    return end - start >= 3 && memcmp(text + end - 3, "\xe2\x80\xa6", 3) == 0;
}

/* Index of the title sentence, or -1. */
static long find_title(const tdm_doc *doc, const tdm_summary_opts *opts, const work *w)
{
    size_t paras = tdm_doc_para_count(doc);
    if (opts->title_mode == TDM_TITLE_NONE || paras == 0 || tdm_doc_sentence_count(doc) < 2)
        return -1;
    const tdm_para *p = &tdm_doc_paras(doc)[0];
    if (opts->title_mode == TDM_TITLE_FIRST)
        return p->sentence_count ? (long)p->first_sentence : -1;
    if (paras < 2 || p->sentence_count != 1 || w->words[p->first_sentence] > MAX_TITLE_WORDS)
        return -1;
    const tdm_sentence *s = &tdm_doc_sentences(doc)[p->first_sentence];
    return finished(tdm_doc_text(doc, NULL), s->start, s->end) ? -1 : (long)p->first_sentence;
}

/* IDF per term, then vectors weighted by it, norms and the centroid over
 * the sentences other than the title. */
static int weigh(tdm_summarizer *s, work *w, size_t n, long title)
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
                else
                    *known = tdm_idf_get(idf, term, len);
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

/* Flags every sentence; returns the number of candidates. */
static size_t mark_candidates(const tdm_doc *doc, work *w, size_t n, long title, size_t title_vec,
                              tdm_summary_sentence *ss)
{
    const char *text = tdm_doc_text(doc, NULL);
    const tdm_sentence *sent = tdm_doc_sentences(doc);
    size_t candidates = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned flags = 0;
        if ((long)i == title)
            flags |= TDM_SUMMARY_TITLE;
        if (w->words[i] < MIN_WORDS || w->vec_count[i] == 0)
            flags |= TDM_SUMMARY_SHORT;
        if (!finished(text, sent[i].start, sent[i].end))
            flags |= TDM_SUMMARY_UNFINISHED;
        if (!flags && title_vec != SIZE_MAX && cosine(w, i, title_vec) > DUPLICATE_COSINE)
            flags |= TDM_SUMMARY_DUPLICATE;
        /* Earlier candidates, within a window that bounds the cost on books. */
        if (!flags)
            spread(w, i, 1);
        for (size_t j = i, seen = 0; !flags && j-- > 0 && seen < 100;) {
            if (!ss[j].candidate)
                continue;
            seen++;
            if (cosine_spread(w, j, i) > DUPLICATE_COSINE)
                flags |= TDM_SUMMARY_DUPLICATE;
        }
        spread(w, i, 0);
        ss[i].flags = flags;
        ss[i].words = w->words[i];
        ss[i].candidate = flags == 0;
        candidates += flags == 0;
    }
    /* Nothing looks like a sentence: take what has terms, the title last. */
    for (int pass = 0; pass < 2 && candidates == 0; pass++)
        for (size_t i = 0; i < n; i++)
            if (w->vec_count[i] > 0 && (pass == 1 || (long)i != title)) {
                ss[i].candidate = 1;
                candidates++;
            }
    return candidates;
}

static void score(const tdm_summary_opts *opts, const work *w, size_t n, size_t title_vec,
                  tdm_summary_sentence *ss)
{
    double cnorm = 0, best = 0;
    size_t terms = w->term_count;
    for (size_t t = 0; t < terms; t++)
        cnorm += w->centroid[t] * w->centroid[t];
    cnorm = sqrt(cnorm);
    for (size_t i = 0; i < n; i++) {
        ss[i].score = 0;
        if (!ss[i].candidate || w->norm[i] == 0 || cnorm == 0)
            continue;
        double dot = 0;
        for (size_t k = w->vec_first[i]; k < w->vec_first[i] + w->vec_count[i]; k++)
            dot += w->vec_weight[k] * w->centroid[w->vec_term[k]];
        ss[i].score = dot / (pow(w->norm[i], opts->length_power) * cnorm);
        if (ss[i].score > best)
            best = ss[i].score;
    }
    size_t rank = 0;
    for (size_t i = 0; i < n; i++) {
        if (!ss[i].candidate)
            continue;
        double s = best > 0 ? ss[i].score / best : 0;
        if (title_vec != SIZE_MAX)
            s += opts->title_weight * cosine(w, i, title_vec);
        s += opts->position_weight * exp2(-(double)rank / opts->position_decay);
        ss[i].score = s;
        rank++;
    }
}

/* MMR selection into chosen (document order); returns how many, or
 * SIZE_MAX when out of memory. */
static size_t select_sentences(const tdm_summary_opts *opts, work *w, size_t n, size_t candidates,
                               tdm_summary_sentence *ss, uint32_t *chosen)
{
    size_t want = opts->sentences, budget = 0, total_words = 0, used = 0, count = 0;
    for (size_t i = 0; i < n; i++)
        total_words += w->words[i];
    if (opts->words)
        budget = opts->words;
    else if (opts->ratio > 0)
        budget = (size_t)ceil(opts->ratio * (double)total_words);
    else if (!want) {
        want = (size_t)ceil(0.2 * (double)candidates);
        want = want < 1 ? 1 : want > 3 ? 3 : want;
    }
    if (budget)
        want = candidates;
    double top = 0;
    for (size_t i = 0; i < n; i++)
        if (ss[i].candidate && ss[i].score > top)
            top = ss[i].score;
    /* overlap[i]: largest cosine of i with a chosen sentence, kept up to
     * date after each pick, so a selection costs O(n) cosines per pick. */
    double *overlap = calloc(n + 1, sizeof *overlap);
    if (!overlap)
        return SIZE_MAX;
    while (count < want) {
        double best = -INFINITY;
        size_t pick = SIZE_MAX;
        for (size_t i = 0; i < n; i++) {
            if (!ss[i].candidate || ss[i].chosen || overlap[i] > DUPLICATE_COSINE)
                continue;
            if (budget && count > 0 && used + w->words[i] > budget)
                continue;
            double rel = top > 0 ? ss[i].score / top : 0;
            double mmr = opts->mmr_lambda * rel - (1 - opts->mmr_lambda) * overlap[i];
            if (mmr > best) {
                best = mmr;
                pick = i;
            }
        }
        if (pick == SIZE_MAX)
            break;
        /* With a budget, the first pick may overflow it only when nothing
         * fits: prefer the best sentence that fits. */
        if (budget && count == 0 && w->words[pick] > budget) {
            size_t fit = SIZE_MAX;
            for (size_t i = 0; i < n; i++)
                if (ss[i].candidate && w->words[i] <= budget &&
                    (fit == SIZE_MAX || ss[i].score > ss[fit].score))
                    fit = i;
            if (fit != SIZE_MAX)
                pick = fit;
        }
        ss[pick].chosen = 1;
        chosen[count++] = (uint32_t)pick;
        used += w->words[pick];
        spread(w, pick, 1);
        for (size_t i = 0; i < n && count < want; i++)
            if (ss[i].candidate && !ss[i].chosen) {
                double c = cosine_spread(w, i, pick);
                overlap[i] = c > overlap[i] ? c : overlap[i];
            }
        spread(w, pick, 0);
    }
    free(overlap);
    qsort(chosen, count, sizeof *chosen, cmp_u32);
    return count;
}

typedef struct weighted {
    uint32_t term;
    double weight;
} weighted;

static int by_weight(const void *a, const void *b)
{
    const weighted *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    return x->term < y->term ? -1 : x->term > y->term;
}

/* The opts->keywords terms of largest centroid weight, with the text of
 * their first occurrence. */
static int keywords(const tdm_summarizer *s, const tdm_doc *doc, const tdm_summary_opts *opts,
                    const work *w, tdm_summary *out)
{
    size_t terms = w->term_count, n = 0, bytes = 0;
    if (!opts->keywords || !terms)
        return 0;
    weighted *rows = malloc(terms * sizeof *rows);
    if (!rows)
        return TDM_ENOMEM;
    for (uint32_t t = 0; t < terms; t++)
        if (w->centroid[t] > 0)
            rows[n++] = (weighted){t, w->centroid[t]};
    qsort(rows, n, sizeof *rows, by_weight);
    if (n > opts->keywords)
        n = opts->keywords;
    for (size_t k = 0; k < n; k++) {
        size_t len;
        tdm_terms_term(s->terms, w->term_id[rows[k].term], &len);
        bytes += len + 1 + w->first_end[rows[k].term] - w->first_start[rows[k].term] + 1;
    }
    out->keywords = malloc((n ? n : 1) * sizeof *out->keywords);
    out->keyword_text = malloc(bytes ? bytes : 1);
    if (!out->keywords || !out->keyword_text) {
        free(rows);
        return TDM_ENOMEM;
    }
    const char *text = tdm_doc_text(doc, NULL);
    char *p = out->keyword_text;
    for (size_t k = 0; k < n; k++) {
        uint32_t t = rows[k].term;
        size_t len, slen = w->first_end[t] - w->first_start[t];
        const char *term = tdm_terms_term(s->terms, w->term_id[t], &len);
        tdm_keyword *kw = &out->keywords[k];
        kw->weight = rows[k].weight;
        memcpy(p, term, len + 1);
        kw->term = p;
        p += len + 1;
        memcpy(p, text + w->first_start[t], slen);
        p[slen] = '\0';
        kw->text = p;
        p += slen + 1;
    }
    out->keyword_count = n;
    free(rows);
    return 0;
}

static int check_opts(const tdm_summary_opts *o, tdm_error *err)
{
    int lengths = (o->sentences > 0) + (o->words > 0) + (o->ratio != 0);
    if (lengths > 1)
        return tdm_fail(err, TDM_EUSAGE, NULL, -1, -1,
                        "give one length only: sentences, words or ratio");
    if (o->ratio < 0 || o->ratio > 1 || isnan(o->ratio))
        return tdm_fail(err, TDM_EUSAGE, NULL, -1, -1, "ratio must be in (0, 1]");
    if (!(o->mmr_lambda > 0 && o->mmr_lambda <= 1) || !(o->position_decay > 0) ||
        !(o->length_power >= 0 && o->length_power <= 3) || !(o->title_weight >= 0) ||
        !(o->position_weight >= 0))
        return tdm_fail(err, TDM_EUSAGE, NULL, -1, -1,
                        "scoring parameters out of range (lambda in (0, 1], decay > 0, "
                        "length power in [0, 3], weights >= 0)");
    return 0;
}

tdm_summary *tdm_summarize(tdm_summarizer *s, const tdm_doc *doc, const tdm_summary_opts *opts,
                           tdm_error *err)
{
    tdm_summary_opts defaults;
    if (!opts) {
        tdm_summary_opts_init(&defaults);
        opts = &defaults;
    }
    if (check_opts(opts, err) != 0)
        return NULL;
    size_t n = tdm_doc_sentence_count(doc);
    tdm_summary *out = calloc(1, sizeof *out);
    work w = {0};
    int rc = TDM_ENOMEM;
    if (!out)
        goto done;
    out->title = -1;
    out->sentences = calloc(n + 1, sizeof *out->sentences);
    out->chosen = malloc((n + 1) * sizeof *out->chosen);
    w.words = calloc(n + 1, sizeof *w.words);
    w.vec_first = calloc(n + 1, sizeof *w.vec_first);
    w.vec_count = calloc(n + 1, sizeof *w.vec_count);
    w.norm = calloc(n + 1, sizeof *w.norm);
    if (!out->sentences || !out->chosen || !w.words || !w.vec_first || !w.vec_count || !w.norm)
        goto done;
    rc = 0;
    if (n == 0)
        goto done;
    const char *title_text = opts->title && *opts->title ? opts->title : NULL;
    begin_document(s);
    if ((rc = read_terms(s, doc, title_text, &w, n)) != 0)
        goto done;
    out->title = title_text ? -1 : find_title(doc, opts, &w);
    size_t title_vec = title_text ? n : out->title >= 0 ? (size_t)out->title : SIZE_MAX;
    if ((rc = weigh(s, &w, n, out->title)) != 0)
        goto done;
    size_t candidates = mark_candidates(doc, &w, n, out->title, title_vec, out->sentences);
    score(opts, &w, n, title_vec, out->sentences);
    out->count = select_sentences(opts, &w, n, candidates, out->sentences, out->chosen);
    rc = out->count == SIZE_MAX ? TDM_ENOMEM : keywords(s, doc, opts, &w, out);
done:
    work_free(&w);
    if (rc != 0) {
        tdm_summary_free(out);
        tdm_fail(err, rc, tdm_doc_name(doc), -1, -1, "%s",
                 rc == TDM_ENOMEM ? "out of memory" : "cannot summarize");
        return NULL;
    }
    return out;
}
