/*
 * export_xlsx_tables.c - the Excel export's sheets 表A.1–表A.6, each in the layout of
 * T/ZJJGSW 0005—2024 Appendix A: A.1 fields two to a row, A.2 energy with its total, A.3 the
 * inventory, A.4 the summary by category with the standard's fixed rows and the indicators, A.5
 * activity data and A.6 factors in the standard's four columns (排放种类 | 排放源 | 数据 |
 * 数据来源), units inside 数据's number format. What the four columns leave out goes to
 * 因子说明 and 活动数据明细 (export_xlsx_notes.c).
 */
#include "export/export_xlsx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xmem.h"

/* ---- A.1 基本信息 ---------------------------------------------------------------------------- */

/* The standard prints these fields two to a row; any other in_table field gets a row of its own. */
static const char *const a1_pairs[][2] = {
    {"building_area", "land_area"},
    {"contact", "phone"},
};

static const char *
a1_partner(const char *key, int *first)
{
    size_t i;

    for (i = 0; i < nitems(a1_pairs); i++) {
        if (strcmp(a1_pairs[i][0], key) == 0) {
            *first = 1;
            return a1_pairs[i][1];
        }
        if (strcmp(a1_pairs[i][1], key) == 0) {
            *first = 0;
            return a1_pairs[i][0];
        }
    }
    return NULL;
}

/* One A.1 value in cells c1..c2 of the row: numbers as numbers with their unit, text as text.
   A stored "1e999" or "nan" (no tanbook writes one; check flags it) stays text: a number cell of
   inf or nan is <v>inf</v>, which no spreadsheet reads. */
static void
a1_value(struct sheet *sh, lxw_col_t c1, lxw_col_t c2, const struct report_info *ri)
{
    char *end;
    double v;

    if (ri->value != NULL && (ri->fd->type == FT_NUMBER || ri->fd->type == FT_INTEGER)) {
        v = strtod(ri->value, &end);
        if (end != ri->value && *end == '\0' && isfinite(v)) {
            if (c1 != c2)
                xl_merge_text(sh, sh->row, c1, sh->row, c2, "", F_TEXT);
            xl_put_qty(sh, sh->row, c1, v, ri->fd->unit, xl_whole(v), 0);
            return;
        }
    }
    xl_merge_text(sh, sh->row, c1, sh->row, c2, ri->value, F_TEXT);
}

static const struct report_info *
a1_info(const struct report_year *r, const char *key)
{
    size_t i;

    for (i = 0; i < r->ninfo; i++)
        if (strcmp(r->info[i].fd->key, key) == 0)
            return &r->info[i];
    return NULL;
}

void
xl_sheet_a1(struct xl *x)
{
    const struct report_year *r = x->r;
    struct sheet sh;
    size_t i;

    if (xl_sheet_open(&sh, x, forms_title(xl_form(x, "A.1"), r->lang), 4, 0) != 0)
        return;
    xl_sheet_heading(&sh, forms_title(xl_form(x, "A.1"), r->lang), 0);   /* its first row names it */
    sh.repeat = 1;
    for (i = 0; i < r->ninfo; i++) {
        const struct report_info *ri = &r->info[i], *other;
        const char *partner;
        int first;

        if (!ri->fd->in_table)
            continue;
        partner = a1_partner(ri->fd->key, &first);
        other = partner != NULL ? a1_info(r, partner) : NULL;
        if (other != NULL && other->fd->in_table && !first)
            continue;   /* written beside its partner */
        xl_put_text(&sh, sh.row, 0, ri->label, F_LABEL);
        if (other != NULL && other->fd->in_table) {
            a1_value(&sh, 1, 1, ri);
            xl_put_text(&sh, sh.row, 2, other->label, F_LABEL);
            a1_value(&sh, 3, 3, other);
        } else {
            a1_value(&sh, 1, 3, ri);
        }
        sh.row++;
    }
    xl_sheet_close(&sh);
}

