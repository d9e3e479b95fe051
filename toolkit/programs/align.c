/*
 * align.c: the align program. Reads two translations of a story, finds the
 * languages, splits sentences, aligns them (tandem/align.h) and writes the
 * alignment in one of the formats of tandem/format.h; --eval and
 * --eval-list score alignments against gold beads (tandem/eval.h). All the
 * logic is in the library: this file parses options, calls it and reports.
 * Exit codes: 0 ok, 1 bad usage, 2 bad input (read failure), 3 internal or
 * resource error (write failure).
 */
#include <errno.h>
#include <getopt.h>
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

#define PROGRAM "align"

typedef struct cli {
    tdm_format format;
    const char *output;   /* -o: file, or the prefix for moses; NULL: stdout */
    const char *src_lang; /* NULL: identify */
    const char *tgt_lang;
    char src_code[8], tgt_code[8]; /* what src_lang, tgt_lang point to */
    const char *models;            /* --models, NULL: default search */
    const char *eval;              /* gold beads of SRC-TGT */
    const char *eval_list;
    const char *fit;        /* --fit LIST */
    const char *from_beads; /* --from-beads FILE: these beads, not the aligner's */
    const char *compile;    /* --compile-lexicon TSV */
    int reverse;            /* --reverse: compile for the opposite direction */
    const char *src, *tgt;
    const char *src_encoding, *tgt_encoding; /* NULL: read.encoding */
    int quiet;
    int batch_on;   /* --batch, --batch-dirs or --jsonl */
    int format_set; /* -f given */
    tdm_batch_opts batch;
    tdm_read_opts read;
    tdm_align_opts align;
    tdm_write_opts write;
} cli;

