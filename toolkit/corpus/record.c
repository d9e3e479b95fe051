/*
 * record.c: the schema of each corpus format, one bead at a time, shared by
 * the writers of one pair (format_*.c) and of a batch (batch_format.c), so
 * that the two cannot drift apart: a batch only passes a document id.
 * Schemas: record.h and the FORMATS section of align(1).
 */
#include "corpus/record.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/xml.h"
#include "corpus/format.h"
#include "text/script.h"

/* Sentences [first, first + count) of doc joined by '\n' (new string);
 * any tab or line break inside a sentence becomes a space. */
static char *join(const tdm_doc *doc, uint32_t first, uint32_t count, size_t *len)
{
    size_t cap = 64, n = 0;
    char *s = malloc(cap);
    for (uint32_t i = 0; s && i < count; i++) {
        size_t sl;
        char *one = tdm_doc_sentence_dup(doc, (size_t)first + i, &sl);
        if (!one) {
            free(s);
            return NULL;
        }
        if (n + sl + 2 > cap) {
            while (n + sl + 2 > cap)
                cap *= 2;
            char *bigger = realloc(s, cap);
            if (!bigger) {
                free(one);
                free(s);
                return NULL;
            }
            s = bigger;
        }
        if (i)
            s[n++] = '\n';
        for (size_t k = 0; k < sl; k++)
            s[n++] = one[k] == '\t' || one[k] == '\n' || one[k] == '\r' ? ' ' : one[k];
        free(one);
    }
    if (s)
        s[n] = '\0';
    *len = n;
    return s;
}

int tdm_record_from_docs(tdm_record *r, const tdm_doc *src, const tdm_doc *tgt, const tdm_bead *b)
{
    memset(r, 0, sizeof *r);
    r->bead = *b;
    char *s = join(src, b->src_first, b->src_count, &r->src_len);
    char *t = s ? join(tgt, b->tgt_first, b->tgt_count, &r->tgt_len) : NULL;
    if (!t) {
        free(s);
        return TDM_ENOMEM;
    }
    r->src = s;
    r->tgt = t;
    const tdm_sentence *ss = tdm_doc_sentences(src), *ts = tdm_doc_sentences(tgt);
    if (b->src_count) {
        r->src_para_first = ss[b->src_first].para;
        r->src_para_last = ss[b->src_first + b->src_count - 1].para;
    }
    if (b->tgt_count) {
        r->tgt_para_first = ts[b->tgt_first].para;
        r->tgt_para_last = ts[b->tgt_first + b->tgt_count - 1].para;
    }
    return TDM_OK;
}

void tdm_record_free_text(tdm_record *r)
{
    free((char *)r->src);
    free((char *)r->tgt);
    r->src = r->tgt = NULL;
}

double tdm_record_ratio(const tdm_record *r)
{
    if (!r->src_len || !r->tgt_len)
        return 1;
    /* Lengths as the length model counts them (a Han character 3, kana and
     * Hangul 2): in code points a Chinese side is a third of English. */
    double a = (double)tdm_text_length(r->src, r->src_len) + 1;
    double c = (double)tdm_text_length(r->tgt, r->tgt_len) + 1;
    return a > c ? a / c : c / a;
}

const char *tdm_record_lang(const char *lang)
{
    return lang && lang[0] ? lang : "und";
}

static void add_warning(char *buf, size_t cap, const char *text)
{
    size_t n = strlen(buf);
    if (n + 2 + strlen(text) + 1 > cap)
        return;
    snprintf(buf + n, cap - n, "%s%s", n ? "; " : "", text);
}

void tdm_record_warnings(const tdm_doc *src, const tdm_doc *tgt, const tdm_bead *beads,
                         size_t count, char *buf, size_t cap)
{
    buf[0] = '\0';
    size_t nulls = 0;
    double sum = 0;
    for (size_t i = 0; i < count; i++) {
        nulls += beads[i].src_count == 0 || beads[i].tgt_count == 0;
        sum += beads[i].score;
    }
    char w[128];
    if (count && (double)nulls > 0.2 * (double)count) {
        snprintf(w, sizeof w, "%.0f%% of beads are unaligned sentences",
                 100.0 * (double)nulls / (double)count);
        add_warning(buf, cap, w);
    }
    if (sum / (double)(count ? count : 1) < 0.5) {
        snprintf(w, sizeof w, "low mean score %.2f", count ? sum / (double)count : 0.0);
        add_warning(buf, cap, w);
    }
    size_t replaced = tdm_doc_replaced(src) + tdm_doc_replaced(tgt);
    if (replaced) {
        snprintf(w, sizeof w, "%zu undecodable bytes replaced", replaced);
        add_warning(buf, cap, w);
    }
}