/* ---- A.2 用能情况 ---------------------------------------------------------------------------- */

void
xl_sheet_a2(struct xl *x)
{
    static const char *const heads[] = {"energy_kind", "consumption", "energy_tce"};
    const struct report_year *r = x->r;
    lxw_row_t total_row, first;
    char formula[64];
    struct sheet sh;
    size_t i, n = 0;
    double *tce = xcalloc(r->nsources + 1, sizeof(*tce));

    if (xl_sheet_open(&sh, x, forms_title(xl_form(x, "A.2"), r->lang), 4, 0) != 0)
        return;
    xl_sheet_heading(&sh, forms_title(xl_form(x, "A.2"), r->lang), 1);
    total_row = sh.row++;
    xl_put_text(&sh, total_row, 0, xl_label(x, "A.2", "total_tce"), F_LABEL);
    for (i = 0; i < nitems(heads); i++)
        xl_put_text(&sh, sh.row, (lxw_col_t)(i + 1), xl_label(x, "A.2", heads[i]), F_HEAD);
    sh.repeat = sh.row++;
    first = sh.row;
    for (i = 0; i < r->nsources; i++) {
        const struct report_source *s = &r->sources[i];

        if (!s->is_energy)
            continue;
        xl_put_text(&sh, sh.row, 1, s->label, F_TEXT);
        xl_put_qty(&sh, sh.row, 2, s->quantity, s->unit, xl_whole(s->quantity), 0);
        xl_put_t2(&sh, sh.row, 3, s->tce, F_T2);
        tce[n++] = s->tce;
        sh.row++;
    }
    xl_sum_shown(&sh, r->energy_tce, tce, n);
    free(tce);
    xl_merge_text(&sh, first - 1, 0, first - 1 + n, 0, xl_label(x, "A.2", "energy_group"), F_GROUP);
    if (n > 0) {
        xl_sum_formula(formula, sizeof(formula), first, 3, first + n - 1, 3);
        xl_merge_formula(&sh, total_row, 1, 3, formula, r->energy_tce, x->fmt[F_T2B]);
    } else {
        xl_merge_text(&sh, total_row, 1, total_row, 3, "", F_T2B);
        xl_put_bare_num(&sh, total_row, 1, r->energy_tce, x->fmt[F_T2B]);
    }
    xl_rounding_note(&sh);
    xl_sheet_close(&sh);
}

/* ---- A.3 碳排放源一览表 ------------------------------------------------------------------------ */

/* The standard's example writes "/" in a cell with nothing to say. */
static const char *
or_slash(const char *s)
{
    return s != NULL && s[0] != '\0' ? s : "/";
}

/* The rows from i on (of n) with the category of row i. */
static size_t
category_run(const char *const *cats, size_t i, size_t n)
{
    size_t j = i + 1;

    while (j < n && strcmp(cats[j], cats[i]) == 0)
        j++;
    return j - i;
}

/* Merges column 0 of rows first..first+n-1 over each run of one category, as A.4 does. */
static void
merge_categories(struct sheet *sh, lxw_row_t first, const char *const *cats, size_t n)
{
    size_t i, run;

    for (i = 0; i < n; i += run) {
        run = category_run(cats, i, n);
        xl_merge_text(sh, first + i, 0, first + i + run - 1, 0, cats[i], F_GROUP);
    }
}

