/*
 * pg.c - the regional store's connection, schema and pushes (pg.h). The schema is a list of
 * migrations, each applied once in order and recorded in schema_version; every CREATE says IF
 * NOT EXISTS (or OR REPLACE for a view), so that a step that ran before is harmless. A unit-year
 * is pushed in one transaction: deleted with its rows, inserted afresh.
 */
#include "pg/pg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xmem.h"
#include "core/tidy.h"
#include "pg/pg_internal.h"

#define S PG_SCHEMA "."

/*
 * The migrations: entry N-1 takes the schema from version N-1 to N. Never edit one that was
 * released; append a new one (an ALTER TABLE … ADD COLUMN IF NOT EXISTS, a CREATE OR REPLACE
 * VIEW), and document it in docs/regional-schema.md.
 */
static const char *const migrations[] = {
    /* 1: units, their years and activity rows, the roll-up and the totals by category and source */
    "CREATE TABLE IF NOT EXISTS " S "units ("
    "  id bigserial PRIMARY KEY,"
    "  unit_key text NOT NULL UNIQUE,"
    "  code text NOT NULL DEFAULT '',"
    "  name text NOT NULL);"
    "CREATE TABLE IF NOT EXISTS " S "unit_years ("
    "  id bigserial PRIMARY KEY,"
    "  unit_id bigint NOT NULL REFERENCES " S "units(id),"
    "  year integer NOT NULL,"
    "  file text NOT NULL,"
    "  file_sha256 text NOT NULL,"
    "  pushed_at timestamptz NOT NULL DEFAULT now(),"
    "  area_m2 double precision,"
    "  headcount double precision,"
    "  total_tco2e double precision NOT NULL,"
    "  scope1_tco2e double precision NOT NULL,"
    "  scope2_tco2e double precision NOT NULL,"
    "  energy_tce double precision NOT NULL,"
    "  intensity_kgco2e_per_m2 double precision,"
    "  per_capita_tco2e double precision,"
    "  complete boolean NOT NULL,"
    "  UNIQUE (unit_id, year));"
    "CREATE TABLE IF NOT EXISTS " S "activity ("
    "  unit_year_id bigint NOT NULL REFERENCES " S "unit_years(id) ON DELETE CASCADE,"
    "  row_no integer NOT NULL,"
    "  unit_code text NOT NULL,"
    "  unit text NOT NULL,"
    "  year integer NOT NULL,"
    "  period text NOT NULL,"
    "  category text NOT NULL,"
    "  scope integer NOT NULL,"
    "  source text NOT NULL,"
    "  facility text NOT NULL,"
    "  quantity double precision,"
    "  quantity_unit text NOT NULL,"
    "  activity double precision,"
    "  activity_unit text NOT NULL,"
    "  factor double precision NOT NULL,"
    "  factor_unit text NOT NULL,"
    "  factor_source text NOT NULL,"
    "  tco2e double precision NOT NULL,"
    "  tce double precision NOT NULL,"
    "  data_source text NOT NULL,"
    "  source_id text NOT NULL,"
    "  PRIMARY KEY (unit_year_id, row_no));"
    "CREATE OR REPLACE VIEW " S "rollup AS"
    "  SELECT u.code, u.name AS unit, y.file, y.year, y.total_tco2e, y.scope1_tco2e,"
    "    y.scope2_tco2e, y.intensity_kgco2e_per_m2, y.per_capita_tco2e, y.energy_tce,"
    "    y.complete, y.area_m2, y.headcount, y.pushed_at, y.file_sha256, u.unit_key"
    "  FROM " S "unit_years y JOIN " S "units u ON u.id = y.unit_id;"
    "CREATE OR REPLACE VIEW " S "category_totals AS"
    "  SELECT u.code, u.name AS unit, y.year, a.scope, a.category,"
    "    sum(a.tco2e) AS tco2e, sum(a.tce) AS tce, count(*) AS nrows"
    "  FROM " S "activity a JOIN " S "unit_years y ON y.id = a.unit_year_id"
    "    JOIN " S "units u ON u.id = y.unit_id"
    "  GROUP BY u.code, u.name, y.year, a.scope, a.category;"
    "CREATE OR REPLACE VIEW " S "source_totals AS"
    "  SELECT u.code, u.name AS unit, y.year, a.scope, a.category, a.source_id, a.source,"
    "    sum(a.activity) AS activity, a.activity_unit,"
    "    sum(a.tco2e) AS tco2e, sum(a.tce) AS tce, count(*) AS nrows"
    "  FROM " S "activity a JOIN " S "unit_years y ON y.id = a.unit_year_id"
    "    JOIN " S "units u ON u.id = y.unit_id"
    "  GROUP BY u.code, u.name, y.year, a.scope, a.category, a.source_id, a.source,"
    "    a.activity_unit;",
};

