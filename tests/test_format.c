/* Tests of the alignment writers (include/tandem/format.h) on hand-built
 * documents and alignments. */
#include "test.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tandem/align.h"
#include "tandem/eval.h"
#include "tandem/format.h"
#include "tandem/text.h"

#include "base/json.h"
#include "corpus/format.h"

typedef struct fixture {
    tdm_doc *src, *tgt;
    tdm_alignment *al;
    tdm_write_opts opts;
} fixture;

/* Source: 4 sentences in 2 paragraphs, one with XML and JSON specials.
 * Target: 3 sentences in 1 paragraph. */
static const char src_text[] = "Uno.\nDos <&> \"tres\".\n\nCuatro\\.\nCinco.\n";
static const char tgt_text[] = "One.\nTwo <&> \"three\".\nFour\\ five.\n";

static tdm_doc *presplit_doc(const char *name, const char *text)
{
    tdm_read_opts ro;
    tdm_read_opts_init(&ro);
    ro.presplit = 1;
    tdm_error err;
    tdm_doc *doc = tdm_doc_from_buffer(name, text, strlen(text), &ro, &err);
    if (!doc)
        fail_msg("%s: %s", name, err.message);
    return doc;
}

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    fx->src = presplit_doc("src.txt", src_text);
    fx->tgt = presplit_doc("tgt.txt", tgt_text);
    assert_int_equal(tdm_doc_sentence_count(fx->src), 4);
    assert_int_equal(tdm_doc_sentence_count(fx->tgt), 3);
    /* Three 1-1 beads; the last source sentence has no counterpart (1-0). */
    const tdm_bead beads[4] = {
        {0, 1, 0, 1, 0.9}, {1, 1, 1, 1, 0.75}, {2, 1, 2, 1, 0.5}, {3, 1, 3, 0, 0.25}};
    fx->al = tdm_alignment_from_beads(beads, 4);
    assert_non_null(fx->al);
    tdm_write_opts_init(&fx->opts);
    fx->opts.src_lang = "es";
    fx->opts.tgt_lang = "en";
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    tdm_alignment_free(fx->al);
    tdm_doc_free(fx->src);
    tdm_doc_free(fx->tgt);
    free(fx);
    return 0;
}

/* Writes the fixture in format into a new string the caller frees. */
static char *render(const fixture *fx, tdm_format format, const tdm_write_opts *opts)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    tdm_error err;
    int rc = tdm_write_alignment(f, format, fx->src, fx->tgt, fx->al, opts, &err);
    fclose(f);
    if (rc != TDM_OK)
        fail_msg("write %s: %s", tdm_format_name(format), err.message);
    return buf;
}

static void test_parse_names(void **state)
{
    (void)state;
    const char *names[] = {"text", "tsv", "beads", "ladder", "moses", "tmx", "jsonl", "html"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        tdm_format f;
        assert_int_equal(tdm_format_parse(names[i], &f), TDM_OK);
        assert_string_equal(tdm_format_name(f), names[i]);
        assert_non_null(strstr(tdm_format_list(), names[i]));
    }
    tdm_format f = TDM_FMT_TSV;
    assert_int_equal(tdm_format_parse("xml", &f), TDM_EUSAGE);
    assert_int_equal(tdm_format_parse("TEXT", &f), TDM_EUSAGE);
    assert_int_equal(tdm_format_parse("", &f), TDM_EUSAGE);
    assert_int_equal(f, TDM_FMT_TSV); /* untouched on failure */
}

static void test_text(void **state)
{
    fixture *fx = *state;
    char *out = render(fx, TDM_FMT_TEXT, &fx->opts);
    assert_string_equal(out, "[0]:[0] 1-1 0.9000\n"
                             "es: Uno.\n"
                             "en: One.\n"
                             "\n"
                             "[1]:[1] 1-1 0.7500\n"
                             "es: Dos <&> \"tres\".\n"
                             "en: Two <&> \"three\".\n"
                             "\n"
                             "[2]:[2] 1-1 0.5000\n"
                             "es: Cuatro\\.\n"
                             "en: Four\\ five.\n"
                             "\n"
                             "[3]:[] 1-0 0.2500\n"
                             "es: Cinco.\n"
                             "\n");
    free(out);
    /* Unknown languages are labelled by side. */
    tdm_write_opts o;
    tdm_write_opts_init(&o);
    out = render(fx, TDM_FMT_TEXT, &o);
    assert_non_null(strstr(out, "src: Uno.\ntgt: One.\n"));
    free(out);
}

