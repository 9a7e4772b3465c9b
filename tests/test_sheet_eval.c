/*
 * test_sheet_eval.c - the two evaluation steps without a terminal (E.1 零碳机关评价, E.2 成熟度评价)
 * on the demo workbook (2024) and the two-year office (2023): a computed item's score and working,
 * an entered reference scoring its item, a refused value's reason, the total and grade as entries
 * come, the veto; a maturity criterion scored, a1 setting a2 in one undoable step, the stars; a
 * report text saved and cleared, the evaluators' list checked and stored canonically (an older
 * free text marked), the custom denominator scoring, an evidence file's SHA-256.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "book/book.h"
#include "book/demo.h"
#include "sheet/sheet.h"

#include "sheet_fixture.h"

enum { Z_CODE, Z_NAME, Z_ATTR, Z_MAX, Z_SCORE, Z_HOW, Z_VALUE, Z_BASIS, Z_EV, Z_FILE, Z_NOTE, Z_WHO };
enum { M_CODE, M_ITEM, M_MAX, M_VALUE, M_EV, M_FILE, M_NOTE, M_WHO, M_BASIS };

/* Saves text into (r, c) of the sheet built last, expecting e; returns the message (caller frees). */
static char *
put(struct fx *f, const char *sheet, int r, int c, const char *text, enum err e)
{
    struct sheet_out out = {.row = -1, .col = -1};

    assert_int_equal(sheet_find(sheet)->commit(&f->env, &f->s, r, c, text, &out), e);
    assert_int_equal(out.changed, e == ERR_OK);
    return out.msg != NULL ? out.msg : xstrdup("");
}

static void
put_ok(struct fx *f, const char *sheet, const char *id, int r, int c, const char *text)
{
    const char *who = f->env.assessor;

    free(put(f, sheet, r, c, text, ERR_OK));
    load(f, id, LANG_ZH);
    f->env.assessor = who;
}

/* The row of code (an item, a criterion, a setting), failing when there is none. */
static int
row_of(const struct fx *f, const char *code)
{
    int r;

    for (r = 0; r < f->s.nrows; r++)
        if (strcmp(text(f, r, 0), code) == 0)
            return r;
    fail_msg("no row %s", code);
    return -1;
}

/* The row of E.2's computed figure label. */
static int
item_row(const struct fx *f, const char *label)
{
    int r;

    for (r = 0; r < f->s.nrows; r++)
        if (strcmp(text(f, r, M_ITEM), label) == 0)
            return r;
    fail_msg("no figure %s", label);
    return -1;
}

