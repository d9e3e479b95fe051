/* test_scorer.c: the fitted summary scorer (weights file, features) and
 * how titles and ledes are treated (toolkit/summarize/scorer.c,
 * scorer_weights.c, summarizer.c). */
#include "test.h"

#include <math.h>
#include <string.h>

#include "base/json.h"
#include "summarize/scorer.h"
#include "summarize/summary_select.h"
#include "tandem/summarize.h"
#include "summarize/summary.h"

static tdm_summary_langs *langs;

static int setup(void **state)
{
    (void)state;
    langs = tdm_summary_langs_new(test_models_dir());
    return langs ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    tdm_summary_langs_free(langs);
    return 0;
}

static tdm_summary *run(const char *text, const tdm_summary_opts *opts, tdm_doc **doc)
{
    char code[8];
    tdm_error err;
    tdm_summary *s =
        tdm_summarize_text(langs, "t.txt", text, strlen(text), NULL, "fr", opts, doc, code, &err);
    assert_non_null(s);
    return s;
}

static void test_weights_file(void **state)
{
    (void)state;
    tdm_scorer_weights w;
    tdm_error err;
    const char *text = "# c\n[all]\nbias -1\ncentroid 2\ntitle 0.5\n[fr]\ntitle 3\n[en]\nlead 4\n";
    assert_int_equal(tdm_scorer_parse("w", text, strlen(text), "fr", &w, &err), 0);
    assert_near(w.bias, -1, 1e-12);
    assert_near(w.weight[TDM_FEAT_CENTROID], 2, 1e-12);
    assert_near(w.weight[TDM_FEAT_TITLE], 3, 1e-12); /* fr overrides */
    assert_near(w.weight[TDM_FEAT_LEAD], 0, 1e-12);  /* en's, not fr's */
    assert_int_equal(tdm_scorer_parse("w", text, strlen(text), "es", &w, &err), 0);
    assert_near(w.weight[TDM_FEAT_TITLE], 0.5, 1e-12); /* [all] only */
    static const char *const bad[] = {"[all]\nbias\n",   "[all]\ncentroid x\n",
                                      "[all]\nsize 1\n", "bias 1\n",
                                      "[all\n",          "[all]\n[de]\ntypo 1\n"};
    static const long line[] = {2, 2, 2, 1, 1, 3};
    for (int i = 0; i < 6; i++) {
        assert_int_equal(tdm_scorer_parse("w", bad[i], strlen(bad[i]), "fr", &w, &err), TDM_EINPUT);
        assert_int_equal(err.line, line[i]);
    }
    assert_int_equal(tdm_scorer_load("/nonexistent/weights", "fr", &w, &err), 1);
    /* select_words: a language's own, and never negative. */
    const char *sel = "[all]\nbias 0\n[fr]\nselect_words 25\n";
    assert_int_equal(tdm_scorer_parse("w", sel, strlen(sel), "fr", &w, &err), 0);
    assert_near(w.select_words, 25, 1e-12);
    assert_int_equal(tdm_scorer_parse("w", sel, strlen(sel), "en", &w, &err), 0);
    assert_near(w.select_words, 0, 1e-12);
    const char *neg = "[all]\nselect_words -1\n";
    assert_int_equal(tdm_scorer_parse("w", neg, strlen(neg), "fr", &w, &err), TDM_EINPUT);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.message, "select_words"));
}

/* The two new features: the share of a sentence's terms in the title, and
 * the share in no earlier candidate. */
