/* test_measures.c - the built-in catalog of emission-reduction measures (forms/measures.tsv, 003
 * 表C.1 as the standard prints it: 25 measures in four groups), the look-ups, and the loader's
 * "FILE:LINE: reason" for each broken file. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "data/measures.h"
#include "cjk_fixture.h"

/* Loads the built-in catalog as the group state. */
static int
setup(void **state)
{
    struct measure_lib *lib = NULL;
    char *cause = NULL;

    if (measures_load(&lib, &cause) != ERR_OK) {
        print_error("measures_load: %s\n", cause != NULL ? cause : "?");
        free(cause);
        return -1;
    }
    *state = lib;
    return 0;
}

static int
teardown(void **state)
{
    measures_free(*state);
    return 0;
}

static const struct measure_def *
measure(void **state, int no)
{
    const struct measure_def *m = measures_find(*state, no);

    if (m == NULL)
        fail_msg("no measure %d", no);
    return m;
}

/* 表C.1 numbers its rows 1 to 25 without a gap (序号 1 … 25 over three continuation pages). */
static void
test_count_and_order(void **state)
{
    const struct measure_lib *lib = *state;
    size_t i;

    assert_int_equal(lib->n, 25);
    for (i = 0; i < lib->n; i++)
        assert_int_equal(lib->v[i].no, (int)i + 1);
    assert_null(measures_find(lib, 0));
    assert_null(measures_find(lib, 26));
    assert_null(measures_find(lib, -1));
    assert_ptr_equal(measures_find(lib, 25), &lib->v[24]);
}

/*
 * The first and the last measure of each of the table's four group headings (一、非化石能源替代
 * 1–5, 二、提高能源利用效率 6–14, 三、建筑及行为减排 15–20, 四、价值链减排 21–25), names as
 * the standard writes them with its line wraps joined.
 */
static void
test_groups_and_names(void **state)
{
    static const struct {
        int no;
        const char *group, *name;
    } cases[] = {
        {1, "非化石能源替代", "空气源热泵冷、暖、热水三联供系统技术"},
        {2, "非化石能源替代", "分布式光伏发电技术"},
        {5, "非化石能源替代", "光伏直驱变频空调技术"},
        {6, "提高能源利用效率", "变压器电网配电系统节能技改"},
        {9, "提高能源利用效率", "智能供配电与高效制冷技术间接蒸发冷技术"},
        {14, "提高能源利用效率", "电梯能量回馈技术"},
        {15, "建筑及行为减排", "被动式建筑设计"},
        {20, "建筑及行为减排", "使用新能源车辆"},
        {21, "价值链减排", "价值链能源审计"},
        {24, "价值链减排", "产品使用回收或可再生材料"},
        {25, "价值链减排", "绿色包装"},
    };
    /* how many rows stand under each heading, in the table's order: 5 + 9 + 6 + 5 = 25 */
    static const struct {
        const char *group;
        int count;
    } groups[] = {
        {"非化石能源替代", 5}, {"提高能源利用效率", 9}, {"建筑及行为减排", 6}, {"价值链减排", 5},
    };
    const struct measure_lib *lib = *state;
    size_t i, g = 0;
    int run = 0;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct measure_def *m = measure(state, cases[i].no);
        assert_string_equal(m->group_zh, cases[i].group);
        assert_string_equal(m->name_zh, cases[i].name);
        assert_string_equal(measures_name(m, LANG_ZH), cases[i].name);
    }
    for (i = 0; i < lib->n; i++) {
        if (strcmp(lib->v[i].group_zh, groups[g].group) != 0) {
            assert_int_equal(run, groups[g].count);
            g++;
            run = 0;
            assert_true(g < sizeof(groups) / sizeof(groups[0]));
            assert_string_equal(lib->v[i].group_zh, groups[g].group);
        }
        run++;
    }
    assert_int_equal(g, 3);
    assert_int_equal(run, groups[3].count);
}

/* Cells as the extraction wraps them, joined: the superscript, the half-width comma the standard
   prints, the spaces of justified text gone, the a)–d) list of row 15 from its continuation page. */
static void
test_cells_verbatim(void **state)
{
    assert_string_equal(measure(state, 2)->scope_zh,
                        "建筑结构及承重负载满足要求：彩钢瓦屋顶荷载约增加13-15kg/m²,"
                        "混凝土屋顶荷载约增加40-50kg/m²");
    assert_string_equal(measure(state, 20)->desc_zh, "新能源车辆替换燃油车辆");
    assert_string_equal(measure(state, 20)->scope_zh, "通勤车辆");
    assert_string_equal(measure(state, 12)->scope_zh, "各类建筑，需安装智能电表和互感器");
    assert_string_equal(measure(state, 15)->desc_zh,
                        "综合运用多种节能技术，使房屋在保证舒适性的前提下，尽可能减少对能源的需求，"
                        "实现建筑节能减排目标，主要包含以下措施：a）保温隔热围护体系：如选用石墨聚苯"
                        "保温板（SEPS）、玻璃节能膜等；b）提高气密性；c）无热桥的结构设计与施工降低"
                        "室内热量流失；d）高效热回收新风系统。");
    assert_string_equal(measure(state, 22)->desc_zh,
                        "优化供应商管理、加强物料配送等减少重复运输和空载运输，降低运输环节碳排放。");
    assert_string_equal(measure(state, 1)->group_en, "Non-fossil energy substitution");
}

