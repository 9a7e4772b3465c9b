/*
 * test_bulk.c - bulk writes (store_bulk.c): an import's new rows logged as one edit_log row per
 * table. One store_undo gives the workbook back exactly (every row of inventory and activity,
 * REAL bits and odd texts included), store_redo gives the import back, again and again; the row
 * an import replaced comes back too; a row changed since by another program or outside tanbook
 * refuses the undo (and rows added since, the redo); a damaged bulk image is refused as a
 * damaged history; the log of a 10,000-row import is smaller than its data; and a workbook of
 * version 8 reads as it is and migrates to version 9 with its history.
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
#include "store/store.h"
#include "base/xmem.h"

#include "store_fixture.h"

/* Every row of the A.3 and A.5 tables, every column exactly (%!.17g: the REAL's bits). */
#define DUMP "SELECT (SELECT group_concat(x, ';') FROM (SELECT id || '|' || year || '|' || " \
    "source || '|' || facility || '|' || location || '|' || note || '|' || position AS x " \
    "FROM inventory ORDER BY id)) || '#' || (SELECT group_concat(x, ';') FROM (SELECT id || " \
    "'|' || inventory_id || '|' || period || '|' || printf('%!.17g', quantity) || '|' || " \
    "unit || '|' || data_source || '|' || note || '|' || na AS x FROM activity ORDER BY id))"

static int
before_each(void **state)
{
    struct ctx *c = *state;
    char *cause = NULL;
    long long id;

    store_remove(c->path);
    if (store_open(c->path, STORE_CREATE, &c->st, &cause) != ERR_OK)
        return -1;
    store_set_origin(c->st, 0x1234, "tui");
    /* before the import: 2024 with one entry and two months, one of which the import replaces */
    if (store_year_add(c->st, c->lib, 2024, NULL, NULL, &cause) != ERR_OK
        || store_entry_ensure(c->st, 2024, "natural_gas", "锅炉", "", "", &id, NULL, &cause)
               != ERR_OK
        || store_activity_put(c->st, id, "2024-01", 100, "m³", "账单", "", NULL, &cause) != ERR_OK
        || store_activity_put(c->st, id, "2024-02", 200, "m³", "账单", "", NULL, &cause) != ERR_OK)
        return -1;
    return 0;
}

static int
after_each(void **state)
{
    struct ctx *c = *state;

    store_close(c->st);
    c->st = NULL;
    store_remove(c->path);
    return 0;
}

/*
 * An import as import_apply writes it, by st: entries × 12 months of 2024 (a bulk), the 2024-02
 * of 锅炉 replaced (logged as a row), a month of the first new entry written twice (the bulk's
 * own row changed again) and one 不适用 month.
 */
static void
bulk_import(struct ctx *c, struct store *st, int entries)
{
    char *cause = NULL, fac[32], per[16];
    long long id;
    int k, m;

    assert_int_equal(store_begin(st, &cause), ERR_OK);
    assert_int_equal(store_bulk_begin(st, &cause), ERR_OK);
    assert_int_equal(store_entry_ensure(st, 2024, "natural_gas", "锅炉", "", "", &id, NULL,
                                        &cause), ERR_OK);
    assert_int_equal(store_activity_put(st, id, "2024-02", 250, "m³", "账单", "改", NULL, &cause),
                     ERR_OK);
    for (k = 0; k < entries; k++) {
        snprintf(fac, sizeof(fac), "设施\t%04d\\", k);    /* a tab and a backslash: escaped */
        assert_int_equal(store_entry_ensure(st, 2024, "electricity", fac, "楼\n1", "", &id, NULL,
                                            &cause), ERR_OK);
        for (m = 1; m <= 12; m++) {
            snprintf(per, sizeof(per), "2024-%02d", m);
            if (k == 1 && m == 7)
                assert_int_equal(store_activity_put_na(st, id, per, "kWh", "", "停用", NULL,
                                                       &cause), ERR_OK);
            else
                assert_int_equal(store_activity_put(st, id, per, 0.1 * m + 0.2 * k, "kWh", "账单",
                                                    "", NULL, &cause), ERR_OK);
        }
        if (k == 0)    /* the same month again: replaces the bulk's own row */
            assert_int_equal(store_activity_put(st, id, "2024-03", 7.25, "kWh", "重抄", "",
                                                NULL, &cause), ERR_OK);
    }
    assert_int_equal(store_commit(st, &cause), ERR_OK);
    (void)c;
}