static void test_title_share_novelty(void **state)
{
    (void)state;
    const char *text = "Incendie dans une usine de Lyon\n\n"
                       "Un incendie a ravagé une usine de Lyon dans la nuit de lundi. "
                       "Les pompiers de Lyon ont maîtrisé cet incendie au petit matin. "
                       "Aucune victime n'est à déplorer selon la préfecture du Rhône.\n";
    tdm_error err;
    tdm_summary_model *m = tdm_summary_model_load(test_models_dir(), "fr", &err);
    assert_non_null(m);
    tdm_summarizer *sum = tdm_summarizer_new(m, &err);
    tdm_doc *doc = tdm_doc_from_buffer("t.txt", text, strlen(text), NULL, &err);
    assert_int_equal(tdm_doc_segment(doc, tdm_summary_model_splitter(m), &err), 0);
    double *f;
    tdm_summary *s = tdm_summarize_features(sum, doc, NULL, &f, NULL, &err);
    assert_non_null(s);
    assert_int_equal(tdm_summary_title(s), 0);
    const double *f1 = f + 1 * TDM_FEATURES, *f2 = f + 2 * TDM_FEATURES, *f3 = f + 3 * TDM_FEATURES;
    assert_near(f1[TDM_FEAT_NOVELTY], 1, 1e-12); /* the first candidate: all new */
    /* incendie, usine, Lyon of incendie, ravager, usine, Lyon, nuit, lundi */
    assert_near(f1[TDM_FEAT_TITLE_SHARE], 3.0 / 6, 1e-12);
    /* pompiers, Lyon, maîtriser, incendie, petit, matin: Lyon, incendie seen */
    assert_near(f2[TDM_FEAT_TITLE_SHARE], 2.0 / 6, 1e-12);
    assert_near(f2[TDM_FEAT_NOVELTY], 4.0 / 6, 1e-12);
    assert_near(f3[TDM_FEAT_TITLE_SHARE], 0, 1e-12); /* nothing of the title */
    assert_near(f3[TDM_FEAT_NOVELTY], 1, 1e-12);
    /* title_cover: the share of the title's terms (incendie, usine, Lyon). */
    assert_near(f1[TDM_FEAT_TITLE_COVER], 1, 1e-12);
    assert_near(f2[TDM_FEAT_TITLE_COVER], 2.0 / 3, 1e-12);
    assert_near(f3[TDM_FEAT_TITLE_COVER], 0, 1e-12);
    /* repeated: incendie and Lyon are in sentences 1 and 2 (the title is
     * not counted: usine is in sentence 1 alone). */
    assert_near(f1[TDM_FEAT_REPEATED], 2.0 / 6, 1e-12);
    assert_near(f2[TDM_FEAT_REPEATED], 2.0 / 6, 1e-12);
    assert_near(f3[TDM_FEAT_REPEATED], 0, 1e-12);
    /* rest: cosine with the other sentences' centroid, 0 for the sentence
     * that shares no term with them. */
    assert_true(f1[TDM_FEAT_REST] > 0 && f1[TDM_FEAT_REST] < f1[TDM_FEAT_CENTROID]);
    assert_near(f3[TDM_FEAT_REST], 0, 1e-12);
    assert_true(f1[TDM_FEAT_IDF_MEAN] > 0);
    const tdm_summary_sentence *ss = tdm_summary_sentences(s);
    for (size_t i = 1; i <= 3; i++) {
        const double *fi = f + i * TDM_FEATURES;
        assert_near(fi[TDM_FEAT_POSITION_LEN],
                    fi[TDM_FEAT_POSITION] * (log((double)ss[i].words) - log(27.0)), 1e-12);
    }
    free(f);
    tdm_summary_free(s);
    tdm_doc_free(doc);
    tdm_summarizer_free(sum);
    tdm_summary_model_free(m);
}

/* With select_words (the French section of models/summary/weights), -n k
 * takes a set of k candidates (test_set_objective checks which) that on
 * OrangeSum articles differs from the two best scores at least once
 * (MMR's choice). */
static void test_set_selection(void **state)
{
    (void)state;
    char path[4096];
    if (!test_shared_path(path, sizeof path, "orangesum-fr-valid/valid.jsonl")) {
        skip();
        return;
    }
    tdm_error err;
    tdm_summary_model *m = tdm_summary_model_load(test_models_dir(), "fr", &err);
    assert_non_null(m);
    const tdm_scorer_weights *sw = tdm_summary_model_weights(m);
    assert_non_null(sw);
    assert_true(sw->select_words > 0);
    tdm_summarizer *sum = tdm_summarizer_new(m, &err);
    tdm_jsonl_reader *r = tdm_jsonl_open(path, &err);
    assert_non_null(r);
    tdm_json_object *obj = tdm_json_object_new();
    int differs = 0;
    for (int a = 0; a < 40 && tdm_jsonl_next(r, obj, &err) == 1; a++) {
        const tdm_json_field *body = tdm_json_object_get(obj, "article");
        tdm_doc *doc = tdm_doc_from_buffer("a.txt", body->value, body->value_len, NULL, &err);
        assert_int_equal(tdm_doc_segment(doc, tdm_summary_model_splitter(m), &err), 0);
        tdm_summary_opts o;
        tdm_summary_opts_init(&o);
        o.sentences = 2;
        tdm_summary *s = tdm_summarize(sum, doc, &o, &err);
        assert_non_null(s);
        const tdm_summary_sentence *ss = tdm_summary_sentences(s);
        size_t n = tdm_doc_sentence_count(doc), candidates = 0, top[2] = {SIZE_MAX, SIZE_MAX};
        for (size_t i = 0; i < n; i++) {
            if (!ss[i].candidate)
                continue;
            candidates++;
            if (top[0] == SIZE_MAX || ss[i].score > ss[top[0]].score)
                top[1] = top[0], top[0] = i;
            else if (top[1] == SIZE_MAX || ss[i].score > ss[top[1]].score)
                top[1] = i;
        }
        /* Up to 20 candidates every pair is searched, and none two are
         * alike (a candidate is never within 0.8 of the 100 before it). */
        if (candidates < 2 || candidates > 20) {
            tdm_summary_free(s);
            tdm_doc_free(doc);
            continue;
        }
        assert_int_equal(tdm_summary_count(s), 2);
        const uint32_t *c = tdm_summary_chosen(s);
        size_t lo = top[0] < top[1] ? top[0] : top[1], hi = top[0] ^ top[1] ^ lo;
        differs += c[0] != lo || c[1] != hi;
        tdm_summary_free(s);
        tdm_doc_free(doc);
    }
    assert_true(differs > 0);
    tdm_json_object_free(obj);
    tdm_jsonl_close(r);
    tdm_summarizer_free(sum);
    tdm_summary_model_free(m);
}

