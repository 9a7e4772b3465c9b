/*
 * book.h - a workbook file as both front ends use it: opened for writing, created, or opened
 * read-only (never written, never migrated, readable in a read-only directory: what a roll-up
 * of submitted files and `summary`/`export`/`check` need), its reporting year resolved from what
 * the user typed, a year loaded, the report built; or opened for a terminal workbook session,
 * which edits it only while no other session does (book_lock.h). Errors are values with a cause;
 * nothing here prints. Writes go through the store of the open workbook (store/store.h).
 */
#ifndef TANBOOK_BOOK_H
#define TANBOOK_BOOK_H

#include <stddef.h>

#include "app.h"
#include "base/err.h"
#include "data/factors.h"
#include "core/check.h"
#include "core/model.h"
#include "core/maturity.h"
#include "core/neutral.h"
#include "core/zerocarbon.h"
#include "core/perf.h"
#include "core/plan.h"
#include "core/report.h"
#include "store/store.h"

enum book_mode {
    BOOK_WRITE,     /* an existing workbook, to edit (older formats are migrated) */
    BOOK_CREATE,    /* a new file; refused when path exists */
    BOOK_READ,      /* an existing workbook, only read */
    BOOK_SESSION,   /* an existing workbook for a terminal workbook session: edited while the
                       session holds its lock, else read-only (book_share says why) */
};

/* What a BOOK_SESSION workbook may do; BOOK_SHARE_OWN for the other modes. */
enum book_share {
    BOOK_SHARE_OWN,      /* this session edits it (it holds the lock) */
    BOOK_SHARE_OTHER,    /* read-only: another session is editing it (book_take_over) */
    BOOK_SHARE_NOWRITE,  /* read-only: the user may not write the file or its folder */
};

struct book;

/*
 * Opens the workbook at path. Errors as store_open: ERR_IO (missing, exists, unreadable),
 * ERR_NOTWORKBOOK, ERR_NEWER, ERR_LOCKED, ERR_CORRUPT, with *cause (caller frees). app must
 * outlive the workbook. Close with book_close (which gives a session's lock back). One process
 * opens a workbook for one session at most.
 */
enum err book_open(const struct app *app, const char *path, enum book_mode mode,
                       struct book **out, char **cause);
void book_close(struct book *wb);

/* The store to write through (and read the history of); owned by the workbook. */
struct store *book_store(struct book *wb);
const char *book_path(const struct book *wb);
int book_readonly(const struct book *wb);
/* Whether a session edits the workbook, or why not (BOOK_SHARE_OWN outside sessions). */
enum book_share book_share(const struct book *wb);
/*
 * A BOOK_SHARE_OTHER session: when the other session has ended (its lock is free), takes the
 * lock and reopens the workbook for writing (*taken 1; book_store then returns the new store, the
 * old one is gone). *taken 0 and ERR_OK while the other is still editing, and for any other
 * share. When reopening fails, the session stays read-only and the error says why.
 */
enum err book_take_over(struct book *wb, int *taken, char **cause);
const struct app *book_app(const struct book *wb);

/*
 * Resolves the reporting year from text (--year, a prompt): NULL means the workbook's latest
 * year. *exists tells whether the workbook has it. ERR_USAGE for text that is no year (the cause
 * says why); ERR_NOTFOUND when the workbook has no year at all (text NULL) or lacks the one
 * named and may_create is 0.
 */
enum err book_year(struct book *wb, const char *text, int may_create, int *year,
                       int *exists, char **cause);

/* Loads year into *y (model_free it). ERR_NOTFOUND when the workbook lacks it. */
enum err book_load(struct book *wb, int year, struct wb_year *y, char **cause);
/* Loads every year, ascending, into *ys (free each with model_free, then the array). */
enum err book_load_all(struct book *wb, struct wb_year **ys, size_t *n, char **cause);
void book_years_free(struct wb_year *ys, size_t n);

