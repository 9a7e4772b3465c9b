/* test_check.c - completeness against Appendix A, the 异常波动 rule and the reviewer's checks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/report.h"
#include "base/xmem.h"

#include "year_fixture.h"

static int
same_str(const char *a, const char *b)
{
    return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

/* Fails unless a and b hold the same findings, in the same order, word for word. */
static void
same_findings(const struct check_report *a, const struct check_report *b)
{
    size_t i;

    assert_int_equal(a->n, b->n);
    assert_int_equal(a->nerrors, b->nerrors);
    assert_int_equal(a->nwarnings, b->nwarnings);
    for (i = 0; i < a->n; i++) {
        const struct check_item *x = &a->items[i], *y = &b->items[i];

        assert_int_equal(x->code, y->code);
        assert_int_equal(x->level, y->level);
        assert_string_equal(x->msg, y->msg);
        assert_true(same_str(x->msg_en, y->msg_en));
        assert_true(same_str(x->at.form_id, y->at.form_id));
        assert_true(same_str(x->at.field, y->at.field));
        assert_true(same_str(x->at.source_id, y->at.source_id));
        assert_true(x->at.entry_id == y->at.entry_id);
        assert_int_equal(x->at.has_period, y->at.has_period);
        if (x->at.has_period)
            assert_int_equal(period_cmp(&x->at.period, &y->at.period), 0);
    }
}

/*
 * check_year, and beside it check_year_computed from the year's report (what the terminal
 * workbook and book_calc do, so that the engine runs once): every test of this file asserts on
 * findings both ways give, word for word.
 */
static void
checked(const struct form_set *fs, const struct wb_year *y, const struct wb_year *prev,
        struct check_report *rep)
{
    struct check_report again;
    struct report r;
    char *why = NULL;
    int ok = report_build(fs, y, 1, y->year, LANG_ZH, &r, &why) == ERR_OK;

    check_year(fs, y, prev, rep);
    check_year_computed(fs, y, prev, ok ? report_cur(&r) : NULL, why, &again);
    same_findings(rep, &again);
    check_free(&again);
    if (ok)
        report_free(&r);
    free(why);
}

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

/* A complete year for a small office: A.1 filled, twelve months of kWh with 数据来源. */
static void
complete_year_in(struct wb_year *y, int year, const double *kwh)
{
    static const char *const info[][2] = {
        {"unit_name", "某县教育局"}, {"address", "某县某路1号"}, {"building_area", "3000"},
        {"contact", "李明"}, {"phone", "0571-1234567"}, {"headcount", "40"},
        {"uscc", "91350100M000100Y43"},     /* GB 32100—2015's own example: valid */
    };
    size_t i, j;
    char p[24];

    year_new(y, year, "全国", "AR6");
    for (i = 0; i < sizeof(info) / sizeof(info[0]); i++)
        year_info(y, info[i][0], info[i][1]);
    for (i = 0; i < 12; i++) {
        snprintf(p, sizeof(p), "%d-%02zu", year, i + 1);
        year_act(y, "electricity", "", p, kwh[i], "kWh");
    }
    for (i = 0; i < y->nentries; i++)
        for (j = 0; j < y->entries[i].nacts; j++) {
            free(y->entries[i].acts[j].data_source);
            y->entries[i].acts[j].data_source = xstrdup("电费账单");
        }
}

/* The same for 2024, the year the tests check. */
static void
complete_year(struct wb_year *y, const double *kwh)
{
    complete_year_in(y, 2024, kwh);
}

/* Sets A.1 value key of y to value. */
static void
set_info(struct wb_year *y, const char *key, const char *value)
{
    size_t i;

    for (i = 0; i < y->ninfo; i++)
        if (strcmp(y->info[i].key, key) == 0) {
            free(y->info[i].value);
            y->info[i].value = xstrdup(value);
            return;
        }
    year_info(y, key, value);
}

/* Number of findings with code. */
static size_t
count_code(const struct check_report *r, enum check_code code)
{
    size_t i, n = 0;

    for (i = 0; i < r->n; i++)
        n += r->items[i].code == code;
    return n;
}

