/*
 * jsonl.c: a JSON string writer and a JSON Lines reader for flat objects
 * (RFC 8259; JSON Lines: one value per line, https://jsonlines.org).
 *
 * The parser is a single pass over the line with an explicit cursor. Keys
 * and string values are decoded into one arena owned by the object, which
 * grows and is reused from line to line, so reading a corpus costs no
 * allocation per line once the arena is large enough. Fields record arena
 * offsets while parsing (the arena may move) and become pointers at the end.
 * Nested arrays and objects are skipped by bracket matching (strings inside
 * them honoured) and kept as raw text.
 */
#include "base/json.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/error.h"

struct tdm_json_object {
    char *arena;
    size_t arena_len, arena_cap;
    tdm_json_field *fields;
    size_t count, cap;
};

struct tdm_jsonl_reader {
    FILE *f;
    int is_stdin;
    char name[512];
    char *line;
    size_t line_cap;
    long line_no;
    int blank_is_error;
};

typedef struct parser {
    const char *s;
    size_t len, pos;
    tdm_json_object *obj;
    const char *name;
    long line;
    tdm_error *err;
} parser;

tdm_json_object *tdm_json_object_new(void)
{
    return calloc(1, sizeof(tdm_json_object));
}

void tdm_json_object_free(tdm_json_object *obj)
{
    if (!obj)
        return;
    free(obj->arena);
    free(obj->fields);
    free(obj);
}

size_t tdm_json_object_count(const tdm_json_object *obj)
{
    return obj->count;
}

const tdm_json_field *tdm_json_object_fields(const tdm_json_object *obj)
{
    return obj->fields;
}

const tdm_json_field *tdm_json_object_get(const tdm_json_object *obj, const char *key)
{
    size_t klen = strlen(key);
    for (size_t i = obj->count; i-- > 0;)
        if (obj->fields[i].key_len == klen && memcmp(obj->fields[i].key, key, klen) == 0)
            return &obj->fields[i];
    return NULL;
}

static int fail_at(parser *p, const char *what)
{
    return tdm_fail(p->err, TDM_EINPUT, p->name, p->line, (long long)p->pos,
                    "bad JSON at column %zu: %s", p->pos + 1, what);
}

static int arena_reserve(tdm_json_object *obj, size_t more)
{
    if (obj->arena_cap - obj->arena_len >= more)
        return 0;
    size_t cap = obj->arena_cap ? obj->arena_cap : 256;
    while (cap - obj->arena_len < more)
        cap *= 2;
    char *bigger = realloc(obj->arena, cap);
    if (!bigger)
        return -1;
    obj->arena = bigger;
    obj->arena_cap = cap;
    return 0;
}

static void skip_space(parser *p)
{
    while (p->pos < p->len) {
        char c = p->s[p->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        p->pos++;
    }
}

static int hex4(const char *s, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v * 16 + (uint32_t)d;
    }
    *out = v;
    return 0;
}

/* Decodes the string starting at the opening quote into the arena (NUL-
 * terminated); *off and *len get its place there. */
