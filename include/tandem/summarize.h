/*
 * summarize.h: extractive summaries (the most informative sentences of a
 * document, in their original order) and the IDF models they weigh terms
 * with. Scoring and selection: see toolkit/summarize/summarizer.c; terms:
 * toolkit/summarize/terms.c; IDF models: toolkit/summarize/idf.c and models/README.md.
 *
 * Typical use:
 *   model = tdm_summary_model_load(models_dir, "fr", &err);   (shareable)
 *   sum = tdm_summarizer_new(model, &err);                     (one per thread)
 *   doc = tdm_doc_read_file(path, NULL, &err);
 *   tdm_doc_segment(doc, tdm_summary_model_splitter(model), &err);
 *   summary = tdm_summarize(sum, doc, &opts, &err);
 */
#ifndef TANDEM_SUMMARIZE_H
#define TANDEM_SUMMARIZE_H

#include <stdio.h>

#include "tandem/segment.h"
#include "tandem/tandem.h"
#include "tandem/text.h"

/* ---- Building IDF models (models/<lang>/idf) ------------------------------ */

/* Builds an IDF model from documents: counts, for every term, the documents
 * that hold it. Not thread-safe (one builder per thread). */
typedef struct tdm_idf_builder tdm_idf_builder;

/* A new builder for lang, with models_dir/<lang>/stopwords when that file
 * exists (models_dir may be NULL). lang must have a Snowball stemmer or a
 * model directory. NULL with err filled on failure. */
tdm_idf_builder *tdm_idf_builder_new(const char *models_dir, const char *lang, tdm_error *err);

/* Adds one document (UTF-8). Returns 0 or TDM_ENOMEM. */
int tdm_idf_builder_add(tdm_idf_builder *b, const char *text, size_t len);

/* Adds the documents of a JSON Lines file (path, or "-" for standard
 * input): the string field text_key of each line is one document. Objects
 * that lack the field are counted in *skipped; *bytes gets the text bytes
 * added. Returns 0, TDM_EIO/TDM_ENOMEM, or TDM_EINPUT naming the file and
 * line of a line that is not a JSON object (a binary or non-JSON file). */
int tdm_idf_builder_add_jsonl(tdm_idf_builder *b, const char *path, const char *text_key,
                              size_t *bytes, size_t *skipped, tdm_error *err);

/* Documents added so far. */
size_t tdm_idf_builder_documents(const tdm_idf_builder *b);

/* Writes the model: terms with document frequency >= min_df (1 or more),
 * IDF = ln(N / df), most frequent first; source (may be NULL) goes into a
 * comment line. Returns 0, TDM_EINPUT when no document was added (a model
 * of nothing), or TDM_EWRITE (err names "output"). */
int tdm_idf_builder_write(const tdm_idf_builder *b, FILE *out, size_t min_df, const char *source,
                          tdm_error *err);

void tdm_idf_builder_free(tdm_idf_builder *b);

/* Converts a word frequency list (lines "word<TAB>zipf", zipf = log10 of
 * the frequency per 10^9 tokens, as in the wordfreq lists) into an IDF
 * model for lang: frequencies are summed per stem, and a stem of token
 * probability p gets the IDF of a word that a document of doc_tokens
 * tokens holds with probability 1 - exp(-p * doc_tokens) (see idf.c).
 * Stems whose summed zipf is below min_zipf are dropped. Writes to out.
 * Returns 0 or a negative code with err naming the file and line. */
int tdm_idf_from_wordfreq(const char *models_dir, const char *lang, const char *path,
                          double doc_tokens, double min_zipf, FILE *out, const char *source,
                          tdm_error *err);

/* ---- Language models for summaries ---------------------------------------- */

/* What a language needs: stopwords, IDF model (optional: without it, terms
 * are weighted by inverse sentence frequency within the document), sentence
 * splitter, stemmer. Immutable: shareable between threads. */
typedef struct tdm_summary_model tdm_summary_model;

/* Loads what models_dir/<lang>/ has (stopwords, idf, abbrev: each
 * optional) for any known language code (tdm_lang_canonical); an unknown
 * code is TDM_ENOLANG. Returns a new model the caller frees with
 * tdm_summary_model_free, or NULL with err filled. The model is only read
 * once loaded: threads may share it (each with its own summarizer). */
tdm_summary_model *tdm_summary_model_load(const char *models_dir, const char *lang, tdm_error *err);

void tdm_summary_model_free(tdm_summary_model *model);

/* The sentence splitter of the model's language, to segment a document
 * before tdm_summarize (owned by the model, valid until it is freed). */
const tdm_splitter *tdm_summary_model_splitter(const tdm_summary_model *model);

/* ---- Summaries --------------------------------------------------------------- */

typedef enum {
    TDM_TITLE_AUTO = 0, /* the first paragraph is a title when it looks like one */
    TDM_TITLE_NONE,     /* never take the first line as a title */
    TDM_TITLE_FIRST     /* the first paragraph is the title */
} tdm_title_mode;

typedef enum {
    TDM_SCORER_FITTED = 0, /* weights fitted on data (models/summary/weights);
                              the hand-set one when the models have none */
    TDM_SCORER_CENTROID    /* the hand-set centroid, title and position score */
} tdm_scorer;

