/*
 * lang.c: where the models live, the supported languages, and language
 * identification.
 *
 * Identification is Cavnar & Trenkle's n-gram rank-order method ("N-Gram-
 * Based Text Categorization", SDAIR 1994) as implemented by libexttextcat,
 * using its UTF-8 fingerprints (<lang>.lm in TDM_TEXTCAT_DIR) for our six
 * languages only. The fingerprint API (fingerprint.h) is used directly
 * rather than textcat_Init, which needs a configuration file on disk; the
 * six fingerprints are read for each call, which keeps calls independent
 * (thread-safe) and costs about a millisecond. The text is refused
 * (TDM_ENOLANG) when it has fewer than MIN_LETTERS letters, or when its
 * out-of-place distance to the nearest language is more than MAX_RATIO of
 * its distance to the farthest of the six (text in another language or
 * script, random letters: all six are about equally far, ratios measured
 * 0.94-1.0, while one sentence of real text scored 0.80-0.88 and a news
 * story 0.58-0.63), or when the runner-up is within MARGIN of the best (a
 * coin toss).
 */
#include "tandem/lang.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

#include <fingerprint.h>
#include <textcat.h>

#include "base/error.h"

#ifndef TDM_MODELS_INSTALL_DIR
#define TDM_MODELS_INSTALL_DIR "/usr/local/share/tandem/models"
#endif
#ifndef TDM_SOURCE_MODELS_DIR
#define TDM_SOURCE_MODELS_DIR "models"
#endif
/* libexttextcat's data directory (pkg-config --variable=pkgdatadir). */
#ifndef TDM_TEXTCAT_DIR
#define TDM_TEXTCAT_DIR "/usr/share/libexttextcat"
#endif

#define MIN_LETTERS 40    /* fewer letters than this: too short to tell */
#define MAX_RATIO 0.91    /* nearest / farthest distance */
#define MARGIN 0.02       /* runner-up must be this much farther */
#define MAX_NGRAMS 400    /* n-grams per fingerprint (libexttextcat's) */
#define SAMPLE (64 << 10) /* bytes of the text looked at */

static const char *const supported[] = {"de", "en", "es", "fr", "it", "pt", NULL};

static int is_dir(const char *path)
{
    struct stat st;
    return path && *path && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *tdm_models_dir(const char *override)
{
    const char *candidates[] = {override, getenv("TANDEM_MODELS"), TDM_MODELS_INSTALL_DIR,
                                TDM_SOURCE_MODELS_DIR};
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++)
        if (is_dir(candidates[i]))
            return candidates[i];
    return NULL;
}

const char *const *tdm_lang_supported(void)
{
    return supported;
}

int tdm_lang_is_supported(const char *code)
{
    for (size_t i = 0; code && supported[i]; i++)
        if (strcmp(code, supported[i]) == 0)
            return 1;
    return 0;
}

void tdm_lang_list(char *buf, size_t cap)
{
    size_t used = 0;
    if (!cap)
        return;
    buf[0] = '\0';
    for (size_t i = 0; supported[i] && used < cap; i++) {
        int n = snprintf(buf + used, cap - used, "%s%s", i ? ", " : "", supported[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

static size_t count_letters(const char *text, size_t len)
{
    size_t letters = 0, i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0) {
            i++;
            continue;
        }
        utf8proc_category_t cat = utf8proc_category(cp);
        letters += cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
        i += (size_t)k;
    }
    return letters;
}

int tdm_lang_identify(const char *text, size_t len, char code[8], tdm_error *err)
{
    code[0] = '\0';
    if (len > SAMPLE) {
        len = SAMPLE;
        while (len && ((unsigned char)text[len] & 0xC0) == 0x80)
            len--; /* do not cut a character */
    }
    if (count_letters(text, len) < MIN_LETTERS)
        return tdm_fail(err, TDM_ENOLANG, NULL, -1, -1, "text too short to identify its language");
    void *unknown = fp_Init("unknown");
    if (!unknown)
        return tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
    fp_SetProperty(unknown, TCPROP_UTF8AWARE, TC_TRUE);
    fp_SetProperty(unknown, TCPROP_MINIMUM_DOCUMENT_SIZE, 1);
    int rc = TDM_OK;
    if (!fp_Create(unknown, text, (uint4)len, MAX_NGRAMS))
        rc = tdm_fail(err, TDM_ENOLANG, NULL, -1, -1, "text too short to identify its language");
    long best = -1, second = -1, worst = -1;
    size_t best_lang = 0;
    for (size_t i = 0; rc == TDM_OK && supported[i]; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s.lm", TDM_TEXTCAT_DIR, supported[i]);
        void *fp = fp_Init(supported[i]);
        if (!fp) {
            rc = tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
            break;
        }
        fp_SetProperty(fp, TCPROP_UTF8AWARE, TC_TRUE);
        if (!fp_Read(fp, path, MAX_NGRAMS)) {
            fp_Done(fp);
            rc = tdm_fail(err, TDM_EINTERNAL, path, -1, -1,
                          "cannot read the language fingerprint (package libexttextcat-data)");
            break;
        }
        long score = fp_Compare(fp, unknown, INT_MAX);
        fp_Done(fp);
        if (score > worst)
            worst = score;
        if (best < 0 || score < best) {
            second = best;
            best = score;
            best_lang = i;
        } else if (second < 0 || score < second) {
            second = score;
        }
    }
    fp_Done(unknown);
    if (rc != TDM_OK)
        return rc;
    if ((double)best > (double)worst * MAX_RATIO || (double)second < (double)best * (1.0 + MARGIN))
        return tdm_fail(err, TDM_ENOLANG, NULL, -1, -1,
                        "cannot identify the language (not one of de, en, es, fr, it, pt?)");
    snprintf(code, 8, "%s", supported[best_lang]);
    return TDM_OK;
}
