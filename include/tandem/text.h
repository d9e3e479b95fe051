/*
 * text.h: reading a real-world text file into a tdm_doc: one UTF-8, NFC,
 * LF-only buffer with its paragraphs and (after segmentation) sentences.
 *
 * Decoding: a BOM wins; else valid UTF-8 is UTF-8; else uchardet's guess;
 * opts.encoding overrides all. Conversion with iconv. Undecodable bytes are
 * an error naming the byte offset, unless opts.lossy (then U+FFFD, counted).
 * NUL bytes mean "binary file" (TDM_EBINARY); a run of them in the first
 * block read says so before the rest of a stream is read. CRLF and CR become LF, the
 * text is normalized to NFC (utf8proc).
 *
 * Sentences and paragraphs are spans of the normalized buffer, never copies;
 * each also knows its byte span in the original file (orig_*), so that later
 * stages can report where a sentence came from.
 */
#ifndef TANDEM_TEXT_H
#define TANDEM_TEXT_H

#include "tandem/tandem.h"

struct tdm_splitter;

/* How paragraphs are found. Lines holding only "<p>" are breaks in every
 * mode but NONE. */
typedef enum {
    TDM_PARA_AUTO = 0, /* BLANK when the file separates paragraphs by blank
                          lines, else LINE (see paragraphs.c for the rule) */
    TDM_PARA_BLANK,    /* blank lines separate paragraphs; lines join */
    TDM_PARA_LINE,     /* every non-blank line is a paragraph */
    TDM_PARA_NONE      /* the whole text is one paragraph */
} tdm_para_mode;

typedef struct tdm_read_opts {
    const char *encoding; /* iconv name forcing the input encoding; NULL detects */
    int lossy;            /* nonzero: undecodable bytes become U+FFFD */
    tdm_para_mode paragraphs;
    int presplit;      /* nonzero: one sentence per line; blank and <p>
                          lines are paragraph breaks */
    size_t max_stream; /* most bytes read from an input that is not a regular
                          file (pipe, device, terminal): an endless stream
                          fails (TDM_EINPUT) instead of exhausting memory;
                          0: no limit */
} tdm_read_opts;

/* max_stream's default: 1 GiB, far more than any book or article. */
#define TDM_MAX_STREAM_DEFAULT ((size_t)1 << 30)

/* A sentence: spans in the normalized text and in the original bytes. */
typedef struct tdm_sentence {
    size_t start, end;           /* [start, end) in tdm_doc_text() */
    size_t orig_start, orig_end; /* [start, end) in the original file */
    uint32_t para;               /* index of its paragraph */
} tdm_sentence;

typedef struct tdm_para {
    size_t start, end;       /* [start, end) in tdm_doc_text() */
    uint32_t first_sentence; /* index of its first sentence */
    uint32_t sentence_count; /* 0 until the document is segmented */
} tdm_para;

typedef struct tdm_doc tdm_doc;

/* Fills opts with the defaults: detect encoding, strict decoding,
 * TDM_PARA_AUTO, not presplit, TDM_MAX_STREAM_DEFAULT. opts.encoding, when
 * set, is borrowed for the read calls. */
void tdm_read_opts_init(tdm_read_opts *opts);

/* Reads path ("-" is standard input) into a new document the caller frees
 * with tdm_doc_free. opts may be NULL for defaults. The input file is only
 * read. An empty file gives a document with no paragraphs. On failure
 * returns NULL and fills err (file, byte offset or line, message). */
tdm_doc *tdm_doc_read_file(const char *path, const tdm_read_opts *opts, tdm_error *err);

/* Same from memory: a new document the caller frees with tdm_doc_free, or
 * NULL with err filled. name (used in messages) is copied; data is
 * borrowed only during the call (the document holds its own copy). */
tdm_doc *tdm_doc_from_buffer(const char *name, const void *data, size_t len,
                             const tdm_read_opts *opts, tdm_error *err);

/* Splits every paragraph into sentences with the splitter (NULL: language-
 * neutral rules; borrowed during the call). A paragraph end is always a
 * sentence end. Replaces any previous segmentation (and so invalidates
 * the arrays tdm_doc_sentences returned before); a no-op for presplit
 * documents. Returns 0 or a negative TDM_E... code. Changes doc: not while
 * another thread reads it. */
int tdm_doc_segment(tdm_doc *doc, const struct tdm_splitter *splitter, tdm_error *err);

/* Frees doc and everything its accessors returned. */
void tdm_doc_free(tdm_doc *doc);

/* Accessors (read only: any number of threads). Returned pointers are
 * owned by doc and live as long as it; the sentence array until the next
 * tdm_doc_segment. */
const char *tdm_doc_name(const tdm_doc *doc);
const char *tdm_doc_text(const tdm_doc *doc, size_t *len); /* NUL-terminated */
const char *tdm_doc_encoding(const tdm_doc *doc);          /* e.g. "UTF-8", "ISO-8859-1" */
size_t tdm_doc_replaced(const tdm_doc *doc);               /* U+FFFD substitutions (lossy) */
size_t tdm_doc_para_count(const tdm_doc *doc);
const tdm_para *tdm_doc_paras(const tdm_doc *doc);
size_t tdm_doc_sentence_count(const tdm_doc *doc);
const tdm_sentence *tdm_doc_sentences(const tdm_doc *doc);

/* Gives back the memory of doc's text while its caller does not need it
 * (the aligner does not, once it has read the sentences: see
 * tdm_align_prepare), for a document read from a regular file whose text
 * is the file's bytes (UTF-8, already NFC, LF line ends: most inputs).
 * The counts of paragraphs and sentences stay, their spans are kept
 * packed (less than half the memory); tdm_doc_text, tdm_doc_paras and
 * tdm_doc_sentences return NULL and tdm_doc_sentence_dup must not be
 * called until tdm_doc_restore_text gives them back.
 * Returns 1 when the text was released, 0 when doc keeps it (standard
 * input, a buffer, a converted text, already released). */
int tdm_doc_release_text(tdm_doc *doc);

/* Reads a released text back from its file. Returns 0 (also when nothing
 * was released), or with err filled TDM_EIO (cannot read), TDM_EINPUT (the
 * file changed since it was read: another size or other bytes, told by a
 * 64-bit hash) or TDM_ENOMEM; doc is unchanged then. */
int tdm_doc_restore_text(tdm_doc *doc, tdm_error *err);

/* Returns a new string (caller frees) with sentence i, every run of white
 * space (including line breaks inside a paragraph) collapsed to one space
 * and the ends trimmed; *len gets its length when len is not NULL. NULL on
 * allocation failure. */
char *tdm_doc_sentence_dup(const tdm_doc *doc, size_t i, size_t *len);

#endif