/* The first finding with code, or NULL. */
static const struct check_item *
find_code(const struct check_report *r, enum check_code code)
{
    size_t i;

    for (i = 0; i < r->n; i++)
        if (r->items[i].code == code)
            return &r->items[i];
    return NULL;
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
    checked(forms, &y, NULL, &r);
    /* six required A.1 fields + an empty A.3 */
    assert_int_equal(r.nerrors, 7);
    assert_int_equal(count(&r, CHECK_ERROR, "缺少“单位名称”", NULL), 1);
    assert_int_equal(count(&r, CHECK_ERROR, "缺少“用能人数”", NULL), 1);
    assert_int_equal(count(&r, CHECK_ERROR, "缺少“联系电话”", NULL), 1);
    assert_int_equal(count(&r, CHECK_ERROR, "缺少“占地面积”", NULL), 0);   /* optional */
    assert_int_equal(count(&r, CHECK_ERROR, "表A.3", "还没有任何排放源"), 1);
    /* 统一社会信用代码 is optional but asked for: a warning, never an error */
    assert_int_equal(r.nwarnings, 1);
    assert_int_equal(count(&r, CHECK_WARNING, "未填写“统一社会信用代码”", NULL), 1);
    assert_non_null(find_code(&r, CHECK_A1_ASKED));
    assert_string_equal(find_code(&r, CHECK_A1_ASKED)->at.field, "uscc");
    assert_string_equal(check_code_id(CHECK_A1_ASKED), "A1_ASKED");
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
    checked(forms, &y, NULL, &r);
    assert_int_equal(r.nerrors, 0);
    assert_int_equal(r.nwarnings, 0);
    check_free(&r);
    model_free(&y);
}

/* A stored code whose check character is wrong (…Y44: GB 32100—2015's example gives 3) is an
   error naming the character it should be; with the right one the year is clean. */
static void
test_uscc_stored(void **state)
{
    struct wb_year y;
    struct check_report r;
    const struct check_item *it;

    (void)state;
    complete_year(&y, steady);
    set_info(&y, "uscc", "91350100M000100Y44");
    checked(forms, &y, NULL, &r);
    assert_int_equal(r.nerrors, 1);
    assert_int_equal(r.nwarnings, 0);
    it = find_code(&r, CHECK_A1_INVALID);
    assert_non_null(it);
    assert_string_equal(it->at.field, "uscc");
    assert_non_null(strstr(it->msg, "校验码（第 18 位）应为“3”，而不是“4”"));
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
    checked(forms, &y, NULL, &r);
    assert_int_equal(r.nerrors, 0);
    assert_int_equal(r.nwarnings, 1);
    assert_int_equal(count(&r, CHECK_WARNING, "2024-07", "异常波动"), 1);
    check_free(&r);
    model_free(&y);

    memcpy(kwh, steady, sizeof(kwh));
    kwh[1] = 2000;    /* February far below: the median of the twelve is 8700, 2000 < 8700 / 3 */
    complete_year(&y, kwh);
    checked(forms, &y, NULL, &r);
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
    free(year_pin(&y, "natural_gas")->source_text);
    year_pin(&y, "natural_gas")->source_text = xstrdup("");
    checked(forms, &y, NULL, &r);
    assert_int_equal(count(&r, CHECK_ERROR, "重叠", "2024-Q1"), 1);
    assert_int_equal(count(&r, CHECK_WARNING, "天然气（食堂）", "缺 7、8、9、10、11、12 月"), 1);
    assert_int_equal(count(&r, CHECK_WARNING, "天然气（食堂）", "没有填写数据来源"), 1);
    assert_int_equal(count(&r, CHECK_ERROR, "原煤", "没有活动水平数据"), 1);
    assert_int_equal(count(&r, CHECK_WARNING, "表A.6", "原煤"), 1);
    assert_int_equal(count(&r, CHECK_ERROR, "建筑面积", "负数"), 1);
    /* said as a missing source, not "没有数据…" as if the factor had no data */
    assert_int_equal(count(&r, CHECK_ERROR, "天然气", "的排放因子缺少数据来源"), 1);
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
    checked(forms, &y, NULL, &r);
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
    checked(forms, &y, NULL, &r);
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
    checked(forms, &y, NULL, &r);
    /* no source yet: A.3 says so as an error, the tables that follow are just empty */
    assert_int_equal(check_form_state(&r, forms_get(forms, "A.3"), &y), CHECK_HAS_ERRORS);
    assert_int_equal(check_form_state(&r, forms_get(forms, "A.5"), &y), CHECK_EMPTY);
    assert_int_equal(check_form_state(&r, forms_get(forms, "A.4"), &y), CHECK_EMPTY);
    check_free(&r);
    model_free(&y);
    complete_year(&y, steady);
    checked(forms, &y, NULL, &r);
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
    checked(forms, &y, NULL, &r);
    assert_int_equal(check_at(&r, &a1)->code, CHECK_A1_MISSING);
    assert_int_equal(check_at(&r, &a6)->code, CHECK_A6_CAUTION);
    assert_int_equal(check_form_state(&r, forms_get(forms, "A.1"), &y), CHECK_HAS_ERRORS);
    assert_int_equal(check_form_state(&r, forms_get(forms, "A.6"), &y), CHECK_HAS_WARNINGS);
    check_free(&r);
    /* a row the engine cannot convert: the computed tables show errors */
    year_act(&y, "natural_gas", "", "2024-01", 5, "kWh");
    checked(forms, &y, NULL, &r);
    assert_int_equal(check_form_state(&r, forms_get(forms, "A.2"), &y), CHECK_HAS_ERRORS);
    assert_int_equal(check_form_state(&r, forms_get(forms, "A.4"), &y), CHECK_HAS_ERRORS);
    check_free(&r);
    model_free(&y);
}

