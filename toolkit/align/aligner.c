/*
 * aligner.c: sentence alignment of two translations, the top level.
 *
 * 1. Evidence: every sentence is tokenized once into folded words,
 *    numbers, punctuation and cognate prefixes (lexical.c); the lexicon's
 *    pairs whose words occur in the input are loaded (lexicon.c).
 * 2. Two levels: when both sides have paragraphs, the paragraphs are
 *    aligned first (beads up to 2-2, same cost as sentences, bead_cost.c), then
 *    the sentences inside each group of aligned paragraphs. When the
 *    paragraph evidence is weak (one paragraph a side, very different
 *    counts, few confident paragraph beads) the sentences are aligned in one
 *    flat pass instead (opts.paragraphs forces either way).
 * 3. Two passes: the first alignment gives confident 1-1 beads; from them
 *    the length model (ratio c, variance s2) is re-estimated for this input
 *    and an IBM Model 1 table is learnt (ibm1.c); the second pass aligns
 *    again with both, searching around the first path on large inputs.
 *    A batch of small documents can first learn a table from all of them
 *    (corpus_table.c): both passes then use its pairs too.
 * 4. Scores: a bead's confidence is a logistic of its margin, the cost
 *    saved per sentence over leaving its sentences unaligned, with
 *    coefficients fitted on gold alignments (fit.c), so that scores mean the
 *    same across documents. Unrelated texts show a low mean similarity of
 *    their 1-1 beads, and 1-1 partners that match each other hardly more
 *    than they match other sentences (a low contrast).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "align/alignment.h"
#include "align/ibm1.h"
#include "align/lexicon.h"
#include "align/refine.h"
#include "align/search.h"
#include "tandem/lang.h"
#include "text/script.h"

#define IBM1_ITERATIONS 5
#define IBM1_MIN_BEADS 20
#define CONTRAST_SAMPLE 20000 /* linked beads compared, at most */
#define SCRIPT_SAMPLE 64      /* sentences whose script is looked at */
/* Texts in scripts that share nothing: the length contrast (off-partner
 * over partner length discrepancy) above which they are translations, and
 * the share of each side's sentences the 1-1 beads must hold. Measured
 * (no lexicon): translations 3.22 (en-zh fables), 4.69 (en-ar, 6
 * sentences), 7.86 (it-ru, 300 lines of Anna Karenina); unrelated texts
 * 1.30 to 1.74 (Emma or Kafka against the Chinese fables, French Verne
 * against Russian Tolstoy, the it-ru lines shifted by 100). */
#define LENGTH_CONTRAST 2.4
#define LENGTH_COVERAGE 0.5
#ifndef REFINE
#define REFINE 1 /* many-sentence beads checked against their split (refine.c) */
#endif
#ifndef PASSES
#define PASSES 2 /* alignments: the first without, the others with IBM1 */
#endif

struct tdm_align_prep {
    tdm_strtab *tab;
    tdm_evidence src, tgt;
    uint32_t *src_para, *tgt_para; /* first sentence of each paragraph, + end */
    size_t src_paras, tgt_paras;
    uint32_t *lex_src, *lex_tgt;
    size_t lex_pairs;
    int scripts_apart;               /* the sides are written in different scripts */
    uint32_t *table_src, *table_tgt; /* pairs of a table learnt from a corpus */
    size_t table_pairs;
};

/* The script most of the first SCRIPT_SAMPLE sentences of in are written
 * in (tdm_script_of_text), or -1. */
static int input_script(const tdm_align_input *in)
{
    int script[SCRIPT_SAMPLE];
    size_t votes[SCRIPT_SAMPLE], kinds = 0, best = 0;
    for (size_t i = 0; i < in->count && i < SCRIPT_SAMPLE; i++) {
        int sc = tdm_script_of_text(in->text[i], in->len[i]);
        size_t k = 0;
        while (k < kinds && script[k] != sc)
            k++;
        if (k == kinds) {
            script[kinds] = sc;
            votes[kinds++] = 0;
        }
        votes[k] += sc >= 0;
        if (votes[k] > votes[best])
            best = k;
    }
    return kinds && votes[best] ? script[best] : -1;
}

/* Paragraph offsets of an input: first[k] is the first sentence of
 * paragraph k, first[count] the number of sentences. */
