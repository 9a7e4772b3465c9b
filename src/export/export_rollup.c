/*
 * export_rollup.c - the regional roll-up as an Excel workbook of its own and as JSON. The
 * workbook: 汇总 (one row per unit, then the totals and the averages), 排放量排序 (the largest
 * emitters), 强度排序 (the highest kgCO₂e/m²), 分布图 (the spread of kgCO₂e/m² over the units and
 * the largest emitters, as column charts), 无法使用的文件 (each with its reason) and 冲突 (a code
 * claimed twice for a year, one row per file). A unit in a conflict is listed in 汇总, marked, and
 * counted nowhere else. Figures are written as values computed in C (core/rollup.c), never as
 * formulas a reader would have to recalculate. Written whole or not at all (export_file.h).
 */
#include "export/export_rollup.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "base/strbuf.h"
#include "base/width.h"
#include "base/xmem.h"
#include "export/export_file.h"
#include "export/xlsx_patch.h"

#define RU_FONT "宋体"          /* as the workbook export: Calibri has no Chinese */
#define RU_COLS 16
#define RU_COL_MAX 60
#define RU_TOP 20               /* the largest emitters charted */
#define RU_BINS_MAX 15          /* the distribution's bars at most */

#define TX(x, zh, en) ((x)->lang == LANG_EN ? (en) : (zh))

enum rfmt { R_TITLE, R_NOTE, R_HEAD, R_TEXT, R_YEAR, R_INT, R_T2, R_T4, R_PCT, R_BOLD, R_BOLD_T2, R_BOLD_T4,
            R_BOLD_INT, R__COUNT };

struct rx {                     /* one roll-up export in progress */
    const struct rollup *ru;
    struct rollup_totals t;
    enum lang lang;
    lxw_workbook *wb;
    lxw_error err;              /* the first libxlsxwriter failure */
    lxw_format *fmt[R__COUNT];
    size_t *by_total, *by_int;  /* the rankings (rollup_rank) */
    size_t nby_total, nby_int;
};

struct rsheet {
    struct rx *x;
    lxw_worksheet *ws;
    const char *name;
    int width[RU_COLS];         /* widest content per column, display columns */
    lxw_row_t row;
};

static void
check(struct rx *x, lxw_error e)
{
    if (x->err == LXW_NO_ERROR && e != LXW_NO_ERROR)
        x->err = e;
}

static lxw_format *
new_format(struct rx *x, int border, const char *num, int bold)
{
    lxw_format *f = workbook_add_format(x->wb);

    if (f == NULL)
        fatal("export: out of memory");
    format_set_font_name(f, RU_FONT);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (border)
        format_set_border(f, LXW_BORDER_THIN);
    if (num != NULL)
        format_set_num_format(f, num);
    if (bold)
        format_set_bold(f);
    return f;
}

static void
formats_init(struct rx *x)
{
    x->fmt[R_TITLE] = new_format(x, 0, NULL, 1);
    format_set_font_size(x->fmt[R_TITLE], 14);
    x->fmt[R_NOTE] = new_format(x, 0, NULL, 0);
    format_set_text_wrap(x->fmt[R_NOTE]);
    format_set_align(x->fmt[R_NOTE], LXW_ALIGN_LEFT);
    format_set_align(x->fmt[R_NOTE], LXW_ALIGN_VERTICAL_TOP);
    x->fmt[R_YEAR] = new_format(x, 1, "0", 0);
    x->fmt[R_HEAD] = new_format(x, 1, NULL, 1);
    format_set_align(x->fmt[R_HEAD], LXW_ALIGN_CENTER);
    format_set_text_wrap(x->fmt[R_HEAD]);
    format_set_bg_color(x->fmt[R_HEAD], 0xF2F2F2);
    x->fmt[R_TEXT] = new_format(x, 1, NULL, 0);
    x->fmt[R_INT] = new_format(x, 1, "#,##0", 0);
    x->fmt[R_T2] = new_format(x, 1, "#,##0.00", 0);
    x->fmt[R_T4] = new_format(x, 1, "0.0000", 0);
    x->fmt[R_PCT] = new_format(x, 1, "0.00", 0);
    x->fmt[R_BOLD] = new_format(x, 1, NULL, 1);
    x->fmt[R_BOLD_T2] = new_format(x, 1, "#,##0.00", 1);
    x->fmt[R_BOLD_T4] = new_format(x, 1, "0.0000", 1);
    x->fmt[R_BOLD_INT] = new_format(x, 1, "#,##0", 1);
}

