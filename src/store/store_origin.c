/*
 * store_origin.c - who made each action (schema version 5): the session of the program writing
 * (store_set_origin; one random id per running program, or per store when nobody names one), its
 * process id and what it was ("tui", "import"). What undo and redo would take next, for this
 * session and for any (store_next), and the latest action of another program (store_last_other),
 * so that the screen can say whose a change is before it takes it back. store_log.c records the
 * origin with each action and takes the session's own actions.
 */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "store/store_internal.h"

long long
store_session_new(void)
{
    unsigned long long r = 0;

    if (getrandom(&r, sizeof(r), 0) != (ssize_t)sizeof(r))    /* no entropy yet: still unique */
        r = (unsigned long long)time(NULL) * 1000003u ^ (unsigned long long)getpid() << 20
            ^ (unsigned long long)clock();
    return (long long)(r >> 1) | 1;    /* positive, never 0 */
}

void
store_set_origin(struct store *st, long long session, const char *program)
{
    st->session = session != 0 ? session : store_session_new();
    snprintf(st->program, sizeof(st->program), "%s", program != NULL ? program : "");
}

long long
store_session(struct store *st)
{
    if (st->session == 0)
        st->session = store_session_new();
    return st->session;
}

enum err
store_pick_action(struct store *st, int undo, int own, long long *action, char **cause)
{
    static const char *const sql[2][2] = {
        {"SELECT min(id) FROM edit_action WHERE state = 1",
         "SELECT min(id) FROM edit_action WHERE state = 1 AND session = ?"},
        {"SELECT max(id) FROM edit_action WHERE state = 0",
         "SELECT max(id) FROM edit_action WHERE state = 0 AND session = ?"},
    };
    sqlite3_stmt *s;
    int rc;
    enum err e;

    *action = 0;
    if ((e = store_prepare(st, sql[undo != 0][own != 0], &s, cause)) != ERR_OK)
        return e;
    if (own)
        sqlite3_bind_int64(s, 1, store_session(st));
    if ((rc = sqlite3_step(s)) == SQLITE_ROW)
        *action = sqlite3_column_int64(s, 0);    /* NULL reads as 0 */
    store_release(st, s);
    return rc == SQLITE_ROW ? ERR_OK : store_fail(st, rc, "读取修改历史", cause);
}

enum err
store_origin_read(struct store *st, long long action, struct store_origin *o, char **cause)
{
    sqlite3_stmt *s;
    int rc;
    enum err e;

    memset(o, 0, sizeof(*o));
    if (action == 0)
        return ERR_OK;
    if ((e = store_prepare(st, "SELECT session, pid, program, (SELECT min(at) FROM edit_log "
                               "WHERE action = a.id AND kind = 0) FROM edit_action a WHERE id = ?",
                           &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int64(s, 1, action);
    if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        o->action = action;
        o->own = sqlite3_column_type(s, 0) != SQLITE_NULL
                 && sqlite3_column_int64(s, 0) == store_session(st);
        o->pid = sqlite3_column_int64(s, 1);
        o->program = store_column_dup(s, 2);
        o->at = store_column_dup(s, 3);
    }
    store_release(st, s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK
                                                 : store_fail(st, rc, "读取修改历史", cause);
}

void
store_origin_free(struct store_origin *o)
{
    if (o == NULL)
        return;
    free(o->program);
    free(o->at);
    memset(o, 0, sizeof(*o));
}

/* Whether the workbook records who made its actions (a read-only one may be older). */
static int
has_origins(const struct store *st)
{
    return !st->readonly || st->opened_version >= 5;
}

enum err
store_next(struct store *st, int redo, struct store_origin *own, struct store_origin *latest,
           char **cause)
{
    long long a_own, a_any;
    enum err e;

    memset(own, 0, sizeof(*own));
    memset(latest, 0, sizeof(*latest));
    if (st->readonly)
        return ERR_OK;
    if ((e = store_pick_action(st, !redo, 1, &a_own, cause)) != ERR_OK
        || (e = store_pick_action(st, !redo, 0, &a_any, cause)) != ERR_OK
        || (e = store_origin_read(st, a_own, own, cause)) != ERR_OK
        || (e = store_origin_read(st, a_any, latest, cause)) != ERR_OK) {
        store_origin_free(own);
        store_origin_free(latest);
    }
    return e;
}

enum err
store_last_other(struct store *st, struct store_origin *o, char **cause)
{
    sqlite3_stmt *s;
    long long id = 0;
    int rc;
    enum err e;

    memset(o, 0, sizeof(*o));
    if (!has_origins(st))
        return ERR_OK;
    if ((e = store_prepare(st, "SELECT max(id) FROM edit_action WHERE session IS NOT ?", &s,
                           cause)) != ERR_OK)
        return e;
    sqlite3_bind_int64(s, 1, store_session(st));
    if ((rc = sqlite3_step(s)) == SQLITE_ROW)
        id = sqlite3_column_int64(s, 0);
    store_release(st, s);
    if (rc != SQLITE_ROW)
        return store_fail(st, rc, "读取修改历史", cause);
    return store_origin_read(st, id, o, cause);
}
