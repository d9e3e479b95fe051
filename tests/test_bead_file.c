/* test_bead_file.c: a bead file read as an alignment (tdm_alignment_read_beads). */
#include "test.h"

#include <string.h>
#include <unistd.h>

#include "tandem/align.h"

static char path[64];

static void write_file(const char *text)
{
    snprintf(path, sizeof path, "/tmp/tdm_beads_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
}

static void test_cover(void **state)
{
    (void)state;
    /* Blank lines skipped, an empty side placed where its document stands,
     * a bead with no sentence dropped, a missing score 0. */
    write_file("[0]:[0]\n\n[]:[1]:0.5\n[1, 2]:[]\n[]:[]\n");
    tdm_error err;
    tdm_alignment *al = tdm_alignment_read_beads(path, 3, 2, &err);
    assert_non_null(al);
    assert_int_equal(tdm_alignment_count(al), 3);
    const tdm_bead *b = tdm_alignment_beads(al);
    assert_true(b[0].src_first == 0 && b[0].src_count == 1 && b[0].tgt_first == 0 &&
                b[0].tgt_count == 1 && b[0].score == 0);
    assert_true(b[1].src_first == 1 && b[1].src_count == 0 && b[1].tgt_first == 1 &&
                b[1].tgt_count == 1);
    assert_near(b[1].score, 0.5, 1e-12);
    assert_true(b[2].src_first == 1 && b[2].src_count == 2 && b[2].tgt_first == 2 &&
                b[2].tgt_count == 0);
    tdm_alignment_free(al);
    unlink(path);
}

static void test_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text, *message;
        long line;
    } cases[] = {
        {"[0]:[0]\n\n[2]:[1]\n", "source sentences 1 to 1 are in no bead", 3},
        {"[0]:[0]\n[0]:[1]\n", "source sentence 0 is in two beads", 2},
        {"[0]:[0]\n[1, 2]:[1, 2]\n", "target sentence 2, but the target has 2 sentences", 2},
        {"[0, 1, 2]:[0, 1]\n[3]:[]\n", "names source sentence 3, but the source has 3", 2},
        {"[0]:[0]\n", "source sentences 1 to 2 are in no bead (the file ends first)", -1},
        {"[0, 2]:[0, 1]\n", "not consecutive", 1},
        {"[0, 1, 2]:[0, 1]:2\n", "score 2 is not between 0 and 1", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        write_file(cases[i].text);
        tdm_error err;
        assert_null(tdm_alignment_read_beads(path, 3, 2, &err));
        assert_int_equal(err.code, TDM_EINPUT);
        if (!strstr(err.message, cases[i].message))
            fail_msg("case %zu: message '%s'", i, err.message);
        if (cases[i].line > 0)
            assert_int_equal(err.line, cases[i].line);
        unlink(path);
    }
    tdm_error err;
    assert_null(tdm_alignment_read_beads("/nonexistent/x.beads", 1, 1, &err));
    assert_int_not_equal(err.code, TDM_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cover),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
