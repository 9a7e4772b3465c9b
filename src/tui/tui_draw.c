/*
 * tui_draw.c - the screen: header, step bar, the current step's grid (with the field editor
 * drawn in place), the live panel, the message and hint lines; the help screen; the "terminal too
 * small" notice. Widths are display columns (CJK takes two).
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "base/strbuf.h"
#include "tui/tui_int.h"
#include "base/width.h"

void
tui_layout(const struct tui *t, struct tui_area *l)
{
    l->wide = t->cols >= 112;
    l->grid_y = 3;
    l->grid_x = 1;
    if (l->wide) {
        l->live_w = 34;
        l->live_x = t->cols - l->live_w;
        l->live_y = 3;
        l->live_h = t->rows - 5;
        l->grid_w = l->live_x - 2;
        l->grid_h = t->rows - 2 - l->grid_y;
    } else {
        l->live_w = t->cols;
        l->live_x = 0;
        l->live_h = 3;              /* under a rule, above the message and hint lines */
        l->live_y = t->rows - 2 - l->live_h;
        l->grid_w = t->cols - 2;
        l->grid_h = l->live_y - 1 - l->grid_y;
    }
}

/* Converts s to wide characters (at most n - 1), replacing what does not decode, and a control
   character (a tab, CR or escape a workbook holds) with U+FFFD: curses would act on CR and tab
   and draw the others as two columns ("^["), moving what follows. */
static void
widen(const char *s, wchar_t *out, size_t n)
{
    mbstate_t st;
    size_t k = 0, r;

    memset(&st, 0, sizeof(st));
    while (*s != '\0' && k + 1 < n) {
        r = mbrtowc(&out[k], s, strlen(s), &st);
        if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
            out[k] = L'?';
            r = 1;
            memset(&st, 0, sizeof(st));
        } else if (iswcntrl((wint_t)out[k])) {
            out[k] = (wchar_t)0xfffd;
        }
        s += r;
        k++;
    }
    out[k] = L'\0';
}

static int
wcol(wchar_t c)
{
    int w = wcwidth(c);

    return w < 0 ? 1 : w;
}

void
tui_put(int y, int x, int w, const char *s, int align)
{
    const char *text = s != NULL ? s : "";
    size_t n = strlen(text) + 2;        /* a character per byte at most, and the ellipsis */
    wchar_t *buf;
    int total = 0, used = 0, i, cut = 0;

    if (w <= 0)
        return;
    buf = xcalloc(n, sizeof(*buf));
    widen(text, buf, n);
    for (i = 0; buf[i] != L'\0'; i++)
        total += wcol(buf[i]);
    if (total > w) {             /* keep what fits, leaving a column for the ellipsis */
        for (i = 0; buf[i] != L'\0' && used + wcol(buf[i]) <= w - 1; i++)
            used += wcol(buf[i]);
        buf[i] = L'…';
        buf[i + 1] = L'\0';
        used += 1;
        cut = 1;
    } else {
        used = total;
    }
    move(y, x);
    if (align && !cut && used < w)
        printw("%*s", w - used, "");
    addwstr(buf);
    if (!align && used < w)
        printw("%*s", w - used, "");
    free(buf);
}

void
tui_color_on(const struct tui *t, int pair)
{
    if (t->colors)
        attron(COLOR_PAIR(pair));
    else if (pair == PAIR_ERROR || pair == PAIR_WARN)
        attron(A_BOLD);
}

void
tui_color_off(const struct tui *t, int pair)
{
    if (t->colors)
        attroff(COLOR_PAIR(pair));
    else if (pair == PAIR_ERROR || pair == PAIR_WARN)
        attroff(A_BOLD);
}

static void
draw_header(struct tui *t)
{
    const char *unit = model_info(&t->y, "unit_name");
    const char *state = t->readonly ? tui_watch_mark(t)
                        : t->editing ? TR(t, "编辑中", "editing") : TR(t, "已保存", "saved");
    char *left = xasprintf(" %s │ %s │ %d%s", TR(t, "碳账本", "tanbook"),
                           unit && unit[0] ? unit : TR(t, "（未填写单位名称）", "(no name yet)"),
                           t->year, TR(t, "年度", ""));
    int sw = width_of(state) + 2;

    attron(A_REVERSE);
    tui_put(0, 0, t->cols - sw, left, 0);
    tui_put(0, t->cols - sw, sw, state, 0);
    attroff(A_REVERSE);
    free(left);
}

