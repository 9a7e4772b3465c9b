/*
 * store.h - the workbook file: the only module that includes sqlite3.h. One SQLite file per
 * reporting unit, any number of years. Marked with PRAGMA application_id, versioned with
 * user_version and migrated forward by a numbered list; WAL, foreign keys, busy timeout. Every
 * change is logged in edit_log (time, table, row, field, old, new, and the row's images before
 * and after); the changes of one transaction, or a change of its own, form one action
 * (edit_action), which undo and redo revert or re-apply as a whole (schema version 3). An A.5
 * period may be marked 不适用 (schema version 4). Each action records who made it: the session
 * and process of the program and what it was, and undo takes a program's own actions; a text a
 * terminal workbook could not save when a signal ended it is kept in the file (version 5). A
 * workbook can also be opened read-only: then nothing is written or migrated, and every write is
 * refused.
 */
#ifndef TANBOOK_STORE_H
#define TANBOOK_STORE_H

#include <stddef.h>

#include "base/err.h"
#include "data/factors.h"
#include "data/forms.h"
#include "core/model.h"
#include "core/plan.h"

#define STORE_APPLICATION_ID 0x54414e42  /* "TANB" */

/*
 * The largest A.5 quantity (forms/a5's quantity max) and the largest number of a pinned factor
 * (forms/a6's factor max; also the bound of its derivation, coal coefficient and density, where
 * the library's largest, a GWP, is 25 200) a workbook may hold; test_store checks that they are
 * the forms' limits. store_load_year refuses a file with more (see store_read.c).
 */
#define STORE_QUANTITY_MAX 1e9
#define STORE_FACTOR_MAX 1e6

struct store;

enum store_mode {
    STORE_EXISTING,   /* the file must exist and be a workbook */
    STORE_CREATE,     /* the file must not exist; it is created */
    STORE_READONLY,   /* the file must exist and be a workbook; it is read, never written */
    STORE_READONLY_SHARED, /* as STORE_READONLY, while another program is writing it: always read
                              through its -wal (never as an immutable file), so that each of its
                              commits is seen (store_data_version) */
};

struct store_log_entry {
    long long id;
    char *at;         /* ISO 8601 UTC */
    char *tbl;        /* "unit_info", "year_info", "inventory", "activity", "factors", "years" */
    char *row;        /* the row's identity, e.g. "2024/natural_gas/炉灶/2024-03" */
    char *field;
    char *old_value;  /* NULL when the row was created */
    char *new_value;  /* NULL when the row was deleted */
};

/* The schema version this build writes. */
int store_latest_version(void);

/*
 * Opens (or creates) the workbook at path. Errors: ERR_IO (missing, exists, unreadable),
 * ERR_NOTWORKBOOK, ERR_NEWER, ERR_LOCKED (another program held it past the busy timeout:
 * $TANBOOK_BUSY_TIMEOUT_MS, default 5000), ERR_CORRUPT (damaged; or, in every mode, a schema
 * that is not exactly the one of its version - a trigger, view, index or table of another
 * program, a changed column - or a year out of range: refused before anything of it is used,
 * the cause naming the object), ERR_READONLY (STORE_EXISTING on a file or in a folder this user
 * may not write); *cause says which (caller frees). Triggers and views never run on the
 * connection.
 * Older schemas are migrated in one transaction, except with STORE_READONLY: that reads schema
 * versions 1 and up as they are, sets nothing that writes, and works in a directory it may not
 * write (as an immutable file, unless a -wal or -journal file beside it may hold changes that
 * cannot be read there: then ERR_IO says the workbook is still open elsewhere, or was not closed
 * cleanly).
 */
enum err store_open(const char *path, enum store_mode mode, struct store **out, char **cause);
void store_close(struct store *st);
/* Whether st was opened with STORE_READONLY(_SHARED): every write then returns ERR_READONLY. */
int store_readonly(const struct store *st);
/* Whether this user may write path and the folder it is in (where SQLite puts its -wal, -shm). */
int store_may_write(const char *path);
/* Deletes the workbook file at path with its -wal and -shm companions (missing ones are fine). */
void store_remove(const char *path);
/* The schema version found in the file before migration. */
int store_opened_version(const struct store *st);

/*
 * Starts a write transaction (waits for other writers up to the busy timeout). On a read-only
 * store this, store_commit and every write below return ERR_READONLY and change nothing.
 * ERR_CORRUPT, with nothing written, when another program has changed the schema since opening
 * so that it is no longer the workbook's (store_open's check, made again).
 */
enum err store_begin(struct store *st, char **cause);
enum err store_commit(struct store *st, char **cause);
void store_rollback(struct store *st);

