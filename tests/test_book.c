/*
 * test_book.c - the workbook layer under both front ends: opening (for writing, creating, or
 * read-only, which refuses writes), resolving the reporting year from what the user typed, the
 * report over all years, the import core's rejections. The demo workbook is the example.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "book/book.h"
#include "book/book_lock.h"
#include "book/demo.h"
#include "base/strbuf.h"
#include "base/xmem.h"
#include "book/import.h"

#include "book_fixture.h"

struct fx {
    struct app app;
    char dir[64], path[128];
};

static int
setup(void **state)
{
    struct fx *f = xcalloc(1, sizeof(*f));
    char *cause = NULL;

    if (fixture_open(&f->app, f->dir) != 0)
        return -1;
    snprintf(f->path, sizeof(f->path), "%s/demo.tanbook", f->dir);
    if (demo_create(&f->app, f->path, 0, &cause) != ERR_OK)
        return -1;
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fx *f = *state;
    int rc = fixture_close(&f->app, f->dir);

    free(f);
    return rc;
}

/* What --year or a prompt may say, and what the workbook answers. */
static void
test_year(void **state)
{
    struct fx *f = *state;
    struct book *bk;
    char *cause = NULL;
    int year = 0, exists = -1;

    assert_int_equal(book_open(&f->app, f->path, BOOK_READ, &bk, &cause), ERR_OK);
    assert_true(book_readonly(bk));
    assert_int_equal(book_year(bk, NULL, 0, &year, &exists, &cause), ERR_OK);
    assert_int_equal(year, 2024);                   /* the latest */
    assert_true(exists);
    assert_int_equal(book_year(bk, "2023", 0, &year, &exists, &cause), ERR_OK);
    assert_int_equal(year, 2023);
    assert_int_equal(book_year(bk, "2019", 0, &year, &exists, &cause), ERR_NOTFOUND);
    assert_string_equal(cause, "工作簿中没有 2019 年度");
    free(cause);
    assert_int_equal(book_year(bk, "2019", 1, &year, &exists, &cause), ERR_OK);
    assert_false(exists);                           /* may be created */
    assert_int_equal(book_year(bk, "abc", 1, &year, &exists, &cause), ERR_USAGE);
    assert_non_null(strstr(cause, "不是有效的年度"));
    free(cause);
    assert_int_equal(book_year(bk, "1989", 1, &year, &exists, &cause), ERR_USAGE);
    assert_non_null(strstr(cause, "超出范围"));
    free(cause);
    /* read-only: a write is refused and nothing changes */
    assert_int_equal(store_info_set(book_store(bk), FS_YEAR, 2024, "building_area", "1", &cause),
                     ERR_READONLY);
    free(cause);
    book_close(bk);
}

/*
 * The report over every year: ascending, the reporting year the one asked for. The demo's 2023
 * electricity is 1190.3 MWh × 0.5306 = 631.57118 tCO₂ (as tests/tui/tui_years.sh says).
 */
static void
test_report_years(void **state)
{
    struct fx *f = *state;
    const struct report_source *el;
    struct book *bk;
    struct report r;
    char *cause = NULL;

    assert_int_equal(book_open(&f->app, f->path, BOOK_READ, &bk, &cause), ERR_OK);
    assert_int_equal(book_report(bk, 2024, 1, LANG_ZH, &r, &cause), ERR_OK);
    assert_int_equal(r.nyears, 2);
    assert_int_equal(r.years[0].year, 2023);
    assert_int_equal(report_cur(&r)->year, 2024);
    el = report_source(report_find(&r, 2023), "electricity");
    assert_non_null(el);
    assert_float_equal(el->tco2e, 1190.3 * 0.5306, 1e-9);
    report_free(&r);
    assert_int_equal(book_report(bk, 2023, 0, LANG_EN, &r, &cause), ERR_OK);
    assert_int_equal(r.nyears, 1);
    assert_string_equal(report_cur(&r)->sources[0].category, "Fossil fuel combustion");
    report_free(&r);
    assert_int_equal(book_report(bk, 2019, 1, LANG_ZH, &r, &cause), ERR_NOTFOUND);
    free(cause);
    book_close(bk);
}

