/*
 * eval.h: bead files and the strict/lax precision, recall and F1 of an
 * alignment against gold beads, exactly as defined in doc/evaluation.md (the
 * convention of the published Text+Berg results).
 */
#ifndef TANDEM_EVAL_H
#define TANDEM_EVAL_H

#include "tandem/align.h"

/* Counts summed over documents (micro average). */
typedef struct tdm_eval_counts {
    size_t test_beads; /* precision denominator: test beads, nulls included */
    size_t strict_p;   /* test beads found exactly in gold */
    size_t lax_p;      /* test beads exact or overlapping a gold link */
    size_t gold_beads; /* recall denominator: gold beads with both sides */
    size_t strict_r;
    size_t lax_r;
    size_t many_beads;  /* test beads with two or more sentences on both sides */
    size_t many_strict; /* those found exactly in gold */
    size_t gold_1to1;   /* gold 1-1 beads */
    size_t merged_1to1; /* gold 1-1 beads inside a larger test bead (both in it) */
} tdm_eval_counts;

typedef struct tdm_eval_scores {
    double strict_p, strict_r, strict_f1;
    double lax_p, lax_r, lax_f1;
    double many_p; /* many-to-many precision: many_strict / many_beads */
} tdm_eval_scores;

/* Reads a bead file ("[0, 1]:[2]" or "[]:[3]:0.87", one per line; blank
 * lines skipped) into a new array *beads the caller frees with free().
 * Ids of one side must be
 * ascending. Gold files may skip ids inside a bead ("[250]:[291, 293, 294]",
 * 292 being in a bead of its own): such a bead is read as the whole range
 * with score -1, and the evaluation treats it as the set it is. Returns 0,
 * TDM_EIO, or TDM_EINPUT with the file and line in err. */
int tdm_beads_read(const char *path, tdm_bead **beads, size_t *count, tdm_error *err);

/* Adds one document's counts of test against gold to counts (the caller's,
 * zeroed before the first document). */
void tdm_eval_add(tdm_eval_counts *counts, const tdm_bead *gold, size_t gold_count,
                  const tdm_bead *test, size_t test_count);

/* Precision, recall and F1 from summed counts (0 where undefined). */
void tdm_eval_scores_of(const tdm_eval_counts *counts, tdm_eval_scores *scores);

/* Development sets: the summed counts of the documents of one set of a
 * list file (format in toolkit/align/fit.c and models/README.md). */
typedef struct tdm_eval_set {
    char name[32];
    size_t docs;
    tdm_eval_counts counts;
    tdm_eval_scores scores;
} tdm_eval_set;

/* Aligns every document pair of the list file with opts (the models' fitted
 * weights; opts->lexicon as for tdm_align, NULL: the models' lexicon of each
 * pair) and scores it against its gold beads, per set: fills up to cap
 * sets (the caller's array) and *nsets. Returns 0 or a negative TDM_E...
 * code with err naming the file at fault. Aligns on all cores. */
int tdm_align_eval_list(const char *list, const tdm_align_opts *opts, tdm_eval_set *sets,
                        size_t cap, size_t *nsets, tdm_error *err);

/* Fits the aligner's weights on the list's documents (see toolkit/align/fit.c:
 * priors from gold, coordinate search on the mean over sets of strict F1,
 * score calibration) and writes them to out (NULL: the models directory's
 * align/weights). Fills sets with the scores after fitting. This is
 * `align --fit LIST`. Takes minutes, not hours. The weights file is
 * written atomically. */
int tdm_align_fit(const char *list, const tdm_align_opts *opts, const char *out, tdm_eval_set *sets,
                  size_t cap, size_t *nsets, tdm_error *err);

#endif