/*
 * A bulk write, such as an import (schema version 9, store_bulk.c), inside store_begin ..
 * store_commit: from store_bulk_begin to store_bulk_end, the rows the writes add to the A.3
 * and A.5 tables are logged as one edit_log row per table (their ids and a digest), not an
 * image pair each, and no write takes a savepoint of its own: one that fails leaves the
 * transaction to be rolled back whole (store_rollback, which also ends the bulk). The action
 * stays one, undone and redone whole; the rows it replaced are logged as always. store_bulk_end
 * writes the log rows; call it before store_commit. ERR_INPUT outside a transaction or nested.
 */
enum err store_bulk_begin(struct store *st, char **cause);
enum err store_bulk_end(struct store *st, char **cause);

/* The years in the workbook, ascending (*years caller frees). */
enum err store_years(struct store *st, int **years, size_t *n, char **cause);
/* The latest year; ERR_NOTFOUND when the workbook has none. */
enum err store_latest_year(struct store *st, int *year, char **cause);
enum err store_year_exists(struct store *st, int year, int *exists, char **cause);
/*
 * Adds year with every library factor pinned (electricity for grid_area, NULL = 全国; gases in
 * gwp_set, NULL = AR6). ERR_INPUT when the year exists or is out of range.
 */
enum err store_year_add(struct store *st, const struct factor_lib *lib, int year,
                        const char *grid_area, const char *gwp_set, char **cause);
/* Changes the year's grid area or GWP set (NULL keeps it) and re-pins the affected factors. */
enum err store_year_settings(struct store *st, const struct factor_lib *lib, int year,
                             const char *grid_area, const char *gwp_set, char **cause);

/* Sets an A.1 value (scope FS_UNIT ignores year); value NULL or "" clears it. Logged. */
enum err store_info_set(struct store *st, enum field_scope scope, int year, const char *key,
                        const char *value, char **cause);
/* Replaces the pinned factor of pin->source_id in year. Logged. */
enum err store_pin_set(struct store *st, int year, const struct factor_pin *pin, char **cause);

/*
 * Finds the A.3 entry (year, source_id, facility), or adds it at the end with location and note.
 * *id gets its row id; *created (may be NULL) whether it was added.
 */
enum err store_entry_ensure(struct store *st, int year, const char *source_id,
                            const char *facility, const char *location, const char *note,
                            long long *id, int *created, char **cause);
/*
 * Puts one A.5 row for the entry and period (canonical text): inserted, or replacing the row with
 * the same period; *replaced (may be NULL) tells which. Logged.
 */
enum err store_activity_put(struct store *st, long long entry_id, const char *period,
                            double quantity, const char *unit, const char *data_source,
                            const char *note, int *replaced, char **cause);
/*
 * Puts the A.5 row for the entry and period as 不适用 (not applicable: the source does not run
 * then): quantity 0 and na 1, with unit, data_source and note as store_activity_put. Logged.
 */
enum err store_activity_put_na(struct store *st, long long entry_id, const char *period,
                               const char *unit, const char *data_source, const char *note,
                               int *replaced, char **cause);

/*
 * Changes an A.3 entry: source_id, facility, location, note (NULL keeps a value; no change is no
 * action). ERR_INPUT with a Chinese cause when another entry of the year already has the new
 * (source, facility); ERR_NOTFOUND when id is gone. Logged.
 */
enum err store_entry_update(struct store *st, long long id, const char *source_id,
                            const char *facility, const char *location, const char *note,
                            char **cause);
/*
 * Deletes an A.3 entry with all its A.5 rows, as one action (undo brings all of them back, with
 * their ids). ERR_NOTFOUND when id is gone.
 */
enum err store_entry_delete(struct store *st, long long id, char **cause);
/* Deletes the A.5 row of entry_id for period (canonical text); ERR_NOTFOUND when none. Logged. */
enum err store_activity_delete(struct store *st, long long entry_id, const char *period,
                               char **cause);

/* One column of a row image: text, or a number (with its shortest exact text), or NULL. */
struct store_col {
    char *key;
    char *text;           /* numbers too: "1200", "0.30000000000000004"; NULL for NULL */
    double num;           /* the number, when is_num */
    int is_num;
    int is_null;
};

/* One row an action changed, as the edit log has it. */
struct store_fact {
    char *tbl;            /* unit_info, years, year_info, inventory, activity, factors */
    char *row, *field;    /* the summaries of struct store_log_entry */
    char *old_value;      /* NULL where the row did not exist */
    char *new_value;      /* NULL where the row is gone */
    struct store_col *before, *after;    /* every column before and after; NULL, 0 when no row */
    size_t nbefore, nafter;
    char *entry_source;   /* activity rows: the source id and facility of their A.3 entry, */
    char *entry_facility; /* from the action's own rows or the workbook; NULL when not known */
};

