/*
 * sheet.h - a step of the terminal workbook as data: its content as rows × columns of cells,
 * built from the loaded year, and what typing into a cell, adding a row (Ins), deleting (Del) or
 * changing the settings (F2) does to the workbook. No curses: the screens in src/tui/ draw a
 * sheet and pass the user's keys on, and the tests drive sheets without a terminal.
 *
 * A sheet module serves the steps that forms/steps.tsv names it for (the `sheet` column):
 * `record` any record form (A.1), `sources` A.3, `activity` A.5, `factors` A.6, `energy` A.2,
 * `summary` A.4, `perf` P.1 (carbon performance), `targets` P.2, `measures` P.3, `renewables` N.1,
 * `offsets` N.2, `neutrality` N.3 (the judgement), `pledge` N.4 (the 碳中和计划 and the year's
 * statement), `zerocarbon` E.1 (零碳机关评价), `maturity` E.2 (成熟度评价). A new form of an
 * existing kind needs a forms/ file and a steps.tsv row; one that computes or stores something new
 * needs its own sheet module and a line in sheet.c's table.
 */
#ifndef TANBOOK_SHEET_H
#define TANBOOK_SHEET_H

#include <stddef.h>

#include "app.h"
#include "base/err.h"
#include "base/xmem.h"
#include "book/book.h"
#include "core/check.h"
#include "core/model.h"
#include "core/report.h"

/* The text in the sheet's language; a macro so printf formats stay checked. */
#define SHEET_TR(env, zh, en) ((env)->lang == LANG_EN ? (en) : (zh))

enum sheet_flag {
    SHEET_EDIT = 1,         /* the user may type here */
    SHEET_NUM = 2,          /* a number: right-aligned */
    SHEET_WARN = 4,         /* flagged (异常波动, a replaced factor) */
    SHEET_DIM = 8,          /* computed or placeholder text */
    SHEET_MISSING = 16,     /* a required value not filled in */
    SHEET_BAR = 32,         /* a share 0..1 drawn as a bar */
    SHEET_PERIOD = 64,      /* a period's quantity (A.5): may be marked 不适用 */
    SHEET_WIDE = 128,       /* a text that runs on over the (empty) cells to its right */
};

struct sheet_cell {
    char *text;             /* never NULL once built */
    unsigned flags;
    char *note;             /* why it is flagged, for the message line; NULL when nothing */
};

struct sheet {
    int nrows, ncols;
    int frozen;             /* leading columns that stay when the grid scrolls sideways */
    char **heads;           /* ncols column labels; NULL for a record form (label | value) */
    int *widths;            /* display columns of each column */
    struct sheet_cell *cells;/* nrows × ncols */
    int start_row, start_col;/* where the focus goes when the step opens */
    char *empty;            /* what to say when there are no rows, or NULL */
};

/* What the sheet operations read, and the workbook they write to. */
struct sheet_env {
    const struct app *app;
    struct book *book;
    struct store *st;       /* book's store */
    enum lang lang;
    const struct step_def *step;
    const struct wb_year *y;        /* the year on screen */
    const struct report_year *rep;  /* its report; NULL when it cannot be computed (rep_err) */
    const char *rep_err;
    const struct check_report *chk; /* the year's findings */
    void **state;           /* the sheet's own state, kept across rebuilds (sheet_ops.state_free) */
    /* who is scoring (sheet_ops.scores), "" when not given; NULL: not asked */
    const char *assessor;
};

enum sheet_say { SHEET_SAY_INFO, SHEET_SAY_OK, SHEET_SAY_WARN, SHEET_SAY_ERROR };

/* One A.5 value an operation wrote (put, or deleted: del), as the store now holds it. */
struct sheet_patch {
    long long entry_id;
    struct period period;
    int del;
    double quantity;
    int na;
    char *unit, *data_source, *note;
};

/* What an operation tells the screen. */
struct sheet_out {
    enum sheet_say level;
    char *msg;              /* for the message line, or NULL */
    int row, col;           /* where the focus goes afterwards; -1 keeps it */
    int changed;            /* the workbook changed: reload the year */
    /*
     * With changed: the change is exactly patches[] (none: only the sheet's own state changed),
     * in the order written, so the screen may patch its loaded year instead of reloading it.
     */
    int patched;
    struct sheet_patch *patches;
    size_t npatches;
};

/* A list for the user to pick from (Ins, F2), and a text to ask for after the pick. */
struct sheet_choice {
    char *title;
    char **labels;
    char **match;           /* what typing filters each label on (names, aliases); NULL: label */
    size_t n;
    char *then_ask;         /* the prompt for a text after the pick, or NULL */
    char **values;          /* a cell's pick (cell_choice): the text each saves; NULL: label */
};

