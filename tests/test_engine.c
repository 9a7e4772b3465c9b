/*
 * test_engine.c - the accounting rules against hand calculations from reference/factors.md.
 * Each expected value has its arithmetic beside it; tolerance 1e-9 relative unless stated.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "base/xmem.h"

#include "year_fixture.h"

static void
near(double got, double want, double rel)
{
    double tol = fabs(want) * rel + 1e-12;

    if (fabs(got - want) > tol)
        fail_msg("got %.12g, want %.12g (tolerance %.3g)", got, want, tol);
}

/* One source at a time: activity → tCO₂e and tce. */
static void
test_single_sources(void **state)
{
    static const struct {
        const char *source, *period, *unit;
        int year;
        double q, tco2e, tce;
    } cases[] = {
        /* 1 158 000 kWh = 1158 MWh × 0.5306 (2023 national, stands in for 2024) = 614.4348;
           1 158 000 × 0.1229 kgce = 142 318.2 kgce = 142.3182 tce */
        {"electricity", "2024", "kWh", 2024, 1158000, 614.4348, 142.3182},
        /* 2021: 100 MWh × 0.5568 = 55.68; 100 000 kWh × 0.1229 = 12.29 tce */
        {"electricity", "2021", "MWh", 2021, 100, 55.68, 12.29},
        /* 2022 with 万kWh: 3 万kWh = 30 MWh × 0.5366 = 16.098; 30 000 × 0.1229 = 3.687 tce */
        {"外购电力", "2022-03", "万kWh", 2022, 3, 16.098, 3.687},
        /* 25 600 m³ = 2.56 万m³ × 21.622 = 55.35232; 25 600 × 1.2143 kgce = 31.08608 tce */
        {"natural_gas", "2024-Q1", "m³", 2024, 25600, 55.35232, 31.08608},
        /* 1.5 万m³ × 21.622 = 32.433; 15 000 × 1.2143 = 18.2145 tce */
        {"天然气", "2024", "万m3", 2024, 1.5, 32.433, 18.2145},
        /* 12 530 L × 0.73 kg/L = 9 146.9 kg = 9.1469 t × 2.9251 = 26.75559719;
           9 146.9 kg × 1.4714 kgce/kg = 13 458.74866 kgce = 13.45874866 tce */
        {"gasoline", "2024", "L", 2024, 12530, 26.75559719, 13.45874866},
        /* 420 kg = 0.42 t × 3.0959 = 1.300278; 420 × 1.4571 = 611.982 kgce */
        {"diesel", "2024", "kg", 2024, 420, 1.300278, 0.611982},
        /* 1000 L × 0.84 = 840 kg = 0.84 t × 3.0959 = 2.600556; 840 × 1.4571 = 1.223964 tce */
        {"柴油", "2024", "L", 2024, 1000, 2.600556, 1.223964},
        /* 2 t LPG × 3.1013 = 6.2026; 2000 kg × 1.7143 = 3.4286 tce */
        {"lpg", "2024", "t", 2024, 2, 6.2026, 3.4286},
        /* 740 GJ × 0.11 = 81.4; 740 000 MJ × 0.03412 kgce/MJ = 25 248.8 kgce = 25.2488 tce */
        {"heat", "2024", "GJ", 2024, 740, 81.4, 25.2488},
        /* 500 000 MJ = 500 GJ × 0.11 = 55; 500 000 × 0.03412 = 17.06 tce */
        {"热力", "2024", "MJ", 2024, 500000, 55, 17.06},
        /* 10 t anthracite × 2.5215 = 25.215; 10 000 kg × 0.9110 = 9.11 tce */
        {"anthracite", "2024", "t", 2024, 10, 25.215, 9.11},
        /* refrigerant top-up 10 kg R-410A, AR6 GWP 2255.5: 0.01 t × 2255.5 = 22.555 tCO₂e; no coal */
        {"r_410a", "2024", "kg", 2024, 10, 22.555, 0},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct wb_year y;
        struct engine_result r;
        char *cause = NULL;
        const struct source_def *src = factors_source(lib, cases[i].source);

        year_new(&y, cases[i].year, "全国", "AR6");
        year_act(&y, src->id, "", cases[i].period, cases[i].q, cases[i].unit);
        assert_int_equal(engine_compute(&y, &r, &cause), ERR_OK);
        assert_int_equal(r.nsources, 1);
        near(r.sources[0].tco2e, cases[i].tco2e, 1e-9);
        near(r.sources[0].tce, cases[i].tce, 1e-9);
        near(r.total_tco2e, cases[i].tco2e, 1e-9);
        near(r.energy_tce, cases[i].tce, 1e-9);
        engine_result_free(&r);
        model_free(&y);
    }
}

