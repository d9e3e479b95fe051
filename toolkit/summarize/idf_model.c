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
 * A number absent from the model is looked up by its shape, every digit
 * written 0 ("2019" as "0000"), which is how word frequency lists and the
 * models made from them store numbers.
 */
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

struct tdm_idf {
    tdm_file_view file;
    uint64_t *slots; /* hash << 32 | (offset of a term's line + 1); 0: empty */
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
    const uint64_t *slot = &idf->slots[tdm_strtab_hash(term, len) & (idf->slot_count - 1)];
    if (stage == 0)
        TDM_PREFETCH(slot);
    else if (*slot)
        TDM_PREFETCH(idf->file.data + (uint32_t)*slot - 1);
}

static double lookup(const tdm_idf *idf, const char *term, size_t len, int *found)
{
    size_t i = probe(idf, tdm_strtab_hash(term, len), term, len);
    *found = idf->slots[i] != 0;
    return *found ? value_at(idf, (uint32_t)idf->slots[i] - 1, len) : idf->unknown;
}

double tdm_idf_get(const tdm_idf *idf, const char *term, size_t len)
{
    int found;
    double value = lookup(idf, term, len, &found);
    if (found)
        return value;
    char shape[32];
    int digits = 0;
    if (len >= sizeof shape)
        return idf->unknown;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)term[i];
        if (c >= '0' && c <= '9')
            shape[i] = '0', digits = 1;
        else if (c == '.' || c == ',')
            shape[i] = (char)c;
        else
            return idf->unknown;
    }
    return digits ? lookup(idf, shape, len, &found) : idf->unknown;
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
    if (index_lines(idf, name, err) != 0) {
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
