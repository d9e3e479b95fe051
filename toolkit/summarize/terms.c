/*
 * terms.c: index terms for summaries and IDF models.
 *
 * A term is what the vector-space model (Salton & Buckley 1988, "Term-
 * weighting approaches in automatic text retrieval") counts:
 *   1. tokens of the text (tdm_tokenize, token.h): words and numbers;
 *      punctuation is dropped;
 *   2. words are case-folded (Unicode case folding, tdm_fold) and dropped
 *      when they are stopwords of the language (models/<lang>/stopwords) or
 *      a single character; the rest are stemmed with the Snowball stemmer of
 *      the language (Porter 2001, "Snowball: a language for stemming
 *      algorithms"), so that "développement" and "développements" count as
 *      one term;
 *   3. numbers are kept as written (two characters or more): "2019", "2,6".
 * Names are words like the others: case folding merges "Huawei" with
 * "huawei", and nothing removes them.
 *
 * Folding and stemming were two thirds of the time of a summary, and words
 * repeat (Zipf): a terms object remembers the term of every distinct word
 * as written (up to MEMO_MAX of them between two tdm_terms_trim calls), so
 * that a text, or a batch of them, works each word out once. Remembered terms have dense ids, so
 * that callers index arrays by term instead of hashing its text again.
 */
#include "summarize/terms.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "tandem/lang.h"
#include "base/error.h"
#include "base/prefetch.h"
#include "base/fileio.h"
#include "text/stem.h"
#include "base/strtab.h"
#include "base/u32vec.h"
#include "text/token.h"
#include "text/lang.h"

/* Distinct words the words memo remembers (a few MB at most). */
#define MEMO_MAX (1u << 18)

/* The words memo is a hash table of tens of thousands of words, and
 * looking every token up in it was a quarter of a summary's time, nearly
 * all of it cache misses. Frequent words (Zipf) are kept again in a small
 * direct-mapped cache indexed by their hash, the word's bytes inline, so
 * that most tokens are found in one cache line that stays hot. */
#define HOT_SLOTS 4096   /* a power of two; 128 KB */
#define HOT_KEY 23       /* longest word the cache holds */
#define PREFETCH_AHEAD 8 /* tokens */

typedef struct hot_word {
    uint32_t hash;
    uint32_t term; /* term id + 1, 0: no term */
    uint8_t len;   /* 0: empty slot (tokens are never empty) */
    char key[HOT_KEY];
} hot_word;

struct tdm_terms {
    struct sb_stemmer *sb; /* NULL: no stemming (the words memo is the cache) */
    /* Tokens as written -> term id + 1 (0: no term, a stopword or a single
     * letter); the ids are those of the terms table, given to callbacks. */
    tdm_strtab *words, *terms;
    tdm_u32vec term_of;
    hot_word *hot; /* HOT_SLOTS, in front of words */
    const tdm_strtab *stopwords;
    tdm_token *tokens;
    size_t token_cap;
    uint32_t *hashes;   /* of the tokens */
    tdm_term_occ *occs; /* what tdm_terms_list returns */
    size_t hash_cap;    /* room in both */
    char *fold;
    size_t fold_cap;
};

/* Case-folds s[0, len) into *buf (grown as needed); returns the length or
 * (size_t)-1 on OOM. */
static size_t fold_into(const char *s, size_t len, char **buf, size_t *cap)
{
    for (;;) {
        size_t n = tdm_fold(s, len, TDM_FOLD_CASE, *buf, *cap);
        if (n < *cap)
            return n;
        size_t want = n + 1 > 2 * *cap ? n + 1 : 2 * *cap;
        char *bigger = realloc(*buf, want);
        if (!bigger)
            return (size_t)-1;
        *buf = bigger;
        *cap = want;
    }
}

int tdm_stopwords_parse(const char *name, const char *text, size_t len, tdm_strtab **out,
                        tdm_error *err)
{
    tdm_strtab *tab = tdm_strtab_new();
    char *buf = NULL;
    size_t cap = 0;
    if (!tab)
        return tdm_fail(err, TDM_ENOMEM, name, -1, -1, "out of memory");
    long line = 0;
    size_t pos = 0;
    while (pos < len) {
        const char *eol = memchr(text + pos, '\n', len - pos);
        size_t end = eol ? (size_t)(eol - text) : len;
        size_t a = pos, b = end;
        line++;
        pos = end + 1;
        while (a < b && strchr(" \t\r", text[a]))
            a++;
        while (b > a && strchr(" \t\r", text[b - 1]))
            b--;
        if (a == b || text[a] == '#')
            continue;
        for (size_t i = a; i < b; i++)
            if (text[i] == ' ' || text[i] == '\t') {
                free(buf);
                tdm_strtab_free(tab);
                return tdm_fail(err, TDM_EINPUT, name, line, -1,
                                "a stopword line holds one word (no spaces)");
            }
        size_t n = fold_into(text + a, b - a, &buf, &cap);
        if (n == (size_t)-1 || tdm_strtab_intern(tab, buf, n) == TDM_STRTAB_NONE) {
            free(buf);
            tdm_strtab_free(tab);
            return tdm_fail(err, TDM_ENOMEM, name, line, -1, "out of memory");
        }
    }
    free(buf);
    *out = tab;
    return 0;
}

