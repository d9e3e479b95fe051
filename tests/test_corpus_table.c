/* test_corpus_table.c: the table learnt from a whole batch
 * (toolkit/align/corpus_table.c): its memory bound drops sentence pairs by
 * their number in the corpus, whatever the samples they came in, and what
 * it learns is the translation of the words. */
#include "test.h"

#include <string.h>

#include "align/aligner.h"
#include "align/corpus_table.h"
#include "align/lexicon.h"

enum { PAIRS = 200, VOCAB = 10, WORDS = 3 };

static const char letters[] = "bcdfghjklm";

/* Word w of a side: "sbb", "scc"... and "tbb", "tcc"...: no word or
 * four-letter prefix shared, so only a learnt table links them. */
static void word(char side, int w, char out[4])
{
    out[0] = side;
    out[1] = out[2] = letters[w];
    out[3] = '\0';
}

/* Sentence k of a side: WORDS words picked by k, the target word for word
 * the translation of the source. */
static void sentence(char side, int k, char *buf)
{
    buf[0] = '\0';
    for (int m = 0; m < WORDS; m++) {
        char w[4];
        word(side, (k * 7 + m * 3 + k / VOCAB) % VOCAB, w);
        strcat(buf, m ? " " : "");
        strcat(buf, w);
    }
}

typedef struct {
    char text[2][PAIRS][16];
    const char *ptr[2][PAIRS];
    size_t len[2][PAIRS];
    tdm_align_prep *prep;
} corpus;

static void corpus_init(corpus *c)
{
    for (int side = 0; side < 2; side++)
        for (int k = 0; k < PAIRS; k++) {
            sentence(side ? 't' : 's', k, c->text[side][k]);
            c->ptr[side][k] = c->text[side][k];
            c->len[side][k] = strlen(c->text[side][k]);
        }
    tdm_align_input src = {PAIRS, c->ptr[0], c->len[0], NULL, NULL};
    tdm_align_input tgt = {PAIRS, c->ptr[1], c->len[1], NULL, NULL};
    tdm_error err;
    c->prep = tdm_align_prep_new(&src, &tgt, NULL, 0, &err);
    assert_non_null(c->prep);
}

/* Adds the sentence pairs [from, to) as one sample. */
static void add(tdm_corpus_table *t, const corpus *c, uint32_t from, uint32_t to)
{
    uint32_t idx[PAIRS];
    for (uint32_t k = from; k < to; k++)
        idx[k - from] = k;
    tdm_align_sample *s;
    assert_int_equal(tdm_corpus_table_sample(c->prep, idx, idx, to - from, &s), 0);
    assert_non_null(s);
    assert_int_equal(tdm_corpus_table_add(t, s), 0);
}

/* The pairs of lex among the stems of the corpus, as a VOCAB x VOCAB grid
 * (source word x target word). */
static void learnt_grid(const tdm_lexicon *lex, int grid[VOCAB][VOCAB], size_t *total)
{
    tdm_strtab *tab = tdm_strtab_new();
    assert_non_null(tab);
    for (int side = 0; side < 2; side++)
        for (int w = 0; w < VOCAB; w++) {
            char key[5] = "\x04";
            word(side ? 't' : 's', w, key + 1);
            tdm_strtab_intern(tab, key, 4);
        }
    uint32_t *src, *tgt;
    size_t pairs;
    assert_int_equal(tdm_lexicon_resolve(lex, tab, &src, &tgt, &pairs), 0);
    memset(grid, 0, sizeof(int) * VOCAB * VOCAB);
    *total = pairs;
    for (size_t k = 0; k < pairs; k++) {
        /* ids 0..VOCAB-1: source words, VOCAB..: target words */
        uint32_t s = src[k], t = tgt[k];
        if (s < VOCAB && t >= VOCAB)
            grid[s][t - VOCAB]++;
        else if (t < VOCAB && s >= VOCAB)
            grid[t][s - VOCAB]++;
    }
    free(src);
    free(tgt);
    tdm_strtab_free(tab);
}

