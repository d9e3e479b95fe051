/* summary.h: what the summarizer needs from a summary model beyond the
 * public accessors. Implemented in toolkit/summary_model.c. */
#ifndef TANDEM_INTERNAL_SUMMARY_H
#define TANDEM_INTERNAL_SUMMARY_H

#include "internal/strtab.h"
#include "tandem/summarize.h"

/* The model's stopwords (owned by the model). */
const tdm_strtab *tdm_summary_model_stopwords(const tdm_summary_model *model);

#endif
