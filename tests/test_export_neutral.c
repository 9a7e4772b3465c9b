/*
 * test_export_neutral.c - the Excel export's carbon-neutrality sheets 可再生能源与绿电, 碳抵消与碳中和
 * and 碳中和声明 (export_xlsx_neutral.c, export_xlsx_statement.c), written from a judgement built
 * by core/neutral.c over an in-memory year and plan and read back with openpyxl by
 * tests/export_neutral_check.py: the renewable rows and their totals, a green certificate, both
 * scope 2 figures, the shares, every offset with whether it counts and why not, the judgement,
 * the statement with the evaluator as entered; a year that falls short has no statement; a
 * statement without an evaluator says 未填写; English; the sheets before them are the same
 * bytes as without a judgement; two exports are byte-identical.
 *
 * The year (2023, national grid 0.5306 tCO₂/MWh, AR6): 110 000 kWh = 110 MWh × 0.5306 = 58.366
 * tCO₂e (scope 2); 1000 m³ natural gas = 0.1 万m³ × 21.622 = 2.1622 tCO₂e (scope 1); emissions
 * 58.366 + 2.1622 = 60.5282. Energy (A.2): 110 000 kWh × 0.1229 kgce = 13.519 tce + 1000 m³ ×
 * 1.2143 kgce = 1.2143 tce: 14.7333 tce.
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

#include "export/export.h"
#include "core/neutral.h"
#include "core/perf.h"
#include "core/plan.h"
#include "core/report.h"
#include "base/xmem.h"

#include "year_fixture.h"

#define CHECK "/usr/bin/python3 tests/export_neutral_check.py"
#define SHA "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static void
office(struct wb_year *y, int year)
{
    char period[8];

    snprintf(period, sizeof period, "%d", year);
    year_new(y, year, "全国", "AR6");
    year_info(y, "unit_name", "某县档案局");
    year_info(y, "building_area", "2000");
    year_info(y, "headcount", "50");
    year_act(y, "electricity", "", period, 110000, "kWh");
    year_act(y, "natural_gas", "食堂", period, 1000, "m³");
}

static void
add_renewable(struct wb_plan *p, int year, enum renew_kind k, const char *period, double q,
              double kw, const char *ev, const char *file, const char *note)
{
    struct wb_renewable *r;

    p->renewables = xrealloc(p->renewables, (p->nrenewables + 1) * sizeof *p->renewables);
    r = &p->renewables[p->nrenewables++];
    memset(r, 0, sizeof *r);
    r->year = year;
    r->kind = k;
    r->period = xstrdup(period);
    r->quantity = q;
    r->capacity_kw = kw;
    r->ev.ref = xstrdup(ev);
    r->ev.file = xstrdup(file);
    r->ev.sha256 = xstrdup(file[0] != '\0' ? SHA : "");
    r->note = xstrdup(note);
}

static struct wb_offset *
add_offset(struct wb_plan *p, int year, enum offset_type t, const char *project, const char *serial,
           const char *registered, int vintage, double tco2e, const char *cancelled,
           const char *proof, int used, const char *ev)
{
    struct wb_offset *o;

    p->offsets = xrealloc(p->offsets, (p->noffsets + 1) * sizeof *p->offsets);
    o = &p->offsets[p->noffsets++];
    memset(o, 0, sizeof *o);
    o->year = year;
    o->type = t;
    o->project = xstrdup(project);
    o->serial = xstrdup(serial);
    o->registered = xstrdup(registered);
    o->vintage = vintage;
    o->quantity_tco2e = tco2e;
    o->cancelled = xstrdup(cancelled);
    o->proof = xstrdup(proof);
    o->used_elsewhere = used;
    o->registry = xstrdup("");
    o->location = xstrdup("");
    o->species = xstrdup("");
    o->period = xstrdup("");
    o->disclosure = xstrdup("");
    o->ev.ref = xstrdup(ev);
    o->ev.file = xstrdup("");
    o->ev.sha256 = xstrdup("");
    o->note = xstrdup("");
    return o;
}

/*
 * The claims of year: PV 20 000 kWh (50 kW), renewable heat 100 GJ, green power bought 30 000
 * kWh, other renewable power 5 000 kWh in May without evidence (left out); a certificate of 10
 * MWh produced in year; with ccer a CCER of 60 t registered 2021; a CCER registered 2017 (too
 * old for 2023), a type outside §7.3.1.2, a Shenzhen credit used elsewhere; with statement the
 * pledge and the statement of year (evaluator when with_evaluator).
 */
