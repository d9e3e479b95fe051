/*
 * decode.h: turning the bytes of a text file into one UTF-8, NFC, LF-only
 * buffer, and mapping offsets of that buffer back to the original bytes.
 * The algorithm, the encoding decision rule and their sources are in
 * decode.c.
 */
#ifndef TANDEM_INTERNAL_DECODE_H
#define TANDEM_INTERNAL_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "tandem/tandem.h"

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

/* The decoded text. to_utf8 maps text offsets to offsets of the UTF-8
 * conversion (before line-end and NFC changes), from_utf8 maps those to
 * the original bytes; tdm_decoded_orig composes the two. */
typedef struct tdm_decoded {
    char *text; /* NUL-terminated, owned */
    size_t len;
    char encoding[64]; /* the input encoding as detected or given */
    size_t replaced;   /* U+FFFD substitutions (lossy mode) */
    tdm_offmap to_utf8, from_utf8;
} tdm_decoded;

/* Decodes data[0, len) (name is used in error messages; encoding NULL
 * detects; lossy nonzero replaces undecodable bytes with U+FFFD) into out,
 * which the caller releases with tdm_decoded_free, also after a failure.
 * adopt is NULL, or data itself when the caller gives it up: a malloc'ed
 * buffer with a NUL at len. When the text needs no change, out->text is
 * then adopt (the caller must not free it); otherwise adopt is untouched.
 * Returns 0, or TDM_EINPUT (undecodable, with the original byte offset),
 * TDM_EBINARY, TDM_EUSAGE (unknown forced encoding) or TDM_ENOMEM. */
int tdm_decode(const char *name, const unsigned char *data, size_t len, const char *encoding,
               int lossy, char *adopt, tdm_decoded *out, tdm_error *err);

/* Original byte offset of text offset x. */
size_t tdm_decoded_orig(const tdm_decoded *d, size_t x);

void tdm_decoded_free(tdm_decoded *d);

#endif
