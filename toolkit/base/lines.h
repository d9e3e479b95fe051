/*
 * lines.h: the lines of a text in memory, one at a time (model files,
 * manifests, lists). Each line comes without its "\n" or "\r\n", with its
 * 1-based number for error messages; a last line without "\n" counts.
 */
#ifndef TANDEM_INTERNAL_LINES_H
#define TANDEM_INTERNAL_LINES_H

#include <stddef.h>
#include <string.h>

typedef struct tdm_lines {
    const char *text; /* borrowed */
    size_t len, pos;
    long number; /* of the line last returned */
} tdm_lines;

static inline void tdm_lines_init(tdm_lines *it, const char *text, size_t len)
{
    it->text = text;
    it->len = len;
    it->pos = 0;
    it->number = 0;
}

/* Sets *s and *n to the next line; returns 0 when there is none. */
static inline int tdm_lines_next(tdm_lines *it, const char **s, size_t *n)
{
    if (it->pos >= it->len)
        return 0;
    const char *start = it->text + it->pos;
    const char *nl = memchr(start, '\n', it->len - it->pos);
    size_t end = nl ? (size_t)(nl - it->text) : it->len;
    *s = start;
    *n = end - it->pos;
    if (*n && start[*n - 1] == '\r')
        (*n)--;
    it->pos = end + 1;
    it->number++;
    return 1;
}

#endif
