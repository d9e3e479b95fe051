/* Tests of reading documents: decoding, offsets, paragraphs, presplit. */
#include "test.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "base/fileio.h"
#include "text/offmap.h"
#include "tandem/segment.h"
#include "tandem/text.h"
#include "text/doc.h"

/* The seed story (always in the repository). */
static char *seed(const char *lang, size_t *len)
{
    char path[64], *data = NULL;
    tdm_error err;
    snprintf(path, sizeof path, "corpora/seed/%s.txt", lang);
    assert_int_equal(tdm_read_all(path, &data, len, &err), TDM_OK);
    return data;
}

/* s[0, n) converted with iconv(3) into a new buffer. */
static char *convert(const char *to, const char *from, const char *s, size_t n, size_t *out_len)
{
    iconv_t cd = iconv_open(to, from);
    assert_true(cd != (iconv_t)-1);
    size_t cap = n * 4 + 16, left = cap;
    char *out = malloc(cap), *in = (char *)s, *op = out;
    size_t inleft = n;
    assert_int_not_equal(iconv(cd, &in, &inleft, &op, &left), (size_t)-1);
    iconv_close(cd);
    *out_len = cap - left;
    return out;
}

static tdm_doc *doc_of(const void *data, size_t len, const tdm_read_opts *opts)
{
    tdm_error err;
    tdm_doc *doc = tdm_doc_from_buffer("test.txt", data, len, opts, &err);
    if (!doc)
        fail_msg("%s", err.message);
    return doc;
}

static tdm_doc *doc_str(const char *s, tdm_para_mode mode, int presplit)
{
    tdm_read_opts opts;
    tdm_read_opts_init(&opts);
    opts.paragraphs = mode;
    opts.presplit = presplit;
    return doc_of(s, strlen(s), &opts);
}

/* Paragraph i of doc as a new string. */
static char *para_text(const tdm_doc *doc, size_t i)
{
    const tdm_para *p = &tdm_doc_paras(doc)[i];
    const char *text = tdm_doc_text(doc, NULL);
    char *s = malloc(p->end - p->start + 1);
    memcpy(s, text + p->start, p->end - p->start);
    s[p->end - p->start] = '\0';
    return s;
}

static void assert_para(const tdm_doc *doc, size_t i, const char *expected)
{
    char *s = para_text(doc, i);
    assert_string_equal(s, expected);
    free(s);
}

/* Both documents have the same text and paragraphs. */
static void assert_same_doc(const tdm_doc *a, const tdm_doc *b)
{
    size_t la, lb;
    const char *ta = tdm_doc_text(a, &la), *tb = tdm_doc_text(b, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(ta, tb, la);
    assert_int_equal(tdm_doc_para_count(a), tdm_doc_para_count(b));
    for (size_t i = 0; i < tdm_doc_para_count(a); i++) {
        assert_int_equal(tdm_doc_paras(a)[i].start, tdm_doc_paras(b)[i].start);
        assert_int_equal(tdm_doc_paras(a)[i].end, tdm_doc_paras(b)[i].end);
    }
}

/* The original bytes of every paragraph, decoded from `encoding` (and put
 * in NFC, with CR removed), are the paragraph's text. */
static void assert_orig_spans(const tdm_doc *doc, const char *orig, const char *encoding)
{
    const char *text = tdm_doc_text(doc, NULL);
    for (size_t i = 0; i < tdm_doc_para_count(doc); i++) {
        const tdm_para *p = &tdm_doc_paras(doc)[i];
        size_t os = tdm_doc_orig_offset(doc, p->start), oe = tdm_doc_orig_offset(doc, p->end);
        assert_true(os < oe);
        size_t n;
        char *utf8 = convert("UTF-8", encoding, orig + os, oe - os, &n);
        size_t k = 0;
        for (size_t j = 0; j < n; j++)
            if (utf8[j] != '\r')
                utf8[k++] = utf8[j];
        utf8[k] = '\0';
        char *nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)utf8);
        assert_int_equal(strlen(nfc), p->end - p->start);
        assert_memory_equal(nfc, text + p->start, p->end - p->start);
        free(nfc);
        free(utf8);
    }
}

