/*
 * test_perf.c - carbon performance (core/perf.c) and the plan's arithmetic (core/plan.c): the two
 * worked examples of 003 formula A.1, each kind of base period (a moving average that moves when
 * a year is added), the like-for-like restatement and its activity/factor split on a two-year
 * case with a change of factor, boundary years, the presets. Every expected figure is worked
 * out by hand beside it.
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
#include "core/perf.h"
#include "core/plan.h"
#include "data/factors.h"
#include "data/forms.h"
#include "year_fixture.h"

/* got within tol of want, in double (cmocka's assert_float_equal compares floats). */
#define near(got, want, tol) near_at((got), (want), (tol), __FILE__, __LINE__)

static void
near_at(double got, double want, double tol, const char *file, int line)
{
    if (!(fabs(got - want) <= tol)) {
        print_error("%.12g != %.12g (± %g)\n", got, want, tol);
        _fail(file, line);
    }
}

/*
 * A county office's year on the national grid: e kWh of electricity in one annual row, 2000 m²,
 * 50 people. 2022's national factor is 0.5366 tCO₂/MWh, 2023's 0.5306, 2021's 0.5568.
 */
static void
office(struct wb_year *y, int year, double kwh)
{
    char period[8];

    snprintf(period, sizeof period, "%d", year);
    year_new(y, year, "全国", "AR6");
    year_info(y, "building_area", "2000");
    year_info(y, "headcount", "50");
    year_act(y, "electricity", "", period, kwh, "kWh");
}

static struct wb_plan
plan_with(const char *base)
{
    struct wb_plan p = {0};
    char *cause = NULL;

    if (base != NULL) {
        p.bases = xcalloc(1, sizeof *p.bases);
        assert_int_equal(plan_base_parse(base, LANG_ZH, &p.bases[0], &cause), ERR_OK);
        p.bases[0].reason = xstrdup("");
        p.nbases = 1;
    }
    return p;
}

static void
add_target(struct wb_plan *p, enum plan_param param, const char *base, int year,
           enum target_kind kind, double value)
{
    struct wb_target *t;

    p->targets = xrealloc(p->targets, (p->ntargets + 1) * sizeof *p->targets);
    t = &p->targets[p->ntargets++];
    memset(t, 0, sizeof *t);
    t->param = param;
    t->base = base != NULL ? xstrdup(base) : NULL;
    t->target_year = year;
    t->kind = kind;
    t->value = value;
    t->note = xstrdup("");
}

static void
years_free(struct wb_year *ys, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        model_free(&ys[i]);
}

/* 003 A.2.2.2: 2022 → 2025 at 4.48 % a year is 12.85 %; A.2.3: 2020 → 2025 at 4 % is 18.46 %. */
static void
test_formula_examples(void **state)
{
    (void)state;
    /* 1 − 0.9552³ = 1 − 0.871531… = 0.128469… */
    near(plan_overall(0.0448, 3) * 100, 12.8469, 0.0001);   /* 12.85 % */
    /* 1 − 0.96⁵ = 1 − 0.815373 = 0.184627 */
    near(plan_overall(0.04, 5) * 100, 18.4627, 0.0001);
    /* and back: 1 − (1 − 0.184627)^(1/5) = 0.04 */
    near(plan_annual(0.184627, 5), 0.04, 1e-6);
    /* one year: the rate is the reduction */
    near(plan_overall(0.07, 1), 0.07, 1e-12);
}

