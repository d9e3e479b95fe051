/* Tests of tandem in scripts other than the Latin alphabet: sentences
 * (segment.c with script.c's terminators), words of scripts written
 * without spaces (token.c with ICU word breaks) and lengths (script.c).
 * Expectations were checked by hand, sentence by sentence. */
#include "test.h"

#include <pthread.h>
#include <string.h>

#include "tandem/segment.h"
#include "text/token.h"
#include "text/script.h"
#include "text/segment.h"

/* Splits text with the splitter of lang (models/<lang>/abbrev; NULL for
 * the language-neutral rules) and checks the sentences, given joined with
 * '|'. */
static void check_split(const char *lang, const char *text, const char *want)
{
    tdm_splitter *sp = NULL;
    if (lang) {
        tdm_error err;
        sp = tdm_splitter_load(test_models_dir(), lang, &err);
        if (!sp)
            fail_msg("cannot load %s: %s", lang, err.message);
    }
    size_t len = strlen(text);
    tdm_span spans[64];
    size_t n = tdm_split(sp, text, len, spans, 64);
    assert_true(n <= 64);
    char got[4096];
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(spans[i].start < spans[i].end && spans[i].end <= len);
        assert_true(i == 0 || spans[i].start >= spans[i - 1].end);
        size_t l = spans[i].end - spans[i].start;
        assert_true(o + l + 2 < sizeof got);
        if (i > 0)
            got[o++] = '|';
        memcpy(got + o, text + spans[i].start, l);
        o += l;
    }
    got[o] = '\0';
    if (strcmp(got, want) != 0)
        fail_msg("%s: split\n  %s\ngot\n  %s\nwant\n  %s", lang ? lang : "neutral", text, got,
                 want);
    tdm_splitter_free(sp);
}

static void test_chinese_sentences(void **state)
{
    (void)state;
    /* 。 ！ ？ end sentences with no space after them; a closing quote
     * goes with its sentence; decimals and ASCII periods inside do not. */
    check_split(NULL, "他说：“你好！”然后走了。我们在3.5公里外等他。他没有来？真的吗！",
                "他说：“你好！”|然后走了。|我们在3.5公里外等他。|他没有来？|真的吗！");
    check_split(NULL, "2008年8月8日，北京奥运会开幕。当晚有9.1万名观众。",
                "2008年8月8日，北京奥运会开幕。|当晚有9.1万名观众。");
    check_split(NULL, "（这是括号里的话。）下一句……最后一句？！",
                "（这是括号里的话。）|下一句……最后一句？！");
    /* the fullwidth period also writes decimals: no break without a space */
    check_split(NULL, "价格是３．５元。谢谢。", "价格是３．５元。|谢谢。");
}

static void test_japanese_sentences(void **state)
{
    (void)state;
    /* 「…！」と言った: a quotation followed by a particle goes on. */
    check_split(NULL, "今日は良い天気です。「行くよ！」と彼は言った。本当？はい。",
                "今日は良い天気です。|「行くよ！」と彼は言った。|本当？|はい。");
    check_split(NULL, "「待って。」『分かった！』第2章は１０ページです。",
                "「待って。」|『分かった！』|第2章は１０ページです。");
}

static void test_arabic_sentences(void **state)
{
    (void)state;
    /* ؟ (U+061F) and ۔ (U+06D4, Urdu) end sentences; the Arabic comma does not. */
    check_split(NULL, "هل أنت هنا؟ نعم، أنا هنا. وصلت في الساعة 3.30 صباحا!",
                "هل أنت هنا؟|نعم، أنا هنا.|وصلت في الساعة 3.30 صباحا!");
    check_split(NULL, "یہ کتاب ہے۔ وہ کہاں ہے؟", "یہ کتاب ہے۔|وہ کہاں ہے؟");
}

static void test_greek_sentences(void **state)
{
    (void)state;
    /* ';' after a Greek letter is the question mark (U+037E after NFC);
     * Δρ. and π.χ. are abbreviations of models/el/abbrev. */
    check_split("el",
                "Ο Δρ. Παπαδόπουλος ήρθε στις 5.30. Τι θέλεις; Τίποτα. Π.χ. το σπίτι κτλ. Ναι.",
                "Ο Δρ. Παπαδόπουλος ήρθε στις 5.30.|Τι θέλεις;|Τίποτα.|Π.χ. το σπίτι κτλ.|Ναι.");
    /* the question mark in NFC: U+037E became ';' (checked without the list
     * too); a ';' after Latin text is a semicolon */
    check_split(NULL, "Πού πας; Στο σπίτι. Go; stay.", "Πού πας;|Στο σπίτι.|Go; stay.");
}

