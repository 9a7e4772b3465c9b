/*
 * test_incremental.c - the terminal workbook's edit path against the full reload. Random A.5
 * edits (typed values, units, 数据来源, 备注, 不适用, fills of a selection, Ctrl-D, Ctrl-R, Del)
 * go through the functions the keys call (tui_table_commit, tui_table_key, tui_table_del), which
 * patch the loaded year in memory (tui_patch). After each, the patched state must equal a year
 * loaded afresh from the workbook and computed from scratch: every report figure and text,
 * every finding, every cell of the grid - exactly, not within a tolerance. The seed is printed;
 * TANBOOK_SEED=n repeats a run.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "book/demo.h"
#include "core/engine.h"
#include "tui/tui_int.h"

#include "book_fixture.h"
#include "tui_fixture.h"

/* sheet_activity.c's columns: 排放源, 单位, 12 months, 4 quarters, 全年, 合计, 数据来源, 备注. */
enum { C_UNIT = 1, C_M1 = 2, C_YEAR = 18, C_TOTAL = 19, C_DATASRC = 20, C_NOTE = 21 };

struct inc {
    struct app app;
    char dir[64], path[128];
    struct tui t;
    unsigned seed;
};

static int
setup(void **state)
{
    struct inc *f = xcalloc(1, sizeof(*f));
    const char *s = getenv("TANBOOK_SEED");

    if (fixture_open(&f->app, f->dir) != 0)
        return -1;
    f->seed = s != NULL ? (unsigned)strtoul(s, NULL, 10) : (unsigned)time(NULL);
    printf("test_incremental: seed %u (TANBOOK_SEED=%u repeats it)\n", f->seed, f->seed);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct inc *f = *state;
    int rc = fixture_close(&f->app, f->dir);

    free(f);
    return rc;
}

/* The demo workbook (2023 and 2024) open as the terminal opens it, on step A.5 of 2024. */
static void
open_tui(struct inc *f)
{
    struct tui *t = &f->t;
    char *cause = NULL;
    size_t i;

    snprintf(f->path, sizeof(f->path), "%s/demo.tanbook", f->dir);
    assert_int_equal(demo_create(&f->app, f->path, 1, &cause), ERR_OK);
    assert_int_equal(tui_fixture_open(t, &f->app, f->path, BOOK_WRITE, 2024, &cause), ERR_OK);
    tui_reload(t);
    for (i = 0; i < t->nsteps && strcmp(t->steps[i].id, "A.5") != 0; i++)
        ;
    assert_true(i < t->nsteps);
    tui_go_step(t, (int)i);
    assert_true(t->grid.nrows >= 4);
    assert_true(t->has_prev);     /* the demo has 2023: the checks against the year before run */
}

static void
close_tui(struct inc *f)
{
    tui_free(&f->t);
}

/* Equal doubles: the same number (an incremental sum must be the full one, bit for bit). */
#define SAME(a, b, what) do { if (!((a) == (b))) fail_msg("%s: %.17g != %.17g (seed %u)", \
                                                          (what), (double)(a), (double)(b), seed); } while (0)
#define SAMES(a, b, what) do { const char *a_ = (a) ? (a) : "", *b_ = (b) ? (b) : ""; \
    if (strcmp(a_, b_) != 0) fail_msg("%s: \"%s\" != \"%s\" (seed %u)", (what), a_, b_, seed); } while (0)

static void
same_source(const struct report_source *a, const struct report_source *b, unsigned seed)
{
    int m;

    assert_ptr_equal(a->src, b->src);
    SAME(a->quantity, b->quantity, "quantity");
    SAME(a->activity, b->activity, "activity");
    SAME(a->tco2e, b->tco2e, "tco2e");
    SAME(a->tce, b->tce, "tce");
    SAME(a->factor, b->factor, "factor");
    SAMES(a->unit, b->unit, "unit");
    SAMES(a->data_source, b->data_source, "data_source");
    SAMES(a->flag, b->flag, "flag");
    assert_int_equal(a->litres, b->litres);
    for (m = 0; m < 12; m++) {
        SAME(a->month_quantity[m], b->month_quantity[m], "month_quantity");
        SAME(a->month_tco2e[m], b->month_tco2e[m], "month_tco2e");
        assert_int_equal(a->month_na[m], b->month_na[m]);
    }
    for (m = 0; m < 4; m++) {
        SAME(a->quarter_quantity[m], b->quarter_quantity[m], "quarter_quantity");
        SAME(a->quarter_tco2e[m], b->quarter_tco2e[m], "quarter_tco2e");
    }
    SAME(a->annual_quantity, b->annual_quantity, "annual_quantity");
    SAME(a->annual_tco2e, b->annual_tco2e, "annual_tco2e");
}

