/*
 * export_xlsx_maturity.c - the Excel export's 成熟度评价: the carbon-management maturity of 002
 * (a draft) §12 as its Appendix B outlines the report: the cover; the qualitative part (表A.1, each
 * criterion with its points, score, evidence and the assessor's record) and its sum; the
 * quantitative part (表A.2: the method, the denominator, the intensity, the reference, the
 * deviation, the points); every setting the draft leaves as "**" with the value used and its
 * default; the total I = a1 × 定性 + a2 × 定量 as a formula over the cells it rests on and its
 * stars by 表22 with the table beside; what the draft leaves open. Every figure comes scored in
 * x->eval->mat (core/maturity.h); when it could not be scored, the sheet says why.
 */
#include "export/export_xlsx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmem.h"

#define MC 9                    /* the qualitative table's columns */
#define MAXC 4                  /* its 满分 column */
#define SCORE 5                 /* … and 得分 */
#define VAL 3                   /* the value's column of a figure's row (xl_fig_row) */
#define TX(x, zh, en) ((x)->r->lang == LANG_EN ? (en) : (zh))

static void
block(struct sheet *sh, int *n, const char *title)
{
    char *t = xl_block_title(sh->x, (*n)++, title);

    xl_bar(sh, t);
    free(t);
}

/* Points with as many decimals as they need, at most 2. */
static lxw_format *
pts_format(struct xl *x, double v)
{
    int d = xl_decimals(v);

    return xl_unit_format(x, d > 2 ? 2 : d, NULL);
}

static void
put_pts(struct sheet *sh, lxw_row_t r, lxw_col_t c, double v)
{
    int d = xl_decimals(v);

    xl_put_finite(sh, r, c, v, pts_format(sh->x, v), d > 2 ? 2 : d, NULL);
}

/* The grade in words, "（暂定）" after it while a part is unscored (caller frees). */
static char *
stars_words(const struct xl *x, const struct maturity_result *m)
{
    return xasprintf("%s%s", x->r->lang == LANG_EN ? m->grade->name_en : m->grade->name_zh,
                     m->provisional ? xl_tx(x, "（暂定）", " (provisional)") : "");
}

/* 一: the cover (002 Appendix B). */
static void
mat_cover(struct sheet *sh, int *n)
{
    struct xl *x = sh->x;
    const struct maturity_result *m = x->eval->mat;
    char *t, *s;

    block(sh, n, xl_tx(x, "评价概况", "The evaluation"));
    xl_eval_pair(sh, xl_tx(x, "被评价单位", "Organisation"), x->r->unit_name);
    xl_eval_pair(sh, xl_tx(x, "地址", "Address"), report_info(x->r, "address"));
    t = xasprintf(TX(x, "%d 年度（%d-01-01 至 %d-12-31）", "%d (%d-01-01 to %d-12-31)"),
                  x->r->year, x->r->year, x->r->year);
    xl_eval_pair(sh, xl_tx(x, "评价年度", "Year evaluated"), t);
    free(t);
    xl_eval_pair(sh, xl_tx(x, "评价范围", "Scope"),
                 xl_tx(x, "本单位的碳排放管理体系；定量部分按表A.3 所列排放源的碳排放总量（范围一 + 范围二）",
                       "the unit's carbon management system; the quantitative part on the "
                       "emissions of the sources of Table A.3 (scope 1 + scope 2)"));
    if (m != NULL) {
        s = stars_words(x, m);
        t = xasprintf(TX(x, "综合得分 I = %g 分，%s", "total I = %g, %s"), m->total, s);
        free(s);
    } else {
        t = xasprintf(TX(x, "无法评价：%s", "cannot be evaluated: %s"),
                      x->eval->mat_why != NULL ? x->eval->mat_why : "");
    }
    xl_eval_pair(sh, xl_tx(x, "评价结果", "Result"), t);
    free(t);
    xl_eval_people(sh, "maturity");
    xl_eval_pair(sh, xl_tx(x, "主要发现", "Findings"), xl_eval_text(x, "maturity", "#findings"));
    xl_eval_pair(sh, xl_tx(x, "评价结论", "Conclusion"), xl_eval_text(x, "maturity", "#conclusion"));
}

