/*
 * test_factors_market.c - the factors of the market-based scope 2 in the built-in library: the
 * residual factor by year (factors/residual.tsv, reference/factors.md §3.2) and the carbon-footprint
 * factors a typed electricity factor must not be (factors/footprint.tsv, §8), with the warning that
 * says so. test_factors.c checks how both files are parsed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/factors.h"
#include "base/xmem.h"

#define TOL 0.00005   /* a shipped value is written with 4 decimals at most */

/* cmocka 1.1.5 compares floats only in single precision: |a - b| <= tol in double. */
#define assert_near(a, b, tol) near_check((a), (b), (tol), #a, __FILE__, __LINE__)

static void
near_check(double a, double b, double tol, const char *expr, const char *file, int line)
{
    if (!(fabs(a - b) <= tol)) {
        print_error("%s = %.9g, expected %.9g ± %g\n", expr, a, b, tol);
        _fail(file, line);
    }
}

static int
lib_setup(void **state)
{
    struct factor_lib *lib = NULL;
    char *cause = NULL;

    if (factors_load(&lib, &cause) != ERR_OK) {
        print_error("factors_load: %s\n", cause != NULL ? cause : "?");
        free(cause);
        return -1;
    }
    *state = lib;
    return 0;
}

static int
lib_teardown(void **state)
{
    factors_free(*state);
    return 0;
}

/*
 * The residual factor of the market-based scope 2 (factors.md §3.2: 2021 0.5942, 2022 0.5856,
 * 2023 0.6096), with the nearest-year rule of factors_grid; it is never a grid area, and the
 * default electricity pin stays the national average (2023: 0.5306, not 0.6096).
 */
static void
test_residual(void **state)
{
    static const struct {
        int year;
        double value;
        int exact, year_used;
    } rows[] = {
        {2021, 0.5942, 1, 2021},
        {2022, 0.5856, 1, 2022},
        {2023, 0.6096, 1, 2023},
        {2024, 0.6096, 0, 2023},    /* after the latest: latest */
        {2020, 0.5942, 0, 2021},    /* before the first: earliest */
    };
    const struct factor_lib *lib = *state;
    const struct grid_factor *g;
    struct factor_pin pin;
    char *cause = NULL;
    int exact;
    size_t i;

    for (i = 0; i < nitems(rows); i++) {
        exact = -1;
        g = factors_residual(lib, rows[i].year, &exact);
        assert_non_null(g);
        assert_near(g->value, rows[i].value, TOL);
        assert_int_equal(exact, rows[i].exact);
        assert_int_equal(g->year, rows[i].year_used);
    }
    g = factors_residual(lib, 2023, NULL);
    assert_string_equal(g->source_text, "生态环境部 国家统计局《2023年电力二氧化碳排放因子》"
                                        "（公告2025年第47号）不含市场化交易的非化石能源电量的"
                                        "全国电力平均二氧化碳排放因子");
    assert_non_null(strstr(g->source_en, "excluding market-traded non-fossil"));
    assert_non_null(strstr(factors_residual(lib, 2021, NULL)->source_text, "公告2024年第12号"));
    assert_non_null(strstr(factors_residual(lib, 2022, NULL)->source_text, "2024年12月20日"));
    for (i = 0; i < lib->ngrid; i++)
        if (fabs(lib->grid[i].value - 0.6096) < TOL || strstr(lib->grid[i].source_text, "不含"))
            fail_msg("grid row %zu (%s %d) is a residual factor", i, lib->grid[i].area,
                     lib->grid[i].year);
    assert_int_equal(factors_default_pin(lib, factors_source(lib, "electricity"), 2023, NULL, NULL,
                                         NULL, &pin, &cause), ERR_OK);
    assert_near(pin.value, 0.5306, TOL);
    factors_pin_free(&pin);
}

/*
 * The 电力碳足迹因子 (factors.md §8: 2024 0.5777, 2023 0.6205) is known only to be recognised:
 * factors_not_scope2 finds it within 0.5 %, and it is no grid row nor a default pin.
 */
