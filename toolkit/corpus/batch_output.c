/*
 * batch_output.c: the corpus, the report and the journal of a batch run.
 *
 * Every output file grows as FILE.part and is renamed to FILE only when the
 * run completes, so a reader never sees half a corpus. After each document
 * the parts are flushed and one line is appended to OUTPUT.journal: the
 * document id, the size of every part and the running totals, as a JSON
 * object. A resumed run reads the journal up to the last line the parts
 * really hold (batch_journal.c: a power cut can leave lines that point past
 * the data, or parts with a tail of NUL bytes), truncates each part to the
 * sizes recorded there (dropping a document that was being written when
 * the run stopped), cuts the journal after that line and appends; ids in
 * the journal are skipped, the others aligned (again). This is the
 * write-ahead idea of database logs reduced to one writer that only
 * appends: the journal line is written after the data it describes, so it
 * never points past what is on disk for a process that was killed. At the
 * end the parts get their tails and are synced, an end record with their
 * final sizes is appended to the journal (and synced), and only then are
 * the parts renamed one by one and the journal removed: a run killed
 * between two renames is finished by --resume, which renames the rest. A
 * write lock (fcntl) on the journal stops a second run from writing the
 * same output.
 *
 * Dedup keeps a 128-bit hash (two FNV-1a variants, Fowler-Noll-Vo) of each
 * written pair (source and target text, exact bytes) in a string table;
 * with a journal the hashes are also appended to OUTPUT.hashes.part so
 * that a resumed run drops the same duplicates. When the output is
 * standard output there is no journal and no resume; the report still
 * appears atomically (output.h).
 */
#include "corpus/batch.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/fileio.h"
#include "base/json.h"
#include "base/strtab.h"
#include "corpus/batch_journal.h"
#include "tandem/output.h"

enum { MAX_FILES = TDM_JOURNAL_MAX_FILES };

typedef struct out_file {
    char *final, *part; /* journal mode */
    FILE *f;
    tdm_outfile *of;  /* no journal: an atomic output or standard output */
    const char *name; /* no journal: what messages call it (borrowed) */
} out_file;

struct tdm_batch_sink {
    const tdm_batch_opts *opts;
    out_file files[MAX_FILES];
    size_t nfiles;
    int corpus, corpus2, ids, report, hashes; /* indexes into files, -1: none */
    char *journal_path;
    FILE *journal; /* NULL: no journal (standard output) */
    tdm_strtab *done;
    tdm_strtab *seen;
    int complete; /* resumed after the end record: only renames were left */
};

static char *concat(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *s = malloc(la + lb + 1);
    if (s) {
        memcpy(s, a, la);
        memcpy(s + la, b, lb + 1);
    }
    return s;
}

static int add_file(tdm_batch_sink *s, const char *path, const char *suffix, int journaled,
                    tdm_error *err)
{
    out_file *o = &s->files[s->nfiles];
    if (!journaled) {
        int std = strcmp(path, "-") == 0;
        if (!std && !(o->final = concat(path, suffix)))
            return tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
        if (!(o->of = tdm_outfile_open(std ? path : o->final, err)))
            return err ? err->code : TDM_EIO;
        o->f = tdm_outfile_stream(o->of);
        o->name = std ? "<stdout>" : o->final;
        s->nfiles++;
        return (int)s->nfiles - 1;
    }
    o->final = concat(path, suffix);
    o->part = o->final ? concat(o->final, ".part") : NULL;
    if (!o->part)
        return tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
    s->nfiles++;
    return (int)s->nfiles - 1;
}

static const char *lang_or(const char *lang, const char *dflt)
{
    return lang && lang[0] ? lang : dflt;
}

/* Lays out the files of the format; opens nothing yet. */
static int plan_files(tdm_batch_sink *s, int journaled, tdm_error *err)
{
    const tdm_batch_opts *o = s->opts;
    const char *out = o->output ? o->output : "-";
    s->corpus = s->corpus2 = s->ids = s->report = s->hashes = -1;
    if (o->format == TDM_CORPUS_MOSES) {
        const char *sl = lang_or(o->src_lang, "src"), *tl = lang_or(o->tgt_lang, "tgt");
        if (strcmp(sl, tl) == 0)
            sl = "src", tl = "tgt";
        char ext[16];
        snprintf(ext, sizeof ext, ".%s", sl);
        if ((s->corpus = add_file(s, out, ext, journaled, err)) < 0)
            return s->corpus;
        snprintf(ext, sizeof ext, ".%s", tl);
        if ((s->corpus2 = add_file(s, out, ext, journaled, err)) < 0)
            return s->corpus2;
        if ((s->ids = add_file(s, out, ".ids", journaled, err)) < 0)
            return s->ids;
    } else if ((s->corpus = add_file(s, out, "", journaled, err)) < 0) {
        return s->corpus;
    }
    if (o->report && (s->report = add_file(s, o->report, "", journaled, err)) < 0)
        return s->report;
    if (journaled && o->dedup && (s->hashes = add_file(s, out, ".hashes", 1, err)) < 0)
        return s->hashes;
    return 0;
}

