/*
 * script.c: writing systems (script.h). The character properties come from
 * ICU (the Script, Sentence_Terminal and East_Asian_Width properties of the
 * Unicode Character Database), so that new scripts and characters follow
 * Unicode rather than hand-written lists.
 *
 * Length weights. The aligner's length model (Gale & Church 1993) compares
 * the lengths of two sentences that translate each other; it assumes that
 * a character of one text stands for a roughly constant number of
 * characters of the other. Counting code points is right between alphabets
 * (Latin, Cyrillic, Greek, Arabic, Hebrew, Devanagari, Thai: one character
 * a sound), but a Chinese character writes a whole morpheme, and Chinese
 * sentences are about a third as long as their English translations in
 * code points (tests/data/zh-en, Aesop's fables: 3,527 English letters for
 * 1,078 Han characters, 3.3 a character). So each character counts for the
 * Latin letters it stands for: Han characters 3; kana and Hangul
 * syllables, which write a syllable (a consonant and a vowel or more), 2.
 * Weighted, every pair of languages starts from a ratio near 1, the
 * default when no per-pair figure exists, and the variance per unit is
 * comparable on both sides. (The weights for kana and Hangul follow the
 * same reasoning but are not measured here: we have no Japanese or Korean
 * parallel text; the aligner re-estimates the ratio from every input.)
 */
#include "text/script.h"

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <utf8proc.h>

int tdm_script_unspaced(int32_t cp)
{
    if (cp < 0x0E00)
        return 0; /* nothing below Thai is written without spaces */
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(cp, &status);
    if (U_FAILURE(status))
        return 0;
    switch (sc) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_KATAKANA_OR_HIRAGANA:
    case USCRIPT_THAI:
    case USCRIPT_LAO:
    case USCRIPT_KHMER:
    case USCRIPT_MYANMAR: return 1;
    default: return 0;
    }
}

int tdm_lang_unspaced(const char *lang)
{
    static const char *const unspaced[] = {
        "zh",  "ja",  "th",  "lo",  "km",  "my",  "cmn", "yue", "wuu", "hak", "nan", "gan", "hsn",
        "cjy", "czh", "cdo", "cpx", "lzh", "jpn", "tha", "lao", "khm", "mya", "zho", "chi", "bur"};
    for (size_t i = 0; lang && i < sizeof unspaced / sizeof unspaced[0]; i++)
        if (strcmp(lang, unspaced[i]) == 0)
            return 1;
    return 0;
}

/* The start of the character that ends at s[end] (UTF-8, backwards over
 * at most three continuation bytes). */
static size_t char_start(const unsigned char *s, size_t start, size_t end)
{
    size_t i = end - 1;
    while (i > start && end - i < 4 && (s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

int tdm_ends_sentence(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t end = len;
    while (end > 0) {
        unsigned char c = s[end - 1];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '\'' || c == ')' ||
            c == ']') {
            end--;
            continue;
        }
        if (c < 0x80)
            break;
        size_t i = char_start(s, 0, end);
        utf8proc_int32_t cp;
        if (utf8proc_iterate(s + i, (utf8proc_ssize_t)(end - i), &cp) !=
            (utf8proc_ssize_t)(end - i))
            return 0;
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat != UTF8PROC_CATEGORY_PE && cat != UTF8PROC_CATEGORY_PF &&
            cat != UTF8PROC_CATEGORY_ZS)
            break;
        end = i; /* » ” ’ 」 』 ） and no-break spaces */
    }
    if (end == 0)
        return 0;
    unsigned char c = s[end - 1];
    if (c == '.' || c == '!' || c == '?')
        return 1;
    if (c == ';') /* the Greek question mark */
        return (end >= 3 && s[end - 3] >= 0xCD && s[end - 3] <= 0xCF) ||
               (end >= 4 && s[end - 4] == 0xE1 && s[end - 3] >= 0xBC && s[end - 3] <= 0xBF);
    if (c < 0x80)
        return 0;
    size_t i = char_start(s, 0, end);
    utf8proc_int32_t cp;
    if (utf8proc_iterate(s + i, (utf8proc_ssize_t)(end - i), &cp) != (utf8proc_ssize_t)(end - i))
        return 0;
    return cp == 0x2026 || tdm_script_terminal(cp); /* … or 。 ！ ？ ؟ । ... */
}

int tdm_script_terminal(int32_t cp)
{
    return cp >= 0 && u_hasBinaryProperty(cp, UCHAR_S_TERM);
}

int tdm_script_wide(int32_t cp)
{
    if (cp < 0x1100)
        return 0;
    int w = u_getIntPropertyValue(cp, UCHAR_EAST_ASIAN_WIDTH);
    return w == U_EA_WIDE || w == U_EA_FULLWIDTH || w == U_EA_HALFWIDTH;
}

int tdm_script_space_ends_sentence(int32_t cp)
{
    return cp >= 0x0E00 && cp <= 0x0EFF; /* the Thai and Lao blocks */
}

unsigned tdm_script_char_weight(int32_t cp)
{
    if (cp < 0x1100)
        return 1;
    if ((cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF) ||
        (cp >= 0x2E80 && cp <= 0x2FDF) || cp == 0x3005 || cp == 0x3007)
        return 3; /* Han (unified, extensions, compatibility, radicals, 々 〇) */
    if ((cp >= 0x3041 && cp <= 0x30FF && cp != 0x30FB) || (cp >= 0x31F0 && cp <= 0x31FF) ||
        (cp >= 0xFF66 && cp <= 0xFF9D) || (cp >= 0xAC00 && cp <= 0xD7A3))
        return 2; /* kana (but the middle dot), halfwidth kana, Hangul syllables */
    return 1;
}

size_t tdm_text_length(const char *str, size_t len)
{
    /* Counts lead bytes (not continuation bytes), as code points, skipping
     * ASCII white space; only three- and four-byte characters (U+0800 and
     * up) can weigh more than 1, so only they are decoded. */
    const unsigned char *s = (const unsigned char *)str;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || (c & 0xC0) == 0x80)
            continue;
        if (c < 0xE1) {
            n++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
        n += k > 0 ? tdm_script_char_weight(cp) : 1;
    }
    return n;
}

