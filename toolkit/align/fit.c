/*
 * fit.c: evaluating the aligner on gold alignments, and fitting its
 * weights on them.
 *
 * A list file names the development documents, one pair per line:
 *
 *   SET KIND SRC TGT GOLD SRC_LANG TGT_LANG [LABEL]
 *
 * An optional LABEL names the document: --eval-list then prints its own
 * row "SET/LABEL" after the sets (never part of the fitting objective).
 * SET groups documents (e.g. textberg, transread, seed); KIND is "presplit"
 * (one sentence per line; a file SRC without extension + ".para" beside it,
 * e.g. en.txt -> en.para, gives paragraph ids) or "raw" (read and split as
 * the align program does), either with "-nolex" appended: aligned without
 * a lexicon whatever the models hold (a pair whose lexicon a user may not
 * have, where only lengths and what the aligner learns from the input are
 * left: the Chinese fables of tests/data/zh-en). Relative paths are relative to the list file; a
 * path starting with "$TANDEM_SHARED" takes that variable (default
 * ../shared). models/align/dev.list is ours.
 *
 * Fitting (tdm_align_fit):
 *  1. The bead type priors: those given, the pooled type frequencies of
 *     the gold beads, or the mean over sets of their type frequencies
 *     (add-one smoothed), whichever scores best (choose_priors).
 *  2. The cost weights (ten of them, see searched[]) are fitted by
 *     coordinate search: each weight in turn is multiplied by 0.5 ... 2
 *     (or shifted, for the null cost) and the change kept when it raises
 *     the objective, the mean over SETs of the micro-averaged strict F1, so
 *     that no set dominates the fit by its size, less a penalty for every
 *     set under its F1 before the fit (no set pays for the others' gain),
 *     under its many-to-many precision before the fit, or over its share
 *     of gold 1-1 beads merged into larger beads before the fit (issue
 *     #12: a fit that learns 1-1 priors from mostly 1-1 books must not buy
 *     F1 with merges); rounds repeat until no change helps.
 *  3. The score is calibrated: conf_a, conf_b by logistic regression (a
 *     few hundred gradient steps) of "bead is in gold" on the bead margin,
 *     conf_null the rate of correct 1-0 and 0-1 beads. The calibration
 *     changes no alignment: the beads that teach the second pass are chosen
 *     by their margin (confident_margin, not fitted), not by their score.
 *     (They were chosen by score until 2026-12: a refit's calibration
 *     changed which beads taught IBM1, unseen by the search of step 2.)
 *  4. unrelated_below: halfway between the lowest mean 1-1 similarity of a
 *     gold pair and the highest of a mismatched pair: each source against
 *     its own target in reverse sentence order (same story and vocabulary,
 *     no translation: harder to tell apart than two unrelated texts).
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align/aligner.h"
#include "base/error.h"
#include "base/fileio.h"
#include "align/lexicon.h"
#include "tandem/eval.h"
#include "tandem/lang.h"
#include "tandem/segment.h"

#ifndef FIT_ROUNDS
#define FIT_ROUNDS 4 /* rounds of the coordinate search, at most */
#endif

typedef struct {
    char set[32];
    char label[32];       /* "" when the list gives none */
    int no_lexicon;       /* KIND ...-nolex */
    double len_c, len_s2; /* length defaults of the pair */
    tdm_align_prep *prep;
    tdm_align_prep *reversed; /* the target's sentences in reverse order */
    tdm_bead *gold;
    size_t gold_count;
} fit_doc;

typedef struct {
    fit_doc *docs;
    size_t count;
} fit_list;

/* Lines of a presplit file, with paragraph indexes from its .para file. */
typedef struct {
    char *data;
    const char **text;
    size_t *len;
    uint32_t *para;
    size_t count;
} lines_doc;

static void lines_free(lines_doc *d)
{
    free(d->data);
    free(d->text);
    free(d->len);
    free(d->para);
    memset(d, 0, sizeof *d);
}

