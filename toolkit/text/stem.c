/*
 * stem.c: the Snowball stemmers (Porter 2001, "Snowball: a language for
 * stemming algorithms"; libstemmer) behind text/stem.h, with a memo.
 *
 * Words repeat (Zipf), and stemming is a large share of the time of both
 * summaries and lexical evidence: a stemmer remembers the stems of up to
 * MEMO_MAX folded words, so that a text, or a batch of them, stems each
 * word once.
 */
#include "text/stem.h"

#include <errno.h>
#include <libstemmer.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/strtab.h"
#include "tandem/lang.h"
#include "tandem/tandem.h"
#include "text/lang.h"

/* Distinct keys a memo remembers (a few MB at most). */
#define MEMO_MAX (1u << 18)

/* A bounded map from strings to strings or to "nothing" (a skipped word). */
typedef struct memo {
    tdm_strtab *keys, *values;
    uint32_t *value_of; /* key id -> value id + 1, 0: nothing */
    size_t cap;
} memo;

static int memo_init(memo *m)
{
    memset(m, 0, sizeof *m);
    m->keys = tdm_strtab_new();
    m->values = tdm_strtab_new();
    return m->keys && m->values ? 0 : -1;
}

static void memo_free(memo *m)
{
    tdm_strtab_free(m->keys);
    tdm_strtab_free(m->values);
    free(m->value_of);
}

/* 1 with *value (NULL for nothing) when key is remembered, else 0. The
 * value is owned by the memo, valid until the next memo_put. */
static int memo_get(const memo *m, const char *key, size_t len, const char **value,
                    size_t *value_len)
{
    uint32_t id = tdm_strtab_find(m->keys, key, len);
    if (id == TDM_STRTAB_NONE)
        return 0;
    uint32_t v = m->value_of[id];
    *value = v ? tdm_strtab_get(m->values, v - 1, value_len) : NULL;
    return 1;
}

/* Remembers key -> value (NULL: nothing) while there is room; a failure
 * (out of memory) only means the key will be worked out again. */
static void memo_put(memo *m, const char *key, size_t len, const char *value, size_t value_len)
{
    size_t n = tdm_strtab_count(m->keys);
    if (n >= MEMO_MAX)
        return;
    if (n == m->cap) {
        size_t cap = n ? 2 * n : 1024;
        uint32_t *bigger = realloc(m->value_of, cap * sizeof *bigger);
        if (!bigger)
            return;
        m->value_of = bigger;
        m->cap = cap;
    }
    uint32_t v = 0;
    if (value) {
        uint32_t id = tdm_strtab_intern(m->values, value, value_len);
        if (id == TDM_STRTAB_NONE)
            return;
        v = id + 1;
    }
    uint32_t k = tdm_strtab_intern(m->keys, key, len);
    if (k != TDM_STRTAB_NONE)
        m->value_of[k] = v;
}

struct tdm_stemmer {
    struct sb_stemmer *sb;
    memo stems; /* word -> stem */
};

/* A stemmer for lang, with a memo when memoize. */
static tdm_stemmer *stemmer_new(const char *lang, int memoize)
{
    if (!lang || !*lang)
        return NULL;
    struct sb_stemmer *sb = sb_stemmer_new(tdm_lang_resource_code(lang), "UTF_8");
    if (!sb)
        return NULL;
    tdm_stemmer *st = calloc(1, sizeof *st);
    if (!st || (memoize && memo_init(&st->stems) != 0)) {
        if (st)
            memo_free(&st->stems);
        free(st);
        sb_stemmer_delete(sb);
        return NULL;
    }
    st->sb = sb;
    return st;
}

tdm_stemmer *tdm_stemmer_new(const char *lang)
{
    return stemmer_new(lang, 1);
}

tdm_stemmer *tdm_stemmer_new_plain(const char *lang)
{
    return stemmer_new(lang, 0);
}

void tdm_stemmer_free(tdm_stemmer *st)
{
    if (!st)
        return;
    sb_stemmer_delete(st->sb);
    memo_free(&st->stems);
    free(st);
}

int tdm_stemmer_exists(const char *lang)
{
    if (!lang || !*lang)
        return 0;
    /* Snowball itself, not tdm_stemmer_new: no memo to build and drop.
     * sb_stemmer_new returns NULL both for an unknown language (found
     * before it allocates anything, errno untouched) and when malloc
     * fails (errno ENOMEM): errno tells them apart. */
    const char *code = tdm_lang_resource_code(lang);
    errno = 0;
    struct sb_stemmer *sb = sb_stemmer_new(code, "UTF_8");
    if (!sb)
        return errno == ENOMEM ? TDM_ENOMEM : 0;
    sb_stemmer_delete(sb);
    return 1;
}

const char *tdm_stemmer_stem(tdm_stemmer *st, const char *word, size_t len, size_t *out_len)
{
    if (!st) {
        *out_len = len;
        return word;
    }
    const char *known;
    if (st->stems.keys && memo_get(&st->stems, word, len, &known, out_len))
        return known;
    const sb_symbol *stem = sb_stemmer_stem(st->sb, (const sb_symbol *)word, (int)len);
    if (!stem)
        return NULL;
    *out_len = (size_t)sb_stemmer_length(st->sb);
    if (st->stems.keys)
        memo_put(&st->stems, word, len, (const char *)stem, *out_len);
    return (const char *)stem;
}
