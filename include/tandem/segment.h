/*
 * segment.h: the rule-based sentence splitter.
 *
 * A splitter is built from a language's model file models/<lang>/abbrev
 * (abbreviations and non-breaking prefixes, see models/README.md) and is
 * immutable once built, so one splitter can serve many threads.
 */
#ifndef TANDEM_SEGMENT_H
#define TANDEM_SEGMENT_H

#include "tandem/lang.h"
#include "tandem/tandem.h"

typedef struct tdm_splitter tdm_splitter;

/* Loads models_dir/<lang>/abbrev into a new splitter the caller frees with
 * tdm_splitter_free (the arguments are borrowed during the call). A known
 * language code (tdm_lang_canonical) without that file gets the generic
 * rules (tdm_lang_resources tells which); an unknown code is TDM_ENOLANG,
 * models_dir or lang NULL TDM_EUSAGE; NULL with err filled on failure. The
 * splitter is only read once loaded: threads may share it. */
tdm_splitter *tdm_splitter_load(const char *models_dir, const char *lang, tdm_error *err);

void tdm_splitter_free(tdm_splitter *sp);

#endif
