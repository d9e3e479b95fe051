/*
 * terms.h: the index terms of a text, as summaries and IDF models see them.
 * Method in toolkit/summarize/terms.c.
 */
#ifndef TANDEM_INTERNAL_TERMS_H
#define TANDEM_INTERNAL_TERMS_H

#include <stddef.h>
#include <stdint.h>

#include "base/strtab.h"
#include "tandem/tandem.h"

/* Reads a stopword file (one word per line, '#' starts a comment line,
 * words case-folded on load) into a new table the caller frees. Returns 0,
 * or TDM_EIO/TDM_EINPUT/TDM_ENOMEM with err naming the file and line. */
int tdm_stopwords_load(const char *path, tdm_strtab **out, tdm_error *err);

/* Same from the text of such a file (name labels errors). */
int tdm_stopwords_parse(const char *name, const char *text, size_t len, tdm_strtab **out,
                        tdm_error *err);

/* A term extractor: tokenizer, case folding, stopwords and stemmer. Holds
 * buffers and a stemmer: one per thread. */
typedef struct tdm_terms tdm_terms;

/* lang: a Snowball language (no stemming when it has none; NULL or "" for
 * none). stopwords is borrowed for the life of the extractor (NULL: none).
 * NULL on OOM. */
tdm_terms *tdm_terms_new(const char *lang, const tdm_strtab *stopwords);
void tdm_terms_free(tdm_terms *t);

/* Called once per term: id is the term's id in the extractor (dense, from
 * 0; the same term has the same id until tdm_terms_trim says otherwise;
 * tdm_terms_term gives its text); start and end are the byte span in the
 * text of the token it came from; word is nonzero for a word (zero for a
 * number). A nonzero return stops the walk and is returned by
 * tdm_terms_each. */
typedef int (*tdm_term_fn)(void *ctx, uint32_t id, size_t start, size_t end, int word);

/* Walks the terms of text[0, len) (UTF-8) in order. Also counts every word
 * and number token, stopwords included, into *tokens when not NULL. Returns
 * 0, TDM_ENOMEM, or the callback's nonzero value. */
int tdm_terms_each(tdm_terms *t, const char *text, size_t len, tdm_term_fn fn, void *ctx,
                   size_t *tokens);

/* A term of a text: its id, the byte span of its token, word or number. */
typedef struct tdm_term_occ {
    uint32_t id, start, end, word;
} tdm_term_occ;

/* The terms of text[0, len) in order, as tdm_terms_each walks them, in an
 * array owned by t and valid until its next call (for callers that look
 * ahead). Returns 0 or TDM_ENOMEM. */
int tdm_terms_list(tdm_terms *t, const char *text, size_t len, const tdm_term_occ **out,
                   size_t *count, size_t *tokens);

/* The extractor remembers every distinct word it meets, so that memory
 * stays bounded only when callers trim it between documents: past a bound
 * (a few MB) it forgets everything, and term ids given before are no longer
 * valid. Returns nonzero when it forgot (callers drop what they keep by
 * term id). */
int tdm_terms_trim(tdm_terms *t);

/* Number of term ids in use (ids are below it). */
size_t tdm_terms_count(const tdm_terms *t);

/* The text of term id (NUL-terminated; *len gets its length when len is
 * not NULL), valid until the next tdm_terms_each or tdm_terms_trim. */
const char *tdm_terms_term(const tdm_terms *t, uint32_t id, size_t *len);

#endif
