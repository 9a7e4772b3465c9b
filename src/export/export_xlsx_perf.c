/*
 * export_xlsx_perf.c - the Excel export's carbon performance sheets (001 §6.2–6.5, 003 §6.2,
 * §7.2.4.2, A.2): 碳绩效参数, every year of the workbook as reported and like for like (with the
 * base period's factors), the changes against the year before and the base, and the trend
 * charts; 碳基准与目标, the base period in force and its history, the split of the reporting
 * year's change against the base per source, the targets (formula A.1) with their progress year
 * by year, and the measures plan held against the gap to the total target. Every figure comes
 * computed in x->perf (core/perf.h), the history and the measures from x->plan; the figures'
 * labels, units and decimals are perf_key()'s. A figure that is not there is a blank cell, never
 * 0 and never text, so that a line chart leaves a gap (Excel plots text as 0).
 */
#include "export/export_xlsx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xmem.h"

#define NONE "—"                /* a text that is not there (a reason, a preset) */
#define PC 15                   /* 碳绩效参数: 年度 and the figures */
#define TC 9                    /* 碳基准与目标: the targets table's columns */
#define WRAP 24                 /* the most a column of free text asks for */
#define HEAD_PC 9               /* … and 碳绩效参数's headers, so that 15 columns print on A4 */
#define HEAD_TC 12              /* … and 碳基准与目标's */
#define CHART_W 480             /* libxlsxwriter's default chart width, pixels */
/* xl_tx for a format string, so that the compiler still checks it against its arguments */
#define TX(x, zh, en) ((x)->r->lang == LANG_EN ? (en) : (zh))

static const char *
key_label(const struct xl *x, enum perf_key k)
{
    return xl_tx(x, perf_key(k)->zh, perf_key(k)->en);
}

/*
 * A figure with `decimals` decimals and unit (NULL: none) in its number format, or a blank cell:
 * a figure that is not there is never 0, and a chart leaves a gap for a blank where it would
 * plot "—" as 0.
 */
static void
put_fig(struct sheet *sh, lxw_row_t row, lxw_col_t col, struct perf_num n, int decimals,
        const char *unit)
{
    if (!n.ok) {
        xl_put_text(sh, row, col, NULL, F_NA);
        return;
    }
    xl_put_num(sh, row, col, n.v, xl_unit_format(sh->x, decimals, unit),
               xl_num_width(n.v, decimals, unit));
}

/* A change in per cent, signed, 2 decimals: +8.77 %; or a blank cell. */
static void
put_pct(struct sheet *sh, lxw_row_t row, lxw_col_t col, struct perf_num n)
{
    if (!n.ok) {
        xl_put_text(sh, row, col, NULL, F_NA);
        return;
    }
    xl_put_num(sh, row, col, n.v,
               xl_code_format(sh->x, "+#,##0.00\" %\";-#,##0.00\" %\";0.00\" %\""),
               xl_num_width(n.v, 2, "%") + 1);
}

/* A year as a bordered whole number. */
static void
put_year(struct sheet *sh, lxw_row_t row, lxw_col_t col, int year)
{
    xl_put_num(sh, row, col, year, xl_code_format(sh->x, "0"), 4);
}

/* The kind of base period in words. */
static char *
base_kind(const struct xl *x, const struct wb_base *b)
{
    if (b->kind == BASE_MOVING)
        return xasprintf(TX(x, "移动平均（最近 %d 个完整年份）",
                               "moving average (the latest %d complete years)"), b->moving_n);
    if (b->kind == BASE_AVERAGE)
        return xstrdup(xl_tx(x, "若干年份的平均", "average of chosen years"));
    return xstrdup(xl_tx(x, "单一年份", "one year"));
}

/* "2020、2021、2022 年": the years a base stands for, as text (never a lone number). */
static char *
base_years(const struct xl *x, const struct perf_base *b)
{
    struct strbuf sb = {0};
    size_t i;

    sb_printf(&sb, "%s", xl_tx(x, "", b->nyears > 1 ? "the years " : "the year "));
    for (i = 0; i < b->nyears; i++)
        sb_printf(&sb, "%s%d", i > 0 ? xl_tx(x, "、", ", ") : "", b->years[i]);
    sb_printf(&sb, "%s", xl_tx(x, " 年", ""));
    return sb_take(&sb);
}

/* ---- 碳绩效参数 --------------------------------------------------------------------------- */

enum what { W_REP, W_LFL, W_PREV, W_PREV_LFL, W_BASE, W_BASE_LFL };

