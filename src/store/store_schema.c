/*
 * store_schema.c - our schema or nothing. A workbook arrives from strangers: a trigger, a view or
 * a changed table put into it with another tool would run, or change what tanbook reads, the
 * moment tanbook uses the file (a `DELETE FROM activity` trigger on year_info, fired by a `set`).
 * So before a file is used, the objects in its sqlite_schema must be exactly those that the
 * migrations create for its version: the expected schema is built by running the same migration
 * SQL in an in-memory database, and both are compared object by object (type, name, table and
 * the CREATE text, normalised so that only layout differs: whitespace, letter case outside
 * quotes). Anything else is refused, naming the object; SQLite's own ANALYZE statistics tables
 * alone are let be. The connection also runs with triggers and views disabled (store.c's
 * db_open), so a foreign trigger would not run even unseen.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "base/strbuf.h"
#include "base/xmem.h"

struct obj {
    char *type, *name, *tbl;
    char *sql;                /* normalised; NULL for SQLite's own indexes of UNIQUE, PRIMARY KEY */
};

struct objs {
    struct obj *v;
    size_t n, cap;
};

static int
is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Punctuation a space beside carries no meaning: "( a, b )" is "(a,b)". */
static int
is_punct(char c)
{
    return c != '\0' && strchr("(),;=<>+-*/|", c) != NULL;
}

/*
 * sql with runs of whitespace outside quotes made one space (none beside punctuation, none at
 * the ends) and ASCII letters outside quotes in upper case: SQL keywords and names are not case
 * sensitive, a quoted name or a string literal ('全国') is, and is copied as it is.
 */
static char *
normalise(const char *sql)
{
    struct strbuf sb = {0};
    const char *p = sql;
    char quote = 0, last = '\0';
    int space = 0;

    while (*p != '\0') {
        char c = *p++;

        if (quote != 0) {
            sb_appendn(&sb, &c, 1);
            if (c == quote)
                quote = 0;    /* a doubled quote closes and reopens: copied either way */
            last = c;
            continue;
        }
        if (is_space(c)) {
            space = 1;
            continue;
        }
        if (space && last != '\0' && !is_punct(last) && !is_punct(c))
            sb_append(&sb, " ");
        space = 0;
        if (c == '\'' || c == '"' || c == '`')
            quote = c;
        else if (c == '[')
            quote = ']';
        else if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        sb_appendn(&sb, &c, 1);
        last = c;
    }
    return sb_take(&sb);
}

static void
objs_free(struct objs *o)
{
    size_t i;

    for (i = 0; i < o->n; i++) {
        free(o->v[i].type);
        free(o->v[i].name);
        free(o->v[i].tbl);
        free(o->v[i].sql);
    }
    free(o->v);
    memset(o, 0, sizeof(*o));
}