/*
 * Checks y (a year of wb) into *rep (check_free it), against the year before when wb has it
 * (check_year's prev). A year before that cannot be loaded is left out of the comparison: the
 * year itself is still checked. y must outlive rep.
 */
void book_check(struct book *wb, const struct wb_year *y, struct check_report *rep);
/*
 * book_check of y computed already (check_year_computed): r its report year, or NULL when the
 * engine refused it (why says why), so that the engine does not run again.
 */
void book_check_computed(struct book *wb, const struct wb_year *y, const struct report_year *r,
                         const char *why, struct check_report *rep);

/*
 * The report of year (labels in lang): with all_years, the workbook's other years too (for
 * trends and baselines); else that year alone. report_free it. Errors as book_load and
 * report_build.
 */
enum err book_report(struct book *wb, int year, int all_years, enum lang lang,
                         struct report *r, char **cause);

/*
 * The workbook's years as one command computes them, once (book_calc.c): every year loaded, its
 * report (that year alone, labels in lang) and its check against the year before (when the
 * workbook has it, as book_check), and the plan. book_perf_of, book_neutral_of and
 * book_evaluate_of read it instead of loading and computing again. A value: it does not follow
 * later writes (load a new one after an edit).
 */
struct book_calc {
    const struct app *app;
    enum lang lang;
    struct wb_year *ys;                 /* ascending */
    size_t n;
    struct report *reps;                /* reps[i] of ys[i]; nyears 0 when the engine refused it */
    char **whys;                        /* why reps[i] is not there, else NULL */
    struct check_report *chks;          /* ys[i]'s findings */
    struct wb_plan plan;
};
/* Loads and computes every year of wb (book_calc_free it). Errors as book_load_all, book_load_plan. */
enum err book_calc_load(struct book *wb, enum lang lang, struct book_calc *bc, char **cause);
void book_calc_free(struct book_calc *bc);
/* The index of year in bc, bc->n when it has none. */
size_t book_calc_find(const struct book_calc *bc, int year);
/* The report of bc's year i, NULL when it could not be computed (bc->whys[i] says why). */
const struct report_year *book_calc_report(const struct book_calc *bc, size_t i);
/* book_perf from bc (labels in bc->lang): the same result, nothing loaded or computed again. */
enum err book_perf_of(const struct book_calc *bc, int year, struct perf *p, char **cause);

/* A year's carbon-neutrality judgement with what it rests on (book_neutral_free it). */
struct book_neutral {
    struct wb_year year;
    struct report rep;
    struct wb_plan plan;                    /* n's offsets point into it */
    struct neutral n;
    const struct grid_factor *residual;     /* the library's residual factor used, or NULL */
    int borrowed;                           /* year, rep and plan are a book_calc's */
};

/*
 * neutral_build for year y (its report r) with plan's claims, y's standard coal and the
 * library's residual factor for y's year (nearest shipped year), which *residual names (NULL when
 * none), and nerrors, the errors of y's check (neutral_set_check: a year with errors is not
 * judged). plan must outlive n.
 */
void book_neutral_judge(const struct app *app, const struct wb_year *y, const struct report_year *r,
                        size_t nerrors, const struct wb_plan *plan, enum lang lang,
                        struct neutral *n, const struct grid_factor **residual);
/*
 * book_neutral from bc (labels in bc->lang): year, rep and plan of bn are bc's, which must
 * outlive it. ERR_NOTFOUND when bc lacks year, ERR_INPUT when the engine refused it.
 */
enum err book_neutral_of(const struct book_calc *bc, int year, struct book_neutral *bn,
                         char **cause);
/* The judgement of year of wb (labels in lang). Errors as book_load, report_build, book_load_plan. */
enum err book_neutral(struct book *wb, int year, enum lang lang, struct book_neutral *bn,
                      char **cause);
void book_neutral_free(struct book_neutral *bn);

/*
 * The two evaluations of a year (book_eval.c): the 零碳机关 score (000 §6) and the maturity
 * (002 §12) from the facts the workbook gives and the assessors' entries. Free with
 * book_eval_free.
 */
