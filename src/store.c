/* store.c - the SQLite workbook: schema, migrations, reads, logged writes. */
#include "store.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"
#include "xmem.h"

#define STORE_CACHE 64

struct store {
    sqlite3 *db;
    char *path;
    int opened_version;
    struct {
        const char *sql;      /* a string literal of this file */
        sqlite3_stmt *stmt;
    } cache[STORE_CACHE];     /* prepared statements, reused: an import runs thousands */
    size_t ncache;
};

/*
 * The numbered migrations: entry N-1 takes a workbook from user_version N-1 to N. Never edit a
 * released entry; append a new one.
 */
static const char *const migrations[] = {
    /* 1: the workbook tables */
    "CREATE TABLE unit_info ("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL) STRICT;"
    "CREATE TABLE years ("
    "  year INTEGER PRIMARY KEY CHECK (year BETWEEN 1990 AND 2100),"
    "  grid_area TEXT NOT NULL DEFAULT '全国',"
    "  gwp_set TEXT NOT NULL DEFAULT 'AR6',"
    "  created_at TEXT NOT NULL) STRICT;"
    "CREATE TABLE year_info ("
    "  year INTEGER NOT NULL REFERENCES years(year) ON DELETE CASCADE,"
    "  key TEXT NOT NULL,"
    "  value TEXT NOT NULL,"
    "  PRIMARY KEY (year, key)) STRICT;"
    "CREATE TABLE inventory ("
    "  id INTEGER PRIMARY KEY,"
    "  year INTEGER NOT NULL REFERENCES years(year) ON DELETE CASCADE,"
    "  source TEXT NOT NULL,"
    "  facility TEXT NOT NULL DEFAULT '',"
    "  location TEXT NOT NULL DEFAULT '',"
    "  note TEXT NOT NULL DEFAULT '',"
    "  position INTEGER NOT NULL,"
    "  UNIQUE (year, source, facility)) STRICT;"
    "CREATE TABLE activity ("
    "  id INTEGER PRIMARY KEY,"
    "  inventory_id INTEGER NOT NULL REFERENCES inventory(id) ON DELETE CASCADE,"
    "  period TEXT NOT NULL,"
    "  quantity REAL NOT NULL CHECK (quantity >= 0),"
    "  unit TEXT NOT NULL,"
    "  data_source TEXT NOT NULL DEFAULT '',"
    "  note TEXT NOT NULL DEFAULT '',"
    "  UNIQUE (inventory_id, period)) STRICT;"
    "CREATE TABLE factors ("
    "  year INTEGER NOT NULL REFERENCES years(year) ON DELETE CASCADE,"
    "  source TEXT NOT NULL,"
    "  value REAL NOT NULL,"
    "  unit TEXT NOT NULL,"
    "  ncv REAL NOT NULL DEFAULT 0,"
    "  ncv_unit TEXT,"
    "  cc REAL NOT NULL DEFAULT 0,"
    "  ox REAL NOT NULL DEFAULT 0,"
    "  coal REAL NOT NULL DEFAULT 0,"
    "  coal_unit TEXT,"
    "  density REAL NOT NULL DEFAULT 0,"
    "  source_text TEXT NOT NULL,"
    "  overridden INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (year, source)) STRICT;",

    /* 2: the edit log behind undo/redo; workbooks from version 1 start with an empty history */
    "CREATE TABLE edit_log ("
    "  id INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL,"
    "  tbl TEXT NOT NULL,"
    "  row TEXT NOT NULL,"
    "  field TEXT NOT NULL,"
    "  old TEXT,"
    "  new TEXT) STRICT;"
    "CREATE INDEX activity_by_entry ON activity(inventory_id);",
};

int
store_latest_version(void)
{
    return (int)nitems(migrations);
}

int
store_opened_version(const struct store *st)
{
    return st->opened_version;
}

