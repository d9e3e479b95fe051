/*
 * length_model.h: the Gale-Church sentence length model (see
 * length_model.c).
 */
#ifndef TANDEM_INTERNAL_LENGTH_MODEL_H
#define TANDEM_INTERNAL_LENGTH_MODEL_H

#include <math.h>
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

/* -log P(|X| >= x) for a standard normal X (any x >= 0). */
double tdm_length_tail(double x);

/* -log P(|delta| or more) for a bead of src_chars against tgt_chars
 * characters: 0 for a perfect ratio, growing with the squared deviation.
 * Inline: the DP calls it for every bead it considers. */
static inline double tdm_length_cost(const tdm_length_model *m, double src_chars, double tgt_chars)
{
    double l1 = 0.5 * (src_chars + tgt_chars / m->c);
    if (l1 <= 0)
        return 0;
    double dev = tgt_chars - m->c * src_chars;
    double pos = (dev < 0 ? -dev : dev) / sqrt(m->s2 * l1) * 100; /* table step 0.01 */
    if (pos >= TDM_LENGTH_TABLE - 1)
        return tdm_length_tail(pos / 100);
    int k = (int)pos;
    double f = pos - k;
    return m->table[k] * (1 - f) + m->table[k + 1] * f;
}

/* Estimates c and s2 from n pairs of lengths (e.g. the confident 1-1 beads)
 * by maximum likelihood; leaves them unchanged and returns -1 when n is too
 * small (fewer than 8 pairs). */
int tdm_length_estimate(const double *src_chars, const double *tgt_chars, size_t n, double *c,
                        double *s2);

#endif