static uint32_t *para_offsets(const tdm_align_input *in, size_t *paras)
{
    uint32_t *first = malloc((in->count + 2) * sizeof *first);
    if (!first)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < in->count; i++)
        if (i == 0 || (in->para && in->para[i] != in->para[i - 1]))
            first[k++] = (uint32_t)i;
    first[k] = (uint32_t)in->count;
    *paras = k;
    return first;
}

tdm_align_prep *tdm_align_prep_new_lex(const tdm_align_input *src, const tdm_align_input *tgt,
                                       const tdm_lexicon *lex, tdm_error *err)
{
    tdm_align_prep *p = calloc(1, sizeof *p);
    if (!p || !(p->tab = tdm_strtab_new()))
        goto oom;
    if (tdm_evidence_build(&p->src, p->tab, src->text, src->len, src->count, src->lang) ||
        tdm_evidence_build(&p->tgt, p->tab, tgt->text, tgt->len, tgt->count, tgt->lang))
        goto oom;
    p->src_para = para_offsets(src, &p->src_paras);
    p->tgt_para = para_offsets(tgt, &p->tgt_paras);
    if (!p->src_para || !p->tgt_para)
        goto oom;
    if (lex && tdm_lexicon_resolve(lex, p->tab, &p->lex_src, &p->lex_tgt, &p->lex_pairs))
        goto oom;
    int ss = input_script(src), ts = input_script(tgt);
    p->scripts_apart = ss >= 0 && ts >= 0 && ss != ts;
    return p;
oom:
    tdm_align_prep_free(p);
    tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
    return NULL;
}

tdm_align_prep *tdm_align_prep_new(const tdm_align_input *src, const tdm_align_input *tgt,
                                   const char *lexicon, int swap_lexicon, tdm_error *err)
{
    tdm_lexicon *lex = NULL;
    if (lexicon && *lexicon &&
        !(lex = tdm_lexicon_load(lexicon, swap_lexicon, src->lang, tgt->lang, err)))
        return NULL;
    tdm_align_prep *p = tdm_align_prep_new_lex(src, tgt, lex, err);
    tdm_lexicon_free(lex);
    return p;
}

void tdm_align_prep_free(tdm_align_prep *p)
{
    if (!p)
        return;
    tdm_strtab_free(p->tab);
    tdm_evidence_free(&p->src);
    tdm_evidence_free(&p->tgt);
    free(p->src_para);
    free(p->tgt_para);
    free(p->lex_src);
    free(p->lex_tgt);
    free(p->table_src);
    free(p->table_tgt);
    free(p);
}

int tdm_align_prep_set_table(tdm_align_prep *prep, const tdm_lexicon *table)
{
    free(prep->table_src);
    free(prep->table_tgt);
    prep->table_src = prep->table_tgt = NULL;
    prep->table_pairs = 0;
    return table ? tdm_lexicon_resolve(table, prep->tab, &prep->table_src, &prep->table_tgt,
                                       &prep->table_pairs)
                 : 0;
}

void tdm_align_prep_evidence(const tdm_align_prep *prep, const tdm_strtab **tab,
                             const tdm_evidence **src, const tdm_evidence **tgt)
{
    *tab = prep->tab;
    *src = &prep->src;
    *tgt = &prep->tgt;
}

/* The state of one alignment run. */
typedef struct {
    const tdm_align_prep *prep;
    const tdm_align_params *p;
    const tdm_align_opts *opts;
    tdm_length_model len;
    tdm_transtab lex, ibm;
    int has_lex, has_ibm;
    tdm_units su, tu; /* sentence units */
    tdm_scorer sent;
} run_state;

static double logistic(double x)
{
    return 1 / (1 + exp(-x));
}

/* Confidence of a bead from its cost (see the top comment); *margin (may
 * be NULL) gets the cost saved per sentence over leaving them unaligned. */
static double bead_score(const run_state *st, const tdm_bead *b, double *sim, double *margin_out)
{
    if (b->src_count == 0 || b->tgt_count == 0) {
        if (sim)
            *sim = 0;
        if (margin_out)
            *margin_out = 0;
        return st->p->conf_null;
    }
    double cost = tdm_scorer_bead(&st->sent, b, sim);
    double sentences = b->src_count + b->tgt_count, nulls = 0;
    for (uint32_t x = 0; x < b->src_count; x++)
        nulls += tdm_scorer_null(&st->sent, 0, b->src_first + x);
    for (uint32_t y = 0; y < b->tgt_count; y++)
        nulls += tdm_scorer_null(&st->sent, 1, b->tgt_first + y);
    double margin = (nulls - cost) / sentences;
    if (margin_out)
        *margin_out = margin;
    return logistic(st->p->conf_a + st->p->conf_b * margin);
}

