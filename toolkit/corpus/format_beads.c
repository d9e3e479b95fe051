/*
 * format_beads.c: the two id-only formats.
 *
 * beads: "[src ids]:[tgt ids]:score" a line, ids 0-based and separated by a
 * comma and a space, the gold format of EVAL.md ("[6, 7]:[9]:0.8731",
 * "[]:[22]:0.4000"), readable back with tdm_beads_read.
 *
 * ladder: the ladder format of hunalign (Varga et al. 2005, "Parallel
 * corpora for medium density languages"; described in hunalign's README):
 * a rung "n<TAB>m<TAB>score" says that the first n source sentences
 * correspond to the first m target sentences. We write the starting rung of
 * every bead with the bead's score (the confidence of the segment starting
 * there), then the closing rung (N, M) of the two sentence counts with score
 * 0. With filters, the starting rungs of the left-out beads are skipped (as
 * hunalign does with -thresh and -bisent); the first rung (0, 0) is then
 * present only when the first bead is kept.
 */
#include "corpus/format.h"

int tdm_format_write_beads(FILE *f, const tdm_format_job *job)
{
    for (size_t i = 0; i < job->count; i++) {
        const tdm_bead *b = &job->beads[i];
        if (!tdm_format_keeps(b, job->opts))
            continue;
        tdm_format_write_ids(f, b->src_first, b->src_count);
        fputc(':', f);
        tdm_format_write_ids(f, b->tgt_first, b->tgt_count);
        fprintf(f, ":%.4f\n", b->score);
    }
    return TDM_OK;
}

int tdm_format_write_ladder(FILE *f, const tdm_format_job *job)
{
    for (size_t i = 0; i < job->count; i++) {
        const tdm_bead *b = &job->beads[i];
        if (tdm_format_keeps(b, job->opts))
            fprintf(f, "%u\t%u\t%.4f\n", (unsigned)b->src_first, (unsigned)b->tgt_first, b->score);
    }
    fprintf(f, "%zu\t%zu\t%.4f\n", tdm_doc_sentence_count(job->src),
            tdm_doc_sentence_count(job->tgt), 0.0);
    return TDM_OK;
}