static int parse_string(parser *p, size_t *off, size_t *len)
{
    p->pos++; /* opening quote */
    /* The decoded string is never longer than the encoded one. */
    if (arena_reserve(p->obj, p->len - p->pos + 1) != 0)
        return tdm_fail(p->err, TDM_ENOMEM, p->name, p->line, -1, "out of memory");
    char *out = p->obj->arena + p->obj->arena_len;
    size_t n = 0;
    while (p->pos < p->len) {
        unsigned char c = (unsigned char)p->s[p->pos];
        if (c == '"') {
            p->pos++;
            out[n] = '\0';
            *off = p->obj->arena_len;
            *len = n;
            p->obj->arena_len += n + 1;
            return 0;
        }
        if (c < 0x20)
            return fail_at(p, "control character inside a string");
        if (c == '\\') {
            if (p->pos + 1 >= p->len)
                return fail_at(p, "unfinished escape");
            char e = p->s[p->pos + 1];
            const char *simple = strchr("\"\\/bfnrt", e);
            if (e && simple) {
                out[n++] = "\"\\/\b\f\n\r\t"[simple - "\"\\/bfnrt"];
                p->pos += 2;
                continue;
            }
            uint32_t cp;
            if (e != 'u' || p->pos + 6 > p->len || hex4(p->s + p->pos + 2, &cp) != 0)
                return fail_at(p, "bad escape");
            size_t used = 6;
            if (cp >= 0xDC00 && cp <= 0xDFFF)
                return fail_at(p, "lone low surrogate");
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                uint32_t lo;
                if (p->pos + 12 > p->len || p->s[p->pos + 6] != '\\' || p->s[p->pos + 7] != 'u' ||
                    hex4(p->s + p->pos + 8, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF)
                    return fail_at(p, "lone high surrogate");
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                used = 12;
            }
            /* 6 or 12 escape bytes always cover the 1-4 UTF-8 bytes. */
            n += (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)out + n);
            p->pos += used;
            continue;
        }
        if (c < 0x80) {
            out[n++] = (char)c;
            p->pos++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t got = utf8proc_iterate((const utf8proc_uint8_t *)p->s + p->pos,
                                                (utf8proc_ssize_t)(p->len - p->pos), &cp);
        if (got <= 0)
            return fail_at(p, "invalid UTF-8");
        memcpy(out + n, p->s + p->pos, (size_t)got);
        n += (size_t)got;
        p->pos += (size_t)got;
    }
    return fail_at(p, "unterminated string");
}

static int parse_number(parser *p)
{
    size_t i = p->pos;
    const char *s = p->s;
    if (i < p->len && s[i] == '-')
        i++;
    if (i < p->len && s[i] == '0')
        i++;
    else if (i < p->len && s[i] >= '1' && s[i] <= '9')
        while (i < p->len && s[i] >= '0' && s[i] <= '9')
            i++;
    else
        return -1;
    if (i < p->len && s[i] == '.') {
        i++;
        if (i >= p->len || s[i] < '0' || s[i] > '9')
            return -1;
        while (i < p->len && s[i] >= '0' && s[i] <= '9')
            i++;
    }
    if (i < p->len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < p->len && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i >= p->len || s[i] < '0' || s[i] > '9')
            return -1;
        while (i < p->len && s[i] >= '0' && s[i] <= '9')
            i++;
    }
    p->pos = i;
    return 0;
}

/* Skips a nested array or object, checking brackets and strings only. */
static int skip_nested(parser *p)
{
    char stack[256];
    size_t depth = 0;
    while (p->pos < p->len) {
        char c = p->s[p->pos];
        if (c == '"') {
            size_t off, len;
            size_t mark = p->obj->arena_len;
            int rc = parse_string(p, &off, &len);
            p->obj->arena_len = mark; /* decoded text not kept */
            if (rc != 0)
                return rc;
            continue;
        }
        if (c == '[' || c == '{') {
            if (depth == sizeof stack)
                return fail_at(p, "nesting too deep");
            stack[depth++] = c == '[' ? ']' : '}';
        } else if (c == ']' || c == '}') {
            if (depth == 0 || stack[depth - 1] != c)
                return fail_at(p, "mismatched bracket");
            if (--depth == 0) {
                p->pos++;
                return 0;
            }
        }
        p->pos++;
    }
    return fail_at(p, "unterminated array or object");
}

