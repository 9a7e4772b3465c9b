/*
 * tui.c - the terminal workbook (DESIGN §5): opens or creates a workbook, runs the key loop over
 * the steps A.1 → A.3 → A.5 → A.6 → A.2 → A.4 → 导出, and restores the terminal on every way
 * out. Each committed field is written at once, so quitting never asks to save.
 */
#include <ctype.h>
#include <curses.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wctype.h>

#include "book/history.h"
#include "cli/cli.h"
#include "export/export.h"
#include "base/text.h"
#include "tui/tui.h"
#include "tui/tui_int.h"
#include "base/width.h"

static volatile sig_atomic_t got_signal;
static int curses_on;

static void
on_signal(int sig)
{
    got_signal = sig;
}

/* Gives the terminal back: on quit, on a fatal error, at exit. */
static void
restore_terminal(void)
{
    if (curses_on) {
        curses_on = 0;
        endwin();
    }
}

static void
catch_signals(void)
{
    static const int sigs[] = {SIGTERM, SIGHUP, SIGINT, SIGQUIT};
    struct sigaction sa;
    size_t i;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (i = 0; i < nitems(sigs); i++)
        sigaction(sigs[i], &sa, NULL);
}

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

static void
clear_message(struct tui *t)
{
    free(t->msg);
    t->msg = NULL;
}

void
tui_reload(struct tui *t)
{
    struct wb_year y;
    char *cause = NULL;
    enum err e;

    if (t->st == NULL)
        return;
    if ((e = store_load_year(t->st, t->app->lib, t->year, &y, &cause)) != ERR_OK) {
        tui_message(t, MSG_ERROR, "%s", cause ? cause : err_str(e));
        free(cause);
        return;
    }
    model_free(&t->y);
    t->y = y;
    if (t->rep_ok)
        report_free(&t->rep);
    free(t->rep_err);
    t->rep_err = NULL;
    t->rep_ok = report_build(t->app->forms, &t->y, 1, t->y.year, t->lang, &t->rep, &t->rep_err) == ERR_OK;
    check_free(&t->chk);
    check_year(t->app->forms, &t->y, &t->chk);
    tui_build(t);
}

int
tui_getkey(struct tui *t, wint_t *ch, int *is_key)
{
    int rc;

    (void)t;
    rc = get_wch(ch);
    if (got_signal)
        return 0;
    if (rc == ERR)
        return 0;
    *is_key = rc == KEY_CODE_YES;
    return 1;
}

/* ---- prompts -------------------------------------------------------------------------------- */

/* Applies an editing key to ed; 1 when it was one. */
static int
edit_key(struct editor *ed, wint_t ch, int is_key)
{
    if (is_key) {
        switch (ch) {
        case KEY_LEFT: editor_left(ed); return 1;
        case KEY_RIGHT: editor_right(ed); return 1;
        case KEY_HOME: editor_home(ed); return 1;
        case KEY_END: editor_end(ed); return 1;
        case KEY_BACKSPACE: editor_backspace(ed); return 1;
        case KEY_DC: editor_delete(ed); return 1;
        default: return 0;
        }
    }
    switch (ch) {
    case 127:
    case 8: editor_backspace(ed); return 1;
    case 21: editor_clear(ed); return 1;       /* Ctrl-U */
    case 11: editor_kill_end(ed); return 1;    /* Ctrl-K */
    case 1: editor_home(ed); return 1;         /* Ctrl-A */
    case 5: editor_end(ed); return 1;          /* Ctrl-E */
    default: return iswprint(ch) ? (editor_insert(ed, (wchar_t)ch), 1) : 0;
    }
}

