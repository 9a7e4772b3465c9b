/*
 * pg_rollup.c - the roll-up read back from the regional store: the rollup view into the struct
 * rollup that `tanbook rollup` fills from workbook files (core/rollup.h), so that one report
 * writer serves both.
 */
#include "pg/pg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmem.h"
#include "pg/pg_internal.h"

#define COLS "code, unit, file, year, coalesce(area_m2, 0), coalesce(headcount, 0), total_tco2e," \
             " scope1_tco2e, scope2_tco2e, coalesce(intensity_kgco2e_per_m2, 0)," \
             " coalesce(per_capita_tco2e, 0), energy_tce, complete"

static const char by_year[] =
    "SELECT " COLS " FROM " PG_SCHEMA ".rollup WHERE year = $1 ORDER BY unit, code, year";
/* each unit's latest year */
static const char latest[] =
    "SELECT " COLS " FROM (SELECT DISTINCT ON (unit_key) * FROM " PG_SCHEMA ".rollup"
    " ORDER BY unit_key, year DESC) AS l ORDER BY unit, code, year";

static double
num(const PGresult *res, int row, int col)
{
    return strtod(PQgetvalue(res, row, col), NULL);
}

/* Whether the database has the schema's rollup view; -1 on a server error (*cause). */
static int
has_schema(struct pg *db, char **cause)
{
    const char *v[1] = {PG_SCHEMA ".rollup"};
    PGresult *res = pg_run(db, "查找 " PG_SCHEMA " 模式", "SELECT to_regclass($1) IS NOT NULL",
                           1, v, PGRES_TUPLES_OK, cause);
    int has;

    if (res == NULL)
        return -1;
    has = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
    PQclear(res);
    return has;
}

enum err
pg_rollup_load(const char *conninfo, int year, struct rollup *out, char **cause)
{
    struct pg *db;
    PGresult *res;
    char y[16];
    const char *v[1] = {y};
    int i, n, has;
    enum err e;

    memset(out, 0, sizeof(*out));
    if ((e = pg_connect(conninfo, &db, cause)) != ERR_OK)
        return e;
    if ((has = has_schema(db, cause)) <= 0) {
        if (has == 0)
            *cause = xstrdup("数据库中没有 " PG_SCHEMA " 模式："
                             "请先用 tanbook push --pg 推送工作簿");
        pg_close(db);
        return has == 0 ? ERR_NOTFOUND : ERR_IO;
    }
    snprintf(y, sizeof(y), "%d", year);
    res = year != 0 ? pg_run(db, "读取汇总", by_year, 1, v, PGRES_TUPLES_OK, cause)
                    : pg_run(db, "读取汇总", latest, 0, NULL, PGRES_TUPLES_OK, cause);
    if (res == NULL) {
        pg_close(db);
        return ERR_IO;
    }
    n = PQntuples(res);
    out->units = xcalloc(n > 0 ? (size_t)n : 1, sizeof(*out->units));
    for (i = 0; i < n; i++) {
        struct rollup_unit *u = &out->units[i];

        u->code = xstrdup(PQgetvalue(res, i, 0));
        u->unit = xstrdup(PQgetvalue(res, i, 1));
        u->file = xasprintf("pg:%s", PQgetvalue(res, i, 2));
        u->year = atoi(PQgetvalue(res, i, 3));
        u->area_m2 = num(res, i, 4);
        u->headcount = num(res, i, 5);
        u->total_tco2e = num(res, i, 6);
        u->scope1_tco2e = num(res, i, 7);
        u->scope2_tco2e = num(res, i, 8);
        u->intensity_kgco2e_per_m2 = num(res, i, 9);
        u->per_capita_tco2e = num(res, i, 10);
        u->energy_tce = num(res, i, 11);
        u->complete = strcmp(PQgetvalue(res, i, 12), "t") == 0;
        u->grade = xstrdup("");
    }
    out->nunits = (size_t)n;
    PQclear(res);
    pg_close(db);
    rollup_finish(out);     /* the order the file roll-up gives; no conflicts in one database */
    return ERR_OK;
}
