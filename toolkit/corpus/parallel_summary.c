/*
 * parallel_summary.c: an extractive summary of two aligned translations,
 * chosen bead by bead so that the two summaries are line-parallel.
 *
 * 1. Sentence scores. Each side is summarized on its own with the
 *    summarizer of its language (summarize.h: TF-IDF centroid relevance,
 *    title and position terms); its per-sentence scores are divided by the
 *    side's best, so both sides are on [0, 1] whatever their vocabulary
 *    and IDF models. Sentences that are not candidates (title, byline,
 *    short line, repeated footer) score 0.
 * 2. Bead scores. A bead's side score is the mean over its sentences; its
 *    combined score the mean of the two sides. Averaging the languages
 *    makes the choice robust to one side's odd split or missing IDF
 *    entries: a bead is chosen because both texts find it central. A bead
 *    is eligible only with sentences on both sides, a candidate on each,
 *    an alignment score >= min_align_score and (by default) one sentence
 *    on each side, so that every line of the summary is a translation of
 *    its partner.
 * 3. Selection by maximal marginal relevance (Carbonell & Goldstein 1998),
 *    as the one-language summarizer does: repeatedly take the eligible
 *    bead maximizing lambda x score - (1 - lambda) x max similarity to
 *    the beads already taken, where the similarity of two beads is the
 *    larger of the TF-IDF cosines of their source sides and of their
 *    target sides (terms and IDF of the summary models); a bead above the
 *    redundancy threshold is never taken. Stops at the number of beads or
 *    the word budget (the longer side of each bead counts). The chosen
 *    beads are returned in story order.
 */
#include "tandem/parallel_summary.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "summarize/summary.h"
#include "summarize/terms.h"
#include "tandem/lang.h"
#include "tandem/output.h"
#include "corpus/parallel_summary_json.h"
#include "corpus/review.h"
#include "summarize/idf.h"
#include "corpus/parallel_summary.h"

struct tdm_parallel_summary {
    tdm_bead *chosen;
    size_t count;
    double *scores;
};

void tdm_psum_opts_init(tdm_psum_opts *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->min_align_score = 0.5;
    opts->redundancy = 0.5;
    tdm_summary_opts_init(&opts->summary);
}

void tdm_parallel_summary_free(tdm_parallel_summary *ps)
{
    if (!ps)
        return;
    free(ps->chosen);
    free(ps->scores);
    free(ps);
}

size_t tdm_parallel_summary_count(const tdm_parallel_summary *ps)
{
    return ps->count;
}

const tdm_bead *tdm_parallel_summary_beads(const tdm_parallel_summary *ps)
{
    return ps->chosen;
}

const double *tdm_parallel_summary_scores(const tdm_parallel_summary *ps)
{
    return ps->scores;
}

tdm_alignment *tdm_parallel_summary_alignment(const tdm_parallel_summary *ps)
{
    return tdm_alignment_from_beads(ps->chosen, ps->count);
}

/* Sparse TF-IDF vectors of the beads of one side: runs of (term, weight)
 * sorted by term, one run per bead. */
typedef struct side_vectors {
    uint32_t *term; /* ids of the side's own tdm_terms: dense, first seen first */
    double *weight;
    size_t len, cap;
    size_t *first, *count; /* per bead */
    double *norm;
} side_vectors;

typedef struct collect {
    const tdm_terms *terms;
    side_vectors *v;
    const tdm_idf *idf;
    int oom;
} collect;

static int add_term(void *ctx, uint32_t term_id, size_t start, size_t end, int word)
{
    (void)start;
    (void)end;
    (void)word;
    collect *c = ctx;
    side_vectors *v = c->v;
    if (v->len == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 256;
        uint32_t *t = realloc(v->term, cap * sizeof *t);
        if (t)
            v->term = t;
        double *w = t ? realloc(v->weight, cap * sizeof *w) : NULL;
        if (!w)
            return TDM_ENOMEM;
        v->weight = w;
        v->cap = cap;
    }
    v->term[v->len] = term_id;
    if (c->idf) {
        size_t len;
        const char *term = tdm_terms_term(c->terms, term_id, &len);
        v->weight[v->len] = tdm_idf_get(c->idf, term, len);
    } else {
        v->weight[v->len] = 1.0;
    }
    v->len++;
    return 0;
}

static int by_term(const void *a, const void *b)
{
    const uint32_t *x = a, *y = b;
    return (*x > *y) - (*x < *y);
}

