/*
 * export_xlsx_neutral.c - the Excel export's carbon-neutrality sheets (003 §7.3, §8.3; 001 §6.2):
 * 可再生能源与绿电, the reporting year's renewable rows with their evidence, the totals that count,
 * the green certificates, the shares 可再生能源利用率 and 绿色电力利用率 as formulas over the
 * figures they rest on, and the two scope 2 figures side by side, each named, with the residual
 * factor used; 碳抵消与碳中和, the boundary and its emissions, every offset claimed for the year
 * with whether it counts and why not, the judgement of §8.3 with the shortfall and 碳中和率, the
 * rules applied and the 碳中和计划's texts. Every figure comes computed in x->neutral
 * (core/neutral.h), the rows as entered from x->plan; nothing is judged here. A figure that is
 * not there is a blank cell; no cell holds inf or NaN.
 */
#include "export/export_xlsx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmem.h"

#define NONE "—"                /* a text that is not there */
#define RC 10                   /* 可再生能源与绿电's columns */
#define OC 14                   /* 碳抵消与碳中和's: the offsets table */
#define WRAP 24                 /* the most a column of free text asks for */
#define HEAD 10                 /* … and a header */
#define VAL 3                   /* the value's column of a figure's row (xl_fig_row) */
/* xl_tx for a format string, so that the compiler still checks it against its arguments */
#define TX(x, zh, en) ((x)->r->lang == LANG_EN ? (en) : (zh))

/* ---- cells ----------------------------------------------------------------------------------- */

/* tCO₂e with 3 decimals (a shortfall of a few kilograms still shows). */
static void
put_t(struct sheet *sh, lxw_row_t row, lxw_col_t col, double v)
{
    xl_put_finite(sh, row, col, v, xl_unit_format(sh->x, 3, NULL), 3, NULL);
}

/* A quantity with its unit after it: no decimals when whole, else up to 4. */
static void
put_q(struct sheet *sh, lxw_row_t row, lxw_col_t col, double v, const char *unit)
{
    if (!isfinite(v))
        xl_put_text(sh, row, col, NULL, F_NA);
    else
        xl_put_qty(sh, row, col, v, unit, xl_whole(v), 0);
}

/* A share in per cent, 2 decimals, or a blank cell when it cannot be computed (has 0). */
static void
put_share(struct sheet *sh, lxw_row_t row, lxw_col_t col, int has, double v, const char *formula)
{
    lxw_format *f = xl_unit_format(sh->x, 2, "%");

    if (!has || !isfinite(v))
        xl_put_text(sh, row, col, NULL, F_NA);
    else if (formula != NULL)
        xl_put_formula(sh, row, col, formula, v, f, xl_num_width(v, 2, "%"));
    else
        xl_put_num(sh, row, col, v, f, xl_num_width(v, 2, "%"));
}

/* A sum of tCO₂e as a formula with its value. */
static void
put_t_formula(struct sheet *sh, lxw_row_t row, lxw_col_t col, const char *formula, double v)
{
    if (!isfinite(v))
        v = 0;
    xl_put_formula(sh, row, col, formula, v, xl_unit_format(sh->x, 3, NULL),
                   xl_num_width(v, 3, NULL));
}

static const char *
yes_no(const struct xl *x, int yes)
{
    return yes ? xl_tx(x, "是", "yes") : xl_tx(x, "否", "no");
}

static const char *
or_none(const char *s)
{
    return s != NULL && s[0] != '\0' ? s : NULL;
}

/* The A1 name of (row, col) into buf. */
static const char *
cell(char *buf, lxw_row_t row, lxw_col_t col)
{
    lxw_rowcol_to_cell(buf, row, col);
    return buf;
}

/* The numbered bar of block *n, then the next number. */
static void
block(struct sheet *sh, int *n, const char *title)
{
    char *t = xl_block_title(sh->x, (*n)++, title);

    xl_bar(sh, t);
    free(t);
}

/* ---- 可再生能源与绿电 ------------------------------------------------------------------------ */

/* The unit of a renewable row's quantity. */
static const char *
renew_unit(enum renew_kind k)
{
    return k == RENEW_HEAT ? "GJ" : "kWh";
}

/* A row's period ("2024", "2024-03") in words: 2024年, 2024年3月 as 活动数据明细 writes it; in
   English 2024 (whole year), 2024-03. Never a bare year, which would read as a number. */
static char *
period_words(const struct xl *x, const char *p)
{
    int y, m;

    if (sscanf(p, "%4d-%d", &y, &m) == 2)
        return x->r->lang == LANG_EN ? xstrdup(p) : xasprintf("%d年%d月", y, m);
    return xasprintf(TX(x, "%s年", "%s (whole year)"), p);
}

