/*
 * langid.c: language identification over every fingerprint libexttextcat
 * ships.
 *
 * Cavnar & Trenkle's n-gram rank-order method ("N-Gram-Based Text
 * Categorization", SDAIR 1994) as implemented by libexttextcat: the text's
 * 400 most frequent character 1-5-grams, ranked, are compared with each
 * language's ranked list by the out-of-place distance. Every UTF-8
 * fingerprint of TDM_TEXTCAT_DIR (163 in libexttextcat-data 3.4) is read
 * once per process (pthread_once) and then only read, so threads share
 * them. A fingerprint is named by a language tag ("nl", "sr-Latn",
 * "zh-Hans", "ha-NG"): its language subtag, made canonical by the code
 * table (langcode.c), is the answer; two fingerprints of one language
 * (Serbian in two scripts) count as one, by the nearer.
 *
 * The script narrows the candidates first (script.c, tdm_script_of_text:
 * the script of most of the text's letters, Han with kana being Japanese,
 * Hangul Korean, Han alone Chinese): only fingerprints written in it are
 * compared (each fingerprint's script is that of its own n-grams), and
 * when one language alone has a fingerprint in that script (zh, ja, ko,
 * th, ka, hy, ...) the script decides without the n-grams, which say
 * little there: 400 n-grams cannot cover the thousands of Han characters,
 * and Chinese prose was "far from every language". A script no
 * fingerprint is written in (Telugu, Cherokee) is refused, naming it.
 * The answer is refused (TDM_ENOLANG) when
 * - the text has fewer than MIN_LETTERS letters;
 * - the nearest language is more than MAX_RATIO of the distance to the
 *   farthest one (no fingerprint fits: random letters, an unknown script;
 *   the farthest is a fingerprint of another script, which shares no
 *   n-gram, so the ratio is the share of the maximal distance);
 * - the runner-up is within MARGIN of the best ("unknown": Galician and
 *   Portuguese on a sentence), unless both are varieties of one
 *   macrolanguage in the code table (Bokmål and Nynorsk: the answer is then
 *   the macrolanguage, "no").
 * Character n-grams confuse close languages on whole books (a Norwegian
 * novel is nearer to the Danish fingerprint than to the Bokmål one), so
 * when every language within WINDOW of the nearest has a word list
 * (models/langid/<code>.words: the 1,000 most frequent words of wordfreq,
 * models/langid/build.sh), the words decide instead: each candidate scores
 * the mean Zipf frequency of the text's words in its list (a word absent
 * from it counts as the list's lowest minus one), and the highest wins
 * when it leads by WORD_MARGIN, else the text is "unknown" as above. A
 * language without a list is represented by one of its macrolanguage
 * (Nynorsk by Bokmål: a tie between the two gives "no").
 * The thresholds are measured on the books of opus-books-dev (see
 * tests/e2e/test_langs.sh and models/README.md).
 *
 * Memory: a fingerprint or word list that cannot be loaded for lack of
 * memory makes every identification of the process fail with TDM_ENOMEM
 * (never a smaller set of languages, which would change answers). And
 * libexttextcat uses the memory it asks for without checking that it got
 * it: a failed allocation inside fp_Init, fp_Read or fp_Create is a crash,
 * not an error. It is called only after TEXTCAT_RESERVE bytes (about twice
 * what it allocates for one text, measured: 245 KB; a fingerprint takes
 * 10 KB) could be had, so that a process at its memory limit gets TDM_ENOMEM, not
 * a crash. That cannot stop a single allocation from failing alone, as the
 * allocation-failure sweep injects: the sweep spares libexttextcat's own
 * allocations for that reason (tests/alloc/failalloc.c) and fails all of
 * ours, including those libc makes for it (fopen).
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include <fingerprint.h>
#include <textcat.h>

#include "base/error.h"
#include "base/fileio.h"
#include "tandem/lang.h"
#include "text/lang.h"
#include "text/script.h"

/* libexttextcat's data directory (pkg-config --variable=pkgdatadir). */
#ifndef TDM_TEXTCAT_DIR
#define TDM_TEXTCAT_DIR "/usr/share/libexttextcat"
#endif

