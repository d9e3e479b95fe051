/* test_batch.c: the batch engine (batch.h) on the sample story. */
#include "test.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fileio.h"
#include "base/json.h"
#include "tandem/batch.h"

#define ES "corpora/seed/es.txt"
#define FR "corpora/seed/fr.txt"

typedef struct fixture {
    char dir[64];
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/tdm_batch_XXXXXX");
    if (!fx || !mkdtemp(fx->dir))
        return -1;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
    if (system(cmd) != 0)
        return -1;
    free(fx);
    return 0;
}

static const char *path_in(const fixture *fx, const char *name, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s/%s", fx->dir, name);
    return buf;
}

static void write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static char *slurp(const char *path, size_t *len)
{
    char *data = NULL;
    size_t n = 0;
    tdm_error err;
    if (tdm_read_all(path, &data, &n, &err) != 0)
        return NULL;
    if (len)
        *len = n;
    return data;
}

static int file_exists(const char *path)
{
    return access(path, F_OK) == 0;
}

static void assert_same_file(const char *a, const char *b)
{
    size_t la, lb;
    char *da = slurp(a, &la), *db = slurp(b, &lb);
    assert_non_null(da);
    assert_non_null(db);
    assert_int_equal(la, lb);
    assert_memory_equal(da, db, la);
    free(da);
    free(db);
}

static size_t count_lines(const char *path, const char *prefix)
{
    size_t len, n = 0;
    char *d = slurp(path, &len);
    assert_non_null(d);
    size_t pl = strlen(prefix);
    for (char *p = d; p < d + len;) {
        char *nl = memchr(p, '\n', (size_t)(d + len - p));
        if (strncmp(p, prefix, pl) == 0)
            n++;
        p = nl ? nl + 1 : d + len;
    }
    free(d);
    return n;
}

/* A manifest of the story under several ids, a missing file and a binary
 * file, paths relative to the manifest's directory. */
static void make_manifest(const fixture *fx, char *manifest, size_t cap, int with_failures)
{
    char cwd[512], p[256];
    assert_non_null(getcwd(cwd, sizeof cwd));
    write_file(path_in(fx, "binary.txt", p, sizeof p), "ab\0cd\0\1\2", 9);
    char text[4096];
    int n = snprintf(text, sizeof text,
                     "# src\ttgt\tid\tsrc_lang\ttgt_lang\n"
                     "%s/" ES "\t%s/" FR "\tdoc-a\tes\tfr\n"
                     "%s/" ES "\t%s/" FR "\tdoc-b\tes\tfr\n",
                     cwd, cwd, cwd, cwd);
    if (with_failures)
        n += snprintf(text + n, sizeof text - (size_t)n,
                      "missing.txt\t%s/" FR "\tdoc-missing\tes\tfr\n"
                      "binary.txt\t%s/" FR "\tdoc-binary\tes\tfr\n",
                      cwd, cwd);
    n += snprintf(text + n, sizeof text - (size_t)n, "\n%s/" FR "\t%s/" ES "\tdoc-c\tfr\tes\n", cwd,
                  cwd);
    write_file(path_in(fx, "manifest.tsv", manifest, cap), text, (size_t)n);
}

static void base_opts(tdm_batch_opts *o, const char *manifest, const char *out, int jobs)
{
    tdm_batch_opts_init(o);
    o->manifest = manifest;
    o->output = out;
    o->jobs = jobs;
    o->align.models_dir = test_models_dir();
}

static void test_parse(void **state)
{
    (void)state;
    unsigned t;
    tdm_error err;
    assert_int_equal(tdm_batch_parse_types("1-1,2-1", &t, &err), 0);
    assert_int_equal(t, TDM_BEAD_TYPE(1, 1) | TDM_BEAD_TYPE(2, 1));
    assert_int_equal(tdm_batch_parse_types("paired", &t, &err), 0);
    assert_int_equal(t, TDM_BEAD_TYPES_PAIRED);
    assert_true(t & TDM_BEAD_TYPE(3, 2));
    assert_false(t & TDM_BEAD_TYPE(0, 1));
    assert_false(t & TDM_BEAD_TYPE(1, 0));
    assert_int_equal(tdm_batch_parse_types("1-1,", &t, &err), TDM_EUSAGE);
    assert_int_equal(tdm_batch_parse_types("0-0", &t, &err), TDM_EUSAGE);
    assert_int_equal(tdm_batch_parse_types("11", &t, &err), TDM_EUSAGE);
    tdm_corpus_format f;
    assert_int_equal(tdm_corpus_format_parse("tmx", &f, &err), 0);
    assert_int_equal(f, TDM_CORPUS_TMX);
    assert_int_equal(tdm_corpus_format_parse("xml", &f, &err), TDM_EUSAGE);
}

