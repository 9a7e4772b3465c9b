/*
 * store_plan.c - the workbook's plan (schema version 6): the settings of the base period, kept
 * one row each so that their history stays, the targets and the measures plan; logged writes
 * (one action each, undone like any other) and the reading of all of it, refusing what no
 * tanbook writes.
 */
#include "store/store.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "base/period.h"
#include "base/xmem.h"

/* The first schema version with the plan's tables. */
#define PLAN_VERSION 6

static int
has_plan(const struct store *st)
{
    return st->opened_version >= PLAN_VERSION || !st->readonly;
}

static enum err
base_set(struct store *st, void *arg, char **cause)
{
    const struct wb_base *b = arg;
    struct store_change c = {.tbl = "base_period", .row = "base", .field = "base"};
    sqlite3_stmt *s;
    char *years = NULL, *old = NULL;
    enum err e;
    int rc;

    if ((e = store_prepare(st, "SELECT kind, years, moving_n FROM base_period ORDER BY id DESC "
                               "LIMIT 1", &s, cause)) != ERR_OK)
        return e;
    if ((rc = sqlite3_step(s)) == SQLITE_ROW)
        old = sqlite3_column_int(s, 0) == BASE_MOVING
                  ? xasprintf("moving:%d", sqlite3_column_int(s, 2))
                  : store_column_dup(s, 1);
    store_release(st, s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, rc, "读取碳基准", cause);
    if ((e = store_prepare(st, "INSERT INTO base_period (kind, years, moving_n, reason, set_at) "
                               "VALUES (?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))", &s,
                           cause)) != ERR_OK)
        goto out;
    years = b->kind == BASE_MOVING ? xstrdup("") : plan_base_text(b);
    sqlite3_bind_int(s, 1, (int)b->kind);
    store_bind_text(s, 2, years);
    sqlite3_bind_int(s, 3, b->kind == BASE_MOVING ? b->moving_n : 0);
    store_bind_text(s, 4, b->reason != NULL ? b->reason : "");
    c.old = old;
    free(years);
    years = plan_base_text(b);
    c.new_value = years;
    e = store_record(st, &c, s, "保存碳基准", cause);
out:
    free(years);
    free(old);
    return e;
}

enum err
store_base_set(struct store *st, const struct wb_base *b, char **cause)
{
    struct wb_base copy = *b;     /* base_set only reads it; the bracket's arg is not const */

    return store_write_run(st, base_set, &copy, cause);
}

/* "intensity 2025 −7 %", what the log shows of a target. */
static char *
target_summary(const struct wb_target *t)
{
    const char *kind = t->kind == TARGET_RATE ? "-" : t->kind == TARGET_CAP ? "<=" : "-";

    return xasprintf("%s %d %s%g%%%s", plan_param_id(t->param), t->target_year, kind, t->value,
                     t->kind == TARGET_RATE ? "/a" : "");
}

static enum err
target_put(struct store *st, void *arg, char **cause)
{
    struct wb_target *t = arg;
    struct store_change c = {.tbl = "target", .field = "target"};
    sqlite3_stmt *s;
    char *row = NULL, *old = NULL, *new_value = NULL;
    enum err e;
    int rc;

    if (t->id != 0) {
        if ((e = store_prepare(st, "SELECT parameter, target_year, kind, value FROM target "
                                   "WHERE id = ?", &s, cause)) != ERR_OK)
            return e;
        sqlite3_bind_int64(s, 1, t->id);
        if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            struct wb_target was = {.target_year = sqlite3_column_int(s, 1),
                                    .kind = (enum target_kind)sqlite3_column_int(s, 2),
                                    .value = sqlite3_column_double(s, 3)};
            int p = plan_param_find((const char *)sqlite3_column_text(s, 0));

            was.param = p >= 0 ? (enum plan_param)p : PARAM_TOTAL;
            old = target_summary(&was);
        }
        store_release(st, s);
        if (rc != SQLITE_ROW) {
            *cause = xasprintf("目标 %lld 已不存在", t->id);
            return rc == SQLITE_DONE ? ERR_NOTFOUND : store_fail(st, rc, "读取目标", cause);
        }
        e = store_prepare(st, "UPDATE target SET parameter = ?1, base = ?2, target_year = ?3, "
                              "kind = ?4, value = ?5, preset = ?6, note = ?7 WHERE id = ?8", &s,
                          cause);
    } else {
        e = store_prepare(st, "INSERT INTO target (parameter, base, target_year, kind, value, "
                              "preset, note, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                              "(SELECT coalesce(max(position), 0) + 1 FROM target))", &s, cause);
    }
    if (e != ERR_OK)
        goto out;
    store_bind_text(s, 1, plan_param_id(t->param));
    store_bind_text(s, 2, t->base);
    sqlite3_bind_int(s, 3, t->target_year);
    sqlite3_bind_int(s, 4, (int)t->kind);
    sqlite3_bind_double(s, 5, t->value);
    store_bind_text(s, 6, t->preset);
    store_bind_text(s, 7, t->note != NULL ? t->note : "");
    if (t->id != 0)
        sqlite3_bind_int64(s, 8, t->id);
    c.rowid = t->id;
    c.row = row = t->id != 0 ? xasprintf("target/%lld", t->id) : xstrdup("target");
    c.old = old;
    c.new_value = new_value = target_summary(t);
    if ((e = store_record(st, &c, s, "保存目标", cause)) == ERR_OK)
        t->id = c.rowid;
