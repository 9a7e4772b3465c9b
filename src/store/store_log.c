/*
 * store_log.c - the edit log, undo and redo.
 *
 * Each logged write adds an edit_log row with a readable summary (store_log shows it) and the
 * images of the row before and after (store_image.c). The rows one transaction logged form one
 * action (edit_action: done, undone or discarded). Undo takes the latest done action and walks
 * its rows backwards, checking that each row still equals its after image (else someone changed
 * it since: refused) and putting the before image back, rowid included; redo takes the action
 * undone last and walks forwards. A new action discards what could be redone. Undo and redo add
 * edit_log rows of their own (kind 1 and 2, no images) so the history stays complete, but those
 * never become actions. Rows logged by schema version 2 have no action and stay history only.
 * What undo and redo did comes back as facts (struct store_action): the rows and their columns,
 * which book/history.c puts in words.
 *
 * Each action records who made it (schema version 5): the session of the program (one random id
 * per running program, or per store), its process id and what it was. Undo and redo take the
 * session's own actions, out of order when another program's came after: every row is checked
 * as always, so one the other program changed since refuses, naming that program's action.
 * Another program's action is taken only when asked for by id (store_undo_action), which the
 * screen does after saying whose it is. Also here: the text being typed that a signal cut short,
 * kept for the next open (pending_edit).
 */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store_internal.h"
#include "base/strbuf.h"
#include "base/xmem.h"

enum { ACT_DONE, ACT_UNDONE, ACT_DISCARDED };     /* edit_action.state */
enum { LOG_CHANGE, LOG_UNDO, LOG_REDO };           /* edit_log.kind */

