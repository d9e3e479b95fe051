/*
 * ibm1.h: a word translation table learnt from the input (see ibm1.c).
 */
#ifndef TANDEM_INTERNAL_IBM1_H
#define TANDEM_INTERNAL_IBM1_H

#include "align/lexical.h"

/* Learns IBM Model 1 t(f|e) from the sentence pairs (src_sent[k],
 * tgt_sent[k]) of src and tgt (words are ids < vocab) by `iterations`
 * rounds of EM, and writes the pairs with t(f|e) >= threshold as two new
 * parallel arrays (caller frees) of *pairs ids. Returns 0 or TDM_ENOMEM. */
int tdm_ibm1_learn(const tdm_evidence *src, const tdm_evidence *tgt, const uint32_t *src_sent,
                   const uint32_t *tgt_sent, size_t count, size_t vocab, int iterations,
                   double threshold, uint32_t **out_src, uint32_t **out_tgt, size_t *pairs);

/* The same with the bound on the training cells ((|e| + 1) |f| summed over
 * the pairs; beyond it the pairs are sampled evenly) given: a corpus-wide
 * table (corpus_table.c) bounds its data itself. */
int tdm_ibm1_learn_cells(const tdm_evidence *src, const tdm_evidence *tgt, const uint32_t *src_sent,
                         const uint32_t *tgt_sent, size_t count, size_t vocab, int iterations,
                         double threshold, size_t max_cells, uint32_t **out_src, uint32_t **out_tgt,
                         size_t *pairs);

#endif
