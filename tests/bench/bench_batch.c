/*
 * bench_batch.c: corpus building speed and memory (batch.h).
 *
 * Builds batches of 1,000 and 10,000 document pairs from the TransRead
 * en-fr books of the shared corpora (each pair: 12 consecutive gold beads
 * of a book, cut at several offsets, repeated as needed), then runs each
 * batch with -j 1 and -j 2 in a child process (JSON Lines streamed to
 * standard output, as under GNU parallel), and once with -j 2 into a TSV
 * file with its journal, and prints pairs per second, sentences per
 * second and the child's peak resident memory (VmHWM). Streamed, the
 * memory of the 10,000-pair runs is that of the 1,000-pair runs: the
 * reorder ring bounds what is in flight. Into a file, the ids are kept (to
 * refuse repeats, which would break a resume): some bytes per pair. Figures are printed, never
 * asserted. Skips when the shared corpora are absent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/fileio.h"
#include "base/json.h"
#include "tandem/batch.h"
#include "tandem/eval.h"
#include "../transread.h"

#define CHUNK 12

typedef struct lines {
    char *data;
    char **line;
    size_t count;
} lines;

static int read_lines(const char *path, lines *l)
{
    size_t len;
    tdm_error err;
    memset(l, 0, sizeof *l);
    if (tdm_read_all(path, &l->data, &len, &err) != 0)
        return -1;
    size_t cap = 1024;
    l->line = malloc(cap * sizeof *l->line);
    for (char *p = l->data; l->line && p < l->data + len;) {
        char *nl = memchr(p, '\n', (size_t)(l->data + len - p));
        if (nl)
            *nl = '\0';
        if (l->count == cap)
            l->line = realloc(l->line, (cap *= 2) * sizeof *l->line);
        if (l->line)
            l->line[l->count++] = p;
        p = nl ? nl + 1 : l->data + len;
    }
    return l->line ? 0 : -1;
}

/* Writes one side of beads [first, first + CHUNK) as a JSON string. */
static void write_side(FILE *f, const lines *l, const tdm_bead *b, size_t first, int tgt)
{
    char buf[1 << 16];
    size_t n = 0;
    for (size_t i = first; i < first + CHUNK; i++) {
        uint32_t s = tgt ? b[i].tgt_first : b[i].src_first;
        uint32_t c = tgt ? b[i].tgt_count : b[i].src_count;
        for (uint32_t k = 0; k < c && s + k < l->count; k++) {
            size_t len = strlen(l->line[s + k]);
            if (n + len + 2 >= sizeof buf)
                break;
            if (n)
                buf[n++] = ' ';
            memcpy(buf + n, l->line[s + k], len);
            n += len;
        }
    }
    tdm_json_write_string(f, buf, n);
}

/* Writes a JSON Lines batch of `pairs` pairs; returns 0 or -1. */
static int make_batch(const char *shared, const char *path, size_t pairs)
{
    FILE *out = fopen(path, "w");
    if (!out)
        return -1;
    size_t written = 0;
    for (size_t round = 0; written < pairs; round++) {
        size_t before = written;
        for (size_t k = 0; k < TRANSREAD_NBOOKS && written < pairs; k++) {
            char p[1024];
            lines en, fr;
            tdm_bead *gold = NULL;
            size_t count = 0;
            tdm_error err;
            snprintf(p, sizeof p, "%s/corpora/transread-en-fr/%s/en.txt", shared,
                     TRANSREAD_BOOKS[k]);
            int ok = read_lines(p, &en) == 0;
            snprintf(p, sizeof p, "%s/corpora/transread-en-fr/%s/fr.txt", shared,
                     TRANSREAD_BOOKS[k]);
            ok = read_lines(p, &fr) == 0 && ok;
            snprintf(p, sizeof p, "%s/corpora/transread-en-fr/%s/gold.en-fr.beads", shared,
                     TRANSREAD_BOOKS[k]);
            ok = ok && tdm_beads_read(p, &gold, &count, &err) == 0;
            /* Offsets 0, 4, 8 give three different cuts of each book. */
            size_t offset = (round % 3) * 4;
            for (size_t i = offset; ok && i + CHUNK <= count && written < pairs; i += CHUNK) {
                fprintf(out, "{\"id\":\"%s-%zu-%zu\",\"src_lang\":\"en\",\"tgt_lang\":\"fr\",",
                        TRANSREAD_BOOKS[k], round, i);
                fputs("\"src\":", out);
                write_side(out, &en, gold, i, 0);
                fputs(",\"tgt\":", out);
                write_side(out, &fr, gold, i, 1);
                fputs("}\n", out);
                written++;
            }
            free(gold);
            free(en.data);
            free(en.line);
            free(fr.data);
            free(fr.line);
        }
        if (written == before)
            break; /* no book could be read */
    }
    return fclose(out) == 0 && written == pairs ? 0 : -1;
}

