/*
 * fuzz_journal.c: the reader of a stopped batch run's journal
 * (corpus/batch_journal.c), on any bytes.
 *
 * The input's first byte chooses the number of parts (1-5) and the format;
 * the next ten bytes give how many bytes of each part are on disk (two
 * bytes each, little-endian, times 16); the rest is the journal. Whatever
 * it holds, what the reader keeps must be a prefix of whole lines, describe
 * no more than the parts hold, never go back, and count one document per
 * kept line. Built with -DFUZZ_MAIN it replays the files named on its
 * command line (make check); with -fsanitize=fuzzer, a libFuzzer target.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/batch_journal.h"

static int count_id(void *ctx, const char *id, size_t len)
{
    (void)id;
    (void)len;
    (*(long *)ctx)++;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const formats[] = {"tsv", "moses", "tmx", "jsonl"};
    if (size < 11)
        return 0;
    size_t nfiles = data[0] % TDM_JOURNAL_MAX_FILES + 1;
    const char *format = formats[(data[0] / TDM_JOURNAL_MAX_FILES) % 4];
    long long usable[TDM_JOURNAL_MAX_FILES];
    for (size_t i = 0; i < TDM_JOURNAL_MAX_FILES; i++)
        usable[i] = (long long)(data[1 + 2 * i] | data[2 + 2 * i] << 8) * 16;
    const char *journal = (const char *)data + 11;
    size_t len = size - 11;
    long ids = 0;
    tdm_journal_state st;
    tdm_error err;
    int rc =
        tdm_journal_scan(journal, len, format, nfiles, usable, count_id, &ids, &st, "fuzz", &err);
    if (rc < 0 && rc != TDM_EUSAGE)
        abort(); /* nothing else can fail without an allocation failing */
    if (rc <= 0)
        return 0;
    if (st.lines < 1 || st.bytes > len || st.bytes == 0 || journal[st.bytes - 1] != '\n')
        abort(); /* not a prefix of whole lines */
    size_t newlines = 0;
    for (size_t i = 0; i < st.bytes; i++)
        newlines += journal[i] == '\n';
    if ((long)newlines != st.lines)
        abort();
    for (size_t i = 0; i < nfiles; i++)
        if (st.offsets[i] < 0 || st.offsets[i] > usable[i])
            abort(); /* would pad a part with bytes no document wrote */
    if (ids != st.lines - 1 - st.finished || st.totals.pairs != (size_t)ids)
        abort(); /* one document a line */
    return 0;
}

#include "replay.h"
