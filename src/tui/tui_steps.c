/*
 * tui_steps.c - the walk-through: the steps of forms/steps.tsv, each with the screen kind and
 * the sheet module it names, the year loaded behind them, and moving from step to step. Nothing
 * here knows a particular step.
 */
#include <stdlib.h>
#include <string.h>

#include "tui/tui_int.h"

static const struct tui_kind *const kinds[] = {
    &tui_kind_record, &tui_kind_grid, &tui_kind_view, &tui_kind_export,
};

static const struct tui_kind *
kind_of(enum step_kind k)
{
    size_t i;

    for (i = 0; i < nitems(kinds); i++)
        if (kinds[i]->kind == k)
            return kinds[i];
    return NULL;
}

void
tui_steps_init(struct tui *t)
{
    size_t i;

    t->steps = t->app->forms->steps;
    t->nsteps = t->app->forms->nsteps;
    if (t->nsteps == 0)
        fatal("forms/steps.tsv has no steps");
    for (i = 0; i < t->nsteps; i++) {
        const struct step_def *s = &t->steps[i];

        if (kind_of(s->kind) == NULL)
            fatal("forms/steps.tsv: step %s: no screen for its kind", s->id);
        if (s->kind != SK_EXPORT && sheet_find(s->sheet) == NULL)
            fatal("forms/steps.tsv: step %s: no sheet module \"%s\"", s->id, s->sheet);
    }
    t->states = xcalloc(t->nsteps, sizeof(*t->states));
    t->step_x = xcalloc(t->nsteps + 1, sizeof(*t->step_x));
    t->step = 0;
    t->kind = kind_of(t->steps[0].kind);
    t->sheet = sheet_find(t->steps[0].sheet);
}

void
tui_steps_free(struct tui *t)
{
    size_t i;

    for (i = 0; t->states != NULL && i < t->nsteps; i++) {
        const struct sheet_ops *so = t->steps[i].sheet ? sheet_find(t->steps[i].sheet) : NULL;

        if (t->states[i] != NULL && so != NULL && so->state_free != NULL)
            so->state_free(t->states[i]);
    }
    free(t->states);
    free(t->assessor);
    free(t->step_x);
    free(t->col_x);
    free(t->col_w);
    sheet_free(&t->grid);
}

void
tui_env(const struct tui *t, struct sheet_env *env)
{
    memset(env, 0, sizeof(*env));
    env->app = t->app;
    env->book = t->book;
    env->st = t->st;
    env->lang = t->lang;
    env->step = &t->steps[t->step];
    env->y = &t->y;
    env->rep = t->rep_ok ? report_cur(&t->rep) : NULL;
    env->rep_err = t->rep_err;
    env->chk = &t->chk;
    env->state = &t->states[t->step];
    env->assessor = t->assessor;
}

/*
 * The checks of t->y from its report and the year before as loaded; each entry's own rules run
 * again where dirty flags it (NULL: everywhere).
 */
static void
check(struct tui *t, const unsigned char *dirty)
{
    check_free(&t->chk);
    check_year_memo(t->app->forms, &t->y, t->has_prev ? &t->prev : NULL,
                    t->rep_ok ? report_cur(&t->rep) : NULL, t->rep_err, &t->cmemo, dirty,
                    &t->chk);
}

/*
 * The report and the checks of the year loaded (t->y), computed afresh: the engine runs once;
 * what it converted is kept (t->memo) for the edits patched in later.
 */
static void
compute(struct tui *t)
{
    if (t->rep_ok)
        report_free(&t->rep);
    free(t->rep_err);
    t->rep_err = NULL;
    t->rep_ok = report_build_memo(t->app->forms, &t->y, t->lang, &t->memo, &t->rep, &t->rep_err)
                == ERR_OK;
    check(t, NULL);
}

/*
 * compute after the values of the entries flagged in dirty changed: the report of the last
 * computation updated (only those entries converted again), else made afresh.
 */
static void
recompute(struct tui *t, const unsigned char *dirty)
{
    if (!t->rep_ok || t->memo == NULL) {
        compute(t);
        return;
    }
    free(t->rep_err);
    t->rep_err = NULL;
    t->rep_ok = report_update(&t->y, &t->memo, dirty, &t->rep, &t->rep_err) == ERR_OK;
    check(t, dirty);
}

/* The year before t->y into t->prev, when the workbook has it (as book_check_computed does). */
static void
load_prev(struct tui *t)
{
    char *cause = NULL;
    int exists = 0;

    model_free(&t->prev);
    t->has_prev = store_year_exists(t->st, t->y.year - 1, &exists, &cause) == ERR_OK && exists
                  && book_load(t->book, t->y.year - 1, &t->prev, &cause) == ERR_OK;
    free(cause);
}

