/*
 * lang.c: where the models live and the languages with full models.
 * Language codes are in langcode.c, identification in langid.c.
 */
#include "tandem/lang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/error.h"
#include "text/stem.h"

#ifndef TDM_MODELS_INSTALL_DIR
#define TDM_MODELS_INSTALL_DIR "/usr/local/share/tandem/models"
#endif
#ifndef TDM_SOURCE_MODELS_DIR
#define TDM_SOURCE_MODELS_DIR "models"
#endif

static const char *const supported[] = {"de", "en", "es", "fr", "it", "pt", NULL};

static int is_dir(const char *path)
{
    struct stat st;
    return path && *path && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *tdm_models_dir(const char *override)
{
    const char *candidates[] = {override, getenv("TANDEM_MODELS"), TDM_MODELS_INSTALL_DIR,
                                TDM_SOURCE_MODELS_DIR};
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++)
        if (is_dir(candidates[i]))
            return candidates[i];
    return NULL;
}

const char *const *tdm_lang_supported(void)
{
    return supported;
}

int tdm_lang_is_supported(const char *code)
{
    for (size_t i = 0; code && supported[i]; i++)
        if (strcmp(code, supported[i]) == 0)
            return 1;
    return 0;
}

void tdm_lang_list(char *buf, size_t cap)
{
    size_t used = 0;
    if (!cap)
        return;
    buf[0] = '\0';
    for (size_t i = 0; supported[i] && used < cap; i++) {
        int n = snprintf(buf + used, cap - used, "%s%s", i ? ", " : "", supported[i]);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

static int file_exists(const char *dir, const char *lang, const char *name)
{
    char path[4200];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s/%s", dir, lang, name);
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

unsigned tdm_lang_resources(const char *models_dir, const char *lang, const char *other)
{
    if (!lang || !*lang || strchr(lang, '/'))
        return 0;
    const char *code = tdm_lang_resource_code(lang);
    unsigned res = tdm_stemmer_exists(code) ? TDM_RES_STEMMER : 0;
    if (!models_dir)
        return res;
    res |= file_exists(models_dir, code, "abbrev") ? TDM_RES_ABBREV : 0;
    res |= file_exists(models_dir, code, "stopwords") ? TDM_RES_STOPWORDS : 0;
    res |= file_exists(models_dir, code, "idf") ? TDM_RES_IDF : 0;
    if (other && *other && !strchr(other, '/')) {
        const char *b = tdm_lang_resource_code(other);
        char name[64];
        snprintf(name, sizeof name, "%s-%s.tsv", code, b);
        int found = file_exists(models_dir, "lexicon", name);
        snprintf(name, sizeof name, "%s-%s.tsv", b, code);
        if (found || file_exists(models_dir, "lexicon", name))
            res |= TDM_RES_LEXICON;
    }
    return res;
}

void tdm_lang_tier(unsigned res, char *buf, size_t cap)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{TDM_RES_ABBREV, "abbreviations"},
                 {TDM_RES_STOPWORDS, "stopwords"},
                 {TDM_RES_STEMMER, "stemmer"},
                 {TDM_RES_IDF, "IDF"}};
    unsigned all = TDM_RES_LANG;
    if (!cap)
        return;
    if ((res & all) == all || !(res & all)) {
        snprintf(buf, cap, "%s", res & all ? "full" : "generic");
        return;
    }
    size_t used = (size_t)snprintf(buf, cap, "partial");
    const char *sep = " (";
    for (size_t i = 0; i < sizeof names / sizeof names[0] && used < cap; i++)
        if (res & all & names[i].bit) {
            used += (size_t)snprintf(buf + used, cap - used, "%s%s", sep, names[i].name);
            sep = ", ";
        }
    if (used + 1 < cap)
        snprintf(buf + used, cap - used, ")");
}
