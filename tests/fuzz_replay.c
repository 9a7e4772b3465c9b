/*
 * fuzz_replay.c - runs a libFuzzer target's corpus once, without libFuzzer: each file of the
 * directories (or files) named on the command line, or of FUZZ_CORPUS when none is, is fed to
 * LLVMFuzzerTestOneInput once and is one TAP line. Linked with each tests/fuzz_*.c, it is how
 * `make check` (and `make asan`, `make valgrind`) replays tests/fuzz/TARGET/: every input a fuzz
 * run ever kept, crashes and hangs found included, stays a regression test. A crash ends the
 * program (the file being run is printed first); a hang is left to the caller's timeout.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/xmem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads path whole into *buf (caller frees) and its length into *len; -1 when it cannot. */
static int
read_all(const char *path, char **buf, size_t *len)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 0, n;

    *buf = NULL;
    *len = 0;
    if (f == NULL)
        return -1;
    for (;;) {
        *buf = xgrow(*buf, &cap, *len + 4096, 1);
        n = fread(*buf + *len, 1, cap - *len, f);
        *len += n;
        if (n == 0)
            break;
    }
    n = (size_t)ferror(f);
    fclose(f);
    return n == 0 ? 0 : -1;
}

static int
by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs one file; returns 0, or 1 when it could not be read. */
static int
run_file(const char *path, int *count)
{
    char *buf;
    size_t len;

    (*count)++;
    printf("# %s\n", path);
    fflush(stdout);
    if (read_all(path, &buf, &len) != 0) {
        printf("not ok %d - %s cannot be read\n", *count, path);
        free(buf);
        return 1;
    }
    LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
    free(buf);
    printf("ok %d - %s (%zu bytes) runs clean\n", *count, path, len);
    return 0;
}

/* Runs every regular file of dir, in name order (or dir itself when it is a file). */
static int
run_path(const char *dir, int *count)
{
    struct dirent *de;
    struct stat sb;
    char **names = NULL, *p;
    size_t n = 0, cap = 0, i;
    int bad = 0;
    DIR *d;

    if (stat(dir, &sb) == 0 && S_ISREG(sb.st_mode))
        return run_file(dir, count);
    if ((d = opendir(dir)) == NULL) {
        printf("not ok %d - corpus %s cannot be opened\n", ++*count, dir);
        return 1;
    }
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        p = xasprintf("%s/%s", dir, de->d_name);
        if (stat(p, &sb) == 0 && S_ISREG(sb.st_mode)) {
            names = xgrow(names, &cap, n + 1, sizeof(*names));
            names[n++] = p;
        } else {
            free(p);
        }
    }
    closedir(d);
    qsort(names, n, sizeof(*names), by_name);
    for (i = 0; i < n; i++) {
        bad += run_file(names[i], count);
        free(names[i]);
    }
    free(names);
    return bad;
}

int
main(int argc, char **argv)
{
    int i, count = 0, bad = 0;

    if (argc < 2)
        bad = run_path(FUZZ_CORPUS, &count);
    for (i = 1; i < argc; i++)
        bad += run_path(argv[i], &count);
    printf("1..%d\n", count);
    return bad != 0;
}
