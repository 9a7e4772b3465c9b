/*
 * test_neutral.c - the rules of 003 §7.3 and §8.3 (core/neutral.c): an offset of every
 * ineligible kind with its reason, the boundary (offsets exactly equal to emissions), a
 * certificate against scope 1, the market-based scope 2 with certificates and green power
 * covering part of the electricity, and the shares, every figure by hand beside it.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/xmem.h"
#include "core/model.h"
#include "core/neutral.h"
#include "core/report.h"
#include "data/factors.h"
#include "data/forms.h"
#include "year_fixture.h"

#define near(got, want, tol) near_at((got), (want), (tol), __FILE__, __LINE__)

static void
near_at(double got, double want, double tol, const char *file, int line)
{
    if (!(fabs(got - want) <= tol)) {
        print_error("%.12g != %.12g (± %g)\n", got, want, tol);
        _fail(file, line);
    }
}

/* kgce of 1 kWh (GB/T 2589 当量值) and of 1 GJ of heat (0.03412 kgce/MJ) */
#define KWH_COAL 0.1229
#define GJ_COAL 34.12

/*
 * 2023: 110 000 kWh × 0.5306 = 58.366 tCO₂e (scope 2); 1000 m³ natural gas = 0.1 万m³ × 21.622 =
 * 2.1622 tCO₂e (scope 1); emissions 60.5282. Energy 110 000 × 0.1229 = 13.519 tce + 1000 ×
 * 1.2143 = 1.2143 tce: 14.7333 tce.
 */
static void
office(struct wb_year *y, struct report *r)
{
    char *cause = NULL;

    year_new(y, 2023, "全国", "AR6");
    year_info(y, "building_area", "2000");
    year_act(y, "electricity", "", "2023", 110000, "kWh");
    year_act(y, "natural_gas", "食堂", "2023", 1000, "m³");
    assert_int_equal(report_build(forms, y, 1, 2023, LANG_ZH, r, &cause), ERR_OK);
}

static struct wb_offset
offset(enum offset_type type, const char *registered, int vintage, double t, const char *cancelled,
       const char *proof, int used, const char *evidence)
{
    static char serials[64][16];    /* each offset its own serial: one serial twice counts once */
    static unsigned next;
    struct wb_offset o = {0};

    o.year = 2023;
    o.type = type;
    o.project = (char *)"项目";
    snprintf(serials[next % 64], sizeof serials[0], "S-%u", next + 1);
    o.serial = serials[next++ % 64];
    o.registered = (char *)registered;
    o.vintage = vintage;
    o.quantity_tco2e = t;
    o.cancelled = (char *)cancelled;
    o.proof = (char *)proof;
    o.used_elsewhere = used;
    o.disclosure = (char *)"";
    o.ev.ref = (char *)evidence;
    o.note = (char *)"";
    return o;
}

