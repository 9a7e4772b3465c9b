/*
 * cli_check.c - `tanbook check`: completeness against Appendix A, anomalies and the reviewer's
 * checks (against the year before when the workbook has it), in Chinese or English; exit 1 on
 * errors, 0 when there are warnings only.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "core/check.h"
#include "cli/cli.h"

static const struct cli_opt check_opts[] = {
    CLI_OPT("year", "YEAR", 'y', "年度（默认为工作簿中最新的年度）"),
    CLI_OPT("lang", "zh|en", 'l', "输出语言（默认 zh）"),
    CLI_OPT_END,
};

static int
cmd_check(struct app *app, int argc, char **argv)
{
    const char *year_arg = NULL;
    enum lang lang = LANG_ZH;
    struct check_report rep;
    struct book *wb;
    struct wb_year y;
    char *cause = NULL;
    int c, rc, year, exists;
    size_t i;
    enum err e;

    while ((c = cli_getopt(check_opts, argc, argv)) != -1) {
        if (c == 'y') {
            year_arg = optarg;
        } else if (c == 'l') {
            if (cli_lang(optarg, &lang) != 0)
                return cli_usage(&cli_cmd_check);
        } else {
            return cli_usage(&cli_cmd_check);
        }
    }
    if (argc - optind != 1)
        return cli_usage(&cli_cmd_check);
    if ((rc = cli_open(app, argv[optind], BOOK_READ, &wb)) != 0)
        return rc;
    if ((rc = cli_year(wb, year_arg, 0, &year, &exists)) != 0) {
        book_close(wb);
        return rc;
    }
    if ((e = book_load(wb, year, &y, &cause)) != ERR_OK) {
        book_close(wb);
        return cli_fail(e, cause);
    }
    book_check(wb, &y, &rep);
    book_close(wb);
    if (lang == LANG_EN)
        cli_out("Checking %s (year %d)\n", argv[optind], y.year);
    else
        cli_out("检查 %s（%d 年度）\n", argv[optind], y.year);
    for (i = 0; i < rep.n; i++) {
        int error = rep.items[i].level == CHECK_ERROR;
        const char *level = lang == LANG_EN ? (error ? "error" : "warning") : (error ? "错误" : "警告");
        /* a finding quotes the workbook's text: one line, whatever it holds */
        char *msg = text_escape_controls(check_msg(&rep.items[i], lang), 0);

        cli_out("%s  %s\n", level, msg);
        free(msg);
    }
    if (rep.n == 0)
        cli_out("%s\n", lang == LANG_EN ? "No problems found: the tables of Appendix A are complete."
                                        : "未发现问题：附录A各表填写完整。");
    if (lang == LANG_EN)
        cli_out("%zu %s, %zu %s\n", rep.nerrors, rep.nerrors == 1 ? "error" : "errors",
                rep.nwarnings, rep.nwarnings == 1 ? "warning" : "warnings");
    else
        cli_out("共 %zu 个错误，%zu 个警告\n", rep.nerrors, rep.nwarnings);
    rc = rep.nerrors > 0 ? EXIT_REJECTED : 0;
    check_free(&rep);
    model_free(&y);
    return rc;
}

const struct cli_cmd cli_cmd_check = {
    .name = "check",
    .summary = "检查年度数据是否完整（附录A）并提示异常，有错误时退出码为 1",
    .usage = "check FILE [--year YEAR] [--lang zh|en]",
    .help = "错误: 表A.1 必填项；排放源一览表是否为空；每个排放源是否有活动水平数据；期间是否重叠；\n"
            "排放因子是否有数据来源。\n"
            "警告（不影响退出码）: 缺月；数据来源未填写；某月数量与其他月份相差过大（异常波动）；\n"
            "单位建筑面积碳排放量低于 5 或高于 300 kgCO₂e/m²；单位相差 10⁴ 倍而数值未变（如 kWh 改填 万kWh）；\n"
            "与上一年度相比，某排放源变化超过 ±50%，建筑面积或用能人数变化超过 10%；统一社会信用代码未填写。\n",
    .opts = check_opts,
    .run = cmd_check,
};
