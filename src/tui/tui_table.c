/*
 * tui_table.c - a sheet drawn as a table, and what the record, grid and view screens share:
 * moving the focus, the field editor in place, and handing commits, additions, deletions and
 * settings to the step's sheet. The screen kinds (tui_record.c, tui_grid.c, tui_view.c) are made
 * of these.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "base/text.h"
#include "tui/tui_int.h"

struct sheet_cell *
tui_cell(const struct tui *t)
{
    return sheet_cell(&t->grid, t->row, t->col);
}

void
tui_table_build(struct tui *t)
{
    struct sheet_env env;

    sheet_free(&t->grid);
    if (t->sheet != NULL) {
        tui_env(t, &env);
        t->sheet->build(&env, &t->grid);
    }
    free(t->col_x);
    free(t->col_w);
    t->col_x = xcalloc((size_t)t->grid.ncols + 1, sizeof(*t->col_x));
    t->col_w = xcalloc((size_t)t->grid.ncols + 1, sizeof(*t->col_w));
    if (t->row >= t->grid.nrows)
        t->row = t->grid.nrows > 0 ? t->grid.nrows - 1 : 0;
    if (t->col >= t->grid.ncols)
        t->col = t->grid.ncols > 0 ? t->grid.ncols - 1 : 0;
}

/* ---- moving -------------------------------------------------------------------------------- */

/* Tab / Shift-Tab: the next / previous editable cell, row by row. */
static void
step_field(struct tui *t, int dir)
{
    int n = t->grid.nrows * t->grid.ncols, i = t->row * t->grid.ncols + t->col, k;

    for (k = 0; k < n; k++) {
        i = (i + dir + n) % n;
        if (t->grid.cells[i].flags & SHEET_EDIT) {
            t->row = i / t->grid.ncols;
            t->col = i % t->grid.ncols;
            return;
        }
    }
}

void
tui_table_selection(const struct tui *t, int *c0, int *c1)
{
    *c0 = *c1 = t->col;
    if (t->sel >= 0 && t->sel < t->grid.ncols) {
        *c0 = t->sel < t->col ? t->sel : t->col;
        *c1 = t->sel < t->col ? t->col : t->sel;
    }
}

/* Shift-← / Shift-→: widens the selection over the editable cells of the row. */
static void
select_move(struct tui *t, int dir)
{
    const struct sheet_cell *next = sheet_cell(&t->grid, t->row, t->col + dir);

    if (t->kind->one_column || next == NULL || !(next->flags & SHEET_EDIT))
        return;
    if (t->sel < 0)
        t->sel = t->col;
    t->col += dir;
}

void
tui_table_move(struct tui *t, enum action a)
{
    const struct sheet *g = &t->grid;
    int one = t->kind->one_column;

    if (g->nrows == 0)
        return;
    if (a == ACT_SEL_LEFT || a == ACT_SEL_RIGHT) {
        select_move(t, a == ACT_SEL_LEFT ? -1 : 1);
        return;
    }
    t->sel = -1;
    switch (a) {
    case ACT_NEXT: step_field(t, 1); break;
    case ACT_PREV: step_field(t, -1); break;
    case ACT_DOWN: if (t->row + 1 < g->nrows) t->row++; break;
    case ACT_UP: if (t->row > 0) t->row--; break;
    case ACT_LEFT: if (t->col > 0 && !one) t->col--; break;
    case ACT_RIGHT: if (t->col + 1 < g->ncols && !one) t->col++; break;
    case ACT_HOME:
        /* a grid with frozen columns (A.5) goes back to where its values start, scrolled back */
        t->col = one || (g->frozen > 0 && t->col != g->start_col) ? g->start_col : 0;
        t->left = g->frozen;
        break;
    case ACT_END: t->col = one ? g->start_col : g->ncols - 1; break;
    default: break;
    }
}

