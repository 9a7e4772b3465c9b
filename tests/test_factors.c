/*
 * test_factors.c - the built-in factor library: every shipped value against reference/factors.md,
 * each fuel factor recomputed from NCV × CC × OF × 44/12, name look-up, grid-year fallback, GWP
 * blends from their components, default pins, and the parser's refusals of broken files
 * (residual.tsv and footprint.tsv too; their values are test_factors_market.c's).
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
#include "cjk_fixture.h"
#include "base/text.h"
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
    enum err e = factors_load(&lib, &cause);

    if (e != ERR_OK) {
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

static const struct source_def *
src_of(const struct factor_lib *lib, const char *id)
{
    const struct source_def *s = factors_source(lib, id);

    assert_non_null(s);
    assert_string_equal(s->id, id);
    return s;
}

/* The A.4 order: 汽油, 柴油, 天然气 first, then the other fuels, gases, electricity, heat. */
static void
test_order(void **state)
{
    static const char *const ids[] = {
        "gasoline", "diesel", "natural_gas", "lpg", "fuel_oil", "kerosene", "lng", "raw_coal",
        "bituminous_coal", "anthracite", "coke", "hfc_32", "hfc_134a", "r_410a", "r_407c",
        "r_404a", "sf6", "electricity", "heat",
    };
    const struct factor_lib *lib = *state;
    size_t i;

    assert_int_equal(lib->nsources, nitems(ids));
    for (i = 0; i < nitems(ids); i++)
        assert_string_equal(lib->sources[i].id, ids[i]);
    assert_string_equal(lib->sources[0].zh, "汽油");
    assert_string_equal(lib->sources[2].zh, "天然气");
    assert_string_equal(lib->sources[17].zh, "外购电力");
    assert_string_equal(lib->sources[18].zh, "外购热力");
    for (i = 0; i < lib->nsources; i++) {
        assert_non_null(lib->sources[i].source_text);
        assert_true(lib->sources[i].source_text[0] != '\0');
    }
}

/*
 * Each fuel: the shipped factor (factors.md "Defaults to ship"), its derivation inputs, and the
 * derivation worked by hand to 6 decimals. The shipped value must be that result rounded.
 */
static const struct {
    const char *id;
    double co2, ncv, cc, ox;
    double by_hand;   /* ncv × cc × ox × 44/12 */
    double half_ulp;  /* half a unit of the shipped value's last decimal */
} fuels[] = {
    /* 389.31×0.0153 = 5.956443; ×0.99 = 5.896879; ×44/12 = 21.621888 ≈ 21.622 */
    {"natural_gas", 21.622, 389.31, 0.0153, 0.99, 21.621888, 0.0005},
    /* 43.070×0.0189 = 0.814023; ×0.98 = 0.797743; ×44/12 = 2.925056 */
    {"gasoline", 2.9251, 43.070, 0.0189, 0.98, 2.925056, 0.00005},
    /* 42.652×0.0202 = 0.861570; ×0.98 = 0.844339; ×44/12 = 3.095910 */
    {"diesel", 3.0959, 42.652, 0.0202, 0.98, 3.095910, 0.00005},
    /* 50.179×0.0172 = 0.863079; ×0.98 = 0.845817; ×44/12 = 3.101330 */
    {"lpg", 3.1013, 50.179, 0.0172, 0.98, 3.101330, 0.00005},
    /* 41.816×0.0211 = 0.882318; ×0.98 = 0.864671; ×44/12 = 3.170461 */
    {"fuel_oil", 3.1705, 41.816, 0.0211, 0.98, 3.170461, 0.00005},
    /* 43.070×0.0196 = 0.844172; ×0.98 = 0.827289; ×44/12 = 3.033391 */
    {"kerosene", 3.0334, 43.070, 0.0196, 0.98, 3.033391, 0.00005},
    /* 51.498×0.0153 = 0.787919; ×0.98 = 0.772161; ×44/12 = 2.831257 */
    {"lng", 2.8313, 51.498, 0.0153, 0.98, 2.831257, 0.00005},
    /* 20.908×0.02637 = 0.551344; ×0.94 = 0.518263; ×44/12 = 1.900299 */
    {"raw_coal", 1.9003, 20.908, 0.02637, 0.94, 1.900299, 0.00005},
    /* 19.570×0.0261 = 0.510777; ×0.93 = 0.475023; ×44/12 = 1.741750 */
    {"bituminous_coal", 1.7417, 19.570, 0.0261, 0.93, 1.741750, 0.00005},
    /* 26.7×0.0274 = 0.731580; ×0.94 = 0.687685; ×44/12 = 2.521512 */
    {"anthracite", 2.5215, 26.7, 0.0274, 0.94, 2.521512, 0.00005},
    /* 28.435×0.0295 = 0.838833; ×0.93 = 0.780114; ×44/12 = 2.860419 */
    {"coke", 2.8604, 28.435, 0.0295, 0.93, 2.860419, 0.00005},
};

static void
test_fuel_factors(void **state)
{
    const struct factor_lib *lib = *state;
    const struct source_def *s;
    double derived;
    size_t i;

    for (i = 0; i < nitems(fuels); i++) {
        s = src_of(lib, fuels[i].id);
        assert_int_equal(s->kind, SRC_FUEL);
        assert_int_equal(s->cat, CAT_FOSSIL);
        assert_near(s->co2, fuels[i].co2, TOL);
        assert_near(s->ncv, fuels[i].ncv, 1e-9);
        assert_near(s->cc, fuels[i].cc, 1e-9);
        assert_near(s->ox, fuels[i].ox, 1e-9);
        derived = s->ncv * s->cc * s->ox * 44.0 / 12.0;
        assert_near(derived, fuels[i].by_hand, 0.000001);
        assert_near(derived, fuels[i].co2, fuels[i].half_ulp);
    }
    s = src_of(lib, "natural_gas");
    assert_string_equal(s->activity_unit->sym, "万m³");
    assert_string_equal(s->report_unit->sym, "m³");
    assert_string_equal(s->ncv_unit, "GJ/万m³");
    s = src_of(lib, "gasoline");
    assert_string_equal(s->activity_unit->sym, "t");
    assert_string_equal(s->ncv_unit, "GJ/t");
    assert_string_equal(s->source_text,
                        "《公共建筑运营单位（企业）温室气体排放核算方法与报告指南（试行）》缺省值");
    assert_string_equal(src_of(lib, "lng")->source_text, "GB/T 32151.22—2024 表C.1");
}

