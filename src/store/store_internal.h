/*
 * store_internal.h - what the store files share: store.c (schema, opening, transactions),
 * store_read.c (reads), store_write.c (the logged writes), store_log.c (edit log, undo, redo),
 * store_image.c (row images), store_bulk.c and store_bulk_facts.c (an import's rows logged as
 * one) and store_schema.c (the check that a file's schema is ours): the
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
    struct store_bulk *bulk;  /* the ranges of a bulk write in progress (store_bulk.c), or NULL */
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

/*
 * Logs the change c describes, made already, in the current action (starting it when needed):
 * its images before and after (JSON, or after a bulk image; NULL where the row is none).
 */
enum err store_log_change(struct store *st, const struct store_change *c, const char *before,
                          const char *after, char **cause);
/* ERR_INPUT: the rows changed since, so the action cannot be undone or redone (verb says which). */
enum err store_conflict(const char *verb, char **cause);
/* ERR_CORRUPT: the edit log holds what no tanbook writes. */
enum err store_corrupt(const char *verb, char **cause);

/*
 * Bulk writes (store_bulk.c). store_bulk_take: when a bulk is in progress and c is a change of a
 * row it added or adds, runs s (releasing it) without logging it, sets c->rowid for an insert and
 * *e, and returns 1; else returns 0 and leaves s alone. store_bulk_drop forgets the bulk (on
 * rollback).
 */
int store_bulk_take(struct store *st, struct store_change *c, sqlite3_stmt *s, const char *what,
                    enum err *e, char **cause);
void store_bulk_drop(struct store *st);
/* Whether a bulk in progress takes a change of row rowid of tbl (0: an insert) without logging it. */
int store_bulk_covers(struct store *st, const char *tbl, long long rowid);
/* Whether an edit_log image is a bulk image (else JSON, or NULL). */
int store_bulk_is(const char *img);

/* A parsed bulk image (store_bulk.c has the format). */
struct store_bulk_img {
    const char *tbl;          /* "inventory" or "activity" */
    long long lo, hi, count;  /* the ids lo..hi, count rows of them */
    char sha[65];             /* the digest of the column and row lines */
    char **cols;              /* the column names, one of them "id" */
    size_t ncols;
    struct store_img_val *v;  /* nrows * ncols values, row after row (keys NULL) */
    size_t nrows;             /* 0, or count: the rows kept while the action is undone */
    size_t head_len;          /* bytes of the header and column lines */
};

/*
 * Parses a bulk image into *b (free with store_bulk_img_free): -1, b empty, when it is not one,
 * or its rows are not those of its digest, ascending ids within lo..hi, count of them.
 */
int store_bulk_parse(const char *text, struct store_bulk_img *b);
void store_bulk_img_free(struct store_bulk_img *b);
/*
 * Undoes (deletes the rows, keeping them in the image of edit_log row log_id) or redoes (puts
 * them back) the bulk step whose after image is img. ERR_INPUT (store_conflict) when the rows
 * are not as the action left them; ERR_CORRUPT when img is no bulk image.
 */
enum err store_bulk_undo(struct store *st, long long log_id, const char *img, const char *verb,
                         char **cause);
enum err store_bulk_redo(struct store *st, long long log_id, const char *img, const char *verb,
                         char **cause);
/* The bulk image of tbl's rows lo..hi as they are now, rows included (*text caller frees). */
enum err store_bulk_now(struct store *st, const char *tbl, long long lo, long long hi,
                        char **text, char **cause);
/* Appends the rows of the bulk step img to a's facts (*cap a's capacity), each an added row. */
enum err store_bulk_facts(struct store *st, const char *img, struct store_action *a, size_t *cap,
                          const char *verb, char **cause);

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
/* Moves the members of a parsed image into columns (free with store_cols_free); im left empty. */
void store_img_take_cols(struct store_img *im, struct store_col **cols, size_t *n);
/* A REAL as an image writes it: exact, with '.' or an exponent; infinities as ±1e999. */
void store_real_text(double v, char *buf, size_t size);

#endif
