/* Tests of the models directory, the supported languages and language
 * identification. */
#include "test.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fileio.h"
#include "tandem/lang.h"
#include "text/lang.h"

static void assert_lang_n(const char *text, size_t len, const char *want)
{
    char code[8];
    tdm_error err;
    tdm_error_clear(&err);
    int rc = tdm_lang_identify(text, len, code, &err);
    if (rc != TDM_OK)
        fail_msg("expected %s, got error %d: %s", want, rc, err.message);
    assert_string_equal(code, want);
}

static void assert_lang(const char *text, const char *want)
{
    assert_lang_n(text, strlen(text), want);
}

static void assert_no_lang(const char *text)
{
    char code[8];
    tdm_error err;
    assert_int_equal(tdm_lang_identify(text, strlen(text), code, &err), TDM_ENOLANG);
    assert_int_equal(err.code, TDM_ENOLANG);
    assert_true(err.message[0] != '\0');
}

static void assert_file_lang(const char *path, const char *want)
{
    char *data;
    size_t len;
    tdm_error err;
    assert_int_equal(tdm_read_all(path, &data, &len, &err), TDM_OK);
    assert_lang_n(data, len, want);
    free(data);
}

static void test_identify_seed(void **state)
{
    (void)state;
    assert_file_lang("corpora/seed/es.txt", "es");
    assert_file_lang("corpora/seed/fr.txt", "fr");
    /* Single paragraphs of a few sentences are enough. */
    assert_lang("Il lancio del tanto atteso modello linguistico R2 di DeepSeek sarebbe stato "
                "rinviato, una battuta d'arresto attribuita a persistenti problemi di "
                "prestazioni con i processori Ascend di Huawei. La situazione mette in luce la "
                "complessa interazione tra gli obiettivi "
                "strategici nazionali, le capacità tecnologiche e le realtà del mercato.",
                "it");
    assert_lang("A situação destaca a complexa interação entre os objetivos estratégicos "
                "nacionais, as capacidades tecnológicas e as realidades do mercado.",
                "pt");
    assert_lang("Die Lage zeigt das komplexe Zusammenspiel zwischen den nationalen "
                "strategischen Zielen, den technologischen Fähigkeiten und dem Markt.",
                "de");
    assert_lang("The situation highlights the complex interplay between national strategic "
                "goals, technological capabilities and the realities of the market.",
                "en");
}

static void test_identify_shared(void **state)
{
    (void)state;
    char de[512], fr[512], en[512];
    if (!test_shared_path(de, sizeof de, "textberg-de-fr-dev/dev.de") ||
        !test_shared_path(fr, sizeof fr, "textberg-de-fr-dev/dev.fr") ||
        !test_shared_path(en, sizeof en, "transread-en-fr/Emma/en.txt"))
        skip();
    assert_file_lang(de, "de");
    assert_file_lang(fr, "fr");
    assert_file_lang(en, "en");
}

static void test_refuse(void **state)
{
    (void)state;
    assert_no_lang("");
    assert_no_lang("Hola.");
    assert_no_lang("DeepSeek R2 NVIDIA H20");
    assert_no_lang("1234 5678 9012 3456 7890 !!! ??? ... --- 1234 5678 9012 3456 7890 "
                   "1234 5678 9012 3456 7890 !!! ??? ... --- 1234 5678 9012 3456 7890");
    assert_no_lang("asdkj qwpoeiru zxmcnv lkjasdf poiuqwer mnbvzx asdkj qwpoeiru zxmcnv lkjasdf");
    assert_no_lang("qZx8Wk3vPj0mRt7LnB2yHc9sFd4gKa6uXe1oVi5wQz8jTr3pMn0bYh7cLs2fGd9kUa4xEo6vWi1q"
                   "Zx8Wk3vPj0mRt7LnB2yHc9sFd4gKa6uXe1oVi5wQz8jTr3pMn0bYh7cLs2fGd9kUa4xEo6vWi1q");
}

/* Languages beyond the six, each from a sentence or two (written for this
 * test); the complaints: Dutch taken for German, Hungarian,
 * Romanian, Russian and Greek not identified. */
