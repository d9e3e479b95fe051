/*
 * align_args.c: the align program's options: the usage text, each option's
 * value, and which options go together (align_cli.h); and how it reports
 * an error. Nothing runs here.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/align.h"
#include "tandem/batch.h"
#include "tandem/format.h"
#include "tandem/lang.h"
#include "tandem/text.h"

#include "align_cli.h"
#include "options.h"

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
            "      --learn-batch        learn the word translation table of each language\n"
            "                           pair from the whole batch first (reads the input\n"
            "                           twice: standard input only from a file)\n"

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

int align_report_error(const tdm_error *err)
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

int align_bad_usage(const char *fmt, const char *arg)
{
    fprintf(stderr, PROGRAM ": ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'align --help' for more information.\n");
    return TDM_EXIT_USAGE;
}

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
        return align_report_error(&err); /* the code table could not be read: not a bad option */
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
    OPT_REJECT_BELOW,
    OPT_LEARN_BATCH
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
    {"learn-batch", no_argument, NULL, OPT_LEARN_BATCH},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0}};

/* Handles one option; returns 0, or an exit status to stop with. */
static int parse_option(cli *c, int opt, const char *arg)
{
    static const char *const para_modes[] = {"auto", "blank", "line", "none", NULL};
    static const char *const align_modes[] = {"auto", "on", "off", NULL};
    size_t n;
    int i;
    switch (opt) {
    case 'f':
        c->format_set = 1;
        if (tdm_format_parse(arg, &c->format) != TDM_OK)
            return align_bad_usage(
                "unknown format '%s' (text, tsv, beads, ladder, moses, tmx, jsonl, "
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
        c->batch_only = "-j";
        if (opt_count(arg, 1, 1024, &n))
            return align_bad_usage("bad -j '%s' (1 to 1024 threads)", arg);
        c->batch.jobs = (int)n;
        return 0;
    case OPT_LIMIT:
        c->batch_only = "--limit";
        if (opt_count(arg, 1, SIZE_MAX, &c->batch.limit))
            return align_bad_usage("bad --limit '%s' (a number of pairs)", arg);
        return 0;
    case OPT_RESUME:
        c->batch_only = "--resume";
        c->batch.resume = 1;
        return 0;
    case OPT_LEARN_BATCH:
        c->batch_only = "--learn-batch";
        c->batch.learn = 1;
        return 0;
    case OPT_DEDUP: c->write.dedup = 1; return 0;
    case OPT_REPORT:
        c->batch_only = "--report";
        c->batch.report = arg;
        return 0;
    case OPT_TYPES:
        if (tdm_batch_parse_types(arg, &c->write.types, NULL) != TDM_OK)
            return align_bad_usage("bad --types '%s' (e.g. 1-1,2-1, paired or all)", arg);
        return 0;
    case OPT_MAX_RATIO:
        if (opt_real(arg, 1, 1e9, &c->write.max_ratio))
            return align_bad_usage("bad --max-ratio '%s' (a number >= 1)", arg);
        return 0;
    case OPT_REJECT_BELOW:
        c->batch_only = "--reject-below";
        if (opt_real(arg, 0, 1, &c->batch.reject_below))
            return align_bad_usage("bad --reject-below '%s' (a number from 0 to 1)", arg);
        return 0;
    case 'q': c->quiet = 1; return 0;
    case OPT_SRC_LANG: return parse_lang(arg, c->src_code, &c->src_lang);
    case OPT_TGT_LANG: return parse_lang(arg, c->tgt_code, &c->tgt_lang);
    case OPT_PRESPLIT: c->read.presplit = 1; return 0;
    case OPT_PARAGRAPHS:
        if (opt_choice(arg, para_modes, &i))
            return align_bad_usage("bad --paragraphs '%s' (auto, blank, line, none)", arg);
        c->read.paragraphs = (tdm_para_mode)i;
        return 0;
    case OPT_ALIGN_PARAGRAPHS:
        if (opt_choice(arg, align_modes, &i))
            return align_bad_usage("bad --align-paragraphs '%s' (auto, on, off)", arg);
        c->align.paragraphs = (tdm_align_para)i;
        return 0;
    case OPT_MAX_BEAD:
        if (opt_count(arg, 1, 7, &n))
            return align_bad_usage("bad --max-bead '%s' (an integer from 1 to 7)", arg);
        c->align.max_bead = (int)n;
        return 0;
    case OPT_LEXICON: c->align.lexicon = strcmp(arg, "none") == 0 ? "" : arg; return 0;
    case OPT_MODELS: c->models = arg; return 0;
    case OPT_ENCODING: c->read.encoding = arg; return 0;
    case OPT_SRC_ENCODING: c->src_encoding = arg; return 0;
    case OPT_TGT_ENCODING: c->tgt_encoding = arg; return 0;
    case OPT_LOSSY: c->read.lossy = 1; return 0;
    case OPT_MAX_INPUT:
        if (opt_bytes(arg, &c->read.max_stream))
            return align_bad_usage("--max-input: expected a byte count like 512M or 2G, got '%s'",
                                   arg);
        return 0;
    case OPT_MIN_SCORE:
        if (opt_real(arg, 0, 1, &c->write.min_score))
            return align_bad_usage("bad --min-score '%s' (a number from 0 to 1)", arg);
        return 0;
    case OPT_ONLY_1TO1: c->write.types = TDM_BEAD_TYPE(1, 1); return 0;
    case OPT_EVAL: c->eval = arg; return 0;
    case OPT_EVAL_LIST: c->eval_list = arg; return 0;
    case OPT_FIT: c->fit = arg; return 0;
    case OPT_FROM_BEADS: c->from_beads = arg; return 0;
    case OPT_COMPILE_LEXICON: c->compile = arg; return 0;
    case OPT_REVERSE: c->reverse = 1; return 0;
    default: return align_bad_usage("%s", "bad option");
    }
}

int align_parse_args(int argc, char **argv, cli *c)
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
            return align_bad_usage(opt == '?' ? "unknown option '%s'" : "option '%s' needs a value",
                                   is_short ? name : argv[optind - 1]);
        }
        int rc = parse_option(c, opt, optarg);
        if (rc)
            return rc;
    }
    int rest = argc - optind;
    if (c->from_beads && (c->batch_on || c->eval_list || c->fit))
        return align_bad_usage("%s", "--from-beads takes one pair SRC TGT: not with --batch, "
                                     "--batch-dirs, --jsonl, --eval-list or --fit");
    /* Ignoring them would be silent: "--resume a.txt b.txt" would align
     * from scratch and "-j 8" run on one thread without a word. */
    if (c->batch_only && !c->batch_on)
        return align_bad_usage("%s is for corpus building: --batch, --batch-dirs or --jsonl",
                               c->batch_only);
    if (c->batch_on) {
        int want = c->batch.input == TDM_BATCH_DIRS ? 2 : 0;
        if (rest != want)
            return align_bad_usage("%s", want
                                             ? "--batch-dirs needs two directories: SRC_DIR TGT_DIR"
                                             : "--batch and --jsonl take no SRC TGT arguments");
        if (want) {
            c->batch.src_dir = argv[optind];
            c->batch.tgt_dir = argv[optind + 1];
        }
        return -1;
    }
    if (c->compile) {
        if (rest != 0 || !c->output || !c->src_lang || !c->tgt_lang)
            return align_bad_usage("%s",
                                   "--compile-lexicon TSV needs -o FILE, --src-lang and --tgt-lang "
                                   "(the languages of its two columns) and no SRC TGT");
        return -1;
    }
    if (c->eval_list || c->fit) {
        if (rest != 0)
            return align_bad_usage("%s", "--eval-list and --fit take no SRC TGT arguments");
        if ((c->eval != NULL) + (c->eval_list != NULL) + (c->fit != NULL) > 1)
            return align_bad_usage("%s", "--eval, --eval-list and --fit exclude each other");
    } else if (rest != 2) {
        return align_bad_usage("%s",
                               rest < 2 ? "two input files needed: SRC TGT" : "too many arguments");
    } else {
        c->src = argv[optind];
        c->tgt = argv[optind + 1];
        if (strcmp(c->src, "-") == 0 && strcmp(c->tgt, "-") == 0)
            return align_bad_usage("%s", "SRC and TGT cannot both be standard input");
    }
    if (c->format == TDM_FMT_MOSES && (!c->output || strcmp(c->output, "-") == 0))
        return align_bad_usage("%s", "-f moses writes two files: give -o PREFIX");
    /* hunalign's ladder2text reads the sentences between two rungs as one
     * bead: a ladder without the rungs of filtered beads is wrong. */
    const tdm_write_opts *w = &c->write;
    int filtered = w->min_score > 0 || w->types || w->max_ratio > 0 || w->dedup;
    if (filtered && (c->format == TDM_FMT_LADDER || c->format == TDM_FMT_HTML))
        return align_bad_usage(
            c->format == TDM_FMT_LADDER
                ? "%s describes the whole alignment: --min-score, --only-1to1, "
                  "--types, --max-ratio and --dedup do not apply to it (use -f beads)"
                : "%s shows every bead: --min-score, --only-1to1, --types, "
                  "--max-ratio and --dedup do not apply to it",
            c->format == TDM_FMT_LADDER ? "-f ladder" : "-f html");
    if (c->eval || c->eval_list)
        c->read.presplit = 1;
    return -1;
}
