/* test_csv.c - csv_parse: quoting, line numbers, blank and comment lines, and refused input. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/xmem.h"

#define MAXF 4

/* One expected row: its starting line and its fields (NULL after the last). */
struct want_row {
    size_t line;
    const char *f[MAXF + 1];
};

/* Parses text (len bytes) and checks the rows against want[0..nwant). */
static void
check_parse(const char *text, size_t len, char delim, int flags, const struct want_row *want,
            size_t nwant)
{
    struct csv_table t;
    char *cause = NULL;
    size_t i, j, nf;

    if (csv_parse(text, len, delim, flags, &t, &cause) != ERR_OK)
        fail_msg("refused: %s", cause);
    assert_null(cause);
    assert_int_equal(t.n, nwant);
    for (i = 0; i < nwant; i++) {
        for (nf = 0; want[i].f[nf] != NULL; nf++)
            ;
        if (t.rows[i].line != want[i].line)
            fail_msg("row %zu: line %zu, want %zu", i, t.rows[i].line, want[i].line);
        if (t.rows[i].n != nf)
            fail_msg("row %zu: %zu fields, want %zu", i, t.rows[i].n, nf);
        for (j = 0; j < nf; j++)
            if (strcmp(t.rows[i].fields[j], want[i].f[j]) != 0)
                fail_msg("row %zu field %zu: \"%s\", want \"%s\"", i, j, t.rows[i].fields[j],
                         want[i].f[j]);
    }
    csv_free(&t);
    assert_int_equal(t.n, 0);
    assert_null(t.rows);
}

#define CHECK(text, delim, flags, ...)                                                \
    do {                                                                              \
        static const struct want_row w_[] = {__VA_ARGS__};                           \
        check_parse(text, sizeof(text) - 1, delim, flags, w_, nitems(w_));          \
    } while (0)

static void
test_simple(void **state)
{
    (void)state;
    CHECK("a,b,c\n1,2,3\n", ',', 0,
          {1, {"a", "b", "c", NULL}},
          {2, {"1", "2", "3", NULL}});
    /* no newline at the end */
    CHECK("期间,排放源\n2024-01,天然气", ',', 0,
          {1, {"期间", "排放源", NULL}},
          {2, {"2024-01", "天然气", NULL}});
}

static void
test_tab(void **state)
{
    (void)state;
    /* with '\t' as the delimiter, commas are ordinary characters */
    CHECK("key\tlabel\nx,y\t\"a\tb\"\n", '\t', 0,
          {1, {"key", "label", NULL}},
          {2, {"x,y", "a\tb", NULL}});
}

static void
test_quotes(void **state)
{
    (void)state;
    CHECK("\"a,b\",c\n\"say \"\"hi\"\"\",\"\"\"\"\n", ',', 0,
          {1, {"a,b", "c", NULL}},
          {2, {"say \"hi\"", "\"", NULL}});
    /* an empty quoted field in the middle; text after a closing quote is kept as written */
    CHECK("a,\"\",c\n\"ab\"cd,e\n", ',', 0,
          {1, {"a", "", "c", NULL}},
          {2, {"abcd", "e", NULL}});
}

static void
test_embedded_newline(void **state)
{
    (void)state;
    /* row 2 spans lines 2-4, so the next row starts on line 5 */
    CHECK("h1,h2\n\"one\ntwo\nthree\",x\nnext,row\n", ',', 0,
          {1, {"h1", "h2", NULL}},
          {2, {"one\ntwo\nthree", "x", NULL}},
          {5, {"next", "row", NULL}});
}

static void
test_crlf(void **state)
{
    (void)state;
    CHECK("a,b\r\nc,d\r\n\"q\",r\r\n", ',', 0,
          {1, {"a", "b", NULL}},
          {2, {"c", "d", NULL}},
          {3, {"q", "r", NULL}});
    /* a CRLF inside quotes is data; the row after it starts on line 3 */
    CHECK("\"l1\r\nl2\",x\r\ny\r\n", ',', 0,
          {1, {"l1\r\nl2", "x", NULL}},
          {3, {"y", NULL}});
    /* a lone CR inside a field is kept */
    CHECK("a\rb,c\r\n", ',', 0,
          {1, {"a\rb", "c", NULL}});
}