/* 二: 表A.1, scored; returns the row of its sum. */
static lxw_row_t
mat_qualitative(struct sheet *sh, int *n)
{
    static const char *const zh[] = {"一级指标", "二级指标", "编号", "评分细则", "满分", "得分",
                                     "佐证", "评审记录", "评审人"};
    static const char *const en[] = {"Level 1", "Level 2", "Code", "Criterion", "Points",
                                     "Score", "Evidence", "Record", "Assessor"};
    struct xl *x = sh->x;
    const struct maturity_result *m = x->eval->mat;
    int en_ = x->r->lang == LANG_EN;
    lxw_row_t first, sum;
    size_t i, j;
    char f[64];

    block(sh, n, xl_tx(x, "定性评价（表A.1）", "Qualitative part (Table A.1)"));
    xl_heads(sh, zh, en, nitems(zh), 8);
    first = sh->row;
    for (i = 0; i < m->nitems; i++) {
        const struct maturity_item_score *it = &m->items[i];
        const struct eval_entry *e = it->entry;
        lxw_row_t r = first + (lxw_row_t)i;

        xl_put_text(sh, r, 2, it->def->code, F_TEXT);
        xl_put_wrap(sh, r, 3, en_ ? it->def->text_en : it->def->text_zh, F_TEXT, 36);
        put_pts(sh, r, MAXC, it->def->max);
        if (it->scored)
            put_pts(sh, r, SCORE, it->points);
        else
            xl_put_text(sh, r, SCORE, NULL, F_NA);
        xl_put_wrap(sh, r, 6, e != NULL ? e->evidence : NULL, F_TEXT, 16);
        xl_put_wrap(sh, r, 7, e != NULL ? e->note : NULL, F_TEXT, 16);
        xl_put_wrap(sh, r, 8, e != NULL ? e->assessor : NULL, F_TEXT, 8);
    }
    /* the levels merged down beside their criteria */
    for (i = 0; i < m->nitems;) {
        const struct maturity_item *d = m->items[i].def;

        for (j = i; j < m->nitems && m->items[j].def->l1 == d->l1; j++)
            ;
        xl_merge_text(sh, first + (lxw_row_t)i, 0, first + (lxw_row_t)(j - 1), 0,
                      en_ ? d->level1_en : d->level1_zh, F_GROUP);
        i = j;
    }
    for (i = 0; i < m->nitems;) {
        const struct maturity_item *d = m->items[i].def;

        for (j = i; j < m->nitems && m->items[j].def->l1 == d->l1 && m->items[j].def->l2 == d->l2;
             j++)
            ;
        xl_merge_text(sh, first + (lxw_row_t)i, 1, first + (lxw_row_t)(j - 1), 1,
                      en_ ? d->level2_en : d->level2_zh, F_GROUP);
        i = j;
    }
    sum = sh->row = first + (lxw_row_t)m->nitems;
    sh->row++;
    xl_merge_text(sh, sum, 0, sum, 3, xl_tx(x, "定性评价得分（合计）", "Qualitative score (total)"),
                  F_LABEL);
    xl_sum_formula(f, sizeof f, first, MAXC, sum - 1, MAXC);
    xl_put_formula(sh, sum, MAXC, f, x->eval->mat_defs->total,
                   pts_format(x, x->eval->mat_defs->total), 6);
    xl_sum_formula(f, sizeof f, first, SCORE, sum - 1, SCORE);
    xl_put_formula(sh, sum, SCORE, f, m->qualitative, pts_format(x, m->qualitative),
                   xl_num_width(m->qualitative, 2, NULL));
    xl_merge_text(sh, sum, 6, sum, MC - 1, NULL, F_TEXT);
    if (m->nunscored > 0) {
        char *t = xasprintf(TX(x, "注：%zu 条评分细则尚未评分（得分空白），不计入合计。",
                               "Note: %zu criteria are not scored yet (blank), left out of the total."),
                            m->nunscored);

        xl_line(sh, t);
        free(t);
    }
    return sum;
}

/* The denominator in words. */
static char *
denom_words(const struct xl *x, enum maturity_denom d)
{
    const char *name = xl_eval_text(x, "maturity", "#custom_name");
    const char *unit = xl_eval_text(x, "maturity", "#custom_unit");

    if (d == MD_AREA)
        return xstrdup(xl_tx(x, "建筑面积（m²）", "building area (m²)"));
    if (d == MD_PERSON)
        return xstrdup(xl_tx(x, "用能人数（人）", "headcount"));
    return xasprintf(TX(x, "自定义：%s（%s）", "custom: %s (%s)"), name != NULL ? name : "—",
                     unit != NULL ? unit : "—");
}

