/*
 * export_xlsx_zc.c - the Excel export's 零碳机关评价: the report an assessor submits for 000 §6
 * as §7.3.5 and §7.4 outline it. First the cover (the unit, its address, the year evaluated, the
 * scope, the result, the evaluators as a table of name, role and date, the findings and the
 * conclusion as entered); then the indicator table of §6.4 with every item's score, how it was
 * scored and on what (the working, the evidence, the assessor's record), a subtotal per
 * first-level indicator and the total as formulas; the grade with the table of §6.6 beside it,
 * the veto of 1.1.1, the items still unscored; how the rules were read. Every score comes
 * computed in x->eval->zc (core/zerocarbon.h); nothing is scored here. Also what the three
 * evaluation sheets share.
 */
#include "export/export_xlsx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xmem.h"
#include "core/evaluators.h"

#define ZC 13                   /* the indicator table's columns */
#define SCORE 7                 /* its 得分 column */
#define MAXC 5                  /* … and 满分 */
#define WRAP 24
#define TX(x, zh, en) ((x)->r->lang == LANG_EN ? (en) : (zh))

/* ---- what the evaluation sheets share -------------------------------------------------------- */

static int
has_text(const char *s)
{
    return s != NULL && s[0] != '\0';
}

const char *
xl_eval_text(const struct xl *x, const char *eval, const char *code)
{
    const struct wb_assessment *a = x->plan != NULL ? plan_assessment(x->plan, x->r->year, eval, code)
                                                    : NULL;

    return a != NULL && has_text(a->note) ? a->note : NULL;
}

void
xl_eval_pair(struct sheet *sh, const char *label, const char *text)
{
    lxw_row_t r = sh->row++;

    xl_merge_text(sh, r, 0, r, 2, label, F_LABEL);
    xl_merge_text(sh, r, 3, r, sh->ncols - 1,
                  has_text(text) ? text : xl_tx(sh->x, "未填写", "not entered"), F_TEXT);
}

/* Whether name is among the first n evaluators, or the assessor of one of the first n entries. */
static int
named(const struct evaluators *ev, const struct wb_assessment *a, size_t n, const char *eval,
      const char *name)
{
    size_t i;

    for (i = 0; i < ev->n; i++)
        if (strcmp(ev->v[i].name, name) == 0)
            return 1;
    for (i = 0; i < n; i++)
        if (a[i].year == a[n].year && strcmp(a[i].eval, eval) == 0 && has_text(a[i].assessor)
            && strcmp(a[i].assessor, name) == 0)
            return 1;
    return 0;
}

/* One row of the evaluators' table: name, role (merged to the last column but one), date. */
static void
person_row(struct sheet *sh, const char *name, const char *role, const char *date, enum fmt f)
{
    lxw_row_t r = sh->row++;

    xl_put_text(sh, r, 3, name, f);
    xl_merge_text(sh, r, 4, r, sh->ncols - 2, role, f);
    xl_put_text(sh, r, sh->ncols - 1, date, f);
}

void
xl_eval_people(struct sheet *sh, const char *eval)
{
    const struct xl *x = sh->x;
    const char *text = xl_eval_text(x, eval, "#evaluators");
    const struct wb_plan *p = x->plan;
    lxw_row_t first = sh->row;
    struct evaluators ev;
    size_t i;

    evaluators_read(text != NULL ? text : "", &ev);
    person_row(sh, xl_tx(x, "姓名", "Name"), xl_tx(x, "角色（职务/职称）", "Role (position or title)"),
               xl_tx(x, "日期", "Date"), F_HEAD);
    for (i = 0; i < ev.n; i++)
        person_row(sh, ev.v[i].name, ev.v[i].role, ev.v[i].date, F_TEXT);
    /* whoever entered a score and is not on the list is one of the evaluators too */
    for (i = 0; p != NULL && i < p->nassessments; i++) {
        const struct wb_assessment *a = &p->assessments[i];

        if (a->year == x->r->year && strcmp(a->eval, eval) == 0 && has_text(a->assessor)
            && !named(&ev, p->assessments, i, eval, a->assessor))
            person_row(sh, a->assessor, xl_tx(x, "评审人（录入评分）", "assessor (entered scores)"), NULL,
                       F_TEXT);
    }
    evaluators_free(&ev);
    if (sh->row == first + 1) {         /* nobody: the header alone says nothing */
        sh->row = first;
        xl_eval_pair(sh, xl_tx(x, "评价人员", "Evaluators"), NULL);
        return;
    }
    xl_merge_text(sh, first, 0, sh->row - 1, 2, xl_tx(x, "评价人员", "Evaluators"), F_LABEL);
}

