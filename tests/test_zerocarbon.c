/*
 * test_zerocarbon.c - the 零碳机关评价 (000 §6): the built-in table (41 rows, 100 points, the
 * standard's names and rules), the boundary values of every stepped rule, the percentage-point and
 * relative-per-cent readings, the veto, a provisional grade, a full evaluation worked out by hand,
 * the assessor's points refused off their steps, and the loader's "FILE:LINE: reason" for broken
 * copies of the files. Every expected score has its hand calculation beside it.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/embed.h"
#include "base/xmem.h"
#include "core/zerocarbon.h"
#include "data/zc.h"
#include "cjk_fixture.h"

#define near(got, want, tol) near_at((got), (want), (tol), __FILE__, __LINE__)

static void
near_at(double got, double want, double tol, const char *file, int line)
{
    if (!(fabs(got - want) <= tol)) {
        print_error("%.12g != %.12g (± %g)\n", got, want, tol);
        _fail(file, line);
    }
}

static int
setup(void **state)
{
    struct zc_defs *defs = NULL;
    char *cause = NULL;

    if (zc_load(&defs, &cause) != ERR_OK) {
        print_error("zc_load: %s\n", cause != NULL ? cause : "?");
        free(cause);
        return -1;
    }
    *state = defs;
    return 0;
}

static int
teardown(void **state)
{
    zc_free(*state);
    return 0;
}

/* The item of res with code. */
static const struct zc_item *
item(const struct zc_result *res, const char *code)
{
    size_t i;

    for (i = 0; i < res->n; i++)
        if (strcmp(res->items[i].def->code, code) == 0)
            return &res->items[i];
    fail_msg("no item %s", code);
    return NULL;
}

/* §6.4's table as printed: 41 third-level rows in 17 second-level and 6 first-level indicators,
   100 points (25 + 20 + 15 + 10 + 10 + 20); 8 computed, 16 entered percentages, 17 assessed. */
static void
test_table(void **state)
{
    const struct zc_defs *defs = *state;
    size_t i, how[3] = {0};
    double sum = 0;
    const struct zc_def *d;

    assert_int_equal(defs->n, 41);
    assert_int_equal(defs->nlevel2, 17);
    assert_int_equal(defs->nlevel1, 6);
    near(defs->total, 100, 1e-9);
    for (i = 0; i < defs->n; i++) {
        sum += defs->v[i].max;
        how[defs->v[i].how]++;
        assert_false(has_cjk(defs->v[i].name_en));
        assert_false(has_cjk(defs->v[i].rule_en));
        assert_false(has_cjk(defs->v[i].level1_en));
        assert_false(has_cjk(defs->v[i].level2_en));
    }
    near(sum, 100, 1e-9);
    assert_int_equal(how[ZC_COMPUTED], 8);
    assert_int_equal(how[ZC_ENTERED], 16);
    assert_int_equal(how[ZC_ASSESSOR], 17);

    d = zc_find(defs, "1.1.2");
    assert_non_null(d);
    assert_string_equal(d->name_zh, "单位建筑面积碳排放强度(kgCO₂e/m²)");
    assert_string_equal(d->rule_zh, "目标年较创建起始年降低 10%得 3 分，降低 20%以上得 5 分");
    assert_string_equal(d->level1_zh, "碳排放管理");
    near(d->level1_max, 25, 0);
    assert_string_equal(d->level2_code, "1.1");
    assert_string_equal(d->level2_zh, "碳排放底数");
    near(d->level2_max, 12, 0);
    assert_string_equal(zc_attribute(d, LANG_ZH), "约束性");
    /* 2.1.1's full points are 6 in the table, as its rule's "最高 6 分" */
    d = zc_find(defs, "2.1.1");
    near(d->max, 6, 0);
    assert_string_equal(d->rule_zh, "达到规划要求定额标准得 4 分，每降低 5%加 1 分，最高 6 分");
    d = zc_find(defs, "6.3.3");
    assert_string_equal(d->name_zh, "最佳实践案例贡献");
    assert_string_equal(zc_attribute(d, LANG_ZH), "预期性");
    assert_string_equal(zc_level2(d, LANG_ZH), "创新与改进");
    assert_null(zc_find(defs, "6.3.4"));

    assert_int_equal(defs->ngrades, 5);
    assert_string_equal(defs->grades[0].grade_zh, "零碳引领机关");
    assert_string_equal(defs->grades[0].desc_zh, "零碳建设成效显著，具有行业引领示范作用");
    assert_string_equal(defs->grades[4].grade_zh, "待改进机关");
    assert_string_equal(defs->grades[4].range_zh, "60 分以下");
}

