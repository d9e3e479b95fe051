/* test_cost_runs.c: the vectorized bead costs of a run of DP cells
 * (toolkit/align/cost_runs.c) have the bits of the scalar formula, on runs
 * of every length (AVX2, SSE2 and scalar tails) and at the table's edges. */
#include "test.h"

#include <math.h>
#include <string.h>

#include "align/cost_runs.h"

static uint64_t rng(uint64_t *s)
{
    *s = *s * 6364136223846793005u + 1442695040888963407u;
    return *s >> 11;
}

static double uniform(uint64_t *s)
{
    return (double)rng(s) / 9007199254740992.0; /* [0, 1) */
}

/* The scalar cost, written out as search.c computed it cell by cell. */
static double reference(const tdm_length_model *len, double src_scaled, double src_var,
                        double w_len, double type, double sim, double tc, double tv, double mt)
{
    double var = src_var + tv, length = 0;
    if (var > 0) {
        double dev = tc - src_scaled;
        double pos = (dev < 0 ? -dev : dev) / sqrt(var) * 100;
        if (pos >= TDM_LENGTH_TABLE - 1) {
            length = tdm_length_tail(pos / 100);
        } else {
            int k = (int)pos;
            double f = pos - k;
            length = len->table[k] * (1 - f) + len->table[k + 1] * f;
        }
    }
    return w_len * length + type - sim * mt;
}

static void test_type_costs_bits(void **state)
{
    (void)state;
    static tdm_length_model len;
    tdm_length_model_init(&len, 1.07, 6.8);
    uint64_t r = 3;
    double tc[64], tv[64], mt[64], out[64];
    for (int round = 0; round < 2000; round++) {
        uint32_t count = 1 + (uint32_t)(rng(&r) % 64);
        double src_chars = uniform(&r) * 400;
        double src_scaled = len.c * src_chars, src_var = 0.5 * len.s2 * src_chars;
        if (round % 50 == 0)
            src_var = src_scaled = 0; /* an empty source: var may be 0 */
        double w_len = 0.4165, type = uniform(&r) * 3, sim = uniform(&r) * 0.5;
        for (uint32_t k = 0; k < count; k++) {
            /* lengths near, far (the tail of the table) and empty */
            double scale = rng(&r) % 4 == 0 ? 40 : 1.2;
            tc[k] = rng(&r) % 17 == 0 ? 0 : src_scaled * scale * uniform(&r) + uniform(&r) * 30;
            tv[k] = 0.5 * len.s2 / len.c * tc[k];
            mt[k] = uniform(&r) * 20 - 2;
        }
        tdm_type_costs(&len, src_scaled, src_var, w_len, type, sim, tc, tv, mt, out, count);
        for (uint32_t k = 0; k < count; k++) {
            double want =
                reference(&len, src_scaled, src_var, w_len, type, sim, tc[k], tv[k], mt[k]);
            assert_memory_equal(&out[k], &want, sizeof want);
        }
    }
}

static void test_add_run_bits(void **state)
{
    (void)state;
    uint64_t r = 9;
    float cells[64];
    double run[64], sum[64], run_want[64], sum_want[64];
    for (int round = 0; round < 500; round++) {
        uint32_t count = 1 + (uint32_t)(rng(&r) % 64);
        for (uint32_t k = 0; k < count; k++) {
            cells[k] = (float)(uniform(&r) * 10 - 3);
            run[k] = run_want[k] = uniform(&r) * 5;
            sum[k] = sum_want[k] = uniform(&r) * 50;
            run_want[k] += cells[k];
            sum_want[k] += run_want[k];
        }
        tdm_add_run(cells, run, sum, count);
        assert_memory_equal(run, run_want, count * sizeof *run);
        assert_memory_equal(sum, sum_want, count * sizeof *sum);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_type_costs_bits),
        cmocka_unit_test(test_add_run_bits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
