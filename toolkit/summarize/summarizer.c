/*
 * summarizer.c: extractive summaries by TF-IDF centroid scoring and
 * maximal marginal relevance.
 *
 * 1. Terms. Each sentence becomes a bag of terms (toolkit/summarize/terms.c: case-
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

#include "base/error.h"
#include "summarize/summary.h"
#include "summarize/summary_vectors.h"
#include "summarize/terms.h"
#include "tandem/summarize.h"
#include "text/script.h"

#define MIN_WORDS 4
#define MAX_TITLE_WORDS 30
#define DUPLICATE_COSINE 0.8

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

/* Nonzero when text[start, end) ends like a sentence (a terminator of any
 * script, text/script.h), possibly followed by closing quotes and brackets. */
static int finished(const char *text, size_t start, size_t end)
{
    return tdm_ends_sentence(text + start, end - start);
}

/* Index of the title sentence, or -1. */
static long find_title(const tdm_doc *doc, const tdm_summary_opts *opts, const tdm_work *w)
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

/* Flags every sentence; returns the number of candidates. */
static size_t mark_candidates(const tdm_doc *doc, tdm_work *w, size_t n, long title,
                              size_t title_vec, tdm_summary_sentence *ss)
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
        if (!flags && title_vec != SIZE_MAX && tdm_work_cosine(w, i, title_vec) > DUPLICATE_COSINE)
            flags |= TDM_SUMMARY_DUPLICATE;
        /* Earlier candidates, within a window that bounds the cost on books. */
        if (!flags)
            tdm_work_spread(w, i, 1);
        for (size_t j = i, seen = 0; !flags && j-- > 0 && seen < 100;) {
            if (!ss[j].candidate)
                continue;
            seen++;
            if (tdm_work_cosine_spread(w, j, i) > DUPLICATE_COSINE)
                flags |= TDM_SUMMARY_DUPLICATE;
        }
        tdm_work_spread(w, i, 0);
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

static void score(const tdm_summary_opts *opts, const tdm_work *w, size_t n, size_t title_vec,
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
            s += opts->title_weight * tdm_work_cosine(w, i, title_vec);
        s += opts->position_weight * exp2(-(double)rank / opts->position_decay);
        ss[i].score = s;
        rank++;
    }
}

/* MMR selection into chosen (document order); returns how many, or
 * SIZE_MAX when out of memory. */
static size_t select_sentences(const tdm_summary_opts *opts, tdm_work *w, size_t n,
                               size_t candidates, tdm_summary_sentence *ss, uint32_t *chosen)
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
        tdm_work_spread(w, pick, 1);
        for (size_t i = 0; i < n && count < want; i++)
            if (ss[i].candidate && !ss[i].chosen) {
                double c = tdm_work_cosine_spread(w, i, pick);
                overlap[i] = c > overlap[i] ? c : overlap[i];
            }
        tdm_work_spread(w, pick, 0);
    }
    free(overlap);
    tdm_sort_ids(chosen, count);
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
                    const tdm_work *w, tdm_summary *out)
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
    tdm_work w = {0};
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
    if ((rc = tdm_work_read(s, doc, title_text, &w, n)) != 0)
        goto done;
    out->title = title_text ? -1 : find_title(doc, opts, &w);
    size_t title_vec = title_text ? n : out->title >= 0 ? (size_t)out->title : SIZE_MAX;
    if ((rc = tdm_work_weigh(s, &w, n, out->title)) != 0)
        goto done;
    size_t candidates = mark_candidates(doc, &w, n, out->title, title_vec, out->sentences);
    score(opts, &w, n, title_vec, out->sentences);
    out->count = select_sentences(opts, &w, n, candidates, out->sentences, out->chosen);
    rc = out->count == SIZE_MAX ? TDM_ENOMEM : keywords(s, doc, opts, &w, out);
done:
    tdm_work_free(&w);
    if (rc != 0) {
        tdm_summary_free(out);
        tdm_fail(err, rc, tdm_doc_name(doc), -1, -1, "%s",
                 rc == TDM_ENOMEM ? "out of memory" : "cannot summarize");
        return NULL;
    }
    return out;
}
