/*
 * test_export_perf.c - the Excel export's carbon performance sheets 碳绩效参数 and 碳基准与目标
 * (export_xlsx_perf.c), written from a performance built over in-memory years and plan and read
 * back with openpyxl by tests/export_perf_check.py: the figures as reported and like for like,
 * the changes, the split of the change into activity and factor effects, a target and its
 * progress, the measures held against the gap, the trend charts; a workbook without a base says
 * so; the English labels; two exports are byte-identical; no perf, no such sheets. Every figure
 * is worked out by hand beside it (2022's national grid factor 0.5366 tCO₂/MWh, 2023's 0.5306).
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
#include "core/perf.h"
#include "core/plan.h"
#include "core/report.h"
#include "base/xmem.h"

#include "year_fixture.h"

#define CHECK "/usr/bin/python3 tests/export_perf_check.py"

/* A county office's year on the national grid: kwh in one annual row, 2000 m² (none when
   no_area), 50 people. */
static void
office(struct wb_year *y, int year, double kwh, int no_area)
{
    char period[8];

    snprintf(period, sizeof period, "%d", year);
    year_new(y, year, "全国", "AR6");
    year_info(y, "unit_name", "某县档案局");
    if (!no_area)
        year_info(y, "building_area", "2000");
    year_info(y, "headcount", "50");
    year_act(y, "electricity", "", period, kwh, "kWh");
}

static void
add_base(struct wb_plan *p, const char *text, const char *reason, const char *at)
{
    char *cause = NULL;

    p->bases = xrealloc(p->bases, (p->nbases + 1) * sizeof *p->bases);
    memset(&p->bases[p->nbases], 0, sizeof *p->bases);
    assert_int_equal(plan_base_parse(text, LANG_ZH, &p->bases[p->nbases], &cause), ERR_OK);
    p->bases[p->nbases].reason = xstrdup(reason);
    p->bases[p->nbases].at = xstrdup(at);
    p->nbases++;
}

/*
 * The plan of the worked case: the base first set to 2023, then reset to 2022; the total to fall
 * 4.48 % a year to 2025; one measure of 表C.1 expected to save 2.5 tCO₂e a year.
 */
static void
plan_worked(struct wb_plan *p)
{
    struct wb_target *t;
    struct wb_measure *m;

    memset(p, 0, sizeof *p);
    add_base(p, "2023", "首次设定", "2024-03-01T08:00:00Z");
    add_base(p, "2022", "2022 年是首个数据完整的年份", "2024-04-02T09:30:00Z");
    p->targets = t = xcalloc(1, sizeof *t);
    p->ntargets = 1;
    t->param = PARAM_TOTAL;
    t->target_year = 2025;
    t->kind = TARGET_RATE;
    t->value = 4.48;
    t->note = xstrdup("");
    p->measures = m = xcalloc(1, sizeof *m);
    p->nmeasures = 1;
    m->catalog = 3;
    m->name = xstrdup("办公区照明改为 LED 灯具");
    m->resources = xstrdup("经费 3 万元");
    m->owner = xstrdup("办公室");
    m->due = xstrdup("2024-06");
    m->evaluation = xstrdup("改造前后同月用电量对比");
    m->has_expected = 1;
    m->expected_tco2e = 2.5;
    m->note = xstrdup("");
}

/*
 * Exports 2022/2023 (100 000 and 110 000 kWh; 2022 without floor area when no_area) assessed for
 * 2023 with plan to dir/name in lang, with the performance or (with_perf 0) without.
 */
static char *
export_case(const char *dir, const char *name, const struct wb_plan *plan, enum lang lang,
            int with_perf, int no_area)
{
    struct wb_year ys[2];
    struct report R;
    struct perf P;
    char *cause = NULL, *file = xasprintf("%s/%s", dir, name);
    struct export_in in = {.fs = forms, .r = &R, .perf = with_perf ? &P : NULL, .plan = plan};

    office(&ys[0], 2022, 100000, no_area);
    office(&ys[1], 2023, 110000, 0);
    assert_int_equal(perf_build(forms, ys, 2, NULL, plan, 2023, lang, &P, &cause), ERR_OK);
    assert_int_equal(report_build(forms, &ys[1], 1, 2023, lang, &R, &cause), ERR_OK);
    if (export_xlsx_format.write(&in, file, &cause) != ERR_OK)
        fail_msg("export: %s", cause);
    report_free(&R);
    perf_free(&P);
    model_free(&ys[0]);
    model_free(&ys[1]);
    return file;
}

/* Runs export_perf_check.py on file with args; fails the test with its output unless it passes. */
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
        fail_msg("export_perf_check.py found differences (above)");
}

static char dir[64];

static int
dir_setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/tanbook-export-perf-XXXXXX");
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

