/* test_check.c - completeness against Appendix A and the 异常波动 rule. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "base/xmem.h"

#include "year_fixture.h"

/* Number of findings of `level` whose message contains needle1 and (unless NULL) needle2. */
static size_t
count(const struct check_report *r, enum check_level level, const char *needle1, const char *needle2)
{
    size_t i, n = 0;

    for (i = 0; i < r->n; i++)
        if (r->items[i].level == level && strstr(r->items[i].msg, needle1) != NULL
            && (needle2 == NULL || strstr(r->items[i].msg, needle2) != NULL))
            n++;
    return n;
}

/* A complete 2024 for a small office: A.1 filled, twelve similar months with 数据来源. */
static void
complete_year(struct wb_year *y, const double *kwh)
{
    static const char *const info[][2] = {
        {"unit_name", "某县教育局"}, {"address", "某县某路1号"}, {"building_area", "3000"},
        {"contact", "李明"}, {"phone", "0571-1234567"}, {"headcount", "40"},
    };
    size_t i, j;
    char p[16];

    year_new(y, 2024, "全国", "AR6");
    for (i = 0; i < sizeof(info) / sizeof(info[0]); i++)
        year_info(y, info[i][0], info[i][1]);
    for (i = 0; i < 12; i++) {
        snprintf(p, sizeof(p), "2024-%02zu", i + 1);
        year_act(y, "electricity", "", p, kwh[i], "kWh");
    }
    for (i = 0; i < y->nentries; i++)
        for (j = 0; j < y->entries[i].nacts; j++) {
            free(y->entries[i].acts[j].data_source);
            y->entries[i].acts[j].data_source = xstrdup("电费账单");
        }
}

static const double steady[12] = {9000, 8500, 8200, 7900, 8400, 10500,
                                  12000, 12400, 10100, 8300, 8200, 9300};

static void
test_empty_year(void **state)
{
    struct wb_year y;
    struct check_report r;

    (void)state;
    year_new(&y, 2024, "全国", "AR6");
    check_year(forms, &y, &r);
    /* six required A.1 fields + an empty A.3 */
    assert_int_equal(r.nerrors, 7);
    assert_int_equal(count(&r, CHECK_ERROR, "缺少“单位名称”", NULL), 1);
    assert_int_equal(count(&r, CHECK_ERROR, "缺少“用能人数”", NULL), 1);
    assert_int_equal(count(&r, CHECK_ERROR, "缺少“联系电话”", NULL), 1);
    assert_int_equal(count(&r, CHECK_ERROR, "缺少“占地面积”", NULL), 0);   /* optional */
    assert_int_equal(count(&r, CHECK_ERROR, "表A.3", "还没有任何排放源"), 1);
    check_free(&r);
    model_free(&y);
}

static void
test_complete_year_is_clean(void **state)
{
    struct wb_year y;
    struct check_report r;

    (void)state;
    complete_year(&y, steady);
    check_year(forms, &y, &r);
    assert_int_equal(r.nerrors, 0);
    assert_int_equal(r.nwarnings, 0);
    check_free(&r);
    model_free(&y);
}

static void
test_swing_flagged(void **state)
{
    double kwh[12];
    struct wb_year y;
    struct check_report r;

    (void)state;
    memcpy(kwh, steady, sizeof(kwh));
    kwh[6] = 95000;   /* July: the median of the twelve months is 8750, 95000 > 3 × 8750 */
    complete_year(&y, kwh);
    check_year(forms, &y, &r);
    assert_int_equal(r.nerrors, 0);
    assert_int_equal(r.nwarnings, 1);
    assert_int_equal(count(&r, CHECK_WARNING, "2024-07", "异常波动"), 1);
    check_free(&r);
    model_free(&y);

    memcpy(kwh, steady, sizeof(kwh));
    kwh[1] = 2000;    /* February far below: the median of the twelve is 8700, 2000 < 8700 / 3 */
    complete_year(&y, kwh);
    check_year(forms, &y, &r);
    assert_int_equal(count(&r, CHECK_WARNING, "2024-02", "异常波动"), 1);
    assert_int_equal(r.nwarnings, 1);
    check_free(&r);
    model_free(&y);
}