/* Starts the action of the open transaction; what could have been redone is discarded. */
static enum err
action_start(struct store *st, char **cause)
{
    sqlite3_stmt *s;
    enum err e;

    if ((e = store_prepare(st, "UPDATE edit_action SET state = 2 WHERE state = 1", &s, cause))
            != ERR_OK
        || (e = store_step_done(st, s, "记录修改历史", cause)) != ERR_OK
        || (e = store_prepare(st, "INSERT INTO edit_action (state, session, pid, program) "
                                  "VALUES (0, ?, ?, ?)", &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int64(s, 1, store_session(st));
    sqlite3_bind_int64(s, 2, (long long)getpid());
    store_bind_text(s, 3, st->program[0] != '\0' ? st->program : NULL);
    if ((e = store_step_done(st, s, "记录修改历史", cause)) != ERR_OK)
        return e;
    st->action = sqlite3_last_insert_rowid(st->db);
    return ERR_OK;
}

/* One edit_log row: the summaries store_log shows and, for undo and redo, the row images. */
struct step {
    struct store_log_entry e;
    char *before, *after;   /* images; NULL where the row did not exist (or not selected) */
};

static void
entry_free(struct store_log_entry *l)
{
    free(l->at);
    free(l->tbl);
    free(l->row);
    free(l->field);
    free(l->old_value);
    free(l->new_value);
}

static void
steps_free(struct step *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        entry_free(&s[i].e);
        free(s[i].before);
        free(s[i].after);
    }
    free(s);
}

/* Adds an edit_log row of kind to action: c's summaries and the row images before and after. */
static enum err
log_add(struct store *st, const struct store_change *c, const char *before, const char *after,
        long long action, int kind, char **cause)
{
    sqlite3_stmt *s;
    enum err e;

    if ((e = store_prepare(st, "INSERT INTO edit_log (at, tbl, row, field, old, new, action, "
                               "kind, before_row, after_row) VALUES "
                               "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), "
                               "?, ?, ?, ?, ?, ?, ?, ?, ?)", &s, cause)) != ERR_OK)
        return e;
    store_bind_text(s, 1, c->tbl);
    store_bind_text(s, 2, c->row);
    store_bind_text(s, 3, c->field);
    store_bind_text(s, 4, c->old);
    store_bind_text(s, 5, c->new_value);
    sqlite3_bind_int64(s, 6, action);
    sqlite3_bind_int(s, 7, kind);
    store_bind_text(s, 8, before);
    store_bind_text(s, 9, after);
    return store_step_done(st, s, "记录修改历史", cause);
}

enum err
store_log_change(struct store *st, const struct store_change *c, const char *before,
                 const char *after, char **cause)
{
    enum err e;

    if (st->action == 0 && (e = action_start(st, cause)) != ERR_OK)
        return e;
    return log_add(st, c, before, after, st->action, LOG_CHANGE, cause);
}

enum err
store_record(struct store *st, struct store_change *c, sqlite3_stmt *s, const char *what,
             char **cause)
{
    char *before = NULL, *after = NULL;
    enum err e;

    if (store_bulk_take(st, c, s, what, &e, cause))
        return e;    /* a row a bulk adds: its log row is the bulk's */
    if (c->rowid != 0 && (e = store_image(st, c->tbl, c->rowid, &before, cause)) != ERR_OK) {
        store_release(st, s);
        return e;
    }
    if ((e = store_step_done(st, s, what, cause)) != ERR_OK)
        goto out;
    if (c->rowid == 0)
        c->rowid = sqlite3_last_insert_rowid(st->db);
    if (c->gone || (e = store_image(st, c->tbl, c->rowid, &after, cause)) == ERR_OK)
        e = store_log_change(st, c, before, after, cause);
out:
    free(before);
    free(after);
    return e;
}

/*
 * Reads the edit_log rows s selects (id, at, tbl, row, field, old, new, before_row, after_row;
 * bound) into *out, in order; releases s.
 */
static enum err
log_read(struct store *st, sqlite3_stmt *s, struct step **out, size_t *n, char **cause)
{
    size_t cap = 0;
    int rc;

    *out = NULL;
    *n = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct step *p;

        *out = xgrow(*out, &cap, *n + 1, sizeof(**out));
        p = &(*out)[(*n)++];
        p->e.id = sqlite3_column_int64(s, 0);
        p->e.at = store_column_dup(s, 1);
        p->e.tbl = store_column_dup(s, 2);
        p->e.row = store_column_dup(s, 3);
        p->e.field = store_column_dup(s, 4);
        p->e.old_value = store_column_dup(s, 5);
        p->e.new_value = store_column_dup(s, 6);
        p->before = store_column_dup(s, 7);
        p->after = store_column_dup(s, 8);
    }
    store_release(st, s);
    if (rc == SQLITE_DONE)
        return ERR_OK;
    steps_free(*out, *n);
    *out = NULL;
    *n = 0;
    return store_fail(st, rc, "读取修改历史", cause);
}

enum err
store_log(struct store *st, struct store_log_entry **out, size_t *n, char **cause)
{
    struct step *rows;
    sqlite3_stmt *s;
    size_t i;
    enum err e;

    *out = NULL;
    *n = 0;
    if (st->readonly && st->opened_version < 2)
        return ERR_OK;    /* read as it is: a version 1 workbook has no edit log yet */
    /* the images are left unread: the history shows the summaries only */
    if ((e = store_prepare(st, "SELECT id, at, tbl, row, field, old, new, NULL, NULL FROM edit_log "
                               "ORDER BY id", &s, cause)) != ERR_OK
        || (e = log_read(st, s, &rows, n, cause)) != ERR_OK)
        return e;
    if (*n > 0)
        *out = xcalloc(*n, sizeof(**out));
    for (i = 0; i < *n; i++)
        (*out)[i] = rows[i].e;
    free(rows);
    return ERR_OK;
}

void
store_log_free(struct store_log_entry *log, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        entry_free(&log[i]);
    free(log);
}

/* The changes action logged, in order. */
static enum err
action_steps(struct store *st, long long action, struct step **out, size_t *n, char **cause)
{
    sqlite3_stmt *s;
    enum err e;

    *out = NULL;
    *n = 0;
    if ((e = store_prepare(st, "SELECT id, at, tbl, row, field, old, new, before_row, after_row "
                               "FROM edit_log WHERE action = ? AND kind = 0 ORDER BY id", &s,
                           cause)) != ERR_OK)
        return e;
    sqlite3_bind_int64(s, 1, action);
    return log_read(st, s, out, n, cause);
}

enum err
store_conflict(const char *verb, char **cause)
{
    *cause = xasprintf("该修改之后数据已被其他操作改动，无法%s", verb);
    return ERR_INPUT;
}

enum err
store_corrupt(const char *verb, char **cause)
{
    *cause = xasprintf("修改历史记录已损坏，无法%s", verb);
    return ERR_CORRUPT;
}

/* Column names come from the file: only plain lower-case identifiers get into SQL. */
static int
name_ok(const char *s)
{
    return s[0] != '\0' && strlen(s) < 64 && strspn(s, "abcdefghijklmnopqrstuvwxyz_0123456789")
                                                 == strlen(s);
}

/*
 * Runs sql, built here, with im's members bound as ?1..?n (when im is not NULL) and the rowid as
 * ?n+1 (when sql uses it). A constraint failure means the rows changed since: a conflict.
 */
static enum err
run_sql(struct store *st, const char *sql, const struct store_img *im, long long rowid,
        const char *verb, char **cause)
{
    sqlite3_stmt *s;
    size_t i, n = im != NULL ? im->n : 0;
    int rc;
    enum err e = ERR_OK;

    if ((rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL)) != SQLITE_OK)
        return store_fail(st, rc, verb, cause);
    for (i = 0; i < n; i++) {
        const struct store_img_val *v = &im->v[i];
        int b = v->type == SQLITE_INTEGER ? sqlite3_bind_int64(s, (int)i + 1, v->i)
              : v->type == SQLITE_FLOAT ? sqlite3_bind_double(s, (int)i + 1, v->d)
              : v->type == SQLITE_TEXT ? sqlite3_bind_text(s, (int)i + 1, v->t, -1, SQLITE_STATIC)
              : sqlite3_bind_null(s, (int)i + 1);

        if (b != SQLITE_OK)
            e = store_fail(st, b, verb, cause);
    }
    if (e == ERR_OK && sqlite3_bind_parameter_count(s) > (int)n
        && (rc = sqlite3_bind_int64(s, (int)n + 1, rowid)) != SQLITE_OK)
        e = store_fail(st, rc, verb, cause);
    if (e == ERR_OK && (rc = sqlite3_step(s)) != SQLITE_DONE)
        e = (rc & 0xff) == SQLITE_CONSTRAINT ? store_conflict(verb, cause)
                                              : store_fail(st, rc, verb, cause);
    sqlite3_finalize(s);
    return e;
}

