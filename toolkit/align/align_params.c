/*
 * align_params.c: the aligner's parameters, their defaults and their files.
 *
 * models/align/weights holds the fitted weights ("name value" lines, written
 * by tdm_align_fit, see fit.c) and the bead type priors; models/align/
 * length.tsv holds per-language-pair length defaults ("src tgt c s2"), the
 * starting point that the aligner re-estimates from each input. The
 * built-in defaults below are only a fallback for a missing models
 * directory: every figure the aligner uses in practice comes from the files.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align/aligner.h"
#include "base/error.h"
#include "base/fileio.h"
#include "tandem/output.h"

static const char *const names[TDM_ALIGN_NPARAMS] = {
    "w_len",           "w_prior",           "w_sim",         "w_null",
    "ev_word",         "ev_number",         "ev_punct",      "ev_cognate",
    "ev_lexicon",      "ev_ibm1",           "para_w_sim",    "conf_a",
    "conf_b",          "conf_null",         "ibm_threshold", "confident_margin",
    "unrelated_below", "chance_scale",      "w_null_len",    "w_idf",
    "bead_total",      "unrelated_contrast"};

const char *tdm_align_param_name(int k)
{
    return k >= 0 && k < TDM_ALIGN_NPARAMS ? names[k] : NULL;
}

double *tdm_align_param_ref(tdm_align_params *p, int k)
{
    switch (k) {
    case 0: return &p->w_len;
    case 1: return &p->w_prior;
    case 2: return &p->w_sim;
    case 3: return &p->w_null;
    case 4:
    case 5:
    case 6:
    case 7:
    case 8:
    case 9: return &p->ev[k - 4];
    case 10: return &p->para_w_sim;
    case 11: return &p->conf_a;
    case 12: return &p->conf_b;
    case 13: return &p->conf_null;
    case 14: return &p->ibm_threshold;
    case 15: return &p->confident_margin;
    case 16: return &p->unrelated_below;
    case 17: return &p->chance_scale;
    case 18: return &p->w_null_len;
    case 19: return &p->w_idf;
    case 20: return &p->bead_total;
    case 21: return &p->unrelated_contrast;
    default: return NULL;
    }
}

void tdm_align_params_default(tdm_align_params *p)
{
    memset(p, 0, sizeof *p);
    p->w_len = 1.0;
    p->w_prior = 1.0;
    p->w_sim = 4.0;
    p->w_null = 0.0;
    p->ev[TDM_EV_WORD] = 1.0;
    p->ev[TDM_EV_NUMBER] = 1.0;
    p->ev[TDM_EV_PUNCT] = 0.5;
    p->ev[TDM_EV_COGNATE] = 0.5;
    p->ev[TDM_EV_LEXICON] = 1.0;
    p->ev[TDM_EV_IBM1] = 1.0;
    p->para_w_sim = 4.0;
    p->conf_a = 0.0;
    p->conf_b = 1.0;
    p->conf_null = 0.5;
    p->ibm_threshold = 0.3;
    p->confident_margin = 0.847; /* a score of 0.7 with conf_a 0, conf_b 1 */
    p->unrelated_below = 0.0;
    p->chance_scale = 2.0;
    p->w_null_len = 0.0;
    p->w_idf = 0.0;
    p->bead_total = 6;
    p->unrelated_contrast = 1.45;
    /* Gale & Church (1993), table 5 (1-3 and 3-1 our guess). */
    p->prior[1][1] = 0.89;
    p->prior[1][0] = p->prior[0][1] = 0.0099 / 2;
    p->prior[2][1] = p->prior[1][2] = 0.089 / 2;
    p->prior[2][2] = 0.011;
    p->prior[3][1] = p->prior[1][3] = 0.002;
    p->prior[3][2] = p->prior[2][3] = 0.001;
    p->prior[3][3] = 0.0005;
    p->len_c = 1.0;
    p->len_s2 = 6.8;
}

static int set_param(tdm_align_params *p, const char *name, double value)
{
    for (int k = 0; k < TDM_ALIGN_NPARAMS; k++)
        if (strcmp(name, names[k]) == 0) {
            *tdm_align_param_ref(p, k) = value;
            return 0;
        }
    int a, b;
    char tail;
    if (sscanf(name, "prior_%d_%d%c", &a, &b, &tail) == 2 && a >= 0 && a <= 3 && b >= 0 && b <= 3 &&
        a + b > 0 && value >= 0 && value <= 1) {
        p->prior[a][b] = value;
        return 0;
    }
    if (strcmp(name, "len_c") == 0 && value > 0) {
        p->len_c = value;
        return 0;
    }
    if (strcmp(name, "len_s2") == 0 && value > 0) {
        p->len_s2 = value;
        return 0;
    }
    return -1;
}

