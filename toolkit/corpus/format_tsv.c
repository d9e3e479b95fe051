/*
 * format_tsv.c: tab-separated bitext, one bead a line:
 * "source<TAB>target<TAB>score<TAB>bead", the sentences of a side joined by
 * " ~~~ " (hunalign's separator, so that they can be split again), the bead
 * as "[0, 1]:[2]". A batch writes the same lines after a document id
 * column (corpus/record.c holds the schema). No header line.
 */
#include "base/error.h"
#include "corpus/format.h"
#include "corpus/record.h"

int tdm_format_write_tsv(FILE *f, const tdm_format_job *job)
{
    for (size_t i = 0; i < job->count; i++) {
        if (!job->keep[i])
            continue;
        tdm_record r;
        if (tdm_record_from_docs(&r, job->src, job->tgt, &job->beads[i]) != TDM_OK)
            return tdm_fail(job->err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
        tdm_record_write_tsv(f, NULL, &r);
        tdm_record_free_text(&r);
    }
    return TDM_OK;
}
