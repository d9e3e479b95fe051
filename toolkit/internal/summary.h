/* summary.h: what the summary modules share beyond the public API: the
 * summary record and the model's stopwords. Implemented in toolkit/
 * summary_model.c, summarizer.c and summary_io.c. */
#ifndef TANDEM_INTERNAL_SUMMARY_H
#define TANDEM_INTERNAL_SUMMARY_H

#include "internal/strtab.h"
#include "tandem/summarize.h"

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

/* The model's stopwords (owned by the model). */
const tdm_strtab *tdm_summary_model_stopwords(const tdm_summary_model *model);

#endif
