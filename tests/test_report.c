/*
 * test_report.c - the neutral report model every output reads: A.1 values and labels, A.3 rows,
 * per-source figures in library order, 数据来源 joined without repeats, the fuel derivation text,
 * the monthly / unallocated split, and English labels. Figures by hand from reference/factors.md;
 * tolerance 1e-9 relative.
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

#include "core/report.h"
#include "base/xmem.h"

#include "year_fixture.h"

static void
near(double got, double want)
{
    double tol = fabs(want) * 1e-9 + 1e-12;

    if (fabs(got - want) > tol)
        fail_msg("got %.12g, want %.12g (tolerance %.3g)", got, want, tol);
}

/* year_act with a 数据来源 text. */
static void
act_ds(struct wb_year *y, const char *source, const char *facility, const char *period, double q,
       const char *unit, const char *ds)
{
    size_t i;

    year_act(y, source, facility, period, q, unit);
    for (i = 0; i < y->nentries; i++) {
        struct wb_entry *e = &y->entries[i];

        if (strcmp(e->source_id, source) == 0 && strcmp(e->facility, facility) == 0) {
            free(e->acts[e->nacts - 1].data_source);
            e->acts[e->nacts - 1].data_source = xstrdup(ds);
        }
    }
}

/*
 * A small office, 2024 (the 2023 national grid factor 0.5306 tCO₂/MWh stands in):
 *   外购电力 办公楼: 2024-01 1000 kWh, 2024-02 2000 kWh, 2024-Q2 3000 kWh, 2024 500 kWh
 *   外购电力 附楼:   2024-01 4000 kWh, 2024-03 1000 kWh
 *   天然气 食堂:     2024-03 2560 m³
 *   HFC-32 空调:     2024 3 kg (AR6 GWP 771)
 * and its report in lang.
 */
static void
office(struct wb_year *y, enum lang lang, struct report *r)
{
    char *cause = NULL;

    year_new(y, 2024, "全国", "AR6");
    year_info(y, "unit_name", "某县档案局");
    year_info(y, "address", "");
    year_info(y, "building_area", "2000");
    year_info(y, "headcount", "50");
    act_ds(y, "electricity", "办公楼", "2024-01", 1000, "kWh", "电费账单");
    act_ds(y, "electricity", "办公楼", "2024-02", 2000, "kWh", "电费账单");
    act_ds(y, "electricity", "办公楼", "2024-Q2", 3000, "kWh", "抄表记录");
    act_ds(y, "electricity", "办公楼", "2024", 500, "kWh", "账单");
    act_ds(y, "natural_gas", "食堂", "2024-03", 2560, "m³", "燃气账单");
    act_ds(y, "hfc_32", "空调", "2024", 3, "kg", "维修记录");
    act_ds(y, "electricity", "附楼", "2024-01", 4000, "kWh", "");
    act_ds(y, "electricity", "附楼", "2024-03", 1000, "kWh", "电费账单");
    assert_int_equal(report_build(forms, y, 1, y->year, lang, r, &cause), ERR_OK);
}

