/*
 * output.h: output files that appear complete or not at all.
 *
 * tdm_outfile_open writes to a temporary file in the destination's
 * directory; tdm_outfile_commit flushes, fsyncs and renames it over the
 * destination; tdm_outfile_abort removes it. "-" writes standard output
 * directly (commit flushes, abort does nothing more).
 */
#ifndef TANDEM_OUTPUT_H
#define TANDEM_OUTPUT_H

#include <stdio.h>

#include "tandem/tandem.h"

typedef struct tdm_outfile tdm_outfile;

/* Opens a new output for path; NULL with err filled on failure. */
tdm_outfile *tdm_outfile_open(const char *path, tdm_error *err);

/* The stream to write to; owned by the outfile. */
FILE *tdm_outfile_stream(tdm_outfile *out);

/* Completes the file (rename into place) and frees out. Returns 0 or
 * TDM_EIO with err filled (the temporary is removed then). */
int tdm_outfile_commit(tdm_outfile *out, tdm_error *err);

/* Discards the temporary file and frees out. NULL is a no-op. */
void tdm_outfile_abort(tdm_outfile *out);

#endif
