/*
 * tui_prompt.c - what the terminal workbook asks: a one-line prompt on the message line (with the
 * field editor), a yes/no question, a list to pick from (typing filters it), a year.
 */
#include <ctype.h>
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "base/period.h"
#include "base/text.h"
#include "base/width.h"
#include "tui/tui_int.h"

int
tui_edit_key(struct editor *ed, wint_t ch, int is_key)
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
    int lw = width_of(label), cur, is_key, fresh = initial != NULL && initial[0] != '\0';
    wint_t ch;
    enum action a;

    editor_init(&ed, initial, 20, 0);
    for (;;) {
        tui_draw(t);
        if (t->cols < TUI_MIN_COLS || t->rows < TUI_MIN_ROWS) {
            if (tui_getkey(t, &ch, &is_key) == 0 && tui_signalled())
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
        /* a default not yet touched is shown selected: typing replaces it */
        attron(fresh ? A_REVERSE : A_UNDERLINE);
        addwstr(view);
        attroff(A_REVERSE | A_UNDERLINE);
        move(t->rows - 2, lw + 1 + cur);
        curs_set(1);
        refresh();
        if (!tui_getkey(t, &ch, &is_key)) {
            if (tui_signalled())
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
        if (fresh && !is_key && iswprint(ch))
            editor_clear(&ed);
        fresh = 0;
        tui_edit_key(&ed, ch, is_key);
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

    while (yes < 0 && !tui_signalled()) {
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

/* A box of h rows and w columns at (y, x), blank inside, with a rule under its title row. */
static void
frame(int y, int x, int h, int w)
{
    int i;

    for (i = 0; i < h; i++) {
        move(y + i, x);
        printw("%*s", w, "");
    }
    mvhline(y, x + 1, ACS_HLINE, w - 2);
    mvhline(y + 2, x + 1, ACS_HLINE, w - 2);
    mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
    mvvline(y + 1, x, ACS_VLINE, h - 2);
    mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
    mvaddch(y, x, ACS_ULCORNER);
    mvaddch(y, x + w - 1, ACS_URCORNER);
    mvaddch(y + 2, x, ACS_LTEE);
    mvaddch(y + 2, x + w - 1, ACS_RTEE);
    mvaddch(y + h - 1, x, ACS_LLCORNER);
    mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
}

int
tui_pick(struct tui *t, const char *title, const char *const *labels,
         const char *const *match, int n)
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
    while (picked == -2 && !tui_signalled()) {
        f = editor_text(&filter);
        for (i = 0, m = 0; i < n; i++)
            if (matches(match != NULL ? match[i] : labels[i], f))
                map[m++] = i;
        if (sel >= m)
            sel = m > 0 ? m - 1 : 0;
        tui_draw(t);
        h = t->rows - 10 < m ? t->rows - 10 : m;
        if (h < 1)
            h = 1;
        if (sel < top)
            top = sel;
        if (sel >= top + h)
            top = sel - h + 1;
        if (w > t->cols - 6)
            w = t->cols - 6;
        x = (t->cols - w) / 2;
        y = 4;                          /* border, title, rule, filter, items, keys, border */
        frame(y - 2, x - 2, h + 6, w + 4);
        attron(A_BOLD);
        tui_put(y - 1, x, w, title, 0);
        attroff(A_BOLD);
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
        else if (tui_edit_key(&filter, ch, is_key))
            sel = 0;
    }
    free(map);
    return picked >= 0 ? picked : -1;
}

int
tui_parse_year(struct tui *t, const char *text)
{
    char *cause = NULL, *typed;
    int year = 0;

    if (period_parse_year(text, &year, &cause) != ERR_OK) {
        /* period_parse_year says why in Chinese; in English the rule it checks is stated */
        typed = text_trim(text);
        if (t->lang == LANG_EN && typed[0] == '\0')
            tui_message(t, MSG_ERROR, "Enter a year, e.g. 2024");
        else if (t->lang == LANG_EN)
            tui_message(t, MSG_ERROR, "“%s” is not a valid year: four digits from %d to %d, e.g. 2024",
                        typed, PERIOD_YEAR_MIN, PERIOD_YEAR_MAX);
        else
            tui_message(t, MSG_ERROR, "%s", cause);
        free(typed);
        free(cause);
        return 0;
    }
    return year;
}
