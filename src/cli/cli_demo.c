/* cli_demo.c - `tanbook demo`: writes the built-in demo workbook (book/demo.c). */
#include <getopt.h>
#include <stdio.h>

#include "book/demo.h"
#include "cli/cli.h"

static const struct cli_opt demo_opts[] = {
    CLI_OPT_SHORT('f', "force", NULL, 'f', "FILE 已是工作簿时覆盖它"),
    CLI_OPT_END,
};

static int
cmd_demo(struct app *app, int argc, char **argv)
{
    char *cause = NULL;
    int c, force = 0;
    enum err e;

    while ((c = cli_getopt(demo_opts, argc, argv)) != -1) {
        if (c != 'f')
            return cli_usage(&cli_cmd_demo);
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
    .help = "示例单位有外购电力和食堂天然气的月度数据、公务车汽油和外购热力的季度数据、备用发电机柴油的年度数据。\n",
    .opts = demo_opts,
    .run = cmd_demo,
};