static tdm_batch_files files_of(const tdm_batch_sink *s)
{
    tdm_batch_files f = {s->files[s->corpus].f, s->corpus2 >= 0 ? s->files[s->corpus2].f : NULL,
                         s->ids >= 0 ? s->files[s->ids].f : NULL,
                         s->report >= 0 ? s->files[s->report].f : NULL};
    return f;
}

static void write_heads(tdm_batch_sink *s)
{
    tdm_batch_files fl = files_of(s);
    tdm_batch_write_heads(&fl, s->opts);
}

static const char *format_name(tdm_corpus_format f)
{
    static const char *const names[] = {"tsv", "moses", "tmx", "jsonl"};
    return names[f];
}

/* The sizes of the parts, flushed, as "n n n". Returns 0 or -1. */
static int part_offsets(tdm_batch_sink *s, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < s->nfiles; i++) {
        if (fflush(s->files[i].f) != 0 || ferror(s->files[i].f))
            return -1;
        n += (size_t)snprintf(buf + n, cap - n, "%s%lld", i ? " " : "",
                              (long long)ftello(s->files[i].f));
    }
    return 0;
}

static int journal_header(tdm_batch_sink *s, FILE *f)
{
    char off[256];
    if (part_offsets(s, off, sizeof off) != 0)
        return -1;
    return fprintf(f, "{\"tandem_batch\":1,\"format\":\"%s\",\"files\":%zu,\"offsets\":\"%s\"}\n",
                   format_name(s->opts->format), s->nfiles, off) < 0;
}

/* Another run owning the output is a write failure (exit 3, README): this
 * run's output cannot be written, whatever its input. */
static int lock_journal(FILE *f, const char *path, tdm_error *err)
{
    struct flock fl = {0};
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    if (fcntl(fileno(f), F_SETLK, &fl) != 0)
        return tdm_fail(err, TDM_EWRITE, path, -1, -1,
                        "another batch run is writing this output (journal locked)");
    return 0;
}

static int open_fresh(tdm_batch_sink *s, tdm_error *err)
{
    /* Lock before touching anything: another run may own these files. */
    if (!(s->journal = fopen(s->journal_path, "ab")))
        return tdm_fail(err, TDM_EWRITE, s->journal_path, -1, -1, "cannot create: %s",
                        strerror(errno));
    if (lock_journal(s->journal, s->journal_path, err))
        return err ? err->code : TDM_EWRITE;
    for (size_t i = 0; i < s->nfiles; i++)
        if (!(s->files[i].f = fopen(s->files[i].part, "wb")))
            return tdm_fail(err, TDM_EWRITE, s->files[i].part, -1, -1, "cannot create: %s",
                            strerror(errno));
    write_heads(s);
    if (ftruncate(fileno(s->journal), 0) != 0 || journal_header(s, s->journal) ||
        fflush(s->journal))
        return tdm_fail(err, TDM_EWRITE, s->journal_path, -1, -1, "write error");
    return 0;
}

static int reload_hashes(tdm_batch_sink *s, tdm_error *err)
{
    out_file *o = &s->files[s->hashes];
    FILE *f = fopen(o->part, "rb");
    if (!f)
        return tdm_fail(err, TDM_EIO, o->part, -1, -1, "cannot open: %s", strerror(errno));
    unsigned char key[16];
    int rc = 0;
    while (rc == 0 && fread(key, 1, sizeof key, f) == sizeof key)
        if (tdm_strtab_intern(s->seen, (const char *)key, sizeof key) == TDM_STRTAB_NONE)
            rc = tdm_fail(err, TDM_ENOMEM, o->part, -1, -1, "out of memory");
    fclose(f);
    return rc;
}

/* Where the bytes of file o are: its part, else (renamed by a run that
 * was finishing) its final file; *size gets how many of them can be
 * trusted: all of a binary file, a text file's up to its first NUL byte
 * (no text format writes one; a power cut can leave a tail of them).
 * Returns 1 (part), 2 (final) or 0 (neither). */
