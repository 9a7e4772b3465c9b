/* test_tsv.c - tsv_parse, the reader of the forms/ and factors/ files: what it accepts (BOM, CRLF,
 * comments, blank lines, trimmed cells, short rows, quoting, columns in any order, an optional
 * column) and the "FILE:LINE: reason" of each refusal. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/tsv.h"
#include "base/xmem.h"

enum { C_ID, C_NAME, C_NOTE, C__COUNT };

/* id and name are required, note may be left out. */
static const struct tsv_col cols[] = {
    [C_ID] = {.name = "id"},
    [C_NAME] = {.name = "name"},
    [C_NOTE] = {.name = "note", .optional = 1},
};

#define MAXROWS 3

/* One expected data row: its line and its cells for id, name and note. */
struct want_row {
    size_t line;
    const char *cell[C__COUNT];
};

static const struct {
    const char *name;
    const char *text;
    size_t header_line;
    int has_note;
    size_t nrows;
    struct want_row rows[MAXROWS];
} accepted[] = {
    {"plain", "id\tname\tnote\n1\t甲\tx\n2\t乙\ty\n", 1, 1, 2,
     {{2, {"1", "甲", "x"}}, {3, {"2", "乙", "y"}}}},
    {"columns in any order", "note\tid\tname\nx\t1\t甲\n", 1, 1, 1, {{2, {"1", "甲", "x"}}}},
    {"no newline at the end", "id\tname\tnote\n1\t甲\tx", 1, 1, 1, {{2, {"1", "甲", "x"}}}},
    {"BOM", "\xef\xbb\xbfid\tname\tnote\n1\t甲\tx\n", 1, 1, 1, {{2, {"1", "甲", "x"}}}},
    {"CRLF", "id\tname\tnote\r\n1\t甲\tx\r\n2\t乙\t\r\n", 1, 1, 2,
     {{2, {"1", "甲", "x"}}, {3, {"2", "乙", ""}}}},
    {"comments", "# a comment\nid\tname\tnote\n# another\n1\t甲\tx\n# last", 2, 1, 1,
     {{4, {"1", "甲", "x"}}}},
    {"blank lines", "\nid\tname\tnote\n\n\n1\t甲\tx\n\n", 2, 1, 1, {{5, {"1", "甲", "x"}}}},
    {"lines of blanks only", "  \nid\tname\tnote\n \t\xe3\x80\x80\t\n1\t甲\tx\n", 2, 1, 1,
     {{4, {"1", "甲", "x"}}}},
    {"trimmed cells", " id \t\xe3\x80\x80name\tnote \n 1 \t\xe3\x80\x80甲 乙\xe3\x80\x80\t  x\r\n", 1, 1, 1,
     {{2, {"1", "甲 乙", "x"}}}},
    {"short rows", "id\tname\tnote\n1\n2\t乙\n3\t丙\t\n", 1, 1, 3,
     {{2, {"1", "", ""}}, {3, {"2", "乙", ""}}, {4, {"3", "丙", ""}}}},
    {"quoted cells", "id\tname\tnote\n1\t\"a\tb\"\t\"line 1\nline 2\"\n2\t\"say \"\"hi\"\"\"\t\" q \"\n",
     1, 1, 2, {{2, {"1", "a\tb", "line 1\nline 2"}}, {4, {"2", "say \"hi\"", "q"}}}},
    {"optional column left out", "name\tid\n甲\t1\n", 1, 0, 1, {{2, {"1", "甲", ""}}}},
    {"no data rows", "id\tname\tnote\n", 1, 1, 0, {{0, {NULL}}}},
};

