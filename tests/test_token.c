/* Tests of tokens and folding. */
#include "test.h"

#include <string.h>

#include "text/token.h"

typedef struct expected {
    const char *text;
    uint32_t kind;
} expected;

static void assert_tokens(const char *s, const expected *want, size_t count)
{
    tdm_token tokens[64];
    size_t n = tdm_tokenize(s, strlen(s), tokens, 64);
    for (size_t i = 0; i < n && i < count; i++) {
        if (tokens[i].len != strlen(want[i].text) ||
            memcmp(s + tokens[i].start, want[i].text, tokens[i].len) != 0)
            fail_msg("token %zu is '%.*s', expected '%s'", i, (int)tokens[i].len,
                     s + tokens[i].start, want[i].text);
        assert_int_equal(tokens[i].kind, want[i].kind);
    }
    assert_int_equal(n, count);
}

enum { W = TDM_TOKEN_WORD, N = TDM_TOKEN_NUMBER, P = TDM_TOKEN_PUNCT };

static void test_words_numbers_punct(void **state)
{
    (void)state;
    static const expected es[] = {
        {"l", W},      {"’", P},   {"IA", W},   {"de", W},    {"DeepSeek", W}, {",", P},
        {"R2", W},     {"y", W},   {"H20", W},  {"(", P},     {"MI308", W},    {")", P},
        {"cuesta", W}, {"3.5", N}, {"o", W},    {"1,000", N}, {"$", P},        {";", P},
        {"inter", W},  {"-", P},   {"chip", W}, {"2020", N},  {".", P},        {"«", P},
        {"Oui", W},    {"»", P},
    };
    assert_tokens("l’IA de DeepSeek, R2 y H20 (MI308) cuesta 3.5 o 1,000 $; inter-chip 2020. "
                  "«Oui»",
                  es, sizeof es / sizeof es[0]);
    /* Separators join digits only: "3, 4" and "v1.2" split. */
    tdm_token t[16];
    assert_int_equal(tdm_tokenize("...", 3, t, 16), 3); /* one token per character */
    static const expected nums2[] = {{"3", N}, {",", P},   {"4", N}, {"v1", W}, {".", P},
                                     {"2", N}, {"don", W}, {"'", P}, {"t", W}};
    assert_tokens("3, 4 v1.2 don't", nums2, sizeof nums2 / sizeof nums2[0]);
    /* Marks, soft hyphens and letter-like numbers stay in words. */
    static const expected marks[] = {
        {"e\xCC\x81t\xC3\xA9", W}, {"inter\xC2\xADnational", W}, {"m²", W}, {"3.5GHz", W}};
    assert_tokens("e\xCC\x81t\xC3\xA9 inter\xC2\xADnational m² 3.5GHz", marks, 4);
    /* White space of every kind, and bad bytes, make no tokens. */
    assert_int_equal(tdm_tokenize(" \t\n\xC2\xA0\xE2\x80\xAF\xFF ", 10, t, 16), 0);
    assert_int_equal(tdm_tokenize("", 0, t, 16), 0);
}

static void test_capacity(void **state)
{
    (void)state;
    tdm_token t[2] = {{9, 9, 9}, {9, 9, 9}};
    const char *s = "uno dos tres cuatro";
    assert_int_equal(tdm_tokenize(s, strlen(s), t, 1), 4);
    assert_int_equal(t[0].start, 0);
    assert_int_equal(t[0].len, 3);
    assert_int_equal(t[1].start, 9); /* untouched */
    assert_int_equal(tdm_tokenize(s, strlen(s), NULL, 0), 4);
}

/* Runs longer than sixteen bytes (tokens are scanned sixteen bytes at a
 * time), and every ASCII byte between two long words: letters and digits
 * join them, white space and controls split them, others are a token. */
static void test_long_runs(void **state)
{
    (void)state;
    static const expected longs[] = {
        {"Anticonstitutionnellement", W},
        {"1.234.567.890,123456789", N},
        {"abcdefghijklmnop\xC3\xA9qrstuvwxyz0123456789", W},
        {"0123456789012345", N},
        {".", P},
        {"x", W},
    };
    assert_tokens("Anticonstitutionnellement 1.234.567.890,123456789 "
                  "abcdefghijklmnop\xC3\xA9qrstuvwxyz0123456789 0123456789012345.x",
                  longs, sizeof longs / sizeof longs[0]);
    char s[41];
    tdm_token t[4];
    memset(s, 'w', 40);
    s[40] = '\0';
    for (int c = 1; c < 128; c++) {
        s[20] = (char)c;
        int alnum = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
        size_t want = alnum ? 1 : c <= ' ' || c == 0x7F ? 2 : 3;
        assert_int_equal(tdm_tokenize(s, 40, t, 4), want);
        assert_int_equal(t[0].len, want == 1 ? 40 : 20);
    }
}

static void assert_fold(const char *s, int flags, const char *want)
{
    char buf[64];
    size_t n = tdm_fold(s, strlen(s), flags, buf, sizeof buf);
    assert_int_equal(n, strlen(want));
    assert_string_equal(buf, want);
}

static void test_fold(void **state)
{
    (void)state;
    assert_fold("Élève", TDM_FOLD_CASE | TDM_FOLD_ACCENTS, "eleve");
    assert_fold("Élève", TDM_FOLD_ACCENTS, "Eleve");
    assert_fold("ÉCOLE", TDM_FOLD_CASE, "école");
    assert_fold("Straße", TDM_FOLD_CASE, "strasse");
    assert_fold("NVIDIA H20", TDM_FOLD_CASE, "nvidia h20");
    assert_fold("NVIDIA", 0, "NVIDIA");
    assert_fold("Año", 0, "Año");
    assert_fold("e\xCC\x81", TDM_FOLD_CASE, "\xC3\xA9"); /* the result is NFC */
    assert_fold("Ça", TDM_FOLD_CASE | TDM_FOLD_ACCENTS, "ca");
    /* Too small a buffer: the needed length, nothing past cap. */
    char small[4] = {'x', 'x', 'x', 'x'};
    assert_int_equal(tdm_fold("Éducation", 10, TDM_FOLD_CASE, small, 3), 10);
    assert_int_equal(small[3], 'x');
    assert_int_equal(tdm_fold("EDUCATION", 9, TDM_FOLD_CASE, small, 3), 9);
    assert_int_equal(small[3], 'x');
    assert_int_equal(tdm_fold("Éducation", 10, TDM_FOLD_CASE, NULL, 0), 10);
    /* Long words go past the internal buffer. */
    char word[1200], buf[1300];
    for (size_t i = 0; i < 600; i++)
        memcpy(word + 2 * i, "É", 2);
    assert_int_equal(tdm_fold(word, 1200, TDM_FOLD_CASE | TDM_FOLD_ACCENTS, buf, sizeof buf), 600);
    assert_int_equal(buf[599], 'e');
    assert_int_equal(buf[600], '\0');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_numbers_punct),
        cmocka_unit_test(test_capacity),
        cmocka_unit_test(test_long_runs),
        cmocka_unit_test(test_fold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