#define MIN_LETTERS 40    /* fewer letters than this: too short to tell */
#define MAX_RATIO 0.85    /* nearest / farthest distance */
#define MIN_KNOWN 0.15    /* share of the words the word winner must list */
#define MARGIN 0.02       /* runner-up must be this much farther */
#define MAX_NGRAMS 400    /* n-grams per fingerprint (libexttextcat's) */
#define SAMPLE (64 << 10) /* bytes of the text looked at */
#define MAX_PRINTS 512
#define WINDOW 0.10      /* candidates for the word lists: this near */
#define WORD_MARGIN 0.05 /* mean Zipf lead the word winner needs */
#define MAX_WORDS 4000   /* words of the text the lists look at */
#define MAX_LISTS 128
#define TEXTCAT_RESERVE (512 << 10)

typedef struct word_entry {
    const char *word;
    uint32_t len;
    float zipf;
} word_entry;

typedef struct word_list {
    char code[8];
    char *data; /* the file, words point into it */
    word_entry *words;
    size_t count;
    float floor; /* Zipf of a word absent from the list */
} word_list;

typedef struct print {
    char code[8]; /* canonical ISO code of the fingerprint's language */
    void *fp;
    int list;   /* its word list (word_list index), or -1 */
    int script; /* the writing system of its n-grams (tdm_script_of_text) */
} print;

