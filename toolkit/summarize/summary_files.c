/*
 * summary_files.c: many texts summarized on several threads, written in
 * input order (tdm_summarize_files, tandem/summarize.h).
 *
 * Each worker thread has its own set of summarizers (tdm_summary_langs_share:
 * models are loaded once and shared, summarizers keep per-text state);
 * base/pmap.c runs the items and copies each one's output and messages to
 * the real streams in item order, so the result does not depend on -j.
 */
#include <stdlib.h>
#include <string.h>

#include "base/pmap.h"
#include "summarize/summary.h"
#include "tandem/summarize.h"
#include "summarize/summary.h"

typedef struct files_run {
    const char *const *paths;
    size_t n;
    const tdm_summary_files_opts *o;
    tdm_summary_langs **worker_langs;
} files_run;

void tdm_summary_files_opts_init(tdm_summary_files_opts *o)
{
    memset(o, 0, sizeof *o);
    o->format = TDM_SUMMARY_FORMAT_TEXT;
}

/* Item `item` on thread `worker` (tdm_pmap): the summary to out, messages
 * to err_out; returns the exit status. */
static int summarize_item(void *ctx, int worker, size_t item, FILE *out, FILE *err_out)
{
    files_run *r = ctx;
    const tdm_summary_files_opts *o = r->o;
    tdm_read_opts read;
    tdm_summary_opts opts;
    if (!o->read)
        tdm_read_opts_init(&read);
    if (!o->opts)
        tdm_summary_opts_init(&opts);
    tdm_error err;
    tdm_doc *doc;
    char lang[8], buf[1200];
    tdm_summary *sum = tdm_summarize_text(r->worker_langs[worker], r->paths[item], NULL, 0,
                                          o->read ? o->read : &read, o->lang,
                                          o->opts ? o->opts : &opts, &doc, lang, &err);
    if (!sum) {
        tdm_error_format(&err, buf, sizeof buf);
        fprintf(err_out, "summarize: %s\n", buf);
        return tdm_exit_status(err.code);
    }
    if (o->verbose) {
        tdm_summary_langs_describe(r->worker_langs[worker], lang,
                                   !o->lang || strcmp(o->lang, "auto") == 0, buf, sizeof buf);
        fprintf(err_out, "summarize: %s: %s\n", tdm_doc_name(doc), buf);
    }
    if (tdm_doc_para_count(doc) == 0)
        fprintf(err_out, "summarize: %s: empty text, empty summary\n", tdm_doc_name(doc));
    if (r->n > 1 && o->format == TDM_SUMMARY_FORMAT_TEXT)
        fprintf(out, "%s==> %s <==\n", item ? "\n" : "", tdm_doc_name(doc));
    int wrc = tdm_summary_write(out, doc, sum, lang, o->format, o->explain);
    int status = wrc == 0 ? 0 : TDM_EXIT_INTERNAL; /* out of memory or a write */
    if (wrc == TDM_ENOMEM)
        fprintf(err_out, "summarize: %s: out of memory writing the summary\n", tdm_doc_name(doc));
    else if (wrc != 0)
        fprintf(err_out, "summarize: %s: write error\n", tdm_doc_name(doc));
    tdm_summary_free(sum);
    tdm_doc_free(doc);
    return status;
}

int tdm_summarize_files(tdm_summary_langs *langs, const char *const *paths, size_t n,
                        const tdm_summary_files_opts *o, FILE *out, FILE *err_out)
{
    const int internal = TDM_EXIT_INTERNAL;
    int jobs = tdm_pmap_jobs(o->jobs);
    if ((size_t)jobs > n)
        jobs = n ? (int)n : 1;
    files_run r = {paths, n, o, calloc((size_t)jobs, sizeof *r.worker_langs)};
    if (!r.worker_langs) {
        fprintf(err_out, "summarize: out of memory\n");
        return internal;
    }
    int status = 0;
    r.worker_langs[0] = langs;
    for (int w = 1; w < jobs; w++)
        if (!(r.worker_langs[w] = tdm_summary_langs_share(langs))) {
            fprintf(err_out, "summarize: out of memory\n");
            status = internal;
            break;
        }
    if (status == 0) {
        int st = tdm_pmap(n, jobs, summarize_item, &r, out, err_out);
        if (st < 0) /* its only failure: memory for the items' buffers */
            fprintf(err_out, "summarize: out of memory\n");
        status = st < 0 ? internal : st;
    }
    for (int w = 1; w < jobs; w++)
        tdm_summary_langs_free(r.worker_langs[w]);
    free(r.worker_langs);
    return status;
}