static void
test_heat_and_electricity(void **state)
{
    const struct factor_lib *lib = *state;
    const struct source_def *s = src_of(lib, "heat");

    assert_int_equal(s->kind, SRC_HEAT);
    assert_int_equal(s->cat, CAT_PURCHASED);
    assert_near(s->co2, 0.11, TOL);
    assert_string_equal(s->activity_unit->sym, "GJ");
    assert_string_equal(s->report_unit->sym, "GJ");
    assert_near(s->ncv, 0, 0);
    s = src_of(lib, "electricity");
    assert_int_equal(s->kind, SRC_ELECTRICITY);
    assert_near(s->co2, 0, 0);
    assert_string_equal(s->activity_unit->sym, "MWh");
    assert_string_equal(s->report_unit->sym, "kWh");
}

/* Standard-coal coefficients (kgce per unit), GB/T 2589 and factors.md §4. */
static void
test_coal(void **state)
{
    static const struct {
        const char *id;
        double coal;
        const char *unit;
    } rows[] = {
        {"natural_gas", 1.2143, "m³"}, {"gasoline", 1.4714, "kg"}, {"diesel", 1.4571, "kg"},
        {"lpg", 1.7143, "kg"}, {"fuel_oil", 1.4286, "kg"}, {"kerosene", 1.4714, "kg"},
        {"lng", 1.7572, "kg"}, {"raw_coal", 0.7143, "kg"}, {"bituminous_coal", 0.6677, "kg"},
        {"anthracite", 0.9110, "kg"}, {"coke", 0.9714, "kg"}, {"electricity", 0.1229, "kWh"},
        {"heat", 0.03412, "MJ"},
    };
    static const char *const gases[] = {"hfc_32", "hfc_134a", "r_410a", "r_407c", "r_404a", "sf6"};
    const struct factor_lib *lib = *state;
    const struct source_def *s;
    size_t i;

    for (i = 0; i < nitems(rows); i++) {
        s = src_of(lib, rows[i].id);
        assert_near(s->coal, rows[i].coal, 0.000005);
        assert_non_null(s->coal_unit);
        assert_string_equal(s->coal_unit->sym, rows[i].unit);
        assert_non_null(s->coal_source);
    }
    /* the derived ones: 19.570 / 29.3076 = 0.667745 ≈ 0.6677; 26.7 / 29.3076 = 0.911026 ≈ 0.9110;
       LNG 51.498 / 29.3076 = 1.757155 ≈ 1.7572 */
    assert_near(19.570 / 29.3076, src_of(lib, "bituminous_coal")->coal, TOL);
    assert_near(26.7 / 29.3076, src_of(lib, "anthracite")->coal, TOL);
    assert_near(51.498 / 29.3076, src_of(lib, "lng")->coal, TOL);
    for (i = 0; i < nitems(gases); i++) {
        s = src_of(lib, gases[i]);
        assert_int_equal(s->kind, SRC_GAS);
        assert_int_equal(s->cat, CAT_FUGITIVE);
        assert_near(s->coal, 0, 0);
        assert_null(s->coal_unit);
        assert_string_equal(s->activity_unit->sym, "t");
        assert_string_equal(s->report_unit->sym, "kg");
    }
}

static void
test_density_and_flags(void **state)
{
    const struct factor_lib *lib = *state;
    static const char *const flagged[] = {"raw_coal", "lng", "bituminous_coal", "anthracite"};
    static const char *const plain[] = {"natural_gas", "gasoline", "diesel", "electricity", "heat"};
    size_t i;

    assert_near(src_of(lib, "gasoline")->density, 0.73, 1e-9);
    assert_near(src_of(lib, "diesel")->density, 0.84, 1e-9);
    assert_string_equal(src_of(lib, "gasoline")->density_note, "经验值，非标准规定");
    assert_string_equal(src_of(lib, "diesel")->density_note, "经验值，非标准规定");
    assert_near(src_of(lib, "natural_gas")->density, 0, 0);
    assert_null(src_of(lib, "lpg")->density_note);
    for (i = 0; i < nitems(flagged); i++)
        assert_non_null(src_of(lib, flagged[i])->flag);
    for (i = 0; i < nitems(plain); i++)
        assert_null(src_of(lib, plain[i])->flag);
    assert_non_null(strstr(src_of(lib, "raw_coal")->flag, "低可信度"));
    assert_non_null(strstr(src_of(lib, "bituminous_coal")->flag, "29.3076"));
    assert_string_equal(src_of(lib, "sf6")->gas, "SF6");
    assert_string_equal(src_of(lib, "r_410a")->gas, "R-410A");
}

static void
test_source_lookup(void **state)
{
    static const struct {
        const char *name;
        const char *id;   /* NULL: no such source */
    } rows[] = {
        {"电力", "electricity"}, {"燃气", "natural_gas"}, {"DIESEL", "diesel"},
        {"  天然气　", "natural_gas"}, {"Natural GAS", "natural_gas"}, {"外购电力", "electricity"},
        {"蒸汽", "heat"}, {"液化气", "lpg"}, {"LPG", "lpg"}, {"液化天然气", "lng"},
        {"煤", "raw_coal"}, {"0#柴油", "diesel"}, {"车用汽油", "gasoline"}, {"r410a", "r_410a"},
        {"HFC-32(R-32)", "hfc_32"}, {"R-134a", "hfc_134a"}, {"sf6", "sf6"}, {"六氟化硫", "sf6"},
        {"R-22", NULL}, {"火星油", NULL}, {"", NULL}, {"天然", NULL}, {"电力|电", NULL},
    };
    const struct factor_lib *lib = *state;
    const struct source_def *s;
    size_t i;

    for (i = 0; i < nitems(rows); i++) {
        s = factors_source(lib, rows[i].name);
        if (rows[i].id == NULL) {
            assert_null(s);
        } else {
            assert_non_null(s);
            assert_string_equal(s->id, rows[i].id);
        }
    }
    assert_null(factors_source(lib, NULL));
    /* every id finds its own source, and no name or alias of one source is another's id (the
       lookup tries the ids first) */
    for (i = 0; i < lib->nsources; i++) {
        const struct source_def *a = &lib->sources[i];
        size_t j;

        assert_ptr_equal(factors_source(lib, a->id), a);
        for (j = 0; j < lib->nsources; j++) {
            const struct source_def *b = &lib->sources[j];
            char *names = xasprintf("%s|%s|%s", b->zh, b->en != NULL ? b->en : "",
                                    b->aliases != NULL ? b->aliases : "");
            char *one, *rest = names;

            while (i != j && (one = strsep(&rest, "|")) != NULL)
                assert_false(text_eq(one, a->id));
            free(names);
        }
    }
}

