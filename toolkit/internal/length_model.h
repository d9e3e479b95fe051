/*
 * length_model.h: the Gale-Church sentence length model (see
 * length_model.c).
 */
#ifndef TANDEM_INTERNAL_LENGTH_MODEL_H
#define TANDEM_INTERNAL_LENGTH_MODEL_H

#include <stddef.h>

#define TDM_LENGTH_TABLE 3001

/* Target characters per source character c and variance per character s2,
 * with a table of the cost over |delta| in steps of 0.01. Plain data. */
typedef struct tdm_length_model {
    double c, s2;
    double table[TDM_LENGTH_TABLE];
} tdm_length_model;

/* Sets the parameters (clamped to sane ranges) and fills the table. */
void tdm_length_model_init(tdm_length_model *m, double c, double s2);

/* -log P(|delta| or more) for a bead of src_chars against tgt_chars
 * characters, both > 0: 0 for a perfect ratio, growing with the squared
 * deviation. */
double tdm_length_cost(const tdm_length_model *m, double src_chars, double tgt_chars);

/* Estimates c and s2 from n pairs of lengths (e.g. the confident 1-1 beads)
 * by maximum likelihood; leaves them unchanged and returns -1 when n is too
 * small (fewer than 8 pairs). */
int tdm_length_estimate(const double *src_chars, const double *tgt_chars, size_t n, double *c,
                        double *s2);

#endif
