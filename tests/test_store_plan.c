/*
 * test_store_plan.c - the plan in the workbook (store_plan.c, schema version 6): base periods kept
 * as a history with the latest in force, targets and measures put, replaced and deleted, each
 * write one action that undo takes back (and the words the screen shows for it), what no tanbook
 * writes refused on loading, and an older workbook read as it is without a plan.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book/history.h"
#include "core/plan.h"
#include "store/store.h"
#include "base/xmem.h"

#include "store_fixture.h"

static struct store *
fresh(struct ctx *c)
{
    struct store *st = NULL;
    char *cause = NULL;

    remove(c->path);
    assert_int_equal(store_open(c->path, STORE_CREATE, &st, &cause), ERR_OK);
    assert_int_equal(store_year_add(st, c->lib, 2022, NULL, NULL, &cause), ERR_OK);
    return st;
}

static void
set_base(struct store *st, const char *spec, const char *reason)
{
    struct wb_base b = {0};
    char *cause = NULL;

    assert_int_equal(plan_base_parse(spec, LANG_ZH, &b, &cause), ERR_OK);
    b.reason = (char *)reason;
    assert_int_equal(store_base_set(st, &b, &cause), ERR_OK);
}

/* Undoes the latest action and returns its words (caller frees). */
static char *
undo_words(struct ctx *c, struct store *st, enum lang lang)
{
    struct store_action done = {0};
    char *cause = NULL, *w;

    assert_int_equal(store_undo(st, &done, &cause), ERR_OK);
    w = history_describe(&done, c->forms, c->lib, lang);
    store_action_free(&done);
    return w;
}

static void
test_base_history(void **state)
{
    struct ctx *c = *state;
    struct store *st = fresh(c);
    struct wb_plan p;
    char *cause = NULL, *w;

    set_base(st, "2022", "");
    set_base(st, "2020-2022", "合并另一单位后重设（003 6.2.3）");
    assert_int_equal(store_load_plan(st, &p, &cause), ERR_OK);
    assert_int_equal(p.nbases, 2);
    assert_int_equal(plan_base(&p)->kind, BASE_AVERAGE);
    assert_int_equal(plan_base(&p)->nyears, 3);
    assert_string_equal(plan_base(&p)->reason, "合并另一单位后重设（003 6.2.3）");
    assert_int_equal(p.bases[0].kind, BASE_YEAR);
    assert_int_equal(p.bases[0].years[0], 2022);
    assert_non_null(p.bases[0].at);
    plan_free(&p);
    /* undo takes the reset back: 2022 is in force again */
    w = undo_words(c, st, LANG_ZH);
    assert_string_equal(w, "设定碳基准：2020—2022 年平均（原因：合并另一单位后重设（003 6.2.3））");
    free(w);
    assert_int_equal(store_load_plan(st, &p, &cause), ERR_OK);
    assert_int_equal(p.nbases, 1);
    assert_int_equal(plan_base(&p)->kind, BASE_YEAR);
    assert_sql(c->path, "SELECT group_concat(years) FROM base_period", "2022");
    plan_free(&p);
    set_base(st, "moving:3", "");
    assert_int_equal(store_load_plan(st, &p, &cause), ERR_OK);
    assert_int_equal(plan_base(&p)->kind, BASE_MOVING);
    assert_int_equal(plan_base(&p)->moving_n, 3);
    plan_free(&p);
    w = undo_words(c, st, LANG_EN);
    assert_string_equal(w, "Set the base period: moving average of the latest 3 complete years");
    free(w);
    store_close(st);
}

