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

/* A span [start, end) of the text given to tdm_split. */
typedef struct tdm_span {
    size_t start, end;
} tdm_span;

/* Loads models_dir/<lang>/abbrev into a new splitter the caller frees. A
 * known language code (tdm_lang_canonical) without that file gets the
 * generic rules, and tdm_splitter_resources says so; an unknown code is
 * TDM_ENOLANG, models_dir or lang NULL TDM_EUSAGE; NULL on failure. */
tdm_splitter *tdm_splitter_load(const char *models_dir, const char *lang, tdm_error *err);

/* What the splitter got: TDM_RES_ABBREV (the language's abbreviation list)
 * or 0 (generic rules). sp NULL: 0. */
unsigned tdm_splitter_resources(const tdm_splitter *sp);

/* Builds a splitter from the text of an abbrev file (tests, embedding).
 * abbrev may be NULL for language-neutral rules. */
tdm_splitter *tdm_splitter_from_string(const char *abbrev, tdm_error *err);

void tdm_splitter_free(tdm_splitter *sp);

/* Splits text[0, len) (UTF-8, NFC, one paragraph) into sentences. Writes at
 * most cap spans to out and returns how many sentences there are (call again
 * with a larger out if that is more than cap). Spans are trimmed of white
 * space; a text of only white space has no sentences. sp NULL: neutral. */
size_t tdm_split(const tdm_splitter *sp, const char *text, size_t len, tdm_span *out, size_t cap);

#endif
