/* test_parallel_summary.c: line-parallel summaries of an aligned story. */
#include "test.h"

#include <string.h>
#include <unistd.h>

#include "base/fileio.h"
#include "tandem/eval.h"
#include "tandem/parallel_summary.h"
#include "corpus/parallel_summary.h"

#define ES "corpora/seed/es.txt"
#define FR "corpora/seed/fr.txt"
#define GOLD "corpora/seed/gold.beads"

typedef struct story {
    tdm_summary_model *sm, *tm;
    tdm_doc *src, *tgt;
    tdm_alignment *al;
    tdm_bead *gold;
    size_t gold_count;
} story;

static int setup(void **state)
{
    story *s = calloc(1, sizeof *s);
    tdm_error err;
    s->sm = tdm_summary_model_load(test_models_dir(), "es", &err);
    s->tm = tdm_summary_model_load(test_models_dir(), "fr", &err);
    s->src = tdm_doc_read_file(ES, NULL, &err);
    s->tgt = tdm_doc_read_file(FR, NULL, &err);
    if (!s->sm || !s->tm || !s->src || !s->tgt ||
        tdm_doc_segment(s->src, tdm_summary_model_splitter(s->sm), &err) ||
        tdm_doc_segment(s->tgt, tdm_summary_model_splitter(s->tm), &err) ||
        tdm_beads_read(GOLD, &s->gold, &s->gold_count, &err))
        return -1;
    tdm_align_opts ao;
    tdm_align_opts_init(&ao);
    ao.models_dir = test_models_dir();
    ao.src_lang = "es";
    ao.tgt_lang = "fr";
    s->al = tdm_align(s->src, s->tgt, &ao, &err);
    if (!s->al)
        return -1;
    *state = s;
    return 0;
}

static int teardown(void **state)
{
    story *s = *state;
    tdm_alignment_free(s->al);
    tdm_doc_free(s->src);
    tdm_doc_free(s->tgt);
    tdm_summary_model_free(s->sm);
    tdm_summary_model_free(s->tm);
    free(s->gold);
    free(s);
    return 0;
}

static int in_gold(const story *s, const tdm_bead *b)
{
    for (size_t i = 0; i < s->gold_count; i++)
        if (s->gold[i].src_first == b->src_first && s->gold[i].src_count == b->src_count &&
            s->gold[i].tgt_first == b->tgt_first && s->gold[i].tgt_count == b->tgt_count)
            return 1;
    return 0;
}

/* The summary of the seed story: gold 1-1 beads, in story order. */
static void test_seed_gold(void **state)
{
    story *s = *state;
    tdm_psum_opts o;
    tdm_psum_opts_init(&o);
    o.sentences = 4;
    tdm_error err;
    tdm_parallel_summary *ps =
        tdm_summarize_parallel(s->sm, s->tm, s->src, s->tgt, s->al, &o, &err);
    assert_non_null(ps);
    size_t n = tdm_parallel_summary_count(ps);
    const tdm_bead *b = tdm_parallel_summary_beads(ps);
    assert_int_equal(n, 4);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(b[i].src_count, 1);
        assert_int_equal(b[i].tgt_count, 1);
        assert_true(in_gold(s, &b[i]));
        assert_true(b[i].score >= o.min_align_score);
        if (i)
            assert_true(b[i].src_first > b[i - 1].src_first);
    }
    /* Scores: one per bead of the alignment, in [0, 1]. */
    const double *sc = tdm_parallel_summary_scores(ps);
    for (size_t i = 0; i < tdm_alignment_count(s->al); i++)
        assert_true(sc[i] >= 0 && sc[i] <= 1);
    tdm_parallel_summary_free(ps);
}

