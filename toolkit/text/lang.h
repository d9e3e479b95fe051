/*
 * lang.h: language facts the library uses beyond tandem/lang.h: the model
 * directories, the code table (langcode.c) and identification (langid.c).
 */
#ifndef TANDEM_TEXT_LANG_H
#define TANDEM_TEXT_LANG_H

#include "tandem/lang.h"

/* The languages with a complete model directory, as a NULL-terminated
 * static array of ISO 639-1 codes. */
const char *const *tdm_lang_supported(void);

/* Nonzero when code is in tdm_lang_supported(). */
int tdm_lang_is_supported(const char *code);

/* Writes the supported codes as "de, en, es, fr, it, pt" into buf. */
void tdm_lang_list(char *buf, size_t cap);

/* The code whose resources (models/<code>/, stemmer, lexicons) serve code:
 * its macrolanguage when the table names one ("nb", "nn" -> "no"), else
 * code itself (returned as given). */
const char *tdm_lang_resource_code(const char *code);

/* The English name of the language ("Norwegian Bokmål"), a static string,
 * or NULL for an unknown code. */
const char *tdm_lang_name(const char *code);

/* Nonzero when the language's usual script is written right to left (ar,
 * he, fa, ur, yi, ckb...; a region or script subtag, "ar-EG", is ignored);
 * 0 for other and unknown codes, "" and NULL. */
int tdm_lang_is_rtl(const char *code);

/* The codes identification can answer, each once: writes up to cap of them
 * (static strings) to codes (may be NULL) and returns how many there are. */
size_t tdm_lang_identifiable(const char **codes, size_t cap);

#endif
