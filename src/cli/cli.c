/*
 * cli.c - subcommand table, dispatch, --help/--version and shared helpers, among them the one
 * seam where the commands print what a workbook or a CSV holds (cli_out, cli_error): every
 * control character escaped, so that no text from a file can move the cursor, clear the screen
 * or set the title of the terminal it is printed on.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/text.h"
#include "base/width.h"

static const struct cli_cmd *const commands[] = {
    &cli_cmd_new,
    &cli_cmd_set,
    &cli_cmd_import,
    &cli_cmd_summary,
    &cli_cmd_export,
    &cli_cmd_push,
    &cli_cmd_kpi,
    &cli_cmd_target,
    &cli_cmd_measure,
    &cli_cmd_neutrality,
    &cli_cmd_offset,
    &cli_cmd_renewable,
    &cli_cmd_pledge,
    &cli_cmd_evaluate,
    &cli_cmd_maturity,
    &cli_cmd_evidence,
    &cli_cmd_rollup,
    &cli_cmd_check,
    &cli_cmd_factors,
    &cli_cmd_demo,
};

/* Writes the text fmt makes to f, its controls escaped but newlines and tabs. */
static void XMEM_PRINTF(2, 0)
put_escaped(FILE *f, const char *fmt, va_list ap)
{
    char *s = xvasprintf(fmt, ap), *safe = text_escape_controls(s, 1);

    fputs(safe, f);
    free(safe);
    free(s);
}

void
cli_out(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    put_escaped(stdout, fmt, ap);
    va_end(ap);
}

void
cli_error(const char *fmt, ...)
{
    va_list ap;

    fputs("tanbook: ", stderr);
    va_start(ap, fmt);
    put_escaped(stderr, fmt, ap);
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
    int shown = 0;

    printf("用法: tanbook %s\n\n%s\n\n", cmd->usage, cmd->summary);
    if (cmd->print_help != NULL) {
        cmd->print_help(app);
        shown = 1;
    }
    if (cmd->opts != NULL && cmd->opts[0].name != NULL) {
        printf("选项:\n");
        cli_help_opts(cmd->opts);
        shown = 1;
    }
    if (cmd->help != NULL && cmd->help[0] != '\0')
        printf("%s%s", shown ? "\n" : "", cmd->help);
    return 0;
}

void
cli_help_opts(const struct cli_opt *opts)
{
    const struct cli_opt *o;
    char *left;

    for (o = opts; o->name != NULL; o++) {
        const char *h = o->help, *nl;
        char pre[8] = "";

        if (o->letter != 0)
            snprintf(pre, sizeof pre, "-%c, ", o->letter);
        left = xasprintf("%s--%s%s%s", pre, o->name, o->arg ? " " : "", o->arg ? o->arg : "");
        nl = strchr(h, '\n');
        if (nl == NULL) {   /* one line: wrapped at 80 columns under itself */
            struct strbuf sb = {0};
            char *rest;

            cli_wrap(&sb, h, 28, 80);
            rest = strchr(sb.s, '\n');
            *rest = '\0';
            cli_help_row(left, sb.s + 28);
            fputs(rest + 1, stdout);
            sb_free(&sb);
        } else {    /* broken by its author: each line as it is */    /* the first line beside the option, the others under it */
            char *first = xstrndup(h, (size_t)(nl - h));

            cli_help_row(left, first);
            free(first);
            for (h = nl + 1;; h = nl + 1) {
                nl = strchr(h, '\n');
                printf("%28s%.*s\n", "", nl != NULL ? (int)(nl - h) : (int)strlen(h), h);
                if (nl == NULL || nl[1] == '\0')
                    break;
            }
        }
        free(left);
    }
}

/* getopt_long's table of opts, in storage of the parser's own (a command has a few dozen at most). */
#define CLI_OPTS_MAX 96