/* Reads db's sqlite_schema into *o; a SQLite result code. */
static int
objs_read(sqlite3 *db, struct objs *o)
{
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, sql FROM sqlite_schema "
                                    "ORDER BY rowid", -1, &s, NULL);

    if (rc != SQLITE_OK)
        return rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct obj *b;
        const char *sql = (const char *)sqlite3_column_text(s, 3);

        o->v = xgrow(o->v, &o->cap, o->n + 1, sizeof(*o->v));
        b = &o->v[o->n++];
        b->type = store_column_dup(s, 0);
        b->name = store_column_dup(s, 1);
        b->tbl = store_column_dup(s, 2);
        b->sql = sql != NULL ? normalise(sql) : NULL;
        if (b->type == NULL)
            b->type = xstrdup("");
        if (b->name == NULL)
            b->name = xstrdup("");
        if (b->tbl == NULL)
            b->tbl = xstrdup("");
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The schema the migrations make for version, in a database of its own. */
static enum err
expected(const char *const *migrations, int version, struct objs *o, char **cause)
{
    sqlite3 *db = NULL;
    int i, rc;

    rc = sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    for (i = 0; i < version && rc == SQLITE_OK; i++)
        rc = sqlite3_exec(db, migrations[i], NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = objs_read(db, o);
    if (rc != SQLITE_OK)    /* the migrations are ours: only memory can run out here */
        *cause = xasprintf("无法核对工作簿格式：%s", db != NULL ? sqlite3_errmsg(db)
                                                                 : sqlite3_errstr(rc));
    sqlite3_close(db);
    return rc == SQLITE_OK ? ERR_OK : ERR_IO;
}

static const struct obj *
find(const struct objs *o, const char *type, const char *name)
{
    size_t i;

    for (i = 0; i < o->n; i++)
        if (strcmp(o->v[i].type, type) == 0 && sqlite3_stricmp(o->v[i].name, name) == 0)
            return &o->v[i];
    return NULL;
}

static int
same_text(const char *a, const char *b)
{
    return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

static const char *
type_zh(const char *type)
{
    static const struct {
        const char *type, *zh;
    } names[] = {
        {"table", "表"}, {"index", "索引"}, {"trigger", "触发器"}, {"view", "视图"},
    };
    size_t i;

    for (i = 0; i < nitems(names); i++)
        if (strcmp(names[i].type, type) == 0)
            return names[i].zh;
    return "对象";
}

char *
store_shown_text(const char *name)
{
    struct strbuf sb = {0};
    const unsigned char *p = (const unsigned char *)name;
    size_t n = 0;

    for (; *p != '\0'; p++, n++) {
        if (n >= 60 && (*p & 0xc0) != 0x80) {
            sb_append(&sb, "…");
            break;
        }
        if (*p < 0x20 || *p == 0x7f)
            sb_printf(&sb, "\\x%02X", *p);
        else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
            sb_printf(&sb, "\\xC2\\x%02X", *++p);
        else
            sb_appendn(&sb, (const char *)p, 1);
    }
    return sb_take(&sb);
}

/*
 * Whether b is one of SQLite's own tables of ANALYZE statistics, as SQLite makes it: data for the
 * query planner, never run, and made by any tool that runs ANALYZE or PRAGMA optimize on a file.
 */
static int
statistics(const struct obj *b)
{
    static const char *const made[] = {
        "CREATE TABLE sqlite_stat1(tbl,idx,stat)",
        "CREATE TABLE sqlite_stat2(tbl,idx,sampleno,sample)",
        "CREATE TABLE sqlite_stat3(tbl,idx,neq,nlt,ndlt,sample)",
        "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)",
    };
    size_t i;
    char *n;
    int same;

    if (strcmp(b->type, "table") != 0 || b->sql == NULL)
        return 0;
    for (i = 0; i < nitems(made); i++) {
        n = normalise(made[i]);
        same = strcmp(n, b->sql) == 0;
        free(n);
        if (same)
            return 1;
    }
    return 0;
}

enum err
store_schema_check(struct store *st, const char *const *migrations, int version, char **cause)
{
    struct objs want = {0}, have = {0};
    const struct obj *w;
    char *name = NULL;
    enum err e;
    size_t i;
    int rc, bad;

    if ((e = expected(migrations, version, &want, cause)) != ERR_OK)
        return e;
    if ((rc = objs_read(st->db, &have)) != SQLITE_OK) {
        objs_free(&want);
        return store_fail(st, rc, "读取工作簿", cause);
    }
    for (i = 0; i < have.n && name == NULL; i++) {
        const struct obj *h = &have.v[i];

        if (statistics(h))
            continue;
        if ((w = find(&want, h->type, h->name)) == NULL) {
            name = store_shown_text(h->name);
            *cause = xasprintf("工作簿含有不属于碳账本的%s %s，为安全起见不予打开（可能被其他程序改动过）",
                               type_zh(h->type), name);
        } else if (!same_text(w->sql, h->sql) || sqlite3_stricmp(w->tbl, h->tbl) != 0) {
            name = store_shown_text(h->name);
            *cause = xasprintf("工作簿中的%s %s 与碳账本（格式版本 %d）的定义不同，已被其他程序改动，"
                               "为安全起见不予打开", type_zh(h->type), name, version);
        }
    }
    for (i = 0; i < want.n && name == NULL; i++)
        if (find(&have, want.v[i].type, want.v[i].name) == NULL) {
            name = store_shown_text(want.v[i].name);
            *cause = xasprintf("工作簿缺少碳账本（格式版本 %d）的%s %s，无法打开", version,
                               type_zh(want.v[i].type), name);
        }
    bad = name != NULL;
    objs_free(&want);
    objs_free(&have);
    free(name);
    return bad ? ERR_CORRUPT : ERR_OK;
}
