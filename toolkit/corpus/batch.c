/*
 * batch.c: aligning many document pairs on N threads, written in input
 * order with bounded memory.
 *
 * The calling thread is both the producer (it reads the next pair from the
 * input) and the writer (it writes finished pairs in input order); N worker
 * threads align. Pairs live in a ring of W slots (the reorder buffer): pair
 * number k uses slot k mod W, and the producer may fill it only once the
 * writer has written pair k - W. So at most W pairs are read, aligned or
 * waiting to be written at any time, whatever the length of the batch and
 * however unequal the pairs: a slow pair stalls the ring instead of
 * letting finished pairs pile up (the bounded reorder buffer of an
 * in-order-completion pipeline, as in a CPU's reorder buffer or GNU
 * parallel --keep-order). Workers take pairs in order from one counter
 * under a mutex; the output depends only on the input order, never on
 * which thread finished first, so -j 1 and -j 8 write the same bytes.
 *
 * Shared state: the options (read-only) and the pair aligner of
 * batch_pair.c (thread-safe). Nothing is global.
 */
#include "corpus/batch.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/error.h"

enum { SLOT_FREE = 0, SLOT_QUEUED, SLOT_DONE };

typedef struct slot {
    tdm_batch_item item;
    tdm_batch_result res;
    tdm_batch_sample sample; /* the learning pass's result */
    int state;
} slot;

typedef struct engine {
    const tdm_batch_opts *opts;
    tdm_batch_aligner *aligner;
    pthread_mutex_t mu;
    pthread_cond_t work_cv; /* a pair was queued, or stop */
    pthread_cond_t done_cv; /* a pair was aligned */
    slot *slots;
    size_t window;
    size_t produced, claimed, written; /* pair counters: claimed <= produced */
    int learning;                      /* the first pass of opts->learn: samples, no output */
    int eof, stop;
    int limited; /* stopped producing at opts->limit with input left */
} engine;

void tdm_batch_opts_init(tdm_batch_opts *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->input = TDM_BATCH_MANIFEST;
    opts->jsonl = "-";
    opts->format = TDM_CORPUS_TSV;
    opts->output = "-";
    opts->reject_below = 1;
    tdm_read_opts_init(&opts->read);
    tdm_align_opts_init(&opts->align);
}

static void *worker(void *arg)
{
    engine *e = arg;
    pthread_mutex_lock(&e->mu);
    for (;;) {
        while (!e->stop && e->claimed == e->produced && !e->eof)
            pthread_cond_wait(&e->work_cv, &e->mu);
        if (e->stop || e->claimed == e->produced)
            break;
        slot *s = &e->slots[e->claimed++ % e->window];
        pthread_mutex_unlock(&e->mu);
        if (e->learning)
            tdm_batch_sample_pair(e->aligner, &s->item, &s->sample);
        else
            tdm_batch_align_pair(e->aligner, &s->item, &s->res);
        pthread_mutex_lock(&e->mu);
        s->state = SLOT_DONE;
        pthread_cond_signal(&e->done_cv);
    }
    pthread_mutex_unlock(&e->mu);
    return NULL;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The progress line: shown once a run passes PROGRESS_AFTER seconds,
 * redrawn at most every PROGRESS_EVERY, erased at the end. */
#define PROGRESS_AFTER 3.0
#define PROGRESS_EVERY 0.5

typedef struct progress {
    FILE *log;
    const char *prefix;
    int on, shown;
    double start, last;
    long total;
    size_t pairs0, sentences0; /* counts restored by resume, not this run's */
} progress;

static void progress_erase(progress *p)
{
    if (p->shown) {
        fputs("\r\033[K", p->log);
        fflush(p->log);
        p->shown = 0;
    }
}

static void progress_draw(progress *p, const tdm_batch_totals *t)
{
    double now = now_seconds();
    if (!p->on || now - p->start < PROGRESS_AFTER || now - p->last < PROGRESS_EVERY)
        return;
    p->last = now;
    double el = now - p->start;
    size_t done = t->pairs - p->pairs0;
    size_t sent = t->src_sentences + t->tgt_sentences - p->sentences0;
    char left[64] = "", of[32] = "";
    if (p->total >= 0) {
        snprintf(of, sizeof of, "/%ld", p->total);
        if (done > 0 && p->total > (long)t->pairs) {
            long secs = (long)((double)(p->total - (long)t->pairs) * el / (double)done + 0.5);
            snprintf(left, sizeof left, ", %ldm%02lds left", secs / 60, secs % 60);
        }
    }
    fprintf(p->log, "\r\033[K%s%zu%s pairs, %zu rejected, %zu failed, %.0f sentences/s%s",
            p->prefix, t->pairs, of, t->rejected, t->failed, (double)sent / el, left);
    fflush(p->log);
    p->shown = 1;
}

static void log_failure(progress *p, const tdm_batch_item *it, const tdm_batch_result *res)
{
    if (!p->log)
        return;
    progress_erase(p);
    char msg[1100];
    tdm_error_format(&res->error, msg, sizeof msg);
    fprintf(p->log, "%s%s: %s%s\n", p->prefix, it->id ? it->id : "?",
            res->rejected ? "rejected: " : "", msg);
}

/* Whether the input is standard input. */
static int reads_stdin(const tdm_batch_opts *o)
{
    const char *path = o->input == TDM_BATCH_MANIFEST ? o->manifest
                       : o->input == TDM_BATCH_JSONL  ? (o->jsonl ? o->jsonl : "-")
                                                      : NULL;
    return path && strcmp(path, "-") == 0;
}

/* Whether the input can be read twice (opts->learn): directories, or a
 * regular file (a missing one is the source's error, later), standard
 * input included when it is one (< file). */
static int rereadable(const tdm_batch_opts *o)
{
    if (o->input == TDM_BATCH_DIRS)
        return 1;
    struct stat st;
    if (reads_stdin(o))
        return fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode);
    const char *path = o->input == TDM_BATCH_MANIFEST ? o->manifest : o->jsonl;
    return !path || stat(path, &st) != 0 || S_ISREG(st.st_mode);
}

