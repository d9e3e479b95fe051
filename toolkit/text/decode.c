/*
 * decode.c: from the bytes of a file to one UTF-8, NFC, LF-only buffer,
 * with an exact map from that buffer's offsets back to the original bytes.
 *
 * Two stages, each with its own offset map (text/offmap.h):
 *
 * 1. Bytes -> UTF-8. Which encoding:
 *    - a forced encoding (opts.encoding) wins; else a byte order mark
 *      (UTF-32LE/BE, UTF-8, UTF-16LE/BE, tested in that order so that
 *      FF FE 00 00 is UTF-32LE);
 *    - else the bytes are scanned as UTF-8 (Unicode 15.0, section 3.9,
 *      table 3-7 of well-formed sequences). They are taken as UTF-8 when
 *      the scan finds no ill-formed sequence, when the only ill-formed one
 *      is a sequence cut short by the end of the file (a truncated
 *      download or a careless `head -c`), or when well-formed multibyte
 *      sequences are at least as many as ill-formed ones (a UTF-8 file
 *      with a few corrupt bytes). A legacy 8-bit text almost never contains a
 *      well-formed multibyte sequence (Latin-1 "é" followed by an ASCII
 *      letter is ill-formed), so this rule does not mistake it for UTF-8,
 *      while a damaged UTF-8 file gets an error at its first bad byte
 *      instead of being silently read as Latin-1;
 *    - else uchardet guesses (Mozilla's universal charset detector).
 *    UTF-8 is checked in place (an 8-byte ASCII fast path), and copied
 *    only in lossy mode, where each maximal ill-formed subpart becomes one
 *    U+FFFD (the W3C/Unicode "best practice"). Other encodings go through
 *    iconv one character at a time (an output buffer of one UTF-32 unit),
 *    which gives each character's width on both sides for the offset map;
 *    such inputs are rare, so their speed matters little.
 *    NUL bytes mean a binary file (except in UTF-16/32, where a decoded
 *    U+0000 does), and so does a text with more than 5% C0/C1 control
 *    characters other than tab, LF, VT, FF and CR.
 *
 * 2. UTF-8 -> text: LF line ends and NFC, in normalize.c.
 *
 * Offset maps add a run only where the relation between the two sides
 * changes (the BOM, each CRLF, each stretch of non-ASCII in a legacy
 * encoding, each NFC change), and are searched by bisection.
 */
#include "text/decode.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "base/error.h"
#include "text/charset_guess.h"
#include "text/normalize.h"

#define TRUNCATED UINT32_MAX /* utf8_seq's code point when the input ends early */

/* tdm_offmap_apply, answered here for the map of nearly every text: one
 * run of one-byte characters on both sides (a shift). */
static size_t map_offset(const tdm_offmap *m, size_t x)
{
    const tdm_offmap_run *r = m->runs;
    if (m->count == 1 && r->from_width == 1 && r->to_width == 1 && x >= r->from)
        return r->to + (x - r->from);
    return tdm_offmap_apply(m, x);
}

size_t tdm_decoded_orig(const tdm_decoded *d, size_t x)
{
    return map_offset(&d->from_utf8, map_offset(&d->to_utf8, x));
}

void tdm_decoded_free(tdm_decoded *d)
{
    if (!d)
        return;
    free(d->text);
    tdm_offmap_free(&d->to_utf8);
    tdm_offmap_free(&d->from_utf8);
    d->text = NULL;
}

/* Length of the well-formed UTF-8 sequence at s[0, n) (its code point in
 * *cp), or minus the length of its maximal ill-formed subpart (*cp is
 * TRUNCATED when that subpart runs into the end of the input). */
static int utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned c = s[0], lo = 0x80, hi = 0xBF;
    int need;
    uint32_t v;
    *cp = 0;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        v = c & 0x0F;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        v = c & 0x07;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        return -1;
    }
    for (int i = 1; i <= need; i++) {
        if ((size_t)i >= n) {
            *cp = TRUNCATED;
            return -i;
        }
        unsigned b = s[i];
        if (b < lo || b > hi)
            return -i;
        lo = 0x80;
        hi = 0xBF;
        v = v << 6 | (b & 0x3F);
    }
    *cp = v;
    return need + 1;
}

typedef struct utf8_scan {
    size_t multibyte, bad; /* well-formed multibyte and ill-formed sequences */
    size_t first_bad;      /* offset of the first ill-formed one */
    int truncated;         /* the first ill-formed one is cut by the end */
} utf8_scan;

/* The first byte at or after s[i] with the high bit set, or n. Text is
 * mostly ASCII: sixteen bytes at a time with SSE2, else eight. */