/* Puts the row back as im says: an UPDATE of rowid when update, else an INSERT. */
static enum err
row_write(struct store *st, const struct store_tbl *t, const struct store_img *im, long long rowid,
          int update, const char *verb, char **cause)
{
    struct strbuf sb = {0};
    size_t i;
    enum err e;

    for (i = 0; i < im->n; i++)
        if (!name_ok(im->v[i].key))
            return store_corrupt(verb, cause);
    sb_printf(&sb, update ? "UPDATE %s SET " : "INSERT INTO %s (", t->name);
    for (i = 0; i < im->n; i++)
        if (update)
            sb_printf(&sb, "%s\"%s\" = ?%zu", i > 0 ? ", " : "", im->v[i].key, i + 1);
        else
            sb_printf(&sb, "%s\"%s\"", i > 0 ? ", " : "", im->v[i].key);
    if (update) {
        sb_printf(&sb, " WHERE rowid = ?%zu", im->n + 1);
    } else {
        sb_append(&sb, ") VALUES (");
        for (i = 0; i < im->n; i++)
            sb_printf(&sb, "%s?%zu", i > 0 ? ", " : "", i + 1);
        sb_append(&sb, ")");
    }
    e = run_sql(st, sb.s, im, rowid, verb, cause);
    sb_free(&sb);
    return e;
}