static void
plan_case(struct wb_plan *p, int year, int ccer, int statement, int with_evaluator)
{
    char y[8], may[16];
    struct wb_offset *o;

    memset(p, 0, sizeof *p);
    snprintf(y, sizeof y, "%d", year);
    snprintf(may, sizeof may, "%d-05", year);
    add_renewable(p, year, RENEW_PV, y, 20000, 50, "光伏发电量统计表", "/srv/ev/pv.pdf", "屋顶光伏");
    add_renewable(p, year, RENEW_HEAT, y, 100, 0, "热量表读数", "", "");
    add_renewable(p, year, RENEW_GREEN, y, 30000, 0, "绿电交易结算单", "", "");
    add_renewable(p, year, RENEW_POWER, may, 5000, 0, "", "", "小型风机");
    o = add_offset(p, year, OFFSET_CERT, "绿色电力证书", "GEC-001", "", year, 0, "2024-01-15",
                   "绿证注销凭证 001", 0, "绿证 001");
    o->quantity_mwh = 10;
    free(o->registry);
    o->registry = xstrdup("中国绿证交易平台");
    if (ccer)
        add_offset(p, year, OFFSET_CCER, "某风电项目", "CCER-123", "2021-06-01", 2021, 60,
                   "2024-02-01", "注销证明 123", 0, "CCER 注销证明");
    add_offset(p, year, OFFSET_CCER, "某水电项目", "CCER-OLD", "2017-03-01", 2017, 10,
               "2024-02-01", "注销证明 9", 0, "CCER 注销证明 9");
    add_offset(p, year, OFFSET_OTHER, "某积分", "X-1", "2022-01-01", 2022, 5, "2024-02-01",
               "证明 X", 0, "凭证 X");
    add_offset(p, year, OFFSET_SZ, "深圳某项目", "SZ-7", "2022-01-01", 2022, 3, "2024-02-01",
               "证明 SZ", 1, "凭证 SZ");
    /* a target for d): the total 10 % below 2023 by 2025 */
    p->bases = xcalloc(1, sizeof *p->bases);
    p->nbases = 1;
    assert_int_equal(plan_base_parse(y, LANG_ZH, &p->bases[0], &(char *){NULL}), ERR_OK);
    p->bases[0].reason = xstrdup("");
    p->bases[0].at = xstrdup("2024-03-01T08:00:00Z");
    p->targets = xcalloc(1, sizeof *p->targets);
    p->ntargets = 1;
    p->targets[0].param = PARAM_TOTAL;
    p->targets[0].target_year = 2025;
    p->targets[0].kind = TARGET_REDUCTION;
    p->targets[0].value = 10;
    p->targets[0].note = xstrdup("");
    p->pledge.commitment = xstrdup(statement ? "2023 年起实现运营碳中和" : "");
    p->pledge.timetable = xstrdup(statement ? "每年核算并抵消" : "");
    p->pledge.reduction = xstrdup(statement ? "屋顶光伏与节能改造" : "");
    p->pledge.offsetting = xstrdup(statement ? "购买 CCER 与绿证" : "");
    if (statement) {
        p->statements = xcalloc(1, sizeof *p->statements);
        p->nstatements = 1;
        p->statements[0].year = year;
        p->statements[0].period = xstrdup("");
        p->statements[0].evaluator = xstrdup(with_evaluator ? "某碳核查机构" : "");
        p->statements[0].conclusion = xstrdup(with_evaluator ? "经评价，该单位 2023 年度实现运营碳中和" : "");
        p->statements[0].other = xstrdup("");
    }
}

static char dir[64];

/*
 * Exports year with plan to dir/name in lang; with_neutral 0: no judgement (the sheets before
 * the 碳中和 ones only).
 */
