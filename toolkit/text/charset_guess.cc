/*
 * charset_guess.cc: uchardet (Mozilla's universal charset detector) behind
 * a C function that cannot throw.
 *
 * uchardet is C++ with a C interface, and it gets its memory with plain
 * `new`: when an allocation fails, std::bad_alloc is thrown through
 * uchardet_new or uchardet_handle_data. Nothing in C can catch it, so the
 * C++ runtime calls std::terminate and the program aborts (seen with the
 * allocation-failure sweep on a Latin-1 text: "terminate called after
 * throwing an instance of 'std::bad_alloc'"). Here the exception is caught
 * in C++, the only place that can, and becomes TDM_ENOMEM.
 *
 * Not every allocation of uchardet is a `new`: some are malloc or strdup
 * whose failure it absorbs, giving up a prober or the answer (the strdup
 * of HandleUniversalDetector::Report leaves no charset at all), which
 * would be a different guess, not an error. uchardet calls nothing else
 * that sets errno, so errno ENOMEM after its calls says that one of them
 * failed: that is TDM_ENOMEM too.
 *
 * After a throw the detector is still whole: a `new` that throws assigns
 * nothing, so uchardet holds only probers that were fully built (a prober
 * half built when its constructor threw leaks what it had allocated; out
 * of memory, the run is ending anyway) and uchardet_delete is safe.
 */
#include "text/charset_guess.h"

#include <cerrno>
#include <cstdio>
#include <new>
#include <uchardet.h>

#include "tandem/tandem.h"

int tdm_charset_guess(const unsigned char *s, size_t n, char *buf, size_t cap)
{
    if (cap)
        buf[0] = '\0';
    uchardet_t ud = nullptr;
    int rc = TDM_OK;
    errno = 0;
    try {
        ud = uchardet_new();
        if (!ud)
            return TDM_ENOMEM;
        size_t sample = n < (1u << 20) ? n : (1u << 20); /* plenty to decide */
        if (uchardet_handle_data(ud, reinterpret_cast<const char *>(s), sample) != 0)
            rc = TDM_ENOMEM;
        uchardet_data_end(ud);
        const char *cs = uchardet_get_charset(ud);
        if (errno == ENOMEM)
            rc = TDM_ENOMEM;
        if (rc == TDM_OK && cap)
            std::snprintf(buf, cap, "%s", cs ? cs : "");
    } catch (const std::bad_alloc &) {
        rc = TDM_ENOMEM;
    } catch (...) {
        rc = TDM_EINTERNAL;
    }
    if (rc != TDM_OK && cap)
        buf[0] = '\0';
    if (ud)
        uchardet_delete(ud);
    return rc;
}