/* ---- cells ----------------------------------------------------------------------------------- */

/* Points: as many decimals as they need, at most 2 (a rule's steps are 0.5 or 0.25). */
static void
put_pts(struct sheet *sh, lxw_row_t r, lxw_col_t c, double v)
{
    int d = xl_decimals(v);

    d = d > 2 ? 2 : d;
    xl_put_finite(sh, r, c, v, xl_unit_format(sh->x, d, NULL), d, NULL);
}

static void
put_pts_formula(struct sheet *sh, lxw_row_t r, lxw_col_t c, const char *f, double v)
{
    int d = xl_decimals(v);

    d = d > 2 ? 2 : d;
    xl_put_formula(sh, r, c, f, v, xl_unit_format(sh->x, d, NULL), xl_num_width(v, d, NULL));
}

static void
block(struct sheet *sh, int *n, const char *title)
{
    char *t = xl_block_title(sh->x, (*n)++, title);

    xl_bar(sh, t);
    free(t);
}

static const char *
how_words(const struct xl *x, enum zc_how h)
{
    return h == ZC_COMPUTED ? xl_tx(x, "计算", "computed")
         : h == ZC_ENTERED ? xl_tx(x, "录入", "entered") : xl_tx(x, "评审", "assessed");
}

/* The grade in words, "（暂定）" after it while an item is unscored (caller frees). */
static char *
grade_words(const struct xl *x, const struct zc_result *z)
{
    return xasprintf("%s%s", zc_grade_name(z->grade, x->r->lang),
                     z->provisional ? xl_tx(x, "（暂定）", " (provisional)") : "");
}

/* ---- the sheet ------------------------------------------------------------------------------- */

/* 一: the cover of the report. */
static void
zc_cover(struct sheet *sh, int *n)
{
    struct xl *x = sh->x;
    const struct zc_result *z = x->eval->zc;
    const char *addr = report_info(x->r, "address");
    char *t;

    block(sh, n, xl_tx(x, "评价概况", "The evaluation"));
    xl_eval_pair(sh, xl_tx(x, "被评价单位", "Organisation"), x->r->unit_name);
    xl_eval_pair(sh, xl_tx(x, "地址", "Address"), addr);
    t = xasprintf(TX(x, "%d 年度（%d-01-01 至 %d-12-31）", "%d (%d-01-01 to %d-12-31)"),
                  x->r->year, x->r->year, x->r->year);
    xl_eval_pair(sh, xl_tx(x, "评价年度", "Year evaluated"), t);
    free(t);
    if (x->r->has_area)
        t = xasprintf(TX(x, "表A.3 所列排放源：范围一 + 范围二（范围二基于位置，同表A.4）；建筑面积 %g m²",
                         "the sources of Table A.3: scope 1 + scope 2 (scope 2 location-based, as "
                         "Table A.4); building area %g m²"), x->r->building_area_m2);
    else
        t = xstrdup(xl_tx(x, "表A.3 所列排放源：范围一 + 范围二（范围二基于位置，同表A.4）",
                          "the sources of Table A.3: scope 1 + scope 2 (scope 2 location-based, "
                          "as Table A.4)"));
    xl_eval_pair(sh, xl_tx(x, "评价范围", "Scope"), t);
    free(t);
    {
        char *g = grade_words(x, z);

        t = xasprintf(TX(x, "综合得分 %g 分（满分 100），%s；%s%s", "total %g of 100, %s; %s%s"),
                      z->total, g,
                      z->veto ? xl_tx(x, "一票否决（1.1.1 未通过）", "vetoed (1.1.1 fails)")
                              : xl_tx(x, "未触发一票否决", "no veto"),
                      z->provisional ? xl_tx(x, "；尚有指标未评分，等级为暂定",
                                             "; some items are unscored: the grade is provisional")
                                     : "");
        free(g);
    }
    xl_eval_pair(sh, xl_tx(x, "评价结果", "Result"), t);
    free(t);
    xl_eval_people(sh, "zc");
    xl_eval_pair(sh, xl_tx(x, "主要发现", "Findings"), xl_eval_text(x, "zc", "#findings"));
    xl_eval_pair(sh, xl_tx(x, "评价结论", "Conclusion"), xl_eval_text(x, "zc", "#conclusion"));
}

