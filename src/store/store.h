/*
 * store.h - the workbook file: the only module that includes sqlite3.h. One SQLite file per
 * reporting unit, any number of years. Marked with PRAGMA application_id, versioned with
 * user_version and migrated forward by a numbered list; WAL, foreign keys, busy timeout. Every
 * change is logged in edit_log (time, table, row, field, old, new, and the row's images before
 * and after); the changes of one transaction, or a change of its own, form one action
 * (edit_action), which undo and redo revert or re-apply as a whole (schema version 3).
 */
#ifndef TANBOOK_STORE_H
#define TANBOOK_STORE_H

#include <stddef.h>

#include "base/err.h"
#include "data/factors.h"
#include "data/forms.h"
#include "core/model.h"

#define STORE_APPLICATION_ID 0x54414e42  /* "TANB" */

struct store;

enum store_mode {
    STORE_EXISTING,   /* the file must exist and be a workbook */
    STORE_CREATE,     /* the file must not exist; it is created */
    STORE_READONLY,   /* (stand-in until read-only opening lands: opened as STORE_EXISTING) */
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
 * $TANBOOK_BUSY_TIMEOUT_MS, default 5000), ERR_CORRUPT; *cause says which (caller frees).
 * Older schemas are migrated in one transaction.
 */
enum err store_open(const char *path, enum store_mode mode, struct store **out, char **cause);
void store_close(struct store *st);
/* Deletes the workbook file at path with its -wal and -shm companions (missing ones are fine). */
void store_remove(const char *path);
/* The schema version found in the file before migration. */
int store_opened_version(const struct store *st);

/* Starts a write transaction (waits for other writers up to the busy timeout). */
enum err store_begin(struct store *st, char **cause);
enum err store_commit(struct store *st, char **cause);
void store_rollback(struct store *st);

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

/*
 * Undo and redo. Every change made between store_begin and store_commit is one action; a change
 * made outside a transaction is an action of its own (and commits by itself). A write that fails
 * inside a transaction takes back only its own changes. store_undo reverts the latest action not
 * yet undone, exactly (every column of every row it touched, row ids included); store_redo
 * re-applies the action undone last; any new change discards what could have been redone. The
 * stack lives in the file, shared by every program writing it. When a row of the action was
 * changed since by something other than tanbook, nothing is changed and ERR_INPUT says
 * "该修改之后数据已被其他操作改动，无法撤销". Undo and redo add rows to store_log (the change
 * reversed, or made again) but are no actions themselves; edits logged by schema version 2 stay
 * history and cannot be undone. Call outside a transaction (ERR_INPUT otherwise). *what (may be
 * NULL; caller frees; NULL on error) describes the action in Chinese: "建筑面积：1200 → 1500",
 * "删除排放源 天然气（炉灶）及其 12 条活动数据", "批量修改：排放源 2 个、活动数据 24 条".
 * ERR_NOTFOUND when there is nothing to undo / redo; ERR_LOCKED as store_begin.
 */
enum err store_undo(struct store *st, char **what, char **cause);
enum err store_redo(struct store *st, char **what, char **cause);
/* Whether an undo / redo is possible now (for the hint line); 0 when st is NULL. */
int store_can_undo(struct store *st);
int store_can_redo(struct store *st);

/* Loads year into *y (model.h; free with model_free). ERR_NOTFOUND when the year is absent. */
enum err store_load_year(struct store *st, const struct factor_lib *lib, int year,
                         struct wb_year *y, char **cause);

/* The whole edit log, oldest first (free with store_log_free). */
enum err store_log(struct store *st, struct store_log_entry **out, size_t *n, char **cause);
void store_log_free(struct store_log_entry *log, size_t n);

#endif