/* 一: the year's renewable rows as entered, each with its evidence and whether it counts. */
static void
renew_rows(struct sheet *sh, int *n)
{
    static const char *const zh[] = {"类别", "期间", "数量", "单位", "装机容量（kW）", "佐证",
                                     "佐证文件", "SHA-256", "备注", "是否计入"};
    static const char *const en[] = {"Kind", "Period", "Quantity", "Unit", "Capacity (kW)",
                                     "Evidence", "Evidence file", "SHA-256", "Note", "Counted"};
    struct xl *x = sh->x;
    const struct neutral *nt = x->neutral;
    size_t i, rows = 0;
    char *t;

    t = xasprintf(TX(x, "可再生能源与绿色电力记录（%d 年）", "Renewables and green power (%d)"),
                  nt->year);
    block(sh, n, t);
    free(t);
    for (i = 0; x->plan != NULL && i < x->plan->nrenewables; i++) {
        const struct wb_renewable *w = &x->plan->renewables[i];
        int counts = or_none(w->ev.ref) != NULL;

        if (w->year != nt->year)
            continue;
        if (rows++ == 0)
            xl_heads(sh, zh, en, nitems(zh), HEAD);
        xl_put_wrap(sh, sh->row, 0, neutral_renew_label(w->kind, x->r->lang), F_TEXT, 16);
        xl_put_text(sh, sh->row, 1, t = period_words(x, w->period), F_TEXT);
        free(t);
        put_q(sh, sh->row, 2, w->quantity, NULL);
        xl_put_text(sh, sh->row, 3, renew_unit(w->kind), F_NA);
        if (w->kind == RENEW_PV && w->capacity_kw > 0)
            put_q(sh, sh->row, 4, w->capacity_kw, NULL);
        else
            xl_put_text(sh, sh->row, 4, NULL, F_NA);
        xl_put_wrap(sh, sh->row, 5, or_none(w->ev.ref) ? w->ev.ref : NONE, F_TEXT, WRAP);
        xl_put_wrap(sh, sh->row, 6, or_none(w->ev.file), F_TEXT, WRAP);
        xl_put_wrap(sh, sh->row, 7, or_none(w->ev.sha256), F_TEXT, 22);
        xl_put_wrap(sh, sh->row, 8, or_none(w->note), F_TEXT, WRAP);
        xl_put_wrap(sh, sh->row, 9, counts ? yes_no(x, 1) : xl_tx(x, "否（无佐证）",
                                                                 "no (no evidence)"), F_TEXT, 12);
        sh->row++;
    }
    if (rows == 0) {
        t = xasprintf(TX(x, "%d 年没有可再生能源或绿色电力记录。",
                         "No renewables or green power are recorded for %d."), nt->year);
        xl_line(sh, t);
        free(t);
    }
}

/* 二: the totals that count, which the shares and scope 2 read; *at gets their rows. */
struct renew_at {
    lxw_row_t pv, power, heat, green, elec;
};

static void
renew_totals(struct sheet *sh, int *n, struct renew_at *at)
{
    struct xl *x = sh->x;
    const struct neutral *nt = x->neutral;
    lxw_row_t r;
    char *t;

    block(sh, n, xl_tx(x, "合计（有佐证的记录）", "Totals (rows with evidence)"));
    at->pv = xl_fig_row(sh, neutral_renew_label(RENEW_PV, x->r->lang), NULL);
    put_q(sh, at->pv, VAL, nt->pv_kwh, "kWh");
    at->power = xl_fig_row(sh, neutral_renew_label(RENEW_POWER, x->r->lang), NULL);
    put_q(sh, at->power, VAL, nt->power_kwh, "kWh");
    at->heat = xl_fig_row(sh, neutral_renew_label(RENEW_HEAT, x->r->lang), NULL);
    put_q(sh, at->heat, VAL, nt->heat_gj, "GJ");
    at->green = xl_fig_row(sh, neutral_renew_label(RENEW_GREEN, x->r->lang),
                           xl_tx(x, "计入基于市场的范围二和绿色电力利用率，不作为碳抵消",
                                 "counts in market-based scope 2 and the green power share, "
                                 "not as an offset"));
    put_q(sh, at->green, VAL, nt->green_kwh, "kWh");
    r = xl_fig_row(sh, xl_tx(x, "光伏装机容量", "PV capacity"),
                   xl_tx(x, "当年各条光伏记录中最大的装机容量", "the largest of the year's PV rows"));
    if (nt->capacity_kw > 0)
        put_q(sh, r, VAL, nt->capacity_kw, "kW");
    else
        xl_put_text(sh, r, VAL, NULL, F_NA);
    at->elec = xl_fig_row(sh, xl_tx(x, "外购电力（表A.5）", "Purchased electricity (Table A.5)"),
                          NULL);
    put_q(sh, at->elec, VAL, nt->electricity_kwh, "kWh");
    r = xl_fig_row(sh, xl_tx(x, "无佐证而不计入的记录", "Rows left out for want of evidence"),
                   xl_tx(x, "没有佐证材料的记录不计入合计、利用率和范围二",
                         "a row without evidence counts for nothing"));
    xl_put_num(sh, r, VAL, (double)nt->no_evidence,
               xl_code_format(x, TX(x, "0\" 条\"", "0")), 6);
    if (nt->no_evidence > 0) {
        t = xasprintf(TX(x, "注：%zu 条记录没有佐证材料，未计入。",
                         "Note: %zu row(s) without evidence left out."), nt->no_evidence);
        xl_line(sh, t);
        free(t);
    }
}

