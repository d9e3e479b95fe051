/*
 * idf_model.c: IDF models as loaded (tandem/summarize.h): lookup by term.
 *
 * File format (models/README.md): UTF-8 lines "term<TAB>idf"; lines that
 * begin with '#' are comments; "%documents<TAB>N" and "%unknown<TAB>x"
 * (the IDF of a term absent from the model; default: the largest IDF) are
 * directives. A term given twice keeps its last value.
 *
 * Every summarize process loads a model of tens of thousands of lines, and
 * copying it into a string table was most of the start-up of a one-article
 * run (page faults of the copies more than the instructions). So the file
 * is mapped, not copied, and indexed where it lies: an open-addressing
 * table (linear probing, at most two thirds full) of line offsets next to
 * the hash of the bytes before the tab, so that most collisions are
 * settled without reading the file. A lookup compares the term in place
 * and reads the number after it, in the same cache line. Every line is checked when
 * loading, so that a bad one is reported then, with its number.
 *
 * A model written by tandem's builders (idf.c) is sorted in byte order of
 * the terms and says so in its header ("%sorted", with "%terms N" and
 * "%unknown x"). Such a file is not indexed at all: a lookup is a binary
 * search over the mapped bytes (a line start is found by stepping back to
 * the previous newline), about 16 steps for 36,000 terms, and summarizers
 * remember what they looked up, so that a batch looks each term up once.
 * Loading a model is then a few header lines whatever its size (French:
 * 2.5 ms and 280 page faults indexed, none sorted). Its lines are checked
 * as lookups meet them: tdm_idf_find reports a bad line with its number.
 *
 * A number absent from the model is looked up by its shape, every digit
 * written 0 ("2019" as "0000"), which is how word frequency lists and the
 * models made from them store numbers.
 */
#define _GNU_SOURCE /* memrchr */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/prefetch.h"
#include "base/fileio.h"
#include "base/lines.h"
#include "base/number.h"
#include "base/strtab.h"
#include "summarize/summary.h"
#include "tandem/summarize.h"
#include "summarize/idf.h"

struct tdm_idf {
    tdm_file_view file;
    char *name;        /* for errors found by lookups */
    size_t data_start; /* sorted: offset of the first term line; 0: indexed */
    uint64_t *slots;   /* hash << 32 | (offset of a term's line + 1); 0: empty */
    size_t slot_count, count;
    double unknown;
    double documents;
};

void tdm_idf_free(tdm_idf *idf)
{
    if (!idf)
        return;
    tdm_file_view_close(&idf->file);
    free(idf->slots);
    free(idf->name);
    free(idf);
}

size_t tdm_idf_count(const tdm_idf *idf)
{
    return idf->count;
}

/* The slot of term[0, len) (hash h): its line's, or the empty one where it
 * goes. */
static size_t probe(const tdm_idf *idf, uint32_t h, const char *term, size_t len)
{
    size_t mask = idf->slot_count - 1, i = h & mask;
    const char *text = idf->file.data;
    size_t size = idf->file.len;
    uint64_t slot;
    while ((slot = idf->slots[i]) != 0) {
        size_t off = (uint32_t)slot - 1;
        if ((uint32_t)(slot >> 32) == h && size - off > len && text[off + len] == '\t' &&
            memcmp(text + off, term, len) == 0)
            return i;
        i = (i + 1) & mask;
    }
    return i;
}

/* The value of the line at off, whose term has len bytes (checked when
 * loading, so it parses). Stored as float before, kept so. */
static double value_at(const tdm_idf *idf, size_t off, size_t len)
{
    const char *v = idf->file.data + off + len + 1;
    size_t rest = idf->file.len - (off + len + 1);
    const char *eol = memchr(v, '\n', rest);
    size_t n = eol ? (size_t)(eol - v) : rest;
    if (n && v[n - 1] == '\r')
        n--;
    double value = 0;
    tdm_parse_number(v, n, &value);
    return (float)value;
}

void tdm_idf_prefetch(const tdm_idf *idf, const char *term, size_t len, int stage)
{
    if (idf->data_start)
        return;
    const uint64_t *slot = &idf->slots[tdm_strtab_hash(term, len) & (idf->slot_count - 1)];
    if (stage == 0)
        TDM_PREFETCH(slot);
    else if (*slot)
        TDM_PREFETCH(idf->file.data + (uint32_t)*slot - 1);
}

/* The 1-based number of the line holding offset off. */
static long line_of(const tdm_idf *idf, size_t off)
{
    long line = 1;
    for (size_t i = 0; i < off; i++)
        line += idf->file.data[i] == '\n';
    return line;
}