/* One item's row. */
static void
zc_item_row(struct sheet *sh, lxw_row_t r, const struct zc_item *it)
{
    struct xl *x = sh->x;
    enum lang l = x->r->lang;

    xl_put_text(sh, r, 2, it->def->code, F_TEXT);
    xl_put_wrap(sh, r, 3, zc_name(it->def, l), F_TEXT, 20);
    xl_put_text(sh, r, 4, zc_attribute(it->def, l), F_NA);
    put_pts(sh, r, MAXC, it->def->max);
    xl_put_wrap(sh, r, 6, zc_rule_text(it->def, l), F_TEXT, 30);
    if (it->scored)
        put_pts(sh, r, SCORE, it->score);
    else
        xl_put_text(sh, r, SCORE, NULL, F_NA);
    xl_put_text(sh, r, 8, how_words(x, it->how), F_NA);
    xl_put_wrap(sh, r, 9, it->inputs, F_TEXT, WRAP);
    xl_put_wrap(sh, r, 10, it->evidence, F_TEXT, 16);
    xl_put_wrap(sh, r, 11, it->note, F_TEXT, 16);
    xl_put_wrap(sh, r, 12, it->assessor, F_TEXT, 8);
}

/* A level's name and its points on a line of their own: "碳排放管理\n（25 分）" (caller frees). */
static char *
level_words(const struct xl *x, const char *name, double max)
{
    return xasprintf(TX(x, "%s\n（%g 分）", "%s\n(%g)"), name, max);
}

/* The subtotal of the first-level group in rows first..last; returns its row. */
static lxw_row_t
zc_subtotal(struct sheet *sh, const struct zc_item *it0, const struct zc_item *items, size_t k,
            lxw_row_t first, lxw_row_t last)
{
    lxw_row_t r = sh->row++;
    double sum = 0;
    char f[64], *t;
    size_t i;

    for (i = 0; i < k; i++)
        if (items[i].scored)
            sum += items[i].score;
    t = xasprintf(TX(sh->x, "小计：%s", "Subtotal: %s"), zc_level1(it0->def, sh->x->r->lang));
    xl_merge_text(sh, r, 0, r, 4, t, F_LABEL);
    free(t);
    xl_sum_formula(f, sizeof f, first, MAXC, last, MAXC);
    put_pts_formula(sh, r, MAXC, f, it0->def->level1_max);
    xl_put_text(sh, r, 6, NULL, F_TEXT);
    xl_sum_formula(f, sizeof f, first, SCORE, last, SCORE);
    put_pts_formula(sh, r, SCORE, f, sum);
    xl_merge_text(sh, r, 8, r, ZC - 1, NULL, F_TEXT);
    return r;
}