/*
 * 100000 kWh (ten months of 8000, two of 10000) × 0.5306 tCO₂/MWh (2024 takes the 2023 national
 * factor) = 53.06 tCO₂ = 53060 kgCO₂. Over 10612 m² that is 5.00 kgCO₂e/m², the lower limit
 * itself: no warning; over 10829 m² it is 4.8998, shown 4.90: below 5. Over 177 m² 299.77 (no
 * warning), over 176 m² 301.48 (above 300).
 */
static void
test_intensity_range(void **state)
{
    static const struct {
        const char *area;
        size_t warnings;
        const char *text;
    } cases[] = {
        {"10612", 0, NULL},
        {"10829", 1, "单位建筑面积碳排放量 4.9 kgCO₂e/m² 低于 5"},
        {"177", 0, NULL},
        {"176", 1, "单位建筑面积碳排放量 301.48 kgCO₂e/m² 高于 300"},
    };
    double kwh[12] = {8000, 8000, 8000, 8000, 8000, 10000, 10000, 8000, 8000, 8000, 8000, 8000};
    struct check_where w = {.form_id = "A.4", .field = "intensity"};
    struct wb_year y;
    struct check_report r;
    size_t i;

    (void)state;
    for (i = 0; i < nitems(cases); i++) {
        complete_year(&y, kwh);
        set_info(&y, "building_area", cases[i].area);
        checked(forms, &y, NULL, &r);
        assert_int_equal(r.nerrors, 0);
        assert_int_equal(r.nwarnings, cases[i].warnings);
        assert_int_equal(count_code(&r, CHECK_A4_INTENSITY), cases[i].warnings);
        /* the step bar marks A.4 (a computed table) with the warning, A.2 not */
        assert_int_equal(check_form_state(&r, forms_get(forms, "A.4"), &y),
                         cases[i].warnings ? CHECK_HAS_WARNINGS : CHECK_COMPLETE);
        assert_int_equal(check_form_state(&r, forms_get(forms, "A.2"), &y), CHECK_COMPLETE);
        if (cases[i].text != NULL) {
            assert_int_equal(count(&r, CHECK_WARNING, cases[i].text, "请核对建筑面积"), 1);
            assert_int_equal(check_at(&r, &w)->code, CHECK_A4_INTENSITY);
            assert_string_equal(check_code_id(CHECK_A4_INTENSITY), "A4_INTENSITY");
            assert_non_null(strstr(check_msg(check_at(&r, &w), LANG_EN),
                                   "Table A.4: Emissions per floor area"));
        }
        check_free(&r);
        model_free(&y);
    }
}

