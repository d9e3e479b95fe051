/*
 * paragraphs.c: paragraphs of a normalized text, by mode (tdm_para_mode).
 *
 * Lines are classified as blank (only white space), "<p>" lines (a break
 * in every mode but NONE, and never text), or content. A block is a
 * maximal run of content lines.
 *   BLANK: one paragraph per block, its lines joined.
 *   LINE:  one paragraph per content line.
 *   NONE:  one paragraph from the first content line to the last.
 *   AUTO:  BLANK or LINE, decided once per text:
 *     - a text without blank lines (a single block) is LINE: one paragraph
 *       per line, the layout of text exported from word processors and web
 *       pages (the seed's Spanish story);
 *     - a text whose blocks are all single lines is the same under both
 *       (the seed's French story);
 *     - otherwise look at the inner lines (content lines followed by
 *       another content line). Hard-wrapped text (Project Gutenberg,
 *       e-mail, licences, ~70 columns) fills its lines: an inner line is at
 *       most the wrap width W long and either reaches 80% of W or the next
 *       line's first word would not have fitted after it (length + 1 +
 *       first word > W, greedy filling). W is estimated as the 95th
 *       percentile of inner line lengths (code points). When at least half
 *       of the inner lines are filled that way (and at most 100 code points
 *       long) the text is BLANK; else its line breaks are paragraph ends
 *       and a few blank lines are only spacing: LINE. A one-paragraph-per-
 *       line file has long lines of very different lengths, and short
 *       dialogue lines are far from any common width, so neither passes as
 *       wrapped.
 * Spans exclude the blank lines around a paragraph and are trimmed of
 * white space (tdm_space_len: ASCII, Unicode Zs, U+2028/2029, U+FEFF).
 */
#include "text/paragraphs.h"

#include <stdlib.h>
#include <string.h>

#define WRAP_MAX 100 /* longest line still taken for a wrapped one */

size_t tdm_space_len(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    if (!n)
        return 0;
    if (s[0] < 0x80)
        return s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r');
    if (n >= 2 && s[0] == 0xC2 && (s[1] == 0xA0 || s[1] == 0x85))
        return 2;
    if (n < 3)
        return 0;
    if (s[0] == 0xE2 && s[1] == 0x80 &&
        (s[2] <= 0x8A || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF))
        return 3;
    if ((s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F) ||
        (s[0] == 0xE1 && s[1] == 0x9A && s[2] == 0x80) ||
        (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) ||
        (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF))
        return 3;
    return 0;
}

size_t tdm_space_len_before(const char *s, size_t n)
{
    if (!n)
        return 0;
    if ((unsigned char)s[n - 1] < 0x80)
        return tdm_space_len(s + n - 1, 1);
    if (n >= 2 && tdm_space_len(s + n - 2, 2) == 2)
        return 2;
    if (n >= 3 && tdm_space_len(s + n - 3, 3) == 3)
        return 3;
    return 0;
}

/* Trims [*start, *end) of text. */
static void trim(const char *text, size_t *start, size_t *end)
{
    size_t k;
    while (*start < *end && (k = tdm_space_len(text + *start, *end - *start)))
        *start += k;
    while (*end > *start && (k = tdm_space_len_before(text + *start, *end - *start)))
        *end -= k;
}

int tdm_is_p_line(const char *s, size_t n)
{
    size_t start = 0, end = n;
    trim(s, &start, &end);
    return end - start == 3 && s[start] == '<' && (s[start + 1] | 0x20) == 'p' &&
           s[start + 2] == '>';
}

enum { LINE_BLANK, LINE_P, LINE_TEXT };

typedef struct line {
    size_t start, end; /* trimmed content */
    size_t next;       /* where the next line starts */
    int kind;
} line;

static void read_line(const char *text, size_t len, size_t pos, line *l)
{
    const char *nl = memchr(text + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - text) : len;
    l->next = nl ? end + 1 : len;
    l->start = pos;
    l->end = end;
    trim(text, &l->start, &l->end);
    if (l->start == l->end)
        l->kind = LINE_BLANK;
    else if (tdm_is_p_line(text + l->start, l->end - l->start))
        l->kind = LINE_P;
    else
        l->kind = LINE_TEXT;
}

