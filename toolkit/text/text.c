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
 *
 * A text that is the bytes of a regular file (the common case: UTF-8, NFC,
 * LF) can be released while the caller only needs the spans (an alignment
 * of a million sentences a side holds evidence and units far larger than
 * the text, but never the text) and read back after: the file's size and a
 * 64-bit hash of its bytes tell whether it changed in between.
 */
#include "tandem/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "text/decode.h"
#include "base/error.h"
#include "base/fileio.h"
#include "text/paragraphs.h"
#include "tandem/segment.h"
#include "text/segment.h"
#include "text/doc.h"

struct tdm_doc {
    char *name;
    tdm_decoded dec;
    tdm_para_mode mode; /* as given (AUTO is resolved per text) */
    int presplit;
    tdm_para *paras;
    size_t para_count;
    tdm_sentence *sentences;
    size_t sentence_count, sentence_cap;
    char *path;         /* the regular file whose bytes are the text, or NULL */
    int released;       /* the text is freed (tdm_doc_release_text) */
    uint64_t text_hash; /* of the released text */
    /* While released, the sentences and paragraphs in 32-bit offsets (NULL:
     * not packed); the original spans are computed again from the maps. */
    struct packed_sentence *packed_sentences;
    struct packed_para *packed_paras;
};

struct packed_sentence {
    uint32_t start, end, para;
};

struct packed_para {
    uint32_t start, end, first_sentence, sentence_count;
};

void tdm_read_opts_init(tdm_read_opts *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->paragraphs = TDM_PARA_AUTO;
    opts->max_stream = TDM_MAX_STREAM_DEFAULT;
}

static tdm_doc *doc_new(const char *name, const void *data, size_t len, char *adopt,
                        const tdm_read_opts *opts, tdm_error *err);

tdm_doc *tdm_doc_read_file(const char *path, const tdm_read_opts *opts, tdm_error *err)
{
    char *data = NULL;
    size_t len = 0;
    tdm_read_opts defaults;
    if (!opts) {
        tdm_read_opts_init(&defaults);
        opts = &defaults;
    }
    if (tdm_read_input(path, opts->max_stream, &data, &len, err) != TDM_OK)
        return NULL;
    tdm_doc *doc = doc_new(strcmp(path, "-") ? path : "<stdin>", data, len, data, opts, err);
    if (!doc || tdm_doc_text(doc, NULL) != data) {
        free(data); /* else the file's bytes became the text */
        return doc;
    }
    struct stat st;
    if (strcmp(path, "-") && stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
        (uint64_t)st.st_size == len)
        doc->path = strdup(path); /* NULL (out of memory): the text is kept */
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
    free(doc->packed_sentences);
    free(doc->packed_paras);
    free(doc->name);
    free(doc->path);
    free(doc);
}

/* FNV-1a over 8-byte words (a change of the file, not an adversary). */
static uint64_t text_hash(const char *s, size_t len)
{
    uint64_t h = 0xcbf29ce484222325u, w;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0x100000001b3u;
    }
    for (; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
    return h;
}

/* Packs the sentence and paragraph arrays of doc into 32-bit offsets (12
 * and 16 bytes an entry, against 40 and 24) while its text is released: at
 * a million sentences a side they are a tenth of the alignment's peak of
 * memory. Leaves doc as it is when its text is 4 GiB or more or memory
 * runs out. */
static void pack_spans(tdm_doc *doc)
{
    if (doc->dec.len > UINT32_MAX)
        return;
    struct packed_sentence *ps = malloc((doc->sentence_count + 1) * sizeof *ps);
    struct packed_para *pp = malloc((doc->para_count + 1) * sizeof *pp);
    if (!ps || !pp) {
        free(ps);
        free(pp);
        return;
    }
    for (size_t i = 0; i < doc->sentence_count; i++) {
        const tdm_sentence *s = &doc->sentences[i];
        ps[i] = (struct packed_sentence){(uint32_t)s->start, (uint32_t)s->end, s->para};
    }
    for (size_t i = 0; i < doc->para_count; i++) {
        const tdm_para *p = &doc->paras[i];
        pp[i] = (struct packed_para){(uint32_t)p->start, (uint32_t)p->end, p->first_sentence,
                                     p->sentence_count};
    }
    free(doc->sentences);
    free(doc->paras);
    doc->sentences = NULL;
    doc->paras = NULL;
    doc->sentence_cap = 0;
    doc->packed_sentences = ps;
    doc->packed_paras = pp;
}

int tdm_doc_release_text(tdm_doc *doc)
{
    if (!doc->path || doc->released)
        return 0;
    doc->text_hash = text_hash(doc->dec.text, doc->dec.len);
    free(doc->dec.text);
    doc->dec.text = NULL;
    doc->released = 1;
    pack_spans(doc);
    return 1;
}

