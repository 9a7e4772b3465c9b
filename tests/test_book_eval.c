/*
 * test_book_eval.c - the facts a workbook gives the two evaluations (book_eval.c), on a two-year
 * office checked by hand: carbon per m² against the base year, the target's achievement, energy
 * per m², the renewable share and PV capacity, water per m² year on year; and the scores they make.
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
#include <unistd.h>

#include "book/book.h"
#include "base/xmem.h"

#include "book_fixture.h"

#define near(got, want, tol) near_at((got), (want), (tol), __FILE__, __LINE__)

static void
near_at(double got, double want, double tol, const char *file, int line)
{
    if (!(fabs(got - want) <= tol)) {
        print_error("%.12g != %.12g (± %g)\n", got, want, tol);
        _fail(file, line);
    }
}

struct fx {
    struct app app;
    char dir[64], path[128];
};

static int
setup(void **state)
{
    struct fx *f = xcalloc(1, sizeof(*f));

    if (fixture_open(&f->app, f->dir) != 0)
        return -1;
    snprintf(f->path, sizeof(f->path), "%s/office.tanbook", f->dir);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fx *f = *state;
    int rc = fixture_close(&f->app, f->dir);

    free(f);
    return rc;
}

/*
 * 2022: 100 000 kWh × 0.5366 = 53.66 t, 2000 m² → 26.83 kgCO₂e/m²; 4000 m³ water → 2.0 m³/m².
 * 2023:  80 000 kWh × 0.5306 = 42.448 t → 21.224 kgCO₂e/m² (−20.894 % on 2022), 0.84896 t/人;
 *        energy 80 000 × 0.1229 = 9832 kgce → 4.916 kgce/m²; PV 20 000 kWh (45 kW) =
 *        2458 kgce: renewable share 2.458 / (9.832 + 2.458) = 20 %; 3600 m³ → 1.8 m³/m².
 * Base 2022; target 总量 −10 % in 2023: milestone 53.66 × 0.9 = 48.294 t; achieved
 * (53.66 − 42.448) / (53.66 − 48.294) = 11.212 / 5.366 = 208.945 %.
 */
static struct book *
office(struct fx *f)
{
    static const struct {
        int year;
        double kwh;
        const char *water;
    } years[] = {{2022, 100000, "4000"}, {2023, 80000, "3600"}};
    static const char *const unit[][2] = {{"unit_name", "某县机关"}, {"address", "某县人民路1号"},
                                          {"contact", "王明"}, {"phone", "0571-12345678"}};
    struct wb_renewable pv = {.year = 2023, .kind = RENEW_PV, .period = (char *)"2023",
                              .quantity = 20000, .capacity_kw = 45, .ev.ref = (char *)"光伏电表"};
    struct wb_target t = {.param = PARAM_TOTAL, .target_year = 2023, .kind = TARGET_REDUCTION,
                          .value = 10};
    struct wb_base b = {0};
    struct book *bk;
    struct store *st;
    char *cause = NULL, period[24];
    long long id;
    size_t i;

    unlink(f->path);
    assert_int_equal(book_open(&f->app, f->path, BOOK_CREATE, &bk, &cause), ERR_OK);
    st = book_store(bk);
    for (i = 0; i < nitems(unit); i++)
        assert_int_equal(store_info_set(st, FS_UNIT, 0, unit[i][0], unit[i][1], &cause), ERR_OK);
    for (i = 0; i < nitems(years); i++) {
        snprintf(period, sizeof(period), "%d", years[i].year);
        assert_int_equal(store_year_add(st, f->app.lib, years[i].year, NULL, NULL, &cause), ERR_OK);
        assert_int_equal(store_info_set(st, FS_YEAR, years[i].year, "building_area", "2000", &cause),
                         ERR_OK);
        assert_int_equal(store_info_set(st, FS_YEAR, years[i].year, "headcount", "50", &cause), ERR_OK);
        assert_int_equal(store_info_set(st, FS_YEAR, years[i].year, "water", years[i].water, &cause),
                         ERR_OK);
        assert_int_equal(store_entry_ensure(st, years[i].year, "electricity", "", "", "", &id, NULL,
                                            &cause), ERR_OK);
        for (int m = 1; m <= 12; m++) {     /* monthly, so check finds the year complete */
            snprintf(period, sizeof(period), "%d-%02d", years[i].year, m);
            assert_int_equal(store_activity_put(st, id, period, years[i].kwh / 12, "kWh", "电费账单",
                                                "", NULL, &cause), ERR_OK);
        }
    }
    assert_int_equal(plan_base_parse("2022", LANG_ZH, &b, &cause), ERR_OK);
    b.reason = (char *)"";
    assert_int_equal(store_base_set(st, &b, &cause), ERR_OK);
    assert_int_equal(store_target_put(st, &t, &cause), ERR_OK);
    assert_int_equal(store_renewable_put(st, &pv, &cause), ERR_OK);
    return bk;
}

