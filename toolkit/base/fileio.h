/* fileio.h: reading whole files (inputs and model files). */
#ifndef TANDEM_INTERNAL_FILEIO_H
#define TANDEM_INTERNAL_FILEIO_H

#include <stddef.h>

#include "tandem/tandem.h"

/* Reads all of path ("-" is standard input) into a new buffer the caller
 * frees, NUL-terminated one byte past *len (the NUL is not counted). Returns
 * 0 or TDM_EIO/TDM_ENOMEM with err naming the file. */
int tdm_read_all(const char *path, char **data, size_t *len, tdm_error *err);

/* A whole file to read only, mapped when it is a regular non-empty file
 * (model files: the pages come straight from the page cache, nothing is
 * copied, and they are shared between processes), else read as by
 * tdm_read_all. */
typedef struct tdm_file_view {
    const char *data;
    size_t len;
    int mapped; /* 1: munmap, 0: free */
} tdm_file_view;

/* Fills *v; returns 0 or TDM_EIO/TDM_ENOMEM with err naming the file.
 * The data is not NUL-terminated when mapped. */
int tdm_file_view_open(const char *path, tdm_file_view *v, tdm_error *err);

/* Releases a view filled by tdm_file_view_open (or zeroed). */
void tdm_file_view_close(tdm_file_view *v);

#endif