/* E.1 on the demo's 2024: computed, entered, refused, the assessor stored, the total and grade. */
static void
test_zerocarbon(void **state)
{
    struct fx *f = *state;
    const struct sheet_ops *so = sheet_find("zerocarbon");
    struct sheet_choice c;
    char *msg;
    int r, i;

    load(f, "E.1", LANG_ZH);
    /* 41 items, 6 first-level and 17 second-level headings, 3 rows above them, the report's
       heading and its 3 texts below */
    assert_int_equal(f->s.nrows, 41 + 6 + 17 + 3 + 4);
    assert_int_equal(f->s.start_row, 5);
    assert_string_equal(text(f, 5, Z_CODE), "1.1.1");
    /* 1.1.1 is computed: the demo's 2024 passes check, 5 points */
    r = row_of(f, "1.1.1");
    assert_string_equal(text(f, r, Z_SCORE), "5");
    assert_string_equal(text(f, r, Z_HOW), "计算");
    assert_string_equal(text(f, r, Z_BASIS), "本年核算通过检查");
    assert_false(sheet_cell(&f->s, r, Z_VALUE)->flags & SHEET_EDIT);    /* it takes no value */
    assert_true(sheet_cell(&f->s, r, Z_EV)->flags & SHEET_EDIT);        /* but evidence */
    /* 5 of 1.1.1 + 2 of 2.2.2 (the demo's 40 kW of PV: 0.5 per full 10 kW, at most 2) */
    assert_string_equal(text(f, row_of(f, "2.2.2"), Z_SCORE), "2");
    assert_string_equal(text(f, 0, Z_CODE), "总分 7 / 100　等级 待改进机关（暂定：38 项未评分）");
    assert_non_null(strstr(text(f, 1, Z_CODE), "每低 X %”指低 X 个百分点"));
    assert_non_null(strstr(text(f, 2, Z_CODE), "42"));
    msg = so->title_note(&f->env);
    assert_string_equal(msg, "总分 7/100 待改进机关（暂定）");
    free(msg);

    /* 1.1.3 waits for the sector average; 4.2816 tCO₂e/人 below 5 scores its 2 points */
    r = row_of(f, "1.1.3");
    assert_string_equal(text(f, r, Z_SCORE), "—");
    f->env.assessor = "张三";
    put_ok(f, "zerocarbon", "E.1", r, Z_VALUE, "5");
    assert_string_equal(text(f, r, Z_VALUE), "5");
    assert_string_equal(text(f, r, Z_SCORE), "2");
    assert_string_equal(text(f, r, Z_WHO), "张三");
    assert_string_equal(text(f, 0, Z_CODE), "总分 9 / 100　等级 待改进机关（暂定：37 项未评分）");

    /* an assessor's points off the rule's steps: refused, the reason said, nothing saved */
    r = row_of(f, "1.2.1");
    msg = put(f, "zerocarbon", r, Z_VALUE, "2.3", ERR_INPUT);
    assert_non_null(strstr(msg, "2.3"));
    free(msg);
    msg = put(f, "zerocarbon", r, Z_VALUE, "很好", ERR_INPUT);
    assert_string_equal(msg, "“很好”不是数字");
    free(msg);
    msg = put(f, "zerocarbon", row_of(f, "1.1.1"), Z_VALUE, "5", ERR_NOTFOUND);   /* not editable */
    free(msg);
    load(f, "E.1", LANG_ZH);
    f->env.assessor = "张三";
    assert_string_equal(text(f, r, Z_SCORE), "—");
    /* Enter on 3.1.1 picks among its levels: —, 0, 2, 2.5, 3 */
    assert_int_equal(so->cell_choice(&f->env, &f->s, row_of(f, "3.1.1"), Z_VALUE, &c), 1);
    assert_int_equal(c.n, 5);
    assert_string_equal(c.values[3], "2.5");
    sheet_choice_free(&c);
    put_ok(f, "zerocarbon", "E.1", r, Z_VALUE, "3");
    put_ok(f, "zerocarbon", "E.1", r, Z_NOTE, "查阅监测台账，现场核查电表");
    assert_string_equal(text(f, r, Z_SCORE), "3");
    assert_string_equal(text(f, r, Z_NOTE), "查阅监测台账，现场核查电表");
    assert_string_equal(text(f, 0, Z_CODE), "总分 12 / 100　等级 待改进机关（暂定：36 项未评分）");

    /*
     * Every assessor item at its full points and every entered one at 100 %: all but the computed
     * items score full. Unscored stay 1.1.2 (no base year), 1.3.2 (no target), 2.1.1 (no quota)
     * and 4.2.3 (no water): 5 + 4 + 6 + 1 = 16 points; 2.2.1 scores 0 of 3 (the demo's 2.04 %:
     * 3 − 0.5 × ⌈(50 − 2.04) / 5⌉ = 3 − 5 < 0); 1.1.3 and 2.2.2 have theirs (2 + 2), so
     * 100 − 16 − 3 = 81: 零碳先进机关, provisional.
     */
    for (i = 0; i < (int)f->app.zc->n; i++) {
        const struct zc_def *d = &f->app.zc->v[i];
        char *max = sheet_num(d->max, 2);

        if (d->how == ZC_ASSESSOR)
            put_ok(f, "zerocarbon", "E.1", row_of(f, d->code), Z_VALUE, max);
        else if (d->how == ZC_ENTERED)
            put_ok(f, "zerocarbon", "E.1", row_of(f, d->code), Z_VALUE, "100");
        free(max);
    }
    assert_string_equal(text(f, 2 + 2 + 1, Z_SCORE), "5");
    assert_string_equal(text(f, row_of(f, "2.2.1"), Z_SCORE), "0");
    assert_string_equal(text(f, 0, Z_CODE), "总分 81 / 100　等级 零碳先进机关（暂定：4 项未评分）");
    assert_string_equal(text(f, 3, Z_CODE), "1 碳排放管理　得分 16 / 25");     /* 5 + 2 + 5 + 4 */
    /* 1.3.2 takes the achievement when the workbook has none: 100 % scores its 4 */
    r = row_of(f, "1.3.2");
    put_ok(f, "zerocarbon", "E.1", r, Z_VALUE, "100");
    assert_string_equal(text(f, r, Z_HOW), "录入");
    assert_string_equal(text(f, 0, Z_CODE), "总分 85 / 100　等级 零碳先进机关（暂定：3 项未评分）");
    /* Del clears a value (back to unscored) */
    assert_int_equal(so->del_what(&f->env, &f->s, r, Z_VALUE, NULL), SHEET_DEL_CLEAR);
    put_ok(f, "zerocarbon", "E.1", r, Z_VALUE, "");
    assert_string_equal(text(f, r, Z_VALUE), "");
    assert_string_equal(text(f, 0, Z_CODE), "总分 81 / 100　等级 零碳先进机关（暂定：4 项未评分）");
    done(f, "zerocarbon");
}

