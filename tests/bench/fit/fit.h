/*
 * fit.h: what the parts of the summary scorer's fitting program share
 * (tests/bench/fit_summary.c, the program; fit_data.c, the articles and
 * their labels; fit_model.c, the models fitted and how they are scored).
 * Method at the top of fit_summary.c.
 */
#ifndef TANDEM_BENCH_FIT_H
#define TANDEM_BENCH_FIT_H

#include <stddef.h>

#include "summarize/scorer.h"
#include "tandem/rouge.h"

#define F TDM_FEATURES
#define MAX_K 3

/* Training rows: the features of every candidate sentence and its labels. */
typedef struct rows {
    double *x; /* n x F */
    double *y, *soft, *prec, *wt;
    size_t n, cap;
} rows;

/* One held-out (or refinement) article: its candidates' features and texts. */
typedef struct heldout {
    double *x;    /* candidates x F */
    double *hand; /* the hand-set scores */
    double *cos;  /* candidates x candidates TF-IDF cosines */
    char **text;
    size_t count;
    char *ref;
    double *pair; /* refinement: count x count ROUGE-L F1 of sentence i
                     alone (i == j) or with j, 0 when not computed */
} heldout;

/* A set of articles: language, JSON Lines path, the body's key, the
 * largest oracle. */
typedef struct set {
    const char *lang, *path, *text_key;
    size_t max_k;
    int untitled; /* the body alone, its title left out */
} set;

/* Which lines of a set fit_read_set takes. */
enum { ALL_LINES, NOT_THIRDS, THIRDS };

/* Labels of a fit: the oracle set, soft, or each sentence's ROUGE-L
 * precision (for set selection). */
enum { LABEL_ORACLE, LABEL_SOFT, LABEL_PRECISION };

/* Appends one row to r (exits 3 when out of memory). */
void fit_push_row(rows *r, const double *x, double y, double soft, double prec, double wt);

/* Joins the texts of ids, put in document order by order[], into a new
 * string. */
char *fit_join(char **text, const size_t *ids, size_t k, const size_t *order);

/* Reads the articles of lines [first, first + count) of a set that `which`
 * selects: as training rows (labels from the oracle) when ho is NULL, else
 * as held-out articles into ho. Returns the number of articles. */
size_t fit_read_set(const set *st, const char *models, size_t first, size_t count, int which,
                    rows *train, double wt, heldout *ho, size_t *ho_n);

/* ROUGE-L F1 of every sentence and pair of sentences of each document. */
void fit_precompute_pairs(const char *lang, heldout *docs, size_t n);

/* Weighted logistic regression of the labels (LABEL_*) on the rows. */
void fit_logistic(const rows *r, double lambda, int labels, tdm_scorer_weights *out);

/* The set selection of summarizer.c 5b on one article's features. */
size_t fit_choose_set(const tdm_scorer_weights *w, const double *x, const double *cos, size_t count,
                      size_t k, double ref_words, size_t *ids);

/* Mean ROUGE-L F1 x100 at k sentences (w NULL: the hand-set scores). */
double fit_evaluate(const char *lang, const heldout *ho, size_t n, size_t k,
                    const tdm_scorer_weights *w, double ref_words);

/* Mean ROUGE-L F1 at 1 and 2 sentences from the precomputed pairs. */
double fit_pair_objective(const tdm_scorer_weights *w, const heldout *docs, size_t n,
                          double ref_words);

/* Coordinate search of w on fit_pair_objective; returns the objective. */
double fit_refine(tdm_scorer_weights *w, const heldout *docs, size_t n, double ref_words);

#endif