/* What Del does at a cell. */
enum sheet_del {
    SHEET_DEL_NONE,         /* nothing */
    SHEET_DEL_CLEAR,        /* empties the cell at once (Ctrl-Z brings it back) */
    SHEET_DEL_ASK,          /* asks *question first (a row, a factor back to the library's) */
};

/*
 * A sheet module. Every function but build may be NULL: that step then has no such action. On
 * ERR_* the operation changed nothing and out->msg says why; on ERR_OK out says what happened.
 */
struct sheet_ops {
    const char *name;       /* as steps.tsv names it */
    /* Fills s (already zeroed) from env. */
    void (*build)(const struct sheet_env *env, struct sheet *s);
    /* Saves text typed into cell (row, col); ERR_INPUT keeps the editor open. */
    enum err (*commit)(const struct sheet_env *env, const struct sheet *s, int row, int col,
                       const char *text, struct sheet_out *out);
    /* The one-line help of a cell (a static or env-owned text), or NULL. */
    const char *(*help)(const struct sheet_env *env, const struct sheet *s, int row, int col);
    /* Where Enter moves after saving (row, col); NULL: stays. */
    void (*advance)(const struct sheet_env *env, const struct sheet *s, int *row, int *col);
    /* Ins: the choice to offer (fill c), then add the picked one with the text asked for. */
    void (*add_choice)(const struct sheet_env *env, struct sheet_choice *c);
    enum err (*add)(const struct sheet_env *env, size_t pick, const char *text,
                    struct sheet_out *out);
    /* Del: what it does at (row, col), with the question to ask (caller frees) for ASK. */
    enum sheet_del (*del_what)(const struct sheet_env *env, const struct sheet *s, int row,
                               int col, char **question);
    enum err (*del)(const struct sheet_env *env, const struct sheet *s, int row, int col,
                    struct sheet_out *out);
    /* F2: the settings to offer, then apply the picked one. */
    void (*settings_choice)(const struct sheet_env *env, struct sheet_choice *c);
    enum err (*settings)(const struct sheet_env *env, size_t pick, struct sheet_out *out);
    /* F2 on a choice with then_ask: apply the picked one with the text typed (not settings). */
    enum err (*settings_text)(const struct sheet_env *env, size_t pick, const char *text,
                              struct sheet_out *out);
    /*
     * Enter on cell (row, col): 1 with c filled when the cell's value is picked from a list (a
     * kind, a type, 是/否) rather than typed; the pick is saved through commit (c->values[i]).
     */
    int (*cell_choice)(const struct sheet_env *env, const struct sheet *s, int row, int col,
                       struct sheet_choice *c);
    /* Where finding w is on s: its cell (*row, *col); 0 when it has none here. */
    int (*locate)(const struct sheet_env *env, const struct sheet *s, const struct check_where *w,
                  int *row, int *col);
    /* A header note for the step's title line ("电力因子地区：全国 GWP：AR6"), caller frees; or NULL. */
    char *(*title_note)(const struct sheet_env *env);
    void (*state_free)(void *state);
    /*
     * Rebuilds row r of s (built by build from env) after a patch of its entry's values; NULL:
     * the screen rebuilds the whole sheet.
     */
    void (*build_row)(const struct sheet_env *env, struct sheet *s, int r);
    /*
     * Its changes are an assessor's scores (E.1, E.2): the terminal asks the assessor's name once a
     * session, before the first, and passes it as env->assessor to be stored with each entry.
     */
    int scores;
};

/* The modules (one file each); sheet.c lists them. */
extern const struct sheet_ops sheet_record, sheet_sources, sheet_activity, sheet_factors,
    sheet_energy, sheet_summary, sheet_perf, sheet_targets, sheet_measures, sheet_renewables,
    sheet_offsets, sheet_neutrality, sheet_pledge, sheet_zerocarbon, sheet_maturity;

/* The sheet module called name, or NULL. */
const struct sheet_ops *sheet_find(const char *name);
/* Every sheet module (for tests); *n their count. */
const struct sheet_ops *const *sheet_all(size_t *n);

/* Building blocks. */
void sheet_init(struct sheet *s, int nrows, int ncols, int frozen);
/* Gives s column heads (each set with sheet_head). */
void sheet_head(struct sheet *s, int col, const char *label, int width);
/* Sets cell (r, c) to text (taken over) with flags. */
void sheet_set(struct sheet *s, int r, int c, char *text, unsigned flags);
/* Gives cell (r, c) a note (taken over). */
void sheet_note(struct sheet *s, int r, int c, char *note);
/* The cell, or NULL outside the sheet. */
struct sheet_cell *sheet_cell(const struct sheet *s, int r, int c);
void sheet_free(struct sheet *s);

