/*
 * rollup.c - the pure half of a regional roll-up: the units gathered (from workbook files by
 * book/book_rollup.c, or from the database), sorted, checked for one code claimed twice in a year,
 * totalled, averaged and ranked. A unit in a conflict stays listed, flagged, but counts nowhere:
 * which of the two files is right is for the office to decide, and summing both would count the
 * unit twice.
 */
#include "core/rollup.h"

#include <stdlib.h>
#include <string.h>

#include "base/xmem.h"

void
rollup_add(struct rollup *ru, const struct rollup_unit *u)
{
    ru->units = xrealloc(ru->units, (ru->nunits + 1) * sizeof *ru->units);
    ru->units[ru->nunits++] = *u;
}

void
rollup_skip(struct rollup *ru, const char *file, const char *reason)
{
    ru->skipped = xrealloc(ru->skipped, (ru->nskipped + 1) * sizeof *ru->skipped);
    ru->skipped[ru->nskipped].file = xstrdup(file);
    ru->skipped[ru->nskipped].reason = xstrdup(reason != NULL ? reason : "");
    ru->nskipped++;
}

static int
has_code(const struct rollup_unit *u)
{
    return u->code != NULL && u->code[0] != '\0';
}

static const char *
or_empty(const char *s)
{
    return s != NULL ? s : "";
}

/* The units' order: with a code first, by code, then name, year, file. */
static int
unit_cmp(const void *pa, const void *pb)
{
    const struct rollup_unit *a = pa, *b = pb;
    int c;

    if (has_code(a) != has_code(b))
        return has_code(a) ? -1 : 1;
    if ((c = strcmp(or_empty(a->code), or_empty(b->code))) != 0
        || (c = strcmp(or_empty(a->unit), or_empty(b->unit))) != 0)
        return c;
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    return strcmp(or_empty(a->file), or_empty(b->file));
}

static void
conflicts_free(struct rollup *ru)
{
    size_t i, j;

    for (i = 0; i < ru->nconflicts; i++) {
        free(ru->conflicts[i].code);
        for (j = 0; j < ru->conflicts[i].nfiles; j++)
            free(ru->conflicts[i].files[j]);
        free(ru->conflicts[i].files);
    }
    free(ru->conflicts);
    ru->conflicts = NULL;
    ru->nconflicts = 0;
}

void
rollup_finish(struct rollup *ru)
{
    size_t i, j, k;

    if (ru->nunits > 1)
        qsort(ru->units, ru->nunits, sizeof *ru->units, unit_cmp);
    conflicts_free(ru);
    for (i = 0; i < ru->nunits; i++)
        ru->units[i].conflict = 0;
    /* sorted, the units of one code are a run; within it they go by name first, so the units of
       one code and year need not be next to each other: each year is looked for in the run */
    for (i = 0; i < ru->nunits; i = j) {
        const struct rollup_unit *u = &ru->units[i];
        struct rollup_conflict *c;
        size_t n = 0;

        for (j = i + 1; j < ru->nunits && has_code(u) && has_code(&ru->units[j])
                        && strcmp(ru->units[j].code, u->code) == 0; j++)
            ;
        if (!has_code(u))
            continue;
        /* within the code's run [i, j), each year claimed by two or more units */
        for (k = i; k < j; k++) {
            size_t m, first = 1;

            if (ru->units[k].conflict)
                continue;
            for (m = i; m < k; m++)
                if (ru->units[m].year == ru->units[k].year)
                    first = 0;
            if (!first)
                continue;
            n = 0;
            for (m = k; m < j; m++)
                n += ru->units[m].year == ru->units[k].year;
            if (n < 2)
                continue;
            ru->conflicts = xrealloc(ru->conflicts, (ru->nconflicts + 1) * sizeof *ru->conflicts);
            c = &ru->conflicts[ru->nconflicts++];
            c->code = xstrdup(u->code);
            c->year = ru->units[k].year;
            c->files = xcalloc(n, sizeof *c->files);
            c->nfiles = 0;
            for (m = k; m < j; m++)
                if (ru->units[m].year == c->year) {
                    ru->units[m].conflict = 1;
                    c->files[c->nfiles++] = xstrdup(or_empty(ru->units[m].file));
                }
        }
    }
}

