/* test_units.c - unit lookup and exact conversion, including litres through a density. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/units.h"

static void
test_find(void **state)
{
    static const struct {
        const char *name;
        const char *sym;   /* NULL: not a unit */
    } cases[] = {
        {"kWh", "kWh"}, {"kwh", "kWh"}, {" KWH ", "kWh"}, {"度", "kWh"}, {"千瓦时", "kWh"},
        {"MWh", "MWh"}, {"万kWh", "万kWh"}, {"万度", "万kWh"},
        {"m3", "m³"}, {"m³", "m³"}, {"Nm3", "m³"}, {"立方米", "m³"},
        {"万m3", "万m³"}, {"万m³", "万m³"}, {"10⁴Nm³", "万m³"},
        {"t", "t"}, {"吨", "t"}, {"kg", "kg"}, {"公斤", "kg"}, {"L", "L"}, {"l", "L"}, {"升", "L"},
        {"GJ", "GJ"}, {"gj", "GJ"}, {"MJ", "MJ"},
        {"", NULL}, {"kW", NULL}, {"tons", NULL}, {"m", NULL}, {"万", NULL},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct unit_def *u = units_find(cases[i].name);

        if (cases[i].sym == NULL) {
            assert_null(u);
        } else {
            assert_non_null(u);
            assert_string_equal(u->sym, cases[i].sym);
        }
    }
}

static void
test_convert(void **state)
{
    static const struct {
        double q;
        const char *from, *to;
        double density, expect;
    } cases[] = {
        {1000, "kWh", "MWh", 0, 1},          /* 1000 × 3.6 MJ / 3600 MJ */
        {1, "万kWh", "kWh", 0, 10000},
        {1, "万kWh", "MWh", 0, 10},
        {1, "MWh", "GJ", 0, 3.6},            /* 3600 MJ = 3.6 GJ */
        {1000, "MJ", "GJ", 0, 1},
        {25600, "m³", "万m³", 0, 2.56},
        {3, "万m³", "m³", 0, 30000},
        {1500, "L", "m³", 0, 1.5},
        {420, "kg", "t", 0, 0.42},
        {1000, "L", "t", 0.73, 0.73},        /* 1000 L × 0.73 kg/L = 730 kg = 0.73 t */
        {12530, "L", "t", 0.73, 9.1469},     /* 12530 × 0.73 = 9146.9 kg */
        {1, "m³", "kg", 0.84, 840},          /* 1000 L × 0.84 */
        {0.84, "t", "L", 0.84, 1000},        /* 840 kg ÷ 0.84 kg/L */
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *cause = NULL;
        double out = -1;

        assert_int_equal(units_convert(cases[i].q, units_find(cases[i].from), units_find(cases[i].to),
                                       cases[i].density, &out, &cause), ERR_OK);
        assert_null(cause);
        assert_true(fabs(out - cases[i].expect) <= 1e-9 * fabs(cases[i].expect));
    }
}

static void
test_wrong_dimension(void **state)
{
    static const struct {
        const char *from, *to;
        double density;
        const char *needle;
    } cases[] = {
        {"kWh", "万m³", 0, "能量"},    /* electricity units for natural gas */
        {"t", "MWh", 0, "质量"},
        {"L", "t", 0, "密度"},         /* litres of a fuel without a density */
        {"GJ", "t", 0.73, "能量"},     /* a density does not bridge energy */
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *cause = NULL;
        double out = 0;

        assert_int_equal(units_convert(1, units_find(cases[i].from), units_find(cases[i].to),
                                       cases[i].density, &out, &cause), ERR_INPUT);
        assert_non_null(cause);
        assert_non_null(strstr(cause, cases[i].needle));
        free(cause);
    }
}

/* What an English screen shows for the standard's Chinese symbols; the stored symbol is unchanged. */
static void
test_english(void **state)
{
    static const struct {
        const char *text;
        int english;
        const char *label, *shown;   /* units_label, units_text */
    } cases[] = {
        {"万m³", 1, "10⁴m³", "10⁴m³"},
        {"万kWh", 1, "10⁴kWh", "10⁴kWh"},
        {"万m3", 1, "10⁴m³", "10⁴m³"},                 /* an alias reads as its unit */
        {"人", 1, "persons", "persons"},
        {"tCO₂e/人", 1, "tCO₂e/人", "tCO₂e/person"},   /* after "/": singular */
        {"tCO₂/万m³", 1, "tCO₂/万m³", "tCO₂/10⁴m³"},
        {"GJ/万m³", 1, "GJ/万m³", "GJ/10⁴m³"},
        {"kWh", 1, "kWh", "kWh"},
        {"tCO₂e/t", 1, "tCO₂e/t", "tCO₂e/t"},
        {"", 1, "", ""},
        {"万m³", 0, "万m³", "万m³"},                   /* Chinese: as stored */
        {"tCO₂e/人", 0, "tCO₂e/人", "tCO₂e/人"},
    };
    char buf[64], tiny[6];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_string_equal(units_label(cases[i].text, cases[i].english), cases[i].label);
        assert_string_equal(units_text(cases[i].text, cases[i].english, buf, sizeof(buf)),
                            cases[i].shown);
    }
    assert_null(units_label(NULL, 1));
    /* what English shows is accepted back as input: the cell can be edited as shown */
    assert_string_equal(units_find(units_label("万m³", 1))->sym, "万m³");
    assert_string_equal(units_find(units_label("万kWh", 1))->sym, "万kWh");
    assert_string_equal(units_find("万m³")->sym, "万m³");
    /* a buffer too small keeps what fits, NUL-terminated */
    units_text("tCO₂e/人", 1, tiny, sizeof(tiny));
    assert_true(strlen(tiny) < sizeof(tiny));
}

/*
 * Every symbol and alias names one unit only (case aside): units_find looks at the symbols
 * before the aliases, which would otherwise change what an ambiguous name finds.
 */
static void
test_names_unique(void **state)
{
    size_t n, i, j;
    const struct unit_def *all = units_all(&n);

    (void)state;
    assert_true(n >= 10);
    for (i = 0; i < n; i++) {
        const char *a = all[i].aliases, *bar;
        char name[64];

        assert_ptr_equal(units_find(all[i].sym), &all[i]);
        for (; a != NULL && *a != '\0'; a = bar + 1) {
            bar = strchr(a, '|');
            if (bar == NULL)
                bar = a + strlen(a);
            assert_true((size_t)(bar - a) < sizeof(name));
            memcpy(name, a, (size_t)(bar - a));
            name[bar - a] = '\0';
            assert_ptr_equal(units_find(name), &all[i]);
            for (j = 0; j < n; j++)
                assert_true(strcasecmp(name, all[j].sym) != 0);
            if (*bar == '\0')
                break;
        }
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_convert),
        cmocka_unit_test(test_wrong_dimension),
        cmocka_unit_test(test_english),
        cmocka_unit_test(test_names_unique),
    };

    return cmocka_run_group_tests_name("units", tests, NULL, NULL);
}
