/*
 * year_fixture.h - builds in-memory reporting years for the engine, check and report tests, and
 * is their group setup: it loads the built-in factor library (lib) and forms (forms).
 */
#ifndef TANBOOK_YEAR_FIXTURE_H
#define TANBOOK_YEAR_FIXTURE_H

#include "data/forms.h"

static struct factor_lib *lib;
static struct form_set *forms;

static int
setup(void **state)
{
    char *cause = NULL;

    (void)state;
    if (factors_load(&lib, &cause) != ERR_OK || forms_load(&forms, &cause) != ERR_OK) {
        fprintf(stderr, "setup: %s\n", cause);
        free(cause);
        return -1;
    }
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    factors_free(lib);
    forms_free(forms);
    return 0;
}

/* A year with every library factor pinned as a new year would be, and no data yet. */
static void
year_new(struct wb_year *y, int year, const char *grid_area, const char *gwp)
{
    size_t i;

    memset(y, 0, sizeof(*y));
    y->year = year;
    y->grid_area = xstrdup(grid_area);
    y->gwp_set = xstrdup(gwp);
    y->pins = xcalloc(lib->nsources, sizeof(*y->pins));
    for (i = 0; i < lib->nsources; i++) {
        char *cause = NULL;

        assert_int_equal(factors_default_pin(lib, &lib->sources[i], year, NULL, grid_area, gwp,
                                             &y->pins[y->npins], &cause), ERR_OK);
        y->npins++;
    }
}

/* The pin of source_id in y, to change for a test (it must be there: year_new pins every source).
 * Inline because not every test file that includes this one uses it. */
static inline struct factor_pin *
year_pin(struct wb_year *y, const char *source_id)
{
    size_t i;

    for (i = 0; i < y->npins; i++)
        if (strcmp(y->pins[i].source_id, source_id) == 0)
            return &y->pins[i];
    fail_msg("no pin of %s", source_id);
    return NULL;
}

static void
year_info(struct wb_year *y, const char *key, const char *value)
{
    y->info = xrealloc(y->info, (y->ninfo + 1) * sizeof(*y->info));
    y->info[y->ninfo].key = xstrdup(key);
    y->info[y->ninfo].value = xstrdup(value);
    y->ninfo++;
}

/* Adds one activity row (period text, quantity, unit) to the entry of source (created on demand). */
static void
year_act(struct wb_year *y, const char *source, const char *facility, const char *period,
         double q, const char *unit)
{
    struct wb_entry *e = NULL;
    struct wb_activity *a;
    char *cause = NULL;
    size_t i;

    for (i = 0; i < y->nentries; i++)
        if (strcmp(y->entries[i].source_id, source) == 0
            && strcmp(y->entries[i].facility, facility) == 0)
            e = &y->entries[i];
    if (e == NULL) {
        y->entries = xrealloc(y->entries, (y->nentries + 1) * sizeof(*y->entries));
        e = &y->entries[y->nentries++];
        memset(e, 0, sizeof(*e));
        e->id = (long long)y->nentries;     /* 1, 2, … as the workbook numbers them */
        e->source_id = xstrdup(source);
        e->src = factors_source(lib, source);
        assert_non_null(e->src);
        e->facility = xstrdup(facility);
        e->location = xstrdup("");
        e->note = xstrdup("");
    }
    e->acts = xrealloc(e->acts, (e->nacts + 1) * sizeof(*e->acts));
    a = &e->acts[e->nacts++];
    memset(a, 0, sizeof(*a));
    assert_int_equal(period_parse(period, &a->period, &cause), ERR_OK);
    a->quantity = q;
    a->unit = xstrdup(unit);
    a->data_source = xstrdup("");
    a->note = xstrdup("");
}

#endif
