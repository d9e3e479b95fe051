/*
 * idf.c: inverse document frequency models: building them from documents
 * and converting word frequency lists (loading and lookup: idf_model.c).
 *
 * IDF (Sparck Jones 1972, "A statistical interpretation of term specificity
 * and its application in retrieval"): a term found in df of N documents
 * weighs idf = ln(N / df). Terms are those of toolkit/summarize/terms.c (case-folded,
 * stemmed, stopwords removed), so a model only serves the language it was
 * built for.
 *
 * Building (tdm_idf_builder): one pass over the documents; each term is
 * interned once in a string table, and a per-term "last document seen"
 * number counts it once per document, so memory is one table entry per
 * distinct term whatever the corpus size.
 *
 * Word frequency lists (tdm_idf_from_wordfreq) give a term's probability p
 * per running token, not a document frequency. Under a bag-of-words model a
 * document of L tokens holds the term with probability
 *     q = 1 - exp(-p L)            (Poisson approximation of 1-(1-p)^L)
 * so the list yields idf = -ln q: about -ln p - ln L for rare terms (the
 * plain "-log p" weight shifted by a constant) and near 0 for function
 * words, on the same scale as a model built from real documents of that
 * length. Frequencies of words that share a stem are summed first.
 *
 * Word frequency lists write numbers by their shape (every digit 0), and
 * so do the models made from them; idf_model.c looks a number absent from
 * a model up by its shape.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "tandem/lang.h"
#include "base/fileio.h"
#include "base/grow.h"
#include "base/lines.h"
#include "base/number.h"
#include "base/json.h"
#include "text/stem.h"
#include "base/strtab.h"
#include "summarize/terms.h"
#include "tandem/summarize.h"
#include "text/lang.h"

struct tdm_idf_builder {
    tdm_strtab *stopwords; /* NULL: none */
    tdm_terms *terms;
    tdm_strtab *vocab;
    uint32_t *df, *last_doc;
    size_t cap;
    uint32_t *vocab_of; /* id in terms -> id in vocab + 1, 0: not yet */
    size_t vocab_of_cap;
    size_t documents;
};

/* Stopwords of models_dir/<lang>/stopwords into *out (NULL when the file
 * does not exist). */
static int load_stopwords(const char *models_dir, const char *lang, tdm_strtab **out,
                          tdm_error *err)
{
    *out = NULL;
    if (!models_dir)
        return 0;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s/stopwords", models_dir, tdm_lang_resource_code(lang));
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    fclose(f);
    return tdm_stopwords_load(path, out, err);
}

static int lang_usable(const char *models_dir, const char *lang, tdm_error *err)
{
    (void)models_dir; /* any known language: terms unstemmed without Snowball */
    if (!lang || !*lang)
        return tdm_fail(err, TDM_ENOLANG, NULL, -1, -1, "no language given");
    char code[8];
    if (tdm_lang_canonical(lang, code, err) != 0)
        return err->code;
    if (strcmp(code, lang) != 0)
        return tdm_fail(err, TDM_ENOLANG, NULL, -1, -1,
                        "language '%s' is written '%s' (the name of its models)", lang, code);
    return 0;
}

tdm_idf_builder *tdm_idf_builder_new(const char *models_dir, const char *lang, tdm_error *err)
{
    if (lang_usable(models_dir, lang, err) != 0)
        return NULL;
    tdm_idf_builder *b = calloc(1, sizeof *b);
    if (!b) {
        tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
        return NULL;
    }
    if (load_stopwords(models_dir, lang, &b->stopwords, err) != 0) {
        free(b);
        return NULL;
    }
    b->terms = tdm_terms_new(lang, b->stopwords);
    b->vocab = tdm_strtab_new();
    if (!b->terms || !b->vocab) {
        tdm_idf_builder_free(b);
        tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
        return NULL;
    }
    return b;
}

