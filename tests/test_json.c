/* test_json.c: the JSON string writer and the JSON Lines reader. */
#include "test.h"

#include <string.h>
#include <unistd.h>

#include "base/json.h"

static int parse(tdm_json_object *obj, const char *text, tdm_error *err)
{
    return tdm_json_object_parse(obj, text, strlen(text), "t.jsonl", 7, err);
}

static void test_flat_object(void **state)
{
    (void)state;
    tdm_json_object *obj = tdm_json_object_new();
    tdm_error err;
    assert_int_equal(parse(obj,
                           " {\"id\": 12, \"text\":\"a\\\"b\\\\c\\nd\", \"lang\":\"fr\","
                           " \"ok\":true, \"no\":false, \"x\":null, \"f\":-1.5e+3}\n",
                           &err),
                     0);
    assert_int_equal(tdm_json_object_count(obj), 7);
    const tdm_json_field *f = tdm_json_object_get(obj, "text");
    assert_non_null(f);
    assert_int_equal(f->kind, TDM_JSON_STRING);
    assert_string_equal(f->value, "a\"b\\c\nd");
    assert_int_equal(f->value_len, 7);
    f = tdm_json_object_get(obj, "id");
    assert_int_equal(f->kind, TDM_JSON_NUMBER);
    assert_string_equal(f->value, "12");
    assert_int_equal(tdm_json_object_get(obj, "ok")->kind, TDM_JSON_TRUE);
    assert_int_equal(tdm_json_object_get(obj, "no")->kind, TDM_JSON_FALSE);
    assert_int_equal(tdm_json_object_get(obj, "x")->kind, TDM_JSON_NULL);
    assert_string_equal(tdm_json_object_get(obj, "f")->value, "-1.5e+3");
    assert_null(tdm_json_object_get(obj, "missing"));
    assert_string_equal(tdm_json_object_fields(obj)[2].key, "lang");
    /* The object is reusable: a second parse replaces the fields. */
    assert_int_equal(parse(obj, "{}", &err), 0);
    assert_int_equal(tdm_json_object_count(obj), 0);
    tdm_json_object_free(obj);
}

static void test_unicode_escapes(void **state)
{
    (void)state;
    tdm_json_object *obj = tdm_json_object_new();
    tdm_error err;
    /* \u00e9 = é, \ud83d\ude00 = U+1F600, raw UTF-8 kept, \u0000 kept. */
    assert_int_equal(
        parse(obj, "{\"k\\u00e9\":\"\\u00e9t\\u00E9 \\ud83d\\ude00 \xc3\xa0\\u0000z\"}", &err), 0);
    const tdm_json_field *f = tdm_json_object_get(obj, "k\xc3\xa9");
    assert_non_null(f);
    assert_int_equal(f->value_len, strlen("\xc3\xa9t\xc3\xa9 \xf0\x9f\x98\x80 \xc3\xa0") + 2);
    assert_memory_equal(f->value, "\xc3\xa9t\xc3\xa9 \xf0\x9f\x98\x80 \xc3\xa0\0z", f->value_len);
    tdm_json_object_free(obj);
}

static void test_nested_values_kept_raw(void **state)
{
    (void)state;
    tdm_json_object *obj = tdm_json_object_new();
    tdm_error err;
    assert_int_equal(parse(obj, "{\"meta\":{\"a\":[1,\"]}\"]},\"text\":\"t\"}", &err), 0);
    const tdm_json_field *f = tdm_json_object_get(obj, "meta");
    assert_int_equal(f->kind, TDM_JSON_RAW);
    assert_string_equal(f->value, "{\"a\":[1,\"]}\"]}");
    assert_string_equal(tdm_json_object_get(obj, "text")->value, "t");
    tdm_json_object_free(obj);
}

