/*
 * tui_steps.c - the content of each step as a grid of cells, built from the loaded year, and what
 * happens when the user commits a cell, adds or deletes a row. Everything written goes through
 * store.h at once; the caller reloads afterwards so the grid, report and checks stay in step.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "tui/tui_int.h"
#include "base/xmem.h"

/* A.6 columns. */
enum { A6_CAT, A6_SOURCE, A6_VALUE, A6_UNIT, A6_DATASRC, A6_NCOLS };
/* A.3 columns. */
enum { A3_CAT, A3_SOURCE, A3_FACILITY, A3_LOCATION, A3_NOTE, A3_NCOLS };

static const char *const a3_keys[A3_NCOLS] = {"category", "source", "facility", "location", "note"};

const struct form_def *
tui_form(const struct tui *t, const char *id)
{
    return forms_get(t->app->forms, id);
}

const char *
tui_step_title(const struct tui *t, enum step s)
{
    static const char *const ids[] = {"A.1", "A.3", "A.5", "A.6", "A.2", "A.4"};

    if (s == STEP_EXPORT)
        return TR(t, "导出 Excel 报表", "Export the Excel report");
    return forms_title(tui_form(t, ids[s]), t->lang);
}

/* ---- the grid ------------------------------------------------------------------------------ */

void
tui_grid_init(struct tgrid *g, int nrows, int ncols, int frozen)
{
    tui_grid_free(g);
    g->nrows = nrows;
    g->ncols = ncols;
    g->frozen = frozen;
    g->widths = xcalloc((size_t)ncols, sizeof(*g->widths));
    g->cells = xcalloc((size_t)(nrows * ncols + 1), sizeof(*g->cells));
}

void
tui_grid_heads(struct tgrid *g)
{
    g->heads = xcalloc((size_t)g->ncols, sizeof(*g->heads));
}

void
tui_set(struct tgrid *g, int r, int c, char *text, unsigned flags)
{
    struct tcell *cell = &g->cells[r * g->ncols + c];

    free(cell->text);
    cell->text = text;
    cell->flags = flags;
}

void
tui_grid_free(struct tgrid *g)
{
    int i;

    for (i = 0; i < g->nrows * g->ncols; i++)
        free(g->cells[i].text);
    for (i = 0; g->heads != NULL && i < g->ncols; i++)
        free(g->heads[i]);
    free(g->cells);
    free(g->heads);
    free(g->widths);
    memset(g, 0, sizeof(*g));
}

struct tcell *
tui_cell(struct tui *t, int row, int col)
{
    if (row < 0 || col < 0 || row >= t->grid.nrows || col >= t->grid.ncols)
        return NULL;
    return &t->grid.cells[row * t->grid.ncols + col];
}

char *
tui_num(double v, int decimals)
{
    char buf[64];

    text_format_number(v, decimals, buf, sizeof(buf));
    return xstrdup(buf);
}

static char *
fixed(double v, int decimals)
{
    return xasprintf("%.*f", decimals, v);
}

/* ---- A.1 ------------------------------------------------------------------------------------ */

static void
build_a1(struct tui *t)
{
    const struct form_def *f = tui_form(t, "A.1");
    struct tgrid *g = &t->grid;
    size_t i;

    tui_grid_init(g, (int)f->nfields, 3, 0);
    g->widths[0] = t->lang == LANG_EN ? 22 : 14;
    g->widths[1] = 40;
    g->widths[2] = 6;
    for (i = 0; i < f->nfields; i++) {
        const struct field_def *fd = &f->fields[i];
        const char *v = model_info(&t->y, fd->key);
        int missing = fd->required && (v == NULL || v[0] == '\0');

        tui_set(g, (int)i, 0, xstrdup(forms_label(fd, t->lang)), 0);
        tui_set(g, (int)i, 1, xstrdup(v ? v : ""), CELL_EDIT | (missing ? CELL_MISSING : 0));
        tui_set(g, (int)i, 2, xstrdup(fd->unit ? fd->unit : ""), CELL_DIM);
    }
}

