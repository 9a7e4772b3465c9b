/*
 * test_export_eval.c - the Excel export's evaluation sheets 零碳机关评价, 成熟度评价 and 佐证材料清单
 * (export_xlsx_zc.c, export_xlsx_maturity.c, export_xlsx_evidence.c), written from book_evaluate
 * over the demo workbook with assessments entered through store_assessment_put, and read back
 * with openpyxl by tests/export_eval_check.py: a computed item's score and working, an entered
 * and an assessor-scored one, a blank score and the unscored list, the total and grade, the veto
 * in a second export, the maturity weights, total and stars, the evidence list with a file's
 * SHA-256 (one unchanged, one changed since); the evaluators' table of each cover (the list,
 * an older free text as a name alone, the assessors not on it), in Chinese and in English; the
 * sheets before them are the same bytes as without the evaluations.
 *
 * The demo's 2024 (what book_evaluate computes from it): 1.1.1 passes check → 5; 2.2.2 40 kW →
 * 0.5 per full 10 kW = 2; 2.2.1 可再生能源利用率 2.04 % → 3 − 0.5 × 10 started 5 % steps → 0.
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
#include "export/export.h"
#include "base/sha256.h"
#include "base/xmem.h"

#include "book_fixture.h"

#define CHECK "/usr/bin/python3 tests/export_eval_check.py"
#define NAMES "--names '零碳机关评价,成熟度评价,佐证材料清单' "

static struct app app;
static char dir[64], wbpath[96], okfile[96], chfile[96], oksha[65];

static const char *
evidence_words(const struct wb_evidence *ev, enum lang lang)
{
    return book_evidence_words(book_evidence_state(ev), lang);
}

static void
write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* Enters code of eval for 2024: value (has), note, evidence ref, file (NULL: none), assessor. */
static void
put(struct store *st, const char *eval, const char *code, int has, double value, const char *note,
    const char *ref, const char *file, const char *assessor)
{
    struct wb_assessment a = {.year = 2024, .eval = (char *)eval, .code = (char *)code,
                              .has_value = has, .value = value, .note = (char *)note,
                              .assessor = (char *)assessor};
    char *cause = NULL;

    a.ev.ref = (char *)ref;
    assert_int_equal(book_evidence_take(&a.ev, file, &cause), ERR_OK);
    if (store_assessment_put(st, &a, 0, &cause) != ERR_OK)
        fail_msg("store_assessment_put %s: %s", code, cause);
    free(a.ev.file);
    free(a.ev.sha256);
}

static int
setup(void **state)
{
    struct book *wb;
    struct store *st;
    char *cause = NULL;

    (void)state;
    if (fixture_open(&app, dir) != 0)     /* forms, factors and the evaluation tables */
        return -1;
    snprintf(wbpath, sizeof wbpath, "%s/demo.tanbook", dir);
    snprintf(okfile, sizeof okfile, "%s/监测制度.pdf", dir);
    snprintf(chfile, sizeof chfile, "%s/ledger.txt", dir);
    if (demo_create(&app, wbpath, 0, &cause) != ERR_OK
        || book_open(&app, wbpath, BOOK_WRITE, &wb, &cause) != ERR_OK)
        return -1;
    write_file(okfile, "监测制度 v1\n");
    write_file(chfile, "台账 v1\n");
    st = book_store(wb);
    /* 2.1.2 entered 80 %: "100%完成得 4 分，每低 10%扣 1 分": 20 short, 2 steps: 4 − 2 = 2 */
    put(st, "zc", "2.1.2", 1, 80, "查阅节能改造台账", "节能改造台账", chfile, "张三");
    /* 1.2.1 assessed 2.5 of 3 */
    put(st, "zc", "1.2.1", 1, 2.5, "现场查看监测系统", "监测制度文件", okfile, "李四");
    /* the list as stored (canonical); 张三 is on it and an assessor, 李四 an assessor only */
    put(st, "zc", "#evaluators", 0, 0, "王五，组长（高级工程师），2026-11-30；张三，评审员，2026-12-01",
        "", NULL, "");
    /* an older version's free text: a name alone */
    put(st, "maturity", "#evaluators", 0, 0, "评审组：赵六（组长）", "", NULL, "");
    put(st, "zc", "#findings", 0, 0, "能耗台账完整", "", NULL, "");
    /* maturity: M1.1.1 2 and M1.1.2 1 of table A.1: qualitative 3; an advanced value far
       above the demo's intensity: quantitative 100; weights 0.5 / 0.5 */
    put(st, "maturity", "M1.1.1", 1, 2, "任命文件", "管理者代表任命书", NULL, "张三");
    put(st, "maturity", "M1.1.2", 1, 1, "", "预算文件", NULL, "张三");
    put(st, "maturity", "@advanced", 1, 1000, "", "行业先进值来源", NULL, "张三");
    put(st, "maturity", "@a1", 1, 0.5, "", "", NULL, "张三");
    put(st, "maturity", "@a2", 1, 0.5, "", "", NULL, "张三");
    book_close(wb);
    assert_int_equal(sha256_file(okfile, oksha, &cause), ERR_OK);
    /* changed after it was recorded */
    write_file(chfile, "台账 v2\n");
    (void)state;
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    return getenv("KEEP") != NULL ? 0 : fixture_close(&app, dir);
}