void sheet_say(struct sheet_out *out, enum sheet_say level, const char *fmt, ...) XMEM_PRINTF(3, 4);
/* Says cause (taken over, or err_str(e) when NULL) as an error; returns e. */
enum err sheet_fail(struct sheet_out *out, enum err e, char *cause);
void sheet_out_free(struct sheet_out *out);
/* Notes in out a value written (del 0: put, with quantity, na and the texts; 1: deleted). */
void sheet_patch_add(struct sheet_out *out, long long entry_id, const struct period *p, int del,
                     double quantity, int na, const char *unit, const char *data_source,
                     const char *note);
void sheet_choice_free(struct sheet_choice *c);

/*
 * Ins on the steps that list sources (A.3, A.5): the library's sources to pick from, and adding
 * the picked one for a facility (the text asked for); out->row is the entry's row.
 */
void sheet_source_choice(const struct sheet_env *env, struct sheet_choice *c);
enum err sheet_source_add(const struct sheet_env *env, size_t pick, const char *facility,
                          struct sheet_out *out);

/*
 * Del on a cell that may be empty: saves "" there through ops->commit and says that `what` was
 * cleared (Ctrl-Z brings it back). Errors as commit.
 */
enum err sheet_clear(const struct sheet_ops *ops, const struct sheet_env *env,
                     const struct sheet *s, int row, int col, const char *what,
                     struct sheet_out *out);

/* A text to save into cell (row, col), for sheet_fill. */
struct sheet_put {
    int row, col;
    const char *text;
};

/*
 * Saves each put through ops->commit as one undoable action (a fill: Ctrl-D, Ctrl-R, a
 * selection of months, 不适用); all or nothing - on the first refusal nothing is saved and
 * out->msg names the cell and why. out->changed when anything was saved.
 */
enum err sheet_fill(const struct sheet_ops *ops, const struct sheet_env *env,
                    const struct sheet *s, const struct sheet_put *puts, size_t n,
                    struct sheet_out *out);

/* The row of entry id in env's year (A.3, A.5 list the entries in order), or -1. */
int sheet_entry_row(const struct sheet_env *env, long long id);

/* A number with at most `decimals` decimals, trailing zeros dropped (caller frees). */
char *sheet_num(double v, int decimals);
/* A number with exactly `decimals` decimals (caller frees). */
char *sheet_fixed(double v, int decimals);
/* The label of a library source in env's language ("?" for NULL). */
const char *sheet_src_label(const struct sheet_env *env, const struct source_def *src);
/* "天然气（食堂炉灶）", in English "Natural gas (stove)"; caller frees. */
char *sheet_entry_label(const struct sheet_env *env, const struct wb_entry *en);
/*
 * The column head of field key of env's form in env's language: its short label (forms/ short_zh,
 * short_en), else its label; the key itself when unknown.
 */
const char *sheet_label(const struct sheet_env *env, const char *key);
/* The help of field fd (forms/ help_zh, help_en) in env's language; NULL for fd NULL. */
const char *sheet_field_help(const struct sheet_env *env, const struct field_def *fd);

/*
 * sheet_claim.c - what the carbon-neutrality steps (N.1, N.2) share: the evidence of a claim,
 * the deleting of a row.
 */
/*
 * Names the file typed (trimmed; a relative path taken from the current folder and kept as the
 * full path, so a later check finds it from anywhere) as ev's evidence file with its SHA-256; ""
 * for none. ERR_INPUT with out->msg (in env's language) when the file cannot be read.
 */
enum err sheet_evidence_file(const struct sheet_env *env, struct wb_evidence *ev, const char *text,
                             struct sheet_out *out);
/* Whether ev counts (a reference), and its file's state in words, joined ("无佐证，不计入");
   caller frees. */
char *sheet_evidence_state(const struct sheet_env *env, const struct wb_evidence *ev,
                           unsigned *flags);
/* A copy of s, "" for NULL. */
char *sheet_dup0(const char *s);
/* A quantity as shown: at most 4 decimals; "" for 0 when blank_zero. Caller frees. */
char *sheet_amount(double v, int blank_zero);
/*
 * Reads a number typed into field fd (empty: 0) into *v; ERR_INPUT with out->msg otherwise.
 */
enum err sheet_number(const struct sheet_env *env, const struct field_def *fd, const char *text,
                      double *v, struct sheet_out *out);
/* The help of a cell with a long text: "label：text" in full (in *buf, replaced), else fd's help. */
const char *sheet_text_help(const struct sheet_env *env, const struct field_def *fd,
                            const char *text, char **buf);
/*
 * Deletes claim id of tbl ("offset_claim", "renewable"), the row r on screen, as one undoable
 * action: the cursor goes to the row above, out says done (zh or en). ERR_OK, or the store's.
 */
