/*
 * sheet_maturity.c - E.2 碳排放管理体系成熟度评价 (002 §12, a draft): the criteria of 表A.1 under their
 * first- and second-level headings, each scored by the assessor (maturity_entry_valid) with its
 * evidence and note; the quantitative part of 表A.2 as computed (method, intensity, reference,
 * deviation, points); the settings the draft leaves open (a1, a2, the historical thresholds, the
 * denominator, the industry advanced value), each checked with the others as maturity_settings
 * reads them, a1 and a2 set together (one undoable step) so they add up to 1; and the result:
 * I = a1 × qualitative + a2 × quantitative, the stars of 表22, provisional while anything is
 * unscored, and the note on the draft. With the settings, the custom denominator (its name and
 * unit, this year's value @custom); below the result, the evaluation report's texts.
 */
#include "sheet/sheet.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/text.h"

enum { C_CODE, C_ITEM, C_MAX, C_VALUE, C_EV, C_FILE, C_NOTE, C_WHO, C_BASIS, NCOLS };

static const char *const keys[NCOLS] = {"code", "item", "max", "value", "evidence",
                                        "evidence_file", "note", "assessor", "basis"};
static const int widths_zh[NCOLS] = {7, 30, 4, 9, 14, 12, 16, 8, 30};
static const int widths_en[NCOLS] = {7, 30, 4, 10, 14, 12, 16, 8, 30};

/* What a row is: rows[r] = kind * ROW_KIND + index (RK_WORDS: of words[], the text in C_NOTE). */
enum { RK_TEXT, RK_ITEM, RK_SETTING, RK_ADVANCED, RK_WORDS, RK_CUSTOM };
#define ROW_KIND 1000

/* The texts: the denominator's two with the settings, the report's three below the result. */
static const char *const words[] = {"#custom_name", "#custom_unit", "#evaluators", "#findings",
                                    "#conclusion"};
#define CUSTOM "@custom"

/* The rows beside the criteria and settings: summary, note, five section heads, quantitative
   five, @advanced, the custom denominator's three, result five, the report's three. */
#define FIXED_ROWS 27

struct rows {
    struct sheet *s;
    struct sheet_eval *se;
    int n;
};

static int
add_row(struct rows *rs, int kind, int index)
{
    if (rs->n == rs->s->nrows)
        fatal("sheet_maturity: more rows than counted (%d)", rs->s->nrows);
    rs->se->rows[rs->n] = kind * ROW_KIND + index;
    return rs->n++;
}

static int
row_kind(const struct sheet_env *env, int r, int *index)
{
    const struct sheet_eval *se = sheet_eval_state(env);

    if (se == NULL || r < 0 || r >= se->nrows)
        return -1;
    *index = se->rows[r] % ROW_KIND;
    return se->rows[r] / ROW_KIND;
}

static void
wide(struct rows *rs, char *text, unsigned flags)
{
    sheet_eval_wide(rs->s, add_row(rs, RK_TEXT, 0), C_CODE, text, flags);
}

/* A computed figure: label, value (taken over), its working (taken over, NULL: none). */
static void
figure(struct rows *rs, const char *label, char *value, char *basis, unsigned flags)
{
    int r = add_row(rs, RK_TEXT, 0);

    sheet_set(rs->s, r, C_ITEM, xstrdup(label), 0);
    sheet_set(rs->s, r, C_VALUE, value, SHEET_NUM | flags);
    if (basis != NULL) {
        sheet_note(rs->s, r, C_BASIS, xstrdup(basis));
        sheet_set(rs->s, r, C_BASIS, basis, SHEET_DIM);
    }
}

static const struct maturity_result *
result(const struct sheet_eval *se)
{
    return se->ok && se->be.mat_ok ? &se->be.mat : NULL;
}

static char *
n2(double v)
{
    return sheet_num(v, 2);
}