/* ---- cells ------------------------------------------------------------------------------- */

static void
track(struct rsheet *sh, lxw_col_t col, int w)
{
    if (col < RU_COLS && w > sh->width[col])
        sh->width[col] = w;
}

static void
put_text(struct rsheet *sh, lxw_row_t row, lxw_col_t col, const char *s, enum rfmt f)
{
    if (s == NULL || s[0] == '\0') {
        check(sh->x, worksheet_write_blank(sh->ws, row, col, sh->x->fmt[f]));
        return;
    }
    /* a string cell stays a string whatever it begins with (no formula is made of it) */
    check(sh->x, worksheet_write_string(sh->ws, row, col, s, sh->x->fmt[f]));
    track(sh, col, width_of(s));
}

/* v in format f; a blank bordered cell when !ok or v is not finite (never inf or NaN in a cell). */
static void
put_num(struct rsheet *sh, lxw_row_t row, lxw_col_t col, double v, int ok, enum rfmt f)
{
    char buf[64];

    if (!ok || !isfinite(v)) {
        check(sh->x, worksheet_write_blank(sh->ws, row, col, sh->x->fmt[f == R_BOLD_T2 || f == R_BOLD_T4
                                                                        || f == R_BOLD_INT ? R_BOLD : R_TEXT]));
        return;
    }
    check(sh->x, worksheet_write_number(sh->ws, row, col, v, sh->x->fmt[f]));
    snprintf(buf, sizeof buf, "%.*f", f == R_INT || f == R_BOLD_INT ? 0 : f == R_T4 || f == R_BOLD_T4 ? 4 : 2, v);
    track(sh, col, (int)strlen(buf) + (fabs(v) >= 1000 ? (int)(log10(fabs(v)) / 3) : 0));
}

/* A whole number without separators: a year, a rank, a count. */
static void
put_int(struct rsheet *sh, lxw_row_t row, lxw_col_t col, double v)
{
    check(sh->x, worksheet_write_number(sh->ws, row, col, v, sh->x->fmt[R_YEAR]));
    track(sh, col, 6);
}

/* A note across the sheet's ncols columns, wrapped, its row as tall as lines lines. */
static void
put_note(struct rsheet *sh, lxw_row_t row, lxw_col_t ncols, const char *text, int lines)
{
    if (ncols > 1)
        check(sh->x, worksheet_merge_range(sh->ws, row, 0, row, ncols - 1, text, sh->x->fmt[R_NOTE]));
    else
        check(sh->x, worksheet_write_string(sh->ws, row, 0, text, sh->x->fmt[R_NOTE]));
    if (lines > 1)
        check(sh->x, worksheet_set_row(sh->ws, row, 15.0 * lines, NULL));
}

/* Opens a sheet: its title across ncols columns in row 0, a note in row 1; the heads in row 2. */
static int
sheet_open(struct rsheet *sh, struct rx *x, const char *name, const char *title, const char *note,
           const char *const *heads, lxw_col_t ncols)
{
    lxw_col_t c;

    memset(sh, 0, sizeof *sh);
    sh->x = x;
    sh->name = name;
    if (x->err != LXW_NO_ERROR)
        return -1;
    if ((sh->ws = workbook_add_worksheet(x->wb, name)) == NULL) {
        check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return -1;
    }
    check(x, worksheet_write_string(sh->ws, 0, 0, title, x->fmt[R_TITLE]));
    check(x, worksheet_set_row(sh->ws, 0, 24, NULL));
    if (note != NULL)
        put_note(sh, 1, ncols, note, ncols < 4 ? 3 : 1);
    for (c = 0; c < ncols; c++) {
        /* a head wraps: it asks its column for a third of its width, at least 8 */
        put_text(sh, 2, c, heads[c], R_HEAD);
        sh->width[c] = width_of(heads[c]) / 3 > 8 ? width_of(heads[c]) / 3 : 8;
    }
    check(x, worksheet_set_row(sh->ws, 2, 45, NULL));
    worksheet_freeze_panes(sh->ws, 3, 0);
    sh->row = 3;
    return 0;
}

