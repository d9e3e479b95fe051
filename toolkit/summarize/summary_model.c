/*
 * summary_model.c: the per-language resources of summaries, loaded once
 * from models/<lang>/ and then only read (so shared by threads):
 *   stopwords  one word per line (terms.c)
 *   idf        background IDF model (idf.c); optional: without it the
 *              summarizer weighs terms by inverse sentence frequency
 *   abbrev     the sentence splitter's abbreviations (segment.h)
 * plus the Snowball stemmer's language, which must exist.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/error.h"
#include "text/stem.h"
#include "summarize/summary.h"
#include "summarize/terms.h"
#include "tandem/lang.h"

struct tdm_summary_model {
    char lang[16];
    tdm_strtab *stopwords;
    tdm_idf *idf;
    tdm_splitter *splitter;
};

static int unsupported(const char *lang, tdm_error *err)
{
    char list[256];
    tdm_lang_list(list, sizeof list);
    return tdm_fail(err, TDM_ENOLANG, NULL, -1, -1, "unsupported language '%s' (supported: %s)",
                    lang ? lang : "", list);
}

tdm_summary_model *tdm_summary_model_load(const char *models_dir, const char *lang, tdm_error *err)
{
    if (!models_dir) {
        tdm_fail(err, TDM_EIO, NULL, -1, -1,
                 "no models directory (use --models DIR or set TANDEM_MODELS)");
        return NULL;
    }
    char path[4096];
    struct stat st;
    int bad_name = !lang || !*lang || strlen(lang) >= 16 || strchr(lang, '/') || lang[0] == '.';
    if (!bad_name)
        snprintf(path, sizeof path, "%s/%s", models_dir, lang);
    if (bad_name || stat(path, &st) != 0 || !S_ISDIR(st.st_mode) || !tdm_stemmer_exists(lang)) {
        unsupported(lang, err);
        return NULL;
    }
    tdm_summary_model *m = calloc(1, sizeof *m);
    if (!m) {
        tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
        return NULL;
    }
    snprintf(m->lang, sizeof m->lang, "%s", lang);
    snprintf(path, sizeof path, "%s/%s/stopwords", models_dir, lang);
    if (tdm_stopwords_load(path, &m->stopwords, err) != 0)
        goto fail;
    snprintf(path, sizeof path, "%s/%s/idf", models_dir, lang);
    if (stat(path, &st) == 0 && !(m->idf = tdm_idf_load(path, err)))
        goto fail;
    if (!(m->splitter = tdm_splitter_load(models_dir, lang, err)))
        goto fail;
    return m;
fail:
    tdm_summary_model_free(m);
    return NULL;
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
