/* cli_demo.c - `tanbook demo`: writes the built-in demo workbook (book/demo.c). */
#include <getopt.h>
#include <stdio.h>

#include "book/demo.h"
#include "cli/cli.h"

static int
cmd_demo(struct app *app, int argc, char **argv)
{
    static const struct option opts[] = {
        {"force", no_argument, NULL, 'f'},
        {NULL, 0, NULL, 0},
    };
    char *cause = NULL;
    int c, force = 0;
    enum err e;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "f", opts, NULL)) != -1) {
        if (c != 'f') {
            cli_error("无法识别的选项“%s”", argv[optind - 1]);
            return cli_usage(&cli_cmd_demo);
        }
        force = 1;
    }
    if (argc - optind != 1)
        return cli_usage(&cli_cmd_demo);
    if ((e = demo_create(app, argv[optind], force, &cause)) != ERR_OK)
        return cli_fail(e, cause);
    cli_out("已创建示例工作簿 %s（%s，2023 和 2024 年度）\n", argv[optind], demo_unit_name());
    return 0;
}

const struct cli_cmd cli_cmd_demo = {
    .name = "demo",
    .summary = "创建一个填写完整的示例工作簿",
    .usage = "demo FILE [--force]",
    .help = "示例单位有外购电力和食堂天然气的月度数据、公务车汽油和外购热力的季度数据、备用发电机柴油的年度数据。\n"
            "  --force   FILE 已是工作簿时覆盖它\n",
    .run = cmd_demo,
};
