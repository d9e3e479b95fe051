/* error.c: status codes, their messages, and the error record. */
#include "base/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *tdm_strerror(int code)
{
    switch (code) {
    case TDM_OK: return "success";
    case TDM_EUSAGE: return "bad usage";
    case TDM_EINPUT: return "bad input";
    case TDM_EBINARY: return "binary file";
    case TDM_EIO: return "input/output error";
    case TDM_ENOMEM: return "out of memory";
    case TDM_ENOLANG: return "unsupported language";
    case TDM_EINTERNAL: return "internal error";
    case TDM_EWRITE: return "write error";
    default: return "unknown error";
    }
}

int tdm_exit_status(int code)
{
    switch (code) {
    case TDM_OK: return TDM_EXIT_OK;
    case TDM_EUSAGE: return TDM_EXIT_USAGE;
    case TDM_EINPUT:
    case TDM_EBINARY:
    case TDM_EIO: /* a missing or unreadable input is the user's input */
    case TDM_ENOLANG: return TDM_EXIT_INPUT;
    default: return TDM_EXIT_INTERNAL;
    }
}

void tdm_error_clear(tdm_error *err)
{
    if (!err)
        return;
    err->code = TDM_OK;
    err->file[0] = '\0';
    err->line = -1;
    err->offset = -1;
    err->message[0] = '\0';
}

int tdm_fail(tdm_error *err, int code, const char *file, long line, long long offset,
             const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->offset = offset;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

void tdm_error_format(const tdm_error *err, char *buf, size_t cap)
{
    if (!cap)
        return;
    const char *msg = err->message[0] ? err->message : tdm_strerror(err->code);
    if (err->file[0] && err->line > 0)
        snprintf(buf, cap, "%s:%ld: %s", err->file, err->line, msg);
    else if (err->file[0] && err->offset >= 0)
        snprintf(buf, cap, "%s: byte %lld: %s", err->file, err->offset, msg);
    else if (err->file[0])
        snprintf(buf, cap, "%s: %s", err->file, msg);
    else
        snprintf(buf, cap, "%s", msg);
}