static void test_hindi_sentences(void **state)
{
    (void)state;
    /* । (danda) and ॥ end sentences; numbers keep their periods. */
    check_split(NULL, "वह घर गया। फिर वह 2.5 घंटे सो गया॥ क्या यह सच है? हाँ!",
                "वह घर गया।|फिर वह 2.5 घंटे सो गया॥|क्या यह सच है?|हाँ!");
    /* डॉ. (Dr.) is in models/hi/abbrev */
    check_split("hi", "डॉ. शर्मा 10.5 बजे आए। उन्होंने कहा।", "डॉ. शर्मा 10.5 बजे आए।|उन्होंने कहा।");
}

static void test_russian_sentences(void **state)
{
    (void)state;
    /* Initials, abbreviations of models/ru/abbrev, numbers. */
    check_split("ru",
                "Писал А. С. Пушкин в 1830 г. Потом, т. е. позже, пришёл в 5 ч. утра. "
                "Стоит 3,5 тыс. руб. и т. д. Конец! Правда? Да.",
                "Писал А. С. Пушкин в 1830 г.|Потом, т. е. позже, пришёл в 5 ч. утра.|"
                "Стоит 3,5 тыс. руб. и т. д.|Конец!|Правда?|Да.");
    /* dialogue: "-- сказала она." goes on after a question */
    check_split("ru", "-- Куда ты? -- спросила она. -- Домой.",
                "-- Куда ты? -- спросила она.|-- Домой.");
}

static void test_thai_sentences(void **state)
{
    (void)state;
    /* Thai has no terminator: a space between Thai letters ends a sentence;
     * a space before a number or a Latin word does not. */
    check_split(NULL, "ผมชอบกินข้าว วันนี้อากาศดีมาก เขาไปโรงเรียน",
                "ผมชอบกินข้าว|วันนี้อากาศดีมาก|เขาไปโรงเรียน");
    check_split(NULL, "ราคา 25 บาท ครับ", "ราคา 25 บาท|ครับ");
}

static void test_other_terminators(void **state)
{
    (void)state;
    /* Armenian ։, Ethiopic ።, Myanmar ။ (Sentence_Terminal; Khmer ។ is
     * not one in Unicode 15: Terminal_Punctuation only). */
    check_split(NULL, "Բարեւ։ Ինչպես ես։", "Բարեւ։|Ինչպես ես։");
    check_split(NULL, "ሰላም ነው። እንዴት ነህ።", "ሰላም ነው።|እንዴት ነህ።");
    check_split(NULL, "မင်္ဂလာပါ။ နေကောင်းလား။", "မင်္ဂလာပါ။|နေကောင်းလား။");
}

/* Checks the tokens of text, given as "form/kind" joined with spaces
 * (kind 1 word, 2 number, 3 punctuation). */
static void check_tokens(const char *text, const char *want)
{
    tdm_token tokens[64];
    size_t n = tdm_tokenize(text, strlen(text), tokens, 64);
    assert_true(n <= 64);
    char got[2048];
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        int w = snprintf(got + o, sizeof got - o, "%s%.*s/%u", i ? " " : "", (int)tokens[i].len,
                         text + tokens[i].start, (unsigned)tokens[i].kind);
        assert_true(w > 0 && (size_t)w < sizeof got - o);
        o += (size_t)w;
    }
    got[o] = '\0';
    if (strcmp(got, want) != 0)
        fail_msg("tokens of\n  %s\ngot\n  %s\nwant\n  %s", text, got, want);
}

static void test_words_without_spaces(void **state)
{
    (void)state;
    /* Chinese: ICU's dictionary words; digits before a character are a
     * number; a Latin word inside stays whole. */
    check_tokens("我们在北京大学学习中文。", "我们/1 在/1 北京/1 大学/1 学习/1 中文/1 。/3");
    check_tokens("2008年8月，我爱Paris和東京！",
                 "2008/2 年/1 8/2 月/1 ，/3 我/1 爱/1 Paris/1 和/1 東京/1 ！/3");
    /* Japanese: kanji, kana and particles */
    check_tokens("今日は良い天気です。カタカナのテスト",
                 "今日/1 は/1 良い/1 天気/1 です/1 。/3 カタカナ/1 の/1 テスト/1");
    /* Thai */
    check_tokens("ผมชอบกินข้าว 25 บาท", "ผม/1 ชอบ/1 กิน/1 ข้าว/1 25/2 บาท/1");
    /* spaced scripts are as before: Arabic, Devanagari, Greek, Latin */
    check_tokens("هل تحب الخبز؟", "هل/1 تحب/1 الخبز/1 ؟/3");
    check_tokens("वह घर गया।", "वह/1 घर/1 गया/1 ।/3");
    check_tokens("l’IA coûte 3,5 M€", "l/1 ’/3 IA/1 coûte/1 3,5/2 M/1 €/3");
}