static void
sheet_close(struct rsheet *sh)
{
    lxw_col_t c;

    if (sh->ws == NULL)
        return;
    for (c = 0; c < RU_COLS; c++)
        if (sh->width[c] > 0)
            check(sh->x, worksheet_set_column(sh->ws, c, c,
                                              sh->width[c] + 2 > RU_COL_MAX ? RU_COL_MAX : sh->width[c] + 2,
                                              NULL));
    worksheet_set_paper(sh->ws, 9);
    worksheet_set_landscape(sh->ws);
    worksheet_fit_to_pages(sh->ws, 1, 0);
    check(sh->x, worksheet_repeat_rows(sh->ws, 2, 2));
    check(sh->x, worksheet_set_footer(sh->ws, TX(sh->x, "&C第 &P 页，共 &N 页", "&CPage &P of &N")));
}

/* ---- 汇总 ---------------------------------------------------------------------------------- */

static void
unit_row(struct rsheet *sh, const struct rollup_unit *u)
{
    struct rx *x = sh->x;
    lxw_row_t r = sh->row++;

    put_text(sh, r, 0, u->code, R_TEXT);
    put_text(sh, r, 1, u->unit, R_TEXT);
    put_int(sh, r, 2, u->year);
    put_num(sh, r, 3, u->area_m2, u->area_m2 > 0, R_INT);
    put_num(sh, r, 4, u->headcount, u->headcount > 0, R_INT);
    put_num(sh, r, 5, u->total_tco2e, 1, R_T2);
    put_num(sh, r, 6, u->scope1_tco2e, 1, R_T2);
    put_num(sh, r, 7, u->scope2_tco2e, 1, R_T2);
    put_num(sh, r, 8, u->intensity_kgco2e_per_m2, u->area_m2 > 0, R_T2);
    put_num(sh, r, 9, u->per_capita_tco2e, u->headcount > 0, R_T4);
    put_num(sh, r, 10, u->energy_tce, 1, R_T2);
    put_text(sh, r, 11, u->complete ? TX(x, "是", "yes") : TX(x, "否", "no"), R_TEXT);
    put_num(sh, r, 12, u->change_pct, u->has_change, R_PCT);
    put_text(sh, r, 13, u->grade, R_TEXT);
    put_text(sh, r, 14, u->conflict ? TX(x, "代码冲突，未计入合计", "code conflict: not in the totals")
                                    : "", R_TEXT);
    put_text(sh, r, 15, u->file, R_TEXT);
}