/* The grades by their lower bounds: a total between two bands (89.5) takes the lower one. */
static void
test_grades(void **state)
{
    static const struct {
        double total;
        const char *grade;
    } cases[] = {
        {100, "零碳引领机关"}, {90, "零碳引领机关"}, {89.5, "零碳先进机关"}, {80, "零碳先进机关"},
        {79.9, "零碳达标机关"}, {70, "零碳达标机关"}, {69, "零碳培育机关"}, {60, "零碳培育机关"},
        {59.9, "待改进机关"}, {0, "待改进机关"},
    };
    size_t i;

    for (i = 0; i < nitems(cases); i++)
        assert_string_equal(zc_grade_for(*state, cases[i].total)->grade_zh, cases[i].grade);
}

/* A figure for input set in f (for ZI_CARBON_PER_AREA this year's, against 100 in 2020; for
   ZI_WATER_PER_AREA this year's, against ref the year before). */
static void
set_fact(struct zc_facts *f, enum zc_input in, double v, double ref)
{
    f->year = 2024;
    switch (in) {
    case ZI_CARBON_PER_AREA:
        f->has_carbon_per_area = f->has_base_carbon_per_area = 1;
        f->carbon_per_area = v, f->base_carbon_per_area = 100, f->base_year = 2020;
        break;
    case ZI_CARBON_PER_CAPITA:
        f->has_carbon_per_capita = 1, f->carbon_per_capita = v;
        break;
    case ZI_TARGET_ACHIEVEMENT:
        f->has_target_achievement = 1, f->target_achievement = v;
        break;
    case ZI_ENERGY_PER_AREA:
        f->has_energy_per_area = 1, f->energy_per_area = v;
        break;
    case ZI_RENEWABLE_SHARE:
        f->has_renewable_share = 1, f->renewable_share = v;
        break;
    case ZI_RENEWABLE_KW:
        f->has_renewable_kw = 1, f->renewable_kw = v;
        break;
    case ZI_WATER_PER_AREA:
        f->has_water_per_area = f->has_last_water_per_area = 1;
        f->water_per_area = v, f->last_water_per_area = ref;
        break;
    default:
        fail_msg("no fact for input %d", (int)in);
    }
}

/*
 * Every stepped rule at its edges. fig is the figure (the workbook's, or the entered percentage
 * for an entered item); ref the entered reference (1.1.3, 2.1.1) or the year before (4.2.3).
 */