static int read_lines(const char *path, lines_doc *d, tdm_error *err)
{
    size_t len;
    memset(d, 0, sizeof *d);
    int rc = tdm_read_all(path, &d->data, &len, err);
    if (rc)
        return rc;
    size_t cap = 1;
    for (size_t i = 0; i < len; i++)
        cap += d->data[i] == '\n';
    d->text = malloc(cap * sizeof *d->text);
    d->len = malloc(cap * sizeof *d->len);
    d->para = calloc(cap, sizeof *d->para);
    if (!d->text || !d->len || !d->para)
        return tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
    for (size_t pos = 0; pos < len;) {
        char *s = d->data + pos, *nl = memchr(s, '\n', len - pos);
        size_t l = nl ? (size_t)(nl - s) : len - pos;
        pos += l + 1;
        d->text[d->count] = s;
        d->len[d->count++] = l;
    }
    /* Paragraph ids: same path without its extension, plus .para. */
    char para[1024];
    snprintf(para, sizeof para, "%s", path);
    char *dot = strrchr(para, '.'), *slash = strrchr(para, '/');
    if (dot && (!slash || dot > slash))
        *dot = '\0';
    strncat(para, ".para", sizeof para - strlen(para) - 1);
    FILE *f = fopen(para, "r");
    if (!f)
        return 0;
    char line[256], prev[256] = "";
    uint32_t p = 0;
    for (size_t i = 0; i < d->count && fgets(line, sizeof line, f); i++) {
        line[strcspn(line, "\t\n")] = '\0';
        if (i > 0 && strcmp(line, prev) != 0)
            p++;
        d->para[i] = p;
        snprintf(prev, sizeof prev, "%s", line);
    }
    fclose(f);
    return 0;
}

/* Reads a raw text with auto paragraphs and the language's splitter. */
static int read_raw(const char *path, const char *lang, const char *models, lines_doc *d,
                    tdm_error *err)
{
    memset(d, 0, sizeof *d);
    tdm_doc *doc = tdm_doc_read_file(path, NULL, err);
    if (!doc)
        return err ? err->code : TDM_EIO;
    tdm_splitter *sp = tdm_splitter_load(models, lang, err);
    int rc = sp ? tdm_doc_segment(doc, sp, err) : (err ? err->code : TDM_EIO);
    tdm_splitter_free(sp);
    size_t n = tdm_doc_sentence_count(doc);
    if (rc == 0) {
        const tdm_sentence *s = tdm_doc_sentences(doc);
        size_t total = 0, tl;
        const char *text = tdm_doc_text(doc, &tl);
        d->data = malloc(tl + 1);
        d->text = malloc((n + 1) * sizeof *d->text);
        d->len = malloc((n + 1) * sizeof *d->len);
        d->para = malloc((n + 1) * sizeof *d->para);
        if (!d->data || !d->text || !d->len || !d->para)
            rc = tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
        for (size_t i = 0; rc == 0 && i < n; i++) {
            size_t l = s[i].end - s[i].start;
            memcpy(d->data + total, text + s[i].start, l);
            d->text[i] = d->data + total;
            d->len[i] = l;
            d->para[i] = s[i].para;
            total += l;
        }
        d->count = n;
    }
    tdm_doc_free(doc);
    return rc;
}

static void resolve(const char *base_dir, const char *p, char *out, size_t cap)
{
    const char *var = "$TANDEM_SHARED";
    if (strncmp(p, var, strlen(var)) == 0) {
        const char *root = getenv("TANDEM_SHARED");
        snprintf(out, cap, "%s%s", root ? root : "../shared", p + strlen(var));
    } else if (p[0] == '/' || !base_dir[0]) {
        snprintf(out, cap, "%s", p);
    } else {
        snprintf(out, cap, "%s/%s", base_dir, p);
    }
}

