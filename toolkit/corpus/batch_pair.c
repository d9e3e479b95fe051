/*
 * batch_pair.c: aligning one pair of a batch (a worker's job): read both
 * texts, find their languages (given, or identified with libexttextcat),
 * split them with the language's splitter, align, and keep the beads that
 * pass the filters with their text, so that the writer only has to
 * format. A failure at any step becomes the pair's error, never the run's.
 *
 * The splitters are loaded once per language on first use, under a lock,
 * and are immutable afterwards (segment.h), so every worker shares them.
 */
#include "corpus/batch.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "tandem/lang.h"
#include "tandem/segment.h"

typedef struct lang_splitter {
    char lang[8];
    tdm_splitter *splitter; /* NULL: no model for the language */
    int code;               /* load status */
    tdm_error error;
} lang_splitter;

/* The aligner model of a language pair, loaded once for the batch. */
typedef struct pair_model {
    char src[16], tgt[16];
    tdm_align_model *model;
    tdm_error error; /* load failure (model NULL) */
} pair_model;

enum { MAX_LANGS = 32, MAX_PAIRS = 64 };

struct tdm_batch_aligner {
    const tdm_batch_opts *opts;
    const char *models_dir; /* resolved once (lang.h) */
    unsigned types;
    pthread_mutex_t lang_mu; /* guards langs and models */
    lang_splitter langs[MAX_LANGS];
    size_t lang_count;
    pair_model models[MAX_PAIRS];
    size_t model_count;
};

tdm_batch_aligner *tdm_batch_aligner_new(const tdm_batch_opts *opts)
{
    tdm_batch_aligner *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->opts = opts;
    a->models_dir = tdm_models_dir(opts->align.models_dir);
    a->types = opts->types ? opts->types : TDM_BEAD_TYPES_PAIRED;
    pthread_mutex_init(&a->lang_mu, NULL);
    return a;
}

void tdm_batch_aligner_free(tdm_batch_aligner *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->lang_count; i++)
        tdm_splitter_free(a->langs[i].splitter);
    for (size_t i = 0; i < a->model_count; i++)
        tdm_align_model_free(a->models[i].model);
    pthread_mutex_destroy(&a->lang_mu);
    free(a);
}
static int splitter_of(tdm_batch_aligner *e, const char *lang, const tdm_splitter **sp,
                       int *missing, tdm_error *err)
{
    if (!lang[0]) { /* not identified: language-neutral rules */
        *sp = NULL;
        *missing = 1;
        return 0;
    }
    pthread_mutex_lock(&e->lang_mu);
    lang_splitter *ls = NULL;
    for (size_t i = 0; i < e->lang_count && !ls; i++)
        if (strcmp(e->langs[i].lang, lang) == 0)
            ls = &e->langs[i];
    if (!ls && e->lang_count < MAX_LANGS) {
        ls = &e->langs[e->lang_count++];
        snprintf(ls->lang, sizeof ls->lang, "%s", lang);
        tdm_error_clear(&ls->error);
        ls->splitter = tdm_splitter_load(e->models_dir, lang, &ls->error);
        ls->code = ls->splitter || ls->error.code == TDM_ENOLANG ? 0 : ls->error.code;
    }
    int rc = 0;
    *sp = NULL;
    *missing = 1;
    if (ls) {
        *sp = ls->splitter;
        *missing = ls->splitter == NULL;
        if (ls->code != 0 && err) {
            *err = ls->error;
            rc = ls->code;
        }
    }
    pthread_mutex_unlock(&e->lang_mu);
    return rc;
}

/* The model of the pair (src, tgt), loaded on first use and then shared,
 * read-only, by every thread; *model NULL means: load it per pair (more
 * pairs than the cache holds). 0, or the load failure's code in err. */