static int check_opts(const tdm_batch_opts *o, tdm_error *err)
{
    const char *out = o->output ? o->output : "-";
    if (o->jobs < 0 || o->window < 0)
        return tdm_fail(err, TDM_EUSAGE, NULL, -1, -1, "batch: -j and the window must be >= 0");
    if (o->format == TDM_CORPUS_MOSES && strcmp(out, "-") == 0)
        return tdm_fail(err, TDM_EUSAGE, NULL, -1, -1,
                        "batch: the Moses format needs an output prefix (-o PREFIX)");
    if (o->resume && strcmp(out, "-") == 0)
        return tdm_fail(err, TDM_EUSAGE, NULL, -1, -1,
                        "batch: --resume needs an output file (-o FILE)");
    if (o->learn && !rereadable(o))
        return tdm_fail(err, TDM_EUSAGE, NULL, -1, -1,
                        "batch: learning from the whole batch reads the input twice: the "
                        "manifest or JSON Lines must be a regular file (< FILE for standard "
                        "input), not a pipe or a terminal");
    if (o->report && strcmp(o->report, "-") == 0)
        return tdm_fail(err, TDM_EUSAGE, NULL, -1, -1, "batch: the report needs a file name");
    if (o->min_score < 0 || o->min_score > 1 || o->max_ratio < 0)
        return tdm_fail(err, TDM_EUSAGE, NULL, -1, -1,
                        "batch: the minimum score is in [0, 1] and the ratio >= 0");
    return 0;
}

/* An engine for one pass over the input, borrowing the pair aligner (which
 * keeps the models, and the tables learnt, from one pass to the next). */
static int engine_init(engine *e, const tdm_batch_opts *o, int jobs, tdm_batch_aligner *aligner,
                       int learning)
{
    memset(e, 0, sizeof *e);
    e->opts = o;
    e->learning = learning;
    e->window = o->window ? (size_t)o->window : 4 * (size_t)jobs;
    e->slots = calloc(e->window, sizeof *e->slots);
    e->aligner = aligner;
    if (!e->slots)
        return TDM_ENOMEM;
    pthread_mutex_init(&e->mu, NULL);
    pthread_cond_init(&e->work_cv, NULL);
    pthread_cond_init(&e->done_cv, NULL);
    return 0;
}

