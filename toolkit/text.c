/*
 * text.c: the document object (text.h). Reading is three steps, each in
 * its own file: decode.c turns the bytes into one UTF-8, NFC, LF-only
 * buffer with a map back to the original offsets; paragraphs.c finds the
 * paragraphs (or, for presplit input, the sentences: one per non-blank
 * line, blank and "<p>" lines ending paragraphs; the paragraph mode still
 * applies there: LINE makes every sentence its own paragraph, NONE puts
 * them all in one); tdm_doc_segment hands each paragraph to the sentence
 * splitter (segment.h). In mode NONE a paragraph may span "<p>" lines:
 * those are cut out before splitting, so that they never become text.
 * Sentences and paragraphs are spans of the buffer; their original spans
 * are computed once, when they are made.
 */
#include "tandem/text.h"

#include <stdlib.h>
#include <string.h>

#include "internal/decode.h"
#include "internal/error.h"
#include "internal/fileio.h"
#include "internal/paragraphs.h"
#include "tandem/segment.h"

struct tdm_doc {
    char *name;
    tdm_decoded dec;
    tdm_para_mode mode; /* as given (AUTO is resolved per text) */
    int presplit;
    tdm_para *paras;
    size_t para_count;
    tdm_sentence *sentences;
    size_t sentence_count, sentence_cap;
};

void tdm_read_opts_init(tdm_read_opts *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->paragraphs = TDM_PARA_AUTO;
}

static tdm_doc *doc_new(const char *name, const void *data, size_t len, char *adopt,
                        const tdm_read_opts *opts, tdm_error *err);

tdm_doc *tdm_doc_read_file(const char *path, const tdm_read_opts *opts, tdm_error *err)
{
    char *data = NULL;
    size_t len = 0;
    if (tdm_read_all(path, &data, &len, err) != TDM_OK)
        return NULL;
    tdm_doc *doc = doc_new(strcmp(path, "-") ? path : "<stdin>", data, len, data, opts, err);
    if (!doc || tdm_doc_text(doc, NULL) != data)
        free(data); /* else the file's bytes became the text */
    return doc;
}

tdm_doc *tdm_doc_from_buffer(const char *name, const void *data, size_t len,
                             const tdm_read_opts *opts, tdm_error *err)
{
    return doc_new(name, data, len, NULL, opts, err);
}

/* A document from data[0, len); adopt as for tdm_decode. */
static tdm_doc *doc_new(const char *name, const void *data, size_t len, char *adopt,
                        const tdm_read_opts *opts, tdm_error *err)
{
    tdm_read_opts defaults;
    if (!opts) {
        tdm_read_opts_init(&defaults);
        opts = &defaults;
    }
    if (!name)
        name = "<buffer>";
    tdm_doc *doc = calloc(1, sizeof *doc);
    size_t name_len = strlen(name);
    if (!doc || !(doc->name = malloc(name_len + 1))) {
        free(doc);
        tdm_fail(err, TDM_ENOMEM, name, -1, -1, "out of memory");
        return NULL;
    }
    memcpy(doc->name, name, name_len + 1);
    doc->mode = opts->paragraphs;
    doc->presplit = opts->presplit != 0;
    int rc = tdm_decode(name, data, len, opts->encoding, opts->lossy, adopt, &doc->dec, err);
    if (rc != TDM_OK) {
        tdm_doc_free(doc);
        return NULL;
    }
    const char *text = doc->dec.text;
    if (doc->presplit) {
        rc = tdm_find_presplit(text, doc->dec.len, doc->mode, &doc->paras, &doc->para_count,
                               &doc->sentences, &doc->sentence_count);
        doc->sentence_cap = doc->sentence_count;
        for (size_t i = 0; i < doc->sentence_count; i++) {
            tdm_sentence *s = &doc->sentences[i];
            s->orig_start = tdm_decoded_orig(&doc->dec, s->start);
            s->orig_end = tdm_decoded_orig(&doc->dec, s->end);
        }
    } else {
        rc = tdm_find_paragraphs(text, doc->dec.len, doc->mode, &doc->paras, &doc->para_count);
    }
    if (rc != TDM_OK) {
        tdm_fail(err, rc, name, -1, -1, "out of memory finding paragraphs");
        if (doc->dec.text == adopt)
            doc->dec.text = NULL; /* the caller still owns it */
        tdm_doc_free(doc);
        return NULL;
    }
    return doc;
}