static const struct zc_item *
item(const struct book_eval *be, const char *code)
{
    size_t i;

    for (i = 0; i < be->zc.n; i++)
        if (strcmp(be->zc.items[i].def->code, code) == 0)
            return &be->zc.items[i];
    fail_msg("no item %s", code);
    return NULL;
}

static void
test_facts(void **state)
{
    struct fx *f = *state;
    struct book *bk = office(f);
    struct book_eval be;
    char *cause = NULL;

    assert_int_equal(book_evaluate(bk, 2023, LANG_ZH, &be, &cause), ERR_OK);
    assert_true(be.zf.has_check && be.zf.check_passes);
    near(be.zf.carbon_per_area, 21.224, 1e-9);
    assert_true(be.zf.has_base_carbon_per_area);
    assert_int_equal(be.zf.base_year, 2022);
    near(be.zf.base_carbon_per_area, 26.83, 1e-9);
    near(be.zf.carbon_per_capita, 0.84896, 1e-9);
    assert_true(be.zf.has_target_achievement);
    near(be.zf.target_achievement, 11.212 / 5.366 * 100, 1e-9);
    near(be.zf.energy_per_area, 4.916, 1e-9);
    near(be.zf.renewable_share, 20, 1e-9);
    near(be.zf.renewable_kw, 45, 0);
    near(be.zf.water_per_area, 1.8, 1e-12);
    near(be.zf.last_water_per_area, 2.0, 1e-12);
    /* the scores they make: 1.1.1 5 (check passes), 1.1.2 5 (−20.9 % ≥ 20 %), 1.3.2 4 (≥ 100 %),
       2.2.1 0 (20 % is 30 points below 50: six steps of 0.5 = 3), 2.2.2 2 (45 kW: four whole
       steps of 10 kW × 0.5), 4.2.3 1 (1.8 < 2.0) */
    near(item(&be, "1.1.1")->score, 5, 0);
    near(item(&be, "1.1.2")->score, 5, 0);
    near(item(&be, "1.3.2")->score, 4, 0);
    near(item(&be, "2.2.1")->score, 0, 0);
    near(item(&be, "2.2.2")->score, 2, 0);
    near(item(&be, "4.2.3")->score, 1, 0);
    assert_false(item(&be, "1.1.3")->scored);      /* the sector average is not entered */
    assert_true(be.zc.provisional);
    near(be.zc.total, 17, 1e-9);
    /* maturity, historical method: 21.224 against 2022's 26.83, a decline of 20.9 % ≥ 10 % → 100 */
    assert_true(be.mat_ok);
    assert_true(be.mat.quant.ok);
    near(be.mat.quant.points, 100, 0);
    assert_int_equal(be.mat.quant.ref_year, 2022);
    book_eval_free(&be);
    book_close(bk);
}

/* An entered sector average scores 1.1.3; a check error vetoes the grade. */
static void
test_entries_and_veto(void **state)
{
    struct fx *f = *state;
    struct book *bk = office(f);
    struct wb_assessment a = {.year = 2023, .eval = (char *)"zc", .code = (char *)"1.1.3",
                              .has_value = 1, .value = 0.8, .assessor = (char *)"张三"};
    struct book_eval be;
    char *cause = NULL;

    /* 0.84896 against 0.8: 6.12 % above, one started step of 10 %: 2 − 0.5 = 1.5 */
    assert_int_equal(store_assessment_put(book_store(bk), &a, 0, &cause), ERR_OK);
    assert_int_equal(book_evaluate(bk, 2023, LANG_ZH, &be, &cause), ERR_OK);
    near(item(&be, "1.1.3")->score, 1.5, 1e-12);
    assert_string_equal(item(&be, "1.1.3")->assessor, "张三");
    near(be.zc.total, 18.5, 1e-9);
    assert_false(be.zc.veto);
    book_eval_free(&be);
    /* without a phone number the year fails check: 1.1.1 scores 0 and vetoes the grade */
    assert_int_equal(store_info_set(book_store(bk), FS_UNIT, 0, "phone", "", &cause), ERR_OK);
    assert_int_equal(book_evaluate(bk, 2023, LANG_ZH, &be, &cause), ERR_OK);
    assert_true(be.zc.veto);
    near(item(&be, "1.1.1")->score, 0, 0);
    assert_string_equal(zc_grade_name(be.zc.grade, LANG_ZH), "待改进机关");
    book_eval_free(&be);
    book_close(bk);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_facts),
        cmocka_unit_test(test_entries_and_veto),
    };

    return cmocka_run_group_tests_name("book_eval", tests, setup, teardown);
}