static void
test_accepted(void **state)
{
    size_t i, r, c;

    (void)state;
    for (i = 0; i < nitems(accepted); i++) {
        struct tsv *tv = NULL;
        char *cause = NULL;

        if (tsv_parse("t.tsv", accepted[i].text, cols, C__COUNT, &tv, &cause) != ERR_OK)
            fail_msg("%s: refused: %s", accepted[i].name, cause);
        assert_null(cause);
        assert_string_equal(tsv_file(tv), "t.tsv");
        if (tsv_header_line(tv) != accepted[i].header_line)
            fail_msg("%s: header on line %zu, want %zu", accepted[i].name, tsv_header_line(tv),
                     accepted[i].header_line);
        assert_true(tsv_has(tv, C_ID) && tsv_has(tv, C_NAME));
        assert_int_equal(tsv_has(tv, C_NOTE), accepted[i].has_note);
        if (tsv_nrows(tv) != accepted[i].nrows)
            fail_msg("%s: %zu rows, want %zu", accepted[i].name, tsv_nrows(tv), accepted[i].nrows);
        for (r = 0; r < accepted[i].nrows; r++) {
            const struct want_row *w = &accepted[i].rows[r];
            if (tsv_line(tv, r) != w->line)
                fail_msg("%s: row %zu on line %zu, want %zu", accepted[i].name, r, tsv_line(tv, r),
                         w->line);
            for (c = 0; c < C__COUNT; c++)
                if (strcmp(tsv_cell(tv, r, c), w->cell[c]) != 0)
                    fail_msg("%s: row %zu %s = \"%s\", want \"%s\"", accepted[i].name, r,
                             cols[c].name, tsv_cell(tv, r, c), w->cell[c]);
        }
        tsv_free(tv);
    }
}

static const struct {
    const char *name;
    const char *text;
    const char *cause;   /* the whole message */
} refused[] = {
    {"empty file", "", "t.tsv:1: 缺少表头行"},
    {"only a BOM", "\xef\xbb\xbf", "t.tsv:1: 缺少表头行"},
    {"only comments and blanks", "# a\n\n  \n# b\n", "t.tsv:1: 缺少表头行"},
    {"unknown column", "id\tname\tnote\tcolour\n1\t2\t3\t4\n", "t.tsv:1: 未知的列“colour”"},
    {"column names are exact", "# c\nID\tname\n", "t.tsv:2: 未知的列“ID”"},
    {"duplicate column", "id\tname\tid\n", "t.tsv:1: 列“id”重复"},
    {"duplicate after trimming", "id\tname\t id \n", "t.tsv:1: 列“id”重复"},
    {"duplicate optional column", "note\tid\tname\tnote\n", "t.tsv:1: 列“note”重复"},
    {"missing column", "# c\n\nid\tnote\n1\tx\n", "t.tsv:3: 缺少列“name”"},
    {"empty header cell", "id\t\tname\n", "t.tsv:1: 未知的列“”"},
    {"too many cells", "id\tname\tnote\n1\t甲\tx\n2\t乙\ty\tz\n", "t.tsv:3: 有 4 列，表头只有 3 列"},
    {"too many for a header without the optional", "id\tname\n1\t甲\tx\n",
     "t.tsv:2: 有 3 列，表头只有 2 列"},
    {"too many, though empty", "id\tname\tnote\n1\t甲\tx\t\n", "t.tsv:2: 有 4 列，表头只有 3 列"},
    {"invalid UTF-8", "id\tname\tnote\n1\t甲\tx\n2\t\xc3\x28\t\n", "t.tsv:3: 不是有效的 UTF-8 文本"},
    {"invalid UTF-8 in a comment", "# \xff\nid\tname\tnote\n", "t.tsv:1: 不是有效的 UTF-8 文本"},
    {"truncated character at the end", "id\tname\tnote\n1\t甲\t\xe4\xb8", "t.tsv:2: 不是有效的 UTF-8 文本"},
    {"surrogate", "id\tname\tnote\n\n1\t\xed\xa0\x80\tx\n", "t.tsv:3: 不是有效的 UTF-8 文本"},
    {"overlong after a BOM", "\xef\xbb\xbfid\tname\xc0\xaf\tnote\n", "t.tsv:1: 不是有效的 UTF-8 文本"},
    {"GB18030, not UTF-8", "id\tname\tnote\n1\t\xbb\xf9\xb1\xbe\t\n", "t.tsv:2: 不是有效的 UTF-8 文本"},
    {"unterminated quote", "id\tname\tnote\n1\t\"abc\n2\tx\ty\n", "t.tsv:2: 引号未闭合"},
};

