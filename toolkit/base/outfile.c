/*
 * outfile.c: output files that appear complete or not at all.
 *
 * What -o PATH does depends on what PATH is (symbolic links followed to the
 * file they name, which may not exist yet):
 * - nothing, or a regular file: the output goes to a temporary in the same
 *   directory (rename(2) is atomic only within one file system), which is
 *   flushed, fsynced and renamed over it on commit; an existing file keeps
 *   its permission bits, a new one gets 0666 less the umask;
 * - a character device or a FIFO (/dev/null, /dev/stdout, a pipe): written
 *   directly. Renaming over it would replace the system's node with a
 *   regular file;
 * - anything else (a directory, a block device, a socket): an error,
 *   nothing is touched.
 *
 * Several files that belong together (the two sides of a Moses corpus) are
 * committed as a group: after all temporaries are complete, a marker
 * FIRST.commit listing "temporary NUL final NUL" pairs is put in place
 * (written to its own temporary, renamed), then the temporaries are renamed
 * one by one, then the marker is removed. A kill before the marker appears
 * leaves every final file as it was; a kill after it leaves the marker, and
 * the next tdm_outfile_open of FIRST rolls the group forward (renames the
 * temporaries still listed) before doing anything else. Either way no state
 * survives in which one file of the group is new and another old.
 *
 * Temporaries are also listed in a fixed table that
 * tdm_outfile_remove_temporaries reads from a signal handler. It is the one
 * piece of global state in the library: a handler cannot be given a
 * pointer, and it may only use lock-free atomics and unlink(2).
 */
#include "tandem/output.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/error.h"
#include "base/outfile.h"

struct tdm_outfile {
    FILE *stream;
    char *path;     /* destination (links resolved), NULL for stdout */
    char *tmp_path; /* temporary, NULL when written directly */
    int slot;       /* in the signal table, -1 when not listed */
};

/* ---- temporaries a signal handler may remove ---- */

enum { SLOTS = 32, SLOT_PATH = 4096 };
enum { SLOT_FREE, SLOT_FILLING, SLOT_LIVE };
static atomic_int slot_state[SLOTS];
static char slot_path[SLOTS][SLOT_PATH];

static int slot_take(const char *path)
{
    size_t n = strlen(path);
    if (n >= SLOT_PATH)
        return -1;
    for (int i = 0; i < SLOTS; i++) {
        int expect = SLOT_FREE;
        if (atomic_compare_exchange_strong(&slot_state[i], &expect, SLOT_FILLING)) {
            memcpy(slot_path[i], path, n + 1);
            atomic_store(&slot_state[i], SLOT_LIVE);
            return i;
        }
    }
    return -1; /* table full: this temporary survives a signal */
}

static void slot_release(int *slot)
{
    if (*slot >= 0)
        atomic_store(&slot_state[*slot], SLOT_FREE);
    *slot = -1;
}

void tdm_outfile_remove_temporaries(void)
{
    for (int i = 0; i < SLOTS; i++)
        if (atomic_load(&slot_state[i]) == SLOT_LIVE)
            unlink(slot_path[i]);
}

/* ---- paths ---- */

static char *join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *s = malloc(la + lb + 1);
    if (s) {
        memcpy(s, a, la);
        memcpy(s + la, b, lb + 1);
    }
    return s;
}

/* The file that path names once its symbolic links are followed (it may
 * not exist). Returns a new string, or NULL with errno set. */
static char *resolve_links(const char *path)
{
    char *cur = join(path, "");
    for (int hops = 0; cur && hops < 40; hops++) {
        struct stat st;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
            return cur;
        char target[PATH_MAX];
        ssize_t n = readlink(cur, target, sizeof target);
        if (n < 0 || (size_t)n >= sizeof target) {
            if (n >= 0)
                errno = ENAMETOOLONG;
            free(cur);
            return NULL;
        }
        target[n] = '\0';
        char *slash = strrchr(cur, '/');
        char *next;
        if (target[0] == '/' || !slash) {
            next = join(target, "");
        } else {
            slash[1] = '\0'; /* a relative link is relative to its directory */
            next = join(cur, target);
        }
        free(cur);
        cur = next;
    }
    if (cur) {
        free(cur);
        errno = ELOOP;
    }
    return NULL;
}