/* Builds the units of both sides, unit u of a side holding sentences
 * [first[u], first[u + 1]) (first NULL: one sentence a unit). Each side
 * keeps only the keys the other has (all others cannot match): source
 * against the target's items, target against the source's units (the
 * same units as building both whole and dropping the keys the other lacks,
 * without the peak of memory of the whole ones). 0 or TDM_ENOMEM. */
static int build_pair(const run_state *st, tdm_units *su, tdm_units *tu, const uint32_t *src_first,
                      size_t src_count, const uint32_t *tgt_first, size_t tgt_count)
{
    const tdm_align_prep *pr = st->prep;
    size_t vocab = tdm_strtab_count(pr->tab);
    uint8_t *tkeys = tdm_evidence_keyset(&pr->tgt, vocab), *skeys = NULL;
    int rc = !tkeys ||
             tdm_units_build(su, &pr->src, src_first, src_count, st->p->ev,
                             st->has_lex ? &st->lex : NULL, st->has_ibm ? &st->ibm : NULL, tkeys) ||
             !(skeys = tdm_units_keyset(su, vocab)) ||
             tdm_units_build(tu, &pr->tgt, tgt_first, tgt_count, NULL, NULL, NULL, skeys);
    free(tkeys);
    free(skeys);
    return rc ? TDM_ENOMEM : 0;
}

static int build_units(run_state *st)
{
    const tdm_align_prep *pr = st->prep;
    tdm_units_free(&st->su);
    tdm_units_free(&st->tu);
    tdm_scorer_free(&st->sent);
    if (build_pair(st, &st->su, &st->tu, NULL, pr->src.count, NULL, pr->tgt.count))
        return TDM_ENOMEM;
    unsigned max_bead = st->opts->max_bead < 1   ? 1
                        : st->opts->max_bead > 7 ? 7
                                                 : (unsigned)st->opts->max_bead;
    return tdm_scorer_init(&st->sent, &st->su, &st->tu, &st->len, st->p, st->p->w_sim, -1,
                           max_bead);
}

/* Frees the sentence units and their scorer (build_units makes them again). */
static void free_units(run_state *st)
{
    tdm_scorer_free(&st->sent);
    tdm_units_free(&st->su);
    tdm_units_free(&st->tu);
}

/* Aligns the paragraphs, with chance match rate chance (the sentence
 * scorer's); *reliable tells whether to trust them. Writes the paragraph
 * beads (caller frees). */
static int align_paragraphs(run_state *st, double chance, tdm_bead **beads, size_t *count,
                            int *reliable)
{
    const tdm_align_prep *pr = st->prep;
    tdm_units pu = {0}, qu = {0};
    tdm_scorer ps = {0};
    size_t cap = 0;
    int rc = TDM_ENOMEM;
    *beads = NULL;
    *count = 0;
    if (build_pair(st, &pu, &qu, pr->src_para, pr->src_paras, pr->tgt_para, pr->tgt_paras) ||
        tdm_scorer_init(&ps, &pu, &qu, &st->len, st->p, st->p->para_w_sim, chance, 2))
        goto done;
    if ((rc = tdm_search(&ps, 0, pu.count, 0, qu.count, NULL, 0, beads, count, &cap)) != 0)
        goto done;
    /* Reliable when most sentences sit in paragraph beads that are cheaper
     * than leaving their paragraphs unaligned. */
    double good = 0, all = (double)(pr->src.count + pr->tgt.count);
    for (size_t k = 0; k < *count; k++) {
        const tdm_bead *b = &(*beads)[k];
        if (b->src_count == 0 || b->tgt_count == 0)
            continue;
        double cost = tdm_scorer_bead(&ps, b, NULL), nulls = 0;
        for (uint32_t x = 0; x < b->src_count; x++)
            nulls += tdm_scorer_null(&ps, 0, b->src_first + x);
        for (uint32_t y = 0; y < b->tgt_count; y++)
            nulls += tdm_scorer_null(&ps, 1, b->tgt_first + y);
        if (cost < nulls)
            good += pr->src_para[b->src_first + b->src_count] - pr->src_para[b->src_first] +
                    pr->tgt_para[b->tgt_first + b->tgt_count] - pr->tgt_para[b->tgt_first];
    }
    *reliable = all > 0 && good / all >= 0.75;
    rc = 0;
done:
    tdm_scorer_free(&ps);
    tdm_units_free(&pu);
    tdm_units_free(&qu);
    return rc;
}