void
xl_sheet_a3(struct xl *x)
{
    static const char *const heads[] = {"category", "source", "facility", "location", "note"};
    const struct report_year *r = x->r;
    size_t *order = xl_entry_order(r), i;
    const char **cats = xcalloc(r->nentries + 1, sizeof(*cats));
    struct sheet sh;
    size_t run = 0;

    for (i = 0; i < r->nentries; i++)
        cats[i] = r->entries[order[i]].category;
    if (xl_sheet_open(&sh, x, forms_title(xl_form(x, "A.3"), r->lang), 5, 0) != 0) {
        free(order);
        free(cats);
        return;
    }
    xl_sheet_heading(&sh, forms_title(xl_form(x, "A.3"), r->lang), 1);
    xl_header_row(&sh, "A.3", heads, nitems(heads));
    sh.freeze_row = sh.row;
    for (i = 0; i < r->nentries; i++) {
        const struct report_entry *en = &r->entries[order[i]];

        if (run == 0) {         /* a category's first row: merged down over its run */
            run = category_run(cats, i, r->nentries);
            xl_merge_text(&sh, sh.row, 0, sh.row + run - 1, 0, cats[i], F_GROUP);
        }
        run--;
        xl_put_text(&sh, sh.row, 1, en->source, F_TEXT);
        xl_put_text(&sh, sh.row, 2, or_slash(en->facility), F_TEXT);
        xl_put_text(&sh, sh.row, 3, or_slash(en->location), F_TEXT);
        xl_put_text(&sh, sh.row, 4, or_slash(en->note), F_TEXT);
        sh.row++;
        xl_sheet_flush(&sh, sh.row);
    }
    xl_sheet_close(&sh);
    free(order);
    free(cats);
}

/* ---- A.4 碳排放汇总表 -------------------------------------------------------------------------- */

/* The rows the standard always prints, present or not, in its order; other sources follow. */
static const struct {
    enum src_cat cat;
    const char *id, *zh, *en;
} a4_fixed[] = {
    {CAT_FOSSIL, "gasoline", "汽油", "Gasoline"},
    {CAT_FOSSIL, "diesel", "柴油", "Diesel"},
    {CAT_FOSSIL, "natural_gas", "天然气", "Natural gas"},
    {CAT_PURCHASED, "electricity", "外购电力", "Purchased electricity"},
    {CAT_PURCHASED, "heat", "外购热力", "Purchased heat"},
};

struct a4_item {
    const char *label;
    double tco2e;
};

static int
a4_is_fixed(const struct report_source *s)
{
    size_t k;

    for (k = 0; k < nitems(a4_fixed); k++)
        if (strcmp(s->src->id, a4_fixed[k].id) == 0)
            return 1;
    return 0;
}

/* The rows of category cat: the standard's fixed rows (0 when unused), then its other sources. */
static size_t
a4_items(const struct xl *x, enum src_cat cat, struct a4_item *items)
{
    const struct report_year *r = x->r;
    size_t i, k, n = 0;

    for (k = 0; k < nitems(a4_fixed); k++) {
        const struct report_source *s = report_source(r, a4_fixed[k].id);

        if (a4_fixed[k].cat != cat)
            continue;
        items[n++] = s != NULL ? (struct a4_item){s->label, s->tco2e}
                               : (struct a4_item){xl_tx(x, a4_fixed[k].zh, a4_fixed[k].en), 0};
    }
    for (i = 0; i < r->nsources; i++)
        if (r->sources[i].cat == cat && !a4_is_fixed(&r->sources[i]))
            items[n++] = (struct a4_item){r->sources[i].label, r->sources[i].tco2e};
    return n;
}

/*
 * A category: one row per source, then 小计 (which the standard lacks, so it comes after the
 * standard's rows), the name merged down beside them. Returns the 小计 row.
 */
