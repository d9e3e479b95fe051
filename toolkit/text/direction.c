/*
 * direction.c: which way a language or a text is written.
 *
 * By language code: tdm_lang_is_rtl (langcode.c, the code table's
 * direction column, include/tandem/lang.h). By text,
 * when the language is unknown: the majority of the strong characters
 * (bidi classes L against R and AL of UAX #9, read with utf8proc), which is
 * how a browser's dir="auto" decides too, but over the whole start of the
 * text rather than its first strong character (a book that opens with a
 * Latin-script title is still Arabic when its sentences are).
 */
#include "text/direction.h"
#include "text/lang.h"

#include <ctype.h>
#include <string.h>
#include <utf8proc.h>

#define SAMPLE (64 * 1024)

int tdm_text_is_rtl(const char *text, size_t len)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    size_t ltr = 0, rtl = 0;
    if (len > SAMPLE)
        len = SAMPLE;
    for (size_t i = 0; i < len;) {
        if (p[i] < 0x80) { /* ASCII: letters are L, the rest neutral */
            ltr += isalpha(p[i]) != 0;
            i++;
            continue;
        }
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);
        if (n <= 0) {
            i++;
            continue;
        }
        const utf8proc_property_t *prop = utf8proc_get_property(c);
        if (prop->bidi_class == UTF8PROC_BIDI_CLASS_L)
            ltr++;
        else if (prop->bidi_class == UTF8PROC_BIDI_CLASS_R ||
                 prop->bidi_class == UTF8PROC_BIDI_CLASS_AL)
            rtl++;
        i += (size_t)n;
    }
    return rtl > ltr;
}
