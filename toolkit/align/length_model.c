/*
 * length_model.c: Gale & Church (1993), "A program for aligning sentences in
 * bilingual corpora", Computational Linguistics 19(1).
 *
 * A source text of l1 characters translates into l2 characters with
 * l2 ~ Normal(c l1, s2 l1). For a bead, delta = (l2 - c l1) / sqrt(s2 l1) is
 * a standard normal variable and the bead's length cost is
 * -log P(|X| >= |delta|) = -log(2 (1 - Phi(|delta|))). We use the mean of l1
 * and l2 / c for l1 so that the model is symmetric in its two sides.
 * c and s2 are not the published 1 and 6.8: the aligner starts from
 * per-language-pair defaults (models/align/) and re-estimates both from the
 * confident 1-1 beads of the input (tdm_length_estimate). The cost is
 * tabulated once per model (Phi from GSL) so that the DP pays a lookup and
 * an interpolation per bead.
 */
#include "align/length_model.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_erf.h>
#include <math.h>

#define STEP 0.01

double tdm_length_tail(double x)
{
    if (x < 25)
        return -log(2 * gsl_cdf_ugaussian_Q(x));
    return -gsl_sf_log_erfc(x / sqrt(2.0));
}

void tdm_length_model_init(tdm_length_model *m, double c, double s2)
{
    m->c = c < 0.2 ? 0.2 : c > 5 ? 5 : c;
    m->s2 = s2 < 0.5 ? 0.5 : s2 > 200 ? 200 : s2;
    for (int k = 0; k < TDM_LENGTH_TABLE; k++)
        m->table[k] = tdm_length_tail(k * STEP);
}

int tdm_length_estimate(const double *src_chars, const double *tgt_chars, size_t n, double *c,
                        double *s2)
{
    if (n < 8)
        return -1;
    double ss = 0, st = 0;
    for (size_t k = 0; k < n; k++) {
        ss += src_chars[k];
        st += tgt_chars[k];
    }
    if (ss <= 0 || st <= 0)
        return -1;
    double ratio = st / ss, dev = 0, norm = 0;
    for (size_t k = 0; k < n; k++) {
        double d = tgt_chars[k] - ratio * src_chars[k];
        dev += d * d;
        norm += 0.5 * (src_chars[k] + tgt_chars[k] / ratio);
    }
    *c = ratio;
    *s2 = dev / norm;
    return 0;
}
