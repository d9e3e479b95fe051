/*
 * bead_file.c: a bead file read as the alignment of two documents, so that
 * a corrected alignment (the review page's export, a gold file) can be
 * written in every output format (align --from-beads).
 *
 * The syntax is tdm_beads_read's (eval.c). On top of it, an alignment must
 * cover both documents: each side's ids, taken bead after bead, must run
 * 0, 1, 2... to the last sentence with nothing skipped or repeated, which
 * is what the writers (the ladder's rungs, the page) rely on. An empty side
 * gets the position where its document stands, as the aligner's own null
 * beads do. Errors name the line of the bead at fault; lines are counted
 * again from the file only then, since tdm_beads_read skips blank lines.
 */
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/fileio.h"
#include "tandem/align.h"
#include "tandem/eval.h"

/* The line (1-based) of the bead at index k of path: its k-th non-blank
 * line; -1 when the file cannot be read again. */
static long line_of(const char *path, size_t k)
{
    char *data;
    size_t len;
    tdm_error ignored;
    if (tdm_read_all(path, &data, &len, &ignored) != TDM_OK)
        return -1;
    long line = 0, found = -1;
    size_t seen = 0;
    for (size_t pos = 0; pos < len && found < 0;) {
        const char *s = data + pos, *nl = memchr(s, '\n', len - pos);
        const char *end = nl ? nl : data + len;
        pos = (size_t)(end - data) + 1;
        line++;
        int blank = 1;
        for (const char *c = s; c < end && blank; c++)
            blank = *c == ' ' || *c == '\t' || *c == '\r';
        if (!blank && seen++ == k)
            found = line;
    }
    free(data);
    return found;
}

/* Checks one side of bead k against the position *pos of its document of
 * total sentences and moves *pos past it. Returns 0, or TDM_EINPUT. */
static int check_side(const char *path, size_t k, const char *side, uint32_t *first, uint32_t count,
                      size_t *pos, size_t total, tdm_error *err)
{
    if (count == 0) {
        *first = (uint32_t)*pos;
        return TDM_OK;
    }
    size_t end = (size_t)*first + count;
    if (end > total)
        return tdm_fail(err, TDM_EINPUT, path, line_of(path, k), -1,
                        "bead names %s sentence %zu, but the %s has %zu sentences", side, end - 1,
                        side, total);
    if (*first > *pos)
        return tdm_fail(err, TDM_EINPUT, path, line_of(path, k), -1,
                        "%s sentences %zu to %u are in no bead", side, *pos, *first - 1);
    if (*first < *pos)
        return tdm_fail(err, TDM_EINPUT, path, line_of(path, k), -1,
                        "%s sentence %u is in two beads, or the beads are out of order", side,
                        *first);
    *pos = end;
    return TDM_OK;
}

tdm_alignment *tdm_alignment_read_beads(const char *path, size_t src_sentences,
                                        size_t tgt_sentences, tdm_error *err)
{
    tdm_bead *beads = NULL;
    size_t count = 0;
    if (tdm_beads_read(path, &beads, &count, err) != TDM_OK)
        return NULL;
    size_t ps = 0, pt = 0, kept = 0;
    int rc = TDM_OK;
    for (size_t k = 0; k < count && rc == TDM_OK; k++) {
        tdm_bead b = beads[k];
        if (b.score == -1) /* tdm_beads_read's mark of a gap */
            rc = tdm_fail(err, TDM_EINPUT, path, line_of(path, k), -1,
                          "the ids of one side are not consecutive");
        else if (!(b.score >= 0 && b.score <= 1))
            rc = tdm_fail(err, TDM_EINPUT, path, line_of(path, k), -1,
                          "score %g is not between 0 and 1", b.score);
        if (rc == TDM_OK)
            rc = check_side(path, k, "source", &b.src_first, b.src_count, &ps, src_sentences, err);
        if (rc == TDM_OK)
            rc = check_side(path, k, "target", &b.tgt_first, b.tgt_count, &pt, tgt_sentences, err);
        if (rc == TDM_OK && b.src_count + b.tgt_count > 0)
            beads[kept++] = b;
    }
    if (rc == TDM_OK && (ps < src_sentences || pt < tgt_sentences)) {
        int src = ps < src_sentences;
        rc = tdm_fail(err, TDM_EINPUT, path, -1, -1,
                      "%s sentences %zu to %zu are in no bead (the file ends first)",
                      src ? "source" : "target", src ? ps : pt,
                      (src ? src_sentences : tgt_sentences) - 1);
    }
    tdm_alignment *al = NULL;
    if (rc == TDM_OK) {
        al = tdm_alignment_from_beads(beads, kept);
        if (!al)
            tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
    }
    free(beads);
    return al;
}
