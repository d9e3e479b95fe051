/*
 * token.c: words, numbers and punctuation for scoring (token.h), and case
 * and accent folding.
 *
 * Character classes come from the Unicode general category (utf8proc):
 * letters (L*, and the letter-like numbers Nl, No), decimal digits (Nd),
 * marks (M*), white space (Z*, and controls Cc, which are skipped), format
 * characters (Cf: soft hyphen, zero-width joiners; kept inside a word,
 * skipped elsewhere) and everything else (punctuation, symbols), which
 * makes one token per character.
 *
 * Speed: the classes of ASCII and of the 2-byte code points (U+0080 to
 * U+07FF: accented Latin letters, « », no-break space; with ASCII nearly
 * all of a European text) are computed once from utf8proc into tables, so
 * that only longer characters call utf8proc. Runs of ASCII letters and
 * digits, most of the bytes, are scanned sixteen at a time with SSE2.
 *
 * Choices, close to the "maximal runs of letters and digits" of doc/evaluation.md's
 * ROUGE tokens:
 *  - a word is a maximal run of letters, digits and marks holding at least
 *    one letter: "R2", "H20", "MI308" and "2020s" are single words;
 *  - apostrophes and hyphens are punctuation and split words: "l’IA" is
 *    "l" "’" "IA", "inter-chip" is "inter" "-" "chip", so that elided
 *    articles match their full forms' stems poorly but consistently in
 *    every language, and compounds share their parts across languages;
 *  - a number is a run of digits, joined across single '.' or ',' between
 *    digits: "3.5", "1,000", "1.000.000" (but "3, 4" is three tokens).
 *    If letters follow a number without a break ("3.5GHz") the token is a
 *    word;
 *  - ill-formed UTF-8 bytes are skipped;
 *  - in scripts written without spaces (Chinese, Japanese, Thai, Lao,
 *    Khmer, Burmese) a run of letters is a phrase or a whole clause, not a
 *    word: a run holding such characters is cut into words by ICU's
 *    dictionary word breaks (wordbreak.c): "我们在北京大学学习" is "我们"
 *    "在" "北京" "大学" "学习", "2008年" is the number "2008" and "年".
 *
 * Folding is utf8proc's decomposition with case folding (UTF8PROC_CASEFOLD)
 * and mark stripping (UTF8PROC_STRIPMARK), recomposed to NFC; pure ASCII
 * skips utf8proc.
 */
#include "text/token.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "text/script.h"
#include "text/wordbreak.h"

/* Classes, ordered so that tests are one comparison: wordish is <= C_MARK,
 * and the OR of the classes of a word's characters is 0 for digits only.
 * C_MULTI is the byte class of a byte that is not ASCII. */
enum { C_DIGIT, C_LETTER, C_MARK, C_PUNCT, C_FORMAT, C_SPACE, C_INVALID, C_MULTI };

/* Written once from utf8proc, at the first call, and only read after. */
static uint8_t byte_class[256];       /* ASCII, or C_MULTI */
static uint8_t two_byte_class[0x800]; /* code points below U+0800 */
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static int class_of_code_point(utf8proc_int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: return C_LETTER;
    case UTF8PROC_CATEGORY_ND: return C_DIGIT;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME: return C_MARK;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC: return C_SPACE;
    case UTF8PROC_CATEGORY_CF: return C_FORMAT;
    default: return C_PUNCT;
    }
}

static void fill_tables(void)
{
    for (int cp = 0; cp < 0x800; cp++)
        two_byte_class[cp] = (uint8_t)class_of_code_point(cp);
    for (int b = 0; b < 256; b++)
        byte_class[b] = b < 0x80 ? two_byte_class[b] : C_MULTI;
}

/* Class of the multibyte character at s[i] (byte_class C_MULTI), its byte
 * length in *k; an ill-formed byte is C_INVALID, of length 1. */
static int class_of_multibyte(const unsigned char *s, size_t len, size_t i, size_t *k)
{
    unsigned c = s[i];
    if (c >= 0xC2 && c < 0xE0 && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
        *k = 2;
        return two_byte_class[(c & 0x1F) << 6 | (s[i + 1] & 0x3F)];
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
    *k = n > 0 ? (size_t)n : 1;
    return n > 0 ? class_of_code_point(cp) : C_INVALID;
}

/* Class of the character at s[i], its byte length in *k. */
static inline int class_at(const unsigned char *s, size_t len, size_t i, size_t *k)
{
    *k = 1;
    return byte_class[s[i]] != C_MULTI ? byte_class[s[i]] : class_of_multibyte(s, len, i, k);
}

/* End of the run of ASCII letters and digits at s[i]; *seen ORs their
 * classes. A byte loop mispredicts its exit at every word's end (words
 * average five letters), so with SSE2 sixteen bytes are tested at once,
 * as the ranges [0-9] and [A-Za-z] (what byte_class says of ASCII). A
 * byte b is in [lo, lo + n) when b + 0x80 - lo < 0x80 + n as signed bytes
 * (SSE2 compares only those). */
static inline size_t scan_ascii(const unsigned char *s, size_t len, size_t i, unsigned *seen)
{
#if defined(__SSE2__)
    const __m128i to_digit = _mm_set1_epi8((char)(0x80 - '0')),
                  digits = _mm_set1_epi8((char)(0x80 + 10)),
                  to_letter = _mm_set1_epi8((char)(0x80 - 'a')),
                  letters = _mm_set1_epi8((char)(0x80 + 26)), lower = _mm_set1_epi8(0x20);
    for (; i + 16 <= len; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i letter = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, lower), to_letter), letters);
        __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, to_digit), digits);
        unsigned letter_mask = (unsigned)_mm_movemask_epi8(letter);
        unsigned stop = ~(unsigned)_mm_movemask_epi8(_mm_or_si128(letter, digit)) & 0xFFFF;
        if (stop) {
            unsigned n = (unsigned)__builtin_ctz(stop);
            *seen |= (letter_mask & ((1u << n) - 1)) ? C_LETTER : 0;
            return i + n;
        }
        *seen |= letter_mask ? C_LETTER : 0;
    }
