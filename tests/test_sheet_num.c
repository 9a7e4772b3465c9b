/*
 * test_sheet_num.c - sheet_num, the number in a grid's cell: its shortcut for whole numbers must
 * write what text_format_number writes, for every number of decimals the sheets ask for.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "sheet/sheet.h"

static void
test_whole_numbers(void **state)
{
    static const struct {
        double v;
        const char *shown;      /* sheet_num(v, 6) */
    } cases[] = {
        {1, "1"},
        {7, "7"},
        {10, "10"},
        {94500, "94500"},                           /* 90000 × 1.05, a bench quantity */
        {1e14, "100000000000000"},
        {999999999999999, "999999999999999"},       /* the largest the shortcut takes */
        {1e15, "1000000000000000"},                 /* from here on text_format_number */
        {0, "0"},
        {0.5, "0.5"},
        {2.25, "2.25"},
        {1215.5, "1215.5"},
        {-3, "-3"},
        {1e-7, "0"},                                /* 6 decimals round it away */
        {12.0000004, "12"},
    };
    static const int decimals[] = {0, 2, 4, 6, TEXT_DIGITS};
    char want[64];
    size_t i, d;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *got = sheet_num(cases[i].v, 6);

        assert_string_equal(got, cases[i].shown);
        free(got);
        for (d = 0; d < sizeof(decimals) / sizeof(decimals[0]); d++) {
            text_format_number(cases[i].v, decimals[d], want, sizeof(want));
            got = sheet_num(cases[i].v, decimals[d]);
            assert_string_equal(got, want);
            free(got);
        }
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_whole_numbers),
    };

    return cmocka_run_group_tests_name("sheet_num", tests, NULL, NULL);
}