static void test_seed_paragraphs(void **state)
{
    (void)state;
    size_t len;
    char *es = seed("es", &len);
    tdm_doc *doc = doc_of(es, len, NULL);
    assert_string_equal(tdm_doc_encoding(doc), "UTF-8");
    assert_int_equal(tdm_doc_para_count(doc), 6);
    assert_para(doc, 0, "DeepSeek R2 Retrasado: Chips Huawei Obligan a Usar NVIDIA");
    const tdm_para *last = &tdm_doc_paras(doc)[5];
    assert_int_equal(last->end, len); /* no final newline in the file */
    assert_memory_equal(tdm_doc_text(doc, NULL) + last->start, "La situación", 13);
    assert_orig_spans(doc, es, "UTF-8");
    tdm_doc_free(doc);
    free(es);

    char *fr = seed("fr", &len);
    doc = doc_of(fr, len, NULL);
    assert_int_equal(tdm_doc_para_count(doc), 8);
    assert_para(doc, 0,
                "DeepSeek R2 Retardé : Problèmes de Puces Huawei Forcent l'Usage de NVIDIA");
    assert_para(doc, 1, "Insideainews");
    char *footer = para_text(doc, 7);
    assert_non_null(strstr(footer, "OmegaNext Actualités IA"));
    assert_int_equal(footer[0], 'D');
    free(footer);
    /* Spans exclude the blank lines around them. */
    for (size_t i = 0; i < 8; i++) {
        const tdm_para *p = &tdm_doc_paras(doc)[i];
        assert_int_not_equal(tdm_doc_text(doc, NULL)[p->start], '\n');
        assert_int_not_equal(tdm_doc_text(doc, NULL)[p->end - 1], '\n');
    }
    tdm_doc_free(doc);
    free(fr);
}

static void test_read_file(void **state)
{
    (void)state;
    tdm_error err;
    tdm_doc *doc = tdm_doc_read_file("corpora/seed/fr.txt", NULL, &err);
    assert_non_null(doc);
    assert_string_equal(tdm_doc_name(doc), "corpora/seed/fr.txt");
    assert_int_equal(tdm_doc_para_count(doc), 8);
    tdm_doc_free(doc);
    assert_null(tdm_doc_read_file("corpora/seed/missing.txt", NULL, &err));
    assert_int_equal(err.code, TDM_EIO);
    char shared[512];
    if (!test_shared_path(shared, sizeof shared, "seed/es.txt"))
        return;
    doc = tdm_doc_read_file(shared, NULL, &err);
    assert_non_null(doc);
    assert_int_equal(tdm_doc_para_count(doc), 6);
    tdm_doc_free(doc);
}

