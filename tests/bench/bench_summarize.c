/*
 * bench_summarize.c: summary quality (ROUGE) and speed on OrangeSum.
 *
 * Reads the first 500 articles of corpora/orangesum-fr-valid/valid.jsonl
 * (EVAL.md) and prints ROUGE-1/2/L F1 (x100, macro average, tandem's ROUGE
 * as EVAL.md defines it) of:
 *   - Lead-1/2/3 on a plain regular-expression split (a sentence ends at
 *     . ! ? followed by white space), to check our ROUGE against EVAL.md's
 *     figures, and Lead-k on tandem's sentence splitter;
 *   - tandem at 1, 2 and 3 sentences (equal lengths with Lead-k), at 3
 *     sentences given the article's title, and at
 *     the word length of each ots summary;
 *   - the Open Text Summarizer (`ots -d fr -r 15`) when installed.
 * Then the same systems (ots with -d es) on the Spanish set
 * corpora/basse-es/test.jsonl (El País articles with one or three human
 * reference summaries each, from BASSE; see its README), scored against the
 * mean over an article's references and, apart, against the newspaper's
 * subhead.
 * Speed: whole processes on the 1,500 valid articles (3.4 MB; --speed-count)
 * written as files: ots once per article (it takes one file), tandem once
 * per article and once over all of them; articles per second, MB/s and the
 * ratio to ots. Wall times on a shared machine vary by a tenth from run to
 * run, so each timing is repeated (ots 3 times, tandem over all articles 9
 * times: --repeat) and the best and the median are printed; the ratios to
 * ots compare best with best and median with median.
 *
 * Usage: bench_summarize [--skip K] [--count N] [--no-ots] [--no-speed] [--speed-count N]
 *        [--repeat N]
 *        [--title] [--lang fr|es|all] [--title-weight X] [--position-weight X]
 *        [--position-decay X] [--length-power X] [--lambda X]
 * (--skip 500 --count 1000 is the tuning split). Environment: TANDEM_SHARED
 * (default ../shared), TANDEM_MODELS (default models), TANDEM_CORPORA
 * (default corpora: the Spanish set), TANDEM_BIN (the
 * build directory holding summarize; default: this program's ../).
 * Prints "skip" for a set that is absent (the French one lives in
 * TANDEM_SHARED) and goes on with the other.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/json.h"
#include "tandem/rouge.h"
#include "tandem/summarize.h"
#include "tandem/token.h"

typedef struct article {
    char *title, *text, *summary;
    size_t text_len;
    char *refs[3]; /* the human references of a multi-reference set */
    int nrefs;
    char *subhead; /* the newspaper's subhead, "" when absent */
} article;

enum {
    LEAD_RE1,
    LEAD_RE2,
    LEAD_RE3,
    LEAD1,
    LEAD2,
    LEAD3,
    TDM1,
    TDM2,
    TDM3,
    TDM3_TITLE,
    TDM_OTSLEN,
    OTS,
    SYSTEMS
};
static const char *const system_names[SYSTEMS] = {"Lead-1 (regex split)",
                                                  "Lead-2 (regex split)",
                                                  "Lead-3 (regex split)",
                                                  "Lead-1 (tandem split)",
                                                  "Lead-2 (tandem split)",
                                                  "Lead-3 (tandem split)",
                                                  "tandem -n 1",
                                                  "tandem -n 2",
                                                  "tandem -n 3",
                                                  "tandem -n 3, title given",
                                                  "tandem --words (ots length)",
                                                  "ots -d fr -r 15"};

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static char *dup_field(const tdm_json_object *obj, const char *key)
{
    const tdm_json_field *f = tdm_json_object_get(obj, key);
    return strdup(f && f->kind == TDM_JSON_STRING ? f->value : "");
}

/* Reads count articles after skip. multi: also summary2, summary3 and
 * subhead (the Spanish set); the references are summary, summary2, ... */
