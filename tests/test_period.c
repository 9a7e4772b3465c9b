/* test_period.c - period parsing (every accepted spelling), formatting, months, overlap, order. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/period.h"
#include "base/xmem.h"

static const struct {
    const char *in;
    const char *canon;
    enum period_kind kind;
    int year, index;
} accepted[] = {
    {"2024", "2024", PERIOD_YEAR, 2024, 0},
    {"  2024\t", "2024", PERIOD_YEAR, 2024, 0},
    {"\xe3\x80\x80" "2024\xe3\x80\x80", "2024", PERIOD_YEAR, 2024, 0},   /* U+3000 around */
    {"1990", "1990", PERIOD_YEAR, 1990, 0},
    {"2100", "2100", PERIOD_YEAR, 2100, 0},
    {"2024-Q1", "2024-Q1", PERIOD_QUARTER, 2024, 1},
    {"2024Q2", "2024-Q2", PERIOD_QUARTER, 2024, 2},
    {"2024-q3", "2024-Q3", PERIOD_QUARTER, 2024, 3},
    {"2024q4", "2024-Q4", PERIOD_QUARTER, 2024, 4},
    {"2024年第1季度", "2024-Q1", PERIOD_QUARTER, 2024, 1},
    {"2024年4季度", "2024-Q4", PERIOD_QUARTER, 2024, 4},
    {" 2023年第2季度 ", "2023-Q2", PERIOD_QUARTER, 2023, 2},
    {"2024-03", "2024-03", PERIOD_MONTH, 2024, 3},
    {"2024-3", "2024-03", PERIOD_MONTH, 2024, 3},
    {"2024-12", "2024-12", PERIOD_MONTH, 2024, 12},
    {"2024/03", "2024-03", PERIOD_MONTH, 2024, 3},
    {"2024/7", "2024-07", PERIOD_MONTH, 2024, 7},
    {"2024年3月", "2024-03", PERIOD_MONTH, 2024, 3},
    {"2024年11月", "2024-11", PERIOD_MONTH, 2024, 11},
    {"202403", "2024-03", PERIOD_MONTH, 2024, 3},
    {"199001", "1990-01", PERIOD_MONTH, 1990, 1},
    {"210012", "2100-12", PERIOD_MONTH, 2100, 12},
};

static const struct {
    const char *in;
    const char *why;    /* a piece of the expected message */
} rejected[] = {
    {"2024-13", "月份 13"},
    {"2024-00", "月份 0"},
    {"202413", "月份 13"},
    {"2024年0月", "月份 0"},
    {"2024-Q5", "季度 5"},
    {"2024-Q0", "季度 0"},
    {"2024年第5季度", "季度 5"},
    {"1989", "年份 1989"},
    {"2101", "年份 2101"},
    {"1989-12", "年份 1989"},
    {"24-01", "不是有效的期间"},
    {"abc", "不是有效的期间"},
    {"", "请填写期间"},
    {"   ", "请填写期间"},
    {"2024-1-1", "不是有效的期间"},
    {"2024-", "不是有效的期间"},
    {"2024-Q", "不是有效的期间"},
    {"2024-123", "不是有效的期间"},
    {"20240", "不是有效的期间"},
    {"2024031", "不是有效的期间"},
    {"12024", "不是有效的期间"},
    {"2024年", "不是有效的期间"},
    {"2024年第3月", "不是有效的期间"},
    {"2024 -03", "不是有效的期间"},
    {"2024-03x", "不是有效的期间"},
    {"2024.03", "不是有效的期间"},
};

static void
test_accepted(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < nitems(accepted); i++) {
        struct period p = {0, PERIOD_MONTH, -1};
        char *cause = NULL, buf[9];

        if (period_parse(accepted[i].in, &p, &cause) != ERR_OK)
            fail_msg("\"%s\" refused: %s", accepted[i].in, cause);
        assert_null(cause);
        assert_int_equal(p.kind, accepted[i].kind);
        assert_int_equal(p.year, accepted[i].year);
        assert_int_equal(p.index, accepted[i].index);
        period_format(&p, buf, sizeof(buf));
        if (strcmp(buf, accepted[i].canon) != 0)
            fail_msg("\"%s\" formats as \"%s\", want \"%s\"", accepted[i].in, buf,
                     accepted[i].canon);
    }
}