out:
    free(row);
    free(old);
    free(new_value);
    return e;
}

enum err
store_target_put(struct store *st, struct wb_target *t, char **cause)
{
    /* what the loading would refuse is never written: the workbook would no longer open */
    if (plan_target_valid(t, LANG_ZH, cause) != ERR_OK)
        return ERR_INPUT;
    return store_write_run(st, target_put, t, cause);
}

static enum err
measure_put(struct store *st, void *arg, char **cause)
{
    struct wb_measure *m = arg;
    struct store_change c = {.tbl = "measure", .field = "measure"};
    sqlite3_stmt *s;
    char *row = NULL, *old = NULL;
    enum err e;
    int rc;

    if (m->id != 0) {
        if ((e = store_prepare(st, "SELECT name FROM measure WHERE id = ?", &s, cause)) != ERR_OK)
            return e;
        sqlite3_bind_int64(s, 1, m->id);
        if ((rc = sqlite3_step(s)) == SQLITE_ROW)
            old = store_column_dup(s, 0);
        store_release(st, s);
        if (rc != SQLITE_ROW) {
            *cause = xasprintf("措施 %lld 已不存在", m->id);
            return rc == SQLITE_DONE ? ERR_NOTFOUND : store_fail(st, rc, "读取措施", cause);
        }
        e = store_prepare(st, "UPDATE measure SET catalog = ?1, name = ?2, resources = ?3, "
                              "owner = ?4, due = ?5, evaluation = ?6, expected_tco2e = ?7, "
                              "note = ?8 WHERE id = ?9", &s, cause);
    } else {
        e = store_prepare(st, "INSERT INTO measure (catalog, name, resources, owner, due, "
                              "evaluation, expected_tco2e, note, position) VALUES (?1, ?2, ?3, "
                              "?4, ?5, ?6, ?7, ?8, (SELECT coalesce(max(position), 0) + 1 FROM "
                              "measure))", &s, cause);
    }
    if (e != ERR_OK)
        goto out;
    sqlite3_bind_int(s, 1, m->catalog);
    store_bind_text(s, 2, m->name != NULL ? m->name : "");
    store_bind_text(s, 3, m->resources != NULL ? m->resources : "");
    store_bind_text(s, 4, m->owner != NULL ? m->owner : "");
    store_bind_text(s, 5, m->due != NULL ? m->due : "");
    store_bind_text(s, 6, m->evaluation != NULL ? m->evaluation : "");
    if (m->has_expected)
        sqlite3_bind_double(s, 7, m->expected_tco2e);
    else
        sqlite3_bind_null(s, 7);
    store_bind_text(s, 8, m->note != NULL ? m->note : "");
    if (m->id != 0)
        sqlite3_bind_int64(s, 9, m->id);
    c.rowid = m->id;
    c.row = row = m->id != 0 ? xasprintf("measure/%lld", m->id) : xstrdup("measure");
    c.old = old;
    c.new_value = m->name != NULL ? m->name : "";
    if ((e = store_record(st, &c, s, "保存措施", cause)) == ERR_OK)
        m->id = c.rowid;
out:
    free(row);
    free(old);
    return e;
}

