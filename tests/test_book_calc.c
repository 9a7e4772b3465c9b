/*
 * test_book_calc.c - a workbook's years computed once for a command (book_calc.c) give what a
 * fresh computation gives: each year's report and check, the carbon performance (as reported, like
 * for like, the base, the targets), the neutrality judgement and the evaluations; and after an edit
 * through the workbook, a new book_calc gives the fresh figures again, which moved by the edit.
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

struct fx {
    struct app app;
    char dir[64], path[128];
    struct book *bk;
    long long meter;            /* the 2024 electricity entry of 楼A */
};

/*
 * Three years of an office: electricity at two facilities, natural gas at one, monthly; 2023
 * with a quarter of gas in 万m³ with the numbers kept (a unit slip, which 2024's gas in m³ is
 * then flagged against too), 2024 with electricity up on 2023 (the year-on-year rule). Base 2022 (like for like with 2022's factors); targets: 总量 −10 % in
 * 2025 on the workbook's base, 强度 −5 % in 2024 on its own base 2022 (the same restatement), and a
 * coal-share cap, which hides the restatement between them. A PV row in 2024, for the judgement.
 */
static int
setup(void **state)
{
    static const struct {
        int year;
        double kwh_a, kwh_b, gas;
    } years[] = {{2022, 9000, 3000, 500}, {2023, 8500, 3100, 480}, {2024, 8000, 10000, 900}};
    struct wb_target t1 = {.param = PARAM_TOTAL, .target_year = 2025, .kind = TARGET_REDUCTION,
                           .value = 10};
    struct wb_target t2 = {.param = PARAM_INTENSITY, .base = (char *)"2022", .target_year = 2024,
                           .kind = TARGET_REDUCTION, .value = 5};
    struct wb_target t3 = {.param = PARAM_COAL_SHARE, .target_year = 2025, .kind = TARGET_CAP,
                           .value = 13};
    struct wb_renewable pv = {.year = 2024, .kind = RENEW_PV, .period = (char *)"2024",
                              .quantity = 5000, .capacity_kw = 10, .ev.ref = (char *)"光伏电表"};
    struct wb_base b = {0};
    struct fx *f = xcalloc(1, sizeof(*f));
    struct store *st;
    char *cause = NULL, period[24];
    long long a, bb, g;
    size_t i;
    int m;

    if (fixture_open(&f->app, f->dir) != 0)
        return -1;
    snprintf(f->path, sizeof(f->path), "%s/office.tanbook", f->dir);
    assert_int_equal(book_open(&f->app, f->path, BOOK_CREATE, &f->bk, &cause), ERR_OK);
    st = book_store(f->bk);
    assert_int_equal(store_info_set(st, FS_UNIT, 0, "unit_name", "某县机关", &cause), ERR_OK);
    for (i = 0; i < nitems(years); i++) {
        int y = years[i].year;

        assert_int_equal(store_year_add(st, f->app.lib, y, NULL, NULL, &cause), ERR_OK);
        assert_int_equal(store_info_set(st, FS_YEAR, y, "building_area", "2000", &cause), ERR_OK);
        assert_int_equal(store_info_set(st, FS_YEAR, y, "headcount", "50", &cause), ERR_OK);
        assert_int_equal(store_entry_ensure(st, y, "electricity", "楼A", "", "", &a, NULL, &cause),
                         ERR_OK);
        assert_int_equal(store_entry_ensure(st, y, "electricity", "楼B", "", "", &bb, NULL, &cause),
                         ERR_OK);
        assert_int_equal(store_entry_ensure(st, y, "natural_gas", "食堂", "", "", &g, NULL, &cause),
                         ERR_OK);
        if (y == 2024)
            f->meter = a;
        for (m = 1; m <= 12; m++) {
            int slip = y == 2023 && m <= 3;

            snprintf(period, sizeof(period), "%d-%02d", y, m);
            assert_int_equal(store_activity_put(st, a, period, years[i].kwh_a, "kWh", "电费账单",
                                                "", NULL, &cause), ERR_OK);
            assert_int_equal(store_activity_put(st, bb, period, years[i].kwh_b, "kWh", "电费账单",
                                                "", NULL, &cause), ERR_OK);
            assert_int_equal(store_activity_put(st, g, period, years[i].gas,
                                                slip ? "万m³" : "m³", "燃气账单", "", NULL,
                                                &cause), ERR_OK);
        }
    }
    assert_int_equal(plan_base_parse("2022", LANG_ZH, &b, &cause), ERR_OK);
    b.reason = (char *)"";
    assert_int_equal(store_base_set(st, &b, &cause), ERR_OK);
    assert_int_equal(store_target_put(st, &t1, &cause), ERR_OK);
    assert_int_equal(store_target_put(st, &t2, &cause), ERR_OK);
    assert_int_equal(store_target_put(st, &t3, &cause), ERR_OK);
    assert_int_equal(store_renewable_put(st, &pv, &cause), ERR_OK);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fx *f = *state;
    int rc;

    book_close(f->bk);
    rc = fixture_close(&f->app, f->dir);
    free(f);
    return rc;
}

