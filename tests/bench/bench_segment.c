/*
 * bench_segment.c: sentence splitting in every language we have gold
 * sentences for, by tandem's splitter (segment.c: its rules, the
 * language's models/<lang>/abbrev when there is one, Unicode's
 * Sentence_Terminal) and by ICU's sentence break iterator (UAX #29 with
 * ICU's per-locale abbreviation suppressions, "LANG@ss=standard"), the two
 * candidates for the generic tier of issue #11. Boundary precision, recall
 * and F1 as ../shared/EVAL.md defines them: the gold sentences of a
 * paragraph are joined with spaces and split again; TransRead has its
 * paragraphs (.para), OPUS Books none, so its sentences are joined eight at
 * a time. Also the speed of both on the same text. Prints figures, asserts
 * nothing; skips when ../shared is absent.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "base/fileio.h"
#include "tandem/segment.h"
#include "text/segment.h"

#define GROUP 8

typedef struct counts {
    size_t tp, fp, fn;
    double seconds;
    size_t bytes;
} counts;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Sentence ends that ICU finds in text[0, len), trimmed of white space, in
 * ends (room for cap); returns the count. Line feeds were made spaces. */
static size_t icu_split(UBreakIterator *bi, const char *text, size_t len, size_t *ends, size_t cap)
{
    UErrorCode status = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, text, (int64_t)len, &status);
    ubrk_setUText(bi, &ut, &status);
    size_t n = 0;
    int32_t b;
    ubrk_first(bi);
    while (U_SUCCESS(status) && (b = ubrk_next(bi)) != UBRK_DONE) {
        size_t k = (size_t)b;
        while (k > 0 && text[k - 1] == ' ')
            k--;
        if (k > 0 && n < cap)
            ends[n++] = k;
    }
    utext_close(&ut);
    return n;
}

/* Scores one paragraph: gold ends gold[0, count) (the last is the
 * paragraph's end, not counted) against the ends found. */
static void score(const size_t *gold, size_t count, const size_t *ends, size_t n, counts *c)
{
    size_t g = 0, p = 0;
    count = count ? count - 1 : 0;
    n = n ? n - 1 : 0;
    while (g < count || p < n) {
        if (g < count && p < n && gold[g] == ends[p]) {
            c->tp++;
            g++;
            p++;
        } else if (p >= n || (g < count && gold[g] < ends[p])) {
            c->fn++;
            g++;
        } else {
            c->fp++;
            p++;
        }
    }
}

/* Scores path (one sentence a line) with both splitters; paragraphs from
 * para_path or GROUP sentences. c[0]: tandem, c[1]: ICU. */
static int score_file(const tdm_splitter *sp, UBreakIterator *bi, const char *path,
                      const char *para_path, counts c[2])
{
    char *data = NULL, *para = NULL;
    size_t len = 0, para_len = 0;
    tdm_error err;
    if (tdm_read_all(path, &data, &len, &err) ||
        (para_path && tdm_read_all(para_path, &para, &para_len, &err))) {
        fprintf(stderr, "bench_segment: %s: %s\n", err.file[0] ? err.file : path, err.message);
        free(data);
        free(para);
        return -1;
    }
    char *buf = malloc(len + 1);
    size_t *gold = malloc((len + 1) * sizeof *gold), *ends = malloc((len + 1) * sizeof *ends);
    tdm_span *spans = malloc((len + 1) * sizeof *spans);
    if (!buf || !gold || !ends || !spans) {
        fprintf(stderr, "bench_segment: out of memory\n");
        exit(3);
    }
    size_t pos = 0, ppos = 0, o = 0, g = 0;
    char prev_id[64] = "";
    while (pos < len) {
        char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - data) : len, l = end - pos;
        char id[64] = "";
        if (para) {
            char *pnl = memchr(para + ppos, '\n', para_len - ppos);
            size_t pend = pnl ? (size_t)(pnl - para) : para_len;
            size_t idl = strcspn(para + ppos, "\t\n");
            snprintf(id, sizeof id, "%.*s", (int)(idl < 63 ? idl : 63), para + ppos);
            ppos = pend < para_len ? pend + 1 : para_len;
        }
        int new_para = g > 0 && (para ? strcmp(id, prev_id) != 0 : g == GROUP);
        if (new_para || (l == 0 && g > 0)) {
            double t = now();
            size_t n = tdm_split(sp, buf, o, spans, len + 1);
            c[0].seconds += now() - t;
            for (size_t k = 0; k < n; k++)
                ends[k] = spans[k].end;
            score(gold, g, ends, n, &c[0]);
            t = now();
            n = icu_split(bi, buf, o, ends, len + 1);
            c[1].seconds += now() - t;
            score(gold, g, ends, n, &c[1]);
            c[0].bytes += o;
            c[1].bytes += o;
            o = g = 0;
        }
        snprintf(prev_id, sizeof prev_id, "%s", id);
        if (l > 0) {
            if (o)
                buf[o++] = ' ';
            memcpy(buf + o, data + pos, l);
            o += l;
            gold[g++] = o;
        }
        pos = end + 1;
        if (pos >= len && g > 0) {
            pos = len;
            double t = now();
            size_t n = tdm_split(sp, buf, o, spans, len + 1);
            c[0].seconds += now() - t;
            for (size_t k = 0; k < n; k++)
                ends[k] = spans[k].end;
            score(gold, g, ends, n, &c[0]);
            t = now();
            n = icu_split(bi, buf, o, ends, len + 1);
            c[1].seconds += now() - t;
            score(gold, g, ends, n, &c[1]);
            c[0].bytes += o;
            c[1].bytes += o;
        }
    }
    free(buf);
    free(gold);
    free(ends);
    free(spans);
    free(data);
    free(para);
    return 0;
}