/*
 * What an English screen shows from the library is English: every source's name (short enough
 * for A.3's 11-column source column where the standard's own name is short: Electricity, Heat),
 * every area and source text; the longer English names still find their source.
 */
static void
test_english(void **state)
{
    const struct factor_lib *lib = *state;
    size_t i;

    for (i = 0; i < lib->nsources; i++) {
        const struct source_def *s = &lib->sources[i];

        assert_false(has_cjk(s->en));
        assert_non_null(s->source_en);
        assert_false(has_cjk(s->source_en));
    }
    for (i = 0; i < lib->ngrid; i++) {
        assert_non_null(lib->grid[i].area_en);
        assert_false(has_cjk(lib->grid[i].area_en));
        assert_non_null(lib->grid[i].source_en);
        assert_false(has_cjk(lib->grid[i].source_en));
    }
    for (i = 0; i < lib->ngwp; i++) {
        assert_non_null(lib->gwp[i].source_en);
        assert_false(has_cjk(lib->gwp[i].source_en));
    }
    assert_string_equal(src_of(lib, "electricity")->en, "Electricity");
    assert_string_equal(src_of(lib, "heat")->en, "Heat");
    assert_ptr_equal(factors_source(lib, "Purchased electricity"), src_of(lib, "electricity"));
    assert_ptr_equal(factors_source(lib, "purchased heat"), src_of(lib, "heat"));
    assert_ptr_equal(factors_source(lib, "Liquefied petroleum gas"), src_of(lib, "lpg"));

    assert_string_equal(factors_area_label(lib, "全国", 1), "National");
    assert_string_equal(factors_area_label(lib, "华东", 1), "East China");
    assert_string_equal(factors_area_label(lib, "内蒙古", 1), "Inner Mongolia");
    assert_string_equal(factors_area_label(lib, "全国", 0), "全国");
    assert_string_equal(factors_area_label(lib, "火星", 1), "火星");   /* unknown: as stored */
    assert_string_equal(factors_area_label(lib, NULL, 1), "");
}

/* A pinned source text in English: the library's own is translated, a user's text stays. */
static void
test_source_label(void **state)
{
    const struct factor_lib *lib = *state;
    const struct {
        const char *src;
        int year;
        const char *area, *gwp;
        const char *en;
    } cases[] = {
        {"natural_gas", 2024, NULL, NULL, "Guidelines for GHG emission accounting and reporting of "
                                          "public building operators (trial), default value"},
        {"electricity", 2023, "华东", NULL, "MEE and NBS, 2023 electricity CO₂ emission factors, "
                                           "East China regional average"},
        /* 2024 is not shipped: the latest earlier year stands in, and the text says so */
        {"electricity", 2024, NULL, NULL, "MEE and NBS, 2023 electricity CO₂ emission factors, "
                                         "national average (no 2024 factor; the latest published, "
                                         "2023, is used)"},
        {"r_410a", 2024, NULL, "AR6", "IPCC AR6 GWP100, weighted by component mass fraction "
                                      "(HFC-32 50%, HFC-125 50%): 0.5×771+0.5×3740 = 2255.5"},
    };
    struct factor_pin pin;
    char *cause = NULL, *got;
    size_t i;

    for (i = 0; i < nitems(cases); i++) {
        const struct source_def *src = src_of(lib, cases[i].src);

        assert_int_equal(factors_default_pin(lib, src, cases[i].year, NULL, cases[i].area,
                                             cases[i].gwp, &pin, &cause), ERR_OK);
        assert_true(has_cjk(pin.source_text));   /* what the workbook keeps */
        got = factors_source_label(lib, src, cases[i].year, NULL, cases[i].area, cases[i].gwp,
                                   pin.source_text, 1);
        assert_string_equal(got, cases[i].en);
        free(got);
        got = factors_source_label(lib, src, cases[i].year, NULL, cases[i].area, cases[i].gwp,
                                   pin.source_text, 0);
        assert_string_equal(got, pin.source_text);
        free(got);
        factors_pin_free(&pin);
    }
    /* a text the user typed, or one for another area, is shown as it is */
    got = factors_source_label(lib, src_of(lib, "natural_gas"), 2024, NULL, NULL, NULL,
                               "某检测报告", 1);
    assert_string_equal(got, "某检测报告");
    free(got);
    assert_int_equal(factors_default_pin(lib, src_of(lib, "electricity"), 2023, NULL, "华东", NULL,
                                         &pin, &cause), ERR_OK);
    got = factors_source_label(lib, src_of(lib, "electricity"), 2023, NULL, "浙江", NULL,
                               pin.source_text, 1);
    assert_string_equal(got, pin.source_text);
    free(got);
    factors_pin_free(&pin);
}