static struct {
    print prints[MAX_PRINTS];
    size_t count;
    word_list lists[MAX_LISTS];
    size_t list_count;
    tdm_error error;
} lib;
static pthread_once_t lib_once = PTHREAD_ONCE_INIT;

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int word_cmp(const void *a, const void *b)
{
    const word_entry *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->word, y->word, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Whether TEXTCAT_RESERVE bytes can be had before calling libexttextcat. */
static int textcat_memory(void)
{
    void *reserve = malloc(TEXTCAT_RESERVE);
    free(reserve);
    return reserve != NULL;
}

/* Parses a "word<TAB>zipf" file into l (which owns data); 0, -1 (no
 * words), or TDM_ENOMEM. */
static int parse_words(word_list *l, char *data, size_t len)
{
    size_t cap = 0;
    float lowest = 9;
    l->data = data;
    for (char *p = data, *end = data + len; p < end;) {
        char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        *eol = '\0';
        char *tab = strchr(p, '\t');
        if (*p != '#' && tab && tab > p) {
            if (l->count == cap) {
                cap = cap ? cap * 2 : 1024;
                word_entry *w = realloc(l->words, cap * sizeof *w);
                if (!w)
                    return TDM_ENOMEM;
                l->words = w;
            }
            float z = strtof(tab + 1, NULL);
            l->words[l->count++] = (word_entry){p, (uint32_t)(tab - p), z};
            if (z < lowest)
                lowest = z;
        }
        p = eol + 1;
    }
    qsort(l->words, l->count, sizeof *l->words, word_cmp);
    l->floor = lowest - 1.0f;
    return l->count ? 0 : -1;
}

/* Reads every models/langid/<code>.words there is (none is not an error:
 * identification then goes by n-grams alone). */
static void load_lists(void)
{
    const char *models = tdm_models_dir(NULL);
    char dir[4096];
    if (!models)
        return;
    snprintf(dir, sizeof dir, "%s/langid", models);
    errno = 0;
    DIR *d = opendir(dir);
    if (!d && errno == ENOMEM)
        tdm_fail(&lib.error, TDM_ENOMEM, dir, -1, -1, "out of memory");
    struct dirent *de;
    while (d && (de = readdir(d)) && lib.list_count < MAX_LISTS) {
        size_t len = strlen(de->d_name);
        char tag[16], path[4400];
        if (len < 7 || len > 14 || strcmp(de->d_name + len - 6, ".words") != 0)
            continue;
        snprintf(tag, sizeof tag, "%.*s", (int)(len - 6), de->d_name);
        word_list *l = &lib.lists[lib.list_count];
        memset(l, 0, sizeof *l);
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        char *data;
        size_t size;
        if (tdm_lang_canonical(tag, l->code, NULL) != TDM_OK)
            continue;
        int rc = tdm_read_all(path, &data, &size, NULL);
        if (rc == 0) {
            rc = parse_words(l, data, size);
            if (rc != 0) {
                free(l->words);
                free(data);
            }
        }
        if (rc == 0)
            lib.list_count++;
        else if (rc == TDM_ENOMEM) /* never a language quietly left out */
            tdm_fail(&lib.error, TDM_ENOMEM, path, -1, -1, "out of memory");
    }
    if (d)
        closedir(d);
}

/* The word list of code: its own, else one of its macrolanguage; -1. */
static int list_of(const char *code)
{
    const char *macro = tdm_lang_resource_code(code);
    int other = -1;
    for (size_t i = 0; i < lib.list_count; i++) {
        if (strcmp(lib.lists[i].code, code) == 0)
            return (int)i;
        if (other < 0 && strcmp(tdm_lang_resource_code(lib.lists[i].code), macro) == 0)
            other = (int)i;
    }
    return other;
}

static void load_prints(void)
{
    tdm_error_clear(&lib.error);
    errno = 0;
    DIR *d = opendir(TDM_TEXTCAT_DIR);
    if (!d && errno == ENOMEM) {
        tdm_fail(&lib.error, TDM_ENOMEM, TDM_TEXTCAT_DIR, -1, -1, "out of memory");
        return;
    }
    if (!d) {
        tdm_fail(&lib.error, TDM_EINTERNAL, TDM_TEXTCAT_DIR, -1, -1,
                 "cannot read the language fingerprints (package libexttextcat-data)");
        return;
    }
    char *names[MAX_PRINTS];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) && n < MAX_PRINTS) {
        size_t len = strlen(de->d_name);
        if (len <= 3 || strcmp(de->d_name + len - 3, ".lm") != 0)
            continue;
        if ((names[n] = strdup(de->d_name)))
            n++;
        else
            tdm_fail(&lib.error, TDM_ENOMEM, TDM_TEXTCAT_DIR, -1, -1, "out of memory");
    }
    closedir(d);
    qsort(names, n, sizeof *names, name_cmp); /* the same order everywhere */
    for (size_t i = 0; i < n; i++) {
        char tag[64], path[4200];
        snprintf(tag, sizeof tag, "%s", names[i]);
        tag[strcspn(tag, "-.")] = '\0'; /* "sr-Latn.lm" -> "sr" */
        snprintf(path, sizeof path, "%s/%s", TDM_TEXTCAT_DIR, names[i]);
        print *p = &lib.prints[lib.count];
        tdm_error cerr;
        int canon = lib.error.code ? TDM_ENOLANG : tdm_lang_canonical(tag, p->code, &cerr);
        if (canon != TDM_OK && canon != TDM_ENOLANG && canon != TDM_EUSAGE)
            lib.error = cerr; /* the code table could not be read (out of memory) */
        if (canon == TDM_OK) {
            if (!textcat_memory() || !(p->fp = fp_Init(p->code))) {
                tdm_fail(&lib.error, TDM_ENOMEM, path, -1, -1, "out of memory");
            } else {
                fp_SetProperty(p->fp, TCPROP_UTF8AWARE, TC_TRUE);
                errno = 0;
                char *data = NULL;
                size_t size;
                int rc = fp_Read(p->fp, path, MAX_NGRAMS) ? tdm_read_all(path, &data, &size, NULL)
                                                          : TDM_EIO;
                if (rc == TDM_OK) {
                    p->script = tdm_script_of_text(data, size);
                    free(data);
                    lib.count++;
                } else {
                    if (rc == TDM_ENOMEM)
                        errno = ENOMEM;
                    if (errno == ENOMEM) /* its fopen: never a language left out */
                        tdm_fail(&lib.error, TDM_ENOMEM, path, -1, -1, "out of memory");
                    fp_Done(p->fp);
                }
            }
        }
        free(names[i]);
    }
    if (lib.error.code == 0)
        load_lists();
    for (size_t i = 0; i < lib.count; i++)
        lib.prints[i].list = list_of(lib.prints[i].code);
    if (!lib.count && lib.error.code == 0)
        tdm_fail(&lib.error, TDM_EINTERNAL, TDM_TEXTCAT_DIR, -1, -1,
                 "no language fingerprints (package libexttextcat-data)");
}

