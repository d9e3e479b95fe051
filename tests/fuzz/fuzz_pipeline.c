/*
 * fuzz_pipeline.c: the whole align pipeline on two texts made from the
 * input, written in every format that goes to a stream.
 *
 * The input's first byte chooses the options (paragraph mode, presplit,
 * lossy decoding, max bead, paragraphs first, the language pair among
 * es-fr, de-fr, en-fr and none); the rest is cut at its first form feed
 * (else in the middle) into the source and target files. Each side is
 * decoded, segmented with the models of its language and aligned with the
 * pair's model (loaded once per pair); then the alignment is written as
 * text, tsv, beads, ladder, tmx, jsonl and html into memory, and as moses
 * into two files, and:
 *   - every sentence of both sides is in exactly one bead, in order;
 *   - the TMX is well-formed XML (xml_well_formed below: tags nest and
 *     close, attributes are quoted, every '&' is a known entity or a
 *     character reference to an XML character, no raw '<' or forbidden
 *     control character in text, valid UTF-8);
 *   - the HTML escapes all text: every '<' opens one of the tags the review
 *     page writes, every '&' is an entity;
 *   - every JSONL line is one valid JSON value (json_value below).
   - moses (tdm_write_moses, two files under a temporary directory): both
 *     files appear, line-parallel with as many lines as the tsv, valid
 *     UTF-8 without NUL, and no temporary is left beside them.
 * A violation aborts. Built with -DFUZZ_MAIN it replays the files named on its command
 * line (make check); with -fsanitize=fuzzer it is a libFuzzer target.
 * Models come from TANDEM_MODELS, else models/ (run from the repository).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/json.h"
#include "corpus/format.h" /* tdm_moses_paths */
#include "tandem/align.h"
#include "tandem/format.h"
#include "tandem/segment.h"
#include "tandem/text.h"

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz_pipeline: check failed: %s (line %d)\n", #cond, __LINE__);       \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* ---- a small XML well-formedness check (enough for TMX) ---------------- */

