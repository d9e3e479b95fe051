/*
 * pmap.h: items on worker threads, their output in item order.
 *
 * tdm_pmap calls fn for items 0..n-1 on jobs threads, the calling thread
 * being one of them. What an item writes to its two streams (an output and
 * an error stream, both in memory) is copied to the real streams by the
 * calling thread in item order, one item's block at a time, so the result
 * is the same whatever the number of threads. Workers run at most a window of items ahead of the
 * writer, so memory stays bounded however many items there are. Used by summarize for many files;
 * align's corpus building has its own pipeline (batch.c) because it also journals and resumes.
 */
#ifndef TANDEM_INTERNAL_PMAP_H
#define TANDEM_INTERNAL_PMAP_H

#include <stddef.h>
#include <stdio.h>

/* Works item `item` on worker `worker` (0..jobs-1: index per-thread state
 * with it), writing to out and err. Returns a status >= 0 (the largest is
 * kept) or a negative value to stop the run (no further item is started). */
typedef int (*tdm_pmap_fn)(void *ctx, int worker, size_t item, FILE *out, FILE *err);

/* The number of threads tdm_pmap uses for jobs (0: the online cores). */
int tdm_pmap_jobs(int jobs);

/* Runs items 0..n-1 (jobs 1: on this thread, streams passed through;
 * threads that cannot be started are done without). Returns the largest
 * status fn returned, the first negative one, or -1 when memory could not
 * be had (nothing was run then). */
int tdm_pmap(size_t n, int jobs, tdm_pmap_fn fn, void *ctx, FILE *out, FILE *err);

#endif
