/*
 * test_import_offsets.c - offsets from CSV (book/import_offsets.c): English and Chinese headers
 * read into every field, 是/否 and yes/no, a 绿证 given in MWh only, the evidence file hashed
 * against the CSV's folder, the rejections with their lines (an unknown header, a missing column,
 * a bad date, a control character, a row past the header's columns, a file of junk bounded at
 * IMPORT_MAX_REJECTS reasons), and the rows added as one action that undo takes back whole.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmem.h"
#include "book/import_offsets.h"
#include "store/store.h"

static char dir[64];

static int
setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/tanbook-test-XXXXXX");
    return mkdtemp(dir) != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
    char cmd[96];

    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static struct import_offsets *
parse(const char *csv)
{
    return import_offsets_parse(csv, strlen(csv), dir, LANG_ZH);
}

static void
test_fields(void **state)
{
    static const char csv[] =
        "type,project,serial,registered,vintage,quantity_tco2e,quantity_mwh,cancelled,proof,"
        "used_elsewhere,year,evidence,registry,note\n"
        "CCER,风电,C-1,2022-05-01,,10.5,,2024-01-10,ZX-1,否,2023,证明,注册登记系统,备注\n"
        "绿证,,GEC-1,2023-02-01,2023,,120,2024-01-10,ZX-2,yes,2023,证明,,\n";
    struct import_offsets *io = parse(csv);
    const size_t *lines;
    struct wb_offset *o;
    size_t n, nrej;

    (void)state;
    import_offsets_rejects(io, &nrej);
    assert_int_equal(nrej, 0);
    o = import_offsets_rows(io, &n, &lines);
    assert_int_equal(n, 2);
    assert_int_equal(lines[0], 2);
    assert_int_equal(lines[1], 3);
    assert_int_equal(o[0].type, OFFSET_CCER);
    assert_int_equal(o[0].year, 2023);
    assert_true(o[0].quantity_tco2e == 10.5);
    assert_string_equal(o[0].project, "风电");
    assert_string_equal(o[0].registered, "2022-05-01");
    assert_string_equal(o[0].registry, "注册登记系统");
    assert_string_equal(o[0].ev.ref, "证明");
    assert_string_equal(o[0].ev.file, "");
    assert_int_equal(o[0].used_elsewhere, 0);
    /* a 绿证 in MWh only: 120 MWh, 0 t (neutral_build values it at the year's factor) */
    assert_int_equal(o[1].type, OFFSET_CERT);
    assert_int_equal(o[1].vintage, 2023);
    assert_true(o[1].quantity_mwh == 120 && o[1].quantity_tco2e == 0);
    assert_int_equal(o[1].used_elsewhere, 1);
    assert_string_equal(o[1].location, "");     /* a column not given: "" */
    import_offsets_free(io);
}