const char *
tui_finding_text(const struct tui *t, const struct check_item *it)
{
    return check_msg(it, t->lang);
}

/*
 * The title row's finding: the first problem of the current step ("✗ 缺少“联系人”（另有 2 项）"),
 * else the year's first, naming its table; F7 lists them all. NULL when there is none; *own says
 * whether it is the step's own, *level its level. The caller frees it.
 */
static char *
finding_line(const struct tui *t, int *own, enum check_level *level)
{
    const struct step_def *step = &t->steps[t->step];
    const struct check_item *first = NULL, *any = NULL;
    const char *msg, *colon;
    size_t i, n = 0;

    for (i = 0; i < t->chk.n; i++) {
        const struct check_item *it = &t->chk.items[i];

        if (any == NULL || (any->level == CHECK_WARNING && it->level == CHECK_ERROR))
            any = it;
        if (step->form != NULL && strcmp(it->form_id, step->form->id) == 0) {
            n++;
            if (first == NULL || (first->level == CHECK_WARNING && it->level == CHECK_ERROR))
                first = it;
        }
    }
    *own = first != NULL;
    if (first == NULL && (first = any) == NULL)
        return NULL;
    *level = first->level;
    msg = tui_finding_text(t, first);
    if (n > 0) {
        if ((colon = strstr(msg, "：")) != NULL && strncmp(msg, "表", 3) == 0)
            msg = colon + strlen("：");   /* the table is named on screen already */
        else if ((colon = strstr(msg, ": ")) != NULL && strncmp(msg, "Table", 5) == 0)
            msg = colon + 2;
    } else {
        n = t->chk.n;
    }
    if (n > 1)
        return xasprintf(TR(t, "%s %s（另有 %zu 项）", "%s %s (+%zu more)"),
                         first->level == CHECK_ERROR ? "✗" : "!", msg, n - 1);
    return xasprintf("%s %s", first->level == CHECK_ERROR ? "✗" : "!", msg);
}

static void
draw_finding(struct tui *t, int y, int x, int w, const char *line, enum check_level level)
{
    if (w < 10 || line == NULL)
        return;
    tui_color_on(t, level == CHECK_ERROR ? PAIR_ERROR : PAIR_WARN);
    tui_put(y, x, w, line, 0);
    tui_color_off(t, level == CHECK_ERROR ? PAIR_ERROR : PAIR_WARN);
}

/* The mark of a step's state in the step bar: ✓ complete, ✗ errors, ! warnings. */
static const char *
mark(enum check_state st)
{
    switch (st) {
    case CHECK_COMPLETE: return "✓";
    case CHECK_HAS_ERRORS: return "✗";
    case CHECK_HAS_WARNINGS: return "!";
    default: return " ";
    }
}

/*
 * How the step bar fits: every step with its short name; the ids alone, a space apart; or, when
 * even those do not fit (80 columns, sixteen steps with the evaluations E.1, E.2), the ids with
 * only their marks between them (" A.1✓A.3 P.1"): 4 columns a step.
 */
enum bar { BAR_TIGHT, BAR_IDS, BAR_NAMES };

/* Step s's item in the step bar: its mark and id, with its short name on BAR_NAMES. */
static char *
step_item(const struct tui *t, size_t s, enum bar how)
{
    const struct step_def *sd = &t->steps[s];

    if (sd->form == NULL)
        return xasprintf(" %s ", forms_step_short(sd, t->lang));
    if (how == BAR_NAMES)
        return xasprintf("%s%s %s ", mark(tui_step_state(t, s)), sd->id,
                         forms_step_short(sd, t->lang));
    return xasprintf("%s%s%s", mark(tui_step_state(t, s)), sd->id, how == BAR_IDS ? " " : "");
}

static int
bar_width(const struct tui *t, enum bar how)
{
    int x = 1;
    size_t s;

    for (s = 0; s < t->nsteps; s++) {
        char *item = step_item(t, s, how);

        x += width_of(item) + (how != BAR_TIGHT);
        free(item);
    }
    return x - (how != BAR_TIGHT);
}

/* The widest way of showing the steps that fits the terminal. */
static enum bar
bar_fit(const struct tui *t)
{
    if (bar_width(t, BAR_NAMES) <= t->cols)
        return BAR_NAMES;
    return bar_width(t, BAR_IDS) <= t->cols ? BAR_IDS : BAR_TIGHT;
}