/* Calls line_fn for each non-comment line; stops at its first error. */
static int each_line(const char *path, int *missing, tdm_error *err,
                     int (*line_fn)(void *ctx, char *line), void *ctx, long *bad_line)
{
    char *data;
    size_t len;
    FILE *probe = fopen(path, "rb");
    *missing = 0;
    if (!probe) {
        *missing = errno == ENOENT;
        if (*missing)
            return 0;
    } else {
        fclose(probe);
    }
    int rc = tdm_read_all(path, &data, &len, err);
    if (rc)
        return rc;
    long line = 0;
    for (char *s = data, *end; s && s < data + len; s = end ? end + 1 : NULL) {
        end = strchr(s, '\n');
        if (end)
            *end = '\0';
        line++;
        char *t = s + strspn(s, " \t\r");
        if (*t == '\0' || *t == '#')
            continue;
        if (line_fn(ctx, t)) {
            *bad_line = line;
            free(data);
            return TDM_EINPUT;
        }
    }
    free(data);
    return 0;
}

static int weight_line(void *ctx, char *line)
{
    char name[64];
    double value;
    char extra;
    if (sscanf(line, "%63s %lf %c", name, &value, &extra) != 2)
        return -1;
    return set_param(ctx, name, value);
}

typedef struct {
    tdm_align_params *p;
    const char *src, *tgt;
} length_ctx;

static int length_line(void *ctx, char *line)
{
    length_ctx *lc = ctx;
    char a[16], b[16], extra;
    double c, s2;
    if (sscanf(line, "%15s %15s %lf %lf %c", a, b, &c, &s2, &extra) != 4 || c <= 0 || s2 <= 0)
        return -1;
    if (!lc->src || !lc->tgt)
        return 0;
    if (strcmp(a, lc->src) == 0 && strcmp(b, lc->tgt) == 0) {
        lc->p->len_c = c;
        lc->p->len_s2 = s2;
    } else if (strcmp(a, lc->tgt) == 0 && strcmp(b, lc->src) == 0) {
        lc->p->len_c = 1 / c;
        lc->p->len_s2 = s2 / c;
    }
    return 0;
}

int tdm_align_params_load(tdm_align_params *p, const char *models_dir, const char *src_lang,
                          const char *tgt_lang, tdm_error *err)
{
    if (!models_dir)
        return 0;
    char path[1024];
    int missing;
    long bad = 0;
    snprintf(path, sizeof path, "%s/align/weights", models_dir);
    int rc = each_line(path, &missing, err, weight_line, p, &bad);
    if (rc == TDM_EINPUT)
        return tdm_fail(err, rc, path, bad, -1, "expected \"name value\" with a known name");
    if (rc)
        return rc;
    snprintf(path, sizeof path, "%s/align/length.tsv", models_dir);
    length_ctx lc = {p, src_lang && *src_lang ? src_lang : NULL,
                     tgt_lang && *tgt_lang ? tgt_lang : NULL};
    rc = each_line(path, &missing, err, length_line, &lc, &bad);
    if (rc == TDM_EINPUT)
        return tdm_fail(err, rc, path, bad, -1, "expected \"src tgt c s2\" with c, s2 > 0");
    return rc;
}

int tdm_align_params_save(const tdm_align_params *p, const char *path, tdm_error *err)
{
    tdm_outfile *out = tdm_outfile_open(path, err);
    if (!out)
        return err ? err->code : TDM_EIO;
    FILE *f = tdm_outfile_stream(out);
    fprintf(f, "# Aligner weights, fitted by tdm_align_fit (align --fit LIST);\n"
               "# see models/README.md. name value, one per line.\n");
    tdm_align_params copy = *p;
    for (int k = 0; k < TDM_ALIGN_NPARAMS; k++)
        fprintf(f, "%s %.6g\n", names[k], *tdm_align_param_ref(&copy, k));
    for (int a = 0; a <= 3; a++)
        for (int b = 0; b <= 3; b++)
            if (a + b > 0 && (a == 0 || b == 0 ? a + b == 1 : 1))
                fprintf(f, "prior_%d_%d %.6g\n", a, b, p->prior[a][b]);
    return tdm_outfile_commit(out, err);
}
