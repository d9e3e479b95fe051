/*
 * bench_summary_speed.c: how fast summaries are made, as whole processes,
 * against the Open Text Summarizer on the same files.
 *
 * The first --count articles (default 300) of OrangeSum valid are written
 * as files, "title\n\nbody" (../shared/corpora/orangesum-fr-valid). Timed,
 * wall clock, each repeated (--repeat, default 5; ots 3 times) and given
 * as best and median:
 *   - ots -d fr -r 15, one process per article (it takes one file);
 *   - summarize --lang fr, one process per article: the start-up cost
 *     (the design card's use: `summarize --lang fr article.txt`);
 *   - summarize over all the files in one process, one core (-j 1) and all
 *     cores, and --batch over the whole valid.jsonl: the batch speed.
 * Per process: the time of the loop over the files divided by their
 * number, minus nothing (the shell's fork and exec are in both).
 *
 * Usage: bench_summary_speed [--count N] [--repeat N] [--no-ots]
 * Environment: TANDEM_SHARED (default ../shared), TANDEM_MODELS (models),
 * TANDEM_BIN (the build directory holding summarize; default: this
 * program's ../).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/json.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Best and median wall time of reps runs of cmd (output discarded); best
 * negative when a run failed. */
static double time_repeated(const char *cmd, int reps, double *median)
{
    double t[64];
    reps = reps < 1 ? 1 : reps > 64 ? 64 : reps;
    for (int r = 0; r < reps; r++) {
        double t0 = now();
        if (system(cmd) != 0)
            return *median = -1;
        t[r] = now() - t0;
    }
    qsort(t, (size_t)reps, sizeof *t, by_value);
    *median = t[reps / 2];
    return t[0];
}

static void row(const char *name, double best, double median, size_t n, double mb, double ots,
                double ots_median)
{
    printf("%-46s %7.3f %7.3f %9.2f %10.0f %8.2f", name, best, median, 1000 * best / (double)n,
           (double)n / best, mb / best);
    if (ots > 0 && best > 0)
        printf("   %.2fx / %.2fx", ots / best, ots_median / median);
    printf("\n");
}

int main(int argc, char **argv)
{
    size_t count = 300;
    int repeat = 5, with_ots = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--count") == 0 && i + 1 < argc)
            count = (size_t)atol(argv[++i]);
        else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
            repeat = atoi(argv[++i]);
        else if (strcmp(argv[i], "--no-ots") == 0)
            with_ots = 0;
        else {
            fprintf(stderr, "usage: bench_summary_speed [--count N] [--repeat N] [--no-ots]\n");
            return 1;
        }
    }
    const char *shared = getenv("TANDEM_SHARED") ? getenv("TANDEM_SHARED") : "../shared";
    const char *models = getenv("TANDEM_MODELS") ? getenv("TANDEM_MODELS") : "models";
    char valid[4096], bin[4096], cmd[16384];
    snprintf(valid, sizeof valid, "%s/corpora/orangesum-fr-valid/valid.jsonl", shared);
    if (getenv("TANDEM_BIN")) {
        snprintf(bin, sizeof bin, "%s", getenv("TANDEM_BIN"));
    } else {
        snprintf(bin, sizeof bin, "%s", argv[0]);
        char *slash = strrchr(bin, '/');
        snprintf(slash ? slash : bin, sizeof bin - (size_t)(slash ? slash - bin : 0), "%s",
                 slash ? "/.." : ".");
    }
    if (access(valid, R_OK) != 0) {
        printf("summary speed: skip (no %s)\n", valid);
        return 0;
    }
    if (with_ots && system("command -v ots >/dev/null 2>&1") != 0) {
        printf("ots not installed: its rows are left out\n");
        with_ots = 0;
    }
    tdm_error err;
    tdm_jsonl_reader *r = tdm_jsonl_open(valid, &err);
    tdm_json_object *obj = tdm_json_object_new();
    char dir[] = "/tmp/bench_summary_speed_XXXXXX";
    if (!r || !obj || !mkdtemp(dir)) {
        fprintf(stderr, "bench_summary_speed: cannot start\n");
        return 1;
    }
    size_t n = 0, bytes = 0;
    while (n < count && tdm_jsonl_next(r, obj, &err) == 1) {
        const tdm_json_field *t = tdm_json_object_get(obj, "title");
        const tdm_json_field *a = tdm_json_object_get(obj, "article");
        if (!t || !a)
            continue;
        char path[4200];
        snprintf(path, sizeof path, "%s/%05zu.txt", dir, n++);
        FILE *f = fopen(path, "w");
        if (!f || fprintf(f, "%s\n\n%s", t->value, a->value) < 0 || fclose(f) != 0) {
            fprintf(stderr, "bench_summary_speed: cannot write %s\n", path);
            return 1;
        }
        bytes += t->value_len + 2 + a->value_len;
    }
    tdm_json_object_free(obj);
    tdm_jsonl_close(r);
    double mb = (double)bytes / 1e6;
    printf("Summary speed: %zu OrangeSum valid articles as files (title + body, %.2f MB); wall\n"
           "time, best and median of %d runs (ots: 3); per process = loop time / files\n",
           n, mb, repeat);
    printf("%-46s %7s %7s %9s %10s %8s   %s\n", "run", "best s", "med s", "ms/file", "files/s",
           "MB/s", "x ots (best / median)");
    double ots = -1, ots_median = -1, median, t;
    if (with_ots) {
        snprintf(cmd, sizeof cmd,
                 "for f in %s/*.txt; do ots -d fr -r 15 \"$f\" >/dev/null || exit 1; done", dir);
        ots = time_repeated(cmd, 3, &ots_median);
        row("ots, one process per article", ots, ots_median, n, mb, -1, -1);
    }
    snprintf(cmd, sizeof cmd,
             "for f in %s/*.txt; do %s/summarize --models %s --lang fr \"$f\" >/dev/null "
             "|| exit 1; done",
             dir, bin, models);
    t = time_repeated(cmd, repeat, &median);
    row("tandem, one process per article", t, median, n, mb, ots, ots_median);
    snprintf(cmd, sizeof cmd, "for f in %s/*.txt; do /bin/true \"$f\" || exit 1; done", dir);
    t = time_repeated(cmd, repeat, &median);
    row("(/bin/true, one process per article)", t, median, n, mb, -1, -1);
    snprintf(cmd, sizeof cmd, "%s/summarize -j 1 --models %s --lang fr %s >/dev/null", bin, models,
             dir);
    t = time_repeated(cmd, repeat, &median);
    row("tandem, one process for all, one core (-j 1)", t, median, n, mb, ots, ots_median);
    snprintf(cmd, sizeof cmd, "%s/summarize --models %s --lang fr %s >/dev/null", bin, models, dir);
    t = time_repeated(cmd, repeat, &median);
    row("tandem, one process for all, all cores", t, median, n, mb, ots, ots_median);
    struct stat st;
    if (stat(valid, &st) == 0) {
        snprintf(cmd, sizeof cmd,
                 "%s/summarize --models %s --lang fr --batch --text-key article %s >/dev/null", bin,
                 models, valid);
        t = time_repeated(cmd, repeat, &median);
        printf("%-46s %7.3f %7.3f %9s %10.0f %8.2f   (the whole valid.jsonl, 1,500 articles)\n",
               "tandem --batch (JSON Lines)", t, median, "", 1500 / t,
               (double)st.st_size / 1e6 / t);
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_summary_speed: cannot remove %s\n", dir);
    return 0;
}