/* The office's 2023 fails check (no address, contact, phone): 1.1.1 vetoes the evaluation. */
static void
test_zerocarbon_veto(void **state)
{
    struct fx *f = *state;
    int r;

    f->office = 1;
    load(f, "E.1", LANG_EN);
    r = row_of(f, "1.1.1");
    assert_string_equal(text(f, r, Z_SCORE), "0");
    assert_true(sheet_cell(&f->s, r, Z_SCORE)->flags & SHEET_WARN);
    assert_non_null(strstr(text(f, r, Z_BASIS), "fails check"));
    /* 1.1.1 scores 0, 2.2.1 scores 0 (no renewables: 0 %), the other 39 wait */
    assert_string_equal(text(f, 0, Z_CODE),
                        "Total 0 / 100 · grade Office to improve (vetoed: 1.1.1 fails) (provisional: 39 unscored)");
    assert_true(sheet_cell(&f->s, 0, Z_CODE)->flags & SHEET_WARN);
    done(f, "zerocarbon");
    f->office = 0;
}

/* E.2 on the demo's 2024: a criterion scored, a refusal, a1 sets a2 (one undo), the stars. */
static void
test_maturity(void **state)
{
    struct fx *f = *state;
    const struct sheet_ops *so = sheet_find("maturity");
    struct store_action act = {0};
    char *msg, *cause = NULL;
    int r;

    load(f, "E.2", LANG_ZH);
    f->env.assessor = "李四";
    r = row_of(f, "M1.1.1");
    assert_int_equal(f->s.start_row, r);
    assert_string_equal(text(f, r, M_VALUE), "—");
    assert_string_equal(text(f, r, M_MAX), "2");
    /*
     * No advanced value: the historical method. 2024: 779.243 tCO₂e × 1000 ÷ 12500 m² = 62.3394
     * kgCO₂e/m² against the best earlier year, 2023's 64.1158: a decline of 2.77 %, at least the
     * default 0 % of @hist_80 and short of 10 %: 80 points; 0.6 × 0 + 0.4 × 80 = 32, one star.
     */
    assert_string_equal(text(f, 0, M_CODE), "定性 0　定量 80　总分 I 32　星级 一星（暂定）");
    assert_string_equal(text(f, item_row(f, "方法"), M_VALUE), "历史法");
    /* An advanced value of 55: (62.3394 − 55) / 55 = 13.34 % above, more than 10 %: 60 points */
    put_ok(f, "maturity", "E.2", row_of(f, "@advanced"), M_VALUE, "55");
    assert_string_equal(text(f, row_of(f, "@advanced"), M_VALUE), "55");
    assert_string_equal(text(f, item_row(f, "方法"), M_VALUE), "先进值");
    assert_string_equal(text(f, 0, M_CODE), "定性 0　定量 60　总分 I 24　星级 一星（暂定）");
    r = row_of(f, "M1.1.1");
    msg = put(f, "maturity", r, M_VALUE, "1.5", ERR_INPUT);     /* in steps of 1 */
    assert_non_null(strstr(msg, "1.5"));
    free(msg);
    put_ok(f, "maturity", "E.2", r, M_VALUE, "2");
    assert_string_equal(text(f, r, M_VALUE), "2");
    assert_string_equal(text(f, r, M_WHO), "李四");
    /* 0.6 × 2 + 0.4 × 60 = 25.2 */
    assert_string_equal(text(f, 0, M_CODE), "定性 2　定量 60　总分 I 25.2　星级 一星（暂定）");

    /* a1 = 0.7 sets a2 = 0.3 with it: 0.7 × 2 + 0.3 × 60 = 19.4 */
    assert_string_equal(text(f, row_of(f, "@a2"), M_VALUE), "0.4");
    put_ok(f, "maturity", "E.2", row_of(f, "@a1"), M_VALUE, "0.7");
    assert_string_equal(text(f, row_of(f, "@a1"), M_VALUE), "0.7");
    assert_string_equal(text(f, row_of(f, "@a2"), M_VALUE), "0.3");
    assert_string_equal(text(f, 0, M_CODE), "定性 2　定量 60　总分 I 19.4　星级 一星（暂定）");
    /* one Ctrl-Z takes both back */
    assert_int_equal(store_undo(f->env.st, &act, &cause), ERR_OK);
    store_action_free(&act);
    load(f, "E.2", LANG_ZH);
    assert_string_equal(text(f, row_of(f, "@a1"), M_VALUE), "0.6");
    assert_string_equal(text(f, row_of(f, "@a2"), M_VALUE), "0.4");
    /* thresholds that do not fall as their points do are refused, as the scoring would */
    msg = put(f, "maturity", row_of(f, "@hist_80"), M_VALUE, "20", ERR_INPUT);
    assert_non_null(strstr(msg, "@hist_100"));
    free(msg);
    msg = put(f, "maturity", row_of(f, "@a1"), M_VALUE, "1.2", ERR_INPUT);
    free(msg);
    msg = put(f, "maturity", row_of(f, "@advanced"), M_VALUE, "0", ERR_INPUT);
    assert_string_equal(msg, "行业先进值须大于 0（留空则用历史法）");
    free(msg);
    /* every criterion at its full points: 0.6 × 100 + 0.4 × 60 = 84, three stars, no longer provisional */
    for (r = 0; r < (int)f->app.maturity->nitems; r++) {
        char *max = sheet_num(f->app.maturity->items[r].max, 2);

        put_ok(f, "maturity", "E.2", row_of(f, f->app.maturity->items[r].code), M_VALUE, max);
        free(max);
    }
    assert_string_equal(text(f, 0, M_CODE), "定性 100　定量 60　总分 I 84　星级 三星");
    assert_string_equal(text(f, item_row(f, "暂定"), M_VALUE), "否");
    msg = so->title_note(&f->env);
    assert_string_equal(msg, "总分 84 三星 · 草案");
    free(msg);
    done(f, "maturity");
}

