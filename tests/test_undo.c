/*
 * test_undo.c - undo and redo of workbook edits (store_log.c): every kind of write comes back
 * exactly (row ids, every column, REAL bits), a transaction is one action, a new edit discards
 * the redo stack, the stack lives in the file, and a row changed by another program since is
 * refused rather than overwritten. What was undone or redone is checked in the words the screen
 * shows (book/history.c), in Chinese and in English, and in the facts storage returns. Two
 * programs on one workbook (two stores with their own sessions, as a terminal workbook and a
 * command-line import): each undoes its own actions only, another's only by its id, and a row the
 * other changed since refuses, naming it. The test reads the file with SQLite directly to compare
 * rows.
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
#include <time.h>
#include <unistd.h>

#include "book/history.h"
#include "store/store.h"
#include "base/xmem.h"

#include "store_fixture.h"

/* The two programs' sessions: the test's own store (a terminal workbook), and an import beside. */
#define SESSION_TUI 0x1234
#define SESSION_IMPORT 0x5678

/*
 * Each test starts with a new workbook holding year 2024 (one action: the year and its pins),
 * written by the session SESSION_TUI.
 */
static int
before_each(void **state)
{
    struct ctx *c = *state;
    char *cause = NULL;

    store_remove(c->path);
    if (store_open(c->path, STORE_CREATE, &c->st, &cause) != ERR_OK)
        return -1;
    store_set_origin(c->st, SESSION_TUI, "tui");
    if (store_year_add(c->st, c->lib, 2024, NULL, NULL, &cause) != ERR_OK)
        return -1;
    return 0;
}

/* A second program on the workbook: a command-line import with its own session. */
static struct store *
importer(struct ctx *c)
{
    struct store *st;
    char *cause = NULL;

    assert_int_equal(store_open(c->path, STORE_EXISTING, &st, &cause), ERR_OK);
    store_set_origin(st, SESSION_IMPORT, "import");
    return st;
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

/* Undoes (undo = 1) or redoes and checks what it says it did, in Chinese and in English. */
static void
replay_ok(struct ctx *c, int undo, const char *want_zh, const char *want_en)
{
    struct store_action act;
    char *zh, *en, *cause = NULL;
    enum err e = undo ? store_undo(c->st, &act, &cause) : store_redo(c->st, &act, &cause);

    if (e != ERR_OK)
        fail_msg("%s: %s", undo ? "undo" : "redo", cause);
    zh = history_describe(&act, c->forms, c->lib, LANG_ZH);
    en = history_describe(&act, c->forms, c->lib, LANG_EN);
    store_action_free(&act);
    assert_string_equal(zh, want_zh);
    assert_string_equal(en, want_en);
    free(zh);
    free(en);
}

/* Sets an A.1 value of the unit (FS_UNIT) or of 2024 (FS_YEAR). */
static void
info(struct ctx *c, enum field_scope scope, const char *key, const char *value)
{
    char *cause = NULL;

    assert_int_equal(store_info_set(c->st, scope, 2024, key, value, &cause), ERR_OK);
}

static long long
entry(struct ctx *c, const char *source, const char *facility)
{
    char *cause = NULL;
    long long id;

    assert_int_equal(store_entry_ensure(c->st, 2024, source, facility, "食堂", "", &id, NULL,
                                        &cause), ERR_OK);
    return id;
}

static void
put(struct ctx *c, long long id, const char *period, double q, const char *data_source,
    const char *note)
{
    char *cause = NULL;

    assert_int_equal(store_activity_put(c->st, id, period, q, "m³", data_source, note, NULL,
                                        &cause), ERR_OK);
}

static void
test_nothing_to_undo(void **state)
{
    struct ctx *c = *state;
    struct store_action act = {.n = 7};
    char *cause = NULL;

    /* the year's creation is the only action: undo it, then there is nothing left */
    assert_true(store_can_undo(c->st));
    assert_false(store_can_redo(c->st));
    replay_ok(c, 1, "添加 2024 年度", "Added year 2024");
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM years"), 0);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM factors"), 0);
    assert_false(store_can_undo(c->st));
    assert_int_equal(store_undo(c->st, &act, &cause), ERR_NOTFOUND);
    assert_int_equal(act.n, 0);    /* emptied on error */
    assert_null(act.facts);
    assert_string_equal(cause, "没有可以撤销的修改");
    free(cause);
    /* redo brings the year back with every pin, created_at included */
    replay_ok(c, 0, "添加 2024 年度", "Added year 2024");
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM factors WHERE year = 2024"),
                     (long long)c->lib->nsources);
    assert_int_equal(store_redo(c->st, NULL, &cause), ERR_NOTFOUND);
    assert_string_equal(cause, "没有可以重做的修改");
    free(cause);
}