static void
test_worked(void **state)
{
    struct wb_plan plan;
    char *file;

    (void)state;
    plan_worked(&plan);
    file = export_case(dir, "worked.xlsx", &plan, LANG_ZH, 1, 0);
    check(file,
          /* as reported: 100 MWh × 0.5366 = 53.66 t; 110 MWh × 0.5306 = 58.366 t; per m²
             58.366 t / 2000 m² = 29.183 kg; per person 58.366 / 50 = 1.16732 t; the base (2022)
             is 2022 itself */
          "--row '碳绩效参数|基准期|53.66|0|53.66|26.83|1.0732' "
          "--row '碳绩效参数|2022|53.66|0|53.66|26.83|1.0732' "
          "--row '碳绩效参数|2023|58.366|0|58.366|29.183|1.16732' "
          /* like for like: 110 MWh × 0.5366 (2022's factor) = 59.026 t, 29.513 kg/m² */
          "--row '碳绩效参数|2023|59.026|0|59.026|29.513|1.18052' "
          "--text '碳绩效参数|按基准期因子可比（2022 年的排放因子）' "
          "--text '碳绩效参数|以基准期 2022 年的排放因子重新计算' "
          "--text '碳绩效参数|碳基准：2022 年（单一年份）；原因：2022 年是首个数据完整的年份。' "
          /* against 2022: (58.366 − 53.66) / 53.66 = 4.706 / 53.66 = 8.770034 %; like for like
             (59.026 − 53.66) / 53.66 = 5.366 / 53.66 = 10 % exactly; scope 1 is 0 → 0: no
             change in per cent (a blank cell) */
          "--row '碳绩效参数|2023|8.770033544||8.770033544' "
          "--row '碳绩效参数|2023|10||10' "
          "--row '碳绩效参数|2022||||' "
          /* two line charts (total, per m²), each as reported and like for like */
          "--charts 2:2 "
          /* the base in force and its history, oldest first */
          "--row '碳基准与目标|基准期|2022 年（单一年份）' "
          "--row '碳基准与目标|代表年份|2022 年' "
          "--row '碳基准与目标|原因|2022 年是首个数据完整的年份' "
          "--row '碳基准与目标|设定时间|2024-04-02T09:30:00Z' "
          "--row '碳基准与目标|2023 年（单一年份）|单一年份|首次设定' "
          "--row '碳基准与目标|2022 年（单一年份）（现行）|单一年份|2022 年是首个数据完整的年份' "
          /* the split of 外购电力: base 53.66, 2023 58.366, change 4.706 = activity 59.026 −
             53.66 = 5.366 + factor 4.706 − 5.366 = −0.66; the total row sums them */
          "--row '碳基准与目标|外购电力|53.66|58.366|4.706|5.366|-0.66' "
          "--formula '碳基准与目标|合计|53.66|58.366|4.706|5.366|-0.66|5' "
          /* the target: r 4.48 % over 2025 − 2022 = 3 years, R = 1 − 0.9552³ = 1 − 0.871531205
             = 12.8468795 %; target 53.66 × 0.871531205 = 46.7663644 t */
          "--row '碳基准与目标|碳排放总量|2022 年（单一年份）|2025|12.8468795392|4.48|53.66|46.766364439|—|无' "
          "--text '碳基准与目标|R = 1 − (1 − r)^(tT − tB)' "
          /* progress: 2023's milestone 53.66 × 0.9552 = 51.256032, gap 58.366 − 51.256032 =
             7.109968, off track; still needed 1 − (46.7663644 / 58.366)^(1/2) = 1 − 0.895132
             = 0.801260 ^ 0.5 = 1 − 0.895131 = 10.48685 % */
          "--row '碳基准与目标|*|2023|51.256032|58.366|59.026|7.109968|未达标|10.486850192' "
          /* 2022 is the base: on the milestone, 4.48 % a year still needed */
          "--row '碳基准与目标|*|2022|53.66|53.66|53.66|0|达标|4.48' "
          /* the measure, its sum, the gap 58.366 − 46.7663644 = 11.5996356, less 2.5 = 9.0996356 */
          "--row '碳基准与目标|3|办公区照明改为 LED 灯具|经费 3 万元|办公室|2024-06|改造前后同月用电量对比|2.5' "
          "--formula '碳基准与目标|预期减排量合计|*|*|*|*|*|2.5|7' "
          "--row '碳基准与目标|2023 年碳排放总量（按报告值）|*|*|*|*|*|58.366' "
          "--row '碳基准与目标|2025 年目标值（碳排放总量）|*|*|*|*|*|46.766364439' "
          "--formula '碳基准与目标|差距（报告年度实际值 − 目标值）|*|*|*|*|*|11.599635561|7' "
          "--formula '碳基准与目标|差距减去预期减排量合计（为正：措施不足以达到目标）|*|*|*|*|*|9.099635561|7' "
          "--no-text '碳基准与目标|尚未设定碳基准'");
    free(file);
    plan_free(&plan);
}