/* Twelve months of electricity of year, months 1..split in kWh and the rest in 万kWh; month m
   is the number given × (1 + m / 1000), so that no two months are alike. */
static void
split_year(struct wb_year *y, int year, int split, double kwh, double wan)
{
    char p[24];
    int m;

    year_new(y, year, "全国", "AR6");
    for (m = 1; m <= 12; m++) {
        snprintf(p, sizeof(p), "%d-%02d", year, m);
        year_act(y, "electricity", "", p, (m <= split ? kwh : wan) * (1 + m / 1000.0),
                 m <= split ? "kWh" : "万kWh");
    }
}

/*
 * A unit slip of 10⁴: the numbers kept when kWh became 万kWh. Six months of about 9000 kWh and
 * six of about 9000 万kWh (medians per month 9031.5 kWh and 9085.5, within 3×): the 万kWh rows are
 * flagged (as many of each: the larger unit), at July. With 0.9 万kWh (= 9000 kWh, converted)
 * nothing. Eleven months in kWh and May in 万kWh: May alone is flagged.
 */
static void
test_unit_scale(void **state)
{
    struct check_where w = {.form_id = "A.5", .field = "quantity", .entry_id = 1,
                            .source_id = "electricity", .has_period = 1};
    const struct check_item *it;
    struct wb_year y, prev;
    struct check_report r;
    char *cause = NULL;

    (void)state;
    split_year(&y, 2024, 6, 9000, 9000);
    checked(forms, &y, NULL, &r);
    assert_int_equal(count_code(&r, CHECK_A5_UNIT_SCALE), 1);
    assert_int_equal(period_parse("2024-07", &w.period, &cause), ERR_OK);
    it = check_at(&r, &w);
    assert_non_null(it);
    assert_int_equal(it->code, CHECK_A5_UNIT_SCALE);
    assert_int_equal(it->level, CHECK_WARNING);
    assert_string_equal(check_code_id(it->code), "A5_UNIT_SCALE");
    assert_non_null(strstr(it->msg, "外购电力 有 6 个期间按 万kWh 填写（如 2024-07）"));
    assert_non_null(strstr(it->msg, "每月中位数 9085.5 万kWh 对 9031.5 kWh"));
    assert_non_null(strstr(check_msg(it, LANG_EN), "the units differ 10⁴ times"));
    check_free(&r);
    model_free(&y);

    split_year(&y, 2024, 6, 9000, 0.9);
    checked(forms, &y, NULL, &r);
    assert_int_equal(count_code(&r, CHECK_A5_UNIT_SCALE), 0);
    check_free(&r);
    model_free(&y);

    /* May in 万kWh among eleven months in kWh: 1 row against 11, the one row is flagged */
    split_year(&y, 2024, 12, 9000, 0);
    free(y.entries[0].acts[4].unit);
    y.entries[0].acts[4].unit = xstrdup("万kWh");
    checked(forms, &y, NULL, &r);
    assert_int_equal(count_code(&r, CHECK_A5_UNIT_SCALE), 1);
    assert_non_null(strstr(find_code(&r, CHECK_A5_UNIT_SCALE)->msg, "有 1 个期间按 万kWh 填写（如 2024-05）"));
    check_free(&r);
    model_free(&y);

    /*
     * Against the year before: 2023 in kWh (about 9000 a month), 2024 all in 万kWh with the same
     * numbers. Flagged once, as a slip, and not also as a change of +99990 %.
     */
    split_year(&prev, 2023, 12, 9000, 0);
    split_year(&y, 2024, 0, 0, 9000);
    checked(forms, &y, &prev, &r);
    assert_int_equal(count_code(&r, CHECK_A5_UNIT_SCALE), 1);
    assert_non_null(strstr(find_code(&r, CHECK_A5_UNIT_SCALE)->msg,
                           "数值却与 2023 年按 kWh 填写的相近"));
    assert_int_equal(count_code(&r, CHECK_A5_YEAR_CHANGE), 0);
    check_free(&r);
    model_free(&y);
    /* the same in 万kWh, converted (0.9 万kWh = 9000 kWh): no slip and no change */
    split_year(&y, 2024, 0, 0, 0.9);
    checked(forms, &y, &prev, &r);
    assert_int_equal(count_code(&r, CHECK_A5_UNIT_SCALE), 0);
    assert_int_equal(count_code(&r, CHECK_A5_YEAR_CHANGE), 0);
    check_free(&r);
    model_free(&y);
    model_free(&prev);
}