const int pg_schema_version = (int)nitems(migrations);

/* libpq's notices ("relation … already exists, skipping") would go to stderr: kept quiet. */
static void
no_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

char *
pg_message(const struct pg *db, const PGresult *res)
{
    const char *m = res != NULL ? PQresultErrorMessage(res) : "";
    char *s, *e;

    if (*m == '\0')
        m = PQerrorMessage(db->conn);
    s = xstrdup(*m != '\0' ? m : "未知错误");
    for (e = s + strlen(s); e > s && (e[-1] == '\n' || e[-1] == ' '); e--)
        e[-1] = '\0';
    return s;
}

PGresult *
pg_run(struct pg *db, const char *what, const char *sql, int n, const char *const *v,
       ExecStatusType want, char **cause)
{
    PGresult *res = PQexecParams(db->conn, sql, n, NULL, v, NULL, NULL, 0);
    char *m;

    if (res != NULL && PQresultStatus(res) == want)
        return res;
    m = pg_message(db, res);
    *cause = xasprintf("PostgreSQL：%s失败：%s", what, m);
    free(m);
    PQclear(res);
    return NULL;
}

/* Runs a statement that returns nothing; 0, or -1 with *cause. */
static int
run0(struct pg *db, const char *what, const char *sql, int n, const char *const *v, char **cause)
{
    PGresult *res = pg_run(db, what, sql, n, v, PGRES_COMMAND_OK, cause);

    PQclear(res);
    return res != NULL ? 0 : -1;
}

static void
rollback(struct pg *db)
{
    PQclear(PQexec(db->conn, "ROLLBACK"));
}

enum err
pg_connect(const char *conninfo, struct pg **out, char **cause)
{
    /* conninfo comes last and is expanded: what it says overrides the defaults before it */
    const char *const keys[] = {"connect_timeout", "fallback_application_name", "dbname", NULL};
    const char *const vals[] = {"10", "tanbook", conninfo, NULL};
    struct pg *db = xcalloc(1, sizeof(*db));
    char *m;

    db->conn = PQconnectdbParams(keys, vals, 1);
    if (db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK) {
        m = db->conn != NULL ? pg_message(db, NULL) : xstrdup("内存不足");
        *cause = xasprintf("无法连接 PostgreSQL（%s）：%s", conninfo, m);
        free(m);
        pg_close(db);
        return ERR_IO;
    }
    PQsetNoticeProcessor(db->conn, no_notice, NULL);
    if (PQsetClientEncoding(db->conn, "UTF8") != 0) {
        m = pg_message(db, NULL);
        *cause = xasprintf("PostgreSQL：无法使用 UTF8 编码：%s", m);
        free(m);
        pg_close(db);
        return ERR_IO;
    }
    *out = db;
    return ERR_OK;
}

void
pg_close(struct pg *db)
{
    if (db == NULL)
        return;
    PQfinish(db->conn);
    free(db);
}

enum err
pg_migrate(struct pg *db, char **cause)
{
    PGresult *res;
    char v[16];
    const char *p[1] = {v};
    int cur, i;

    if (run0(db, "开始事务", "BEGIN", 0, NULL, cause) != 0)
        return ERR_IO;
    if (run0(db, "建立模式", "CREATE SCHEMA IF NOT EXISTS " PG_SCHEMA, 0, NULL, cause) != 0
        || run0(db, "建立 schema_version 表",
                "CREATE TABLE IF NOT EXISTS " S "schema_version ("
                "  version integer PRIMARY KEY,"
                "  applied_at timestamptz NOT NULL DEFAULT now())", 0, NULL, cause) != 0
        || run0(db, "锁定 schema_version 表",
                "LOCK TABLE " S "schema_version IN SHARE ROW EXCLUSIVE MODE", 0, NULL, cause) != 0
        || (res = pg_run(db, "读取模式版本",
                         "SELECT coalesce(max(version), 0) FROM " S "schema_version", 0, NULL,
                         PGRES_TUPLES_OK, cause)) == NULL) {
        rollback(db);
        return ERR_IO;
    }
    cur = atoi(PQgetvalue(res, 0, 0));
    PQclear(res);
    if (cur > pg_schema_version) {
        rollback(db);
        *cause = xasprintf("数据库的 " PG_SCHEMA " 模式是第 %d 版，"
                           "比本程序所知的第 %d 版新；请升级 tanbook", cur, pg_schema_version);
        return ERR_NEWER;
    }
    for (i = cur; i < pg_schema_version; i++) {
        snprintf(v, sizeof(v), "%d", i + 1);
        res = PQexec(db->conn, migrations[i]);    /* constant DDL, several statements */
        if (res == NULL || PQresultStatus(res) != PGRES_COMMAND_OK) {
            char *m = pg_message(db, res);

            *cause = xasprintf("PostgreSQL：迁移到第 %d 版失败：%s", i + 1, m);
            free(m);
            PQclear(res);
            rollback(db);
            return ERR_IO;
        }
        PQclear(res);
        if (run0(db, "记录模式版本", "INSERT INTO " S "schema_version (version) VALUES ($1)",
                 1, p, cause) != 0) {
            rollback(db);
            return ERR_IO;
        }
    }
    if (run0(db, "提交", "COMMIT", 0, NULL, cause) != 0) {
        rollback(db);
        return ERR_IO;
    }
    return ERR_OK;
}

