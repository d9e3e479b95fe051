/*
 * segment.c: the rule-based sentence splitter (include/tandem/segment.h).
 *
 * One left-to-right pass over a paragraph, in the tradition of the
 * rule-based splitters surveyed by Palmer & Hearst (1997) and Read et al.
 * (2012, "Sentence boundary detection: a long solved problem?"): a sentence
 * may end only at a cluster of terminators (. ? ! … ‼ ⁇ ⁈ ⁉ ‽, and
 * "..." / ". . ." / "? !" with spaces between, as in tokenized text), and
 * only when, after the closing quotes and brackets that follow the cluster,
 * comes white space or the end of the paragraph. So "3.5", "www.ejemplo.es",
 * "a@b.fr", "1.º" and "?c=d" never split. (One exception, for texts whose
 * line breaks were lost: "prochaine.En annonçant", a word without dots, then
 * a capital and a lower-case letter glued to the period.) At a candidate:
 *
 *  - The next sentence must look like a start: the first character after
 *    the white space and opening marks (« “ „ ( ¿ ¡ — " ' ...) is an upper-
 *    or title-case letter, an uncased letter (CJK...), a digit or a symbol.
 *    A lower-case letter, or , ; : ) », means the sentence goes on
 *    ("“Yes!” she said", "etc. y luego").
 *  - A single period glued to the word before it is checked against the
 *    language's abbreviation list (abbrev.c: [prefix] entries never end a
 *    sentence, [abbrev] entries only before a capitalized word, multi-token
 *    entries like "EE. UU." are matched with the words around), then: a
 *    number of at most N digits is an ordinal where the list says
 *    "%ordinal N" (German "am 3. Mai"), and one of at most 3 digits that
 *    opens its sentence numbers a list ("1. Vom Everest"); capitals each
 *    followed by a period are initials ("J. R. R. Tolkien", "N.D. Jayal",
 *    "J.-B."), unless the list has the letter as a [word] (English "I").
 *  - A cluster right after "(" or "[" is an omission or a remark, "(...)",
 *    "(!)", not an end.
 *
 * Closing marks: » ” ’ › ) ] } close the sentence when glued to the
 * cluster, or after white space when they are followed by white space or
 * punctuation (French « Bonjour. » Puis, tokenized ". )"); « “ ‘ only when
 * glued (German „Komm.“). The straight quotes " and ' are ambiguous: glued
 * to a word on one side only, a quote opens (left side free) or closes;
 * space-separated as in tokenized text (". " Then"), it closes before
 * another quote (". " " What") and else when a quote is open (parity since
 * the paragraph's start). Standalone ' count likewise, except the
 * possessive "days ' absence".
 *
 * Cost: each byte is looked at a bounded number of times (backward and
 * forward looks stop after a few words), the word before a period is
 * hashed at most once, and nothing is allocated: linear time, constant
 * memory. The bytes between candidates, most of a text, are skipped
 * sixteen at a time where SSE2 is available.
 */
#include "tandem/segment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "text/abbrev.h"
#include "base/error.h"
#include "base/fileio.h"
#include "text/punct.h"
#include "text/script.h"
#include "text/lang.h"
#include "text/segment.h"

struct tdm_splitter {
    tdm_abbrev *abbrev; /* NULL: language-neutral rules */
    int ordinal_digits;
};

/* How far the splitter looks back for the word before a period and over
 * white space between the tokens of an abbreviation. */
#define MAX_WORD 64
#define MAX_GAP 16
#define MAX_HITS 16

typedef const unsigned char *bytes;

/* Bytes that the main loop must look at: terminators, straight quotes,
 * ';' (a question mark after Greek), the lead byte of the three-byte
 * terminators (… ‼ ⁇ ⁈ ⁉ ‽), and kind 4: the lead bytes from U+0540 on
 * (other scripts' terminators, Thai spaces). */
#define LEAD_FROM 0xD5
static const unsigned char interesting[256] = {
    ['.'] = 1,  ['?'] = 1,  ['!'] = 1,  [';'] = 1,  ['"'] = 2,  ['\''] = 3, [0xE2] = 1, [0xD5] = 4,
    [0xD6] = 4, [0xD7] = 4, [0xD8] = 4, [0xD9] = 4, [0xDA] = 4, [0xDB] = 4, [0xDC] = 4, [0xDD] = 4,
    [0xDE] = 4, [0xDF] = 4, [0xE0] = 4, [0xE1] = 4, [0xE3] = 4, [0xE4] = 4, [0xE5] = 4, [0xE6] = 4,
    [0xE7] = 4, [0xE8] = 4, [0xE9] = 4, [0xEA] = 4, [0xEB] = 4, [0xEC] = 4, [0xED] = 4, [0xEE] = 4,
    [0xEF] = 4, [0xF0] = 4, [0xF1] = 4, [0xF2] = 4, [0xF3] = 4, [0xF4] = 4,
};

