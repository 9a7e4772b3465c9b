/*
 * tui_int.h - what the files of the terminal workbook share: its state, the screen kinds the
 * steps are drawn with, the key table. Private to src/tui/.
 *
 * The steps come from forms/steps.tsv (the form set's steps[]): each names a kind of screen and
 * the sheet module (src/sheet/) that fills it. A kind is an ops struct in its own file:
 * tui_record.c (label | value, as A.1), tui_grid.c (rows × columns, as A.3, A.5, A.6),
 * tui_view.c (computed, read-only, as A.2, A.4), tui_export.c (the export step). The loop in
 * tui.c handles what every step shares (moving between steps, undo, help, export, quit) and
 * passes the rest to the step's kind.
 */
#ifndef TANBOOK_TUI_INT_H
#define TANBOOK_TUI_INT_H

#include <stddef.h>
#include <wchar.h>

#include "app.h"
#include "book/book.h"
#include "core/check.h"
#include "core/model.h"
#include "core/report.h"
#include "sheet/sheet.h"
#include "store/store.h"
#include "tui/editor.h"

/* The text in the screen's language; a macro so printf formats stay checked. */
#define TR(t, zh, en) ((t)->lang == LANG_EN ? (en) : (zh))

/* The smallest terminal the screen is laid out for. */
#define TUI_MIN_COLS 80
#define TUI_MIN_ROWS 24

/* Message levels are the sheets' (a sheet's message goes to the message line as it is). */
enum msg_level { MSG_INFO = SHEET_SAY_INFO, MSG_OK = SHEET_SAY_OK, MSG_WARN = SHEET_SAY_WARN,
                 MSG_ERROR = SHEET_SAY_ERROR };

/* Where things go for the current terminal size. */
struct tui_area {
    int grid_y, grid_x, grid_w, grid_h;   /* grid_h counts the head line */
    int live_y, live_x, live_w, live_h;
    int wide;                             /* live panel as a column on the right */
};

/* tui_keys.c - the key table: the master copy of every binding, the F1 help and the hint line. */
enum action {
    ACT_NONE,
    ACT_NEXT, ACT_PREV, ACT_UP, ACT_DOWN, ACT_LEFT, ACT_RIGHT, ACT_HOME, ACT_END,
    ACT_EDIT, ACT_CANCEL, ACT_NEXT_STEP, ACT_PREV_STEP, ACT_ADD, ACT_DELETE,
    ACT_UNDO, ACT_REDO, ACT_HELP, ACT_EXPORT, ACT_QUIT, ACT_SETTINGS, ACT_YEAR, ACT_SAVE,
    ACT_SEL_LEFT, ACT_SEL_RIGHT, ACT_FILL_DOWN, ACT_FILL_RIGHT, ACT_NA, ACT_ISSUES,
};

struct tui;

/* A kind of step screen. NULL members: the kind has no such thing. */
struct tui_kind {
    enum step_kind kind;          /* the steps.tsv kind it draws */
    int one_column;               /* the focus stays in the sheet's start column (a record) */
    /* Fills t->grid for the step from the loaded year. */
    void (*build)(struct tui *t);
    void (*draw)(struct tui *t, const struct tui_area *a);
    /* A key outside the field editor that the loop left to the step; 1 when it meant something. */
    int (*key)(struct tui *t, enum action a, wint_t ch, int is_key);
    /* Saves text typed into the focused cell; ERR_INPUT keeps the editor open (the message says why). */
    enum err (*commit)(struct tui *t, const char *text);
    /* The one-line help of the focused cell, or NULL. */
    const char *(*help)(const struct tui *t);
    void (*add)(struct tui *t);       /* Ins */
    void (*del)(struct tui *t);       /* Del */
    void (*settings)(struct tui *t);  /* F2 */
};

extern const struct tui_kind tui_kind_record, tui_kind_grid, tui_kind_view, tui_kind_export;

struct tui {
    struct app *app;
    enum lang lang;
    struct book *book;
    struct store *st;            /* the book's store */
    enum book_share readonly;    /* BOOK_SHARE_OWN (0) while editable, else why not (tui_watch.c) */
    long long data_version;      /* the store's data version the screen was loaded at */
    long long other_action;      /* the latest action of another program then (tui_watch.c) */
    char *path;
    int year;
    struct wb_year y;
    /* the year before, loaded with y for the checks that compare with it (has_prev); an edit
       patched into y leaves it as it is */
    struct wb_year prev;
    int has_prev;
    struct report rep;
    struct engine_memo *memo;    /* the engine's conversions of y, for a patched edit */
    struct check_memo *cmemo;    /* and the findings of each entry's own rules */
    int rep_ok;                  /* rep is valid; otherwise rep_err says why */
    int pending;                 /* y holds the A.1 values only, rep and chk nothing yet: the
                                    first frame, drawn before the year is loaded (tui_first_frame) */
    char *rep_err;
    struct check_report chk;