static void
test_figures(void **state)
{
    const struct report_source *el, *ng, *hfc;
    struct wb_year y;
    struct report R;
    const struct report_year *r;

    (void)state;
    office(&y, LANG_ZH, &R);
    r = report_cur(&R);
    assert_int_equal(r->year, 2024);
    /* library order (fuels, gases, electricity), not inventory order; facilities summed */
    assert_int_equal(r->nsources, 3);
    assert_string_equal(r->sources[0].src->id, "natural_gas");
    assert_string_equal(r->sources[1].src->id, "hfc_32");
    assert_string_equal(r->sources[2].src->id, "electricity");
    el = report_source(r, "electricity");
    ng = report_source(r, "natural_gas");
    hfc = report_source(r, "hfc_32");
    assert_ptr_equal(el, &r->sources[2]);
    assert_null(report_source(r, "heat"));

    /* electricity 1000 + 2000 + 3000 + 500 + 4000 + 1000 = 11 500 kWh = 11.5 MWh × 0.5306 = 6.1019;
       11 500 × 0.1229 kgce = 1413.35 kgce = 1.41335 tce */
    near(el->quantity, 11500);
    assert_string_equal(el->unit, "kWh");
    near(el->activity, 11.5);
    assert_string_equal(el->activity_unit, "MWh");
    near(el->tco2e, 6.1019);
    near(el->tce, 1.41335);
    near(el->factor, 0.5306);
    assert_int_equal(el->scope, 2);
    assert_true(el->is_energy);
    assert_null(el->derivation);
    /* 2560 m³ = 0.256 万m³ × 21.622 = 5.535232; 2560 × 1.2143 = 3108.608 kgce */
    near(ng->tco2e, 5.535232);
    near(ng->tce, 3.108608);
    assert_string_equal(ng->factor_unit, "tCO₂/万m³");
    assert_true(ng->is_energy);
    /* 3 kg = 0.003 t × 771 = 2.313 tCO₂e; not an energy, so no A.2 row */
    near(hfc->tco2e, 2.313);
    near(hfc->factor, 771);
    assert_false(hfc->is_energy);
    assert_int_equal(hfc->scope, 1);

    /* total 6.1019 + 5.535232 + 2.313 = 13.950132; scope 1 = 7.848232; energy 4.521958 tce */
    near(r->total_tco2e, 13.950132);
    near(r->scope1_tco2e, 7.848232);
    near(r->scope2_tco2e, 6.1019);
    near(r->cat_tco2e[CAT_FOSSIL], 5.535232);
    near(r->cat_tco2e[CAT_FUGITIVE], 2.313);
    near(r->cat_tco2e[CAT_PURCHASED], 6.1019);
    near(r->energy_tce, 4.521958);
    /* 13.950132 × 1000 / 2000 m² = 6.975066; 13.950132 / 50 = 0.27900264 */
    assert_true(r->has_area && r->has_headcount);
    near(r->intensity_kgco2e_per_m2, 6.975066);
    near(r->per_capita_tco2e, 0.27900264);
    report_free(&R);
    model_free(&y);
}

static void
test_months(void **state)
{
    const struct report_source *el, *hfc;
    struct wb_year y;
    struct report R;
    const struct report_year *r;
    int m;

    (void)state;
    office(&y, LANG_ZH, &R);
    r = report_cur(&R);
    el = report_source(r, "electricity");
    hfc = report_source(r, "hfc_32");
    /* January 1000 + 4000 (two facilities), February 2000, March 1000; the quarter and the
       annual row (3000 + 500) are not spread over months */
    near(el->month_quantity[0], 5000);
    near(el->month_quantity[1], 2000);
    near(el->month_quantity[2], 1000);
    for (m = 3; m < 12; m++)
        near(el->month_quantity[m], 0);
    near(el->quarter_quantity[0], 0);
    near(el->quarter_quantity[1], 3000);    /* the 2024-Q2 row, as given */
    near(el->annual_quantity, 500);         /* the row for all of 2024 */
    near(el->month_tco2e[0], 2.653);        /* 5 MWh × 0.5306 */
    near(el->month_tco2e[1], 1.0612);
    near(el->month_tco2e[2], 0.5306);
    near(el->quarter_tco2e[1], 1.5918);     /* 3 MWh × 0.5306 */
    near(el->annual_tco2e, 0.2653);         /* 0.5 MWh × 0.5306 */
    near(hfc->annual_quantity, 3);
    near(hfc->annual_tco2e, 2.313);
    for (m = 0; m < 12; m++)
        near(hfc->month_tco2e[m], 0);
    for (m = 0; m < 4; m++)
        near(hfc->quarter_tco2e[m], 0);
    /* all sources: March 0.5306 + 5.535232 gas = 6.065832; Q2 1.5918; the year 0.2653 + 2.313 */
    near(r->month_tco2e[0], 2.653);
    near(r->month_tco2e[2], 6.065832);
    near(r->quarter_tco2e[1], 1.5918);
    near(r->quarter_tco2e[0], 0);
    near(r->annual_tco2e, 2.5783);
    report_free(&R);
    model_free(&y);
}

