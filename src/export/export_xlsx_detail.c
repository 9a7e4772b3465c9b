/*
 * export_xlsx_detail.c - the Excel export's sheets beyond the standard's tables: 月度明细 (each
 * source's activity and emissions month by month and quarter by quarter, the rows entered for
 * the whole year, the totals; "/" where the source does not run, 不适用) and 图表 (emissions by source, by month and by quarter, charted
 * from 月度明细's cells).
 */
#include "export/export_xlsx.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/xmem.h"

#define MONTH_COLS 12

/* ---- 月度明细 -------------------------------------------------------------------------------- */

static const char *const month_zh[MONTH_COLS] = {
    "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月",
};
static const char *const month_en[MONTH_COLS] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};
static const char *const quarter_zh[4] = {"第一季度", "第二季度", "第三季度", "第四季度"};
static const char *const quarter_en[4] = {"Q1", "Q2", "Q3", "Q4"};

#define COL_SRC 0                               /* 排放源 */
#define COL_UNIT 1                              /* 单位 */
#define COL_MONTH 2                             /* 1月 */
#define COL_QUARTER (COL_MONTH + MONTH_COLS)    /* 第一季度: its months and its quarterly rows */
#define COL_YEAR (COL_QUARTER + 4)              /* 按年填报: rows for the whole year */
#define COL_TOTAL (COL_YEAR + 1)                /* 全年合计 */

/* A block's caption and column headers. */
static void
month_header(struct sheet *sh, const char *caption)
{
    const struct xl *x = sh->x;
    int m;

    xl_merge_text(sh, sh->row, 0, sh->row, COL_TOTAL, caption, F_PLAIN);
    sh->row++;
    xl_put_text(sh, sh->row, COL_SRC, xl_label(x, "A.5", "source"), F_HEAD);
    xl_put_text(sh, sh->row, COL_UNIT, xl_label(x, "A.5", "unit"), F_HEAD);
    for (m = 0; m < MONTH_COLS; m++)
        xl_put_text(sh, sh->row, COL_MONTH + m, xl_tx(x, month_zh[m], month_en[m]), F_HEAD);
    for (m = 0; m < 4; m++)
        xl_put_text(sh, sh->row, COL_QUARTER + m, xl_tx(x, quarter_zh[m], quarter_en[m]), F_HEAD);
    xl_put_text(sh, sh->row, COL_YEAR, xl_tx(x, "按年填报", "Whole-year rows"), F_HEAD);
    xl_put_text(sh, sh->row, COL_TOTAL, xl_tx(x, "全年合计", "Year total"), F_HEAD);
    sh->row++;
}

/* Quarter q as 月度明细 shows it: its three months and what was entered for the quarter. */
static double
quarter_shown(const double *months, const double *quarters, int q)
{
    return months[3 * q] + months[3 * q + 1] + months[3 * q + 2] + quarters[q];
}

/* Whether months first..first+n-1 (0-based) of na are all 不适用; NULL: none is. */
static int
all_na(const int *na, int first, int n)
{
    int m;

    for (m = first; na != NULL && m < first + n; m++)
        if (!na[m])
            return 0;
    return na != NULL;
}

/*
 * One row of a block: 12 months; each quarter its three months (a formula) plus the rows
 * entered for that quarter, or those rows alone when it has no monthly rows; the whole-year
 * rows; the year's total over the quarters and the whole-year column. months, quarters and year
 * are the source's (or all sources') figures; total the year's. A month 不适用 in na (NULL: none)
 * shows "/", and so does a quarter of three such months and the whole-year column of twelve; the
 * sums take them as the zeros they are.
 */
