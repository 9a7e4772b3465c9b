/*
 * export_xlsx_detail.c - the Excel export's sheets beyond the standard's tables: 月度明细 (each
 * source's activity and emissions month by month, the quarterly and annual rest, the totals) and
 * 图表 (emissions by source and by month, charted from 月度明细's cells).
 */
#include "export/export_xlsx.h"

#include <stdint.h>

#include "base/xmem.h"

#define MONTH_COLS 12

static double
rest_q(const struct report_source *s)
{
    return s->quarter_quantity[0] + s->quarter_quantity[1] + s->quarter_quantity[2]
           + s->quarter_quantity[3] + s->annual_quantity;
}

static double
rest_t(const struct report_source *s)
{
    return s->quarter_tco2e[0] + s->quarter_tco2e[1] + s->quarter_tco2e[2] + s->quarter_tco2e[3]
           + s->annual_tco2e;
}

static double
rest_y(const struct report_year *r)
{
    return r->quarter_tco2e[0] + r->quarter_tco2e[1] + r->quarter_tco2e[2] + r->quarter_tco2e[3]
           + r->annual_tco2e;
}

/* ---- 月度明细 -------------------------------------------------------------------------------- */

static const char *const month_zh[MONTH_COLS] = {
    "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月",
};
static const char *const month_en[MONTH_COLS] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

#define COL_SRC 0                               /* 排放源 */
#define COL_UNIT 1                              /* 单位 */
#define COL_MONTH 2                             /* 1月 */
#define COL_UNALLOC (COL_MONTH + MONTH_COLS)    /* 季度/全年（未分摊到月） */
#define COL_TOTAL (COL_UNALLOC + 1)             /* 合计 */

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
    xl_put_text(sh, sh->row, COL_UNALLOC, xl_tx(x, "季度/全年（未分摊到月）",
                                                "Quarterly/annual (not by month)"), F_HEAD);
    xl_put_text(sh, sh->row, COL_TOTAL, xl_tx(x, "合计", "Total"), F_HEAD);
    sh->row++;
}

/* A source's activity: 12 months, the quarterly and annual rest, their sum; whole numbers when
   the row has no fractions. */
static void
month_quantities(struct sheet *sh, const struct report_source *s)
{
    char formula[64];
    int m, w = xl_whole(rest_q(s)) && xl_whole(s->quantity);

    for (m = 0; m < MONTH_COLS; m++)
        w &= xl_whole(s->month_quantity[m]);
    xl_put_text(sh, sh->row, COL_SRC, s->label, F_TEXT);
    xl_put_text(sh, sh->row, COL_UNIT, s->unit, F_TEXT);
    for (m = 0; m < MONTH_COLS; m++)
        xl_put_qty(sh, sh->row, COL_MONTH + m, s->month_quantity[m], NULL, w, 1);
    xl_put_qty(sh, sh->row, COL_UNALLOC, rest_q(s), NULL, w, 1);
    xl_sum_formula(formula, sizeof(formula), sh->row, COL_MONTH, sh->row, COL_UNALLOC);
    xl_put_formula(sh, sh->row, COL_TOTAL, formula, s->quantity,
                   xl_qty_format(sh->x, NULL, w, 0), xl_num_width(s->quantity, w ? 0 : 4, NULL));
    sh->row++;
}

/* A source's emissions by month, the rest, and their sum. */
static void
month_emissions(struct sheet *sh, const struct report_source *s)
{
    lxw_format *dash = xl_code_format(sh->x, "0.00;-0.00;\"-\"");
    char formula[64];
    int m;

    xl_put_text(sh, sh->row, COL_SRC, s->label, F_TEXT);
    xl_put_text(sh, sh->row, COL_UNIT, xl_unit_of(sh->x, "A.4", "total"), F_TEXT);
    for (m = 0; m < MONTH_COLS; m++)
        xl_put_num(sh, sh->row, COL_MONTH + m, s->month_tco2e[m], dash,
                   xl_num_width(s->month_tco2e[m], 2, NULL));
    xl_put_num(sh, sh->row, COL_UNALLOC, rest_t(s), dash,
               xl_num_width(rest_t(s), 2, NULL));
    xl_sum_formula(formula, sizeof(formula), sh->row, COL_MONTH, sh->row, COL_UNALLOC);
    xl_put_t2_formula(sh, sh->row, COL_TOTAL, formula, s->tco2e, F_T2);
    sh->row++;
}