static void test_bad_options(void **state)
{
    fixture *fx = *state;
    char manifest[256], out[256];
    make_manifest(fx, manifest, sizeof manifest, 0);
    tdm_batch_opts o;
    tdm_batch_totals t;
    tdm_error err;
    base_opts(&o, manifest, "-", 1);
    o.format = TDM_CORPUS_MOSES;
    assert_int_equal(tdm_batch_run(&o, &t, &err), TDM_EUSAGE);
    base_opts(&o, manifest, "-", 1);
    o.resume = 1;
    assert_int_equal(tdm_batch_run(&o, &t, &err), TDM_EUSAGE);
    base_opts(&o, manifest, path_in(fx, "x.tsv", out, sizeof out), 1);
    o.report = "-";
    assert_int_equal(tdm_batch_run(&o, &t, &err), TDM_EUSAGE);
    base_opts(&o, manifest, path_in(fx, "x.tsv", out, sizeof out), 1);
    o.min_score = 2;
    assert_int_equal(tdm_batch_run(&o, &t, &err), TDM_EUSAGE);
    /* A short manifest line is an error naming the line; nothing written. */
    write_file(manifest, "a.txt\tb.txt\n" ES "\n", strlen(ES) + 13);
    base_opts(&o, manifest, out, 1);
    assert_int_equal(tdm_batch_run(&o, &t, &err), TDM_EINPUT);
    assert_int_equal(err.line, 2);
    assert_false(file_exists(out));
    write_file(manifest, "a\tb\tx\na\tc\tx\n", 12);
    assert_int_equal(tdm_batch_run(&o, &t, &err), TDM_EINPUT);
    assert_non_null(strstr(err.message, "twice"));
}

/* Failed pairs are reported and skipped; -j 1 and -j 2 write the same. */
static void test_failures_and_determinism(void **state)
{
    fixture *fx = *state;
    char manifest[256], out1[256], out2[256], rep1[256], rep2[256];
    make_manifest(fx, manifest, sizeof manifest, 1);
    tdm_batch_opts o;
    tdm_batch_totals t;
    tdm_error err;
    base_opts(&o, manifest, path_in(fx, "j1.tsv", out1, sizeof out1), 1);
    o.report = path_in(fx, "j1.report", rep1, sizeof rep1);
    assert_int_equal(tdm_batch_run(&o, &t, &err), TDM_EINPUT);
    assert_non_null(strstr(err.message, "2 of 5 pairs failed"));
    assert_int_equal(t.pairs, 5);
    assert_int_equal(t.aligned, 3);
    assert_int_equal(t.failed, 2);
    assert_true(t.written > 0);
    assert_true(t.written <= t.beads);
    assert_false(t.unfinished);
    /* Every line of the corpus names its document; 3 documents. */
    size_t lines = count_lines(out1, "doc-");
    assert_int_equal(lines, t.written);
    assert_int_equal(count_lines(out1, "doc-a\t") * 3, lines);
    assert_int_equal(count_lines(rep1, "doc-missing\tfailed"), 1);
    assert_int_equal(count_lines(rep1, "doc-binary\tfailed"), 1);
    assert_int_equal(count_lines(rep1, "doc-b\tok\tes\tfr"), 1);
    assert_int_equal(count_lines(rep1, "# total"), 1);
    assert_false(file_exists(path_in(fx, "j1.tsv.journal", out2, sizeof out2)));
    assert_false(file_exists(path_in(fx, "j1.tsv.part", out2, sizeof out2)));

    base_opts(&o, manifest, path_in(fx, "j2.tsv", out2, sizeof out2), 2);
    o.report = path_in(fx, "j2.report", rep2, sizeof rep2);
    o.window = 1; /* the tightest ring: workers wait for the writer */
    tdm_batch_totals t2;
    assert_int_equal(tdm_batch_run(&o, &t2, &err), TDM_EINPUT);
    assert_same_file(out1, out2);
    o.window = 0;
    o.jobs = 3;
    assert_int_equal(tdm_batch_run(&o, &t2, &err), TDM_EINPUT);
    assert_same_file(out1, out2);
    assert_int_equal(t2.written, t.written);
}