static void
test_boundaries(void **state)
{
    static const struct {
        const char *code;
        double fig, ref, want;
    } cases[] = {
        /* 1.1.2 against 100 kgCO₂e/m² in 2020: ≥ 10 % lower → 3, ≥ 20 % → 5 */
        {"1.1.2", 90.01, 0, 0},     /* 9.99 % lower */
        {"1.1.2", 90, 0, 3},        /* 10 % */
        {"1.1.2", 80.01, 0, 3},     /* 19.99 % */
        {"1.1.2", 80, 0, 5},        /* 20 % */
        {"1.1.2", 60, 0, 5},        /* 40 % */
        {"1.1.2", 110, 0, 0},       /* 10 % higher */
        /* 1.1.3 against a sector average of 1.0 tCO₂e/人: 2, −0.5 per started 10 % above */
        {"1.1.3", 0.9, 1.0, 2},     /* below */
        {"1.1.3", 1.0, 1.0, 2},     /* at the average: nothing above it */
        {"1.1.3", 1.1, 1.0, 1.5},   /* 10 % above: 1 step, 2 − 0.5 */
        {"1.1.3", 1.1001, 1.0, 1},  /* 10.01 % above: 2 started steps, 2 − 1 */
        {"1.1.3", 1.25, 1.0, 0.5},  /* 25 % above: 3 started steps, 2 − 1.5 */
        {"1.1.3", 1.5, 1.0, 0},     /* 50 %: 5 steps, −0.5 → 0 */
        /* 1.3.2: 100 % → 4, −1 per started 5 points short */
        {"1.3.2", 100, 0, 4}, {"1.3.2", 120, 0, 4},
        {"1.3.2", 95, 0, 3},        /* 5 short: 1 step */
        {"1.3.2", 94.9, 0, 2},      /* 5.1 short: 2 steps */
        {"1.3.2", 80, 0, 0},        /* 20 short: 4 steps */
        /* 2.1.1 against a quota of 50 kgce/m²: at it 4, +1 per full 5 % below, at most 6 */
        {"2.1.1", 50, 50, 4},
        {"2.1.1", 48, 50, 4},       /* 4 % below: no full step */
        {"2.1.1", 47.5, 50, 5},     /* 5 % below */
        {"2.1.1", 45, 50, 6},       /* 10 % below: 4 + 2 */
        {"2.1.1", 37.5, 50, 6},     /* 25 % below: 4 + 5 = 9, at most 6 */
        {"2.1.1", 50.5, 50, 0},     /* 1 % above the quota: not met */
        /* 2.2.1: ≥ 50 % → 3, −0.5 per started 5 points below */
        {"2.2.1", 60, 0, 3}, {"2.2.1", 50, 0, 3},
        {"2.2.1", 45, 0, 2.5},      /* 5 below: 1 step */
        {"2.2.1", 44.9, 0, 2},      /* 5.1 below: 2 steps */
        {"2.2.1", 30, 0, 1},        /* 20 below: 4 steps */
        {"2.2.1", 20, 0, 0},        /* 30 below: 6 steps, −3 → 0 */
        /* 2.2.2: 0.5 per full 10 kW, at most 2 */
        {"2.2.2", 0, 0, 0}, {"2.2.2", 9, 0, 0}, {"2.2.2", 10, 0, 0.5}, {"2.2.2", 25, 0, 1},
        {"2.2.2", 40, 0, 2}, {"2.2.2", 45, 0, 2}, {"2.2.2", 500, 0, 2},
        /* 4.2.3: lower than the year before → 1 */
        {"4.2.3", 0.8, 0.9, 1}, {"4.2.3", 0.9, 0.9, 0}, {"4.2.3", 1.0, 0.9, 0},
        /* entered percentages, in points below the full mark */
        {"5.1.2", 100, 0, 3},
        {"5.1.2", 95, 0, 2.5},      /* 5 below 100, steps of 10: 1 started */
        {"5.1.2", 90, 0, 2.5},
        {"5.1.2", 89.9, 0, 2},
        {"6.2.1", 90, 0, 3},
        {"6.2.1", 79.99, 0, 2},     /* 10.01 below: 2 steps */
        {"5.1.3", 0, 0, 0.1},       /* 30 below: 3 steps of 0.3, 1 − 0.9 */
        {"4.1.3", 0, 0, 0},         /* 60 below: 6 steps of 0.2 = 1.2 → 0 */
        {"4.1.1", 85, 0, 1.5},      /* 5 below 90, steps of 5 */
        {"4.2.2", 24, 0, 0.6},      /* 6 below 30, steps of 5: 2 started, 1 − 0.4 */
    };
    const struct zc_defs *defs = *state;
    size_t i;

    for (i = 0; i < nitems(cases); i++) {
        const struct zc_def *d = zc_find(defs, cases[i].code);
        struct zc_facts f = {0};
        struct eval_entry en = {.code = cases[i].code, .note = "", .evidence = "", .assessor = ""};
        struct zc_result res;
        const struct zc_item *it;

        assert_non_null(d);
        if (d->how == ZC_ENTERED) {
            en.has_value = 1, en.value = cases[i].fig;
        } else {
            set_fact(&f, d->input, cases[i].fig, cases[i].ref);
            en.has_value = d->rule.ref_entry, en.value = cases[i].ref;
        }
        zc_score(defs, &f, &en, 1, LANG_ZH, &res);
        it = item(&res, cases[i].code);
        if (!it->scored || fabs(it->score - cases[i].want) > 1e-9)
            fail_msg("%s at %g (ref %g): %s %g, want %g (%s)", cases[i].code, cases[i].fig,
                     cases[i].ref, it->scored ? "scored" : "unscored", it->score, cases[i].want,
                     it->inputs);
        zc_result_free(&res);
    }
}

/*
 * The two readings of "每低 X %": 2.2.1 is a percentage, so 45 % is 5 percentage points below 50:
 * one step, 2.5 (read as per cent of 50 it would be 10 %, two steps, 2). 2.1.1 is a quantity
 * against its quota, so 45 kgce/m² against 50 is 10 % below: two steps, 4 + 2 = 6 (read as 5
 * points it would be one, 5). 1.1.3 at 1.05 against 1.0 is 5 % above: one started step, 1.5.
 */