static void
test_texts(void **state)
{
    const struct report_source *el, *ng;
    struct wb_year y;
    struct report R;
    const struct report_year *r;

    (void)state;
    office(&y, LANG_ZH, &R);
    r = report_cur(&R);
    el = report_source(r, "electricity");
    ng = report_source(r, "natural_gas");
    /* each distinct text once, in entry and row order; "账单" is not "电费账单" */
    assert_string_equal(el->data_source, "电费账单；抄表记录；账单");
    assert_string_equal(ng->data_source, "燃气账单");
    assert_string_equal(ng->derivation,
                        "低位发热量 389.31 GJ/万m³ × 单位热值含碳量 0.0153 tC/GJ × 碳氧化率 99% × 44/12");
    assert_string_equal(el->category, "净购入电力与热力产生的排放");
    assert_string_equal(el->label, "外购电力");
    assert_string_equal(ng->category, "化石燃料燃烧排放");
    assert_true(strstr(el->factor_source, "2023") != NULL);

    /* A.1 in form order with the standard's labels; an empty value is "not filled in" */
    assert_int_equal(r->ninfo, forms_get(forms, "A.1")->nfields);
    assert_string_equal(r->info[0].fd->key, "unit_name");
    assert_string_equal(r->info[0].label, "单位名称");
    assert_string_equal(r->info[0].value, "某县档案局");
    assert_string_equal(r->unit_name, "某县档案局");
    assert_string_equal(report_info(r, "building_area"), "2000");
    assert_null(report_info(r, "address"));
    assert_null(report_info(r, "contact"));
    assert_null(report_info(r, "no_such_key"));

    /* A.3: one row per inventory entry, in inventory order, "" for what was not given */
    assert_int_equal(r->nentries, 4);
    assert_string_equal(r->entries[0].source, "外购电力");
    assert_string_equal(r->entries[0].facility, "办公楼");
    assert_string_equal(r->entries[0].category, "净购入电力与热力产生的排放");
    assert_string_equal(r->entries[1].source, "天然气");
    assert_string_equal(r->entries[2].category, "逸散排放");
    assert_string_equal(r->entries[3].facility, "附楼");
    assert_string_equal(r->entries[3].location, "");
    assert_string_equal(r->entries[3].note, "");
    /* every A.5 row as entered, so nothing typed is lost on the way to an output */
    assert_int_equal(r->entries[1].nacts, 1);
    assert_string_equal(r->entries[1].acts[0].period, "2024-03");
    near(r->entries[1].acts[0].quantity, 2560);
    assert_string_equal(r->entries[1].acts[0].unit, "m³");
    assert_string_equal(r->entries[1].acts[0].data_source, "燃气账单");
    assert_string_equal(r->entries[1].acts[0].note, "");
    assert_int_equal(r->entries[3].nacts, 2);
    assert_string_equal(r->entries[3].acts[0].data_source, "");
    assert_string_equal(r->entries[3].acts[1].period, "2024-03");
    /* what 因子说明 explains: standard coal per unit and its source; litres not used here */
    near(el->coal, 0.1229);
    assert_string_equal(el->coal_unit, "kWh");
    near(ng->coal, 1.2143);
    assert_string_equal(ng->coal_unit, "m³");
    assert_string_equal(ng->coal_source, "GB/T 2589—2008 附录A（气田天然气）");
    assert_false(ng->litres);
    assert_string_equal(report_source(r, "hfc_32")->coal_unit, "");
    report_free(&R);
    model_free(&y);
}

static void
test_english(void **state)
{
    const struct report_source *el, *ng;
    struct wb_year y;
    struct report R;
    const struct report_year *r;

    (void)state;
    office(&y, LANG_EN, &R);
    r = report_cur(&R);
    assert_int_equal(r->lang, LANG_EN);
    el = report_source(r, "electricity");
    ng = report_source(r, "natural_gas");
    assert_string_equal(r->info[0].label, "Organization name");
    assert_string_equal(el->label, "Electricity");
    assert_string_equal(el->category, "Purchased electricity and heat");
    assert_string_equal(ng->category, "Fossil fuel combustion");
    assert_string_equal(ng->derivation,
                        "NCV 389.31 GJ/10⁴m³ × carbon content 0.0153 tC/GJ × oxidation 99% × 44/12");
    assert_string_equal(r->entries[2].category, "Fugitive emissions");
    assert_string_equal(r->entries[0].source, "Electricity");
    /* the figures do not depend on the language */
    near(r->total_tco2e, 13.950132);
    report_free(&R);
    model_free(&y);
}

