/*
 * offmap.c: offset maps (text/offmap.h). A map is a sorted array of
 * runs, each saying how wide characters are on both sides from its start
 * on; lookups bisect to the run and step by character widths inside it.
 * Writers add a run per character and rely on tdm_offmap_add to merge the
 * ones the previous run already predicts, so the array stays as small as
 * the number of places where the relation changes.
 */
#include "text/offmap.h"

#include <stdlib.h>

#include "tandem/tandem.h"

int tdm_offmap_add(tdm_offmap *m, size_t from, size_t to, uint32_t from_width, uint32_t to_width)
{
    if (m->count) {
        tdm_offmap_run *last = &m->runs[m->count - 1];
        size_t d = from - last->from;
        if (last->from_width == from_width && last->to_width == to_width && d % from_width == 0 &&
            last->to + d / from_width * to_width == to)
            return TDM_OK;
        if (d == 0) {
            *last = (tdm_offmap_run){from, to, from_width, to_width};
            return TDM_OK;
        }
    }
    if (m->count == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 16;
        tdm_offmap_run *runs = realloc(m->runs, cap * sizeof *runs);
        if (!runs)
            return TDM_ENOMEM;
        m->runs = runs;
        m->cap = cap;
    }
    m->runs[m->count++] = (tdm_offmap_run){from, to, from_width, to_width};
    return TDM_OK;
}

size_t tdm_offmap_apply(const tdm_offmap *m, size_t x)
{
    if (!m->count)
        return x;
    size_t lo = 0, hi = m->count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->runs[mid].from <= x)
            lo = mid;
        else
            hi = mid;
    }
    const tdm_offmap_run *r = &m->runs[lo];
    if (x < r->from)
        return r->to;
    size_t d = x - r->from, rem = d % r->from_width;
    size_t y = r->to + d / r->from_width * r->to_width + (rem < r->to_width ? rem : r->to_width);
    if (lo + 1 < m->count && y > m->runs[lo + 1].to)
        y = m->runs[lo + 1].to;
    return y;
}

void tdm_offmap_free(tdm_offmap *m)
{
    free(m->runs);
    *m = (tdm_offmap){0};
}
