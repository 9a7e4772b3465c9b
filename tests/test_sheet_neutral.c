/*
 * test_sheet_neutral.c - the steps of 可再生能源与抵销 without a terminal (N.1 renewables, N.2
 * offsets, N.3 碳中和, N.4 the plan and statement): what Ins, typing, a pick and Del do to the
 * workbook, a refused value's reason, each offset's eligibility as shown, and the view's figures
 * on the two-year office (2023) against a hand calculation.
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

enum { R_KIND, R_PERIOD, R_QTY, R_UNIT, R_STATE, R_EV, R_CAP, R_FILE, R_NOTE };
enum { O_TYPE, O_ELIG, O_QTY, O_PROJECT, O_SERIAL, O_REG, O_VINTAGE, O_MWH, O_CANCEL, O_PROOF,
       O_USED, O_REGISTRY, O_EV, O_FILE, O_NOTE, O_LOCATION };

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
    free(put(f, sheet, r, c, text, ERR_OK));
    load(f, id, LANG_ZH);
}

/* Before loading another step: the sheet's state is its own (each step keeps one on screen). */
static void
drop(struct fx *f, const char *sheet)
{
    const struct sheet_ops *so = sheet_find(sheet);

    if (so->state_free != NULL)
        so->state_free(f->state);
    f->state = NULL;
}

static void
write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");

    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

/* N.1 on the office's 2023: Ins, typing, the kind picked, evidence and its file, refusals. */
static void
test_renewables(void **state)
{
    struct fx *f = *state;
    const struct sheet_ops *so = sheet_find("renewables");
    struct sheet_out out = {.row = -1, .col = -1};
    struct sheet_choice c;
    char *msg, file[160];

    f->office = 1;
    load(f, "N.1", LANG_ZH);
    assert_int_equal(f->s.nrows, 0);
    assert_non_null(strstr(f->s.empty, "按 Ins 添加"));
    so->add_choice(&f->env, &c);
    assert_int_equal(c.n, 4);
    assert_string_equal(c.labels[0], "光伏发电（自用）（kWh）");
    assert_string_equal(c.labels[2], "可再生热力（太阳能热水、热泵）（GJ）");
    sheet_choice_free(&c);
    assert_int_equal(so->add(&f->env, 0, "2023 10000", &out), ERR_OK);
    assert_int_equal(out.row, 0);
    assert_int_equal(out.col, R_EV);             /* a quantity given: the evidence is next */
    sheet_out_free(&out);
    load(f, "N.1", LANG_ZH);
    assert_int_equal(f->s.nrows, 1);
    assert_string_equal(text(f, 0, R_KIND), "光伏发电（自用）");
    assert_string_equal(text(f, 0, R_PERIOD), "2023");
    assert_string_equal(text(f, 0, R_QTY), "10000");
    assert_string_equal(text(f, 0, R_UNIT), "kWh");
    assert_string_equal(text(f, 0, R_STATE), "无佐证，不计入");
    assert_true(sheet_cell(&f->s, 0, R_STATE)->flags & SHEET_WARN);

    /* refused, nothing saved, the reason said (the editor keeps the text: ERR_INPUT) */
    msg = put(f, "renewables", 0, R_PERIOD, "2022", ERR_INPUT);
    assert_string_equal(msg, "期间须为 2023 年或其中一个月（如 2023-03）");
    free(msg);
    msg = put(f, "renewables", 0, R_QTY, "很多", ERR_INPUT);
    assert_non_null(strstr(msg, "数量"));
    free(msg);
    assert_int_equal(so->add(&f->env, 0, "2023-03 500", &out), ERR_INPUT);
    assert_string_equal(out.msg, "光伏发电（自用） 2023 年已按全年记录，不能再按月记录（会重复计算）");
    sheet_out_free(&out);
    assert_int_equal(so->add(&f->env, 0, "2024 5", &out), ERR_INPUT);   /* "2024" is no quantity here */
    sheet_out_free(&out);
    load(f, "N.1", LANG_ZH);
    assert_int_equal(f->s.nrows, 1);
    assert_string_equal(text(f, 0, R_PERIOD), "2023");

    /* the evidence: counted from then on; its file's SHA-256 taken and compared */
    put_ok(f, "renewables", "N.1", 0, R_EV, " 光伏结算单 2023-12 ");
    assert_string_equal(text(f, 0, R_EV), "光伏结算单 2023-12");
    assert_string_equal(text(f, 0, R_STATE), "计入");
    snprintf(file, sizeof(file), "%s/pv.pdf", f->dir);
    write_file(file, "PV 2023");
    put_ok(f, "renewables", "N.1", 0, R_FILE, file);
    assert_string_equal(text(f, 0, R_FILE), file);
    assert_string_equal(text(f, 0, R_STATE), "计入");
    write_file(file, "PV 2023, changed");
    load(f, "N.1", LANG_ZH);
    assert_string_equal(text(f, 0, R_STATE), "计入；文件已改动（SHA-256 与登记时不同）");
    assert_true(sheet_cell(&f->s, 0, R_STATE)->flags & SHEET_WARN);
    msg = put(f, "renewables", 0, R_FILE, "/no/such/file.pdf", ERR_INPUT);
    assert_string_equal(msg, "读不到佐证文件“/no/such/file.pdf”：请写出文件的路径（或留空）");
    free(msg);
    /* the help line has a long text in full */
    assert_string_equal(so->help(&f->env, &f->s, 0, R_EV), "佐证：光伏结算单 2023-12");

    /* Enter on 类别 picks one of the four kinds; heat is in GJ */
    assert_int_equal(so->cell_choice(&f->env, &f->s, 0, R_KIND, &c), 1);
    assert_int_equal(c.n, 4);
    assert_string_equal(c.values[2], "heat");
    assert_int_equal(so->cell_choice(&f->env, &f->s, 0, R_QTY, &c), 0);
    put_ok(f, "renewables", "N.1", 0, R_KIND, "heat");
    sheet_choice_free(&c);
    assert_string_equal(text(f, 0, R_UNIT), "GJ");
    put_ok(f, "renewables", "N.1", 0, R_KIND, "光伏");        /* a part of the name will do */
    assert_string_equal(text(f, 0, R_KIND), "光伏发电（自用）");
    msg = put(f, "renewables", 0, R_KIND, "风", ERR_INPUT);
    assert_non_null(strstr(msg, "没有类别“风”"));
    free(msg);
    put_ok(f, "renewables", "N.1", 0, R_FILE, "");           /* Del: no file */

    load(f, "N.1", LANG_EN);
    assert_string_equal(f->s.heads[R_KIND], "Kind");
    assert_string_equal(text(f, 0, R_KIND), "PV used on site");
    assert_string_equal(text(f, 0, R_STATE), "counted");
    done(f, "renewables");
    f->office = 0;
    f->bare = 1;
}