static void list_free(fit_list *l)
{
    for (size_t k = 0; k < l->count; k++) {
        tdm_align_prep_free(l->docs[k].prep);
        tdm_align_prep_free(l->docs[k].reversed);
        free(l->docs[k].gold);
    }
    free(l->docs);
    memset(l, 0, sizeof *l);
}

/* lexicon as in tdm_align_opts: NULL the models' lexicon of the pair, ""
 * none, else a path (source<TAB>target). */
static int load_doc(fit_doc *fd, const char *base, const char *const f[8], const char *models,
                    const char *lexicon, int reversed, tdm_error *err)
{
    char src[1024], tgt[1024], gold[1024], lex[1024];
    resolve(base, f[2], src, sizeof src);
    resolve(base, f[3], tgt, sizeof tgt);
    resolve(base, f[4], gold, sizeof gold);
    snprintf(fd->set, sizeof fd->set, "%s", f[0]);
    if (f[7])
        snprintf(fd->label, sizeof fd->label, "%s", f[7]);
    tdm_align_params lp;
    tdm_align_params_default(&lp);
    int rc0 = tdm_align_params_load(&lp, models, f[5], f[6], err);
    if (rc0)
        return rc0;
    fd->len_c = lp.len_c;
    fd->len_s2 = lp.len_s2;
    lines_doc a, b;
    int raw = strncmp(f[1], "raw", 3) == 0;
    fd->no_lexicon = strstr(f[1], "-nolex") != NULL;
    int rc = raw ? read_raw(src, f[5], models, &a, err) : read_lines(src, &a, err);
    if (rc == 0)
        rc = raw ? read_raw(tgt, f[6], models, &b, err) : read_lines(tgt, &b, err);
    else
        memset(&b, 0, sizeof b);
    if (rc == 0)
        rc = tdm_beads_read(gold, &fd->gold, &fd->gold_count, err);
    if (rc == 0) {
        int swap = 0, has_lex;
        if (fd->no_lexicon) {
            has_lex = 0;
        } else if (lexicon) {
            has_lex = *lexicon != '\0';
            snprintf(lex, sizeof lex, "%s", lexicon);
        } else {
            has_lex = tdm_lexicon_find(models, f[5], f[6], lex, sizeof lex, &swap) == 0;
        }
        tdm_align_input si = {a.count, a.text, a.len, a.para, f[5]};
        tdm_align_input ti = {b.count, b.text, b.len, b.para, f[6]};
        fd->prep = tdm_align_prep_new(&si, &ti, has_lex ? lex : NULL, swap, err);
        if (!fd->prep)
            rc = err ? err->code : TDM_ENOMEM;
        for (size_t i = 0; rc == 0 && reversed && i < b.count / 2; i++) {
            const char *t = b.text[i];
            size_t l = b.len[i];
            b.text[i] = b.text[b.count - 1 - i];
            b.len[i] = b.len[b.count - 1 - i];
            b.text[b.count - 1 - i] = t;
            b.len[b.count - 1 - i] = l;
        }
        ti.para = NULL;
        if (rc == 0 && reversed &&
            !(fd->reversed = tdm_align_prep_new(&si, &ti, has_lex ? lex : NULL, swap, err)))
            rc = err ? err->code : TDM_ENOMEM;
    }
    lines_free(&a);
    lines_free(&b);
    return rc;
}

