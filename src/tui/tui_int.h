/*
 * tui_int.h - what the files of the terminal workbook share: its state, the grid every step is
 * drawn as, the key table. Private to tui*.c.
 */
#ifndef TANBOOK_TUI_INT_H
#define TANBOOK_TUI_INT_H

#include <stddef.h>
#include <wchar.h>

#include "app.h"
#include "core/check.h"
#include "tui/editor.h"
#include "core/model.h"
#include "core/report.h"
#include "book/book.h"
#include "store/store.h"

/* The text in the screen's language; a macro so printf formats stay checked. */
#define TR(t, zh, en) ((t)->lang == LANG_EN ? (en) : (zh))

/* The walk-through, in the standard's order (DESIGN §5). */
enum step { STEP_A1, STEP_A3, STEP_A5, STEP_A6, STEP_A2, STEP_A4, STEP_EXPORT, STEP__COUNT };

/* The smallest terminal the screen is laid out for. */
#define TUI_MIN_COLS 80
#define TUI_MIN_ROWS 24

enum cell_flag {
    CELL_EDIT = 1,      /* the user may type here */
    CELL_NUM = 2,       /* right-aligned number */
    CELL_WARN = 4,      /* flagged (异常波动, a missing source text) */
    CELL_DIM = 8,       /* computed or placeholder text */
    CELL_MISSING = 16,  /* a required value not filled in */
};

struct tcell {
    char *text;
    unsigned flags;
};

/* A step's content as rows × columns of cells; a record form (A.1) is a grid without heads. */
struct tgrid {
    int nrows, ncols;
    int frozen;          /* leading columns that stay when the grid scrolls sideways */
    char **heads;        /* ncols labels, or NULL */
    int *widths;         /* display columns of each column */
    struct tcell *cells; /* nrows × ncols */
};

struct pending {
    long long entry_id;
    char *unit;
    char *data_source;
};

enum msg_level { MSG_INFO, MSG_OK, MSG_WARN, MSG_ERROR };

struct tui {
    struct app *app;
    enum lang lang;
    struct book *wb;
    struct store *st;        /* the workbook's store */
    char *path;
    int year;
    struct wb_year y;
    struct report rep;
    int rep_ok;              /* rep is valid; otherwise rep_err says why */
    char *rep_err;
    struct check_report chk;
    struct pending *pending; /* A.5 unit / 数据来源 chosen for entries that have no data yet */
    size_t npending;

    enum step step;
    struct tgrid grid;
    int row, col;            /* focus */
    int top, left;           /* first row shown, first scrolling column shown */
    int editing;
    int prompting;           /* a one-line prompt is open on the message line */
    struct editor ed;

    /* where the last frame put things, for mouse clicks */
    int cell_y0;             /* screen row of the grid's first visible row, -1 when none */
    int col_x[64], col_w[64];/* screen column and width of each grid column, col_x -1 if hidden */
    int step_x[STEP__COUNT + 1]; /* step s occupies columns step_x[s] .. step_x[s + 1] - 1 of row 1 */

    char *msg;
    enum msg_level msg_level;
    int rows, cols;          /* terminal size */
    int colors;
    int quit;
};