void
tui_table_edit(struct tui *t, int keep_text)
{
    struct sheet_cell *c = tui_cell(t);

    if (c == NULL)
        return;
    if (!(c->flags & SHEET_EDIT) || t->kind->commit == NULL) {
        tui_message(t, MSG_INFO, "%s", t->kind->commit == NULL
                    ? TR(t, "本表由其他各表计算得出，不能直接修改",
                         "This table is computed from the other tables")
                    : TR(t, "此项由程序计算或来自其他表，不能在这里修改",
                         "This value is computed or comes from another table"));
        return;
    }
    /* a required value shows a placeholder ("（请注明来源）") until filled in: no text to keep */
    editor_init(&t->ed, keep_text && !(c->flags & SHEET_MISSING) ? c->text : "",
                t->grid.widths[t->col], 0);
    t->editing = 1;
    tui_clear_message(t);
}

/*
 * Before the first change on a step that scores (E.1, E.2): the assessor's name, once a session,
 * stored with each entry (an empty answer is one too). 0 when Esc left it unasked: nothing saved.
 */
static int
ask_assessor(struct tui *t)
{
    char *name = NULL;

    if (t->sheet == NULL || !t->sheet->scores || t->assessor != NULL)
        return 1;
    if (!tui_prompt(t, TR(t, "评审人姓名：", "Assessor's name:"), "", &name)) {
        tui_message(t, MSG_INFO, "%s", TR(t, "未保存：评分前请填写评审人姓名（可留空，按 Enter）",
                                           "Not saved: give the assessor's name first (it may be empty: Enter)"));
        return 0;
    }
    t->assessor = text_trim(name);
    free(name);
    return 1;
}

/* Saves puts (n of them) through the step's sheet as one step, and shows what it said. */
static void
fill(struct tui *t, const struct sheet_put *puts, size_t n)
{
    struct sheet_out out = {.row = -1, .col = -1};
    struct sheet_env env;

    if (n == 0 || !ask_assessor(t))
        return;
    tui_env(t, &env);
    if (sheet_fill(t->sheet, &env, &t->grid, puts, n, &out) != ERR_OK) {
        out.changed = 0;
        out.row = out.col = -1;
    } else {
        t->sel = -1;
    }
    tui_apply(t, &out);
}

/* The editable cells of the selection (or the focus), into puts (room for ncols). */
static size_t
targets(const struct tui *t, struct sheet_put *puts, int from)
{
    int c0, c1, c;
    size_t n = 0;

    tui_table_selection(t, &c0, &c1);
    for (c = c0 + from; c <= c1; c++) {
        const struct sheet_cell *cell = sheet_cell(&t->grid, t->row, c);

        if (cell != NULL && (cell->flags & SHEET_EDIT)) {
            puts[n].row = t->row;
            puts[n].col = c;
            puts[n++].text = "";
        }
    }
    return n;
}

/* A cell's value to copy: "" for an empty or placeholder cell; NULL when it cannot be copied. */
static const char *
copyable(const struct sheet_cell *c)
{
    if (c == NULL || !(c->flags & SHEET_EDIT))
        return NULL;
    return (c->flags & SHEET_MISSING) ? "" : c->text;
}

/*
 * Ctrl-D: each target takes the value of the cell above it. Ctrl-R: a selection takes its first
 * cell's value, a single cell the value of the cell to its left, when that holds the same kind of
 * value: 1月's left neighbour is 单位, and a unit is no quantity (nor a 全年 total a 数据来源).
 */
static void
fill_from(struct tui *t, enum action a)
{
    struct sheet_put *puts = xcalloc((size_t)t->grid.ncols + 1, sizeof(*puts));
    const char *v = NULL;
    size_t n, i;
    int c0, c1;

    tui_table_selection(t, &c0, &c1);
    if (a == ACT_FILL_DOWN) {
        n = targets(t, puts, 0);
        for (i = 0; i < n; i++)
            if ((puts[i].text = copyable(sheet_cell(&t->grid, t->row - 1, puts[i].col))) == NULL)
                n = 0;
    } else {
        const struct sheet_cell *from = sheet_cell(&t->grid, t->row, c1 > c0 ? c0 : c0 - 1);

        v = copyable(from);
        n = v != NULL ? targets(t, puts, c1 > c0) : 0;
        for (i = 0; i < n; i++) {
            puts[i].text = v;
            if ((sheet_cell(&t->grid, t->row, puts[i].col)->flags ^ from->flags) & SHEET_PERIOD)
                n = 0;
        }
    }
    if (n == 0)
        tui_message(t, MSG_INFO, "%s", a == ACT_FILL_DOWN
                    ? TR(t, "上方没有可复制的格", "Nothing above to copy")
                    : TR(t, "左侧没有可复制的格", "Nothing to the left to copy"));
    else
        fill(t, puts, n);
    free(puts);
}

