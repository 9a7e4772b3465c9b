/*
 * store_neutral.c - what a workbook claims toward carbon neutrality (schema version 7): the
 * offsets claimed for each year, the on-site renewables and green power bought, and the texts of
 * the 碳中和计划 and of each year's statement; logged writes (one action each, or one for a whole
 * import) and the reading of all of it into the plan, refusing what no tanbook writes.
 */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "base/period.h"
#include "base/text.h"
#include "base/xmem.h"
#include "core/neutral.h"

/* The first schema version with the claims' tables. */
#define NEUTRAL_VERSION 7

#define OFFSET_COLS                                                                              \
    "year, type, project, serial, registered, vintage, quantity_tco2e, quantity_mwh, cancelled, " \
    "proof, used_elsewhere, registry, location, area_ha, species, period, disclosure, evidence, " \
    "evidence_file, evidence_sha256, note"

static const char *
str(const char *s)
{
    return s != NULL ? s : "";
}

/* "CCER 2024 50 tCO₂e", what the log shows of an offset. */
static char *
offset_summary(const struct wb_offset *o)
{
    return xasprintf("%s %d %s %g", neutral_type_id(o->type), o->year, str(o->serial),
                     o->quantity_tco2e);
}

static void
bind_offset(sqlite3_stmt *s, const struct wb_offset *o)
{
    sqlite3_bind_int(s, 1, o->year);
    store_bind_text(s, 2, neutral_type_id(o->type));
    store_bind_text(s, 3, str(o->project));
    store_bind_text(s, 4, str(o->serial));
    store_bind_text(s, 5, str(o->registered));
    sqlite3_bind_int(s, 6, o->vintage);
    sqlite3_bind_double(s, 7, o->quantity_tco2e);
    sqlite3_bind_double(s, 8, o->quantity_mwh);
    store_bind_text(s, 9, str(o->cancelled));
    store_bind_text(s, 10, str(o->proof));
    sqlite3_bind_int(s, 11, o->used_elsewhere != 0);
    store_bind_text(s, 12, str(o->registry));
    store_bind_text(s, 13, str(o->location));
    sqlite3_bind_double(s, 14, o->area_ha);
    store_bind_text(s, 15, str(o->species));
    store_bind_text(s, 16, str(o->period));
    store_bind_text(s, 17, str(o->disclosure));
    store_bind_text(s, 18, str(o->ev.ref));
    store_bind_text(s, 19, str(o->ev.file));
    store_bind_text(s, 20, str(o->ev.sha256));
    store_bind_text(s, 21, str(o->note));
}