/* tui.c */
void tui_message(struct tui *t, enum msg_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Reloads the year from the workbook and rebuilds report, checks and the current grid. */
void tui_reload(struct tui *t);
/* Runs a one-line prompt on the message line; 1 with *out (caller frees) on Enter, 0 on Esc. */
int tui_prompt(struct tui *t, const char *label, const char *initial, char **out);
/* Asks a yes/no question; 1 for yes. */
int tui_confirm(struct tui *t, const char *question);
/* Lets the user pick one of n labels; the index, or -1 on Esc. */
int tui_pick(struct tui *t, const char *title, const char *const *labels, int n);
/* Reads one key (wide char or KEY_*); 0 on a pending signal or timeout; *is_key for KEY_*. */
int tui_getkey(struct tui *t, wint_t *ch, int *is_key);
/* Exports the year to an .xlsx, asking for the path. */
void tui_export(struct tui *t);
/* Shows step (an enum step; out of range is ignored), focus on its first field to fill in. */
void tui_go_step(struct tui *t, int step);

/* The year typed into a prompt, or 0 after showing why it is refused. */
int tui_parse_year(struct tui *t, const char *text);

/* tui_year.c - F3: switch to another year of the workbook, or add one. */
void tui_year(struct tui *t);

/* A.5 columns: source, unit, 12 months, 4 quarters, the year, the total, 数据来源. */
enum {
    A5_SOURCE, A5_UNIT, A5_M1, A5_Q1 = A5_M1 + 12, A5_YEAR = A5_Q1 + 4, A5_TOTAL, A5_DATASRC,
    A5_NCOLS
};

/* tui_steps.c */
const char *tui_step_title(const struct tui *t, enum step s);
/* Builds t->grid for the current step from the loaded year. */
void tui_build(struct tui *t);
void tui_grid_free(struct tgrid *g);
/* The focused cell, or NULL when the grid is empty. */
struct tcell *tui_cell(struct tui *t, int row, int col);
/* Saves text typed into the focused cell; ERR_INPUT keeps the editor open (message says why). */
enum err tui_commit(struct tui *t, const char *text);
/* Ins / Del on the current step. */
void tui_add_row(struct tui *t);
void tui_delete_row(struct tui *t);
/* F2 on A.6: the electricity factor's area and the GWP set of the year. */
void tui_factor_settings(struct tui *t);
/* Grid building blocks shared by the steps. */
void tui_grid_init(struct tgrid *g, int nrows, int ncols, int frozen);
void tui_grid_heads(struct tgrid *g);
/* Sets cell (r, c) to text (taken over) with flags. */
void tui_set(struct tgrid *g, int r, int c, char *text, unsigned flags);
/* v with at most `decimals` decimals, trailing zeros dropped (caller frees). */
char *tui_num(double v, int decimals);
/* Shows cause (freed) as an error on the message line; returns e. */
enum err tui_fail(struct tui *t, enum err e, char *cause);
const struct form_def *tui_form(const struct tui *t, const char *id);
const char *tui_src_label(const struct tui *t, const struct source_def *src);
/* "天然气（食堂炉灶）" (caller frees). */
char *tui_entry_label(const struct tui *t, const struct wb_entry *en);

/* tui_activity.c - step A.5 */
void tui_build_a5(struct tui *t);
enum err tui_commit_a5(struct tui *t, const char *text);
/* Del on A.5: all values of the focused row, after asking. */
void tui_delete_acts(struct tui *t);

/* The one-line help of the focused cell, or NULL. */
const char *tui_cell_help(const struct tui *t);
/* Completeness mark of a step: 0 empty, 1 complete, 2 has errors, 3 warnings only. */
int tui_step_state(const struct tui *t, enum step s);

/* tui_draw.c */
void tui_draw(struct tui *t);
/* The F1 screen from line *top (clamped so the screen stays full). */
void tui_draw_help(struct tui *t, int *top);
/* Sets up the colour pairs when the terminal has colours. */
void tui_colors(struct tui *t);
/* Draws s at (y, x) padded or cut to w display columns (align: 0 left, 1 right). */
void tui_put(int y, int x, int w, const char *s, int align);
/* Where the current grid's cells are: the grid's top-left corner and visible height. */
int tui_grid_height(const struct tui *t);

/* tui_keys.c - the key table: the master copy of every binding, the F1 help and the hint line. */
enum action {
    ACT_NONE,
    ACT_NEXT, ACT_PREV, ACT_UP, ACT_DOWN, ACT_LEFT, ACT_RIGHT, ACT_HOME, ACT_END,
    ACT_EDIT, ACT_CANCEL, ACT_NEXT_STEP, ACT_PREV_STEP, ACT_ADD, ACT_DELETE,
    ACT_UNDO, ACT_REDO, ACT_HELP, ACT_EXPORT, ACT_QUIT, ACT_SETTINGS, ACT_YEAR, ACT_SAVE,
};
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
