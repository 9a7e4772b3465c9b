/*
 * cli.h - the command line: a table of subcommands (one file each, cli_NAME.c), shared option
 * and error helpers. Exit codes: 0 ok, 1 rejected input or failed check, 2 usage, 3 workbook/I/O.
 */
#ifndef TANBOOK_CLI_H
#define TANBOOK_CLI_H

#include "app.h"
#include "base/err.h"
#include "base/xmem.h"
#include "book/book.h"

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
extern const struct cli_cmd cli_cmd_kpi;
extern const struct cli_cmd cli_cmd_target;
extern const struct cli_cmd cli_cmd_measure;
extern const struct cli_cmd cli_cmd_neutrality;
extern const struct cli_cmd cli_cmd_offset;
extern const struct cli_cmd cli_cmd_renewable;
extern const struct cli_cmd cli_cmd_pledge;

/* Runs the command line argv[1..]; returns the exit code. */
int cli_main(struct app *app, int argc, char **argv);
/* Whether name is a subcommand ("summary"), so that main() need not guess it is a file. */
int cli_is_command(const char *name);

/*
 * Prints to stdout what fmt makes, every control character but newline and tab escaped
 * (text_escape_controls: ESC as \u001b): how a command prints anything that holds text from a
 * workbook, a CSV or the command line. A value that must stay on its line is escaped whole
 * (text_escape_controls(v, 0)) before it goes in.
 */
void cli_out(const char *fmt, ...) XMEM_PRINTF(1, 2);
/* Prints "tanbook: MESSAGE" to stderr, escaped as cli_out escapes. */
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
/* Opens the workbook at path (book_open); returns 0, or an exit code after printing why. */
int cli_open(const struct app *app, const char *path, enum book_mode mode,
             struct book **wb);
/*
 * Resolves --year (arg, NULL = the latest; it must exist unless may_create) with book_year.
 * Returns 0, or an exit code after printing why (2 for text that is no year, 1 for a year the
 * workbook lacks).
 */
int cli_year(struct book *wb, const char *arg, int may_create, int *year, int *exists);

/*
 * Opens the workbook at path read-only (never written, never migrated), resolves --year
 * (year_arg, NULL = latest) and loads that year into *y (model_free it). Returns 0, or an exit
 * code after printing why.
 */
int cli_load_year(struct app *app, const char *path, const char *year_arg, struct wb_year *y);

struct strbuf;
/* Reads --lang ARG ("zh" or "en") into *lang; 0, or EXIT_USAGE after printing why (cli_kpi.c). */
int cli_lang(const char *arg, enum lang *lang);
/*
 * The progress of p's targets in year, as `kpi` and `target FILE` show it (cli_kpi.c): text
 * lines (workbook texts escaped whole), or the JSON array of `kpi --json`'s "targets".
 */
void cli_kpi_targets(struct strbuf *sb, const struct perf *p, int year);
void cli_kpi_targets_json(struct strbuf *sb, const struct perf *p, int year);

/* What the claim commands share (cli_neutral.c). */
/* Reads a row id given to opt ("--delete", "--id"); 0, or EXIT_USAGE after saying why. */
int cli_claim_id(const char *opt, const char *arg, long long *id);
/*
 * Sets ev's reference (trimmed) and, when file is given, names it by its absolute path with its
 * SHA-256 taken now; 0, or an exit code after saying why (a file that cannot be read: 1).
 */
int cli_evidence(struct wb_evidence *ev, const char *ref, const char *file);
/* The JSON name of an evidence file's state: "", "same", "changed", "missing". */
const char *cli_evidence_state_id(enum evidence_state s);
/*
 * Says on stderr, as notes, which of the n offsets o (stored: their ids set) would not count
 * for their year and why (naming lines[i] of a CSV, or the ids when lines is NULL), and which
 * are claimed for a year the workbook does not have.
 */
void cli_offset_notes(struct book *wb, const struct wb_offset *o, size_t n, const size_t *lines,
                      enum lang l);

#endif
