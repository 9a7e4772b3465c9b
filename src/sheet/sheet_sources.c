/*
 * sheet_sources.c - 表A.3 碳排放源一览表: one row per emission source and facility of the year,
 * with its category (from the factor library), 排放设施名称, 排放设施位置 and 备注. Ins adds a
 * library source (A.5 adds the same way), Del clears a text or deletes the row with its data.
 */
#include "sheet/sheet.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"

enum { COL_CAT, COL_SOURCE, COL_FACILITY, COL_LOCATION, COL_NOTE, NCOLS };

static const char *const keys[NCOLS] = {"category", "source", "facility", "location", "note"};
static const int widths[NCOLS] = {26, 11, 16, 13,
                                  14}; /* "Electricity", "Natural gas"; 备注 at 80 */

static void
build(const struct sheet_env *env, struct sheet *s)
{
    int r, c;

    sheet_init(s, (int)env->y->nentries, NCOLS, 0);
    for (c = 0; c < NCOLS; c++)
        sheet_head(s, c, sheet_label(env, keys[c]), widths[c]);
    s->start_col = COL_SOURCE;
    s->empty = xstrdup(SHEET_TR(env, "还没有排放源：按 Ins 添加（如 外购电力、天然气）",
                                "No emission sources yet: press Ins to add one"));
    for (r = 0; r < s->nrows; r++) {
        const struct wb_entry *en = &env->y->entries[r];

        sheet_set(s, r, COL_CAT, xstrdup(en->src ? factors_cat_label(en->src->cat,
                                                                     env->lang == LANG_EN) : ""),
                  SHEET_DIM);
        sheet_set(s, r, COL_SOURCE, xstrdup(sheet_src_label(env, en->src)), SHEET_EDIT);
        sheet_set(s, r, COL_FACILITY, xstrdup(en->facility), SHEET_EDIT);
        sheet_set(s, r, COL_LOCATION, xstrdup(en->location), SHEET_EDIT);
        sheet_set(s, r, COL_NOTE, xstrdup(en->note), SHEET_EDIT);
    }
}

static enum err
commit(const struct sheet_env *env, const struct sheet *s, int row, int col, const char *text,
       struct sheet_out *out)
{
    const struct wb_entry *en = &env->y->entries[row];
    const struct field_def *fd = forms_field(env->step->form, keys[col]);
    const struct source_def *src;
    char *cause = NULL, *v;
    double x;
    enum err e;

    (void)s;
    if (col == COL_SOURCE) {
        if ((src = factors_source(env->app->lib, text)) == NULL)
            return sheet_fail(out, ERR_INPUT, xasprintf(SHEET_TR(env,
                "排放因子库中没有“%s”；按 Ins 从列表中选择排放源",
                "No source “%s” in the library; press Ins to pick one"), text));
        e = store_entry_update(env->st, en->id, src->id, NULL, NULL, NULL, &cause);
    } else {
        if ((e = forms_validate_lang(fd, text, env->lang, &x, &cause)) != ERR_OK)
            return sheet_fail(out, e, cause);
        v = text_trim(text);
        e = store_entry_update(env->st, en->id, NULL, col == COL_FACILITY ? v : NULL,
                               col == COL_LOCATION ? v : NULL, col == COL_NOTE ? v : NULL, &cause);
        free(v);
    }
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
    const struct field_def *fd = forms_field(env->step->form, keys[col]);

    (void)s;
    (void)row;
    return sheet_field_help(env, fd);
}

void
sheet_source_choice(const struct sheet_env *env, struct sheet_choice *c)
{
    const struct factor_lib *lib = env->app->lib;
    size_t i;

    memset(c, 0, sizeof(*c));
    c->title = xstrdup(SHEET_TR(env, "添加排放源", "Add an emission source"));
    c->then_ask = xstrdup(SHEET_TR(env, "排放设施名称（可留空）：", "Facility (may be empty): "));
    c->labels = xcalloc(lib->nsources + 1, sizeof(*c->labels));
    c->match = xcalloc(lib->nsources + 1, sizeof(*c->match));
    for (i = 0; i < lib->nsources; i++) {
        const struct source_def *src = &lib->sources[i];

        c->labels[c->n] = xasprintf("%s · %s", factors_cat_label(src->cat, env->lang == LANG_EN),
                                    sheet_src_label(env, src));
        /* typing filters on the source's own names, never on its category's text */
        c->match[c->n++] = xasprintf("%s|%s|%s|%s", src->zh, src->en, src->id, src->aliases);
    }
}

