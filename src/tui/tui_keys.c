/*
 * tui_keys.c - the key table of the terminal workbook (DESIGN §5). It is the only list of
 * bindings: the main loop looks keys up here, and the F1 help screen and the hint line are
 * generated from it, so they cannot drift apart.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "tui/tui_int.h"
#include "base/width.h"

#define CTRL(c) ((c) & 0x1f)

enum key_mode {
    KM_BROWSE = 1,   /* moving between fields */
    KM_EDIT = 2,     /* typing into a field */
};

struct binding {
    int code;
    int is_key;          /* a KEY_* code rather than a character */
    unsigned modes;
    enum action act;
    const char *name;    /* as the help screen writes it */
};

static const struct binding bindings[] = {
    {'\t', 0, KM_BROWSE | KM_EDIT, ACT_NEXT, "Tab"},
    {KEY_DOWN, 1, KM_BROWSE | KM_EDIT, ACT_DOWN, "↓"},
    {KEY_BTAB, 1, KM_BROWSE | KM_EDIT, ACT_PREV, "Shift-Tab"},
    {KEY_UP, 1, KM_BROWSE | KM_EDIT, ACT_UP, "↑"},
    {KEY_LEFT, 1, KM_BROWSE, ACT_LEFT, "←"},
    {KEY_RIGHT, 1, KM_BROWSE, ACT_RIGHT, "→"},
    {KEY_SLEFT, 1, KM_BROWSE, ACT_SEL_LEFT, "Shift-←"},
    {KEY_SRIGHT, 1, KM_BROWSE, ACT_SEL_RIGHT, "Shift-→"},
    {KEY_HOME, 1, KM_BROWSE, ACT_HOME, "Home"},
    {KEY_END, 1, KM_BROWSE, ACT_END, "End"},
    {'\n', 0, KM_BROWSE | KM_EDIT, ACT_EDIT, "Enter"},
    {'\r', 0, KM_BROWSE | KM_EDIT, ACT_EDIT, NULL},
    {KEY_ENTER, 1, KM_BROWSE | KM_EDIT, ACT_EDIT, NULL},
    {27, 0, KM_BROWSE | KM_EDIT, ACT_CANCEL, "Esc"},
    {KEY_NPAGE, 1, KM_BROWSE | KM_EDIT, ACT_NEXT_STEP, "PgDn"},
    {KEY_PPAGE, 1, KM_BROWSE | KM_EDIT, ACT_PREV_STEP, "PgUp"},
    {KEY_IC, 1, KM_BROWSE, ACT_ADD, "Ins"},
    {CTRL('n'), 0, KM_BROWSE, ACT_ADD, "Ctrl-N"},    /* keyboards without Insert */
    {KEY_DC, 1, KM_BROWSE, ACT_DELETE, "Del"},
    {CTRL('z'), 0, KM_BROWSE | KM_EDIT, ACT_UNDO, "Ctrl-Z"},
    {CTRL('y'), 0, KM_BROWSE | KM_EDIT, ACT_REDO, "Ctrl-Y"},
    {KEY_F(1), 1, KM_BROWSE | KM_EDIT, ACT_HELP, "F1"},
    {KEY_F(2), 1, KM_BROWSE, ACT_SETTINGS, "F2"},
    {KEY_F(3), 1, KM_BROWSE, ACT_YEAR, "F3"},
    {CTRL('d'), 0, KM_BROWSE, ACT_FILL_DOWN, "Ctrl-D"},
    {CTRL('r'), 0, KM_BROWSE, ACT_FILL_RIGHT, "Ctrl-R"},
    {KEY_F(6), 1, KM_BROWSE, ACT_NA, "F6"},
    {KEY_F(7), 1, KM_BROWSE, ACT_ISSUES, "F7"},
    {CTRL('s'), 0, KM_BROWSE | KM_EDIT, ACT_SAVE, "Ctrl-S"},
    {KEY_F(5), 1, KM_BROWSE | KM_EDIT, ACT_EXPORT, "F5"},
    {KEY_F(10), 1, KM_BROWSE | KM_EDIT, ACT_QUIT, "F10"},
    {CTRL('q'), 0, KM_BROWSE | KM_EDIT, ACT_QUIT, "Ctrl-Q"},
    {CTRL('c'), 0, KM_BROWSE, ACT_QUIT, "Ctrl-C"},
    {CTRL('c'), 0, KM_EDIT, ACT_CANCEL, "Ctrl-C"},  /* in an edit it cancels, as Esc */
};

struct action_text {
    enum action act;
    const char *zh, *en;          /* the help screen's description */
    const char *hint_zh, *hint_en;/* the hint line's short word, NULL when not hinted */
    int priority;                 /* which hints stay on a narrow line: 1 first */
};