/* reversed: also prepare each pair with its target reversed (fitting). */
static int list_load(const char *path, const char *models, const char *lexicon, int reversed,
                     fit_list *l, tdm_error *err)
{
    char *data;
    size_t len;
    memset(l, 0, sizeof *l);
    int rc = tdm_read_all(path, &data, &len, err);
    if (rc)
        return rc;
    char base[1024];
    snprintf(base, sizeof base, "%s", path);
    char *slash = strrchr(base, '/');
    if (slash)
        *slash = '\0';
    else
        base[0] = '\0';
    long line = 0;
    for (char *s = data, *end; s && rc == 0; s = end ? end + 1 : NULL) {
        end = strchr(s, '\n');
        if (end)
            *end = '\0';
        line++;
        char *f[9] = {NULL}, *fs = NULL;
        int nf = 0;
        for (char *t = strtok_r(s, " \t\r", &fs); t && nf < 9; t = strtok_r(NULL, " \t\r", &fs))
            f[nf++] = t;
        if (nf == 0 || f[0][0] == '#')
            continue;
        if (nf < 7 || nf > 8 ||
            (strcmp(f[1], "raw") && strcmp(f[1], "presplit") && strcmp(f[1], "raw-nolex") &&
             strcmp(f[1], "presplit-nolex"))) {
            rc = tdm_fail(err, TDM_EINPUT, path, line, -1,
                          "expected SET raw|presplit[-nolex] SRC TGT GOLD SRC_LANG TGT_LANG "
                          "[LABEL]");
            break;
        }
        fit_doc *docs = realloc(l->docs, (l->count + 1) * sizeof *docs);
        if (!docs) {
            rc = tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
            break;
        }
        l->docs = docs;
        memset(&l->docs[l->count], 0, sizeof *l->docs);
        rc = load_doc(&l->docs[l->count], base, (const char *const *)f, models, lexicon, reversed,
                      err);
        l->count++;
    }
    free(data);
    if (rc)
        list_free(l);
    return rc;
}

/* The alignments of every document of a list, two threads at a time. */
typedef struct {
    const fit_list *l;
    const tdm_align_params *p;
    const tdm_align_opts *opts;
    int reversed; /* align the reversed targets */
    size_t first, step;
    tdm_bead **beads;
    size_t *count;
    tdm_align_diag *diag;
    int failed;
} work;

static void *align_some(void *arg)
{
    work *w = arg;
    for (size_t k = w->first; k < w->l->count; k += w->step) {
        const fit_doc *d = &w->l->docs[k];
        tdm_align_params dp = *w->p;
        dp.len_c = d->len_c;
        dp.len_s2 = d->len_s2;
        tdm_align_stats stats;
        if (tdm_align_run(w->reversed ? d->reversed : d->prep, &dp, w->opts, &w->beads[k],
                          &w->count[k], &stats, &w->diag[k], NULL))
            w->failed = 1;
    }
    return NULL;
}

typedef struct {
    tdm_bead **beads;
    size_t *count;
    tdm_align_diag *diag;
} runs;

static void runs_free(runs *r, size_t n)
{
    for (size_t k = 0; r->beads && k < n; k++) {
        free(r->beads[k]);
        free(r->diag[k].margin);
    }
    free(r->beads);
    free(r->count);
    free(r->diag);
}

static int align_all(const fit_list *l, const tdm_align_params *p, const tdm_align_opts *opts,
                     int reversed, runs *r)
{
    r->beads = calloc(l->count + 1, sizeof *r->beads);
    r->count = calloc(l->count + 1, sizeof *r->count);
    r->diag = calloc(l->count + 1, sizeof *r->diag);
    if (!r->beads || !r->count || !r->diag)
        return TDM_ENOMEM;
    work w[2];
    pthread_t th;
    for (int t = 0; t < 2; t++)
        w[t] = (work){l, p, opts, reversed, (size_t)t, 2, r->beads, r->count, r->diag, 0};
    int threaded = pthread_create(&th, NULL, align_some, &w[1]) == 0;
    if (!threaded)
        w[0].step = 1;
    align_some(&w[0]);
    if (threaded)
        pthread_join(th, NULL);
    return w[0].failed || w[1].failed ? TDM_EINTERNAL : 0;
}

/* Sums the counts of every document per set; returns the mean over sets
 * of their strict F1 (the fitting objective), or -1 on failure. With
 * per_doc, the labelled documents follow the sets in sets[], as
 * "SET/LABEL" (not in the objective). */
