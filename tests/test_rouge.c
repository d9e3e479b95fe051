/* test_rouge.c: ROUGE-1/2/L as EVAL.md defines them. */
#include "test.h"

#include <string.h>

#include "base/json.h"
#include "tandem/rouge.h"

static tdm_rouge_scores score(tdm_rouge *r, const char *sys, const char *ref)
{
    tdm_rouge_scores s;
    assert_int_equal(tdm_rouge_score(r, sys, strlen(sys), ref, strlen(ref), &s), 0);
    return s;
}

static void assert_prf(tdm_prf p, double precision, double recall)
{
    assert_near(p.precision, precision, 1e-9);
    assert_near(p.recall, recall, 1e-9);
    double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
    assert_near(p.f1, f1, 1e-9);
}

static void test_hand_computed(void **state)
{
    (void)state;
    tdm_error err;
    tdm_rouge *r = tdm_rouge_new(NULL, &err); /* no stemming */
    assert_non_null(r);
    /* Unigrams: 5 of 6 shared; bigrams: the-cat, on-the, the-mat of 5;
     * LCS "the cat on the mat" = 5. */
    tdm_rouge_scores s = score(r, "The cat sat on the mat.", "the cat was on the mat");
    assert_prf(s.rouge1, 5.0 / 6, 5.0 / 6);
    assert_prf(s.rouge2, 3.0 / 5, 3.0 / 5);
    assert_prf(s.rougel, 5.0 / 6, 5.0 / 6);
    /* Unequal lengths: precision over the system, recall over the reference. */
    s = score(r, "cat mat", "the cat sat on the mat");
    assert_prf(s.rouge1, 1.0, 2.0 / 6);
    assert_prf(s.rouge2, 0, 0);
    assert_prf(s.rougel, 1.0, 2.0 / 6);
    /* LCS keeps order: "b a" against "a b" has LCS 1. */
    s = score(r, "b a", "a b");
    assert_prf(s.rouge1, 1, 1);
    assert_prf(s.rougel, 0.5, 0.5);
    tdm_rouge_free(r);
}

static void test_clipping(void **state)
{
    (void)state;
    tdm_error err;
    tdm_rouge *r = tdm_rouge_new(NULL, &err);
    tdm_rouge_scores s = score(r, "the the the the", "the cat");
    assert_prf(s.rouge1, 1.0 / 4, 1.0 / 2);
    s = score(r, "a b a b a b", "a b a b");
    assert_prf(s.rouge2, 3.0 / 5, 3.0 / 3); /* a-b twice, b-a once, clipped */
    tdm_rouge_free(r);
}

static void test_tokens(void **state)
{
    (void)state;
    tdm_error err;
    tdm_rouge *r = tdm_rouge_new(NULL, &err);
    /* Case, punctuation, digits as tokens, apostrophes and hyphens split,
     * NFC: e + combining acute equals é. */
    tdm_rouge_scores s = score(r, "HELLO, World! Covid-19 l'\xc3\xa9t\xc3\xa9",
                               "hello world covid 19 l e\xcc\x81t\xc3\xa9");
    assert_prf(s.rouge1, 1, 1);
    assert_prf(s.rougel, 1, 1);
    /* Capital accented letters lowercase too (Élan = élan). */
    s = score(r, "\xc3\x89lan", "\xc3\xa9lan");
    assert_prf(s.rouge1, 1, 1);
    /* Invalid UTF-8 separates tokens without crashing. */
    s = score(r,
              "ab\xff"
              "cd",
              "ab cd");
    assert_prf(s.rouge1, 1, 1);
    tdm_rouge_free(r);
}