/* The import core: rejections by line, in line order, and nothing written while there are any. */
static void
test_import(void **state)
{
    static const char csv[] =
        "期间,排放源,数量,单位,数据来源,排放设施名称\n"
        "2024-01,天然气,100,m³,账单,食堂炉灶\n"  /* 2: replaces the demo's January; overlaps 3 */
        "2024-Q1,天然气,300,m³,账单,食堂炉灶\n"  /* 3: overlaps the workbook's months */
        "2024-02,煤气罐,5,kg,,\n"                /* 4: no such source */
        "2024-13,电,1,kWh,,\n";                  /* 5: no 13th month */
    struct fx *f = *state;
    const struct import_reject *rej;
    struct import_counts n;
    struct import *im;
    struct book *bk;
    char *cause = NULL;
    size_t nrej, i;

    assert_int_equal(book_open(&f->app, f->path, BOOK_WRITE, &bk, &cause), ERR_OK);
    assert_int_equal(import_parse(bk, csv, strlen(csv), 0, &im, &cause), ERR_OK);
    rej = import_rejects(im, &nrej);
    assert_int_equal(nrej, 4);
    for (i = 1; i < nrej; i++)
        assert_true(rej[i - 1].line < rej[i].line);
    /* a quarter sorts before its first month, so the month is the one found overlapping */
    assert_string_equal(rej[0].reason, "期间 2024-01 与第 3 行的 2024-Q1 重叠，会重复计算");
    assert_string_equal(rej[1].reason, "期间 2024-Q1 与工作簿中已有的 2024-01 数据重叠，会重复计算");
    assert_int_equal(rej[2].line, 4);
    assert_int_equal(rej[3].line, 5);
    assert_int_equal(import_bad_lines(im), 4);
    assert_int_equal(import_apply(im, &n, &cause), ERR_INPUT);
    free(cause);
    import_free(im);

    assert_int_equal(import_parse(bk, csv, strchr(strchr(csv, '\n') + 1, '\n') + 1 - csv, 0,
                                  &im, &cause), ERR_OK);
    assert_int_equal(import_rows(im), 1);
    assert_int_equal(import_apply(im, &n, &cause), ERR_OK);
    assert_int_equal(n.rows, 1);
    assert_int_equal(n.replaced, 1);
    assert_int_equal(n.new_entries, 0);
    import_free(im);
    book_close(bk);
}

/*
 * A file of junk lines: only the first IMPORT_MAX_REJECTS (100) reasons are kept, the bad lines
 * are counted exactly, and an overlap found after reading takes its place among them by line.
 */
static void
test_import_bound(void **state)
{
    struct fx *f = *state;
    const struct import_reject *rej;
    struct import *im;
    struct book *bk;
    struct strbuf csv = {0};
    char *cause = NULL;
    size_t nrej, i;

    /*
     * Line 1 the header; line 2 2024-Q2 and line 3 2024-05 of the same source and facility (line 3
     * overlaps, found after reading); lines 4..253 are 250 junk lines with 4 reasons each (期间,
     * 缺少排放源, 数量, 缺少单位). While reading, lines 4..28 fill the 100 kept reasons; then line
     * 3's reason goes first and pushes out line 28's 4th. Bad lines 250 + 1 = 251; listed lines
     * 3..28 = 26; unlisted 251 - 26 = 225.
     */
    sb_append(&csv, "期间,排放源,数量,单位,数据来源,排放设施名称\n"
                    "2024-Q2,电,300,kWh,账单,新设施\n"
                    "2024-05,电,100,kWh,账单,新设施\n");
    for (i = 0; i < 250; i++)
        sb_append(&csv, "junk\n");
    assert_int_equal(book_open(&f->app, f->path, BOOK_WRITE, &bk, &cause), ERR_OK);
    assert_int_equal(import_parse(bk, csv.s, csv.len, 0, &im, &cause), ERR_OK);
    rej = import_rejects(im, &nrej);
    assert_int_equal(nrej, IMPORT_MAX_REJECTS);
    assert_int_equal(rej[0].line, 3);
    assert_string_equal(rej[0].reason, "期间 2024-05 与第 2 行的 2024-Q2 重叠，会重复计算");
    assert_int_equal(rej[1].line, 4);
    assert_int_equal(rej[96].line, 27);
    assert_int_equal(rej[97].line, 28);
    assert_int_equal(rej[99].line, 28);
    assert_string_equal(rej[99].reason, "请填写“数量”");     /* the 3rd of line 28's 4 */
    for (i = 1; i < nrej; i++)
        assert_true(rej[i - 1].line <= rej[i].line);
    assert_int_equal(import_bad_lines(im), 251);
    assert_int_equal(import_unlisted_lines(im), 225);
    import_free(im);
    sb_free(&csv);
    book_close(bk);
}