/* The figure k of year y as block w shows it. */
static struct perf_num
year_fig(const struct perf_year *y, enum what w, enum perf_key k)
{
    switch (w) {
    case W_REP: return y->rep[k];
    case W_LFL: return y->lfl[k];
    case W_PREV: return y->prev_pct[k];
    case W_PREV_LFL: return y->prev_lfl_pct[k];
    case W_BASE: return y->base_pct[k];
    case W_BASE_LFL: return y->base_lfl_pct[k];
    }
    return y->rep[k];
}

/*
 * One block: its title, 年度 and the figures' labels (and their units for values), the base
 * period's row for values when there is a base, a row per year. Returns the first year's row.
 */
static lxw_row_t
perf_block(struct sheet *sh, int n, const char *title, enum what w)
{
    struct xl *x = sh->x;
    const struct perf *p = x->perf;
    int values = w == W_REP || w == W_LFL;
    lxw_row_t first;
    char *t = xl_block_title(x, n, title);
    size_t i;
    int k;

    xl_bar(sh, t);
    free(t);
    xl_put_text(sh, sh->row, 0, xl_tx(x, "年度", "Year"), F_HEAD);
    for (k = 0; k < PK__COUNT; k++)
        xl_put_wrap(sh, sh->row, (lxw_col_t)(k + 1), key_label(x, (enum perf_key)k), F_HEAD,
                    HEAD_PC);
    sh->row++;
    if (values) {
        xl_put_text(sh, sh->row, 0, xl_tx(x, "单位", "Unit"), F_HEAD);
        for (k = 0; k < PK__COUNT; k++)
            xl_put_wrap(sh, sh->row, (lxw_col_t)(k + 1), perf_key((enum perf_key)k)->unit, F_HEAD,
                        HEAD_PC);
        sh->row++;
    }
    if (values && p->base.set) {
        xl_put_text(sh, sh->row, 0, xl_tx(x, "基准期", "Base"), F_TEXT);
        for (k = 0; k < PK__COUNT; k++)
            put_fig(sh, sh->row, (lxw_col_t)(k + 1), w == W_REP ? p->base.rep[k] : p->base.lfl[k],
                    perf_key((enum perf_key)k)->decimals, NULL);
        sh->row++;
    }
    first = sh->row;
    for (i = 0; i < p->nyears; i++) {
        put_year(sh, sh->row, 0, p->years[i].year);
        for (k = 0; k < PK__COUNT; k++) {
            struct perf_num v = year_fig(&p->years[i], w, (enum perf_key)k);

            if (values)
                put_fig(sh, sh->row, (lxw_col_t)(k + 1), v, perf_key((enum perf_key)k)->decimals,
                        NULL);
            else
                put_pct(sh, sh->row, (lxw_col_t)(k + 1), v);
        }
        sh->row++;
    }
    return first;
}

static lxw_chart_font chart_font = {.name = (char *)XL_FONT};
static lxw_chart_font title_font = {.name = (char *)XL_FONT, .size = 12, .bold = 1};

/* A line chart of figure k over the years: as reported (rows from rep) and like for like (lfl,
   0: no base, no such line). */
static lxw_chart *
trend_chart(struct sheet *sh, const char *sheet_name, enum perf_key k, lxw_row_t rep,
            lxw_row_t lfl)
{
    struct xl *x = sh->x;
    lxw_row_t n = (lxw_row_t)x->perf->nyears;
    lxw_chart *chart = workbook_add_chart(x->wb, LXW_CHART_LINE);
    char *title = xasprintf("%s（%s）", key_label(x, k), perf_key(k)->unit);
    lxw_row_t rows[2] = {rep, lfl};
    const char *names[2] = {xl_tx(x, "按报告值", "As reported"),
                            xl_tx(x, "按基准期因子可比", "Like for like")};
    int i;

    if (chart == NULL) {
        xl_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        free(title);
        return NULL;
    }
    for (i = 0; i < 2 && rows[i] != 0; i++) {
        lxw_chart_series *s = chart_add_series(chart, NULL, NULL);

        if (s == NULL) {
            xl_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
            break;
        }
        chart_series_set_categories(s, sheet_name, rows[i], 0, rows[i] + n - 1, 0);
        chart_series_set_values(s, sheet_name, rows[i], (lxw_col_t)(k + 1), rows[i] + n - 1,
                                (lxw_col_t)(k + 1));
        chart_series_set_name(s, names[i]);
        chart_series_set_marker_type(s, i == 0 ? LXW_CHART_MARKER_CIRCLE : LXW_CHART_MARKER_SQUARE);
        if (i == 1) {
            lxw_chart_line dash = {.dash_type = LXW_CHART_LINE_DASH_DASH};

            chart_series_set_line(s, &dash);
        }
    }
    chart_title_set_name(chart, title);
    chart_title_set_name_font(chart, &title_font);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    chart_legend_set_font(chart, &chart_font);
    chart_axis_set_num_format(chart->y_axis, "#,##0.00");
    chart_axis_set_min(chart->y_axis, 0);
    chart_axis_set_num_font(chart->y_axis, &chart_font);
    chart_axis_set_num_font(chart->x_axis, &chart_font);
    chart_axis_set_interval_unit(chart->x_axis, 1);
    free(title);
    return chart;
}