static size_t read_articles(const char *path, size_t skip, size_t count, article *out, int multi)
{
    tdm_error err;
    tdm_jsonl_reader *r = tdm_jsonl_open(path, &err);
    tdm_json_object *obj = tdm_json_object_new();
    size_t n = 0, seen = 0;
    while (r && obj && n < count && tdm_jsonl_next(r, obj, &err) == 1) {
        if (seen++ < skip)
            continue;
        out[n].title = dup_field(obj, "title");
        out[n].text = dup_field(obj, "article");
        out[n].summary = dup_field(obj, "summary");
        out[n].text_len = strlen(out[n].text);
        out[n].subhead = dup_field(obj, multi ? "subhead" : "");
        out[n].refs[0] = out[n].summary;
        out[n].nrefs = 1;
        static const char *const more[] = {"summary2", "summary3"};
        for (int k = 0; multi && k < 2; k++) {
            char *r = dup_field(obj, more[k]);
            if (r && *r)
                out[n].refs[out[n].nrefs++] = r;
            else
                free(r);
        }
        n++;
    }
    tdm_json_object_free(obj);
    tdm_jsonl_close(r);
    return n;
}

/* The first k sentences by the plain rule: [.!?] followed by white space. */
static size_t regex_lead(const char *text, int k)
{
    size_t i = 0;
    int found = 0;
    for (; text[i]; i++)
        if (strchr(".!?", text[i]) && text[i] &&
            (text[i + 1] == ' ' || text[i + 1] == '\n' || text[i + 1] == '\t' ||
             text[i + 1] == '\0'))
            if (++found == k)
                return i + 1;
    return i;
}

static void score(tdm_rouge *rouge, tdm_rouge_sum *sum, const char *sys, size_t len,
                  const char *ref)
{
    tdm_rouge_scores sc;
    if (tdm_rouge_score(rouge, sys, len, ref, strlen(ref), &sc) == 0)
        tdm_rouge_add(sum, &sc);
}

/* Scores sys against each of a's references and adds their mean (the
 * multi-reference average, as ROUGE-1.5.5 does by default). */
static void score_refs(tdm_rouge *rouge, tdm_rouge_sum *sum, const char *sys, size_t len,
                       const article *a)
{
    tdm_rouge_scores mean, sc;
    memset(&mean, 0, sizeof mean);
    int used = 0;
    for (int k = 0; k < a->nrefs; k++) {
        if (tdm_rouge_score(rouge, sys, len, a->refs[k], strlen(a->refs[k]), &sc) != 0)
            continue;
        tdm_prf *m[] = {&mean.rouge1, &mean.rouge2, &mean.rougel};
        const tdm_prf *v[] = {&sc.rouge1, &sc.rouge2, &sc.rougel};
        for (int j = 0; j < 3; j++) {
            m[j]->precision += v[j]->precision;
            m[j]->recall += v[j]->recall;
            m[j]->f1 += v[j]->f1;
        }
        used++;
    }
    if (!used)
        return;
    tdm_prf *m[] = {&mean.rouge1, &mean.rouge2, &mean.rougel};
    for (int j = 0; j < 3; j++) {
        m[j]->precision /= used;
        m[j]->recall /= used;
        m[j]->f1 /= used;
    }
    tdm_rouge_add(sum, &mean);
}

static void free_articles(article *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++) {
        free(a[i].title);
        free(a[i].text);
        free(a[i].summary);
        for (int k = 1; k < a[i].nrefs; k++)
            free(a[i].refs[k]);
        free(a[i].subhead);
    }
    free(a);
}