/*
 * The columns the step's own finding keeps on the title row, a settings note (A.6's grid area and
 * GWP) cut for them: "✗ 天然气 的排放因子缺少数据来源" is 31 wide. The problem comes before the note.
 */
#define TITLE_FINDING_MIN 40

static void
draw_steps(struct tui *t)
{
    struct tui_area l;
    int x = 1;
    enum bar how = bar_fit(t);
    struct sheet_env env;
    char *title, *note = NULL, *line;
    int bare, right, own = 0;
    enum check_level level = CHECK_WARNING;
    size_t s;

    move(1, 0);
    clrtoeol();
    for (s = 0; s < t->nsteps; s++) {
        enum check_state st = tui_step_state(t, s);
        char *item = step_item(t, s, how);

        t->step_x[s] = x;
        if (s == t->step)
            attron(A_REVERSE | A_BOLD);
        else if (st == CHECK_HAS_ERRORS)
            tui_color_on(t, PAIR_ERROR);
        else if (st == CHECK_COMPLETE)
            tui_color_on(t, PAIR_OK);
        tui_put(1, x, width_of(item), item, 0);
        attroff(A_REVERSE | A_BOLD);
        tui_color_off(t, PAIR_ERROR);
        tui_color_off(t, PAIR_OK);
        x += width_of(item) + (how != BAR_TIGHT);
        free(item);
    }
    t->step_x[t->nsteps] = x;
    if (t->sheet != NULL && t->sheet->title_note != NULL) {
        tui_env(t, &env);
        note = t->sheet->title_note(&env);
    }
    title = xasprintf("%s  (%zu/%zu)", tui_step_title(t, t->step), t->step + 1, t->nsteps);
    bare = width_of(title) + 3;
    if (note != NULL) {
        char *full = xasprintf("%s   %s", title, note);

        free(title);
        title = full;
        free(note);
    }
    tui_layout(t, &l);               /* a wide screen's live panel has its heading on this row */
    right = (l.wide ? l.live_x : t->cols) - 1;
    line = finding_line(t, &own, &level);
    x = width_of(title) + 3;
    if (x > t->cols)                 /* a long note is cut at the edge, never wrapped onto the grid */
        x = t->cols;
    if (own && line != NULL) {       /* the step's own problem goes before its note */
        int need = width_of(line) < TITLE_FINDING_MIN ? width_of(line) : TITLE_FINDING_MIN;

        if (x > right - need)
            x = bare > right - need ? bare : right - need;
    }
    attron(A_BOLD);
    tui_put(2, 1, x - 2, title, 0);
    free(title);
    attroff(A_BOLD);
    draw_finding(t, 2, x, right - x, line, level);
    free(line);
}

static double
source_t(const struct tui *t, const char *id)
{
    const struct report_source *s = report_source(report_cur(&t->rep), id);

    return s != NULL ? s->tco2e : 0;
}

/*
 * A figure of the live panel: its label, long and short, and its value with the unit. A figure
 * is never cut: a line that does not fit with the long labels takes the short ones.
 */
struct live_item {
    const char *label, *brief;
    char value[48];
};

/* An item showing v with `decimals` decimals and its unit ("" for none). */
static void
item(struct live_item *it, const char *label, const char *brief, int decimals, double v,
     const char *unit)
{
    it->label = label;
    it->brief = brief;
    snprintf(it->value, sizeof(it->value), "%.*f%s%s", decimals, v, unit[0] ? " " : "", unit);
}

/* An item whose value is a text: why the figure is missing. */
static void
item_text(struct live_item *it, const char *label, const char *text)
{
    it->label = label;
    it->brief = NULL;
    snprintf(it->value, sizeof(it->value), "%s", text);
}

/* The items joined with " │ " (brief: the short labels); caller frees. */
static char *
live_line(const struct live_item *v, int n, int brief)
{
    struct strbuf sb = {0};
    int i;

    sb_append(&sb, "");
    for (i = 0; i < n; i++) {
        const char *label = brief && v[i].brief != NULL ? v[i].brief : v[i].label;

        sb_printf(&sb, "%s%s%s%s", i ? " │ " : "", label, label[0] ? " " : "", v[i].value);
    }
    return sb_take(&sb);
}

/*
 * The figures in three groups: the total and its scopes; the categories (化石燃料 and 逸散排放
 * apart, as A.4 has them, with electricity and heat); the intensities and energy.
 */
