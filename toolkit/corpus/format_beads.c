/*
 * format_beads.c: the two id-only formats.
 *
 * beads: "[src ids]:[tgt ids]:score" a line, ids 0-based and separated by a
 * comma and a space, the gold format of doc/evaluation.md ("[6, 7]:[9]:0.8731",
 * "[]:[22]:0.4000"), readable back with tdm_beads_read.
 *
 * ladder: the ladder format of hunalign (Varga et al. 2005, "Parallel
 * corpora for medium density languages"; described in hunalign's README):
 * a rung "n<TAB>m<TAB>score" says that the first n source sentences
 * correspond to the first m target sentences. We write the starting rung of
 * every bead with the bead's score (the confidence of the segment starting
 * there), then the closing rung (N, M) of the two sentence counts with score
 * 0. A ladder describes the whole path: hunalign's ladder2text reads the
 * sentences between two rungs as one bead, so a ladder that skips the rungs
 * of filtered beads (or of the beads a parallel summary left out) pairs
 * sentences that were never aligned. The writer therefore refuses filters
 * and any alignment that does not cover both documents bead after bead
 * (TDM_EUSAGE): -f beads is the format for a part of an alignment.
 */
#include "base/error.h"
#include "corpus/format.h"

int tdm_format_write_beads(FILE *f, const tdm_format_job *job)
{
    for (size_t i = 0; i < job->count; i++) {
        const tdm_bead *b = &job->beads[i];
        if (!job->keep[i])
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
    if (tdm_format_filters_set(job->opts))
        return tdm_fail(job->err, TDM_EUSAGE, NULL, -1, -1,
                        "the ladder format describes the whole alignment: filters do not apply "
                        "to it (write -f beads for the kept beads)");
    size_t s = 0, t = 0;
    for (size_t i = 0; i < job->count; i++) {
        const tdm_bead *b = &job->beads[i];
        if (b->src_first != s || b->tgt_first != t)
            return tdm_fail(job->err, TDM_EUSAGE, NULL, -1, -1,
                            "the ladder format describes the whole alignment: bead %zu starts at "
                            "sentences %u and %u, not %zu and %zu (a part of an alignment is "
                            "written with -f beads)",
                            i, (unsigned)b->src_first, (unsigned)b->tgt_first, s, t);
        s += b->src_count;
        t += b->tgt_count;
    }
    size_t n = tdm_doc_sentence_count(job->src), m = tdm_doc_sentence_count(job->tgt);
    if (s != n || t != m)
        return tdm_fail(job->err, TDM_EUSAGE, NULL, -1, -1,
                        "the ladder format describes the whole alignment: the beads end at "
                        "sentences %zu and %zu, not %zu and %zu (write -f beads)",
                        s, t, n, m);
    for (size_t i = 0; i < job->count; i++) {
        const tdm_bead *b = &job->beads[i];
        fprintf(f, "%u\t%u\t%.4f\n", (unsigned)b->src_first, (unsigned)b->tgt_first, b->score);
    }
    fprintf(f, "%zu\t%zu\t%.4f\n", tdm_doc_sentence_count(job->src),
            tdm_doc_sentence_count(job->tgt), 0.0);
    return TDM_OK;
}