static char *
export_case(const char *name, int year, const struct wb_plan *plan, enum lang lang,
            int with_neutral)
{
    struct wb_year y;
    struct report R;
    struct perf P;
    struct neutral N;
    double kwh_coal, gj_coal;
    const struct grid_factor *g = factors_residual(lib, year, NULL);
    char *cause = NULL, *file = xasprintf("%s/%s", dir, name);
    struct export_in in = {.fs = forms, .r = &R, .perf = &P, .plan = plan,
                           .neutral = with_neutral ? &N : NULL, .residual = g};

    assert_non_null(g);
    office(&y, year);
    assert_int_equal(perf_build(forms, &y, 1, NULL, plan, year, lang, &P, &cause), ERR_OK);
    assert_int_equal(report_build(forms, &y, 1, year, lang, &R, &cause), ERR_OK);
    neutral_coal(&y, &kwh_coal, &gj_coal);
    neutral_build(report_cur(&R), plan->offsets, plan->noffsets, plan->renewables,
                  plan->nrenewables, kwh_coal, gj_coal, g->value, g->year, lang, &N);
    if (export_xlsx_format.write(&in, file, &cause) != ERR_OK)
        fail_msg("export: %s", cause);
    neutral_free(&N);
    report_free(&R);
    perf_free(&P);
    model_free(&y);
    return file;
}

/* Runs export_neutral_check.py on file with args; fails the test with its output unless it passes. */
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
        fail_msg("export_neutral_check.py found differences (above)");
}

static int
dir_setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/tanbook-export-neutral-XXXXXX");
    return mkdtemp(dir) != NULL ? 0 : -1;
}

static int
dir_teardown(void **state)
{
    char *cmd = xasprintf("rm -rf '%s'", dir);
    int rc = getenv("KEEP") != NULL ? 0 : system(cmd);

    (void)state;
    free(cmd);
    return rc == 0 ? 0 : -1;
}