static const struct action_text actions[] = {
    {ACT_NEXT, "下一项（编辑时先保存）", "Next field (saves a field being edited)", "下一项", "next", 9},
    {ACT_DOWN, "下一行", "Next row", NULL, NULL, 0},
    {ACT_PREV, "上一项", "Previous field", NULL, NULL, 0},
    {ACT_UP, "上一行", "Previous row", NULL, NULL, 0},
    {ACT_LEFT, "左一列", "Column to the left", NULL, NULL, 0},
    {ACT_RIGHT, "右一列", "Column to the right", NULL, NULL, 0},
    {ACT_SEL_LEFT, "向左选择月份（输入的数、Del、F6 作用于全部选中）",
     "Select months leftwards (a value, Del or F6 then applies to all)", NULL, NULL, 0},
    {ACT_SEL_RIGHT, "向右选择", "Select to the right", NULL, NULL, 0},
    {ACT_HOME, "回到本行开头（表A.5 回到 1月）", "Start of the row (A.5: back to January)", NULL, NULL, 0},
    {ACT_END, "本行最后一列", "Last column of the row", NULL, NULL, 0},
    {ACT_EDIT, "编辑 / 保存本项；直接输入也会开始编辑", "Edit / save the field; typing also starts an edit",
     "编辑", "edit", 3},
    {ACT_CANCEL, "放弃正在编辑的内容", "Cancel the edit", NULL, NULL, 0},
    {ACT_NEXT_STEP, "下一步（表）", "Next step (table)", "下一表", "next table", 4},
    {ACT_PREV_STEP, "上一步（表）", "Previous step (table)", NULL, NULL, 0},
    {ACT_ADD, "添加一行（排放源；P.2 目标；P.3 减排措施；N.1 可再生能源；N.2 碳抵消）",
     "Add a row (source; P.2 target; P.3 measure; N.1 renewable; N.2 offset)",
     "添加", "add", 5},
    {ACT_DELETE, "清除本格；排放源列删除整行（先确认）；A.6 恢复默认因子",
     "Clear; on a source delete the row (asks); A.6: library factor",
     "删除", "delete", 6},
    {ACT_SETTINGS, "设置：表A.6 电力排放因子的地区、GWP 版本；P.1 设定碳基准（选年份，再写原因）",
     "Settings: table A.6 electricity factor area, GWP set; P.1 the base period (pick, then a reason)",
     "设置", "settings", 7},
    {ACT_YEAR, "切换年度，或添加新年度（沿用本年度的排放源）",
     "Switch year, or add a year (keeps this year's emission sources)", "年度", "year", 10},
    {ACT_FILL_DOWN, "复制上一行同列的值（到本格或选中的各格）", "Copy the value above (into the cell or the selection)",
     NULL, NULL, 0},
    {ACT_FILL_RIGHT, "复制左侧的值；有选择时用第一格填满其余各格",
     "Copy the value on the left; a selection: from its first cell", NULL, NULL, 0},
    {ACT_NA, "标记不适用“/”（如夏季不供暖的月份；再按取消）",
     "Mark not applicable \"/\" (no heating in summer; again: unmark)", "不适用", "n/a", 11},
    {ACT_ISSUES, "问题清单：全部检查结果，Enter 跳到所在单元格", "Issues: every finding; Enter goes to its cell",
     "问题", "issues", 9},
    {ACT_UNDO, "撤销上一次修改", "Undo the last change", "撤销", "undo", 7},
    {ACT_REDO, "重做", "Redo", NULL, NULL, 0},
    {ACT_SAVE, "保存正在编辑的项（其余修改都已随时保存）", "Save the field being edited (all else is saved already)",
     NULL, NULL, 0},
    {ACT_HELP, "帮助", "Help", "帮助", "help", 2},
    {ACT_EXPORT, "导出 Excel 报表", "Export the Excel report", "导出", "export", 8},
    {ACT_QUIT, "退出（修改都已保存；编辑中的值有效则先保存）",
     "Quit (all is saved; a valid value being edited is saved first)",
     "退出", "quit", 1},
};

static enum action
lookup(wint_t ch, int is_key, unsigned mode)
{
    size_t i;

    for (i = 0; i < nitems(bindings); i++)
        if (bindings[i].is_key == is_key && (wint_t)bindings[i].code == ch
            && (bindings[i].modes & mode))
            return bindings[i].act;
    return ACT_NONE;
}

enum action
tui_key_action(wint_t ch, int is_key)
{
    return lookup(ch, is_key, KM_BROWSE);
}

enum action
tui_key_edit_action(wint_t ch, int is_key)
{
    return lookup(ch, is_key, KM_EDIT);
}