/* F6: marks the selected (or focused) values 不适用 ("/"), or clears them when all are. */
static void
mark_na(struct tui *t)
{
    struct sheet_put *puts = xcalloc((size_t)t->grid.ncols + 1, sizeof(*puts));
    size_t n = targets(t, puts, 0), i, marked = 0;
    const struct sheet_cell *c;

    for (i = 0; i < n; i++)
        if ((c = sheet_cell(&t->grid, puts[i].row, puts[i].col)) != NULL
            && (c->flags & SHEET_PERIOD) && strcmp(c->text, "/") == 0)
            marked++;
    for (i = 0; i < n; i++)
        puts[i].text = marked == n ? "" : "/";
    if (n == 0 || !tui_can(t, ACT_NA))
        tui_message(t, MSG_INFO, "%s", TR(t, "不适用只能用于数量（如 7月、8月 的供暖）",
                                           "Not applicable is for quantities (e.g. heating in July)"));
    else
        fill(t, puts, n);
    free(puts);
}

/*
 * Enter on a cell whose value is picked from a list (N.1's kind, N.2's type): the list, and the
 * pick saved as if typed. 0 when the cell takes typing instead.
 */
static int
pick_cell(struct tui *t)
{
    const struct sheet_cell *c = tui_cell(t);
    struct sheet_choice ch;
    struct sheet_env env;
    int pick;

    if (c == NULL || !(c->flags & SHEET_EDIT) || t->kind->commit == NULL || t->sheet == NULL
        || t->sheet->cell_choice == NULL)
        return 0;
    tui_env(t, &env);
    if (!t->sheet->cell_choice(&env, &t->grid, t->row, t->col, &ch))
        return 0;
    pick = tui_pick(t, ch.title, (const char *const *)ch.labels, (const char *const *)ch.match,
                    (int)ch.n);
    if (pick >= 0)
        tui_table_commit(t, ch.values != NULL ? ch.values[pick] : ch.labels[pick]);
    sheet_choice_free(&ch);
    return 1;
}

int
tui_table_key(struct tui *t, enum action a, wint_t ch, int is_key)
{
    switch (a) {
    case ACT_NEXT: case ACT_PREV: case ACT_UP: case ACT_DOWN:
    case ACT_LEFT: case ACT_RIGHT: case ACT_HOME: case ACT_END:
    case ACT_SEL_LEFT: case ACT_SEL_RIGHT:
        tui_table_move(t, a);
        return 1;
    case ACT_FILL_DOWN: case ACT_FILL_RIGHT:
        if (t->kind->commit != NULL && t->grid.nrows > 0)
            fill_from(t, a);
        return 1;
    case ACT_NA:
        if (t->kind->commit != NULL && t->grid.nrows > 0)
            mark_na(t);
        return 1;
    case ACT_EDIT:
        if (!pick_cell(t))
            tui_table_edit(t, 1);
        return 1;
    case ACT_ADD:
        if (t->kind->add != NULL)
            t->kind->add(t);
        return 1;
    case ACT_DELETE:
        if (t->kind->del != NULL)
            t->kind->del(t);
        return 1;
    case ACT_SETTINGS:
        if (t->kind->settings != NULL)
            t->kind->settings(t);
        return 1;
    case ACT_NONE:
        if (!is_key && iswprint(ch) && t->grid.nrows > 0 && t->kind->commit != NULL) {
            tui_table_edit(t, 0);       /* typing starts an edit */
            if (t->editing)
                editor_insert(&t->ed, (wchar_t)ch);
            return 1;
        }
        return 0;
    default:
        return 0;
    }
}