static void
month_row(struct sheet *sh, const double *months, const double *quarters, double year,
          double total, const int *na, lxw_format *fmt, lxw_format *qfmt, lxw_format *tfmt,
          int decimals)
{
    char formula[96], range[LXW_MAX_CELL_RANGE_LENGTH];
    double shown[5];
    int m, q;

    for (m = 0; m < MONTH_COLS; m++)
        if (all_na(na, m, 1))
            xl_put_text(sh, sh->row, COL_MONTH + m, MODEL_NA_TEXT, F_NA);
        else
            xl_put_num(sh, sh->row, COL_MONTH + m, months[m], fmt,
                       xl_num_width(months[m], decimals, NULL));
    for (q = 0; q < 4; q++) {
        const double *qm = months + 3 * q;
        int has_months = qm[0] != 0 || qm[1] != 0 || qm[2] != 0;

        shown[q] = quarter_shown(months, quarters, q);
        if (all_na(na, 3 * q, 3)) {
            xl_put_text(sh, sh->row, COL_QUARTER + q, MODEL_NA_TEXT, F_NA);
            continue;
        }
        /* a quarter of months only is the sum of three shown cells; quantities show their
           last digit, so only tCO₂e can round */
        if (decimals == 2 && quarters[q] == 0)
            xl_sum_shown(sh, shown[q], qm, 3);
        if (!has_months && quarters[q] != 0) {
            xl_put_num(sh, sh->row, COL_QUARTER + q, quarters[q], qfmt,
                       xl_num_width(quarters[q], decimals, NULL));
            continue;
        }
        lxw_rowcol_to_range(range, sh->row, COL_MONTH + 3 * q, sh->row, COL_MONTH + 3 * q + 2);
        if (quarters[q] != 0)
            snprintf(formula, sizeof(formula), "=SUM(%s)+%.17g", range, quarters[q]);
        else
            snprintf(formula, sizeof(formula), "=SUM(%s)", range);
        xl_put_formula(sh, sh->row, COL_QUARTER + q, formula, shown[q], qfmt,
                       xl_num_width(shown[q], decimals, NULL));
    }
    if (all_na(na, 0, MONTH_COLS))
        xl_put_text(sh, sh->row, COL_YEAR, MODEL_NA_TEXT, F_NA);
    else
        xl_put_num(sh, sh->row, COL_YEAR, year, fmt, xl_num_width(year, decimals, NULL));
    shown[4] = year;
    if (decimals == 2)
        xl_sum_shown(sh, total, shown, 5);
    xl_sum_formula(formula, sizeof(formula), sh->row, COL_QUARTER, sh->row, COL_YEAR);
    xl_put_formula(sh, sh->row, COL_TOTAL, formula, total, tfmt,
                   xl_num_width(total, decimals, NULL));
    sh->row++;
}

/* A source's activity; whole numbers when the row has no fractions. */
static void
month_quantities(struct sheet *sh, const struct report_source *s)
{
    int m, w = xl_whole(s->annual_quantity) && xl_whole(s->quantity);

    for (m = 0; m < MONTH_COLS; m++)
        w &= xl_whole(s->month_quantity[m]);
    for (m = 0; m < 4; m++)
        w &= xl_whole(s->quarter_quantity[m]);
    xl_put_text(sh, sh->row, COL_SRC, s->label, F_TEXT);
    xl_put_text(sh, sh->row, COL_UNIT, s->unit, F_TEXT);
    month_row(sh, s->month_quantity, s->quarter_quantity, s->annual_quantity, s->quantity,
              s->month_na, xl_qty_format(sh->x, NULL, w, 1), xl_qty_format(sh->x, NULL, w, 1),
              xl_qty_format(sh->x, NULL, w, 0), w ? 0 : 4);
}

/* A source's emissions. */
static void
month_emissions(struct sheet *sh, const struct report_source *s)
{
    lxw_format *dash = xl_code_format(sh->x, "#,##0.00;-#,##0.00;\"-\"");

    xl_put_text(sh, sh->row, COL_SRC, s->label, F_TEXT);
    xl_put_text(sh, sh->row, COL_UNIT, xl_unit_of(sh->x, "A.4", "total"), F_TEXT);
    month_row(sh, s->month_tco2e, s->quarter_tco2e, s->annual_tco2e, s->tco2e, s->month_na, dash,
              dash, sh->x->fmt[F_T2], 2);
}

/* The total row of the emission block: each column summed over the sources. */
static void
month_totals(struct sheet *sh, lxw_row_t first, size_t n)
{
    struct xl *x = sh->x;
    const struct report_year *r = x->r;
    double *col = xcalloc(n + 1, sizeof(*col));
    char formula[64];
    lxw_col_t c;
    size_t i;
    int q;

    xl_put_text(sh, sh->row, COL_SRC, xl_tx(x, "合计", "Total"), F_LABEL);
    xl_put_text(sh, sh->row, COL_UNIT, xl_unit_of(x, "A.4", "total"), F_TEXT);
    for (c = COL_MONTH; c <= COL_TOTAL; c++) {
        double v;

        q = (int)c - COL_QUARTER;
        v = c < COL_QUARTER ? r->month_tco2e[c - COL_MONTH]
            : c < COL_YEAR ? quarter_shown(r->month_tco2e, r->quarter_tco2e, q)
            : c == COL_YEAR ? r->annual_tco2e : r->total_tco2e;
        for (i = 0; i < n; i++) {
            const struct report_source *s = &r->sources[i];

            col[i] = c < COL_QUARTER ? s->month_tco2e[c - COL_MONTH]
                     : c < COL_YEAR ? quarter_shown(s->month_tco2e, s->quarter_tco2e, q)
                     : c == COL_YEAR ? s->annual_tco2e : s->tco2e;
        }
        xl_sum_shown(sh, v, col, n);
        if (n == 0) {
            xl_put_t2(sh, sh->row, c, v, F_T2B);
            continue;
        }
        xl_sum_formula(formula, sizeof(formula), first, c, first + n - 1, c);
        xl_put_t2_formula(sh, sh->row, c, formula, v, F_T2B);
    }
    free(col);
    sh->row++;
}