/* Writes data to a new temporary file whose name goes into path. */
static void write_temp(char *path, const char *data, size_t len)
{
    strcpy(path, "/tmp/tdm_text_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, len), (ssize_t)len);
    assert_int_equal(close(fd), 0);
}

/* A text that is its file's bytes can be released and read back; a file
 * changed in between is an error (the text stays released); a converted
 * text or a buffer is kept. */
static void test_release_text(void **state)
{
    (void)state;
    char path[64];
    tdm_error err;
    static const char text[] = "First sentence. Second one.\n\nA paragraph.\n";
    write_temp(path, text, strlen(text));
    tdm_doc *doc = tdm_doc_read_file(path, NULL, &err);
    assert_non_null(doc);
    assert_int_equal(tdm_doc_restore_text(doc, &err), 0); /* nothing released: a no-op */
    assert_int_equal(tdm_doc_segment(doc, NULL, &err), 0);
    size_t ns = tdm_doc_sentence_count(doc), np = tdm_doc_para_count(doc);
    assert_int_equal(ns, 3);
    tdm_sentence before[3];
    tdm_para para_before[2];
    memcpy(before, tdm_doc_sentences(doc), sizeof before);
    memcpy(para_before, tdm_doc_paras(doc), sizeof para_before);
    assert_int_equal(tdm_doc_release_text(doc), 1);
    assert_int_equal(tdm_doc_release_text(doc), 0);
    assert_null(tdm_doc_text(doc, NULL));
    /* the spans are packed meanwhile: the counts stay, the arrays are away */
    assert_int_equal(tdm_doc_para_count(doc), np);
    assert_int_equal(tdm_doc_sentence_count(doc), ns);
    assert_null(tdm_doc_sentences(doc));
    assert_null(tdm_doc_paras(doc));
    assert_null(tdm_doc_sentence_dup(doc, 0, NULL));
    assert_int_equal(tdm_doc_restore_text(doc, &err), 0);
    assert_string_equal(tdm_doc_text(doc, NULL), text);
    assert_para(doc, 1, "A paragraph.");
    const tdm_sentence *after = tdm_doc_sentences(doc);
    for (size_t i = 0; i < ns; i++) {
        assert_int_equal(after[i].start, before[i].start);
        assert_int_equal(after[i].end, before[i].end);
        assert_int_equal(after[i].orig_start, before[i].orig_start);
        assert_int_equal(after[i].orig_end, before[i].orig_end);
        assert_int_equal(after[i].para, before[i].para);
    }
    const tdm_para *para_after = tdm_doc_paras(doc);
    for (size_t i = 0; i < np; i++) {
        assert_int_equal(para_after[i].start, para_before[i].start);
        assert_int_equal(para_after[i].end, para_before[i].end);
        assert_int_equal(para_after[i].first_sentence, para_before[i].first_sentence);
        assert_int_equal(para_after[i].sentence_count, para_before[i].sentence_count);
    }
    char *dup = tdm_doc_sentence_dup(doc, 1, NULL);
    assert_string_equal(dup, "Second one.");
    free(dup);
    /* the same size, another byte: told by the hash */
    assert_int_equal(tdm_doc_release_text(doc), 1);
    char changed[sizeof text];
    memcpy(changed, text, sizeof text);
    changed[0] = 'f';
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fwrite(changed, 1, strlen(changed), f), strlen(changed));
    assert_int_equal(fclose(f), 0);
    assert_int_equal(tdm_doc_restore_text(doc, &err), TDM_EINPUT);
    assert_non_null(strstr(err.message, "changed"));
    assert_null(tdm_doc_text(doc, NULL));
    /* and a shorter file */
    f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fputs("First.\n", f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(tdm_doc_restore_text(doc, &err), TDM_EINPUT);
    unlink(path);
    assert_int_equal(tdm_doc_restore_text(doc, &err), TDM_EIO);
    tdm_doc_free(doc); /* released: freeing still works */
    /* converted (CRLF) and buffer texts are kept */
    write_temp(path, "with CRLF\r\n", 11);
    doc = tdm_doc_read_file(path, NULL, &err);
    assert_non_null(doc);
    assert_int_equal(tdm_doc_release_text(doc), 0);
    assert_string_equal(tdm_doc_text(doc, NULL), "with CRLF\n");
    tdm_doc_free(doc);
    unlink(path);
    doc = tdm_doc_from_buffer("buf", text, strlen(text), NULL, &err);
    assert_non_null(doc);
    assert_int_equal(tdm_doc_release_text(doc), 0);
    assert_non_null(tdm_doc_text(doc, NULL));
    tdm_doc_free(doc);
}

/* Files are read whole; a text needing no change keeps the file's buffer,
 * others get their own, and failures free whichever they hold. */
static void test_read_temp_files(void **state)
{
    (void)state;
    char path[64];
    tdm_error err;
    static const char *const texts[] = {"plain text\n\nsecond paragraph\n",
                                        "with CRLF\r\n\r\nsecond\r\n", "\xEF\xBB\xBFwith a BOM\n",
                                        "decomposed e\xCC\x81\n"};
    static const char *const first[] = {"plain text", "with CRLF", "with a BOM", "decomposed é"};
    for (size_t i = 0; i < 4; i++) {
        write_temp(path, texts[i], strlen(texts[i]));
        tdm_doc *doc = tdm_doc_read_file(path, NULL, &err);
        assert_non_null(doc);
        assert_para(doc, 0, first[i]);
        tdm_doc_free(doc);
        unlink(path);
    }
    char junk[300];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)(i % 2 ? 'x' : 0x1B);
    write_temp(path, junk, sizeof junk);
    assert_null(tdm_doc_read_file(path, NULL, &err));
    assert_int_equal(err.code, TDM_EBINARY);
    assert_string_equal(err.file, path);
    unlink(path);
    /* "-" is standard input. */
    write_temp(path, "Uno.\nDos.\n", 10);
    assert_non_null(freopen(path, "rb", stdin));
    tdm_doc *doc = tdm_doc_read_file("-", NULL, &err);
    assert_non_null(doc);
    assert_string_equal(tdm_doc_name(doc), "<stdin>");
    assert_int_equal(tdm_doc_para_count(doc), 2);
    tdm_doc_free(doc);
    unlink(path);
    write_temp(path, "caf\xC3", 4);
    assert_null(tdm_doc_read_file(path, NULL, &err));
    assert_int_equal(err.code, TDM_EINPUT);
    assert_int_equal(err.offset, 3);
    unlink(path);
}