/* Creates path.tmp.XXXXXX with the given mode (the umask applies), like
 * mkstemp but without its fixed 0600. Fills tmp and *slot (the signal
 * table's entry for it, -1 when the table is full); returns the descriptor
 * or -1. The name is listed before the file exists, so that a signal
 * between the two removes it (unlinking a name not yet made is harmless),
 * where listing it after left a window in which a signal left the file. */
static int create_temporary(const char *path, mode_t mode, char **tmp, int *slot)
{
    *slot = -1;
    static atomic_uint counter;
    static const char digits[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    size_t n = strlen(path);
    if (!(*tmp = malloc(n + 12)))
        return -1;
    for (int attempt = 0; attempt < 100; attempt++) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        unsigned long long x = (unsigned long long)ts.tv_nsec * 2654435761u ^
                               (unsigned long long)getpid() << 20 ^ atomic_fetch_add(&counter, 1);
        char suffix[7];
        for (int i = 0; i < 6; i++, x /= 62)
            suffix[i] = digits[x % 62];
        suffix[6] = '\0';
        snprintf(*tmp, n + 12, "%s.tmp.%s", path, suffix);
        *slot = slot_take(*tmp);
        int fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        if (fd >= 0)
            return fd;
        int saved = errno;
        slot_release(slot);
        errno = saved;
        if (errno != EEXIST)
            return -1;
    }
    return -1;
}

/* ---- group commit recovery ---- */

/* Finishes the group commit that a marker at final.commit records (see the
 * top of the file). Returns 0 (also when there is none) or TDM_EWRITE. */
static int roll_forward(const char *final, tdm_error *err)
{
    char *marker = join(final, ".commit");
    if (!marker)
        return tdm_fail(err, TDM_ENOMEM, final, -1, -1, "out of memory");
    int rc = 0;
    FILE *f = fopen(marker, "rb");
    if (!f) {
        if (errno != ENOENT)
            rc = tdm_fail(err, TDM_EWRITE, marker, -1, -1, "cannot finish an interrupted write: %s",
                          strerror(errno));
        free(marker);
        return rc;
    }
    char buf[4 * SLOT_PATH + 64];
    size_t len = fread(buf, 1, sizeof buf, f);
    int bad = ferror(f) || !feof(f) || len == 0 || buf[len - 1] != '\0';
    fclose(f);
    /* Each pair "final.tmp.XXXXXX\0final\0": only temporaries of the named
     * file are renamed, whatever else the marker might say. */
    for (size_t pos = 0; !bad && pos < len;) {
        const char *tmp = buf + pos;
        size_t tl = strlen(tmp);
        if (pos + tl + 1 >= len) {
            bad = 1;
            break;
        }
        const char *dest = tmp + tl + 1;
        size_t dl = strlen(dest);
        pos += tl + dl + 2;
        if (tl != dl + 11 || strncmp(tmp, dest, dl) != 0 || strncmp(tmp + dl, ".tmp.", 5) != 0) {
            bad = 1;
            break;
        }
        if (rename(tmp, dest) != 0 && errno != ENOENT)
            rc = tdm_fail(err, TDM_EWRITE, dest, -1, -1, "cannot finish an interrupted write: %s",
                          strerror(errno));
    }
    if (bad)
        rc = tdm_fail(err, TDM_EWRITE, marker, -1, -1,
                      "unreadable record of an interrupted write: remove it and rerun");
    else if (rc == 0)
        unlink(marker);
    free(marker);
    return rc;
}

/* ---- open, commit, abort ---- */

/* Wraps fd in out's stream and returns out; on failure closes fd, aborts
 * out (removing its temporary) and returns NULL with err filled. */
static tdm_outfile *attach_stream(tdm_outfile *out, int fd, const char *path, tdm_error *err)
{
    if (!(out->stream = fdopen(fd, "w"))) {
        close(fd);
        tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
        tdm_outfile_abort(out);
        return NULL;
    }
    return out;
}

