/*
 * book_perf.c - the workbook's carbon performance as the front ends use it: every year loaded
 * and checked (a year with errors does not count as complete for a moving base), the plan
 * loaded, core/perf.h computing from them.
 */
#include "book/book.h"

#include <stdlib.h>

#include "base/xmem.h"

enum err
book_load_plan(struct book *wb, struct wb_plan *p, char **cause)
{
    return store_load_plan(book_store(wb), p, cause);
}

enum err
book_perf(struct book *wb, int year, enum lang lang, struct perf *p, char **cause)
{
    const struct app *app = book_app(wb);
    struct wb_year *ys = NULL;
    struct wb_plan plan;
    size_t n = 0, i;
    int *complete;
    enum err e;

    if ((e = book_load_all(wb, &ys, &n, cause)) != ERR_OK)
        return e;
    if ((e = book_load_plan(wb, &plan, cause)) != ERR_OK) {
        book_years_free(ys, n);
        return e;
    }
    complete = xcalloc(n > 0 ? n : 1, sizeof *complete);
    for (i = 0; i < n; i++) {
        struct check_report rep;

        /* the year before, when the workbook has it, is ys[i - 1] */
        check_year(app->forms, &ys[i], i > 0 && ys[i - 1].year == ys[i].year - 1 ? &ys[i - 1] : NULL,
                   &rep);
        complete[i] = rep.nerrors == 0;
        check_free(&rep);
    }
    e = perf_build(app->forms, ys, n, complete, &plan, year, lang, p, cause);
    free(complete);
    plan_free(&plan);
    book_years_free(ys, n);
    return e;
}
