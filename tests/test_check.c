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
    kwh[6] = 95000;   /* July: the median of the other months is 8500, 95000 > 3 × 8500 */
    complete_year(&y, kwh);
    check_year(forms, &y, &r);
    assert_int_equal(r.nerrors, 0);
    assert_int_equal(r.nwarnings, 1);
    assert_int_equal(count(&r, CHECK_WARNING, "2024-07", "异常波动"), 1);
    check_free(&r);
    model_free(&y);

    memcpy(kwh, steady, sizeof(kwh));
    kwh[1] = 2000;    /* February far below: 2000 < 8500 / 3 */
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

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_year),
        cmocka_unit_test(test_complete_year_is_clean),
        cmocka_unit_test(test_swing_flagged),
        cmocka_unit_test(test_gaps_overlaps_and_sources),
    };

    return cmocka_run_group_tests_name("check", tests, setup, teardown);
}