int tdm_stopwords_load(const char *path, tdm_strtab **out, tdm_error *err)
{
    char *data;
    size_t len;
    int rc = tdm_read_all(path, &data, &len, err);
    if (rc != 0)
        return rc;
    rc = tdm_stopwords_parse(path, data, len, out, err);
    free(data);
    return rc;
}

tdm_terms *tdm_terms_new(const char *lang, const tdm_strtab *stopwords)
{
    tdm_terms *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->stopwords = stopwords;
    t->words = tdm_strtab_new();
    t->terms = tdm_strtab_new();
    t->hot = calloc(HOT_SLOTS, sizeof *t->hot);
    int stems = tdm_stemmer_exists(lang);
    if (!t->words || !t->terms || !t->hot || stems < 0 ||
        (stems && !(t->sb = sb_stemmer_new(tdm_lang_resource_code(lang), "UTF_8")))) {
        tdm_terms_free(t);
        return NULL;
    }
    return t;
}

void tdm_terms_free(tdm_terms *t)
{
    if (!t)
        return;
    if (t->sb)
        sb_stemmer_delete(t->sb);
    tdm_strtab_free(t->words);
    tdm_strtab_free(t->terms);
    free(t->term_of.v);
    free(t->hot);
    free(t->tokens);
    free(t->hashes);
    free(t->occs);
    free(t->fold);
    free(t);
}

int tdm_terms_trim(tdm_terms *t)
{
    if (tdm_strtab_count(t->words) < MEMO_MAX && tdm_strtab_count(t->terms) < MEMO_MAX)
        return 0;
    tdm_strtab *words = tdm_strtab_new(), *terms = tdm_strtab_new();
    if (!words || !terms) {
        /* Out of memory: keep what is there, ids stay valid. */
        tdm_strtab_free(words);
        tdm_strtab_free(terms);
        return 0;
    }
    tdm_strtab_free(t->words);
    tdm_strtab_free(t->terms);
    t->words = words;
    t->terms = terms;
    t->term_of.n = 0;
    memset(t->hot, 0, HOT_SLOTS * sizeof *t->hot);
    return 1;
}

size_t tdm_terms_count(const tdm_terms *t)
{
    return tdm_strtab_count(t->terms);
}

const char *tdm_terms_term(const tdm_terms *t, uint32_t id, size_t *len)
{
    return tdm_strtab_get(t->terms, id, len);
}

/* Tokenizes into t->tokens; returns the count or (size_t)-1 on OOM. */
static size_t tokenize(tdm_terms *t, const char *text, size_t len)
{
    for (;;) {
        size_t n = tdm_tokenize(text, len, t->tokens, t->token_cap);
        if (n <= t->token_cap)
            return n;
        tdm_token *bigger = realloc(t->tokens, n * sizeof *bigger);
        if (!bigger)
            return (size_t)-1;
        t->tokens = bigger;
        t->token_cap = n;
    }
}

/* Nonzero when s[0, len) is a single code point. */
static int short_word(const char *s, size_t len)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t first =
        utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &cp);
    return first > 0 && (size_t)first >= len;
}

/* What word_term returns when out of memory. */
static const char TERM_ENOMEM[1];

/* The term of the word s[0, len) as written: folded, NULL when it is a
 * stopword or a single letter, else stemmed (valid until the next call). */
static const char *word_term(tdm_terms *t, const char *s, size_t len, size_t *term_len)
{
    size_t fl = fold_into(s, len, &t->fold, &t->fold_cap);
    if (fl == (size_t)-1)
        return TERM_ENOMEM;
    if (short_word(t->fold, fl))
        return NULL;
    if (t->stopwords && tdm_strtab_find(t->stopwords, t->fold, fl) != TDM_STRTAB_NONE)
        return NULL;
    if (!t->sb) {
        *term_len = fl;
        return t->fold;
    }
    const sb_symbol *stem = sb_stemmer_stem(t->sb, (const sb_symbol *)t->fold, (int)fl);
    if (!stem)
        return TERM_ENOMEM;
    *term_len = (size_t)sb_stemmer_length(t->sb);
    return (const char *)stem;
}

