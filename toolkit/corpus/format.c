/*
 * format.c: choosing an output format, checking the beads against the
 * documents, and handing them to the format's writer. Each writer lives in
 * its own file, toolkit/corpus/format_<name>.c; what they share (filter,
 * side text, bead type, ids) is in format_common.c, below them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/review.h"

#include "align/alignment.h"
#include "base/error.h"
#include "corpus/format.h"

static const char *const format_names[] = {"text",  "tsv", "beads", "ladder",
                                           "moses", "tmx", "jsonl", "html"};
enum { FORMAT_COUNT = sizeof format_names / sizeof format_names[0] };

void tdm_write_opts_init(tdm_write_opts *opts)
{
    memset(opts, 0, sizeof *opts);
}

int tdm_format_parse(const char *name, tdm_format *format)
{
    for (size_t i = 0; i < FORMAT_COUNT; i++) {
        if (name && strcmp(name, format_names[i]) == 0) {
            *format = (tdm_format)i;
            return TDM_OK;
        }
    }
    return TDM_EUSAGE;
}

const char *tdm_format_name(tdm_format format)
{
    return (unsigned)format < FORMAT_COUNT ? format_names[format] : "unknown";
}

const char *tdm_format_list(void)
{
    return "text, tsv, beads, ladder, moses, tmx, jsonl, html";
}

int tdm_write_alignment(FILE *f, tdm_format format, const tdm_doc *src, const tdm_doc *tgt,
                        const tdm_alignment *al, const tdm_write_opts *opts, tdm_error *err)
{
    tdm_write_opts defaults;
    tdm_format_job job;
    int rc = tdm_format_job_init(&job, format, src, tgt, tdm_alignment_beads(al),
                                 tdm_alignment_count(al), opts, &defaults, err);
    if (rc != TDM_OK)
        return rc;
    switch (format) {
    case TDM_FMT_TEXT: rc = tdm_format_write_text(f, &job); break;
    case TDM_FMT_TSV: rc = tdm_format_write_tsv(f, &job); break;
    case TDM_FMT_BEADS: rc = tdm_format_write_beads(f, &job); break;
    case TDM_FMT_LADDER: rc = tdm_format_write_ladder(f, &job); break;
    case TDM_FMT_TMX: rc = tdm_format_write_tmx(f, &job); break;
    case TDM_FMT_JSONL: rc = tdm_format_write_jsonl(f, &job); break;
    case TDM_FMT_HTML: {
        tdm_review_opts ro;
        tdm_review_opts_init(&ro);
        ro.src_lang = job.opts->src_lang;
        ro.tgt_lang = job.opts->tgt_lang;
        tdm_format_job_free(&job);
        return tdm_write_html(f, src, tgt, al, &ro, err);
    }
    case TDM_FMT_MOSES:
        rc = tdm_fail(err, TDM_EUSAGE, NULL, -1, -1,
                      "the moses format writes two files: give an output prefix");
        break;
    default: rc = tdm_fail(err, TDM_EUSAGE, NULL, -1, -1, "unknown output format"); break;
    }
    tdm_format_job_free(&job);
    if (rc != TDM_OK)
        return rc;
    if (ferror(f))
        return tdm_fail(err, TDM_EWRITE, NULL, -1, -1, "write error: %s", strerror(errno));
    return TDM_OK;
}

int tdm_moses_paths(const char *prefix, const tdm_write_opts *opts, char *src_path, char *tgt_path,
                    size_t cap)
{
    const char *s = opts && opts->src_lang && *opts->src_lang ? opts->src_lang : NULL;
    const char *t = opts && opts->tgt_lang && *opts->tgt_lang ? opts->tgt_lang : NULL;
    if (!s || !t || strcmp(s, t) == 0) {
        s = "src";
        t = "tgt";
    }
    int a = snprintf(src_path, cap, "%s.%s", prefix, s);
    int b = snprintf(tgt_path, cap, "%s.%s", prefix, t);
    return (a < 0 || b < 0 || (size_t)a >= cap || (size_t)b >= cap) ? TDM_EUSAGE : TDM_OK;
}
