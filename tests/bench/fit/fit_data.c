/*
 * fit_data.c: the articles of the summary scorer's fitting
 * (fit_summary.c): each one summarized as tandem does, the features of its
 * candidate sentences, and their labels against the reference (the greedy
 * extractive oracle, soft labels, ROUGE-L precision), or kept whole as a
 * held-out article with the ROUGE-L of its sentences and pairs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "fit.h"
#include "tandem/summarize.h"

void fit_push_row(rows *r, const double *x, double y, double soft, double prec, double wt)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 4096;
        r->x = realloc(r->x, r->cap * F * sizeof *r->x);
        r->y = realloc(r->y, r->cap * sizeof *r->y);
        r->wt = realloc(r->wt, r->cap * sizeof *r->wt);
        r->soft = realloc(r->soft, r->cap * sizeof *r->soft);
        r->prec = realloc(r->prec, r->cap * sizeof *r->prec);
        if (!r->x || !r->y || !r->wt || !r->soft || !r->prec) {
            fprintf(stderr, "fit_summary: out of memory\n");
            exit(3);
        }
    }
    memcpy(r->x + r->n * F, x, F * sizeof *x);
    r->y[r->n] = y;
    r->soft[r->n] = soft;
    r->prec[r->n] = prec;
    r->wt[r->n++] = wt;
}

static double fit_objective(tdm_rouge *rouge, const char *sys, const char *ref)
{
    tdm_rouge_scores sc;
    if (tdm_rouge_score(rouge, sys, strlen(sys), ref, strlen(ref), &sc) != 0)
        return 0;
    return sc.rouge1.f1 + sc.rouge2.f1;
}

/* Joins the texts of the chosen ids (in document order) into buf. */
char *fit_join(char **text, const size_t *ids, size_t k, const size_t *order)
{
    size_t len = 1;
    for (size_t i = 0; i < k; i++)
        len += strlen(text[ids[i]]) + 1;
    char *out = malloc(len), *p = out;
    if (!out)
        exit(3);
    /* document order: ids sorted by their position */
    size_t sorted[64];
    memcpy(sorted, ids, k * sizeof *ids);
    for (size_t i = 1; i < k; i++)
        for (size_t j = i; j > 0 && order[sorted[j - 1]] > order[sorted[j]]; j--) {
            size_t t = sorted[j];
            sorted[j] = sorted[j - 1];
            sorted[j - 1] = t;
        }
    for (size_t i = 0; i < k; i++) {
        size_t l = strlen(text[sorted[i]]);
        memcpy(p, text[sorted[i]], l);
        p += l;
        *p++ = ' ';
    }
    *p = '\0';
    return out;
}

/* Greedy oracle over count candidate texts: label[i] = 1 for the chosen;
 * soft[i] = the objective of sentence i alone over the best of them;
 * prec[i] = the ROUGE-L precision of sentence i alone (the share of its
 * words in the LCS with the reference). */
static void fit_oracle(tdm_rouge *rouge, char **text, size_t count, const char *ref, size_t max_k,
                       double *label, double *soft, double *prec)
{
    for (size_t i = 0; i < count; i++) {
        tdm_rouge_scores sc;
        prec[i] = tdm_rouge_score(rouge, text[i], strlen(text[i]), ref, strlen(ref), &sc) == 0
                      ? sc.rougel.precision
                      : 0;
    }
    size_t ids[64], k = 0, order[4096];
    for (size_t i = 0; i < count && i < 4096; i++)
        order[i] = i, label[i] = 0;
    double best = 0;
    while (k < max_k && k < 64) {
        size_t pick = SIZE_MAX;
        double gain_best = best;
        for (size_t i = 0; i < count && i < 4096; i++) {
            if (label[i])
                continue;
            ids[k] = i;
            char *sys = fit_join(text, ids, k + 1, order);
            double o = fit_objective(rouge, sys, ref);
            free(sys);
            if (k == 0)
                soft[i] = o;
            if (o > gain_best + 1e-9) {
                gain_best = o;
                pick = i;
            }
        }
        if (pick == SIZE_MAX)
            break;
        if (k == 0)
            for (size_t i = 0; i < count && i < 4096; i++)
                soft[i] = gain_best > 0 ? soft[i] / gain_best : 0;
        ids[k++] = pick;
        label[pick] = 1;
        best = gain_best;
    }
}

/* Reads the articles of lines [first, first + count) of a set that `which`
 * selects: as training rows (labels from the oracle) when ho is NULL, else
 * as held-out articles into ho. Returns the number of articles. */
