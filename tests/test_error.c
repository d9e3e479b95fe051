/* Tests of the error record and output files. */
#include "test.h"

#include <string.h>
#include <unistd.h>

#include "base/error.h"
#include "tandem/output.h"

static void test_format(void **state)
{
    (void)state;
    tdm_error err;
    char buf[256];
    tdm_error_clear(&err);
    tdm_fail(&err, TDM_EINPUT, "a.txt", 12, -1, "bad %s", "thing");
    tdm_error_format(&err, buf, sizeof buf);
    assert_string_equal(buf, "a.txt:12: bad thing");
    tdm_fail(&err, TDM_EINPUT, "a.txt", -1, 40, "invalid UTF-8");
    tdm_error_format(&err, buf, sizeof buf);
    assert_string_equal(buf, "a.txt: byte 40: invalid UTF-8");
    assert_int_equal(tdm_exit_status(TDM_EINPUT), TDM_EXIT_INPUT);
    assert_int_equal(tdm_exit_status(TDM_EUSAGE), TDM_EXIT_USAGE);
    assert_int_equal(tdm_exit_status(TDM_ENOMEM), TDM_EXIT_INTERNAL);
    /* Reading fails with the user's input (2), writing with the system (3). */
    assert_int_equal(tdm_exit_status(TDM_EIO), TDM_EXIT_INPUT);
    assert_int_equal(tdm_exit_status(TDM_EWRITE), TDM_EXIT_INTERNAL);
    assert_string_equal(tdm_strerror(TDM_EWRITE), "write error");
}

static void test_outfile_commit_and_abort(void **state)
{
    (void)state;
    char dir[] = "/tmp/tandem-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[300];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    tdm_error err;
    tdm_outfile *out = tdm_outfile_open(path, &err);
    assert_non_null(out);
    fputs("hello\n", tdm_outfile_stream(out));
    assert_int_equal(access(path, F_OK), -1); /* not there before commit */
    assert_int_equal(tdm_outfile_commit(out, &err), 0);
    assert_int_equal(access(path, F_OK), 0);

    out = tdm_outfile_open(path, &err);
    fputs("partial", tdm_outfile_stream(out));
    tdm_outfile_abort(out);
    FILE *f = fopen(path, "r");
    char line[32] = {0};
    assert_non_null(fgets(line, sizeof line, f));
    fclose(f);
    assert_string_equal(line, "hello\n"); /* the old file is untouched */
    unlink(path);
    assert_int_equal(rmdir(dir), 0); /* no temporary left behind */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_outfile_commit_and_abort),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
