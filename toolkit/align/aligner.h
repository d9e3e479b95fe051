/*
 * aligner.h: the aligner's internal entry points, below tdm_align: inputs
 * as plain arrays of sentence strings, parameters as a struct, and the
 * preparation (tokens, lexicon) kept apart from the search so that fitting
 * can align the same documents many times (see aligner.c, fit.c).
 */
#ifndef TANDEM_INTERNAL_ALIGNER_H
#define TANDEM_INTERNAL_ALIGNER_H

#include "align/lexical.h"
#include "align/lexicon.h"
#include "tandem/align.h"

/* One side: count sentences text[i][0, len[i]) with nondecreasing
 * paragraph indexes para[i] (NULL: a single paragraph), in language lang
 * (ISO 639-1 for the stemmer; NULL: unknown). Borrowed. */
typedef struct tdm_align_input {
    size_t count;
    const char *const *text;
    const size_t *len;
    const uint32_t *para;
    const char *lang;
} tdm_align_input;

/* The parameters of the bead cost and score. Plain data: defaults from
 * tdm_align_params_default, fitted values from models/align/weights. */
typedef struct tdm_align_params {
    double w_len;              /* weight of the Gale-Church length cost */
    double w_prior;            /* weight of -log P(bead type) */
    double w_sim;              /* weight of the lexical similarity, per sentence */
    double w_null;             /* extra cost of a 1-0 or 0-1 bead */
    double ev[TDM_EV_KINDS];   /* weight of each kind of lexical evidence */
    double prior[4][4];        /* P(a-b bead), a, b <= 3 */
    double len_c, len_s2;      /* length model before re-estimation */
    double para_w_sim;         /* similarity weight at the paragraph level */
    double conf_a, conf_b;     /* score = logistic(conf_a + conf_b margin) */
    double conf_null;          /* score of a 1-0 or 0-1 bead */
    double ibm_threshold;      /* keep IBM1 pairs with t(f|e) at least this */
    double confident_margin;   /* margin of the 1-1 beads that train IBM1 */
    double unrelated_below;    /* mean 1-1 similarity under which texts are unrelated */
    double chance_scale;       /* multiplies the estimated chance match rate */
    double w_null_len;         /* null cost per log(1 + characters) of the unit */
    double w_idf;              /* 0: every item counts 1; 1: by its rarity (IDF) */
    double bead_total;         /* most sentences in a bead, both sides (4: no 2-3) */
    double unrelated_contrast; /* ... and 1-1 contrast (aligner.c) under which */
} tdm_align_params;

/* Number of named parameters (for fitting) and their names/addresses. */
#define TDM_ALIGN_NPARAMS 22
const char *tdm_align_param_name(int k);
double *tdm_align_param_ref(tdm_align_params *p, int k);

/* Built-in defaults (used when models/align/weights is missing). */
void tdm_align_params_default(tdm_align_params *p);

/* Reads models_dir/align/weights ("name value" lines, # comments) and the
 * length defaults for the pair from models_dir/align/length.tsv over p.
 * Missing files leave p unchanged; a malformed line is TDM_EINPUT naming
 * the file and line. */
int tdm_align_params_load(tdm_align_params *p, const char *models_dir, const char *src_lang,
                          const char *tgt_lang, tdm_error *err);

/* Writes p as a weights file (atomically). */
int tdm_align_params_save(const tdm_align_params *p, const char *path, tdm_error *err);

/* Tokens and lexicon of a pair of inputs. */
typedef struct tdm_align_prep tdm_align_prep;

/* Prepares src and tgt (borrowed during the call). lexicon: TSV path or
 * NULL; swap_lexicon: its columns are target<TAB>source. */
tdm_align_prep *tdm_align_prep_new(const tdm_align_input *src, const tdm_align_input *tgt,
                                   const char *lexicon, int swap_lexicon, tdm_error *err);
/* The same with a loaded lexicon (NULL: none; borrowed during the call). */
tdm_align_prep *tdm_align_prep_new_lex(const tdm_align_input *src, const tdm_align_input *tgt,
                                       const tdm_lexicon *lex, tdm_error *err);
void tdm_align_prep_free(tdm_align_prep *prep);

/* Gives prep the pairs of table (a word translation table learnt from a
 * corpus, corpus_table.c; borrowed during the call; NULL: none) whose two
 * stems occur in it: both passes of tdm_align_run use them as IBM1
 * evidence, beside the table the pair learns itself. 0 or TDM_ENOMEM. */
int tdm_align_prep_set_table(tdm_align_prep *prep, const tdm_lexicon *table);

/* The string table and the evidence of both sides (owned by prep). */
void tdm_align_prep_evidence(const tdm_align_prep *prep, const tdm_strtab **tab,
                             const tdm_evidence **src, const tdm_evidence **tgt);

/* The first alignment pass alone (no IBM1 but prep's table) and the
 * sentence pairs of its confident 1-1 beads, those that teach IBM1: two new
 * arrays (caller frees) of *count source and target sentence indexes. 0,
 * or TDM_ENOMEM with err filled. Thread-safe as tdm_align_run. */
int tdm_align_confident(const tdm_align_prep *prep, const tdm_align_params *params,
                        const tdm_align_opts *opts, uint32_t **src, uint32_t **tgt, size_t *count,
                        tdm_error *err);

/* Figures for fitting: per bead (parallel to the beads, NULL if unwanted)
 * the margin behind its score; the mean similarity of the 1-1 beads. */
typedef struct tdm_align_diag {
    double *margin; /* new array the caller frees */
    double mean_sim;
    double contrast; /* matches of 1-1 partners over other pairs' (aligner.c) */
} tdm_align_diag;

/* Aligns a prepared pair. Writes a new bead array (caller frees) and the
 * statistics (diag may be NULL). Thread-safe: prep and params are only
 * read. */
int tdm_align_run(const tdm_align_prep *prep, const tdm_align_params *params,
                  const tdm_align_opts *opts, tdm_bead **beads, size_t *count,
                  tdm_align_stats *stats, tdm_align_diag *diag, tdm_error *err);

/* tdm_align_prep_new + tdm_align_run + free. */
int tdm_align_strings(const tdm_align_input *src, const tdm_align_input *tgt,
                      const tdm_align_params *params, const tdm_align_opts *opts,
                      const char *lexicon, int swap_lexicon, tdm_bead **beads, size_t *count,
                      tdm_align_stats *stats, tdm_error *err);

#endif