/* Length of the valid UTF-8 sequence at s (n bytes left, n > 0) with its
 * code point in *cp; 0 if invalid. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    size_t k = s[0] < 0x80             ? 1
               : (s[0] & 0xE0) == 0xC0 ? 2
               : (s[0] & 0xF0) == 0xE0 ? 3
               : (s[0] & 0xF8) == 0xF0 ? 4
                                       : 0;
    if (!k || k > n)
        return 0;
    uint32_t c = k == 1 ? s[0] : (uint32_t)(s[0] & (0x7F >> k));
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = c << 6 | (s[i] & 0x3F);
    }
    static const uint32_t least[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < least[k] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return k;
}

/* Length of the UTF-8 character at s if it is an XML 1.0 character, else 0. */
static size_t xml_char(const unsigned char *s, size_t n)
{
    uint32_t cp;
    size_t k = utf8_decode(s, n, &cp);
    int ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
             (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
    return k && ok ? k : 0;
}

/* An entity or character reference at s ('&'): its length, 0 if bad. */
static size_t xml_ref(const char *s, size_t n)
{
    static const char *const named[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
    for (size_t k = 0; k < 5; k++)
        if (n >= strlen(named[k]) && !memcmp(s, named[k], strlen(named[k])))
            return strlen(named[k]);
    if (n < 4 || s[1] != '#')
        return 0;
    size_t i = 2;
    int hex = s[i] == 'x';
    i += (size_t)hex;
    unsigned long cp = 0;
    size_t digits = 0;
    while (i < n && s[i] != ';') {
        char c = s[i];
        int d = c >= '0' && c <= '9'          ? c - '0'
                : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                              : -1;
        if (d < 0 || ++digits > 7)
            return 0;
        cp = cp * (hex ? 16 : 10) + (unsigned long)d;
        i++;
    }
    if (i == n || !digits)
        return 0;
    int ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
             (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    return ok ? i + 1 : 0;
}

static int name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == ':' || c == '.';
}

/* Character data or an attribute value up to a stop byte: 0 ok, -1 bad. */
static int xml_text(const char *s, size_t n, size_t *i, char stop)
{
    while (*i < n && s[*i] != stop) {
        if (s[*i] == '<')
            return -1;
        if (s[*i] == '&') {
            size_t k = xml_ref(s + *i, n - *i);
            if (!k)
                return -1;
            *i += k;
            continue;
        }
        size_t k = xml_char((const unsigned char *)s + *i, n - *i);
        if (!k)
            return -1;
        *i += k;
    }
    return 0;
}

/* 1 when doc[0, n) is a well-formed XML document (prolog, an optional
 * DOCTYPE without internal subset, one root element). */
static int xml_well_formed(const char *s, size_t n)
{
    char stack[64][32];
    int depth = 0, roots = 0;
    size_t i = 0;
    while (i < n) {
        if (s[i] != '<') {
            size_t at = i;
            if (xml_text(s, n, &i, '<') != 0)
                return 0;
            for (size_t k = at; depth == 0 && k < i; k++)
                if (!strchr(" \t\r\n", s[k]))
                    return 0; /* text outside the root */
            continue;
        }
        if (n - i >= 2 && (s[i + 1] == '?' || s[i + 1] == '!')) {
            const char *end = strstr(s + i, ">"); /* prolog, DOCTYPE, comment */
            if (!end || (size_t)(end - s) >= n || depth > 0)
                return 0;
            i = (size_t)(end - s) + 1;
            continue;
        }
        int closing = n - i >= 2 && s[i + 1] == '/';
        i += 1 + (size_t)closing;
        size_t a = i;
        while (i < n && name_char(s[i]))
            i++;
        size_t len = i - a;
        if (len == 0 || len >= 32)
            return 0;
        if (closing) {
            if (depth == 0 || strlen(stack[depth - 1]) != len ||
                memcmp(stack[depth - 1], s + a, len))
                return 0;
            depth--;
            while (i < n && strchr(" \t\r\n", s[i]))
                i++;
            if (i == n || s[i] != '>')
                return 0;
            i++;
            continue;
        }
        for (;;) { /* attributes */
            while (i < n && strchr(" \t\r\n", s[i]))
                i++;
            if (i < n && (s[i] == '>' || s[i] == '/'))
                break;
            size_t b = i;
            while (i < n && name_char(s[i]))
                i++;
            if (i == b || i + 1 >= n || s[i] != '=' || (s[i + 1] != '"' && s[i + 1] != '\''))
                return 0;
            char q = s[i + 1];
            i += 2;
            if (xml_text(s, n, &i, q) != 0 || i == n)
                return 0;
            i++;
        }
        int empty = s[i] == '/';
        i += (size_t)empty;
        if (i == n || s[i] != '>')
            return 0;
        i++;
        if (depth == 0 && ++roots > 1)
            return 0;
        if (!empty) {
            if (depth == 64)
                return 0;
            memcpy(stack[depth], s + a, len);
            stack[depth][len] = '\0';
            depth++;
        }
    }
    return depth == 0 && roots == 1;
}

/* ---- a strict JSON value check ------------------------------------------ */

static void json_space(const char *s, size_t n, size_t *i)
{
    while (*i < n && strchr(" \t\r\n", s[*i]) && s[*i])
        (*i)++;
}

static int json_value(const char *s, size_t n, size_t *i, int depth);

static int json_string(const char *s, size_t n, size_t *i)
{
    if (*i >= n || s[*i] != '"')
        return -1;
    (*i)++;
    while (*i < n && s[*i] != '"') {
        unsigned char c = (unsigned char)s[*i];
        if (c < 0x20)
            return -1;
        if (c == '\\') {
            if (++*i >= n)
                return -1;
            if (s[*i] == 'u') {
                for (int k = 1; k <= 4; k++)
                    if (*i + (size_t)k >= n || !strchr("0123456789abcdefABCDEF", s[*i + k]) ||
                        !s[*i + k])
                        return -1;
                *i += 5;
            } else if (s[*i] && strchr("\"\\/bfnrt", s[*i])) {
                (*i)++;
            } else {
                return -1;
            }
            continue;
        }
        uint32_t cp;
        size_t k = utf8_decode((const unsigned char *)s + *i, n - *i, &cp);
        if (!k)
            return -1;
        *i += k;
    }
    if (*i >= n)
        return -1;
    (*i)++;
    return 0;
}

static int json_number(const char *s, size_t n, size_t *i)
{
    size_t a = *i;
    if (*i < n && s[*i] == '-')
        (*i)++;
    if (*i >= n || s[*i] < '0' || s[*i] > '9')
        return -1;
    if (s[*i] == '0')
        (*i)++;
    else
        while (*i < n && s[*i] >= '0' && s[*i] <= '9')
            (*i)++;
    if (*i < n && s[*i] == '.') {
        (*i)++;
        size_t d = *i;
        while (*i < n && s[*i] >= '0' && s[*i] <= '9')
            (*i)++;
        if (*i == d)
            return -1;
    }
    if (*i < n && (s[*i] == 'e' || s[*i] == 'E')) {
        (*i)++;
        if (*i < n && (s[*i] == '+' || s[*i] == '-'))
            (*i)++;
        size_t d = *i;
        while (*i < n && s[*i] >= '0' && s[*i] <= '9')
            (*i)++;
        if (*i == d)
            return -1;
    }
    return *i > a ? 0 : -1;
}

static int json_value(const char *s, size_t n, size_t *i, int depth)
{
    json_space(s, n, i);
    if (*i >= n || depth > 32)
        return -1;
    char c = s[*i];
    if (c == '"')
        return json_string(s, n, i);
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        (*i)++;
        json_space(s, n, i);
        if (*i < n && s[*i] == close) {
            (*i)++;
            return 0;
        }
        for (;;) {
            if (c == '{') {
                json_space(s, n, i);
                if (json_string(s, n, i) != 0)
                    return -1;
                json_space(s, n, i);
                if (*i >= n || s[*i] != ':')
                    return -1;
                (*i)++;
            }
            if (json_value(s, n, i, depth + 1) != 0)
                return -1;
            json_space(s, n, i);
            if (*i < n && s[*i] == ',') {
                (*i)++;
                continue;
            }
            if (*i < n && s[*i] == close) {
                (*i)++;
                return 0;
            }
            return -1;
        }
    }
    static const char *const words[] = {"true", "false", "null"};
    for (int k = 0; k < 3; k++)
        if (n - *i >= strlen(words[k]) && !memcmp(s + *i, words[k], strlen(words[k]))) {
            *i += strlen(words[k]);
            return 0;
        }
    return json_number(s, n, i);
}

/* ---- the HTML page ----------------------------------------------------- */

/* The first needle[0, m) in s[0, n), or NULL. */
static const char *find(const char *s, size_t n, const char *needle, size_t m)
{
    for (size_t i = 0; m <= n && i <= n - m; i++)
        if (s[i] == needle[0] && !memcmp(s + i, needle, m))
            return s + i;
    return NULL;
}

/* 1 when every '<' opens (or closes) a tag the review page writes and
 * every '&' is an entity: no text of the documents became markup. */
static int html_escaped(const char *s, size_t n)
{
    static const char *const tags[] = {
        "!DOCTYPE", "!--",        "html",     "head",     "meta",    "title",  "style",  "body",
        "h1",       "h2",         "p",        "table",    "thead",   "tbody",  "tr",     "td",
        "th",       "div",        "span",     "a",        "svg",     "circle", "line",   "rect",
        "text",     "g",          "path",     "polyline", "small",   "b",      "i",      "em",
        "strong",   "ul",         "li",       "br",       "section", "header", "footer", "details",
        "summary",  "col",        "colgroup", "caption",  "code",    "pre",    "nav",    "main",
        "figure",   "figcaption", "button",   "input",    "select",  "option", "form",   "noscript",
        "template", "script",     "style",    "desc",     "sup",     "sub",    "abbr",   "label",
        "dl",       "dt",         "dd",       NULL};
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '&' && !xml_ref(s + i, n - i))
            return 0;
        if (s[i] != '<')
            continue;
        /* The page's own script and style (with the data as JSON): text of
         * the documents inside must not end them early or open another. */
        static const char *const raw[][2] = {{"<script", "</script"}, {"<style", "</style"}};
        int skipped = 0;
        for (int r = 0; r < 2 && !skipped; r++)
            if (n - i >= strlen(raw[r][0]) && !memcmp(s + i, raw[r][0], strlen(raw[r][0]))) {
                const char *end = find(s + i, n - i, raw[r][1], strlen(raw[r][1]));
                if (!end)
                    return 0;
                size_t body = i + strlen(raw[r][0]);
                if (find(s + body, (size_t)(end - s) - body, "<!--", 4) ||
                    find(s + body, (size_t)(end - s) - body, "<script", 7))
                    return 0;
                i = (size_t)(end - s) + strlen(raw[r][1]) - 1;
                skipped = 1;
            }
        if (skipped)
            continue;
        size_t a = i + 1 + (i + 1 < n && s[i + 1] == '/');
        size_t b = a;
        while (b < n && (name_char(s[b]) || s[b] == '!'))
            b++;
        if (b == a && !(n - a >= 3 && !memcmp(s + a, "!--", 3)))
            return 0;
        int known = 0;
        for (int k = 0; tags[k] && !known; k++)
            known = strlen(tags[k]) == b - a && !strncmp(s + a, tags[k], b - a);
        if (!known && !(n - a >= 3 && !memcmp(s + a, "!--", 3)))
            return 0;
    }
    return 1;
}