static void test_latin1_and_utf16(void **state)
{
    (void)state;
    size_t len, n;
    char *es = seed("es", &len);
    tdm_doc *ref = doc_of(es, len, NULL);
    char *latin1 = convert("ISO-8859-1", "UTF-8", es, len, &n);
    tdm_doc *doc = doc_of(latin1, n, NULL);
    const char *enc = tdm_doc_encoding(doc);
    assert_true(strcmp(enc, "ISO-8859-1") == 0 || strcmp(enc, "WINDOWS-1252") == 0);
    assert_same_doc(ref, doc);
    assert_orig_spans(doc, latin1, "ISO-8859-1");
    tdm_doc_free(doc);
    free(latin1);
    tdm_doc_free(ref);
    free(es);

    char *fr = seed("fr", &len);
    ref = doc_of(fr, len, NULL);
    static const char *const wide[] = {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"};
    for (size_t w = 0; w < 4; w++) {
        char *body = convert(wide[w], "UTF-8", fr, len, &n);
        size_t bom;
        char *with_bom = convert(wide[w], "UTF-8", "\xEF\xBB\xBF", 3, &bom);
        with_bom = realloc(with_bom, bom + n);
        memcpy(with_bom + bom, body, n);
        doc = doc_of(with_bom, bom + n, NULL);
        assert_string_equal(tdm_doc_encoding(doc), wide[w]);
        assert_same_doc(ref, doc);
        assert_orig_spans(doc, with_bom, wide[w]);
        assert_int_equal(tdm_doc_orig_offset(doc, 0), bom);
        tdm_doc_free(doc);
        free(body);
        free(with_bom);
    }
    tdm_doc_free(ref);
    free(fr);
}

static void test_forced_encoding(void **state)
{
    (void)state;
    tdm_read_opts opts;
    tdm_read_opts_init(&opts);
    const char *bytes = "Z\xB3oty \xBF\xF3\xB3w\n"; /* "Złoty żółw" in ISO-8859-2 */
    opts.encoding = "ISO-8859-2";
    tdm_doc *doc = doc_of(bytes, strlen(bytes), &opts);
    assert_string_equal(tdm_doc_text(doc, NULL), "Złoty żółw\n");
    assert_string_equal(tdm_doc_encoding(doc), "ISO-8859-2");
    assert_int_equal(tdm_doc_orig_offset(doc, strlen("Złoty ż")), 7);
    tdm_doc_free(doc);
    opts.encoding = "ISO-8859-1";
    doc = doc_of(bytes, strlen(bytes), &opts);
    assert_string_equal(tdm_doc_text(doc, NULL), "Z³oty ¿ó³w\n");
    tdm_doc_free(doc);
    tdm_error err;
    opts.encoding = "UTF-8";
    assert_null(tdm_doc_from_buffer("x.txt", bytes, strlen(bytes), &opts, &err));
    assert_int_equal(err.code, TDM_EINPUT);
    assert_int_equal(err.offset, 1);
    assert_string_equal(err.file, "x.txt");
    opts.encoding = "NO-SUCH-ENCODING";
    assert_null(tdm_doc_from_buffer("x.txt", bytes, strlen(bytes), &opts, &err));
    assert_int_equal(err.code, TDM_EUSAGE);
    /* Bytes that the forced encoding does not have: error at their offset. */
    opts.encoding = "WINDOWS-1252";
    assert_null(tdm_doc_from_buffer("x.txt", "abc\x81z", 5, &opts, &err));
    assert_int_equal(err.code, TDM_EINPUT);
    assert_int_equal(err.offset, 3);
    assert_non_null(strstr(err.message, "cannot decode as WINDOWS-1252"));
    opts.lossy = 1;
    doc = doc_of("abc\x81z", 5, &opts);
    assert_string_equal(tdm_doc_text(doc, NULL), "abc\xEF\xBF\xBDz");
    assert_int_equal(tdm_doc_replaced(doc), 1);
    assert_int_equal(tdm_doc_orig_offset(doc, 6), 4);
    tdm_doc_free(doc);
}

static void test_bad_utf8(void **state)
{
    (void)state;
    size_t len;
    char *es = seed("es", &len);
    char *cut = malloc(len + 1);
    memcpy(cut, es, len);
    cut[len] = '\xC3'; /* the first byte of "é", then the end */
    tdm_error err;
    assert_null(tdm_doc_from_buffer("es.txt", cut, len + 1, NULL, &err));
    assert_int_equal(err.code, TDM_EINPUT);
    assert_int_equal(err.offset, (long long)len);
    char msg[1024];
    tdm_error_format(&err, msg, sizeof msg);
    assert_non_null(strstr(msg, "es.txt: byte"));
    assert_non_null(strstr(msg, "UTF-8"));
    /* A bad byte inside a UTF-8 text is reported, not read as Latin-1. */
    cut[100] = '\xE9';
    assert_null(tdm_doc_from_buffer("es.txt", cut, len, NULL, &err));
    assert_int_equal(err.code, TDM_EINPUT);
    assert_int_equal(err.offset, 100);
    free(cut);
    free(es);
    /* Truncated in the middle of a short text. */
    assert_null(tdm_doc_from_buffer("t", "año \xE2\x80 x", 9, NULL, &err));
    assert_int_equal(err.code, TDM_EINPUT);
    assert_int_equal(err.offset, 5);
}

static void test_lossy(void **state)
{
    (void)state;
    tdm_read_opts opts;
    tdm_read_opts_init(&opts);
    opts.lossy = 1;
    /* Two bad sequences (a lone continuation byte, a truncated 3-byte
     * sequence) in a text with enough good ones to count as UTF-8. */
    const char in[] = "él está \x80 aquí, \xE2\x82 sí.";
    tdm_doc *doc = doc_of(in, sizeof in - 1, &opts);
    assert_int_equal(tdm_doc_replaced(doc), 2);
    assert_string_equal(tdm_doc_text(doc, NULL), "él está \xEF\xBF\xBD aquí, \xEF\xBF\xBD sí.");
    size_t after = strlen("él está \xEF\xBF\xBD aquí, \xEF\xBF\xBD ");
    assert_int_equal(tdm_doc_orig_offset(doc, after), strlen("él está \x80 aquí, \xE2\x82 "));
    assert_int_equal(tdm_doc_orig_offset(doc, strlen("él está ")), strlen("él está "));
    tdm_doc_free(doc);
}

static void test_binary_and_empty(void **state)
{
    (void)state;
    tdm_error err;
    assert_null(tdm_doc_from_buffer("b", "text\0more", 9, NULL, &err));
    assert_int_equal(err.code, TDM_EBINARY);
    assert_int_equal(err.offset, 4);
    assert_string_equal(err.message, "binary file");
    char junk[400];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)(i % 3 ? 'a' + i % 26 : 1 + i % 7);
    assert_null(tdm_doc_from_buffer("b", junk, sizeof junk, NULL, &err));
    assert_int_equal(err.code, TDM_EBINARY);
    /* Tabs and form feeds are text. */
    tdm_doc *doc = doc_of("a\tb\fc\n", 6, NULL);
    tdm_doc_free(doc);
    doc = doc_of("", 0, NULL);
    assert_int_equal(tdm_doc_para_count(doc), 0);
    assert_int_equal(tdm_doc_segment(doc, NULL, &err), TDM_OK);
    assert_int_equal(tdm_doc_sentence_count(doc), 0);
    size_t len = 99;
    assert_string_equal(tdm_doc_text(doc, &len), "");
    assert_int_equal(len, 0);
    tdm_doc_free(doc);
    doc = doc_of(NULL, 0, NULL);
    assert_int_equal(tdm_doc_para_count(doc), 0);
    tdm_doc_free(doc);
    doc = doc_of(" \n\n \t\n", 6, NULL);
    assert_int_equal(tdm_doc_para_count(doc), 0);
    tdm_doc_free(doc);
}

