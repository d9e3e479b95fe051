/* test_dp.c: bands and the banded bead DP (toolkit/align/dp.c) on synthetic costs
 * with a known best path. */
#include "test.h"

#include <math.h>
#include <string.h>

#include "align/dp.h"

static void assert_band_ok(const tdm_band *b)
{
    assert_int_equal(b->lo[0], 0);
    assert_int_equal(b->hi[b->n], b->m);
    for (size_t i = 0; i <= b->n; i++) {
        assert_true(b->lo[i] <= b->hi[i]);
        assert_true(b->hi[i] <= b->m);
        if (i > 0) {
            assert_true(b->lo[i] >= b->lo[i - 1]);
            assert_true(b->hi[i] >= b->hi[i - 1]);
            assert_true(b->lo[i] <= b->hi[i - 1]); /* consecutive rows overlap */
        }
    }
}

static void test_bands(void **state)
{
    (void)state;
    const size_t sizes[][2] = {{0, 0}, {0, 5}, {5, 0}, {1, 40}, {40, 1}, {10, 100}, {300, 310}};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t n = sizes[k][0], m = sizes[k][1];
        tdm_band b;
        assert_int_equal(tdm_band_full(&b, n, m), 0);
        assert_band_ok(&b);
        assert_int_equal(tdm_band_cells(&b), (n + 1) * (m + 1));
        tdm_band_free(&b);
        assert_int_equal(tdm_band_diagonal(&b, n, m, 3), 0);
        assert_band_ok(&b);
        tdm_band_free(&b);
    }
    /* Around a path: every path cell is inside, and the band is narrow. */
    tdm_bead path[] = {{0, 1, 0, 1, 0}, {1, 2, 1, 1, 0}, {3, 0, 2, 1, 0}, {3, 1, 3, 3, 0}};
    tdm_band b;
    assert_int_equal(tdm_band_around(&b, 4, 6, path, 4, 1), 0);
    assert_band_ok(&b);
    for (size_t k = 0; k < 4; k++) {
        uint32_t i = path[k].src_first + path[k].src_count,
                 j = path[k].tgt_first + path[k].tgt_count;
        assert_true(b.lo[i] <= j && j <= b.hi[i]);
    }
    tdm_band_free(&b);
}

/* Costs from a hidden alignment: its beads cost 0, any other bead 1 + its
 * size, a null bead 3. The cheapest path is the hidden one. */
typedef struct {
    const tdm_bead *hidden;
    size_t count;
} hidden_ctx;

static double hidden_cost(void *ctx, uint32_t i, uint32_t j, unsigned a, unsigned b)
{
    const hidden_ctx *h = ctx;
    for (size_t k = 0; k < h->count; k++) {
        const tdm_bead *x = &h->hidden[k];
        if (x->src_first + x->src_count == i && x->tgt_first + x->tgt_count == j &&
            x->src_count == a && x->tgt_count == b)
            return 0;
    }
    return a == 0 || b == 0 ? 3 : 1 + a + b;
}

/* The same costs, a run of cells at a time. */
static void hidden_cells(void *ctx, uint32_t i, uint32_t j0, uint32_t j1, double *const *cost)
{
    assert_true(j0 <= j1 && j1 - j0 < TDM_DP_CHUNK);
    for (uint32_t j = j0; j <= j1; j++)
        for (unsigned a = 0; a <= 3 && a <= i; a++)
            for (unsigned b = 0; b <= 3 && b <= j; b++)
                if (a + b == 1 || (a && b)) /* the DP's types */
                    cost[TDM_DP_TYPE(a, b)][j - j0] = hidden_cost(ctx, i, j, a, b);
}

static uint64_t rng(uint64_t *s)
{
    *s = *s * 6364136223846793005u + 1442695040888963407u;
    return *s >> 33;
}

/* A random path of n beads of sizes up to 3 (and nulls). */
static size_t random_path(uint64_t *r, tdm_bead *out, size_t beads, size_t *n, size_t *m)
{
    static const unsigned types[][2] = {{1, 1}, {1, 1}, {1, 1}, {1, 2}, {2, 1},
                                        {1, 0}, {0, 1}, {2, 2}, {1, 3}, {3, 1}};
    *n = *m = 0;
    for (size_t k = 0; k < beads; k++) {
        const unsigned *t = types[rng(r) % 10];
        out[k] = (tdm_bead){(uint32_t)*n, t[0], (uint32_t)*m, t[1], 0};
        *n += t[0];
        *m += t[1];
    }
    return beads;
}

