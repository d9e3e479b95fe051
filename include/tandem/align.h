/*
 * align.h: sentence alignment of two translations of one story.
 *
 * An alignment is a sequence of beads in document order; every sentence of
 * both documents is in exactly one bead. Method: see toolkit/align/aligner.c.
 */
#ifndef TANDEM_ALIGN_H
#define TANDEM_ALIGN_H

#include "tandem/tandem.h"
#include "tandem/text.h"

/* A bead: src sentences [src_first, src_first + src_count) aligned with tgt
 * sentences [tgt_first, tgt_first + tgt_count). A count may be 0 (1-0, 0-1).
 * score is a confidence in [0, 1]: the probability-like quality of the
 * bead, comparable across documents (--min-score filters on it). */
typedef struct tdm_bead {
    uint32_t src_first, src_count;
    uint32_t tgt_first, tgt_count;
    double score;
} tdm_bead;

typedef struct tdm_alignment tdm_alignment;

/* Bit of a bead type, for the filters of the corpus writers (format.h,
 * batch.h): s source and t target sentences, each counted up to 3 (3 means
 * 3 or more). */
#define TDM_BEAD_TYPE(s, t) (1u << (4 * ((s) > 3 ? 3 : (s)) + ((t) > 3 ? 3 : (t))))
/* Every bead with sentences on both sides (the corpus formats' default). */
#define TDM_BEAD_TYPES_PAIRED 0xEEE0u
#define TDM_BEAD_TYPES_ALL 0xFFFEu

/* Whether sentences are aligned inside aligned paragraphs. */
typedef enum {
    TDM_ALIGN_PARA_AUTO = 0, /* two levels unless paragraph evidence is weak */
    TDM_ALIGN_PARA_ON,       /* always paragraphs first */
    TDM_ALIGN_PARA_OFF       /* one flat sentence alignment */
} tdm_align_para;

typedef struct tdm_align_opts {
    int max_bead; /* most sentences on one side of a bead (default 3:
                     1-1 1-0 0-1 2-1 1-2 2-2 1-3 3-1, and 2-3 3-2 3-3
                     unless models/align/weights limits the sentences of
                     a bead, bead_total) */
    tdm_align_para paragraphs;
    const char *models_dir; /* for length parameters, lexicons, fitted
                               weights; NULL: tdm_models_dir(NULL) */
    const char *src_lang;   /* ISO 639-1 codes; NULL or "" when unknown */
    const char *tgt_lang;
    const char *lexicon; /* TSV lexicon path; NULL: models/lexicon/<src>-<tgt>.tsv
                            when present; "" for none */
} tdm_align_opts;

/* Summary figures of an alignment (for the stderr line and the warning). */
typedef struct tdm_align_stats {
    size_t beads_by_type[4][4]; /* [src_count][tgt_count], counts above 3 in [3] */
    double mean_score;
    int unrelated;       /* nonzero: the texts do not look like translations */
    int used_paragraphs; /* nonzero: aligned paragraphs first */
} tdm_align_stats;

/* Fills opts with the defaults (max_bead 3, paragraphs AUTO, every string
 * NULL). The strings set in opts are borrowed by each call that takes opts,
 * for that call only. */
void tdm_align_opts_init(tdm_align_opts *opts);

/* Aligns the sentences of two segmented documents. Returns a new alignment
 * the caller frees with tdm_alignment_free; the documents are borrowed only
 * during the call. An empty side gives all-null beads. NULL with err filled
 * on failure (bad lexicon file, out of memory). Thread-safe. */
tdm_alignment *tdm_align(const tdm_doc *src, const tdm_doc *tgt, const tdm_align_opts *opts,
                         tdm_error *err);

/* The model of a language pair: the fitted weights and length defaults
 * (opts->models_dir) and the lexicon (opts->lexicon, or the models' lexicon
 * of opts->src_lang and opts->tgt_lang), loaded once. Returns a new model
 * the caller frees with tdm_align_model_free (NULL is a no-op), or NULL
 * with err filled (bad weights or lexicon file, out of memory). A model is
 * only read once loaded: threads may share one. It copies what it needs of
 * opts, which may go once the call returns. */
typedef struct tdm_align_model tdm_align_model;
tdm_align_model *tdm_align_model_new(const tdm_align_opts *opts, tdm_error *err);
void tdm_align_model_free(tdm_align_model *model);

/* Learning a word translation table from a whole corpus (align --batch
 * --learn-batch). A document of a few dozen sentences teaches IBM Model 1
 * too little on its own; a batch of them, together, teaches it much more.
 * Each pair of the corpus is first aligned without IBM1 and its confident
 * 1-1 beads are kept as a sample (tdm_align_sample_new, thread-safe); the
 * samples are added to the model of their language pair in corpus order
 * (tdm_align_model_add, one thread; memory is bounded: past a few million
 * word cells, every other sentence pair is dropped, by its number in the
 * corpus), then tdm_align_model_learn learns the table, which every later
 * tdm_align_with of that model uses beside what each pair learns itself.
 * The table depends on the samples and their order only, so threads that
 * make the samples in any order give the same table. */
typedef struct tdm_align_sample tdm_align_sample;

