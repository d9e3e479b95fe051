/* Tests of the error record and output files. */
#include "test.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "tandem/output.h"
#include "base/outfile.h"

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

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void assert_text(const char *path, const char *want)
{
    char got[64] = {0};
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    assert_true(fread(got, 1, sizeof got - 1, f) > 0);
    fclose(f);
    assert_string_equal(got, want);
}

/* A group commit: both files or neither, and a kill between the renames is
 * finished by the next open of the first file. */
static void test_outfile_group_commit(void **state)
{
    (void)state;
    char dir[] = "/tmp/tandem-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char a[300], b[300], tmp_a[320], tmp_b[320], marker[320];
    snprintf(a, sizeof a, "%s/c.es", dir);
    snprintf(b, sizeof b, "%s/c.fr", dir);
    snprintf(marker, sizeof marker, "%s.commit", a);
    tdm_error err;

    tdm_outfile *outs[2] = {tdm_outfile_open(a, &err), tdm_outfile_open(b, &err)};
    assert_non_null(outs[0]);
    assert_non_null(outs[1]);
    fputs("new a\n", tdm_outfile_stream(outs[0]));
    fputs("new b\n", tdm_outfile_stream(outs[1]));
    assert_int_equal(tdm_outfile_commit_all(outs, 2, &err), 0);
    assert_text(a, "new a\n");
    assert_text(b, "new b\n");
    assert_int_equal(access(marker, F_OK), -1);

    /* A directory is never opened as an output. */
    unlink(b);
    assert_int_equal(mkdir(b, 0700), 0);
    assert_null(tdm_outfile_open(b, &err));
    assert_int_equal(err.code, TDM_EWRITE);
    assert_int_equal(rmdir(b), 0);

    /* The second cannot be put in place (a directory took its name while
     * it was written): the first is not put in place either. */
    write_text(a, "old a\n");
    outs[0] = tdm_outfile_open(a, &err);
    outs[1] = tdm_outfile_open(b, &err);
    assert_non_null(outs[0]);
    assert_non_null(outs[1]);
    fputs("new a\n", tdm_outfile_stream(outs[0]));
    assert_int_equal(mkdir(b, 0700), 0);
    assert_int_equal(tdm_outfile_commit_all(outs, 2, &err), TDM_EWRITE);
    assert_text(a, "old a\n");
    assert_int_equal(rmdir(b), 0);
    assert_int_equal(access(marker, F_OK), -1);

    /* The state a kill leaves after the first rename: a new, b old, b's
     * temporary and the marker there. Opening a finishes the group. */
    write_text(a, "new a\n");
    write_text(b, "old b\n");
    snprintf(tmp_a, sizeof tmp_a, "%s.tmp.aaaaaa", a);
    snprintf(tmp_b, sizeof tmp_b, "%s.tmp.bbbbbb", b);
    write_text(tmp_b, "new b\n");
    FILE *f = fopen(marker, "w");
    assert_non_null(f);
    fwrite(tmp_a, 1, strlen(tmp_a) + 1, f);
    fwrite(a, 1, strlen(a) + 1, f);
    fwrite(tmp_b, 1, strlen(tmp_b) + 1, f);
    fwrite(b, 1, strlen(b) + 1, f);
    fclose(f);
    tdm_outfile *again = tdm_outfile_open(a, &err);
    assert_non_null(again);
    tdm_outfile_abort(again);
    assert_text(a, "new a\n");
    assert_text(b, "new b\n");
    assert_int_equal(access(tmp_b, F_OK), -1);
    assert_int_equal(access(marker, F_OK), -1);

    /* A marker naming a file that is not a temporary of its partner is
     * refused, and nothing is renamed. */
    write_text(tmp_b, "x\n");
    f = fopen(marker, "w");
    fwrite(tmp_b, 1, strlen(tmp_b) + 1, f);
    fwrite(a, 1, strlen(a) + 1, f);
    fclose(f);
    assert_null(tdm_outfile_open(a, &err));
    assert_int_equal(err.code, TDM_EWRITE);
    assert_text(a, "new a\n");
    unlink(marker);
    unlink(tmp_b);
    unlink(a);
    unlink(b);
    assert_int_equal(rmdir(dir), 0);
}

/* An existing file keeps its mode; a symbolic link keeps being one. */
static void test_outfile_mode_and_links(void **state)
{
    (void)state;
    char dir[] = "/tmp/tandem-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[300], link[300];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    snprintf(link, sizeof link, "%s/link.txt", dir);
    write_text(path, "old\n");
    assert_int_equal(chmod(path, 0604), 0);
    assert_int_equal(symlink("out.txt", link), 0);
    tdm_error err;
    tdm_outfile *out = tdm_outfile_open(link, &err);
    assert_non_null(out);
    fputs("new\n", tdm_outfile_stream(out));
    assert_int_equal(tdm_outfile_commit(out, &err), 0);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0604);
    assert_text(path, "new\n");
    unlink(link);
    unlink(path);
    assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_outfile_commit_and_abort),
        cmocka_unit_test(test_outfile_group_commit),
        cmocka_unit_test(test_outfile_mode_and_links),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