/* 二: the indicator table; returns the total's row. */
static lxw_row_t
zc_table(struct sheet *sh, int *n)
{
    static const char *const zh[] = {"一级指标", "二级指标", "编号", "三级指标", "属性", "满分",
                                     "评分标准", "得分", "方式", "依据（计算过程）", "佐证",
                                     "评审记录", "评审人"};
    static const char *const en[] = {"Level 1", "Level 2", "Code", "Indicator", "Attribute",
                                     "Points", "Scoring rule", "Score", "How", "Working",
                                     "Evidence", "Record", "Assessor"};
    struct xl *x = sh->x;
    const struct zc_result *z = x->eval->zc;
    struct strbuf fmax = {0}, fsum = {0};
    lxw_row_t total;
    size_t i = 0, j, k;
    char a[16], *t;

    block(sh, n, xl_tx(x, "评价指标与得分（000 §6.4）", "Indicators and scores (000 §6.4)"));
    xl_heads(sh, zh, en, nitems(zh), 8);
    sh->freeze_row = sh->row;
    while (i < z->n) {
        const struct zc_item *g = &z->items[i];
        lxw_row_t first = sh->row, sub;

        for (k = i; k < z->n && strcmp(z->items[k].def->level1_zh, g->def->level1_zh) == 0; k++)
            zc_item_row(sh, first + (lxw_row_t)(k - i), &z->items[k]);
        /* the second levels merged down beside their items */
        for (j = i; j < k;) {
            size_t e = j;

            while (e < k && strcmp(z->items[e].def->level2_code, z->items[j].def->level2_code) == 0)
                e++;
            t = level_words(x, zc_level2(z->items[j].def, x->r->lang), z->items[j].def->level2_max);
            xl_merge_text(sh, first + (lxw_row_t)(j - i), 1, first + (lxw_row_t)(e - 1 - i), 1, t,
                          F_GROUP);
            free(t);
            j = e;
        }
        t = level_words(x, zc_level1(g->def, x->r->lang), g->def->level1_max);
        xl_merge_text(sh, first, 0, first + (lxw_row_t)(k - 1 - i), 0, t, F_GROUP);
        free(t);
        sh->row = first + (lxw_row_t)(k - i);
        sub = zc_subtotal(sh, g, &z->items[i], k - i, first, sh->row - 1);
        lxw_rowcol_to_cell(a, sub, MAXC);
        sb_printf(&fmax, "%s%s", fmax.len ? "+" : "=", a);
        lxw_rowcol_to_cell(a, sub, SCORE);
        sb_printf(&fsum, "%s%s", fsum.len ? "+" : "=", a);
        i = k;
    }
    total = sh->row++;
    xl_merge_text(sh, total, 0, total, 4, xl_tx(x, "合计", "Total"), F_LABEL);
    if (z->n > 0) {
        put_pts_formula(sh, total, MAXC, fmax.s, x->eval->zc_defs->total);
        put_pts_formula(sh, total, SCORE, fsum.s, z->total);
    }
    xl_put_text(sh, total, 6, NULL, F_TEXT);
    xl_merge_text(sh, total, 8, total, ZC - 1, NULL, F_TEXT);
    sb_free(&fmax);
    sb_free(&fsum);
    xl_line(sh, xl_tx(x, "注：得分空白的指标尚未评分，不计入小计和合计。方式：计算 = 由工作簿的数据按评分标准计算；"
                         "录入 = 评价人员录入百分比等数值，按评分标准计分；评审 = 评价人员直接评分。",
                      "Note: a blank score is an item not yet scored, left out of the subtotals and "
                      "the total. How: computed from the workbook's figures by the rule; entered: "
                      "the assessor enters a value the rule scores; assessed: the assessor gives "
                      "the points."));
    return total;
}

/* 三: the grade of §6.6 with its table, the veto. */
static void
zc_grade(struct sheet *sh, int *n, lxw_row_t total)
{
    struct xl *x = sh->x;
    const struct zc_result *z = x->eval->zc;
    const struct zc_defs *d = x->eval->zc_defs;
    enum lang l = x->r->lang;
    char a[16], f[24], *t;
    lxw_row_t r;
    size_t i;

    block(sh, n, xl_tx(x, "综合得分与评价等级（000 §6.6）", "Total and grade (000 §6.6)"));
    r = xl_fig_row(sh, xl_tx(x, "综合得分", "Total"), NULL);
    snprintf(f, sizeof f, "=%s", (lxw_rowcol_to_cell(a, total, SCORE), a));
    put_pts_formula(sh, r, 3, f, z->total);
    t = xasprintf(TX(x, "已评分指标的满分合计 %g 分（满分 %g 分）", "the scored items could have had %g of %g"),
                  z->scored_max, d->total);
    xl_merge_text(sh, r, 4, r, ZC - 1, t, F_TEXT);
    free(t);
    r = xl_fig_row(sh, xl_tx(x, "评价等级", "Grade"), zc_grade_desc(z->grade, l));
    xl_put_text(sh, r, 3, t = grade_words(x, z), F_TEXT);
    free(t);
    r = xl_fig_row(sh, xl_tx(x, "一票否决（1.1.1）", "Veto (1.1.1)"),
                   z->veto ? xl_tx(x, "1.1.1 未通过：不论综合得分，评价等级为最低一级（待改进机关）",
                                   "1.1.1 fails: whatever the total, the grade is the lowest")
                           : xl_tx(x, "1.1.1 为一票否决项：未通过时不论综合得分，评价等级为最低一级",
                                   "1.1.1 is the veto item: if it fails, the grade is the lowest "
                                   "whatever the total"));
    xl_put_text(sh, r, 3, z->veto ? xl_tx(x, "已否决", "vetoed") : xl_tx(x, "未否决", "not vetoed"),
                F_NA);
    /* the grade table, the unit's grade marked */
    r = sh->row++;
    xl_merge_text(sh, r, 0, r, 2, xl_tx(x, "综合得分", "Total"), F_HEAD);
    xl_put_text(sh, r, 3, xl_tx(x, "评价等级", "Grade"), F_HEAD);
    xl_merge_text(sh, r, 4, r, ZC - 2, xl_tx(x, "等级描述", "Description"), F_HEAD);
    xl_put_text(sh, r, ZC - 1, xl_tx(x, "本单位", "This unit"), F_HEAD);
    for (i = 0; i < d->ngrades; i++) {
        const struct zc_grade *g = &d->grades[i];

        r = sh->row++;
        xl_merge_text(sh, r, 0, r, 2, l == LANG_EN ? g->range_en : g->range_zh, F_NA);
        xl_put_text(sh, r, 3, zc_grade_name(g, l), F_TEXT);
        xl_merge_text(sh, r, 4, r, ZC - 2, zc_grade_desc(g, l), F_TEXT);
        xl_put_text(sh, r, ZC - 1, g == z->grade ? "◀" : NULL, F_NA);
    }
}