/* The steady months times f, for 2024. */
static void
scaled_year(struct wb_year *y, double f)
{
    double kwh[12];
    size_t i;

    for (i = 0; i < 12; i++)
        kwh[i] = steady[i] * f;
    complete_year(y, kwh);
}

/*
 * A source against the year before: 2023 is the steady 112800 kWh. 2024 at ×1.49 (+49 %) and
 * ×1.5 (+50 %) pass, ×1.51 (+51 %) and ×0.49 (−51 %) are flagged. A 2024 of January to June only,
 * at ×1.6, is compared with 2023's January to June: 84000 kWh against 52500 kWh, +60 %.
 */
static void
test_source_change(void **state)
{
    static const struct {
        double f;
        const char *text;   /* NULL: no warning */
    } cases[] = {
        {1.49, NULL},
        {1.50, NULL},
        {1.51, "外购电力 全年比 2023 年增加 51%（170328 kWh 对 112800 kWh）"},
        {0.49, "外购电力 全年比 2023 年减少 51%（55272 kWh 对 112800 kWh）"},
    };
    const struct check_item *it;
    struct wb_year y, prev;
    struct check_report r;
    size_t i;

    (void)state;
    complete_year_in(&prev, 2023, steady);
    for (i = 0; i < nitems(cases); i++) {
        scaled_year(&y, cases[i].f);
        checked(forms, &y, &prev, &r);
        assert_int_equal(r.nerrors, 0);
        assert_int_equal(count_code(&r, CHECK_A5_YEAR_CHANGE), cases[i].text != NULL);
        assert_int_equal(r.nwarnings, cases[i].text != NULL);
        if (cases[i].text != NULL) {
            it = find_code(&r, CHECK_A5_YEAR_CHANGE);
            assert_non_null(strstr(it->msg, cases[i].text));
            assert_int_equal(strncmp(it->msg, "表A.5：", strlen("表A.5：")), 0);
            assert_int_equal(it->at.entry_id, 1);
            assert_string_equal(it->at.source_id, "electricity");
        }
        check_free(&r);
        /* without the year before, nothing to compare */
        checked(forms, &y, NULL, &r);
        assert_int_equal(count_code(&r, CHECK_A5_YEAR_CHANGE), 0);
        check_free(&r);
        model_free(&y);
    }

    scaled_year(&y, 1.6);
    y.entries[0].nacts = 6;     /* July to December not filled in yet */
    for (i = 6; i < 12; i++) {
        free(y.entries[0].acts[i].unit);
        free(y.entries[0].acts[i].data_source);
        free(y.entries[0].acts[i].note);
    }
    checked(forms, &y, &prev, &r);
    it = find_code(&r, CHECK_A5_YEAR_CHANGE);
    assert_non_null(it);
    assert_string_equal(it->msg, "表A.5：外购电力 1–6 月比 2023 年同期增加 60%（84000 kWh 对 52500 kWh），请核对");
    assert_string_equal(check_msg(it, LANG_EN),
                        "Table A.5: Electricity is up 60 % on 2023 (months 1–6): "
                        "84000 kWh against 52500 kWh; please check");
    check_free(&r);
    model_free(&y);
    model_free(&prev);
}

