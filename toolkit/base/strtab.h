/*
 * strtab.h: a string interning table. Maps byte strings to dense ids
 * 0, 1, 2... in insertion order, so that vocabularies (alignment tokens,
 * summary terms, abbreviations, stopwords) are arrays indexed by id.
 *
 * Open addressing with linear probing over a power-of-two slot array; keys
 * are copied into one growing arena, so a table is three allocations
 * however many strings it holds. Not thread-safe: one table per thread or
 * build it first and only look up afterwards (lookups do not write).
 */
#ifndef TANDEM_INTERNAL_STRTAB_H
#define TANDEM_INTERNAL_STRTAB_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct tdm_strtab tdm_strtab;

#define TDM_STRTAB_NONE UINT32_MAX

/* A new empty table (caller frees with tdm_strtab_free), NULL on OOM. */
tdm_strtab *tdm_strtab_new(void);
void tdm_strtab_free(tdm_strtab *t);

/* Id of s[0, len), adding it if new. TDM_STRTAB_NONE on OOM. */
uint32_t tdm_strtab_intern(tdm_strtab *t, const char *s, size_t len);

/* Id of s[0, len), or TDM_STRTAB_NONE if absent. */
uint32_t tdm_strtab_find(const tdm_strtab *t, const char *s, size_t len);

/* The hash the tables use (inline: summaries hash every token). Eight
 * bytes at a time, the last few read as two overlapping words, then
 * mixed by multiply and shift (the finalizer of MurmurHash3) so that the
 * low bits, which pick slots, depend on every byte. */
static inline uint32_t tdm_strtab_hash(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    uint64_t h = 0x9e3779b97f4a7c15ull * (len + 1), w = 0;
    for (; len > 8; p += 8, len -= 8) {
        memcpy(&w, p, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 31;
    }
    if (len >= 4) {
        uint32_t a, b;
        memcpy(&a, p, 4);
        memcpy(&b, p + len - 4, 4);
        w = (uint64_t)a << 32 | b;
    } else if (len > 0) {
        w = (uint64_t)p[0] << 16 | (uint64_t)p[len / 2] << 8 | p[len - 1];
    }
    h ^= w;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return (uint32_t)h;
}

/* Intern with the hash already computed (tdm_strtab_hash(s, len)), for
 * callers that hash keys ahead to prefetch them. */
uint32_t tdm_strtab_intern_hashed(tdm_strtab *t, uint32_t hash, const char *s, size_t len);

/* Find with the hash already computed (for callers that keep a cache
 * keyed by the same hash in front of a table). */
uint32_t tdm_strtab_find_hashed(const tdm_strtab *t, uint32_t hash, const char *s, size_t len);

/* A hint that a key of that hash will be looked up soon: starts loading its
 * slot into the cache, or with entry nonzero (once the slot had time to
 * arrive) the key the slot points to. Changes no result; lets a caller
 * walking many keys overlap their cache misses. */
void tdm_strtab_prefetch(const tdm_strtab *t, uint32_t hash, int entry);

/* The id of the key the first slot probed for that hash points to, when
 * its hash matches (without comparing keys: it may be another key), else
 * TDM_STRTAB_NONE: a guess for prefetching arrays indexed by id. */
uint32_t tdm_strtab_peek(const tdm_strtab *t, uint32_t hash);

/* Number of strings. */
size_t tdm_strtab_count(const tdm_strtab *t);

/* The string with that id (NUL-terminated, owned by the table, valid until
 * the next intern); *len gets its length when len is not NULL. */
const char *tdm_strtab_get(const tdm_strtab *t, uint32_t id, size_t *len);

#endif