/* "三星（暂定）" (caller frees). */
static char *
stars(const struct sheet_env *env, const struct maturity_result *m)
{
    return xasprintf("%s%s", m->grade != NULL ? (env->lang == LANG_EN ? m->grade->name_en
                                                                      : m->grade->name_zh) : "?",
                     m->provisional ? SHEET_TR(env, "（暂定）", " (provisional)") : "");
}

static void
summary(const struct sheet_env *env, struct rows *rs)
{
    const struct maturity_result *m = result(rs->se);
    char *x, *y, *i, *g;

    if (m == NULL) {
        wide(rs, xasprintf(SHEET_TR(env, "无法评分：%s", "Cannot be scored: %s"),
                           rs->se->be.mat_why != NULL ? rs->se->be.mat_why : ""), SHEET_WARN);
        return;
    }
    x = n2(m->qualitative);
    y = m->quant.ok ? n2(m->quant.points) : xstrdup("—");
    i = n2(m->total);
    g = stars(env, m);
    wide(rs,
         xasprintf(SHEET_TR(env, "定性 %s　定量 %s　总分 I %s　星级 %s",
                            "Qualitative %s · quantitative %s · total I %s · %s"),
                   x, y, i, g),
         0);
    free(x);
    free(y);
    free(i);
    free(g);
}

static const struct eval_entry *
entry_of(const struct sheet_eval *se, const char *code)
{
    const struct eval_entry *last = NULL;
    size_t i;

    for (i = 0; se->ok && i < se->be.nmat_entries; i++)
        if (strcmp(se->be.mat_entries[i].code, code) == 0)
            last = &se->be.mat_entries[i];
    return last;
}

static void
criterion(const struct sheet_env *env, struct rows *rs, size_t k)
{
    const struct maturity_item *d = &env->app->maturity->items[k];
    const struct eval_entry *e = entry_of(rs->se, d->code);
    const struct wb_assessment *a = plan_assessment(&rs->se->be.bn.plan, env->y->year, "maturity",
                                                    d->code);
    int r = add_row(rs, RK_ITEM, (int)k), scored = e != NULL && e->has_value;
    struct wb_evidence none = {0};

    sheet_set(rs->s, r, C_CODE, xstrdup(d->code), 0);
    sheet_set(rs->s, r, C_ITEM, xstrdup(env->lang == LANG_EN ? d->text_en : d->text_zh), 0);
    sheet_set(rs->s, r, C_MAX, n2(d->max), SHEET_NUM | SHEET_DIM);
    sheet_set(rs->s, r, C_VALUE, sheet_eval_points(scored, scored ? e->value : 0),
              SHEET_EDIT | SHEET_NUM | (scored ? 0 : SHEET_DIM));
    sheet_set(rs->s, r, C_EV, xstrdup(e != NULL && e->evidence != NULL ? e->evidence : ""),
              SHEET_EDIT);
    sheet_eval_file_cell(rs->s, r, C_FILE, a != NULL ? &a->ev : &none);
    sheet_set(rs->s, r, C_NOTE, xstrdup(e != NULL && e->note != NULL ? e->note : ""), SHEET_EDIT);
    sheet_set(rs->s, r, C_WHO, xstrdup(e != NULL && e->assessor != NULL ? e->assessor : ""),
              SHEET_DIM);
}

static void
qualitative(const struct sheet_env *env, struct rows *rs)
{
    const struct maturity_defs *md = env->app->maturity;
    char *total = n2(md->total);
    size_t k;

    wide(rs,
         xasprintf(SHEET_TR(env, "定性评价（表A.1，%s 分，评审人逐项给分）",
                            "Qualitative (Table A.1, %s points, scored by the assessor)"),
                   total),
         0);
    free(total);
    for (k = 0; k < md->nitems; k++) {
        const struct maturity_item *d = &md->items[k], *p = k > 0 ? &md->items[k - 1] : NULL;

        if (p == NULL || p->l1 != d->l1)
            wide(rs, xasprintf("M%d %s", d->l1, env->lang == LANG_EN ? d->level1_en : d->level1_zh),
                 0);
        if (p == NULL || p->l1 != d->l1 || p->l2 != d->l2)
            wide(rs, xasprintf("  M%d.%d %s", d->l1, d->l2, env->lang == LANG_EN ? d->level2_en
                                                                                 : d->level2_zh),
                 SHEET_DIM);
        criterion(env, rs, k);
    }
}