/* ---- what the sheet does ------------------------------------------------------------------- */

enum err
tui_table_commit(struct tui *t, const char *text)
{
    struct sheet_out out = {.row = -1, .col = -1};
    struct sheet_cell *c = tui_cell(t);
    struct sheet_env env;
    enum err e;

    struct sheet_put puts[64];
    size_t n, i;

    if (c == NULL || !(c->flags & SHEET_EDIT) || t->sheet->commit == NULL)
        return ERR_INPUT;
    if (!ask_assessor(t))
        return ERR_INPUT;
    tui_env(t, &env);
    /* a value typed over a selection of months goes into each of them, as one step */
    n = t->grid.ncols < (int)nitems(puts) ? targets(t, puts, 0) : 0;
    for (i = 0; i < n; i++)
        puts[i].text = text;
    if (n > 1)
        e = sheet_fill(t->sheet, &env, &t->grid, puts, n, &out);
    else
        e = t->sheet->commit(&env, &t->grid, t->row, t->col, text, &out);
    if (e == ERR_OK)
        t->sel = -1;
    if (e != ERR_OK) {
        if (out.msg == NULL)
            sheet_say(&out, SHEET_SAY_ERROR, "%s", err_str(e));
        out.changed = 0;
        out.row = out.col = -1;
    }
    tui_apply(t, &out);
    return e;
}

const char *
tui_table_help(const struct tui *t)
{
    const struct sheet_cell *c = tui_cell(t);
    struct sheet_env env;

    if (c != NULL && c->note != NULL)
        return c->note;             /* why the cell is flagged, before how to fill it */
    if (c == NULL || t->sheet == NULL || t->sheet->help == NULL)
        return NULL;
    tui_env(t, &env);
    return t->sheet->help(&env, &t->grid, t->row, t->col);
}

void
tui_table_add(struct tui *t)
{
    struct sheet_out out = {.row = -1, .col = -1};
    struct sheet_choice c;
    struct sheet_env env;
    char *text = NULL;
    int pick;

    if (t->sheet == NULL || t->sheet->add_choice == NULL)
        return;
    tui_env(t, &env);
    t->sheet->add_choice(&env, &c);
    pick = tui_pick(t, c.title, (const char *const *)c.labels, (const char *const *)c.match,
                    (int)c.n);
    if (pick >= 0 && (c.then_ask == NULL || tui_prompt(t, c.then_ask, "", &text))) {
        tui_env(t, &env);
        t->sheet->add(&env, (size_t)pick, text, &out);
        tui_apply(t, &out);
    }
    free(text);
    sheet_choice_free(&c);
}

void
tui_table_settings(struct tui *t)
{
    struct sheet_out out = {.row = -1, .col = -1};
    struct sheet_choice c;
    struct sheet_env env;
    char *text = NULL;
    int pick;

    if (t->sheet == NULL || t->sheet->settings_choice == NULL)
        return;
    tui_env(t, &env);
    t->sheet->settings_choice(&env, &c);
    pick = tui_pick(t, c.title, (const char *const *)c.labels, (const char *const *)c.match,
                    (int)c.n);
    /* a setting that takes a text (P.1's base period: its reason) asks for it after the pick */
    if (pick >= 0 && (c.then_ask == NULL || t->sheet->settings_text == NULL
                      || tui_prompt(t, c.then_ask, "", &text))) {
        tui_env(t, &env);
        if (c.then_ask != NULL && t->sheet->settings_text != NULL)
            t->sheet->settings_text(&env, (size_t)pick, text, &out);
        else if (t->sheet->settings != NULL)
            t->sheet->settings(&env, (size_t)pick, &out);
        tui_apply(t, &out);
    }
    free(text);
    sheet_choice_free(&c);
}

