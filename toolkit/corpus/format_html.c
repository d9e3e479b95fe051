/*
 * format_html.c: the review page of an alignment (review.h).
 *
 * A reviewer needs to see two things: whether each bead pairs translations
 * (read the row) and whether the alignment as a whole stays on course (see
 * the path). The rows carry the texts side by side with the bead type and
 * score; the background runs from red (score 0) to green (score 1) in HSL
 * hue, so a weak region shows as a band of colour while scrolling. Null
 * beads (a sentence with no counterpart) and many-to-many beads get a
 * marked left edge, and a paragraph start gets a pilcrow and a rule above
 * the cell.
 *
 * The path plot is the classic picture of sentence alignment (the "bitext
 * map" of Melamed 1999, the DP lattice of Gale & Church 1993): source
 * sentence index on x, target index on y, one dot per bead at its centre,
 * the ladder of bead corners as a line and the main diagonal for
 * reference. A correct alignment of two faithful translations hugs the
 * diagonal; an omission is a flat or vertical run of hollow dots; drift is
 * a path that strays from the diagonal and does not come back.
 *
 * Everything is inline (CSS in <style>, the plot as <svg>): the page opens
 * offline from a mail attachment or a CI artefact, and runs no script.
 */
#include "tandem/review.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/xml.h"

#define PLOT 280  /* plot area, px */
#define MARGIN 34 /* room for the axis labels */

void tdm_review_opts_init(tdm_review_opts *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->low_score = 0.5;
}

/* HTML text and attribute values: the XML escaper (base/xml.c), so that
 * any bytes give a well-formed page. */
static void put_escaped(FILE *f, const char *s, size_t len)
{
    tdm_xml_write(f, s, len);
}

static void put_text(FILE *f, const char *s)
{
    put_escaped(f, s, strlen(s));
}

/* Hue of a score: 0 red, 60 yellow, 120 green. */
static double hue(double score)
{
    if (score < 0)
        score = 0;
    if (score > 1)
        score = 1;
    return 120.0 * score;
}

static const char *lang_or(const char *lang, const char *dflt)
{
    return lang && lang[0] ? lang : dflt;
}

static const char STYLE[] =
    "body{font:15px/1.45 system-ui,sans-serif;margin:0 1.5em 2em;color:#222}"
    "header{display:flex;gap:2em;align-items:flex-start;flex-wrap:wrap}"
    "h1{font-size:1.3em;margin:.8em 0 .3em}"
    ".stats td{padding:0 .8em 0 0}.legend span{display:inline-block;padding:0 .5em;"
    "margin-right:.3em;border-radius:3px}"
    "svg{background:#fafafa;border:1px solid #ddd}"
    "table.beads{border-collapse:collapse;width:100%;margin-top:1em}"
    "table.beads th{position:sticky;top:0;background:#eee;text-align:left;padding:.3em}"
    "table.beads td{vertical-align:top;padding:.3em .5em;border-top:1px solid #fff}"
    "td.n,td.k,td.v{white-space:nowrap;font:12px monospace;color:#555}"
    "td.s{width:44%}"
    "tr.null td.n{border-left:5px dashed #b00}"
    "tr.many td.n{border-left:5px solid #36c}"
    "tr.null td.s:empty{background:repeating-linear-gradient(45deg,#0000 0 6px,#0001 6px 12px)}"
    "td.ps{border-top:2px solid #777}"
    ".pb{color:#777;font-weight:bold;margin-right:.3em}"
    ".sn{color:#999;font:10px monospace;vertical-align:super;margin-right:.2em}"
    "tr.low td.v{color:#b00;font-weight:bold}"
    "tr:target{outline:3px solid #36c}";

static void write_head(FILE *f, const tdm_doc *src, const tdm_doc *tgt, const tdm_review_opts *o)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"generator\" content=\"tandem " TDM_VERSION "\">\n<title>",
          f);
    if (o->title) {
        put_text(f, o->title);
    } else {
        put_text(f, tdm_doc_name(src));
        fputs(" \xe2\x86\x94 ", f); /* U+2194 left right arrow */
        put_text(f, tdm_doc_name(tgt));
    }
    fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n", STYLE);
}

