/* test_text.c - trimming, comparison, UTF-8 checks, controls found and escaped, and numbers as
   people type them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/xmem.h"

#define IDEO "\xe3\x80\x80"   /* U+3000 ideographic space */

static void
test_parse_number_accepted(void **state)
{
    /* tolerance 0: the parser hands strtod the ASCII spelling of the same decimal the compiler
       rounds for the literal (e.g. "2.5e-3" and 0.0025), so both are the same nearest double */
    static const struct {
        const char *in;
        double want;
    } cases[] = {
        {"12.5", 12.5},
        {"  12.5 ", 12.5},
        {"\t12.5\r\n", 12.5},
        {"１２３", 123},
        {"１２。５", 12.5},
        {"12．5", 12.5},
        {"1,234.5", 1234.5},
        {"１，２３４", 1234},
        {"1,234,567", 1234567},
        {"12,345", 12345},
        {"1e3", 1000},
        {"1E3", 1000},
        {"2.5e-3", 0.0025},
        {"1,234e1", 12340},
        {"-5", -5},
        {"－5", -5},
        {"＋7", 7},
        {"+7", 7},
        {IDEO "１２" IDEO, 12},
        {IDEO " 3.25 " IDEO, 3.25},
        {"0", 0},
        {".5", 0.5},
        {"007", 7},
    };
    size_t i;

    (void)state;
    for (i = 0; i < nitems(cases); i++) {
        double v = -999;
        char *cause = NULL;

        if (text_parse_number(cases[i].in, &v, &cause) != ERR_OK)
            fail_msg("\"%s\" refused: %s", cases[i].in, cause);
        assert_null(cause);
        if (v != cases[i].want)
            fail_msg("\"%s\" gave %.17g, want %.17g", cases[i].in, v, cases[i].want);
    }
}

static void
test_parse_number_refused(void **state)
{
    static const char *const cases[] = {
        "abc", "", "   ", IDEO, "12a", "1,2", "1,23,4", "1,2345", "1234,567",
        ",123", "12,", "1,,234",
        "nan", "NaN", "inf", "-inf", "infinity", "1e999", "-1e999", "12.3.4", "--5", "-", ".",
        "e5", "1e", "1e-", "1 2", "0x10", "1,234.5,6", "5-", "1.2e3e4", "１２ａ",
    };
    size_t i;

    (void)state;
    for (i = 0; i < nitems(cases); i++) {
        double v = 42;
        char *cause = NULL;

        if (text_parse_number(cases[i], &v, &cause) != ERR_INPUT)
            fail_msg("\"%s\" accepted as %g", cases[i], v);
        assert_non_null(cause);
        assert_true(strlen(cause) > 0);
        free(cause);
        assert_true(v == 42);   /* *out untouched */
    }
}

static void
test_parse_number_message(void **state)
{
    double v;
    char *cause = NULL;

    (void)state;
    assert_int_equal(text_parse_number(" 12a ", &v, &cause), ERR_INPUT);
    assert_string_equal(cause, "“12a”不是有效的数字");   /* names the trimmed text */
    free(cause);
    assert_int_equal(text_parse_number("", &v, &cause), ERR_INPUT);
    assert_string_equal(cause, "请填写数字");
    free(cause);
}

static void
test_trim(void **state)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"abc", "abc"},
        {"  abc\t", "abc"},
        {IDEO "期间" IDEO, "期间"},
        {IDEO " " IDEO "a b" IDEO "\r\n", "a b"},
        {"a" IDEO "b", "a" IDEO "b"},
        {"中" IDEO, "中"},
        {"", ""},
        {"   ", ""},
        {IDEO IDEO, ""},
    };
    size_t i;

    (void)state;
    for (i = 0; i < nitems(cases); i++) {
        char *t = text_trim(cases[i].in);

        assert_string_equal(t, cases[i].want);
        free(t);
    }
}

static void
test_blank_and_eq(void **state)
{
    (void)state;
    assert_true(text_is_blank(NULL));
    assert_true(text_is_blank(""));
    assert_true(text_is_blank(" " IDEO "\t"));
    assert_false(text_is_blank(" a "));

    assert_true(text_eq("ABC", " abc "));
    assert_true(text_eq("期间", "期间" IDEO));
    assert_true(text_eq("", "  "));
    assert_true(text_eq("kWh", "KWH"));
    assert_false(text_eq("abc", "abd"));
    assert_false(text_eq("ab", "abc"));
    assert_false(text_eq("abc", "ab"));
    assert_false(text_eq("a b", "ab"));
}