/* Deletes rowid of t, unless the delete would take rows with it that the action did not log. */
static enum err
row_delete(struct store *st, const struct store_tbl *t, long long rowid, const char *verb,
           char **cause)
{
    sqlite3_stmt *s;
    char *sql;
    int rc, n = 0;
    enum err e;

    if (t->children != NULL) {
        if ((e = store_prepare(st, t->children, &s, cause)) != ERR_OK)
            return e;
        sqlite3_bind_int64(s, 1, rowid);
        if ((rc = sqlite3_step(s)) == SQLITE_ROW)
            n = sqlite3_column_int(s, 0);
        store_release(st, s);
        if (rc != SQLITE_ROW)
            return store_fail(st, rc, verb, cause);
        if (n > 0)
            return store_conflict(verb, cause);
    }
    sql = xasprintf("DELETE FROM %s WHERE rowid = ?1", t->name);
    e = run_sql(st, sql, NULL, rowid, verb, cause);
    free(sql);
    return e;
}

/*
 * Moves one row of t from image `from` to image `to` (NULL: no row), after checking that the row
 * is as `from` says: another program may have changed the workbook since.
 */
static enum err
step_apply(struct store *st, const struct store_tbl *t, const char *from, const char *to,
           const char *verb, char **cause)
{
    struct store_img f = {0}, g = {0}, cur = {0};
    long long rf = 0, rt = 0;
    char *now = NULL;
    enum err e;

    if ((from != NULL && (store_img_parse(from, &f) != 0 || !store_img_rowid(&f, t, &rf)))
        || (to != NULL && (store_img_parse(to, &g) != 0 || !store_img_rowid(&g, t, &rt)))
        || (from == NULL && to == NULL)) {
        e = store_corrupt(verb, cause);
        goto out;
    }
    if ((e = store_image(st, t->name, from != NULL ? rf : rt, &now, cause)) != ERR_OK)
        goto out;
    if (from != NULL ? now == NULL || store_img_parse(now, &cur) != 0 || !store_img_covers(&f, &cur)
                     : now != NULL) {
        e = store_conflict(verb, cause);
        goto out;
    }
    if (from != NULL && to != NULL && rf == rt)
        e = row_write(st, t, &g, rt, 1, verb, cause);
    else if ((from == NULL || (e = row_delete(st, t, rf, verb, cause)) == ERR_OK) && to != NULL)
        e = row_write(st, t, &g, rt, 0, verb, cause);
out:
    free(now);
    store_img_free(&f);
    store_img_free(&g);
    store_img_free(&cur);
    return e;
}

/* Applies one step (undo: after → before) and logs it: the change reversed, or made again. */
static enum err
step_run(struct store *st, long long action, const struct step *p, int undo, const char *verb,
         char **cause)
{
    const struct store_tbl *t = store_tbl_find(p->e.tbl);
    const struct store_change c = {
        .tbl = p->e.tbl, .row = p->e.row, .field = p->e.field,
        .old = undo ? p->e.new_value : p->e.old_value,
        .new_value = undo ? p->e.old_value : p->e.new_value,
    };
    enum err e;

    if (t == NULL)
        return store_corrupt(verb, cause);
    if (store_bulk_is(p->after) || store_bulk_is(p->before))
        e = p->before != NULL ? store_corrupt(verb, cause)
          : undo ? store_bulk_undo(st, p->e.id, p->after, verb, cause)
                 : store_bulk_redo(st, p->e.id, p->after, verb, cause);
    else
        e = step_apply(st, t, undo ? p->after : p->before, undo ? p->before : p->after, verb,
                       cause);
    if (e != ERR_OK)
        return e;
    return log_add(st, &c, NULL, NULL, action, undo ? LOG_UNDO : LOG_REDO, cause);
}

/*
 * After step p of action was refused because its row changed since: the action still done that
 * changed it last (the same row; else any change logged after it), into *by; by->action 0 when
 * the log has none (the change came from outside tanbook).
 */
