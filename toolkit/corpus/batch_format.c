/*
 * batch_format.c: how a batch writes its corpus and report.
 *
 *   tsv    id<TAB>bead<TAB>score<TAB>source<TAB>target, the bead as in
 *          doc/evaluation.md ("[3, 4]:[5]"); no header line, so that the outputs of
 *          several runs concatenate
 *   moses  PREFIX.<src>, PREFIX.<tgt> line-parallel (what Moses and most
 *          NMT toolkits train on) and PREFIX.ids: id<TAB>bead per line
 *   tmx    TMX 1.4b (LISA, 2005), one <tu> per bead with the document id
 *          and the score as <prop>s and tuid "id/n"
 *   jsonl  one object per document: id, languages, beads [{src, tgt,
 *          src_ids, tgt_ids, score}], counts, warnings; a failed pair is
 *          {"id", "error"}. One line in, one line out: what GNU parallel
 *          --pipe and Hadoop Streaming expect of a filter.
 * Sentences of one side of a bead are joined by a space; the reader has
 * already collapsed white space, so no field holds a tab or a newline.
 * The report is TSV with a '#' header and a '# total' line.
 */
#include "corpus/batch.h"

#include <string.h>

#include "base/xml.h"
#include "corpus/format.h"
#include "base/json.h"

static const char *lang_or(const char *lang, const char *dflt)
{
    return lang && lang[0] ? lang : dflt;
}

void tdm_batch_write_heads(const tdm_batch_files *files, const tdm_batch_opts *o)
{
    if (o->format == TDM_CORPUS_TMX)
        fprintf(files->corpus,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n"
                "<header creationtool=\"tandem\" creationtoolversion=\"%s\" "
                "datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" "
                "srclang=\"%s\" o-tmf=\"tandem\"/>\n<body>\n",
                TDM_VERSION, lang_or(o->src_lang, "*all*"));
    if (files->report)
        fputs("# id\tstatus\tsrc_lang\ttgt_lang\tsrc_sentences\ttgt_sentences\tbeads\t1-1"
              "\tnull\tkept\tmean_score\tnote\n",
              files->report);
}

static void write_bead_ref(FILE *f, const tdm_bead *b)
{
    tdm_format_write_ids(f, b->src_first, b->src_count);
    putc(':', f);
    tdm_format_write_ids(f, b->tgt_first, b->tgt_count);
}

void tdm_batch_write_pair(const tdm_batch_files *files, tdm_corpus_format format, const char *id,
                          size_t k, const tdm_batch_result *res, const tdm_batch_pair *p,
                          int *first)
{
    FILE *f = files->corpus;
    switch (format) {
    case TDM_CORPUS_TSV:
        fprintf(f, "%s\t", id);
        write_bead_ref(f, &p->bead);
        fprintf(f, "\t%.4f\t%s\t%s\n", p->bead.score, p->src, p->tgt);
        break;
    case TDM_CORPUS_MOSES:
        fprintf(f, "%s\n", p->src);
        fprintf(files->corpus2, "%s\n", p->tgt);
        fprintf(files->ids, "%s\t", id);
        write_bead_ref(files->ids, &p->bead);
        putc('\n', files->ids);
        break;
    case TDM_CORPUS_TMX:
        fputs("<tu tuid=\"", f);
        tdm_xml_write(f, id, strlen(id));
        fprintf(f, "/%zu\"><prop type=\"x-document\">", k);
        tdm_xml_write(f, id, strlen(id));
        fprintf(f, "</prop><prop type=\"x-score\">%.4f</prop>\n<tuv xml:lang=\"%s\"><seg>",
                p->bead.score, res->src_lang);
        tdm_xml_write(f, p->src, p->src_len);
        fprintf(f, "</seg></tuv>\n<tuv xml:lang=\"%s\"><seg>", res->tgt_lang);
        tdm_xml_write(f, p->tgt, p->tgt_len);
        fputs("</seg></tuv></tu>\n", f);
        break;
    case TDM_CORPUS_JSONL:
        fputs(*first ? "" : ",", f);
        fputs("{\"src\":", f);
        tdm_json_write_string(f, p->src, p->src_len);
        fputs(",\"tgt\":", f);
        tdm_json_write_string(f, p->tgt, p->tgt_len);
        fputs(",\"src_ids\":", f);
        tdm_format_write_ids(f, p->bead.src_first, p->bead.src_count);
        fputs(",\"tgt_ids\":", f);
        tdm_format_write_ids(f, p->bead.tgt_first, p->bead.tgt_count);
        fprintf(f, ",\"score\":%.4f}", p->bead.score);
        break;
    }
    *first = 0;
}

