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
 */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
        || (e = store_prepare(st, "INSERT INTO edit_action (state) VALUES (0)", &s, cause))
               != ERR_OK
        || (e = store_step_done(st, s, "记录修改历史", cause)) != ERR_OK)
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
store_record(struct store *st, struct store_change *c, sqlite3_stmt *s, const char *what,
             char **cause)
{
    char *before = NULL, *after = NULL;
    enum err e;

    if (c->rowid != 0 && (e = store_image(st, c->tbl, c->rowid, &before, cause)) != ERR_OK) {
        store_release(st, s);
        return e;
    }
    if ((e = store_step_done(st, s, what, cause)) != ERR_OK)
        goto out;
    if (c->rowid == 0)
        c->rowid = sqlite3_last_insert_rowid(st->db);
    if ((c->gone || (e = store_image(st, c->tbl, c->rowid, &after, cause)) == ERR_OK)
        && (st->action != 0 || (e = action_start(st, cause)) == ERR_OK))
        e = log_add(st, c, before, after, st->action, LOG_CHANGE, cause);
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
        p->e.at = store_col_text(s, 1);
        p->e.tbl = store_col_text(s, 2);
        p->e.row = store_col_text(s, 3);
        p->e.field = store_col_text(s, 4);
        p->e.old_value = store_col_text(s, 5);
        p->e.new_value = store_col_text(s, 6);
        p->before = store_col_text(s, 7);
        p->after = store_col_text(s, 8);
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

static enum err
conflict(const char *verb, char **cause)
{
    *cause = xasprintf("该修改之后数据已被其他操作改动，无法%s", verb);
    return ERR_INPUT;
}

static enum err
corrupt(const char *verb, char **cause)
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
        e = (rc & 0xff) == SQLITE_CONSTRAINT ? conflict(verb, cause)
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
            return corrupt(verb, cause);
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
            return conflict(verb, cause);
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
        e = corrupt(verb, cause);
        goto out;
    }
    if ((e = store_image(st, t->name, from != NULL ? rf : rt, &now, cause)) != ERR_OK)
        goto out;
    if (from != NULL ? now == NULL || store_img_parse(now, &cur) != 0 || !store_img_covers(&f, &cur)
                     : now != NULL) {
        e = conflict(verb, cause);
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
        return corrupt(verb, cause);
    if ((e = step_apply(st, t, undo ? p->after : p->before, undo ? p->before : p->after, verb,
                        cause)) != ERR_OK)
        return e;
    return log_add(st, &c, NULL, NULL, action, undo ? LOG_UNDO : LOG_REDO, cause);
}

/* The action to undo (the latest done) or redo (the earliest undone: undone last); 0 when none. */
static enum err
pick_action(struct store *st, int undo, long long *action, char **cause)
{
    sqlite3_stmt *s;
    int rc;
    enum err e;

    *action = 0;
    if ((e = store_prepare(st, undo ? "SELECT max(id) FROM edit_action WHERE state = 0"
                                    : "SELECT min(id) FROM edit_action WHERE state = 1",
                           &s, cause)) != ERR_OK)
        return e;
    if ((rc = sqlite3_step(s)) == SQLITE_ROW)
        *action = sqlite3_column_int64(s, 0);    /* NULL reads as 0 */
    store_release(st, s);
    return rc == SQLITE_ROW ? ERR_OK : store_fail(st, rc, "读取修改历史", cause);
}

static char *describe(struct store *st, const struct step *steps, size_t n);

static enum err
replay(struct store *st, int undo, char **what, char **cause)
{
    const char *verb = undo ? "撤销" : "重做";
    struct step *steps = NULL;
    sqlite3_stmt *s;
    size_t n = 0, k;
    long long action;
    char *text = NULL;
    enum err e;

    if (what != NULL)
        *what = NULL;
    if (!sqlite3_get_autocommit(st->db)) {
        *cause = xasprintf("还有未完成的修改，现在不能%s", verb);
        return ERR_INPUT;
    }
    if ((e = store_begin(st, cause)) != ERR_OK)
        return e;
    if ((e = pick_action(st, undo, &action, cause)) != ERR_OK)
        goto fail;
    if (action == 0) {
        *cause = xasprintf("没有可以%s的修改", verb);
        e = ERR_NOTFOUND;
        goto fail;
    }
    if ((e = action_steps(st, action, &steps, &n, cause)) != ERR_OK)
        goto fail;
    if (what != NULL)
        text = describe(st, steps, n);
    for (k = 0; k < n && e == ERR_OK; k++)
        e = step_run(st, action, &steps[undo ? n - 1 - k : k], undo, verb, cause);
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
    if (what != NULL)
        *what = text;
    return ERR_OK;
fail:
    store_rollback(st);
    steps_free(steps, n);
    free(text);
    return e;
}

