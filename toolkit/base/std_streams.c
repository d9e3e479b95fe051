/*
 * std_streams.c: the standard streams of a program that writes outputs.
 *
 * A program started with a standard descriptor closed (`align ... >&-`)
 * would otherwise hand that number to the next file it opens: an output
 * temporary could become "standard output" and receive the summary line,
 * or an input could. Reserving 0-2 on a descriptor that cannot be used in
 * that direction (/dev/null opened for the other one) keeps the numbers
 * taken and turns every use into an error (EBADF) that is reported: a
 * closed standard output is a write failure, a closed standard input a
 * read failure, never a silent success.
 *
 * SIGINT, SIGTERM and SIGHUP remove the temporaries of the outputs being
 * written (outfile.c keeps their table) and then end the process by the
 * same signal.
 */
#include "tandem/output.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "base/error.h"
#include "base/outfile.h"

void tdm_std_streams_reserve(void)
{
    for (int fd = 0; fd <= 2; fd++)
        if (fcntl(fd, F_GETFD) < 0 && errno == EBADF) {
            /* open() returns the lowest free number: fd itself. */
            int got = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
            if (got >= 0 && got != fd)
                close(got);
        }
}

int tdm_stdout_flush(tdm_error *err)
{
    int failed = fflush(stdout) != 0;
    int saved = errno;
    if (!failed && !ferror(stdout))
        return TDM_OK;
    return tdm_fail(err, TDM_EWRITE, "<stdout>", -1, -1, "write error%s%s", failed ? ": " : "",
                    failed ? strerror(saved) : "");
}

static void remove_temporaries_and_die(int sig)
{
    tdm_outfile_remove_temporaries();
    signal(sig, SIG_DFL);
    raise(sig);
}

void tdm_outfile_catch_signals(void)
{
    static const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction old, sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = remove_temporaries_and_die;
        sigemptyset(&sa.sa_mask);
        if (sigaction(signals[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(signals[i], &sa, NULL);
    }
}