static int
prompt_loop(struct tui *t, const char *label, const char *initial, char **out)
{
    struct editor ed;
    wchar_t view[EDITOR_MAX + 1];
    int lw = width_of(label), cur, is_key;
    wint_t ch;
    enum action a;

    editor_init(&ed, initial, 20, 0);
    for (;;) {
        tui_draw(t);
        if (t->cols < TUI_MIN_COLS || t->rows < TUI_MIN_ROWS) {
            if (tui_getkey(t, &ch, &is_key) == 0 && got_signal)
                return 0;
            continue;
        }
        editor_resize(&ed, t->cols - lw - 3);
        cur = editor_view(&ed, view, nitems(view), NULL, NULL);
        attron(A_BOLD);
        tui_put(t->rows - 2, 1, lw, label, 0);
        attroff(A_BOLD);
        move(t->rows - 2, lw + 1);
        clrtoeol();
        attron(A_UNDERLINE);
        addwstr(view);
        attroff(A_UNDERLINE);
        move(t->rows - 2, lw + 1 + cur);
        curs_set(1);
        refresh();
        if (!tui_getkey(t, &ch, &is_key)) {
            if (got_signal)
                return 0;
            continue;
        }
        if (is_key && ch == KEY_RESIZE)
            continue;
        a = tui_key_edit_action(ch, is_key);
        if (a == ACT_EDIT) {
            *out = editor_text(&ed);
            curs_set(0);
            return 1;
        }
        if (a == ACT_CANCEL || a == ACT_QUIT) {
            curs_set(0);
            return 0;
        }
        edit_key(&ed, ch, is_key);
    }
}

int
tui_prompt(struct tui *t, const char *label, const char *initial, char **out)
{
    int ok;

    t->prompting = 1;
    ok = prompt_loop(t, label, initial, out);
    t->prompting = 0;
    return ok;
}

int
tui_confirm(struct tui *t, const char *question)
{
    char *q = xasprintf("%s %s", question, TR(t, "（y 确认 / n 取消）", "(y / n)"));
    int is_key, yes = -1;
    wint_t ch;

    while (yes < 0 && !got_signal) {
        tui_draw(t);
        attron(A_BOLD);
        tui_put(t->rows - 2, 1, t->cols - 2, q, 0);
        attroff(A_BOLD);
        refresh();
        if (!tui_getkey(t, &ch, &is_key) || (is_key && ch == KEY_RESIZE))
            continue;
        if (!is_key && (ch == 'y' || ch == 'Y' || ch == L'是'))
            yes = 1;
        else if (!is_key && ch != 0)
            yes = 0;
        else if (is_key && ch != KEY_RESIZE)
            yes = 0;
    }
    free(q);
    return yes > 0;
}

/* Whether label contains what (ASCII letters compared without case). */
static int
matches(const char *label, const char *what)
{
    size_t i, j;

    for (i = 0; label[i] != '\0'; i++) {
        for (j = 0; what[j] != '\0' && label[i + j] != '\0'; j++)
            if (tolower((unsigned char)label[i + j]) != tolower((unsigned char)what[j]))
                break;
        if (what[j] == '\0')
            return 1;
    }
    return what[0] == '\0';
}