static void side_free(side_vectors *v)
{
    free(v->term);
    free(v->weight);
    free(v->first);
    free(v->count);
    free(v->norm);
}

/* Builds the vectors of one side of every bead. */
static int side_build(side_vectors *v, const tdm_summary_model *model, const tdm_doc *doc,
                      const tdm_bead *b, size_t n, int tgt)
{
    memset(v, 0, sizeof *v);
    v->first = calloc(n + 1, sizeof *v->first);
    v->count = calloc(n + 1, sizeof *v->count);
    v->norm = calloc(n + 1, sizeof *v->norm);
    tdm_terms *terms =
        tdm_terms_new(tdm_summary_model_lang(model), tdm_summary_model_stopwords(model));
    if (!v->first || !v->count || !v->norm || !terms) {
        tdm_terms_free(terms);
        return TDM_ENOMEM;
    }
    const char *text = tdm_doc_text(doc, NULL);
    const tdm_sentence *s = tdm_doc_sentences(doc);
    collect c = {terms, v, tdm_summary_model_idf(model), 0};
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        uint32_t first = tgt ? b[i].tgt_first : b[i].src_first;
        uint32_t count = tgt ? b[i].tgt_count : b[i].src_count;
        v->first[i] = v->len;
        for (uint32_t k = 0; k < count && rc == 0; k++)
            rc = tdm_terms_each(terms, text + s[first + k].start,
                                s[first + k].end - s[first + k].start, add_term, &c, NULL);
        /* Sort the bead's (term, weight) pairs by term and merge repeats:
         * the pairs are adjacent in two arrays, so sort an index. */
        size_t m = v->len - v->first[i];
        uint32_t *t = v->term + v->first[i];
        double *w = v->weight + v->first[i];
        for (size_t x = 1; x < m; x++) /* insertion sort: beads are short */
            for (size_t y = x; y > 0 && by_term(&t[y - 1], &t[y]) > 0; y--) {
                uint32_t tt = t[y];
                t[y] = t[y - 1];
                t[y - 1] = tt;
                double ww = w[y];
                w[y] = w[y - 1];
                w[y - 1] = ww;
            }
        size_t out = 0;
        for (size_t x = 0; x < m; x++) {
            if (out && t[out - 1] == t[x]) {
                w[out - 1] += w[x];
            } else {
                t[out] = t[x];
                w[out++] = w[x];
            }
        }
        v->len = v->first[i] + out;
        v->count[i] = out;
        double sq = 0;
        for (size_t x = 0; x < out; x++)
            sq += w[x] * w[x];
        v->norm[i] = sqrt(sq);
    }
    tdm_terms_free(terms);
    return rc ? TDM_ENOMEM : 0;
}

static double side_cosine(const side_vectors *v, size_t i, size_t j)
{
    if (v->norm[i] == 0 || v->norm[j] == 0)
        return 0;
    const uint32_t *a = v->term + v->first[i], *b = v->term + v->first[j];
    const double *wa = v->weight + v->first[i], *wb = v->weight + v->first[j];
    size_t x = 0, y = 0;
    double dot = 0;
    while (x < v->count[i] && y < v->count[j]) {
        if (a[x] == b[y])
            dot += wa[x++] * wb[y++];
        else if (a[x] < b[y])
            x++;
        else
            y++;
    }
    return dot / (v->norm[i] * v->norm[j]);
}

/* Normalized per-sentence scores of one side (new array), and words. */
static int side_scores(const tdm_summary_model *model, const tdm_doc *doc,
                       const tdm_summary_opts *sopts, double **scores, size_t **words,
                       unsigned char **cand, tdm_error *err)
{
    size_t n = tdm_doc_sentence_count(doc);
    tdm_summarizer *sum = tdm_summarizer_new(model, err);
    if (!sum)
        return err ? err->code : TDM_ENOMEM;
    tdm_summary_opts o = *sopts;
    o.sentences = 1; /* the scores do not depend on the length */
    o.words = 0;
    o.ratio = 0;
    o.keywords = 0;
    tdm_summary *s = tdm_summarize(sum, doc, &o, err);
    tdm_summarizer_free(sum);
    if (!s)
        return err ? err->code : TDM_ENOMEM;
    *scores = calloc(n + 1, sizeof **scores);
    *words = calloc(n + 1, sizeof **words);
    *cand = calloc(n + 1, 1);
    if (!*scores || !*words || !*cand) {
        tdm_summary_free(s);
        return tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
    }
    const tdm_summary_sentence *ss = tdm_summary_sentences(s);
    double best = 0;
    for (size_t i = 0; i < n; i++)
        if (ss[i].candidate && ss[i].score > best)
            best = ss[i].score;
    for (size_t i = 0; i < n; i++) {
        (*cand)[i] = ss[i].candidate != 0;
        (*scores)[i] = ss[i].candidate && best > 0 ? ss[i].score / best : 0;
        (*words)[i] = ss[i].words;
    }
    tdm_summary_free(s);
    return 0;
}

