/*
 * store_read.c - the reads of a workbook: its years, the factors pinned for a year, a whole year
 * loaded into the model, and whether another program changed it since. They use the tables of
 * schema version 1 only (and activity.na where the file has it, version 4), so a read-only store
 * reads an older workbook as it is.
 */
#include "store/store.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "base/text.h"
#include "base/xmem.h"
#include "data/units.h"

/*
 * What a workbook may hold is checked as it is read. Every way into a workbook (the forms, the
 * import, `set`) refuses a number that is not finite, a negative one or one beyond the forms'
 * limits, an unknown unit, a period that does not parse or lies outside its year, a year out of
 * range; a file holding one was changed by another program, or damaged. Such a file is refused
 * (ERR_CORRUPT, exit 3) with the value and its row, not flagged for repair in the terminal
 * workbook: the engine, the checks, the sheets and the exports would all have to cope with values
 * they can otherwise never get (an infinite factor gave "tco2e": inf, which is not JSON, and
 * <v>INF</v> in the xlsx), and a period that does not parse has no cell to be shown in.
 */
static const char refused[] = "，不是碳账本写入的值，为安全起见不予使用";

/* Whether v is a number a workbook may hold where max is the limit. */
static int
value_ok(double v, double max)
{
    return isfinite(v) && v >= 0 && v <= max;
}

/* "2024 年度 天然气（炉灶）": the A.3 row, as a message names it. */
static char *
entry_name(int year, const struct wb_entry *en)
{
    char *id = store_shown_text(en->source_id != NULL ? en->source_id : "");
    char *fac = store_shown_text(en->facility != NULL ? en->facility : "");
    char *t = xasprintf("%d 年度 %s%s%s%s", year, en->src != NULL ? en->src->zh : id,
                        *fac != '\0' ? "（" : "", fac, *fac != '\0' ? "）" : "");

    free(id);
    free(fac);
    return t;
}

/*
 * Whether text is a period exactly as the store writes it (period_format's "2024", "2024-Q1",
 * "2024-03") within the years a period may name, parsed into *p as period_parse would; 0 for
 * anything else, which period_parse then reads or refuses.
 */
static int
canonical_period(const char *text, struct period *p)
{
    size_t n = strlen(text);
    int year;

    if ((n != 4 && n != 7) || !text_is_digits(text, 4))
        return 0;
    year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
    if (year < PERIOD_YEAR_MIN || year > PERIOD_YEAR_MAX)
        return 0;
    p->year = year;
    if (n == 4) {
        p->kind = PERIOD_YEAR;
        p->index = 0;
        return 1;
    }
    if (text[4] != '-')
        return 0;
    if (text[5] == 'Q' && text[6] >= '1' && text[6] <= '4') {
        p->kind = PERIOD_QUARTER;
        p->index = text[6] - '0';
        return 1;
    }
    if (!text_is_digits(text + 5, 2))
        return 0;
    p->kind = PERIOD_MONTH;
    p->index = (text[5] - '0') * 10 + (text[6] - '0');
    return p->index >= 1 && p->index <= 12;
}

/*
 * act_check's usual case for a row whose unit is known to be one tanbook knows: 1 when its
 * period parses into a->period, lies in year and its quantity is one a workbook may hold (else
 * act_check says what is wrong).
 */
static int
act_check_known(sqlite3_stmt *s, int year, struct wb_activity *a)
{
    const char *text = (const char *)sqlite3_column_text(s, 1);
    double q = sqlite3_column_double(s, 2);
    int na = sqlite3_column_int(s, 6) != 0;

    return text != NULL && canonical_period(text, &a->period) && a->period.year == year
           && (na || value_ok(q, STORE_QUANTITY_MAX));
}