static double evaluate(const fit_list *l, const tdm_align_params *p, const tdm_align_opts *opts,
                       tdm_eval_set *sets, size_t cap, size_t *nsets, int *failed, int per_doc)
{
    runs r;
    size_t ns = 0;
    if (align_all(l, p, opts, 0, &r)) {
        *failed = 1;
        runs_free(&r, l->count);
        return -1;
    }
    for (size_t k = 0; k < l->count; k++) {
        const fit_doc *d = &l->docs[k];
        size_t s = 0;
        while (s < ns && strcmp(sets[s].name, d->set) != 0)
            s++;
        if (s == ns) {
            if (ns == cap)
                continue;
            memset(&sets[ns], 0, sizeof sets[ns]);
            snprintf(sets[ns].name, sizeof sets[ns].name, "%s", d->set);
            ns++;
        }
        tdm_eval_add(&sets[s].counts, d->gold, d->gold_count, r.beads[k], r.count[k]);
        sets[s].docs++;
    }
    double sum = 0;
    for (size_t s = 0; s < ns; s++) {
        tdm_eval_scores_of(&sets[s].counts, &sets[s].scores);
        sum += sets[s].scores.strict_f1;
    }
    double objective = ns ? sum / ns : 0;
    for (size_t k = 0; per_doc && k < l->count && ns < cap; k++) {
        const fit_doc *d = &l->docs[k];
        if (!d->label[0])
            continue;
        tdm_eval_set *e = &sets[ns++];
        memset(e, 0, sizeof *e);
        snprintf(e->name, sizeof e->name, "%.15s/%.15s", d->set, d->label);
        e->docs = 1;
        tdm_eval_add(&e->counts, d->gold, d->gold_count, r.beads[k], r.count[k]);
        tdm_eval_scores_of(&e->counts, &e->scores);
    }
    runs_free(&r, l->count);
    *nsets = ns;
    return objective;
}

static const char *models_of(const tdm_align_opts *opts)
{
    return tdm_models_dir(opts ? opts->models_dir : NULL);
}

static int load_params(tdm_align_params *p, const tdm_align_opts *opts, tdm_error *err)
{
    tdm_align_params_default(p);
    const char *models = models_of(opts);
    return models ? tdm_align_params_load(p, models, NULL, NULL, err) : 0;
}

int tdm_align_eval_list(const char *list, const tdm_align_opts *opts, tdm_eval_set *sets,
                        size_t cap, size_t *nsets, tdm_error *err)
{
    tdm_align_opts defaults;
    if (!opts) {
        tdm_align_opts_init(&defaults);
        opts = &defaults;
    }
    fit_list l;
    tdm_align_params p;
    int rc = load_params(&p, opts, err);
    if (rc || (rc = list_load(list, models_of(opts), opts->lexicon, 0, &l, err)) != 0)
        return rc;
    int failed = 0;
    evaluate(&l, &p, opts, sets, cap, nsets, &failed, 1);
    list_free(&l);
    return failed ? tdm_fail(err, TDM_EINTERNAL, list, -1, -1, "an alignment failed") : 0;
}

/* Step 1: bead type priors from the gold beads, add-one smoothed: pooled
 * (per_set 0), or each set's type frequencies averaged over the sets
 * (per_set 1: no set outweighs the others by its size, as in the
 * objective), scaled to the pooled number of beads. */
static int allowed_type(int a, int c)
{
    return a + c > 0 && ((a && c) || a + c == 1);
}

