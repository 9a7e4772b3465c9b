/*
 * tui_open.c - starting the terminal workbook: the command line of `tanbook [FILE]`, the default
 * and demo workbooks, creating a new workbook after asking for its unit name and year, opening it
 * for the session (read-only while another window edits it), the terminal set up and always
 * given back (on quit, on a fatal error, on SIGTERM/SIGHUP/SIGINT). A signal that ends it while a
 * field is being typed saves the text as Enter would, or, when it cannot be saved as it stands,
 * keeps it in the workbook and offers it in its cell the next time the workbook opens.
 */
#include <curses.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/strbuf.h"
#include "base/text.h"
#include "book/book_lock.h"
#include "book/demo.h"
#include "tui/tui.h"
#include "core/engine.h"
#include "tui/tui_int.h"

static volatile sig_atomic_t got_signal;
static int curses_on;

static void
on_signal(int sig)
{
    got_signal = sig;
}

/* Gives the terminal back: on quit, on a fatal error, at exit. */
static void
restore_terminal(void)
{
    if (curses_on) {
        curses_on = 0;
        endwin();
    }
}

static void
catch_signals(void)
{
    static const int sigs[] = {SIGTERM, SIGHUP, SIGINT, SIGQUIT};
    struct sigaction sa;
    size_t i;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (i = 0; i < nitems(sigs); i++)
        sigaction(sigs[i], &sa, NULL);
}


int
tui_signalled(void)
{
    return got_signal != 0;
}

int
tui_getkey(struct tui *t, wint_t *ch, int *is_key)
{
    int rc;

    (void)t;
    rc = get_wch(ch);
    if (got_signal)
        return 0;
    if (rc == ERR)
        return 0;
    *is_key = rc == KEY_CODE_YES;
    return 1;
}

static int
start_curses(void)
{
    if (newterm(NULL, stdout, stdin) == NULL)
        return 0;
    curses_on = 1;
    raw();             /* Ctrl-Z/Y/Q/C/S arrive as keys; no XON/XOFF freeze */
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    timeout(200);      /* wake up to notice SIGTERM/SIGHUP */
    mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED, NULL);
    mouseinterval(0);  /* a press is a click: no waiting to tell clicks from double clicks */
    curs_set(0);
    return 1;
}

/*
 * Asks for the unit name and year of a new workbook and creates it (closed again: it is opened
 * for the session as any workbook is); 0 when the user cancelled.
 */
static int
create_workbook(struct tui *t, char **cause, enum err *e)
{
    char *name = NULL, *ytext = NULL, *def;
    time_t now = time(NULL);
    struct tm tm;
    int year = 0;

    localtime_r(&now, &tm);
    while (name == NULL || text_is_blank(name)) {
        free(name);
        name = NULL;
        if (!tui_prompt(t, TR(t, "单位名称：", "Unit name: "), "", &name))
            return 0;
    }
    def = xasprintf("%d", tm.tm_year + 1900 - 1);
    while (year == 0) {                 /* a refused answer stays in the prompt to be corrected */
        if (!tui_prompt(t, TR(t, "报告年度：", "Reporting year: "), def, &ytext)) {
            free(def);
            free(name);
            return 0;
        }
        year = tui_parse_year(t, ytext);
        free(def);
        def = ytext;
        ytext = NULL;
    }
    free(def);
    if ((*e = book_open(t->app, t->path, BOOK_CREATE, &t->book, cause)) == ERR_OK) {
        t->st = book_store(t->book);
        if ((*e = store_begin(t->st, cause)) == ERR_OK
            && (*e = store_year_add(t->st, t->app->lib, year, NULL, NULL, cause)) == ERR_OK
            && (*e = store_info_set(t->st, FS_UNIT, year, "unit_name", name, cause)) == ERR_OK)
            *e = store_commit(t->st, cause);
        if (*e != ERR_OK)
            store_rollback(t->st);
        book_close(t->book);
        t->book = NULL;
        t->st = NULL;
        if (*e != ERR_OK)
            store_remove(t->path);
    }
    free(name);
    t->year = year;
    tui_clear_message(t);
    return 1;
}

static int
has_option(const char *arg)
{
    return strcmp(arg, "--demo") == 0 || strncmp(arg, "--lang", 6) == 0
           || strncmp(arg, "--year", 6) == 0;
}