static void test_crlf(void **state)
{
    (void)state;
    size_t len;
    char *fr = seed("fr", &len);
    tdm_doc *ref = doc_of(fr, len, NULL);
    char *crlf = malloc(2 * len), *cr = malloc(len);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (fr[i] == '\n')
            crlf[n++] = '\r';
        crlf[n++] = fr[i];
        cr[i] = fr[i] == '\n' ? '\r' : fr[i];
    }
    tdm_doc *doc = doc_of(crlf, n, NULL);
    assert_same_doc(ref, doc);
    assert_orig_spans(doc, crlf, "UTF-8");
    tdm_doc_free(doc);
    doc = doc_of(cr, len, NULL);
    assert_same_doc(ref, doc);
    assert_orig_spans(doc, cr, "UTF-8");
    tdm_doc_free(doc);
    tdm_doc_free(ref);
    free(crlf);
    free(cr);
    free(fr);
}

static void test_nfd(void **state)
{
    (void)state;
    size_t len;
    char *fr = seed("fr", &len);
    tdm_doc *ref = doc_of(fr, len, NULL);
    char *nfd = (char *)utf8proc_NFD((const utf8proc_uint8_t *)fr);
    assert_true(strlen(nfd) > len); /* the story has accents */
    tdm_doc *doc = doc_of(nfd, strlen(nfd), NULL);
    assert_same_doc(ref, doc);
    assert_orig_spans(doc, nfd, "UTF-8");
    /* "Retardé" ends at the same original byte as its NFD form. */
    const char *word = "DeepSeek R2 Retardé";
    assert_int_equal(tdm_doc_orig_offset(doc, strlen(word)), strlen(word) + 1);
    tdm_doc_free(doc);
    /* U+2ADC FORKING is a composition exclusion: NFC decomposes it. */
    doc = doc_of("a\xE2\xAB\x9C", 4, NULL);
    assert_string_equal(tdm_doc_text(doc, NULL), "a\xE2\xAB\x9D\xCC\xB8");
    tdm_doc_free(doc);
    /* Singletons change too: U+212B ANGSTROM SIGN is U+00C5 in NFC. */
    doc = doc_of("x \xE2\x84\xAB y", 7, NULL);
    assert_string_equal(tdm_doc_text(doc, NULL), "x \xC3\x85 y");
    assert_int_equal(tdm_doc_orig_offset(doc, 4), 5);
    tdm_doc_free(doc);
    tdm_doc_free(ref);
    free(nfd);
    free(fr);
}

