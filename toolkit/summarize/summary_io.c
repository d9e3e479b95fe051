/*
 * summary_io.c: the summary pipeline around toolkit/summarize/summarizer.c: models
 * loaded on demand per language, one text from file to summary (read,
 * identify the language, segment, summarize), writing summaries as text or
 * JSON, and JSON Lines batches (one object per line in, one out, errors as
 * {"id","error"} lines so that a corpus run goes on).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/json.h"
#include "summarize/summary.h"
#include "tandem/lang.h"
#include "tandem/summarize.h"

#define MAX_LANGS 32

/* Models live in the set that loaded them (the owner: a set made by
 * tdm_summary_langs_new); sets made by tdm_summary_langs_share borrow
 * them. Summarizers are per set, so per thread. */
struct tdm_summary_langs {
    char *models_dir;
    tdm_summary_langs *owner;             /* itself, or the set shared */
    pthread_mutex_t lock;                 /* an owner's: guards models */
    tdm_summary_model *models[MAX_LANGS]; /* an owner's, loaded so far */
    size_t model_count;
    const tdm_summary_model *used[MAX_LANGS]; /* this set's summarizers' */
    tdm_summarizer *summarizers[MAX_LANGS];
    size_t count;
};

tdm_summary_langs *tdm_summary_langs_new(const char *models_dir)
{
    tdm_summary_langs *l = calloc(1, sizeof *l);
    if (!l || (models_dir && !(l->models_dir = strdup(models_dir)))) {
        free(l);
        return NULL;
    }
    l->owner = l;
    pthread_mutex_init(&l->lock, NULL);
    return l;
}

void tdm_summary_langs_describe(const tdm_summary_langs *langs, const char *lang, int identified,
                                char *buf, size_t cap)
{
    char tier[160];
    unsigned res = tdm_lang_resources(langs->owner->models_dir, lang, NULL) & TDM_RES_LANG;
    tdm_lang_tier(res, tier, sizeof tier);
    snprintf(buf, cap, "%s (%s), resources: %s", lang, identified ? "identified" : "given", tier);
}

tdm_summary_langs *tdm_summary_langs_share(tdm_summary_langs *langs)
{
    tdm_summary_langs *l = calloc(1, sizeof *l);
    if (l)
        l->owner = langs->owner;
    return l;
}

void tdm_summary_langs_free(tdm_summary_langs *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++)
        tdm_summarizer_free(l->summarizers[i]);
    if (l->owner == l) {
        for (size_t i = 0; i < l->model_count; i++)
            tdm_summary_model_free(l->models[i]);
        pthread_mutex_destroy(&l->lock);
    }
    free(l->models_dir);
    free(l);
}

/* The owner's model for lang, loaded on first use by any thread. */
static const tdm_summary_model *shared_model(tdm_summary_langs *owner, const char *lang,
                                             tdm_error *err)
{
    const tdm_summary_model *m = NULL;
    pthread_mutex_lock(&owner->lock);
    for (size_t i = 0; i < owner->model_count && !m; i++)
        if (strcmp(tdm_summary_model_lang(owner->models[i]), lang) == 0)
            m = owner->models[i];
    if (!m && owner->model_count == MAX_LANGS)
        tdm_fail(err, TDM_EINTERNAL, NULL, -1, -1, "too many languages at once");
    else if (!m && (owner->models[owner->model_count] =
                        tdm_summary_model_load(owner->models_dir, lang, err)))
        m = owner->models[owner->model_count++];
    pthread_mutex_unlock(&owner->lock);
    return m;
}

tdm_summarizer *tdm_summary_langs_get(tdm_summary_langs *l, const char *lang,
                                      const tdm_summary_model **model, tdm_error *err)
{
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(tdm_summary_model_lang(l->used[i]), lang) == 0) {
            if (model)
                *model = l->used[i];
            return l->summarizers[i];
        }
    if (l->count == MAX_LANGS) {
        tdm_fail(err, TDM_EINTERNAL, NULL, -1, -1, "too many languages at once");
        return NULL;
    }
    const tdm_summary_model *m = shared_model(l->owner, lang, err);
    tdm_summarizer *s = m ? tdm_summarizer_new(m, err) : NULL;
    if (!s)
        return NULL;
    l->used[l->count] = m;
    l->summarizers[l->count++] = s;
    if (model)
        *model = m;
    return s;
}