void
tui_table_del(struct tui *t)
{
    struct sheet_out out = {.row = -1, .col = -1};
    struct sheet_env env;
    char *question = NULL;
    enum sheet_del what;

    if (t->sheet == NULL || t->sheet->del_what == NULL || tui_cell(t) == NULL)
        return;
    if (t->sel >= 0 && t->sel != t->col) {      /* a selection: cleared as one step */
        struct sheet_put *puts = xcalloc((size_t)t->grid.ncols + 1, sizeof(*puts));

        fill(t, puts, targets(t, puts, 0));
        free(puts);
        return;
    }
    tui_env(t, &env);
    what = t->sheet->del_what(&env, &t->grid, t->row, t->col, &question);
    if ((what == SHEET_DEL_CLEAR || (what == SHEET_DEL_ASK && tui_confirm(t, question)))
        && ask_assessor(t)) {
        tui_env(t, &env);
        t->sheet->del(&env, &t->grid, t->row, t->col, &out);
        tui_apply(t, &out);
    }
    free(question);
}

/* ---- drawing ------------------------------------------------------------------------------- */

int
tui_grid_height(const struct tui *t)
{
    struct tui_area a;

    tui_layout(t, &a);
    return a.grid_h - (t->grid.heads != NULL);
}

/* Right edge of the scrolling columns left..col when they follow the frozen ones. */
static int
right_edge(const struct sheet *g, int x0, int left, int col)
{
    int c, x = x0;

    for (c = 0; c < g->frozen; c++)
        x += g->widths[c] + 1;
    for (c = left; c <= col; c++)
        x += g->widths[c] + 1;
    return x - 1;
}

/*
 * Column x positions and widths (t->col_x, t->col_w): frozen columns, then scrolling ones from
 * t->left; col_x[c] is -1 when column c is not shown. The last column shown may be narrowed to
 * what is left of the line.
 */
static void
columns(struct tui *t, const struct tui_area *a)
{
    const struct sheet *g = &t->grid;
    int c, x, end = a->grid_x + a->grid_w, *xs = t->col_x, *ws = t->col_w;

    if (t->left < g->frozen)
        t->left = g->frozen;
    if (t->col >= g->frozen) {          /* scroll so the focused column is visible */
        if (t->col < t->left)
            t->left = t->col;
        while (t->left < t->col && right_edge(g, a->grid_x, t->left, t->col) > end)
            t->left++;
    }
    x = a->grid_x;
    for (c = 0; c < g->ncols; c++) {
        xs[c] = -1;
        ws[c] = g->widths[c];
        if (c >= g->frozen && c < t->left)
            continue;
        if (c > g->frozen && c > t->left && xs[c - 1] < 0)
            continue;                   /* after a column that did not fit */
        if (x + ws[c] > end) {
            if (end - x < 8 || c == t->col)
                continue;
            ws[c] = end - x;
        }
        xs[c] = x;
        x += ws[c] + 1;
    }
}

static void
draw_bar(const struct tui *t, int y, int x, int w, const char *share)
{
    double f = strtod(share, NULL);
    int n = (int)(f * (w - 1) + 0.5), i;

    move(y, x);
    tui_color_on(t, PAIR_HEAD);
    for (i = 0; i < n; i++)
        addstr("█");
    tui_color_off(t, PAIR_HEAD);
    for (; i < w; i++)
        addch(' ');
}

