/*
 * bench_reload.c - the terminal workbook's path after a committed edit, timed: write one A.5 value
 * (logged for undo), reload the year, rebuild the report and the checks. Prints figures for
 * `make bench`; asserts nothing. Usage: bench_reload WORKBOOK YEAR [ROUNDS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/check.h"
#include "data/factors.h"
#include "data/forms.h"
#include "core/report.h"
#include "store/store.h"

static double
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int
main(int argc, char **argv)
{
    struct factor_lib *lib;
    struct form_set *fs;
    struct store *st;
    char *cause = NULL;
    int year, rounds, i;
    double t0, write_ms = 0, reload_ms = 0, worst = 0;

    if (argc < 3)
        return 2;
    year = atoi(argv[2]);
    rounds = argc > 3 ? atoi(argv[3]) : 50;
    if (forms_load(&fs, &cause) != ERR_OK || factors_load(&lib, &cause) != ERR_OK
        || store_open(argv[1], STORE_EXISTING, &st, &cause) != ERR_OK) {
        fprintf(stderr, "bench_reload: %s\n", cause ? cause : "?");
        return 3;
    }
    for (i = 0; i < rounds; i++) {
        struct wb_year y;
        struct report rep;
        struct check_report chk = {0};
        double t1, t2;

        t0 = now_ms();
        if (store_load_year(st, lib, year, &y, &cause) != ERR_OK || y.nentries == 0)
            return 3;
        if (store_activity_put(st, y.entries[0].id, "2024-01", 1000.0 + i, y.entries[0].acts[0].unit,
                               "账单", NULL, NULL, &cause) != ERR_OK)
            return 3;
        model_free(&y);
        t1 = now_ms();
        if (store_load_year(st, lib, year, &y, &cause) != ERR_OK
            || report_build(fs, &y, 1, y.year, LANG_ZH, &rep, &cause) != ERR_OK)
            return 3;
        check_year(fs, &y, NULL, &chk);
        t2 = now_ms();
        write_ms += t1 - t0;
        reload_ms += t2 - t1;
        if (t2 - t0 > worst)
            worst = t2 - t0;
        check_free(&chk);
        report_free(&rep);
        model_free(&y);
    }
    printf("edit + live panel (write one value with its undo record, reload the year, report, checks): "
           "%.2f ms write + %.2f ms recompute on average, %.2f ms worst of %d\n",
           write_ms / rounds, reload_ms / rounds, worst, rounds);
    store_close(st);
    factors_free(lib);
    forms_free(fs);
    return 0;
}
