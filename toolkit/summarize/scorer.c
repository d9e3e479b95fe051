/*
 * scorer.c: a sentence scorer fitted on data (the default of summaries).
 *
 * The hand-set score of summarizer.c adds three signals with weights
 * chosen by grid search on French. Here each sentence is described by the
 * features of scorer.h, all of them independent of the language (cosines
 * of TF-IDF vectors, position among the candidates, length, share of
 * numbers and names, quotation marks...), and combined linearly:
 *   p_i = 1 / (1 + exp(-(bias + w . f_i)))
 * The weights are a logistic regression (Newton's method with a small
 * ridge) of "the sentence belongs to the extractive oracle of the
 * reference" on the features: for each training article the oracle is the
 * set of sentences that a greedy search finds maximizing ROUGE-1 + ROUGE-2
 * F1 against the reference (Nallapati et al. 2017, SummaRuNNer; Kedzie et
 * al. 2018). tests/bench/fit_summary.c fits them; models/README.md says on
 * what, and how to refit. p_i then feeds the MMR selection of summarizer.c
 * unchanged.
 * A language's section may instead carry select_words (French does): its
 * weights are then fitted on each sentence's ROUGE-L precision against the
 * reference (the share of its words that the reference has, in order), so
 * p_i x words_i estimates its words in common with the reference, and the
 * summary of k sentences is the set of k that maximizes the F1 so
 * estimated against a reference of select_words words (summarizer.c, step
 * 5b): length then counts as ROUGE counts it, not as a feature of the
 * sentence alone.
 * The weights are read by scorer_weights.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "summarize/scorer.h"

double tdm_scorer_logit(const tdm_scorer_weights *sw, const double *f)
{
    double z = sw->bias;
    for (int k = 0; k < TDM_FEATURES; k++)
        z += sw->weight[k] * f[k];
    return z;
}

/* Nonzero when text[start, end) holds a quotation mark: " « » “ ”. */
static int quoted(const char *text, size_t start, size_t end)
{
    for (size_t i = start; i < end; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '"')
            return 1;
        if (c == 0xc2 && i + 1 < end &&
            ((unsigned char)text[i + 1] == 0xab || (unsigned char)text[i + 1] == 0xbb))
            return 1;
        if (c == 0xe2 && i + 2 < end && (unsigned char)text[i + 1] == 0x80 &&
            ((unsigned char)text[i + 2] == 0x9c || (unsigned char)text[i + 2] == 0x9d))
            return 1;
    }
    return 0;
}

static int ends_with_question(const char *text, size_t start, size_t end)
{
    while (end > start && strchr(" \t\n\"')]", text[end - 1]))
        end--;
    return end > start && text[end - 1] == '?';
}