/* Every ineligible kind, each with the reason that names its rule; two that count. */
static void
test_eligibility(void **state)
{
    static const struct {
        enum offset_type type;
        const char *registered;
        int vintage;
        const char *cancelled, *proof;
        int used;
        const char *evidence, *disclosure;
        const char *reason;     /* a part of the reason; NULL: eligible */
    } cases[] = {
        {OFFSET_CCER, "2020-05-01", 0, "2024-03-01", "注销-1", 0, "注销证明 2024-03", "", NULL},
        {OFFSET_SZ, "2018-01-01", 0, "2024-03-01", "注销-2", 0, "证明", "", NULL},   /* 2023 − 5 */
        {OFFSET_GD, "2017-12-31", 0, "2024-03-01", "注销-3", 0, "证明", "", "2017 年登记，早于碳中和声明（2023 年）的前 5 年"},
        {OFFSET_CCER, "2021-01-01", 0, "", "", 0, "证明", "", "尚未注销"},
        {OFFSET_CCER, "2021-01-01", 0, "2024-01-01", "", 0, "证明", "", "没有注销证明"},
        {OFFSET_CCER, "2021-01-01", 0, "2024-01-01", "p", 1, "证明", "", "已用于其他组织或声明"},
        {OFFSET_OTHER, "2021-01-01", 0, "2024-01-01", "p", 0, "证明", "", "类型不在 003 §7.3.1.2 所列"},
        {OFFSET_CERT, "", 2022, "2024-01-01", "p", 0, "证明", "", "绿证的生产年份 2022 与抵销年度 2023 不一致"},
        {OFFSET_CERT, "", 0, "2024-01-01", "p", 0, "证明", "", "绿证没有生产年份"},
        {OFFSET_CCER, "2021-01-01", 0, "2024-01-01", "p", 0, "", "", "没有佐证材料"},
        {OFFSET_FOREST, "", 0, "", "", 0, "证明", "", "未公开（003 §7.3.2.2）"},
        {OFFSET_FOREST, "", 0, "", "", 0, "证明", "某县林场 公示 2023-06", NULL},
        {OFFSET_CCER, "", 0, "2024-01-01", "p", 0, "证明", "", "没有登记日期"},
    };
    struct wb_year y;
    struct report r;
    struct neutral n;
    struct wb_offset offs[nitems(cases)];
    size_t i;

    (void)state;
    office(&y, &r);
    for (i = 0; i < nitems(cases); i++) {
        offs[i] = offset(cases[i].type, cases[i].registered, cases[i].vintage, 1, cases[i].cancelled,
                         cases[i].proof, cases[i].used, cases[i].evidence);
        offs[i].disclosure = (char *)cases[i].disclosure;
    }
    neutral_build(report_cur(&r), offs, nitems(cases), NULL, 0, KWH_COAL, GJ_COAL, 0.6096, 2023,
                  LANG_ZH, &n);
    assert_int_equal(n.noffsets, nitems(cases));
    for (i = 0; i < nitems(cases); i++) {
        if (cases[i].reason == NULL) {
            if (n.offsets[i].reason != NULL)
                fail_msg("case %zu: %s", i, n.offsets[i].reason);
            assert_true(n.offsets[i].eligible);
            continue;
        }
        assert_false(n.offsets[i].eligible);
        if (strstr(n.offsets[i].reason, cases[i].reason) == NULL)
            fail_msg("case %zu: \"%s\" does not say \"%s\"", i, n.offsets[i].reason, cases[i].reason);
    }
    /* three count, 1 t each */
    near(n.eligible_tco2e, 3, 1e-12);
    neutral_free(&n);
    report_free(&r);
    model_free(&y);
}

/*
 * The judgement: a CCER of 30 t and a certificate of 10 t (20 MWh) against 60.5282 t: 40 t
 * eligible, not achieved, short by 20.5282 t; 碳中和率 40 / 60.5282 = 66.0849 %. Another year's
 * offset is left out.
 */
static void
test_judgement(void **state)
{
    struct wb_year y;
    struct report r;
    struct neutral n;
    struct wb_offset offs[3];

    (void)state;
    office(&y, &r);
    offs[0] = offset(OFFSET_CCER, "2021-01-01", 0, 30, "2024-01-01", "p", 0, "证明");
    offs[1] = offset(OFFSET_CERT, "", 2023, 10, "2024-01-01", "p", 0, "证明");
    offs[1].quantity_mwh = 20;
    offs[2] = offset(OFFSET_CCER, "2021-01-01", 0, 500, "2024-01-01", "p", 0, "证明");
    offs[2].year = 2022;
    neutral_build(report_cur(&r), offs, 3, NULL, 0, KWH_COAL, GJ_COAL, 0.6096, 2023, LANG_ZH, &n);
    assert_true(n.ok);
    assert_int_equal(n.noffsets, 2);
    near(n.scope1_tco2e, 2.1622, 1e-9);
    near(n.scope2_tco2e, 58.366, 1e-9);
    near(n.emissions_tco2e, 60.5282, 1e-9);
    near(n.eligible_tco2e, 40, 1e-12);
    assert_false(n.achieved);
    near(n.shortfall_tco2e, 20.5282, 1e-9);
    assert_true(n.has_rate);
    near(n.neutrality_rate_pct, 40 / 60.5282 * 100, 1e-9);
    neutral_free(&n);
    report_free(&r);
    model_free(&y);
}