static void
test_valid_utf8(void **state)
{
    static const struct {
        const char *s;
        size_t len;
        int want;
    } cases[] = {
        {"plain ascii", 11, 1},
        {"期间", 6, 1},
        {"\xf0\xa0\x80\x80", 4, 1},     /* U+20000 */
        {"\xf4\x8f\xbf\xbf", 4, 1},     /* U+10FFFF, the last code point */
        {"\xed\x9f\xbf", 3, 1},         /* U+D7FF, just below the surrogates */
        {"a\0b", 3, 1},                 /* NUL is valid UTF-8; csv_parse refuses it */
        {"", 0, 1},
        {"\xc0\x80", 2, 0},             /* overlong NUL */
        {"\xc1\xbf", 2, 0},             /* overlong */
        {"\xe0\x80\x80", 3, 0},         /* overlong 3-byte */
        {"\xf0\x80\x80\x80", 4, 0},     /* overlong 4-byte */
        {"\xed\xa0\x80", 3, 0},         /* U+D800 surrogate */
        {"\xed\xbf\xbf", 3, 0},         /* U+DFFF surrogate */
        {"\xf4\x90\x80\x80", 4, 0},     /* U+110000, beyond Unicode */
        {"\xe5\xa4", 2, 0},             /* truncated 天 */
        {"期间", 5, 0},                 /* cut by len */
        {"\x80", 1, 0},                 /* lone continuation */
        {"\xe5\x41\x41", 3, 0},         /* lead byte without continuations */
        {"\xff", 1, 0},
    };
    size_t i;

    (void)state;
    for (i = 0; i < nitems(cases); i++)
        if (text_valid_utf8(cases[i].s, cases[i].len) != cases[i].want)
            fail_msg("case %zu: want %d", i, cases[i].want);
}

static void
test_chars(void **state)
{
    (void)state;
    assert_int_equal(text_chars(""), 0);
    assert_int_equal(text_chars("abc"), 3);
    assert_int_equal(text_chars("期间ab"), 4);
    assert_int_equal(text_chars("\xf0\xa0\x80\x80"), 1);
    assert_int_equal(text_chars(IDEO "x"), 2);
}

static void
test_control(void **state)
{
    /* the first character no field may hold, by its code point; 0 when there is none */
    static const struct {
        const char *s;
        unsigned long want;
    } cases[] = {
        {"", 0},
        {"示例县机关事务服务中心", 0},
        {"a\vb", 0x0b},                         /* a vertical tab pasted from Word */
        {"a\tb", 0x09},                         /* every field is one line: tab too */
        {"a\nb", 0x0a},
        {"a\rb", 0x0d},
        {"\x1b[2J", 0x1b},
        {"x\x7f", 0x7f},                        /* DEL */
        {"x\xc2\x80", 0x80},                    /* C1: U+0080 ... */
        {"x\xc2\x9b" "31m", 0x9b},              /* ... U+009B, the 8-bit CSI ... */
        {"x\xc2\x9f", 0x9f},                    /* ... U+009F */
        {"x\xc2\xa0", 0},                       /* U+00A0 no-break space is text */
        {"x\xef\xbf\xbe", 0xfffe},              /* noncharacters XML refuses */
        {"x\xef\xbf\xbf", 0xffff},
        {"x\xef\xbf\xbd", 0},                   /* U+FFFD is text */
        {"\xf0\x9f\x98\x80", 0},               /* U+1F600 */
        {"\xff\x0b", 0x0b},                     /* a stray byte is skipped, the VT after it found */
        {IDEO "\x1b", 0x1b},
    };
    size_t i;

    (void)state;
    for (i = 0; i < nitems(cases); i++)
        if (text_control(cases[i].s) != cases[i].want)
            fail_msg("case %zu: got U+%04lX, want U+%04lX", i, text_control(cases[i].s),
                     cases[i].want);
}