/* 三: 表A.2; returns the row of its points. */
static lxw_row_t
mat_quantitative(struct sheet *sh, int *n)
{
    struct xl *x = sh->x;
    const struct maturity_quant *q = &x->eval->mat->quant;
    int adv = q->method == MM_ADVANCED;
    lxw_row_t r, pts;
    char *t;

    block(sh, n, xl_tx(x, "定量评价（表A.2，002 §12.3）", "Quantitative part (Table A.2, 002 §12.3)"));
    r = xl_fig_row(sh, xl_tx(x, "评价方法", "Method"),
                   adv ? xl_tx(x, "有行业先进值：与最新的行业先进值比较", "against the latest industry advanced value")
                       : xl_tx(x, "无行业先进值：历史法，与历史最优年度（工作簿中此前碳排放强度最低的年度）比较",
                               "historical: against the best earlier year of the workbook (the lowest intensity)"));
    xl_put_text(sh, r, VAL, adv ? xl_tx(x, "行业先进值法（序号1）", "advanced value (row 1)")
                                : xl_tx(x, "历史法（序号2）", "historical (row 2)"), F_TEXT);
    r = xl_fig_row(sh, xl_tx(x, "碳排放强度的分母", "Denominator"),
                   xl_tx(x, "002 式(1)：C = E总 ÷ Q", "002 formula (1): C = E ÷ Q"));
    xl_put_text(sh, r, VAL, t = denom_words(x, q->denom), F_TEXT);
    free(t);
    t = xasprintf(TX(x, "碳排放强度（%s）", "Carbon intensity (%s)"), q->unit != NULL ? q->unit : "");
    r = xl_fig_row(sh, t, NULL);
    free(t);
    if (q->has_intensity)
        xl_put_finite(sh, r, VAL, q->intensity, xl_unit_format(x, 4, q->unit), 4, q->unit);
    else
        xl_put_text(sh, r, VAL, NULL, F_NA);
    if (adv)
        t = xstrdup(xl_tx(x, "行业先进值（录入）", "Industry advanced value (entered)"));
    else if (q->ref_year > 0)
        t = xasprintf(TX(x, "历史最优年度（%d 年）的碳排放强度", "Best earlier year's intensity (%d)"),
                      q->ref_year);
    else
        t = xstrdup(xl_tx(x, "历史最优年度的碳排放强度", "Best earlier year's intensity"));
    r = xl_fig_row(sh, t, NULL);
    free(t);
    if (q->has_reference)
        xl_put_finite(sh, r, VAL, q->reference, xl_unit_format(x, 4, q->unit), 4, q->unit);
    else
        xl_put_text(sh, r, VAL, NULL, F_NA);
    r = xl_fig_row(sh, adv ? xl_tx(x, "高于行业先进值（%）", "Above the advanced value (%)")
                           : xl_tx(x, "较历史最优年度的下降幅度（%）", "Decline from the best year (%)"),
                   adv ? xl_tx(x, "（C − 先进值）÷ 先进值 × 100", "(C − advanced) ÷ advanced × 100")
                       : xl_tx(x, "（最优年度 C − 本年度 C）÷ 最优年度 C × 100",
                               "(best C − this year's C) ÷ best C × 100"));
    if (q->has_intensity && q->has_reference)
        xl_put_finite(sh, r, VAL, q->deviation_pct, xl_unit_format(x, 2, "%"), 2, "%");
    else
        xl_put_text(sh, r, VAL, NULL, F_NA);
    pts = xl_fig_row(sh, xl_tx(x, "定量评价得分", "Quantitative score"),
                     q->band != NULL ? (x->r->lang == LANG_EN ? q->band->text_en : q->band->text_zh)
                                     : NULL);
    if (q->ok)
        put_pts(sh, pts, VAL, q->points);
    else
        xl_put_text(sh, pts, VAL, NULL, F_NA);
    xl_line(sh, q->words);
    return pts;
}

/* 四: every setting with the value used; *a1 and *a2 get the rows of the weights. */
static void
mat_settings(struct sheet *sh, int *n, lxw_row_t *a1, lxw_row_t *a2)
{
    struct xl *x = sh->x;
    const struct maturity_result *m = x->eval->mat;
    lxw_row_t r = 0;
    size_t i;

    block(sh, n, xl_tx(x, "权重与设定（标准留为 ** 或未定的值）", "Weights and settings (what the draft leaves open)"));
    r = sh->row++;
    xl_merge_text(sh, r, 0, r, 2, xl_tx(x, "设定", "Setting"), F_HEAD);
    xl_put_text(sh, r, 3, xl_tx(x, "标准原文", "The draft writes"), F_HEAD);
    xl_put_text(sh, r, 4, xl_tx(x, "取值", "Value"), F_HEAD);
    xl_put_text(sh, r, 5, xl_tx(x, "默认值", "Default"), F_HEAD);
    xl_merge_text(sh, r, 6, r, MC - 1, xl_tx(x, "来源与说明", "Source and note"), F_HEAD);
    *a1 = *a2 = 0;
    for (i = 0; i < m->nsettings; i++) {
        const struct maturity_setting_value *s = &m->settings[i];
        char *t;

        r = sh->row++;
        xl_merge_text(sh, r, 0, r, 2, x->r->lang == LANG_EN ? s->def->label_en : s->def->label_zh,
                      F_LABEL);
        xl_put_wrap(sh, r, 3, s->def->draft, F_TEXT, 36);
        put_pts(sh, r, 4, s->value);
        put_pts(sh, r, 5, s->def->def);
        t = xasprintf(TX(x, "%s；%s%s", "%s; %s%s"), s->def->source,
                      s->entered ? xl_tx(x, "已录入", "entered") : xl_tx(x, "采用默认值", "the default"),
                      s->def->draft_unset ? xl_tx(x, "（标准未定）", " (the draft leaves it open)") : "");
        xl_merge_text(sh, r, 6, r, MC - 1, t, F_TEXT);
        free(t);
        if (strcmp(s->def->key, "@a1") == 0)
            *a1 = r;
        else if (strcmp(s->def->key, "@a2") == 0)
            *a2 = r;
    }
}

