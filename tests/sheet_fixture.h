/*
 * sheet_fixture.h - what the sheet tests (test_sheet.c, test_sheet_perf.c) share: the group setup,
 * the demo workbook (2024) or the two-year office workbook (2023), a step's sheet built from it as
 * the terminal workbook builds it, and the cells read back. Include it after cmocka.h and the
 * headers test_sheet.c includes.
 */
#ifndef TANBOOK_SHEET_FIXTURE_H
#define TANBOOK_SHEET_FIXTURE_H

#include "book_fixture.h"

/* A workbook and one step of it, as the terminal workbook holds them. */
struct fx {
    struct app app;
    char dir[64], path[128];
    struct book *bk;
    struct wb_year y;
    struct report rep;
    int rep_ok;
    char *rep_err;
    struct check_report chk;
    void *state;
    struct sheet_env env;
    struct sheet s;
    int office;     /* load the two-year office workbook (2023) instead of the demo (2024) */
    int bare;       /* the demo without its 2024 claims (PV, two offsets, the commitment) */
};

/* Deletes every offset and renewable row of the workbook and the plan's commitment. */
static inline void
drop_claims(struct fx *f)
{
    struct wb_plan p;
    char *cause = NULL;
    size_t i;

    assert_int_equal(store_load_plan(book_store(f->bk), &p, &cause), ERR_OK);
    for (i = 0; i < p.noffsets; i++)
        assert_int_equal(store_claim_delete(book_store(f->bk), "offset_claim", p.offsets[i].id,
                                            &cause), ERR_OK);
    for (i = 0; i < p.nrenewables; i++)
        assert_int_equal(store_claim_delete(book_store(f->bk), "renewable", p.renewables[i].id,
                                            &cause), ERR_OK);
    assert_int_equal(store_neutral_text_set(book_store(f->bk), 0, "commitment", "", &cause), ERR_OK);
    plan_free(&p);
}

static int
setup(void **state)
{
    struct fx *f = xcalloc(1, sizeof(*f));

    if (fixture_open(&f->app, f->dir) != 0)
        return -1;
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fx *f = *state;
    int rc = fixture_close(&f->app, f->dir);

    free(f);
    return rc;
}

/*
 * A county office on the national grid, 2000 m², 50 people, electricity in one annual row:
 * 2022 100 000 kWh (× 0.5366 = 53.66 tCO₂e), 2023 110 000 kWh (× 0.5306 = 58.366 tCO₂e).
 */
static inline void
office_create(struct fx *f)
{
    static const struct {
        int year;
        double kwh;
    } years[] = {{2022, 100000}, {2023, 110000}};
    struct store *st;
    char *cause = NULL, period[8];
    long long id;
    size_t i;

    snprintf(f->path, sizeof(f->path), "%s/office.tanbook", f->dir);
    unlink(f->path);
    assert_int_equal(book_open(&f->app, f->path, BOOK_CREATE, &f->bk, &cause), ERR_OK);
    st = book_store(f->bk);
    assert_int_equal(store_info_set(st, FS_UNIT, 0, "unit_name", "某县机关", &cause), ERR_OK);
    for (i = 0; i < nitems(years); i++) {
        snprintf(period, sizeof(period), "%d", years[i].year);
        assert_int_equal(store_year_add(st, f->app.lib, years[i].year, NULL, NULL, &cause), ERR_OK);
        assert_int_equal(store_info_set(st, FS_YEAR, years[i].year, "building_area", "2000", &cause),
                         ERR_OK);
        assert_int_equal(store_info_set(st, FS_YEAR, years[i].year, "headcount", "50", &cause), ERR_OK);
        assert_int_equal(store_entry_ensure(st, years[i].year, "electricity", "", "", "", &id, NULL,
                                            &cause), ERR_OK);
        assert_int_equal(store_activity_put(st, id, period, years[i].kwh, "kWh", "电费账单", "", NULL,
                                            &cause), ERR_OK);
    }
}

/* (Re)loads 2024 (the office: 2023) and builds the sheet of step id in lang, as a reload on screen does. */
static inline void
load(struct fx *f, const char *id, enum lang lang)
{
    const struct step_def *step = forms_step(f->app.forms, id);
    int year = f->office ? 2023 : 2024;
    char *cause = NULL;

    assert_non_null(step);
    if (f->bk == NULL && f->office) {
        office_create(f);
    } else if (f->bk == NULL) {
        snprintf(f->path, sizeof(f->path), "%s/demo.tanbook", f->dir);
        assert_int_equal(demo_create(&f->app, f->path, 1, &cause), ERR_OK);
        assert_int_equal(book_open(&f->app, f->path, BOOK_WRITE, &f->bk, &cause), ERR_OK);
        if (f->bare)
            drop_claims(f);
    }
    model_free(&f->y);
    if (f->rep_ok)
        report_free(&f->rep);
    free(f->rep_err);
    f->rep_err = NULL;
    check_free(&f->chk);
    assert_int_equal(book_load(f->bk, year, &f->y, &cause), ERR_OK);
    f->rep_ok = report_build(f->app.forms, &f->y, 1, year, lang, &f->rep, &f->rep_err) == ERR_OK;
    check_year(f->app.forms, &f->y, NULL, &f->chk);
    memset(&f->env, 0, sizeof(f->env));
    f->env.app = &f->app;
    f->env.book = f->bk;
    f->env.st = book_store(f->bk);
    f->env.lang = lang;
    f->env.step = step;
    f->env.y = &f->y;
    f->env.rep = f->rep_ok ? report_cur(&f->rep) : NULL;
    f->env.rep_err = f->rep_err;
    f->env.chk = &f->chk;
    f->env.state = &f->state;
    sheet_free(&f->s);
    sheet_find(step->sheet)->build(&f->env, &f->s);
}

/* Closes the workbook and frees what load made; the next load starts from a fresh demo. */
static inline void
done(struct fx *f, const char *sheet)
{
    const struct sheet_ops *so = sheet_find(sheet);

    sheet_free(&f->s);
    model_free(&f->y);
    if (f->rep_ok)
        report_free(&f->rep);
    f->rep_ok = 0;
    free(f->rep_err);
    f->rep_err = NULL;
    check_free(&f->chk);
    if (so->state_free != NULL)
        so->state_free(f->state);
    f->state = NULL;
    book_close(f->bk);
    f->bk = NULL;
}

static inline const char *
text(const struct fx *f, int r, int c)
{
    const struct sheet_cell *cell = sheet_cell(&f->s, r, c);

    assert_non_null(cell);
    return cell->text;
}

/* The row of the record form's field key. */
static inline int
field_row(const struct fx *f, const char *key)
{
    size_t i;

    for (i = 0; i < f->env.step->form->nfields; i++)
        if (strcmp(f->env.step->form->fields[i].key, key) == 0)
            return (int)i;
    fail_msg("no field %s", key);
    return -1;
}

/* The first row whose column 0 reads text (after trimming the indent), or -1. */
static inline int
row_named(const struct fx *f, const char *want)
{
    int r;

    for (r = 0; r < f->s.nrows; r++) {
        const char *t = text(f, r, 0);

        while (*t == ' ')
            t++;
        if (strncmp(t, want, strlen(want)) == 0)
            return r;
    }
    return -1;
}

#endif
