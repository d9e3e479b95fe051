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
 *    not candidates; nor is a sentence whose cosine with one of the 100
 *    candidates before it is above 0.8 (repeated footer, quote; repeats
 *    further apart are kept out of one summary by the selection below). A
 *    sentence like the title stays a candidate: the lede often restates
 *    the title, and so do the references. If that leaves none, every
 *    sentence with a term is a candidate.
 * 3. Title. With TDM_TITLE_AUTO the first paragraph is a title when more
 *    paragraphs follow and it has at most 30 words and is either one line
 *    followed by a blank line that does not end with a period (news files:
 *    "Fire!", "Who pays?", "A tale of...", and ledes end with periods,
 *    titles do not), or one sentence without final punctuation; a title
 *    can also be given apart (opts.title). All its sentences are out.
 * 4. Score: by default the fitted scorer of scorer.c (models/summary/
 *    weights); this hand-set one with opts.scorer TDM_SCORER_CENTROID or
 *    without weights. With v_i the sentence's vector (count x idf per term) and c the
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
 * 5b.With the fitted scorer and a select_words in the weights (scorer.h),
 *    a summary of k sentences is instead the set that maximizes the F1
 *    that the scores predict: each sentence's score estimates the share
 *    of its words the reference has (its ROUGE-L precision), so a set of
 *    W words is expected to share H = sum of score x words with a
 *    reference of R = select_words words, and F1 = 2H / (W + R). Length
 *    then counts as ROUGE-L does: two short sentences can beat one long
 *    one. What two sentences say alike the reference has once: each pair
 *    takes its cosine x the smaller of their two score x words off H.
 *    Sets of at most 3 sentences are searched exhaustively among the 20
 *    best candidates alone, longer ones greedily; two sentences whose
 *    cosine is above 0.8 are never together (summary_select.c). Word and
 *    ratio budgets keep MMR.
 * The defaults (tdm_summary_opts_init: title weight 0.5, position weight 1,
 * decay 4, length power 2, lambda 0.7) were tuned by grid search on
 * OrangeSum valid articles 501-1500 (ROUGE at 1, 2 and 3 sentences) and
 * are measured on articles 1-500 (tests/bench/bench_summarize.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "summarize/scorer.h"
#include "summarize/summary.h"
#include "summarize/summary_select.h"
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

/* Nonzero when the first paragraph is one line followed by a blank line,
 * as the title of a news file is, whatever its punctuation. */
static int title_line(const tdm_doc *doc)
{
    const char *text = tdm_doc_text(doc, NULL);
    const tdm_para *p = tdm_doc_paras(doc);
    if (memchr(text + p[0].start, '\n', p[0].end - p[0].start))
        return 0;
    int newlines = 0;
    for (size_t i = p[0].end; i < p[1].start; i++)
        newlines += text[i] == '\n';
    return newlines >= 2;
}

/* Index of the title sentence, or -1; *title_count gets the number of
 * sentences of the title (a title line may hold several: "Fire! Two
 * dead"). */
static long find_title(const tdm_doc *doc, const tdm_summary_opts *opts, const tdm_work *w,
                       size_t *title_count)
{
    size_t paras = tdm_doc_para_count(doc);
    *title_count = 1;
    if (opts->title_mode == TDM_TITLE_NONE || paras == 0 || tdm_doc_sentence_count(doc) < 2)
        return -1;
    const tdm_para *p = &tdm_doc_paras(doc)[0];
    if (opts->title_mode == TDM_TITLE_FIRST)
        return p->sentence_count ? (long)p->first_sentence : -1;
    if (paras < 2 || p->sentence_count == 0)
        return -1;
    size_t words = 0;
    for (size_t i = 0; i < p->sentence_count; i++)
        words += w->words[p->first_sentence + i];
    if (words > MAX_TITLE_WORDS)
        return -1;
    const tdm_sentence *s = &tdm_doc_sentences(doc)[p->first_sentence];
    const char *text = tdm_doc_text(doc, NULL);
    /* A line set apart by a blank line is a title unless it ends with a
     * period, as ledes do (BBC bodies start so) and titles do not (none of
     * 1,500 OrangeSum titles, 1 of 1,130 BBC ones). */
    if (title_line(doc)) {
        const tdm_sentence *last = s + p->sentence_count - 1;
        size_t end = last->end;
        while (end > last->start && strchr(" \t\n\"')]", text[end - 1]))
            end--;
        int period = end > last->start && text[end - 1] == '.' &&
                     !(end - last->start >= 3 && text[end - 2] == '.' && text[end - 3] == '.');
        if (!period) {
            *title_count = p->sentence_count;
            return (long)p->first_sentence;
        }
        return -1;
    }
    if (p->sentence_count != 1)
        return -1;
    return finished(text, s->start, s->end) ? -1 : (long)p->first_sentence;
}

/* Flags every sentence; returns the number of candidates. */
static size_t mark_candidates(const tdm_doc *doc, tdm_work *w, size_t n, long title,
                              size_t title_count, tdm_summary_sentence *ss)
{
    const char *text = tdm_doc_text(doc, NULL);
    const tdm_sentence *sent = tdm_doc_sentences(doc);
    size_t candidates = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned flags = 0;
        if (title >= 0 && i >= (size_t)title && i < (size_t)title + title_count)
            flags |= TDM_SUMMARY_TITLE;
        if (w->words[i] < MIN_WORDS || w->vec_count[i] == 0)
            flags |= TDM_SUMMARY_SHORT;
        if (!finished(text, sent[i].start, sent[i].end))
            flags |= TDM_SUMMARY_UNFINISHED;
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
            if (w->vec_count[i] > 0 && (pass == 1 || !(ss[i].flags & TDM_SUMMARY_TITLE))) {
                ss[i].candidate = 1;
                candidates++;
            }
    return candidates;
}

/* The hand-set score (step 4 above). */
static void score_centroid(const tdm_summary_opts *opts, const tdm_work *w, size_t n,
                           size_t title_vec, tdm_summary_sentence *ss)
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

/* Scores the candidates: the fitted scorer (scorer.c) when the model has
 * weights and opts asks for it, else the hand-set one. features (n x
 * TDM_FEATURES, may be NULL) gets the fitted scorer's features. Returns 0
 * or TDM_ENOMEM. */
static int score(const tdm_summarizer *s, const tdm_doc *doc, const tdm_summary_opts *opts,
                 tdm_work *w, size_t n, size_t title_vec, tdm_summary_sentence *ss,
                 double *features)
{
    const tdm_scorer_weights *sw = tdm_summary_model_weights(s->model);
    if (!features && (opts->scorer == TDM_SCORER_CENTROID || !sw)) {
        score_centroid(opts, w, n, title_vec, ss);
        return 0;
    }
    double *f = features ? features : malloc((n + 1) * TDM_FEATURES * sizeof *f);
    if (!f || tdm_scorer_features(doc, w, n, title_vec, ss, f) != 0) {
        if (!features)
            free(f);
        return TDM_ENOMEM;
    }
    if (opts->scorer == TDM_SCORER_CENTROID || !sw)
        score_centroid(opts, w, n, title_vec, ss);
    else
        for (size_t i = 0; i < n; i++)
            ss[i].score =
                ss[i].candidate ? 1 / (1 + exp(-tdm_scorer_logit(sw, f + i * TDM_FEATURES))) : 0;
    if (!features)
        free(f);
    return 0;
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

/* tdm_summarize, with the features of every sentence into *features
 * when features is not NULL, and the cosines of every two candidates
 * into *cosines (n x n, 0 for others) when cosines is not NULL. */
static tdm_summary *summarize(tdm_summarizer *s, const tdm_doc *doc, const tdm_summary_opts *opts,
                              double **features, double **cosines, tdm_error *err)
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
    if (features && !(*features = calloc((n + 1) * TDM_FEATURES, sizeof **features)))
        goto done;
    if (!out)
        goto done;
    out->title = -1;
    out->sentences = calloc(n + 1, sizeof *out->sentences);
    out->chosen = malloc((n + 1) * sizeof *out->chosen);
    w.words = calloc(n + 1, sizeof *w.words);
    w.numbers = calloc(n + 1, sizeof *w.numbers);
    w.names = calloc(n + 1, sizeof *w.names);
    w.vec_first = calloc(n + 1, sizeof *w.vec_first);
    w.vec_count = calloc(n + 1, sizeof *w.vec_count);
    w.norm = calloc(n + 1, sizeof *w.norm);
    if (!out->sentences || !out->chosen || !w.words || !w.numbers || !w.names || !w.vec_first ||
        !w.vec_count || !w.norm)
        goto done;
    rc = 0;
    if (n == 0)
        goto done;
    const char *title_text = opts->title && *opts->title ? opts->title : NULL;
    if ((rc = tdm_work_read(s, doc, title_text, &w, n)) != 0)
        goto done;
    size_t title_count = 1;
    out->title = title_text ? -1 : find_title(doc, opts, &w, &title_count);
    size_t title_vec = title_text ? n : out->title >= 0 ? (size_t)out->title : SIZE_MAX;
    if ((rc = tdm_work_weigh(s, &w, n, out->title, err)) != 0) {
        if (rc == TDM_EINPUT) {
            /* err names the model file and line already. */
            tdm_work_free(&w);
            tdm_summary_free(out);
            if (features) {
                free(*features);
                *features = NULL;
            }
            return NULL; /* before any cosines */
        }
        goto done;
    }
    size_t candidates = mark_candidates(doc, &w, n, out->title, title_count, out->sentences);
    if ((rc = score(s, doc, opts, &w, n, title_vec, out->sentences, features ? *features : NULL)) !=
        0)
        goto done;
    if (cosines) {
        const tdm_summary_sentence *ss = out->sentences;
        if (!(*cosines = calloc(n * n + 1, sizeof **cosines))) {
            rc = TDM_ENOMEM;
            goto done;
        }
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n && ss[i].candidate; j++)
                if (ss[j].candidate)
                    (*cosines)[i * n + j] = (*cosines)[j * n + i] = tdm_work_cosine(&w, i, j);
    }
    const tdm_scorer_weights *sw = tdm_summary_model_weights(s->model);
    if (!sw || sw->select_words <= 0 || opts->scorer == TDM_SCORER_CENTROID || opts->words ||
        opts->ratio > 0)
        out->count = tdm_select_mmr(opts, &w, n, candidates, out->sentences, out->chosen);
    else
        out->count =
            tdm_select_set(opts, sw->select_words, &w, n, candidates, out->sentences, out->chosen);
    rc = out->count == SIZE_MAX ? TDM_ENOMEM : keywords(s, doc, opts, &w, out);
done:
    tdm_work_free(&w);
    if (rc != 0 || !out) {
        tdm_summary_free(out);
        if (features) {
            free(*features);
            *features = NULL;
        }
        if (cosines) {
            free(*cosines);
            *cosines = NULL;
        }
        tdm_fail(err, rc ? rc : TDM_ENOMEM, tdm_doc_name(doc), -1, -1, "%s",
                 rc == TDM_ENOMEM || !out ? "out of memory" : "cannot summarize");
        return NULL;
    }
    return out;
}

tdm_summary *tdm_summarize(tdm_summarizer *s, const tdm_doc *doc, const tdm_summary_opts *opts,
                           tdm_error *err)
{
    return summarize(s, doc, opts, NULL, NULL, err);
}

tdm_summary *tdm_summarize_features(tdm_summarizer *s, const tdm_doc *doc,
                                    const tdm_summary_opts *opts, double **features,
                                    double **cosines, tdm_error *err)
{
    *features = NULL;
    if (cosines)
        *cosines = NULL;
    return summarize(s, doc, opts, features, cosines, err);
}