static void test_tsv(void **state)
{
    fixture *fx = *state;
    char *out = render(fx, TDM_FMT_TSV, NULL);
    /* By default the corpus formats hold the beads with both sides. */
    assert_string_equal(out, "Uno.\tOne.\t0.9000\t[0]:[0]\n"
                             "Dos <&> \"tres\".\tTwo <&> \"three\".\t0.7500\t[1]:[1]\n"
                             "Cuatro\\.\tFour\\ five.\t0.5000\t[2]:[2]\n");
    free(out);
    tdm_write_opts o;
    tdm_write_opts_init(&o);
    o.types = TDM_BEAD_TYPES_ALL;
    out = render(fx, TDM_FMT_TSV, &o);
    assert_non_null(strstr(out, "\nCinco.\t\t0.2500\t[3]:[]\n"));
    free(out);
}

static void test_tsv_joins_sides(void **state)
{
    fixture *fx = *state;
    tdm_bead beads[] = {{0, 2, 0, 1, 0.5}, {2, 2, 1, 2, 0.4}};
    tdm_alignment *al = tdm_alignment_from_beads(beads, 2);
    assert_non_null(al);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    tdm_error err;
    assert_int_equal(tdm_write_alignment(f, TDM_FMT_TSV, fx->src, fx->tgt, al, NULL, &err), 0);
    fclose(f);
    /* The sentences of a side stay apart: " ~~~ " between them. */
    assert_string_equal(buf, "Uno. ~~~ Dos <&> \"tres\".\tOne.\t0.5000\t[0, 1]:[0]\n"
                             "Cuatro\\. ~~~ Cinco.\tTwo <&> \"three\". ~~~ Four\\ five.\t0.4000\t"
                             "[2, 3]:[1, 2]\n");
    free(buf);
    tdm_alignment_free(al);
}

static void test_beads_round_trip(void **state)
{
    fixture *fx = *state;
    char *out = render(fx, TDM_FMT_BEADS, NULL);
    assert_string_equal(out, "[0]:[0]:0.9000\n[1]:[1]:0.7500\n[2]:[2]:0.5000\n[3]:[]:0.2500\n");
    char path[] = "/tmp/tandem-test-beads-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, out, strlen(out)), (ssize_t)strlen(out));
    close(fd);
    tdm_bead *beads = NULL;
    size_t count = 0;
    tdm_error err;
    assert_int_equal(tdm_beads_read(path, &beads, &count, &err), TDM_OK);
    unlink(path);
    assert_int_equal(count, 4);
    const tdm_bead *want = tdm_alignment_beads(fx->al);
    for (size_t i = 0; i < count; i++) {
        assert_int_equal(beads[i].src_first, want[i].src_first);
        assert_int_equal(beads[i].src_count, want[i].src_count);
        assert_int_equal(beads[i].tgt_count, want[i].tgt_count);
        if (want[i].tgt_count)
            assert_int_equal(beads[i].tgt_first, want[i].tgt_first);
    }
    free(beads);
    free(out);
}

static void test_beads_lists_ids(void **state)
{
    fixture *fx = *state;
    tdm_bead beads[] = {{0, 0, 0, 1, 0.1}, {0, 3, 1, 2, 0.2}, {3, 1, 3, 0, 0.3}};
    tdm_alignment *al = tdm_alignment_from_beads(beads, 3);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(tdm_write_alignment(f, TDM_FMT_BEADS, fx->src, fx->tgt, al, NULL, NULL), 0);
    fclose(f);
    assert_string_equal(buf, "[]:[0]:0.1000\n[0, 1, 2]:[1, 2]:0.2000\n[3]:[]:0.3000\n");
    free(buf);
    tdm_alignment_free(al);
}

static void test_ladder(void **state)
{
    fixture *fx = *state;
    char *out = render(fx, TDM_FMT_LADDER, NULL);
    /* One starting rung per bead, then the closing rung (4, 3). */
    assert_string_equal(out, "0\t0\t0.9000\n1\t1\t0.7500\n2\t2\t0.5000\n3\t3\t0.2500\n"
                             "4\t3\t0.0000\n");
    free(out);
}

/* The beads of a parallel summary, or any part of an alignment, have no
 * ladder: the writer refuses them rather than write rungs that merge the
 * left-out sentences into the neighbouring beads. */