tdm_summary *tdm_summarize_text(tdm_summary_langs *langs, const char *path, const char *data,
                                size_t len, const tdm_read_opts *read_opts, const char *lang,
                                const tdm_summary_opts *opts, tdm_doc **doc_out, char lang_out[8],
                                tdm_error *err)
{
    *doc_out = NULL;
    lang_out[0] = '\0';
    tdm_doc *doc = data ? tdm_doc_from_buffer(path, data, len, read_opts, err)
                        : tdm_doc_read_file(path, read_opts, err);
    if (!doc)
        return NULL;
    tdm_summarizer *s = NULL;
    const tdm_summary_model *model = NULL;
    int auto_lang = !lang || !*lang || strcmp(lang, "auto") == 0;
    size_t text_len;
    const char *text = tdm_doc_text(doc, &text_len);
    int empty = tdm_doc_para_count(doc) == 0;
    /* An empty text has an empty summary in any language. */
    if (!(empty && auto_lang)) {
        if (auto_lang) {
            if (tdm_lang_identify(text, text_len, lang_out, err) != 0) {
                if (!err->file[0])
                    snprintf(err->file, sizeof err->file, "%s", path);
                goto fail;
            }
        } else if (tdm_lang_canonical(lang, lang_out, err) != 0) {
            if (!err->file[0])
                snprintf(err->file, sizeof err->file, "%s", path);
            goto fail;
        }
        if (!(s = tdm_summary_langs_get(langs, lang_out, &model, err))) {
            if (!err->file[0])
                snprintf(err->file, sizeof err->file, "%s", path);
            goto fail;
        }
        if (tdm_doc_segment(doc, tdm_summary_model_splitter(model), err) != 0)
            goto fail;
    }
    tdm_summary *sum = tdm_summarize(s, doc, opts, err);
    if (!sum)
        goto fail;
    *doc_out = doc;
    return sum;
fail:
    tdm_doc_free(doc);
    return NULL;
}

static const char *status_name(unsigned flags)
{
    return flags & TDM_SUMMARY_TITLE        ? "title"
           : flags & TDM_SUMMARY_SHORT      ? "short"
           : flags & TDM_SUMMARY_UNFINISHED ? "unfinished"
           : flags & TDM_SUMMARY_DUPLICATE  ? "duplicate"
                                            : "";
}

/* Returns 0, or TDM_ENOMEM (nothing written) when the sentence cannot be
 * copied: never an empty sentence in its place. */
static int write_sentence_json(FILE *out, const tdm_doc *doc, const tdm_summary *sum, size_t i)
{
    const tdm_sentence *sent = &tdm_doc_sentences(doc)[i];
    const tdm_summary_sentence *ss = &tdm_summary_sentences(sum)[i];
    size_t len = 0;
    char *text = tdm_doc_sentence_dup(doc, i, &len);
    if (!text)
        return TDM_ENOMEM;
    fprintf(out, "{\"index\":%zu,\"start\":%zu,\"end\":%zu,\"score\":%.4f,", i, sent->orig_start,
            sent->orig_end, ss->score);
    if (ss->flags)
        fprintf(out, "\"status\":\"%s\",", status_name(ss->flags));
    fputs("\"text\":", out);
    tdm_json_write_string(out, text, len);
    fputc('}', out);
    free(text);
    return 0;
}

static void write_keywords(FILE *out, const tdm_summary *sum, tdm_summary_format format)
{
    const tdm_keyword *kw = tdm_summary_keywords(sum);
    size_t n = tdm_summary_keyword_count(sum);
    fputs(format == TDM_SUMMARY_FORMAT_JSON ? ",\"keywords\":[" : "keywords: ", out);
    for (size_t k = 0; k < n; k++) {
        if (format == TDM_SUMMARY_FORMAT_JSON) {
            fputs(k ? ",{\"text\":" : "{\"text\":", out);
            tdm_json_write_string(out, kw[k].text, strlen(kw[k].text));
            fputs(",\"term\":", out);
            tdm_json_write_string(out, kw[k].term, strlen(kw[k].term));
            fprintf(out, ",\"weight\":%.4f}", kw[k].weight);
        } else {
            fprintf(out, "%s%s", k ? ", " : "", kw[k].text);
        }
    }
    fputs(format == TDM_SUMMARY_FORMAT_JSON ? "]" : "\n", out);
}

/* The members of a summary's JSON object that follow its opening brace (and
 * a batch's "id"): every mode writes these, so that a batch line is the
 * one-file object plus the id and nothing else (summarize(1), FORMATS). */
