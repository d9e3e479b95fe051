/*
 * format_text.c: the readable output of align (its default): one block per
 * bead, a header line with the ids, the type and the score, then one line per
 * sentence prefixed by its side's language (or "src"/"tgt"), then a blank
 * line:
 *
 *   [3]:[3, 4] 1-2 0.8120
 *   es: Luego salió.
 *   fr: Puis il sortit.
 *   fr: Il faisait nuit.
 */
#include <stdlib.h>

#include "base/error.h"
#include "corpus/format.h"

static int write_sentences(FILE *f, const tdm_doc *doc, uint32_t first, uint32_t count,
                           const char *label, tdm_error *err)
{
    for (uint32_t i = 0; i < count; i++) {
        char *s = tdm_format_side_text(doc, first + i, 1, NULL);
        if (!s)
            return tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
        fprintf(f, "%s: %s\n", label, s);
        free(s);
    }
    return TDM_OK;
}

int tdm_format_write_text(FILE *f, const tdm_format_job *job)
{
    const tdm_write_opts *o = job->opts;
    const char *src_label = o->src_lang && *o->src_lang ? o->src_lang : "src";
    const char *tgt_label = o->tgt_lang && *o->tgt_lang ? o->tgt_lang : "tgt";
    for (size_t i = 0; i < job->count; i++) {
        const tdm_bead *b = &job->beads[i];
        if (!job->keep[i])
            continue;
        char type[24];
        tdm_format_bead_type(b, type, sizeof type);
        tdm_format_write_ids(f, b->src_first, b->src_count);
        fputc(':', f);
        tdm_format_write_ids(f, b->tgt_first, b->tgt_count);
        fprintf(f, " %s %.4f\n", type, b->score);
        int rc = write_sentences(f, job->src, b->src_first, b->src_count, src_label, job->err);
        if (rc == TDM_OK)
            rc = write_sentences(f, job->tgt, b->tgt_first, b->tgt_count, tgt_label, job->err);
        if (rc != TDM_OK)
            return rc;
        fputc('\n', f);
    }
    return TDM_OK;
}