/* Runs cmd through the shell, output into *out (caller frees). */
static int run_capture(const char *cmd, char **out, size_t *len)
{
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    size_t cap = 4096, n = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n - 1, p)) > 0) {
        n += got;
        if (cap - n < 2) {
            char *bigger = realloc(buf, cap *= 2);
            if (!bigger)
                break;
            buf = bigger;
        }
    }
    int st = pclose(p);
    if (!buf)
        return -1;
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Words as the summarizer counts them: word and number tokens. */
static size_t count_words(const char *s)
{
    size_t len = strlen(s), n = tdm_tokenize(s, len, NULL, 0), words = 0;
    tdm_token *tok = malloc((n ? n : 1) * sizeof *tok);
    if (!tok)
        return 0;
    tdm_tokenize(s, len, tok, n);
    for (size_t i = 0; i < n; i++)
        words += tok[i].kind != TDM_TOKEN_PUNCT;
    free(tok);
    return words;
}

static int parse_param(int argc, char **argv, int *i, tdm_summary_opts *o)
{
    static const char *const names[] = {"--title-weight", "--position-weight", "--position-decay",
                                        "--length-power", "--lambda"};
    double *slots[] = {&o->title_weight, &o->position_weight, &o->position_decay, &o->length_power,
                       &o->mmr_lambda};
    for (int k = 0; k < 5; k++)
        if (strcmp(argv[*i], names[k]) == 0 && *i + 1 < argc) {
            *slots[k] = atof(argv[++*i]);
            return 1;
        }
    return 0;
}

/* Summary text of doc at the given options (caller frees), "" on error. */
static char *tandem_summary(tdm_summarizer *sum, const tdm_doc *doc, const tdm_summary_opts *o)
{
    tdm_error err;
    tdm_summary *s = tdm_summarize(sum, doc, o, &err);
    char *text = s ? tdm_summary_text(doc, s, NULL) : NULL;
    tdm_summary_free(s);
    return text ? text : strdup("");
}

static char *lead(const tdm_doc *doc, size_t k)
{
    tdm_summary_opts o;
    tdm_summary_opts_init(&o);
    size_t n = tdm_doc_sentence_count(doc), cap = 1, len = 0;
    for (size_t i = 0; i < k && i < n; i++)
        cap += tdm_doc_sentences(doc)[i].end - tdm_doc_sentences(doc)[i].start + 1;
    char *out = malloc(cap);
    for (size_t i = 0; out && i < k && i < n; i++) {
        size_t l;
        char *s = tdm_doc_sentence_dup(doc, i, &l);
        if (s && len + l + 1 < cap) {
            memcpy(out + len, s, l);
            len += l;
            out[len++] = ' ';
        }
        free(s);
    }
    if (out)
        out[len] = '\0';
    return out ? out : strdup("");
}

/* Writes text as article i of dir (DIR/NNNNN.txt), its path into path, so
 * that ots and tandem read the same files. */
static void write_article(const char *dir, size_t i, const char *text, char *path, size_t size)
{
    snprintf(path, size, "%s/%05zu.txt", dir, i);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* Removes a scratch directory of the benchmark. */
static void remove_dir(const char *dir)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_summarize: cannot remove %s\n", dir);
}

