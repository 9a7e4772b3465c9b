/*
 * test_export_csv.c - the tidy rows (core/tidy.c) and their CSV (export/export_csv.c) on a fixture
 * year: every field of every row against a hand calculation, the quoting of a facility name with
 * a comma, a quote and a newline, a value 不适用, the rows summing to engine_compute's totals,
 * and the shortest round-trip numbers.
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

#include "base/csv.h"
#include "base/xmem.h"
#include "core/engine.h"
#include "core/tidy.h"
#include "export/export_csv.h"

#include "year_fixture.h"

#define HEADER "unit_code,unit,year,period,category,scope,source,facility,quantity,quantity_unit," \
               "activity,activity_unit,factor,factor_unit,factor_source,tco2e,tce,data_source\n"
#define FACILITY "食堂,\"北楼\"\n二层"

/*
 * 2024, the electricity pinned at 0.5 tCO₂/MWh (source "测试因子"), the library's others:
 *   natural gas, FACILITY, 2024-01: 1000 m³ = 0.1 万m³ × 21.622 = 2.1622 t; 1000 × 1.2143 kgce
 *     = 1.2143 tce; 2024-02 不适用
 *   electricity, 办公楼, 2024: 2000 kWh = 2 MWh × 0.5 = 1 t; 2000 × 0.1229 = 0.2458 tce
 *   diesel, 发电机, 2024-Q3: 100 L × 0.84 kg/L = 0.084 t × 3.0959 = 0.2600556 t;
 *     84 kg × 1.4571 kgce/kg = 0.1223964 tce
 * total 2.1622 + 1 + 0.2600556 = 3.4222556 t.
 */
static void
fixture(struct wb_year *y, int with_code)
{
    struct factor_pin *pin;
    struct wb_entry *gas;

    year_new(y, 2024, "全国", "AR6");
    year_info(y, "unit_name", "测试单位");
    if (with_code)
        year_info(y, TIDY_CODE_KEY, "91350100M000100Y43");
    pin = year_pin(y, "electricity");
    pin->value = 0.5;
    free(pin->source_text);
    pin->source_text = xstrdup("测试因子");
    year_act(y, "natural_gas", FACILITY, "2024-01", 1000, "m³");
    year_act(y, "natural_gas", FACILITY, "2024-02", 0, "m³");
    gas = &y->entries[0];
    gas->acts[1].na = 1;
    free(gas->acts[0].data_source);
    gas->acts[0].data_source = xstrdup("燃气账单");
    year_act(y, "electricity", "办公楼", "2024", 2000, "kWh");
    year_act(y, "diesel", "发电机", "2024-Q3", 100, "L");
}

static void
near(double got, double want)
{
    if (fabs(got - want) > 1e-12 * fabs(want) + 1e-15)
        fail_msg("got %.17g, want %.17g", got, want);
}

/* One expected row: the text fields as CSV reads them back, the numbers ("" none). */
struct want {
    const char *f[18];
};

static const struct want wants[] = {
    {{"", "测试单位", "2024", "2024-01", "化石燃料燃烧排放", "1", "天然气", FACILITY, "1000", "m³",
      "0.1", "万m³", "21.622", "tCO₂/万m³", NULL, "2.1622", "1.2143", "燃气账单"}},
    {{"", "测试单位", "2024", "2024-02", "化石燃料燃烧排放", "1", "天然气", FACILITY, "", "", "",
      "万m³", "21.622", "tCO₂/万m³", NULL, "0", "0", ""}},
    {{"", "测试单位", "2024", "2024", "净购入电力与热力产生的排放", "2", "外购电力", "办公楼",
      "2000", "kWh", "2", "MWh", "0.5", "tCO₂/MWh", "测试因子", "1", "0.2458", ""}},
    {{"", "测试单位", "2024", "2024-Q3", "化石燃料燃烧排放", "1", "柴油", "发电机", "100", "L",
      "0.084", "t", "3.0959", "tCO₂/t", NULL, "0.2600556", "0.1223964", ""}},
};

/* The numeric columns: compared as numbers within 1e-12, the rest as text. */
static int
numeric(size_t col)
{
    return col == 8 || col == 10 || col == 12 || col == 15 || col == 16;
}