static void
test_blank_lines(void **state)
{
    (void)state;
    CHECK("\na\n\n\r\nb\n\n\nc", ',', 0,
          {2, {"a", NULL}},
          {5, {"b", NULL}},
          {8, {"c", NULL}});
}

static void
test_empty_text(void **state)
{
    struct csv_table t;
    char *cause = NULL;

    (void)state;
    assert_int_equal(csv_parse("", 0, ',', 0, &t, &cause), ERR_OK);
    assert_int_equal(t.n, 0);
    csv_free(&t);
    assert_int_equal(csv_parse("\n\r\n\n", 4, ',', 0, &t, &cause), ERR_OK);
    assert_int_equal(t.n, 0);
    csv_free(&t);
}

static void
test_comments(void **state)
{
    (void)state;
    CHECK("# forms\na,b\n#x,y\nc\n# last, no newline", ',', CSV_COMMENTS,
          {2, {"a", "b", NULL}},
          {4, {"c", NULL}});
    /* without the flag a '#' line is data; '#' later in a line is data either way */
    CHECK("#x,y\na#b\n", ',', 0,
          {1, {"#x", "y", NULL}},
          {2, {"a#b", NULL}});
    CHECK("a,#b\n", ',', CSV_COMMENTS,
          {1, {"a", "#b", NULL}});
}

static void
test_trailing_empty_field(void **state)
{
    (void)state;
    CHECK("a,b,\n,\nx,,z\n", ',', 0,
          {1, {"a", "b", "", NULL}},
          {2, {"", "", NULL}},
          {3, {"x", "", "z", NULL}});
    CHECK("a\t\t\n", '\t', 0,
          {1, {"a", "", "", NULL}});
    /* a short row is not padded */
    CHECK("a,b,c\nd\n", ',', 0,
          {1, {"a", "b", "c", NULL}},
          {2, {"d", NULL}});
}

/* Parses text and expects ERR_INPUT with a cause starting with prefix, and an empty table. */
static void
expect_refused(const char *text, size_t len, const char *prefix)
{
    struct csv_table t;
    char *cause = NULL;

    assert_int_equal(csv_parse(text, len, ',', 0, &t, &cause), ERR_INPUT);
    assert_non_null(cause);
    if (strncmp(cause, prefix, strlen(prefix)) != 0)
        fail_msg("cause \"%s\" does not start with \"%s\"", cause, prefix);
    free(cause);
    assert_int_equal(t.n, 0);
    assert_null(t.rows);
}

static void
test_unterminated_quote(void **state)
{
    (void)state;
    /* the quote opens on line 2 and runs to the end of the text */
    expect_refused("a,b\nc,\"open\nmore\n", 17, "2: ");
    expect_refused("\"", 1, "1: ");
    /* two complete rows first: they are freed, not returned */
    expect_refused("a\nb\n\n\"x", 7, "4: ");
}

static void
test_nul_refused(void **state)
{
    (void)state;
    expect_refused("a,b\nc\0d\n", 8, "2: ");
    /* inside quotes, after a quoted newline: line 3 */
    expect_refused("x\n\"a\nb\0\"\n", 9, "3: ");
}

static void
test_reuse_after_free(void **state)
{
    struct csv_table t;
    char *cause = NULL;

    (void)state;
    assert_int_equal(csv_parse("a,b\n", 4, ',', 0, &t, &cause), ERR_OK);
    assert_int_equal(t.n, 1);
    csv_free(&t);
    assert_int_equal(csv_parse("x\ny\nz\n", 6, ',', 0, &t, &cause), ERR_OK);
    assert_int_equal(t.n, 3);
    assert_string_equal(t.rows[2].fields[0], "z");
    assert_int_equal(t.rows[2].line, 3);
    csv_free(&t);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple),
        cmocka_unit_test(test_tab),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_embedded_newline),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_blank_lines),
        cmocka_unit_test(test_empty_text),
        cmocka_unit_test(test_comments),
        cmocka_unit_test(test_trailing_empty_field),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_nul_refused),
        cmocka_unit_test(test_reuse_after_free),
    };

    return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