/*
 * A certificate of 70 t against scope 2 of 58.366 t counts for 58.366 only (it cannot offset the
 * gas: scope 1); with a CCER of exactly scope 1 the offsets equal the emissions: 实现碳中和, no
 * shortfall (the boundary case of §8.3 a: ≤).
 */
static void
test_boundary(void **state)
{
    struct wb_year y;
    struct report r;
    struct neutral n;
    struct wb_offset offs[2];

    (void)state;
    office(&y, &r);
    offs[0] = offset(OFFSET_CERT, "", 2023, 70, "2024-01-01", "p", 0, "证明");
    offs[1] = offset(OFFSET_CCER, "2022-01-01", 0, report_cur(&r)->scope1_tco2e, "2024-01-01", "p",
                     0, "证明");
    neutral_build(report_cur(&r), offs, 2, NULL, 0, KWH_COAL, GJ_COAL, 0.6096, 2023, LANG_ZH, &n);
    near(n.offsets[0].counted_tco2e, 58.366, 1e-9);
    near(n.eligible_tco2e, n.emissions_tco2e, 0);
    assert_true(n.achieved);
    near(n.shortfall_tco2e, 0, 0);
    near(n.neutrality_rate_pct, 100, 1e-9);
    neutral_free(&n);
    /* without the CCER the certificate alone leaves scope 1 (2.1622 t) short */
    neutral_build(report_cur(&r), offs, 1, NULL, 0, KWH_COAL, GJ_COAL, 0.6096, 2023, LANG_ZH, &n);
    assert_false(n.achieved);
    near(n.shortfall_tco2e, 2.1622, 1e-9);
    neutral_free(&n);
    report_free(&r);
    model_free(&y);
}

/*
 * Market-based scope 2 and the shares. 110 MWh bought; 20 000 kWh green power (with evidence),
 * a certificate of 20 MWh of 2023: 110 − 20 − 20 = 70 MWh × 0.6096 = 42.672 tCO₂e (no heat).
 * PV 10 000 kWh used on site (50 kW) with evidence; 5000 kWh more without evidence left out.
 *   renewable 10 000 × 0.1229 = 1229 kgce = 1.229 tce; all energy 14.7333 + 1.229 = 15.9623 tce:
 *   可再生能源利用率 1.229 / 15.9623 = 7.69939 %
 *   绿色电力利用率 (10 000 + 20 000) / (110 000 + 10 000) = 25 %
 * Without a residual factor the uncovered 70 of 110 MWh stay at A.4's: 58.366 × 70 / 110 = 37.1420.
 */
