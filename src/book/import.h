/*
 * import.h - activity data (表A.5) from CSV text into a workbook, all or nothing. Columns are
 * matched by the A.5 field keys and labels of forms/ (English or Chinese); every row is validated
 * against the factor library and the workbook's years (units, periods, overlaps with the file's
 * other rows and with data already in the workbook) before anything is written. Nothing here
 * reads files or prints: `tanbook import` reads and decodes the file and shows the result.
 */
#ifndef TANBOOK_IMPORT_H
#define TANBOOK_IMPORT_H

#include <stddef.h>

#include "base/err.h"
#include "book/book.h"

struct import;

struct import_reject {        /* one reason a line cannot be imported */
    size_t line;              /* 1-based line of the CSV text */
    char *reason;             /* Chinese */
};

struct import_counts {        /* what an applied import did */
    size_t rows;              /* activity rows written */
    size_t new_entries;       /* A.3 rows added */
    size_t replaced;          /* rows that replaced data of the same period */
    size_t new_years;         /* years added */
};

/* What an import may do besides writing rows. */
enum import_flag {
    IMPORT_ADD_YEARS = 1,     /* add the years the rows name and the workbook lacks */
};

/*
 * Reads CSV text (UTF-8, NUL-terminated, len bytes; a header row, comma- or tab-separated; lines
 * end in CRLF, LF or CR) and validates every row against wb; a row over 64 KB is rejected. A row
 * of a year wb does not have is rejected unless flags has IMPORT_ADD_YEARS (a typo in a period
 * must not create a year). Rejected rows do not make this fail: they are listed by
 * import_rejects. Memory grows with the accepted rows only. Returns ERR_OK with *out (free with import_free), or
 * a workbook error (ERR_IO, ERR_CORRUPT ...) with *cause (caller frees).
 */
enum err import_parse(struct book *wb, const char *text, size_t len, unsigned flags,
                      struct import **out, char **cause);
/* How many rejections an import keeps: a file of junk lines has one or more for every line. */
#define IMPORT_MAX_REJECTS 100

/*
 * The first IMPORT_MAX_REJECTS rejections in line order (a line's reasons in the order found);
 * *n their count. The lines past them are only counted (import_unlisted_lines).
 */
const struct import_reject *import_rejects(const struct import *im, size_t *n);
/* How many lines were rejected (a line may have several reasons), listed or not. */
size_t import_bad_lines(const struct import *im);
/* How many rejected lines have no reason in import_rejects. */
size_t import_unlisted_lines(const struct import *im);
/* How many rows would be written. */
size_t import_rows(const struct import *im);
/*
 * Writes every row in one transaction (adding the years and A.3 rows they need), one undoable
 * action; refused with ERR_INPUT when there are rejections. On error nothing is written.
 */
enum err import_apply(struct import *im, struct import_counts *out, char **cause);
void import_free(struct import *im);

#endif