static void assert_same_path(const tdm_bead *a, size_t na, const tdm_bead *b, size_t nb)
{
    assert_int_equal(na, nb);
    for (size_t k = 0; k < na; k++) {
        assert_int_equal(a[k].src_count, b[k].src_count);
        assert_int_equal(a[k].tgt_count, b[k].tgt_count);
        assert_int_equal(a[k].src_first, b[k].src_first);
        assert_int_equal(a[k].tgt_first, b[k].tgt_first);
    }
}

static void test_recovers_hidden_path(void **state)
{
    (void)state;
    uint64_t r = 11;
    for (int round = 0; round < 20; round++) {
        tdm_bead hidden[80];
        size_t n, m, count = random_path(&r, hidden, 1 + rng(&r) % 80, &n, &m);
        hidden_ctx h = {hidden, count};
        tdm_dp_cost cost = {hidden_cost, NULL, &h, NULL};
        tdm_band b;
        tdm_bead *path;
        size_t len;
        int touched;
        assert_int_equal(tdm_band_full(&b, n, m), 0);
        assert_int_equal(tdm_dp_align(&b, 3, 6, &cost, &path, &len, &touched), 0);
        assert_false(touched);
        assert_same_path(path, len, hidden, count);
        free(path);
        /* The per-cell callback finds it too. */
        tdm_dp_cost cells = {NULL, NULL, &h, hidden_cells};
        assert_int_equal(tdm_dp_align(&b, 3, 6, &cells, &path, &len, &touched), 0);
        assert_same_path(path, len, hidden, count);
        free(path);
        tdm_band_free(&b);
        /* Banded around the hidden path itself: the same path. */
        assert_int_equal(tdm_band_around(&b, n, m, hidden, count, 2), 0);
        assert_true(tdm_band_cells(&b) <= (n + 1) * (m + 1));
        assert_int_equal(tdm_dp_align(&b, 3, 6, &cost, &path, &len, &touched), 0);
        assert_same_path(path, len, hidden, count);
        free(path);
        assert_int_equal(tdm_dp_align(&b, 3, 6, &cells, &path, &len, &touched), 0);
        assert_same_path(path, len, hidden, count);
        free(path);
        tdm_band_free(&b);
    }
}

/* A band that misses the best path: the result still covers everything in
 * order, touches the edge, and a refined band finds the best path. */
static void test_refine(void **state)
{
    (void)state;
    tdm_bead hidden[60];
    size_t n = 0, m = 0, count = 0;
    for (size_t k = 0; k < 20; k++) /* 20 target sentences with no source first */
        hidden[count++] = (tdm_bead){0, 0, (uint32_t)m++, 1, 0};
    for (size_t k = 0; k < 40; k++) {
        hidden[count++] = (tdm_bead){(uint32_t)n, 1, (uint32_t)m, 1, 0};
        n++;
        m++;
    }
    /* make the 0-1 beads cheap so that the hidden path is the best */
    hidden_ctx h = {hidden, count};
    tdm_dp_cost cost = {hidden_cost, NULL, &h, NULL};
    tdm_band b, refined;
    assert_int_equal(tdm_band_diagonal(&b, n, m, 2), 0);
    tdm_bead *path;
    size_t len;
    int touched = 0;
    assert_int_equal(tdm_dp_align(&b, 3, 6, &cost, &path, &len, &touched), 0);
    assert_true(touched);
    size_t s = 0, t = 0;
    for (size_t k = 0; k < len; k++) {
        if (path[k].src_count)
            assert_int_equal(path[k].src_first, s);
        if (path[k].tgt_count)
            assert_int_equal(path[k].tgt_first, t);
        s += path[k].src_count;
        t += path[k].tgt_count;
    }
    assert_int_equal(s, n);
    assert_int_equal(t, m);
    for (int tries = 0; touched && tries < 4; tries++) {
        assert_int_equal(tdm_band_refine(&refined, &b, path, len, 2, 32), 0);
        assert_band_ok(&refined);
        free(path);
        tdm_band_free(&b);
        b = refined;
        assert_int_equal(tdm_dp_align(&b, 3, 6, &cost, &path, &len, &touched), 0);
    }
    assert_same_path(path, len, hidden, count);
    free(path);
    tdm_band_free(&b);
}