static void
quantitative(const struct sheet_env *env, struct rows *rs)
{
    const struct maturity_result *m = result(rs->se);
    const struct maturity_quant *q = m != NULL ? &m->quant : NULL;

    wide(rs,
         xstrdup(SHEET_TR(env, "定量评价（表A.2，由工作簿计算）",
                          "Quantitative (Table A.2, computed from the workbook)")),
         0);
    if (q == NULL)
        return;
    figure(rs, SHEET_TR(env, "方法", "Method"),
           xstrdup(q->method == MM_ADVANCED ? SHEET_TR(env, "先进值", "advanced")
                                            : SHEET_TR(env, "历史法", "historical")),
           xstrdup(q->words != NULL ? q->words : ""), 0);
    figure(rs, SHEET_TR(env, "碳排放强度（式(1)）", "Carbon intensity (formula (1))"),
           q->has_intensity ? sheet_num(q->intensity, 4) : xstrdup("—"),
           xstrdup(q->unit != NULL ? q->unit : ""), q->has_intensity ? 0 : SHEET_DIM);
    figure(
        rs, SHEET_TR(env, "参照值", "Reference"),
        q->has_reference ? sheet_num(q->reference, 4) : xstrdup("—"),
        q->ref_year != 0
            ? xasprintf(SHEET_TR(env, "历史最优年度 %d", "the best earlier year, %d"), q->ref_year)
            : xstrdup(q->method == MM_ADVANCED ? SHEET_TR(env, "行业先进值（@advanced）",
                                                          "the industry advanced value (@advanced)")
                                               : ""),
        q->has_reference ? 0 : SHEET_DIM);
    figure(rs, SHEET_TR(env, "偏差 %", "Deviation %"), q->ok ? n2(q->deviation_pct) : xstrdup("—"),
           xstrdup(q->method == MM_ADVANCED
                       ? SHEET_TR(env, "高于先进值的百分比", "per cent above the advanced value")
                       : SHEET_TR(env, "较历史最优年度的下降百分比",
                                  "per cent decline from the best earlier year")),
           q->ok ? 0 : SHEET_DIM);
    figure(rs, SHEET_TR(env, "定量得分", "Quantitative points"),
           q->ok ? n2(q->points) : xstrdup("—"),
           q->band != NULL ? xasprintf("%s %s", q->band->code,
                                       env->lang == LANG_EN ? q->band->text_en : q->band->text_zh)
                           : NULL,
           q->ok ? 0 : SHEET_DIM);
}

/* A setting's value in effect: the last entry, else the default. */
static double
setting_value(const struct sheet_eval *se, const struct maturity_setting_def *d, int *entered)
{
    const struct eval_entry *e = entry_of(se, d->key);

    *entered = e != NULL && e->has_value;
    return *entered ? e->value : d->def;
}

/* A text row: words[k] with its text in the note column. */
static void
words_row(const struct sheet_env *env, struct rows *rs, int k)
{
    sheet_eval_text_row(env, rs->s, add_row(rs, RK_WORDS, k), "maturity", words[k], C_CODE, C_ITEM,
                        C_NOTE);
}

