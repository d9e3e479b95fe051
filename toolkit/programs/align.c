/*
 * align.c: the align program. Reads two translations of a story, finds the
 * languages, splits sentences, aligns them (tandem/align.h) and writes the
 * alignment in one of the formats of tandem/format.h; --eval and
 * --eval-list score alignments against gold beads (tandem/eval.h). All the
 * logic is in the library: this file calls it for the mode chosen and
 * reports; the options are read by align_args.c.
 * Exit codes: 0 ok, 1 bad usage, 2 bad input (read failure), 3 internal or
 * resource error (write failure).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tandem/align.h"
#include "tandem/batch.h"
#include "tandem/eval.h"
#include "tandem/format.h"
#include "tandem/lang.h"
#include "tandem/output.h"
#include "tandem/segment.h"
#include "tandem/text.h"

#include "align_cli.h"
#include "options.h"

/* One aligned document pair and what it took. */
typedef struct pair {
    tdm_doc *src, *tgt;
    char src_lang[8], tgt_lang[8]; /* "" when unknown */
    tdm_alignment *al;
} pair;

/* The language of doc: given, or identified; "" (with a warning) when it
 * cannot be identified, so that alignment goes on with neutral rules.
 * Returns 0, or the exit status (reported) when identification itself
 * failed (out of memory): never a silent change of rules. */
static int find_lang(const cli *c, const tdm_doc *doc, const char *given, const char *side,
                     char out[8])
{
    out[0] = '\0';
    if (given) {
        snprintf(out, 8, "%s", given);
        return 0;
    }
    size_t len;
    const char *text = tdm_doc_text(doc, &len); /* identification reads its start */
    tdm_error err;
    int rc = tdm_lang_identify(text, len, out, &err);
    if (rc != TDM_OK && rc != TDM_ENOLANG) {
        out[0] = '\0';
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", tdm_doc_name(doc));
        return align_report_error(&err);
    }
    if (rc != TDM_OK) {
        out[0] = '\0';
        if (!c->quiet && tdm_doc_sentence_count(doc) + tdm_doc_para_count(doc) > 0)
            fprintf(stderr, PROGRAM ": warning: %s: language not identified (%s); use --%s-lang\n",
                    tdm_doc_name(doc), err.message, side);
    }
    return 0;
}

/* Splits doc into sentences with the splitter of lang (neutral rules when
 * the language is unknown). */
static int segment(const char *models_dir, tdm_doc *doc, const char *lang, tdm_error *err)
{
    tdm_splitter *sp = NULL;
    if (*lang && models_dir) {
        sp = tdm_splitter_load(models_dir, lang, err);
        if (!sp)
            return err->code;
    }
    int rc = tdm_doc_segment(doc, sp, err);
    tdm_splitter_free(sp);
    return rc;
}

/* tdm_align, with the two texts released while the alignment runs and
 * read back after for the output (when they are files' bytes: see
 * tdm_doc_release_text): at a million sentences a side the texts are a
 * quarter of the peak of memory, and the search never reads them. */
static tdm_alignment *align_docs(pair *p, const tdm_align_opts *ao, tdm_error *err)
{
    tdm_align_model *model = tdm_align_model_new(ao, err);
    tdm_align_job *job = model ? tdm_align_prepare(model, p->src, p->tgt, ao, err) : NULL;
    tdm_alignment *al = NULL;
    if (job) {
        tdm_doc_release_text(p->src);
        tdm_doc_release_text(p->tgt);
        al = tdm_align_job_run(job, err);
        tdm_align_job_free(job);
        if (al && (tdm_doc_restore_text(p->src, err) != TDM_OK ||
                   tdm_doc_restore_text(p->tgt, err) != TDM_OK)) {
            tdm_alignment_free(al);
            al = NULL;
        }
    }
    tdm_align_model_free(model);
    return al;
}

static void pair_free(pair *p)
{
    tdm_alignment_free(p->al);
    tdm_doc_free(p->src);
    tdm_doc_free(p->tgt);
    memset(p, 0, sizeof *p);
}

/* Reads, segments and aligns src_path with tgt_path into p. Returns 0 or
 * the exit status (the error already reported). */