/* ---- the pipeline -------------------------------------------------------- */

static const char *const pairs[][2] = {{"es", "fr"}, {"de", "fr"}, {"en", "fr"}, {"", ""}};

typedef struct pair_models {
    int loaded;
    tdm_align_model *model;
    tdm_splitter *src, *tgt;
} pair_models;

static const char *models_dir(void)
{
    const char *m = getenv("TANDEM_MODELS");
    return m && *m ? m : "models";
}

static pair_models *models_for(int p)
{
    static pair_models cache[4];
    pair_models *pm = &cache[p];
    if (!pm->loaded) {
        tdm_error err;
        tdm_align_opts ao;
        tdm_align_opts_init(&ao);
        ao.models_dir = models_dir();
        ao.src_lang = pairs[p][0];
        ao.tgt_lang = pairs[p][1];
        pm->model = tdm_align_model_new(&ao, &err);
        if (pairs[p][0][0]) {
            pm->src = tdm_splitter_load(models_dir(), pairs[p][0], &err);
            pm->tgt = tdm_splitter_load(models_dir(), pairs[p][1], &err);
        }
        pm->loaded = 1;
    }
    return pm;
}

/* Every sentence of both sides in exactly one bead, in order. */
static void check_cover(const tdm_alignment *al, size_t ns, size_t nt)
{
    const tdm_bead *b = tdm_alignment_beads(al);
    size_t s = 0, t = 0;
    for (size_t k = 0; k < tdm_alignment_count(al); k++) {
        CHECK(b[k].src_first == s && b[k].tgt_first == t);
        CHECK(b[k].src_count + b[k].tgt_count > 0);
        CHECK(b[k].score >= 0.0 && b[k].score <= 1.0);
        s += b[k].src_count;
        t += b[k].tgt_count;
    }
    CHECK(s == ns && t == nt);
}