int
tui_wants(int argc, char **argv)
{
    struct stat sb;

    if (argc < 2 || has_option(argv[1]))
        return 1;
    /* a file name: an existing file, or a new one with a path or an extension ("office.tanbook");
       a bare word is a mistyped command, not a workbook to create */
    return argv[1][0] != '-' && (stat(argv[1], &sb) == 0 || strchr(argv[1], '.') != NULL
                                 || strchr(argv[1], '/') != NULL);
}

/* $XDG_DATA_HOME/tanbook (or ~/.local/share/tanbook), created; NULL with *cause on failure. */
static char *
data_dir(char **cause)
{
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    char *base, *dir, *p;

    if (xdg != NULL && xdg[0] == '/')
        base = xstrdup(xdg);
    else if (home != NULL && home[0] != '\0')
        base = xasprintf("%s/.local/share", home);
    else {
        *cause = xstrdup("没有 HOME 或 XDG_DATA_HOME，无法确定默认工作簿的位置");
        return NULL;
    }
    dir = xasprintf("%s/tanbook", base);
    free(base);
    for (p = dir + 1; *p != '\0'; p++)
        if (*p == '/') {
            *p = '\0';
            if (mkdir(dir, 0755) != 0 && errno != EEXIST)
                break;
            *p = '/';
        }
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        *cause = xasprintf("无法创建目录 %s：%s", dir, strerror(errno));
        free(dir);
        return NULL;
    }
    return dir;
}

static enum lang
env_lang(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    size_t i;

    for (i = 0; i < nitems(vars); i++) {
        const char *v = getenv(vars[i]);

        if (v != NULL && v[0] != '\0')
            return strncmp(v, "en", 2) == 0 ? LANG_EN : LANG_ZH;
    }
    return LANG_ZH;
}

void
tui_free(struct tui *t)
{
    tui_steps_free(t);
    model_free(&t->y);
    model_free(&t->prev);
    engine_memo_free(t->memo);
    check_memo_free(t->cmemo);
    if (t->rep_ok)
        report_free(&t->rep);
    free(t->rep_err);
    check_free(&t->chk);
    free(t->msg);
    free(t->path);
    book_close(t->book);
}

/* Says why on stderr (the screen is not up), its controls escaped (a cause may quote the file),
   frees cause, returns e's exit code. */
static int
say(enum err e, char *cause)
{
    char *safe = text_escape_controls(cause != NULL ? cause : err_str(e), 1);

    fprintf(stderr, "tanbook: %s\n", safe);
    free(safe);
    free(cause);
    return err_exit_code(e);
}

static int
usage(enum lang lang)
{
    if (lang == LANG_EN)
        fprintf(stderr, "usage: tanbook [FILE] [--year YEAR] [--lang zh|en]\n"
                        "       tanbook --demo [--lang zh|en]\n"
                        "For the command line, see tanbook --help\n");
    else
        fprintf(stderr, "用法: tanbook [FILE] [--year YEAR] [--lang zh|en]\n"
                        "      tanbook --demo [--lang zh|en]\n"
                        "命令行用法见 tanbook --help\n");
    return err_exit_code(ERR_USAGE);
}

/* The language --lang asks for anywhere on the command line (so a usage error before it is in it too). */
static enum lang
arg_lang(int argc, char **argv, enum lang dflt)
{
    int i;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--lang=en") == 0 || (strcmp(argv[i], "--lang") == 0 && i + 1 < argc
                                                  && strcmp(argv[i + 1], "en") == 0))
            return LANG_EN;
        if (strcmp(argv[i], "--lang=zh") == 0 || (strcmp(argv[i], "--lang") == 0 && i + 1 < argc
                                                  && strcmp(argv[i + 1], "zh") == 0))
            return LANG_ZH;
    }
    return dflt;
}

/*
 * A year or plan the store refuses to load (a number or period no tanbook writes, store_read.c,
 * store_plan.c, and the claims of store_neutral.c: offsets, renewables, the plan's texts) is
 * refused before the screen is up, as the command line refuses it: not shown as an empty year to
 * type into.
 */