static int align_pair(const cli *c, const char *models_dir, const char *src_path,
                      const char *tgt_path, pair *p)
{
    tdm_error err;
    tdm_error_clear(&err);
    memset(p, 0, sizeof *p);
    tdm_read_opts src_read = c->read, tgt_read = c->read;
    if (c->src_encoding)
        src_read.encoding = c->src_encoding;
    if (c->tgt_encoding)
        tgt_read.encoding = c->tgt_encoding;
    p->src = tdm_doc_read_file(src_path, &src_read, &err);
    if (!p->src)
        return align_report_error(&err);
    p->tgt = tdm_doc_read_file(tgt_path, &tgt_read, &err);
    if (!p->tgt) {
        pair_free(p);
        return align_report_error(&err);
    }
    int st = find_lang(c, p->src, c->src_lang, "src", p->src_lang);
    if (st == 0)
        st = find_lang(c, p->tgt, c->tgt_lang, "tgt", p->tgt_lang);
    if (st != 0) {
        pair_free(p);
        return st;
    }
    /* Presplit documents have their sentences: no splitter to load. */
    int rc = c->read.presplit ? TDM_OK : segment(models_dir, p->src, p->src_lang, &err);
    if (rc == TDM_OK && !c->read.presplit)
        rc = segment(models_dir, p->tgt, p->tgt_lang, &err);
    if (rc != TDM_OK) {
        pair_free(p);
        return align_report_error(&err);
    }
    tdm_align_opts ao = c->align;
    ao.models_dir = models_dir;
    ao.src_lang = p->src_lang;
    ao.tgt_lang = p->tgt_lang;
    p->al = c->from_beads ? tdm_alignment_read_beads(c->from_beads, tdm_doc_sentence_count(p->src),
                                                     tdm_doc_sentence_count(p->tgt), &err)
                          : align_docs(p, &ao, &err);
    if (!p->al) {
        pair_free(p);
        return align_report_error(&err);
    }
    return 0;
}

/* Writes the alignment where -o says; nothing is left on failure. */
static int write_output(const cli *c, const pair *p)
{
    tdm_write_opts wo = c->write;
    wo.src_lang = p->src_lang;
    wo.tgt_lang = p->tgt_lang;
    tdm_error err;
    if (c->format == TDM_FMT_MOSES) {
        if (tdm_write_moses(c->output, p->src, p->tgt, p->al, &wo, &err) != TDM_OK)
            return align_report_error(&err);
        return 0;
    }
    tdm_outfile *out = tdm_outfile_open(c->output ? c->output : "-", &err);
    if (!out)
        return align_report_error(&err);
    int rc =
        tdm_write_alignment(tdm_outfile_stream(out), c->format, p->src, p->tgt, p->al, &wo, &err);
    if (rc != TDM_OK) {
        tdm_outfile_abort(out);
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", c->output ? c->output : "<stdout>");
        return align_report_error(&err);
    }
    if (tdm_outfile_commit(out, &err) != TDM_OK)
        return align_report_error(&err);
    return 0;
}

/* The resource tier each side got (models/README.md): "full" down to
 * "generic", on a line of its own after the summary. */
static void report_resources(const cli *c, const pair *p)
{
    const char *models_dir = tdm_models_dir(c->models);
    unsigned res = 0;
    fprintf(stderr, PROGRAM ": resources:");
    for (int side = 0; side < 2; side++) {
        const char *lang = side ? p->tgt_lang : p->src_lang;
        const char *other = side ? p->src_lang : p->tgt_lang;
        char tier[160] = "generic (language unknown)";
        if (*lang) {
            res = tdm_lang_resources(models_dir, lang, other);
            tdm_lang_tier(res, tier, sizeof tier);
        }
        fprintf(stderr, " %s %s;", *lang ? lang : "?", tier);
    }
    if (c->align.lexicon) /* --lexicon FILE, or "" for --lexicon none */
        fprintf(stderr, " lexicon %s\n", *c->align.lexicon ? c->align.lexicon : "none");
    else
        fprintf(stderr, " lexicon %s\n", res & TDM_RES_LEXICON ? "of the pair" : "none");
}