/* max_bead and max_total limit the bead types. */
static void test_bead_limits(void **state)
{
    (void)state;
    tdm_bead hidden[] = {{0, 2, 0, 3, 0}, {2, 1, 3, 1, 0}};
    hidden_ctx h = {hidden, 2};
    tdm_dp_cost cost = {hidden_cost, NULL, &h, NULL};
    tdm_band b;
    tdm_bead *path;
    size_t len;
    assert_int_equal(tdm_band_full(&b, 3, 4), 0);
    assert_int_equal(tdm_dp_align(&b, 3, 6, &cost, &path, &len, NULL), 0);
    assert_same_path(path, len, hidden, 2);
    free(path);
    assert_int_equal(tdm_dp_align(&b, 3, 4, &cost, &path, &len, NULL), 0); /* no 2-3 */
    for (size_t k = 0; k < len; k++)
        assert_true(path[k].src_count + path[k].tgt_count <= 4);
    free(path);
    assert_int_equal(tdm_dp_align(&b, 1, 2, &cost, &path, &len, NULL), 0);
    for (size_t k = 0; k < len; k++)
        assert_true(path[k].src_count <= 1 && path[k].tgt_count <= 1);
    free(path);
    tdm_band_free(&b);
    /* 27 bead types: back pointers a byte each (not half) */
    tdm_bead big[] = {{0, 4, 0, 1, 0}, {4, 1, 1, 5, 0}, {5, 0, 6, 1, 0}};
    hidden_ctx hb = {big, 3};
    tdm_dp_cost bc = {hidden_cost, NULL, &hb, NULL};
    assert_int_equal(tdm_band_full(&b, 5, 7), 0);
    assert_int_equal(tdm_dp_align(&b, 5, 10, &bc, &path, &len, NULL), 0);
    assert_same_path(path, len, big, 3);
    free(path);
    tdm_band_free(&b);
}

/* Costs of few values, so that beads of equal cost meet in most cells. */
static double tie_cost(void *ctx, uint32_t i, uint32_t j, unsigned a, unsigned b)
{
    uint64_t h = *(const uint64_t *)ctx ^ ((uint64_t)i * 1000003u + j) * 0x9E3779B97F4A7C15u;
    h ^= (a * 8u + b) * 0xC2B2AE3D27D4EB4Full;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 32;
    return (double)(h % 3) + (a == 0 || b == 0 ? 0.5 : 0);
}

static void tie_cells(void *ctx, uint32_t i, uint32_t j0, uint32_t j1, double *const *cost)
{
    for (uint32_t j = j0; j <= j1; j++)
        for (unsigned a = 0; a <= 3 && a <= i; a++)
            for (unsigned b = 0; b <= 3 && b <= j; b++)
                if (a + b == 1 || (a && b))
                    cost[TDM_DP_TYPE(a, b)][j - j0] = tie_cost(ctx, i, j, a, b);
}

/* The DP cell by cell, bead types in the documented order, the first of
 * equal costs kept: the reference for ties. Returns the path's length. */
static size_t reference_path(const tdm_band *band, void *ctx, tdm_bead *out)
{
    static const unsigned types[][2] = {{1, 0}, {0, 1}, {1, 1}, {1, 2}, {1, 3}, {2, 1},
                                        {2, 2}, {2, 3}, {3, 1}, {3, 2}, {3, 3}};
    size_t n = band->n, m = band->m;
    double *best = malloc((n + 1) * (m + 1) * sizeof *best);
    unsigned char *arg = calloc((n + 1) * (m + 1), 1);
    assert_non_null(best);
    assert_non_null(arg);
    for (size_t i = 0; i <= n; i++)
        for (size_t j = 0; j <= m; j++) {
            double v = i == 0 && j == 0 ? 0 : HUGE_VAL;
            if (j < band->lo[i] || j > band->hi[i]) {
                best[i * (m + 1) + j] = HUGE_VAL;
                continue;
            }
            for (size_t t = 0; t < 11; t++) {
                unsigned a = types[t][0], b = types[t][1];
                if (a > i || b > j || j - b < band->lo[i - a] || j - b > band->hi[i - a])
                    continue;
                double prev = best[(i - a) * (m + 1) + (j - b)];
                if (prev == HUGE_VAL)
                    continue;
                double c = prev + tie_cost(ctx, (uint32_t)i, (uint32_t)j, a, b);
                if (c < v) {
                    v = c;
                    arg[i * (m + 1) + j] = (unsigned char)(t + 1);
                }
            }
            best[i * (m + 1) + j] = v;
        }
    size_t len = 0, i = n, j = m;
    while (i > 0 || j > 0) {
        unsigned t = arg[i * (m + 1) + j];
        assert_true(t > 0);
        unsigned a = types[t - 1][0], b = types[t - 1][1];
        out[len++] = (tdm_bead){(uint32_t)(i - a), a, (uint32_t)(j - b), b, 0};
        i -= a;
        j -= b;
    }
    for (size_t k = 0; k < len / 2; k++) {
        tdm_bead x = out[k];
        out[k] = out[len - 1 - k];
        out[len - 1 - k] = x;
    }
    free(best);
    free(arg);
    return len;
}