/* Every text is filled; the English ones hold no Chinese; no cell has a tab or a line break. */
static void
test_cells_filled(void **state)
{
    const struct measure_lib *lib = *state;
    size_t i;

    for (i = 0; i < lib->n; i++) {
        const struct measure_def *m = &lib->v[i];
        const char *cells[] = {m->group_zh, m->group_en, m->name_zh, m->name_en, m->desc_zh,
                               m->scope_zh};
        size_t c;
        for (c = 0; c < sizeof(cells) / sizeof(cells[0]); c++) {
            assert_true(cells[c][0] != '\0');
            assert_null(strpbrk(cells[c], "\t\r\n"));
        }
        if (has_cjk(m->name_en) || has_cjk(m->group_en))
            fail_msg("measure %d: English text with Chinese: %s / %s", m->no, m->name_en,
                     m->group_en);
        assert_true(has_cjk(m->name_zh));
        assert_ptr_equal(measures_name(m, LANG_EN), m->name_en);
    }
    assert_string_equal(measures_name(measure(state, 2), LANG_EN), "Distributed photovoltaics");
}

#define HDR "no\tgroup_zh\tgroup_en\tname_zh\tname_en\tdesc_zh\tscope_zh\n"
#define ROW1 "1\t甲\tA\t措施一\tOne\t简介\t范围\n"
#define ROW2 "2\t甲\tA\t措施二\tTwo\t简介\t范围\n"

static void
test_parse_ok(void **state)
{
    struct measure_lib *lib = NULL;
    char *cause = NULL;

    (void)state;
    assert_int_equal(measures_parse("forms/x.tsv", "# a comment\n" HDR ROW1 ROW2
                                    "3\t乙\tB\t措施三\tThree\t简介\t范围\n", &lib, &cause),
                     ERR_OK);
    assert_null(cause);
    assert_int_equal(lib->n, 3);
    assert_string_equal(measures_find(lib, 3)->group_zh, "乙");
    assert_string_equal(measures_find(lib, 2)->name_en, "Two");
    measures_free(lib);
    measures_free(NULL);
}

/* Each broken file is refused with its line: the comment is line 1, the header line 2 when given. */
static void
test_parse_errors(void **state)
{
    static const struct {
        const char *name, *text, *cause;
    } cases[] = {
        {"gap", HDR ROW1 "3\t甲\tA\t措施三\tThree\t简介\t范围\n",
         "forms/x.tsv:3: 序号 3 应为 2（从 1 起依次加一，不能跳号）"},
        {"starts at 0", "# c\n" HDR "0\t甲\tA\t措施\tOne\t简介\t范围\n",
         "forms/x.tsv:3: 序号 0 应为 1"},
        {"repeated", HDR ROW1 ROW1, "forms/x.tsv:3: 序号 1 应为 2"},
        {"not a number", HDR ROW1 "二\t甲\tA\t措施二\tTwo\t简介\t范围\n",
         "forms/x.tsv:3: 序号“二”不是正整数"},
        {"signed", HDR "+1\t甲\tA\t措施\tOne\t简介\t范围\n", "forms/x.tsv:2: 序号“+1”不是正整数"},
        {"empty name", "# c\n\n" HDR ROW1 "2\t甲\tA\t\tTwo\t简介\t范围\n",
         "forms/x.tsv:5: “name_zh”不能为空"},
        {"short row", HDR ROW1 "2\t甲\tA\t措施二\tTwo\t简介\n", "forms/x.tsv:3: “scope_zh”不能为空"},
        {"missing column", "no\tgroup_zh\tgroup_en\tname_zh\tname_en\tdesc_zh\n",
         "forms/x.tsv:1: 缺少列“scope_zh”"},
        {"no rows", "# c\n" HDR, "forms/x.tsv:2: 没有减排措施"},
        {"empty file", "", "forms/x.tsv:1: 缺少表头行"},
        {"group split", HDR ROW1 "2\t乙\tB\t措施二\tTwo\t简介\t范围\n"
                        "3\t甲\tA\t措施三\tThree\t简介\t范围\n",
         "forms/x.tsv:4: 类别“甲”已在序号 2 处结束，同类措施须相邻"},
        {"group renamed", HDR ROW1 "2\t甲\tB\t措施二\tTwo\t简介\t范围\n",
         "forms/x.tsv:3: 类别“甲”的英文名“B”与上一行的“A”不同"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct measure_lib *lib = (struct measure_lib *)&cases;   /* must be reset to NULL */
        char *cause = NULL;
        enum err e = measures_parse("forms/x.tsv", cases[i].text, &lib, &cause);

        if (e != ERR_DATA)
            fail_msg("%s: err %d, want ERR_DATA", cases[i].name, e);
        assert_null(lib);
        assert_non_null(cause);
        if (strstr(cause, cases[i].cause) == NULL)
            fail_msg("%s: cause “%s” lacks “%s”", cases[i].name, cause, cases[i].cause);
        free(cause);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_count_and_order),
        cmocka_unit_test(test_groups_and_names),
        cmocka_unit_test(test_cells_verbatim),
        cmocka_unit_test(test_cells_filled),
        cmocka_unit_test(test_parse_ok),
        cmocka_unit_test(test_parse_errors),
    };

    return cmocka_run_group_tests_name("measures", tests, setup, teardown);
}