/* Achieved: the CCER's 60 t and the certificate's 5.306 t cover 60.5282 t. */
static void
test_achieved(void **state)
{
    struct wb_plan plan;
    char *file, *none, *args;

    (void)state;
    plan_case(&plan, 2023, 1, 1, 1);
    file = export_case("achieved.xlsx", 2023, &plan, LANG_ZH, 1);
    none = export_case("none.xlsx", 2023, &plan, LANG_ZH, 0);
    args = xasprintf(
        "--names '可再生能源与绿电,碳抵消与碳中和,碳中和声明' --same '%s' "
        /* the rows as entered; the May row without evidence does not count */
        "--row '可再生能源与绿电|光伏发电（自用）|2023年|20000|kWh|50|光伏发电量统计表|/srv/ev/pv.pdf|" SHA "|屋顶光伏|是' "
        "--row '可再生能源与绿电|其他可再生电力（自用）|2023年5月|5000|kWh||—|||小型风机|否（无佐证）' "
        "--row '可再生能源与绿电|可再生热力（太阳能热水、热泵）|2023年|100|GJ' "
        /* the totals with evidence: other renewable power 0 (its one row has none) */
        "--row '可再生能源与绿电|光伏发电（自用）|||20000' "
        "--row '可再生能源与绿电|其他可再生电力（自用）|||0' "
        "--row '可再生能源与绿电|可再生热力（太阳能热水、热泵）|||100' "
        "--row '可再生能源与绿电|绿色电力交易（购入）|||30000' "
        "--row '可再生能源与绿电|外购电力（表A.5）|||110000' "
        "--row '可再生能源与绿电|无佐证而不计入的记录|||1' "
        /* the certificate: 10 MWh × 0.5306 = 5.306 tCO₂e, counted whole (scope 2 is 58.366) */
        "--row '可再生能源与绿电|GEC-001|2023|10|5.306|中国绿证交易平台|2024-01-15|绿证注销凭证 001|是|5.306|—' "
        /* renewables (20 000 kWh × 0.1229 + 100 GJ × 34.12) / 1000 = 2.458 + 3.412 = 5.87 tce;
           all energy 14.7333 + 5.87 = 20.6033; share 5.87 / 20.6033 = 28.49058160 % */
        "--row '可再生能源与绿电|可再生能源利用量（tce，当量值）|||5.87' "
        "--row '可再生能源与绿电|综合能耗（表A.2，tce）|||14.7333' "
        "--formula '可再生能源与绿电|能源消费总量（含可再生能源，tce）|||20.6033|4' "
        "--formula '可再生能源与绿电|可再生能源利用率|||28.490581606|4' "
        /* green: (20 000 + 0 + 30 000) / (110 000 + 20 000 + 0) = 50 000 / 130 000 = 38.4615385 % */
        "--formula '可再生能源与绿电|电力消费总量（kWh）|||130000|4' "
        "--formula '可再生能源与绿电|绿色电力（kWh）|||50000|4' "
        "--formula '可再生能源与绿电|绿色电力利用率|||38.461538462|4' "
        "--text '可再生能源与绿电|绿色电力利用率 =（光伏及其他可再生电力自用 + 绿色电力交易购入，kWh）' "
        /* location-based 58.366; market-based (110 − 30 − 10) MWh = 70 MWh × 0.6096 = 42.672 */
        "--row '可再生能源与绿电|范围二排放（基于位置，A.4）|||58.366' "
        "--row '可再生能源与绿电|范围二排放（基于市场）|||42.672' "
        "--formula '可再生能源与绿电|未被绿色电力覆盖的外购电力（MWh）|||70|4' "
        "--row '可再生能源与绿电|剩余电力排放因子（tCO₂/MWh）|||0.6096|2023 年；来源：生态环境部 国家统计局《2023年电力二氧化碳排放因子》（公告2025年第47号）不含市场化交易的非化石能源电量的全国电力平均二氧化碳排放因子' ",
        none);
    check(file, args);
    free(args);
    check(file, "--names '可再生能源与绿电,碳抵消与碳中和,碳中和声明' "
        /* the boundary: 2.1622 + 58.366 = 60.5282 */
        "--row '碳抵消与碳中和|核算边界|||运营碳中和：范围一 + 范围二（范围二基于位置，同表A.4）' "
        "--row '碳抵消与碳中和|范围一排放（tCO₂e）|||2.1622' "
        "--formula '碳抵消与碳中和|核算边界内的排放量（tCO₂e）|||60.5282|4' "
        /* each offset with its flag, counted tCO₂e and reason */
        "--row '碳抵消与碳中和|绿证|绿色电力证书|GEC-001|—|2023|0|10|2024-01-15|绿证注销凭证 001|否|绿证 001|是|5.306|—' "
        "--row '碳抵消与碳中和|CCER|某风电项目|CCER-123|2021-06-01|2021|60||2024-02-01|注销证明 123|否|CCER 注销证明|是|60|—' "
        "--row '碳抵消与碳中和|CCER|某水电项目|CCER-OLD|2017-03-01|2017|10||2024-02-01|注销证明 9|否|CCER 注销证明 9|否|0|2017 年登记，早于碳中和声明（2023 年）的前 5 年（003 §7.3.1.3）' "
        "--row '碳抵消与碳中和|其他|某积分|X-1|2022-01-01|2022|5||2024-02-01|证明 X|否|凭证 X|否|0|类型不在 003 §7.3.1.2 所列（深圳碳普惠、广东碳普惠、CCER）之内' "
        "--row '碳抵消与碳中和|深圳碳普惠|深圳某项目|SZ-7|2022-01-01|2022|3||2024-02-01|证明 SZ|是|凭证 SZ|否|0|已用于其他组织或声明，不能重复使用（003 §7.3.2.3）' "
        /* counted 60 + 5.306 = 65.306 ≥ 60.5282: achieved; rate 65.306 / 60.5282 = 107.893510793 % */
        "--formula '碳抵消与碳中和|计入的抵消量合计（tCO₂e）|*|*|*|*|*|*|*|*|*|*|*|65.306|13' "
        "--row '碳抵消与碳中和|评价结论|||实现碳中和' "
        "--row '碳抵消与碳中和|差额（tCO₂e）|||0' "
        "--formula '碳抵消与碳中和|碳中和率|||107.893510793|4' "
        "--text '碳抵消与碳中和|3. 碳信用的登记时间不得早于碳中和声明的前 5 年（§7.3.1.3）' "
        "--row '碳抵消与碳中和|碳中和承诺的陈述|||2023 年起实现运营碳中和' ");
    check(file, "--names '可再生能源与绿电,碳抵消与碳中和,碳中和声明' "
        /* the statement: a) to g) */
        "--row '碳中和声明|单位名称|某县档案局' "
        "--row '碳中和声明|核算标准|T/ZJJGSW 0005—2024《公共机构碳管理体系 实施指南》附录A（碳排放数据收集）' "
        "--formula '碳中和声明|核算边界内的排放量|60.5282|2' "
        "--row '碳中和声明|范围类型|运营碳中和（范围一 + 范围二）' "
        "--row '碳中和声明|覆盖的时间段|2023-01-01 至 2023-12-31（日历年度）' "
        /* the target: base 2023 60.5282, −10 %: 54.47538; 2023 is the base year, on the curve */
        "--row '碳中和声明|碳排放总量 2025 年|2023 年（单一年份）|54.47538|60.5282|60.5282|按里程碑达标（目标年未到）' "
        "--row '碳中和声明|CCER|某风电项目|CCER-123|2021|注销证明 123|60' "
        "--row '碳中和声明|绿证|绿色电力证书|GEC-001|2023|绿证注销凭证 001|5.306' "
        "--formula '碳中和声明|合计|*|*|*|*|65.306|6' "
        "--row '碳中和声明|评价机构|某碳核查机构' "
        "--row '碳中和声明|评价结论|经评价，该单位 2023 年度实现运营碳中和' "
        "--no-text '碳中和声明|某水电项目' --no-text '碳中和声明|未填写'");
    free(file);
    free(none);
    plan_free(&plan);
}

