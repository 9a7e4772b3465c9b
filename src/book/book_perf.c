/*
 * book_perf.c - the workbook's carbon performance as the front ends use it: every year loaded,
 * computed and checked once (book_calc.c; a year with errors does not count as complete for a
 * moving base), the plan loaded, core/perf.h computing from them.
 */
#include "book/book.h"

enum err
book_load_plan(struct book *wb, struct wb_plan *p, char **cause)
{
    return store_load_plan(book_store(wb), p, cause);
}

enum err
book_perf(struct book *wb, int year, enum lang lang, struct perf *p, char **cause)
{
    struct book_calc bc;
    enum err e;

    if ((e = book_calc_load(wb, lang, &bc, cause)) != ERR_OK)
        return e;
    e = book_perf_of(&bc, year, p, cause);
    book_calc_free(&bc);
    return e;
}
