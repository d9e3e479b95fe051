/*
 * format_tsv.c: tab-separated bitext, one bead a line:
 * "source<TAB>target<TAB>score". The sentences of one side are joined by a
 * space; tabs and line breaks inside them become spaces, so every line has
 * exactly three fields (an empty one for the missing side of a 1-0 or 0-1
 * bead). No header line.
 */
#include <stdlib.h>

#include "base/error.h"
#include "corpus/format.h"

int tdm_format_write_tsv(FILE *f, const tdm_format_job *job)
{
    for (size_t i = 0; i < job->count; i++) {
        const tdm_bead *b = &job->beads[i];
        if (!tdm_format_keeps(b, job->opts))
            continue;
        char *s = tdm_format_side_text(job->src, b->src_first, b->src_count, NULL);
        char *t = s ? tdm_format_side_text(job->tgt, b->tgt_first, b->tgt_count, NULL) : NULL;
        if (!t) {
            free(s);
            return tdm_fail(job->err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
        }
        fprintf(f, "%s\t%s\t%.4f\n", s, t, b->score);
        free(s);
        free(t);
    }
    return TDM_OK;
}