static void
test_base_parse(void **state)
{
    static const struct {
        const char *text;
        int ok;
        enum base_kind kind;
        size_t nyears;
        int first, last, n;
        const char *back;
    } cases[] = {
        {"2022", 1, BASE_YEAR, 1, 2022, 2022, 0, "2022"},
        {" 2020-2022 ", 1, BASE_AVERAGE, 3, 2020, 2022, 0, "2020-2022"},
        {"2022,2019,2021", 1, BASE_AVERAGE, 3, 2019, 2022, 0, "2019,2021,2022"},
        {"moving:3", 1, BASE_MOVING, 0, 0, 0, 3, "moving:3"},
        {"2022-2020", 0, 0, 0, 0, 0, 0, NULL},
        {"moving:0", 0, 0, 0, 0, 0, 0, NULL},
        {"moving:x", 0, 0, 0, 0, 0, 0, NULL},
        {"2010-2025", 0, 0, 0, 0, 0, 0, NULL},    /* 16 years: more than 10 */
        {"2021,2021", 0, 0, 0, 0, 0, 0, NULL},
        {"1880", 0, 0, 0, 0, 0, 0, NULL},
        {"", 0, 0, 0, 0, 0, 0, NULL},
    };
    size_t i;

    (void)state;
    for (i = 0; i < nitems(cases); i++) {
        struct wb_base b = {0};
        char *cause = NULL, *back;
        enum err e = plan_base_parse(cases[i].text, LANG_ZH, &b, &cause);

        if (!cases[i].ok) {
            assert_int_equal(e, ERR_USAGE);
            assert_non_null(cause);
            free(cause);
            continue;
        }
        assert_int_equal(e, ERR_OK);
        assert_int_equal(b.kind, cases[i].kind);
        assert_int_equal(b.nyears, cases[i].nyears);
        if (b.nyears > 0) {
            assert_int_equal(b.years[0], cases[i].first);
            assert_int_equal(b.years[b.nyears - 1], cases[i].last);
        }
        assert_int_equal(b.moving_n, cases[i].n);
        back = plan_base_text(&b);
        assert_string_equal(back, cases[i].back);
        free(back);
    }
}

/*
 * 2022: 100 000 kWh × 0.5366 = 53.66 t; 2023: 110 000 kWh × 0.5306 = 58.366 t. Base 2022.
 * As reported the change is 58.366 − 53.66 = +4.706 t (+8.770 %). Like for like, 2023 at 2022's
 * factor: 110 × 0.5366 = 59.026 t, +5.366 t (+10.000 %): the activity effect. The factor effect
 * is 4.706 − 5.366 = −0.660 t = 110 MWh × (0.5306 − 0.5366).
 */