static size_t char_count(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static size_t first_word_chars(const char *text, const line *l)
{
    size_t i = l->start;
    while (i < l->end && !tdm_space_len(text + i, l->end - i))
        i++;
    return char_count(text + l->start, i - l->start);
}

tdm_para_mode tdm_para_resolve(const char *text, size_t len, tdm_para_mode mode)
{
    if (mode != TDM_PARA_AUTO)
        return mode;
    size_t hist[WRAP_MAX + 2] = {0}, inner = 0, blocks = 0;
    line prev = {0, 0, 0, LINE_BLANK}, cur;
    for (size_t pos = 0; pos < len; pos = cur.next, prev = cur) {
        read_line(text, len, pos, &cur);
        if (cur.kind == LINE_TEXT && prev.kind != LINE_TEXT)
            blocks++;
        if (cur.kind == LINE_TEXT && prev.kind == LINE_TEXT) {
            size_t c = char_count(text + prev.start, prev.end - prev.start);
            hist[c > WRAP_MAX ? WRAP_MAX + 1 : c]++;
            inner++;
        }
    }
    if (blocks < 2)
        return TDM_PARA_LINE;
    if (!inner)
        return TDM_PARA_BLANK;
    size_t width = 0, seen = 0;
    while (width <= WRAP_MAX && (seen += hist[width]) * 100 < inner * 95)
        width++;
    size_t filled = 0;
    prev.kind = LINE_BLANK;
    for (size_t pos = 0; pos < len; pos = cur.next, prev = cur) {
        read_line(text, len, pos, &cur);
        if (cur.kind != LINE_TEXT || prev.kind != LINE_TEXT)
            continue;
        size_t c = char_count(text + prev.start, prev.end - prev.start);
        if (c <= WRAP_MAX && (c * 5 >= width * 4 || c + 1 + first_word_chars(text, &cur) > width))
            filled++;
    }
    return filled * 2 >= inner ? TDM_PARA_BLANK : TDM_PARA_LINE;
}

/* Makes room for one more element of size elem in *arr. */
static int grow(void **arr, size_t *cap, size_t count, size_t elem)
{
    if (count < *cap)
        return 0;
    size_t n = *cap ? *cap * 2 : 64;
    void *bigger = realloc(*arr, n * elem);
    if (!bigger)
        return TDM_ENOMEM;
    *arr = bigger;
    *cap = n;
    return 0;
}

static int add_para(tdm_para **paras, size_t *count, size_t *cap, size_t start, size_t end)
{
    if (grow((void **)paras, cap, *count, sizeof **paras))
        return TDM_ENOMEM;
    (*paras)[(*count)++] = (tdm_para){start, end, 0, 0};
    return 0;
}

int tdm_find_paragraphs(const char *text, size_t len, tdm_para_mode mode, tdm_para **paras,
                        size_t *count)
{
    mode = tdm_para_resolve(text, len, mode);
    *paras = NULL;
    *count = 0;
    size_t cap = 0, first = 0, last = 0;
    int open = 0, rc = 0;
    line cur;
    for (size_t pos = 0; pos < len && !rc; pos = cur.next) {
        read_line(text, len, pos, &cur);
        if (cur.kind == LINE_TEXT && mode == TDM_PARA_LINE) {
            rc = add_para(paras, count, &cap, cur.start, cur.end);
        } else if (cur.kind == LINE_TEXT) {
            if (!open)
                first = cur.start;
            open = 1;
            last = cur.end;
        } else if (open && mode == TDM_PARA_BLANK) {
            rc = add_para(paras, count, &cap, first, last);
            open = 0;
        }
    }
    if (open && !rc)
        rc = add_para(paras, count, &cap, first, last);
    if (rc) {
        free(*paras);
        *paras = NULL;
        *count = 0;
    }
    return rc;
}

int tdm_find_presplit(const char *text, size_t len, tdm_para_mode mode, tdm_para **paras,
                      size_t *para_count, tdm_sentence **sentences, size_t *sentence_count)
{
    size_t pcap = 0, scap = 0;
    int rc = 0, open = 0;
    line cur;
    *paras = NULL;
    *sentences = NULL;
    *para_count = *sentence_count = 0;
    for (size_t pos = 0; pos < len && !rc; pos = cur.next) {
        read_line(text, len, pos, &cur);
        if (cur.kind != LINE_TEXT) {
            if (mode != TDM_PARA_NONE)
                open = 0;
            continue;
        }
        if (!open || mode == TDM_PARA_LINE) {
            rc = add_para(paras, para_count, &pcap, cur.start, cur.end);
            if (rc)
                break;
            (*paras)[*para_count - 1].first_sentence = (uint32_t)*sentence_count;
            open = 1;
        }
        rc = grow((void **)sentences, &scap, *sentence_count, sizeof **sentences);
        if (rc)
            break;
        tdm_para *p = &(*paras)[*para_count - 1];
        p->end = cur.end;
        p->sentence_count++;
        (*sentences)[(*sentence_count)++] =
            (tdm_sentence){cur.start, cur.end, 0, 0, (uint32_t)(*para_count - 1)};
    }
    if (rc) {
        free(*paras);
        free(*sentences);
        *paras = NULL;
        *sentences = NULL;
        *para_count = *sentence_count = 0;
    }
    return rc;
}
