/*
 * cost_runs.h: the bead costs of a run of DP cells, vectorized where the
 * processor allows, bit for bit the scalar results (see cost_runs.c).
 */
#ifndef TANDEM_INTERNAL_COST_RUNS_H
#define TANDEM_INTERNAL_COST_RUNS_H

#include <stdint.h>

#include "align/length_model.h"

/* out[k] = w_len * tdm_length_cost + type - sim_factor * mt[k] for count
 * cells of a bead whose source terms are src_scaled (c x characters) and
 * src_var (s2 / 2 x characters) and whose target terms are tc[k]
 * (characters) and tv[k] (s2 / 2c x characters). */
void tdm_type_costs(const tdm_length_model *len, double src_scaled, double src_var, double w_len,
                    double type, double sim_factor, const double *tc, const double *tv,
                    const double *mt, double *out, uint32_t count);

/* run[k] += cells[k], then sum[k] += run[k], for count cells. */
void tdm_add_run(const float *cells, double *run, double *sum, uint32_t count);

#endif
