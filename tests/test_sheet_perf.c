/*
 * test_sheet_perf.c - the carbon performance steps without a terminal (P.1 碳绩效, P.2 碳目标,
 * P.3 措施计划) on the two-year office workbook: the figures shown are perf's, and F2, typing,
 * Ins and Del do to the plan what they do on screen.
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

#include "base/width.h"
#include "book/book.h"
#include "book/demo.h"
#include "sheet/sheet.h"

#include "sheet_fixture.h"

/*
 * P.1 碳绩效 on the office's 2023 (hand calculation):
 *   2022 100 000 kWh × 0.5366 = 53.66 tCO₂e; 2023 110 000 kWh × 0.5306 = 58.366 → "58.37"
 *   on 2022: 58.366 / 53.66 = 1.08770 → "+8.77" %
 *   like for like with 2022's factor: 110 000 × 0.5366 = 59.026 → "59.03", 59.026 / 53.66 → "+10.00" %
 *   split: change 58.366 − 53.66 = 4.706 → "+4.71" = activity 59.026 − 53.66 = 5.366 → "+5.37"
 *          + factor 58.366 − 59.026 = −0.660 → "−0.66"
 * F2 sets the base (a logged write: undo takes it back).
 */
static void
test_perf(void **state)
{
    struct fx *f = *state;
    const struct sheet_ops *so = sheet_find("perf");
    struct sheet_out out = {.row = -1, .col = -1};
    struct sheet_choice c;
    struct store_action done_ = {0};
    struct perf p;
    char *cause = NULL, *note, *want;
    int r;

    f->office = 1;
    load(f, "P.1", LANG_ZH);
    assert_null(so->commit);
    assert_string_equal(text(f, 0, 0), "碳排放总量");
    assert_string_equal(text(f, 0, 1), "tCO₂e");
    assert_string_equal(text(f, 0, 2), "58.37");
    assert_string_equal(text(f, 0, 3), "+8.77");
    assert_string_equal(text(f, 0, 4), "—");          /* no base yet */
    assert_string_equal(text(f, 0, 5), "—");
    assert_true(row_named(f, "尚未设定碳基准：按 F2 设定") >= 0);
    assert_true(sheet_cell(&f->s, row_named(f, "尚未设定碳基准"), 0)->flags & SHEET_WIDE);
    assert_true(row_named(f, "较基准变化分解") < 0);  /* no split without a base */
    note = so->title_note(&f->env);
    assert_string_equal(note, "未设碳基准（F2 设定）");
    free(note);
    /* the trend: 2022 → 2023, lowest and highest */
    r = row_named(f, "趋势（按报告值）");
    assert_true(r >= 0);
    assert_string_equal(text(f, r, 2), "2022");
    assert_string_equal(text(f, r, 5), "2023");
    assert_string_equal(text(f, r + 1, 0), "碳排放总量");
    assert_string_equal(text(f, r + 1, 1), "▁█");
    assert_string_equal(text(f, r + 1, 2), "53.66");
    assert_string_equal(text(f, r + 1, 5), "58.37");
    assert_string_equal(text(f, r + 1, 6), "+8.77");

    /* F2: the workbook's years first; the first is 2022 alone */
    so->settings_choice(&f->env, &c);
    assert_non_null(c.then_ask);
    assert_string_equal(c.labels[0], "2022 年（单一年份）");
    assert_string_equal(c.labels[2], "2022—2023 年平均");
    sheet_choice_free(&c);
    assert_int_equal(so->settings_text(&f->env, 0, " 首次设定 ", &out), ERR_OK);
    assert_true(out.changed);
    assert_string_equal(out.msg, "已设定碳基准：2022 年（单一年份）（Ctrl-Z 可撤销）");
    sheet_out_free(&out);
    load(f, "P.1", LANG_ZH);
    assert_string_equal(f->s.heads[5], "可比(2022)");
    assert_string_equal(text(f, 0, 4), "+8.77");
    assert_string_equal(text(f, 0, 5), "59.03");
    assert_string_equal(text(f, 0, 6), "+10.00");
    /* 单位建筑面积碳排放量: 58.366 × 1000 / 2000 = 29.183 → "29.18", like for like 29.513 → "29.51" */
    assert_string_equal(text(f, 3, 2), "29.18");
    assert_string_equal(text(f, 3, 5), "29.51");
    r = row_named(f, "碳基准：2022 年（单一年份），因子取 2022 年");
    assert_true(r >= 0);
    assert_non_null(strstr(text(f, r + 1, 0), "53.66 tCO₂e · 26.83 kgCO₂e/m² · 1.073 tCO₂e/人"));
    assert_true(row_named(f, "原因：首次设定") >= 0);
    r = row_named(f, "外购电力");
    assert_true(r > row_named(f, "较基准变化分解"));
    assert_string_equal(text(f, r, 2), "+4.71");
    assert_string_equal(text(f, r, 5), "+5.37");
    assert_string_equal(text(f, r, 6), "−0.66");
    /* the figures shown are perf's */
    assert_int_equal(book_perf(f->bk, 2023, LANG_ZH, &p, &cause), ERR_OK);
    want = sheet_fixed(perf_cur(&p)->lfl[PK_TOTAL].v, 2);
    assert_string_equal(text(f, 0, 5), want);
    free(want);
    want = sheet_fixed(perf_cur(&p)->factor_tco2e, 2);
    assert_string_equal(want, "-0.66");
    free(want);
    perf_free(&p);
    note = so->title_note(&f->env);
    assert_string_equal(note, "可比 = 按 2022 年因子重算（F2 基准）");
    free(note);
    /* the choice marks the base in force */
    so->settings_choice(&f->env, &c);
    assert_string_equal(c.labels[0], "2022 年（单一年份） ← 当前");
    sheet_choice_free(&c);

    /* Ctrl-Z: the base is gone again */
    assert_int_equal(store_undo(f->env.st, &done_, &cause), ERR_OK);
    store_action_free(&done_);
    load(f, "P.1", LANG_ZH);
    assert_string_equal(text(f, 0, 4), "—");
    assert_true(row_named(f, "尚未设定碳基准") >= 0);

    load(f, "P.1", LANG_EN);
    assert_string_equal(text(f, 0, 0), "Total emissions");
    assert_string_equal(text(f, 4, 1), "tCO₂e/cap");
    assert_true(row_named(f, "No base period yet: press F2") >= 0);
    done(f, "perf");
    f->office = 0;
}