static void
test_chinese_and_evidence_file(void **state)
{
    char path[96], *csv;
    struct import_offsets *io;
    struct wb_offset *o;
    FILE *f;
    size_t n, nrej;

    (void)state;
    snprintf(path, sizeof path, "%s/abc.txt", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("abc", f);
    fclose(f);
    csv = xstrdup("类型,抵销年度,数量,已用于其他,佐证,佐证文件,公开信息\r"
                  "林业碳汇,2023,3,是,监测报告,abc.txt,林业局公示\r");
    io = parse(csv);
    import_offsets_rejects(io, &nrej);
    assert_int_equal(nrej, 0);
    o = import_offsets_rows(io, &n, NULL);
    assert_int_equal(n, 1);
    assert_int_equal(o[0].type, OFFSET_FOREST);
    assert_int_equal(o[0].used_elsewhere, 1);
    assert_string_equal(o[0].disclosure, "林业局公示");
    /* the file relative to the CSV's folder; SHA-256("abc") of FIPS 180-2 B.1 */
    assert_non_null(strstr(o[0].ev.file, "/abc.txt"));
    assert_string_equal(o[0].ev.sha256,
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    import_offsets_free(io);
    free(csv);
}

/* The reasons of the lines of csv, "LINE: reason|..." */
static char *
reasons(const char *csv)
{
    struct import_offsets *io = parse(csv);
    const struct import_reject *r;
    char *s = xstrdup(""), *t;
    size_t n, i;

    r = import_offsets_rejects(io, &n);
    for (i = 0; i < n; i++) {
        t = xasprintf("%s%zu: %s|", s, r[i].line, r[i].reason);
        free(s);
        s = t;
    }
    import_offsets_free(io);
    return s;
}

static void
test_rejections(void **state)
{
    static const struct {
        const char *csv, *want;
    } cases[] = {
        {"type,colour,quantity_tco2e,year\nCCER,red,1,2023\n",
         "1: 未知的列名“colour”（可用列名见 tanbook import --help）|"},
        {"type,quantity_tco2e\nCCER,1\n", "1: 缺少必需的列“year”（抵销年度）|"},
        {"type,year\nCCER,2023\n",
         "1: 缺少数量列：quantity_tco2e（数量），绿证也可用 quantity_mwh（电量）|"},
        {"type,quantity_tco2e,year,registered\nCCER,1,2023,2022-01-01\nCCER,1,2023,2023-02-29\n",
         "3: 登记日期（YYYY-MM-DD）不正确|"},
        {"type,quantity_tco2e,year,project\nCCER,1,2023,\"a\x1b[2Jb\"\n", "2: 项目含有控制字符|"},
        {"type,quantity_tco2e,year\n碳汇,1,2023\n",
         "2: 未知的类型“碳汇”（CCER、深圳碳普惠、广东碳普惠、绿证、林业碳汇、其他）|"},
        {"type,quantity_tco2e,year\nCCER,,2023\n", "2: 缺少数量（tCO₂e）；绿证可只填电量（MWh）|"},
        {"type,quantity_tco2e,year,used_elsewhere\nCCER,1,2023,也许\n",
         "2: 已用于其他：应为 是 或 否（yes/no），而不是“也许”|"},
        {"type,quantity_tco2e,year\nCCER,1,2023,extra\n", "2: 列数（4）多于表头（3）|"},
        {"type,quantity_tco2e,year\ntype,quantity_tco2e,year\n",
         "2: 这一行又是表头：文件是几个 CSV 拼在一起的吗？请删去这一行|"},
        {"type,quantity_tco2e,year,evidence_file\nCCER,1,2023,nowhere.pdf\n", NULL},
        {"type,quantity_tco2e,year\n", "1: 只有表头，没有数据行|"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = reasons(cases[i].csv);

        if (cases[i].want != NULL)
            assert_string_equal(got, cases[i].want);
        else
            assert_non_null(strstr(got, "2: 佐证文件："));
        free(got);
    }
}

static void
test_bounded(void **state)
{
    struct import_offsets *io;
    char *csv = xstrdup("type,quantity_tco2e,year\n"), *t;
    size_t n, i;

    (void)state;
    for (i = 0; i < 250; i++) {     /* 250 lines of an unknown type */
        t = xasprintf("%sX,1,2023\n", csv);
        free(csv);
        csv = t;
    }
    io = parse(csv);
    import_offsets_rejects(io, &n);
    /* 100 listed (lines 2..101), 250 bad, 150 unlisted */
    assert_int_equal(n, IMPORT_MAX_REJECTS);
    assert_int_equal(import_offsets_bad_lines(io), 250);
    assert_int_equal(import_offsets_unlisted_lines(io), 150);
    import_offsets_free(io);
    free(csv);
}

static void
test_undo_takes_all(void **state)
{
    static const char csv[] = "type,quantity_tco2e,year,serial\nCCER,1,2024,A\nCCER,2,2024,B\n"
                              "sz,3,2024,C\n";
    struct import_offsets *io = parse(csv);
    struct store_action done = {0};
    struct store *st = NULL;
    struct wb_offset *o;
    struct wb_plan p;
    char path[96], *cause = NULL;
    size_t n;

    (void)state;
    snprintf(path, sizeof path, "%s/w.tanbook", dir);
    assert_int_equal(store_open(path, STORE_CREATE, &st, &cause), ERR_OK);
    o = import_offsets_rows(io, &n, NULL);
    assert_int_equal(n, 3);
    assert_int_equal(store_offsets_add(st, o, n, &cause), ERR_OK);
    assert_true(o[0].id > 0 && o[2].id > o[0].id);
    assert_int_equal(store_load_plan(st, &p, &cause), ERR_OK);
    assert_int_equal(p.noffsets, 3);
    assert_string_equal(p.offsets[2].serial, "C");
    plan_free(&p);
    /* one undo: all three gone */
    assert_int_equal(store_undo(st, &done, &cause), ERR_OK);
    store_action_free(&done);
    assert_int_equal(store_load_plan(st, &p, &cause), ERR_OK);
    assert_int_equal(p.noffsets, 0);
    plan_free(&p);
    store_close(st);
    import_offsets_free(io);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_chinese_and_evidence_file),
        cmocka_unit_test(test_rejections),
        cmocka_unit_test(test_bounded),
        cmocka_unit_test(test_undo_takes_all),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