/* A bead aligned with a low score is never chosen, however central. */
static void test_score_floor(void **state)
{
    story *s = *state;
    tdm_bead *beads = malloc(s->gold_count * sizeof *beads);
    memcpy(beads, s->gold, s->gold_count * sizeof *beads);
    for (size_t i = 0; i < s->gold_count; i++)
        beads[i].score = 0.9;
    tdm_alignment *al = tdm_alignment_from_beads(beads, s->gold_count);
    tdm_psum_opts o;
    tdm_psum_opts_init(&o);
    o.sentences = 2;
    tdm_error err;
    tdm_parallel_summary *ps = tdm_summarize_parallel(s->sm, s->tm, s->src, s->tgt, al, &o, &err);
    assert_non_null(ps);
    assert_int_equal(tdm_parallel_summary_count(ps), 2);
    tdm_bead top = tdm_parallel_summary_beads(ps)[0];
    tdm_parallel_summary_free(ps);
    tdm_alignment_free(al);
    for (size_t i = 0; i < s->gold_count; i++)
        if (beads[i].src_first == top.src_first && beads[i].src_count == 1)
            beads[i].score = 0.2;
    al = tdm_alignment_from_beads(beads, s->gold_count);
    ps = tdm_summarize_parallel(s->sm, s->tm, s->src, s->tgt, al, &o, &err);
    assert_non_null(ps);
    for (size_t i = 0; i < tdm_parallel_summary_count(ps); i++)
        assert_int_not_equal(tdm_parallel_summary_beads(ps)[i].src_first, top.src_first);
    tdm_parallel_summary_free(ps);
    /* All beads below the floor: an empty summary, not a bad one. */
    for (size_t i = 0; i < s->gold_count; i++)
        beads[i].score = 0.1;
    tdm_alignment_free(al);
    al = tdm_alignment_from_beads(beads, s->gold_count);
    ps = tdm_summarize_parallel(s->sm, s->tm, s->src, s->tgt, al, &o, &err);
    assert_non_null(ps);
    assert_int_equal(tdm_parallel_summary_count(ps), 0);
    tdm_parallel_summary_free(ps);
    tdm_alignment_free(al);
    free(beads);
}

static void test_lengths(void **state)
{
    story *s = *state;
    tdm_psum_opts o;
    tdm_psum_opts_init(&o);
    tdm_error err;
    /* Default: 3 beads or 20% of them, whichever is smaller. */
    tdm_parallel_summary *ps =
        tdm_summarize_parallel(s->sm, s->tm, s->src, s->tgt, s->al, &o, &err);
    assert_non_null(ps);
    size_t n = tdm_alignment_count(s->al);
    size_t want = n / 5 < 3 ? n / 5 : 3;
    assert_int_equal(tdm_parallel_summary_count(ps), want ? want : 1);
    tdm_parallel_summary_free(ps);
    /* A word budget: the longer sides of the chosen beads fit in it. */
    o.words = 60;
    ps = tdm_summarize_parallel(s->sm, s->tm, s->src, s->tgt, s->al, &o, &err);
    assert_non_null(ps);
    assert_true(tdm_parallel_summary_count(ps) >= 1);
    size_t words = 0;
    for (size_t i = 0; i < tdm_parallel_summary_count(ps); i++) {
        const tdm_bead *b = &tdm_parallel_summary_beads(ps)[i];
        size_t ws, wt;
        char *a = tdm_doc_sentence_dup(s->src, b->src_first, NULL);
        char *c = tdm_doc_sentence_dup(s->tgt, b->tgt_first, NULL);
        /* Rough word count: spaces + 1 is an upper bound of the tokens
         * the summarizer counts as words, give or take punctuation. */
        ws = wt = 1;
        for (char *p = a; *p; p++)
            ws += *p == ' ';
        for (char *p = c; *p; p++)
            wt += *p == ' ';
        words += ws > wt ? ws : wt;
        free(a);
        free(c);
    }
    assert_true(tdm_parallel_summary_count(ps) == 1 || words <= 60 + 10);
    tdm_parallel_summary_free(ps);
    /* Two lengths at once are refused. */
    o.sentences = 2;
    assert_null(tdm_summarize_parallel(s->sm, s->tm, s->src, s->tgt, s->al, &o, &err));
    assert_int_equal(err.code, TDM_EUSAGE);
}

