/*
 * book.c - opening a workbook for the front ends (for a terminal workbook session: with its lock,
 * or read-only beside the session that holds it, taking over when that one ends), resolving its
 * reporting year, loading years and building their report. Errors are values; the CLI and the
 * terminal workbook decide how to show them.
 */
#include "book/book.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/period.h"
#include "base/xmem.h"
#include "book/book_lock.h"

struct book {
    const struct app *app;
    struct store *st;
    char *path;
    int readonly;
    enum book_share share;
    struct book_lock lock;       /* a session's; fd -1 otherwise, closed after st */
};

/*
 * A session: the lock first, then the store - for writing with the lock, read-only beside the
 * session that has it (which has its -wal or is about to: read through it, never as an immutable
 * file), or read-only without a lock when the user may not write the workbook at all.
 */
static enum err
open_session(struct book *wb, struct store **st, char **cause)
{
    enum err e;

    if (!store_may_write(wb->path)) {
        wb->share = BOOK_SHARE_NOWRITE;
        return store_open(wb->path, STORE_READONLY, st, cause);
    }
    if ((e = book_lock_open(wb->path, &wb->lock, cause)) != ERR_OK)
        return e;
    wb->share = wb->lock.held ? BOOK_SHARE_OWN : BOOK_SHARE_OTHER;
    e = store_open(wb->path, wb->lock.held ? STORE_EXISTING : STORE_READONLY_SHARED, st, cause);
    if (e != ERR_OK)
        book_lock_close(&wb->lock);
    return e;
}

enum err
book_open(const struct app *app, const char *path, enum book_mode mode,
              struct book **out, char **cause)
{
    static const enum store_mode modes[] = {
        [BOOK_WRITE] = STORE_EXISTING,
        [BOOK_CREATE] = STORE_CREATE,
        [BOOK_READ] = STORE_READONLY,
        [BOOK_SESSION] = STORE_EXISTING,
    };
    struct book *wb;
    struct store *st;
    enum err e;

    *out = NULL;
    wb = xcalloc(1, sizeof(*wb));
    wb->app = app;
    wb->path = xstrdup(path);
    wb->lock.fd = -1;
    e = mode == BOOK_SESSION ? open_session(wb, &st, cause)
                             : store_open(path, modes[mode], &st, cause);
    if (e != ERR_OK) {
        free(wb->path);
        free(wb);
        return e;
    }
    wb->st = st;
    store_set_origin(st, app->session, app->program);    /* who each edit comes from */
    wb->readonly = mode == BOOK_READ || wb->share != BOOK_SHARE_OWN;
    *out = wb;
    return ERR_OK;
}

void
book_close(struct book *wb)
{
    if (wb == NULL)
        return;
    store_close(wb->st);
    book_lock_close(&wb->lock);      /* after the store: closing it earlier drops SQLite's locks */
    free(wb->path);
    free(wb);
}

enum err
book_take_over(struct book *wb, int *taken, char **cause)
{
    struct store *st;
    enum err e;

    *taken = 0;
    if (wb->share != BOOK_SHARE_OTHER || !book_lock_take(&wb->lock))
        return ERR_OK;
    /* the new store first: when it fails, the read-only one is still there */
    if ((e = store_open(wb->path, STORE_EXISTING, &st, cause)) != ERR_OK) {
        book_lock_release(&wb->lock);
        return e;
    }
    store_close(wb->st);
    wb->st = st;
    store_set_origin(st, wb->app->session, wb->app->program);
    wb->share = BOOK_SHARE_OWN;
    wb->readonly = 0;
    *taken = 1;
    return ERR_OK;
}

struct store *
book_store(struct book *wb)
{
    return wb->st;
}

const char *
book_path(const struct book *wb)
{
    return wb->path;
}

int
book_readonly(const struct book *wb)
{
    return wb->readonly;
}

enum book_share
book_share(const struct book *wb)
{
    return wb->share;
}

const struct app *
book_app(const struct book *wb)
{
    return wb->app;
}

enum err
book_year(struct book *wb, const char *text, int may_create, int *year, int *exists,
              char **cause)
{
    enum err e;

    *exists = 0;
    if (text == NULL) {
        if ((e = store_latest_year(wb->st, year, cause)) != ERR_OK)
            return e;
        *exists = 1;
        return ERR_OK;
    }
    if (period_parse_year(text, year, cause) != ERR_OK)
        return ERR_USAGE;
    if ((e = store_year_exists(wb->st, *year, exists, cause)) != ERR_OK)
        return e;
    if (!*exists && !may_create) {
        *cause = xasprintf("工作簿中没有 %d 年度", *year);
        return ERR_NOTFOUND;
    }
    return ERR_OK;
}

enum err
book_load(struct book *wb, int year, struct wb_year *y, char **cause)
{
    return store_load_year(wb->st, wb->app->lib, year, y, cause);
}

/*
 * Checks y against the year before when wb has it: computed from r (or why) when done is 1,
 * else from scratch.
 */
static void
check_with_prev(struct book *wb, const struct wb_year *y, int done, const struct report_year *r,
                const char *why, struct check_report *rep)
{
    struct wb_year prev;
    const struct wb_year *pp = &prev;
    char *cause = NULL;
    int exists = 0;

    if (store_year_exists(wb->st, y->year - 1, &exists, &cause) != ERR_OK || !exists
        || book_load(wb, y->year - 1, &prev, &cause) != ERR_OK) {
        free(cause);
        pp = NULL;
    }
    if (done)
        check_year_computed(wb->app->forms, y, pp, r, why, rep);
    else
        check_year(wb->app->forms, y, pp, rep);
    /* the findings point into y and the forms, never into prev */
    if (pp != NULL)
        model_free(&prev);
}

void
book_check(struct book *wb, const struct wb_year *y, struct check_report *rep)
{
    check_with_prev(wb, y, 0, NULL, NULL, rep);
}

void
book_check_computed(struct book *wb, const struct wb_year *y, const struct report_year *r,
                    const char *why, struct check_report *rep)
{
    check_with_prev(wb, y, 1, r, why, rep);
}

void
book_years_free(struct wb_year *ys, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        model_free(&ys[i]);
    free(ys);
}

enum err
book_load_all(struct book *wb, struct wb_year **ys, size_t *n, char **cause)
{
    int *years;
    size_t count, i;
    enum err e;

    *ys = NULL;
    *n = 0;
    if ((e = store_years(wb->st, &years, &count, cause)) != ERR_OK)
        return e;
    *ys = xcalloc(count + 1, sizeof(**ys));
    for (i = 0; i < count && e == ERR_OK; i++)
        if ((e = book_load(wb, years[i], &(*ys)[i], cause)) == ERR_OK)
            (*n)++;
    free(years);
    if (e != ERR_OK) {
        book_years_free(*ys, *n);
        *ys = NULL;
        *n = 0;
    }
    return e;
}

enum err
book_report(struct book *wb, int year, int all_years, enum lang lang, struct report *r,
                char **cause)
{
    struct wb_year *ys, one;
    size_t n;
    enum err e;

    if (!all_years) {
        if ((e = book_load(wb, year, &one, cause)) != ERR_OK)
            return e;
        e = report_build(wb->app->forms, &one, 1, year, lang, r, cause);
        model_free(&one);
        return e;
    }
    if ((e = book_load_all(wb, &ys, &n, cause)) != ERR_OK)
        return e;
    e = report_build(wb->app->forms, ys, n, year, lang, r, cause);
    book_years_free(ys, n);
    return e;
}