static int bad_line(const tdm_idf *idf, size_t off, tdm_error *err)
{
    return tdm_fail(err, TDM_EINPUT, idf->name, line_of(idf, off), -1,
                    "expected \"term<TAB>idf\" with a number >= 0");
}

/* Binary search of a sorted model: 0 with *found and *value, or
 * TDM_EINPUT for a malformed line met on the way. */
static int search(const tdm_idf *idf, const char *term, size_t len, int *found, double *value,
                  tdm_error *err)
{
    const char *text = idf->file.data;
    size_t lo = idf->data_start, hi = idf->file.len;
    *found = 0;
    /* Invariant: the term's line, if any, starts in [lo, hi). */
    while (lo < hi) {
        size_t s = lo + (hi - lo) / 2;
        const char *prev = s > lo ? memrchr(text + lo, '\n', s - lo) : NULL;
        s = prev ? (size_t)(prev - text) + 1 : lo;
        /* Terms are short: look for the tab in the next 64 bytes first. */
        size_t room = idf->file.len - s, span = room < 64 ? room : 64;
        const char *tab = memchr(text + s, '\t', span);
        if (!tab)
            tab = memchr(text + s, '\t', room);
        const char *nl = tab ? NULL : memchr(text + s, '\n', room);
        if (!tab || tab == text + s || (nl && nl < tab) ||
            memchr(text + s, '\n', (size_t)(tab - (text + s))))
            return bad_line(idf, s, err);
        size_t key = (size_t)(tab - (text + s));
        int c = memcmp(term, text + s, len < key ? len : key);
        if (c == 0)
            c = len < key ? -1 : len > key;
        size_t e = 0;
        if (c >= 0) {
            nl = memchr(tab, '\n', idf->file.len - (size_t)(tab - text));
            e = nl ? (size_t)(nl - text) : idf->file.len;
        }
        if (c == 0) {
            size_t n = e - (size_t)(tab + 1 - text);
            if (n && tab[n] == '\r')
                n--;
            double v;
            if (tdm_parse_number(tab + 1, n, &v) != 0 || v < 0)
                return bad_line(idf, s, err);
            *found = 1;
            *value = (float)v;
            return 0;
        }
        if (c < 0)
            hi = s;
        else
            lo = e + 1;
    }
    return 0;
}

static int lookup(const tdm_idf *idf, const char *term, size_t len, int *found, double *value,
                  tdm_error *err)
{
    if (idf->data_start)
        return search(idf, term, len, found, value, err);
    size_t i = probe(idf, tdm_strtab_hash(term, len), term, len);
    *found = idf->slots[i] != 0;
    if (*found)
        *value = value_at(idf, (uint32_t)idf->slots[i] - 1, len);
    return 0;
}

int tdm_idf_find(const tdm_idf *idf, const char *term, size_t len, double *value, tdm_error *err)
{
    int found, rc = lookup(idf, term, len, &found, value, err);
    if (rc != 0 || found)
        return rc;
    *value = idf->unknown;
    char shape[32];
    int digits = 0;
    if (len >= sizeof shape)
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)term[i];
        if (c >= '0' && c <= '9')
            shape[i] = '0', digits = 1;
        else if (c == '.' || c == ',')
            shape[i] = (char)c;
        else
            return 0;
    }
    if (!digits)
        return 0;
    rc = lookup(idf, shape, len, &found, value, err);
    if (rc == 0 && !found)
        *value = idf->unknown;
    return rc;
}

double tdm_idf_get(const tdm_idf *idf, const char *term, size_t len)
{
    double value;
    return tdm_idf_find(idf, term, len, &value, NULL) == 0 ? value : idf->unknown;
}

/* Reads the header of a sorted model ("%sorted", "%terms N" and
 * "%unknown x" among the '#' and '%' lines before the first term):
 * nonzero when it is one, with data_start, count and unknown set. */
static int sorted_header(tdm_idf *idf)
{
    const char *text = idf->file.data;
    size_t len = idf->file.len, pos = 0;
    int sorted = 0, terms = 0, unknown = 0;
    while (pos < len && (text[pos] == '#' || text[pos] == '%')) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        const char *s = text + pos, *tab = memchr(s, '\t', end - pos);
        double v;
        if (s[0] == '%' && tab &&
            tdm_parse_number(tab + 1, end - (size_t)(tab + 1 - text), &v) == 0) {
            size_t k = (size_t)(tab - s);
            if (k == 7 && memcmp(s, "%sorted", 7) == 0)
                sorted = v == 1;
            else if (k == 6 && memcmp(s, "%terms", 6) == 0)
                terms = 1, idf->count = (size_t)v;
            else if (k == 8 && memcmp(s, "%unknown", 8) == 0)
                unknown = 1, idf->unknown = v;
            else if (k == 10 && memcmp(s, "%documents", 10) == 0)
                idf->documents = v;
        }
        pos = end + 1;
    }
    if (!(sorted && terms && unknown) || pos >= len)
        return 0;
    idf->data_start = pos;
    return 1;
}

