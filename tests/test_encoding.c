/* test_encoding.c - encoding_to_utf8: UTF-8 with and without BOM, GB18030, and what is refused. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/encoding.h"

/* this source file is UTF-8 */
static const char sample_utf8[] = "期间,排放源\n2024-01,天然气\n";

/* the same text in GB18030 (from `iconv -f utf-8 -t gb18030 | xxd`): 27 bytes */
static const char sample_gb[] =
    "\xc6\xda\xbc\xe4,\xc5\xc5\xb7\xc5\xd4\xb4\n"
    "2024-01,\xcc\xec\xc8\xbb\xc6\xf8\n";

/* Converts and expects success with the given encoding and output bytes. */
static void
expect_ok(const char *in, size_t inlen, enum encoding want_enc, const char *want, size_t wantlen)
{
    char *out = NULL, *cause = NULL;
    size_t outlen = 12345;
    enum encoding enc = (enum encoding)-1;

    assert_int_equal(encoding_to_utf8(in, inlen, &out, &outlen, &enc, &cause), ERR_OK);
    assert_null(cause);
    assert_int_equal(enc, want_enc);
    assert_int_equal(outlen, wantlen);
    assert_memory_equal(out, want, wantlen);
    assert_int_equal(out[outlen], '\0');
    free(out);
}

/* Converts and expects ERR_INPUT whose message contains each of the NULL-terminated needles. */
static void
expect_refused(const char *in, size_t inlen, const char *needle1, const char *needle2)
{
    char *out = NULL, *cause = NULL;
    size_t outlen = 0;
    enum encoding enc = ENC_UTF8;

    assert_int_equal(encoding_to_utf8(in, inlen, &out, &outlen, &enc, &cause), ERR_INPUT);
    assert_null(out);
    assert_non_null(cause);
    if (needle1 != NULL && strstr(cause, needle1) == NULL)
        fail_msg("cause \"%s\" lacks \"%s\"", cause, needle1);
    if (needle2 != NULL && strstr(cause, needle2) == NULL)
        fail_msg("cause \"%s\" lacks \"%s\"", cause, needle2);
    free(cause);
}

static void
test_utf8_plain(void **state)
{
    (void)state;
    expect_ok(sample_utf8, sizeof(sample_utf8) - 1, ENC_UTF8, sample_utf8, sizeof(sample_utf8) - 1);
    expect_ok("a,b\n", 4, ENC_UTF8, "a,b\n", 4);
}

static void
test_utf8_bom(void **state)
{
    char in[sizeof(sample_utf8) + 3];

    (void)state;
    memcpy(in, "\xef\xbb\xbf", 3);
    memcpy(in + 3, sample_utf8, sizeof(sample_utf8));
    expect_ok(in, sizeof(in) - 1, ENC_UTF8_BOM, sample_utf8, sizeof(sample_utf8) - 1);
    /* a BOM alone is an empty UTF-8 file */
    expect_ok("\xef\xbb\xbf", 3, ENC_UTF8_BOM, "", 0);
}

static void
test_empty(void **state)
{
    (void)state;
    expect_ok("", 0, ENC_UTF8, "", 0);
}

static void
test_gb18030_two_byte(void **state)
{
    (void)state;
    assert_int_equal(sizeof(sample_gb) - 1, 27);
    expect_ok(sample_gb, sizeof(sample_gb) - 1, ENC_GB18030, sample_utf8, sizeof(sample_utf8) - 1);
}

static void
test_gb18030_four_byte(void **state)
{
    (void)state;
    /* U+20000 𠀀 = GB18030 95 32 82 36 = UTF-8 F0 A0 80 80; U+0080 = 81 30 81 30 = UTF-8 C2 80 */
    expect_ok("x\x95\x32\x82\x36y", 6, ENC_GB18030, "x\xf0\xa0\x80\x80y", 6);
    expect_ok("\x81\x30\x81\x30", 4, ENC_GB18030, "\xc2\x80", 2);
}

static void
test_utf16_refused(void **state)
{
    (void)state;
    /* "a" in UTF-16 LE and BE, each with its BOM */
    expect_refused("\xff\xfe" "a\0", 4, "UTF-16", "另存为 UTF-8");
    expect_refused("\xfe\xff\0a", 4, "UTF-16", NULL);
    /* without a BOM: "a,b\n" with the NULs at odd offsets (LE) or at even ones (BE) */
    expect_refused("a\0,\0b\0\n\0", 8, "文件似乎是 UTF-16", "不支持 UTF-16");
    expect_refused("\0a\0,\0b\0\n", 8, "文件似乎是 UTF-16", NULL);
    /* "期间,x" in UTF-16 LE: 1F 67 F4 95 2C 00 78 00 - the ASCII characters give it away */
    expect_refused("\x1f\x67\xf4\x95\x2c\0\x78\0", 8, "文件似乎是 UTF-16", NULL);
}

static void
test_nul_bytes_not_utf16(void **state)
{
    char *out = NULL, *cause = NULL;
    size_t outlen;
    enum encoding enc;

    (void)state;
    /* zeros (/dev/zero) have NULs at both: not UTF-16; the CSV reader refuses the NUL by line */
    assert_int_equal(encoding_to_utf8("\0\0\0\0", 4, &out, &outlen, &enc, &cause), ERR_OK);
    assert_int_equal(outlen, 4);
    free(out);
}

static void
test_cr_only_lines(void **state)
{
    (void)state;
    /* an old Mac file: 0xFF on the third CR-ended line (offset 5, byte 6) */
    expect_refused("a\rb\rc\xff\r", 7, "第 3 行", "第 6 字节");
    /* CRLF counts once: line 2 */
    expect_refused("a\r\nc\xff", 5, "第 2 行", "第 5 字节");
}

static void
test_garbage_refused(void **state)
{
    (void)state;
    /* 0xFF is a lead byte in neither encoding: offset 5 (0-based) is byte 6, on line 2 */
    expect_refused("a,b\nc\xff" "d\n", 8, "第 2 行", "第 6 字节");
    /* a GB18030 lead byte cut off by the end of the file: byte 3 of line 1 */
    expect_refused("ab\x81", 3, "第 1 行", "第 3 字节");
    /* 0x80 alone is not a GB18030 character */
    expect_refused("\xc6\xda\x80", 3, "第 3 字节", "0x80");
}

static void
test_bom_then_invalid(void **state)
{
    (void)state;
    /* BOM (3 bytes) + "ok\n" + invalid 0xC6 0xDA: offset 6, byte 7, line 2 */
    expect_refused("\xef\xbb\xbfok\n\xc6\xda", 8, "第 2 行", "第 7 字节");
}

static void
test_names(void **state)
{
    (void)state;
    assert_string_equal(encoding_name(ENC_UTF8), "UTF-8");
    assert_string_equal(encoding_name(ENC_UTF8_BOM), "UTF-8 (BOM)");
    assert_string_equal(encoding_name(ENC_GB18030), "GB18030");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_plain),
        cmocka_unit_test(test_utf8_bom),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_gb18030_two_byte),
        cmocka_unit_test(test_gb18030_four_byte),
        cmocka_unit_test(test_utf16_refused),
        cmocka_unit_test(test_nul_bytes_not_utf16),
        cmocka_unit_test(test_cr_only_lines),
        cmocka_unit_test(test_garbage_refused),
        cmocka_unit_test(test_bom_then_invalid),
        cmocka_unit_test(test_names),
    };

    return cmocka_run_group_tests_name("encoding", tests, NULL, NULL);
}
