/*
 * batch_format.c: how a batch writes its corpus and report. The corpus
 * formats are those of one pair with the document id added, nothing else
 * changed (corpus/record.c writes both; schemas in align(1), FORMATS):
 *
 *   tsv    id<TAB>source<TAB>target<TAB>score<TAB>bead; no header line, so
 *          that the outputs of several runs concatenate
 *   moses  PREFIX.<src>, PREFIX.<tgt> line-parallel (what Moses and most
 *          NMT toolkits train on) and PREFIX.ids: id<TAB>bead per line
 *   tmx    TMX 1.4b (LISA, 2005), one <tu> per bead, tuid "id/n", the
 *          document id as the x-document property
 *   jsonl  one object per document, the single pair's object with "id"
 *          first; a failed pair is {"id", "error"}, a rejected one {"id",
 *          "rejected"}. One line in, one line out: what GNU parallel --pipe
 *          and Hadoop Streaming expect of a filter.
 * Document ids may hold anything (file names): tdm_format_write_id
 * escapes them the same way in the TSV corpus, PREFIX.ids, TMX and the
 * report; JSONL writes them as exact JSON strings.
 * The report is TSV with a '#' header and a '# total' line.
 */
#include "corpus/batch.h"

#include <string.h>

#include "base/json.h"
#include "corpus/format.h"
#include "corpus/record.h"

void tdm_batch_write_heads(const tdm_batch_files *files, const tdm_batch_opts *o)
{
    /* TMX's srclang="*all*": the documents may be in several languages. */
    if (o->format == TDM_CORPUS_TMX)
        tdm_record_write_tmx_head(files->corpus,
                                  o->src_lang && o->src_lang[0] ? o->src_lang : "*all*");
    if (files->report)
        fputs("# id\tstatus\tsrc_lang\ttgt_lang\tsrc_sentences\ttgt_sentences\tbeads\t1-1"
              "\tnull\tkept\tmean_score\tnote\n",
              files->report);
}

void tdm_batch_write_pair(const tdm_batch_files *files, tdm_corpus_format format, const char *id,
                          size_t n, const tdm_batch_result *res, const tdm_batch_pair *p)
{
    switch (format) {
    case TDM_CORPUS_TSV: tdm_record_write_tsv(files->corpus, id, p); break;
    case TDM_CORPUS_MOSES:
        tdm_record_write_moses(files->corpus, 0, id, p);
        tdm_record_write_moses(files->corpus2, 1, id, p);
        tdm_record_write_moses(files->ids, 2, id, p);
        break;
    case TDM_CORPUS_TMX:
        tdm_record_write_tmx(files->corpus, id, n, res->src_lang, res->tgt_lang, p);
        break;
    case TDM_CORPUS_JSONL: tdm_record_write_jsonl(files->corpus, n == 1, p); break;
    }
}

void tdm_batch_write_doc_head(FILE *f, const char *id, const tdm_batch_result *res)
{
    if (res->error.code) {
        char msg[1100];
        tdm_error_format(&res->error, msg, sizeof msg);
        fputs("{\"id\":", f);
        tdm_json_write_string(f, id, strlen(id));
        fputs(res->rejected ? ",\"rejected\":" : ",\"error\":", f);
        tdm_json_write_string(f, msg, strlen(msg));
        fputs("}\n", f);
        return;
    }
    tdm_record_write_jsonl_head(f, id, res->src_lang, res->tgt_lang);
}

void tdm_batch_write_doc_tail(FILE *f, const tdm_batch_result *res, size_t kept, size_t dups)
{
    tdm_record_doc d = {res->src_sentences,
                        res->tgt_sentences,
                        res->beads,
                        res->score_sum,
                        kept,
                        res->filtered,
                        dups,
                        res->warnings};
    tdm_record_write_jsonl_tail(f, &d);
}

/* Report fields are single-line: escaped like document ids. */
static void write_field(FILE *f, const char *s)
{
    tdm_format_write_id(f, s, 0);
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
        tdm_record_write_tmx_tail(files->corpus);
    if (files->report) {
        FILE *f = files->report;
        fprintf(f,
                "# total\t%zu pairs, %zu rejected, %zu failed\t\t\t%zu\t%zu\t%zu\t\t\t%zu\t%.4f\t",
                t->pairs, t->rejected, t->failed, t->src_sentences, t->tgt_sentences, t->beads,
                t->written, t->beads ? t->score_sum / (double)t->beads : 0.0);
        fprintf(f, "%zu filtered, %zu duplicates\n", t->filtered, t->duplicates);
    }
}