/* The custom denominator (@denominator 2): its name and unit, and this year's value. */
static void
custom(const struct sheet_env *env, struct rows *rs)
{
    const struct wb_assessment *a = plan_assessment(&rs->se->be.bn.plan, env->y->year, "maturity",
                                                    CUSTOM);
    int r;

    words_row(env, rs, 0);
    words_row(env, rs, 1);
    r = add_row(rs, RK_CUSTOM, 0);
    sheet_set(rs->s, r, C_CODE, xstrdup(CUSTOM), 0);
    sheet_set(rs->s, r, C_ITEM,
              xstrdup(SHEET_TR(env, "自定义分母本年的数值", "The custom denominator this year")),
              0);
    sheet_set(rs->s, r, C_VALUE, a != NULL && a->has_value ? sheet_num(a->value, 4) : xstrdup(""),
              SHEET_EDIT | SHEET_NUM);
    sheet_set(
        rs->s, r, C_BASIS,
        xstrdup(SHEET_TR(
            env, "@denominator 取 2 时：强度 = 总排放 tCO₂e ÷ 此值（002 §12.3.1 式(1)）",
            "With @denominator 2: intensity = total tCO₂e ÷ this value (002 §12.3.1 formula (1))")),
        SHEET_DIM);
}

/* The evaluation report's texts, below the result. */
static void
report(const struct sheet_env *env, struct rows *rs)
{
    int k;

    wide(rs,
         xstrdup(SHEET_TR(
             env, "评价报告（文字写在“评审记录”列，全文见提示行）",
             "The evaluation report (the text in the Note column, in full on the help line)")),
         0);
    for (k = 2; k < (int)nitems(words); k++)
        words_row(env, rs, k);
}

static void
settings(const struct sheet_env *env, struct rows *rs)
{
    const struct maturity_defs *md = env->app->maturity;
    const struct eval_entry *adv = entry_of(rs->se, MATURITY_ADVANCED);
    size_t k;
    int r, entered;

    wide(rs,
         xstrdup(SHEET_TR(env, "设置（草案留作 ** 的取值；改 a1 时 a2 = 1 − a1）",
                          "Settings (what the draft leaves as **; setting a1 sets a2 = 1 − a1)")),
         0);
    for (k = 0; k < md->nsettings; k++) {
        const struct maturity_setting_def *d = &md->settings[k];
        double v = setting_value(rs->se, d, &entered);
        char *def = sheet_num(d->def, 4);

        r = add_row(rs, RK_SETTING, (int)k);
        sheet_set(rs->s, r, C_CODE, xstrdup(d->key), 0);
        sheet_set(rs->s, r, C_ITEM, xstrdup(env->lang == LANG_EN ? d->label_en : d->label_zh), 0);
        sheet_set(rs->s, r, C_VALUE, sheet_num(v, 4),
                  SHEET_EDIT | SHEET_NUM | (entered ? 0 : SHEET_DIM));
        sheet_set(
            rs->s, r, C_BASIS,
            xasprintf(SHEET_TR(env, "默认 %s%s；草案：%s；%s", "default %s%s; the draft: %s; %s"),
                      def, entered ? "" : SHEET_TR(env, "（在用）", " (in use)"), d->draft,
                      d->source),
            SHEET_DIM);
        sheet_note(rs->s, r, C_BASIS, xstrdup(sheet_cell(rs->s, r, C_BASIS)->text));
        free(def);
    }
    r = add_row(rs, RK_ADVANCED, 0);
    sheet_set(rs->s, r, C_CODE, xstrdup(MATURITY_ADVANCED), 0);
    sheet_set(rs->s, r, C_ITEM,
              xstrdup(SHEET_TR(env, "行业先进值（强度的单位）",
                               "Industry advanced value (the intensity's unit)")),
              0);
    sheet_set(rs->s, r, C_VALUE,
              adv != NULL && adv->has_value ? sheet_num(adv->value, 4) : xstrdup(""),
              SHEET_EDIT | SHEET_NUM);
    sheet_set(
        rs->s, r, C_BASIS,
        xstrdup(SHEET_TR(env, "有则用先进值法，留空用历史法（002 §12.3.2）",
                         "Given: the advanced method; empty: the historical one (002 §12.3.2)")),
        SHEET_DIM);
    custom(env, rs);
}