static int file_state(const out_file *o, int text, long long *size)
{
    struct stat st;
    int where = stat(o->part, &st) == 0 ? 1 : stat(o->final, &st) == 0 ? 2 : 0;
    *size = where ? (long long)st.st_size : 0;
    if (!where || !text)
        return where;
    FILE *f = fopen(where == 1 ? o->part : o->final, "rb");
    if (!f) {
        *size = 0;
        return where;
    }
    char buf[1 << 16];
    long long pos = 0;
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
        const char *nul = memchr(buf, 0, got);
        if (nul) {
            *size = pos + (nul - buf);
            break;
        }
        pos += (long long)got;
    }
    fclose(f);
    return where;
}

static int mark_done(void *ctx, const char *id, size_t len)
{
    tdm_batch_sink *s = ctx;
    return tdm_strtab_intern(s->done, id, len) == TDM_STRTAB_NONE ? TDM_ENOMEM : 0;
}

/* The stopped run had written its end record: its parts were complete.
 * Renames those still waiting, removes the journal. */
static int finish_renames(tdm_batch_sink *s, const int *where, tdm_error *err)
{
    for (size_t i = 0; i < s->nfiles; i++) {
        out_file *o = &s->files[i];
        if (where[i] != 1)
            continue; /* renamed before the stop */
        if ((int)i == s->hashes)
            unlink(o->part);
        else if (rename(o->part, o->final) != 0)
            return tdm_fail(err, TDM_EWRITE, o->final, -1, -1, "cannot rename into place: %s",
                            strerror(errno));
    }
    if (unlink(s->journal_path) != 0)
        return tdm_fail(err, TDM_EWRITE, s->journal_path, -1, -1, "cannot remove: %s",
                        strerror(errno));
    s->complete = 1;
    return 1;
}

/* Takes over the journal of a stopped run: keeps the lines the parts
 * really hold, trims the parts to match. 1 when there is something to
 * resume (or only renames were left: s->complete), 0 when not (no
 * journal, or not even its first line), < 0 on error. */
static int open_resume(tdm_batch_sink *s, tdm_batch_totals *t, tdm_error *err)
{
    if (access(s->journal_path, F_OK) != 0)
        return 0;
    if (!(s->journal = fopen(s->journal_path, "ab")))
        return tdm_fail(err, TDM_EWRITE, s->journal_path, -1, -1, "cannot open: %s",
                        strerror(errno));
    if (lock_journal(s->journal, s->journal_path, err))
        return err ? err->code : TDM_EWRITE;
    long long usable[MAX_FILES] = {0};
    int where[MAX_FILES] = {0};
    for (size_t i = 0; i < s->nfiles; i++)
        where[i] = file_state(&s->files[i], (int)i != s->hashes, &usable[i]);
    char *data;
    size_t len;
    int rc = tdm_read_all(s->journal_path, &data, &len, err);
    if (rc != 0)
        return rc;
    tdm_journal_state st;
    rc = tdm_journal_scan(data, len, format_name(s->opts->format), s->nfiles, usable, mark_done, s,
                          &st, s->journal_path, err);
    free(data);
    if (rc <= 0) {
        if (rc == 0) { /* nothing usable: start afresh under the lock we hold */
            fclose(s->journal);
            s->journal = NULL;
        }
        return rc;
    }
    *t = st.totals;
    if (st.finished)
        return finish_renames(s, where, err);
    for (size_t i = 0; i < s->nfiles; i++) {
        out_file *o = &s->files[i];
        /* Renamed by a run stopped while finishing (before end records
         * existed): the journal says it is not done, take the file back. */
        if (where[i] == 2 && rename(o->final, o->part) != 0)
            return tdm_fail(err, TDM_EWRITE, o->final, -1, -1, "cannot resume: %s",
                            strerror(errno));
        if (truncate(o->part, (off_t)st.offsets[i]) != 0)
            return tdm_fail(err, TDM_EWRITE, o->part, -1, -1, "cannot resume: %s", strerror(errno));
    }
    if (ftruncate(fileno(s->journal), (off_t)st.bytes) != 0)
        return tdm_fail(err, TDM_EWRITE, s->journal_path, -1, -1, "cannot resume: %s",
                        strerror(errno));
    return 1;
}

static int reopen_parts(tdm_batch_sink *s, tdm_error *err)
{
    for (size_t i = 0; i < s->nfiles; i++)
        if (!(s->files[i].f = fopen(s->files[i].part, "ab")))
            return tdm_fail(err, TDM_EWRITE, s->files[i].part, -1, -1, "cannot open: %s",
                            strerror(errno));
    if (s->hashes >= 0)
        return reload_hashes(s, err);
    return 0;
}