int tdm_scorer_features(const tdm_doc *doc, tdm_work *w, size_t n, size_t title_vec,
                        const tdm_summary_sentence *ss, double *f)
{
    const char *text = tdm_doc_text(doc, NULL);
    const tdm_sentence *sent = tdm_doc_sentences(doc);
    size_t terms = w->term_count, candidates = 0;
    double *lead = calloc(terms + 1, sizeof *lead);
    unsigned char *para_first = calloc(n + 1, 1);
    /* By term: 1 in the title, 2 in an earlier candidate. */
    unsigned char *mark = calloc(terms + 1, 1);
    /* By term: the number of sentences other than the title that have it. */
    uint32_t *sentences_with = calloc(terms + 1, sizeof *sentences_with);
    if (!lead || !para_first || !mark || !sentences_with) {
        free(lead);
        free(para_first);
        free(mark);
        free(sentences_with);
        return TDM_ENOMEM;
    }
    size_t title_terms = 0;
    if (title_vec != SIZE_MAX) {
        title_terms = w->vec_count[title_vec];
        for (size_t k = w->vec_first[title_vec]; k < w->vec_first[title_vec] + title_terms; k++)
            mark[w->vec_term[k]] |= 1;
    }
    for (size_t i = 0; i < n; i++)
        if (i != title_vec)
            for (size_t k = w->vec_first[i]; k < w->vec_first[i] + w->vec_count[i]; k++)
                sentences_with[w->vec_term[k]]++;
    const tdm_para *paras = tdm_doc_paras(doc);
    for (size_t p = 0; p < tdm_doc_para_count(doc); p++)
        if (paras[p].sentence_count && paras[p].first_sentence < n)
            para_first[paras[p].first_sentence] = 1;
    double cnorm = 0, best_density = 0, lead_sq = 0;
    for (size_t t = 0; t < terms; t++)
        cnorm += w->centroid[t] * w->centroid[t];
    cnorm = sqrt(cnorm);
    /* The lead: the first three candidates, summed. */
    for (size_t i = 0, taken = 0; i < n && taken < 3; i++) {
        if (!ss[i].candidate)
            continue;
        for (size_t k = w->vec_first[i]; k < w->vec_first[i] + w->vec_count[i]; k++)
            lead[w->vec_term[k]] += w->vec_weight[k];
        taken++;
    }
    for (size_t t = 0; t < terms; t++)
        lead_sq += lead[t] * lead[t];
    for (size_t i = 0; i < n; i++)
        candidates += ss[i].candidate != 0;
    size_t rank = 0, lead_taken = 0;
    for (size_t i = 0; i < n; i++) {
        double *fi = f + i * TDM_FEATURES;
        memset(fi, 0, TDM_FEATURES * sizeof *fi);
        if (!ss[i].candidate)
            continue;
        double dot = 0, lead_dot = 0, sq = w->norm[i] * w->norm[i], idf_sum = 0;
        size_t repeated = 0;
        for (size_t k = w->vec_first[i]; k < w->vec_first[i] + w->vec_count[i]; k++) {
            dot += w->vec_weight[k] * w->centroid[w->vec_term[k]];
            lead_dot += w->vec_weight[k] * lead[w->vec_term[k]];
            idf_sum += w->idf[w->vec_term[k]];
            repeated += sentences_with[w->vec_term[k]] > 1;
        }
        /* The centroid of the other sentences is c - v_i (the title is in
         * neither): |c - v_i|^2 = |c|^2 - 2 v_i.c + |v_i|^2. */
        double rest_sq = cnorm * cnorm - 2 * dot + sq;
        /* Against the lead without the sentence itself. */
        int in_lead = lead_taken < 3;
        lead_taken += in_lead;
        double other_dot = in_lead ? lead_dot - sq : lead_dot;
        double other_sq = in_lead ? lead_sq - 2 * lead_dot + sq : lead_sq;
        double words = ss[i].words ? (double)ss[i].words : 1;
        fi[TDM_FEAT_CENTROID] = w->norm[i] > 0 && cnorm > 0 ? dot / (w->norm[i] * cnorm) : 0;
        fi[TDM_FEAT_DENSITY] = sq > 0 && cnorm > 0 ? dot / (sq * cnorm) : 0;
        if (fi[TDM_FEAT_DENSITY] > best_density)
            best_density = fi[TDM_FEAT_DENSITY];
        fi[TDM_FEAT_TITLE] = title_vec != SIZE_MAX ? tdm_work_cosine(w, i, title_vec) : 0;
        fi[TDM_FEAT_POSITION] = exp2(-(double)rank / 4);
        fi[TDM_FEAT_FIRST] = rank == 0;
        fi[TDM_FEAT_RANK_FRAC] = (double)rank / (double)candidates;
        fi[TDM_FEAT_LOG_WORDS] = log(words);
        fi[TDM_FEAT_LOG_WORDS_SQ] = (log(words) - log(27.0)) * (log(words) - log(27.0));
        fi[TDM_FEAT_NUMBERS] = (double)w->numbers[i] / words;
        fi[TDM_FEAT_NAMES] = (double)w->names[i] / words;
        fi[TDM_FEAT_LEAD] = other_sq > 1e-12 && w->norm[i] > 0 && other_dot > 0
                                ? other_dot / (w->norm[i] * sqrt(other_sq))
                                : 0;
        fi[TDM_FEAT_QUOTE] = quoted(text, sent[i].start, sent[i].end);
        fi[TDM_FEAT_PARA_FIRST] = para_first[i];
        fi[TDM_FEAT_QUESTION] = ends_with_question(text, sent[i].start, sent[i].end);
        size_t in_title = 0, fresh = 0, count = w->vec_count[i];
        for (size_t k = w->vec_first[i]; k < w->vec_first[i] + count; k++) {
            in_title += mark[w->vec_term[k]] & 1;
            fresh += !(mark[w->vec_term[k]] & 2);
        }
        for (size_t k = w->vec_first[i]; k < w->vec_first[i] + count; k++)
            mark[w->vec_term[k]] |= 2;
        fi[TDM_FEAT_TITLE_SHARE] = count ? (double)in_title / (double)count : 0;
        fi[TDM_FEAT_NOVELTY] = count ? (double)fresh / (double)count : 0;
        fi[TDM_FEAT_IDF_MEAN] = count ? idf_sum / (double)count : 0;
        fi[TDM_FEAT_REST] = rest_sq > 1e-12 && w->norm[i] > 0 && dot - sq > 0
                                ? (dot - sq) / (w->norm[i] * sqrt(rest_sq))
                                : 0;
        fi[TDM_FEAT_REPEATED] = count ? (double)repeated / (double)count : 0;
        fi[TDM_FEAT_TITLE_COVER] = title_terms ? (double)in_title / (double)title_terms : 0;
        fi[TDM_FEAT_POSITION_LEN] = fi[TDM_FEAT_POSITION] * (log(words) - log(27.0));
        rank++;
    }
    for (size_t i = 0; i < n && best_density > 0; i++)
        f[i * TDM_FEATURES + TDM_FEAT_DENSITY] /= best_density;
    free(lead);
    free(para_first);
    free(mark);
    free(sentences_with);
    return 0;
}
