/* test_rollup.c - the pure roll-up (core/rollup.c): order, conflicts, totals, averages, rankings,
   with the numbers worked by hand beside each assertion. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmem.h"
#include "core/rollup.h"

#define CODE_A "91350100M000100Y43"
#define CODE_C "12330122MB1A2B3C48"

/* code, unit, file, year, area, headcount, total, scope 1, scope 2, tce, complete */
static void
add(struct rollup *ru, const char *code, const char *unit, const char *file, int year, double area,
    double head, double total, double s1, double s2, double tce, int complete)
{
    struct rollup_unit u;

    memset(&u, 0, sizeof u);
    u.code = xstrdup(code);
    u.unit = xstrdup(unit);
    u.file = xstrdup(file);
    u.year = year;
    u.area_m2 = area;
    u.headcount = head;
    u.total_tco2e = total;
    u.scope1_tco2e = s1;
    u.scope2_tco2e = s2;
    u.intensity_kgco2e_per_m2 = area > 0 ? total * 1000 / area : 0;
    u.per_capita_tco2e = head > 0 ? total / head : 0;
    u.energy_tce = tce;
    u.complete = complete;
    u.grade = xstrdup("");
    rollup_add(ru, &u);
}

/*
 * Five units: A and D claim CODE_A for 2024 (a conflict), E has CODE_A for 2023 (another year: no
 * conflict), C has CODE_C, B has no code.
 *   A 甲 a 2024  1000 m² 10 人 100 t (40 + 60)  30 tce complete   intensity 100, per capita 10
 *   B 乙 b 2024     0 m² 20 人  50 t (10 + 40)  20 tce incomplete per capita 2.5
 *   C 丙 c 2024  2000 m²  0 人 300 t (100 + 200) 90 tce complete  intensity 150
 *   D 甲（副本） d 2024 1000 m² 10 人 120 t (50 + 70) 35 tce complete
 *   E 甲 e 2023  1000 m²  8 人  80 t (30 + 50)  25 tce complete   intensity 80, per capita 10
 */
static void
five(struct rollup *ru)
{
    memset(ru, 0, sizeof *ru);
    add(ru, CODE_A, "甲", "a", 2024, 1000, 10, 100, 40, 60, 30, 1);
    add(ru, "", "乙", "b", 2024, 0, 20, 50, 10, 40, 20, 0);
    add(ru, CODE_C, "丙", "c", 2024, 2000, 0, 300, 100, 200, 90, 1);
    add(ru, CODE_A, "甲（副本）", "d", 2024, 1000, 10, 120, 50, 70, 35, 1);
    add(ru, CODE_A, "甲", "e", 2023, 1000, 8, 80, 30, 50, 25, 1);
    rollup_skip(ru, "x.tanbook", "不是碳账本工作簿");
    rollup_finish(ru);
}

static void
test_order_and_conflicts(void **state)
{
    static const char *const files[] = {"c", "e", "a", "d", "b"};
    struct rollup ru;
    size_t i;

    (void)state;
    five(&ru);
    /* with a code first, by code ("1233…" before "9135…"), then name, year, file; B last */
    assert_int_equal(ru.nunits, 5);
    for (i = 0; i < 5; i++)
        assert_string_equal(ru.units[i].file, files[i]);
    /* one conflict: CODE_A in 2024, files a and d in the units' order; E's 2023 is none */
    assert_int_equal(ru.nconflicts, 1);
    assert_string_equal(ru.conflicts[0].code, CODE_A);
    assert_int_equal(ru.conflicts[0].year, 2024);
    assert_int_equal(ru.conflicts[0].nfiles, 2);
    assert_string_equal(ru.conflicts[0].files[0], "a");
    assert_string_equal(ru.conflicts[0].files[1], "d");
    assert_false(ru.units[0].conflict);     /* c */
    assert_false(ru.units[1].conflict);     /* e */
    assert_true(ru.units[2].conflict);      /* a */
    assert_true(ru.units[3].conflict);      /* d */
    assert_false(ru.units[4].conflict);     /* b */
    assert_int_equal(ru.nskipped, 1);
    assert_string_equal(ru.skipped[0].reason, "不是碳账本工作簿");
    /* finishing again finds the same, once */
    rollup_finish(&ru);
    assert_int_equal(ru.nconflicts, 1);
    assert_int_equal(ru.conflicts[0].nfiles, 2);
    rollup_free(&ru);
    assert_int_equal(ru.nunits, 0);
}

/* Two units without a code and the same name and year are no conflict: a name is not an identity. */
static void
test_no_code_no_conflict(void **state)
{
    struct rollup ru = {0};

    (void)state;
    add(&ru, "", "某局", "p", 2024, 100, 1, 1, 1, 0, 0, 1);
    add(&ru, "", "某局", "q", 2024, 100, 1, 2, 2, 0, 0, 1);
    /* three files of one code and year: one conflict naming all three */
    add(&ru, CODE_C, "丙", "r", 2024, 100, 1, 3, 3, 0, 0, 1);
    add(&ru, CODE_C, "丙", "s", 2024, 100, 1, 4, 4, 0, 0, 1);
    add(&ru, CODE_C, "丁", "t", 2024, 100, 1, 5, 5, 0, 0, 1);
    rollup_finish(&ru);
    assert_int_equal(ru.nconflicts, 1);
    assert_int_equal(ru.conflicts[0].nfiles, 3);
    assert_string_equal(ru.conflicts[0].files[0], "t");   /* 丁 (U+4E01) sorts before 丙 (U+4E19) */
    assert_string_equal(ru.conflicts[0].files[2], "s");
    rollup_free(&ru);
}

