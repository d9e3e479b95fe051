/*
 * cost_runs.c: the bead costs of a run of DP cells (search.c), the inner
 * loops of the alignment: with AVX2 (asked at run time: the build targets
 * any x86-64) four cells at a time, with SSE2 two, else one. Vector and
 * scalar code do the same IEEE operations on doubles in the same order,
 * without fused multiply-adds, so that every cost has the same bits
 * whichever path computed it (tests: byte-identical beads and scores).
 */
#include "align/cost_runs.h"

#include <math.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

/* tdm_length_cost of a bead of source terms (c x characters, s2 / 2 x
 * characters) src_scaled, src_var and target terms (characters, s2 / 2c x
 * characters) tc, tv: |delta| = |lt - c ls| / sqrt(s2 (ls + lt / c) / 2). */
static inline double length_cost(const tdm_length_model *len, double src_scaled, double src_var,
                                 double tc, double tv)
{
    double var = src_var + tv;
    if (!(var > 0))
        return 0;
    double dev = tc - src_scaled;
    double pos = (dev < 0 ? -dev : dev) / sqrt(var) * 100;
    if (pos >= TDM_LENGTH_TABLE - 1)
        return tdm_length_tail(pos / 100);
    int k = (int)pos;
    double f = pos - k;
    return len->table[k] * (1 - f) + len->table[k + 1] * f;
}

#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_AVX2_PATH 1
/* type_costs four cells at a time, for processors with AVX2 (asked at run
 * time: the build targets any x86-64). The same operations as the scalar
 * code, rounded the same (no fused multiply-add); cells the table does not
 * cover go one at a time. Returns the cells done. */
__attribute__((target("avx2"))) static uint32_t
type_costs_avx2(const tdm_length_model *len, double src_scaled, double src_var, double w_len,
                double type, double sim_factor, const double *tc, const double *tv,
                const double *mt, double *out, uint32_t count)
{
    const __m256d vs_scaled = _mm256_set1_pd(src_scaled), vs_var = _mm256_set1_pd(src_var);
    const __m256d zero = _mm256_setzero_pd(), sign = _mm256_set1_pd(-0.0);
    const __m256d hundred = _mm256_set1_pd(100), one = _mm256_set1_pd(1);
    const __m256d top = _mm256_set1_pd(TDM_LENGTH_TABLE - 1);
    const __m256d vw_len = _mm256_set1_pd(w_len), vtype = _mm256_set1_pd(type);
    const __m256d vsim = _mm256_set1_pd(sim_factor);
    uint32_t k = 0;
    for (; k + 4 <= count; k += 4) {
        __m256d var = _mm256_add_pd(vs_var, _mm256_loadu_pd(tv + k));
        __m256d dev = _mm256_sub_pd(_mm256_loadu_pd(tc + k), vs_scaled);
        __m256d neg = _mm256_cmp_pd(dev, zero, _CMP_LT_OQ); /* dev < 0 ? -dev : dev */
        __m256d mag = _mm256_blendv_pd(dev, _mm256_xor_pd(dev, sign), neg);
        __m256d pos = _mm256_mul_pd(_mm256_div_pd(mag, _mm256_sqrt_pd(var)), hundred);
        __m256d ok = _mm256_and_pd(_mm256_cmp_pd(var, zero, _CMP_GT_OQ),
                                   _mm256_cmp_pd(pos, top, _CMP_LT_OQ));
        if (_mm256_movemask_pd(ok) != 15) {
            for (uint32_t e = k; e < k + 4; e++)
                out[e] = w_len * length_cost(len, src_scaled, src_var, tc[e], tv[e]) + type -
                         sim_factor * mt[e];
            continue;
        }
        __m128i cell = _mm256_cvttpd_epi32(pos);
        __m256d f = _mm256_sub_pd(pos, _mm256_cvtepi32_pd(cell));
        int k0 = _mm_extract_epi32(cell, 0), k1 = _mm_extract_epi32(cell, 1);
        int k2 = _mm_extract_epi32(cell, 2), k3 = _mm_extract_epi32(cell, 3);
        __m256d t0 = _mm256_set_pd(len->table[k3], len->table[k2], len->table[k1], len->table[k0]);
        __m256d t1 = _mm256_set_pd(len->table[k3 + 1], len->table[k2 + 1], len->table[k1 + 1],
                                   len->table[k0 + 1]);
        __m256d length =
            _mm256_add_pd(_mm256_mul_pd(t0, _mm256_sub_pd(one, f)), _mm256_mul_pd(t1, f));
        __m256d c = _mm256_add_pd(_mm256_mul_pd(vw_len, length), vtype);
        _mm256_storeu_pd(out + k, _mm256_sub_pd(c, _mm256_mul_pd(vsim, _mm256_loadu_pd(mt + k))));
    }
    return k;
}
#endif

