/*
 * store.c - the SQLite workbook: schema, migrations, transactions and reads. The logged writes
 * are in store_write.c, the edit log with undo and redo in store_log.c.
 */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store_internal.h"
#include "base/strbuf.h"
#include "base/xmem.h"

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

    /*
     * 3: undo and redo (store_log.c). An action is what one transaction changed; its log rows
     * keep the images of each row before and after. Rows logged by version 2 have no action:
     * they stay as history and cannot be undone.
     */
    "CREATE TABLE edit_action ("                /* state: 0 done, 1 undone, 2 discarded */
    "  id INTEGER PRIMARY KEY,"
    "  state INTEGER NOT NULL DEFAULT 0 CHECK (state IN (0, 1, 2))) STRICT;"
    "CREATE INDEX edit_action_by_state ON edit_action(state, id);"
    "ALTER TABLE edit_log ADD COLUMN action INTEGER REFERENCES edit_action(id);"
    "ALTER TABLE edit_log ADD COLUMN kind INTEGER NOT NULL DEFAULT 0 CHECK (kind IN (0, 1, 2));"
    "ALTER TABLE edit_log ADD COLUMN before_row TEXT;"
    "ALTER TABLE edit_log ADD COLUMN after_row TEXT;"
    "CREATE INDEX edit_log_by_action ON edit_log(action);",
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

enum err
store_fail(struct store *st, int rc, const char *what, char **cause)
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

enum err
store_exec(struct store *st, const char *sql, const char *what, char **cause)
{
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);

    return rc == SQLITE_OK ? ERR_OK : store_fail(st, rc, what, cause);
}

enum err
store_prepare(struct store *st, const char *sql, sqlite3_stmt **stmt, char **cause)
{
    size_t i;
    int rc;

    /* the same literal first: comparing texts for each miss costs an import a tenth of its time */
    for (i = 0; i < st->ncache; i++)
        if (st->cache[i].sql == sql) {
            *stmt = st->cache[i].stmt;
            return ERR_OK;
        }
    for (i = 0; i < st->ncache; i++)
        if (strcmp(st->cache[i].sql, sql) == 0) {
            *stmt = st->cache[i].stmt;
            return ERR_OK;
        }
    rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);
    if (rc != SQLITE_OK)
        return store_fail(st, rc, "读取工作簿", cause);
    if (st->ncache < STORE_CACHE) {
        st->cache[st->ncache].sql = sql;
        st->cache[st->ncache].stmt = *stmt;
        st->ncache++;
    }
    return ERR_OK;
}

