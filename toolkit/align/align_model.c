/*
 * align_model.c: the public aligner API (align.h): documents in, an
 * alignment out.
 *
 * What an alignment needs besides the two texts is the model of the
 * language pair: the fitted weights (models/align/weights), the length
 * defaults of the pair (models/align/length.tsv) and the bilingual lexicon
 * (models/lexicon/<src>-<tgt>.tsv, parsed and stemmed). tdm_align loads
 * them for one call; a batch of many small pairs loads them once with
 * tdm_align_model_new and shares the model, read-only, between its threads
 * (tdm_align_with). The method itself is in aligner.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align/aligner.h"
#include "align/corpus_table.h"
#include "align/alignment.h"
#include "base/error.h"
#include "align/lexicon.h"
#include "tandem/lang.h"

/* A table learnt from a whole batch (corpus_table.c): its training cells
 * at most (about 20 bytes each while learning, 8 while collecting), its
 * EM rounds, and the t(f|e) its pairs need. A document's own table keeps
 * pairs of t >= 0.84 (ibm_threshold), fitted on whole documents; on a
 * batch, EM sees each word in many more contexts and spreads t over its
 * translations, so fewer pairs pass that bar: 0.6 gave the best strict F1
 * on the fit half of opus-books-dev cut into documents of 20 beads, among
 * 0.84, 0.7, 0.6, 0.5, 0.4 (tests/bench/batch_learn.py). */
#define CORPUS_TABLE_CELLS 4000000u
#define CORPUS_TABLE_ITERATIONS 5
#define CORPUS_TABLE_THRESHOLD 0.6

struct tdm_align_model {
    tdm_align_params params;
    tdm_lexicon *lexicon; /* NULL: none */
    char src_lang[16], tgt_lang[16];
    tdm_corpus_table *learning; /* samples added so far (NULL: none yet) */
    tdm_lexicon *table;         /* learnt from them (NULL: none) */
};

void tdm_align_opts_init(tdm_align_opts *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->max_bead = 3;
    opts->paragraphs = TDM_ALIGN_PARA_AUTO;
}

tdm_align_model *tdm_align_model_new(const tdm_align_opts *opts, tdm_error *err)
{
    tdm_align_opts defaults;
    if (!opts) {
        tdm_align_opts_init(&defaults);
        opts = &defaults;
    }
    tdm_align_model *m = calloc(1, sizeof *m);
    if (!m) {
        tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
        return NULL;
    }
    snprintf(m->src_lang, sizeof m->src_lang, "%s", opts->src_lang ? opts->src_lang : "");
    snprintf(m->tgt_lang, sizeof m->tgt_lang, "%s", opts->tgt_lang ? opts->tgt_lang : "");
    const char *models = tdm_models_dir(opts->models_dir);
    tdm_align_params_default(&m->params);
    if (models && tdm_align_params_load(&m->params, models, opts->src_lang, opts->tgt_lang, err)) {
        free(m);
        return NULL;
    }
    char path[1024];
    const char *lexicon = opts->lexicon;
    int swap = 0;
    if (!lexicon)
        lexicon =
            tdm_lexicon_find(models, opts->src_lang, opts->tgt_lang, path, sizeof path, &swap) == 0
                ? path
                : NULL;
    if (lexicon && *lexicon &&
        !(m->lexicon = tdm_lexicon_load(lexicon, swap, m->src_lang, m->tgt_lang, err))) {
        free(m);
        return NULL;
    }
    return m;
}

void tdm_align_model_free(tdm_align_model *model)
{
    if (!model)
        return;
    tdm_lexicon_free(model->lexicon);
    tdm_corpus_table_free(model->learning);
    tdm_lexicon_free(model->table);
    free(model);
}