static void test_ladder_refuses_a_partial_alignment(void **state)
{
    fixture *fx = *state;
    const tdm_bead gap[2] = {{0, 1, 0, 1, 0.9}, {2, 1, 2, 1, 0.5}};
    const tdm_bead short_end[2] = {{0, 1, 0, 1, 0.9}, {1, 1, 1, 1, 0.5}};
    const tdm_bead *cases[2] = {gap, short_end};
    for (int k = 0; k < 2; k++) {
        tdm_alignment *al = tdm_alignment_from_beads(cases[k], 2);
        assert_non_null(al);
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        tdm_error err;
        assert_int_equal(tdm_write_alignment(f, TDM_FMT_LADDER, fx->src, fx->tgt, al, NULL, &err),
                         TDM_EUSAGE);
        fclose(f);
        assert_string_equal(buf, "");
        free(buf);
        tdm_alignment_free(al);
    }
}

static void test_jsonl(void **state)
{
    fixture *fx = *state;
    tdm_write_opts o = fx->opts;
    o.types = TDM_BEAD_TYPES_ALL;
    char *out = render(fx, TDM_FMT_JSONL, &o);
    /* One object for the alignment, on one line. */
    char *nl = strchr(out, '\n');
    assert_non_null(nl);
    assert_string_equal(nl + 1, "");
    assert_non_null(strstr(out, "{\"src\":\"Dos <&> \\\"tres\\\".\",\"tgt\":\"Two <&> "
                                "\\\"three\\\".\",\"src_ids\":[1],\"tgt_ids\":[1],"
                                "\"src_para\":[0],\"tgt_para\":[0],\"score\":0.7500,"
                                "\"type\":\"1-1\"}"));
    tdm_json_object *obj = tdm_json_object_new();
    assert_non_null(obj);
    tdm_error err;
    assert_int_equal(tdm_json_object_parse(obj, out, (size_t)(nl - out), "out", 1, &err), 0);
    assert_string_equal(tdm_json_object_get(obj, "src_lang")->value, "es");
    assert_string_equal(tdm_json_object_get(obj, "tgt_lang")->value, "en");
    assert_int_equal(tdm_json_object_get(obj, "beads")->kind, TDM_JSON_RAW);
    assert_string_equal(tdm_json_object_get(obj, "src_sentences")->value, "4");
    assert_string_equal(tdm_json_object_get(obj, "aligned_beads")->value, "4");
    assert_string_equal(tdm_json_object_get(obj, "kept")->value, "4");
    assert_string_equal(tdm_json_object_get(obj, "filtered")->value, "0");
    /* The 1-0 bead: an empty target, the source's paragraph. */
    assert_non_null(strstr(out, "{\"src\":\"Cinco.\",\"tgt\":\"\",\"src_ids\":[3],"
                                "\"tgt_ids\":[],\"src_para\":[1],\"tgt_para\":[]"));
    tdm_json_object_free(obj);
    free(out);
    /* By default only the beads with both sides. */
    out = render(fx, TDM_FMT_JSONL, &fx->opts);
    assert_null(strstr(out, "Cinco"));
    assert_non_null(strstr(out, "\"kept\":3,\"filtered\":1,"));
    free(out);
}

static void test_tmx(void **state)
{
    fixture *fx = *state;
    char *out = render(fx, TDM_FMT_TMX, &fx->opts);
    assert_non_null(strstr(out, "<tmx version=\"1.4\">"));
    assert_non_null(strstr(out, "srclang=\"es\""));
    assert_non_null(strstr(out, "<tuv xml:lang=\"es\"><seg>Dos &lt;&amp;&gt; &quot;tres&quot;."
                                "</seg></tuv>"));
    assert_non_null(strstr(out, "<tuv xml:lang=\"en\"><seg>One.</seg></tuv>"));
    /* Three 1-1 beads become translation units; the 1-0 bead does not. */
    size_t units = 0;
    for (const char *p = out; (p = strstr(p, "<tu ")); p++)
        units++;
    assert_int_equal(units, 3);
    assert_null(strstr(out, "Cinco"));
    assert_non_null(strstr(out, "</body>\n</tmx>\n"));
    free(out);
}

static void test_tmx_removes_control_characters(void **state)
{
    (void)state;
    /* A control character and a C1 control in a sentence, which XML 1.0
     * forbids or discourages. */
    tdm_doc *src = presplit_doc("s.txt", "A sentence long enough to hold one control \x01 "
                                         "character and one C1 control \xC2\x85 inside.\n");
    size_t text_len;
    const char *text = tdm_doc_text(src, &text_len);
    assert_non_null(memchr(text, 0x01, text_len)); /* the reader keeps it */
    tdm_doc *tgt = presplit_doc("t.txt", "x\n");
    tdm_bead bead = {0, 1, 0, 1, 1.0};
    tdm_alignment *al = tdm_alignment_from_beads(&bead, 1);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(tdm_write_alignment(f, TDM_FMT_TMX, src, tgt, al, NULL, NULL), 0);
    fclose(f);
    assert_non_null(strstr(buf, "xml:lang=\"und\""));
    for (size_t i = 0; i < len; i++)
        assert_true((unsigned char)buf[i] >= 0x20 || buf[i] == '\n');
    assert_null(strstr(buf, "\xC2\x85"));
    free(buf);
    tdm_alignment_free(al);
    tdm_doc_free(src);
    tdm_doc_free(tgt);
}