/* The canonical text parses back to itself. */
static void
test_round_trip(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < nitems(accepted); i++) {
        struct period p, q;
        char *cause = NULL, buf[9];

        assert_int_equal(period_parse(accepted[i].canon, &p, &cause), ERR_OK);
        period_format(&p, buf, sizeof(buf));
        assert_string_equal(buf, accepted[i].canon);
        assert_int_equal(period_parse(buf, &q, &cause), ERR_OK);
        assert_int_equal(period_cmp(&p, &q), 0);
    }
}

static void
test_rejected(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < nitems(rejected); i++) {
        struct period p = {2000, PERIOD_MONTH, 7};
        char *cause = NULL;

        if (period_parse(rejected[i].in, &p, &cause) != ERR_INPUT)
            fail_msg("\"%s\" accepted", rejected[i].in);
        assert_non_null(cause);
        if (strstr(cause, rejected[i].why) == NULL)
            fail_msg("\"%s\": cause \"%s\" lacks \"%s\"", rejected[i].in, cause, rejected[i].why);
        free(cause);
        /* *p is left alone on error */
        assert_int_equal(p.year, 2000);
        assert_int_equal(p.index, 7);
    }
}

static void
test_format_small_buffer(void **state)
{
    struct period p = {2024, PERIOD_MONTH, 3};
    char buf[5];

    (void)state;
    period_format(&p, buf, sizeof(buf));
    assert_string_equal(buf, "2024");   /* truncated, still terminated */
}

static void
test_months(void **state)
{
    static const struct {
        struct period p;
        int first, last;
    } cases[] = {
        {{2024, PERIOD_YEAR, 0}, 1, 12},
        {{2024, PERIOD_QUARTER, 1}, 1, 3},
        {{2024, PERIOD_QUARTER, 2}, 4, 6},
        {{2024, PERIOD_QUARTER, 3}, 7, 9},
        {{2024, PERIOD_QUARTER, 4}, 10, 12},
        {{2024, PERIOD_MONTH, 1}, 1, 1},
        {{2024, PERIOD_MONTH, 8}, 8, 8},
        {{2024, PERIOD_MONTH, 12}, 12, 12},
    };
    size_t i;

    (void)state;
    for (i = 0; i < nitems(cases); i++) {
        int first = -1, last = -1;

        period_months(&cases[i].p, &first, &last);
        assert_int_equal(first, cases[i].first);
        assert_int_equal(last, cases[i].last);
    }
}

/* Parses s, which must be valid. */
static struct period
parse_ok(const char *s)
{
    struct period p = {0, PERIOD_YEAR, 0};
    char *cause = NULL;

    if (period_parse(s, &p, &cause) != ERR_OK)
        fail_msg("\"%s\" refused: %s", s, cause);
    return p;
}

static void
test_overlap(void **state)
{
    static const struct {
        const char *a, *b;
        int want;
    } cases[] = {
        {"2024", "2024", 1},
        {"2024", "2024-03", 1},
        {"2024", "2024-Q4", 1},
        {"2024", "2025", 0},
        {"2024", "2025-01", 0},
        {"2024-Q1", "2024-03", 1},      /* Q1 = months 1-3 */
        {"2024-Q1", "2024-01", 1},
        {"2024-Q1", "2024-04", 0},
        {"2024-Q2", "2024-04", 1},
        {"2024-Q1", "2024-Q1", 1},
        {"2024-Q1", "2024-Q2", 0},
        {"2024-Q1", "2023-Q1", 0},
        {"2024-03", "2024-03", 1},
        {"2024-03", "2024-04", 0},
        {"2024-03", "2023-03", 0},
        {"2023-Q4", "2024-01", 0},
    };
    size_t i;

    (void)state;
    for (i = 0; i < nitems(cases); i++) {
        struct period a = parse_ok(cases[i].a), b = parse_ok(cases[i].b);

        if (period_overlap(&a, &b) != cases[i].want || period_overlap(&b, &a) != cases[i].want)
            fail_msg("overlap(%s, %s) should be %d", cases[i].a, cases[i].b, cases[i].want);
    }
}

static int
cmp_void(const void *a, const void *b)
{
    return period_cmp(a, b);
}

