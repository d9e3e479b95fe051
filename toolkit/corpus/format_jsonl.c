/*
 * format_jsonl.c: JSON Lines (https://jsonlines.org): one object for the
 * alignment, on one line, the same object a batch writes per document but
 * for its "id" (corpus/record.c holds the schema):
 *
 *   {"src_lang":"es","tgt_lang":"fr","beads":[{"src":"...","tgt":"...",
 *    "src_ids":[0,1],"tgt_ids":[0],"src_para":[0],"tgt_para":[0],
 *    "score":0.9731,"type":"2-1"}],"src_sentences":16,"tgt_sentences":18,
 *    "aligned_beads":18,"mean_score":0.9012,"kept":16,"filtered":2,
 *    "duplicates":0,"warnings":""}
 *
 * Ids are 0-based sentence indices; *_para the paragraph indices of the
 * side's sentences; texts join a side's sentences with a space.
 */
#include "base/error.h"
#include "corpus/format.h"
#include "corpus/record.h"

int tdm_format_write_jsonl(FILE *f, const tdm_format_job *job)
{
    const tdm_write_opts *o = job->opts;
    tdm_record_write_jsonl_head(f, NULL, o->src_lang, o->tgt_lang);
    tdm_record_doc d = {tdm_doc_sentence_count(job->src),
                        tdm_doc_sentence_count(job->tgt),
                        job->count,
                        0,
                        0,
                        job->filtered,
                        job->duplicates,
                        NULL};
    for (size_t i = 0; i < job->count; i++) {
        d.score_sum += job->beads[i].score;
        if (!job->keep[i])
            continue;
        tdm_record r;
        if (tdm_record_from_docs(&r, job->src, job->tgt, &job->beads[i]) != TDM_OK)
            return tdm_fail(job->err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
        tdm_record_write_jsonl(f, d.kept == 0, &r);
        tdm_record_free_text(&r);
        d.kept++;
    }
    char warnings[256];
    tdm_record_warnings(job->src, job->tgt, job->beads, job->count, warnings, sizeof warnings);
    d.warnings = warnings;
    tdm_record_write_jsonl_tail(f, &d);
    return TDM_OK;
}