static void test_html_dispatch(void **state)
{
    fixture *fx = *state;
    char *out = render(fx, TDM_FMT_HTML, &fx->opts);
    assert_non_null(strstr(out, "<!DOCTYPE html>"));
    assert_non_null(strstr(out, "Cinco.")); /* the review page shows null beads too */
    free(out);
}

static void test_filters(void **state)
{
    fixture *fx = *state;
    tdm_write_opts o = fx->opts;
    o.min_score = 0.6;
    char *out = render(fx, TDM_FMT_BEADS, &o);
    assert_string_equal(out, "[0]:[0]:0.9000\n[1]:[1]:0.7500\n");
    free(out);
    o.min_score = 0;
    o.types = TDM_BEAD_TYPE(1, 0);
    out = render(fx, TDM_FMT_TSV, &o);
    assert_string_equal(out, "Cinco.\t\t0.2500\t[3]:[]\n");
    free(out);
    /* The other filters: ratio of the sides' characters, and dedup. */
    o.types = 0;
    o.max_ratio = 1.2; /* "Cuatro\\." (8) vs "Four\\ five." (11) */
    out = render(fx, TDM_FMT_BEADS, &o);
    assert_null(strstr(out, "[2]:[2]"));
    assert_non_null(strstr(out, "[0]:[0]"));
    free(out);
    o.max_ratio = 0;
    /* A ladder is the whole path: hunalign reads the sentences between two
     * rungs as one bead, so filtered rungs would pair unaligned sentences. */
    o.min_score = 0.8;
    FILE *f = open_memstream(&out, &(size_t){0});
    tdm_error err;
    assert_int_equal(tdm_write_alignment(f, TDM_FMT_LADDER, fx->src, fx->tgt, fx->al, &o, &err),
                     TDM_EUSAGE);
    assert_non_null(strstr(err.message, "whole alignment"));
    fclose(f);
    free(out);
    o.min_score = 2;
    out = render(fx, TDM_FMT_JSONL, &o);
    assert_non_null(strstr(out, "\"beads\":[],"));
    free(out);
}

/* Dedup leaves out a bead whose two texts were written already. */
static void test_dedup(void **state)
{
    (void)state;
    tdm_doc *src = presplit_doc("s.txt", "Hola.\nHola.\nAdios.\n");
    tdm_doc *tgt = presplit_doc("t.txt", "Hello.\nHello.\nBye.\n");
    tdm_bead beads[3] = {{0, 1, 0, 1, 0.9}, {1, 1, 1, 1, 0.9}, {2, 1, 2, 1, 0.9}};
    tdm_alignment *al = tdm_alignment_from_beads(beads, 3);
    tdm_write_opts o;
    tdm_write_opts_init(&o);
    o.dedup = 1;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(tdm_write_alignment(f, TDM_FMT_JSONL, src, tgt, al, &o, NULL), 0);
    fclose(f);
    assert_non_null(strstr(buf, "\"kept\":2,\"filtered\":0,\"duplicates\":1,"));
    free(buf);
    tdm_alignment_free(al);
    tdm_doc_free(src);
    tdm_doc_free(tgt);
}

static void test_bead_outside_documents(void **state)
{
    fixture *fx = *state;
    tdm_bead bead = {3, 2, 0, 1, 0.5}; /* sentence 4 does not exist */
    tdm_alignment *al = tdm_alignment_from_beads(&bead, 1);
    FILE *f = tmpfile();
    tdm_error err;
    assert_int_equal(tdm_write_alignment(f, TDM_FMT_TSV, fx->src, fx->tgt, al, NULL, &err),
                     TDM_EINTERNAL);
    assert_non_null(strstr(err.message, "outside"));
    assert_int_equal(tdm_write_moses("/tmp/never", fx->src, fx->tgt, al, NULL, &err),
                     TDM_EINTERNAL);
    fclose(f);
    tdm_alignment_free(al);
}

static void test_write_error(void **state)
{
    fixture *fx = *state;
    FILE *f = fopen("/dev/full", "w");
    if (!f)
        skip();
    setvbuf(f, NULL, _IONBF, 0);
    tdm_error err;
    assert_int_equal(tdm_write_alignment(f, TDM_FMT_TEXT, fx->src, fx->tgt, fx->al, NULL, &err),
                     TDM_EWRITE);
    fclose(f);
    assert_int_equal(
        tdm_write_alignment(stdout, TDM_FMT_MOSES, fx->src, fx->tgt, fx->al, NULL, &err),
        TDM_EUSAGE);
}

