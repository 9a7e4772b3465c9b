/*
 * cli_export_csv.c - `tanbook export --format csv FILE…`: the tidy CSV (export/export_csv.h) of
 * every year (or the --year) of every workbook named, to standard output or -o OUT.csv. Each
 * workbook is opened read-only; one that cannot be used stops the export before anything is
 * written, so that a file never holds some of the workbooks only.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "export/export_csv.h"

/* Whether a and b name one existing file. */
static int
same_file(const char *a, const char *b)
{
    struct stat sa, sb;

    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev
           && sa.st_ino == sb.st_ino;
}

/* What one workbook gives: its years. */
struct loaded {
    struct wb_year *ys;
    size_t n;
};

/*
 * Loads from file every year, or only year_arg's, into *l; 0, or an exit code after printing
 * why (a year the workbook lacks: 1).
 */
static int
load_file(struct app *app, const char *file, const char *year_arg, struct loaded *l)
{
    struct book *wb;
    char *cause = NULL;
    int rc, year, exists;
    enum err e;

    memset(l, 0, sizeof(*l));
    if ((rc = cli_open(app, file, BOOK_READ, &wb)) != 0)
        return rc;
    if (year_arg != NULL) {
        if ((rc = cli_year(wb, year_arg, 0, &year, &exists)) != 0) {
            book_close(wb);
            return rc;
        }
        l->ys = xcalloc(1, sizeof(*l->ys));
        if ((e = book_load(wb, year, l->ys, &cause)) == ERR_OK)
            l->n = 1;
    } else {
        e = book_load_all(wb, &l->ys, &l->n, &cause);
    }
    book_close(wb);
    if (e != ERR_OK) {
        free(l->ys);
        l->ys = NULL;
        cli_error("%s：%s", file, cause != NULL ? cause : err_str(e));
        free(cause);
        return err_exit_code(e);
    }
    return 0;
}

int
cli_export_csv(struct app *app, char **files, int nfiles, const char *year_arg,
               const char *out_arg)
{
    struct loaded *ls = xcalloc((size_t)nfiles, sizeof(*ls));
    const struct wb_year **ys = NULL;
    const char **names = NULL;
    const char *out = out_arg != NULL ? out_arg : "-";
    size_t n = 0, k = 0, j;
    char *cause = NULL;
    int i, rc = 0;
    enum err e;

    for (i = 0; i < nfiles; i++)
        if (out_arg != NULL && same_file(files[i], out_arg)) {
            cli_error("输出文件不能是工作簿本身：%s", out_arg);
            free(ls);
            return EXIT_USAGE;
        }
    for (i = 0; i < nfiles && rc == 0; i++)
        if ((rc = load_file(app, files[i], year_arg, &ls[i])) == 0)
            n += ls[i].n;
    if (rc == 0) {
        ys = xcalloc(n ? n : 1, sizeof(*ys));
        names = xcalloc(n ? n : 1, sizeof(*names));
        for (i = 0; i < nfiles; i++)
            for (j = 0; j < ls[i].n; j++) {
                names[k] = files[i];
                ys[k++] = &ls[i].ys[j];
            }
        if ((e = export_csv_write(ys, names, n, out, &cause)) != ERR_OK)
            rc = cli_fail(e, cause);
        else if (out_arg != NULL)
            cli_out("已导出 %s（%d 个工作簿，%zu 个年度）\n", out_arg, nfiles, n);
    }
    for (i = 0; i < nfiles; i++)
        book_years_free(ls[i].ys, ls[i].n);
    free(ls);
    free(ys);
    free(names);
    return rc;
}
