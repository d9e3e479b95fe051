/*
 * fit_model.c: the models of the summary scorer's fitting (fit_summary.c):
 * a weighted logistic regression (Newton's method, GSL's Cholesky), the
 * set selection of summarizer.c 5b replayed on features, ROUGE-L of the
 * summaries a model picks, and a coordinate search of the weights on it.
 */
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fit.h"

/* Weighted logistic regression by Newton's method on standardized
 * features with ridge lambda; weights returned for the raw features. */
void fit_logistic(const rows *r, double lambda, int labels, tdm_scorer_weights *out)
{
    if (r->n == 0) { /* no data (--en-lines 0): zero weights */
        memset(out, 0, sizeof *out);
        return;
    }
    double mean[F] = {0}, sd[F] = {0}, wsum = 0;
    for (size_t i = 0; i < r->n; i++) {
        wsum += r->wt[i];
        for (int k = 0; k < F; k++)
            mean[k] += r->wt[i] * r->x[i * F + k];
    }
    for (int k = 0; k < F; k++)
        mean[k] /= wsum;
    for (size_t i = 0; i < r->n; i++)
        for (int k = 0; k < F; k++) {
            double d = r->x[i * F + k] - mean[k];
            sd[k] += r->wt[i] * d * d;
        }
    for (int k = 0; k < F; k++)
        sd[k] = sqrt(sd[k] / wsum) > 1e-9 ? sqrt(sd[k] / wsum) : 1;
    /* Rows are weighted so that the weights sum to the row count. */
    double scale = (double)r->n / wsum;
    enum { D = F + 1 };
    double beta[D] = {0};
    gsl_matrix *h = gsl_matrix_alloc(D, D);
    gsl_vector *g = gsl_vector_alloc(D), *step = gsl_vector_alloc(D);
    for (int iter = 0; iter < 30; iter++) {
        gsl_matrix_set_zero(h);
        gsl_vector_set_zero(g);
        double z[D];
        for (size_t i = 0; i < r->n; i++) {
            z[0] = 1;
            for (int k = 0; k < F; k++)
                z[k + 1] = (r->x[i * F + k] - mean[k]) / sd[k];
            double eta = 0;
            for (int k = 0; k < D; k++)
                eta += beta[k] * z[k];
            double p = 1 / (1 + exp(-eta)), wt = r->wt[i] * scale;
            double y = labels == LABEL_PRECISION ? r->prec[i]
                       : labels == LABEL_SOFT    ? r->soft[i]
                                                 : r->y[i];
            for (int a = 0; a < D; a++) {
                g->data[a] += wt * (y - p) * z[a];
                for (int b = 0; b <= a; b++)
                    h->data[a * D + b] += wt * p * (1 - p) * z[a] * z[b];
            }
        }
        for (int a = 0; a < D; a++) {
            for (int b = 0; b < a; b++)
                h->data[b * D + a] = h->data[a * D + b];
            if (a > 0) {
                h->data[a * D + a] += lambda;
                g->data[a] -= lambda * beta[a];
            }
        }
        gsl_linalg_cholesky_decomp1(h);
        gsl_linalg_cholesky_solve(h, g, step);
        double change = 0;
        for (int k = 0; k < D; k++) {
            beta[k] += step->data[k];
            change += fabs(step->data[k]);
        }
        if (change < 1e-8)
            break;
    }
    gsl_matrix_free(h);
    gsl_vector_free(g);
    gsl_vector_free(step);
    memset(out, 0, sizeof *out);
    out->bias = beta[0];
    for (int k = 0; k < F; k++) {
        out->weight[k] = beta[k + 1] / sd[k];
        out->bias -= beta[k + 1] * mean[k] / sd[k];
    }
}

/* The summarizer's set selection (summary_select.c, step 5b) without its
 * repeat check: the k of the count candidates (features x) that maximize
 * (sum h - shared) / (sum words + ref_words), h = p x words, p the
 * logistic of the logit, shared = cos x the smaller h of each pair (cos
 * count x count; NULL: 0), searched among the 20 best alone. Returns how
 * many, ids into ids. */
size_t fit_choose_set(const tdm_scorer_weights *w, const double *x, const double *cos, size_t count,
                      size_t k, double ref_words, size_t *ids)
{
    enum { POOL = 20 };
    double hits[POOL], words[POOL], value[POOL];
    size_t pool[POOL], m = 0;
    for (size_t i = 0; i < count; i++) {
        double wd = exp(x[i * F + TDM_FEAT_LOG_WORDS]);
        double h = wd / (1 + exp(-tdm_scorer_logit(w, x + i * F)));
        double v = h / (wd + ref_words);
        /* Insertion into the pool, best first, ties in document order. */
        size_t at = m;
        while (at > 0 && value[at - 1] < v)
            at--;
        if (at >= POOL)
            continue;
        size_t last = m < POOL ? m : POOL - 1;
        for (size_t j = last; j > at; j--) {
            pool[j] = pool[j - 1], hits[j] = hits[j - 1];
            words[j] = words[j - 1], value[j] = value[j - 1];
        }
        pool[at] = i, hits[at] = h, words[at] = wd, value[at] = v;
        if (m < POOL)
            m++;
    }
    if (k > m)
        k = m;
    if (k == 0)
        return 0;
    size_t idx[MAX_K], best_idx[MAX_K];
    double best = -1;
    for (size_t j = 0; j < k; j++)
        idx[j] = j;
    for (;;) {
        double h = 0, wd = 0;
        for (size_t j = 0; j < k; j++) {
            h += hits[idx[j]], wd += words[idx[j]];
            for (size_t l = j + 1; l < k && cos; l++) {
                double ha = hits[idx[j]], hb = hits[idx[l]];
                h -= cos[pool[idx[j]] * count + pool[idx[l]]] * (ha < hb ? ha : hb);
            }
        }
        if (h / (wd + ref_words) > best) {
            best = h / (wd + ref_words);
            memcpy(best_idx, idx, sizeof idx);
        }
        if (!tdm_next_subset(idx, k, m))
            break;
    }
    for (size_t j = 0; j < k; j++)
        ids[j] = pool[best_idx[j]];
    return k;
}