static void
test_gaps_overlaps_and_sources(void **state)
{
    struct wb_year y;
    struct check_report r;
    size_t i;

    (void)state;
    complete_year(&y, steady);
    /* gas: only Q1 and Q2, one quarter overlapping a month, no 数据来源 */
    year_act(&y, "natural_gas", "食堂", "2024-Q1", 3000, "m³");
    year_act(&y, "natural_gas", "食堂", "2024-Q2", 3100, "m³");
    year_act(&y, "natural_gas", "食堂", "2024-03", 900, "m³");
    /* coal in the inventory with no data, and a low-confidence factor */
    year_act(&y, "raw_coal", "", "2024", 1, "t");
    y.entries[y.nentries - 1].nacts = 0;
    free(y.entries[y.nentries - 1].acts[0].unit);
    free(y.entries[y.nentries - 1].acts[0].data_source);
    free(y.entries[y.nentries - 1].acts[0].note);
    /* a stored area that no longer validates, and a pin without source text */
    for (i = 0; i < y.ninfo; i++)
        if (strcmp(y.info[i].key, "building_area") == 0) {
            free(y.info[i].value);
            y.info[i].value = xstrdup("-5");
        }
    for (i = 0; i < y.npins; i++)
        if (strcmp(y.pins[i].source_id, "natural_gas") == 0) {
            free(y.pins[i].source_text);
            y.pins[i].source_text = xstrdup("");
        }
    check_year(forms, &y, &r);
    assert_int_equal(count(&r, CHECK_ERROR, "重叠", "2024-Q1"), 1);
    assert_int_equal(count(&r, CHECK_WARNING, "天然气（食堂）", "缺 7、8、9、10、11、12 月"), 1);
    assert_int_equal(count(&r, CHECK_WARNING, "天然气（食堂）", "没有填写数据来源"), 1);
    assert_int_equal(count(&r, CHECK_ERROR, "原煤", "没有活动水平数据"), 1);
    assert_int_equal(count(&r, CHECK_WARNING, "表A.6", "原煤"), 1);
    assert_int_equal(count(&r, CHECK_ERROR, "建筑面积", "负数"), 1);
    assert_int_equal(count(&r, CHECK_ERROR, "天然气", "没有数据来源"), 1);
    assert_int_equal(r.nerrors, 4);
    check_free(&r);
    model_free(&y);
}

/*
 * The rule is the same on screen and in `tanbook check`: months of 100, 100 and 1000 kWh flag
 * March (the median of the other two is 100, and 1000 > 3 × 100), and the finding sits on
 * exactly that cell: entry 1, month 3, not on February or on the row as a whole.
 */