static enum err
load_once(struct tui *t, char **cause)
{
    struct wb_year y;
    struct wb_plan plan;
    enum err e = book_load(t->book, t->year, &y, cause);

    if (e == ERR_OK)
        model_free(&y);
    if (e == ERR_OK && (e = book_load_plan(t->book, &plan, cause)) == ERR_OK)
        plan_free(&plan);
    if (e == ERR_CORRUPT)
        return e;
    if (e != ERR_OK) {    /* anything else the screen says, as it always did (tui_reload) */
        free(*cause);
        *cause = NULL;
    }
    return ERR_OK;
}

/*
 * Opens t->path for the session (or, after the program is on screen, asks for what a new one needs
 * and creates it first): for editing, or read-only while another window edits it (tui_watch.c).
 */
static int
open_workbook(struct tui *t, const char *year_arg, int *exit_code)
{
    struct stat sb;
    char *cause = NULL;
    enum err e = ERR_OK;
    int exists, created = 0;

    if (stat(t->path, &sb) != 0) {
        if (!start_curses()) {
            *exit_code = say(ERR_IO, xasprintf(TR(t, "无法初始化终端（TERM=%s）",
                                                  "Cannot start the terminal (TERM=%s)"),
                                               getenv("TERM") ? getenv("TERM") : ""));
            return 0;
        }
        if (!create_workbook(t, &cause, &e)) {
            restore_terminal();
            *exit_code = 0;
            return 0;
        }
        created = 1;
    }
    if (e != ERR_OK || (e = book_open(t->app, t->path, BOOK_SESSION, &t->book, &cause)) != ERR_OK
        || (!created
            && (e = book_year(t->book, year_arg, 0, &t->year, &exists, &cause)) != ERR_OK)
        || (e = load_once(t, &cause)) != ERR_OK) {
        restore_terminal();
        *exit_code = say(e, cause);
        return 0;
    }
    t->st = book_store(t->book);
    t->readonly = book_share(t->book);
    return 1;
}

/*
 * The name of the focused cell as the screen shows it: a record's label, or a grid row's leading
 * texts and the column's head ("外购电力 kWh 3月"). The caller frees it.
 */
static char *
cell_label(const struct tui *t)
{
    const struct sheet_cell *c;
    struct strbuf sb = {0};
    int i, n = t->grid.frozen > 0 ? t->grid.frozen : 1;

    for (i = 0; i < n && i < t->col; i++)
        if ((c = sheet_cell(&t->grid, t->row, i)) != NULL && !text_is_blank(c->text))
            sb_printf(&sb, "%s%s", sb.len > 0 ? " " : "", c->text);
    if (t->grid.heads != NULL && t->grid.heads[t->col] != NULL)
        sb_printf(&sb, "%s%s", sb.len > 0 ? " " : "", t->grid.heads[t->col]);
    return sb_take(&sb);
}

/*
 * A signal is ending the program while a field is being typed: the text is saved as Enter would
 * save it; one that cannot be (refused as it stands) is kept in the workbook for the next open.
 */
static void
keep_edit(struct tui *t)
{
    struct store_pending p = {.year = t->year, .row = t->row, .col = t->col};
    char *cause = NULL;

    if (tui_commit_edit(t))
        return;
    p.step = t->steps[t->step].id;
    p.label = cell_label(t);
    p.text = editor_text(&t->ed);
    if (!text_is_blank(p.text) && store_pending_put(t->st, &p, &cause) != ERR_OK)
        free(cause);             /* nobody is left to tell: the program is ending */
    free(p.label);
    free(p.text);
}

/*
 * The text kept when a signal ended the last session: in its cell again, the editor open on it,
 * saying what it is (Enter saves it, Esc drops it); when the cell is not there any more, only
 * what it was. Either way it is taken out of the workbook.
 */