static void
test_labels(void **state)
{
    const struct factor_lib *lib = *state;
    char buf[64];

    assert_string_equal(factors_cat_label(CAT_FOSSIL, 0), "化石燃料燃烧排放");
    assert_string_equal(factors_cat_label(CAT_FUGITIVE, 0), "逸散排放");
    assert_string_equal(factors_cat_label(CAT_PURCHASED, 0), "净购入电力与热力产生的排放");
    assert_string_equal(factors_cat_label(CAT_FOSSIL, 1), "Fossil fuel combustion");
    assert_string_equal(factors_cat_label(CAT_FUGITIVE, 1), "Fugitive emissions");
    assert_string_equal(factors_cat_label(CAT_PURCHASED, 1), "Purchased electricity and heat");
    assert_int_equal(factors_cat_scope(CAT_FOSSIL), 1);
    assert_int_equal(factors_cat_scope(CAT_FUGITIVE), 1);
    assert_int_equal(factors_cat_scope(CAT_PURCHASED), 2);

    factors_unit_text(src_of(lib, "natural_gas"), NULL, buf, sizeof(buf));
    assert_string_equal(buf, "tCO₂/万m³");
    factors_unit_text(src_of(lib, "electricity"), "MWh", buf, sizeof(buf));
    assert_string_equal(buf, "tCO₂/MWh");
    factors_unit_text(src_of(lib, "heat"), NULL, buf, sizeof(buf));
    assert_string_equal(buf, "tCO₂/GJ");
    factors_unit_text(src_of(lib, "diesel"), NULL, buf, sizeof(buf));
    assert_string_equal(buf, "tCO₂/t");
    factors_unit_text(src_of(lib, "r_410a"), "t", buf, sizeof(buf));
    assert_string_equal(buf, "tCO₂e/t");
}

static void
test_grid(void **state)
{
    static const struct {
        const char *level, *area;
        int year;
        double value;   /* 0: no factor */
        int exact;
        int year_used;
    } rows[] = {
        {NULL, NULL, 2023, 0.5306, 1, 2023},
        {NULL, NULL, 2022, 0.5366, 1, 2022},
        {NULL, NULL, 2021, 0.5568, 1, 2021},
        {NULL, NULL, 2025, 0.5306, 0, 2023},           /* after the latest: latest */
        {NULL, NULL, 2020, 0.5568, 0, 2021},           /* before the first: earliest */
        {"national", "全国", 2024, 0.5306, 0, 2023},
        {"national", NULL, 2022, 0.5366, 1, 2022},
        {"regional", "华东", 2022, 0.5617, 1, 2022},
        {"regional", "华东", 2023, 0.5500, 1, 2023},
        {"regional", "华东", 2021, 0.5992, 1, 2021},
        {"regional", "南方", 2023, 0.4042, 1, 2023},
        {"regional", "西南", 2024, 0.2472, 0, 2023},
        {"provincial", "浙江", 2022, 0.5153, 1, 2022},
        {"provincial", "浙江", 2021, 0.5422, 1, 2021},
        {"provincial", "浙江", 2023, 0.5153, 0, 2022}, /* no 2023 provincial value */
        {"provincial", "浙江省", 2022, 0.5153, 1, 2022},
        {NULL, "浙江", 2022, 0.5153, 1, 2022},
        {NULL, "华东区域电网", 2022, 0.5617, 1, 2022},
        {"provincial", "河北", 2021, 0.7252, 0, 2022}, /* 2022 only: earliest later */
        {"provincial", "火星", 2022, 0, 0, 0},
        {"regional", "浙江", 2022, 0, 0, 0},           /* a province, not a region */
        {"provincial", NULL, 2022, 0, 0, 0},
    };
    const struct factor_lib *lib = *state;
    const struct grid_factor *g;
    int exact;
    size_t i;

    for (i = 0; i < nitems(rows); i++) {
        exact = -1;
        g = factors_grid(lib, rows[i].level, rows[i].area, rows[i].year, &exact);
        if (rows[i].value == 0) {
            assert_null(g);
            continue;
        }
        assert_non_null(g);
        assert_near(g->value, rows[i].value, TOL);
        assert_int_equal(exact, rows[i].exact);
        assert_int_equal(g->year, rows[i].year_used);
    }
    for (i = 0; i < lib->ngrid; i++) {
        assert_true(lib->grid[i].value > 0 && lib->grid[i].value < 2);
        assert_non_null(strstr(lib->grid[i].source_text, "电力二氧化碳排放因子"));
    }
}

/* The blends' compositions (mass fractions), factors.md §6. */
static const struct {
    const char *blend;
    struct {
        const char *gas;
        double frac;
    } part[3];
} blends[] = {
    {"R-410A", {{"HFC-32", 0.5}, {"HFC-125", 0.5}, {NULL, 0}}},
    {"R-407C", {{"HFC-32", 0.23}, {"HFC-125", 0.25}, {"HFC-134a", 0.52}}},
    {"R-404A", {{"HFC-125", 0.44}, {"HFC-143a", 0.52}, {"HFC-134a", 0.04}}},
};

static void
test_gwp(void **state)
{
    static const struct {
        const char *set, *gas;
        double value;
    } rows[] = {
        /* AR6 R-410A: 0.5×771 + 0.5×3740 = 385.5 + 1870 = 2255.5 */
        {"AR6", "R-410A", 2255.5},
        /* AR6 R-407C: 0.23×771 + 0.25×3740 + 0.52×1530 = 177.33 + 935 + 795.6 = 1907.93 */
        {"AR6", "R-407C", 1907.93},
        /* AR6 R-404A: 0.44×3740 + 0.52×5810 + 0.04×1530 = 1645.6 + 3021.2 + 61.2 = 4728.0 */
        {"AR6", "R-404A", 4728.0},
        /* AR5 R-410A: 0.5×677 + 0.5×3170 = 338.5 + 1585 = 1923.5 */
        {"AR5", "R-410A", 1923.5},
        {"AR5", "R-407C", 1624.21},
        {"AR5", "R-404A", 3942.8},
        {"AR5", "SF6", 23500}, {"AR6", "SF6", 25200},
        {"AR5", "HFC-32", 677}, {"AR6", "HFC-32", 771},
        {"AR5", "HFC-134a", 1300}, {"AR6", "HFC-134a", 1530},
        {"AR5", "CH4", 28}, {"AR6", "CH4", 27.9}, {"AR5", "N2O", 265}, {"AR6", "N2O", 273},
        {"AR6", "CO2", 1}, {"ar6", "sf6", 25200},
    };
    static const char *const sets[] = {"AR4", "AR5", "AR6"};
    const struct factor_lib *lib = *state;
    const struct gwp_value *w, *c;
    double sum;
    size_t i, j, k;

    for (i = 0; i < nitems(rows); i++) {
        w = factors_gwp(lib, rows[i].set, rows[i].gas);
        assert_non_null(w);
        assert_near(w->value, rows[i].value, 0.005);
    }
    /* every blend in every set equals the weighted sum of its components in that set */
    for (k = 0; k < nitems(sets); k++)
        for (i = 0; i < nitems(blends); i++) {
            w = factors_gwp(lib, sets[k], blends[i].blend);
            assert_non_null(w);
            assert_non_null(w->derivation);
            sum = 0;
            for (j = 0; j < 3 && blends[i].part[j].gas != NULL; j++) {
                c = factors_gwp(lib, sets[k], blends[i].part[j].gas);
                assert_non_null(c);
                sum += blends[i].part[j].frac * c->value;
            }
            assert_near(w->value, sum, 0.005);
        }
    assert_string_equal(factors_gwp(lib, "AR6", "R-410A")->derivation, "0.5×771+0.5×3740");
    assert_null(factors_gwp(lib, "AR6", "HCFC-22"));
    assert_null(factors_gwp(lib, "AR3", "SF6"));
    /* the default set is AR6 */
    assert_near(factors_gwp(lib, NULL, "HFC-32")->value, 771, 0);
}