static int check_opts(const tdm_psum_opts *o, tdm_error *err)
{
    int set = (o->sentences > 0) + (o->words > 0) + (o->ratio > 0);
    if (set > 1)
        return tdm_fail(err, TDM_EUSAGE, NULL, -1, -1,
                        "give one summary length: sentences, words or a ratio");
    if (o->ratio < 0 || o->ratio > 1)
        return tdm_fail(err, TDM_EUSAGE, NULL, -1, -1, "the ratio is in (0, 1]");
    if (o->redundancy <= 0 || o->redundancy > 1 || o->min_align_score < 0 || o->min_align_score > 1)
        return tdm_fail(err, TDM_EUSAGE, NULL, -1, -1,
                        "the redundancy threshold is in (0, 1] and the score floor in [0, 1]");
    return 0;
}

typedef struct scored {
    double *src, *tgt;
    size_t *src_words, *tgt_words;
    unsigned char *src_cand, *tgt_cand;
    side_vectors vs, vt;
} scored;

static void scored_free(scored *sc)
{
    free(sc->src);
    free(sc->tgt);
    free(sc->src_words);
    free(sc->tgt_words);
    free(sc->src_cand);
    free(sc->tgt_cand);
    side_free(&sc->vs);
    side_free(&sc->vt);
}

/* Combined score of bead b, or -1 when it is not eligible; *words gets
 * the words of its longer side. */
static double bead_score(const scored *sc, const tdm_bead *b, const tdm_psum_opts *o, size_t *words)
{
    size_t ws = 0, wt = 0;
    int cs = 0, ct = 0;
    double s = 0, t = 0;
    for (uint32_t k = 0; k < b->src_count; k++) {
        s += sc->src[b->src_first + k];
        ws += sc->src_words[b->src_first + k];
        cs |= sc->src_cand[b->src_first + k];
    }
    for (uint32_t k = 0; k < b->tgt_count; k++) {
        t += sc->tgt[b->tgt_first + k];
        wt += sc->tgt_words[b->tgt_first + k];
        ct |= sc->tgt_cand[b->tgt_first + k];
    }
    *words = ws > wt ? ws : wt;
    if (!b->src_count || !b->tgt_count || !cs || !ct || b->score < o->min_align_score ||
        (!o->any_bead && (b->src_count != 1 || b->tgt_count != 1)))
        return -1;
    return (s / b->src_count + t / b->tgt_count) / 2;
}

/* MMR selection into ps->chosen. */
static int select_beads(tdm_parallel_summary *ps, const scored *sc, const tdm_bead *b, size_t n,
                        const size_t *words, const tdm_psum_opts *o)
{
    size_t eligible = 0, total_words = 0;
    for (size_t i = 0; i < n; i++) {
        eligible += ps->scores[i] >= 0;
        total_words += words[i];
    }
    size_t want = o->sentences;
    size_t budget = o->words ? o->words : o->ratio > 0 ? (size_t)(o->ratio * total_words) : 0;
    if (!want && !budget) {
        want = (size_t)(0.2 * (double)n);
        want = want < 3 ? want : 3;
        want = want ? want : 1;
    }
    unsigned char *taken = calloc(n + 1, 1);
    size_t *order = calloc(n + 1, sizeof *order);
    if (!taken || !order) {
        free(taken);
        free(order);
        return TDM_ENOMEM;
    }
    double lambda = o->summary.mmr_lambda > 0 ? o->summary.mmr_lambda : 1.0;
    size_t used = 0, count = 0;
    while (budget ? count < eligible : count < want) {
        long best = -1;
        double best_value = 0;
        for (size_t i = 0; i < n; i++) {
            if (taken[i] || ps->scores[i] < 0)
                continue;
            if (budget && used + words[i] > budget && count > 0)
                continue;
            double sim = 0;
            for (size_t k = 0; k < count; k++) {
                double a = side_cosine(&sc->vs, i, order[k]);
                double c = side_cosine(&sc->vt, i, order[k]);
                double m = a > c ? a : c;
                sim = m > sim ? m : sim;
            }
            if (sim > o->redundancy)
                continue;
            double value = lambda * ps->scores[i] - (1 - lambda) * sim;
            if (best < 0 || value > best_value) {
                best = (long)i;
                best_value = value;
            }
        }
        if (best < 0)
            break;
        taken[best] = 1;
        order[count++] = (size_t)best;
        used += words[best];
    }
    ps->chosen = malloc((count + 1) * sizeof *ps->chosen);
    if (ps->chosen)
        for (size_t i = 0; i < n; i++)
            if (taken[i])
                ps->chosen[ps->count++] = b[i];
    free(taken);
    free(order);
    return ps->chosen ? 0 : TDM_ENOMEM;
}

