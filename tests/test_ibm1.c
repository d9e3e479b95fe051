/* test_ibm1.c: IBM Model 1 learnt from the input (toolkit/align/ibm1.c) on
 * a synthetic parallel text whose translations are known. */
#include "test.h"

#include <string.h>

#include "align/ibm1.h"
#include "base/strtab.h"

#define PAIRS 100
#define WORDS 25

/* Sentence k: "the" + two content words + a word of its own; its
 * translation "le" + their translations + a word of its own. Each content
 * word is in 8 of the 100 sentences, "the" and "le" in all. */
static void make_text(char src[PAIRS][64], char tgt[PAIRS][64])
{
    for (int k = 0; k < PAIRS; k++) {
        int a = k % WORDS, b = (k * 7 + 3) % WORDS;
        if (b == a)
            b = (b + 1) % WORDS;
        snprintf(src[k], 64, "the src%c%c src%c%c own%d", 'a' + a / 5, 'a' + a % 5, 'a' + b / 5,
                 'a' + b % 5, k);
        snprintf(tgt[k], 64, "le tgt%c%c tgt%c%c mien%d", 'a' + a / 5, 'a' + a % 5, 'a' + b / 5,
                 'a' + b % 5, k);
    }
}

static uint32_t stem_id(const tdm_strtab *tab, const char *word)
{
    char key[64];
    snprintf(key, sizeof key, "\x04%s", word);
    return tdm_strtab_find(tab, key, strlen(key));
}

/* A table learnt from n sentence pairs (width bytes a sentence, n <=
 * PAIRS), and what learn_free releases. */
typedef struct {
    tdm_strtab *tab;
    tdm_evidence se, te;
    uint32_t *ps, *pt;
    size_t pairs;
} learnt;

static void learn(learnt *l, const char *src, const char *tgt, size_t width, int n)
{
    const char *st[PAIRS], *tt[PAIRS];
    size_t sl[PAIRS], tl[PAIRS];
    uint32_t sent[PAIRS];
    assert_true(n <= PAIRS);
    for (int k = 0; k < n; k++) {
        st[k] = src + (size_t)k * width;
        tt[k] = tgt + (size_t)k * width;
        sl[k] = strlen(st[k]);
        tl[k] = strlen(tt[k]);
        sent[k] = (uint32_t)k;
    }
    l->tab = tdm_strtab_new();
    assert_non_null(l->tab);
    assert_int_equal(tdm_evidence_build(&l->se, l->tab, st, sl, (size_t)n, NULL), 0);
    assert_int_equal(tdm_evidence_build(&l->te, l->tab, tt, tl, (size_t)n, NULL), 0);
    size_t vocab = tdm_strtab_count(l->tab);
    assert_int_equal(tdm_ibm1_learn(&l->se, &l->te, sent, sent, (size_t)n, vocab, 5, 0.3, &l->ps,
                                    &l->pt, &l->pairs),
                     0);
}

static void learn_free(learnt *l)
{
    free(l->ps);
    free(l->pt);
    tdm_evidence_free(&l->se);
    tdm_evidence_free(&l->te);
    tdm_strtab_free(l->tab);
}

static void test_learns_content_words_only(void **state)
{
    (void)state;
    static char src[PAIRS][64], tgt[PAIRS][64];
    make_text(src, tgt);
    learnt l;
    learn(&l, &src[0][0], &tgt[0][0], sizeof src[0], PAIRS);
    const tdm_strtab *tab = l.tab;
    const uint32_t *ps = l.ps, *pt = l.pt;
    size_t pairs = l.pairs;
    uint32_t the = stem_id(tab, "the"), le = stem_id(tab, "le");
    assert_int_not_equal(the, TDM_STRTAB_NONE);
    assert_int_not_equal(le, TDM_STRTAB_NONE);
    /* Nearly every content word finds its translation. */
    size_t found = 0;
    for (int w = 0; w < WORDS; w++) {
        char sw[16], tw[16];
        snprintf(sw, sizeof sw, "src%c%c", 'a' + w / 5, 'a' + w % 5);
        snprintf(tw, sizeof tw, "tgt%c%c", 'a' + w / 5, 'a' + w % 5);
        uint32_t e = stem_id(tab, sw), f = stem_id(tab, tw);
        for (size_t p = 0; p < pairs; p++)
            found += ps[p] == e && pt[p] == f;
    }
    assert_true(found >= WORDS - 2);
    /* A word in every sentence pair says nothing about which sentences
     * translate each other: it is left out of training, so it is in no
     * pair (it used to pair "the" with "le" and take most of the cells). */
    for (size_t p = 0; p < pairs; p++) {
        assert_int_not_equal(ps[p], the);
        assert_int_not_equal(pt[p], le);
    }
    learn_free(&l);
}