/* One alignment pass over the whole input. */
static int align_pass(run_state *st, const tdm_bead *guide, size_t guide_count, tdm_bead **out,
                      size_t *count, int *used_paragraphs)
{
    const tdm_align_prep *pr = st->prep;
    size_t cap = 0;
    *out = NULL;
    *count = 0;
    *used_paragraphs = 0;
    int try_paras = 0;
    if (st->opts->paragraphs == TDM_ALIGN_PARA_ON) {
        try_paras = pr->src_paras > 1 || pr->tgt_paras > 1;
    } else if (st->opts->paragraphs == TDM_ALIGN_PARA_AUTO) {
        size_t lo = pr->src_paras < pr->tgt_paras ? pr->src_paras : pr->tgt_paras;
        size_t hi = pr->src_paras < pr->tgt_paras ? pr->tgt_paras : pr->src_paras;
        try_paras = lo >= 2 && hi <= 2 * lo + 2;
    }
    if (try_paras) {
        /* The paragraph units are about as large as the sentence units (the
         * largest arrays of an alignment): the sentence units are freed
         * while the paragraphs are aligned and built again after, the same
         * (they depend on the evidence, tables and model only). */
        tdm_bead *pb;
        size_t pc;
        double chance = st->sent.d0;
        free_units(st);
        int reliable, rc = align_paragraphs(st, chance, &pb, &pc, &reliable);
        if (rc == 0)
            rc = build_units(st);
        if (rc) {
            free(pb);
            return rc;
        }
        if (reliable || st->opts->paragraphs == TDM_ALIGN_PARA_ON) {
            for (size_t k = 0; k < pc && rc == 0; k++) {
                const tdm_bead *b = &pb[k];
                size_t s0 = pr->src_para[b->src_first];
                size_t s1 = pr->src_para[b->src_first + b->src_count];
                size_t t0 = pr->tgt_para[b->tgt_first];
                size_t t1 = pr->tgt_para[b->tgt_first + b->tgt_count];
                rc = tdm_search(&st->sent, s0, s1 - s0, t0, t1 - t0, guide, guide_count, out, count,
                                &cap);
            }
            free(pb);
            *used_paragraphs = 1;
            return rc;
        }
        free(pb);
    }
    return tdm_search(&st->sent, 0, pr->src.count, 0, pr->tgt.count, guide, guide_count, out, count,
                      &cap);
}

/* A corpus-wide table (tdm_align_prep_set_table) as the IBM1 evidence of a
 * pass that has no table of its own. */
static int table_ibm(run_state *st)
{
    const tdm_align_prep *pr = st->prep;
    if (pr->table_pairs == 0)
        return 0;
    if (tdm_transtab_build(&st->ibm, tdm_strtab_count(pr->tab), pr->table_src, pr->table_tgt,
                           pr->table_pairs))
        return TDM_ENOMEM;
    st->has_ibm = 1;
    return 0;
}

/* Whether a first-pass bead teaches the second pass: a 1-1 bead whose
 * margin (see bead_score) reaches params->confident_margin. A margin, not
 * a score: the score's calibration (fit.c, step 3) must not change which
 * beads teach, which the fit's search of the cost weights has not seen. */
static int teaches(const run_state *st, const tdm_bead *b)
{
    double margin;
    if (b->src_count != 1 || b->tgt_count != 1)
        return 0;
    bead_score(st, b, NULL, &margin);
    return margin >= st->p->confident_margin;
}

/* The 1-1 beads of beads that teach (teaches()): the pairs that teach IBM1. Two new arrays (caller
 * frees) of *n sentence indexes. */
