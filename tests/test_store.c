/*
 * test_store.c - the workbook file: creation, migration of an older schema, refusal of newer
 * and foreign files, pinned factors, the edit log, transactions and a lock held elsewhere.
 * The test talks to SQLite directly only to fake other programs and older files. Undo and redo
 * are tested in test_undo.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "base/xmem.h"

#ifndef FIXTURES
#define FIXTURES "tests/fixtures"
#endif

#include "store_fixture.h"

static struct store *
create(struct ctx *c)
{
    struct store *st = NULL;
    char *cause = NULL;

    assert_int_equal(store_open(c->path, STORE_CREATE, &st, &cause), ERR_OK);
    return st;
}

static void
test_create_marks_file(void **state)
{
    struct ctx *c = *state;
    struct store *st = create(c);
    char *cause = NULL;

    store_close(st);
    assert_int_equal(sql_int(c->path, "PRAGMA application_id"), STORE_APPLICATION_ID);
    assert_int_equal(sql_int(c->path, "PRAGMA user_version"), store_latest_version());
    assert_sql(c->path, "PRAGMA journal_mode", "wal");
    /* creating over an existing file is refused and leaves it alone */
    assert_int_equal(store_open(c->path, STORE_CREATE, &st, &cause), ERR_IO);
    assert_non_null(strstr(cause, "已存在"));
    free(cause);
    assert_int_equal(sql_int(c->path, "PRAGMA application_id"), STORE_APPLICATION_ID);
    unlink(c->path);
}