void
xl_sheet_months(struct xl *x)
{
    const struct report_year *r = x->r;
    const char *name = xl_tx(x, "月度明细", "Monthly detail");
    struct sheet sh;
    char *note;
    size_t i;
    int m, na;

    for (i = 0; i < r->nsources; i++) {
        const struct report_source *s = &r->sources[i];

        for (m = 0; m < MONTH_COLS; m++)
            x->any_month |= s->month_quantity[m] != 0 || s->month_tco2e[m] != 0;
        for (m = 0; m < 4; m++)
            x->any_quarter |= s->quarter_quantity[m] != 0 || s->quarter_tco2e[m] != 0;
        x->any_year |= s->annual_quantity != 0 || s->annual_tco2e != 0;
    }
    if (xl_sheet_open(&sh, x, name, COL_TOTAL + 1, 1) != 0)
        return;
    x->month_sheet = xstrdup(name);
    xl_sheet_heading(&sh, name, 1);
    month_header(&sh, xl_tx(x, "活动水平（数量）", "Activity (quantity)"));
    sh.repeat = sh.row - 1;
    sh.freeze_row = sh.row;
    sh.freeze_col = COL_SRC + 1;
    for (i = 0; i < r->nsources; i++)
        month_quantities(&sh, &r->sources[i]);
    sh.row++;
    month_header(&sh, xl_tx(x, "碳排放量（tCO₂e）", "Emissions (tCO₂e)"));
    x->em_head = sh.row - 1;
    x->em_first = sh.row;
    for (i = 0; i < r->nsources; i++)
        month_emissions(&sh, &r->sources[i]);
    x->em_last = sh.row - 1;
    x->em_total = sh.row;
    month_totals(&sh, x->em_first, r->nsources);
    for (i = 0, na = 0; i < r->nsources; i++)
        for (m = 0; m < MONTH_COLS; m++)
            na |= r->sources[i].month_na[m];
    note = xasprintf("%s%s", xl_tx(x,
        "注：季度栏为该季度各月之和加上按季度填报的数据；按年填报的数据不分到季度和月份，只计入全年合计。",
        "Note: a quarter column is the sum of its months plus the rows entered for that quarter; "
        "rows entered for the whole year are in neither and count only in the year total."),
        !na ? "" : xl_tx(x, "“/”表示该排放源在该期间不适用（未运行），按 0 计入合计。",
                         " \"/\": not applicable, the source does not run then; it counts as 0."));
    xl_sheet_note(&sh, note);
    free(note);
    xl_rounding_note(&sh);
    xl_sheet_close(&sh);
}

/* ---- 图表 ------------------------------------------------------------------------------------ */

#define CHART_W 480             /* libxlsxwriter's default chart size, pixels */
#define CHART_H 288
#define ROW_PX 24               /* a row of 18 pt */

static lxw_chart_font chart_font = {.name = (char *)XL_FONT};
static lxw_chart_font title_font = {.name = (char *)XL_FONT, .size = 12, .bold = 1};

/* A one-series chart of values vrow,vcol.. against categories r1,c1..r2,c2 of 月度明细. */
static lxw_chart *
new_chart(struct xl *x, uint8_t type, const char *title, lxw_row_t r1, lxw_col_t c1,
          lxw_row_t r2, lxw_col_t c2, lxw_row_t vrow, lxw_col_t vcol)
{
    lxw_chart *chart = workbook_add_chart(x->wb, type);
    lxw_chart_axis *cat, *val;
    lxw_chart_series *s;

    if (chart == NULL || (s = chart_add_series(chart, NULL, NULL)) == NULL)
        fatal("export: out of memory");
    chart_series_set_categories(s, x->month_sheet, r1, c1, r2, c2);
    chart_series_set_values(s, x->month_sheet, vrow, vcol, vrow + (r2 - r1), vcol + (c2 - c1));
    chart_series_set_labels(s);
    chart_series_set_labels_num_format(s, "#,##0.00");
    chart_series_set_labels_font(s, &chart_font);
    chart_title_set_name(chart, title);
    chart_title_set_name_font(chart, &title_font);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    /* in a bar chart x is the (horizontal) value axis, in a column chart y is */
    val = type == LXW_CHART_BAR ? chart->x_axis : chart->y_axis;
    cat = type == LXW_CHART_BAR ? chart->y_axis : chart->x_axis;
    chart_axis_set_num_format(val, "#,##0");
    chart_axis_set_min(val, 0);
    chart_axis_set_num_font(val, &chart_font);
    chart_axis_set_num_font(cat, &chart_font);
    chart_axis_set_interval_unit(cat, 1);   /* every label, however many */
    return chart;
}