static void
set_base(struct fx *f, const char *spec)
{
    struct wb_base b = {0};
    char *cause = NULL;

    assert_int_equal(plan_base_parse(spec, LANG_ZH, &b, &cause), ERR_OK);
    b.reason = xstrdup("");
    assert_int_equal(store_base_set(book_store(f->bk), &b, &cause), ERR_OK);
    plan_base_free(&b);
}

/*
 * P.2 碳目标 on the office's 2023 against the base 2022 (hand calculation, formula A.1):
 *   单位建筑面积碳排放量 2022: 53.66 × 1000 / 2000 = 26.83; −10 % by 2025 (3 years):
 *   r = 1 − 0.9^(1/3) = 3.4511 % → "3.45"; target 26.83 × 0.9 = 24.147 → "24.15"
 *   milestone 2023: 26.83 × (1 − r) = 25.904 → "25.90"; actual 29.183 → "29.18": off track
 *   still needed from 29.183 (2023) to 24.147 (2025): 1 − (24.147 / 29.183)^(1/2) = 9.036 % → "9.04"
 *   an annual 4 % instead: R = 1 − 0.96³ = 11.5264 % → "11.53"
 */
static void
test_targets(void **state)
{
    struct fx *f = *state;
    const struct sheet_ops *so = sheet_find("targets");
    struct sheet_out out = {.row = -1, .col = -1};
    struct sheet_choice c;
    char *q = NULL;

    f->office = 1;
    load(f, "P.2", LANG_ZH);
    assert_int_equal(f->s.nrows, 0);
    assert_non_null(strstr(f->s.empty, "按 Ins 添加"));
    set_base(f, "2022");
    so->add_choice(&f->env, &c);
    assert_int_equal(c.n, 4 + 2);       /* four parameters, two presets */
    assert_string_equal(c.labels[1], "单位建筑面积碳排放量（kgCO₂e/m²）");
    assert_non_null(strstr(c.labels[4], "national-2025"));
    sheet_choice_free(&c);
    /* the year alone is refused for a parameter: it needs the reduction */
    assert_int_equal(so->add(&f->env, 1, "2025", &out), ERR_INPUT);
    sheet_out_free(&out);
    assert_int_equal(so->add(&f->env, 1, "2025 −10", &out), ERR_OK);
    sheet_out_free(&out);
    load(f, "P.2", LANG_ZH);
    assert_int_equal(f->s.nrows, 1);
    assert_string_equal(text(f, 0, 0), "单位建筑面积碳排放量");
    assert_string_equal(text(f, 0, 1), "2022");         /* the workbook's base, dimmed */
    assert_true(sheet_cell(&f->s, 0, 1)->flags & SHEET_DIM);
    assert_string_equal(text(f, 0, 2), "2025");
    assert_string_equal(text(f, 0, 3), "10.00");
    assert_string_equal(text(f, 0, 4), "3.45");
    assert_string_equal(text(f, 0, 5), "24.15");
    assert_string_equal(text(f, 0, 6), "29.18");
    assert_string_equal(text(f, 0, 7), "25.90");
    assert_string_equal(text(f, 0, 8), "未达标");
    assert_string_equal(text(f, 0, 9), "9.04");
    assert_string_equal(text(f, 0, 10), "自定");

    /* typing the annual rate makes it a rate target; the overall one follows */
    assert_int_equal(so->commit(&f->env, &f->s, 0, 4, "4", &out), ERR_OK);
    sheet_out_free(&out);
    load(f, "P.2", LANG_ZH);
    assert_string_equal(text(f, 0, 4), "4.00");
    assert_string_equal(text(f, 0, 3), "11.53");
    /* refused: kept open (ERR_INPUT), nothing changed */
    assert_int_equal(so->commit(&f->env, &f->s, 0, 3, "150", &out), ERR_INPUT);
    assert_non_null(out.msg);
    sheet_out_free(&out);
    assert_int_equal(so->commit(&f->env, &f->s, 0, 0, "煤炭", &out), ERR_INPUT);
    sheet_out_free(&out);
    assert_int_equal(so->commit(&f->env, &f->s, 0, 1, "2022-20", &out), ERR_INPUT);
    sheet_out_free(&out);
    assert_int_equal(so->commit(&f->env, &f->s, 0, 0, "total", &out), ERR_OK);
    sheet_out_free(&out);
    load(f, "P.2", LANG_ZH);
    assert_string_equal(text(f, 0, 0), "碳排放总量");
    assert_string_equal(text(f, 0, 4), "4.00");

    /* a preset: national-2025 is against 2020, which the workbook lacks: it says so in the row */
    assert_int_equal(so->add(&f->env, 4, "2025", &out), ERR_OK);
    sheet_out_free(&out);
    load(f, "P.2", LANG_ZH);
    assert_int_equal(f->s.nrows, 4);
    assert_string_equal(text(f, 1, 10), "national-2025");
    assert_true(sheet_cell(&f->s, 1, 5)->flags & SHEET_WIDE);
    assert_true(sheet_cell(&f->s, 1, 5)->flags & SHEET_MISSING);
    assert_non_null(strstr(text(f, 1, 5), "2020"));
    /* the same preset again adds nothing and says so */
    assert_int_equal(so->add(&f->env, 4, "2025", &out), ERR_OK);
    assert_false(out.changed);
    assert_string_equal(out.msg, "预设 national-2025 的目标都已在工作簿中");
    sheet_out_free(&out);
    load(f, "P.2", LANG_ZH);
    assert_int_equal(f->s.nrows, 4);

    /* Del asks, then deletes */
    assert_int_equal(so->del_what(&f->env, &f->s, 0, 0, &q), SHEET_DEL_ASK);
    assert_string_equal(q, "删除目标：碳排放总量 2025 年？");
    free(q);
    assert_int_equal(so->del(&f->env, &f->s, 0, 0, &out), ERR_OK);
    sheet_out_free(&out);
    load(f, "P.2", LANG_ZH);
    assert_int_equal(f->s.nrows, 3);
    done(f, "targets");
    f->office = 0;
}