struct book_eval {
    struct book_neutral bn;             /* the year, its report, the plan, the judgement */
    struct wb_year *ys;                 /* every year of the workbook */
    size_t nyears;
    struct perf perf;
    int has_perf;
    struct zc_facts zf;
    struct eval_entry *zc_entries;      /* point into bn.plan */
    size_t nzc_entries;
    struct zc_result zc;
    struct maturity_year *myears;       /* the other years, for the historical method */
    struct maturity_facts mf;
    struct eval_entry *mat_entries;
    size_t nmat_entries;
    int mat_ok;                         /* mat is there (else mat_why: e.g. weights not adding to 1) */
    struct maturity_result mat;
    char *mat_why;
    struct book_calc *own;              /* the book_calc book_evaluate made for be, or NULL */
};
/* Errors as book_neutral and book_load_all; what cannot be scored is left unscored, with why. */
enum err book_evaluate(struct book *wb, int year, enum lang lang, struct book_eval *be,
                       char **cause);
/*
 * book_evaluate from bc (labels in bc->lang), which must outlive be: its years, report, plan
 * and the year's check are bc's. Errors as book_neutral_of.
 */
enum err book_evaluate_of(const struct book_calc *bc, int year, struct book_eval *be,
                          char **cause);
void book_eval_free(struct book_eval *be);

/* Whether an evidence file is still the one whose SHA-256 was recorded. */
enum evidence_state {
    EVIDENCE_NO_FILE,       /* no file was named */
    EVIDENCE_SAME,
    EVIDENCE_CHANGED,
    EVIDENCE_MISSING,       /* gone or unreadable */
};
enum evidence_state book_evidence_state(const struct wb_evidence *ev);
/* The state in words ("文件已改动（SHA-256 与登记时不同）"); "" for EVIDENCE_NO_FILE. */
const char *book_evidence_words(enum evidence_state s, enum lang lang);
/*
 * Names file as ev's evidence file with its SHA-256 taken now (file NULL or "": none). ERR_IO
 * with *cause when the file cannot be read (ev then has no file).
 */
enum err book_evidence_take(struct wb_evidence *ev, const char *file, char **cause);

/*
 * One row of a year's evidence register (book_evidence.c; the export's 佐证材料清单): a document
 * an evaluation item, an offset, a renewable row or a factor override of the year rests on.
 * Every text is owned by the row and "" when none.
 */
struct book_evidence {
    char *kind;             /* "zc", "maturity", "offset", "renewable", "factor" */
    char *item;             /* the item's code, the offset's serial, "pv 2024-03", the source id */
    char *reference;        /* the document (the factor's source_text) */
    char *note;             /* the evidence note, the claim's note */
    char *file;             /* the evidence file's path, when one was named */
    char *sha256;           /* its SHA-256 when recorded */
    enum evidence_state file_state;     /* whether it still matches */
    char *at;               /* when the assessor entered it (ISO 8601 UTC) */
    char *assessor;         /* who entered it */
};
/*
 * The evidence register of year of wb into *out (*n rows; free with book_evidence_free): the
 * assessments of both evaluations that name a document, a file or a note, then the offsets
 * claimed for the year and its renewable rows that name a reference or a file, then the pinned
 * factors of the year the user overrode. Errors as book_load and book_load_plan.
 */
enum err book_evidence_register(struct book *wb, int year, struct book_evidence **out, size_t *n,
                                char **cause);
void book_evidence_free(struct book_evidence *v, size_t n);

/* Loads the workbook's plan: base periods, targets, measures (plan_free it). Errors as store_load_plan. */
enum err book_load_plan(struct book *wb, struct wb_plan *p, char **cause);
/*
 * The carbon performance of the workbook assessed for year (perf_free it): every year loaded and
 * checked, the plan loaded, perf_build (labels in lang). Errors as book_load_all, book_load_plan
 * and perf_build.
 */
enum err book_perf(struct book *wb, int year, enum lang lang, struct perf *p, char **cause);

#endif