static void test_p_lines(void **state)
{
    (void)state;
    const char *s = "One. Two.\n <P> \nThree.\nFour.\n<p>\n\n<p>\nFive.\n";
    tdm_doc *doc = doc_str(s, TDM_PARA_BLANK, 0);
    assert_int_equal(tdm_doc_para_count(doc), 3);
    assert_para(doc, 1, "Three.\nFour.");
    tdm_doc_free(doc);
    doc = doc_str(s, TDM_PARA_LINE, 0);
    assert_int_equal(tdm_doc_para_count(doc), 4);
    tdm_doc_free(doc);
    doc = doc_str(s, TDM_PARA_AUTO, 0);
    assert_int_equal(tdm_doc_para_count(doc), 3);
    tdm_doc_free(doc);
    doc = doc_str(s, TDM_PARA_NONE, 0);
    assert_int_equal(tdm_doc_para_count(doc), 1);
    tdm_error err;
    assert_int_equal(tdm_doc_segment(doc, NULL, &err), TDM_OK);
    size_t count = tdm_doc_sentence_count(doc);
    assert_true(count >= 4);
    for (size_t i = 0; i < count; i++) {
        char *sent = tdm_doc_sentence_dup(doc, i, NULL);
        assert_null(strstr(sent, "<p>"));
        assert_null(strstr(sent, "<P>"));
        free(sent);
    }
    assert_int_equal(tdm_doc_paras(doc)[0].sentence_count, count);
    tdm_doc_free(doc);
    /* "<p>" inside a line is text. */
    doc = doc_str("a <p> b\n", TDM_PARA_AUTO, 0);
    assert_int_equal(tdm_doc_para_count(doc), 1);
    assert_para(doc, 0, "a <p> b");
    tdm_doc_free(doc);
}

static void test_presplit(void **state)
{
    (void)state;
    const char *s = "First one.\n  Second one.  \n\n\nThird.\n<p>\nFourth.";
    tdm_doc *doc = doc_str(s, TDM_PARA_AUTO, 1);
    assert_true(tdm_doc_presplit(doc));
    assert_int_equal(tdm_doc_sentence_count(doc), 4);
    assert_int_equal(tdm_doc_para_count(doc), 3);
    const tdm_sentence *st = tdm_doc_sentences(doc);
    char *one = tdm_doc_sentence_dup(doc, 1, NULL);
    assert_string_equal(one, "Second one.");
    free(one);
    assert_int_equal(st[2].para, 1);
    assert_int_equal(st[3].para, 2);
    assert_int_equal(st[1].orig_start, 13);
    assert_int_equal(tdm_doc_paras(doc)[0].sentence_count, 2);
    assert_int_equal(tdm_doc_paras(doc)[2].first_sentence, 3);
    tdm_error err;
    assert_int_equal(tdm_doc_segment(doc, NULL, &err), TDM_OK); /* a no-op */
    assert_int_equal(tdm_doc_sentence_count(doc), 4);
    tdm_doc_free(doc);
    doc = doc_str(s, TDM_PARA_NONE, 1);
    assert_int_equal(tdm_doc_para_count(doc), 1);
    assert_int_equal(tdm_doc_sentence_count(doc), 4);
    tdm_doc_free(doc);
    doc = doc_str(s, TDM_PARA_LINE, 1);
    assert_int_equal(tdm_doc_para_count(doc), 4);
    tdm_doc_free(doc);
}

/* The paragraphs of ref hard-wrapped, two lines of three at most narrow
 * columns and the third at most width (as if wrapped by hand, not filled
 * greedily), blank lines between paragraphs. */