/* Declared in corpus/format.h: the writers of one pair use them too. */
void tdm_format_bead_type(const tdm_bead *bead, char *buf, size_t cap)
{
    snprintf(buf, cap, "%u-%u", (unsigned)bead->src_count, (unsigned)bead->tgt_count);
}

void tdm_format_write_ids(FILE *f, uint32_t first, uint32_t count)
{
    fputc('[', f);
    for (uint32_t i = 0; i < count; i++)
        fprintf(f, i ? ", %u" : "%u", (unsigned)(first + i));
    fputc(']', f);
}

static void write_ref(FILE *f, const tdm_bead *b)
{
    tdm_format_write_ids(f, b->src_first, b->src_count);
    putc(':', f);
    tdm_format_write_ids(f, b->tgt_first, b->tgt_count);
}

/* s[0, len) with every '\n' (a sentence join) written as sep. */
static void write_joined(FILE *f, const char *s, size_t len, const char *sep)
{
    for (const char *end = s + len; s < end;) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
        fwrite(s, 1, n, f);
        if (!nl)
            break;
        fputs(sep, f);
        s = nl + 1;
    }
}

void tdm_record_write_tsv(FILE *f, const char *id, const tdm_record *r)
{
    if (id) {
        tdm_format_write_id(f, id, 0);
        putc('\t', f);
    }
    write_joined(f, r->src, r->src_len, " ~~~ ");
    putc('\t', f);
    write_joined(f, r->tgt, r->tgt_len, " ~~~ ");
    fprintf(f, "\t%.4f\t", r->bead.score);
    write_ref(f, &r->bead);
    putc('\n', f);
}

void tdm_record_write_moses(FILE *f, int side, const char *id, const tdm_record *r)
{
    if (side == 2) {
        tdm_format_write_id(f, id ? id : "", 0);
        putc('\t', f);
        write_ref(f, &r->bead);
    } else if (side == 0) {
        write_joined(f, r->src, r->src_len, " ");
    } else {
        write_joined(f, r->tgt, r->tgt_len, " ");
    }
    putc('\n', f);
}

static void write_xml_str(FILE *f, const char *s)
{
    tdm_xml_write(f, s, strlen(s));
}

/* XML text with the joins as spaces: the '\n's become ' ' first. */
static void write_xml_joined(FILE *f, const char *s, size_t len)
{
    for (const char *end = s + len; s < end;) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
        tdm_xml_write(f, s, n);
        if (!nl)
            break;
        putc(' ', f);
        s = nl + 1;
    }
}

void tdm_record_write_tmx_head(FILE *f, const char *src_lang)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n", f);
    fputs("  <header creationtool=\"tandem\" creationtoolversion=\"" TDM_VERSION "\" "
          "segtype=\"sentence\" o-tmf=\"tandem\" adminlang=\"en\" srclang=\"",
          f);
    write_xml_str(f, src_lang);
    fputs("\" datatype=\"plaintext\"/>\n  <body>\n", f);
}

void tdm_record_write_tmx(FILE *f, const char *id, size_t n, const char *src_lang,
                          const char *tgt_lang, const tdm_record *r)
{
    char type[24];
    tdm_format_bead_type(&r->bead, type, sizeof type);
    fputs("    <tu tuid=\"", f);
    if (id) {
        tdm_format_write_id(f, id, 1);
        putc('/', f);
    }
    fprintf(f, "%zu\">\n", n);
    if (id) {
        fputs("      <prop type=\"x-document\">", f);
        tdm_format_write_id(f, id, 1);
        fputs("</prop>\n", f);
    }
    fprintf(f, "      <prop type=\"x-score\">%.4f</prop>\n", r->bead.score);
    fprintf(f, "      <prop type=\"x-type\">%s</prop>\n", type);
    fputs("      <prop type=\"x-ids\">", f);
    write_ref(f, &r->bead);
    fputs("</prop>\n      <tuv xml:lang=\"", f);
    write_xml_str(f, tdm_record_lang(src_lang));
    fputs("\"><seg>", f);
    write_xml_joined(f, r->src, r->src_len);
    fputs("</seg></tuv>\n      <tuv xml:lang=\"", f);
    write_xml_str(f, tdm_record_lang(tgt_lang));
    fputs("\"><seg>", f);
    write_xml_joined(f, r->tgt, r->tgt_len);
    fputs("</seg></tuv>\n    </tu>\n", f);
}