void
tui_reload(struct tui *t)
{
    struct wb_year y;
    char *cause = NULL;
    enum err e;

    if (t->book == NULL)
        return;
    if ((e = book_load(t->book, t->year, &y, &cause)) != ERR_OK) {
        tui_message(t, MSG_ERROR, "%s", cause ? cause : err_str(e));
        free(cause);
        return;
    }
    model_free(&t->y);
    t->y = y;
    load_prev(t);
    compute(t);
    t->kind->build(t);
}

int
tui_first_frame(struct tui *t)
{
    struct wb_year y;
    char *cause = NULL;

    if (t->book == NULL || t->steps[0].kind != SK_RECORD)
        return 0;
    if (store_load_year_info(t->st, t->year, &y, &cause) != ERR_OK) {
        free(cause);
        return 0;
    }
    model_free(&t->y);
    t->y = y;
    t->pending = 1;
    tui_go_step(t, 0);
    tui_draw(t);
    t->pending = 0;
    return 1;
}

/* Whether row r's entry is among the patches'. */
static int
row_patched(const struct tui *t, const struct sheet_out *out, int r)
{
    size_t i;

    for (i = 0; i < out->npatches; i++)
        if (out->patches[i].entry_id == t->y.entries[r].id)
            return 1;
    return 0;
}

int
tui_patch(struct tui *t, const struct sheet_out *out)
{
    unsigned char *dirty;
    struct sheet_env env;
    size_t i;
    int r;

    for (i = 0; i < out->npatches; i++)
        if (!(out->patches[i].del
            ? model_act_delete(&t->y, out->patches[i].entry_id, &out->patches[i].period)
            : model_act_put(&t->y, out->patches[i].entry_id, &out->patches[i].period,
                            out->patches[i].quantity, out->patches[i].na, out->patches[i].unit,
                            out->patches[i].data_source, out->patches[i].note)))
            return 0;   /* not the year on screen: reloaded */
    dirty = xcalloc(t->y.nentries + 1, 1);
    for (r = 0; r < (int)t->y.nentries; r++)
        dirty[r] = (unsigned char)row_patched(t, out, r);
    recompute(t, dirty);
    free(dirty);
    if (out->npatches == 0 || t->sheet == NULL || t->sheet->build_row == NULL
        || t->grid.nrows != (int)t->y.nentries) {
        t->kind->build(t);
        return 1;
    }
    /* only the rows whose values changed are built again; the rest show the same year */
    tui_env(t, &env);
    for (r = 0; r < t->grid.nrows; r++)
        if (row_patched(t, out, r))
            t->sheet->build_row(&env, &t->grid, r);
    return 1;
}

void
tui_go_step(struct tui *t, int step)
{
    if (step < 0 || (size_t)step >= t->nsteps)
        return;
    t->step = (size_t)step;
    t->kind = kind_of(t->steps[step].kind);
    t->sheet = t->steps[step].kind != SK_EXPORT ? sheet_find(t->steps[step].sheet) : NULL;
    t->row = t->top = t->left = t->col = 0;
    t->sel = -1;
    t->kind->build(t);
    t->row = t->grid.start_row < t->grid.nrows ? t->grid.start_row : 0;
    t->col = t->grid.start_col < t->grid.ncols ? t->grid.start_col : 0;
}

void
tui_apply(struct tui *t, struct sheet_out *out)
{
    /* an A.5 edit says what it wrote: the year is patched rather than loaded again */
    if (out->changed && !(out->patched && tui_patch(t, out)))
        tui_reload(t);
    if (out->row >= 0 && out->row < t->grid.nrows)
        t->row = out->row;
    if (out->col >= 0 && out->col < t->grid.ncols)
        t->col = out->col;
    if (out->msg != NULL)
        tui_message(t, (enum msg_level)out->level, "%s", out->msg);
    sheet_out_free(out);
}

const char *
tui_step_title(const struct tui *t, size_t step)
{
    return forms_step_title(&t->steps[step], t->lang);
}

/*
 * Whether `check` assesses form f: the year's forms of Appendix A (ids "A.n"). The plan's forms
 * (P.1-P.3: performance, targets, measures) hold nothing it checks, so their steps have no mark
 * rather than one borrowed from A.4's computation or from the year's entries.
 */
static int
checked_form(const struct form_def *f)
{
    return strncmp(f->id, "A.", 2) == 0;
}

enum check_state
tui_step_state(const struct tui *t, size_t step)
{
    const struct step_def *s = &t->steps[step];

    if (s->form == NULL || !checked_form(s->form) || t->pending)
        return CHECK_EMPTY;      /* pending: no mark until the checks are made */
    return check_form_state(&t->chk, s->form, &t->y);
}