static void
test_readings(void **state)
{
    const struct zc_defs *defs = *state;
    struct zc_facts f = {.year = 2024};
    struct eval_entry en[] = {
        {.code = "2.1.1", .has_value = 1, .value = 50, .evidence = "", .note = "", .assessor = ""},
        {.code = "1.1.3", .has_value = 1, .value = 1.0, .evidence = "", .note = "", .assessor = ""},
    };
    struct zc_result res;

    set_fact(&f, ZI_RENEWABLE_SHARE, 45, 0);
    set_fact(&f, ZI_ENERGY_PER_AREA, 45, 0);
    set_fact(&f, ZI_CARBON_PER_CAPITA, 1.05, 0);
    zc_score(defs, &f, en, nitems(en), LANG_ZH, &res);
    near(item(&res, "2.2.1")->score, 2.5, 1e-9);
    near(item(&res, "2.1.1")->score, 6, 1e-9);
    assert_string_equal(item(&res, "2.1.1")->inputs, "本年 45 kgce/m²，定额标准 50，低 10 %");
    near(item(&res, "1.1.3")->score, 1.5, 1e-9);
    assert_string_equal(item(&res, "1.1.3")->inputs, "本年 1.05 tCO₂e/人，行业平均水平 1，高 5 %");
    assert_non_null(strstr(res.reading, "百分点"));
    assert_non_null(strstr(zc_reading(LANG_EN), "percentage points"));
    zc_result_free(&res);
}

/* Every entry the full case below makes: computed items' references, percentages, points. */
static const struct {
    const char *code;
    double value;
} full_entries[] = {
    {"1.1.3", 1.20}, {"2.1.1", 50},
    /* entered percentages → points (full mark, step, deduction per started step) */
    {"2.1.2", 85},  /* 100/10/1: 15 short, 2 steps → 2 */
    {"2.1.3", 80},  /* → 2 */
    {"3.1.2", 35},  /* 50/10/0.5: 15 short, 2 → 2 */
    {"3.2.1", 70},  /* → 3 */
    {"3.2.2", 65},  /* 70/10/0.5: 1 → 1.5 */
    {"4.1.1", 100}, /* → 2 */
    {"4.1.2", 50},  /* → 2 */
    {"4.1.3", 45},  /* 60/10/0.2: 2 → 0.6 */
    {"4.2.1", 90},  /* 100/5/0.5: 2 → 1 */
    {"4.2.2", 20},  /* 30/5/0.2: 2 → 0.6 */
    {"4.3.1", 60},  /* → 1 */
    {"5.1.1", 40},  /* 60/10/0.5: 2 → 2 */
    {"5.1.2", 95},  /* 100/10/0.5: 1 → 2.5 */
    {"5.1.3", 10},  /* 30/10/0.3: 2 → 0.4 */
    {"6.2.1", 92},  /* → 3 */
    {"6.2.3", 75},  /* 80/10/0.5: 1 → 1.5 */
    /* the assessor's points */
    {"1.2.1", 2.5}, {"1.2.2", 2}, {"1.3.1", 3.5}, {"2.3.1", 1}, {"2.3.2", 2}, {"3.1.1", 2.5},
    {"3.1.3", 2}, {"3.3.1", 2}, {"5.2.1", 2}, {"5.2.2", 0}, {"6.1.1", 3}, {"6.1.2", 3},
    {"6.1.3", 2}, {"6.2.2", 2}, {"6.3.1", 0}, {"6.3.2", 2}, {"6.3.3", 1},
};

/* The full case's workbook figures. */
static struct zc_facts
full_facts(void)
{
    struct zc_facts f = {.year = 2024, .has_check = 1, .check_passes = 1};

    f.has_carbon_per_area = f.has_base_carbon_per_area = 1;
    f.carbon_per_area = 32.1, f.base_carbon_per_area = 41.0, f.base_year = 2022;
    set_fact(&f, ZI_CARBON_PER_CAPITA, 1.32, 0);
    set_fact(&f, ZI_TARGET_ACHIEVEMENT, 95, 0);
    set_fact(&f, ZI_ENERGY_PER_AREA, 42, 0);
    set_fact(&f, ZI_RENEWABLE_SHARE, 32, 0);
    set_fact(&f, ZI_RENEWABLE_KW, 25, 0);
    set_fact(&f, ZI_WATER_PER_AREA, 0.85, 0.9);
    return f;
}

/* The entries of full_entries, all of them (n = nitems) or the first n, into en. */
static size_t
full_entry_array(struct eval_entry *en, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        en[i] = (struct eval_entry){.code = full_entries[i].code, .has_value = 1,
                                    .value = full_entries[i].value, .note = "文件审查",
                                    .evidence = "EV-1", .assessor = "王"};
    return n;
}

