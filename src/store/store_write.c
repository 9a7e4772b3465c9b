/*
 * store_write.c - the logged writes: every change to a workbook row goes through one of these,
 * which runs it with store_record, so that the row's images are logged and undo can restore it
 * exactly.
 */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "base/period.h"
#include "base/strbuf.h"
#include "base/xmem.h"

static char *
pin_summary(const struct factor_pin *p)
{
    return xasprintf("%.17g %s | %s", p->value, p->unit, p->source_text);
}

/* An A.3 entry's row summary: "2024/natural_gas/炉灶". */
static char *
entry_summary(int year, const char *source_id, const char *facility)
{
    return xasprintf("%d/%s/%s", year, source_id, facility != NULL ? facility : "");
}

/* An A.5 value's summary: "1200 m³", or "不适用" for a period marked not applicable. */
static char *
quantity_summary(double quantity, const char *unit, int na)
{
    return na ? xstrdup("不适用") : xasprintf("%.17g %s", quantity, unit);
}

/* Pins the factor; an existing pin is updated in place, so the pins keep their order. */
static enum err
pin_put(struct store *st, int year, const struct factor_pin *pin, char **cause)
{
    struct store_change c = {.tbl = "factors", .field = "value"};
    struct factor_pin old;
    sqlite3_stmt *s;
    char *o = NULL, *n = NULL, *row = NULL;
    long long rowid = 0;
    int found;
    enum err e;

    if ((e = store_pin_read(st, year, pin->source_id, &old, &rowid, &found, cause)) != ERR_OK)
        return e;
    if (found) {
        o = pin_summary(&old);
        factors_pin_free(&old);
    }
    if ((e = store_prepare(st, "INSERT INTO factors (year, source, value, unit, ncv, ncv_unit, cc, "
                               "ox, coal, coal_unit, density, source_text, overridden) VALUES "
                               "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (year, source) "
                               "DO UPDATE SET value = excluded.value, unit = excluded.unit, "
                               "ncv = excluded.ncv, ncv_unit = excluded.ncv_unit, "
                               "cc = excluded.cc, ox = excluded.ox, coal = excluded.coal, "
                               "coal_unit = excluded.coal_unit, density = excluded.density, "
                               "source_text = excluded.source_text, "
                               "overridden = excluded.overridden", &s, cause)) != ERR_OK)
        goto out;
    sqlite3_bind_int(s, 1, year);
    store_bind_text(s, 2, pin->source_id);
    sqlite3_bind_double(s, 3, pin->value);
    store_bind_text(s, 4, pin->unit);
    sqlite3_bind_double(s, 5, pin->ncv);
    store_bind_text(s, 6, pin->ncv_unit);
    sqlite3_bind_double(s, 7, pin->cc);
    sqlite3_bind_double(s, 8, pin->ox);
    sqlite3_bind_double(s, 9, pin->coal);
    store_bind_text(s, 10, pin->coal_unit);
    sqlite3_bind_double(s, 11, pin->density);
    store_bind_text(s, 12, pin->source_text != NULL ? pin->source_text : "");
    sqlite3_bind_int(s, 13, pin->overridden);
    c.rowid = found ? rowid : 0;
    c.row = row = xasprintf("%d/%s", year, pin->source_id);
    c.old = o;
    c.new_value = n = pin_summary(pin);
    e = store_record(st, &c, s, "保存排放因子", cause);
out:
    free(o);
    free(n);
    free(row);
    return e;
}

enum err
store_pin_set(struct store *st, int year, const struct factor_pin *pin, char **cause)
{
    struct store_write w;
    enum err e;

    if ((e = store_write_begin(st, &w, cause)) != ERR_OK)
        return e;
    return store_write_end(st, &w, pin_put(st, year, pin, cause), cause);
}

/* Pins the library default for every source (or only those of `kind`, when kind >= 0). */
static enum err
pin_defaults(struct store *st, const struct factor_lib *lib, int year, const char *grid_area,
             const char *gwp_set, int kind, char **cause)
{
    struct factor_pin pin;
    size_t i;
    enum err e;

    for (i = 0; i < lib->nsources; i++) {
        if (kind >= 0 && (int)lib->sources[i].kind != kind)
            continue;
        if ((e = factors_default_pin(lib, &lib->sources[i], year, NULL, grid_area, gwp_set, &pin,
                                     cause)) != ERR_OK)
            return e;
        e = pin_put(st, year, &pin, cause);
        factors_pin_free(&pin);
        if (e != ERR_OK)
            return e;
    }
    return ERR_OK;
}