static void engine_destroy(engine *e)
{
    for (size_t i = 0; i < e->window; i++) {
        tdm_batch_item_clear(&e->slots[i].item);
        tdm_batch_result_clear(&e->slots[i].res);
        tdm_align_sample_free(e->slots[i].sample.sample);
    }
    free(e->slots);
    pthread_mutex_destroy(&e->mu);
    pthread_cond_destroy(&e->work_cv);
    pthread_cond_destroy(&e->done_cv);
}

/* A pair that failed for lack of memory or a bug stops the run (exit 3),
 * naming the pair: it is not the input's fault, and skipping it as a
 * failed pair would write a different corpus. */
static int fatal_pair(const tdm_batch_item *it, const tdm_batch_result *res, tdm_error *err)
{
    int code = res->error.code;
    if (code != TDM_ENOMEM && code != TDM_EINTERNAL)
        return 0;
    char msg[1100];
    tdm_error_format(&res->error, msg, sizeof msg);
    return tdm_fail(err, code, NULL, -1, -1, "%.200s: %s", it->id ? it->id : "?", msg);
}

/* The producer-writer loop of the calling thread. Returns 0 or the first
 * error of the input, of a pair (fatal_pair) or of the output. An input
 * that fails (a line too long for memory) stops the reading, but the pairs
 * read before it are still aligned and written: one line in, one line out,
 * up to the failing line. */
static int pump(engine *e, tdm_batch_source *src, tdm_batch_sink *sink, tdm_batch_totals *t,
                progress *pr, tdm_error *err)
{
    int rc = 0, src_rc = 0;
    tdm_error src_err;
    pthread_mutex_lock(&e->mu);
    for (;;) {
        slot *next = &e->slots[e->written % e->window];
        if (e->written < e->produced && next->state == SLOT_DONE) {
            pthread_mutex_unlock(&e->mu);
            if (e->learning) {
                /* In input order: the table does not depend on -j. */
                rc = tdm_batch_aligner_add(e->aligner, &next->sample, err);
                tdm_align_sample_free(next->sample.sample);
                memset(&next->sample, 0, sizeof next->sample);
                t->pairs++;
            } else {
                rc = fatal_pair(&next->item, &next->res, err);
                if (rc == 0 && next->res.error.code)
                    log_failure(pr, &next->item, &next->res);
                if (rc == 0)
                    rc = tdm_batch_sink_write(sink, &next->item, &next->res, t, err);
            }
            tdm_batch_item_clear(&next->item);
            tdm_batch_result_clear(&next->res);
            progress_draw(pr, t);
            pthread_mutex_lock(&e->mu);
            next->state = SLOT_FREE;
            e->written++;
            if (rc != 0)
                break;
            continue;
        }
        if (!e->eof && e->produced - e->written < e->window) {
            slot *s = &e->slots[e->produced % e->window];
            pthread_mutex_unlock(&e->mu);
            int got = tdm_batch_source_next(src, &s->item, &src_err);
            /* Learning reads every pair, those done before a resume too, so
             * that the table (and the output) is the same as in one run. */
            int skip = got == 1 && !e->learning && tdm_batch_sink_done(sink, s->item.id);
            if (got == 1 && !skip && !e->learning && e->opts->limit &&
                e->produced == e->opts->limit) {
                /* Input is left: stop here, resumable. */
                e->limited = 1;
                got = 0;
                tdm_batch_item_clear(&s->item);
            }
            if (skip) {
                t->resumed++;
                tdm_batch_item_clear(&s->item);
            }
            pthread_mutex_lock(&e->mu);
            if (got < 0) { /* no more input; what was read is still written */
                src_rc = got;
                tdm_batch_item_clear(&s->item);
                got = 0;
            }
            if (got == 0)
                e->eof = 1;
            else if (!skip) {
                s->state = SLOT_QUEUED;
                e->produced++;
            }
            pthread_cond_broadcast(&e->work_cv);
            continue;
        }
        if (e->eof && e->written == e->produced)
            break;
        pthread_cond_wait(&e->done_cv, &e->mu);
    }
    if (rc == 0 && src_rc != 0) {
        rc = src_rc;
        if (err)
            *err = src_err;
    }
    if (rc != 0)
        e->stop = 1;
    pthread_cond_broadcast(&e->work_cv);
    pthread_mutex_unlock(&e->mu);
    return rc;
}

/* One pass over the input on jobs threads: aligning into sink, or (learning)
 * adding samples to the aligner's models. 0 or the first error. */