/*
 * 建筑面积 and 用能人数 against the year before (3000 m², 40 人): 3300 m² is +10 % (no warning),
 * 3310 m² +10.33 %, 2690 m² −10.33 %; 44 人 +10 % (none), 45 人 +12.5 %.
 */
static void
test_info_change(void **state)
{
    static const struct {
        const char *area, *headcount;
        const char *text;   /* NULL: no warning */
    } cases[] = {
        {"3300", "44", NULL},
        {"3310", "40", "表A.1：建筑面积 3310 m² 比 2023 年（3000 m²）增加 10.3%，请核对"},
        {"2690", "40", "表A.1：建筑面积 2690 m² 比 2023 年（3000 m²）减少 10.3%，请核对"},
        {"3000", "45", "表A.1：用能人数 45 人 比 2023 年（40 人）增加 12.5%，请核对"},
    };
    struct wb_year y, prev;
    struct check_report r;
    const struct check_item *it;
    size_t i;

    (void)state;
    complete_year_in(&prev, 2023, steady);
    for (i = 0; i < nitems(cases); i++) {
        complete_year(&y, steady);
        set_info(&y, "building_area", cases[i].area);
        set_info(&y, "headcount", cases[i].headcount);
        checked(forms, &y, &prev, &r);
        assert_int_equal(r.nerrors, 0);
        assert_int_equal(r.nwarnings, cases[i].text != NULL);
        if (cases[i].text != NULL) {
            it = find_code(&r, CHECK_A1_YEAR_CHANGE);
            assert_non_null(it);
            assert_string_equal(it->msg, cases[i].text);
            assert_string_equal(it->at.form_id, "A.1");
            assert_string_equal(it->at.field, cases[i].headcount[1] == '5' ? "headcount"
                                                                          : "building_area");
        }
        check_free(&r);
        model_free(&y);
    }
    complete_year(&y, steady);
    set_info(&y, "headcount", "45");
    checked(forms, &y, &prev, &r);
    assert_string_equal(check_msg(find_code(&r, CHECK_A1_YEAR_CHANGE), LANG_EN),
                        "Table A.1: Energy users 45 people is up 12.5 % on 2023 (40 people); "
                        "please check");
    check_free(&r);
    model_free(&y);
    model_free(&prev);
}

/*
 * Every finding has an English message, and numbers never take an exponent: a July of 2450000
 * kWh among months of 800000 (%g would print 2.45e+06 and 800000 as 8e+05).
 */
static void
test_english_and_numbers(void **state)
{
    double kwh[12];
    struct wb_year y;
    struct check_report r;
    size_t i;

    (void)state;
    for (i = 0; i < 12; i++)
        kwh[i] = 800000;
    kwh[6] = 2450000;     /* > 3 × 800000 */
    complete_year(&y, kwh);
    checked(forms, &y, NULL, &r);
    assert_int_equal(count(&r, CHECK_WARNING, "2024-07 的数量 2450000 kWh 与各月的中位数 800000",
                           NULL), 1);
    for (i = 0; i < r.n; i++)
        assert_null(strstr(r.items[i].msg, "e+"));
    check_free(&r);
    model_free(&y);

    year_new(&y, 2024, "全国", "AR6");      /* many findings: A.1 missing, A.3 empty */
    checked(forms, &y, NULL, &r);
    assert_true(r.n >= 7);
    for (i = 0; i < r.n; i++) {
        assert_non_null(r.items[i].msg_en);
        assert_ptr_equal(check_msg(&r.items[i], LANG_EN), r.items[i].msg_en);
        assert_ptr_equal(check_msg(&r.items[i], LANG_ZH), r.items[i].msg);
        assert_int_equal(strncmp(r.items[i].msg_en, "Table A.", 8), 0);
    }
    assert_int_equal(count(&r, CHECK_ERROR, "缺少“联系人”", NULL), 1);
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
    char p[24];
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
        checked(forms, &y, NULL, &r);
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
    checked(forms, &y, NULL, &r);
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
    char p[24];
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
    checked(forms, &y, NULL, &r);
    assert_int_equal(count(&r, CHECK_WARNING, "2024-12", "异常波动"), 1);
    assert_int_equal(count(&r, CHECK_WARNING, "异常波动", NULL), 1);
    check_free(&r);
    model_free(&y);
}