static void close_files(tdm_batch_sink *s)
{
    for (size_t i = 0; i < s->nfiles; i++) {
        out_file *o = &s->files[i];
        if (o->of)
            tdm_outfile_abort(o->of);
        else if (o->f)
            fclose(o->f);
        free(o->final);
        free(o->part);
        memset(o, 0, sizeof *o);
    }
    if (s->journal)
        fclose(s->journal);
    s->journal = NULL;
}

void tdm_batch_sink_abort(tdm_batch_sink *s)
{
    if (!s)
        return;
    close_files(s);
    free(s->journal_path);
    tdm_strtab_free(s->done);
    tdm_strtab_free(s->seen);
    free(s);
}

/* Nonzero when path exists and is not a regular file (a device, a FIFO:
 * /dev/null, a pipe): written through (base/outfile.c), never replaced by
 * the rename of a .part, so not journaled nor resumable. */
static int is_special(const char *path)
{
    struct stat st;
    return path && strcmp(path, "-") != 0 && stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
           !S_ISDIR(st.st_mode);
}

tdm_batch_sink *tdm_batch_sink_open(const tdm_batch_opts *opts, tdm_batch_totals *t, tdm_error *err)
{
    tdm_batch_sink *s = calloc(1, sizeof *s);
    const char *out = opts->output ? opts->output : "-";
    int journaled = strcmp(out, "-") != 0 && !is_special(out) && !is_special(opts->report);
    if (!s || !(s->done = tdm_strtab_new()) || !(s->seen = tdm_strtab_new()) ||
        (journaled && !(s->journal_path = concat(out, ".journal")))) {
        tdm_batch_sink_abort(s);
        tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
        return NULL;
    }
    s->opts = opts;
    int rc = plan_files(s, journaled, err);
    if (rc == 0 && !journaled)
        write_heads(s);
    else if (rc == 0 && opts->resume && (rc = open_resume(s, t, err)) == 1)
        rc = s->complete ? 0 : reopen_parts(s, err);
    else if (rc == 0)
        rc = open_fresh(s, err);
    if (rc < 0) {
        tdm_batch_sink_abort(s);
        return NULL;
    }
    return s;
}

int tdm_batch_sink_done(const tdm_batch_sink *s, const char *id)
{
    return tdm_strtab_find(s->done, id, strlen(id)) != TDM_STRTAB_NONE;
}

/* Dedup: 1 when the pair was written before (else records it). */
static int seen_before(tdm_batch_sink *s, const tdm_batch_pair *p, int *is_new_err)
{
    uint64_t h1 = 0xcbf29ce484222325ULL, h2 = 0x84222325cbf29ce4ULL;
    const char *parts[3] = {p->src, "\t", p->tgt};
    size_t lens[3] = {p->src_len, 1, p->tgt_len};
    for (int k = 0; k < 3; k++)
        for (size_t i = 0; i < lens[k]; i++) {
            unsigned char c = (unsigned char)parts[k][i];
            h1 = (h1 ^ c) * 0x100000001b3ULL;             /* FNV-1a 64 */
            h2 = (h2 ^ (c + 0x9eULL)) * 0x100000001b3ULL; /* another basis and byte map */
            h2 ^= h2 >> 29;
        }
    unsigned char key[16];
    for (int i = 0; i < 8; i++) {
        key[i] = (unsigned char)(h1 >> (8 * i));
        key[8 + i] = (unsigned char)(h2 >> (8 * i));
    }
    size_t before = tdm_strtab_count(s->seen);
    if (tdm_strtab_intern(s->seen, (const char *)key, sizeof key) == TDM_STRTAB_NONE) {
        *is_new_err = TDM_ENOMEM;
        return 0;
    }
    if (tdm_strtab_count(s->seen) == before)
        return 1;
    if (s->hashes >= 0)
        fwrite(key, 1, sizeof key, s->files[s->hashes].f);
    return 0;
}

/* XML text: & < > escaped, characters XML 1.0 forbids dropped. */
static int journal_entry(tdm_batch_sink *s, const char *id, const tdm_batch_totals *t)
{
    char off[256], tot[256];
    if (part_offsets(s, off, sizeof off) != 0)
        return -1;
    tdm_journal_totals_format(t, tot, sizeof tot);
    fputs("{\"id\":", s->journal);
    tdm_json_write_string(s->journal, id, strlen(id));
    fprintf(s->journal, ",\"offsets\":\"%s\",\"totals\":\"%s\"}\n", off, tot);
    return fflush(s->journal) != 0 || ferror(s->journal) ? -1 : 0;
}

