/*
 * segment.h: the sentence splitter below tdm_doc_segment (segment.c): a
 * paragraph's text into sentence spans, and splitters built from a string.
 */
#ifndef TANDEM_TEXT_SEGMENT_H
#define TANDEM_TEXT_SEGMENT_H

#include "tandem/segment.h"

/* A span [start, end) of the text given to tdm_split. */
typedef struct tdm_span {
    size_t start, end;
} tdm_span;

/* Splits text[0, len) (UTF-8, NFC, one paragraph) into sentences. Writes at
 * most cap spans to out and returns how many sentences there are (call again
 * with a larger out if that is more than cap). Spans are trimmed of white
 * space; a text of only white space has no sentences. sp NULL: neutral. */
size_t tdm_split(const tdm_splitter *sp, const char *text, size_t len, tdm_span *out, size_t cap);

/* Builds a splitter from the text of an abbrev file (tests, embedding).
 * abbrev may be NULL for language-neutral rules. */
tdm_splitter *tdm_splitter_from_string(const char *abbrev, tdm_error *err);

/* What the splitter got: TDM_RES_ABBREV (the language's abbreviation list)
 * or 0 (generic rules). sp NULL: 0. */
unsigned tdm_splitter_resources(const tdm_splitter *sp);

#endif