/* 三: the green certificates claimed for the year. */
static void
renew_certs(struct sheet *sh, int *n)
{
    static const char *const zh[] = {"编号", "生产年份", "电量（MWh）", "折合（tCO₂e）",
                                     "登记机构或交易平台", "注销日期", "注销证明", "是否计入",
                                     "计入量（tCO₂e）", "原因"};
    static const char *const en[] = {"Serial", "Production year", "Electricity (MWh)",
                                     "Worth (tCO₂e)", "Registry or platform", "Cancelled",
                                     "Cancellation proof", "Counted", "Counted (tCO₂e)", "Reason"};
    struct xl *x = sh->x;
    const struct neutral *nt = x->neutral;
    size_t i, rows = 0;
    char *t;

    t = xasprintf(TX(x, "绿色电力证书（%d 年抵销）", "Green certificates (claimed for %d)"), nt->year);
    block(sh, n, t);
    free(t);
    for (i = 0; i < nt->noffsets; i++) {
        const struct neutral_offset *no = &nt->offsets[i];
        const struct wb_offset *o = no->o;

        if (o->type != OFFSET_CERT)
            continue;
        if (rows++ == 0)
            xl_heads(sh, zh, en, nitems(zh), HEAD);
        xl_put_wrap(sh, sh->row, 0, or_none(o->serial) ? o->serial : NONE, F_TEXT, 18);
        if (o->vintage > 0)
            xl_put_num(sh, sh->row, 1, o->vintage, xl_code_format(x, "0"), 4);
        else
            xl_put_text(sh, sh->row, 1, NULL, F_NA);
        put_q(sh, sh->row, 2, no->mwh, NULL);
        put_t(sh, sh->row, 3, no->worth_tco2e);
        xl_put_wrap(sh, sh->row, 4, or_none(o->registry) ? o->registry : NONE, F_TEXT, 16);
        xl_put_text(sh, sh->row, 5, or_none(o->cancelled) ? o->cancelled : NONE, F_TEXT);
        xl_put_wrap(sh, sh->row, 6, or_none(o->proof) ? o->proof : NONE, F_TEXT, 16);
        xl_put_text(sh, sh->row, 7, yes_no(x, no->eligible), F_NA);
        put_t(sh, sh->row, 8, no->counted_tco2e);
        xl_put_wrap(sh, sh->row, 9, no->eligible ? NONE : no->reason, F_TEXT, WRAP);
        sh->row++;
    }
    if (rows == 0) {
        t = xasprintf(TX(x, "%d 年没有绿色电力证书。", "No green certificates are claimed for %d."),
                      nt->year);
        xl_line(sh, t);
        free(t);
        return;
    }
    xl_line(sh, xl_tx(x, "绿证只抵消范围二，且须为抵销年度生产（003 §7.3.1.4）；只给出电量的绿证按当年"
                         "表A.4 的外购电力排放因子折合 tCO₂e。",
                      "A certificate offsets scope 2 only, and only in its own production year "
                      "(003 §7.3.1.4); one given in MWh only is worth its MWh at the year's "
                      "electricity factor of Table A.4."));
}