static void test_formats(void **state)
{
    fixture *fx = *state;
    char manifest[256], out[256], p[256];
    make_manifest(fx, manifest, sizeof manifest, 0);
    tdm_batch_opts o;
    tdm_batch_totals t;
    tdm_error err;
    base_opts(&o, manifest, path_in(fx, "corpus", out, sizeof out), 2);
    o.format = TDM_CORPUS_MOSES;
    o.src_lang = "es";
    o.tgt_lang = "fr";
    assert_int_equal(tdm_batch_run(&o, &t, &err), 0);
    /* doc-c is fr-es: the sides mix two languages, so the files are not
     * named by the options' es and fr (which serve pairs that name none). */
    assert_false(file_exists(path_in(fx, "corpus.es", p, sizeof p)));
    size_t n = count_lines(path_in(fx, "corpus.src", p, sizeof p), "");
    assert_int_equal(n, t.written);
    assert_int_equal(count_lines(path_in(fx, "corpus.tgt", p, sizeof p), ""), n);
    assert_int_equal(count_lines(path_in(fx, "corpus.ids", p, sizeof p), "doc-"), n);

    base_opts(&o, manifest, path_in(fx, "corpus.tmx", out, sizeof out), 2);
    o.format = TDM_CORPUS_TMX;
    assert_int_equal(tdm_batch_run(&o, &t, &err), 0);
    assert_int_equal(count_lines(out, "    <tu tuid=\"doc-"), t.written);
    assert_int_equal(count_lines(out, "</tmx>"), 1);

    base_opts(&o, manifest, path_in(fx, "corpus.jsonl", out, sizeof out), 2);
    o.format = TDM_CORPUS_JSONL;
    assert_int_equal(tdm_batch_run(&o, &t, &err), 0);
    tdm_jsonl_reader *r = tdm_jsonl_open(out, &err);
    tdm_json_object *obj = tdm_json_object_new();
    size_t docs = 0;
    while (tdm_jsonl_next(r, obj, &err) == 1) {
        assert_non_null(tdm_json_object_get(obj, "id"));
        const tdm_json_field *beads = tdm_json_object_get(obj, "beads");
        assert_non_null(beads);
        assert_int_equal(beads->kind, TDM_JSON_RAW);
        docs++;
    }
    assert_int_equal(docs, 3);
    tdm_json_object_free(obj);
    tdm_jsonl_close(r);
}

/* Directories pair files by name; a file on one side only fails. */
static void test_dirs(void **state)
{
    fixture *fx = *state;
    char es[200], fr[200], p[300], out[256];
    size_t le = 0, lf = 0;
    char *tes = slurp(ES, &le), *tfr = slurp(FR, &lf);
    assert_non_null(tes);
    assert_non_null(tfr);
    mkdir(path_in(fx, "es", es, sizeof es), 0777);
    mkdir(path_in(fx, "fr", fr, sizeof fr), 0777);
    const char *names[] = {"0002.txt", "0001.txt", "0003.txt"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s/%s", es, names[i]);
        write_file(p, tes, le);
        if (i < 2) {
            snprintf(p, sizeof p, "%s/%s", fr, names[i]);
            write_file(p, tfr, lf);
        }
    }
    snprintf(p, sizeof p, "%s/.hidden", fr);
    write_file(p, "x", 1);
    tdm_batch_opts o;
    tdm_batch_totals t;
    tdm_error err;
    tdm_batch_opts_init(&o);
    o.input = TDM_BATCH_DIRS;
    o.src_dir = es;
    o.tgt_dir = fr;
    o.src_lang = "es";
    o.tgt_lang = "fr";
    o.align.models_dir = test_models_dir();
    o.output = path_in(fx, "dirs.tsv", out, sizeof out);
    o.report = path_in(fx, "dirs.report", p, sizeof p);
    assert_int_equal(tdm_batch_run(&o, &t, &err), TDM_EINPUT);
    assert_int_equal(t.aligned, 2);
    assert_int_equal(t.failed, 1);
    assert_int_equal(count_lines(p, "0003.txt\tfailed"), 1);
    /* In name order whatever the creation order. */
    size_t len = 0;
    char *d = slurp(out, &len);
    assert_non_null(d);
    assert_int_equal(strncmp(d, "0001.txt\t", 9), 0);
    free(d);
    free(tes);
    free(tfr);
}

