/*
 * lexicon_file.c: a lexicon compiled once (stemmed, grouped, hashed) into
 * a file that every align process maps and uses where it lies.
 *
 * Reading the TSV lexicon folds and stems every word of it: 80 of the 90
 * ms of aligning the 16-sentence seed with the es-fr list of 40,000
 * lines, and more for de-en (270,000). `make` compiles each TSV lexicon
 * of models/lexicon into <src>-<tgt>.lex for both directions (align
 * --compile-lexicon); loading one is then an mmap and a check of its
 * offsets, and an alignment looks up only the stems of its input, as the
 * IDF models are used in place (summarize/idf_model.c).
 *
 * Layout (uint32 words in the byte order of the machine that compiled it,
 * which the header records):
 *   header  magic "TDMLEX1\n", 0x01020304, slot_count (a power of two),
 *           stem_count, pair_count, pool_size, src_lang[8], tgt_lang[8]
 *   slots   slot_count words: index + 1 of the source stem whose hash
 *           (tdm_strtab_hash) starts probing there (linear probing, at
 *           most half full), 0 empty
 *   stems   stem_count + 1 entries of 4 words: hash, key offset in the
 *           pool, key length, first pair (the next entry's ends it)
 *   pairs   pair_count entries of 2 words: target stem offset and length
 *   pool    the stem keys, each once
 * A stale .lex is rebuilt by make when its TSV changes (a dependency), and
 * the languages in the header must be those of the alignment.
 */
#include "align/lexicon_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "tandem/output.h"

#define MAGIC "TDMLEX1\n"
#define ORDER 0x01020304u
#define HEADER_WORDS 11 /* magic 2, order, 4 counts, two languages 2 + 2 */

int tdm_lexfile_is(const char *data, size_t len)
{
    return len >= 8 && memcmp(data, MAGIC, 8) == 0;
}

static int corrupt(const char *path, const char *what, tdm_error *err)
{
    return tdm_fail(err, TDM_EINPUT, path, -1, -1,
                    "compiled lexicon %s (rebuild it: align --compile-lexicon)", what);
}

int tdm_lexfile_open(tdm_lexfile *lf, const char *path, const char *src_lang, const char *tgt_lang,
                     tdm_error *err)
{
    memset(lf, 0, sizeof *lf);
    int rc = tdm_file_view_open(path, &lf->file, err);
    if (rc)
        return rc;
    const char *d = lf->file.data;
    size_t len = lf->file.len;
    uint32_t h[HEADER_WORDS];
    if (!tdm_lexfile_is(d, len) || len < sizeof h) {
        rc = corrupt(path, "is truncated or not one", err);
        goto fail;
    }
    memcpy(h, d, sizeof h);
    if (h[2] != ORDER) {
        rc = corrupt(path, "was made on a machine of another byte order", err);
        goto fail;
    }
    lf->slot_count = h[3];
    lf->stem_count = h[4];
    lf->pair_count = h[5];
    lf->pool_size = h[6];
    memcpy(lf->src_lang, &h[7], 8);
    memcpy(lf->tgt_lang, &h[9], 8);
    lf->src_lang[7] = lf->tgt_lang[7] = '\0';
    uint64_t words = HEADER_WORDS + (uint64_t)lf->slot_count + 4 * ((uint64_t)lf->stem_count + 1) +
                     2 * (uint64_t)lf->pair_count;
    if (lf->slot_count == 0 || (lf->slot_count & (lf->slot_count - 1)) ||
        lf->stem_count >= lf->slot_count || words * 4 + lf->pool_size != len) {
        rc = corrupt(path, "is truncated or corrupt", err);
        goto fail;
    }
    if ((src_lang && *src_lang && strcmp(src_lang, lf->src_lang) != 0) ||
        (tgt_lang && *tgt_lang && strcmp(tgt_lang, lf->tgt_lang) != 0)) {
        rc = tdm_fail(err, TDM_EINPUT, path, -1, -1,
                      "compiled lexicon is for %s-%s, not %s-%s (compile it for this direction)",
                      lf->src_lang, lf->tgt_lang, src_lang ? src_lang : "?",
                      tgt_lang ? tgt_lang : "?");
        goto fail;
    }
    /* The file is mapped at a page boundary: the words are aligned. */
    lf->slots = (const uint32_t *)(const void *)d + HEADER_WORDS;
    lf->stems = lf->slots + lf->slot_count;
    lf->pairs = lf->stems + 4 * ((size_t)lf->stem_count + 1);
    lf->pool = (const char *)(lf->pairs + 2 * (size_t)lf->pair_count);
    /* Every offset checked once, so that lookups need not. */
    for (uint32_t s = 0; s < lf->slot_count; s++)
        if (lf->slots[s] > lf->stem_count) {
            rc = corrupt(path, "has a bad slot", err);
            goto fail;
        }
    for (uint32_t k = 0; k <= lf->stem_count; k++) {
        const uint32_t *e = lf->stems + 4 * (size_t)k;
        if ((uint64_t)e[1] + e[2] > lf->pool_size || e[3] > lf->pair_count ||
            (k > 0 && e[3] < e[-1]) || (k == lf->stem_count && e[3] != lf->pair_count)) {
            rc = corrupt(path, "has a bad stem entry", err);
            goto fail;
        }
    }
    for (uint32_t k = 0; k < lf->pair_count; k++)
        if ((uint64_t)lf->pairs[2 * (size_t)k] + lf->pairs[2 * (size_t)k + 1] > lf->pool_size) {
            rc = corrupt(path, "has a bad pair", err);
            goto fail;
        }
    return 0;
fail:
    tdm_lexfile_close(lf);
    return rc;
}