static void write_stats(FILE *f, const tdm_doc *src, const tdm_doc *tgt, const tdm_bead *b,
                        size_t n, const tdm_review_opts *o)
{
    size_t one = 0, nulls = 0, many = 0, low = 0;
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        sum += b[i].score;
        one += b[i].src_count == 1 && b[i].tgt_count == 1;
        nulls += b[i].src_count == 0 || b[i].tgt_count == 0;
        many += b[i].src_count > 1 || b[i].tgt_count > 1;
        low += b[i].score < o->low_score;
    }
    fputs("<div>\n<h1>", f);
    if (o->title)
        put_text(f, o->title);
    else
        fputs("Alignment review", f);
    fputs("</h1>\n<table class=\"stats\">\n<tr><td>source</td><td>", f);
    put_text(f, tdm_doc_name(src));
    fprintf(f, " (%s, %zu sentences)</td></tr>\n<tr><td>target</td><td>", lang_or(o->src_lang, "?"),
            tdm_doc_sentence_count(src));
    put_text(f, tdm_doc_name(tgt));
    fprintf(f,
            " (%s, %zu sentences)</td></tr>\n"
            "<tr><td>beads</td><td id=\"bead-count\">%zu: %zu 1-1, %zu null, %zu "
            "many-to-many</td></tr>\n"
            "<tr><td>score</td><td>mean %.3f; %zu below %.2f</td></tr>\n</table>\n",
            lang_or(o->tgt_lang, "?"), tdm_doc_sentence_count(tgt), n, one, nulls, many,
            n ? sum / (double)n : 0.0, low, o->low_score);
    fputs("<p class=\"legend\">score ", f);
    for (int k = 0; k <= 4; k++)
        fprintf(f, "<span style=\"background:hsl(%.0f,65%%,88%%)\">%.2f</span>", hue(k / 4.0),
                k / 4.0);
    fputs("<br>left edge: <span style=\"border-left:5px dashed #b00\">null</span>"
          "<span style=\"border-left:5px solid #36c\">many-to-many</span>; "
          "\xc2\xb6 paragraph start</p>\n</div>\n",
          f);
}

static double px(size_t i, size_t n)
{
    return MARGIN + (double)PLOT * (double)i / (double)(n ? n : 1);
}

static void write_plot(FILE *f, const tdm_bead *b, size_t n, size_t ns, size_t nt)
{
    int size = PLOT + MARGIN + 10;
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"alignment path\">\n"
            "<title>alignment path: source sentence (x) against target sentence (y)</title>\n",
            size, size, size, size);
    fprintf(f,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fff\" "
            "stroke=\"#bbb\"/>\n"
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ccc\" "
            "stroke-dasharray=\"4 3\"/>\n",
            MARGIN, MARGIN, PLOT, PLOT, MARGIN, MARGIN, MARGIN + PLOT, MARGIN + PLOT);
    fprintf(f,
            "<text x=\"%d\" y=\"14\" font-size=\"11\" text-anchor=\"middle\">source "
            "sentence (0-%zu)</text>\n"
            "<text x=\"12\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" "
            "transform=\"rotate(-90 12 %d)\">target sentence (0-%zu)</text>\n",
            MARGIN + PLOT / 2, ns ? ns - 1 : 0, MARGIN + PLOT / 2, MARGIN + PLOT / 2,
            nt ? nt - 1 : 0);
    /* The ladder: bead corners from (0, 0) to (ns, nt). */
    fputs("<polyline fill=\"none\" stroke=\"#888\" stroke-width=\"1\" points=\"", f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%.1f,%.1f ", px(b[i].src_first, ns), px(b[i].tgt_first, nt));
    fprintf(f, "%.1f,%.1f\"/>\n", px(ns, ns), px(nt, nt));
    for (size_t i = 0; i < n; i++) {
        double cx =
            MARGIN + PLOT * ((double)b[i].src_first + b[i].src_count / 2.0) / (double)(ns ? ns : 1);
        double cy =
            MARGIN + PLOT * ((double)b[i].tgt_first + b[i].tgt_count / 2.0) / (double)(nt ? nt : 1);
        int null = b[i].src_count == 0 || b[i].tgt_count == 0;
        fprintf(f, "<a href=\"#b%zu\"><circle class=\"dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" ", i,
                cx, cy);
        if (null)
            fprintf(f, "fill=\"#fff\" stroke=\"hsl(%.0f,70%%,40%%)\" stroke-width=\"1.5\">",
                    hue(b[i].score));
        else
            fprintf(f, "fill=\"hsl(%.0f,70%%,42%%)\">", hue(b[i].score));
        fprintf(f, "<title>bead %zu, %u-%u, score %.3f</title></circle></a>\n", i, b[i].src_count,
                b[i].tgt_count, b[i].score);
    }
    fputs("</svg>\n", f);
}