static void
test_pin_fuel(void **state)
{
    const struct factor_lib *lib = *state;
    struct factor_pin pin, copy;
    char *cause = NULL;

    assert_int_equal(factors_default_pin(lib, src_of(lib, "natural_gas"), 2023, NULL, NULL, NULL,
                                         &pin, &cause), ERR_OK);
    assert_string_equal(pin.source_id, "natural_gas");
    assert_near(pin.value, 21.622, TOL);
    assert_string_equal(pin.unit, "万m³");
    assert_near(pin.ncv, 389.31, 1e-9);
    assert_near(pin.cc, 0.0153, 1e-9);
    assert_near(pin.ox, 0.99, 1e-9);
    assert_string_equal(pin.ncv_unit, "GJ/万m³");
    assert_near(pin.coal, 1.2143, 1e-9);
    assert_string_equal(pin.coal_unit, "m³");
    assert_string_equal(pin.source_text, src_of(lib, "natural_gas")->source_text);
    assert_int_equal(pin.overridden, 0);

    factors_pin_copy(&copy, &pin);
    assert_ptr_not_equal(copy.source_text, pin.source_text);
    assert_ptr_not_equal(copy.unit, pin.unit);
    assert_string_equal(copy.source_text, pin.source_text);
    assert_string_equal(copy.ncv_unit, "GJ/万m³");
    assert_near(copy.value, pin.value, 0);
    factors_pin_free(&pin);
    assert_null(pin.source_text);
    assert_string_equal(copy.unit, "万m³");
    factors_pin_free(&copy);

    assert_int_equal(factors_default_pin(lib, src_of(lib, "diesel"), 2023, NULL, NULL, NULL,
                                         &pin, &cause), ERR_OK);
    assert_near(pin.value, 3.0959, TOL);
    assert_near(pin.density, 0.84, 1e-9);
    assert_string_equal(pin.unit, "t");
    assert_string_equal(pin.coal_unit, "kg");
    factors_pin_free(&pin);

    assert_int_equal(factors_default_pin(lib, src_of(lib, "heat"), 2023, NULL, NULL, NULL,
                                         &pin, &cause), ERR_OK);
    assert_near(pin.value, 0.11, TOL);
    assert_string_equal(pin.unit, "GJ");
    assert_near(pin.ncv, 0, 0);
    assert_null(pin.ncv_unit);
    assert_string_equal(pin.coal_unit, "MJ");
    factors_pin_free(&pin);
}

static void
test_pin_electricity(void **state)
{
    static const struct {
        const char *level, *area;
        int year;
        double value;
        const char *text;   /* the whole source text */
    } rows[] = {
        {NULL, NULL, 2023, 0.5306, "生态环境部 国家统计局《2023年电力二氧化碳排放因子》全国平均"},
        {NULL, NULL, 2025, 0.5306, "生态环境部 国家统计局《2023年电力二氧化碳排放因子》全国平均"
                                   "（内置因子库中没有2025年因子，采用库中最新的2023年因子）"},
        {NULL, NULL, 2020, 0.5568, "生态环境部 国家统计局《2021年电力二氧化碳排放因子》全国平均"
                                   "（内置因子库中没有2020年因子，采用库中最早的2021年因子）"},
        {"regional", "华东", 2022, 0.5617,
         "生态环境部 国家统计局《2022年电力二氧化碳排放因子》华东区域平均"},
        {"provincial", "浙江", 2023, 0.5153,
         "生态环境部 国家统计局《2022年电力二氧化碳排放因子》省级平均（浙江）"
         "（内置因子库中没有2023年因子，采用库中最新的2022年因子）"},
    };
    const struct factor_lib *lib = *state;
    const struct source_def *el = src_of(lib, "electricity");
    struct factor_pin pin;
    char *cause = NULL;
    size_t i;

    for (i = 0; i < nitems(rows); i++) {
        assert_int_equal(factors_default_pin(lib, el, rows[i].year, rows[i].level, rows[i].area,
                                             NULL, &pin, &cause), ERR_OK);
        assert_near(pin.value, rows[i].value, TOL);
        assert_string_equal(pin.source_text, rows[i].text);
        assert_string_equal(pin.unit, "MWh");
        assert_near(pin.coal, 0.1229, 1e-9);
        assert_string_equal(pin.coal_unit, "kWh");
        assert_near(pin.density, 0, 0);
        factors_pin_free(&pin);
    }
    assert_int_equal(factors_default_pin(lib, el, 2023, "provincial", "火星", NULL, &pin, &cause),
                     ERR_NOTFOUND);
    assert_non_null(cause);
    assert_non_null(strstr(cause, "火星"));
    assert_null(pin.source_text);
    free(cause);
    cause = NULL;
    assert_int_equal(factors_default_pin(lib, el, 2023, "provincial", NULL, NULL, &pin, &cause),
                     ERR_NOTFOUND);
    assert_non_null(strstr(cause, "地区"));
    free(cause);
}

