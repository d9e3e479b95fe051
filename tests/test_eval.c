/* test_eval.c: bead files and the EVAL.md metric on hand-computed cases. */
#include "test.h"

#include <string.h>
#include <unistd.h>

#include "tandem/eval.h"

#define B(s0, sn, t0, tn) ((tdm_bead){(s0), (sn), (t0), (tn), 0})

/* Gold [0]:[0] [1]:[1,2] []:[3] [2]:[4]; test [0]:[0] [1]:[1] []:[2] [2]:[3,4].
 * Precision (4 test beads): [0]:[0] exact; [1]:[1] lax (1-1 linked in gold);
 * []:[2] wrong (a null bead has no link); [2]:[3,4] lax (2-4 linked).
 * Recall (3 gold beads with both sides): [0]:[0] exact; [1]:[1,2] lax;
 * [2]:[4] lax. */
static const tdm_bead gold1[] = {B(0, 1, 0, 1), B(1, 1, 1, 2), B(3, 0, 3, 1), B(2, 1, 4, 1)};
static const tdm_bead test1[] = {B(0, 1, 0, 1), B(1, 1, 1, 1), B(2, 0, 2, 1), B(2, 1, 3, 2)};

static void test_strict_and_lax(void **state)
{
    (void)state;
    tdm_eval_counts c = {0};
    tdm_eval_add(&c, gold1, 4, test1, 4);
    assert_int_equal(c.test_beads, 4);
    assert_int_equal(c.strict_p, 1);
    assert_int_equal(c.lax_p, 3);
    assert_int_equal(c.gold_beads, 3);
    assert_int_equal(c.strict_r, 1);
    assert_int_equal(c.lax_r, 3);
    tdm_eval_scores s;
    tdm_eval_scores_of(&c, &s);
    assert_near(s.strict_p, 0.25, 1e-12);
    assert_near(s.strict_r, 1.0 / 3, 1e-12);
    assert_near(s.strict_f1, 2 * 0.25 / 3 / (0.25 + 1.0 / 3), 1e-12);
    assert_near(s.lax_p, 0.75, 1e-12);
    assert_near(s.lax_r, 1.0, 1e-12);
    assert_near(s.lax_f1, 1.5 / 1.75, 1e-12);
}

/* Gold [0]:[0] [1]:[1] [2,3]:[2,3] [4]:[4]; test [0,1]:[0,1] [2,3]:[2,3]
 * [4]:[4]: two many-to-many test beads, one of them gold; the gold 1-1
 * beads [0]:[0] and [1]:[1] are merged, [4]:[4] is not. */
static void test_many_to_many(void **state)
{
    (void)state;
    static const tdm_bead gold[] = {B(0, 1, 0, 1), B(1, 1, 1, 1), B(2, 2, 2, 2), B(4, 1, 4, 1)};
    static const tdm_bead test[] = {B(0, 2, 0, 2), B(2, 2, 2, 2), B(4, 1, 4, 1)};
    tdm_eval_counts c = {0};
    tdm_eval_add(&c, gold, 4, test, 3);
    assert_int_equal(c.many_beads, 2);
    assert_int_equal(c.many_strict, 1);
    assert_int_equal(c.gold_1to1, 3);
    assert_int_equal(c.merged_1to1, 2);
    tdm_eval_scores s;
    tdm_eval_scores_of(&c, &s);
    assert_near(s.many_p, 0.5, 1e-12);
    /* A 2-1 bead merges a gold 1-1 too, but is no many-to-many bead. */
    static const tdm_bead test2[] = {B(0, 2, 0, 1), B(1, 0, 1, 1), B(2, 2, 2, 2), B(4, 1, 4, 1)};
    memset(&c, 0, sizeof c);
    tdm_eval_add(&c, gold, 4, test2, 4);
    assert_int_equal(c.many_beads, 1);
    assert_int_equal(c.merged_1to1, 1);
}

/* Null beads count in precision (an exact null is a hit) but not in recall. */
static void test_nulls(void **state)
{
    (void)state;
    const tdm_bead gold[] = {B(0, 1, 0, 0), B(1, 1, 0, 1), B(2, 0, 1, 1)};
    const tdm_bead test[] = {B(0, 1, 0, 0), B(1, 1, 0, 1), B(2, 1, 1, 1)};
    tdm_eval_counts c = {0};
    tdm_eval_add(&c, gold, 3, test, 3);
    assert_int_equal(c.test_beads, 3);
    assert_int_equal(c.strict_p, 2); /* [0]:[] and [1]:[0] */
    assert_int_equal(c.lax_p, 2);    /* [2]:[1]: 2 and 1 never linked in gold */
    assert_int_equal(c.gold_beads, 1);
    assert_int_equal(c.strict_r, 1);
    /* A test made of nulls only: precision counts them, recall finds nothing. */
    const tdm_bead nulls[] = {B(0, 1, 0, 0), B(1, 1, 0, 0), B(2, 1, 0, 0), B(3, 0, 0, 1),
                              B(3, 0, 1, 1)};
    tdm_eval_counts d = {0};
    tdm_eval_add(&d, gold, 3, nulls, 5);
    assert_int_equal(d.test_beads, 5);
    assert_int_equal(d.strict_p, 2); /* [0]:[] and []:[1] are gold beads */
    assert_int_equal(d.gold_beads, 1);
    assert_int_equal(d.strict_r, 0);
    assert_int_equal(d.lax_r, 0);
    /* Beads empty on both sides are dropped. */
    const tdm_bead empty[] = {B(0, 0, 0, 0)};
    tdm_eval_counts e = {0};
    tdm_eval_add(&e, gold, 3, empty, 1);
    assert_int_equal(e.test_beads, 0);
    tdm_eval_scores s;
    tdm_eval_scores_of(&e, &s);
    assert_near(s.strict_p, 0, 0);
    assert_near(s.strict_f1, 0, 0);
}

