/*
 * punct.c: the white space, sentence terminators and opening marks of
 * UTF-8 text, as the sentence splitter (segment.c) sees them. Byte-level
 * tests for the few multi-byte characters involved (no decoding on the hot
 * path); Unicode categories from utf8proc where letters matter, and ICU's
 * Sentence_Terminal property (script.c) for the terminators of other
 * scripts (。 ！ ？ ؟ । ...).
 */
#include "text/punct.h"

#include <utf8proc.h>

#include "text/script.h"

/* Is a Greek letter (U+0370-03FF, U+1F00-1FFF) just before s[i]? */
static int greek_before(const unsigned char *s, size_t i)
{
    if (i >= 2 && s[i - 2] >= 0xCD && s[i - 2] <= 0xCF && (s[i - 1] & 0xC0) == 0x80)
        return s[i - 2] > 0xCD || s[i - 1] >= 0xB0;
    return i >= 3 && s[i - 3] == 0xE1 && s[i - 2] >= 0xBC && s[i - 2] <= 0xBF;
}

/* Length of the sentence terminator at s[i], or 0. */
size_t tdm_terminator_len(const unsigned char *s, size_t i, size_t len)
{
    unsigned char c = s[i];
    if (c == '.' || c == '?' || c == '!')
        return 1;
    if (c == ';') /* the Greek question mark (U+037E) is ';' after NFC */
        return greek_before(s, i) ? 1 : 0;
    if (c < 0xD5)
        return 0; /* no Sentence_Terminal below U+0540 but . ? ! */
    if (c != 0xE2) {
        int32_t cp;
        size_t n = tdm_utf8_decode_any(s, i, len, &cp);
        return cp > 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_PO && tdm_script_terminal(cp)
                   ? n
                   : 0;
    }
    if (tdm_punct_e2(s, i, len, 0x80, 0xA6) || tdm_punct_e2(s, i, len, 0x80, 0xBC) ||
        tdm_punct_e2(s, i, len, 0x80, 0xBD) || tdm_punct_e2(s, i, len, 0x81, 0x87) ||
        tdm_punct_e2(s, i, len, 0x81, 0x88) || tdm_punct_e2(s, i, len, 0x81, 0x89))
        return 3;
    return 0;
}

int tdm_terminator_glues(const unsigned char *s, size_t i, size_t len)
{
    int32_t cp;
    if (s[i] < 0xE3)
        return 0;
    tdm_utf8_decode_any(s, i, len, &cp);
    return cp != 0xFF0E && tdm_script_wide(cp);
}

/* tdm_utf8_decode for any byte, by utf8proc (for ASCII it gives the byte
 * itself, as the inline part does). */
size_t tdm_utf8_decode_any(const unsigned char *s, size_t i, size_t len, int32_t *cp)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &c);
    if (n <= 0) {
        *cp = -1;
        return 1;
    }
    *cp = c;
    return (size_t)n;
}

/* The ASCII letters and digits are A-Z, a-z and 0-9: no other ASCII
 * character is in a letter category or Nd. */
static int ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

int tdm_letter_or_digit(const unsigned char *s, size_t i, size_t len)
{
    if (i < len && s[i] < 0x80)
        return ascii_alnum(s[i]);
    int32_t cp;
    tdm_utf8_decode(s, i, len, &cp);
    if (cp < 0)
        return 0;
    utf8proc_category_t cat = utf8proc_category(cp);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
           cat == UTF8PROC_CATEGORY_ND;
}

/* Length of an opening mark at s[i] (skipped when looking for the first
 * letter of the next sentence), or 0. */
size_t tdm_opener_len(const unsigned char *s, size_t i, size_t len)
{
    switch (s[i]) {
    case '"':
    case '\'':
    case '(':
    case '[':
    case '{':
    case '*':
    case '_':
    case '\\':
    case '-':
    case '`': return 1;
    case 0xC2: /* « » ¿ ¡ (» opens in German »Ja«) */
        if (i + 1 < len &&
            (s[i + 1] == 0xAB || s[i + 1] == 0xBB || s[i + 1] == 0xBF || s[i + 1] == 0xA1))
            return 2;
        return 0;
    case 0xE2: /* ‐ ‑ ‒ – — ― ‘ ‚ “ „ ‹ › */
        if (i + 2 < len && s[i + 1] == 0x80 &&
            ((s[i + 2] >= 0x90 && s[i + 2] <= 0x95) || s[i + 2] == 0x98 || s[i + 2] == 0x9A ||
             s[i + 2] == 0x9C || s[i + 2] == 0x9E || s[i + 2] == 0xB9 || s[i + 2] == 0xBA))
            return 3;
        return 0;
    default: return 0;
    }
}

/* Nonzero when an opening mark ends just before s[i]. */
int tdm_opener_before(const unsigned char *s, size_t i)
{
    for (size_t k = 1; k <= 3 && k <= i; k++)
        if (tdm_opener_len(s, i - k, i) == k)
            return 1;
    return 0;
}

/* Nonzero when a closing mark ending at s[i] is followed by something that
 * is not a letter or digit (so it does not open the next word). */
int tdm_free_after(const unsigned char *s, size_t i, size_t len)
{
    return i >= len || !tdm_letter_or_digit(s, i, len);
}

/* What the text from s[i] starts with, past white space and opening marks. */
tdm_next_kind tdm_next_start(const unsigned char *s, size_t i, size_t len)
{
    for (;;) {
        if (i >= len)
            return TDM_NEXT_END;
        size_t n = tdm_white_at(s, i, len);
        if (!n)
            n = tdm_opener_len(s, i, len);
        if (!n)
            break;
        i += n;
    }
    unsigned char c = s[i]; /* ASCII letters and digits, the usual case */
    if (c >= 'a' && c <= 'z')
        return TDM_NEXT_LOWER;
    if (c >= 'A' && c <= 'Z')
        return TDM_NEXT_UPPER;
    if (c >= '0' && c <= '9')
        return TDM_NEXT_DIGIT;
    int32_t cp;
    tdm_utf8_decode(s, i, len, &cp);
    if (cp < 0)
        return TDM_NEXT_OTHER;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: return TDM_NEXT_UPPER;
    case UTF8PROC_CATEGORY_LL: return TDM_NEXT_LOWER;
    case UTF8PROC_CATEGORY_ND: return TDM_NEXT_DIGIT;
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PF: return TDM_NEXT_CONT;
    default: break;
    }
    /* A comma glued to the next word is a low quote misread ("‚Das" OCR'd
     * as ",Das"): look past it. */
    if (cp == ',' && i + 1 < len && tdm_letter_or_digit(s, i + 1, len))
        return tdm_next_start(s, i + 1, len);
    return cp == ',' || cp == ';' || cp == ':' || cp == '%' ? TDM_NEXT_CONT : TDM_NEXT_OTHER;
}