static lxw_row_t
a4_group(struct sheet *sh, enum src_cat cat, const char *unit)
{
    struct xl *x = sh->x;
    struct a4_item *items = xcalloc(x->r->nsources + nitems(a4_fixed) + 1, sizeof(*items));
    size_t n = a4_items(x, cat, items), i;
    double *vals = xcalloc(n + 1, sizeof(*vals));
    lxw_row_t first = sh->row, sub = first + n;
    char formula[64];

    xl_merge_text(sh, first, 0, sub, 0, factors_cat_label(cat, x->r->lang == LANG_EN), F_GROUP);
    for (i = 0; i < n; i++) {
        xl_put_text(sh, first + i, 1, items[i].label, F_TEXT);
        xl_put_t2(sh, first + i, 2, items[i].tco2e, F_T2);
        xl_put_text(sh, first + i, 3, unit, F_TEXT);
        vals[i] = items[i].tco2e;
    }
    xl_put_text(sh, sub, 1, xl_tx(x, "小计", "Subtotal"), F_TEXT);
    xl_put_text(sh, sub, 3, unit, F_TEXT);
    if (n > 0) {
        xl_sum_formula(formula, sizeof(formula), first, 2, sub - 1, 2);
        xl_put_t2_formula(sh, sub, 2, formula, x->r->cat_tco2e[cat], F_T2B);
    } else {
        xl_put_t2(sh, sub, 2, x->r->cat_tco2e[cat], F_T2B);
    }
    xl_sum_shown(sh, x->r->cat_tco2e[cat], vals, n);
    sh->row = sub + 1;
    free(vals);
    free(items);
    return sub;
}

/* An indicator row of A.4: label over two columns, value (or why there is none), unit. */
static lxw_row_t
a4_line(struct sheet *sh, const char *key, const char *missing)
{
    lxw_row_t row = sh->row++;

    xl_merge_text(sh, row, 0, row, 1, xl_label(sh->x, "A.4", key), F_LABEL);
    xl_put_text(sh, row, 3, xl_unit_of(sh->x, "A.4", key), F_TEXT);
    if (missing != NULL)
        xl_put_text(sh, row, 2, missing, F_TEXT);
    return row;
}

void
xl_sheet_a4(struct xl *x)
{
    const struct report_year *r = x->r;
    const char *t = xl_unit_of(x, "A.4", "total");
    lxw_row_t total, row;
    char formula[128], a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
    double subs[CAT__COUNT];
    struct strbuf sb = {0};
    struct sheet sh;
    size_t i, nsubs = 0;
    int c, fugitive = 0;

    if (xl_sheet_open(&sh, x, forms_title(xl_form(x, "A.4"), r->lang), 4, 0) != 0)
        return;
    xl_sheet_heading(&sh, forms_title(xl_form(x, "A.4"), r->lang), 1);
    sh.repeat = 1;
    total = a4_line(&sh, "total", NULL);
    for (i = 0; i < r->nsources; i++)
        fugitive |= r->sources[i].cat == CAT_FUGITIVE;
    sb_append(&sb, "=");
    for (c = 0; c < CAT__COUNT; c++) {
        if (c == CAT_FUGITIVE && !fugitive)
            continue;
        lxw_rowcol_to_cell(a, a4_group(&sh, (enum src_cat)c, t), 2);
        sb_printf(&sb, "%s%s", sb.len > 1 ? "+" : "", a);
        subs[nsubs++] = r->cat_tco2e[c];
    }
    xl_put_t2_formula(&sh, total, 2, sb.s, r->total_tco2e, F_T2B);
    xl_sum_shown(&sh, r->total_tco2e, subs, nsubs);
    sb_free(&sb);

    lxw_rowcol_to_cell(a, total, 2);
    row = a4_line(&sh, "building_area", r->has_area ? NULL : xl_tx(x, "未填写", "not filled in"));
    if (r->has_area)
        xl_put_qty(&sh, row, 2, r->building_area_m2, NULL, xl_whole(r->building_area_m2), 0);
    lxw_rowcol_to_cell(b, row, 2);
    row = a4_line(&sh, "intensity",
                  r->has_area ? NULL : xl_tx(x, "未填写建筑面积", "no floor area"));
    snprintf(formula, sizeof(formula), "=%s*1000/%s", a, b);
    if (r->has_area)
        xl_put_t2_formula(&sh, row, 2, formula, r->intensity_kgco2e_per_m2, F_T2);
    row = a4_line(&sh, "headcount", r->has_headcount ? NULL : xl_tx(x, "未填写", "not filled in"));
    if (r->has_headcount)
        xl_put_num(&sh, row, 2, r->headcount, x->fmt[F_INT],
                   xl_num_width(r->headcount, 0, NULL));
    lxw_rowcol_to_cell(b, row, 2);
    row = a4_line(&sh, "per_capita",
                  r->has_headcount ? NULL : xl_tx(x, "未填写用能人数", "no headcount"));
    snprintf(formula, sizeof(formula), "=%s/%s", a, b);
    if (r->has_headcount)
        xl_put_t2_formula(&sh, row, 2, formula, r->per_capita_tco2e, F_T2);
    if (fugitive)
        xl_sheet_note(&sh, xl_tx(x,
            "注：标准表A.4未列逸散排放。本标准3.3所称温室气体包括氢氟碳化物（HFCs）和六氟化硫（SF₆）"
            "等，故制冷剂、绝缘气体的逸散排放单列为一类，并计入碳排放总量。",
            "Note: Table A.4 of the standard has no row for fugitive emissions. The greenhouse gases "
            "of the standard (3.3) include HFCs and SF₆, so refrigerant and insulating-gas leaks are "
            "listed as a category of their own and counted in the total."));
    xl_rounding_note(&sh);
    xl_sheet_close(&sh);
}