/* The set selection's objective (summary_select.c, step 5b) on four
 * made-up sentences: the estimated hits (score x words) of a set less, for
 * each pair, their cosine x the smaller hits, over words + ref_words.
 * s0 and s1 have the best scores but share a term (cosine 0.5): together
 * 10 + 10 - 5 = 15 hits, s0 with s2 10 + 7 = 17. The additive value of the
 * old selection took s0 and s1. Every pair is checked against the choice. */
static void test_set_objective(void **state)
{
    (void)state;
    /* Terms a b c d e; s0 = a b, s1 = a c, s2 = d, s3 = e (short). */
    uint32_t term[] = {0, 1, 0, 2, 3, 4};
    double weight[] = {1, 1, 1, 1, 1, 1};
    size_t first[] = {0, 2, 4, 5}, count[] = {2, 2, 1, 1}, words[] = {20, 20, 20, 5};
    double norm[] = {sqrt(2.0), sqrt(2.0), 1, 1};
    tdm_work w = {0};
    w.vec_term = term;
    w.vec_weight = weight;
    w.vec_first = first;
    w.vec_count = count;
    w.words = words;
    w.norm = norm;
    w.term_count = 5;
    tdm_summary_sentence ss[4] = {{0}};
    double score[] = {0.5, 0.5, 0.35, 0.3};
    for (size_t i = 0; i < 4; i++) {
        ss[i].candidate = 1;
        ss[i].words = words[i];
        ss[i].score = score[i];
    }
    tdm_summary_opts o;
    tdm_summary_opts_init(&o);
    o.sentences = 2;
    uint32_t chosen[4];
    double ref = 30;
    assert_int_equal(tdm_select_set(&o, ref, &w, 4, 4, ss, chosen), 2);
    assert_int_equal(chosen[0], 0);
    assert_int_equal(chosen[1], 2);
#define HITS(i) (score[i] * (double)words[i])
#define VALUE(i, j)                                                                                \
    ((HITS(i) + HITS(j) - tdm_work_cosine(&w, i, j) * (HITS(i) < HITS(j) ? HITS(i) : HITS(j))) /   \
     ((double)(words[i] + words[j]) + ref))
    for (size_t i = 0; i < 4; i++)
        for (size_t j = i + 1; j < 4; j++)
            assert_true(VALUE(i, j) <= VALUE(chosen[0], chosen[1]) + 1e-12);
#undef VALUE
#undef HITS
    assert_near(tdm_work_cosine(&w, 0, 1), 0.5, 1e-12);
}

/* A first line set apart by a blank line is a title whatever its end
 * punctuation, and never a summary sentence. */