static void
test_market_and_shares(void **state)
{
    struct wb_year y;
    struct report r;
    struct neutral n;
    struct wb_offset cert;
    struct wb_renewable ren[3] = {
        {.year = 2023, .kind = RENEW_PV, .quantity = 10000, .capacity_kw = 50, .ev.ref = (char *)"电表读数 2023"},
        {.year = 2023, .kind = RENEW_PV, .quantity = 5000, .ev.ref = (char *)""},
        {.year = 2023, .kind = RENEW_GREEN, .quantity = 20000, .ev.ref = (char *)"绿电交易结算单"},
    };

    (void)state;
    office(&y, &r);
    cert = offset(OFFSET_CERT, "", 2023, 10, "2024-01-01", "p", 0, "证明");
    cert.quantity_mwh = 20;
    neutral_build(report_cur(&r), &cert, 1, ren, 3, KWH_COAL, GJ_COAL, 0.6096, 2023, LANG_ZH, &n);
    near(n.electricity_kwh, 110000, 1e-6);
    near(n.scope2_market_tco2e, 42.672, 1e-9);
    near(n.scope2_tco2e, 58.366, 1e-9);      /* location-based stays as A.4 */
    assert_int_equal(n.no_evidence, 1);
    near(n.pv_kwh, 10000, 0);
    near(n.capacity_kw, 50, 0);
    near(n.renewable_tce, 1.229, 1e-12);
    near(n.energy_tce, 15.9623, 1e-9);
    near(n.renewable_share_pct, 1.229 / 15.9623 * 100, 1e-9);
    near(n.green_power_share_pct, 25, 1e-9);
    neutral_free(&n);
    neutral_build(report_cur(&r), &cert, 1, ren, 3, KWH_COAL, GJ_COAL, 0, 0, LANG_ZH, &n);
    near(n.scope2_market_tco2e, 58.366 * 70 / 110, 1e-9);
    neutral_free(&n);
    /*
     * A certificate given in MWh only (30 MWh) is worth 30 × 0.5306 = 15.918 tCO₂e, A.4's factor;
     * one given in tCO₂e only (5.306 t) covers 5.306 / 0.5306 = 10 MWh: 110 − 20 − 10 = 80 MWh
     * × 0.6096 = 48.768 tCO₂e market-based.
     */
    cert.quantity_tco2e = 0;
    cert.quantity_mwh = 30;
    neutral_build(report_cur(&r), &cert, 1, ren, 3, KWH_COAL, GJ_COAL, 0.6096, 2023, LANG_ZH, &n);
    assert_true(n.offsets[0].eligible);
    near(n.offsets[0].worth_tco2e, 15.918, 1e-9);
    near(n.eligible_tco2e, 15.918, 1e-9);
    neutral_free(&n);
    cert.quantity_tco2e = 5.306;
    cert.quantity_mwh = 0;
    neutral_build(report_cur(&r), &cert, 1, ren, 3, KWH_COAL, GJ_COAL, 0.6096, 2023, LANG_ZH, &n);
    near(n.offsets[0].mwh, 10, 1e-9);
    near(n.scope2_market_tco2e, 48.768, 1e-9);
    neutral_free(&n);
    report_free(&r);
    model_free(&y);
}

static void
test_names(void **state)
{
    (void)state;
    assert_int_equal(neutral_type_find("CCER"), OFFSET_CCER);
    assert_int_equal(neutral_type_find("深圳碳普惠"), OFFSET_SZ);
    assert_int_equal(neutral_type_find("广东碳普惠"), OFFSET_GD);
    assert_int_equal(neutral_type_find("绿证"), OFFSET_CERT);
    assert_int_equal(neutral_type_find("林业碳汇"), OFFSET_FOREST);
    assert_int_equal(neutral_type_find("其他"), OFFSET_OTHER);
    assert_int_equal(neutral_type_find("ccer"), OFFSET_CCER);
    assert_int_equal(neutral_type_find("VCS"), -1);
    assert_int_equal(neutral_renew_find("pv"), RENEW_PV);
    assert_int_equal(neutral_renew_find("绿色电力交易"), RENEW_GREEN);
    assert_int_equal(neutral_renew_find("光伏"), RENEW_PV);
    assert_int_equal(neutral_renew_find("热泵"), RENEW_HEAT);
    assert_string_equal(neutral_type_label(OFFSET_CERT, LANG_EN), "Green certificate");
}

/*
 * One serial twice: the first entered counts (even when claimed for another year), the second
 * does not, with its reason; no serial, no such rule.
 */
static void
test_twice(void **state)
{
    struct wb_year y;
    struct report r;
    struct neutral n;
    struct wb_offset o[3];

    (void)state;
    office(&y, &r);
    o[0] = offset(OFFSET_CCER, "2021-01-01", 0, 10, "2024-01-01", "p", 0, "证明");
    o[1] = o[0];
    o[2] = o[0];
    o[0].year = 2022;
    o[0].serial = o[1].serial = (char *)"CCER-7";
    o[2].serial = (char *)"";
    neutral_build(report_cur(&r), o, 3, NULL, 0, KWH_COAL, GJ_COAL, 0, 0, LANG_ZH, &n);
    assert_int_equal(n.noffsets, 2);          /* 2023's two */
    assert_false(n.offsets[0].eligible);
    assert_string_equal(n.offsets[0].reason, "编号 CCER-7 已在另一条抵销记录（2022 年）中，同一减排量只能计入一次");
    assert_true(n.offsets[1].eligible);       /* no serial */
    near(n.eligible_tco2e, 10, 0);
    /* 10 t of 60.5282 t: not achieved; a year with errors is never achieved, its shortfall kept */
    neutral_set_check(&n, 0);
    assert_false(n.achieved);
    n.achieved = 1;
    neutral_set_check(&n, 2);
    assert_false(n.achieved);
    assert_int_equal(n.check_errors, 2);
    near(n.shortfall_tco2e, 60.5282 - 10, 1e-9);
    neutral_free(&n);
    report_free(&r);
    model_free(&y);
}

