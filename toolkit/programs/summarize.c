/*
 * summarize.c: the summarize program. Parses options, calls the library
 * (summarize.h, rouge.h, text.h, lang.h) and prints; all logic is there.
 * Exit codes: 0 ok, 1 bad usage, 2 bad input (read failure), 3 internal or
 * resource error (write failure).
 */
#define _DEFAULT_SOURCE /* d_type and DT_* of dirent.h */
#include <dirent.h>
#include <errno.h>
#include <float.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "tandem/lang.h"
#include "tandem/output.h"
#include "tandem/parallel_summary.h"
#include "tandem/rouge.h"
#include "tandem/summarize.h"
#include "tandem/text.h"

#include "options.h"

typedef struct cli {
    const char *lang; /* code or "auto" */
    const char *models;
    const char *output;
    const char *eval;
    const char *build_idf;
    const char *wordfreq;
    const char *text_key;
    const char *source;
    tdm_summary_format fmt;
    int batch, explain;
    int jobs;                        /* -j: threads over many inputs (0: all cores) */
    int verbose;                     /* -v: each text's language and resource tier */
    int parallel;                    /* --parallel SRC TGT */
    const char *format_name;         /* -f as given */
    const char *src_lang, *tgt_lang; /* --parallel: NULL identifies */
    double min_align_score;          /* --parallel: < 0 keeps the default */
    size_t min_df;
    double doc_tokens, min_zipf;
    tdm_summary_opts opts;
    tdm_read_opts read;
} cli;

static void usage(FILE *f)
{
    fputs("Usage: summarize [OPTIONS] FILE|DIR|- ...\n"
          "Prints the most informative sentences of each text, in their original order.\n"
          "\n"
          "Language and models:\n"
          "  -l, --lang CODE        language of the texts (an ISO 639-1 code, or 639-3 where\n"
          "                         there is none), or auto (default): identified\n"
          "      --models DIR       language models directory (default: $TANDEM_MODELS, the\n"
          "                         installed models, then models/ of the source tree)\n"
          "  -v, --verbose          say each text's language and the resources it got\n"
          "                         (full, partial (...) or generic) on standard error\n"
          "Length (one of them; default 3 sentences or 20% of them, whichever is smaller):\n"
          "  -n, --sentences N      N sentences\n"
          "  -w, --words N          at most N words\n"
          "  -r, --ratio R          at most the fraction R (0 < R <= 1) of the text's words\n"
          "Parallel summary of two translations (SRC TGT, aligned first):\n"
          "      --parallel         print the two summaries line by line, each line the\n"
          "                         translation of its partner; -f takes align's formats\n"
          "                         (text, tsv, beads, moses, tmx, jsonl, html), or json:\n"
          "                         one object, a summary per language, item by item\n"
          "      --src-lang CODE    --tgt-lang CODE  languages (default: identified)\n"
          "      --min-align-score X  never choose beads aligned below X (default 0.5)\n"
          "Output:\n"
          "  -f, --format text|json plain sentences, one per line (default; json with\n"
          "                         --batch), or one JSON object per text: file, lang,\n"
          "                         sentences, summary items with index, byte span, score,\n"
          "                         text (summarize(1), FORMATS: the same in every mode)\n"
          "  -k, --keywords N       also print the N top terms of each text\n"
          "  -e, --explain          print every sentence with its score and status\n"
          "  -o, --output FILE      write to FILE (complete or not at all) instead of stdout\n"
          "  -j, --jobs N           summarize several inputs on N threads (default: all\n"
          "                         cores); the output is in input order whatever N\n"
          "      --eval REF         print ROUGE-1/2/L recall, precision and F1 of the summary\n"
          "                         against the reference file REF; with a directory, each\n"
          "                         input is paired with REF/<its name>, scores macro-averaged\n"
          "Input:\n"
          "      --batch            inputs are JSON Lines {\"id\",\"text\",\"lang\",\"title\"};\n"
          "                         each line's summary as a file's, plus its \"id\"\n"
          "      --text-key KEY     JSON key of the text (default \"text\")\n"
          "      --title MODE       auto (default: a short first line without final\n"
          "                         punctuation is a title), none, or first\n"
          "      --encoding ENC     input encoding (default: detected)\n"
          "      --lossy            replace undecodable bytes instead of failing\n"
          "      --max-input SIZE   most bytes read from a pipe or device (K, M, G\n"
          "                         suffixes; default 1G, 0 no limit)\n"
          "      --paragraphs MODE  auto, blank, line or none\n"
          "      --presplit         input has one sentence per line\n"
          "Scoring:\n"
          "      --scorer fitted|centroid  weights fitted on news (models/summary/weights,\n"
          "                         the default; toolkit/summarize/scorer.c), or the hand-set\n"
          "                         centroid, title and position score (summarizer.c), tuned\n"
          "                         by --title-weight X, --position-weight X,\n"
          "                         --position-decay X, --length-power X\n"
          "      --lambda X         MMR: relevance against novelty, in (0, 1] (default 0.7)\n"
          "IDF models (written to --output or stdout; requires --lang CODE):\n"
          "      --build-idf DIR|FILE|-  document frequencies over every regular file of\n"
          "                         DIR (a document each), or over the JSON Lines of FILE\n"
          "                         or standard input (the --text-key field of each line)\n"
          "      --min-df N         keep terms found in at least N documents (default 2)\n"
          "      --build-idf-wordfreq TSV  IDF from a \"word<TAB>zipf\" frequency list\n"
          "      --doc-tokens L     document length assumed by the conversion (default 400)\n"
          "      --min-zipf Z       drop stems rarer than Z (default 1.5)\n"
          "      --source TEXT      provenance written into the model's header\n"
          "  -h, --help             this help\n"
          "  -V, --version          version\n"
          "\n"
          "Exit status: 0 success, 1 bad usage, 2 bad input (unreadable, binary or\n"
          "undecodable file, unsupported language, bad JSON line), 3 internal or\n"
          "resource error (out of memory, an output that cannot be written).\n",
          f);
}