/* One aligned document pair and what it took. */
typedef struct pair {
    tdm_doc *src, *tgt;
    char src_lang[8], tgt_lang[8]; /* "" when unknown */
    tdm_alignment *al;
} pair;

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: align [options] SRC TGT\n"
            "       align [options] --eval-list LIST\n"
            "       align [options] --fit LIST\n"
            "       align --compile-lexicon TSV --src-lang L1 --tgt-lang L2 [--reverse] -o LEX\n"
            "Aligns the sentences of two translations of one text (files, or - for\n"
            "standard input) and writes the aligned pairs.\n"
            "\n"
            "Output:\n"
            "  -f, --format NAME        output format (default text):\n"
            "                           %s\n"
            "  -o, --output FILE        write FILE (complete or not at all) instead of\n"
            "                           standard output; with -f moses, the PREFIX of\n"
            "                           PREFIX.<src-lang> and PREFIX.<tgt-lang> (required)\n"
            "      --min-score X        leave out beads scoring below X (0 to 1)\n"
            "      --types LIST         bead types kept, e.g. 1-1,2-1, paired or all (default:\n"
            "                           paired in tsv, moses, tmx, jsonl; all in text, beads)\n"
            "      --only-1to1          the same as --types 1-1\n"
            "      --max-ratio X        leave out beads whose sides differ in length more than X\n"
            "      --dedup              leave out beads whose texts were already written\n"
            "                           (filters do not apply to ladder and html)\n"
            "  -q, --quiet              no summary line on standard error\n"
            "Input:\n"
            "      --src-lang CODE      language of SRC (default auto: identified)\n"
            "      --tgt-lang CODE      language of TGT (default auto)\n"
            "      --presplit           inputs hold one sentence per line (blank and <p>\n"
            "                           lines are paragraph breaks)\n"
            "      --paragraphs MODE    how paragraphs are found: auto (default), blank\n"
            "                           (blank lines), line (every line), none\n"
            "      --encoding NAME      encoding of both inputs (iconv name; default\n"
            "                           detected: a BOM, UTF-8, UTF-16 without BOM, else\n"
            "                           guessed); text that does not decode is an error\n"
            "      --src-encoding NAME  --tgt-encoding NAME  the same for one side\n"
            "      --lossy              replace undecodable bytes by U+FFFD, not fail\n"
            "      --max-input SIZE     most bytes read from a pipe or device (K, M, G\n"
            "                           suffixes; default 1G, 0 no limit)\n"
            "Alignment:\n"
            "      --align-paragraphs MODE  auto (default), on (paragraphs first), off\n"
            "      --max-bead N         most sentences on one side of a bead (1-7, default 3)\n"
            "      --lexicon FILE|none  bilingual lexicon, TSV or compiled (default\n"
            "                           MODELS/lexicon/<src>-<tgt>.lex or .tsv when present)\n"
            "      --compile-lexicon TSV  compile a TSV lexicon whose columns are in\n"
            "                           --src-lang and --tgt-lang into -o FILE (--reverse:\n"
            "                           for the opposite direction); make does it for models/\n"
            "      --models DIR         language models directory\n"
            "      --from-beads FILE    take the alignment from a bead file (e.g. a\n"
            "                           correction exported from -f html) instead of\n"
            "                           aligning, and write it in the chosen format\n"
            "Evaluation (implies --presplit: gold ids count lines):\n"
            "      --eval GOLD          print strict and lax precision, recall and F1 of\n"
            "                           the alignment against GOLD beads on standard error\n"
            "      --eval-list LIST     align and score every line \"src<TAB>tgt<TAB>gold\"\n"
            "                           of LIST (paths relative to LIST's directory); print\n"
            "                           per-pair and micro-averaged scores on standard output\n"
            "                           (or lines \"SET KIND SRC TGT GOLD SRC_LANG TGT_LANG\"\n"
            "                           of a development list: per-set scores)\n"
            "      --fit LIST           fit the aligner's weights on a development list and\n"
            "                           write them to -o FILE (default MODELS/align/weights)\n"
            "Corpus building (many pairs; -f tsv (default), moses, tmx or jsonl):\n"
            "      --batch MANIFEST     align every line \"src<TAB>tgt[<TAB>id[<TAB>src-lang\n"
            "                           <TAB>tgt-lang]]\" of MANIFEST (paths relative to it)\n"
            "      --batch-dirs         SRC and TGT are directories: pair files by name\n"
            "      --jsonl              read {\"id\",\"src\",\"tgt\",\"src_lang\",\"tgt_lang\"}\n"
            "                           lines on standard input, write JSON Lines (one per\n"
            "                           input line) on standard output\n"
            "  -j, --jobs N             align on N threads (default: all cores); the output\n"
            "                           is the same whatever N\n"
            "      --report FILE        per-document report (TSV) with totals\n"
            "      --resume             finish a stopped run (-o FILE): skip documents done\n"
            "      --limit N            align at most N pairs, then stop resumably\n"

            "      --reject-below X     a pair that does not look like a translation is\n"
            "                           rejected when its mean bead score is below X\n"
            "                           (default 1: always; 0: keep every pair)\n"
            "  -h, --help               this help\n"
            "  -V, --version            version\n"
            "\n"
            "Exit status: 0 ok, 1 bad usage, 2 bad input (unreadable, binary or\n"
            "undecodable file, bad gold file; in a batch, any pair that failed; pairs\n"
            "rejected as not translations are not failures), 3 internal or resource error\n"
            "(out of memory, an output that cannot be written).\n",
            tdm_format_list());
}

static int bad_usage(const char *fmt, const char *arg)
{
    fprintf(stderr, PROGRAM ": ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'align --help' for more information.\n");
    return TDM_EXIT_USAGE;
}

static int parse_double(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= lo && v <= hi))
        return -1;
    *out = v;
    return 0;
}

/* A byte count with an optional K, M or G suffix (powers of 1024). */
static int parse_bytes(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    int shift = *end == 'K' ? 10 : *end == 'M' ? 20 : *end == 'G' ? 30 : 0;
    if (shift)
        end++;
    if (errno || end == s || *end || *s == '-' || v > (SIZE_MAX >> shift))
        return -1;
    *out = (size_t)v << shift;
    return 0;
}

static int report_error(const tdm_error *err);

/* "auto" (NULL: identify) or a language code, made canonical into buf
 * ("fra" -> "fr"; the rule of every mode, tdm_lang_canonical). Returns 0
 * or the exit status (reported). */
