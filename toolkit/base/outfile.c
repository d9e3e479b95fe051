/*
 * outfile.c: write-to-temporary-then-rename output, so that an interrupted
 * or failed run never leaves a partial file where a complete one is
 * expected. The temporary lives in the destination's directory because
 * rename(2) is atomic only within one file system.
 */
#include "tandem/output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"

struct tdm_outfile {
    FILE *stream;
    char *path;     /* destination, NULL for stdout */
    char *tmp_path; /* temporary, NULL for stdout */
};

tdm_outfile *tdm_outfile_open(const char *path, tdm_error *err)
{
    tdm_outfile *out = calloc(1, sizeof *out);
    if (!out) {
        tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
        return NULL;
    }
    if (strcmp(path, "-") == 0) {
        out->stream = stdout;
        return out;
    }
    size_t n = strlen(path);
    out->path = malloc(n + 1);
    out->tmp_path = malloc(n + 16);
    if (!out->path || !out->tmp_path) {
        tdm_outfile_abort(out);
        tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
        return NULL;
    }
    memcpy(out->path, path, n + 1);
    snprintf(out->tmp_path, n + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(out->tmp_path);
    if (fd < 0) {
        tdm_fail(err, TDM_EWRITE, path, -1, -1, "cannot create: %s", strerror(errno));
        free(out->tmp_path);
        out->tmp_path = NULL;
        tdm_outfile_abort(out);
        return NULL;
    }
    /* mkstemp makes 0600 files; outputs should look like any other file. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    out->stream = fdopen(fd, "w");
    if (!out->stream) {
        close(fd);
        tdm_fail(err, TDM_EWRITE, path, -1, -1, "cannot open: %s", strerror(errno));
        tdm_outfile_abort(out);
        return NULL;
    }
    return out;
}

FILE *tdm_outfile_stream(tdm_outfile *out)
{
    return out->stream;
}

int tdm_outfile_commit(tdm_outfile *out, tdm_error *err)
{
    int rc = TDM_OK;
    if (!out->tmp_path) {
        if (fflush(out->stream) != 0 || ferror(out->stream))
            rc = tdm_fail(err, TDM_EWRITE, "<stdout>", -1, -1, "write error: %s", strerror(errno));
        free(out);
        return rc;
    }
    int bad = fflush(out->stream) != 0 || ferror(out->stream) || fsync(fileno(out->stream)) != 0;
    int saved = errno;
    if (fclose(out->stream) != 0 && !bad) {
        bad = 1;
        saved = errno;
    }
    out->stream = NULL;
    if (!bad && rename(out->tmp_path, out->path) != 0) {
        bad = 1;
        saved = errno;
    }
    if (bad) {
        rc = tdm_fail(err, TDM_EWRITE, out->path, -1, -1, "write error: %s", strerror(saved));
        unlink(out->tmp_path);
    }
    free(out->tmp_path);
    free(out->path);
    free(out);
    return rc;
}

void tdm_outfile_abort(tdm_outfile *out)
{
    if (!out)
        return;
    if (out->tmp_path) {
        if (out->stream)
            fclose(out->stream);
        unlink(out->tmp_path);
    } else if (out->stream) {
        fflush(out->stream);
    }
    free(out->tmp_path);
    free(out->path);
    free(out);
}
