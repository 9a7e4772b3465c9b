/*
 * test_width.c - base/width.c: display columns of a text, CJK counted double. width_of takes
 * ASCII a byte at a time without mbrtowc; the table gives the columns by hand, and every text of
 * it, and every ASCII byte, counts as mbrtowc and wcwidth alone count it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>
#include <wchar.h>

#include "base/width.h"
#include "base/xmem.h"

/* The columns by mbrtowc and wcwidth for every character: what width_of did before its ASCII
   path, an undecodable byte or a control character one column. */
static int
by_wcwidth(const char *s)
{
    mbstate_t st;
    wchar_t wc;
    size_t n, len = strlen(s);
    int w = 0, cw;

    memset(&st, 0, sizeof(st));
    while (len > 0) {
        n = mbrtowc(&wc, s, len, &st);
        if (n == (size_t)-1 || n == (size_t)-2) {
            memset(&st, 0, sizeof(st));
            w++;
            s++;
            len--;
            continue;
        }
        if (n == 0)
            break;
        cw = wcwidth(wc);
        w += cw < 0 ? 1 : cw;
        s += n;
        len -= n;
    }
    return w;
}

static void
test_width_of(void **state)
{
    static const struct {
        const char *s;
        int w;
    } cases[] = {
        {"", 0},
        {"kWh", 3},
        {"a\tb", 3},                /* a control character: one column */
        {"外购电力", 8},            /* 4 CJK characters × 2 */
        {"设施0001", 8},            /* 2 × 2 + 4 */
        {"2024年12月", 10},         /* 4 + 2 + 2 + 2 */
        {"m³", 2},
        {"tCO₂e", 5},
        {"万kWh", 5},
        {"a\xff" "b", 3},           /* a byte that is not UTF-8: one column */
        {"\xe4\xb8", 2},            /* a character cut short: a column a byte */
        {"x\x7f", 2},
    };
    char one[2] = {0};
    size_t i;
    int b;

    (void)state;
    assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
    for (i = 0; i < nitems(cases); i++) {
        if (width_of(cases[i].s) != cases[i].w)
            fail_msg("width_of case %zu: %d, want %d", i, width_of(cases[i].s), cases[i].w);
        assert_int_equal(by_wcwidth(cases[i].s), cases[i].w);
    }
    for (b = 1; b < 0x80; b++) {
        one[0] = (char)b;
        assert_int_equal(width_of(one), by_wcwidth(one));
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_width_of),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
