/*
 * tui_year.c - F3: the workbook's years. Switches to another year, or adds one that starts with
 * the emission sources (表A.3) and factor settings of the year on screen, so that a unit reporting
 * again does not list its sources a second time. The year's own figures (建筑面积, 用能人数 ...)
 * and its activity data start empty: they are what changes from year to year.
 */
#include <stdlib.h>
#include <string.h>

#include "base/period.h"
#include "base/strbuf.h"
#include "base/xmem.h"
#include "tui/tui_int.h"

/* "建筑面积、用能人数": the required fields kept per year of the record forms, in step order. */
static char *
year_fields(const struct tui *t)
{
    struct strbuf sb = {0};
    size_t s, i;
    int n = 0;

    sb_append(&sb, "");
    for (s = 0; s < t->nsteps; s++) {
        const struct form_def *f = t->steps[s].form;

        for (i = 0; f != NULL && f->kind == FK_RECORD && i < f->nfields; i++)
            if (f->fields[i].scope == FS_YEAR && f->fields[i].required) {
                sb_append(&sb, n++ ? TR(t, "、", ", ") : "");
                sb_append(&sb, forms_label(&f->fields[i], t->lang));
            }
    }
    return sb_take(&sb);
}

/* Shows cause (freed) as an error. */
static void
fail(struct tui *t, enum err e, char *cause)
{
    tui_message(t, MSG_ERROR, "%s", cause != NULL ? cause : err_str(e));
    free(cause);
}

/* Adds year with the sources and settings of the year on screen, as one undoable action. */
static enum err
add_year(struct tui *t, int year, char **cause)
{
    const struct wb_year *from = &t->y;
    long long id;
    size_t i;
    enum err e;

    if ((e = store_begin(t->st, cause)) != ERR_OK)
        return e;
    e = store_year_add(t->st, t->app->lib, year, from->grid_area, from->gwp_set, cause);
    for (i = 0; i < from->nentries && e == ERR_OK; i++)
        e = store_entry_ensure(t->st, year, from->entries[i].source_id, from->entries[i].facility,
                               from->entries[i].location, from->entries[i].note, &id, NULL, cause);
    if (e == ERR_OK && (e = store_commit(t->st, cause)) == ERR_OK)
        return ERR_OK;
    store_rollback(t->st);
    return e;
}

/* Asks which year to add, the one after the latest offered first; 0 when cancelled. */
static int
ask_year(struct tui *t, int suggested)
{
    char *def = xasprintf("%d", suggested), *text = NULL;
    int year = 0;

    /* a refused answer stays in the prompt to be corrected */
    while (year == 0 && tui_prompt(t, TR(t, "添加年度：", "Add year: "), def, &text)) {
        year = tui_parse_year(t, text);
        free(def);
        def = text;
        text = NULL;
    }
    free(def);
    return year;
}

void
tui_year(struct tui *t)
{
    int *years = NULL, pick, year = 0, exists = 0, latest;
    size_t n = 0, i;
    char **labels, *cause = NULL, *fields;
    enum err e;

    if ((e = store_years(t->st, &years, &n, &cause)) != ERR_OK) {
        fail(t, e, cause);
        return;
    }
    latest = n > 0 ? years[n - 1] : t->year;
    labels = xcalloc(n + 1, sizeof(*labels));
    for (i = 0; i < n; i++)
        labels[i] = xasprintf(TR(t, "%d 年度%s", "%d%s"), years[n - 1 - i],
                              years[n - 1 - i] == t->year ? TR(t, " ← 当前", " ← now") : "");
    labels[n] = xasprintf(TR(t, "添加年度…（沿用 %d 年度的排放源）", "Add a year… (keeps the sources of %d)"),
                          t->year);
    pick = tui_pick(t, TR(t, "切换或添加年度", "Switch or add a year"), (const char *const *)labels, NULL,
                    (int)n + 1);
    if (pick >= 0 && pick < (int)n)
        year = years[n - 1 - pick];
    else if (pick == (int)n && !tui_watch_refuse(t, ACT_ADD, 0, 1)
             && (year = ask_year(t, latest < PERIOD_YEAR_MAX ? latest + 1 : latest)) != 0)
        for (i = 0; i < n; i++)
            exists |= years[i] == year;
    for (i = 0; i <= n; i++)
        free(labels[i]);
    free(labels);
    free(years);
    if (year == 0 || (year == t->year && pick < (int)n))
        return;
    if (pick == (int)n && !exists) {
        size_t nsources = t->y.nentries;

        if ((e = add_year(t, year, &cause)) != ERR_OK) {
            fail(t, e, cause);
            return;
        }
        t->year = year;
        tui_reload(t);
        tui_go_step(t, 0);
        fields = year_fields(t);
        tui_message(t, MSG_OK, TR(t, "已添加 %d 年度，沿用了 %zu 个排放源；请填写本年度的%s",
                                  "Added %d with %zu sources; fill in this year's %s"),
                    year, nsources, fields);
        free(fields);
        return;
    }
    t->year = year;
    tui_reload(t);
    tui_go_step(t, (int)t->step);
    tui_message(t, MSG_OK, TR(t, "已切换到 %d 年度", "Now showing %d"), year);
}
