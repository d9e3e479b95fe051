/*
 * direction.h (internal): which way a language or a text is written, for
 * the dir attributes of the review page (toolkit/corpus/format_html.c).
 */
#ifndef TANDEM_TEXT_DIRECTION_H
#define TANDEM_TEXT_DIRECTION_H

#include <stddef.h>

#include "text/lang.h" /* tdm_lang_is_rtl: by language code */

/* Nonzero when most strong characters of the text (letters with a bidi
 * class of L, R or AL, Unicode UAX #9) among its first 64 KB are R or AL:
 * the direction of a text whose language is unknown. Invalid UTF-8 is
 * skipped. */
int tdm_text_is_rtl(const char *text, size_t len);

#endif