static void
test_info_value(void **state)
{
    struct ctx *c = *state;

    info(c, FS_YEAR, "building_area", "1200");
    info(c, FS_YEAR, "building_area", "1500");
    info(c, FS_UNIT, "unit_name", "某中学");
    info(c, FS_UNIT, "unit_name", NULL);

    replay_ok(c, 1, "单位名称：某中学 → （空）", "Organization name: 某中学 → (empty)");
    assert_sql(c->path, "SELECT value FROM unit_info WHERE key = 'unit_name'", "某中学");
    assert_true(store_can_redo(c->st));
    replay_ok(c, 1, "单位名称：（空） → 某中学", "Organization name: (empty) → 某中学");
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM unit_info"), 0);
    replay_ok(c, 1, "建筑面积：1200 → 1500", "Building floor area: 1200 → 1500");
    assert_sql(c->path, "SELECT value FROM year_info WHERE key = 'building_area'", "1200");
    replay_ok(c, 1, "建筑面积：（空） → 1200", "Building floor area: (empty) → 1200");
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM year_info"), 0);

    /* redo goes forward in the order the edits were made */
    replay_ok(c, 0, "建筑面积：（空） → 1200", "Building floor area: (empty) → 1200");
    replay_ok(c, 0, "建筑面积：1200 → 1500", "Building floor area: 1200 → 1500");
    assert_sql(c->path, "SELECT value FROM year_info WHERE year = 2024 AND key = 'building_area'",
               "1500");
    replay_ok(c, 0, "单位名称：（空） → 某中学", "Organization name: (empty) → 某中学");
    replay_ok(c, 0, "单位名称：某中学 → （空）", "Organization name: 某中学 → (empty)");
    assert_false(store_can_redo(c->st));
    assert_true(store_can_undo(c->st));
}

static void
test_activity_put(void **state)
{
    struct ctx *c = *state;
    long long id = entry(c, "natural_gas", "炉灶"), act;
    double tricky = 0.1 + 0.2;     /* 0.30000000000000004: lost by a 15-digit round trip */
    struct wb_year y;
    char *cause = NULL;

    put(c, id, "2024-03", 1200, "燃气账单", "估算");
    act = sql_int(c->path, "SELECT id FROM activity");
    put(c, id, "2024-03", 1300, "抄表", "");
    put(c, id, "2024-04", tricky, "", "");
    put(c, id, "2024-04", 5, "", "");

    replay_ok(c, 1, "天然气（炉灶） 2024-04：0.30000000000000004 m³ → 5 m³",
              "Natural gas (炉灶) 2024-04: 0.30000000000000004 m³ → 5 m³");
    assert_int_equal(store_load_year(c->st, c->lib, 2024, &y, &cause), ERR_OK);
    assert_true(y.entries[0].acts[1].quantity == tricky);   /* every bit */
    model_free(&y);
    replay_ok(c, 1, "天然气（炉灶） 2024-04：（空） → 0.30000000000000004 m³",
              "Natural gas (炉灶) 2024-04: (empty) → 0.30000000000000004 m³");
    replay_ok(c, 1, "天然气（炉灶） 2024-03：1200 m³ → 1300 m³",
              "Natural gas (炉灶) 2024-03: 1200 m³ → 1300 m³");
    /* the replaced row is back as it was: same id, data source and note */
    assert_sql(c->path, "SELECT id || '|' || quantity || '|' || unit || '|' || data_source || '|' "
                        "|| note FROM activity", "1|1200.0|m³|燃气账单|估算");
    assert_int_equal(act, 1);
    replay_ok(c, 1, "天然气（炉灶） 2024-03：（空） → 1200 m³", "Natural gas (炉灶) 2024-03: (empty) → 1200 m³");
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM activity"), 0);
    replay_ok(c, 1, "添加排放源 天然气（炉灶）", "Added source Natural gas (炉灶)");
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM inventory"), 0);

    replay_ok(c, 0, "添加排放源 天然气（炉灶）", "Added source Natural gas (炉灶)");
    replay_ok(c, 0, "天然气（炉灶） 2024-03：（空） → 1200 m³", "Natural gas (炉灶) 2024-03: (empty) → 1200 m³");
    replay_ok(c, 0, "天然气（炉灶） 2024-03：1200 m³ → 1300 m³",
              "Natural gas (炉灶) 2024-03: 1200 m³ → 1300 m³");
    assert_sql(c->path, "SELECT id || '|' || quantity || '|' || data_source || '|' || note "
                        "FROM activity", "1|1300.0|抄表|");
    assert_int_equal(sql_int(c->path, "SELECT id FROM inventory"), id);
}

static void
test_activity_note_only(void **state)
{
    struct ctx *c = *state;
    long long id = entry(c, "electricity", "");

    put(c, id, "2024-01", 9000, "电费单", "");
    put(c, id, "2024-01", 9000, "电表读数", "");
    replay_ok(c, 1, "外购电力 2024-01 数据来源：电费单 → 电表读数",
              "Electricity 2024-01 Data source: 电费单 → 电表读数");
    assert_sql(c->path, "SELECT data_source FROM activity", "电费单");
}

/* Text with JSON's special characters comes back byte for byte. */
static void
test_odd_text_round_trips(void **state)
{
    struct ctx *c = *state;
    static const char odd[] = "引\"号\\反斜杠/\n换行\t制表\x01控制 😀";
    long long id = entry(c, "natural_gas", odd);
    char *got;

    put(c, id, "2024", 7, odd, odd);
    put(c, id, "2024", 7, "", "");
    replay_ok(c, 1, "天然气（引\"号\\反斜杠/\n换行\t制表\x01控制 😀） 2024 数据来源：引\"号\\反斜杠/\n"
                    "换行\t制表\x01控制 😀 → （空）；天然气（引\"号\\反斜杠/\n换行\t制表\x01控制 😀） "
                    "2024 备注：引\"号\\反斜杠/\n换行\t制表\x01控制 😀 → （空）",
              "Natural gas (引\"号\\反斜杠/\n换行\t制表\x01控制 😀) 2024 Data source: 引\"号\\反斜杠/\n"
              "换行\t制表\x01控制 😀 → (empty); Natural gas (引\"号\\反斜杠/\n换行\t制表\x01控制 😀) "
              "2024 Note: 引\"号\\反斜杠/\n换行\t制表\x01控制 😀 → (empty)");
    got = sql_text(c->path, "SELECT data_source || '|' || note FROM activity");
    assert_int_equal(strlen(got), 2 * strlen(odd) + 1);
    assert_memory_equal(got, odd, strlen(odd));
    assert_memory_equal(got + strlen(odd) + 1, odd, strlen(odd));
    free(got);
}

