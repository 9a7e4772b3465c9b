/*
 * test_history.c - an undo or redo in words (book/history.c), in Chinese and in English, from
 * facts made by hand: the cases storage rarely hands out (years deleted, GWP sets, factors added
 * or with a new source text, several sources deleted, counts with years), singular and plural,
 * an entry storage could not name, and labels without forms or a factor library. Who made an
 * action and when (history_origin), in local time. What real undo and redo say is checked in
 * test_undo.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "book/history.h"
#include "base/xmem.h"

struct lib_ctx {
    struct factor_lib *lib;
    struct form_set *forms;
};

/*
 * One changed row, written compactly: before and after are "key=text;key=#number;key=~" (~ for
 * NULL), NULL for no row; old and new likewise NULL for none.
 */
struct fact_spec {
    const char *tbl, *row, *field, *old, *new_value, *before, *after, *src, *facility;
};

struct history_case {
    const char *name;
    struct fact_spec facts[6];
    size_t n;
    const char *zh, *en;
};

static char *
dup_or_null(const char *s)
{
    return s != NULL ? xstrdup(s) : NULL;
}

static void
parse_cols(const char *spec, struct store_col **out, size_t *n)
{
    char *copy, *part, *save = NULL, *eq;
    size_t cap = 0;

    *out = NULL;
    *n = 0;
    if (spec == NULL)
        return;
    copy = xstrdup(spec);
    for (part = strtok_r(copy, ";", &save); part != NULL; part = strtok_r(NULL, ";", &save)) {
        struct store_col *c;

        *out = xgrow(*out, &cap, *n + 1, sizeof(**out));
        c = &(*out)[(*n)++];
        memset(c, 0, sizeof(*c));
        eq = strchr(part, '=');
        assert_non_null(eq);
        c->key = xstrndup(part, (size_t)(eq - part));
        if (strcmp(eq + 1, "~") == 0) {
            c->is_null = 1;
        } else if (eq[1] == '#') {
            c->is_num = 1;
            c->num = strtod(eq + 2, NULL);
            c->text = xstrdup(eq + 2);
        } else {
            c->text = xstrdup(eq + 1);
        }
    }
    free(copy);
}

/* The action the case describes (free with store_action_free; the store's own free suits it). */
static void
make_action(const struct history_case *hc, struct store_action *a)
{
    size_t i;

    memset(a, 0, sizeof(*a));
    a->n = hc->n;
    a->facts = hc->n > 0 ? xcalloc(hc->n, sizeof(*a->facts)) : NULL;
    for (i = 0; i < hc->n; i++) {
        const struct fact_spec *s = &hc->facts[i];
        struct store_fact *f = &a->facts[i];

        f->tbl = xstrdup(s->tbl);
        f->row = xstrdup(s->row);
        f->field = xstrdup(s->field);
        f->old_value = dup_or_null(s->old);
        f->new_value = dup_or_null(s->new_value);
        parse_cols(s->before, &f->before, &f->nbefore);
        parse_cols(s->after, &f->after, &f->nafter);
        f->entry_source = dup_or_null(s->src);
        f->entry_facility = dup_or_null(s->facility);
    }
}

/* A row of any table but activity; an A.5 value with the entry storage named for it. */
#define ROW(tbl, row, field, old, new_value, before, after) \
    {tbl, row, field, old, new_value, before, after, NULL, NULL}
#define VALUE(row, old, new_value, before, after, src, facility) \
    {"activity", row, "quantity", old, new_value, before, after, src, facility}
#define GAS_ENTRY(id, fac) "id=#" #id ";year=#2024;source=natural_gas;facility=" fac \
                           ";location=;note=;position=#" #id
#define GAS_VALUE(id, entry, period, q) "id=#" #id ";inventory_id=#" #entry ";period=" period \
                                        ";quantity=#" q ";unit=m³;data_source=;note="