static int confident_pairs(const run_state *st, const tdm_bead *beads, size_t count, uint32_t **src,
                           uint32_t **tgt, size_t *n)
{
    *src = malloc((count + 1) * sizeof **src);
    *tgt = malloc((count + 1) * sizeof **tgt);
    *n = 0;
    if (!*src || !*tgt) {
        free(*src);
        free(*tgt);
        *src = *tgt = NULL;
        return TDM_ENOMEM;
    }
    for (size_t k = 0; k < count; k++) {
        const tdm_bead *b = &beads[k];
        if (!teaches(st, b))
            continue;
        (*src)[*n] = b->src_first;
        (*tgt)[*n] = b->tgt_first;
        (*n)++;
    }
    return 0;
}

/* Re-estimates the length model and learns IBM1 from the confident 1-1
 * beads of a first pass (with the pairs of a corpus-wide table). */
static int learn_from(run_state *st, const tdm_bead *beads, size_t count)
{
    const tdm_align_prep *pr = st->prep;
    double *ls = malloc((count + 1) * sizeof *ls), *lt = malloc((count + 1) * sizeof *lt);
    uint32_t *ss = malloc((count + 1) * sizeof *ss), *ts = malloc((count + 1) * sizeof *ts);
    int rc = TDM_ENOMEM;
    if (!ls || !lt || !ss || !ts)
        goto done;
    size_t n = 0;
    for (size_t k = 0; k < count; k++) {
        const tdm_bead *b = &beads[k];
        if (!teaches(st, b))
            continue;
        ls[n] = pr->src.chars[b->src_first];
        lt[n] = pr->tgt.chars[b->tgt_first];
        ss[n] = b->src_first;
        ts[n] = b->tgt_first;
        n++;
    }
    /* The units are rebuilt with the new table: free them before learning
     * it (the peak of memory). */
    tdm_scorer_free(&st->sent);
    tdm_units_free(&st->su);
    tdm_units_free(&st->tu);
    double c = st->len.c, s2 = st->len.s2;
    if (tdm_length_estimate(ls, lt, n, &c, &s2) == 0)
        tdm_length_model_init(&st->len, c, s2);
    rc = 0;
    if (n >= IBM1_MIN_BEADS && st->p->ev[TDM_EV_IBM1] > 0) {
        uint32_t *is, *it;
        size_t pairs;
        size_t vocab = tdm_strtab_count(pr->tab);
        rc = tdm_ibm1_learn(&pr->src, &pr->tgt, ss, ts, n, vocab, IBM1_ITERATIONS,
                            st->p->ibm_threshold, &is, &it, &pairs);
        /* Both directions: t(f|e) and t(e|f), the union of their pairs. */
        uint32_t *rs = NULL, *rt = NULL;
        size_t rpairs = 0;
        if (rc == 0)
            rc = tdm_ibm1_learn(&pr->tgt, &pr->src, ts, ss, n, vocab, IBM1_ITERATIONS,
                                st->p->ibm_threshold, &rt, &rs, &rpairs);
        if (rc == 0) {
            /* ... and the pairs of a corpus-wide table, if any. */
            size_t all = pairs + rpairs + pr->table_pairs;
            uint32_t *us = realloc(is, (all + 1) * sizeof *us);
            uint32_t *ut = us ? realloc(it, (all + 1) * sizeof *ut) : NULL;
            if (us)
                is = us;
            if (ut)
                it = ut;
            if (us && ut) {
                memcpy(is + pairs, rs, rpairs * sizeof *is);
                memcpy(it + pairs, rt, rpairs * sizeof *it);
                if (pr->table_pairs) {
                    memcpy(is + pairs + rpairs, pr->table_src, pr->table_pairs * sizeof *is);
                    memcpy(it + pairs + rpairs, pr->table_tgt, pr->table_pairs * sizeof *it);
                }
                pairs = all;
                rc = tdm_transtab_build(&st->ibm, vocab, is, it, pairs) ? TDM_ENOMEM : 0;
                st->has_ibm = rc == 0;
            } else {
                rc = TDM_ENOMEM;
            }
        }
        free(is);
        free(it);
        free(rs);
        free(rt);
    }
    if (rc == 0 && !st->has_ibm)
        rc = table_ibm(st);
done:
    free(ls);
    free(lt);
    free(ss);
    free(ts);
    return rc;
}