static void
test_no_base(void **state)
{
    struct wb_plan plan = {0};
    char *file;

    (void)state;
    file = export_case(dir, "nobase.xlsx", &plan, LANG_ZH, 1, 0);
    check(file,
          /* as reported and against the year before only; no base row, no like-for-like block */
          "--row '碳绩效参数|2023|58.366|0|58.366|29.183' "
          "--row '碳绩效参数|2023|8.770033544||8.770033544' "
          "--text '碳绩效参数|尚未设定碳基准' "
          "--text '碳绩效参数|tanbook set FILE --base 2022' "
          "--no-text '碳绩效参数|按基准期因子可比（' "
          "--charts 2:1 "
          "--text '碳基准与目标|尚未设定碳基准' "
          "--text '碳基准与目标|tanbook set FILE --base 2022' "
          "--text '碳基准与目标|尚未设定碳目标' "
          "--text '碳基准与目标|尚无减排措施。' "
          "--no-text '碳基准与目标|外购电力'");
    free(file);
}

static void
test_english(void **state)
{
    struct wb_plan plan;
    char *file;

    (void)state;
    plan_worked(&plan);
    file = export_case(dir, "en.xlsx", &plan, LANG_EN, 1, 0);
    check(file, "--names 'Carbon performance,Base and targets' "
                "--row 'Carbon performance|Year|Total emissions' "
                "--text 'Carbon performance|Like for like (with the factors of 2022)' "
                "--row 'Base and targets|Electricity|53.66|58.366|4.706|5.366|-0.66' "
                "--row 'Base and targets|*|2023|51.256032|58.366|59.026|7.109968|off track' "
                "--charts 2:2");
    free(file);
    plan_free(&plan);
}

/* A figure that is not there is a blank cell, in the table and so a gap in the chart. */
static void
test_missing(void **state)
{
    struct wb_plan plan = {0};
    char *file;

    (void)state;
    add_base(&plan, "2022", "", "2024-04-02T09:30:00Z");
    plan.targets = xcalloc(1, sizeof *plan.targets);
    plan.ntargets = 1;
    plan.targets[0].param = PARAM_INTENSITY;
    plan.targets[0].target_year = 2025;
    plan.targets[0].kind = TARGET_REDUCTION;
    plan.targets[0].value = 7;
    plan.targets[0].note = xstrdup("");
    file = export_case(dir, "missing.xlsx", &plan, LANG_ZH, 1, 1);
    check(file,
          /* 2022 has no floor area: no intensity, so none against it either; 2023's is there */
          "--row '碳绩效参数|2022|53.66|0|53.66||1.0732' "
          "--row '碳绩效参数|2023|58.366|0|58.366|29.183|1.16732' "
          "--row '碳绩效参数|2023|8.770033544||8.770033544|' "
          /* the per-m² target has no base value: it says why, and no figure */
          "--row '碳基准与目标|单位建筑面积碳排放量|2022 年（单一年份）|2025|||||—|基准期的 2022 年缺少建筑面积' "
          "--row '碳基准与目标|单位建筑面积碳排放量 2025 年|基准期的 2022 年缺少建筑面积' "
          "--charts 2:2");
    free(file);
    plan_free(&plan);
}

/* The same performance gives the same file; without one, the report's sheets only. */
static void
test_same_and_none(void **state)
{
    struct wb_plan plan;
    char *a, *b, *none, *cmd;

    (void)state;
    plan_worked(&plan);
    a = export_case(dir, "a.xlsx", &plan, LANG_ZH, 1, 0);
    b = export_case(dir, "b.xlsx", &plan, LANG_ZH, 1, 0);
    cmd = xasprintf("cmp -s '%s' '%s'", a, b);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    none = export_case(dir, "none.xlsx", &plan, LANG_ZH, 0, 0);
    cmd = xasprintf("/usr/bin/python3 -c \"import openpyxl,sys; "
                    "sys.exit(openpyxl.load_workbook(sys.argv[1]).sheetnames[-1] != '图表')\" '%s'",
                    none);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(a);
    free(b);
    free(none);
    plan_free(&plan);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_worked, dir_setup, dir_teardown),
        cmocka_unit_test_setup_teardown(test_no_base, dir_setup, dir_teardown),
        cmocka_unit_test_setup_teardown(test_english, dir_setup, dir_teardown),
        cmocka_unit_test_setup_teardown(test_missing, dir_setup, dir_teardown),
        cmocka_unit_test_setup_teardown(test_same_and_none, dir_setup, dir_teardown),
    };

    setlocale(LC_CTYPE, "C.UTF-8");   /* width_of counts a Chinese character as two columns */
    return cmocka_run_group_tests(tests, setup, teardown);
}