/* The notes under the blocks: the years not computed, the degree-day figures' formulas. */
static void
perf_notes(struct sheet *sh)
{
    struct xl *x = sh->x;
    const struct perf *p = x->perf;
    size_t i;
    char *s;

    sh->row++;
    for (i = 0; i < p->nyears; i++)
        if (!p->years[i].computed) {
            s = xasprintf(TX(x, "注：%d 年无法计算（%s），其数值空白。",
                                "Note: %d cannot be computed (%s); its figures are blank."),
                          p->years[i].year, p->years[i].why != NULL ? p->years[i].why : "");

            xl_line(sh, s);
            free(s);
        }
    s = xasprintf(TX(x, "注：空白单元格表示没有数值（缺少建筑面积、用能人数或度日数，首个年份没有上年，"
                        "或尚未计算）。%s；%s。",
                     "Note: a blank cell means no value (no floor area, headcount or degree-days, no "
                     "year before the first, or not computed yet). %s; %s."),
                  xl_tx(x, perf_key(PK_HEAT_PER_HDD)->formula_zh, perf_key(PK_HEAT_PER_HDD)->formula_en),
                  xl_tx(x, perf_key(PK_ELEC_PER_DD)->formula_zh, perf_key(PK_ELEC_PER_DD)->formula_en));
    xl_line(sh, s);
    free(s);
}

void
xl_sheet_perf(struct xl *x)
{
    const struct perf *p = x->perf;
    const char *name = xl_tx(x, "碳绩效参数", "Carbon performance");
    lxw_row_t rep, lfl = 0;
    struct sheet sh;
    char *s, *words;
    int n = 0;

    if (p == NULL || xl_sheet_open(&sh, x, name, PC, 1) != 0)
        return;
    xl_sheet_heading(&sh, name, 1);
    sh.repeat = 1;
    if (p->base.set) {
        words = plan_base_words(&p->base.def, x->r->lang);
        s = xasprintf(TX(x, "碳基准：%s%s%s。", "Base period: %s%s%s."), words,
                      p->base.def.reason != NULL && p->base.def.reason[0] != '\0'
                          ? xl_tx(x, "；原因：", "; reason: ") : "",
                      p->base.def.reason != NULL ? p->base.def.reason : "");
        xl_line(&sh, s);
        free(s);
        free(words);
        if (p->base.missing != NULL) {
            s = xasprintf(TX(x, "基准期的数据不全：%s。", "The base period lacks data: %s."),
                          p->base.missing);
            xl_line(&sh, s);
            free(s);
        }
        if (p->base.factor_year != 0) {
            s = xasprintf(TX(x, "按报告值：各年以当年的排放因子计算。按基准期因子可比：各年的活动"
                               "水平以基准期 %d 年的排放因子重新计算（《碳中和实施指南 组织》"
                               "7.2.4.2：排放因子确定后不应变更），两者之差是排放因子变化的影响。",
                               "As reported: each year with its own factors. Like for like: each "
                               "year's activity restated with the factors of %d, the base period's "
                               "(Guide to carbon neutrality for organisations, 7.2.4.2: factors once "
                               "chosen should not change); the difference is the effect of the "
                               "factors' change."), p->base.factor_year);
            xl_line(&sh, s);
            free(s);
        }
    } else {
        xl_line(&sh, xl_tx(x, "尚未设定碳基准：各年只有按报告值（以当年的排放因子计算）的数值和较上年的变化。"
                           "设定碳基准：tanbook set FILE --base 2022。",
                        "No base period is set: each year is shown as reported (with its own "
                        "factors), with its change against the year before. To set one: "
                        "tanbook set FILE --base 2022."));
    }
    rep = perf_block(&sh, n++, xl_tx(x, "按报告值", "As reported"), W_REP);
    if (p->base.set && p->base.factor_year != 0) {
        s = xasprintf(TX(x, "按基准期因子可比（%d 年的排放因子）",
                            "Like for like (with the factors of %d)"), p->base.factor_year);
        lfl = perf_block(&sh, n++, s, W_LFL);
        free(s);
    }
    perf_block(&sh, n++, xl_tx(x, "较上年变化（%，按报告值）", "Change against the year before "
                               "(%, as reported)"), W_PREV);
    if (p->base.set) {
        perf_block(&sh, n++, xl_tx(x, "较上年变化（%，按基准期因子可比）",
                                   "Change against the year before (%, like for like)"), W_PREV_LFL);
        perf_block(&sh, n++, xl_tx(x, "较基准期变化（%，按报告值）",
                                   "Change against the base (%, as reported)"), W_BASE);
        perf_block(&sh, n++, xl_tx(x, "较基准期变化（%，按基准期因子可比）",
                                   "Change against the base (%, like for like)"), W_BASE_LFL);
    }
    perf_notes(&sh);
    if (p->nyears > 0) {
        /* side by side, the second 16 px after the first whatever the columns' widths */
        lxw_chart_options opt = {.x_offset = 8, .y_offset = 8, .x_scale = 1.2, .y_scale = 1.2};
        lxw_chart *c;

        sh.row++;
        if ((c = trend_chart(&sh, name, PK_TOTAL, rep, lfl)) != NULL)
            xl_check(x, worksheet_insert_chart_opt(sh.ws, sh.row, 0, c, &opt));
        opt.x_offset = 8 + (int32_t)(CHART_W * opt.x_scale) + 16;
        if ((c = trend_chart(&sh, name, PK_INTENSITY, rep, lfl)) != NULL)
            xl_check(x, worksheet_insert_chart_opt(sh.ws, sh.row, 0, c, &opt));
        sh.row += 16;   /* 288 px × 1.2 in rows of 24 px, and a little room */
    }
    xl_sheet_close(&sh);
}