size_t tdm_lang_identifiable(const char **codes, size_t cap)
{
    pthread_once(&lib_once, load_prints);

    size_t n = 0;
    for (size_t i = 0; i < lib.count; i++) {
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(lib.prints[i].code, lib.prints[j].code) == 0;
        if (!seen && n++ < cap && codes)
            codes[n - 1] = lib.prints[i].code;
    }
    return n;
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

/* Mean Zipf frequency of the words of text[0, len) in each of the lists
 * lists[0, n) (the text's words: maximal runs of letters and marks,
 * lowercased). Writes the means to mean[]; returns the number of words. */
static size_t word_scores(const char *text, size_t len, const int *lists, size_t n, double *mean,
                          size_t *hits)
{
    char word[256];
    size_t wlen = 0, words = 0, i = 0;
    for (size_t k = 0; k < n; k++) {
        mean[k] = 0;
        hits[k] = 0;
    }
    while (words < MAX_WORDS) {
        utf8proc_int32_t cp = -1;
        utf8proc_ssize_t step = 1;
        if (i < len)
            step = utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i),
                                    &cp);
        utf8proc_category_t cat = cp >= 0 ? utf8proc_category(cp) : UTF8PROC_CATEGORY_CN;
        int letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME;
        if (letter && wlen + 4 < sizeof word) {
            wlen +=
                (size_t)utf8proc_encode_char(utf8proc_tolower(cp), (utf8proc_uint8_t *)word + wlen);
        } else if (!letter && wlen) {
            word_entry probe = {word, (uint32_t)wlen, 0};
            for (size_t k = 0; k < n; k++) {
                const word_list *l = &lib.lists[lists[k]];
                const word_entry *hit =
                    bsearch(&probe, l->words, l->count, sizeof *l->words, word_cmp);
                mean[k] += hit ? hit->zipf : l->floor;
                hits[k] += hit != NULL;
            }
            words++;
            wlen = 0;
        }
        if (i >= len)
            break;
        i += step > 0 ? (size_t)step : 1;
    }
    for (size_t k = 0; words && k < n; k++)
        mean[k] /= (double)words;
    return words;
}

/* The nearest distinct languages of the text by n-gram distance. */
typedef struct candidate {
    size_t print; /* lib.prints index, the nearest of its code */
    long distance;
} candidate;

static int candidate_cmp(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->distance != y->distance)
        return x->distance < y->distance ? -1 : 1;
    return (x->print > y->print) - (x->print < y->print);
}

static int too_close(const char *a, const char *b, double da, double db, const char *what,
                     tdm_error *err)
{
    return tdm_fail(err, TDM_ENOLANG, NULL, -1, -1,
                    "language unknown: %s and %s are too close to tell (%s %.3f and %.3f)", a, b,
                    what, da, db);
}