/* State of one run over the inputs. */
typedef struct run {
    const cli *c;
    const char *models_dir;
    tdm_summary_langs *langs;
    tdm_rouge *rouge;
    char rouge_lang[8];
    tdm_rouge_sum rouge_sum;
    FILE *out;
    int status; /* worst exit status so far */
    size_t inputs;
    char **paths; /* the inputs, directories expanded */
    size_t path_cap;
    tdm_idf_builder *builder; /* --build-idf over a directory */
    size_t bytes;
    size_t batch_done, batch_failed; /* --batch: over all the inputs */
} run;

static int bad_usage(const char *msg, const char *arg)
{
    fprintf(stderr, "summarize: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    fputs("Try 'summarize --help'.\n", stderr);
    return TDM_EXIT_USAGE;
}

static void report(run *r, const tdm_error *err)
{
    char buf[1200];
    tdm_error named = *err;
    /* The library writes to a stream it was handed and calls it "output":
     * name the file that stream is (README: errors name the file). */
    if (named.code == TDM_EWRITE && strcmp(named.file, "output") == 0)
        snprintf(named.file, sizeof named.file, "%s",
                 r->c->output && strcmp(r->c->output, "-") != 0 ? r->c->output : "<stdout>");
    err = &named;
    tdm_error_format(err, buf, sizeof buf);
    fprintf(stderr, "summarize: %s\n", buf);
    int status = tdm_exit_status(err->code);
    if (status > r->status)
        r->status = status;
}

static void out_of_memory(run *r)
{
    /* Reported once, however many inputs are left. */
    if (r->status != TDM_EXIT_INTERNAL)
        fprintf(stderr, "summarize: out of memory\n");
    r->status = TDM_EXIT_INTERNAL;
}

static void on_batch_error(void *ctx, const tdm_error *err)
{
    report(ctx, err);
}

/* Scores the summary against its reference (--eval) and adds it up. */
static void evaluate(run *r, const tdm_doc *doc, const tdm_summary *sum, const char *lang)
{
    char ref[4096];
    struct stat st;
    tdm_error err;
    const char *name = tdm_doc_name(doc), *base = strrchr(name, '/');
    if (stat(r->c->eval, &st) == 0 && S_ISDIR(st.st_mode))
        snprintf(ref, sizeof ref, "%s/%s", r->c->eval, base ? base + 1 : name);
    else
        snprintf(ref, sizeof ref, "%s", r->c->eval);
    if (!r->rouge || strcmp(r->rouge_lang, lang) != 0) {
        tdm_rouge_free(r->rouge);
        snprintf(r->rouge_lang, sizeof r->rouge_lang, "%s", lang);
        if (!(r->rouge = tdm_rouge_new(lang, &err))) {
            report(r, &err);
            return;
        }
    }
    tdm_doc *refdoc = tdm_doc_read_file(ref, &r->c->read, &err);
    if (!refdoc) {
        report(r, &err);
        return;
    }
    size_t slen, rlen;
    char *text = tdm_summary_text(doc, sum, &slen);
    const char *reftext = tdm_doc_text(refdoc, &rlen);
    tdm_rouge_scores sc;
    if (!text || tdm_rouge_score(r->rouge, text, slen, reftext, rlen, &sc) != 0) {
        fprintf(stderr, "summarize: out of memory\n");
        r->status = TDM_EXIT_INTERNAL;
    } else {
        tdm_rouge_add(&r->rouge_sum, &sc);
        if (r->inputs > 1 && r->c->fmt == TDM_SUMMARY_FORMAT_TEXT)
            fprintf(r->out, "%s\tR-1 F1 %.2f\tR-2 F1 %.2f\tR-L F1 %.2f\n", name, 100 * sc.rouge1.f1,
                    100 * sc.rouge2.f1, 100 * sc.rougel.f1);
    }
    free(text);
    tdm_doc_free(refdoc);
}

static void print_rouge(run *r)
{
    tdm_rouge_scores m;
    tdm_rouge_mean(&r->rouge_sum, &m);
    const tdm_prf *p[3] = {&m.rouge1, &m.rouge2, &m.rougel};
    const char *names[3] = {"rouge1", "rouge2", "rougeL"};
    if (r->c->fmt == TDM_SUMMARY_FORMAT_JSON) {
        fprintf(r->out, "{\"documents\":%zu", r->rouge_sum.documents);
        for (int i = 0; i < 3; i++)
            fprintf(r->out, ",\"%s\":{\"recall\":%.2f,\"precision\":%.2f,\"f1\":%.2f}", names[i],
                    100 * p[i]->recall, 100 * p[i]->precision, 100 * p[i]->f1);
        fputs("}\n", r->out);
        return;
    }
    fprintf(r->out, "ROUGE over %zu document(s), x100, macro average\n", r->rouge_sum.documents);
    for (int i = 0; i < 3; i++)
        fprintf(r->out, "ROUGE-%c  recall %6.2f  precision %6.2f  F1 %6.2f\n", "12L"[i],
                100 * p[i] -> recall, 100 * p[i] -> precision, 100 * p[i] -> f1);
}

/* --batch and --eval: one input at a time. */
static void summarize_one(run *r, const char *path)
{
    const cli *c = r->c;
    tdm_error err;
    tdm_doc *doc;
    char lang[8];
    if (c->batch) {
        tdm_summary_batch_opts bo;
        tdm_summary_batch_opts_init(&bo);
        bo.text_key = c->text_key;
        bo.lang = c->lang;
        bo.opts = c->opts;
        bo.read = c->read;
        /* JSON Lines in, JSON Lines out unless -f text is asked for */
        bo.format = c->format_name && strcmp(c->format_name, "text") == 0 ? TDM_SUMMARY_FORMAT_TEXT
                                                                          : TDM_SUMMARY_FORMAT_JSON;
        bo.explain = c->explain;
        bo.on_error = on_batch_error;
        bo.ctx = r;
        if (tdm_summarize_jsonl(r->langs, path, r->out, &bo, &r->batch_done, &r->batch_failed,
                                &err) != 0)
            report(r, &err);
        return;
    }
    tdm_summary *sum =
        tdm_summarize_text(r->langs, path, NULL, 0, &c->read, c->lang, &c->opts, &doc, lang, &err);
    if (!sum) {
        report(r, &err);
        return;
    }
    if (c->verbose) { /* as tdm_summarize_files says it */
        char tier[160];
        tdm_lang_tier(tdm_lang_resources(r->models_dir, lang, NULL) & TDM_RES_LANG, tier,
                      sizeof tier);
        fprintf(stderr, "summarize: %s: %s (%s), resources: %s\n", tdm_doc_name(doc), lang,
                strcmp(c->lang, "auto") == 0 ? "identified" : "given", tier);
    }
    evaluate(r, doc, sum, lang);
    tdm_summary_free(sum);
    tdm_doc_free(doc);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* Calls fn on path, or on every regular file of it when a directory (in
 * name order, hidden files skipped). */
static void each_input(run *r, const char *path, void (*fn)(run *, const char *))
{
    struct stat st;
    if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fn(r, path);
        return;
    }
    struct dirent **names;
    int n = scandir(path, &names, NULL, by_name);
    if (n < 0) {
        fprintf(stderr, "summarize: %s: cannot list: %s\n", path, strerror(errno));
        r->status = TDM_EXIT_INPUT;
        return;
    }
    for (int i = 0; i < n; i++) {
        char full[4096];
        snprintf(full, sizeof full, "%s/%s", path, names[i]->d_name);
        unsigned char type = names[i]->d_type; /* saves a stat per file where known */
        if (names[i]->d_name[0] != '.' &&
            (type == DT_REG || ((type == DT_UNKNOWN || type == DT_LNK) && stat(full, &st) == 0 &&
                                S_ISREG(st.st_mode))))
            fn(r, full);
        free(names[i]);
    }
    free(names);
}

static void collect_input(run *r, const char *path)
{
    if (r->inputs == r->path_cap) {
        size_t cap = r->path_cap ? 2 * r->path_cap : 64;
        char **bigger = realloc(r->paths, cap * sizeof *bigger);
        if (!bigger) {
            out_of_memory(r);
            return;
        }
        r->paths = bigger;
        r->path_cap = cap;
    }
    if (!(r->paths[r->inputs] = strdup(path))) {
        out_of_memory(r);
        return;
    }
    r->inputs++;
}

/* Every input on -j threads, output in input order (tdm_summarize_files). */
static void summarize_all(run *r)
{
    const cli *c = r->c;
    tdm_summary_files_opts fo;
    tdm_summary_files_opts_init(&fo);
    fo.read = &c->read;
    fo.lang = c->lang;
    fo.opts = &c->opts;
    fo.format = c->fmt;
    fo.explain = c->explain;
    fo.jobs = c->jobs;
    fo.verbose = c->verbose;
    int st = tdm_summarize_files(r->langs, (const char *const *)r->paths, r->inputs, &fo, r->out,
                                 stderr);
    r->status = st > r->status ? st : r->status;
}

static void add_idf_file(run *r, const char *path)
{
    tdm_error err;
    tdm_doc *doc = tdm_doc_read_file(path, &r->c->read, &err);
    if (!doc) {
        report(r, &err);
        return;
    }
    size_t len;
    const char *text = tdm_doc_text(doc, &len);
    if (tdm_idf_builder_add(r->builder, text, len) != 0) {
        fprintf(stderr, "summarize: out of memory\n");
        r->status = TDM_EXIT_INTERNAL;
    }
    r->bytes += len;
    tdm_doc_free(doc);
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0->tv_nsec);
}