static enum err
year_add(struct store *st, const struct factor_lib *lib, int year, const char *grid_area,
         const char *gwp_set, char **cause)
{
    struct store_change c = {.tbl = "years", .field = "year"};
    sqlite3_stmt *s;
    char *row;
    int exists;
    enum err e;

    if (!period_year_ok(year)) {
        *cause = xasprintf("年度 %d 超出范围（%d–%d）", year, PERIOD_YEAR_MIN, PERIOD_YEAR_MAX);
        return ERR_INPUT;
    }
    if ((e = store_year_exists(st, year, &exists, cause)) != ERR_OK)
        return e;
    if (exists) {
        *cause = xasprintf("%d 年度已存在", year);
        return ERR_INPUT;
    }
    if ((e = store_prepare(st, "INSERT INTO years (year, grid_area, gwp_set, created_at) VALUES "
                               "(?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))", &s, cause))
        != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);
    store_bind_text(s, 2, grid_area != NULL ? grid_area : "全国");
    store_bind_text(s, 3, gwp_set != NULL ? gwp_set : "AR6");
    c.row = c.new_value = row = xasprintf("%d", year);
    e = store_record(st, &c, s, "添加年度", cause);
    free(row);
    if (e != ERR_OK)
        return e;
    return pin_defaults(st, lib, year, grid_area, gwp_set, -1, cause);
}

enum err
store_year_add(struct store *st, const struct factor_lib *lib, int year, const char *grid_area,
               const char *gwp_set, char **cause)
{
    struct store_write w;
    enum err e;

    if ((e = store_write_begin(st, &w, cause)) != ERR_OK)
        return e;
    return store_write_end(st, &w, year_add(st, lib, year, grid_area, gwp_set, cause), cause);
}

/* Sets one text column of the year's row with sql (?1 the value, ?2 the year). Logged. */
static enum err
year_set(struct store *st, int year, const char *sql, const char *field, const char *old,
         const char *value, const char *what, char **cause)
{
    struct store_change c = {.tbl = "years", .field = field, .old = old, .new_value = value,
                             .rowid = year};
    sqlite3_stmt *s;
    char *row;
    enum err e;

    if ((e = store_prepare(st, sql, &s, cause)) != ERR_OK)
        return e;
    store_bind_text(s, 1, value);
    sqlite3_bind_int(s, 2, year);
    c.row = row = xasprintf("%d", year);
    e = store_record(st, &c, s, what, cause);
    free(row);
    return e;
}

static enum err
year_settings(struct store *st, const struct factor_lib *lib, int year, const char *grid_area,
              const char *gwp_set, char **cause)
{
    struct wb_year y;
    enum err e;

    if ((e = store_load_year(st, lib, year, &y, cause)) != ERR_OK)
        return e;
    if (grid_area != NULL && strcmp(grid_area, y.grid_area) != 0
        && ((e = year_set(st, year, "UPDATE years SET grid_area = ?1 WHERE year = ?2", "grid_area",
                          y.grid_area, grid_area, "修改电力因子地区", cause)) != ERR_OK
            || (e = pin_defaults(st, lib, year, grid_area, y.gwp_set, SRC_ELECTRICITY, cause))
                   != ERR_OK))
        goto out;
    if (gwp_set != NULL && strcmp(gwp_set, y.gwp_set) != 0
        && ((e = year_set(st, year, "UPDATE years SET gwp_set = ?1 WHERE year = ?2", "gwp_set",
                          y.gwp_set, gwp_set, "修改 GWP 版本", cause)) != ERR_OK
            || (e = pin_defaults(st, lib, year, grid_area != NULL ? grid_area : y.grid_area,
                                 gwp_set, SRC_GAS, cause)) != ERR_OK))
        goto out;
out:
    model_free(&y);
    return e;
}

enum err
store_year_settings(struct store *st, const struct factor_lib *lib, int year,
                    const char *grid_area, const char *gwp_set, char **cause)
{
    struct store_write w;
    enum err e;

    if ((e = store_write_begin(st, &w, cause)) != ERR_OK)
        return e;
    return store_write_end(st, &w, year_settings(st, lib, year, grid_area, gwp_set, cause), cause);
}