static int parse_lang(const char *s, char buf[8], const char **out)
{
    if (strcmp(s, "auto") == 0) {
        *out = NULL;
        return 0;
    }
    tdm_error err;
    int rc = tdm_lang_canonical(s, buf, &err);
    if (rc != TDM_OK && rc != TDM_ENOLANG && rc != TDM_EUSAGE)
        return report_error(&err); /* the code table could not be read: not a bad option */
    if (rc != TDM_OK) {
        fprintf(stderr, PROGRAM ": %s\n", err.message);
        fprintf(stderr, "Try 'align --help' for more information.\n");
        return TDM_EXIT_USAGE;
    }
    *out = buf;
    return 0;
}

enum {
    OPT_SRC_LANG = 256,
    OPT_TGT_LANG,
    OPT_PRESPLIT,
    OPT_PARAGRAPHS,
    OPT_ALIGN_PARAGRAPHS,
    OPT_MAX_BEAD,
    OPT_LEXICON,
    OPT_MODELS,
    OPT_ENCODING,
    OPT_SRC_ENCODING,
    OPT_TGT_ENCODING,
    OPT_LOSSY,
    OPT_MAX_INPUT,
    OPT_MIN_SCORE,
    OPT_ONLY_1TO1,
    OPT_EVAL,
    OPT_EVAL_LIST,
    OPT_FIT,
    OPT_FROM_BEADS,
    OPT_BATCH,
    OPT_BATCH_DIRS,
    OPT_JSONL,
    OPT_RESUME,
    OPT_LIMIT,
    OPT_DEDUP,
    OPT_REPORT,
    OPT_TYPES,
    OPT_MAX_RATIO,
    OPT_COMPILE_LEXICON,
    OPT_REVERSE,
    OPT_REJECT_BELOW
};

static const struct option long_options[] = {
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {"src-lang", required_argument, NULL, OPT_SRC_LANG},
    {"tgt-lang", required_argument, NULL, OPT_TGT_LANG},
    {"presplit", no_argument, NULL, OPT_PRESPLIT},
    {"paragraphs", required_argument, NULL, OPT_PARAGRAPHS},
    {"align-paragraphs", required_argument, NULL, OPT_ALIGN_PARAGRAPHS},
    {"max-bead", required_argument, NULL, OPT_MAX_BEAD},
    {"lexicon", required_argument, NULL, OPT_LEXICON},
    {"models", required_argument, NULL, OPT_MODELS},
    {"encoding", required_argument, NULL, OPT_ENCODING},
    {"src-encoding", required_argument, NULL, OPT_SRC_ENCODING},
    {"tgt-encoding", required_argument, NULL, OPT_TGT_ENCODING},
    {"lossy", no_argument, NULL, OPT_LOSSY},
    {"max-input", required_argument, NULL, OPT_MAX_INPUT},
    {"min-score", required_argument, NULL, OPT_MIN_SCORE},
    {"only-1to1", no_argument, NULL, OPT_ONLY_1TO1},
    {"eval", required_argument, NULL, OPT_EVAL},
    {"eval-list", required_argument, NULL, OPT_EVAL_LIST},
    {"fit", required_argument, NULL, OPT_FIT},
    {"from-beads", required_argument, NULL, OPT_FROM_BEADS},
    {"batch", required_argument, NULL, OPT_BATCH},
    {"batch-dirs", no_argument, NULL, OPT_BATCH_DIRS},
    {"jsonl", no_argument, NULL, OPT_JSONL},
    {"jobs", required_argument, NULL, 'j'},
    {"resume", no_argument, NULL, OPT_RESUME},
    {"limit", required_argument, NULL, OPT_LIMIT},
    {"dedup", no_argument, NULL, OPT_DEDUP},
    {"report", required_argument, NULL, OPT_REPORT},
    {"types", required_argument, NULL, OPT_TYPES},
    {"max-ratio", required_argument, NULL, OPT_MAX_RATIO},
    {"compile-lexicon", required_argument, NULL, OPT_COMPILE_LEXICON},
    {"reverse", no_argument, NULL, OPT_REVERSE},
    {"reject-below", required_argument, NULL, OPT_REJECT_BELOW},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0}};

