/*
 * pg.h - the regional store in PostgreSQL (docs/regional-schema.md): many units' workbooks
 * pushed into one database, one row per unit-year, their activity data in the long format of the
 * tidy CSV (core/tidy.h), and the views a regional office queries. The only layer that includes
 * <libpq-fe.h>. Every statement is parameterized (PQexecParams/PQexecPrepared): no value is
 * ever put into SQL text. Nothing here prints: libpq's notices are swallowed, errors come back
 * as values with a cause in Chinese.
 */
#ifndef TANBOOK_PG_H
#define TANBOOK_PG_H

#include "base/err.h"
#include "core/model.h"
#include "core/report.h"
#include "core/rollup.h"

/* The PostgreSQL schema (namespace) that holds the tables and views. */
#define PG_SCHEMA "tanbook"
/* The version the migrations bring the schema to. */
extern const int pg_schema_version;

struct pg;

/*
 * Connects to the server conninfo names (a libpq connection string or URI; a connect_timeout of
 * 10 s unless it gives one). ERR_IO with *cause (caller frees) for a conninfo libpq cannot parse,
 * a server it cannot reach, a refused login. Close with pg_close.
 */
enum err pg_connect(const char *conninfo, struct pg **out, char **cause);
void pg_close(struct pg *db);

/*
 * Creates the schema or migrates it, step by step, to pg_schema_version, each step once (its
 * version recorded in schema_version), under a lock so that two pushers migrate one after the
 * other. ERR_NEWER when the database's version is newer than this program knows; ERR_IO with
 * *cause on a server error (nothing half-made: a step is one transaction).
 */
enum err pg_migrate(struct pg *db, char **cause);

/* One unit-year to push: a workbook's year, its report (the totals), where it came from. */
struct pg_unit_year {
    const struct wb_year *y;
    const struct report_year *r;   /* report_build's of y */
    const char *file;              /* the file name as given on the command line */
    const char *sha256;            /* of the file, 64 hex digits */
    int complete;                  /* check finds no error */
};

/*
 * Stores uy in one transaction: the unit (identified by its code when it has one, else by its
 * name; a unit known by name that now brings a code keeps its rows), then the unit-year - the
 * one pushed before for this unit and year deleted with its activity rows, the new one inserted
 * with the push time - and its rows (tidy_rows). *nrows is how many; *replaced (caller frees) is
 * the file of the unit-year replaced, NULL when it is new. ERR_INPUT as tidy_rows (nothing
 * stored), ERR_IO with *cause on a server error (rolled back: the database as it was).
 */
enum err pg_push_year(struct pg *db, const struct pg_unit_year *uy, size_t *nrows,
                      char **replaced, char **cause);

/*
 * Reads the rollup view into *out: one row per unit-year of year, or (year 0) each unit's latest
 * year, ordered by unit name, code and year. file is "pg:" and the file pushed; has_change 0,
 * grade "" (the database keeps no plan); nothing skipped, no conflicts (the database holds one
 * unit-year per unit and year). Free with rollup_free. ERR_IO as pg_connect, or with *cause
 * on a server error; ERR_NOTFOUND when the database has no tanbook schema.
 */
enum err pg_rollup_load(const char *conninfo, int year, struct rollup *out, char **cause);

#endif