static int write_json_members(FILE *out, const char *file, const tdm_doc *doc,
                              const tdm_summary *sum, const char *lang, int explain)
{
    size_t n = tdm_doc_sentence_count(doc), count = tdm_summary_count(sum);
    const uint32_t *chosen = tdm_summary_chosen(sum);
    fputs("\"file\":", out);
    tdm_json_write_string(out, file, strlen(file));
    fputs(",\"lang\":", out);
    tdm_json_write_string(out, lang ? lang : "", lang ? strlen(lang) : 0);
    fprintf(out, ",\"sentences\":%zu,\"summary\":[", n);
    for (size_t k = 0; k < count; k++) {
        if (k)
            fputc(',', out);
        if (write_sentence_json(out, doc, sum, chosen[k]) != 0)
            return TDM_ENOMEM;
    }
    fputc(']', out);
    if (explain) {
        fputs(",\"explain\":[", out);
        for (size_t i = 0; i < n; i++) {
            if (i)
                fputc(',', out);
            if (write_sentence_json(out, doc, sum, i) != 0)
                return TDM_ENOMEM;
        }
        fputc(']', out);
    }
    if (tdm_summary_keyword_count(sum))
        write_keywords(out, sum, TDM_SUMMARY_FORMAT_JSON);
    fputs("}\n", out);
    return 0;
}

static int write_text(FILE *out, const tdm_doc *doc, const tdm_summary *sum, int explain)
{
    size_t n = tdm_doc_sentence_count(doc), count = tdm_summary_count(sum);
    const uint32_t *chosen = tdm_summary_chosen(sum);
    const tdm_summary_sentence *ss = tdm_summary_sentences(sum);
    for (size_t k = 0; k < count && !explain; k++) {
        char *text = tdm_doc_sentence_dup(doc, chosen[k], NULL);
        if (!text)
            return TDM_ENOMEM;
        fputs(text, out); /* not printf: a summary per article */
        fputc('\n', out);
        free(text);
    }
    for (size_t i = 0; i < n && explain; i++) {
        char *text = tdm_doc_sentence_dup(doc, i, NULL);
        if (!text)
            return TDM_ENOMEM;
        fprintf(out, "%4zu %c %7.4f %-10s %s\n", i, ss[i].chosen ? '*' : ' ', ss[i].score,
                status_name(ss[i].flags), text);
        free(text);
    }
    if (tdm_summary_keyword_count(sum))
        write_keywords(out, sum, TDM_SUMMARY_FORMAT_TEXT);
    return 0;
}

int tdm_summary_write(FILE *out, const tdm_doc *doc, const tdm_summary *sum, const char *lang,
                      tdm_summary_format format, int explain)
{
    int rc;
    if (format == TDM_SUMMARY_FORMAT_JSON) {
        fputc('{', out);
        rc = write_json_members(out, tdm_doc_name(doc), doc, sum, lang, explain);
    } else {
        rc = write_text(out, doc, sum, explain);
    }
    return rc ? rc : ferror(out) ? TDM_EWRITE : 0;
}

char *tdm_summary_text(const tdm_doc *doc, const tdm_summary *sum, size_t *len_out)
{
    size_t count = tdm_summary_count(sum), len = 0, cap = 1;
    const uint32_t *chosen = tdm_summary_chosen(sum);
    const tdm_sentence *sent = tdm_doc_sentences(doc);
    for (size_t k = 0; k < count; k++)
        cap += sent[chosen[k]].end - sent[chosen[k]].start + 1;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    for (size_t k = 0; k < count; k++) {
        size_t n;
        char *text = tdm_doc_sentence_dup(doc, chosen[k], &n);
        if (!text || len + n + 1 > cap) {
            free(text);
            free(out);
            return NULL;
        }
        memcpy(out + len, text, n);
        len += n;
        if (k + 1 < count)
            out[len++] = '\n';
        free(text);
    }
    out[len] = '\0';
    if (len_out)
        *len_out = len;
    return out;
}

void tdm_summary_batch_opts_init(tdm_summary_batch_opts *o)
{
    memset(o, 0, sizeof *o);
    o->text_key = "text";
    o->format = TDM_SUMMARY_FORMAT_JSON;
    tdm_summary_opts_init(&o->opts);
    tdm_read_opts_init(&o->read);
}

static void write_id(FILE *out, const tdm_json_field *id, long line)
{
    fputs("{\"id\":", out);
    if (id && id->kind == TDM_JSON_STRING)
        tdm_json_write_string(out, id->value, id->value_len);
    else if (id && id->kind == TDM_JSON_NUMBER)
        fputs(id->value, out);
    else
        fprintf(out, "%ld", line);
}

/* The "==> id <==" line before a document's text summary (the header of
 * several files), line breaks and tabs of the id as spaces. */
static void write_text_id(FILE *out, const tdm_json_field *id, long line)
{
    fputs("==> ", out);
    if (id && (id->kind == TDM_JSON_STRING || id->kind == TDM_JSON_NUMBER))
        for (size_t i = 0; i < id->value_len; i++)
            fputc(id->value[i] == '\n' || id->value[i] == '\r' || id->value[i] == '\t'
                      ? ' '
                      : id->value[i],
                  out);
    else
        fprintf(out, "%ld", line);
    fputs(" <==\n", out);
}

/* Summarizes one parsed line and writes its output (written: the summaries
 * written before it, of this input and the ones before; text puts a blank
 * line between two). */