/* Checks A.5 row s (id, period, quantity, unit, ..., na) of entry en, parsed into *a. */
static enum err
act_check(sqlite3_stmt *s, int year, const struct wb_entry *en, struct wb_activity *a,
          char **cause)
{
    const char *text = (const char *)sqlite3_column_text(s, 1);
    const char *unit = (const char *)sqlite3_column_text(s, 3);
    double q = sqlite3_column_double(s, 2);
    char *name = NULL, *shown = NULL, *why = NULL;
    long long id = sqlite3_column_int64(s, 0);
    int na = sqlite3_column_int(s, 6) != 0;
    enum err e = ERR_CORRUPT;
    int parsed = period_parse(text != NULL ? text : "", &a->period, &why) == ERR_OK;

    if (parsed && a->period.year == year && (na || value_ok(q, STORE_QUANTITY_MAX))
        && (na || (unit != NULL && units_find(unit) != NULL))) {
        free(why);
        return ERR_OK;              /* the usual case: no message to build */
    }
    name = entry_name(year, en);
    if (!parsed) {
        shown = store_shown_text(text != NULL ? text : "");
        *cause = xasprintf("工作簿中 %s 的活动数据期间“%s”有误：%s（activity 表 id %lld）%s",
                           name, shown, why, id, refused);
    } else if (a->period.year != year) {
        shown = store_shown_text(text);
        *cause = xasprintf("工作簿中 %s 的活动数据期间“%s”不在 %d 年度内（activity 表 id %lld）%s",
                           name, shown, year, id, refused);
    } else if (!na && !value_ok(q, STORE_QUANTITY_MAX)) {
        *cause = xasprintf("工作簿中 %s、期间 %s 的数量 %.17g 不在 0 到 %.0f 之间（activity 表 id %lld）%s",
                           name, text, q, STORE_QUANTITY_MAX, id, refused);
    } else if (!na && (unit == NULL || units_find(unit) == NULL)) {
        shown = store_shown_text(unit != NULL ? unit : "");
        *cause = xasprintf("工作簿中 %s、期间 %s 的单位“%s”不是碳账本认识的单位（activity 表 id %lld）%s",
                           name, text, shown, id, refused);
    } else {
        e = ERR_OK;
    }
    free(why);
    free(name);
    free(shown);
    return e;
}

enum err
store_years(struct store *st, int **years, size_t *n, char **cause)
{
    sqlite3_stmt *s;
    size_t cap = 0;
    enum err e;
    int rc;

    *years = NULL;
    *n = 0;
    if ((e = store_prepare(st, "SELECT year FROM years ORDER BY year", &s, cause)) != ERR_OK)
        return e;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        long long v = sqlite3_column_int64(s, 0);

        if (v < PERIOD_YEAR_MIN || v > PERIOD_YEAR_MAX) {
            *cause = xasprintf("工作簿中的年度 %lld 不在 %d–%d 之间（years 表）%s", v,
                               PERIOD_YEAR_MIN, PERIOD_YEAR_MAX, refused);
            e = ERR_CORRUPT;
            break;
        }
        *years = xgrow(*years, &cap, *n + 1, sizeof(int));
        (*years)[(*n)++] = (int)v;
    }
    store_release(st, s);
    if (rc != SQLITE_DONE || e != ERR_OK) {
        free(*years);
        *years = NULL;
        *n = 0;
        return e != ERR_OK ? e : store_fail(st, rc, "读取年度列表", cause);
    }
    return ERR_OK;
}

enum err
store_latest_year(struct store *st, int *year, char **cause)
{
    int *years;
    size_t n;
    enum err e;

    if ((e = store_years(st, &years, &n, cause)) != ERR_OK)
        return e;
    if (n == 0) {
        free(years);
        *cause = xstrdup("工作簿中还没有任何年度");
        return ERR_NOTFOUND;
    }
    *year = years[n - 1];
    free(years);
    return ERR_OK;
}