/* Exports 2024 to dir/name in lang: with_eval 0 leaves the evaluations out; veto fails 1.1.1. */
static char *
export_case(const char *name, int with_eval, int veto, enum lang lang)
{
    struct book *wb;
    struct book_eval be;
    struct zc_result vz;
    struct zc_facts f;
    char *cause = NULL, *file = xasprintf("%s/%s", dir, name);
    struct export_eval ev = {.zc_defs = app.zc, .mat_defs = app.maturity,
                             .evidence_words = evidence_words};
    struct export_in in = {.fs = app.forms};

    assert_int_equal(book_open(&app, wbpath, BOOK_READ, &wb, &cause), ERR_OK);
    assert_int_equal(book_evaluate(wb, 2024, lang, &be, &cause), ERR_OK);
    book_close(wb);
    assert_true(be.has_perf);
    ev.zc = &be.zc;
    ev.mat = be.mat_ok ? &be.mat : NULL;
    ev.mat_why = be.mat_why;
    if (veto) {
        f = be.zf;
        f.check_passes = 0;
        f.check_errors = 2;
        zc_score(app.zc, &f, be.zc_entries, be.nzc_entries, lang, &vz);
        ev.zc = &vz;
    }
    in.r = &be.bn.rep;
    in.perf = &be.perf;
    in.plan = &be.bn.plan;
    in.neutral = &be.bn.n;
    in.residual = be.bn.residual;
    in.eval = with_eval ? &ev : NULL;
    if (export_xlsx_format.write(&in, file, &cause) != ERR_OK)
        fail_msg("export: %s", cause);
    if (veto)
        zc_result_free(&vz);
    book_eval_free(&be);
    return file;
}

/* Runs export_eval_check.py on file with args; fails the test with its output unless it passes. */
static void
check(const char *file, const char *args)
{
    char *cmd = xasprintf(CHECK " '%s' %s 2>&1", file, args), buf[512];
    FILE *f = popen(cmd, "r");
    int rc;

    assert_non_null(f);
    while (fgets(buf, sizeof buf, f) != NULL)
        fputs(buf, stderr);
    rc = pclose(f);
    free(cmd);
    if (rc != 0)
        fail_msg("export_eval_check.py found differences (above)");
}

static void
test_zc(void **state)
{
    char *file = export_case("eval.xlsx", 1, 0, LANG_ZH), *none = export_case("none.xlsx", 0, 0, LANG_ZH), *args;

    (void)state;
    /* total 5 + 2 + 0 (computed) + 2 (entered) + 2.5 (assessed) = 11.5: below 60, 待改进机关,
       provisional while the other 36 items are unscored */
    args = xasprintf(NAMES "--same '%s' "
        "--row '零碳机关评价|被评价单位|||示例县机关事务服务中心' "
        "--people '零碳机关评价|王五,组长（高级工程师）,2026-11-30;张三,评审员,2026-12-01;李四,评审人（录入评分）,' "
        "--row '零碳机关评价|主要发现|||能耗台账完整' "
        "--row '零碳机关评价|评价结论|||未填写' "
        "--row '零碳机关评价|评价结果|||综合得分 11.5 分（满分 100），待改进机关（暂定）；未触发一票否决；尚有指标未评分，等级为暂定' "
        "--row '零碳机关评价|*|*|2.2.2|可再生能源发电装机容量(kW)|预期性|2|每 10kW 得 0.5 分，最高 2 分|2|计算|40 kW' "
        "--row '零碳机关评价|*|*|2.2.1|可再生能源利用率|预期性|3|*|0|计算' "
        "--row '零碳机关评价|*|*|2.1.2|节能改造项目实施率|预期性|4|*|2|录入|*|节能改造台账|查阅节能改造台账|张三' "
        "--row '零碳机关评价|*|*|1.2.1|碳排放监测体系完备度|约束性|3|*|2.5|评审|*|监测制度文件|现场查看监测系统|李四' "
        "--blank '零碳机关评价|*|*|1.2.2|全生命周期碳排放核算覆盖率|预期性|2|*|8' "
        "--row '零碳机关评价|小计：碳排放管理|||||25||7.5' "
        "--formula '零碳机关评价|合计|||||100||11.5|8|=H26+H34+H41+H49+H55+H65' "
        "--row '零碳机关评价|综合得分|||11.5' "
        "--row '零碳机关评价|评价等级|||待改进机关（暂定）' "
        "--row '零碳机关评价|一票否决（1.1.1）|||未否决' "
        "--row '零碳机关评价|60 分以下|||待改进机关|零碳建设存在明显不足，需要全面改进||||||||◀' "
        "--row '零碳机关评价|1.2.2|||全生命周期碳排放核算覆盖率' "
        "--text '零碳机关评价|共 36 项指标未评分，评价等级为暂定。' "
        "--text '零碳机关评价|其表列出 41 个三级指标' "
        "--text '零碳机关评价|每低 X %%' ", none);
    check(file, args);
    free(args);
    free(file);
    free(none);
}

