/*
 * summary_vectors.h: what summarizer.c (scoring and selection) and
 * summary_vectors.c (the TF-IDF vectors of a document's sentences) share.
 * Method in summarizer.c.
 */
#ifndef TANDEM_INTERNAL_SUMMARY_VECTORS_H
#define TANDEM_INTERNAL_SUMMARY_VECTORS_H

#include <stddef.h>
#include <stdint.h>

#include "summarize/terms.h"
#include "tandem/summarize.h"

struct tdm_summarizer {
    const tdm_summary_model *model;
    tdm_terms *terms;
    /* By id of a term of terms, kept from one document to the next (until
     * tdm_terms_trim renumbers the terms). A document so hashes each word
     * once, in terms; the three fields share a cache line. */
    struct known_term {
        uint32_t seen_in; /* number of the last document that had it */
        uint32_t local;   /* its id in that document */
        double idf;       /* the model's, NAN until looked up */
    } * known;
    size_t cap;
    uint32_t doc; /* number of the document being read, from 1 */
};

/* Working state of one call. Sparse sentence vectors are runs of (term,
 * weight) pairs sorted by term, in one flat array. */
typedef struct tdm_work {
    uint32_t *term_id; /* the document's term -> its id in terms */
    size_t term_count;
    uint32_t *occ; /* the document's term ids in text order */
    size_t occ_len, occ_cap;
    size_t *first_start, *first_end; /* first occurrence of each term */
    size_t term_cap;
    size_t sentence; /* sentence being read */
    size_t *words;
    size_t *numbers, *names; /* per sentence: number terms, capitalized words */
    double *idf, *centroid;
    double *spread; /* by term: one sentence's weights, else 0 */
    uint32_t *vec_term;
    double *vec_weight;
    size_t *vec_first, *vec_count; /* per sentence, + 1 for the outside title */
    double *norm;
    size_t vec_len;
} tdm_work;

/* Reads the terms of the n sentences of doc (and of the outside title, as
 * sentence n, when title is not NULL) into w: occurrences, then per-
 * sentence runs sorted by term. Returns 0 or TDM_ENOMEM. */
int tdm_work_read(tdm_summarizer *s, const tdm_doc *doc, const char *title, tdm_work *w, size_t n);

/* IDF per term, then vectors weighted by it, norms and the centroid over
 * the sentences other than the title. Returns 0, TDM_ENOMEM, or
 * TDM_EINPUT with err filled (a malformed line of the IDF model). */
int tdm_work_weigh(tdm_summarizer *s, tdm_work *w, size_t n, long title, tdm_error *err);

/* Cosine of the vectors of sentences i and j. */
double tdm_work_cosine(const tdm_work *w, size_t i, size_t j);

/* Spreads sentence j's weights by term (on) or clears them (!on), and the
 * cosine of i with the spread j (same value as tdm_work_cosine). */
void tdm_work_spread(tdm_work *w, size_t j, int on);
double tdm_work_cosine_spread(const tdm_work *w, size_t i, size_t j);

/* Frees what w holds (not w). */
void tdm_work_free(tdm_work *w);

/* Sorts ids in increasing order. */
void tdm_sort_ids(uint32_t *v, size_t n);

#endif