/* --build-idf and --build-idf-wordfreq: writes a model to r->out. */
static int build_model(run *r)
{
    const cli *c = r->c;
    tdm_error err;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (c->wordfreq) {
        if (tdm_idf_from_wordfreq(r->models_dir, c->lang, c->wordfreq, c->doc_tokens, c->min_zipf,
                                  r->out, c->source, &err) != 0)
            report(r, &err);
        return r->status;
    }
    if (!(r->builder = tdm_idf_builder_new(r->models_dir, c->lang, &err))) {
        report(r, &err);
        return r->status;
    }
    size_t skipped = 0;
    struct stat st;
    if (strcmp(c->build_idf, "-") == 0 || (stat(c->build_idf, &st) == 0 && S_ISREG(st.st_mode))) {
        if (tdm_idf_builder_add_jsonl(r->builder, c->build_idf, c->text_key, &r->bytes, &skipped,
                                      &err) != 0)
            report(r, &err);
    } else {
        each_input(r, c->build_idf, add_idf_file);
    }
    size_t docs = tdm_idf_builder_documents(r->builder);
    if (r->status == 0 && docs == 0) {
        fprintf(stderr,
                "summarize: %s: no documents (files, or lines with a \"%s\" string): no model\n",
                c->build_idf, c->text_key);
        r->status = TDM_EXIT_INPUT;
    }
    if (r->status == 0 && tdm_idf_builder_write(r->builder, r->out, c->min_df, c->source, &err))
        report(r, &err);
    double secs = seconds_since(&t0);
    fprintf(stderr,
            "summarize: %zu documents (%zu lines without text skipped), %.1f MB in %.1f s "
            "(%.1f MB/s)\n",
            docs, skipped, (double)r->bytes / 1e6, secs, (double)r->bytes / 1e6 / secs);
    tdm_idf_builder_free(r->builder);
    return r->status;
}