static enum err
commit_a1(struct tui *t, const char *text)
{
    const struct field_def *fd = &tui_form(t, "A.1")->fields[t->row];
    char *cause = NULL, *value;
    double v;
    enum err e;

    if (text_is_blank(text)) {
        value = NULL;
    } else if ((e = forms_validate(fd, text, &v, &cause)) != ERR_OK) {
        tui_message(t, MSG_ERROR, "%s", cause);
        free(cause);
        return e;
    } else {
        value = fd->type == FT_NUMBER || fd->type == FT_INTEGER ? xasprintf("%.15g", v)
                                                                 : text_trim(text);
    }
    e = store_info_set(t->st, fd->scope, t->year, fd->key, value, &cause);
    free(value);
    if (e != ERR_OK) {
        tui_message(t, MSG_ERROR, "%s", cause);
        free(cause);
        return e;
    }
    tui_message(t, MSG_OK, TR(t, "已保存“%s”", "Saved “%s”"), forms_label(fd, t->lang));
    return ERR_OK;
}

/* ---- shared by A.3, A.5 and A.6 -------------------------------------------------------------- */

const char *
tui_src_label(const struct tui *t, const struct source_def *src)
{
    return src == NULL ? "?" : t->lang == LANG_EN ? src->en : src->zh;
}

/* "天然气（食堂炉灶）" */
char *
tui_entry_label(const struct tui *t, const struct wb_entry *en)
{
    if (en->facility == NULL || en->facility[0] == '\0')
        return xstrdup(tui_src_label(t, en->src));
    return xasprintf("%s（%s）", tui_src_label(t, en->src), en->facility);
}

/* ---- A.3 ------------------------------------------------------------------------------------ */

static void
build_a3(struct tui *t)
{
    const struct form_def *f = tui_form(t, "A.3");
    static const int widths[A3_NCOLS] = {26, 10, 16, 14, 14};
    struct tgrid *g = &t->grid;
    int r, c;

    tui_grid_init(g, (int)t->y.nentries, A3_NCOLS, 0);
    tui_grid_heads(g);
    for (c = 0; c < A3_NCOLS; c++) {
        g->heads[c] = xstrdup(forms_label(forms_field(f, a3_keys[c]), t->lang));
        g->widths[c] = widths[c];
    }
    for (r = 0; r < g->nrows; r++) {
        const struct wb_entry *en = &t->y.entries[r];

        tui_set(g, r, A3_CAT, xstrdup(en->src ? factors_cat_label(en->src->cat, t->lang == LANG_EN)
                                          : ""), CELL_DIM);
        tui_set(g, r, A3_SOURCE, xstrdup(tui_src_label(t, en->src)), CELL_EDIT);
        tui_set(g, r, A3_FACILITY, xstrdup(en->facility ? en->facility : ""), CELL_EDIT);
        tui_set(g, r, A3_LOCATION, xstrdup(en->location ? en->location : ""), CELL_EDIT);
        tui_set(g, r, A3_NOTE, xstrdup(en->note ? en->note : ""), CELL_EDIT);
    }
}

enum err
tui_fail(struct tui *t, enum err e, char *cause)
{
    tui_message(t, MSG_ERROR, "%s", cause ? cause : err_str(e));
    free(cause);
    return e;
}

static enum err
commit_a3(struct tui *t, const char *text)
{
    const struct wb_entry *en = &t->y.entries[t->row];
    const struct field_def *fd = forms_field(tui_form(t, "A.3"), a3_keys[t->col]);
    const struct source_def *src;
    char *cause = NULL, *v;
    double x;
    enum err e;

    if (t->col == A3_SOURCE) {
        if ((src = factors_source(t->app->lib, text)) == NULL)
            return tui_fail(t, ERR_INPUT, xasprintf(TR(t, "排放因子库中没有“%s”；按 Ins 从列表中选择排放源",
                                                   "No source “%s” in the library; press Ins to pick one"),
                                                text));
        e = store_entry_update(t->st, en->id, src->id, NULL, NULL, NULL, &cause);
    } else {
        if ((e = forms_validate(fd, text, &x, &cause)) != ERR_OK)
            return tui_fail(t, e, cause);
        v = text_trim(text);
        e = store_entry_update(t->st, en->id, NULL, t->col == A3_FACILITY ? v : NULL,
                               t->col == A3_LOCATION ? v : NULL, t->col == A3_NOTE ? v : NULL,
                               &cause);
        free(v);
    }
    if (e != ERR_OK)
        return tui_fail(t, e, cause);
    tui_message(t, MSG_OK, TR(t, "已保存“%s”", "Saved “%s”"), forms_label(fd, t->lang));
    return ERR_OK;
}

/* ---- A.6 ------------------------------------------------------------------------------------ */

