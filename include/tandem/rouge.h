/*
 * rouge.h: ROUGE-1, ROUGE-2 and ROUGE-L of a summary against a reference
 * (Lin 2004, "ROUGE: a package for automatic evaluation of summaries"), as
 * defined in doc/evaluation.md "Summaries (ROUGE)": tokens are the maximal runs of
 * Unicode letters and digits, lowercased and stemmed with the Snowball
 * stemmer of the language; n-gram overlap is clipped; ROUGE-L is the F1 of
 * the longest common subsequence. Method: toolkit/summarize/rouge.c.
 */
#ifndef TANDEM_ROUGE_H
#define TANDEM_ROUGE_H

#include "tandem/tandem.h"

/* Precision (over the system's n-grams), recall (over the reference's) and
 * F1, each in [0, 1]; 0 where a denominator is 0. */
typedef struct tdm_prf {
    double precision, recall, f1;
} tdm_prf;

typedef struct tdm_rouge_scores {
    tdm_prf rouge1, rouge2, rougel;
} tdm_rouge_scores;

/* A scorer: a stemmer and buffers. One per thread. */
typedef struct tdm_rouge tdm_rouge;

/* A new scorer for lang (ISO 639-1) the caller frees with tdm_rouge_free;
 * lang NULL or "" does not stem. A language without a Snowball stemmer is
 * TDM_ENOLANG. NULL with err filled on failure. */
tdm_rouge *tdm_rouge_new(const char *lang, tdm_error *err);
void tdm_rouge_free(tdm_rouge *r);

/* Scores system[0, slen) against reference[0, rlen) (UTF-8). Returns 0 or
 * TDM_ENOMEM. Time O(n log n) for ROUGE-1/2 and O(n m) for ROUGE-L (n, m
 * the token counts), memory O(n + m). The texts are borrowed during the
 * call; out is the caller's. */
int tdm_rouge_score(tdm_rouge *r, const char *system, size_t slen, const char *reference,
                    size_t rlen, tdm_rouge_scores *out);

/* Macro average: sum scores with tdm_rouge_add, divide with tdm_rouge_mean. */
typedef struct tdm_rouge_sum {
    tdm_rouge_scores total;
    size_t documents;
} tdm_rouge_sum;

void tdm_rouge_add(tdm_rouge_sum *sum, const tdm_rouge_scores *scores);

/* The mean of the added scores (all 0 when none). */
void tdm_rouge_mean(const tdm_rouge_sum *sum, tdm_rouge_scores *mean);

#endif
