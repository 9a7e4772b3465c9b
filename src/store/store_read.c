/*
 * store_read.c - the reads of a workbook: its years, the factors pinned for a year, a whole year
 * loaded into the model, and whether another program changed it since. They use the tables of
 * schema version 1 only (and activity.na where the file has it, version 4), so a read-only store
 * reads an older workbook as it is.
 */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "base/xmem.h"

enum err
store_years(struct store *st, int **years, size_t *n, char **cause)
{
    sqlite3_stmt *s;
    size_t cap = 0;
    enum err e;
    int rc;

    *years = NULL;
    *n = 0;
    if ((e = store_prepare(st, "SELECT year FROM years ORDER BY year", &s, cause)) != ERR_OK)
        return e;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        *years = xgrow(*years, &cap, *n + 1, sizeof(int));
        (*years)[(*n)++] = sqlite3_column_int(s, 0);
    }
    store_release(st, s);
    if (rc != SQLITE_DONE) {
        free(*years);
        *years = NULL;
        *n = 0;
        return store_fail(st, rc, "读取年度列表", cause);
    }
    return ERR_OK;
}

enum err
store_latest_year(struct store *st, int *year, char **cause)
{
    int *years;
    size_t n;
    enum err e;

    if ((e = store_years(st, &years, &n, cause)) != ERR_OK)
        return e;
    if (n == 0) {
        free(years);
        *cause = xstrdup("工作簿中还没有任何年度");
        return ERR_NOTFOUND;
    }
    *year = years[n - 1];
    free(years);
    return ERR_OK;
}

