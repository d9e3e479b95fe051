/*
 * fuzz_jsonl.c: the JSON Lines object parser and the string writer.
 *
 * Each input line is parsed; every string field that parses is written back
 * with tdm_json_write_string and must parse again to the same bytes (valid
 * UTF-8 is written as it is, so the round trip is exact). Built with
 * -DFUZZ_MAIN it is a replay program over the files named on its command
 * line; with -fsanitize=fuzzer, a libFuzzer target.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"

static void round_trip(const tdm_json_field *f)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (!out)
        return;
    fputs("{\"k\":", out);
    tdm_json_write_string(out, f->value, f->value_len);
    fputs("}", out);
    fclose(out);
    tdm_json_object *again = tdm_json_object_new();
    tdm_error err;
    if (again) {
        if (tdm_json_object_parse(again, buf, len, "fuzz", 1, &err) != 0)
            abort(); /* the writer produced invalid JSON */
        const tdm_json_field *g = tdm_json_object_get(again, "k");
        if (!g || g->value_len != f->value_len || memcmp(g->value, f->value, f->value_len) != 0)
            abort(); /* the round trip changed the string */
        tdm_json_object_free(again);
    }
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tdm_json_object *obj = tdm_json_object_new();
    if (!obj)
        return 0;
    const char *text = (const char *)data;
    size_t pos = 0;
    long line = 0;
    while (pos < size) {
        const char *eol = memchr(text + pos, '\n', size - pos);
        size_t end = eol ? (size_t)(eol - text) : size;
        tdm_error err;
        line++;
        if (tdm_json_object_parse(obj, text + pos, end - pos, "fuzz", line, &err) == 0) {
            const tdm_json_field *fields = tdm_json_object_fields(obj);
            for (size_t i = 0; i < tdm_json_object_count(obj); i++)
                if (fields[i].kind == TDM_JSON_STRING)
                    round_trip(&fields[i]);
        } else if (err.offset < 0 || (size_t)err.offset > end - pos) {
            abort(); /* an error must point inside the line */
        }
        pos = end + 1;
    }
    tdm_json_object_free(obj);
    return 0;
}

#include "replay.h"