static void fit_priors(const fit_list *l, tdm_align_params *p, int per_set)
{
    double n[4][4] = {{0}}, total = 0, beads = 0;
    size_t sets = 0;
    for (size_t k = 0; k < l->count; k++) {
        size_t first = 0; /* first document of this set */
        while (strcmp(l->docs[first].set, l->docs[k].set) != 0)
            first++;
        if (first != k)
            continue;
        double m[4][4] = {{0}}, in_set = 0;
        for (size_t d = k; d < l->count; d++) {
            if (strcmp(l->docs[d].set, l->docs[k].set) != 0)
                continue;
            for (size_t g = 0; g < l->docs[d].gold_count; g++) {
                const tdm_bead *b = &l->docs[d].gold[g];
                int a = b->src_count > 3 ? 3 : (int)b->src_count,
                    c = b->tgt_count > 3 ? 3 : (int)b->tgt_count;
                if (!allowed_type(a, c))
                    continue;
                m[a][c] += 1;
                in_set += 1;
            }
        }
        for (int a = 0; a <= 3; a++)
            for (int c = 0; c <= 3; c++)
                n[a][c] += per_set ? (in_set > 0 ? m[a][c] / in_set : 0) : m[a][c];
        beads += in_set;
        sets += in_set > 0;
    }
    double scale = per_set && sets ? beads / (double)sets : 1;
    for (int a = 0; a <= 3; a++)
        for (int c = 0; c <= 3; c++)
            if (allowed_type(a, c))
                total += n[a][c] * scale + 1;
    for (int a = 0; a <= 3; a++)
        for (int c = 0; c <= 3; c++)
            if (allowed_type(a, c))
                p->prior[a][c] = (n[a][c] * scale + 1) / total;
}

/* The weights searched, and whether a step adds (else multiplies): the
 * weights of the bead cost's terms relative to the type prior's (w_prior
 * stays: scaling every cost alike changes no alignment, and the score's
 * scale is calibrated in step 3), the evidence kinds relative to words
 * (ev_word stays, for the same reason), the chance rate of matches and the
 * IBM1 threshold. Ten weights, each a term of the cost one can name; the
 * paragraph level's similarity weight and the null length term are left
 * as they are (few dev documents have paragraphs: the seed and TransRead). */
static const struct {
    int param;
    int additive; /* 0 multiply, 1 add */
} searched[] = {{0, 0}, {2, 0}, {3, 1}, {5, 0}, {6, 0}, {7, 0}, {8, 0}, {9, 0}, {17, 0}, {14, 0}};

/* Figures of the sets before fitting: a fitted weight may not lower a
 * set's strict F1 or many-to-many precision below them, nor raise its
 * share of merged gold 1-1 beads above. */
typedef struct {
    char name[32];
    double f1, many_p, merged;
} floor_of;

#define SHORTFALL_PENALTY 10.0 /* objective lost per point under a floor */

static double merged_share(const tdm_eval_counts *c)
{
    return c->gold_1to1 ? (double)c->merged_1to1 / (double)c->gold_1to1 : 0;
}

static void set_floor(floor_of *f, const tdm_eval_set *set)
{
    snprintf(f->name, sizeof f->name, "%s", set->name);
    f->f1 = set->scores.strict_f1;
    f->many_p = set->scores.many_p;
    f->merged = merged_share(&set->counts);
}

/* The objective of a step: the mean over sets of their strict F1, minus
 * SHORTFALL_PENALTY times what each set lies under (or, for merges, over)
 * its floors, so that no set pays for the others' gain. */
static double objective(const tdm_eval_set *sets, size_t ns, const floor_of *floors, size_t nfloors)
{
    double sum = 0, short_sum = 0;
    for (size_t s = 0; s < ns; s++) {
        const tdm_eval_set *e = &sets[s];
        sum += e->scores.strict_f1;
        for (size_t f = 0; f < nfloors; f++) {
            if (strcmp(floors[f].name, e->name) != 0)
                continue;
            double merged = merged_share(&e->counts);
            if (e->scores.strict_f1 < floors[f].f1)
                short_sum += floors[f].f1 - e->scores.strict_f1;
            if (e->scores.many_p < floors[f].many_p)
                short_sum += floors[f].many_p - e->scores.many_p;
            if (merged > floors[f].merged)
                short_sum += merged - floors[f].merged;
        }
    }
    return (ns ? sum / ns : 0) - SHORTFALL_PENALTY * short_sum;
}