enum err
sheet_source_add(const struct sheet_env *env, size_t pick, const char *facility,
                 struct sheet_out *out)
{
    const struct source_def *src;
    char *cause = NULL, *fac;
    long long id;
    int created = 0;
    size_t i;
    enum err e;

    if (pick >= env->app->lib->nsources)
        return ERR_INPUT;
    src = &env->app->lib->sources[pick];
    fac = text_trim(facility != NULL ? facility : "");
    e = store_entry_ensure(env->st, env->y->year, src->id, fac, "", "", &id, &created, &cause);
    free(fac);
    if (e != ERR_OK)
        return sheet_fail(out, e, cause);
    out->changed = created;
    out->row = (int)env->y->nentries;        /* a new entry comes last */
    for (i = 0; i < env->y->nentries; i++)
        if (env->y->entries[i].id == id)
            out->row = (int)i;
    if (created)
        sheet_say(out, SHEET_SAY_OK, SHEET_TR(env, "已添加 %s", "Added %s"),
                  sheet_src_label(env, src));
    else if (out->row < (int)env->y->nentries) {
        char *label = sheet_entry_label(env, &env->y->entries[out->row]);

        sheet_say(out, SHEET_SAY_WARN,
                  SHEET_TR(env, "表A.3 已有 %s，未重复添加（光标已在该行）",
                           "Table A.3 already lists %s; not added twice (the cursor is on it)"),
                  label);
        free(label);
    }
    return ERR_OK;
}

static enum err
add(const struct sheet_env *env, size_t pick, const char *text, struct sheet_out *out)
{
    enum err e = sheet_source_add(env, pick, text, out);

    out->col = COL_FACILITY;
    return e;
}

static enum sheet_del
del_what(const struct sheet_env *env, const struct sheet *s, int row, int col, char **question)
{
    const struct sheet_cell *c = sheet_cell(s, row, col);
    const struct wb_entry *en;
    char *label;

    if (c == NULL)
        return SHEET_DEL_NONE;
    if (col >= COL_FACILITY)        /* a text that may be empty is cleared */
        return c->text[0] != '\0' ? SHEET_DEL_CLEAR : SHEET_DEL_NONE;
    en = &env->y->entries[row];     /* the columns naming the source stand for the row */
    label = sheet_entry_label(env, en);
    *question = xasprintf(SHEET_TR(env, "删除 %s 及其 %zu 条活动数据？", "Delete %s and its %zu values?"),
                          label, en->nacts);
    free(label);
    return SHEET_DEL_ASK;
}

static enum err
del(const struct sheet_env *env, const struct sheet *s, int row, int col, struct sheet_out *out)
{
    const struct wb_entry *en = &env->y->entries[row];
    char *label, *cause = NULL, *what;
    enum err e;

    if (col >= COL_FACILITY) {
        what = xasprintf("%s %s", sheet_cell(s, row, COL_SOURCE)->text, s->heads[col]);
        e = sheet_clear(&sheet_sources, env, s, row, col, what, out);
        free(what);
        return e;
    }
    if ((e = store_entry_delete(env->st, en->id, &cause)) != ERR_OK)
        return sheet_fail(out, e, cause);
    label = sheet_entry_label(env, en);
    out->changed = 1;
    sheet_say(out, SHEET_SAY_OK, SHEET_TR(env, "已删除 %s（Ctrl-Z 可撤销）", "Deleted %s (Ctrl-Z undoes)"),
              label);
    free(label);
    return ERR_OK;
}

static int
locate(const struct sheet_env *env, const struct sheet *s, const struct check_where *w, int *row,
       int *col)
{
    int c;

    (void)s;
    if ((*row = sheet_entry_row(env, w->entry_id)) < 0)
        return 0;
    *col = COL_SOURCE;
    for (c = 0; w->field != NULL && c < NCOLS; c++)
        if (strcmp(keys[c], w->field) == 0)
            *col = c;
    return 1;
}

const struct sheet_ops sheet_sources = {
    .locate = locate,
    .name = "sources",
    .build = build,
    .commit = commit,
    .help = help,
    .add_choice = sheet_source_choice,
    .add = add,
    .del_what = del_what,
    .del = del,
};
