/*
 * sheet_zerocarbon.c - E.1 零碳机关评价 (000 §6): the 41 indicators of the table under their first-
 * and second-level headings, each with its attribute, points, score (— while unscored), how it is
 * scored, the value entered (a reference, a percentage or the points: zc_value_kind), the working
 * in words, the evidence, the assessor's note and who entered it; above them the total, the grade
 * (with the veto of 1.1.1), what is still unscored, how the rules are read and the table's 41 rows
 * against the text's 42. Scored afresh on every rebuild (book_evaluate). A value typed is checked
 * by zc_entry_valid and refused with the reason, the text kept; each change is one undoable entry.
 */
#include "sheet/sheet.h"

#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/text.h"

enum { C_CODE, C_NAME, C_ATTR, C_MAX, C_SCORE, C_HOW, C_VALUE, C_BASIS, C_EV, C_FILE, C_NOTE, C_WHO,
       NCOLS };

static const char *const keys[NCOLS] = {"code", "name", "attribute", "max", "score", "how",
                                        "value", "basis", "evidence", "evidence_file", "note",
                                        "assessor"};
static const int widths_zh[NCOLS] = {6, 18, 6, 4, 5, 4, 8, 28, 14, 12, 16, 8};
static const int widths_en[NCOLS] = {6, 22, 10, 4, 5, 8, 8, 28, 14, 12, 16, 8};

/* What a row is, beyond the items (0 … n-1: the item of that index); a report text k is
   ROW_TEXT - k. */
enum { ROW_TOTAL = -1, ROW_READING = -2, ROW_TABLE = -3, ROW_HEADING = -4, ROW_TEXT = -10 };
#define HEAD_ROWS 3
/* Below the items: the report's heading and its texts (the note column holds the text). */
#define TAIL_ROWS (1 + SHEET_EVAL_NREPORT)

/* The report text (sheet_eval_report's index) of row r, or -1. */
static int
text_at(const struct sheet_env *env, int r)
{
    const struct sheet_eval *se = sheet_eval_state(env);
    int k;

    if (se == NULL || !se->ok || r < 0 || r >= se->nrows)
        return -1;
    k = ROW_TEXT - se->rows[r];
    return k >= 0 && k < SHEET_EVAL_NREPORT ? k : -1;
}

static const char *
how_word(const struct sheet_env *env, enum zc_how how)
{
    switch (how) {
    case ZC_COMPUTED: return SHEET_TR(env, "计算", "computed");
    case ZC_ENTERED: return SHEET_TR(env, "录入", "entered");
    default: return SHEET_TR(env, "评审", "assessor");
    }
}

/* The item of row r, or NULL for a heading or a summary row. */
static const struct zc_item *
item_at(const struct sheet_env *env, int r)
{
    const struct sheet_eval *se = sheet_eval_state(env);

    if (se == NULL || !se->ok || r < 0 || r >= se->nrows || se->rows[r] < 0)
        return NULL;
    return &se->be.zc.items[se->rows[r]];
}

/* A text over the whole line, in full on the help line. */
static void
wide(struct sheet *s, struct sheet_eval *se, int r, int what, char *text, unsigned flags)
{
    se->rows[r] = what;
    sheet_eval_wide(s, r, C_CODE, text, flags);
}

/* "零碳达标机关（暂定：12 项未评分）", the grade with the veto and what is unscored (caller frees). */
static char *
grade_words(const struct sheet_env *env, const struct zc_result *z)
{
    char *veto = z->veto ? xstrdup(SHEET_TR(env, "（一票否决：1.1.1 未通过）", " (vetoed: 1.1.1 fails)"))
                         : xstrdup("");
    char *prov = z->provisional ? xasprintf(SHEET_TR(env, "（暂定：%zu 项未评分）",
                                                     " (provisional: %zu unscored)"), z->nunscored)
                                : xstrdup("");
    char *s = xasprintf("%s%s%s", z->grade != NULL ? zc_grade_name(z->grade, env->lang) : "?", veto,
                        prov);

    free(veto);
    free(prov);
    return s;
}