/* Who made an action (schema version 5 on: older actions have no session, program or pid). */
struct store_origin {
    long long action;     /* its edit_action id; 0: no action */
    int own;              /* made by this store's session (store_set_origin) */
    char *program;        /* what made it, as store_set_origin named it; NULL when not known */
    long long pid;        /* its process id; 0 when not known */
    char *at;             /* when its first change was made (ISO 8601 UTC); NULL when not known */
};

/* The changes of one action, in the order they were made. */
struct store_action {
    struct store_fact *facts;
    size_t n;
    int changed_since;    /* an undo or redo was refused because a row changed since, */
    struct store_origin conflict;    /* by this action (.action 0: none logged, not tanbook) */
};

/*
 * Names who writes through st from now on: session, one per running program (0: a random one of
 * st's own, which is also what st has until this is called), and program, a short word ("tui",
 * "import"; at most 15 bytes kept; NULL: none). Every action st makes records them with the
 * process id; store_undo and store_redo take this session's actions.
 */
void store_set_origin(struct store *st, long long session, const char *program);
/* A new random session id (never 0), for store_set_origin. */
long long store_session_new(void);

/*
 * Undo and redo. Every change made between store_begin and store_commit is one action; a change
 * made outside a transaction is an action of its own (and commits by itself). A write that fails
 * inside a transaction takes back only its own changes. store_undo reverts the latest action of
 * st's session (store_set_origin) not yet undone, exactly (every column of every row it touched,
 * row ids included), even when other programs' actions came after it; store_redo re-applies the
 * action of the session undone last; any new change discards what could have been redone. The
 * stack lives in the file, shared by every program writing it: store_next says whose action is
 * next, and store_undo_action / store_redo_action take another program's. When a row of the
 * action was changed since, nothing is changed and ERR_INPUT says
 * "该修改之后数据已被其他操作改动，无法撤销", with done->conflict naming the action that changed
 * it when the log has one. Undo and redo add rows to store_log (the change reversed, or made
 * again) but are no actions themselves; edits logged by schema version 2 stay history and cannot
 * be undone. Call outside a transaction (ERR_INPUT otherwise). *done (may be NULL; free with
 * store_action_free; empty on error but for conflict) gets the action as it was made (before =
 * before the action), whether now undone or redone: book/history.h puts it in words.
 * ERR_NOTFOUND when there is nothing to undo / redo; ERR_LOCKED as store_begin; ERR_READONLY.
 */
enum err store_undo(struct store *st, struct store_action *done, char **cause);
enum err store_redo(struct store *st, struct store_action *done, char **cause);
/*
 * As store_undo / store_redo, of the action with that id, whoever made it (one store_next
 * named, after asking the user). ERR_NOTFOUND when it is not (or no longer) done / undone.
 */
enum err store_undo_action(struct store *st, long long action, struct store_action *done,
                           char **cause);
enum err store_redo_action(struct store *st, long long action, struct store_action *done,
                           char **cause);
/*
 * What an undo (redo 0) or a redo would take next: *own the action store_undo / store_redo
 * would take, *latest the latest action not yet undone (redo: the one undone last) of any
 * program, which may be the same. Each .action 0 when there is none; free both with
 * store_origin_free. Read-only: both empty.
 */
enum err store_next(struct store *st, int redo, struct store_origin *own,
                    struct store_origin *latest, char **cause);
/*
 * The latest action of another session than st's (what a reload after another program's commit
 * shows); .action 0 when there is none. Free with store_origin_free.
 */
enum err store_last_other(struct store *st, struct store_origin *o, char **cause);
/* Frees what o holds and leaves it empty; o may be NULL. */
void store_origin_free(struct store_origin *o);
/* Frees what a holds and leaves it empty; a may be NULL. */
void store_action_free(struct store_action *a);
/* Column key of a row image, or NULL. */
const struct store_col *store_col_find(const struct store_col *c, size_t n, const char *key);
/* The text of column key (numbers as their shortest exact text); "" when absent or NULL. */
const char *store_col_text(const struct store_col *c, size_t n, const char *key);
/* Whether an undo / redo is possible now (for the hint line); 0 when st is NULL or read-only. */
int store_can_undo(struct store *st);
int store_can_redo(struct store *st);

/*
 * A number that changes whenever another connection (another program) commits a change to the
 * workbook, and stays the same for st's own commits (SQLite's PRAGMA data_version): cheap enough
 * to ask several times a second. A workbook read as an immutable file never changes it.
 */
enum err store_data_version(struct store *st, long long *version, char **cause);

