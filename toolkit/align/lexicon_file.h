/*
 * lexicon_file.h: compiled lexicons, mapped and used in place (see
 * lexicon_file.c).
 */
#ifndef TANDEM_INTERNAL_LEXICON_FILE_H
#define TANDEM_INTERNAL_LEXICON_FILE_H

#include "base/fileio.h"
#include "base/strtab.h"
#include "base/u32vec.h"
#include "tandem/tandem.h"

typedef struct tdm_lexfile {
    tdm_file_view file;
    const uint32_t *slots, *stems, *pairs;
    const char *pool;
    uint32_t slot_count, stem_count, pair_count, pool_size;
    char src_lang[8], tgt_lang[8];
} tdm_lexfile;

/* Whether data[0, len) begins like a compiled lexicon. */
int tdm_lexfile_is(const char *data, size_t len);

/* Maps the compiled lexicon at path and checks every offset in it.
 * src_lang and tgt_lang (may be NULL or "": not checked) must be the
 * languages it was compiled for. 0, or TDM_EIO / TDM_ENOMEM / TDM_EINPUT
 * (not a compiled lexicon, truncated or corrupt, other languages) with err
 * naming the file. Close with tdm_lexfile_close. */
int tdm_lexfile_open(tdm_lexfile *lf, const char *path, const char *src_lang, const char *tgt_lang,
                     tdm_error *err);
void tdm_lexfile_close(tdm_lexfile *lf);

/* Number of word pairs. */
size_t tdm_lexfile_size(const tdm_lexfile *lf);

/* Appends to a and b the pairs whose two stems are in tab (ids of tab),
 * grouped by source stem. 0 or TDM_ENOMEM. */
int tdm_lexfile_resolve(const tdm_lexfile *lf, const tdm_strtab *tab, tdm_u32vec *a, tdm_u32vec *b);

/* Writes a compiled lexicon to path (atomically): source stems are the
 * ids x of stems with off[x] < off[x + 1], their targets tgt[off[x] ..
 * off[x + 1]) (ids of stems). 0, or TDM_EIO / TDM_ENOMEM with err. */
int tdm_lexfile_write(const char *path, const tdm_strtab *stems, const uint32_t *off,
                      const uint32_t *tgt, const char *src_lang, const char *tgt_lang,
                      tdm_error *err);

#endif