/* Words that two training pairs happen to share are not learnt: 60 pairs,
 * sentence k with a content word in 6 pairs (k % 10), a word shared with
 * one other pair (k % 30) and a word of its own, each translated. EM pairs
 * all three kinds (t >= 0.3); the two-pair and one-pair words must not be
 * kept: they cannot be told apart from chance co-occurrence (ibm1.c). */
static void test_needs_three_pairs(void **state)
{
    (void)state;
    enum { N = 60 };
    static char src[N][48], tgt[N][48];
    for (int k = 0; k < N; k++) {
        snprintf(src[k], sizeof src[k], "word%c duo%c%c own%d", 'a' + k % 10, 'a' + k % 30 / 10,
                 'a' + k % 10, k);
        snprintf(tgt[k], sizeof tgt[k], "mot%c deux%c%c mien%d", 'a' + k % 10, 'a' + k % 30 / 10,
                 'a' + k % 10, k);
    }
    learnt l;
    learn(&l, &src[0][0], &tgt[0][0], sizeof src[0], N);
    const tdm_strtab *tab = l.tab;
    const uint32_t *ps = l.ps, *pt = l.pt;
    size_t pairs = l.pairs;
    size_t content = 0;
    for (size_t p = 0; p < pairs; p++) {
        size_t l1, l2;
        const char *e = tdm_strtab_get(tab, ps[p], &l1), *f = tdm_strtab_get(tab, pt[p], &l2);
        print_message("learnt %.*s %.*s\n", (int)l1 - 1, e + 1, (int)l2 - 1, f + 1);
        /* Stems carry a one-byte tag in front. */
        content += l1 == 6 && strncmp(e + 1, "word", 4) == 0 && l2 == 5 &&
                   strncmp(f + 1, "mot", 3) == 0 && e[5] == f[4];
        assert_true(l1 < 4 || strncmp(e + 1, "duo", 3) != 0);
        assert_true(l1 < 4 || strncmp(e + 1, "own", 3) != 0);
    }
    assert_int_equal(content, 10);
    learn_free(&l);
}

/* No pairs, or pairs with an empty side: nothing learnt, no failure. */
static void test_empty(void **state)
{
    (void)state;
    const char *st[] = {"", "alpha beta"}, *tt[] = {"gamma", ""};
    size_t sl[] = {0, 10}, tl[] = {5, 0};
    uint32_t sent[] = {0, 1};
    tdm_strtab *tab = tdm_strtab_new();
    assert_non_null(tab);
    tdm_evidence se, te;
    assert_int_equal(tdm_evidence_build(&se, tab, st, sl, 2, NULL), 0);
    assert_int_equal(tdm_evidence_build(&te, tab, tt, tl, 2, NULL), 0);
    size_t vocab = tdm_strtab_count(tab);
    for (size_t n = 0; n <= 2; n++) {
        uint32_t *ps, *pt;
        size_t pairs = 99;
        assert_int_equal(tdm_ibm1_learn(&se, &te, sent, sent, n, vocab, 5, 0.3, &ps, &pt, &pairs),
                         0);
        assert_int_equal(pairs, 0);
        free(ps);
        free(pt);
    }
    tdm_evidence_free(&se);
    tdm_evidence_free(&te);
    tdm_strtab_free(tab);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_learns_content_words_only),
        cmocka_unit_test(test_needs_three_pairs),
        cmocka_unit_test(test_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