tdm_parallel_summary *tdm_summarize_parallel(const tdm_summary_model *src_model,
                                             const tdm_summary_model *tgt_model, const tdm_doc *src,
                                             const tdm_doc *tgt, const tdm_alignment *al,
                                             const tdm_psum_opts *opts, tdm_error *err)
{
    tdm_psum_opts defaults;
    if (!opts) {
        tdm_psum_opts_init(&defaults);
        opts = &defaults;
    }
    if (check_opts(opts, err) != 0)
        return NULL;
    size_t n = tdm_alignment_count(al);
    const tdm_bead *b = tdm_alignment_beads(al);
    size_t ns = tdm_doc_sentence_count(src), nt = tdm_doc_sentence_count(tgt);
    for (size_t i = 0; i < n; i++)
        if ((size_t)b[i].src_first + b[i].src_count > ns ||
            (size_t)b[i].tgt_first + b[i].tgt_count > nt) {
            tdm_fail(err, TDM_EINTERNAL, NULL, -1, -1, "bead %zu lies outside the documents", i);
            return NULL;
        }
    scored sc;
    memset(&sc, 0, sizeof sc);
    tdm_parallel_summary *ps = calloc(1, sizeof *ps);
    size_t *words = calloc(n + 1, sizeof *words);
    int rc = ps && words && (ps->scores = calloc(n + 1, sizeof *ps->scores)) ? 0 : TDM_ENOMEM;
    if (rc == 0)
        rc = side_scores(src_model, src, &opts->summary, &sc.src, &sc.src_words, &sc.src_cand, err);
    if (rc == 0)
        rc = side_scores(tgt_model, tgt, &opts->summary, &sc.tgt, &sc.tgt_words, &sc.tgt_cand, err);
    if (rc == 0)
        rc = side_build(&sc.vs, src_model, src, b, n, 0);
    if (rc == 0)
        rc = side_build(&sc.vt, tgt_model, tgt, b, n, 1);
    for (size_t i = 0; rc == 0 && i < n; i++)
        ps->scores[i] = bead_score(&sc, &b[i], opts, &words[i]);
    if (rc == 0)
        rc = select_beads(ps, &sc, b, n, words, opts);
    /* Report ineligible beads as 0, as documented. */
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (ps->scores[i] < 0)
            ps->scores[i] = 0;
    scored_free(&sc);
    free(words);
    if (rc != 0) {
        if (rc == TDM_ENOMEM)
            tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
        tdm_parallel_summary_free(ps);
        return NULL;
    }
    return ps;
}

void tdm_psum_run_opts_init(tdm_psum_run_opts *opts)
{
    memset(opts, 0, sizeof *opts);
    tdm_read_opts_init(&opts->read);
    tdm_align_opts_init(&opts->align);
    tdm_psum_opts_init(&opts->summary);
    opts->format = TDM_FMT_TEXT;
    opts->output = "-";
}

/* The language of a document: given, or identified. */
static int doc_lang(const tdm_doc *doc, const char *given, char out[8], tdm_error *err)
{
    if (given && given[0]) {
        snprintf(out, 8, "%s", given);
        return 0;
    }
    size_t len;
    const char *text = tdm_doc_text(doc, &len); /* identification reads its start */
    int rc = tdm_lang_identify(text, len, out, err);
    if (rc != 0 && rc != TDM_ENOLANG) /* out of memory: not the text's fault */
        return rc;
    if (rc != 0)
        return tdm_fail(err, rc, tdm_doc_name(doc), -1, -1,
                        "cannot identify the language: name it (--src-lang, --tgt-lang)");
    return 0;
}