/* The offset of row 0 filled in as typed. */
static void
fill(struct fx *f, const char *reg, const char *cancel)
{
    put_ok(f, "offsets", "N.2", 0, O_QTY, "100");
    put_ok(f, "offsets", "N.2", 0, O_SERIAL, "CCER-2018-001");
    put_ok(f, "offsets", "N.2", 0, O_REG, reg);
    put_ok(f, "offsets", "N.2", 0, O_CANCEL, cancel);
    put_ok(f, "offsets", "N.2", 0, O_PROOF, "注销证明 001");
    put_ok(f, "offsets", "N.2", 0, O_EV, "交易凭证 2024-06");
}

/* N.2 on the demo's 2024: an offset added, its eligibility as the fields change, refusals. */
static void
test_offsets(void **state)
{
    struct fx *f = *state;
    const struct sheet_ops *so = sheet_find("offsets");
    struct sheet_out out = {.row = -1, .col = -1};
    struct store_action act = {0};
    struct sheet_choice c;
    char *msg, *cause = NULL;

    load(f, "N.2", LANG_ZH);
    assert_int_equal(f->s.nrows, 0);
    so->add_choice(&f->env, &c);
    assert_int_equal(c.n, 6);
    assert_string_equal(c.labels[0], "CCER");
    assert_string_equal(c.labels[5], "其他（不在 003 §7.3.1.2 之列）");
    sheet_choice_free(&c);
    assert_int_equal(so->add(&f->env, 0, NULL, &out), ERR_OK);
    assert_int_equal(out.row, 0);
    sheet_out_free(&out);
    load(f, "N.2", LANG_ZH);
    assert_int_equal(f->s.nrows, 1);
    assert_string_equal(text(f, 0, O_TYPE), "CCER");
    assert_string_equal(text(f, 0, O_ELIG), "不计入：没有佐证材料：无佐证的抵销不计入");
    fill(f, "2018-05-01", "2024-06-30");
    /* 003 §7.3.1.3: 2018 is more than 5 years before the statement's 2024 */
    assert_string_equal(text(f, 0, O_ELIG),
                        "不计入：2018 年登记，早于碳中和声明（2024 年）的前 5 年（003 §7.3.1.3）");
    assert_true(sheet_cell(&f->s, 0, O_ELIG)->flags & SHEET_WARN);
    /* the reason is on the help line wherever the focus is in the row */
    assert_string_equal(so->help(&f->env, &f->s, 0, O_PROJECT),
                        "不计入：2018 年登记，早于碳中和声明（2024 年）的前 5 年（003 §7.3.1.3） · 项目名称");
    msg = put(f, "offsets", 0, O_REG, "2019-02-30", ERR_INPUT);
    assert_string_equal(msg, "登记日期须为日期 YYYY-MM-DD（如 2024-06-30）");
    free(msg);
    put_ok(f, "offsets", "N.2", 0, O_REG, "2020-05-01");
    assert_string_equal(text(f, 0, O_ELIG), "计入");
    /* not cancelled: not counted */
    put_ok(f, "offsets", "N.2", 0, O_CANCEL, "");
    assert_string_equal(text(f, 0, O_ELIG), "不计入：尚未注销（003 §7.3.1.1：须在登记机构注销）");
    put_ok(f, "offsets", "N.2", 0, O_CANCEL, "2024-06-30");
    /* 已用于其他: picked or typed */
    assert_int_equal(so->cell_choice(&f->env, &f->s, 0, O_USED, &c), 1);
    assert_string_equal(c.labels[1], "是");
    sheet_choice_free(&c);
    put_ok(f, "offsets", "N.2", 0, O_USED, "是");
    assert_string_equal(text(f, 0, O_USED), "是");
    assert_string_equal(text(f, 0, O_ELIG), "不计入：已用于其他组织或声明，不能重复使用（003 §7.3.2.3）");
    msg = put(f, "offsets", 0, O_USED, "也许", ERR_INPUT);
    assert_string_equal(msg, "请填 是 或 否");
    free(msg);
    put_ok(f, "offsets", "N.2", 0, O_USED, "no");
    /* a type outside §7.3.1.2 is recorded, never counted; the forestry fields are for forestry */
    assert_false(sheet_cell(&f->s, 0, O_LOCATION)->flags & SHEET_EDIT);
    put_ok(f, "offsets", "N.2", 0, O_TYPE, "其他");
    assert_string_equal(text(f, 0, O_TYPE), "其他（不在 003 §7.3.1.2 之列）");
    assert_string_equal(text(f, 0, O_ELIG),
                        "不计入：类型不在 003 §7.3.1.2 所列（深圳碳普惠、广东碳普惠、CCER）之内");
    put_ok(f, "offsets", "N.2", 0, O_TYPE, "林业");
    assert_true(sheet_cell(&f->s, 0, O_LOCATION)->flags & SHEET_EDIT);
    assert_string_equal(text(f, 0, O_ELIG), "不计入：林业碳汇项目的位置、树种、面积、碳汇量等未公开（003 §7.3.2.2）");
    put_ok(f, "offsets", "N.2", 0, O_LOCATION, "某县林场");
    put_ok(f, "offsets", "N.2", 0, O_LOCATION + 4, "县政府网站 2024-03 公示");
    assert_string_equal(text(f, 0, O_ELIG), "计入");
    /* Ctrl-Z takes the disclosure back */
    assert_int_equal(store_undo(f->env.st, &act, &cause), ERR_OK);
    store_action_free(&act);
    load(f, "N.2", LANG_ZH);
    assert_string_equal(text(f, 0, O_LOCATION), "某县林场");
    assert_string_equal(text(f, 0, O_ELIG), "不计入：林业碳汇项目的位置、树种、面积、碳汇量等未公开（003 §7.3.2.2）");

    load(f, "N.2", LANG_EN);
    assert_string_equal(f->s.heads[O_TYPE], "Type");
    assert_string_equal(text(f, 0, O_TYPE), "Forestry sink");
    assert_string_equal(text(f, 0, O_ELIG),
                        "not counted: the forestry project's location, species, area and sink are not public (003 §7.3.2.2)");
    /* Del on the type deletes the offset */
    assert_int_equal(so->del_what(&f->env, &f->s, 0, O_TYPE, &msg), SHEET_DEL_ASK);
    free(msg);
    assert_int_equal(so->del(&f->env, &f->s, 0, O_TYPE, &out), ERR_OK);
    sheet_out_free(&out);
    load(f, "N.2", LANG_ZH);
    assert_int_equal(f->s.nrows, 0);
    done(f, "offsets");
}

