/*
 * langcode.c: the ISO 639 language codes tandem accepts, one rule for every
 * mode (options, manifests, JSON Lines, summaries).
 *
 * The table is data (models/langs/codes.tsv, generated from Debian's
 * iso-codes by models/langs/build.sh): every ISO 639-3 language, named by
 * its ISO 639-1 code when it has one, else by its 639-3 code. A 639-3 or
 * 639-2/B code of a language that has a 639-1 code is accepted and written
 * as the 639-1 code ("fra", "fre" -> "fr"), so that one language has one
 * name in every output (TMX xml:lang, Moses suffixes, JSONL, HTML lang).
 *
 * The table is read once per process, on first use, from the models
 * directory (tdm_models_dir(NULL)), and only read after that (pthread_once),
 * so threads share it without locks. About 8,000 languages: a sorted key
 * array searched by bisection.
 *
 * Parsing the 8,000 lines took 1.2 ms, as much as the rest of a one-article
 * summary. The file is sorted by canonical code (byte order), so a code
 * that is already canonical ("fr", the usual case) is found by bisection
 * of the mapped file, without the table (tdm_lang_canonical,
 * tdm_lang_resource_code); other codes ("fra", "FR-ca"...) and the other
 * questions load the table.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/fileio.h"
#include "tandem/lang.h"
#include "text/lang.h"

typedef struct lang_entry {
    char code[8];  /* canonical: 639-1, else 639-3 */
    char macro[8]; /* resources' code ("no" for "nb"), "" when none */
    char name[48];
    unsigned char rtl;
} lang_entry;

typedef struct lang_key {
    char key[8];
    uint32_t entry;
} lang_key;

static struct {
    lang_entry *entries;
    size_t entry_count;
    lang_key *keys;
    size_t key_count;
    tdm_error error; /* why loading failed (code != 0) */
} table;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

/* The file mapped, for lookups of canonical codes without the table. */
static tdm_file_view file;
static int file_ok;
static pthread_once_t file_once = PTHREAD_ONCE_INIT;

static void map_file(void)
{
    const char *dir = tdm_models_dir(NULL);
    char path[4096];
    tdm_error err;
    if (!dir)
        return;
    snprintf(path, sizeof path, "%s/langs/codes.tsv", dir);
    file_ok = tdm_file_view_open(path, &file, &err) == 0;
}

/* The line of the mapped file whose first field is code (lowercase
 * letters), its fields in f[0..5] (ends in fe), or 0 when there is none or
 * the line is not well formed (the table then decides). */
static int find_line(const char *code, const char *f[6], const char *fe[6])
{
    pthread_once(&file_once, map_file);
    size_t n = strlen(code);
    if (!file_ok || n < 2 || n > 3)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (code[i] < 'a' || code[i] > 'z')
            return 0;
    const char *text = file.data;
    size_t lo = 0, hi = file.len;
    while (lo < hi) {
        size_t at = lo + (hi - lo) / 2;
        while (at > lo && text[at - 1] != '\n')
            at--;
        const char *eol = memchr(text + at, '\n', file.len - at);
        size_t end = eol ? (size_t)(eol - text) : file.len;
        if (text[at] == '#') { /* the header: the codes come after it */
            lo = end + 1;
            continue;
        }
        const char *tab = memchr(text + at, '\t', end - at);
        if (!tab)
            return 0;
        size_t k = (size_t)(tab - (text + at));
        int c = memcmp(code, text + at, n < k ? n : k);
        c = c ? c : (n > k) - (n < k);
        if (c < 0) {
            hi = at;
        } else if (c > 0) {
            lo = end + 1;
        } else {
            size_t got = 0;
            for (const char *s = text + at; got < 6 && s <= text + end;) {
                const char *t = got < 5 ? memchr(s, '\t', (size_t)(text + end - s)) : NULL;
                f[got] = s;
                fe[got++] = t ? t : text + end;
                s = (t ? t : text + end) + 1;
            }
            return got == 6;
        }
    }
    return 0;
}

static int key_cmp(const void *a, const void *b)
{
    return strcmp(((const lang_key *)a)->key, ((const lang_key *)b)->key);
}

/* Copies field [s, e) into dst (cap bytes) when it fits; 0 or -1. */
static int field(char *dst, size_t cap, const char *s, const char *e)
{
    size_t n = (size_t)(e - s);
    if (n >= cap)
        return -1;
    memcpy(dst, s, n);
    dst[n] = '\0';
    return 0;
}

static int add_key(const char *key, uint32_t entry, size_t *cap)
{
    if (!*key || strcmp(key, "-") == 0)
        return 0;
    if (table.key_count == *cap) {
        size_t bigger = *cap ? *cap * 2 : 1024;
        lang_key *k = realloc(table.keys, bigger * sizeof *k);
        if (!k)
            return -1;
        table.keys = k;
        *cap = bigger;
    }
    snprintf(table.keys[table.key_count].key, sizeof table.keys[0].key, "%s", key);
    table.keys[table.key_count++].entry = entry;
    return 0;
}

