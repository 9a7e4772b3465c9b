/*
 * test_csv.c - csv_parse and csv_next: quoting, line numbers, blank and comment lines, CR-only
 * (old Mac) line ends, a BOM at a row's start, the bound on a row, and refused input.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
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
    /* a lone CR inside quotes is data and a line (line 2); the lone CR after c ends row 1 */
    CHECK("\"a\rb\",c\rd\r", ',', 0,
          {1, {"a\rb", "c", NULL}},
          {3, {"d", NULL}});
}

static void
test_cr_only(void **state)
{
    (void)state;
    /* an old Mac file: every CR ends a line; blank lines (CR CR) are skipped but counted */
    CHECK("期间,排放源\r2024-01,天然气\r\r2024-02,电\r", ',', 0,
          {1, {"期间", "排放源", NULL}},
          {2, {"2024-01", "天然气", NULL}},
          {4, {"2024-02", "电", NULL}});
    /* mixed line ends: LF, CR, CRLF each end one line */
    CHECK("a\nb\rc\r\nd", ',', 0,
          {1, {"a", NULL}},
          {2, {"b", NULL}},
          {3, {"c", NULL}},
          {4, {"d", NULL}});
    /* comments end at a CR too */
    CHECK("# x\ra\r#y\rb", ',', CSV_COMMENTS,
          {2, {"a", NULL}},
          {4, {"b", NULL}});
}

static void
test_bom_in_rows(void **state)
{
    (void)state;
    /* two files joined with cat: the second one's BOM at the start of line 3 is dropped */
    CHECK("a,b\n1,2\n\xef\xbb\xbf" "a,b\n3,4\n", ',', 0,
          {1, {"a", "b", NULL}},
          {2, {"1", "2", NULL}},
          {3, {"a", "b", NULL}},
          {4, {"3", "4", NULL}});
    /* a BOM inside a row is data */
    CHECK("x,\xef\xbb\xbfy\n", ',', 0,
          {1, {"x", "\xef\xbb\xbfy", NULL}});
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

/* One row read by csv_next: its line, too_long, and its fields joined with '|'. */
struct got_row {
    size_t line;
    int too_long;
    const char *joined;
};

/* Reads text with csv_next under max_row and compares every row with want[0..nwant). */
static void
check_reader(const char *text, size_t len, size_t max_row, const struct got_row *want, size_t nwant)
{
    struct csv_reader r;
    struct csv_row row;
    char *cause = NULL, joined[256];
    size_t i = 0, k, at;
    int got;

    csv_reader_init(&r, text, len, ',', 0, max_row);
    for (;;) {
        if (csv_next(&r, &row, &got, &cause) != ERR_OK)
            fail_msg("refused: %s", cause);
        if (!got)
            break;
        if (i >= nwant)
            fail_msg("row %zu (line %zu) not expected", i, row.line);
        for (k = 0, at = 0, joined[0] = '\0'; k < row.n; k++)
            at += (size_t)snprintf(joined + at, sizeof(joined) - at, "%s%s", k ? "|" : "",
                                   row.fields[k]);
        if (row.line != want[i].line || row.too_long != want[i].too_long
            || strcmp(joined, want[i].joined) != 0)
            fail_msg("row %zu: line %zu too_long %d \"%s\", want line %zu too_long %d \"%s\"", i,
                     row.line, row.too_long, joined, want[i].line, want[i].too_long,
                     want[i].joined);
        i++;
    }
    assert_int_equal(i, nwant);
    csv_reader_free(&r);
}

static void
test_row_bound(void **state)
{
    /*
     * max_row 8: a row may hold 8 bytes, its fields' text plus one per field. "abc,de" takes
     * 3+1 + 2+1 = 7; "abcd,efg" takes 5 + 4 = 9 and is too long; ",,,,,,,," (9 empty fields)
     * takes 9: too long, so a line of commas cannot make a million fields.
     */
    static const char text[] = "abc,de\nabcd,efg\n,,,,,,,,\n\"long\nquoted\",x\nok\n";
    static const struct got_row want[] = {
        {1, 0, "abc|de"},
        {2, 1, ""},
        {3, 1, ""},
        {4, 1, ""},      /* a quoted field spanning lines 4-5: the next row is on line 6 */
        {6, 0, "ok"},
    };

    (void)state;
    check_reader(text, sizeof(text) - 1, 8, want, nitems(want));
}

static void
test_long_line(void **state)
{
    /* one 8 MB line without a newline, then a short one after a CR: no bound reads it whole */
    size_t n = 8u << 20, i;
    char *text = xmalloc(n + 4);
    struct csv_table t;
    char *cause = NULL;
    static const struct got_row want[] = {
        {1, 1, ""},
        {2, 0, "y"},
    };

    (void)state;
    for (i = 0; i < n; i++)
        text[i] = i % 100 == 99 ? ',' : 'x';
    memcpy(text + n, "\ry", 3);
    /* a 64 KB bound: the long row is refused, the reader goes on with line 2 */
    check_reader(text, n + 2, 64 * 1024, want, nitems(want));
    /* no bound: 8 MB / 100 = 83886 fields (83886 commas, the last 'x' run ends the row) */
    assert_int_equal(csv_parse(text, n + 2, ',', 0, &t, &cause), ERR_OK);
    assert_int_equal(t.n, 2);
    assert_int_equal(t.rows[0].n, n / 100 + 1);
    assert_int_equal(strlen(t.rows[0].fields[0]), 99);
    assert_string_equal(t.rows[1].fields[0], "y");
    assert_int_equal(t.rows[1].line, 2);
    csv_free(&t);
    free(text);
}

static void
test_reader_errors(void **state)
{
    struct csv_reader r;
    struct csv_row row;
    char *cause = NULL;
    int got;

    (void)state;
    /* the rows before a NUL are read; the NUL on line 2 is refused, and then the reader is done */
    csv_reader_init(&r, "a\nb\0c\nd\n", 8, ',', 0, 0);
    assert_int_equal(csv_next(&r, &row, &got, &cause), ERR_OK);
    assert_int_equal(got, 1);
    assert_string_equal(row.fields[0], "a");
    assert_int_equal(csv_next(&r, &row, &got, &cause), ERR_INPUT);
    assert_string_equal(cause, "2: 含有空字符(NUL)，不是文本文件");
    free(cause);
    cause = NULL;
    assert_int_equal(csv_next(&r, &row, &got, &cause), ERR_OK);
    assert_int_equal(got, 0);
    csv_reader_free(&r);
    /* an unterminated quote past the bound still says where the quote opened */
    csv_reader_init(&r, "h\n\"xxxxxxxxxxxxxxxxxxxx", 23, ',', 0, 4);
    assert_int_equal(csv_next(&r, &row, &got, &cause), ERR_OK);
    assert_int_equal(csv_next(&r, &row, &got, &cause), ERR_INPUT);
    assert_string_equal(cause, "2: 引号未闭合");
    free(cause);
    csv_reader_free(&r);
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
        cmocka_unit_test(test_cr_only),
        cmocka_unit_test(test_bom_in_rows),
        cmocka_unit_test(test_blank_lines),
        cmocka_unit_test(test_empty_text),
        cmocka_unit_test(test_comments),
        cmocka_unit_test(test_trailing_empty_field),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_nul_refused),
        cmocka_unit_test(test_row_bound),
        cmocka_unit_test(test_long_line),
        cmocka_unit_test(test_reader_errors),
        cmocka_unit_test(test_reuse_after_free),
    };

    return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