/*
 * A year the engine refuses (a row in litres of electricity, a unit of the wrong dimension): the
 * check says so as A4_UNCOMPUTABLE with the engine's reason, from scratch as from the report's
 * refusal, and skips the intensity.
 */
static void
test_uncomputable(void **state)
{
    struct wb_year y;
    struct check_report r;
    size_t i, n = 0;

    (void)state;
    complete_year(&y, steady);
    year_act(&y, "electricity", "", "2024-01", 10, "L");
    checked(forms, &y, NULL, &r);
    for (i = 0; i < r.n; i++)
        if (r.items[i].code == CHECK_A4_UNCOMPUTABLE) {
            assert_non_null(strstr(r.items[i].msg, "表A.4：无法计算："));
            assert_non_null(strstr(r.items[i].msg, "2024-01"));
            n++;
        }
    assert_int_equal(n, 1);
    check_free(&r);
    model_free(&y);
}

/*
 * Many entries of one source (1 000 facilities of electricity, two of natural gas): A.6 is
 * checked once per source, at its first entry, and the year-on-year rule reads each source once
 * (gas 2 × 12 × 40 = 960 m³ in 2023, 2 × 12 × 100 = 2400 m³ in 2024: 2400 / 960 − 1 = +150 %
 * > 50 %, one warning; electricity is the same both years, none).
 */
static void
test_many_entries(void **state)
{
    struct wb_year y, prev;
    struct check_report r;
    char fac[32], p[32];
    int i, m, year;

    (void)state;
    for (year = 2023; year <= 2024; year++) {
        struct wb_year *w = year == 2023 ? &prev : &y;

        year_new(w, year, "全国", "AR6");
        year_info(w, "building_area", "3000");
        for (i = 0; i < 1000; i++)
            for (m = 1; m <= 12; m++) {
                snprintf(fac, sizeof(fac), "表%04d", i);
                snprintf(p, sizeof(p), "%d-%02d", year, m);
                year_act(w, "electricity", fac, p, 100, "kWh");
                if (i < 2)
                    year_act(w, "natural_gas", fac, p, year == 2023 ? 40 : 100, "m³");
            }
    }
    free(year_pin(&y, "electricity")->source_text);
    year_pin(&y, "electricity")->source_text = xstrdup("");
    checked(forms, &y, &prev, &r);
    assert_int_equal(count(&r, CHECK_ERROR, "表A.6", "外购电力"), 1);
    assert_int_equal(count(&r, CHECK_WARNING, "天然气 全年比 2023 年增加 150", NULL), 1);
    assert_int_equal(count(&r, CHECK_WARNING, "外购电力", "比 2023 年"), 0);
    check_free(&r);
    model_free(&y);
    model_free(&prev);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_year),
        cmocka_unit_test(test_complete_year_is_clean),
        cmocka_unit_test(test_uscc_stored),
        cmocka_unit_test(test_swing_flagged),
        cmocka_unit_test(test_gaps_overlaps_and_sources),
        cmocka_unit_test(test_swing_three_months),
        cmocka_unit_test(test_codes_and_states),
        cmocka_unit_test(test_overlaps),
        cmocka_unit_test(test_intensity_range),
        cmocka_unit_test(test_unit_scale),
        cmocka_unit_test(test_source_change),
        cmocka_unit_test(test_info_change),
        cmocka_unit_test(test_english_and_numbers),
        cmocka_unit_test(test_na_covers_months),
        cmocka_unit_test(test_na_swing),
        cmocka_unit_test(test_uncomputable),
        cmocka_unit_test(test_many_entries),
    };

    return cmocka_run_group_tests_name("check", tests, setup, teardown);
}
