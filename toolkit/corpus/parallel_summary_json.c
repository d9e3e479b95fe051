/*
 * parallel_summary_json.c: a parallel summary as one JSON object, a
 * summary per language in the shape of the one-language summary's -f json
 * (summary_io.c), whose items translate each other item by item:
 *
 *   {"source":{"file":"es.txt","lang":"es","sentences":16,
 *              "summary":[{"index":3,"ids":[3],"start":412,"end":530,
 *                          "score":0.8123,"text":"..."}]},
 *    "target":{"file":"fr.txt","lang":"fr","sentences":18,
 *              "summary":[{"index":3,"ids":[3],"start":440,"end":571,
 *                          "score":0.8123,"text":"..."}]},
 *    "beads":[{"src_ids":[3],"tgt_ids":[3],"score":0.8123,"align_score":0.9731}]}
 *
 * Item k of source.summary, item k of target.summary and beads[k] are the
 * same bead, in story order. An item has the members of a one-language
 * item (index, start, end, score, text: a reader of -f json reads both)
 * plus ids, the 0-based sentence indices of the side (a bead may hold more
 * than one sentence with --any-bead: the item joins them with a space),
 * index being the first; start and end the byte span in the original file;
 * score the bead's summary score (the same on both sides), align_score its
 * alignment score.
 * "source" and "target" rather than language codes as keys, so that two
 * texts of one language (two translations) do not collide.
 */
#include "corpus/parallel_summary_json.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/json.h"

static void write_ids(FILE *f, uint32_t first, uint32_t count)
{
    fputc('[', f);
    for (uint32_t i = 0; i < count; i++)
        fprintf(f, i ? ",%u" : "%u", first + i);
    fputc(']', f);
}

/* One side's item: sentences [first, first + count) of doc, chosen with
 * the summary score `score`. */
static int write_item(FILE *f, const tdm_doc *doc, uint32_t first, uint32_t count, double score)
{
    const tdm_sentence *sent = tdm_doc_sentences(doc);
    fprintf(f, "{\"index\":%u,\"ids\":", first);
    write_ids(f, first, count);
    /* The sentences joined with a space, then written as one string. */
    size_t cap = 1, len = 0;
    for (uint32_t i = 0; i < count; i++)
        cap += sent[first + i].end - sent[first + i].start + 1;
    char *joined = malloc(cap);
    if (!joined)
        return TDM_ENOMEM;
    for (uint32_t i = 0; i < count; i++) {
        size_t l;
        char *text = tdm_doc_sentence_dup(doc, first + i, &l);
        if (!text || len + l + 1 > cap) {
            free(text);
            free(joined);
            return TDM_ENOMEM;
        }
        if (i)
            joined[len++] = ' ';
        memcpy(joined + len, text, l);
        len += l;
        free(text);
    }
    fprintf(f, ",\"start\":%zu,\"end\":%zu,\"score\":%.4f,\"text\":", sent[first].orig_start,
            sent[first + count - 1].orig_end, score);
    tdm_json_write_string(f, joined, len);
    free(joined);
    fputc('}', f);
    return 0;
}

/* The summary score of chosen bead c: the alignment's bead with the same
 * sentences (the chosen beads are copies of them). */
static double summary_score(const tdm_alignment *al, const double *scores, const tdm_bead *c)
{
    const tdm_bead *b = tdm_alignment_beads(al);
    for (size_t i = 0; i < tdm_alignment_count(al); i++)
        if (b[i].src_first == c->src_first && b[i].src_count == c->src_count &&
            b[i].tgt_first == c->tgt_first && b[i].tgt_count == c->tgt_count)
            return scores[i];
    return 0;
}

static int write_side(FILE *f, const char *key, const tdm_doc *doc, const char *lang,
                      const tdm_alignment *al, const double *scores, const tdm_bead *b, size_t n,
                      int target)
{
    const char *name = tdm_doc_name(doc);
    fprintf(f, "\"%s\":{\"file\":", key);
    tdm_json_write_string(f, name, strlen(name));
    fputs(",\"lang\":", f);
    tdm_json_write_string(f, lang ? lang : "", lang ? strlen(lang) : 0);
    fprintf(f, ",\"sentences\":%zu,\"summary\":[", tdm_doc_sentence_count(doc));
    for (size_t k = 0; k < n; k++) {
        if (k)
            fputc(',', f);
        double score = summary_score(al, scores, &b[k]);
        int rc = target ? write_item(f, doc, b[k].tgt_first, b[k].tgt_count, score)
                        : write_item(f, doc, b[k].src_first, b[k].src_count, score);
        if (rc != 0)
            return rc;
    }
    fputs("]}", f);
    return 0;
}

int tdm_parallel_summary_write_json(FILE *f, const tdm_doc *src, const tdm_doc *tgt,
                                    const tdm_alignment *al, const double *scores,
                                    const tdm_bead *b, size_t n, const char *sl, const char *tl,
                                    tdm_error *err)
{
    fputc('{', f);
    if (write_side(f, "source", src, sl, al, scores, b, n, 0) != 0 || fputc(',', f) == EOF ||
        write_side(f, "target", tgt, tl, al, scores, b, n, 1) != 0)
        return tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
    fputs(",\"beads\":[", f);
    for (size_t k = 0; k < n; k++) {
        fputs(k ? ",{\"src_ids\":" : "{\"src_ids\":", f);
        write_ids(f, b[k].src_first, b[k].src_count);
        fputs(",\"tgt_ids\":", f);
        write_ids(f, b[k].tgt_first, b[k].tgt_count);
        fprintf(f, ",\"score\":%.4f,\"align_score\":%.4f}", summary_score(al, scores, &b[k]),
                b[k].score);
    }
    fputs("]}\n", f);
    return 0;
}