/* Counts add up over documents before dividing (micro, not macro). */
static void test_micro_average(void **state)
{
    (void)state;
    tdm_eval_counts c = {0};
    tdm_eval_add(&c, gold1, 4, test1, 4); /* strict 1/4 and 1/3 */
    tdm_eval_add(&c, gold1, 4, gold1, 4); /* perfect: 4/4 and 3/3 */
    tdm_eval_scores s;
    tdm_eval_scores_of(&c, &s);
    assert_near(s.strict_p, 5.0 / 8, 1e-12); /* macro would be 0.625 too: */
    assert_near(s.strict_r, 4.0 / 6, 1e-12); /* but (1/3 + 1) / 2 = 0.667 */
    tdm_eval_counts d = {0};
    tdm_eval_add(&d, gold1, 4, test1, 4);
    const tdm_bead g2[] = {B(0, 1, 0, 1)}, t2[] = {B(0, 1, 0, 1)};
    tdm_eval_add(&d, g2, 1, t2, 1);
    tdm_eval_scores_of(&d, &s);
    assert_near(s.strict_p, 2.0 / 5, 1e-12); /* macro: (0.25 + 1) / 2 */
    assert_near(s.strict_r, 2.0 / 4, 1e-12);
}

static char *write_tmp(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/test_eval_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (long)strlen(text));
    close(fd);
    return path;
}

static void test_read(void **state)
{
    (void)state;
    tdm_bead *b;
    size_t n;
    tdm_error err;
    char *p = write_tmp("[0]:[0]\n[1, 2]:[1]:0.87\n\n[]:[2]\n[3]:[] \n[4,5,6]:[3, 4]\r\n");
    assert_int_equal(tdm_beads_read(p, &b, &n, &err), 0);
    unlink(p);
    assert_int_equal(n, 5);
    assert_int_equal(b[1].src_first, 1);
    assert_int_equal(b[1].src_count, 2);
    assert_int_equal(b[1].tgt_count, 1);
    assert_near(b[1].score, 0.87, 1e-12);
    assert_int_equal(b[2].src_count, 0);
    assert_int_equal(b[2].tgt_first, 2);
    assert_int_equal(b[3].tgt_count, 0);
    assert_int_equal(b[4].src_first, 4);
    assert_int_equal(b[4].src_count, 3);
    assert_int_equal(b[4].tgt_count, 2);
    free(b);
}

static void expect_error(const char *text, long line)
{
    tdm_bead *b = NULL;
    size_t n;
    tdm_error err;
    tdm_error_clear(&err);
    char *p = write_tmp(text);
    assert_int_equal(tdm_beads_read(p, &b, &n, &err), TDM_EINPUT);
    assert_int_equal(err.line, line);
    assert_string_equal(err.file, p);
    unlink(p);
    assert_null(b);
}

static void test_read_errors(void **state)
{
    (void)state;
    expect_error("[0]:[0]\n[2, 1]:[1]\n", 2); /* descending */
    expect_error("[0]:[0\n", 1);
    expect_error("[0] [0]\n", 1);
    expect_error("[0]:[0]:x\n", 1);
    expect_error("[0]:[0] junk\n", 1);
    expect_error("[a]:[0]\n", 1);
    expect_error("[0]:[0]\n\n[99999999999]:[1]\n", 3);
    tdm_bead *b;
    size_t n;
    tdm_error err;
    assert_int_equal(tdm_beads_read("/nonexistent/beads", &b, &n, &err), TDM_EIO);
}

/* Gold files may skip an id inside a bead (Text+Berg dev: [250]:[291, 293,
 * 294] and []:[292]); the bead is the set, not the range. */
static void test_gaps(void **state)
{
    (void)state;
    tdm_bead *gold;
    size_t n;
    tdm_error err;
    char *p = write_tmp("[0]:[0, 2, 3]\n[]:[1]\n");
    assert_int_equal(tdm_beads_read(p, &gold, &n, &err), 0);
    unlink(p);
    assert_int_equal(n, 2);
    /* The range bead is not the gold bead; the null is. */
    const tdm_bead test[] = {B(0, 1, 0, 4)};
    tdm_eval_counts c = {0};
    tdm_eval_add(&c, gold, n, test, 1);
    assert_int_equal(c.strict_p, 0);
    assert_int_equal(c.lax_p, 1);
    assert_int_equal(c.strict_r, 0);
    assert_int_equal(c.lax_r, 1);
    const tdm_bead test2[] = {B(0, 1, 0, 1), B(1, 0, 1, 1), B(1, 0, 2, 1), B(1, 0, 3, 1)};
    tdm_eval_counts d = {0};
    tdm_eval_add(&d, gold, n, test2, 4);
    assert_int_equal(d.test_beads, 4);
    assert_int_equal(d.strict_p, 1); /* []:[1] */
    assert_int_equal(d.lax_p, 2);    /* [0]:[0] is linked */
    free(gold);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strict_and_lax), cmocka_unit_test(test_nulls),
        cmocka_unit_test(test_micro_average),  cmocka_unit_test(test_read),
        cmocka_unit_test(test_read_errors),    cmocka_unit_test(test_gaps),
        cmocka_unit_test(test_many_to_many),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