/* ---- 碳基准与目标 ------------------------------------------------------------------------- */

/* A label in column 0 and its value merged across the rest (an empty value shows "—"). */
static void
pair(struct sheet *sh, const char *label, const char *value)
{
    xl_put_text(sh, sh->row, 0, label, F_LABEL);
    xl_merge_text(sh, sh->row, 1, sh->row, sh->ncols - 1,
                  value != NULL && value[0] != '\0' ? value : NONE, F_TEXT);
    sh->row++;
}

/* 碳基准: the base period in force, and every setting of it, oldest first. */
static void
targets_base(struct sheet *sh, int *n)
{
    static const char *const zh[] = {"基准期", "类型", "原因", "", "", "", "", "设定时间", ""};
    static const char *const en[] = {"Base period", "Kind", "Reason", "", "", "", "", "Set at", ""};
    struct xl *x = sh->x;
    const struct perf_base *b = &x->perf->base;
    char *t, *s;
    size_t i;

    t = xl_block_title(x, (*n)++, xl_tx(x, "碳基准（现行的基准期）", "The base period in force"));
    xl_bar(sh, t);
    free(t);
    if (!b->set) {
        xl_line(sh, xl_tx(x, "尚未设定碳基准：较基准期的变化、按基准期因子可比的数值和碳目标都无从计算。"
                          "设定碳基准：tanbook set FILE --base 2022（单一年份），--base 2020-2022"
                          "（若干年份的平均）或 --base moving:3（最近 3 个完整年份的移动平均）。",
                       "No base period is set: the change against the base, like-for-like "
                       "figures and targets cannot be computed. To set one: tanbook set FILE "
                       "--base 2022 (one year), --base 2020-2022 (an average) or --base moving:3 "
                       "(the moving average of the latest three complete years)."));
        return;
    }
    pair(sh, xl_tx(x, "基准期", "Base period"), t = plan_base_words(&b->def, x->r->lang));
    free(t);
    pair(sh, xl_tx(x, "类型", "Kind"), t = base_kind(x, &b->def));
    free(t);
    pair(sh, xl_tx(x, "代表年份", "Years"), t = base_years(x, b));
    free(t);
    pair(sh, xl_tx(x, "原因", "Reason"), b->def.reason);
    pair(sh, xl_tx(x, "设定时间", "Set at"), b->def.at);
    s = b->factor_year != 0 ? xasprintf(TX(x, "%d 年（按基准期因子可比的数值均用该年的排放因子）",
                                              "%d (like-for-like figures use its factors)"),
                                        b->factor_year) : NULL;
    pair(sh, xl_tx(x, "可比因子年份", "Factor year"), s);
    free(s);
    pair(sh, xl_tx(x, "缺少的数据", "Missing data"),
         b->missing != NULL ? b->missing : xl_tx(x, "无", "none"));
    if (b->note != NULL)
        pair(sh, xl_tx(x, "说明", "Note"), b->note);
    if (x->plan == NULL || x->plan->nbases == 0)
        return;
    t = xl_block_title(x, (*n)++, xl_tx(x, "基准期设定记录（最早的在前）",
                                     "Settings of the base period (oldest first)"));
    xl_bar(sh, t);
    free(t);
    xl_heads(sh, zh, en, 3, HEAD_TC);
    xl_merge_text(sh, sh->row - 1, 2, sh->row - 1, 6, xl_tx(x, zh[2], en[2]), F_HEAD);
    xl_merge_text(sh, sh->row - 1, 7, sh->row - 1, 8, xl_tx(x, zh[7], en[7]), F_HEAD);
    for (i = 0; i < x->plan->nbases; i++) {
        const struct wb_base *h = &x->plan->bases[i];

        t = plan_base_words(h, x->r->lang);
        s = i + 1 == x->plan->nbases ? xasprintf("%s%s", t, xl_tx(x, "（现行）", " (in force)"))
                                     : xstrdup(t);
        xl_put_wrap(sh, sh->row, 0, s, F_TEXT, 16);
        free(s);
        free(t);
        xl_put_text(sh, sh->row, 1, t = base_kind(x, h), F_TEXT);
        free(t);
        xl_merge_text(sh, sh->row, 2, sh->row, 6,
                      h->reason != NULL && h->reason[0] != '\0' ? h->reason : NONE, F_TEXT);
        xl_merge_text(sh, sh->row, 7, sh->row, 8, h->at != NULL ? h->at : NONE, F_TEXT);
        sh->row++;
    }
}