static size_t skip_ascii(const unsigned char *s, size_t i, size_t n)
{
#if defined(__SSE2__)
    for (; i + 16 <= n; i += 16) {
        unsigned high =
            (unsigned)_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i)));
        if (high)
            return i + (size_t)__builtin_ctz(high);
    }
#else
    uint64_t w;
    while (i + 8 <= n && (memcpy(&w, s + i, 8), !(w & 0x8080808080808080ull)))
        i += 8;
#endif
    while (i < n && s[i] < 0x80)
        i++;
    return i;
}

static void scan_utf8(const unsigned char *s, size_t n, utf8_scan *sc)
{
    *sc = (utf8_scan){0, 0, 0, 0};
    size_t i = 0;
    while ((i = skip_ascii(s, i, n)) < n) {
        /* Two-byte characters (accented Latin letters) are the usual ones:
         * checked here as utf8_seq would. */
        if (s[i] >= 0xC2 && s[i] <= 0xDF && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
            sc->multibyte++;
            i += 2;
            continue;
        }
        uint32_t cp;
        int r = utf8_seq(s + i, n - i, &cp);
        if (r > 0) {
            sc->multibyte++;
            i += (size_t)r;
            continue;
        }
        if (!sc->bad) {
            sc->first_bad = i;
            sc->truncated = cp == TRUNCATED;
        }
        sc->bad++;
        i += (size_t)-r;
    }
}

/* An encoding name reduced to upper-case letters and digits ("utf-8" ->
 * "UTF8"), to compare names the way iconv accepts them. */
static void name_key(const char *name, char *key, size_t cap)
{
    size_t k = 0;
    for (; *name && k + 1 < cap; name++)
        if (isalnum((unsigned char)*name))
            key[k++] = (char)toupper((unsigned char)*name);
    key[k] = '\0';
}

static int is_utf8_name(const char *name)
{
    char key[64];
    name_key(name, key, sizeof key);
    return strcmp(key, "UTF8") == 0;
}

/* Code unit size of the UTF-16/32 family (where NUL bytes are text), else 1. */
static int unit_size(const char *name)
{
    char key[64];
    name_key(name, key, sizeof key);
    if (!strncmp(key, "UTF16", 5) || !strncmp(key, "UCS2", 4) || !strncmp(key, "UNICODE", 7))
        return 2;
    if (!strncmp(key, "UTF32", 5) || !strncmp(key, "UCS4", 4))
        return 4;
    return 1;
}

/* UTF-8 with ill-formed sequences replaced by U+FFFD, into a new buffer. */
static int utf8_lossy(const unsigned char *s, size_t n, size_t base, const utf8_scan *sc,
                      tdm_decoded *d, char **u, size_t *ulen)
{
    char *out = malloc(n + 2 * sc->bad + 1);
    if (!out)
        return TDM_ENOMEM;
    size_t i = 0, o = 0;
    int rc = tdm_offmap_add(&d->from_utf8, 0, base, 1, 1);
    while (rc == TDM_OK && i < n) {
        uint32_t cp;
        int r = utf8_seq(s + i, n - i, &cp);
        if (r > 0) {
            memcpy(out + o, s + i, (size_t)r);
            o += (size_t)r;
            i += (size_t)r;
            continue;
        }
        rc = tdm_offmap_add(&d->from_utf8, o, base + i, 3, (uint32_t)-r);
        memcpy(out + o, "\xEF\xBF\xBD", 3);
        o += 3;
        i += (size_t)-r;
        d->replaced++;
        if (rc == TDM_OK)
            rc = tdm_offmap_add(&d->from_utf8, o, base + i, 1, 1);
    }
    if (rc != TDM_OK) {
        free(out);
        return rc;
    }
    *u = out;
    *ulen = o;
    return TDM_OK;
}

/* Converts the first character of s[0, n) with cd into UTF-32LE code
 * points cps (room for 16); *used gets its bytes and the result is the
 * number of code points, or 0 with *bad_errno set (EILSEQ, EINVAL). The
 * input is offered in a small window: glibc's converters work through
 * their whole input window on every call, even for one character out. */
static size_t convert_one(iconv_t cd, const unsigned char *s, size_t n, unsigned char *cps,
                          size_t *used, int *bad_errno)
{
    size_t window = n < 16 ? n : 16;
    for (;;) {
        char *in = (char *)s, *op = (char *)cps;
        size_t inleft = window, outleft = 4;
        size_t r = iconv(cd, &in, &inleft, &op, &outleft);
        if (r == (size_t)-1 && errno == E2BIG && outleft == 4) {
            outleft = 64; /* one character giving several code points */
            r = iconv(cd, &in, &inleft, &op, &outleft);
        }
        *used = window - inleft;
        size_t made = (size_t)(op - (char *)cps) / 4;
        if (*used || made)
            return made;
        *bad_errno = r == (size_t)-1 ? errno : EILSEQ;
        if (*bad_errno != EINVAL || window == n)
            return 0;
        window = n; /* a character longer than the window */
    }
}

