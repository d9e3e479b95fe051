/*
 * align_cli.h: the align program's command line, parsed by align_args.c
 * (options, usage, the checks of what goes with what) and run by align.c.
 */
#ifndef TANDEM_PROGRAMS_ALIGN_CLI_H
#define TANDEM_PROGRAMS_ALIGN_CLI_H

#include "tandem/align.h"
#include "tandem/batch.h"
#include "tandem/format.h"
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
    int batch_on;           /* --batch, --batch-dirs or --jsonl */
    const char *batch_only; /* the last corpus-building option given (-j, --resume...) */
    int format_set;         /* -f given */
    tdm_batch_opts batch;
    tdm_read_opts read;
    tdm_align_opts align;
    tdm_write_opts write;
} cli;

/* Parses the command line into c. Returns -1 to go on, else the exit status
 * (0 after --help or --version; a bad usage is reported). */
int align_parse_args(int argc, char **argv, cli *c);

/* Prints "align: " and fmt with arg (one %s) on standard error, then the
 * pointer to --help; returns the usage exit status (1). */
int align_bad_usage(const char *fmt, const char *arg);

/* Prints "align: " and the error on standard error; returns its exit status. */
int align_report_error(const tdm_error *err);

#endif