/* The split of the reporting year's change against the base, per source, and its total. */
static void
targets_split(struct sheet *sh, int *n)
{
    static const char *const zh[] = {"排放源", "基准期（tCO₂e）", "", "变化（tCO₂e）",
                                     "活动变化影响（tCO₂e）", "因子变化影响（tCO₂e）"};
    static const char *const en[] = {"Source", "Base (tCO₂e)", "", "Change (tCO₂e)",
                                     "Activity effect (tCO₂e)", "Factor effect (tCO₂e)"};
    struct xl *x = sh->x;
    const struct perf_year *y = perf_cur(x->perf);
    double sum[5] = {0}, *parts;
    lxw_row_t first;
    char *t, *title, formula[64];
    size_t i;
    int c;

    t = xasprintf(TX(x, "%d 年较基准期变化的分解（按排放源）",
                        "The change of %d against the base, by source"), y->year);
    xl_bar(sh, title = xl_block_title(x, (*n)++, t));
    free(title);
    free(t);
    if (!y->has_effects) {
        xl_line(sh, x->perf->base.set
                     ? (x->perf->base.missing != NULL ? x->perf->base.missing
                        : xl_tx(x, "基准期或报告年度未能计算，无从分解。",
                                "The base or the reporting year cannot be computed: no split."))
                     : xl_tx(x, "尚未设定碳基准，无从分解。", "No base period is set: no split."));
        return;
    }
    xl_heads(sh, zh, en, nitems(zh), HEAD_TC);
    t = xasprintf(TX(x, "%d 年（tCO₂e）", "%d (tCO₂e)"), y->year);
    xl_put_text(sh, sh->row - 1, 2, t, F_HEAD);
    free(t);
    first = sh->row;
    parts = xcalloc(y->neffects + 1, sizeof *parts);
    for (i = 0; i < y->neffects; i++) {
        const struct perf_effect *e = &y->effects[i];
        double v[5] = {e->base_tco2e, e->tco2e, e->tco2e - e->base_tco2e, e->activity_tco2e,
                       e->factor_tco2e};

        xl_put_text(sh, sh->row, 0, e->label, F_TEXT);
        for (c = 0; c < 5; c++) {
            xl_put_t2(sh, sh->row, (lxw_col_t)(c + 1), v[c], F_T2);
            sum[c] += v[c];
        }
        parts[i] = e->activity_tco2e;
        sh->row++;
    }
    xl_sum_shown(sh, y->activity_tco2e, parts, y->neffects);
    free(parts);
    xl_put_text(sh, sh->row, 0, xl_tx(x, "合计", "Total"), F_LABEL);
    for (c = 0; c < 5; c++) {
        if (y->neffects > 0) {
            xl_sum_formula(formula, sizeof formula, first, (lxw_col_t)(c + 1), sh->row - 1,
                           (lxw_col_t)(c + 1));
            xl_put_t2_formula(sh, sh->row, (lxw_col_t)(c + 1), formula, sum[c], F_T2B);
        } else {
            xl_put_t2(sh, sh->row, (lxw_col_t)(c + 1), 0, F_T2B);
        }
    }
    sh->row++;
    xl_line(sh, xl_tx(x, "活动变化影响 = 报告年度按基准期因子可比的排放量 − 基准期按同一因子的排放量；"
                      "因子变化影响 = 变化（按报告值）− 活动变化影响。两者相加等于变化。",
                   "Activity effect = the reporting year like for like − the base at the same "
                   "factors; factor effect = the change as reported − the activity effect. The "
                   "two add up to the change."));
}