static void
test_not_scope2(void **state)
{
    static const struct {
        double value;       /* tCO₂/MWh typed */
        int year;           /* the footprint factor found, 0: none */
    } rows[] = {
        {0.5777, 2024},
        {0.5790, 2024},     /* |0.5790 − 0.5777| / 0.5777 = 0.23 % */
        {0.5760, 2024},     /* 0.0017 / 0.5777 = 0.29 % below */
        {0.5810, 0},        /* 0.0033 / 0.5777 = 0.57 %: the ETS 2021–2022 grid factor */
        {0.5703, 0},        /* 1.28 %: the ETS 2022 grid factor */
        {0.6205, 2023},
        {0.6096, 0},        /* the 2023 residual factor: 1.76 % from 0.6205 */
        {0.5306, 0},
        {0, 0},
        {-0.5777, 0},
    };
    const struct factor_lib *lib = *state;
    const struct grid_factor *g;
    size_t i;

    for (i = 0; i < nitems(rows); i++) {
        g = factors_not_scope2(lib, rows[i].value);
        if (rows[i].year == 0) {
            if (g != NULL)
                fail_msg("%g: taken for the %d footprint factor", rows[i].value, g->year);
            continue;
        }
        if (g == NULL)
            fail_msg("%g: not recognised as the %d footprint factor", rows[i].value, rows[i].year);
        assert_int_equal(g->year, rows[i].year);
    }
    g = factors_not_scope2(lib, 0.5777);
    assert_near(g->value, 0.5777, 0);
    assert_non_null(strstr(g->source_text, "《关于发布2024年电力碳足迹因子数据的公告》"));
    assert_non_null(g->source_en);
    /* 江西 2022 0.5752 is 0.0025 / 0.5777 = 0.43 % off: the 0.5 % rule alone takes it */
    assert_non_null(factors_not_scope2(lib, 0.5752));
}

/*
 * The warning text, per MWh whatever the pin's unit; electricity only, and never for a value the
 * library ships as a scope 2 factor.
 */
static void
test_scope2_warning(void **state)
{
    const struct factor_lib *lib = *state;
    const struct source_def *el = factors_source(lib, "electricity");
    char *w;
    size_t i;

    w = factors_scope2_warning(lib, el, "MWh", 0.5777, 0);
    assert_string_equal(w, "0.5777 与 2024 年电力碳足迹因子（全生命周期）相同，它不是范围二排放因子；"
                           "请使用生态环境部、国家统计局发布的电力二氧化碳排放因子");
    free(w);
    w = factors_scope2_warning(lib, el, NULL, 0.5777, 1);
    assert_string_equal(w, "0.5777 is the 2024 electricity carbon-footprint factor (life cycle), "
                           "not a scope 2 emission factor; use the MEE/NBS electricity CO₂ emission "
                           "factor");
    free(w);
    w = factors_scope2_warning(lib, el, "MWh", 0.579, 0);
    assert_string_equal(w, "0.579 接近 2024 年电力碳足迹因子 0.5777（全生命周期），它不是范围二排放"
                           "因子；请使用生态环境部、国家统计局发布的电力二氧化碳排放因子");
    free(w);
    /* per kWh: 0.0005777 tCO₂/kWh × 1000 kWh/MWh = 0.5777 tCO₂/MWh */
    w = factors_scope2_warning(lib, el, "kWh", 0.0005777, 0);
    assert_non_null(w);
    assert_non_null(strstr(w, "2024 年电力碳足迹因子"));
    free(w);
    /* 0.5777 per kWh is 577.7 per MWh: nothing like it */
    assert_null(factors_scope2_warning(lib, el, "kWh", 0.5777, 0));
    assert_null(factors_scope2_warning(lib, el, "MWh", 0.5703, 0));
    assert_null(factors_scope2_warning(lib, factors_source(lib, "heat"), "GJ", 0.5777, 0));
    assert_null(factors_scope2_warning(lib, factors_source(lib, "natural_gas"), NULL, 0.5777, 0));
    assert_null(factors_scope2_warning(lib, NULL, "MWh", 0.5777, 0));
    assert_null(factors_scope2_warning(lib, el, "t", 0.5777, 0));    /* not an energy unit */
    /* a shipped scope 2 factor is never warned of, though 江西 2022's 0.5752 is 0.43 % off 0.5777 */
    assert_near(factors_grid(lib, "provincial", "江西", 2022, NULL)->value, 0.5752, 0);
    assert_null(factors_scope2_warning(lib, el, "MWh", 0.5752, 0));
    for (i = 0; i < lib->ngrid; i++)
        if ((w = factors_scope2_warning(lib, el, "MWh", lib->grid[i].value, 0)) != NULL)
            fail_msg("%s %d %g: %s", lib->grid[i].area, lib->grid[i].year, lib->grid[i].value, w);
    for (i = 0; i < lib->nresidual; i++)
        assert_null(factors_scope2_warning(lib, el, "MWh", lib->residual[i].value, 0));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_residual),
        cmocka_unit_test(test_not_scope2),
        cmocka_unit_test(test_scope2_warning),
    };

    return cmocka_run_group_tests_name("factors_market", tests, lib_setup, lib_teardown);
}
