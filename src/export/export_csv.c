/*
 * export_csv.c - the tidy CSV (export_csv.h): the rows of core/tidy.c, quoted as RFC 4180 says,
 * written as every text export is (export_file_text).
 */
#include "export/export_csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tidy.h"
#include "export/export_file.h"

/* Appends text field s: quoted when empty or when it holds a comma, a quote, a CR or a LF. */
static void
csv_text(struct strbuf *sb, const char *s)
{
    const char *p;

    if (*s != '\0' && strpbrk(s, ",\"\r\n") == NULL) {
        sb_append(sb, s);
        return;
    }
    sb_append(sb, "\"");
    for (p = s; *p != '\0'; p++) {
        if (*p == '"')
            sb_append(sb, "\"");
        sb_appendn(sb, p, 1);
    }
    sb_append(sb, "\"");
}

/* Appends ",v" (its shortest round trip), or "," alone when there is no number (valid 0). */
static void
csv_number(struct strbuf *sb, double v, int valid)
{
    char buf[48];

    sb_append(sb, ",");
    if (!valid)
        return;
    tidy_number(v, buf, sizeof(buf));
    sb_append(sb, buf);
}

static void
csv_row(struct strbuf *sb, const struct tidy_row *r)
{
    csv_text(sb, r->unit_code);
    sb_append(sb, ",");
    csv_text(sb, r->unit);
    sb_printf(sb, ",%d,", r->year);
    csv_text(sb, r->period);
    sb_append(sb, ",");
    csv_text(sb, r->category);
    sb_printf(sb, ",%d,", r->scope);
    csv_text(sb, r->source);
    sb_append(sb, ",");
    csv_text(sb, r->facility);
    csv_number(sb, r->quantity, !r->na);
    sb_append(sb, ",");
    csv_text(sb, r->quantity_unit);
    csv_number(sb, r->activity, !r->na);
    sb_append(sb, ",");
    csv_text(sb, r->activity_unit);
    csv_number(sb, r->factor, 1);
    sb_append(sb, ",");
    csv_text(sb, r->factor_unit);
    sb_append(sb, ",");
    csv_text(sb, r->factor_source);
    csv_number(sb, r->tco2e, 1);
    csv_number(sb, r->tce, 1);
    sb_append(sb, ",");
    csv_text(sb, r->data_source);
    sb_append(sb, "\n");
}

void
export_csv_header(struct strbuf *sb)
{
    size_t i;

    for (i = 0; i < tidy_ncolumns; i++)
        sb_printf(sb, "%s%s", i ? "," : "", tidy_columns[i]);
    sb_append(sb, "\n");
}

enum err
export_csv_year(struct strbuf *sb, const struct wb_year *y, char **cause)
{
    struct tidy_row *rows;
    size_t i, n;
    enum err e;

    if ((e = tidy_rows(y, &rows, &n, cause)) != ERR_OK)
        return e;
    for (i = 0; i < n; i++)
        csv_row(sb, &rows[i]);
    free(rows);
    return ERR_OK;
}

enum err
export_csv_write(const struct wb_year *const *ys, const char *const *names, size_t n,
                 const char *path, char **cause)
{
    struct strbuf sb = {0};
    size_t i;
    enum err e = ERR_OK;
    char *why = NULL;

    export_csv_header(&sb);
    for (i = 0; i < n && e == ERR_OK; i++)
        if ((e = export_csv_year(&sb, ys[i], &why)) != ERR_OK) {
            *cause = names != NULL ? xasprintf("%s：%s", names[i], why) : xstrdup(why);
            free(why);
        }
    if (e == ERR_OK)
        e = export_file_text(path, sb.s, sb.len, cause);
    sb_free(&sb);
    return e;
}