#define PIN(src, v, text) "rowid=#1;year=#2024;source=" src ";value=#" v ";unit=t;ncv=#0;" \
                          "ncv_unit=~;source_text=" text

static const struct history_case cases[] = {
    {"empty action", {{0}}, 0, "空修改", "Empty change"},
    {"a year deleted",
     {ROW("years", "2023", "year", "2023", NULL, "year=#2023;grid_area=全国;gwp_set=AR6", NULL)},
     1, "删除 2023 年度", "Deleted year 2023"},
    {"a GWP set with its gas factors",
     {ROW("years", "2024", "gwp_set", "AR6", "AR5", "year=#2024;gwp_set=AR6",
          "year=#2024;gwp_set=AR5"),
      ROW("factors", "2024/hfc_32", "value", "x", "y", PIN("hfc_32", "771", "AR6"),
          PIN("hfc_32", "677", "AR5"))},
     2, "2024 年度 GWP 版本：AR6 → AR5", "Year 2024 GWP set: AR6 → AR5"},
    {"two years added",
     {ROW("years", "2024", "year", NULL, "2024", NULL, "year=#2024"),
      ROW("factors", "2024/lpg", "value", NULL, "x", NULL, PIN("lpg", "3", "a")),
      ROW("years", "2025", "year", NULL, "2025", NULL, "year=#2025")},
     3, "添加 2 个年度", "Added 2 years"},
    {"a factor added",
     {ROW("factors", "2024/lpg", "value", NULL, "x", NULL, PIN("lpg", "3.1", "a"))},
     1, "添加 液化石油气 排放因子", "Added the emission factor of LPG"},
    {"a factor deleted",
     {ROW("factors", "2024/lpg", "value", "x", NULL, PIN("lpg", "3.1", "a"), NULL)},
     1, "删除 液化石油气 排放因子", "Deleted the emission factor of LPG"},
    {"a factor's source text",
     {ROW("factors", "2024/lpg", "value", "x", "y", PIN("lpg", "3.1", "GB/T 2589"),
          PIN("lpg", "3.1", "检测报告"))},
     1, "液化石油气 排放因子来源：GB/T 2589 → 检测报告",
     "LPG emission factor source: GB/T 2589 → 检测报告"},
    {"an entry changed in a column no message names (its position)",
     {ROW("inventory", "2024/natural_gas/", "position", "1", "2", GAS_ENTRY(1, ""),
          GAS_ENTRY(1, ""))},
     1, "修改排放源", "Changed source"},
    {"an entry deleted with one value",
     {VALUE("1/2024", "5 m³", NULL, GAS_VALUE(3, 1, "2024", "5"), NULL, "natural_gas", "锅炉"),
      ROW("inventory", "2024/natural_gas/锅炉", "source", "natural_gas", NULL,
          GAS_ENTRY(1, "锅炉"), NULL)},
     2, "删除排放源 天然气（锅炉）及其 1 条活动数据", "Deleted Natural gas (锅炉) and its 1 value"},
    {"two entries deleted with their values",
     {VALUE("1/2024", "5 m³", NULL, GAS_VALUE(3, 1, "2024", "5"), NULL, "natural_gas", "锅炉"),
      ROW("inventory", "2024/natural_gas/锅炉", "source", "natural_gas", NULL,
          GAS_ENTRY(1, "锅炉"), NULL),
      ROW("inventory", "2024/natural_gas/炉灶", "source", "natural_gas", NULL,
          GAS_ENTRY(2, "炉灶"), NULL)},
     3, "删除 2 个排放源及其 1 条活动数据", "Deleted 2 sources and their 1 value"},
    {"values of two entries deleted",
     {VALUE("1/2024-01", "5 m³", NULL, GAS_VALUE(3, 1, "2024-01", "5"), NULL, "natural_gas", ""),
      VALUE("2/2024-01", "6 m³", NULL, GAS_VALUE(4, 2, "2024-01", "6"), NULL, "lpg", "")},
     2, "删除 2 条活动数据", "Deleted 2 values"},
    {"a value in 万m³: English shows 10⁴m³",
     {VALUE("1/2024-01", "0.12 万m³", "0.15 万m³",
            "id=#3;inventory_id=#1;period=2024-01;quantity=#0.12;unit=万m³;data_source=;note=",
            "id=#3;inventory_id=#1;period=2024-01;quantity=#0.15;unit=万m³;data_source=;note=",
            "natural_gas", "stove")},
     1, "天然气（stove） 2024-01：0.12 万m³ → 0.15 万m³",
     "Natural gas (stove) 2024-01: 0.12 10⁴m³ → 0.15 10⁴m³"},
    {"the grid area: English names it in English",
     {ROW("years", "2024", "grid_area", "全国", "浙江", "year=#2024;grid_area=全国",
          "year=#2024;grid_area=浙江")},
     1, "2024 年度电力因子地区：全国 → 浙江", "Year 2024 grid area: National → Zhejiang"},
    {"a value whose entry storage could not name",
     {VALUE("12/2024-03", "5 m³", "5 m³", GAS_VALUE(3, 12, "2024-03", "5"),
            GAS_VALUE(3, 12, "2024-03", "5"), NULL, NULL)},
     1, "排放源 12 2024-03", "Source 12 2024-03"},
    {"a year's settings, its A.1 values and factors, counted",
     {ROW("years", "2024", "grid_area", "全国", "华东", "year=#2024;grid_area=全国",
          "year=#2024;grid_area=华东"),
      ROW("year_info", "2024", "headcount", NULL, "40", NULL, "rowid=#1;year=#2024;value=40"),
      ROW("unit_info", "unit", "unit_name", NULL, "某中学", NULL, "rowid=#1;value=某中学"),
      ROW("factors", "2024/lpg", "value", "x", "y", PIN("lpg", "3.1", "a"),
          PIN("lpg", "3.2", "a")),
      ROW("inventory", "2024/natural_gas/", "source", NULL, "natural_gas", NULL,
          GAS_ENTRY(1, ""))},
     5, "批量修改：年度设置 1 项、基本信息 2 项、排放源 1 个、排放因子 1 个",
     "Batch change: 1 year setting, 2 basic information items, 1 source, 1 factor"},
    {"a new year with sources and values, counted",
     {ROW("years", "2025", "year", NULL, "2025", NULL, "year=#2025"),
      ROW("factors", "2025/lpg", "value", NULL, "x", NULL, PIN("lpg", "3.1", "a")),
      ROW("inventory", "2025/natural_gas/", "source", NULL, "natural_gas", NULL,
          GAS_ENTRY(1, "")),
      ROW("inventory", "2025/lpg/", "source", NULL, "lpg", NULL, GAS_ENTRY(2, "")),
      VALUE("1/2025", NULL, "5 m³", NULL, GAS_VALUE(3, 1, "2025", "5"), NULL, NULL)},
     5, "批量修改：年度 1 个、排放源 2 个、活动数据 1 条",
     "Batch change: 1 year, 2 sources, 1 value"},
};

