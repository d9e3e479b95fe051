/*
 * failalloc.c: an LD_PRELOAD shim that makes allocations fail on purpose,
 * for tests/e2e/test_alloc_sweep.sh and test_streams.sh.
 *
 * It replaces malloc, calloc, realloc, the aligned allocators and free
 * (glibc routes strdup, getline, fopen, open_memstream and C++'s operator
 * new through them) and forwards to glibc's own __libc_* functions, so it
 * needs no dlsym (which itself allocates). Environment:
 *   FAILALLOC_NTH=k     the k-th allocation (1-based, counted from the
 *                       shim's constructor, across threads) returns NULL
 *                       with errno ENOMEM; the others succeed, so the
 *                       program must survive exactly one failure.
 *   FAILALLOC_OVER=n    every request of more than n bytes fails.
 *   FAILALLOC_REPORT=f  at exit, the number of allocations counted is
 *                       written to f (how many k a sweep has to try).
 *   FAILALLOC_SPARE=s   allocations called directly from a loaded object
 *                       whose path contains s (e.g. "libexttextcat") are
 *                       never failed nor counted: for a library that
 *                       dereferences what it failed to get, which the
 *                       program guards instead (see text/lang.c).
 *                       FAILALLOC_REPORT then also gets their number.
 *   FAILALLOC_SPARE_RANGES=lo-hi,...  the same for a library linked into
 *                       the program statically: allocations called from
 *                       code at addresses [lo, hi) (hexadecimal, as nm
 *                       prints them; tests/alloc/spare_ranges.sh finds a
 *                       static library's functions in a program) are
 *                       spared. Only for a program that is not
 *                       position-independent (its addresses are nm's).
 *   FAILALLOC_PEAK=f    at exit, the most heap bytes in use at once
 *                       (malloc_usable_size of the live blocks, untouched
 *                       pages included) is written to f: a figure of the
 *                       program's data that does not depend on the load of
 *                       the machine, as resident memory does.
 *   FAILALLOC_TRAP=1    raise SIGTRAP at the failure, so that
 *                       `gdb -batch -ex run -ex bt --args PROGRAM...` shows
 *                       which allocation failed.
 * realloc(p, 0) and free are never failed: they release memory.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <link.h>
#include <malloc.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);

static atomic_ulong count, spared;
static atomic_size_t live, peak; /* heap bytes, when FAILALLOC_PEAK is set */
static int track;
/* The code spared: executable segments of the spared object, and the
 * ranges given. */
enum { MAX_SPARED = 64 };
static struct {
    uintptr_t lo, hi;
} spare_seg[MAX_SPARED];
static int spare_segs;
static unsigned long fail_nth;
static size_t fail_over = (size_t)-1;
static int armed, trap;

static unsigned long env_number(const char *name, unsigned long dflt)
{
    const char *s = getenv(name);
    return s && *s ? strtoul(s, NULL, 10) : dflt;
}

static int find_spared(struct dl_phdr_info *info, size_t size, void *name)
{
    (void)size;
    if (!info->dlpi_name || !strstr(info->dlpi_name, name))
        return 0;
    for (int i = 0; i < info->dlpi_phnum && spare_segs < MAX_SPARED; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type == PT_LOAD && (ph->p_flags & PF_X)) {
            spare_seg[spare_segs].lo = info->dlpi_addr + ph->p_vaddr;
            spare_seg[spare_segs].hi = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
            spare_segs++;
        }
    }
    return 0;
}

static void bad_ranges(void)
{
    static const char msg[] = "failalloc: bad FAILALLOC_SPARE_RANGES\n";
    if (write(2, msg, sizeof msg - 1) < 0)
        _exit(126);
    _exit(125);
}

/* Parses "lo-hi,lo-hi,..." (hexadecimal) into spare_seg; a malformed
 * list stops the process, since a sweep sparing nothing would mislead. */
static void parse_ranges(const char *s)
{
    while (*s) {
        char *end;
        uintptr_t lo = (uintptr_t)strtoull(s, &end, 16);
        if (*end != '-')
            bad_ranges();
        uintptr_t hi = (uintptr_t)strtoull(end + 1, &end, 16);
        if (hi <= lo || (*end && *end != ',') || spare_segs == MAX_SPARED)
            bad_ranges();
        spare_seg[spare_segs].lo = lo;
        spare_seg[spare_segs].hi = hi;
        spare_segs++;
        s = *end ? end + 1 : end;
    }
}