/* Mean ROUGE-L F1 x100 of the top-k candidates by score (w NULL: hand),
 * or with ref_words > 0 of the set choose_set picks. */
double fit_evaluate(const char *lang, const heldout *ho, size_t n, size_t k,
                    const tdm_scorer_weights *w, double ref_words)
{
    tdm_error err;
    tdm_rouge *rouge = tdm_rouge_new(lang, &err);
    tdm_rouge_sum sum = {0};
    for (size_t d = 0; d < n; d++) {
        const heldout *h = &ho[d];
        size_t ids[MAX_K], got = 0, order[4096];
        int used[4096] = {0};
        for (size_t i = 0; i < h->count && i < 4096; i++)
            order[i] = i;
        if (w && ref_words > 0)
            got = fit_choose_set(w, h->x, h->cos, h->count, k, ref_words, ids);
        while (got < k && got < h->count) {
            size_t best = SIZE_MAX;
            double bs = -INFINITY;
            for (size_t i = 0; i < h->count && i < 4096; i++) {
                if (used[i])
                    continue;
                double s = w ? tdm_scorer_logit(w, h->x + i * F) : h->hand[i];
                if (s > bs)
                    bs = s, best = i;
            }
            used[best] = 1;
            ids[got++] = best;
        }
        char *sys = fit_join(h->text, ids, got, order);
        tdm_rouge_scores sc;
        if (tdm_rouge_score(rouge, sys, strlen(sys), h->ref, strlen(h->ref), &sc) == 0)
            tdm_rouge_add(&sum, &sc);
        free(sys);
    }
    tdm_rouge_free(rouge);
    tdm_rouge_scores m;
    tdm_rouge_mean(&sum, &m);
    return 100 * m.rougel.f1;
}

/* Mean over documents of the ROUGE-L F1 at 1 and 2 sentences of the top
 * candidates by w's logits (from the precomputed pairs). */
double fit_pair_objective(const tdm_scorer_weights *w, const heldout *docs, size_t n,
                          double ref_words)
{
    double total = 0;
    for (size_t d = 0; d < n; d++) {
        const heldout *h = &docs[d];
        size_t c = h->count, a = SIZE_MAX, b = SIZE_MAX;
        if (ref_words > 0) {
            size_t one, two[2];
            if (fit_choose_set(w, h->x, h->cos, c, 1, ref_words, &one) == 1)
                total += h->pair[one * c + one];
            if (fit_choose_set(w, h->x, h->cos, c, 2, ref_words, two) == 2) {
                size_t lo = two[0] < two[1] ? two[0] : two[1], hi = two[0] ^ two[1] ^ lo;
                total += h->pair[lo * c + hi];
            } else if (c == 1) {
                total += h->pair[0];
            }
            continue;
        }
        double sa = -INFINITY, sb = -INFINITY;
        for (size_t i = 0; i < c; i++) {
            double z = tdm_scorer_logit(w, h->x + i * F);
            if (z > sa) {
                b = a, sb = sa;
                a = i, sa = z;
            } else if (z > sb) {
                b = i, sb = z;
            }
        }
        if (a == SIZE_MAX)
            continue;
        total += h->pair[a * c + a];
        if (b != SIZE_MAX)
            total += a < b ? h->pair[a * c + b] : h->pair[b * c + a];
    }
    return total / (double)(2 * (n ? n : 1));
}

/* Coordinate search from w on the documents' ROUGE-L at 1 and 2
 * sentences (a ranking objective the logistic fit only approximates):
 * each weight in turn moves by +-step feature standard deviations (steps
 * 1, 0.5, 0.25, 0.1), a move kept when it raises the objective. */
double fit_refine(tdm_scorer_weights *w, const heldout *docs, size_t n, double ref_words)
{
    double sd[F] = {0}, mean[F] = {0}, rows = 0;
    for (size_t d = 0; d < n; d++)
        for (size_t i = 0; i < docs[d].count; i++, rows++)
            for (int k = 0; k < F; k++)
                mean[k] += docs[d].x[i * F + k];
    for (int k = 0; k < F; k++)
        mean[k] /= rows > 0 ? rows : 1;
    for (size_t d = 0; d < n; d++)
        for (size_t i = 0; i < docs[d].count; i++)
            for (int k = 0; k < F; k++)
                sd[k] += (docs[d].x[i * F + k] - mean[k]) * (docs[d].x[i * F + k] - mean[k]);
    for (int k = 0; k < F; k++)
        sd[k] = sqrt(sd[k] / (rows > 0 ? rows : 1)) > 1e-9 ? sqrt(sd[k] / rows) : 1;
    double best = fit_pair_objective(w, docs, n, ref_words);
    static const double steps[] = {1, 0.5, 0.25, 0.1};
    for (int s = 0; s < 4; s++)
        for (int round = 0, moved = 1; moved && round < 10; round++) {
            moved = 0;
            for (int k = 0; k < F; k++)
                for (int sign = -1; sign <= 1; sign += 2) {
                    double old = w->weight[k];
                    w->weight[k] = old + sign * steps[s] / sd[k];
                    double o = fit_pair_objective(w, docs, n, ref_words);
                    if (o > best + 1e-7) {
                        best = o;
                        moved = 1;
                    } else {
                        w->weight[k] = old;
                    }
                }
        }
    return best;
}
