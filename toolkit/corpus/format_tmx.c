/*
 * format_tmx.c: TMX 1.4b (Translation Memory eXchange, LISA OSCAR 2004,
 * now published by GALA): one <tu> per bead with both sides non-empty, a
 * <tuv xml:lang=".."><seg>..</seg></tuv> per side, and the bead's score,
 * type and ids as x- properties; a batch writes the same units with the
 * document id as a property and in the tuid (corpus/record.c). The output
 * validates against the TMX 1.4b DTD (tests/data/tmx14b.dtd, checked by
 * tests/e2e/test_align.sh). Text is escaped for XML 1.0 by base/xml.c.
 */
#include "base/error.h"
#include "corpus/format.h"
#include "corpus/record.h"

int tdm_format_write_tmx(FILE *f, const tdm_format_job *job)
{
    const tdm_write_opts *o = job->opts;
    tdm_record_write_tmx_head(f, tdm_record_lang(o->src_lang));
    size_t n = 0;
    for (size_t i = 0; i < job->count; i++) {
        if (!job->keep[i])
            continue;
        tdm_record r;
        if (tdm_record_from_docs(&r, job->src, job->tgt, &job->beads[i]) != TDM_OK)
            return tdm_fail(job->err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
        tdm_record_write_tmx(f, NULL, ++n, o->src_lang, o->tgt_lang, &r);
        tdm_record_free_text(&r);
    }
    tdm_record_write_tmx_tail(f);
    return TDM_OK;
}
