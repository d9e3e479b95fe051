/*
 * xml.h: text escaped for XML 1.0 and HTML, one rule for every writer
 * (TMX, the review page).
 */
#ifndef TANDEM_BASE_XML_H
#define TANDEM_BASE_XML_H

#include <stddef.h>
#include <stdio.h>

/* Writes s[0, len) to f escaped for XML 1.0 text and attribute values:
 * &, <, > and " become entities; characters XML 1.0 forbids or discourages
 * (C0 controls but tab, LF and CR; DEL and C1 controls; U+FFFE, U+FFFF) are
 * left out, and each byte that starts no valid UTF-8 character becomes
 * U+FFFD, so that any bytes give well-formed output. */
void tdm_xml_write(FILE *f, const char *s, size_t len);

#endif