/* Handles one option; returns 0, or an exit status to stop with. */
static int parse_option(cli *c, int opt, const char *arg)
{
    static const char *const para_modes[] = {"auto", "blank", "line", "none", NULL};
    static const char *const align_modes[] = {"auto", "on", "off", NULL};
    double x;
    switch (opt) {
    case 'f':
        c->format_set = 1;
        if (tdm_format_parse(arg, &c->format) != TDM_OK)
            return bad_usage("unknown format '%s' (text, tsv, beads, ladder, moses, tmx, jsonl, "
                             "html)",
                             arg);
        return 0;
    case 'o': c->output = arg; return 0;
    case OPT_BATCH:
        c->batch_on = 1;
        c->batch.input = TDM_BATCH_MANIFEST;
        c->batch.manifest = arg;
        return 0;
    case OPT_BATCH_DIRS:
        c->batch_on = 1;
        c->batch.input = TDM_BATCH_DIRS;
        return 0;
    case OPT_JSONL:
        c->batch_on = 1;
        c->batch.input = TDM_BATCH_JSONL;
        return 0;
    case 'j':
        if (parse_double(arg, 1, 1024, &x) || x != (int)x)
            return bad_usage("bad -j '%s' (1 to 1024 threads)", arg);
        c->batch.jobs = (int)x;
        return 0;
    case OPT_LIMIT:
        if (parse_double(arg, 1, 1e15, &x) || x != (double)(size_t)x)
            return bad_usage("bad --limit '%s' (a number of pairs)", arg);
        c->batch.limit = (size_t)x;
        return 0;
    case OPT_RESUME: c->batch.resume = 1; return 0;
    case OPT_DEDUP: c->write.dedup = 1; return 0;
    case OPT_REPORT: c->batch.report = arg; return 0;
    case OPT_TYPES:
        if (tdm_batch_parse_types(arg, &c->write.types, NULL) != TDM_OK)
            return bad_usage("bad --types '%s' (e.g. 1-1,2-1, paired or all)", arg);
        return 0;
    case OPT_MAX_RATIO:
        if (parse_double(arg, 1, 1e9, &c->write.max_ratio))
            return bad_usage("bad --max-ratio '%s' (a number >= 1)", arg);
        return 0;
    case OPT_REJECT_BELOW:
        if (parse_double(arg, 0, 1, &c->batch.reject_below))
            return bad_usage("bad --reject-below '%s' (a number from 0 to 1)", arg);
        return 0;
    case 'q': c->quiet = 1; return 0;
    case OPT_SRC_LANG: return parse_lang(arg, c->src_code, &c->src_lang);
    case OPT_TGT_LANG: return parse_lang(arg, c->tgt_code, &c->tgt_lang);
    case OPT_PRESPLIT: c->read.presplit = 1; return 0;
    case OPT_PARAGRAPHS:
        for (int i = 0; para_modes[i]; i++)
            if (strcmp(arg, para_modes[i]) == 0) {
                c->read.paragraphs = (tdm_para_mode)i;
                return 0;
            }
        return bad_usage("bad --paragraphs '%s' (auto, blank, line, none)", arg);
    case OPT_ALIGN_PARAGRAPHS:
        for (int i = 0; align_modes[i]; i++)
            if (strcmp(arg, align_modes[i]) == 0) {
                c->align.paragraphs = (tdm_align_para)i;
                return 0;
            }
        return bad_usage("bad --align-paragraphs '%s' (auto, on, off)", arg);
    case OPT_MAX_BEAD:
        if (parse_double(arg, 1, 7, &x) || x != (int)x)
            return bad_usage("bad --max-bead '%s' (an integer from 1 to 7)", arg);
        c->align.max_bead = (int)x;
        return 0;
    case OPT_LEXICON: c->align.lexicon = strcmp(arg, "none") == 0 ? "" : arg; return 0;
    case OPT_MODELS: c->models = arg; return 0;
    case OPT_ENCODING: c->read.encoding = arg; return 0;
    case OPT_SRC_ENCODING: c->src_encoding = arg; return 0;
    case OPT_TGT_ENCODING: c->tgt_encoding = arg; return 0;
    case OPT_LOSSY: c->read.lossy = 1; return 0;
    case OPT_MAX_INPUT:
        if (parse_bytes(arg, &c->read.max_stream))
            return bad_usage("--max-input: expected a byte count like 512M or 2G, got '%s'", arg);
        return 0;
    case OPT_MIN_SCORE:
        if (parse_double(arg, 0, 1, &c->write.min_score))
            return bad_usage("bad --min-score '%s' (a number from 0 to 1)", arg);
        return 0;
    case OPT_ONLY_1TO1: c->write.types = TDM_BEAD_TYPE(1, 1); return 0;
    case OPT_EVAL: c->eval = arg; return 0;
    case OPT_EVAL_LIST: c->eval_list = arg; return 0;
    case OPT_FIT: c->fit = arg; return 0;
    case OPT_FROM_BEADS: c->from_beads = arg; return 0;
    case OPT_COMPILE_LEXICON: c->compile = arg; return 0;
    case OPT_REVERSE: c->reverse = 1; return 0;
    default: return bad_usage("%s", "bad option");
    }
}

