/*
 * export_xlsx_statement.c - the Excel export's 碳中和声明: what 《碳中和实施指南 组织》 §9 lists
 * for the statement a unit makes once it has achieved carbon neutrality, a) to g) in its order:
 * the unit (表A.1), the accounting standard, the boundary and the emissions, the scope type and
 * the period covered, the reduction targets and whether they are met (x->perf), the offsets
 * counted with their projects, the evaluator and the conclusion as entered, anything else. The
 * sheet is there only when x->neutral says the year achieved it, and with emissions to speak of:
 * a year with nothing recorded has nothing to neutralise and makes no statement.
 */
#include "export/export_xlsx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmem.h"

#define SC 6                    /* the statement's columns */
#define WRAP 24
#define NONE "—"
#define TX(x, zh, en) ((x)->r->lang == LANG_EN ? (en) : (zh))

static const char *
or_none(const char *s)
{
    return s != NULL && s[0] != '\0' ? s : NULL;
}

/* A label in column 0 and its text merged across the rest ("—" when empty). */
static void
pair(struct sheet *sh, const char *label, const char *value)
{
    xl_put_text(sh, sh->row, 0, label, F_LABEL);
    xl_merge_text(sh, sh->row, 1, sh->row, sh->ncols - 1, or_none(value) ? value : NONE, F_TEXT);
    sh->row++;
}

/* A label in column 0, tCO₂e in column 1 (3 decimals), the rest merged empty; returns its row. */
static lxw_row_t
pair_t(struct sheet *sh, const char *label, double v)
{
    lxw_row_t r = sh->row++;

    xl_put_text(sh, r, 0, label, F_LABEL);
    xl_put_finite(sh, r, 1, v, xl_unit_format(sh->x, 3, "tCO₂e"), 3, "tCO₂e");
    xl_merge_text(sh, r, 2, r, sh->ncols - 1, NULL, F_TEXT);
    return r;
}

/* The bar "a）title" of item letter of §9. */
static void
item(struct sheet *sh, char letter, const char *title)
{
    char *t = xasprintf(TX(sh->x, "%c）%s", "%c) %s"), letter, title);

    xl_bar(sh, t);
    free(t);
}

/* a) the unit: 表A.1's fields as filled in, with their units. */
static void
st_unit(struct sheet *sh)
{
    const struct report_year *r = sh->x->r;
    size_t i;

    item(sh, 'a', xl_tx(sh->x, "组织基本信息", "The organisation"));
    for (i = 0; i < r->ninfo; i++) {
        const struct report_info *ri = &r->info[i];
        char *v;

        if (!ri->fd->in_table || or_none(ri->value) == NULL)
            continue;
        v = ri->fd->unit != NULL && ri->fd->unit[0] != '\0'
                ? xasprintf("%s %s", ri->value, ri->fd->unit) : xstrdup(ri->value);
        pair(sh, ri->label, v);
        free(v);
    }
}

/* b) the standard, the boundary and the emissions. */
static void
st_emissions(struct sheet *sh)
{
    struct xl *x = sh->x;
    const struct neutral *nt = x->neutral;
    char a[16], b[16], f[64];
    lxw_row_t s1, s2, r;

    item(sh, 'b', xl_tx(x, "温室气体核算标准、核算边界和排放量",
                        "Accounting standard, boundary and emissions"));
    pair(sh, xl_tx(x, "核算标准", "Standard"),
         xl_tx(x, "T/ZJJGSW 0005—2024《公共机构碳管理体系 实施指南》附录A（碳排放数据收集）",
               "T/ZJJGSW 0005—2024 (carbon management of public institutions), Appendix A"));
    pair(sh, xl_tx(x, "核算边界", "Boundary"),
         xl_tx(x, "范围一 + 范围二（范围二基于位置，同表A.4）",
               "scope 1 + scope 2 (scope 2 location-based, as Table A.4)"));
    s1 = pair_t(sh, xl_tx(x, "范围一排放", "Scope 1"), nt->scope1_tco2e);
    s2 = pair_t(sh, xl_tx(x, "范围二排放（基于位置，A.4）", "Scope 2 (location-based, A.4)"),
                nt->scope2_tco2e);
    r = sh->row++;
    xl_put_text(sh, r, 0, xl_tx(x, "核算边界内的排放量", "Emissions within the boundary"), F_LABEL);
    lxw_rowcol_to_cell(a, s1, 1);
    lxw_rowcol_to_cell(b, s2, 1);
    snprintf(f, sizeof f, "=%s+%s", a, b);
    xl_put_formula(sh, r, 1, f, nt->emissions_tco2e, xl_unit_format(x, 3, "tCO₂e"),
                   xl_num_width(nt->emissions_tco2e, 3, "tCO₂e"));
    xl_merge_text(sh, r, 2, r, sh->ncols - 1, NULL, F_TEXT);
}