static void
test_pin_override(void **state)
{
    struct ctx *c = *state;
    static const char row_q[] =
        "SELECT rowid || '|' || value || '|' || unit || '|' || ncv || '|' || coalesce(ncv_unit, "
        "'NULL') || '|' || cc || '|' || ox || '|' || coal || '|' || coalesce(coal_unit, 'NULL') "
        "|| '|' || density || '|' || source_text || '|' || overridden FROM factors "
        "WHERE year = 2024 AND source = 'natural_gas'";
    static const char order_q[] =
        "SELECT group_concat(source, ',') FROM (SELECT source FROM factors ORDER BY rowid)";
    struct factor_pin pin = {
        .source_id = (char *)"natural_gas", .value = 22.5, .unit = (char *)"万m³",
        .ncv = 400, .ncv_unit = NULL, .cc = 0.0151, .ox = 0.97, .coal = 1.3,
        .coal_unit = (char *)"kg", .density = 0.7, .source_text = (char *)"供气公司检测报告",
        .overridden = 1,
    };
    char *before = sql_text(c->path, row_q), *order = sql_text(c->path, order_q), *cause = NULL;
    char *after;

    assert_non_null(strstr(before, "|21.622|万m³|"));   /* the library default, 2024 */
    assert_int_equal(store_pin_set(c->st, 2024, &pin, &cause), ERR_OK);
    assert_sql(c->path, order_q, order);                 /* an override keeps the pins' order */
    replay_ok(c, 1, "天然气 排放因子：21.622 → 22.5 tCO₂/万m³",
              "Natural gas emission factor: 21.622 → 22.5 tCO₂/万m³");
    assert_sql(c->path, row_q, before);                  /* every column, and the rowid */
    replay_ok(c, 0, "天然气 排放因子：21.622 → 22.5 tCO₂/万m³",
              "Natural gas emission factor: 21.622 → 22.5 tCO₂/万m³");
    after = sql_text(c->path, row_q);
    assert_non_null(strstr(after, "|22.5|万m³|400.0|NULL|0.0151|0.97|1.3|kg|0.7|供气公司检测报告|1"));
    free(after);
    free(before);
    free(order);
}

static void
test_year_settings(void **state)
{
    struct ctx *c = *state;
    static const char elec_q[] = "SELECT rowid || '|' || value || '|' || source_text FROM factors "
                                 "WHERE source = 'electricity'";
    char *elec = sql_text(c->path, elec_q), *cause = NULL;

    assert_int_equal(store_year_settings(c->st, c->lib, 2024, "华东", NULL, &cause), ERR_OK);
    assert_sql(c->path, "SELECT grid_area FROM years", "华东");
    assert_int_equal(sql_int(c->path, "SELECT value <> 0 AND source_text LIKE '%华东%' FROM factors "
                                      "WHERE source = 'electricity'"), 1);
    /* the area and the electricity pin it brought are one action */
    replay_ok(c, 1, "2024 年度电力因子地区：全国 → 华东", "Year 2024 grid area: National → East China");
    assert_sql(c->path, "SELECT grid_area FROM years", "全国");
    assert_sql(c->path, elec_q, elec);
    free(elec);
    /* an area without factors fails as a whole: nothing is logged, grid_area unchanged */
    assert_int_equal(store_year_settings(c->st, c->lib, 2024, "火星", NULL, &cause), ERR_NOTFOUND);
    free(cause);
    assert_sql(c->path, "SELECT grid_area FROM years", "全国");
    assert_true(store_can_redo(c->st));
}

/* One row per activity row of entry id, every column, for comparing before and after. */
static char *
acts_dump(struct ctx *c, long long id)
{
    char q[256];

    snprintf(q, sizeof(q), "SELECT group_concat(r, ';') FROM (SELECT id || '|' || inventory_id || "
             "'|' || period || '|' || quantity || '|' || unit || '|' || data_source || '|' || note "
             "AS r FROM activity WHERE inventory_id = %lld ORDER BY id)", id);
    return sql_text(c->path, q);
}