/* Without the CCER: 5.306 t against 60.5282 t, not achieved, no statement. */
static void
test_not_achieved(void **state)
{
    struct wb_plan plan;
    char *file;

    (void)state;
    plan_case(&plan, 2023, 0, 1, 1);
    file = export_case("short.xlsx", 2023, &plan, LANG_ZH, 1);
    check(file,
          "--names '可再生能源与绿电,碳抵消与碳中和' "
          /* shortfall 60.5282 − 5.306 = 55.2222; rate 5.306 / 60.5282 = 8.76616 % */
          "--row '碳抵消与碳中和|评价结论|||未实现碳中和' "
          "--row '碳抵消与碳中和|差额（tCO₂e）|||55.2222' "
          "--formula '碳抵消与碳中和|碳中和率|||8.766161888|4' "
          "--formula '碳抵消与碳中和|计入的抵消量合计（tCO₂e）|*|*|*|*|*|*|*|*|*|*|*|5.306|13' "
          "--no-text '碳抵消与碳中和|某风电项目'");
    free(file);
    plan_free(&plan);
}

/* Achieved with no evaluator or conclusion entered: the cells say so. */
static void
test_not_entered(void **state)
{
    struct wb_plan plan;
    char *file;

    (void)state;
    plan_case(&plan, 2023, 1, 1, 0);
    file = export_case("blank.xlsx", 2023, &plan, LANG_ZH, 1);
    check(file, "--names '可再生能源与绿电,碳抵消与碳中和,碳中和声明' "
                "--row '碳中和声明|评价机构|未填写' --row '碳中和声明|评价结论|未填写' "
                "--row '碳中和声明|其他|无'");
    free(file);
    plan_free(&plan);
}

/*
 * English, 2024: the library's residual factor is 2023's, the nearest published year, and the
 * sheet says so; the 2024 report uses the nearest grid factor too, so the figures are 2023's.
 */
static void
test_english(void **state)
{
    struct wb_plan plan;
    char *file, *a, *cmd;

    (void)state;
    plan_case(&plan, 2024, 1, 0, 0);
    file = export_case("en.xlsx", 2024, &plan, LANG_EN, 1);
    check(file, "--names 'Renewables and green power,Offsets and neutrality,Neutrality statement' "
                "--row 'Renewables and green power|Scope 2 (location-based, A.4)|||58.366' "
                "--row 'Renewables and green power|Scope 2 (market-based)|||42.672' "
                "--text 'Renewables and green power|2023 (none is published for 2024, the reporting year: the nearest published year' "
                "--row 'Offsets and neutrality|Conclusion|||Carbon neutrality achieved' "
                "--row 'Offsets and neutrality|Other|*|X-1|*|*|*|*|*|*|*|*|no|0|its type is not one of 003 §7.3.1.2 (Shenzhen or Guangdong carbon inclusion, CCER)' "
                "--row 'Neutrality statement|Evaluator|not entered' "
                "--row 'Neutrality statement|Period covered|2024-01-01 to 2024-12-31 (the calendar year)'");
    a = export_case("en2.xlsx", 2024, &plan, LANG_EN, 1);
    cmd = xasprintf("cmp -s '%s' '%s'", file, a);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(a);
    free(file);
    plan_free(&plan);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_achieved, dir_setup, dir_teardown),
        cmocka_unit_test_setup_teardown(test_not_achieved, dir_setup, dir_teardown),
        cmocka_unit_test_setup_teardown(test_not_entered, dir_setup, dir_teardown),
        cmocka_unit_test_setup_teardown(test_english, dir_setup, dir_teardown),
    };

    setlocale(LC_CTYPE, "C.UTF-8");   /* width_of counts a Chinese character as two columns */
    return cmocka_run_group_tests(tests, setup, teardown);
}