/* Parses the command line into c. Returns -1 to go on, else the exit status
 * (0 after --help or --version). */
static int parse_args(int argc, char **argv, cli *c)
{
    memset(c, 0, sizeof *c);
    tdm_read_opts_init(&c->read);
    tdm_align_opts_init(&c->align);
    tdm_write_opts_init(&c->write);
    tdm_batch_opts_init(&c->batch);
    opterr = 0;
    int opt;
    while ((opt = getopt_long(argc, argv, ":f:o:j:qhV", long_options, NULL)) != -1) {
        if (opt == 'h') {
            usage(stdout);
            return TDM_EXIT_OK;
        }
        if (opt == 'V') {
            printf("align (tandem) %s\n", TDM_VERSION);
            return TDM_EXIT_OK;
        }
        if (opt == '?' || opt == ':') {
            /* optopt is the short option letter, else 0 or a long option's
             * value: then argv[optind - 1] names the option. */
            char name[3] = {'-', (char)optopt, 0};
            int is_short = optopt > 0 && optopt < 128 && strchr("foj", optopt);
            return bad_usage(opt == '?' ? "unknown option '%s'" : "option '%s' needs a value",
                             is_short ? name : argv[optind - 1]);
        }
        int rc = parse_option(c, opt, optarg);
        if (rc)
            return rc;
    }
    int rest = argc - optind;
    if (c->from_beads && (c->batch_on || c->eval_list || c->fit))
        return bad_usage("%s", "--from-beads takes one pair SRC TGT: not with --batch, "
                               "--batch-dirs, --jsonl, --eval-list or --fit");
    if (c->batch_on) {
        int want = c->batch.input == TDM_BATCH_DIRS ? 2 : 0;
        if (rest != want)
            return bad_usage("%s", want ? "--batch-dirs needs two directories: SRC_DIR TGT_DIR"
                                        : "--batch and --jsonl take no SRC TGT arguments");
        if (want) {
            c->batch.src_dir = argv[optind];
            c->batch.tgt_dir = argv[optind + 1];
        }
        return -1;
    }
    if (c->compile) {
        if (rest != 0 || !c->output || !c->src_lang || !c->tgt_lang)
            return bad_usage("%s", "--compile-lexicon TSV needs -o FILE, --src-lang and --tgt-lang "
                                   "(the languages of its two columns) and no SRC TGT");
        return -1;
    }
    if (c->eval_list || c->fit) {
        if (rest != 0)
            return bad_usage("%s", "--eval-list and --fit take no SRC TGT arguments");
        if ((c->eval != NULL) + (c->eval_list != NULL) + (c->fit != NULL) > 1)
            return bad_usage("%s", "--eval, --eval-list and --fit exclude each other");
    } else if (rest != 2) {
        return bad_usage("%s", rest < 2 ? "two input files needed: SRC TGT" : "too many arguments");
    } else {
        c->src = argv[optind];
        c->tgt = argv[optind + 1];
        if (strcmp(c->src, "-") == 0 && strcmp(c->tgt, "-") == 0)
            return bad_usage("%s", "SRC and TGT cannot both be standard input");
    }
    if (c->format == TDM_FMT_MOSES && (!c->output || strcmp(c->output, "-") == 0))
        return bad_usage("%s", "-f moses writes two files: give -o PREFIX");
    /* hunalign's ladder2text reads the sentences between two rungs as one
     * bead: a ladder without the rungs of filtered beads is wrong. */
    const tdm_write_opts *w = &c->write;
    int filtered = w->min_score > 0 || w->types || w->max_ratio > 0 || w->dedup;
    if (filtered && (c->format == TDM_FMT_LADDER || c->format == TDM_FMT_HTML))
        return bad_usage(c->format == TDM_FMT_LADDER
                             ? "%s describes the whole alignment: --min-score, --only-1to1, "
                               "--types, --max-ratio and --dedup do not apply to it (use -f beads)"
                             : "%s shows every bead: --min-score, --only-1to1, --types, "
                               "--max-ratio and --dedup do not apply to it",
                         c->format == TDM_FMT_LADDER ? "-f ladder" : "-f html");
    if (c->eval || c->eval_list)
        c->read.presplit = 1;
    return -1;
}

