/*
 * xml.c: the XML/HTML text escaper (base/xml.h). Invalid UTF-8 and the
 * characters XML 1.0 rules out would make a TMX file unparsable or a page
 * render garbage; replacing them here keeps every writer safe on any input.
 */
#include "base/xml.h"

#include <utf8proc.h>

void tdm_xml_write(FILE *f, const char *s, size_t len)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);
        if (n <= 0) {
            fputs("\xEF\xBF\xBD", f); /* U+FFFD for a byte that starts no valid character */
            i++;
            continue;
        }
        switch (c) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\t':
        case '\n':
        case '\r': putc((int)c, f); break;
        default:
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF)
                break; /* not allowed, or discouraged, in XML 1.0 */
            fwrite(p + i, 1, (size_t)n, f);
        }
        i += (size_t)n;
    }
}
