/* fileio.c: whole-file reads, with the file named in every error.
 *
 * Plain open/read, no stdio: a regular file is read into one allocation of
 * its size, and a short read of a regular file is its end, so that a small
 * file costs four system calls (open, fstat, read, close); many-file runs
 * (summarize over a directory, align's batches) are dominated by them.
 * Pipes and standard input grow the buffer until read returns 0. */
#include "base/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"

/* The offset of the first run of TDM_BINARY_NUL_RUN NUL bytes in s[0, n),
 * or -1. */
static long long nul_run(const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        run = s[i] ? 0 : run + 1;
        if (run == TDM_BINARY_NUL_RUN)
            return (long long)(i + 1 - run);
    }
    return -1;
}

static int read_fd(const char *path, size_t max_stream, int text, char **data, size_t *len,
                   tdm_error *err);

int tdm_read_all(const char *path, char **data, size_t *len, tdm_error *err)
{
    return read_fd(path, 0, 0, data, len, err);
}

int tdm_read_input(const char *path, size_t max_stream, char **data, size_t *len, tdm_error *err)
{
    return read_fd(path, max_stream, 1, data, len, err);
}

/* Reads path whole; text: tdm_read_input's checks. */
static int read_fd(const char *path, size_t max_stream, int text, char **data, size_t *len,
                   tdm_error *err)
{
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY);
    if (fd < 0)
        return tdm_fail(err, TDM_EIO, name, -1, -1, "cannot open: %s", strerror(errno));
    size_t cap = 1 << 16, n = 0;
    struct stat st;
    int regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    if (regular && st.st_size > 0)
        cap = (size_t)st.st_size + 2;
    char *buf = malloc(cap);
    int rc = TDM_OK;
    while (buf) {
        if (cap - n < 2) {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
        size_t want = cap - n - 1;
        ssize_t got = read(fd, buf + n, want);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            rc = tdm_fail(err, TDM_EIO, name, -1, (long long)n, "read error: %s", strerror(errno));
            break;
        }
        int first = n == 0;
        n += (size_t)got;
        long long at = text && first ? nul_run(buf, n) : -1;
        if (at >= 0) {
            rc = tdm_fail(err, TDM_EBINARY, name, -1, at, "binary file");
            break;
        }
        if (text && !regular && max_stream && n > max_stream) {
            rc = tdm_fail(err, TDM_EINPUT, name, -1, (long long)max_stream,
                          "more than %zu bytes from a pipe or device (raise the limit: "
                          "--max-input)",
                          max_stream);
            break;
        }
        if (got == 0 || (regular && (size_t)got < want))
            break; /* a short read of a regular file is its end */
    }
    if (!buf && rc == TDM_OK)
        rc = tdm_fail(err, TDM_ENOMEM, name, -1, -1, "out of memory reading the file");
    if (!is_stdin)
        close(fd);
    if (rc != TDM_OK) {
        free(buf);
        return rc;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return TDM_OK;
}

int tdm_file_view_open(const char *path, tdm_file_view *v, tdm_error *err)
{
    *v = (tdm_file_view){NULL, 0, 0};
    if (strcmp(path, "-") != 0) {
        int fd = open(path, O_RDONLY);
        if (fd < 0)
            return tdm_fail(err, TDM_EIO, path, -1, -1, "cannot open: %s", strerror(errno));
        struct stat st;
        void *p = MAP_FAILED;
        if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
            p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        close(fd);
        if (p != MAP_FAILED) {
            *v = (tdm_file_view){p, (size_t)st.st_size, 1};
            return TDM_OK;
        }
    }
    char *data;
    size_t len;
    int rc = tdm_read_all(path, &data, &len, err);
    if (rc == TDM_OK)
        *v = (tdm_file_view){data, len, 0};
    return rc;
}

void tdm_file_view_close(tdm_file_view *v)
{
    if (v->mapped)
        munmap((void *)v->data, v->len);
    else
        free((void *)v->data);
    *v = (tdm_file_view){NULL, 0, 0};
}