/* A reason quoting a long cell is cut in its middle; its start and its hint stay. */
static void
test_import_long_reason(void **state)
{
    struct fx *f = *state;
    const struct import_reject *rej;
    struct import *im;
    struct book *bk;
    struct strbuf csv = {0};
    char *cause = NULL;
    const char *hint = "（可用的排放源见 tanbook factors）";
    size_t nrej, i, len;

    sb_append(&csv, "期间,排放源,数量,单位\n2024-01,");
    for (i = 0; i < 5000; i++)
        sb_append(&csv, "煤");        /* 15000 bytes of an unknown source */
    sb_append(&csv, ",1,kWh\n");
    assert_int_equal(book_open(&f->app, f->path, BOOK_WRITE, &bk, &cause), ERR_OK);
    assert_int_equal(import_parse(bk, csv.s, csv.len, 0, &im, &cause), ERR_OK);
    rej = import_rejects(im, &nrej);
    assert_int_equal(nrej, 1);
    len = strlen(rej[0].reason);
    /* at most 240 bytes and the 3 of "…" */
    assert_true(len <= 243);
    assert_true(strncmp(rej[0].reason, "未知的排放源“煤煤", strlen("未知的排放源“煤煤")) == 0);
    assert_string_equal(rej[0].reason + len - strlen(hint), hint);
    assert_non_null(strstr(rej[0].reason, "…"));
    import_free(im);
    sb_free(&csv);
    book_close(bk);
}

/* The 2024 建筑面积 of the workbook at path, read by a book of its own; "" when unset. */
static char *
area_of(struct fx *f, const char *path)
{
    struct wb_year y;
    struct book *bk;
    char *cause = NULL, *v;

    assert_int_equal(book_open(&f->app, path, BOOK_READ, &bk, &cause), ERR_OK);
    assert_int_equal(book_load(bk, 2024, &y, &cause), ERR_OK);
    v = xstrdup(model_info(&y, "building_area") ? model_info(&y, "building_area") : "");
    model_free(&y);
    book_close(bk);
    return v;
}

/*
 * The session lock itself: taken by the first descriptor, refused to a second (flock locks
 * belong to open file descriptions, so two in one process conflict as two programs would), given
 * up by release or close, and seen by book_lock_busy. No store is open here, so opening and
 * closing descriptors of the file is allowed.
 */
static void
test_lock(void **state)
{
    struct fx *f = *state;
    struct book_lock a, b;
    char path[160], *cause = NULL;

    snprintf(path, sizeof(path), "%s/lock.tanbook", f->dir);
    assert_int_equal(demo_create(&f->app, path, 0, &cause), ERR_OK);
    assert_false(book_lock_busy(path));
    assert_int_equal(book_lock_open(path, &a, &cause), ERR_OK);
    assert_true(a.held);
    assert_true(book_lock_busy(path));
    assert_int_equal(book_lock_open(path, &b, &cause), ERR_OK);
    assert_false(b.held);
    assert_false(book_lock_take(&b));
    book_lock_release(&a);                  /* the descriptor stays open, the lock goes */
    assert_true(a.fd >= 0);
    assert_true(book_lock_take(&b));
    assert_false(book_lock_take(&a));
    book_lock_close(&b);
    assert_int_equal(b.fd, -1);
    assert_true(book_lock_take(&a));
    book_lock_close(&a);
    assert_false(book_lock_busy(path));
    assert_int_equal(book_lock_open("/nonexistent/x.tanbook", &a, &cause), ERR_IO);
    assert_non_null(strstr(cause, "无法打开 /nonexistent/x.tanbook"));
    free(cause);
    assert_int_equal(a.fd, -1);
    assert_false(book_lock_busy("/nonexistent/x.tanbook"));
}