enum err
store_year_exists(struct store *st, int year, int *exists, char **cause)
{
    sqlite3_stmt *s;
    enum err e;
    int rc;

    if ((e = store_prepare(st, "SELECT 1 FROM years WHERE year = ?", &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);
    rc = sqlite3_step(s);
    store_release(st, s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, rc, "读取年度", cause);
    *exists = rc == SQLITE_ROW;
    return ERR_OK;
}

enum err
store_data_version(struct store *st, long long *version, char **cause)
{
    sqlite3_stmt *s;
    enum err e;
    int rc;

    if ((e = store_prepare(st, "PRAGMA data_version", &s, cause)) != ERR_OK)
        return e;
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *version = sqlite3_column_int64(s, 0);
    store_release(st, s);
    return rc == SQLITE_ROW ? ERR_OK : store_fail(st, rc, "读取工作簿", cause);
}

/* The pinned factors of a year: ?1 the year, ?2 one source id or NULL for all. */
static const char pin_select[] =
    "SELECT source, value, unit, ncv, ncv_unit, cc, ox, coal, coal_unit, density, source_text, "
    "overridden, rowid FROM factors WHERE year = ?1 AND (?2 IS NULL OR source = ?2) ORDER BY rowid";

static void
pin_from_row(sqlite3_stmt *s, struct factor_pin *pin)
{
    memset(pin, 0, sizeof(*pin));
    pin->source_id = store_column_dup(s, 0);
    pin->value = sqlite3_column_double(s, 1);
    pin->unit = store_column_dup(s, 2);
    pin->ncv = sqlite3_column_double(s, 3);
    pin->ncv_unit = store_column_dup(s, 4);
    pin->cc = sqlite3_column_double(s, 5);
    pin->ox = sqlite3_column_double(s, 6);
    pin->coal = sqlite3_column_double(s, 7);
    pin->coal_unit = store_column_dup(s, 8);
    pin->density = sqlite3_column_double(s, 9);
    pin->source_text = store_column_dup(s, 10);
    pin->overridden = sqlite3_column_int(s, 11);
}

enum err
store_pin_read(struct store *st, int year, const char *source_id, struct factor_pin *pin,
         long long *rowid, int *found, char **cause)
{
    sqlite3_stmt *s;
    enum err e;
    int rc;

    if ((e = store_prepare(st, pin_select, &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);
    store_bind_text(s, 2, source_id);
    rc = sqlite3_step(s);
    *found = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW) {
        pin_from_row(s, pin);
        *rowid = sqlite3_column_int64(s, 12);
    }
    store_release(st, s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : store_fail(st, rc, "读取排放因子", cause);
}

static int
cmp_act(const void *a, const void *b)
{
    return period_cmp(&((const struct wb_activity *)a)->period,
                      &((const struct wb_activity *)b)->period);
}

static enum err
load_info(struct store *st, int year, struct wb_year *y, char **cause)
{
    sqlite3_stmt *s;
    size_t cap = 0;
    int rc;
    enum err e;

    if ((e = store_prepare(st, "SELECT key, value FROM unit_info UNION ALL "
                         "SELECT key, value FROM year_info WHERE year = ?", &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        y->info = xgrow(y->info, &cap, y->ninfo + 1, sizeof(*y->info));
        y->info[y->ninfo].key = store_column_dup(s, 0);
        y->info[y->ninfo].value = store_column_dup(s, 1);
        y->ninfo++;
    }
    store_release(st, s);
    return rc == SQLITE_DONE ? ERR_OK : store_fail(st, rc, "读取基本信息", cause);
}

static enum err
load_entries(struct store *st, const struct factor_lib *lib, int year, struct wb_year *y,
             char **cause)
{
    sqlite3_stmt *s;
    size_t cap = 0, i, acap;
    int rc;
    enum err e;

    if ((e = store_prepare(st, "SELECT id, source, facility, location, note FROM inventory "
                         "WHERE year = ? ORDER BY position, id", &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct wb_entry *en;

        y->entries = xgrow(y->entries, &cap, y->nentries + 1, sizeof(*y->entries));
        en = &y->entries[y->nentries++];
        memset(en, 0, sizeof(*en));
        en->id = sqlite3_column_int64(s, 0);
        en->source_id = store_column_dup(s, 1);
        en->src = factors_source(lib, en->source_id);
        en->facility = store_column_dup(s, 2);
        en->location = store_column_dup(s, 3);
        en->note = store_column_dup(s, 4);
    }
    store_release(st, s);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "读取排放源一览表", cause);
    for (i = 0; i < y->nentries; i++) {
        struct wb_entry *en = &y->entries[i];

        /* a read-only store leaves an older file as it is: before version 4 nothing is 不适用 */
        if ((e = store_prepare(st, st->readonly && st->opened_version < 4
                                   ? "SELECT id, period, quantity, unit, data_source, note, 0 "
                                     "FROM activity WHERE inventory_id = ?"
                                   : "SELECT id, period, quantity, unit, data_source, note, na "
                                     "FROM activity WHERE inventory_id = ?", &s, cause)) != ERR_OK)
            return e;
        sqlite3_bind_int64(s, 1, en->id);
        acap = 0;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            struct wb_activity *a;
            char *why = NULL;

            en->acts = xgrow(en->acts, &acap, en->nacts + 1, sizeof(*en->acts));
            a = &en->acts[en->nacts];
            memset(a, 0, sizeof(*a));
            if (period_parse((const char *)sqlite3_column_text(s, 1), &a->period, &why) != ERR_OK) {
                *cause = xasprintf("工作簿中的活动数据期间有误：%s", why);
                free(why);
                store_release(st, s);
                return ERR_CORRUPT;
            }
            en->nacts++;
            a->id = sqlite3_column_int64(s, 0);
            a->quantity = sqlite3_column_double(s, 2);
            a->unit = store_column_dup(s, 3);
            a->data_source = store_column_dup(s, 4);
            a->note = store_column_dup(s, 5);
            a->na = sqlite3_column_int(s, 6) != 0;
        }
        store_release(st, s);
        if (rc != SQLITE_DONE)
            return store_fail(st, rc, "读取活动水平数据", cause);
        if (en->nacts > 1)
            qsort(en->acts, en->nacts, sizeof(*en->acts), cmp_act);
    }
    return ERR_OK;
}

static enum err
load_pins(struct store *st, int year, struct wb_year *y, char **cause)
{
    sqlite3_stmt *s;
    size_t cap = 0;
    int rc;
    enum err e;

    if ((e = store_prepare(st, pin_select, &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);    /* ?2 stays NULL: every source */
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        y->pins = xgrow(y->pins, &cap, y->npins + 1, sizeof(*y->pins));
        pin_from_row(s, &y->pins[y->npins++]);
    }
    store_release(st, s);
    return rc == SQLITE_DONE ? ERR_OK : store_fail(st, rc, "读取排放因子", cause);
}

enum err
store_load_year(struct store *st, const struct factor_lib *lib, int year, struct wb_year *y,
                char **cause)
{
    sqlite3_stmt *s;
    int rc;
    enum err e;

    memset(y, 0, sizeof(*y));
    if ((e = store_prepare(st, "SELECT grid_area, gwp_set FROM years WHERE year = ?", &s, cause))
        != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        y->grid_area = store_column_dup(s, 0);
        y->gwp_set = store_column_dup(s, 1);
    }
    store_release(st, s);
    if (rc == SQLITE_DONE) {
        *cause = xasprintf("工作簿中没有 %d 年度", year);
        return ERR_NOTFOUND;
    }
    if (rc != SQLITE_ROW)
        return store_fail(st, rc, "读取年度", cause);
    y->year = year;
    if ((e = load_info(st, year, y, cause)) != ERR_OK
        || (e = load_entries(st, lib, year, y, cause)) != ERR_OK
        || (e = load_pins(st, year, y, cause)) != ERR_OK) {
        model_free(y);
        return e;
    }
    return ERR_OK;
}
