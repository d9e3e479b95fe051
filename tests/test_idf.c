/* test_idf.c: sorted IDF models, searched in place without an index
 * (toolkit/summarize/idf_model.c), and the shipped models' form. */
#include "test.h"

#include <string.h>

#include "summarize/summary.h"
#include "tandem/summarize.h"
#include "summarize/idf.h"

static const char sorted_model[] = "# c\n%documents\t10\n%unknown\t3.5\n%terms\t5\n%sorted\t1\n"
                                   "00\t0.5\nchat\t1.25\nchats\t2\nchien\t2.5\nzèbre\t7\n";

static void test_sorted_lookups(void **state)
{
    (void)state;
    tdm_error err;
    tdm_idf *idf = tdm_idf_parse("m", sorted_model, strlen(sorted_model), &err);
    assert_non_null(idf);
    assert_int_equal(tdm_idf_count(idf), 5);
    assert_near(tdm_idf_get(idf, "chat", 4), 1.25, 1e-6);
    assert_near(tdm_idf_get(idf, "chats", 5), 2, 1e-6);
    assert_near(tdm_idf_get(idf, "chien", 5), 2.5, 1e-6);
    assert_near(tdm_idf_get(idf, "zèbre", strlen("zèbre")), 7, 1e-6);
    assert_near(tdm_idf_get(idf, "00", 2), 0.5, 1e-6);
    assert_near(tdm_idf_get(idf, "42", 2), 0.5, 1e-6);  /* number shape */
    assert_near(tdm_idf_get(idf, "cha", 3), 3.5, 1e-9); /* a prefix is another term */
    assert_near(tdm_idf_get(idf, "chatte", 6), 3.5, 1e-9);
    assert_near(tdm_idf_get(idf, "a", 1), 3.5, 1e-9);  /* before the first */
    assert_near(tdm_idf_get(idf, "zz", 2), 3.5, 1e-9); /* after the last */
    tdm_idf_free(idf);
}

/* Every term of a sorted model is found, with the value the indexed
 * reading of the same lines gives. */
static void test_sorted_equals_indexed(void **state)
{
    (void)state;
    tdm_error err;
    char path[4096];
    snprintf(path, sizeof path, "%s/fr/idf", test_models_dir());
    tdm_idf *sorted = tdm_idf_load(path, &err);
    assert_non_null(sorted);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char text[1 << 20];
    size_t len = fread(text, 1, sizeof text, f);
    fclose(f);
    /* Without "%sorted" the same file is indexed. */
    char *mark = strstr(text, "%sorted\t1\n");
    assert_non_null(mark);
    memcpy(mark, "#sorted", 7);
    tdm_idf *indexed = tdm_idf_parse(path, text, len, &err);
    assert_non_null(indexed);
    assert_int_equal(tdm_idf_count(sorted), tdm_idf_count(indexed));
    size_t checked = 0;
    for (char *line = text; line < text + len;) {
        char *nl = memchr(line, '\n', (size_t)(text + len - line));
        char *tab = memchr(line, '\t', (size_t)((nl ? nl : text + len) - line));
        if (line[0] != '#' && line[0] != '%' && tab) {
            size_t n = (size_t)(tab - line);
            assert_true(tdm_idf_get(sorted, line, n) == tdm_idf_get(indexed, line, n));
            assert_true(tdm_idf_get(sorted, line, n) == (float)strtod(tab + 1, NULL));
            checked++;
        }
        line = nl ? nl + 1 : text + len;
    }
    assert_int_equal(checked, tdm_idf_count(sorted));
    tdm_idf_free(sorted);
    tdm_idf_free(indexed);
}

/* A malformed line of a sorted model is reported by the lookup that meets
 * it, with its line number; the summarizer passes the error on. */