static void
test_undo_redo_exact(void **state)
{
    struct ctx *c = *state;
    struct store_action act;
    char *before = sql_text(c->path, DUMP), *after, *now, *zh, *en, *cause = NULL;
    int round;

    bulk_import(c, c->st, 100);
    after = sql_text(c->path, DUMP);
    /* 1 + 100 entries; 2 + 1,200 rows (the repeated month replaced in place) */
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM inventory"), 101);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM activity"), 1202);
    /* one action of three log rows: the replaced month, the 100 entries, the 1,200 rows */
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM edit_log WHERE action = "
                                      "(SELECT max(id) FROM edit_action)"), 3);
    assert_sql(c->path, "SELECT group_concat(tbl || ' ' || field || ' ' || coalesce(new, ''), "
                        "', ') FROM edit_log WHERE action = (SELECT max(id) FROM edit_action)",
               "activity quantity 250 m³, inventory bulk 100, activity bulk 1200");
    assert_string_not_equal(before, after);
    for (round = 0; round < 2; round++) {
        assert_int_equal(store_undo(c->st, &act, &cause), ERR_OK);
        /* the facts: the replaced row, 100 entries and 1,200 rows */
        assert_int_equal(act.n, 1301);
        zh = history_describe(&act, c->forms, c->lib, LANG_ZH);
        en = history_describe(&act, c->forms, c->lib, LANG_EN);
        assert_string_equal(zh, "批量修改：排放源 100 个、活动数据 1201 条");
        assert_string_equal(en, "Batch change: 100 sources, 1201 values");
        free(zh);
        free(en);
        store_action_free(&act);
        now = sql_text(c->path, DUMP);
        assert_string_equal(now, before);
        free(now);
        assert_int_equal(store_redo(c->st, NULL, &cause), ERR_OK);
        now = sql_text(c->path, DUMP);
        assert_string_equal(now, after);
        free(now);
    }
    /* done again, the log holds no row images: the rows are in their tables */
    assert_int_equal(sql_int(c->path, "SELECT max(length(after_row)) FROM edit_log WHERE "
                                      "field = 'bulk'") < 200, 1);
    free(before);
    free(after);
}

/* Who changed a row since the import is named, and nothing is undone. */
static void
test_changed_since_refuses(void **state)
{
    struct ctx *c = *state;
    struct store_action act;
    struct store *imp;
    char *cause = NULL, *after;
    long long id;

    assert_int_equal(store_open(c->path, STORE_EXISTING, &imp, &cause), ERR_OK);
    store_set_origin(imp, 0x5678, "import");
    bulk_import(c, imp, 10);
    /* the window changes a month the import added */
    assert_int_equal(store_entry_ensure(c->st, 2024, "electricity", "设施\t0005\\", "", "", &id,
                                        NULL, &cause), ERR_OK);
    assert_int_equal(store_activity_put(c->st, id, "2024-05", 99, "kWh", "", "", NULL, &cause),
                     ERR_OK);
    after = sql_text(c->path, DUMP);
    assert_int_equal(store_undo(imp, &act, &cause), ERR_INPUT);
    assert_string_equal(cause, "该修改之后数据已被其他操作改动，无法撤销");
    free(cause);
    cause = NULL;
    assert_true(act.changed_since);
    assert_string_equal(act.conflict.program, "tui");
    store_action_free(&act);
    assert_sql(c->path, DUMP, after);
    /* the window undoes its own; then the import's undo goes through */
    assert_int_equal(store_undo(c->st, NULL, &cause), ERR_OK);
    assert_int_equal(store_undo(imp, NULL, &cause), ERR_OK);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM activity"), 2);
    /* a row put where the import's were (outside tanbook): redo refuses */
    sql_exec(c->path, "INSERT INTO activity (id, inventory_id, period, quantity, unit) "
                      "SELECT max(id) + 1, 1, '2024-09', 1, 'm³' FROM activity");
    assert_int_equal(store_redo(imp, NULL, &cause), ERR_INPUT);
    free(cause);
    free(after);
    store_close(imp);
}

/* A changed value outside tanbook refuses too (the digest differs). */
static void
test_changed_outside_refuses(void **state)
{
    struct ctx *c = *state;
    char *cause = NULL;

    bulk_import(c, c->st, 3);
    sql_exec(c->path, "UPDATE activity SET note = 'x' WHERE id = (SELECT max(id) FROM activity)");
    assert_int_equal(store_undo(c->st, NULL, &cause), ERR_INPUT);
    free(cause);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM activity"), 2 + 36);
}

/* A bulk image that is not what tanbook wrote: refused as a damaged history, nothing changed. */
static void
test_damaged_image_refused(void **state)
{
    struct ctx *c = *state;
    char *cause = NULL;

    bulk_import(c, c->st, 3);
    /* done: a digest of another content */
    sql_exec(c->path, "UPDATE edit_log SET after_row = substr(after_row, 1, "
                      "instr(after_row, char(10)) - 65) || CASE substr(after_row, "
                      "instr(after_row, char(10)) - 64, 1) WHEN '0' THEN '1' ELSE '0' END || "
                      "substr(after_row, instr(after_row, char(10)) - 63) "
                      "WHERE field = 'bulk' AND tbl = 'activity'");
    assert_int_equal(store_undo(c->st, NULL, &cause), ERR_INPUT);
    free(cause);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM activity"), 38);
    /* garbage in place of the image */
    sql_exec(c->path, "UPDATE edit_log SET after_row = '@bulk 1 activity 1 x' WHERE field = 'bulk'");
    assert_int_equal(store_undo(c->st, NULL, &cause), ERR_CORRUPT);
    assert_string_equal(cause, "修改历史记录已损坏，无法撤销");
    free(cause);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM activity"), 38);
}