static void
offer_kept(struct tui *t)
{
    struct store_pending p;
    const struct sheet_cell *c = NULL;
    char *cause = NULL, *label = NULL;
    size_t s;
    int found;

    if (store_pending_take(t->st, &p, &found, &cause) != ERR_OK || !found) {
        free(cause);
        return;
    }
    for (s = 0; s < t->nsteps && strcmp(t->steps[s].id, p.step) != 0; s++)
        continue;
    if (p.year == t->year && s < t->nsteps) {
        tui_go_step(t, (int)s);
        if (p.row >= 0 && p.row < t->grid.nrows && p.col >= 0 && p.col < t->grid.ncols) {
            t->row = p.row;
            t->col = p.col;
            c = tui_cell(t);
            label = cell_label(t);
        }
    }
    if (c != NULL && (c->flags & SHEET_EDIT) && t->kind->commit != NULL
        && strcmp(label, p.label) == 0) {
        editor_init(&t->ed, p.text, t->grid.widths[t->col], 0);
        t->editing = 1;
        tui_message(t, MSG_WARN, TR(t, "上次退出时 表%s %s 正在输入“%s”：Enter 保存 / Esc 放弃",
                                    "Last time it ended while typing into %s %s: “%s”. "
                                    "Enter saves it, Esc drops it"),
                    p.step, p.label, p.text);
    } else {
        tui_go_step(t, 0);
        tui_message(t, MSG_WARN, TR(t, "上次退出时 %d 年度 表%s %s 正在输入“%s”，未保存：该格已不在",
                                    "Last time it ended while typing into year %d, %s %s: "
                                    "“%s”; not saved: that cell is gone"),
                    p.year, p.step, p.label, p.text);
    }
    free(label);
    store_pending_free(&p);
}

int
tui_main(struct app *app, int argc, char **argv)
{
    static const struct option opts[] = {
        {"demo", no_argument, NULL, 'd'},
        {"lang", required_argument, NULL, 'l'},
        {"year", required_argument, NULL, 'y'},
        {NULL, 0, NULL, 0},
    };
    struct tui t;
    const char *year_arg = NULL;
    char *cause = NULL, *dir;
    int c, demo = 0, rc = 0;
    enum err e;

    memset(&t, 0, sizeof(t));
    t.sel = -1;
    t.app = app;
    t.lang = arg_lang(argc, argv, env_lang());
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            demo = 1;
        else if (c == 'y')
            year_arg = optarg;
        else if (c == 'l' && (strcmp(optarg, "en") == 0 || strcmp(optarg, "zh") == 0))
            t.lang = optarg[0] == 'e' ? LANG_EN : LANG_ZH;
        else
            return usage(t.lang);
    }
    if (argc - optind > 1 || (demo && argc - optind > 0))
        return usage(t.lang);
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
        return say(ERR_USAGE, xstrdup(TR(&t, "工作簿界面需要在终端中运行；命令行用法见 tanbook --help",
                                         "The workbook needs a terminal; for the command line, see "
                                         "tanbook --help")));
    app->lang = t.lang;
    app->program = "tui";       /* recorded with each edit, so that undo knows its own */
    if (argc - optind == 1) {
        t.path = xstrdup(argv[optind]);
    } else {
        if ((dir = data_dir(&cause)) == NULL)
            return say(ERR_IO, cause);
        t.path = xasprintf("%s/%s", dir, demo ? "demo.tanbook" : "workbook.tanbook");
        free(dir);
    }
    /* a demo being edited in another window is opened beside it, not made afresh under it */
    if (demo && !book_lock_busy(t.path) && (e = demo_create(app, t.path, 1, &cause)) != ERR_OK) {
        free(t.path);
        return say(e, cause);
    }
    xmem_on_fatal(restore_terminal);
    atexit(restore_terminal);
    catch_signals();
    tui_steps_init(&t);
    if (!open_workbook(&t, year_arg, &rc)) {
        tui_free(&t);
        return rc;
    }
    if (!curses_on && !start_curses()) {
        tui_free(&t);
        return say(ERR_IO, xasprintf(TR(&t, "无法初始化终端（TERM=%s）",
                                        "Cannot start the terminal (TERM=%s)"),
                                     getenv("TERM") ? getenv("TERM") : ""));
    }
    tui_colors(&t);
    tui_first_frame(&t);         /* A.1 on screen at once; the year's figures follow */
    tui_reload(&t);
    tui_watch_start(&t);
    tui_go_step(&t, 0);
    offer_kept(&t);
    tui_run(&t);
    if (tui_signalled() && t.editing)
        keep_edit(&t);           /* what was being typed is not lost with the window */
    restore_terminal();
    tui_free(&t);
    return got_signal ? 128 + got_signal : 0;
}

