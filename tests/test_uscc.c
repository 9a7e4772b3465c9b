/* test_uscc.c - the check character of GB 32100—2015, on the standard's worked example and by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "base/uscc.h"

static void
test_cases(void **state)
{
    static const struct {
        const char *code;
        enum uscc_error want;
        char check;             /* the check character the first 17 give; 0: not computed */
    } cases[] = {
        /*
         * GB 32100—2015's worked example: 91350100M000100Y4? — the values 9 1 3 5 0 1 0 0 21 0 0 0 1
         * 0 0 30 4 times the weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28 sum to 1640;
         * 1640 mod 31 = 28, 31 − 28 = 3. The example's own 18th character, Z, is refused twice over
         * (Z is not in the set), its corrected form passes.
         */
        {"91350100M000100Y43", USCC_OK, '3'},
        {"91350100M000100Y4Z", USCC_CHARACTER, 0},
        {"91350100M000100Y44", USCC_CHECK, '3'},
        /*
         * 12330000470051726F by hand: 1 2 3 3 0 0 0 0 4 7 0 0 5 1 7 2 6 weighted: 1 + 6 + 27 + 81 + 0
         * + 0 + 0 + 0 + 80 + 203 + 0 + 0 + 40 + 24 + 70 + 60 + 168 = 760; 760 mod 31 = 16; 31 − 16 =
         * 15, which is F.
         */
        {"12330000470051726F", USCC_OK, 'F'},
        /* a sum that is a multiple of 31 gives 0, not 31: 00000000000000000 sums to 0 */
        {"000000000000000000", USCC_OK, '0'},
        {"9135010OM000100Y43", USCC_CHARACTER, 0},      /* O */
        {"91350100m000100Y43", USCC_CHARACTER, 0},      /* lower case is not folded */
        {"91350100M000100Y4", USCC_LENGTH, 0},
        {"91350100M000100Y433", USCC_LENGTH, 0},
        {"", USCC_LENGTH, 0},
        {"913501A0M000100Y43", USCC_DIVISION, 0},       /* a letter in the division code */
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char want = 0;

        assert_int_equal(uscc_check(cases[i].code, &want), cases[i].want);
        if (cases[i].check != 0)
            assert_int_equal(want, cases[i].check);
    }
    assert_int_equal(uscc_check(NULL, NULL), USCC_LENGTH);
    assert_int_equal(uscc_check("91350100M000100Y43", NULL), USCC_OK);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
    };

    return cmocka_run_group_tests_name("uscc", tests, NULL, NULL);
}
