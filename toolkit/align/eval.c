/*
 * eval.c: bead files and the alignment metric of doc/evaluation.md, the
 * strict and lax precision, recall and F1 used by the published Text+Berg
 * results (Sennrich & Volk 2010 and later Bleualign, Vecalign, Bertalign).
 *
 * Precision runs over the test beads (null beads included): a bead found
 * exactly in gold is a strict (and lax) hit; otherwise it is a lax hit when
 * one of its source sentences and one of its target sentences share a gold
 * bead. Recall runs over the gold beads with both sides non-empty, against
 * the test beads with both sides non-empty, the same way. Counts are summed
 * over documents before dividing (micro average). Beside them: the
 * precision of the many-to-many test beads (two or more sentences on both
 * sides; the share that are gold beads), and how many gold 1-1 beads lie
 * whole inside a larger test bead (merged with their neighbours).
 *
 * Each sentence id is mapped to the bead holding it on either side (one
 * array per side and per bead list), so that a document costs linear time.
 */
#include "tandem/eval.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/fileio.h"

/* Parses "[a, b, c]" at *p: ids must be ascending; *gap is set when they
 * are not consecutive. Returns 0 or -1 with a message in msg. */
static int parse_ids(const char **p, const char *end, uint32_t *first, uint32_t *count, int *gap,
                     const char **msg)
{
    const char *s = *p;
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    if (s >= end || *s != '[') {
        *msg = "expected '['";
        return -1;
    }
    s++;
    *first = 0;
    *count = 0;
    for (;;) {
        while (s < end && (*s == ' ' || *s == '\t'))
            s++;
        if (s < end && *s == ']' && *count == 0)
            break;
        if (s >= end || *s < '0' || *s > '9') {
            *msg = "expected a sentence id";
            return -1;
        }
        unsigned long long v = 0;
        while (s < end && *s >= '0' && *s <= '9') {
            v = v * 10 + (unsigned)(*s - '0');
            if (v >= UINT32_MAX) {
                *msg = "sentence id too large";
                return -1;
            }
            s++;
        }
        if (*count == 0) {
            *first = (uint32_t)v;
            *count = 1;
        } else if (v < (unsigned long long)*first + *count) {
            *msg = "ids of one side must be ascending";
            return -1;
        } else {
            *gap |= v != (unsigned long long)*first + *count;
            *count = (uint32_t)(v - *first + 1);
        }
        while (s < end && (*s == ' ' || *s == '\t'))
            s++;
        if (s < end && *s == ',') {
            s++;
            continue;
        }
        if (s < end && *s == ']')
            break;
        *msg = "expected ',' or ']'";
        return -1;
    }
    *p = s + 1;
    return 0;
}

/* Parses one bead line [s0, len). */
static int parse_line(const char *s, const char *end, tdm_bead *b, const char **msg)
{
    int gap = 0;
    if (parse_ids(&s, end, &b->src_first, &b->src_count, &gap, msg))
        return -1;
    if (s >= end || *s != ':') {
        *msg = "expected ':' between the two sides";
        return -1;
    }
    s++;
    if (parse_ids(&s, end, &b->tgt_first, &b->tgt_count, &gap, msg))
        return -1;
    b->score = 0;
    while (s < end && (*s == ' ' || *s == '\t' || *s == '\r'))
        s++;
    if (s < end && *s == ':') {
        s++;
        char buf[64];
        size_t n = (size_t)(end - s);
        if (n == 0 || n >= sizeof buf) {
            *msg = "bad score";
            return -1;
        }
        memcpy(buf, s, n);
        buf[n] = '\0';
        char *stop;
        errno = 0;
        b->score = strtod(buf, &stop);
        while (*stop == ' ' || *stop == '\t' || *stop == '\r')
            stop++;
        if (stop == buf || *stop != '\0' || errno) {
            *msg = "bad score";
            return -1;
        }
        s = end;
    }
    if (s != end) {
        *msg = "unexpected text after the bead";
        return -1;
    }
    if (gap)
        b->score = -1;
    return 0;
}

