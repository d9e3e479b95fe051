/*
 * grow.h: growing an array by doubling, the one growth rule of the
 * toolkit's vectors (tables of ids, occurrences, paragraphs...).
 */
#ifndef TANDEM_INTERNAL_GROW_H
#define TANDEM_INTERNAL_GROW_H

#include <stdlib.h>
#include <string.h>

/* Grows the array *p of *cap elements of size bytes to hold need, doubling
 * from first (when *cap is 0); with zero, the new elements are zeroed.
 * Returns 0, or -1 when out of memory (*p and *cap unchanged). */
static inline int tdm_grow(void **p, size_t *cap, size_t need, size_t size, size_t first, int zero)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : first;
    while (c < need)
        c *= 2;
    char *bigger = (char *)realloc(*p, c * size);
    if (!bigger)
        return -1;
    if (zero)
        memset(bigger + *cap * size, 0, (c - *cap) * size);
    *p = bigger;
    *cap = c;
    return 0;
}

#endif