static void
test_cmp(void **state)
{
    /* the expected order: by year, then first month, then year < quarter < month */
    static const char *const sorted[] = {
        "2023-12", "2024", "2024-Q1", "2024-01", "2024-02", "2024-03",
        "2024-Q2", "2024-04", "2024-12", "2025", "2025-Q1",
    };
    static const size_t shuffle[] = {9, 3, 0, 7, 1, 10, 5, 2, 8, 4, 6};
    struct period ps[nitems(sorted)];
    char buf[9];
    size_t i, j;

    (void)state;
    assert_int_equal(nitems(shuffle), nitems(sorted));
    for (i = 0; i < nitems(sorted); i++)
        ps[i] = parse_ok(sorted[shuffle[i]]);
    qsort(ps, nitems(ps), sizeof(ps[0]), cmp_void);
    for (i = 0; i < nitems(sorted); i++) {
        period_format(&ps[i], buf, sizeof(buf));
        assert_string_equal(buf, sorted[i]);
    }
    /* antisymmetric, and zero only on the diagonal */
    for (i = 0; i < nitems(sorted); i++) {
        for (j = 0; j < nitems(sorted); j++) {
            struct period a = parse_ok(sorted[i]), b = parse_ok(sorted[j]);
            int c = period_cmp(&a, &b);

            assert_int_equal(c < 0, i < j);
            assert_int_equal(c > 0, i > j);
        }
    }
}

/*
 * period_format writes the digits itself for a month or a quarter of years 0-9999: the same text
 * as the snprintf it stands in for, for every month and quarter of years at the edges (0, 999,
 * 1000, 9999) and of the workbook's range; a year and a buffer too small still go by snprintf
 * (cut, NUL-terminated).
 */
static void
test_format_fast(void **state)
{
    static const int years[] = {0, 7, 999, 1000, 1990, 2024, 2100, 9999};
    char got[32], want[32];
    size_t k;
    int i;

    (void)state;
    for (k = 0; k < nitems(years); k++) {
        for (i = 1; i <= 12; i++) {
            struct period p = {.kind = PERIOD_MONTH, .year = years[k], .index = i};

            period_format(&p, got, sizeof(got));
            snprintf(want, sizeof(want), "%04d-%02d", years[k], i);
            assert_string_equal(got, want);
            if (i <= 4) {
                p.kind = PERIOD_QUARTER;
                period_format(&p, got, sizeof(got));
                snprintf(want, sizeof(want), "%04d-Q%d", years[k], i);
                assert_string_equal(got, want);
            }
        }
    }
    {
        struct period p = {.kind = PERIOD_MONTH, .year = 2024, .index = 3};
        struct period y = {.kind = PERIOD_YEAR, .year = 2024, .index = 0};

        period_format(&p, got, 5);      /* "2024-03" cut to fit 5 bytes */
        assert_string_equal(got, "2024");
        period_format(&y, got, sizeof(got));
        assert_string_equal(got, "2024");
    }
}

/* The one year parser: what a year field or --year accepts, and why anything else is refused. */
static void
test_year(void **state)
{
    static const struct {
        const char *in;
        int year;           /* 0: refused */
        const char *why;    /* part of the reason */
    } cases[] = {
        {"2024", 2024, NULL},
        {" 2024 ", 2024, NULL},
        {"\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x94", 2024, NULL},   /* ２０２４ */
        {"2024年", 2024, NULL},
        {"1990", 1990, NULL},
        {"2100", 2100, NULL},
        {"1989", 0, "超出范围（1990–2100）"},
        {"2101", 0, "超出范围"},
        {"", 0, "请填写年度"},
        {"abc", 0, "不是有效的年度"},
        {"202", 0, "四位数字"},
        {"20245", 0, "四位数字"},
        {"2024-01", 0, "不是有效的年度"},
        {"+2024", 0, "不是有效的年度"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < nitems(cases); i++) {
        char *cause = NULL;
        int y = -1;
        enum err e = period_parse_year(cases[i].in, &y, &cause);

        if (cases[i].year != 0) {
            assert_int_equal(e, ERR_OK);
            assert_int_equal(y, cases[i].year);
            assert_null(cause);
        } else {
            assert_int_equal(e, ERR_INPUT);
            assert_int_equal(y, -1);
            assert_non_null(strstr(cause, cases[i].why));
            free(cause);
        }
    }
    assert_true(period_year_ok(PERIOD_YEAR_MIN));
    assert_false(period_year_ok(PERIOD_YEAR_MAX + 1));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accepted),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_rejected),
        cmocka_unit_test(test_format_small_buffer),
        cmocka_unit_test(test_months),
        cmocka_unit_test(test_overlap),
        cmocka_unit_test(test_cmp),
        cmocka_unit_test(test_format_fast),
        cmocka_unit_test(test_year),
    };

    return cmocka_run_group_tests_name("period", tests, NULL, NULL);
}