/* A small office over a year: totals by category and scope, indicators, months. */
static void
test_office_year(void **state)
{
    static const double kwh[12] = {98000, 86000, 82000, 78000, 85000, 105000,
                                   128000, 131000, 102000, 84000, 83000, 96000};
    struct wb_year y;
    struct engine_result r;
    char *cause = NULL, p[24];
    int m;

    (void)state;
    year_new(&y, 2024, "全国", "AR6");
    for (m = 1; m <= 12; m++) {
        snprintf(p, sizeof(p), "2024-%02d", m);
        year_act(&y, "electricity", "", p, kwh[m - 1], "kWh");
    }
    year_act(&y, "natural_gas", "炉灶", "2024-Q1", 6400, "m³");
    year_act(&y, "natural_gas", "炉灶", "2024-Q2", 6500, "m³");
    year_act(&y, "natural_gas", "炉灶", "2024-Q3", 5750, "m³");
    year_act(&y, "natural_gas", "炉灶", "2024-Q4", 6950, "m³");
    year_act(&y, "gasoline", "公务车", "2024", 12530, "L");
    year_act(&y, "heat", "", "2024", 740, "GJ");
    year_info(&y, "building_area", "12500");
    year_info(&y, "headcount", "182");
    assert_int_equal(engine_compute(&y, &r, &cause), ERR_OK);

    /* electricity: Σ = 1 158 000 kWh → 614.4348 t; gas: 25 600 m³ → 55.35232 t;
       gasoline 26.75559719 t; heat 81.4 t */
    assert_int_equal(r.nsources, 4);
    /* library order: gasoline, natural gas, electricity, heat */
    assert_string_equal(r.sources[0].src->id, "gasoline");
    assert_string_equal(r.sources[1].src->id, "natural_gas");
    assert_string_equal(r.sources[2].src->id, "electricity");
    assert_string_equal(r.sources[3].src->id, "heat");
    near(r.sources[2].quantity, 1158000, 1e-12);
    assert_string_equal(r.sources[2].unit->sym, "kWh");
    near(r.sources[1].quantity, 25600, 1e-12);
    near(r.scope1_tco2e, 26.75559719 + 55.35232, 1e-9);             /* 82.10791719 */
    near(r.scope2_tco2e, 614.4348 + 81.4, 1e-9);                    /* 695.8348 */
    near(r.total_tco2e, 82.10791719 + 695.8348, 1e-9);              /* 777.94271719 */
    near(r.cat_tco2e[CAT_FOSSIL], 82.10791719, 1e-9);
    near(r.cat_tco2e[CAT_PURCHASED], 695.8348, 1e-9);
    near(r.cat_tco2e[CAT_FUGITIVE], 0, 1e-9);
    /* tce: 142.3182 + 31.08608 + 13.45874866 + 25.2488 = 212.11182866 */
    near(r.energy_tce, 212.11182866, 1e-9);
    /* 777.94271719 × 1000 / 12 500 = 62.2354173752 kgCO₂e/m²; ÷ 182 = 4.27441053401 t/人 */
    assert_true(r.has_area && r.has_headcount);
    near(r.intensity_kgco2e_per_m2, 62.2354173752, 1e-9);
    near(r.per_capita_tco2e, 4.27441053401, 1e-9);
    /* July: 128 000 kWh = 128 MWh × 0.5306 = 67.9168 t; gas quarters are not per month */
    near(r.sources[2].month_tco2e[6], 67.9168, 1e-9);
    near(r.sources[1].month_tco2e[6], 0, 1e-9);
    /* gas by quarter: 0.64, 0.65, 0.575, 0.695 万m³ × 21.622 = 13.83808, 14.0543, 12.43265, 15.02729 */
    near(r.sources[1].quarter_tco2e[0], 13.83808, 1e-9);
    near(r.sources[1].quarter_tco2e[1], 14.0543, 1e-9);
    near(r.sources[1].quarter_tco2e[2], 12.43265, 1e-9);
    near(r.sources[1].quarter_tco2e[3], 15.02729, 1e-9);
    near(r.sources[1].quarter_quantity[3], 6950, 1e-9);
    near(r.sources[1].annual_tco2e, 0, 1e-9);
    near(r.sources[2].quarter_tco2e[0], 0, 1e-9);
    engine_result_free(&r);
    model_free(&y);
}

