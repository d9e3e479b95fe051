/*
 * normalize.c: well-formed UTF-8 to the document text. CRLF and lone CR
 * become LF, and the text is put in NFC.
 *
 * NFC is computed only where it can change something (UAX #15, section
 * "Stable code points"): the text is cut before every character with
 * canonical combining class 0 that NFC leaves alone and that never
 * composes with a preceding character; such a character starts a segment
 * that normalizes independently of what precedes it. Runs of these
 * characters (all of ASCII, and nearly all accented Latin letters) stay as
 * they are; only a segment holding another character (a combining mark, a
 * singleton like U+212B ANGSTROM SIGN) goes through utf8proc_map. The
 * verdict for code points below U+3000 is cached for the process (relaxed
 * atomics: threads that race compute the same value). (The test of
 * stability was checked exhaustively below U+30000: for every code point
 * it calls stable, NFC leaves it alone and it composes with none of the
 * utf8proc composition starters, Hangul included.) Output is
 * written lazily, so a text needing no change costs one scan and one
 * memcpy (or none, when the caller's buffer can be adopted).
 *
 * The offset map gets a run after each CRLF and after each segment whose
 * length NFC changed; inside a changed segment offsets map to its start
 * plus the distance, clamped to its end.
 */
#include "text/normalize.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "tandem/tandem.h"

/* Length of the well-formed UTF-8 character at s (n > 0 bytes left), its
 * code point in *cp. */
static int wf_utf8(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned c = s[0];
    int len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (c < 0x80 || (size_t)len > n) {
        *cp = c;
        return 1;
    }
    uint32_t v = c & (0x7F >> len);
    for (int i = 1; i < len; i++)
        v = v << 6 | (s[i] & 0x3F);
    *cp = v;
    return len;
}

/* Nonzero when cp starts an NFC-independent segment (see the top comment):
 * combining class 0, unchanged by NFC, and never the second character of a
 * canonical composition (utf8proc flags those with bit 15 of comb_index;
 * Hangul jamo compose algorithmically and are listed by range). */
/* 0: not known yet, 1: stable, 2: not (a per-call cache cost a 12 KB
 * calloc per document). */
static _Atomic uint8_t stable_cache[0x3000];

static int nfc_stable(uint32_t cp)
{
    if (cp < 0x300)
        return 1;
    uint8_t known = cp < 0x3000 ? atomic_load_explicit(&stable_cache[cp], memory_order_relaxed) : 0;
    if (known)
        return known == 1;
    const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
    int stable = p->combining_class == 0 &&
                 !(p->comb_index != UINT16_MAX && (p->comb_index & 0x8000)) &&
                 !(cp >= 0x1100 && cp <= 0x11FF);
    if (stable && p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0) {
        utf8proc_int32_t buf[8];
        utf8proc_ssize_t k =
            utf8proc_decompose_char((utf8proc_int32_t)cp, buf, 8, UTF8PROC_DECOMPOSE, NULL);
        if (k > 0 && k <= 8)
            k = utf8proc_normalize_utf32(buf, k, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        stable = k == 1 && buf[0] == (utf8proc_int32_t)cp;
    }
    if (cp < 0x3000)
        atomic_store_explicit(&stable_cache[cp], stable ? 1 : 2, memory_order_relaxed);
    return stable;
}

/* Nonzero when the 8 bytes at p are all printable ASCII (0x20-0x7E): no
 * high bit, no byte below 0x20, no 0x7F (the "haszero" bit tricks of
 * Anderson's Bit Twiddling Hacks). */
static int printable8(const unsigned char *p)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t w, del;
    memcpy(&w, p, 8);
    del = w ^ (ones * 0x7F);
    return !((w & high) | ((w - ones * 0x20) & ~w & high) | ((del - ones) & ~del & high));
}

