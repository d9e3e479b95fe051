/*
 * eval.h: bead files and the strict/lax precision, recall and F1 of an
 * alignment against gold beads, exactly as defined in EVAL.md (the
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
} tdm_eval_counts;

typedef struct tdm_eval_scores {
    double strict_p, strict_r, strict_f1;
    double lax_p, lax_r, lax_f1;
} tdm_eval_scores;

/* Reads a bead file ("[0, 1]:[2]" or "[]:[3]:0.87", one per line) into a
 * new array the caller frees. Ids of one side must be consecutive. Returns 0
 * or TDM_EINPUT with the file and line in err. */
int tdm_beads_read(const char *path, tdm_bead **beads, size_t *count, tdm_error *err);

/* Adds one document's counts of test against gold to counts. */
void tdm_eval_add(tdm_eval_counts *counts, const tdm_bead *gold, size_t gold_count,
                  const tdm_bead *test, size_t test_count);

/* Precision, recall and F1 from summed counts (0 where undefined). */
void tdm_eval_scores_of(const tdm_eval_counts *counts, tdm_eval_scores *scores);

#endif