/* Opens a character device or a FIFO to write through it (a FIFO waits for
 * its reader); completes out or frees it. */
static tdm_outfile *open_direct(tdm_outfile *out, const char *path, tdm_error *err)
{
    if (!out->path && !(out->path = join(path, ""))) {
        tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
        tdm_outfile_abort(out);
        return NULL;
    }
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        tdm_fail(err, TDM_EWRITE, path, -1, -1, "cannot open: %s", strerror(errno));
        tdm_outfile_abort(out);
        return NULL;
    }
    return attach_stream(out, fd, path, err);
}

tdm_outfile *tdm_outfile_open(const char *path, tdm_error *err)
{
    tdm_outfile *out = calloc(1, sizeof *out);
    if (!out) {
        tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
        return NULL;
    }
    out->slot = -1;
    if (strcmp(path, "-") == 0) {
        out->stream = stdout;
        return out;
    }
    /* A device or a FIFO, asked of the kernel first: it also resolves the
     * links of /proc (/dev/stdout on a pipe names "pipe:[N]", no path). */
    struct stat st;
    if (stat(path, &st) == 0 && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)))
        return open_direct(out, path, err);
    if (!(out->path = resolve_links(path))) {
        if (errno == ENOMEM)
            tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
        else
            tdm_fail(err, TDM_EWRITE, path, -1, -1, "cannot create: %s", strerror(errno));
        free(out);
        return NULL;
    }
    if (roll_forward(out->path, err) != 0) {
        tdm_outfile_abort(out);
        return NULL;
    }
    int exists = stat(out->path, &st) == 0;
    int fd;
    if (exists && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
        return open_direct(out, out->path, err); /* it became one meanwhile */
    } else if (exists && !S_ISREG(st.st_mode)) {
        tdm_fail(err, TDM_EWRITE, path, -1, -1, "%s: will not replace it with a file",
                 S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file");
        tdm_outfile_abort(out);
        return NULL;
    } else {
        fd = create_temporary(out->path, exists ? st.st_mode & 07777 : 0666, &out->tmp_path,
                              &out->slot);
        /* open() applies the umask; an existing file's mode is kept whole. */
        if (fd >= 0 && exists && fchmod(fd, st.st_mode & 07777) != 0) {
            close(fd);
            unlink(out->tmp_path);
            slot_release(&out->slot);
            fd = -1;
        }
    }
    if (fd < 0) {
        int saved = errno;
        free(out->tmp_path);
        out->tmp_path = NULL;
        tdm_fail(err, saved == ENOMEM ? TDM_ENOMEM : TDM_EWRITE, path, -1, -1, "cannot create: %s",
                 strerror(saved));
        tdm_outfile_abort(out);
        return NULL;
    }
    return attach_stream(out, fd, path, err);
}

FILE *tdm_outfile_stream(tdm_outfile *out)
{
    return out->stream;
}

static void outfile_free(tdm_outfile *out)
{
    slot_release(&out->slot);
    free(out->tmp_path);
    free(out->path);
    free(out);
}

/* Flushes and closes the stream (fsync for a temporary, whose data must be
 * on disk before its name is). Returns 0 or TDM_EWRITE, err filled. */
static int finish_stream(tdm_outfile *out, tdm_error *err)
{
    const char *name = out->path ? out->path : "<stdout>";
    if (out->stream == stdout) {
        if (fflush(stdout) != 0 || ferror(stdout))
            return tdm_fail(err, TDM_EWRITE, name, -1, -1, "write error: %s", strerror(errno));
        return 0;
    }
    int bad = fflush(out->stream) != 0 || ferror(out->stream) ||
              (out->tmp_path && fsync(fileno(out->stream)) != 0);
    int saved = errno;
    if (fclose(out->stream) != 0 && !bad) {
        bad = 1;
        saved = errno;
    }
    out->stream = NULL;
    return bad ? tdm_fail(err, TDM_EWRITE, name, -1, -1, "write error: %s", strerror(saved)) : 0;
}