/* 四: the items not yet scored, with what each lacks. */
static void
zc_unscored(struct sheet *sh, int *n)
{
    struct xl *x = sh->x;
    const struct zc_result *z = x->eval->zc;
    lxw_row_t r;
    size_t i;

    block(sh, n, xl_tx(x, "未评分的指标", "Items not scored"));
    if (z->nunscored == 0) {
        xl_line(sh, xl_tx(x, "全部指标均已评分。", "Every item is scored."));
        return;
    }
    r = sh->row++;
    xl_merge_text(sh, r, 0, r, 2, xl_tx(x, "编号", "Code"), F_HEAD);
    xl_put_text(sh, r, 3, xl_tx(x, "三级指标", "Indicator"), F_HEAD);
    xl_merge_text(sh, r, 4, r, ZC - 1, xl_tx(x, "缺少的数据或评分", "What is missing"), F_HEAD);
    for (i = 0; i < z->n; i++) {
        const struct zc_item *it = &z->items[i];

        if (it->scored)
            continue;
        r = sh->row++;
        xl_merge_text(sh, r, 0, r, 2, it->def->code, F_NA);
        xl_put_wrap(sh, r, 3, zc_name(it->def, x->r->lang), F_TEXT, 20);
        xl_merge_text(sh, r, 4, r, ZC - 1, it->inputs, F_TEXT);
    }
    {
        char *t = xasprintf(TX(x, "共 %zu 项指标未评分，评价等级为暂定。",
                               "%zu item(s) not scored: the grade is provisional."), z->nunscored);

        xl_line(sh, t);
        free(t);
    }
}

void
xl_sheet_zc(struct xl *x)
{
    const char *name = xl_tx(x, "零碳机关评价", "Zero-carbon office");
    struct sheet sh;
    lxw_row_t total;
    int n = 0;

    if (x->eval == NULL || x->eval->zc == NULL || xl_sheet_open(&sh, x, name, ZC, 1) != 0)
        return;
    xl_sheet_heading(&sh, xl_tx(x, "零碳机关评价报告（《零碳机关创建及评价指南》第 6、7 章）",
                                "Zero-carbon office evaluation (Guide to creating and evaluating zero-carbon offices, §6, §7)"), 1);
    sh.repeat = 1;
    zc_cover(&sh, &n);
    total = zc_table(&sh, &n);
    zc_grade(&sh, &n, total);
    zc_unscored(&sh, &n);
    block(&sh, &n, xl_tx(x, "评分规则的读法", "How the rules are read"));
    xl_line(&sh, x->eval->zc->reading);
    xl_line(&sh, x->eval->zc->table_note);
    xl_sheet_close(&sh);
}
