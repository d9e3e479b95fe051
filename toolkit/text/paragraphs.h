/*
 * paragraphs.h: finding paragraphs (and, for presplit input, sentences) in
 * a normalized text (UTF-8, NFC, LF line ends). The rules are in
 * paragraphs.c.
 */
#ifndef TANDEM_INTERNAL_PARAGRAPHS_H
#define TANDEM_INTERNAL_PARAGRAPHS_H

#include <stddef.h>

#include "tandem/text.h"

/* Byte length of the white-space character at s[0, n) (ASCII white space,
 * Unicode Zs, U+2028/2029, U+FEFF), or 0. */
size_t tdm_space_len(const char *s, size_t n);

/* Byte length of the white-space character that ends s[0, n), or 0. */
size_t tdm_space_len_before(const char *s, size_t n);

/* Nonzero when the line s[0, n) is only "<p>" (any case) and white space. */
int tdm_is_p_line(const char *s, size_t n);

/* The mode TDM_PARA_AUTO stands for in text[0, len): TDM_PARA_BLANK or
 * TDM_PARA_LINE. Other modes are returned unchanged. */
tdm_para_mode tdm_para_resolve(const char *text, size_t len, tdm_para_mode mode);

/* Finds the paragraphs of text[0, len) in mode (AUTO is resolved first):
 * *paras gets a new array (caller frees; NULL when there are none) of
 * *count trimmed spans with no sentences yet. Returns 0 or TDM_ENOMEM. */
int tdm_find_paragraphs(const char *text, size_t len, tdm_para_mode mode, tdm_para **paras,
                        size_t *count);

/* Presplit input: every non-blank line that is not a "<p>" line is one
 * sentence (trimmed). Paragraphs are the runs of such lines between blank
 * or "<p>" lines (AUTO, BLANK), one per line (LINE), or the whole text
 * (NONE). Fills new arrays (caller frees) of paragraphs and sentences;
 * orig_* fields are left 0. Returns 0 or TDM_ENOMEM. */
int tdm_find_presplit(const char *text, size_t len, tdm_para_mode mode, tdm_para **paras,
                      size_t *para_count, tdm_sentence **sentences, size_t *sentence_count);

#endif