int tdm_batch_sink_write(tdm_batch_sink *s, const tdm_batch_item *item, const tdm_batch_result *res,
                         tdm_batch_totals *t, tdm_error *err)
{
    const char *id = item->id ? item->id : "";
    if (s->complete)
        return tdm_fail(err, TDM_EUSAGE, s->files[s->corpus].final, -1, -1,
                        "the stopped run had finished without document '%.200s': start a new run",
                        id);
    FILE *f = s->files[s->corpus].f;
    int json = s->opts->format == TDM_CORPUS_JSONL, rc = 0;
    size_t kept = 0, dups = 0;
    tdm_batch_files fl = files_of(s);
    t->pairs++;
    if (json)
        tdm_batch_write_doc_head(f, id, res);
    if (res->error.code && res->rejected) {
        t->rejected++;
    } else if (res->error.code) {
        t->failed++;
    } else {
        t->aligned++;
        t->src_sentences += res->src_sentences;
        t->tgt_sentences += res->tgt_sentences;
        t->beads += res->beads;
        t->filtered += res->filtered;
        t->score_sum += res->score_sum;
        for (size_t k = 0; k < res->pair_count && rc == 0; k++) {
            if (s->opts->dedup && seen_before(s, &res->pairs[k], &rc)) {
                dups++;
                continue;
            }
            tdm_batch_write_pair(&fl, s->opts->format, id, ++kept, res, &res->pairs[k]);
        }
        t->written += kept;
        t->duplicates += dups;
        if (json)
            tdm_batch_write_doc_tail(f, res, kept, dups);
    }
    if (s->report >= 0)
        tdm_batch_write_report(fl.report, id, res, kept);
    if (rc != 0)
        return tdm_fail(err, rc, NULL, -1, -1, "out of memory");
    for (size_t i = 0; i < s->nfiles; i++)
        if (ferror(s->files[i].f) || (!s->journal && fflush(s->files[i].f) != 0))
            return tdm_fail(err, TDM_EWRITE, s->files[i].part ? s->files[i].part : s->files[i].name,
                            -1, -1, "write error: %s", strerror(errno));
    if (s->journal && journal_entry(s, id, t) != 0)
        return tdm_fail(err, TDM_EWRITE, s->journal_path, -1, -1, "write error: %s",
                        strerror(errno));
    return 0;
}

/* The end record: every part is complete and synced, the renames may
 * start. Appended and synced before the first rename. */
static int journal_end(tdm_batch_sink *s)
{
    char off[256];
    if (part_offsets(s, off, sizeof off) != 0)
        return -1;
    fprintf(s->journal, "{\"finished\":1,\"offsets\":\"%s\"}\n", off);
    return fflush(s->journal) != 0 || ferror(s->journal) || fsync(fileno(s->journal)) != 0 ? -1 : 0;
}

int tdm_batch_sink_finish(tdm_batch_sink *s, const tdm_batch_totals *t, tdm_error *err)
{
    if (s->complete) {
        tdm_batch_sink_abort(s);
        return 0;
    }
    tdm_batch_files fl = files_of(s);
    tdm_batch_write_tails(&fl, s->opts, t);
    int rc = 0;
    for (size_t i = 0; i < s->nfiles && rc == 0; i++) {
        out_file *o = &s->files[i];
        if (o->of) {
            rc = tdm_outfile_commit(o->of, err);
            o->of = NULL;
            o->f = NULL;
            continue;
        }
        if (fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0)
            rc = tdm_fail(err, TDM_EWRITE, o->part, -1, -1, "write error: %s", strerror(errno));
    }
    if (rc == 0 && s->journal && journal_end(s) != 0)
        rc = tdm_fail(err, TDM_EWRITE, s->journal_path, -1, -1, "write error: %s", strerror(errno));
    for (size_t i = 0; i < s->nfiles && rc == 0 && s->journal; i++) {
        out_file *o = &s->files[i];
        int bad = fclose(o->f) != 0;
        o->f = NULL;
        if (bad)
            rc = tdm_fail(err, TDM_EWRITE, o->part, -1, -1, "write error: %s", strerror(errno));
        else if ((int)i == s->hashes)
            unlink(o->part);
        else if (rename(o->part, o->final) != 0)
            rc = tdm_fail(err, TDM_EWRITE, o->final, -1, -1, "cannot rename into place: %s",
                          strerror(errno));
    }
    if (rc == 0 && s->journal)
        unlink(s->journal_path);
    tdm_batch_sink_abort(s);
    return rc;
}
