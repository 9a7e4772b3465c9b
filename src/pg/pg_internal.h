/*
 * pg_internal.h - what the files of the PostgreSQL layer share: the connection and one way to
 * run a parameterized statement and say why it failed. Private to src/pg/.
 */
#ifndef TANBOOK_PG_INTERNAL_H
#define TANBOOK_PG_INTERNAL_H

#include <libpq-fe.h>

#include "base/err.h"

struct pg {
    PGconn *conn;
    int prepared;          /* the activity insert is prepared on this connection */
};

/*
 * Runs sql with the n text parameters v (NULL: SQL NULL) and returns its result when its status
 * is want (PGRES_COMMAND_OK, PGRES_TUPLES_OK), to PQclear; else NULL with *cause (caller frees):
 * what (a few words in Chinese) and the server's message.
 */
PGresult *pg_run(struct pg *db, const char *what, const char *sql, int n, const char *const *v,
                 ExecStatusType want, char **cause);
/* The server's or libpq's last message, trimmed (caller frees). */
char *pg_message(const struct pg *db, const PGresult *res);

#endif