static int
live_items(struct tui *t, const struct report_year *r, struct live_item *v, int *group)
{
    int n = 0;

    item(&v[n++], TR(t, "碳排放总量", "Total"), TR(t, "总量", "Total"), 2, r->total_tco2e,
         "tCO₂e");
    item(&v[n++], TR(t, "范围一", "Scope 1"), TR(t, "范围一", "S1"), 2, r->scope1_tco2e, "");
    item(&v[n++], TR(t, "范围二", "Scope 2"), TR(t, "范围二", "S2"), 2, r->scope2_tco2e, "");
    group[0] = n;
    item(&v[n++], TR(t, "化石燃料", "Fuels"), TR(t, "燃料", "Fuels"), 2,
         r->cat_tco2e[CAT_FOSSIL], "");
    item(&v[n++], TR(t, "逸散排放", "Fugitive"), TR(t, "逸散", "Fugit."), 2,
         r->cat_tco2e[CAT_FUGITIVE], "");
    item(&v[n++], TR(t, "外购电力", "Electricity"), TR(t, "电力", "Elec."), 2,
         source_t(t, "electricity"), "");
    item(&v[n++], TR(t, "外购热力", "Heat"), TR(t, "热力", "Heat"), 2, source_t(t, "heat"),
         "");
    group[1] = n;
    if (r->has_area)
        item(&v[n++], TR(t, "单位面积", "Per m²"), TR(t, "单位面积", "Per m²"), 2,
             r->intensity_kgco2e_per_m2, "kgCO₂e/m²");
    else
        item_text(&v[n++], TR(t, "单位面积", "Per m²"), TR(t, "—（缺建筑面积）", "— (no floor area)"));
    if (r->has_headcount)
        item(&v[n++], TR(t, "人均", "Per person"), TR(t, "人均", "Per cap."), 4,
             r->per_capita_tco2e, TR(t, "tCO₂e/人", "tCO₂e"));
    else
        item_text(&v[n++], TR(t, "人均", "Per person"), TR(t, "—（缺用能人数）", "— (no headcount)"));
    item(&v[n++], TR(t, "综合能耗", "Energy"), TR(t, "能耗", "Energy"), 2, r->energy_tce,
         "tce");
    group[2] = n;
    return n;
}

static void
draw_live(struct tui *t, const struct tui_area *l)
{
    const struct report_year *r = report_cur(&t->rep);
    struct live_item v[12];
    int group[3], n, g, i, from;

    if (t->pending) {       /* the first frame: the year is being loaded and computed */
        tui_put(l->live_y, l->live_x + 1, l->live_w - 2,
                TR(t, "正在计算本年度的汇总与检查…", "Computing the year's totals and checks…"), 0);
        return;
    }
    if (!t->rep_ok) {
        tui_color_on(t, PAIR_ERROR);
        tui_put(l->live_y, l->live_x + 1, l->live_w - 2, t->rep_err, 0);
        tui_color_off(t, PAIR_ERROR);
        return;
    }
    n = live_items(t, r, v, group);
    if (l->wide) {              /* a column: one figure a line, the categories indented */
        int y = l->live_y;

        attron(A_BOLD);
        tui_put(y - 1, l->live_x, l->live_w, TR(t, "实时汇总", "Live totals"), 0);
        for (i = 0; i < n && y < l->live_y + l->live_h; i++, y++) {
            char *line = xasprintf("%s%s %s", i >= group[0] && i < group[1] ? "  " : "",
                                   v[i].label, v[i].value);

            tui_put(y, l->live_x, l->live_w, line, 0);
            attroff(A_BOLD);
            free(line);
        }
        return;
    }
    mvhline(l->live_y - 1, 0, ACS_HLINE, t->cols);
    for (g = 0, from = 0; g < 3; from = group[g], g++) {
        char *line = live_line(&v[from], group[g] - from, 0);

        if (width_of(line) > t->cols - 2) {
            free(line);
            line = live_line(&v[from], group[g] - from, 1);
        }
        if (g == 0)
            attron(A_BOLD);
        tui_put(l->live_y + g, 1, t->cols - 2, line, 0);
        attroff(A_BOLD);
        free(line);
    }
}

/* Byte length of the longest start of s (from byte `from`) that fits w columns, broken after a
   space when there is one near the end (English words stay whole; Chinese breaks anywhere). */