/* Indicators are absent without area or headcount; several facilities sum into one source. */
static void
test_missing_indicators_and_facilities(void **state)
{
    struct wb_year y;
    struct engine_result r;
    char *cause = NULL;

    (void)state;
    year_new(&y, 2023, "全国", "AR6");
    year_act(&y, "natural_gas", "食堂", "2023", 10000, "m³");
    year_act(&y, "natural_gas", "锅炉", "2023", 1, "万m³");
    year_info(&y, "building_area", "0");
    assert_int_equal(engine_compute(&y, &r, &cause), ERR_OK);
    assert_int_equal(r.nsources, 1);
    near(r.total_tco2e, 2 * 21.622, 1e-9);       /* 1 万m³ + 1 万m³ */
    /* mixed units: shown in the report unit m³ */
    assert_string_equal(r.sources[0].unit->sym, "m³");
    near(r.sources[0].quantity, 20000, 1e-12);
    assert_false(r.has_area);
    assert_false(r.has_headcount);
    engine_result_free(&r);
    model_free(&y);
}

/* Grid area and GWP set change the pinned factors. */
static void
test_grid_and_gwp(void **state)
{
    struct wb_year y;
    struct engine_result r;
    char *cause = NULL;

    (void)state;
    /* 华东 2022 = 0.5617: 100 MWh → 56.17 t */
    year_new(&y, 2022, "华东", "AR5");
    year_act(&y, "electricity", "", "2022", 100, "MWh");
    /* AR5 R-410A = 1923.5: 2 kg → 0.002 × 1923.5 = 3.847 t */
    year_act(&y, "r_410a", "", "2022", 2, "kg");
    assert_int_equal(engine_compute(&y, &r, &cause), ERR_OK);
    near(r.sources[0].tco2e, 3.847, 1e-9);
    near(r.sources[1].tco2e, 56.17, 1e-9);
    near(r.cat_tco2e[CAT_FUGITIVE], 3.847, 1e-9);
    near(r.scope1_tco2e, 3.847, 1e-9);          /* fugitive is scope 1 */
    near(r.scope2_tco2e, 56.17, 1e-9);
    engine_result_free(&r);
    model_free(&y);
}