/* Figures of the same computation are equal to the last bit: compared with ==, not a tolerance. */
static void
same_num(struct perf_num a, struct perf_num b)
{
    assert_int_equal(a.ok, b.ok);
    if (a.ok)
        assert_true(a.v == b.v);
}

static void
same_year(const struct report_year *a, const struct report_year *b)
{
    size_t i;
    int m;

    assert_int_equal(a->year, b->year);
    assert_true(a->total_tco2e == b->total_tco2e);
    assert_true(a->scope1_tco2e == b->scope1_tco2e && a->scope2_tco2e == b->scope2_tco2e);
    assert_true(a->energy_tce == b->energy_tce);
    assert_true(a->intensity_kgco2e_per_m2 == b->intensity_kgco2e_per_m2);
    assert_int_equal(a->nentries, b->nentries);
    assert_int_equal(a->nsources, b->nsources);
    for (i = 0; i < a->nsources; i++) {
        assert_ptr_equal(a->sources[i].src, b->sources[i].src);
        assert_true(a->sources[i].tco2e == b->sources[i].tco2e);
        assert_string_equal(a->sources[i].unit, b->sources[i].unit);
        for (m = 0; m < 12; m++)
            assert_true(a->sources[i].month_tco2e[m] == b->sources[i].month_tco2e[m]);
    }
}

static void
same_check(const struct check_report *a, const struct check_report *b)
{
    size_t i;

    assert_int_equal(a->n, b->n);
    assert_int_equal(a->nerrors, b->nerrors);
    for (i = 0; i < a->n; i++) {
        assert_int_equal(a->items[i].code, b->items[i].code);
        assert_string_equal(a->items[i].msg, b->items[i].msg);
    }
}

static void
same_perf(const struct perf *a, const struct perf *b)
{
    size_t i, j;
    int k;

    assert_int_equal(a->nyears, b->nyears);
    assert_int_equal(a->cur, b->cur);
    for (i = 0; i < a->nyears; i++) {
        const struct perf_year *x = &a->years[i], *y = &b->years[i];

        assert_int_equal(x->complete, y->complete);
        assert_int_equal(x->has_effects, y->has_effects);
        assert_true(x->activity_tco2e == y->activity_tco2e);
        for (k = 0; k < PK__COUNT; k++) {
            same_num(x->rep[k], y->rep[k]);
            same_num(x->lfl[k], y->lfl[k]);
            same_num(x->prev_pct[k], y->prev_pct[k]);
            same_num(x->base_lfl_pct[k], y->base_lfl_pct[k]);
        }
    }
    assert_int_equal(a->base.factor_year, b->base.factor_year);
    for (k = 0; k < PK__COUNT; k++)
        same_num(a->base.lfl[k], b->base.lfl[k]);
    assert_int_equal(a->ntargets, b->ntargets);
    for (i = 0; i < a->ntargets; i++) {
        assert_int_equal(a->targets[i].ok, b->targets[i].ok);
        same_num(a->targets[i].target_value, b->targets[i].target_value);
        assert_int_equal(a->targets[i].nsteps, b->targets[i].nsteps);
        for (j = 0; j < a->targets[i].nsteps; j++) {
            same_num(a->targets[i].steps[j].actual, b->targets[i].steps[j].actual);
            same_num(a->targets[i].steps[j].actual_lfl, b->targets[i].steps[j].actual_lfl);
            same_num(a->targets[i].steps[j].gap, b->targets[i].steps[j].gap);
        }
    }
}

/*
 * bc against everything computed afresh from the workbook: each year loaded, reported and
 * checked on its own (book_check loads the year before again), perf_build computing every
 * report itself, book_neutral loading and judging the year by itself.
 */
