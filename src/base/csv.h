/*
 * csv.h - a delimited-text reader (RFC 4180 quoting) for CSV imports and the TSV data files: one row
 * at a time (csv_next, memory bounded by the longest row) or the whole text at once (csv_parse).
 */
#ifndef TANBOOK_CSV_H
#define TANBOOK_CSV_H

#include <stddef.h>

#include "base/err.h"
#include "base/strbuf.h"

struct csv_row {
    size_t line;      /* 1-based line where the row starts */
    char **fields;    /* UTF-8, unquoted; a missing trailing field is not padded */
    size_t n;
    int too_long;     /* csv_next only: the row passed the reader's bound; n is 0 */
};

struct csv_table {
    struct csv_row *rows;
    size_t n;
    size_t cap;
};

#define CSV_COMMENTS 0x1   /* skip lines whose first character is '#' */

/* A reader over text it does not own; the fields of the row it returns are its own. */
struct csv_reader {
    const char *text;
    size_t len;
    size_t pos;              /* where the next row starts */
    size_t line;             /* the line at pos */
    char delim;
    int flags;
    size_t max_row;          /* bytes a row's fields may take (one more per field); 0: no bound */
    int too_long;            /* the row being read passed max_row */
    struct strbuf buf;       /* the row's fields, each NUL-terminated */
    size_t *offs;            /* where each field starts in buf */
    size_t nf, offs_cap;
    char **fields;
    size_t fields_cap;
};

/*
 * Starts a reader of text[0..len) split on delim. Rows end at "\r\n", "\n" or a lone "\r" (old Mac
 * files); a quoted field may hold the delimiter, line ends and doubled quotes. A UTF-8 BOM at the
 * start of a row is dropped (files joined with cat each bring one). max_row bounds the memory a
 * row may take (0: none). Free with csv_reader_free.
 */
void csv_reader_init(struct csv_reader *r, const char *text, size_t len, char delim, int flags,
                     size_t max_row);
/*
 * Reads the next row that is not blank into *row (valid until the next call) and sets *got to 1,
 * or to 0 at the end of the text. A row longer than max_row comes with too_long set and no fields;
 * reading goes on after it. Returns ERR_INPUT with *cause ("LINE: reason", caller frees) for an
 * unterminated quote or a NUL byte; the reader is then at the end.
 */
enum err csv_next(struct csv_reader *r, struct csv_row *row, int *got, char **cause);
void csv_reader_free(struct csv_reader *r);

/*
 * Parses text[0..len) into rows split on delim, as csv_next reads them (no bound on a row). Returns
 * ERR_INPUT with *cause ("LINE: reason", caller frees) for an unterminated quote or a NUL byte.
 * out is reset first.
 */
enum err csv_parse(const char *text, size_t len, char delim, int flags, struct csv_table *out,
                   char **cause);
void csv_free(struct csv_table *t);

#endif
