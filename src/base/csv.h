/* csv.h - a delimited-text reader (RFC 4180 quoting) for CSV imports and the TSV data files. */
#ifndef TANBOOK_CSV_H
#define TANBOOK_CSV_H

#include <stddef.h>

#include "base/err.h"

struct csv_row {
    size_t line;      /* 1-based line where the row starts */
    char **fields;    /* UTF-8, unquoted; a missing trailing field is not padded */
    size_t n;
};

struct csv_table {
    struct csv_row *rows;
    size_t n;
    size_t cap;
};

#define CSV_COMMENTS 0x1   /* skip lines whose first character is '#' */

/*
 * Parses text[0..len) into rows split on delim. Blank lines are skipped; "\r\n" and "\n" end rows;
 * a quoted field may hold the delimiter, newlines and doubled quotes. Returns ERR_INPUT with
 * *cause ("LINE: reason", caller frees) for an unterminated quote or a NUL byte. out is reset first.
 */
enum err csv_parse(const char *text, size_t len, char delim, int flags, struct csv_table *out,
                   char **cause);
void csv_free(struct csv_table *t);

#endif
