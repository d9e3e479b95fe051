/*
 * format_jsonl.c: JSON Lines (https://jsonlines.org), one object per bead:
 *
 *   {"src": [0, 1], "tgt": [0], "src_text": "...", "tgt_text": "...",
 *    "src_para": [0], "tgt_para": [0], "score": 0.9731, "type": "2-1"}
 *
 * (on one line). Ids are 0-based sentence indices; *_para are the distinct
 * paragraph indices of the side's sentences, in order; texts join a side's
 * sentences with a space ("" for an empty side). Strings are escaped by the
 * shared JSON writer (base/json.h); a non-finite score is written null.
 */
#include <math.h>
#include <stdlib.h>

#include "base/error.h"
#include "corpus/format.h"
#include "base/json.h"

static void write_para_array(FILE *f, const tdm_doc *doc, uint32_t first, uint32_t count)
{
    const tdm_sentence *sentences = tdm_doc_sentences(doc);
    fputc('[', f);
    for (uint32_t i = 0; i < count; i++) {
        uint32_t para = sentences[first + i].para;
        if (i == 0)
            fprintf(f, "%u", (unsigned)para);
        else if (para != sentences[first + i - 1].para)
            fprintf(f, ", %u", (unsigned)para);
    }
    fputc(']', f);
}

static int write_text_field(FILE *f, const char *key, const tdm_doc *doc, uint32_t first,
                            uint32_t count, tdm_error *err)
{
    size_t len;
    char *text = tdm_format_side_text(doc, first, count, &len);
    if (!text)
        return tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
    fprintf(f, ", \"%s\": ", key);
    tdm_json_write_string(f, text, len);
    free(text);
    return TDM_OK;
}

int tdm_format_write_jsonl(FILE *f, const tdm_format_job *job)
{
    for (size_t i = 0; i < job->count; i++) {
        const tdm_bead *b = &job->beads[i];
        if (!tdm_format_keeps(b, job->opts))
            continue;
        fputs("{\"src\": ", f);
        tdm_format_write_ids(f, b->src_first, b->src_count);
        fputs(", \"tgt\": ", f);
        tdm_format_write_ids(f, b->tgt_first, b->tgt_count);
        int rc = write_text_field(f, "src_text", job->src, b->src_first, b->src_count, job->err);
        if (rc == TDM_OK)
            rc = write_text_field(f, "tgt_text", job->tgt, b->tgt_first, b->tgt_count, job->err);
        if (rc != TDM_OK)
            return rc;
        fputs(", \"src_para\": ", f);
        write_para_array(f, job->src, b->src_first, b->src_count);
        fputs(", \"tgt_para\": ", f);
        write_para_array(f, job->tgt, b->tgt_first, b->tgt_count);
        if (isfinite(b->score))
            fprintf(f, ", \"score\": %.4f", b->score);
        else
            fputs(", \"score\": null", f);
        char type[24];
        tdm_format_bead_type(b, type, sizeof type);
        fprintf(f, ", \"type\": \"%s\"}\n", type);
    }
    return TDM_OK;
}
