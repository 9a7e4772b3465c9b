/*
 * sheet_pledge.c - N.4 碳中和计划与声明, a record form: the four texts of the 碳中和计划 (003 §6.4.1,
 * Appendix B), one for the workbook, then what the year's 碳中和声明 states beyond the figures
 * (003 §9 c, f, g) for the year on screen. The form's fields say which is which (scope unit: the
 * plan; year: the statement). A text the cell cuts shows in full on the help line; Del clears it.
 */
#include "sheet/sheet.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"

enum { COL_LABEL, COL_VALUE, NCOLS };

struct pledge_state {
    char *help;
};

static void
state_free(void *state)
{
    struct pledge_state *ps = state;

    if (ps != NULL)
        free(ps->help);
    free(ps);
}

/* The text of field fd in plan (the pledge's, or the statement of year), "" when none. */
static const char *
value_of(struct wb_plan *plan, int year, const struct field_def *fd)
{
    const struct wb_statement *st = plan_statement(plan, year);
    char **slot;

    if (fd->scope == FS_UNIT)
        slot = plan_pledge_slot(&plan->pledge, fd->key);
    else
        slot = st != NULL ? plan_statement_slot((struct wb_statement *)(void *)st, fd->key) : NULL;
    return slot != NULL && *slot != NULL ? *slot : "";
}

static void
build(const struct sheet_env *env, struct sheet *s)
{
    const struct form_def *f = env->step->form;
    struct wb_plan plan;
    char *cause = NULL;
    size_t i;

    if (book_load_plan(env->book, &plan, &cause) != ERR_OK) {
        sheet_init(s, 0, NCOLS, 0);
        s->empty = cause;
        return;
    }
    sheet_init(s, (int)f->nfields, NCOLS, 0);
    s->widths[COL_LABEL] = env->lang == LANG_EN ? 22 : 18;     /* 其他需要声明的内容 */
    s->widths[COL_VALUE] = env->lang == LANG_EN ? 54 : 58;
    s->start_col = COL_VALUE;
    for (i = 0; i < f->nfields; i++) {
        const struct field_def *fd = &f->fields[i];

        sheet_set(s, (int)i, COL_LABEL, xstrdup(forms_label(fd, env->lang)), 0);
        sheet_set(s, (int)i, COL_VALUE, xstrdup(value_of(&plan, env->y->year, fd)), SHEET_EDIT);
    }
    plan_free(&plan);
}

static char *
title_note(const struct sheet_env *env)
{
    return xasprintf(SHEET_TR(env, "计划：全工作簿；声明：%d 年", "plan: the workbook's; statement: %d"),
                     env->y->year);
}

static enum err
commit(const struct sheet_env *env, const struct sheet *s, int row, int col, const char *text,
       struct sheet_out *out)
{
    const struct form_def *f = env->step->form;
    const struct field_def *fd;
    char *cause = NULL, *v;
    double x;
    enum err e;

    (void)s;
    (void)col;
    if (row < 0 || (size_t)row >= f->nfields)
        return ERR_NOTFOUND;
    fd = &f->fields[row];
    v = text_trim(text);
    if ((e = forms_validate_lang(fd, v, env->lang, &x, &cause)) != ERR_OK) {
        free(v);
        return sheet_fail(out, ERR_INPUT, cause);
    }
    if (text_control(v) != 0) {
        free(v);
        return sheet_fail(out, ERR_INPUT,
                          xasprintf(SHEET_TR(env, "%s含有控制字符", "%s holds a control character"),
                                    forms_label(fd, env->lang)));
    }
    e = store_neutral_text_set(env->st, fd->scope == FS_UNIT ? 0 : env->y->year, fd->key, v,
                               &cause);
    free(v);
    if (e != ERR_OK)
        return sheet_fail(out, e, cause);
    out->changed = 1;
    sheet_say(out, SHEET_SAY_OK, SHEET_TR(env, "已保存“%s”（Ctrl-Z 可撤销）", "Saved “%s” (Ctrl-Z undoes)"),
              forms_label(fd, env->lang));
    return ERR_OK;
}

static const char *
help(const struct sheet_env *env, const struct sheet *s, int row, int col)
{
    const struct form_def *f = env->step->form;
    const struct sheet_cell *c = sheet_cell(s, row, COL_VALUE);
    struct pledge_state *ps = *env->state;

    (void)col;
    if (row < 0 || (size_t)row >= f->nfields || c == NULL)
        return NULL;
    if (ps == NULL)
        *env->state = ps = xcalloc(1, sizeof(*ps));
    return sheet_text_help(env, &f->fields[row], c->text, &ps->help);
}

/* Enter saves and moves down, as on a paper form. */
static void
advance(const struct sheet_env *env, const struct sheet *s, int *row, int *col)
{
    (void)env;
    (void)col;
    if (*row + 1 < s->nrows)
        (*row)++;
}

static enum sheet_del
del_what(const struct sheet_env *env, const struct sheet *s, int row, int col, char **question)
{
    const struct sheet_cell *c = sheet_cell(s, row, col);

    (void)env;
    (void)question;
    return c != NULL && (c->flags & SHEET_EDIT) && c->text[0] != '\0' ? SHEET_DEL_CLEAR
                                                                       : SHEET_DEL_NONE;
}

static enum err
del(const struct sheet_env *env, const struct sheet *s, int row, int col, struct sheet_out *out)
{
    return sheet_clear(&sheet_pledge, env, s, row, col, sheet_cell(s, row, COL_LABEL)->text, out);
}

const struct sheet_ops sheet_pledge = {
    .name = "pledge",
    .build = build,
    .commit = commit,
    .help = help,
    .advance = advance,
    .del_what = del_what,
    .del = del,
    .title_note = title_note,
    .state_free = state_free,
};