/* Step 1 as a choice: the search starts from the priors it was given, the
 * pooled ones or the per-set ones, whichever scores best. Pooled priors
 * follow the largest sets (OPUS's books, mostly 1-1: 1-1 0.84 against 0.78
 * before): a refit that took them started under the Text+Berg and TransRead
 * floors (0.849 and 0.922 against 0.862 and 0.925) and ended there. */
static double choose_priors(const fit_list *l, tdm_align_params *p, const tdm_align_opts *opts,
                            const floor_of *floors, size_t nfloors, int *failed)
{
    tdm_eval_set sets[16];
    size_t ns;
    tdm_align_params best = *p;
    evaluate(l, p, opts, sets, 16, &ns, failed, 0);
    double best_f = objective(sets, ns, floors, nfloors);
    for (int per_set = 0; per_set <= 1 && !*failed; per_set++) {
        tdm_align_params q = *p;
        fit_priors(l, &q, per_set);
        evaluate(l, &q, opts, sets, 16, &ns, failed, 0);
        double f = objective(sets, ns, floors, nfloors);
        if (f > best_f + 1e-9) {
            best_f = f;
            best = q;
        }
    }
    *p = best;
    return best_f;
}

/* Step 2: coordinate search. Returns the best objective. */
static double fit_weights(const fit_list *l, tdm_align_params *p, const tdm_align_opts *opts,
                          const floor_of *floors, size_t nfloors, int *failed)
{
    static const double factors[] = {0.5, 0.7, 0.85, 1.18, 1.4, 2.0};
    static const double shifts[] = {-1.0, -0.3, -0.1, 0.1, 0.3, 1.0};
    tdm_eval_set sets[16];
    size_t ns;
    evaluate(l, p, opts, sets, 16, &ns, failed, 0);
    double best = objective(sets, ns, floors, nfloors);
    for (int round = 0; round < FIT_ROUNDS && !*failed; round++) {
        int changed = 0;
        for (size_t k = 0; k < sizeof searched / sizeof searched[0]; k++) {
            double *w = tdm_align_param_ref(p, searched[k].param);
            double start = *w, best_value = start;
            for (int s = 0; s < 6; s++) {
                double v = searched[k].additive ? start + shifts[s]
                           : start != 0         ? start * factors[s]
                                                : 0.2 * (s + 1);
                if (v == start)
                    continue;
                if (searched[k].param == 14 && v > 1)
                    continue; /* a probability */
                *w = v;
                evaluate(l, p, opts, sets, 16, &ns, failed, 0);
                double f = objective(sets, ns, floors, nfloors);
                if (f > best + 1e-9) {
                    best = f;
                    best_value = v;
                }
            }
            *w = best_value;
            changed |= best_value != start;
        }
        if (!changed)
            break;
    }
    return best;
}

/* Step 3: score calibration by logistic regression (Newton's method) of
 * "bead is in gold" on the margin; conf_null the rate of correct nulls. */
