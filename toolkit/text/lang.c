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
#include "text/lang.h"

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
