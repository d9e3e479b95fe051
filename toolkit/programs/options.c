/*
 * options.c: the option-value parsers and the exit check both programs
 * use (options.h). They were copied in align.c and summarize.c, where the
 * copies had begun to differ (summarize took "nan" as a weight).
 */
#include "options.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/output.h"
#include "tandem/tandem.h"

int opt_real(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    /* !(v >= lo) also refuses NaN, which compares false with everything. */
    if (errno || end == s || *end || !isfinite(v) || !(v >= lo && v <= hi))
        return -1;
    *out = v;
    return 0;
}

int opt_choice(const char *s, const char *const *names, int *out)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = i;
            return 0;
        }
    return -1;
}

int opt_count(const char *s, size_t lo, size_t hi, size_t *out)
{
    /* strtoull skips white space and takes a sign: neither is a count. */
    if (*s < '0' || *s > '9')
        return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v > SIZE_MAX || (size_t)v < lo || (size_t)v > hi)
        return -1;
    *out = (size_t)v;
    return 0;
}

int opt_bytes(const char *s, size_t *out)
{
    if (*s < '0' || *s > '9')
        return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    int shift = *end == 'K' ? 10 : *end == 'M' ? 20 : *end == 'G' ? 30 : 0;
    if (shift)
        end++;
    if (errno || *end || v > (SIZE_MAX >> shift))
        return -1;
    *out = (size_t)v << shift;
    return 0;
}

int opt_finish_stdout(const char *program, int status)
{
    tdm_error err;
    if (tdm_stdout_flush(&err) == TDM_OK)
        return status;
    if (status != TDM_EXIT_INTERNAL) {
        char buf[1200];
        tdm_error_format(&err, buf, sizeof buf);
        fprintf(stderr, "%s: %s\n", program, buf);
    }
    return TDM_EXIT_INTERNAL;
}