/* The activity row insert: the CSV's columns, then the unit-year, the row's number, the id. */
static const char activity_insert[] =
    "INSERT INTO " S "activity (unit_code, unit, year, period, category, scope, source,"
    " facility, quantity, quantity_unit, activity, activity_unit, factor, factor_unit,"
    " factor_source, tco2e, tce, data_source, unit_year_id, row_no, source_id)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,"
    " $19, $20, $21)";

#define NUM 40    /* a number's text: tidy_number's */

/* Inserts row r (number k) of unit-year id; 0, or -1 with *cause. */
static int
insert_row(struct pg *db, const char *id, size_t k, const struct tidy_row *r, char **cause)
{
    char year[16], scope[8], q[NUM], act[NUM], f[NUM], t[NUM], tce[NUM], no[24];
    const char *v[21];
    PGresult *res;
    char *m;

    snprintf(year, sizeof(year), "%d", r->year);
    snprintf(scope, sizeof(scope), "%d", r->scope);
    snprintf(no, sizeof(no), "%zu", k + 1);
    tidy_number(r->quantity, q, sizeof(q));
    tidy_number(r->activity, act, sizeof(act));
    tidy_number(r->factor, f, sizeof(f));
    tidy_number(r->tco2e, t, sizeof(t));
    tidy_number(r->tce, tce, sizeof(tce));
    v[0] = r->unit_code;
    v[1] = r->unit;
    v[2] = year;
    v[3] = r->period;
    v[4] = r->category;
    v[5] = scope;
    v[6] = r->source;
    v[7] = r->facility;
    v[8] = r->na ? NULL : q;        /* 不适用: no quantity, as the CSV's empty field */
    v[9] = r->quantity_unit;
    v[10] = r->na ? NULL : act;
    v[11] = r->activity_unit;
    v[12] = f;
    v[13] = r->factor_unit;
    v[14] = r->factor_source;
    v[15] = t;
    v[16] = tce;
    v[17] = r->data_source;
    v[18] = id;
    v[19] = no;
    v[20] = r->source_id;
    res = PQexecPrepared(db->conn, "tanbook_activity", 21, v, NULL, NULL, 0);
    if (res != NULL && PQresultStatus(res) == PGRES_COMMAND_OK) {
        PQclear(res);
        return 0;
    }
    m = pg_message(db, res);
    *cause = xasprintf("PostgreSQL：写入活动数据失败（%s %s）：%s", r->period, r->source,
                       m);
    free(m);
    PQclear(res);
    return -1;
}

/* Prepares the activity insert once per connection; 0, or -1 with *cause. */
static int
prepare(struct pg *db, char **cause)
{
    PGresult *res;
    char *m;

    if (db->prepared)
        return 0;
    res = PQprepare(db->conn, "tanbook_activity", activity_insert, 21, NULL);
    if (res != NULL && PQresultStatus(res) == PGRES_COMMAND_OK) {
        PQclear(res);
        db->prepared = 1;
        return 0;
    }
    m = pg_message(db, res);
    *cause = xasprintf("PostgreSQL：准备语句失败：%s", m);
    free(m);
    PQclear(res);
    return -1;
}

/*
 * The unit of uy: adopted by its code when it was known by its name only, then inserted or
 * renamed. Its id into id (24 bytes); 0, or -1 with *cause.
 */
