/* test_html.c: the review page (review.h). */
#include "test.h"

#include <string.h>

#include "corpus/review.h"
#include "text/direction.h"
#include "text/lang.h"

static tdm_doc *doc_of(const char *name, const char *text)
{
    tdm_error err;
    tdm_read_opts ro;
    tdm_read_opts_init(&ro);
    ro.presplit = 1; /* one sentence per line, blank line = paragraph */
    tdm_doc *d = tdm_doc_from_buffer(name, text, strlen(text), &ro, &err);
    assert_non_null(d);
    assert_int_equal(tdm_doc_segment(d, NULL, &err), 0);
    return d;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

static char *page(const tdm_doc *s, const tdm_doc *t, const tdm_bead *beads, size_t n,
                  const tdm_review_opts *opts, int *rc)
{
    tdm_alignment *al = tdm_alignment_from_beads(beads, n);
    assert_non_null(al);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    tdm_error err;
    *rc = tdm_write_html(f, s, t, al, opts, &err);
    fclose(f);
    tdm_alignment_free(al);
    return buf;
}

static void test_page(void **state)
{
    (void)state;
    tdm_doc *s = doc_of("es.txt", "Uno.\nDos & <tres>.\n\nCuatro.\nCinco.\n");
    tdm_doc *t = doc_of("fr.txt", "Un.\nDeux et trois.\nQuatre.\n\nCinq.\nEn plus.\n");
    assert_int_equal(tdm_doc_sentence_count(s), 4);
    assert_int_equal(tdm_doc_sentence_count(t), 5);
    const tdm_bead beads[] = {
        {0, 1, 0, 1, 0.95}, {1, 1, 1, 1, 0.9}, {2, 1, 2, 1, 0.3},
        {3, 1, 3, 1, 0.8},  {4, 0, 4, 1, 0.1},
    };
    /* The bead at [2]:[2] crosses paragraph starts on the source side
     * only; the 0-1 bead is null. */
    tdm_review_opts o;
    tdm_review_opts_init(&o);
    o.src_lang = "es";
    o.tgt_lang = "fr";
    int rc;
    char *html = page(s, t, beads, 5, &o, &rc);
    assert_int_equal(rc, 0);
    /* The data the script reads: both sides' texts, paragraphs, beads. */
    assert_non_null(strstr(html, "<script type=\"application/json\" id=\"tandem-data\">"));
    assert_non_null(strstr(html, "\"lang\":\"es\",\"dir\":\"ltr\",\"para\":[0,0,1,1]"));
    assert_non_null(strstr(html, "\"lang\":\"fr\",\"dir\":\"ltr\",\"para\":[0,0,0,1,1]"));
    assert_non_null(strstr(html, "\"beads\":[[0,1,0,1,0.9500],[1,1,1,1,0.9000],[2,1,2,1,0.3000],"
                                 "[3,1,3,1,0.8000],[4,0,4,1,0.1000]]"));
    assert_non_null(strstr(html, "\"low\":0.5000"));
    /* Text cannot end the script element or open a tag. */
    assert_non_null(strstr(html, "\"Dos \\u0026 \\u003ctres\\u003e.\""));
    assert_null(strstr(html, "<tres>"));
    assert_int_equal(count(html, "</script>"), 2);
    assert_int_equal(count(html, "<script"), 2);
    /* The script and the style sheet are in the page. */
    assert_non_null(strstr(html, "window.tandemReview"));
    assert_non_null(strstr(html, ".row.cur"));
    /* Self-contained: nothing fetched. */
    assert_null(strstr(html, "src="));
    assert_null(strstr(html, "http"));
    assert_null(strstr(html, "url("));
    assert_null(strstr(html, "@import"));
    assert_non_null(strstr(html, "</html>\n"));
    free(html);

    /* A bead past the end of a document is refused. */
    const tdm_bead bad[] = {{0, 4, 0, 6, 1.0}};
    html = page(s, t, bad, 1, NULL, &rc);
    assert_int_equal(rc, TDM_EINTERNAL);
    free(html);

    /* An empty alignment of empty documents is still a page. */
    tdm_doc *e1 = doc_of("a", ""), *e2 = doc_of("b", "");
    html = page(e1, e2, NULL, 0, NULL, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(html, "\"beads\":[]}"));
    assert_non_null(strstr(html, "a \xe2\x86\x94 b"));
    free(html);
    tdm_doc_free(e1);
    tdm_doc_free(e2);

    /* A full disk is an error, not a silent half page. */
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        tdm_alignment *al = tdm_alignment_from_beads(beads, 5);
        tdm_error err;
        assert_int_equal(tdm_write_html(full, s, t, al, &o, &err), TDM_EWRITE);
        tdm_alignment_free(al);
        fclose(full);
    }
    tdm_doc_free(s);
    tdm_doc_free(t);
}

/* Right to left: by language code, or by the script when the language is
 * unknown; a </script> inside the text stays text. */
static void test_direction(void **state)
{
    (void)state;
    tdm_doc *s = doc_of("en.txt", "The sun rose.\nIt said </script><b>.\n");
    tdm_doc *t =
        doc_of("ar.txt", "\xd8\xa3\xd8\xb4\xd8\xb1\xd9\x82\xd8\xaa \xd8\xa7\xd9\x84\xd8\xb4"
                         "\xd9\x85\xd8\xb3.\nOK \xd9\x82\xd8\xa7\xd9\x84.\n");
    const tdm_bead beads[] = {{0, 1, 0, 1, 0.9}, {1, 1, 1, 1, 0.8}};
    int rc;
    char *html = page(s, t, beads, 2, NULL, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(html, "\"name\":\"en.txt\",\"lang\":\"\",\"dir\":\"ltr\""));
    assert_non_null(strstr(html, "\"name\":\"ar.txt\",\"lang\":\"\",\"dir\":\"rtl\""));
    assert_non_null(strstr(html, "\\u003c/script\\u003e\\u003cb\\u003e"));
    assert_int_equal(count(html, "</script>"), 2);
    free(html);
    tdm_review_opts o;
    tdm_review_opts_init(&o);
    o.src_lang = "he";
    o.tgt_lang = "fr";
    html = page(s, t, beads, 2, &o, &rc);
    assert_non_null(strstr(html, "\"lang\":\"he\",\"dir\":\"rtl\""));
    assert_non_null(strstr(html, "\"lang\":\"fr\",\"dir\":\"ltr\""));
    free(html);
    tdm_doc_free(s);
    tdm_doc_free(t);
    assert_true(tdm_lang_is_rtl("ar") && tdm_lang_is_rtl("AR-eg") && tdm_lang_is_rtl("ckb"));
    assert_false(tdm_lang_is_rtl("fr") || tdm_lang_is_rtl("") || tdm_lang_is_rtl(NULL) ||
                 tdm_lang_is_rtl("arab"));
    assert_false(tdm_text_is_rtl("abc \xd9\x82 def", 9));
    assert_true(tdm_text_is_rtl("\xd9\x82\xd9\x82 a", 6));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page),
        cmocka_unit_test(test_direction),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
