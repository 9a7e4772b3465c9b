/* test_evaluators.c - the evaluators' text: the separators taken, the canonical form written, every
   kind of fault refused with the entry and the reason, the calendar's dates, and an older free text
   read leniently. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/xmem.h"
#include "core/evaluators.h"

/* Each accepted text with what it holds, written canonically ("name，role，date；…"). */
static void
test_parse_accepted(void **state)
{
    static const struct {
        const char *in;
        size_t n;
        const char *canonical;
    } cases[] = {
        {"", 0, ""},
        {"  \n ; ；", 0, ""},       /* only separators and blanks: nobody */
        {"张三，组长，2026-11-30；李四，评审员，2026-12-01", 2,
         "张三，组长，2026-11-30；李四，评审员，2026-12-01"},
        /* ASCII separators, a tab, '|', a newline and blanks around the fields */
        {"张三,组长,2026-11-30;李四|评审员|2026-12-01\n王五\t高级工程师\t2026-12-02", 3,
         "张三，组长，2026-11-30；李四，评审员，2026-12-01；王五，高级工程师，2026-12-02"},
        {"  Zhang San , team leader ,  2026-11-30  ;\n\n", 1, "Zhang San，team leader，2026-11-30"},
        {"\xe3\x80\x80张三，组长\xe3\x80\x80，2024-02-29", 1, "张三，组长，2024-02-29"},   /* U+3000 */
        {"张三，组长，2000-02-29", 1, "张三，组长，2000-02-29"},   /* 2000 is a leap year (÷ 400) */
    };
    size_t i;

    (void)state;
    for (i = 0; i < nitems(cases); i++) {
        struct evaluators ev;
        char *cause = NULL, *text;

        if (evaluators_parse(cases[i].in, LANG_ZH, &ev, &cause) != ERR_OK)
            fail_msg("\"%s\" refused: %s", cases[i].in, cause);
        assert_int_equal(ev.n, cases[i].n);
        text = evaluators_text(&ev);
        assert_string_equal(text, cases[i].canonical);
        free(text);
        evaluators_free(&ev);
    }
}

static void
test_parse_fields(void **state)
{
    struct evaluators ev;
    char *cause = NULL;

    (void)state;
    assert_int_equal(evaluators_parse("张三 ,组长, 2026-11-30\n李四|评审员（高级工程师）|2026-12-01",
                                      LANG_ZH, &ev, &cause), ERR_OK);
    assert_int_equal(ev.n, 2);
    assert_string_equal(ev.v[0].name, "张三");
    assert_string_equal(ev.v[0].role, "组长");
    assert_string_equal(ev.v[0].date, "2026-11-30");
    assert_string_equal(ev.v[1].name, "李四");
    assert_string_equal(ev.v[1].role, "评审员（高级工程师）");
    assert_string_equal(ev.v[1].date, "2026-12-01");
    evaluators_free(&ev);
}