/* Aligns src and tgt once without IBM1 (the model's lexicon and weights)
 * and writes to *sample a new sample of its confident 1-1 beads (caller
 * frees, or hands it to tdm_align_model_add), NULL when they hold none.
 * 0, or TDM_ENOMEM with err filled. Thread-safe: the model is only read. */
int tdm_align_sample_new(const tdm_align_model *model, const tdm_doc *src, const tdm_doc *tgt,
                         const tdm_align_opts *opts, tdm_align_sample **sample, tdm_error *err);
void tdm_align_sample_free(tdm_align_sample *sample);

/* Adds sample (NULL: nothing) to the model's training data and frees it.
 * One thread at a time; tdm_align_sample_new on the same model may run
 * meanwhile (it reads none of the training data), tdm_align_with may not.
 * 0, or TDM_ENOMEM with err filled. */
int tdm_align_model_add(tdm_align_model *model, tdm_align_sample *sample, tdm_error *err);

/* Figures of a learnt table. */
typedef struct tdm_align_learnt {
    size_t sentence_pairs; /* confident 1-1 beads offered */
    size_t kept;           /* ... and trained on (under the memory bound) */
    size_t word_pairs;     /* pairs of the table learnt */
} tdm_align_learnt;

/* Learns the table from the data added (none: no table, nothing changes)
 * and frees the data; figures into learnt (may be NULL). 0, or
 * TDM_ENOMEM with err filled. Not thread-safe. */
int tdm_align_model_learn(tdm_align_model *model, tdm_align_learnt *learnt, tdm_error *err);

/* Compiles the TSV lexicon tsv (columns src_lang<TAB>tgt_lang words;
 * swap: its columns are tgt_lang<TAB>src_lang) into the mapped form the
 * aligner uses in place (models/lexicon/<src>-<tgt>.lex, preferred to the
 * TSV): words folded and stemmed once, grouped and hashed. Writes out
 * atomically (complete or not at all). 0, or TDM_EIO / TDM_ENOMEM /
 * TDM_EINPUT (a malformed line, named) with err filled. Thread-safe for
 * distinct outputs. */
int tdm_lexicon_compile(const char *tsv, int swap, const char *src_lang, const char *tgt_lang,
                        const char *out, tdm_error *err);

/* tdm_align with a loaded model (borrowed during the call): the languages,
 * lexicon and weights are the model's; opts (NULL: defaults) gives
 * max_bead and paragraphs. Thread-safe. */
tdm_alignment *tdm_align_with(const tdm_align_model *model, const tdm_doc *src, const tdm_doc *tgt,
                              const tdm_align_opts *opts, tdm_error *err);

/* tdm_align_with in two steps, so that the caller may release the texts
 * of the documents while the alignment runs (tdm_doc_release_text: the
 * alignment of a large pair needs far more memory than its texts, but not
 * the texts). tdm_align_prepare reads the sentences of src and tgt
 * (borrowed during the call) and returns a new job the caller frees with
 * tdm_align_job_free (NULL is a no-op), or NULL with err filled (out of
 * memory); the job borrows model until it is freed. tdm_align_job_run
 * aligns it (as often as wanted) and returns a new alignment the caller
 * frees with tdm_alignment_free, or NULL with err filled. One thread at a
 * time per job. */
typedef struct tdm_align_job tdm_align_job;
tdm_align_job *tdm_align_prepare(const tdm_align_model *model, const tdm_doc *src,
                                 const tdm_doc *tgt, const tdm_align_opts *opts, tdm_error *err);
tdm_alignment *tdm_align_job_run(tdm_align_job *job, tdm_error *err);
void tdm_align_job_free(tdm_align_job *job);

/* Fills stats (the caller's) with the figures of al. */
void tdm_alignment_stats(const tdm_alignment *al, tdm_align_stats *stats);

/* Number of beads, and the beads in document order (owned by the
 * alignment, valid until tdm_alignment_free). */
size_t tdm_alignment_count(const tdm_alignment *al);
const tdm_bead *tdm_alignment_beads(const tdm_alignment *al);

/* Frees al and its beads. */
void tdm_alignment_free(tdm_alignment *al);

/* A new alignment holding a copy of beads[0, count) (tests, corpus tools,
 * gold files); the caller frees it with tdm_alignment_free. NULL on
 * allocation failure. The beads are not checked. */
tdm_alignment *tdm_alignment_from_beads(const tdm_bead *beads, size_t count);

/* Reads a bead file (the gold format of tandem/eval.h, e.g. a correction
 * exported from the review page) as an alignment of two documents of
 * src_sentences and tgt_sentences sentences, to be written in any format
 * (align --from-beads). Every sentence must be in exactly one bead, in
 * order, ids of a side consecutive; beads with both sides empty are
 * dropped; a bead without a score gets 0. Returns a new alignment the
 * caller frees with tdm_alignment_free, or NULL with err filled: TDM_EINPUT naming the file and
 * line (a sentence in no bead or in two, an id past the end of a
 * document, bad syntax), TDM_EIO when unreadable, TDM_ENOMEM. */
tdm_alignment *tdm_alignment_read_beads(const char *path, size_t src_sentences,
                                        size_t tgt_sentences, tdm_error *err);

#endif