/* The first interesting byte at or after s[i], or len. In European text
 * about one byte in forty is one, so with SSE2 sixteen bytes are compared
 * at a time (the same values as the table: the bytes >= LEAD_FROM by an
 * unsigned maximum). */
static size_t next_interesting(bytes s, size_t i, size_t len)
{
#if defined(__SSE2__)
    const __m128i dot = _mm_set1_epi8('.'), question = _mm_set1_epi8('?'),
                  bang = _mm_set1_epi8('!'), dq = _mm_set1_epi8('"'), sq = _mm_set1_epi8('\''),
                  semi = _mm_set1_epi8(';'), lead = _mm_set1_epi8((char)LEAD_FROM);
    for (; i + 16 <= len; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i hit = _mm_or_si128(
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(v, question)),
                         _mm_or_si128(_mm_cmpeq_epi8(v, bang), _mm_cmpeq_epi8(v, dq))),
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, sq), _mm_cmpeq_epi8(v, semi)),
                         _mm_cmpeq_epi8(_mm_max_epu8(v, lead), v)));
        unsigned mask = (unsigned)_mm_movemask_epi8(hit);
        if (mask)
            return i + (size_t)__builtin_ctz(mask);
    }
#endif
    while (i < len && !interesting[s[i]])
        i++;
    return i;
}

/* Is cp an upper-case (Lu) or lower-case (Ll) letter? (ASCII is answered
 * without utf8proc: its only letters are A-Z and a-z.) */
static int is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

