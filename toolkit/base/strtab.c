/*
 * strtab.c: string interning (see base/strtab.h).
 *
 * Linear probing (hash in strtab.h), a slot array kept at most half full.
 * Lookups are most of the cost of a summary's terms and they miss the
 * cache (tables of tens of thousands of words), so a lookup touches two
 * places only: its slot, which holds the key's hash next to where the key
 * is, and the key's entry in the arena, which holds its id and length just
 * before its bytes:
 *
 *   slot:  hash << 32 | (entry offset / 4 + 1)     0 when empty
 *   entry: uint32 id, uint32 length, bytes, NUL, padding to 4 bytes
 *
 * Entry offsets are thus limited to 16 GB of keys. Growing rehashes slots
 * only, never keys; offsets[id] maps ids back to their entries for get.
 */
#include "base/prefetch.h"
#include "base/strtab.h"

#include <stdlib.h>
#include <string.h>

#define ENTRY_HEAD 8 /* id and length */
#define MAX_ARENA ((size_t)(UINT32_MAX - 1) * 4)

struct tdm_strtab {
    uint64_t *slots;   /* see the top comment */
    size_t *offsets;   /* id -> offset of its entry in arena */
    char *arena;       /* the entries */
    size_t slot_count; /* power of two */
    size_t count, cap; /* ids in use, room in offsets */
    size_t arena_len, arena_cap;
};

/* Bytes of an entry whose key has len bytes. */
static size_t entry_size(size_t len)
{
    return (ENTRY_HEAD + len + 1 + 3) & ~(size_t)3;
}

