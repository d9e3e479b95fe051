/* Internal: uchardet's guess of a text's encoding, made safe to call from C. */
#ifndef TANDEM_TEXT_CHARSET_GUESS_H
#define TANDEM_TEXT_CHARSET_GUESS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* uchardet's guess for s[0, n) into buf (cap bytes; "" when it has none).
 * Returns TDM_OK, or TDM_ENOMEM when uchardet ran out of memory (buf is
 * then ""). Never throws and never aborts (charset_guess.cc). */
int tdm_charset_guess(const unsigned char *s, size_t n, char *buf, size_t cap);

#ifdef __cplusplus
}
#endif

#endif