static void
sheet_summary(struct rx *x)
{
    static const char *const zh[] = {
        "统一社会信用代码", "单位名称", "年度", "建筑面积（m²）", "用能人数（人）", "碳排放总量（tCO₂e）",
        "范围一（tCO₂e）", "范围二（tCO₂e）", "单位建筑面积碳排放量（kgCO₂e/m²）", "人均碳排放量（tCO₂e/人）",
        "综合能耗（tce）", "数据完整", "较基准期变化（%）", "评价等级", "备注", "文件"};
    static const char *const en[] = {
        "Social credit code", "Organization", "Year", "Floor area (m²)", "Energy users",
        "Total emissions (tCO₂e)", "Scope 1 (tCO₂e)", "Scope 2 (tCO₂e)", "Per floor area (kgCO₂e/m²)",
        "Per capita (tCO₂e/person)", "Energy (tce)", "Complete", "Change against base (%)", "Grade",
        "Note", "File"};
    const struct rollup_totals *t = &x->t;
    struct rsheet sh;
    char *note, *label;
    lxw_row_t r;
    size_t i;

    note = x->lang == LANG_EN
        ? xasprintf("%zu organizations counted, %zu complete; %zu left out for a code conflict; "
                    "%zu files not used", t->nunits, t->ncomplete, t->nconflicted, x->ru->nskipped)
        : xasprintf("计入 %zu 个单位，其中数据完整 %zu 个；代码冲突未计入 %zu 个；无法使用的文件 %zu 个",
                    t->nunits, t->ncomplete, t->nconflicted, x->ru->nskipped);
    if (sheet_open(&sh, x, TX(x, "汇总", "Summary"), TX(x, "区域碳排放汇总", "Regional emissions roll-up"),
                   note, x->lang == LANG_EN ? en : zh, RU_COLS) != 0) {
        free(note);
        return;
    }
    free(note);
    for (i = 0; i < x->ru->nunits; i++)
        unit_row(&sh, &x->ru->units[i]);
    r = sh.row++;
    label = xasprintf(TX(x, "合计（%zu 个单位）", "Total (%zu organizations)"), t->nunits);
    put_text(&sh, r, 0, TX(x, "合计", "Total"), R_BOLD);
    put_text(&sh, r, 1, label, R_BOLD);
    free(label);
    put_text(&sh, r, 2, "", R_BOLD);
    put_num(&sh, r, 3, t->area_m2, 1, R_BOLD_INT);
    put_num(&sh, r, 4, t->headcount, 1, R_BOLD_INT);
    put_num(&sh, r, 5, t->total_tco2e, 1, R_BOLD_T2);
    put_num(&sh, r, 6, t->scope1_tco2e, 1, R_BOLD_T2);
    put_num(&sh, r, 7, t->scope2_tco2e, 1, R_BOLD_T2);
    put_num(&sh, r, 8, t->intensity_kgco2e_per_m2, t->narea > 0, R_BOLD_T2);
    put_num(&sh, r, 9, t->per_capita_tco2e, t->nheadcount > 0, R_BOLD_T4);
    put_num(&sh, r, 10, t->energy_tce, 1, R_BOLD_T2);
    label = xasprintf("%zu / %zu", t->ncomplete, t->nunits);
    put_text(&sh, r, 11, label, R_BOLD);
    free(label);
    r = sh.row++;
    put_text(&sh, r, 0, TX(x, "平均", "Average"), R_BOLD);
    put_text(&sh, r, 1, TX(x, "每个单位", "per organization"), R_BOLD);
    put_text(&sh, r, 2, "", R_BOLD);
    put_num(&sh, r, 3, t->area_m2 / (double)t->nunits, t->nunits > 0, R_BOLD_INT);
    put_num(&sh, r, 4, t->headcount / (double)t->nunits, t->nunits > 0, R_BOLD_INT);
    put_num(&sh, r, 5, t->mean_total_tco2e, t->nunits > 0, R_BOLD_T2);
    put_num(&sh, r, 6, t->mean_scope1_tco2e, t->nunits > 0, R_BOLD_T2);
    put_num(&sh, r, 7, t->mean_scope2_tco2e, t->nunits > 0, R_BOLD_T2);
    put_num(&sh, r, 8, t->mean_intensity_kgco2e_per_m2, t->narea > 0, R_BOLD_T2);
    put_num(&sh, r, 9, t->mean_per_capita_tco2e, t->nheadcount > 0, R_BOLD_T4);
    put_num(&sh, r, 10, t->mean_energy_tce, t->nunits > 0, R_BOLD_T2);
    sh.row++;
    put_note(&sh, sh.row++, RU_COLS,
        TX(x, "注：合计与平均不含代码冲突的单位（同一统一社会信用代码同一年度出现在两个以上文件中，见“冲突”）。"
              "合计行的单位建筑面积碳排放量 = 有建筑面积的单位的排放之和 × 1000 ÷ 其建筑面积之和，"
              "人均碳排放量同理；平均行为各单位数值的平均。",
           "Note: totals and averages leave out the organizations in a code conflict (one social credit "
           "code in two or more files for one year, see Conflicts). The total row's per-area figure is "
           "the emissions of the organizations with a floor area × 1000 ÷ their floor area, per capita "
           "likewise; the average row is the mean of the organizations' figures."), 3);
    sheet_close(&sh);
}

/* ---- the rankings -------------------------------------------------------------------------- */