static void
same_as_fresh(struct fx *f, const struct book_calc *bc)
{
    struct wb_year *ys;
    struct wb_plan plan;
    struct perf mine, fresh;
    struct book_neutral a, b;
    int complete[8];
    char *cause = NULL;
    size_t n, i;

    assert_int_equal(book_load_all(f->bk, &ys, &n, &cause), ERR_OK);
    assert_int_equal(n, 3);
    assert_int_equal(bc->n, 3);
    for (i = 0; i < n; i++) {
        struct report r;
        struct check_report c;

        assert_int_equal(report_build(f->app.forms, &ys[i], 1, ys[i].year, LANG_ZH, &r, &cause),
                         ERR_OK);
        same_year(book_calc_report(bc, i), report_cur(&r));
        report_free(&r);
        book_check(f->bk, &ys[i], &c);
        same_check(&bc->chks[i], &c);
        complete[i] = c.nerrors == 0;
        check_free(&c);
    }
    assert_int_equal(book_load_plan(f->bk, &plan, &cause), ERR_OK);
    assert_int_equal(perf_build(f->app.forms, ys, n, complete, &plan, 2024, LANG_ZH, &fresh,
                                &cause), ERR_OK);
    assert_int_equal(book_perf_of(bc, 2024, &mine, &cause), ERR_OK);
    same_perf(&mine, &fresh);
    /* like for like, against a restatement made here: each year with 2022's factors */
    assert_int_equal(mine.base.factor_year, 2022);
    for (i = 0; i < n; i++) {
        struct wb_year r = ys[i];
        struct report rr;
        size_t k;

        r.pins = xcalloc(ys[i].npins + 1, sizeof(*r.pins));
        for (k = 0; k < ys[i].npins; k++) {
            const struct factor_pin *p = model_pin(&ys[0], ys[i].pins[k].source_id);

            r.pins[k] = p != NULL ? *p : ys[i].pins[k];
        }
        assert_int_equal(report_build(f->app.forms, &r, 1, r.year, LANG_ZH, &rr, &cause), ERR_OK);
        assert_true(mine.years[i].lfl[PK_TOTAL].ok);
        assert_true(mine.years[i].lfl[PK_TOTAL].v == report_cur(&rr)->total_tco2e);
        report_free(&rr);
        free(r.pins);
    }
    perf_free(&mine);
    perf_free(&fresh);
    plan_free(&plan);
    book_years_free(ys, n);

    assert_int_equal(book_neutral_of(bc, 2024, &a, &cause), ERR_OK);
    assert_int_equal(book_neutral(f->bk, 2024, LANG_ZH, &b, &cause), ERR_OK);
    assert_int_equal(a.n.ok, b.n.ok);
    assert_int_equal(a.n.achieved, b.n.achieved);
    assert_true(a.n.emissions_tco2e == b.n.emissions_tco2e);
    assert_true(a.n.pv_kwh == b.n.pv_kwh && a.n.capacity_kw == b.n.capacity_kw);
    assert_true(a.n.renewable_share_pct == b.n.renewable_share_pct);
    book_neutral_free(&a);
    book_neutral_free(&b);
}

/* The computation the commands share is the fresh one, year by year, module by module. */
static void
test_same_as_fresh(void **state)
{
    struct fx *f = *state;
    struct book_calc bc;
    struct book_eval a, b;
    char *cause = NULL;
    size_t i, slips = 0, changes = 0;

    if (book_calc_load(f->bk, LANG_ZH, &bc, &cause) != ERR_OK)
        fail_msg("%s", cause);
    same_as_fresh(f, &bc);
    /* the rules against the year before are in it: 2023's gas slip (万m³ with m³ numbers), and
       2024's electricity against 2023's: (8000 + 10000) × 12 = 216 000 kWh against
       (8500 + 3100) × 12 = 139 200 kWh, +55.2 % > 50 % (2024's gas is said as a slip instead) */
    for (i = 0; i < bc.chks[1].n; i++)
        slips += bc.chks[1].items[i].code == CHECK_A5_UNIT_SCALE;
    for (i = 0; i < bc.chks[2].n; i++)
        changes += bc.chks[2].items[i].code == CHECK_A5_YEAR_CHANGE;
    assert_int_equal(slips, 1);
    assert_int_equal(changes, 1);
    /* the evaluations from bc are those book_evaluate makes for itself */
    assert_int_equal(book_evaluate_of(&bc, 2024, &a, &cause), ERR_OK);
    assert_int_equal(book_evaluate(f->bk, 2024, LANG_ZH, &b, &cause), ERR_OK);
    assert_int_equal(a.has_perf, 1);
    assert_int_equal(a.zf.check_errors, b.zf.check_errors);
    assert_true(a.zf.carbon_per_area == b.zf.carbon_per_area);
    assert_true(a.zc.total == b.zc.total);
    assert_int_equal(a.mat_ok, b.mat_ok);
    if (a.mat_ok)
        assert_true(a.mat.total == b.mat.total);
    book_eval_free(&a);
    book_eval_free(&b);
    book_calc_free(&bc);
}

/*
 * After an edit through the workbook (楼A's 2024-03 from 8000 to 9000 kWh), a new book_calc is
 * the fresh computation again, and its 2024 total moved by 1 MWh × the year's pinned electricity
 * factor (tCO₂/MWh); the one loaded before the edit still holds the old figures (a value, not a
 * view of the workbook).
 */
static void
test_after_edit(void **state)
{
    struct fx *f = *state;
    struct book_calc before, after;
    const struct factor_pin *pin;
    char *cause = NULL;
    double old;

    assert_int_equal(book_calc_load(f->bk, LANG_ZH, &before, &cause), ERR_OK);
    old = book_calc_report(&before, 2)->total_tco2e;
    assert_int_equal(store_activity_put(book_store(f->bk), f->meter, "2024-03", 9000, "kWh",
                                        "电费账单", "", NULL, &cause), ERR_OK);
    assert_int_equal(book_calc_load(f->bk, LANG_ZH, &after, &cause), ERR_OK);
    same_as_fresh(f, &after);
    pin = model_pin(&after.ys[2], "electricity");
    assert_non_null(pin);
    assert_true(fabs(book_calc_report(&after, 2)->total_tco2e - old - pin->value) < 1e-9);
    assert_true(book_calc_report(&before, 2)->total_tco2e == old);
    book_calc_free(&before);
    book_calc_free(&after);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_as_fresh),
        cmocka_unit_test(test_after_edit),
    };

    return cmocka_run_group_tests_name("book_calc", tests, setup, teardown);
}