/* I = a1 × X + a2 × Y with the numbers (formula (3)). */
static void
total_row(const struct sheet_env *env, struct rows *rs, const struct maturity_result *m)
{
    char *a1 = sheet_num(m->a1, 4), *x = n2(m->qualitative), *a2 = sheet_num(m->a2, 4);
    char *y = n2(m->quant.ok ? m->quant.points : 0);

    figure(rs, SHEET_TR(env, "总分 I", "Total I"), n2(m->total),
           xasprintf("= a1 × X + a2 × Y = %s × %s + %s × %s", a1, x, a2, y), 0);
    free(a1);
    free(x);
    free(a2);
    free(y);
}

static void
outcome(const struct sheet_env *env, struct rows *rs)
{
    const struct maturity_result *m = result(rs->se);
    struct strbuf sb = {0};
    char *codes;
    size_t i;

    wide(rs,
         xstrdup(SHEET_TR(env, "结果（002 §12.5 式(3)、表22）",
                          "Result (002 §12.5 formula (3), Table 22)")),
         0);
    if (m == NULL)
        return;
    figure(rs, SHEET_TR(env, "定性 X", "Qualitative X"), n2(m->qualitative),
           xasprintf(SHEET_TR(env, "%zu / %zu 项已评分", "%zu of %zu criteria scored"), m->nscored,
                     m->nitems),
           0);
    figure(rs, SHEET_TR(env, "定量 Y", "Quantitative Y"),
           m->quant.ok ? n2(m->quant.points) : xstrdup("—"), NULL, m->quant.ok ? 0 : SHEET_DIM);
    total_row(env, rs, m);
    figure(rs, SHEET_TR(env, "星级", "Stars"), stars(env, m), NULL, 0);
    for (i = 0; i < m->nunscored; i++) {
        sb_append(&sb, i > 0 ? " " : "");
        sb_append(&sb, m->unscored[i]);
    }
    if (!m->quant.ok)
        sb_append(&sb,
                  SHEET_TR(env, m->nunscored > 0 ? "；定量未评分" : "定量未评分",
                           m->nunscored > 0 ? "; the quantitative part" : "the quantitative part"));
    codes = sb_take(&sb);
    figure(rs, SHEET_TR(env, "暂定", "Provisional"),
           xstrdup(m->provisional ? SHEET_TR(env, "是", "yes") : SHEET_TR(env, "否", "no")),
           m->provisional ? xasprintf(SHEET_TR(env, "未评分：%s", "unscored: %s"), codes) : NULL,
           m->provisional ? SHEET_WARN : 0);
    free(codes);
}

static void
build(const struct sheet_env *env, struct sheet *s)
{
    const struct maturity_defs *md = env->app->maturity;
    const int *widths = env->lang == LANG_EN ? widths_en : widths_zh;
    struct sheet_eval *se = sheet_eval_load(env);
    struct rows rs = {s, se, 0};
    size_t k;
    int c, room = FIXED_ROWS + (int)md->nsettings;

    for (k = 0; k < md->nitems; k++)        /* each criterion, with its level headings */
        room += 1
                + (k == 0 || md->items[k].l2 != md->items[k - 1].l2
                   || md->items[k].l1 != md->items[k - 1].l1)
                + (k == 0 || md->items[k].l1 != md->items[k - 1].l1);
    free(se->rows);
    se->rows = xcalloc((size_t)room, sizeof(*se->rows));
    se->nrows = 0;
    if (!se->ok) {
        sheet_init(s, 0, NCOLS, 2);
        s->empty = xstrdup(se->why);
        return;
    }
    sheet_init(s, room, NCOLS, 2);
    for (c = 0; c < NCOLS; c++)
        sheet_head(s, c, sheet_label(env, keys[c]), widths[c]);
    summary(env, &rs);
    wide(&rs, xstrdup(maturity_note(env->lang)), SHEET_DIM);
    qualitative(env, &rs);
    quantitative(env, &rs);
    settings(env, &rs);
    outcome(env, &rs);
    report(env, &rs);
    for (c = rs.n * NCOLS; c < room * NCOLS; c++) {     /* the rows counted but not used */
        free(s->cells[c].text);
        free(s->cells[c].note);
    }
    s->nrows = se->nrows = rs.n;
    s->start_row = 5;                   /* the first criterion: summary, note, three headings */
    s->start_col = C_VALUE;
}

