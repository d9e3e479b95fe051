/*
 * format.h: writing an alignment of two documents in the output formats of
 * the align program.
 *
 *   text    readable blocks, one per bead: ids, type and score, then the
 *           sentences of each side (the default)
 *   beads   "[0, 1]:[2]:0.9731" a line: the bead format of doc/evaluation.md
 *   ladder  hunalign's ladder: rungs "src_pos<TAB>tgt_pos<TAB>score", where
 *           a rung (n, m) says that the first n source sentences match the
 *           first m target ones; one rung per bead (its start, with its
 *           score), then the end rung (N, M) with score 0; it describes
 *           the whole path, so filters and partial alignments (a parallel
 *           summary's beads) are refused with TDM_EUSAGE
 *   html    the review page (toolkit/corpus/format_html.c), which
 *           shows every bead: the filters do not apply
 * and the corpus formats, whose schema is the same for one pair and for a
 * batch (batch.h), but for the document id a batch adds (align(1),
 * FORMATS):
 *   tsv     source<TAB>target<TAB>score<TAB>bead a line, the sentences of a
 *           side joined by " ~~~ " (as hunalign does), the bead "[0, 1]:[2]"
 *   moses   two line-parallel files PREFIX.<src-lang> and PREFIX.<tgt-lang>
 *           (tdm_write_moses), one bead a line
 *   tmx     TMX 1.4b translation memory, one <tu> per bead (score, type and
 *           ids as properties)
 *   jsonl   one JSON object for the document: languages, the beads (texts,
 *           ids, paragraphs, score, type) and the document's figures
 *
 * Filters (tdm_write_opts) apply to text, beads and the corpus formats:
 * bead types (default: every bead in text and beads, the beads with both
 * sides in the corpus formats; tmx and moses never hold a bead with an empty
 * side), min_score, max_ratio and dedup.
 */
#ifndef TANDEM_FORMAT_H
#define TANDEM_FORMAT_H

#include <stdio.h>

#include "tandem/align.h"
#include "tandem/tandem.h"
#include "tandem/text.h"

typedef enum {
    TDM_FMT_TEXT = 0,
    TDM_FMT_TSV,
    TDM_FMT_BEADS,
    TDM_FMT_LADDER,
    TDM_FMT_MOSES,
    TDM_FMT_TMX,
    TDM_FMT_JSONL,
    TDM_FMT_HTML
} tdm_format;

typedef struct tdm_write_opts {
    double min_score;     /* leave out beads scoring below (default 0: keep all) */
    unsigned types;       /* TDM_BEAD_TYPE bits of the beads kept (align.h); 0: the
                             format's default (see above) */
    double max_ratio;     /* leave out beads whose longer side has more than
                             max_ratio times the characters of the shorter; 0: no limit */
    int dedup;            /* nonzero: leave out a bead whose source and target texts
                             were already written */
    const char *src_lang; /* ISO 639-1 codes for tmx, moses and text labels; */
    const char *tgt_lang; /* NULL or "" when unknown */
} tdm_write_opts;

/* Fills opts with the defaults: no filter (the format's default types),
 * languages unknown. The language strings are borrowed by the writing
 * calls. */
void tdm_write_opts_init(tdm_write_opts *opts);

/* Parses a format name ("text", "tsv", "beads", "ladder", "moses", "tmx",
 * "jsonl", "html"). Returns 0, or TDM_EUSAGE for an unknown name. */
int tdm_format_parse(const char *name, tdm_format *format);

/* The name of a format (a static string, not to be freed). */
const char *tdm_format_name(tdm_format format);

/* The format names, as "text, tsv, beads, ladder, moses, tmx, jsonl, html"
 * (a static string). */
const char *tdm_format_list(void);

/* Writes the alignment al of src and tgt (which must be the documents it
 * was computed on) to f in format, filtered by opts (NULL: defaults). The
 * documents and the alignment are borrowed during the call. Returns 0, or
 * TDM_EUSAGE for moses (use tdm_write_moses), TDM_EINTERNAL when a bead
 * lies outside the documents, TDM_ENOMEM, or TDM_EIO when the stream
 * reports a write error; err says which. f stays open (the caller's).
 * Thread-safe for distinct streams. */
int tdm_write_alignment(FILE *f, tdm_format format, const tdm_doc *src, const tdm_doc *tgt,
                        const tdm_alignment *al, const tdm_write_opts *opts, tdm_error *err);

/* Writes the moses format: the files PREFIX.<src_lang> and PREFIX.<tgt_lang>
 * (PREFIX.src and PREFIX.tgt when a language is unknown or both are the
 * same). Both are written to temporary files and renamed into place only
 * when both are complete; should the second rename fail after the first,
 * the first file is removed. So on failure neither file is left (an older
 * file of the same name stays, unless the second rename failed). Returns 0
 * or a negative TDM_E... code with err filled. */
int tdm_write_moses(const char *prefix, const tdm_doc *src, const tdm_doc *tgt,
                    const tdm_alignment *al, const tdm_write_opts *opts, tdm_error *err);

#endif
