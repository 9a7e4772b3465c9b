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

/*
 * One option of a command, as its parser reads it and its --help (and the bash completion, which
 * reads --help) shows it: the table is the one place an option is written.
 */
struct cli_opt {
    const char *name;      /* the long option, without "--" */
    const char *arg;       /* its argument as help names it ("YEAR"), NULL for a flag */
    int id;                /* what cli_getopt returns for it, > 0 */
    const char *help;      /* what it does; a "\n" goes on an indented next line */
    char letter;           /* its short form ('o' for -o), 0 when none */
};
/* A table's rows: CLI_OPT("year", "YEAR", 'y', "年度"), CLI_OPT_SHORT('o', "output", …), CLI_OPT_END. */
#define CLI_OPT(name, arg, id, help) {(name), (arg), (id), (help), 0}
#define CLI_OPT_SHORT(letter, name, arg, id, help) {(name), (arg), (id), (help), (letter)}
#define CLI_OPT_END {NULL, NULL, 0, NULL, 0}
/* What cli_getopt returns for an option the table lacks or one missing its argument. */
#define CLI_OPT_BAD '?'

struct cli_cmd {
    const char *name;
    const char *summary;   /* one line for `tanbook --help` */
    const char *usage;     /* the synopsis after "tanbook " */
    const struct cli_opt *opts;   /* the options, CLI_OPT_END last; NULL when print_help shows them */
    const char *help;      /* what `tanbook NAME --help` says after the options: notes, examples */
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
extern const struct cli_cmd cli_cmd_push;
extern const struct cli_cmd cli_cmd_kpi;
extern const struct cli_cmd cli_cmd_target;
extern const struct cli_cmd cli_cmd_measure;
extern const struct cli_cmd cli_cmd_neutrality;
extern const struct cli_cmd cli_cmd_offset;
extern const struct cli_cmd cli_cmd_renewable;
extern const struct cli_cmd cli_cmd_pledge;
extern const struct cli_cmd cli_cmd_evaluate;
extern const struct cli_cmd cli_cmd_maturity;
extern const struct cli_cmd cli_cmd_evidence;
extern const struct cli_cmd cli_cmd_rollup;

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
/* Prints a help row for each option of opts ("--year YEAR", its help). */
void cli_help_opts(const struct cli_opt *opts);
/*
 * The next option of argv by the table opts (getopt_long underneath; its argument in optarg),
 * from the first when argv is not the one of the last call: its id, -1 after the last option
 * (optind is then the first operand), or CLI_OPT_BAD after saying on stderr what is wrong.
 * Options and operands may come in any order.
 */
int cli_getopt(const struct cli_opt *opts, int argc, char **argv);
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

/*
 * `export --format csv` (cli_export_csv.c): the tidy CSV of every year (or year_arg's) of the
 * nfiles workbooks to out_arg (NULL: standard output); the exit code.
 */
int cli_export_csv(struct app *app, char **files, int nfiles, const char *year_arg,
                   const char *out_arg);

struct strbuf;
/* Reads --lang ARG ("zh" or "en") into *lang; 0, or EXIT_USAGE after printing why (cli_kpi.c). */
int cli_lang(const char *arg, enum lang *lang);
/*
 * The progress of p's targets in year, as `kpi` and `target FILE` show it (cli_kpi.c): text
 * lines (workbook texts escaped whole), or the JSON array of `kpi --json`'s "targets".
 */
void cli_kpi_targets(struct strbuf *sb, const struct perf *p, int year);
void cli_kpi_targets_json(struct strbuf *sb, const struct perf *p, int year);

/*
 * What the claim commands (offset, renewable) share (cli_claim.c): the options every one has,
 * with these getopt values in its option table (its own options take CLI_CLAIM_OWN and up), and
 * what was read of them.
 */
enum { CLI_CLAIM_YEAR = 1, CLI_CLAIM_LIST, CLI_CLAIM_DELETE, CLI_CLAIM_JSON, CLI_CLAIM_LANG,
       CLI_CLAIM_OWN };
struct cli_claim {
    const char *file, *year;    /* FILE; --year (NULL: not given) */
    enum lang lang;
    int json;
};
/* A claim command: its options and texts, and what it does to record a row and to list them. */
struct cli_claim_cmd {
    const struct cli_cmd *cmd;
    const struct cli_opt *opts;             /* the shared and own options */
    const char *put_opt;                    /* an option that records, as the usage error names it */
    const char *tbl;                        /* store_claim_delete's table */
    const char *gone_zh, *gone_en;          /* a row, as "no offset has the id 3" names it */
    const char *deleted_zh, *deleted_en;    /* a row, as "Deleted offset [3]" names it */
    /* Takes own option c (arg NULL for one without): 0, or -1 when c is not one of its own. */
    int (*take)(void *own, int c, const char *arg);
    int (*put)(struct app *app, const struct cli_claim *cl, const void *own);
    int (*list)(struct app *app, const struct cli_claim *cl);
};
/*
 * The main of a claim command: reads the options (own: what take fills), then deletes the row
 * --delete names, records the row the own options describe (put), or lists (list), one of them
 * only; returns the exit code.
 */
int cli_claim_main(struct app *app, int argc, char **argv, const struct cli_claim_cmd *cc,
                   void *own);
/* The other helpers the claim commands share (cli_neutral.c). */
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

/*
 * What the evaluation commands share (cli_assess.c): the options that record an assessor's
 * entries, gathered by cli_assess_option (argv's strings, not copied; free the lists with
 * cli_assess_free).
 */
#define CLI_ASSESS_MAX 64
struct cli_assess {
    const char *eval;                   /* "zc" or "maturity" */
    char **sets, **texts, **clears;     /* --set CODE=VALUE, --set-text KEY=TEXT, --clear CODE */
    char **evaluators;                  /* --evaluator NAME,ROLE,DATE */
    size_t nsets, ntexts, nclears, nevaluators;
    const char *note, *evidence, *evidence_file, *assessor;    /* NULL: not given */
};
/* The most changes one command makes: every list full, the evaluators' one, a weight paired. */
#define CLI_ASSESS_CHANGES (3 * CLI_ASSESS_MAX + 2)
/* One entry to write (clear: delete it). */
struct cli_change {
    struct wb_assessment a;
    int clear;
};
/*
 * Takes getopt's c ('s' --set, 't' --set-text, 'c' --clear, 'v' --evaluator, 'n' --note,
 * 'e' --evidence, 'f' --evidence-file, 'a' --assessor) with arg: 0, -1 for another c, or EXIT_USAGE (too many).
 */
int cli_assess_option(struct cli_assess *ca, int c, const char *arg, const struct cli_cmd *cmd);
/* The options of `evaluate` and `maturity`, the ids cli_assess_option takes with 'y', 'j', 'l'. */
extern const struct cli_opt cli_assess_opts[];
/* Whether the command writes (a --set, --set-text, --clear or --evaluator was given). */
int cli_assess_writes(const struct cli_assess *ca);
/* The options fit together (a write needs --year, no --json; --note … need a write); 0 or EXIT_USAGE. */
int cli_assess_check(const struct cli_assess *ca, const char *year_arg, int json,
                     const struct cli_cmd *cmd);
void cli_assess_free(struct cli_assess *ca);
/*
 * Appends `"report": {"evaluators": [{"name", "role", "date"} …], "findings": …, "conclusion": …}`
 * (the texts of eval's report for year in p, "" where none is entered; an older free text of the
 * evaluators as names with role and date "") to sb.
 */
void cli_assess_report_json(struct strbuf *sb, const struct wb_plan *p, int year,
                            const char *eval);
/* What an evaluation command does once its options are read: show, or write the entries. */
typedef int (*cli_assess_show_fn)(struct app *app, const char *file, const char *year_arg,
                                  int json, enum lang lang);
typedef int (*cli_assess_write_fn)(struct app *app, const char *file, const char *year_arg,
                                   const struct cli_assess *ca, enum lang lang);
/*
 * The main of `evaluate` and `maturity` (eval "zc" or "maturity"): reads --year, --json,
 * --lang and the entry options of cmd, then shows or writes.
 */
int cli_assess_main(struct app *app, int argc, char **argv, const char *eval,
                    const struct cli_cmd *cmd, cli_assess_show_fn show,
                    cli_assess_write_fn write);
/* Who enters: --assessor, else $TANBOOK_ASSESSOR, else "". */
const char *cli_assessor(const struct cli_assess *ca);
/* Splits opt's KEY=VALUE arg: *key (caller frees) and *value (into arg); 0 or EXIT_USAGE. */
int cli_assess_split(const char *opt, const char *arg, char **key, const char **value,
                     const struct cli_cmd *cmd);
/* Reads --set code's value: *has 0 for "" (no value); 0, or EXIT_REJECTED after saying why. */
int cli_assess_number(const char *code, const char *text, int *has, double *v, enum lang l);
/*
 * Fills *c for code of year: what p held for it before (note, evidence), with the note, evidence,
 * evidence file and assessor of ca; the value is the caller's. 0, or an exit code (a file that
 * cannot be read). plan_assessment_free c->a.
 */
int cli_assess_entry(const struct cli_assess *ca, const struct wb_plan *p, int year, const char *code,
                     struct cli_change *c);
/*
 * What sets the two evaluation commands apart when they turn options into changes: cmd, the keys
 * of --set-text (each kept as "#KEY"), the code stored for a CODE typed after --set or --clear
 * (caller frees; NULL when there is no such item), what is said of such an unknown CODE after
 * opt, and a --set value read and checked for code (0, or an exit code after saying why).
 */
struct cli_assess_kind {
    const struct cli_cmd *cmd;
    const char *const *text_keys;
    size_t ntext_keys;
    char *(*code)(const struct app *app, const char *typed);
    void (*unknown)(const char *opt, const char *typed, enum lang l);
    int (*value)(const struct app *app, const char *code, const char *text, int *has, double *v,
                 enum lang l);
};
/*
 * Appends to c[*n …] the changes ca asks for: each --set CODE=VALUE (the note, evidence and
 * assessor of ca with it), each --set-text KEY=TEXT (TEXT "" clears it; evaluators= checked by
 * evaluators_parse and stored canonically), the --evaluator options together as one change (the
 * list they give replaces the one stored), each --clear CODE ("#KEY" too). 0, or an exit code
 * after saying why (EXIT_USAGE for an unknown CODE or KEY, EXIT_REJECTED for a value or
 * evaluators refused). c holds CLI_ASSESS_CHANGES.
 */
int cli_assess_changes(const struct app *app, const struct cli_assess *ca,
                       const struct cli_assess_kind *k, const struct wb_plan *p, int year,
                       struct cli_change *c, size_t *n, enum lang l);
/* Fills *c to delete code's entry of year. */
void cli_assess_clear(const struct cli_assess *ca, int year, const char *code, struct cli_change *c);
/*
 * Writes the n changes to wb in one transaction (one undoable action), each checked with
 * plan_assessment_valid first; 0, or an exit code after saying why (nothing written).
 */
int cli_assess_put(struct book *wb, struct cli_change *c, size_t n, enum lang l);
/* Frees the n changes and the array. */
void cli_changes_free(struct cli_change *c, size_t n);
/* What evaluate and maturity give the shared write of assessor entries (cli_assess_write). */
struct cli_assess_writer {
    /* the changes ca asks for: cli_assess_changes with the command's kind, and what it adds */
    int (*changes)(const struct app *app, const struct cli_assess *ca, const struct wb_plan *p,
                   int year, struct cli_change *c, size_t *n, enum lang l);
    /* the evaluation of year once written, or an exit code after saying why */
    int (*evaluate)(struct book *wb, int year, enum lang l, struct book_eval *be);
    /* says what was written and the new result */
    void (*written)(const struct book_eval *be, const struct cli_change *c, size_t n, enum lang l);
};
/*
 * Opens file for writing, turns ca into changes against its plan, writes them as one undoable
 * action and prints the result with w; 0 or an exit code.
 */
int cli_assess_write(struct app *app, const char *file, const char *year_arg,
                     const struct cli_assess *ca, const struct cli_assess_writer *w, enum lang l);
/*
 * Appends text (escaped whole) on lines of at most width columns, each indented by indent
 * blanks; an English word is not cut when a blank lets it move to the next line.
 */
void cli_wrap(struct strbuf *sb, const char *text, int indent, int width);

#endif
