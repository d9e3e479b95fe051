/*
 * format_moses.c: the Moses bitext format (Koehn et al. 2007): two plain
 * text files, PREFIX.<src-lang> and PREFIX.<tgt-lang>, where line k of one
 * is the translation of line k of the other. One line per bead with both
 * sides non-empty (the sentences of a side joined by a space); the score is
 * not written. Both files are written to temporaries and committed as a
 * group (output.h): both appear or neither.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tandem/output.h"

#include "base/error.h"
#include "corpus/format.h"
#include "corpus/record.h"
#include "base/outfile.h"

int tdm_format_write_moses_side(FILE *f, const tdm_format_job *job, int side)
{
    for (size_t i = 0; i < job->count; i++) {
        if (!job->keep[i])
            continue;
        tdm_record r;
        if (tdm_record_from_docs(&r, job->src, job->tgt, &job->beads[i]) != TDM_OK)
            return tdm_fail(job->err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
        tdm_record_write_moses(f, side, NULL, &r);
        tdm_record_free_text(&r);
    }
    return TDM_OK;
}

/* Writes one side into the open outfile; the error names path. */
static int write_side(tdm_outfile *out, const char *path, const tdm_format_job *job, int side)
{
    FILE *f = tdm_outfile_stream(out);
    int rc = tdm_format_write_moses_side(f, job, side);
    if (rc == TDM_OK && ferror(f))
        rc = tdm_fail(job->err, TDM_EWRITE, path, -1, -1, "write error: %s", strerror(errno));
    return rc;
}

int tdm_write_moses(const char *prefix, const tdm_doc *src, const tdm_doc *tgt,
                    const tdm_alignment *al, const tdm_write_opts *opts, tdm_error *err)
{
    tdm_error_clear(err);
    tdm_write_opts defaults;
    if (!opts) {
        tdm_write_opts_init(&defaults);
        opts = &defaults;
    }
    size_t cap = strlen(prefix) + 64;
    char *src_path = malloc(cap), *tgt_path = malloc(cap);
    tdm_outfile *src_out = NULL, *tgt_out = NULL;
    tdm_format_job job = {0};
    int rc = TDM_OK;
    if (!src_path || !tgt_path) {
        rc = tdm_fail(err, TDM_ENOMEM, prefix, -1, -1, "out of memory");
        goto done;
    }
    if (strcmp(prefix, "-") == 0) {
        rc = tdm_fail(err, TDM_EUSAGE, NULL, -1, -1,
                      "the moses format writes two files: give an output prefix, not -");
        goto done;
    }
    tdm_moses_paths(prefix, opts, src_path, tgt_path, cap);
    tdm_write_opts unused;
    rc = tdm_format_job_init(&job, TDM_FMT_MOSES, src, tgt, tdm_alignment_beads(al),
                             tdm_alignment_count(al), opts, &unused, err);
    if (rc != TDM_OK)
        goto done;
    src_out = tdm_outfile_open(src_path, err);
    tgt_out = src_out ? tdm_outfile_open(tgt_path, err) : NULL;
    if (!src_out || !tgt_out) {
        rc = err ? err->code : TDM_EIO;
        goto done;
    }
    rc = write_side(src_out, src_path, &job, 0);
    if (rc == TDM_OK)
        rc = write_side(tgt_out, tgt_path, &job, 1);
    if (rc != TDM_OK)
        goto done;
    /* Both files or neither, even when killed between them (output.h). */
    tdm_outfile *both[2] = {src_out, tgt_out};
    src_out = tgt_out = NULL;
    rc = tdm_outfile_commit_all(both, 2, err);
done:
    tdm_format_job_free(&job);
    tdm_outfile_abort(src_out);
    tdm_outfile_abort(tgt_out);
    free(src_path);
    free(tgt_path);
    return rc;
}
