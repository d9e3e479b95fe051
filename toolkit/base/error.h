/* Internal helpers to fill a tdm_error. */
#ifndef TANDEM_INTERNAL_ERROR_H
#define TANDEM_INTERNAL_ERROR_H

#include "tandem/tandem.h"

/* Fills err (if not NULL) and returns code, so that callers can write
 * `return tdm_fail(err, TDM_EIO, path, -1, -1, "cannot open: %s", ...)`.
 * file may be NULL; line and offset are -1 when unknown. */
int tdm_fail(tdm_error *err, int code, const char *file, long line, long long offset,
             const char *fmt, ...) __attribute__((format(printf, 6, 7)));

#endif
