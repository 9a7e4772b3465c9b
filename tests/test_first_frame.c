/*
 * test_first_frame.c - the terminal workbook's first frame (tui_first_frame): step A.1 drawn from
 * the year's A.1 values alone, before the year's entries are loaded. It must show nothing it
 * does not know yet: no step marks, no findings, no totals - the live area says they are being
 * computed. The whole year loaded after it (tui_reload, as tui_main does) brings them. Curses
 * draws into /dev/null; the test reads the screen back from stdscr.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "book/demo.h"
#include "tui/tui_int.h"

#include "book_fixture.h"
#include "tui_fixture.h"

struct ff {
    struct app app;
    char dir[64], path[128];
    struct tui t;
    SCREEN *scr;
    FILE *out, *in;
};

static int
setup(void **state)
{
    struct ff *f = xcalloc(1, sizeof(*f));

    setlocale(LC_ALL, "C.UTF-8");
    if (fixture_open(&f->app, f->dir) != 0)
        return -1;
    if ((f->out = fopen("/dev/null", "w")) == NULL || (f->in = fopen("/dev/null", "r")) == NULL
        || (f->scr = newterm("xterm-256color", f->out, f->in)) == NULL)
        return -1;
    resizeterm(40, 120);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct ff *f = *state;
    int rc;

    endwin();
    delscreen(f->scr);
    fclose(f->out);
    fclose(f->in);
    rc = fixture_close(&f->app, f->dir);
    free(f);
    return rc;
}

/* Screen row y as UTF-8 into buf (size bytes). */
static const char *
row_text(int y, char *buf, size_t size)
{
    wchar_t w[256];

    memset(w, 0, sizeof(w));
    mvwinnwstr(stdscr, y, 0, w, (int)(sizeof(w) / sizeof(w[0])) - 1);
    if (wcstombs(buf, w, size - 1) == (size_t)-1)
        buf[0] = '\0';
    buf[size - 1] = '\0';
    return buf;
}

/* Whether some row of the screen holds text. */
static int
screen_has(const char *text)
{
    char buf[1024];
    int y;

    for (y = 0; y < 40; y++)
        if (strstr(row_text(y, buf, sizeof(buf)), text) != NULL)
            return 1;
    return 0;
}

/* Whether the step bar (row 1) shows a mark: ✓ complete, ✗ errors, ! warnings. */
static int
has_marks(void)
{
    char buf[1024];

    row_text(1, buf, sizeof(buf));
    return strstr(buf, "✓") != NULL || strstr(buf, "✗") != NULL || strchr(buf, '!') != NULL;
}

static void
test_first_frame(void **state)
{
    struct ff *f = *state;
    struct tui *t = &f->t;
    char *cause = NULL;
    const char *unit;

    snprintf(f->path, sizeof(f->path), "%s/demo.tanbook", f->dir);
    assert_int_equal(demo_create(&f->app, f->path, 1, &cause), ERR_OK);
    assert_int_equal(tui_fixture_open(t, &f->app, f->path, BOOK_SESSION, 2024, &cause), ERR_OK);

    /* the first frame: A.1 with its values, the year's entries not loaded, nothing judged */
    assert_int_equal(tui_first_frame(t), 1);
    assert_int_equal(t->pending, 0);
    assert_int_equal(t->y.nentries, 0);
    assert_int_equal(t->y.npins, 0);
    assert_string_equal(t->steps[t->step].id, "A.1");
    unit = model_info(&t->y, "unit_name");
    assert_non_null(unit);
    assert_true(screen_has(unit));                  /* the header and the A.1 row */
    assert_true(screen_has("正在计算本年度的汇总与检查…"));
    assert_false(screen_has("实时汇总"));
    assert_false(screen_has("tCO₂e"));              /* no total shown before it is computed */
    assert_false(has_marks());

    /* then the whole year, as tui_main goes on: the totals and the marks come */
    tui_reload(t);
    tui_go_step(t, 0);
    tui_draw(t);
    assert_true(t->y.nentries > 0);
    assert_true(t->rep_ok);
    assert_false(screen_has("正在计算本年度的汇总与检查…"));
    assert_true(screen_has("实时汇总"));
    assert_true(screen_has("tCO₂e"));
    assert_true(has_marks());
    tui_free(t);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_frame),
    };

    return cmocka_run_group_tests_name("first_frame", tests, setup, teardown);
}