static void
test_cases(void **state)
{
    struct lib_ctx *c = *state;
    struct store_action a;
    char *zh, *en;
    size_t i;

    for (i = 0; i < nitems(cases); i++) {
        make_action(&cases[i], &a);
        zh = history_describe(&a, c->forms, c->lib, LANG_ZH);
        en = history_describe(&a, c->forms, c->lib, LANG_EN);
        store_action_free(&a);
        if (strcmp(zh, cases[i].zh) != 0 || strcmp(en, cases[i].en) != 0)
            fail_msg("%s:\n  got  %s | %s\n  want %s | %s", cases[i].name, zh, en, cases[i].zh,
                     cases[i].en);
        free(zh);
        free(en);
    }
}

/* Without forms or a factor library the keys and source ids stand in. */
static void
test_without_labels(void **state)
{
    static const struct history_case info = {
        "A.1",
        {ROW("year_info", "2024", "building_area", "1200", NULL, "rowid=#1;value=1200", NULL)},
        1, NULL, NULL};
    static const struct history_case value = {
        "A.5", {VALUE("1/2024-03", "1 m³", "2 m³", GAS_VALUE(3, 1, "2024-03", "1"),
                      GAS_VALUE(3, 1, "2024-03", "2"), "natural_gas", "炉灶")},
        1, NULL, NULL};
    struct store_action a;
    char *s;

    (void)state;
    make_action(&info, &a);
    s = history_describe(&a, NULL, NULL, LANG_ZH);
    assert_string_equal(s, "building_area：1200 → （空）");
    free(s);
    s = history_describe(&a, NULL, NULL, LANG_EN);
    assert_string_equal(s, "building_area: 1200 → (empty)");
    free(s);
    store_action_free(&a);
    make_action(&value, &a);
    s = history_describe(&a, NULL, NULL, LANG_EN);
    assert_string_equal(s, "natural_gas (炉灶) 2024-03: 1 m³ → 2 m³");
    free(s);
    store_action_free(&a);
}

