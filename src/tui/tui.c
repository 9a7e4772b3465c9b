/*
 * tui.c - the key loop of the terminal workbook (DESIGN §5): what every step shares - moving
 * between steps, the field editor's keys, undo and redo, help, export, quit, mouse clicks - and
 * the rest handed to the step's screen kind. Each committed field is written at once, so
 * quitting never asks to save.
 */
#include <curses.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "book/history.h"
#include "tui/tui_int.h"

void
tui_message(struct tui *t, enum msg_level level, const char *fmt, ...)
{
    va_list ap;

    free(t->msg);
    va_start(ap, fmt);
    t->msg = xvasprintf(fmt, ap);
    va_end(ap);
    t->msg_level = level;
}

void
tui_clear_message(struct tui *t)
{
    free(t->msg);
    t->msg = NULL;
}

int
tui_can(const struct tui *t, enum action act)
{
    if (tui_watch_locked(t, act, 0, 1))
        return 0;
    switch (act) {
    case ACT_ADD:
        return t->sheet != NULL && t->sheet->add_choice != NULL && t->kind->add != NULL;
    case ACT_DELETE:
        return t->sheet != NULL && t->sheet->del_what != NULL && t->kind->del != NULL;
    case ACT_SETTINGS:
        return t->sheet != NULL && t->sheet->settings_choice != NULL && t->kind->settings != NULL;
    case ACT_UNDO:
        return t->st != NULL && store_can_undo(t->st);
    case ACT_ISSUES:
        return t->chk.n > 0;
    case ACT_NA: {            /* on a quantity (A.5's months) */
        const struct sheet_cell *c = tui_cell(t);

        return t->kind->commit != NULL && c != NULL && (c->flags & SHEET_PERIOD);
    }
    case ACT_NEXT:
    case ACT_EDIT:            /* nothing to fill in on the computed steps */
        return t->kind->commit != NULL;
    default:
        return 1;
    }
}

int
tui_commit_edit(struct tui *t)
{
    char *text = editor_text(&t->ed);
    enum err e = t->kind->commit != NULL ? t->kind->commit(t, text) : ERR_INPUT;
    struct sheet_cell *cell;

    free(text);
    if (e != ERR_OK)
        return 0;
    t->editing = 0;
    cell = tui_cell(t);
    if (cell != NULL && (cell->flags & SHEET_WARN) && cell->note != NULL)
        tui_message(t, MSG_WARN, "%s%s", cell->note, TR(t, "（已保存）", " (saved)"));
    return 1;
}

/* After Enter saved a field: where the sheet says the next one is (A.1 down, A.5 the next month). */
static void
advance(struct tui *t)
{
    struct sheet_env env;

    if (t->sheet == NULL || t->sheet->advance == NULL)
        return;
    tui_env(t, &env);
    t->sheet->advance(&env, &t->grid, &t->row, &t->col);
}

/*
 * When the next change to take back (redo: to make again) is another program's, whose it is and
 * what a second press does: this window's own (that one stays), or that one when there is none.
 * 1 when it asked.
 */
static int
ask_whose(struct tui *t, int redo, const struct store_origin *own, const struct store_origin *last)
{
    long long arm = redo ? -last->action : last->action;
    char *who;

    if (last->action == 0 || last->own || t->undo_armed == arm)
        return 0;
    who = history_origin(last, time(NULL), t->lang);
    if (own->action != 0 && !redo)
        tui_message(t, MSG_WARN, TR(t, "上一次修改来自%s：再按 Ctrl-Z 撤销本窗口的上一次修改",
                                    "The last change came from %s: press Ctrl-Z again to undo "
                                    "this window's own last change (that one stays)"), who);
    else if (own->action != 0)
        tui_message(t, MSG_WARN, TR(t, "可重做的修改来自%s：再按 Ctrl-Y 重做本窗口撤销的修改",
                                    "The change to redo came from %s: press Ctrl-Y again to "
                                    "redo this window's own undone change"), who);
    else if (!redo)
        tui_message(t, MSG_WARN, TR(t, "上一次修改来自%s：按 Ctrl-Z 再次确认撤销",
                                    "The last change came from %s: press Ctrl-Z again to undo it"),
                    who);
    else
        tui_message(t, MSG_WARN, TR(t, "可重做的修改来自%s：按 Ctrl-Y 再次确认重做",
                                    "The change to redo came from %s: press Ctrl-Y again to redo "
                                    "it"), who);
    free(who);
    t->undo_armed = arm;
    return 1;
}