/* A library caution travels with its factor until the user replaces the value. */
static void
test_flag(void **state)
{
    struct wb_year y;
    struct report R;
    const struct report_year *r;
    char *cause = NULL;

    (void)state;
    year_new(&y, 2024, "全国", "AR6");
    year_act(&y, "raw_coal", "", "2024", 1, "t");
    assert_int_equal(report_build(forms, &y, 1, y.year, LANG_ZH, &R, &cause), ERR_OK);
    r = report_cur(&R);
    assert_non_null(report_source(r, "raw_coal")->flag);
    assert_true(strstr(report_source(r, "raw_coal")->flag, "低可信度") != NULL);
    assert_false(report_source(r, "raw_coal")->overridden);
    assert_false(r->has_area || r->has_headcount);
    report_free(&R);
    year_pin(&y, "raw_coal")->overridden = 1;
    assert_int_equal(report_build(forms, &y, 1, y.year, LANG_ZH, &R, &cause), ERR_OK);
    r = report_cur(&R);
    assert_null(report_source(r, "raw_coal")->flag);
    assert_true(report_source(r, "raw_coal")->overridden);
    report_free(&R);
    model_free(&y);
}

/* A row the engine cannot compute refuses the whole report, with the reason. */
static void
test_refused(void **state)
{
    struct wb_year y;
    struct report R;
    char *cause = NULL;

    (void)state;
    year_new(&y, 2024, "全国", "AR6");
    year_act(&y, "electricity", "", "2024-01", 100, "kg");
    assert_int_equal(report_build(forms, &y, 1, y.year, LANG_ZH, &R, &cause), ERR_INPUT);
    assert_non_null(cause);
    assert_int_equal(R.nyears, 0);
    free(cause);
    model_free(&y);
}

/*
 * Several years in one report, given out of order: 2024 (the office above), 2023 with 2000 kWh
 * (2 MWh × 0.5306 = 1.0612 tCO₂e) and 2022 with a row in kg the engine refuses. The years come
 * out ascending, the reporting year is the one asked for, and 2022 is kept with its reason.
 */
static void
test_years(void **state)
{
    struct wb_year ys[3];
    struct report R;
    const struct report_year *r;
    char *cause = NULL;
    size_t i;

    (void)state;
    office(&ys[0], LANG_ZH, &R);
    report_free(&R);
    year_new(&ys[1], 2022, "全国", "AR6");
    year_act(&ys[1], "electricity", "", "2022-01", 100, "kg");
    year_new(&ys[2], 2023, "全国", "AR6");
    year_act(&ys[2], "electricity", "", "2023-01", 2000, "kWh");
    assert_int_equal(report_build(forms, ys, 3, 2023, LANG_ZH, &R, &cause), ERR_OK);
    assert_int_equal(R.nyears, 3);
    assert_int_equal(R.years[0].year, 2022);
    assert_int_equal(R.years[1].year, 2023);
    assert_int_equal(R.years[2].year, 2024);
    r = report_cur(&R);
    assert_int_equal(r->year, 2023);
    assert_true(r->ok);
    assert_float_equal(r->total_tco2e, 1.0612, 1e-9);
    assert_false(report_find(&R, 2022)->ok);
    assert_non_null(strstr(report_find(&R, 2022)->why, "kg"));
    /* 2024: 11.5 MWh × 0.5306 + 0.256 万m³ × 21.622 + 3 kg × 771 / 1000 = 13.950132 */
    assert_true(report_find(&R, 2024)->ok);
    assert_float_equal(report_find(&R, 2024)->total_tco2e,
                       11.5 * 0.5306 + 0.256 * 21.622 + 3 * 771 / 1000.0, 1e-9);
    assert_null(report_find(&R, 2021));
    report_free(&R);
    /* the reporting year must be one of them; its refusal refuses the report */
    assert_int_equal(report_build(forms, ys, 3, 2021, LANG_ZH, &R, &cause), ERR_NOTFOUND);
    free(cause);
    cause = NULL;
    assert_int_equal(report_build(forms, ys, 3, 2022, LANG_ZH, &R, &cause), ERR_INPUT);
    free(cause);
    for (i = 0; i < 3; i++)
        model_free(&ys[i]);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_figures),
        cmocka_unit_test(test_months),
        cmocka_unit_test(test_texts),
        cmocka_unit_test(test_english),
        cmocka_unit_test(test_flag),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_years),
    };

    return cmocka_run_group_tests_name("report", tests, setup, teardown);
}