/* The arrays pack_spans packed, in new arrays (*sentences and *paras;
 * NULL when they were not packed). 0 or TDM_ENOMEM. */
static int unpacked_spans(const tdm_doc *doc, tdm_sentence **sentences, tdm_para **paras)
{
    *sentences = NULL;
    *paras = NULL;
    if (!doc->packed_sentences)
        return TDM_OK;
    *sentences = malloc((doc->sentence_count + 1) * sizeof **sentences);
    *paras = malloc((doc->para_count + 1) * sizeof **paras);
    if (!*sentences || !*paras) {
        free(*sentences);
        free(*paras);
        return TDM_ENOMEM;
    }
    for (size_t i = 0; i < doc->sentence_count; i++) {
        const struct packed_sentence *s = &doc->packed_sentences[i];
        (*sentences)[i] = (tdm_sentence){s->start, s->end, tdm_decoded_orig(&doc->dec, s->start),
                                         tdm_decoded_orig(&doc->dec, s->end), s->para};
    }
    for (size_t i = 0; i < doc->para_count; i++) {
        const struct packed_para *p = &doc->packed_paras[i];
        (*paras)[i] = (tdm_para){p->start, p->end, p->first_sentence, p->sentence_count};
    }
    return TDM_OK;
}

int tdm_doc_restore_text(tdm_doc *doc, tdm_error *err)
{
    if (!doc->released)
        return TDM_OK;
    char *data;
    size_t len;
    tdm_sentence *sentences;
    tdm_para *paras;
    if (unpacked_spans(doc, &sentences, &paras) != TDM_OK)
        return tdm_fail(err, TDM_ENOMEM, doc->name, -1, -1, "out of memory");
    int rc = tdm_read_input(doc->path, 0, &data, &len, err);
    if (rc == TDM_OK && (len != doc->dec.len || text_hash(data, len) != doc->text_hash)) {
        free(data);
        rc = tdm_fail(err, TDM_EINPUT, doc->name, -1, -1,
                      "the file changed while it was being aligned; run again");
    }
    if (rc != TDM_OK) {
        free(sentences);
        free(paras);
        return rc;
    }
    doc->dec.text = data;
    doc->released = 0;
    if (doc->packed_sentences) {
        doc->sentences = sentences;
        doc->paras = paras;
        doc->sentence_cap = doc->sentence_count;
        free(doc->packed_sentences);
        free(doc->packed_paras);
        doc->packed_sentences = NULL;
        doc->packed_paras = NULL;
    }
    return TDM_OK;
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

/* The first bytes of the white space tdm_space_len knows: ASCII white
 * space, C2 (U+0085, U+00A0), E1 (U+1680), E2 (U+2000-200A, U+2028/2029,
 * U+202F, U+205F), E3 (U+3000) and EF (U+FEFF). */
static const unsigned char white_lead[256] = {
    ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1,
    [0xC2] = 1, [0xE1] = 1, [0xE2] = 1, [0xE3] = 1, [0xEF] = 1,
};

/* The end of the longest run text[start, p) that collapsing white space
 * leaves as it is: every white space in it is a lone ' ' with a character
 * before it (in the run, or already written when written is nonzero) and
 * a character that starts no white space after it. */
static size_t plain_run(const char *text, size_t start, size_t end, int written)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t p = start; p < end; p++) {
        if (!white_lead[s[p]])
            continue;
        if (s[p] == ' ' && (p > start || written) && p + 1 < end && !white_lead[s[p + 1]])
            p++; /* the byte after the space is no white space either */
        else if (s[p] == ' ' || tdm_space_len(text + p, end - p))
            return p;
    }
    return end;
}

char *tdm_doc_sentence_dup(const tdm_doc *doc, size_t i, size_t *len)
{
    if (i >= doc->sentence_count || !doc->sentences || !doc->dec.text) /* released */
        return NULL;
    const tdm_sentence *s = &doc->sentences[i];
    const char *text = doc->dec.text;
    size_t pos = s->start, end = s->end, o = 0, k;
    char *out = malloc(end - pos + 1);
    if (!out)
        return NULL;
    /* Runs of white space become one ' ', except at the ends; the text
     * between is copied in runs. */
    while (pos < end) {
        size_t run = plain_run(text, pos, end, o > 0) - pos;
        memcpy(out + o, text + pos, run);
        o += run;
        pos += run;
        while (pos < end && (k = tdm_space_len(text + pos, end - pos)))
            pos += k;
        if (pos < end && o > 0)
            out[o++] = ' ';
    }
    out[o] = '\0';
    if (len)
        *len = o;
    return out;
}
