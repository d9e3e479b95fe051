/*
 * normalize.h: the second decoding stage, from well-formed UTF-8 to the
 * document text: LF line ends and NFC (algorithm in normalize.c).
 */
#ifndef TANDEM_INTERNAL_NORMALIZE_H
#define TANDEM_INTERNAL_NORMALIZE_H

#include <stddef.h>

#include "text/offmap.h"

/* Control characters met (C0 other than tab, LF, VT, FF, CR; DEL; C1):
 * how many, and the UTF-8 offset of the first. */
typedef struct tdm_controls {
    size_t count, first;
} tdm_controls;

/* Normalizes u[0, n) (well-formed UTF-8) into *text (new, NUL-terminated,
 * *len bytes) and appends to map the runs from text offsets to u offsets.
 * adopt is NULL or u itself as a malloc'ed buffer with a NUL at n: when
 * nothing changes, *text is then adopt, not a copy. Counts controls into
 * cc. Returns 0 or TDM_ENOMEM. */
int tdm_normalize(const unsigned char *u, size_t n, char *adopt, char **text, size_t *len,
                  tdm_offmap *map, tdm_controls *cc);

#endif