/* The A.6 rows: the sources the inventory uses, in library order. */
static size_t
a6_sources(const struct tui *t, const struct source_def **out, size_t cap)
{
    const struct factor_lib *lib = t->app->lib;
    size_t i, j, n = 0;

    for (i = 0; i < lib->nsources && n < cap; i++)
        for (j = 0; j < t->y.nentries; j++)
            if (t->y.entries[j].src == &lib->sources[i]) {
                out[n++] = &lib->sources[i];
                break;
            }
    return n;
}

static void
build_a6(struct tui *t)
{
    static const int widths[A6_NCOLS] = {26, 10, 11, 12, 40};
    const struct form_def *f = tui_form(t, "A.6");
    static const char *const keys[A6_NCOLS] = {"category", "source", "data", "factor_unit",
                                               "data_source"};
    const struct source_def *srcs[64];
    struct tgrid *g = &t->grid;
    size_t n = a6_sources(t, srcs, nitems(srcs));
    int r, c;

    tui_grid_init(g, (int)n, A6_NCOLS, 0);
    tui_grid_heads(g);
    for (c = 0; c < A6_NCOLS; c++) {
        g->heads[c] = xstrdup(forms_label(forms_field(f, keys[c]), t->lang));
        g->widths[c] = widths[c];
    }
    for (r = 0; r < (int)n; r++) {
        const struct factor_pin *pin = model_pin(&t->y, srcs[r]->id);
        char fu[64];
        int nosrc = pin == NULL || pin->source_text == NULL || pin->source_text[0] == '\0';

        factors_unit_text(srcs[r], pin ? pin->unit : srcs[r]->activity_unit->sym, fu, sizeof(fu));
        tui_set(g, r, A6_CAT, xstrdup(factors_cat_label(srcs[r]->cat, t->lang == LANG_EN)), CELL_DIM);
        tui_set(g, r, A6_SOURCE, xstrdup(tui_src_label(t, srcs[r])), 0);
        tui_set(g, r, A6_VALUE, pin ? tui_num(pin->value, 9) : xstrdup(""), CELL_EDIT | CELL_NUM
            | (pin && pin->overridden ? CELL_WARN : 0));
        tui_set(g, r, A6_UNIT, xstrdup(fu), CELL_DIM);
        tui_set(g, r, A6_DATASRC, nosrc ? xstrdup(TR(t, "（请注明来源）", "(state the source)"))
                                    : xstrdup(pin->source_text),
            CELL_EDIT | (nosrc ? CELL_MISSING : 0));
    }
}

static const struct source_def *
a6_row_source(const struct tui *t, int row)
{
    const struct source_def *srcs[64];
    size_t n = a6_sources(t, srcs, nitems(srcs));

    return row >= 0 && (size_t)row < n ? srcs[row] : NULL;
}

static enum err
commit_a6(struct tui *t, const char *text)
{
    const struct source_def *src = a6_row_source(t, t->row);
    const struct field_def *fd = forms_field(tui_form(t, "A.6"), t->col == A6_VALUE ? "data"
                                                                                  : "data_source");
    const struct factor_pin *old = src ? model_pin(&t->y, src->id) : NULL;
    struct factor_pin pin;
    char *cause = NULL;
    double v;
    enum err e;

    if (old == NULL)
        return ERR_NOTFOUND;
    if ((e = forms_validate(fd, text, &v, &cause)) != ERR_OK)
        return tui_fail(t, e, cause);
    if (t->col == A6_DATASRC && text_is_blank(text))
        return tui_fail(t, ERR_INPUT, xstrdup(TR(t, "每个排放因子都须注明来源", "Every factor needs its source")));
    factors_pin_copy(&pin, old);
    if (t->col == A6_VALUE) {
        if (v == old->value) {
            factors_pin_free(&pin);
            return ERR_OK;
        }
        pin.value = v;
        pin.ncv = pin.cc = pin.ox = 0;    /* a stated value is no longer the library's derivation */
        free(pin.source_text);
        pin.source_text = xstrdup("");
    } else {
        free(pin.source_text);
        pin.source_text = text_trim(text);
    }
    pin.overridden = 1;
    e = store_pin_set(t->st, t->year, &pin, &cause);
    factors_pin_free(&pin);
    if (e != ERR_OK)
        return tui_fail(t, e, cause);
    if (t->col == A6_VALUE) {
        tui_message(t, MSG_WARN, TR(t, "已改用 %s；请在“数据来源”注明新因子的出处",
                                    "Now %s; state where the new factor comes from"), text);
        t->col = A6_DATASRC;
    } else {
        tui_message(t, MSG_OK, TR(t, "已保存因子来源", "Saved the factor's source"));
    }
    return ERR_OK;
}

