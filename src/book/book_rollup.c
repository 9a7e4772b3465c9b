/*
 * book_rollup.c - the roll-up's gathering from workbook files: the directories expanded, each file
 * opened read-only with book_open(BOOK_READ) as `summary` and `check` open it, its years computed
 * once (book_calc) and one unit-year taken: the figures of `summary`, the completeness of `check`,
 * the change against the base of `kpi`, the grade of `evaluate` / `maturity`. Whatever goes wrong
 * with one file is that file's reason in the list of files not used; the run goes on.
 */
#include "book/book_rollup.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/strbuf.h"
#include "base/xmem.h"
#include "book/book.h"

#define SUFFIX ".tanbook"

/* The files to read, in order, with the real path of each to see one met twice. */
struct files {
    char **paths;
    char **real;
    size_t n;
};

static void
files_add(struct files *f, const char *path)
{
    char *real = realpath(path, NULL);
    size_t i;

    if (real != NULL)
        for (i = 0; i < f->n; i++)
            if (f->real[i] != NULL && strcmp(f->real[i], real) == 0) {
                free(real);     /* the same file named again, or found under two paths given */
                return;
            }
    f->paths = xrealloc(f->paths, (f->n + 1) * sizeof *f->paths);
    f->real = xrealloc(f->real, (f->n + 1) * sizeof *f->real);
    f->paths[f->n] = xstrdup(path);
    f->real[f->n++] = real;
}

static int
name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
is_workbook_name(const char *name)
{
    size_t n = strlen(name), s = strlen(SUFFIX);

    return n > s && strcmp(name + n - s, SUFFIX) == 0;
}

/* Adds the *.tanbook files under dir (recursively, in name order) to f; what cannot be read is a skip. */
static void
expand_dir(const char *dir, struct files *f, struct rollup *ru, int depth)
{
    DIR *d;
    struct dirent *de;
    char **names = NULL, *why;
    size_t n = 0, i;

    if (depth > 64) {       /* a path that deep is a loop made of bind mounts, not a region */
        rollup_skip(ru, dir, "目录层级过深，未再深入");
        return;
    }
    if ((d = opendir(dir)) == NULL) {
        why = xasprintf("无法读取目录：%s", strerror(errno));
        rollup_skip(ru, dir, why);
        free(why);
        return;
    }
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;   /* ".", "..", and hidden entries (.git, a temporary file of an export) */
        names = xrealloc(names, (n + 1) * sizeof *names);
        names[n++] = xstrdup(de->d_name);
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof *names, name_cmp);
    for (i = 0; i < n; i++) {
        const char *sep = dir[0] != '\0' && dir[strlen(dir) - 1] == '/' ? "" : "/";
        char *path = xasprintf("%s%s%s", dir, sep, names[i]);
        struct stat lst, st;

        if (lstat(path, &lst) == 0) {
            if (S_ISDIR(lst.st_mode))
                expand_dir(path, f, ru, depth + 1);
            else if (is_workbook_name(names[i]) && (!S_ISLNK(lst.st_mode)
                                                    || (stat(path, &st) == 0 && !S_ISDIR(st.st_mode))))
                files_add(f, path);     /* a link to a file is read; one to a directory is not */
        }
        free(path);
        free(names[i]);
    }
    free(names);
}

/* The grades of the year's evaluations an assessor has entered, "" when none (caller frees). */
static char *
grade_of(const struct book_calc *bc, int year, enum lang lang)
{
    struct strbuf sb = {0};
    struct book_eval be;
    char *cause = NULL;
    int zc = 0, mat = 0;
    size_t i;

    for (i = 0; i < bc->plan.nassessments; i++) {
        const struct wb_assessment *a = &bc->plan.assessments[i];

        if (a->year != year || a->code[0] == '#')
            continue;
        zc |= strcmp(a->eval, "zc") == 0;
        mat |= strcmp(a->eval, "maturity") == 0;
    }
    if (!zc && !mat)
        return xstrdup("");
    if (book_evaluate_of(bc, year, &be, &cause) != ERR_OK) {
        free(cause);
        return xstrdup("");
    }
    if (zc && be.zc.grade != NULL) {
        sb_append(&sb, zc_grade_name(be.zc.grade, lang));
        if (be.zc.provisional)
            sb_append(&sb, lang == LANG_EN ? " (provisional)" : "（暂定）");
    }
    if (mat && be.mat_ok && be.mat.grade != NULL) {
        sb_append(&sb, sb.len > 0 ? " / " : "");
        sb_append(&sb, lang == LANG_EN ? be.mat.grade->name_en : be.mat.grade->name_zh);
        if (be.mat.provisional)
            sb_append(&sb, lang == LANG_EN ? " (provisional)" : "（暂定）");
    }
    book_eval_free(&be);
    return sb_take(&sb);
}

