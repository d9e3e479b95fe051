/* Tests of the string interning table. */
#include "test.h"

#include <string.h>

#include "internal/strtab.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_intern_find_get),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