/* Writes al in fmt and checks it; returns its number of lines (-1 when
 * the write failed for lack of memory). */
static long write_and_check(tdm_format fmt, const tdm_doc *src, const tdm_doc *tgt,
                            const tdm_alignment *al, const tdm_write_opts *wo)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return -1;
    tdm_error err;
    int rc = tdm_write_alignment(f, fmt, src, tgt, al, wo, &err);
    fclose(f);
    if (rc == 0 && fmt == TDM_FMT_TMX)
        CHECK(xml_well_formed(buf, len));
    if (rc == 0 && fmt == TDM_FMT_HTML)
        CHECK(html_escaped(buf, len));
    if (rc == 0 && fmt == TDM_FMT_JSONL)
        for (size_t pos = 0; pos < len;) {
            const char *nl = memchr(buf + pos, '\n', len - pos);
            CHECK(nl); /* every line ends */
            size_t end = (size_t)(nl - buf), i = pos;
            CHECK(json_value(buf, end, &i, 0) == 0);
            json_space(buf, end, &i);
            CHECK(i == end);
            pos = end + 1;
        }
    CHECK(rc == 0 || rc == TDM_ENOMEM);
    long lines = 0;
    for (size_t i = 0; rc == 0 && i < len; i++)
        lines += buf[i] == '\n';
    free(buf);
    return rc == 0 ? lines : -1;
}

/* ---- moses: two files ---------------------------------------------------- */

static char scratch[64];

static void remove_scratch(void)
{
    rmdir(scratch);
}

/* A directory of the process for the moses files, made once and removed at
 * exit. */