static int is_lower(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

typedef struct quotes {
    int dq_open; /* a straight double quote is open */
    int sq_open; /* a standalone straight single quote is open */
} quotes;

/* Is the next character after s[i], past white space, a straight double
 * quote? (". " " What": the first closes, the second opens.) */
static int quote_follows(bytes s, size_t i, size_t len, int single_too)
{
    size_t n, k = i + 1;
    while (k < len && k - i <= MAX_GAP && (n = tdm_white_at(s, k, len)) != 0)
        k += n;
    return k > i + 1 && k < len &&
           (s[k] == '"' || (single_too && s[k] == '\'' && tdm_standalone(s, k, len)));
}

/* Updates q for the straight double quote at s[i]: glued to a word on one
 * side only, it opens or closes; otherwise (tokenized text) it closes
 * before another quote and else toggles. Returns nonzero if it closes. */
static int double_quote(bytes s, size_t i, size_t len, quotes *q)
{
    int left = i > 0 && !tdm_white_before(s, i);
    int right = i + 1 < len && !tdm_white_at(s, i + 1, len);
    int closes;
    if (left != right)
        closes = left;
    else if (!left && quote_follows(s, i, len, 0))
        closes = 1;
    else
        closes = q->dq_open;
    q->dq_open = !closes;
    return closes;
}

/* Updates q for the straight single quote at s[i]: only standalone ones
 * (tokenized text) count, and not the possessive of "the days ' absence". */
static void single_quote(bytes s, size_t i, size_t len, quotes *q)
{
    if (!tdm_standalone(s, i, len))
        return;
    if (i >= 2 && (s[i - 2] == 's' || s[i - 2] == 'S') &&
        tdm_next_start(s, i + 1, len) == TDM_NEXT_LOWER)
        return;
    q->sq_open = !q->sq_open;
}

/* Length of a closing mark at s[i] that closes the sentence, or 0.
 * glued: no white space between it and the terminators. */
static size_t closer_len(bytes s, size_t i, size_t len, int glued, quotes *q)
{
    switch (s[i]) {
    case '"': {
        if (!glued && !tdm_free_after(s, i + 1, len))
            return 0; /* it opens the next word */
        quotes after = *q;
        /* Glued on both sides ("pays."Le), only an open quote closes. */
        if ((glued && (tdm_free_after(s, i + 1, len) || q->dq_open)) ||
            (!glued && double_quote(s, i, len, &after))) {
            q->dq_open = 0;
            return 1;
        }
        return 0;
    }
    case '\'':
        if (glued ? tdm_free_after(s, i + 1, len)
                  : tdm_standalone(s, i, len) && (q->sq_open || quote_follows(s, i, len, 1))) {
            q->sq_open = 0;
            return 1;
        }
        return 0;
    case ')':
    case ']':
    case '}': return glued || tdm_free_after(s, i + 1, len) ? 1 : 0;
    case 0xC2:
        if (i + 1 < len && s[i + 1] == 0xBB) /* » */
            return glued || tdm_free_after(s, i + 2, len) ? 2 : 0;
        if (i + 1 < len && s[i + 1] == 0xAB) /* « closes German »Ja.« */
            return glued && tdm_free_after(s, i + 2, len) ? 2 : 0;
        return 0;
    case 0xE2:
        if (tdm_punct_e2(s, i, len, 0x80, 0x9D) || tdm_punct_e2(s, i, len, 0x80, 0x99) ||
            tdm_punct_e2(s, i, len, 0x80, 0xBA))
            return glued || tdm_free_after(s, i + 3, len) ? 3 : 0; /* ” ’ › */
        if (tdm_punct_e2(s, i, len, 0x80, 0x9C) || tdm_punct_e2(s, i, len, 0x80, 0x98) ||
            tdm_punct_e2(s, i, len, 0x80, 0xB9))
            return glued && tdm_free_after(s, i + 3, len) ? 3 : 0; /* “ ‘ ‹ (German) */
        return 0;
    default:
        if (s[i] >= 0xE3) { /* CJK closing brackets and quotes: 」 』 ） 】 》 */
            int32_t cp;
            size_t k = tdm_utf8_decode(s, i, len, &cp);
            utf8proc_category_t cat = cp < 0 ? UTF8PROC_CATEGORY_CN : utf8proc_category(cp);
            if (cat == UTF8PROC_CATEGORY_PE || cat == UTF8PROC_CATEGORY_PF)
                return glued || tdm_free_after(s, i + k, len) ? k : 0;
        }
        return 0;
    }
}

/* Is the character at s[i] a hiragana letter (U+3041-309F)? */
static int hiragana_at(bytes s, size_t i, size_t len)
{
    return i + 2 < len && s[i] == 0xE3 &&
           ((s[i + 1] == 0x81 && s[i + 2] >= 0x81) || (s[i + 1] == 0x82 && s[i + 2] <= 0x9F));
}

/* Thai and Lao write no space between words and one between sentences (or
 * clauses), and have no sentence terminator: if the character at s[i] is
 * of those scripts and white space then another such character follow,
 * returns the end of the character (where a sentence ends), else 0. */
static size_t space_break(bytes s, size_t i, size_t len)
{
    int32_t cp;
    size_t end = i + tdm_utf8_decode(s, i, len, &cp), k = end, n;
    if (!tdm_script_space_ends_sentence(cp) || utf8proc_category(cp) == UTF8PROC_CATEGORY_PO)
        return 0;
    while (k < len && k - end <= MAX_GAP && (n = tdm_white_at(s, k, len)) != 0)
        k += n;
    if (k == end || k >= len)
        return 0;
    tdm_utf8_decode(s, k, len, &cp);
    return tdm_script_space_ends_sentence(cp) ? end : 0;
}

/* Does a sentence visibly start at s[i], glued to the end of the previous
 * one as in texts whose line breaks were lost ("prochaine.En annonçant",
 * "existants."Alexandre")? An optional opening quote, then a capital and a
 * lower-case letter or apostrophe, in a word that is no address (no '/',
 * '@', or '.' inside: "www.Ejemplo.es"). */
static int glued_start(bytes s, size_t i, size_t len)
{
    if (s[i] == '"' || s[i] == '\'')
        i++;
    else if (i + 1 < len && s[i] == 0xC2 && s[i + 1] == 0xAB)
        i += 2;
    else if (tdm_punct_e2(s, i, len, 0x80, 0x9C) || tdm_punct_e2(s, i, len, 0x80, 0x9E))
        i += 3;
    int32_t cp;
    size_t j = i < len ? i + tdm_utf8_decode(s, i, len, &cp) : len;
    if (j >= len || !is_upper(cp))
        return 0;
    if (s[j] != '\'' && !tdm_punct_e2(s, j, len, 0x80, 0x99)) {
        tdm_utf8_decode(s, j, len, &cp);
        if (!is_lower(cp))
            return 0;
    }
    for (size_t k = i; k < len && !tdm_white_at(s, k, len); k++) {
        if (k - i >= MAX_WORD || s[k] == '/' || s[k] == '@')
            return 0;
        if (s[k] == '.' && k + 1 < len && tdm_letter_or_digit(s, k + 1, len))
            return 0;
    }
    return 1;
}

/* Can the word before terminators glued to the next sentence at s[cluster]
 * end one: a word of no more than MAX_WORD bytes without '.', '/', '@' (so
 * no address or dotted abbreviation), ending in a letter ("NBC.Puis"; a
 * lone capital is an initial, see period_breaks), a digit or a closing
 * mark? */
static int glued_end(bytes s, size_t cluster)
{
    size_t k = cluster;
    while (k > 0 && !tdm_white_before(s, k)) {
        unsigned char c = s[k - 1];
        if (cluster - k >= MAX_WORD || c == '.' || c == '/' || c == '@')
            return 0;
        k--;
    }
    size_t last = cluster;
    while (last > k && (s[last - 1] & 0xC0) == 0x80 && cluster - last < 3)
        last--;
    if (last == k)
        return 0;
    last--;
    int32_t cp;
    tdm_utf8_decode(s, last, cluster, &cp);
    if (cp < 0)
        return 0;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_LU ||
           cat == UTF8PROC_CATEGORY_ND || cat == UTF8PROC_CATEGORY_PE ||
           cat == UTF8PROC_CATEGORY_PF || cp == '"';
}

/* Does s[*pos - len, *pos) hold tok, as a whole token (white space, an
 * opening mark or the text's start before it)? Moves *pos to its start. */
static int token_before(bytes s, size_t *pos, const char *tok, size_t tok_len)
{
    size_t gap = 0, n;
    while (gap <= MAX_GAP && (n = tdm_white_before(s, *pos - gap)) != 0)
        gap += n;
    if (gap == 0 || gap > MAX_GAP || *pos - gap < tok_len)
        return 0;
    size_t start = *pos - gap - tok_len;
    if (memcmp(s + start, tok, tok_len) != 0)
        return 0;
    if (start > 0 && !tdm_white_before(s, start) && !tdm_opener_before(s, start))
        return 0;
    *pos = start;
    return 1;
}

/* Does s[*pos..] hold, after white space, tok followed by white space (or
 * by a period when last)? Moves *pos past it. */
static int token_after(bytes s, size_t len, size_t *pos, const char *tok, size_t tok_len, int last)
{
    size_t i = *pos, n;
    while (i < len && i - *pos <= MAX_GAP && (n = tdm_white_at(s, i, len)) != 0)
        i += n;
    if (i == *pos || i - *pos > MAX_GAP || len - i < tok_len + 1)
        return 0;
    if (memcmp(s + i, tok, tok_len) != 0)
        return 0;
    i += tok_len;
    if (last ? s[i] != '.' : !tdm_white_at(s, i, len))
        return 0;
    *pos = i;
    return 1;
}

/* The class of the word s[start, end) that a period at s[end] follows,
 * matched with the words around it (TDM_ABBREV_NONE when not listed). */
static int abbrev_class(const tdm_abbrev *table, bytes s, size_t len, size_t start, size_t end)
{
    tdm_abbrev_hit hits[MAX_HITS];
    size_t n = tdm_abbrev_find(table, (const char *)s + start, end - start, hits, MAX_HITS);
    if (n > MAX_HITS)
        n = MAX_HITS;
    int best = TDM_ABBREV_NONE;
    size_t best_count = 0;
    for (size_t h = 0; h < n; h++) {
        const tdm_abbrev_hit *hit = &hits[h];
        if (hit->count <= best_count)
            continue;
        size_t pos = start;
        int ok = 1;
        for (size_t k = hit->position; ok && k-- > 0;)
            ok = token_before(s, &pos, hit->tokens[k], hit->token_len[k]);
        pos = end + 1;
        for (size_t k = hit->position + 1u; ok && k < hit->count; k++)
            ok = token_after(s, len, &pos, hit->tokens[k], hit->token_len[k], k + 1 == hit->count);
        if (!ok)
            continue;
        best_count = hit->count;
        /* A period inside a multi-token abbreviation never ends anything. */
        best = hit->position + 1u == hit->count ? hit->cls : TDM_ABBREV_PREFIX;
    }
    return best;
}

/* Is s[start, end) (before a period) one or more initials: capital
 * letters each followed by a period, maybe joined by hyphens ("J", "N.D",
 * "A.J.M", "J.-B")? */
static int initials(bytes s, size_t start, size_t end)
{
    size_t i = start;
    for (;;) {
        int32_t cp;
        size_t n = tdm_utf8_decode(s, i, end, &cp);
        if (!is_upper(cp))
            return 0;
        i += n;
        if (i == end)
            return 1;
        if (s[i] != '.' || ++i == end)
            return 0;
        if (s[i] == '-' && ++i == end)
            return 0;
    }
}

/* Decides whether a single period at s[dot], glued to the word before it,
 * ends a sentence, given what follows. first: where the sentence's first
 * word starts. */
static int period_breaks(const tdm_splitter *sp, bytes s, size_t len, size_t first, size_t dot,
                         tdm_next_kind next)
{
    /* Before a lower-case word or what goes on (, ; : ...) every rule
     * below says no. */
    if (next == TDM_NEXT_LOWER || next == TDM_NEXT_CONT)
        return 0;
    size_t start = dot, dash = SIZE_MAX; /* dash: the word's last '-' */
    while (start > 0 && !tdm_white_before(s, start)) {
        if (dot - start >= MAX_WORD)
            return 1; /* a long word or a URL */
        if (s[--start] == '-' && dash == SIZE_MAX)
            dash = start;
    }
    size_t n;
    while (start < dot && (n = tdm_opener_len(s, start, dot)) != 0)
        start += n;
    if (start == dot)
        return 1;
    int cls = sp && sp->abbrev ? abbrev_class(sp->abbrev, s, len, start, dot) : TDM_ABBREV_NONE;
    if (cls == TDM_ABBREV_PREFIX)
        return 0;
    if (cls == TDM_ABBREV_FINAL)
        return next == TDM_NEXT_UPPER;
    if (cls == TDM_ABBREV_NONE) {
        size_t digits = 0;
        while (start + digits < dot && s[start + digits] >= '0' && s[start + digits] <= '9')
            digits++;
        if (start + digits == dot &&
            ((sp && digits <= (size_t)sp->ordinal_digits) || (digits <= 3 && start == first)))
            return 0; /* an ordinal, or the number of a list item: "1. Vom ..." */
        /* "Gunten-A. Reist": the initial of a double name */
        size_t last = dash != SIZE_MAX && dash >= start ? dash + 1 : start;
        if (initials(s, start, dot) || (last > start && initials(s, last, dot)))
            return 0;
    }
    return 1;
}

/* Where the first word of the text s[start, end) starts, past white space
 * and opening marks. */
static size_t first_word(bytes s, size_t start, size_t end)
{
    size_t n;
    while (start < end &&
           ((n = tdm_white_at(s, start, end)) != 0 || (n = tdm_opener_len(s, start, end))))
        start += n;
    return start;
}

/* Appends the span s[start, end) trimmed of white space, if not empty. */
static void emit(bytes s, size_t start, size_t end, tdm_span *out, size_t cap, size_t *count)
{
    size_t n;
    while (start < end && (n = tdm_white_at(s, start, end)) != 0)
        start += n;
    while (end > start && (n = tdm_white_before(s, end)) != 0 && end - n >= start)
        end -= n;
    if (start == end)
        return;
    if (*count < cap) {
        out[*count].start = start;
        out[*count].end = end;
    }
    (*count)++;
}

size_t tdm_split(const tdm_splitter *sp, const char *text, size_t len, tdm_span *out, size_t cap)
{
    bytes s = (bytes)text;
    size_t count = 0, sentence_start = 0, i = 0, n;
    size_t first = SIZE_MAX; /* start of the sentence's first word, when known */
    quotes q = {0, 0};
    while ((i = next_interesting(s, i, len)) < len) {
        unsigned char kind = interesting[s[i]];
        if (kind == 2) {
            double_quote(s, i, len, &q);
            i++;
            continue;
        }
        if (kind == 3) {
            single_quote(s, i, len, &q);
            i++;
            continue;
        }
        size_t tl = tdm_terminator_len(s, i, len);
        if (!tl) {
            size_t e = kind == 4 ? space_break(s, i, len) : 0;
            if (e) {
                emit(s, sentence_start, e, out, cap, &count);
                sentence_start = e;
                first = SIZE_MAX;
            }
            i++;
            continue;
        }
        /* The cluster: terminators, possibly with white space between. */
        size_t cluster = i, cluster_end = i + tl, terminators = 1;
        int single_dot = s[i] == '.', glues = kind == 4 && tdm_terminator_glues(s, i, len);
        for (;;) {
            size_t k = cluster_end;
            while (k < len && k - cluster_end <= MAX_GAP && (n = tdm_white_at(s, k, len)) != 0)
                k += n;
            if (k >= len || !(tl = tdm_terminator_len(s, k, len)))
                break;
            glues = glues || tdm_terminator_glues(s, k, len);
            cluster_end = k + tl;
            terminators++;
        }
        single_dot = single_dot && terminators == 1;
        /* Closing marks, then white space or the end. */
        quotes after_q = q;
        size_t end = cluster_end;
        for (;;) {
            size_t k = end;
            while (k < len && k - end <= MAX_GAP && (n = tdm_white_at(s, k, len)) != 0)
                k += n;
            if (k >= len || !(n = closer_len(s, k, len, k == end, &after_q)))
                break;
            end = k + n;
        }
        /* After 。 ！ ？ the next sentence follows without a space, except
         * in Japanese quotations: 「行く！」と言った (a closing bracket, then
         * a particle in hiragana). */
        int boundary = end >= len || tdm_white_at(s, end, len) ||
                       (glues && !(end > cluster_end && hiragana_at(s, end, len))) ||
                       (glued_start(s, end, len) && glued_end(s, cluster));
        if (boundary && cluster > 0 && (s[cluster - 1] == '(' || s[cluster - 1] == '['))
            boundary = 0;
        if (boundary) {
            size_t k = cluster;
            while (k > sentence_start && (n = tdm_white_before(s, k)) != 0)
                k -= n;
            boundary = k > sentence_start;
        }
        if (boundary) {
            tdm_next_kind next = tdm_next_start(s, end, len);
            int glued = cluster > 0 && !tdm_white_before(s, cluster);
            if (single_dot && glued) {
                if (first == SIZE_MAX)
                    first = first_word(s, sentence_start, len);
                boundary = period_breaks(sp, s, len, first, cluster, next);
            } else {
                boundary = next != TDM_NEXT_LOWER && next != TDM_NEXT_CONT;
            }
        }
        if (boundary) {
            emit(s, sentence_start, end, out, cap, &count);
            sentence_start = end;
            first = SIZE_MAX;
            q = after_q;
            i = end;
        } else {
            i = cluster_end;
        }
    }
    emit(s, sentence_start, len, out, cap, &count);
    return count;
}

tdm_splitter *tdm_splitter_from_string(const char *abbrev, tdm_error *err)
{
    tdm_splitter *sp = calloc(1, sizeof *sp);
    if (!sp) {
        tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
        return NULL;
    }
    if (abbrev) {
        sp->abbrev = tdm_abbrev_parse(abbrev, strlen(abbrev), NULL, err);
        if (!sp->abbrev) {
            free(sp);
            return NULL;
        }
        sp->ordinal_digits = tdm_abbrev_ordinal_digits(sp->abbrev);
    }
    return sp;
}

tdm_splitter *tdm_splitter_load(const char *models_dir, const char *lang, tdm_error *err)
{
    char path[4096], code[8];
    if (!models_dir || !lang || !*lang) {
        tdm_fail(err, TDM_EUSAGE, NULL, -1, -1, "no models directory or language");
        return NULL;
    }
    if (tdm_lang_canonical(lang, code, err) != 0)
        return NULL;
    int w = snprintf(path, sizeof path, "%s/%s/abbrev", models_dir, tdm_lang_resource_code(code));
    if (w < 0 || (size_t)w >= sizeof path) {
        tdm_fail(err, TDM_EUSAGE, NULL, -1, -1, "models path too long");
        return NULL;
    }
    struct stat st;
    if (stat(path, &st) != 0) /* a known language without a list: generic rules */
        return tdm_splitter_from_string(NULL, err);
    char *data;
    size_t len;
    if (tdm_read_all(path, &data, &len, err))
        return NULL;
    tdm_splitter *sp = calloc(1, sizeof *sp);
    if (!sp) {
        free(data);
        tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
        return NULL;
    }
    sp->abbrev = tdm_abbrev_parse(data, len, path, err);
    free(data);
    if (!sp->abbrev) {
        free(sp);
        return NULL;
    }
    sp->ordinal_digits = tdm_abbrev_ordinal_digits(sp->abbrev);
    return sp;
}

unsigned tdm_splitter_resources(const tdm_splitter *sp)
{
    return sp && sp->abbrev ? TDM_RES_ABBREV : 0;
}

void tdm_splitter_free(tdm_splitter *sp)
{
    if (!sp)
        return;
    tdm_abbrev_free(sp->abbrev);
    free(sp);
}