static void test_title_punctuation(void **state)
{
    (void)state;
    static const char *const titles[] = {
        "Venise : un paquebot incontrôlable sème la panique !",
        "Faut-il avoir peur des paquebots à Venise ?",
        "Venise, un paquebot et la panique…",
        "Venise : un paquebot percute un quai",
    };
    const char *body = "\n\nDimanche matin à Venise, l'équipage du MSC Opéra a perdu le contrôle "
                       "du paquebot à son arrivée dans le port. Le navire, qui peut contenir plus "
                       "de 2.600 passagers, est venu heurter le quai. Quatre personnes ont été "
                       "blessées dans cet accident selon les autorités du port.\n";
    for (int i = 0; i < 4; i++) {
        char text[2048];
        snprintf(text, sizeof text, "%s%s", titles[i], body);
        tdm_summary_opts o;
        tdm_summary_opts_init(&o);
        o.sentences = 10;
        tdm_doc *doc;
        tdm_summary *s = run(text, &o, &doc);
        assert_int_equal(tdm_summary_title(s), 0);
        assert_int_equal(tdm_summary_count(s), 3);
        for (size_t k = 0; k < tdm_summary_count(s); k++)
            assert_true(tdm_summary_chosen(s)[k] != 0);
        tdm_summary_free(s);
        tdm_doc_free(doc);
    }
}

/* The lede that restates the title stays a candidate (references restate
 * the title too); a first sentence ending with a period followed by a
 * blank line (a lede, as BBC bodies begin) is not a title, short or long. */
static void test_lede(void **state)
{
    (void)state;
    const char *text = "Un paquebot percute un quai à Venise\n\n"
                       "Un paquebot a percuté un quai à Venise, dimanche.\n\n"
                       "Quatre personnes ont été blessées dans cet accident survenu dans le "
                       "canal de la Giudecca.\n";
    tdm_summary_opts o;
    tdm_summary_opts_init(&o);
    tdm_doc *doc;
    tdm_summary *s = run(text, &o, &doc);
    assert_int_equal(tdm_summary_title(s), 0);
    assert_true(tdm_summary_sentences(s)[1].candidate);
    assert_int_equal(tdm_summary_sentences(s)[1].flags, 0);
    tdm_summary_free(s);
    tdm_doc_free(doc);
    const char *lede = "Swiss drugmaker Novartis has announced 5.65bn euros of purchases to "
                       "make its Sandoz unit the world's biggest generic drug producer.\n\n"
                       "Novartis said it had bought all of Germany's Hexal. It also acquired "
                       "most of Eon Labs.\n";
    s = run(lede, &o, &doc);
    assert_int_equal(tdm_summary_title(s), -1);
    assert_true(tdm_summary_sentences(s)[0].candidate);
    tdm_summary_free(s);
    tdm_doc_free(doc);
    const char *short_lede = "Soon you could go hunting via the net.\n\nA website offers hunts "
                             "of animals on a ranch. Critics say it is cruel.\n";
    s = run(short_lede, &o, &doc);
    assert_int_equal(tdm_summary_title(s), -1);
    tdm_summary_free(s);
    tdm_doc_free(doc);
}

/* A short fragment near the top must not win -n 1 over the sentence that
 * carries the facts (the hand-set score took "Une enquête menée par le
 * journal l'Obs.": cosine over length, plus the first position). */
static void test_fragment(void **state)
{
    (void)state;
    const char *text =
        "Des centaines de médecins soupçonnés de fraude à l'Assurance maladie\n\n"
        "Une enquête menée par le journal l'Obs. Selon ce document, plus de 400 médecins "
        "généralistes auraient facturé à l'Assurance maladie des consultations qui n'ont jamais "
        "eu lieu, pour un préjudice estimé à 30 millions d'euros. Les caisses primaires ont "
        "engagé des procédures contre 120 d'entre eux en 2019. Le syndicat des médecins dénonce "
        "une stigmatisation de la profession. Une enquête interne est en cours.\n";
    tdm_summary_opts o;
    tdm_summary_opts_init(&o);
    o.sentences = 1;
    tdm_doc *doc;
    tdm_summary *s = run(text, &o, &doc);
    assert_int_equal(tdm_summary_count(s), 1);
    assert_int_equal(tdm_summary_chosen(s)[0], 2);
    tdm_summary_free(s);
    tdm_doc_free(doc);
    o.scorer = TDM_SCORER_CENTROID;
    s = run(text, &o, &doc);
    assert_int_equal(tdm_summary_chosen(s)[0], 1); /* what the hand-set score did */
    tdm_summary_free(s);
    tdm_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_weights_file),
                                       cmocka_unit_test(test_title_punctuation),
                                       cmocka_unit_test(test_lede),
                                       cmocka_unit_test(test_fragment),
                                       cmocka_unit_test(test_title_share_novelty),
                                       cmocka_unit_test(test_set_selection),
                                       cmocka_unit_test(test_set_objective)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