static void
test_like_for_like_split(void **state)
{
    struct wb_year ys[2];
    struct wb_plan plan = plan_with("2022");
    struct perf p;
    const struct perf_year *y;
    char *cause = NULL;

    (void)state;
    office(&ys[0], 2022, 100000);
    office(&ys[1], 2023, 110000);
    assert_int_equal(perf_build(forms, ys, 2, NULL, &plan, 2023, LANG_ZH, &p, &cause), ERR_OK);
    assert_true(p.base.ok);
    assert_int_equal(p.base.factor_year, 2022);
    near(p.base.rep[PK_TOTAL].v, 53.66, 1e-9);
    near(p.base.lfl[PK_TOTAL].v, 53.66, 1e-9);
    y = perf_cur(&p);
    assert_int_equal(y->year, 2023);
    near(y->rep[PK_TOTAL].v, 58.366, 1e-9);
    near(y->lfl[PK_TOTAL].v, 59.026, 1e-9);
    near(y->base_pct[PK_TOTAL].v, 4.706 / 53.66 * 100, 1e-9);   /* 8.770 % */
    near(y->base_lfl_pct[PK_TOTAL].v, 10.0, 1e-9);
    assert_true(y->has_effects);
    near(y->activity_tco2e, 5.366, 1e-9);
    near(y->factor_tco2e, -0.66, 1e-9);
    /* they add up exactly to the change as reported */
    near(y->activity_tco2e + y->factor_tco2e, 58.366 - 53.66, 1e-12);
    assert_int_equal(y->neffects, 1);
    assert_string_equal(y->effects[0].src->id, "electricity");
    near(y->effects[0].factor_tco2e, -0.66, 1e-9);
    /* per floor area: 58 366 kg / 2000 m² = 29.183; 2022: 26.83 */
    near(y->rep[PK_INTENSITY].v, 29.183, 1e-9);
    near(p.years[0].rep[PK_INTENSITY].v, 26.83, 1e-9);
    /* per person: 58.366 / 50 = 1.16732 t */
    near(y->rep[PK_PER_CAPITA].v, 1.16732, 1e-9);
    /* energy: 110 000 kWh × 0.1229 kgce/kWh = 13 519 kgce; / 2000 m² = 6.7595 kgce/m² */
    near(y->rep[PK_ENERGY].v, 13.519, 1e-9);
    near(y->rep[PK_ENERGY_INTENSITY].v, 6.7595, 1e-9);
    /* against the year before, as reported: the same as against the base here */
    near(y->prev_pct[PK_TOTAL].v, y->base_pct[PK_TOTAL].v, 1e-12);
    /* no offsets and no renewables recorded: 碳中和率 and both shares are 0 % */
    assert_true(y->rep[PK_NEUTRALITY].ok && y->rep[PK_NEUTRALITY].v == 0);
    assert_true(y->rep[PK_RENEWABLE].ok && y->rep[PK_RENEWABLE].v == 0);
    assert_true(y->rep[PK_GREEN_POWER].ok && y->rep[PK_GREEN_POWER].v == 0);
    perf_free(&p);
    /*
     * With claims for 2023 (core/neutral.h): PV 10 000 kWh used on site and a cancelled CCER of
     * 20 t. 碳中和率 = 20 / 58.366 = 34.2665 %; renewable: 10 000 × 0.1229 = 1229 kgce = 1.229 tce
     * of 13.519 + 1.229 = 14.748 tce = 8.3333 %; green power: 10 000 / (110 000 + 10 000) =
     * 8.3333 %. 2022 has none of them: 0 %.
     */
    plan.renewables = xcalloc(1, sizeof *plan.renewables);
    plan.renewables[0] = (struct wb_renewable){.year = 2023, .kind = RENEW_PV,
                                               .period = xstrdup("2023"), .quantity = 10000,
                                               .ev.ref = xstrdup("电表读数")};
    plan.nrenewables = 1;
    plan.offsets = xcalloc(1, sizeof *plan.offsets);
    plan.offsets[0] = (struct wb_offset){.year = 2023, .type = OFFSET_CCER,
                                         .registered = xstrdup("2021-05-01"),
                                         .quantity_tco2e = 20, .cancelled = xstrdup("2024-03-01"),
                                         .proof = xstrdup("注销凭证 001"),
                                         .ev.ref = xstrdup("注销证明")};
    plan.noffsets = 1;
    assert_int_equal(perf_build(forms, ys, 2, NULL, &plan, 2023, LANG_ZH, &p, &cause), ERR_OK);
    y = perf_cur(&p);
    near(y->rep[PK_NEUTRALITY].v, 20 / 58.366 * 100, 1e-9);
    near(y->rep[PK_RENEWABLE].v, 1.229 / 14.748 * 100, 1e-9);
    near(y->rep[PK_GREEN_POWER].v, 10000.0 / 120000 * 100, 1e-9);
    assert_true(p.years[0].rep[PK_NEUTRALITY].ok && p.years[0].rep[PK_NEUTRALITY].v == 0);
    perf_free(&p);
    plan_free(&plan);
    years_free(ys, 2);
}

/*
 * An average base 2022-2023 (factors of 2022, its first year). As reported: (53.66 + 58.366) / 2
 * = 56.013 t; like for like: (53.66 + 59.026) / 2 = 56.343 t. 2024 has 120 000 kWh; 2024 has no
 * national factor in the library, so its pin falls back to 2023's 0.5306: 63.672 t, like for like
 * 120 × 0.5366 = 64.392 t. Split: activity 64.392 − 56.343 = 8.049, factor (63.672 − 56.013) −
 * 8.049 = −0.390.
 */
