/*
 * options.h: what align and summarize share to read option values and to
 * end (program code: linked into both programs, not into the library).
 *
 * One parser per kind of value, so that both programs accept and refuse the
 * same spellings: "1e3" is a real, "12" a count, "512M" a byte count; NaN,
 * infinities, trailing junk, an empty string and a value outside the range
 * are refused.
 */
#ifndef TANDEM_PROGRAMS_OPTIONS_H
#define TANDEM_PROGRAMS_OPTIONS_H

#include <stddef.h>

/* A finite real number in [lo, hi] into *out. Returns 0, or -1 (and *out
 * unchanged) when s is not one. */
int opt_real(const char *s, double lo, double hi, double *out);

/* A whole number in [lo, hi], in decimal (no sign, no fraction), into
 * *out. Returns 0 or -1. */
int opt_count(const char *s, size_t lo, size_t hi, size_t *out);

/* The index of s in names (a NULL-terminated list) into *out. Returns 0,
 * or -1 when s is none of them. */
int opt_choice(const char *s, const char *const *names, int *out);

/* A byte count with an optional K, M or G suffix (powers of 1024) into
 * *out. Returns 0 or -1 (negative, junk, or more than a size_t holds). */
int opt_bytes(const char *s, size_t *out);

/* Standard output is checked once at exit: returns status when everything
 * written to it is out, else TDM_EXIT_INTERNAL (3), saying so on standard
 * error as "program: message" unless status already was 3 (a failure that
 * was reported). */
int opt_finish_stdout(const char *program, int status);

#endif