void tdm_batch_write_doc_head(FILE *f, const char *id, const tdm_batch_result *res)
{
    fputs("{\"id\":", f);
    tdm_json_write_string(f, id, strlen(id));
    if (res->error.code) {
        char msg[1100];
        tdm_error_format(&res->error, msg, sizeof msg);
        fputs(res->rejected ? ",\"rejected\":" : ",\"error\":", f);
        tdm_json_write_string(f, msg, strlen(msg));
        fputs("}\n", f);
        return;
    }
    fprintf(f, ",\"src_lang\":\"%s\",\"tgt_lang\":\"%s\",\"beads\":[", res->src_lang,
            res->tgt_lang);
}

void tdm_batch_write_doc_tail(FILE *f, const tdm_batch_result *res, size_t kept, size_t dups)
{
    fprintf(f,
            "],\"src_sentences\":%zu,\"tgt_sentences\":%zu,\"aligned_beads\":%zu,"
            "\"mean_score\":%.4f,\"kept\":%zu,\"filtered\":%zu,\"duplicates\":%zu,"
            "\"warnings\":",
            res->src_sentences, res->tgt_sentences, res->beads,
            res->beads ? res->score_sum / (double)res->beads : 0.0, kept, res->filtered, dups);
    tdm_json_write_string(f, res->warnings, strlen(res->warnings));
    fputs("}\n", f);
}

/* Report fields are single-line: tabs and newlines become spaces. */
static void write_field(FILE *f, const char *s)
{
    for (; *s; s++)
        putc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

void tdm_batch_write_report(FILE *f, const char *id, const tdm_batch_result *res, size_t kept)
{
    write_field(f, id);
    if (res->error.code) {
        char msg[1100];
        tdm_error_format(&res->error, msg, sizeof msg);
        fputs(res->rejected ? "\trejected\t\t\t\t\t\t\t\t\t\t" : "\tfailed\t\t\t\t\t\t\t\t\t\t", f);
        write_field(f, msg);
        putc('\n', f);
        return;
    }
    fprintf(f, "\tok\t%s\t%s\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\t%.4f\t", res->src_lang, res->tgt_lang,
            res->src_sentences, res->tgt_sentences, res->beads, res->one_to_one, res->nulls, kept,
            res->beads ? res->score_sum / (double)res->beads : 0.0);
    write_field(f, res->warnings);
    putc('\n', f);
}

void tdm_batch_write_tails(const tdm_batch_files *files, const tdm_batch_opts *o,
                           const tdm_batch_totals *t)
{
    if (o->format == TDM_CORPUS_TMX)
        fputs("</body>\n</tmx>\n", files->corpus);
    if (files->report) {
        FILE *f = files->report;
        fprintf(f,
                "# total\t%zu pairs, %zu rejected, %zu failed\t\t\t%zu\t%zu\t%zu\t\t\t%zu\t%.4f\t",
                t->pairs, t->rejected, t->failed, t->src_sentences, t->tgt_sentences, t->beads,
                t->written, t->beads ? t->score_sum / (double)t->beads : 0.0);
        fprintf(f, "%zu filtered, %zu duplicates\n", t->filtered, t->duplicates);
    }
}