int
tui_pick(struct tui *t, const char *title, const char *const *labels, int n)
{
    int *map = xcalloc((size_t)n + 1, sizeof(*map));
    int sel = 0, top = 0, is_key, i, m, h, w = width_of(title) + 4, x, y, picked = -2;
    struct editor filter;
    wint_t ch;
    char *f;

    editor_init(&filter, "", 20, 40);
    for (i = 0; i < n; i++)
        if (width_of(labels[i]) + 6 > w)
            w = width_of(labels[i]) + 6;
    while (picked == -2 && !got_signal) {
        f = editor_text(&filter);
        for (i = 0, m = 0; i < n; i++)
            if (matches(labels[i], f))
                map[m++] = i;
        if (sel >= m)
            sel = m > 0 ? m - 1 : 0;
        tui_draw(t);
        h = t->rows - 9 < m ? t->rows - 9 : m;
        if (h < 1)
            h = 1;
        if (sel < top)
            top = sel;
        if (sel >= top + h)
            top = sel - h + 1;
        x = (t->cols - w) / 2;
        y = 3;
        attron(A_REVERSE);
        tui_put(y, x, w, title, 0);
        attroff(A_REVERSE);
        {
            char *line = f[0] ? xasprintf(TR(t, " 筛选：%s", " filter: %s"), f)
                               : xstrdup(TR(t, " 输入文字可筛选", " type to filter"));

            tui_put(y + 1, x, w, line, 0);
            free(line);
        }
        for (i = 0; i < h; i++) {
            char *item = i < m ? xasprintf(" %2d  %s", map[top + i] + 1, labels[map[top + i]])
                               : xstrdup(TR(t, "  （没有匹配的项）", "  (nothing matches)"));

            if (top + i == sel && m > 0)
                attron(A_REVERSE | A_BOLD);
            tui_put(y + 2 + i, x, w, item, 0);
            attroff(A_REVERSE | A_BOLD);
            free(item);
        }
        tui_put(y + 2 + h, x, w, TR(t, " ↑↓ 选择  Enter 确定  Esc 取消", " ↑↓ choose  Enter ok  Esc cancel"),
                0);
        refresh();
        free(f);
        if (!tui_getkey(t, &ch, &is_key) || (is_key && ch == KEY_RESIZE))
            continue;
        if (is_key && (ch == KEY_DOWN || ch == KEY_NPAGE) && m > 0)
            sel = ch == KEY_DOWN ? (sel + 1) % m : (sel + h < m ? sel + h : m - 1);
        else if (is_key && (ch == KEY_UP || ch == KEY_PPAGE) && m > 0)
            sel = ch == KEY_UP ? (sel + m - 1) % m : (sel - h > 0 ? sel - h : 0);
        else if (tui_key_edit_action(ch, is_key) == ACT_EDIT && m > 0)
            picked = map[sel];
        else if (tui_key_edit_action(ch, is_key) == ACT_CANCEL)
            picked = -1;
        else if (edit_key(&filter, ch, is_key))
            sel = 0;
    }
    free(map);
    return picked >= 0 ? picked : -1;
}

/* ---- export --------------------------------------------------------------------------------- */

/* "dir/name-2024.xlsx" beside the workbook "dir/name.tanbook". */
static char *
default_export_path(const struct tui *t)
{
    const char *base = strrchr(t->path, '/');
    const char *dot;
    size_t dirlen = base ? (size_t)(base - t->path + 1) : 0;

    base = base ? base + 1 : t->path;
    dot = strrchr(base, '.');
    return xasprintf("%.*s%.*s-%d.xlsx", (int)dirlen, t->path,
                     (int)(dot && dot != base ? (size_t)(dot - base) : strlen(base)), base, t->year);
}

void
tui_export(struct tui *t)
{
    char *def = default_export_path(t), *path = NULL, *cause = NULL;
    struct report zh;
    enum err e;

    if (!tui_prompt(t, TR(t, "导出到：", "Export to: "), def, &path)) {
        free(def);
        tui_message(t, MSG_INFO, TR(t, "已取消导出", "Export cancelled"));
        return;
    }
    free(def);
    if (text_is_blank(path)) {
        free(path);
        return;
    }
    /* the submitted report always carries the standard's Chinese labels */
    if ((e = report_build(t->app->forms, &t->y, 1, t->y.year, LANG_ZH, &zh, &cause)) == ERR_OK) {
        e = export_xlsx(t->app->forms, &zh, path, &cause);
        report_free(&zh);
    }
    if (e != ERR_OK)
        tui_message(t, MSG_ERROR, "%s %s", TR(t, "导出失败：", "Export failed:"),
                    cause ? cause : err_str(e));
    else
        tui_message(t, MSG_OK, TR(t, "已导出 %s", "Exported %s"), path);
    free(cause);
    free(path);
}