/* Nonzero when cd maps printable ASCII, tab, LF and CR to themselves and
 * the encoding has no shift states (ISO-2022, UTF-7, HZ), so that such a
 * byte at a character boundary can be copied without iconv. */
static int ascii_transparent(iconv_t cd, const char *enc)
{
    char key[64];
    name_key(enc, key, sizeof key);
    if (unit_size(enc) != 1 || strstr(key, "2022") || strstr(key, "UTF7") || !strcmp(key, "HZ"))
        return 0;
    unsigned char probe[98], cps[98 * 4];
    for (int c = 0; c < 95; c++)
        probe[c] = (unsigned char)(0x20 + c);
    memcpy(probe + 95, "\t\n\r", 3);
    char *in = (char *)probe, *op = (char *)cps;
    size_t inleft = sizeof probe, outleft = sizeof cps;
    size_t r = iconv(cd, &in, &inleft, &op, &outleft);
    iconv(cd, NULL, NULL, NULL, NULL);
    if (r == (size_t)-1 || inleft || outleft)
        return 0;
    for (size_t k = 0; k < sizeof probe; k++)
        if (cps[4 * k] != probe[k] || cps[4 * k + 1] || cps[4 * k + 2] || cps[4 * k + 3])
            return 0;
    return 1;
}

static int is_plain_ascii(unsigned char c)
{
    return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n' || c == '\r';
}

/* iconv's decoder from enc to UTF-32LE, or (iconv_t)-1 with *nomem set
 * when memory ran out. glibc reports some failed allocations of
 * iconv_open (while it loads a converter) as EINVAL, the errno of an
 * unknown encoding: so an EINVAL is tried again, and memory is suspected
 * when even a conversion glibc always has cannot be opened. An unknown
 * encoding fails the same way every time; a lack of memory is told apart,
 * or passes. */
static iconv_t open_decoder(const char *enc, int *nomem)
{
    iconv_t cd = iconv_open("UTF-32LE", enc);
    if (cd == (iconv_t)-1 && errno != ENOMEM)
        cd = iconv_open("UTF-32LE", enc);
    if (cd != (iconv_t)-1)
        return cd;
    *nomem = errno == ENOMEM;
    if (!*nomem) {
        iconv_t probe = iconv_open("UTF-32LE", "UTF-8");
        *nomem = probe == (iconv_t)-1;
        if (probe != (iconv_t)-1)
            iconv_close(probe);
    }
    return cd;
}

/* Converts s[0, n) from enc with iconv, one character per call (runs of
 * ASCII are copied when the encoding allows it). */
static int iconv_decode(const char *name, const unsigned char *s, size_t n, size_t base,
                        const char *enc, int lossy, tdm_decoded *d, char **u, size_t *ulen,
                        tdm_error *err)
{
    int nomem = 0;
    iconv_t cd = open_decoder(enc, &nomem);
    if (cd == (iconv_t)-1 && nomem)
        return tdm_fail(err, TDM_ENOMEM, name, -1, -1, "out of memory opening the %s decoder", enc);
    if (cd == (iconv_t)-1)
        return tdm_fail(err, TDM_EUSAGE, name, -1, -1, "unknown encoding '%s'", enc);
    size_t cap = n * 2 + 16, o = 0, i = 0;
    size_t unit = (size_t)unit_size(enc);
    int ascii = ascii_transparent(cd, enc);
    char *out = malloc(cap);
    int rc = out ? TDM_OK : TDM_ENOMEM;
    while (rc == TDM_OK && i < n) {
        if (ascii && is_plain_ascii(s[i])) {
            size_t j = i + 1;
            while (j < n && is_plain_ascii(s[j]))
                j++;
            rc = tdm_offmap_add(&d->from_utf8, o, base + i, 1, 1);
            memcpy(out + o, s + i, j - i);
            o += j - i;
            i = j;
            continue;
        }
        unsigned char cps[64];
        size_t used;
        int bad_errno = 0;
        size_t made = convert_one(cd, s + i, n - i, cps, &used, &bad_errno);
        if (!made && !used) {
            iconv(cd, NULL, NULL, NULL, NULL);
            if (!lossy) {
                rc = tdm_fail(err, TDM_EINPUT, name, -1, (long long)(base + i),
                              bad_errno == EINVAL ? "incomplete character at end of file (%s)"
                                                  : "cannot decode as %s",
                              enc);
                break;
            }
            used = unit < n - i ? unit : n - i;
            memcpy(cps, "\xFD\xFF\0\0", 4);
            made = 1;
            d->replaced++;
        }
        if (cap - o < made * 4 + (n - i) + 1) {
            size_t want = cap * 2 + made * 4;
            char *bigger = realloc(out, want);
            if (!bigger) {
                rc = TDM_ENOMEM;
                break;
            }
            out = bigger;
            cap = want;
        }
        size_t start = o;
        for (size_t k = 0; k < made; k++) {
            uint32_t cp = (uint32_t)cps[4 * k] | (uint32_t)cps[4 * k + 1] << 8 |
                          (uint32_t)cps[4 * k + 2] << 16 | (uint32_t)cps[4 * k + 3] << 24;
            if (cp == 0xFEFF && o == 0)
                continue; /* a byte order mark, also under a forced encoding */
            o += (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)out + o);
        }
        if (o > start)
            rc = tdm_offmap_add(&d->from_utf8, start, base + i, (uint32_t)(o - start),
                                (uint32_t)used);
        i += used;
    }
    iconv_close(cd);
    if (rc != TDM_OK) {
        free(out);
        return rc == TDM_ENOMEM ? tdm_fail(err, rc, name, -1, -1, "out of memory decoding") : rc;
    }
    out[o] = '\0';
    *u = out;
    *ulen = o;
    return TDM_OK;
}

