/* fileio.h: reading whole files (inputs and model files). */
#ifndef TANDEM_INTERNAL_FILEIO_H
#define TANDEM_INTERNAL_FILEIO_H

#include <stddef.h>

#include "tandem/tandem.h"

/* Reads all of path ("-" is standard input) into a new buffer the caller
 * frees, NUL-terminated one byte past *len (the NUL is not counted). Returns
 * 0 or TDM_EIO/TDM_ENOMEM with err naming the file. */
int tdm_read_all(const char *path, char **data, size_t *len, tdm_error *err);

#endif
