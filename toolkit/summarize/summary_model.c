/*
 * summary_model.c: the per-language resources of summaries, loaded once
 * from models/<lang>/ and then only read (so shared by threads):
 *   stopwords  one word per line (terms.c)
 *   idf        background IDF model (idf.c); optional: without it the
 *              summarizer weighs terms by inverse sentence frequency
 *   abbrev     the sentence splitter's abbreviations (segment.h)
 * and models/summary/weights, the fitted scorer's weights (scorer.c; its
 * [all] section serves every language without a section of its own;
 * without the file the hand-set score of summarizer.c is used),
 * plus the Snowball stemmer of the language. Every file is optional: any
 * known language code gets a model, with what models/ has for it
 * (tdm_summary_model_resources says which), down to no stopwords, inverse
 * sentence frequencies, unstemmed words and generic sentence rules.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/error.h"
#include "text/stem.h"
#include "summarize/scorer.h"
#include "summarize/summary.h"
#include "summarize/terms.h"
#include "tandem/lang.h"
#include "summarize/idf.h"
#include "text/lang.h"
#include "text/segment.h"

struct tdm_summary_model {
    char lang[16];
    tdm_strtab *stopwords;
    tdm_idf *idf;
    tdm_splitter *splitter;
    unsigned resources; /* TDM_RES_... */
    tdm_scorer_weights weights;
    int has_weights;
};

/* Loads what models_dir/<dir>/ has of file into the model (optional files:
 * absent is 0 with nothing loaded). */
static int present(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

tdm_summary_model *tdm_summary_model_load(const char *models_dir, const char *lang, tdm_error *err)
{
    if (!models_dir) {
        tdm_fail(err, TDM_EIO, NULL, -1, -1,
                 "no models directory (use --models DIR or set TANDEM_MODELS)");
        return NULL;
    }
    char code[8], path[4096];
    if (tdm_lang_canonical(lang, code, err) != 0)
        return NULL;
    const char *dir = tdm_lang_resource_code(code); /* nb, nn: no */
    tdm_summary_model *m = calloc(1, sizeof *m);
    if (!m) {
        tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
        return NULL;
    }
    snprintf(m->lang, sizeof m->lang, "%s", code);
    snprintf(path, sizeof path, "%s/%s/stopwords", models_dir, dir);
    if (present(path)) {
        if (tdm_stopwords_load(path, &m->stopwords, err) != 0)
            goto fail;
        m->resources |= TDM_RES_STOPWORDS;
    } else if (!(m->stopwords = tdm_strtab_new())) {
        tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
        goto fail;
    }
    snprintf(path, sizeof path, "%s/%s/idf", models_dir, dir);
    if (present(path)) {
        if (!(m->idf = tdm_idf_load(path, err)))
            goto fail;
        m->resources |= TDM_RES_IDF;
    }
    if (!(m->splitter = tdm_splitter_load(models_dir, code, err)))
        goto fail;
    m->resources |= tdm_splitter_resources(m->splitter);
    int stems = tdm_stemmer_exists(code);
    if (stems < 0) { /* never "no stemmer" for lack of memory */
        tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory loading the '%s' model", code);
        goto fail;
    }
    if (stems)
        m->resources |= TDM_RES_STEMMER;
    snprintf(path, sizeof path, "%s/summary/weights", models_dir);
    int rc = tdm_scorer_load(path, code, &m->weights, err);
    if (rc < 0)
        goto fail;
    m->has_weights = rc == 0;
    return m;
fail:
    tdm_summary_model_free(m);
    return NULL;
}

unsigned tdm_summary_model_resources(const tdm_summary_model *m)
{
    return m->resources;
}

void tdm_summary_model_free(tdm_summary_model *m)
{
    if (!m)
        return;
    tdm_strtab_free(m->stopwords);
    tdm_idf_free(m->idf);
    tdm_splitter_free(m->splitter);
    free(m);
}

const char *tdm_summary_model_lang(const tdm_summary_model *m)
{
    return m->lang;
}

const tdm_splitter *tdm_summary_model_splitter(const tdm_summary_model *m)
{
    return m->splitter;
}

const tdm_idf *tdm_summary_model_idf(const tdm_summary_model *m)
{
    return m->idf;
}

const tdm_strtab *tdm_summary_model_stopwords(const tdm_summary_model *m)
{
    return m->stopwords;
}

const tdm_scorer_weights *tdm_summary_model_weights(const tdm_summary_model *m)
{
    return m->has_weights ? &m->weights : NULL;
}