static void
test_swing_three_months(void **state)
{
    struct wb_year y;
    struct check_report r;
    const struct check_item *it;
    struct check_where w = {.form_id = "A.5", .field = "quantity", .entry_id = 1,
                            .source_id = "electricity", .has_period = 1};
    double median = 0;
    char *cause = NULL;

    (void)state;
    year_new(&y, 2024, "全国", "AR6");
    year_act(&y, "electricity", "", "2024-01", 100, "kWh");
    year_act(&y, "electricity", "", "2024-02", 100, "kWh");
    year_act(&y, "electricity", "", "2024-03", 1000, "kWh");
    assert_true(check_swing(&y.entries[0], 3, &median));
    assert_float_equal(median, 100, 1e-12);
    assert_false(check_swing(&y.entries[0], 1, &median));   /* 100 is the median itself */
    assert_false(check_swing(&y.entries[0], 4, NULL));      /* April has no value */
    check_year(forms, &y, &r);
    assert_int_equal(count(&r, CHECK_WARNING, "2024-03", "异常波动"), 1);
    assert_int_equal(count(&r, CHECK_WARNING, "异常波动", NULL), 1);
    assert_int_equal(period_parse("2024-03", &w.period, &cause), ERR_OK);
    it = check_at(&r, &w);
    assert_non_null(it);
    assert_int_equal(it->code, CHECK_A5_SWING);
    assert_string_equal(check_code_id(it->code), "A5_SWING");
    assert_int_equal(period_parse("2024-02", &w.period, &cause), ERR_OK);
    assert_null(check_at(&r, &w));
    w.has_period = 0;
    w.field = NULL;
    it = check_at(&r, &w);          /* the row: nine months missing */
    assert_non_null(it);
    assert_int_equal(it->code, CHECK_A5_GAP);
    check_free(&r);

    /* two months only: too few to tell what is usual */
    y.entries[0].nacts = 2;
    free(y.entries[0].acts[2].unit);
    free(y.entries[0].acts[2].data_source);
    free(y.entries[0].acts[2].note);
    check_year(forms, &y, &r);
    assert_int_equal(count(&r, CHECK_WARNING, "异常波动", NULL), 0);
    check_free(&r);
    model_free(&y);

    /* a month in another unit is not compared: 100, 100 kWh and 1 MWh (= 1000 kWh) */
    year_new(&y, 2024, "全国", "AR6");
    year_act(&y, "electricity", "", "2024-01", 100, "kWh");
    year_act(&y, "electricity", "", "2024-02", 100, "kWh");
    year_act(&y, "electricity", "", "2024-03", 1, "MWh");
    assert_false(check_swing(&y.entries[0], 3, NULL));
    model_free(&y);
}

/* Codes, places and the step bar's states of a year with findings in A.1, A.5 and A.6. */
static void
test_codes_and_states(void **state)
{
    struct wb_year y;
    struct check_report r;
    struct check_where a1 = {.form_id = "A.1", .field = "building_area"};
    struct check_where a6 = {.form_id = "A.6", .field = "data", .source_id = "raw_coal"};
    size_t i;

    (void)state;
    assert_string_equal(check_code_id(CHECK_A1_MISSING), "A1_MISSING");
    assert_string_equal(check_code_id(CHECK_A4_UNCOMPUTABLE), "A4_UNCOMPUTABLE");
    assert_string_equal(check_code_id(CHECK__COUNT), "?");
    for (i = 0; i < CHECK__COUNT; i++)
        assert_string_not_equal(check_code_id((enum check_code)i), "?");

    year_new(&y, 2024, "全国", "AR6");
    check_year(forms, &y, &r);
    /* no source yet: A.3 says so as an error, the tables that follow are just empty */
    assert_int_equal(check_form_state(&r, forms_get(forms, "A.3"), &y), CHECK_HAS_ERRORS);
    assert_int_equal(check_form_state(&r, forms_get(forms, "A.5"), &y), CHECK_EMPTY);
    assert_int_equal(check_form_state(&r, forms_get(forms, "A.4"), &y), CHECK_EMPTY);
    check_free(&r);
    model_free(&y);
    complete_year(&y, steady);
    check_year(forms, &y, &r);
    assert_int_equal(check_form_state(&r, forms_get(forms, "A.1"), &y), CHECK_COMPLETE);
    assert_int_equal(check_form_state(&r, forms_get(forms, "A.5"), &y), CHECK_COMPLETE);
    assert_int_equal(check_form_state(&r, forms_get(forms, "A.4"), &y), CHECK_COMPLETE);
    check_free(&r);
    for (i = 0; i < y.ninfo; i++)
        if (strcmp(y.info[i].key, "building_area") == 0) {
            free(y.info[i].value);
            y.info[i].value = xstrdup("");
        }
    year_act(&y, "raw_coal", "", "2024", 1, "t");   /* low confidence: a warning on A.6 */
    check_year(forms, &y, &r);
    assert_int_equal(check_at(&r, &a1)->code, CHECK_A1_MISSING);
    assert_int_equal(check_at(&r, &a6)->code, CHECK_A6_CAUTION);
    assert_int_equal(check_form_state(&r, forms_get(forms, "A.1"), &y), CHECK_HAS_ERRORS);
    assert_int_equal(check_form_state(&r, forms_get(forms, "A.6"), &y), CHECK_HAS_WARNINGS);
    check_free(&r);
    /* a row the engine cannot convert: the computed tables show errors */
    year_act(&y, "natural_gas", "", "2024-01", 5, "kWh");
    check_year(forms, &y, &r);
    assert_int_equal(check_form_state(&r, forms_get(forms, "A.2"), &y), CHECK_HAS_ERRORS);
    assert_int_equal(check_form_state(&r, forms_get(forms, "A.4"), &y), CHECK_HAS_ERRORS);
    check_free(&r);
    model_free(&y);
}

