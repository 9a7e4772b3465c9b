/*
 * test_store.c - the workbook file: creation, migration of an older schema, refusal of newer
 * and foreign files, pinned factors, the edit log, transactions, a lock held elsewhere, and
 * read-only opening (older schemas left as they are, every write refused, a directory that may
 * not be written, checked as another user when the test runs as root). The test talks to SQLite
 * directly only to fake other programs and older files. Undo and redo are tested in test_undo.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <grp.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/store.h"
#include "store/store_internal.h"    /* store_fail: test_raise_is_not_input */
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
    struct store_action act;
    size_t n;
    char *cause = NULL;

    make_v2(c->path);
    assert_int_equal(store_open(c->path, STORE_EXISTING, &st, &cause), ERR_OK);
    assert_false(store_readonly(st));
    assert_int_equal(store_opened_version(st), 2);
    assert_int_equal(sql_int(c->path, "PRAGMA user_version"), store_latest_version());
    /* the two old rows are history: readable, but nothing to undo */
    assert_false(store_can_undo(st));
    assert_int_equal(store_undo(st, &act, &cause), ERR_NOTFOUND);
    assert_int_equal(act.n, 0);
    free(cause);
    assert_int_equal(store_log(st, &log, &n, &cause), ERR_OK);
    assert_int_equal(n, 2);
    assert_string_equal(log[0].old_value, "7000");
    assert_string_equal(log[1].new_value, "旧版本示例学校");
    store_log_free(log, n);
    /* a new edit is undoable; its undo stops there and leaves version 1's data alone */
    assert_int_equal(store_info_set(st, FS_YEAR, 2022, "building_area", "8500", &cause), ERR_OK);
    assert_true(store_can_undo(st));
    assert_int_equal(store_undo(st, &act, &cause), ERR_OK);
    /* the facts of what was undone: one row, its summaries and its columns before and after */
    assert_int_equal(act.n, 1);
    assert_string_equal(act.facts[0].tbl, "year_info");
    assert_string_equal(act.facts[0].row, "2022");
    assert_string_equal(act.facts[0].field, "building_area");
    assert_string_equal(act.facts[0].old_value, "8000");
    assert_string_equal(act.facts[0].new_value, "8500");
    assert_string_equal(store_col_text(act.facts[0].before, act.facts[0].nbefore, "value"), "8000");
    assert_string_equal(store_col_text(act.facts[0].after, act.facts[0].nafter, "value"), "8500");
    assert_true(store_col_find(act.facts[0].after, act.facts[0].nafter, "year")->num == 2022);
    assert_string_equal(store_col_text(act.facts[0].after, act.facts[0].nafter, "absent"), "");
    assert_null(act.facts[0].entry_source);
    store_action_free(&act);
    store_action_free(NULL);
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