static enum err
info_set(struct store *st, enum field_scope scope, int year, const char *key, const char *value,
         char **cause)
{
    struct store_change c = {.tbl = scope == FS_UNIT ? "unit_info" : "year_info", .field = key};
    sqlite3_stmt *s;
    char *old = NULL, *row = NULL;
    long long rowid = 0;
    int rc, clear = value == NULL || value[0] == '\0';
    enum err e;

    if (scope == FS_UNIT)
        e = store_prepare(st, "SELECT rowid, value FROM unit_info WHERE key = ?1", &s, cause);
    else
        e = store_prepare(st, "SELECT rowid, value FROM year_info WHERE key = ?1 AND year = ?2", &s,
                          cause);
    if (e != ERR_OK)
        return e;
    store_bind_text(s, 1, key);
    if (scope != FS_UNIT)
        sqlite3_bind_int(s, 2, year);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        rowid = sqlite3_column_int64(s, 0);
        old = store_column_dup(s, 1);
    }
    store_release(st, s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, rc, "读取基本信息", cause);
    if ((old == NULL && clear) || (old != NULL && !clear && strcmp(old, value) == 0)) {
        free(old);
        return ERR_OK;    /* unchanged: nothing to write or log */
    }
    if (scope == FS_UNIT)
        e = store_prepare(st, clear ? "DELETE FROM unit_info WHERE key = ?1"
                                    : "INSERT INTO unit_info (key, value) VALUES (?1, ?3) "
                                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                          &s, cause);
    else
        e = store_prepare(st, clear ? "DELETE FROM year_info WHERE key = ?1 AND year = ?2"
                                    : "INSERT INTO year_info (year, key, value) VALUES "
                                      "(?2, ?1, ?3) ON CONFLICT (year, key) DO UPDATE SET "
                                      "value = excluded.value", &s, cause);
    if (e != ERR_OK)
        goto out;
    store_bind_text(s, 1, key);
    if (scope != FS_UNIT)
        sqlite3_bind_int(s, 2, year);
    if (!clear)
        store_bind_text(s, 3, value);
    c.rowid = old != NULL ? rowid : 0;
    c.gone = clear;
    c.row = row = scope == FS_UNIT ? xstrdup("unit") : xasprintf("%d", year);
    c.old = old;
    c.new_value = clear ? NULL : value;
    e = store_record(st, &c, s, "保存基本信息", cause);
out:
    free(row);
    free(old);
    return e;
}

enum err
store_info_set(struct store *st, enum field_scope scope, int year, const char *key,
               const char *value, char **cause)
{
    struct store_write w;
    enum err e;

    if ((e = store_write_begin(st, &w, cause)) != ERR_OK)
        return e;
    return store_write_end(st, &w, info_set(st, scope, year, key, value, cause), cause);
}

