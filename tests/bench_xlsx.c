/*
 * bench_xlsx.c - the peer `make bench` measures tanbook's export against: the least a C program
 * must do to write a year's activity data with libxlsxwriter. It reads the benchmark CSV
 * (期间,排放源,数量,单位,数据来源,排放设施名称; an entry's twelve months on consecutive lines, as
 * bench_peers.sh writes it) and writes two sheets: one row per value (period, source, quantity,
 * unit, data source, facility, as 活动数据明细 has them) and one row per entry (source, facility,
 * twelve months and their SUM, as 月度明细 has them). No checks, no styles beyond a number
 * format: a floor, not a report.
 *
 *     bench_xlsx CSV OUT.xlsx [constant]     "constant": libxlsxwriter's constant_memory mode
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#define NFIELDS 6

/* Splits line in place at commas into at most NFIELDS fields; returns how many. */
static int
split(char *line, char **f)
{
    int n = 0;
    char *p = line;

    line[strcspn(line, "\r\n")] = '\0';
    while (n < NFIELDS) {
        f[n++] = p;
        if ((p = strchr(p, ',')) == NULL)
            break;
        *p++ = '\0';
    }
    return n;
}

/* The entry's total: the SUM of its twelve months (row is 0-based, the formula 1-based). */
static void
sum_row(lxw_worksheet *ws, lxw_row_t row, lxw_format *num)
{
    char formula[64];

    snprintf(formula, sizeof formula, "=SUM(C%u:N%u)", (unsigned)row + 1, (unsigned)row + 1);
    worksheet_write_formula(ws, row, 14, formula, num);
}

int
main(int argc, char **argv)
{
    lxw_workbook_options opt = {.constant_memory = argc > 3 && strcmp(argv[3], "constant") == 0};
    lxw_workbook *wb;
    lxw_worksheet *detail, *months;
    lxw_format *num;
    char line[4096], *f[NFIELDS], key[512] = "";
    FILE *in;
    lxw_row_t drow = 1, mrow = 0;
    int month = 0;

    if (argc < 3 || (in = fopen(argv[1], "r")) == NULL) {
        fprintf(stderr, "usage: bench_xlsx CSV OUT.xlsx [constant]\n");
        return 2;
    }
    wb = workbook_new_opt(argv[2], &opt);
    detail = workbook_add_worksheet(wb, "活动数据明细");
    months = workbook_add_worksheet(wb, "月度明细");
    num = workbook_add_format(wb);
    format_set_num_format(num, "#,##0.00");
    worksheet_write_string(detail, 0, 0, "期间", NULL);
    worksheet_write_string(detail, 0, 1, "排放源", NULL);
    worksheet_write_string(detail, 0, 2, "数量", NULL);
    worksheet_write_string(detail, 0, 3, "单位", NULL);
    worksheet_write_string(detail, 0, 4, "数据来源", NULL);
    worksheet_write_string(detail, 0, 5, "排放设施名称", NULL);
    if (fgets(line, sizeof line, in) == NULL) {         /* the header */
        fclose(in);
        return 1;
    }
    /* the detail sheet streams row by row; in constant-memory mode the monthly sheet's rows
       must also come in order, which the CSV's grouping by entry gives */
    while (fgets(line, sizeof line, in) != NULL) {
        char k[512];

        if (split(line, f) < NFIELDS)
            continue;
        worksheet_write_string(detail, drow, 0, f[0], NULL);
        worksheet_write_string(detail, drow, 1, f[1], NULL);
        worksheet_write_number(detail, drow, 2, strtod(f[2], NULL), num);
        worksheet_write_string(detail, drow, 3, f[3], NULL);
        worksheet_write_string(detail, drow, 4, f[4], NULL);
        worksheet_write_string(detail, drow, 5, f[5], NULL);
        drow++;
        snprintf(k, sizeof k, "%.4s|%s|%s", f[0], f[1], f[5]);
        if (strcmp(k, key) != 0) {
            if (mrow > 0)
                sum_row(months, mrow, num);
            mrow++;
            strcpy(key, k);
            worksheet_write_string(months, mrow, 0, f[1], NULL);
            worksheet_write_string(months, mrow, 1, f[5], NULL);
            month = 0;
        }
        if (month < 12)
            worksheet_write_number(months, mrow, (lxw_col_t)(2 + month++), strtod(f[2], NULL), num);
    }
    if (mrow > 0)
        sum_row(months, mrow, num);
    fclose(in);
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
