/* test_summarize.c: terms, IDF models, the summarizer and its batches. */
#include "test.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "summarize/terms.h"
#include "tandem/summarize.h"
#include "summarize/summary.h"
#include "summarize/idf.h"

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

/* Summarizes text (lang "fr" unless given) into a new summary; *doc out. */
static tdm_summary *summarize(const char *text, const char *lang, const tdm_summary_opts *opts,
                              tdm_doc **doc, tdm_error *err)
{
    char code[8];
    return tdm_summarize_text(langs, "test.txt", text, strlen(text), NULL, lang ? lang : "fr", opts,
                              doc, code, err);
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

/* The seed story: 3 sentences of the article, in order, each a sentence of
 * the gold split, never the title, byline or footer. */
static void check_seed(const char *lang)
{
    char txt[64], sent[64];
    snprintf(txt, sizeof txt, "corpora/seed/%s.txt", lang);
    snprintf(sent, sizeof sent, "corpora/seed/%s.sent", lang);
    char *gold = strdup(read_file(sent));
    tdm_doc *doc;
    tdm_error err;
    char code[8];
    tdm_summary *s = tdm_summarize_text(langs, txt, NULL, 0, NULL, lang, NULL, &doc, code, &err);
    assert_non_null(s);
    assert_int_equal(tdm_summary_count(s), 3);
    const uint32_t *chosen = tdm_summary_chosen(s);
    size_t n = tdm_doc_sentence_count(doc);
    for (size_t k = 0; k < 3; k++) {
        if (k)
            assert_true(chosen[k] > chosen[k - 1]);
        assert_true(chosen[k] > 0 && chosen[k] + 1 < n); /* not title, not footer */
        char *text = tdm_doc_sentence_dup(doc, chosen[k], NULL);
        char line[4096];
        snprintf(line, sizeof line, "\n%s\n", text);
        assert_non_null(strstr(gold, line)); /* a whole gold sentence */
        assert_true(strlen(text) > 60);      /* not the byline */
        assert_null(strstr(text, "OmegaNext"));
        free(text);
    }
    tdm_summary_free(s);
    tdm_doc_free(doc);
    free(gold);
}

static void test_seed_story(void **state)
{
    (void)state;
    check_seed("fr");
    check_seed("es");
}

static void test_title_byline_footer_flags(void **state)
{
    (void)state;
    tdm_doc *doc;
    tdm_error err;
    char code[8];
    tdm_summary *s = tdm_summarize_text(langs, "corpora/seed/fr.txt", NULL, 0, NULL, "auto", NULL,
                                        &doc, code, &err);
    assert_non_null(s);
    assert_string_equal(code, "fr");
    const tdm_summary_sentence *ss = tdm_summary_sentences(s);
    size_t n = tdm_doc_sentence_count(doc);
    assert_int_equal(tdm_summary_title(s), 0);
    assert_true(ss[0].flags & TDM_SUMMARY_TITLE);
    assert_true(ss[1].flags & TDM_SUMMARY_SHORT);          /* "Insideainews" */
    assert_true(ss[n - 1].flags & TDM_SUMMARY_UNFINISHED); /* footer */
    assert_false(ss[n - 1].candidate || ss[0].candidate || ss[1].candidate);
    assert_true(ss[2].candidate && ss[2].score > 0);
    tdm_summary_free(s);
    tdm_doc_free(doc);
}

static void test_bad_input(void **state)
{
    (void)state;
    tdm_doc *doc;
    tdm_error err;
    tdm_summary_opts o;
    tdm_summary_opts_init(&o);
    /* Empty: an empty summary, in any language, auto included. */
    tdm_summary *s = summarize("", "auto", NULL, &doc, &err);
    assert_non_null(s);
    assert_int_equal(tdm_summary_count(s), 0);
    tdm_summary_free(s);
    tdm_doc_free(doc);
    s = summarize("  \n\n ", NULL, NULL, &doc, &err);
    assert_non_null(s);
    assert_int_equal(tdm_summary_count(s), 0);
    tdm_summary_free(s);
    tdm_doc_free(doc);
    /* One sentence: that sentence. */
    s = summarize("Le chat dort sur le canapé du salon.", NULL, NULL, &doc, &err);
    assert_int_equal(tdm_summary_count(s), 1);
    assert_int_equal(tdm_summary_chosen(s)[0], 0);
    tdm_summary_free(s);
    tdm_doc_free(doc);
    /* One line without punctuation still gives itself. */
    s = summarize("Une ligne sans ponctuation finale", NULL, NULL, &doc, &err);
    assert_int_equal(tdm_summary_count(s), 1);
    tdm_summary_free(s);
    tdm_doc_free(doc);
    /* Shorter than asked: every sentence. */
    o.sentences = 5;
    s = summarize("Le chat dort sur le canapé. Le chien garde la maison toute la nuit.", NULL, &o,
                  &doc, &err);
    assert_int_equal(tdm_summary_count(s), 2);
    tdm_summary_free(s);
    tdm_doc_free(doc);
    /* Binary. */
    char code[8];
    assert_null(
        tdm_summarize_text(langs, "bin", "abc\0def", 7, NULL, "fr", NULL, &doc, code, &err));
    assert_int_equal(err.code, TDM_EBINARY);
    assert_null(doc);
    /* Unknown language code: the message names it. */
    assert_null(summarize("Hello there, friends.", "xx", NULL, &doc, &err));
    assert_int_equal(err.code, TDM_ENOLANG);
    assert_non_null(strstr(err.message, "unknown language code 'xx'"));
    assert_null(summarize("Hello there.", "../fr", NULL, &doc, &err));
    assert_int_equal(err.code, TDM_ENOLANG);
    /* Contradictory lengths. */
    o.words = 10;
    assert_null(summarize("Une phrase ici.", NULL, &o, &doc, &err));
    assert_int_equal(err.code, TDM_EUSAGE);
}

static const char *story =
    "Le gouvernement a présenté mardi un plan de relance pour l'industrie automobile.\n\n"
    "Le plan de relance prévoit huit milliards d'euros pour l'industrie automobile française.\n"
    "Le plan de relance prévoit huit milliards d'euros pour l'industrie automobile française.\n"
    "Les syndicats ont salué une annonce attendue depuis des mois par les salariés.\n"
    "La météo sera ensoleillée demain sur toute la région parisienne selon les prévisions.\n"
    "Les constructeurs devront produire davantage de voitures électriques en France.\n";

static void test_lengths_and_redundancy(void **state)
{
    (void)state;
    tdm_doc *doc;
    tdm_error err;
    tdm_summary_opts o;
    tdm_summary_opts_init(&o);
    o.sentences = 3;
    tdm_summary *s = summarize(story, NULL, &o, &doc, &err);
    assert_non_null(s);
    assert_int_equal(tdm_summary_count(s), 3);
    const uint32_t *c = tdm_summary_chosen(s);
    /* The repeated sentence is never chosen twice. */
    for (size_t k = 0; k < 3; k++)
        for (size_t j = 0; j < k; j++)
            assert_false((c[k] == 1 && c[j] == 2) || (c[k] == 2 && c[j] == 1));
    assert_true(tdm_summary_sentences(s)[2].flags & TDM_SUMMARY_DUPLICATE);
    tdm_summary_free(s);
    tdm_doc_free(doc);
    /* Word budget: never more than asked when a sentence fits. */
    o.sentences = 0;
    o.words = 25;
    s = summarize(story, NULL, &o, &doc, &err);
    size_t words = 0;
    for (size_t k = 0; k < tdm_summary_count(s); k++)
        words += tdm_summary_sentences(s)[tdm_summary_chosen(s)[k]].words;
    assert_true(words <= 25 && words > 0);
    tdm_summary_free(s);
    tdm_doc_free(doc);
    /* Default: 20% of 5 candidates (the repeat is none) rounds up to 1. */
    o.words = 0;
    s = summarize(story, NULL, &o, &doc, &err);
    assert_int_equal(tdm_summary_count(s), 1);
    tdm_summary_free(s);
    tdm_doc_free(doc);
    /* Ratio 0.5 of the words. */
    o.ratio = 0.5;
    s = summarize(story, NULL, &o, &doc, &err);
    size_t total = 0;
    words = 0;
    for (size_t i = 0; i < tdm_doc_sentence_count(doc); i++)
        total += tdm_summary_sentences(s)[i].words;
    for (size_t k = 0; k < tdm_summary_count(s); k++)
        words += tdm_summary_sentences(s)[tdm_summary_chosen(s)[k]].words;
    assert_true(words <= (total + 1) / 2 && tdm_summary_count(s) >= 2);
    tdm_summary_free(s);
    tdm_doc_free(doc);
}

static void test_keywords_and_title(void **state)
{
    (void)state;
    tdm_doc *doc;
    tdm_error err;
    tdm_summary_opts o;
    tdm_summary_opts_init(&o);
    o.keywords = 3;
    o.sentences = 1;
    o.title_mode = TDM_TITLE_NONE;
    o.title = "La météo de demain";
    tdm_summary *s = summarize(story, NULL, &o, &doc, &err);
    assert_int_equal(tdm_summary_keyword_count(s), 3);
    const tdm_keyword *kw = tdm_summary_keywords(s);
    assert_true(kw[0].weight >= kw[1].weight && kw[1].weight >= kw[2].weight);
    int found = 0;
    for (int k = 0; k < 3; k++)
        found |= strcmp(kw[k].text, "relance") == 0 && strcmp(kw[k].term, "relanc") == 0;
    assert_true(found);
    assert_int_equal(tdm_summary_title(s), -1);
    tdm_summary_free(s);
    tdm_doc_free(doc);
    /* A large title weight pulls the weather sentence in (an option of the
     * hand-set score). */
    o.scorer = TDM_SCORER_CENTROID;
    o.title_weight = 5;
    s = summarize(story, NULL, &o, &doc, &err);
    assert_int_equal(tdm_summary_chosen(s)[0], 4);
    tdm_summary_free(s);
    tdm_doc_free(doc);
}

typedef struct collected {
    tdm_terms *terms;
    char buf[256];
    uint32_t ids[16];
    size_t n;
} collected;

static int collect(void *ctx, uint32_t id, size_t start, size_t end, int word)
{
    (void)start, (void)end, (void)word;
    collected *c = ctx;
    size_t len;
    const char *term = tdm_terms_term(c->terms, id, &len);
    strncat(c->buf, term, len);
    strcat(c->buf, "|");
    if (c->n < 16)
        c->ids[c->n++] = id;
    return 0;
}

static void test_terms(void **state)
{
    (void)state;
    tdm_strtab *stop;
    tdm_error err;
    const char *list = "# comment\nles\n  De \n\nen\n";
    assert_int_equal(tdm_stopwords_parse("sw", list, strlen(list), &stop, &err), 0);
    assert_int_equal(tdm_strtab_count(stop), 3);
    tdm_terms *t = tdm_terms_new("fr", stop);
    collected c = {.terms = t};
    const char *text = "Les Développements de Huawei en 2019 : 5 puces.";
    size_t tokens = 0;
    assert_int_equal(tdm_terms_each(t, text, strlen(text), collect, &c, &tokens), 0);
    assert_int_equal(tokens, 8); /* words and numbers, stopwords included */
    assert_string_equal(c.buf, "développ|huawei|2019|puc|");
    /* A term keeps its id, whatever form it comes in. */
    const char *again = "HUAWEI développement puce";
    assert_int_equal(tdm_terms_each(t, again, strlen(again), collect, &c, NULL), 0);
    assert_int_equal(c.n, 7);
    assert_int_equal(c.ids[4], c.ids[1]);
    assert_int_equal(c.ids[5], c.ids[0]);
    assert_int_equal(c.ids[6], c.ids[3]);
    assert_int_equal(tdm_terms_count(t), 4);
    assert_int_equal(tdm_terms_trim(t), 0); /* far below the bound */
    tdm_terms_free(t);
    tdm_strtab_free(stop);
    assert_int_equal(tdm_stopwords_parse("sw", "two words\n", 10, &stop, &err), TDM_EINPUT);
    assert_int_equal(err.line, 1);
}

static int count_only(void *ctx, uint32_t id, size_t start, size_t end, int word)
{
    (void)id, (void)start, (void)end, (void)word;
    (*(size_t *)ctx)++;
    return 0;
}

/* Past its bound the extractor forgets what it remembers when trimmed, and
 * numbers its terms from 0 again. */
static void test_terms_trim(void **state)
{
    (void)state;
    tdm_terms *t = tdm_terms_new("fr", NULL);
    char text[64 * 1024];
    size_t seen = 0, words = 0;
    while (tdm_terms_count(t) < (1u << 18)) {
        size_t len = 0;
        for (int k = 0; k < 4096; k++, words++)
            len += (size_t)snprintf(text + len, sizeof text - len, "w%zux ", words);
        assert_int_equal(tdm_terms_each(t, text, len, count_only, &seen, NULL), 0);
    }
    assert_int_equal(seen, words);
    assert_int_equal(tdm_terms_trim(t), 1);
    assert_int_equal(tdm_terms_count(t), 0);
    assert_int_equal(tdm_terms_trim(t), 0);
    collected c = {.terms = t};
    assert_int_equal(tdm_terms_each(t, "chats chat", 10, collect, &c, NULL), 0);
    assert_string_equal(c.buf, "chat|chat|");
    assert_int_equal(c.ids[0], 0);
    assert_int_equal(c.ids[1], 0);
    tdm_terms_free(t);
}

static void test_idf_files(void **state)
{
    (void)state;
    tdm_error err;
    const char *model = "# c\n%documents\t10\n%unknown\t3.5\nchat\t1.25\n00\t0.5\n";
    tdm_idf *idf = tdm_idf_parse("m", model, strlen(model), &err);
    assert_non_null(idf);
    assert_int_equal(tdm_idf_count(idf), 2);
    assert_near(tdm_idf_get(idf, "chat", 4), 1.25, 1e-6);
    assert_near(tdm_idf_get(idf, "chien", 5), 3.5, 1e-9);
    assert_near(tdm_idf_get(idf, "42", 2), 0.5, 1e-6); /* number shape */
    assert_near(tdm_idf_get(idf, "420", 3), 3.5, 1e-9);
    assert_near(tdm_idf_get(idf, "cha", 3), 3.5, 1e-9); /* a prefix is another term */
    tdm_idf_free(idf);
    /* A repeated term keeps its last value; CRLF lines; no %unknown: the
     * largest value. */
    const char *twice = "chat\t1.25\r\nchien\t2\r\nchat\t4.5\r\n";
    idf = tdm_idf_parse("m", twice, strlen(twice), &err);
    assert_non_null(idf);
    assert_int_equal(tdm_idf_count(idf), 2);
    assert_near(tdm_idf_get(idf, "chat", 4), 4.5, 1e-6);
    assert_near(tdm_idf_get(idf, "chien", 5), 2, 1e-6);
    assert_near(tdm_idf_get(idf, "loup", 4), 4.5, 1e-6);
    tdm_idf_free(idf);
    /* A model file is mapped, not read: the same model either way. */
    char path[4096];
    snprintf(path, sizeof path, "%s/fr/idf", test_models_dir());
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char text[1 << 20];
    size_t len = fread(text, 1, sizeof text, f);
    fclose(f);
    assert_true(len > 0 && len < sizeof text);
    idf = tdm_idf_load(path, &err);
    tdm_idf *copy = tdm_idf_parse(path, text, len, &err);
    assert_non_null(idf);
    assert_non_null(copy);
    assert_true(tdm_idf_count(idf) > 30000);
    assert_int_equal(tdm_idf_count(idf), tdm_idf_count(copy));
    static const char *const probes[] = {"huawei", "développ", "le", "0000", "zzzq"};
    for (int i = 0; i < 5; i++) {
        size_t n = strlen(probes[i]);
        assert_true(tdm_idf_get(idf, probes[i], n) == tdm_idf_get(copy, probes[i], n));
    }
    assert_true(tdm_idf_get(idf, "huawei", 6) > tdm_idf_get(idf, "développ", 9));
    tdm_idf_free(idf);
    tdm_idf_free(copy);
    static const char *const bad[] = {"chat 1.0\n", "chat\tx\n", "chat\t-1\n", "%what\t1\n"};
    for (int i = 0; i < 4; i++) {
        char text[64];
        snprintf(text, sizeof text, "ok\t1\n%s", bad[i]);
        assert_null(tdm_idf_parse("m", text, strlen(text), &err));
        assert_int_equal(err.code, TDM_EINPUT);
        assert_int_equal(err.line, 2);
    }
    /* Without %unknown: the largest IDF. */
    idf = tdm_idf_parse("m", "a\t1\nb\t4\n", 8, &err);
    assert_near(tdm_idf_get(idf, "zz", 2), 4, 1e-9);
    tdm_idf_free(idf);
}

static void test_idf_builder(void **state)
{
    (void)state;
    tdm_error err;
    tdm_idf_builder *b = tdm_idf_builder_new(test_models_dir(), "fr", &err);
    assert_non_null(b);
    const char *docs[] = {"Le chat noir dort.", "Les chats dorment. Le chat!", "Un chien."};
    for (int i = 0; i < 3; i++)
        assert_int_equal(tdm_idf_builder_add(b, docs[i], strlen(docs[i])), 0);
    assert_int_equal(tdm_idf_builder_documents(b), 3);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(tdm_idf_builder_write(b, f, 1, "test", &err), 0);
    fclose(f);
    assert_non_null(strstr(buf, "# source: test\n%documents\t3\n"));
    tdm_idf *idf = tdm_idf_parse("built", buf, len, &err);
    assert_non_null(idf);
    assert_near(tdm_idf_get(idf, "chat", 4), log(3.0 / 2), 1e-4); /* chat, chats: 2 docs */
    assert_near(tdm_idf_get(idf, "chien", 5), log(3.0), 1e-4);
    assert_near(tdm_idf_get(idf, "le", 2), log(3.0), 1e-4); /* stopword: absent, unknown */
    tdm_idf_free(idf);
    free(buf);
    /* min_df 2 keeps only "chat" (and "dort"/"dorment" share no stem). */
    f = open_memstream(&buf, &len);
    assert_int_equal(tdm_idf_builder_write(b, f, 2, NULL, &err), 0);
    fclose(f);
    idf = tdm_idf_parse("built", buf, len, &err);
    assert_int_equal(tdm_idf_count(idf), 1);
    tdm_idf_free(idf);
    free(buf);
    tdm_idf_builder_free(b);
    assert_null(tdm_idf_builder_new(test_models_dir(), "xx", &err));
    assert_int_equal(err.code, TDM_ENOLANG);
}

static void test_wordfreq(void **state)
{
    (void)state;
    char path[] = "/tmp/test_wordfreq_XXXXXX";
    int fd = mkstemp(path);
    const char *tsv = "de\t7.68\nchat\t4.5\nchats\t4.0\nrare\t1.0\n";
    assert_int_equal(write(fd, tsv, strlen(tsv)), (ssize_t)strlen(tsv));
    close(fd);
    char *buf = NULL;
    size_t len = 0;
    tdm_error err;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(tdm_idf_from_wordfreq(test_models_dir(), "fr", path, 400, 1.5, f, NULL, &err),
                     0);
    fclose(f);
    tdm_idf *idf = tdm_idf_parse("wf", buf, len, &err);
    assert_non_null(idf);
    assert_int_equal(tdm_idf_count(idf), 1); /* "de" stopword, "rare" below 1.5 */
    double p = pow(10, 4.5 - 9) + pow(10, 4.0 - 9);
    assert_near(tdm_idf_get(idf, "chat", 4), -log(-expm1(-p * 400)), 1e-3);
    assert_near(tdm_idf_get(idf, "rare", 4), -log(-expm1(-pow(10, 1.5 - 9) * 400)), 1e-3);
    tdm_idf_free(idf);
    free(buf);
    f = fopen(path, "w");
    fputs("ok\t3\nbad line\n", f);
    fclose(f);
    f = open_memstream(&buf, &len);
    assert_int_equal(tdm_idf_from_wordfreq(NULL, "fr", path, 400, 1.5, f, NULL, &err), TDM_EINPUT);
    assert_int_equal(err.line, 2);
    fclose(f);
    free(buf);
    unlink(path);
}

/* A language directory without idf: terms weighed within the document. */
static void test_without_idf(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_models_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/fr", dir);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/fr/stopwords", dir);
    FILE *f = fopen(path, "w");
    fputs("le\nla\nde\n", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/fr/abbrev", dir);
    f = fopen(path, "w");
    fputs("[prefix]\nM.\n", f);
    fclose(f);
    tdm_error err;
    tdm_summary_model *m = tdm_summary_model_load(dir, "fr", &err);
    assert_non_null(m);
    assert_null(tdm_summary_model_idf(m));
    tdm_summarizer *s = tdm_summarizer_new(m, &err);
    tdm_doc *doc = tdm_doc_from_buffer("t", story, strlen(story), NULL, &err);
    assert_int_equal(tdm_doc_segment(doc, tdm_summary_model_splitter(m), &err), 0);
    tdm_summary *sum = tdm_summarize(s, doc, NULL, &err);
    assert_non_null(sum);
    assert_int_equal(tdm_summary_count(sum), 1);
    assert_true(tdm_summary_sentences(sum)[tdm_summary_chosen(sum)[0]].score > 0);
    tdm_summary_free(sum);
    tdm_doc_free(doc);
    tdm_summarizer_free(s);
    tdm_summary_model_free(m);
    snprintf(path, sizeof path, "rm -rf %s", dir);
    assert_int_equal(system(path), 0);
}

static void test_jsonl_batch(void **state)
{
    (void)state;
    char path[] = "/tmp/test_batch_XXXXXX";
    int fd = mkstemp(path);
    const char *in = "{\"id\":\"a\",\"text\":\"El gato duerme en el sofá. El perro ladra.\","
                     "\"lang\":\"es\"}\n"
                     "{\"id\":2,\"text\":\"Le chat dort.\"}\n"
                     "{\"id\":3,\"texte\":\"x\"}\n"
                     "not json\n"
                     "{\"id\":5,\"text\":\"Hello.\",\"lang\":\"xx\"}\n";
    assert_int_equal(write(fd, in, strlen(in)), (ssize_t)strlen(in));
    close(fd);
    tdm_summary_batch_opts o;
    tdm_summary_batch_opts_init(&o);
    o.lang = "fr";
    char *buf = NULL;
    size_t len = 0, done = 0, failed = 0;
    tdm_error err;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(tdm_summarize_jsonl(langs, path, f, &o, &done, &failed, &err), 0);
    fclose(f);
    assert_int_equal(done, 2);
    assert_int_equal(failed, 3);
    /* A line is the one-file JSON object plus the id: file, lang, sentence
     * count, and summary items with index, span, score and text. */
    char head[128];
    snprintf(head, sizeof head, "{\"id\":\"a\",\"file\":\"%s\",\"lang\":\"es\",", path);
    assert_non_null(strstr(buf, head));
    assert_non_null(strstr(buf, "\"lang\":\"es\",\"sentences\":2,\"summary\":[{\"index\":0,"
                                "\"start\":0,\"end\":27,\"score\":"));
    assert_non_null(strstr(buf, "\"text\":\"El gato duerme en el sofá.\"}]}\n"));
    snprintf(head, sizeof head, "{\"id\":2,\"file\":\"%s\",\"lang\":\"fr\",\"sentences\":1,", path);
    assert_non_null(strstr(buf, head));
    assert_non_null(strstr(buf, "\"text\":\"Le chat dort.\"}]}\n"));
    assert_non_null(strstr(buf, "{\"id\":3,\"error\":\""));
    assert_non_null(strstr(buf, "{\"id\":4,\"error\":\""));
    assert_non_null(strstr(buf, "unknown language code 'xx'"));
    free(buf);
    unlink(path);
}

static void test_json_output_spans(void **state)
{
    (void)state;
    /* A CRLF file with a BOM: spans are offsets of the original bytes. */
    const char *text = "\xef\xbb\xbfPremi\xc3\xa8re phrase sur le climat et la pluie.\r\n"
                       "Deuxi\xc3\xa8me phrase \xc3\xa0 propos du football et du stade.\r\n";
    tdm_doc *doc;
    tdm_error err;
    tdm_summary_opts o;
    tdm_summary_opts_init(&o);
    o.sentences = 2;
    tdm_summary *s = summarize(text, NULL, &o, &doc, &err);
    assert_non_null(s);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(tdm_summary_write(f, doc, s, "fr", TDM_SUMMARY_FORMAT_JSON, 0), 0);
    fclose(f);
    const tdm_sentence *sent = &tdm_doc_sentences(doc)[1];
    const char *second = "Deuxi\xc3\xa8me phrase \xc3\xa0 propos du football et du stade.";
    assert_int_equal(sent->orig_end - sent->orig_start, strlen(second));
    assert_memory_equal(text + sent->orig_start, second, strlen(second));
    char want[128];
    snprintf(want, sizeof want, "{\"index\":1,\"start\":%zu,\"end\":%zu,", sent->orig_start,
             sent->orig_end);
    assert_non_null(strstr(buf, want));
    free(buf);
    tdm_summary_free(s);
    tdm_doc_free(doc);
}

/* Sets shared between threads share their models, not their summarizers. */
static void test_shared_langs(void **state)
{
    (void)state;
    tdm_error err;
    tdm_summary_langs *mine = tdm_summary_langs_share(langs);
    assert_non_null(mine);
    const tdm_summary_model *m1, *m2;
    tdm_summarizer *s1 = tdm_summary_langs_get(langs, "es", &m1, &err);
    tdm_summarizer *s2 = tdm_summary_langs_get(mine, "es", &m2, &err);
    assert_non_null(s1);
    assert_non_null(s2);
    assert_ptr_equal(m1, m2);
    assert_ptr_not_equal(s1, s2);
    assert_ptr_equal(tdm_summary_langs_get(mine, "es", NULL, &err), s2);
    assert_null(tdm_summary_langs_get(mine, "xx", NULL, &err));
    assert_int_equal(err.code, TDM_ENOLANG);
    tdm_summary_langs_free(mine);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_story),         cmocka_unit_test(test_title_byline_footer_flags),
        cmocka_unit_test(test_bad_input),          cmocka_unit_test(test_lengths_and_redundancy),
        cmocka_unit_test(test_keywords_and_title), cmocka_unit_test(test_terms),
        cmocka_unit_test(test_terms_trim),         cmocka_unit_test(test_shared_langs),
        cmocka_unit_test(test_idf_files),          cmocka_unit_test(test_idf_builder),
        cmocka_unit_test(test_wordfreq),           cmocka_unit_test(test_without_idf),
        cmocka_unit_test(test_jsonl_batch),        cmocka_unit_test(test_json_output_spans),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
