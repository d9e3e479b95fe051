/*
 * bench_pipeline.c: the reading half of the pipeline on one core: reading
 * the file, decoding (UTF-8 check, line ends, NFC), paragraphs, sentence
 * splitting with the language's splitter, and tokenization of every
 * sentence, over about 8 MB of each seed story repeated (built in memory,
 * written to a temporary file). Prints figures, asserts nothing. A last
 * line gives the same for the Spanish story in ISO-8859-1 (iconv path).
 */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "base/fileio.h"
#include "tandem/lang.h"
#include "tandem/segment.h"
#include "tandem/text.h"
#include "text/token.h"

#define TARGET (8u << 20)

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The story `lang` (corpora/seed/<lang>.txt, or the file lang when it has
 * a '/') repeated to about TARGET bytes, paragraphs kept apart. */
static char *repeat(const char *lang, size_t *len)
{
    char path[256], *story;
    size_t n;
    tdm_error err;
    snprintf(path, sizeof path, strchr(lang, '/') ? "%s" : "corpora/seed/%s.txt", lang);
    if (tdm_read_all(path, &story, &n, &err) != TDM_OK) {
        fprintf(stderr, "bench_pipeline: %s: %s\n", err.file, err.message);
        exit(1);
    }
    const char *sep = strcmp(lang, "es") != 0 ? "\n\n" : "\n";
    size_t copies = TARGET / (n + 2) + 1, o = 0;
    char *buf = malloc(copies * (n + 2));
    if (!buf)
        exit(1);
    for (size_t i = 0; i < copies; i++) {
        memcpy(buf + o, story, n);
        o += n;
        memcpy(buf + o, sep, strlen(sep));
        o += strlen(sep);
    }
    free(story);
    *len = o;
    return buf;
}

/* Seconds spent reading (decode + paragraphs), splitting, tokenizing. */
typedef struct phases {
    double read, split, tokenize;
} phases;

/* Runs the pipeline over data (through a temporary file); returns the
 * seconds it took. */
static double run(const char *name, const char *data, size_t len, const char *lang,
                  size_t *sentences, size_t *tokens, phases *ph)
{
    char path[] = "/tmp/tdm_bench_XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, data, len) != (ssize_t)len || close(fd) != 0) {
        fprintf(stderr, "bench_pipeline: cannot write %s\n", path);
        exit(1);
    }
    (void)name;
    tdm_error err;
    tdm_splitter *sp = NULL;
    const char *models = tdm_models_dir(NULL);
    if (models)
        sp = tdm_splitter_load(models, lang, &err);
    tdm_token *tok = malloc(4096 * sizeof *tok);
    double t0 = now();
    tdm_doc *doc = tdm_doc_read_file(path, NULL, &err);
    double t1 = now();
    unlink(path);
    if (!doc || tdm_doc_segment(doc, sp, &err) != TDM_OK) {
        fprintf(stderr, "bench_pipeline: %s: %s\n", err.file, err.message);
        exit(1);
    }
    const char *text = tdm_doc_text(doc, NULL);
    const tdm_sentence *s = tdm_doc_sentences(doc);
    *sentences = tdm_doc_sentence_count(doc);
    *tokens = 0;
    double t2 = now();
    for (size_t i = 0; i < *sentences; i++)
        *tokens += tdm_tokenize(text + s[i].start, s[i].end - s[i].start, tok, 4096);
    double t = now() - t0;
    ph->read += t1 - t0;
    ph->split += t2 - t1;
    ph->tokenize += t0 + t - t2;
    tdm_doc_free(doc);
    tdm_splitter_free(sp);
    free(tok);
    return t;
}

static double peak_rss_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0; /* kilobytes on Linux */
}

int main(void)
{
    size_t es_len, fr_len, sentences, tokens;
    phases ph = {0, 0, 0}, ph_l1 = {0, 0, 0};
    char *es = repeat("es", &es_len), *fr = repeat("fr", &fr_len);
    double t_es = run("es", es, es_len, "es", &sentences, &tokens, &ph);
    printf("  es: %.1f MB, %zu sentences, %zu tokens in %.3f s\n", es_len / 1e6, sentences, tokens,
           t_es);
    double t_fr = run("fr", fr, fr_len, "fr", &sentences, &tokens, &ph);
    printf("  fr: %.1f MB, %zu sentences, %zu tokens in %.3f s\n", fr_len / 1e6, sentences, tokens,
           t_fr);
    double mb = (es_len + fr_len) / 1e6, t = t_es + t_fr;
    printf("pipeline: %.1f MB in %.3f s = %.1f MB/s, peak RSS %.0f MB\n", mb, t, mb / t,
           peak_rss_mb());
    printf("  phases: read %.3f s, split %.3f s, tokenize %.3f s\n", ph.read, ph.split,
           ph.tokenize);

    iconv_t cd = iconv_open("ISO-8859-1", "UTF-8");
    char *latin1 = malloc(es_len), *in = es, *out = latin1;
    size_t inleft = es_len, outleft = es_len;
    if (cd == (iconv_t)-1 || iconv(cd, &in, &inleft, &out, &outleft) == (size_t)-1) {
        fprintf(stderr, "bench_pipeline: iconv to ISO-8859-1 failed\n");
        return 1;
    }
    iconv_close(cd);
    size_t l1 = es_len - outleft;
    double t_l1 = run("es-latin1", latin1, l1, "es", &sentences, &tokens, &ph_l1);
    printf("pipeline (ISO-8859-1 input): %.1f MB in %.3f s = %.1f MB/s\n", l1 / 1e6, t_l1,
           l1 / 1e6 / t_l1);
    free(latin1);
    free(es);
    free(fr);

    /* Chinese: no spaces, so every character is looked at by the splitter
     * and every run of letters goes to ICU's word breaks. */
    size_t zh_len;
    phases ph_zh = {0, 0, 0};
    char *zh = repeat("tests/data/zh-en/zh.txt", &zh_len);
    double t_zh = run("zh", zh, zh_len, "zh", &sentences, &tokens, &ph_zh);
    printf("pipeline (Chinese, tests/data/zh-en repeated): %.1f MB, %zu sentences, %zu tokens in "
           "%.3f s = %.1f MB/s\n",
           zh_len / 1e6, sentences, tokens, t_zh, zh_len / 1e6 / t_zh);
    printf("  phases: read %.3f s, split %.3f s, tokenize %.3f s\n", ph_zh.read, ph_zh.split,
           ph_zh.tokenize);
    free(zh);
    return 0;
}
