/*
 * store_internal.h - what the store files share: store.c (schema, opening, transactions),
 * store_read.c (reads), store_write.c (the logged writes), store_log.c (edit log, undo, redo),
 * store_image.c (row images) and store_schema.c (the check that a file's schema is ours): the
 * connection, the statement helpers and the bracket every logged write runs in.
 * Private to store*.c, the only files that include sqlite3.h.
 */
#ifndef TANBOOK_STORE_INTERNAL_H
#define TANBOOK_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store/store.h"

struct store_cached {
    const char *sql;          /* a string literal of store*.c */
    sqlite3_stmt *stmt;
};

struct store {
    sqlite3 *db;
    char *path;
    int opened_version;
    int schema_cookie;        /* PRAGMA schema_version once the schema was found to be ours */
    int readonly;             /* opened with STORE_READONLY(_SHARED) */
    long long action;         /* edit_action id of the open transaction, 0 until its 1st change */
    int depth;                /* store_begin calls not yet committed: inner ones join the outer */
    long long session;        /* who writes through it (store_set_origin; a random one of its own */
    char program[16];         /* until then, made at its first action), and what: "tui", "import" */
    struct store_cached *cache;   /* prepared statements, reused: an import runs thousands; */
    size_t ncache, cache_cap;     /* one per literal, so it stays as small as store*.c's SQL */
};

/* Maps a SQLite result code to an error value with a message naming what failed. */
enum err store_fail(struct store *st, int rc, const char *what, char **cause);
enum err store_exec(struct store *st, const char *sql, const char *what, char **cause);
/* ERR_READONLY with a cause saying the workbook is open read-only and cannot `what` ("撤销"). */
enum err store_refuse_readonly(const char *what, char **cause);
/* A ready statement for sql (a string literal), cached; give it back with store_release(). */
enum err store_prepare(struct store *st, const char *sql, sqlite3_stmt **stmt, char **cause);
void store_release(struct store *st, sqlite3_stmt *stmt);
/* Steps a statement that returns no rows, then releases it. */
enum err store_step_done(struct store *st, sqlite3_stmt *s, const char *what, char **cause);
/* Binds text, or NULL when v is NULL. */
void store_bind_text(sqlite3_stmt *s, int i, const char *v);
/* A copy of column i, or NULL. */
char *store_column_dup(sqlite3_stmt *s, int i);

/*
 * Whether the objects of st's file (tables, indexes, triggers, views) are exactly those that
 * migrations[0 .. version-1] create: ERR_CORRUPT with a cause naming the first object that is
 * foreign, changed or missing ("工作簿含有不属于碳账本的触发器 t1，为安全起见不予打开").
 */
enum err store_schema_check(struct store *st, const char *const *migrations, int version,
                            char **cause);

/*
 * A text from the file (a name, a unit) as a message of the store may quote it: control
 * characters (C0, DEL, C1) as \xNN, so that none can drive the terminal it is printed on, and
 * at most about 60 bytes of it. Caller frees.
 */
char *store_shown_text(const char *text);

/* Reads the pin of (year, source_id) into *pin and its *rowid; *found: whether there is one. */
enum err store_pin_read(struct store *st, int year, const char *source_id, struct factor_pin *pin,
                        long long *rowid, int *found, char **cause);

/*
 * Every public write runs between store_write_begin and store_write_end. Outside a transaction
 * they make it one of its own (so the change and its log rows commit together, as one action);
 * inside one, a savepoint makes the write all-or-nothing without ending the caller's action.
 */
struct store_write {
    int own;                  /* the bracket opened the transaction */
    long long action;         /* st->action when it began */
};

enum err store_write_begin(struct store *st, struct store_write *w, char **cause);
/* Ends the bracket: commits when e is ERR_OK, else rolls the write back; returns e or commit's. */
enum err store_write_end(struct store *st, const struct store_write *w, enum err e, char **cause);

