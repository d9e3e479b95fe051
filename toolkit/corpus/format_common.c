/*
 * format_common.c: what the format writers share (corpus/format.h): which
 * beads a filter keeps, the text of one side of a bead, the bead type and
 * id lists. Apart from format.c, which calls the writers, so that the
 * writers depend on this file and format.c on them, never both ways.
 */
#include <stdio.h>
#include <stdlib.h>

#include "corpus/format.h"

int tdm_format_filters_set(const tdm_write_opts *opts)
{
    return opts->min_score > 0 || opts->only_1to1;
}

int tdm_format_keeps(const tdm_bead *bead, const tdm_write_opts *opts)
{
    if (opts->only_1to1 && (bead->src_count != 1 || bead->tgt_count != 1))
        return 0;
    /* A NaN score fails every threshold but the default one. */
    if (opts->min_score > 0 && !(bead->score >= opts->min_score))
        return 0;
    return 1;
}

void tdm_format_bead_type(const tdm_bead *bead, char *buf, size_t cap)
{
    snprintf(buf, cap, "%u-%u", (unsigned)bead->src_count, (unsigned)bead->tgt_count);
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

void tdm_format_write_ids(FILE *f, uint32_t first, uint32_t count)
{
    fputc('[', f);
    for (uint32_t i = 0; i < count; i++)
        fprintf(f, i ? ", %u" : "%u", (unsigned)(first + i));
    fputc(']', f);
}