/* 四: the two shares as formulas over the figures they rest on, with their definitions. */
static void
renew_shares(struct sheet *sh, int *n, const struct renew_at *at)
{
    struct xl *x = sh->x;
    const struct neutral *nt = x->neutral;
    char a[16], b[16], c[16], f[160];
    lxw_row_t tce, a2, all, share, kwh, green;

    block(sh, n, xl_tx(x, "可再生能源利用率与绿色电力利用率", "Renewable and green power shares"));
    tce = xl_fig_row(sh, xl_tx(x, "可再生能源利用量（tce，当量值）", "Renewables used (tce)"),
                     xl_tx(x, "（光伏 + 其他可再生电力）kWh × 电力折标准煤系数 + 可再生热力 GJ × 热力折标准煤"
                              "系数（当量值：本年度外购电力、外购热力的系数，未设定时按 GB/T 2589 的 "
                              "0.1229 kgce/kWh、34.12 kgce/GJ）",
                           "(PV + other renewable power) kWh × the electricity's coal coefficient "
                           "+ renewable heat GJ × the heat's (the year's purchased electricity "
                           "and heat, else GB/T 2589: 0.1229 kgce/kWh, 34.12 kgce/GJ)"));
    xl_put_finite(sh, tce, VAL, nt->renewable_tce, xl_unit_format(x, 4, NULL), 4, NULL);
    a2 = xl_fig_row(sh, xl_tx(x, "综合能耗（表A.2，tce）", "Energy use (Table A.2, tce)"), NULL);
    xl_put_finite(sh, a2, VAL, nt->energy_tce - nt->renewable_tce, xl_unit_format(x, 4, NULL), 4,
                  NULL);
    all = xl_fig_row(sh, xl_tx(x, "能源消费总量（含可再生能源，tce）",
                               "All energy used, renewables included (tce)"), NULL);
    snprintf(f, sizeof f, "=%s+%s", cell(a, tce, VAL), cell(b, a2, VAL));
    xl_put_formula(sh, all, VAL, f, nt->energy_tce, xl_unit_format(x, 4, NULL),
                   xl_num_width(nt->energy_tce, 4, NULL));
    snprintf(f, sizeof f, "=%s/%s*100", cell(a, tce, VAL), cell(b, all, VAL));
    share = xl_fig_row(sh, xl_tx(x, "可再生能源利用率", "Renewable energy share"),
                       xl_tx(x, "可再生能源利用率 = 可再生能源利用量 ÷ 能源消费总量（综合能耗 + 可再生"
                                "能源，tce，当量值）× 100 %",
                             "Renewable share = renewables used ÷ all energy used (Table A.2's "
                             "energy + the renewables, tce) × 100 %"));
    put_share(sh, share, VAL, nt->has_renewable_share, nt->renewable_share_pct, f);
    kwh = xl_fig_row(sh, xl_tx(x, "电力消费总量（kWh）", "All electricity used (kWh)"),
                     xl_tx(x, "外购电力 + 光伏 + 其他可再生电力",
                           "purchased + PV + other renewable power"));
    snprintf(f, sizeof f, "=%s+%s+%s", cell(a, at->elec, VAL), cell(b, at->pv, VAL),
             cell(c, at->power, VAL));
    xl_put_formula(sh, kwh, VAL, f, nt->electricity_kwh + nt->pv_kwh + nt->power_kwh,
                   xl_qty_format(x, "kWh", 1, 0), xl_num_width(nt->electricity_kwh, 0, "kWh") + 2);
    green = xl_fig_row(sh, xl_tx(x, "绿色电力（kWh）", "Green power (kWh)"),
                       xl_tx(x, "光伏 + 其他可再生电力 + 绿色电力交易",
                             "PV + other renewable power + green power bought"));
    snprintf(f, sizeof f, "=%s+%s+%s", cell(a, at->pv, VAL), cell(b, at->power, VAL),
             cell(c, at->green, VAL));
    xl_put_formula(sh, green, VAL, f, nt->pv_kwh + nt->power_kwh + nt->green_kwh,
                   xl_qty_format(x, "kWh", 1, 0), xl_num_width(nt->green_kwh, 0, "kWh") + 2);
    snprintf(f, sizeof f, "=%s/%s*100", cell(a, green, VAL), cell(b, kwh, VAL));
    put_share(sh, xl_fig_row(sh, xl_tx(x, "绿色电力利用率", "Green power share"),
                             xl_tx(x, "绿色电力利用率 =（光伏及其他可再生电力自用 + 绿色电力交易购入，kWh）"
                                      "÷ 电力消费总量（外购电力 + 自用的可再生电力）× 100 %",
                                   "Green power share = (PV and other renewable power used on "
                                   "site + green power bought, kWh) ÷ all electricity used "
                                   "(purchased + renewable power used on site) × 100 %")),
              VAL, nt->has_green_share, nt->green_power_share_pct, f);
    if (!nt->has_renewable_share || !nt->has_green_share)
        xl_line(sh, xl_tx(x, "注：分母为 0 的利用率无法计算，其单元格空白。",
                          "Note: a share whose denominator is 0 cannot be computed: its cell is blank."));
}

/* The residual factor's year and source in words (caller frees). */
static char *
residual_words(const struct xl *x)
{
    const struct grid_factor *g = x->residual;
    const char *src;

    if (g == NULL)
        return xstrdup(xl_tx(x, "因子库中没有剩余电力排放因子：未被绿色电力覆盖的电量按表A.4 的"
                                "电网平均排放因子计算",
                             "the library has no residual factor: the uncovered electricity is "
                             "counted at Table A.4's grid average factor"));
    src = x->r->lang == LANG_EN && g->source_en != NULL ? g->source_en : g->source_text;
    if (g->year != x->r->year)
        return xasprintf(TX(x, "%d 年（报告年度 %d 年的因子尚未发布，采用最近发布年份的因子）；来源：%s",
                            "%d (none is published for %d, the reporting year: the nearest "
                            "published year's); source: %s"), g->year, x->r->year, src);
    return xasprintf(TX(x, "%d 年；来源：%s", "%d; source: %s"), g->year, src);
}

