/*
 * abbrev.c: parsing and indexing a language's abbreviation list
 * (models/<lang>/abbrev) for the sentence splitter.
 *
 * File format (also in models/README.md), UTF-8, one item per line:
 *
 *   # a comment: '#' at the start of a line or after white space
 *   %ordinal 3        a directive (see below)
 *   [prefix]          a section header: the class of the entries below it
 *   Dr.               an entry: one to four tokens separated by spaces
 *   p. ej.            (a multi-token entry: "p. ej.", "EE. UU.")
 *
 * Sections (classes):
 *   [prefix]  never ends a sentence: titles before a name (Sr., Dr., M.,
 *             Hr.) and abbreviations always followed by more of the
 *             sentence (p. ej., z. B., e.g.).
 *   [abbrev]  may end a sentence (etc., EE. UU., S.A.): the splitter breaks
 *             after it only before a capitalized word, never before a digit
 *             ("No. 5", "pág. 12") or a lower-case word.
 *   [word]    a one-letter word that is not an initial (English "I"), so
 *             that "than I. Then" breaks; a single token.
 * Directives:
 *   %ordinal N  numbers of at most N digits (1-9) followed by a period are
 *             ordinals and never end a sentence (German "am 3. Mai").
 *
 * An entry's final period is optional in the file ("Mme" and "Mme." are the
 * same entry: the abbreviation followed by a period in the text). Matching
 * is case-sensitive ("No." the number sign is not "no." the word), except
 * that an entry starting with an ASCII lower-case letter also matches with
 * that letter capitalized, as at the start of a sentence ("etc" -> "Etc").
 * A multi-token entry also matches written without its spaces ("z. B."
 * matches "z.B.").
 *
 * Index: each token that can stand before a period in the text (the final
 * token, and inner tokens ending in '.') is interned without that period in
 * a string table; each id heads a list of (entry, position) occurrences.
 * The splitter hashes the word before a period once and checks the few
 * occurrences against the neighbouring words, so the cost per period does
 * not depend on the size of the list.
 */
#include "text/abbrev.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "base/error.h"
#include "base/grow.h"
#include "base/strtab.h"

typedef struct entry {
    uint32_t token_off[TDM_ABBREV_MAX_TOKENS]; /* into arena */
    uint8_t token_len[TDM_ABBREV_MAX_TOKENS];
    uint8_t count;
    uint8_t cls;
} entry;

typedef struct occurrence {
    uint32_t entry;
    uint32_t next; /* next occurrence of the same key, UINT32_MAX at the end */
    uint8_t position;
} occurrence;

struct tdm_abbrev {
    tdm_strtab *keys;
    uint32_t *head; /* first occurrence per key id */
    size_t head_cap;
    entry *entries;
    size_t entry_count, entry_cap;
    occurrence *occ;
    size_t occ_count, occ_cap;
    char *arena;
    size_t arena_len, arena_cap;
    int ordinal_digits;
    /* Bit L (63: 63 or more) of key_lengths[b]: a key of L bytes starts
     * with byte b. Most words before a period are no key: this answers
     * them without hashing. */
    uint64_t key_lengths[256];
};

static unsigned length_bit(size_t len)
{
    return len < 63 ? (unsigned)len : 63;
}

#define NO_OCC UINT32_MAX

static int arena_add(tdm_abbrev *t, const char *s, size_t len, uint32_t *off)
{
    if (tdm_grow((void **)&t->arena, &t->arena_cap, t->arena_len + len + 1, 1, 16, 0))
        return -1;
    memcpy(t->arena + t->arena_len, s, len);
    t->arena[t->arena_len + len] = '\0';
    *off = (uint32_t)t->arena_len;
    t->arena_len += len + 1;
    return 0;
}

static int index_token(tdm_abbrev *t, const char *key, size_t len, uint32_t entry_index,
                       uint8_t position)
{
    uint32_t id = tdm_strtab_intern(t->keys, key, len);
    if (id == TDM_STRTAB_NONE)
        return -1;
    if (len)
        t->key_lengths[(unsigned char)key[0]] |= 1ull << length_bit(len);
    if (id >= t->head_cap) {
        size_t old = t->head_cap;
        if (tdm_grow((void **)&t->head, &t->head_cap, (size_t)id + 1, sizeof *t->head, 16, 0))
            return -1;
        for (size_t i = old; i < t->head_cap; i++)
            t->head[i] = NO_OCC;
    }
    if (tdm_grow((void **)&t->occ, &t->occ_cap, t->occ_count + 1, sizeof *t->occ, 16, 0))
        return -1;
    /* Append at the tail so that lookups see file order. */
    occurrence *o = &t->occ[t->occ_count];
    o->entry = entry_index;
    o->position = position;
    o->next = NO_OCC;
    uint32_t *link = &t->head[id];
    while (*link != NO_OCC)
        link = &t->occ[*link].next;
    *link = (uint32_t)t->occ_count++;
    return 0;
}