/* A write that store_write_run brackets: makes the change arg describes (what arg is, put knows). */
typedef enum err (*store_put_fn)(struct store *st, void *arg, char **cause);
/*
 * Runs put(st, arg, cause) between store_write_begin and store_write_end, so that a write of one
 * row is a public write of its own; returns put's error, else the bracket's.
 */
enum err store_write_run(struct store *st, store_put_fn put, void *arg, char **cause);

/*
 * One change of a logged row. The summaries are what store_log shows; the images of the row
 * before and after, what undo restores, store_record takes itself.
 */
struct store_change {
    const char *tbl;          /* unit_info, years, year_info, inventory, activity, factors */
    const char *row;          /* summaries, see struct store_log_entry */
    const char *field;
    const char *old;
    const char *new_value;
    long long rowid;          /* the row changed; 0: the change inserts it (set after, see below) */
    int gone;                 /* the change deletes the row */
};

/*
 * Runs s, prepared and bound, which makes the change c describes, and logs it in the current
 * action (starting it, and discarding what could be redone, when needed), with the row's image
 * taken before s runs and after. When c->rowid is 0, s inserts the row and c->rowid is set to its
 * rowid. Releases s; what names the write in an error.
 */
enum err store_record(struct store *st, struct store_change *c, sqlite3_stmt *s, const char *what,
                      char **cause);

/* st's session (store_origin.c): the one store_set_origin named, else a random one made now. */
long long store_session(struct store *st);
/*
 * The action to undo (undo: the latest done) or redo (the earliest undone: undone last) of st's
 * session (own), or of any program; *action 0 when none.
 */
enum err store_pick_action(struct store *st, int undo, int own, long long *action, char **cause);
/* Who made action into *o (free with store_origin_free); o->action 0 when there is none. */
enum err store_origin_read(struct store *st, long long action, struct store_origin *o,
                           char **cause);

/* The numbered migrations (store_migrations.c): entry N-1 takes a file from version N-1 to N. */
extern const char *const store_migrations[];
extern const int store_nmigrations;

/* The claims of store_neutral.c into p (store_load_plan's second half). */
enum err store_load_claims(struct store *st, struct wb_plan *p, char **cause);
/* The assessments of store_assess.c into p (after the claims). */
enum err store_load_assessments(struct store *st, struct wb_plan *p, char **cause);

/* A logged table (store_image.c has the list). */
struct store_tbl {
    const char *name;
    const char *key;          /* the image member that holds the rowid */
    const char *image;        /* the row with rowid ?1, every column */
    const char *children;     /* how many rows a delete of rowid ?1 would cascade to, or NULL */
};

/* The logged table called name, or NULL. */
const struct store_tbl *store_tbl_find(const char *name);
/* The image of row rowid of tbl (every column, JSON text); *img NULL when there is no such row. */
enum err store_image(struct store *st, const char *tbl, long long rowid, char **img, char **cause);

/* A parsed image: the members in order, each with its SQLite type. */
struct store_img_val {
    char *key;
    int type;                 /* SQLITE_NULL, SQLITE_INTEGER, SQLITE_FLOAT or SQLITE_TEXT */
    long long i;
    double d;
    char *t;
};

struct store_img {
    struct store_img_val *v;
    size_t n;                 /* 0: no row */
};

/* Parses an image from store_image into *im (free with store_img_free); -1 when it is not one. */
int store_img_parse(const char *json, struct store_img *im);
void store_img_free(struct store_img *im);
/* The rowid the image holds (in t's key member); 0 when it has none. */
int store_img_rowid(const struct store_img *im, const struct store_tbl *t, long long *rowid);
/* Whether every member of want has the same type and value in have. */
int store_img_covers(const struct store_img *want, const struct store_img *have);
/* An image as the columns of store.h (free with store_cols_free); json NULL: none. -1: no image. */
int store_img_cols(const char *json, struct store_col **cols, size_t *n);
void store_cols_free(struct store_col *cols, size_t n);

#endif