/* The row of N.3 whose item begins so; its value. */
static const char *
figure(struct fx *f, const char *item)
{
    int r = row_named(f, item);

    if (r < 0)
        fail_msg("N.3 has no row %s", item);
    return text(f, r, 1);
}

/*
 * N.3 on the office's 2023 (hand calculation; factors as the office pins them):
 *   scope 2 = 110 MWh × 0.5306 = 58.366 → "58.37"; scope 1 0; emissions 58.37
 *   market-based: 110 MWh × 0.6096 (the residual factor of 2023) = 67.056 → "67.06"
 *   PV 10 000 kWh with evidence; green share 10 000 ÷ (110 000 + 10 000) = 8.333 % → "8.33"
 *   renewable share: 10 000 × 0.1229 kgce = 1.229 tce ÷ (110 000 × 0.1229 = 13.519 + 1.229) → "8.33"
 *   CCER 50 t, eligible: rate 50 ÷ 58.366 = 85.666 % → "85.67", shortfall 8.366 → "8.37"
 *   then 60 t: 60 ≥ 58.366 → 实现碳中和, rate 102.80 %
 */
static void
test_neutrality(void **state)
{
    struct fx *f = *state;
    struct sheet_out out = {.row = -1, .col = -1};

    char *cause = NULL;

    f->office = 1;
    /* the office lacks 地址, 联系人 and 联系电话: check finds 3 errors, and the year is not judged */
    load(f, "N.3", LANG_ZH);
    assert_string_equal(figure(f, "判断"), "不作判定");
    assert_non_null(strstr(text(f, row_named(f, "判断"), 3), "本年度数据不完整（3 个错误"));
    assert_int_equal(store_info_set(f->env.st, FS_UNIT, 0, "address", "某县人民路1号", &cause), ERR_OK);
    assert_int_equal(store_info_set(f->env.st, FS_UNIT, 0, "contact", "王明", &cause), ERR_OK);
    assert_int_equal(store_info_set(f->env.st, FS_UNIT, 0, "phone", "0571-12345678", &cause), ERR_OK);
    load(f, "N.1", LANG_ZH);
    assert_int_equal(sheet_find("renewables")->add(&f->env, 0, "2023 10000", &out), ERR_OK);
    sheet_out_free(&out);
    assert_int_equal(sheet_find("renewables")->add(&f->env, 3, "2023 0", &out), ERR_OK);
    sheet_out_free(&out);                   /* green power without evidence: left out */
    load(f, "N.1", LANG_ZH);
    assert_int_equal(f->s.nrows, 2);
    put_ok(f, "renewables", "N.1", row_named(f, "光伏"), R_EV, "光伏结算单");
    drop(f, "renewables");
    load(f, "N.2", LANG_ZH);
    assert_int_equal(sheet_find("offsets")->add(&f->env, 0, NULL, &out), ERR_OK);
    sheet_out_free(&out);
    load(f, "N.2", LANG_ZH);
    fill(f, "2020-01-01", "2023-12-01");
    put_ok(f, "offsets", "N.2", 0, O_QTY, "50");
    assert_string_equal(text(f, 0, O_ELIG), "计入");
    drop(f, "offsets");

    load(f, "N.3", LANG_ZH);
    assert_null(sheet_find("neutrality")->commit);
    assert_true(row_named(f, "边界：运营碳中和 = 范围一 + 范围二") == 0);
    assert_string_equal(figure(f, "范围一"), "0.00");
    assert_string_equal(figure(f, "范围二（基于位置，A.4）"), "58.37");
    assert_string_equal(figure(f, "排放合计"), "58.37");
    assert_string_equal(figure(f, "范围二（基于市场）"), "67.06");
    assert_non_null(strstr(text(f, row_named(f, "范围二（基于市场）"), 3), "剩余电力因子 0.6096 tCO₂/MWh（2023 年"));
    assert_string_equal(figure(f, "可计入的碳抵消"), "50.00");
    assert_string_equal(figure(f, "判断"), "未实现碳中和");
    assert_string_equal(figure(f, "缺口"), "8.37");
    assert_string_equal(figure(f, "碳中和率"), "85.67");
    assert_string_equal(figure(f, "可再生能源利用率"), "8.33");
    assert_string_equal(figure(f, "绿色电力利用率"), "8.33");
    assert_string_equal(figure(f, "光伏发电（自用）"), "10000");
    assert_string_equal(figure(f, "无佐证、未计入的记录"), "1");
    assert_string_equal(text(f, row_named(f, "碳中和率"), 3),
                        "= 可计入的碳抵消 ÷ 排放合计 × 100 = 50.00 ÷ 58.37 × 100");

    drop(f, "neutrality");
    load(f, "N.2", LANG_ZH);
    put_ok(f, "offsets", "N.2", 0, O_QTY, "60");
    drop(f, "offsets");
    load(f, "N.3", LANG_ZH);
    assert_string_equal(figure(f, "判断"), "实现碳中和");
    assert_true(row_named(f, "缺口") < 0);
    assert_string_equal(figure(f, "碳中和率"), "102.80");

    load(f, "N.3", LANG_EN);
    assert_string_equal(figure(f, "Judgement"), "achieved");
    assert_string_equal(figure(f, "Scope 2 (market-based)"), "67.06");
    done(f, "neutrality");
    f->office = 0;
    f->bare = 1;
}