static int add_field(parser *p, size_t key_off, size_t key_len, size_t val_off, size_t val_len,
                     tdm_json_kind kind)
{
    tdm_json_object *obj = p->obj;
    if (obj->count == obj->cap) {
        size_t cap = obj->cap ? obj->cap * 2 : 8;
        tdm_json_field *bigger = realloc(obj->fields, cap * sizeof *bigger);
        if (!bigger)
            return tdm_fail(p->err, TDM_ENOMEM, p->name, p->line, -1, "out of memory");
        obj->fields = bigger;
        obj->cap = cap;
    }
    /* Offsets for now, as the arena may still move: see fix_pointers. */
    obj->fields[obj->count++] = (tdm_json_field){(const char *)(uintptr_t)key_off, key_len,
                                                 (const char *)(uintptr_t)val_off, val_len, kind};
    return 0;
}

/* Copies s[pos0, pos) (a number, literal or nested value) into the arena. */
static int keep_raw(parser *p, size_t pos0, size_t *off)
{
    size_t n = p->pos - pos0;
    if (arena_reserve(p->obj, n + 1) != 0)
        return tdm_fail(p->err, TDM_ENOMEM, p->name, p->line, -1, "out of memory");
    *off = p->obj->arena_len;
    memcpy(p->obj->arena + *off, p->s + pos0, n);
    p->obj->arena[*off + n] = '\0';
    p->obj->arena_len += n + 1;
    return 0;
}

static int parse_value(parser *p, size_t *off, size_t *len, tdm_json_kind *kind)
{
    size_t pos0 = p->pos;
    char c = p->s[p->pos];
    if (c == '"') {
        *kind = TDM_JSON_STRING;
        return parse_string(p, off, len);
    }
    static const char *const words[] = {"true", "false", "null"};
    static const tdm_json_kind word_kinds[] = {TDM_JSON_TRUE, TDM_JSON_FALSE, TDM_JSON_NULL};
    int found = 0;
    for (int i = 0; i < 3; i++) {
        size_t wl = strlen(words[i]);
        if (p->len - p->pos >= wl && memcmp(p->s + p->pos, words[i], wl) == 0) {
            *kind = word_kinds[i];
            p->pos += wl;
            found = 1;
            break;
        }
    }
    if (!found) {
        if (c == '[' || c == '{') {
            *kind = TDM_JSON_RAW;
            int rc = skip_nested(p);
            if (rc != 0)
                return rc;
        } else if (parse_number(p) == 0) {
            *kind = TDM_JSON_NUMBER;
        } else {
            return fail_at(p, "expected a value");
        }
    }
    *len = p->pos - pos0;
    return keep_raw(p, pos0, off);
}

static void fix_pointers(tdm_json_object *obj)
{
    for (size_t i = 0; i < obj->count; i++) {
        obj->fields[i].key = obj->arena + (uintptr_t)obj->fields[i].key;
        obj->fields[i].value = obj->arena + (uintptr_t)obj->fields[i].value;
    }
}

static int parse_object(tdm_json_object *obj, const char *text, size_t len, const char *name,
                        long line, tdm_error *err)
{
    parser p = {text, len, 0, obj, name, line, err};
    obj->count = 0;
    obj->arena_len = 0;
    skip_space(&p);
    if (p.pos >= len || text[p.pos] != '{')
        return fail_at(&p, "expected '{' (one JSON object per line)");
    p.pos++;
    skip_space(&p);
    if (p.pos < len && text[p.pos] == '}') {
        p.pos++;
    } else {
        for (;;) {
            skip_space(&p);
            if (p.pos >= len || text[p.pos] != '"')
                return fail_at(&p, "expected a string key");
            size_t key_off = 0, key_len = 0, val_off = 0, val_len = 0;
            tdm_json_kind kind = TDM_JSON_NULL;
            int rc = parse_string(&p, &key_off, &key_len);
            if (rc != 0)
                return rc;
            skip_space(&p);
            if (p.pos >= len || text[p.pos] != ':')
                return fail_at(&p, "expected ':'");
            p.pos++;
            skip_space(&p);
            if (p.pos >= len)
                return fail_at(&p, "expected a value");
            if ((rc = parse_value(&p, &val_off, &val_len, &kind)) != 0 ||
                (rc = add_field(&p, key_off, key_len, val_off, val_len, kind)) != 0)
                return rc;
            skip_space(&p);
            if (p.pos < len && text[p.pos] == ',') {
                p.pos++;
                continue;
            }
            if (p.pos < len && text[p.pos] == '}') {
                p.pos++;
                break;
            }
            return fail_at(&p, "expected ',' or '}'");
        }
    }
    skip_space(&p);
    if (p.pos != len)
        return fail_at(&p, "text after the object");
    fix_pointers(obj);
    return 0;
}