static void
draw_cell(struct tui *t, const struct sheet_cell *c, int y, int x, int w, int focus, int selected)
{
    const char *text = c->text;

    if (focus && t->editing) {
        wchar_t view[EDITOR_MAX + 1];
        int cur, ml, mr, room = t->cols - 1 - x;

        /* the field grows over its right neighbours as the text does, as a spreadsheet's
           does, so a full-width text never scrolls its first characters out of sight */
        if (editor_width(&t->ed) + 1 > w)
            w = editor_width(&t->ed) + 1 < room ? editor_width(&t->ed) + 1 : room;
        editor_resize(&t->ed, w);
        cur = editor_view(&t->ed, view, nitems(view), &ml, &mr);
        attron(A_UNDERLINE);
        mvprintw(y, x, "%*s", w, "");
        mvaddwstr(y, x, view);
        attroff(A_UNDERLINE);
        move(y, x + cur);
        return;
    }
    if (c->flags & SHEET_BAR) {
        draw_bar(t, y, x, w, text);
        return;
    }
    if (focus && text[0] == '\0' && !(c->flags & SHEET_MISSING)) {
        /* an empty cell under the focus shows the cursor, so one can see where typing goes */
        attron(A_REVERSE);
        tui_put(y, x, w, "", 0);
        attroff(A_REVERSE);
        move(y, (c->flags & SHEET_NUM) ? x + w - 1 : x);
        curs_set(1);
        return;
    }
    if (focus)
        attron(A_REVERSE);
    else if (selected)
        attron(A_REVERSE | A_DIM);
    if (c->flags & SHEET_WARN)
        tui_color_on(t, PAIR_WARN);
    if ((c->flags & SHEET_MISSING) && text[0] == '\0') {
        tui_color_on(t, PAIR_ERROR);
        tui_put(y, x, w, TR(t, "（必填）", "(required)"), 0);
        tui_color_off(t, PAIR_ERROR);
        if (focus) {
            move(y, x);
            curs_set(1);
        }
    } else {
        if (c->flags & SHEET_MISSING)
            tui_color_on(t, PAIR_ERROR);
        if (c->flags & SHEET_DIM)
            attron(A_DIM);
        tui_put(y, x, w, text, (c->flags & SHEET_NUM) != 0);
        attroff(A_DIM);
        tui_color_off(t, PAIR_ERROR);
    }
    tui_color_off(t, PAIR_WARN);
    attroff(A_REVERSE | A_DIM);
}

/* The column of row r's text that runs on over the cells to its right (SHEET_WIDE), or -1. */
static int
wide_col(const struct tui *t, int r)
{
    int c;

    for (c = 0; c < t->grid.ncols; c++)
        if (t->col_x[c] >= 0 && (sheet_cell(&t->grid, r, c)->flags & SHEET_WIDE))
            return c;
    return -1;
}

/* The width a wide text of column c takes: to the end of the grid. */
static int
wide_w(const struct tui *t, const struct tui_area *a, int c)
{
    return a->grid_x + a->grid_w - t->col_x[c];
}

void
tui_table_draw(struct tui *t, const struct tui_area *a)
{
    const struct sheet *g = &t->grid;
    int r, c, s0, s1, y = a->grid_y, rows = tui_grid_height(t);

    if (g->nrows == 0) {
        if (g->empty != NULL)
            tui_put(y + 1, a->grid_x + 1, a->grid_w - 1, g->empty, 0);
        return;
    }
    columns(t, a);
    t->cell_y0 = y + (g->heads != NULL);
    if (t->row < t->top)
        t->top = t->row;
    if (t->row >= t->top + rows)
        t->top = t->row - rows + 1;
    if (g->heads != NULL) {
        attron(A_BOLD | A_UNDERLINE);
        for (c = 0; c < g->ncols; c++)
            if (t->col_x[c] >= 0)
                tui_put(y, t->col_x[c], t->col_w[c], g->heads[c], 0);
        attroff(A_BOLD | A_UNDERLINE);
        y++;
    }
    tui_table_selection(t, &s0, &s1);
    for (r = t->top; r < g->nrows && r < t->top + rows; r++, y++) {
        int wide = wide_col(t, r);

        for (c = 0; c < g->ncols; c++)
            if (t->col_x[c] >= 0 && !(r == t->row && c == t->col) && (wide < 0 || c <= wide))
                draw_cell(t, sheet_cell(g, r, c), y, t->col_x[c],
                          c == wide ? wide_w(t, a, c) : t->col_w[c], 0,
                          r == t->row && c >= s0 && c <= s1);
    }
    /* the focused cell last, so the cursor ends up in it (a wide text's cell when it covers it) */
    if (t->row >= t->top && t->row < t->top + rows) {
        int wide = wide_col(t, t->row), c0 = wide >= 0 && t->col > wide ? wide : t->col;

        if (t->col_x[c0] >= 0)
            draw_cell(t, sheet_cell(g, t->row, c0), t->cell_y0 + t->row - t->top, t->col_x[c0],
                      c0 == wide ? wide_w(t, a, c0) : t->col_w[c0], 1, 0);
    }
}
