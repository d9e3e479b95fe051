/*
 * format_common.c: what the format writers share (corpus/format.h): which
 * beads a filter keeps, the text of one side of a bead, the bead type and
 * id lists. Apart from format.c, which calls the writers, so that the
 * writers depend on this file and format.c on them, never both ways.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/strtab.h"
#include "corpus/format.h"
#include "corpus/record.h"

int tdm_format_filters_set(const tdm_write_opts *opts)
{
    return opts->min_score > 0 || opts->types || opts->max_ratio > 0 || opts->dedup;
}

/* Dedup within one document: the exact texts of the beads written. */
static int seen_before(tdm_strtab *seen, const tdm_record *r, int *rc)
{
    size_t len = r->src_len + 1 + r->tgt_len;
    char *key = malloc(len);
    if (!key) {
        *rc = TDM_ENOMEM;
        return 0;
    }
    memcpy(key, r->src, r->src_len);
    key[r->src_len] = '\t';
    memcpy(key + r->src_len + 1, r->tgt, r->tgt_len);
    size_t before = tdm_strtab_count(seen);
    if (tdm_strtab_intern(seen, key, len) == TDM_STRTAB_NONE)
        *rc = TDM_ENOMEM;
    free(key);
    return tdm_strtab_count(seen) == before;
}

/* The filters that need the beads' text: ratio and dedup. */
static int filter_texts(tdm_format_job *job)
{
    const tdm_write_opts *o = job->opts;
    tdm_strtab *seen = o->dedup ? tdm_strtab_new() : NULL;
    int rc = o->dedup && !seen ? TDM_ENOMEM : TDM_OK;
    for (size_t i = 0; i < job->count && rc == TDM_OK; i++) {
        if (!job->keep[i])
            continue;
        tdm_record r;
        if ((rc = tdm_record_from_docs(&r, job->src, job->tgt, &job->beads[i])) != TDM_OK)
            break;
        if (o->max_ratio > 0 && tdm_record_ratio(&r) > o->max_ratio) {
            job->keep[i] = 0;
            job->filtered++;
        } else if (seen && seen_before(seen, &r, &rc)) {
            job->keep[i] = 0;
            job->duplicates++;
        }
        tdm_record_free_text(&r);
    }
    tdm_strtab_free(seen);
    return rc;
}

int tdm_format_check_beads(const tdm_format_job *job)
{
    size_t n = tdm_doc_sentence_count(job->src), m = tdm_doc_sentence_count(job->tgt);
    for (size_t i = 0; i < job->count; i++) {
        const tdm_bead *b = &job->beads[i];
        if ((size_t)b->src_first + b->src_count > n || (size_t)b->tgt_first + b->tgt_count > m)
            return tdm_fail(job->err, TDM_EINTERNAL, NULL, -1, -1,
                            "bead %zu ([%u+%u]:[%u+%u]) lies outside the documents (%zu and "
                            "%zu sentences)",
                            i, (unsigned)b->src_first, (unsigned)b->src_count,
                            (unsigned)b->tgt_first, (unsigned)b->tgt_count, n, m);
    }
    return TDM_OK;
}

int tdm_format_job_init(tdm_format_job *job, tdm_format format, const tdm_doc *src,
                        const tdm_doc *tgt, const tdm_bead *beads, size_t count,
                        const tdm_write_opts *opts, tdm_write_opts *defaults, tdm_error *err)
{
    tdm_error_clear(err);
    if (!opts) { /* tdm_write_opts_init's defaults (format.c is above us) */
        memset(defaults, 0, sizeof *defaults);
        opts = defaults;
    }
    *job = (tdm_format_job){src, tgt, beads, count, opts, NULL, 0, 0, err};
    int rc = tdm_format_check_beads(job);
    if (rc != TDM_OK)
        return rc;
    /* The corpus formats hold translation pairs: by default, beads with
     * both sides (tmx and moses cannot hold any other). */
    int corpus = format == TDM_FMT_TSV || format == TDM_FMT_MOSES || format == TDM_FMT_TMX ||
                 format == TDM_FMT_JSONL;
    unsigned types = opts->types ? opts->types
                     : corpus    ? TDM_BEAD_TYPES_PAIRED
                                 : TDM_BEAD_TYPES_ALL;
    if (format == TDM_FMT_MOSES || format == TDM_FMT_TMX)
        types &= TDM_BEAD_TYPES_PAIRED;
    job->keep = malloc(count ? count : 1);
    if (!job->keep)
        return tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
    for (size_t i = 0; i < count; i++) {
        const tdm_bead *b = &beads[i];
        /* A NaN score fails every threshold but the default one. */
        job->keep[i] = (types & TDM_BEAD_TYPE(b->src_count, b->tgt_count)) &&
                       !(opts->min_score > 0 && !(b->score >= opts->min_score));
        job->filtered += !job->keep[i];
    }
    if ((opts->max_ratio > 0 || opts->dedup) && filter_texts(job) != TDM_OK) {
        tdm_format_job_free(job);
        return tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
    }
    return TDM_OK;
}

void tdm_format_job_free(tdm_format_job *job)
{
    free(job->keep);
    job->keep = NULL;
}

char *tdm_format_side_text(const tdm_doc *doc, uint32_t first, uint32_t count, size_t *len)
{
    size_t total = 0, cap = 64;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    for (uint32_t i = 0; i < count; i++) {
        size_t n;
        char *s = tdm_doc_sentence_dup(doc, (size_t)first + i, &n);
        if (!s) {
            free(out);
            return NULL;
        }
        if (total + n + 2 > cap) {
            while (total + n + 2 > cap)
                cap *= 2;
            char *grown = realloc(out, cap);
            if (!grown) {
                free(s);
                free(out);
                return NULL;
            }
            out = grown;
        }
        if (i > 0)
            out[total++] = ' ';
        for (size_t k = 0; k < n; k++)
            out[total++] = (s[k] == '\t' || s[k] == '\n' || s[k] == '\r') ? ' ' : s[k];
        free(s);
    }
    out[total] = '\0';
    if (len)
        *len = total;
    return out;
}
