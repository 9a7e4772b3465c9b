/*
 * bench_reload.c - the terminal workbook's first frame and its edit path, timed through the
 * functions the program itself calls, without a terminal of its own (curses draws into
 * /dev/null). Prints figures for `make bench`; asserts nothing.
 *
 * First frame: what tui_main does before the first frame is on screen - the built-in tables, the
 * workbook opened, the year's A.1 values read and step A.1 built and drawn (tui_first_frame).
 * The whole year on screen: then the year loaded, computed and checked (tui_reload), the first
 * step built and drawn again, as the program does before it waits for the first key. Edit: an A.5 value typed into a cell (tui_table_commit: the write with its
 * undo record, the patch of the loaded year, the report and the checks computed again, the
 * touched row built again), against the reload every edit did before (tui_reload).
 *
 * Usage: bench_reload WORKBOOK YEAR [ROUNDS]   (ROUNDS 0: the first frame only, for a profile)
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/engine.h"
#include "tui/tui_int.h"
#include "tui_fixture.h"

static double
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
load_app(struct app *app, char **cause)
{
    app->lang = LANG_ZH;
    app->program = "bench";
    return forms_load(&app->forms, cause) == ERR_OK && factors_load(&app->lib, cause) == ERR_OK
           && measures_load(&app->measures, cause) == ERR_OK && zc_load(&app->zc, cause) == ERR_OK
           && maturity_defs_load(&app->maturity, cause) == ERR_OK;
}

/* The screen the program draws, 120 × 40, into /dev/null; 0 when there is no terminal. */
static int
screen(struct tui *t, SCREEN **scr, FILE **null)
{
    if ((*null = fopen("/dev/null", "w")) == NULL
        || (*scr = newterm("xterm-256color", *null, stdin)) == NULL)
        return 0;
    resizeterm(40, 120);
    tui_colors(t);
    return 1;
}

static void
tui_done(struct tui *t)
{
    tui_free(t);
}

static size_t
step_of(const struct tui *t, const char *id)
{
    size_t i;

    for (i = 0; i < t->nsteps && strcmp(t->steps[i].id, id) != 0; i++)
        ;
    return i;
}

int
main(int argc, char **argv)
{
    struct app app = {0};
    struct tui t;
    SCREEN *scr = NULL;
    FILE *null = NULL;
    struct wb_year y;
    struct report rep;
    struct check_report chk = {0};
    char *cause = NULL, text[32];
    int year, rounds, i, drawn, first;
    double t0, t1, tf, t2, t3, t4, t5, sum = 0, worst = 0, reload = 0;

    if (argc < 3)
        return 2;
    year = atoi(argv[2]);
    rounds = argc > 3 ? atoi(argv[3]) : 50;

    /* the first frame, in tui_main's order: A.1 drawn from the year's A.1 values, then the
       whole year loaded, computed and checked, and drawn again */
    t0 = now_ms();
    if (!load_app(&app, &cause)) {
        fprintf(stderr, "bench_reload: %s\n", cause ? cause : "?");
        return 3;
    }
    if (tui_fixture_open(&t, &app, argv[1], BOOK_SESSION, year, &cause) != ERR_OK) {
        fprintf(stderr, "bench_reload: %s\n", cause ? cause : "?");
        return 3;
    }
    t1 = now_ms();
    drawn = screen(&t, &scr, &null);
    first = drawn && tui_first_frame(&t);
    tf = now_ms();
    tui_reload(&t);
    tui_go_step(&t, 0);
    t2 = now_ms();
    if (drawn)
        tui_draw(&t);
    t3 = now_ms();
    if (t.y.nentries == 0) {
        fprintf(stderr, "bench_reload: year %d has no entries\n", year);
        return 3;
    }
    if (rounds <= 0) {
        printf("  %zu entries: first frame %.1f ms, the whole year on screen %.1f ms\n",
               t.y.nentries, tf - t0, t3 - t0);
        goto done;
    }
    /* the same steps one by one, for where the time goes */
    t4 = now_ms();
    if (book_load(t.book, year, &y, &cause) != ERR_OK)
        return 3;
    t5 = now_ms();
    printf("  %zu entries: first frame %s%.1f ms (tables and open %.1f, A.1 loaded and drawn "
           "%.1f); the whole year on screen %.1f ms (load + compute + check + build %.1f, draw "
           "%.1f); of it the load from SQLite %.1f ms", t.y.nentries, first ? "" : "(none) ",
           tf - t0, t1 - t0, tf - t1, t3 - t0, t2 - tf, t3 - t2, t5 - t4);
    t4 = now_ms();
    if (report_build(app.forms, &y, 1, year, LANG_ZH, &rep, &cause) != ERR_OK)
        return 3;
    t5 = now_ms();
    printf(", the report %.1f", t5 - t4);
    t4 = now_ms();
    book_check_computed(t.book, &y, report_cur(&rep), NULL, &chk);
    t5 = now_ms();
    printf(", the checks %.1f\n", t5 - t4);
    check_free(&chk);
    report_free(&rep);
    model_free(&y);

    /* an A.5 value typed into a cell and saved, as Enter saves it */
    tui_go_step(&t, (int)step_of(&t, "A.5"));
    for (i = 0; i < rounds; i++) {
        t.row = (int)(((size_t)i * 7919) % t.y.nentries);
        t.col = 2 + i % 12;         /* 1月 … 12月 */
        snprintf(text, sizeof(text), "%d", 1000 + i);
        t0 = now_ms();
        if (tui_table_commit(&t, text) != ERR_OK) {
            fprintf(stderr, "bench_reload: %s\n", t.msg ? t.msg : "?");
            return 3;
        }
        t1 = now_ms();
        sum += t1 - t0;
        if (t1 - t0 > worst)
            worst = t1 - t0;
    }
    printf("  %zu entries: edit one A.5 value (write, patch, recompute, rebuild its row) "
           "%.2f ms on average, %.2f ms worst of %d\n", t.y.nentries, sum / rounds, worst, rounds);
    /* what each edit did before: the same, then the whole year loaded and the grid rebuilt */
    for (i = 0; i < 3; i++) {
        t0 = now_ms();
        tui_reload(&t);
        reload += now_ms() - t0;
    }
    printf("  %zu entries: a full reload (load, compute, check, build the grid), as every edit "
           "did before: %.1f ms on average of 3\n", t.y.nentries, reload / 3);
done:
    if (scr != NULL) {
        endwin();
        delscreen(scr);
    }
    if (null != NULL)
        fclose(null);
    tui_done(&t);
    maturity_defs_free(app.maturity);
    zc_free(app.zc);
    measures_free(app.measures);
    factors_free(app.lib);
    forms_free(app.forms);
    return 0;
}