static void
test_entry_delete(void **state)
{
    struct ctx *c = *state;
    static const char ent_q[] = "SELECT group_concat(r, ';') FROM (SELECT id || '|' || year || '|' "
                                "|| source || '|' || facility || '|' || location || '|' || note || "
                                "'|' || position AS r FROM inventory ORDER BY id)";
    long long elec = entry(c, "electricity", ""), gas = entry(c, "natural_gas", "炉灶");
    char *ents, *acts, *now, p[24], ds[32], *cause = NULL;
    int m;

    for (m = 1; m <= 12; m++) {
        snprintf(p, sizeof(p), "2024-%02d", m);
        snprintf(ds, sizeof(ds), "账单%d", m);
        put(c, gas, p, 1000 + m * 10.25, ds, m % 2 ? "估" : "");
        put(c, elec, p, 5000, "", "");
    }
    entry(c, "diesel", "");     /* after gas: its position (3) must not be taken by gas on undo */
    ents = sql_text(c->path, ent_q);
    acts = acts_dump(c, gas);
    assert_non_null(strstr(acts, "|2024-12|1123.0|m³|账单12|"));

    assert_int_equal(store_entry_delete(c->st, gas, &cause), ERR_OK);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM activity"), 12);   /* elec's only */
    replay_ok(c, 1, "删除排放源 天然气（炉灶）及其 12 条活动数据", "Deleted Natural gas (炉灶) and its 12 values");
    assert_sql(c->path, ent_q, ents);                    /* same id, location, note, position */
    now = acts_dump(c, gas);
    assert_string_equal(now, acts);                      /* same ids and values */
    free(now);
    replay_ok(c, 0, "删除排放源 天然气（炉灶）及其 12 条活动数据", "Deleted Natural gas (炉灶) and its 12 values");
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM inventory WHERE source = 'natural_gas'"),
                     0);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM activity"), 12);
    assert_int_equal(store_entry_delete(c->st, gas, &cause), ERR_NOTFOUND);
    free(cause);
    free(ents);
    free(acts);
}

static void
test_entry_update(void **state)
{
    struct ctx *c = *state;
    long long a = entry(c, "natural_gas", "炉灶"), b = entry(c, "natural_gas", "锅炉");
    long long nlog = sql_int(c->path, "SELECT count(*) FROM edit_log");
    char *cause = NULL;

    /* (year, source, facility) would repeat entry a: refused in Chinese, nothing logged */
    assert_int_equal(store_entry_update(c->st, b, NULL, "炉灶", NULL, NULL, &cause), ERR_INPUT);
    assert_non_null(strstr(cause, "“炉灶”"));
    assert_non_null(strstr(cause, "不能重复"));
    free(cause);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM edit_log"), nlog);
    assert_int_equal(store_entry_update(c->st, 999, NULL, "x", NULL, NULL, &cause), ERR_NOTFOUND);
    free(cause);
    /* an unchanged value is no action */
    assert_int_equal(store_entry_update(c->st, a, NULL, "炉灶", NULL, NULL, &cause), ERR_OK);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM edit_log"), nlog);

    assert_int_equal(store_entry_update(c->st, a, NULL, "大灶", "厨房", NULL, &cause), ERR_OK);
    assert_int_equal(store_entry_update(c->st, b, "lpg", NULL, NULL, NULL, &cause), ERR_OK);
    assert_sql(c->path, "SELECT source FROM inventory WHERE id = 2", "lpg");
    replay_ok(c, 1, "排放源：天然气 → 液化石油气", "Emission source: Natural gas → LPG");
    assert_sql(c->path, "SELECT source FROM inventory WHERE id = 2", "natural_gas");
    replay_ok(c, 1, "天然气（炉灶） 排放设施名称：炉灶 → 大灶；天然气（炉灶） 排放设施位置：食堂 → 厨房",
              "Natural gas (炉灶) Facility: 炉灶 → 大灶; Natural gas (炉灶) Facility location: 食堂 → 厨房");
    assert_sql(c->path, "SELECT facility || '|' || location FROM inventory WHERE id = 1", "炉灶|食堂");
    replay_ok(c, 0, "天然气（炉灶） 排放设施名称：炉灶 → 大灶；天然气（炉灶） 排放设施位置：食堂 → 厨房",
              "Natural gas (炉灶) Facility: 炉灶 → 大灶; Natural gas (炉灶) Facility location: 食堂 → 厨房");
    assert_sql(c->path, "SELECT facility || '|' || location FROM inventory WHERE id = 1", "大灶|厨房");
    assert_int_equal(a, 1);
}

static void
test_activity_delete(void **state)
{
    struct ctx *c = *state;
    long long id = entry(c, "natural_gas", "");
    char *before, *now, *cause = NULL;

    put(c, id, "2024-01", 100, "账单", "一月");
    put(c, id, "2024-02", 200, "账单", "二月");
    before = acts_dump(c, id);
    assert_int_equal(store_activity_delete(c->st, id, "2024-03", &cause), ERR_NOTFOUND);
    assert_non_null(strstr(cause, "2024-03"));
    free(cause);
    assert_int_equal(store_activity_delete(c->st, id, "2024-01", &cause), ERR_OK);
    assert_sql(c->path, "SELECT group_concat(period) FROM activity", "2024-02");
    replay_ok(c, 1, "天然气 2024-01：100 m³ → （空）", "Natural gas 2024-01: 100 m³ → (empty)");
    now = acts_dump(c, id);
    assert_string_equal(now, before);
    free(now);
    replay_ok(c, 0, "天然气 2024-01：100 m³ → （空）", "Natural gas 2024-01: 100 m³ → (empty)");
    assert_sql(c->path, "SELECT group_concat(period) FROM activity", "2024-02");
    free(before);
}

