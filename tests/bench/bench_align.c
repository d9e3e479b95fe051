/*
 * bench_align.c: speed and memory of the aligner as inputs grow.
 *
 * Documents of 1k, 10k, 100k and 1M sentences a side are built by repeating
 * the English and French sentences of the nine TransRead books (the shared
 * corpora; the French side gets as many cycles of its books, so about as many
 * sentences); each size is aligned in a child process so that its peak
 * resident memory (getrusage) is its own. Prints sentences per second (both sides
 * counted), peak RSS, and the strict F1 against the books' gold beads
 * (repeated likewise; gold beads cut by the end of a side are left out, so
 * the beads at the cut count as errors); the goal is linear growth at the
 * same F1, and 1M x 1M in under a minute and 1 GB on one core. Sizes can
 * be chosen: bench_align 1000 50000.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "align/aligner.h"
#include "base/fileio.h"
#include "../transread.h"
#include "tandem/eval.h"

typedef struct {
    char *data[TRANSREAD_NBOOKS];
    const char **text;
    size_t *len;
    size_t count;
    size_t first[TRANSREAD_NBOOKS + 1]; /* first sentence of each book */
} corpus;

/* The gold beads of the nine books, in one cycle's coordinates. */
typedef struct {
    tdm_bead *beads;
    size_t count;
} gold;

/* Every sentence of the nine books in one language. */
static int corpus_read(corpus *c, const char *root, const char *lang)
{
    memset(c, 0, sizeof *c);
    size_t cap = 0;
    for (size_t k = 0; k < TRANSREAD_NBOOKS; k++) {
        char path[1024];
        size_t len;
        tdm_error err;
        c->first[k] = c->count;
        snprintf(path, sizeof path, "%s/corpora/transread-en-fr/%s/%s.txt", root,
                 TRANSREAD_BOOKS[k], lang);
        if (tdm_read_all(path, &c->data[k], &len, &err))
            return -1;
        for (char *s = c->data[k], *e; s < c->data[k] + len; s = e + 1) {
            e = memchr(s, '\n', (size_t)(c->data[k] + len - s));
            if (!e)
                e = c->data[k] + len;
            if (c->count == cap) {
                cap = cap ? cap * 2 : 4096;
                c->text = realloc(c->text, cap * sizeof *c->text);
                c->len = realloc(c->len, cap * sizeof *c->len);
                if (!c->text || !c->len)
                    return -1;
            }
            c->text[c->count] = s;
            c->len[c->count++] = (size_t)(e - s);
        }
    }
    c->first[TRANSREAD_NBOOKS] = c->count;
    return 0;
}

/* The books' gold beads shifted to the sentences of en and fr. */
static int gold_read(gold *g, const char *root, const corpus *en, const corpus *fr)
{
    memset(g, 0, sizeof *g);
    for (size_t k = 0; k < TRANSREAD_NBOOKS; k++) {
        char path[1024];
        tdm_bead *b;
        size_t n;
        tdm_error err;
        snprintf(path, sizeof path, "%s/corpora/transread-en-fr/%s/gold.en-fr.beads", root,
                 TRANSREAD_BOOKS[k]);
        if (tdm_beads_read(path, &b, &n, &err))
            return -1;
        tdm_bead *all = realloc(g->beads, (g->count + n + 1) * sizeof *all);
        if (!all) {
            free(b);
            return -1;
        }
        g->beads = all;
        for (size_t i = 0; i < n; i++) {
            b[i].src_first += (uint32_t)en->first[k];
            b[i].tgt_first += (uint32_t)fr->first[k];
            g->beads[g->count++] = b[i];
        }
        free(b);
    }
    return 0;
}

/* Strict F1 of beads against the gold repeated over n x m sentences. */
static double strict_f1(const gold *g, const corpus *en, const corpus *fr, size_t n, size_t m,
                        const tdm_bead *beads, size_t count)
{
    size_t cycles = n / en->count + 2, used = 0;
    tdm_bead *all = malloc((cycles * g->count + 1) * sizeof *all);
    if (!all)
        return -1;
    for (size_t c = 0; c < cycles; c++)
        for (size_t k = 0; k < g->count; k++) {
            tdm_bead b = g->beads[k];
            b.src_first += (uint32_t)(c * en->count);
            b.tgt_first += (uint32_t)(c * fr->count);
            if (b.src_first + b.src_count <= n && b.tgt_first + b.tgt_count <= m)
                all[used++] = b;
        }
    tdm_eval_counts counts = {0};
    tdm_eval_scores scores;
    tdm_eval_add(&counts, all, used, beads, count);
    tdm_eval_scores_of(&counts, &scores);
    free(all);
    return scores.strict_f1;
}

