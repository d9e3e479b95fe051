/*
 * lang.h: where the language models live, which languages are supported,
 * and language identification (libexttextcat).
 */
#ifndef TANDEM_LANG_H
#define TANDEM_LANG_H

#include "tandem/tandem.h"

/* Finds the models directory: override (--models) when not NULL, then the
 * TANDEM_MODELS environment variable, then the installed location, then
 * models/ of the source tree the library was built from. Returns the first
 * that exists as a directory, or NULL. The string returned is override
 * itself, the environment's (valid until the environment changes) or one
 * compiled in: not to be freed. Thread-safe. */
const char *tdm_models_dir(const char *override);

/* Language codes (models/langs/codes.tsv, read once per process from
 * tdm_models_dir(NULL)). Every mode accepts the same codes: an ISO 639-1
 * code, or the ISO 639-3 code of a language without one, in any case; the
 * 639-3 and 639-2/B codes of a language with a 639-1 code are accepted too
 * and give the 639-1 code. */

/* Writes the canonical code of code ("FR", "fra", "fre" -> "fr"; "yue" ->
 * "yue") into out and returns 0, or returns TDM_ENOLANG ("unknown language
 * code", err filled) or TDM_EINTERNAL (the table is missing or bad).
 * Thread-safe: the table is read once per process. */
int tdm_lang_canonical(const char *code, char out[8], tdm_error *err);

/* Resource tiers. What models/ and the libraries give a language, as bits:
 * full = all of them (and a lexicon for the pair); generic = none (Unicode
 * rules that work for any script). */
enum {
    TDM_RES_ABBREV = 1,    /* models/<lang>/abbrev: the sentence splitter's list */
    TDM_RES_STOPWORDS = 2, /* models/<lang>/stopwords */
    TDM_RES_STEMMER = 4,   /* a Snowball stemmer */
    TDM_RES_IDF = 8,       /* models/<lang>/idf */
    TDM_RES_LEXICON = 16,  /* models/lexicon/<a>-<b>.tsv for the pair */
    TDM_RES_LANG = TDM_RES_ABBREV | TDM_RES_STOPWORDS | TDM_RES_STEMMER | TDM_RES_IDF
};

/* Which of the TDM_RES_... resources lang has in models_dir (any may be
 * NULL: none), and TDM_RES_LEXICON when other is given and a lexicon of the
 * pair exists in either order. A member of a macrolanguage uses the
 * macrolanguage's resources (nb uses no's). Reads the file system: call it
 * once per language, not per sentence. Thread-safe. */
unsigned tdm_lang_resources(const char *models_dir, const char *lang, const char *other);

/* Writes the tier of a language's resources res (TDM_RES_LANG bits; the
 * pair's lexicon is not the language's) into buf: "full", "generic", or
 * "partial (stopwords, stemmer, IDF)" naming what there is; always
 * NUL-terminated (cut at cap). */
void tdm_lang_tier(unsigned res, char *buf, size_t cap);

/* Identifies the language of text[0, len) among every language libexttextcat
 * has a fingerprint for (from its first 64 KB, cut at a character boundary:
 * the start of a book tells its language as well as all of it). Writes the
 * canonical code (tdm_lang_canonical) into code and returns 0, or returns
 * TDM_ENOLANG with err saying why: text too short, like no language, or two
 * languages too close to tell ("unknown": the message names both); or
 * TDM_ENOMEM, or TDM_EINTERNAL when the fingerprints cannot be read: then
 * no answer can be trusted, and a caller must not fall back to neutral
 * rules as for TDM_ENOLANG.
 * Thread-safe: the fingerprints are read once per process, then shared. */
int tdm_lang_identify(const char *text, size_t len, char code[8], tdm_error *err);

#endif
