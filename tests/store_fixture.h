/*
 * store_fixture.h - what the workbook tests (test_store.c, test_undo.c) share: the group setup
 * that loads the factor library and the forms and makes a temporary directory for the workbook
 * (removed with everything in it at the end), and SQLite helpers that read and change the file
 * through a second connection, as another program would. Include it after cmocka.h, sqlite3.h,
 * store.h and xmem.h.
 */
#ifndef TANBOOK_STORE_FIXTURE_H
#define TANBOOK_STORE_FIXTURE_H

struct ctx {
    struct factor_lib *lib;
    struct form_set *forms;
    char dir[64];
    char path[128];           /* the workbook: w.tanbook in dir */
    struct store *st;         /* test_undo.c: the workbook, opened before each test */
};

/*
 * Takes a workbook of schema version 9 back to version 8's schema (its data kept), as a first
 * step to an older version: activity_by_entry back, inventory_by_position gone, and edit_log as
 * versions 3-8 made it (unquoted name, kind checked by IN).
 */
#define STORE_TO_V8_SQL                                                                        \
    "ALTER TABLE edit_log RENAME TO edit_log_v9;"                                              \
    "CREATE TABLE edit_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, tbl TEXT NOT NULL, "     \
    "row TEXT NOT NULL, field TEXT NOT NULL, old TEXT, new TEXT, "                             \
    "action INTEGER REFERENCES edit_action(id), "                                              \
    "kind INTEGER NOT NULL DEFAULT 0 CHECK (kind IN (0, 1, 2)), before_row TEXT, "             \
    "after_row TEXT) STRICT;"                                                                  \
    "INSERT INTO edit_log SELECT * FROM edit_log_v9; DROP TABLE edit_log_v9;"                  \
    "CREATE INDEX edit_log_by_action ON edit_log(action);"                                     \
    "CREATE INDEX activity_by_entry ON activity(inventory_id);"                                \
    "DROP INDEX inventory_by_position; PRAGMA user_version = 8;"

static int
setup(void **state)
{
    struct ctx *c = xcalloc(1, sizeof(*c));
    char *cause = NULL;

    strcpy(c->dir, "/tmp/tanbook-test-XXXXXX");
    if (mkdtemp(c->dir) == NULL || factors_load(&c->lib, &cause) != ERR_OK
        || forms_load(&c->forms, &cause) != ERR_OK)
        return -1;
    snprintf(c->path, sizeof(c->path), "%s/w.tanbook", c->dir);
    *state = c;
    return 0;
}

static int
teardown(void **state)
{
    struct ctx *c = *state;
    char cmd[160];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", c->dir);
    if (system(cmd) != 0)
        return -1;
    factors_free(c->lib);
    forms_free(c->forms);
    free(c);
    return 0;
}

static inline void
sql_exec(const char *path, const char *q)
{
    sqlite3 *db;

    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, q, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

/* The first column of the first row of q, as text ("" when none). */
static inline char *
sql_text(const char *path, const char *q)
{
    sqlite3 *db;
    sqlite3_stmt *s;
    char *v;

    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, q, -1, &s, NULL), SQLITE_OK);
    v = xstrdup(sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) != NULL
                    ? (const char *)sqlite3_column_text(s, 0) : "");
    sqlite3_finalize(s);
    sqlite3_close(db);
    return v;
}

/* The first column of the first row of q, as a number (0 when none). */
static inline long long
sql_int(const char *path, const char *q)
{
    char *t = sql_text(path, q);
    long long v = strtoll(t, NULL, 10);

    free(t);
    return v;
}

static inline void
assert_sql(const char *path, const char *q, const char *want)
{
    char *got = sql_text(path, q);

    assert_string_equal(got, want);
    free(got);
}

#endif