void tdm_idf_builder_free(tdm_idf_builder *b)
{
    if (!b)
        return;
    tdm_terms_free(b->terms);
    tdm_strtab_free(b->stopwords);
    tdm_strtab_free(b->vocab);
    free(b->df);
    free(b->last_doc);
    free(b->vocab_of);
    free(b);
}

static int count_term(void *ctx, uint32_t term_id, size_t start, size_t end, int word)
{
    (void)start, (void)end, (void)word;
    tdm_idf_builder *b = ctx;
    if (tdm_grow((void **)&b->vocab_of, &b->vocab_of_cap, (size_t)term_id + 1, sizeof *b->vocab_of,
                 4096, 1) != 0)
        return TDM_ENOMEM;
    uint32_t id = b->vocab_of[term_id] - 1;
    if (!b->vocab_of[term_id]) {
        size_t len;
        const char *term = tdm_terms_term(b->terms, term_id, &len);
        if ((id = tdm_strtab_intern(b->vocab, term, len)) == TDM_STRTAB_NONE)
            return TDM_ENOMEM;
        b->vocab_of[term_id] = id + 1;
    }
    size_t cap = b->cap, cap2 = b->cap; /* in step: b->cap says both */
    if (tdm_grow((void **)&b->df, &cap, (size_t)id + 1, sizeof *b->df, 4096, 1) != 0 ||
        tdm_grow((void **)&b->last_doc, &cap2, (size_t)id + 1, sizeof *b->last_doc, 4096, 1) != 0)
        return TDM_ENOMEM;
    b->cap = cap;
    /* Documents are numbered from 1, so 0 means "not seen yet". */
    if (b->last_doc[id] != b->documents) {
        b->last_doc[id] = (uint32_t)b->documents;
        b->df[id]++;
    }
    return 0;
}

int tdm_idf_builder_add(tdm_idf_builder *b, const char *text, size_t len)
{
    b->documents++;
    /* Memory bounded whatever the corpus; the term ids start again. */
    if (tdm_terms_trim(b->terms) && b->vocab_of)
        memset(b->vocab_of, 0, b->vocab_of_cap * sizeof *b->vocab_of);
    return tdm_terms_each(b->terms, text, len, count_term, b, NULL);
}

int tdm_idf_builder_add_jsonl(tdm_idf_builder *b, const char *path, const char *text_key,
                              size_t *bytes, size_t *skipped, tdm_error *err)
{
    tdm_jsonl_reader *r = tdm_jsonl_open(path, err);
    if (!r)
        return err ? err->code : TDM_EIO;
    tdm_json_object *obj = tdm_json_object_new();
    int rc = obj ? 0 : tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
    while (rc == 0) {
        tdm_error line_err;
        int got = tdm_jsonl_next(r, obj, &line_err);
        if (got == 0)
            break;
        if (got < 0) { /* a read error, or a line that is not JSON (a binary file) */
            if (err)
                *err = line_err;
            rc = got;
            break;
        }
        const tdm_json_field *f = tdm_json_object_get(obj, text_key);
        if (!f || f->kind != TDM_JSON_STRING) {
            (*skipped)++;
            continue;
        }
        if (tdm_idf_builder_add(b, f->value, f->value_len) != 0)
            rc = tdm_fail(err, TDM_ENOMEM, path, tdm_jsonl_line(r), -1, "out of memory");
        *bytes += f->value_len;
    }
    tdm_json_object_free(obj);
    tdm_jsonl_close(r);
    return rc;
}

size_t tdm_idf_builder_documents(const tdm_idf_builder *b)
{
    return b->documents;
}

typedef struct ranked {
    uint32_t id;
    double key; /* larger first */
} ranked;

static int by_key(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->key != y->key)
        return x->key > y->key ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

typedef struct line_out {
    const char *term;
    size_t len;
    double idf;
} line_out;