enum {
    OPT_MODELS = 256,
    OPT_EVAL,
    OPT_BATCH,
    OPT_TEXT_KEY,
    OPT_TITLE,
    OPT_ENCODING,
    OPT_LOSSY,
    OPT_MAX_INPUT,
    OPT_PARAGRAPHS,
    OPT_PRESPLIT,
    OPT_TITLE_WEIGHT,
    OPT_POSITION_WEIGHT,
    OPT_POSITION_DECAY,
    OPT_LENGTH_POWER,
    OPT_LAMBDA,
    OPT_SCORER,
    OPT_BUILD_IDF,
    OPT_MIN_DF,
    OPT_WORDFREQ,
    OPT_DOC_TOKENS,
    OPT_MIN_ZIPF,
    OPT_SOURCE,
    OPT_PARALLEL,
    OPT_SRC_LANG,
    OPT_TGT_LANG,
    OPT_MIN_ALIGN_SCORE
};

static const struct option long_options[] = {
    {"lang", required_argument, NULL, 'l'},
    {"models", required_argument, NULL, OPT_MODELS},
    {"sentences", required_argument, NULL, 'n'},
    {"words", required_argument, NULL, 'w'},
    {"ratio", required_argument, NULL, 'r'},
    {"format", required_argument, NULL, 'f'},
    {"keywords", required_argument, NULL, 'k'},
    {"jobs", required_argument, NULL, 'j'},
    {"explain", no_argument, NULL, 'e'},
    {"verbose", no_argument, NULL, 'v'},
    {"output", required_argument, NULL, 'o'},
    {"eval", required_argument, NULL, OPT_EVAL},
    {"batch", no_argument, NULL, OPT_BATCH},
    {"text-key", required_argument, NULL, OPT_TEXT_KEY},
    {"title", required_argument, NULL, OPT_TITLE},
    {"encoding", required_argument, NULL, OPT_ENCODING},
    {"lossy", no_argument, NULL, OPT_LOSSY},
    {"max-input", required_argument, NULL, OPT_MAX_INPUT},
    {"paragraphs", required_argument, NULL, OPT_PARAGRAPHS},
    {"presplit", no_argument, NULL, OPT_PRESPLIT},
    {"title-weight", required_argument, NULL, OPT_TITLE_WEIGHT},
    {"position-weight", required_argument, NULL, OPT_POSITION_WEIGHT},
    {"position-decay", required_argument, NULL, OPT_POSITION_DECAY},
    {"length-power", required_argument, NULL, OPT_LENGTH_POWER},
    {"lambda", required_argument, NULL, OPT_LAMBDA},
    {"scorer", required_argument, NULL, OPT_SCORER},
    {"build-idf", required_argument, NULL, OPT_BUILD_IDF},
    {"min-df", required_argument, NULL, OPT_MIN_DF},
    {"build-idf-wordfreq", required_argument, NULL, OPT_WORDFREQ},
    {"doc-tokens", required_argument, NULL, OPT_DOC_TOKENS},
    {"min-zipf", required_argument, NULL, OPT_MIN_ZIPF},
    {"source", required_argument, NULL, OPT_SOURCE},
    {"parallel", no_argument, NULL, OPT_PARALLEL},
    {"src-lang", required_argument, NULL, OPT_SRC_LANG},
    {"tgt-lang", required_argument, NULL, OPT_TGT_LANG},
    {"min-align-score", required_argument, NULL, OPT_MIN_ALIGN_SCORE},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0}};

