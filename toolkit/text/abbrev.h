/*
 * abbrev.h: the abbreviation table of a language (models/<lang>/abbrev,
 * format in models/README.md and at the top of abbrev.c), as the sentence
 * splitter (segment.c) queries it.
 *
 * An entry is one to four white-space separated tokens ("Dr", "EE. UU.",
 * "p. ej.") with a class. Every token of every entry is reachable from a
 * hash of that token (the string table), so a lookup costs one hash of the
 * word before a period plus a few comparisons, whatever the size of the
 * list. The table is immutable once parsed and can be shared by threads.
 */
#ifndef TANDEM_INTERNAL_ABBREV_H
#define TANDEM_INTERNAL_ABBREV_H

#include <stddef.h>
#include <stdint.h>

#include "tandem/tandem.h"

typedef struct tdm_abbrev tdm_abbrev;

/* Entry classes (the sections of the file). */
typedef enum {
    TDM_ABBREV_NONE = 0,   /* not in the table */
    TDM_ABBREV_PREFIX = 1, /* [prefix]: never ends a sentence (Dr., z. B.) */
    TDM_ABBREV_FINAL = 2,  /* [abbrev]: may end a sentence (etc., EE. UU.) */
    TDM_ABBREV_WORD = 3    /* [word]: an ordinary word, never an initial (English I) */
} tdm_abbrev_class;

/* Longest tokens and most tokens an entry may have. */
#define TDM_ABBREV_MAX_TOKEN 48
#define TDM_ABBREV_MAX_TOKENS 4

/* One occurrence of a token in an entry: the entry's tokens are
 * tokens[0 .. count), the token found is tokens[position]. Tokens are
 * owned by the table and written as in the file ("EE.", "ej"), except that
 * the final token never keeps its final period. */
typedef struct tdm_abbrev_hit {
    const char *tokens[TDM_ABBREV_MAX_TOKENS];
    uint8_t token_len[TDM_ABBREV_MAX_TOKENS];
    uint8_t count;
    uint8_t position;
    uint8_t cls; /* tdm_abbrev_class */
} tdm_abbrev_hit;

/* Parses the text of an abbrev file (text[len] need not be NUL). name is
 * used in error messages (file name, or NULL). Returns a new table the
 * caller frees with tdm_abbrev_free, or NULL with err filled (TDM_EINPUT
 * naming the line, or TDM_ENOMEM). */
tdm_abbrev *tdm_abbrev_parse(const char *text, size_t len, const char *name, tdm_error *err);

void tdm_abbrev_free(tdm_abbrev *table);

/* The %ordinal directive: numbers of at most this many digits followed by
 * a period are ordinals ("am 3. Mai"); 0 when the language has none. */
int tdm_abbrev_ordinal_digits(const tdm_abbrev *table);

/* The occurrences of a token that is followed by a period in the text:
 * key[0, len) is the token without that period ("EE" finds "EE. UU." at
 * position 0, "UU" at position 1). Returns how many there are and writes
 * at most cap of them to out, in file order. Borrowed pointers,
 * valid while the table lives. */
size_t tdm_abbrev_find(const tdm_abbrev *table, const char *key, size_t len, tdm_abbrev_hit *out,
                       size_t cap);

#endif