static void
test_maturity_evidence(void **state)
{
    char *file = export_case("eval2.xlsx", 1, 0, LANG_ZH), *args;

    (void)state;
    /* I = 0.5 × 3 + 0.5 × 100 = 51.5: 一星 (0–59), provisional (criteria unscored) */
    args = xasprintf(NAMES
        "--row '成熟度评价|*|*|M1.1.1|*|2|2|管理者代表任命书|任命文件|张三' "
        "--blank '成熟度评价|*|*|M1.1.3|*|2|6' "
        "--row '成熟度评价|定性评价得分（合计）||||100|3' "
        "--row '成熟度评价|评价方法|||行业先进值法（序号1）' "
        "--row '成熟度评价|定量评价得分|||100' "
        "--row '成熟度评价|定性评价指标权重 a1|||**|0.5|0.6' "
        "--row '成熟度评价|定量评价指标权重 a2|||**|0.5|0.4' "
        "--row '成熟度评价|综合得分 I|||51.5|I = a1 × 定性 + a2 × 定量 = 0.5 × 3 + 0.5 × 100 = 51.5（002 式(3)）' "
        "--row '成熟度评价|评价结果|||一星（暂定）' "
        "--row '成熟度评价|一星|||0–59|◀' "
        "--people '成熟度评价|评审组：赵六（组长）,,;张三,评审人（录入评分）,' "
        "--text '成熟度评价|表22' "
        /* the evidence list: the file unchanged with its SHA-256, the other changed since */
        "--row '佐证材料清单|零碳机关评价|1.2.1 碳排放监测体系完备度|监测制度文件|现场查看监测系统|李四|*|%s|%s|文件未变' "
        "--row '佐证材料清单|零碳机关评价|2.1.2 节能改造项目实施率|节能改造台账|查阅节能改造台账|张三|*|%s|*|文件已改动（SHA-256 与登记时不同）' "
        "--row '佐证材料清单|成熟度评价|@advanced 行业先进值（表A.2）|行业先进值来源' "
        "--row '佐证材料清单|碳抵消|CCER CCER-DEMO-0001 示例风电场项目' "
        "--no-text '佐证材料清单|#evaluators'", okfile, oksha, chfile);
    check(file, args);
    free(args);
    free(file);
}

/* 1.1.1 fails: the total loses its 5 points (6.5) and the grade is the lowest, vetoed. */
static void
test_veto(void **state)
{
    char *file = export_case("veto.xlsx", 1, 1, LANG_ZH);

    (void)state;
    check(file, NAMES
          "--row '零碳机关评价|*|*|1.1.1|*|约束性|5|*|0|计算' "
          "--row '零碳机关评价|综合得分|||6.5' "
          "--row '零碳机关评价|一票否决（1.1.1）|||已否决|1.1.1 未通过：不论综合得分，评价等级为最低一级（待改进机关）' "
          "--text '零碳机关评价|一票否决（1.1.1 未通过）'");
    free(file);
}

/* In English: the evaluators' table under its English header; the names as entered. */
static void
test_english(void **state)
{
    char *file = export_case("en.xlsx", 1, 0, LANG_EN);

    (void)state;
    check(file, "--names 'Zero-carbon office,Maturity,Evidence' "
          "--people 'Zero-carbon office|王五,组长（高级工程师）,2026-11-30;张三,评审员,2026-12-01;"
          "李四,assessor (entered scores),' "
          "--people 'Maturity|评审组：赵六（组长）,,;张三,assessor (entered scores),' "
          "--no-text 'Zero-carbon office|姓名'");
    free(file);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zc),
        cmocka_unit_test(test_maturity_evidence),
        cmocka_unit_test(test_veto),
        cmocka_unit_test(test_english),
    };

    setlocale(LC_CTYPE, "C.UTF-8");   /* width_of counts a Chinese character as two columns */
    return cmocka_run_group_tests(tests, setup, teardown);
}