static enum err
conflict_by(struct store *st, long long action, const struct step *p, struct store_origin *by,
            char **cause)
{
    /* an action undone since has put its rows back: it is not the one */
    static const char *const sql[] = {
        "SELECT l.action FROM edit_log l JOIN edit_action a ON a.id = l.action "
        "WHERE l.tbl = ?1 AND l.row = ?2 AND l.id > ?3 AND l.kind = 0 AND l.action IS NOT ?4 "
        "AND a.state = 0 ORDER BY l.id DESC LIMIT 1",
        "SELECT l.action FROM edit_log l JOIN edit_action a ON a.id = l.action "
        "WHERE ?1 IS NOT NULL AND ?2 IS NOT NULL AND l.id > ?3 AND l.kind = 0 "
        "AND l.action IS NOT ?4 AND a.state = 0 ORDER BY l.id DESC LIMIT 1",
    };
    sqlite3_stmt *s;
    long long id = 0;
    size_t i;
    int rc;
    enum err e;

    for (i = 0; i < nitems(sql) && id == 0; i++) {
        if ((e = store_prepare(st, sql[i], &s, cause)) != ERR_OK)
            return e;
        store_bind_text(s, 1, p->e.tbl);
        store_bind_text(s, 2, p->e.row);
        sqlite3_bind_int64(s, 3, p->e.id);
        sqlite3_bind_int64(s, 4, action);
        if ((rc = sqlite3_step(s)) == SQLITE_ROW)
            id = sqlite3_column_int64(s, 0);
        store_release(st, s);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return store_fail(st, rc, "读取修改历史", cause);
    }
    return store_origin_read(st, id, by, cause);
}

/* An inventory row of an action: its id and the fact that holds it. */
struct ent_ref {
    long long id;
    const struct store_fact *f;
};

static int
cmp_ref(const void *a, const void *b)
{
    const struct ent_ref *x = a, *y = b;

    return (x->id > y->id) - (x->id < y->id);
}

/* The inventory rows of a, sorted by id: an import has thousands, each looked up by its rows. */
static struct ent_ref *
entry_refs(const struct store_action *a, size_t *n)
{
    struct ent_ref *v = xcalloc(a->n + 1, sizeof(*v));
    size_t i;

    *n = 0;
    for (i = 0; i < a->n; i++) {
        const struct store_fact *f = &a->facts[i];
        const struct store_col *cols = f->nbefore > 0 ? f->before : f->after;
        const struct store_col *c = store_col_find(cols, f->nbefore > 0 ? f->nbefore : f->nafter,
                                                   "id");

        if (strcmp(f->tbl, "inventory") == 0 && c != NULL && c->is_num) {
            v[*n].id = (long long)c->num;
            v[(*n)++].f = f;
        }
    }
    qsort(v, *n, sizeof(*v), cmp_ref);
    return v;
}

/*
 * The source id and facility of entry id: from an inventory row of the action itself (refs,
 * nrefs: it may be gone from the workbook, or not there yet), else from the workbook; both NULL
 * when neither has it.
 */
static enum err
entry_of(struct store *st, const struct ent_ref *refs, size_t nrefs, long long id, char **source,
         char **facility, char **cause)
{
    const struct ent_ref key = {id, NULL}, *r;
    sqlite3_stmt *s;
    int rc;
    enum err e;

    *source = *facility = NULL;
    if ((r = bsearch(&key, refs, nrefs, sizeof(*refs), cmp_ref)) != NULL) {
        const struct store_fact *f = r->f;
        const struct store_col *cols = f->nbefore > 0 ? f->before : f->after;
        size_t n = f->nbefore > 0 ? f->nbefore : f->nafter;

        *source = xstrdup(store_col_text(cols, n, "source"));
        *facility = xstrdup(store_col_text(cols, n, "facility"));
        return ERR_OK;
    }
    if ((e = store_prepare(st, "SELECT source, facility FROM inventory WHERE id = ?", &s, cause))
        != ERR_OK)
        return e;
    sqlite3_bind_int64(s, 1, id);
    if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        *source = store_column_dup(s, 0);
        *facility = store_column_dup(s, 1);
    }
    store_release(st, s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK
                                                 : store_fail(st, rc, "读取排放源一览表", cause);
}