/* The encoding named by a byte order mark at the start of s, or NULL. */
static const char *bom_encoding(const unsigned char *s, size_t n, size_t *bom)
{
    static const struct {
        const char *bytes, *name;
        size_t len;
    } boms[] = {
        {"\xFF\xFE\0\0", "UTF-32LE", 4}, {"\0\0\xFE\xFF", "UTF-32BE", 4},
        {"\xEF\xBB\xBF", "UTF-8", 3},    {"\xFF\xFE", "UTF-16LE", 2},
        {"\xFE\xFF", "UTF-16BE", 2},
    };
    for (size_t k = 0; k < sizeof boms / sizeof boms[0]; k++)
        if (n >= boms[k].len && !memcmp(s, boms[k].bytes, boms[k].len)) {
            *bom = boms[k].len;
            return boms[k].name;
        }
    *bom = 0;
    return NULL;
}

/* UTF-16 without a byte order mark, told by its zero bytes: text in Latin
 * scripts is mostly ASCII and Latin-1 letters, whose code units have a
 * zero high byte, as have spaces and line breaks. So at least half of the
 * units of the first 4 KB have a zero byte on one side (odd offsets:
 * little-endian; even: big-endian) and almost none on the other. Eight
 * units at least: a few bytes with a NUL are a binary file. A binary file
 * with such a pattern decodes to U+0000s and control characters, which the
 * checks after decoding reject. Returns the encoding or NULL. */
static const char *utf16_without_bom(const unsigned char *s, size_t n)
{
    size_t units = (n < 4096 ? n : 4096) / 2, zero[2] = {0, 0};
    if (units < 8)
        return NULL;
    for (size_t i = 0; i < units; i++) {
        zero[0] += s[2 * i] == 0;
        zero[1] += s[2 * i + 1] == 0;
    }
    if (zero[1] * 2 >= units && zero[0] * 20 <= units)
        return "UTF-16LE";
    if (zero[0] * 2 >= units && zero[1] * 20 <= units)
        return "UTF-16BE";
    return NULL;
}

/* Stage 1 for UTF-8 candidates: *u is s itself or a lossy copy in *owned.
 * Sets *is_utf8 to 0 (and fills guess) when the bytes look like another
 * encoding; forced says the caller named UTF-8 or a BOM did. */