/* 五: scope 2 location-based (A.4) and market-based, side by side, never mixed. */
static void
renew_scope2(struct sheet *sh, int *n, const struct renew_at *at)
{
    struct xl *x = sh->x;
    const struct neutral *nt = x->neutral;
    double uncovered = (nt->electricity_kwh - nt->green_kwh) / 1000 - nt->cert_mwh;
    char a[16], b[16], c[16], f[160], *t;
    lxw_row_t r;

    /* the two scope 2 figures and their basis on one page: a page break above the bar */
    {
        lxw_row_t breaks[] = {sh->row + 1, 0};

        xl_check(sh->x, worksheet_set_h_pagebreaks(sh->ws, breaks));
    }
    block(sh, n, xl_tx(x, "范围二排放：基于位置与基于市场", "Scope 2: location-based and market-based"));
    xl_merge_text(sh, sh->row, 0, sh->row, 2, xl_tx(x, "口径", "Basis"), F_HEAD);
    xl_put_wrap(sh, sh->row, VAL, xl_tx(x, "排放量（tCO₂e）", "Emissions (tCO₂e)"), F_HEAD, HEAD);
    xl_merge_text(sh, sh->row, 4, sh->row, sh->ncols - 1, xl_tx(x, "计算方法", "Method"), F_HEAD);
    sh->row++;
    r = xl_fig_row(sh, xl_tx(x, "范围二排放（基于位置，A.4）", "Scope 2 (location-based, A.4)"),
                   xl_tx(x, "同表A.4：外购电力 × 电网平均排放因子 + 外购热力 × 热力排放因子",
                         "as Table A.4: purchased electricity × the grid average factor + "
                         "purchased heat × its factor"));
    put_t(sh, r, VAL, nt->scope2_tco2e);
    r = xl_fig_row(sh, xl_tx(x, "范围二排放（基于市场）", "Scope 2 (market-based)"),
                   xl_tx(x, "外购热力（同表A.4）+（外购电力 − 绿色电力交易 − 计入的绿证电量，不小于 0）"
                            "× 剩余电力排放因子（不含市场化交易的非化石能源电量）",
                         "purchased heat (as Table A.4) + (purchased electricity − green power "
                         "bought − the counted certificates' MWh, at least 0) × the residual "
                         "factor (market-traded non-fossil power excluded)"));
    put_t(sh, r, VAL, nt->scope2_market_tco2e);
    r = xl_fig_row(sh, xl_tx(x, "计入的绿证电量（MWh）", "Counted certificates (MWh)"), NULL);
    put_q(sh, r, VAL, nt->cert_mwh, "MWh");
    snprintf(f, sizeof f, "=MAX(0,(%s-%s)/1000-%s)", cell(a, at->elec, VAL),
             cell(b, at->green, VAL), cell(c, r, VAL));
    r = xl_fig_row(sh, xl_tx(x, "未被绿色电力覆盖的外购电力（MWh）", "Electricity not covered (MWh)"),
                   xl_tx(x, "（外购电力 − 绿色电力交易）÷ 1000 − 计入的绿证电量，不小于 0",
                         "(purchased − green power bought) ÷ 1000 − the counted certificates' "
                         "MWh, at least 0"));
    uncovered = uncovered > 0 ? uncovered : 0;
    xl_put_formula(sh, r, VAL, f, uncovered, xl_qty_format(x, "MWh", xl_whole(uncovered), 0),
                   xl_num_width(uncovered, 4, "MWh"));
    r = xl_fig_row(sh, xl_tx(x, "剩余电力排放因子（tCO₂/MWh）", "Residual factor (tCO₂/MWh)"),
                   t = residual_words(x));
    free(t);
    if (x->residual != NULL && nt->residual_year != 0)
        xl_put_finite(sh, r, VAL, nt->residual, xl_unit_format(x, xl_decimals(nt->residual), NULL),
                      xl_decimals(nt->residual), NULL);
    else
        xl_put_text(sh, r, VAL, NULL, F_NA);
    xl_line(sh, xl_tx(x, "两个范围二数字口径不同，不能相加或混用。碳中和的核算边界（运营碳中和）按基于位置的"
                         "范围二（表A.4）；基于市场的数字只供比较。",
                      "The two scope 2 figures are of different bases and never added or mixed. "
                      "The neutrality boundary (operational) takes the location-based one (Table "
                      "A.4); the market-based figure is shown for comparison."));
}