/* Whether this window has a change of its own left to undo (redo: to redo). */
static int
own_left(struct tui *t, int redo)
{
    struct store_origin own, last;
    char *cause = NULL;
    int left = store_next(t->st, redo, &own, &last, &cause) == ERR_OK && own.action != 0;

    store_origin_free(&own);
    store_origin_free(&last);
    free(cause);
    return left;
}

/*
 * Ctrl-Z (redo: Ctrl-Y): this window's own latest change, asking first when another program's
 * came after it (ask_whose); a row another program changed since refuses, saying whose.
 */
static void
undo_redo(struct tui *t, int redo)
{
    struct store_action act = {0};
    struct store_origin own = {0}, last = {0};
    char *what = NULL, *cause = NULL;
    enum err e = store_next(t->st, redo, &own, &last, &cause);
    long long id = own.action != 0 ? own.action : last.action;
    int exists = 1;

    if (e == ERR_OK && ask_whose(t, redo, &own, &last))
        goto out;
    if (e == ERR_OK && id == 0)
        e = ERR_NOTFOUND;
    else if (e == ERR_OK)
        e = redo ? store_redo_action(t->st, id, &act, &cause)
                 : store_undo_action(t->st, id, &act, &cause);
    if (e == ERR_OK && !own_left(t, redo))
        t->undo_armed = 0;       /* the next press asks before another program's */
    if (e == ERR_OK && !redo && store_year_exists(t->st, t->year, &exists, &cause) == ERR_OK
        && !exists) {
        /* that was the creation of the year on screen: undoing it would leave nothing to edit */
        store_action_free(&act);
        e = store_redo_action(t->st, id, NULL, &cause);
        if (e == ERR_OK) {
            tui_message(t, MSG_INFO, TR(t, "上一步是创建本年度（%d），不能在本年度中撤销",
                                        "The last step created this year (%d); it cannot be undone here"),
                        t->year);
            goto out;
        }
    }
    if (e == ERR_NOTFOUND)
        tui_message(t, MSG_INFO, "%s", redo ? TR(t, "没有可重做的修改", "Nothing to redo")
                                            : TR(t, "没有可撤销的修改", "Nothing to undo"));
    else if (e != ERR_OK && act.changed_since) {
        what = history_conflict(&act.conflict, redo, time(NULL), t->lang);
        tui_message(t, MSG_ERROR, "%s", what);
    } else if (e != ERR_OK)
        tui_message(t, MSG_ERROR, "%s", cause ? cause : err_str(e));
    else {
        what = history_describe(&act, t->app->forms, t->app->lib, t->lang);
        tui_reload(t);
        tui_message(t, MSG_OK, "%s%s", redo ? TR(t, "已重做：", "Redone: ")
                                            : TR(t, "已撤销：", "Undone: "), what);
    }
out:
    store_action_free(&act);
    store_origin_free(&own);
    store_origin_free(&last);
    free(what);
    free(cause);
}

static void
show_help(struct tui *t)
{
    int is_key, top = 0;
    wint_t ch;
    enum action a;

    for (;;) {
        tui_draw_help(t, &top);
        if (!tui_getkey(t, &ch, &is_key)) {
            if (tui_signalled())
                return;
            continue;
        }
        if (is_key && ch == KEY_RESIZE)
            continue;
        a = tui_key_action(ch, is_key);
        if (a == ACT_DOWN || a == ACT_UP || a == ACT_NEXT_STEP || a == ACT_PREV_STEP) {
            top += a == ACT_DOWN ? 1 : a == ACT_UP ? -1 : a == ACT_NEXT_STEP ? t->rows / 2
                                                                             : -t->rows / 2;
            continue;
        }
        if (a == ACT_CANCEL || a == ACT_HELP || a == ACT_QUIT || ch == 'q')
            return;
    }
}