/* A report text on E.1: typed into the note column, stored as "#findings" (no value), in full on
   the help line; emptied, the entry is gone. */
static void
test_report_text(void **state)
{
    struct fx *f = *state;
    const struct sheet_ops *so = sheet_find("zerocarbon");
    const struct wb_assessment *a;
    int r;

    load(f, "E.1", LANG_ZH);
    f->env.assessor = "张三";
    r = row_of(f, "#findings");
    assert_string_equal(text(f, r, Z_NAME), "评价发现");
    assert_true(sheet_cell(&f->s, r, Z_NOTE)->flags & SHEET_EDIT);
    assert_false(sheet_cell(&f->s, r, Z_VALUE)->flags & SHEET_EDIT);
    put_ok(f, "zerocarbon", "E.1", r, Z_NOTE, "  能耗台账完整，光伏运行正常  ");
    assert_string_equal(text(f, r, Z_NOTE), "能耗台账完整，光伏运行正常");
    a = plan_assessment(&sheet_eval_state(&f->env)->be.bn.plan, 2024, "zc", "#findings");
    assert_non_null(a);
    assert_int_equal(a->has_value, 0);
    assert_string_equal(a->note, "能耗台账完整，光伏运行正常");
    assert_string_equal(so->help(&f->env, &f->s, r, Z_NOTE), "评价发现：能耗台账完整，光伏运行正常");
    assert_int_equal(so->del_what(&f->env, &f->s, r, Z_NOTE, NULL), SHEET_DEL_CLEAR);
    put_ok(f, "zerocarbon", "E.1", r, Z_NOTE, "");
    assert_string_equal(text(f, r, Z_NOTE), "");
    assert_null(plan_assessment(&sheet_eval_state(&f->env)->be.bn.plan, 2024, "zc", "#findings"));
    /* E.2 has the same three, as "maturity" entries */
    done(f, "zerocarbon");
    load(f, "E.2", LANG_ZH);
    put_ok(f, "maturity", "E.2", row_of(f, "#conclusion"), M_NOTE, "管理体系基本健全");
    a = plan_assessment(&sheet_eval_state(&f->env)->be.bn.plan, 2024, "maturity", "#conclusion");
    assert_non_null(a);
    assert_string_equal(a->note, "管理体系基本健全");
    done(f, "maturity");
}