int tdm_outfile_commit(tdm_outfile *out, tdm_error *err)
{
    return tdm_outfile_commit_all(&out, 1, err);
}

/* Writes the group's marker (top of the file) and puts it in place. */
static int write_marker(tdm_outfile **outs, size_t count, const char *first, tdm_error *err)
{
    char *marker = join(first, ".commit"), *tmp = NULL;
    if (!marker)
        return tdm_fail(err, TDM_ENOMEM, first, -1, -1, "out of memory");
    int slot;
    int fd = create_temporary(marker, 0666, &tmp, &slot);
    int bad = fd < 0;
    for (size_t i = 0; !bad && i < count; i++)
        if (outs[i]->tmp_path) {
            const char *parts[2] = {outs[i]->tmp_path, outs[i]->path};
            for (int k = 0; k < 2 && !bad; k++)
                bad = write(fd, parts[k], strlen(parts[k]) + 1) != (ssize_t)(strlen(parts[k]) + 1);
        }
    bad = bad || fsync(fd) != 0;
    int saved = errno;
    if (fd >= 0 && close(fd) != 0 && !bad) {
        bad = 1;
        saved = errno;
    }
    if (!bad && rename(tmp, marker) != 0) {
        bad = 1;
        saved = errno;
    }
    if (bad && tmp)
        unlink(tmp);
    slot_release(&slot);
    int rc =
        bad ? tdm_fail(err, TDM_EWRITE, marker, -1, -1, "write error: %s", strerror(saved)) : 0;
    free(tmp);
    free(marker);
    return rc;
}

int tdm_outfile_commit_all(tdm_outfile **outs, size_t count, tdm_error *err)
{
    int rc = 0;
    size_t renames = 0;
    const char *first = NULL;
    for (size_t i = 0; i < count; i++) {
        if (rc == 0)
            rc = finish_stream(outs[i], err);
        if (outs[i]->tmp_path && !renames++)
            first = outs[i]->path;
    }
    /* A rename cannot put a file where a directory stands: find out before
     * the first rename, not between two. */
    for (size_t i = 0; rc == 0 && renames > 1 && i < count; i++) {
        struct stat st;
        if (outs[i]->tmp_path && stat(outs[i]->path, &st) == 0 && !S_ISREG(st.st_mode))
            rc = tdm_fail(err, TDM_EWRITE, outs[i]->path, -1, -1,
                          "not a regular file: will not replace it");
    }
    if (rc == 0 && renames > 1)
        rc = write_marker(outs, count, first, err);
    if (rc != 0) {
        for (size_t i = 0; i < count; i++)
            tdm_outfile_abort(outs[i]);
        return rc;
    }
    /* From here the marker finishes the group if we are killed: the
     * temporaries are no longer ours to remove on a signal. */
    for (size_t i = 0; i < count; i++)
        slot_release(&outs[i]->slot);
    for (size_t i = 0; i < count; i++) {
        tdm_outfile *o = outs[i];
        if (rc == 0 && o->tmp_path && rename(o->tmp_path, o->path) != 0) {
            rc = tdm_fail(err, TDM_EWRITE, o->path, -1, -1, "cannot put in place: %s",
                          strerror(errno));
            /* Neither rather than half: take back what is already in place. */
            for (size_t k = 0; k < i; k++)
                if (outs[k]->tmp_path)
                    unlink(outs[k]->path);
        }
        if (rc != 0 && o->tmp_path)
            unlink(o->tmp_path);
    }
    if (renames > 1) {
        char *marker = join(first, ".commit");
        if (marker)
            unlink(marker);
        free(marker);
    }
    for (size_t i = 0; i < count; i++)
        outfile_free(outs[i]);
    return rc;
}

void tdm_outfile_abort(tdm_outfile *out)
{
    if (!out)
        return;
    if (out->stream == stdout)
        fflush(stdout);
    else if (out->stream)
        fclose(out->stream);
    if (out->tmp_path)
        unlink(out->tmp_path);
    outfile_free(out);
}