enum err sheet_claim_delete(const struct sheet_env *env, const char *tbl, long long id, int r,
                            const char *done_zh, const char *done_en, struct sheet_out *out);

/* sheet_eval.c - what the evaluation steps (E.1, E.2) share: the year evaluated, the entries
   saved. */
struct sheet_eval {
    struct book_eval be;    /* book_evaluate of the year on screen, in env's language */
    int ok;                 /* be is there; else why says what failed */
    char *why;
    int *rows;              /* what each row of the sheet is (the sheet's own codes) */
    int nrows;
    char *help, *title;     /* the texts help and title_note return */
};
/* Evaluates the year on screen afresh into the step's state (*env->state) and returns it. */
struct sheet_eval *sheet_eval_load(const struct sheet_env *env);
/* The step's state, or NULL before the first build. */
struct sheet_eval *sheet_eval_state(const struct sheet_env *env);
void sheet_eval_free(void *state);
/* A copy of the entry (year on screen, eval, code) of the plan evaluated, or a blank one (free
   with plan_assessment_free). */
void sheet_eval_entry(const struct sheet_env *env, const char *eval, const char *code,
                      struct wb_assessment *a);
/*
 * Saves a with env's assessor (when asked) as one undoable action, checked by
 * plan_assessment_valid; an entry left with no value, note or evidence is deleted. ERR_INPUT (the
 * editor stays) with the reason; out says "已保存 what".
 */
enum err sheet_eval_save(const struct sheet_env *env, struct wb_assessment *a, const char *what,
                         struct sheet_out *out);
/* A number as typed ("2.5", "45%"; "" for none: *has 0) into *v; ERR_INPUT with out->msg. */
enum err sheet_eval_number(const struct sheet_env *env, const char *text, int *has, double *v,
                           struct sheet_out *out);
/* Puts text typed for a text field of env's form (evidence, note) into *slot, checked against the
   field's length; ERR_INPUT with out->msg. */
enum err sheet_eval_text(const struct sheet_env *env, const char *key, const char *text,
                         char **slot, struct sheet_out *out);
/* A score: "2.5", or "—" while unscored (caller frees). */
char *sheet_eval_points(int scored, double v);
/* The evaluation report's texts, as entry codes: evaluators, findings, conclusion. */
#define SHEET_EVAL_NREPORT 3
extern const char *const sheet_eval_report[SHEET_EVAL_NREPORT];
/* The label of text entry code ("#findings": 评价发现) in env's language; code itself if unknown. */
const char *sheet_eval_text_label(const struct sheet_env *env, const char *code);
/* The text stored for code of eval in the year on screen; "" for none (points into the state). */
const char *sheet_eval_text_now(const struct sheet_env *env, const char *eval, const char *code);
/* Row r as text entry code: code, its label and the text (editable) in the three columns. */
void sheet_eval_text_row(const struct sheet_env *env, struct sheet *s, int r, const char *eval,
                         const char *code, int c_code, int c_label, int c_text);
/* Saves text (trimmed; "" deletes the entry) as entry code of eval, one undoable action. */
enum err sheet_eval_put_text(const struct sheet_env *env, const char *eval, const char *code,
                             const char *text, struct sheet_out *out);
/* The help line of a text row: its label and the text in full (in the state's buffer). */
const char *sheet_eval_text_help(const struct sheet_env *env, const char *code, const char *text);
/* Cell (r, c) as ev's evidence file: its name, editable, marked when changed or missing. */
void sheet_eval_file_cell(struct sheet *s, int r, int c, const struct wb_evidence *ev);
/* The help line of an evidence file: its path, SHA-256 and whether it still matches. */
const char *sheet_eval_file_help(const struct sheet_env *env, const struct wb_evidence *ev);
/* What the two steps' rows share: a text over the whole of row r from column c (taken over),
   shown in full on the help line. */
void sheet_eval_wide(struct sheet *s, int r, int c, char *text, unsigned flags);
/* The steps' advance: Enter saves and moves down to the next editable cell of the column. */
void sheet_eval_advance(const struct sheet_env *env, const struct sheet *s, int *row, int *col);
/* Puts text typed in the column of field key ("evidence", "evidence_file", "note") into a;
   ERR_INPUT with out->msg, ERR_NOTFOUND for another key. */
enum err sheet_eval_field(const struct sheet_env *env, const char *key, const char *text,
                          struct wb_assessment *a, struct sheet_out *out);
/* The n choices of an assessor's points into c's labels, values and n, after "— (unscored)":
   pts[i], or step × i when pts is NULL. */
void sheet_eval_point_choices(const struct sheet_env *env, struct sheet_choice *c,
                              const double *pts, double step, size_t n);

#endif
