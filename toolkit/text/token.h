/*
 * token.h: tokens for scoring (alignment, summaries): words, numbers and
 * punctuation, with case-folded and accent-folded forms (utf8proc).
 */
#ifndef TANDEM_TOKEN_H
#define TANDEM_TOKEN_H

#include "tandem/tandem.h"

typedef enum {
    TDM_TOKEN_WORD = 1,   /* letters, with inner apostrophes/hyphens split off */
    TDM_TOKEN_NUMBER = 2, /* digits, with inner . , separators: 3.5, 1,000 */
    TDM_TOKEN_PUNCT = 3   /* one punctuation or symbol character */
} tdm_token_kind;

typedef struct tdm_token {
    uint32_t start; /* byte offset in the tokenized string */
    uint32_t len;   /* byte length */
    uint32_t kind;  /* tdm_token_kind */
} tdm_token;

/* Tokenizes s[0, len) (UTF-8). Writes at most cap tokens to out and returns
 * the number of tokens (call again with more room if larger than cap). */
size_t tdm_tokenize(const char *s, size_t len, tdm_token *out, size_t cap);

enum {
    TDM_FOLD_CASE = 1,   /* Unicode case folding */
    TDM_FOLD_ACCENTS = 2 /* strip combining marks: "Élève" -> "Eleve" */
};

/* Writes the folded form of s[0, len) into buf (NUL-terminated when it fits)
 * and returns its length in bytes; if that is >= cap, call again with a
 * larger buffer. The result is NFC. */
size_t tdm_fold(const char *s, size_t len, int flags, char *buf, size_t cap);

#endif
