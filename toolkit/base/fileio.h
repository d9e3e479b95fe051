/* fileio.h: reading whole files (inputs and model files). */
#ifndef TANDEM_INTERNAL_FILEIO_H
#define TANDEM_INTERNAL_FILEIO_H

#include <stddef.h>

#include "tandem/tandem.h"

/* Reads all of path ("-" is standard input) into a new buffer the caller
 * frees, NUL-terminated one byte past *len (the NUL is not counted). Returns
 * 0 or TDM_EIO/TDM_ENOMEM with err naming the file. */
int tdm_read_all(const char *path, char **data, size_t *len, tdm_error *err);

/* tdm_read_all for a text input that may be a pipe, a device or an endless
 * stream (`align /dev/zero fr.txt`, `yes | summarize -`): a run of
 * TDM_BINARY_NUL_RUN NUL bytes in the first block read is a binary file
 * (TDM_EBINARY, at once, before anything else is buffered), and when the
 * input is not a regular file more than max_stream bytes are refused
 * (TDM_EINPUT; 0: no limit). A regular file's size is known and read
 * whole. */
int tdm_read_input(const char *path, size_t max_stream, char **data, size_t *len, tdm_error *err);

/* No text in any encoding has this many NUL bytes in a row: UTF-32 has at
 * most 5 (a character's 3 high zero bytes, then 2 of U+xx0000), and a
 * decoded U+0000 makes a file binary anyway. */
#define TDM_BINARY_NUL_RUN 8

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