static int fit_scores(const fit_list *l, tdm_align_params *p, const tdm_align_opts *opts)
{
    runs r;
    int rc = align_all(l, p, opts, 0, &r);
    double a = p->conf_a, b = p->conf_b, null_ok = 0, nulls = 0;
    size_t total = 0;
    for (size_t k = 0; rc == 0 && k < l->count; k++)
        total += r.count[k];
    double *x = rc ? NULL : malloc((total + 1) * sizeof *x);
    char *y = rc ? NULL : malloc(total + 1);
    size_t n = 0;
    if (!rc && (!x || !y))
        rc = TDM_ENOMEM;
    for (size_t k = 0; rc == 0 && k < l->count; k++) {
        const fit_doc *d = &l->docs[k];
        for (size_t i = 0; i < r.count[k]; i++) {
            const tdm_bead *bd = &r.beads[k][i];
            tdm_eval_counts c = {0};
            tdm_eval_add(&c, d->gold, d->gold_count, bd, 1);
            if (bd->src_count == 0 || bd->tgt_count == 0) {
                nulls++;
                null_ok += c.strict_p;
                continue;
            }
            x[n] = r.diag[k].margin[i];
            y[n++] = c.strict_p > 0;
        }
    }
    for (int it = 0; rc == 0 && it < 30 && n > 0; it++) {
        double g0 = 0, g1 = 0, h00 = 1e-6, h01 = 0, h11 = 1e-6;
        for (size_t i = 0; i < n; i++) {
            double q = 1 / (1 + exp(-(a + b * x[i]))), e = y[i] - q, v = q * (1 - q);
            g0 += e;
            g1 += e * x[i];
            h00 += v;
            h01 += v * x[i];
            h11 += v * x[i] * x[i];
        }
        double det = h00 * h11 - h01 * h01;
        if (det <= 0)
            break;
        a += (h11 * g0 - h01 * g1) / det;
        b += (h00 * g1 - h01 * g0) / det;
    }
    if (rc == 0 && n > 0 && isfinite(a) && isfinite(b)) {
        p->conf_a = a;
        p->conf_b = b;
    }
    if (rc == 0 && nulls > 0)
        p->conf_null = (null_ok + 1) / (nulls + 2);
    free(x);
    free(y);
    runs_free(&r, l->count);
    return rc;
}

/* Step 4: the unrelated threshold, between gold pairs and reversed ones. */
static int fit_unrelated(const fit_list *l, tdm_align_params *p, const tdm_align_opts *opts)
{
    runs real, rev;
    int rc = align_all(l, p, opts, 0, &real);
    if (rc == 0)
        rc = align_all(l, p, opts, 1, &rev);
    if (rc == 0) {
        double lo = HUGE_VAL, hi = -HUGE_VAL;
        for (size_t k = 0; k < l->count; k++) {
            if (real.diag[k].mean_sim < lo)
                lo = real.diag[k].mean_sim;
            if (rev.diag[k].mean_sim > hi)
                hi = rev.diag[k].mean_sim;
        }
        if (lo < HUGE_VAL && l->count > 0)
            p->unrelated_below = 0.5 * (lo + hi);
    }
    runs_free(&real, l->count);
    runs_free(&rev, l->count);
    return rc;
}

int tdm_align_fit(const char *list, const tdm_align_opts *opts, const char *out, tdm_eval_set *sets,
                  size_t cap, size_t *nsets, tdm_error *err)
{
    tdm_align_opts defaults;
    if (!opts) {
        tdm_align_opts_init(&defaults);
        opts = &defaults;
    }
    const char *models = models_of(opts);
    char path[1024];
    if (!out) {
        if (!models)
            return tdm_fail(err, TDM_EUSAGE, NULL, -1, -1, "no models directory to write to");
        snprintf(path, sizeof path, "%s/align/weights", models);
        out = path;
    }
    fit_list l;
    tdm_align_params p;
    int rc = load_params(&p, opts, err), failed = 0;
    if (rc || (rc = list_load(list, models, opts->lexicon, 1, &l, err)) != 0)
        return rc;
    /* The floors: each set's strict F1 with the weights fitted before. */
    floor_of floors[16];
    size_t nfloors = 0;
    evaluate(&l, &p, opts, sets, cap, nsets, &failed, 0);
    for (size_t s = 0; s < *nsets && s < 16; s++, nfloors++)
        set_floor(&floors[s], &sets[s]);
    choose_priors(&l, &p, opts, floors, nfloors, &failed);
    fit_weights(&l, &p, opts, floors, nfloors, &failed);
    if (!failed && (rc = fit_scores(&l, &p, opts)) == 0)
        rc = fit_unrelated(&l, &p, opts);
    if (failed || rc)
        rc = tdm_fail(err, rc ? rc : TDM_EINTERNAL, list, -1, -1, "an alignment failed");
    if (rc == 0)
        rc = tdm_align_params_save(&p, out, err);
    if (rc == 0)
        evaluate(&l, &p, opts, sets, cap, nsets, &failed, 1);
    list_free(&l);
    return rc;
}