int tdm_script_of_text(const char *str, size_t len)
{
    /* Letters by script; Han, kana and Hangul are counted apart, then
     * merged into the writing systems of Chinese, Japanese and Korean. */
    enum { SLOTS = 8 };
    int32_t code[SLOTS];
    size_t count[SLOTS], slots = 0, han = 0, kana = 0, hangul = 0, i = 0;
    const unsigned char *s = (const unsigned char *)str;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0) {
            i++;
            continue;
        }
        i += (size_t)k;
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat < UTF8PROC_CATEGORY_LU || cat > UTF8PROC_CATEGORY_LO)
            continue;
        UErrorCode status = U_ZERO_ERROR;
        UScriptCode sc = uscript_getScript(cp, &status);
        if (U_FAILURE(status) || sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED)
            continue;
        if (sc == USCRIPT_HAN) {
            han++;
            continue;
        }
        if (sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA ||
            sc == USCRIPT_KATAKANA_OR_HIRAGANA) {
            kana++;
            continue;
        }
        if (sc == USCRIPT_HANGUL) {
            hangul++;
            continue;
        }
        size_t j = 0;
        while (j < slots && code[j] != (int32_t)sc)
            j++;
        if (j == slots && slots < SLOTS) {
            code[slots] = (int32_t)sc;
            count[slots++] = 0;
        }
        if (j < slots)
            count[j]++;
    }
    /* Japanese writes kana between its Han characters (about two thirds of
     * the letters of a novel), Korean Hangul with the odd Han character,
     * Chinese Han alone: a fifth of kana or Hangul is far from both. */
    size_t cjk = han + kana + hangul;
    int32_t best = -1;
    size_t most = 0;
    if (cjk) {
        /* Weighed as the Latin letters they stand for (tdm_script_char_weight):
         * "用Python学习" is Chinese with an English name, not English. */
        most = 3 * han + 2 * (kana + hangul);
        if (5 * hangul >= cjk && hangul >= kana)
            best = USCRIPT_KOREAN;
        else if (5 * kana >= cjk)
            best = USCRIPT_JAPANESE;
        else
            best = USCRIPT_HAN;
    }
    for (size_t j = 0; j < slots; j++)
        if (count[j] > most) {
            most = count[j];
            best = code[j];
        }
    return best;
}

const char *tdm_script_name(int script)
{
    if (script == USCRIPT_JAPANESE || script == USCRIPT_KOREAN) /* ICU names them Jpan, Kore */
        return script == USCRIPT_JAPANESE ? "Japanese" : "Korean";
    const char *name = script >= 0 ? uscript_getName((UScriptCode)script) : NULL;
    return name ? name : "unknown";
}