static char *wrap(const tdm_doc *ref, size_t width, size_t narrow)
{
    size_t len;
    tdm_doc_text(ref, &len);
    char *out = malloc(2 * len + 16);
    size_t o = 0;
    for (size_t i = 0; i < tdm_doc_para_count(ref); i++) {
        char *p = para_text(ref, i);
        size_t col = 0, line = 0;
        for (char *w = strtok(p, " "); w; w = strtok(NULL, " ")) {
            size_t wl = strlen(w);
            if (col && col + 1 + wl > (line % 3 ? narrow : width)) {
                out[o++] = '\n';
                col = 0;
                line++;
            } else if (col) {
                out[o++] = ' ';
                col++;
            }
            memcpy(out + o, w, wl);
            o += wl;
            col += wl;
        }
        memcpy(out + o, "\n\n", 2);
        o += 2;
        free(p);
    }
    out[o] = '\0';
    return out;
}

static void test_auto_rule(void **state)
{
    (void)state;
    size_t len;
    char *fr = seed("fr", &len);
    tdm_doc *ref = doc_of(fr, len, NULL);
    for (size_t narrow = 62; narrow <= 70; narrow += 8) {
        char *wrapped = wrap(ref, 70, narrow);
        tdm_doc *doc = doc_str(wrapped, TDM_PARA_AUTO, 0);
        assert_int_equal(tdm_doc_para_count(doc), 8);
        tdm_doc_free(doc);
        free(wrapped);
    }
    char *wrapped = wrap(ref, 70, 70);
    tdm_doc *doc = doc_str(wrapped, TDM_PARA_AUTO, 0);
    assert_int_equal(tdm_doc_para_count(doc), 8);
    for (size_t i = 0; i < 8; i++) {
        char *p = para_text(doc, i), *q = para_text(ref, i);
        for (char *c = p; *c; c++)
            if (*c == '\n')
                *c = ' ';
        assert_string_equal(p, q);
        free(p);
        free(q);
    }
    tdm_doc_free(doc);
    /* The same file read line by line has many more paragraphs. */
    doc = doc_str(wrapped, TDM_PARA_LINE, 0);
    assert_true(tdm_doc_para_count(doc) > 30);
    tdm_doc_free(doc);
    free(wrapped);
    tdm_doc_free(ref);
    free(fr);

    /* One paragraph per line with an occasional blank line: still LINE. */
    char *es = seed("es", &len);
    char *gap = malloc(len + 2);
    char *second = strchr(es, '\n') + 1;
    size_t head = (size_t)(strchr(second, '\n') + 1 - es);
    memcpy(gap, es, head);
    gap[head] = '\n';
    memcpy(gap + head + 1, es + head, len - head);
    doc = doc_of(gap, len + 1, NULL);
    assert_int_equal(tdm_doc_para_count(doc), 6);
    tdm_doc_free(doc);
    free(gap);
    free(es);

    /* Short dialogue lines with a blank line between scenes: LINE. */
    doc = doc_str("— Oui, dit-il.\n— Vraiment ?\n— Non. Jamais de la vie, voyons.\n\n"
                  "Le lendemain, il partit.\n— Adieu !\n— À bientôt, mon ami.\n",
                  TDM_PARA_AUTO, 0);
    assert_int_equal(tdm_doc_para_count(doc), 6);
    tdm_doc_free(doc);
}