enum err
store_measure_put(struct store *st, struct wb_measure *m, char **cause)
{
    return store_write_run(st, measure_put, m, cause);
}

/* Deletes row id of tbl ("target" or "measure"), logged as the row's name. */
static enum err
plan_delete(struct store *st, const char *tbl, long long id, char **cause)
{
    struct store_change c = {.tbl = tbl, .field = tbl, .rowid = id, .gone = 1};
    sqlite3_stmt *s;
    char *row;
    enum err e;
    int rc, target = strcmp(tbl, "target") == 0;

    if ((e = store_prepare(st, target ? "SELECT count(*) FROM target WHERE id = ?"
                                      : "SELECT count(*) FROM measure WHERE id = ?", &s,
                           cause)) != ERR_OK)
        return e;
    sqlite3_bind_int64(s, 1, id);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && sqlite3_column_int(s, 0) == 0)
        rc = SQLITE_DONE;
    store_release(st, s);
    if (rc != SQLITE_ROW) {
        *cause = xasprintf(target ? "目标 %lld 已不存在" : "措施 %lld 已不存在", id);
        return rc == SQLITE_DONE ? ERR_NOTFOUND : store_fail(st, rc, "读取计划", cause);
    }
    if ((e = store_prepare(st, target ? "DELETE FROM target WHERE id = ?"
                                      : "DELETE FROM measure WHERE id = ?", &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int64(s, 1, id);
    c.row = row = xasprintf("%s/%lld", tbl, id);
    c.old = tbl;
    e = store_record(st, &c, s, target ? "删除目标" : "删除措施", cause);
    free(row);
    return e;
}

enum err
store_plan_delete(struct store *st, const char *tbl, long long id, char **cause)
{
    struct store_write w;
    enum err e;

    if (strcmp(tbl, "target") != 0 && strcmp(tbl, "measure") != 0) {
        *cause = xasprintf("没有可删除的“%s”", tbl);
        return ERR_USAGE;
    }
    if ((e = store_write_begin(st, &w, cause)) != ERR_OK)
        return e;
    return store_write_end(st, &w, plan_delete(st, tbl, id, cause), cause);
}

/* ERR_CORRUPT naming what of the plan no tanbook writes. */
static enum err
corrupt(const char *what, long long id, char **cause)
{
    *cause = xasprintf("工作簿的%s（第 %lld 行）含有碳账本不会写入的值，为安全起见不予打开", what, id);
    return ERR_CORRUPT;
}

static enum err
load_bases(struct store *st, struct wb_plan *p, char **cause)
{
    sqlite3_stmt *s;
    enum err e;
    int rc;

    if ((e = store_prepare(st, "SELECT id, kind, years, moving_n, reason, set_at FROM base_period "
                               "ORDER BY id", &s, cause)) != ERR_OK)
        return e;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct wb_base b = {.id = sqlite3_column_int64(s, 0)};
        int kind = sqlite3_column_int(s, 1), n = sqlite3_column_int(s, 3);
        char *why = NULL;

        if (kind == BASE_MOVING) {
            char *text = xasprintf("moving:%d", n);

            e = plan_base_parse(text, LANG_ZH, &b, &why);
            free(text);
        } else {
            e = plan_base_parse((const char *)sqlite3_column_text(s, 2), LANG_ZH, &b, &why);
            if (e == ERR_OK && (int)b.kind != kind && !(kind == BASE_AVERAGE && b.nyears > 1))
                e = ERR_CORRUPT;
        }
        free(why);
        if (e != ERR_OK) {
            store_release(st, s);
            return corrupt("碳基准", b.id, cause);
        }
        b.reason = store_column_dup(s, 4);
        b.at = store_column_dup(s, 5);
        p->bases = xrealloc(p->bases, (p->nbases + 1) * sizeof *p->bases);
        p->bases[p->nbases++] = b;
    }
    store_release(st, s);
    return rc == SQLITE_DONE ? ERR_OK : store_fail(st, rc, "读取碳基准", cause);
}

static enum err
load_targets(struct store *st, struct wb_plan *p, char **cause)
{
    sqlite3_stmt *s;
    enum err e;
    int rc;

    if ((e = store_prepare(st, "SELECT id, parameter, base, target_year, kind, value, preset, "
                               "note FROM target ORDER BY position, id", &s, cause)) != ERR_OK)
        return e;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct wb_target t = {.id = sqlite3_column_int64(s, 0)};
        struct wb_base b;
        int param = plan_param_find((const char *)sqlite3_column_text(s, 1));
        char *why = NULL;

        t.base = store_column_dup(s, 2);
        t.target_year = sqlite3_column_int(s, 3);
        t.kind = (enum target_kind)sqlite3_column_int(s, 4);
        t.value = sqlite3_column_double(s, 5);
        t.preset = store_column_dup(s, 6);
        t.note = store_column_dup(s, 7);
        t.param = param >= 0 ? (enum plan_param)param : PARAM__COUNT;
        if (sqlite3_column_type(s, 5) != SQLITE_FLOAT
            || plan_target_valid(&t, LANG_ZH, &why) != ERR_OK
            || (t.base != NULL && plan_base_parse(t.base, LANG_ZH, &b, &why) != ERR_OK)) {
            long long id = t.id;

            free(why);
            plan_target_free(&t);
            store_release(st, s);
            return corrupt("目标", id, cause);
        }
        p->targets = xrealloc(p->targets, (p->ntargets + 1) * sizeof *p->targets);
        p->targets[p->ntargets++] = t;
    }
    store_release(st, s);
    return rc == SQLITE_DONE ? ERR_OK : store_fail(st, rc, "读取目标", cause);
}