/* The stderr summary: bead counts by type, mean score, warnings. */
static void report_summary(const cli *c, const pair *p)
{
    tdm_align_stats st;
    tdm_alignment_stats(p->al, &st);
    for (int side = 0; side < 2; side++) {
        const tdm_doc *doc = side ? p->tgt : p->src;
        if (tdm_doc_sentence_count(doc) == 0)
            fprintf(stderr, PROGRAM ": warning: %s: no sentences\n", tdm_doc_name(doc));
        if (tdm_doc_replaced(doc) > 0 && !c->quiet)
            fprintf(stderr, PROGRAM ": warning: %s: %zu undecodable bytes replaced by U+FFFD\n",
                    tdm_doc_name(doc), tdm_doc_replaced(doc));
    }
    if (st.unrelated)
        fprintf(stderr,
                PROGRAM ": warning: %s and %s do not look like translations of each other\n",
                tdm_doc_name(p->src), tdm_doc_name(p->tgt));
    if (c->quiet)
        return;
    fprintf(stderr, PROGRAM ": %s (%s, %zu sentences) - %s (%s, %zu sentences): %zu beads",
            tdm_doc_name(p->src), *p->src_lang ? p->src_lang : "?", tdm_doc_sentence_count(p->src),
            tdm_doc_name(p->tgt), *p->tgt_lang ? p->tgt_lang : "?", tdm_doc_sentence_count(p->tgt),
            tdm_alignment_count(p->al));
    /* Counts of 3 are "3 or more" when beads may be larger. */
    const char *more = c->align.max_bead > 3 ? "+" : "";
    const char *sep = " (";
    for (int s = 0; s < 4; s++)
        for (int t = 0; t < 4; t++)
            if (st.beads_by_type[s][t]) {
                fprintf(stderr, "%s%d%s-%d%s %zu", sep, s, s == 3 ? more : "", t,
                        t == 3 ? more : "", st.beads_by_type[s][t]);
                sep = ", ";
            }
    fprintf(stderr, "%s, mean score %.3f%s\n", *sep == ',' ? ")" : "", st.mean_score,
            st.used_paragraphs ? ", paragraphs first" : "");
    report_resources(c, p);
}

/* Adds p scored against the gold file to counts, and to total when not
 * NULL. */
static int eval_pair(const pair *p, const char *gold_path, tdm_eval_counts *counts,
                     tdm_eval_counts *total)
{
    tdm_bead *gold = NULL;
    size_t gold_count = 0;
    tdm_error err;
    if (tdm_beads_read(gold_path, &gold, &gold_count, &err) != TDM_OK)
        return align_report_error(&err);
    size_t n = tdm_doc_sentence_count(p->src), m = tdm_doc_sentence_count(p->tgt);
    for (size_t i = 0; i < gold_count; i++) {
        const tdm_bead *g = &gold[i];
        if ((size_t)g->src_first + g->src_count > n || (size_t)g->tgt_first + g->tgt_count > m) {
            fprintf(stderr,
                    PROGRAM ": %s: bead %zu names sentences beyond %s (%zu) or %s (%zu): "
                            "gold ids count the lines of one-sentence-per-line files\n",
                    gold_path, i + 1, tdm_doc_name(p->src), n, tdm_doc_name(p->tgt), m);
            free(gold);
            return TDM_EXIT_INPUT;
        }
    }
    tdm_eval_add(counts, gold, gold_count, tdm_alignment_beads(p->al), tdm_alignment_count(p->al));
    if (total)
        tdm_eval_add(total, gold, gold_count, tdm_alignment_beads(p->al),
                     tdm_alignment_count(p->al));
    free(gold);
    return 0;
}

static void print_scores(FILE *f, const char *label, const tdm_eval_counts *counts)
{
    tdm_eval_scores s;
    tdm_eval_scores_of(counts, &s);
    fprintf(f, "%s\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%zu\t%zu\n", label, s.strict_p,
            s.strict_r, s.strict_f1, s.lax_p, s.lax_r, s.lax_f1, s.many_p, counts->many_beads,
            counts->merged_1to1);
}

/* Joins a path of the list file with the list's directory unless absolute. */
static void list_path(const char *list, const char *path, char *buf, size_t cap)
{
    const char *slash = strrchr(list, '/');
    if (path[0] == '/' || !slash || strcmp(list, "-") == 0)
        snprintf(buf, cap, "%s", path);
    else
        snprintf(buf, cap, "%.*s/%s", (int)(slash - list), list, path);
}