typedef struct tdm_summary_opts {
    /* Length: at most one of these is set (nonzero); none set means the
     * default of 3 sentences or 20% of them, whichever is smaller. */
    size_t sentences; /* number of sentences */
    size_t words;     /* most words (tokens that are words or numbers) */
    double ratio;     /* fraction (0, 1] of the document's words */

    tdm_title_mode title_mode;
    const char *title; /* a title given apart from the text (e.g. a JSON
                          field), NUL-terminated; NULL: none */

    tdm_scorer scorer;
    /* Parameters of the hand-set score (defaults from tdm_summary_opts_init;
     * meaning in toolkit/summarize/summarizer.c); mmr_lambda is used by both. */
    double title_weight;    /* weight of the similarity to the title */
    double position_weight; /* weight of the position prior */
    double position_decay;  /* sentences over which the prior halves */
    double length_power;    /* length normalization exponent */
    double mmr_lambda;      /* relevance vs novelty in (0, 1]; 1: no MMR */

    size_t keywords; /* number of keywords to rank (0: none) */
} tdm_summary_opts;

/* Defaults: length unset, TDM_TITLE_AUTO, tuned scoring parameters. */
void tdm_summary_opts_init(tdm_summary_opts *opts);

/* Why a sentence was not a candidate (tdm_summary_sentence.flags). */
enum {
    TDM_SUMMARY_TITLE = 1,      /* the title line */
    TDM_SUMMARY_SHORT = 2,      /* fewer than 4 words, or no term */
    TDM_SUMMARY_UNFINISHED = 4, /* no final punctuation: heading, byline, footer */
    TDM_SUMMARY_DUPLICATE = 8   /* near-duplicate of the title or an earlier sentence */
};

typedef struct tdm_summary_sentence {
    double score;   /* relevance (0 for non-candidates) */
    size_t words;   /* word and number tokens */
    unsigned flags; /* TDM_SUMMARY_... bits; 0 for candidates */
    int chosen;     /* nonzero: in the summary */
    int candidate;  /* nonzero: could be chosen */
} tdm_summary_sentence;

typedef struct tdm_keyword {
    const char *text; /* its first occurrence in the document, as written */
    const char *term; /* the stemmed, case-folded term */
    double weight;    /* TF x IDF in the document */
} tdm_keyword;

/* Per-thread workspace: buffers and a stemmer, borrowing a model. */
typedef struct tdm_summarizer tdm_summarizer;

/* A new summarizer (a workspace: one thread at a time) the caller frees
 * with tdm_summarizer_free; borrows model for its life (free the
 * summarizer first). NULL with err filled on failure. */
tdm_summarizer *tdm_summarizer_new(const tdm_summary_model *model, tdm_error *err);
void tdm_summarizer_free(tdm_summarizer *s);

typedef struct tdm_summary tdm_summary;

/* Summarizes a segmented document (borrowed during the call only); s may
 * be NULL for a document without sentences. opts
 * NULL: defaults. A document with no sentence gives an empty summary; one
 * shorter than the requested length gives all its candidate sentences.
 * Returns a new summary the caller frees with tdm_summary_free (it does not
 * refer to doc: its indices do), or NULL with err filled (TDM_EUSAGE for
 * contradictory options, TDM_ENOMEM). opts.title is borrowed during the
 * call. */
tdm_summary *tdm_summarize(tdm_summarizer *s, const tdm_doc *doc, const tdm_summary_opts *opts,
                           tdm_error *err);

void tdm_summary_free(tdm_summary *summary);

/* The chosen sentences: indices into the document's sentences, ascending
 * (the array is owned by summary). */
size_t tdm_summary_count(const tdm_summary *summary);
const uint32_t *tdm_summary_chosen(const tdm_summary *summary);

/* Every sentence of the document (tdm_doc_sentence_count of them), owned
 * by summary. */
const tdm_summary_sentence *tdm_summary_sentences(const tdm_summary *summary);

/* The top keywords (at most opts.keywords), best first; the array and its
 * strings are owned by summary. */
size_t tdm_summary_keyword_count(const tdm_summary *summary);
const tdm_keyword *tdm_summary_keywords(const tdm_summary *summary);

/* ---- Output and batches (toolkit/summarize/summary_io.c) ----------------------------- */

/* Models loaded on demand, one summarizer each: what a program summarizing
 * texts of several languages keeps. One thread at a time
 * (tdm_summarize_files gives each of its threads its own set over the
 * same models). */
typedef struct tdm_summary_langs tdm_summary_langs;

/* A new set the caller frees with tdm_summary_langs_free (which frees the
 * models and summarizers it loaded); models_dir (NULL: tdm_models_dir) is
 * copied. NULL on OOM. */
tdm_summary_langs *tdm_summary_langs_new(const char *models_dir);
void tdm_summary_langs_free(tdm_summary_langs *langs);