static void
test_rows_by_hand(void **state)
{
    struct wb_year y;
    struct strbuf sb = {0};
    struct csv_table t = {0};
    char *cause = NULL;
    size_t i, c;

    (void)state;
    fixture(&y, 0);
    export_csv_header(&sb);
    assert_int_equal(export_csv_year(&sb, &y, &cause), ERR_OK);
    assert_true(strncmp(sb.s, HEADER, strlen(HEADER)) == 0);
    assert_false(strncmp(sb.s, "\xEF\xBB\xBF", 3) == 0);                   /* no BOM */
    /* RFC 4180: the facility quoted, its quote doubled, its comma and newline kept inside */
    assert_non_null(strstr(sb.s, ",\"食堂,\"\"北楼\"\"\n二层\","));
    /* an empty text is "", a number not there (the 不适用 quantity, activity) empty */
    assert_non_null(strstr(sb.s, "\n\"\",测试单位,2024,2024-02,"));
    assert_non_null(strstr(sb.s, "二层\",,\"\",,万m³,21.622,"));
    assert_int_equal(csv_parse(sb.s, sb.len, ',', 0, &t, &cause), ERR_OK);
    assert_int_equal(t.n, 1 + nitems(wants));
    for (i = 0; i < nitems(wants); i++) {
        const struct csv_row *r = &t.rows[i + 1];

        assert_int_equal(r->n, 18);
        for (c = 0; c < 18; c++) {
            const char *w = wants[i].f[c];

            if (w == NULL)    /* the library's source text, as pinned */
                w = model_pin(&y, i == 3 ? "diesel" : "natural_gas")->source_text;
            if (numeric(c) && w[0] != '\0')
                near(strtod(r->fields[c], NULL), strtod(w, NULL));
            else
                assert_string_equal(r->fields[c], w);
        }
    }
    csv_free(&t);
    sb_free(&sb);
    model_free(&y);
}

/* The rows' tco2e and tce sum to the engine's totals, per scope too. */
static void
test_sums_are_the_engines(void **state)
{
    struct wb_year y;
    struct engine_result res;
    struct tidy_row *rows;
    size_t i, n;
    double t = 0, s1 = 0, s2 = 0, tce = 0;
    char *cause = NULL;

    (void)state;
    fixture(&y, 1);
    assert_int_equal(tidy_rows(&y, &rows, &n, &cause), ERR_OK);
    assert_int_equal(engine_compute(&y, &res, &cause), ERR_OK);
    assert_int_equal(n, 4);
    for (i = 0; i < n; i++) {
        assert_string_equal(rows[i].unit_code, "91350100M000100Y43");
        t += rows[i].tco2e;
        tce += rows[i].tce;
        if (rows[i].scope == 1)
            s1 += rows[i].tco2e;
        else
            s2 += rows[i].tco2e;
    }
    near(t, res.total_tco2e);
    near(t, 3.4222556);
    near(s1, res.scope1_tco2e);
    near(s2, res.scope2_tco2e);
    near(tce, res.energy_tce);
    engine_result_free(&res);
    free(rows);
    model_free(&y);
}

/* A row in a unit the source cannot take is refused as the engine refuses it; nothing appended. */
static void
test_refused_as_the_engine(void **state)
{
    struct wb_year y;
    struct strbuf sb = {0};
    char *cause = NULL;

    (void)state;
    fixture(&y, 0);
    year_act(&y, "electricity", "办公楼", "2024-05", 10, "t");
    sb_append(&sb, "x");
    assert_int_equal(export_csv_year(&sb, &y, &cause), ERR_INPUT);
    assert_non_null(strstr(cause, "2024-05"));
    assert_string_equal(sb.s, "x");
    free(cause);
    sb_free(&sb);
    model_free(&y);
}

static void
test_shortest_numbers(void **state)
{
    static const struct {
        double v;
        const char *text;
    } cases[] = {
        {0, "0"}, {-0.0, "0"}, {0.1, "0.1"}, {2450000, "2450000"}, {0.000015, "0.000015"},
        {1e-7, "1e-07"}, {0.1 + 0.2, "0.30000000000000004"}, {-12.5, "-12.5"},
        {53.69672, "53.69672"}, {1e17, "1e+17"}, {123456789012345678.0, "1.2345678901234568e+17"},
    };
    char buf[48];
    size_t i;
    double v = 1.0 / 3;

    (void)state;
    for (i = 0; i < nitems(cases); i++) {
        tidy_number(cases[i].v, buf, sizeof(buf));
        assert_string_equal(buf, cases[i].text);
    }
    for (i = 0; i < 2000; i++) {       /* every one reads back exactly */
        tidy_number(v, buf, sizeof(buf));
        assert_true(strtod(buf, NULL) == v);
        v = v * 7.3 + 1e-3;
        if (v > 1e12)
            v /= 1e15;
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_by_hand),
        cmocka_unit_test(test_sums_are_the_engines),
        cmocka_unit_test(test_refused_as_the_engine),
        cmocka_unit_test(test_shortest_numbers),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