/* Inserts chart at row, height_px high; returns the row after it and a blank row. */
static lxw_row_t
place(struct sheet *sh, lxw_chart *chart, lxw_row_t row, double y_scale)
{
    lxw_chart_options opt = {.x_offset = 8, .y_offset = 8, .x_scale = 1.4, .y_scale = y_scale};

    xl_check(sh->x, worksheet_insert_chart_opt(sh->ws, row, 0, chart, &opt));
    return row + (lxw_row_t)ceil(CHART_H * y_scale / ROW_PX) + 1;
}

/* A line above the charts saying what a chart leaves out (s, freed here). */
static void
left_out(struct sheet *sh, char *s)
{
    xl_merge_text(sh, sh->row, 0, sh->row, sh->ncols - 1, s, F_NOTE);
    sh->row++;
    free(s);
}

void
xl_sheet_charts(struct xl *x)
{
    const struct report_year *r = x->r;
    const char *name = xl_tx(x, "图表", "Charts");
    double q = r->quarter_tco2e[0] + r->quarter_tco2e[1] + r->quarter_tco2e[2] + r->quarter_tco2e[3];
    lxw_chart *chart;
    struct sheet sh;
    lxw_row_t row;
    double scale;
    int en = r->lang == LANG_EN;

    if (xl_sheet_open(&sh, x, name, 10, 0) != 0)
        return;
    xl_sheet_heading(&sh, name, 1);
    if (r->nsources == 0 || x->month_sheet == NULL) {
        xl_put_text(&sh, sh.row++, 0,
                    xl_tx(x, "本年度没有排放数据。", "No emission data this year."), F_PLAIN);
        xl_sheet_close(&sh);
        return;
    }
    /* what the by-month and by-quarter charts leave out, said above them */
    if (x->any_month && x->any_quarter)
        left_out(&sh, en ? xasprintf("%.2f tCO₂e entered by quarter are not in the monthly "
                                     "chart; the quarterly chart has them.", q)
                         : xasprintf("按季度填报的 %.2f tCO₂e 不在按月图表中，见按季度图表。", q));
    if (x->any_year)
        left_out(&sh, en ? xasprintf("%.2f tCO₂e entered for the whole year are in the "
                                     "by-source chart only.", r->annual_tco2e)
                         : xasprintf("按年填报的 %.2f tCO₂e 不在按月、按季度图表中，只计入按排放源图表。",
                                     r->annual_tco2e));
    row = sh.row + 1;
    /* by source: horizontal bars, top-down in the table's order (a bar chart lists bottom-up),
       tall enough that every source keeps its label */
    scale = fmax(1.3, (60.0 + 26.0 * (double)r->nsources) / CHART_H);
    chart = new_chart(x, LXW_CHART_BAR, xl_tx(x, "碳排放量（按排放源，tCO₂e）",
                                              "Emissions by source (tCO₂e)"),
                      x->em_first, COL_SRC, x->em_last, COL_SRC, x->em_first, COL_TOTAL);
    chart_axis_set_reverse(chart->y_axis);
    row = place(&sh, chart, row, scale);
    if (x->any_month) {
        chart = new_chart(x, LXW_CHART_COLUMN, xl_tx(x, "碳排放量（按月，tCO₂e）",
                                                     "Emissions by month (tCO₂e)"),
                          x->em_head, COL_MONTH, x->em_head, COL_QUARTER - 1, x->em_total,
                          COL_MONTH);
        row = place(&sh, chart, row, 1.3);
    }
    if (x->any_quarter) {
        chart = new_chart(x, LXW_CHART_COLUMN, xl_tx(x, "碳排放量（按季度，tCO₂e）",
                                                     "Emissions by quarter (tCO₂e)"),
                          x->em_head, COL_QUARTER, x->em_head, COL_YEAR - 1, x->em_total,
                          COL_QUARTER);
        row = place(&sh, chart, row, 1.3);
    }
    sh.row = row;
    xl_sheet_close(&sh);
}