    const struct step_def *steps;/* the walk-through, forms/steps.tsv */
    size_t nsteps;
    size_t step;                 /* the step on screen */
    const struct tui_kind *kind; /* its screen */
    const struct sheet_ops *sheet;/* its sheet, NULL for a step without one (export) */
    void **states;               /* each step's sheet state (nsteps), freed at the end */
    struct sheet grid;           /* its content */
    int row, col;                /* focus */
    int top, left;               /* first row shown, first scrolling column shown */
    int sel;                     /* the other end of a selection in the focused row, -1 when none */
    int editing;
    int prompting;               /* a one-line prompt is open on the message line */
    struct editor ed;

    /* where the last frame put things, for mouse clicks */
    int cell_y0;                 /* screen row of the grid's first visible row, -1 when none */
    int *col_x, *col_w;          /* screen column and width of each grid column, col_x -1 if hidden */
    int *step_x;                 /* step s occupies columns step_x[s] .. step_x[s + 1] - 1 of row 1 */

    char *assessor;              /* the assessor's name, asked at the first score of the session
                                    (E.1, E.2; "" when not given); NULL: not asked yet */
    char *msg;
    enum msg_level msg_level;
    int rows, cols;              /* terminal size */
    int colors;
    int quit;
    int quit_armed;              /* a quit key was refused in an invalid edit: the next one quits */
    long long undo_armed;        /* Ctrl-Z (id) or Ctrl-Y (-id) said action id is another
                                    program's and asked: the next press goes on (tui.c) */
};

