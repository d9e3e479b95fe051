/*
 * lexical.c: token evidence that two sentences translate each other, with
 * no external system (see align/lexical.h).
 *
 * Translations of one story share names, numbers, punctuation (quotes,
 * question marks, parentheses) and, between related languages, cognates:
 * words with the same first four letters once case and accents are folded
 * ("gouvernement"/"gobierno" do not, "technologie"/"tecnologia" do). The
 * four-letter rule is Simard, Foster & Isabelle (1992), "Using cognates to
 * align sentences in bilingual corpora". Words can also be linked by a
 * bilingual lexicon (lexicon.c) or by a translation table learnt from the
 * input itself (ibm1.c); both become extra keys of the source sentence, so
 * that scoring a pair of units is one merge of two sorted key arrays.
 */
#include "align/lexical.h"

#include <stdlib.h>
#include <string.h>

#include "text/script.h"
#include "text/stem.h"
#include "base/grow.h"
#include "base/u32vec.h"
#include "text/token.h"

/* The kinds of key items fit in the two top bits of an id. */
_Static_assert(TDM_EV_COGNATE < 4, "kinds of key items must fit in two bits");

/* The first n elements of v (of size bytes each) in a block of their size
 * (v itself when it cannot shrink). */
static void *fit(void *v, size_t n, size_t size)
{
    void *r = realloc(v, (n + 1) * size);
    return r ? r : v;
}

