/* test_align_model.c: the aligner's public model API (toolkit/align/align_model.c):
 * one model shared by threads, load failures; evaluation lists honour the
 * lexicon option (toolkit/align/fit.c); the lexicon reader (toolkit/align/lexicon.c). */
#include "test.h"

#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "align/lexicon.h"
#include "tandem/align.h"
#include "tandem/eval.h"
#include "tandem/segment.h"
#include "tandem/text.h"

/* One model, loaded once, shared by threads: the same beads as tdm_align. */
typedef struct {
    const tdm_align_model *model;
    const tdm_doc *src, *tgt;
    const tdm_align_opts *opts;
    tdm_alignment *al[3];
} model_job;

static void *model_worker(void *arg)
{
    model_job *j = arg;
    for (int k = 0; k < 3; k++) {
        tdm_error err;
        j->al[k] = tdm_align_with(j->model, j->src, j->tgt, j->opts, &err);
    }
    return NULL;
}

static void test_model_shared(void **state)
{
    (void)state;
    char a[1024], b[1024];
    if (!test_shared_path(a, sizeof a, "seed/es.txt") ||
        !test_shared_path(b, sizeof b, "seed/fr.txt"))
        skip();
    tdm_error err;
    tdm_doc *es = tdm_doc_read_file(a, NULL, &err), *fr = tdm_doc_read_file(b, NULL, &err);
    assert_non_null(es);
    assert_non_null(fr);
    tdm_splitter *ses = tdm_splitter_load(test_models_dir(), "es", &err);
    tdm_splitter *sfr = tdm_splitter_load(test_models_dir(), "fr", &err);
    assert_int_equal(tdm_doc_segment(es, ses, &err), 0);
    assert_int_equal(tdm_doc_segment(fr, sfr, &err), 0);
    tdm_align_opts o;
    tdm_align_opts_init(&o);
    o.models_dir = test_models_dir();
    o.src_lang = "es";
    o.tgt_lang = "fr";
    tdm_alignment *ref = tdm_align(es, fr, &o, &err);
    assert_non_null(ref);
    tdm_align_model *model = tdm_align_model_new(&o, &err);
    assert_non_null(model);
    model_job jobs[2];
    pthread_t th[2];
    for (int t = 0; t < 2; t++) {
        jobs[t] = (model_job){model, es, fr, &o, {NULL, NULL, NULL}};
        assert_int_equal(pthread_create(&th[t], NULL, model_worker, &jobs[t]), 0);
    }
    for (int t = 0; t < 2; t++)
        pthread_join(th[t], NULL);
    size_t n = tdm_alignment_count(ref);
    for (int t = 0; t < 2; t++)
        for (int k = 0; k < 3; k++) {
            assert_non_null(jobs[t].al[k]);
            assert_int_equal(tdm_alignment_count(jobs[t].al[k]), n);
            assert_memory_equal(tdm_alignment_beads(jobs[t].al[k]), tdm_alignment_beads(ref),
                                n * sizeof(tdm_bead));
            tdm_alignment_free(jobs[t].al[k]);
        }
    /* in two steps, the texts released while the job runs: the same beads,
     * the texts back after */
    size_t es_len, fr_len;
    char *es_text = strdup(tdm_doc_text(es, &es_len)), *fr_text = strdup(tdm_doc_text(fr, &fr_len));
    assert_non_null(es_text);
    assert_non_null(fr_text);
    tdm_align_job *job = tdm_align_prepare(model, es, fr, &o, &err);
    assert_non_null(job);
    assert_int_equal(tdm_doc_release_text(es), 1);
    assert_int_equal(tdm_doc_release_text(fr), 1);
    assert_null(tdm_doc_text(es, NULL));
    tdm_alignment *two = tdm_align_job_run(job, &err);
    tdm_align_job_free(job);
    tdm_align_job_free(NULL);
    assert_non_null(two);
    assert_int_equal(tdm_alignment_count(two), n);
    assert_memory_equal(tdm_alignment_beads(two), tdm_alignment_beads(ref), n * sizeof(tdm_bead));
    tdm_alignment_free(two);
    assert_int_equal(tdm_doc_restore_text(es, &err), 0);
    assert_int_equal(tdm_doc_restore_text(fr, &err), 0);
    assert_string_equal(tdm_doc_text(es, NULL), es_text);
    assert_string_equal(tdm_doc_text(fr, NULL), fr_text);
    free(es_text);
    free(fr_text);
    /* a lexicon that cannot be read fails the model, naming the file */
    o.lexicon = "/nonexistent/lexicon.tsv";
    assert_null(tdm_align_model_new(&o, &err));
    assert_true(strstr(err.file, "lexicon.tsv") || strstr(err.message, "lexicon.tsv"));
    tdm_align_model_free(NULL);
    tdm_align_model_free(model);
    tdm_alignment_free(ref);
    tdm_splitter_free(ses);
    tdm_splitter_free(sfr);
    tdm_doc_free(es);
    tdm_doc_free(fr);
}

/* tdm_align_eval_list uses the lexicon of opts: a missing one is an error,
 * none still aligns. */