/*
 * Every computable item computed, the rest entered:
 *   computed  1.1.1 5 (passes) + 1.1.2 5 (32.1 against 41.0 in 2022: 21.71 % lower)
 *             + 1.1.3 1.5 (1.32 against 1.20: 10 % above, 1 step) + 1.3.2 3 (95 %: 1 step)
 *             + 2.1.1 6 (42 against 50: 16 % below, 3 full steps, 4 + 3 = 7 → 6)
 *             + 2.2.1 1 (32 %: 18 below, 4 steps, 3 − 2) + 2.2.2 1 (25 kW: 2 × 0.5)
 *             + 4.2.3 1 (0.85 < 0.9)                                            = 23.5
 *   entered   2 + 2 + 2 + 3 + 1.5 + 2 + 2 + 0.6 + 1 + 0.6 + 1 + 2 + 2.5 + 0.4 + 3 + 1.5 = 27.1
 *   assessor  2.5 + 2 + 3.5 + 1 + 2 + 2.5 + 2 + 2 + 2 + 0 + 3 + 3 + 2 + 2 + 0 + 2 + 1 = 32.5
 *   total 83.1: 零碳先进机关 (80-89), final.
 */
static void
test_full(void **state)
{
    const struct zc_defs *defs = *state;
    struct zc_facts f = full_facts();
    struct eval_entry en[nitems(full_entries)];
    struct zc_result res;
    size_t i;
    double computed = 0;

    zc_score(defs, &f, en, full_entry_array(en, nitems(full_entries)), LANG_ZH, &res);
    assert_int_equal(res.nunscored, 0);
    assert_false(res.provisional);
    assert_false(res.veto);
    for (i = 0; i < res.n; i++)
        if (res.items[i].how == ZC_COMPUTED)
            computed += res.items[i].score;
    near(computed, 23.5, 1e-9);
    near(item(&res, "1.1.2")->score, 5, 1e-9);
    assert_string_equal(item(&res, "1.1.2")->inputs, "本年 32.1 kgCO₂e/m²，较 2022 年 41 降低 21.71 %");
    near(item(&res, "2.1.1")->score, 6, 1e-9);
    near(item(&res, "5.1.3")->score, 0.4, 1e-9);
    assert_string_equal(item(&res, "5.1.3")->inputs, "录入 10 %");
    assert_string_equal(item(&res, "5.1.3")->evidence, "EV-1");
    assert_string_equal(item(&res, "3.1.1")->assessor, "王");
    assert_string_equal(item(&res, "3.1.1")->note, "文件审查");
    near(res.total, 83.1, 1e-9);
    near(res.scored_max, 100, 1e-9);
    assert_string_equal(res.grade->grade_zh, "零碳先进机关");
    assert_non_null(strstr(res.table_note, "42 个三级指标"));
    assert_non_null(strstr(res.table_note, "列出 41 个三级指标、17 个二级指标"));
    zc_result_free(&res);

    /* the same in English: the grade's English name, English working */
    zc_score(defs, &f, en, nitems(en), LANG_EN, &res);
    assert_string_equal(zc_grade_name(res.grade, LANG_EN), "Zero-carbon advanced office");
    assert_string_equal(item(&res, "1.1.2")->inputs,
                        "this year 32.1 kgCO₂e/m², against 2022's 41: lower by 21.71 %");
    for (i = 0; i < res.n; i++)
        if (has_cjk(res.items[i].inputs))
            fail_msg("%s: “%s”", res.items[i].def->code, res.items[i].inputs);
    assert_false(has_cjk(res.table_note));
    assert_false(has_cjk(res.reading));
    zc_result_free(&res);
}

/* 1.1.1 fails: every other item as in the full case (83.1 − 5 = 78.1), yet 待改进机关. */
static void
test_veto(void **state)
{
    struct zc_facts f = full_facts();
    struct eval_entry en[nitems(full_entries)];
    struct zc_result res;

    f.check_passes = 0, f.check_errors = 3;
    zc_score(*state, &f, en, full_entry_array(en, nitems(full_entries)), LANG_ZH, &res);
    assert_true(res.veto);
    assert_false(res.provisional);
    near(item(&res, "1.1.1")->score, 0, 0);
    assert_string_equal(item(&res, "1.1.1")->inputs, "本年核算未通过检查（3 项错误）：一票否决");
    near(res.total, 78.1, 1e-9);
    assert_string_equal(res.grade->grade_zh, "待改进机关");
    zc_result_free(&res);
}

/*
 * Only the workbook's figures and the two references (the first two entries): the 16 entered and
 * 17 assessed items are unscored, the total is the computed 23.5 of 28, and the grade
 * (待改进机关 for now) is provisional. Without check, 1.1.1 is unscored too, and not a veto.
 */