void tdm_record_write_tmx_tail(FILE *f)
{
    fputs("  </body>\n</tmx>\n", f);
}

void tdm_record_write_jsonl_head(FILE *f, const char *id, const char *src_lang,
                                 const char *tgt_lang)
{
    putc('{', f);
    if (id) {
        fputs("\"id\":", f);
        tdm_json_write_string(f, id, strlen(id));
        putc(',', f);
    }
    fputs("\"src_lang\":", f);
    src_lang = tdm_record_lang(src_lang);
    tdm_json_write_string(f, src_lang, strlen(src_lang));
    fputs(",\"tgt_lang\":", f);
    tgt_lang = tdm_record_lang(tgt_lang);
    tdm_json_write_string(f, tgt_lang, strlen(tgt_lang));
    fputs(",\"beads\":[", f);
}

static void write_paras(FILE *f, uint32_t count, uint32_t first, uint32_t last)
{
    putc('[', f);
    for (uint32_t p = first; count && p <= last; p++)
        fprintf(f, p == first ? "%u" : ",%u", (unsigned)p);
    putc(']', f);
}

/* JSON string of s[0, len) with the joins as spaces. */
static void write_json_joined(FILE *f, const char *s, size_t len)
{
    char *copy = malloc(len + 1);
    if (!copy) { /* the sentences themselves, joins escaped as "\n" */
        tdm_json_write_string(f, s, len);
        return;
    }
    for (size_t i = 0; i < len; i++)
        copy[i] = s[i] == '\n' ? ' ' : s[i];
    tdm_json_write_string(f, copy, len);
    free(copy);
}

void tdm_record_write_jsonl(FILE *f, int first, const tdm_record *r)
{
    const tdm_bead *b = &r->bead;
    fputs(first ? "{\"src\":" : ",{\"src\":", f);
    write_json_joined(f, r->src, r->src_len);
    fputs(",\"tgt\":", f);
    write_json_joined(f, r->tgt, r->tgt_len);
    fputs(",\"src_ids\":", f);
    tdm_format_write_ids(f, b->src_first, b->src_count);
    fputs(",\"tgt_ids\":", f);
    tdm_format_write_ids(f, b->tgt_first, b->tgt_count);
    fputs(",\"src_para\":", f);
    write_paras(f, b->src_count, r->src_para_first, r->src_para_last);
    fputs(",\"tgt_para\":", f);
    write_paras(f, b->tgt_count, r->tgt_para_first, r->tgt_para_last);
    if (isfinite(b->score))
        fprintf(f, ",\"score\":%.4f", b->score);
    else
        fputs(",\"score\":null", f);
    char type[24];
    tdm_format_bead_type(b, type, sizeof type);
    fprintf(f, ",\"type\":\"%s\"}", type);
}

void tdm_record_write_jsonl_tail(FILE *f, const tdm_record_doc *d)
{
    fprintf(f,
            "],\"src_sentences\":%zu,\"tgt_sentences\":%zu,\"aligned_beads\":%zu,"
            "\"mean_score\":%.4f,\"kept\":%zu,\"filtered\":%zu,\"duplicates\":%zu,"
            "\"warnings\":",
            d->src_sentences, d->tgt_sentences, d->beads,
            d->beads ? d->score_sum / (double)d->beads : 0.0, d->kept, d->filtered, d->duplicates);
    const char *w = d->warnings ? d->warnings : "";
    tdm_json_write_string(f, w, strlen(w));
    fputs("}\n", f);
}

void tdm_format_write_id(FILE *f, const char *id, int xml)
{
    for (;;) {
        size_t n = strcspn(id, "\\\t\n\r");
        if (xml)
            tdm_xml_write(f, id, n);
        else
            fwrite(id, 1, n, f);
        id += n;
        if (!*id)
            return;
        putc('\\', f);
        putc(*id == '\t' ? 't' : *id == '\n' ? 'n' : *id == '\r' ? 'r' : '\\', f);
        id++;
    }
}