/* c) the scope type and the period covered: the statement's, else the calendar year. */
static void
st_scope(struct sheet *sh, const struct wb_statement *st)
{
    struct xl *x = sh->x;
    char *t;

    item(sh, 'c', xl_tx(x, "碳中和的范围类型、覆盖的时间段", "Scope type and period covered"));
    pair(sh, xl_tx(x, "范围类型", "Scope type"),
         xl_tx(x, "运营碳中和（范围一 + 范围二）", "operational carbon neutrality (scope 1 + 2)"));
    if (st != NULL && or_none(st->period) != NULL)
        t = xstrdup(st->period);
    else
        t = xasprintf(TX(x, "%d-01-01 至 %d-12-31（日历年度）", "%d-01-01 to %d-12-31 (the calendar year)"),
                      x->r->year, x->r->year);
    pair(sh, xl_tx(x, "覆盖的时间段", "Period covered"), t);
    free(t);
}

/* Where target t stands in the reporting year, in words (caller frees). */
static char *
target_status(const struct xl *x, const struct perf_target *t)
{
    size_t i;

    if (!t->ok)
        return xasprintf(TX(x, "无法判断：%s", "cannot be told: %s"),
                         t->missing != NULL ? t->missing : "");
    for (i = 0; i < t->nsteps; i++) {
        const struct perf_step *s = &t->steps[i];

        if (s->year != x->r->year)
            continue;
        if (!s->actual.ok || !s->milestone.ok)
            break;
        if (s->year >= t->def.target_year)
            return xstrdup(s->on_track ? xl_tx(x, "已实现", "met") : xl_tx(x, "未实现", "not met"));
        return xstrdup(s->on_track ? xl_tx(x, "按里程碑达标（目标年未到）", "on track (before the target year)")
                                   : xl_tx(x, "未达里程碑（目标年未到）", "off track (before the target year)"));
    }
    return xstrdup(xl_tx(x, "无法判断：报告年度没有里程碑值", "cannot be told: no milestone for the year"));
}

/* A figure of target t with its parameter's decimals and unit, or a blank cell. */
static void
put_fig(struct sheet *sh, lxw_row_t r, lxw_col_t c, const struct perf_target *t, struct perf_num v)
{
    const struct perf_key_def *kd = perf_key(perf_param_key(t->def.param));

    if (!v.ok) {
        xl_put_text(sh, r, c, NULL, F_NA);
        return;
    }
    /* two columns to spare: a number runs up to its cell's right border */
    xl_put_num(sh, r, c, v.v, xl_unit_format(sh->x, kd->decimals, kd->unit),
               xl_num_width(v.v, kd->decimals, kd->unit) + 2);
}

/* d) the reduction targets and whether they are met (x->perf's). */
static void
st_targets(struct sheet *sh)
{
    static const char *const zh[] = {"目标", "基准期", "目标值", "", "", "实现情况"};
    static const char *const en[] = {"Target", "Base period", "Target value", "", "", "Status"};
    struct xl *x = sh->x;
    const struct perf *p = x->perf;
    char *t;
    size_t i, j;

    item(sh, 'd', xl_tx(x, "温室气体减排目标的实现情况", "Reduction targets met"));
    if (p == NULL || p->ntargets == 0) {
        pair(sh, xl_tx(x, "减排目标", "Targets"), xl_tx(x, "未设定减排目标", "no target is set"));
        return;
    }
    xl_heads(sh, zh, en, nitems(zh), 12);
    t = xasprintf(TX(x, "%d 年里程碑值", "Milestone %d"), x->r->year);
    xl_put_wrap(sh, sh->row - 1, 3, t, F_HEAD, 12);
    free(t);
    t = xasprintf(TX(x, "%d 年实际值", "Actual %d"), x->r->year);
    xl_put_wrap(sh, sh->row - 1, 4, t, F_HEAD, 12);
    free(t);
    for (i = 0; i < p->ntargets; i++) {
        const struct perf_target *tg = &p->targets[i];
        struct perf_num none = {0, 0}, mile = none, act = none;
        lxw_row_t r = sh->row++;

        for (j = 0; j < tg->nsteps; j++)
            if (tg->steps[j].year == x->r->year) {
                mile = tg->steps[j].milestone;
                act = tg->steps[j].actual;
            }
        t = xasprintf(TX(x, "%s %d 年%s", "%s %d%s"), plan_param_label(tg->def.param, x->r->lang),
                      tg->def.target_year, tg->def.kind == TARGET_CAP ? xl_tx(x, "（上限）", " (cap)") : "");
        xl_put_wrap(sh, r, 0, t, F_TEXT, 16);
        free(t);
        t = tg->def.kind == TARGET_CAP ? xstrdup(NONE)
            : tg->base.set ? plan_base_words(&tg->base.def, x->r->lang)
                           : xstrdup(xl_tx(x, "未设定", "not set"));
        xl_put_wrap(sh, r, 1, t, F_TEXT, 14);
        free(t);
        put_fig(sh, r, 2, tg, tg->target_value);
        put_fig(sh, r, 3, tg, mile);
        put_fig(sh, r, 4, tg, act);
        xl_put_wrap(sh, r, 5, t = target_status(x, tg), F_TEXT, WRAP);
        free(t);
    }
}