static void test_identify_more(void **state)
{
    (void)state;
    assert_lang("Це речення написане українською мовою, і воно не належить до жодної з "
                "підтримуваних мов, тому його не можна визначити.",
                "uk");
    assert_lang("De kat slaapt op de bank en de hond bewaakt de hele nacht het huis. Morgen gaan "
                "we samen naar de markt om groenten te kopen.",
                "nl");
    assert_lang("A macska a kanapén alszik, a kutya pedig egész éjjel őrzi a házat. Holnap "
                "együtt megyünk a piacra zöldséget venni.",
                "hu");
    assert_lang("Pisica doarme pe canapea, iar câinele păzește casa toată noaptea. Mâine mergem "
                "împreună la piață să cumpărăm legume.",
                "ro");
    assert_lang("Кошка спит на диване, а собака всю ночь охраняет дом. Завтра мы вместе пойдём на "
                "рынок за овощами.",
                "ru");
    assert_lang("Η γάτα κοιμάται στον καναπέ και ο σκύλος φυλάει το σπίτι όλη τη νύχτα. Αύριο θα "
                "πάμε μαζί στην αγορά για λαχανικά.",
                "el");
    assert_lang("القطة نائمة على الأريكة والكلب يحرس البيت طوال الليل. غدا سنذهب معا إلى السوق "
                "لشراء الخضار.",
                "ar");
    assert_lang("Katten sover på sofaen, og hunden passer på huset hele natten. I morgen skal vi "
                "sammen på torget for å kjøpe grønnsaker, og jeg håper at det ikke regner.",
                "no");
}

/* Scripts where character n-grams say little (Han has thousands of
 * characters, the fingerprint 400 n-grams): the script decides when one
 * language has a fingerprint in it. Issue #11: the Chinese fables were
 * "far from every language". Sentences written for this test. */
static void test_identify_by_script(void **state)
{
    (void)state;
    assert_file_lang("tests/data/zh-en/zh.txt", "zh");
    assert_file_lang("tests/data/zh-en/city.zh.txt", "zh");
    assert_lang("猫在沙发上睡觉，狗整夜看守着房子。明天我们一起去市场买蔬菜，希望不会下雨，"
                "因为我们没有带伞。",
                "zh");
    assert_lang("猫はソファの上で寝ていて、犬は一晩中家を守っています。明日は一緒に市場へ野菜を"
                "買いに行きます。",
                "ja");
    assert_lang("고양이는 소파에서 자고 개는 밤새 집을 지킵니다. 내일 우리는 함께 시장에 채소를 "
                "사러 갑니다. 비가 오지 않으면 좋겠습니다.",
                "ko");
    assert_lang("แมวนอนอยู่บนโซฟา และสุนัขเฝ้าบ้านตลอดทั้งคืน พรุ่งนี้เราจะไปตลาดด้วยกันเพื่อซื้อผัก", "th");
    /* Several languages write Devanagari: the n-grams still decide. */
    assert_lang("बिल्ली सोफे पर सो रही है और कुत्ता पूरी रात घर की रखवाली करता है। कल हम साथ "
                "में बाज़ार जाएँगे और सब्ज़ियाँ खरीदेंगे।",
                "hi");
    /* Telugu has no fingerprint: refused, naming the script. */
    char code[8];
    tdm_error err;
    const char *te = "పిల్లి సోఫాలో నిద్రపోతోంది, కుక్క రాత్రంతా ఇంటికి కాపలా కాస్తుంది. "
                     "రేపు మనం కలిసి కూరగాయలు కొనడానికి బజారుకి వెళ్తాము.";
    assert_int_equal(tdm_lang_identify(te, strlen(te), code, &err), TDM_ENOLANG);
    assert_non_null(strstr(err.message, "Telugu"));
}

static void test_codes(void **state)
{
    (void)state;
    char code[8];
    tdm_error err;
    const char *ok[][2] = {{"fr", "fr"},   {"FR", "fr"}, {"fra", "fr"}, {"fre", "fr"},
                           {"ru", "ru"},   {"zh", "zh"}, {"chi", "zh"}, {"yue", "yue"},
                           {"fil", "fil"}, {"nb", "nb"}, {"ara", "ar"}, {"Heb", "he"},
                           {"ast", "ast"}, {"sh", "sh"}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        assert_int_equal(tdm_lang_canonical(ok[i][0], code, &err), TDM_OK);
        assert_string_equal(code, ok[i][1]);
    }
    const char *bad[] = {"xx", "", "f", "fr-FR", "français", "und", "qqqq", "../fr", NULL};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(tdm_lang_canonical(bad[i], code, &err), TDM_ENOLANG);
        assert_string_equal(code, "");
        assert_non_null(strstr(err.message, "unknown language code"));
    }
    assert_true(tdm_lang_is_rtl("ar"));
    assert_true(tdm_lang_is_rtl("he"));
    assert_true(tdm_lang_is_rtl("fas"));
    assert_true(tdm_lang_is_rtl("ur"));
    assert_false(tdm_lang_is_rtl("fr"));
    assert_false(tdm_lang_is_rtl("zh"));
    assert_false(tdm_lang_is_rtl("xx"));
    assert_string_equal(tdm_lang_name("nl"), "Dutch");
    assert_null(tdm_lang_name("xx"));
    assert_string_equal(tdm_lang_resource_code("nb"), "no");
    assert_string_equal(tdm_lang_resource_code("nn"), "no");
    assert_string_equal(tdm_lang_resource_code("fr"), "fr");
    /* Identification answers canonical codes, each language once. */
    const char *codes[300];
    size_t n = tdm_lang_identifiable(codes, 300);
    assert_true(n >= 150 && n <= 300);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(tdm_lang_canonical(codes[i], code, &err), TDM_OK);
        assert_string_equal(code, codes[i]);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(codes[i], codes[j]);
    }
}

