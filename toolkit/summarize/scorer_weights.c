/*
 * scorer_weights.c: the weights of the fitted summary scorer (scorer.c),
 * read from models/summary/weights: "name value" lines, '#' comments,
 * "[all]" and "[<lang>]" sections; a language's section overrides the
 * names it gives (select_words, the selection's reference length, too), so that per-language
 * weights exist only where they were measured better (models/README.md).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/fileio.h"
#include "base/lines.h"
#include "base/number.h"
#include "summarize/scorer.h"

const char *const tdm_feature_names[TDM_FEATURES] = {
    "centroid",     "density", "title",    "position", "first",    "rank_frac",   "log_words",
    "log_words_sq", "numbers", "names",    "lead",     "quote",    "para_first",  "question",
    "title_share",  "novelty", "idf_mean", "rest",     "repeated", "title_cover", "position_len"};

static int set_weight(tdm_scorer_weights *out, const char *name, size_t len, double value)
{
    if (len == 4 && memcmp(name, "bias", 4) == 0) {
        out->bias = value;
        return 0;
    }
    if (len == 12 && memcmp(name, "select_words", 12) == 0) {
        if (value < 0)
            return -2;
        out->select_words = value;
        return 0;
    }
    for (int k = 0; k < TDM_FEATURES; k++)
        if (strlen(tdm_feature_names[k]) == len && memcmp(tdm_feature_names[k], name, len) == 0) {
            out->weight[k] = value;
            return 0;
        }
    return -1;
}

int tdm_scorer_parse(const char *name, const char *text, size_t len, const char *lang,
                     tdm_scorer_weights *out, tdm_error *err)
{
    tdm_scorer_weights sw;
    memset(&sw, 0, sizeof sw);
    tdm_lines it;
    tdm_lines_init(&it, text, len);
    const char *s;
    size_t n;
    int in_use = 0, sections = 0;
    while (tdm_lines_next(&it, &s, &n)) {
        while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
            n--;
        if (n == 0 || s[0] == '#')
            continue;
        if (s[0] == '[') {
            if (s[n - 1] != ']' || n < 3)
                return tdm_fail(err, TDM_EINPUT, name, it.number, -1, "expected [section]");
            size_t l = n - 2;
            in_use = (l == 3 && memcmp(s + 1, "all", 3) == 0) ||
                     (lang && strlen(lang) == l && memcmp(s + 1, lang, l) == 0);
            sections++;
            continue;
        }
        if (!sections)
            return tdm_fail(err, TDM_EINPUT, name, it.number, -1, "a weight before any [section]");
        const char *sp = memchr(s, ' ', n);
        double value;
        if (!sp || tdm_parse_number(sp + 1, n - (size_t)(sp + 1 - s), &value) != 0 ||
            !isfinite(value))
            return tdm_fail(err, TDM_EINPUT, name, it.number, -1, "expected \"name value\"");
        /* Names are checked in every section, so that a typo in another
         * language's section is still an error. */
        tdm_scorer_weights scratch = sw;
        int set = set_weight(in_use ? &sw : &scratch, s, (size_t)(sp - s), value);
        if (set == -2)
            return tdm_fail(err, TDM_EINPUT, name, it.number, -1, "select_words must be >= 0");
        if (set != 0)
            return tdm_fail(err, TDM_EINPUT, name, it.number, -1, "unknown weight %.*s",
                            (int)((size_t)(sp - s) > 40 ? 40 : (size_t)(sp - s)), s);
    }
    *out = sw;
    return 0;
}

int tdm_scorer_load(const char *path, const char *lang, tdm_scorer_weights *out, tdm_error *err)
{
    char *data;
    size_t len;
    FILE *probe = fopen(path, "rb");
    if (!probe && errno == ENOENT)
        return 1;
    if (probe)
        fclose(probe);
    int rc = tdm_read_all(path, &data, &len, err);
    if (rc != 0)
        return rc;
    rc = tdm_scorer_parse(path, data, len, lang, out, err);
    free(data);
    return rc;
}
