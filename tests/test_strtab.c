/* Tests of the string interning table. */
#include "test.h"

#include <string.h>

#include "base/strtab.h"

static void test_intern_find_get(void **state)
{
    (void)state;
    tdm_strtab *t = tdm_strtab_new();
    assert_non_null(t);
    char key[32];
    for (int i = 0; i < 10000; i++) {
        int n = snprintf(key, sizeof key, "w%d", i);
        assert_int_equal(tdm_strtab_intern(t, key, (size_t)n), (uint32_t)i);
    }
    assert_int_equal(tdm_strtab_count(t), 10000);
    assert_int_equal(tdm_strtab_intern(t, "w42", 3), 42);
    assert_int_equal(tdm_strtab_find(t, "w9999", 5), 9999);
    assert_int_equal(tdm_strtab_find(t, "w10000", 6), TDM_STRTAB_NONE);
    size_t len;
    assert_string_equal(tdm_strtab_get(t, 123, &len), "w123");
    assert_int_equal(len, 4);
    assert_string_equal(tdm_strtab_get(t, 9999, &len), "w9999");
    assert_int_equal(len, 5);
    /* Embedded NUL and empty keys are keys like any other. */
    uint32_t a = tdm_strtab_intern(t, "a\0b", 3);
    assert_int_not_equal(a, tdm_strtab_intern(t, "a", 1));
    assert_int_equal(tdm_strtab_find(t, "", 0), TDM_STRTAB_NONE);
    uint32_t e = tdm_strtab_intern(t, "", 0);
    assert_int_equal(tdm_strtab_find(t, "", 0), e);
    tdm_strtab_free(t);
    tdm_strtab_free(NULL);
}

/* find_hashed, peek and prefetch change no result. */
static void test_hints(void **state)
{
    (void)state;
    tdm_strtab *t = tdm_strtab_new();
    assert_non_null(t);
    char key[300];
    for (int i = 0; i < 5000; i++) {
        /* Keys of every length from 1 to 257: entries of every padding. */
        int n = snprintf(key, sizeof key, "%0*d", 1 + i % 257, i);
        uint32_t h = tdm_strtab_hash(key, (size_t)n);
        tdm_strtab_prefetch(t, h, 0);
        tdm_strtab_prefetch(t, h, 1);
        assert_int_equal(tdm_strtab_find_hashed(t, h, key, (size_t)n), TDM_STRTAB_NONE);
        assert_int_equal(tdm_strtab_intern(t, key, (size_t)n), (uint32_t)i);
        uint32_t guess = tdm_strtab_peek(t, h);
        assert_true(guess == TDM_STRTAB_NONE || guess <= (uint32_t)i);
    }
    for (int i = 0; i < 5000; i++) {
        int n = snprintf(key, sizeof key, "%0*d", 1 + i % 257, i);
        size_t len;
        assert_int_equal(tdm_strtab_find_hashed(t, tdm_strtab_hash(key, (size_t)n), key, (size_t)n),
                         (uint32_t)i);
        assert_string_equal(tdm_strtab_get(t, (uint32_t)i, &len), key);
        assert_int_equal(len, (size_t)n);
    }
    /* A key and its prefix, and keys differing in their last byte only. */
    assert_int_not_equal(tdm_strtab_intern(t, "abc", 3), tdm_strtab_intern(t, "ab", 2));
    assert_int_not_equal(tdm_strtab_intern(t, "abd", 3), tdm_strtab_find(t, "abc", 3));
    tdm_strtab_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_intern_find_get),
        cmocka_unit_test(test_hints),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
