/*
 * offmap.h: monotone maps between byte offsets of two versions of a text
 * (a file and its UTF-8 conversion, or that and its normalized form).
 */
#ifndef TANDEM_INTERNAL_OFFMAP_H
#define TANDEM_INTERNAL_OFFMAP_H

#include <stddef.h>
#include <stdint.h>

/* One run of an offset map: from offset `from` of the source side on, until
 * the next run, characters are from_width bytes wide there and to_width
 * bytes wide on the target side, starting at target offset `to`. */
typedef struct tdm_offmap_run {
    size_t from, to;
    uint32_t from_width, to_width;
} tdm_offmap_run;

/* A monotone map between two byte sequences, as runs sorted by `from`.
 * Runs are added only where the relation changes, so a plain UTF-8 file
 * has one run and a Latin-1 file one per stretch of ASCII or non-ASCII. */
typedef struct tdm_offmap {
    tdm_offmap_run *runs;
    size_t count, cap;
} tdm_offmap;

/* Appends a run (from must not decrease); merges it into the last run when
 * that one already predicts it. Returns 0 or TDM_ENOMEM. */
int tdm_offmap_add(tdm_offmap *m, size_t from, size_t to, uint32_t from_width, uint32_t to_width);

/* Maps offset x (binary search); an empty map is the identity. Offsets
 * inside a character map inside (or to the start of) its image. */
size_t tdm_offmap_apply(const tdm_offmap *m, size_t x);

void tdm_offmap_free(tdm_offmap *m);

#endif
