/* cli_check.c - `tanbook check`: completeness against Appendix A and anomalies, exit 1 on errors. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/check.h"
#include "cli/cli.h"

static int
cmd_check(struct app *app, int argc, char **argv)
{
    static const struct option opts[] = {
        {"year", required_argument, NULL, 'y'},
        {NULL, 0, NULL, 0},
    };
    const char *year_arg = NULL;
    struct check_report rep;
    struct wb_year y;
    int c, rc;
    size_t i;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c != 'y') {
            cli_error("无法识别的选项“%s”", argv[optind - 1]);
            return cli_usage(&cli_cmd_check);
        }
        year_arg = optarg;
    }
    if (argc - optind != 1)
        return cli_usage(&cli_cmd_check);
    if ((rc = cli_load_year(app, argv[optind], year_arg, &y)) != 0)
        return rc;
    check_year(app->forms, &y, &rep);
    printf("检查 %s（%d 年度）\n", argv[optind], y.year);
    for (i = 0; i < rep.n; i++)
        printf("%s  %s\n", rep.items[i].level == CHECK_ERROR ? "错误" : "警告", rep.items[i].msg);
    if (rep.n == 0)
        printf("未发现问题：附录A各表填写完整。\n");
    printf("共 %zu 个错误，%zu 个警告\n", rep.nerrors, rep.nwarnings);
    rc = rep.nerrors > 0 ? EXIT_REJECTED : 0;
    check_free(&rep);
    model_free(&y);
    return rc;
}

const struct cli_cmd cli_cmd_check = {
    .name = "check",
    .summary = "检查年度数据是否完整（附录A）并提示异常，有错误时退出码为 1",
    .usage = "check FILE [--year YEAR]",
    .help = "检查项: 表A.1 必填项；排放源一览表是否为空；每个排放源是否有活动水平数据；期间是否重叠或缺月；\n"
            "数据来源是否填写；排放因子是否有数据来源；某月数量是否与其他月份相差过大（异常波动）。\n"
            "  --year YEAR   年度（默认为工作簿中最新的年度）\n",
    .run = cmd_check,
};
