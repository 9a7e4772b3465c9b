/*
 * test_pg.c - the PostgreSQL layer against a real server. tests/cli/cli_pg.sh starts one and runs
 * this with TANBOOK_PG_CONNINFO naming it (databases unit_test and empty_test made); alone, it
 * prints a TAP skip and runs nothing. Fixture years pushed with pg_push_year and read back by
 * pg_rollup_load for a year and for each unit's latest; a re-push replaces, never duplicates; a
 * unit known by its name that brings its code keeps its rows; the migration is idempotent; a
 * database without the schema and a server that is not there are refused.
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

#include "base/xmem.h"
#include "core/report.h"
#include "core/tidy.h"
#include "pg/pg.h"

#include "year_fixture.h"

/* The conninfo of database db on the test's server, or NULL (the test is skipped). */
static char *
conninfo(const char *db)
{
    const char *base = getenv("TANBOOK_PG_CONNINFO");

    return base != NULL && *base != '\0' ? xasprintf("%s dbname=%s", base, db) : NULL;
}

static void
near(double got, double want)
{
    if (fabs(got - want) > 1e-12 * fabs(want) + 1e-12)
        fail_msg("got %.17g, want %.17g", got, want);
}

/*
 * A year of unit (code "" for none) with q m³ of natural gas in January: q / 10000 万m³ ×
 * 21.622 tCO₂/万m³; area 100 m², headcount 10.
 */
static void
unit_year(struct wb_year *y, int year, const char *unit, const char *code, double q)
{
    year_new(y, year, "全国", "AR6");
    year_info(y, "unit_name", unit);
    if (code[0] != '\0')
        year_info(y, TIDY_CODE_KEY, code);
    year_info(y, "building_area", "100");
    year_info(y, "headcount", "10");
    year_act(y, "natural_gas", "食堂", "2024-01", q, "m³");
    y->entries[0].acts[0].period.year = year;
}

/* Pushes the year as file, with its report; the number of rows stored. */
static size_t
push(struct pg *db, const struct wb_year *y, const char *file, char **replaced)
{
    struct report rep;
    struct pg_unit_year uy;
    char *cause = NULL;
    size_t n = 0;

    assert_int_equal(report_build(forms, y, 1, y->year, LANG_ZH, &rep, &cause), ERR_OK);
    uy = (struct pg_unit_year){.y = y, .r = report_cur(&rep), .file = file,
                               .sha256 = "00", .complete = 1};
    if (pg_push_year(db, &uy, &n, replaced, &cause) != ERR_OK)
        fail_msg("push: %s", cause);
    report_free(&rep);
    return n;
}

static const struct rollup_unit *
find(const struct rollup *r, const char *unit, int year)
{
    size_t i;

    for (i = 0; i < r->nunits; i++)
        if (strcmp(r->units[i].unit, unit) == 0 && r->units[i].year == year)
            return &r->units[i];
    return NULL;
}

