/*
 * fuzz_split.c: the sentence splitter and the abbreviation list parser.
 *
 * The first byte picks the splitter: 0-5 the models of es fr en de it pt
 * (from $TANDEM_MODELS or models/), 6 the language-neutral rules, 7 a list
 * parsed from the input itself (up to its first NUL byte, which must parse
 * or fail with a line number). The rest is split; the spans must be in
 * order, inside the text, non-empty, trimmed, and their count must not
 * depend on the room given. Built with -DFUZZ_MAIN it is a replay program
 * over the files named on its command line; with -fsanitize=fuzzer, a
 * libFuzzer target.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/segment.h"
#include "text/segment.h"

/* Splitters are loaded once per process (a fuzz target runs millions of
 * inputs); reachable at exit, so not leaks. */
static tdm_splitter *models[6];
static int models_loaded;

static void load_models(void)
{
    static const char *const langs[] = {"es", "fr", "en", "de", "it", "pt"};
    const char *dir = getenv("TANDEM_MODELS");
    for (int i = 0; i < 6; i++) {
        tdm_error err;
        models[i] = tdm_splitter_load(dir ? dir : "models", langs[i], &err);
    }
    models_loaded = 1;
}

static int is_ascii_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static void check_split(const tdm_splitter *sp, const char *text, size_t len)
{
    size_t count = tdm_split(sp, text, len, NULL, 0);
    tdm_span *spans = malloc((count + 1) * sizeof *spans);
    if (!spans)
        return;
    if (tdm_split(sp, text, len, spans, count + 1) != count)
        abort();
    for (size_t i = 0; i < count; i++) {
        if (spans[i].start >= spans[i].end || spans[i].end > len)
            abort();
        if (i > 0 && spans[i].start < spans[i - 1].end)
            abort();
        if (is_ascii_space(text[spans[i].start]) || is_ascii_space(text[spans[i].end - 1]))
            abort();
    }
    if (count > 1) {
        tdm_span first;
        if (tdm_split(sp, text, len, &first, 1) != count || first.start != spans[0].start ||
            first.end != spans[0].end)
            abort();
    }
    free(spans);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    if (!models_loaded)
        load_models();
    int mode = data[0] % 8;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    if (mode < 6) {
        check_split(models[mode], text, len);
    } else if (mode == 6) {
        check_split(NULL, text, len);
    } else {
        const char *nul = memchr(text, '\0', len);
        size_t list_len = nul ? (size_t)(nul - text) : len;
        char *list = malloc(list_len + 1);
        if (!list)
            return 0;
        memcpy(list, text, list_len);
        list[list_len] = '\0';
        tdm_error err;
        tdm_splitter *sp = tdm_splitter_from_string(list, &err);
        if (!sp && (err.code == 0 || (err.code == TDM_EINPUT && err.line < 1)))
            abort(); /* a failure must say why and where */
        if (sp) {
            check_split(sp, text, len);
            tdm_splitter_free(sp);
        }
        free(list);
    }
    return 0;
}

#include "replay.h"