static void
summary(const struct sheet_env *env, struct sheet *s, struct sheet_eval *se)
{
    const struct zc_result *z = &se->be.zc;
    char *total = sheet_num(z->total, 2), *max = sheet_num(env->app->zc->total, 2);
    char *grade = grade_words(env, z), *line, *codes;
    struct strbuf sb = {0};
    size_t i;

    line = xasprintf(SHEET_TR(env, "总分 %s / %s　等级 %s", "Total %s / %s · grade %s"), total, max,
                     grade);
    wide(s, se, 0, ROW_TOTAL, line, z->veto ? SHEET_WARN : 0);
    for (i = 0; i < z->nunscored; i++) {
        sb_append(&sb, i > 0 ? " " : "");
        sb_append(&sb, z->unscored[i]);
    }
    codes = sb_take(&sb);
    if (z->nunscored > 0)
        sheet_note(s, 0, C_CODE, xasprintf(SHEET_TR(env, "%s · 未评分：%s", "%s · unscored: %s"), line,
                                           codes));
    free(codes);
    wide(s, se, 1, ROW_READING, xstrdup(z->reading), SHEET_DIM);
    wide(s, se, 2, ROW_TABLE, xstrdup(z->table_note != NULL ? z->table_note : ""), SHEET_DIM);
    free(total);
    free(max);
    free(grade);
}

/* The points the items of a level scored: of level2 code l2, or (l2 NULL) of level 1 l1. */
static double
level_score(const struct zc_result *z, const char *l1, const char *l2)
{
    double v = 0;
    size_t i;

    for (i = 0; i < z->n; i++) {
        const struct zc_def *d = z->items[i].def;

        if (z->items[i].scored && (l2 != NULL ? strcmp(d->level2_code, l2) == 0
                                              : strcmp(zc_level1(d, LANG_ZH), l1) == 0))
            v += z->items[i].score;
    }
    return v;
}

static void
heading(const struct sheet_env *env, struct sheet *s, struct sheet_eval *se, int r,
        const struct zc_def *d, int level)
{
    const struct zc_result *z = &se->be.zc;
    char *got, *max;

    if (level == 1) {
        got = sheet_num(level_score(z, zc_level1(d, LANG_ZH), NULL), 2);
        max = sheet_num(d->level1_max, 2);
        wide(s, se, r, ROW_HEADING,
             xasprintf(SHEET_TR(env, "%.*s %s　得分 %s / %s", "%.*s %s: %s / %s"),
                       (int)strcspn(d->code, "."), d->code, zc_level1(d, env->lang), got, max),
             0);
    } else {
        got = sheet_num(level_score(z, NULL, d->level2_code), 2);
        max = sheet_num(d->level2_max, 2);
        wide(s, se, r, ROW_HEADING,
             xasprintf(SHEET_TR(env, "  %s %s　得分 %s / %s", "  %s %s: %s / %s"), d->level2_code,
                       zc_level2(d, env->lang), got, max),
             SHEET_DIM);
    }
    free(got);
    free(max);
}

static void
item_row(const struct sheet_env *env, struct sheet *s, struct sheet_eval *se, int r, size_t i)
{
    const struct zc_item *it = &se->be.zc.items[i];
    const struct zc_def *d = it->def;
    const struct wb_assessment *a = plan_assessment(&se->be.bn.plan, env->y->year, "zc", d->code);
    int takes = zc_value_kind(d) != ZV_NONE;

    se->rows[r] = (int)i;
    sheet_set(s, r, C_CODE, xstrdup(d->code), 0);
    sheet_set(s, r, C_NAME, xstrdup(zc_name(d, env->lang)), 0);
    sheet_set(s, r, C_ATTR, xstrdup(zc_attribute(d, env->lang)), SHEET_DIM);
    sheet_set(s, r, C_MAX, sheet_num(d->max, 2), SHEET_NUM | SHEET_DIM);
    sheet_set(s, r, C_SCORE, sheet_eval_points(it->scored, it->score),
              SHEET_NUM | (it->scored ? 0 : SHEET_DIM)
              | (d->rule.kind == ZK_VETO && it->scored && it->score <= 0 ? SHEET_WARN : 0));
    if (d->rule.kind == ZK_VETO && it->scored && it->score <= 0)
        sheet_note(s, r, C_SCORE, xasprintf(SHEET_TR(env, "一票否决：%s", "Veto: %s"), it->inputs));
    sheet_set(s, r, C_HOW, xstrdup(how_word(env, it->how)), SHEET_DIM);
    sheet_set(s, r, C_VALUE, a != NULL && a->has_value ? sheet_num(a->value, 4) : xstrdup(""),
              takes ? SHEET_EDIT | SHEET_NUM : SHEET_DIM);
    sheet_set(s, r, C_BASIS, xstrdup(it->inputs != NULL ? it->inputs : ""), SHEET_DIM);
    if (it->inputs != NULL && it->inputs[0] != '\0')
        sheet_note(s, r, C_BASIS, xstrdup(it->inputs));
    sheet_set(s, r, C_EV, xstrdup(it->evidence != NULL ? it->evidence : ""), SHEET_EDIT);
    if (a != NULL)
        sheet_eval_file_cell(s, r, C_FILE, &a->ev);
    else
        sheet_set(s, r, C_FILE, xstrdup(""), SHEET_EDIT);
    sheet_set(s, r, C_NOTE, xstrdup(it->note != NULL ? it->note : ""), SHEET_EDIT);
    sheet_set(s, r, C_WHO, xstrdup(it->assessor != NULL ? it->assessor : ""), SHEET_DIM);
}