static int model_of(tdm_batch_aligner *e, const tdm_align_opts *ao, const tdm_align_model **model,
                    tdm_error *err)
{
    pthread_mutex_lock(&e->lang_mu);
    pair_model *pm = NULL;
    for (size_t i = 0; i < e->model_count && !pm; i++)
        if (strcmp(e->models[i].src, ao->src_lang) == 0 &&
            strcmp(e->models[i].tgt, ao->tgt_lang) == 0)
            pm = &e->models[i];
    if (!pm && e->model_count < MAX_PAIRS) {
        pm = &e->models[e->model_count++];
        snprintf(pm->src, sizeof pm->src, "%s", ao->src_lang);
        snprintf(pm->tgt, sizeof pm->tgt, "%s", ao->tgt_lang);
        tdm_error_clear(&pm->error);
        pm->model = tdm_align_model_new(ao, &pm->error);
    }
    int rc = 0;
    *model = pm ? pm->model : NULL;
    if (pm && !pm->model) {
        *err = pm->error;
        rc = pm->error.code ? pm->error.code : TDM_ENOMEM;
    }
    pthread_mutex_unlock(&e->lang_mu);
    return rc;
}

static void add_warning(tdm_batch_result *res, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void add_warning(tdm_batch_result *res, const char *fmt, ...)
{
    size_t n = strlen(res->warnings), cap = sizeof res->warnings;
    if (n && n + 2 < cap)
        n += (size_t)snprintf(res->warnings + n, cap - n, "; ");
    if (n + 1 >= cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(res->warnings + n, cap - n, fmt, ap);
    va_end(ap);
}

static tdm_doc *read_side(const tdm_batch_item *it, int tgt, const tdm_read_opts *ro,
                          tdm_error *err)
{
    const char *path = tgt ? it->tgt_path : it->src_path;
    if (path)
        return tdm_doc_read_file(path, ro, err);
    char name[300];
    snprintf(name, sizeof name, "%.250s/%s", it->id, tgt ? "tgt" : "src");
    return tdm_doc_from_buffer(name, tgt ? it->tgt_text : it->src_text,
                               tgt ? it->tgt_len : it->src_len, ro, err);
}

/* The language of one side: the item's, the options', or identified. One
 * that cannot be identified is "" with a warning, and the side is split
 * and aligned with language-neutral rules: as align does for one pair.
 * Identification that fails for another reason (out of memory, the
 * fingerprints unreadable) is the pair's error, never neutral rules: those
 * would give another alignment. Returns 0 or that error's code. */
static int side_lang(tdm_batch_result *res, const tdm_doc *doc, const char *given,
                     const char *deflt, char out[8], tdm_error *err)
{
    if (given[0] || (deflt && deflt[0])) {
        snprintf(out, 8, "%s", given[0] ? given : deflt);
        return 0;
    }
    size_t len;
    const char *text = tdm_doc_text(doc, &len); /* identification reads its start */
    char code[8] = "";
    tdm_error e;
    int rc = tdm_lang_identify(text, len, code, &e);
    if (rc != TDM_OK && rc != TDM_ENOLANG) {
        *err = e;
        if (!err->file[0])
            snprintf(err->file, sizeof err->file, "%s", tdm_doc_name(doc));
        return rc;
    }
    if (rc != TDM_OK)
        add_warning(res, "%s: language not identified (%s)", tdm_doc_name(doc), e.message);
    snprintf(out, 8, "%s", code);
    return 0;
}

/* Keeps the beads that pass the filters, with their text. */
static int collect_pairs(const tdm_batch_aligner *e, const tdm_doc *src, const tdm_doc *tgt,
                         const tdm_alignment *al, tdm_batch_result *res)
{
    const tdm_batch_opts *o = e->opts;
    size_t n = tdm_alignment_count(al);
    const tdm_bead *b = tdm_alignment_beads(al);
    res->pairs = n ? calloc(n, sizeof *res->pairs) : NULL;
    if (n && !res->pairs)
        return TDM_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        res->score_sum += b[i].score;
        res->one_to_one += b[i].src_count == 1 && b[i].tgt_count == 1;
        res->nulls += b[i].src_count == 0 || b[i].tgt_count == 0;
        /* The filters of a single pair (corpus/format_common.c), in the same
         * order: type and score, then the ratio of the texts. */
        if (!(e->types & TDM_BEAD_TYPE(b[i].src_count, b[i].tgt_count)) ||
            (o->min_score > 0 && !(b[i].score >= o->min_score))) {
            res->filtered++;
            continue;
        }
        tdm_batch_pair *p = &res->pairs[res->pair_count];
        if (tdm_record_from_docs(p, src, tgt, &b[i]) != TDM_OK)
            return TDM_ENOMEM;
        res->pair_count++;
        if (o->max_ratio > 0 && tdm_record_ratio(p) > o->max_ratio) {
            tdm_record_free_text(p);
            res->pair_count--;
            res->filtered++;
        }
    }
    return 0;
}

static void warn_about(tdm_batch_result *res, const tdm_alignment *al, const tdm_doc *s,
                       const tdm_doc *t)
{
    char w[sizeof res->warnings];
    tdm_record_warnings(s, t, tdm_alignment_beads(al), tdm_alignment_count(al), w, sizeof w);
    if (w[0])
        add_warning(res, "%s", w);
}

/* Reads, identifies and splits both sides of it (*src, *tgt: new documents
 * the caller frees, whatever the outcome), fills res's languages and
 * sentence counts and the aligner options with the model of the pair
 * (*model NULL: none cached). 0, or the error in res->error. */
static int prepare_pair(tdm_batch_aligner *e, tdm_batch_item *it, tdm_batch_result *res,
                        tdm_doc **src_out, tdm_doc **tgt_out, tdm_align_opts *ao,
                        const tdm_align_model **model, int *smiss, int *tmiss)
{
    const tdm_batch_opts *o = e->opts;
    tdm_error *err = &res->error;
    *src_out = *tgt_out = NULL;
    *model = NULL;
    tdm_read_opts src_read = o->read, tgt_read = o->read;
    if (o->src_encoding)
        src_read.encoding = o->src_encoding;
    if (o->tgt_encoding)
        tgt_read.encoding = o->tgt_encoding;
    tdm_doc *src = *src_out = read_side(it, 0, &src_read, err);
    tdm_doc *tgt = *tgt_out = src ? read_side(it, 1, &tgt_read, err) : NULL;
    /* The inline texts are not needed any more: keep the ring small. */
    free(it->src_text);
    free(it->tgt_text);
    it->src_text = it->tgt_text = NULL;
    const tdm_splitter *ssp = NULL, *tsp = NULL;
    if (!tgt || side_lang(res, src, it->src_lang, o->src_lang, res->src_lang, err) ||
        side_lang(res, tgt, it->tgt_lang, o->tgt_lang, res->tgt_lang, err) ||
        splitter_of(e, res->src_lang, &ssp, smiss, err) ||
        splitter_of(e, res->tgt_lang, &tsp, tmiss, err) || tdm_doc_segment(src, ssp, err) ||
        tdm_doc_segment(tgt, tsp, err))
        return err->code;
    res->src_sentences = tdm_doc_sentence_count(src);
    res->tgt_sentences = tdm_doc_sentence_count(tgt);
    if (!res->src_sentences || !res->tgt_sentences)
        return tdm_fail(err, TDM_EINPUT, tdm_doc_name(res->src_sentences ? tgt : src), -1, -1,
                        "no text");
    *ao = o->align;
    ao->models_dir = e->models_dir;
    ao->src_lang = res->src_lang;
    ao->tgt_lang = res->tgt_lang;
    return model_of(e, ao, model, err);
}

void tdm_batch_align_pair(tdm_batch_aligner *e, tdm_batch_item *it, tdm_batch_result *res)
{
    const tdm_batch_opts *o = e->opts;
    tdm_error *err = &res->error;
    tdm_error_clear(err);
    if (it->error.code) {
        *err = it->error;
        return;
    }
    tdm_doc *src, *tgt;
    tdm_alignment *al = NULL;
    tdm_align_opts ao;
    const tdm_align_model *model;
    int smiss = 0, tmiss = 0, rejected = 0;
    if (prepare_pair(e, it, res, &src, &tgt, &ao, &model, &smiss, &tmiss) ||
        !(al = model ? tdm_align_with(model, src, tgt, &ao, err) : tdm_align(src, tgt, &ao, err)))
        goto done;
    tdm_align_stats st;
    tdm_alignment_stats(al, &st);
    if (st.unrelated && (o->reject_below >= 1 || st.mean_score < o->reject_below)) {
        tdm_fail(err, TDM_EINPUT, NULL, -1, -1,
                 "the texts do not look like translations of each other (mean score %.2f)",
                 st.mean_score);
        rejected = 1;
        goto done;
    }
    if (st.unrelated)
        add_warning(res,
                    "the texts do not look like translations of each other (kept: mean "
                    "score %.2f, not below %.2f)",
                    st.mean_score, o->reject_below);
    res->beads = tdm_alignment_count(al);
    if (collect_pairs(e, src, tgt, al, res) != 0) {
        tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
        goto done;
    }
    if (smiss && res->src_lang[0])
        add_warning(res, "no sentence model for %s", res->src_lang);
    if (tmiss && res->tgt_lang[0] && strcmp(res->src_lang, res->tgt_lang) != 0)
        add_warning(res, "no sentence model for %s", res->tgt_lang);
    warn_about(res, al, src, tgt);
done:
    if (err->code) {
        tdm_error saved = *err;
        tdm_batch_result_clear(res);
        res->error = saved;
        res->rejected = rejected;
    }
    tdm_alignment_free(al);
    tdm_doc_free(src);
    tdm_doc_free(tgt);
}

void tdm_batch_sample_pair(tdm_batch_aligner *e, tdm_batch_item *it, tdm_batch_sample *out)
{
    tdm_batch_result res; /* languages and errors: the second pass reports them */
    memset(&res, 0, sizeof res);
    memset(out, 0, sizeof *out);
    if (it->error.code)
        return;
    tdm_doc *src, *tgt;
    tdm_align_opts ao;
    int smiss = 0, tmiss = 0;
    if (prepare_pair(e, it, &res, &src, &tgt, &ao, &out->model, &smiss, &tmiss) == 0 &&
        out->model &&
        tdm_align_sample_new(out->model, src, tgt, &ao, &out->sample, &out->error) != 0)
        out->model = NULL;
    if (!out->sample)
        out->model = NULL;
    tdm_batch_result_clear(&res);
    tdm_doc_free(src);
    tdm_doc_free(tgt);
}

int tdm_batch_aligner_add(tdm_batch_aligner *e, tdm_batch_sample *s, tdm_error *err)
{
    if (s->error.code == TDM_ENOMEM) { /* a pair that cannot be read is the second pass's */
        *err = s->error;
        return s->error.code;
    }
    tdm_align_sample *sample = s->sample;
    s->sample = NULL;
    if (!sample)
        return 0;
    pthread_mutex_lock(&e->lang_mu);
    tdm_align_model *model = NULL;
    for (size_t i = 0; i < e->model_count && !model; i++)
        if (e->models[i].model == s->model)
            model = e->models[i].model;
    pthread_mutex_unlock(&e->lang_mu);
    if (!model) {
        tdm_align_sample_free(sample);
        return 0;
    }
    return tdm_align_model_add(model, sample, err);
}

int tdm_batch_aligner_learn(tdm_batch_aligner *e, tdm_batch_totals *t, tdm_error *err)
{
    for (size_t i = 0; i < e->model_count; i++) {
        tdm_align_learnt l;
        if (!e->models[i].model)
            continue;
        int rc = tdm_align_model_learn(e->models[i].model, &l, err);
        if (rc)
            return rc;
        t->learnt_offered += l.sentence_pairs;
        t->learnt_sentences += l.kept;
        t->learnt_words += l.word_pairs;
    }
    return 0;
}

void tdm_batch_result_clear(tdm_batch_result *res)
{
    for (size_t i = 0; i < res->pair_count; i++)
        tdm_record_free_text(&res->pairs[i]);
    free(res->pairs);
    memset(res, 0, sizeof *res);
}