/* The fact of one logged row (not a bulk one) into f. */
static int
step_fact(const struct step *p, struct store_fact *f)
{
    memset(f, 0, sizeof(*f));
    f->tbl = xstrdup(p->e.tbl);
    f->row = xstrdup(p->e.row);
    f->field = xstrdup(p->e.field);
    f->old_value = p->e.old_value != NULL ? xstrdup(p->e.old_value) : NULL;
    f->new_value = p->e.new_value != NULL ? xstrdup(p->e.new_value) : NULL;
    return store_img_cols(p->before, &f->before, &f->nbefore) != 0
           || store_img_cols(p->after, &f->after, &f->nafter) != 0 ? -1 : 0;
}

/* The entries of the activity facts of a (source id and facility). */
static enum err
facts_entries(struct store *st, struct store_action *a, char **cause)
{
    const struct store_col *c;
    struct ent_ref *refs;
    long long id, last = 0;
    size_t i, nrefs;
    enum err e = ERR_OK;

    refs = entry_refs(a, &nrefs);
    for (i = 0; i < a->n && e == ERR_OK; i++) {
        struct store_fact *f = &a->facts[i];

        if (strcmp(f->tbl, "activity") != 0)
            continue;
        c = f->nbefore > 0 ? store_col_find(f->before, f->nbefore, "inventory_id")
                           : store_col_find(f->after, f->nafter, "inventory_id");
        if (c == NULL || !c->is_num)
            continue;
        id = (long long)c->num;
        if (i > 0 && id == last && a->facts[i - 1].entry_source != NULL) {
            /* the rows of one entry come together, and an import logs thousands */
            f->entry_source = xstrdup(a->facts[i - 1].entry_source);
            f->entry_facility = xstrdup(a->facts[i - 1].entry_facility);
        } else {
            e = entry_of(st, refs, nrefs, id, &f->entry_source, &f->entry_facility, cause);
        }
        last = id;
    }
    free(refs);
    return e;
}

/* The facts of an action from its log rows, read before it is undone or redone. */
static enum err
action_facts(struct store *st, const struct step *steps, size_t n, struct store_action *a,
             const char *verb, char **cause)
{
    size_t i, cap = 0;
    enum err e = ERR_OK;

    memset(a, 0, sizeof(*a));
    for (i = 0; i < n && e == ERR_OK; i++) {
        if (store_bulk_is(steps[i].after)) {
            e = store_bulk_facts(st, steps[i].after, a, &cap, verb, cause);
            continue;
        }
        a->facts = xgrow(a->facts, &cap, a->n + 1, sizeof(*a->facts));
        if (step_fact(&steps[i], &a->facts[a->n++]) != 0)
            e = store_corrupt(verb, cause);
    }
    if (e == ERR_OK)
        e = facts_entries(st, a, cause);
    if (e != ERR_OK)
        store_action_free(a);
    return e;
}

void
store_action_free(struct store_action *a)
{
    size_t i;

    if (a == NULL)
        return;
    for (i = 0; i < a->n; i++) {
        struct store_fact *f = &a->facts[i];

        free(f->tbl);
        free(f->row);
        free(f->field);
        free(f->old_value);
        free(f->new_value);
        store_cols_free(f->before, f->nbefore);
        store_cols_free(f->after, f->nafter);
        free(f->entry_source);
        free(f->entry_facility);
    }
    free(a->facts);
    a->facts = NULL;
    a->n = 0;
    a->changed_since = 0;
    store_origin_free(&a->conflict);
}