/* ---- moving around -------------------------------------------------------------------------- */

static int
editable(struct tui *t, int r, int c)
{
    struct tcell *cell = tui_cell(t, r, c);

    return cell != NULL && (cell->flags & CELL_EDIT);
}

/* The first column focus goes to on a step. */
static int
first_col(struct tui *t)
{
    int c;

    for (c = 0; c < t->grid.ncols; c++)
        if (editable(t, 0, c))
            return c;
    return 0;
}

void
tui_go_step(struct tui *t, int step)
{
    if (step < 0 || step >= STEP__COUNT)
        return;
    t->step = (enum step)step;
    t->row = t->top = t->left = 0;
    t->col = 0;
    tui_build(t);
    t->col = first_col(t);
    if (t->step == STEP_A5 && t->grid.ncols > 2)
        t->col = 2;                     /* January: where a year's bills start */
    if (t->step == STEP_A1) {
        /* start at the first required field still empty, where the work is */
        int r;

        for (r = 0; r < t->grid.nrows; r++)
            if (tui_cell(t, r, 1)->flags & CELL_MISSING) {
                t->row = r;
                break;
            }
    }
}

/* Tab / Shift-Tab: the next / previous editable cell, row by row. */
static void
step_field(struct tui *t, int dir)
{
    int n = t->grid.nrows * t->grid.ncols, i = t->row * t->grid.ncols + t->col, k;

    for (k = 0; k < n; k++) {
        i = (i + dir + n) % n;
        if (t->grid.cells[i].flags & CELL_EDIT) {
            t->row = i / t->grid.ncols;
            t->col = i % t->grid.ncols;
            return;
        }
    }
}

static void
move_focus(struct tui *t, enum action a)
{
    struct tgrid *g = &t->grid;
    int rows = tui_grid_height(t);

    if (g->nrows == 0)
        return;
    switch (a) {
    case ACT_NEXT: step_field(t, 1); break;
    case ACT_PREV: step_field(t, -1); break;
    case ACT_DOWN: if (t->row + 1 < g->nrows) t->row++; break;
    case ACT_UP: if (t->row > 0) t->row--; break;
    case ACT_LEFT:
        if (t->col > 0 && t->step != STEP_A1)
            t->col--;
        break;
    case ACT_RIGHT:
        if (t->col + 1 < g->ncols && t->step != STEP_A1)
            t->col++;
        break;
    case ACT_HOME: t->col = t->step == STEP_A1 ? 1 : 0; break;
    case ACT_END: t->col = t->step == STEP_A1 ? 1 : g->ncols - 1; break;
    default: break;
    }
    (void)rows;
}

static void
start_edit(struct tui *t, int keep_text)
{
    struct tcell *c = tui_cell(t, t->row, t->col);

    if (c == NULL)
        return;
    if (!(c->flags & CELL_EDIT)) {
        tui_message(t, MSG_INFO, t->step == STEP_A2 || t->step == STEP_A4
                                     ? TR(t, "本表由活动水平数据和排放因子计算得出，不能直接修改",
                                          "This table is computed from the activity data and factors")
                                     : TR(t, "此项由程序计算或来自其他表，不能在这里修改",
                                          "This value is computed or comes from another table"));
        return;
    }
    editor_init(&t->ed, keep_text && !((c->flags & CELL_MISSING) && t->step == STEP_A6) ? c->text
                                                                                       : "",
                t->grid.widths[t->col], 0);
    t->editing = 1;
    clear_message(t);
}