static int
put_unit(struct pg *db, const char *code, const char *name, char *id, char **cause)
{
    char *by_name = xasprintf("name:%s", name);
    const char *adopt[2] = {code, by_name};
    const char *up[3] = {code[0] != '\0' ? code : by_name, code, name};
    PGresult *res = NULL;
    int rc = -1;

    if (code[0] != '\0'
        && run0(db, "更新单位", "UPDATE " S "units SET unit_key = $1, code = $1"
                " WHERE unit_key = $2 AND NOT EXISTS"
                " (SELECT 1 FROM " S "units WHERE unit_key = $1)", 2, adopt, cause) != 0)
        goto out;
    res = pg_run(db, "写入单位",
                 "INSERT INTO " S "units (unit_key, code, name) VALUES ($1, $2, $3)"
                 " ON CONFLICT (unit_key) DO UPDATE SET code = EXCLUDED.code,"
                 " name = EXCLUDED.name RETURNING id", 3, up, PGRES_TUPLES_OK, cause);
    if (res != NULL) {
        snprintf(id, 24, "%s", PQgetvalue(res, 0, 0));
        rc = 0;
    }
out:
    PQclear(res);
    free(by_name);
    return rc;
}

/* A figure as text into buf (NUM bytes), or NULL when valid is 0. */
static const char *
figure(double v, int valid, char *buf)
{
    if (!valid)
        return NULL;
    tidy_number(v, buf, NUM);
    return buf;
}

/* Deletes the unit-year (unit, year), *replaced its file; inserts uy's, its id into id. */
static int
put_unit_year(struct pg *db, const char *unit, const struct pg_unit_year *uy, char *id,
              char **replaced, char **cause)
{
    const struct report_year *r = uy->r;
    char year[16], area[NUM], head[NUM], tot[NUM], s1[NUM], s2[NUM], tce[NUM], in[NUM], pc[NUM];
    const char *del[2] = {unit, year};
    const char *v[14];
    PGresult *res;

    snprintf(year, sizeof(year), "%d", uy->y->year);
    if ((res = pg_run(db, "删除原有的单位年度",
                      "DELETE FROM " S "unit_years WHERE unit_id = $1 AND year = $2"
                      " RETURNING file", 2, del, PGRES_TUPLES_OK, cause)) == NULL)
        return -1;
    if (PQntuples(res) > 0)
        *replaced = xstrdup(PQgetvalue(res, 0, 0));
    PQclear(res);
    v[0] = unit;
    v[1] = year;
    v[2] = uy->file;
    v[3] = uy->sha256;
    v[4] = figure(r->building_area_m2, r->has_area, area);
    v[5] = figure(r->headcount, r->has_headcount, head);
    v[6] = figure(r->total_tco2e, 1, tot);
    v[7] = figure(r->scope1_tco2e, 1, s1);
    v[8] = figure(r->scope2_tco2e, 1, s2);
    v[9] = figure(r->energy_tce, 1, tce);
    v[10] = figure(r->intensity_kgco2e_per_m2, r->has_area, in);
    v[11] = figure(r->per_capita_tco2e, r->has_headcount, pc);
    v[12] = uy->complete ? "true" : "false";
    res = pg_run(db, "写入单位年度",
                 "INSERT INTO " S "unit_years (unit_id, year, file, file_sha256, area_m2,"
                 " headcount, total_tco2e, scope1_tco2e, scope2_tco2e, energy_tce,"
                 " intensity_kgco2e_per_m2, per_capita_tco2e, complete)"
                 " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
                 13, v, PGRES_TUPLES_OK, cause);
    if (res == NULL)
        return -1;
    snprintf(id, 24, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    return 0;
}

enum err
pg_push_year(struct pg *db, const struct pg_unit_year *uy, size_t *nrows, char **replaced,
             char **cause)
{
    const char *code = model_info(uy->y, TIDY_CODE_KEY), *name = model_info(uy->y, "unit_name");
    struct tidy_row *rows;
    char unit[24], uyid[24];
    size_t i, n;
    enum err e;

    *nrows = 0;
    *replaced = NULL;
    code = code != NULL ? code : "";
    name = name != NULL ? name : "";
    if (code[0] == '\0' && name[0] == '\0') {
        *cause = xasprintf("%d 年度：没有单位名称，也没有统一社会信用代码，无法识别单位",
                           uy->y->year);
        return ERR_INPUT;
    }
    if ((e = tidy_rows(uy->y, &rows, &n, cause)) != ERR_OK)
        return e;
    if (prepare(db, cause) != 0 || run0(db, "开始事务", "BEGIN", 0, NULL, cause) != 0) {
        free(rows);
        return ERR_IO;
    }
    if (put_unit(db, code, name, unit, cause) != 0
        || put_unit_year(db, unit, uy, uyid, replaced, cause) != 0)
        goto fail;
    for (i = 0; i < n; i++)
        if (insert_row(db, uyid, i, &rows[i], cause) != 0)
            goto fail;
    if (run0(db, "提交", "COMMIT", 0, NULL, cause) != 0)
        goto fail;
    free(rows);
    *nrows = n;
    return ERR_OK;
fail:
    rollback(db);
    free(rows);
    free(*replaced);
    *replaced = NULL;
    return ERR_IO;
}
