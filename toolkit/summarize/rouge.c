/*
 * rouge.c: ROUGE-1, ROUGE-2 and ROUGE-L (Lin 2004, "ROUGE: a package for
 * automatic evaluation of summaries", ACL workshop Text Summarization
 * Branches Out), exactly as doc/evaluation.md "Summaries (ROUGE)" defines them.
 *
 * Tokens: the text is composed to NFC, then every maximal run of code
 * points of Unicode category L* (letters) or N* (digits and other numbers)
 * is a token; each code point is lowercased (utf8proc_tolower) and the
 * token stemmed with the language's Snowball stemmer. Invalid UTF-8 bytes
 * separate tokens.
 *
 * ROUGE-N: with count_X(g) the occurrences of n-gram g in X, the overlap is
 * sum_g min(count_sys(g), count_ref(g)) (clipped); precision = overlap /
 * n-grams of the system, recall = overlap / n-grams of the reference,
 * F1 = 2PR / (P + R). Counting sorts the n-grams of both sides (tokens are
 * interned to ids, a bigram is a 64-bit pair) and merges them.
 * ROUGE-L: LCS = length of the longest common subsequence of the two token
 * sequences (dynamic programming over two rows); P = LCS / |sys|,
 * R = LCS / |ref|, F1 = 2PR / (P + R) (beta = 1).
 * Scores are per document; tdm_rouge_mean averages them (macro).
 */
#include "tandem/rouge.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/error.h"
#include "tandem/lang.h"
#include "text/stem.h"
#include "base/strtab.h"

struct tdm_rouge {
    tdm_stemmer *stemmer;
    tdm_strtab *vocab;
    char *word;
    size_t word_cap;
};

/* A token sequence as ids. */
typedef struct seq {
    uint32_t *ids;
    size_t len, cap;
} seq;

tdm_rouge *tdm_rouge_new(const char *lang, tdm_error *err)
{
    tdm_rouge *r = calloc(1, sizeof *r);
    if (!r || !(r->vocab = tdm_strtab_new())) {
        free(r);
        tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
        return NULL;
    }
    /* A language Snowball has no stemmer for is compared unstemmed. */
    char code[8];
    if (lang && *lang && tdm_lang_canonical(lang, code, err) != 0) {
        tdm_rouge_free(r);
        return NULL;
    }
    int stems = lang && *lang ? tdm_stemmer_exists(lang) : 0;
    if (stems < 0 || (stems && !(r->stemmer = tdm_stemmer_new(lang)))) {
        tdm_rouge_free(r);
        tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
        return NULL;
    }
    return r;
}

void tdm_rouge_free(tdm_rouge *r)
{
    if (!r)
        return;
    tdm_stemmer_free(r->stemmer);
    tdm_strtab_free(r->vocab);
    free(r->word);
    free(r);
}

static int is_word_char(utf8proc_int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

/* Ends the token in r->word[0, len): stems it and appends its id. */
static int push_token(tdm_rouge *r, size_t len, seq *out)
{
    size_t sl;
    const char *stem = tdm_stemmer_stem(r->stemmer, r->word, len, &sl);
    if (!stem)
        return TDM_ENOMEM;
    uint32_t id = tdm_strtab_intern(r->vocab, stem, sl);
    if (id == TDM_STRTAB_NONE)
        return TDM_ENOMEM;
    if (out->len == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 256;
        uint32_t *bigger = realloc(out->ids, cap * sizeof *bigger);
        if (!bigger)
            return TDM_ENOMEM;
        out->ids = bigger;
        out->cap = cap;
    }
    out->ids[out->len++] = id;
    return 0;
}

static int tokenize(tdm_rouge *r, const char *text, size_t len, seq *out)
{
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)len, &nfc,
                                      UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)text;
    size_t slen = len;
    if (n == UTF8PROC_ERROR_NOMEM)
        return TDM_ENOMEM;
    if (n >= 0) {
        s = nfc;
        slen = (size_t)n;
    }
    size_t pos = 0, wlen = 0;
    int rc = 0;
    out->len = 0;
    while (pos < slen && rc == 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t got = utf8proc_iterate(s + pos, (utf8proc_ssize_t)(slen - pos), &cp);
        if (got > 0 && is_word_char(cp)) {
            if (r->word_cap - wlen < 4) {
                size_t cap = r->word_cap ? r->word_cap * 2 : 64;
                char *bigger = realloc(r->word, cap);
                if (!bigger) {
                    rc = TDM_ENOMEM;
                    break;
                }
                r->word = bigger;
                r->word_cap = cap;
            }
            wlen += (size_t)utf8proc_encode_char(utf8proc_tolower(cp),
                                                 (utf8proc_uint8_t *)r->word + wlen);
        } else if (wlen) {
            rc = push_token(r, wlen, out);
            wlen = 0;
        }
        pos += got > 0 ? (size_t)got : 1;
    }
    if (rc == 0 && wlen)
        rc = push_token(r, wlen, out);
    free(nfc);
    return rc;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Clipped overlap of two sorted key arrays. */
