/*
 * sheet_neutrality.c - N.3 碳中和, computed (003 §8.3, 001 §6.2; core/neutral.h through
 * book_neutral_judge with the year in memory): the boundary (运营碳中和 = 范围一 + 范围二), the
 * emissions by scope, scope 2 location-based as A.4 and market-based beside it (named, never
 * mixed, with the residual factor, its year and source), the eligible offsets, the judgement with
 * the shortfall, the three shares with their formulas and figures, what the renewables add up to,
 * the renewable rows left out for want of evidence and the evidence files that changed.
 */
#include "sheet/sheet.h"

#include <stdlib.h>
#include <string.h>

enum { COL_ITEM, COL_VALUE, COL_UNIT, COL_BASIS, NCOLS };

static const char *const keys[NCOLS] = {"item", "value", "unit", "basis"};
static const int widths_zh[NCOLS] = {26, 12, 6, 30};
static const int widths_en[NCOLS] = {30, 12, 6, 26};

/* The most rows the view has: the figures, the renewables and one per changed evidence file. */
#define FIXED_ROWS 24

struct rows {
    struct sheet *s;
    int n;
};

static int
add_row(struct rows *rs)
{
    if (rs->n == rs->s->nrows)
        fatal("sheet_neutrality: more rows than counted (%d)", rs->s->nrows);
    return rs->n++;
}

/* A text running over the whole line (its full text the note). */
static void
wide(struct rows *rs, char *text, unsigned flags)
{
    int r = add_row(rs);

    sheet_note(rs->s, r, COL_ITEM, xstrdup(text));
    sheet_set(rs->s, r, COL_ITEM, text, SHEET_WIDE | flags);
}

/* A figure: label, value, unit and its basis (taken over; NULL for none). */
static void
figure(struct rows *rs, const char *label, char *value, const char *unit, char *basis,
       unsigned flags)
{
    int r = add_row(rs);

    sheet_set(rs->s, r, COL_ITEM, xstrdup(label), 0);
    sheet_set(rs->s, r, COL_VALUE, value, SHEET_NUM | flags);
    sheet_set(rs->s, r, COL_UNIT, xstrdup(unit), SHEET_DIM);
    if (basis != NULL) {
        sheet_note(rs->s, r, COL_BASIS, xstrdup(basis));
        sheet_set(rs->s, r, COL_BASIS, basis, SHEET_DIM | SHEET_WIDE);
    }
}

static char *
t2(double v)
{
    return sheet_fixed(v, 2);
}

/* The market-based scope 2's basis: the residual factor named, or why there is none. */
static char *
market_basis(const struct sheet_env *env, const struct neutral *n, const struct grid_factor *g)
{
    const char *src = g == NULL ? "" : env->lang == LANG_EN && g->source_en != NULL ? g->source_en
                                                                                  : g->source_text;

    if (n->residual_year == 0)
        return xstrdup(SHEET_TR(env,
                                "基于市场：因子库无剩余电力因子，未被绿电覆盖的电量按基于位置的因子"
                                "（仅供参照，不用于判断）",
                                "Market-based: no residual factor in the library; the rest at the "
                                "location-based factor (for reference, not the judgement)"));
    return xasprintf(
        SHEET_TR(env,
                 "基于市场：绿电、绿证为零，其余 × 剩余电力因子 %.4f tCO₂/MWh"
                 "（%d 年%s，%s）；仅供参照，判断用基于位置",
                 "Market-based: green power and certificates at zero, the rest × the residual "
                 "factor %.4f tCO₂/MWh (%d%s, %s); for reference, the judgement is location-based"),
        n->residual, n->residual_year,
        n->residual_year != env->y->year ? SHEET_TR(env, "，最近的一年", ", the nearest year") : "",
        src);
}

static void
judgement(const struct sheet_env *env, struct rows *rs, const struct neutral *n)
{
    size_t i, in = 0;

    for (i = 0; i < n->noffsets; i++)
        in += n->offsets[i].eligible != 0;
    figure(rs, SHEET_TR(env, "可计入的碳抵消", "Eligible offsets"), t2(n->eligible_tco2e), "tCO₂e",
           xasprintf(SHEET_TR(env, "N.2：%zu 项计入，%zu 项不计入；绿证以范围二为限",
                              "N.2: %zu counted, %zu not; certificates within scope 2"),
                     in, n->noffsets - in), 0);
    if (n->check_errors > 0)    /* missing data must not pass for neutrality */
        figure(
            rs, SHEET_TR(env, "判断（003 §8.3）", "Judgement (003 §8.3)"),
            xstrdup(SHEET_TR(env, "不作判定", "not judged")), "",
            xasprintf(SHEET_TR(env,
                               "本年度数据不完整（%zu 个错误，F7 查看），缺失的数据不能当作零排放",
                               "the year's data are incomplete (%zu errors, F7 lists them): "
                               "missing data are not zero emissions"),
                      n->check_errors),
            SHEET_WARN);
    else
        figure(rs, SHEET_TR(env, "判断（003 §8.3）", "Judgement (003 §8.3)"),
               xstrdup(n->achieved ? SHEET_TR(env, "实现碳中和", "achieved")
                                   : SHEET_TR(env, "未实现碳中和", "not achieved")),
               "",
               xstrdup(SHEET_TR(env, "排放合计 ≤ 可计入的碳抵消 为实现碳中和",
                                "Achieved when the emissions ≤ the eligible offsets")),
               n->achieved ? 0 : SHEET_WARN);
    if (!n->achieved)
        figure(rs, SHEET_TR(env, "缺口", "Shortfall"), t2(n->shortfall_tco2e), "tCO₂e",
               xstrdup(SHEET_TR(env, "= 排放合计 − 可计入的碳抵消", "= emissions − eligible offsets")),
               SHEET_WARN);
}