/* ---- A.5 碳排放活动水平数据, A.6 排放因子数据 ---------------------------------------------------- */

/* The standard's four columns of A.5 and A.6. */
static const char *const four_heads[] = {"category", "source", "data", "data_source"};

/* Opens A.5 or A.6: heading, the four headers, panes frozen under them. */
static int
four_open(struct sheet *sh, struct xl *x, const char *form_id)
{
    const char *title = forms_title(xl_form(x, form_id), x->r->lang);

    if (xl_sheet_open(sh, x, title, 4, 0) != 0)
        return -1;
    xl_sheet_heading(sh, title, 1);
    xl_header_row(sh, form_id, four_heads, nitems(four_heads));
    sh->freeze_row = sh->row;
    return 0;
}

/* Closes A.5 or A.6: the category merged down over each run of its sources. */
static void
four_close(struct sheet *sh)
{
    const struct report_year *r = sh->x->r;
    const char **cats = xcalloc(r->nsources + 1, sizeof(*cats));
    size_t i;

    for (i = 0; i < r->nsources; i++)
        cats[i] = r->sources[i].category;
    merge_categories(sh, sh->row - r->nsources, cats, r->nsources);
    free(cats);
    xl_sheet_close(sh);
}

void
xl_sheet_a5(struct xl *x)
{
    const struct report_year *r = x->r;
    struct sheet sh;
    size_t i;

    if (four_open(&sh, x, "A.5") != 0)
        return;
    for (i = 0; i < r->nsources; i++) {
        const struct report_source *s = &r->sources[i];

        xl_put_text(&sh, sh.row, 1, s->label, F_TEXT);
        xl_put_qty(&sh, sh.row, 2, s->quantity, s->unit, xl_whole(s->quantity), 0);
        xl_put_text(&sh, sh.row, 3, s->data_source, F_TEXT);
        sh.row++;
    }
    four_close(&sh);
}

void
xl_sheet_a6(struct xl *x)
{
    const struct report_year *r = x->r;
    struct sheet sh;
    size_t i;

    if (four_open(&sh, x, "A.6") != 0)
        return;
    for (i = 0; i < r->nsources; i++) {
        const struct report_source *s = &r->sources[i];
        int d = xl_decimals(s->factor);

        xl_put_text(&sh, sh.row, 1, s->label, F_TEXT);
        xl_put_num(&sh, sh.row, 2, s->factor, xl_unit_format(x, d, s->factor_unit),
                   xl_num_width(s->factor, d, s->factor_unit));
        xl_put_text(&sh, sh.row, 3, s->factor_source, F_TEXT);
        sh.row++;
    }
    four_close(&sh);
}