/* Saves the field being edited; 1 when saved (the editor closes), 0 when refused (it stays). */
static int
commit_edit(struct tui *t)
{
    char *text = editor_text(&t->ed);
    enum err e = tui_commit(t, text);
    struct tcell *cell;

    free(text);
    if (e != ERR_OK)
        return 0;
    t->editing = 0;
    tui_reload(t);
    cell = tui_cell(t, t->row, t->col);
    if (t->step == STEP_A5 && cell != NULL && (cell->flags & CELL_WARN))
        tui_message(t, MSG_WARN, TR(t, "异常波动：%s 的数值与其他月份相差 %.0f 倍以上，已保存，请核对",
                                    "Unusual: %s is more than %.0f× off the other months; saved, "
                                    "please check"), t->grid.heads[t->col], CHECK_SWING_RATIO);
    return 1;
}

/* After Enter saved a field: A.1 moves down, A.5 moves on to the next month. */
static void
advance(struct tui *t)
{
    if (t->step == STEP_A1) {
        move_focus(t, ACT_DOWN);
    } else if (t->step == STEP_A5 && t->col >= 2 && t->col + 1 < t->grid.ncols
               && editable(t, t->row, t->col + 1)) {
        t->col++;
    }
}

static void
undo_redo(struct tui *t, int redo)
{
    struct store_action act = {0};
    char *what = NULL, *cause = NULL;
    enum err e = redo ? store_redo(t->st, &act, &cause) : store_undo(t->st, &act, &cause);
    int exists = 1;

    if (e == ERR_OK && !redo && store_year_exists(t->st, t->year, &exists, &cause) == ERR_OK
        && !exists) {
        /* that was the creation of the year on screen: undoing it would leave nothing to edit */
        store_action_free(&act);
        e = store_redo(t->st, NULL, &cause);
        if (e == ERR_OK) {
            tui_message(t, MSG_INFO, TR(t, "上一步是创建本年度（%d），不能在本年度中撤销",
                                        "The last step created this year (%d); it cannot be undone here"),
                        t->year);
            return;
        }
    }
    if (e == ERR_NOTFOUND)
        tui_message(t, MSG_INFO, "%s", redo ? TR(t, "没有可重做的修改", "Nothing to redo")
                                            : TR(t, "没有可撤销的修改", "Nothing to undo"));
    else if (e != ERR_OK)
        tui_message(t, MSG_ERROR, "%s", cause ? cause : err_str(e));
    else {
        what = history_describe(&act, t->app->forms, t->app->lib, t->lang);
        tui_reload(t);
        tui_message(t, MSG_OK, "%s%s", redo ? TR(t, "已重做：", "Redone: ")
                                            : TR(t, "已撤销：", "Undone: "), what);
    }
    store_action_free(&act);
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
            if (got_signal)
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

    switch (a) {
    case ACT_EDIT:
        if (commit_edit(t))
            advance(t);
        break;
    case ACT_NEXT: case ACT_PREV: case ACT_UP: case ACT_DOWN:
        if (commit_edit(t))
            move_focus(t, a);
        break;
    case ACT_NEXT_STEP: case ACT_PREV_STEP:
        if (commit_edit(t))
            tui_go_step(t, (int)t->step + (a == ACT_NEXT_STEP ? 1 : -1));
        break;
    case ACT_CANCEL:
        t->editing = 0;
        clear_message(t);
        break;
    case ACT_UNDO: case ACT_REDO:
        t->editing = 0;
        undo_redo(t, a == ACT_REDO);
        break;
    case ACT_HELP:
        show_help(t);
        break;
    case ACT_SAVE:
        commit_edit(t);
        break;
    case ACT_EXPORT:
        if (commit_edit(t))
            tui_export(t);
        break;
    case ACT_QUIT:
        /* keep what can be kept; text that is not valid cannot be saved anyway */
        commit_edit(t);
        t->quit = 1;
        break;
    default:
        edit_key(&t->ed, ch, is_key);
        break;
    }
}