static void
same_report(const struct report_year *a, const struct report_year *b, unsigned seed)
{
    size_t i, j;
    int m;

    SAME(a->total_tco2e, b->total_tco2e, "total");
    SAME(a->scope1_tco2e, b->scope1_tco2e, "scope 1");
    SAME(a->scope2_tco2e, b->scope2_tco2e, "scope 2");
    SAME(a->energy_tce, b->energy_tce, "energy");
    SAME(a->intensity_kgco2e_per_m2, b->intensity_kgco2e_per_m2, "intensity");
    SAME(a->per_capita_tco2e, b->per_capita_tco2e, "per capita");
    for (m = 0; m < CAT__COUNT; m++)
        SAME(a->cat_tco2e[m], b->cat_tco2e[m], "category");
    for (m = 0; m < 12; m++)
        SAME(a->month_tco2e[m], b->month_tco2e[m], "month");
    for (m = 0; m < 4; m++)
        SAME(a->quarter_tco2e[m], b->quarter_tco2e[m], "quarter");
    SAME(a->annual_tco2e, b->annual_tco2e, "annual");
    assert_int_equal(a->nsources, b->nsources);
    for (i = 0; i < a->nsources; i++)
        same_source(&a->sources[i], &b->sources[i], seed);
    assert_int_equal(a->nentries, b->nentries);
    for (i = 0; i < a->nentries; i++) {
        assert_int_equal(a->entries[i].nacts, b->entries[i].nacts);
        for (j = 0; j < a->entries[i].nacts; j++) {
            const struct report_act *x = &a->entries[i].acts[j], *y = &b->entries[i].acts[j];

            SAMES(x->period, y->period, "period");
            SAME(x->quantity, y->quantity, "act quantity");
            assert_int_equal(x->na, y->na);
            SAMES(x->unit, y->unit, "act unit");
            SAMES(x->data_source, y->data_source, "act data_source");
            SAMES(x->note, y->note, "act note");
        }
    }
}

static void
same_checks(const struct check_report *a, const struct check_report *b, unsigned seed)
{
    size_t i;

    assert_int_equal(a->n, b->n);
    assert_int_equal(a->nerrors, b->nerrors);
    assert_int_equal(a->nwarnings, b->nwarnings);
    for (i = 0; i < a->n; i++) {
        assert_int_equal(a->items[i].code, b->items[i].code);
        assert_int_equal(a->items[i].level, b->items[i].level);
        assert_int_equal(a->items[i].at.entry_id, b->items[i].at.entry_id);
        SAMES(a->items[i].msg, b->items[i].msg, "finding");
        SAMES(a->items[i].msg_en, b->items[i].msg_en, "finding (en)");
    }
}

static void
same_grid(const struct sheet *a, const struct sheet *b, unsigned seed)
{
    int i;

    assert_int_equal(a->nrows, b->nrows);
    assert_int_equal(a->ncols, b->ncols);
    for (i = 0; i < a->nrows * a->ncols; i++) {
        SAMES(a->cells[i].text, b->cells[i].text, "cell");
        SAMES(a->cells[i].note, b->cells[i].note, "cell note");
        assert_int_equal(a->cells[i].flags, b->cells[i].flags);
    }
}

/*
 * The screen's state against the workbook loaded again and computed from scratch, as a reload
 * does it, with the sheet's own state (a unit chosen before any data) shared.
 */
static void
compare(struct inc *f)
{
    struct tui *t = &f->t;
    struct wb_year y;
    struct report rep;
    struct check_report chk = {0};
    struct sheet_env env;
    struct sheet g = {0};
    char *cause = NULL, *why = NULL;
    unsigned seed = f->seed;
    int ok;

    assert_int_equal(book_load(t->book, t->year, &y, &cause), ERR_OK);
    ok = report_build(f->app.forms, &y, 1, y.year, t->lang, &rep, &why) == ERR_OK;
    assert_int_equal(ok, t->rep_ok);
    if (ok)
        same_report(report_cur(&t->rep), report_cur(&rep), f->seed);
    else
        SAMES(t->rep_err, why, "why");
    book_check_computed(t->book, &y, ok ? report_cur(&rep) : NULL, why, &chk);
    same_checks(&t->chk, &chk, f->seed);
    tui_env(t, &env);
    env.y = &y;
    env.rep = ok ? report_cur(&rep) : NULL;
    env.rep_err = why;
    env.chk = &chk;
    t->sheet->build(&env, &g);
    same_grid(&t->grid, &g, f->seed);
    sheet_free(&g);
    check_free(&chk);
    if (ok)
        report_free(&rep);
    free(why);
    model_free(&y);
}

static const char *
pick(unsigned *r, const char *const *v, size_t n)
{
    return v[(size_t)rand_r(r) % n];
}