/* The preset a target came from, in words; "—" for one entered by hand. */
static const char *
preset_words(const struct xl *x, const char *preset)
{
    if (preset == NULL || preset[0] == '\0')
        return NONE;
    if (strcmp(preset, "national-2025") == 0)
        return xl_tx(x, "国家公共机构 2025 年目标", "national public-institution 2025");
    if (strcmp(preset, "1.5c") == 0)
        return xl_tx(x, "1.5 ℃ 近期路径", "1.5 °C near-term pathway");
    return preset;
}

/* "碳排放总量 2025 年": what a target is, in words (caller frees). */
static char *
target_name(const struct xl *x, const struct perf_target *t)
{
    return xasprintf(TX(x, "%s %d 年%s", "%s %d%s"),
                     plan_param_label(t->def.param, x->r->lang), t->def.target_year,
                     t->def.kind == TARGET_CAP ? xl_tx(x, "（上限）", " (cap)") : "");
}

/* 碳目标: every target with formula A.1 stated; returns the first total target computed, or NULL. */
static const struct perf_target *
targets_list(struct sheet *sh, int *n)
{
    static const char *const zh[] = {"参数", "基准期", "目标年", "总体下降率 R", "年均下降率 r",
                                     "基准值", "目标值", "预设", "缺少的数据"};
    static const char *const en[] = {"Parameter", "Base period", "Target year", "Overall reduction R",
                                     "Annual rate r", "Base value", "Target value", "Preset",
                                     "Missing data"};
    struct xl *x = sh->x;
    const struct perf *p = x->perf;
    char *t;
    size_t i;

    xl_bar(sh, t = xl_block_title(x, (*n)++, xl_tx(x, "碳目标", "Targets")));
    free(t);
    if (p->ntargets == 0) {
        xl_line(sh, xl_tx(x, "尚未设定碳目标（tanbook target FILE --parameter total --target-year 2025 "
                          "--reduction 10，或 --preset national-2025）。",
                       "No target is set (tanbook target FILE --parameter total --target-year 2025 "
                       "--reduction 10, or --preset national-2025)."));
        return NULL;
    }
    xl_heads(sh, zh, en, nitems(zh), HEAD_TC);
    for (i = 0; i < p->ntargets; i++) {
        const struct perf_target *tg = &p->targets[i];
        const struct perf_key_def *kd = perf_key(perf_param_key(tg->def.param));
        int cap = tg->def.kind == TARGET_CAP;
        struct perf_num none = {0, 0};

        xl_put_text(sh, sh->row, 0, plan_param_label(tg->def.param, x->r->lang), F_TEXT);
        t = cap ? xstrdup(NONE) : tg->base.set ? plan_base_words(&tg->base.def, x->r->lang)
                                               : xstrdup(xl_tx(x, "未设定", "not set"));
        xl_put_text(sh, sh->row, 1, t, F_TEXT);
        free(t);
        put_year(sh, sh->row, 2, tg->def.target_year);
        put_fig(sh, sh->row, 3, (struct perf_num){tg->ok && !cap, tg->reduction_pct}, 2, "%");
        put_fig(sh, sh->row, 4, (struct perf_num){tg->ok && !cap, tg->annual_pct}, 2, "%");
        put_fig(sh, sh->row, 5, cap ? none : tg->base_value, kd->decimals, kd->unit);
        put_fig(sh, sh->row, 6, tg->target_value, kd->decimals, kd->unit);
        xl_put_text(sh, sh->row, 7, preset_words(x, tg->def.preset), F_TEXT);
        xl_put_wrap(sh, sh->row, 8, tg->missing != NULL ? tg->missing : xl_tx(x, "无", "none"),
                    F_TEXT, WRAP);
        sh->row++;
    }
    xl_line(sh, xl_tx(x, "总体下降率 R 与年均下降率 r 的关系（《碳中和实施指南 组织》公式 A.1）："
                      "R = 1 − (1 − r)^(tT − tB)，tB 为基准年（基准期的最后一年），tT 为目标年；"
                      "目标值 = 基准值 ×（1 − R）。上限目标（如煤炭消费占比）只给出目标值。",
                   "Overall reduction R and annual rate r (formula A.1): R = 1 − (1 − r)^(tT − tB), "
                   "tB the base year (the base period's last), tT the target year; target value "
                   "= base value × (1 − R). A cap (the coal share) has only its target value."));
    return perf_total_target(p);
}