/* Stage 2: u[0, n) (well-formed UTF-8) to d->text with LF line ends and
 * NFC. Unchanged stretches are not copied one by one: out[0, o) is
 * materialized lazily, u[pend_i, i) still waiting to land at pend_o, so
 * that a text needing no change is one memcpy, or none when u is adopt
 * (a heap buffer with a NUL at n that becomes the text). */
int tdm_normalize(const unsigned char *u, size_t n, char *adopt, char **text, size_t *len,
                  tdm_offmap *map, tdm_controls *cc)
{
    size_t cap = n + n / 16 + 64, i = 0, o = 0;
    unsigned char *out = NULL;
    size_t lb_i = 0, lb_o = 0;     /* start of the last stable character */
    size_t pend_i = 0, pend_o = 0; /* u[pend_i, i) is not yet in out */
    int rc = tdm_offmap_add(map, 0, 0, 1, 1);
    *cc = (tdm_controls){0, 0};
    while (rc == TDM_OK && i < n) {
        unsigned char c = u[i];
        if (c >= 0x20 && c < 0x7F) {
            size_t j = i + 1;
            while (j + 8 <= n && printable8(u + j))
                j += 8;
            while (j < n && u[j] >= 0x20 && u[j] < 0x7F)
                j++;
            o += j - i;
            lb_i = j - 1;
            lb_o = o - 1;
            i = j;
            continue;
        }
        if (c == '\r') {
            if (!out && !(out = malloc(cap))) {
                rc = TDM_ENOMEM;
                break;
            }
            memcpy(out + pend_o, u + pend_i, i - pend_i);
            out[o++] = '\n';
            i += i + 1 < n && u[i + 1] == '\n' ? 2 : 1;
            rc = tdm_offmap_add(map, o, i, 1, 1);
            lb_i = pend_i = i;
            lb_o = pend_o = o;
            continue;
        }
        if (c < 0x80) {
            if (c != '\n' && c != '\t' && c != '\v' && c != '\f' && !cc->count++)
                cc->first = i;
            lb_i = i++;
            lb_o = o++;
            continue;
        }
        uint32_t cp;
        size_t k = (size_t)wf_utf8(u + i, n - i, &cp);
        if (cp < 0xA0 && !cc->count++)
            cc->first = i;
        if (nfc_stable(cp)) {
            lb_i = i;
            lb_o = o;
            o += k;
            i += k;
            continue;
        }
        size_t j = i + k;
        while (j < n && u[j] >= 0x80) {
            size_t k2 = (size_t)wf_utf8(u + j, n - j, &cp);
            if (nfc_stable(cp))
                break;
            j += k2;
        }
        utf8proc_uint8_t *nf = NULL;
        utf8proc_ssize_t m = utf8proc_map(u + lb_i, (utf8proc_ssize_t)(j - lb_i), &nf,
                                          UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (m < 0 || (!out && !(out = malloc(cap)))) {
            free(nf);
            rc = TDM_ENOMEM;
            break;
        }
        memcpy(out + pend_o, u + pend_i, lb_i - pend_i);
        o = lb_o;
        if (cap < o + (size_t)m + (n - j) + 1) {
            cap = o + (size_t)m + (n - j) + n / 16 + 64;
            unsigned char *bigger = realloc(out, cap);
            if (!bigger) {
                free(nf);
                rc = TDM_ENOMEM;
                break;
            }
            out = bigger;
        }
        memcpy(out + o, nf, (size_t)m);
        free(nf);
        o += (size_t)m;
        pend_i = i = j;
        pend_o = o;
        rc = tdm_offmap_add(map, o, i, 1, 1);
    }
    if (rc == TDM_OK && !out && adopt) {
        *text = adopt;
        *len = n;
        return TDM_OK;
    }
    if (rc == TDM_OK && !out && !(out = malloc(n + 1)))
        rc = TDM_ENOMEM;
    if (rc != TDM_OK) {
        free(out);
        return rc;
    }
    memcpy(out + pend_o, u + pend_i, n - pend_i);
    out[o] = '\0';
    *text = (char *)out;
    *len = o;
    return TDM_OK;
}
