/*
 * bench_clip.c: clipping the first pass's path to each group of aligned
 * paragraphs (tdm_path_clip, dp.c), against the scan of the whole path that
 * search.c did before (clip_guide: every bead looked at and the whole path's
 * size allocated, for every group whose grid is large enough to need a
 * guide). A path of N 1-1 beads cut into groups of 1,000 sentences a side
 * (grids of a million cells, over the full-grid limit): the scan costs N
 * per group, so N^2 / 1,000 in all; the clip costs the group's beads.
 * Prints figures, asserts nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "align/dp.h"

#define GROUP 1000

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* The old clip_guide of search.c: every bead of the path looked at. */
static tdm_bead *scan_clip(const tdm_bead *guide, size_t guide_count, size_t s0, size_t n,
                           size_t t0, size_t m, size_t *count)
{
    tdm_bead *out = malloc((guide_count + 1) * sizeof *out);
    *count = 0;
    if (!out)
        return NULL;
    for (size_t k = 0; k < guide_count; k++) {
        long i0 = (long)guide[k].src_first - (long)s0, j0 = (long)guide[k].tgt_first - (long)t0;
        long i1 = i0 + guide[k].src_count, j1 = j0 + guide[k].tgt_count;
        if (i1 < 0 || j1 < 0 || i0 > (long)n || j0 > (long)m)
            continue;
        i0 = i0 < 0 ? 0 : i0;
        j0 = j0 < 0 ? 0 : j0;
        i1 = i1 > (long)n ? (long)n : i1;
        j1 = j1 > (long)m ? (long)m : j1;
        out[(*count)++] =
            (tdm_bead){(uint32_t)i0, (uint32_t)(i1 - i0), (uint32_t)j0, (uint32_t)(j1 - j0), 0};
    }
    return out;
}

/* Seconds to clip the path of n beads to each of its groups, by clip or by
 * the scan; *kept gets the beads kept in all. */
static double run(const tdm_bead *path, size_t n, int scan, size_t *kept)
{
    double t = now();
    *kept = 0;
    for (size_t g = 0; g < n; g += GROUP) {
        size_t count;
        tdm_bead *b = scan ? scan_clip(path, n, g, GROUP, g, GROUP, &count)
                           : tdm_path_clip(path, n, g, GROUP, g, GROUP, &count);
        if (!b)
            return -1;
        *kept += count;
        free(b);
    }
    return now() - t;
}

int main(void)
{
    static const size_t sizes[] = {10000, 100000, 1000000};
    printf("clip a path of N 1-1 beads to its groups of %d (tdm_path_clip vs a scan of the path)\n",
           GROUP);
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t n = sizes[k], kept_clip, kept_scan;
        tdm_bead *path = malloc(n * sizeof *path);
        if (!path)
            return 1;
        for (size_t i = 0; i < n; i++)
            path[i] = (tdm_bead){(uint32_t)i, 1, (uint32_t)i, 1, 0};
        double clip = run(path, n, 0, &kept_clip), scan = run(path, n, 1, &kept_scan);
        if (clip < 0 || scan < 0 || kept_clip != kept_scan) {
            free(path);
            return 1;
        }
        printf("N %8zu  groups %5zu  clip %8.4f s  scan %8.4f s\n", n, n / GROUP, clip, scan);
        free(path);
    }
    return 0;
}