/* Nonzero when the first entry of the list is a development list line
 * "SET KIND SRC TGT GOLD SRC_LANG TGT_LANG" (toolkit/align/fit.c), not
 * "src<TAB>tgt<TAB>gold". */
static int is_dev_list(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[4096], kind[16];
    int dev = 0;
    while (f && fgets(line, sizeof line, f)) {
        if (line[strspn(line, " \t\r\n")] == '\0' || line[0] == '#')
            continue;
        dev = sscanf(line, "%*s %15s", kind) == 1 &&
              (strcmp(kind, "raw") == 0 || strcmp(kind, "presplit") == 0);
        break;
    }
    if (f)
        fclose(f);
    return dev;
}

/* --fit, and --eval-list on a development list: the library aligns the
 * listed documents; we print the scores per set. */
static int run_sets(const cli *c, const char *models_dir, const char *list, int fit)
{
    tdm_align_opts ao = c->align;
    ao.models_dir = models_dir;
    tdm_eval_set sets[64];
    size_t count = 0;
    tdm_error err;
    int rc = fit ? tdm_align_fit(list, &ao, c->output, sets, 64, &count, &err)
                 : tdm_align_eval_list(list, &ao, sets, 64, &count, &err);
    if (rc != TDM_OK)
        return align_report_error(&err);
    printf("# set\tdocs\tstrict_p\tstrict_r\tstrict_f1\tlax_p\tlax_r\tlax_f1\tmany_p\tmany_beads\t"
           "merged_1to1\n");
    for (size_t i = 0; i < count; i++) {
        const tdm_eval_scores *s = &sets[i].scores;
        const tdm_eval_counts *n = &sets[i].counts;
        printf("%s\t%zu\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%zu\t%zu\n", sets[i].name,
               sets[i].docs, s->strict_p, s->strict_r, s->strict_f1, s->lax_p, s->lax_r, s->lax_f1,
               s->many_p, n->many_beads, n->merged_1to1);
    }
    return 0;
}

/* --eval-list: aligns and scores every pair of the list. */
static int run_eval_list(const cli *c, const char *models_dir)
{
    if (strcmp(c->eval_list, "-") != 0 && is_dev_list(c->eval_list))
        return run_sets(c, models_dir, c->eval_list, 0);
    FILE *f = strcmp(c->eval_list, "-") == 0 ? stdin : fopen(c->eval_list, "r");
    if (!f) {
        fprintf(stderr, PROGRAM ": %s: %s\n", c->eval_list, strerror(errno));
        return TDM_EXIT_INPUT;
    }
    tdm_eval_counts total = {0};
    char line[4096], paths[3][4096];
    long line_no = 0;
    size_t docs = 0;
    int status = 0;
    printf("# pair\tstrict_p\tstrict_r\tstrict_f1\tlax_p\tlax_r\tlax_f1\tmany_p\tmany_beads\t"
           "merged_1to1\n");
    while (status == 0 && fgets(line, sizeof line, f)) {
        line_no++;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '\0' || line[0] == '#')
            continue;
        char *field[3], *save = NULL;
        field[0] = strtok_r(line, "\t", &save);
        field[1] = strtok_r(NULL, "\t", &save);
        field[2] = strtok_r(NULL, "\t", &save);
        if (!field[2] || strtok_r(NULL, "\t", &save)) {
            fprintf(stderr, PROGRAM ": %s:%ld: expected src<TAB>tgt<TAB>gold\n", c->eval_list,
                    line_no);
            status = TDM_EXIT_INPUT;
            break;
        }
        for (int k = 0; k < 3; k++)
            list_path(c->eval_list, field[k], paths[k], sizeof paths[k]);
        pair p;
        tdm_eval_counts doc = {0};
        status = align_pair(c, models_dir, paths[0], paths[1], &p);
        if (status == 0) {
            status = eval_pair(&p, paths[2], &doc, &total);
            if (status == 0 && !c->quiet)
                report_summary(c, &p);
            pair_free(&p);
        }
        if (status == 0) {
            print_scores(stdout, field[0], &doc);
            docs++;
        }
    }
    if (f != stdin)
        fclose(f);
    if (status == 0 && docs == 0) {
        fprintf(stderr, PROGRAM ": %s: no pairs listed\n", c->eval_list);
        status = TDM_EXIT_INPUT;
    }
    if (status == 0)
        print_scores(stdout, "total", &total);
    return status;
}

