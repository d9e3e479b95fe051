/*
 * langres.c: which resources a language has (the tiers of models/README.md):
 * the files of models/<lang>/, a Snowball stemmer, a lexicon for the pair.
 * Plain file checks; loading is the splitter's, the summarizer's and the
 * aligner's.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "tandem/lang.h"
#include "text/stem.h"
#include "text/lang.h"

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
    unsigned res = tdm_stemmer_exists(code) > 0 ? TDM_RES_STEMMER : 0;
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