static void
on_key(struct tui *t, wint_t ch, int is_key)
{
    enum action a = tui_key_action(ch, is_key);

    if (a != ACT_NONE && a != ACT_HELP)
        clear_message(t);
    switch (a) {
    case ACT_NEXT: case ACT_PREV: case ACT_UP: case ACT_DOWN:
    case ACT_LEFT: case ACT_RIGHT: case ACT_HOME: case ACT_END:
        move_focus(t, a);
        break;
    case ACT_EDIT:
        if (t->step == STEP_EXPORT)
            tui_export(t);
        else
            start_edit(t, 1);
        break;
    case ACT_NEXT_STEP: tui_go_step(t, (int)t->step + 1); break;
    case ACT_PREV_STEP: tui_go_step(t, (int)t->step - 1); break;
    case ACT_ADD:
        if (t->step == STEP_A3 || t->step == STEP_A5)
            tui_add_row(t);
        break;
    case ACT_DELETE: tui_delete_row(t); break;
    case ACT_SETTINGS:
        if (t->step == STEP_A6)
            tui_factor_settings(t);
        break;
    case ACT_UNDO: undo_redo(t, 0); break;
    case ACT_REDO: undo_redo(t, 1); break;
    case ACT_YEAR: tui_year(t); break;
    case ACT_SAVE:
        tui_message(t, MSG_OK, TR(t, "所有修改在保存每一项时都已写入工作簿，无需另行保存",
                                  "Every change was written to the workbook when its field was saved"));
        break;
    case ACT_HELP: show_help(t); break;
    case ACT_EXPORT: tui_export(t); break;
    case ACT_QUIT: t->quit = 1; break;
    case ACT_CANCEL: break;
    default:
        if (!is_key && iswprint(ch) && t->grid.nrows > 0) {   /* typing starts an edit */
            start_edit(t, 0);
            if (t->editing)
                editor_insert(&t->ed, (wchar_t)ch);
        }
        break;
    }
}