/* ---- A.2 and A.4, computed ------------------------------------------------------------------- */

static void
build_a2(struct tui *t)
{
    const struct form_def *f = tui_form(t, "A.2");
    struct tgrid *g = &t->grid;
    size_t i;
    int r = 0, n = 0;

    for (i = 0; t->rep_ok && i < report_cur(&t->rep)->nsources; i++)
        n += report_cur(&t->rep)->sources[i].is_energy;
    tui_grid_init(g, n + 1, 4, 0);
    tui_grid_heads(g);
    g->heads[0] = xstrdup(forms_label(forms_field(f, "energy_kind"), t->lang));
    g->heads[1] = xstrdup(forms_label(forms_field(f, "consumption"), t->lang));
    g->heads[2] = xstrdup(TR(t, "单位", "Unit"));
    g->heads[3] = xstrdup(forms_label(forms_field(f, "energy_tce"), t->lang));
    g->widths[0] = 26;
    g->widths[1] = 16;
    g->widths[2] = 8;
    g->widths[3] = 14;
    for (i = 0; t->rep_ok && i < report_cur(&t->rep)->nsources; i++) {
        const struct report_source *s = &report_cur(&t->rep)->sources[i];

        if (!s->is_energy)
            continue;
        tui_set(g, r, 0, xstrdup(s->label), 0);
        tui_set(g, r, 1, fixed(s->quantity, 2), CELL_NUM);
        tui_set(g, r, 2, xstrdup(s->unit), CELL_DIM);
        tui_set(g, r, 3, fixed(s->tce, 2), CELL_NUM);
        r++;
    }
    tui_set(g, r, 0, xstrdup(forms_label(forms_field(f, "total_tce"), t->lang)), 0);
    tui_set(g, r, 1, xstrdup(""), 0);
    tui_set(g, r, 2, xstrdup(""), 0);
    tui_set(g, r, 3, t->rep_ok ? fixed(report_cur(&t->rep)->energy_tce, 2) : xstrdup("?"), CELL_NUM);
}

static void
a4_row(struct tgrid *g, int *r, const char *label, char *value, const char *unit, double share)
{
    tui_set(g, *r, 0, xstrdup(label), 0);
    tui_set(g, *r, 1, value, CELL_NUM);
    tui_set(g, *r, 2, xstrdup(unit), CELL_DIM);
    tui_set(g, *r, 3, share >= 0 ? xasprintf("%.6f", share) : xstrdup(""), CELL_DIM);
    (*r)++;
}

static void
build_a4(struct tui *t)
{
    const struct form_def *f = tui_form(t, "A.4");
    const struct report_year *rep = report_cur(&t->rep);
    struct tgrid *g = &t->grid;
    double max = 0;
    size_t i;
    int r = 0, c;

    tui_grid_init(g, (int)(t->rep_ok ? rep->nsources : 0) + 9, 4, 0);
    tui_grid_heads(g);
    g->heads[0] = xstrdup(TR(t, "项目", "Item"));
    g->heads[1] = xstrdup(TR(t, "数值", "Value"));
    g->heads[2] = xstrdup(TR(t, "单位", "Unit"));
    g->heads[3] = xstrdup(TR(t, "按排放源", "By source"));
    g->widths[0] = 28;
    g->widths[1] = 12;
    g->widths[2] = 10;
    g->widths[3] = 24;
    if (!t->rep_ok) {
        g->nrows = 0;
        return;
    }
    for (i = 0; i < rep->nsources; i++)
        if (rep->sources[i].tco2e > max)
            max = rep->sources[i].tco2e;
    a4_row(g, &r, forms_label(forms_field(f, "total"), t->lang), fixed(rep->total_tco2e, 2),
           "tCO₂e", -1);
    for (c = 0; c < CAT__COUNT; c++) {
        if (c == CAT_FUGITIVE && rep->cat_tco2e[c] == 0)
            continue;
        a4_row(g, &r, factors_cat_label((enum src_cat)c, t->lang == LANG_EN),
               fixed(rep->cat_tco2e[c], 2), "tCO₂e", -1);
        for (i = 0; i < rep->nsources; i++)
            if ((int)rep->sources[i].cat == c) {
                char *label = xasprintf("    %s", rep->sources[i].label);

                a4_row(g, &r, label, fixed(rep->sources[i].tco2e, 2), "tCO₂e",
                       max > 0 ? rep->sources[i].tco2e / max : 0);
                free(label);
            }
    }
    a4_row(g, &r, forms_label(forms_field(f, "building_area"), t->lang),
           rep->has_area ? fixed(rep->building_area_m2, 2) : xstrdup("—"), "m²", -1);
    a4_row(g, &r, forms_label(forms_field(f, "intensity"), t->lang),
           rep->has_area ? fixed(rep->intensity_kgco2e_per_m2, 2) : xstrdup("—"), "kgCO₂e/m²", -1);
    a4_row(g, &r, forms_label(forms_field(f, "headcount"), t->lang),
           rep->has_headcount ? fixed(rep->headcount, 0) : xstrdup("—"), TR(t, "人", "persons"), -1);
    a4_row(g, &r, forms_label(forms_field(f, "per_capita"), t->lang),
           rep->has_headcount ? fixed(rep->per_capita_tco2e, 4) : xstrdup("—"),
           TR(t, "tCO₂e/人", "tCO₂e/person"), -1);
    g->nrows = r;
}

