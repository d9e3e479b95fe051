/*
 * pmap.c: items on worker threads, output in item order (base/pmap.h).
 *
 * A ring of `window` slots: threads claim the next item while it is less
 * than a window ahead of the output, run it into two memory streams
 * (open_memstream) and leave the buffers in the item's slot. The calling
 * thread is one of the workers and also the writer: between its own items
 * it copies every finished item, in order, to the real streams. So `jobs`
 * threads run, not jobs + 1, and nobody is woken per item: a worker sleeps
 * only when the window is full, the caller only when it has nothing to
 * claim and the next item to write is still running (with a thread per
 * core and a writer apart, the wake-ups of every item cost more than the
 * copying). One mutex guards the counters; the work itself runs unlocked.
 */
#include "base/pmap.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

/* Items a thread may run ahead of the output, per thread. */
#define WINDOW_PER_JOB 16

typedef struct slot {
    char *out, *err;
    size_t out_len, err_len;
    int status, done;
} slot;

typedef struct shared {
    tdm_pmap_fn fn;
    void *ctx;
    size_t n, window;
    size_t next;    /* next item to claim */
    size_t written; /* items copied out */
    int stop;       /* a negative status was returned */
    int writer_waiting, workers_waiting;
    slot *slots;
    pthread_mutex_t lock;
    pthread_cond_t writer_wake, worker_wake;
} shared;

typedef struct worker {
    shared *sh;
    int index;
} worker;

int tdm_pmap_jobs(int jobs)
{
    if (jobs > 0)
        return jobs;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores > 0 ? (int)cores : 1;
}

/* Runs item (claimed under the lock, which is held on entry and on return)
 * into memory streams, and leaves it in its slot; a stream that cannot be
 * had makes the item fail with -1. */
static void run_item(shared *sh, int index, size_t item)
{
    pthread_mutex_unlock(&sh->lock);
    slot s = {0};
    FILE *out = open_memstream(&s.out, &s.out_len);
    FILE *err = open_memstream(&s.err, &s.err_len);
    s.status = out && err ? sh->fn(sh->ctx, index, item, out, err) : -1;
    if (out)
        fclose(out);
    if (err)
        fclose(err);
    s.done = 1;
    pthread_mutex_lock(&sh->lock);
    sh->slots[item % sh->window] = s;
    if (s.status < 0 && !sh->stop) {
        sh->stop = 1;
        pthread_cond_broadcast(&sh->worker_wake);
    }
    if (sh->writer_waiting && (item == sh->written || sh->stop))
        pthread_cond_signal(&sh->writer_wake);
}

/* Nonzero when the calling thread may claim the next item. */
static int can_claim(const shared *sh)
{
    return !sh->stop && sh->next < sh->n && sh->next - sh->written < sh->window;
}

static void *work(void *arg)
{
    worker *w = arg;
    shared *sh = w->sh;
    pthread_mutex_lock(&sh->lock);
    for (;;) {
        while (!sh->stop && sh->next < sh->n && !can_claim(sh)) {
            sh->workers_waiting++;
            pthread_cond_wait(&sh->worker_wake, &sh->lock);
            sh->workers_waiting--;
        }
        if (!can_claim(sh))
            break;
        run_item(sh, w->index, sh->next++);
    }
    pthread_mutex_unlock(&sh->lock);
    return NULL;
}

/* The caller's loop: write what is done in order, else work, else wait.
 * Returns the run's result (see pmap.h). Lock held on entry and return. */
static int write_and_work(shared *sh, FILE *out, FILE *err)
{
    int result = 0;
    while (sh->written < sh->n) {
        slot *s = &sh->slots[sh->written % sh->window];
        if (s->done) {
            slot taken = *s;
            *s = (slot){0};
            sh->written++;
            if (sh->workers_waiting)
                pthread_cond_broadcast(&sh->worker_wake);
            pthread_mutex_unlock(&sh->lock);
            if (taken.out_len)
                fwrite(taken.out, 1, taken.out_len, out);
            if (taken.err_len)
                fwrite(taken.err, 1, taken.err_len, err);
            free(taken.out);
            free(taken.err);
            pthread_mutex_lock(&sh->lock);
            if (taken.status < 0)
                return taken.status; /* the items after it are not written */
            if (taken.status > result)
                result = taken.status;
        } else if (can_claim(sh)) {
            run_item(sh, 0, sh->next++);
        } else if (sh->written >= sh->next) {
            break; /* never claimed: the run was stopped */
        } else {
            sh->writer_waiting = 1;
            pthread_cond_wait(&sh->writer_wake, &sh->lock);
            sh->writer_waiting = 0;
        }
    }
    return result;
}

int tdm_pmap(size_t n, int jobs, tdm_pmap_fn fn, void *ctx, FILE *out, FILE *err)
{
    jobs = tdm_pmap_jobs(jobs);
    if ((size_t)jobs > n)
        jobs = n > 0 ? (int)n : 1;
    if (jobs == 1) {
        int result = 0;
        for (size_t i = 0; i < n; i++) {
            int st = fn(ctx, 0, i, out, err);
            if (st < 0)
                return st;
            if (st > result)
                result = st;
        }
        return result;
    }
    shared sh = {.fn = fn, .ctx = ctx, .n = n, .window = WINDOW_PER_JOB * (size_t)jobs};
    pthread_t *threads = malloc((size_t)jobs * sizeof *threads);
    worker *workers = malloc((size_t)jobs * sizeof *workers);
    sh.slots = calloc(sh.window, sizeof *sh.slots);
    if (!threads || !workers || !sh.slots) {
        free(threads);
        free(workers);
        free(sh.slots);
        return -1;
    }
    pthread_mutex_init(&sh.lock, NULL);
    pthread_cond_init(&sh.writer_wake, NULL);
    pthread_cond_init(&sh.worker_wake, NULL);
    /* Worker 0 is the calling thread; threads that cannot be had are
     * simply not there. */
    int started = 1;
    for (; started < jobs; started++) {
        workers[started] = (worker){&sh, started};
        if (pthread_create(&threads[started], NULL, work, &workers[started]) != 0)
            break;
    }
    pthread_mutex_lock(&sh.lock);
    int result = write_and_work(&sh, out, err);
    sh.stop = 1; /* the writer may have left early: release the workers */
    pthread_cond_broadcast(&sh.worker_wake);
    pthread_mutex_unlock(&sh.lock);
    for (int t = 1; t < started; t++)
        pthread_join(threads[t], NULL);
    for (size_t k = 0; k < sh.window; k++) { /* blocks never written */
        free(sh.slots[k].out);
        free(sh.slots[k].err);
    }
    pthread_mutex_destroy(&sh.lock);
    pthread_cond_destroy(&sh.writer_wake);
    pthread_cond_destroy(&sh.worker_wake);
    free(sh.slots);
    free(workers);
    free(threads);
    return result;
}
