/*
 * summary_select.c: which sentences make a summary, once each candidate
 * has a score (steps 5, 5b and 5c of summarizer.c, where the method is
 * told): MMR on the scores, and with the fitted scorer's select_words the
 * set of k sentences that maximizes the F1 that the scores predict.
 * Word budgets (--words, --ratio) keep MMR: the same F1 objective under
 * the budget, the budget as the reference's length (a 0/1 knapsack over
 * the 64 best candidates), did no better at OTS's lengths on OrangeSum
 * valid 1-500 (ROUGE-L 18.07 against MMR's 18.10).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "summarize/scorer.h"
#include "summarize/summary_select.h"

#define DUPLICATE_COSINE 0.8

/* The word budget that opts asks for (--words, or --ratio of the n
 * sentences' words), 0 for none. */
static size_t word_budget(const tdm_summary_opts *opts, const tdm_work *w, size_t n)
{
    size_t total_words = 0;
    for (size_t i = 0; i < n; i++)
        total_words += w->words[i];
    if (opts->words)
        return opts->words;
    if (opts->ratio > 0)
        return (size_t)ceil(opts->ratio * (double)total_words);
    return 0;
}

/* MMR selection into chosen (document order); returns how many, or
 * SIZE_MAX when out of memory. */
size_t tdm_select_mmr(const tdm_summary_opts *opts, tdm_work *w, size_t n, size_t candidates,
                      tdm_summary_sentence *ss, uint32_t *chosen)
{
    size_t want = opts->sentences, budget = word_budget(opts, w, n), used = 0, count = 0;
    if (!budget && !want) {
        want = (size_t)ceil(0.2 * (double)candidates);
        want = want < 1 ? 1 : want > 3 ? 3 : want;
    }
    if (budget)
        want = candidates;
    double top = 0;
    for (size_t i = 0; i < n; i++)
        if (ss[i].candidate && ss[i].score > top)
            top = ss[i].score;
    /* overlap[i]: largest cosine of i with a chosen sentence, kept up to
     * date after each pick, so a selection costs O(n) cosines per pick. */
    double *overlap = calloc(n + 1, sizeof *overlap);
    if (!overlap)
        return SIZE_MAX;
    while (count < want) {
        double best = -INFINITY;
        size_t pick = SIZE_MAX;
        for (size_t i = 0; i < n; i++) {
            if (!ss[i].candidate || ss[i].chosen || overlap[i] > DUPLICATE_COSINE)
                continue;
            if (budget && count > 0 && used + w->words[i] > budget)
                continue;
            double rel = top > 0 ? ss[i].score / top : 0;
            double mmr = opts->mmr_lambda * rel - (1 - opts->mmr_lambda) * overlap[i];
            if (mmr > best) {
                best = mmr;
                pick = i;
            }
        }
        if (pick == SIZE_MAX)
            break;
        /* With a budget, the first pick may overflow it only when nothing
         * fits: prefer the best sentence that fits. */
        if (budget && count == 0 && w->words[pick] > budget) {
            size_t fit = SIZE_MAX;
            for (size_t i = 0; i < n; i++)
                if (ss[i].candidate && w->words[i] <= budget &&
                    (fit == SIZE_MAX || ss[i].score > ss[fit].score))
                    fit = i;
            if (fit != SIZE_MAX)
                pick = fit;
        }
        ss[pick].chosen = 1;
        chosen[count++] = (uint32_t)pick;
        used += w->words[pick];
        tdm_work_spread(w, pick, 1);
        for (size_t i = 0; i < n && count < want; i++)
            if (ss[i].candidate && !ss[i].chosen) {
                double c = tdm_work_cosine_spread(w, i, pick);
                overlap[i] = c > overlap[i] ? c : overlap[i];
            }
        tdm_work_spread(w, pick, 0);
    }
    free(overlap);
    tdm_sort_ids(chosen, count);
    return count;
}

/* Set selection (step 5b): the estimated F1 of a set whose estimated
 * words in common with the reference sum to hits, of words words, against
 * a reference of ref_words words. */
static double set_value(double hits, double words, double ref_words)
{
    return hits / (words + ref_words);
}

/* The candidates into pool, best first by their value alone against a
 * reference of ref_words (insertion: ties keep document order), and each
 * one's estimated words in common with the reference into hits. Returns
 * how many. */
static size_t make_pool(double ref_words, const tdm_work *w, size_t n,
                        const tdm_summary_sentence *ss, double *hits, uint32_t *pool)
{
    size_t pool_n = 0;
    for (size_t i = 0; i < n; i++)
        if (ss[i].candidate) {
            hits[i] = ss[i].score * (double)w->words[i];
            pool[pool_n++] = (uint32_t)i;
        }
    for (size_t a = 1; a < pool_n; a++) {
        uint32_t x = pool[a];
        double vx = set_value(hits[x], (double)w->words[x], ref_words);
        size_t b = a;
        for (; b > 0 && set_value(hits[pool[b - 1]], (double)w->words[pool[b - 1]], ref_words) < vx;
             b--)
            pool[b] = pool[b - 1];
        pool[b] = x;
    }
    return pool_n;
}