static void test_sorted_bad_line(void **state)
{
    (void)state;
    const char *model = "%unknown\t3\n%terms\t3\n%sorted\t1\nabc\t1\nbad line\nzed\t2\n";
    tdm_error err;
    tdm_idf *idf = tdm_idf_parse("m.idf", model, strlen(model), &err);
    assert_non_null(idf);
    double v;
    memset(&err, 0, sizeof err);
    assert_int_equal(tdm_idf_find(idf, "bad", 3, &v, &err), TDM_EINPUT);
    assert_int_equal(err.line, 5);
    assert_non_null(strstr(err.file, "m.idf"));
    tdm_idf_free(idf);
    model = "%unknown\t3\n%terms\t1\n%sorted\t1\nabc\tx\n";
    idf = tdm_idf_parse("m.idf", model, strlen(model), &err);
    assert_int_equal(tdm_idf_find(idf, "abc", 3, &v, &err), TDM_EINPUT);
    assert_int_equal(err.line, 4);
    tdm_idf_free(idf);
}

/* The builders write sorted models: byte order, %terms and %sorted. */
static void test_builder_sorted(void **state)
{
    (void)state;
    tdm_error err;
    tdm_idf_builder *b = tdm_idf_builder_new(test_models_dir(), "fr", &err);
    assert_non_null(b);
    const char *docs[] = {"Zèbre chat noir.", "Le chat dort. Abeille!", "Un chien, 2019."};
    for (int i = 0; i < 3; i++)
        assert_int_equal(tdm_idf_builder_add(b, docs[i], strlen(docs[i])), 0);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(tdm_idf_builder_write(b, f, 1, NULL, &err), 0);
    fclose(f);
    assert_non_null(strstr(buf, "%sorted\t1\n"));
    assert_non_null(strstr(buf, "%terms\t"));
    const char *prev = NULL;
    size_t prev_len = 0, terms = 0;
    for (char *line = buf; *line;) {
        char *nl = strchr(line, '\n');
        if (*line != '#' && *line != '%') {
            size_t n = (size_t)(strchr(line, '\t') - line);
            if (prev) {
                int c = memcmp(prev, line, prev_len < n ? prev_len : n);
                assert_true(c < 0 || (c == 0 && prev_len < n));
            }
            prev = line;
            prev_len = n;
            terms++;
        }
        line = nl ? nl + 1 : line + strlen(line);
    }
    assert_true(terms >= 6);
    tdm_idf *idf = tdm_idf_parse("built", buf, len, &err);
    assert_int_equal(tdm_idf_count(idf), terms);
    assert_near(tdm_idf_get(idf, "chat", 4), log(3.0 / 2), 1e-4);
    assert_near(tdm_idf_get(idf, "chien", 5), log(3.0), 1e-4);
    tdm_idf_free(idf);
    free(buf);
    tdm_idf_builder_free(b);
}

/* The shipped models are sorted (searched in place) and every line is a
 * term and a number: what the lazy checks would otherwise find late. */
static void test_shipped_models(void **state)
{
    (void)state;
    static const char *const langs[] = {"de", "en", "es", "fr", "it", "pt"};
    for (int l = 0; l < 6; l++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s/idf", test_models_dir(), langs[l]);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        static char text[4 << 20];
        size_t len = fread(text, 1, sizeof text - 1, f);
        fclose(f);
        text[len] = '\0';
        assert_non_null(strstr(text, "%sorted\t1\n"));
        char prev[256] = "";
        size_t terms = 0;
        int header = 1;
        for (char *line = text; *line;) {
            char *nl = strchr(line, '\n');
            assert_non_null(nl);
            *nl = '\0';
            if (header && (*line == '#' || *line == '%')) {
                line = nl + 1;
                continue;
            }
            header = 0;
            char *tab = strchr(line, '\t'), *end;
            assert_non_null(tab);
            assert_true(tab > line && (size_t)(tab - line) < sizeof prev);
            *tab = '\0';
            double v = strtod(tab + 1, &end);
            assert_true(*end == '\0' && end > tab + 1 && v >= 0);
            assert_true(strcmp(prev, line) < 0);
            memcpy(prev, line, (size_t)(tab - line) + 1);
            terms++;
            line = nl + 1;
        }
        tdm_error err;
        tdm_idf *idf = tdm_idf_load(path, &err);
        assert_non_null(idf);
        assert_int_equal(tdm_idf_count(idf), terms);
        tdm_idf_free(idf);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sorted_lookups), cmocka_unit_test(test_sorted_equals_indexed),
        cmocka_unit_test(test_sorted_bad_line), cmocka_unit_test(test_builder_sorted),
        cmocka_unit_test(test_shipped_models)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