static char *
title_note(const struct sheet_env *env)
{
    const struct sheet_eval *se = sheet_eval_state(env);
    const struct maturity_result *m = se != NULL ? result(se) : NULL;
    char *t, *g, *s;

    if (m == NULL)
        return NULL;
    t = n2(m->total);
    g = stars(env, m);
    s = xasprintf(SHEET_TR(env, "总分 %s %s · 草案", "total %s %s · a draft"), t, g);
    free(t);
    free(g);
    return s;
}

/* Checks the settings with code set to (has, v) as maturity_settings reads them all. */
static enum err
settings_hold(const struct sheet_env *env, const char *code, int has, double v, const char *code2,
              double v2, struct sheet_out *out)
{
    const struct sheet_eval *se = sheet_eval_state(env);
    size_t n = se->be.nmat_entries;
    struct eval_entry *es = xcalloc(n + 2, sizeof(*es));
    struct maturity_setting_value *sv = NULL;
    char *cause = NULL;
    enum err e;

    if (n > 0)
        memcpy(es, se->be.mat_entries, n * sizeof(*es));
    es[n++] = (struct eval_entry){.code = code, .has_value = has, .value = v};
    if (code2 != NULL)
        es[n++] = (struct eval_entry){.code = code2, .has_value = has, .value = v2};
    e = maturity_settings(env->app->maturity, es, n, env->lang, &sv, &cause);
    free(sv);
    free(es);
    return e == ERR_OK ? ERR_OK : sheet_fail(out, ERR_INPUT, cause);
}

/* Saves the value (has, v) of entry code, and of code2 with v2 when given, as one step. */
static enum err
save_values(const struct sheet_env *env, const char *code, int has, double v, const char *code2,
            double v2, const char *what, struct sheet_out *out)
{
    struct wb_assessment a;
    char *cause = NULL;
    enum err e;

    if (code2 != NULL && (e = store_begin(env->st, &cause)) != ERR_OK)
        return sheet_fail(out, e, cause);
    sheet_eval_entry(env, "maturity", code, &a);
    a.has_value = has;
    a.value = v;
    e = sheet_eval_save(env, &a, what, out);
    plan_assessment_free(&a);
    if (e == ERR_OK && code2 != NULL) {
        sheet_eval_entry(env, "maturity", code2, &a);
        a.has_value = has;
        a.value = v2;
        e = sheet_eval_save(env, &a, what, out);
        plan_assessment_free(&a);
    }
    if (code2 != NULL && e != ERR_OK)
        store_rollback(env->st);
    else if (code2 != NULL && (e = store_commit(env->st, &cause)) != ERR_OK)
        return sheet_fail(out, e, cause);
    return e;
}

static enum err
commit_setting(const struct sheet_env *env, int kind, int k, const char *text,
               struct sheet_out *out)
{
    const struct maturity_setting_def *d =
        kind == RK_SETTING ? &env->app->maturity->settings[k] : NULL;
    const char *code = d != NULL ? d->key : kind == RK_CUSTOM ? CUSTOM : MATURITY_ADVANCED;
    const char *other = NULL;
    char *cause = NULL;
    double v, v2 = 0;
    int has;