static void
test_escape_controls(void **state)
{
    static const struct {
        const char *s;
        int keep_lines;
        const char *want;
    } cases[] = {
        {"", 0, ""},
        {"示例单位 m² tCO₂e", 0, "示例单位 m² tCO₂e"},
        {"a\vb", 0, "a\\u000bb"},
        {"\x1b]2;PWNED\a", 0, "\\u001b]2;PWNED\\u0007"},     /* set the title, BEL */
        {"over\rwrite", 0, "over\\u000dwrite"},
        {"\xc2\x9b" "31m", 0, "\\u009b31m"},                 /* U+009B, the 8-bit CSI */
        {"del\x7f", 0, "del\\u007f"},
        {"a\tb\nc", 0, "a\\u0009b\\u000ac"},
        {"a\tb\nc", 1, "a\tb\nc"},                           /* our own lines kept */
        {"a\rb\n", 1, "a\\u000db\n"},
        {"bad\xff\xfe!", 0, "bad\\xff\\xfe!"},               /* bytes that are not UTF-8 */
        {"cut\xe6\x95", 0, "cut\\xe6\\x95"},                  /* a sequence cut short */
        {"\xed\xa0\x80", 0, "\\xed\\xa0\\x80"},               /* a surrogate */
        {"\xef\xbf\xbe", 0, "\xef\xbf\xbe"},                 /* U+FFFE does nothing to a terminal */
    };
    size_t i;
    char *got;

    (void)state;
    for (i = 0; i < nitems(cases); i++) {
        got = text_escape_controls(cases[i].s, cases[i].keep_lines);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("case %zu: \"%s\", want \"%s\"", i, got, cases[i].want);
        free(got);
    }
}

static void
test_format_number(void **state)
{
    static const struct {
        double v;
        int decimals;
        const char *want;
    } cases[] = {
        {12.50, 2, "12.5"},
        {3.0, 2, "3"},
        {-0.0001, 2, "0"},      /* "-0.00" must not show a sign */
        {-0.4, 0, "0"},         /* "%.0f" gives "-0" */
        {100, 0, "100"},        /* no '.' to strip zeros back to */
        {100, 2, "100"},
        {1234.5678, 2, "1234.57"},
        {-2.5, 1, "-2.5"},
        {0.000123, 6, "0.000123"},
        {1e-7, 3, "0"},
        {-12, 3, "-12"},
        /* TEXT_DIGITS: every significant digit, never an exponent (%g gives "2.45e+06") */
        {2450000, TEXT_DIGITS, "2450000"},
        {1e9, TEXT_DIGITS, "1000000000"},
        {1e15, TEXT_DIGITS, "1000000000000000"},
        {0.000123, TEXT_DIGITS, "0.000123"},
        {1.5e-7, TEXT_DIGITS, "0.00000015"},
        {0.1 + 0.2, TEXT_DIGITS, "0.3"},       /* 15 digits: 0.30000000000000004 reads 0.3 */
        {1234.5678, TEXT_DIGITS, "1234.5678"},
        {-86400.25, TEXT_DIGITS, "-86400.25"},
        {0, TEXT_DIGITS, "0"},
    };
    size_t i;
    char buf[64];

    (void)state;
    for (i = 0; i < nitems(cases); i++) {
        text_format_number(cases[i].v, cases[i].decimals, buf, sizeof(buf));
        if (strcmp(buf, cases[i].want) != 0)
            fail_msg("format(%g, %d) = \"%s\", want \"%s\"", cases[i].v, cases[i].decimals, buf,
                     cases[i].want);
    }
}

/* ASCII digits only: a full-width ２, a sign or a blank is no digit; n bytes, not the string. */
static void
test_is_digits(void **state)
{
    (void)state;
    assert_true(text_is_digits("2024-03", 4));
    assert_false(text_is_digits("2024-03", 5));          /* '-' */
    assert_true(text_is_digits("x", 0));                 /* nothing to see */
    assert_false(text_is_digits("２０２４", 3));          /* UTF-8 bytes of ２ */
    assert_false(text_is_digits(" 12", 3));
    assert_true(text_is_digits("0912", 4));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_is_digits),
        cmocka_unit_test(test_parse_number_accepted),
        cmocka_unit_test(test_parse_number_refused),
        cmocka_unit_test(test_parse_number_message),
        cmocka_unit_test(test_trim),
        cmocka_unit_test(test_blank_and_eq),
        cmocka_unit_test(test_valid_utf8),
        cmocka_unit_test(test_chars),
        cmocka_unit_test(test_control),
        cmocka_unit_test(test_escape_controls),
        cmocka_unit_test(test_format_number),
    };

    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