/* Appends the sentences tdm_split finds in text[a, b) to doc. */
static int split_piece(tdm_doc *doc, const tdm_splitter *sp, size_t a, size_t b, uint32_t para,
                       tdm_span **spans, size_t *cap)
{
    const char *text = doc->dec.text;
    size_t n = tdm_split(sp, text + a, b - a, *spans, *cap);
    if (n > *cap) {
        tdm_span *bigger = realloc(*spans, n * sizeof *bigger);
        if (!bigger)
            return TDM_ENOMEM;
        *spans = bigger;
        *cap = n;
        n = tdm_split(sp, text + a, b - a, *spans, *cap);
    }
    if (doc->sentence_count + n > doc->sentence_cap) {
        size_t want = doc->sentence_cap * 2 > doc->sentence_count + n
                          ? doc->sentence_cap * 2
                          : doc->sentence_count + n + 64;
        tdm_sentence *bigger = realloc(doc->sentences, want * sizeof *bigger);
        if (!bigger)
            return TDM_ENOMEM;
        doc->sentences = bigger;
        doc->sentence_cap = want;
    }
    for (size_t k = 0; k < n; k++) {
        size_t s = a + (*spans)[k].start, e = a + (*spans)[k].end;
        doc->sentences[doc->sentence_count++] = (tdm_sentence){
            s, e, tdm_decoded_orig(&doc->dec, s), tdm_decoded_orig(&doc->dec, e), para};
    }
    doc->paras[para].sentence_count += (uint32_t)n;
    return TDM_OK;
}

int tdm_doc_segment(tdm_doc *doc, const struct tdm_splitter *splitter, tdm_error *err)
{
    if (doc->presplit)
        return TDM_OK;
    size_t cap = 64;
    tdm_span *spans = malloc(cap * sizeof *spans);
    int rc = spans ? TDM_OK : TDM_ENOMEM;
    doc->sentence_count = 0;
    const char *text = doc->dec.text;
    for (size_t i = 0; i < doc->para_count && rc == TDM_OK; i++) {
        tdm_para *p = &doc->paras[i];
        p->first_sentence = (uint32_t)doc->sentence_count;
        p->sentence_count = 0;
        if (doc->mode != TDM_PARA_NONE) {
            rc = split_piece(doc, splitter, p->start, p->end, (uint32_t)i, &spans, &cap);
            continue;
        }
        size_t piece = p->start, pos = p->start;
        while (pos < p->end && rc == TDM_OK) {
            const char *nl = memchr(text + pos, '\n', p->end - pos);
            size_t end = nl ? (size_t)(nl - text) : p->end;
            if (tdm_is_p_line(text + pos, end - pos)) {
                rc = split_piece(doc, splitter, piece, pos, (uint32_t)i, &spans, &cap);
                piece = end;
            }
            pos = nl ? end + 1 : p->end;
        }
        if (rc == TDM_OK)
            rc = split_piece(doc, splitter, piece, p->end, (uint32_t)i, &spans, &cap);
    }
    free(spans);
    if (rc != TDM_OK)
        return tdm_fail(err, rc, doc->name, -1, -1, "out of memory splitting sentences");
    return TDM_OK;
}

void tdm_doc_free(tdm_doc *doc)
{
    if (!doc)
        return;
    tdm_decoded_free(&doc->dec);
    free(doc->paras);
    free(doc->sentences);
    free(doc->name);
    free(doc);
}

const char *tdm_doc_name(const tdm_doc *doc)
{
    return doc->name;
}

const char *tdm_doc_text(const tdm_doc *doc, size_t *len)
{
    if (len)
        *len = doc->dec.len;
    return doc->dec.text;
}

const char *tdm_doc_encoding(const tdm_doc *doc)
{
    return doc->dec.encoding;
}

size_t tdm_doc_replaced(const tdm_doc *doc)
{
    return doc->dec.replaced;
}

int tdm_doc_presplit(const tdm_doc *doc)
{
    return doc->presplit;
}

size_t tdm_doc_para_count(const tdm_doc *doc)
{
    return doc->para_count;
}

const tdm_para *tdm_doc_paras(const tdm_doc *doc)
{
    return doc->paras;
}

size_t tdm_doc_sentence_count(const tdm_doc *doc)
{
    return doc->sentence_count;
}

const tdm_sentence *tdm_doc_sentences(const tdm_doc *doc)
{
    return doc->sentences;
}

size_t tdm_doc_orig_offset(const tdm_doc *doc, size_t text_offset)
{
    if (text_offset > doc->dec.len)
        text_offset = doc->dec.len;
    return tdm_decoded_orig(&doc->dec, text_offset);
}

char *tdm_doc_sentence_dup(const tdm_doc *doc, size_t i, size_t *len)
{
    if (i >= doc->sentence_count)
        return NULL;
    const tdm_sentence *s = &doc->sentences[i];
    const char *text = doc->dec.text;
    char *out = malloc(s->end - s->start + 1);
    if (!out)
        return NULL;
    size_t o = 0, pos = s->start, k;
    int space = 0;
    while (pos < s->end) {
        if ((k = tdm_space_len(text + pos, s->end - pos))) {
            space = o > 0;
            pos += k;
            continue;
        }
        if (space)
            out[o++] = ' ';
        space = 0;
        out[o++] = text[pos++];
    }
    out[o] = '\0';
    if (len)
        *len = o;
    return out;
}
