/*
 * json.h: the little JSON that tandem reads and writes (RFC 8259).
 *
 * Writing: tdm_json_write_string escapes a UTF-8 string as a JSON string
 * literal. Reading: JSON Lines (one object per line), where each object is
 * flat: its values are strings, numbers, true, false or null. Nested arrays
 * and objects are accepted and kept as their raw JSON text (kind
 * TDM_JSON_RAW), so that a reader looking for "text" is not stopped by an
 * unrelated "meta": {...} field. Strings are decoded (escapes, surrogate
 * pairs) into UTF-8; invalid UTF-8, raw control characters, lone surrogates
 * and trailing garbage are errors that name the line and the byte column.
 */
#ifndef TANDEM_INTERNAL_JSON_H
#define TANDEM_INTERNAL_JSON_H

#include <stdio.h>

#include "tandem/tandem.h"

typedef enum {
    TDM_JSON_STRING = 1, /* value: the decoded UTF-8 string (may hold NUL) */
    TDM_JSON_NUMBER,     /* value: the number as written, e.g. "-1.5e3" */
    TDM_JSON_TRUE,       /* value: "true" */
    TDM_JSON_FALSE,      /* value: "false" */
    TDM_JSON_NULL,       /* value: "null" */
    TDM_JSON_RAW         /* value: a nested array or object, as written */
} tdm_json_kind;

typedef struct tdm_json_field {
    const char *key; /* decoded, NUL-terminated */
    size_t key_len;
    const char *value; /* NUL-terminated (see kinds above) */
    size_t value_len;
    tdm_json_kind kind;
} tdm_json_field;

/* A parsed object: fields in input order. Owns its strings; reusable. */
typedef struct tdm_json_object tdm_json_object;

/* A new empty object (caller frees), NULL on OOM. */
tdm_json_object *tdm_json_object_new(void);
void tdm_json_object_free(tdm_json_object *obj);

/* Parses text[0, len), which must hold exactly one JSON object (white space
 * around it allowed), replacing obj's fields. Returns 0, or TDM_EINPUT with
 * err->offset the byte column (0-based) of the problem (TDM_ENOMEM on OOM).
 * name and line only label the error. */
int tdm_json_object_parse(tdm_json_object *obj, const char *text, size_t len, const char *name,
                          long line, tdm_error *err);

size_t tdm_json_object_count(const tdm_json_object *obj);
const tdm_json_field *tdm_json_object_fields(const tdm_json_object *obj);

/* The last field named key, or NULL. Owned by obj until the next parse. */
const tdm_json_field *tdm_json_object_get(const tdm_json_object *obj, const char *key);

/* A JSON Lines reader over a file or standard input ("-"). */
typedef struct tdm_jsonl_reader tdm_jsonl_reader;

/* Opens path for reading; NULL with err filled on failure. */
tdm_jsonl_reader *tdm_jsonl_open(const char *path, tdm_error *err);

/* Reads the next non-blank line into obj. Returns 1 when an object was read,
 * 0 at end of input, or a negative TDM_E... code with the file, line and
 * column in err (the reader can go on with the next line after TDM_EINPUT;
 * TDM_EIO and TDM_ENOMEM, e.g. a line too long for memory, end the input:
 * never taken as its end). */
int tdm_jsonl_next(tdm_jsonl_reader *r, tdm_json_object *obj, tdm_error *err);

/* From now on a blank line is not skipped but an error (TDM_EINPUT, "blank
 * line"), for streams that answer every line with one line. */
void tdm_jsonl_blank_is_error(tdm_jsonl_reader *r);

/* Line number (1-based) of the last line read. */
long tdm_jsonl_line(const tdm_jsonl_reader *r);

/* Closes the file (not standard input) and frees r. NULL is a no-op. */
void tdm_jsonl_close(tdm_jsonl_reader *r);

/* Writes s[0, len) as a quoted JSON string: '"', '\\' and control characters
 * escaped, other UTF-8 bytes as they are; invalid UTF-8 sequences are
 * written as \ufffd so that the output is always valid JSON. Returns 0 or
 * TDM_EWRITE when the stream reports an error. */
int tdm_json_write_string(FILE *f, const char *s, size_t len);

#endif