static size_t count_lines(const char *path)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = 0;
    int c;
    while ((c = fgetc(f)) != EOF)
        n += c == '\n';
    fclose(f);
    return n;
}

static void test_moses(void **state)
{
    fixture *fx = *state;
    char dir[] = "/tmp/tandem-test-moses-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char prefix[128], src_path[160], tgt_path[160];
    snprintf(prefix, sizeof prefix, "%s/corpus", dir);
    assert_int_equal(tdm_moses_paths(prefix, &fx->opts, src_path, tgt_path, sizeof src_path), 0);
    assert_non_null(strstr(src_path, "/corpus.es"));
    assert_non_null(strstr(tgt_path, "/corpus.en"));
    tdm_error err;
    assert_int_equal(tdm_write_moses(prefix, fx->src, fx->tgt, fx->al, &fx->opts, &err), 0);
    /* Line-parallel: the 1-0 bead is left out of both. */
    assert_int_equal(count_lines(src_path), 3);
    assert_int_equal(count_lines(tgt_path), 3);
    FILE *f = fopen(tgt_path, "r");
    char line[128];
    assert_non_null(fgets(line, sizeof line, f));
    assert_non_null(fgets(line, sizeof line, f));
    assert_string_equal(line, "Two <&> \"three\".\n");
    fclose(f);
    unlink(src_path);
    unlink(tgt_path);

    /* Same or unknown languages: .src and .tgt. */
    tdm_write_opts o;
    tdm_write_opts_init(&o);
    o.src_lang = o.tgt_lang = "fr";
    assert_int_equal(tdm_moses_paths(prefix, &o, src_path, tgt_path, sizeof src_path), 0);
    assert_non_null(strstr(src_path, "/corpus.src"));
    assert_non_null(strstr(tgt_path, "/corpus.tgt"));
    assert_int_equal(tdm_moses_paths(prefix, &o, src_path, tgt_path, 8), TDM_EUSAGE);

    /* The target file cannot be renamed into place (a directory holds its
     * name): the source file, already renamed, is removed again. */
    tdm_moses_paths(prefix, &fx->opts, src_path, tgt_path, sizeof src_path);
    assert_int_equal(mkdir(tgt_path, 0700), 0);
    assert_int_equal(tdm_write_moses(prefix, fx->src, fx->tgt, fx->al, &fx->opts, &err),
                     TDM_EWRITE);
    assert_int_equal(access(src_path, F_OK), -1);
    assert_int_equal(rmdir(tgt_path), 0);

    /* A directory that does not exist: an error, and no file anywhere. */
    char bad[200];
    snprintf(bad, sizeof bad, "%s/missing/corpus", dir);
    assert_int_equal(tdm_write_moses(bad, fx->src, fx->tgt, fx->al, &fx->opts, &err), TDM_EWRITE);
    assert_non_null(strstr(err.file, "missing"));
    assert_int_equal(tdm_write_moses("-", fx->src, fx->tgt, fx->al, &fx->opts, &err), TDM_EUSAGE);
    assert_int_equal(rmdir(dir), 0); /* empty: nothing was left behind */
}

static void test_empty_alignment(void **state)
{
    fixture *fx = *state;
    tdm_alignment *al = tdm_alignment_from_beads(NULL, 0);
    assert_non_null(al);
    assert_int_equal(tdm_alignment_count(al), 0);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(tdm_write_alignment(f, TDM_FMT_TMX, fx->src, fx->tgt, al, NULL, NULL), 0);
    fclose(f);
    assert_non_null(strstr(buf, "<body>\n  </body>"));
    free(buf);
    tdm_alignment_free(al);
    tdm_alignment_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_names),
        cmocka_unit_test_setup_teardown(test_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tsv, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tsv_joins_sides, setup, teardown),
        cmocka_unit_test_setup_teardown(test_beads_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_beads_lists_ids, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ladder, setup, teardown),
        cmocka_unit_test(test_dedup),
        cmocka_unit_test_setup_teardown(test_ladder_refuses_a_partial_alignment, setup, teardown),
        cmocka_unit_test_setup_teardown(test_jsonl, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tmx, setup, teardown),
        cmocka_unit_test(test_tmx_removes_control_characters),
        cmocka_unit_test_setup_teardown(test_html_dispatch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bead_outside_documents, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_moses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_alignment, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