static void test_bound_and_learning(void **state)
{
    (void)state;
    corpus c;
    corpus_init(&c);
    /* (3 + 1) x 3 = 12 cells a pair, 2,400 in all: a bound of 500 keeps
     * every 8th pair (25 pairs, 300 cells; every 4th would be 600). */
    tdm_corpus_table *one = tdm_corpus_table_new(500), *many = tdm_corpus_table_new(500);
    assert_non_null(one);
    assert_non_null(many);
    add(one, &c, 0, PAIRS); /* the bound is passed inside one sample */
    for (uint32_t k = 0; k < PAIRS; k += 7)
        add(many, &c, k, k + 7 < PAIRS ? k + 7 : PAIRS);
    size_t seen, kept, seen2, kept2;
    tdm_corpus_table_counts(one, &seen, &kept);
    tdm_corpus_table_counts(many, &seen2, &kept2);
    assert_int_equal(seen, PAIRS);
    assert_int_equal(kept, PAIRS / 8);
    assert_int_equal(seen2, PAIRS);
    assert_int_equal(kept2, PAIRS / 8);

    tdm_lexicon *a = tdm_corpus_table_learn(one, 5, 0.6);
    tdm_lexicon *b = tdm_corpus_table_learn(many, 5, 0.6);
    assert_non_null(a);
    assert_non_null(b);
    int ga[VOCAB][VOCAB], gb[VOCAB][VOCAB];
    size_t na, nb;
    learnt_grid(a, ga, &na);
    learnt_grid(b, gb, &nb);
    /* The same pairs kept, whatever the samples: the same table. */
    assert_int_equal(na, nb);
    assert_memory_equal(ga, gb, sizeof ga);
    /* Word w translates as word w: most of them learnt, nothing else. */
    int right = 0, wrong = 0;
    for (int s = 0; s < VOCAB; s++)
        for (int t = 0; t < VOCAB; t++)
            *(s == t ? &right : &wrong) += ga[s][t] > 0;
    assert_true(right >= VOCAB / 2);
    assert_int_equal(wrong, 0);
    /* Learning empties the store. */
    tdm_corpus_table_counts(one, &seen, &kept);
    assert_int_equal(kept, 0);
    tdm_lexicon_free(a);
    tdm_lexicon_free(b);
    tdm_corpus_table_free(one);
    tdm_corpus_table_free(many);
    tdm_align_prep_free(c.prep);
}

/* Pairs with no word on a side teach nothing: no sample at all. */
static void test_empty_sample(void **state)
{
    (void)state;
    const char *s[1] = {"..."}, *t[1] = {"sbb"};
    size_t sl[1] = {3}, tl[1] = {3};
    tdm_align_input src = {1, s, sl, NULL, NULL}, tgt = {1, t, tl, NULL, NULL};
    tdm_error err;
    tdm_align_prep *prep = tdm_align_prep_new(&src, &tgt, NULL, 0, &err);
    assert_non_null(prep);
    uint32_t zero = 0;
    tdm_align_sample *sample = (tdm_align_sample *)&zero;
    assert_int_equal(tdm_corpus_table_sample(prep, &zero, &zero, 1, &sample), 0);
    assert_null(sample);
    tdm_corpus_table *table = tdm_corpus_table_new(100);
    assert_int_equal(tdm_corpus_table_add(table, NULL), 0);
    tdm_lexicon *lex = tdm_corpus_table_learn(table, 5, 0.6);
    assert_non_null(lex);
    assert_int_equal(tdm_lexicon_size(lex), 0);
    tdm_lexicon_free(lex);
    tdm_corpus_table_free(table);
    tdm_align_prep_free(prep);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bound_and_learning),
        cmocka_unit_test(test_empty_sample),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
