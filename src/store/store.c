/*
 * store.c - the SQLite workbook: migrating (the migrations are in store_migrations.c), opening
 * (read-write or read-only), the statement cache and transactions. The reads are in store_read.c,
 * the logged writes in store_write.c, the edit log with undo and redo in store_log.c.
 */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store_internal.h"
#include "base/strbuf.h"
#include "base/xmem.h"


int
store_latest_version(void)
{
    return (int)store_nmigrations;
}

int
store_opened_version(const struct store *st)
{
    return st->opened_version;
}

int
store_readonly(const struct store *st)
{
    return st->readonly;
}

enum err
store_refuse_readonly(const char *what, char **cause)
{
    *cause = xasprintf("工作簿以只读方式打开，不能%s", what);
    return ERR_READONLY;
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
        /* RAISE() in a trigger: not a rule of tanbook's but of whoever put the trigger there */
        if (rc == SQLITE_CONSTRAINT_TRIGGER
            || (st != NULL && st->db != NULL
                && sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_TRIGGER)) {
            *cause = xasprintf("工作簿中有不属于碳账本的触发器拒绝了修改，无法%s（%s）；"
                               "为安全起见未写入", what, msg);
            return ERR_CORRUPT;
        }
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
    st->cache = xgrow(st->cache, &st->cache_cap, st->ncache + 1, sizeof(*st->cache));
    st->cache[st->ncache].sql = sql;
    st->cache[st->ncache].stmt = *stmt;
    st->ncache++;
    return ERR_OK;
}

/* Every statement is cached: it is reset for next time, and finalized when the store closes. */
void
store_release(struct store *st, sqlite3_stmt *stmt)
{
    (void)st;
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
}

static void
cache_free(struct store *st)
{
    size_t i;

    for (i = 0; i < st->ncache; i++)
        sqlite3_finalize(st->cache[i].stmt);
    free(st->cache);
    st->cache = NULL;
    st->ncache = st->cache_cap = 0;
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

/* Opens the connection to name (a path, or a URI with SQLITE_OPEN_URI) and sets it up. */
static enum err
db_open(struct store *st, const char *name, int flags, char **cause)
{
    static const int off[] = {
        SQLITE_DBCONFIG_ENABLE_TRIGGER, SQLITE_DBCONFIG_ENABLE_VIEW,
        SQLITE_DBCONFIG_TRUSTED_SCHEMA, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION,
    };
    size_t i;
    int rc, was;

    /* one thread uses a connection: no mutex taken for each sqlite3_column_* (a tenth of the
       instructions of loading a 120,000-row year went to them) */
    rc = sqlite3_open_v2(name, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        *cause = xasprintf("无法打开 %s：%s", st->path, st->db != NULL ? sqlite3_errmsg(st->db)
                                                                     : sqlite3_errstr(rc));
        return ERR_IO;
    }
    sqlite3_busy_timeout(st->db, busy_timeout_ms());
    sqlite3_extended_result_codes(st->db, 0);
    /*
     * A workbook is data, never code: tanbook has no trigger or view of its own, so none may run
     * (store_schema.c refuses a file with one anyway); nothing in the schema may call a function
     * with side effects, no extension may be loaded, and the schema cannot be written as data.
     */
    for (i = 0; i < nitems(off) && rc == SQLITE_OK; i++)
        rc = sqlite3_db_config(st->db, off[i], 0, &was);
    if (rc == SQLITE_OK)
        rc = sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, &was);
    if (rc != SQLITE_OK) {
        *cause = xasprintf("无法打开 %s：%s", st->path, sqlite3_errstr(rc));
        return ERR_IO;
    }
    return ERR_OK;
}

