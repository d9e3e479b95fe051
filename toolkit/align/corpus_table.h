/*
 * corpus_table.h: an IBM Model 1 table learnt from a whole corpus of
 * document pairs of one language pair (see corpus_table.c).
 */
#ifndef TANDEM_INTERNAL_CORPUS_TABLE_H
#define TANDEM_INTERNAL_CORPUS_TABLE_H

#include "align/aligner.h"
#include "align/lexicon.h"

/* The training data of a corpus, bounded. */
typedef struct tdm_corpus_table tdm_corpus_table;

/* A new empty store that keeps at most max_cells training cells
 * ((|e| + 1) |f| summed over its sentence pairs). NULL on OOM. */
tdm_corpus_table *tdm_corpus_table_new(size_t max_cells);
void tdm_corpus_table_free(tdm_corpus_table *t);

/* The sentence pairs (src[k], tgt[k]) of prep (k < count) as a sample of
 * stems that outlives prep: *out is a new sample (tdm_align_sample_free),
 * NULL when no pair has words on both sides. 0 or TDM_ENOMEM. */
int tdm_corpus_table_sample(const tdm_align_prep *prep, const uint32_t *src, const uint32_t *tgt,
                            size_t count, tdm_align_sample **out);

/* Adds a sample's pairs (the next ones in corpus order; the order decides
 * which are kept once the store is full) and frees it. 0 or TDM_ENOMEM
 * (the store is then unusable). */
int tdm_corpus_table_add(tdm_corpus_table *t, tdm_align_sample *sample);

/* Sentence pairs offered to the store, and kept in it. */
void tdm_corpus_table_counts(const tdm_corpus_table *t, size_t *seen, size_t *kept);

/* Learns IBM1 in both directions from the pairs kept (iterations rounds of
 * EM each) and returns the union of the pairs with t >= threshold as a new
 * lexicon of stem keys (caller frees; it has no pair when the store is
 * empty). The store is emptied. NULL when out of memory. */
tdm_lexicon *tdm_corpus_table_learn(tdm_corpus_table *t, int iterations, double threshold);

#endif
