/*
 * lexicon.h: bilingual word lists for the aligner (see lexicon.c).
 */
#ifndef TANDEM_INTERNAL_LEXICON_H
#define TANDEM_INTERNAL_LEXICON_H

#include "base/strtab.h"
#include "tandem/tandem.h"

typedef struct tdm_lexicon tdm_lexicon;

/* Reads the TSV lexicon at path (or maps a compiled one, see
 * lexicon_file.c; swap must then be 0) (source_word<TAB>target_word per line;
 * swap: the columns are target<TAB>source), folding and stemming its words
 * (Snowball stemmers of src_lang and tgt_lang, as tdm_evidence_build does).
 * Returns a new lexicon (caller frees with tdm_lexicon_free), or NULL with
 * err set: TDM_EIO, TDM_ENOMEM, or TDM_EINPUT naming the file and line of a
 * malformed line. Read-only once loaded: threads may share it. */
tdm_lexicon *tdm_lexicon_load(const char *path, int swap, const char *src_lang,
                              const char *tgt_lang, tdm_error *err);
void tdm_lexicon_free(tdm_lexicon *lex);

/* A lexicon of stem keys already made ("\x04" + stem, as tdm_stem_key
 * writes them): the pairs (stems' ids src[k], tgt[k]) (read during the
 * call). Takes stems (freed on failure too). NULL when out of memory. */
tdm_lexicon *tdm_lexicon_from_pairs(tdm_strtab *stems, const uint32_t *src, const uint32_t *tgt,
                                    size_t pairs);

/* Number of word pairs (after stemming) of a lexicon (NULL: 0). */
size_t tdm_lexicon_size(const tdm_lexicon *lex);

/* The pairs of lex whose two stems are in tab (the stems of an input), as
 * two new parallel arrays of tab's ids (caller frees both) grouped by
 * source stem, in file order within a stem. 0 or TDM_ENOMEM. */
int tdm_lexicon_resolve(const tdm_lexicon *lex, const tdm_strtab *tab, uint32_t **src,
                        uint32_t **tgt, size_t *pairs);

/* tdm_lexicon_load + tdm_lexicon_resolve: reads the TSV lexicon at path
 * (source_word<TAB>target_word per line; swap: the columns are target<TAB>source) and keeps the
 * pairs whose two words, case and accent folded and stemmed (Snowball stemmers of src_lang and
 * tgt_lang, as tdm_evidence_build does), are both in tab (the stems of the input). Writes two new
 * parallel arrays of stem key ids (caller frees both) and their length. Returns 0, TDM_EIO,
 * TDM_ENOMEM, or TDM_EINPUT naming the file and line of a malformed line. */
int tdm_lexicon_pairs(const char *path, int swap, const char *src_lang, const char *tgt_lang,
                      const tdm_strtab *tab, uint32_t **src, uint32_t **tgt, size_t *pairs,
                      tdm_error *err);

/* Writes models_dir/lexicon/<src>-<tgt>.lex (compiled) or .tsv into buf if
 * it exists (*swap = 0), else the reverse pair's TSV file (*swap = 1); returns 0, or -1 when
 * neither exists or a language is unknown. */
int tdm_lexicon_find(const char *models_dir, const char *src_lang, const char *tgt_lang, char *buf,
                     size_t cap, int *swap);

#endif