static char *
pct(int has, double v)
{
    return has ? t2(v) : xstrdup("—");
}

static void
shares(const struct sheet_env *env, struct rows *rs, const struct neutral *n)
{
    figure(rs, SHEET_TR(env, "碳中和率", "Neutrality rate"), pct(n->has_rate, n->neutrality_rate_pct),
           "%", xasprintf(SHEET_TR(env, "= 可计入的碳抵消 ÷ 排放合计 × 100 = %.2f ÷ %.2f × 100",
                                   "= eligible offsets ÷ emissions × 100 = %.2f ÷ %.2f × 100"),
                          n->eligible_tco2e, n->emissions_tco2e), 0);
    figure(rs, SHEET_TR(env, "可再生能源利用率", "Renewable energy share"),
           pct(n->has_renewable_share, n->renewable_share_pct), "%",
           xasprintf(SHEET_TR(env,
                              "= 可再生能源利用量 ÷（综合能耗 + 可再生能源利用量）"
                              "× 100（tce，当量值）= %.3f ÷ %.3f × 100",
                              "= renewable energy used ÷ (energy use + renewable energy used) "
                              "× 100 (tce) = %.3f ÷ %.3f × 100"),
                     n->renewable_tce, n->energy_tce),
           0);
    figure(
        rs, SHEET_TR(env, "绿色电力利用率", "Green power share"),
        pct(n->has_green_share, n->green_power_share_pct), "%",
        xasprintf(SHEET_TR(env,
                           "=（可再生电力自用 + 绿电购入）÷（外购电力 + 可再生电力自用）× 100 = "
                           "%.0f ÷ %.0f × 100 kWh",
                           "= (renewable power used on site + green power bought) ÷ (electricity "
                           "bought + renewable power used on site) × 100 = %.0f ÷ %.0f × 100 kWh"),
                  n->pv_kwh + n->power_kwh + n->green_kwh,
                  n->electricity_kwh + n->pv_kwh + n->power_kwh),
        0);
}

static void
renewables(const struct sheet_env *env, struct rows *rs, const struct neutral *n)
{
    wide(rs,
         xstrdup(SHEET_TR(env, "可再生能源与绿电（有佐证的，N.1、N.2）",
                          "Renewables and green power (with evidence; N.1, N.2)")),
         SHEET_DIM);
    figure(rs, neutral_renew_label(RENEW_PV, env->lang), sheet_num(n->pv_kwh, 2), "kWh", NULL, 0);
    figure(rs, neutral_renew_label(RENEW_POWER, env->lang), sheet_num(n->power_kwh, 2), "kWh", NULL,
           0);
    figure(rs, neutral_renew_label(RENEW_HEAT, env->lang), sheet_num(n->heat_gj, 2), "GJ", NULL, 0);
    figure(rs, neutral_renew_label(RENEW_GREEN, env->lang), sheet_num(n->green_kwh, 2), "kWh", NULL,
           0);
    figure(rs, SHEET_TR(env, "绿证（计入的）", "Certificates (counted)"), sheet_num(n->cert_mwh, 3),
           "MWh", NULL, 0);
    figure(rs, SHEET_TR(env, "光伏装机容量", "PV installed capacity"), sheet_num(n->capacity_kw, 2),
           "kW", NULL, 0);
    figure(rs, SHEET_TR(env, "外购电力（A.5）", "Electricity bought (A.5)"),
           sheet_num(n->electricity_kwh, 2), "kWh", NULL, 0);
    figure(rs, SHEET_TR(env, "无佐证、未计入的记录", "Rows left out: no evidence"),
           xasprintf("%zu", n->no_evidence), SHEET_TR(env, "条", "rows"),
           n->no_evidence > 0 ? xstrdup(SHEET_TR(env, "在 N.1 填写佐证后计入利用率",
                                                 "Give their evidence in N.1 to count them"))
                              : NULL,
           n->no_evidence > 0 ? SHEET_WARN : 0);
}