static void test_errors_name_line_and_column(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        long column; /* 0-based byte of the problem */
    } bad[] = {
        {"[1,2]", 0},
        {"{\"a\":1", 6},
        {"{\"a\" 1}", 5},
        {"{\"a\":01}", 6},
        {"{\"a\":\"x\ty\"}", 7},
        {"{\"a\":\"\\q\"}", 6},
        {"{\"a\":\"\\ud800x\"}", 6},
        {"{\"a\":\"\\udc00\"}", 6},
        {"{\"a\":\"\xff\"}", 6},
        {"{\"a\":\"\xc3\"}", 6},
        {"{\"a\":tru}", 5},
        {"{\"a\":1} x", 8},
        {"{\"a\":[1,}", 8},
        {"{\"a\":[1}]}", 7},
        {"{a:1}", 1},
        {"{\"a\":\"unterminated", 18},
        {"{\"a\":1,}", 7},
        {"{\"a\":-}", 5},
        {"{\"a\":1.}", 5},
    };
    tdm_json_object *obj = tdm_json_object_new();
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        tdm_error err;
        tdm_error_clear(&err);
        int rc = parse(obj, bad[i].text, &err);
        if (rc != TDM_EINPUT || err.offset != bad[i].column)
            fail_msg("case %zu (%s): rc %d offset %lld", i, bad[i].text, rc, err.offset);
        assert_int_equal(err.line, 7);
        assert_string_equal(err.file, "t.jsonl");
        assert_non_null(strstr(err.message, "column"));
    }
    tdm_json_object_free(obj);
}

static void test_reader_lines(void **state)
{
    (void)state;
    char path[] = "/tmp/test_json_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *data = "{\"id\":\"a\",\"text\":\"one\"}\n\n  \r\n{\"id\":\"b\"}\r\n{bad}\n"
                       "{\"id\":\"c\"}";
    assert_int_equal(write(fd, data, strlen(data)), (ssize_t)strlen(data));
    close(fd);
    tdm_error err;
    tdm_jsonl_reader *r = tdm_jsonl_open(path, &err);
    assert_non_null(r);
    tdm_json_object *obj = tdm_json_object_new();
    assert_int_equal(tdm_jsonl_next(r, obj, &err), 1);
    assert_string_equal(tdm_json_object_get(obj, "text")->value, "one");
    assert_int_equal(tdm_jsonl_next(r, obj, &err), 1);
    assert_string_equal(tdm_json_object_get(obj, "id")->value, "b");
    assert_int_equal(tdm_jsonl_line(r), 4);
    assert_int_equal(tdm_jsonl_next(r, obj, &err), TDM_EINPUT);
    assert_int_equal(err.line, 5);
    /* Goes on after an error; the last line needs no newline. */
    assert_int_equal(tdm_jsonl_next(r, obj, &err), 1);
    assert_string_equal(tdm_json_object_get(obj, "id")->value, "c");
    assert_int_equal(tdm_jsonl_next(r, obj, &err), 0);
    tdm_json_object_free(obj);
    tdm_jsonl_close(r);
    unlink(path);
    assert_null(tdm_jsonl_open("/nonexistent/x.jsonl", &err));
    assert_int_equal(err.code, TDM_EIO);
}

static void test_write_string(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    const char in[] = "a\"b\\c\n\t\x01 \xc3\xa9 \xff end";
    assert_int_equal(tdm_json_write_string(f, in, sizeof in - 1), 0);
    fclose(f);
    assert_string_equal(buf, "\"a\\\"b\\\\c\\n\\t\\u0001 \xc3\xa9 \\ufffd end\"");
    /* What is written parses back to the same text (less the bad byte). */
    tdm_json_object *obj = tdm_json_object_new();
    char line[256];
    snprintf(line, sizeof line, "{\"k\":%s}", buf);
    tdm_error err;
    assert_int_equal(parse(obj, line, &err), 0);
    assert_string_equal(tdm_json_object_get(obj, "k")->value,
                        "a\"b\\c\n\t\x01 \xc3\xa9 \xef\xbf\xbd end");
    tdm_json_object_free(obj);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flat_object),
        cmocka_unit_test(test_unicode_escapes),
        cmocka_unit_test(test_nested_values_kept_raw),
        cmocka_unit_test(test_errors_name_line_and_column),
        cmocka_unit_test(test_reader_lines),
        cmocka_unit_test(test_write_string),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