/* A click: a step in the step bar, or a cell of the grid (saving a field being edited first). */
static void
on_click(struct tui *t)
{
    MEVENT ev;
    int s, c, r;

    if (getmouse(&ev) != OK || !(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
        return;
    if (ev.y == 1) {
        for (s = 0; s < STEP__COUNT; s++)
            if (ev.x >= t->step_x[s] && ev.x < t->step_x[s + 1] && (!t->editing || commit_edit(t)))
                tui_go_step(t, s);
        return;
    }
    if (t->cell_y0 < 0 || ev.y < t->cell_y0)
        return;
    r = t->top + ev.y - t->cell_y0;
    for (c = 0; c < t->grid.ncols && c < (int)nitems(t->col_x); c++)
        if (t->col_x[c] >= 0 && ev.x >= t->col_x[c] && ev.x < t->col_x[c] + t->col_w[c]
            && r < t->grid.nrows && (t->step != STEP_A1 || c == 1)
            && (!t->editing || commit_edit(t))) {
            t->row = r;
            t->col = c;
            clear_message(t);
        }
}

static void
run_loop(struct tui *t)
{
    int is_key;
    wint_t ch;

    while (!t->quit && !got_signal) {
        tui_draw(t);
        if (!tui_getkey(t, &ch, &is_key))
            continue;
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

/* ---- opening -------------------------------------------------------------------------------- */

static int
start_curses(void)
{
    if (newterm(NULL, stdout, stdin) == NULL)
        return 0;
    curses_on = 1;
    raw();             /* Ctrl-Z/Y/Q/C/S arrive as keys; no XON/XOFF freeze */
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    timeout(200);      /* wake up to notice SIGTERM/SIGHUP */
    mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED, NULL);
    mouseinterval(0);  /* a press is a click: no waiting to tell clicks from double clicks */
    curs_set(0);
    return 1;
}

/* Asks for the unit name and year of a new workbook and creates it; 0 when the user cancelled. */
static int
create_workbook(struct tui *t, char **cause, enum err *e)
{
    char *name = NULL, *ytext = NULL, *def;
    time_t now = time(NULL);
    struct tm tm;
    int year = 0;

    localtime_r(&now, &tm);
    while (name == NULL || text_is_blank(name)) {
        free(name);
        name = NULL;
        if (!tui_prompt(t, TR(t, "单位名称：", "Unit name: "), "", &name))
            return 0;
    }
    def = xasprintf("%d", tm.tm_year + 1900 - 1);
    while (year == 0) {                 /* a refused answer stays in the prompt to be corrected */
        if (!tui_prompt(t, TR(t, "报告年度：", "Reporting year: "), def, &ytext)) {
            free(def);
            free(name);
            return 0;
        }
        if ((year = cli_parse_year(ytext)) == 0)
            tui_message(t, MSG_ERROR, TR(t, "“%s”不是 1990–2100 之间的年份", "“%s” is not a year "
                                                                         "1990-2100"), ytext);
        free(def);
        def = ytext;
        ytext = NULL;
    }
    free(def);
    if ((*e = store_open(t->path, STORE_CREATE, &t->st, cause)) == ERR_OK) {
        if ((*e = store_begin(t->st, cause)) == ERR_OK
            && (*e = store_year_add(t->st, t->app->lib, year, NULL, NULL, cause)) == ERR_OK
            && (*e = store_info_set(t->st, FS_UNIT, year, "unit_name", name, cause)) == ERR_OK)
            *e = store_commit(t->st, cause);
        if (*e != ERR_OK) {
            store_rollback(t->st);
            store_close(t->st);
            t->st = NULL;
            store_remove(t->path);
        }
    }
    free(name);
    t->year = year;
    clear_message(t);
    return 1;
}

static int
has_option(const char *arg)
{
    return strcmp(arg, "--demo") == 0 || strncmp(arg, "--lang", 6) == 0
           || strncmp(arg, "--year", 6) == 0;
}

int
tui_wants(int argc, char **argv)
{
    struct stat sb;

    if (argc < 2 || has_option(argv[1]))
        return 1;
    /* a file name: an existing file, or a new one with a path or an extension ("office.tanbook");
       a bare word is a mistyped command, not a workbook to create */
    return argv[1][0] != '-' && (stat(argv[1], &sb) == 0 || strchr(argv[1], '.') != NULL
                                 || strchr(argv[1], '/') != NULL);
}

/* $XDG_DATA_HOME/tanbook (or ~/.local/share/tanbook), created; NULL with *cause on failure. */
static char *
data_dir(char **cause)
{
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    char *base, *dir, *p;

    if (xdg != NULL && xdg[0] == '/')
        base = xstrdup(xdg);
    else if (home != NULL && home[0] != '\0')
        base = xasprintf("%s/.local/share", home);
    else {
        *cause = xstrdup("没有 HOME 或 XDG_DATA_HOME，无法确定默认工作簿的位置");
        return NULL;
    }
    dir = xasprintf("%s/tanbook", base);
    free(base);
    for (p = dir + 1; *p != '\0'; p++)
        if (*p == '/') {
            *p = '\0';
            if (mkdir(dir, 0755) != 0 && errno != EEXIST)
                break;
            *p = '/';
        }
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        *cause = xasprintf("无法创建目录 %s：%s", dir, strerror(errno));
        free(dir);
        return NULL;
    }
    return dir;
}

static enum lang
env_lang(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    size_t i;

    for (i = 0; i < nitems(vars); i++) {
        const char *v = getenv(vars[i]);

        if (v != NULL && v[0] != '\0')
            return strncmp(v, "en", 2) == 0 ? LANG_EN : LANG_ZH;
    }
    return LANG_ZH;
}

static void
tui_free(struct tui *t)
{
    size_t i;

    tui_grid_free(&t->grid);
    model_free(&t->y);
    if (t->rep_ok)
        report_free(&t->rep);
    free(t->rep_err);
    check_free(&t->chk);
    for (i = 0; i < t->npending; i++) {
        free(t->pending[i].unit);
        free(t->pending[i].data_source);
    }
    free(t->pending);
    free(t->msg);
    free(t->path);
    if (t->st != NULL)
        store_close(t->st);
}

static int
usage(void)
{
    fprintf(stderr, "用法: tanbook [FILE] [--year YEAR] [--lang zh|en]\n"
                    "      tanbook --demo [--lang zh|en]\n"
                    "命令行用法见 tanbook --help\n");
    return EXIT_USAGE;
}

/* Opens t->path (or, after the program is on screen, asks for what a new one needs). */
static int
open_workbook(struct tui *t, const char *year_arg, int *exit_code)
{
    struct stat sb;
    char *cause = NULL;
    enum err e = ERR_OK;
    int exists;

    if (stat(t->path, &sb) == 0) {
        if ((e = store_open(t->path, STORE_EXISTING, &t->st, &cause)) != ERR_OK) {
            *exit_code = cli_fail(e, cause);
            return 0;
        }
        if ((*exit_code = cli_year(t->st, year_arg, 0, &t->year, &exists)) != 0)
            return 0;
        return 1;
    }
    if (!start_curses()) {
        cli_error("无法初始化终端（TERM=%s）", getenv("TERM") ? getenv("TERM") : "");
        *exit_code = EXIT_IO;
        return 0;
    }
    if (!create_workbook(t, &cause, &e)) {
        restore_terminal();
        *exit_code = 0;
        return 0;
    }
    if (e != ERR_OK) {
        restore_terminal();
        *exit_code = cli_fail(e, cause);
        return 0;
    }
    return 1;
}

int
tui_main(struct app *app, int argc, char **argv)
{
    static const struct option opts[] = {
        {"demo", no_argument, NULL, 'd'},
        {"lang", required_argument, NULL, 'l'},
        {"year", required_argument, NULL, 'y'},
        {NULL, 0, NULL, 0},
    };
    struct tui t;
    const char *year_arg = NULL;
    char *cause = NULL, *dir;
    int c, demo = 0, rc = 0;
    enum err e;

    memset(&t, 0, sizeof(t));
    t.app = app;
    t.lang = env_lang();
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            demo = 1;
        else if (c == 'y')
            year_arg = optarg;
        else if (c == 'l' && (strcmp(optarg, "en") == 0 || strcmp(optarg, "zh") == 0))
            t.lang = optarg[0] == 'e' ? LANG_EN : LANG_ZH;
        else
            return usage();
    }
    if (argc - optind > 1 || (demo && argc - optind > 0))
        return usage();
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        cli_error("工作簿界面需要在终端中运行；命令行用法见 tanbook --help");
        return EXIT_USAGE;
    }
    app->lang = t.lang;
    if (argc - optind == 1) {
        t.path = xstrdup(argv[optind]);
    } else {
        if ((dir = data_dir(&cause)) == NULL)
            return cli_fail(ERR_IO, cause);
        t.path = xasprintf("%s/%s", dir, demo ? "demo.tanbook" : "workbook.tanbook");
        free(dir);
    }
    if (demo && (e = cli_demo_create(app, t.path, 1, &cause)) != ERR_OK) {
        free(t.path);
        return cli_fail(e, cause);
    }
    xmem_on_fatal(restore_terminal);
    atexit(restore_terminal);
    catch_signals();
    if (!open_workbook(&t, year_arg, &rc)) {
        tui_free(&t);
        return rc;
    }
    if (!curses_on && !start_curses()) {
        cli_error("无法初始化终端（TERM=%s）", getenv("TERM") ? getenv("TERM") : "");
        tui_free(&t);
        return EXIT_IO;
    }
    tui_colors(&t);
    tui_reload(&t);
    tui_go_step(&t, STEP_A1);
    run_loop(&t);
    restore_terminal();
    tui_free(&t);
    return got_signal ? 128 + got_signal : 0;
}