static void test_eval_list_lexicon(void **state)
{
    (void)state;
    char es[1024], fr[1024], gold[1024], list[] = "/tmp/test_align_list_XXXXXX";
    if (!test_shared_path(es, sizeof es, "seed/es.sent") ||
        !test_shared_path(fr, sizeof fr, "seed/fr.sent") ||
        !test_shared_path(gold, sizeof gold, "seed/gold.beads"))
        skip();
    int fd = mkstemp(list);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fprintf(f, "seed presplit %s %s %s es fr\n", es, fr, gold);
    fclose(f);
    tdm_align_opts o;
    tdm_align_opts_init(&o);
    o.models_dir = test_models_dir();
    tdm_eval_set sets[4];
    size_t nsets;
    tdm_error err;
    o.lexicon = "/nonexistent/lexicon.tsv";
    assert_int_not_equal(tdm_align_eval_list(list, &o, sets, 4, &nsets, &err), 0);
    assert_true(strstr(err.file, "lexicon.tsv") || strstr(err.message, "lexicon.tsv"));
    o.lexicon = "";
    assert_int_equal(tdm_align_eval_list(list, &o, sets, 4, &nsets, &err), 0);
    assert_int_equal(nsets, 1);
    assert_int_equal(sets[0].docs, 1);
    remove(list);
}

/* A lexicon line without a tab is an error naming the file and line. */
static void test_lexicon_bad_line(void **state)
{
    (void)state;
    char path[] = "/tmp/test_align_lex_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fprintf(f, "# comment\nhouse\tmaison\nbroken line\n");
    fclose(f);
    tdm_error err;
    assert_null(tdm_lexicon_load(path, 0, "en", "fr", &err));
    assert_int_equal(err.code, TDM_EINPUT);
    assert_int_equal(err.line, 3);
    assert_string_equal(err.file, path);
    remove(path);
}

/* A compiled lexicon gives the same pairs as its TSV, in both directions;
 * a truncated one, one of other languages, or a swap of one is an error. */
static void test_lexicon_compiled(void **state)
{
    (void)state;
    char tsv[] = "/tmp/test_align_lex_XXXXXX", lex[64], rev[64];
    int fd = mkstemp(tsv);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fprintf(f, "house\tmaison\nhouses\tmaisons\nhouse\tdemeure\ngreen\tvert\nred\trouge\n");
    fclose(f);
    snprintf(lex, sizeof lex, "%s.lex", tsv);
    snprintf(rev, sizeof rev, "%s.rev.lex", tsv);
    tdm_error err;
    assert_int_equal(tdm_lexicon_compile(tsv, 0, "en", "fr", lex, &err), 0);
    assert_int_equal(tdm_lexicon_compile(tsv, 1, "fr", "en", rev, &err), 0);
    /* The stems of an input: "\x04" + stem, as tdm_evidence_build writes them. */
    tdm_strtab *tab = tdm_strtab_new();
    const char *stems[] = {"\x04"
                           "hous",
                           "\x04"
                           "maison",
                           "\x04"
                           "demeur",
                           "\x04"
                           "green",
                           "\x04"
                           "rouge"};
    for (size_t k = 0; k < 5; k++)
        tdm_strtab_intern(tab, stems[k], strlen(stems[k]));
    const char *paths[2][2] = {{tsv, lex}, {tsv, rev}};
    for (int dir = 0; dir < 2; dir++) {
        uint32_t *s[2], *t[2];
        size_t n[2];
        for (int k = 0; k < 2; k++) {
            tdm_lexicon *l = tdm_lexicon_load(paths[dir][k], dir == 1 && k == 0, dir ? "fr" : "en",
                                              dir ? "en" : "fr", &err);
            assert_non_null(l);
            assert_int_equal(tdm_lexicon_resolve(l, tab, &s[k], &t[k], &n[k]), 0);
            tdm_lexicon_free(l);
        }
        assert_int_equal(n[0], n[1]);
        assert_true(n[0] >= 2); /* hous-maison, hous-demeur (or reversed) */
        assert_memory_equal(s[0], s[1], n[0] * sizeof *s[0]);
        assert_memory_equal(t[0], t[1], n[0] * sizeof *t[0]);
        for (int k = 0; k < 2; k++) {
            free(s[k]);
            free(t[k]);
        }
    }
    tdm_strtab_free(tab);
    assert_null(tdm_lexicon_load(lex, 0, "de", "fr", &err));
    assert_int_equal(err.code, TDM_EINPUT);
    assert_null(tdm_lexicon_load(lex, 1, "fr", "en", &err));
    assert_int_equal(err.code, TDM_EINPUT);
    /* Truncated: the sizes in the header no longer add up. */
    FILE *g = fopen(lex, "r+");
    assert_non_null(g);
    fseek(g, 0, SEEK_END);
    long size = ftell(g);
    fclose(g);
    assert_int_equal(truncate(lex, size - 3), 0);
    assert_null(tdm_lexicon_load(lex, 0, "en", "fr", &err));
    assert_int_equal(err.code, TDM_EINPUT);
    assert_string_equal(err.file, lex);
    remove(tsv);
    remove(lex);
    remove(rev);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_model_shared),
        cmocka_unit_test(test_eval_list_lexicon),
        cmocka_unit_test(test_lexicon_bad_line),
        cmocka_unit_test(test_lexicon_compiled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