/* The change of the total against the base period as reported, when a base is set and known. */
static int
change_of(const struct book_calc *bc, int year, double *pct)
{
    const struct perf_year *py;
    struct perf p;
    char *cause = NULL;
    int ok = 0;

    if (plan_base(&bc->plan) == NULL)
        return 0;
    if (book_perf_of(bc, year, &p, &cause) != ERR_OK) {
        free(cause);
        return 0;
    }
    if ((py = perf_cur(&p)) != NULL && p.base.set && p.base.ok && py->base_pct[PK_TOTAL].ok) {
        *pct = py->base_pct[PK_TOTAL].v;
        ok = 1;
    }
    perf_free(&p);
    return ok;
}

/* One file into ru: a unit, or a skip saying why not. */
static void
gather(const struct app *app, const char *path, int year, enum lang lang, struct rollup *ru)
{
    const struct report_year *r;
    struct rollup_unit u;
    struct book_calc bc;
    struct book *wb;
    const char *code;
    char *cause = NULL;
    size_t i = 0;

    if (book_open(app, path, BOOK_READ, &wb, &cause) != ERR_OK) {
        rollup_skip(ru, path, cause);
        free(cause);
        return;
    }
    if (book_calc_load(wb, lang, &bc, &cause) != ERR_OK) {
        book_close(wb);
        rollup_skip(ru, path, cause);
        free(cause);
        return;
    }
    book_close(wb);     /* bc holds all it needs: the file is let go at once */
    if (bc.n == 0 || (year != 0 && (i = book_calc_find(&bc, year)) == bc.n)) {
        cause = bc.n == 0 ? xstrdup("工作簿中还没有任何年度")
                          : xasprintf("工作簿中没有 %d 年度", year);
        rollup_skip(ru, path, cause);
        free(cause);
        book_calc_free(&bc);
        return;
    }
    if (year == 0)
        i = bc.n - 1;
    if ((r = book_calc_report(&bc, i)) == NULL) {
        cause = xasprintf("%d 年度无法计算：%s", bc.ys[i].year, bc.whys[i] != NULL ? bc.whys[i] : "");
        rollup_skip(ru, path, cause);
        free(cause);
        book_calc_free(&bc);
        return;
    }
    memset(&u, 0, sizeof u);
    code = model_info(&bc.ys[i], "uscc");
    u.code = xstrdup(code != NULL ? code : "");
    u.unit = xstrdup(r->unit_name);
    u.file = xstrdup(path);
    u.year = r->year;
    u.area_m2 = r->has_area ? r->building_area_m2 : 0;
    u.headcount = r->has_headcount ? r->headcount : 0;
    u.total_tco2e = r->total_tco2e;
    u.scope1_tco2e = r->scope1_tco2e;
    u.scope2_tco2e = r->scope2_tco2e;
    u.intensity_kgco2e_per_m2 = r->has_area ? r->intensity_kgco2e_per_m2 : 0;
    u.per_capita_tco2e = r->has_headcount ? r->per_capita_tco2e : 0;
    u.energy_tce = r->energy_tce;
    u.complete = bc.chks[i].nerrors == 0;
    u.has_change = change_of(&bc, r->year, &u.change_pct);
    u.grade = grade_of(&bc, r->year, lang);
    rollup_add(ru, &u);
    book_calc_free(&bc);
}

void
book_rollup(const struct app *app, const char *const *paths, size_t npaths, int year,
            enum lang lang, book_rollup_progress progress, void *ctx, struct rollup *ru)
{
    struct files f = {0};
    struct stat st;
    size_t i;

    memset(ru, 0, sizeof *ru);
    for (i = 0; i < npaths; i++) {
        if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode))
            expand_dir(paths[i], &f, ru, 0);
        else
            files_add(&f, paths[i]);    /* named: read whatever its name; book_open says why not */
    }
    for (i = 0; i < f.n; i++) {
        gather(app, f.paths[i], year, lang, ru);
        if (progress != NULL)
            progress(i + 1, f.n, ctx);
    }
    for (i = 0; i < f.n; i++) {
        free(f.paths[i]);
        free(f.real[i]);
    }
    free(f.paths);
    free(f.real);
    rollup_finish(ru);
}