static size_t utf8_count(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Byte length of the first k characters of s[0, len). */
static size_t utf8_prefix(const char *s, size_t len, size_t k)
{
    size_t i = 0;
    while (i < len && k > 0) {
        i++;
        while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        k--;
    }
    return i;
}

/* One item of a sentence, its bytes in scratch.items: a tag byte, then
 * the number's digits, the punctuation or the folded word. */
typedef struct {
    size_t off, len; /* bytes after the tag */
    uint32_t hash;   /* tdm_strtab_hash of what is interned */
    int kind;        /* TDM_EV_NUMBER, TDM_EV_PUNCT, TDM_EV_WORD */
} pending;

typedef struct {
    tdm_token *tok;
    size_t tok_cap;
    char *buf; /* folded form, with room for a one-byte tag in front */
    size_t buf_cap;
    char *items; /* a sentence's items, hashed and prefetched before interning */
    size_t items_len, items_cap;
    pending *pend;
    size_t pend_cap;
} scratch;

static size_t fold(scratch *sc, const char *s, size_t len)
{
    for (;;) {
        size_t n = tdm_fold(s, len, TDM_FOLD_CASE | TDM_FOLD_ACCENTS, sc->buf + 1, sc->buf_cap - 1);
        if (n < sc->buf_cap - 1)
            return n;
        char *b = realloc(sc->buf, n + 16);
        if (!b)
            return SIZE_MAX;
        sc->buf = b;
        sc->buf_cap = n + 16;
    }
}

static size_t tokenize(scratch *sc, const char *s, size_t len)
{
    for (;;) {
        size_t n = tdm_tokenize(s, len, sc->tok, sc->tok_cap);
        if (n <= sc->tok_cap)
            return n;
        tdm_token *t = realloc(sc->tok, n * sizeof *t);
        if (!t)
            return SIZE_MAX;
        sc->tok = t;
        sc->tok_cap = n;
    }
}

typedef struct {
    tdm_u32vec key;
    uint8_t *word; /* coded words (tdm_evidence_put) */
    size_t word_n, word_cap, words;
    tdm_stemmer *stemmer;
    tdm_u32vec stem_of;    /* folded word id -> stem key id + 1 (0: not yet) */
    tdm_u32vec cognate_of; /* folded word id -> cognate key id + 1 (0: none) */
} item_lists;

size_t tdm_stem_key(tdm_stemmer *stemmer, const char *folded, size_t len, char *buf, size_t cap)
{
    size_t sl;
    const char *stem = tdm_stemmer_stem(stemmer, folded, len, &sl);
    if (!stem)
        return TDM_STEM_NOMEM;
    if (sl + 1 > cap)
        return 0;
    buf[0] = '\x04';
    memcpy(buf + 1, stem, sl);
    return sl + 1;
}

/* The stem key id of folded word id (sc->buf + 1, fl bytes), cached. */
static uint32_t stem_id(item_lists *it, tdm_strtab *tab, uint32_t id, const char *folded, size_t fl)
{
    while (it->stem_of.n <= id)
        if (tdm_u32vec_push(&it->stem_of, 0))
            return TDM_STRTAB_NONE;
    if (it->stem_of.v[id])
        return it->stem_of.v[id] - 1;
    char buf[256];
    size_t kl = tdm_stem_key(it->stemmer, folded, fl, buf, sizeof buf);
    if (kl == TDM_STEM_NOMEM)
        return TDM_STRTAB_NONE;
    uint32_t sid = kl ? tdm_strtab_intern(tab, buf, kl) : id;
    if (sid != TDM_STRTAB_NONE)
        it->stem_of.v[id] = sid + 1;
    return sid;
}

/* Appends an item (tag, then s[0, len)) of kind to the sentence's list;
 * 0 or -1 (out of memory). */
static int pend_push(scratch *sc, size_t count, int kind, char tag, const char *s, size_t len)
{
    if (count == sc->pend_cap) {
        size_t cap = sc->pend_cap ? 2 * sc->pend_cap : 64;
        pending *p = realloc(sc->pend, cap * sizeof *p);
        if (!p)
            return -1;
        sc->pend = p;
        sc->pend_cap = cap;
    }
    if (sc->items_len + len + 1 > sc->items_cap) {
        size_t cap = sc->items_cap ? sc->items_cap : 1024;
        while (cap < sc->items_len + len + 1)
            cap *= 2;
        char *b = realloc(sc->items, cap);
        if (!b)
            return -1;
        sc->items = b;
        sc->items_cap = cap;
    }
    sc->items[sc->items_len] = tag;
    memcpy(sc->items + sc->items_len + 1, s, len);
    const char *key =
        kind == TDM_EV_WORD ? sc->items + sc->items_len + 1 : sc->items + sc->items_len;
    size_t key_len = kind == TDM_EV_WORD ? len : len + 1;
    sc->pend[count] = (pending){sc->items_len + 1, len, tdm_strtab_hash(key, key_len), kind};
    sc->items_len += len + 1;
    return 0;
}

/* Adds the items of one sentence; returns its word+number count or -1.
 * The items are made and hashed first, their places in the table
 * prefetched, then interned in token order: the same ids as interning
 * each as it comes, with the table's cache misses overlapped. */
static long sentence_items(item_lists *it, scratch *sc, tdm_strtab *tab, const char *s, size_t len)
{
    size_t nt = tokenize(sc, s, len);
    if (nt == SIZE_MAX)
        return -1;
    size_t np = 0;
    sc->items_len = 0;
    for (size_t k = 0; k < nt; k++) {
        const char *t = s + sc->tok[k].start;
        size_t tl = sc->tok[k].len;
        int rc = 0;
        if (sc->tok[k].kind == TDM_TOKEN_NUMBER) {
            size_t d = 0;
            for (size_t i = 0; i < tl && d + 2 < sc->buf_cap; i++)
                if (t[i] >= '0' && t[i] <= '9')
                    sc->buf[1 + d++] = t[i];
            rc = pend_push(sc, np++, TDM_EV_NUMBER, '\x02', sc->buf + 1, d);
        } else if (sc->tok[k].kind == TDM_TOKEN_PUNCT) {
            if (tl == 1 && (t[0] == '.' || t[0] == ','))
                continue;
            if (tl + 2 > sc->buf_cap)
                continue;
            rc = pend_push(sc, np++, TDM_EV_PUNCT, '\x03', t, tl);
        } else {
            size_t fl = fold(sc, t, tl);
            if (fl == SIZE_MAX)
                return -1;
            rc = pend_push(sc, np++, TDM_EV_WORD, '\x01', sc->buf + 1, fl);
        }
        if (rc)
            return -1;
    }
    for (size_t k = 0; k < np; k++)
        tdm_strtab_prefetch(tab, sc->pend[k].hash, 0);
    for (size_t k = 0; k < np; k++)
        tdm_strtab_prefetch(tab, sc->pend[k].hash, 1);
    long content = 0;
    for (size_t k = 0; k < np; k++) {
        const pending *p = &sc->pend[k];
        char *item = sc->items + p->off; /* the tag at item[-1] */
        if (p->kind != TDM_EV_WORD) {
            uint32_t id = tdm_strtab_intern_hashed(tab, p->hash, item - 1, p->len + 1);
            if (id == TDM_STRTAB_NONE || id > TDM_EV_ID_MASK ||
                tdm_u32vec_push(&it->key, id | (uint32_t)p->kind << TDM_EV_KIND_SHIFT))
                return -1;
            content += p->kind == TDM_EV_NUMBER;
            continue;
        }
        size_t fl = p->len;
        content++;
        uint32_t id = tdm_strtab_intern_hashed(tab, p->hash, item, fl);
        if (id == TDM_STRTAB_NONE || id > TDM_EV_WORD_MASK)
            return -1;
        int seen = id < it->stem_of.n && it->stem_of.v[id] != 0;
        if (stem_id(it, tab, id, item, fl) == TDM_STRTAB_NONE)
            return -1;
        while (it->cognate_of.n <= id)
            if (tdm_u32vec_push(&it->cognate_of, 0))
                return -1;
        size_t chars = utf8_count(item, fl);
        if (!seen && chars >= 4) { /* a word's cognate key, once per word */
            size_t pl = utf8_prefix(item, fl, 4);
            uint32_t cid = tdm_strtab_intern(tab, item - 1, pl + 1);
            if (cid == TDM_STRTAB_NONE)
                return -1;
            it->cognate_of.v[id] = cid + 1;
        }
        if (tdm_grow((void **)&it->word, &it->word_cap, it->word_n + 5, 1, 1024, 0) ||
            it->word_n + 5 > UINT32_MAX) /* offsets are 32-bit */
            return -1;
        it->word_n +=
            tdm_evidence_put(it->word + it->word_n, id | (chars >= 2 ? TDM_EV_WORD_ITEM : 0));
        it->words++;
    }
    return content;
}

int tdm_evidence_build(tdm_evidence *ev, tdm_strtab *tab, const char *const *text,
                       const size_t *len, size_t count, const char *lang)
{
    memset(ev, 0, sizeof *ev);
    item_lists it = {0};
    scratch sc = {0};
    int rc = -1;
    ev->count = count;
    ev->chars = malloc((count + 1) * sizeof *ev->chars);
    ev->ntok = malloc((count + 1) * sizeof *ev->ntok);
    ev->off = malloc((count + 1) * sizeof *ev->off);
    ev->word_off = malloc((count + 1) * sizeof *ev->word_off);
    sc.tok_cap = 256;
    sc.tok = malloc(sc.tok_cap * sizeof *sc.tok);
    sc.buf_cap = 256;
    sc.buf = malloc(sc.buf_cap);
    int stems = tdm_stemmer_exists(lang);
    if (stems < 0 || (stems && !(it.stemmer = tdm_stemmer_new_plain(lang))))
        goto done;
    if (!ev->chars || !ev->ntok || !ev->off || !ev->word_off || !sc.tok || !sc.buf)
        goto done;
    for (size_t i = 0; i < count; i++) {
        ev->off[i] = (uint32_t)it.key.n;
        ev->word_off[i] = (uint32_t)it.word_n;
        ev->chars[i] = (uint32_t)tdm_text_length(text[i], len[i]);
        long content = sentence_items(&it, &sc, tab, text[i], len[i]);
        if (content < 0)
            goto done;
        ev->ntok[i] = (uint32_t)content;
    }
    ev->off[count] = (uint32_t)it.key.n;
    ev->word_off[count] = (uint32_t)it.word_n;
    /* the doublings leave up to half of each array unused */
    ev->key = fit(it.key.v, it.key.n, sizeof *ev->key);
    ev->word = fit(it.word, it.word_n, 1);
    ev->words = it.words;
    ev->stem_of = it.stem_of.v;
    ev->cognate_of = it.cognate_of.v;
    ev->vocab = it.cognate_of.n < it.stem_of.n ? it.cognate_of.n : it.stem_of.n;
    it.key.v = it.stem_of.v = it.cognate_of.v = NULL;
    it.word = NULL;
    rc = 0;
done:
    free(it.key.v);
    free(it.word);
    free(sc.tok);
    free(sc.buf);
    free(sc.items);
    free(sc.pend);
    free(it.stem_of.v);
    free(it.cognate_of.v);
    tdm_stemmer_free(it.stemmer);
    if (rc)
        tdm_evidence_free(ev);
    return rc;
}

void tdm_evidence_free(tdm_evidence *ev)
{
    free(ev->chars);
    free(ev->ntok);
    free(ev->off);
    free(ev->key);
    free(ev->word_off);
    free(ev->word);
    free(ev->stem_of);
    free(ev->cognate_of);
    memset(ev, 0, sizeof *ev);
}