static void
test_pin_gas(void **state)
{
    const struct factor_lib *lib = *state;
    struct factor_pin pin;
    char *cause = NULL;

    /* default set AR6: R-410A 2255.5 */
    assert_int_equal(factors_default_pin(lib, src_of(lib, "r_410a"), 2023, NULL, NULL, NULL, &pin,
                                         &cause), ERR_OK);
    assert_near(pin.value, 2255.5, 0.005);
    assert_string_equal(pin.unit, "t");
    assert_null(pin.coal_unit);
    assert_non_null(strstr(pin.source_text, "IPCC AR6 GWP100"));
    assert_non_null(strstr(pin.source_text, "0.5×771+0.5×3740 = 2255.5"));
    factors_pin_free(&pin);

    assert_int_equal(factors_default_pin(lib, src_of(lib, "r_410a"), 2023, NULL, NULL, "AR5", &pin,
                                         &cause), ERR_OK);
    assert_near(pin.value, 1923.5, 0.005);
    assert_non_null(strstr(pin.source_text, "IPCC AR5 GWP100"));
    factors_pin_free(&pin);

    assert_int_equal(factors_default_pin(lib, src_of(lib, "sf6"), 2023, NULL, NULL, "AR5", &pin,
                                         &cause), ERR_OK);
    assert_near(pin.value, 23500, 0);
    assert_string_equal(pin.source_text, "IPCC AR5 GWP100");
    factors_pin_free(&pin);

    assert_int_equal(factors_default_pin(lib, src_of(lib, "hfc_32"), 2023, NULL, NULL, "AR3", &pin,
                                         &cause), ERR_NOTFOUND);
    assert_non_null(strstr(cause, "AR3"));
    free(cause);
}

/* ---- the parser, on small in-memory files ---- */

static const char base_sources[] =
    "# test sources\n"
    "id\tzh\ten\taliases\tcategory\tkind\tactivity_unit\treport_unit\tco2\tncv\tncv_unit\tcc\tox\t"
    "coal\tcoal_unit\tcoal_source\tdensity\tdensity_note\tgas\tflag\tsource_text\n"
    "natural_gas\t天然气\tNatural gas\t燃气\tfossil\tfuel\t万m³\tm³\t21.622\t389.31\tGJ/万m³\t"
    "0.0153\t0.99\t1.2143\tm³\tGB/T 2589\t\t\t\t\t指南缺省值\n"
    "hfc_32\tHFC-32(R-32)\tHFC-32\tR32\tfugitive\tgas\tt\tkg\t\t\t\t\t\t\t\t\t\t\tHFC-32\t\tIPCC\n"
    "electricity\t外购电力\tPurchased electricity\t电力|电\tpurchased\telectricity\tMWh\tkWh\t\t\t\t"
    "\t\t0.1229\tkWh\tGB/T 2589\t\t\t\t\t生态环境部\n";

static const char base_grid[] =
    "year\tlevel\tarea\tvalue\tsource_text\n"
    "2023\tnational\t全国\t0.5306\t2023 全国平均\n"
    "2022\tprovincial\t浙江\t0.5153\t2022 浙江\n";

static const char base_gwp[] =
    "set\tgas\tvalue\tderivation\tsource_text\n"
    "AR5\tHFC-32\t677\t\tIPCC AR5 GWP100\n"
    "AR6\tHFC-32\t771\t\tIPCC AR6 GWP100\n";

static const char base_residual[] =
    "year\tlevel\tarea\tvalue\tsource_text\n"
    "2023\tnational\t全国\t0.6096\t2023 全国（不含市场化交易的非化石能源电量）\n";

static const char base_footprint[] =
    "year\tlevel\tarea\tvalue\tsource_text\n"
    "2024\tnational\t全国\t0.5777\t2024 电力碳足迹因子\n";

/* The files factors_parse reads; NULL is a missing file, but residual and footprint NULL mean the
   base ones (most tests are about the other three) and no_file a missing one. */
struct files {
    const char *sources, *grid, *gwp, *residual, *footprint;
};

static const char no_file[] = "";

static const char *
files_get(const char *name, void *ctx)
{
    const struct files *f = ctx;
    const char *text = NULL;

    if (strcmp(name, "factors/sources.tsv") == 0)
        return f->sources;
    if (strcmp(name, "factors/electricity.tsv") == 0)
        return f->grid;
    if (strcmp(name, "factors/gwp.tsv") == 0)
        return f->gwp;
    if (strcmp(name, "factors/residual.tsv") == 0)
        text = f->residual != NULL ? f->residual : base_residual;
    else if (strcmp(name, "factors/footprint.tsv") == 0)
        text = f->footprint != NULL ? f->footprint : base_footprint;
    return text == no_file ? NULL : text;
}

/* text with its first `from` replaced by `to`; caller frees. */
static char *
replace(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);

    assert_non_null(at);
    return xasprintf("%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
}

static void
test_parse_base(void **state)
{
    struct files f = {base_sources, base_grid, base_gwp, NULL, NULL};
    struct factor_lib *lib = NULL;
    char *cause = NULL;

    (void)state;
    assert_int_equal(factors_parse(files_get, &f, &lib, &cause), ERR_OK);
    assert_null(cause);
    assert_int_equal(lib->nsources, 3);
    assert_int_equal(lib->ngrid, 2);
    assert_int_equal(lib->ngwp, 2);
    assert_int_equal(lib->nresidual, 1);
    assert_int_equal(lib->nfootprint, 1);
    assert_string_equal(factors_source(lib, "R32")->id, "hfc_32");
    factors_free(lib);
}

