/* cli.c - subcommand table, dispatch, --help/--version and shared helpers. */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "tui/tui.h"
#include "base/width.h"

static const struct cli_cmd *const commands[] = {
    &cli_cmd_new,
    &cli_cmd_set,
    &cli_cmd_import,
    &cli_cmd_summary,
    &cli_cmd_export,
    &cli_cmd_check,
    &cli_cmd_factors,
    &cli_cmd_demo,
};

void
cli_error(const char *fmt, ...)
{
    va_list ap;

    fputs("tanbook: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int
cli_fail(enum err e, char *cause)
{
    cli_error("%s", cause != NULL ? cause : err_str(e));
    free(cause);
    return err_exit_code(e);
}

int
cli_usage(const struct cli_cmd *cmd)
{
    fprintf(stderr, "用法: tanbook %s\n详见 tanbook %s --help\n", cmd->usage, cmd->name);
    return EXIT_USAGE;
}

int
cli_help(const struct app *app, const struct cli_cmd *cmd)
{
    printf("用法: tanbook %s\n\n%s\n\n", cmd->usage, cmd->summary);
    if (cmd->print_help != NULL)
        cmd->print_help(app);
    printf("%s%s", cmd->print_help != NULL ? "\n" : "", cmd->help);
    return 0;
}

void
cli_help_row(const char *left, const char *right)
{
    struct strbuf sb = {0};

    sb_append(&sb, "  ");
    width_pad(&sb, left, 26);
    sb_printf(&sb, "%s%s\n", width_of(left) >= 26 ? " " : "", right);
    fputs(sb.s, stdout);
    sb_free(&sb);
}

int
cli_wants_help(int argc, char **argv)
{
    int i;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            break;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return 1;
    }
    return 0;
}

int
cli_parse_year(const char *s)
{
    char *end;
    long v;

    if (s == NULL || *s == '\0')
        return 0;
    v = strtol(s, &end, 10);
    if (*end != '\0' || v < 1990 || v > 2100)
        return 0;
    return (int)v;
}

int
cli_year(struct store *st, const char *arg, int may_create, int *year, int *exists)
{
    char *cause = NULL;
    enum err e;

    *exists = 0;
    if (arg == NULL) {
        if ((e = store_latest_year(st, year, &cause)) != ERR_OK) {
            if (e == ERR_NOTFOUND) {
                cli_error("%s；请用 --year 指定年度", cause);
                free(cause);
                return EXIT_REJECTED;
            }
            return cli_fail(e, cause);
        }
        *exists = 1;
        return 0;
    }
    if ((*year = cli_parse_year(arg)) == 0) {
        cli_error("--year：“%s”不是有效的年度（1990–2100）", arg);
        return EXIT_USAGE;
    }
    if ((e = store_year_exists(st, *year, exists, &cause)) != ERR_OK)
        return cli_fail(e, cause);
    if (!*exists && !may_create) {
        cli_error("工作簿中没有 %d 年度", *year);
        return EXIT_REJECTED;
    }
    return 0;
}

int
cli_load_year(struct app *app, const char *path, const char *year_arg, struct wb_year *y)
{
    struct store *st;
    char *cause = NULL;
    int year, exists, rc;
    enum err e;

    if ((e = store_open(path, STORE_EXISTING, &st, &cause)) != ERR_OK)
        return cli_fail(e, cause);
    if ((rc = cli_year(st, year_arg, 0, &year, &exists)) != 0) {
        store_close(st);
        return rc;
    }
    e = store_load_year(st, app->lib, year, y, &cause);
    store_close(st);
    return e == ERR_OK ? 0 : cli_fail(e, cause);
}

static void
main_help(void)
{
    size_t i;

    printf("碳账本 tanbook %s - 公共机构碳排放数据收集工作簿（T/ZJJGSW 0005—2024 附录A）\n\n"
           "用法: tanbook COMMAND [ARGS]   每个命令都有 --help\n\n命令:\n", TANBOOK_VERSION);
    for (i = 0; i < nitems(commands); i++)
        printf("  %-9s %s\n", commands[i]->name, commands[i]->summary);
    printf("\n选项:\n  -h, --help     显示本帮助\n  --version      显示版本\n\n"
           "退出码: 0 成功, 1 输入被拒绝或检查发现错误, 2 用法错误, 3 工作簿或文件读写错误\n");
}

int
cli_main(struct app *app, int argc, char **argv)
{
    size_t i;

    for (i = 0; argc >= 2 && i < nitems(commands); i++)
        if (strcmp(argv[1], commands[i]->name) == 0)
            break;
    if (tui_wants(argc, argv) && (argc < 2 || i == nitems(commands)))
        return tui_main(app, argc, argv);
    if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0
        || strcmp(argv[1], "help") == 0) {
        main_help();
        return argc < 2 ? EXIT_USAGE : 0;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("tanbook %s\n", TANBOOK_VERSION);
        return 0;
    }
    for (i = 0; i < nitems(commands); i++) {
        if (strcmp(argv[1], commands[i]->name) != 0)
            continue;
        if (cli_wants_help(argc - 1, argv + 1))
            return cli_help(app, commands[i]);
        return commands[i]->run(app, argc - 1, argv + 1);
    }
    cli_error("未知命令“%s”；可用命令见 tanbook --help", argv[1]);
    return EXIT_USAGE;
}