/* 目标进度: every target year by year. */
static void
targets_progress(struct sheet *sh, int *n)
{
    static const char *const zh[] = {"目标", "年份", "里程碑值", "实际值（按报告值）",
                                     "实际值（按基准期因子可比）", "差距（实际值 − 里程碑值）",
                                     "是否达标", "每年仍需下降"};
    static const char *const en[] = {"Target", "Year", "Milestone", "Actual (as reported)",
                                     "Actual (like for like)", "Gap (actual − milestone)",
                                     "On track", "Still needed a year"};
    struct xl *x = sh->x;
    const struct perf *p = x->perf;
    char *t;
    size_t i, j;

    if (p->ntargets == 0)
        return;
    xl_bar(sh, t = xl_block_title(x, (*n)++, xl_tx(x, "目标进度（逐年）", "Progress, year by year")));
    free(t);
    xl_heads(sh, zh, en, nitems(zh), HEAD_TC);
    for (i = 0; i < p->ntargets; i++) {
        const struct perf_target *tg = &p->targets[i];
        const struct perf_key_def *kd = perf_key(perf_param_key(tg->def.param));
        lxw_row_t first = sh->row;

        t = target_name(x, tg);
        if (!tg->ok || tg->nsteps == 0) {
            xl_put_text(sh, sh->row, 0, t, F_GROUP);
            xl_merge_text(sh, sh->row, 1, sh->row, sh->ncols - 1,
                          tg->missing != NULL ? tg->missing : NONE, F_TEXT);
            sh->row++;
            free(t);
            continue;
        }
        for (j = 0; j < tg->nsteps; j++) {
            const struct perf_step *s = &tg->steps[j];
            int both = s->actual.ok && s->milestone.ok;

            put_year(sh, sh->row, 1, s->year);
            put_fig(sh, sh->row, 2, s->milestone, kd->decimals, kd->unit);
            put_fig(sh, sh->row, 3, s->actual, kd->decimals, kd->unit);
            put_fig(sh, sh->row, 4, s->actual_lfl, kd->decimals, kd->unit);
            put_fig(sh, sh->row, 5, s->gap, kd->decimals, kd->unit);
            xl_put_text(sh, sh->row, 6, !both ? NULL : s->on_track ? xl_tx(x, "达标", "on track")
                                                                   : xl_tx(x, "未达标", "off track"),
                        F_NA);
            put_fig(sh, sh->row, 7, s->needed_pct, 2, "%");
            sh->row++;
        }
        xl_merge_text(sh, first, 0, sh->row - 1, 0, t, F_GROUP);
        free(t);
    }
    xl_line(sh, xl_tx(x, "里程碑值 = 基准值 ×（1 − r）^(t − tB)；差距为正即高于里程碑值（未达标）；"
                      "每年仍需下降 = 1 −（目标值 ÷ 该年实际值）^(1 ÷（tT − t）)。",
                   "Milestone = base value × (1 − r)^(t − tB); a positive gap is above the milestone "
                   "(off track); still needed a year = 1 − (target value / the year's actual)^(1 / "
                   "(tT − t))."));
}

