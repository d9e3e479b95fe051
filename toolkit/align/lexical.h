/*
 * lexical.h: per-sentence token evidence for the aligner (see lexical.c)
 * and the units built from it for matching (units.c).
 *
 * Every sentence becomes a bag of "items": folded words, numbers,
 * punctuation and cognate prefixes, each an id of one string table shared by
 * both languages, so that identical evidence has identical ids. A side's
 * units (sentences, paragraphs or blocks) then get sorted, collapsed match
 * keys; the source side's keys also carry the target words that a lexicon or
 * an IBM Model 1 table translates its words into, each with the weight of
 * its kind of evidence.
 */
#ifndef TANDEM_INTERNAL_LEXICAL_H
#define TANDEM_INTERNAL_LEXICAL_H

#include <stddef.h>
#include <stdint.h>

#include "text/stem.h"
#include "base/strtab.h"

/* Kinds of lexical evidence; their weights are fitted (models/align/weights). */
enum {
    TDM_EV_WORD = 0, /* identical folded word (names, loans, shared words) */
    TDM_EV_NUMBER,   /* identical number, separators ignored */
    TDM_EV_PUNCT,    /* identical punctuation other than . and , */
    TDM_EV_COGNATE,  /* same first four letters after accent folding */
    TDM_EV_LEXICON,  /* translation pair of the bilingual lexicon */
    TDM_EV_IBM1,     /* translation pair learnt by IBM Model 1 */
    TDM_EV_STEM,     /* a word's stem: what translations match (target side) */
    TDM_EV_KINDS
};

/* The raw evidence of a list of sentences, in CSR form: per sentence its
 * numbers and punctuation (key: a string-table id below 2^30 with its kind,
 * TDM_EV_NUMBER or TDM_EV_PUNCT, in the top two bits) and its words (word:
 * folded word ids, TDM_EV_WORD_ITEM set when the word is an item itself,
 * i.e. has two characters or more), each in one to five bytes
 * (tdm_evidence_put): the words are most of the evidence, which lives
 * through the whole alignment, and the frequent ones, met first, have small
 * ids. What a word brings is looked up per distinct word, not stored per
 * occurrence: its stem key (an item, and what translations match) and its
 * cognate key (first four letters). */
#define TDM_EV_KIND_SHIFT 30
#define TDM_EV_ID_MASK 0x3FFFFFFFu
#define TDM_EV_WORD_ITEM 0x80000000u
#define TDM_EV_WORD_MASK 0x7FFFFFFFu
typedef struct tdm_evidence {
    size_t count;         /* sentences */
    uint32_t *chars;      /* length per sentence (tdm_text_length: non-space characters, Han 3) */
    uint32_t *ntok;       /* words and numbers per sentence */
    uint32_t *off;        /* count + 1 offsets into key */
    uint32_t *key;        /* id | kind << TDM_EV_KIND_SHIFT */
    uint32_t *word_off;   /* count + 1 byte offsets into word */
    uint8_t *word;        /* folded word ids (| TDM_EV_WORD_ITEM), sentence order, coded */
    size_t words;         /* words in word */
    uint32_t *stem_of;    /* per folded word id: its stem key id + 1 */
    uint32_t *cognate_of; /* per folded word id: its cognate key id + 1, 0: none */
    size_t vocab;         /* length of stem_of and cognate_of */
} tdm_evidence;

/* Writes word (a folded word id | TDM_EV_WORD_ITEM) to out, at most 5
 * bytes: id << 1 | item, seven bits a byte from the lowest, the high bit of
 * a byte telling that another follows. Returns the bytes written. */
static inline size_t tdm_evidence_put(uint8_t *out, uint32_t word)
{
    uint32_t v = (word & TDM_EV_WORD_MASK) << 1 | word >> 31;
    size_t n = 0;
    for (; v >= 0x80; v >>= 7)
        out[n++] = (uint8_t)(v | 0x80);
    out[n++] = (uint8_t)v;
    return n;
}

/* Reads the word at *p (as tdm_evidence_put wrote it) and moves *p past it.
 * The words of sentence i are read from word + word_off[i] to word +
 * word_off[i + 1]. */
