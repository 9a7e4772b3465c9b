/* csv.c - a delimited-text reader with RFC 4180 quoting. */
#include "base/csv.h"

#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xmem.h"

static void
row_add_field(struct csv_row *row, size_t *cap, struct strbuf *field)
{
    row->fields = xgrow(row->fields, cap, row->n + 1, sizeof(char *));
    row->fields[row->n++] = sb_take(field);
}

static int
row_is_blank(const struct csv_row *row)
{
    return row->n == 1 && row->fields[0][0] == '\0';
}

enum err
csv_parse(const char *text, size_t len, char delim, int flags, struct csv_table *out, char **cause)
{
    struct strbuf field = {0};
    struct csv_row row = {0};
    size_t rowcap = 0, i = 0, line = 1, quote_line = 0;
    int quoted, at_row_start = 1;

    memset(out, 0, sizeof(*out));
    while (i <= len) {
        if (at_row_start) {
            row.line = line;
            at_row_start = 0;
            if ((flags & CSV_COMMENTS) && i < len && text[i] == '#') {
                while (i < len && text[i] != '\n')
                    i++;
                i++;
                line++;
                at_row_start = 1;
                continue;
            }
        }
        /* one field */
        quoted = i < len && text[i] == '"';
        if (quoted) {
            quote_line = line;
            i++;
            for (;;) {
                if (i >= len) {
                    *cause = xasprintf("%zu: 引号未闭合", quote_line);
                    goto fail;
                }
                if (text[i] == '"') {
                    if (i + 1 < len && text[i + 1] == '"') {
                        sb_appendn(&field, "\"", 1);
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                if (text[i] == '\n')
                    line++;
                if (text[i] == '\0') {
                    *cause = xasprintf("%zu: 含有空字符(NUL)，不是文本文件", line);
                    goto fail;
                }
                sb_appendn(&field, &text[i], 1);
                i++;
            }
        }
        /* unquoted part (or text after a closing quote, kept as written) */
        while (i < len && text[i] != delim && text[i] != '\n') {
            if (text[i] == '\0') {
                *cause = xasprintf("%zu: 含有空字符(NUL)，不是文本文件", line);
                goto fail;
            }
            if (!(text[i] == '\r' && (i + 1 == len || text[i + 1] == '\n')))
                sb_appendn(&field, &text[i], 1);
            i++;
        }
        row_add_field(&row, &rowcap, &field);
        if (i < len && text[i] == delim) {
            i++;
            continue;
        }
        /* end of row: newline or end of text */
        if (!row_is_blank(&row)) {
            out->rows = xgrow(out->rows, &out->cap, out->n + 1, sizeof(*out->rows));
            out->rows[out->n++] = row;
        } else {
            free(row.fields[0]);
            free(row.fields);
        }
        memset(&row, 0, sizeof(row));
        rowcap = 0;
        i++;
        line++;
        at_row_start = 1;
    }
    sb_free(&field);
    return ERR_OK;
fail:
    sb_free(&field);
    for (size_t k = 0; k < row.n; k++)
        free(row.fields[k]);
    free(row.fields);
    csv_free(out);
    return ERR_INPUT;
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