/* Wall time of a shell command, output discarded; negative on failure. */
static double time_command(const char *cmd)
{
    double t0 = now();
    int st = system(cmd);
    return st == 0 ? now() - t0 : -1;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Best and median wall time of reps runs of cmd (reps <= 64); best is
 * negative when a run failed. */
static double time_repeated(const char *cmd, int reps, double *median)
{
    double t[64];
    if (reps < 1)
        reps = 1;
    if (reps > 64)
        reps = 64;
    for (int r = 0; r < reps; r++)
        if ((t[r] = time_command(cmd)) < 0)
            return *median = -1;
    qsort(t, (size_t)reps, sizeof *t, by_value);
    *median = t[reps / 2];
    return t[0];
}

/* One row of the speed table: best and median seconds, articles/s and MB/s
 * of the best, the ratios to ots. */
static void speed_row(const char *name, double best, double median, size_t n, double mb,
                      double ots_best, double ots_median)
{
    printf("%-44s %7.2f %7.2f %10.1f %8.3f", name, best, median, n / best, mb / best);
    if (ots_best > 0 && best > 0)
        printf(ots_best / best < 10 ? "   %.2fx / %.2fx" : "   %.0fx / %.0fx", ots_best / best,
               ots_median / median);
    printf("\n");
}

static int speed_repeat = 9;

/* Speed on the first n articles of valid.jsonl (default all 1,500: 3.4 MB,
 * "a few MB of news"), each written as a file. */
static void speed(const char *bin, const char *models, size_t n, int with_ots, const char *valid)
{
    char cmd[16384];
    char dir[] = "/tmp/bench_summarize_speed_XXXXXX";
    article *a = calloc(n, sizeof *a);
    n = a ? read_articles(valid, 0, n, a, 0) : 0;
    if (!n || !mkdtemp(dir)) {
        fprintf(stderr, "bench_summarize: speed: cannot read %s\n", valid);
        free(a);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char path[4200];
        write_article(dir, i, a[i].text, path, sizeof path);
    }
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++)
        bytes += a[i].text_len;
    double mb = (double)bytes / 1e6;
    printf("\nSpeed (whole processes, %zu articles, %.2f MB, wall time; best and median of\n"
           "repeated runs: ots 3, tandem over all articles %d):\n",
           n, mb, speed_repeat);
    printf("%-44s %7s %7s %10s %8s   %s\n", "run", "best s", "med s", "articles/s", "MB/s",
           "x ots (best / median)");
    double ots = -1, ots_median = -1;
    if (with_ots) {
        snprintf(cmd, sizeof cmd,
                 "for f in %s/*.txt; do ots -d fr -r 15 \"$f\" >/dev/null || exit 1; done", dir);
        ots = time_repeated(cmd, 3, &ots_median);
        speed_row("ots, one process per article", ots, ots_median, n, mb, -1, -1);
    }
    const char *runs[][2] = {
        {"tandem, one process per article",
         "for f in %s/*.txt; do %s/summarize -j 1 --models %s --lang fr -n 3 \"$f\" >/dev/null "
         "|| exit 1; done"},
        {"tandem, one process for all, one core (-j 1)",
         "%s/summarize -j 1 --models %s --lang fr -n 3 %s >/dev/null"},
        {"tandem, one process for all, all cores",
         "%s/summarize --models %s --lang fr -n 3 %s >/dev/null"},
    };
    for (int r = 0; r < 3; r++) {
        if (r == 0)
            snprintf(cmd, sizeof cmd, runs[r][1], dir, bin, models);
        else
            snprintf(cmd, sizeof cmd, runs[r][1], bin, models, dir);
        double median, t = time_repeated(cmd, r == 0 ? 1 : speed_repeat, &median);
        speed_row(runs[r][0], t, median, n, mb, ots, ots_median);
    }
    struct stat st;
    if (stat(valid, &st) == 0) {
        snprintf(cmd, sizeof cmd,
                 "%s/summarize --models %s --lang fr -n 3 --batch --text-key article %s "
                 ">/dev/null",
                 bin, models, valid);
        double median, t = time_repeated(cmd, speed_repeat, &median);
        double vmb = (double)st.st_size / 1e6;
        printf("%-44s %7.2f %7.2f %10.1f %8.3f   (whole valid.jsonl, 1500 articles)\n",
               "tandem --batch (JSON Lines)", t, median, 1500 / t, vmb / t);
    }
    remove_dir(dir);
    free_articles(a, n);
}

/* The Spanish set (corpora/basse-es/test.jsonl, see its README): the same
 * systems scored against the human references of each article (their mean)
 * and, apart, against the newspaper's subhead. Returns 0, 1 on error. */
enum { ES_RE1, ES_RE2, ES_RE3, ES_LEAD3, ES_TDM1, ES_TDM2, ES_TDM3, ES_OTSLEN, ES_OTS, ES_SYSTEMS };
static const char *const es_names[ES_SYSTEMS] = {
    "Lead-1 (regex split)", "Lead-2 (regex split)",
    "Lead-3 (regex split)", "Lead-3 (tandem split)",
    "tandem -n 1",          "tandem -n 2",
    "tandem -n 3",          "tandem --words (ots length)",
    "ots -d es -r 15"};