/* tui.c - the loop */
/* Runs the key loop until the user quits or a signal ends it. */
void tui_run(struct tui *t);
void tui_message(struct tui *t, enum msg_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void tui_clear_message(struct tui *t);
/* Reads one key (wide char or KEY_*); 0 on a pending signal or timeout; *is_key for KEY_*. */
int tui_getkey(struct tui *t, wint_t *ch, int *is_key);
/* Whether a signal asked the program to end. */
int tui_signalled(void);
/* Saves the field being edited; 1 when saved (the editor closes), 0 when refused (it stays). */
int tui_commit_edit(struct tui *t);
/* Whether act means something on the current step (the hint line shows only those). */
int tui_can(const struct tui *t, enum action act);

/* tui_prompt.c - questions on the message line and pop-up lists */
/* Runs a one-line prompt; 1 with *out (caller frees) on Enter, 0 on Esc. */
int tui_prompt(struct tui *t, const char *label, const char *initial, char **out);
/* Asks a yes/no question; 1 for yes. */
int tui_confirm(struct tui *t, const char *question);
/*
 * Lets the user pick one of n labels, typing filtering them on match[i] (NULL: on the labels
 * themselves); the index, or -1 on Esc.
 */
int tui_pick(struct tui *t, const char *title, const char *const *labels,
             const char *const *match, int n);
/* Applies an editing key (arrows, Backspace, Ctrl-U, a character) to ed; 1 when it was one. */
int tui_edit_key(struct editor *ed, wint_t ch, int is_key);
/* The year typed into a prompt, or 0 after showing why it is refused. */
int tui_parse_year(struct tui *t, const char *text);

/* tui_steps.c - the steps, from forms/steps.tsv, and the year behind them */
/* Finds each step's kind and sheet; on a step the program cannot show, fatal() (a bad built-in table). */
void tui_steps_init(struct tui *t);
void tui_steps_free(struct tui *t);
/* Frees everything an opened terminal workbook holds (its steps, year, memos, report, book). */
void tui_free(struct tui *t);
/* Reloads the year from the workbook and rebuilds report, checks and the current step. */
void tui_reload(struct tui *t);
/*
 * The first frame, drawn before tui_reload when the first step is a record form (A.1): the
 * year's A.1 values loaded alone (no entries), step 0 built and drawn with the step marks, the
 * findings and the live totals shown as still being computed (t->pending, then cleared). The
 * caller then calls tui_reload, which loads and computes the whole year. 0 when nothing was
 * drawn (another first step, or the year could not be read: tui_reload says why).
 */
int tui_first_frame(struct tui *t);
/*
 * Patches the loaded year with what out says was written (out->patched), updates the report and
 * the checks from the memos (only the touched entries converted and checked again) and builds
 * again the rows of the grid it touched; 0 when out names an entry the year does not hold
 * (nothing computed: reload instead).
 */
int tui_patch(struct tui *t, const struct sheet_out *out);
/* Shows step `step` (out of range is ignored), the focus where its sheet says the work starts. */
void tui_go_step(struct tui *t, int step);
/* The sheet environment of the current step. */
void tui_env(const struct tui *t, struct sheet_env *env);
/*
 * Shows what a sheet operation said; when it changed the workbook, patches the year with what it
 * wrote (out->patched: tui_patch) or else reloads it. Frees out.
 */
void tui_apply(struct tui *t, struct sheet_out *out);
/* The step's title, and its completeness for the step bar. */
const char *tui_step_title(const struct tui *t, size_t step);
enum check_state tui_step_state(const struct tui *t, size_t step);

/* tui_table.c - what the record, grid and view screens share: a sheet drawn as a table */
void tui_table_build(struct tui *t);
void tui_table_draw(struct tui *t, const struct tui_area *a);
/* Moves the focus (Tab, arrows, Home, End). */
void tui_table_move(struct tui *t, enum action a);
/* The keys a table screen understands: moves, Enter, typing, Ins, Del, F2; 1 when handled. */
int tui_table_key(struct tui *t, enum action a, wint_t ch, int is_key);
/* Opens the field editor on the focused cell (keep_text: with its text). */
void tui_table_edit(struct tui *t, int keep_text);
enum err tui_table_commit(struct tui *t, const char *text);
const char *tui_table_help(const struct tui *t);
void tui_table_add(struct tui *t);
void tui_table_del(struct tui *t);
void tui_table_settings(struct tui *t);
/* The selected columns of the focused row, *c0 <= *c1 (the focus alone when nothing is selected). */
void tui_table_selection(const struct tui *t, int *c0, int *c1);
/* The focused cell, or NULL when the grid is empty. */
struct sheet_cell *tui_cell(const struct tui *t);
/* How many grid rows fit. */
int tui_grid_height(const struct tui *t);

/* tui_export.c */
/* Exports the year to an .xlsx, asking for the path. */
void tui_export(struct tui *t);

/* tui_issues.c - F7: the list of the year's findings; Enter goes to the cell of the one picked. */
void tui_issues(struct tui *t);
/* The message of a finding in the screen's language. */
const char *tui_finding_text(const struct tui *t, const struct check_item *it);

/* tui_year.c - F3: switch to another year of the workbook, or add one. */
void tui_year(struct tui *t);

/* tui_watch.c - a second window on a workbook: read-only, kept current, taking over at the end */
/* Notes the data version of the workbook just loaded. */
void tui_watch_start(struct tui *t);
/* While idle: takes over once the editing window has closed; reloads others' changes in place. */
void tui_watch(struct tui *t);
/* Whether act (with the typed ch) would change the workbook of a read-only window. */
int tui_watch_locked(const struct tui *t, enum action act, wint_t ch, int is_key);
/* As tui_watch_locked, saying on the message line why it is refused. */
int tui_watch_refuse(struct tui *t, enum action act, wint_t ch, int is_key);
/* The header's mark of a read-only window ("只读（另一窗口正在编辑）"), or NULL. */
const char *tui_watch_mark(const struct tui *t);

/* tui_draw.c */
void tui_draw(struct tui *t);
/* The F1 screen from line *top (clamped so the screen stays full). */
void tui_draw_help(struct tui *t, int *top);
/* Sets up the colour pairs when the terminal has colours. */
void tui_colors(struct tui *t);
/* Draws s at (y, x) padded or cut to w display columns (align: 0 left, 1 right). */
void tui_put(int y, int x, int w, const char *s, int align);
void tui_layout(const struct tui *t, struct tui_area *a);
enum tui_pair { PAIR_OK = 1, PAIR_WARN, PAIR_ERROR, PAIR_HEAD };
void tui_color_on(const struct tui *t, int pair);
void tui_color_off(const struct tui *t, int pair);

/* tui_keys.c */
/* The action bound to a key outside the field editor. */
enum action tui_key_action(wint_t ch, int is_key);
/* The action bound to a key while a field is being edited (commit, cancel, move on), or ACT_NONE. */
enum action tui_key_edit_action(wint_t ch, int is_key);
/* The hint line for the current state, cut to width columns (caller frees). */
char *tui_key_hints(const struct tui *t, int width);
/* The help screen's lines (NULL-terminated, caller frees with tui_key_help_free). */
char **tui_key_help(enum lang lang);
void tui_key_help_free(char **lines);

#endif