/* Each refused text with its message in both languages: the entry (counted from 1, blanks skipped). */
static void
test_parse_refused(void **state)
{
    static const struct {
        const char *in, *zh, *en;
    } cases[] = {
        {"张三，组长，2026-11-30；李四，评审员", "评价人员第 2 位“李四”缺少日期（YYYY-MM-DD）",
         "evaluator 2 \"李四\": the date (YYYY-MM-DD) is missing"},
        {"张三，组长，", "评价人员第 1 位“张三”缺少日期（YYYY-MM-DD）",
         "evaluator 1 \"张三\": the date (YYYY-MM-DD) is missing"},
        {"张三", "评价人员第 1 位“张三”缺少角色（职务/职称）",
         "evaluator 1 \"张三\": the role (position or title) is missing"},
        /* the date second: the role is what is missing */
        {"张三，2026-11-30", "评价人员第 1 位“张三”缺少角色（职务/职称）",
         "evaluator 1 \"张三\": the role (position or title) is missing"},
        {"张三，，2026-11-30", "评价人员第 1 位“张三”缺少角色（职务/职称）",
         "evaluator 1 \"张三\": the role (position or title) is missing"},
        {"；；，组长，2026-11-30", "评价人员第 1 位缺少姓名（每位写作 姓名，角色，日期）",
         "evaluator 1 has no name (each is NAME, ROLE, DATE)"},
        {"张三，组长，2026-13-01", "评价人员第 1 位“张三”的日期“2026-13-01”不是有效的日期（YYYY-MM-DD）",
         "evaluator 1 \"张三\": \"2026-13-01\" is not a date (YYYY-MM-DD)"},
        /* 2026 is not a leap year; 1900 neither (÷ 100 but not ÷ 400) */
        {"张三，组长，2026-02-29", "评价人员第 1 位“张三”的日期“2026-02-29”不是有效的日期（YYYY-MM-DD）",
         "evaluator 1 \"张三\": \"2026-02-29\" is not a date (YYYY-MM-DD)"},
        {"张三，组长，1900-02-29", "评价人员第 1 位“张三”的日期“1900-02-29”不是有效的日期（YYYY-MM-DD）",
         "evaluator 1 \"张三\": \"1900-02-29\" is not a date (YYYY-MM-DD)"},
        {"张三，组长，2026/11/30", "评价人员第 1 位“张三”的日期“2026/11/30”不是有效的日期（YYYY-MM-DD）",
         "evaluator 1 \"张三\": \"2026/11/30\" is not a date (YYYY-MM-DD)"},
        {"张三，组长，2026-4-30", "评价人员第 1 位“张三”的日期“2026-4-30”不是有效的日期（YYYY-MM-DD）",
         "evaluator 1 \"张三\": \"2026-4-30\" is not a date (YYYY-MM-DD)"},
        {"张三，组长，2026-11-30，签名", "评价人员第 1 位“张三”多出“签名”（每位写作 姓名，角色，日期）",
         "evaluator 1 \"张三\": \"签名\" is one field too many (each is NAME, ROLE, DATE)"},
        /* an older free text does not parse: the first entry is the whole of it */
        {"评审组：王五（组长）", "评价人员第 1 位“评审组：王五（组长）”缺少角色（职务/职称）",
         "evaluator 1 \"评审组：王五（组长）\": the role (position or title) is missing"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < nitems(cases); i++) {
        struct evaluators ev;
        char *zh = NULL, *en = NULL;

        if (evaluators_parse(cases[i].in, LANG_ZH, &ev, &zh) != ERR_INPUT)
            fail_msg("\"%s\" accepted", cases[i].in);
        assert_int_equal(ev.n, 0);
        assert_null(ev.v);
        assert_string_equal(zh, cases[i].zh);
        assert_int_equal(evaluators_parse(cases[i].in, LANG_EN, &ev, &en), ERR_INPUT);
        assert_string_equal(en, cases[i].en);
        free(zh);
        free(en);
    }
}

static void
test_dates(void **state)
{
    static const struct {
        const char *in;
        int ok;
    } cases[] = {
        {"2026-01-31", 1}, {"2026-04-30", 1}, {"2026-04-31", 0}, {"2026-12-31", 1},
        {"2026-00-10", 0}, {"2026-01-00", 0}, {"2024-02-29", 1}, {"2023-02-29", 0},
        {"2000-02-29", 1}, {"2100-02-29", 0}, {"0000-01-01", 0}, {"2026-1-01", 0},
        {"2026-01-1", 0}, {"20260101", 0}, {"2026-01-01 ", 0}, {"２０２６-01-01", 0},
        {"abcd-ef-gh", 0}, {"", 0},
    };
    size_t i;

    (void)state;
    for (i = 0; i < nitems(cases); i++)
        if (evaluators_date_ok(cases[i].in) != cases[i].ok)
            fail_msg("\"%s\": %d, want %d", cases[i].in, !cases[i].ok, cases[i].ok);
}

/* A stored text read for showing: the list when it parses, else each entry whole as a name. */
static void
test_read_lenient(void **state)
{
    static const struct {
        const char *stored;
        size_t n;
        const char *name0, *role0, *date0, *canonical;
    } cases[] = {
        {"张三，组长，2026-11-30；李四，评审员，2026-12-01", 2, "张三", "组长", "2026-11-30",
         "张三，组长，2026-11-30；李四，评审员，2026-12-01"},
        {"评审组：王五（组长）", 1, "评审组：王五（组长）", "", "", "评审组：王五（组长）"},
        /* one entry does not parse: every entry is read as a name alone, the fields as typed */
        {"张三，组长，2026-11-30；李四", 2, "张三，组长，2026-11-30", "", "",
         "张三，组长，2026-11-30；李四"},
        {"", 0, NULL, NULL, NULL, ""},
    };
    size_t i;

    (void)state;
    for (i = 0; i < nitems(cases); i++) {
        struct evaluators ev, again;
        char *text, *text2;

        evaluators_read(cases[i].stored, &ev);
        assert_int_equal(ev.n, cases[i].n);
        if (ev.n > 0) {
            assert_string_equal(ev.v[0].name, cases[i].name0);
            assert_string_equal(ev.v[0].role, cases[i].role0);
            assert_string_equal(ev.v[0].date, cases[i].date0);
        }
        text = evaluators_text(&ev);
        assert_string_equal(text, cases[i].canonical);
        /* written back and read again, it is the same list */
        evaluators_read(text, &again);
        assert_int_equal(again.n, ev.n);
        text2 = evaluators_text(&again);
        assert_string_equal(text2, text);
        free(text);
        free(text2);
        evaluators_free(&ev);
        evaluators_free(&again);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_accepted),
        cmocka_unit_test(test_parse_fields),
        cmocka_unit_test(test_parse_refused),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_read_lenient),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