/*
 * P.3 措施计划: 分布式光伏发电技术 picked from 003 表C.1 with 5 tCO₂e expected, against the total
 * target −10 % by 2025 on 2022: 53.66 × 0.9 = 48.294 → "48.29"; 2023's 58.366 is 58.366 − 48.294
 * = 10.072 → "10.07" away, more than the 5.00 expected: not enough.
 */
static void
test_measures(void **state)
{
    struct fx *f = *state;
    const struct sheet_ops *so = sheet_find("measures");
    struct sheet_out out = {.row = -1, .col = -1};
    struct wb_target t = {0};
    struct sheet_choice c;
    char *cause = NULL, *q = NULL;
    size_t i, pv = 0;

    assert_int_equal(measures_load(&f->app.measures, &cause), ERR_OK);
    f->office = 1;
    load(f, "P.3", LANG_ZH);
    assert_int_equal(f->s.nrows, 0);
    so->add_choice(&f->env, &c);
    assert_int_equal(c.n, f->app.measures->n + 1);      /* the 25 of 表C.1 and a blank one */
    assert_int_equal(c.n, 26);
    for (i = 0; i < c.n; i++)
        if (strstr(c.labels[i], "分布式光伏发电技术") != NULL)
            pv = i;
    assert_string_equal(c.labels[pv], "分布式光伏发电技术 · 非化石能源替代 · C.1-2");
    sheet_choice_free(&c);
    assert_int_equal(so->add(&f->env, pv, NULL, &out), ERR_OK);
    assert_int_equal(out.row, 0);
    sheet_out_free(&out);
    load(f, "P.3", LANG_ZH);
    assert_int_equal(f->s.nrows, 1 + 1);                /* the measure and the total row */
    assert_string_equal(text(f, 0, 0), "2");
    assert_string_equal(text(f, 0, 1), "分布式光伏发电技术");
    assert_int_equal(so->commit(&f->env, &f->s, 0, 6, "5", &out), ERR_OK);
    sheet_out_free(&out);
    load(f, "P.3", LANG_ZH);            /* as the screen reloads after a save */
    assert_int_equal(so->commit(&f->env, &f->s, 0, 6, "-5", &out), ERR_INPUT);
    sheet_out_free(&out);
    assert_int_equal(so->commit(&f->env, &f->s, 0, 1, "  ", &out), ERR_INPUT);
    sheet_out_free(&out);
    assert_int_equal(so->commit(&f->env, &f->s, 0, 3, "后勤处", &out), ERR_OK);
    sheet_out_free(&out);
    set_base(f, "2022");
    t.param = PARAM_TOTAL;
    t.target_year = 2025;
    t.kind = TARGET_REDUCTION;
    t.value = 10;
    t.note = (char *)"";
    assert_int_equal(store_target_put(book_store(f->bk), &t, &cause), ERR_OK);
    load(f, "P.3", LANG_ZH);
    assert_string_equal(text(f, 0, 6), "5.00");
    assert_string_equal(text(f, 0, 3), "后勤处");
    assert_true(sheet_cell(&f->s, 1, 1)->flags & SHEET_WIDE);
    assert_string_equal(text(f, 1, 1), "预期减排合计 5.00 tCO₂e，距 2025 年总量目标 48.29 差 10.07（不足）");
    /* the name in English for a catalog measure */
    load(f, "P.3", LANG_EN);
    assert_string_equal(text(f, 0, 1), "Distributed photovoltaics");
    load(f, "P.3", LANG_ZH);
    assert_int_equal(so->del_what(&f->env, &f->s, 0, 3, &q), SHEET_DEL_CLEAR);
    assert_int_equal(so->del_what(&f->env, &f->s, 0, 1, &q), SHEET_DEL_ASK);
    assert_string_equal(q, "删除措施“分布式光伏发电技术”？");
    free(q);
    assert_int_equal(so->del(&f->env, &f->s, 0, 1, &out), ERR_OK);
    sheet_out_free(&out);
    load(f, "P.3", LANG_ZH);
    assert_int_equal(f->s.nrows, 0);
    done(f, "measures");
    f->office = 0;
    measures_free(f->app.measures);
    f->app.measures = NULL;
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_perf),
        cmocka_unit_test(test_targets),
        cmocka_unit_test(test_measures),
    };

    setlocale(LC_CTYPE, "C.UTF-8");   /* width_of counts a Chinese character as two columns */

    return cmocka_run_group_tests_name("sheet_perf", tests, setup, teardown);
}