static void test_resources(void **state)
{
    (void)state;
    const char *models = test_models_dir();
    char tier[128];
    unsigned fr = tdm_lang_resources(models, "fr", NULL);
    assert_int_equal(fr, TDM_RES_LANG);
    tdm_lang_tier(fr, tier, sizeof tier);
    assert_string_equal(tier, "full");
    unsigned eo = tdm_lang_resources(models, "kk", NULL); /* Kazakh: nothing */
    tdm_lang_tier(eo, tier, sizeof tier);
    assert_string_equal(tier, "generic");
    tdm_lang_tier(TDM_RES_STEMMER | TDM_RES_IDF, tier, sizeof tier);
    assert_string_equal(tier, "partial (stemmer, IDF)");
    tdm_lang_tier(TDM_RES_LANG | TDM_RES_LEXICON, tier, sizeof tier);
    assert_string_equal(tier, "full");
    assert_true(tdm_lang_resources(NULL, "ru", NULL) & TDM_RES_STEMMER);
    assert_true(tdm_lang_resources(NULL, "nb", NULL) & TDM_RES_STEMMER);
    assert_int_equal(tdm_lang_resources(NULL, "pl", NULL), 0);
}

static void test_supported(void **state)
{
    (void)state;
    const char *const *langs = tdm_lang_supported();
    size_t n = 0;
    while (langs[n])
        n++;
    assert_int_equal(n, 6);
    assert_true(tdm_lang_is_supported("fr"));
    assert_true(tdm_lang_is_supported("pt"));
    assert_false(tdm_lang_is_supported("nl"));
    assert_false(tdm_lang_is_supported("f"));
    assert_false(tdm_lang_is_supported(NULL));
    char buf[64];
    tdm_lang_list(buf, sizeof buf);
    assert_string_equal(buf, "de, en, es, fr, it, pt");
    tdm_lang_list(buf, 7);
    assert_string_equal(buf, "de, en");
    /* Every supported language has its model directory in the tree. */
    for (size_t i = 0; langs[i]; i++) {
        char path[256];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", test_models_dir(), langs[i]);
        assert_int_equal(stat(path, &st), 0);
        assert_true(S_ISDIR(st.st_mode));
    }
}

static void test_models_dir_order(void **state)
{
    (void)state;
    char a[] = "/tmp/tdm_models_aXXXXXX", b[] = "/tmp/tdm_models_bXXXXXX";
    assert_non_null(mkdtemp(a));
    assert_non_null(mkdtemp(b));
    const char *saved = getenv("TANDEM_MODELS");
    char *keep = saved ? strdup(saved) : NULL;
    assert_int_equal(setenv("TANDEM_MODELS", b, 1), 0);
    assert_ptr_equal(tdm_models_dir(a), a);       /* the override first */
    assert_string_equal(tdm_models_dir(NULL), b); /* then the environment */
    assert_string_equal(tdm_models_dir("/nonexistent/models"), b);
    assert_int_equal(unsetenv("TANDEM_MODELS"), 0);
    /* Then the installed or the source tree's models (this tree's exists). */
    const char *dir = tdm_models_dir(NULL);
    assert_non_null(dir);
    assert_string_not_equal(dir, b);
    assert_non_null(strstr(dir, "models"));
    assert_int_equal(setenv("TANDEM_MODELS", "/nonexistent/models", 1), 0);
    assert_string_equal(tdm_models_dir(NULL), dir);
    if (keep) {
        setenv("TANDEM_MODELS", keep, 1);
        free(keep);
    } else {
        unsetenv("TANDEM_MODELS");
    }
    rmdir(a);
    rmdir(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identify_seed),
        cmocka_unit_test(test_identify_shared),
        cmocka_unit_test(test_refuse),
        cmocka_unit_test(test_identify_more),
        cmocka_unit_test(test_identify_by_script),
        cmocka_unit_test(test_codes),
        cmocka_unit_test(test_resources),
        cmocka_unit_test(test_supported),
        cmocka_unit_test(test_models_dir_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