static void
test_provisional(void **state)
{
    struct zc_facts f = full_facts();
    struct eval_entry en[2];
    struct zc_result res;

    zc_score(*state, &f, en, full_entry_array(en, 2), LANG_ZH, &res);
    assert_true(res.provisional);
    assert_int_equal(res.nunscored, 33);
    assert_string_equal(res.unscored[0], "1.2.1");
    assert_string_equal(res.unscored[32], "6.3.3");
    near(res.total, 23.5, 1e-9);
    near(res.scored_max, 28, 1e-9);    /* 5 + 5 + 2 + 4 + 6 + 3 + 2 + 1 */
    assert_string_equal(res.grade->grade_zh, "待改进机关");
    assert_string_equal(item(&res, "1.2.1")->inputs, "待评审打分（得分 0–3（步长 0.5））");
    assert_string_equal(item(&res, "5.1.2")->inputs, "待录入百分比（%）");
    zc_result_free(&res);

    f.has_check = 0;
    f.has_renewable_kw = 0;
    zc_score(*state, &f, NULL, 0, LANG_ZH, &res);
    assert_false(res.veto);
    assert_false(item(&res, "1.1.1")->scored);
    assert_string_equal(item(&res, "1.1.3")->inputs, "待录入行业平均水平（tCO₂e/人）");
    assert_string_equal(item(&res, "2.2.2")->inputs, "工作簿中没有此数据，待录入装机容量（kW）");
    zc_result_free(&res);
}

/* A figure the workbook lacks may be entered: 2.2.2 with 30 kW entered scores 1.5, as entered. */
static void
test_figure_entered(void **state)
{
    struct zc_facts f = {.year = 2024};
    struct eval_entry en = {.code = "2.2.2", .has_value = 1, .value = 30, .note = "现场检查",
                            .evidence = "", .assessor = ""};
    struct zc_result res;

    zc_score(*state, &f, &en, 1, LANG_ZH, &res);
    near(item(&res, "2.2.2")->score, 1.5, 1e-9);   /* 3 full 10 kW × 0.5 */
    assert_int_equal(item(&res, "2.2.2")->how, ZC_ENTERED);
    assert_string_equal(item(&res, "2.2.2")->inputs, "录入 30 kW");
    zc_result_free(&res);
}

/* What may be entered: points on the rule's steps, percentages 0 … 100, references above 0. */
static void
test_entry_valid(void **state)
{
    static const struct {
        const char *code;
        double value;
        const char *cause;   /* NULL: accepted */
    } cases[] = {
        {"3.1.1", 0, NULL}, {"3.1.1", 2, NULL}, {"3.1.1", 2.5, NULL}, {"3.1.1", 3, NULL},
        {"3.1.1", 1, "1 分不是 3.1.1 的评分档位：只能给 0、2、2.5、3 分"},
        {"3.1.1", 2.7, "2.7 分不是 3.1.1 的评分档位"},
        {"6.1.1", 1.5, "只能给 0、3 分"},
        {"1.2.1", 2.5, NULL}, {"1.2.1", 0, NULL}, {"1.2.1", 3, NULL},
        {"1.2.1", 2.3, "2.3 分不可用：1.2.1 的得分须在 0 到 3 之间，步长 0.5"},
        {"1.2.1", 3.5, "3.5 分不可用"}, {"1.2.1", -0.5, "-0.5 分不可用"},
        {"5.1.2", 0, NULL}, {"5.1.2", 100, NULL},
        {"5.1.2", 100.5, "5.1.2 的数值 100.5 超出范围（0–100 %）"}, {"5.1.2", -1, "超出范围"},
        {"1.1.3", 1.2, NULL}, {"1.1.3", 0, "参照值 0 须大于 0"}, {"2.1.1", -3, "须大于 0"},
        {"1.1.2", 20, "1.1.2 由工作簿的数据计算，不录入数值"}, {"1.1.1", 1, "不录入数值"},
        {"2.2.2", 500, NULL}, {"2.2.2", -1, "不小于 0"}, {"1.3.2", 105, NULL},
        {"2.2.1", NAN, "不是有效的数值"},
    };
    size_t i;

    for (i = 0; i < nitems(cases); i++) {
        char *cause = NULL;
        const struct zc_def *d = zc_find(*state, cases[i].code);
        enum err e = zc_entry_valid(d, cases[i].value, LANG_ZH, &cause);

        if (cases[i].cause == NULL) {
            if (e != ERR_OK)
                fail_msg("%s = %g refused: %s", cases[i].code, cases[i].value, cause);
            continue;
        }
        if (e != ERR_INPUT || cause == NULL || strstr(cause, cases[i].cause) == NULL)
            fail_msg("%s = %g: “%s”, want “%s”", cases[i].code, cases[i].value,
                     cause != NULL ? cause : "(accepted)", cases[i].cause);
        free(cause);
    }
}

