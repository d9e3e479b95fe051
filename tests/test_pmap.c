/* test_pmap.c: items on threads, output in item order (toolkit/base/pmap.c). */
#include "test.h"

#include <string.h>

#include "base/pmap.h"

/* Item i writes "i\n" to out (after a little work that varies, so that
 * threads finish out of order) and "e i\n" to err for multiples of 7;
 * returns i % 3 as its status, or -1 for the item named by *stop_at. */
static int item(void *ctx, int worker, size_t i, FILE *out, FILE *err)
{
    const long *stop_at = ctx;
    (void)worker;
    volatile unsigned long x = 0;
    for (unsigned long k = 0; k < (i * 7919) % 20000; k++)
        x += k;
    if (stop_at && (long)i == *stop_at)
        return -1;
    fprintf(out, "%zu\n", i);
    if (i % 7 == 0)
        fprintf(err, "e %zu\n", i);
    return (int)(i % 3);
}

static char *run(size_t n, int jobs, long stop_at, int *status)
{
    char *buf = NULL, *ebuf = NULL;
    size_t len = 0, elen = 0;
    FILE *out = open_memstream(&buf, &len), *err = open_memstream(&ebuf, &elen);
    assert_non_null(out);
    assert_non_null(err);
    *status = tdm_pmap(n, jobs, item, stop_at >= 0 ? &stop_at : NULL, out, err);
    fclose(out);
    fclose(err);
    size_t total = len + elen + 2;
    char *both = malloc(total);
    assert_non_null(both);
    snprintf(both, total, "%s|%s", buf ? buf : "", ebuf ? ebuf : "");
    free(buf);
    free(ebuf);
    return both;
}

static void test_same_output_whatever_the_threads(void **state)
{
    (void)state;
    int s1, s;
    char *one = run(1000, 1, -1, &s1);
    assert_int_equal(s1, 2);
    assert_int_equal(strncmp(one, "0\n1\n2\n3\n", 8), 0);
    for (int jobs = 2; jobs <= 8; jobs *= 2) {
        char *many = run(1000, jobs, -1, &s);
        assert_int_equal(s, 2);
        assert_string_equal(many, one);
        free(many);
    }
    free(one);
}

static void test_stop(void **state)
{
    (void)state;
    int s;
    for (int jobs = 1; jobs <= 4; jobs *= 2) {
        char *out = run(500, jobs, 40, &s);
        assert_int_equal(s, -1);
        /* the items before the stopping one are all out, in order, and
         * nothing after it */
        assert_int_equal(strncmp(out, "0\n1\n2\n", 6), 0);
        assert_non_null(strstr(out, "\n39\n|"));
        assert_null(strstr(out, "\n40\n"));
        assert_null(strstr(out, "\n41\n"));
        free(out);
    }
}

static void test_few_items(void **state)
{
    (void)state;
    int s;
    char *none = run(0, 4, -1, &s);
    assert_int_equal(s, 0);
    assert_string_equal(none, "|");
    free(none);
    char *two = run(2, 16, -1, &s); /* more threads than items */
    assert_int_equal(s, 1);
    assert_string_equal(two, "0\n1\n|e 0\n");
    free(two);
    assert_true(tdm_pmap_jobs(0) >= 1);
    assert_int_equal(tdm_pmap_jobs(3), 3);
}

/* Records which worker ran each item. */
static int by_worker(void *ctx, int worker, size_t i, FILE *out, FILE *err)
{
    (void)err;
    int *ran = ctx;
    ran[i] = worker;
    volatile unsigned long x = 0;
    for (unsigned long k = 0; k < 2000; k++)
        x += k;
    fprintf(out, "%zu\n", i);
    return 0;
}

/* The calling thread is worker 0 and works items like the others. */
static void test_workers(void **state)
{
    (void)state;
    static int ran[2000];
    FILE *out = fopen("/dev/null", "w");
    assert_non_null(out);
    assert_int_equal(tdm_pmap(2000, 3, by_worker, ran, out, out), 0);
    fclose(out);
    int used[3] = {0};
    for (int i = 0; i < 2000; i++) {
        assert_true(ran[i] >= 0 && ran[i] < 3);
        used[ran[i]]++;
    }
    assert_true(used[0] > 0);
}

static void test_stop_at_the_ends(void **state)
{
    (void)state;
    int s;
    char *first = run(300, 4, 0, &s);
    assert_int_equal(s, -1);
    assert_string_equal(first, "|");
    free(first);
    char *last = run(300, 4, 299, &s);
    assert_int_equal(s, -1);
    assert_non_null(strstr(last, "\n298\n|"));
    free(last);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_output_whatever_the_threads),
        cmocka_unit_test(test_stop),
        cmocka_unit_test(test_few_items),
        cmocka_unit_test(test_workers),
        cmocka_unit_test(test_stop_at_the_ends),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
