/*
 * book_neutral.c - the carbon-neutrality judgement as the front ends use it: the year's report,
 * the claims of the plan, the standard coal of the year's pins and the library's residual
 * factor handed to core/neutral.h; and whether an evidence file is still the one recorded.
 */
#include "book/book.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/sha256.h"
#include "base/xmem.h"

void
book_neutral_judge(const struct app *app, const struct wb_year *y, const struct report_year *r,
                   size_t nerrors, const struct wb_plan *plan, enum lang lang, struct neutral *n,
                   const struct grid_factor **residual)
{
    const struct grid_factor *g = factors_residual(app->lib, y->year, NULL);
    double kwh_coal, gj_coal;

    neutral_coal(y, &kwh_coal, &gj_coal);
    neutral_build(r, plan->offsets, plan->noffsets, plan->renewables, plan->nrenewables, kwh_coal,
                  gj_coal, g != NULL ? g->value : 0, g != NULL ? g->year : 0, lang, n);
    neutral_set_check(n, nerrors);
    if (residual != NULL)
        *residual = g;
}

enum err
book_neutral(struct book *wb, int year, enum lang lang, struct book_neutral *bn, char **cause)
{
    const struct app *app = book_app(wb);
    struct check_report rep;
    enum err e;

    memset(bn, 0, sizeof *bn);
    if ((e = book_load(wb, year, &bn->year, cause)) != ERR_OK)
        return e;
    if ((e = report_build(app->forms, &bn->year, 1, year, lang, &bn->rep, cause)) != ERR_OK) {
        model_free(&bn->year);
        return e;
    }
    if ((e = book_load_plan(wb, &bn->plan, cause)) != ERR_OK) {
        report_free(&bn->rep);
        model_free(&bn->year);
        return e;
    }
    /* its errors are of the year alone (the year before adds warnings only) */
    check_year_computed(app->forms, &bn->year, NULL, report_cur(&bn->rep), NULL, &rep);
    book_neutral_judge(app, &bn->year, report_cur(&bn->rep), rep.nerrors, &bn->plan, lang,
                       &bn->n, &bn->residual);
    check_free(&rep);
    return ERR_OK;
}

void
book_neutral_free(struct book_neutral *bn)
{
    neutral_free(&bn->n);
    if (!bn->borrowed) {
        plan_free(&bn->plan);
        report_free(&bn->rep);
        model_free(&bn->year);
    }
    memset(bn, 0, sizeof *bn);
}

/*
 * The SHA-256 of the files hashed lately, by path, size and modification time: a screen asks on
 * every rebuild, and a scanned PDF of 50 MB takes a fifth of a second each time.
 */
#define HASHED_MAX 32

static struct {
    char *path;
    off_t size;
    struct timespec mtime;
    char hex[65];
} hashed[HASHED_MAX];
static size_t hashed_next;

/* path's SHA-256 into hex, from the cache when the file has not changed; ERR_IO when unreadable. */
static enum err
file_hash(const char *path, char hex[65])
{
    struct stat sb;
    char *cause = NULL;
    size_t i;

    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
        return ERR_IO;
    for (i = 0; i < HASHED_MAX; i++)
        if (hashed[i].path != NULL && strcmp(hashed[i].path, path) == 0
            && hashed[i].size == sb.st_size && hashed[i].mtime.tv_sec == sb.st_mtim.tv_sec
            && hashed[i].mtime.tv_nsec == sb.st_mtim.tv_nsec) {
            memcpy(hex, hashed[i].hex, 65);
            return ERR_OK;
        }
    if (sha256_file(path, hex, &cause) != ERR_OK) {
        free(cause);
        return ERR_IO;
    }
    i = hashed_next++ % HASHED_MAX;
    free(hashed[i].path);
    hashed[i].path = xstrdup(path);
    hashed[i].size = sb.st_size;
    hashed[i].mtime = sb.st_mtim;
    memcpy(hashed[i].hex, hex, 65);
    return ERR_OK;
}

enum evidence_state
book_evidence_state(const struct wb_evidence *ev)
{
    char hex[65];

    if (ev->file == NULL || ev->file[0] == '\0')
        return EVIDENCE_NO_FILE;
    if (file_hash(ev->file, hex) != ERR_OK)
        return EVIDENCE_MISSING;
    return strcmp(hex, ev->sha256 != NULL ? ev->sha256 : "") == 0 ? EVIDENCE_SAME
                                                                  : EVIDENCE_CHANGED;
}

const char *
book_evidence_words(enum evidence_state s, enum lang lang)
{
    static const char *const zh[] = {"", "文件未变", "文件已改动（SHA-256 与登记时不同）",
                                     "文件不存在或无法读取"};
    static const char *const en[] = {"", "file unchanged", "file changed (SHA-256 differs)",
                                     "file missing or unreadable"};

    return (unsigned)s < nitems(zh) ? (lang == LANG_EN ? en[s] : zh[s]) : "";
}

enum err
book_evidence_take(struct wb_evidence *ev, const char *file, char **cause)
{
    char hex[65];
    enum err e;

    free(ev->file);
    free(ev->sha256);
    ev->file = NULL;
    ev->sha256 = NULL;
    if (file == NULL || file[0] == '\0') {
        ev->file = xstrdup("");
        ev->sha256 = xstrdup("");
        return ERR_OK;
    }
    if ((e = sha256_file(file, hex, cause)) != ERR_OK) {
        ev->file = xstrdup("");
        ev->sha256 = xstrdup("");
        return e;
    }
    ev->file = xstrdup(file);
    ev->sha256 = xstrdup(hex);
    return ERR_OK;
}