static int bench_spanish(const char *corpus, const char *models, const tdm_summary_opts *opts,
                         int with_ots)
{
    enum { MAX_ES = 1000 };
    if (access(corpus, R_OK) != 0) {
        printf("Spanish set: skip (no %s)\n", corpus);
        return 0;
    }
    article *a = calloc(MAX_ES, sizeof *a);
    size_t n = a ? read_articles(corpus, 0, MAX_ES, a, 1) : 0;
    tdm_error err = {0};
    tdm_summary_model *model = tdm_summary_model_load(models, "es", &err);
    tdm_summarizer *sum = model ? tdm_summarizer_new(model, &err) : NULL;
    tdm_rouge *rouge = sum ? tdm_rouge_new("es", &err) : NULL;
    char dir[] = "/tmp/bench_summarize_es_XXXXXX";
    if (!n || !rouge || !mkdtemp(dir)) {
        fprintf(stderr, "bench_summarize: Spanish set: cannot start: %s\n", err.message);
        free_articles(a, n);
        tdm_summarizer_free(sum);
        tdm_summary_model_free(model);
        return 1;
    }
    tdm_rouge_sum refs[ES_SYSTEMS], sub[ES_SYSTEMS];
    memset(refs, 0, sizeof refs);
    memset(sub, 0, sizeof sub);
    size_t words = 0, ref_words = 0, sentences = 0;
    for (size_t i = 0; i < n; i++) {
        char path[4200], cmd[4400];
        write_article(dir, i, a[i].text, path, sizeof path);
        tdm_doc *doc = tdm_doc_from_buffer(path, a[i].text, a[i].text_len, NULL, &err);
        if (!doc || tdm_doc_segment(doc, tdm_summary_model_splitter(model), &err) != 0) {
            fprintf(stderr, "bench_summarize: Spanish article %zu: %s\n", i + 1, err.message);
            tdm_doc_free(doc);
            continue;
        }
        words += count_words(a[i].text);
        ref_words += count_words(a[i].refs[0]);
        sentences += tdm_doc_sentence_count(doc);
        char *sys[ES_SYSTEMS] = {0};
        for (int k = 1; k <= 3; k++)
            sys[ES_RE1 + k - 1] = strndup(a[i].text, regex_lead(a[i].text, k));
        sys[ES_LEAD3] = lead(doc, 3);
        tdm_summary_opts o = *opts;
        o.title = NULL;
        for (int k = 1; k <= 3; k++) {
            o.sentences = (size_t)k;
            sys[ES_TDM1 + k - 1] = tandem_summary(sum, doc, &o);
        }
        size_t ots_len;
        snprintf(cmd, sizeof cmd, "ots -d es -r 15 %s", path);
        if (with_ots && run_capture(cmd, &sys[ES_OTS], &ots_len) == 0) {
            o.sentences = 0;
            o.words = count_words(sys[ES_OTS]);
            o.words = o.words ? o.words : 1;
            sys[ES_OTSLEN] = tandem_summary(sum, doc, &o);
        }
        for (int s = 0; s < ES_SYSTEMS; s++) {
            if (!sys[s])
                continue;
            score_refs(rouge, &refs[s], sys[s], strlen(sys[s]), &a[i]);
            if (*a[i].subhead)
                score(rouge, &sub[s], sys[s], strlen(sys[s]), a[i].subhead);
            free(sys[s]);
        }
        tdm_doc_free(doc);
    }
    printf("\nSpanish set corpora/basse-es (%zu El País articles, %.0f words and %.1f sentences "
           "on average; first human reference %.0f words), ROUGE F1 x100\n",
           n, (double)words / (double)n, (double)sentences / (double)n,
           (double)ref_words / (double)n);
    printf("%-30s %20s   %20s\n", "", "vs human refs", "vs subhead");
    printf("%-30s %6s %6s %6s   %6s %6s %6s\n", "system", "R-1", "R-2", "R-L", "R-1", "R-2", "R-L");
    for (int s = 0; s < ES_SYSTEMS; s++) {
        if (!refs[s].documents)
            continue;
        tdm_rouge_scores m, b;
        tdm_rouge_mean(&refs[s], &m);
        tdm_rouge_mean(&sub[s], &b);
        printf("%-30s %6.2f %6.2f %6.2f   %6.2f %6.2f %6.2f\n", es_names[s], 100 * m.rouge1.f1,
               100 * m.rouge2.f1, 100 * m.rougel.f1, 100 * b.rouge1.f1, 100 * b.rouge2.f1,
               100 * b.rougel.f1);
    }
    remove_dir(dir);
    free_articles(a, n);
    tdm_rouge_free(rouge);
    tdm_summarizer_free(sum);
    tdm_summary_model_free(model);
    return 0;
}