    if (sheet_eval_number(env, text, &has, &v, out) != ERR_OK)
        return ERR_INPUT;
    if (has && d != NULL && maturity_setting_valid(d, v, env->lang, &cause) != ERR_OK)
        return sheet_fail(out, ERR_INPUT, cause);
    if (has && kind == RK_CUSTOM && !(v > 0))
        return sheet_fail(
            out, ERR_INPUT,
            xstrdup(SHEET_TR(env, "自定义分母的数值须大于 0（留空即清除）",
                             "The custom denominator must be above 0 (empty clears it)")));
    if (has && d == NULL && !(v > 0))
        return sheet_fail(
            out, ERR_INPUT,
            xstrdup(SHEET_TR(env, "行业先进值须大于 0（留空则用历史法）",
                             "The advanced value must be above 0 (empty: the historical method)")));
    if (d != NULL && (strcmp(code, "@a1") == 0 || strcmp(code, "@a2") == 0)) {
        other = strcmp(code, "@a1") == 0 ? "@a2" : "@a1";
        v2 = round((1 - v) * 1e6) / 1e6;    /* the weights add up to 1 (formula (3)) */
    }
    if (d != NULL && settings_hold(env, code, has, v, other, v2, out) != ERR_OK)
        return ERR_INPUT;
    return save_values(env, code, has, v, other, v2, code, out);
}

static enum err
commit(const struct sheet_env *env, const struct sheet *s, int r, int c, const char *text,
       struct sheet_out *out)
{
    const struct sheet_cell *cl = sheet_cell(s, r, c);
    const struct maturity_item *d;
    struct wb_assessment a;
    char *cause = NULL, *what;
    enum err e = ERR_OK;
    int k = 0, kind = row_kind(env, r, &k), has;
    double v;

    if (cl == NULL || !(cl->flags & SHEET_EDIT) || !sheet_eval_state(env)->ok)
        return ERR_NOTFOUND;
    if (kind == RK_SETTING || kind == RK_ADVANCED || kind == RK_CUSTOM)
        return c == C_VALUE ? commit_setting(env, kind, k, text, out) : ERR_NOTFOUND;
    if (kind == RK_WORDS)
        return c == C_NOTE ? sheet_eval_put_text(env, "maturity", words[k], text, out)
                           : ERR_NOTFOUND;
    if (kind != RK_ITEM)
        return ERR_NOTFOUND;
    d = &env->app->maturity->items[k];
    sheet_eval_entry(env, "maturity", d->code, &a);
    if (c == C_VALUE) {
        if ((e = sheet_eval_number(env, text, &has, &v, out)) == ERR_OK && has
            && maturity_entry_valid(d, v, env->lang, &cause) != ERR_OK)
            e = sheet_fail(out, ERR_INPUT, cause);
        a.has_value = has;
        a.value = v;
    } else {
        e = sheet_eval_field(env, keys[c], text, &a, out);
    }
    what = xasprintf("%s %s", d->code, s->heads[c]);
    if (e == ERR_OK)
        e = sheet_eval_save(env, &a, what, out);
    free(what);
    plan_assessment_free(&a);
    return e;
}

static const char *
help(const struct sheet_env *env, const struct sheet *s, int row, int col)
{
    struct sheet_eval *se = sheet_eval_state(env);
    const struct maturity_item *d;
    int k = 0, kind = row_kind(env, row, &k);
    char *max, *step;

    if (kind == RK_WORDS)
        return sheet_eval_text_help(env, words[k], sheet_cell(s, row, C_NOTE)->text);
    if (kind != RK_ITEM)
        return kind == RK_SETTING && env->app->maturity->settings[k].key[1] == 'a'
               ? SHEET_TR(env, "a1 + a2 = 1：改其一，另一个随之改为 1 减它（一步撤销）",
                          "a1 + a2 = 1: setting one sets the other to 1 minus it (one undo)")
               : NULL;
    d = &env->app->maturity->items[k];
    if (col == C_FILE) {
        const struct wb_assessment *a = plan_assessment(&se->be.bn.plan, env->y->year, "maturity",
                                                        d->code);
        struct wb_evidence none = {0};

        return sheet_eval_file_help(env, a != NULL ? &a->ev : &none);
    }
    if (col != C_VALUE && col != C_ITEM && col != C_CODE)
        return sheet_field_help(env, forms_field(env->step->form, keys[col]));
    free(se->help);
    max = n2(d->max);
    step = n2(d->step);
    se->help = xasprintf(
        SHEET_TR(env, "%s %s（0–%s 分，步长 %s）：%s", "%s %s (0–%s points, in steps of %s): %s"),
        d->code, env->lang == LANG_EN ? d->level2_en : d->level2_zh, max, step,
        env->lang == LANG_EN ? d->text_en : d->text_zh);
    free(max);
    free(step);
    return se->help;
}