/* JSON Lines with inline texts; a malformed line is one failed pair. */
static void test_jsonl(void **state)
{
    fixture *fx = *state;
    char in[256], out[256];
    size_t le = 0, lf = 0;
    char *tes = slurp(ES, &le), *tfr = slurp(FR, &lf);
    FILE *f = fopen(path_in(fx, "in.jsonl", in, sizeof in), "wb");
    assert_non_null(f);
    for (int i = 0; i < 2; i++) {
        fprintf(f, "{\"id\":\"j%d\",\"src_lang\":\"es\",\"tgt_lang\":\"fr\",\"src\":", i);
        tdm_json_write_string(f, tes, le);
        fputs(",\"tgt\":", f);
        tdm_json_write_string(f, tfr, lf);
        fputs("}\n", f);
        if (i == 0)
            fputs("{\"id\":\"broken\",\"src\":\"no closing brace\"\n\n", f);
    }
    fputs("{\"id\":\"j0\",\"src\":\"Hola.\",\"tgt\":\"Salut.\"}\n", f);
    fputs("{\"id\":\"j9\",\"src\":\"Hola.\",\"tgt\":\"\\u0000\\u0001\",\"src_lang\":\"es\","
          "\"tgt_lang\":\"fr\"}\n",
          f);
    fclose(f);
    tdm_batch_opts o;
    tdm_batch_totals t;
    tdm_error err;
    tdm_batch_opts_init(&o);
    o.input = TDM_BATCH_JSONL;
    o.jsonl = in;
    o.format = TDM_CORPUS_JSONL;
    o.align.models_dir = test_models_dir();
    o.output = path_in(fx, "out.jsonl", out, sizeof out);
    o.jobs = 2;
    assert_int_equal(tdm_batch_run(&o, &t, &err), TDM_EINPUT);
    assert_int_equal(t.pairs, 5);
    assert_int_equal(t.aligned, 2);
    assert_int_equal(t.failed, 3);
    assert_int_equal(count_lines(out, "{\"id\":\"j0\",\"error\":\"id 'j0' appears twice"), 1);
    assert_int_equal(count_lines(out, "{\"id\":\"j0\",\"src_lang\":\"es\""), 1);
    assert_int_equal(count_lines(out, "{\"id\":\"line 2\",\"error\":"), 1);
    assert_int_equal(count_lines(out, "{\"id\":\"j9\",\"error\":"), 1);
    free(tes);
    free(tfr);
}

/* The same story twice under two ids: dedup keeps the first copy only. */
static void test_dedup_and_filters(void **state)
{
    fixture *fx = *state;
    char manifest[256], out[256];
    make_manifest(fx, manifest, sizeof manifest, 0);
    tdm_batch_opts o;
    tdm_batch_totals t, all;
    tdm_error err;
    base_opts(&o, manifest, path_in(fx, "d.tsv", out, sizeof out), 2);
    assert_int_equal(tdm_batch_run(&o, &all, &err), 0);
    o.dedup = 1;
    assert_int_equal(tdm_batch_run(&o, &t, &err), 0);
    /* doc-a and doc-b are the same pairs; doc-c is the story reversed. */
    assert_int_equal(t.duplicates, all.written / 3);
    assert_int_equal(t.written, all.written - t.duplicates);
    assert_int_equal(count_lines(out, "doc-b\t"), 0);

    o.dedup = 0;
    o.types = TDM_BEAD_TYPE(1, 1);
    o.min_score = 0.5;
    o.max_ratio = 1.8;
    assert_int_equal(tdm_batch_run(&o, &t, &err), 0);
    assert_true(t.filtered > all.filtered || t.written == all.written);
    assert_int_equal(t.written + t.filtered, all.written + all.filtered);
    size_t len = 0;
    char *d = slurp(out, &len);
    for (char *p = d; p < d + len;) {
        char *nl = memchr(p, '\n', (size_t)(d + len - p));
        /* id, source, target, score, bead */
        char *tab = strchr(p, '\t');
        assert_true(tab && tab < nl);
        char *score_at = strchr(strchr(tab + 1, '\t') + 1, '\t') + 1;
        double score = atof(score_at);
        assert_true(score >= 0.5);
        char ids[64];
        sscanf(strchr(score_at, '\t') + 1, "%63[^\n]", ids);
        /* 1-1 beads only: "[n]:[m]" */
        assert_null(strchr(ids, ','));
        assert_null(strstr(ids, "[]"));
        p = nl + 1;
    }
    free(d);
}