/* Undone, its rows are kept in the image: one changed there is refused by redo. */
static void
test_damaged_kept_rows_refused(void **state)
{
    struct ctx *c = *state;
    char *cause = NULL;

    bulk_import(c, c->st, 3);
    assert_int_equal(store_undo(c->st, NULL, &cause), ERR_OK);
    sql_exec(c->path, "UPDATE edit_log SET after_row = replace(after_row, 'r0.1', 'r0.5') "
                      "WHERE field = 'bulk' AND tbl = 'activity'");
    assert_int_equal(store_redo(c->st, NULL, &cause), ERR_CORRUPT);
    free(cause);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM activity"), 2);
}

/*
 * The edit log of a 10,008-row import (834 entries × 12 months) is smaller than the data it
 * describes: the pages of edit_log and its index against those of inventory, activity and
 * their indexes (dbstat), and the bytes of its texts against those of the rows.
 */
static void
test_log_smaller_than_data(void **state)
{
    struct ctx *c = *state;
    long long log_pages, data_pages, log_bytes, data_bytes;

    bulk_import(c, c->st, 834);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM activity"), 2 + 834 * 12);
    log_pages = sql_int(c->path, "SELECT count(*) FROM dbstat WHERE name IN ('edit_log', "
                                 "'edit_log_by_action')");
    data_pages = sql_int(c->path, "SELECT count(*) FROM dbstat WHERE name IN ('inventory', "
                                  "'activity') OR name LIKE 'sqlite_autoindex_inventory%' OR "
                                  "name LIKE 'sqlite_autoindex_activity%' OR name = "
                                  "'inventory_by_position'");
    log_bytes = sql_int(c->path, "SELECT sum(length(at) + length(tbl) + length(row) + "
                                 "length(field) + coalesce(length(old), 0) + coalesce(length(new), "
                                 "0) + coalesce(length(before_row), 0) + coalesce(length(after_row), "
                                 "0)) FROM edit_log");
    data_bytes = sql_int(c->path, "SELECT (SELECT sum(length(period) + 8 + length(unit) + "
                                  "length(data_source) + length(note)) FROM activity) + (SELECT "
                                  "sum(length(source) + length(facility) + length(location)) "
                                  "FROM inventory)");
    /* the year's 50-odd pins are logged as rows; the 10,008 rows and 834 entries as two */
    assert_true(log_pages * 10 < data_pages);
    assert_true(log_bytes * 10 < data_bytes);
}

/*
 * A workbook of version 8 with an action logged as rows then: read as it is, migrated on the
 * first write with its history, whose action still undoes, and an import after it is a bulk.
 */
static void
test_migrates_v8(void **state)
{
    struct ctx *c = *state;
    struct store *st;
    char *cause = NULL, *before;
    long long rows;

    store_close(c->st);
    c->st = NULL;
    rows = sql_int(c->path, "SELECT count(*) FROM edit_log");
    sql_exec(c->path, STORE_TO_V8_SQL);
    assert_int_equal(store_open(c->path, STORE_READONLY, &st, &cause), ERR_OK);
    assert_int_equal(store_opened_version(st), 8);
    store_close(st);
    assert_int_equal(sql_int(c->path, "PRAGMA user_version"), 8);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM sqlite_schema WHERE name = "
                                      "'activity_by_entry'"), 1);

    assert_int_equal(store_open(c->path, STORE_EXISTING, &c->st, &cause), ERR_OK);
    store_set_origin(c->st, 0x1234, "tui");
    assert_int_equal(sql_int(c->path, "PRAGMA user_version"), 9);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM edit_log"), rows);
    assert_sql(c->path, "SELECT group_concat(name, ' ') FROM sqlite_schema WHERE name IN "
                        "('activity_by_entry', 'inventory_by_position', 'edit_log')",
               "inventory_by_position edit_log");
    before = sql_text(c->path, DUMP);
    bulk_import(c, c->st, 2);
    assert_int_equal(store_undo(c->st, NULL, &cause), ERR_OK);
    assert_sql(c->path, DUMP, before);
    /* the version-8 action of 2024-02 (200 m³), logged as a row, undoes after migrating */
    assert_int_equal(store_undo(c->st, NULL, &cause), ERR_OK);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM activity"), 1);
    free(before);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_undo_redo_exact, before_each, after_each),
        cmocka_unit_test_setup_teardown(test_changed_since_refuses, before_each, after_each),
        cmocka_unit_test_setup_teardown(test_changed_outside_refuses, before_each, after_each),
        cmocka_unit_test_setup_teardown(test_damaged_image_refused, before_each, after_each),
        cmocka_unit_test_setup_teardown(test_damaged_kept_rows_refused, before_each, after_each),
        cmocka_unit_test_setup_teardown(test_log_smaller_than_data, before_each, after_each),
        cmocka_unit_test_setup_teardown(test_migrates_v8, before_each, after_each),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