void
rollup_totals(const struct rollup *ru, struct rollup_totals *t)
{
    double area_total = 0, head_total = 0, sum_int = 0, sum_pc = 0;
    size_t i;

    memset(t, 0, sizeof *t);
    for (i = 0; i < ru->nunits; i++) {
        const struct rollup_unit *u = &ru->units[i];

        if (u->conflict) {
            t->nconflicted++;
            continue;
        }
        t->nunits++;
        t->ncomplete += u->complete != 0;
        t->total_tco2e += u->total_tco2e;
        t->scope1_tco2e += u->scope1_tco2e;
        t->scope2_tco2e += u->scope2_tco2e;
        t->energy_tce += u->energy_tce;
        t->area_m2 += u->area_m2;
        t->headcount += u->headcount;
        if (u->area_m2 > 0) {
            t->narea++;
            area_total += u->total_tco2e;
            sum_int += u->intensity_kgco2e_per_m2;
        }
        if (u->headcount > 0) {
            t->nheadcount++;
            head_total += u->total_tco2e;
            sum_pc += u->per_capita_tco2e;
        }
    }
    if (t->area_m2 > 0)
        t->intensity_kgco2e_per_m2 = area_total * 1000 / t->area_m2;
    if (t->headcount > 0)
        t->per_capita_tco2e = head_total / t->headcount;
    if (t->nunits > 0) {
        t->mean_total_tco2e = t->total_tco2e / (double)t->nunits;
        t->mean_scope1_tco2e = t->scope1_tco2e / (double)t->nunits;
        t->mean_scope2_tco2e = t->scope2_tco2e / (double)t->nunits;
        t->mean_energy_tce = t->energy_tce / (double)t->nunits;
    }
    if (t->narea > 0)
        t->mean_intensity_kgco2e_per_m2 = sum_int / (double)t->narea;
    if (t->nheadcount > 0)
        t->mean_per_capita_tco2e = sum_pc / (double)t->nheadcount;
}

/* qsort_r is not C11: the ranking sorts (value, index) pairs instead. */
struct ranked {
    double v;
    size_t i;
};

static int
ranked_cmp(const void *pa, const void *pb)
{
    const struct ranked *a = pa, *b = pb;

    if (a->v != b->v)
        return a->v > b->v ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

size_t *
rollup_rank(const struct rollup *ru, enum rollup_by by, size_t *n)
{
    struct ranked *r;
    size_t *out, i, k = 0;

    *n = 0;
    if (ru->nunits == 0)
        return NULL;
    r = xcalloc(ru->nunits, sizeof *r);
    for (i = 0; i < ru->nunits; i++) {
        const struct rollup_unit *u = &ru->units[i];

        if (u->conflict || (by == ROLLUP_BY_INTENSITY && !(u->area_m2 > 0)))
            continue;
        r[k].v = by == ROLLUP_BY_TOTAL ? u->total_tco2e : u->intensity_kgco2e_per_m2;
        r[k++].i = i;
    }
    if (k == 0) {
        free(r);
        return NULL;
    }
    qsort(r, k, sizeof *r, ranked_cmp);
    out = xcalloc(k, sizeof *out);
    for (i = 0; i < k; i++)
        out[i] = r[i].i;
    free(r);
    *n = k;
    return out;
}

void
rollup_free(struct rollup *ru)
{
    size_t i;

    for (i = 0; i < ru->nunits; i++) {
        free(ru->units[i].code);
        free(ru->units[i].unit);
        free(ru->units[i].file);
        free(ru->units[i].grade);
    }
    free(ru->units);
    for (i = 0; i < ru->nskipped; i++) {
        free(ru->skipped[i].file);
        free(ru->skipped[i].reason);
    }
    free(ru->skipped);
    conflicts_free(ru);
    memset(ru, 0, sizeof *ru);
}
