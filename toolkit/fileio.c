/* fileio.c: whole-file reads, with the file named in every error. */
#include "internal/fileio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal/error.h"

int tdm_read_all(const char *path, char **data, size_t *len, tdm_error *err)
{
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return tdm_fail(err, TDM_EIO, name, -1, -1, "cannot open: %s", strerror(errno));
    /* A regular file is read into one allocation of its size; pipes and
     * standard input grow the buffer as they go. */
    size_t cap = 1 << 16, n = 0;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
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
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    if (!buf)
        rc = tdm_fail(err, TDM_ENOMEM, name, -1, -1, "out of memory reading the file");
    else if (ferror(f))
        rc = tdm_fail(err, TDM_EIO, name, -1, (long long)n, "read error: %s", strerror(errno));
    if (!is_stdin)
        fclose(f);
    if (rc != TDM_OK) {
        free(buf);
        return rc;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return TDM_OK;
}