int main(int argc, char **argv)
{
    size_t skip = 0, count = 500;
    int with_ots = 1, with_speed = 1, use_title = 0;
    size_t speed_count = 1500;
    const char *lang = "all";
    tdm_summary_opts opts;
    tdm_summary_opts_init(&opts);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--skip") == 0 && i + 1 < argc)
            skip = (size_t)atol(argv[++i]);
        else if (strcmp(argv[i], "--count") == 0 && i + 1 < argc)
            count = (size_t)atol(argv[++i]);
        else if (strcmp(argv[i], "--no-ots") == 0)
            with_ots = 0;
        else if (strcmp(argv[i], "--no-speed") == 0)
            with_speed = 0;
        else if (strcmp(argv[i], "--speed-count") == 0 && i + 1 < argc)
            speed_count = (size_t)atol(argv[++i]);
        else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
            speed_repeat = atoi(argv[++i]);
        else if (strcmp(argv[i], "--title") == 0)
            use_title = 1;
        else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            lang = argv[++i];
        else if (!parse_param(argc, argv, &i, &opts)) {
            fprintf(stderr, "bench_summarize: unknown argument %s\n", argv[i]);
            return 1;
        }
    }
    const char *shared = getenv("TANDEM_SHARED") ? getenv("TANDEM_SHARED") : "../shared";
    const char *models = getenv("TANDEM_MODELS") ? getenv("TANDEM_MODELS") : "models";
    const char *corpora = getenv("TANDEM_CORPORA") ? getenv("TANDEM_CORPORA") : "corpora";
    char valid[4096], bin[4096], es_set[4096];
    snprintf(valid, sizeof valid, "%s/corpora/orangesum-fr-valid/valid.jsonl", shared);
    snprintf(es_set, sizeof es_set, "%s/basse-es/test.jsonl", corpora);
    int run_es = strcmp(lang, "fr") != 0;
    if (with_ots && system("command -v ots >/dev/null 2>&1") != 0) {
        printf("ots not installed: its rows are left out\n");
        with_ots = 0;
    }
    if (strcmp(lang, "es") == 0 || access(valid, R_OK) != 0) {
        if (strcmp(lang, "es") != 0)
            printf("bench_summarize: French set: skip (no %s)\n", valid);
        return run_es ? bench_spanish(es_set, models, &opts, with_ots) : 0;
    }
    if (getenv("TANDEM_BIN")) {
        snprintf(bin, sizeof bin, "%s", getenv("TANDEM_BIN"));
    } else {
        snprintf(bin, sizeof bin, "%s", argv[0]);
        char *slash = strrchr(bin, '/');
        snprintf(slash ? slash : bin, sizeof bin - (size_t)(slash ? slash - bin : 0), "%s",
                 slash ? "/.." : ".");
    }
    article *a = calloc(count, sizeof *a);
    size_t n = a ? read_articles(valid, skip, count, a, 0) : 0;
    tdm_error err;
    tdm_summary_model *model = tdm_summary_model_load(models, "fr", &err);
    tdm_summarizer *sum = model ? tdm_summarizer_new(model, &err) : NULL;
    tdm_rouge *rouge = tdm_rouge_new("fr", &err);
    char dir[] = "/tmp/bench_summarize_XXXXXX";
    if (!n || !sum || !rouge || !mkdtemp(dir)) {
        fprintf(stderr, "bench_summarize: cannot start: %s\n", err.message);
        return 1;
    }
    tdm_rouge_sum sums[SYSTEMS];
    memset(sums, 0, sizeof sums);
    for (size_t i = 0; i < n; i++) {
        char path[4200], cmd[4400];
        write_article(dir, i, a[i].text, path, sizeof path);
        const char *ref = a[i].summary;
        for (int k = 1; k <= 3; k++)
            score(rouge, &sums[LEAD_RE1 + k - 1], a[i].text, regex_lead(a[i].text, k), ref);
        tdm_doc *doc = tdm_doc_from_buffer(path, a[i].text, a[i].text_len, NULL, &err);
        if (!doc || tdm_doc_segment(doc, tdm_summary_model_splitter(model), &err) != 0) {
            fprintf(stderr, "bench_summarize: article %zu: %s\n", skip + i, err.message);
            tdm_doc_free(doc);
            continue;
        }
        tdm_summary_opts o = opts;
        o.title = use_title ? a[i].title : NULL;
        for (int k = 1; k <= 3; k++) {
            char *l = lead(doc, (size_t)k);
            score(rouge, &sums[LEAD1 + k - 1], l, strlen(l), ref);
            free(l);
            o.sentences = (size_t)k;
            char *t = tandem_summary(sum, doc, &o);
            score(rouge, &sums[TDM1 + k - 1], t, strlen(t), ref);
            free(t);
        }
        if (!use_title) {
            tdm_summary_opts ot = o;
            ot.sentences = 3;
            ot.title = a[i].title;
            char *t = tandem_summary(sum, doc, &ot);
            score(rouge, &sums[TDM3_TITLE], t, strlen(t), ref);
            free(t);
        }
        char *ots = NULL;
        size_t ots_len;
        snprintf(cmd, sizeof cmd, "ots -d fr -r 15 %s", path);
        if (with_ots && run_capture(cmd, &ots, &ots_len) == 0) {
            score(rouge, &sums[OTS], ots, ots_len, ref);
            o.sentences = 0;
            o.words = count_words(ots);
            if (o.words == 0)
                o.words = 1;
            char *t = tandem_summary(sum, doc, &o);
            score(rouge, &sums[TDM_OTSLEN], t, strlen(t), ref);
            free(t);
        }
        free(ots);
        tdm_doc_free(doc);
    }
    printf("OrangeSum valid articles %zu-%zu (%zu), ROUGE F1 x100 (EVAL.md definition)%s\n",
           skip + 1, skip + n, n, use_title ? ", tandem given the title" : "");
    printf("%-30s %6s %6s %6s\n", "system", "R-1", "R-2", "R-L");
    for (int s = 0; s < SYSTEMS; s++) {
        if (!sums[s].documents)
            continue;
        tdm_rouge_scores m;
        tdm_rouge_mean(&sums[s], &m);
        printf("%-30s %6.2f %6.2f %6.2f\n", system_names[s], 100 * m.rouge1.f1, 100 * m.rouge2.f1,
               100 * m.rougel.f1);
    }
    printf("EVAL.md: Lead-1 22.25/6.10/15.47, Lead-2 28.99/10.17/19.12, Lead-3 27.41/10.34/17.61, "
           "ots 24.53/6.96/15.57\n");
    int es_status = run_es ? bench_spanish(es_set, models, &opts, with_ots) : 0;
    if (with_speed)
        speed(bin, models, speed_count, with_ots, valid);
    remove_dir(dir);
    free_articles(a, n);
    tdm_rouge_free(rouge);
    tdm_summarizer_free(sum);
    tdm_summary_model_free(model);
    return es_status;
}
