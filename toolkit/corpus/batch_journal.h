/*
 * batch_journal.h (internal): reading the journal of a stopped batch run
 * (batch_journal.c); batch_output.c writes it.
 */
#ifndef TANDEM_INTERNAL_BATCH_JOURNAL_H
#define TANDEM_INTERNAL_BATCH_JOURNAL_H

#include <stddef.h>

#include "tandem/batch.h"

enum { TDM_JOURNAL_MAX_FILES = 5 };

/* What the trustworthy start of a journal says. */
typedef struct tdm_journal_state {
    long lines;                               /* lines kept, the header included */
    size_t bytes;                             /* journal bytes of those lines */
    long long offsets[TDM_JOURNAL_MAX_FILES]; /* part sizes after them */
    tdm_batch_totals totals;                  /* after the last document kept */
    int finished; /* the last line kept is the end record: every part was
                     complete (and synced) and was being renamed */
} tdm_journal_state;

/* Called with the id of each document line kept; returns 0 or a negative
 * TDM_E... code, which stops the scan. */
typedef int (*tdm_journal_id_fn)(void *ctx, const char *id, size_t len);

/* Reads the journal data[0, len) of a run that wrote nfiles parts in
 * format. usable[i] is how many bytes of part i are on disk and can be
 * trusted (its size, or less: batch_output.c stops at a NUL byte, which no
 * text format writes). Lines are kept from the first while each is
 * complete, well formed, follows the one before (offsets and document
 * count never go back) and describes no more than usable holds: a journal
 * that records more than a part holds (a power cut, a lost write) is cut
 * back to the last document the parts really hold, and those after it are
 * redone. Returns 1 when there is something to resume (st filled), 0 when
 * not even the header is usable (start afresh), or a negative code:
 * TDM_EUSAGE when the header names another format or number of files,
 * whatever on_id returned. name labels errors. */
int tdm_journal_scan(const char *data, size_t len, const char *format, size_t nfiles,
                     const long long *usable, tdm_journal_id_fn on_id, void *ctx,
                     tdm_journal_state *st, const char *name, tdm_error *err);

/* The totals as the journal writes them (cap 256 is plenty), and back:
 * 0, or -1 when s is not ten or eleven numbers (rejections, counted apart
 * since, are the eleventh). */
void tdm_journal_totals_format(const tdm_batch_totals *t, char *buf, size_t cap);
int tdm_journal_totals_parse(const char *s, tdm_batch_totals *t);

#endif