/* The first read of the file, where SQLite finds out whether it can read it; a result code. */
static int
first_read(sqlite3 *db)
{
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema", -1, &s, NULL);

    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* Whether path + suffix exists. */
static int
beside(const char *path, const char *suffix)
{
    struct stat sb;
    char *p = xasprintf("%s%s", path, suffix);
    int found = lstat(p, &sb) == 0;

    free(p);
    return found;
}

/* path as a file: URI with query: every byte but [A-Za-z0-9/._~-] percent-escaped. */
static char *
file_uri(const char *path, const char *query)
{
    static const char keep[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                               "0123456789/._~-";
    struct strbuf sb = {0};
    const char *p;

    sb_append(&sb, path[0] == '/' ? "file://" : "file:");    /* an empty authority, then /... */
    for (p = path; *p != '\0'; p++)
        if (strchr(keep, *p) != NULL)
            sb_appendn(&sb, p, 1);
        else
            sb_printf(&sb, "%%%02X", (unsigned)(unsigned char)*p);
    sb_printf(&sb, "?%s", query);
    return sb_take(&sb);
}

/*
 * Opens st->path read-only, leaving nothing beside it. SQLite reads a file in WAL mode (every
 * workbook tanbook wrote) through its -shm file, creating it and an empty -wal when they are
 * missing, which a read-only connection cannot remove afterwards, and which fails in a directory
 * it may not write. So when no -wal or -journal file is beside it - nothing is open or half
 * written - the file is opened immutable: read as it is, without companions or locks. (A writer
 * that starts in the same moment is not seen; a workbook being edited has its -wal.) When one is
 * there, another program has the workbook open or did not close it: the file is read through it,
 * which needs its -shm, and a directory that does not allow that gets a message saying why.
 * shared (STORE_READONLY_SHARED): another program is writing it, or about to (it may not have
 * made its -wal yet), so the file is always read the second way, its -wal and -shm left for the
 * writer to remove when it closes.
 */
static enum err
open_readonly(struct store *st, int shared, char **cause)
{
    static const char *const companions[] = {"-wal", "-journal"};
    const char *found = NULL;
    enum err e;
    char *uri;
    size_t i;
    int rc;

    for (i = 0; i < nitems(companions) && found == NULL; i++)
        if (beside(st->path, companions[i]))
            found = companions[i];
    if (found == NULL && shared)
        found = companions[0];
    if (found == NULL) {
        uri = file_uri(st->path, "immutable=1");
        e = db_open(st, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, cause);
        free(uri);
        if (e == ERR_OK && (rc = first_read(st->db)) != SQLITE_OK)
            e = store_fail(st, rc, "读取工作簿", cause);
        return e;
    }
    if ((e = db_open(st, st->path, SQLITE_OPEN_READONLY, cause)) != ERR_OK)
        return e;
    if ((rc = first_read(st->db)) == SQLITE_OK)
        return ERR_OK;
    if (rc != SQLITE_CANTOPEN && rc != SQLITE_READONLY)
        return store_fail(st, rc, "读取工作簿", cause);
    *cause = xasprintf("无法以只读方式打开 %s：旁边的 %s%s 文件可能还有未写入工作簿的修改，"
                       "在这里读不到（工作簿可能仍在其他程序中打开，或上次没有正常关闭）；"
                       "请关闭其他使用它的程序，或在可写的位置正常打开、关闭一次后再试",
                       st->path, st->path, found);
    return ERR_IO;
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

int
store_may_write(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash == NULL ? xstrdup(".")      /* the folder: "." for "x", "/" for "/x" */
                              : xstrndup(path, (size_t)(slash - path) + (slash == path));
    int ok = access(path, W_OK) == 0 && access(dir, W_OK) == 0;

    free(dir);
    return ok;
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

/*
 * The years are what every command starts from (the latest, or the one asked for), so one out of
 * range is refused on opening, by every command, like a foreign schema (store_years says which).
 */
static enum err
years_check(struct store *st, int version, char **cause)
{
    int *years;
    size_t n;
    enum err e;

    if (version < 1)    /* no tables yet */
        return ERR_OK;
    if ((e = store_years(st, &years, &n, cause)) == ERR_OK)
        free(years);
    return e;
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
    for (v = v > from ? v : from; v < (int)store_nmigrations; v++)
        if ((e = store_exec(st, store_migrations[v], "更新工作簿格式", cause)) != ERR_OK)
            goto fail;
    if (creating)
        sql = xasprintf("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                        (int)store_nmigrations, STORE_APPLICATION_ID);
    else
        sql = xasprintf("PRAGMA user_version = %d;", (int)store_nmigrations);
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
    int app_id = 0, version = 0, exists = mode != STORE_CREATE;
    enum err e;

    *out = NULL;
    if (exists && stat(path, &sb) != 0) {
        *cause = xasprintf("找不到工作簿文件 %s", path);
        return ERR_IO;
    }
    if (mode == STORE_CREATE && stat(path, &sb) == 0) {
        *cause = xasprintf("文件 %s 已存在，不会覆盖", path);
        return ERR_IO;
    }
    if (exists && !S_ISREG(sb.st_mode)) {
        *cause = xasprintf("%s 不是普通文件", path);
        return ERR_IO;
    }
    if (mode == STORE_EXISTING && !store_may_write(path)) {
        /* else SQLite's first read fails making the -shm, as "attempt to write a readonly database" */
        *cause = xasprintf("无法修改 %s：没有写入该工作簿文件（或其所在文件夹）的权限；"
                           "summary、check 和 export 仍可读取它", path);
        return ERR_READONLY;
    }
    st = xcalloc(1, sizeof(*st));
    st->path = xstrdup(path);
    st->readonly = mode == STORE_READONLY || mode == STORE_READONLY_SHARED;
    if (st->readonly)
        e = open_readonly(st, mode == STORE_READONLY_SHARED, cause);
    else
        e = db_open(st, path, SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE), cause);
    if (e != ERR_OK
        || (e = pragma_int(st, "PRAGMA application_id", &app_id, cause)) != ERR_OK
        || (e = pragma_int(st, "PRAGMA user_version", &version, cause)) != ERR_OK)
        goto fail;
    if (exists && app_id != STORE_APPLICATION_ID) {
        *cause = xasprintf("%s 不是碳账本工作簿", path);
        e = ERR_NOTWORKBOOK;
        goto fail;
    }
    if (version > (int)store_nmigrations) {
        *cause = xasprintf("%s 的格式版本 %d 高于本程序支持的版本 %d，请升级碳账本后再打开", path,
                           version, (int)store_nmigrations);
        e = ERR_NEWER;
        goto fail;
    }
    st->opened_version = version;
    if (exists && ((e = store_schema_check(st, store_migrations, version, cause)) != ERR_OK
                   || (e = years_check(st, version, cause)) != ERR_OK))
        goto fail;
    /* read-only: connection settings only (journal_mode would write the file), no write at all */
    if ((e = store_exec(st, "PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF;", "打开工作簿",
                  cause)) != ERR_OK
        || (e = store_exec(st, st->readonly ? "PRAGMA query_only = ON"
                                            : "PRAGMA journal_mode = WAL; "
                                              "PRAGMA synchronous = NORMAL;",
                           "打开工作簿", cause)) != ERR_OK)
        goto fail;
    if (!st->readonly && version < (int)store_nmigrations
        && (e = migrate(st, version, mode == STORE_CREATE, cause)) != ERR_OK)
        goto fail;
    if ((e = pragma_int(st, "PRAGMA schema_version", &st->schema_cookie, cause)) != ERR_OK)
        goto fail;
    *out = st;
    return ERR_OK;
fail:
    cache_free(st);
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
    cache_free(st);
    sqlite3_close(st->db);
    free(st->path);
    free(st);
}

/*
 * Inside the write transaction, so that nobody can change it before the write: whether the schema
 * is still the one found to be ours at opening. Another program may have changed it since (a
 * trigger added while a terminal workbook stays open); then it is checked again (a VACUUM changes
 * the schema version too, not the schema).
 */
static enum err
schema_same(struct store *st, char **cause)
{
    int cookie, version;
    enum err e;

    if ((e = pragma_int(st, "PRAGMA schema_version", &cookie, cause)) != ERR_OK)
        return e;
    if (cookie == st->schema_cookie)
        return ERR_OK;
    if ((e = pragma_int(st, "PRAGMA user_version", &version, cause)) != ERR_OK)
        return e;
    if (version > (int)store_nmigrations) {
        *cause = xasprintf("%s 已被更新版本的碳账本改为格式版本 %d，本程序不能再写入；"
                           "请升级碳账本后再打开", st->path, version);
        return ERR_NEWER;
    }
    if ((e = store_schema_check(st, store_migrations, version, cause)) != ERR_OK)
        return e;
    st->schema_cookie = cookie;
    return ERR_OK;
}

enum err
store_begin(struct store *st, char **cause)
{
    enum err e;

    if (st->readonly)
        return store_refuse_readonly("修改", cause);
    if (st->depth > 0) {    /* inside another: one transaction, one action */
        st->depth++;
        return ERR_OK;
    }
    st->action = 0;    /* the action starts with the first change */
    if ((e = store_exec(st, "BEGIN IMMEDIATE", "写入工作簿", cause)) != ERR_OK)
        return e;
    if ((e = schema_same(st, cause)) != ERR_OK) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return e;
    }
    st->depth = 1;
    return ERR_OK;
}

enum err
store_commit(struct store *st, char **cause)
{
    enum err e;

    if (st->readonly)
        return store_refuse_readonly("保存", cause);
    if (st->depth > 1) {    /* the outer store_commit saves it */
        st->depth--;
        return ERR_OK;
    }
    if (st->depth == 0 && sqlite3_get_autocommit(st->db)) {
        /* an inner write gave up (store_rollback) and took the whole transaction with it */
        *cause = xstrdup("修改未保存：其中一项被撤回，整组修改都已撤回");
        return ERR_IO;
    }
    st->depth = 0;
    if (st->bulk != NULL && (e = store_bulk_end(st, cause)) != ERR_OK) {
        store_rollback(st);
        return e;
    }
    if ((e = store_exec(st, "COMMIT", "保存到工作簿", cause)) != ERR_OK)
        store_rollback(st);
    st->action = 0;
    return e;
}

void
store_rollback(struct store *st)
{
    store_bulk_drop(st);
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    st->action = 0;
    st->depth = 0;          /* an inner rollback ends the outer transaction too */
}

enum err
store_write_begin(struct store *st, struct store_write *w, char **cause)
{
    sqlite3_stmt *s;
    enum err e;

    if (st->readonly)
        return store_refuse_readonly("修改", cause);
    w->own = sqlite3_get_autocommit(st->db);
    w->action = st->action;
    if (st->bulk != NULL && !w->own)
        return ERR_OK;    /* a bulk is all or nothing: no savepoint for each of its writes */
    if (w->own && (e = store_begin(st, cause)) != ERR_OK)
        return e;
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

    if (st->bulk != NULL && !w->own)
        return e;    /* on error the caller rolls the whole transaction back */
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

enum err
store_write_run(struct store *st, store_put_fn put, void *arg, char **cause)
{
    struct store_write w;
    enum err e;

    if ((e = store_write_begin(st, &w, cause)) != ERR_OK)
        return e;
    return store_write_end(st, &w, put(st, arg, cause), cause);
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
store_column_dup(sqlite3_stmt *s, int i)
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
