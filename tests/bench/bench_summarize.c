/*
 * bench_summarize.c: summary quality (ROUGE-1/2/L F1 x100, EVAL.md's
 * definition, tandem's ROUGE) on the development sets, against Lead-k and
 * the Open Text Summarizer.
 *
 * Each article is given to every system as the same file, a news file as
 * published: "title\n\nbody" (the Spanish set has no title: body only).
 *   - French: OrangeSum valid, the first 500 articles (--count), the
 *     author's abstract as reference (../shared/corpora/orangesum-fr-valid);
 *   - English: BBC dev, the held-out third (lines 0, 3, 6...: the fitting,
 *     tests/bench/fit_summary.c, never sees them), the extractive reference;
 *   - Spanish: the 45 El País articles of BASSE (corpora/basse-es), mean over
 *     each article's human references; evaluation only, nothing is fitted
 *     on it.
 * Systems, at 1, 2 and 3 sentences:
 *   - Lead-k on tandem's sentence split (the title left out);
 *   - ots k best: the k sentences of highest score in `ots -h` (its HTML
 *     output marks every sentence with its score), in text order;
 *   - tandem with the hand-set scorer (before: --scorer centroid, the
 *     defaults grid-searched on French) and with the fitted one (after:
 *     models/summary/weights, the default);
 * and at ots's own length: `ots -r 15` against tandem --words (the word
 * count of each ots summary), hand-set and fitted.
 *
 * The French articles 1-500 are the development set (choices were made
 * on them); 501-1500 are held out, scored after them (or alone with
 * --skip 500 --count 1000).
 *
 * Usage: bench_summarize [--count N] [--skip N] [--no-ots] [--lang fr|en|es|all]
 *   --skip N leaves out the first N articles of the French and English
 *   sets (English: of its held-out third).
 * Environment: TANDEM_SHARED (default ../shared), TANDEM_MODELS (models),
 * TANDEM_CORPORA (corpora). A set that is absent prints "skip".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/json.h"
#include "tandem/rouge.h"
#include "tandem/summarize.h"
#include "text/token.h"
#include "summarize/summary.h"

enum {
    LEAD1,
    LEAD2,
    LEAD3,
    OTS1,
    OTS2,
    OTS3,
    HAND1,
    HAND2,
    HAND3,
    FIT1,
    FIT2,
    FIT3,
    OTS_R15,
    HAND_OTSLEN,
    FIT_OTSLEN,
    SYSTEMS
};
static const char *const system_names[SYSTEMS] = {"Lead-1 (tandem split)",
                                                  "Lead-2 (tandem split)",
                                                  "Lead-3 (tandem split)",
                                                  "ots, 1 best sentence",
                                                  "ots, 2 best sentences",
                                                  "ots, 3 best sentences",
                                                  "tandem -n 1, hand-set (before)",
                                                  "tandem -n 2, hand-set (before)",
                                                  "tandem -n 3, hand-set (before)",
                                                  "tandem -n 1, fitted (after)",
                                                  "tandem -n 2, fitted (after)",
                                                  "tandem -n 3, fitted (after)",
                                                  "ots -r 15",
                                                  "tandem at ots -r 15 length, hand-set",
                                                  "tandem at ots -r 15 length, fitted"};

typedef struct set {
    const char *name, *lang, *path, *text_key;
    int thirds;         /* only lines 0, 3, 6... */
    int refs;           /* number of reference fields (summary, summary2, summary3) */
    size_t skip, count; /* articles left out first, then how many */
} set;

static char *field(const tdm_json_object *obj, const char *key)
{
    const tdm_json_field *f = tdm_json_object_get(obj, key);
    return strdup(f && f->kind == TDM_JSON_STRING ? f->value : "");
}

/* Runs cmd through the shell, output into *out (caller frees). */
static int run_capture(const char *cmd, char **out)
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
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The k best sentences of ots's HTML output (lines "<!--(score)-->...
 * <span...>text</span>..."), tags removed, in text order. */
