/*
 * strtab.c: string interning (see internal/strtab.h). FNV-1a hashing; the
 * slot array stores id + 1 (0 = empty) and is kept at most half full.
 */
#include "internal/strtab.h"

#include <stdlib.h>
#include <string.h>

struct tdm_strtab {
    uint32_t *slots;   /* id + 1, 0 when empty */
    uint32_t *hashes;  /* hash of each id, to grow without rehashing keys */
    size_t *offsets;   /* start of each id's key in arena */
    char *arena;       /* keys, each NUL-terminated */
    size_t slot_count; /* power of two */
    size_t count, cap; /* ids in use, room in offsets/hashes */
    size_t arena_len, arena_cap;
};

static uint32_t hash_bytes(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
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
    free(t->hashes);
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
    const char *s = t->arena + t->offsets[id];
    if (len) {
        size_t end = id + 1 < t->count ? t->offsets[id + 1] - 1 : t->arena_len - 1;
        *len = end - t->offsets[id];
    }
    return s;
}

static int key_equals(const tdm_strtab *t, uint32_t id, const char *s, size_t len)
{
    size_t klen;
    const char *k = tdm_strtab_get(t, id, &klen);
    return klen == len && memcmp(k, s, len) == 0;
}

static size_t probe(const tdm_strtab *t, uint32_t h, const char *s, size_t len)
{
    size_t mask = t->slot_count - 1;
    size_t i = h & mask;
    while (t->slots[i]) {
        uint32_t id = t->slots[i] - 1;
        if (t->hashes[id] == h && key_equals(t, id, s, len))
            return i;
        i = (i + 1) & mask;
    }
    return i;
}

uint32_t tdm_strtab_find(const tdm_strtab *t, const char *s, size_t len)
{
    size_t i = probe(t, hash_bytes(s, len), s, len);
    return t->slots[i] ? t->slots[i] - 1 : TDM_STRTAB_NONE;
}

static int grow_slots(tdm_strtab *t)
{
    size_t n = t->slot_count * 2;
    uint32_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t id = 0; id < t->count; id++) {
        size_t i = t->hashes[id] & (n - 1);
        while (slots[i])
            i = (i + 1) & (n - 1);
        slots[i] = (uint32_t)id + 1;
    }
    free(t->slots);
    t->slots = slots;
    t->slot_count = n;
    return 0;
}

uint32_t tdm_strtab_intern(tdm_strtab *t, const char *s, size_t len)
{
    uint32_t h = hash_bytes(s, len);
    size_t i = probe(t, h, s, len);
    if (t->slots[i])
        return t->slots[i] - 1;
    if (t->count >= UINT32_MAX - 1)
        return TDM_STRTAB_NONE;
    if (t->count == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        size_t *offsets = realloc(t->offsets, cap * sizeof *offsets);
        if (!offsets)
            return TDM_STRTAB_NONE;
        t->offsets = offsets;
        uint32_t *hashes = realloc(t->hashes, cap * sizeof *hashes);
        if (!hashes)
            return TDM_STRTAB_NONE;
        t->hashes = hashes;
        t->cap = cap;
    }
    if (t->arena_len + len + 1 > t->arena_cap) {
        size_t cap = t->arena_cap ? t->arena_cap : 1024;
        while (cap < t->arena_len + len + 1)
            cap *= 2;
        char *arena = realloc(t->arena, cap);
        if (!arena)
            return TDM_STRTAB_NONE;
        t->arena = arena;
        t->arena_cap = cap;
    }
    uint32_t id = (uint32_t)t->count++;
    t->offsets[id] = t->arena_len;
    t->hashes[id] = h;
    memcpy(t->arena + t->arena_len, s, len);
    t->arena[t->arena_len + len] = '\0';
    t->arena_len += len + 1;
    t->slots[i] = id + 1;
    if (t->count * 2 > t->slot_count && grow_slots(t) != 0) {
        /* The key is stored and findable by a linear scan only; keep the
         * table consistent by undoing the insertion. */
        t->slots[i] = 0;
        t->count--;
        t->arena_len = t->offsets[id];
        return TDM_STRTAB_NONE;
    }
    return id;
}
