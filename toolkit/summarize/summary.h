/* summary.h: what the summary modules share beyond the public API: the
 * summary record (summary.c), the IDF prefetch hint (idf_model.c), the
 * model's stopwords and resources (summary_model.c), the title index, and
 * the per-thread model sets (summary_io.c). */
#ifndef TANDEM_INTERNAL_SUMMARY_H
#define TANDEM_INTERNAL_SUMMARY_H

#include "base/strtab.h"
#include "tandem/summarize.h"
#include "summarize/idf.h"

/* A summary (fields described by the accessors in summarize.h); built by
 * summarizer.c, read and freed by summary_io.c. */
struct tdm_summary {
    uint32_t *chosen;
    size_t count;
    tdm_summary_sentence *sentences;
    long title;
    tdm_keyword *keywords;
    size_t keyword_count;
    char *keyword_text;
};

/* A hint that term[0, len) will be looked up in idf soon: stage 0 starts
 * loading its slot, stage 1 (after the slot had time to arrive) the line
 * the slot points to. Changes no result; lets a caller looking up many
 * terms overlap their cache misses. */
void tdm_idf_prefetch(const tdm_idf *idf, const char *term, size_t len, int stage);

/* The IDF of term[0, len) into *value, as tdm_idf_get; returns 0, or
 * TDM_EINPUT with err (may be NULL) naming the model file and line when
 * the lookup met a malformed line of a sorted model. */
int tdm_idf_find(const tdm_idf *idf, const char *term, size_t len, double *value, tdm_error *err);

/* Writes "LANG (identified|given), resources: TIER" for a text summarized
 * in lang by the set langs (tier as tdm_lang_tier of the language's
 * resources in the set's models directory) into buf. */
void tdm_summary_langs_describe(const tdm_summary_langs *langs, const char *lang, int identified,
                                char *buf, size_t cap);

/* The model's stopwords (owned by the model). */
const tdm_strtab *tdm_summary_model_stopwords(const tdm_summary_model *model);

/* Which resources the model got: TDM_RES_ABBREV, _STOPWORDS, _STEMMER,
 * _IDF (lang.h; tdm_lang_tier names them). */
unsigned tdm_summary_model_resources(const tdm_summary_model *model);

/* The model's language, and its IDF model (NULL: none); owned by the model. */
const char *tdm_summary_model_lang(const tdm_summary_model *model);
const tdm_idf *tdm_summary_model_idf(const tdm_summary_model *model); /* NULL: none */

/* Index of the sentence taken as the title, or -1. */
long tdm_summary_title(const tdm_summary *summary);

/* A set for another thread: its own summarizers over the models of langs,
 * each loaded once for all threads (under a lock of langs). Free it before
 * langs. NULL on OOM. */
tdm_summary_langs *tdm_summary_langs_share(tdm_summary_langs *langs);

/* The summarizer (and through model its splitter) for lang, loading it on
 * first use. Owned by langs. NULL with err filled (TDM_ENOLANG...). */
tdm_summarizer *tdm_summary_langs_get(tdm_summary_langs *langs, const char *lang,
                                      const tdm_summary_model **model, tdm_error *err);

#endif