static int write_summary(const tdm_psum_run_opts *o, const tdm_doc *src, const tdm_doc *tgt,
                         const tdm_alignment *al, const tdm_parallel_summary *ps,
                         const tdm_alignment *sub, const char *sl, const char *tl, tdm_error *err)
{
    const char *out = o->output ? o->output : "-";
    tdm_write_opts wo;
    tdm_write_opts_init(&wo);
    wo.src_lang = sl;
    wo.tgt_lang = tl;
    if (o->format == TDM_FMT_MOSES && !o->json) {
        if (strcmp(out, "-") == 0)
            return tdm_fail(err, TDM_EUSAGE, NULL, -1, -1,
                            "the moses format needs an output prefix (-o PREFIX)");
        return tdm_write_moses(out, src, tgt, sub, &wo, err);
    }
    tdm_outfile *of = tdm_outfile_open(out, err);
    if (!of)
        return err ? err->code : TDM_EIO;
    int rc;
    if (o->json) {
        rc = tdm_parallel_summary_write_json(tdm_outfile_stream(of), src, tgt, al, ps->scores,
                                             ps->chosen, ps->count, sl, tl, err);
    } else if (o->format == TDM_FMT_HTML) {
        tdm_review_opts ro;
        tdm_review_opts_init(&ro);
        ro.src_lang = sl;
        ro.tgt_lang = tl;
        ro.title = "Parallel summary";
        ro.low_score = o->summary.min_align_score;
        rc = tdm_write_html(tdm_outfile_stream(of), src, tgt, sub, &ro, err);
    } else {
        rc = tdm_write_alignment(tdm_outfile_stream(of), o->format, src, tgt, sub, &wo, err);
    }
    if (rc != 0) {
        tdm_outfile_abort(of);
        return rc;
    }
    return tdm_outfile_commit(of, err);
}

int tdm_parallel_summary_run(const tdm_psum_run_opts *o, tdm_error *err)
{
    tdm_error_clear(err);
    if (o->format == TDM_FMT_LADDER && !o->json) /* the writer would refuse it after all the work */
        return tdm_fail(err, TDM_EUSAGE, NULL, -1, -1,
                        "a ladder describes a whole alignment, a summary keeps a part of it "
                        "(write -f beads)");
    const char *models = tdm_models_dir(o->models_dir);
    if (!models)
        return tdm_fail(err, TDM_ENOLANG, o->models_dir, -1, -1,
                        "no models directory (--models or TANDEM_MODELS)");
    tdm_doc *src = NULL, *tgt = NULL;
    tdm_summary_model *sm = NULL, *tm = NULL;
    tdm_alignment *al = NULL, *sub = NULL;
    tdm_parallel_summary *ps = NULL;
    char sl[8] = "", tl[8] = "";
    int rc = 0;
    if (!(src = tdm_doc_read_file(o->src_path, &o->read, err)) ||
        !(tgt = tdm_doc_read_file(o->tgt_path, &o->read, err)) ||
        doc_lang(src, o->src_lang, sl, err) || doc_lang(tgt, o->tgt_lang, tl, err) ||
        !(sm = tdm_summary_model_load(models, sl, err)) ||
        !(tm = tdm_summary_model_load(models, tl, err)) ||
        tdm_doc_segment(src, tdm_summary_model_splitter(sm), err) ||
        tdm_doc_segment(tgt, tdm_summary_model_splitter(tm), err))
        goto done;
    tdm_align_opts ao = o->align;
    ao.models_dir = models;
    ao.src_lang = sl;
    ao.tgt_lang = tl;
    if (!(al = tdm_align(src, tgt, &ao, err)))
        goto done;
    tdm_align_stats st;
    tdm_alignment_stats(al, &st);
    if (st.unrelated) {
        rc = tdm_fail(err, TDM_EINPUT, tdm_doc_name(tgt), -1, -1,
                      "does not look like a translation of %s: no parallel summary",
                      tdm_doc_name(src));
        goto done;
    }
    if (!(ps = tdm_summarize_parallel(sm, tm, src, tgt, al, &o->summary, err)))
        goto done;
    if (!(sub = tdm_parallel_summary_alignment(ps))) {
        rc = tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
        goto done;
    }
    rc = write_summary(o, src, tgt, al, ps, sub, sl, tl, err);
done:
    if (rc == 0 && err && err->code)
        rc = err->code;
    tdm_alignment_free(sub);
    tdm_parallel_summary_free(ps);
    tdm_alignment_free(al);
    tdm_summary_model_free(sm);
    tdm_summary_model_free(tm);
    tdm_doc_free(src);
    tdm_doc_free(tgt);
    return rc;
}
