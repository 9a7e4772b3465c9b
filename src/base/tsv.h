/*
 * tsv.h - the one reader of the tab-separated data files (forms/, factors/ and the tables to
 * come): '#' comment lines, a header row naming the columns in any order, trimmed cells, and
 * every refusal as "FILE:LINE: reason" so a typo in a data file is found at start-up.
 */
#ifndef TANBOOK_TSV_H
#define TANBOOK_TSV_H

#include <stddef.h>

#include "base/err.h"
#include "base/xmem.h"

/* A column the header names; a file's columns are an array indexed by the caller's enum. */
struct tsv_col {
    const char *name;   /* the header text, matched exactly */
    int optional;       /* 1: the header may leave it out, and its cells then read "" */
};

struct tsv;   /* a parsed file: its header and data rows */

/*
 * Parses text (NUL-terminated) as the TSV file called file (the name the messages give, e.g.
 * "forms/a1_basic_info.tsv"). A UTF-8 BOM is skipped; '#' lines, blank lines and lines of blanks
 * only are ignored; quoting is csv_parse's; every cell is trimmed (text_trim). The first row is
 * the header: it must name each column of cols[0..ncols) once, in any order (an optional one at
 * most once), and nothing else; no data row may have more cells than it. On success *out (free
 * with tsv_free; cols must outlive it) holds the data rows. Otherwise *out is NULL and it returns
 * ERR_DATA with *cause "FILE:LINE: reason" (caller frees): the first line that is not UTF-8, an
 * unterminated quote, a missing header, an unknown, repeated or missing column, a row too long.
 */
enum err tsv_parse(const char *file, const char *text, const struct tsv_col *cols, size_t ncols,
                   struct tsv **out, char **cause);
void tsv_free(struct tsv *tv);

/* The number of data rows (the header is not one). */
size_t tsv_nrows(const struct tsv *tv);
/* The trimmed cell of data row r (0-based) for column c, "" when the row ends before it or the
   optional column is absent. Owned by tv. */
const char *tsv_cell(const struct tsv *tv, size_t r, size_t c);
/* The 1-based line where data row r starts. */
size_t tsv_line(const struct tsv *tv, size_t r);
/* The 1-based line of the header row. */
size_t tsv_header_line(const struct tsv *tv);
/* Whether the header names column c (always true for a column that is not optional). */
int tsv_has(const struct tsv *tv, size_t c);
/* The name of column c, as the header writes it. */
const char *tsv_col_name(const struct tsv *tv, size_t c);
/* The file name given to tsv_parse, for messages. */
const char *tsv_file(const struct tsv *tv);

/*
 * Sets *cause to "FILE:LINE: reason" ("FILE: reason" when line is 0, for what concerns a whole
 * file) with reason formatted from fmt, and returns ERR_DATA. For the checks callers make on top.
 */
enum err tsv_fail(char **cause, const char *file, size_t line, const char *fmt, ...)
    XMEM_PRINTF(4, 5);
/* tsv_fail for tv's file at the line of its data row r. */
enum err tsv_row_fail(const struct tsv *tv, size_t r, char **cause, const char *fmt, ...)
    XMEM_PRINTF(4, 5);

#endif