/* One row per evidence file of the year's claims that is no longer the one recorded. */
static void
changed_files(const struct sheet_env *env, struct rows *rs, const struct wb_plan *p, int room)
{
    size_t i;
    enum evidence_state st;

    for (i = 0; i < p->nrenewables && rs->n < room; i++) {
        const struct wb_renewable *w = &p->renewables[i];

        if (w->year == env->y->year
            && ((st = book_evidence_state(&w->ev)) == EVIDENCE_CHANGED || st == EVIDENCE_MISSING))
            wide(rs,
                 xasprintf(SHEET_TR(env, "佐证文件 N.1 %s %s：%s（%s）",
                                    "Evidence file N.1 %s %s: %s (%s)"),
                           neutral_renew_label(w->kind, env->lang), w->period,
                           book_evidence_words(st, env->lang), w->ev.file),
                 SHEET_WARN);
    }
    for (i = 0; i < p->noffsets && rs->n < room; i++) {
        const struct wb_offset *o = &p->offsets[i];

        if (o->year == env->y->year
            && ((st = book_evidence_state(&o->ev)) == EVIDENCE_CHANGED || st == EVIDENCE_MISSING))
            wide(rs,
                 xasprintf(SHEET_TR(env, "佐证文件 N.2 %s %s：%s（%s）",
                                    "Evidence file N.2 %s %s: %s (%s)"),
                           neutral_type_label(o->type, env->lang),
                           o->serial != NULL ? o->serial : "", book_evidence_words(st, env->lang),
                           o->ev.file),
                 SHEET_WARN);
    }
}

static void
build(const struct sheet_env *env, struct sheet *s)
{
    const int *widths = env->lang == LANG_EN ? widths_en : widths_zh;
    const struct grid_factor *g = NULL;
    struct wb_plan plan;
    struct neutral n;
    struct rows rs = {s, 0};
    char *cause = NULL;
    int c, room;

    if (env->rep == NULL || book_load_plan(env->book, &plan, &cause) != ERR_OK) {
        sheet_init(s, 0, NCOLS, 0);
        s->empty = cause != NULL ? cause : xstrdup(env->rep_err != NULL ? env->rep_err : "");
        return;
    }
    room = FIXED_ROWS + (int)(plan.nrenewables + plan.noffsets);
    sheet_init(s, room, NCOLS, 0);
    for (c = 0; c < NCOLS; c++)
        sheet_head(s, c, sheet_label(env, keys[c]), widths[c]);
    book_neutral_judge(env->app, env->y, env->rep, env->chk->nerrors, &plan, env->lang, &n, &g);
    wide(&rs,
         xstrdup(SHEET_TR(
             env, "边界：运营碳中和 = 范围一 + 范围二（基于位置，与 A.4 一致）",
             "Boundary: operational neutrality = scope 1 + scope 2 (location-based, as A.4)")),
         0);
    figure(&rs, SHEET_TR(env, "范围一（直接排放）", "Scope 1 (direct)"), t2(n.scope1_tco2e), "tCO₂e",
           NULL, 0);
    figure(&rs, SHEET_TR(env, "范围二（基于位置，A.4）", "Scope 2 (location-based, A.4)"),
           t2(n.scope2_tco2e), "tCO₂e",
           xstrdup(SHEET_TR(env, "A.4 的电力、热力因子", "A.4's electricity and heat factors")), 0);
    figure(&rs, SHEET_TR(env, "排放合计（边界内）", "Emissions (the boundary)"),
           t2(n.emissions_tco2e), "tCO₂e",
           xstrdup(SHEET_TR(env, "= 范围一 + 范围二（基于位置）",
                            "= scope 1 + scope 2 (location-based)")),
           0);
    figure(&rs, SHEET_TR(env, "范围二（基于市场）", "Scope 2 (market-based)"),
           t2(n.scope2_market_tco2e), "tCO₂e", market_basis(env, &n, g), 0);
    judgement(env, &rs, &n);
    shares(env, &rs, &n);
    renewables(env, &rs, &n);
    changed_files(env, &rs, &plan, room);
    for (c = rs.n * NCOLS; c < room * NCOLS; c++) {     /* the rows counted but not used */
        free(s->cells[c].text);
        free(s->cells[c].note);
    }
    s->nrows = rs.n;
    neutral_free(&n);
    plan_free(&plan);
}

/* Wherever the focus is in a row, its basis in full (the cell may cut it). */
static const char *
help(const struct sheet_env *env, const struct sheet *s, int row, int col)
{
    const struct sheet_cell *c = sheet_cell(s, row, COL_BASIS);

    (void)env;
    (void)col;
    return c != NULL ? c->note : NULL;
}

const struct sheet_ops sheet_neutrality = {
    .name = "neutrality",
    .build = build,
    .help = help,
};