/* A run stopped at a limit leaves parts and a journal; resuming finishes
 * the same files as one uninterrupted run, also after a crash mid-write. */
static void test_resume(void **state)
{
    fixture *fx = *state;
    char manifest[256], full[256], out[256], rep[256], frep[256], p[300];
    make_manifest(fx, manifest, sizeof manifest, 1);
    for (int format = 0; format < 4; format++) {
        tdm_batch_opts o;
        tdm_batch_totals t;
        tdm_error err;
        base_opts(&o, manifest, path_in(fx, "full.out", full, sizeof full), 2);
        o.format = (tdm_corpus_format)format;
        o.report = path_in(fx, "full.report", frep, sizeof frep);
        o.dedup = 1;
        assert_int_equal(tdm_batch_run(&o, &t, &err), TDM_EINPUT);
        size_t written = t.written;

        snprintf(p, sizeof p, "rm -f %s/part.*", fx->dir);
        assert_int_equal(system(p), 0);
        base_opts(&o, manifest, path_in(fx, "part.out", out, sizeof out), 2);
        o.format = (tdm_corpus_format)format;
        o.report = path_in(fx, "part.report", rep, sizeof rep);
        o.dedup = 1;
        o.limit = 2;
        assert_int_equal(tdm_batch_run(&o, &t, &err), 0);
        assert_true(t.unfinished);
        assert_int_equal(t.pairs, 2);
        assert_false(file_exists(format == TDM_CORPUS_MOSES ? "" : out));
        assert_false(file_exists(rep));
        snprintf(p, sizeof p, "%s.journal", out);
        assert_true(file_exists(p));
        /* A crash while writing the third document: garbage after the
         * journaled sizes and half a journal line. */
        snprintf(p, sizeof p, "%s.part", rep);
        FILE *f = fopen(p, "ab");
        fputs("doc-x\tok\thalf a line", f);
        fclose(f);
        snprintf(p, sizeof p, "%s.journal", out);
        f = fopen(p, "ab");
        fputs("{\"id\":\"doc-x\",\"offs", f);
        fclose(f);
        /* Resume without the limit. */
        o.limit = 0;
        o.resume = 1;
        assert_int_equal(tdm_batch_run(&o, &t, &err), TDM_EINPUT);
        assert_int_equal(t.resumed, 2);
        assert_int_equal(t.pairs, 5);
        assert_int_equal(t.failed, 2);
        assert_int_equal(t.written, written);
        assert_false(t.unfinished);
        assert_false(file_exists(p));
        if (format == TDM_CORPUS_MOSES) {
            char a[300], b[300];
            const char *ext[] = {".src", ".tgt", ".ids"};
            for (int k = 0; k < 3; k++) {
                snprintf(a, sizeof a, "%s%s", full, ext[k]);
                snprintf(b, sizeof b, "%s%s", out, ext[k]);
                assert_same_file(a, b);
            }
        } else {
            assert_same_file(full, out);
        }
        /* The report differs only by the seconds nowhere: same bytes. */
        assert_same_file(frep, rep);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test_setup_teardown(test_bad_options, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failures_and_determinism, setup, teardown),
        cmocka_unit_test_setup_teardown(test_formats, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dirs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_jsonl, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dedup_and_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resume, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
