/* test.h: what every CMocka test file includes. */
#ifndef TANDEM_TEST_H
#define TANDEM_TEST_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

/* CMocka 1.1 has no double comparison. */
#define assert_near(a, b, eps) assert_true(fabs((double)(a) - (double)(b)) <= (eps))

/* The shared corpora (../shared/corpora or $TANDEM_SHARED/corpora) joined
 * with rel into buf; returns buf, or NULL when the shared data is absent so
 * that the caller can skip(). */
static inline const char *test_shared_path(char *buf, size_t cap, const char *rel)
{
    const char *root = getenv("TANDEM_SHARED");
    snprintf(buf, cap, "%s/corpora/%s", root ? root : "../shared", rel);
    FILE *f = fopen(buf, "rb");
    if (!f)
        return NULL;
    fclose(f);
    return buf;
}

/* models/ of the source tree (tests run from the repository root). */
static inline const char *test_models_dir(void)
{
    const char *m = getenv("TANDEM_MODELS");
    return m ? m : "models";
}

#endif