static void
test_push_and_load(void **state)
{
    char *ci = conninfo("unit_test"), *cause = NULL, *replaced = NULL;
    struct wb_year a23, a24, b24, b24c;
    const struct rollup_unit *u;
    struct rollup r;
    struct pg *db;

    (void)state;
    if (ci == NULL)
        skip();
    assert_int_equal(pg_connect(ci, &db, &cause), ERR_OK);
    assert_int_equal(pg_migrate(db, &cause), ERR_OK);
    assert_int_equal(pg_migrate(db, &cause), ERR_OK);     /* a second time: nothing to do */
    unit_year(&a23, 2023, "甲局", "91350100M000100Y43", 10000);
    unit_year(&a24, 2024, "甲局", "91350100M000100Y43", 20000);
    unit_year(&b24, 2024, "乙局", "", 5000);
    assert_int_equal(push(db, &a23, "a.tanbook", &replaced), 1);
    assert_null(replaced);
    push(db, &a24, "a.tanbook", &replaced);
    push(db, &b24, "b.tanbook", &replaced);
    push(db, &a24, "a2.tanbook", &replaced);             /* again: replaces a.tanbook's */
    assert_non_null(replaced);
    assert_string_equal(replaced, "a.tanbook");
    free(replaced);

    /* 2024: 甲 20000 m³ = 2 万m³ × 21.622 = 43.244 t, per m² 43.244 × 1000 / 100
       = 432.44 kg, per capita 4.3244 t, 20000 × 1.2143 / 1000 = 24.286 tce;
       乙 0.5 万m³ × 21.622 = 10.811 t */
    assert_int_equal(pg_rollup_load(ci, 2024, &r, &cause), ERR_OK);
    assert_int_equal(r.nunits, 2);
    assert_non_null(u = find(&r, "甲局", 2024));
    assert_string_equal(u->code, "91350100M000100Y43");
    assert_string_equal(u->file, "pg:a2.tanbook");
    near(u->total_tco2e, 43.244);
    near(u->scope1_tco2e, 43.244);
    near(u->scope2_tco2e, 0);
    near(u->intensity_kgco2e_per_m2, 432.44);
    near(u->per_capita_tco2e, 4.3244);
    near(u->energy_tce, 24.286);
    near(u->area_m2, 100);
    near(u->headcount, 10);
    assert_int_equal(u->complete, 1);
    assert_string_equal(u->grade, "");
    assert_non_null(u = find(&r, "乙局", 2024));
    assert_string_equal(u->code, "");
    near(u->total_tco2e, 10.811);
    assert_int_equal(r.nskipped + r.nconflicts, 0);
    rollup_free(&r);

    /* 乙 brings its code: the same unit, its 2024 replaced (5000 → 6000 m³: 12.9732 t) */
    unit_year(&b24c, 2024, "乙局", "11100000000013127D", 6000);
    push(db, &b24c, "b.tanbook", &replaced);
    assert_non_null(replaced);
    free(replaced);
    /* latest per unit: 甲 2024 (not 2023), 乙 2024 */
    assert_int_equal(pg_rollup_load(ci, 0, &r, &cause), ERR_OK);
    assert_int_equal(r.nunits, 2);
    assert_non_null(find(&r, "甲局", 2024));
    assert_non_null(u = find(&r, "乙局", 2024));
    assert_string_equal(u->code, "11100000000013127D");
    near(u->total_tco2e, 12.9732);
    rollup_free(&r);
    /* 2023: 甲 only, 1 万m³ × 21.622 */
    assert_int_equal(pg_rollup_load(ci, 2023, &r, &cause), ERR_OK);
    assert_int_equal(r.nunits, 1);
    near(r.units[0].total_tco2e, 21.622);
    assert_string_equal(r.units[0].file, "pg:a.tanbook");
    rollup_free(&r);

    pg_close(db);
    model_free(&a23);
    model_free(&a24);
    model_free(&b24);
    model_free(&b24c);
    free(ci);
}

static void
test_refusals(void **state)
{
    char *ci = conninfo("empty_test"), *cause = NULL, *gone;
    struct rollup r;
    struct pg *db;

    (void)state;
    if (ci == NULL)
        skip();
    assert_int_equal(pg_rollup_load(ci, 0, &r, &cause), ERR_NOTFOUND);
    assert_non_null(strstr(cause, "tanbook push"));
    free(cause);
    cause = NULL;
    gone = xstrdup("host=/nonexistent-tanbook-socket-dir dbname=x");
    assert_int_equal(pg_connect(gone, &db, &cause), ERR_IO);
    assert_non_null(strstr(cause, "无法连接 PostgreSQL"));
    free(cause);
    cause = NULL;
    assert_int_equal(pg_rollup_load("not a conninfo", 0, &r, &cause), ERR_IO);
    free(cause);
    free(gone);
    free(ci);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_push_and_load),
        cmocka_unit_test(test_refusals),
    };

    if (getenv("TANBOOK_PG_CONNINFO") == NULL) {    /* a TAP skip: make check counts none */
        printf("1..0 # SKIP no TANBOOK_PG_CONNINFO: tests/cli/cli_pg.sh runs it against the "
               "server it starts\n");
        return 0;
    }
    return cmocka_run_group_tests(tests, setup, teardown);
}
