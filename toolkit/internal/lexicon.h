/*
 * lexicon.h: bilingual word lists for the aligner (see lexicon.c).
 */
#ifndef TANDEM_INTERNAL_LEXICON_H
#define TANDEM_INTERNAL_LEXICON_H

#include "internal/strtab.h"
#include "tandem/tandem.h"

/* Reads the TSV lexicon at path (source_word<TAB>target_word per line;
 * swap: the columns are target<TAB>source) and keeps the pairs whose two
 * words, case and accent folded and stemmed (Snowball stemmers of src_lang
 * and tgt_lang, as tdm_evidence_build does), are both in tab (the stems of
 * the input). Writes two new parallel arrays of stem key ids (caller frees
 * both) and their length. Returns 0, TDM_EIO, TDM_ENOMEM, or TDM_EINPUT
 * naming the file and line of a malformed line. */
int tdm_lexicon_pairs(const char *path, int swap, const char *src_lang, const char *tgt_lang,
                      const tdm_strtab *tab, uint32_t **src, uint32_t **tgt, size_t *pairs,
                      tdm_error *err);

/* Writes models_dir/lexicon/<src>-<tgt>.tsv into buf if it exists (*swap
 * = 0), else the reverse pair's file (*swap = 1); returns 0, or -1 when
 * neither exists or a language is unknown. */
int tdm_lexicon_find(const char *models_dir, const char *src_lang, const char *tgt_lang, char *buf,
                     size_t cap, int *swap);

#endif