static int run_pass(const tdm_batch_opts *opts, int jobs, tdm_batch_aligner *aligner, int learning,
                    tdm_batch_source *src, tdm_batch_sink *sink, tdm_batch_totals *t, progress *pr,
                    int *limited, tdm_error *err)
{
    engine e;
    pthread_t *threads = calloc((size_t)jobs, sizeof *threads);
    if (!threads || engine_init(&e, opts, jobs, aligner, learning) != 0) {
        free(threads);
        return tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
    }
    int started = 0, rc;
    while (started < jobs && pthread_create(&threads[started], NULL, worker, &e) == 0)
        started++;
    if (started == 0)
        rc = tdm_fail(err, TDM_EINTERNAL, NULL, -1, -1, "cannot start a thread");
    else
        rc = pump(&e, src, sink, t, pr, err);
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    free(threads);
    progress_erase(pr);
    *limited = e.limited;
    engine_destroy(&e);
    return rc;
}

/* The learning pass of opts->learn: a pass over a source of its own, then
 * the tables. Standard input (a regular file) is read from stdin_at and
 * put back there for the aligning pass. */
static int learn_pass(const tdm_batch_opts *opts, int jobs, tdm_batch_aligner *aligner,
                      tdm_batch_totals *t, double start, off_t stdin_at, tdm_error *err)
{
    if (stdin_at >= 0 && fseeko(stdin, stdin_at, SEEK_SET) != 0)
        return tdm_fail(err, TDM_EIO, "<stdin>", -1, -1, "cannot read it twice: %s",
                        strerror(errno));
    tdm_batch_source *src = tdm_batch_source_open(opts, err);
    if (!src)
        return err ? err->code : TDM_EIO;
    tdm_batch_totals seen;
    memset(&seen, 0, sizeof seen);
    char prefix[64];
    snprintf(prefix, sizeof prefix, "%slearning: ", opts->log_prefix ? opts->log_prefix : "");
    progress pr = {.log = opts->log,
                   .prefix = prefix,
                   .on = opts->progress && opts->log != NULL,
                   .start = start,
                   .total = tdm_batch_source_total(src)};
    int limited;
    int rc = run_pass(opts, jobs, aligner, 1, src, NULL, &seen, &pr, &limited, err);
    tdm_batch_source_close(src);
    if (rc == 0 && stdin_at >= 0) {
        clearerr(stdin);
        if (fseeko(stdin, stdin_at, SEEK_SET) != 0)
            rc = tdm_fail(err, TDM_EIO, "<stdin>", -1, -1, "cannot read it twice: %s",
                          strerror(errno));
    }
    return rc ? rc : tdm_batch_aligner_learn(aligner, t, err);
}

