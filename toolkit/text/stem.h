/*
 * stem.h: a thin, reusable wrapper over the Snowball stemmers (libstemmer),
 * named by ISO 639-1 codes. A stemmer keeps state between calls: use one per
 * thread. Implemented in toolkit/text/stem.c.
 */
#ifndef TANDEM_INTERNAL_STEM_H
#define TANDEM_INTERNAL_STEM_H

#include <stddef.h>

typedef struct tdm_stemmer tdm_stemmer;

/* A new UTF-8 stemmer for lang ("fr", "es"...), or NULL when Snowball has
 * none for it or out of memory: ask tdm_stemmer_exists first to tell them
 * apart. The caller frees it. */
tdm_stemmer *tdm_stemmer_new(const char *lang);
void tdm_stemmer_free(tdm_stemmer *st);

/* The same without the memo, for a caller that stems each distinct word
 * once (it keeps its own map from words to stems): the memo would only
 * add two table insertions per word. */
tdm_stemmer *tdm_stemmer_new_plain(const char *lang);

/* 1 when Snowball has a stemmer for lang, 0 when it has none, TDM_ENOMEM
 * (negative) when memory ran out while asking: never "no stemmer" for lack
 * of memory, which would leave terms silently unstemmed. */
int tdm_stemmer_exists(const char *lang);

/* Stems word[0, len) (UTF-8, already lowercased). Returns the stem, owned by
 * st and valid until the next call on st, with its length in *out_len. st
 * NULL returns word itself. Returns NULL only on allocation failure. */
const char *tdm_stemmer_stem(tdm_stemmer *st, const char *word, size_t len, size_t *out_len);

#endif
