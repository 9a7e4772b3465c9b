/*
 * tsv.c - reads a tab-separated data file with a header row: csv_parse does the splitting and
 * quoting; this adds what a data file needs on top (BOM, UTF-8 check, trimmed cells, the header
 * checked against the columns the caller expects) and says where a problem is, "FILE:LINE: reason".
 */
#include "base/tsv.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/text.h"

#define ABSENT SIZE_MAX   /* the position of an optional column the header leaves out */

struct tsv {
    char *file;
    struct csv_table t;            /* row 0 is the header */
    const struct tsv_col *cols;
    size_t ncols;
    size_t *at;                    /* at[c]: the header position of column c, or ABSENT */
};

/* Sets *cause to "FILE:LINE: " (or "FILE: ") and the formatted message; returns ERR_DATA. */
static enum err
vfail(char **cause, const char *file, size_t line, const char *fmt, va_list ap)
    XMEM_PRINTF(4, 0);

static enum err
vfail(char **cause, const char *file, size_t line, const char *fmt, va_list ap)
{
    char *msg = xvasprintf(fmt, ap);

    if (line > 0)
        *cause = xasprintf("%s:%zu: %s", file, line, msg);
    else
        *cause = xasprintf("%s: %s", file, msg);
    free(msg);
    return ERR_DATA;
}

enum err
tsv_fail(char **cause, const char *file, size_t line, const char *fmt, ...)
{
    va_list ap;
    enum err e;

    va_start(ap, fmt);
    e = vfail(cause, file, line, fmt, ap);
    va_end(ap);
    return e;
}

enum err
tsv_row_fail(const struct tsv *tv, size_t r, char **cause, const char *fmt, ...)
{
    va_list ap;
    enum err e;

    va_start(ap, fmt);
    e = vfail(cause, tv->file, tsv_line(tv, r), fmt, ap);
    va_end(ap);
    return e;
}

/* The 1-based line of the first line of text that is not valid UTF-8, or 0 when all are. */
static size_t
bad_utf8_line(const char *text, size_t len)
{
    size_t line = 1, start = 0, i;

    for (i = 0; i <= len; i++) {
        if (i == len || text[i] == '\n') {
            if (!text_valid_utf8(text + start, i - start))
                return line;
            line++;
            start = i + 1;
        }
    }
    return 0;
}

/* Trims every cell in place and drops the rows left with only empty cells (a line of blanks). */
static void
trim_cells(struct csv_table *t)
{
    size_t i, j, kept = 0;
    char *trimmed;
    int blank;

    for (i = 0; i < t->n; i++) {
        struct csv_row *row = &t->rows[i];
        blank = 1;
        for (j = 0; j < row->n; j++) {
            trimmed = text_trim(row->fields[j]);
            free(row->fields[j]);
            row->fields[j] = trimmed;
            blank &= trimmed[0] == '\0';
        }
        if (!blank) {
            t->rows[kept++] = *row;
            continue;
        }
        for (j = 0; j < row->n; j++)
            free(row->fields[j]);
        free(row->fields);
    }
    t->n = kept;
}

/* Finds each expected column in the header row; refuses unknown, repeated and missing ones. */
static enum err
match_header(struct tsv *tv, char **cause)
{
    const struct csv_row *hdr = &tv->t.rows[0];
    size_t h, c;

    for (c = 0; c < tv->ncols; c++)
        tv->at[c] = ABSENT;
    for (h = 0; h < hdr->n; h++) {
        for (c = 0; c < tv->ncols && strcmp(hdr->fields[h], tv->cols[c].name) != 0; c++)
            ;
        if (c == tv->ncols)
            return tsv_fail(cause, tv->file, hdr->line, "未知的列“%s”", hdr->fields[h]);
        if (tv->at[c] != ABSENT)
            return tsv_fail(cause, tv->file, hdr->line, "列“%s”重复", tv->cols[c].name);
        tv->at[c] = h;
    }
    for (c = 0; c < tv->ncols; c++)
        if (tv->at[c] == ABSENT && !tv->cols[c].optional)
            return tsv_fail(cause, tv->file, hdr->line, "缺少列“%s”", tv->cols[c].name);
    return ERR_OK;
}

enum err
tsv_parse(const char *file, const char *text, const struct tsv_col *cols, size_t ncols,
          struct tsv **out, char **cause)
{
    struct tsv *tv = xcalloc(1, sizeof(*tv));
    size_t len = strlen(text), line, r;
    char *why = NULL;
    enum err e;

    *out = NULL;
    tv->file = xstrdup(file);
    tv->cols = cols;
    tv->ncols = ncols;
    tv->at = xcalloc(ncols > 0 ? ncols : 1, sizeof(*tv->at));
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {   /* a BOM left by an editor */
        text += 3;
        len -= 3;
    }
    if ((line = bad_utf8_line(text, len)) != 0) {
        e = tsv_fail(cause, file, line, "不是有效的 UTF-8 文本");
        goto fail;
    }
    if (csv_parse(text, len, '\t', CSV_COMMENTS, &tv->t, &why) != ERR_OK) {
        *cause = xasprintf("%s:%s", file, why);   /* why is "LINE: reason" */
        free(why);
        e = ERR_DATA;
        goto fail;
    }
    trim_cells(&tv->t);
    if (tv->t.n == 0) {
        e = tsv_fail(cause, file, 1, "缺少表头行");
        goto fail;
    }
    if ((e = match_header(tv, cause)) != ERR_OK)
        goto fail;
    for (r = 1; r < tv->t.n; r++)
        if (tv->t.rows[r].n > tv->t.rows[0].n) {
            e = tsv_fail(cause, file, tv->t.rows[r].line, "有 %zu 列，表头只有 %zu 列",
                         tv->t.rows[r].n, tv->t.rows[0].n);
            goto fail;
        }
    *out = tv;
    return ERR_OK;
fail:
    tsv_free(tv);
    return e;
}

void
tsv_free(struct tsv *tv)
{
    if (tv == NULL)
        return;
    csv_free(&tv->t);
    free(tv->at);
    free(tv->file);
    free(tv);
}

size_t
tsv_nrows(const struct tsv *tv)
{
    return tv->t.n - 1;
}

const char *
tsv_cell(const struct tsv *tv, size_t r, size_t c)
{
    const struct csv_row *row = &tv->t.rows[r + 1];
    size_t at = tv->at[c];

    return at != ABSENT && at < row->n ? row->fields[at] : "";
}

size_t
tsv_line(const struct tsv *tv, size_t r)
{
    return tv->t.rows[r + 1].line;
}

size_t
tsv_header_line(const struct tsv *tv)
{
    return tv->t.rows[0].line;
}

int
tsv_has(const struct tsv *tv, size_t c)
{
    return tv->at[c] != ABSENT;
}

const char *
tsv_col_name(const struct tsv *tv, size_t c)
{
    return tv->cols[c].name;
}

const char *
tsv_file(const struct tsv *tv)
{
    return tv->file;
}
