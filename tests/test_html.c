/* test_html.c: the review page (review.h). */
#include "test.h"

#include <string.h>

#include "tandem/review.h"

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
    assert_int_equal(count(html, "<tr id=\"b"), 5);
    assert_int_equal(count(html, "class=\"bead null"), 1);
    assert_int_equal(count(html, " low\""), 2);
    assert_int_equal(count(html, "<circle class=\"dot\""), 5);
    assert_int_equal(count(html, "href=\"#b"), 5);
    /* Paragraph starts: 2 in the source, 2 in the target. */
    assert_int_equal(count(html, "class=\"pb\""), 4);
    assert_non_null(strstr(html, "Dos &amp; &lt;tres&gt;."));
    assert_null(strstr(html, "<tres>"));
    assert_non_null(strstr(html, "lang=\"fr\""));
    /* Self-contained: nothing fetched. */
    assert_null(strstr(html, "src="));
    assert_null(strstr(html, "href=\"http"));
    assert_null(strstr(html, "url("));
    assert_null(strstr(html, "@import"));
    assert_null(strstr(html, "<script"));
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
    assert_int_equal(count(html, "<tr id=\"b"), 0);
    assert_non_null(strstr(html, "a \xe2\x86\x94 b"));
    free(html);
    tdm_doc_free(e1);
    tdm_doc_free(e2);

    /* A full disk is an error, not a silent half page. */
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        tdm_alignment *al = tdm_alignment_from_beads(beads, 5);
        tdm_error err;
        assert_int_equal(tdm_write_html(full, s, t, al, &o, &err), TDM_EIO);
        tdm_alignment_free(al);
        fclose(full);
    }
    tdm_doc_free(s);
    tdm_doc_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