static int report_error(const tdm_error *err)
{
    char buf[1200];
    if (err->code == TDM_OK) {
        /* A failure that left no error is a bug: never print "success". */
        fprintf(stderr, PROGRAM ": internal error: a failure without a message\n");
        return TDM_EXIT_INTERNAL;
    }
    tdm_error_format(err, buf, sizeof buf);
    fprintf(stderr, PROGRAM ": %s\n", buf);
    return tdm_exit_status(err->code);
}

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
        return report_error(&err);
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
    if (tdm_doc_presplit(doc))
        return TDM_OK;
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
        return report_error(&err);
    p->tgt = tdm_doc_read_file(tgt_path, &tgt_read, &err);
    if (!p->tgt) {
        pair_free(p);
        return report_error(&err);
    }
    int st = find_lang(c, p->src, c->src_lang, "src", p->src_lang);
    if (st == 0)
        st = find_lang(c, p->tgt, c->tgt_lang, "tgt", p->tgt_lang);
    if (st != 0) {
        pair_free(p);
        return st;
    }
    int rc = segment(models_dir, p->src, p->src_lang, &err);
    if (rc == TDM_OK)
        rc = segment(models_dir, p->tgt, p->tgt_lang, &err);
    if (rc != TDM_OK) {
        pair_free(p);
        return report_error(&err);
    }
    tdm_align_opts ao = c->align;
    ao.models_dir = models_dir;
    ao.src_lang = p->src_lang;
    ao.tgt_lang = p->tgt_lang;
    p->al = c->from_beads ? tdm_alignment_read_beads(c->from_beads, tdm_doc_sentence_count(p->src),
                                                     tdm_doc_sentence_count(p->tgt), &err)
                          : tdm_align(p->src, p->tgt, &ao, &err);
    if (!p->al) {
        pair_free(p);
        return report_error(&err);
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
            return report_error(&err);
        return 0;
    }
    tdm_outfile *out = tdm_outfile_open(c->output ? c->output : "-", &err);
    if (!out)
        return report_error(&err);
    int rc =
        tdm_write_alignment(tdm_outfile_stream(out), c->format, p->src, p->tgt, p->al, &wo, &err);
    if (rc != TDM_OK) {
        tdm_outfile_abort(out);
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", c->output ? c->output : "<stdout>");
        return report_error(&err);
    }
    if (tdm_outfile_commit(out, &err) != TDM_OK)
        return report_error(&err);
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
        return report_error(&err);
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
        return report_error(&err);
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
        return bad_usage("-f %s: a corpus is written as tsv, moses, tmx or jsonl", fmt);
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
        return report_error(&err);
    if (!c->quiet) {
        char line[512];
        tdm_batch_totals_format(&t, line, sizeof line);
        fprintf(stderr, PROGRAM ": %s\n", line);
    }
    if (t.unfinished)
        fprintf(stderr, PROGRAM ": stopped after --limit pairs: run again with --resume\n");
    return rc == TDM_OK ? 0 : report_error(&err);
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
            return report_error(&err);
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

/* Standard output is checked once at exit: a write failure is exit 3
 * (reported here unless a failure was already reported with that code). */
static int finish_stdout(int status)
{
    tdm_error err;
    if (tdm_stdout_flush(&err) == TDM_OK)
        return status;
    if (status != TDM_EXIT_INTERNAL) {
        char buf[1200];
        tdm_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "%s: %s\n", PROGRAM, buf);
    }
    return TDM_EXIT_INTERNAL;
}

int main(int argc, char **argv)
{
    cli c;
    tdm_std_streams_reserve();
    tdm_outfile_catch_signals();
    int status = parse_args(argc, argv, &c);
    if (status < 0)
        status = run(&c);
    return finish_stdout(status);
}