int
cli_getopt(const struct cli_opt *opts, int argc, char **argv)
{
    static struct option table[CLI_OPTS_MAX + 1];
    static char letters[2 * CLI_OPTS_MAX + 1];
    static const struct cli_opt *last_opts;
    static char **last_argv;
    size_t n, k = 0;
    int c;

    if (argv != last_argv || opts != last_opts) {
        for (n = 0; opts[n].name != NULL && n < CLI_OPTS_MAX; n++) {
            table[n] = (struct option){opts[n].name,
                                       opts[n].arg != NULL ? required_argument : no_argument,
                                       NULL, opts[n].id};
            if (opts[n].letter != 0) {
                letters[k++] = opts[n].letter;
                if (opts[n].arg != NULL)
                    letters[k++] = ':';
            }
        }
        table[n] = (struct option){NULL, 0, NULL, 0};
        letters[k] = '\0';
        last_opts = opts;
        last_argv = argv;
        optind = 1;
        opterr = 0;
    }
    c = getopt_long(argc, argv, letters, table, NULL);
    if (c == -1) {
        last_argv = NULL;    /* the next call, on any argv, starts afresh */
        return -1;
    }
    if (c == '?' || c == ':') {
        const char *bad = argv[optind - 1];
        size_t i;

        for (i = 0; opts[i].name != NULL; i++)
            if ((strncmp(bad, "--", 2) == 0 && strcmp(bad + 2, opts[i].name) == 0)
                || (bad[0] == '-' && bad[1] == opts[i].letter && bad[1] != '\0' && bad[2] == '\0'))
                break;
        if (opts[i].name != NULL && opts[i].arg != NULL)
            cli_error("选项“%s”需要一个值", bad);
        else
            cli_error("无法识别的选项“%s”", bad);
        return CLI_OPT_BAD;
    }
    return c;
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
cli_open(const struct app *app, const char *path, enum book_mode mode, struct book **wb)
{
    char *cause = NULL;
    enum err e;

    if ((e = book_open(app, path, mode, wb, &cause)) != ERR_OK)
        return cli_fail(e, cause);
    return 0;
}

int
cli_year(struct book *wb, const char *arg, int may_create, int *year, int *exists)
{
    char *cause = NULL;
    enum err e = book_year(wb, arg, may_create, year, exists, &cause);

    if (e == ERR_USAGE) {
        cli_error("--year：%s", cause);
        free(cause);
        return EXIT_USAGE;
    }
    if (e == ERR_NOTFOUND && arg == NULL) {
        cli_error("%s；请用 --year 指定年度", cause);
        free(cause);
        return EXIT_REJECTED;
    }
    return e == ERR_OK ? 0 : cli_fail(e, cause);
}

int
cli_load_year(struct app *app, const char *path, const char *year_arg, struct wb_year *y)
{
    struct book *wb;
    char *cause = NULL;
    int year, exists, rc;
    enum err e;

    if ((rc = cli_open(app, path, BOOK_READ, &wb)) != 0)
        return rc;
    if ((rc = cli_year(wb, year_arg, 0, &year, &exists)) != 0) {
        book_close(wb);
        return rc;
    }
    e = book_load(wb, year, y, &cause);
    book_close(wb);
    return e == ERR_OK ? 0 : cli_fail(e, cause);
}

static void
main_help(void)
{
    size_t i;

    printf("碳账本 tanbook %s - 公共机构碳排放数据收集工作簿（T/ZJJGSW 0005—2024 附录A）\n\n"
           "用法: tanbook COMMAND [ARGS]   每个命令都有 --help\n"
           "      tanbook [FILE] [--year YEAR] [--lang zh|en]   在终端中打开工作簿（不给 FILE 时为默认工作簿）\n"
           "      tanbook --demo [--lang zh|en]   打开内置的示例工作簿\n\n命令:\n", TANBOOK_VERSION);
    for (i = 0; i < nitems(commands); i++)
        printf("  %-11s %s\n", commands[i]->name, commands[i]->summary);
    printf("\n选项:\n  -h, --help     显示本帮助\n  --version      显示版本\n\n"
           "退出码: 0 成功, 1 输入被拒绝或检查发现错误, 2 用法错误, 3 工作簿或文件读写错误\n");
}

int
cli_is_command(const char *name)
{
    size_t i;

    for (i = 0; i < nitems(commands); i++)
        if (strcmp(name, commands[i]->name) == 0)
            return 1;
    return 0;
}

int
cli_main(struct app *app, int argc, char **argv)
{
    size_t i;

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
        app->program = commands[i]->name;    /* recorded with each edit the command makes */
        return commands[i]->run(app, argc - 1, argv + 1);
    }
    cli_error("未知命令“%s”；可用命令见 tanbook --help", argv[1]);
    return EXIT_USAGE;
}