/*
 * Terminal workbook sessions: the first edits and holds the lock; a second is read-only
 * (BOOK_SHARE_OTHER), refuses writes and undo, and sees the first one's commits in its data
 * version (which the first one's own commits leave alone); the command line (BOOK_WRITE) takes
 * no lock and is not held back; when the first closes, the second takes over and writes; a third
 * is then the read-only one.
 */
static void
test_session(void **state)
{
    struct fx *f = *state;
    struct book *one, *two, *three, *cli;
    struct wb_year y;
    long long v0, v1, own0, own1;
    char path[160], *cause = NULL, *area;
    int taken = -1;

    snprintf(path, sizeof(path), "%s/session.tanbook", f->dir);
    assert_int_equal(demo_create(&f->app, path, 0, &cause), ERR_OK);
    assert_int_equal(book_open(&f->app, path, BOOK_SESSION, &one, &cause), ERR_OK);
    assert_int_equal(book_share(one), BOOK_SHARE_OWN);
    assert_false(book_readonly(one));
    assert_int_equal(book_open(&f->app, path, BOOK_SESSION, &two, &cause), ERR_OK);
    assert_int_equal(book_share(two), BOOK_SHARE_OTHER);
    assert_true(book_readonly(two));
    assert_int_equal(store_info_set(book_store(two), FS_YEAR, 2024, "building_area", "1", &cause),
                     ERR_READONLY);
    free(cause);
    assert_int_equal(store_undo(book_store(two), NULL, &cause), ERR_READONLY);
    free(cause);
    assert_int_equal(book_take_over(two, &taken, &cause), ERR_OK);
    assert_false(taken);                    /* the first still edits */

    assert_int_equal(store_data_version(book_store(two), &v0, &cause), ERR_OK);
    assert_int_equal(store_data_version(book_store(one), &own0, &cause), ERR_OK);
    assert_int_equal(store_info_set(book_store(one), FS_YEAR, 2024, "building_area", "9000",
                                    &cause), ERR_OK);
    assert_int_equal(store_data_version(book_store(two), &v1, &cause), ERR_OK);
    assert_int_not_equal(v1, v0);
    assert_int_equal(store_data_version(book_store(one), &own1, &cause), ERR_OK);
    assert_int_equal(own1, own0);
    assert_int_equal(book_load(two, 2024, &y, &cause), ERR_OK);
    assert_string_equal(model_info(&y, "building_area"), "9000");
    model_free(&y);

    assert_int_equal(book_open(&f->app, path, BOOK_WRITE, &cli, &cause), ERR_OK);
    assert_int_equal(book_share(cli), BOOK_SHARE_OWN);
    assert_false(book_readonly(cli));
    book_close(cli);

    book_close(one);
    assert_int_equal(book_take_over(two, &taken, &cause), ERR_OK);
    assert_true(taken);
    assert_int_equal(book_share(two), BOOK_SHARE_OWN);
    assert_false(book_readonly(two));
    assert_int_equal(store_info_set(book_store(two), FS_YEAR, 2024, "building_area", "8000",
                                    &cause), ERR_OK);
    assert_int_equal(book_take_over(two, &taken, &cause), ERR_OK);
    assert_false(taken);                    /* nothing more to take */
    assert_int_equal(book_open(&f->app, path, BOOK_SESSION, &three, &cause), ERR_OK);
    assert_int_equal(book_share(three), BOOK_SHARE_OTHER);
    book_close(three);
    book_close(two);
    area = area_of(f, path);
    assert_string_equal(area, "8000");
    free(area);
    assert_false(book_lock_busy(path));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_year),
        cmocka_unit_test(test_report_years),
        cmocka_unit_test(test_import),
        cmocka_unit_test(test_import_bound),
        cmocka_unit_test(test_import_long_reason),
        cmocka_unit_test(test_lock),
        cmocka_unit_test(test_session),
    };

    return cmocka_run_group_tests_name("book", tests, setup, teardown);
}