static void
test_average_base(void **state)
{
    struct wb_year ys[3];
    struct wb_plan plan = plan_with("2022-2023");
    struct perf p;
    const struct perf_year *y;
    char *cause = NULL;
    double e24;

    (void)state;
    office(&ys[0], 2022, 100000);
    office(&ys[1], 2023, 110000);
    office(&ys[2], 2024, 120000);
    e24 = 120.0 * year_pin(&ys[2], "electricity")->value;
    assert_int_equal(perf_build(forms, ys, 3, NULL, &plan, 2024, LANG_ZH, &p, &cause), ERR_OK);
    assert_int_equal(p.base.nyears, 2);
    near(p.base.rep[PK_TOTAL].v, 56.013, 1e-9);
    near(p.base.lfl[PK_TOTAL].v, 56.343, 1e-9);
    y = perf_cur(&p);
    near(y->lfl[PK_TOTAL].v, 64.392, 1e-9);
    near(y->activity_tco2e, 64.392 - 56.343, 1e-9);
    near(y->activity_tco2e + y->factor_tco2e, e24 - 56.013, 1e-9);
    perf_free(&p);
    plan_free(&plan);
    years_free(ys, 3);
}

/*
 * moving:3 with 2020-2024 complete: for 2024 the base is 2021-2023; once 2025 is added and
 * assessed, 2022-2024. A year with errors does not count: with 2023 incomplete the base for 2024
 * is 2020-2022 (and says the years are not consecutive only when they are not).
 */
static void
test_moving_base(void **state)
{
    struct wb_year ys[6];
    struct wb_plan plan = plan_with("moving:3");
    int complete[6] = {1, 1, 1, 1, 1, 1};
    struct perf p;
    char *cause = NULL;
    int y;

    (void)state;
    for (y = 0; y < 6; y++)
        office(&ys[y], 2020 + y, 100000 + 10000 * y);
    assert_int_equal(perf_build(forms, ys, 5, complete, &plan, 2024, LANG_ZH, &p, &cause), ERR_OK);
    assert_int_equal(p.base.nyears, 3);
    assert_int_equal(p.base.years[0], 2021);
    assert_int_equal(p.base.years[2], 2023);
    assert_int_equal(p.base.factor_year, 2021);
    assert_null(p.base.note);
    perf_free(&p);
    /* a year is added: the base moves */
    assert_int_equal(perf_build(forms, ys, 6, complete, &plan, 2025, LANG_ZH, &p, &cause), ERR_OK);
    assert_int_equal(p.base.years[0], 2022);
    assert_int_equal(p.base.years[2], 2024);
    perf_free(&p);
    /* 2023 incomplete: 2020, 2021, 2022 for 2024 */
    complete[3] = 0;
    assert_int_equal(perf_build(forms, ys, 5, complete, &plan, 2024, LANG_ZH, &p, &cause), ERR_OK);
    assert_int_equal(p.base.years[0], 2020);
    assert_int_equal(p.base.years[2], 2022);
    perf_free(&p);
    /* 2021 incomplete as well: 2019 is not there, so 2020, 2022 and nothing more */
    complete[1] = 0;
    assert_int_equal(perf_build(forms, ys, 5, complete, &plan, 2024, LANG_ZH, &p, &cause), ERR_OK);
    assert_false(p.base.ok);
    assert_non_null(strstr(p.base.missing, "只有 2 个"));
    perf_free(&p);
    /* 2022 incomplete instead of 2021: 2020, 2021, 2023 are not consecutive */
    complete[1] = 1;
    complete[2] = 0;
    complete[3] = 1;
    assert_int_equal(perf_build(forms, ys, 5, complete, &plan, 2024, LANG_ZH, &p, &cause), ERR_OK);
    assert_true(p.base.ok);
    assert_int_equal(p.base.years[1], 2021);
    assert_int_equal(p.base.years[2], 2023);
    assert_non_null(p.base.note);
    perf_free(&p);
    plan_free(&plan);
    years_free(ys, 6);
}

