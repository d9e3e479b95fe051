/*
 * lexicon.c: a bilingual lexicon as extra evidence for the aligner.
 *
 * A lexicon (models/lexicon/<src>-<tgt>.tsv, built from FreeDict by
 * models/lexicon/build.sh) lists word pairs, one per line, in dictionary
 * form; texts inflect them. Both are reduced to Snowball stems (after the
 * same case and accent folding), so "Berechnungen" meets the entry
 * "Berechnung". Only the pairs whose two stems occur in the input matter to
 * an alignment, so we look every entry up in the input's string table and
 * keep just those pairs: loading costs one pass over the file and no memory
 * for the rest of the language.
 */
#include "internal/lexicon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal/error.h"
#include "internal/fileio.h"
#include "internal/lexical.h"
#include "tandem/token.h"

typedef struct {
    uint32_t *v;
    size_t n, cap;
} idvec;

static int push(idvec *a, uint32_t x)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 1024;
        uint32_t *v = realloc(a->v, cap * sizeof *v);
        if (!v)
            return -1;
        a->v = v;
        a->cap = cap;
    }
    a->v[a->n++] = x;
    return 0;
}

/* Folds and stems s[0, len) and finds its stem key in tab. */
static uint32_t lookup(const tdm_strtab *tab, tdm_stemmer *stemmer, const char *s, size_t len,
                       char *buf, size_t cap)
{
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\r'))
        len--;
    while (len > 0 && s[0] == ' ') {
        s++;
        len--;
    }
    if (len == 0)
        return TDM_STRTAB_NONE;
    size_t n = tdm_fold(s, len, TDM_FOLD_CASE | TDM_FOLD_ACCENTS, buf, cap);
    if (n >= cap)
        return TDM_STRTAB_NONE; /* longer than any word we keep */
    char key[256];
    size_t kl = tdm_stem_key(stemmer, buf, n, key, sizeof key);
    return kl ? tdm_strtab_find(tab, key, kl) : TDM_STRTAB_NONE;
}

static tdm_stemmer *stemmer_for(const char *lang)
{
    return lang && *lang && tdm_stemmer_exists(lang) ? tdm_stemmer_new(lang) : NULL;
}

int tdm_lexicon_pairs(const char *path, int swap, const char *src_lang, const char *tgt_lang,
                      const tdm_strtab *tab, uint32_t **src, uint32_t **tgt, size_t *pairs,
                      tdm_error *err)
{
    char *data;
    size_t len;
    int rc = tdm_read_all(path, &data, &len, err);
    if (rc)
        return rc;
    tdm_stemmer *ss = stemmer_for(src_lang), *ts = stemmer_for(tgt_lang);
    idvec a = {0}, b = {0};
    char buf[256];
    long line = 0;
    rc = 0;
    for (size_t pos = 0; pos < len && rc == 0;) {
        const char *s = data + pos;
        const char *nl = memchr(s, '\n', len - pos);
        size_t ll = nl ? (size_t)(nl - s) : len - pos;
        pos += ll + 1;
        line++;
        if (ll == 0 || s[0] == '#' || (ll == 1 && s[0] == '\r'))
            continue;
        const char *tab1 = memchr(s, '\t', ll);
        if (!tab1) {
            rc = tdm_fail(err, TDM_EINPUT, path, line, -1, "expected source_word<TAB>target_word");
            break;
        }
        const char *w1 = s, *w2 = tab1 + 1;
        size_t l1 = (size_t)(tab1 - s), l2 = ll - l1 - 1;
        const char *tab2 = memchr(w2, '\t', l2); /* further columns are ignored */
        if (tab2)
            l2 = (size_t)(tab2 - w2);
        if (swap) {
            const char *t = w1;
            w1 = w2;
            w2 = t;
            size_t tl = l1;
            l1 = l2;
            l2 = tl;
        }
        uint32_t x = lookup(tab, ss, w1, l1, buf, sizeof buf);
        if (x == TDM_STRTAB_NONE)
            continue;
        uint32_t y = lookup(tab, ts, w2, l2, buf, sizeof buf);
        if (y == TDM_STRTAB_NONE)
            continue;
        if (push(&a, x) || push(&b, y))
            rc = tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
    }
    free(data);
    tdm_stemmer_free(ss);
    tdm_stemmer_free(ts);
    if (rc) {
        free(a.v);
        free(b.v);
        return rc;
    }
    *src = a.v;
    *tgt = b.v;
    *pairs = a.n;
    return 0;
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int tdm_lexicon_find(const char *models_dir, const char *src_lang, const char *tgt_lang, char *buf,
                     size_t cap, int *swap)
{
    if (!models_dir || !src_lang || !tgt_lang || !*src_lang || !*tgt_lang)
        return -1;
    snprintf(buf, cap, "%s/lexicon/%s-%s.tsv", models_dir, src_lang, tgt_lang);
    if (is_file(buf)) {
        *swap = 0;
        return 0;
    }
    snprintf(buf, cap, "%s/lexicon/%s-%s.tsv", models_dir, tgt_lang, src_lang);
    if (is_file(buf)) {
        *swap = 1;
        return 0;
    }
    return -1;
}