/* Cached statements are reset for next time, others finalized. */
void
store_release(struct store *st, sqlite3_stmt *stmt)
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

    if ((e = store_prepare(st, sql, &s, cause)) != ERR_OK)
        return e;
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(s, 0);
    else if (rc == SQLITE_DONE)
        *out = 0;
    store_release(st, s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : store_fail(st, rc, "读取工作簿", cause);
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

    if ((e = store_exec(st, "BEGIN IMMEDIATE", "更新工作簿格式", cause)) != ERR_OK)
        return e;
    /* another program may have migrated it while we waited */
    if ((e = pragma_int(st, "PRAGMA user_version", &v, cause)) != ERR_OK)
        goto fail;
    for (v = v > from ? v : from; v < (int)nitems(migrations); v++)
        if ((e = store_exec(st, migrations[v], "更新工作簿格式", cause)) != ERR_OK)
            goto fail;
    if (creating)
        sql = xasprintf("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                        (int)nitems(migrations), STORE_APPLICATION_ID);
    else
        sql = xasprintf("PRAGMA user_version = %d;", (int)nitems(migrations));
    e = store_exec(st, sql, "更新工作簿格式", cause);
    free(sql);
    if (e != ERR_OK)
        goto fail;
    return store_exec(st, "COMMIT", "更新工作簿格式", cause);
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
    if (mode == STORE_READONLY)
        mode = STORE_EXISTING;
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
    if ((e = store_exec(st, "PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF;", "打开工作簿",
                  cause)) != ERR_OK
        || (e = store_exec(st, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;",
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
    forms_free(st->forms);
    factors_free(st->lib);
    free(st->path);
    free(st);
}

enum err
store_begin(struct store *st, char **cause)
{
    st->action = 0;    /* the action starts with the first change */
    return store_exec(st, "BEGIN IMMEDIATE", "写入工作簿", cause);
}

enum err
store_commit(struct store *st, char **cause)
{
    enum err e = store_exec(st, "COMMIT", "保存到工作簿", cause);

    if (e != ERR_OK)
        store_rollback(st);
    st->action = 0;
    return e;
}

void
store_rollback(struct store *st)
{
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    st->action = 0;
}

enum err
store_write_begin(struct store *st, struct store_write *w, char **cause)
{
    sqlite3_stmt *s;
    enum err e;

    w->own = sqlite3_get_autocommit(st->db);
    if (w->own && (e = store_begin(st, cause)) != ERR_OK)
        return e;
    w->action = st->action;
    if ((e = store_prepare(st, "SAVEPOINT store_write", &s, cause)) != ERR_OK
        || (e = store_step_done(st, s, "写入工作簿", cause)) != ERR_OK) {
        if (w->own)
            store_rollback(st);
        return e;
    }
    return ERR_OK;
}

enum err
store_write_end(struct store *st, const struct store_write *w, enum err e, char **cause)
{
    sqlite3_stmt *s;

    if (e != ERR_OK) {
        /* the savepoint also took back the action the write may have started */
        sqlite3_exec(st->db, "ROLLBACK TO store_write; RELEASE store_write", NULL, NULL, NULL);
        st->action = w->action;
        if (w->own)
            store_rollback(st);
        return e;
    }
    if ((e = store_prepare(st, "RELEASE store_write", &s, cause)) != ERR_OK
        || (e = store_step_done(st, s, "写入工作簿", cause)) != ERR_OK) {
        store_rollback(st);    /* a failed RELEASE leaves the transaction unusable */
        return e;
    }
    return w->own ? store_commit(st, cause) : ERR_OK;
}

void
store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
    if (v == NULL)
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

char *
store_col_text(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);

    return t != NULL ? xstrdup((const char *)t) : NULL;
}

enum err
store_step_done(struct store *st, sqlite3_stmt *s, const char *what, char **cause)
{
    int rc = sqlite3_step(s);

    store_release(st, s);
    return rc == SQLITE_DONE ? ERR_OK : store_fail(st, rc, what, cause);
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

/* The pinned factors of a year: ?1 the year, ?2 one source id or NULL for all. */
static const char pin_select[] =
    "SELECT source, value, unit, ncv, ncv_unit, cc, ox, coal, coal_unit, density, source_text, "
    "overridden, rowid FROM factors WHERE year = ?1 AND (?2 IS NULL OR source = ?2) ORDER BY rowid";

static void
pin_from_row(sqlite3_stmt *s, struct factor_pin *pin)
{
    memset(pin, 0, sizeof(*pin));
    pin->source_id = store_col_text(s, 0);
    pin->value = sqlite3_column_double(s, 1);
    pin->unit = store_col_text(s, 2);
    pin->ncv = sqlite3_column_double(s, 3);
    pin->ncv_unit = store_col_text(s, 4);
    pin->cc = sqlite3_column_double(s, 5);
    pin->ox = sqlite3_column_double(s, 6);
    pin->coal = sqlite3_column_double(s, 7);
    pin->coal_unit = store_col_text(s, 8);
    pin->density = sqlite3_column_double(s, 9);
    pin->source_text = store_col_text(s, 10);
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
        y->info[y->ninfo].key = store_col_text(s, 0);
        y->info[y->ninfo].value = store_col_text(s, 1);
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
        en->source_id = store_col_text(s, 1);
        en->src = factors_source(lib, en->source_id);
        en->facility = store_col_text(s, 2);
        en->location = store_col_text(s, 3);
        en->note = store_col_text(s, 4);
    }
    store_release(st, s);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "读取排放源一览表", cause);
    for (i = 0; i < y->nentries; i++) {
        struct wb_entry *en = &y->entries[i];

        if ((e = store_prepare(st, "SELECT id, period, quantity, unit, data_source, note FROM "
                                   "activity WHERE inventory_id = ?", &s, cause)) != ERR_OK)
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
            a->unit = store_col_text(s, 3);
            a->data_source = store_col_text(s, 4);
            a->note = store_col_text(s, 5);
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
        y->grid_area = store_col_text(s, 0);
        y->gwp_set = store_col_text(s, 1);
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