/* Sentence strings and paragraph indexes of a document (spans of its text). */
static int doc_input(const tdm_doc *doc, tdm_align_input *in, const char ***text, size_t **len,
                     uint32_t **para)
{
    size_t n = tdm_doc_sentence_count(doc);
    const tdm_sentence *s = tdm_doc_sentences(doc);
    const char *base = tdm_doc_text(doc, NULL);
    *text = malloc((n + 1) * sizeof **text);
    *len = malloc((n + 1) * sizeof **len);
    *para = malloc((n + 1) * sizeof **para);
    if (!*text || !*len || !*para)
        return TDM_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        (*text)[i] = base + s[i].start;
        (*len)[i] = s[i].end - s[i].start;
        (*para)[i] = s[i].para;
    }
    *in = (tdm_align_input){n, *text, *len, *para, NULL};
    return 0;
}

static void free_input(const char ***text, size_t **len, uint32_t **para)
{
    free(*text);
    free(*len);
    free(*para);
    *text = NULL;
    *len = NULL;
    *para = NULL;
}

/* A prepared alignment: the evidence of both documents, which no longer
 * needs their texts (tdm_align_prepare). */
struct tdm_align_job {
    const tdm_align_model *model;
    tdm_align_opts opts; /* max_bead and paragraphs are read */
    tdm_align_prep *prep;
};

tdm_align_job *tdm_align_prepare(const tdm_align_model *model, const tdm_doc *src,
                                 const tdm_doc *tgt, const tdm_align_opts *opts, tdm_error *err)
{
    tdm_align_input si, ti;
    const char **st = NULL, **tt = NULL;
    size_t *sl = NULL, *tl = NULL;
    uint32_t *sp = NULL, *tp = NULL;
    tdm_align_job *job = calloc(1, sizeof *job);
    if (job && doc_input(src, &si, &st, &sl, &sp) == 0 && doc_input(tgt, &ti, &tt, &tl, &tp) == 0) {
        job->model = model;
        if (opts)
            job->opts = *opts;
        else
            tdm_align_opts_init(&job->opts);
        si.lang = model->src_lang[0] ? model->src_lang : NULL;
        ti.lang = model->tgt_lang[0] ? model->tgt_lang : NULL;
        job->prep = tdm_align_prep_new_lex(&si, &ti, model->lexicon, err);
        if (job->prep && tdm_align_prep_set_table(job->prep, model->table) != 0) {
            tdm_align_prep_free(job->prep);
            job->prep = NULL;
            tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
        }
    } else {
        tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
    }
    /* The prepared evidence is all the search reads: the sentence arrays
     * go before its peak of memory. */
    free_input(&st, &sl, &sp);
    free_input(&tt, &tl, &tp);
    if (job && !job->prep) {
        free(job);
        return NULL;
    }
    return job;
}

tdm_alignment *tdm_align_job_run(tdm_align_job *job, tdm_error *err)
{
    tdm_bead *beads = NULL;
    size_t count = 0;
    tdm_align_stats stats;
    tdm_alignment *al = NULL;
    if (tdm_align_run(job->prep, &job->model->params, &job->opts, &beads, &count, &stats, NULL,
                      err) == 0) {
        al = tdm_alignment_from_beads(beads, count);
        if (al) {
            al->unrelated = stats.unrelated;
            al->used_paragraphs = stats.used_paragraphs;
        } else {
            tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
        }
    }
    free(beads);
    return al;
}

void tdm_align_job_free(tdm_align_job *job)
{
    if (!job)
        return;
    tdm_align_prep_free(job->prep);
    free(job);
}

tdm_alignment *tdm_align_with(const tdm_align_model *model, const tdm_doc *src, const tdm_doc *tgt,
                              const tdm_align_opts *opts, tdm_error *err)
{
    tdm_align_job *job = tdm_align_prepare(model, src, tgt, opts, err);
    tdm_alignment *al = job ? tdm_align_job_run(job, err) : NULL;
    tdm_align_job_free(job);
    return al;
}

