/*
 * csv.c - a delimited-text reader with RFC 4180 quoting. csv_next reads one row into buffers it
 * reuses, so reading a file costs the memory of its longest row (and no more than max_row of it);
 * csv_parse keeps every row, for the small TSV data files.
 */
#include "base/csv.h"

#include <stdlib.h>
#include <string.h>

#include "base/xmem.h"

static const char bom_utf8[] = "\xef\xbb\xbf";

void
csv_reader_init(struct csv_reader *r, const char *text, size_t len, char delim, int flags,
                size_t max_row)
{
    memset(r, 0, sizeof(*r));
    r->text = text;
    r->len = len;
    r->line = 1;
    r->delim = delim;
    r->flags = flags;
    r->max_row = max_row;
}

void
csv_reader_free(struct csv_reader *r)
{
    sb_free(&r->buf);
    free(r->offs);
    free(r->fields);
    memset(r, 0, sizeof(*r));
}

/* Appends s[0..n) to the row, unless that passes max_row: then the row keeps nothing more. */
static void
add(struct csv_reader *r, const char *s, size_t n)
{
    if (r->too_long)
        return;
    if (r->max_row > 0 && r->buf.len + n > r->max_row) {
        r->too_long = 1;
        r->buf.len = 0;
        r->nf = 0;
        return;
    }
    sb_appendn(&r->buf, s, n);
}

static void
field_begin(struct csv_reader *r)
{
    if (r->too_long)
        return;
    r->offs = xgrow(r->offs, &r->offs_cap, r->nf + 1, sizeof(*r->offs));
    r->offs[r->nf++] = r->buf.len;
}

/* The length of the line end at text[i] ("\r\n" is 2, "\n" or a lone '\r' 1), 0 for none. */
static size_t
eol_at(const struct csv_reader *r, size_t i)
{
    if (i >= r->len)
        return 0;
    if (r->text[i] == '\n')
        return 1;
    if (r->text[i] == '\r')
        return i + 1 < r->len && r->text[i + 1] == '\n' ? 2 : 1;
    return 0;
}

static enum err
nul_refused(struct csv_reader *r, char **cause)
{
    *cause = xasprintf("%zu: 含有空字符(NUL)，不是文本文件", r->line);
    r->pos = r->len;
    return ERR_INPUT;
}

/* Reads the fields of the row at r->pos and its line end; r->pos and r->line move past them. */
static enum err
read_row(struct csv_reader *r, char **cause)
{
    const char *t = r->text;
    size_t i = r->pos, n = r->len, start, eol, quote_line;

    r->buf.len = 0;
    r->nf = 0;
    r->too_long = 0;
    for (;;) {
        field_begin(r);
        if (i < n && t[i] == '"') {
            quote_line = r->line;
            i++;
            for (;;) {
                for (start = i; i < n && t[i] != '"' && t[i] != '\n' && t[i] != '\r' && t[i] != '\0';)
                    i++;
                add(r, t + start, i - start);
                if (i >= n) {
                    *cause = xasprintf("%zu: 引号未闭合", quote_line);
                    r->pos = n;
                    return ERR_INPUT;
                }
                if (t[i] == '\0')
                    return nul_refused(r, cause);
                if (t[i] == '"') {
                    if (i + 1 < n && t[i + 1] == '"') {
                        add(r, "\"", 1);
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                /* a line end inside quotes is data, kept as written */
                eol = eol_at(r, i);
                add(r, t + i, eol);
                i += eol;
                r->line++;
            }
        }
        /* the unquoted part (or text after a closing quote, kept as written) */
        for (start = i; i < n && t[i] != r->delim && t[i] != '\n' && t[i] != '\r' && t[i] != '\0';)
            i++;
        add(r, t + start, i - start);
        if (i < n && t[i] == '\0')
            return nul_refused(r, cause);
        add(r, "", 1);      /* the field's NUL */
        if (i < n && t[i] == r->delim) {
            i++;
            continue;
        }
        if ((eol = eol_at(r, i)) > 0) {
            i += eol;
            r->line++;
        }
        r->pos = i;
        return ERR_OK;
    }
}

enum err
csv_next(struct csv_reader *r, struct csv_row *row, int *got, char **cause)
{
    size_t k, eol = 0;
    enum err e;

    memset(row, 0, sizeof(*row));
    *got = 0;
    while (r->pos < r->len) {
        if (r->len - r->pos >= 3 && memcmp(r->text + r->pos, bom_utf8, 3) == 0)
            r->pos += 3;
        if ((r->flags & CSV_COMMENTS) && r->pos < r->len && r->text[r->pos] == '#') {
            while (r->pos < r->len && (eol = eol_at(r, r->pos)) == 0)
                r->pos++;
            r->pos += eol;
            r->line++;
            continue;
        }
        row->line = r->line;
        if ((e = read_row(r, cause)) != ERR_OK)
            return e;
        if (r->too_long) {
            row->too_long = 1;
            *got = 1;
            return ERR_OK;
        }
        if (r->nf == 1 && r->buf.s[0] == '\0')
            continue;       /* a blank line */
        r->fields = xgrow(r->fields, &r->fields_cap, r->nf, sizeof(*r->fields));
        for (k = 0; k < r->nf; k++)
            r->fields[k] = r->buf.s + r->offs[k];
        row->fields = r->fields;
        row->n = r->nf;
        *got = 1;
        return ERR_OK;
    }
    return ERR_OK;
}

enum err
csv_parse(const char *text, size_t len, char delim, int flags, struct csv_table *out, char **cause)
{
    struct csv_reader r;
    struct csv_row row, *kept;
    size_t k;
    int got;
    enum err e;

    memset(out, 0, sizeof(*out));
    csv_reader_init(&r, text, len, delim, flags, 0);
    for (;;) {
        if ((e = csv_next(&r, &row, &got, cause)) != ERR_OK) {
            csv_free(out);
            break;
        }
        if (!got)
            break;
        out->rows = xgrow(out->rows, &out->cap, out->n + 1, sizeof(*out->rows));
        kept = &out->rows[out->n++];
        *kept = row;
        kept->fields = xcalloc(row.n, sizeof(*kept->fields));
        for (k = 0; k < row.n; k++)
            kept->fields[k] = xstrdup(row.fields[k]);
    }
    csv_reader_free(&r);
    return e;
}

void
csv_free(struct csv_table *t)
{
    size_t i, j;

    for (i = 0; i < t->n; i++) {
        for (j = 0; j < t->rows[i].n; j++)
            free(t->rows[i].fields[j]);
        free(t->rows[i].fields);
    }
    free(t->rows);
    memset(t, 0, sizeof(*t));
}