static void
test_totals(void **state)
{
    struct rollup ru;
    struct rollup_totals t;

    (void)state;
    five(&ru);
    rollup_totals(&ru, &t);
    /* counted: B, C, E (A and D are in the conflict) */
    assert_int_equal(t.nunits, 3);
    assert_int_equal(t.nconflicted, 2);
    assert_int_equal(t.ncomplete, 2);                       /* C, E */
    assert_float_equal(t.total_tco2e, 430, 1e-9);           /* 50 + 300 + 80 */
    assert_float_equal(t.scope1_tco2e, 140, 1e-9);          /* 10 + 100 + 30 */
    assert_float_equal(t.scope2_tco2e, 290, 1e-9);          /* 40 + 200 + 50 */
    assert_float_equal(t.energy_tce, 135, 1e-9);            /* 20 + 90 + 25 */
    assert_float_equal(t.area_m2, 3000, 1e-9);              /* 0 + 2000 + 1000 */
    assert_float_equal(t.headcount, 28, 1e-9);              /* 20 + 0 + 8 */
    assert_int_equal(t.narea, 2);
    assert_int_equal(t.nheadcount, 2);
    /* the region's ratios: (300 + 80) × 1000 / 3000 = 126.666…; (50 + 80) / 28 = 4.642857… */
    assert_float_equal(t.intensity_kgco2e_per_m2, 380000.0 / 3000, 1e-9);
    assert_float_equal(t.per_capita_tco2e, 130.0 / 28, 1e-9);
    /* per unit: 430 / 3; intensities (150 + 80) / 2 = 115; per capita (2.5 + 10) / 2 = 6.25 */
    assert_float_equal(t.mean_total_tco2e, 430.0 / 3, 1e-9);
    assert_float_equal(t.mean_scope1_tco2e, 140.0 / 3, 1e-9);
    assert_float_equal(t.mean_scope2_tco2e, 290.0 / 3, 1e-9);
    assert_float_equal(t.mean_energy_tce, 45, 1e-9);
    assert_float_equal(t.mean_intensity_kgco2e_per_m2, 115, 1e-9);
    assert_float_equal(t.mean_per_capita_tco2e, 6.25, 1e-9);
    rollup_free(&ru);

    /* nothing at all: zeros, never a division by zero */
    memset(&ru, 0, sizeof ru);
    rollup_finish(&ru);
    rollup_totals(&ru, &t);
    assert_int_equal(t.nunits, 0);
    assert_float_equal(t.mean_total_tco2e, 0, 0);
    assert_float_equal(t.intensity_kgco2e_per_m2, 0, 0);
    assert_true(isfinite(t.mean_per_capita_tco2e));
}

static void
test_rankings(void **state)
{
    struct rollup ru;
    size_t *r, n;

    (void)state;
    five(&ru);      /* order: c e a d b */
    /* by total: C 300, E 80, B 50 (A 100 and D 120 are in the conflict) */
    r = rollup_rank(&ru, ROLLUP_BY_TOTAL, &n);
    assert_int_equal(n, 3);
    assert_int_equal(r[0], 0);
    assert_int_equal(r[1], 1);
    assert_int_equal(r[2], 4);
    free(r);
    /* by intensity: C 150, E 80; B has no area */
    r = rollup_rank(&ru, ROLLUP_BY_INTENSITY, &n);
    assert_int_equal(n, 2);
    assert_int_equal(r[0], 0);
    assert_int_equal(r[1], 1);
    free(r);
    rollup_free(&ru);

    /* ties keep the units' order; nothing to rank is NULL */
    memset(&ru, 0, sizeof ru);
    add(&ru, "", "乙", "2", 2024, 100, 1, 7, 7, 0, 0, 1);
    add(&ru, "", "甲", "1", 2024, 100, 1, 7, 7, 0, 0, 1);
    rollup_finish(&ru);     /* 乙 (U+4E59) sorts before 甲 (U+7532) */
    r = rollup_rank(&ru, ROLLUP_BY_TOTAL, &n);
    assert_int_equal(n, 2);
    assert_string_equal(ru.units[r[0]].unit, "乙");
    assert_string_equal(ru.units[r[1]].unit, "甲");
    free(r);
    rollup_free(&ru);
    assert_null(rollup_rank(&ru, ROLLUP_BY_TOTAL, &n));
    assert_int_equal(n, 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_and_conflicts),
        cmocka_unit_test(test_no_code_no_conflict),
        cmocka_unit_test(test_totals),
        cmocka_unit_test(test_rankings),
    };

    return cmocka_run_group_tests_name("rollup", tests, NULL, NULL);
}