static void
test_new_edit_discards_redo(void **state)
{
    struct ctx *c = *state;
    char *cause = NULL;

    info(c, FS_YEAR, "headcount", "10");
    info(c, FS_YEAR, "headcount", "20");
    replay_ok(c, 1, "用能人数：10 → 20", "Energy users: 10 → 20");
    assert_true(store_can_redo(c->st));
    /* a rolled-back transaction changes nothing, not even the redo stack */
    assert_int_equal(store_begin(c->st, &cause), ERR_OK);
    info(c, FS_YEAR, "headcount", "30");
    store_rollback(c->st);
    assert_true(store_can_redo(c->st));
    /* a committed edit does discard it */
    info(c, FS_YEAR, "land_area", "900");
    assert_false(store_can_redo(c->st));
    assert_int_equal(store_redo(c->st, NULL, &cause), ERR_NOTFOUND);
    free(cause);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM edit_action WHERE state = 2"), 1);
    /* undo now goes: land_area, then headcount 10 (20 is gone for good), then the year */
    replay_ok(c, 1, "占地面积：（空） → 900", "Site area: (empty) → 900");
    replay_ok(c, 1, "用能人数：（空） → 10", "Energy users: (empty) → 10");
    replay_ok(c, 1, "添加 2024 年度", "Added year 2024");
    assert_false(store_can_undo(c->st));
}

static void
test_transaction_is_one_action(void **state)
{
    struct ctx *c = *state;
    struct store_action act = {.n = 7};
    char *cause = NULL;
    long long id;

    assert_int_equal(store_begin(c->st, &cause), ERR_OK);
    info(c, FS_YEAR, "building_area", "1000");
    id = entry(c, "electricity", "");
    put(c, id, "2024-01", 100, "", "");
    put(c, id, "2024-02", 200, "", "");
    /* undo is refused while the transaction is open */
    assert_int_equal(store_undo(c->st, &act, &cause), ERR_INPUT);
    assert_int_equal(act.n, 0);
    free(cause);
    assert_int_equal(store_commit(c->st, &cause), ERR_OK);
    /* 4 changes: area, entry, two values */
    replay_ok(c, 1, "批量修改：基本信息 1 项、排放源 1 个、活动数据 2 条",
              "Batch change: 1 basic information item, 1 source, 2 values");
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM inventory"), 0);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM year_info"), 0);
    assert_true(store_can_undo(c->st));    /* the year's creation */
    replay_ok(c, 0, "批量修改：基本信息 1 项、排放源 1 个、活动数据 2 条",
              "Batch change: 1 basic information item, 1 source, 2 values");
    assert_sql(c->path, "SELECT group_concat(quantity) FROM activity", "100.0,200.0");

    /* deleting every value of one entry in a transaction, as the screen's Del on A.5 does */
    assert_int_equal(store_begin(c->st, &cause), ERR_OK);
    assert_int_equal(store_activity_delete(c->st, id, "2024-01", &cause), ERR_OK);
    assert_int_equal(store_activity_delete(c->st, id, "2024-02", &cause), ERR_OK);
    assert_int_equal(store_commit(c->st, &cause), ERR_OK);
    replay_ok(c, 1, "删除 外购电力 的 2 条活动数据", "Deleted 2 values of Electricity");
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM activity"), 2);
}

/* A write that fails inside a transaction takes back only itself, its log rows included. */
static void
test_failed_write_inside_transaction(void **state)
{
    struct ctx *c = *state;
    char *cause = NULL;

    assert_int_equal(store_begin(c->st, &cause), ERR_OK);
    /* logs the new area, then finds no factor for it: the whole call is taken back */
    assert_int_equal(store_year_settings(c->st, c->lib, 2024, "火星", NULL, &cause), ERR_NOTFOUND);
    free(cause);
    info(c, FS_YEAR, "headcount", "12");
    assert_int_equal(store_commit(c->st, &cause), ERR_OK);
    assert_sql(c->path, "SELECT grid_area FROM years", "全国");
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM edit_log WHERE field = 'grid_area'"), 0);
    replay_ok(c, 1, "用能人数：（空） → 12", "Energy users: (empty) → 12");
    replay_ok(c, 1, "添加 2024 年度", "Added year 2024");
}

static void
test_survives_reopen(void **state)
{
    struct ctx *c = *state;
    char *cause = NULL;

    info(c, FS_YEAR, "building_area", "1200");
    store_close(c->st);
    /* the same program (session) opening it again: its actions are still its own */
    assert_int_equal(store_open(c->path, STORE_EXISTING, &c->st, &cause), ERR_OK);
    store_set_origin(c->st, SESSION_TUI, "tui");
    assert_true(store_can_undo(c->st));
    assert_false(store_can_redo(c->st));
    replay_ok(c, 1, "建筑面积：（空） → 1200", "Building floor area: (empty) → 1200");
    store_close(c->st);
    assert_int_equal(store_open(c->path, STORE_EXISTING, &c->st, &cause), ERR_OK);
    store_set_origin(c->st, SESSION_TUI, "tui");
    assert_true(store_can_redo(c->st));
    replay_ok(c, 0, "建筑面积：（空） → 1200", "Building floor area: (empty) → 1200");
    assert_sql(c->path, "SELECT value FROM year_info", "1200");
    store_close(c->st);
    /* another program (a new session) has none of its own: store_undo finds nothing */
    assert_int_equal(store_open(c->path, STORE_EXISTING, &c->st, &cause), ERR_OK);
    assert_true(store_can_undo(c->st));           /* the hint line still offers Ctrl-Z */
    assert_int_equal(store_undo(c->st, NULL, &cause), ERR_NOTFOUND);
    assert_string_equal(cause, "没有可以撤销的修改");
    free(cause);
    assert_sql(c->path, "SELECT value FROM year_info", "1200");
}