static int by_term(const void *a, const void *b)
{
    const line_out *x = a, *y = b;
    int c = memcmp(x->term, y->term, x->len < y->len ? x->len : y->len);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Writes the header and the terms of rows with their IDF, in byte order
 * of the terms ("%sorted": readers search the file in place, idf_model.c). */
static int write_model(FILE *out, const tdm_strtab *vocab, ranked *rows, size_t n,
                       const double *idf_of, double documents, double unknown, const char *method,
                       const char *source, tdm_error *err)
{
    line_out *lines = malloc((n ? n : 1) * sizeof *lines);
    if (!lines)
        return tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
    for (size_t i = 0; i < n; i++) {
        lines[i].term = tdm_strtab_get(vocab, rows[i].id, &lines[i].len);
        lines[i].idf = idf_of[i];
    }
    qsort(lines, n, sizeof *lines, by_term);
    fprintf(out, "# tandem IDF model: term<TAB>idf (terms case-folded, stemmed)\n");
    fprintf(out, "# method: %s\n", method);
    if (source)
        fprintf(out, "# source: %s\n", source);
    if (documents > 0)
        fprintf(out, "%%documents\t%.0f\n", documents);
    fprintf(out, "%%unknown\t%.4f\n", unknown);
    fprintf(out, "%%terms\t%zu\n%%sorted\t1\n", n);
    for (size_t i = 0; i < n; i++) {
        fwrite(lines[i].term, 1, lines[i].len, out);
        fprintf(out, "\t%.4f\n", lines[i].idf);
    }
    free(lines);
    if (fflush(out) != 0 || ferror(out))
        return tdm_fail(err, TDM_EWRITE, "output", -1, -1, "write error");
    return 0;
}

int tdm_idf_builder_write(const tdm_idf_builder *b, FILE *out, size_t min_df, const char *source,
                          tdm_error *err)
{
    if (b->documents == 0)
        return tdm_fail(err, TDM_EINPUT, NULL, -1, -1, "no documents: no model written");
    size_t count = tdm_strtab_count(b->vocab), n = 0;
    if (min_df < 1)
        min_df = 1;
    ranked *rows = malloc((count ? count : 1) * sizeof *rows);
    double *idf_of = malloc((count ? count : 1) * sizeof *idf_of);
    if (!rows || !idf_of) {
        free(rows);
        free(idf_of);
        return tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
    }
    for (uint32_t id = 0; id < count; id++)
        if (b->df[id] >= min_df)
            rows[n++] = (ranked){id, (double)b->df[id]};
    qsort(rows, n, sizeof *rows, by_key);
    double docs = b->documents ? (double)b->documents : 1;
    for (size_t i = 0; i < n; i++)
        idf_of[i] = log(docs / rows[i].key);
    char method[128];
    snprintf(method, sizeof method, "document frequencies, idf = ln(N/df), df >= %zu", min_df);
    int rc = write_model(out, b->vocab, rows, n, idf_of, docs, log(docs), method, source, err);
    free(rows);
    free(idf_of);
    return rc;
}

typedef struct freq_ctx {
    const tdm_terms *terms;
    tdm_strtab *vocab;
    double *prob;
    size_t cap;
    double p; /* probability of the word being split into terms */
} freq_ctx;

static int add_prob(void *ctx, uint32_t term_id, size_t start, size_t end, int word)
{
    (void)start, (void)end, (void)word;
    freq_ctx *c = ctx;
    size_t len;
    const char *term = tdm_terms_term(c->terms, term_id, &len);
    if (len == 0)
        return 0; /* stemmed to nothing (Greek, Tamil, Turkish): an empty line would not read back
                   */
    uint32_t id = tdm_strtab_intern(c->vocab, term, len);
    if (id == TDM_STRTAB_NONE)
        return TDM_ENOMEM;
    if (tdm_grow((void **)&c->prob, &c->cap, (size_t)id + 1, sizeof *c->prob, 4096, 1) != 0)
        return TDM_ENOMEM;
    c->prob[id] += c->p;
    return 0;
}

/* IDF of a term of token probability p in documents of doc_tokens tokens. */
static double idf_of_prob(double p, double doc_tokens)
{
    double q = -expm1(-p * doc_tokens);
    return q > 0 ? -log(q) : 50;
}

/* Reads "word<TAB>zipf" lines of text into c. */
static int read_wordfreq(const char *path, const char *text, size_t len, tdm_terms *terms,
                         freq_ctx *c, tdm_error *err)
{
    tdm_lines it;
    tdm_lines_init(&it, text, len);
    const char *s;
    size_t n;
    while (tdm_lines_next(&it, &s, &n)) {
        long line = it.number;
        if (n == 0 || s[0] == '#')
            continue;
        const char *tab = memchr(s, '\t', n);
        double zipf;
        if (!tab || tdm_parse_number(tab + 1, n - (size_t)(tab + 1 - s), &zipf) != 0)
            return tdm_fail(err, TDM_EINPUT, path, line, -1, "expected \"word<TAB>zipf\"");
        c->p = pow(10, zipf - 9);
        tdm_terms_trim(terms);
        if (tdm_terms_each(terms, s, (size_t)(tab - s), add_prob, c, NULL) != 0)
            return tdm_fail(err, TDM_ENOMEM, path, line, -1, "out of memory");
    }
    return 0;
}

int tdm_idf_from_wordfreq(const char *models_dir, const char *lang, const char *path,
                          double doc_tokens, double min_zipf, FILE *out, const char *source,
                          tdm_error *err)
{
    int usable = lang_usable(models_dir, lang, err);
    if (usable != 0)
        return usable;
    if (!(doc_tokens >= 1))
        return tdm_fail(err, TDM_EUSAGE, NULL, -1, -1, "document length must be >= 1 token");
    char *data;
    size_t len;
    int rc = tdm_read_all(path, &data, &len, err);
    if (rc != 0)
        return rc;
    tdm_strtab *stopwords = NULL;
    tdm_terms *terms = NULL;
    freq_ctx c = {0};
    ranked *rows = NULL;
    double *idf_of = NULL;
    rc = load_stopwords(models_dir, lang, &stopwords, err);
    if (rc == 0) {
        terms = tdm_terms_new(lang, stopwords);
        c.vocab = tdm_strtab_new();
        c.terms = terms;
        if (!terms || !c.vocab)
            rc = tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
    }
    if (rc == 0)
        rc = read_wordfreq(path, data, len, terms, &c, err);
    size_t count = c.vocab ? tdm_strtab_count(c.vocab) : 0, n = 0;
    if (rc == 0) {
        rows = malloc((count ? count : 1) * sizeof *rows);
        idf_of = malloc((count ? count : 1) * sizeof *idf_of);
        if (!rows || !idf_of)
            rc = tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
    }
    if (rc == 0) {
        double floor_p = pow(10, min_zipf - 9);
        for (uint32_t id = 0; id < count; id++)
            if (c.prob[id] >= floor_p)
                rows[n++] = (ranked){id, c.prob[id]};
        qsort(rows, n, sizeof *rows, by_key);
        for (size_t i = 0; i < n; i++)
            idf_of[i] = idf_of_prob(rows[i].key, doc_tokens);
        char method[200];
        snprintf(method, sizeof method,
                 "word frequencies summed per stem (zipf >= %.2f), idf = -ln(1 - exp(-p L)), "
                 "L = %.0f tokens",
                 min_zipf, doc_tokens);
        rc = write_model(out, c.vocab, rows, n, idf_of, 0, idf_of_prob(floor_p, doc_tokens), method,
                         source, err);
    }
    free(rows);
    free(idf_of);
    free(c.prob);
    tdm_strtab_free(c.vocab);
    tdm_terms_free(terms);
    tdm_strtab_free(stopwords);
    free(data);
    return rc;
}
