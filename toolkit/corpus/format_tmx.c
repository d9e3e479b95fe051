/*
 * format_tmx.c: TMX 1.4b (Translation Memory eXchange, LISA OSCAR 2004,
 * now published by GALA): one <tu> per bead with both sides non-empty, a
 * <tuv xml:lang=".."><seg>..</seg></tuv> per side, and the bead's score,
 * type and ids as x- properties. The output validates against the TMX 1.4b
 * DTD (tests/data/tmx14b.dtd, checked by tests/e2e/test_align.sh).
 *
 * Text is escaped for XML 1.0 by base/xml.c (shared with the review page).
 */
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/xml.h"
#include "corpus/format.h"

static void write_xml_str(FILE *f, const char *s)
{
    tdm_xml_write(f, s, strlen(s));
}

static int write_tuv(FILE *f, const tdm_doc *doc, uint32_t first, uint32_t count, const char *lang,
                     tdm_error *err)
{
    size_t len;
    char *text = tdm_format_side_text(doc, first, count, &len);
    if (!text)
        return tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
    fputs("      <tuv xml:lang=\"", f);
    write_xml_str(f, lang);
    fputs("\"><seg>", f);
    tdm_xml_write(f, text, len);
    fputs("</seg></tuv>\n", f);
    free(text);
    return TDM_OK;
}

int tdm_format_write_tmx(FILE *f, const tdm_format_job *job)
{
    const tdm_write_opts *o = job->opts;
    /* "und" is the BCP 47 code for an undetermined language. */
    const char *src_lang = o->src_lang && *o->src_lang ? o->src_lang : "und";
    const char *tgt_lang = o->tgt_lang && *o->tgt_lang ? o->tgt_lang : "und";
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n", f);
    fputs("  <header creationtool=\"tandem\" creationtoolversion=\"" TDM_VERSION "\" "
          "segtype=\"sentence\" o-tmf=\"tandem\" adminlang=\"en\" srclang=\"",
          f);
    write_xml_str(f, src_lang);
    fputs("\" datatype=\"plaintext\"/>\n  <body>\n", f);
    size_t tuid = 0;
    for (size_t i = 0; i < job->count; i++) {
        const tdm_bead *b = &job->beads[i];
        if (!tdm_format_keeps(b, o) || b->src_count == 0 || b->tgt_count == 0)
            continue;
        char type[24];
        tdm_format_bead_type(b, type, sizeof type);
        fprintf(f, "    <tu tuid=\"%zu\">\n", ++tuid);
        fprintf(f, "      <prop type=\"x-score\">%.4f</prop>\n", b->score);
        fprintf(f, "      <prop type=\"x-type\">%s</prop>\n", type);
        fputs("      <prop type=\"x-ids\">", f);
        tdm_format_write_ids(f, b->src_first, b->src_count);
        fputc(':', f);
        tdm_format_write_ids(f, b->tgt_first, b->tgt_count);
        fputs("</prop>\n", f);
        int rc = write_tuv(f, job->src, b->src_first, b->src_count, src_lang, job->err);
        if (rc == TDM_OK)
            rc = write_tuv(f, job->tgt, b->tgt_first, b->tgt_count, tgt_lang, job->err);
        if (rc != TDM_OK)
            return rc;
        fputs("    </tu>\n", f);
    }
    fputs("  </body>\n</tmx>\n", f);
    return TDM_OK;
}