/*
 * A target of −10 % per floor area from 2022 to 2025: r = 1 − 0.9^(1/3) = 3.4510 %. Base 26.83
 * kgCO₂e/m²; milestone 2023 = 26.83 × 0.965490 = 25.9041; 2023 is 29.183: off track by 3.2789;
 * the target 26.83 × 0.9 = 24.147 needs 1 − (24.147 / 29.183)^(1/2) = 9.0366 % a year from 2023.
 */
static void
test_target_progress(void **state)
{
    struct wb_year ys[2];
    struct wb_plan plan = plan_with("2022");
    struct perf p;
    const struct perf_target *t;
    const struct perf_step *s;
    char *cause = NULL;

    (void)state;
    office(&ys[0], 2022, 100000);
    office(&ys[1], 2023, 110000);
    add_target(&plan, PARAM_INTENSITY, NULL, 2025, TARGET_REDUCTION, 10);
    assert_int_equal(perf_build(forms, ys, 2, NULL, &plan, 2023, LANG_ZH, &p, &cause), ERR_OK);
    assert_int_equal(p.ntargets, 1);
    t = &p.targets[0];
    assert_true(t->ok);
    assert_int_equal(t->base_year, 2022);
    near(t->annual_pct, 3.4510, 0.0001);
    near(t->target_value.v, 24.147, 1e-9);
    assert_int_equal(t->nsteps, 4);            /* 2022 … 2025 */
    s = &t->steps[1];
    assert_int_equal(s->year, 2023);
    near(s->milestone.v, 25.9041, 0.0001);
    near(s->actual.v, 29.183, 1e-9);
    assert_false(s->on_track);
    near(s->gap.v, 3.2789, 0.0001);
    near(s->needed_pct.v, 9.0366, 0.0001);
    /* 2024, 2025: milestones only, no actual */
    assert_false(t->steps[2].actual.ok);
    near(t->steps[3].milestone.v, 24.147, 1e-9);
    perf_free(&p);
    plan_free(&plan);
    years_free(ys, 2);
}