static void
build(const struct sheet_env *env, struct sheet *s)
{
    const int *widths = env->lang == LANG_EN ? widths_en : widths_zh;
    struct sheet_eval *se = sheet_eval_load(env);
    const struct zc_result *z = &se->be.zc;
    size_t i;
    int c, r, n;

    free(se->rows);
    se->rows = NULL;
    se->nrows = 0;
    if (!se->ok) {
        sheet_init(s, 0, NCOLS, 2);
        s->empty = xstrdup(se->why);
        return;
    }
    for (i = 0, n = HEAD_ROWS + TAIL_ROWS; i < z->n; i++, n++) {
        if (i == 0 || strcmp(z->items[i].def->level2_code, z->items[i - 1].def->level2_code) != 0)
            n++;
        if (i == 0
            || strcmp(zc_level1(z->items[i].def, LANG_ZH), zc_level1(z->items[i - 1].def, LANG_ZH))
                   != 0)
            n++;
    }
    sheet_init(s, n, NCOLS, 2);         /* the code and the name stay in sight */
    for (c = 0; c < NCOLS; c++)
        sheet_head(s, c, sheet_label(env, keys[c]), widths[c]);
    se->rows = xcalloc((size_t)n, sizeof(*se->rows));
    se->nrows = n;
    summary(env, s, se);
    for (i = 0, r = HEAD_ROWS; i < z->n; i++) {
        const struct zc_def *d = z->items[i].def, *prev = i > 0 ? z->items[i - 1].def : NULL;

        if (prev == NULL || strcmp(zc_level1(d, LANG_ZH), zc_level1(prev, LANG_ZH)) != 0)
            heading(env, s, se, r++, d, 1);
        if (prev == NULL || strcmp(d->level2_code, prev->level2_code) != 0)
            heading(env, s, se, r++, d, 2);
        item_row(env, s, se, r++, i);
    }
    wide(s, se, r++, ROW_HEADING,
         xstrdup(SHEET_TR(
             env, "评价报告（文字写在“评审记录”列，全文见提示行）",
             "The evaluation report (the text in the Note column, in full on the help line)")),
         0);
    for (c = 0; c < SHEET_EVAL_NREPORT; c++, r++) {
        se->rows[r] = ROW_TEXT - c;
        sheet_eval_text_row(env, s, r, "zc", sheet_eval_report[c], C_CODE, C_NAME, C_NOTE);
    }
    s->start_row = HEAD_ROWS + 2;       /* the first item, under its two headings */
    s->start_col = C_VALUE;
}

static char *
title_note(const struct sheet_env *env)
{
    const struct sheet_eval *se = sheet_eval_state(env);
    const struct zc_result *z;
    char *total;
    char *s;

    if (se == NULL || !se->ok)
        return NULL;
    z = &se->be.zc;
    total = sheet_num(z->total, 2);
    s = xasprintf(SHEET_TR(env, "总分 %s/100 %s%s%s", "total %s/100 %s%s%s"), total,
                  z->grade != NULL ? zc_grade_name(z->grade, env->lang) : "?",
                  z->veto ? SHEET_TR(env, "（一票否决）", " (vetoed)") : "",
                  z->provisional ? SHEET_TR(env, "（暂定）", " (provisional)") : "");
    free(total);
    return s;
}

static enum err
commit(const struct sheet_env *env, const struct sheet *s, int r, int c, const char *text,
       struct sheet_out *out)
{
    const struct zc_item *it = item_at(env, r);
    const struct sheet_cell *cl = sheet_cell(s, r, c);
    struct wb_assessment a;
    char *cause = NULL;
    enum err e = ERR_OK;
    double v;
    int has;