enum err
store_year_exists(struct store *st, int year, int *exists, char **cause)
{
    sqlite3_stmt *s;
    enum err e;
    int rc;

    if ((e = store_prepare(st, "SELECT 1 FROM years WHERE year = ?", &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);
    rc = sqlite3_step(s);
    store_release(st, s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, rc, "读取年度", cause);
    *exists = rc == SQLITE_ROW;
    return ERR_OK;
}

enum err
store_data_version(struct store *st, long long *version, char **cause)
{
    sqlite3_stmt *s;
    enum err e;
    int rc;

    if ((e = store_prepare(st, "PRAGMA data_version", &s, cause)) != ERR_OK)
        return e;
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *version = sqlite3_column_int64(s, 0);
    store_release(st, s);
    return rc == SQLITE_ROW ? ERR_OK : store_fail(st, rc, "读取工作簿", cause);
}

/* The pinned factors of a year: ?1 the year, ?2 one source id or NULL for all. */
static const char pin_select[] =
    "SELECT source, value, unit, ncv, ncv_unit, cc, ox, coal, coal_unit, density, source_text, "
    "overridden, rowid FROM factors WHERE year = ?1 AND (?2 IS NULL OR source = ?2) ORDER BY rowid";

static void
pin_from_row(sqlite3_stmt *s, struct factor_pin *pin)
{
    memset(pin, 0, sizeof(*pin));
    pin->source_id = store_column_dup(s, 0);
    pin->value = sqlite3_column_double(s, 1);
    pin->unit = store_column_dup(s, 2);
    pin->ncv = sqlite3_column_double(s, 3);
    pin->ncv_unit = store_column_dup(s, 4);
    pin->cc = sqlite3_column_double(s, 5);
    pin->ox = sqlite3_column_double(s, 6);
    pin->coal = sqlite3_column_double(s, 7);
    pin->coal_unit = store_column_dup(s, 8);
    pin->density = sqlite3_column_double(s, 9);
    pin->source_text = store_column_dup(s, 10);
    pin->overridden = sqlite3_column_int(s, 11);
}

enum err
store_pin_read(struct store *st, int year, const char *source_id, struct factor_pin *pin,
         long long *rowid, int *found, char **cause)
{
    sqlite3_stmt *s;
    enum err e;
    int rc;

    if ((e = store_prepare(st, pin_select, &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);
    store_bind_text(s, 2, source_id);
    rc = sqlite3_step(s);
    *found = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW) {
        pin_from_row(s, pin);
        *rowid = sqlite3_column_int64(s, 12);
    }
    store_release(st, s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ERR_OK : store_fail(st, rc, "读取排放因子", cause);
}

static int
cmp_act(const void *a, const void *b)
{
    return period_cmp(&((const struct wb_activity *)a)->period,
                      &((const struct wb_activity *)b)->period);
}

/* Whether en's rows are in period order already (the index gives months in it). */
static int
acts_sorted(const struct wb_entry *en)
{
    size_t j;

    for (j = 1; j < en->nacts; j++)
        if (cmp_act(&en->acts[j - 1], &en->acts[j]) > 0)
            return 0;
    return 1;
}

static enum err
load_info(struct store *st, int year, struct wb_year *y, char **cause)
{
    sqlite3_stmt *s;
    size_t cap = 0;
    int rc;
    enum err e;

    if ((e = store_prepare(st, "SELECT key, value FROM unit_info UNION ALL "
                         "SELECT key, value FROM year_info WHERE year = ?", &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        y->info = xgrow(y->info, &cap, y->ninfo + 1, sizeof(*y->info));
        y->info[y->ninfo].key = store_column_dup(s, 0);
        y->info[y->ninfo].value = store_column_dup(s, 1);
        y->ninfo++;
    }
    store_release(st, s);
    return rc == SQLITE_DONE ? ERR_OK : store_fail(st, rc, "读取基本信息", cause);
}

static int
cmp_entry_id(const void *a, const void *b)
{
    const struct wb_entry *const *x = a, *const *y = b;

    return ((*x)->id > (*y)->id) - ((*x)->id < (*y)->id);
}

/* The entry of by_id (n entries sorted by id) with id, or NULL. */
static struct wb_entry *
entry_by_id(struct wb_entry **by_id, size_t n, long long id)
{
    size_t a = 0, b = n, m;

    while (a < b) {
        m = a + (b - a) / 2;
        if (by_id[m]->id < id)
            a = m + 1;
        else
            b = m;
    }
    return a < n && by_id[a]->id == id ? by_id[a] : NULL;
}

/* The A.5 rows of a year (?1), in the order of its entries (load_entries'). */
#define ACTS_SELECT(na)                                                                        \
    "SELECT a.id, a.period, a.quantity, a.unit, a.data_source, a.note, " na ", a.inventory_id " \
    "FROM inventory i JOIN activity a ON a.inventory_id = i.id WHERE i.year = ? "              \
    "ORDER BY i.position, i.id"
static const char acts_select[] = ACTS_SELECT("a.na");
static const char acts_select_v1[] = ACTS_SELECT("0");

/*
 * The A.5 rows of every entry of y, read in one statement: the year's inventory rows in the
 * order load_entries read them, each with its activity rows (through the UNIQUE (inventory_id,
 * period) index), rather than one statement per entry. Each entry's rows end in period order.
 */
static enum err
load_acts(struct store *st, int year, struct wb_year *y, char **cause)
{
    sqlite3_stmt *s;
    struct wb_entry **by_id, *en = NULL;
    const char *known_unit = NULL;   /* a unit text already found (rows mostly share one) */
    size_t i, acap = 0;
    int rc;
    enum err e = ERR_OK;

    /* a read-only store leaves an older file as it is: before version 4 nothing is 不适用 */
    if ((e = store_prepare(st, st->readonly && st->opened_version < 4 ? acts_select_v1
                                                                      : acts_select,
                           &s, cause)) != ERR_OK)
        return e;
    by_id = xcalloc(y->nentries + 1, sizeof(*by_id));
    for (i = 0; i < y->nentries; i++)
        by_id[i] = &y->entries[i];
    qsort(by_id, y->nentries, sizeof(*by_id), cmp_entry_id);
    sqlite3_bind_int(s, 1, year);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        long long eid = sqlite3_column_int64(s, 7);
        const char *unit = (const char *)sqlite3_column_text(s, 3);
        struct wb_activity *a;

        if (en == NULL || en->id != eid) {
            if ((en = entry_by_id(by_id, y->nentries, eid)) == NULL)
                continue;       /* not among the entries read: cannot be, the same year */
            acap = en->nacts;
        }
        en->acts = xgrow(en->acts, &acap, en->nacts + 1, sizeof(*en->acts));
        a = &en->acts[en->nacts];
        memset(a, 0, sizeof(*a));
        if (!(known_unit != NULL && unit != NULL && strcmp(unit, known_unit) == 0
              && act_check_known(s, year, a))
            && (e = act_check(s, year, en, a, cause)) != ERR_OK)
            break;
        en->nacts++;
        a->id = sqlite3_column_int64(s, 0);
        a->quantity = sqlite3_column_double(s, 2);
        a->unit = store_column_dup(s, 3);
        a->data_source = store_column_dup(s, 4);
        a->note = store_column_dup(s, 5);
        a->na = sqlite3_column_int(s, 6) != 0;
        if (!a->na)
            known_unit = a->unit;
    }
    store_release(st, s);
    free(by_id);
    if (e != ERR_OK)
        return e;
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "读取活动水平数据", cause);
    for (i = 0; i < y->nentries; i++)
        if (!acts_sorted(&y->entries[i]))
            qsort(y->entries[i].acts, y->entries[i].nacts, sizeof(*y->entries[i].acts), cmp_act);
    return ERR_OK;
}

static enum err
load_entries(struct store *st, const struct factor_lib *lib, int year, struct wb_year *y,
             char **cause)
{
    sqlite3_stmt *s;
    size_t cap = 0;
    int rc;
    enum err e;

    if ((e = store_prepare(st, "SELECT id, source, facility, location, note FROM inventory "
                         "WHERE year = ? ORDER BY position, id", &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct wb_entry *en;

        y->entries = xgrow(y->entries, &cap, y->nentries + 1, sizeof(*y->entries));
        en = &y->entries[y->nentries++];
        memset(en, 0, sizeof(*en));
        en->id = sqlite3_column_int64(s, 0);
        en->source_id = store_column_dup(s, 1);
        en->src = factors_source(lib, en->source_id);
        en->facility = store_column_dup(s, 2);
        en->location = store_column_dup(s, 3);
        en->note = store_column_dup(s, 4);
    }
    store_release(st, s);
    if (rc != SQLITE_DONE)
        return store_fail(st, rc, "读取排放源一览表", cause);
    return load_acts(st, year, y, cause);
}

/* Checks the numbers of a pinned factor (the value, its derivation, coal and density). */
static enum err
pin_check(const struct factor_lib *lib, int year, const struct factor_pin *p, char **cause)
{
    const struct source_def *src = p->source_id != NULL ? factors_source(lib, p->source_id) : NULL;
    const struct {
        const char *zh;
        double v;
    } nums[] = {
        {"排放因子", p->value}, {"低位发热量", p->ncv}, {"单位热值含碳量", p->cc},
        {"碳氧化率", p->ox}, {"折标准煤系数", p->coal}, {"密度", p->density},
    };
    char *id;
    size_t i;

    for (i = 0; i < nitems(nums); i++)
        if (!value_ok(nums[i].v, STORE_FACTOR_MAX)) {
            id = store_shown_text(p->source_id != NULL ? p->source_id : "");
            *cause = xasprintf("工作簿中 %d 年度 %s 的%s %.17g 不在 0 到 %.0f 之间（factors 表）%s",
                               year, src != NULL ? src->zh : id, nums[i].zh, nums[i].v, STORE_FACTOR_MAX, refused);
            free(id);
            return ERR_CORRUPT;
        }
    return ERR_OK;
}

static enum err
load_pins(struct store *st, const struct factor_lib *lib, int year, struct wb_year *y,
          char **cause)
{
    sqlite3_stmt *s;
    size_t cap = 0;
    int rc;
    enum err e;

    if ((e = store_prepare(st, pin_select, &s, cause)) != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);    /* ?2 stays NULL: every source */
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        y->pins = xgrow(y->pins, &cap, y->npins + 1, sizeof(*y->pins));
        pin_from_row(s, &y->pins[y->npins++]);
        if ((e = pin_check(lib, year, &y->pins[y->npins - 1], cause)) != ERR_OK) {
            store_release(st, s);
            return e;
        }
    }
    store_release(st, s);
    return rc == SQLITE_DONE ? ERR_OK : store_fail(st, rc, "读取排放因子", cause);
}

enum err
store_load_year_info(struct store *st, int year, struct wb_year *y, char **cause)
{
    sqlite3_stmt *s;
    int rc;
    enum err e;

    memset(y, 0, sizeof(*y));
    if ((e = store_prepare(st, "SELECT grid_area, gwp_set FROM years WHERE year = ?", &s, cause))
        != ERR_OK)
        return e;
    sqlite3_bind_int(s, 1, year);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        y->grid_area = store_column_dup(s, 0);
        y->gwp_set = store_column_dup(s, 1);
    }
    store_release(st, s);
    if (rc == SQLITE_DONE) {
        *cause = xasprintf("工作簿中没有 %d 年度", year);
        return ERR_NOTFOUND;
    }
    if (rc != SQLITE_ROW)
        return store_fail(st, rc, "读取年度", cause);
    y->year = year;
    if ((e = load_info(st, year, y, cause)) != ERR_OK) {
        model_free(y);
        return e;
    }
    return ERR_OK;
}

enum err
store_load_year(struct store *st, const struct factor_lib *lib, int year, struct wb_year *y,
                char **cause)
{
    enum err e;

    if ((e = store_load_year_info(st, year, y, cause)) != ERR_OK)
        return e;
    if ((e = load_entries(st, lib, year, y, cause)) != ERR_OK
        || (e = load_pins(st, lib, year, y, cause)) != ERR_OK) {
        model_free(y);
        return e;
    }
    return ERR_OK;
}