#endif
    const unsigned char *p = s + i, *end = s + len;
    unsigned cls, acc = *seen;
    while (p < end && (cls = byte_class[*p]) <= C_MARK) {
        acc |= cls;
        p++;
    }
    *seen = acc;
    return (size_t)(p - s);
}

/* End of the word or number starting at s[i]; *kind says which. (A
 * separator joins digits only while there is no letter yet, so the
 * character before it is then a digit.) */
static size_t scan_word(const unsigned char *s, size_t len, size_t i, uint32_t *kind, int *unspaced)
{
    unsigned seen = 0; /* OR of the classes: nonzero once a letter or mark */
    for (;;) {
        i = scan_ascii(s, len, i, &seen);
        if (i == len)
            break;
        size_t k, k2;
        if (byte_class[s[i]] == C_MULTI) {
            unsigned cls = (unsigned)class_of_multibyte(s, len, i, &k);
            if (cls <= C_MARK) {
                if (k >= 3 && !*unspaced) { /* scripts without spaces start at U+0E00 */
                    utf8proc_int32_t cp;
                    utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
                    *unspaced = tdm_script_unspaced(cp);
                }
                seen |= cls;
                i += k;
                continue;
            }
            if (cls == C_FORMAT && i + k < len && class_at(s, len, i + k, &k2) <= C_MARK) {
                i += k;
                continue;
            }
        } else if ((s[i] == '.' || s[i] == ',') && !seen && i + 1 < len &&
                   class_at(s, len, i + 1, &k2) == C_DIGIT) {
            i++;
            continue;
        }
        break;
    }
    *kind = seen ? TDM_TOKEN_WORD : TDM_TOKEN_NUMBER;
    return i;
}

size_t tdm_tokenize(const char *str, size_t len, tdm_token *out, size_t cap)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, count = 0;
    pthread_once(&tables_once, fill_tables);
    while (i < len) {
        size_t k;
        int cls = class_at(s, len, i, &k);
        if (cls >= C_FORMAT) { /* white space, format characters, bad bytes */
            i += k;
            continue;
        }
        size_t start = i;
        uint32_t kind = TDM_TOKEN_PUNCT;
        if (cls <= C_MARK) {
            int unspaced = 0;
            i = scan_word(s, len, i, &kind, &unspaced);
            if (unspaced) { /* Chinese, Japanese, Thai...: ICU's words */
                count = tdm_wordbreak(str, start, i, out, cap, count);
                continue;
            }
        } else {
            i += k;
            while (i < len && class_at(s, len, i, &k) == C_MARK)
                i += k; /* a mark on a symbol stays with it */
        }
        if (count < cap)
            out[count] = (tdm_token){(uint32_t)start, (uint32_t)(i - start), kind};
        count++;
    }
    return count;
}

/* Copies src[0, n) into buf as far as it fits, NUL-terminating when it does. */
static size_t put(const char *src, size_t n, char *buf, size_t cap)
{
    if (cap) {
        memcpy(buf, src, n < cap ? n : cap);
        if (n < cap)
            buf[n] = '\0';
    }
    return n;
}

size_t tdm_fold(const char *s, size_t len, int flags, char *buf, size_t cap)
{
    size_t i = 0;
    while (i < len && !((unsigned char)s[i] & 0x80))
        i++;
    if (i == len) {
        size_t n = len < cap ? len : cap;
        for (size_t j = 0; j < n; j++) {
            char c = s[j];
            buf[j] = (flags & TDM_FOLD_CASE) && c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        }
        if (len < cap)
            buf[len] = '\0';
        return len;
    }
    utf8proc_option_t options = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    if (flags & TDM_FOLD_CASE)
        options |= UTF8PROC_CASEFOLD;
    if (flags & TDM_FOLD_ACCENTS)
        options |= UTF8PROC_STRIPMARK;
    utf8proc_int32_t local[128], *cps = local;
    utf8proc_ssize_t n =
        utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, cps, 128, options);
    if (n > 128) {
        cps = malloc((size_t)n * sizeof *cps);
        if (cps)
            n = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, cps, n,
                                   options);
    }
    if (!cps || n < 0) /* ill-formed UTF-8 or no memory: unfolded */
        return put(s, len, buf, cap);
    n = utf8proc_reencode(cps, n, options);
    size_t result = n < 0 ? put(s, len, buf, cap) : put((const char *)cps, (size_t)n, buf, cap);
    if (cps != local)
        free(cps);
    return result;
}