/* Adds one entry of count tokens (the final one already without its
 * period) and indexes its tokens. */
static int add_entry(tdm_abbrev *t, const char *const *tok, const size_t *len, size_t count,
                     int cls)
{
    if (tdm_grow((void **)&t->entries, &t->entry_cap, t->entry_count + 1, sizeof *t->entries, 16,
                 0))
        return -1;
    uint32_t index = (uint32_t)t->entry_count;
    entry *e = &t->entries[index];
    memset(e, 0, sizeof *e);
    e->count = (uint8_t)count;
    e->cls = (uint8_t)cls;
    for (size_t i = 0; i < count; i++) {
        uint32_t off;
        if (arena_add(t, tok[i], len[i], &off))
            return -1;
        e = &t->entries[index];
        e->token_off[i] = off;
        e->token_len[i] = (uint8_t)len[i];
    }
    t->entry_count++;
    for (size_t i = 0; i < count; i++) {
        size_t klen = len[i];
        if (i + 1 < count) {
            if (klen < 2 || tok[i][klen - 1] != '.')
                continue; /* never stands before a period */
            klen--;
        }
        if (index_token(t, tok[i], klen, index, (uint8_t)i))
            return -1;
    }
    return 0;
}

/* Are the tokens only single capital letters, with periods and hyphens
 * between ("H", "A. C", "J.-C")? */
static int initials_only(const char *const *tok, const size_t *len, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        int letter_before = 0;
        for (size_t k = 0; k < len[i]; k++) {
            char c = tok[i][k];
            if (c >= 'A' && c <= 'Z' && !letter_before)
                letter_before = 1;
            else if (c == '.' || c == '-')
                letter_before = 0;
            else
                return 0;
        }
    }
    return 1;
}

/* Adds an entry and, when it starts with an ASCII lower-case letter, the
 * same entry capitalized. tok[0] must be writable scratch of len[0] bytes
 * that this may change. */
static int add_with_capital(tdm_abbrev *t, char *first, const char **tok, const size_t *len,
                            size_t count, int cls)
{
    if (add_entry(t, tok, len, count, cls))
        return -1;
    if (first[0] < 'a' || first[0] > 'z')
        return 0;
    first[0] = (char)(first[0] - 'a' + 'A');
    tok[0] = first;
    if (initials_only(tok, len, count))
        return 0; /* "h" -> "H", "a. C." -> "A. C.": those are initials */
    return add_entry(t, tok, len, count, cls);
}

/* Adds an entry with its variants: capitalized, and for several tokens
 * their concatenation ("z.B." for "z. B."). */
static int add_with_variants(tdm_abbrev *t, const char **tok, const size_t *len, size_t count,
                             int cls)
{
    char first[TDM_ABBREV_MAX_TOKEN];
    char joined[TDM_ABBREV_MAX_TOKEN * TDM_ABBREV_MAX_TOKENS];
    size_t joined_len = 0;
    for (size_t i = 0; i < count; i++) {
        memcpy(joined + joined_len, tok[i], len[i]);
        joined_len += len[i];
    }
    memcpy(first, tok[0], len[0]);
    tok[0] = first;
    if (add_with_capital(t, first, tok, len, count, cls))
        return -1;
    if (count == 1)
        return 0;
    const char *joined_tok[1] = {joined};
    return add_with_capital(t, joined, joined_tok, &joined_len, 1, cls);
}

static int valid_utf8(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0 || cp < 0x20)
            return 0;
        i += (size_t)n;
    }
    return 1;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Parses one line (comment already removed, trimmed, not empty). */