/* --batch, --batch-dirs, --jsonl: the library does the run. */
static int run_batch(const cli *c, const char *models_dir)
{
    tdm_batch_opts o = c->batch;
    tdm_error err;
    const char *fmt = c->format_set                ? tdm_format_name(c->format)
                      : o.input == TDM_BATCH_JSONL ? "jsonl"
                                                   : "tsv";
    if (tdm_corpus_format_parse(fmt, &o.format, &err) != TDM_OK)
        return align_bad_usage("-f %s: a corpus is written as tsv, moses, tmx or jsonl", fmt);
    o.output = c->output ? c->output : "-";
    o.src_lang = c->src_lang;
    o.tgt_lang = c->tgt_lang;
    o.min_score = c->write.min_score;
    o.types = c->write.types;
    o.max_ratio = c->write.max_ratio;
    o.dedup = c->write.dedup;
    o.read = c->read;
    o.src_encoding = c->src_encoding;
    o.tgt_encoding = c->tgt_encoding;
    o.align = c->align;
    o.align.models_dir = models_dir;
    o.log = stderr;
    o.log_prefix = PROGRAM ": ";
    o.progress = !c->quiet && isatty(STDERR_FILENO);
    tdm_batch_totals t;
    int rc = tdm_batch_run(&o, &t, &err);
    if (rc != TDM_OK && rc != TDM_EINPUT)
        return align_report_error(&err);
    if (!c->quiet) {
        char line[512];
        tdm_batch_totals_format(&t, line, sizeof line);
        fprintf(stderr, PROGRAM ": %s\n", line);
        if (o.learn)
            fprintf(stderr,
                    PROGRAM ": learnt from the batch: %zu word pairs, from %zu of %zu confident "
                            "sentence pairs\n",
                    t.learnt_words, t.learnt_sentences, t.learnt_offered);
    }
    if (t.unfinished)
        fprintf(stderr, PROGRAM ": stopped after --limit pairs: run again with --resume\n");
    return rc == TDM_OK ? 0 : align_report_error(&err);
}

static int run(const cli *c)
{
    const char *models_dir = tdm_models_dir(c->models);
    struct stat st;
    if (c->models && (stat(c->models, &st) != 0 || !S_ISDIR(st.st_mode))) {
        fprintf(stderr, PROGRAM ": %s: no such models directory\n", c->models);
        return TDM_EXIT_INPUT;
    }
    if (c->batch_on)
        return run_batch(c, models_dir);
    if (c->compile) {
        tdm_error err;
        const char *sl = c->reverse ? c->tgt_lang : c->src_lang;
        const char *tl = c->reverse ? c->src_lang : c->tgt_lang;
        if (tdm_lexicon_compile(c->compile, c->reverse, sl, tl, c->output, &err) != TDM_OK)
            return align_report_error(&err);
        return 0;
    }
    if (c->eval_list)
        return run_eval_list(c, models_dir);
    if (c->fit)
        return run_sets(c, models_dir, c->fit, 1);
    pair p;
    int status = align_pair(c, models_dir, c->src, c->tgt, &p);
    if (status)
        return status;
    tdm_eval_counts counts = {0};
    if (c->eval)
        status = eval_pair(&p, c->eval, &counts, NULL);
    if (status == 0)
        status = write_output(c, &p);
    if (status == 0) {
        report_summary(c, &p);
        if (c->eval) {
            tdm_eval_scores s;
            tdm_eval_scores_of(&counts, &s);
            fprintf(stderr,
                    PROGRAM ": eval: strict P %.4f R %.4f F1 %.4f; lax P %.4f R %.4f F1 %.4f; "
                            "many-to-many P %.4f of %zu; gold 1-1 merged %zu of %zu\n",
                    s.strict_p, s.strict_r, s.strict_f1, s.lax_p, s.lax_r, s.lax_f1, s.many_p,
                    counts.many_beads, counts.merged_1to1, counts.gold_1to1);
        }
    }
    pair_free(&p);
    return status;
}

int main(int argc, char **argv)
{
    cli c;
    tdm_std_streams_reserve();
    tdm_outfile_catch_signals();
    int status = align_parse_args(argc, argv, &c);
    if (status < 0)
        status = run(&c);
    return opt_finish_stdout(PROGRAM, status);
}