int tdm_align_sample_new(const tdm_align_model *model, const tdm_doc *src, const tdm_doc *tgt,
                         const tdm_align_opts *opts, tdm_align_sample **sample, tdm_error *err)
{
    tdm_align_opts defaults;
    if (!opts) {
        tdm_align_opts_init(&defaults);
        opts = &defaults;
    }
    *sample = NULL;
    tdm_align_input si, ti;
    const char **st = NULL, **tt = NULL;
    size_t *sl = NULL, *tl = NULL;
    uint32_t *sp = NULL, *tp = NULL, *ss = NULL, *ts = NULL;
    size_t n = 0;
    tdm_align_prep *prep = NULL;
    int rc = TDM_ENOMEM;
    if (doc_input(src, &si, &st, &sl, &sp) == 0 && doc_input(tgt, &ti, &tt, &tl, &tp) == 0) {
        si.lang = model->src_lang[0] ? model->src_lang : NULL;
        ti.lang = model->tgt_lang[0] ? model->tgt_lang : NULL;
        prep = tdm_align_prep_new_lex(&si, &ti, model->lexicon, err);
        rc = prep ? tdm_align_confident(prep, &model->params, opts, &ss, &ts, &n, err) : TDM_ENOMEM;
        if (rc == 0 && (rc = tdm_corpus_table_sample(prep, ss, ts, n, sample)) != 0)
            tdm_fail(err, rc, NULL, -1, -1, "out of memory");
    } else {
        tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
    }
    tdm_align_prep_free(prep);
    free(ss);
    free(ts);
    free(st);
    free(tt);
    free(sl);
    free(tl);
    free(sp);
    free(tp);
    return rc;
}

int tdm_align_model_add(tdm_align_model *model, tdm_align_sample *sample, tdm_error *err)
{
    if (!sample)
        return 0;
    if (!model->learning && !(model->learning = tdm_corpus_table_new(CORPUS_TABLE_CELLS))) {
        tdm_align_sample_free(sample);
        return tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
    }
    if (tdm_corpus_table_add(model->learning, sample))
        return tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
    return 0;
}

int tdm_align_model_learn(tdm_align_model *model, tdm_align_learnt *learnt, tdm_error *err)
{
    tdm_align_learnt none = {0, 0, 0};
    if (!learnt)
        learnt = &none;
    memset(learnt, 0, sizeof *learnt);
    if (!model->learning)
        return 0;
    tdm_corpus_table_counts(model->learning, &learnt->sentence_pairs, &learnt->kept);
    tdm_lexicon *table =
        tdm_corpus_table_learn(model->learning, CORPUS_TABLE_ITERATIONS, CORPUS_TABLE_THRESHOLD);
    if (!table)
        return tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
    tdm_corpus_table_free(model->learning);
    model->learning = NULL;
    tdm_lexicon_free(model->table);
    model->table = table;
    learnt->word_pairs = tdm_lexicon_size(table);
    return 0;
}

tdm_alignment *tdm_align(const tdm_doc *src, const tdm_doc *tgt, const tdm_align_opts *opts,
                         tdm_error *err)
{
    tdm_align_model *model = tdm_align_model_new(opts, err);
    if (!model)
        return NULL;
    tdm_alignment *al = tdm_align_with(model, src, tgt, opts, err);
    tdm_align_model_free(model);
    return al;
}

void tdm_alignment_stats(const tdm_alignment *al, tdm_align_stats *stats)
{
    memset(stats, 0, sizeof *stats);
    double sum = 0;
    for (size_t k = 0; k < al->count; k++) {
        const tdm_bead *b = &al->beads[k];
        stats->beads_by_type[b->src_count > 3 ? 3 : b->src_count]
                            [b->tgt_count > 3 ? 3 : b->tgt_count]++;
        sum += b->score;
    }
    stats->mean_score = al->count ? sum / al->count : 0;
    stats->unrelated = al->unrelated;
    stats->used_paragraphs = al->used_paragraphs;
}