static void
test_parse_errors(void **state)
{
    static const struct {
        const char *what;
        int file;           /* 0 sources, 1 grid, 2 gwp, 3 residual, 4 footprint */
        const char *from, *to;
        const char *prefix; /* the cause begins with this */
        const char *word;   /* and names this */
    } rows[] = {
        {"unknown unit", 0, "\t万m³\tm³\t", "\t万吨\tm³\t", "factors/sources.tsv:3: ", "万吨"},
        /* 21.622 × 1.01 = 21.838: 1 % off the derivation 21.621888 */
        {"derivation mismatch", 0, "\t21.622\t", "\t21.838\t", "factors/sources.tsv:3: ",
         "21.621888"},
        {"duplicate alias", 0, "电力|电", "电力|燃气", "factors/sources.tsv:5: ", "燃气"},
        {"alias equal to another's zh", 0, "\tR32\t", "\t天然气\t", "factors/sources.tsv:4: ",
         "natural_gas"},
        {"missing source_text", 0, "\t指南缺省值\n", "\t\n", "factors/sources.tsv:3: ", "source_text"},
        {"trailing empty alias", 0, "\t燃气\t", "\t燃气|\t", "factors/sources.tsv:3: ", "燃气|"},
        {"empty alias inside", 0, "电力|电", "电力||电", "factors/sources.tsv:5: ", "电力||电"},
        {"unknown category", 0, "\tfossil\t", "\tfossile\t", "factors/sources.tsv:3: ", "fossile"},
        {"kind in the wrong category", 0, "\tfugitive\tgas\t", "\tfossil\tgas\t",
         "factors/sources.tsv:4: ", "fugitive"},
        {"unknown coal unit", 0, "\t1.2143\tm³\t", "\t1.2143\tkgce\t", "factors/sources.tsv:3: ",
         "kgce"},
        {"electricity with co2", 0, "\tMWh\tkWh\t\t", "\tMWh\tkWh\t0.5\t", "factors/sources.tsv:5: ",
         "co2"},
        {"unknown column", 0, "\tflag\t", "\tflags\t", "factors/sources.tsv:2: ", "flags"},
        {"bad number", 0, "\t389.31\t", "\t389,31\t", "factors/sources.tsv:3: ", "389,31"},
        {"grid value out of range", 1, "\t0.5306\t", "\t2.5\t", "factors/electricity.tsv:2: ",
         "2.5"},
        {"grid missing source text", 1, "\t2022 浙江\n", "\t\n", "factors/electricity.tsv:3: ",
         "source_text"},
        {"grid unknown level", 1, "\tprovincial\t", "\tcounty\t", "factors/electricity.tsv:3: ",
         "county"},
        {"grid duplicate", 1, "2022\tprovincial\t浙江", "2023\tnational\t全国",
         "factors/electricity.tsv:3: ", "重复"},
        {"no national grid factor", 1, "2023\tnational\t全国", "2023\tregional\t华东",
         "factors/electricity.tsv: ", "全国"},
        {"gwp missing source text", 2, "\tIPCC AR6 GWP100\n", "\t\n", "factors/gwp.tsv:3: ",
         "source_text"},
        {"gas missing from a set", 2, "AR6\tHFC-32", "AR6\tHFC-125", "factors/sources.tsv:4: ",
         "AR6"},
        /* the grid years are the years a workbook may hold (PERIOD_YEAR_MIN..PERIOD_YEAR_MAX) */
        {"grid year too early", 1, "2023\tnational", "1989\tnational", "factors/electricity.tsv:2: ",
         "1989"},
        {"grid year too late", 1, "2023\tnational", "2101\tnational", "factors/electricity.tsv:2: ",
         "2101"},
        {"grid year not whole", 1, "2023\tnational", "2023.5\tnational",
         "factors/electricity.tsv:2: ", "2023.5"},
        /* the shared reader's checks, for factors/ too */
        {"invalid UTF-8", 2, "IPCC AR5 GWP100", "IPCC AR5 \xff", "factors/gwp.tsv:2: ", "UTF-8"},
        {"too many cells", 1, "\t2022 浙江\n", "\t2022 浙江\textra\n", "factors/electricity.tsv:3: ",
         "表头只有 5 列"},
        {"missing column", 2, "\tderivation\t", "\t", "factors/gwp.tsv:1: ", "缺少列“derivation”"},
        {"duplicate column", 1, "\tarea\t", "\tlevel\t", "factors/electricity.tsv:1: ",
         "列“level”重复"},
        {"column names are exact", 1, "\tarea\t", "\tArea\t", "factors/electricity.tsv:1: ",
         "未知的列“Area”"},
        /* the residual and footprint factors are national ones, checked as the grid's are */
        {"residual not national", 3, "\tnational\t全国\t", "\tregional\t华东\t",
         "factors/residual.tsv:2: ", "regional"},
        {"residual out of range", 3, "\t0.6096\t", "\t2.1\t", "factors/residual.tsv:2: ", "2.1"},
        {"residual missing source text", 3, "\t2023 全国（不含市场化交易的非化石能源电量）\n", "\t\n",
         "factors/residual.tsv:2: ", "source_text"},
        {"footprint not national", 4, "\tnational\t全国\t", "\tprovincial\t浙江\t",
         "factors/footprint.tsv:2: ", "provincial"},
        {"footprint bad number", 4, "\t0.5777\t", "\t0,5777\t", "factors/footprint.tsv:2: ",
         "0,5777"},
    };
    const char *const bases[] = {base_sources, base_grid, base_gwp, base_residual, base_footprint};
    struct factor_lib *lib;
    struct files f;
    char *text, *cause;
    size_t i;

    (void)state;
    for (i = 0; i < nitems(rows); i++) {
        f = (struct files){base_sources, base_grid, base_gwp, NULL, NULL};
        text = replace(bases[rows[i].file], rows[i].from, rows[i].to);
        if (rows[i].file == 0)
            f.sources = text;
        else if (rows[i].file == 1)
            f.grid = text;
        else if (rows[i].file == 2)
            f.gwp = text;
        else if (rows[i].file == 3)
            f.residual = text;
        else
            f.footprint = text;
        lib = NULL;
        cause = NULL;
        if (factors_parse(files_get, &f, &lib, &cause) != ERR_DATA)
            fail_msg("%s: expected ERR_DATA", rows[i].what);
        assert_null(lib);
        assert_non_null(cause);
        if (strncmp(cause, rows[i].prefix, strlen(rows[i].prefix)) != 0)
            fail_msg("%s: cause \"%s\" does not begin with \"%s\"", rows[i].what, cause,
                     rows[i].prefix);
        if (strstr(cause, rows[i].word) == NULL)
            fail_msg("%s: cause \"%s\" does not name \"%s\"", rows[i].what, cause, rows[i].word);
        free(cause);
        free(text);
    }
}