/* Units of the wrong dimension are errors that name the source. */
static void
test_refusals(void **state)
{
    static const struct {
        const char *source, *unit, *needle;
    } cases[] = {
        {"natural_gas", "kWh", "天然气"},
        {"electricity", "t", "外购电力"},
        {"lpg", "L", "密度"},          /* no density shipped for LPG */
        {"heat", "m³", "外购热力"},
        {"gasoline", "furlongs", "未知的单位"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct wb_year y;
        struct engine_result r;
        char *cause = NULL;

        year_new(&y, 2024, "全国", "AR6");
        year_act(&y, cases[i].source, "", "2024-05", 1, cases[i].unit);
        assert_int_equal(engine_compute(&y, &r, &cause), ERR_INPUT);
        assert_non_null(cause);
        assert_non_null(strstr(cause, cases[i].needle));
        assert_non_null(strstr(cause, "2024-05"));
        free(cause);
        model_free(&y);
    }
}

/* A user override of a pin is what the engine uses. */
static void
test_override(void **state)
{
    struct wb_year y;
    struct engine_result r;
    char *cause = NULL;

    (void)state;
    year_new(&y, 2024, "全国", "AR6");
    year_pin(&y, "natural_gas")->value = 21.65;
    year_pin(&y, "gasoline")->density = 0.75;
    year_act(&y, "natural_gas", "", "2024", 2, "万m³");   /* 2 × 21.65 = 43.3 */
    year_act(&y, "gasoline", "", "2024", 1000, "L");      /* 750 kg = 0.75 t × 2.9251 = 2.193825 */
    assert_int_equal(engine_compute(&y, &r, &cause), ERR_OK);
    near(r.sources[0].tco2e, 2.193825, 1e-9);
    near(r.sources[1].tco2e, 43.3, 1e-9);
    engine_result_free(&r);
    model_free(&y);
}

/*
 * No result holds inf or nan. The store refuses a workbook with a number beyond the forms'
 * limits, so the engine only sees such numbers from a model built otherwise: an overflow is an
 * error, never an infinite figure.
 */
static void
test_finite(void **state)
{
    struct wb_year y;
    struct engine_result r;
    char *cause = NULL;

    (void)state;
    /* 10⁹ 万m³ = 10⁹ 万m³ × a factor of 1e300 = 1e309 > DBL_MAX (1.8e308): overflow */
    year_new(&y, 2024, "全国", "AR6");
    year_pin(&y, "natural_gas")->value = 1e300;
    year_act(&y, "natural_gas", "", "2024-01", 1e9, "万m³");
    assert_int_equal(engine_compute(&y, &r, &cause), ERR_INPUT);
    assert_non_null(strstr(cause, "天然气 的计算结果超出了数值范围"));
    assert_null(r.sources);
    free(cause);
    model_free(&y);

    /* an area of "inf" is no area (no intensity), one of 1e-305 makes 2.16 tCO₂e × 1000 / 1e-305
       = 2.2e308 kgCO₂e/m², over DBL_MAX: an error; "nan" is no area either */
    year_new(&y, 2024, "全国", "AR6");
    year_act(&y, "natural_gas", "", "2024", 1000, "m³");   /* 0.1 万m³ × 21.622 = 2.1622 t */
    year_info(&y, "building_area", "inf");
    assert_int_equal(engine_compute(&y, &r, &cause), ERR_OK);
    assert_false(r.has_area);
    assert_true(r.building_area_m2 == 0 && r.intensity_kgco2e_per_m2 == 0);
    engine_result_free(&r);
    model_free(&y);
    year_new(&y, 2024, "全国", "AR6");
    year_act(&y, "natural_gas", "", "2024", 1000, "m³");
    year_info(&y, "building_area", "1e-305");
    assert_int_equal(engine_compute(&y, &r, &cause), ERR_INPUT);
    assert_non_null(strstr(cause, "合计 的计算结果超出了数值范围"));
    free(cause);
    model_free(&y);
    year_new(&y, 2024, "全国", "AR6");
    year_act(&y, "natural_gas", "", "2024", 1000, "m³");
    year_info(&y, "headcount", "nan");
    assert_int_equal(engine_compute(&y, &r, &cause), ERR_OK);
    assert_false(r.has_headcount);
    near(r.total_tco2e, 2.1622, 1e-9);
    engine_result_free(&r);
    model_free(&y);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_single_sources),
        cmocka_unit_test(test_office_year),
        cmocka_unit_test(test_missing_indicators_and_facilities),
        cmocka_unit_test(test_grid_and_gwp),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_override),
        cmocka_unit_test(test_finite),
    };

    return cmocka_run_group_tests_name("engine", tests, setup, teardown);
}
