/*
 * scorer.h: the fitted sentence scorer of summaries (method in scorer.c):
 * the features of a sentence, the weights that combine them (read from
 * models/summary/weights) and, for the fitting program, the features of
 * every sentence of a document.
 */
#ifndef TANDEM_INTERNAL_SCORER_H
#define TANDEM_INTERNAL_SCORER_H

#include <stddef.h>

#include "summarize/summary_vectors.h"
#include "tandem/summarize.h"

enum {
    TDM_FEAT_CENTROID,     /* cosine with the document centroid */
    TDM_FEAT_DENSITY,      /* centroid dot over |v|^2, over the document's best */
    TDM_FEAT_TITLE,        /* cosine with the title (0 without one) */
    TDM_FEAT_POSITION,     /* 2^(-rank / 4), rank among the candidates */
    TDM_FEAT_FIRST,        /* 1 for the first candidate */
    TDM_FEAT_RANK_FRAC,    /* rank / candidates */
    TDM_FEAT_LOG_WORDS,    /* ln(words) */
    TDM_FEAT_LOG_WORDS_SQ, /* (ln(words) - ln 27)^2: a preferred length */
    TDM_FEAT_NUMBERS,      /* number tokens / words */
    TDM_FEAT_NAMES,        /* capitalized words past the first / words */
    TDM_FEAT_LEAD,         /* cosine with the first three other candidates */
    TDM_FEAT_QUOTE,        /* holds a quotation mark */
    TDM_FEAT_PARA_FIRST,   /* first sentence of its paragraph */
    TDM_FEAT_QUESTION,     /* ends with a question mark */
    TDM_FEAT_TITLE_SHARE,  /* share of its terms that are in the title */
    TDM_FEAT_NOVELTY,      /* share of its terms in no earlier candidate */
    TDM_FEAT_IDF_MEAN,     /* mean IDF of its terms */
    TDM_FEAT_REST,         /* cosine with the centroid of the other sentences */
    TDM_FEAT_REPEATED,     /* share of its terms found in another sentence */
    TDM_FEAT_TITLE_COVER,  /* share of the title's terms that it has */
    TDM_FEAT_POSITION_LEN, /* position x (ln(words) - ln 27) */
    TDM_FEATURES
};

/* The name of each feature in the weights file. */
extern const char *const tdm_feature_names[TDM_FEATURES];

/* A linear scorer: logit = bias + sum of weight x feature. With
 * select_words > 0 (the weights file's "select_words"), the logistic of
 * the logit estimates the share of a sentence's words that the reference
 * has (ROUGE-L precision), and a summary of k sentences is the set that
 * maximizes the F1 that this estimate gives against a reference of
 * select_words words (summarizer.c); 0: MMR on the scores. */
typedef struct tdm_scorer_weights {
    double bias;
    double weight[TDM_FEATURES];
    double select_words;
} tdm_scorer_weights;

/* Reads the weights of lang from the weights file at path: the [all]
 * section, then the names a [lang] section gives. Returns 0, 1 when the
 * file does not exist (*out untouched), or TDM_EINPUT/TDM_EIO/TDM_ENOMEM
 * with err naming the file and line. */
int tdm_scorer_load(const char *path, const char *lang, tdm_scorer_weights *out, tdm_error *err);

/* Same from the text of such a file; name labels errors. */
int tdm_scorer_parse(const char *name, const char *text, size_t len, const char *lang,
                     tdm_scorer_weights *out, tdm_error *err);

/* The features of the n sentences of doc (w read and weighed, candidates
 * marked in ss) into f, TDM_FEATURES per sentence (0 for non-candidates).
 * title_vec is the title's vector index or SIZE_MAX. Returns 0 or
 * TDM_ENOMEM. */
int tdm_scorer_features(const tdm_doc *doc, tdm_work *w, size_t n, size_t title_vec,
                        const tdm_summary_sentence *ss, double *f);

/* The logit of one sentence's features. */
double tdm_scorer_logit(const tdm_scorer_weights *sw, const double *f);

/* For the fitting program (tests/bench/fit_summary.c): summarizes doc as
 * tdm_summarize does and gives the features of every sentence (a new
 * array of n x TDM_FEATURES the caller frees), when cosines is not NULL the
 * TF-IDF cosine of every two candidates (a new n x n array the caller
 * frees, 0 where one is not a candidate), and the summary (whose candidate
 * flags say which rows count). NULL with err filled on failure. */
tdm_summary *tdm_summarize_features(tdm_summarizer *s, const tdm_doc *doc,
                                    const tdm_summary_opts *opts, double **features,
                                    double **cosines, tdm_error *err);

/* The model's weights, NULL when it has none (the hand-set scorer). */
const tdm_scorer_weights *tdm_summary_model_weights(const tdm_summary_model *model);

/* Steps idx, one k-subset of 0..m-1 in increasing order, to the next in
 * lexicographic order; 0 after the last. Start from 0, 1, ..., k-1. The set
 * selection and its fitting (tests/bench/fit_summary.c) walk the same sets. */
static inline int tdm_next_subset(size_t *idx, size_t k, size_t m)
{
    size_t j = k;
    while (j > 0 && idx[j - 1] == m - k + j - 1)
        j--;
    if (j == 0)
        return 0;
    idx[j - 1]++;
    for (size_t t = j; t < k; t++)
        idx[t] = idx[t - 1] + 1;
    return 1;
}

#endif