/*
 * The evaluators' row: a list whose second entry lacks its role is refused with the entry and the
 * reason, nothing stored; a list by '|', ',' and a newline is stored and shown canonically, the
 * help line giving the format, then the list. On E.2, in English, an older free text stored
 * before the list is shown as it is, marked, and the help line says to rewrite it.
 */
static void
test_evaluators(void **state)
{
    static const char canon[] = "张三，组长，2026-11-30；李四，评审员，2026-12-01";
    struct fx *f = *state;
    const struct sheet_ops *so = sheet_find("zerocarbon");
    struct wb_assessment old = {.year = 2024, .eval = "maturity", .code = "#evaluators",
                                .note = "评审组：王五（组长）", .assessor = ""};
    const struct wb_assessment *a;
    char *msg, *cause = NULL;
    int r;

    load(f, "E.1", LANG_ZH);
    f->env.assessor = "张三";
    r = row_of(f, "#evaluators");
    msg = put(f, "zerocarbon", r, Z_NOTE, "张三,组长,2026-11-30;李四", ERR_INPUT);
    assert_string_equal(msg, "评价人员第 2 位“李四”缺少角色（职务/职称）");
    free(msg);
    assert_null(plan_assessment(&sheet_eval_state(&f->env)->be.bn.plan, 2024, "zc", "#evaluators"));
    put_ok(f, "zerocarbon", "E.1", r, Z_NOTE, " 张三 | 组长 | 2026-11-30\n李四,评审员,2026-12-01 ");
    a = plan_assessment(&sheet_eval_state(&f->env)->be.bn.plan, 2024, "zc", "#evaluators");
    assert_non_null(a);
    assert_string_equal(a->note, canon);
    assert_string_equal(text(f, r, Z_NOTE), canon);
    assert_false(sheet_cell(&f->s, r, Z_NOTE)->flags & SHEET_WARN);
    assert_string_equal(so->help(&f->env, &f->s, r, Z_NOTE),
                        "评价人员：每位 姓名，角色（职务/职称），日期 YYYY-MM-DD，各位以；分隔 · 共 2 位："
                        "张三（组长，2026-11-30）、李四（评审员，2026-12-01）");
    done(f, "zerocarbon");

    old.ev.ref = "";
    load(f, "E.2", LANG_EN);
    assert_int_equal(store_assessment_put(f->env.st, &old, 0, &cause), ERR_OK);
    load(f, "E.2", LANG_EN);
    r = row_of(f, "#evaluators");
    assert_string_equal(text(f, r, M_NOTE), "评审组：王五（组长）");
    assert_true(sheet_cell(&f->s, r, M_NOTE)->flags & SHEET_WARN);
    assert_string_equal(sheet_find("maturity")->help(&f->env, &f->s, r, M_NOTE),
                        "Evaluators: each NAME, ROLE (position or title), DATE YYYY-MM-DD, separated by ; · "
                        "the text now is not such a list (an older version's): rewrite it: 评审组：王五（组长）");
    msg = put(f, "maturity", r, M_NOTE, "王五，组长", ERR_INPUT);
    assert_string_equal(msg, "evaluator 1 \"王五\": the date (YYYY-MM-DD) is missing");
    free(msg);
    done(f, "maturity");
}

/*
 * E.2's custom denominator: named 营业收入 in 万元, 1000 this year, @denominator 2. Intensity =
 * 779.243 tCO₂e ÷ 1000 万元 = 0.779243 tCO₂e/万元; against an advanced value of 0.75 that is
 * (0.779243 − 0.75) / 0.75 = 3.90 % above, within 10 %: 80 points (with the 12500 m² it would
 * be 62.3394 kgCO₂e/m²). No criterion scored: I = 0.6 × 0 + 0.4 × 80 = 32, one star.
 */