void
xl_sheet_renewables(struct xl *x)
{
    const char *name = xl_tx(x, "可再生能源与绿电", "Renewables and green power");
    struct renew_at at;
    struct sheet sh;
    int n = 0;

    if (x->neutral == NULL || xl_sheet_open(&sh, x, name, RC, 1) != 0)
        return;
    xl_sheet_heading(&sh, name, 1);
    sh.repeat = 1;
    if (!x->neutral->ok) {
        xl_line(&sh, x->neutral->why != NULL ? x->neutral->why : "");
        xl_sheet_close(&sh);
        return;
    }
    renew_rows(&sh, &n);
    renew_totals(&sh, &n, &at);
    renew_certs(&sh, &n);
    renew_shares(&sh, &n, &at);
    renew_scope2(&sh, &n, &at);
    xl_sheet_close(&sh);
}

/* ---- 碳抵消与碳中和 -------------------------------------------------------------------------- */

/* 一: the boundary and its emissions; returns the row of the emissions. */
static lxw_row_t
offsets_boundary(struct sheet *sh, int *n)
{
    struct xl *x = sh->x;
    const struct neutral *nt = x->neutral;
    lxw_row_t s1, s2, em;
    char a[16], b[16], f[64];

    block(sh, n, xl_tx(x, "核算边界与排放量", "Boundary and emissions"));
    em = xl_fig_row(sh, xl_tx(x, "核算边界", "Boundary"), NULL);
    xl_merge_text(sh, em, VAL, em, sh->ncols - 1,
                  xl_tx(x, "运营碳中和：范围一 + 范围二（范围二基于位置，同表A.4）",
                        "Operational carbon neutrality: scope 1 + scope 2 (scope 2 location-based, "
                        "as Table A.4)"), F_TEXT);
    s1 = xl_fig_row(sh, xl_tx(x, "范围一排放（tCO₂e）", "Scope 1 (tCO₂e)"), NULL);
    put_t(sh, s1, VAL, nt->scope1_tco2e);
    s2 = xl_fig_row(sh, xl_tx(x, "范围二排放（基于位置，A.4）（tCO₂e）",
                              "Scope 2 (location-based, A.4) (tCO₂e)"), NULL);
    put_t(sh, s2, VAL, nt->scope2_tco2e);
    em = xl_fig_row(sh, xl_tx(x, "核算边界内的排放量（tCO₂e）", "Emissions within the boundary (tCO₂e)"),
                    xl_tx(x, "范围一 + 范围二", "scope 1 + scope 2"));
    snprintf(f, sizeof f, "=%s+%s", cell(a, s1, VAL), cell(b, s2, VAL));
    put_t_formula(sh, em, VAL, f, nt->emissions_tco2e);
    return em;
}

/* 二: every offset claimed for the year, judged; returns the row of the counted total. */
static lxw_row_t
offsets_table(struct sheet *sh, int *n)
{
    static const char *const zh[] = {"类型", "项目", "编号", "登记日期", "年份", "数量（tCO₂e）",
                                     "电量（MWh）", "注销日期", "注销证明", "已用于其他",
                                     "佐证", "是否计入", "计入量（tCO₂e）", "原因"};
    static const char *const en[] = {"Type", "Project", "Serial", "Registered", "Vintage",
                                     "Quantity (tCO₂e)", "Electricity (MWh)", "Cancelled",
                                     "Cancellation proof", "Used elsewhere", "Evidence",
                                     "Counted", "Counted (tCO₂e)", "Reason"};
    struct xl *x = sh->x;
    const struct neutral *nt = x->neutral;
    lxw_row_t first, sum;
    char f[64], *t;
    size_t i;
    int capped = 0;

    t = xasprintf(TX(x, "碳抵消（%d 年）", "Offsets (%d)"), nt->year);
    block(sh, n, t);
    free(t);
    if (nt->noffsets == 0) {
        t = xasprintf(TX(x, "%d 年没有碳抵消记录。", "No offsets are claimed for %d."), nt->year);
        xl_line(sh, t);
        free(t);
    } else {
        xl_heads(sh, zh, en, nitems(zh), HEAD);
    }
    first = sh->row;
    for (i = 0; i < nt->noffsets; i++) {
        const struct neutral_offset *no = &nt->offsets[i];
        const struct wb_offset *o = no->o;
        lxw_row_t r = sh->row++;

        xl_put_wrap(sh, r, 0, neutral_type_label(o->type, x->r->lang), F_TEXT, 10);
        xl_put_wrap(sh, r, 1, or_none(o->project) ? o->project : NONE, F_TEXT, 20);
        xl_put_wrap(sh, r, 2, or_none(o->serial) ? o->serial : NONE, F_TEXT, 16);
        xl_put_text(sh, r, 3, or_none(o->registered) ? o->registered : NONE, F_NA);
        if (o->vintage > 0)
            xl_put_num(sh, r, 4, o->vintage, xl_code_format(x, "0"), 4);
        else
            xl_put_text(sh, r, 4, NULL, F_NA);
        put_t(sh, r, 5, o->quantity_tco2e);
        if (o->type == OFFSET_CERT)
            put_q(sh, r, 6, no->mwh, NULL);
        else
            xl_put_text(sh, r, 6, NULL, F_NA);
        xl_put_text(sh, r, 7, or_none(o->cancelled) ? o->cancelled : NONE, F_NA);
        xl_put_wrap(sh, r, 8, or_none(o->proof) ? o->proof : NONE, F_TEXT, 14);
        xl_put_text(sh, r, 9, yes_no(x, o->used_elsewhere), F_NA);
        xl_put_wrap(sh, r, 10, or_none(o->ev.ref) ? o->ev.ref : NONE, F_TEXT, 16);
        xl_put_text(sh, r, 11, yes_no(x, no->eligible), F_NA);
        put_t(sh, r, 12, no->counted_tco2e);
        xl_put_wrap(sh, r, 13, no->eligible ? NONE : no->reason, F_TEXT, 36);
        if (no->eligible && no->counted_tco2e < no->worth_tco2e)
            capped = 1;
    }
    sum = sh->row++;
    xl_merge_text(sh, sum, 0, sum, 11, xl_tx(x, "计入的抵消量合计（tCO₂e）",
                                             "Offsets counted, total (tCO₂e)"), F_LABEL);
    if (nt->noffsets > 0) {
        xl_sum_formula(f, sizeof f, first, 12, sum - 1, 12);
        put_t_formula(sh, sum, 12, f, nt->eligible_tco2e);
    } else {
        put_t(sh, sum, 12, 0);
    }
    xl_put_text(sh, sum, 13, NULL, F_TEXT);
    if (capped)
        xl_line(sh, xl_tx(x, "注：绿证只抵消范围二，合计超出范围二排放量的部分不计入（003 §7.3.1.4）。",
                          "Note: certificates offset scope 2 only; what they add up to beyond "
                          "scope 2 does not count (003 §7.3.1.4)."));
    return sum;
}

