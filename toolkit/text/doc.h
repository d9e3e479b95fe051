/*
 * doc.h: what the library asks of a tdm_doc beyond the public accessors of
 * tandem/text.h (text.c).
 */
#ifndef TANDEM_TEXT_DOC_H
#define TANDEM_TEXT_DOC_H

#include "tandem/text.h"

/* Nonzero when doc was read with opts.presplit (one sentence per line):
 * tdm_doc_segment leaves it as it is. */
int tdm_doc_presplit(const tdm_doc *doc);

/* Maps an offset of the normalized text to the original file's byte offset. */
size_t tdm_doc_orig_offset(const tdm_doc *doc, size_t text_offset);

#endif