/* out[k] = the cost of an x-y bead of type cost type over count cells of
 * target terms tc[k], tv[k] and lexical match mt[k] (see bead_cost). With
 * AVX2 four cells at a time, with SSE2 two: the same operations on doubles,
 * so the same bits. */
void tdm_type_costs(const tdm_length_model *len, double src_scaled, double src_var, double w_len,
                    double type, double sim_factor, const double *tc, const double *tv,
                    const double *mt, double *out, uint32_t count)
{
    uint32_t k = 0;
#ifdef HAVE_AVX2_PATH
    if (__builtin_cpu_supports("avx2"))
        k = type_costs_avx2(len, src_scaled, src_var, w_len, type, sim_factor, tc, tv, mt, out,
                            count);
#endif
#ifdef __SSE2__
    const __m128d vs_scaled = _mm_set1_pd(src_scaled), vs_var = _mm_set1_pd(src_var);
    const __m128d zero = _mm_setzero_pd(), sign = _mm_set1_pd(-0.0);
    const __m128d hundred = _mm_set1_pd(100), one = _mm_set1_pd(1);
    const __m128d top = _mm_set1_pd(TDM_LENGTH_TABLE - 1);
    const __m128d vw_len = _mm_set1_pd(w_len), vtype = _mm_set1_pd(type);
    const __m128d vsim = _mm_set1_pd(sim_factor);
    for (; k + 2 <= count; k += 2) {
        __m128d var = _mm_add_pd(vs_var, _mm_loadu_pd(tv + k));
        __m128d dev = _mm_sub_pd(_mm_loadu_pd(tc + k), vs_scaled);
        __m128d neg = _mm_cmplt_pd(dev, zero); /* dev < 0 ? -dev : dev */
        __m128d mag = _mm_or_pd(_mm_and_pd(neg, _mm_xor_pd(dev, sign)), _mm_andnot_pd(neg, dev));
        __m128d pos = _mm_mul_pd(_mm_div_pd(mag, _mm_sqrt_pd(var)), hundred);
        /* both in the table (not NaN either), var > 0: else one at a time */
        if (_mm_movemask_pd(_mm_and_pd(_mm_cmpgt_pd(var, zero), _mm_cmplt_pd(pos, top))) != 3) {
            out[k] = w_len * length_cost(len, src_scaled, src_var, tc[k], tv[k]) + type -
                     sim_factor * mt[k];
            out[k + 1] = w_len * length_cost(len, src_scaled, src_var, tc[k + 1], tv[k + 1]) +
                         type - sim_factor * mt[k + 1];
            continue;
        }
        __m128i cell = _mm_cvttpd_epi32(pos);
        __m128d f = _mm_sub_pd(pos, _mm_cvtepi32_pd(cell));
        int k0 = _mm_cvtsi128_si32(cell), k1 = _mm_cvtsi128_si32(_mm_srli_si128(cell, 4));
        __m128d t0 = _mm_set_pd(len->table[k1], len->table[k0]);
        __m128d t1 = _mm_set_pd(len->table[k1 + 1], len->table[k0 + 1]);
        __m128d length = _mm_add_pd(_mm_mul_pd(t0, _mm_sub_pd(one, f)), _mm_mul_pd(t1, f));
        __m128d c = _mm_add_pd(_mm_mul_pd(vw_len, length), vtype);
        _mm_storeu_pd(out + k, _mm_sub_pd(c, _mm_mul_pd(vsim, _mm_loadu_pd(mt + k))));
    }
#endif
    for (; k < count; k++)
        out[k] =
            w_len * length_cost(len, src_scaled, src_var, tc[k], tv[k]) + type - sim_factor * mt[k];
}

/* run[k] += cells[k], then sum[k] += run[k], for count cells (doubles
 * from floats, two at a time with SSE2: the same sums). */
void tdm_add_run(const float *cells, double *run, double *sum, uint32_t count)
{
    uint32_t k = 0;
#ifdef __SSE2__
    for (; k + 2 <= count; k += 2) {
        __m128 two = _mm_castsi128_ps(_mm_loadl_epi64((const __m128i *)(cells + k)));
        __m128d r = _mm_add_pd(_mm_loadu_pd(run + k), _mm_cvtps_pd(two));
        _mm_storeu_pd(run + k, r);
        _mm_storeu_pd(sum + k, _mm_add_pd(_mm_loadu_pd(sum + k), r));
    }
#endif
    for (; k < count; k++) {
        run[k] += cells[k];
        sum[k] += run[k];
    }
}