static int batch_line(tdm_summary_langs *langs, const tdm_json_object *obj, const char *name,
                      long line, FILE *out, const tdm_summary_batch_opts *o, size_t written,
                      tdm_error *err)
{
    const tdm_json_field *id = tdm_json_object_get(obj, "id");
    const tdm_json_field *text = tdm_json_object_get(obj, o->text_key ? o->text_key : "text");
    const tdm_json_field *lang = tdm_json_object_get(obj, "lang");
    const tdm_json_field *title = tdm_json_object_get(obj, "title");
    if (!text || text->kind != TDM_JSON_STRING)
        return tdm_fail(err, TDM_EINPUT, name, line, -1, "no string field \"%s\"",
                        o->text_key ? o->text_key : "text");
    tdm_summary_opts opts = o->opts;
    if (title && title->kind == TDM_JSON_STRING && opts.title_mode != TDM_TITLE_NONE)
        opts.title = title->value;
    char label[600], code[8];
    snprintf(label, sizeof label, "%s:%ld", name, line);
    tdm_doc *doc;
    const char *want =
        lang && lang->kind == TDM_JSON_STRING && lang->value_len ? lang->value : o->lang;
    tdm_summary *sum = tdm_summarize_text(langs, label, text->value, text->value_len, &o->read,
                                          want, &opts, &doc, code, err);
    if (!sum)
        return err->code ? err->code : TDM_EINTERNAL;
    /* The record is built in memory and written whole: running out of memory
     * half-way must not leave half a line in the output. */
    char *buf = NULL;
    size_t len = 0;
    FILE *rec = open_memstream(&buf, &len);
    int rc = rec ? 0 : -1;
    if (rec && o->format == TDM_SUMMARY_FORMAT_JSON) {
        write_id(rec, id, line);
        fputc(',', rec);
        rc = write_json_members(rec, name, doc, sum, code, o->explain);
    } else if (rec) {
        if (written)
            fputc('\n', rec);
        write_text_id(rec, id, line);
        rc = write_text(rec, doc, sum, o->explain);
    }
    if (rec) {
        int bad = ferror(rec);
        if (fclose(rec) != 0 || bad)
            rc = rc ? rc : -1;
    }
    if (rc == 0 && len)
        fwrite(buf, 1, len, out); /* a failure is found by the caller's ferror */
    free(buf);
    if (rc != 0) {
        tdm_summary_free(sum);
        tdm_doc_free(doc);
        return tdm_fail(err, TDM_ENOMEM, name, line, -1, "out of memory");
    }
    tdm_summary_free(sum);
    tdm_doc_free(doc);
    return 0;
}

int tdm_summarize_jsonl(tdm_summary_langs *langs, const char *path, FILE *out,
                        const tdm_summary_batch_opts *o, size_t *done, size_t *failed,
                        tdm_error *err)
{
    tdm_jsonl_reader *r = tdm_jsonl_open(path, err);
    tdm_json_object *obj = tdm_json_object_new();
    int rc = 0;
    if (!r || !obj) {
        tdm_jsonl_close(r);
        tdm_json_object_free(obj);
        return r ? tdm_fail(err, TDM_ENOMEM, path, -1, -1, "out of memory") : err->code;
    }
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    for (;;) {
        tdm_error line_err;
        tdm_error_clear(&line_err);
        int got = tdm_jsonl_next(r, obj, &line_err);
        if (got == 0)
            break;
        if (got == TDM_EIO || got == TDM_ENOMEM) {
            *err = line_err;
            rc = got;
            break;
        }
        long line = tdm_jsonl_line(r);
        int line_rc = got < 0 ? got : batch_line(langs, obj, name, line, out, o, *done, &line_err);
        if (line_rc == TDM_ENOMEM) {
            *err = line_err;
            rc = line_rc;
            break;
        }
        if (line_rc != 0 && o->format != TDM_SUMMARY_FORMAT_JSON) {
            (*failed)++; /* text has no error records: on_error only */
            if (o->on_error)
                o->on_error(o->ctx, &line_err);
        } else if (line_rc != 0) {
            (*failed)++;
            char msg[1200];
            tdm_error_format(&line_err, msg, sizeof msg);
            write_id(out, got < 0 ? NULL : tdm_json_object_get(obj, "id"), line);
            fputs(",\"error\":", out);
            tdm_json_write_string(out, msg, strlen(msg));
            fputs("}\n", out);
            if (o->on_error)
                o->on_error(o->ctx, &line_err);
        } else {
            (*done)++;
        }
        if (ferror(out)) {
            rc = tdm_fail(err, TDM_EWRITE, "output", -1, -1, "write error");
            break;
        }
    }
    tdm_jsonl_close(r);
    tdm_json_object_free(obj);
    return rc;
}