/* How much more the sentences of the linked beads (both sides non-empty)
 * match their partners than other sentences of the other side: the matches
 * per word of the sentence pairs inside bead k over those of the pairs
 * (source of bead k, target of bead k + h) for a few shifts h. Translations
 * share their names, numbers and translated words with their partner
 * sentences, far more than with the others (a ratio of several); unrelated
 * texts, whatever the DP picked, about as much with any sentence (near 1).
 * Every linked bead counts, not only the 1-1 ones: a free or abridged
 * translation (TransRead's Emma drops a third of the English sentences and
 * merges others) has few 1-1 beads, and on a short text a ratio over five
 * of them is noise. *ratio is 0 with fewer than two linked beads.
 * Returns 0 or TDM_ENOMEM: a ratio of 0 for want of memory would call
 * translations unrelated (a batch rejects them) without a word. */
static int contrast(const run_state *st, const tdm_bead *beads, size_t count, double *ratio)
{
    size_t linked = 0;
    *ratio = 0;
    for (size_t k = 0; k < count; k++)
        linked += beads[k].src_count > 0 && beads[k].tgt_count > 0;
    if (linked < 2)
        return 0;
    const tdm_bead **sample = malloc(linked * sizeof *sample);
    if (!sample)
        return TDM_ENOMEM;
    size_t n = 0, step = linked / CONTRAST_SAMPLE + 1, seen = 0; /* bounded work */
    for (size_t k = 0; k < count; k++)
        if (beads[k].src_count > 0 && beads[k].tgt_count > 0 && seen++ % step == 0)
            sample[n++] = &beads[k];
    const tdm_scorer *s = &st->sent;
    double on = 0, on_tok = 0, off = 0, off_tok = 0;
    size_t shifts = n - 1 < 8 ? n - 1 : 8;
    /* The matches of each pair of beads (each source sentence marked once
     * for its shifts), then summed in the order of beads as before. */
    double *matches = calloc(n * (shifts + 1), sizeof *matches);
    tdm_marks marks = {0};
    if (!matches || tdm_marks_init(&marks, s)) {
        free(matches);
        free(sample);
        return TDM_ENOMEM;
    }
    for (size_t k = 0; k < n; k++) {
        const tdm_bead *a = sample[k];
        for (uint32_t i = a->src_first; i < a->src_first + a->src_count; i++) {
            tdm_marks_set(&marks, s, i);
            for (size_t h = 0; h <= shifts; h++) {
                const tdm_bead *b = sample[(k + h * n / (shifts + 1)) % n];
                for (uint32_t j = b->tgt_first; j < b->tgt_first + b->tgt_count; j++)
                    matches[k * (shifts + 1) + h] += tdm_marks_match(&marks, s, j);
            }
            tdm_marks_unset(&marks, s, i);
        }
    }
    tdm_marks_free(&marks);
    for (size_t k = 0; k < n; k++)
        for (size_t h = 0; h <= shifts; h++) {
            const tdm_bead *a = sample[k], *b = sample[(k + h * n / (shifts + 1)) % n];
            double match = matches[k * (shifts + 1) + h], tokens = 0;
            for (uint32_t i = a->src_first; i < a->src_first + a->src_count; i++)
                for (uint32_t j = b->tgt_first; j < b->tgt_first + b->tgt_count; j++)
                    tokens += s->src->ntok[i] + s->tgt->ntok[j];
            if (h == 0) {
                on += match;
                on_tok += tokens;
            } else {
                off += match;
                off_tok += tokens;
            }
        }
    free(sample);
    free(matches);
    double rate_on = on_tok > 0 ? on / on_tok : 0, rate_off = off_tok > 0 ? off / off_tok : 0;
    *ratio = rate_on / (rate_off + 0.01);
    return 0;
}

/* The length evidence of the 1-1 beads: how much farther the lengths of
 * a source sentence and a target sentence other than its partner are from
 * the texts' ratio than those of partners (mean absolute deviation of the
 * log length ratio, shifted pairs over partners, as contrast() pairs
 * them). Translations keep their lengths in step (a ratio of 3 to 8);
 * unrelated texts, however the DP paired them, hardly (1.3 to 1.7). Sets
 * *covered to the smaller share of a side's sentences in 1-1 beads.
 * *ratio is 0 with fewer than three 1-1 beads. Returns 0 or TDM_ENOMEM. */
