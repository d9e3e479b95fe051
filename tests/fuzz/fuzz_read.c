/*
 * fuzz_read.c: reading arbitrary bytes as a document, then paragraphs,
 * sentences (language-neutral splitter), tokens and folded tokens.
 *
 * The first byte picks the options (paragraph mode, presplit, lossy, a
 * forced encoding) and the whole input is the file. Besides the
 * sanitizers, invariants abort: a failure has a known code and an offset
 * inside the input; the text is NUL-terminated well-formed UTF-8 without
 * CR; paragraphs and sentences are ordered, nested and non-empty; original
 * offsets never decrease and stay inside the input. Built with -DFUZZ_MAIN
 * it is a replay program over the files named on its command line; with
 * -fsanitize=fuzzer, a libFuzzer target.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "tandem/text.h"
#include "text/token.h"
#include "text/doc.h"

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz_read: check failed: %s (line %d)\n", #cond, __LINE__);           \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static void check_text(const tdm_doc *doc, size_t size)
{
    size_t len;
    const char *text = tdm_doc_text(doc, &len);
    CHECK(text[len] == '\0');
    size_t i = 0, last = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &cp);
        CHECK(k > 0 && cp != '\r');
        size_t orig = tdm_doc_orig_offset(doc, i);
        CHECK(orig >= last && orig <= size);
        last = orig;
        i += (size_t)k;
    }
    CHECK(tdm_doc_orig_offset(doc, len) >= last && tdm_doc_orig_offset(doc, len) <= size);
    const tdm_para *p = tdm_doc_paras(doc);
    for (size_t j = 0; j < tdm_doc_para_count(doc); j++) {
        CHECK(p[j].start < p[j].end && p[j].end <= len);
        CHECK(j == 0 || p[j].start > p[j - 1].end);
    }
}

static void check_sentences(const tdm_doc *doc, size_t size)
{
    const char *text = tdm_doc_text(doc, NULL);
    const tdm_para *p = tdm_doc_paras(doc);
    const tdm_sentence *s = tdm_doc_sentences(doc);
    tdm_token tokens[256];
    char folded[256];
    for (size_t i = 0; i < tdm_doc_sentence_count(doc); i++) {
        CHECK(s[i].para < tdm_doc_para_count(doc));
        const tdm_para *q = &p[s[i].para];
        CHECK(i >= q->first_sentence && i < q->first_sentence + q->sentence_count);
        CHECK(s[i].start < s[i].end && s[i].start >= q->start && s[i].end <= q->end);
        CHECK(i == 0 || s[i].start >= s[i - 1].end);
        CHECK(s[i].orig_start <= s[i].orig_end && s[i].orig_end <= size);
        CHECK(i == 0 || s[i].orig_start >= s[i - 1].orig_end);
        size_t n;
        char *dup = tdm_doc_sentence_dup(doc, i, &n);
        if (dup) {
            CHECK(strlen(dup) == n && n <= s[i].end - s[i].start);
            CHECK(n == 0 || (dup[0] != ' ' && dup[n - 1] != ' '));
            free(dup);
        }
        const char *str = text + s[i].start;
        size_t count = tdm_tokenize(str, s[i].end - s[i].start, tokens, 256);
        for (size_t t = 0; t < count && t < 256; t++) {
            CHECK(tokens[t].len > 0 && tokens[t].start + tokens[t].len <= s[i].end - s[i].start);
            CHECK(t == 0 || tokens[t].start >= tokens[t - 1].start + tokens[t - 1].len);
            size_t need = tdm_fold(str + tokens[t].start, tokens[t].len,
                                   TDM_FOLD_CASE | TDM_FOLD_ACCENTS, folded, sizeof folded);
            if (need < sizeof folded)
                CHECK(strlen(folded) == need);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const encodings[] = {NULL, NULL, "ISO-8859-1", "UTF-16LE"};
    tdm_read_opts opts;
    tdm_read_opts_init(&opts);
    if (size) {
        opts.paragraphs = (tdm_para_mode)(data[0] & 3);
        opts.presplit = (data[0] >> 2) & 1;
        opts.lossy = (data[0] >> 3) & 1;
        opts.encoding = encodings[(data[0] >> 4) & 3];
    }
    tdm_error err;
    tdm_doc *doc = tdm_doc_from_buffer("fuzz", data, size, &opts, &err);
    if (!doc) {
        CHECK(err.code == TDM_EINPUT || err.code == TDM_EBINARY || err.code == TDM_ENOMEM);
        CHECK(err.offset >= -1 && err.offset <= (long long)size);
        CHECK(err.message[0] != '\0');
        return 0;
    }
    check_text(doc, size);
    if (tdm_doc_segment(doc, NULL, &err) == TDM_OK)
        check_sentences(doc, size);
    tdm_doc_free(doc);
    return 0;
}

#include "replay.h"