static const char *scratch_dir(void)
{
    char *dir = scratch;
    if (!dir[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(dir, sizeof scratch, "%.40s/fuzz_moses.XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(dir)) {
            dir[0] = '\0';
            return NULL;
        }
        atexit(remove_scratch);
    }
    return dir;
}

/* The number of lines of the file at path, after checking that it is valid
 * UTF-8 without NUL bytes; -1 when it cannot be read. */
static long file_lines(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char *buf = NULL;
    size_t cap = 0, len = 0, got;
    char chunk[4096];
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + got > cap) {
            char *bigger = realloc(buf, cap = 2 * (len + got));
            CHECK(bigger);
            buf = bigger;
        }
        memcpy(buf + len, chunk, got);
        len += got;
    }
    fclose(f);
    long lines = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = utf8_decode((const unsigned char *)buf + i, len - i, &cp);
        CHECK(k && cp != 0);
        lines += cp == '\n';
        i += k;
    }
    CHECK(len == 0 || buf[len - 1] == '\n'); /* every line ends */
    free(buf);
    return lines;
}

/* Writes al as moses under the scratch directory and checks the pair of
 * files against the tsv's line count (tsv_lines, -1: unknown), then
 * removes them. */
static void moses_and_check(const tdm_doc *src, const tdm_doc *tgt, const tdm_alignment *al,
                            const tdm_write_opts *wo, long tsv_lines)
{
    const char *dir = scratch_dir();
    if (!dir)
        return;
    char prefix[128], sp[256], tp[256];
    snprintf(prefix, sizeof prefix, "%s/m", dir);
    CHECK(tdm_moses_paths(prefix, wo, sp, tp, sizeof sp) == 0);
    tdm_error err;
    int rc = tdm_write_moses(prefix, src, tgt, al, wo, &err);
    CHECK(rc == 0 || rc == TDM_ENOMEM);
    if (rc == 0) {
        long ns = file_lines(sp), nt = file_lines(tp);
        CHECK(ns >= 0 && ns == nt); /* both appear, line-parallel */
        CHECK(tsv_lines < 0 || ns == tsv_lines);
    }
    unlink(sp);
    unlink(tp);
    DIR *d = opendir(dir); /* nothing else: no temporary or commit record */
    CHECK(d);
    struct dirent *e;
    while ((e = readdir(d)))
        CHECK(!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."));
    closedir(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned opt = data[0];
    const char *text = (const char *)data + 1;
    size_t n = size - 1;
    const char *ff = memchr(text, '\f', n);
    size_t cut = ff ? (size_t)(ff - text) : n / 2;
    size_t rest = ff ? cut + 1 : cut;
    int p = (int)(opt >> 6);
    pair_models *pm = models_for(p);
    if (!pm->model)
        return 0;
    tdm_read_opts ro;
    tdm_read_opts_init(&ro);
    ro.paragraphs = (tdm_para_mode)(opt & 3);
    ro.presplit = (opt >> 2) & 1;
    ro.lossy = (opt >> 3) & 1;
    tdm_error err;
    tdm_doc *src = tdm_doc_from_buffer("src", text, cut, &ro, &err);
    tdm_doc *tgt = src ? tdm_doc_from_buffer("tgt", text + rest, n - rest, &ro, &err) : NULL;
    if (src && tgt && tdm_doc_segment(src, pm->src, &err) == 0 &&
        tdm_doc_segment(tgt, pm->tgt, &err) == 0) {
        tdm_align_opts ao;
        tdm_align_opts_init(&ao);
        ao.max_bead = (opt >> 4) & 1 ? 1 : 3;
        ao.paragraphs = (opt >> 5) & 1 ? TDM_ALIGN_PARA_ON : TDM_ALIGN_PARA_AUTO;
        tdm_alignment *al = tdm_align_with(pm->model, src, tgt, &ao, &err);
        if (al) {
            check_cover(al, tdm_doc_sentence_count(src), tdm_doc_sentence_count(tgt));
            tdm_write_opts wo;
            tdm_write_opts_init(&wo);
            wo.src_lang = pairs[p][0];
            wo.tgt_lang = pairs[p][1];
            static const tdm_format formats[] = {TDM_FMT_TEXT,   TDM_FMT_TSV, TDM_FMT_BEADS,
                                                 TDM_FMT_LADDER, TDM_FMT_TMX, TDM_FMT_JSONL,
                                                 TDM_FMT_HTML};
            long tsv_lines = -1;
            for (size_t k = 0; k < sizeof formats / sizeof formats[0]; k++) {
                long lines = write_and_check(formats[k], src, tgt, al, &wo);
                if (formats[k] == TDM_FMT_TSV)
                    tsv_lines = lines;
            }
            moses_and_check(src, tgt, al, &wo, tsv_lines);
            tdm_alignment_free(al);
        }
    }
    tdm_doc_free(src);
    tdm_doc_free(tgt);
    return 0;
}

#include "replay.h"