/* One random edit of the focused row through the keys' functions. */
static void
edit(struct tui *t, unsigned *r)
{
    static const char *const values[] = {
        "", "0", "1", "12.5", "1000", "98765.4321", "3e5", "0.001", "/", "不适用", "-5", "abc",
        "1e300", "250000",
    };
    static const char *const units[] = {"kWh", "MWh", "m³", "万m³", "L", "t", "kg", "GJ", "xyz"};
    static const char *const texts[] = {"", "账单", "电费账单", "抄表", "估算；待核"};
    int kind = rand_r(r) % 10;

    t->row = rand_r(r) % t->grid.nrows;
    t->col = C_M1 + rand_r(r) % (C_YEAR - C_M1 + 1);
    t->sel = -1;
    switch (kind) {
    case 0:     /* a unit for the whole row */
        t->col = C_UNIT;
        tui_table_commit(t, pick(r, units, nitems(units)));
        break;
    case 1:
        t->col = rand_r(r) % 2 ? C_DATASRC : C_NOTE;
        tui_table_commit(t, pick(r, texts, nitems(texts)));
        break;
    case 2:     /* a value typed over a selection of periods */
        t->sel = C_M1 + rand_r(r) % (C_YEAR - C_M1 + 1);
        tui_table_commit(t, pick(r, values, nitems(values)));
        break;
    case 3:     /* Ctrl-D, Ctrl-R */
        tui_table_key(t, rand_r(r) % 2 ? ACT_FILL_DOWN : ACT_FILL_RIGHT, 0, 1);
        break;
    case 4:     /* F6 */
        if (rand_r(r) % 2)
            t->sel = C_M1 + rand_r(r) % 12;
        tui_table_key(t, ACT_NA, 0, 1);
        break;
    case 5:     /* Del on a value (cleared at once) or a selection */
        if (rand_r(r) % 2)
            t->sel = C_M1 + rand_r(r) % 12;
        tui_table_del(t);
        break;
    default:
        tui_table_commit(t, pick(r, values, nitems(values)));
        break;
    }
    free(t->msg);
    t->msg = NULL;
}

/* 300 random edits, each compared with a reload of the workbook. */
static void
test_random_edits(void **state)
{
    struct inc *f = *state;
    unsigned r = f->seed;
    int i;

    open_tui(f);
    compare(f);
    for (i = 0; i < 300; i++) {
        edit(&f->t, &r);
        compare(f);
    }
    close_tui(f);
}

/*
 * The patch itself, by hand: 2024-01 of the first row set to 1000 of the row's unit and then
 * deleted leaves the row as a reload shows it, one value fewer.
 */
static void
test_patch_put_delete(void **state)
{
    struct inc *f = *state;
    struct tui *t;
    size_t before;

    open_tui(f);
    t = &f->t;
    t->row = 0;
    t->col = C_M1;          /* 1月 */
    before = t->y.entries[0].nacts;
    assert_int_equal(tui_table_commit(t, "1000"), ERR_OK);
    assert_string_equal(sheet_cell(&t->grid, 0, C_M1)->text, "1000");
    compare(f);
    assert_int_equal(tui_table_commit(t, ""), ERR_OK);
    assert_string_equal(sheet_cell(&t->grid, 0, C_M1)->text, "");
    /* the demo's first row has January: putting it replaced it, deleting it took one away */
    assert_int_equal(t->y.entries[0].nacts, before - 1);
    compare(f);
    close_tui(f);
}

/* The number of findings of code in rep. */
static size_t
count_code(const struct check_report *rep, enum check_code code)
{
    size_t i, n = 0;

    for (i = 0; i < rep->n; i++)
        n += rep->items[i].code == code;
    return n;
}

/*
 * A unit slip made and taken back by hand: the demo's first row in kWh set to 万kWh keeps its
 * numbers, which are then like 2023's in kWh: a 10⁴ slip (A5_UNIT_SCALE, one more finding).
 * The source's amount is then 10⁴ times 2023's (+999,900 %), which A5_YEAR_CHANGE does not say
 * since the slip explains it: no more of those. Both come from the checks' memo (the row's
 * findings and slip, the source's months spread again) and must be a reload's.
 */
static void
test_unit_slip(void **state)
{
    struct inc *f = *state;
    struct tui *t;
    size_t r, slips, changes;

    open_tui(f);
    t = &f->t;
    for (r = 0; r < t->y.nentries && !(t->y.entries[r].nacts > 0
                                        && strcmp(t->y.entries[r].acts[0].unit, "kWh") == 0); r++)
        ;
    assert_true(r < t->y.nentries);
    slips = count_code(&t->chk, CHECK_A5_UNIT_SCALE);
    changes = count_code(&t->chk, CHECK_A5_YEAR_CHANGE);
    t->row = (int)r;
    t->col = C_UNIT;
    assert_int_equal(tui_table_commit(t, "万kWh"), ERR_OK);
    assert_int_equal(count_code(&t->chk, CHECK_A5_UNIT_SCALE), slips + 1);
    assert_int_equal(count_code(&t->chk, CHECK_A5_YEAR_CHANGE), changes);
    compare(f);
    assert_int_equal(tui_table_commit(t, "kWh"), ERR_OK);
    assert_int_equal(count_code(&t->chk, CHECK_A5_UNIT_SCALE), slips);
    compare(f);
    close_tui(f);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_patch_put_delete),
        cmocka_unit_test(test_unit_slip),
        cmocka_unit_test(test_random_edits),
    };

    return cmocka_run_group_tests_name("incremental", tests, setup, teardown);
}