static char *ots_best(const char *html, int k)
{
    enum { MAX = 4096 };
    const char *starts[MAX];
    long scores[MAX];
    int n = 0;
    for (const char *p = html; n < MAX && (p = strstr(p, "<!--(")) != NULL; p++) {
        starts[n] = p;
        scores[n++] = atol(p + 5);
    }
    int chosen[MAX] = {0};
    for (int pick = 0; pick < k && pick < n; pick++) {
        int best = -1;
        for (int i = 0; i < n; i++)
            if (!chosen[i] && (best < 0 || scores[i] > scores[best]))
                best = i;
        chosen[best] = 1;
    }
    size_t cap = strlen(html) + 1, len = 0;
    char *out = malloc(cap);
    for (int i = 0; out && i < n; i++) {
        if (!chosen[i])
            continue;
        const char *p = strstr(starts[i], "<span");
        p = p ? strchr(p, '>') : NULL;
        const char *end = p ? strstr(p, "</span>") : NULL;
        if (!end)
            continue;
        for (p++; p < end; p++) {
            if (*p == '<') { /* <br> and the like: a space */
                const char *gt = strchr(p, '>');
                if (!gt || gt > end)
                    break;
                p = gt;
                out[len++] = ' ';
                continue;
            }
            out[len++] = *p;
        }
        out[len++] = ' ';
    }
    if (out)
        out[len] = '\0';
    return out ? out : strdup("");
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

static char *summary_text(tdm_summarizer *sum, const tdm_doc *doc, const tdm_summary_opts *o)
{
    tdm_error err;
    tdm_summary *s = tdm_summarize(sum, doc, o, &err);
    char *text = s ? tdm_summary_text(doc, s, NULL) : NULL;
    tdm_summary_free(s);
    return text ? text : strdup("");
}

/* The first k sentences after the title (as the fitted summarizer finds
 * it), joined. */
static char *lead(tdm_summarizer *sum, const tdm_doc *doc, size_t k)
{
    tdm_error err;
    tdm_summary *s = tdm_summarize(sum, doc, NULL, &err);
    long title = s ? tdm_summary_title(s) : -1;
    tdm_summary_free(s);
    size_t n = tdm_doc_sentence_count(doc), len = 0, cap = 1;
    size_t first = title >= 0 ? (size_t)title + 1 : 0;
    for (size_t i = first; i < first + k && i < n; i++)
        cap += tdm_doc_sentences(doc)[i].end - tdm_doc_sentences(doc)[i].start + 1;
    char *out = malloc(cap);
    for (size_t i = first; out && i < first + k && i < n; i++) {
        size_t l;
        char *t = tdm_doc_sentence_dup(doc, i, &l);
        if (t && len + l + 1 < cap) {
            memcpy(out + len, t, l);
            len += l;
            out[len++] = ' ';
        }
        free(t);
    }
    if (out)
        out[len] = '\0';
    return out ? out : strdup("");
}

/* Adds the mean score of sys over refs to sum. */
static void score_refs(tdm_rouge *rouge, tdm_rouge_sum *sum, const char *sys, char **refs,
                       int nrefs)
{
    tdm_rouge_scores mean = {0}, sc;
    int used = 0;
    for (int k = 0; k < nrefs; k++) {
        if (!*refs[k] ||
            tdm_rouge_score(rouge, sys, strlen(sys), refs[k], strlen(refs[k]), &sc) != 0)
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

static int bench_set(const set *st, const char *models, int with_ots)
{
    tdm_error err = {0};
    if (access(st->path, R_OK) != 0) {
        printf("\n%s: skip (no %s)\n", st->name, st->path);
        return 0;
    }
    tdm_summary_model *model = tdm_summary_model_load(models, st->lang, &err);
    tdm_summarizer *sum = model ? tdm_summarizer_new(model, &err) : NULL;
    tdm_rouge *rouge = sum ? tdm_rouge_new(st->lang, &err) : NULL;
    tdm_jsonl_reader *r = rouge ? tdm_jsonl_open(st->path, &err) : NULL;
    tdm_json_object *obj = tdm_json_object_new();
    char dir[] = "/tmp/bench_summarize_XXXXXX";
    if (!r || !obj || !mkdtemp(dir)) {
        fprintf(stderr, "bench_summarize: %s: cannot start: %s\n", st->name, err.message);
        return 1;
    }
    tdm_rouge_sum sums[SYSTEMS] = {0};
    size_t line = 0, done = 0, words = 0, ref_words = 0, skipped = 0;
    while (done < st->count && tdm_jsonl_next(r, obj, &err) == 1) {
        if (st->thirds && line++ % 3 != 0)
            continue;
        if (skipped < st->skip) {
            skipped++;
            continue;
        }
        char *title = field(obj, "title"), *body = field(obj, st->text_key);
        char *refs[3] = {field(obj, "summary"), field(obj, st->refs > 1 ? "summary2" : ""),
                         field(obj, st->refs > 2 ? "summary3" : "")};
        size_t len = strlen(title) + 2 + strlen(body);
        char *text = malloc(len + 1), path[4200], cmd[4400];
        snprintf(text, len + 1, "%s%s%s", title, *title ? "\n\n" : "", body);
        snprintf(path, sizeof path, "%s/%05zu.txt", dir, done);
        FILE *f = fopen(path, "w");
        if (f) {
            fputs(text, f);
            fclose(f);
        }
        tdm_doc *doc = tdm_doc_from_buffer(path, text, strlen(text), NULL, &err);
        if (doc && tdm_doc_segment(doc, tdm_summary_model_splitter(model), &err) == 0) {
            char *sys[SYSTEMS] = {0};
            tdm_summary_opts hand, fitted;
            tdm_summary_opts_init(&hand);
            tdm_summary_opts_init(&fitted);
            hand.scorer = TDM_SCORER_CENTROID;
            for (int k = 1; k <= 3; k++) {
                hand.sentences = fitted.sentences = (size_t)k;
                sys[LEAD1 + k - 1] = lead(sum, doc, (size_t)k);
                sys[HAND1 + k - 1] = summary_text(sum, doc, &hand);
                sys[FIT1 + k - 1] = summary_text(sum, doc, &fitted);
            }
            char *html = NULL;
            snprintf(cmd, sizeof cmd, "ots -h -d %s %s", st->lang, path);
            if (with_ots && run_capture(cmd, &html) == 0)
                for (int k = 1; k <= 3; k++)
                    sys[OTS1 + k - 1] = ots_best(html, k);
            free(html);
            snprintf(cmd, sizeof cmd, "ots -d %s -r 15 %s", st->lang, path);
            if (with_ots && run_capture(cmd, &sys[OTS_R15]) == 0) {
                size_t w = count_words(sys[OTS_R15]);
                hand.sentences = fitted.sentences = 0;
                hand.words = fitted.words = w ? w : 1;
                sys[HAND_OTSLEN] = summary_text(sum, doc, &hand);
                sys[FIT_OTSLEN] = summary_text(sum, doc, &fitted);
            }
            for (int s = 0; s < SYSTEMS; s++) {
                if (sys[s])
                    score_refs(rouge, &sums[s], sys[s], refs, st->refs);
                free(sys[s]);
            }
            words += count_words(body);
            ref_words += count_words(refs[0]);
            done++;
        } else {
            fprintf(stderr, "bench_summarize: %s: %s\n", path, err.message);
        }
        tdm_doc_free(doc);
        free(text);
        free(title);
        free(body);
        for (int k = 0; k < 3; k++)
            free(refs[k]);
    }
    printf("\n%s: articles %zu-%zu", st->name, st->skip + 1, st->skip + done);
    printf(": %zu articles (%.0f words, reference %.0f words on average), ROUGE F1 x100\n", done,
           done ? (double)words / (double)done : 0, done ? (double)ref_words / (double)done : 0);
    printf("%-40s %6s %6s %6s\n", "system", "R-1", "R-2", "R-L");
    for (int s = 0; s < SYSTEMS; s++) {
        if (!sums[s].documents)
            continue;
        tdm_rouge_scores m;
        tdm_rouge_mean(&sums[s], &m);
        printf("%-40s %6.2f %6.2f %6.2f\n", system_names[s], 100 * m.rouge1.f1, 100 * m.rouge2.f1,
               100 * m.rougel.f1);
    }
    char rm[4200];
    snprintf(rm, sizeof rm, "rm -rf %s", dir);
    if (system(rm) != 0)
        fprintf(stderr, "bench_summarize: cannot remove %s\n", dir);
    tdm_json_object_free(obj);
    tdm_jsonl_close(r);
    tdm_rouge_free(rouge);
    tdm_summarizer_free(sum);
    tdm_summary_model_free(model);
    return 0;
}

int main(int argc, char **argv)
{
    size_t count = 500, skip = 0;
    int with_ots = 1;
    const char *lang = "all";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--count") == 0 && i + 1 < argc)
            count = (size_t)atol(argv[++i]);
        else if (strcmp(argv[i], "--skip") == 0 && i + 1 < argc)
            skip = (size_t)atol(argv[++i]);
        else if (strcmp(argv[i], "--no-ots") == 0)
            with_ots = 0;
        else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            lang = argv[++i];
        else {
            fprintf(
                stderr,
                "usage: bench_summarize [--count N] [--skip N] [--no-ots] [--lang fr|en|es|all]\n");
            return 1;
        }
    }
    const char *shared = getenv("TANDEM_SHARED") ? getenv("TANDEM_SHARED") : "../shared";
    const char *models = getenv("TANDEM_MODELS") ? getenv("TANDEM_MODELS") : "models";
    const char *corpora = getenv("TANDEM_CORPORA") ? getenv("TANDEM_CORPORA") : "corpora";
    if (with_ots && system("command -v ots >/dev/null 2>&1") != 0) {
        printf("ots not installed: its rows are left out\n");
        with_ots = 0;
    }
    char fr[4096], en[4096], es[4096];
    snprintf(fr, sizeof fr, "%s/corpora/orangesum-fr-valid/valid.jsonl", shared);
    snprintf(en, sizeof en, "%s/corpora/bbc-en-dev/dev.jsonl", shared);
    snprintf(es, sizeof es, "%s/basse-es/test.jsonl", corpora);
    /* Without --skip, the French held-out articles follow the development
     * ones: articles count+1 to 3 x count (501-1500 by default). */
    const set sets[] = {
        {"French, OrangeSum valid, title + body", "fr", fr, "article", 0, 1, skip, count},
        {"French, OrangeSum valid, title + body, held out", "fr", fr, "article", 0, 1, count,
         2 * count},
        {"English, BBC dev held-out third (lines 0, 3, 6...), title + body", "en", en, "text", 1, 1,
         skip, count},
        {"Spanish, BASSE El Pais (corpora/basse-es), body only, mean over references", "es", es,
         "article", 0, 3, 0, 1000},
    };
    int status = 0;
    for (int i = 0; i < 4; i++)
        if ((i != 1 || skip == 0) && (strcmp(lang, "all") == 0 || strcmp(lang, sets[i].lang) == 0))
            status |= bench_set(&sets[i], models, with_ots);
    return status;
}
