/*
 * wordbreak.c: words of scripts without spaces (wordbreak.h).
 *
 * ICU's word break iterator (UAX #29 word boundaries, with dictionaries for
 * Chinese and Japanese, Thai, Lao, Khmer and Burmese: longest-match and
 * cost-based segmentation over word lists shipped with ICU) is the field's
 * reference for these scripts; writing such rules by hand would be worse.
 * Its rules and dictionaries take about 40 ms to load, so one iterator is
 * opened the first time a text needs it and kept (never changed after,
 * like the tokenizer's class tables); each thread clones it once (about
 * 5 µs, which per run of letters was most of the time: Chinese runs end
 * at every comma) and keeps its clone, closed when the thread exits, so
 * that threads never share an iterator's position. The iterator reads the
 * UTF-8 text in place (UText) and answers in byte offsets: no conversion
 * to UTF-16.
 *
 * Speed: see make bench (bench_pipeline's Chinese line); only the runs
 * that hold such characters pay it.
 *
 * Words or characters? For Chinese the aligner was measured with both
 * (TDM_UNSPACED_UNITS below; sh tests/bench/bench_zh_en.sh on a build of
 * each; strict F1 on the two sets of fables of tests/data/zh-en, presplit):
 * the same without a lexicon (1.000 on the texts as they are; 0.555 and
 * 0.188 on the first set, 0.273 and 0.160 on the second, with 1 in 5 and
 * 1 in 3 Chinese sentences deleted), and with CC-CEDICT the same or a few
 * beads better with characters (0.826/0.826, 0.730/0.835; 0.956/0.964,
 * 0.844/0.879: words/characters), though the lexicon's words of two
 * characters or more never match a character. 120 sentences a language
 * cannot decide it; words stay, for the summarizer's terms (a summary term
 * 学习 "study" means what neither 学 nor 习 does alone) and the review page.
 */
#include "text/wordbreak.h"

#include <pthread.h>
#include <stdint.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <utf8proc.h>

static UBreakIterator *prototype; /* written once, then only cloned */
static pthread_key_t per_thread;  /* each thread's clone, closed when it exits */
static pthread_once_t prototype_once = PTHREAD_ONCE_INIT;

static void close_iterator(void *bi)
{
    ubrk_close(bi);
}

static void open_prototype(void)
{
    UErrorCode status = U_ZERO_ERROR;
    if (pthread_key_create(&per_thread, close_iterator) != 0)
        return;
    /* The root locale: dictionaries apply by script, whatever the language. */
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "", NULL, 0, &status);
    if (U_FAILURE(status)) {
        ubrk_close(bi);
        bi = NULL;
    }
    prototype = bi;
}

/* This thread's iterator, cloned from the prototype at its first use;
 * NULL when ICU failed. */
static UBreakIterator *thread_iterator(void)
{
    pthread_once(&prototype_once, open_prototype);
    if (!prototype)
        return NULL;
    UBreakIterator *bi = pthread_getspecific(per_thread);
    if (bi)
        return bi;
    UErrorCode status = U_ZERO_ERROR;
    bi = ubrk_clone(prototype, &status);
    if (U_FAILURE(status) || pthread_setspecific(per_thread, bi) != 0) {
        ubrk_close(bi);
        return NULL;
    }
    return bi;
}

/* Appends the token s[a, b) at out[count] if there is room; returns count + 1. */
static size_t put(const unsigned char *s, size_t a, size_t b, tdm_token *out, size_t cap,
                  size_t count)
{
    uint32_t kind = TDM_TOKEN_NUMBER;
    for (size_t i = a; i < b && kind == TDM_TOKEN_NUMBER;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(b - i), &cp);
        if (n <= 0 || utf8proc_category(cp) != UTF8PROC_CATEGORY_ND)
            kind = TDM_TOKEN_WORD;
        i += n > 0 ? (size_t)n : 1;
    }
    if (count < cap)
        out[count] = (tdm_token){(uint32_t)a, (uint32_t)(b - a), kind};
    return count + 1;
}

/* The fallback: one word per character (marks stay with their base). */
static size_t per_character(const unsigned char *s, size_t start, size_t end, tdm_token *out,
                            size_t cap, size_t count)
{
    size_t a = start;
    while (a < end) {
        size_t b = a;
        do {
            utf8proc_int32_t cp;
            utf8proc_ssize_t n = utf8proc_iterate(s + b, (utf8proc_ssize_t)(end - b), &cp);
            b += n > 0 ? (size_t)n : 1;
            if (b < end) {
                n = utf8proc_iterate(s + b, (utf8proc_ssize_t)(end - b), &cp);
                utf8proc_category_t cat = n > 0 ? utf8proc_category(cp) : UTF8PROC_CATEGORY_CN;
                if (cat != UTF8PROC_CATEGORY_MN && cat != UTF8PROC_CATEGORY_MC &&
                    cat != UTF8PROC_CATEGORY_ME)
                    break;
            }
        } while (b < end);
        count = put(s, a, b, out, cap, count);
        a = b;
    }
    return count;
}

/* Units of the scripts without spaces: 0, ICU's dictionary words; 1, one
 * per character (the alternative measured against them: models/README.md,
 * tests/bench/bench_zh_en.sh; build with CFLAGS_EXTRA=-DTDM_UNSPACED_UNITS=1). */
#ifndef TDM_UNSPACED_UNITS
#define TDM_UNSPACED_UNITS 0
#endif

size_t tdm_wordbreak(const char *str, size_t start, size_t end, tdm_token *out, size_t cap,
                     size_t count)
{
    const unsigned char *s = (const unsigned char *)str;
    if (TDM_UNSPACED_UNITS == 1)
        return per_character(s, start, end, out, cap, count);
    UBreakIterator *bi = thread_iterator();
    UErrorCode status = U_ZERO_ERROR;
    UText text = UTEXT_INITIALIZER;
    if (bi) {
        utext_openUTF8(&text, str + start, (int64_t)(end - start), &status);
        ubrk_setUText(bi, &text, &status);
    }
    if (!bi || U_FAILURE(status)) {
        utext_close(&text);
        return per_character(s, start, end, out, cap, count);
    }
    int32_t a = ubrk_first(bi), b;
    while ((b = ubrk_next(bi)) != UBRK_DONE) {
        count = put(s, start + (size_t)a, start + (size_t)b, out, cap, count);
        a = b;
    }
    utext_close(&text);
    return count;
}
