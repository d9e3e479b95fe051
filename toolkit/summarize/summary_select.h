/*
 * summary_select.h: the selection of a summary's sentences from their
 * scores (summary_select.c; method in summarizer.c, steps 5 and 5b). Each
 * function marks the chosen sentences in ss, writes their indices in
 * document order into chosen (room for n) and returns how many, or
 * SIZE_MAX when out of memory.
 */
#ifndef TANDEM_INTERNAL_SUMMARY_SELECT_H
#define TANDEM_INTERNAL_SUMMARY_SELECT_H

#include <stddef.h>
#include <stdint.h>

#include "summarize/summary_vectors.h"
#include "tandem/summarize.h"

/* MMR (step 5): opts->sentences, or the word budget. */
size_t tdm_select_mmr(const tdm_summary_opts *opts, tdm_work *w, size_t n, size_t candidates,
                      tdm_summary_sentence *ss, uint32_t *chosen);

/* The set of opts->sentences candidates that maximizes the F1 the scores
 * predict against a reference of ref_words words (step 5b). */
size_t tdm_select_set(const tdm_summary_opts *opts, double ref_words, tdm_work *w, size_t n,
                      size_t candidates, tdm_summary_sentence *ss, uint32_t *chosen);

#endif