int tdm_json_object_parse(tdm_json_object *obj, const char *text, size_t len, const char *name,
                          long line, tdm_error *err)
{
    int rc = parse_object(obj, text, len, name, line, err);
    if (rc != 0)
        obj->count = 0; /* never leave offsets where pointers are expected */
    return rc;
}

tdm_jsonl_reader *tdm_jsonl_open(const char *path, tdm_error *err)
{
    tdm_jsonl_reader *r = calloc(1, sizeof *r);
    if (!r) {
        tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
        return NULL;
    }
    r->is_stdin = strcmp(path, "-") == 0;
    snprintf(r->name, sizeof r->name, "%s", r->is_stdin ? "<stdin>" : path);
    r->f = r->is_stdin ? stdin : fopen(path, "rb");
    if (!r->f) {
        /* fopen allocates its stream: ENOMEM is ours to report as such
         * (exit 3), not a file that cannot be read (exit 2). */
        if (errno == ENOMEM)
            tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory");
        else
            tdm_fail(err, TDM_EIO, path, -1, -1, "cannot open: %s", strerror(errno));
        free(r);
        return NULL;
    }
    return r;
}

int tdm_jsonl_next(tdm_jsonl_reader *r, tdm_json_object *obj, tdm_error *err)
{
    for (;;) {
        errno = 0;
        ssize_t got = getline(&r->line, &r->line_cap, r->f);
        if (got < 0) {
            /* glibc's getline fails with ENOMEM without setting the error
             * flag: only a clean end of file is the end of the input. */
            int e = errno;
            if (feof(r->f) && !ferror(r->f))
                return 0;
            return tdm_fail(err, e == ENOMEM ? TDM_ENOMEM : TDM_EIO, r->name, r->line_no + 1, -1,
                            "%s", e == ENOMEM ? "out of memory reading the line" : strerror(e));
        }
        r->line_no++;
        size_t n = (size_t)got;
        size_t i = 0;
        while (i < n && strchr(" \t\r\n", r->line[i]))
            i++;
        if (i == n && r->blank_is_error)
            return tdm_fail(err, TDM_EINPUT, r->name, r->line_no, 0, "blank line");
        if (i == n)
            continue; /* blank line */
        int rc = tdm_json_object_parse(obj, r->line, n, r->name, r->line_no, err);
        return rc == 0 ? 1 : rc;
    }
}

void tdm_jsonl_blank_is_error(tdm_jsonl_reader *r)
{
    r->blank_is_error = 1;
}

long tdm_jsonl_line(const tdm_jsonl_reader *r)
{
    return r->line_no;
}

void tdm_jsonl_close(tdm_jsonl_reader *r)
{
    if (!r)
        return;
    if (!r->is_stdin)
        fclose(r->f);
    free(r->line);
    free(r);
}

int tdm_json_write_string(FILE *f, const char *s, size_t len)
{
    putc('"', f);
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t got =
                utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
            if (got <= 0) {
                fputs("\\ufffd", f);
                i++;
            } else {
                fwrite(s + i, 1, (size_t)got, f);
                i += (size_t)got;
            }
            continue;
        }
        switch (c) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (c < 0x20)
                fprintf(f, "\\u%04x", c);
            else
                putc(c, f);
        }
        i++;
    }
    putc('"', f);
    return ferror(f) ? TDM_EWRITE : 0;
}