static long peak_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmHWM:", 6) == 0)
            kb = atol(line + 6);
    if (f)
        fclose(f);
    return kb;
}

/* Runs one batch in a child process, which prints its figures. stream:
 * JSON Lines to standard output (thrown away), as under GNU parallel or
 * Hadoop Streaming; else a TSV corpus file with its journal. */
static int run_child(const char *dir, const char *input, size_t pairs, int jobs, int stream)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        char out[512];
        snprintf(out, sizeof out, "%s/out-%zu-j%d.tsv", dir, pairs, jobs);
        FILE *report = stdout;
        if (stream) { /* figures to the real stdout, the corpus to /dev/null */
            int keep = dup(STDOUT_FILENO);
            FILE *null = freopen("/dev/null", "w", stdout);
            report = keep >= 0 && null ? fdopen(keep, "w") : NULL;
            if (!report)
                _exit(1);
        }
        tdm_batch_opts o;
        tdm_batch_opts_init(&o);
        o.input = TDM_BATCH_JSONL;
        o.jsonl = input;
        o.output = stream ? "-" : out;
        o.format = stream ? TDM_CORPUS_JSONL : TDM_CORPUS_TSV;
        o.jobs = jobs;
        tdm_batch_totals t;
        tdm_error err;
        int rc = tdm_batch_run(&o, &t, &err);
        if (rc != 0 && rc != TDM_EINPUT) { /* failed pairs are counted, not fatal */
            char msg[1100];
            tdm_error_format(&err, msg, sizeof msg);
            fprintf(report, "bench_batch: %zu pairs -j %d: %s\n", pairs, jobs, msg);
        }
        double secs = t.seconds > 0 ? t.seconds : 1e-9;
        fprintf(report,
                "bench_batch: %5zu pairs, -j %d, %-6s: %6.1f pairs/s, %6.0f sentences/s, "
                "peak RSS %5.1f MB (%zu aligned, %zu failed, %.1f s)\n",
                pairs, jobs, stream ? "stream" : "file", (double)t.pairs / secs,
                (double)(t.src_sentences + t.tgt_sentences) / secs, peak_kb() / 1024.0, t.aligned,
                t.failed, t.seconds);
        fflush(report);
        unlink(out);
        _exit(rc == 0 || rc == TDM_EINPUT ? 0 : 1);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    return 0;
}

int main(int argc, char **argv)
{
    const char *env = getenv("TANDEM_SHARED");
    const char *shared = env ? env : "../shared";
    char probe[1024];
    snprintf(probe, sizeof probe, "%s/corpora/transread-en-fr/Emma/gold.en-fr.beads", shared);
    if (access(probe, R_OK) != 0) {
        printf("bench_batch: skipped (no %s)\n", probe);
        return 0;
    }
    size_t sizes[2] = {1000, 10000};
    if (argc > 1) /* a quick look: bench_batch 100 */
        sizes[1] = (size_t)atol(argv[1]), sizes[0] = sizes[1] / 10 ? sizes[1] / 10 : 1;
    char dir[] = "/tmp/tdm_bench_batch_XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    int status = 0;
    for (int s = 0; s < 2 && status == 0; s++) {
        char input[512];
        snprintf(input, sizeof input, "%s/batch-%zu.jsonl", dir, sizes[s]);
        if (make_batch(shared, input, sizes[s]) != 0) {
            printf("bench_batch: cannot build the batch of %zu pairs\n", sizes[s]);
            status = 1;
            break;
        }
        for (int jobs = 1; jobs <= 2 && status == 0; jobs++)
            status = run_child(dir, input, sizes[s], jobs, 1) != 0;
        if (status == 0)
            status = run_child(dir, input, sizes[s], 2, 0) != 0;
        if (!getenv("BENCH_KEEP"))
            unlink(input);
    }
    rmdir(dir);
    return status;
}