/* Near-identical beads are not both chosen. */
static void test_redundancy(void **state)
{
    (void)state;
    tdm_error err;
    tdm_summary_model *sm = tdm_summary_model_load(test_models_dir(), "es", &err);
    tdm_summary_model *tm = tdm_summary_model_load(test_models_dir(), "fr", &err);
    assert_non_null(sm);
    assert_non_null(tm);
    const char *es = "El gobierno aprobó ayer la nueva ley de energía solar en el país.\n"
                     "La nueva ley de energía solar fue aprobada ayer por el gobierno del país.\n"
                     "Los agricultores del norte celebraron una cosecha de trigo excepcional.\n";
    const char *fr = "Le gouvernement a approuvé hier la nouvelle loi sur l'énergie solaire.\n"
                     "La nouvelle loi sur l'énergie solaire a été approuvée hier par le "
                     "gouvernement.\n"
                     "Les agriculteurs du nord ont célébré une récolte de blé exceptionnelle.\n";
    tdm_read_opts ro;
    tdm_read_opts_init(&ro);
    ro.presplit = 1;
    tdm_doc *s = tdm_doc_from_buffer("es", es, strlen(es), &ro, &err);
    tdm_doc *t = tdm_doc_from_buffer("fr", fr, strlen(fr), &ro, &err);
    assert_int_equal(tdm_doc_segment(s, NULL, &err), 0);
    assert_int_equal(tdm_doc_segment(t, NULL, &err), 0);
    const tdm_bead beads[] = {{0, 1, 0, 1, 0.9}, {1, 1, 1, 1, 0.9}, {2, 1, 2, 1, 0.9}};
    tdm_alignment *al = tdm_alignment_from_beads(beads, 3);
    tdm_psum_opts o;
    tdm_psum_opts_init(&o);
    o.sentences = 2;
    tdm_parallel_summary *ps = tdm_summarize_parallel(sm, tm, s, t, al, &o, &err);
    assert_non_null(ps);
    size_t n = tdm_parallel_summary_count(ps);
    const tdm_bead *b = tdm_parallel_summary_beads(ps);
    assert_true(n >= 1);
    /* Never both restatements of the law. */
    assert_false(n == 2 && b[0].src_first == 0 && b[1].src_first == 1);
    tdm_parallel_summary_free(ps);
    tdm_alignment_free(al);
    tdm_doc_free(s);
    tdm_doc_free(t);
    tdm_summary_model_free(sm);
    tdm_summary_model_free(tm);
}

static size_t count_lines(const char *path)
{
    char *d;
    size_t len, n = 0;
    tdm_error err;
    assert_int_equal(tdm_read_all(path, &d, &len, &err), 0);
    for (size_t i = 0; i < len; i++)
        n += d[i] == '\n';
    free(d);
    return n;
}

/* The one-call command: TSV, Moses and the HTML page, atomically. */
static void test_run(void **state)
{
    (void)state;
    char dir[] = "/tmp/tdm_psum_XXXXXX", out[64], a[80], b[80];
    assert_non_null(mkdtemp(dir));
    tdm_psum_run_opts o;
    tdm_psum_run_opts_init(&o);
    o.src_path = ES;
    o.tgt_path = FR;
    o.models_dir = test_models_dir();
    o.summary.sentences = 3;
    o.format = TDM_FMT_TSV;
    snprintf(out, sizeof out, "%s/sum.tsv", dir);
    o.output = out;
    tdm_error err;
    assert_int_equal(tdm_parallel_summary_run(&o, &err), 0);
    assert_int_equal(count_lines(out), 3);
    o.format = TDM_FMT_MOSES;
    snprintf(out, sizeof out, "%s/sum", dir);
    assert_int_equal(tdm_parallel_summary_run(&o, &err), 0);
    snprintf(a, sizeof a, "%s/sum.es", dir);
    snprintf(b, sizeof b, "%s/sum.fr", dir);
    assert_int_equal(count_lines(a), 3);
    assert_int_equal(count_lines(b), 3);
    o.format = TDM_FMT_HTML;
    snprintf(out, sizeof out, "%s/sum.html", dir);
    assert_int_equal(tdm_parallel_summary_run(&o, &err), 0);
    char *html;
    size_t len;
    assert_int_equal(tdm_read_all(out, &html, &len, &err), 0);
    /* The review page's data holds the 3 chosen beads. */
    const char *beads = strstr(html, "\"beads\":[");
    assert_non_null(beads);
    size_t chosen = 0;
    for (const char *p = beads + 9; *p && *p != '}'; p++)
        chosen += *p == '[';
    assert_int_equal(chosen, 3);
    free(html);
    /* A missing file fails and writes nothing. */
    o.tgt_path = "corpora/seed/missing.txt";
    snprintf(out, sizeof out, "%s/none.html", dir);
    assert_int_equal(tdm_parallel_summary_run(&o, &err), TDM_EIO);
    assert_int_not_equal(access(out, F_OK), 0);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_gold), cmocka_unit_test(test_score_floor),
        cmocka_unit_test(test_lengths),   cmocka_unit_test(test_redundancy),
        cmocka_unit_test(test_run),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
