/*
 * wordbreak.h: the words of scripts written without spaces (Chinese,
 * Japanese, Thai, Lao, Khmer, Burmese), from ICU's dictionary-based word
 * break iterator (wordbreak.c). Used by the tokenizer (token.c).
 */
#ifndef TANDEM_INTERNAL_WORDBREAK_H
#define TANDEM_INTERNAL_WORDBREAK_H

#include <stddef.h>

#include "text/token.h"

/* Splits the run s[start, end) of letters, digits and marks (UTF-8, one
 * token for the tokenizer's rules, holding characters of a script without
 * spaces) into words. Writes its tokens at out[count], out[count + 1]...
 * as far as cap allows, and returns count plus the number of tokens (a
 * word of digits only is a TDM_TOKEN_NUMBER, any other a TDM_TOKEN_WORD).
 * When ICU cannot be used (out of memory), each character of the run is a
 * word. Thread-safe. */
size_t tdm_wordbreak(const char *s, size_t start, size_t end, tdm_token *out, size_t cap,
                     size_t count);

#endif