static inline uint32_t tdm_evidence_next(const uint8_t **p)
{
    const uint8_t *q = *p;
    uint32_t v = 0;
    unsigned shift = 0;
    uint8_t b;
    do {
        b = *q++;
        v |= (uint32_t)(b & 0x7F) << shift;
        shift += 7;
    } while (b & 0x80);
    *p = q;
    return v >> 1 | (v & 1) << 31;
}

/* The stem key id of a word read by tdm_evidence_next (IBM1 and the
 * lexicon work on stems). */
static inline uint32_t tdm_evidence_word_stem(const tdm_evidence *ev, uint32_t word)
{
    return ev->stem_of[word & TDM_EV_WORD_MASK] - 1;
}

/* Tokenizes and folds sentences text[i][0, len[i]) into ev, interning into
 * tab; words are stemmed with the Snowball stemmer of lang (NULL or
 * unknown: the folded word is its own stem). Returns 0 or TDM_ENOMEM. ev is
 * freed with tdm_evidence_free. */
int tdm_evidence_build(tdm_evidence *ev, tdm_strtab *tab, const char *const *text,
                       const size_t *len, size_t count, const char *lang);

/* The key of a folded word's stem: "\x04" + stem. Writes it into buf (cap
 * bytes) and returns its length, 0 when it does not fit, or TDM_STEM_NOMEM
 * when the stemmer ran out of memory. */
#define TDM_STEM_NOMEM ((size_t)-1)
size_t tdm_stem_key(tdm_stemmer *stemmer, const char *folded, size_t len, char *buf, size_t cap);
void tdm_evidence_free(tdm_evidence *ev);

/* A translation table: for each source word id, the target word ids it
 * translates into (CSR over ids < word_count). */
typedef struct tdm_transtab {
    size_t word_count;
    uint32_t *off; /* word_count + 1 */
    uint32_t *tgt;
} tdm_transtab;

/* Builds a table from pairs (src[k], tgt[k]) (duplicates allowed). 0 or
 * TDM_ENOMEM. */
int tdm_transtab_build(tdm_transtab *t, size_t word_count, const uint32_t *src, const uint32_t *tgt,
                       size_t pairs);
void tdm_transtab_free(tdm_transtab *t);

/* Units of one side ready for matching: per unit, sorted distinct keys with
 * a count and (source side) a weight. */
typedef struct tdm_units {
    size_t count;
    double *chars; /* characters per unit */
    double *ntok;  /* words and numbers per unit */
    uint32_t *off; /* count + 1 */
    uint32_t *key;
    uint8_t *cnt;               /* occurrences, at most 255 */
    uint8_t *kind;              /* best evidence of the key (source side only) */
    float weight[TDM_EV_KINDS]; /* weight of each kind (source side) */
    uint32_t key_limit;         /* every key is below it */
} tdm_units;

/* Builds units from ev, unit u holding sentences [first[u], first[u+1]),
 * first being count + 1 ascending offsets (NULL: one sentence per unit).
 * Source side (weights != NULL): words also add their translations from
 * lex and ibm (either may be NULL), weighted by weights[TDM_EV_...]. Target
 * side (weights == NULL): the plain items, stems included (the source side
 * leaves its stems out: they only meet the target through translations).
 * keep (NULL: every key), indexed by key, leaves out the keys it does not
 * flag. 0 or TDM_ENOMEM. */
int tdm_units_build(tdm_units *u, const tdm_evidence *ev, const uint32_t *first, size_t count,
                    const double *weights, const tdm_transtab *lex, const tdm_transtab *ibm,
                    const uint8_t *keep);

/* The set of keys (a new array of limit + 1 flags over the string table's
 * ids, caller frees; NULL when out of memory) of the items of a target
 * side's evidence, or of units. Building one side's units with keep = the
 * other side's set leaves out keys that cannot match: matches, IDF weights
 * of the other keys and scores stay the same, while units shrink and match
 * faster. */
uint8_t *tdm_evidence_keyset(const tdm_evidence *ev, size_t limit);
uint8_t *tdm_units_keyset(const tdm_units *u, size_t limit);
void tdm_units_free(tdm_units *u);

/* The weighted number of matching items of source unit i and target unit j. */
double tdm_units_match(const tdm_units *src, size_t i, const tdm_units *tgt, size_t j);

#endif