static void
sheet_ranking(struct rx *x, enum rollup_by by)
{
    static const char *const zh_t[] = {"排名", "统一社会信用代码", "单位名称", "碳排放总量（tCO₂e）",
                                       "占合计（%）", "单位建筑面积碳排放量（kgCO₂e/m²）", "文件"};
    static const char *const en_t[] = {"Rank", "Social credit code", "Organization", "Total emissions (tCO₂e)",
                                       "Share of the total (%)", "Per floor area (kgCO₂e/m²)", "File"};
    static const char *const zh_i[] = {"排名", "统一社会信用代码", "单位名称", "单位建筑面积碳排放量（kgCO₂e/m²）",
                                       "建筑面积（m²）", "碳排放总量（tCO₂e）", "文件"};
    static const char *const en_i[] = {"Rank", "Social credit code", "Organization", "Per floor area (kgCO₂e/m²)",
                                       "Floor area (m²)", "Total emissions (tCO₂e)", "File"};
    int tot = by == ROLLUP_BY_TOTAL;
    const size_t *order = tot ? x->by_total : x->by_int;
    size_t n = tot ? x->nby_total : x->nby_int, i;
    struct rsheet sh;

    if (sheet_open(&sh, x, tot ? TX(x, "排放量排序", "Largest emitters") : TX(x, "强度排序", "Highest per area"),
                   tot ? TX(x, "碳排放总量从大到小", "Organizations by total emissions, largest first")
                       : TX(x, "单位建筑面积碳排放量从高到低", "Organizations by emissions per floor area, highest first"),
                   tot ? TX(x, "不含代码冲突的单位", "Organizations in a code conflict are left out")
                       : TX(x, "不含代码冲突的单位和未填建筑面积的单位",
                            "Organizations in a code conflict or without a floor area are left out"),
                   x->lang == LANG_EN ? (tot ? en_t : en_i) : (tot ? zh_t : zh_i), 7) != 0)
        return;
    for (i = 0; i < n; i++) {
        const struct rollup_unit *u = &x->ru->units[order[i]];
        lxw_row_t r = sh.row++;

        put_int(&sh, r, 0, (double)(i + 1));
        put_text(&sh, r, 1, u->code, R_TEXT);
        put_text(&sh, r, 2, u->unit, R_TEXT);
        if (tot) {
            put_num(&sh, r, 3, u->total_tco2e, 1, R_T2);
            put_num(&sh, r, 4, u->total_tco2e * 100 / x->t.total_tco2e, x->t.total_tco2e > 0, R_PCT);
            put_num(&sh, r, 5, u->intensity_kgco2e_per_m2, u->area_m2 > 0, R_T2);
        } else {
            put_num(&sh, r, 3, u->intensity_kgco2e_per_m2, 1, R_T2);
            put_num(&sh, r, 4, u->area_m2, 1, R_INT);
            put_num(&sh, r, 5, u->total_tco2e, 1, R_T2);
        }
        put_text(&sh, r, 6, u->file, R_TEXT);
    }
    sheet_close(&sh);
}

/* ---- 分布图 -------------------------------------------------------------------------------- */

/* The bar width of the distribution: 1, 2 or 5 × 10^k, the least giving at most RU_BINS_MAX bars. */
static double
bin_width(double max)
{
    static const double steps[] = {1, 2, 5};
    double scale;
    size_t i;

    for (scale = 0.001; scale < 1e12; scale *= 10)
        for (i = 0; i < nitems(steps); i++)
            if (floor(max / (steps[i] * scale)) + 1 <= RU_BINS_MAX)
                return steps[i] * scale;
    return max;     /* beyond any building: one bar */
}

static lxw_chart_font chart_font = {.name = (char *)RU_FONT};
static lxw_chart_font title_font = {.name = (char *)RU_FONT, .size = 12, .bold = 1};

