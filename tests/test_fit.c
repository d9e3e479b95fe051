/* test_fit.c: fitting the aligner's weights (toolkit/align/fit.c) on a small
 * development list: the seed story and one TransRead book. */
#include "test.h"

#include <string.h>
#include <unistd.h>

#include "tandem/align.h"
#include "tandem/eval.h"

static double f1_of(const tdm_eval_set *sets, size_t n, const char *name)
{
    for (size_t k = 0; k < n; k++)
        if (strcmp(sets[k].name, name) == 0)
            return sets[k].scores.strict_f1;
    fail_msg("no set %s", name);
    return -1;
}

/* The fit raises the objective and lowers no set below its F1 before the
 * fit (a step that does is penalized), and writes its weights. */
static void test_fit_lowers_no_set(void **state)
{
    (void)state;
    char es[1024], fr[1024], sg[1024], en[1024], fr2[1024], eg[1024];
    if (!test_shared_path(es, sizeof es, "seed/es.txt") ||
        !test_shared_path(fr, sizeof fr, "seed/fr.txt") ||
        !test_shared_path(sg, sizeof sg, "seed/gold.beads") ||
        !test_shared_path(en, sizeof en, "transread-en-fr/Emma/en.txt") ||
        !test_shared_path(fr2, sizeof fr2, "transread-en-fr/Emma/fr.txt") ||
        !test_shared_path(eg, sizeof eg, "transread-en-fr/Emma/gold.en-fr.beads")) {
        fprintf(stderr, "test_fit: skipped (no ../shared/corpora)\n");
        skip();
    }
    char dir[] = "/tmp/test_fit_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char list[1100], weights[1100];
    snprintf(list, sizeof list, "%s/dev.list", dir);
    FILE *f = fopen(list, "w");
    assert_non_null(f);
    fprintf(f, "seed raw %s %s %s es fr\n", es, fr, sg);
    fprintf(f, "emma presplit %s %s %s en fr\n", en, fr2, eg);
    fclose(f);
    tdm_align_opts o;
    tdm_align_opts_init(&o);
    o.models_dir = test_models_dir();
    tdm_eval_set before[4], after[4];
    size_t nb, na;
    tdm_error err;
    assert_int_equal(tdm_align_eval_list(list, &o, before, 4, &nb, &err), 0);
    snprintf(weights, sizeof weights, "%s/weights", dir);
    assert_int_equal(tdm_align_fit(list, &o, weights, after, 4, &na, &err), 0);
    assert_int_equal(na, 2);
    double seed0 = f1_of(before, nb, "seed"), emma0 = f1_of(before, nb, "emma");
    double seed1 = f1_of(after, na, "seed"), emma1 = f1_of(after, na, "emma");
    assert_true(seed1 >= seed0 - 1e-9);
    assert_true(emma1 >= emma0 - 1e-9);
    assert_true(seed1 + emma1 >= seed0 + emma0 - 1e-9);
    /* The weights file is written. */
    FILE *w = fopen(weights, "r");
    assert_non_null(w);
    fclose(w);
    remove(weights);
    remove(list);
    assert_int_equal(rmdir(dir), 0);
}

static const tdm_eval_set *set_of(const tdm_eval_set *sets, size_t n, const char *name)
{
    for (size_t k = 0; k < n; k++)
        if (strcmp(sets[k].name, name) == 0)
            return &sets[k];
    fail_msg("no set %s", name);
    return NULL;
}

/* KIND presplit-nolex aligns without a lexicon whatever the models hold:
 * the same counts as the list aligned with the lexicon "none" (and, on the
 * Chinese fables, other beads than with CC-CEDICT when it is built). */
static void test_nolex_kind(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_fit_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char list[1100], plain[1100], cwd[900];
    assert_non_null(getcwd(cwd, sizeof cwd));
    snprintf(list, sizeof list, "%s/nolex.list", dir);
    snprintf(plain, sizeof plain, "%s/plain.list", dir);
    const char *z = "tests/data/zh-en";
    FILE *f = fopen(list, "w");
    assert_non_null(f);
    fprintf(f, "zh presplit-nolex %s/%s/en.sent %s/%s/zh.sent %s/%s/gold.beads en zh\n", cwd, z,
            cwd, z, cwd, z);
    fclose(f);
    f = fopen(plain, "w");
    assert_non_null(f);
    fprintf(f, "zh presplit %s/%s/en.sent %s/%s/zh.sent %s/%s/gold.beads en zh\n", cwd, z, cwd, z,
            cwd, z);
    fclose(f);
    tdm_align_opts o;
    tdm_align_opts_init(&o);
    o.models_dir = test_models_dir();
    tdm_eval_set a[2], b[2];
    size_t na, nb;
    tdm_error err;
    assert_int_equal(tdm_align_eval_list(list, &o, a, 2, &na, &err), 0);
    o.lexicon = "";
    assert_int_equal(tdm_align_eval_list(plain, &o, b, 2, &nb, &err), 0);
    assert_int_equal(na, 1);
    assert_int_equal(nb, 1);
    assert_memory_equal(&set_of(a, na, "zh")->counts, &set_of(b, nb, "zh")->counts,
                        sizeof a[0].counts);
    /* A kind it does not know is an error naming the line. */
    f = fopen(list, "w");
    assert_non_null(f);
    fprintf(f, "# comment\nzh presplit-none a b c en zh\n");
    fclose(f);
    assert_int_equal(tdm_align_eval_list(list, &o, a, 2, &na, &err), TDM_EINPUT);
    assert_int_equal(err.line, 2);
    remove(list);
    remove(plain);
    assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fit_lowers_no_set),
        cmocka_unit_test(test_nolex_kind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