int tdm_lang_identify(const char *text, size_t len, char code[8], tdm_error *err)
{
    code[0] = '\0';
    pthread_once(&lib_once, load_prints);
    if (lib.error.code) {
        if (err)
            *err = lib.error;
        return lib.error.code;
    }
    if (len > SAMPLE) {
        len = SAMPLE;
        while (len && ((unsigned char)text[len] & 0xC0) == 0x80)
            len--; /* do not cut a character */
    }
    if (count_letters(text, len) < MIN_LETTERS)
        return tdm_fail(err, TDM_ENOLANG, NULL, -1, -1, "text too short to identify its language");
    /* The script decides when one language has a fingerprint in it (Han
     * alone: Chinese; Han and kana: Japanese; Hangul, Thai, Georgian...),
     * whose n-grams are too many for 400 of them to tell the language:
     * Chinese prose shares few of them with the Chinese fingerprint. */
    int script = tdm_script_of_text(text, len);
    const char *only = NULL;
    int several = 0;
    for (size_t i = 0; i < lib.count && !several; i++)
        if (lib.prints[i].script == script) {
            several = only && strcmp(only, lib.prints[i].code) != 0;
            only = lib.prints[i].code;
        }
    if (!only)
        return tdm_fail(err, TDM_ENOLANG, NULL, -1, -1,
                        "cannot identify the language (no language written in its script, %s, "
                        "has a fingerprint)",
                        tdm_script_name(script));
    if (!several) {
        snprintf(code, 8, "%s", only);
        return TDM_OK;
    }
    void *unknown = textcat_memory() ? fp_Init("unknown") : NULL;
    if (!unknown)
        return tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory identifying the language");
    fp_SetProperty(unknown, TCPROP_UTF8AWARE, TC_TRUE);
    fp_SetProperty(unknown, TCPROP_MINIMUM_DOCUMENT_SIZE, 1);
    if (!fp_Create(unknown, text, (uint4)len, MAX_NGRAMS)) {
        fp_Done(unknown);
        return tdm_fail(err, TDM_ENOLANG, NULL, -1, -1, "text too short to identify its language");
    }
    candidate cand[MAX_PRINTS];
    size_t n = 0;
    long worst = 1;
    for (size_t i = 0; i < lib.count; i++) {
        long score = fp_Compare(lib.prints[i].fp, unknown, INT_MAX);
        if (score > worst)
            worst = score;
        if (lib.prints[i].script != script)
            continue; /* the script narrows the candidates */
        size_t k = 0;
        while (k < n && strcmp(lib.prints[cand[k].print].code, lib.prints[i].code) != 0)
            k++;
        if (k == n)
            cand[n++] = (candidate){i, score};
        else if (score < cand[k].distance)
            cand[k] = (candidate){i, score};
    }
    fp_Done(unknown);
    qsort(cand, n, sizeof *cand, candidate_cmp);
    const char *a = lib.prints[cand[0].print].code;
    double best = (double)cand[0].distance / (double)worst;
    if (best > MAX_RATIO)
        return tdm_fail(err, TDM_ENOLANG, NULL, -1, -1,
                        "cannot identify the language (nearest: %s, but far from every language)",
                        a);
    /* The word lists decide among the near candidates that have one, unless
     * the nearest has none and no listed language is within MARGIN of it. */
    int lists[MAX_PRINTS];
    size_t listed[MAX_PRINTS], near = 0;
    for (size_t k = 0; k < n; k++) {
        double d = (double)cand[k].distance, limit = (double)cand[0].distance;
        int list = lib.prints[cand[k].print].list;
        if (d > limit * (1.0 + WINDOW))
            break;
        if (list >= 0 && (near > 0 || k == 0 || d < limit * (1.0 + MARGIN))) {
            lists[near] = list;
            listed[near++] = k;
        }
    }
    double mean[MAX_PRINTS];
    size_t hits[MAX_PRINTS], words;
    if (near == 1 && listed[0] > 0) {
        a = lib.prints[cand[listed[0]].print].code;
    } else if (near > 1 && (words = word_scores(text, len, lists, near, mean, hits)) > 0) {
        size_t w = 0, r;
        for (size_t k = 1; k < near; k++)
            if (mean[k] > mean[w])
                w = k;
        r = w == 0 ? 1 : 0;
        for (size_t k = 0; k < near; k++)
            if (k != w && mean[k] > mean[r])
                r = k;
        a = lib.prints[cand[listed[w]].print].code;
        const char *b = lib.prints[cand[listed[r]].print].code;
        if ((double)hits[w] < MIN_KNOWN * (double)words)
            return tdm_fail(err, TDM_ENOLANG, NULL, -1, -1,
                            "cannot identify the language (nearest: %s, but few of its common "
                            "words)",
                            a);
        if (mean[w] - mean[r] < WORD_MARGIN) {
            const char *ma = tdm_lang_resource_code(a), *mb = tdm_lang_resource_code(b);
            if (strcmp(ma, mb) != 0)
                return too_close(a, b, mean[w], mean[r], "mean Zipf frequencies", err);
            a = ma; /* Bokmål or Nynorsk: Norwegian */
        }
        snprintf(code, 8, "%s", a);
        return TDM_OK;
    }
    if (n > 1 && (double)cand[1].distance < (double)cand[0].distance * (1.0 + MARGIN)) {
        const char *b = lib.prints[cand[1].print].code;
        const char *ma = tdm_lang_resource_code(a), *mb = tdm_lang_resource_code(b);
        if (strcmp(ma, mb) != 0)
            return too_close(a, b, best, (double)cand[1].distance / (double)worst, "distances",
                             err);
        a = ma;
    }
    snprintf(code, 8, "%s", a);
    return TDM_OK;
}