/*
 * A terminal workbook (c->st) edits; an import beside it edits after. Every action records who
 * made it; store_next says the latest is the import's while the window's own is the one before;
 * store_undo takes the window's own and leaves the import's value.
 */
static void
test_undo_takes_own_only(void **state)
{
    struct ctx *c = *state;
    struct store *imp = importer(c);
    struct store_origin own, last;
    char *cause = NULL, *pid;

    info(c, FS_YEAR, "building_area", "1200");                       /* action 2: the window */
    assert_int_equal(store_info_set(imp, FS_YEAR, 2024, "headcount", "40", &cause), ERR_OK);
    /* action 3: the import's, recorded with its session, program and process */
    assert_int_equal(sql_int(c->path, "SELECT session FROM edit_action WHERE id = 3"),
                     SESSION_IMPORT);
    assert_sql(c->path, "SELECT program FROM edit_action WHERE id = 3", "import");
    assert_sql(c->path, "SELECT program FROM edit_action WHERE id = 2", "tui");
    pid = xasprintf("%d", (int)getpid());
    assert_sql(c->path, "SELECT pid FROM edit_action WHERE id = 3", pid);
    free(pid);

    assert_int_equal(store_next(c->st, 0, &own, &last, &cause), ERR_OK);
    assert_int_equal(own.action, 2);
    assert_true(own.own);
    assert_string_equal(own.program, "tui");
    assert_int_equal(last.action, 3);
    assert_false(last.own);
    assert_string_equal(last.program, "import");
    assert_int_equal(last.pid, getpid());
    assert_non_null(last.at);                    /* "2026-12-02T06:02:11Z": 20 characters */
    assert_int_equal(strlen(last.at), 20);
    store_origin_free(&own);
    store_origin_free(&last);
    /* seen from the import, the same two actions the other way round */
    assert_int_equal(store_next(imp, 0, &own, &last, &cause), ERR_OK);
    assert_int_equal(own.action, 3);
    assert_int_equal(last.action, 3);
    assert_true(last.own);
    store_origin_free(&own);
    store_origin_free(&last);

    /* the window's undo takes its own area back; the import's headcount stays */
    replay_ok(c, 1, "建筑面积：（空） → 1200", "Building floor area: (empty) → 1200");
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM year_info WHERE key = 'building_area'"),
                     0);
    assert_sql(c->path, "SELECT value FROM year_info WHERE key = 'headcount'", "40");
    /* redo: the window's own again, which is also the next of anyone (action 2 < 3) */
    assert_int_equal(store_next(c->st, 1, &own, &last, &cause), ERR_OK);
    assert_int_equal(own.action, 2);
    assert_int_equal(last.action, 2);
    store_origin_free(&own);
    store_origin_free(&last);
    replay_ok(c, 0, "建筑面积：（空） → 1200", "Building floor area: (empty) → 1200");
    store_close(imp);
}

/*
 * Another program's action is taken only by its id (after the screen asked): the import's
 * headcount undone from the window, then refused a second time; a workbook changed by nobody of
 * the window's has nothing for store_undo.
 */
static void
test_undo_other_by_id(void **state)
{
    struct ctx *c = *state;
    struct store *imp = importer(c);
    struct store_action act;
    struct store_origin own, last;
    char *cause = NULL, *zh;

    assert_int_equal(store_info_set(imp, FS_YEAR, 2024, "headcount", "40", &cause), ERR_OK);
    assert_int_equal(store_next(c->st, 0, &own, &last, &cause), ERR_OK);
    assert_int_equal(own.action, 1);             /* the year, the window's */
    assert_int_equal(last.action, 2);
    store_origin_free(&own);
    store_origin_free(&last);
    assert_int_equal(store_undo_action(c->st, 2, &act, &cause), ERR_OK);
    zh = history_describe(&act, c->forms, c->lib, LANG_ZH);
    assert_string_equal(zh, "用能人数：（空） → 40");
    free(zh);
    store_action_free(&act);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM year_info"), 0);
    assert_int_equal(sql_int(c->path, "SELECT state FROM edit_action WHERE id = 2"), 1);
    /* it is undone now: not again; and not an id that is no action */
    assert_int_equal(store_undo_action(c->st, 2, NULL, &cause), ERR_NOTFOUND);
    assert_string_equal(cause, "这项修改已不能撤销（已被撤销或重做）");
    free(cause);
    assert_int_equal(store_undo_action(c->st, 99, NULL, &cause), ERR_NOTFOUND);
    free(cause);
    /* redo by id brings it back */
    assert_int_equal(store_redo_action(c->st, 2, NULL, &cause), ERR_OK);
    assert_sql(c->path, "SELECT value FROM year_info WHERE key = 'headcount'", "40");
    store_close(imp);
}

/*
 * An undo of the window's own action whose rows the import changed since is refused, and the
 * refusal names the import: the window set 建筑面积 1200, the import 1500 over it.
 */
