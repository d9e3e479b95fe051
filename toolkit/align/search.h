/*
 * search.h: bead costs and the coarse-to-fine search over one level of
 * units (sentences or paragraphs); see bead_cost.c and search.c.
 */
#ifndef TANDEM_INTERNAL_SEARCH_H
#define TANDEM_INTERNAL_SEARCH_H

#include "align/aligner.h"
#include "align/length_model.h"
#include "align/lexical.h"

/* The units of one level of both sides and how to score their beads. */
typedef struct tdm_scorer {
    const tdm_units *src, *tgt; /* NULL for length-only scoring */
    double *scum, *tcum;        /* prefix sums of characters (count + 1) */
    double *stok, *ttok;        /* prefix sums of words and numbers */
    size_t n, m;
    const tdm_length_model *len;
    double w_len, w_sim, null_cost, w_null_len;
    double d0;          /* chance match rate (2 M / tokens) of unrelated units */
    double tavg;        /* mean words and numbers per unit */
    float *idf;         /* weight of each key by its rarity */
    uint32_t key_limit; /* keys of both sides are below it */
    /* The searches' index of target units by key (search.c): all zero
     * between searches, so that a scorer searches in one thread at a time. */
    uint32_t *first_at, *last_at;
    double type_cost[4][4]; /* w_prior * -log P(type) */
    unsigned max_bead;
    unsigned max_total; /* most sentences of both sides in one bead */
} tdm_scorer;

/* Fills the prefix sums and costs of s for units src and tgt (which it
 * borrows) with similarity weight w_sim and chance match rate chance
 * (negative: estimated from the units). 0 or TDM_ENOMEM; free with
 * tdm_scorer_free. */
int tdm_scorer_init(tdm_scorer *s, const tdm_units *src, const tdm_units *tgt,
                    const tdm_length_model *len, const tdm_align_params *p, double w_sim,
                    double chance, unsigned max_bead);

/* Weighted matches of source unit i and target unit j. */
double tdm_scorer_match(const tdm_scorer *s, size_t i, size_t j);

/* The keys of one source unit, marked for matching it against many target
 * units: tdm_marks_match(m, s, j) is tdm_scorer_match(s, i, j) (the same
 * sum, in the same order) at one lookup per key of unit j. */
typedef struct tdm_marks {
    float *weight; /* per key: the unit's weight of it */
    uint8_t *cnt;  /* per key: its count in the unit, 0 when not in it */
} tdm_marks;

/* 0 or TDM_ENOMEM; free with tdm_marks_free. */
int tdm_marks_init(tdm_marks *m, const tdm_scorer *s);
void tdm_marks_free(tdm_marks *m);
/* Marks source unit i (then unmark it before marking another). */
void tdm_marks_set(tdm_marks *m, const tdm_scorer *s, size_t i);
void tdm_marks_unset(tdm_marks *m, const tdm_scorer *s, size_t i);
double tdm_marks_match(const tdm_marks *m, const tdm_scorer *s, size_t j);

/* Matches of source unit i and target unit j above chance. */
double tdm_scorer_excess(const tdm_scorer *s, size_t i, size_t j);
void tdm_scorer_free(tdm_scorer *s);

/* Cost of a bead in global unit coordinates, and its lexical similarity
 * (*sim, may be NULL). */
double tdm_scorer_bead(const tdm_scorer *s, const tdm_bead *b, double *sim);

/* Cost of bead b (global coordinates) whose matches above chance are
 * excess, however they were counted (see refine.c). */
double tdm_scorer_cost(const tdm_scorer *s, const tdm_bead *b, double excess);

/* Cost of leaving source unit i (tgt_side: target unit i) unaligned. */
double tdm_scorer_null(const tdm_scorer *s, int tgt_side, size_t i);

/* Aligns source units [s0, s0 + n) with target units [t0, t0 + m). guide
 * (may be NULL), in the same global coordinates, is an earlier path to
 * search around when the grid is too large to search whole. Appends the
 * beads, in global coordinates, to *out (grown with realloc; *count and
 * *cap updated). Returns 0 or a negative TDM_E... code. */
int tdm_search(const tdm_scorer *s, size_t s0, size_t n, size_t t0, size_t m, const tdm_bead *guide,
               size_t guide_count, tdm_bead **out, size_t *count, size_t *cap);

#endif