/* Parses the command line into c; returns -1 to go on, else an exit status. */
static int parse_args(int argc, char **argv, cli *c)
{
    static const char *const para_modes[] = {"auto", "blank", "line", "none"};
    static const char *const title_modes[] = {"auto", "none", "first"};
    int opt;
    while ((opt = getopt_long(argc, argv, "l:n:w:r:f:k:eo:j:vhV", long_options, NULL)) != -1) {
        double *real = NULL;
        int bad = 0;
        switch (opt) {
        case 'l': c->lang = optarg; break;
        case OPT_MODELS: c->models = optarg; break;
        case 'n': bad = opt_count(optarg, 1, SIZE_MAX, &c->opts.sentences); break;
        case 'w': bad = opt_count(optarg, 1, SIZE_MAX, &c->opts.words); break;
        case 'r': bad = opt_real(optarg, 0, 1, &c->opts.ratio) || c->opts.ratio == 0; break;
        case 'f':
            c->format_name = optarg;
            c->fmt =
                strcmp(optarg, "json") == 0 ? TDM_SUMMARY_FORMAT_JSON : TDM_SUMMARY_FORMAT_TEXT;
            break;
        case 'k': bad = opt_count(optarg, 1, SIZE_MAX, &c->opts.keywords); break;
        case 'e': c->explain = 1; break;
        case 'v': c->verbose = 1; break;
        case 'j': {
            size_t j;
            bad = opt_count(optarg, 1, 1024, &j);
            c->jobs = (int)j;
            break;
        }
        case 'o': c->output = optarg; break;
        case OPT_EVAL: c->eval = optarg; break;
        case OPT_BATCH: c->batch = 1; break;
        case OPT_TEXT_KEY: c->text_key = optarg; break;
        case OPT_TITLE:
            bad = 1;
            for (int i = 0; i < 3; i++)
                if (strcmp(optarg, title_modes[i]) == 0)
                    c->opts.title_mode = (tdm_title_mode)i, bad = 0;
            break;
        case OPT_ENCODING: c->read.encoding = optarg; break;
        case OPT_LOSSY: c->read.lossy = 1; break;
        case OPT_MAX_INPUT:
            if (opt_bytes(optarg, &c->read.max_stream))
                return bad_usage("--max-input: expected a byte count like 512M or 2G", optarg);
            break;
        case OPT_PARAGRAPHS:
            bad = 1;
            for (int i = 0; i < 4; i++)
                if (strcmp(optarg, para_modes[i]) == 0)
                    c->read.paragraphs = (tdm_para_mode)i, bad = 0;
            break;
        case OPT_PRESPLIT: c->read.presplit = 1; break;
        case OPT_TITLE_WEIGHT: real = &c->opts.title_weight; break;
        case OPT_POSITION_WEIGHT: real = &c->opts.position_weight; break;
        case OPT_POSITION_DECAY: real = &c->opts.position_decay; break;
        case OPT_LENGTH_POWER: real = &c->opts.length_power; break;
        case OPT_LAMBDA: real = &c->opts.mmr_lambda; break;
        case OPT_SCORER:
            bad = strcmp(optarg, "fitted") != 0 && strcmp(optarg, "centroid") != 0;
            c->opts.scorer =
                strcmp(optarg, "centroid") == 0 ? TDM_SCORER_CENTROID : TDM_SCORER_FITTED;
            break;
        case OPT_BUILD_IDF: c->build_idf = optarg; break;
        case OPT_MIN_DF: bad = opt_count(optarg, 1, SIZE_MAX, &c->min_df); break;
        case OPT_WORDFREQ: c->wordfreq = optarg; break;
        case OPT_DOC_TOKENS: real = &c->doc_tokens; break;
        case OPT_MIN_ZIPF: real = &c->min_zipf; break;
        case OPT_SOURCE: c->source = optarg; break;
        case OPT_PARALLEL: c->parallel = 1; break;
        case OPT_SRC_LANG: c->src_lang = optarg; break;
        case OPT_TGT_LANG: c->tgt_lang = optarg; break;
        case OPT_MIN_ALIGN_SCORE: bad = opt_real(optarg, 0, 1, &c->min_align_score); break;
        case 'h': usage(stdout); return TDM_EXIT_OK;
        case 'V': printf("summarize (tandem) %s\n", TDM_VERSION); return TDM_EXIT_OK;
        default: return bad_usage("bad option", NULL);
        }
        if (real)
            bad = opt_real(optarg, -DBL_MAX, DBL_MAX, real);
        if (bad)
            return bad_usage("bad value", optarg);
    }
    if (!c->parallel && c->format_name && strcmp(c->format_name, "text") != 0 &&
        strcmp(c->format_name, "json") != 0)
        return bad_usage("bad value", c->format_name);
    if (c->parallel) {
        /* What a parallel summary does not do is refused, never ignored. */
        const char *unsupported = c->opts.keywords              ? "-k/--keywords"
                                  : c->explain                  ? "--explain"
                                  : c->eval                     ? "--eval"
                                  : c->batch                    ? "--batch"
                                  : c->build_idf || c->wordfreq ? "--build-idf"
                                                                : NULL;
        if (unsupported)
            return bad_usage("--parallel does not take this option", unsupported);
        if (argc - optind != 2)
            return bad_usage("--parallel needs two files: SRC TGT", NULL);
    }
    if ((c->opts.sentences > 0) + (c->opts.words > 0) + (c->opts.ratio > 0) > 1)
        return bad_usage("give one of --sentences, --words, --ratio", NULL);
    if ((c->build_idf || c->wordfreq) && (!c->lang || strcmp(c->lang, "auto") == 0))
        return bad_usage("building an IDF model needs --lang CODE", NULL);
    if (c->build_idf && c->wordfreq)
        return bad_usage("give one of --build-idf, --build-idf-wordfreq", NULL);
    if (!c->build_idf && !c->wordfreq && optind >= argc)
        return bad_usage("no input (give FILE, DIR or - for standard input)", NULL);
    if (c->eval && c->batch)
        return bad_usage("--eval works on files, not on --batch", NULL);
    return -1;
}