/* Enter on a criterion's score: its steps 0 … max; on the denominator: the three. */
static int
cell_choice(const struct sheet_env *env, const struct sheet *s, int row, int col,
            struct sheet_choice *c)
{
    static const char *const denom_zh[] = {"0 建筑面积（kgCO₂e/m²）", "1 用能人数（tCO₂e/人）", "2 自定义"};
    static const char *const denom_en[] = {"0 building area (kgCO₂e/m²)",
                                           "1 headcount (tCO₂e/person)", "2 custom"};
    int k, kind = row_kind(env, row, &k);
    size_t n, i;

    (void)s;
    if (col != C_VALUE)
        return 0;
    memset(c, 0, sizeof(*c));
    if (kind == RK_SETTING && strcmp(env->app->maturity->settings[k].key, "@denominator") == 0) {
        c->title = xstrdup(SHEET_TR(env, "碳排放强度的分母", "The intensity's denominator"));
        c->labels = xcalloc(MD__COUNT + 1, sizeof(*c->labels));
        c->values = xcalloc(MD__COUNT + 1, sizeof(*c->values));
        for (i = 0; i < MD__COUNT; i++) {
            c->labels[i] = xstrdup(env->lang == LANG_EN ? denom_en[i] : denom_zh[i]);
            c->values[i] = xasprintf("%zu", i);
        }
        c->n = MD__COUNT;
        return 1;
    }
    if (kind != RK_ITEM || env->app->maturity->items[k].step <= 0)
        return 0;
    n = (size_t)(env->app->maturity->items[k].max / env->app->maturity->items[k].step + 0.5) + 1;
    if (n > 21)
        return 0;
    c->title =
        xasprintf(SHEET_TR(env, "%s 的得分", "Points for %s"), env->app->maturity->items[k].code);
    sheet_eval_point_choices(env, c, NULL, env->app->maturity->items[k].step, n);
    return 1;
}

static enum sheet_del
del_what(const struct sheet_env *env, const struct sheet *s, int row, int col, char **question)
{
    const struct sheet_cell *c = sheet_cell(s, row, col);
    int k, kind = row_kind(env, row, &k);

    (void)question;
    return (kind == RK_ITEM || kind == RK_SETTING || kind == RK_ADVANCED || kind == RK_WORDS
            || kind == RK_CUSTOM) && c != NULL
           && (c->flags & SHEET_EDIT) && c->text[0] != '\0' && strcmp(c->text, "—") != 0
           ? SHEET_DEL_CLEAR : SHEET_DEL_NONE;
}

static enum err
del(const struct sheet_env *env, const struct sheet *s, int row, int col, struct sheet_out *out)
{
    return sheet_clear(&sheet_maturity, env, s, row, col, s->heads[col], out);
}

const struct sheet_ops sheet_maturity = {
    .name = "maturity",
    .build = build,
    .commit = commit,
    .help = help,
    .advance = sheet_eval_advance,
    .cell_choice = cell_choice,
    .del_what = del_what,
    .del = del,
    .title_note = title_note,
    .state_free = sheet_eval_free,
    .scores = 1,
};