static size_t clipped_overlap(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t i = 0, j = 0, overlap = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j]) {
            i++;
        } else if (a[i] > b[j]) {
            j++;
        } else {
            uint64_t key = a[i];
            size_t ca = 0, cb = 0;
            while (i < na && a[i] == key)
                i++, ca++;
            while (j < nb && b[j] == key)
                j++, cb++;
            overlap += ca < cb ? ca : cb;
        }
    }
    return overlap;
}

/* The sorted n-grams (n = 1 or 2) of s into keys (room for s->len). */
static size_t ngrams(const seq *s, int n, uint64_t *keys)
{
    size_t count = s->len >= (size_t)n ? s->len - (size_t)n + 1 : 0;
    for (size_t i = 0; i < count; i++)
        keys[i] = n == 1 ? s->ids[i] : ((uint64_t)s->ids[i] << 32) | s->ids[i + 1];
    qsort(keys, count, sizeof *keys, cmp_u64);
    return count;
}

static tdm_prf prf(size_t hits, size_t system, size_t reference)
{
    tdm_prf out = {0, 0, 0};
    out.precision = system ? (double)hits / (double)system : 0;
    out.recall = reference ? (double)hits / (double)reference : 0;
    double sum = out.precision + out.recall;
    out.f1 = sum > 0 ? 2 * out.precision * out.recall / sum : 0;
    return out;
}

/* Length of the longest common subsequence; (size_t)-1 on OOM. */
static size_t lcs(const seq *a, const seq *b)
{
    if (!a->len || !b->len)
        return 0;
    uint32_t *prev = calloc(b->len + 1, sizeof *prev);
    uint32_t *cur = calloc(b->len + 1, sizeof *cur);
    if (!prev || !cur) {
        free(prev);
        free(cur);
        return (size_t)-1;
    }
    for (size_t i = 1; i <= a->len; i++) {
        for (size_t j = 1; j <= b->len; j++) {
            if (a->ids[i - 1] == b->ids[j - 1])
                cur[j] = prev[j - 1] + 1;
            else
                cur[j] = prev[j] > cur[j - 1] ? prev[j] : cur[j - 1];
        }
        uint32_t *t = prev;
        prev = cur;
        cur = t;
    }
    size_t out = prev[b->len];
    free(prev);
    free(cur);
    return out;
}

int tdm_rouge_score(tdm_rouge *r, const char *system, size_t slen, const char *reference,
                    size_t rlen, tdm_rouge_scores *out)
{
    seq sys = {0}, ref = {0};
    uint64_t *ks = NULL, *kr = NULL;
    int rc = tokenize(r, system, slen, &sys);
    if (rc == 0)
        rc = tokenize(r, reference, rlen, &ref);
    if (rc == 0) {
        ks = malloc((sys.len + 1) * sizeof *ks);
        kr = malloc((ref.len + 1) * sizeof *kr);
        if (!ks || !kr)
            rc = TDM_ENOMEM;
    }
    for (int n = 1; n <= 2 && rc == 0; n++) {
        size_t ns = ngrams(&sys, n, ks), nr = ngrams(&ref, n, kr);
        tdm_prf p = prf(clipped_overlap(ks, ns, kr, nr), ns, nr);
        if (n == 1)
            out->rouge1 = p;
        else
            out->rouge2 = p;
    }
    if (rc == 0) {
        size_t l = lcs(&sys, &ref);
        if (l == (size_t)-1)
            rc = TDM_ENOMEM;
        else
            out->rougel = prf(l, sys.len, ref.len);
    }
    free(sys.ids);
    free(ref.ids);
    free(ks);
    free(kr);
    return rc;
}

static void add_prf(tdm_prf *sum, const tdm_prf *p)
{
    sum->precision += p->precision;
    sum->recall += p->recall;
    sum->f1 += p->f1;
}

void tdm_rouge_add(tdm_rouge_sum *sum, const tdm_rouge_scores *scores)
{
    add_prf(&sum->total.rouge1, &scores->rouge1);
    add_prf(&sum->total.rouge2, &scores->rouge2);
    add_prf(&sum->total.rougel, &scores->rougel);
    sum->documents++;
}

static tdm_prf div_prf(tdm_prf p, size_t n)
{
    return (tdm_prf){p.precision / (double)n, p.recall / (double)n, p.f1 / (double)n};
}

void tdm_rouge_mean(const tdm_rouge_sum *sum, tdm_rouge_scores *mean)
{
    memset(mean, 0, sizeof *mean);
    if (!sum->documents)
        return;
    mean->rouge1 = div_prf(sum->total.rouge1, sum->documents);
    mean->rouge2 = div_prf(sum->total.rouge2, sum->documents);
    mean->rougel = div_prf(sum->total.rougel, sum->documents);
}