static enum err
load_measures(struct store *st, struct wb_plan *p, char **cause)
{
    sqlite3_stmt *s;
    enum err e;
    int rc;

    if ((e = store_prepare(st, "SELECT id, catalog, name, resources, owner, due, evaluation, "
                               "expected_tco2e, note FROM measure ORDER BY position, id", &s,
                           cause)) != ERR_OK)
        return e;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct wb_measure m = {.id = sqlite3_column_int64(s, 0)};

        m.catalog = sqlite3_column_int(s, 1);
        m.name = store_column_dup(s, 2);
        m.resources = store_column_dup(s, 3);
        m.owner = store_column_dup(s, 4);
        m.due = store_column_dup(s, 5);
        m.evaluation = store_column_dup(s, 6);
        m.note = store_column_dup(s, 8);
        if (sqlite3_column_type(s, 7) != SQLITE_NULL) {
            m.has_expected = 1;
            m.expected_tco2e = sqlite3_column_double(s, 7);
        }
        if (m.catalog < 0 || m.catalog > 1000
            || (m.has_expected && (sqlite3_column_type(s, 7) != SQLITE_FLOAT
                                   || !isfinite(m.expected_tco2e) || m.expected_tco2e < 0
                                   || m.expected_tco2e > STORE_QUANTITY_MAX))) {
            long long id = m.id;

            plan_measure_free(&m);
            store_release(st, s);
            return corrupt("减排措施", id, cause);
        }
        p->measures = xrealloc(p->measures, (p->nmeasures + 1) * sizeof *p->measures);
        p->measures[p->nmeasures++] = m;
    }
    store_release(st, s);
    return rc == SQLITE_DONE ? ERR_OK : store_fail(st, rc, "读取减排措施", cause);
}

enum err
store_load_plan(struct store *st, struct wb_plan *p, char **cause)
{
    enum err e;

    memset(p, 0, sizeof *p);
    if (has_plan(st)) {   /* else an older workbook read as it is: no plan yet */
        if ((e = load_bases(st, p, cause)) != ERR_OK || (e = load_targets(st, p, cause)) != ERR_OK
            || (e = load_measures(st, p, cause)) != ERR_OK)
            goto out;
    }
    if ((e = store_load_claims(st, p, cause)) == ERR_OK)
        e = store_load_assessments(st, p, cause);
out:
    if (e != ERR_OK)
        plan_free(p);
    return e;
}