/*
 * Loads year into *y (model.h; free with model_free). ERR_NOTFOUND when the year is absent;
 * ERR_CORRUPT, naming the value and its row, when the file holds what no tanbook writes: a number
 * that is not finite, negative or over STORE_QUANTITY_MAX / STORE_FACTOR_MAX, an unknown unit, a
 * period that does not parse or is of another year. store_years refuses a year out of range so.
 */
enum err store_load_year(struct store *st, const struct factor_lib *lib, int year,
                         struct wb_year *y, char **cause);
/*
 * The part of store_load_year that A.1 shows: the year's grid area, GWP set and A.1 values into
 * *y, with no entries and no pins (free with model_free). Errors as store_load_year's.
 */
enum err store_load_year_info(struct store *st, int year, struct wb_year *y, char **cause);

/*
 * The text a terminal workbook was typing into a cell when a signal ended it and that could not
 * be saved as it stood (schema version 5): one at most, not an edit (never logged or undone).
 */
struct store_pending {
    int year;
    char *step;           /* the step's id ("A.1") */
    int row, col;         /* the cell in the step's sheet */
    char *label;          /* the cell's name as the screen showed it ("建筑面积") */
    char *text;           /* what was typed */
};

/* Keeps p in the workbook, replacing one kept before. ERR_READONLY; errors as the writes. */
enum err store_pending_put(struct store *st, const struct store_pending *p, char **cause);
/*
 * Takes the kept text out of the workbook into *p (free with store_pending_free): *found 0 when
 * there is none (and always on a read-only store, which leaves it for the editing program).
 */
enum err store_pending_take(struct store *st, struct store_pending *p, int *found, char **cause);
void store_pending_free(struct store_pending *p);

/*
 * The plan (schema version 6, core/plan.h). store_base_set records a new setting of the base
 * period (b's kind, years, moving_n and reason), the earlier ones staying as its history.
 * store_target_put and store_measure_put insert (id 0: at the end, setting the id) or replace
 * every column of the row with that id (ERR_NOTFOUND when it is gone); store_plan_delete deletes
 * the row id of "target" or "measure". The caller validates (plan_target_valid). Logged, one
 * action each.
 */
enum err store_base_set(struct store *st, const struct wb_base *b, char **cause);
enum err store_target_put(struct store *st, struct wb_target *t, char **cause);
enum err store_measure_put(struct store *st, struct wb_measure *m, char **cause);
enum err store_plan_delete(struct store *st, const char *tbl, long long id, char **cause);
/*
 * Loads the plan into *p (free with plan_free): empty for an older workbook read as it is.
 * ERR_CORRUPT naming the row when the file holds what no tanbook writes (an unknown parameter,
 * a target value out of range, a base that does not read, an impossible expected reduction, an
 * offset or renewable row that neutral_offset_valid or neutral_renewable_valid refuses, a text
 * of the 碳中和计划 under a key that is none). The claims are in it too (texts "" when not written).
 */
enum err store_load_plan(struct store *st, struct wb_plan *p, char **cause);

/*
 * The claims toward carbon neutrality (schema version 7, core/plan.h, store_neutral.c).
 * store_offset_put and store_renewable_put insert (id 0, setting the id) or replace the row with
 * that id (ERR_NOTFOUND when it is gone); store_offsets_add inserts n offsets as one action (an
 * import, all or nothing); store_claim_delete deletes row id of "offset_claim" or "renewable";
 * store_neutral_text_set writes (or, with "" or NULL, clears) a text of the 碳中和计划 (year 0:
 * "commitment", "timetable", "reduction", "offsetting") or of year's statement ("period",
 * "evaluator", "conclusion", "other"). The caller validates (neutral_offset_valid,
 * neutral_renewable_valid). Logged.
 */
enum err store_offset_put(struct store *st, struct wb_offset *o, char **cause);
enum err store_offsets_add(struct store *st, struct wb_offset *o, size_t n, char **cause);
enum err store_renewable_put(struct store *st, struct wb_renewable *r, char **cause);
enum err store_claim_delete(struct store *st, const char *tbl, long long id, char **cause);
enum err store_neutral_text_set(struct store *st, int year, const char *key, const char *value,
                                char **cause);

/*
 * What an assessor entered for an item of an evaluation (schema version 8, store_assess.c):
 * writes a's value, note, evidence and assessor for (a->year, a->eval, a->code), replacing what
 * was there; with clear, deletes it (nothing to clear is no change). The caller validates
 * (plan_assessment_valid and the evaluation's own rule). Logged, one action.
 */
enum err store_assessment_put(struct store *st, const struct wb_assessment *a, int clear,
                              char **cause);

/* The whole edit log, oldest first (free with store_log_free); empty before schema version 2. */
enum err store_log(struct store *st, struct store_log_entry **out, size_t *n, char **cause);
void store_log_free(struct store_log_entry *log, size_t n);

#endif