/* A newer, a foreign and a missing file are refused, read-write (mode) or read-only alike. */
static void
refuses_newer_and_foreign(struct ctx *c, enum store_mode mode)
{
    struct store *st = create(c);
    char *cause = NULL, other[160];
    FILE *f;

    store_close(st);
    sql_exec(c->path, "PRAGMA user_version = 99");
    assert_int_equal(store_open(c->path, mode, &st, &cause), ERR_NEWER);
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
    assert_int_equal(store_open(other, mode, &st, &cause), ERR_NOTWORKBOOK);
    assert_non_null(strstr(cause, "不是碳账本工作簿"));
    free(cause);
    unlink(other);

    /* another program's SQLite database */
    snprintf(other, sizeof(other), "%s/other.db", c->dir);
    sql_exec(other, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
    assert_int_equal(store_open(other, mode, &st, &cause), ERR_NOTWORKBOOK);
    free(cause);
    assert_int_equal(sql_int(other, "SELECT count(*) FROM t"), 1);
    assert_int_equal(sql_int(other, "SELECT count(*) FROM sqlite_schema"), 1);
    unlink(other);

    /* a missing file */
    assert_int_equal(store_open(other, mode, &st, &cause), ERR_IO);
    assert_non_null(strstr(cause, "找不到"));
    free(cause);
    assert_int_equal(access(other, F_OK), -1);
}

static void
test_refuses_newer_and_foreign(void **state)
{
    refuses_newer_and_foreign(*state, STORE_EXISTING);
    refuses_newer_and_foreign(*state, STORE_READONLY);
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

/*
 * store_begin nests: an inner begin/commit (a sheet's own transaction inside a fill) joins the
 * outer one, so the two values are one action and one undo takes both back; an inner rollback
 * ends the whole transaction and the outer commit then reports it.
 */
static void
test_nested_begin(void **state)
{
    struct ctx *c = *state;
    struct store *st = create(c);
    struct store_action act = {0};
    struct wb_year y;
    char *cause = NULL;

    assert_int_equal(store_year_add(st, c->lib, 2024, NULL, NULL, &cause), ERR_OK);
    assert_int_equal(store_begin(st, &cause), ERR_OK);
    assert_int_equal(store_info_set(st, FS_YEAR, 2024, "headcount", "10", &cause), ERR_OK);
    assert_int_equal(store_begin(st, &cause), ERR_OK);              /* inner */
    assert_int_equal(store_info_set(st, FS_YEAR, 2024, "building_area", "500", &cause), ERR_OK);
    assert_int_equal(store_commit(st, &cause), ERR_OK);             /* inner: nothing yet */
    assert_int_equal(store_commit(st, &cause), ERR_OK);             /* outer: both saved */
    assert_int_equal(store_load_year(st, c->lib, 2024, &y, &cause), ERR_OK);
    assert_string_equal(model_info(&y, "headcount"), "10");
    assert_string_equal(model_info(&y, "building_area"), "500");
    model_free(&y);
    assert_int_equal(store_undo(st, &act, &cause), ERR_OK);         /* one undo, both gone */
    assert_int_equal(act.n, 2);
    store_action_free(&act);
    assert_int_equal(store_load_year(st, c->lib, 2024, &y, &cause), ERR_OK);
    assert_null(model_info(&y, "headcount"));
    assert_null(model_info(&y, "building_area"));
    model_free(&y);

    assert_int_equal(store_begin(st, &cause), ERR_OK);
    assert_int_equal(store_info_set(st, FS_YEAR, 2024, "headcount", "20", &cause), ERR_OK);
    assert_int_equal(store_begin(st, &cause), ERR_OK);
    store_rollback(st);                                             /* inner gives up: all of it */
    assert_int_equal(store_commit(st, &cause), ERR_IO);
    assert_non_null(strstr(cause, "整组修改都已撤回"));
    free(cause);
    cause = NULL;
    assert_int_equal(store_load_year(st, c->lib, 2024, &y, &cause), ERR_OK);
    assert_null(model_info(&y, "headcount"));
    model_free(&y);
    store_close(st);
    unlink(c->path);
}

/* The bytes of the file at path (*len of them; caller frees). */
static char *
slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    buf = xmalloc((size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void
copy_file(const char *from, const char *to)
{
    size_t n;
    char *bytes = slurp(from, &n);
    FILE *f = fopen(to, "wb");

    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    free(bytes);
}

/* Whether path + suffix exists. */
static int
exists(const char *path, const char *suffix)
{
    char p[512];

    snprintf(p, sizeof(p), "%s%s", path, suffix);
    return access(p, F_OK) == 0;
}

/* Every write of a read-only store is refused with ERR_READONLY, saying so. */
static void
assert_writes_refused(struct ctx *c, struct store *st, int year)
{
    struct factor_pin pin = {.source_id = (char *)"natural_gas", .value = 1, .unit = (char *)"t",
                             .source_text = (char *)"x"};
    struct store_action act = {.n = 3};
    enum err got[13];
    char *causes[13] = {0};
    long long id = 1;
    size_t i;

    got[0] = store_begin(st, &causes[0]);
    got[1] = store_commit(st, &causes[1]);
    got[2] = store_info_set(st, FS_YEAR, year, "building_area", "1", &causes[2]);
    got[3] = store_pin_set(st, year, &pin, &causes[3]);
    got[4] = store_year_add(st, c->lib, 2030, NULL, NULL, &causes[4]);
    got[5] = store_year_settings(st, c->lib, year, "华东", NULL, &causes[5]);
    got[6] = store_entry_ensure(st, year, "electricity", "", "", "", &id, NULL, &causes[6]);
    got[7] = store_activity_put(st, 1, "2022-01", 1, "kWh", "", "", NULL, &causes[7]);
    got[8] = store_entry_update(st, 1, NULL, "新设施", NULL, NULL, &causes[8]);
    got[9] = store_entry_delete(st, 1, &causes[9]);
    got[10] = store_activity_delete(st, 1, "2022-01", &causes[10]);
    got[11] = store_undo(st, &act, &causes[11]);
    got[12] = store_redo(st, NULL, &causes[12]);
    for (i = 0; i < nitems(got); i++) {
        if (got[i] != ERR_READONLY)
            fail_msg("write %zu: err %d, want ERR_READONLY (%s)", i, got[i],
                     causes[i] != NULL ? causes[i] : "");
        assert_non_null(strstr(causes[i], "只读"));
        free(causes[i]);
    }
    assert_int_equal(act.n, 0);
    assert_false(store_can_undo(st));
    assert_false(store_can_redo(st));
    assert_int_equal(err_exit_code(ERR_READONLY), 3);
    assert_string_equal(err_str(ERR_READONLY), "工作簿以只读方式打开");
}

static void
test_readonly_leaves_v1_alone(void **state)
{
    struct ctx *c = *state;
    struct store *st;
    struct store_log_entry *log;
    struct wb_year y;
    size_t n, len, len2;
    char *cause = NULL, *bytes, *now;

    load_v1_fixture(c->path);
    bytes = slurp(c->path, &len);
    assert_int_equal(store_open(c->path, STORE_READONLY, &st, &cause), ERR_OK);
    assert_true(store_readonly(st));
    assert_int_equal(store_opened_version(st), 1);
    assert_int_equal(store_load_year(st, c->lib, 2022, &y, &cause), ERR_OK);
    assert_string_equal(model_info(&y, "unit_name"), "旧版本示例学校");
    assert_int_equal(y.nentries, 1);
    assert_true(y.entries[0].acts[0].quantity == 500000);
    assert_true(model_pin(&y, "electricity")->value == 0.5366);
    model_free(&y);
    /* no edit log nor undo tables yet: an empty history, nothing to undo */
    assert_int_equal(store_log(st, &log, &n, &cause), ERR_OK);
    assert_int_equal(n, 0);
    store_log_free(log, n);
    assert_writes_refused(c, st, 2022);
    store_close(st);
    /* not migrated, not touched, no journal files left */
    assert_int_equal(sql_int(c->path, "PRAGMA user_version"), 1);
    now = slurp(c->path, &len2);
    assert_int_equal(len2, len);
    assert_memory_equal(now, bytes, len);
    assert_false(exists(c->path, "-wal") || exists(c->path, "-shm") || exists(c->path, "-journal"));
    free(now);
    free(bytes);

    /* a version 2 workbook: its history reads, nothing is undoable, the file stays version 2 */
    unlink(c->path);
    make_v2(c->path);
    bytes = slurp(c->path, &len);
    assert_int_equal(store_open(c->path, STORE_READONLY, &st, &cause), ERR_OK);
    assert_int_equal(store_opened_version(st), 2);
    assert_int_equal(store_log(st, &log, &n, &cause), ERR_OK);
    assert_int_equal(n, 2);
    assert_string_equal(log[0].old_value, "7000");
    store_log_free(log, n);
    assert_writes_refused(c, st, 2022);
    store_close(st);
    assert_int_equal(sql_int(c->path, "PRAGMA user_version"), 2);
    now = slurp(c->path, &len2);
    assert_true(len2 == len && memcmp(now, bytes, len) == 0);
    free(now);
    free(bytes);
    unlink(c->path);
}

/* A current workbook (WAL mode, with an undo stack) opened read-only: read, refused, unchanged. */
static void
test_readonly_current(void **state)
{
    struct ctx *c = *state;
    struct store *st = create(c);
    struct wb_year y;
    size_t len, len2;
    char *cause = NULL, *bytes, *now;

    assert_int_equal(store_year_add(st, c->lib, 2024, NULL, NULL, &cause), ERR_OK);
    assert_int_equal(store_info_set(st, FS_YEAR, 2024, "building_area", "1200", &cause), ERR_OK);
    store_close(st);
    bytes = slurp(c->path, &len);
    assert_int_equal(store_open(c->path, STORE_READONLY, &st, &cause), ERR_OK);
    assert_int_equal(store_load_year(st, c->lib, 2024, &y, &cause), ERR_OK);
    assert_string_equal(model_info(&y, "building_area"), "1200");
    model_free(&y);
    assert_writes_refused(c, st, 2024);
    store_close(st);
    now = slurp(c->path, &len2);
    assert_true(len2 == len && memcmp(now, bytes, len) == 0);
    assert_sql(c->path, "SELECT value FROM year_info", "1200");
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM edit_action WHERE state = 0"), 2);
    free(now);
    free(bytes);
    store_remove(c->path);
}

/* The workbooks of test_readonly_directory, and what the child found. */
struct ro_dir {
    char root[64];            /* 0755, so that another user can reach dir */
    char dir[128];            /* 0555, its name in need of URI escaping */
    char wal[192];            /* a current workbook, closed cleanly: no -wal, no -shm */
    char v1[192];             /* the version 1 fixture */
    char open_wal[192];       /* copied while a writer held it: -wal (with a change) and -shm */
    char lost_shm[192];       /* the same without its -shm: the -wal cannot be read */
};

/* Opens path read-only, checks key of year and that a write is refused; 0 when all is well. */
static int
ro_check(const struct ctx *c, const char *path, int year, const char *key, const char *want)
{
    struct store *st;
    struct wb_year y;
    char *cause = NULL;
    const char *got;
    int bad = 0;
    enum err e;

    if ((e = store_open(path, STORE_READONLY, &st, &cause)) != ERR_OK) {
        fprintf(stderr, "# %s: open: %d %s\n", path, e, cause);
        free(cause);
        return 1;
    }
    if ((e = store_load_year(st, c->lib, year, &y, &cause)) != ERR_OK) {
        fprintf(stderr, "# %s: load %d: %d %s\n", path, year, e, cause);
        free(cause);
        store_close(st);
        return 1;
    }
    got = model_info(&y, key);
    if (got == NULL || strcmp(got, want) != 0) {
        fprintf(stderr, "# %s: %s is %s, want %s\n", path, key, got ? got : "(none)", want);
        bad = 1;
    }
    model_free(&y);
    if (store_info_set(st, FS_YEAR, year, key, "1", &cause) != ERR_READONLY) {
        fprintf(stderr, "# %s: a write was not refused\n", path);
        bad = 1;
    }
    free(cause);
    store_close(st);
    return bad;
}

/* What the child, another user, checks in the directory it may not write; its exit status. */
static int
ro_child(const struct ctx *c, const struct ro_dir *d)
{
    struct store *st;
    char *cause = NULL;
    int bad = 0;

    if (geteuid() == 0
        && (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0)) {
        fprintf(stderr, "# could not become nobody\n");
        return 100;
    }
    if (access(d->dir, W_OK) == 0) {
        fprintf(stderr, "# %s is writable after all\n", d->dir);
        return 101;
    }
    bad += ro_check(c, d->wal, 2024, "building_area", "1200");
    bad += ro_check(c, d->v1, 2022, "unit_name", "旧版本示例学校");
    bad += ro_check(c, d->open_wal, 2024, "building_area", "1500");   /* the change in the -wal */
    if (store_open(d->lost_shm, STORE_READONLY, &st, &cause) != ERR_IO
        || strstr(cause, "-wal") == NULL || strstr(cause, "其他程序中打开") == NULL
        || strstr(cause, "没有正常关闭") == NULL) {
        fprintf(stderr, "# %s: opened, or not refused with the reason: %s\n", d->lost_shm,
                cause ? cause : "");
        bad++;
    }
    free(cause);
    /* opened for writing, it says why it cannot be, not SQLite's "attempt to write a readonly
       database" from its first read */
    cause = NULL;
    if (store_open(d->wal, STORE_EXISTING, &st, &cause) != ERR_READONLY
        || strstr(cause, "没有写入该工作簿文件（或其所在文件夹）的权限") == NULL) {
        fprintf(stderr, "# %s: opened for writing, or not refused with the reason: %s\n", d->wal,
                cause ? cause : "");
        bad++;
    }
    free(cause);
    return bad;
}

/* The names in dir, sorted and joined with ','. */
static char *
dir_names(const char *dir)
{
    struct dirent **ents;
    char *out = xstrdup(""), *next;
    int n, i;

    n = scandir(dir, &ents, NULL, alphasort);
    assert_true(n >= 0);
    for (i = 0; i < n; i++) {
        if (ents[i]->d_name[0] != '.') {
            next = xasprintf("%s%s%s", out, out[0] != '\0' ? "," : "", ents[i]->d_name);
            free(out);
            out = next;
        }
        free(ents[i]);
    }
    free(ents);
    return out;
}

/*
 * A workbook in a directory that may not be written opens read-only. Root may write anywhere, so
 * as root the opening runs in a child that became nobody (65534); otherwise chmod is enough.
 */
static void
test_readonly_directory(void **state)
{
    struct ctx *c = *state;
    struct ro_dir d;
    struct store *st = create(c);
    sqlite3 *writer;
    char *cause = NULL, *before, *after, from[256], to[256], cmd[160];
    size_t len, len2;
    char *bytes, *now;
    int status;
    pid_t pid;

    strcpy(d.root, "/tmp/tanbook-ro-XXXXXX");
    assert_non_null(mkdtemp(d.root));
    assert_int_equal(chmod(d.root, 0755), 0);
    snprintf(d.dir, sizeof(d.dir), "%s/只读 ?#%%41+&=", d.root);
    assert_int_equal(mkdir(d.dir, 0755), 0);
    snprintf(d.wal, sizeof(d.wal), "%s/w.tanbook", d.dir);
    snprintf(d.v1, sizeof(d.v1), "%s/v1.tanbook", d.dir);
    snprintf(d.open_wal, sizeof(d.open_wal), "%s/open.tanbook", d.dir);
    snprintf(d.lost_shm, sizeof(d.lost_shm), "%s/lost.tanbook", d.dir);

    /* the current workbook, closed cleanly */
    assert_int_equal(store_year_add(st, c->lib, 2024, NULL, NULL, &cause), ERR_OK);
    assert_int_equal(store_info_set(st, FS_YEAR, 2024, "building_area", "1200", &cause), ERR_OK);
    store_close(st);
    assert_false(exists(c->path, "-wal") || exists(c->path, "-shm"));
    copy_file(c->path, d.wal);
    /* copies taken while another program has a change in the -wal, not yet checkpointed */
    assert_int_equal(sqlite3_open(c->path, &writer), SQLITE_OK);
    assert_int_equal(sqlite3_exec(writer, "PRAGMA wal_autocheckpoint = 0; UPDATE year_info SET "
                                          "value = '1500'", NULL, NULL, NULL), SQLITE_OK);
    snprintf(from, sizeof(from), "%s-wal", c->path);
    snprintf(to, sizeof(to), "%s-wal", d.open_wal);
    copy_file(from, to);
    snprintf(to, sizeof(to), "%s-wal", d.lost_shm);
    copy_file(from, to);
    snprintf(from, sizeof(from), "%s-shm", c->path);
    snprintf(to, sizeof(to), "%s-shm", d.open_wal);
    copy_file(from, to);
    copy_file(c->path, d.open_wal);
    copy_file(c->path, d.lost_shm);
    sqlite3_close(writer);
    store_remove(c->path);
    load_v1_fixture(c->path);
    copy_file(c->path, d.v1);
    unlink(c->path);

    snprintf(cmd, sizeof(cmd), "chmod 0444 '%s'/*", d.dir);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(chmod(d.dir, 0555), 0);
    before = dir_names(d.dir);
    bytes = slurp(d.wal, &len);

    fflush(NULL);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        status = ro_child(c, &d);
        free(before);       /* the child's copies: valgrind checks the child for leaks too */
        free(bytes);
        _exit(status);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);

    /* nothing appeared (no -shm, no -wal) and the workbook is as it was */
    after = dir_names(d.dir);
    assert_string_equal(after, before);
    assert_string_equal(after, "lost.tanbook,lost.tanbook-wal,open.tanbook,open.tanbook-shm,"
                               "open.tanbook-wal,v1.tanbook,w.tanbook");
    now = slurp(d.wal, &len2);
    assert_true(len2 == len && memcmp(now, bytes, len) == 0);
    free(now);
    free(bytes);
    free(before);
    free(after);
    assert_int_equal(chmod(d.dir, 0755), 0);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", d.root);
    assert_int_equal(system(cmd), 0);
}

/* The 2022 row of period p of the v1 fixture's entry: its quantity, na and note. */
static void
load_act(struct ctx *c, struct store *st, const char *p, double *q, int *na, char *note,
         size_t size)
{
    struct wb_year y;
    char *cause = NULL, text[16];
    size_t i;

    assert_int_equal(store_load_year(st, c->lib, 2022, &y, &cause), ERR_OK);
    *na = -1;
    for (i = 0; i < y.entries[0].nacts; i++) {
        period_format(&y.entries[0].acts[i].period, text, sizeof(text));
        if (strcmp(text, p) == 0) {
            *q = y.entries[0].acts[i].quantity;
            *na = y.entries[0].acts[i].na;
            snprintf(note, size, "%s", y.entries[0].acts[i].note);
        }
    }
    model_free(&y);
}

/*
 * Schema version 4: an older workbook gets activity.na (0 on its rows); a period put 不适用 is
 * a row of quantity 0 and na 1, logged as "不适用"; a value put over it clears na, and undo and
 * redo bring back each state exactly (na is in the row images).
 */
static void
test_na_periods(void **state)
{
    struct ctx *c = *state;
    struct store *st;
    struct store_log_entry *log;
    char *cause = NULL, note[64];
    double q = -1;
    size_t n;
    int na, replaced = -1;

    load_v1_fixture(c->path);
    assert_int_equal(store_open(c->path, STORE_EXISTING, &st, &cause), ERR_OK);
    assert_int_equal(store_latest_version(), 9);
    assert_int_equal(sql_int(c->path, "PRAGMA user_version"), 9);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM activity WHERE na = 0"), 1);
    load_act(c, st, "2022", &q, &na, note, sizeof(note));
    assert_true(q == 500000 && na == 0);

    /* the whole year of entry 1 (500000 kWh) becomes 不适用: replaced, quantity 0, na 1 */
    assert_int_equal(store_activity_put_na(st, 1, "2022", "kWh", "电费账单", "停用", &replaced,
                                           &cause), ERR_OK);
    assert_true(replaced);
    load_act(c, st, "2022", &q, &na, note, sizeof(note));
    assert_true(q == 0 && na == 1);
    assert_string_equal(note, "停用");
    assert_int_equal(store_log(st, &log, &n, &cause), ERR_OK);
    assert_string_equal(log[n - 1].old_value, "500000 kWh");
    assert_string_equal(log[n - 1].new_value, "不适用");
    store_log_free(log, n);

    /* undo: the value is back exactly; redo: 不适用 again */
    assert_int_equal(store_undo(st, NULL, &cause), ERR_OK);
    load_act(c, st, "2022", &q, &na, note, sizeof(note));
    assert_true(q == 500000 && na == 0);
    assert_string_equal(note, "");
    assert_int_equal(store_redo(st, NULL, &cause), ERR_OK);
    load_act(c, st, "2022", &q, &na, note, sizeof(note));
    assert_true(q == 0 && na == 1);

    /* a value over a 不适用 period clears na; undo makes it 不适用 again */
    assert_int_equal(store_activity_put(st, 1, "2022", 480000, "kWh", "电费账单", "", &replaced,
                                        &cause), ERR_OK);
    load_act(c, st, "2022", &q, &na, note, sizeof(note));
    assert_true(q == 480000 && na == 0);
    assert_int_equal(store_undo(st, NULL, &cause), ERR_OK);
    load_act(c, st, "2022", &q, &na, note, sizeof(note));
    assert_true(q == 0 && na == 1);
    assert_string_equal(note, "停用");

    /* the file says so to any program */
    assert_int_equal(sql_int(c->path, "SELECT na FROM activity WHERE period = '2022'"), 1);
    store_close(st);
    unlink(c->path);
}

/* A workbook of 2024 with 100 m³ of natural gas in 2024-03 (activity id 1), closed. */
static void
make_gas(struct ctx *c)
{
    struct store *st = create(c);
    char *cause = NULL;
    long long id;

    assert_int_equal(store_year_add(st, c->lib, 2024, NULL, NULL, &cause), ERR_OK);
    assert_int_equal(store_entry_ensure(st, 2024, "natural_gas", "炉灶", "", "", &id, NULL,
                                        &cause), ERR_OK);
    assert_int_equal(store_activity_put(st, id, "2024-03", 100, "m³", "", "", NULL, &cause),
                     ERR_OK);
    store_close(st);
}

/*
 * Our schema or nothing: a workbook whose schema another program changed is refused in every
 * mode before anything of it runs or is read, naming the object, and is left byte for byte as it
 * was. Each row: what the other program did, and what the refusal must say.
 */
static const struct {
    const char *sql;
    const char *says;
} foreign_schemas[] = {
    /* the issue's: a set fired it and 66 rows became 1 */
    {"CREATE TRIGGER t1 AFTER UPDATE ON year_info BEGIN DELETE FROM activity; END",
     "工作簿含有不属于碳账本的触发器 t1，为安全起见不予打开"},
    {"CREATE TRIGGER t2 BEFORE INSERT ON activity BEGIN SELECT RAISE(ABORT, 'no'); END",
     "触发器 t2"},
    {"CREATE VIEW v1 AS SELECT * FROM activity", "不属于碳账本的视图 v1"},
    {"CREATE INDEX extra ON activity(unit)", "不属于碳账本的索引 extra"},
    {"CREATE TABLE notes (x)", "不属于碳账本的表 notes"},
    {"CREATE TRIGGER \"t\x1b]0;pwned\x07\" AFTER INSERT ON years BEGIN SELECT 1; END",
     "触发器 t\\x1B]0;pwned\\x07，"},
    /* a column added; a CHECK taken out (as sqlite3's writable_schema allows) */
    {"ALTER TABLE activity ADD COLUMN evil TEXT",
     "工作簿中的表 activity 与碳账本（格式版本 9）的定义不同"},
    {"PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, "
     "'CHECK (quantity >= 0)', '') WHERE name = 'activity'; PRAGMA writable_schema = OFF",
     "表 activity 与碳账本"},
    {"DROP INDEX inventory_by_position; CREATE INDEX inventory_by_position ON inventory(position)",
     "索引 inventory_by_position 与碳账本"},
    {"DROP INDEX edit_log_by_action", "工作簿缺少碳账本（格式版本 9）的索引 edit_log_by_action"},
    /* SQLite's statistics are let be only as SQLite makes them */
    {"ANALYZE; PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = "
     "'CREATE TABLE sqlite_stat1(tbl,idx,stat,x)' WHERE name = 'sqlite_stat1'",
     "不属于碳账本的表 sqlite_stat1"},
};

static void
test_schema_foreign(void **state)
{
    static const enum store_mode modes[] = {STORE_EXISTING, STORE_READONLY, STORE_READONLY_SHARED};
    struct ctx *c = *state;
    struct store *st;
    char *cause, *before, *after;
    size_t i, m, len, len2;

    for (i = 0; i < nitems(foreign_schemas); i++) {
        make_gas(c);
        sql_exec(c->path, foreign_schemas[i].sql);
        before = slurp(c->path, &len);
        for (m = 0; m < nitems(modes); m++) {
            cause = NULL;
            st = NULL;
            assert_int_equal(store_open(c->path, modes[m], &st, &cause), ERR_CORRUPT);
            assert_null(st);
            if (strstr(cause, foreign_schemas[i].says) == NULL)
                fail_msg("%s: \"%s\" does not say \"%s\"", foreign_schemas[i].sql, cause,
                         foreign_schemas[i].says);
            free(cause);
        }
        after = slurp(c->path, &len2);
        assert_true(len == len2 && memcmp(before, after, len) == 0);
        assert_int_equal(sql_int(c->path, "SELECT count(*) FROM activity"), 1);
        free(before);
        free(after);
        store_remove(c->path);
    }
}

/*
 * What differs in layout only is ours: the v1 fixture's CREATE texts have other line breaks than
 * the migrations (test_migrates_v1_fixture opens it), and ANALYZE's statistics tables are
 * SQLite's own, data for its planner. A workbook as tanbook leaves it is accepted, of course.
 */
static void
test_schema_layout_and_statistics(void **state)
{
    struct ctx *c = *state;
    struct store *st;
    struct wb_year y;
    char *cause = NULL;

    make_gas(c);
    sql_exec(c->path, "ANALYZE");
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM sqlite_schema "
                                      "WHERE name LIKE 'sqlite_stat%'"), 1);
    assert_int_equal(store_open(c->path, STORE_READONLY, &st, &cause), ERR_OK);
    assert_int_equal(store_load_year(st, c->lib, 2024, &y, &cause), ERR_OK);
    assert_true(y.nentries == 1 && y.entries[0].nacts == 1);
    model_free(&y);
    store_close(st);
    store_remove(c->path);

    load_v1_fixture(c->path);
    assert_int_equal(store_open(c->path, STORE_READONLY, &st, &cause), ERR_OK);
    assert_int_equal(store_opened_version(st), 1);
    store_close(st);
    unlink(c->path);
}

/*
 * A trigger added by another program while the workbook is open (a terminal workbook left open)
 * is found at the next write, inside its transaction, before anything is written.
 */
static void
test_schema_changed_while_open(void **state)
{
    struct ctx *c = *state;
    struct store *st;
    char *cause = NULL;

    make_gas(c);
    assert_int_equal(store_open(c->path, STORE_EXISTING, &st, &cause), ERR_OK);
    assert_int_equal(store_info_set(st, FS_YEAR, 2024, "building_area", "1000", &cause), ERR_OK);
    sql_exec(c->path, "CREATE TRIGGER t1 AFTER UPDATE ON year_info BEGIN DELETE FROM activity; "
                      "END");
    assert_int_equal(store_info_set(st, FS_YEAR, 2024, "building_area", "2000", &cause),
                     ERR_CORRUPT);
    assert_non_null(strstr(cause, "触发器 t1"));
    free(cause);
    assert_sql(c->path, "SELECT value FROM year_info WHERE key = 'building_area'", "1000");
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM activity"), 1);
    /* gone again: writes go on (a VACUUM changes the schema version, not the schema) */
    sql_exec(c->path, "DROP TRIGGER t1; VACUUM");
    assert_int_equal(store_info_set(st, FS_YEAR, 2024, "building_area", "2000", &cause), ERR_OK);
    store_close(st);
    assert_sql(c->path, "SELECT value FROM year_info WHERE key = 'building_area'", "2000");
    store_remove(c->path);
}

/*
 * A RAISE() from inside SQLite is no rule of tanbook's: exit 3 (ERR_CORRUPT), not 1 as a refused
 * input. (A file's own triggers never run - they are refused at opening and disabled on the
 * connection - so this is tested on the mapping itself; SQLite's other constraints stay ERR_INPUT.)
 */
static void
test_raise_is_not_input(void **state)
{
    char *cause = NULL;

    (void)state;
    assert_int_equal(store_fail(NULL, SQLITE_CONSTRAINT_TRIGGER, "写入工作簿", &cause),
                     ERR_CORRUPT);
    assert_non_null(strstr(cause, "触发器"));
    assert_int_equal(err_exit_code(ERR_CORRUPT), 3);
    free(cause);
    assert_int_equal(store_fail(NULL, SQLITE_CONSTRAINT, "写入工作簿", &cause), ERR_INPUT);
    free(cause);
}

/*
 * Impossible numbers inside a file: what no way into tanbook writes is refused on loading
 * (ERR_CORRUPT, exit 3), naming the value and its row. Each row: what another program did
 * (with CHECK constraints ignored, as sqlite3 lets it), the year loaded, what the refusal says.
 */
static const struct {
    const char *sql;
    const char *says;
} impossible[] = {
    {"UPDATE factors SET value = 1e999 WHERE source = 'natural_gas'", "天然气 的排放因子 inf 不在"},
    {"UPDATE factors SET value = -1e999 WHERE source = 'natural_gas'", "排放因子 -inf 不在"},
    /* 1e+308 (under valgrind SQLite reads 1.0000000000000006e+308) */
    {"UPDATE factors SET value = 1e308 WHERE source = 'natural_gas'", "e+308 不在 0 到 1000000"},
    {"UPDATE factors SET value = -0.5 WHERE source = 'electricity'", "外购电力 的排放因子 -0.5"},
    {"UPDATE factors SET value = 1000001 WHERE source = 'natural_gas'", "排放因子 1000001 不在"},
    {"UPDATE factors SET ncv = 1e999 WHERE source = 'natural_gas'", "低位发热量 inf"},
    {"UPDATE factors SET density = -1 WHERE source = 'gasoline'", "汽油 的密度 -1"},
    {"UPDATE activity SET quantity = -5", "天然气（炉灶）、期间 2024-03 的数量 -5 不在 0 到 1000000000 之间（activity 表 id 1）"},
    {"UPDATE activity SET quantity = 1e999", "的数量 inf 不在"},
    {"UPDATE activity SET quantity = 1000000001", "的数量 1000000001 不在"},
    {"UPDATE activity SET period = '2024-13'", "的活动数据期间“2024-13”有误"},
    {"UPDATE activity SET period = 'soon'", "期间“soon”有误"},
    {"UPDATE activity SET period = '2019-03'", "期间“2019-03”不在 2024 年度内"},
    {"UPDATE activity SET unit = 'furlong'", "单位“furlong”不是碳账本认识的单位"},
};

static void
test_impossible_values(void **state)
{
    struct ctx *c = *state;
    struct store *st;
    struct wb_year y;
    char *cause, q[256];
    size_t i;

    for (i = 0; i < nitems(impossible); i++) {
        make_gas(c);
        snprintf(q, sizeof(q), "PRAGMA ignore_check_constraints = ON; %s", impossible[i].sql);
        sql_exec(c->path, q);
        cause = NULL;
        assert_int_equal(store_open(c->path, STORE_READONLY, &st, &cause), ERR_OK);
        assert_int_equal(store_load_year(st, c->lib, 2024, &y, &cause), ERR_CORRUPT);
        if (strstr(cause, impossible[i].says) == NULL)
            fail_msg("%s: \"%s\" does not say \"%s\"", impossible[i].sql, cause,
                     impossible[i].says);
        assert_non_null(strstr(cause, "不是碳账本写入的值"));
        free(cause);
        assert_null(y.entries);    /* nothing half loaded is left */
        store_close(st);
        store_remove(c->path);
    }

    /* the limits themselves are fine: 10⁹ m³, a factor of 10⁶ */
    make_gas(c);
    sql_exec(c->path, "UPDATE activity SET quantity = 1e9; "
                      "UPDATE factors SET value = 1e6 WHERE source = 'natural_gas'");
    assert_int_equal(store_open(c->path, STORE_READONLY, &st, &cause), ERR_OK);
    assert_int_equal(store_load_year(st, c->lib, 2024, &y, &cause), ERR_OK);
    assert_true(y.entries[0].acts[0].quantity == 1e9);
    model_free(&y);
    store_close(st);

    /* NaN cannot be in a file: SQLite stores it as NULL, which NOT NULL refuses */
    {
        sqlite3 *db;

        assert_int_equal(sqlite3_open(c->path, &db), SQLITE_OK);
        assert_int_equal(sqlite3_exec(db, "UPDATE activity SET quantity = (1e999 - 1e999)", NULL,
                                      NULL, NULL), SQLITE_CONSTRAINT);
        sqlite3_close(db);
    }

    /* a year out of range is refused on opening, in every mode: every command starts from the
       years (the latest, or the one asked for) */
    sql_exec(c->path, "PRAGMA ignore_check_constraints = ON; UPDATE years SET year = 1900");
    for (i = 0; i < 2; i++) {
        cause = NULL;
        st = NULL;
        assert_int_equal(store_open(c->path, i == 0 ? STORE_READONLY : STORE_EXISTING, &st,
                                    &cause), ERR_CORRUPT);
        assert_null(st);
        assert_non_null(strstr(cause, "工作簿中的年度 1900 不在 1990–2100 之间（years 表）"));
        free(cause);
    }
    assert_int_equal(sql_int(c->path, "SELECT year FROM years"), 1900);
    store_remove(c->path);
}

/* The store's limits are the forms': forms/a5's quantity and forms/a6's factor (data). */
static void
test_limits_are_the_forms(void **state)
{
    struct ctx *c = *state;
    const struct field_def *q = forms_field(forms_get(c->forms, "A.5"), "quantity");
    const struct field_def *f = forms_field(forms_get(c->forms, "A.6"), "data");
    struct store *st;
    struct wb_year y;
    char *cause = NULL;

    assert_true(q->max == STORE_QUANTITY_MAX && q->min == 0);
    assert_true(f->max == STORE_FACTOR_MAX && f->min == 0);
    /* and every number of every built-in factor is within them: a new year loads */
    make_gas(c);
    assert_int_equal(store_open(c->path, STORE_READONLY, &st, &cause), ERR_OK);
    assert_int_equal(store_load_year(st, c->lib, 2024, &y, &cause), ERR_OK);
    assert_int_equal(y.npins, c->lib->nsources);
    model_free(&y);
    store_close(st);
    store_remove(c->path);
}

/*
 * Schema version 5: a version 4 workbook (its actions made before anyone recorded who) gets
 * edit_action's session, pid and program, NULL on its old action, which is nobody's own: undo
 * finds nothing of this store's, store_next names it as another program's without a program. A
 * new action records them. The text kept at a signal (pending_edit) goes in and comes out once;
 * a read-only store leaves it.
 */
static void
test_v5_origins_and_pending(void **state)
{
    struct ctx *c = *state;
    struct store *st = create(c);
    struct store_origin own, last;
    struct store_pending p = {.year = 2024, .step = (char *)"A.1", .row = 2, .col = 1,
                              .label = (char *)"建筑面积", .text = (char *)"12x"}, got;
    char *cause = NULL, *pid;
    int found;

    assert_int_equal(store_year_add(st, c->lib, 2024, NULL, NULL, &cause), ERR_OK);
    store_close(st);
    sql_exec(c->path, STORE_TO_V8_SQL "ALTER TABLE edit_action DROP COLUMN session;"
                      "ALTER TABLE edit_action DROP COLUMN pid;"
                      "ALTER TABLE edit_action DROP COLUMN program;"
                      "DROP TABLE pending_edit; DROP TABLE base_period; DROP TABLE target;"
                      "DROP TABLE measure; DROP TABLE offset_claim; DROP TABLE renewable;"
                      "DROP TABLE neutral_text; DROP TABLE assessment; PRAGMA user_version = 4;");
    /* read-only, as it is: no origins to read, nothing kept, and no write */
    assert_int_equal(store_open(c->path, STORE_READONLY, &st, &cause), ERR_OK);
    assert_int_equal(store_last_other(st, &last, &cause), ERR_OK);
    assert_int_equal(last.action, 0);
    assert_int_equal(store_pending_take(st, &got, &found, &cause), ERR_OK);
    assert_false(found);
    store_close(st);
    assert_int_equal(sql_int(c->path, "PRAGMA user_version"), 4);

    assert_int_equal(store_open(c->path, STORE_EXISTING, &st, &cause), ERR_OK);
    store_set_origin(st, 77, "import");
    assert_int_equal(sql_int(c->path, "PRAGMA user_version"), store_latest_version());
    assert_sql(c->path, "SELECT quote(session) || quote(pid) || quote(program) FROM edit_action",
               "NULLNULLNULL");
    assert_int_equal(store_undo(st, NULL, &cause), ERR_NOTFOUND);
    free(cause);
    assert_int_equal(store_next(st, 0, &own, &last, &cause), ERR_OK);
    assert_int_equal(own.action, 0);
    assert_int_equal(last.action, 1);
    assert_false(last.own);
    assert_null(last.program);
    assert_int_equal(last.pid, 0);
    assert_non_null(last.at);                    /* from its log rows */
    store_origin_free(&own);
    store_origin_free(&last);
    assert_int_equal(store_last_other(st, &last, &cause), ERR_OK);
    assert_int_equal(last.action, 1);
    store_origin_free(&last);

    assert_int_equal(store_info_set(st, FS_YEAR, 2024, "headcount", "9", &cause), ERR_OK);
    pid = xasprintf("77|%d|import", (int)getpid());
    assert_sql(c->path, "SELECT session || '|' || pid || '|' || program FROM edit_action "
                        "WHERE id = 2", pid);
    free(pid);
    assert_int_equal(store_last_other(st, &last, &cause), ERR_OK);
    assert_int_equal(last.action, 1);            /* its own new one is not another's */
    store_origin_free(&last);

    /* kept once, replaced by the next, taken out once */
    assert_int_equal(store_pending_put(st, &p, &cause), ERR_OK);
    p.text = (char *)"12";
    assert_int_equal(store_pending_put(st, &p, &cause), ERR_OK);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM pending_edit"), 1);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM edit_log WHERE tbl = 'pending_edit'"),
                     0);                        /* no edit: not logged, nothing to undo */
    store_close(st);
    assert_int_equal(store_open(c->path, STORE_READONLY, &st, &cause), ERR_OK);
    assert_int_equal(store_pending_take(st, &got, &found, &cause), ERR_OK);
    assert_false(found);                         /* left for the program that edits */
    store_close(st);
    assert_int_equal(store_open(c->path, STORE_EXISTING, &st, &cause), ERR_OK);
    assert_int_equal(store_pending_take(st, &got, &found, &cause), ERR_OK);
    assert_true(found);
    assert_int_equal(got.year, 2024);
    assert_string_equal(got.step, "A.1");
    assert_int_equal(got.row, 2);
    assert_int_equal(got.col, 1);
    assert_string_equal(got.label, "建筑面积");
    assert_string_equal(got.text, "12");
    store_pending_free(&got);
    assert_int_equal(store_pending_take(st, &got, &found, &cause), ERR_OK);
    assert_false(found);
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
        cmocka_unit_test(test_readonly_leaves_v1_alone),
        cmocka_unit_test(test_readonly_current),
        cmocka_unit_test(test_readonly_directory),
        cmocka_unit_test(test_na_periods),
        cmocka_unit_test(test_nested_begin),
        cmocka_unit_test(test_schema_foreign),
        cmocka_unit_test(test_schema_layout_and_statistics),
        cmocka_unit_test(test_schema_changed_while_open),
        cmocka_unit_test(test_raise_is_not_input),
        cmocka_unit_test(test_impossible_values),
        cmocka_unit_test(test_limits_are_the_forms),
        cmocka_unit_test(test_v5_origins_and_pending),
    };

    return cmocka_run_group_tests_name("store", tests, setup, teardown);
}