/* --parallel SRC TGT: the library aligns, summarizes and writes. */
static int run_parallel(const cli *c, char **files)
{
    tdm_psum_run_opts o;
    tdm_psum_run_opts_init(&o);
    o.src_path = files[0];
    o.tgt_path = files[1];
    o.src_lang = c->src_lang;
    o.tgt_lang = c->tgt_lang;
    o.models_dir = c->models;
    o.read = c->read;
    o.summary.summary = c->opts;
    o.summary.sentences = c->opts.sentences;
    o.summary.words = c->opts.words;
    o.summary.ratio = c->opts.ratio;
    if (c->min_align_score >= 0)
        o.summary.min_align_score = c->min_align_score;
    o.json = c->format_name && strcmp(c->format_name, "json") == 0;
    if (c->format_name && !o.json && tdm_format_parse(c->format_name, &o.format) != TDM_OK)
        return bad_usage("unknown format (text, tsv, beads, moses, tmx, jsonl, html, json)",
                         c->format_name);
    if (o.format == TDM_FMT_LADDER)
        return bad_usage("--parallel -f ladder: a ladder describes a whole alignment, a summary "
                         "keeps a part of it (use -f beads)",
                         NULL);
    o.output = c->output ? c->output : "-";
    tdm_error err;
    if (tdm_parallel_summary_run(&o, &err) != TDM_OK) {
        char buf[1200];
        tdm_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "summarize: %s\n", buf);
        return tdm_exit_status(err.code);
    }
    return TDM_EXIT_OK;
}