/* A rate of 4.2 % a year from 2022 to 2030 (8 years): R = 1 − 0.958⁸ = 1 − 0.709454 = 29.0546 %. */
static void
test_target_rate(void **state)
{
    struct wb_year ys[1];
    struct wb_plan plan = plan_with("2022");
    struct wb_target *pre = NULL;
    struct perf p;
    size_t n = 0;
    char *cause = NULL;

    (void)state;
    office(&ys[0], 2022, 100000);
    assert_int_equal(plan_preset("1.5c", 2030, LANG_ZH, &pre, &n, &cause), ERR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(pre[0].param, PARAM_TOTAL);
    assert_int_equal(pre[0].kind, TARGET_RATE);
    near(pre[0].value, 4.2, 1e-12);
    plan.targets = pre;
    plan.ntargets = n;
    assert_int_equal(perf_build(forms, ys, 1, NULL, &plan, 2022, LANG_ZH, &p, &cause), ERR_OK);
    assert_true(p.targets[0].ok);
    near(p.targets[0].reduction_pct, 29.0546, 0.0001);
    /* 53.66 × 0.709454 = 38.0693 */
    near(p.targets[0].target_value.v, 38.0693, 0.0001);
    perf_free(&p);
    plan_free(&plan);
    years_free(ys, 1);
}

/*
 * Boundaries: a target year equal to the base year; a base year the workbook lacks (the national
 * preset's 2020 in a workbook of 2022-2023), which says what is missing rather than a number; a
 * base year without floor area; no base at all.
 */
static void
test_boundaries(void **state)
{
    struct wb_year ys[2];
    struct wb_plan plan = plan_with("2022");
    struct wb_target *pre = NULL;
    struct perf p;
    size_t n = 0, i;
    char *cause = NULL;

    (void)state;
    office(&ys[0], 2022, 100000);
    office(&ys[1], 2023, 110000);
    add_target(&plan, PARAM_TOTAL, NULL, 2022, TARGET_RATE, 4);
    assert_int_equal(plan_preset("national-2025", 0, LANG_ZH, &pre, &n, &cause), ERR_OK);
    assert_int_equal(n, 3);
    for (i = 0; i < n; i++) {
        plan.targets = xrealloc(plan.targets, (plan.ntargets + 1) * sizeof *plan.targets);
        plan.targets[plan.ntargets++] = pre[i];
    }
    free(pre);
    assert_int_equal(perf_build(forms, ys, 2, NULL, &plan, 2023, LANG_ZH, &p, &cause), ERR_OK);
    assert_false(p.targets[0].ok);
    assert_string_equal(p.targets[0].missing, "目标年（2022）须晚于基准年（2022）");
    assert_int_equal(p.targets[1].def.param, PARAM_INTENSITY);
    near(p.targets[1].def.value, 7, 1e-12);
    assert_false(p.targets[1].ok);
    assert_string_equal(p.targets[1].missing, "工作簿中没有基准期的 2020 年");
    assert_int_equal(p.targets[2].def.param, PARAM_ENERGY_INTENSITY);
    near(p.targets[2].def.value, 5, 1e-12);
    /* the coal cap needs no base: 0 % coal is on track in every year */
    assert_int_equal(p.targets[3].def.kind, TARGET_CAP);
    assert_true(p.targets[3].ok);
    near(p.targets[3].steps[0].milestone.v, 13, 1e-12);
    near(p.targets[3].steps[0].actual.v, 0, 1e-12);
    assert_true(p.targets[3].steps[0].on_track);
    perf_free(&p);
    plan_free(&plan);
    /* a base year without floor area: per-area targets say so */
    plan = plan_with("2022");
    add_target(&plan, PARAM_INTENSITY, NULL, 2025, TARGET_REDUCTION, 7);
    free(ys[0].info[0].value);
    ys[0].info[0].value = xstrdup("");
    assert_int_equal(perf_build(forms, ys, 2, NULL, &plan, 2023, LANG_ZH, &p, &cause), ERR_OK);
    assert_false(p.targets[0].ok);
    assert_string_equal(p.targets[0].missing, "基准期的 2022 年缺少建筑面积");
    assert_false(p.base.rep[PK_INTENSITY].ok);
    assert_true(p.base.rep[PK_TOTAL].ok);
    perf_free(&p);
    plan_free(&plan);
    /* a base year the workbook lacks restates nothing: no factor year, no like for like */
    plan = plan_with("2030");
    assert_int_equal(perf_build(forms, ys, 2, NULL, &plan, 2023, LANG_ZH, &p, &cause), ERR_OK);
    assert_true(p.base.set);
    assert_false(p.base.ok);
    assert_int_equal(p.base.factor_year, 0);
    assert_string_equal(p.base.missing, "工作簿中没有基准期的 2030 年");
    assert_false(perf_cur(&p)->lfl[PK_TOTAL].ok);
    assert_false(perf_cur(&p)->base_pct[PK_TOTAL].ok);
    perf_free(&p);
    plan_free(&plan);
    /* no base: no like-for-like figures, and targets say a base is needed */
    plan = plan_with(NULL);
    add_target(&plan, PARAM_TOTAL, NULL, 2025, TARGET_REDUCTION, 7);
    assert_int_equal(perf_build(forms, ys, 2, NULL, &plan, 2023, LANG_EN, &p, &cause), ERR_OK);
    assert_false(p.base.set);
    assert_false(perf_cur(&p)->lfl[PK_TOTAL].ok);
    assert_false(perf_cur(&p)->has_effects);
    assert_string_equal(p.targets[0].missing, "no base period is set (tanbook set --base)");
    perf_free(&p);
    plan_free(&plan);
    years_free(ys, 2);
}

/*
 * Coal: 10 t of raw coal × 0.7143 kgce/kg = 7.143 tce beside 100 000 kWh × 0.1229 = 12.29 tce:
 * 7.143 / 19.433 = 36.757 % of energy use, over the 13 % cap. Degree-days: 1200 HDD and 300 CDD;
 * electricity 53.66 t over 1500 ℃·d = 35.773 kgCO₂e/(℃·d).
 */
static void
test_coal_and_degree_days(void **state)
{
    struct wb_year ys[1];
    struct wb_plan plan = plan_with(NULL);
    struct perf p;
    char *cause = NULL;

    (void)state;
    office(&ys[0], 2022, 100000);
    year_act(&ys[0], "raw_coal", "锅炉", "2022", 10, "t");
    year_info(&ys[0], "hdd", "1200");
    year_info(&ys[0], "cdd", "300");
    add_target(&plan, PARAM_COAL_SHARE, NULL, 2025, TARGET_CAP, 13);
    assert_int_equal(perf_build(forms, ys, 1, NULL, &plan, 2022, LANG_ZH, &p, &cause), ERR_OK);
    near(perf_cur(&p)->rep[PK_COAL_SHARE].v, 7.143 / 19.433 * 100, 1e-9);
    assert_false(p.targets[0].steps[0].on_track);
    near(perf_cur(&p)->rep[PK_ELEC_PER_DD].v, 53660.0 / 1500, 1e-9);
    /* no heat bought: 0 per HDD */
    near(perf_cur(&p)->rep[PK_HEAT_PER_HDD].v, 0, 1e-12);
    perf_free(&p);
    plan_free(&plan);
    years_free(ys, 1);
}

static void
test_target_valid(void **state)
{
    static const struct {
        enum plan_param param;
        enum target_kind kind;
        double value;
        int year;
        int ok;
    } cases[] = {
        {PARAM_TOTAL, TARGET_REDUCTION, 7, 2025, 1},
        {PARAM_TOTAL, TARGET_REDUCTION, 0, 2025, 0},
        {PARAM_TOTAL, TARGET_REDUCTION, 100, 2025, 0},
        {PARAM_TOTAL, TARGET_RATE, 4.2, 2030, 1},
        {PARAM_TOTAL, TARGET_CAP, 13, 2025, 0},
        {PARAM_COAL_SHARE, TARGET_CAP, 13, 2025, 1},
        {PARAM_COAL_SHARE, TARGET_REDUCTION, 13, 2025, 0},
        {PARAM_INTENSITY, TARGET_REDUCTION, 7, 2200, 0},
        {PARAM_INTENSITY, TARGET_REDUCTION, INFINITY, 2025, 0},
    };
    size_t i;

    (void)state;
    for (i = 0; i < nitems(cases); i++) {
        struct wb_target t = {.param = cases[i].param, .kind = cases[i].kind,
                              .value = cases[i].value, .target_year = cases[i].year};
        char *cause = NULL;

        assert_int_equal(plan_target_valid(&t, LANG_ZH, &cause) == ERR_OK, cases[i].ok);
        free(cause);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formula_examples),
        cmocka_unit_test(test_base_parse),
        cmocka_unit_test(test_like_for_like_split),
        cmocka_unit_test(test_average_base),
        cmocka_unit_test(test_moving_base),
        cmocka_unit_test(test_target_progress),
        cmocka_unit_test(test_target_rate),
        cmocka_unit_test(test_boundaries),
        cmocka_unit_test(test_coal_and_degree_days),
        cmocka_unit_test(test_target_valid),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