/* 减排措施计划 and its expected reductions held against the gap to the total target. */
static void
targets_measures(struct sheet *sh, int *n, const struct perf_target *total)
{
    static const char *const zh[] = {"序号（表C.1）", "要做什么", "需要什么资源", "由谁负责",
                                     "何时完成", "如何评价结果", "预期减排量（tCO₂e/年）"};
    static const char *const en[] = {"No. (Table C.1)", "What", "Resources", "Who", "When",
                                     "How the result is evaluated", "Expected reduction (tCO₂e/a)"};
    struct xl *x = sh->x;
    const struct wb_plan *pl = x->plan;
    const struct perf_year *cur = perf_cur(x->perf);
    char *t, formula[64], a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
    lxw_row_t first, sum, gap;
    size_t i;

    xl_bar(sh, t = xl_block_title(x, (*n)++, xl_tx(x, "减排措施计划", "Measures plan")));
    free(t);
    if (pl == NULL || pl->nmeasures == 0) {
        xl_line(sh, xl_tx(x, "尚无减排措施。", "No measures are planned."));
        return;
    }
    xl_heads(sh, zh, en, nitems(zh), HEAD_TC);
    first = sh->row;
    for (i = 0; i < pl->nmeasures; i++) {
        const struct wb_measure *m = &pl->measures[i];

        if (m->catalog > 0)
            xl_put_num(sh, sh->row, 0, m->catalog, xl_code_format(x, "0"), 3);
        else
            xl_put_text(sh, sh->row, 0, NULL, F_NA);
        xl_put_wrap(sh, sh->row, 1, m->name, F_TEXT, WRAP);
        xl_put_wrap(sh, sh->row, 2, m->resources, F_TEXT, WRAP);
        xl_put_wrap(sh, sh->row, 3, m->owner, F_TEXT, 12);
        xl_put_wrap(sh, sh->row, 4, m->due, F_TEXT, 12);
        xl_put_wrap(sh, sh->row, 5, m->evaluation, F_TEXT, WRAP);
        if (m->has_expected)
            xl_put_t2(sh, sh->row, 6, m->expected_tco2e, F_T2);
        else
            xl_put_text(sh, sh->row, 6, NULL, F_NA);
        sh->row++;
    }
    sum = sh->row++;
    xl_merge_text(sh, sum, 0, sum, 5, xl_tx(x, "预期减排量合计", "Expected reductions, total"),
                  F_LABEL);
    xl_sum_formula(formula, sizeof formula, first, 6, sum - 1, 6);
    xl_put_t2_formula(sh, sum, 6, formula, x->perf->expected_tco2e, F_T2B);
    if (total == NULL || !cur->rep[PK_TOTAL].ok || !total->target_value.ok) {
        xl_line(sh, xl_tx(x, "没有可计算的碳排放总量目标，预期减排量无从与差距比较。",
                       "There is no total-emissions target to compute: the expected reductions "
                       "are held against nothing."));
        return;
    }
    t = xasprintf(TX(x, "%d 年碳排放总量（按报告值）", "Total emissions %d (as reported)"),
                  cur->year);
    xl_merge_text(sh, sh->row, 0, sh->row, 5, t, F_LABEL);
    free(t);
    xl_put_t2(sh, sh->row, 6, cur->rep[PK_TOTAL].v, F_T2);
    lxw_rowcol_to_cell(a, sh->row++, 6);
    t = xasprintf(TX(x, "%d 年目标值（碳排放总量）", "Target value %d (total emissions)"),
                  total->def.target_year);
    xl_merge_text(sh, sh->row, 0, sh->row, 5, t, F_LABEL);
    free(t);
    xl_put_t2(sh, sh->row, 6, total->target_value.v, F_T2);
    lxw_rowcol_to_cell(b, sh->row++, 6);
    gap = sh->row++;
    xl_merge_text(sh, gap, 0, gap, 5, xl_tx(x, "差距（报告年度实际值 − 目标值）",
                                            "Gap (the reporting year's actual − the target value)"),
                  F_LABEL);
    snprintf(formula, sizeof formula, "=%s-%s", a, b);
    xl_put_t2_formula(sh, gap, 6, formula, cur->rep[PK_TOTAL].v - total->target_value.v, F_T2B);
    xl_merge_text(sh, sh->row, 0, sh->row, 5,
                  xl_tx(x, "差距减去预期减排量合计（为正：措施不足以达到目标）",
                        "Gap less the expected reductions (positive: the measures fall short)"),
                  F_LABEL);
    lxw_rowcol_to_cell(a, gap, 6);
    lxw_rowcol_to_cell(b, sum, 6);
    snprintf(formula, sizeof formula, "=%s-%s", a, b);
    xl_put_t2_formula(sh, sh->row, 6, formula,
                      cur->rep[PK_TOTAL].v - total->target_value.v - x->perf->expected_tco2e,
                      F_T2B);
    sh->row++;
}

void
xl_sheet_targets(struct xl *x)
{
    const char *name = xl_tx(x, "碳基准与目标", "Base and targets");
    const struct perf_target *total;
    struct sheet sh;
    int n = 0;

    if (x->perf == NULL || xl_sheet_open(&sh, x, name, TC, 1) != 0)
        return;
    xl_sheet_heading(&sh, name, 1);
    sh.repeat = 1;
    targets_base(&sh, &n);
    targets_split(&sh, &n);
    total = targets_list(&sh, &n);
    targets_progress(&sh, &n);
    targets_measures(&sh, &n, total);
    xl_rounding_note(&sh);
    xl_sheet_close(&sh);
}