/* Parses the table's lines "code iso639-3 alias dir macro name" (tabs). */
static int parse_table(const char *path, const char *data, size_t len)
{
    size_t entry_cap = 0, key_cap = 0;
    long line = 0;
    for (const char *p = data, *end = data + len; p < end;) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        line++;
        if (p < eol && *p != '#') {
            const char *f[6], *fe[6];
            size_t n = 0;
            for (const char *s = p; n < 6 && s <= eol;) {
                const char *t = n < 5 ? memchr(s, '\t', (size_t)(eol - s)) : NULL;
                f[n] = s;
                fe[n++] = t ? t : eol;
                s = (t ? t : eol) + 1;
            }
            char alpha3[8], alias[8], dir[8];
            if (table.entry_count == entry_cap) {
                size_t bigger = entry_cap ? entry_cap * 2 : 1024;
                lang_entry *e = realloc(table.entries, bigger * sizeof *e);
                if (!e)
                    return tdm_fail(&table.error, TDM_ENOMEM, path, line, -1, "out of memory");
                table.entries = e;
                entry_cap = bigger;
            }
            lang_entry *e = &table.entries[table.entry_count];
            memset(e, 0, sizeof *e);
            if (n != 6 || field(e->code, sizeof e->code, f[0], fe[0]) ||
                field(alpha3, sizeof alpha3, f[1], fe[1]) ||
                field(alias, sizeof alias, f[2], fe[2]) || field(dir, sizeof dir, f[3], fe[3]) ||
                field(e->macro, sizeof e->macro, f[4], fe[4]) || !*e->code ||
                (strcmp(dir, "ltr") != 0 && strcmp(dir, "rtl") != 0))
                return tdm_fail(
                    &table.error, TDM_EINTERNAL, path, line, -1,
                    "expected: code<TAB>iso639-3<TAB>alias<TAB>ltr|rtl<TAB>macro<TAB>name");
            size_t name_len = (size_t)(fe[5] - f[5]);
            if (name_len >= sizeof e->name)
                name_len = sizeof e->name - 1;
            memcpy(e->name, f[5], name_len);
            e->rtl = strcmp(dir, "rtl") == 0;
            if (strcmp(e->macro, "-") == 0)
                e->macro[0] = '\0';
            uint32_t id = (uint32_t)table.entry_count++;
            if (add_key(e->code, id, &key_cap) || add_key(alpha3, id, &key_cap) ||
                add_key(alias, id, &key_cap))
                return tdm_fail(&table.error, TDM_ENOMEM, path, line, -1, "out of memory");
        }
        p = eol + 1;
    }
    if (!table.entry_count)
        return tdm_fail(&table.error, TDM_EINTERNAL, path, -1, -1, "no language codes");
    qsort(table.keys, table.key_count, sizeof *table.keys, key_cmp);
    return 0;
}

static void load_table(void)
{
    tdm_error_clear(&table.error);
    const char *dir = tdm_models_dir(NULL);
    char path[4096];
    if (!dir) {
        tdm_fail(&table.error, TDM_EINTERNAL, NULL, -1, -1,
                 "no models directory for the language code table (set TANDEM_MODELS)");
        return;
    }
    snprintf(path, sizeof path, "%s/langs/codes.tsv", dir);
    char *data;
    size_t len;
    if (tdm_read_all(path, &data, &len, &table.error) != 0) {
        if (table.error.code != TDM_ENOMEM)
            table.error.code = TDM_EINTERNAL;
        return;
    }
    if (parse_table(path, data, len) != 0) {
        free(table.entries);
        free(table.keys);
        table.entries = NULL;
        table.keys = NULL;
        table.entry_count = table.key_count = 0;
    }
    free(data);
}

/* The entry of code (any case), or NULL; err filled when not NULL. */
static const lang_entry *find(const char *code, tdm_error *err)
{
    pthread_once(&table_once, load_table);
    if (table.error.code) {
        if (err)
            *err = table.error;
        return NULL;
    }
    lang_key probe;
    size_t n = code ? strlen(code) : 0;
    int ok = n >= 2 && n < sizeof probe.key;
    for (size_t i = 0; ok && i < n; i++) {
        char c = code[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        ok = c >= 'a' && c <= 'z';
        probe.key[i] = c;
    }
    const lang_key *hit = NULL;
    if (ok) {
        probe.key[n] = '\0';
        hit = bsearch(&probe, table.keys, table.key_count, sizeof *table.keys, key_cmp);
    }
    if (!hit) {
        tdm_fail(err, TDM_ENOLANG, NULL, -1, -1,
                 "unknown language code '%.32s' (ISO 639-1 like fr, or ISO 639-3 for a language "
                 "without one)",
                 code ? code : "");
        return NULL;
    }
    return &table.entries[hit->entry];
}

int tdm_lang_canonical(const char *code, char out[8], tdm_error *err)
{
    const char *f[6], *fe[6];
    if (code && find_line(code, f, fe)) {
        memcpy(out, code, (size_t)(fe[0] - f[0]));
        out[fe[0] - f[0]] = '\0';
        return TDM_OK;
    }
    const lang_entry *e = find(code, err);
    out[0] = '\0';
    if (!e)
        return err ? err->code : TDM_ENOLANG;
    memcpy(out, e->code, sizeof e->code);
    return TDM_OK;
}

int tdm_lang_is_rtl(const char *code)
{
    char primary[8]; /* "ar-EG", "az_Arab": the language subtag */
    size_t n = code ? strcspn(code, "-_") : 0;
    if (n == 0 || n >= sizeof primary)
        return 0;
    memcpy(primary, code, n);
    primary[n] = '\0';
    const lang_entry *e = find(primary, NULL);
    return e && e->rtl;
}

const char *tdm_lang_name(const char *code)
{
    const lang_entry *e = find(code, NULL);
    return e ? e->name : NULL;
}

const char *tdm_lang_resource_code(const char *code)
{
    const char *f[6], *fe[6];
    if (code && find_line(code, f, fe) && fe[4] - f[4] == 1 && f[4][0] == '-')
        return code; /* no macrolanguage */
    const lang_entry *e = find(code, NULL);
    return e && e->macro[0] ? e->macro : code;
}