int tdm_batch_run(const tdm_batch_opts *opts, tdm_batch_totals *totals, tdm_error *err)
{
    tdm_batch_totals local;
    tdm_batch_totals *t = totals ? totals : &local;
    memset(t, 0, sizeof *t);
    tdm_error_clear(err);
    double start = now_seconds();
    int rc = check_opts(opts, err);
    if (rc != 0)
        return rc;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int jobs = opts->jobs ? opts->jobs : cores > 0 ? (int)cores : 1;
    tdm_batch_aligner *aligner = tdm_batch_aligner_new(opts);
    if (!aligner)
        return tdm_fail(err, TDM_ENOMEM, NULL, -1, -1, "out of memory");
    /* Where standard input starts, to read it again (learn). */
    off_t stdin_at = opts->learn && reads_stdin(opts) ? ftello(stdin) : -1;
    /* Both are opened before the learning pass: a bad input or a resume
     * without its journal fails at once, not after it. */
    tdm_batch_source *src = tdm_batch_source_open(opts, err);
    tdm_batch_sink *sink = NULL;
    /* The output files are named by the languages every pair has (the
     * manifest's columns when the options name none). The sink borrows
     * its options until it is finished. */
    char sl[8] = "", tl[8] = "";
    tdm_batch_opts sink_opts = *opts;
    if (src) {
        tdm_batch_source_langs(src, opts, sl, tl);
        sink_opts.src_lang = sl[0] ? sl : NULL;
        sink_opts.tgt_lang = tl[0] ? tl : NULL;
        sink = tdm_batch_sink_open(&sink_opts, t, err);
    }
    if (!sink) {
        tdm_batch_source_close(src);
        tdm_batch_aligner_free(aligner);
        return err ? err->code : TDM_EIO;
    }
    size_t learnt_offered = 0, learnt_sentences = 0, learnt_words = 0;
    if (opts->learn) {
        tdm_batch_totals learnt;
        memset(&learnt, 0, sizeof learnt);
        rc = learn_pass(opts, jobs, aligner, &learnt, start, stdin_at, err);
        learnt_offered = learnt.learnt_offered;
        learnt_sentences = learnt.learnt_sentences;
        learnt_words = learnt.learnt_words;
    }
    progress pr = {.log = opts->log,
                   .prefix = opts->log_prefix ? opts->log_prefix : "",
                   .on = opts->progress && opts->log != NULL,
                   .start = start,
                   .total = tdm_batch_source_total(src),
                   .pairs0 = t->pairs,
                   .sentences0 = t->src_sentences + t->tgt_sentences};
    int limited = 0;
    if (rc == 0)
        rc = run_pass(opts, jobs, aligner, 0, src, sink, t, &pr, &limited, err);
    tdm_batch_aligner_free(aligner);
    tdm_batch_source_close(src);
    t->seconds = now_seconds() - start;
    t->learnt_offered = learnt_offered;
    t->learnt_sentences = learnt_sentences;
    t->learnt_words = learnt_words;
    if (rc != 0 || limited) {
        t->unfinished = rc == 0;
        tdm_batch_sink_abort(sink);
        return rc;
    }
    rc = tdm_batch_sink_finish(sink, t, err);
    if (rc == 0 && t->failed)
        rc = tdm_fail(err, TDM_EINPUT, NULL, -1, -1, "%zu of %zu pairs failed (%zu rejected apart)",
                      t->failed, t->pairs, t->rejected);
    return rc;
}

int tdm_batch_parse_types(const char *list, unsigned *types, tdm_error *err)
{
    if (strcmp(list, "all") == 0) {
        *types = TDM_BEAD_TYPES_ALL;
        return 0;
    }
    if (strcmp(list, "paired") == 0) {
        *types = TDM_BEAD_TYPES_PAIRED;
        return 0;
    }
    unsigned mask = 0;
    const char *p = list;
    for (;;) {
        if (p[0] < '0' || p[0] > '9' || p[1] != '-' || p[2] < '0' || p[2] > '9' ||
            (p[3] != ',' && p[3] != '\0') || (p[0] == '0' && p[2] == '0'))
            return tdm_fail(err, TDM_EUSAGE, NULL, -1, -1,
                            "bad bead types '%s' (e.g. 1-1,2-1,1-2, 'paired' or 'all')", list);
        mask |= TDM_BEAD_TYPE((unsigned)(p[0] - '0'), (unsigned)(p[2] - '0'));
        if (p[3] == '\0')
            break;
        p += 4;
    }
    *types = mask;
    return 0;
}

int tdm_corpus_format_parse(const char *name, tdm_corpus_format *format, tdm_error *err)
{
    static const char *const names[] = {"tsv", "moses", "tmx", "jsonl"};
    for (int i = 0; i < 4; i++)
        if (strcmp(name, names[i]) == 0) {
            *format = (tdm_corpus_format)i;
            return 0;
        }
    return tdm_fail(err, TDM_EUSAGE, NULL, -1, -1,
                    "unknown corpus format '%s' (tsv, moses, tmx, jsonl)", name);
}

void tdm_batch_totals_format(const tdm_batch_totals *t, char *buf, size_t cap)
{
    double mean = t->beads ? t->score_sum / (double)t->beads : 0;
    int n = snprintf(buf, cap, "%zu pairs: %zu aligned, %zu rejected, %zu failed", t->pairs,
                     t->aligned, t->rejected, t->failed);
    if (t->resumed && n >= 0 && (size_t)n < cap)
        n += snprintf(buf + n, cap - (size_t)n, " (%zu done before)", t->resumed);
    if (n >= 0 && (size_t)n < cap)
        snprintf(buf + n, cap - (size_t)n,
                 "; %zu beads written (mean score %.2f), %zu filtered, %zu duplicates; %.1f s",
                 t->written, mean, t->filtered, t->duplicates, t->seconds);
}