static size_t
fit_bytes(const char *s, size_t from, int w)
{
    mbstate_t st;
    size_t i = from, space = 0, r;
    wchar_t c;
    int used = 0, space_at = 0;

    memset(&st, 0, sizeof(st));
    while (s[i] != '\0') {
        r = mbrtowc(&c, s + i, strlen(s + i), &st);
        if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
            c = L'?';
            r = 1;
            memset(&st, 0, sizeof(st));
        }
        if (used + wcol(c) > w)
            return (space > from && space_at >= w - 16 ? space : i) - from;
        used += wcol(c);
        i += r;
        if (c == L' ') {
            space = i;
            space_at = used;
        }
    }
    return i - from;
}

/* The help of the focused cell, dimmed, on the message line; 1 when it took the hint line too. */
static int
draw_cell_help(struct tui *t, const char *help)
{
    int w = t->cols - 2;
    size_t off;
    char *first;

    attron(A_DIM);
    /* a longer one (an A.5 row's whole 备注) goes on below, but not over an editor's keys */
    if (help == NULL || width_of(help) <= w || t->editing) {
        tui_put(t->rows - 2, 1, w, help != NULL ? help : "", 0);
        attroff(A_DIM);
        return 0;
    }
    off = fit_bytes(help, 0, w);         /* broken after a space where there is one */
    first = xasprintf("%.*s", (int)off, help);
    tui_put(t->rows - 2, 1, w, first, 0);
    tui_put(t->rows - 1, 1, w, help + off, 0);     /* what is still longer ends in … */
    attroff(A_DIM);
    free(first);
    return 1;
}

static void
draw_bottom(struct tui *t)
{
    const char *help = t->kind->help != NULL ? t->kind->help(t) : NULL;
    char *hints = tui_key_hints(t, t->cols - 2);
    int two = 0;

    if (t->msg != NULL) {
        int pair = t->msg_level == MSG_ERROR ? PAIR_ERROR : t->msg_level == MSG_WARN ? PAIR_WARN
                   : t->msg_level == MSG_OK ? PAIR_OK : 0;

        int w = t->cols - 2;

        if (pair)
            tui_color_on(t, pair);
        if (width_of(t->msg) > w && !t->prompting && !t->editing) {
            /* a message longer than its line goes on over the hint line, read in full */
            size_t off = fit_bytes(t->msg, 0, w);
            char *first = xasprintf("%.*s", (int)off, t->msg);

            tui_put(t->rows - 2, 1, w, first, 0);
            tui_put(t->rows - 1, 1, w, t->msg + off, 0);
            free(first);
            two = 1;
        } else {
            tui_put(t->rows - 2, 1, w, t->msg, 0);
        }
        if (pair)
            tui_color_off(t, pair);
    } else {
        two = draw_cell_help(t, help);
    }
    if (t->prompting && t->msg != NULL && t->msg_level == MSG_ERROR) {
        /* the prompt covers the message line: why the last answer was refused goes below it */
        char *line = xasprintf(" %s  %s", t->msg, hints);

        tui_color_on(t, PAIR_ERROR);
        attron(A_REVERSE);
        tui_put(t->rows - 1, 0, t->cols, line, 0);
        attroff(A_REVERSE);
        tui_color_off(t, PAIR_ERROR);
        free(line);
    } else if (!two) {
        attron(A_REVERSE);
        tui_put(t->rows - 1, 0, t->cols, hints, 0);
        attroff(A_REVERSE);
    }
    free(hints);
}

static void
draw_too_small(struct tui *t)
{
    char *m = xasprintf(TR(t, "终端窗口太小（%d×%d），请调整到至少 %d×%d", "Terminal too small (%d×%d): "
                                                                      "needs at least %d×%d"),
                        t->cols, t->rows, TUI_MIN_COLS, TUI_MIN_ROWS);
    int w = width_of(m);

    erase();
    tui_put(t->rows / 2, w < t->cols ? (t->cols - w) / 2 : 0, w < t->cols ? w : t->cols, m, 0);
    free(m);
    refresh();
}