static void
test_custom_denominator(void **state)
{
    struct fx *f = *state;
    char *msg;

    load(f, "E.2", LANG_ZH);
    f->env.assessor = "李四";
    put_ok(f, "maturity", "E.2", row_of(f, "#custom_name"), M_NOTE, "营业收入");
    put_ok(f, "maturity", "E.2", row_of(f, "#custom_unit"), M_NOTE, "万元");
    msg = put(f, "maturity", row_of(f, "@custom"), M_VALUE, "0", ERR_INPUT);
    assert_string_equal(msg, "自定义分母的数值须大于 0（留空即清除）");
    free(msg);
    put_ok(f, "maturity", "E.2", row_of(f, "@custom"), M_VALUE, "1000");
    put_ok(f, "maturity", "E.2", row_of(f, "@denominator"), M_VALUE, "2");
    put_ok(f, "maturity", "E.2", row_of(f, "@advanced"), M_VALUE, "0.75");
    assert_string_equal(text(f, row_of(f, "@custom"), M_VALUE), "1000");
    assert_string_equal(text(f, item_row(f, "碳排放强度（式(1)）"), M_VALUE), "0.7792");
    assert_non_null(strstr(text(f, item_row(f, "碳排放强度（式(1)）"), M_BASIS), "万元"));
    assert_string_equal(text(f, item_row(f, "偏差 %"), M_VALUE), "3.9");
    assert_string_equal(text(f, 0, M_CODE), "定性 0　定量 80　总分 I 32　星级 一星（暂定）");
    assert_non_null(strstr(text(f, item_row(f, "碳排放强度（式(1)）"), M_BASIS), "tCO₂e/万元"));
    done(f, "maturity");
}

/* An evidence file for 1.2.1: its SHA-256 taken, the help line says it matches, then changed. */
static void
test_evidence_file(void **state)
{
    struct fx *f = *state;
    const struct sheet_ops *so = sheet_find("zerocarbon");
    const struct wb_assessment *a;
    char path[192], *msg;
    FILE *fp;
    int r;

    snprintf(path, sizeof(path), "%s/台账.txt", f->dir);
    assert_non_null(fp = fopen(path, "w"));
    fputs("监测台账 v1\n", fp);
    fclose(fp);
    load(f, "E.1", LANG_ZH);
    f->env.assessor = "张三";
    r = row_of(f, "1.2.1");
    msg = put(f, "zerocarbon", r, Z_FILE, "/nonexistent/台账.txt", ERR_INPUT);
    assert_non_null(strstr(msg, "读不到佐证文件"));
    free(msg);
    put_ok(f, "zerocarbon", "E.1", r, Z_FILE, path);
    assert_string_equal(text(f, r, Z_FILE), "台账.txt");
    assert_false(sheet_cell(&f->s, r, Z_FILE)->flags & SHEET_WARN);
    a = plan_assessment(&sheet_eval_state(&f->env)->be.bn.plan, 2024, "zc", "1.2.1");
    assert_non_null(a);
    assert_string_equal(a->ev.file, path);
    /* sha256sum of "监测台账 v1\n" */
    assert_string_equal(a->ev.sha256, "3a61048d8b1662dd73cee4b0ba9ffc1976e1ed9de81c5833a9ce9e9b12da7d6c");
    assert_non_null(strstr(so->help(&f->env, &f->s, r, Z_FILE), "文件未变"));
    assert_non_null(strstr(so->help(&f->env, &f->s, r, Z_FILE), "SHA-256 3a61048d8b16"));
    assert_non_null(fp = fopen(path, "a"));
    fputs("改过\n", fp);
    fclose(fp);
    load(f, "E.1", LANG_ZH);
    assert_true(sheet_cell(&f->s, r, Z_FILE)->flags & SHEET_WARN);
    assert_non_null(strstr(so->help(&f->env, &f->s, r, Z_FILE), "文件已改动（SHA-256 与登记时不同）"));
    done(f, "zerocarbon");
    /* E.2's criteria take one the same way: the file as it is now */
    load(f, "E.2", LANG_ZH);
    r = row_of(f, "M1.1.1");
    put_ok(f, "maturity", "E.2", r, M_FILE, path);
    assert_string_equal(text(f, r, M_FILE), "台账.txt");
    a = plan_assessment(&sheet_eval_state(&f->env)->be.bn.plan, 2024, "maturity", "M1.1.1");
    assert_non_null(a);
    assert_int_equal(a->has_value, 0);      /* a file alone scores nothing */
    assert_non_null(strstr(sheet_find("maturity")->help(&f->env, &f->s, r, M_FILE), "文件未变"));
    done(f, "maturity");
    unlink(path);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zerocarbon),
        cmocka_unit_test(test_zerocarbon_veto),
        cmocka_unit_test(test_maturity),
        cmocka_unit_test(test_report_text),
        cmocka_unit_test(test_evaluators),
        cmocka_unit_test(test_custom_denominator),
        cmocka_unit_test(test_evidence_file),
    };

    setlocale(LC_ALL, "C.UTF-8");
    return cmocka_run_group_tests(tests, setup, teardown);
}