/* Maps a SQLite result code to an error value with a message naming what failed. */
static enum err
sql_fail(struct store *st, int rc, const char *what, char **cause)
{
    const char *msg = st != NULL && st->db != NULL ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
    enum err e;

    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        *cause = xasprintf("工作簿正被其他程序占用，等待后仍无法%s；请关闭其他使用该文件的程序后重试", what);
        return ERR_LOCKED;
    case SQLITE_NOTADB:
        *cause = xasprintf("%s 不是碳账本工作簿（不是 SQLite 数据库文件）", st->path);
        return ERR_NOTWORKBOOK;
    case SQLITE_CORRUPT:
        *cause = xasprintf("工作簿文件已损坏，无法%s（%s）", what, msg);
        return ERR_CORRUPT;
    case SQLITE_CONSTRAINT:
        e = ERR_INPUT;
        break;
    default:
        e = ERR_IO;
        break;
    }
    *cause = xasprintf("无法%s：%s", what, msg);
    return e;
}

static enum err
exec(struct store *st, const char *sql, const char *what, char **cause)
{
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);

    return rc == SQLITE_OK ? ERR_OK : sql_fail(st, rc, what, cause);
}

/* A ready statement for sql, from the cache when it was prepared before; give it back with release(). */
static enum err
prepare(struct store *st, const char *sql, sqlite3_stmt **stmt, char **cause)
{
    size_t i;
    int rc;

    for (i = 0; i < st->ncache; i++)
        if (st->cache[i].sql == sql || strcmp(st->cache[i].sql, sql) == 0) {
            *stmt = st->cache[i].stmt;
            return ERR_OK;
        }
    rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);
    if (rc != SQLITE_OK)
        return sql_fail(st, rc, "读取工作簿", cause);
    if (st->ncache < STORE_CACHE) {
        st->cache[st->ncache].sql = sql;
        st->cache[st->ncache].stmt = *stmt;
        st->ncache++;
    }
    return ERR_OK;
}

/* Ends a statement's use: cached ones are reset for next time, others finalized. */
static void
release(struct store *st, sqlite3_stmt *stmt)
{
    size_t i;

    for (i = 0; i < st->ncache; i++)
        if (st->cache[i].stmt == stmt) {
            sqlite3_reset(stmt);
            sqlite3_clear_bindings(stmt);
            return;
        }
    sqlite3_finalize(stmt);
}

static void
cache_clear(struct store *st)
{
    size_t i;

    for (i = 0; i < st->ncache; i++)
        sqlite3_finalize(st->cache[i].stmt);
    st->ncache = 0;
}