    if (cl == NULL || !(cl->flags & SHEET_EDIT))
        return ERR_NOTFOUND;
    if (text_at(env, r) >= 0)
        return c == C_NOTE
                   ? sheet_eval_put_text(env, "zc", sheet_eval_report[text_at(env, r)], text, out)
                   : ERR_NOTFOUND;
    if (it == NULL)
        return ERR_NOTFOUND;
    sheet_eval_entry(env, "zc", it->def->code, &a);
    if (c == C_VALUE) {
        if ((e = sheet_eval_number(env, text, &has, &v, out)) == ERR_OK && has
            && zc_entry_valid(it->def, v, env->lang, &cause) != ERR_OK)
            e = sheet_fail(out, ERR_INPUT, cause);
        a.has_value = has;
        a.value = v;
    } else {
        e = sheet_eval_field(env, keys[c], text, &a, out);
    }
    if (e == ERR_OK) {
        char *what = xasprintf("%s %s", it->def->code, s->heads[c]);

        e = sheet_eval_save(env, &a, what, out);
        free(what);
    }
    plan_assessment_free(&a);
    return e;
}

static const char *
help(const struct sheet_env *env, const struct sheet *s, int row, int col)
{
    const struct zc_item *it = item_at(env, row);
    struct sheet_eval *se = sheet_eval_state(env);
    char *prompt, *max;

    if (text_at(env, row) >= 0)
        return sheet_eval_text_help(env, sheet_eval_report[text_at(env, row)],
                                    sheet_cell(s, row, C_NOTE)->text);
    if (it == NULL)
        return se != NULL && se->ok && row >= 0 && row < HEAD_ROWS ? se->be.zc.reading : NULL;
    if (col == C_FILE) {
        const struct wb_assessment *a = plan_assessment(&se->be.bn.plan, env->y->year, "zc",
                                                        it->def->code);
        struct wb_evidence none = {0};

        return sheet_eval_file_help(env, a != NULL ? &a->ev : &none);
    }
    free(se->help);
    prompt = zc_value_prompt(it->def, env->lang);
    max = sheet_num(it->def->max, 2);
    if (col == C_VALUE || col == C_SCORE || col == C_NAME || col == C_CODE)
        se->help =
            xasprintf(SHEET_TR(env, "%s %s（%s，%s 分）：%s · 取值：%s",
                               "%s %s (%s, %s points): %s · value: %s"),
                      it->def->code, zc_name(it->def, env->lang), zc_attribute(it->def, env->lang),
                      max, zc_rule_text(it->def, env->lang),
                      prompt != NULL ? prompt
                                     : SHEET_TR(env, "不录入（由工作簿数据计算）",
                                                "none (computed from the workbook)"));
    else
        se->help = xstrdup(sheet_field_help(env, forms_field(env->step->form, keys[col])));
    free(prompt);
    free(max);
    return se->help;
}

/* Enter on an assessor's points: the levels its rule allows (3.1.1: 0, 2, 2.5, 3), or its steps. */
static int
cell_choice(const struct sheet_env *env, const struct sheet *s, int row, int col,
            struct sheet_choice *c)
{
    const struct zc_item *it = item_at(env, row);
    const struct zc_rule *ru;
    size_t n;

    (void)s;
    if (it == NULL || col != C_VALUE || zc_value_kind(it->def) != ZV_POINTS)
        return 0;
    ru = &it->def->rule;
    n = ru->kind == ZK_LEVELS ? ru->n
        : ru->step > 0        ? (size_t)(it->def->max / ru->step + 0.5) + 1
                              : 0;
    if (n == 0 || n > 21)
        return 0;                       /* too many to list: typed */
    memset(c, 0, sizeof(*c));
    c->title = xasprintf(SHEET_TR(env, "%s %s 的得分", "Points for %s %s"), it->def->code,
                         zc_name(it->def, env->lang));
    sheet_eval_point_choices(env, c, ru->kind == ZK_LEVELS ? ru->pts : NULL, ru->step, n);
    return 1;
}

static enum sheet_del
del_what(const struct sheet_env *env, const struct sheet *s, int row, int col, char **question)
{
    const struct sheet_cell *c = sheet_cell(s, row, col);

    (void)question;
    return (item_at(env, row) != NULL || text_at(env, row) >= 0) && c != NULL
                   && (c->flags & SHEET_EDIT) && c->text[0] != '\0'
               ? SHEET_DEL_CLEAR
               : SHEET_DEL_NONE;
}

static enum err
del(const struct sheet_env *env, const struct sheet *s, int row, int col, struct sheet_out *out)
{
    return sheet_clear(&sheet_zerocarbon, env, s, row, col, s->heads[col], out);
}

const struct sheet_ops sheet_zerocarbon = {
    .name = "zerocarbon",
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