static int parse_line(tdm_abbrev *t, const char *s, size_t len, int *cls, const char *name,
                      long line, tdm_error *err)
{
    if (!valid_utf8(s, len))
        return tdm_fail(err, TDM_EINPUT, name, line, -1,
                        "invalid UTF-8 or control character in abbreviation list");
    if (s[0] == '[') {
        static const struct {
            const char *name;
            int cls;
        } sections[] = {{"[prefix]", TDM_ABBREV_PREFIX},
                        {"[abbrev]", TDM_ABBREV_FINAL},
                        {"[word]", TDM_ABBREV_WORD}};
        for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
            if (strlen(sections[i].name) == len && memcmp(s, sections[i].name, len) == 0) {
                *cls = sections[i].cls;
                return 0;
            }
        return tdm_fail(err, TDM_EINPUT, name, line, -1,
                        "unknown section %.*s (expected [prefix], [abbrev] or [word])", (int)len,
                        s);
    }
    if (s[0] == '%') {
        if (len == 10 && memcmp(s, "%ordinal ", 9) == 0 && s[9] >= '0' && s[9] <= '9') {
            t->ordinal_digits = s[9] - '0';
            return 0;
        }
        return tdm_fail(err, TDM_EINPUT, name, line, -1,
                        "unknown directive %.*s (expected %%ordinal N, N a digit)", (int)len, s);
    }
    if (*cls == TDM_ABBREV_NONE)
        return tdm_fail(err, TDM_EINPUT, name, line, -1,
                        "entry before any section ([prefix], [abbrev] or [word])");
    const char *tok[TDM_ABBREV_MAX_TOKENS];
    size_t tok_len[TDM_ABBREV_MAX_TOKENS];
    size_t count = 0, i = 0;
    while (i < len) {
        while (i < len && is_blank(s[i]))
            i++;
        if (i == len)
            break;
        size_t start = i;
        while (i < len && !is_blank(s[i]))
            i++;
        if (count == TDM_ABBREV_MAX_TOKENS)
            return tdm_fail(err, TDM_EINPUT, name, line, -1, "more than %d tokens in an entry",
                            TDM_ABBREV_MAX_TOKENS);
        if (i - start > TDM_ABBREV_MAX_TOKEN)
            return tdm_fail(err, TDM_EINPUT, name, line, -1, "token longer than %d bytes",
                            TDM_ABBREV_MAX_TOKEN);
        tok[count] = s + start;
        tok_len[count++] = i - start;
    }
    if (tok[count - 1][tok_len[count - 1] - 1] == '.')
        tok_len[count - 1]--;
    if (tok_len[count - 1] == 0)
        return tdm_fail(err, TDM_EINPUT, name, line, -1, "an entry cannot be a lone period");
    if (*cls == TDM_ABBREV_WORD) {
        if (count > 1 || memchr(tok[0], '.', tok_len[0]))
            return tdm_fail(err, TDM_EINPUT, name, line, -1,
                            "a [word] entry is one token without periods");
        if (add_entry(t, tok, tok_len, 1, *cls))
            return tdm_fail(err, TDM_ENOMEM, name, line, -1, "out of memory");
        return 0;
    }
    if (add_with_variants(t, tok, tok_len, count, *cls))
        return tdm_fail(err, TDM_ENOMEM, name, line, -1, "out of memory");
    return 0;
}

tdm_abbrev *tdm_abbrev_parse(const char *text, size_t len, const char *name, tdm_error *err)
{
    tdm_abbrev *t = calloc(1, sizeof *t);
    if (!t || !(t->keys = tdm_strtab_new())) {
        free(t);
        tdm_fail(err, TDM_ENOMEM, name, -1, -1, "out of memory");
        return NULL;
    }
    int cls = TDM_ABBREV_NONE;
    long line = 0;
    size_t pos = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0; /* a BOM */
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        const char *s = text + pos;
        size_t n = end - pos;
        pos = end + 1;
        line++;
        for (size_t i = 0; i < n; i++)
            if (s[i] == '#' && (i == 0 || is_blank(s[i - 1]))) {
                n = i;
                break;
            }
        while (n > 0 && (is_blank(s[n - 1]) || s[n - 1] == '\r'))
            n--;
        while (n > 0 && is_blank(*s)) {
            s++;
            n--;
        }
        if (n == 0)
            continue;
        if (parse_line(t, s, n, &cls, name, line, err)) {
            tdm_abbrev_free(t);
            return NULL;
        }
    }
    return t;
}

void tdm_abbrev_free(tdm_abbrev *t)
{
    if (!t)
        return;
    tdm_strtab_free(t->keys);
    free(t->head);
    free(t->entries);
    free(t->occ);
    free(t->arena);
    free(t);
}

int tdm_abbrev_ordinal_digits(const tdm_abbrev *t)
{
    return t->ordinal_digits;
}

size_t tdm_abbrev_find(const tdm_abbrev *t, const char *key, size_t len, tdm_abbrev_hit *out,
                       size_t cap)
{
    if (!len || !(t->key_lengths[(unsigned char)key[0]] >> length_bit(len) & 1))
        return 0;
    uint32_t id = tdm_strtab_find(t->keys, key, len);
    if (id == TDM_STRTAB_NONE)
        return 0;
    size_t n = 0;
    for (uint32_t o = t->head[id]; o != NO_OCC; o = t->occ[o].next, n++) {
        if (n >= cap)
            continue;
        const entry *e = &t->entries[t->occ[o].entry];
        tdm_abbrev_hit *h = &out[n];
        h->count = e->count;
        h->position = t->occ[o].position;
        h->cls = e->cls;
        for (size_t i = 0; i < e->count; i++) {
            h->tokens[i] = t->arena + e->token_off[i];
            h->token_len[i] = e->token_len[i];
        }
    }
    return n;
}