static void
test_parse_missing_file(void **state)
{
    struct files f = {base_sources, base_grid, NULL, NULL, NULL};
    struct factor_lib *lib = NULL;
    char *cause = NULL;

    (void)state;
    assert_int_equal(factors_parse(files_get, &f, &lib, &cause), ERR_DATA);
    assert_null(lib);
    assert_non_null(strstr(cause, "factors/gwp.tsv"));
    free(cause);

    /* the two market-based files are part of the library too */
    f = (struct files){base_sources, base_grid, base_gwp, no_file, NULL};
    cause = NULL;
    assert_int_equal(factors_parse(files_get, &f, &lib, &cause), ERR_DATA);
    assert_null(lib);
    assert_string_equal(cause, "factors/residual.tsv: 缺少文件");
    free(cause);
    f = (struct files){base_sources, base_grid, base_gwp, NULL, no_file};
    cause = NULL;
    assert_int_equal(factors_parse(files_get, &f, &lib, &cause), ERR_DATA);
    assert_string_equal(cause, "factors/footprint.tsv: 缺少文件");
    free(cause);
}

/* A file with a header and no source; a BOM, CRLF line ends, blanks and U+3000 around cells. */
static void
test_parse_no_sources_and_blanks(void **state)
{
    static const char no_sources[] =
        "# none\n"
        "id\tzh\ten\taliases\tcategory\tkind\tactivity_unit\treport_unit\tco2\tncv\tncv_unit\tcc\tox\t"
        "coal\tcoal_unit\tcoal_source\tdensity\tdensity_note\tgas\tflag\tsource_text\n";
    static const char grid[] =
        "\xef\xbb\xbfyear\tlevel\tarea\tvalue\tsource_text\r\n"
        "\r\n"
        " 2023 \t national\t\xe3\x80\x80全国\xe3\x80\x80\t0.5306 \t 2023 全国平均\r\n";
    struct files f = {no_sources, base_grid, base_gwp, NULL, NULL};
    struct factor_lib *lib = NULL;
    char *cause = NULL;

    (void)state;
    assert_int_equal(factors_parse(files_get, &f, &lib, &cause), ERR_DATA);
    assert_null(lib);
    assert_string_equal(cause, "factors/sources.tsv:2: 没有排放源");
    free(cause);
    cause = NULL;

    f = (struct files){base_sources, grid, base_gwp, NULL, NULL};
    assert_int_equal(factors_parse(files_get, &f, &lib, &cause), ERR_OK);
    assert_int_equal(lib->ngrid, 1);
    assert_int_equal(lib->grid[0].year, 2023);
    assert_string_equal(lib->grid[0].level, "national");
    assert_string_equal(lib->grid[0].area, "全国");
    assert_near(lib->grid[0].value, 0.5306, 0);
    assert_string_equal(lib->grid[0].source_text, "2023 全国平均");
    factors_free(lib);
}

/* A year inside a gap takes the latest earlier year, not the nearer later one. */
static void
test_grid_gap(void **state)
{
    static const char grid[] =
        "year\tlevel\tarea\tvalue\tsource_text\n"
        "2019\tnational\t全国\t0.6\tA\n"
        "2023\tnational\t全国\t0.5\tB\n";
    struct files f = {base_sources, grid, base_gwp, NULL, NULL};
    struct factor_lib *lib = NULL;
    const struct grid_factor *g;
    char *cause = NULL;
    int exact = -1;

    (void)state;
    assert_int_equal(factors_parse(files_get, &f, &lib, &cause), ERR_OK);
    g = factors_grid(lib, NULL, NULL, 2022, &exact);   /* 2023 is nearer, 2019 is earlier */
    assert_non_null(g);
    assert_int_equal(g->year, 2019);
    assert_int_equal(exact, 0);
    g = factors_grid(lib, "national", "全国", 2018, &exact);
    assert_int_equal(g->year, 2019);
    factors_free(lib);
}

/* The derivation message says what it expected. */
static void
test_parse_derivation_message(void **state)
{
    struct files f = {NULL, base_grid, base_gwp, NULL, NULL};
    struct factor_lib *lib = NULL;
    char *cause = NULL;

    (void)state;
    f.sources = replace(base_sources, "\t21.622\t", "\t21.838\t");
    assert_int_equal(factors_parse(files_get, &f, &lib, &cause), ERR_DATA);
    assert_non_null(strstr(cause, "21.621888"));
    assert_non_null(strstr(cause, "natural_gas"));
    free(cause);
    free((char *)f.sources);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_order, lib_setup, lib_teardown),
        cmocka_unit_test_setup_teardown(test_fuel_factors, lib_setup, lib_teardown),
        cmocka_unit_test_setup_teardown(test_heat_and_electricity, lib_setup, lib_teardown),
        cmocka_unit_test_setup_teardown(test_coal, lib_setup, lib_teardown),
        cmocka_unit_test_setup_teardown(test_density_and_flags, lib_setup, lib_teardown),
        cmocka_unit_test_setup_teardown(test_source_lookup, lib_setup, lib_teardown),
        cmocka_unit_test_setup_teardown(test_labels, lib_setup, lib_teardown),
        cmocka_unit_test_setup_teardown(test_english, lib_setup, lib_teardown),
        cmocka_unit_test_setup_teardown(test_source_label, lib_setup, lib_teardown),
        cmocka_unit_test_setup_teardown(test_grid, lib_setup, lib_teardown),
        cmocka_unit_test_setup_teardown(test_gwp, lib_setup, lib_teardown),
        cmocka_unit_test_setup_teardown(test_pin_fuel, lib_setup, lib_teardown),
        cmocka_unit_test_setup_teardown(test_pin_electricity, lib_setup, lib_teardown),
        cmocka_unit_test_setup_teardown(test_pin_gas, lib_setup, lib_teardown),
        cmocka_unit_test(test_parse_base),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_parse_missing_file),
        cmocka_unit_test(test_parse_no_sources_and_blanks),
        cmocka_unit_test(test_grid_gap),
        cmocka_unit_test(test_parse_derivation_message),
    };

    return cmocka_run_group_tests_name("factors", tests, NULL, NULL);
}
