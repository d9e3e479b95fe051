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

/* For programs, at start: makes sure descriptors 0, 1 and 2 are open, on
 * /dev/null opened the wrong way when they were closed, so that no file
 * opened later takes their number and using them fails (EBADF). */
void tdm_std_streams_reserve(void);

/* For programs, at exit: flushes standard output. Returns 0, or TDM_EWRITE
 * (err filled) when anything written to it was lost (printf'd tables on a
 * full disk or a closed stream). */
int tdm_stdout_flush(tdm_error *err);

#endif