/* ---- dispatch ------------------------------------------------------------------------------- */

void
tui_build(struct tui *t)
{
    switch (t->step) {
    case STEP_A1: build_a1(t); break;
    case STEP_A3: build_a3(t); break;
    case STEP_A5: tui_build_a5(t); break;
    case STEP_A6: build_a6(t); break;
    case STEP_A2: build_a2(t); break;
    case STEP_A4: build_a4(t); break;
    default: tui_grid_free(&t->grid); break;
    }
    if (t->row >= t->grid.nrows)
        t->row = t->grid.nrows > 0 ? t->grid.nrows - 1 : 0;
    if (t->col >= t->grid.ncols)
        t->col = t->grid.ncols > 0 ? t->grid.ncols - 1 : 0;
}

enum err
tui_commit(struct tui *t, const char *text)
{
    struct tcell *c = tui_cell(t, t->row, t->col);

    if (c == NULL || !(c->flags & CELL_EDIT))
        return ERR_INPUT;
    switch (t->step) {
    case STEP_A1: return commit_a1(t, text);
    case STEP_A3: return commit_a3(t, text);
    case STEP_A5: return tui_commit_a5(t, text);
    case STEP_A6: return commit_a6(t, text);
    default: return ERR_INPUT;
    }
}

/* Ins: picks a library source, asks for the facility, adds the A.3 row and focuses it. */
void
tui_add_row(struct tui *t)
{
    const struct factor_lib *lib = t->app->lib;
    const char **labels = xcalloc(lib->nsources, sizeof(*labels));
    char **owned = xcalloc(lib->nsources, sizeof(*owned));
    char *facility = NULL, *cause = NULL;
    long long id;
    int pick, created = 0;
    size_t i;
    enum err e;

    for (i = 0; i < lib->nsources; i++) {
        owned[i] = xasprintf("%s · %s", factors_cat_label(lib->sources[i].cat, t->lang == LANG_EN),
                             tui_src_label(t, &lib->sources[i]));
        labels[i] = owned[i];
    }
    pick = tui_pick(t, TR(t, "添加排放源", "Add an emission source"), labels, (int)lib->nsources);
    for (i = 0; i < lib->nsources; i++)
        free(owned[i]);
    free(owned);
    free(labels);
    if (pick < 0)
        return;
    if (!tui_prompt(t, TR(t, "排放设施名称（可留空）：", "Facility (may be empty): "), "", &facility))
        return;
    e = store_entry_ensure(t->st, t->year, lib->sources[pick].id, facility, "", "", &id, &created,
                           &cause);
    free(facility);
    if (e != ERR_OK) {
        tui_fail(t, e, cause);
        return;
    }
    tui_reload(t);
    for (i = 0; i < t->y.nentries; i++)
        if (t->y.entries[i].id == id)
            t->row = (int)i;
    if (t->step == STEP_A3)
        t->col = A3_FACILITY;
    else if (t->step == STEP_A5)
        t->col = A5_M1;
    if (created)
        tui_message(t, MSG_OK, TR(t, "已添加 %s", "Added %s"), tui_src_label(t, &lib->sources[pick]));
    else
        tui_message(t, MSG_WARN, TR(t, "表中已有该排放源和设施", "That source and facility are already listed"));
}

