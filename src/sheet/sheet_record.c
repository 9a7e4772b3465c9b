/*
 * sheet_record.c - a record form (表A.1 基本信息, and any form of kind record in forms/): one row
 * per field, its label, its value and its unit. Values are validated by forms_validate_lang and
 * kept per unit or per year as the field's scope says. Nothing here names a field of a particular
 * form.
 */
#include "sheet/sheet.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"

enum { COL_LABEL, COL_VALUE, COL_UNIT, NCOLS };

static void
build(const struct sheet_env *env, struct sheet *s)
{
    const struct form_def *f = env->step->form;
    char unit[64];
    size_t i;

    sheet_init(s, (int)f->nfields, NCOLS, 0);
    s->widths[COL_LABEL] = env->lang == LANG_EN ? 22 : 16;   /* 统一社会信用代码 */
    s->widths[COL_VALUE] = 40;
    s->widths[COL_UNIT] = env->lang == LANG_EN ? 8 : 6;     /* "persons" */
    s->start_col = COL_VALUE;
    s->start_row = -1;
    for (i = 0; i < f->nfields; i++) {
        const struct field_def *fd = &f->fields[i];
        const char *v = model_info(env->y, fd->key);
        int missing = fd->required && (v == NULL || v[0] == '\0');
        struct check_where at = {.form_id = f->id, .field = fd->key};
        const struct check_item *it = env->chk != NULL ? check_at(env->chk, &at) : NULL;
        unsigned flags = fd->computed ? SHEET_DIM : SHEET_EDIT;
        int warn = it != NULL && (it->code == CHECK_A1_INVALID || it->code == CHECK_A1_ASKED);

        sheet_set(s, (int)i, COL_LABEL, xstrdup(forms_label(fd, env->lang)), 0);
        sheet_set(s, (int)i, COL_VALUE, xstrdup(v ? v : ""), flags | (missing ? SHEET_MISSING : 0)
                  | (warn ? SHEET_WARN : 0));
        if (warn)
            sheet_note(s, (int)i, COL_VALUE, xstrdup(check_msg(it, env->lang)));
        sheet_set(s, (int)i, COL_UNIT, xstrdup(fd->unit ? units_text(fd->unit, env->lang == LANG_EN,
                                                                     unit, sizeof(unit)) : ""),
                  SHEET_DIM);
        if (missing && s->start_row < 0)
            s->start_row = (int)i; /* where the work is: the first required field still empty */
    }
    if (s->start_row < 0)
        s->start_row = 0;
}

static enum err
commit(const struct sheet_env *env, const struct sheet *s, int row, int col, const char *text,
       struct sheet_out *out)
{
    const struct field_def *fd = &env->step->form->fields[row];
    char *cause = NULL, *value;
    double v;
    enum err e;

    (void)s;
    (void)col;
    if (text_is_blank(text))
        value = NULL;
    else if ((e = forms_validate_lang(fd, text, env->lang, &v, &cause)) != ERR_OK)
        return sheet_fail(out, e, cause);
    else
        value = fd->type == FT_NUMBER || fd->type == FT_INTEGER ? sheet_num(v, TEXT_DIGITS)
                                                                 : text_trim(text);
    e = store_info_set(env->st, fd->scope, env->y->year, fd->key, value, &cause);
    free(value);
    if (e != ERR_OK)
        return sheet_fail(out, e, cause);
    out->changed = 1;
    sheet_say(out, SHEET_SAY_OK, SHEET_TR(env, "已保存“%s”", "Saved “%s”"),
              forms_label(fd, env->lang));
    return ERR_OK;
}

static const char *
help(const struct sheet_env *env, const struct sheet *s, int row, int col)
{
    const struct form_def *f = env->step->form;

    (void)s;
    (void)col;
    if (row < 0 || (size_t)row >= f->nfields)
        return NULL;
    return env->lang == LANG_EN ? f->fields[row].help_en : f->fields[row].help_zh;
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
    if (c == NULL || !(c->flags & SHEET_EDIT) || c->text[0] == '\0')
        return SHEET_DEL_NONE;
    return SHEET_DEL_CLEAR;
}

static enum err
del(const struct sheet_env *env, const struct sheet *s, int row, int col, struct sheet_out *out)
{
    return sheet_clear(&sheet_record, env, s, row, col, sheet_cell(s, row, COL_LABEL)->text, out);
}

static int
locate(const struct sheet_env *env, const struct sheet *s, const struct check_where *w, int *row,
       int *col)
{
    const struct form_def *f = env->step->form;
    size_t i;

    (void)s;
    for (i = 0; w->field != NULL && i < f->nfields; i++)
        if (strcmp(f->fields[i].key, w->field) == 0) {
            *row = (int)i;
            *col = COL_VALUE;
            return 1;
        }
    return 0;
}

const struct sheet_ops sheet_record = {
    .locate = locate,
    .name = "record",
    .build = build,
    .commit = commit,
    .help = help,
    .advance = advance,
    .del_what = del_what,
    .del = del,
};
