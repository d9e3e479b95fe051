/*
 * lexicon.c: a bilingual lexicon as extra evidence for the aligner.
 *
 * A lexicon (models/lexicon/<src>-<tgt>.tsv, built from FreeDict by
 * models/lexicon/build.sh) lists word pairs, one per line, in dictionary
 * form; texts inflect them. Both are reduced to Snowball stems (after the
 * same case and accent folding), so "Berechnungen" meets the entry
 * "Berechnung". The file is read and stemmed once (tdm_lexicon_load) into
 * a table of stems with, per source stem, its target stems; an alignment
 * then only walks the stems of its input and keeps the pairs whose two
 * stems occur in it (tdm_lexicon_resolve). A loaded lexicon is only read
 * afterwards, so threads aligning many small pairs share one. A compiled
 * lexicon (lexicon_file.c: stemmed once, at build time) is mapped instead
 * of read; tdm_lexicon_find prefers it.
 */
#include "align/lexicon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/error.h"
#include "base/fileio.h"
#include "tandem/lang.h"
#include "align/lexical.h"
#include "align/lexicon_file.h"
#include "base/u32vec.h"
#include "text/token.h"
#include "text/lang.h"

/* A loaded lexicon: the stem keys of its words interned once, and for
 * each source stem its target stems in file order (duplicates kept, as the
 * file lists them). */
struct tdm_lexicon {
    tdm_lexfile file; /* a compiled lexicon, mapped (compiled = 1) */
    int compiled;
    tdm_strtab *stems;
    uint32_t *off; /* per stem id + 1: offsets into tgt */
    uint32_t *tgt;
    size_t pairs;
};

/* Folds and stems s[0, len) into its stem key (key, cap bytes); returns
 * the key's length, 0 when there is none, TDM_STEM_NOMEM when memory ran
 * out. */
static size_t stem_key(tdm_stemmer *stemmer, const char *s, size_t len, char *key, size_t cap)
{
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\r'))
        len--;
    while (len > 0 && s[0] == ' ') {
        s++;
        len--;
    }
    if (len == 0)
        return 0;
    char buf[256];
    size_t n = tdm_fold(s, len, TDM_FOLD_CASE | TDM_FOLD_ACCENTS, buf, sizeof buf);
    if (n >= sizeof buf)
        return 0; /* longer than any word we keep */
    return tdm_stem_key(stemmer, buf, n, key, cap);
}

/* The stemmer of lang into *st (NULL when Snowball has none); TDM_ENOMEM
 * when memory ran out, never a silent "no stemmer". */
static int stemmer_for(const char *lang, tdm_stemmer **st)
{
    *st = NULL;
    int exists = tdm_stemmer_exists(lang);
    if (exists < 0 || (exists && !(*st = tdm_stemmer_new(lang))))
        return TDM_ENOMEM;
    return TDM_OK;
}

void tdm_lexicon_free(tdm_lexicon *lex)
{
    if (!lex)
        return;
    if (lex->compiled)
        tdm_lexfile_close(&lex->file);
    tdm_strtab_free(lex->stems);
    free(lex->off);
    free(lex->tgt);
    free(lex);
}

/* Groups the pairs (a[k], b[k]) by a, keeping their order: lex->off and
 * lex->tgt. */
static int group_pairs(tdm_lexicon *lex, const tdm_u32vec *a, const tdm_u32vec *b)
{
    size_t n = tdm_strtab_count(lex->stems);
    lex->off = calloc(n + 2, sizeof *lex->off);
    lex->tgt = malloc((a->n + 1) * sizeof *lex->tgt);
    if (!lex->off || !lex->tgt)
        return -1;
    for (size_t k = 0; k < a->n; k++)
        lex->off[a->v[k] + 1]++;
    for (size_t w = 0; w < n; w++)
        lex->off[w + 1] += lex->off[w];
    for (size_t k = 0; k < a->n; k++) /* off[w] runs ahead, then is restored */
        lex->tgt[lex->off[a->v[k]]++] = b->v[k];
    for (size_t w = n; w > 0; w--)
        lex->off[w] = lex->off[w - 1];
    lex->off[0] = 0;
    lex->pairs = a->n;
    return 0;
}

tdm_lexicon *tdm_lexicon_load(const char *path, int swap, const char *src_lang,
                              const char *tgt_lang, tdm_error *err)
{
    char *data;
    size_t len;
    if (tdm_read_all(path, &data, &len, err))
        return NULL;
    if (tdm_lexfile_is(data, len)) {
        free(data);
        tdm_lexicon *lex = calloc(1, sizeof *lex);
        if (!lex) {
            tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
            return NULL;
        }
        if (swap) {
            tdm_fail(err, TDM_EINPUT, path, -1, -1,
                     "a compiled lexicon has one direction: compile the other one");
        } else if (tdm_lexfile_open(&lex->file, path, src_lang, tgt_lang, err) == 0) {
            lex->compiled = 1;
            return lex;
        }
        free(lex);
        return NULL;
    }
    tdm_lexicon *lex = calloc(1, sizeof *lex);
    tdm_stemmer *ss = NULL, *ts = NULL;
    tdm_u32vec a = {0}, b = {0};
    long line = 0;
    int rc = lex && (lex->stems = tdm_strtab_new()) && stemmer_for(src_lang, &ss) == TDM_OK &&
                     stemmer_for(tgt_lang, &ts) == TDM_OK
                 ? 0
                 : -1;
    if (rc)
        tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
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
        char k1[256], k2[256];
        size_t n1 = stem_key(ss, w1, l1, k1, sizeof k1);
        size_t n2 = n1 && n1 != TDM_STEM_NOMEM ? stem_key(ts, w2, l2, k2, sizeof k2) : 0;
        if (n1 == TDM_STEM_NOMEM || n2 == TDM_STEM_NOMEM) {
            rc = tdm_fail(err, TDM_ENOMEM, path, line, -1, "out of memory");
            break;
        }
        if (!n2)
            continue;
        uint32_t x = tdm_strtab_intern(lex->stems, k1, n1);
        uint32_t y = tdm_strtab_intern(lex->stems, k2, n2);
        if (x == TDM_STRTAB_NONE || y == TDM_STRTAB_NONE || tdm_u32vec_push(&a, x) ||
            tdm_u32vec_push(&b, y))
            rc = tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
    }
    if (rc == 0 && group_pairs(lex, &a, &b))
        rc = tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
    free(data);
    free(a.v);
    free(b.v);
    tdm_stemmer_free(ss);
    tdm_stemmer_free(ts);
    if (rc) {
        tdm_lexicon_free(lex);
        return NULL;
    }
    return lex;
}