static void test_stemming(void **state)
{
    (void)state;
    tdm_error err;
    tdm_rouge *plain = tdm_rouge_new("", &err);
    tdm_rouge *fr = tdm_rouge_new("fr", &err);
    assert_non_null(fr);
    const char *sys = "Les d\xc3\xa9veloppements r\xc3\xa9"
                      "cents";
    const char *ref = "le d\xc3\xa9veloppement r\xc3\xa9"
                      "cent";
    assert_prf(score(plain, sys, ref).rouge1, 0, 0);
    assert_prf(score(fr, sys, ref).rouge1, 1, 1); /* Snowball: les -> le too */
    tdm_rouge_free(plain);
    tdm_rouge_free(fr);
    assert_null(tdm_rouge_new("xx", &err));
    assert_int_equal(err.code, TDM_ENOLANG);
}

static void test_empty_and_mean(void **state)
{
    (void)state;
    tdm_error err;
    tdm_rouge *r = tdm_rouge_new("es", &err);
    tdm_rouge_scores a = score(r, "", "algo");
    assert_prf(a.rouge1, 0, 0);
    assert_prf(a.rougel, 0, 0);
    a = score(r, "", "");
    assert_prf(a.rouge2, 0, 0);
    tdm_rouge_sum sum = {0};
    tdm_rouge_scores m;
    tdm_rouge_mean(&sum, &m);
    assert_near(m.rouge1.f1, 0, 1e-12);
    tdm_rouge_add(&sum, &a);                        /* all 0 */
    a = score(r, "el gato negro", "el gato negro"); /* all 1 */
    tdm_rouge_add(&sum, &a);
    tdm_rouge_mean(&sum, &m);
    assert_int_equal(sum.documents, 2);
    assert_near(m.rouge1.f1, 0.5, 1e-12);
    assert_near(m.rouge2.recall, 0.5, 1e-12);
    assert_near(m.rougel.precision, 0.5, 1e-12);
    tdm_rouge_free(r);
}

/* The first k sentences of text by the plain rule of EVAL.md's Lead-k:
 * a sentence ends at . ! ? followed by white space. */
static size_t lead(const char *text, int k)
{
    int found = 0;
    size_t i = 0;
    for (; text[i]; i++)
        if (strchr(".!?", text[i]) && strchr(" \n\t", text[i + 1]) && ++found == k)
            return i + 1;
    return i;
}

/* Our ROUGE reproduces EVAL.md's Lead-1 figures on OrangeSum (the split
 * rule of the published baseline is not given exactly: a small tolerance). */
static void test_orangesum_lead1(void **state)
{
    (void)state;
    char path[4096];
    if (!test_shared_path(path, sizeof path, "orangesum-fr-valid/valid.jsonl"))
        skip();
    tdm_error err;
    tdm_jsonl_reader *in = tdm_jsonl_open(path, &err);
    tdm_json_object *obj = tdm_json_object_new();
    tdm_rouge *r = tdm_rouge_new("fr", &err);
    tdm_rouge_sum sum = {0};
    while (sum.documents < 500 && tdm_jsonl_next(in, obj, &err) == 1) {
        const char *text = tdm_json_object_get(obj, "article")->value;
        const char *ref = tdm_json_object_get(obj, "summary")->value;
        tdm_rouge_scores s;
        assert_int_equal(tdm_rouge_score(r, text, lead(text, 1), ref, strlen(ref), &s), 0);
        tdm_rouge_add(&sum, &s);
    }
    tdm_rouge_scores m;
    tdm_rouge_mean(&sum, &m);
    assert_int_equal(sum.documents, 500);
    assert_near(100 * m.rouge1.f1, 22.25, 0.15);
    assert_near(100 * m.rouge2.f1, 6.10, 0.15);
    assert_near(100 * m.rougel.f1, 15.47, 0.15);
    tdm_rouge_free(r);
    tdm_json_object_free(obj);
    tdm_jsonl_close(in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_computed),  cmocka_unit_test(test_clipping),
        cmocka_unit_test(test_tokens),         cmocka_unit_test(test_stemming),
        cmocka_unit_test(test_empty_and_mean), cmocka_unit_test(test_orangesum_lead1),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