/* 三: the judgement of 003 §8.3 over the emissions (row em) and the counted total (row sum). */
static void
offsets_judgement(struct sheet *sh, int *n, lxw_row_t em, lxw_row_t sum)
{
    struct xl *x = sh->x;
    const struct neutral *nt = x->neutral;
    char a[16], b[16], f[64];
    lxw_row_t e, o, r;
    int d;

    block(sh, n, xl_tx(x, "碳中和评价（003 §8.3）", "Judgement (003 §8.3)"));
    e = xl_fig_row(sh, xl_tx(x, "核算边界内的排放量（tCO₂e）", "Emissions within the boundary (tCO₂e)"),
                   NULL);
    snprintf(f, sizeof f, "=%s", cell(a, em, VAL));
    put_t_formula(sh, e, VAL, f, nt->emissions_tco2e);
    o = xl_fig_row(sh, xl_tx(x, "计入的抵消量（tCO₂e）", "Offsets counted (tCO₂e)"), NULL);
    snprintf(f, sizeof f, "=%s", cell(a, sum, 12));
    put_t_formula(sh, o, VAL, f, nt->eligible_tco2e);
    r = xl_fig_row(sh, xl_tx(x, "评价结论", "Conclusion"),
                   xl_tx(x, "核算边界内的排放量 ≤ 计入的抵消量：实现碳中和；否则未实现碳中和",
                         "emissions within the boundary ≤ the offsets counted: achieved; "
                         "otherwise not achieved"));
    xl_put_text(sh, r, VAL,
                nt->check_errors > 0
                    ? xl_tx(x, "不作判定：该年度数据不完整（tanbook check 有错误），缺失的数据不能当作零排放",
                            "Not judged: the year's data are incomplete (tanbook check finds errors); "
                            "missing data are not zero emissions")
                : nt->achieved ? xl_tx(x, "实现碳中和", "Carbon neutrality achieved")
                               : xl_tx(x, "未实现碳中和", "Carbon neutrality not achieved"),
                F_TEXT);
    r = xl_fig_row(sh, xl_tx(x, "差额（tCO₂e）", "Shortfall (tCO₂e)"),
                   xl_tx(x, "排放量 − 计入的抵消量，实现碳中和时为 0",
                         "emissions − the offsets counted; 0 when achieved"));
    /* a shortfall of a few grams still shows: as many decimals as it needs, 3 to 6 */
    d = xl_decimals(nt->shortfall_tco2e);
    d = d < 3 ? 3 : d > 6 ? 6 : d;
    xl_put_finite(sh, r, VAL, nt->shortfall_tco2e, xl_unit_format(x, d, NULL), d, NULL);
    r = xl_fig_row(sh, xl_tx(x, "碳中和率", "Neutrality rate"),
                   xl_tx(x, "碳中和率 = 计入的抵消量 ÷ 核算边界内的排放量（范围一 + 范围二，基于位置）× 100 %",
                         "Neutrality rate = the offsets counted ÷ the emissions within the "
                         "boundary (scope 1 + 2, location-based) × 100 %"));
    snprintf(f, sizeof f, "=%s/%s*100", cell(a, o, VAL), cell(b, e, VAL));
    put_share(sh, r, VAL, nt->has_rate, nt->neutrality_rate_pct, f);
}