tdm_lexicon *tdm_lexicon_from_pairs(tdm_strtab *stems, const uint32_t *src, const uint32_t *tgt,
                                    size_t pairs)
{
    tdm_lexicon *lex = calloc(1, sizeof *lex);
    if (!lex) {
        tdm_strtab_free(stems);
        return NULL;
    }
    lex->stems = stems;
    tdm_u32vec a = {(uint32_t *)src, pairs, pairs}, b = {(uint32_t *)tgt, pairs, pairs};
    if (group_pairs(lex, &a, &b)) {
        tdm_lexicon_free(lex);
        return NULL;
    }
    return lex;
}

size_t tdm_lexicon_size(const tdm_lexicon *lex)
{
    return !lex ? 0 : lex->compiled ? tdm_lexfile_size(&lex->file) : lex->pairs;
}

int tdm_lexicon_compile(const char *tsv, int swap, const char *src_lang, const char *tgt_lang,
                        const char *out, tdm_error *err)
{
    tdm_lexicon *lex = tdm_lexicon_load(tsv, swap, src_lang, tgt_lang, err);
    if (!lex)
        return err ? err->code : TDM_ENOMEM;
    int rc = lex->compiled
                 ? tdm_fail(err, TDM_EINPUT, tsv, -1, -1, "already compiled")
                 : tdm_lexfile_write(out, lex->stems, lex->off, lex->tgt, src_lang, tgt_lang, err);
    tdm_lexicon_free(lex);
    return rc;
}

int tdm_lexicon_resolve(const tdm_lexicon *lex, const tdm_strtab *tab, uint32_t **src,
                        uint32_t **tgt, size_t *pairs)
{
    tdm_u32vec a = {0}, b = {0};
    *src = *tgt = NULL;
    *pairs = 0;
    if (lex->compiled) {
        if (tdm_lexfile_resolve(&lex->file, tab, &a, &b)) {
            free(a.v);
            free(b.v);
            return TDM_ENOMEM;
        }
        *src = a.v;
        *tgt = b.v;
        *pairs = a.n;
        return 0;
    }
    /* Walk the input's stems (fewer than the lexicon's, for most inputs). */
    size_t n = tdm_strtab_count(tab);
    for (uint32_t id = 0; id < n; id++) {
        size_t kl;
        const char *key = tdm_strtab_get(tab, id, &kl);
        if (kl < 2 || key[0] != '\x04')
            continue;
        uint32_t x = tdm_strtab_find(lex->stems, key, kl);
        if (x == TDM_STRTAB_NONE)
            continue;
        for (uint32_t k = lex->off[x]; k < lex->off[x + 1]; k++) {
            size_t tl;
            const char *t = tdm_strtab_get(lex->stems, lex->tgt[k], &tl);
            uint32_t y = tdm_strtab_find(tab, t, tl);
            if (y != TDM_STRTAB_NONE && (tdm_u32vec_push(&a, id) || tdm_u32vec_push(&b, y))) {
                free(a.v);
                free(b.v);
                return TDM_ENOMEM;
            }
        }
    }
    *src = a.v;
    *tgt = b.v;
    *pairs = a.n;
    return 0;
}

int tdm_lexicon_pairs(const char *path, int swap, const char *src_lang, const char *tgt_lang,
                      const tdm_strtab *tab, uint32_t **src, uint32_t **tgt, size_t *pairs,
                      tdm_error *err)
{
    tdm_lexicon *lex = tdm_lexicon_load(path, swap, src_lang, tgt_lang, err);
    if (!lex)
        return err ? err->code : TDM_ENOMEM;
    int rc = tdm_lexicon_resolve(lex, tab, src, tgt, pairs);
    tdm_lexicon_free(lex);
    return rc ? tdm_fail(err, rc, path, -1, -1, "out of memory") : 0;
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
    /* Lexicons are named by the languages' resource codes (nb, nn: no). */
    src_lang = tdm_lang_resource_code(src_lang);
    tgt_lang = tdm_lang_resource_code(tgt_lang);
    /* make compiles both directions of every TSV lexicon. */
    snprintf(buf, cap, "%s/lexicon/%s-%s.lex", models_dir, src_lang, tgt_lang);
    if (is_file(buf)) {
        *swap = 0;
        return 0;
    }
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