/* Before a new workbook exists: what is being created, and how to get out. */
static void
draw_welcome(struct tui *t)
{
    char *file = xasprintf(TR(t, "新建工作簿：%s", "New workbook: %s"), t->path);

    erase();
    attron(A_REVERSE);
    tui_put(0, 0, t->cols, TR(t, " 碳账本 │ 新建工作簿", " tanbook │ new workbook"), 0);
    attroff(A_REVERSE);
    attron(A_BOLD);
    tui_put(3, 4, t->cols - 8, file, 0);
    attroff(A_BOLD);
    tui_put(5, 4, t->cols - 8, TR(t, "先填写单位名称和报告年度，然后按表A.1 → A.3 → A.5 → A.6 逐表填写；",
                                  "Give the unit's name and the reporting year, then fill in tables"), 0);
    tui_put(6, 4, t->cols - 8, TR(t, "每项保存时即写入工作簿，排放量随填随算。",
                                  "A.1 → A.6; every field is saved at once and the totals follow."), 0);
    tui_put(8, 4, t->cols - 8, TR(t, "按 Esc 退出（不会创建文件）。", "Esc quits without creating the file."),
            0);
    if (t->msg != NULL && t->msg_level == MSG_ERROR) {
        tui_color_on(t, PAIR_ERROR);
        tui_put(t->rows - 3, 1, t->cols - 2, t->msg, 0);
        tui_color_off(t, PAIR_ERROR);
    }
    attron(A_REVERSE);
    tui_put(t->rows - 1, 0, t->cols, TR(t, "Enter 确定  Esc 退出", "Enter ok  Esc quit"), 0);
    attroff(A_REVERSE);
    free(file);
}

void
tui_draw(struct tui *t)
{
    struct tui_area l;

    getmaxyx(stdscr, t->rows, t->cols);
    if (t->cols < TUI_MIN_COLS || t->rows < TUI_MIN_ROWS) {
        draw_too_small(t);
        return;
    }
    if (t->st == NULL) {
        draw_welcome(t);
        return;
    }
    tui_layout(t, &l);
    erase();
    t->cell_y0 = -1;
    draw_header(t);
    draw_steps(t);
    draw_live(t, &l);
    draw_bottom(t);
    curs_set(0);
    t->kind->draw(t, &l);
    if (t->editing)
        curs_set(1);
    refresh();
}

/*
 * The help lines wrapped to w columns: a key's description that does not fit goes on under its
 * own column (`indent` columns in), so nothing is cut at 80 columns. Frees lines.
 */
static char **
wrap_help(char **lines, int w, int indent, int *n)
{
    char **out = NULL;
    size_t cap = 0, k = 0, i, at, len;

    for (i = 0; lines[i] != NULL; i++) {
        at = 0;
        do {
            int room = at == 0 ? w : w - indent;

            len = fit_bytes(lines[i], at, room);
            if (len == 0)
                len = strlen(lines[i] + at);
            out = xgrow(out, &cap, k + 2, sizeof(*out));
            out[k++] = xasprintf("%*s%.*s", at == 0 ? 0 : indent, "", (int)len, lines[i] + at);
            at += len;
        } while (lines[i][at] != '\0');
    }
    out = xgrow(out, &cap, k + 1, sizeof(*out));
    out[k] = NULL;
    tui_key_help_free(lines);
    *n = (int)k;
    return out;
}

void
tui_draw_help(struct tui *t, int *top)
{
    char **lines;
    int i, n, h;

    getmaxyx(stdscr, t->rows, t->cols);
    lines = wrap_help(tui_key_help(t->lang), t->cols - 4, 20, &n);
    h = t->rows - 2;                    /* a blank row on top, the scroll note at the bottom */
    if (*top > n - h)
        *top = n - h;
    if (*top < 0)
        *top = 0;
    erase();
    curs_set(0);
    for (i = 0; i < h && *top + i < n; i++) {
        if (*top + i == 0)
            attron(A_BOLD);
        tui_put(i + 1, 2, t->cols - 4, lines[*top + i], 0);
        attroff(A_BOLD);
    }
    if (n > h) {
        attron(A_DIM);
        tui_put(t->rows - 1, 2, t->cols - 4,
                *top + h < n ? TR(t, "↓ 还有更多（↑↓ 翻看）", "↓ more (↑↓ to scroll)")
                             : TR(t, "↑ 上面还有（↑↓ 翻看）", "↑ more above (↑↓ to scroll)"), 0);
        attroff(A_DIM);
    }
    tui_key_help_free(lines);
    refresh();
}

void
tui_colors(struct tui *t)
{
    t->colors = has_colors();
    if (!t->colors)
        return;
    start_color();
    use_default_colors();
    init_pair(PAIR_OK, COLOR_GREEN, -1);
    init_pair(PAIR_WARN, COLOR_YELLOW, -1);
    init_pair(PAIR_ERROR, COLOR_RED, -1);
    init_pair(PAIR_HEAD, COLOR_CYAN, -1);
}
