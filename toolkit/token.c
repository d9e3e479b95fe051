/*
 * token.c: words, numbers and punctuation for scoring (token.h), and case
 * and accent folding.
 *
 * Character classes come from the Unicode general category (utf8proc):
 * letters (L*, and the letter-like numbers Nl, No), decimal digits (Nd),
 * marks (M*), white space (Z*, and controls Cc, which are skipped), format
 * characters (Cf: soft hyphen, zero-width joiners; kept inside a word,
 * skipped elsewhere) and everything else (punctuation, symbols), which
 * makes one token per character. ASCII is classified by a table.
 *
 * Choices, close to the "maximal runs of letters and digits" of EVAL.md's
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
 *  - ill-formed UTF-8 bytes are skipped.
 *
 * Folding is utf8proc's decomposition with case folding (UTF8PROC_CASEFOLD)
 * and mark stripping (UTF8PROC_STRIPMARK), recomposed to NFC; pure ASCII
 * skips utf8proc.
 */
#include "tandem/token.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum { C_SPACE, C_FORMAT, C_LETTER, C_DIGIT, C_MARK, C_PUNCT, C_INVALID }; /* 0-6 */

/* Classes of the ASCII characters, one digit per character (C_... values):
 * controls and space, punctuation, digits, letters, DEL. */
static const char ascii_classes[129] = "000000000000000000000000000000000"
                                       "555555555555555"
                                       "3333333333"
                                       "5555555"
                                       "22222222222222222222222222"
                                       "555555"
                                       "22222222222222222222222222"
                                       "5555"
                                       "0";

/* Class of the non-ASCII character at s[i], its byte length in *k. */
static int class_of_unicode(const unsigned char *s, size_t len, size_t i, size_t *k)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
    if (n <= 0) {
        *k = 1;
        return C_INVALID;
    }
    *k = (size_t)n;
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

/* Class of the character at s[i], its byte length in *k. */
static inline int class_at(const unsigned char *s, size_t len, size_t i, size_t *k)
{
    if (s[i] < 0x80) {
        *k = 1;
        return ascii_classes[s[i]] - '0';
    }
    return class_of_unicode(s, len, i, k);
}

static int is_wordish(int cls)
{
    return cls == C_LETTER || cls == C_DIGIT || cls == C_MARK;
}

/* End of the word or number starting at s[i]; *letter set if it has one. */
static size_t scan_word(const unsigned char *s, size_t len, size_t i, int *letter)
{
    size_t k, k2;
    int prev = C_SPACE;
    *letter = 0;
    while (i < len) {
        while (i < len && s[i] < 0x80 && ascii_classes[s[i]] >= '2' && ascii_classes[s[i]] <= '3') {
            prev = ascii_classes[s[i]] - '0';
            *letter |= prev == C_LETTER;
            i++;
        }
        if (i == len)
            break;
        int cls = class_at(s, len, i, &k);
        if (is_wordish(cls)) {
            *letter |= cls == C_LETTER || cls == C_MARK;
            prev = cls;
            i += k;
            continue;
        }
        if (i + k >= len)
            break;
        int next = class_at(s, len, i + k, &k2);
        if (cls == C_FORMAT && is_wordish(next)) {
            i += k;
            continue;
        }
        if ((s[i] == '.' || s[i] == ',') && !*letter && prev == C_DIGIT && next == C_DIGIT) {
            i += k;
            continue;
        }
        break;
    }
    return i;
}

size_t tdm_tokenize(const char *str, size_t len, tdm_token *out, size_t cap)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, count = 0, k;
    while (i < len) {
        int cls = class_at(s, len, i, &k);
        if (cls == C_SPACE || cls == C_FORMAT || cls == C_INVALID) {
            i += k;
            continue;
        }
        size_t start = i;
        uint32_t kind = TDM_TOKEN_PUNCT;
        if (is_wordish(cls)) {
            int letter;
            i = scan_word(s, len, i, &letter);
            kind = letter ? TDM_TOKEN_WORD : TDM_TOKEN_NUMBER;
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