/* The summary of row id of tbl as the log shows it, into *old; ERR_NOTFOUND when it is gone. */
static enum err
claim_old(struct store *st, const char *tbl, long long id, char **old, char **cause)
{
    int offset = strcmp(tbl, "offset_claim") == 0;
    sqlite3_stmt *s;
    enum err e;
    int rc;

    if ((e = store_prepare(st, offset ? "SELECT type || ' ' || year || ' ' || serial || ' ' || "
                                        "quantity_tco2e FROM offset_claim WHERE id = ?"
                                      : "SELECT kind || ' ' || period || ' ' || quantity FROM "
                                        "renewable WHERE id = ?", &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int64(s, 1, id);
    if ((rc = sqlite3_step(s)) == SQLITE_ROW)
        *old = store_column_dup(s, 0);
    store_release(st, s);
    if (rc == SQLITE_ROW)
        return ERR_OK;
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "读取记录", cause);
    *cause = xasprintf(offset ? "抵销记录 %lld 已不存在" : "可再生能源记录 %lld 已不存在", id);
    return ERR_NOTFOUND;
}

static enum err
offset_put(struct store *st, void *arg, char **cause)
{
    struct wb_offset *o = arg;
    struct store_change c = {.tbl = "offset_claim", .field = "offset"};
    sqlite3_stmt *s;
    char *row = NULL, *old = NULL, *new_value = NULL;
    enum err e;

    if (o->id != 0) {
        if ((e = claim_old(st, "offset_claim", o->id, &old, cause)) != ERR_OK)
            return e;
        e = store_prepare(st, "UPDATE offset_claim SET (" OFFSET_COLS ") = (?1, ?2, ?3, ?4, ?5, "
                              "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
                              "?20, ?21) WHERE id = ?22", &s, cause);
    } else {
        e = store_prepare(st, "INSERT INTO offset_claim (" OFFSET_COLS ", position) VALUES (?1, "
                              "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
                              "?17, ?18, ?19, ?20, ?21, (SELECT coalesce(max(position), 0) + 1 "
                              "FROM offset_claim))", &s, cause);
    }
    if (e != ERR_OK)
        goto out;
    bind_offset(s, o);
    if (o->id != 0)
        sqlite3_bind_int64(s, 22, o->id);
    c.rowid = o->id;
    c.row = row = o->id != 0 ? xasprintf("offset/%lld", o->id) : xstrdup("offset");
    c.old = old;
    c.new_value = new_value = offset_summary(o);
    if ((e = store_record(st, &c, s, "保存抵销记录", cause)) == ERR_OK)
        o->id = c.rowid;
out:
    free(row);
    free(old);
    free(new_value);
    return e;
}

enum err
store_offset_put(struct store *st, struct wb_offset *o, char **cause)
{
    return store_write_run(st, offset_put, o, cause);
}

enum err
store_offsets_add(struct store *st, struct wb_offset *o, size_t n, char **cause)
{
    struct store_write w;
    enum err e = ERR_OK;
    size_t i;

    if ((e = store_write_begin(st, &w, cause)) != ERR_OK)
        return e;
    for (i = 0; i < n && e == ERR_OK; i++) {
        o[i].id = 0;
        e = offset_put(st, &o[i], cause);
    }
    return store_write_end(st, &w, e, cause);
}

static enum err
renewable_put(struct store *st, void *arg, char **cause)
{
    struct wb_renewable *r = arg;
    struct store_change c = {.tbl = "renewable", .field = "renewable"};
    sqlite3_stmt *s;
    char *row = NULL, *old = NULL, *new_value = NULL;
    enum err e;

    if (r->id != 0) {
        if ((e = claim_old(st, "renewable", r->id, &old, cause)) != ERR_OK)
            return e;
        e = store_prepare(st, "UPDATE renewable SET (year, kind, period, quantity, capacity_kw, "
                              "evidence, evidence_file, evidence_sha256, note) = (?1, ?2, ?3, ?4, "
                              "?5, ?6, ?7, ?8, ?9) WHERE id = ?10", &s, cause);
    } else {
        e = store_prepare(st, "INSERT INTO renewable (year, kind, period, quantity, capacity_kw, "
                              "evidence, evidence_file, evidence_sha256, note) VALUES (?1, ?2, ?3, "
                              "?4, ?5, ?6, ?7, ?8, ?9)", &s, cause);
    }
    if (e != ERR_OK)
        goto out;
    sqlite3_bind_int(s, 1, r->year);
    store_bind_text(s, 2, neutral_renew_id(r->kind));
    store_bind_text(s, 3, str(r->period));
    sqlite3_bind_double(s, 4, r->quantity);
    sqlite3_bind_double(s, 5, r->capacity_kw);
    store_bind_text(s, 6, str(r->ev.ref));
    store_bind_text(s, 7, str(r->ev.file));
    store_bind_text(s, 8, str(r->ev.sha256));
    store_bind_text(s, 9, str(r->note));
    if (r->id != 0)
        sqlite3_bind_int64(s, 10, r->id);
    c.rowid = r->id;
    c.row = row = r->id != 0 ? xasprintf("renewable/%lld", r->id) : xstrdup("renewable");
    c.old = old;
    c.new_value = new_value = xasprintf("%s %s %g", neutral_renew_id(r->kind), str(r->period),
                                        r->quantity);
    if ((e = store_record(st, &c, s, "保存可再生能源记录", cause)) == ERR_OK)
        r->id = c.rowid;
out:
    free(row);
    free(old);
    free(new_value);
    return e;
}

enum err
store_renewable_put(struct store *st, struct wb_renewable *r, char **cause)
{
    return store_write_run(st, renewable_put, r, cause);
}

static enum err
claim_delete(struct store *st, const char *tbl, long long id, char **cause)
{
    int offset = strcmp(tbl, "offset_claim") == 0;
    struct store_change c = {.tbl = tbl, .field = offset ? "offset" : "renewable", .rowid = id,
                             .gone = 1};
    sqlite3_stmt *s;
    char *row, *old = NULL;
    enum err e;

    if ((e = claim_old(st, tbl, id, &old, cause)) != ERR_OK)
        return e;
    if ((e = store_prepare(st, offset ? "DELETE FROM offset_claim WHERE id = ?"
                                      : "DELETE FROM renewable WHERE id = ?", &s, cause))
        != ERR_OK) {
        free(old);
        return e;
    }
    sqlite3_bind_int64(s, 1, id);
    c.row = row = xasprintf("%s/%lld", offset ? "offset" : "renewable", id);
    c.old = old;
    e = store_record(st, &c, s, offset ? "删除抵销记录" : "删除可再生能源记录", cause);
    free(row);
    free(old);
    return e;
}

enum err
store_claim_delete(struct store *st, const char *tbl, long long id, char **cause)
{
    struct store_write w;
    enum err e;

    if (strcmp(tbl, "offset_claim") != 0 && strcmp(tbl, "renewable") != 0) {
        *cause = xasprintf("没有可删除的“%s”", tbl);
        return ERR_USAGE;
    }
    if ((e = store_write_begin(st, &w, cause)) != ERR_OK)
        return e;
    return store_write_end(st, &w, claim_delete(st, tbl, id, cause), cause);
}

/* Whether key is a text of the pledge (year 0) or of a year's statement. */
static int
text_key_ok(int year, const char *key)
{
    struct wb_pledge p = {0};
    struct wb_statement s = {0};

    return year == 0 ? plan_pledge_slot(&p, key) != NULL
                     : period_year_ok(year) && plan_statement_slot(&s, key) != NULL;
}

static enum err
text_set(struct store *st, int year, const char *key, const char *value, char **cause)
{
    struct store_change c = {.tbl = "neutral_text", .field = key};
    sqlite3_stmt *s;
    char *old = NULL, *row = NULL;
    long long rowid = 0;
    int rc, clear = value == NULL || value[0] == '\0';
    enum err e;

    if ((e = store_prepare(st, "SELECT rowid, value FROM neutral_text WHERE year = ?1 AND "
                               "key = ?2", &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);
    store_bind_text(s, 2, key);
    if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        rowid = sqlite3_column_int64(s, 0);
        old = store_column_dup(s, 1);
    }
    store_release(st, s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, rc, "读取碳中和计划", cause);
    if ((old == NULL && clear) || (old != NULL && !clear && strcmp(old, value) == 0)) {
        free(old);
        return ERR_OK;    /* unchanged */
    }
    if ((e = store_prepare(st, clear ? "DELETE FROM neutral_text WHERE year = ?1 AND key = ?2"
                                     : "INSERT INTO neutral_text (year, key, value) VALUES (?1, "
                                       "?2, ?3) ON CONFLICT (year, key) DO UPDATE SET value = "
                                       "excluded.value", &s, cause)) != ERR_OK)
        goto out;
    sqlite3_bind_int(s, 1, year);
    store_bind_text(s, 2, key);
    if (!clear)
        store_bind_text(s, 3, value);
    c.rowid = old != NULL ? rowid : 0;
    c.gone = clear;
    c.row = row = year == 0 ? xstrdup("pledge") : xasprintf("statement/%d", year);
    c.old = old;
    c.new_value = clear ? NULL : value;
    e = store_record(st, &c, s, "保存碳中和计划", cause);
out:
    free(row);
    free(old);
    return e;
}

enum err
store_neutral_text_set(struct store *st, int year, const char *key, const char *value,
                       char **cause)
{
    struct store_write w;
    enum err e;

    if (!text_key_ok(year, key)) {
        *cause = xasprintf("没有“%s”这一项", key);
        return ERR_USAGE;
    }
    if ((e = store_write_begin(st, &w, cause)) != ERR_OK)
        return e;
    return store_write_end(st, &w, text_set(st, year, key, value, cause), cause);
}

/* ERR_CORRUPT naming what no tanbook writes. */
static enum err
corrupt(const char *what, long long id, const char *why, char **cause)
{
    *cause = xasprintf("工作簿的%s（第 %lld 行）含有碳账本不会写入的值（%s），为安全起见不予打开", what,
                       id, why);
    return ERR_CORRUPT;
}

/* Whether column i of s is a REAL (SQLite keeps 5.0 as REAL in a STRICT REAL column). */
static int
is_real(sqlite3_stmt *s, int i)
{
    return sqlite3_column_type(s, i) == SQLITE_FLOAT;
}

static enum err
load_offsets(struct store *st, struct wb_plan *p, char **cause)
{
    sqlite3_stmt *s;
    enum err e;
    int rc;

    if ((e = store_prepare(st, "SELECT id, " OFFSET_COLS " FROM offset_claim ORDER BY position, "
                               "id", &s, cause)) != ERR_OK)
        return e;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct wb_offset o = {.id = sqlite3_column_int64(s, 0)};
        int type = neutral_type_find((const char *)sqlite3_column_text(s, 2));
        char *why = NULL;

        o.year = sqlite3_column_int(s, 1);
        o.type = type >= 0 ? (enum offset_type)type : OFFSET__COUNT;
        o.project = store_column_dup(s, 3);
        o.serial = store_column_dup(s, 4);
        o.registered = store_column_dup(s, 5);
        o.vintage = sqlite3_column_int(s, 6);
        o.quantity_tco2e = sqlite3_column_double(s, 7);
        o.quantity_mwh = sqlite3_column_double(s, 8);
        o.cancelled = store_column_dup(s, 9);
        o.proof = store_column_dup(s, 10);
        o.used_elsewhere = sqlite3_column_int(s, 11);
        o.registry = store_column_dup(s, 12);
        o.location = store_column_dup(s, 13);
        o.area_ha = sqlite3_column_double(s, 14);
        o.species = store_column_dup(s, 15);
        o.period = store_column_dup(s, 16);
        o.disclosure = store_column_dup(s, 17);
        o.ev.ref = store_column_dup(s, 18);
        o.ev.file = store_column_dup(s, 19);
        o.ev.sha256 = store_column_dup(s, 20);
        o.note = store_column_dup(s, 21);
        if (type < 0 || strcmp((const char *)sqlite3_column_text(s, 2), neutral_type_id(o.type))
            || !is_real(s, 7) || !is_real(s, 8) || !is_real(s, 14)
            || neutral_offset_valid(&o, LANG_ZH, &why) != ERR_OK) {
            long long id = o.id;

            plan_offset_free(&o);
            store_release(st, s);
            e = corrupt("碳抵消记录", id, why != NULL ? why : "类型", cause);
            free(why);
            return e;
        }
        p->offsets = xrealloc(p->offsets, (p->noffsets + 1) * sizeof *p->offsets);
        p->offsets[p->noffsets++] = o;
    }
    store_release(st, s);
    return rc == SQLITE_DONE ? ERR_OK : store_fail(st, rc, "读取碳抵消记录", cause);
}

static enum err
load_renewables(struct store *st, struct wb_plan *p, char **cause)
{
    sqlite3_stmt *s;
    enum err e;
    int rc;

    if ((e = store_prepare(st, "SELECT id, year, kind, period, quantity, capacity_kw, evidence, "
                               "evidence_file, evidence_sha256, note FROM renewable ORDER BY "
                               "year, kind, period, id", &s, cause)) != ERR_OK)
        return e;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct wb_renewable r = {.id = sqlite3_column_int64(s, 0)};
        int kind = neutral_renew_find((const char *)sqlite3_column_text(s, 2));
        char *why = NULL;

        r.year = sqlite3_column_int(s, 1);
        r.kind = kind >= 0 ? (enum renew_kind)kind : RENEW__COUNT;
        r.period = store_column_dup(s, 3);
        r.quantity = sqlite3_column_double(s, 4);
        r.capacity_kw = sqlite3_column_double(s, 5);
        r.ev.ref = store_column_dup(s, 6);
        r.ev.file = store_column_dup(s, 7);
        r.ev.sha256 = store_column_dup(s, 8);
        r.note = store_column_dup(s, 9);
        if (kind < 0 || strcmp((const char *)sqlite3_column_text(s, 2), neutral_renew_id(r.kind))
            || !is_real(s, 4) || !is_real(s, 5)
            || neutral_renewable_valid(&r, LANG_ZH, &why) != ERR_OK) {
            long long id = r.id;

            plan_renewable_free(&r);
            store_release(st, s);
            e = corrupt("可再生能源记录", id, why != NULL ? why : "类别", cause);
            free(why);
            return e;
        }
        p->renewables = xrealloc(p->renewables, (p->nrenewables + 1) * sizeof *p->renewables);
        p->renewables[p->nrenewables++] = r;
    }
    store_release(st, s);
    return rc == SQLITE_DONE ? ERR_OK : store_fail(st, rc, "读取可再生能源记录", cause);
}

/* The statement of year in p, added when there is none yet. */
static struct wb_statement *
statement_at(struct wb_plan *p, int year)
{
    struct wb_statement *s = (struct wb_statement *)plan_statement(p, year);

    if (s != NULL)
        return s;
    p->statements = xrealloc(p->statements, (p->nstatements + 1) * sizeof *p->statements);
    s = &p->statements[p->nstatements++];
    memset(s, 0, sizeof *s);
    s->year = year;
    return s;
}

static enum err
load_texts(struct store *st, struct wb_plan *p, char **cause)
{
    sqlite3_stmt *s;
    enum err e;
    int rc;

    if ((e = store_prepare(st, "SELECT rowid, year, key, value FROM neutral_text ORDER BY year, "
                               "key", &s, cause)) != ERR_OK)
        return e;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int year = sqlite3_column_int(s, 1);
        const char *key = (const char *)sqlite3_column_text(s, 2);
        char **slot = NULL, *value = store_column_dup(s, 3);

        if (sqlite3_column_type(s, 1) == SQLITE_INTEGER && text_key_ok(year, key)
            && text_control(value) == 0)
            slot = year == 0 ? plan_pledge_slot(&p->pledge, key)
                             : plan_statement_slot(statement_at(p, year), key);
        if (slot == NULL) {
            long long id = sqlite3_column_int64(s, 0);
            char *name = xstrdup(key != NULL ? key : "");

            free(value);
            store_release(st, s);   /* key is the statement's: named before it goes */
            e = corrupt("碳中和计划", id, name, cause);
            free(name);
            return e;
        }
        *slot = value;
    }
    store_release(st, s);
    return rc == SQLITE_DONE ? ERR_OK : store_fail(st, rc, "读取碳中和计划", cause);
}

/* Every text of the pledge and the statements "" where the file has none. */
static void
texts_fill(struct wb_plan *p)
{
    static const char *const pk[] = {"commitment", "timetable", "reduction", "offsetting"};
    static const char *const sk[] = {"period", "evaluator", "conclusion", "other"};
    size_t i, k;

    for (k = 0; k < nitems(pk); k++) {
        char **slot = plan_pledge_slot(&p->pledge, pk[k]);

        if (*slot == NULL)
            *slot = xstrdup("");
    }
    for (i = 0; i < p->nstatements; i++)
        for (k = 0; k < nitems(sk); k++) {
            char **slot = plan_statement_slot(&p->statements[i], sk[k]);

            if (*slot == NULL)
                *slot = xstrdup("");
        }
}

enum err
store_load_claims(struct store *st, struct wb_plan *p, char **cause)
{
    enum err e = ERR_OK;

    if (st->opened_version >= NEUTRAL_VERSION || !st->readonly)
        if ((e = load_offsets(st, p, cause)) != ERR_OK
            || (e = load_renewables(st, p, cause)) != ERR_OK
            || (e = load_texts(st, p, cause)) != ERR_OK)
            return e;
    texts_fill(p);
    return ERR_OK;
}