/* The estimated words in common with the reference that two sentences
 * whose cosine is cos share: the shorter share's (fewer hits), in the
 * proportion of their cosine. A set's hits are the sum of its sentences'
 * less this for each pair: what two sentences say alike, the reference
 * has once (ROUGE-L counts its words once). On OrangeSum training
 * articles 20001-21000 (not among those fitted), ROUGE-L at 2 and 3
 * sentences 20.19/19.20 without it, 20.49/19.43 with it; half of it
 * 20.26/19.40, twice 20.37/19.30. */
static double shared_hits(double cos, double hits_a, double hits_b)
{
    return cos * (hits_a < hits_b ? hits_a : hits_b);
}

#define SET_POOL 20
#define SET_EXHAUSTIVE 3

/* Step 5b: the k candidates maximizing set_value, none two with a cosine
 * above DUPLICATE_COSINE: every set of the SET_POOL best candidates alone
 * when k <= SET_EXHAUSTIVE, else greedily. Returns how many were chosen
 * (document order), or SIZE_MAX when out of memory. */
size_t tdm_select_set(const tdm_summary_opts *opts, double ref_words, tdm_work *w, size_t n,
                      size_t candidates, tdm_summary_sentence *ss, uint32_t *chosen)
{
    size_t want = opts->sentences;
    if (!want) {
        want = (size_t)ceil(0.2 * (double)candidates);
        want = want < 1 ? 1 : want > 3 ? 3 : want;
    }
    double *hits = calloc(n + 1, sizeof *hits);
    uint32_t *pool = malloc((n + 1) * sizeof *pool);
    if (!hits || !pool) {
        free(hits);
        free(pool);
        return SIZE_MAX;
    }
    size_t pool_n = make_pool(ref_words, w, n, ss, hits, pool), count = 0;
    size_t k = want < pool_n ? want : pool_n;
    size_t m = pool_n < SET_POOL ? pool_n : SET_POOL;
    if (k > 0 && k <= SET_EXHAUSTIVE && k <= m) {
        double cos[SET_POOL][SET_POOL], best = -1;
        size_t idx[SET_EXHAUSTIVE], best_idx[SET_EXHAUSTIVE];
        for (size_t a = 0; a < m; a++)
            for (size_t b = a + 1; b < m; b++)
                cos[a][b] = tdm_work_cosine(w, pool[a], pool[b]);
        /* Every k-subset of the pool, in lexicographic order. */
        for (size_t j = 0; j < k; j++)
            idx[j] = j;
        int found = 0;
        for (;;) {
            int ok = 1;
            double h = 0, words = 0;
            for (size_t a = 0; a < k && ok; a++) {
                h += hits[pool[idx[a]]];
                words += (double)w->words[pool[idx[a]]];
                for (size_t b = a + 1; b < k && ok; b++) {
                    ok = cos[idx[a]][idx[b]] <= DUPLICATE_COSINE;
                    h -= shared_hits(cos[idx[a]][idx[b]], hits[pool[idx[a]]], hits[pool[idx[b]]]);
                }
            }
            double v = set_value(h, words, ref_words);
            if (ok && (!found || v > best)) {
                best = v;
                found = 1;
                memcpy(best_idx, idx, sizeof idx);
            }
            if (!tdm_next_subset(idx, k, m))
                break;
        }
        for (size_t j = 0; found && j < k; j++)
            chosen[count++] = pool[best_idx[j]];
    }
    if (count == 0) { /* longer summaries, or no set without a repeat */
        double h = 0, words = 0;
        while (count < k) {
            size_t pick = SIZE_MAX;
            double best = -INFINITY, pick_gain = 0;
            for (size_t a = 0; a < pool_n; a++) {
                uint32_t i = pool[a];
                int ok = !ss[i].chosen;
                double gain = hits[i];
                for (size_t c = 0; c < count && ok; c++) {
                    double cs = tdm_work_cosine(w, i, chosen[c]);
                    ok = cs <= DUPLICATE_COSINE;
                    gain -= shared_hits(cs, hits[i], hits[chosen[c]]);
                }
                double v = set_value(h + gain, words + (double)w->words[i], ref_words);
                if (ok && v > best) {
                    best = v;
                    pick = i;
                    pick_gain = gain;
                }
            }
            if (pick == SIZE_MAX)
                break;
            ss[pick].chosen = 1;
            chosen[count++] = (uint32_t)pick;
            h += pick_gain;
            words += (double)w->words[pick];
        }
    }
    for (size_t c = 0; c < count; c++)
        ss[chosen[c]].chosen = 1;
    free(hits);
    free(pool);
    tdm_sort_ids(chosen, count);
    return count;
}