static void test_lengths(void **state)
{
    (void)state;
    /* Alphabets: code points that are not ASCII white space. */
    assert_int_equal(tdm_text_length("abc def", 7), 6);
    assert_int_equal(tdm_text_length("Привет, мир", strlen("Привет, мир")), 10);
    assert_int_equal(tdm_text_length("a\xC2\xA0"
                                     "b",
                                     4),
                     3); /* no-break space counts, as before */
    /* Han characters 3, kana and Hangul 2, CJK punctuation 1. */
    assert_int_equal(tdm_text_length("你好。", strlen("你好。")), 7);
    assert_int_equal(tdm_text_length("こんにちは", strlen("こんにちは")), 10);
    assert_int_equal(tdm_text_length("한국 사람", strlen("한국 사람")), 8);
    assert_int_equal(tdm_text_length("\xF0\xA0\x80\x80", 4), 3); /* U+20000, extension B */
    /* A Chinese sentence is about as long as its English translation. */
    const char *zh = "一只饥饿的狐狸看见高高的葡萄架上挂着几串饱满的葡萄。";
    const char *en = "A hungry fox saw some fine bunches of grapes hanging from a vine that was "
                     "trained along a high trellis.";
    double ratio =
        (double)tdm_text_length(en, strlen(en)) / (double)tdm_text_length(zh, strlen(zh));
    assert_true(ratio > 0.8 && ratio < 1.3);
}

/* Each thread tokenizes Chinese with its own ICU iterator: four threads at
 * once get the tokens one thread gets. */
static const char *const threaded_text =
    "一只饥饿的狐狸看见高高的葡萄架上挂着几串饱满的葡萄。他拼命往上跳，想够到它们。"
    "今日は良い天気です。ผมชอบกินข้าว";

static void *tokenize_many(void *arg)
{
    size_t *count = arg, len = strlen(threaded_text);
    tdm_token tokens[128];
    for (int i = 0; i < 200; i++) {
        size_t n = tdm_tokenize(threaded_text, len, tokens, 128);
        if (i == 0)
            *count = n;
        else if (n != *count)
            *count = 0;
    }
    return NULL;
}

static void test_words_in_threads(void **state)
{
    (void)state;
    size_t alone, counts[4];
    tokenize_many(&alone);
    assert_true(alone > 20);
    pthread_t threads[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&threads[i], NULL, tokenize_many, &counts[i]), 0);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(pthread_join(threads[i], NULL), 0);
        assert_int_equal(counts[i], alone);
    }
}

static void test_ends_sentence(void **state)
{
    (void)state;
    static const char *const yes[] = {"Yes.",       "Oui ! »",      "“Really?”",   "他走了。",
                                      "“你好！”",   "「行くよ！」", "هل أنت هنا؟", "वह घर गया।",
                                      "Τι θέλεις;", "Well…",        "Bof...)",     "Բարեւ։",
                                      "ሰላም ነው።"};
    static const char *const no[] = {"Chapter 1", "Par Jean Dupont", "第一章", "Hello;", "", "  ",
                                     "«",         "ผมชอบกินข้าว"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (!tdm_ends_sentence(yes[i], strlen(yes[i])))
            fail_msg("should end a sentence: %s", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (tdm_ends_sentence(no[i], strlen(no[i])))
            fail_msg("should not end a sentence: %s", no[i]);
}

static void test_unspaced_languages(void **state)
{
    (void)state;
    static const char *const yes[] = {"zh", "ja", "th", "lo", "km", "my", "yue", "cmn", "lzh"};
    static const char *const no[] = {"en", "fr", "ko", "vi", "ar", "hi", "ru", "el", "", "z"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        assert_true(tdm_lang_unspaced(yes[i]));
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        assert_false(tdm_lang_unspaced(no[i]));
    assert_false(tdm_lang_unspaced(NULL));
}

/* The writing system of a text (language identification's first step). */
static void test_script_of_text(void **state)
{
    (void)state;
    static const struct {
        const char *text, *script;
    } cases[] = {
        {"狐狸看见了葡萄。", "Han"},
        {"猫はソファの上で寝ています。", "Japanese"},
        {"고양이는 소파에서 자고 있습니다.", "Korean"},
        {"Le chat dort.", "Latin"},
        {"Кошка спит.", "Cyrillic"},
        {"القطة نائمة.", "Arabic"},
        /* Han weighs 3 letters: a Chinese sentence with English names. */
        {"我们用Python和TensorFlow学习机器学习的方法。", "Han"},
        {"2024: 100%!", "unknown"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(
            tdm_script_name(tdm_script_of_text(cases[i].text, strlen(cases[i].text))),
            cases[i].script);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chinese_sentences),    cmocka_unit_test(test_japanese_sentences),
        cmocka_unit_test(test_arabic_sentences),     cmocka_unit_test(test_greek_sentences),
        cmocka_unit_test(test_hindi_sentences),      cmocka_unit_test(test_russian_sentences),
        cmocka_unit_test(test_thai_sentences),       cmocka_unit_test(test_other_terminators),
        cmocka_unit_test(test_words_without_spaces), cmocka_unit_test(test_lengths),
        cmocka_unit_test(test_words_in_threads),     cmocka_unit_test(test_unspaced_languages),
        cmocka_unit_test(test_ends_sentence),        cmocka_unit_test(test_script_of_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