/* n sentences: the corpus repeated. */
static tdm_align_input repeat(const corpus *c, size_t n, const char ***text, size_t **len)
{
    *text = malloc(n * sizeof **text);
    *len = malloc(n * sizeof **len);
    for (size_t i = 0; *text && *len && i < n; i++) {
        (*text)[i] = c->text[i % c->count];
        (*len)[i] = c->len[i % c->count];
    }
    return (tdm_align_input){n, *text, *len, NULL, NULL};
}

static int run(const corpus *en, const corpus *fr, const gold *g, size_t n, const char *models)
{
    const char **st, **tt;
    size_t *sl, *tl;
    /* The target is as many cycles of the French books, so that the two
     * sides stay translations of each other to the end. */
    size_t m = (size_t)((double)n * fr->count / en->count + 0.5);
    tdm_align_input si = repeat(en, n, &st, &sl), ti = repeat(fr, m, &tt, &tl);
    si.lang = "en";
    ti.lang = "fr";
    if (!st || !tt || !sl || !tl)
        return 1;
    tdm_align_params p;
    tdm_error err;
    tdm_align_params_default(&p);
    if (tdm_align_params_load(&p, models, "en", "fr", &err))
        return 1;
    tdm_align_opts o;
    tdm_align_opts_init(&o);
    char lex[1024];
    snprintf(lex, sizeof lex, "%s/lexicon/en-fr.tsv", models);
    FILE *f = fopen(lex, "r");
    if (f)
        fclose(f);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    tdm_bead *beads;
    size_t count;
    tdm_align_stats stats;
    int rc = tdm_align_strings(&si, &ti, &p, &o, f ? lex : NULL, 0, &beads, &count, &stats, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (rc) {
        fprintf(stderr, "bench_align: %s\n", err.message);
        return 1;
    }
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("%8zu x %-8zu %8.2f s %10.0f sentences/s %8zu beads %8.1f MB peak RSS, strict F1 "
           "%.4f\n",
           n, m, secs, (double)(n + m) / secs, count, ru.ru_maxrss / 1024.0,
           strict_f1(g, en, fr, n, m, beads, count));
    fflush(stdout);
    free(beads);
    free(st);
    free(tt);
    free(sl);
    free(tl);
    return 0;
}

int main(int argc, char **argv)
{
    const char *shared = getenv("TANDEM_SHARED") ? getenv("TANDEM_SHARED") : "../shared";
    const char *models = getenv("TANDEM_MODELS") ? getenv("TANDEM_MODELS") : "models";
    corpus en, fr;
    gold g;
    if (corpus_read(&en, shared, "en") || corpus_read(&fr, shared, "fr") ||
        gold_read(&g, shared, &en, &fr)) {
        printf("bench_align: no shared corpora under %s, skipped\n", shared);
        return 0;
    }
    size_t sizes[8] = {1000, 10000, 100000, 1000000};
    int nsizes = 4;
    if (argc > 1) {
        nsizes = 0;
        for (int i = 1; i < argc && nsizes < 8; i++)
            sizes[nsizes++] = strtoul(argv[i], NULL, 10);
    }
    printf("aligner, TransRead en-fr repeated (%zu / %zu sentences per cycle), one core:\n",
           en.count, fr.count);
    int status = 0;
    for (int k = 0; k < nsizes; k++) {
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0)
            _exit(run(&en, &fr, &g, sizes[k], models));
        int ws;
        if (pid < 0 || waitpid(pid, &ws, 0) < 0 || !WIFEXITED(ws) || WEXITSTATUS(ws) != 0) {
            printf("%8zu: failed\n", sizes[k]);
            status = 1;
        }
    }
    for (size_t k = 0; k < TRANSREAD_NBOOKS; k++) {
        free(en.data[k]);
        free(fr.data[k]);
    }
    free(en.text);
    free(en.len);
    free(fr.text);
    free(fr.len);
    free(g.beads);
    return status;
}