enum err
store_undo(struct store *st, char **what, char **cause)
{
    return replay(st, 1, what, cause);
}

enum err
store_redo(struct store *st, char **what, char **cause)
{
    return replay(st, 0, what, cause);
}

static int
has_state(struct store *st, int state)
{
    sqlite3_stmt *s;
    char *cause = NULL;
    int rc;

    if (st == NULL)
        return 0;    /* no workbook open yet: the hint line asks all the same */
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

/*
 * The description of an action for the message line. Labels come from the built-in forms and
 * factor library, loaded on first use; without them the keys stand in.
 */

static void
labels_load(struct store *st)
{
    char *cause = NULL;

    if (st->forms == NULL && forms_load(&st->forms, &cause) != ERR_OK) {
        free(cause);
        cause = NULL;
        st->forms = NULL;
    }
    if (st->lib == NULL && factors_load(&st->lib, &cause) != ERR_OK) {
        free(cause);
        st->lib = NULL;
    }
}

static const char *
field_label(struct store *st, const char *form, const char *key)
{
    const struct form_def *f = st->forms != NULL ? forms_get(st->forms, form) : NULL;
    const struct field_def *fd = f != NULL ? forms_field(f, key) : NULL;

    return fd != NULL ? fd->zh : key;
}

static const struct source_def *
source_of(struct store *st, const char *id)
{
    return st->lib != NULL ? factors_source(st->lib, id) : NULL;
}

static char *
entry_name(struct store *st, const char *source, const char *facility)
{
    const struct source_def *src = source_of(st, source);
    const char *name = src != NULL ? src->zh : source;

    return facility[0] != '\0' ? xasprintf("%s（%s）", name, facility) : xstrdup(name);
}

/* The name of entry id: from the action's own images, else from the workbook. */
static char *
entry_name_by_id(struct store *st, const struct step *steps, size_t n, long long id)
{
    sqlite3_stmt *s;
    struct store_img im;
    char *name = NULL, *cause = NULL;
    size_t i;
    long long rowid;

    for (i = 0; i < n && name == NULL; i++) {
        const char *image = steps[i].before != NULL ? steps[i].before : steps[i].after;

        if (strcmp(steps[i].e.tbl, "inventory") != 0 || image == NULL
            || store_img_parse(image, &im) != 0)
            continue;
        if (store_img_rowid(&im, &store_tbls[STORE_T_INVENTORY], &rowid) && rowid == id)
            name = entry_name(st, store_img_text(&im, "source"), store_img_text(&im, "facility"));
        store_img_free(&im);
    }
    if (name == NULL
        && store_prepare(st, "SELECT source, facility FROM inventory WHERE id = ?", &s, &cause)
               == ERR_OK) {
        sqlite3_bind_int64(s, 1, id);
        if (sqlite3_step(s) == SQLITE_ROW)
            name = entry_name(st, (const char *)sqlite3_column_text(s, 0),
                              (const char *)sqlite3_column_text(s, 1));
        store_release(st, s);
    }
    free(cause);
    return name != NULL ? name : xasprintf("排放源 %lld", id);
}

static const char *
or_empty(const char *s)
{
    return s != NULL && s[0] != '\0' ? s : "（空）";
}

static char *
value_text(const struct store_img *im, const char *num_key, const char *unit_key)
{
    char num[40];

    if (im->n == 0)
        return xstrdup("（空）");
    store_num_text(store_img_num(im, num_key), num, sizeof(num));
    return xasprintf("%s %s", num, store_img_text(im, unit_key));
}

static char *
describe_inventory(struct store *st, const struct store_img *b, const struct store_img *a)
{
    static const char *const cols[] = {"facility", "location", "note"};
    struct strbuf sb = {0};
    char *name;
    size_t i;

    if (b->n == 0 || a->n == 0) {
        name = entry_name(st, store_img_text(b->n > 0 ? b : a, "source"),
                          store_img_text(b->n > 0 ? b : a, "facility"));
        sb_printf(&sb, "%s排放源 %s", b->n == 0 ? "添加" : "删除", name);
        free(name);
        return sb_take(&sb);
    }
    if (strcmp(store_img_text(b, "source"), store_img_text(a, "source")) != 0) {
        const struct source_def *was = source_of(st, store_img_text(b, "source"));
        const struct source_def *is = source_of(st, store_img_text(a, "source"));

        sb_printf(&sb, "%s：%s → %s", field_label(st, "A.3", "source"),
                  was != NULL ? was->zh : store_img_text(b, "source"),
                  is != NULL ? is->zh : store_img_text(a, "source"));
    }
    name = entry_name(st, store_img_text(b, "source"), store_img_text(b, "facility"));
    for (i = 0; i < nitems(cols); i++)
        if (strcmp(store_img_text(b, cols[i]), store_img_text(a, cols[i])) != 0)
            sb_printf(&sb, "%s%s %s：%s → %s", sb.len > 0 ? "；" : "", name,
                      field_label(st, "A.3", cols[i]), or_empty(store_img_text(b, cols[i])),
                      or_empty(store_img_text(a, cols[i])));
    free(name);
    return sb.len > 0 ? sb_take(&sb) : xstrdup("修改排放源");
}

static char *
describe_activity(struct store *st, const struct step *steps, size_t n, const struct store_img *b,
                  const struct store_img *a)
{
    static const char *const cols[] = {"data_source", "note"};
    const struct store_img *any = b->n > 0 ? b : a;
    const struct store_img_val *v = store_img_get(any, "inventory_id");
    char *name = entry_name_by_id(st, steps, n, v != NULL ? v->i : 0);
    char *vb = value_text(b, "quantity", "unit"), *va = value_text(a, "quantity", "unit"), *out;
    struct strbuf sb = {0};
    size_t i;

    if (strcmp(vb, va) != 0 || b->n == 0 || a->n == 0) {
        out = xasprintf("%s %s：%s → %s", name, store_img_text(any, "period"), vb, va);
    } else {
        for (i = 0; i < nitems(cols); i++)
            if (strcmp(store_img_text(b, cols[i]), store_img_text(a, cols[i])) != 0)
                sb_printf(&sb, "%s%s %s %s：%s → %s", sb.len > 0 ? "；" : "", name,
                          store_img_text(any, "period"), field_label(st, "A.5", cols[i]),
                          or_empty(store_img_text(b, cols[i])),
                          or_empty(store_img_text(a, cols[i])));
        out = sb.len > 0 ? sb_take(&sb) : xasprintf("%s %s", name, store_img_text(any, "period"));
    }
    free(name);
    free(vb);
    free(va);
    return out;
}

static char *
describe_factor(struct store *st, const struct store_img *b, const struct store_img *a)
{
    const struct store_img *any = b->n > 0 ? b : a;
    const struct source_def *src = source_of(st, store_img_text(any, "source"));
    const char *name = src != NULL ? src->zh : store_img_text(any, "source");
    char ob[40], nb[40], unit[64];

    if (b->n == 0 || a->n == 0)
        return xasprintf("%s %s 排放因子", b->n == 0 ? "添加" : "删除", name);
    if (store_img_num(b, "value") == store_img_num(a, "value"))
        return xasprintf("%s 排放因子来源：%s → %s", name, store_img_text(b, "source_text"),
                         store_img_text(a, "source_text"));
    store_num_text(store_img_num(b, "value"), ob, sizeof(ob));
    store_num_text(store_img_num(a, "value"), nb, sizeof(nb));
    if (src != NULL)
        factors_unit_text(src, store_img_text(a, "unit"), unit, sizeof(unit));
    else
        snprintf(unit, sizeof(unit), "/%s", store_img_text(a, "unit"));
    return xasprintf("%s 排放因子：%s → %s %s", name, ob, nb, unit);
}

static char *
describe_step(struct store *st, const struct step *steps, size_t n, const struct step *p)
{
    const struct store_log_entry *l = &p->e;
    struct store_img b = {0}, a = {0};
    char *out;

    if (strcmp(l->tbl, "unit_info") == 0 || strcmp(l->tbl, "year_info") == 0)
        return xasprintf("%s：%s → %s", field_label(st, "A.1", l->field), or_empty(l->old_value),
                         or_empty(l->new_value));
    if (strcmp(l->tbl, "years") == 0) {
        if (l->old_value == NULL || l->new_value == NULL)
            return xasprintf("%s %s 年度", l->old_value == NULL ? "添加" : "删除", l->row);
        return xasprintf("%s 年度%s：%s → %s", l->row,
                         strcmp(l->field, "gwp_set") == 0 ? " GWP 版本" : "电力因子地区",
                         l->old_value, l->new_value);
    }
    if ((p->before != NULL && store_img_parse(p->before, &b) != 0)
        || (p->after != NULL && store_img_parse(p->after, &a) != 0))
        out = xasprintf("%s %s", l->tbl, l->row);
    else if (strcmp(l->tbl, "inventory") == 0)
        out = describe_inventory(st, &b, &a);
    else if (strcmp(l->tbl, "activity") == 0)
        out = describe_activity(st, steps, n, &b, &a);
    else
        out = describe_factor(st, &b, &a);
    store_img_free(&b);
    store_img_free(&a);
    return out;
}

/* The prefix of an activity summary row ("12/2024-03") naming its entry. */
static int
same_entry(const char *row_a, const char *row_b)
{
    size_t la = strcspn(row_a, "/"), lb = strcspn(row_b, "/");

    return la == lb && strncmp(row_a, row_b, la) == 0;
}

/* What a mixed action did, counted: "批量修改：年度 2 个、排放源 40 个、活动数据 480 条". */
static char *
describe_counts(const size_t cnt[STORE_T__COUNT], size_t new_years)
{
    const struct {
        const char *what, *unit;
        size_t n;
    } parts[] = {
        {"年度", "个", new_years},
        {"年度设置", "项", cnt[STORE_T_YEARS] - new_years},
        {"基本信息", "项", cnt[STORE_T_UNIT_INFO] + cnt[STORE_T_YEAR_INFO]},
        {"排放源", "个", cnt[STORE_T_INVENTORY]},
        {"活动数据", "条", cnt[STORE_T_ACTIVITY]},
        {"排放因子", "个", new_years > 0 ? 0 : cnt[STORE_T_FACTORS]},  /* a new year's: implied */
    };
    struct strbuf sb = {0};
    size_t i;

    sb_append(&sb, "批量修改：");
    for (i = 0; i < nitems(parts); i++)
        if (parts[i].n > 0)
            sb_printf(&sb, "%s%s %zu %s", sb.len > strlen("批量修改：") ? "、" : "", parts[i].what,
                      parts[i].n, parts[i].unit);
    return sb_take(&sb);
}

static char *
describe(struct store *st, const struct step *steps, size_t n)
{
    size_t cnt[STORE_T__COUNT] = {0}, i, new_years = 0, ents = 0, acts = 0, ent = n, year = n;
    int one_entry = 1;
    char *first, *out, *name;

    if (n == 0)
        return xstrdup("空修改");    /* its log rows were removed behind tanbook's back */
    labels_load(st);
    for (i = 0; i < n; i++) {
        const struct step *p = &steps[i];
        const struct store_tbl *t = store_tbl_find(p->e.tbl);

        if (t == NULL)
            continue;
        cnt[t - store_tbls]++;
        if (t - store_tbls == STORE_T_YEARS) {
            year = year < n ? year : i;
            new_years += p->before == NULL;
        } else if (t - store_tbls == STORE_T_INVENTORY && p->after == NULL && ents++ == 0) {
            ent = i;
        } else if (t - store_tbls == STORE_T_ACTIVITY && p->after == NULL) {
            acts++;
            one_entry = one_entry && same_entry(p->e.row, steps[0].e.row);
        }
    }
    /* a new year, a new grid area or GWP set: with the factors pinned for it */
    if (n == 1 || (year < n && new_years <= 1 && cnt[STORE_T_YEARS] + cnt[STORE_T_FACTORS] == n))
        return describe_step(st, steps, n, &steps[year < n ? year : 0]);
    if (new_years > 1 && cnt[STORE_T_YEARS] + cnt[STORE_T_FACTORS] == n)
        return xasprintf("添加 %zu 个年度", new_years);
    if (ents == 1 && ents + acts == n) {
        first = describe_step(st, steps, n, &steps[ent]);
        if (acts == 0)
            return first;
        out = xasprintf("%s及其 %zu 条活动数据", first, acts);
        free(first);
        return out;
    }
    if (ents > 1 && ents + acts == n)
        return xasprintf("删除 %zu 个排放源及其 %zu 条活动数据", ents, acts);
    if (acts == n && one_entry) {
        name = entry_name_by_id(st, steps, n, strtoll(steps[0].e.row, NULL, 10));
        out = xasprintf("删除 %s 的 %zu 条活动数据", name, acts);
        free(name);
        return out;
    }
    if (acts == n)
        return xasprintf("删除 %zu 条活动数据", acts);
    return describe_counts(cnt, new_years);
}