size_t fit_read_set(const set *st, const char *models, size_t first, size_t count, int which,
                    rows *train, double wt, heldout *ho, size_t *ho_n)
{
    tdm_error err;
    tdm_summary_model *model = tdm_summary_model_load(models, st->lang, &err);
    tdm_summarizer *sum = model ? tdm_summarizer_new(model, &err) : NULL;
    tdm_rouge *rouge = tdm_rouge_new(st->lang, &err);
    tdm_jsonl_reader *r = sum && rouge ? tdm_jsonl_open(st->path, &err) : NULL;
    tdm_json_object *obj = tdm_json_object_new();
    if (!r || !obj) {
        fprintf(stderr, "fit_summary: %s: %s\n", st->path, err.message);
        exit(2);
    }
    size_t line = 0, used = 0;
    while (line < first + count && tdm_jsonl_next(r, obj, &err) == 1) {
        size_t this_line = line++;
        if (this_line < first)
            continue;
        if ((which == NOT_THIRDS && this_line % 3 == 0) || (which == THIRDS && this_line % 3 != 0))
            continue;
        int is_heldout = ho != NULL;
        const tdm_json_field *tf = tdm_json_object_get(obj, "title");
        const tdm_json_field *bf = tdm_json_object_get(obj, st->text_key);
        const tdm_json_field *sf = tdm_json_object_get(obj, "summary");
        if (!bf || !sf || bf->kind != TDM_JSON_STRING || sf->kind != TDM_JSON_STRING)
            continue;
        const char *title = tf && tf->kind == TDM_JSON_STRING && !st->untitled ? tf->value : "";
        size_t len = strlen(title) + 2 + bf->value_len;
        char *text = malloc(len + 1);
        snprintf(text, len + 1, "%s%s%s", title, *title ? "\n\n" : "", bf->value);
        tdm_doc *doc = tdm_doc_from_buffer("article", text, strlen(text), NULL, &err);
        double *x = NULL, *cosines = NULL;
        tdm_summary_opts o;
        tdm_summary_opts_init(&o);
        o.sentences = 1;
        tdm_summary *s = NULL, *hand = NULL;
        if (doc && tdm_doc_segment(doc, tdm_summary_model_splitter(model), &err) == 0)
            s = tdm_summarize_features(sum, doc, &o, &x, is_heldout ? &cosines : NULL, &err);
        o.scorer = TDM_SCORER_CENTROID;
        if (s)
            hand = tdm_summarize(sum, doc, &o, &err);
        if (s && hand) {
            size_t n = tdm_doc_sentence_count(doc), c = 0;
            const tdm_summary_sentence *ss = tdm_summary_sentences(s);
            const tdm_summary_sentence *hs = tdm_summary_sentences(hand);
            char **texts = calloc(n + 1, sizeof *texts);
            size_t *idx = calloc(n + 1, sizeof *idx);
            for (size_t i = 0; i < n; i++)
                if (ss[i].candidate) {
                    idx[c] = i;
                    texts[c++] = tdm_doc_sentence_dup(doc, i, NULL);
                }
            if (is_heldout) {
                heldout *h = &ho[(*ho_n)++];
                h->x = malloc((c + 1) * F * sizeof *h->x);
                h->hand = malloc((c + 1) * sizeof *h->hand);
                h->cos = malloc((c * c + 1) * sizeof *h->cos);
                for (size_t k = 0; k < c; k++) {
                    memcpy(h->x + k * F, x + idx[k] * F, F * sizeof *x);
                    h->hand[k] = hs[idx[k]].score;
                    for (size_t l = 0; l < c; l++)
                        h->cos[k * c + l] = cosines[idx[k] * n + idx[l]];
                }
                h->text = texts;
                h->count = c;
                h->ref = strdup(sf->value);
                texts = NULL;
            } else if (c > 0) {
                double *label = calloc(c, sizeof *label), *soft = calloc(c, sizeof *soft);
                double *prec = calloc(c, sizeof *prec);
                fit_oracle(rouge, texts, c, sf->value, st->max_k, label, soft, prec);
                for (size_t k = 0; k < c; k++)
                    fit_push_row(train, x + idx[k] * F, label[k], soft[k], prec[k], wt / (double)c);
                free(label);
                free(soft);
                free(prec);
            }
            for (size_t k = 0; texts && k < c; k++)
                free(texts[k]);
            free(texts);
            free(idx);
            used++;
        }
        tdm_summary_free(s);
        tdm_summary_free(hand);
        free(x);
        free(cosines);
        tdm_doc_free(doc);
        free(text);
    }
    tdm_json_object_free(obj);
    tdm_jsonl_close(r);
    tdm_rouge_free(rouge);
    tdm_summarizer_free(sum);
    tdm_summary_model_free(model);
    return used;
}

/* ROUGE-L F1 of every sentence and pair of sentences of each document. */
void fit_precompute_pairs(const char *lang, heldout *docs, size_t n)
{
    tdm_error err;
    tdm_rouge *rouge = tdm_rouge_new(lang, &err);
    for (size_t d = 0; d < n; d++) {
        heldout *h = &docs[d];
        size_t c = h->count, order[4096];
        h->pair = calloc(c * c + 1, sizeof *h->pair);
        for (size_t i = 0; i < c && i < 4096; i++)
            order[i] = i;
        for (size_t i = 0; i < c && i < 4096; i++)
            for (size_t j = i; j < c && j < 4096; j++) {
                size_t ids[2] = {i, j};
                char *sys = fit_join(h->text, ids, i == j ? 1 : 2, order);
                tdm_rouge_scores sc;
                if (tdm_rouge_score(rouge, sys, strlen(sys), h->ref, strlen(h->ref), &sc) == 0)
                    h->pair[i * c + j] = sc.rougel.f1;
                free(sys);
            }
    }
    tdm_rouge_free(rouge);
}
