/*
 * number.h: decimal numbers of model files ("9.9712", "1e-3"), read
 * without strtod when they are plain: strtod dominated the loading time of
 * a model.
 */
#ifndef TANDEM_INTERNAL_NUMBER_H
#define TANDEM_INTERNAL_NUMBER_H

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Parses a finite decimal number filling all of s[0, len) into *out;
 * returns 0, or -1 when s[0, len) is not one. */
static inline int tdm_parse_number(const char *s, size_t len, double *out)
{
    size_t i = 0, int_digits = 0, frac_digits = 0;
    double value = 0, scale = 1;
    while (i < len && s[i] >= '0' && s[i] <= '9' && int_digits < 15)
        value = value * 10 + (s[i++] - '0'), int_digits++;
    if (i < len && s[i] == '.')
        for (i++; i < len && s[i] >= '0' && s[i] <= '9' && frac_digits < 15; i++, frac_digits++)
            value = value * 10 + (s[i] - '0'), scale *= 10;
    if (i == len && int_digits > 0) {
        *out = value / scale;
        return 0;
    }
    char buf[64];
    if (len == 0 || len >= sizeof buf)
        return -1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    char *end;
    *out = strtod(buf, &end);
    return *end == '\0' && isfinite(*out) ? 0 : -1;
}

#endif