/* Writes the version 1 workbook of tests/fixtures into path. */
static void
load_v1_fixture(const char *path)
{
    char *text;
    FILE *f;
    long len;

    f = fopen(FIXTURES "/workbook-v1.sql", "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    rewind(f);
    text = xcalloc(1, (size_t)len + 1);
    assert_int_equal(fread(text, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    sql_exec(path, text);
    free(text);
}

static void
test_migrates_v1_fixture(void **state)
{
    struct ctx *c = *state;
    struct store *st;
    struct wb_year y;
    struct store_log_entry *log;
    size_t n;
    char *cause = NULL;

    load_v1_fixture(c->path);
    assert_int_equal(sql_int(c->path, "PRAGMA user_version"), 1);

    assert_int_equal(store_open(c->path, STORE_EXISTING, &st, &cause), ERR_OK);
    assert_int_equal(store_opened_version(st), 1);
    /* the data written by version 1 is all there */
    assert_int_equal(store_load_year(st, c->lib, 2022, &y, &cause), ERR_OK);
    assert_string_equal(model_info(&y, "unit_name"), "旧版本示例学校");
    assert_string_equal(model_info(&y, "building_area"), "8000");
    assert_int_equal(y.nentries, 1);
    assert_int_equal(y.entries[0].nacts, 1);
    assert_true(y.entries[0].acts[0].quantity == 500000);
    assert_true(model_pin(&y, "electricity")->value == 0.5366);
    model_free(&y);
    /* version 2's edit log exists and records new edits */
    assert_int_equal(store_info_set(st, FS_YEAR, 2022, "headcount", "60", &cause), ERR_OK);
    assert_int_equal(store_log(st, &log, &n, &cause), ERR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(log[0].field, "headcount");
    store_log_free(log, n);
    store_close(st);
    assert_int_equal(sql_int(c->path, "PRAGMA user_version"), store_latest_version());
    unlink(c->path);
}

/*
 * A workbook as version 2 left it: the v1 fixture, migration 2 exactly as released, and two
 * edits logged the version 2 way (summaries only, no row images).
 */
static void
make_v2(const char *path)
{
    load_v1_fixture(path);
    sql_exec(path, "CREATE TABLE edit_log ("
              "  id INTEGER PRIMARY KEY,"
              "  at TEXT NOT NULL,"
              "  tbl TEXT NOT NULL,"
              "  row TEXT NOT NULL,"
              "  field TEXT NOT NULL,"
              "  old TEXT,"
              "  new TEXT) STRICT;"
              "CREATE INDEX activity_by_entry ON activity(inventory_id);"
              "INSERT INTO edit_log (at, tbl, row, field, old, new) VALUES "
              "  ('2024-05-01T08:00:00Z', 'year_info', '2022', 'building_area', '7000', '8000'),"
              "  ('2024-05-01T08:01:00Z', 'unit_info', 'unit', 'unit_name', NULL, '旧版本示例学校');"
              "PRAGMA user_version = 2;");
}

static void
test_v2_history_is_not_undoable(void **state)
{
    struct ctx *c = *state;
    struct store *st;
    struct store_log_entry *log;
    size_t n;
    char *cause = NULL, *what = NULL;

    make_v2(c->path);
    assert_int_equal(store_open(c->path, STORE_EXISTING, &st, &cause), ERR_OK);
    assert_int_equal(store_opened_version(st), 2);
    assert_int_equal(sql_int(c->path, "PRAGMA user_version"), store_latest_version());
    /* the two old rows are history: readable, but nothing to undo */
    assert_false(store_can_undo(st));
    assert_int_equal(store_undo(st, &what, &cause), ERR_NOTFOUND);
    assert_null(what);
    free(cause);
    assert_int_equal(store_log(st, &log, &n, &cause), ERR_OK);
    assert_int_equal(n, 2);
    assert_string_equal(log[0].old_value, "7000");
    assert_string_equal(log[1].new_value, "旧版本示例学校");
    store_log_free(log, n);
    /* a new edit is undoable; its undo stops there and leaves version 1's data alone */
    assert_int_equal(store_info_set(st, FS_YEAR, 2022, "building_area", "8500", &cause), ERR_OK);
    assert_true(store_can_undo(st));
    assert_int_equal(store_undo(st, &what, &cause), ERR_OK);
    assert_string_equal(what, "建筑面积：8000 → 8500");
    free(what);
    assert_false(store_can_undo(st));
    assert_int_equal(store_undo(st, NULL, &cause), ERR_NOTFOUND);
    free(cause);
    store_close(st);
    assert_sql(c->path, "SELECT value FROM year_info WHERE key = 'building_area'", "8000");
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM unit_info"), 1);
    /* old rows 1-2, the edit, its undo */
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM edit_log"), 4);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM edit_log WHERE action IS NULL"), 2);
    unlink(c->path);
}

static void
test_refuses_newer_and_foreign(void **state)
{
    struct ctx *c = *state;
    struct store *st = create(c);
    char *cause = NULL, other[160];
    FILE *f;

    store_close(st);
    sql_exec(c->path, "PRAGMA user_version = 99");
    assert_int_equal(store_open(c->path, STORE_EXISTING, &st, &cause), ERR_NEWER);
    assert_non_null(strstr(cause, "99"));
    assert_non_null(strstr(cause, "升级"));
    free(cause);
    assert_int_equal(sql_int(c->path, "PRAGMA user_version"), 99);   /* untouched */
    unlink(c->path);

    /* a text file */
    snprintf(other, sizeof(other), "%s/notes.txt", c->dir);
    f = fopen(other, "w");
    fputs("单位名称,地址\nthis is not a database, just some text that is long enough\n", f);
    fclose(f);
    assert_int_equal(store_open(other, STORE_EXISTING, &st, &cause), ERR_NOTWORKBOOK);
    assert_non_null(strstr(cause, "不是碳账本工作簿"));
    free(cause);
    unlink(other);

    /* another program's SQLite database */
    snprintf(other, sizeof(other), "%s/other.db", c->dir);
    sql_exec(other, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
    assert_int_equal(store_open(other, STORE_EXISTING, &st, &cause), ERR_NOTWORKBOOK);
    free(cause);
    assert_int_equal(sql_int(other, "SELECT count(*) FROM t"), 1);
    assert_int_equal(sql_int(other, "SELECT count(*) FROM sqlite_schema"), 1);
    unlink(other);

    /* a missing file */
    assert_int_equal(store_open(other, STORE_EXISTING, &st, &cause), ERR_IO);
    assert_non_null(strstr(cause, "找不到"));
    free(cause);
    assert_int_equal(access(other, F_OK), -1);
}

static void
test_year_pins_and_log(void **state)
{
    struct ctx *c = *state;
    struct store *st = create(c);
    struct store_log_entry *log;
    struct wb_year y;
    size_t n, i;
    char *cause = NULL;
    long long id;
    int created, replaced;

    assert_int_equal(store_year_add(st, c->lib, 2022, NULL, NULL, &cause), ERR_OK);
    assert_int_equal(store_year_add(st, c->lib, 2022, NULL, NULL, &cause), ERR_INPUT);
    free(cause);
    assert_int_equal(store_info_set(st, FS_YEAR, 2022, "building_area", "100", &cause), ERR_OK);
    assert_int_equal(store_info_set(st, FS_YEAR, 2022, "building_area", "200", &cause), ERR_OK);
    assert_int_equal(store_info_set(st, FS_YEAR, 2022, "building_area", "200", &cause), ERR_OK);
    assert_int_equal(store_info_set(st, FS_UNIT, 0, "unit_name", "某中学", &cause), ERR_OK);
    assert_int_equal(store_entry_ensure(st, 2022, "natural_gas", "锅炉", "锅炉房", NULL, &id, &created,
                                        &cause), ERR_OK);
    assert_true(created);
    assert_int_equal(store_activity_put(st, id, "2022-01", 1000, "m³", "燃气账单", NULL, &replaced,
                                        &cause), ERR_OK);
    assert_false(replaced);
    assert_int_equal(store_activity_put(st, id, "2022-01", 1200, "m³", "燃气账单", NULL, &replaced,
                                        &cause), ERR_OK);
    assert_true(replaced);

    /* every library source is pinned, with its source text */
    assert_int_equal(store_load_year(st, c->lib, 2022, &y, &cause), ERR_OK);
    assert_int_equal(y.npins, c->lib->nsources);
    for (i = 0; i < y.npins; i++)
        assert_true(y.pins[i].source_text != NULL && y.pins[i].source_text[0] != '\0');
    assert_true(model_pin(&y, "electricity")->value == 0.5366);   /* 2022 national */
    assert_true(model_pin(&y, "natural_gas")->value == 21.622);
    assert_string_equal(model_info(&y, "building_area"), "200");
    assert_string_equal(y.entries[0].location, "锅炉房");
    assert_true(y.entries[0].acts[0].quantity == 1200);
    model_free(&y);

    /* the log: year, pins, area 100 then 100→200 (the unchanged third set is not logged) */
    assert_int_equal(store_log(st, &log, &n, &cause), ERR_OK);
    assert_int_equal(n, 1 + c->lib->nsources + 2 + 1 + 1 + 2);
    assert_string_equal(log[0].tbl, "years");
    assert_string_equal(log[1 + c->lib->nsources].field, "building_area");
    assert_null(log[1 + c->lib->nsources].old_value);
    assert_string_equal(log[2 + c->lib->nsources].old_value, "100");
    assert_string_equal(log[2 + c->lib->nsources].new_value, "200");
    assert_string_equal(log[n - 1].tbl, "activity");
    assert_string_equal(log[n - 1].old_value, "1000 m³");
    assert_string_equal(log[n - 1].new_value, "1200 m³");
    store_log_free(log, n);
    store_close(st);

    /* the pin is read from the file, not the library: a value changed in the file is what loads */
    sql_exec(c->path, "UPDATE factors SET value = 0.6 WHERE source = 'electricity'");
    assert_int_equal(store_open(c->path, STORE_EXISTING, &st, &cause), ERR_OK);
    assert_int_equal(store_load_year(st, c->lib, 2022, &y, &cause), ERR_OK);
    assert_true(model_pin(&y, "electricity")->value == 0.6);
    model_free(&y);
    /* an explicit change of grid area re-pins electricity: 华东 2022 = 0.5617 */
    assert_int_equal(store_year_settings(st, c->lib, 2022, "华东", NULL, &cause), ERR_OK);
    assert_int_equal(store_load_year(st, c->lib, 2022, &y, &cause), ERR_OK);
    assert_true(model_pin(&y, "electricity")->value == 0.5617);
    assert_string_equal(y.grid_area, "华东");
    model_free(&y);
    /* an area without any factor is refused */
    assert_int_equal(store_year_settings(st, c->lib, 2022, "火星", NULL, &cause), ERR_NOTFOUND);
    free(cause);
    store_close(st);
    unlink(c->path);
}

static void
test_rollback_and_lock(void **state)
{
    struct ctx *c = *state;
    struct store *st = create(c);
    struct wb_year y;
    sqlite3 *other;
    char *cause = NULL;

    assert_int_equal(store_year_add(st, c->lib, 2024, NULL, NULL, &cause), ERR_OK);
    assert_int_equal(store_begin(st, &cause), ERR_OK);
    assert_int_equal(store_info_set(st, FS_YEAR, 2024, "headcount", "10", &cause), ERR_OK);
    store_rollback(st);
    assert_int_equal(store_load_year(st, c->lib, 2024, &y, &cause), ERR_OK);
    assert_null(model_info(&y, "headcount"));
    model_free(&y);

    /* another program holds the write lock: we wait the busy timeout, then say so */
    assert_int_equal(sqlite3_open(c->path, &other), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    store_close(st);
    setenv("TANBOOK_BUSY_TIMEOUT_MS", "100", 1);
    assert_int_equal(store_open(c->path, STORE_EXISTING, &st, &cause), ERR_OK);  /* readers pass */
    assert_int_equal(store_begin(st, &cause), ERR_LOCKED);
    assert_non_null(strstr(cause, "占用"));
    free(cause);
    /* once released, the same write goes through */
    assert_int_equal(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(other);
    assert_int_equal(store_begin(st, &cause), ERR_OK);
    assert_int_equal(store_info_set(st, FS_YEAR, 2024, "headcount", "10", &cause), ERR_OK);
    assert_int_equal(store_commit(st, &cause), ERR_OK);
    unsetenv("TANBOOK_BUSY_TIMEOUT_MS");
    store_close(st);
    unlink(c->path);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_marks_file),
        cmocka_unit_test(test_migrates_v1_fixture),
        cmocka_unit_test(test_v2_history_is_not_undoable),
        cmocka_unit_test(test_refuses_newer_and_foreign),
        cmocka_unit_test(test_year_pins_and_log),
        cmocka_unit_test(test_rollback_and_lock),
    };

    return cmocka_run_group_tests_name("store", tests, setup, teardown);
}