/* The total row of the emission block: each column summed over the sources. */
static void
month_totals(struct sheet *sh, lxw_row_t first, size_t n)
{
    struct xl *x = sh->x;
    const struct report_year *r = x->r;
    char formula[64];
    lxw_col_t c;

    xl_put_text(sh, sh->row, COL_SRC, xl_tx(x, "合计", "Total"), F_LABEL);
    xl_put_text(sh, sh->row, COL_UNIT, xl_unit_of(x, "A.4", "total"), F_TEXT);
    for (c = COL_MONTH; c <= COL_TOTAL; c++) {
        double v = c < COL_UNALLOC ? r->month_tco2e[c - COL_MONTH]
                   : c == COL_UNALLOC ? rest_y(r) : r->total_tco2e;

        if (n == 0) {
            xl_put_t2(sh, sh->row, c, v, F_T2B);
            continue;
        }
        xl_sum_formula(formula, sizeof(formula), first, c, first + n - 1, c);
        xl_put_t2_formula(sh, sh->row, c, formula, v, F_T2B);
    }
    sh->row++;
}

void
xl_sheet_months(struct xl *x)
{
    const struct report_year *r = x->r;
    const char *name = xl_tx(x, "月度明细", "Monthly detail");
    struct sheet sh;
    size_t i;

    if (xl_sheet_open(&sh, x, name, COL_TOTAL + 1, 1) != 0)
        return;
    x->month_sheet = xstrdup(name);
    xl_sheet_heading(&sh, name);
    sh.repeat = 1;
    month_header(&sh, xl_tx(x, "活动水平（数量）", "Activity (quantity)"));
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
    xl_sheet_close(&sh);
}

/* ---- 图表 ------------------------------------------------------------------------------------ */

static lxw_chart *
new_chart(struct xl *x, uint8_t type, const char *title, lxw_row_t r1, lxw_col_t c1,
          lxw_row_t r2, lxw_col_t c2, lxw_row_t vrow, lxw_col_t vcol)
{
    lxw_chart *chart = workbook_add_chart(x->wb, type);
    lxw_chart_series *s;

    if (chart == NULL || (s = chart_add_series(chart, NULL, NULL)) == NULL)
        fatal("export: out of memory");
    chart_series_set_categories(s, x->month_sheet, r1, c1, r2, c2);
    chart_series_set_values(s, x->month_sheet, vrow, vcol, vrow + (r2 - r1), vcol + (c2 - c1));
    chart_series_set_labels(s);
    chart_series_set_labels_num_format(s, "0.00");
    chart_title_set_name(chart, title);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    /* in a bar chart x is the (horizontal) value axis, in a column chart y is */
    chart_axis_set_num_format(type == LXW_CHART_BAR ? chart->x_axis : chart->y_axis, "0");
    return chart;
}

void
xl_sheet_charts(struct xl *x)
{
    const struct report_year *r = x->r;
    const char *name = xl_tx(x, "图表", "Charts");
    lxw_chart_options opt = {.x_offset = 8, .y_offset = 8, .x_scale = 1.4, .y_scale = 1.3};
    lxw_col_t last = rest_y(r) != 0 ? COL_UNALLOC : COL_UNALLOC - 1;
    lxw_chart *chart;
    struct sheet sh;

    if (xl_sheet_open(&sh, x, name, 10, 0) != 0)
        return;
    xl_sheet_heading(&sh, name);
    if (r->nsources == 0 || x->month_sheet == NULL) {
        xl_put_text(&sh, sh.row++, 0,
                    xl_tx(x, "本年度没有排放数据。", "No emission data this year."), F_PLAIN);
        xl_sheet_close(&sh);
        return;
    }
    /* by source: horizontal bars, top-down in the table's order (a bar chart lists bottom-up) */
    chart = new_chart(x, LXW_CHART_BAR, xl_tx(x, "碳排放量（按排放源，tCO₂e）",
                                              "Emissions by source (tCO₂e)"),
                      x->em_first, COL_SRC, x->em_last, COL_SRC, x->em_first, COL_TOTAL);
    chart_axis_set_reverse(chart->y_axis);
    xl_check(x, worksheet_insert_chart_opt(sh.ws, 3, 0, chart, &opt));
    /* by month, the quarterly and annual rest as a 13th column when there is one */
    chart = new_chart(x, LXW_CHART_COLUMN, xl_tx(x, "碳排放量（按月，tCO₂e）",
                                                 "Emissions by month (tCO₂e)"),
                      x->em_head, COL_MONTH, x->em_head, last, x->em_total, COL_MONTH);
    xl_check(x, worksheet_insert_chart_opt(sh.ws, 21, 0, chart, &opt));
    sh.row = 2;
    xl_sheet_close(&sh);
}