static int blank(const char *s, const char *end)
{
    for (; s < end; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r')
            return 0;
    return 1;
}

int tdm_beads_read(const char *path, tdm_bead **beads, size_t *count, tdm_error *err)
{
    char *data;
    size_t len;
    int rc = tdm_read_all(path, &data, &len, err);
    if (rc)
        return rc;
    size_t lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += data[i] == '\n';
    tdm_bead *out = malloc(lines * sizeof *out);
    if (!out) {
        free(data);
        return tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
    }
    size_t n = 0;
    long line = 0;
    for (size_t pos = 0; pos < len;) {
        const char *s = data + pos;
        const char *nl = memchr(s, '\n', len - pos);
        const char *end = nl ? nl : data + len;
        pos = (size_t)(end - data) + 1;
        line++;
        if (blank(s, end))
            continue;
        const char *msg = NULL;
        if (memchr(s, '\0', (size_t)(end - s)))
            msg = "NUL byte";
        else
            parse_line(s, end, &out[n], &msg);
        if (msg) {
            rc = tdm_fail(err, TDM_EINPUT, path, line, -1, "bad bead: %s", msg);
            free(out);
            free(data);
            return rc;
        }
        n++;
    }
    free(data);
    *beads = out;
    *count = n;
    return 0;
}

/* For each id of one side, the index of the bead holding it (-1: none).
 * Only beads with both sides non-empty when full_only. */
static void map_side(long *map, size_t size, const tdm_bead *b, size_t count, int tgt_side,
                     int full_only)
{
    for (size_t i = 0; i < size; i++)
        map[i] = -1;
    /* Beads with gaps first, so that the ids of a gap go to their own bead. */
    for (size_t pass = 0; pass < 2 * count; pass++) {
        size_t k = pass % count;
        if ((pass < count) != (b[k].score < 0))
            continue;
        if (full_only && (b[k].src_count == 0 || b[k].tgt_count == 0))
            continue;
        uint32_t first = tgt_side ? b[k].tgt_first : b[k].src_first;
        uint32_t n = tgt_side ? b[k].tgt_count : b[k].src_count;
        for (uint32_t x = 0; x < n && (size_t)first + x < size; x++)
            map[first + x] = (long)k;
    }
}

static int same_bead(const tdm_bead *a, const tdm_bead *b)
{
    return a->src_count == b->src_count && a->tgt_count == b->tgt_count &&
           (a->src_count == 0 || a->src_first == b->src_first) &&
           (a->tgt_count == 0 || a->tgt_first == b->tgt_first);
}

/* Whether bead b is exactly one of ref (located through the maps). */
static int exact(const tdm_bead *b, const tdm_bead *ref, const long *src_map, const long *tgt_map)
{
    long k = b->src_count ? src_map[b->src_first] : tgt_map[b->tgt_first];
    return k >= 0 && b->score >= 0 && ref[k].score >= 0 && same_bead(b, &ref[k]);
}

/* Whether some source id and some target id of bead self (own maps: the
 * ids of a bead with gaps that belong to other beads are skipped) share a
 * bead of ref (its maps src_map, tgt_map). */
static int linked(const tdm_bead *b, long self, const long *own_src, const long *own_tgt,
                  const long *src_map, const long *tgt_map)
{
    for (uint32_t x = 0; x < b->src_count; x++) {
        long k = src_map[b->src_first + x];
        if (k < 0 || (b->score < 0 && own_src[b->src_first + x] != self))
            continue;
        for (uint32_t y = 0; y < b->tgt_count; y++)
            if (tgt_map[b->tgt_first + y] == k &&
                (b->score >= 0 || own_tgt[b->tgt_first + y] == self))
                return 1;
    }
    return 0;
}

void tdm_eval_add(tdm_eval_counts *counts, const tdm_bead *gold, size_t gold_count,
                  const tdm_bead *test, size_t test_count)
{
    size_t ns = 1, nt = 1;
    const tdm_bead *lists[2] = {gold, test};
    size_t sizes[2] = {gold_count, test_count};
    for (int l = 0; l < 2; l++)
        for (size_t k = 0; k < sizes[l]; k++) {
            const tdm_bead *b = &lists[l][k];
            if (b->src_count && (size_t)b->src_first + b->src_count > ns)
                ns = (size_t)b->src_first + b->src_count;
            if (b->tgt_count && (size_t)b->tgt_first + b->tgt_count > nt)
                nt = (size_t)b->tgt_first + b->tgt_count;
        }
    long *gs = malloc(ns * sizeof *gs), *gt = malloc(nt * sizeof *gt);
    long *ts = malloc(ns * sizeof *ts), *tt = malloc(nt * sizeof *tt);
    long *as = malloc(ns * sizeof *as), *at = malloc(nt * sizeof *at);
    if (gs && gt && ts && tt && as && at) {
        map_side(gs, ns, gold, gold_count, 0, 0);
        map_side(gt, nt, gold, gold_count, 1, 0);
        map_side(ts, ns, test, test_count, 0, 1);
        map_side(tt, nt, test, test_count, 1, 1);
        map_side(as, ns, test, test_count, 0, 0); /* every test bead */
        map_side(at, nt, test, test_count, 1, 0);
        for (size_t k = 0; k < test_count; k++) {
            const tdm_bead *b = &test[k];
            if (b->src_count == 0 && b->tgt_count == 0)
                continue;
            counts->test_beads++;
            int many = b->src_count >= 2 && b->tgt_count >= 2;
            counts->many_beads += many;
            if (exact(b, gold, gs, gt)) {
                counts->strict_p++;
                counts->lax_p++;
                counts->many_strict += many;
            } else if (linked(b, (long)k, as, at, gs, gt)) {
                counts->lax_p++;
            }
        }
        for (size_t k = 0; k < gold_count; k++) {
            const tdm_bead *b = &gold[k];
            if (b->src_count == 0 || b->tgt_count == 0)
                continue;
            counts->gold_beads++;
            if (b->src_count == 1 && b->tgt_count == 1 && b->score >= 0) {
                long t = as[b->src_first];
                counts->gold_1to1++;
                counts->merged_1to1 +=
                    t >= 0 && at[b->tgt_first] == t && test[t].src_count + test[t].tgt_count > 2;
            }
            if (exact(b, test, ts, tt)) {
                counts->strict_r++;
                counts->lax_r++;
            } else if (linked(b, (long)k, gs, gt, ts, tt)) {
                counts->lax_r++;
            }
        }
    }
    free(gs);
    free(gt);
    free(ts);
    free(tt);
    free(as);
    free(at);
}

static double f1(double p, double r)
{
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

void tdm_eval_scores_of(const tdm_eval_counts *c, tdm_eval_scores *s)
{
    double tb = (double)c->test_beads, gb = (double)c->gold_beads;
    s->strict_p = tb > 0 ? c->strict_p / tb : 0;
    s->lax_p = tb > 0 ? c->lax_p / tb : 0;
    s->strict_r = gb > 0 ? c->strict_r / gb : 0;
    s->lax_r = gb > 0 ? c->lax_r / gb : 0;
    s->strict_f1 = f1(s->strict_p, s->strict_r);
    s->lax_f1 = f1(s->lax_p, s->lax_r);
    s->many_p = c->many_beads > 0 ? (double)c->many_strict / (double)c->many_beads : 0;
}