static int length_contrast(const run_state *st, const tdm_bead *beads, size_t count, double *ratio,
                           double *covered)
{
    const tdm_evidence *se = &st->prep->src, *te = &st->prep->tgt;
    size_t n = 0;
    double mean = 0;
    *covered = 0;
    *ratio = 0;
    for (size_t k = 0; k < count; k++)
        if (beads[k].src_count == 1 && beads[k].tgt_count == 1) {
            mean +=
                log(se->chars[beads[k].src_first] + 1.0) - log(te->chars[beads[k].tgt_first] + 1.0);
            n++;
        }
    if (n < 3 || !se->count || !te->count)
        return 0;
    double a = (double)n / (double)se->count, b = (double)n / (double)te->count;
    *covered = a < b ? a : b;
    mean /= (double)n;
    uint32_t *src = malloc(n * sizeof *src), *tgt = malloc(n * sizeof *tgt);
    if (!src || !tgt) {
        free(src);
        free(tgt);
        return TDM_ENOMEM;
    }
    size_t m = 0;
    for (size_t k = 0; k < count; k++)
        if (beads[k].src_count == 1 && beads[k].tgt_count == 1) {
            src[m] = beads[k].src_first;
            tgt[m++] = beads[k].tgt_first;
        }
    double on = 0, off = 0;
    size_t shifts = n - 1 < 8 ? n - 1 : 8, offs = 0;
    for (size_t k = 0; k < n; k++) {
        double ls = log(se->chars[src[k]] + 1.0);
        on += fabs(ls - log(te->chars[tgt[k]] + 1.0) - mean);
        for (size_t h = 1; h <= shifts; h++, offs++)
            off += fabs(ls - log(te->chars[tgt[(k + h * n / (shifts + 1)) % n]] + 1.0) - mean);
    }
    free(src);
    free(tgt);
    *ratio = (off / (double)offs) / (on / (double)n + 0.01);
    return 0;
}

/* Scores the beads and fills stats. Returns 0 or TDM_ENOMEM. */
static int fill_stats(run_state *st, tdm_bead *beads, size_t count, tdm_align_stats *stats,
                      tdm_align_diag *diag)
{
    double sum = 0, sim_sum = 0;
    size_t sim_n = 0, linked = 0;
    for (size_t k = 0; k < count; k++) {
        tdm_bead *b = &beads[k];
        double sim;
        b->score = bead_score(st, b, &sim, diag && diag->margin ? &diag->margin[k] : NULL);
        sum += b->score;
        linked += b->src_count > 0 && b->tgt_count > 0;
        if (b->src_count == 1 && b->tgt_count == 1) {
            sim_sum += sim;
            sim_n++;
        }
        stats->beads_by_type[b->src_count > 3 ? 3 : b->src_count]
                            [b->tgt_count > 3 ? 3 : b->tgt_count]++;
    }
    stats->mean_score = count ? sum / count : 0;
    /* Translations share names, numbers and (learnt) words in most 1-1
     * beads; unrelated texts only by chance. */
    double mean_sim = sim_n ? sim_sum / sim_n : 0;
    if (diag)
        diag->mean_sim = mean_sim;
    /* An empty side is not evidence of anything; two texts of which no
     * sentences could be paired are unrelated; else both figures must say
     * so (on short texts either alone errs: TransRead extracts of 12 gold
     * beads, against extracts of other books, overlap on each). */
    int both = st->prep->src.count > 0 && st->prep->tgt.count > 0;
    double ratio;
    if (contrast(st, beads, count, &ratio))
        return TDM_ENOMEM;
    if (diag)
        diag->contrast = ratio;
    stats->unrelated =
        both && (sim_n ? mean_sim < st->p->unrelated_below && ratio < st->p->unrelated_contrast
                       : linked == 0);
    /* Texts in scripts that share nothing share no words either, only
     * numbers and what IBM1 learns, too little on a short text (the Chinese
     * fables, 60 sentences, were "unrelated" without a lexicon): there the
     * lengths of partners decide too. */
    double lratio, covered;
    if (stats->unrelated && st->prep->scripts_apart) {
        if (length_contrast(st, beads, count, &lratio, &covered))
            return TDM_ENOMEM;
        if (lratio >= LENGTH_CONTRAST && covered >= LENGTH_COVERAGE)
            stats->unrelated = 0;
    }
    return 0;
}

/* The state before the first pass: length defaults, the lexicon's and a
 * corpus-wide table's evidence, the sentence units. 0 or TDM_ENOMEM. */