__attribute__((constructor)) static void failalloc_init(void)
{
    const char *spare = getenv("FAILALLOC_SPARE");
    if (spare && *spare)
        dl_iterate_phdr(find_spared, (void *)spare);
    const char *ranges = getenv("FAILALLOC_SPARE_RANGES");
    if (ranges && *ranges)
        parse_ranges(ranges);
    fail_nth = env_number("FAILALLOC_NTH", 0);
    fail_over = (size_t)env_number("FAILALLOC_OVER", (unsigned long)-1);
    trap = env_number("FAILALLOC_TRAP", 0) != 0;
    const char *peak_path = getenv("FAILALLOC_PEAK");
    track = peak_path && *peak_path;
    armed = 1;
}

static void write_file(const char *path, const char *buf, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        if (write(fd, buf, n) != (ssize_t)n)
            n = 0;
        close(fd);
    }
}

__attribute__((destructor)) static void failalloc_peak(void)
{
    const char *path = getenv("FAILALLOC_PEAK");
    if (!path || !*path)
        return;
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%zu\n", (size_t)atomic_load(&peak));
    write_file(path, buf, (size_t)n);
}

/* Counts block p (just allocated) in the live bytes, or (gone) takes it out. */
static void *counted(void *p)
{
    if (track && p) {
        size_t now = atomic_fetch_add(&live, malloc_usable_size(p)) + malloc_usable_size(p);
        size_t was = atomic_load(&peak);
        while (now > was && !atomic_compare_exchange_weak(&peak, &was, now))
            ;
    }
    return p;
}

static void uncount(void *p)
{
    if (track && p)
        atomic_fetch_sub(&live, malloc_usable_size(p));
}

__attribute__((destructor)) static void failalloc_report(void)
{
    const char *path = getenv("FAILALLOC_REPORT");
    if (!path || !*path)
        return;
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%lu\n%lu\n", (unsigned long)atomic_load(&count),
                     (unsigned long)atomic_load(&spared));
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        if (write(fd, buf, (size_t)n) != n)
            n = -1;
        close(fd);
    }
}

/* Whether this allocation of size bytes, called from caller, must fail. */
static int should_fail_from(size_t size, void *caller)
{
    if (!armed)
        return 0;
    for (int i = 0; i < spare_segs; i++)
        if ((uintptr_t)caller >= spare_seg[i].lo && (uintptr_t)caller < spare_seg[i].hi) {
            atomic_fetch_add(&spared, 1);
            return 0;
        }
    unsigned long k = atomic_fetch_add(&count, 1) + 1;
    if (k == fail_nth || size > fail_over) {
        if (trap)
            raise(SIGTRAP);
        errno = ENOMEM;
        return 1;
    }
    return 0;
}

#define should_fail(size) should_fail_from(size, __builtin_return_address(0))

void *malloc(size_t size)
{
    return should_fail(size) ? NULL : counted(__libc_malloc(size));
}

void *calloc(size_t n, size_t size)
{
    size_t total = n && size > (size_t)-1 / n ? (size_t)-1 : n * size;
    return should_fail(total) ? NULL : counted(__libc_calloc(n, size));
}

void *realloc(void *p, size_t size)
{
    if (p && size == 0) {
        uncount(p);
        return __libc_realloc(p, size);
    }
    if (should_fail(size))
        return NULL;
    size_t old = track && p ? malloc_usable_size(p) : 0;
    void *q = __libc_realloc(p, size);
    if (q) {
        atomic_fetch_sub(&live, old);
        counted(q);
    }
    return q;
}

void free(void *p)
{
    uncount(p);
    __libc_free(p);
}

void *memalign(size_t align, size_t size)
{
    return should_fail(size) ? NULL : counted(__libc_memalign(align, size));
}

void *aligned_alloc(size_t align, size_t size)
{
    return memalign(align, size);
}

int posix_memalign(void **out, size_t align, size_t size)
{
    if (should_fail(size))
        return ENOMEM;
    void *p = counted(__libc_memalign(align, size));
    if (!p)
        return ENOMEM;
    *out = p;
    return 0;
}

void *valloc(size_t size)
{
    return memalign((size_t)sysconf(_SC_PAGESIZE), size);
}
