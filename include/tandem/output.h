/*
 * output.h: output files that appear complete or not at all.
 *
 * tdm_outfile_open writes a regular file (new, or one that exists) through
 * a temporary in the destination's directory; tdm_outfile_commit flushes,
 * fsyncs and renames it over the destination, keeping an existing file's
 * mode; tdm_outfile_abort removes it. Symbolic links are followed: their
 * target is replaced, the link stays. Character devices and FIFOs are
 * written directly (never replaced); directories and other special files
 * are refused. "-" writes standard output directly (commit flushes, abort
 * does nothing more). tdm_write_moses commits its two files together: all
 * appear or none (toolkit/base/outfile.c describes how a kill in between
 * is finished by the next open).
 *
 * An outfile belongs to one thread; the process-wide functions
 * (tdm_outfile_catch_signals, tdm_std_streams_reserve, tdm_stdout_flush)
 * are for a program's main thread.
 */
#ifndef TANDEM_OUTPUT_H
#define TANDEM_OUTPUT_H

#include <stdio.h>

#include "tandem/tandem.h"

typedef struct tdm_outfile tdm_outfile;

/* Opens a new output for path (copied); the caller ends it with
 * tdm_outfile_commit or tdm_outfile_abort, which free it. NULL with err
 * filled on failure (TDM_EWRITE, TDM_ENOMEM). Finishes first a group commit
 * of path that a kill interrupted. */
tdm_outfile *tdm_outfile_open(const char *path, tdm_error *err);

/* The stream to write to; owned by the outfile (never fclose it), valid
 * until commit or abort. */
FILE *tdm_outfile_stream(tdm_outfile *out);

/* Completes the file (rename into place) and frees out. Returns 0 or
 * TDM_EWRITE with err filled (the temporary is removed then). */
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

/* For programs, at start: SIGINT, SIGTERM and SIGHUP remove the
 * temporaries of open outputs, then end the process by the same signal (so
 * that its parent sees how it ended). A signal ignored at start (nohup)
 * stays ignored. */
void tdm_outfile_catch_signals(void);

#endif
