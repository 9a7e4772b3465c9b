/*
 * cli_push.c - `tanbook push --pg CONNINFO FILE…`: every year of each workbook (opened read-only,
 * never written) into the regional PostgreSQL store (pg/pg.h), one transaction per unit-year, so
 * that pushing a corrected workbook again replaces its unit-years and never adds them twice. A
 * workbook that cannot be used is skipped with its reason and the others are still pushed; a
 * server that cannot be reached stops the run.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "base/sha256.h"
#include "cli/cli.h"
#include "pg/pg.h"

/*
 * Pushes the years of file (only year_arg's when given) through db. Returns 0, EXIT_REJECTED
 * after saying why the file or one of its years was skipped, or EXIT_IO when the server failed
 * (the run stops).
 */
static int
push_file(struct app *app, struct pg *db, const char *file, const char *year_arg)
{
    struct book *wb;
    struct book_calc bc;
    char hex[65], *cause = NULL, *replaced;
    int rc = 0, year = 0, exists;
    size_t i, nrows;
    enum err e;

    if ((e = book_open(app, file, BOOK_READ, &wb, &cause)) != ERR_OK) {
        cli_error("跳过 %s：%s", file, cause != NULL ? cause : err_str(e));
        free(cause);
        return EXIT_REJECTED;
    }
    if (year_arg != NULL && (e = book_year(wb, year_arg, 0, &year, &exists, &cause)) != ERR_OK) {
        cli_error("跳过 %s：%s", file, cause != NULL ? cause : err_str(e));
        free(cause);
        book_close(wb);
        return EXIT_REJECTED;
    }
    e = book_calc_load(wb, LANG_ZH, &bc, &cause);
    book_close(wb);
    if (e == ERR_OK && (e = sha256_file(file, hex, &cause)) != ERR_OK)
        book_calc_free(&bc);
    if (e != ERR_OK) {
        cli_error("跳过 %s：%s", file, cause != NULL ? cause : err_str(e));
        free(cause);
        return EXIT_REJECTED;
    }
    for (i = 0; i < bc.n && rc != EXIT_IO; i++) {
        const struct report_year *r = book_calc_report(&bc, i);
        struct pg_unit_year uy = {.y = &bc.ys[i], .r = r, .file = file, .sha256 = hex,
                                  .complete = bc.chks[i].nerrors == 0};

        if (year != 0 && bc.ys[i].year != year)
            continue;
        if (r == NULL) {
            cli_error("跳过 %s 的 %d 年度：%s", file, bc.ys[i].year, bc.whys[i]);
            rc = EXIT_REJECTED;
            continue;
        }
        if ((e = pg_push_year(db, &uy, &nrows, &replaced, &cause)) != ERR_OK) {
            cli_error("%s%s：%s", e == ERR_IO ? "" : "跳过 ", file, cause);
            free(cause);
            cause = NULL;
            rc = e == ERR_IO ? EXIT_IO : EXIT_REJECTED;
            continue;
        }
        cli_out("已推送 %s 的 %d 年度（%s，%zu 条活动数据）", file, bc.ys[i].year,
                r->unit_name[0] != '\0' ? r->unit_name : "未填写单位名称", nrows);
        if (replaced != NULL && strcmp(replaced, file) == 0)
            cli_out("，替换了此前推送的数据");
        else if (replaced != NULL)
            cli_out("，替换了此前由 %s 推送的数据", replaced);
        cli_out("\n");
        free(replaced);
    }
    book_calc_free(&bc);
    return rc;
}

static const struct cli_opt push_opts[] = {
    CLI_OPT("pg", "CONNINFO", 'p', "PostgreSQL 的连接串或 URI，如 'host=/run/postgresql dbname=region'\n"
            "或 postgresql://user@host/region（libpq 的写法，口令可放在 ~/.pgpass）"),
    CLI_OPT("year", "YEAR", 'y', "只推送该年度（默认为每个工作簿的全部年度）"),
    CLI_OPT_END,
};

static int
cmd_push(struct app *app, int argc, char **argv)
{
    const char *conninfo = NULL, *year_arg = NULL;
    struct pg *db;
    char *cause = NULL;
    int c, i, rc = 0, one;
    enum err e;

    while ((c = cli_getopt(push_opts, argc, argv)) != -1) {
        if (c == 'p')
            conninfo = optarg;
        else if (c == 'y')
            year_arg = optarg;
        else
            return cli_usage(&cli_cmd_push);
    }
    if (conninfo == NULL) {
        cli_error("须用 --pg 给出 PostgreSQL 的连接串，"
                  "如 --pg 'host=/run/postgresql dbname=region'");
        return cli_usage(&cli_cmd_push);
    }
    if (argc - optind < 1)
        return cli_usage(&cli_cmd_push);
    if ((e = pg_connect(conninfo, &db, &cause)) != ERR_OK)
        return cli_fail(e, cause);
    if ((e = pg_migrate(db, &cause)) != ERR_OK) {
        pg_close(db);
        return cli_fail(e, cause);
    }
    for (i = optind; i < argc && rc != EXIT_IO; i++)
        if ((one = push_file(app, db, argv[i], year_arg)) == EXIT_IO || rc == 0)
            rc = one;    /* a skip (1) is kept to the end; a server error (3) stops the run */
    pg_close(db);
    return rc;
}

const struct cli_cmd cli_cmd_push = {
    .name = "push",
    .summary = "把工作簿各年度的数据推送到区域的 PostgreSQL 数据库（汇总多个单位）",
    .usage = "push --pg CONNINFO FILE… [--year YEAR]",
    .opts = push_opts,
    .help = "首次推送时在数据库中建立 tanbook 模式（表 units、unit_years、activity 和视图 rollup、\n"
            "category_totals、source_totals，见 docs/regional-schema.md），以后按需逐步迁移。\n"
            "每个单位年度在一个事务中写入：先删去该单位该年度以前推送的数据，再写入新的，所以\n"
            "改正后的工作簿再推送一次只替换该单位年度，不会重复；并记下文件名、其 SHA-256 和推送时间。\n"
            "单位以统一社会信用代码识别，未填写时以单位名称识别。工作簿以只读方式打开，不会被改动。\n"
            "无法使用的工作簿（损坏、不是工作簿、版本更新）被跳过并说明原因，其余照常推送。\n"
            "退出码: 0 全部推送, 1 有工作簿或年度被跳过, 2 用法错误, 3 无法连接数据库或数据库出错\n",
    .run = cmd_push,
};