/* 四: the rules each offset was held to, in short. */
static void
offsets_rules(struct sheet *sh, int *n)
{
    static const char *const zh[] = {
        "1. 碳信用限于深圳碳普惠核证减排量、广东碳普惠核证减排量和 CCER（§7.3.1.2）；其他类型只记录，不计入。",
        "2. 碳信用须在登记机构注销，可追溯并有注销证明（§7.3.1.1）。",
        "3. 碳信用的登记时间不得早于碳中和声明的前 5 年（§7.3.1.3）；声明年度取抵销年度。",
        "4. 绿证只抵消范围二，用于抵消的年度与绿色电力的生产年度一致（§7.3.1.4）。",
        "5. 自主开发林业碳汇须公开其位置、树种、面积、碳汇量等信息（§7.3.2.2）；已用于其他组织或声明的不得"
        "重复使用（§7.3.2.3）。",
        "6. 没有佐证材料的抵销不计入。",
        "7. 核算边界内的排放量小于等于碳抵消量时，判定实现碳中和（§8.3）。",
    };
    static const char *const en[] = {
        "1. Credits are Shenzhen or Guangdong carbon inclusion reductions or CCER (§7.3.1.2); "
        "other types are recorded, never counted.",
        "2. A credit is cancelled at its registry, traceable, with a cancellation proof (§7.3.1.1).",
        "3. A credit is registered no earlier than 5 years before the neutrality statement "
        "(§7.3.1.3); the statement's year is the year claimed.",
        "4. A green certificate offsets scope 2 only, in its own production year (§7.3.1.4).",
        "5. A forestry sink discloses its location, species, area and sink (§7.3.2.2); what was "
        "used for another organisation or claim is not used again (§7.3.2.3).",
        "6. An offset without evidence counts for nothing.",
        "7. Neutrality is achieved when the emissions within the boundary are no more than the "
        "offsets (§8.3).",
    };
    size_t i;

    block(sh, n, xl_tx(sh->x, "抵消规则（《碳中和实施指南 组织》§7.3）",
                       "The rules applied (Guide to carbon neutrality for organisations, §7.3)"));
    for (i = 0; i < nitems(zh); i++)
        xl_line(sh, xl_tx(sh->x, zh[i], en[i]));
}

/* 五: the 碳中和计划 of 003 §6.4.1 (Appendix B), when any of it is written. */
static void
offsets_pledge(struct sheet *sh, int *n)
{
    static const char *const keys[] = {"commitment", "timetable", "reduction", "offsetting"};
    struct xl *x = sh->x;
    struct wb_pledge p = x->plan != NULL ? x->plan->pledge : (struct wb_pledge){0};
    const char *texts[4] = {p.commitment, p.timetable, p.reduction, p.offsetting};
    size_t i, any = 0;

    for (i = 0; i < nitems(texts); i++)
        any += or_none(texts[i]) != NULL;
    block(sh, n, xl_tx(x, "碳中和计划（003 §6.4.1，附录B）", "Carbon neutrality plan (003 §6.4.1, Appendix B)"));
    if (any == 0) {
        xl_line(sh, xl_tx(x, "尚未填写碳中和计划。", "No carbon neutrality plan is written."));
        return;
    }
    for (i = 0; i < nitems(keys); i++) {
        lxw_row_t r = sh->row++;

        xl_merge_text(sh, r, 0, r, 2, plan_text_label(keys[i], x->r->lang), F_LABEL);
        xl_merge_text(sh, r, VAL, r, sh->ncols - 1, or_none(texts[i]) ? texts[i] : NONE, F_TEXT);
    }
}

void
xl_sheet_offsets(struct xl *x)
{
    const char *name = xl_tx(x, "碳抵消与碳中和", "Offsets and neutrality");
    lxw_row_t em, sum;
    struct sheet sh;
    int n = 0;

    if (x->neutral == NULL || xl_sheet_open(&sh, x, name, OC, 1) != 0)
        return;
    xl_sheet_heading(&sh, name, 1);
    sh.repeat = 1;
    if (!x->neutral->ok) {
        xl_line(&sh, x->neutral->why != NULL ? x->neutral->why : "");
        xl_sheet_close(&sh);
        return;
    }
    em = offsets_boundary(&sh, &n);
    sum = offsets_table(&sh, &n);
    offsets_judgement(&sh, &n, em, sum);
    offsets_rules(&sh, &n);
    offsets_pledge(&sh, &n);
    xl_sheet_close(&sh);
}