/* Of beads of equal cost, the first in the order of types wins, whichever
 * callback gives the costs and however wide the rows (runs of cells). */
static void test_ties(void **state)
{
    (void)state;
    const size_t sizes[][2] = {{7, 9}, {40, 33}, {300, 280}, {20, 700}};
    for (uint64_t seed = 1; seed <= 6; seed++)
        for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
            size_t n = sizes[k][0], m = sizes[k][1];
            tdm_band b;
            if (seed % 2)
                assert_int_equal(tdm_band_full(&b, n, m), 0);
            else
                assert_int_equal(tdm_band_diagonal(&b, n, m, 5), 0);
            tdm_bead *want = malloc((n + m + 1) * sizeof *want), *path;
            size_t want_len = reference_path(&b, &seed, want), len;
            tdm_dp_cost by_bead = {tie_cost, NULL, &seed, NULL};
            assert_int_equal(tdm_dp_align(&b, 3, 6, &by_bead, &path, &len, NULL), 0);
            assert_same_path(path, len, want, want_len);
            free(path);
            tdm_dp_cost by_cells = {NULL, NULL, &seed, tie_cells};
            assert_int_equal(tdm_dp_align(&b, 3, 6, &by_cells, &path, &len, NULL), 0);
            assert_same_path(path, len, want, want_len);
            free(path);
            free(want);
            tdm_band_free(&b);
        }
}

/* Clipping a path to sub-grids keeps the beads a scan of the whole path
 * keeps (the old clip_guide of search.c), cut the same way. */
static void test_path_clip(void **state)
{
    (void)state;
    uint64_t r = 5;
    tdm_bead path[400], want[400];
    for (int round = 0; round < 200; round++) {
        size_t n, m, count = random_path(&r, path, 1 + rng(&r) % 400, &n, &m);
        size_t s0 = rng(&r) % (n + 2), t0 = rng(&r) % (m + 2);
        size_t sn = rng(&r) % (n + 1), tm = rng(&r) % (m + 1), want_count = 0;
        for (size_t k = 0; k < count; k++) {
            long i0 = (long)path[k].src_first - (long)s0, j0 = (long)path[k].tgt_first - (long)t0;
            long i1 = i0 + path[k].src_count, j1 = j0 + path[k].tgt_count;
            if (i1 < 0 || j1 < 0 || i0 > (long)sn || j0 > (long)tm)
                continue;
            i0 = i0 < 0 ? 0 : i0;
            j0 = j0 < 0 ? 0 : j0;
            i1 = i1 > (long)sn ? (long)sn : i1;
            j1 = j1 > (long)tm ? (long)tm : j1;
            want[want_count++] =
                (tdm_bead){(uint32_t)i0, (uint32_t)(i1 - i0), (uint32_t)j0, (uint32_t)(j1 - j0), 0};
        }
        size_t got_count;
        tdm_bead *got = tdm_path_clip(path, count, s0, sn, t0, tm, &got_count);
        assert_non_null(got);
        assert_same_path(got, got_count, want, want_count);
        free(got);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bands),  cmocka_unit_test(test_recovers_hidden_path),
        cmocka_unit_test(test_refine), cmocka_unit_test(test_bead_limits),
        cmocka_unit_test(test_ties),   cmocka_unit_test(test_path_clip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
