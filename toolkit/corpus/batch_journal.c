/*
 * batch_journal.c: reading the journal of a stopped batch run.
 *
 * The journal (written by batch_output.c) is one JSON object a line:
 *   {"tandem_batch":1,"format":"tsv","files":3,"offsets":"120 0 64"}
 *   {"id":"doc1","offsets":"980 311 77","totals":"1 1 0 12 12 ..."}
 *   ...
 *   {"finished":1,"offsets":"1500 311 90"}
 * the header with the sizes of the parts once their heads were written,
 * then after each document the sizes of the parts and the running totals,
 * and, when the run completed, an end record with the final sizes, written
 * (and synced) before the parts are renamed into place.
 *
 * Nothing in the journal is believed on its own word: a line is kept only
 * if every line before it was, it is complete and well formed, its offsets
 * and document count do not go back, and the parts hold at least what it
 * records. A kill leaves at most a cut last line; a power cut or a lost
 * write can leave lines that point past the data, which are dropped with
 * everything after them (their documents are aligned again), so a resumed
 * run never pads a part with bytes no document wrote.
 */
#include "corpus/batch_journal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/json.h"

void tdm_journal_totals_format(const tdm_batch_totals *t, char *buf, size_t cap)
{
    snprintf(buf, cap, "%zu %zu %zu %zu %zu %zu %zu %zu %zu %.17g %zu", t->pairs, t->aligned,
             t->failed, t->src_sentences, t->tgt_sentences, t->beads, t->written, t->filtered,
             t->duplicates, t->score_sum, t->rejected);
}

int tdm_journal_totals_parse(const char *s, tdm_batch_totals *t)
{
    /* Journals written before rejections were counted apart have 10 fields. */
    char tail;
    t->rejected = 0;
    int n = sscanf(s, "%zu %zu %zu %zu %zu %zu %zu %zu %zu %lg %zu %c", &t->pairs, &t->aligned,
                   &t->failed, &t->src_sentences, &t->tgt_sentences, &t->beads, &t->written,
                   &t->filtered, &t->duplicates, &t->score_sum, &t->rejected, &tail);
    return n == 10 || n == 11 ? 0 : -1;
}

/* A string field's value, or NULL. */
static const char *string_of(const tdm_json_object *obj, const char *key)
{
    const tdm_json_field *f = tdm_json_object_get(obj, key);
    return f && f->kind == TDM_JSON_STRING ? f->value : NULL;
}

/* nfiles sizes from "n n n" into out; 0, or -1 when malformed. */
static int parse_offsets(const char *s, size_t nfiles, long long *out)
{
    if (!s)
        return -1;
    char *end = (char *)s;
    for (size_t i = 0; i < nfiles; i++) {
        const char *prev = end;
        while (*end == ' ')
            end++;
        if (*end < '0' || *end > '9')
            return -1;
        out[i] = strtoll(end, &end, 10);
        if (end == prev || out[i] < 0)
            return -1;
    }
    return *end == '\0' ? 0 : -1;
}

/* Whether off describes no more than usable holds and nothing less than
 * the line before (prev). */
static int fits(const long long *off, const long long *prev, const long long *usable, size_t nfiles)
{
    for (size_t i = 0; i < nfiles; i++)
        if (off[i] > usable[i] || (prev && off[i] < prev[i]))
            return 0;
    return 1;
}

/* The header: 1 when usable, 0 when not, TDM_EUSAGE when it belongs to
 * another kind of run. */
static int header(const tdm_json_object *obj, const char *format, size_t nfiles,
                  const long long *usable, tdm_journal_state *st, const char *name, tdm_error *err)
{
    const tdm_json_field *tag = tdm_json_object_get(obj, "tandem_batch");
    const char *fmt = string_of(obj, "format");
    const tdm_json_field *nf = tdm_json_object_get(obj, "files");
    long long off[TDM_JOURNAL_MAX_FILES];
    if (!tag || !fmt || !nf || nf->kind != TDM_JSON_NUMBER)
        return 0;
    if (strcmp(fmt, format) != 0 || strtoul(nf->value, NULL, 10) != nfiles)
        return tdm_fail(err, TDM_EUSAGE, name, 1, -1,
                        "the stopped run wrote another format or other files: resume it "
                        "with the same options, or remove the journal");
    if (parse_offsets(string_of(obj, "offsets"), nfiles, off) != 0 ||
        !fits(off, NULL, usable, nfiles))
        return 0;
    memcpy(st->offsets, off, nfiles * sizeof *off);
    return 1;
}

/* A line after the header: 1 kept, 0 not (the scan stops), < 0 error. */
static int later_line(const tdm_json_object *obj, size_t nfiles, const long long *usable,
                      tdm_journal_id_fn on_id, void *ctx, tdm_journal_state *st, const char *name,
                      tdm_error *err)
{
    long long off[TDM_JOURNAL_MAX_FILES];
    if (parse_offsets(string_of(obj, "offsets"), nfiles, off) != 0 ||
        !fits(off, st->offsets, usable, nfiles))
        return 0;
    if (tdm_json_object_get(obj, "finished")) {
        st->finished = 1;
        memcpy(st->offsets, off, nfiles * sizeof *off);
        return 1;
    }
    const tdm_json_field *id = tdm_json_object_get(obj, "id");
    const char *tot = string_of(obj, "totals");
    tdm_batch_totals nt = {0};
    if (!id || id->kind != TDM_JSON_STRING || !tot || tdm_journal_totals_parse(tot, &nt) != 0 ||
        nt.pairs != (size_t)st->lines) /* one document a line, counted from 1 */
        return 0;
    int rc = on_id ? on_id(ctx, id->value, id->value_len) : 0;
    if (rc < 0)
        return tdm_fail(err, rc, name, st->lines + 1, -1, "out of memory");
    st->totals = nt;
    memcpy(st->offsets, off, nfiles * sizeof *off);
    return 1;
}

int tdm_journal_scan(const char *data, size_t len, const char *format, size_t nfiles,
                     const long long *usable, tdm_journal_id_fn on_id, void *ctx,
                     tdm_journal_state *st, const char *name, tdm_error *err)
{
    memset(st, 0, sizeof *st);
    if (nfiles == 0 || nfiles > TDM_JOURNAL_MAX_FILES)
        return tdm_fail(err, TDM_EUSAGE, name, -1, -1, "batch: bad number of output files");
    tdm_json_object *obj = tdm_json_object_new();
    if (!obj)
        return tdm_fail(err, TDM_ENOMEM, name, -1, -1, "out of memory");
    int rc = 0;
    size_t pos = 0;
    while (pos < len && !st->finished) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        if (!nl)
            break; /* the last line was cut short */
        size_t n = (size_t)(nl - (data + pos));
        tdm_error perr;
        if (tdm_json_object_parse(obj, data + pos, n, name, st->lines + 1, &perr) != 0)
            break;
        int ok = st->lines == 0 ? header(obj, format, nfiles, usable, st, name, err)
                                : later_line(obj, nfiles, usable, on_id, ctx, st, name, err);
        if (ok < 0)
            rc = ok;
        if (ok != 1)
            break;
        st->lines++;
        pos += n + 1;
        st->bytes = pos;
    }
    tdm_json_object_free(obj);
    if (rc < 0)
        return rc;
    return st->lines > 0;
}
