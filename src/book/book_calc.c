/*
 * book_calc.c - the workbook's years loaded, computed and checked once for a command: each year's
 * report and its check (against the year before, from the same load), and the plan. The carbon
 * performance, the neutrality judgement and the two evaluations read them from here, so that a
 * command needing all of them (export, evaluate) loads each year once and runs the engine once
 * per year, not once per module that asks. Passed explicitly, never cached behind the workbook:
 * a value made for one command, which a write cannot leave stale behind the caller's back.
 */
#include "book/book.h"

#include <stdlib.h>
#include <string.h>

#include "base/xmem.h"

enum err
book_calc_load(struct book *wb, enum lang lang, struct book_calc *bc, char **cause)
{
    const struct app *app = book_app(wb);
    size_t i;
    enum err e;

    memset(bc, 0, sizeof *bc);
    bc->app = app;
    bc->lang = lang;
    if ((e = book_load_all(wb, &bc->ys, &bc->n, cause)) != ERR_OK)
        return e;
    if ((e = book_load_plan(wb, &bc->plan, cause)) != ERR_OK) {
        book_years_free(bc->ys, bc->n);
        memset(bc, 0, sizeof *bc);
        return e;
    }
    bc->reps = xcalloc(bc->n + 1, sizeof *bc->reps);
    bc->whys = xcalloc(bc->n + 1, sizeof *bc->whys);
    bc->chks = xcalloc(bc->n + 1, sizeof *bc->chks);
    for (i = 0; i < bc->n; i++) {
        const struct wb_year *y = &bc->ys[i];
        /* the year before, when the workbook has it, is ys[i - 1] (book_check's comparison) */
        const struct wb_year *prev = i > 0 && bc->ys[i - 1].year == y->year - 1 ? &bc->ys[i - 1]
                                                                                : NULL;
        int ok = report_build(app->forms, y, 1, y->year, lang, &bc->reps[i], &bc->whys[i])
                 == ERR_OK;

        check_year_computed(app->forms, y, prev, ok ? report_cur(&bc->reps[i]) : NULL,
                            bc->whys[i], &bc->chks[i]);
    }
    return ERR_OK;
}

void
book_calc_free(struct book_calc *bc)
{
    size_t i;

    for (i = 0; i < bc->n; i++) {
        report_free(&bc->reps[i]);
        free(bc->whys[i]);
        check_free(&bc->chks[i]);
    }
    free(bc->reps);
    free(bc->whys);
    free(bc->chks);
    plan_free(&bc->plan);
    book_years_free(bc->ys, bc->n);
    memset(bc, 0, sizeof *bc);
}

size_t
book_calc_find(const struct book_calc *bc, int year)
{
    size_t i;

    for (i = 0; i < bc->n && bc->ys[i].year != year; i++)
        ;
    return i;
}

const struct report_year *
book_calc_report(const struct book_calc *bc, size_t i)
{
    return i < bc->n && bc->reps[i].nyears > 0 ? report_cur(&bc->reps[i]) : NULL;
}

enum err
book_perf_of(const struct book_calc *bc, int year, struct perf *p, char **cause)
{
    int *complete = xcalloc(bc->n + 1, sizeof *complete);
    size_t i;
    enum err e;

    /* a year with errors does not count as complete for a moving base */
    for (i = 0; i < bc->n; i++)
        complete[i] = bc->chks[i].nerrors == 0;
    e = perf_build_from(bc->app->forms, bc->ys, bc->reps, (const char *const *)bc->whys, bc->n,
                        complete, &bc->plan, year, bc->lang, p, cause);
    free(complete);
    return e;
}

enum err
book_neutral_of(const struct book_calc *bc, int year, struct book_neutral *bn, char **cause)
{
    size_t i = book_calc_find(bc, year);

    memset(bn, 0, sizeof *bn);
    if (i == bc->n) {
        *cause = xasprintf("工作簿中没有 %d 年度", year);
        return ERR_NOTFOUND;
    }
    if (book_calc_report(bc, i) == NULL) {
        /* as report_build says it of the reporting year */
        *cause = xstrdup(bc->whys[i] != NULL ? bc->whys[i] : "");
        return ERR_INPUT;
    }
    /* shallow copies of bc's: book_neutral_free leaves them to bc */
    bn->borrowed = 1;
    bn->year = bc->ys[i];
    bn->rep = bc->reps[i];
    bn->plan = bc->plan;
    book_neutral_judge(bc->app, &bn->year, report_cur(&bn->rep), bc->chks[i].nerrors, &bn->plan,
                       bc->lang, &bn->n, &bn->residual);
    return ERR_OK;
}
