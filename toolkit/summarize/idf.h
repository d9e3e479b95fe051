/*
 * idf.h: IDF models as the summarizer reads them (idf_model.c); a caller
 * gets one through tdm_summary_model_load, and builds one with the
 * tdm_idf_builder of tandem/summarize.h.
 */
#ifndef TANDEM_SUMMARIZE_IDF_H
#define TANDEM_SUMMARIZE_IDF_H

#include "tandem/summarize.h"

/* An IDF model: stemmed term -> inverse document frequency. Immutable once
 * loaded: one model can serve many threads. */
typedef struct tdm_idf tdm_idf;

/* Loads an IDF file (format in models/README.md) into a new model the
 * caller frees. NULL with err (file, line) filled on failure. */
tdm_idf *tdm_idf_load(const char *path, tdm_error *err);

/* Same from the text of such a file; name labels errors. */
tdm_idf *tdm_idf_parse(const char *name, const char *text, size_t len, tdm_error *err);

void tdm_idf_free(tdm_idf *idf);

/* Number of terms in the model. */
size_t tdm_idf_count(const tdm_idf *idf);

/* IDF of term[0, len) (a term as toolkit/summarize/terms.c makes it: case-folded and
 * stemmed); the model's value for unknown terms when absent. */
double tdm_idf_get(const tdm_idf *idf, const char *term, size_t len);

#endif