static void
delete_entry(struct tui *t)
{
    const struct wb_entry *en = &t->y.entries[t->row];
    char *label = tui_entry_label(t, en), *q, *cause = NULL;
    enum err e;

    q = xasprintf(TR(t, "删除 %s 及其 %zu 条活动数据？", "Delete %s and its %zu values?"), label,
                  en->nacts);
    if (tui_confirm(t, q)) {
        if ((e = store_entry_delete(t->st, en->id, &cause)) != ERR_OK)
            tui_fail(t, e, cause);
        else {
            tui_reload(t);
            tui_message(t, MSG_OK, TR(t, "已删除 %s（Ctrl-Z 可撤销）", "Deleted %s (Ctrl-Z undoes)"),
                        label);
        }
    }
    free(q);
    free(label);
}

/* Del on an A.1 field, an A.3 facility/location/note, an A.5 value or 数据来源: empties it, as
 * saving an empty field does. */
static void
clear_cell(struct tui *t, struct tcell *cell)
{
    int src_col = t->step == STEP_A3 ? A3_SOURCE : A5_SOURCE;
    char *what;

    if (!(cell->flags & CELL_EDIT) || (cell->flags & CELL_MISSING) || cell->text[0] == '\0')
        return;
    what = t->step == STEP_A1 ? xstrdup(tui_cell(t, t->row, 0)->text)
                              : xasprintf("%s %s", tui_cell(t, t->row, src_col)->text,
                                          t->grid.heads[t->col]);
    if (tui_commit(t, "") == ERR_OK) {
        tui_reload(t);
        tui_message(t, MSG_OK, TR(t, "已清除“%s”（Ctrl-Z 可撤销）", "Cleared %s (Ctrl-Z undoes)"),
                    what);
    }
    free(what);
}

/* Del on A.6: back to the library's value for this year. */
static void
restore_factor(struct tui *t)
{
    const struct source_def *src = a6_row_source(t, t->row);
    struct factor_pin pin;
    char *q, *cause = NULL;
    enum err e;

    if (src == NULL)
        return;
    q = xasprintf(TR(t, "将 %s 的排放因子恢复为因子库默认值？", "Restore the library factor of %s?"),
                  tui_src_label(t, src));
    if (tui_confirm(t, q)) {
        if ((e = factors_default_pin(t->app->lib, src, t->year, NULL, t->y.grid_area, t->y.gwp_set,
                                     &pin, &cause)) == ERR_OK) {
            e = store_pin_set(t->st, t->year, &pin, &cause);
            factors_pin_free(&pin);
        }
        if (e != ERR_OK)
            tui_fail(t, e, cause);
        else {
            tui_reload(t);
            tui_message(t, MSG_OK, TR(t, "已恢复默认因子", "Restored the library factor"));
        }
    }
    free(q);
}

