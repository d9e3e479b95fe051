/*
 * record.h (internal): the one schema of each corpus format (tsv, moses,
 * tmx, jsonl), written bead by bead for one pair (align -f FORMAT SRC TGT,
 * corpus/format_*.c) and for a batch (corpus/batch_format.c) alike: a batch
 * adds the document id (id != NULL) and changes nothing else. The schemas
 * are documented once, in toolkit/programs/man/align.1 (FORMATS).
 *
 *   tsv    [id<TAB>]source<TAB>target<TAB>score<TAB>bead; the sentences of
 *          a side joined by " ~~~ " (hunalign's separator), the bead as
 *          "[0, 1]:[2]"
 *   moses  source and target lines (sentences joined by a space); a batch
 *          adds PREFIX.ids lines id<TAB>bead
 *   tmx    <tu tuid="[id/]n"> with properties [x-document,] x-score,
 *          x-type, x-ids, then one <tuv> per side
 *   jsonl  one object per document: {["id",] "src_lang", "tgt_lang",
 *          "beads": [{"src", "tgt", "src_ids", "tgt_ids", "src_para",
 *          "tgt_para", "score", "type"}], "src_sentences", "tgt_sentences",
 *          "aligned_beads", "mean_score", "kept", "filtered",
 *          "duplicates", "warnings"}
 *
 * An unknown language is "und" (BCP 47 "undetermined") in tmx and jsonl.
 */
#ifndef TANDEM_INTERNAL_RECORD_H
#define TANDEM_INTERNAL_RECORD_H

#include <stdio.h>

#include "tandem/align.h"
#include "tandem/text.h"

/* One bead with its text. Each side's sentences are joined by '\n' (a
 * sentence never holds one: white space inside is collapsed on reading),
 * so that every format can choose its separator. para_first/para_last: the
 * paragraphs of the side's first and last sentence (unused for an empty
 * side; the side's sentences cover every paragraph between). */
typedef struct tdm_record {
    tdm_bead bead;
    const char *src, *tgt;
    size_t src_len, tgt_len;
    uint32_t src_para_first, src_para_last;
    uint32_t tgt_para_first, tgt_para_last;
} tdm_record;

/* The figures of one document that jsonl writes after its beads. */
typedef struct tdm_record_doc {
    size_t src_sentences, tgt_sentences;
    size_t beads;      /* of the whole alignment */
    double score_sum;  /* over the whole alignment */
    size_t kept;       /* beads written */
    size_t filtered;   /* beads left out by score, type or ratio */
    size_t duplicates; /* beads left out by dedup */
    const char *warnings;
} tdm_record_doc;

/* Fills the text and paragraph fields of r from bead b of src and tgt: the
 * texts are new strings the caller frees (tdm_record_free_text). 0 or
 * TDM_ENOMEM. */
int tdm_record_from_docs(tdm_record *r, const tdm_doc *src, const tdm_doc *tgt, const tdm_bead *b);
void tdm_record_free_text(tdm_record *r);

/* Length of the longer side over the shorter, lengths as the aligner's
 * length model counts them (tdm_text_length, plus 1); 1 when a side is
 * empty. For max_ratio. */
double tdm_record_ratio(const tdm_record *r);

/* The language as written: lang, or "und" when NULL or "". */
const char *tdm_record_lang(const char *lang);

/* "; "-separated warnings about an alignment into buf ("" when none): many
 * unaligned sentences, a low mean score, replaced bytes. */
void tdm_record_warnings(const tdm_doc *src, const tdm_doc *tgt, const tdm_bead *beads,
                         size_t count, char *buf, size_t cap);

void tdm_record_write_tsv(FILE *f, const char *id, const tdm_record *r);

/* side 0: the source line, 1: the target line, 2: the ids line (batch). */
void tdm_record_write_moses(FILE *f, int side, const char *id, const tdm_record *r);

void tdm_record_write_tmx_head(FILE *f, const char *src_lang);
/* n: the bead's number among the document's written beads, from 1. */
void tdm_record_write_tmx(FILE *f, const char *id, size_t n, const char *src_lang,
                          const char *tgt_lang, const tdm_record *r);
void tdm_record_write_tmx_tail(FILE *f);

void tdm_record_write_jsonl_head(FILE *f, const char *id, const char *src_lang,
                                 const char *tgt_lang);
/* first: nonzero for the document's first bead. */
void tdm_record_write_jsonl(FILE *f, int first, const tdm_record *r);
void tdm_record_write_jsonl_tail(FILE *f, const tdm_record_doc *doc);

/* Writes a document id where a tab or a line delimits it (the TSV corpus,
 * PREFIX.ids, the report; TMX's tuid and x-document, XML-escaped too when
 * xml is nonzero, since XML turns a tab or a line break of an attribute
 * into a space): backslash, tab, line feed and carriage return become
 * \\, \t, \n and \r (PostgreSQL's text COPY escapes), so that each id
 * stays one field of one line and reads back exactly. */
void tdm_format_write_id(FILE *f, const char *id, int xml);

#endif
