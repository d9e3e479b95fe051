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

#include "text/offmap.h"
#include "tandem/tandem.h"

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
