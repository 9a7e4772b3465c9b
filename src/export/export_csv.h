/*
 * export_csv.h - the tidy CSV of `tanbook export --format csv`: one row per A.5 value of every
 * year of any number of workbooks (core/tidy.h), under one header line of tidy_columns. UTF-8
 * without a byte-order mark, fields separated by commas, lines ended by "\n", RFC 4180 quoting
 * (a field holding a comma, a quote, a CR or a LF is quoted, its quotes doubled), and every
 * text field quoted when empty (""), so that PostgreSQL's COPY … WITH (FORMAT csv, HEADER) reads
 * it as an empty text, while a number that is not there - the quantity and the activity of a
 * value 不适用 - is an empty unquoted field, which COPY reads as NULL and pandas as NaN. Numbers
 * are written with the fewest digits that read back exactly (tidy_number).
 * Not in export_formats[]: it reads the workbooks' years, not one report.
 */
#ifndef TANBOOK_EXPORT_CSV_H
#define TANBOOK_EXPORT_CSV_H

#include <stddef.h>

#include "base/err.h"
#include "base/strbuf.h"
#include "core/model.h"

/* Appends the header line to sb. */
void export_csv_header(struct strbuf *sb);
/* Appends the rows of year y to sb; ERR_INPUT with *cause (caller frees) as tidy_rows, sb
   as it was then. */
enum err export_csv_year(struct strbuf *sb, const struct wb_year *y, char **cause);
/*
 * Writes the header and the rows of the n years ys (in that order) to path, whole or not at all
 * as every export is, or to standard output for "-". ERR_INPUT as tidy_rows (nothing written),
 * the cause beginning with names[i], the workbook of the year refused (names NULL: none);
 * ERR_IO with *cause (Chinese, naming path) when it cannot be written.
 */
enum err export_csv_write(const struct wb_year *const *ys, const char *const *names, size_t n,
                          const char *path, char **cause);

#endif