static void
test_conflict_names_other(void **state)
{
    struct ctx *c = *state;
    struct store *imp = importer(c);
    struct store_action act = {.n = 7};
    char *cause = NULL, *zh, *en;
    time_t noon = 1796212800;    /* 2026-12-02 12:00 UTC: the log's day, so the time alone */

    info(c, FS_YEAR, "building_area", "1200");                       /* action 2 */
    assert_int_equal(store_info_set(imp, FS_YEAR, 2024, "building_area", "1500", &cause), ERR_OK);
    sql_exec(c->path, "UPDATE edit_log SET at = '2026-12-02T06:02:11Z' WHERE action = 3");
    assert_int_equal(store_undo(c->st, &act, &cause), ERR_INPUT);
    assert_string_equal(cause, "该修改之后数据已被其他操作改动，无法撤销");
    free(cause);
    assert_int_equal(act.n, 0);
    assert_true(act.changed_since);
    assert_int_equal(act.conflict.action, 3);
    assert_string_equal(act.conflict.program, "import");
    zh = history_conflict(&act.conflict, 0, noon, LANG_ZH);
    en = history_conflict(&act.conflict, 0, noon, LANG_EN);
    assert_string_equal(zh, "无法撤销：该修改之后，命令行导入（06:02）又改动了这些数据");
    assert_string_equal(en, "Cannot undo: a command-line import (06:02) changed the same data since");
    free(zh);
    free(en);
    store_action_free(&act);
    assert_false(act.changed_since);
    assert_null(act.conflict.program);
    assert_sql(c->path, "SELECT value FROM year_info", "1500");      /* not clobbered */

    /*
     * the year's creation (the window's next own) would delete the year with the import's row
     * under it: refused, naming the import as the latest change after it
     */
    assert_int_equal(store_undo_action(c->st, 1, &act, &cause), ERR_INPUT);
    free(cause);
    assert_true(act.changed_since);
    assert_int_equal(act.conflict.action, 3);
    store_action_free(&act);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM years"), 1);

    /* a change from outside tanbook has no action to name (the import's is undone: not it) */
    store_close(imp);
    assert_int_equal(store_undo_action(c->st, 3, NULL, &cause), ERR_OK);   /* 1500 → 1200 */
    sql_exec(c->path, "UPDATE year_info SET value = '1300'");
    assert_int_equal(store_undo(c->st, &act, &cause), ERR_INPUT);
    free(cause);
    assert_true(act.changed_since);
    assert_int_equal(act.conflict.action, 0);
    zh = history_conflict(&act.conflict, 0, noon, LANG_ZH);
    assert_string_equal(zh, "无法撤销：该修改之后数据已被其他操作改动");
    free(zh);
    store_action_free(&act);
}

static void
test_changed_elsewhere_is_refused(void **state)
{
    struct ctx *c = *state;
    struct store_action act = {.n = 7};
    char *cause = NULL;
    long long id;

    info(c, FS_YEAR, "building_area", "1200");
    info(c, FS_YEAR, "building_area", "1500");
    /* another program (not tanbook) changes the value */
    sql_exec(c->path, "UPDATE year_info SET value = '1600'");
    assert_int_equal(store_undo(c->st, &act, &cause), ERR_INPUT);
    assert_int_equal(act.n, 0);    /* the facts read before the refusal are not handed out */
    assert_string_equal(cause, "该修改之后数据已被其他操作改动，无法撤销");
    free(cause);
    assert_sql(c->path, "SELECT value FROM year_info", "1600");   /* not clobbered */
    assert_true(store_can_undo(c->st));
    assert_false(store_can_redo(c->st));
    /* ... and puts it back: the undo goes through */
    sql_exec(c->path, "UPDATE year_info SET value = '1500'");
    replay_ok(c, 1, "建筑面积：1200 → 1500", "Building floor area: 1200 → 1500");

    /* an entry that got activity rows behind tanbook's back is not deleted with them */
    id = entry(c, "heat", "");
    sql_exec(c->path, "INSERT INTO activity (inventory_id, period, quantity, unit) "
                      "VALUES (1, '2024-01', 5, 'GJ')");
    assert_int_equal(id, 1);
    assert_int_equal(store_undo(c->st, NULL, &cause), ERR_INPUT);
    free(cause);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM activity"), 1);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM inventory"), 1);
}

static void
test_history_stays_readable(void **state)
{
    struct ctx *c = *state;
    struct store_log_entry *log;
    size_t n, base;
    char *cause = NULL;

    assert_int_equal(store_log(c->st, &log, &n, &cause), ERR_OK);
    base = n;
    store_log_free(log, n);
    info(c, FS_YEAR, "headcount", "40");
    replay_ok(c, 1, "用能人数：（空） → 40", "Energy users: (empty) → 40");
    replay_ok(c, 0, "用能人数：（空） → 40", "Energy users: (empty) → 40");
    /* the edit, its undo (old and new swapped) and its redo, in order */
    assert_int_equal(store_log(c->st, &log, &n, &cause), ERR_OK);
    assert_int_equal(n, base + 3);
    assert_string_equal(log[base].field, "headcount");
    assert_null(log[base].old_value);
    assert_string_equal(log[base].new_value, "40");
    assert_string_equal(log[base + 1].old_value, "40");
    assert_null(log[base + 1].new_value);
    assert_null(log[base + 2].old_value);
    assert_string_equal(log[base + 2].new_value, "40");
    store_log_free(log, n);
    /* the history rows are no actions: one undo takes the edit back, the next the year */
    replay_ok(c, 1, "用能人数：（空） → 40", "Energy users: (empty) → 40");
    replay_ok(c, 1, "添加 2024 年度", "Added year 2024");
}

