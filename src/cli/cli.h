/*
 * cli.h - the command line: a table of subcommands (one file each, cli_NAME.c), shared option
 * and error helpers. Exit codes: 0 ok, 1 rejected input or failed check, 2 usage, 3 workbook/I/O.
 */
#ifndef TANBOOK_CLI_H
#define TANBOOK_CLI_H

#include "app.h"
#include "base/err.h"
#include "store/store.h"
#include "base/xmem.h"

#define EXIT_REJECTED 1
#define EXIT_USAGE 2
#define EXIT_IO 3

struct cli_cmd {
    const char *name;
    const char *summary;   /* one line for `tanbook --help` */
    const char *usage;     /* the synopsis after "tanbook " */
    const char *help;      /* the rest of `tanbook NAME --help` */
    int (*run)(struct app *app, int argc, char **argv);   /* argv[0] is the command name */
    void (*print_help)(const struct app *app);  /* help generated from data (forms/), or NULL */
};

extern const struct cli_cmd cli_cmd_new;
extern const struct cli_cmd cli_cmd_set;
extern const struct cli_cmd cli_cmd_import;
extern const struct cli_cmd cli_cmd_summary;
extern const struct cli_cmd cli_cmd_check;
extern const struct cli_cmd cli_cmd_factors;
extern const struct cli_cmd cli_cmd_demo;
extern const struct cli_cmd cli_cmd_export;

/* Runs the command line argv[1..]; returns the exit code. */
int cli_main(struct app *app, int argc, char **argv);

/*
 * Writes the built-in demo workbook to path. With replace, an existing workbook at path is
 * replaced (never a file that is not a workbook); otherwise path must not exist.
 */
enum err cli_demo_create(struct app *app, const char *path, int replace, char **cause);

/* Prints "tanbook: MESSAGE" to stderr. */
void cli_error(const char *fmt, ...) XMEM_PRINTF(1, 2);
/* Prints cause (or err_str(e)), frees cause, returns e's exit code. */
int cli_fail(enum err e, char *cause);
/* Prints the command's usage line and a pointer to --help on stderr; returns EXIT_USAGE. */
int cli_usage(const struct cli_cmd *cmd);
/* Prints the command's full help on stdout; returns 0. */
int cli_help(const struct app *app, const struct cli_cmd *cmd);
/* Prints one help row: two blanks, left padded to 26 display columns, then right. */
void cli_help_row(const char *left, const char *right);
/* Whether argv holds -h or --help. */
int cli_wants_help(int argc, char **argv);
/* Parses a year 1990..2100; 0 when s is not one. */
int cli_parse_year(const char *s);
/*
 * Resolves --year: the given one (must exist unless may_create), or the workbook's latest.
 * Returns 0, or an exit code after printing why.
 */
int cli_year(struct store *st, const char *arg, int may_create, int *year, int *exists);

/*
 * Opens the workbook at path read-only in spirit, resolves --year (year_arg, NULL = latest) and
 * loads that year into *y (model_free it). Returns 0, or an exit code after printing why.
 */
int cli_load_year(struct app *app, const char *path, const char *year_arg, struct wb_year *y);

#endif
