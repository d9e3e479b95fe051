/*
 * u32vec.h: a growable array of uint32_t (ids, keys), doubled as needed.
 * Zero-initialize it ({0}); free(v.v) when done.
 */
#ifndef TANDEM_INTERNAL_U32VEC_H
#define TANDEM_INTERNAL_U32VEC_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

typedef struct tdm_u32vec {
    uint32_t *v;
    size_t n, cap;
} tdm_u32vec;

/* Appends x; returns 0, or -1 when out of memory (a unchanged). */
static inline int tdm_u32vec_push(tdm_u32vec *a, uint32_t x)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 256;
        uint32_t *v = (uint32_t *)realloc(a->v, cap * sizeof *v);
        if (!v)
            return -1;
        a->v = v;
        a->cap = cap;
    }
    a->v[a->n++] = x;
    return 0;
}

#endif