static int decode_utf8(const char *name, const unsigned char *s, size_t n, size_t bom, int forced,
                       int lossy, tdm_decoded *d, const unsigned char **u, size_t *ulen,
                       char **owned, int *is_utf8, char *guess, size_t guess_cap, tdm_error *err)
{
    utf8_scan sc;
    scan_utf8(s, n, &sc);
    *is_utf8 = 1;
    if (!forced && sc.bad && !(sc.bad == 1 && sc.truncated) && sc.multibyte < sc.bad) {
        if (tdm_charset_guess(s, n, guess, guess_cap) != TDM_OK)
            return tdm_fail(err, TDM_ENOMEM, name, -1, -1, "out of memory detecting encoding");
        if (guess[0] && !is_utf8_name(guess) && strcmp(guess, "ASCII") != 0) {
            *is_utf8 = 0;
            return TDM_OK;
        }
    }
    snprintf(d->encoding, sizeof d->encoding, "UTF-8");
    if (sc.bad && !lossy)
        return tdm_fail(err, TDM_EINPUT, name, -1, (long long)(bom + sc.first_bad), "%s",
                        sc.truncated && sc.bad == 1 ? "truncated UTF-8 sequence at end of file"
                                                    : "invalid UTF-8 sequence");
    if (sc.bad) {
        int rc = utf8_lossy(s, n, bom, &sc, d, owned, ulen);
        if (rc != TDM_OK)
            return tdm_fail(err, rc, name, -1, -1, "out of memory decoding");
        *u = (const unsigned char *)*owned;
        return TDM_OK;
    }
    *u = s;
    *ulen = n;
    if (tdm_offmap_add(&d->from_utf8, 0, bom, 1, 1) != TDM_OK)
        return tdm_fail(err, TDM_ENOMEM, name, -1, -1, "out of memory decoding");
    return TDM_OK;
}

int tdm_decode(const char *name, const unsigned char *data, size_t len, const char *encoding,
               int lossy, char *adopt, tdm_decoded *out, tdm_error *err)
{
    *out = (tdm_decoded){0};
    if (encoding && !*encoding)
        encoding = NULL; /* an empty name detects, like NULL */
    if (!data)
        data = (const unsigned char *)""; /* (NULL, 0) is an empty file */
    size_t bom = 0;
    const char *enc = encoding ? encoding : bom_encoding(data, len, &bom);
    if (!enc)
        enc = utf16_without_bom(data, len);
    /* Every text in UTF-16 or UTF-32 of the languages we read has zero
     * bytes (spaces, line breaks, Latin letters): bytes without any decode
     * to a run of unrelated ideographs, not to text. */
    if (encoding && unit_size(encoding) > 1 && len >= 8 && !memchr(data, 0, len))
        return tdm_fail(err, TDM_EINPUT, name, -1, -1,
                        "does not decode as %s: not one zero byte, so not one space, line break "
                        "or Latin letter in that encoding (wrong encoding named?)",
                        encoding);
    if (len && unit_size(enc ? enc : "") == 1) {
        const unsigned char *nul = memchr(data, 0, len);
        if (nul)
            return tdm_fail(err, TDM_EBINARY, name, -1, (long long)(nul - data), "binary file");
    }
    const unsigned char *s = data + bom, *u = NULL;
    size_t n = len - bom, ulen = 0;
    char *owned = NULL, guess[64] = "";
    int rc = TDM_OK, is_utf8 = 0;
    if (!enc || is_utf8_name(enc)) {
        rc = decode_utf8(name, s, n, bom, enc != NULL, lossy, out, &u, &ulen, &owned, &is_utf8,
                         guess, sizeof guess, err);
        if (rc != TDM_OK)
            return rc;
        if (!is_utf8)
            enc = guess;
    }
    if (!is_utf8) {
        snprintf(out->encoding, sizeof out->encoding, "%s", enc);
        rc = iconv_decode(name, s, n, bom, enc, lossy, out, &owned, &ulen, err);
        if (rc == TDM_EUSAGE && !encoding)
            rc = tdm_fail(err, TDM_EINPUT, name, -1, -1,
                          "detected encoding %s is not supported by iconv; use --encoding", enc);
        if (rc != TDM_OK)
            return rc;
        u = (const unsigned char *)owned;
    }
    /* UTF-8 input was checked for NUL bytes above; iconv's output is not. */
    const unsigned char *nul = ulen && !is_utf8 ? memchr(u, 0, ulen) : NULL;
    tdm_controls cc;
    if (nul)
        rc = tdm_fail(err, TDM_EBINARY, name, -1,
                      (long long)tdm_offmap_apply(&out->from_utf8, (size_t)(nul - u)),
                      "binary file");
    else if ((rc = tdm_normalize(u, ulen, u == (const unsigned char *)adopt ? adopt : NULL,
                                 &out->text, &out->len, &out->to_utf8, &cc)) != TDM_OK)
        rc = tdm_fail(err, rc, name, -1, -1, "out of memory normalizing the text");
    else if (cc.count && cc.count * 20 > ulen)
        rc = tdm_fail(err, TDM_EBINARY, name, -1,
                      (long long)tdm_offmap_apply(&out->from_utf8, cc.first), "binary file");
    if (rc != TDM_OK && out->text == adopt)
        out->text = NULL; /* adopted only on success */
    free(owned);
    return rc;
}