void tdm_lexfile_close(tdm_lexfile *lf)
{
    tdm_file_view_close(&lf->file);
    memset(lf, 0, sizeof *lf);
}

size_t tdm_lexfile_size(const tdm_lexfile *lf)
{
    return lf->pair_count;
}

/* The index of the source stem key[0, len), or -1. */
static long find_stem(const tdm_lexfile *lf, const char *key, size_t len)
{
    uint32_t h = tdm_strtab_hash(key, len), mask = lf->slot_count - 1;
    /* At most stem_count probes: a corrupt table without an empty slot
     * cannot loop forever. */
    for (uint32_t i = h & mask, n = 0; lf->slots[i] != 0 && n <= lf->stem_count;
         i = (i + 1) & mask, n++) {
        const uint32_t *e = lf->stems + 4 * (size_t)(lf->slots[i] - 1);
        if (e[0] == h && e[2] == len && memcmp(lf->pool + e[1], key, len) == 0)
            return (long)(lf->slots[i] - 1);
    }
    return -1;
}

int tdm_lexfile_resolve(const tdm_lexfile *lf, const tdm_strtab *tab, tdm_u32vec *a, tdm_u32vec *b)
{
    size_t n = tdm_strtab_count(tab);
    for (uint32_t id = 0; id < n; id++) {
        size_t kl;
        const char *key = tdm_strtab_get(tab, id, &kl);
        if (kl < 2 || key[0] != '\x04')
            continue;
        long x = find_stem(lf, key, kl);
        if (x < 0)
            continue;
        const uint32_t *e = lf->stems + 4 * (size_t)x;
        for (uint32_t k = e[3]; k < e[7]; k++) {
            const uint32_t *p = lf->pairs + 2 * (size_t)k;
            uint32_t y = tdm_strtab_find(tab, lf->pool + p[0], p[1]);
            if (y != TDM_STRTAB_NONE && (tdm_u32vec_push(a, id) || tdm_u32vec_push(b, y)))
                return TDM_ENOMEM;
        }
    }
    return 0;
}

static void put(uint32_t w, FILE *f)
{
    fwrite(&w, sizeof w, 1, f);
}

int tdm_lexfile_write(const char *path, const tdm_strtab *stems, const uint32_t *off,
                      const uint32_t *tgt, const char *src_lang, const char *tgt_lang,
                      tdm_error *err)
{
    size_t ids = tdm_strtab_count(stems), stem_count = 0;
    uint64_t pool = 0;
    for (size_t x = 0; x < ids; x++) {
        size_t kl;
        tdm_strtab_get(stems, (uint32_t)x, &kl);
        pool += kl;
        stem_count += off[x] < off[x + 1];
    }
    uint64_t pairs = off[ids];
    uint32_t slot_count = 16;
    while (slot_count < 2 * stem_count + 2 && slot_count < (1u << 31))
        slot_count *= 2;
    if (pool >= UINT32_MAX || pairs >= UINT32_MAX || stem_count >= slot_count)
        return tdm_fail(err, TDM_EINPUT, path, -1, -1, "lexicon too large to compile");
    uint32_t *slots = calloc(slot_count, sizeof *slots), *pool_off = malloc((ids + 1) * 4);
    if (!slots || !pool_off) {
        free(slots);
        free(pool_off);
        return tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
    }
    uint32_t at = 0, k = 0;
    for (size_t x = 0; x < ids; x++) {
        size_t kl;
        tdm_strtab_get(stems, (uint32_t)x, &kl);
        pool_off[x] = at;
        at += (uint32_t)kl;
    }
    tdm_outfile *out = tdm_outfile_open(path, err);
    if (!out) {
        free(slots);
        free(pool_off);
        return err ? err->code : TDM_EIO;
    }
    FILE *f = tdm_outfile_stream(out);
    for (size_t x = 0; x < ids; x++) {
        if (off[x] == off[x + 1])
            continue;
        size_t kl;
        const char *key = tdm_strtab_get(stems, (uint32_t)x, &kl);
        uint32_t i = tdm_strtab_hash(key, kl) & (slot_count - 1);
        while (slots[i])
            i = (i + 1) & (slot_count - 1);
        slots[i] = ++k;
    }
    char langs[16] = {0};
    snprintf(langs, 8, "%s", src_lang ? src_lang : "");
    snprintf(langs + 8, 8, "%s", tgt_lang ? tgt_lang : "");
    fwrite(MAGIC, 1, 8, f);
    put(ORDER, f);
    put(slot_count, f);
    put((uint32_t)stem_count, f);
    put((uint32_t)pairs, f);
    put((uint32_t)pool, f);
    fwrite(langs, 1, 16, f);
    fwrite(slots, sizeof *slots, slot_count, f);
    uint32_t first = 0;
    for (size_t x = 0; x < ids; x++) {
        if (off[x] == off[x + 1])
            continue;
        size_t kl;
        const char *key = tdm_strtab_get(stems, (uint32_t)x, &kl);
        put(tdm_strtab_hash(key, kl), f);
        put(pool_off[x], f);
        put((uint32_t)kl, f);
        put(first, f);
        first += off[x + 1] - off[x];
    }
    put(0, f);
    put(0, f);
    put(0, f);
    put(first, f);
    for (size_t x = 0; x < ids; x++)
        for (uint32_t p = off[x]; p < off[x + 1]; p++) {
            size_t tl;
            tdm_strtab_get(stems, tgt[p], &tl);
            put(pool_off[tgt[p]], f);
            put((uint32_t)tl, f);
        }
    for (size_t x = 0; x < ids; x++) {
        size_t kl;
        const char *key = tdm_strtab_get(stems, (uint32_t)x, &kl);
        fwrite(key, 1, kl, f);
    }
    free(slots);
    free(pool_off);
    return tdm_outfile_commit(out, err);
}
