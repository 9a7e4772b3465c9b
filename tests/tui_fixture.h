/*
 * tui_fixture.h - the terminal workbook's state set up as tui_main sets it, without a terminal:
 * what test_first_frame.c, test_incremental.c and bench_reload.c share. Include it after
 * tui/tui_int.h. The caller then draws the first frame or reloads, and frees with tui_free.
 */
#ifndef TANBOOK_TUI_FIXTURE_H
#define TANBOOK_TUI_FIXTURE_H

#include <string.h>

/* t for the workbook at path opened in mode (BOOK_SESSION as the terminal opens it, or
   BOOK_WRITE), on year, in Chinese; 0, or the book_open error with *cause. */
static inline enum err
tui_fixture_open(struct tui *t, struct app *app, const char *path, enum book_mode mode, int year,
                 char **cause)
{
    enum err e;

    memset(t, 0, sizeof(*t));
    t->sel = -1;
    t->app = app;
    t->lang = LANG_ZH;
    tui_steps_init(t);
    if ((e = book_open(app, path, mode, &t->book, cause)) != ERR_OK)
        return e;
    t->st = book_store(t->book);
    t->year = year;
    return ERR_OK;
}

#endif