static int run_main(int argc, char **argv)
{
    cli c = {.lang = "auto",
             .text_key = "text",
             .min_df = 2,
             .doc_tokens = 400,
             .min_zipf = 1.5,
             .min_align_score = -1};
    tdm_summary_opts_init(&c.opts);
    tdm_read_opts_init(&c.read);
    int status = parse_args(argc, argv, &c);
    if (status >= 0)
        return status;
    if (c.parallel)
        return run_parallel(&c, argv + optind);
    run r = {.c = &c, .models_dir = tdm_models_dir(c.models)};
    tdm_error err;
    tdm_outfile *of = tdm_outfile_open(c.output ? c.output : "-", &err);
    if (!of) {
        report(&r, &err);
        return r.status;
    }
    r.out = tdm_outfile_stream(of);
    if (c.build_idf || c.wordfreq) {
        build_model(&r);
    } else if (!(r.langs = tdm_summary_langs_new(r.models_dir))) {
        fprintf(stderr, "summarize: out of memory\n");
        r.status = TDM_EXIT_INTERNAL;
    } else {
        for (int i = optind; i < argc; i++)
            each_input(&r, argv[i], collect_input);
        if (c.batch || c.eval)
            for (size_t i = 0; r.status != TDM_EXIT_INTERNAL && i < r.inputs; i++)
                summarize_one(&r, r.paths[i]);
        else if (r.status == 0)
            summarize_all(&r);
        if (c.eval && r.rouge_sum.documents)
            print_rouge(&r);
    }
    if ((c.build_idf || c.wordfreq) && r.status != 0)
        tdm_outfile_abort(of); /* no half-built model */
    else if (tdm_outfile_commit(of, &err) != 0)
        report(&r, &err);
    tdm_summary_langs_free(r.langs);
    tdm_rouge_free(r.rouge);
    for (size_t i = 0; i < r.inputs; i++)
        free(r.paths[i]);
    free(r.paths);
    return r.status;
}

int main(int argc, char **argv)
{
    tdm_std_streams_reserve();
    tdm_outfile_catch_signals();
    return opt_finish_stdout("summarize", run_main(argc, argv));
}
