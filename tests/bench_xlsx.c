/*
 * bench_xlsx.c - the peer `make bench` measures tanbook's export against: the least a C program
 * must do to write the same cells with libxlsxwriter. It reads a dump of the cells of a report
 * tanbook exported (made by bench_peers.sh with openpyxl, outside the timed run), one cell a line,
 * sheet by sheet and row by row:
 *
 *     SHEET <TAB> ROW <TAB> COL <TAB> n|s|f <TAB> VALUE      (ROW, COL from 0; \t \n \\ escaped)
 *
 * and writes every cell as a number (with one number format), a string or a formula: no styles,
 * merges, charts or checks - a floor, not a report.
 *
 *     bench_xlsx CELLS OUT.xlsx [constant]     "constant": libxlsxwriter's constant_memory mode
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#define NFIELDS 5

/* Undoes the dump's escapes (\t, \n, \\) in place. */
static void
unescape(char *s)
{
    char *w = s;

    for (; *s != '\0'; s++) {
        if (*s == '\\' && s[1] != '\0') {
            s++;
            *w++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s;
        } else {
            *w++ = *s;
        }
    }
    *w = '\0';
}

/* Splits line in place at tabs into NFIELDS fields; returns how many it found. */
static int
split(char *line, char **f)
{
    int n = 0;
    char *p = line;

    line[strcspn(line, "\n")] = '\0';
    while (n < NFIELDS) {
        f[n++] = p;
        if (n == NFIELDS || (p = strchr(p, '\t')) == NULL)
            break;
        *p++ = '\0';
    }
    return n;
}

int
main(int argc, char **argv)
{
    lxw_workbook_options opt = {.constant_memory = argc > 3 && strcmp(argv[3], "constant") == 0};
    lxw_workbook *wb;
    lxw_worksheet *ws = NULL;
    lxw_format *num;
    static char line[1 << 16];
    char *f[NFIELDS], sheet[256] = "";
    FILE *in;

    if (argc < 3 || (in = fopen(argv[1], "r")) == NULL) {
        fprintf(stderr, "usage: bench_xlsx CELLS OUT.xlsx [constant]\n");
        return 2;
    }
    wb = workbook_new_opt(argv[2], &opt);
    num = workbook_add_format(wb);
    format_set_num_format(num, "#,##0.00");
    while (fgets(line, sizeof line, in) != NULL) {
        lxw_row_t row;
        lxw_col_t col;

        if (split(line, f) < NFIELDS)
            continue;
        if (ws == NULL || strcmp(f[0], sheet) != 0) {
            snprintf(sheet, sizeof sheet, "%s", f[0]);
            ws = workbook_add_worksheet(wb, sheet);
        }
        row = (lxw_row_t)strtoul(f[1], NULL, 10);
        col = (lxw_col_t)strtoul(f[2], NULL, 10);
        unescape(f[4]);
        if (f[3][0] == 'n')
            worksheet_write_number(ws, row, col, strtod(f[4], NULL), num);
        else if (f[3][0] == 'f')
            worksheet_write_formula(ws, row, col, f[4], num);
        else
            worksheet_write_string(ws, row, col, f[4], NULL);
    }
    fclose(in);
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