/* A column chart of the cells rows r1..r2 of column vcol (categories ccol) of sheet at row, col. */
static void
column_chart(struct rsheet *sh, const char *sheet, lxw_row_t r1, lxw_row_t r2, lxw_col_t ccol,
             lxw_col_t vcol, const char *title, const char *num_fmt, lxw_row_t row, lxw_col_t col)
{
    lxw_chart *chart = workbook_add_chart(sh->x->wb, LXW_CHART_COLUMN);
    lxw_chart_series *s;
    lxw_chart_options opt = {.x_offset = 8, .y_offset = 8, .x_scale = 1.5, .y_scale = 1.3};

    if (chart == NULL || (s = chart_add_series(chart, NULL, NULL)) == NULL) {
        check(sh->x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    chart_series_set_categories(s, sheet, r1, ccol, r2, ccol);
    chart_series_set_values(s, sheet, r1, vcol, r2, vcol);
    chart_series_set_labels(s);
    chart_series_set_labels_num_format(s, num_fmt);
    chart_series_set_labels_font(s, &chart_font);
    chart_title_set_name(chart, title);
    chart_title_set_name_font(chart, &title_font);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    chart_axis_set_num_font(chart->x_axis, &chart_font);
    chart_axis_set_num_font(chart->y_axis, &chart_font);
    chart_axis_set_min(chart->y_axis, 0);
    chart_axis_set_interval_unit(chart->x_axis, 1);
    check(sh->x, worksheet_insert_chart_opt(sh->ws, row, col, chart, &opt));
}

static void
sheet_distribution(struct rx *x)
{
    static const char *const zh[] = {"单位建筑面积碳排放量（kgCO₂e/m²）", "单位数"};
    static const char *const en[] = {"Per floor area (kgCO₂e/m²)", "Organizations"};
    const char *name = TX(x, "分布图", "Distribution");
    size_t counts[RU_BINS_MAX] = {0}, nbins, i, top;
    double max = 0, w;
    struct rsheet sh;
    lxw_row_t first;
    char label[64];

    if (sheet_open(&sh, x, name, TX(x, "单位建筑面积碳排放量的分布", "Spread of emissions per floor area"),
                   TX(x, "各区间的单位数（含下限，不含上限）；不含代码冲突和未填建筑面积的单位",
                      "Organizations per band (lower bound included, upper excluded); without those in a "
                      "code conflict or without a floor area"),
                   x->lang == LANG_EN ? en : zh, 2) != 0)
        return;
    for (i = 0; i < x->nby_int; i++)
        if (x->ru->units[x->by_int[i]].intensity_kgco2e_per_m2 > max)
            max = x->ru->units[x->by_int[i]].intensity_kgco2e_per_m2;
    w = bin_width(max);
    nbins = x->nby_int > 0 ? (size_t)floor(max / w) + 1 : 0;
    if (nbins > RU_BINS_MAX)
        nbins = RU_BINS_MAX;
    for (i = 0; i < x->nby_int; i++) {
        size_t b = (size_t)floor(x->ru->units[x->by_int[i]].intensity_kgco2e_per_m2 / w);

        counts[b < nbins ? b : nbins - 1]++;
    }
    first = sh.row;
    for (i = 0; i < nbins; i++) {
        snprintf(label, sizeof label, "%g–%g", w * (double)i, w * (double)(i + 1));
        put_text(&sh, sh.row, 0, label, R_TEXT);
        put_int(&sh, sh.row++, 1, (double)counts[i]);
    }
    if (nbins > 0)
        column_chart(&sh, name, first, sh.row - 1, 0, 1,
                     TX(x, "单位建筑面积碳排放量分布（单位数）", "Organizations by emissions per floor area"),
                     "0", 2, 3);
    /* the largest emitters, charted from 排放量排序 (rank, code, name, total: columns 2 and 3) */
    top = x->nby_total < RU_TOP ? x->nby_total : RU_TOP;
    if (top > 0)
        column_chart(&sh, TX(x, "排放量排序", "Largest emitters"), 3, (lxw_row_t)(3 + top - 1), 2, 3,
                     TX(x, "碳排放总量最大的单位（tCO₂e）", "Largest emitters (tCO₂e)"), "#,##0.00", 24, 3);
    if (nbins == 0 && top == 0)
        put_note(&sh, sh.row++, 2, TX(x, "没有可用的单位，不作图。", "No organization to chart."), 1);
    sheet_close(&sh);
}

/* ---- 无法使用的文件, 冲突 -------------------------------------------------------------------- */

static void
sheet_skipped(struct rx *x)
{
    static const char *const zh[] = {"文件", "原因"};
    static const char *const en[] = {"File", "Reason"};
    struct rsheet sh;
    size_t i;

    if (sheet_open(&sh, x, TX(x, "无法使用的文件", "Files not used"), TX(x, "无法使用的文件", "Files not used"),
                   TX(x, "这些文件未计入汇总；文件本身未作任何改动", "These files are in no figure; none was changed"),
                   x->lang == LANG_EN ? en : zh, 2) != 0)
        return;
    for (i = 0; i < x->ru->nskipped; i++) {
        put_text(&sh, sh.row, 0, x->ru->skipped[i].file, R_TEXT);
        put_text(&sh, sh.row++, 1, x->ru->skipped[i].reason, R_TEXT);
    }
    if (x->ru->nskipped == 0)
        put_text(&sh, sh.row++, 0, TX(x, "无", "None"), R_TEXT);
    sheet_close(&sh);
}

static void
sheet_conflicts(struct rx *x)
{
    static const char *const zh[] = {"统一社会信用代码", "年度", "文件"};
    static const char *const en[] = {"Social credit code", "Year", "File"};
    struct rsheet sh;
    size_t i, j;

    if (sheet_open(&sh, x, TX(x, "冲突", "Conflicts"), TX(x, "代码冲突", "Code conflicts"),
                   TX(x, "同一统一社会信用代码同一年度出现在两个以上文件中：这些单位均未计入合计，请核实后只保留一个文件",
                      "One social credit code claimed for one year by two or more files: none of them is in "
                      "the totals; keep one file once checked"),
                   x->lang == LANG_EN ? en : zh, 3) != 0)
        return;
    for (i = 0; i < x->ru->nconflicts; i++)
        for (j = 0; j < x->ru->conflicts[i].nfiles; j++) {
            put_text(&sh, sh.row, 0, x->ru->conflicts[i].code, R_TEXT);
            put_int(&sh, sh.row, 1, x->ru->conflicts[i].year);
            put_text(&sh, sh.row++, 2, x->ru->conflicts[i].files[j], R_TEXT);
        }
    if (x->ru->nconflicts == 0)
        put_text(&sh, sh.row++, 0, TX(x, "无", "None"), R_TEXT);
    sheet_close(&sh);
}

/* ---- the workbook ------------------------------------------------------------------------ */

static const char *
write_workbook(const char *file, void *arg)
{
    struct rx *x = arg;
    lxw_workbook_options o = {.tmpdir = export_file_dir(file)};
    char title[] = "tanbook rollup", comments[] = "tanbook";
    lxw_doc_properties p = {.title = title, .comments = comments};
    lxw_error e;

    x->wb = workbook_new_opt(file, &o);
    free(o.tmpdir);
    if (x->wb == NULL)
        return lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED);
    formats_init(x);
    check(x, workbook_set_properties(x->wb, &p));
    sheet_summary(x);
    sheet_ranking(x, ROLLUP_BY_TOTAL);
    sheet_ranking(x, ROLLUP_BY_INTENSITY);
    sheet_distribution(x);
    sheet_skipped(x);
    sheet_conflicts(x);
    e = workbook_close(x->wb);
    if (x->err != LXW_NO_ERROR)
        e = x->err;
    if (e != LXW_NO_ERROR)
        return lxw_strerror(e);
    return xlsx_patch(file, RU_FONT);
}

enum err
export_rollup_xlsx(const struct rollup *ru, enum lang lang, const char *path, char **cause)
{
    struct rx x = {.ru = ru, .lang = lang};
    enum err e;

    if (strcmp(path, "-") == 0) {
        *cause = xstrdup("Excel 报表只能写入文件，不能写到标准输出");
        return ERR_USAGE;
    }
    rollup_totals(ru, &x.t);
    x.by_total = rollup_rank(ru, ROLLUP_BY_TOTAL, &x.nby_total);
    x.by_int = rollup_rank(ru, ROLLUP_BY_INTENSITY, &x.nby_int);
    e = export_file_write(path, EXPORT_FILE_ZIP, write_workbook, &x, cause);
    free(x.by_total);
    free(x.by_int);
    return e;
}

/* ---- JSON -------------------------------------------------------------------------------- */

/* "key": v with 6 decimals, or null; sep before it. */
static void
j_num(struct strbuf *sb, const char *sep, const char *key, double v, int ok)
{
    if (ok && isfinite(v))
        sb_printf(sb, "%s\"%s\": %.6f", sep, key, v);
    else
        sb_printf(sb, "%s\"%s\": null", sep, key);
}

/* "key": "s", or null when s is empty. */
static void
j_str(struct strbuf *sb, const char *sep, const char *key, const char *s)
{
    sb_printf(sb, "%s\"%s\": ", sep, key);
    if (s != NULL && s[0] != '\0')
        sb_json_str(sb, s);
    else
        sb_append(sb, "null");
}

char *
export_rollup_json(const struct rollup *ru)
{
    struct rollup_totals t;
    struct strbuf sb = {0};
    size_t i, j;

    rollup_totals(ru, &t);
    sb_append(&sb, "{\n  \"units\": [");
    for (i = 0; i < ru->nunits; i++) {
        const struct rollup_unit *u = &ru->units[i];

        sb_append(&sb, i > 0 ? ",\n    {" : "\n    {");
        j_str(&sb, "", "code", u->code);
        j_str(&sb, ", ", "unit", u->unit);
        sb_append(&sb, ", \"file\": ");
        sb_json_str(&sb, u->file != NULL ? u->file : "");
        sb_printf(&sb, ", \"year\": %d", u->year);
        j_num(&sb, ", ", "total_tco2e", u->total_tco2e, 1);
        j_num(&sb, ", ", "scope1_tco2e", u->scope1_tco2e, 1);
        j_num(&sb, ", ", "scope2_tco2e", u->scope2_tco2e, 1);
        j_num(&sb, ", ", "intensity_kgco2e_per_m2", u->intensity_kgco2e_per_m2, u->area_m2 > 0);
        j_num(&sb, ", ", "per_capita_tco2e", u->per_capita_tco2e, u->headcount > 0);
        j_num(&sb, ", ", "energy_tce", u->energy_tce, 1);
        sb_printf(&sb, ", \"complete\": %s", u->complete ? "true" : "false");
        j_num(&sb, ", ", "building_area_m2", u->area_m2, u->area_m2 > 0);
        j_num(&sb, ", ", "headcount", u->headcount, u->headcount > 0);
        j_num(&sb, ", ", "change_vs_base_pct", u->change_pct, u->has_change);
        j_str(&sb, ", ", "grade", u->grade);
        sb_printf(&sb, ", \"conflict\": %s}", u->conflict ? "true" : "false");
    }
    sb_append(&sb, ru->nunits > 0 ? "\n  ],\n" : "],\n");
    sb_printf(&sb, "  \"totals\": {\"units\": %zu, \"complete\": %zu, \"conflicted\": %zu", t.nunits,
              t.ncomplete, t.nconflicted);
    j_num(&sb, ", ", "total_tco2e", t.total_tco2e, 1);
    j_num(&sb, ", ", "scope1_tco2e", t.scope1_tco2e, 1);
    j_num(&sb, ", ", "scope2_tco2e", t.scope2_tco2e, 1);
    j_num(&sb, ", ", "intensity_kgco2e_per_m2", t.intensity_kgco2e_per_m2, t.narea > 0);
    j_num(&sb, ", ", "per_capita_tco2e", t.per_capita_tco2e, t.nheadcount > 0);
    j_num(&sb, ", ", "energy_tce", t.energy_tce, 1);
    j_num(&sb, ", ", "building_area_m2", t.area_m2, 1);
    j_num(&sb, ", ", "headcount", t.headcount, 1);
    j_num(&sb, ", ", "mean_total_tco2e", t.mean_total_tco2e, t.nunits > 0);
    j_num(&sb, ", ", "mean_scope1_tco2e", t.mean_scope1_tco2e, t.nunits > 0);
    j_num(&sb, ", ", "mean_scope2_tco2e", t.mean_scope2_tco2e, t.nunits > 0);
    j_num(&sb, ", ", "mean_intensity_kgco2e_per_m2", t.mean_intensity_kgco2e_per_m2, t.narea > 0);
    j_num(&sb, ", ", "mean_per_capita_tco2e", t.mean_per_capita_tco2e, t.nheadcount > 0);
    j_num(&sb, ", ", "mean_energy_tce", t.mean_energy_tce, t.nunits > 0);
    sb_append(&sb, "},\n  \"skipped\": [");
    for (i = 0; i < ru->nskipped; i++) {
        sb_append(&sb, i > 0 ? ",\n    {\"file\": " : "\n    {\"file\": ");
        sb_json_str(&sb, ru->skipped[i].file);
        sb_append(&sb, ", \"reason\": ");
        sb_json_str(&sb, ru->skipped[i].reason);
        sb_append(&sb, "}");
    }
    sb_append(&sb, ru->nskipped > 0 ? "\n  ],\n  \"conflicts\": [" : "],\n  \"conflicts\": [");
    for (i = 0; i < ru->nconflicts; i++) {
        const struct rollup_conflict *c = &ru->conflicts[i];

        sb_append(&sb, i > 0 ? ",\n    {\"code\": " : "\n    {\"code\": ");
        sb_json_str(&sb, c->code);
        sb_printf(&sb, ", \"year\": %d, \"files\": [", c->year);
        for (j = 0; j < c->nfiles; j++) {
            sb_append(&sb, j > 0 ? ", " : "");
            sb_json_str(&sb, c->files[j]);
        }
        sb_append(&sb, "]}");
    }
    sb_append(&sb, ru->nconflicts > 0 ? "\n  ]\n}\n" : "]\n}\n");
    return sb_take(&sb);
}
