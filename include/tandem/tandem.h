/*
 * tandem.h: version, status codes and the error record shared by every
 * part of the tandem library.
 *
 * Errors are values (the zstd rule): a function that can fail returns a
 * negative TDM_E... code, or NULL, and fills a caller-provided tdm_error
 * with the file, line or byte offset and a message. The library never
 * prints and never exits; the programs decide what to say and which exit
 * status to use (tdm_exit_status).
 *
 * What every public header means, unless a function's comment says more:
 *  - Ownership: a function that returns something new says so and names
 *    what frees it (the matching tdm_..._free, or free() for a string);
 *    every tdm_..._free takes NULL as a no-op. A pointer from an accessor
 *    is owned by the object it came from and lives as long as that object.
 *    Arguments are borrowed for the call only, unless "keeps" or "borrows
 *    for its life" says otherwise.
 *  - Errors: err is a tdm_error the caller owns (often on the stack); it
 *    is filled when the call fails.
 *  - Threads: no global mutable state; the read-once tables (language
 *    codes, identification fingerprints) are loaded under pthread_once.
 *    Objects that are only read once built (documents after segmentation,
 *    alignments, models, splitters, summaries) may be read by many threads
 *    at once; a workspace (summarizer, ROUGE scorer, IDF builder, output
 *    file) is used by one thread at a time.
 */
#ifndef TANDEM_TANDEM_H
#define TANDEM_TANDEM_H

#include <stddef.h>
#include <stdint.h>

#define TDM_VERSION "0.1.0"

/* Status codes. 0 is success, every error is negative. */
enum {
    TDM_OK = 0,
    TDM_EUSAGE = -1,    /* bad argument or option value */
    TDM_EINPUT = -2,    /* malformed input: undecodable bytes, bad bead file */
    TDM_EBINARY = -3,   /* input is binary (NUL bytes, not text) */
    TDM_EIO = -4,       /* an input cannot be opened or read */
    TDM_ENOMEM = -5,    /* out of memory */
    TDM_ENOLANG = -6,   /* language unsupported or not identifiable */
    TDM_EINTERNAL = -7, /* a bug or a resource failure */
    TDM_EWRITE = -8     /* an output cannot be created, written or put in place */
};

/* Exit statuses of the programs, documented in their --help and man pages. */
enum { TDM_EXIT_OK = 0, TDM_EXIT_USAGE = 1, TDM_EXIT_INPUT = 2, TDM_EXIT_INTERNAL = 3 };

/* Where and why something failed. Plain data, no ownership: it can live on
 * the stack. line and offset are -1 when unknown. */
typedef struct tdm_error {
    int code;
    char file[512];
    long line;        /* 1-based line number */
    long long offset; /* 0-based byte offset in the original file */
    char message[512];
} tdm_error;

/* Returns a static description of a status code (never NULL). */
const char *tdm_strerror(int code);

/* Maps a status code to the programs' exit status (TDM_EXIT_...). */
int tdm_exit_status(int code);

/* Resets err to "no error" (code 0, empty strings, line/offset -1). NULL ok. */
void tdm_error_clear(tdm_error *err);

/* Writes "file:line: message", "file: byte N: message" or "file: message"
 * (whichever parts are known) into buf, always NUL-terminated. */
void tdm_error_format(const tdm_error *err, char *buf, size_t cap);

#endif