static double f1(const counts *c)
{
    double p = c->tp + c->fp ? (double)c->tp / (double)(c->tp + c->fp) : 1;
    double r = c->tp + c->fn ? (double)c->tp / (double)(c->tp + c->fn) : 1;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

/* Scores one text of language lang and prints its line. */
static void run(const char *models, const char *name, const char *lang, const char *path,
                const char *para_path)
{
    tdm_error err;
    tdm_splitter *sp = tdm_splitter_load(models, lang, &err); /* NULL: neutral rules */
    char locale[32];
    snprintf(locale, sizeof locale, "%s@ss=standard", lang);
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, locale, NULL, 0, &status);
    if (U_FAILURE(status)) {
        fprintf(stderr, "bench_segment: ICU: %s\n", u_errorName(status));
        exit(3);
    }
    char list[1024];
    snprintf(list, sizeof list, "%s/%s/abbrev", models, lang);
    FILE *f = fopen(list, "r");
    if (f)
        fclose(f);
    counts c[2];
    memset(c, 0, sizeof c);
    if (score_file(sp, bi, path, para_path, c) == 0)
        printf("%-52s %-2s %-7s %7zu %8.4f %8.4f %8.0f %8.0f\n", name, lang, f ? "list" : "neutral",
               c[0].tp + c[0].fn, f1(&c[0]), f1(&c[1]), (double)c[0].bytes / c[0].seconds / 1e6,
               (double)c[1].bytes / c[1].seconds / 1e6);
    ubrk_close(bi);
    tdm_splitter_free(sp);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(a, b);
}

int main(void)
{
    const char *shared = getenv("TANDEM_SHARED"), *models = getenv("TANDEM_MODELS");
    char dir[1024], path[2048], para[2048];
    snprintf(dir, sizeof dir, "%s/corpora/opus-books-dev", shared ? shared : "../shared");
    DIR *d = opendir(dir);
    if (!d) {
        printf("segment: skip (%s absent)\n", dir);
        return 0;
    }
    printf("Sentence boundary F1 (EVAL.md), tandem's splitter vs ICU's sentence iterator\n");
    printf("%-52s %-2s %-7s %7s %8s %8s %8s %8s\n", "text", "la", "abbrev", "gold", "tandem", "ICU",
           "MB/s", "ICU MB/s");
    struct dirent *e;
    char names[64][256];
    size_t count = 0;
    while ((e = readdir(d)) && count < 64)
        if (strlen(e->d_name) > 6 && strlen(e->d_name) < 200 && e->d_name[2] == '-' &&
            e->d_name[5] == '-') /* L1-L2-Author-Title */
            snprintf(names[count++], sizeof names[0], "%s", e->d_name);
    closedir(d);
    qsort(names, count, sizeof names[0], by_name);
    for (size_t i = 0; i < count; i++) {
        for (int side = 0; side < 2; side++) {
            char lang[3] = {0};
            lang[0] = (char)(names[i][side * 3] | 0x20);
            lang[1] = (char)(names[i][side * 3 + 1] | 0x20);
            int w = snprintf(path, sizeof path, "%s/%s/%s.txt", dir, names[i], lang);
            if (w < 0 || (size_t)w >= sizeof path)
                continue;
            run(models ? models : "models", names[i], lang, path, NULL);
        }
    }
    static const char *const books[] = {"Emma", "JaneEyre", "VoyageAuCentreDeLaTerre"};
    for (size_t b = 0; b < sizeof books / sizeof books[0]; b++)
        for (int side = 0; side < 2; side++) {
            const char *lang = side ? "fr" : "en";
            snprintf(path, sizeof path, "%s/corpora/transread-en-fr/%s/%s.txt",
                     shared ? shared : "../shared", books[b], lang);
            snprintf(para, sizeof para, "%s/corpora/transread-en-fr/%s/%s.para",
                     shared ? shared : "../shared", books[b], lang);
            char name[128];
            snprintf(name, sizeof name, "TransRead %s", books[b]);
            run(models ? models : "models", name, lang, path, para);
        }
    return 0;
}
