/*
 * store_pending.c - the text a terminal workbook was typing when a signal (SIGTERM, SIGHUP) ended
 * it and that could not be saved as it stood: kept in the workbook (schema version 5,
 * pending_edit, one row at most) to be offered when the workbook opens next. It is not an edit:
 * never logged, never undone.
 */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

enum err
store_pending_put(struct store *st, const struct store_pending *p, char **cause)
{
    sqlite3_stmt *s;
    enum err e;

    if (st->readonly)
        return store_refuse_readonly("保存正在输入的内容", cause);
    if ((e = store_prepare(st, "INSERT OR REPLACE INTO pending_edit (id, year, step, row, col, "
                               "label, text, at) VALUES (1, ?, ?, ?, ?, ?, ?, "
                               "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))", &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, p->year);
    store_bind_text(s, 2, p->step);
    sqlite3_bind_int(s, 3, p->row);
    sqlite3_bind_int(s, 4, p->col);
    store_bind_text(s, 5, p->label);
    store_bind_text(s, 6, p->text);
    return store_step_done(st, s, "保存正在输入的内容", cause);
}

enum err
store_pending_take(struct store *st, struct store_pending *p, int *found, char **cause)
{
    sqlite3_stmt *s;
    int rc;
    enum err e;

    memset(p, 0, sizeof(*p));
    *found = 0;
    if (st->readonly)
        return ERR_OK;
    if ((e = store_begin(st, cause)) != ERR_OK)
        return e;
    if ((e = store_prepare(st, "SELECT year, step, row, col, label, text FROM pending_edit "
                               "WHERE id = 1", &s, cause)) != ERR_OK)
        goto fail;
    if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        p->year = sqlite3_column_int(s, 0);
        p->step = store_column_dup(s, 1);
        p->row = sqlite3_column_int(s, 2);
        p->col = sqlite3_column_int(s, 3);
        p->label = store_column_dup(s, 4);
        p->text = store_column_dup(s, 5);
        *found = p->step != NULL && p->label != NULL && p->text != NULL;
    }
    store_release(st, s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        e = store_fail(st, rc, "读取正在输入的内容", cause);
        goto fail;
    }
    if (rc == SQLITE_ROW
        && ((e = store_prepare(st, "DELETE FROM pending_edit", &s, cause)) != ERR_OK
            || (e = store_step_done(st, s, "读取正在输入的内容", cause)) != ERR_OK))
        goto fail;
    if ((e = store_commit(st, cause)) == ERR_OK)
        return ERR_OK;
fail:
    store_rollback(st);
    store_pending_free(p);
    *found = 0;
    return e;
}

void
store_pending_free(struct store_pending *p)
{
    if (p == NULL)
        return;
    free(p->step);
    free(p->label);
    free(p->text);
    memset(p, 0, sizeof(*p));
}