/* Runs a PRAGMA returning one integer. */
static enum err
pragma_int(struct store *st, const char *sql, int *out, char **cause)
{
    sqlite3_stmt *s;
    enum err e;
    int rc;

    if ((e = prepare(st, sql, &s, cause)) != ERR_OK)
        return e;
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(s, 0);
    else if (rc == SQLITE_DONE)
        *out = 0;
    release(st, s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : sql_fail(st, rc, "读取工作簿", cause);
}

static int
busy_timeout_ms(void)
{
    const char *s = getenv("TANBOOK_BUSY_TIMEOUT_MS");
    long v;
    char *end;

    if (s == NULL || *s == '\0')
        return 5000;
    v = strtol(s, &end, 10);
    return *end == '\0' && v >= 0 && v <= 600000 ? (int)v : 5000;
}

void
store_remove(const char *path)
{
    char *p;

    unlink(path);
    p = xasprintf("%s-wal", path);
    unlink(p);
    free(p);
    p = xasprintf("%s-shm", path);
    unlink(p);
    free(p);
}

static enum err
migrate(struct store *st, int from, int creating, char **cause)
{
    enum err e;
    int v;
    char *sql;

    if ((e = exec(st, "BEGIN IMMEDIATE", "更新工作簿格式", cause)) != ERR_OK)
        return e;
    /* another program may have migrated it while we waited */
    if ((e = pragma_int(st, "PRAGMA user_version", &v, cause)) != ERR_OK)
        goto fail;
    for (v = v > from ? v : from; v < (int)nitems(migrations); v++)
        if ((e = exec(st, migrations[v], "更新工作簿格式", cause)) != ERR_OK)
            goto fail;
    if (creating)
        sql = xasprintf("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                        (int)nitems(migrations), STORE_APPLICATION_ID);
    else
        sql = xasprintf("PRAGMA user_version = %d;", (int)nitems(migrations));
    e = exec(st, sql, "更新工作簿格式", cause);
    free(sql);
    if (e != ERR_OK)
        goto fail;
    return exec(st, "COMMIT", "更新工作簿格式", cause);
fail:
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return e;
}

enum err
store_open(const char *path, enum store_mode mode, struct store **out, char **cause)
{
    struct store *st;
    struct stat sb;
    int rc, app_id = 0, version = 0, flags, defensive;
    enum err e;

    *out = NULL;
    if (mode == STORE_EXISTING && stat(path, &sb) != 0) {
        *cause = xasprintf("找不到工作簿文件 %s", path);
        return ERR_IO;
    }
    if (mode == STORE_CREATE && stat(path, &sb) == 0) {
        *cause = xasprintf("文件 %s 已存在，不会覆盖", path);
        return ERR_IO;
    }
    if (mode == STORE_EXISTING && !S_ISREG(sb.st_mode)) {
        *cause = xasprintf("%s 不是普通文件", path);
        return ERR_IO;
    }
    st = xcalloc(1, sizeof(*st));
    st->path = xstrdup(path);
    flags = SQLITE_OPEN_READWRITE | (mode == STORE_CREATE ? SQLITE_OPEN_CREATE : 0);
    rc = sqlite3_open_v2(path, &st->db, flags, NULL);
    if (rc != SQLITE_OK) {
        *cause = xasprintf("无法打开 %s：%s", path, st->db != NULL ? sqlite3_errmsg(st->db)
                                                                 : sqlite3_errstr(rc));
        e = ERR_IO;
        goto fail;
    }
    sqlite3_busy_timeout(st->db, busy_timeout_ms());
    sqlite3_extended_result_codes(st->db, 0);
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, &defensive);
    if ((e = pragma_int(st, "PRAGMA application_id", &app_id, cause)) != ERR_OK
        || (e = pragma_int(st, "PRAGMA user_version", &version, cause)) != ERR_OK)
        goto fail;
    if (mode == STORE_EXISTING && app_id != STORE_APPLICATION_ID) {
        *cause = xasprintf("%s 不是碳账本工作簿", path);
        e = ERR_NOTWORKBOOK;
        goto fail;
    }
    if (version > (int)nitems(migrations)) {
        *cause = xasprintf("%s 的格式版本 %d 高于本程序支持的版本 %d，请升级碳账本后再打开", path,
                           version, (int)nitems(migrations));
        e = ERR_NEWER;
        goto fail;
    }
    st->opened_version = version;
    if ((e = exec(st, "PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF;", "打开工作簿",
                  cause)) != ERR_OK
        || (e = exec(st, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
                     "打开工作簿", cause)) != ERR_OK)
        goto fail;
    if (version < (int)nitems(migrations)
        && (e = migrate(st, version, mode == STORE_CREATE, cause)) != ERR_OK)
        goto fail;
    *out = st;
    return ERR_OK;
fail:
    cache_clear(st);
    sqlite3_close(st->db);
    if (mode == STORE_CREATE)
        store_remove(path);
    free(st->path);
    free(st);
    return e;
}

void
store_close(struct store *st)
{
    if (st == NULL)
        return;
    cache_clear(st);
    sqlite3_close(st->db);
    free(st->path);
    free(st);
}

enum err
store_begin(struct store *st, char **cause)
{
    return exec(st, "BEGIN IMMEDIATE", "写入工作簿", cause);
}

enum err
store_commit(struct store *st, char **cause)
{
    enum err e = exec(st, "COMMIT", "保存到工作簿", cause);

    if (e != ERR_OK)
        store_rollback(st);
    return e;
}

void
store_rollback(struct store *st)
{
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Binds text, or NULL when s is NULL. */
static void
bind_text(sqlite3_stmt *s, int i, const char *v)
{
    if (v == NULL)
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

static char *
col_text(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);

    return t != NULL ? xstrdup((const char *)t) : NULL;
}

/* Steps a statement that returns no rows, then finalizes it. */
static enum err
step_done(struct store *st, sqlite3_stmt *s, const char *what, char **cause)
{
    int rc = sqlite3_step(s);

    release(st, s);
    return rc == SQLITE_DONE ? ERR_OK : sql_fail(st, rc, what, cause);
}

static enum err
log_edit(struct store *st, const char *tbl, const char *row, const char *field, const char *old,
         const char *new_value, char **cause)
{
    sqlite3_stmt *s;
    enum err e;

    if ((e = prepare(st, "INSERT INTO edit_log (at, tbl, row, field, old, new) VALUES "
                         "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?, ?, ?, ?, ?)", &s, cause))
        != ERR_OK)
        return e;
    bind_text(s, 1, tbl);
    bind_text(s, 2, row);
    bind_text(s, 3, field);
    bind_text(s, 4, old);
    bind_text(s, 5, new_value);
    return step_done(st, s, "记录修改历史", cause);
}

enum err
store_years(struct store *st, int **years, size_t *n, char **cause)
{
    sqlite3_stmt *s;
    size_t cap = 0;
    enum err e;
    int rc;

    *years = NULL;
    *n = 0;
    if ((e = prepare(st, "SELECT year FROM years ORDER BY year", &s, cause)) != ERR_OK)
        return e;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        *years = xgrow(*years, &cap, *n + 1, sizeof(int));
        (*years)[(*n)++] = sqlite3_column_int(s, 0);
    }
    release(st, s);
    if (rc != SQLITE_DONE) {
        free(*years);
        *years = NULL;
        *n = 0;
        return sql_fail(st, rc, "读取年度列表", cause);
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

    if ((e = prepare(st, "SELECT 1 FROM years WHERE year = ?", &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);
    rc = sqlite3_step(s);
    release(st, s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sql_fail(st, rc, "读取年度", cause);
    *exists = rc == SQLITE_ROW;
    return ERR_OK;
}

/* The pinned factors of a year: ?1 the year, ?2 one source id or NULL for all. */
static const char pin_select[] =
    "SELECT source, value, unit, ncv, ncv_unit, cc, ox, coal, coal_unit, density, source_text, "
    "overridden FROM factors WHERE year = ?1 AND (?2 IS NULL OR source = ?2) ORDER BY rowid";

static void
pin_from_row(sqlite3_stmt *s, struct factor_pin *pin)
{
    memset(pin, 0, sizeof(*pin));
    pin->source_id = col_text(s, 0);
    pin->value = sqlite3_column_double(s, 1);
    pin->unit = col_text(s, 2);
    pin->ncv = sqlite3_column_double(s, 3);
    pin->ncv_unit = col_text(s, 4);
    pin->cc = sqlite3_column_double(s, 5);
    pin->ox = sqlite3_column_double(s, 6);
    pin->coal = sqlite3_column_double(s, 7);
    pin->coal_unit = col_text(s, 8);
    pin->density = sqlite3_column_double(s, 9);
    pin->source_text = col_text(s, 10);
    pin->overridden = sqlite3_column_int(s, 11);
}

/* Reads the pinned factor of (year, source_id) into *pin; *found tells whether there is one. */
static enum err
pin_read(struct store *st, int year, const char *source_id, struct factor_pin *pin, int *found,
         char **cause)
{
    sqlite3_stmt *s;
    enum err e;
    int rc;

    if ((e = prepare(st, pin_select, &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, source_id);
    rc = sqlite3_step(s);
    *found = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW)
        pin_from_row(s, pin);
    release(st, s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : sql_fail(st, rc, "读取排放因子", cause);
}

static char *
pin_summary(const struct factor_pin *p)
{
    return xasprintf("%.17g %s | %s", p->value, p->unit, p->source_text);
}

enum err
store_pin_set(struct store *st, int year, const struct factor_pin *pin, char **cause)
{
    struct factor_pin old;
    sqlite3_stmt *s;
    char *row, *o = NULL, *n;
    int found;
    enum err e;

    if ((e = pin_read(st, year, pin->source_id, &old, &found, cause)) != ERR_OK)
        return e;
    if (found) {
        o = pin_summary(&old);
        factors_pin_free(&old);
    }
    if ((e = prepare(st, "INSERT OR REPLACE INTO factors (year, source, value, unit, ncv, "
                         "ncv_unit, cc, ox, coal, coal_unit, density, source_text, overridden) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &s, cause)) != ERR_OK) {
        free(o);
        return e;
    }
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, pin->source_id);
    sqlite3_bind_double(s, 3, pin->value);
    bind_text(s, 4, pin->unit);
    sqlite3_bind_double(s, 5, pin->ncv);
    bind_text(s, 6, pin->ncv_unit);
    sqlite3_bind_double(s, 7, pin->cc);
    sqlite3_bind_double(s, 8, pin->ox);
    sqlite3_bind_double(s, 9, pin->coal);
    bind_text(s, 10, pin->coal_unit);
    sqlite3_bind_double(s, 11, pin->density);
    bind_text(s, 12, pin->source_text != NULL ? pin->source_text : "");
    sqlite3_bind_int(s, 13, pin->overridden);
    if ((e = step_done(st, s, "保存排放因子", cause)) != ERR_OK) {
        free(o);
        return e;
    }
    row = xasprintf("%d/%s", year, pin->source_id);
    n = pin_summary(pin);
    e = log_edit(st, "factors", row, "value", o, n, cause);
    free(row);
    free(o);
    free(n);
    return e;
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
        e = store_pin_set(st, year, &pin, cause);
        factors_pin_free(&pin);
        if (e != ERR_OK)
            return e;
    }
    return ERR_OK;
}

enum err
store_year_add(struct store *st, const struct factor_lib *lib, int year, const char *grid_area,
               const char *gwp_set, char **cause)
{
    sqlite3_stmt *s;
    char *row;
    int exists;
    enum err e;

    if (year < 1990 || year > 2100) {
        *cause = xasprintf("年度 %d 超出范围（1990–2100）", year);
        return ERR_INPUT;
    }
    if ((e = store_year_exists(st, year, &exists, cause)) != ERR_OK)
        return e;
    if (exists) {
        *cause = xasprintf("%d 年度已存在", year);
        return ERR_INPUT;
    }
    if ((e = prepare(st, "INSERT INTO years (year, grid_area, gwp_set, created_at) VALUES "
                         "(?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))", &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, grid_area != NULL ? grid_area : "全国");
    bind_text(s, 3, gwp_set != NULL ? gwp_set : "AR6");
    if ((e = step_done(st, s, "添加年度", cause)) != ERR_OK)
        return e;
    row = xasprintf("%d", year);
    e = log_edit(st, "years", row, "year", NULL, row, cause);
    free(row);
    if (e != ERR_OK)
        return e;
    return pin_defaults(st, lib, year, grid_area, gwp_set, -1, cause);
}

enum err
store_year_settings(struct store *st, const struct factor_lib *lib, int year,
                    const char *grid_area, const char *gwp_set, char **cause)
{
    struct wb_year y;
    sqlite3_stmt *s;
    char *row;
    enum err e;

    if ((e = store_load_year(st, lib, year, &y, cause)) != ERR_OK)
        return e;
    row = xasprintf("%d", year);
    if (grid_area != NULL && strcmp(grid_area, y.grid_area) != 0) {
        if ((e = prepare(st, "UPDATE years SET grid_area = ? WHERE year = ?", &s, cause)) != ERR_OK)
            goto out;
        bind_text(s, 1, grid_area);
        sqlite3_bind_int(s, 2, year);
        if ((e = step_done(st, s, "修改电力因子地区", cause)) != ERR_OK
            || (e = log_edit(st, "years", row, "grid_area", y.grid_area, grid_area, cause)) != ERR_OK
            || (e = pin_defaults(st, lib, year, grid_area, y.gwp_set, SRC_ELECTRICITY, cause))
                   != ERR_OK)
            goto out;
    }
    if (gwp_set != NULL && strcmp(gwp_set, y.gwp_set) != 0) {
        if ((e = prepare(st, "UPDATE years SET gwp_set = ? WHERE year = ?", &s, cause)) != ERR_OK)
            goto out;
        bind_text(s, 1, gwp_set);
        sqlite3_bind_int(s, 2, year);
        if ((e = step_done(st, s, "修改 GWP 版本", cause)) != ERR_OK
            || (e = log_edit(st, "years", row, "gwp_set", y.gwp_set, gwp_set, cause)) != ERR_OK
            || (e = pin_defaults(st, lib, year, grid_area != NULL ? grid_area : y.grid_area,
                                 gwp_set, SRC_GAS, cause)) != ERR_OK)
            goto out;
    }
out:
    free(row);
    model_free(&y);
    return e;
}

enum err
store_info_set(struct store *st, enum field_scope scope, int year, const char *key,
               const char *value, char **cause)
{
    sqlite3_stmt *s;
    char *old = NULL, *row;
    const char *tbl = scope == FS_UNIT ? "unit_info" : "year_info";
    int rc, clear = value == NULL || value[0] == '\0';
    enum err e;

    if (scope == FS_UNIT)
        e = prepare(st, "SELECT value FROM unit_info WHERE key = ?1", &s, cause);
    else
        e = prepare(st, "SELECT value FROM year_info WHERE key = ?1 AND year = ?2", &s, cause);
    if (e != ERR_OK)
        return e;
    bind_text(s, 1, key);
    if (scope != FS_UNIT)
        sqlite3_bind_int(s, 2, year);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        old = col_text(s, 0);
    release(st, s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sql_fail(st, rc, "读取基本信息", cause);
    if ((old == NULL && clear) || (old != NULL && !clear && strcmp(old, value) == 0)) {
        free(old);
        return ERR_OK;    /* unchanged: nothing to write or log */
    }
    if (scope == FS_UNIT)
        e = prepare(st, clear ? "DELETE FROM unit_info WHERE key = ?1"
                              : "INSERT OR REPLACE INTO unit_info (key, value) VALUES (?1, ?3)",
                    &s, cause);
    else
        e = prepare(st, clear ? "DELETE FROM year_info WHERE key = ?1 AND year = ?2"
                              : "INSERT OR REPLACE INTO year_info (year, key, value) VALUES (?2, ?1, ?3)",
                    &s, cause);
    if (e != ERR_OK) {
        free(old);
        return e;
    }
    bind_text(s, 1, key);
    if (scope != FS_UNIT)
        sqlite3_bind_int(s, 2, year);
    if (!clear)
        bind_text(s, 3, value);
    if ((e = step_done(st, s, "保存基本信息", cause)) != ERR_OK) {
        free(old);
        return e;
    }
    row = scope == FS_UNIT ? xstrdup("unit") : xasprintf("%d", year);
    e = log_edit(st, tbl, row, key, old, clear ? NULL : value, cause);
    free(row);
    free(old);
    return e;
}

enum err
store_entry_ensure(struct store *st, int year, const char *source_id, const char *facility,
                   const char *location, const char *note, long long *id, int *created,
                   char **cause)
{
    sqlite3_stmt *s;
    char *row;
    int rc;
    enum err e;

    if (created != NULL)
        *created = 0;
    if ((e = prepare(st, "SELECT id FROM inventory WHERE year = ? AND source = ? AND facility = ?",
                     &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, source_id);
    bind_text(s, 3, facility != NULL ? facility : "");
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(s, 0);
    release(st, s);
    if (rc == SQLITE_ROW)
        return ERR_OK;
    if (rc != SQLITE_DONE)
        return sql_fail(st, rc, "读取排放源一览表", cause);
    if ((e = prepare(st, "INSERT INTO inventory (year, source, facility, location, note, position) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, (SELECT coalesce(max(position), 0) + 1 "
                         "FROM inventory WHERE year = ?1))", &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);
    bind_text(s, 2, source_id);
    bind_text(s, 3, facility != NULL ? facility : "");
    bind_text(s, 4, location != NULL ? location : "");
    bind_text(s, 5, note != NULL ? note : "");
    if ((e = step_done(st, s, "添加排放源", cause)) != ERR_OK)
        return e;
    *id = sqlite3_last_insert_rowid(st->db);
    if (created != NULL)
        *created = 1;
    row = xasprintf("%d/%s/%s", year, source_id, facility != NULL ? facility : "");
    e = log_edit(st, "inventory", row, "source", NULL, source_id, cause);
    free(row);
    return e;
}

enum err
store_activity_put(struct store *st, long long entry_id, const char *period, double quantity,
                   const char *unit, const char *data_source, const char *note, int *replaced,
                   char **cause)
{
    sqlite3_stmt *s;
    char *old = NULL, *new_value, *row;
    int rc;
    enum err e;

    if ((e = prepare(st, "SELECT quantity, unit FROM activity WHERE inventory_id = ? AND period = ?",
                     &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int64(s, 1, entry_id);
    bind_text(s, 2, period);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        old = xasprintf("%.17g %s", sqlite3_column_double(s, 0),
                        (const char *)sqlite3_column_text(s, 1));
    release(st, s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sql_fail(st, rc, "读取活动水平数据", cause);
    if (replaced != NULL)
        *replaced = old != NULL;
    if ((e = prepare(st, "INSERT INTO activity (inventory_id, period, quantity, unit, data_source, "
                         "note) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (inventory_id, period) DO "
                         "UPDATE SET quantity = excluded.quantity, unit = excluded.unit, "
                         "data_source = excluded.data_source, note = excluded.note",
                     &s, cause)) != ERR_OK) {
        free(old);
        return e;
    }
    sqlite3_bind_int64(s, 1, entry_id);
    bind_text(s, 2, period);
    sqlite3_bind_double(s, 3, quantity);
    bind_text(s, 4, unit);
    bind_text(s, 5, data_source != NULL ? data_source : "");
    bind_text(s, 6, note != NULL ? note : "");
    if ((e = step_done(st, s, "保存活动水平数据", cause)) != ERR_OK) {
        free(old);
        return e;
    }
    row = xasprintf("%lld/%s", entry_id, period);
    new_value = xasprintf("%.17g %s", quantity, unit);
    e = log_edit(st, "activity", row, "quantity", old, new_value, cause);
    free(row);
    free(old);
    free(new_value);
    return e;
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

    if ((e = prepare(st, "SELECT key, value FROM unit_info UNION ALL "
                         "SELECT key, value FROM year_info WHERE year = ?", &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        y->info = xgrow(y->info, &cap, y->ninfo + 1, sizeof(*y->info));
        y->info[y->ninfo].key = col_text(s, 0);
        y->info[y->ninfo].value = col_text(s, 1);
        y->ninfo++;
    }
    release(st, s);
    return rc == SQLITE_DONE ? ERR_OK : sql_fail(st, rc, "读取基本信息", cause);
}

static enum err
load_entries(struct store *st, const struct factor_lib *lib, int year, struct wb_year *y,
             char **cause)
{
    sqlite3_stmt *s;
    size_t cap = 0, i, acap;
    int rc;
    enum err e;

    if ((e = prepare(st, "SELECT id, source, facility, location, note FROM inventory "
                         "WHERE year = ? ORDER BY position, id", &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct wb_entry *en;

        y->entries = xgrow(y->entries, &cap, y->nentries + 1, sizeof(*y->entries));
        en = &y->entries[y->nentries++];
        memset(en, 0, sizeof(*en));
        en->id = sqlite3_column_int64(s, 0);
        en->source_id = col_text(s, 1);
        en->src = factors_source(lib, en->source_id);
        en->facility = col_text(s, 2);
        en->location = col_text(s, 3);
        en->note = col_text(s, 4);
    }
    release(st, s);
    if (rc != SQLITE_DONE)
        return sql_fail(st, rc, "读取排放源一览表", cause);
    for (i = 0; i < y->nentries; i++) {
        struct wb_entry *en = &y->entries[i];

        if ((e = prepare(st, "SELECT id, period, quantity, unit, data_source, note FROM activity "
                             "WHERE inventory_id = ?", &s, cause)) != ERR_OK)
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
                release(st, s);
                return ERR_CORRUPT;
            }
            en->nacts++;
            a->id = sqlite3_column_int64(s, 0);
            a->quantity = sqlite3_column_double(s, 2);
            a->unit = col_text(s, 3);
            a->data_source = col_text(s, 4);
            a->note = col_text(s, 5);
        }
        release(st, s);
        if (rc != SQLITE_DONE)
            return sql_fail(st, rc, "读取活动水平数据", cause);
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

    if ((e = prepare(st, pin_select, &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);    /* ?2 stays NULL: every source */
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        y->pins = xgrow(y->pins, &cap, y->npins + 1, sizeof(*y->pins));
        pin_from_row(s, &y->pins[y->npins++]);
    }
    release(st, s);
    return rc == SQLITE_DONE ? ERR_OK : sql_fail(st, rc, "读取排放因子", cause);
}

enum err
store_load_year(struct store *st, const struct factor_lib *lib, int year, struct wb_year *y,
                char **cause)
{
    sqlite3_stmt *s;
    int rc;
    enum err e;

    memset(y, 0, sizeof(*y));
    if ((e = prepare(st, "SELECT grid_area, gwp_set FROM years WHERE year = ?", &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        y->grid_area = col_text(s, 0);
        y->gwp_set = col_text(s, 1);
    }
    release(st, s);
    if (rc == SQLITE_DONE) {
        *cause = xasprintf("工作簿中没有 %d 年度", year);
        return ERR_NOTFOUND;
    }
    if (rc != SQLITE_ROW)
        return sql_fail(st, rc, "读取年度", cause);
    y->year = year;
    if ((e = load_info(st, year, y, cause)) != ERR_OK
        || (e = load_entries(st, lib, year, y, cause)) != ERR_OK
        || (e = load_pins(st, year, y, cause)) != ERR_OK) {
        model_free(y);
        return e;
    }
    return ERR_OK;
}

enum err
store_log(struct store *st, struct store_log_entry **out, size_t *n, char **cause)
{
    sqlite3_stmt *s;
    size_t cap = 0;
    int rc;
    enum err e;

    *out = NULL;
    *n = 0;
    if ((e = prepare(st, "SELECT id, at, tbl, row, field, old, new FROM edit_log ORDER BY id",
                     &s, cause)) != ERR_OK)
        return e;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_log_entry *l;

        *out = xgrow(*out, &cap, *n + 1, sizeof(**out));
        l = &(*out)[(*n)++];
        l->id = sqlite3_column_int64(s, 0);
        l->at = col_text(s, 1);
        l->tbl = col_text(s, 2);
        l->row = col_text(s, 3);
        l->field = col_text(s, 4);
        l->old_value = col_text(s, 5);
        l->new_value = col_text(s, 6);
    }
    release(st, s);
    if (rc != SQLITE_DONE) {
        store_log_free(*out, *n);
        *out = NULL;
        *n = 0;
        return sql_fail(st, rc, "读取修改历史", cause);
    }
    return ERR_OK;
}

void
store_log_free(struct store_log_entry *log, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        free(log[i].at);
        free(log[i].tbl);
        free(log[i].row);
        free(log[i].field);
        free(log[i].old_value);
        free(log[i].new_value);
    }
    free(log);
}
