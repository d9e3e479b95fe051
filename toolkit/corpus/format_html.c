/*
 * format_html.c: the review page of an alignment (review.h), where a person
 * checks and corrects it.
 *
 * The page is one file: the style sheet and the script (review/review.css
 * and review/review*.js, compiled in as strings, see review_assets.h) and
 * the data, a JSON object in a <script type="application/json"> element:
 * for each side its name, language, direction, the paragraph index of
 * every sentence and the sentence texts; and the beads as
 * [src_first, src_count, tgt_first, tgt_count, score]. The script renders
 * only the rows on screen, so a book opens at once whatever its length,
 * and keeps the edits, the plot and the exports in the browser: no server,
 * no network, it works from file://.
 *
 * Why JSON and not rows of HTML: 20,000 sentences a side made into table
 * rows are a DOM the browser lays out for seconds (a 3,564-sentence book
 * took 7.5 s headless); parsed JSON is an array the script slices. Text
 * inside a <script> element is raw: "</script" would end it, so '<', '>'
 * and '&' are written as \u escapes (as are U+2028 and U+2029, which some
 * JavaScript parsers refuse in strings); invalid UTF-8 becomes U+FFFD.
 *
 * Direction: a side is right to left when its language is (direction.h),
 * or, its language unknown, when most of its strong letters are; every
 * text cell of the page carries that side's lang and dir.
 */
#include "corpus/review.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/error.h"
#include "base/xml.h"
#include "corpus/review_assets.h"
#include "text/direction.h"
#include "text/lang.h"

void tdm_review_opts_init(tdm_review_opts *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->low_score = 0.5;
}

/* HTML text: the XML escaper (base/xml.c), so that any bytes give a
 * well-formed page. */
static void put_html(FILE *f, const char *s)
{
    tdm_xml_write(f, s, strlen(s));
}

/* s[0, len) as a JSON string that is also safe as the text of a <script>
 * element (see the top of the file). */
static void put_json(FILE *f, const char *s, size_t len)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    putc('"', f);
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);
        if (n <= 0) {
            fputs("\\ufffd", f);
            i++;
            continue;
        }
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", (char)c);
        else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029)
            fprintf(f, "\\u%04x", (unsigned)c);
        else
            fwrite(p + i, 1, (size_t)n, f);
        i += (size_t)n;
    }
    putc('"', f);
}

static void put_json_str(FILE *f, const char *s)
{
    put_json(f, s ? s : "", s ? strlen(s) : 0);
}

/* One side's object: name, lang, dir, paragraph of each sentence, texts.
 * Returns 0 or TDM_ENOMEM. */
static int write_side(FILE *f, const tdm_doc *doc, const char *lang)
{
    size_t n = tdm_doc_sentence_count(doc), text_len;
    const char *text = tdm_doc_text(doc, &text_len);
    int rtl = lang && *lang ? tdm_lang_is_rtl(lang) : tdm_text_is_rtl(text, text_len);
    fputs("{\"name\":", f);
    put_json_str(f, tdm_doc_name(doc));
    fputs(",\"lang\":", f);
    put_json_str(f, lang);
    fprintf(f, ",\"dir\":\"%s\",\"para\":[", rtl ? "rtl" : "ltr");
    const tdm_sentence *s = tdm_doc_sentences(doc);
    for (size_t i = 0; i < n; i++)
        fprintf(f, i ? ",%u" : "%u", (unsigned)s[i].para);
    fputs("],\n\"text\":[", f);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        char *sentence = tdm_doc_sentence_dup(doc, i, &len);
        if (!sentence)
            return TDM_ENOMEM;
        if (i)
            fputs(",\n", f);
        put_json(f, sentence, len);
        free(sentence);
    }
    fputs("]}", f);
    return 0;
}

static int write_data(FILE *f, const tdm_doc *src, const tdm_doc *tgt, const tdm_bead *b, size_t n,
                      const tdm_review_opts *o)
{
    fputs("<script type=\"application/json\" id=\"tandem-data\">\n{\"version\":\"" TDM_VERSION
          "\",\"title\":",
          f);
    put_json_str(f, o->title);
    fprintf(f, ",\"low\":%.4f,\n\"src\":", o->low_score);
    if (write_side(f, src, o->src_lang))
        return TDM_ENOMEM;
    fputs(",\n\"tgt\":", f);
    if (write_side(f, tgt, o->tgt_lang))
        return TDM_ENOMEM;
    fputs(",\n\"beads\":[", f);
    for (size_t i = 0; i < n; i++) {
        double score = isfinite(b[i].score) ? b[i].score : 0.0; /* JSON has no NaN */
        fprintf(f, "%s[%u,%u,%u,%u,%.4f]", i ? (i % 8 ? "," : ",\n") : "", (unsigned)b[i].src_first,
                (unsigned)b[i].src_count, (unsigned)b[i].tgt_first, (unsigned)b[i].tgt_count,
                score);
    }
    fputs("]}\n</script>\n", f);
    return 0;
}

int tdm_write_html(FILE *f, const tdm_doc *src, const tdm_doc *tgt, const tdm_alignment *al,
                   const tdm_review_opts *opts, tdm_error *err)
{
    tdm_review_opts defaults;
    if (!opts) {
        tdm_review_opts_init(&defaults);
        opts = &defaults;
    }
    size_t n = tdm_alignment_count(al);
    const tdm_bead *b = tdm_alignment_beads(al);
    size_t ns = tdm_doc_sentence_count(src), nt = tdm_doc_sentence_count(tgt);
    for (size_t i = 0; i < n; i++)
        if ((size_t)b[i].src_first + b[i].src_count > ns ||
            (size_t)b[i].tgt_first + b[i].tgt_count > nt)
            return tdm_fail(err, TDM_EINTERNAL, NULL, -1, -1,
                            "bead %zu lies outside the documents (%zu and %zu sentences)", i, ns,
                            nt);
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"generator\" content=\"tandem " TDM_VERSION "\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          f);
    if (opts->title) {
        put_html(f, opts->title);
    } else {
        put_html(f, tdm_doc_name(src));
        fputs(" \xe2\x86\x94 ", f); /* U+2194 left right arrow */
        put_html(f, tdm_doc_name(tgt));
    }
    fprintf(f,
            "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
            "<noscript><p>This review page is a small script: allow JavaScript for this file "
            "to see and correct the alignment.</p></noscript>\n",
            tdm_review_css);
    if (write_data(f, src, tgt, b, n, opts) != 0)
        return tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
    fprintf(f, "<script>\n%s</script>\n</body>\n</html>\n", tdm_review_js);
    if (fflush(f) != 0 || ferror(f))
        return tdm_fail(err, TDM_EWRITE, NULL, -1, -1, "write error");
    return 0;
}