/* Reads, identifies (lang NULL or "auto": tdm_lang_identify), segments and
 * summarizes the text of path or data: the whole pipeline for one text.
 * path is read with read_opts when data is NULL; else data[0, len) is the
 * text and path only names it. Returns a new summary the caller frees with
 * tdm_summary_free; *doc gets the document (the caller frees it with
 * tdm_doc_free, after the summary is used) and lang_out (8 bytes) its
 * language. NULL with err filled on failure (*doc NULL then). langs is
 * used by one thread at a time. */
tdm_summary *tdm_summarize_text(tdm_summary_langs *langs, const char *path, const char *data,
                                size_t len, const tdm_read_opts *read_opts, const char *lang,
                                const tdm_summary_opts *opts, tdm_doc **doc, char lang_out[8],
                                tdm_error *err);

typedef enum {
    TDM_SUMMARY_FORMAT_TEXT = 0, /* chosen sentences, one per line */
    TDM_SUMMARY_FORMAT_JSON      /* one JSON object per text, on one line */
} tdm_summary_format;

/* Writes a summary to out. TEXT: the chosen sentences one per line (with
 * explain: every sentence as "index mark score status text", '*' marking
 * the chosen); then "keywords: a, b" when keywords were ranked. JSON:
 * {"file","lang","sentences","summary":[{"index","start","end","score",
 * "text"}], "explain":[...], "keywords":[{"text","term","weight"}]} where
 * start and end are byte offsets in the original file. Returns 0, TDM_EIO,
 * or TDM_ENOMEM when a sentence cannot be copied (the output then stops
 * short: never an empty sentence in its place). out stays the caller's. */
int tdm_summary_write(FILE *out, const tdm_doc *doc, const tdm_summary *summary, const char *lang,
                      tdm_summary_format format, int explain);

/* The chosen sentences joined by newlines, as a new string the caller
 * frees (white space inside a sentence collapsed); NULL on OOM. */
char *tdm_summary_text(const tdm_doc *doc, const tdm_summary *summary, size_t *len);

/* How tdm_summarize_files reads, summarizes and writes each input. */
typedef struct tdm_summary_files_opts {
    const tdm_read_opts *read;    /* NULL: defaults */
    const char *lang;             /* NULL or "auto": identify each text */
    const tdm_summary_opts *opts; /* NULL: defaults */
    tdm_summary_format format;    /* as tdm_summary_write */
    int explain;                  /* as tdm_summary_write */
    int jobs;                     /* threads; 0: the online cores */
    int verbose; /* nonzero: "summarize: FILE: es (identified), resources: full" to err_out for
                    each text, the tier of tdm_lang_tier */
} tdm_summary_files_opts;

/* Fills o with the defaults (every pointer NULL, TEXT, all cores). */
void tdm_summary_files_opts_init(tdm_summary_files_opts *o);

/* Summarizes the files paths[0, n) on o->jobs threads and writes their
 * summaries to out in input order, whatever the number of threads (with
 * several inputs, plain text puts "==> name <==" before each summary and a
 * blank line between them); messages ("file: ...") go to err_out, also in
 * input order. A file that fails does not stop the others. Borrows langs
 * during the call (each thread gets its own set over langs' models). Returns
 * the worst exit status of the inputs (tdm_exit_status: 0, 2 or 3). */
int tdm_summarize_files(tdm_summary_langs *langs, const char *const *paths, size_t n,
                        const tdm_summary_files_opts *o, FILE *out, FILE *err_out);

typedef struct tdm_summary_batch_opts {
    const char *text_key;  /* default "text" */
    const char *lang;      /* for lines without "lang"; NULL or "auto": identify */
    tdm_summary_opts opts; /* opts.title is set from a "title" field */
    tdm_read_opts read;
    tdm_summary_format format; /* JSON (the default) or TEXT, as tdm_summary_write */
    int explain;               /* as tdm_summary_write */
    /* Called for every line that fails (bad JSON, no text, unsupported
     * language...), with the line in err; NULL: not reported. */
    void (*on_error)(void *ctx, const tdm_error *err);
    void *ctx;
} tdm_summary_batch_opts;

/* Fills o with the defaults ("text", identify, JSON, summary and read
 * defaults, no callback). Its strings are borrowed by tdm_summarize_jsonl. */
void tdm_summary_batch_opts_init(tdm_summary_batch_opts *o);

/* Summarizes every JSON Lines object {"id","text","lang","title"} of path
 * ("-": standard input) and writes one summary per object to out, as
 * tdm_summary_write does for a file plus the document's id: in JSON a line
 * {"id":..,"file":..,"lang":..,...} ("file" is path, or "<stdin>"), or
 * {"id":..,"error":..} for a line that fails (the run goes on); in TEXT a
 * "==> id <==" line before each summary, a blank line between two, and a
 * line that fails only reported to on_error. *done counts the lines
 * summarized, *failed those that failed, both added to (several inputs can
 * share them: TEXT puts the blank line before all but the first summary
 * counted in *done); on_error runs in the calling thread. Returns 0, or a negative code
 * when the input cannot be read or out cannot be written. */
int tdm_summarize_jsonl(tdm_summary_langs *langs, const char *path, FILE *out,
                        const tdm_summary_batch_opts *o, size_t *done, size_t *failed,
                        tdm_error *err);

#endif