/* What a claim may hold, and a renewable row beside the others of its kind and year. */
static void
test_valid_and_clash(void **state)
{
    struct wb_offset o = {.year = 2024, .type = OFFSET_CCER, .quantity_tco2e = 1,
                          .registered = (char *)"2024-02-29"};
    struct wb_renewable rows[2] = {
        {.id = 1, .year = 2024, .kind = RENEW_PV, .period = (char *)"2024-01", .quantity = 10},
        {.id = 2, .year = 2024, .kind = RENEW_GREEN, .period = (char *)"2024", .quantity = 10},
    };
    struct wb_plan p = {.renewables = rows, .nrenewables = 2};
    struct wb_renewable r = {.year = 2024, .kind = RENEW_PV, .period = (char *)"2024-02",
                             .quantity = 5};
    char *cause = NULL;

    (void)state;
    assert_int_equal(neutral_offset_valid(&o, LANG_ZH, &cause), ERR_OK);   /* 2024 is a leap year */
    o.registered = (char *)"2023-02-29";
    assert_int_equal(neutral_offset_valid(&o, LANG_ZH, &cause), ERR_INPUT);
    assert_string_equal(cause, "登记日期（YYYY-MM-DD）不正确");
    free(cause);
    o.registered = (char *)"";
    o.note = (char *)"a\x1b[2J";
    assert_int_equal(neutral_offset_valid(&o, LANG_EN, &cause), ERR_INPUT);
    assert_string_equal(cause, "The note holds a control character");
    free(cause);
    o.note = NULL;
    o.ev.file = (char *)"proof.pdf";
    assert_int_equal(neutral_offset_valid(&o, LANG_ZH, &cause), ERR_INPUT);   /* no SHA-256 */
    free(cause);
    /* renewables: February beside January is fine; the year beside months is not */
    assert_int_equal(neutral_renewable_valid(&r, LANG_ZH, &cause), ERR_OK);
    assert_int_equal(neutral_renewable_clash(&p, &r, LANG_ZH, &cause), ERR_OK);
    r.period = (char *)"2024";
    assert_int_equal(neutral_renewable_clash(&p, &r, LANG_ZH, &cause), ERR_INPUT);
    assert_string_equal(cause, "光伏发电（自用） 2024 年已按月记录，不能再按全年记录（会重复计算）");
    free(cause);
    r.period = (char *)"2024-01";
    assert_int_equal(neutral_renewable_clash(&p, &r, LANG_EN, &cause), ERR_INPUT);
    assert_string_equal(cause, "PV used on site 2024-01 is recorded already (row 1): change that row");
    free(cause);
    r.id = 1;                       /* row 1 itself, changed */
    assert_int_equal(neutral_renewable_clash(&p, &r, LANG_ZH, &cause), ERR_OK);
    r.period = (char *)"2025-01";   /* not of its year */
    assert_int_equal(neutral_renewable_valid(&r, LANG_ZH, &cause), ERR_INPUT);
    assert_string_equal(cause, "期间须为 2024 年或其中一个月（如 2024-03）");
    free(cause);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eligibility),
        cmocka_unit_test(test_judgement),
        cmocka_unit_test(test_boundary),
        cmocka_unit_test(test_market_and_shares),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_valid_and_clash),
        cmocka_unit_test(test_twice),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