static int
setup(void **state)
{
    struct lib_ctx *c = xcalloc(1, sizeof(*c));
    char *cause = NULL;

    if (factors_load(&c->lib, &cause) != ERR_OK || forms_load(&c->forms, &cause) != ERR_OK)
        return -1;
    *state = c;
    return 0;
}

static int
teardown(void **state)
{
    struct lib_ctx *c = *state;

    factors_free(c->lib);
    forms_free(c->forms);
    free(c);
    return 0;
}

/*
 * Who made an action, with TZ=CST-8 (Shanghai, UTC+8, no summer time): the log's 06:02:11Z is
 * 14:02 there; the same day as now gives the time alone, another day the date too, and the day
 * is the local one (23:30Z on 12-01 is 07:30 on 12-02 in Shanghai).
 */
static void
test_origin(void **state)
{
    static const struct {
        const char *program, *at;
        int own;
        const char *zh, *en;
    } origins[] = {
        {"import", "2026-12-02T06:02:11Z", 0, "命令行导入（14:02）", "a command-line import (14:02)"},
        {"tui", "2026-12-01T06:02:11Z", 0, "另一个工作簿窗口（2026-12-01 14:02）",
         "another workbook window (2026-12-01 14:02)"},
        {"set", "2026-12-01T23:30:00Z", 0, "命令行 tanbook set（07:30）", "tanbook set (07:30)"},
        {NULL, "2026-12-02T06:02:11Z", 0, "另一程序（14:02）", "another program (14:02)"},
        {"later", NULL, 0, "另一程序", "another program"},
        {"tui", "garbage", 1, "本窗口", "this window"},
    };
    time_t now = 1796212800;    /* 2026-12-02 12:00 UTC = 20:00 in Shanghai */
    size_t i;
    char *s;

    (void)state;
    setenv("TZ", "CST-8", 1);    /* POSIX: no time zone files needed */
    tzset();
    for (i = 0; i < sizeof(origins) / sizeof(origins[0]); i++) {
        struct store_origin o = {.action = 5, .own = origins[i].own,
                                 .program = (char *)origins[i].program, .at = (char *)origins[i].at};

        s = history_origin(&o, now, LANG_ZH);
        assert_string_equal(s, origins[i].zh);
        free(s);
        s = history_origin(&o, now, LANG_EN);
        assert_string_equal(s, origins[i].en);
        free(s);
    }
    setenv("TZ", "UTC", 1);
    tzset();
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_without_labels),
        cmocka_unit_test(test_origin),
    };

    return cmocka_run_group_tests_name("history", tests, setup, teardown);
}