static void
collect(const struct check_span *a, const struct check_span *b, void *ctx)
{
    char *out = ctx;
    size_t n = strlen(out);

    snprintf(out + n, 256 - n, "%zu~%zu ", a->tag, b->tag);
}

/* One overlap rule, for one new value (check_overlap) and for many rows (check_overlaps). */
static void
test_overlaps(void **state)
{
    static const char *const periods[] = {"2024-02", "2024-Q1", "2024", "2024-04", "2024-04",
                                          "2023-12", "2024-Q2"};
    struct check_span v[nitems(periods)];
    struct wb_year y;
    struct period p;
    char *cause = NULL, out[256] = "";
    size_t i;

    (void)state;
    year_new(&y, 2024, "全国", "AR6");
    year_act(&y, "electricity", "", "2024-01", 100, "kWh");
    year_act(&y, "electricity", "", "2024-Q2", 300, "kWh");
    assert_int_equal(period_parse("2024-01", &p, &cause), ERR_OK);
    assert_null(check_overlap(&y.entries[0], &p));          /* the same period replaces */
    assert_int_equal(period_parse("2024-Q1", &p, &cause), ERR_OK);
    assert_int_equal(check_overlap(&y.entries[0], &p)->period.index, 1);   /* January */
    assert_int_equal(period_parse("2024-05", &p, &cause), ERR_OK);
    assert_int_equal(check_overlap(&y.entries[0], &p)->period.kind, PERIOD_QUARTER);
    assert_int_equal(period_parse("2024-07", &p, &cause), ERR_OK);
    assert_null(check_overlap(&y.entries[0], &p));
    model_free(&y);

    /*
     * Sorted: 2023-12 (5), 2024 (2), 2024-Q1 (1), 2024-02 (0), 2024-04 (3), 2024-04 (4),
     * 2024-Q2 (6). 2024 reaches furthest from the start, so every later 2024 span is reported
     * against it; 2023-12 overlaps nothing.
     */
    for (i = 0; i < nitems(periods); i++) {
        assert_int_equal(period_parse(periods[i], &v[i].p, &cause), ERR_OK);
        v[i].tag = i;
    }
    check_overlaps(v, nitems(v), collect, out);
    assert_string_equal(out, "2~1 2~0 2~6 2~3 2~4 ");
}

/* Adds a period 不适用 (quantity 0, na 1, no 数据来源) to source's entry of y. */
static void
year_na(struct wb_year *y, const char *source, const char *period)
{
    struct wb_entry *e;

    year_act(y, source, "", period, 0, "GJ");
    e = &y->entries[y->nentries - 1];
    assert_string_equal(e->source_id, source);
    e->acts[e->nacts - 1].na = 1;
}

/*
 * 不适用 months are covered: a heat row with bills for January-June and September-December and
 * July, August 不适用 has no gap (without the two it lacks 7、8), and the 不适用 months, which have
 * no 数据来源, are not counted as values without one (the ten bills have theirs).
 */
