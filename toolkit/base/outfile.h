/*
 * outfile.h: output files beyond tandem/output.h (outfile.c): outputs
 * committed as a group (the two files of moses) and the signal handlers' cleanup
 * (std_streams.c).
 */
#ifndef TANDEM_BASE_OUTFILE_H
#define TANDEM_BASE_OUTFILE_H

#include "tandem/output.h"

/* Completes the count outputs of outs together and frees them all: every
 * file is put in place, or (TDM_EWRITE, err filled) none is and every
 * temporary is removed. */
int tdm_outfile_commit_all(tdm_outfile **outs, size_t count, tdm_error *err);

/* Removes the temporaries of every open outfile of the process. It is
 * async-signal-safe (atomics and unlink only): the handlers of
 * tdm_outfile_catch_signals call it. Temporaries of a group already being
 * committed are left for the next open to finish. */
void tdm_outfile_remove_temporaries(void);

#endif