/* One side of a bead: its sentences, with a pilcrow where a paragraph
 * starts. Returns 0 or TDM_ENOMEM. */
static int write_side(FILE *f, const tdm_doc *doc, uint32_t first, uint32_t count, const char *lang,
                      int *para_start)
{
    const tdm_sentence *s = tdm_doc_sentences(doc);
    *para_start = count > 0 && (first == 0 || s[first].para != s[first - 1].para);
    fputs("<td class=\"s", f);
    fputs(*para_start ? " ps\"" : "\"", f);
    if (lang && lang[0])
        fprintf(f, " lang=\"%s\"", lang);
    putc('>', f);
    for (uint32_t k = 0; k < count; k++) {
        uint32_t i = first + k;
        size_t len;
        char *text = tdm_doc_sentence_dup(doc, i, &len);
        if (!text)
            return TDM_ENOMEM;
        if (i == 0 || s[i].para != s[i - 1].para)
            fprintf(f, "<span class=\"pb\" title=\"paragraph %u\">\xc2\xb6</span>", s[i].para);
        fprintf(f, "%s<span class=\"sn\">%u</span>", k ? " " : "", i);
        put_escaped(f, text, len);
        free(text);
    }
    fputs("</td>", f);
    return 0;
}

static int write_rows(FILE *f, const tdm_doc *src, const tdm_doc *tgt, const tdm_bead *b, size_t n,
                      const tdm_review_opts *o)
{
    fprintf(f,
            "<table class=\"beads\">\n<thead><tr><th>#</th><th>type</th><th>score</th>"
            "<th>source (%s)</th><th>target (%s)</th></tr></thead>\n<tbody>\n",
            lang_or(o->src_lang, "?"), lang_or(o->tgt_lang, "?"));
    for (size_t i = 0; i < n; i++) {
        int null = b[i].src_count == 0 || b[i].tgt_count == 0;
        int many = b[i].src_count > 1 || b[i].tgt_count > 1;
        fprintf(f,
                "<tr id=\"b%zu\" class=\"bead%s%s%s\" data-score=\"%.4f\" "
                "style=\"background:hsl(%.0f,65%%,%s)\">",
                i, null ? " null" : "", many ? " many" : "",
                b[i].score < o->low_score ? " low" : "", b[i].score, hue(b[i].score),
                null ? "95%" : "91%");
        fprintf(f, "<td class=\"n\">%zu</td><td class=\"k\">%u-%u</td><td class=\"v\">%.3f</td>", i,
                b[i].src_count, b[i].tgt_count, b[i].score);
        int ps, pt;
        if (write_side(f, src, b[i].src_first, b[i].src_count, o->src_lang, &ps) ||
            write_side(f, tgt, b[i].tgt_first, b[i].tgt_count, o->tgt_lang, &pt))
            return TDM_ENOMEM;
        fputs("</tr>\n", f);
    }
    fputs("</tbody>\n</table>\n", f);
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
    write_head(f, src, tgt, opts);
    fputs("<header>\n", f);
    write_stats(f, src, tgt, b, n, opts);
    write_plot(f, b, n, ns, nt);
    fputs("</header>\n", f);
    if (write_rows(f, src, tgt, b, n, opts) != 0)
        return tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
    fputs("</body>\n</html>\n", f);
    if (fflush(f) != 0 || ferror(f))
        return tdm_fail(err, TDM_EIO, NULL, -1, -1, "write error");
    return 0;
}