static void
test_na_covers_months(void **state)
{
    static const int billed[] = {1, 2, 3, 4, 5, 6, 9, 10, 11, 12};
    struct wb_year y;
    struct check_report r;
    size_t i, j;
    char p[16];
    int with_na;

    (void)state;
    for (with_na = 0; with_na <= 1; with_na++) {
        complete_year(&y, steady);
        for (i = 0; i < nitems(billed); i++) {
            snprintf(p, sizeof(p), "2024-%02d", billed[i]);
            year_act(&y, "heat", "", p, 100, "GJ");
        }
        for (j = 0; j < y.entries[1].nacts; j++) {
            free(y.entries[1].acts[j].data_source);
            y.entries[1].acts[j].data_source = xstrdup("热力结算单");
        }
        if (with_na) {
            year_na(&y, "heat", "2024-07");
            year_na(&y, "heat", "2024-08");
        }
        check_year(forms, &y, &r);
        assert_int_equal(r.nerrors, 0);
        if (with_na) {
            assert_int_equal(r.nwarnings, 0);
            assert_int_equal(count(&r, CHECK_WARNING, "外购热力 只覆盖", NULL), 0);
            assert_int_equal(count(&r, CHECK_WARNING, "没有填写数据来源", NULL), 0);
        } else {
            assert_int_equal(r.nwarnings, 1);
            assert_int_equal(count(&r, CHECK_WARNING, "外购热力 只覆盖 10 个月，缺 7、8 月", NULL), 1);
        }
        check_free(&r);
        model_free(&y);
    }

    /* a quarter 不适用 covers its three months as well */
    complete_year(&y, steady);
    for (i = 0; i < nitems(billed); i++) {
        snprintf(p, sizeof(p), "2024-%02d", billed[i]);
        if (billed[i] < 7 || billed[i] > 9)
            year_act(&y, "heat", "", p, 100, "GJ");
    }
    year_na(&y, "heat", "2024-Q3");
    check_year(forms, &y, &r);
    assert_int_equal(count(&r, CHECK_WARNING, "外购热力 只覆盖", NULL), 0);
    check_free(&r);
    model_free(&y);
}

/*
 * 异常波动 leaves 不适用 months out. A heat row of January-March and November 100 GJ, December 400
 * GJ and April-October 不适用: the median of the five months billed is 100, and 400 > 3 × 100, so
 * December is flagged. Were the seven 不适用 months zeros, the median of twelve would be
 * (0 + 0) / 2 = 0 and nothing would be. A 不适用 month is never 异常波动 itself.
 */
static void
test_na_swing(void **state)
{
    struct wb_year y;
    struct check_report r;
    const struct wb_entry *e;
    double median = -1;
    char p[16];
    int m;

    (void)state;
    complete_year(&y, steady);
    for (m = 1; m <= 12; m++) {
        snprintf(p, sizeof(p), "2024-%02d", m);
        if (m >= 4 && m <= 10)
            year_na(&y, "heat", p);
        else
            year_act(&y, "heat", "", p, m == 12 ? 400 : 100, "GJ");
    }
    e = &y.entries[1];
    assert_true(check_swing(e, 12, &median));
    assert_true(median == 100);
    assert_false(check_swing(e, 7, NULL));      /* 不适用 */
    assert_false(check_swing(e, 1, NULL));      /* 100 is the median */
    check_year(forms, &y, &r);
    assert_int_equal(count(&r, CHECK_WARNING, "2024-12", "异常波动"), 1);
    assert_int_equal(count(&r, CHECK_WARNING, "异常波动", NULL), 1);
    check_free(&r);
    model_free(&y);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_year),
        cmocka_unit_test(test_complete_year_is_clean),
        cmocka_unit_test(test_swing_flagged),
        cmocka_unit_test(test_gaps_overlaps_and_sources),
        cmocka_unit_test(test_swing_three_months),
        cmocka_unit_test(test_codes_and_states),
        cmocka_unit_test(test_overlaps),
        cmocka_unit_test(test_na_covers_months),
        cmocka_unit_test(test_na_swing),
    };

    return cmocka_run_group_tests_name("check", tests, setup, teardown);
}