void
tui_factor_settings(struct tui *t)
{
    static const char *const level_zh[] = {"全国平均", "区域电网", "省级"};
    static const char *const levels[] = {"national", "regional", "provincial"};
    const struct factor_lib *lib = t->app->lib;
    size_t cap = lib->ngrid + lib->ngwp + 1, n = 0, i, k;
    char **labels = xcalloc(cap, sizeof(*labels)), *cause = NULL;
    const char **areas = xcalloc(cap, sizeof(*areas)), **sets = xcalloc(cap, sizeof(*sets));
    int pick, seen;
    enum err e;

    for (k = 0; k < nitems(levels); k++)        /* each area once, nation first */
        for (i = 0; i < lib->ngrid; i++) {
            const struct grid_factor *g = &lib->grid[i];
            size_t j;

            for (j = 0, seen = 0; j < n && !seen; j++)
                seen = areas[j] != NULL && strcmp(areas[j], g->area) == 0;
            if (seen || strcmp(g->level, levels[k]) != 0)
                continue;
            areas[n] = g->area;
            labels[n++] = xasprintf(TR(t, "电力排放因子：%s（%s）%s", "Electricity factor: %s (%s)%s"),
                                    g->area, t->lang == LANG_EN ? levels[k] : level_zh[k],
                                    strcmp(g->area, t->y.grid_area) == 0 ? TR(t, " ← 当前", " ← now")
                                                                         : "");
        }
    for (i = 0; i < lib->ngwp; i++) {
        size_t j;

        for (j = 0, seen = 0; j < n && !seen; j++)
            seen = sets[j] != NULL && strcmp(sets[j], lib->gwp[i].set) == 0;
        if (seen)
            continue;
        sets[n] = lib->gwp[i].set;
        labels[n++] = xasprintf(TR(t, "逸散排放 GWP：%s%s", "Fugitive GWP: %s%s"), lib->gwp[i].set,
                                strcmp(lib->gwp[i].set, t->y.gwp_set) == 0 ? TR(t, " ← 当前", " ← now")
                                                                           : "");
    }
    pick = tui_pick(t, TR(t, "排放因子设置（会重新取因子库的值）", "Factor settings (re-pins library values)"),
                    (const char *const *)labels, (int)n);
    if (pick >= 0) {
        e = store_year_settings(t->st, lib, t->year, areas[pick], sets[pick], &cause);
        if (e != ERR_OK) {
            tui_fail(t, e, cause);
        } else {
            tui_reload(t);
            tui_message(t, MSG_OK, TR(t, "已改用：%s", "Now: %s"), areas[pick] ? areas[pick]
                                                                           : sets[pick]);
        }
    }
    for (i = 0; i < n; i++)
        free(labels[i]);
    free(labels);
    free(areas);
    free(sets);
}

void
tui_delete_row(struct tui *t)
{
    struct tcell *cell = tui_cell(t, t->row, t->col);

    if (t->grid.nrows == 0 || cell == NULL)
        return;
    /* a cell that may be empty is cleared; the columns that name the source stand for the row */
    if (t->step == STEP_A1 || (t->step == STEP_A3 && t->col >= A3_FACILITY)
        || (t->step == STEP_A5 && ((t->col >= A5_M1 && t->col <= A5_YEAR) || t->col == A5_DATASRC)))
        clear_cell(t, cell);
    else if (t->step == STEP_A3)
        delete_entry(t);
    else if (t->step == STEP_A5)
        tui_delete_acts(t);
    else if (t->step == STEP_A6)
        restore_factor(t);
}

const char *
tui_cell_help(const struct tui *t)
{
    const struct form_def *f = NULL;
    const char *key = NULL;

    switch (t->step) {
    case STEP_A1:
        f = tui_form(t, "A.1");
        if (t->row < (int)f->nfields)
            key = f->fields[t->row].key;
        break;
    case STEP_A3:
        f = tui_form(t, "A.3");
        key = a3_keys[t->col];
        break;
    case STEP_A5:
        f = tui_form(t, "A.5");
        key = t->col == A5_UNIT ? "unit" : t->col == A5_DATASRC ? "data_source"
              : t->col == A5_SOURCE ? "source" : "quantity";
        break;
    case STEP_A6:
        if (t->rep_ok && t->col == A6_VALUE) {
            const struct source_def *src = a6_row_source(t, t->row);
            const struct report_source *rs = src ? report_source(report_cur(&t->rep), src->id) : NULL;

            if (rs != NULL && rs->derivation != NULL)
                return rs->derivation;
        }
        f = tui_form(t, "A.6");
        key = t->col == A6_VALUE ? "data" : t->col == A6_DATASRC ? "data_source" : "source";
        break;
    default:
        return NULL;
    }
    if (f == NULL || key == NULL || forms_field(f, key) == NULL)
        return NULL;
    return t->lang == LANG_EN ? forms_field(f, key)->help_en : forms_field(f, key)->help_zh;
}

int
tui_step_state(const struct tui *t, enum step s)
{
    static const char *const ids[] = {"A.1", "A.3", "A.5", "A.6", "A.2", "A.4"};
    size_t i;
    int warn = 0;

    if (s == STEP_EXPORT)
        return 0;
    if (s == STEP_A2 || s == STEP_A4)
        return !t->rep_ok ? 2 : report_cur(&t->rep)->nsources > 0 ? 1 : 0;
    for (i = 0; i < t->chk.n; i++)
        if (strcmp(t->chk.items[i].form_id, ids[s]) == 0) {
            if (t->chk.items[i].level == CHECK_ERROR)
                return 2;
            warn = 1;
        }
    if (s != STEP_A1 && t->y.nentries == 0)
        return 0;
    return warn ? 3 : 1;
}