/* 五: I = a1 × 定性 + a2 × 定量 over the cells above, its stars and 表22. */
static void
mat_total(struct sheet *sh, int *n, lxw_row_t qual, lxw_row_t quant, lxw_row_t a1, lxw_row_t a2)
{
    struct xl *x = sh->x;
    const struct maturity_result *m = x->eval->mat;
    const struct maturity_defs *d = x->eval->mat_defs;
    char ca[16], cb[16], cc[16], cd[16], f[96], *t;
    lxw_row_t r;
    size_t i;

    block(sh, n, xl_tx(x, "综合得分与评价结果（002 §12.5，表22）", "Total and grade (002 §12.5, Table 22)"));
    lxw_rowcol_to_cell(ca, a1, 4);
    lxw_rowcol_to_cell(cb, qual, SCORE);
    lxw_rowcol_to_cell(cc, a2, 4);
    lxw_rowcol_to_cell(cd, quant, VAL);
    t = xasprintf(TX(x, "I = a1 × 定性 + a2 × 定量 = %g × %g + %g × %g = %g（002 式(3)）",
                     "I = a1 × qualitative + a2 × quantitative = %g × %g + %g × %g = %g (002 formula (3))"),
                  m->a1, m->qualitative, m->a2, m->quant.ok ? m->quant.points : 0, m->total);
    r = xl_fig_row(sh, xl_tx(x, "综合得分 I", "Total I"), t);
    free(t);
    snprintf(f, sizeof f, "=%s*%s+%s*%s", ca, cb, cc, cd);
    xl_put_formula(sh, r, VAL, f, m->total, pts_format(x, m->total), xl_num_width(m->total, 2, NULL));
    r = xl_fig_row(sh, xl_tx(x, "评价结果", "Grade"),
                   m->provisional ? xl_tx(x, "暂定：尚有评分细则未评分或定量部分未评分",
                                          "provisional: a criterion or the quantitative part is unscored")
                                  : NULL);
    xl_put_text(sh, r, VAL, t = stars_words(x, m), F_TEXT);
    free(t);
    r = sh->row++;
    xl_merge_text(sh, r, 0, r, 2, xl_tx(x, "等级（表22）", "Grade (Table 22)"), F_HEAD);
    xl_put_text(sh, r, VAL, xl_tx(x, "综合得分", "Total"), F_HEAD);
    xl_put_text(sh, r, 4, xl_tx(x, "本单位", "This unit"), F_HEAD);
    for (i = 0; i < d->ngrades; i++) {
        const struct maturity_grade *g = &d->grades[i];

        r = sh->row++;
        xl_merge_text(sh, r, 0, r, 2, x->r->lang == LANG_EN ? g->name_en : g->name_zh, F_TEXT);
        t = xasprintf("%g–%g", g->min, g->max);
        xl_put_text(sh, r, VAL, t, F_NA);
        free(t);
        xl_put_text(sh, r, 4, g == m->grade ? "◀" : NULL, F_NA);
    }
}

void
xl_sheet_maturity(struct xl *x)
{
    const char *name = xl_tx(x, "成熟度评价", "Maturity");
    lxw_row_t qual, quant, a1, a2;
    struct sheet sh;
    int n = 0;

    if (x->eval == NULL || xl_sheet_open(&sh, x, name, MC, 1) != 0)
        return;
    xl_sheet_heading(&sh, xl_tx(x, "碳排放管理体系成熟度评价（《碳排放管理体系建设与评价指南》（草案）第 12 章）",
                                "Carbon management maturity (Guide to building and evaluating carbon "
                                "management systems, draft, §12)"), 1);
    sh.repeat = 1;
    mat_cover(&sh, &n);
    if (x->eval->mat == NULL) {
        xl_line(&sh, x->eval->mat_why != NULL ? x->eval->mat_why : "");
        xl_sheet_close(&sh);
        return;
    }
    qual = mat_qualitative(&sh, &n);
    quant = mat_quantitative(&sh, &n);
    mat_settings(&sh, &n, &a1, &a2);
    mat_total(&sh, &n, qual, quant, a1, a2);
    block(&sh, &n, xl_tx(x, "关于标准（草案）", "About the standard (a draft)"));
    xl_line(&sh, x->eval->mat->note);
    xl_sheet_close(&sh);
}