/* "Tab/↓" - every named key of act, in table order. */
static void
key_names(struct strbuf *sb, enum action act, unsigned mode)
{
    size_t i;
    int n = 0;

    for (i = 0; i < nitems(bindings); i++)
        if (bindings[i].act == act && bindings[i].name != NULL && (bindings[i].modes & mode)) {
            sb_append(sb, n++ ? "/" : "");
            sb_append(sb, bindings[i].name);
        }
}

/* The first named key of act, for the hint line. */
static const char *
first_key(enum action act, unsigned mode)
{
    size_t i;

    for (i = 0; i < nitems(bindings); i++)
        if (bindings[i].act == act && bindings[i].name != NULL && (bindings[i].modes & mode))
            return bindings[i].name;
    return NULL;
}

char *
tui_key_hints(const struct tui *t, int width)
{
    static const enum action editing[] = {ACT_EDIT, ACT_CANCEL, ACT_NEXT};
    struct strbuf sb = {0};
    size_t i;
    int used = 0;

    sb_append(&sb, "");
    if (t->prompting) {
        sb_append(&sb, TR(t, "Enter 确定  Esc 取消", "Enter ok  Esc cancel"));
        return sb_take(&sb);
    }
    if (t->editing) {
        for (i = 0; i < nitems(editing); i++) {
            const struct action_text *a = &actions[0];
            char item[96];
            size_t k;

            for (k = 0; k < nitems(actions); k++)
                if (actions[k].act == editing[i])
                    a = &actions[k];
            snprintf(item, sizeof(item), "%s %s  ", first_key(editing[i], KM_EDIT),
                     editing[i] == ACT_EDIT ? (t->lang == LANG_EN ? "save" : "保存")
                     : editing[i] == ACT_CANCEL ? (t->lang == LANG_EN ? "cancel" : "放弃")
                     : (t->lang == LANG_EN ? a->hint_en : a->hint_zh));
            if (used + width_of(item) > width)
                break;
            sb_append(&sb, item);
            used += width_of(item);
        }
        return sb_take(&sb);
    }
    {
        char items[nitems(actions)][96];
        int shown[nitems(actions)] = {0}, p;

        for (i = 0; i < nitems(actions); i++) {
            const char *hint = t->lang == LANG_EN ? actions[i].hint_en : actions[i].hint_zh;
            const char *key = first_key(actions[i].act, KM_BROWSE);

            items[i][0] = '\0';
            if (hint != NULL && key != NULL && tui_can(t, actions[i].act))
                snprintf(items[i], sizeof(items[i]), "%s %s  ", key, hint);
        }
        /* the most important hints first, then shown in table order */
        for (p = 1; p <= (int)nitems(actions); p++)
            for (i = 0; i < nitems(actions); i++)
                if (actions[i].priority == p && items[i][0] != '\0'
                    && used + width_of(items[i]) <= width) {
                    shown[i] = 1;
                    used += width_of(items[i]);
                }
        for (i = 0; i < nitems(actions); i++)
            if (shown[i])
                sb_append(&sb, items[i]);
    }
    return sb_take(&sb);
}

char **
tui_key_help(enum lang lang)
{
    char **lines = xcalloc(nitems(actions) + 8, sizeof(*lines));
    struct strbuf sb = {0};
    size_t i, n = 0;

    lines[n++] = xstrdup(lang == LANG_EN ? "tanbook - keys" : "碳账本 - 按键说明");
    lines[n++] = xstrdup("");
    for (i = 0; i < nitems(actions); i++) {
        struct strbuf keys = {0};

        key_names(&keys, actions[i].act, KM_BROWSE | KM_EDIT);
        sb_append(&sb, "  ");
        width_pad(&sb, keys.s, 18);
        sb_append(&sb, lang == LANG_EN ? actions[i].en : actions[i].zh);
        lines[n++] = sb_take(&sb);
        sb_free(&keys);
    }
    lines[n++] = xstrdup("");
    lines[n++] = xstrdup(lang == LANG_EN
                             ? "  Every saved field is written to the workbook at once; nothing to save."
                             : "  每项在保存（Enter/Tab）时即写入工作簿，无需另行保存。");
    lines[n++] = xstrdup(lang == LANG_EN
                             ? "  Numbers: full-width digits and the ideographic full stop (U+3002) are accepted. Esc closes this help."
                             : "  数字可用全角数字和“。”作小数点。按 Esc 或 F1 关闭本帮助。");
    lines[n] = NULL;
    return lines;
}

void
tui_key_help_free(char **lines)
{
    size_t i;

    for (i = 0; lines != NULL && lines[i] != NULL; i++)
        free(lines[i]);
    free(lines);
}
