/*
 * store_assess.c - what assessors enter for the evaluations (schema version 8): one row per year,
 * evaluation and item, replaced when entered again and deleted when cleared; logged writes (one
 * action each, undone like any other edit) and the reading of all of them into the plan,
 * refusing what no tanbook writes.
 */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "base/xmem.h"

/* The first schema version with the assessment table. */
#define ASSESS_VERSION 8

static const char *
str(const char *s)
{
    return s != NULL ? s : "";
}

/* "2.2.1 = 3", what the log shows of an entry. */
static char *
summary(const struct wb_assessment *a)
{
    return a->has_value ? xasprintf("%s %s = %g", a->eval, a->code, a->value)
                        : xasprintf("%s %s", a->eval, a->code);
}

/* What assess_put writes: a, or (clear) the taking away of a's row. */
struct assess_arg {
    const struct wb_assessment *a;
    int clear;
};

static enum err
assess_put(struct store *st, void *arg, char **cause)
{
    const struct wb_assessment *a = ((struct assess_arg *)arg)->a;
    int clear = ((struct assess_arg *)arg)->clear;
    struct store_change c = {.tbl = "assessment", .field = a->code};
    sqlite3_stmt *s;
    char *old = NULL, *row = NULL, *new_value = NULL;
    long long rowid = 0;
    enum err e;
    int rc;

    if ((e = store_prepare(st, "SELECT id, eval || ' ' || code || coalesce(' = ' || value, '') "
                               "FROM assessment WHERE year = ?1 AND eval = ?2 AND code = ?3", &s,
                           cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, a->year);
    store_bind_text(s, 2, a->eval);
    store_bind_text(s, 3, a->code);
    if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        rowid = sqlite3_column_int64(s, 0);
        old = store_column_dup(s, 1);
    }
    store_release(st, s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, rc, "读取评价记录", cause);
    if (clear && old == NULL)
        return ERR_OK;      /* nothing to clear */
    if (clear)
        e = store_prepare(st, "DELETE FROM assessment WHERE id = ?11", &s, cause);
    else if (old != NULL)
        e = store_prepare(st, "UPDATE assessment SET value = ?4, note = ?5, evidence = ?6, "
                              "evidence_file = ?7, evidence_sha256 = ?8, assessor = ?9, set_at = "
                              "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?11", &s, cause);
    else
        e = store_prepare(st, "INSERT INTO assessment (year, eval, code, value, note, evidence, "
                              "evidence_file, evidence_sha256, assessor, set_at) VALUES (?1, ?2, "
                              "?3, ?4, ?5, ?6, ?7, ?8, ?9, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                          &s, cause);
    if (e != ERR_OK)
        goto out;
    if (!clear) {
        sqlite3_bind_int(s, 1, a->year);
        store_bind_text(s, 2, a->eval);
        store_bind_text(s, 3, a->code);
        if (a->has_value)
            sqlite3_bind_double(s, 4, a->value);
        else
            sqlite3_bind_null(s, 4);
        store_bind_text(s, 5, str(a->note));
        store_bind_text(s, 6, str(a->ev.ref));
        store_bind_text(s, 7, str(a->ev.file));
        store_bind_text(s, 8, str(a->ev.sha256));
        store_bind_text(s, 9, str(a->assessor));
    }
    if (old != NULL)
        sqlite3_bind_int64(s, 11, rowid);
    c.rowid = old != NULL ? rowid : 0;
    c.gone = clear;
    c.row = row = xasprintf("assessment/%d", a->year);
    c.old = old;
    c.new_value = clear ? NULL : (new_value = summary(a));
    e = store_record(st, &c, s, "保存评价记录", cause);
out:
    free(row);
    free(old);
    free(new_value);
    return e;
}

enum err
store_assessment_put(struct store *st, const struct wb_assessment *a, int clear, char **cause)
{
    struct assess_arg arg = {a, clear};

    return store_write_run(st, assess_put, &arg, cause);
}

enum err
store_load_assessments(struct store *st, struct wb_plan *p, char **cause)
{
    sqlite3_stmt *s;
    enum err e;
    int rc;

    if (st->opened_version < ASSESS_VERSION && st->readonly)
        return ERR_OK;      /* an older workbook read as it is: no assessment yet */
    if ((e = store_prepare(st, "SELECT id, year, eval, code, value, note, evidence, evidence_file, "
                               "evidence_sha256, assessor, set_at FROM assessment ORDER BY year, "
                               "eval, code", &s, cause)) != ERR_OK)
        return e;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct wb_assessment a = {.id = sqlite3_column_int64(s, 0)};
        char *why = NULL;

        a.year = sqlite3_column_int(s, 1);
        a.eval = store_column_dup(s, 2);
        a.code = store_column_dup(s, 3);
        a.has_value = sqlite3_column_type(s, 4) != SQLITE_NULL;
        a.value = sqlite3_column_double(s, 4);
        a.note = store_column_dup(s, 5);
        a.ev.ref = store_column_dup(s, 6);
        a.ev.file = store_column_dup(s, 7);
        a.ev.sha256 = store_column_dup(s, 8);
        a.assessor = store_column_dup(s, 9);
        a.at = store_column_dup(s, 10);
        if ((a.has_value && sqlite3_column_type(s, 4) != SQLITE_FLOAT)
            || plan_assessment_valid(&a, LANG_ZH, &why) != ERR_OK) {
            long long id = a.id;

            plan_assessment_free(&a);
            store_release(st, s);
            *cause = xasprintf("工作簿的评价记录（第 %lld 行）含有碳账本不会写入的值（%s），为安全起见不予打开",
                               id, why != NULL ? why : "数值");
            free(why);
            return ERR_CORRUPT;
        }
        p->assessments = xrealloc(p->assessments, (p->nassessments + 1) * sizeof *p->assessments);
        p->assessments[p->nassessments++] = a;
    }
    store_release(st, s);
    return rc == SQLITE_DONE ? ERR_OK : store_fail(st, rc, "读取评价记录", cause);
}