/* token_term of a word not seen before. */
static uint32_t new_word(tdm_terms *t, const char *s, size_t len, int number)
{
    const char *term = number && len < 2 ? NULL : s;
    size_t term_len = len;
    if (!number && (term = word_term(t, s, len, &term_len)) == TERM_ENOMEM)
        return (uint32_t)-1;
    uint32_t id = term ? tdm_strtab_intern(t->terms, term, term_len) : 0;
    /* Words and their terms are pushed in step: term_of.v[w] is word w's. */
    if (id == TDM_STRTAB_NONE || tdm_u32vec_push(&t->term_of, term ? id + 1 : 0) != 0)
        return (uint32_t)-1;
    if (tdm_strtab_intern(t->words, s, len) == TDM_STRTAB_NONE) {
        t->term_of.n--;
        return (uint32_t)-1;
    }
    return term ? id + 1 : 0;
}

/* Term id + 1 of the token s[0, len) of that kind (0: it has none), worked
 * out and remembered when new; (uint32_t)-1 on OOM. */
static uint32_t token_term(tdm_terms *t, const char *s, size_t len, uint32_t h, int number)
{
    hot_word *hot = len <= HOT_KEY ? &t->hot[h & (HOT_SLOTS - 1)] : NULL;
    if (hot && hot->len == len && hot->hash == h && memcmp(hot->key, s, len) == 0)
        return hot->term;
    uint32_t w = tdm_strtab_find_hashed(t->words, h, s, len);
    uint32_t found = w != TDM_STRTAB_NONE ? t->term_of.v[w] : new_word(t, s, len, number);
    if (hot && found != (uint32_t)-1) {
        hot->hash = h;
        hot->term = found;
        hot->len = (uint8_t)len;
        memcpy(hot->key, s, len);
    }
    return found;
}

/* Nonzero when the hot slot of token k may hold it (same hash and length;
 * the bytes are compared when it is looked up): no prefetch needed. */
static int hot_slot_holds(const tdm_terms *t, size_t k)
{
    const hot_word *hot = &t->hot[t->hashes[k] & (HOT_SLOTS - 1)];
    return hot->hash == t->hashes[k] && hot->len == t->tokens[k].len;
}

int tdm_terms_list(tdm_terms *t, const char *text, size_t len, const tdm_term_occ **out,
                   size_t *count, size_t *tokens)
{
    size_t n = tokenize(t, text, len), found = 0;
    if (n == (size_t)-1)
        return TDM_ENOMEM;
    if (n > t->hash_cap) {
        uint32_t *bigger = realloc(t->hashes, n * sizeof *bigger);
        tdm_term_occ *occs = bigger ? realloc(t->occs, n * sizeof *occs) : NULL;
        if (bigger)
            t->hashes = bigger;
        if (!occs)
            return TDM_ENOMEM;
        t->occs = occs;
        t->hash_cap = n;
    }
    for (size_t i = 0; i < n; i++)
        t->hashes[i] = tdm_strtab_hash(text + t->tokens[i].start, t->tokens[i].len);
    for (size_t i = 0; i < n; i++) {
        /* Looking a token up misses the cache three times in a row when it
         * is not a hot word (its hot slot, its slot in the words table, its
         * key, then its term in term_of): start loading each a few tokens
         * ahead, so that the misses of a sentence overlap. */
        size_t k = i + PREFETCH_AHEAD;
        if (k < n) {
            TDM_PREFETCH(&t->hot[t->hashes[k] & (HOT_SLOTS - 1)]);
            tdm_strtab_prefetch(t->words, t->hashes[k], 0);
        }
        k = i + PREFETCH_AHEAD / 2;
        if (k < n && !hot_slot_holds(t, k))
            tdm_strtab_prefetch(t->words, t->hashes[k], 1);
        k = i + PREFETCH_AHEAD / 4;
        uint32_t w = k < n && !hot_slot_holds(t, k) ? tdm_strtab_peek(t->words, t->hashes[k])
                                                    : TDM_STRTAB_NONE;
        if (w < t->term_of.n)
            TDM_PREFETCH(&t->term_of.v[w]);
        const tdm_token *tok = &t->tokens[i];
        if (tok->kind == TDM_TOKEN_PUNCT)
            continue;
        if (tokens)
            (*tokens)++;
        uint32_t id =
            token_term(t, text + tok->start, tok->len, t->hashes[i], tok->kind == TDM_TOKEN_NUMBER);
        if (id == (uint32_t)-1)
            return TDM_ENOMEM;
        if (id == 0)
            continue; /* a stopword, a single letter or digit */
        t->occs[found++] = (tdm_term_occ){id - 1, tok->start, tok->start + tok->len,
                                          tok->kind != TDM_TOKEN_NUMBER};
    }
    *out = t->occs;
    *count = found;
    return 0;
}

int tdm_terms_each(tdm_terms *t, const char *text, size_t len, tdm_term_fn fn, void *ctx,
                   size_t *tokens)
{
    const tdm_term_occ *occs;
    size_t n;
    int rc = tdm_terms_list(t, text, len, &occs, &n, tokens);
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = fn(ctx, occs[i].id, occs[i].start, occs[i].end, occs[i].word);
    return rc;
}