static void
test_refused(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < nitems(refused); i++) {
        struct tsv *tv = (struct tsv *)&tv;   /* must be reset to NULL */
        char *cause = NULL;

        if (tsv_parse("t.tsv", refused[i].text, cols, C__COUNT, &tv, &cause) != ERR_DATA)
            fail_msg("%s: not refused with ERR_DATA", refused[i].name);
        assert_null(tv);
        assert_non_null(cause);
        if (strcmp(cause, refused[i].cause) != 0)
            fail_msg("%s: cause \"%s\", want \"%s\"", refused[i].name, cause, refused[i].cause);
        free(cause);
    }
}

/* The messages callers build on top: at a line, at a data row, or for the whole file. */
static void
test_fail(void **state)
{
    struct tsv *tv = NULL;
    char *cause = NULL;

    (void)state;
    assert_int_equal(tsv_parse("forms/x.tsv", "# c\nid\tname\n\n1\t甲\n", cols, C__COUNT, &tv,
                               &cause), ERR_OK);
    assert_string_equal(tsv_col_name(tv, C_NAME), "name");
    assert_int_equal(tsv_row_fail(tv, 0, &cause, "“%s”不对（%d）", tsv_cell(tv, 0, C_NAME), 7),
                     ERR_DATA);
    assert_string_equal(cause, "forms/x.tsv:4: “甲”不对（7）");
    free(cause);
    assert_int_equal(tsv_fail(&cause, tsv_file(tv), tsv_header_line(tv), "表头"), ERR_DATA);
    assert_string_equal(cause, "forms/x.tsv:2: 表头");
    free(cause);
    assert_int_equal(tsv_fail(&cause, "factors/gwp.tsv", 0, "缺少文件"), ERR_DATA);
    assert_string_equal(cause, "factors/gwp.tsv: 缺少文件");
    free(cause);
    tsv_free(tv);
    tsv_free(NULL);
}

/* No fixed caps: 40 columns, a 5000-character cell in a message. */
static void
test_no_caps(void **state)
{
    enum { N = 40 };
    struct tsv_col many[N];
    char names[N][8], *head = xstrdup(""), *row = xstrdup(""), *text, *t, *cause = NULL;
    struct tsv *tv = NULL;
    size_t i;

    (void)state;
    for (i = 0; i < N; i++) {
        snprintf(names[i], sizeof(names[i]), "c%zu", i);
        many[i] = (struct tsv_col){.name = names[i]};
        t = xasprintf("%s%s%s", head, i > 0 ? "\t" : "", names[i]);
        free(head);
        head = t;
        t = xasprintf("%s%s%zu", row, i > 0 ? "\t" : "", i * 10);
        free(row);
        row = t;
    }
    text = xasprintf("%s\n%s\n", head, row);
    assert_int_equal(tsv_parse("t.tsv", text, many, N, &tv, &cause), ERR_OK);
    assert_int_equal(tsv_nrows(tv), 1);
    assert_string_equal(tsv_cell(tv, 0, N - 1), "390");
    tsv_free(tv);
    free(text);
    free(head);
    free(row);

    t = xmalloc(5001);
    memset(t, 'x', 5000);
    t[5000] = '\0';
    assert_int_equal(tsv_fail(&cause, "t.tsv", 9, "%s", t), ERR_DATA);
    assert_int_equal(strlen(cause), strlen("t.tsv:9: ") + 5000);
    free(cause);
    free(t);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accepted),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_fail),
        cmocka_unit_test(test_no_caps),
    };

    return cmocka_run_group_tests_name("tsv", tests, NULL, NULL);
}