static uint32_t read_u32(const char *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

tdm_strtab *tdm_strtab_new(void)
{
    tdm_strtab *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->slot_count = 64;
    t->slots = calloc(t->slot_count, sizeof *t->slots);
    if (!t->slots) {
        free(t);
        return NULL;
    }
    return t;
}

void tdm_strtab_free(tdm_strtab *t)
{
    if (!t)
        return;
    free(t->slots);
    free(t->offsets);
    free(t->arena);
    free(t);
}

size_t tdm_strtab_count(const tdm_strtab *t)
{
    return t->count;
}

const char *tdm_strtab_get(const tdm_strtab *t, uint32_t id, size_t *len)
{
    const char *e = t->arena + t->offsets[id];
    if (len)
        *len = read_u32(e + 4);
    return e + ENTRY_HEAD;
}

#define SLOT_HASH(slot) ((uint32_t)((slot) >> 32))
#define SLOT_ENTRY(t, slot) ((t)->arena + ((size_t)(uint32_t)(slot)-1) * 4)

/* The slot holding s[0, len) (hash h), or the empty slot where it goes. */
static size_t probe(const tdm_strtab *t, uint32_t h, const char *s, size_t len)
{
    size_t mask = t->slot_count - 1;
    size_t i = h & mask;
    uint64_t slot;
    while ((slot = t->slots[i]) != 0) {
        if (SLOT_HASH(slot) == h) {
            const char *e = SLOT_ENTRY(t, slot);
            if (read_u32(e + 4) == len && memcmp(e + ENTRY_HEAD, s, len) == 0)
                return i;
        }
        i = (i + 1) & mask;
    }
    return i;
}

uint32_t tdm_strtab_find_hashed(const tdm_strtab *t, uint32_t hash, const char *s, size_t len)
{
    size_t i = probe(t, hash, s, len);
    return t->slots[i] ? read_u32(SLOT_ENTRY(t, t->slots[i])) : TDM_STRTAB_NONE;
}

uint32_t tdm_strtab_find(const tdm_strtab *t, const char *s, size_t len)
{
    return tdm_strtab_find_hashed(t, tdm_strtab_hash(s, len), s, len);
}

void tdm_strtab_prefetch(const tdm_strtab *t, uint32_t hash, int entry)
{
    const uint64_t *slot = &t->slots[hash & (t->slot_count - 1)];
    if (!entry) {
        TDM_PREFETCH(slot);
        return;
    }
    uint64_t v = *slot;
    if (v && SLOT_HASH(v) == hash)
        TDM_PREFETCH(SLOT_ENTRY(t, v));
}

uint32_t tdm_strtab_peek(const tdm_strtab *t, uint32_t hash)
{
    uint64_t v = t->slots[hash & (t->slot_count - 1)];
    return v && SLOT_HASH(v) == hash ? read_u32(SLOT_ENTRY(t, v)) : TDM_STRTAB_NONE;
}

/* Rehashes into n slots (a power of two, larger); 0 or -1 on OOM (the
 * table unchanged). The array grows in place and the keys are inserted
 * again from the arena, where they lie in id order: a fresh array and a
 * copy of the slots would touch twice the memory, and on a summary run
 * the page faults of growing tables were a tenth of the time. */
static int resize_slots(tdm_strtab *t, size_t n)
{
    uint64_t *slots = realloc(t->slots, n * sizeof *slots);
    if (!slots)
        return -1;
    memset(slots, 0, n * sizeof *slots);
    for (size_t off = 0; off < t->arena_len;) {
        const char *e = t->arena + off;
        size_t len = read_u32(e + 4);
        uint32_t h = tdm_strtab_hash(e + ENTRY_HEAD, len);
        size_t i = h & (n - 1);
        while (slots[i])
            i = (i + 1) & (n - 1);
        slots[i] = (uint64_t)h << 32 | (uint32_t)(off / 4 + 1);
        off += entry_size(len);
    }
    t->slots = slots;
    t->slot_count = n;
    return 0;
}

/* Makes room in offsets for cap ids; 0 or -1 on OOM. */
static int reserve_ids(tdm_strtab *t, size_t cap)
{
    if (cap <= t->cap)
        return 0;
    size_t *offsets = realloc(t->offsets, cap * sizeof *offsets);
    if (!offsets)
        return -1;
    t->offsets = offsets;
    t->cap = cap;
    return 0;
}

/* Makes room in the arena for cap bytes; 0 or -1 on OOM. */
static int reserve_arena(tdm_strtab *t, size_t cap)
{
    if (cap <= t->arena_cap)
        return 0;
    if (cap > MAX_ARENA)
        return -1;
    char *arena = realloc(t->arena, cap);
    if (!arena)
        return -1;
    t->arena = arena;
    t->arena_cap = cap;
    return 0;
}

uint32_t tdm_strtab_intern(tdm_strtab *t, const char *s, size_t len)
{
    return tdm_strtab_intern_hashed(t, tdm_strtab_hash(s, len), s, len);
}

uint32_t tdm_strtab_intern_hashed(tdm_strtab *t, uint32_t h, const char *s, size_t len)
{
    size_t i = probe(t, h, s, len);
    if (t->slots[i])
        return read_u32(SLOT_ENTRY(t, t->slots[i]));
    if (t->count >= UINT32_MAX - 1 || len > UINT32_MAX)
        return TDM_STRTAB_NONE;
    if (t->count == t->cap && reserve_ids(t, t->cap ? t->cap * 2 : 64) != 0)
        return TDM_STRTAB_NONE;
    size_t size = entry_size(len);
    if (t->arena_len + size > t->arena_cap) {
        size_t cap = t->arena_cap ? t->arena_cap : 1024;
        while (cap < t->arena_len + size)
            cap *= 2;
        if (cap > MAX_ARENA)
            cap = MAX_ARENA;
        if (t->arena_len + size > cap || reserve_arena(t, cap) != 0)
            return TDM_STRTAB_NONE;
    }
    uint32_t id = (uint32_t)t->count++, klen = (uint32_t)len;
    char *e = t->arena + t->arena_len;
    memcpy(e, &id, 4);
    memcpy(e + 4, &klen, 4);
    memcpy(e + ENTRY_HEAD, s, len);
    memset(e + ENTRY_HEAD + len, 0, size - ENTRY_HEAD - len); /* NUL and padding */
    t->offsets[id] = t->arena_len;
    t->slots[i] = (uint64_t)h << 32 | (uint32_t)(t->arena_len / 4 + 1);
    t->arena_len += size;
    if (t->count * 2 > t->slot_count && resize_slots(t, t->slot_count * 2) != 0) {
        /* Undo the insertion: the table stays as it was. */
        t->slots[i] = 0;
        t->count--;
        t->arena_len = t->offsets[id];
        return TDM_STRTAB_NONE;
    }
    return id;
}