/* Checks and indexes idf->file; name labels errors. */
static int index_lines(tdm_idf *idf, const char *name, tdm_error *err)
{
    const char *text = idf->file.data;
    size_t len = idf->file.len;
    if (len >= UINT32_MAX)
        return tdm_fail(err, TDM_EINPUT, name, -1, -1, "model file too large (4 GB at most)");
    /* One term per line at most: the table never grows. */
    size_t lines = 1;
    for (const char *p = text; (p = memchr(p, '\n', len - (size_t)(p - text))) != NULL; p++)
        lines++;
    idf->count = 0;
    idf->slot_count = 16;
    while (idf->slot_count < lines + lines / 2) /* at most two thirds full */
        idf->slot_count *= 2;
    if (!(idf->slots = calloc(idf->slot_count, sizeof *idf->slots)))
        return tdm_fail(err, TDM_ENOMEM, name, -1, -1, "out of memory");
    idf->unknown = -1;
    double largest = 0;
    tdm_lines it;
    tdm_lines_init(&it, text, len);
    const char *s;
    size_t n;
    while (tdm_lines_next(&it, &s, &n)) {
        if (n == 0 || s[0] == '#')
            continue;
        const char *tab = memchr(s, '\t', n);
        double value;
        if (!tab || tab == s || tdm_parse_number(tab + 1, n - (size_t)(tab + 1 - s), &value) != 0 ||
            value < 0)
            return tdm_fail(err, TDM_EINPUT, name, it.number, -1,
                            "expected \"term<TAB>idf\" with a number >= 0");
        size_t key_len = (size_t)(tab - s);
        if (s[0] == '%') {
            if (key_len == 8 && memcmp(s, "%unknown", 8) == 0)
                idf->unknown = value;
            else if (key_len == 10 && memcmp(s, "%documents", 10) == 0)
                idf->documents = value;
            else if ((key_len == 7 && memcmp(s, "%sorted", 7) == 0) ||
                     (key_len == 6 && memcmp(s, "%terms", 6) == 0))
                ; /* read by sorted_header */
            else
                return tdm_fail(err, TDM_EINPUT, name, it.number, -1, "unknown directive %.*s",
                                (int)(key_len > 40 ? 40 : key_len), s);
            continue;
        }
        uint32_t h = tdm_strtab_hash(s, key_len);
        size_t i = probe(idf, h, s, key_len);
        idf->count += idf->slots[i] == 0;
        /* A repeated term: the last line wins. */
        idf->slots[i] = (uint64_t)h << 32 | ((uint32_t)(s - text) + 1);
        if (value > largest)
            largest = value;
    }
    if (idf->unknown < 0)
        idf->unknown = largest;
    return 0;
}

/* A model over file (owned from here on). */
static tdm_idf *model_of(tdm_file_view file, const char *name, tdm_error *err)
{
    tdm_idf *idf = calloc(1, sizeof *idf);
    if (!idf) {
        tdm_file_view_close(&file);
        tdm_fail(err, TDM_ENOMEM, name, -1, -1, "out of memory");
        return NULL;
    }
    idf->file = file;
    if (!(idf->name = strdup(name ? name : "idf"))) {
        tdm_idf_free(idf);
        tdm_fail(err, TDM_ENOMEM, name, -1, -1, "out of memory");
        return NULL;
    }
    if (!sorted_header(idf) && index_lines(idf, name, err) != 0) {
        tdm_idf_free(idf);
        return NULL;
    }
    return idf;
}

tdm_idf *tdm_idf_parse(const char *name, const char *text, size_t len, tdm_error *err)
{
    char *copy = malloc(len + 1);
    if (!copy) {
        tdm_fail(err, TDM_ENOMEM, name, -1, -1, "out of memory");
        return NULL;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    return model_of((tdm_file_view){copy, len, 0}, name, err);
}

tdm_idf *tdm_idf_load(const char *path, tdm_error *err)
{
    tdm_file_view file;
    if (tdm_file_view_open(path, &file, err) != 0)
        return NULL;
    return model_of(file, path, err);
}