/* e) the offsets counted, their projects and quantities. */
static void
st_offsets(struct sheet *sh)
{
    static const char *const zh[] = {"抵消方式", "项目", "编号", "年份", "注销证明", "抵消量（tCO₂e）"};
    static const char *const en[] = {"Type", "Project", "Serial", "Vintage", "Cancellation proof",
                                     "Offset (tCO₂e)"};
    struct xl *x = sh->x;
    const struct neutral *nt = x->neutral;
    lxw_row_t first, r;
    char f[64];
    size_t i;

    item(sh, 'e', xl_tx(x, "碳抵消方式、抵消项目基本信息及抵消量",
                        "Offsets: types, projects and quantities"));
    xl_heads(sh, zh, en, nitems(zh), 12);
    first = sh->row;
    for (i = 0; i < nt->noffsets; i++) {
        const struct neutral_offset *no = &nt->offsets[i];

        if (!no->eligible || !(no->counted_tco2e > 0))
            continue;
        r = sh->row++;
        xl_put_wrap(sh, r, 0, neutral_type_label(no->o->type, x->r->lang), F_TEXT, 10);
        xl_put_wrap(sh, r, 1, or_none(no->o->project) ? no->o->project : NONE, F_TEXT, WRAP);
        xl_put_wrap(sh, r, 2, or_none(no->o->serial) ? no->o->serial : NONE, F_TEXT, 16);
        if (no->o->vintage > 0)
            xl_put_num(sh, r, 3, no->o->vintage, xl_code_format(x, "0"), 4);
        else
            xl_put_text(sh, r, 3, NULL, F_NA);
        xl_put_wrap(sh, r, 4, or_none(no->o->proof) ? no->o->proof : NONE, F_TEXT, 16);
        xl_put_finite(sh, r, 5, no->counted_tco2e, xl_unit_format(x, 3, NULL), 3, NULL);
    }
    r = sh->row++;
    xl_merge_text(sh, r, 0, r, 4, xl_tx(x, "合计", "Total"), F_LABEL);
    if (r > first) {
        xl_sum_formula(f, sizeof f, first, 5, r - 1, 5);
        xl_put_formula(sh, r, 5, f, nt->eligible_tco2e, xl_unit_format(x, 3, NULL),
                       xl_num_width(nt->eligible_tco2e, 3, NULL));
    } else {
        xl_put_finite(sh, r, 5, 0, xl_unit_format(x, 3, NULL), 3, NULL);
    }
}

/* f) and g): the evaluator and conclusion as entered, anything else. */
static void
st_evaluation(struct sheet *sh, const struct wb_statement *st)
{
    struct xl *x = sh->x;
    const char *no = xl_tx(x, "未填写", "not entered");

    item(sh, 'f', xl_tx(x, "评价机构及关于组织碳中和的评价结论",
                        "Evaluator and its conclusion"));
    pair(sh, xl_tx(x, "评价机构", "Evaluator"),
         st != NULL && or_none(st->evaluator) ? st->evaluator : no);
    pair(sh, xl_tx(x, "评价结论", "Conclusion"),
         st != NULL && or_none(st->conclusion) ? st->conclusion : no);
    item(sh, 'g', xl_tx(x, "其他需要声明的内容", "Other"));
    pair(sh, xl_tx(x, "其他", "Other"), st != NULL && or_none(st->other) ? st->other
                                                                        : xl_tx(x, "无", "none"));
}

void
xl_sheet_statement(struct xl *x)
{
    const char *name = xl_tx(x, "碳中和声明", "Neutrality statement");
    const struct neutral *nt = x->neutral;
    const struct wb_statement *st;
    struct sheet sh;
    char *t;

    if (nt == NULL || !nt->ok || !nt->achieved || !(nt->emissions_tco2e > 0)
        || xl_sheet_open(&sh, x, name, SC, 0) != 0)
        return;
    st = x->plan != NULL ? plan_statement(x->plan, x->r->year) : NULL;
    xl_sheet_heading(&sh, name, 1);
    sh.repeat = 1;
    t = xasprintf(TX(x, "%d 年度实现运营碳中和（《碳中和实施指南 组织》§8.3）：核算边界内的排放量 "
                        "%.3f tCO₂e，计入的抵消量 %.3f tCO₂e。以下按该指南第 9 章所列内容声明。",
                     "Operational carbon neutrality achieved in %d (Guide to carbon neutrality "
                     "for organisations, §8.3): emissions within the boundary %.3f tCO₂e, offsets "
                     "counted %.3f tCO₂e. Below, what §9 of the guide lists."),
                  x->r->year, nt->emissions_tco2e, nt->eligible_tco2e);
    xl_line(&sh, t);
    free(t);
    st_unit(&sh);
    st_emissions(&sh);
    st_scope(&sh, st);
    st_targets(&sh);
    st_offsets(&sh);
    st_evaluation(&sh, st);
    xl_sheet_close(&sh);
}
