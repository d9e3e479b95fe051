/*
 * bench_langid.c: language identification (tdm_lang_identify) on every side
 * of ../shared/corpora/opus-books-dev, whole and in short chunks, and on
 * the Chinese and English fables of tests/data/zh-en. A chunk is 1 or 3
 * consecutive lines from CHUNKS starting points spread evenly over a side;
 * chunks of fewer than 40 letters are left out (identification refuses
 * them). Two sides are not in the language their file name says (OPUS
 * Books: the "en" side of EN-ES A Study in Scarlet is the French
 * translation, the "fr" side of ES-FR the English original): the truth
 * here is what they hold. Prints right / unknown / wrong; asserts nothing;
 * skips the books when ../shared is absent.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "base/fileio.h"
#include "tandem/lang.h"

#define CHUNKS 25

typedef struct tally {
    size_t right, unknown, wrong;
} tally;

static size_t letters(const char *s, size_t len)
{
    size_t n = 0, i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0) {
            i++;
            continue;
        }
        utf8proc_category_t c = utf8proc_category(cp);
        n += c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
        i += (size_t)k;
    }
    return n;
}

/* Identifies s[0, len) and counts it against truth; prints wrong answers
 * when verbose. */
static void judge(const char *s, size_t len, const char *truth, tally *t, const char *what,
                  int verbose)
{
    char code[8];
    tdm_error err;
    int rc = tdm_lang_identify(s, len, code, &err);
    if (rc != TDM_OK)
        t->unknown++;
    else if (strcmp(code, truth) == 0)
        t->right++;
    else
        t->wrong++;
    if (verbose && (rc != TDM_OK || strcmp(code, truth) != 0))
        printf("  %s: %s, got %s\n", what, truth, rc == TDM_OK ? code : err.message);
}

/* The starts of the lines of text (line i is text[start[i], start[i+1])). */
static size_t line_starts(const char *text, size_t len, size_t **out)
{
    size_t n = 0, cap = 1024;
    size_t *s = malloc(cap * sizeof *s);
    for (size_t i = 0; s && i < len; i++) {
        if (i == 0 || text[i - 1] == '\n') {
            if (n + 1 >= cap) {
                size_t *t = realloc(s, 2 * cap * sizeof *s);
                if (!t) {
                    free(s);
                    return 0;
                }
                s = t;
                cap *= 2;
            }
            s[n++] = i;
        }
    }
    if (s)
        s[n] = len;
    *out = s;
    return s ? n : 0;
}

static void side(const char *path, const char *truth, tally *whole, tally chunks[2], int verbose)
{
    char *text;
    size_t len, *start;
    if (tdm_read_all(path, &text, &len, NULL) != TDM_OK)
        return;
    judge(text, len, truth, whole, path, 1);
    size_t lines = line_starts(text, len, &start);
    static const size_t span[2] = {1, 3};
    for (int k = 0; k < 2; k++)
        for (size_t c = 0; lines > span[k] && c < CHUNKS; c++) {
            size_t first = c * (lines - span[k]) / CHUNKS;
            size_t a = start[first], b = start[first + span[k]];
            if (letters(text + a, b - a) >= 40) {
                char what[600];
                snprintf(what, sizeof what, "%s:%zu (%zu lines)", path, first + 1, span[k]);
                judge(text + a, b - a, truth, &chunks[k], what, verbose);
            }
        }
    free(start);
    free(text);
}

static void report(const char *what, const tally *t)
{
    printf("%-34s %4zu right, %3zu unknown, %3zu wrong of %4zu\n", what, t->right, t->unknown,
           t->wrong, t->right + t->unknown + t->wrong);
}

int main(int argc, char **argv)
{
    int verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
    tally whole = {0}, chunks[2] = {{0}}, fables = {0}, fable_chunks[2] = {{0}};
    side("tests/data/zh-en/zh.sent", "zh", &fables, fable_chunks, 1);
    side("tests/data/zh-en/en.sent", "en", &fables, fable_chunks, 1);
    report("zh-en fables, whole sides", &fables);
    report("zh-en fables, 1-line chunks", &fable_chunks[0]);
    report("zh-en fables, 3-line chunks", &fable_chunks[1]);
    const char *shared = getenv("TANDEM_SHARED");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/corpora/opus-books-dev", shared ? shared : "../shared");
    DIR *d = opendir(dir);
    if (!d) {
        printf("skipped: %s is absent\n", dir);
        return 0;
    }
    struct dirent *de;
    while ((de = readdir(d))) {
        const char *n = de->d_name;
        if (strlen(n) < 6 || n[2] != '-' || n[5] != '-')
            continue;
        for (int s = 0; s < 2; s++) {
            char code[3] = {(char)(n[3 * s] | 0x20), (char)(n[3 * s + 1] | 0x20), 0}, path[4400];
            const char *truth = code;
            if (strncmp(n, "EN-ES-", 6) == 0 && s == 0)
                truth = "fr";
            if (strncmp(n, "ES-FR-", 6) == 0 && s == 1)
                truth = "en";
            snprintf(path, sizeof path, "%s/%s/%s.txt", dir, n, code);
            side(path, truth, &whole, chunks, verbose);
        }
    }
    closedir(d);
    report("opus-books-dev, whole sides", &whole);
    report("opus-books-dev, 1-line chunks", &chunks[0]);
    report("opus-books-dev, 3-line chunks", &chunks[1]);
    return 0;
}