static void test_segment_and_dup(void **state)
{
    (void)state;
    tdm_error err;
    tdm_doc *doc = doc_str("Hello  there.\n  How are\tyou?\n\nFine.\n", TDM_PARA_BLANK, 0);
    assert_int_equal(tdm_doc_segment(doc, NULL, &err), TDM_OK);
    assert_int_equal(tdm_doc_sentence_count(doc), 3);
    size_t n;
    char *s = tdm_doc_sentence_dup(doc, 1, &n);
    assert_string_equal(s, "How are you?");
    assert_int_equal(n, 12);
    free(s);
    s = tdm_doc_sentence_dup(doc, 0, NULL);
    assert_string_equal(s, "Hello there.");
    free(s);
    assert_null(tdm_doc_sentence_dup(doc, 3, NULL));
    tdm_doc_free(doc);
    /* Any white space collapses, whatever its width; other characters
     * that share its first byte (the ’ of E2 80 99) are text. */
    doc = doc_str("Un\xC2\xA0"
                  "deux  trois\ttroisi\xC3\xA8me l\xE2\x80\x99\xC3\xA9t\xC3\xA9 "
                  "\xE2\x80\x83 fin \xC2\xAB\xE2\x80\xAF"
                  "a\xE3\x80\x80"
                  "b\xEF\xBB\xBF"
                  "c.",
                  TDM_PARA_LINE, 0);
    assert_int_equal(tdm_doc_segment(doc, NULL, &err), TDM_OK);
    assert_int_equal(tdm_doc_sentence_count(doc), 1);
    s = tdm_doc_sentence_dup(doc, 0, &n);
    assert_string_equal(s, "Un deux trois troisi\xC3\xA8me l\xE2\x80\x99\xC3\xA9t\xC3\xA9 fin "
                           "\xC2\xAB a b c.");
    assert_int_equal(n, strlen(s));
    free(s);
    tdm_doc_free(doc);
    doc = doc_str("Hello  there.\n  How are\tyou?\n\nFine.\n", TDM_PARA_BLANK, 0);
    assert_int_equal(tdm_doc_segment(doc, NULL, &err), TDM_OK);
    const tdm_para *p = tdm_doc_paras(doc);
    assert_int_equal(p[0].first_sentence, 0);
    assert_int_equal(p[0].sentence_count, 2);
    assert_int_equal(p[1].first_sentence, 2);
    assert_int_equal(tdm_doc_sentences(doc)[2].para, 1);
    /* Segmenting again replaces the sentences. */
    assert_int_equal(tdm_doc_segment(doc, NULL, &err), TDM_OK);
    assert_int_equal(tdm_doc_sentence_count(doc), 3);
    tdm_doc_free(doc);

    /* Sentences of a Latin-1 file know their original bytes. */
    size_t len, l1;
    char *es = seed("es", &len);
    char *latin1 = convert("ISO-8859-1", "UTF-8", es, len, &l1);
    doc = doc_of(latin1, l1, NULL);
    assert_int_equal(tdm_doc_segment(doc, NULL, &err), TDM_OK);
    assert_true(tdm_doc_sentence_count(doc) > 6);
    const char *text = tdm_doc_text(doc, NULL);
    for (size_t i = 0; i < tdm_doc_sentence_count(doc); i++) {
        const tdm_sentence *st = &tdm_doc_sentences(doc)[i];
        char *u = convert("UTF-8", "ISO-8859-1", latin1 + st->orig_start,
                          st->orig_end - st->orig_start, &n);
        assert_int_equal(n, st->end - st->start);
        assert_memory_equal(u, text + st->start, n);
        free(u);
    }
    tdm_doc_free(doc);
    free(latin1);
    free(es);
}

static void test_offmap(void **state)
{
    (void)state;
    tdm_offmap m = {0};
    assert_int_equal(tdm_offmap_apply(&m, 7), 7); /* empty: identity */
    /* "aé b" read from ISO-8859-1: 1:1, then 2 text bytes for 1, then 1:1. */
    assert_int_equal(tdm_offmap_add(&m, 0, 0, 1, 1), 0);
    assert_int_equal(tdm_offmap_add(&m, 1, 1, 1, 1), 0); /* predicted: merged */
    assert_int_equal(tdm_offmap_add(&m, 1, 1, 2, 1), 0); /* same start: replaced */
    assert_int_equal(tdm_offmap_add(&m, 3, 2, 1, 1), 0);
    assert_int_equal(tdm_offmap_add(&m, 4, 3, 1, 1), 0);
    assert_int_equal(m.count, 3);
    assert_int_equal(tdm_offmap_apply(&m, 0), 0);
    assert_int_equal(tdm_offmap_apply(&m, 1), 1);
    assert_int_equal(tdm_offmap_apply(&m, 2), 2); /* inside "é": clamped to its end */
    assert_int_equal(tdm_offmap_apply(&m, 3), 2);
    assert_int_equal(tdm_offmap_apply(&m, 5), 4);
    /* Runs of two-byte characters from UTF-16 ASCII stay one run. */
    tdm_offmap w = {0};
    for (size_t i = 0; i < 100; i++)
        assert_int_equal(tdm_offmap_add(&w, i, 2 + 2 * i, 1, 2), 0);
    assert_int_equal(w.count, 1);
    assert_int_equal(tdm_offmap_apply(&w, 50), 102);
    tdm_offmap_free(&m);
    tdm_offmap_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_paragraphs),
        cmocka_unit_test(test_read_file),
        cmocka_unit_test(test_read_temp_files),
        cmocka_unit_test(test_latin1_and_utf16),
        cmocka_unit_test(test_forced_encoding),
        cmocka_unit_test(test_bad_utf8),
        cmocka_unit_test(test_lossy),
        cmocka_unit_test(test_binary_and_empty),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_nfd),
        cmocka_unit_test(test_p_lines),
        cmocka_unit_test(test_presplit),
        cmocka_unit_test(test_auto_rule),
        cmocka_unit_test(test_segment_and_dup),
        cmocka_unit_test(test_offmap),
        cmocka_unit_test(test_release_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