/* A key while a field is open. */
static void
on_edit_key(struct tui *t, wint_t ch, int is_key)
{
    enum action a = tui_key_edit_action(ch, is_key);

    if (a != ACT_QUIT)
        t->quit_armed = 0;
    switch (a) {
    case ACT_EDIT:
        if (tui_commit_edit(t))
            advance(t);
        break;
    case ACT_NEXT: case ACT_PREV: case ACT_UP: case ACT_DOWN:
        if (tui_commit_edit(t))
            tui_table_move(t, a);
        break;
    case ACT_NEXT_STEP: case ACT_PREV_STEP:
        if (tui_commit_edit(t))
            tui_go_step(t, (int)t->step + (a == ACT_NEXT_STEP ? 1 : -1));
        break;
    case ACT_CANCEL:
        t->editing = 0;
        tui_clear_message(t);
        break;
    case ACT_UNDO: case ACT_REDO:
        t->editing = 0;
        undo_redo(t, a == ACT_REDO);
        break;
    case ACT_HELP:
        show_help(t);
        break;
    case ACT_SAVE:
        tui_commit_edit(t);
        break;
    case ACT_EXPORT:
        if (tui_commit_edit(t))
            tui_export(t);
        break;
    case ACT_QUIT:
        /* a valid value is saved as leaving the field does; an invalid one stays, saying why,
           and a second quit key leaves without it */
        if (tui_commit_edit(t) || t->quit_armed)
            t->quit = 1;
        else {
            char *why = t->msg != NULL ? xstrdup(t->msg) : NULL;

            tui_message(t, MSG_ERROR, TR(t, "%s%s未保存：再按一次退出键将不保存退出",
                                         "%s%sNot saved: press quit again to leave without it"),
                        why ? why : "", why ? TR(t, "；", "; ") : "");
            free(why);
            t->quit_armed = 1;
            return;
        }
        break;
    default:
        tui_edit_key(&t->ed, ch, is_key);
        break;
    }
}

/* A key at rest: what every step shares here, the rest to the step's screen. */
static void
on_key(struct tui *t, wint_t ch, int is_key)
{
    enum action a = tui_key_action(ch, is_key);

    if (a != ACT_NONE && a != ACT_HELP)
        tui_clear_message(t);
    if (a != ACT_UNDO && a != ACT_REDO)
        t->undo_armed = 0;       /* asking whose a change is holds for the next key only */
    if (tui_watch_refuse(t, a, ch, is_key))
        return;
    switch (a) {
    case ACT_NEXT_STEP: tui_go_step(t, (int)t->step + 1); break;
    case ACT_PREV_STEP: tui_go_step(t, (int)t->step - 1); break;
    case ACT_UNDO: undo_redo(t, 0); break;
    case ACT_REDO: undo_redo(t, 1); break;
    case ACT_YEAR: tui_year(t); break;
    case ACT_SAVE:
        tui_message(t, MSG_OK, TR(t, "所有修改在保存每一项时都已写入工作簿，无需另行保存",
                                  "Every change was written to the workbook when its field was saved"));
        break;
    case ACT_HELP: show_help(t); break;
    case ACT_EXPORT: tui_export(t); break;
    case ACT_ISSUES: tui_issues(t); break;
    case ACT_QUIT: t->quit = 1; break;
    case ACT_CANCEL: break;
    default:
        t->kind->key(t, a, ch, is_key);
        break;
    }
}

/* A click: a step in the step bar, or a cell of the grid (saving a field being edited first). */
static void
on_click(struct tui *t)
{
    MEVENT ev;
    size_t s;
    int c, r;

    if (getmouse(&ev) != OK || !(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
        return;
    if (ev.y == 1) {
        for (s = 0; s < t->nsteps; s++)
            if (ev.x >= t->step_x[s] && ev.x < t->step_x[s + 1]
                && (!t->editing || tui_commit_edit(t)))
                tui_go_step(t, (int)s);
        return;
    }
    if (t->cell_y0 < 0 || ev.y < t->cell_y0)
        return;
    r = t->top + ev.y - t->cell_y0;
    for (c = 0; c < t->grid.ncols; c++)
        if (t->col_x[c] >= 0 && ev.x >= t->col_x[c] && ev.x < t->col_x[c] + t->col_w[c]
            && r < t->grid.nrows && (!t->kind->one_column || c == t->grid.start_col)
            && (!t->editing || tui_commit_edit(t))) {
            t->row = r;
            t->col = c;
            t->sel = -1;
            tui_clear_message(t);
        }
}

void
tui_run(struct tui *t)
{
    int is_key;
    wint_t ch;

    while (!t->quit && !tui_signalled()) {
        tui_draw(t);
        if (!tui_getkey(t, &ch, &is_key)) {
            tui_watch(t);        /* idle: another window's changes, taking over */
            continue;
        }
        if (is_key && ch == KEY_RESIZE) {
            if (t->editing)
                editor_resize(&t->ed, t->grid.widths[t->col]);
            continue;
        }
        if (t->cols < TUI_MIN_COLS || t->rows < TUI_MIN_ROWS) {
            if (tui_key_action(ch, is_key) == ACT_QUIT)
                t->quit = 1;
            continue;
        }
        if (is_key && ch == KEY_MOUSE)
            on_click(t);
        else if (t->editing)
            on_edit_key(t, ch, is_key);
        else
            on_key(t, ch, is_key);
    }
}
