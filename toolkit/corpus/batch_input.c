/*
 * batch_input.c: the pairs of a batch, from one of three inputs.
 *
 * - A manifest: TSV lines "src<TAB>tgt[<TAB>id[<TAB>src_lang<TAB>tgt_lang]]",
 *   '#' comments and blank lines skipped. It is small (paths only), so it
 *   is read and checked whole when opened: a short line, a bad language
 *   code or a repeated id is an error naming the line before any pair is
 *   aligned, and the number of pairs is known for the progress line.
 *   Relative paths are taken from the manifest's directory, like the
 *   entries of a playlist, so that a manifest travels with its files.
 * - Two directories: the regular, non-hidden files of each, sorted by name
 *   (strcmp, so the order does not depend on the locale) and merged; a name
 *   present on one side only becomes a failed pair.
 * - A JSON Lines stream with the texts inline, read one line at a time so
 *   that memory does not grow with the stream. A malformed line becomes a
 *   failed pair ("line N"), not the end of the run: one bad record must not
 *   stop a cluster job. Written to a stream, a blank line is such a failed
 *   pair too, so that every input line gets its output line; written to
 *   a corpus file, blank lines are skipped like a manifest's.
 * Ids must be unique when there is a journal (a resumed run is keyed by
 * them); a JSON Lines stream to standard output is not checked.
 */
#include "corpus/batch.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/error.h"
#include "tandem/lang.h"
#include "base/fileio.h"
#include "base/lines.h"
#include "base/json.h"
#include "base/strtab.h"

typedef struct manifest_entry {
    char *src, *tgt, *id;
    char src_lang[8], tgt_lang[8];
} manifest_entry;

struct tdm_batch_source {
    tdm_batch_input kind;
    /* MANIFEST and DIRS: every entry, built when opened. */
    manifest_entry *entries;
    size_t count, next;
    /* JSONL */
    tdm_jsonl_reader *reader;
    tdm_json_object *obj;
    tdm_strtab *ids;
    const char *name;
    const char *src_dir, *tgt_dir;
};

void tdm_batch_item_clear(tdm_batch_item *item)
{
    free(item->id);
    free(item->src_path);
    free(item->tgt_path);
    free(item->src_text);
    free(item->tgt_text);
    memset(item, 0, sizeof *item);
}

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

static char *join_path(const char *dir, size_t dir_len, const char *name, size_t name_len)
{
    if (dir_len == 0 || name[0] == '/')
        return dup_n(name, name_len);
    /* "es/" and "es" name the same directory: one slash between, never
     * "es//0001.txt" in messages and reports ("/" itself stays "/"). */
    while (dir_len > 1 && dir[dir_len - 1] == '/')
        dir_len--;
    if (dir[dir_len - 1] == '/')
        dir_len--;
    char *p = malloc(dir_len + name_len + 2);
    if (p) {
        memcpy(p, dir, dir_len);
        p[dir_len] = '/';
        memcpy(p + dir_len + 1, name, name_len);
        p[dir_len + name_len + 1] = '\0';
    }
    return p;
}

/* A language code, made canonical by the rule of every mode
 * (tdm_lang_canonical: ISO 639-1, or 639-3 without one). */
static int copy_lang(char dst[8], const char *s, size_t n)
{
    char code[16];
    if (n >= sizeof code)
        return -1;
    memcpy(code, s, n);
    code[n] = '\0';
    return tdm_lang_canonical(code, dst, NULL) == TDM_OK ? 0 : -1;
}

static void free_entries(tdm_batch_source *src)
{
    for (size_t i = 0; i < src->count; i++) {
        free(src->entries[i].src);
        free(src->entries[i].tgt);
        free(src->entries[i].id);
    }
    free(src->entries);
    src->entries = NULL;
    src->count = 0;
}