/* Whether action is in state (done to undo, undone to redo). */
static enum err
action_in(struct store *st, long long action, int state, int *yes, char **cause)
{
    sqlite3_stmt *s;
    int rc;
    enum err e;

    *yes = 0;
    if ((e = store_prepare(st, "SELECT 1 FROM edit_action WHERE id = ? AND state = ?", &s, cause))
        != ERR_OK)
        return e;
    sqlite3_bind_int64(s, 1, action);
    sqlite3_bind_int(s, 2, state);
    rc = sqlite3_step(s);
    *yes = rc == SQLITE_ROW;
    store_release(st, s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK
                                                 : store_fail(st, rc, "读取修改历史", cause);
}

/* Undoes (undo) or redoes action `which`, or st's session's next one when which is 0. */
static enum err
replay(struct store *st, int undo, long long which, struct store_action *done, char **cause)
{
    const char *verb = undo ? "撤销" : "重做";
    struct store_action facts = {0};
    struct store_origin by = {0};
    struct step *steps = NULL;
    sqlite3_stmt *s;
    size_t n = 0, k;
    long long action = which;
    char *why = NULL;
    int ok = 1;
    enum err e;

    if (done != NULL)
        memset(done, 0, sizeof(*done));
    if (st->readonly)
        return store_refuse_readonly(verb, cause);
    if (!sqlite3_get_autocommit(st->db)) {
        *cause = xasprintf("还有未完成的修改，现在不能%s", verb);
        return ERR_INPUT;
    }
    if ((e = store_begin(st, cause)) != ERR_OK)
        return e;
    if ((e = which == 0 ? store_pick_action(st, undo, 1, &action, cause)
                        : action_in(st, which, undo ? ACT_DONE : ACT_UNDONE, &ok, cause))
        != ERR_OK)
        goto fail;
    if (action == 0 || !ok) {
        *cause = xasprintf(which == 0 ? "没有可以%s的修改" : "这项修改已不能%s（已被撤销或重做）",
                           verb);
        e = ERR_NOTFOUND;
        goto fail;
    }
    /* the facts first: the entries they name may be gone afterwards */
    if ((e = action_steps(st, action, &steps, &n, cause)) != ERR_OK
        || (done != NULL && (e = action_facts(st, steps, n, &facts, verb, cause)) != ERR_OK))
        goto fail;
    for (k = 0; k < n && e == ERR_OK; k++)
        e = step_run(st, action, &steps[undo ? n - 1 - k : k], undo, verb, cause);
    if (e == ERR_INPUT && done != NULL) {
        /* who changed the row since; a failed look-up names nobody */
        done->changed_since = 1;
        if (conflict_by(st, action, &steps[undo ? n - k : k - 1], &by, &why) == ERR_OK)
            done->conflict = by;
        free(why);
    }
    if (e != ERR_OK
        || (e = store_prepare(st, "UPDATE edit_action SET state = ? WHERE id = ?", &s, cause))
               != ERR_OK)
        goto fail;
    sqlite3_bind_int(s, 1, undo ? ACT_UNDONE : ACT_DONE);
    sqlite3_bind_int64(s, 2, action);
    if ((e = store_step_done(st, s, "记录修改历史", cause)) != ERR_OK
        || (e = store_commit(st, cause)) != ERR_OK)
        goto fail;
    steps_free(steps, n);
    if (done != NULL)
        *done = facts;
    return ERR_OK;
fail:
    store_rollback(st);
    steps_free(steps, n);
    store_action_free(&facts);
    return e;
}

enum err
store_undo(struct store *st, struct store_action *done, char **cause)
{
    return replay(st, 1, 0, done, cause);
}

enum err
store_redo(struct store *st, struct store_action *done, char **cause)
{
    return replay(st, 0, 0, done, cause);
}

enum err
store_undo_action(struct store *st, long long action, struct store_action *done, char **cause)
{
    return action > 0 ? replay(st, 1, action, done, cause) : replay(st, 1, -1, done, cause);
}

enum err
store_redo_action(struct store *st, long long action, struct store_action *done, char **cause)
{
    return action > 0 ? replay(st, 0, action, done, cause) : replay(st, 0, -1, done, cause);
}

static int
has_state(struct store *st, int state)
{
    sqlite3_stmt *s;
    char *cause = NULL;
    int rc;

    if (st == NULL || st->readonly)
        return 0;    /* no workbook open yet (the hint line asks all the same), or read-only */
    if (store_prepare(st, "SELECT 1 FROM edit_action WHERE state = ? LIMIT 1", &s, &cause)
        != ERR_OK) {
        free(cause);
        return 0;
    }
    sqlite3_bind_int(s, 1, state);
    rc = sqlite3_step(s);
    store_release(st, s);
    return rc == SQLITE_ROW;
}

int
store_can_undo(struct store *st)
{
    return has_state(st, ACT_DONE);
}

int
store_can_redo(struct store *st)
{
    return has_state(st, ACT_UNDONE);
}