static enum err
entry_ensure(struct store *st, int year, const char *source_id, const char *facility,
             const char *location, const char *note, long long *id, int *created, char **cause)
{
    struct store_change c = {.tbl = "inventory", .field = "source", .new_value = source_id};
    sqlite3_stmt *s;
    char *row;
    int rc;
    enum err e;

    if (created != NULL)
        *created = 0;
    if ((e = store_prepare(st, "SELECT id FROM inventory WHERE year = ? AND source = ? AND "
                               "facility = ?", &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);
    store_bind_text(s, 2, source_id);
    store_bind_text(s, 3, facility != NULL ? facility : "");
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(s, 0);
    store_release(st, s);
    if (rc == SQLITE_ROW)
        return ERR_OK;
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "读取排放源一览表", cause);
    if ((e = store_prepare(st, "INSERT INTO inventory (year, source, facility, location, note, "
                               "position) VALUES (?1, ?2, ?3, ?4, ?5, "
                               "(SELECT coalesce(max(position), 0) + 1 FROM inventory "
                               "WHERE year = ?1))", &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);
    store_bind_text(s, 2, source_id);
    store_bind_text(s, 3, facility != NULL ? facility : "");
    store_bind_text(s, 4, location != NULL ? location : "");
    store_bind_text(s, 5, note != NULL ? note : "");
    if (!store_bulk_covers(st, c.tbl, 0))
        c.row = row = entry_summary(year, source_id, facility);
    else
        row = NULL;
    e = store_record(st, &c, s, "添加排放源", cause);
    free(row);
    if (e != ERR_OK)
        return e;
    *id = c.rowid;
    if (created != NULL)
        *created = 1;
    return ERR_OK;
}

enum err
store_entry_ensure(struct store *st, int year, const char *source_id, const char *facility,
                   const char *location, const char *note, long long *id, int *created,
                   char **cause)
{
    struct store_write w;
    enum err e;

    if ((e = store_write_begin(st, &w, cause)) != ERR_OK)
        return e;
    e = entry_ensure(st, year, source_id, facility, location, note, id, created, cause);
    return store_write_end(st, &w, e, cause);
}

/* Puts the A.5 row of (entry_id, period): a quantity, or 不适用 when na (quantity 0). */
static enum err
activity_put(struct store *st, long long entry_id, const char *period, double quantity, int na,
             const char *unit, const char *data_source, const char *note, int *replaced,
             char **cause)
{
    struct store_change c = {.tbl = "activity", .field = "quantity"};
    sqlite3_stmt *s;
    char *old = NULL, *new_value = NULL, *row = NULL;
    long long id = 0;
    int rc;
    enum err e;

    if ((e = store_prepare(st, "SELECT id, quantity, unit, na FROM activity WHERE "
                               "inventory_id = ? AND period = ?", &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int64(s, 1, entry_id);
    store_bind_text(s, 2, period);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        id = sqlite3_column_int64(s, 0);
        old = xstrdup("");
        if (!store_bulk_covers(st, c.tbl, id)) {
            free(old);
            old = quantity_summary(sqlite3_column_double(s, 1),
                                   (const char *)sqlite3_column_text(s, 2),
                                   sqlite3_column_int(s, 3));
        }
    }
    store_release(st, s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, rc, "读取活动水平数据", cause);
    if (replaced != NULL)
        *replaced = old != NULL;
    if ((e = store_prepare(st, "INSERT INTO activity (inventory_id, period, quantity, unit, "
                               "data_source, note, na) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
                               "(inventory_id, period) DO UPDATE SET quantity = excluded.quantity, "
                               "unit = excluded.unit, data_source = excluded.data_source, "
                               "note = excluded.note, na = excluded.na", &s, cause)) != ERR_OK)
        goto out;
    sqlite3_bind_int64(s, 1, entry_id);
    store_bind_text(s, 2, period);
    sqlite3_bind_double(s, 3, na ? 0 : quantity);
    store_bind_text(s, 4, unit);
    store_bind_text(s, 5, data_source != NULL ? data_source : "");
    store_bind_text(s, 6, note != NULL ? note : "");
    sqlite3_bind_int(s, 7, na != 0);
    c.rowid = id;    /* 0 when there was no row */
    if (!store_bulk_covers(st, c.tbl, id)) {    /* a bulk logs no summaries of its own rows */
        c.row = row = xasprintf("%lld/%s", entry_id, period);
        c.old = old;
        c.new_value = new_value = quantity_summary(quantity, unit, na);
    }
    e = store_record(st, &c, s, "保存活动水平数据", cause);
out:
    free(row);
    free(old);
    free(new_value);
    return e;
}

enum err
store_activity_put(struct store *st, long long entry_id, const char *period, double quantity,
                   const char *unit, const char *data_source, const char *note, int *replaced,
                   char **cause)
{
    struct store_write w;
    enum err e;

    if ((e = store_write_begin(st, &w, cause)) != ERR_OK)
        return e;
    e = activity_put(st, entry_id, period, quantity, 0, unit, data_source, note, replaced, cause);
    return store_write_end(st, &w, e, cause);
}

enum err
store_activity_put_na(struct store *st, long long entry_id, const char *period,
                      const char *unit, const char *data_source, const char *note, int *replaced,
                      char **cause)
{
    struct store_write w;
    enum err e;

    if ((e = store_write_begin(st, &w, cause)) != ERR_OK)
        return e;
    e = activity_put(st, entry_id, period, 0, 1, unit, data_source, note, replaced, cause);
    return store_write_end(st, &w, e, cause);
}

/* The columns of an A.3 entry that a change may touch. */
enum { ENT_SOURCE, ENT_FACILITY, ENT_LOCATION, ENT_NOTE, ENT__COUNT };
static const char *const entry_cols[ENT__COUNT] = {"source", "facility", "location", "note"};

struct entry_row {
    int year;
    char *v[ENT__COUNT];
};

static void
entry_row_free(struct entry_row *r)
{
    size_t i;

    for (i = 0; i < ENT__COUNT; i++)
        free(r->v[i]);
}

/* Reads entry id; ERR_NOTFOUND when it is gone. */
static enum err
entry_read(struct store *st, long long id, struct entry_row *r, char **cause)
{
    sqlite3_stmt *s;
    size_t i;
    int rc;
    enum err e;

    if ((e = store_prepare(st, "SELECT year, source, facility, location, note FROM inventory "
                               "WHERE id = ?", &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int64(s, 1, id);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        r->year = sqlite3_column_int(s, 0);
        for (i = 0; i < ENT__COUNT; i++)
            r->v[i] = store_column_dup(s, (int)i + 1);
    }
    store_release(st, s);
    if (rc == SQLITE_DONE) {
        *cause = xstrdup("找不到该排放源，可能已被删除");
        return ERR_NOTFOUND;
    }
    return rc == SQLITE_ROW ? ERR_OK : store_fail(st, rc, "读取排放源一览表", cause);
}

/* ERR_INPUT when another entry of year has (source, facility). */
static enum err
entry_unique(struct store *st, long long id, int year, const char *source, const char *facility,
             char **cause)
{
    sqlite3_stmt *s;
    int rc;
    enum err e;

    if ((e = store_prepare(st, "SELECT 1 FROM inventory WHERE year = ? AND source = ? AND "
                               "facility = ? AND id <> ?", &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);
    store_bind_text(s, 2, source);
    store_bind_text(s, 3, facility);
    sqlite3_bind_int64(s, 4, id);
    rc = sqlite3_step(s);
    store_release(st, s);
    if (rc == SQLITE_DONE)
        return ERR_OK;
    if (rc != SQLITE_ROW)
        return store_fail(st, rc, "读取排放源一览表", cause);
    if (facility[0] == '\0')
        *cause = xasprintf("%d 年度已有同一排放源且未填排放设施名称的一行，不能重复；"
                           "请填写排放设施名称加以区分", year);
    else
        *cause = xasprintf("%d 年度已有同一排放源、排放设施名称为“%s”的一行，不能重复", year,
                           facility);
    return ERR_INPUT;
}

static enum err
entry_update(struct store *st, long long id, const char *const set[ENT__COUNT], char **cause)
{
    struct store_change c = {.tbl = "inventory", .rowid = id};
    struct strbuf fields = {0}, olds = {0}, news = {0};
    struct entry_row r;
    const char *nv[ENT__COUNT];
    sqlite3_stmt *s;
    char *row = NULL;
    size_t i;
    enum err e;

    if ((e = entry_read(st, id, &r, cause)) != ERR_OK)
        return e;
    for (i = 0; i < ENT__COUNT; i++) {
        nv[i] = set[i] != NULL ? set[i] : r.v[i];
        if (strcmp(nv[i], r.v[i]) == 0)
            continue;
        sb_printf(&fields, "%s%s", fields.len > 0 ? "," : "", entry_cols[i]);
        sb_printf(&olds, "%s%s", olds.len > 0 ? " | " : "", r.v[i]);
        sb_printf(&news, "%s%s", news.len > 0 ? " | " : "", nv[i]);
    }
    if (fields.len == 0)
        goto out;    /* unchanged: nothing to write or log */
    if ((e = entry_unique(st, id, r.year, nv[ENT_SOURCE], nv[ENT_FACILITY], cause)) != ERR_OK
        || (e = store_prepare(st, "UPDATE inventory SET source = ?, facility = ?, location = ?, "
                                  "note = ? WHERE id = ?", &s, cause)) != ERR_OK)
        goto out;
    for (i = 0; i < ENT__COUNT; i++)
        store_bind_text(s, (int)i + 1, nv[i]);
    sqlite3_bind_int64(s, 5, id);
    c.row = row = entry_summary(r.year, r.v[ENT_SOURCE], r.v[ENT_FACILITY]);
    c.field = fields.s;
    c.old = olds.s != NULL ? olds.s : "";
    c.new_value = news.s != NULL ? news.s : "";
    e = store_record(st, &c, s, "修改排放源", cause);
out:
    sb_free(&fields);
    sb_free(&olds);
    sb_free(&news);
    free(row);
    entry_row_free(&r);
    return e;
}

enum err
store_entry_update(struct store *st, long long id, const char *source_id, const char *facility,
                   const char *location, const char *note, char **cause)
{
    const char *const set[ENT__COUNT] = {source_id, facility, location, note};
    struct store_write w;
    enum err e;

    if ((e = store_write_begin(st, &w, cause)) != ERR_OK)
        return e;
    return store_write_end(st, &w, entry_update(st, id, set, cause), cause);
}

/* Deletes the A.5 row with that id. Logged. */
static enum err
act_delete(struct store *st, long long id, char **cause)
{
    struct store_change c = {.tbl = "activity", .field = "quantity", .rowid = id, .gone = 1};
    sqlite3_stmt *s;
    char *row = NULL, *old = NULL;
    int rc;
    enum err e;

    if ((e = store_prepare(st, "SELECT inventory_id, period, quantity, unit, na FROM activity "
                               "WHERE id = ?", &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int64(s, 1, id);
    if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        row = xasprintf("%lld/%s", sqlite3_column_int64(s, 0),
                        (const char *)sqlite3_column_text(s, 1));
        old = quantity_summary(sqlite3_column_double(s, 2),
                               (const char *)sqlite3_column_text(s, 3), sqlite3_column_int(s, 4));
    }
    store_release(st, s);
    if (rc != SQLITE_ROW)
        return store_fail(st, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, "读取活动水平数据", cause);
    if ((e = store_prepare(st, "DELETE FROM activity WHERE id = ?", &s, cause)) == ERR_OK) {
        sqlite3_bind_int64(s, 1, id);
        c.row = row;
        c.old = old;
        e = store_record(st, &c, s, "删除活动水平数据", cause);
    }
    free(row);
    free(old);
    return e;
}

static enum err
entry_delete(struct store *st, long long id, char **cause)
{
    struct store_change c = {.tbl = "inventory", .field = "source", .rowid = id, .gone = 1};
    struct entry_row r;
    sqlite3_stmt *s;
    long long *acts = NULL;
    size_t n = 0, cap = 0, i;
    char *row = NULL;
    int rc;
    enum err e;

    if ((e = entry_read(st, id, &r, cause)) != ERR_OK)
        return e;
    if ((e = store_prepare(st, "SELECT id FROM activity WHERE inventory_id = ? ORDER BY period, id",
                           &s, cause)) != ERR_OK)
        goto out;
    sqlite3_bind_int64(s, 1, id);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        acts = xgrow(acts, &cap, n + 1, sizeof(*acts));
        acts[n++] = sqlite3_column_int64(s, 0);
    }
    store_release(st, s);
    if (rc != SQLITE_DONE) {
        e = store_fail(st, rc, "读取活动水平数据", cause);
        goto out;
    }
    /* the A.5 rows first: undo, going backwards, brings the entry back before them */
    for (i = 0; i < n; i++)
        if ((e = act_delete(st, acts[i], cause)) != ERR_OK)
            goto out;
    if ((e = store_prepare(st, "DELETE FROM inventory WHERE id = ?", &s, cause)) != ERR_OK)
        goto out;
    sqlite3_bind_int64(s, 1, id);
    c.row = row = entry_summary(r.year, r.v[ENT_SOURCE], r.v[ENT_FACILITY]);
    c.old = r.v[ENT_SOURCE];
    e = store_record(st, &c, s, "删除排放源", cause);
out:
    free(acts);
    free(row);
    entry_row_free(&r);
    return e;
}

enum err
store_entry_delete(struct store *st, long long id, char **cause)
{
    struct store_write w;
    enum err e;

    if ((e = store_write_begin(st, &w, cause)) != ERR_OK)
        return e;
    return store_write_end(st, &w, entry_delete(st, id, cause), cause);
}

static enum err
activity_delete(struct store *st, long long entry_id, const char *period, char **cause)
{
    sqlite3_stmt *s;
    long long id = 0;
    int rc;
    enum err e;

    if ((e = store_prepare(st, "SELECT id FROM activity WHERE inventory_id = ? AND period = ?", &s,
                           cause)) != ERR_OK)
        return e;
    sqlite3_bind_int64(s, 1, entry_id);
    store_bind_text(s, 2, period);
    if ((rc = sqlite3_step(s)) == SQLITE_ROW)
        id = sqlite3_column_int64(s, 0);
    store_release(st, s);
    if (rc == SQLITE_DONE) {
        *cause = xasprintf("没有 %s 的活动数据，可能已被删除", period);
        return ERR_NOTFOUND;
    }
    if (rc != SQLITE_ROW)
        return store_fail(st, rc, "读取活动水平数据", cause);
    return act_delete(st, id, cause);
}

enum err
store_activity_delete(struct store *st, long long entry_id, const char *period, char **cause)
{
    struct store_write w;
    enum err e;

    if ((e = store_write_begin(st, &w, cause)) != ERR_OK)
        return e;
    return store_write_end(st, &w, activity_delete(st, entry_id, period, cause), cause);
}