static int add_entry(tdm_batch_source *src, size_t *cap, manifest_entry *e)
{
    if (src->count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        manifest_entry *n = realloc(src->entries, ncap * sizeof *n);
        if (!n)
            return TDM_ENOMEM;
        src->entries = n;
        *cap = ncap;
    }
    src->entries[src->count++] = *e;
    return 0;
}

/* Splits line[0, len) at tabs into at most 5 fields. */
static size_t split_tabs(const char *line, size_t len, const char *f[5], size_t flen[5])
{
    size_t n = 0, start = 0;
    for (size_t i = 0; i <= len && n < 5; i++) {
        if (i == len || line[i] == '\t') {
            f[n] = line + start;
            flen[n] = i - start;
            n++;
            start = i + 1;
        }
    }
    return n;
}

static int parse_manifest_line(tdm_batch_source *src, size_t *cap, tdm_strtab *ids,
                               const char *path, long line_no, const char *line, size_t len,
                               const char *dir, size_t dir_len, tdm_error *err)
{
    const char *f[5];
    size_t flen[5];
    size_t n = split_tabs(line, len, f, flen);
    if (n < 2 || flen[0] == 0 || flen[1] == 0)
        return tdm_fail(err, TDM_EINPUT, path, line_no, -1,
                        "expected: source path<TAB>target path[<TAB>id[<TAB>src lang<TAB>tgt "
                        "lang]]");
    if (n == 4)
        return tdm_fail(err, TDM_EINPUT, path, line_no, -1,
                        "a source language needs a target language (5th field)");
    manifest_entry e = {0};
    if (n == 5 && ((flen[3] && copy_lang(e.src_lang, f[3], flen[3]) != 0) ||
                   (flen[4] && copy_lang(e.tgt_lang, f[4], flen[4]) != 0)))
        return tdm_fail(
            err, TDM_EINPUT, path, line_no, -1,
            "unknown language code (ISO 639-1 like es, or ISO 639-3 for a language without one)");
    const char *id = n >= 3 && flen[2] ? f[2] : f[0];
    size_t id_len = n >= 3 && flen[2] ? flen[2] : flen[0];
    size_t before = tdm_strtab_count(ids);
    uint32_t idn = tdm_strtab_intern(ids, id, id_len);
    if (idn == TDM_STRTAB_NONE)
        return tdm_fail(err, TDM_ENOMEM, path, line_no, -1, "out of memory");
    if (tdm_strtab_count(ids) == before)
        return tdm_fail(err, TDM_EINPUT, path, line_no, -1, "id '%.*s' appears twice",
                        (int)(id_len > 200 ? 200 : id_len), id);
    e.src = join_path(dir, dir_len, f[0], flen[0]);
    e.tgt = join_path(dir, dir_len, f[1], flen[1]);
    e.id = dup_n(id, id_len);
    if (!e.src || !e.tgt || !e.id || add_entry(src, cap, &e) != 0) {
        free(e.src);
        free(e.tgt);
        free(e.id);
        return tdm_fail(err, TDM_ENOMEM, path, line_no, -1, "out of memory");
    }
    return 0;
}