static int run_begin(run_state *st)
{
    const tdm_align_prep *prep = st->prep;
    tdm_length_model_init(&st->len, st->p->len_c, st->p->len_s2);
    if (prep->lex_pairs > 0) {
        if (tdm_transtab_build(&st->lex, tdm_strtab_count(prep->tab), prep->lex_src, prep->lex_tgt,
                               prep->lex_pairs))
            return TDM_ENOMEM;
        st->has_lex = 1;
    }
    int rc = table_ibm(st);
    return rc ? rc : build_units(st);
}

static void run_end(run_state *st)
{
    tdm_scorer_free(&st->sent);
    tdm_units_free(&st->su);
    tdm_units_free(&st->tu);
    tdm_transtab_free(&st->lex);
    tdm_transtab_free(&st->ibm);
}

int tdm_align_confident(const tdm_align_prep *prep, const tdm_align_params *params,
                        const tdm_align_opts *opts, uint32_t **src, uint32_t **tgt, size_t *count,
                        tdm_error *err)
{
    run_state st = {.prep = prep, .p = params, .opts = opts};
    tdm_bead *first = NULL;
    size_t first_count = 0;
    int used = 0;
    *src = *tgt = NULL;
    *count = 0;
    int rc = run_begin(&st);
    if (rc == 0)
        rc = align_pass(&st, NULL, 0, &first, &first_count, &used);
    if (rc == 0)
        rc = confident_pairs(&st, first, first_count, src, tgt, count);
    free(first);
    run_end(&st);
    if (rc == TDM_ENOMEM)
        return tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
    if (rc)
        return tdm_fail(err, rc, NULL, -1, -1, "alignment failed: %s", tdm_strerror(rc));
    return 0;
}

int tdm_align_run(const tdm_align_prep *prep, const tdm_align_params *params,
                  const tdm_align_opts *opts, tdm_bead **beads, size_t *count,
                  tdm_align_stats *stats, tdm_align_diag *diag, tdm_error *err)
{
    run_state st = {.prep = prep, .p = params, .opts = opts};
    tdm_bead *first = NULL, *second = NULL;
    size_t first_count = 0, second_count = 0;
    int used = 0, rc = 0;
    memset(stats, 0, sizeof *stats);
    *beads = NULL;
    *count = 0;
    if ((rc = run_begin(&st)) != 0)
        goto fail;
    if ((rc = align_pass(&st, NULL, 0, &first, &first_count, &used)) != 0)
        goto fail;
    for (int pass = 1; pass < PASSES && prep->src.count > 0 && prep->tgt.count > 0; pass++) {
        tdm_transtab_free(&st.ibm);
        st.has_ibm = 0;
        if ((rc = learn_from(&st, first, first_count)) != 0)
            goto fail;
        if ((rc = build_units(&st)) != 0)
            goto fail;
        if ((rc = align_pass(&st, first, first_count, &second, &second_count, &used)) != 0)
            goto fail;
        free(first);
        first = second;
        first_count = second_count;
        second = NULL;
    }
    if (REFINE && (rc = tdm_refine(&st.sent, &first, &first_count)) != 0)
        goto fail;
    if (diag) {
        diag->margin = malloc((first_count + 1) * sizeof *diag->margin);
        if (!diag->margin)
            goto oom;
    }
    if (fill_stats(&st, first, first_count, stats, diag))
        goto oom;
    stats->used_paragraphs = used;
    *beads = first;
    *count = first_count;
    first = NULL;
fail:
    if (rc == TDM_ENOMEM)
        goto oom;
    if (rc)
        tdm_fail(err, rc, NULL, -1, -1, "alignment failed: %s", tdm_strerror(rc));
    goto done;
oom:
    rc = tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
done:
    free(first);
    free(second);
    run_end(&st);
    return rc;
}

int tdm_align_strings(const tdm_align_input *src, const tdm_align_input *tgt,
                      const tdm_align_params *params, const tdm_align_opts *opts,
                      const char *lexicon, int swap_lexicon, tdm_bead **beads, size_t *count,
                      tdm_align_stats *stats, tdm_error *err)
{
    tdm_align_prep *prep = tdm_align_prep_new(src, tgt, lexicon, swap_lexicon, err);
    if (!prep)
        return err ? err->code : TDM_ENOMEM;
    int rc = tdm_align_run(prep, params, opts, beads, count, stats, NULL, err);
    tdm_align_prep_free(prep);
    return rc;
}
