/*
 * prefetch.h: a hint to start loading memory that will be read soon.
 * Lookups in tables of tens of thousands of words miss the cache; walking
 * many of them, callers hint a few ahead so that the misses overlap.
 */
#ifndef TANDEM_INTERNAL_PREFETCH_H
#define TANDEM_INTERNAL_PREFETCH_H

#if defined(__GNUC__)
#define TDM_PREFETCH(p) __builtin_prefetch(p)
#else
#define TDM_PREFETCH(p) ((void)(p))
#endif

#endif