static void
test_targets_and_measures(void **state)
{
    struct ctx *c = *state;
    struct store *st = fresh(c);
    struct wb_target t = {.param = PARAM_INTENSITY, .target_year = 2025,
                          .kind = TARGET_REDUCTION, .value = 10, .note = (char *)""};
    struct wb_measure m = {.catalog = 2, .name = (char *)"分布式光伏发电技术",
                           .owner = (char *)"后勤处", .has_expected = 1, .expected_tco2e = 12.5};
    struct wb_plan p;
    char *cause = NULL, *w;
    long long tid;

    assert_int_equal(store_target_put(st, &t, &cause), ERR_OK);
    assert_true(t.id > 0);
    tid = t.id;
    assert_int_equal(store_measure_put(st, &m, &cause), ERR_OK);
    /* a cap is for the coal share only: on the total it is refused, nothing written, the
       workbook still opens with its one target */
    {
        struct wb_target cap = {.param = PARAM_TOTAL, .target_year = 2025, .kind = TARGET_CAP,
                                .value = 13, .note = (char *)""};

        assert_int_equal(store_target_put(st, &cap, &cause), ERR_INPUT);
        assert_non_null(strstr(cause, "上限"));
        free(cause);
        cause = NULL;
        assert_int_equal(cap.id, 0);
        assert_int_equal(store_load_plan(st, &p, &cause), ERR_OK);
        assert_int_equal(p.ntargets, 1);
        plan_free(&p);
    }
    /* replace the target: a rate instead */
    t.kind = TARGET_RATE;
    t.value = 4.2;
    t.base = (char *)"2020";
    assert_int_equal(store_target_put(st, &t, &cause), ERR_OK);
    assert_int_equal(t.id, tid);
    assert_int_equal(store_load_plan(st, &p, &cause), ERR_OK);
    assert_int_equal(p.ntargets, 1);
    assert_int_equal(p.targets[0].kind, TARGET_RATE);
    assert_string_equal(p.targets[0].base, "2020");
    assert_int_equal(p.nmeasures, 1);
    assert_int_equal(p.measures[0].catalog, 2);
    assert_string_equal(p.measures[0].owner, "后勤处");
    assert_true(p.measures[0].has_expected);
    assert_true(p.measures[0].expected_tco2e == 12.5);
    plan_free(&p);
    w = undo_words(c, st, LANG_ZH);
    assert_string_equal(w, "修改目标：单位建筑面积碳排放量 2025 年每年下降 4.2%");
    free(w);
    assert_int_equal(store_load_plan(st, &p, &cause), ERR_OK);
    assert_int_equal(p.targets[0].kind, TARGET_REDUCTION);
    assert_null(p.targets[0].base);
    plan_free(&p);
    assert_int_equal(store_plan_delete(st, "measure", m.id, &cause), ERR_OK);
    assert_int_equal(store_plan_delete(st, "measure", m.id, &cause), ERR_NOTFOUND);
    free(cause);
    cause = NULL;
    w = undo_words(c, st, LANG_EN);
    assert_string_equal(w, "Deleted a measure: 分布式光伏发电技术");
    free(w);
    assert_int_equal(store_load_plan(st, &p, &cause), ERR_OK);
    assert_int_equal(p.nmeasures, 1);
    assert_int_equal(p.measures[0].id, m.id);    /* back with its id */
    plan_free(&p);
    store_close(st);
}

/* What no tanbook writes is refused on loading, naming the row. */
static void
test_plan_refused(void **state)
{
    static const char *const bad[] = {
        "INSERT INTO target (parameter, target_year, kind, value, position) "
        "VALUES ('nonsense', 2025, 0, 7, 1)",
        "INSERT INTO target (parameter, target_year, kind, value, position) "
        "VALUES ('total', 2025, 0, 1e308, 1)",
        "INSERT INTO target (parameter, target_year, kind, value, position) "
        "VALUES ('coal_share', 2025, 0, 7, 1)",
        "INSERT INTO target (parameter, base, target_year, kind, value, position) "
        "VALUES ('total', 'yesterday', 2025, 0, 7, 1)",
        "INSERT INTO base_period (kind, years, set_at) VALUES (0, '2020-2022x', 'now')",
        "INSERT INTO measure (name, expected_tco2e, position) VALUES ('x', -5, 1)",
    };
    struct ctx *c = *state;
    size_t i;

    for (i = 0; i < nitems(bad); i++) {
        struct store *st = fresh(c);
        struct wb_plan p;
        char *cause = NULL;

        store_close(st);
        sql_exec(c->path, bad[i]);
        assert_int_equal(store_open(c->path, STORE_READONLY, &st, &cause), ERR_OK);
        assert_int_equal(store_load_plan(st, &p, &cause), ERR_CORRUPT);
        assert_non_null(strstr(cause, "第 1 行"));
        free(cause);
        store_close(st);
    }
}

/* A version 5 workbook read as it is has no plan, and no error. */
static void
test_older_readonly(void **state)
{
    struct ctx *c = *state;
    struct store *st = fresh(c);
    struct wb_plan p;
    char *cause = NULL;

    store_close(st);
    sql_exec(c->path, STORE_TO_V8_SQL "DROP TABLE base_period; DROP TABLE target; DROP TABLE measure; "
                      "DROP TABLE offset_claim; DROP TABLE renewable; DROP TABLE neutral_text; DROP TABLE assessment; "
                      "PRAGMA user_version = 5;");
    assert_int_equal(store_open(c->path, STORE_READONLY, &st, &cause), ERR_OK);
    assert_int_equal(store_load_plan(st, &p, &cause), ERR_OK);
    assert_int_equal(p.nbases + p.ntargets + p.nmeasures + p.noffsets + p.nrenewables, 0);
    plan_free(&p);
    store_close(st);
    /* opened for writing it is migrated, and the plan can be written */
    assert_int_equal(store_open(c->path, STORE_EXISTING, &st, &cause), ERR_OK);
    assert_int_equal(sql_int(c->path, "PRAGMA user_version"), store_latest_version());
    set_base(st, "2022", "");
    store_close(st);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_base_history),
        cmocka_unit_test(test_targets_and_measures),
        cmocka_unit_test(test_plan_refused),
        cmocka_unit_test(test_older_readonly),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
