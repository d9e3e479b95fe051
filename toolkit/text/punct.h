/*
 * punct.h: character classes for sentence splitting (punct.c). Every
 * function takes the text s[0, len) and a byte offset i; lengths are in
 * bytes and 0 means "not one". Invalid UTF-8 is never a crash: it is a
 * one-byte character that belongs to no class.
 */
#ifndef TANDEM_INTERNAL_PUNCT_H
#define TANDEM_INTERNAL_PUNCT_H

#include <stddef.h>
#include <stdint.h>

#include "text/paragraphs.h"

/* Is s[i..] the three-byte sequence E2 b1 b2 (general punctuation)? */
static inline int tdm_punct_e2(const unsigned char *s, size_t i, size_t len, unsigned char b1,
                               unsigned char b2)
{
    return i + 2 < len && s[i] == 0xE2 && s[i + 1] == b1 && s[i + 2] == b2;
}

/* Is the ASCII byte c white space (tdm_space_len's ASCII part)? */
static inline int tdm_ascii_white(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* White space as the text reader sees it (text/paragraphs.h: ASCII,
 * Unicode Zs, U+2028/2029, U+FEFF): its length at s[i], or ending at s[i].
 * ASCII, nearly every byte the splitter asks about, is answered inline. */
static inline size_t tdm_white_at(const unsigned char *s, size_t i, size_t len)
{
    if (i < len && s[i] < 0x80)
        return (size_t)tdm_ascii_white(s[i]);
    return tdm_space_len((const char *)s + i, len - i);
}

static inline size_t tdm_white_before(const unsigned char *s, size_t i)
{
    if (i > 0 && s[i - 1] < 0x80)
        return (size_t)tdm_ascii_white(s[i - 1]);
    return tdm_space_len_before((const char *)s, i);
}

/* . ? ! … ‼ ‽ ⁇ ⁈ ⁉, the Greek question mark (';' right after a Greek
 * letter), and every other Sentence_Terminal character from U+0540 on
 * (Armenian, Arabic, Devanagari, Ethiopic, Myanmar, Khmer, CJK 。 ！ ？ ...). */
size_t tdm_terminator_len(const unsigned char *s, size_t i, size_t len);

/* Nonzero when the terminator at s[i] is wide (CJK 。 ！ ？ ｡, but not the
 * fullwidth period ．, which also writes decimals): in scripts without
 * spaces the next sentence follows it with no white space. */
int tdm_terminator_glues(const unsigned char *s, size_t i, size_t len);

/* Decodes the character at s[i] into *cp (-1 when invalid); returns its
 * length, at least 1. ASCII inline, the rest by utf8proc (punct.c). */
size_t tdm_utf8_decode_any(const unsigned char *s, size_t i, size_t len, int32_t *cp);

static inline size_t tdm_utf8_decode(const unsigned char *s, size_t i, size_t len, int32_t *cp)
{
    if (i < len && s[i] < 0x80) {
        *cp = s[i];
        return 1;
    }
    return tdm_utf8_decode_any(s, i, len, cp);
}

/* Is the character at s[i] a letter or a decimal digit? */
int tdm_letter_or_digit(const unsigned char *s, size_t i, size_t len);

/* Marks that may open a sentence before its first letter: " ' ( [ { * _ \
 * - ` « » ¿ ¡ ‹ › “ „ ‘ ‚ and dashes. tdm_opener_before: one ends at s[i]. */
size_t tdm_opener_len(const unsigned char *s, size_t i, size_t len);
int tdm_opener_before(const unsigned char *s, size_t i);

/* Is s[i] (after a closing mark) the end or not a letter or digit? */
int tdm_free_after(const unsigned char *s, size_t i, size_t len);

/* Is the quote at s[i] a token of its own (white space or an end on both
 * sides), as quotes are in tokenized text? */
static inline int tdm_standalone(const unsigned char *s, size_t i, size_t len)
{
    return (i == 0 || tdm_white_before(s, i)) && (i + 1 >= len || tdm_white_at(s, i + 1, len));
}

/* How the text from s[i] goes on, past white space and opening marks. */
typedef enum {
    TDM_NEXT_END,   /* nothing follows in the paragraph */
    TDM_NEXT_UPPER, /* an upper-, title-case or uncased letter */
    TDM_NEXT_LOWER, /* a lower-case letter */
    TDM_NEXT_DIGIT,
    TDM_NEXT_CONT, /* punctuation that continues a sentence: , ; : ) */
    TDM_NEXT_OTHER /* a symbol */
} tdm_next_kind;
tdm_next_kind tdm_next_start(const unsigned char *s, size_t i, size_t len);

#endif