/* The facts undo and redo hand back: summaries, typed columns, the entry of an A.5 value. */
static void
test_facts(void **state)
{
    struct ctx *c = *state;
    struct factor_pin pin = {
        .source_id = (char *)"lpg", .value = 3.5, .unit = (char *)"t", .ncv_unit = NULL,
        .source_text = (char *)"检测报告", .overridden = 1,
    };
    long long gas = entry(c, "natural_gas", "炉灶");
    const struct store_col *q;
    const struct store_fact *f;
    struct store_action act;
    char *cause = NULL;

    put(c, gas, "2024-03", 1200, "燃气账单", "");
    put(c, gas, "2024-03", 1300, "燃气账单", "");
    /* a value alone: its entry is named from the workbook */
    assert_int_equal(store_undo(c->st, &act, &cause), ERR_OK);
    assert_int_equal(act.n, 1);
    f = &act.facts[0];
    assert_string_equal(f->tbl, "activity");
    assert_string_equal(f->row, "1/2024-03");
    assert_string_equal(f->field, "quantity");
    assert_string_equal(f->old_value, "1200 m³");
    assert_string_equal(f->new_value, "1300 m³");
    assert_string_equal(f->entry_source, "natural_gas");
    assert_string_equal(f->entry_facility, "炉灶");
    q = store_col_find(f->before, f->nbefore, "quantity");
    assert_true(q != NULL && q->is_num && !q->is_null && q->num == 1200);
    assert_string_equal(q->text, "1200");
    q = store_col_find(f->after, f->nafter, "quantity");
    assert_true(q->num == 1300);
    assert_string_equal(store_col_text(f->after, f->nafter, "unit"), "m³");
    assert_string_equal(store_col_text(f->after, f->nafter, "data_source"), "燃气账单");
    store_action_free(&act);
    assert_int_equal(act.n, 0);

    /* an entry deleted with its value: named from the action's own rows, since it is gone */
    assert_int_equal(store_entry_delete(c->st, gas, &cause), ERR_OK);
    assert_int_equal(sql_int(c->path, "SELECT count(*) FROM inventory"), 0);
    assert_int_equal(store_undo(c->st, &act, &cause), ERR_OK);
    assert_int_equal(act.n, 2);
    assert_string_equal(act.facts[0].tbl, "activity");
    assert_int_equal(act.facts[0].nafter, 0);
    assert_null(act.facts[0].after);
    assert_null(act.facts[0].new_value);
    assert_string_equal(act.facts[0].entry_source, "natural_gas");
    assert_string_equal(act.facts[0].entry_facility, "炉灶");
    f = &act.facts[1];
    assert_string_equal(f->tbl, "inventory");
    assert_int_equal(f->nafter, 0);
    assert_string_equal(store_col_text(f->before, f->nbefore, "location"), "食堂");
    assert_true(store_col_find(f->before, f->nbefore, "id")->num == (double)gas);
    assert_null(f->entry_source);
    store_action_free(&act);

    /* a NULL column */
    assert_int_equal(store_pin_set(c->st, 2024, &pin, &cause), ERR_OK);
    assert_int_equal(store_undo(c->st, &act, &cause), ERR_OK);
    assert_int_equal(act.n, 1);
    f = &act.facts[0];
    q = store_col_find(f->after, f->nafter, "ncv_unit");
    assert_true(q != NULL && q->is_null && !q->is_num && q->text == NULL);
    assert_string_equal(store_col_text(f->after, f->nafter, "ncv_unit"), "");
    assert_string_equal(store_col_text(f->after, f->nafter, "value"), "3.5");
    store_action_free(&act);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_nothing_to_undo, before_each, after_each),
        cmocka_unit_test_setup_teardown(test_info_value, before_each, after_each),
        cmocka_unit_test_setup_teardown(test_activity_put, before_each, after_each),
        cmocka_unit_test_setup_teardown(test_activity_note_only, before_each, after_each),
        cmocka_unit_test_setup_teardown(test_odd_text_round_trips, before_each, after_each),
        cmocka_unit_test_setup_teardown(test_pin_override, before_each, after_each),
        cmocka_unit_test_setup_teardown(test_year_settings, before_each, after_each),
        cmocka_unit_test_setup_teardown(test_entry_delete, before_each, after_each),
        cmocka_unit_test_setup_teardown(test_entry_update, before_each, after_each),
        cmocka_unit_test_setup_teardown(test_activity_delete, before_each, after_each),
        cmocka_unit_test_setup_teardown(test_new_edit_discards_redo, before_each, after_each),
        cmocka_unit_test_setup_teardown(test_transaction_is_one_action, before_each, after_each),
        cmocka_unit_test_setup_teardown(test_failed_write_inside_transaction, before_each,
                                        after_each),
        cmocka_unit_test_setup_teardown(test_survives_reopen, before_each, after_each),
        cmocka_unit_test_setup_teardown(test_undo_takes_own_only, before_each, after_each),
        cmocka_unit_test_setup_teardown(test_undo_other_by_id, before_each, after_each),
        cmocka_unit_test_setup_teardown(test_conflict_names_other, before_each, after_each),
        cmocka_unit_test_setup_teardown(test_changed_elsewhere_is_refused, before_each, after_each),
        cmocka_unit_test_setup_teardown(test_history_stays_readable, before_each, after_each),
        cmocka_unit_test_setup_teardown(test_facts, before_each, after_each),
    };

    setenv("TZ", "UTC", 1);    /* the times said are local: UTC here */
    tzset();
    return cmocka_run_group_tests_name("undo", tests, setup, teardown);
}