static int open_manifest(tdm_batch_source *src, const char *path, tdm_error *err)
{
    char *data;
    size_t len;
    int rc = tdm_read_all(path, &data, &len, err);
    if (rc != 0)
        return rc;
    if (memchr(data, '\0', len)) {
        free(data);
        return tdm_fail(err, TDM_EBINARY, path, -1, -1, "manifest is a binary file");
    }
    const char *slash = strcmp(path, "-") == 0 ? NULL : strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + (slash == path) : 0;
    tdm_strtab *ids = tdm_strtab_new();
    size_t cap = 0;
    rc = ids ? 0 : tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
    tdm_lines it;
    tdm_lines_init(&it, data, len);
    const char *s;
    size_t n;
    while (rc == 0 && tdm_lines_next(&it, &s, &n))
        if (n && s[0] != '#')
            rc = parse_manifest_line(src, &cap, ids, strcmp(path, "-") ? path : "<stdin>",
                                     it.number, s, n, path, dir_len, err);
    tdm_strtab_free(ids);
    free(data);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted names of the regular, non-hidden files of dir (new array of
 * new strings). */
static int list_dir(const char *dir, char ***names, size_t *count, tdm_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return tdm_fail(err, TDM_EIO, dir, -1, -1, "cannot open directory");
    char **v = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *de;
    while (rc == 0 && (de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char *p = join_path(dir, strlen(dir), de->d_name, strlen(de->d_name));
        struct stat st;
        int regular = p && stat(p, &st) == 0 && S_ISREG(st.st_mode);
        free(p);
        if (!regular)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nv = realloc(v, cap * sizeof *nv);
            if (!nv) {
                rc = TDM_ENOMEM;
                break;
            }
            v = nv;
        }
        if (!(v[n] = dup_n(de->d_name, strlen(de->d_name))))
            rc = TDM_ENOMEM;
        else
            n++;
    }
    closedir(d);
    if (rc != 0) {
        for (size_t i = 0; i < n; i++)
            free(v[i]);
        free(v);
        return tdm_fail(err, rc, dir, -1, -1, "out of memory listing the directory");
    }
    if (n)
        qsort(v, n, sizeof *v, cmp_str);
    *names = v;
    *count = n;
    return 0;
}

static int open_dirs(tdm_batch_source *src, const char *sdir, const char *tdir, tdm_error *err)
{
    char **s = NULL, **t = NULL;
    size_t sn = 0, tn = 0, cap = 0;
    int rc = list_dir(sdir, &s, &sn, err);
    if (rc == 0)
        rc = list_dir(tdir, &t, &tn, err);
    size_t i = 0, j = 0;
    while (rc == 0 && (i < sn || j < tn)) {
        int c = i == sn ? 1 : j == tn ? -1 : strcmp(s[i], t[j]);
        const char *name = c <= 0 ? s[i] : t[j];
        manifest_entry e = {0};
        /* A missing side stays NULL: the item fails with a clear reason. */
        if (c <= 0)
            e.src = join_path(sdir, strlen(sdir), name, strlen(name));
        if (c >= 0)
            e.tgt = join_path(tdir, strlen(tdir), name, strlen(name));
        e.id = dup_n(name, strlen(name));
        if ((c <= 0 && !e.src) || (c >= 0 && !e.tgt) || !e.id || add_entry(src, &cap, &e)) {
            free(e.src);
            free(e.tgt);
            free(e.id);
            rc = tdm_fail(err, TDM_ENOMEM, sdir, -1, -1, "out of memory");
        }
        i += c <= 0;
        j += c >= 0;
    }
    for (size_t k = 0; k < sn; k++)
        free(s[k]);
    for (size_t k = 0; k < tn; k++)
        free(t[k]);
    free(s);
    free(t);
    return rc;
}

tdm_batch_source *tdm_batch_source_open(const tdm_batch_opts *opts, tdm_error *err)
{
    tdm_batch_source *src = calloc(1, sizeof *src);
    if (!src) {
        tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
        return NULL;
    }
    src->kind = opts->input;
    src->src_dir = opts->src_dir;
    src->tgt_dir = opts->tgt_dir;
    int rc = 0;
    switch (opts->input) {
    case TDM_BATCH_MANIFEST:
        if (!opts->manifest)
            rc = tdm_fail(err, TDM_EUSAGE, NULL, -1, -1, "batch: no manifest given");
        else
            rc = open_manifest(src, opts->manifest, err);
        break;
    case TDM_BATCH_DIRS:
        if (!opts->src_dir || !opts->tgt_dir)
            rc = tdm_fail(err, TDM_EUSAGE, NULL, -1, -1, "batch: two directories needed");
        else
            rc = open_dirs(src, opts->src_dir, opts->tgt_dir, err);
        break;
    case TDM_BATCH_JSONL:
        src->name = opts->jsonl && strcmp(opts->jsonl, "-") ? opts->jsonl : "<stdin>";
        src->reader = tdm_jsonl_open(opts->jsonl ? opts->jsonl : "-", err);
        src->obj = tdm_json_object_new();
        if (opts->output && strcmp(opts->output, "-") != 0)
            src->ids = tdm_strtab_new();
        if (src->reader && !src->ids)
            tdm_jsonl_blank_is_error(src->reader); /* a stream: one line in, one line out */
        if (!src->reader)
            rc = err ? err->code : TDM_EIO;
        else if (!src->obj || (!src->ids && opts->output && strcmp(opts->output, "-") != 0))
            rc = tdm_fail(err, TDM_ENOMEM, src->name, -1, -1, "out of memory");
        break;
    default: rc = tdm_fail(err, TDM_EUSAGE, NULL, -1, -1, "batch: unknown input kind");
    }
    if (rc != 0) {
        tdm_batch_source_close(src);
        return NULL;
    }
    return src;
}

static int next_entry(tdm_batch_source *src, tdm_batch_item *item)
{
    manifest_entry *e = &src->entries[src->next++];
    /* Move the strings: each entry is used once. */
    item->id = e->id;
    item->src_path = e->src;
    item->tgt_path = e->tgt;
    e->id = e->src = e->tgt = NULL;
    memcpy(item->src_lang, e->src_lang, sizeof item->src_lang);
    memcpy(item->tgt_lang, e->tgt_lang, sizeof item->tgt_lang);
    if (!item->src_path)
        tdm_fail(&item->error, TDM_EINPUT, item->tgt_path, -1, -1, "no file of that name in %s",
                 src->src_dir);
    else if (!item->tgt_path)
        tdm_fail(&item->error, TDM_EINPUT, item->src_path, -1, -1, "no file of that name in %s",
                 src->tgt_dir);
    return 1;
}

/* A string field of the object, or NULL (error set) if present and not a
 * string. */
static const tdm_json_field *string_field(const tdm_json_object *obj, const char *key, int required,
                                          tdm_batch_item *item, const char *name, long line)
{
    const tdm_json_field *f = tdm_json_object_get(obj, key);
    if (!f) {
        if (required)
            tdm_fail(&item->error, TDM_EINPUT, name, line, -1, "no \"%s\" field", key);
        return NULL;
    }
    if (f->kind != TDM_JSON_STRING && !(f->kind == TDM_JSON_NUMBER && !strcmp(key, "id"))) {
        tdm_fail(&item->error, TDM_EINPUT, name, line, -1, "\"%s\" is not a string", key);
        return NULL;
    }
    return f;
}

static int next_json(tdm_batch_source *src, tdm_batch_item *item, tdm_error *err)
{
    tdm_error perr;
    tdm_error_clear(&perr);
    int rc = tdm_jsonl_next(src->reader, src->obj, &perr);
    if (rc == 0)
        return 0;
    long line = tdm_jsonl_line(src->reader);
    if (rc < 0 && rc != TDM_EINPUT)
        return err ? (*err = perr, rc) : rc;
    const tdm_json_field *id = NULL, *s = NULL, *t = NULL, *sl = NULL, *tl = NULL;
    if (rc < 0) {
        item->error = perr;
    } else {
        id = string_field(src->obj, "id", 0, item, src->name, line);
        s = string_field(src->obj, "src", 1, item, src->name, line);
        t = string_field(src->obj, "tgt", 1, item, src->name, line);
        sl = string_field(src->obj, "src_lang", 0, item, src->name, line);
        tl = string_field(src->obj, "tgt_lang", 0, item, src->name, line);
        if (!item->error.code &&
            ((sl && copy_lang(item->src_lang, sl->value, sl->value_len) != 0) ||
             (tl && copy_lang(item->tgt_lang, tl->value, tl->value_len) != 0)))
            tdm_fail(&item->error, TDM_EINPUT, src->name, line, -1,
                     "unknown language code (ISO 639-1 like es, or ISO 639-3 for a language "
                     "without one)");
    }
    char label[32];
    if (id && id->value_len > 0) {
        item->id = dup_n(id->value, id->value_len);
    } else {
        snprintf(label, sizeof label, "line %ld", line);
        item->id = dup_n(label, strlen(label));
    }
    if (!item->id)
        return tdm_fail(err, TDM_ENOMEM, src->name, line, -1, "out of memory");
    /* Repeated ids would confuse a resumed run: refuse them when there is
     * a journal. A stream to standard output keeps no id: its memory stays
     * flat however long the stream. */
    if (src->ids) {
        size_t before = tdm_strtab_count(src->ids);
        if (tdm_strtab_intern(src->ids, item->id, strlen(item->id)) == TDM_STRTAB_NONE)
            return tdm_fail(err, TDM_ENOMEM, src->name, line, -1, "out of memory");
        if (tdm_strtab_count(src->ids) == before && !item->error.code)
            tdm_fail(&item->error, TDM_EINPUT, src->name, line, -1, "id '%.200s' appears twice",
                     item->id);
    }
    if (item->error.code && id) {
        /* The id names the record: no line number, which would differ
         * between the chunks of a split stream (GNU parallel --pipe). */
        item->error.file[0] = '\0';
        item->error.line = -1;
        item->error.offset = -1;
    }
    if (item->error.code)
        return 1;
    item->src_text = dup_n(s->value, s->value_len);
    item->tgt_text = dup_n(t->value, t->value_len);
    item->src_len = s->value_len;
    item->tgt_len = t->value_len;
    if (!item->src_text || !item->tgt_text)
        return tdm_fail(err, TDM_ENOMEM, src->name, line, -1, "out of memory");
    return 1;
}

int tdm_batch_source_next(tdm_batch_source *src, tdm_batch_item *item, tdm_error *err)
{
    tdm_batch_item_clear(item);
    tdm_error_clear(&item->error);
    if (src->kind == TDM_BATCH_JSONL)
        return next_json(src, item, err);
    if (src->next == src->count)
        return 0;
    return next_entry(src, item);
}

/* The language every pair of side has (entry column, else deflt), into
 * out; "" when a pair has none (it will be identified) or two differ. */
static void common_lang(const tdm_batch_source *src, int side, const char *deflt, char out[8])
{
    out[0] = '\0';
    for (size_t i = 0; i < src->count; i++) {
        const char *given = side ? src->entries[i].tgt_lang : src->entries[i].src_lang;
        const char *lang = given[0] ? given : deflt ? deflt : "";
        if (!lang[0] || (i > 0 && strcmp(lang, out) != 0)) {
            out[0] = '\0';
            return;
        }
        snprintf(out, 8, "%s", lang);
    }
}

void tdm_batch_source_langs(const tdm_batch_source *src, const tdm_batch_opts *opts, char sl[8],
                            char tl[8])
{
    if (src->kind == TDM_BATCH_JSONL) { /* records to come may name others */
        snprintf(sl, 8, "%s", opts->src_lang ? opts->src_lang : "");
        snprintf(tl, 8, "%s", opts->tgt_lang ? opts->tgt_lang : "");
        return;
    }
    common_lang(src, 0, opts->src_lang, sl);
    common_lang(src, 1, opts->tgt_lang, tl);
}

long tdm_batch_source_total(const tdm_batch_source *src)
{
    return src->kind == TDM_BATCH_JSONL ? -1 : (long)src->count;
}

void tdm_batch_source_close(tdm_batch_source *src)
{
    if (!src)
        return;
    free_entries(src);
    tdm_jsonl_close(src->reader);
    tdm_json_object_free(src->obj);
    tdm_strtab_free(src->ids);
    free(src);
}