/* N.4: the plan's texts are the workbook's, the statement's the year's; Del clears, undo works. */
static void
test_pledge(void **state)
{
    static const char *const keys[] = {"commitment", "timetable", "reduction", "offsetting",
                                       "period", "evaluator", "conclusion", "other"};
    struct fx *f = *state;
    const struct sheet_ops *so = sheet_find("pledge");
    struct sheet_out out = {.row = -1, .col = -1};
    struct wb_plan plan;
    char *cause = NULL, *note;
    size_t i;

    f->office = 1;
    load(f, "N.4", LANG_ZH);
    assert_int_equal(f->s.nrows, 8);
    for (i = 0; i < nitems(keys); i++) {
        assert_string_equal(text(f, (int)i, 0), plan_text_label(keys[i], LANG_ZH));
        assert_string_equal(forms_label(forms_field(f->env.step->form, keys[i]), LANG_EN),
                            plan_text_label(keys[i], LANG_EN));
    }
    note = so->title_note(&f->env);
    assert_string_equal(note, "计划：全工作簿；声明：2023 年");
    free(note);
    put_ok(f, "pledge", "N.4", 0, 1, "本单位承诺于 2030 年前实现运营碳中和");
    put_ok(f, "pledge", "N.4", 5, 1, "某评价机构");
    assert_string_equal(text(f, 0, 1), "本单位承诺于 2030 年前实现运营碳中和");
    assert_string_equal(so->help(&f->env, &f->s, 0, 1), "碳中和承诺的陈述：本单位承诺于 2030 年前实现运营碳中和");
    assert_int_equal(book_load_plan(f->bk, &plan, &cause), ERR_OK);
    assert_string_equal(plan.pledge.commitment, "本单位承诺于 2030 年前实现运营碳中和");
    assert_non_null(plan_statement(&plan, 2023));
    assert_string_equal(plan_statement(&plan, 2023)->evaluator, "某评价机构");
    plan_free(&plan);
    /* a control character is refused */
    free(put(f, "pledge", 6, 1, "结论\x1b[2J", ERR_INPUT));
    /* Del clears */
    assert_int_equal(so->del_what(&f->env, &f->s, 5, 1, &note), SHEET_DEL_CLEAR);
    assert_int_equal(so->del(&f->env, &f->s, 5, 1, &out), ERR_OK);
    assert_string_equal(out.msg, "已清除“评价机构”（Ctrl-Z 可撤销）");
    sheet_out_free(&out);
    load(f, "N.4", LANG_ZH);
    assert_string_equal(text(f, 5, 1), "");
    load(f, "N.4", LANG_EN);
    assert_string_equal(text(f, 0, 0), "Commitment");
    done(f, "pledge");
    f->office = 0;
    f->bare = 1;
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_renewables),
        cmocka_unit_test(test_offsets),
        cmocka_unit_test(test_neutrality),
        cmocka_unit_test(test_pledge),
    };

    setlocale(LC_CTYPE, "C.UTF-8");   /* width_of counts a Chinese character as two columns */
    return cmocka_run_group_tests_name("sheet_neutral", tests, setup, teardown);
}