/* An off-step score that reached the entries anyway leaves its item unscored with the reason. */
static void
test_bad_entry_unscored(void **state)
{
    struct eval_entry en[] = {
        {.code = "3.1.1", .has_value = 1, .value = 1, .note = "", .evidence = "", .assessor = ""},
        {.code = "9.9.9", .has_value = 1, .value = 1, .note = "", .evidence = "", .assessor = ""},
        {.code = "6.3.3", .has_value = 1, .value = 0, .note = "", .evidence = "", .assessor = ""},
        {.code = "6.3.3", .has_value = 1, .value = 1, .note = "", .evidence = "", .assessor = ""},
    };
    struct zc_result res;

    zc_score(*state, NULL, en, nitems(en), LANG_EN, &res);
    assert_false(item(&res, "3.1.1")->scored);
    assert_string_equal(item(&res, "3.1.1")->inputs,
                        "1 points is not a step of 3.1.1: only 0, 2, 2.5, 3");
    near(item(&res, "6.3.3")->score, 1, 0);     /* the later entry counts */
    near(res.total, 1, 1e-9);
    zc_result_free(&res);
}

/* text with the first occurrence of from, on the line starting with row, made to; caller frees. */
static char *
mutate(const char *text, const char *row, const char *from, const char *to)
{
    const char *line = text, *at;
    char *out;

    while (strncmp(line, row, strlen(row)) != 0) {
        line = strchr(line, '\n');
        if (line == NULL)
            fail_msg("no row %s", row);
        line++;
    }
    at = strstr(line, from);
    if (at == NULL || memchr(line, '\n', (size_t)(at - line)) != NULL)
        fail_msg("row %s has no “%s”", row, from);
    out = xasprintf("%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
    return out;
}

/* The 1-based line of text that starts with row. */
static int
line_of(const char *text, const char *row)
{
    int n = 1;
    const char *p = text;

    while (strncmp(p, row, strlen(row)) != 0) {
        p = strchr(p, '\n');
        assert_non_null(p);
        p++, n++;
    }
    return n;
}

#define ZF "forms/zc_indicators.tsv"
#define GF "forms/zc_grades.tsv"

/* Broken copies of the built-in files, each refused naming its file and line. */
static void
test_parse_errors(void **state)
{
    static const struct {
        const char *name, *row, *from, *to;
        const char *at_row;     /* the line the message names: this row's; NULL: the file */
        const char *cause;
        int grades;             /* the mutation is of the grades file */
    } cases[] = {
        {"unknown how", "1.2.1\t", "\tassessor\t", "\tguess\t", "1.2.1\t", "未知的评分方式 how“guess”", 0},
        {"bad number", "1.1.2\t", "\t约束性\t5\t", "\t约束性\t5x\t", "1.1.2\t",
         "max“5x”不是 0 到 100 之间的分值", 0},
        {"items over their level", "1.1.3\t", "\t预期性\t2\t", "\t预期性\t3\t", "1.1.1\t",
         "二级指标 1.1 碳排放底数 标 12 分，其三级指标合计 13 分", 0},
        {"unknown attribute", "2.2.1\t", "预期性", "参考性", "2.2.1\t", "属性“参考性”应为约束性或预期性", 0},
        {"unknown kind", "2.2.2\t", "per_unit", "per_kw", "2.2.2\t", "未知的规则类型“per_kw”", 0},
        {"unknown param", "2.2.1\t", "deduct=0.5", "minus=0.5", "2.2.1\t", "未知的参数“minus”", 0},
        {"bad param number", "2.2.1\t", "deduct=0.5", "deduct=half", "2.2.1\t",
         "参数 deduct 的值“half”无效", 0},
        {"missing param", "2.2.1\t", " deduct=0.5", "", "2.2.1\t",
         "规则 steps 的参数“full=50 per=pp step=5”不全或多余", 0},
        {"levels not up to max", "3.1.1\t", "levels=0,2,2.5,3", "levels=0,2,2.5", "3.1.1\t",
         "规则 levels：levels 的最后一档须等于分值", 0},
        {"threshold above max", "1.1.2\t", "at=20:5,10:3", "at=20:6,10:3", "1.1.2\t",
         "规则 threshold：at 的门槛须递减，得分须在 0 与分值之间", 0},
        {"code out of sequence", "1.1.3\t", "1.1.3\t", "1.1.4\t", "1.1.4\t",
         "编号“1.1.4”不接在“1.1.2”之后", 0},
        {"level name differs", "1.1.2\t", "碳排放底数", "碳排放基数", "1.1.2\t", "二级指标 1.1 的名称或分值与上一行不同", 0},
        {"unknown input", "2.2.2\t", "renewable_kw", "pv", "2.2.2\t", "未知的数据 input“pv”", 0},
        {"computed without input", "2.2.2\t", "\trenewable_kw\t", "\t-\t", "2.2.2\t",
         "计算项的数据“-”不能用规则 per_unit", 0},
        {"reference missing", "1.1.3\t", "ref=entry per=rel", "per=rel", "1.1.3\t",
         "规则 steps：steps 须为 per=pp 带 full", 0},
        {"assessor with steps", "6.2.1\t", "\tentered\t", "\tassessor\t", "6.2.1\t",
         "评审打分的项(assessor)须用 levels 或 scale", 0},
        {"grades not descending", "70\t", "70\t", "85\t", "85\t", "min“85”须在 0 到 100 之间且比上一等级低", 1},
        {"grades not from 0", "0\t", "0\t", "10\t", "10\t", "最低等级须从 0 分起", 1},
    };
    const char *zc = embed_find(ZF)->data, *gr = embed_find(GF)->data;
    size_t i;

    (void)state;
    for (i = 0; i < nitems(cases); i++) {
        char *text = mutate(cases[i].grades ? gr : zc, cases[i].row, cases[i].from, cases[i].to);
        struct zc_defs *defs = (struct zc_defs *)&cases;   /* must be reset to NULL */
        char *cause = NULL, *want;
        enum err e = zc_parse(ZF, cases[i].grades ? zc : text, GF, cases[i].grades ? text : gr,
                              &defs, &cause);

        want = xasprintf("%s:%d: %s", cases[i].grades ? GF : ZF, line_of(text, cases[i].at_row),
                         cases[i].cause);
        if (e != ERR_DATA)
            fail_msg("%s: err %d, want ERR_DATA", cases[i].name, e);
        assert_null(defs);
        if (cause == NULL || strstr(cause, want) == NULL)
            fail_msg("%s: cause “%s” lacks “%s”", cases[i].name, cause != NULL ? cause : "", want);
        free(cause);
        free(want);
        free(text);
    }
}

/* A first level that is not the sum of its second levels, and a table that is not 100 points. */
static void
test_parse_sums(void **state)
{
#define HDR "code\tlevel1\tlevel1_en\tlevel1_max\tlevel2\tlevel2_en\tlevel2_max\t" \
            "name_zh\tname_en\tattribute\tmax\trule_zh\trule_en\thow\tinput\tkind\tparams\n"
#define ROW(code, l1max, l2max, max) code "\t甲\tA\t" l1max "\t乙\tB\t" l2max "\t项\tItem\t约束性\t" \
            max "\t规则\tRule\tassessor\t-\tscale\tstep=0.5\n"
    static const char *const grades = "min\trange_zh\trange_en\tgrade_zh\tgrade_en\tdesc_zh\t"
                                      "desc_en\n"
                                      "0\t全部\tall\t唯一\tonly\t说明\tdesc\n";
    static const struct {
        const char *text, *cause;
    } cases[] = {
        {HDR ROW("1.1.1", "100", "50", "50") ROW("1.2.1", "100", "40", "40"),
         "forms/x.tsv:2: 一级指标 甲 标 100 分，其二级指标合计 90 分"},
        {HDR ROW("1.1.1", "60", "60", "60"), "forms/x.tsv: 各一级指标合计 60 分，应为 100 分"},
        {HDR, "forms/x.tsv:1: 没有评价指标"},
    };
    struct zc_defs *defs = NULL;
    char *cause = NULL;
    size_t i;
    enum err e;

    (void)state;
    /* the smallest table that loads: one item of 100 points */
    assert_int_equal(zc_parse("forms/x.tsv", HDR ROW("1.1.1", "100", "100", "100"), "forms/g.tsv",
                              grades, &defs, &cause), ERR_OK);
    assert_int_equal(defs->n, 1);
    zc_free(defs);
    for (i = 0; i < nitems(cases); i++) {
        defs = NULL, cause = NULL;
        e = zc_parse("forms/x.tsv", cases[i].text, "forms/g.tsv", grades, &defs, &cause);
        assert_int_equal(e, ERR_DATA);
        assert_null(defs);
        if (cause == NULL || strstr(cause, cases[i].cause) == NULL)
            fail_msg("cause “%s” lacks “%s”", cause != NULL ? cause : "", cases[i].cause);
        free(cause);
    }
#undef HDR
#undef ROW
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_grades),
        cmocka_unit_test(test_boundaries),
        cmocka_unit_test(test_readings),
        cmocka_unit_test(test_full),
        cmocka_unit_test(test_veto),
        cmocka_unit_test(test_provisional),
        cmocka_unit_test(test_figure_entered),
        cmocka_unit_test(test_entry_valid),
        cmocka_unit_test(test_bad_entry_unscored),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_parse_sums),
    };

    return cmocka_run_group_tests_name("zerocarbon", tests, setup, teardown);
}
