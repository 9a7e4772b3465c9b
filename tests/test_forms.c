/* test_forms.c - the built-in forms/ master copy (A.1–A.6 as the standard prints them, and the
 * walk-through of steps.tsv), the loader's error reporting on broken data files, and forms_validate
 * on typed values. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/forms.h"
#include "cjk_fixture.h"

/* Loads the built-in set as the group state. */
static int
setup(void **state)
{
    struct form_set *fs = NULL;
    char *cause = NULL;
    enum err e = forms_load(&fs, &cause);

    if (e != ERR_OK) {
        print_error("forms_load: %s\n", cause != NULL ? cause : "?");
        free(cause);
        return -1;
    }
    *state = fs;
    return 0;
}

static int
teardown(void **state)
{
    forms_free(*state);
    return 0;
}

static const struct form_def *
form(void **state, const char *id)
{
    const struct form_def *f = forms_get(*state, id);

    assert_non_null(f);
    return f;
}

static const struct field_def *
field(void **state, const char *id, const char *key)
{
    const struct field_def *fd = forms_field(form(state, id), key);

    if (fd == NULL)
        fail_msg("no field %s in %s", key, id);
    return fd;
}

static void
test_forms_in_order(void **state)
{
    static const struct {
        const char *id, *key, *zh, *title_zh, *title_en;
        enum form_kind kind;
        size_t nfields;
    } want[] = {
        {"A.1", "basic_info", "基本信息", "表A.1 基本信息", "Table A.1 Basic information", FK_RECORD, 13},
        {"A.2", "energy_use", "用能情况", "表A.2 用能情况", "Table A.2 Energy use", FK_COMPUTED, 5},
        {"A.3", "emission_sources", "碳排放源一览表", "表A.3 碳排放源一览表",
         "Table A.3 Emission sources", FK_GRID, 5},
        {"A.4", "emission_summary", "碳排放汇总表", "表A.4 碳排放汇总表",
         "Table A.4 Emission summary", FK_COMPUTED, 7},
        {"A.5", "activity_data", "碳排放活动水平数据", "表A.5 碳排放活动水平数据",
         "Table A.5 Activity data", FK_GRID, 10},
        {"A.6", "emission_factors", "排放因子数据", "表A.6 排放因子数据",
         "Table A.6 Emission factors", FK_GRID, 6},
        {"P.1", "perf", "碳绩效", "P.1 碳绩效", "P.1 Carbon performance", FK_COMPUTED, 7},
        {"P.2", "targets", "碳目标", "P.2 碳目标", "P.2 Carbon targets", FK_GRID, 11},
        {"P.3", "measures", "措施计划", "P.3 措施计划", "P.3 Measures plan", FK_GRID, 7},
        {"N.1", "renewables", "可再生能源与绿电", "N.1 可再生能源与绿电", "N.1 Renewables and green power",
         FK_GRID, 9},
        {"N.2", "offsets", "碳抵消", "N.2 碳抵消", "N.2 Offsets", FK_GRID, 20},
        {"N.3", "neutrality", "碳中和", "N.3 碳中和", "N.3 Carbon neutrality", FK_COMPUTED, 4},
        {"N.4", "neutral_plan", "碳中和计划与声明", "N.4 碳中和计划与声明",
         "N.4 Carbon-neutrality plan and statement", FK_RECORD, 8},
        {"E.1", "zero_carbon", "零碳机关评价", "E.1 零碳机关评价", "E.1 Zero-carbon office evaluation",
         FK_GRID, 12},
        {"E.2", "maturity", "成熟度评价", "E.2 碳排放管理体系成熟度评价",
         "E.2 Carbon-management maturity evaluation", FK_GRID, 9},
    };
    const struct form_set *fs = *state;
    size_t i;

    assert_int_equal(fs->nforms, sizeof(want) / sizeof(want[0]));
    for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        const struct form_def *f = &fs->forms[i];
        assert_string_equal(f->id, want[i].id);
        assert_string_equal(f->key, want[i].key);
        assert_string_equal(f->zh, want[i].zh);
        assert_string_equal(f->title_zh, want[i].title_zh);
        assert_string_equal(forms_title(f, LANG_ZH), want[i].title_zh);
        assert_string_equal(forms_title(f, LANG_EN), want[i].title_en);
        assert_int_equal(f->kind, want[i].kind);
        assert_int_equal(f->nfields, want[i].nfields);
        assert_ptr_equal(forms_get(fs, want[i].key), f);
    }
    assert_ptr_equal(forms_get(fs, " a.4 "), &fs->forms[3]);
    assert_null(forms_get(fs, "A.7"));
    assert_null(forms_get(fs, ""));
}

/* The walk-through of the terminal workbook: forms/steps.tsv, in its order, with its labels. */
static void
test_steps_in_order(void **state)
{
    static const struct {
        const char *id;
        enum step_kind kind;
        const char *sheet;   /* NULL: none */
        const char *short_zh, *short_en, *title_zh, *title_en;
        int is_form;
    } want[] = {
        {"A.1", SK_RECORD, "record", "基本信息", "Info", "表A.1 基本信息", "Table A.1 Basic information", 1},
        {"A.3", SK_GRID, "sources", "排放源", "Sources", "表A.3 碳排放源一览表",
         "Table A.3 Emission sources", 1},
        {"A.5", SK_GRID, "activity", "活动数据", "Activity", "表A.5 碳排放活动水平数据",
         "Table A.5 Activity data", 1},
        {"A.6", SK_GRID, "factors", "排放因子", "Factors", "表A.6 排放因子数据",
         "Table A.6 Emission factors", 1},
        {"A.2", SK_VIEW, "energy", "用能情况", "Energy", "表A.2 用能情况", "Table A.2 Energy use", 1},
        {"A.4", SK_VIEW, "summary", "排放汇总", "Summary", "表A.4 碳排放汇总表",
         "Table A.4 Emission summary", 1},
        {"P.1", SK_VIEW, "perf", "碳绩效", "Perf.", "P.1 碳绩效", "P.1 Carbon performance", 1},
        {"P.2", SK_GRID, "targets", "碳目标", "Targets", "P.2 碳目标", "P.2 Carbon targets", 1},
        {"P.3", SK_GRID, "measures", "措施计划", "Measures", "P.3 措施计划", "P.3 Measures plan", 1},
        {"N.1", SK_GRID, "renewables", "可再生能源", "Renew.", "N.1 可再生能源与绿电",
         "N.1 Renewables and green power", 1},
        {"N.2", SK_GRID, "offsets", "碳抵消", "Offsets", "N.2 碳抵消", "N.2 Offsets", 1},
        {"N.3", SK_VIEW, "neutrality", "碳中和", "Neutral.", "N.3 碳中和", "N.3 Carbon neutrality", 1},
        {"N.4", SK_RECORD, "pledge", "中和计划", "Pledge", "N.4 碳中和计划与声明",
         "N.4 Carbon-neutrality plan and statement", 1},
        {"E.1", SK_GRID, "zerocarbon", "零碳评价", "Zero-C.", "E.1 零碳机关评价",
         "E.1 Zero-carbon office evaluation", 1},
        {"E.2", SK_GRID, "maturity", "成熟度", "Maturity", "E.2 碳排放管理体系成熟度评价",
         "E.2 Carbon-management maturity evaluation", 1},
        {"export", SK_EXPORT, NULL, "导出", "Export", "导出 Excel 报表", "Export the Excel report", 0},
    };
    const struct form_set *fs = *state;
    size_t i;

    assert_int_equal(fs->nsteps, sizeof(want) / sizeof(want[0]));
    for (i = 0; i < fs->nsteps; i++) {
        const struct step_def *s = &fs->steps[i];
        assert_string_equal(s->id, want[i].id);
        assert_int_equal(s->kind, want[i].kind);
        if (want[i].sheet == NULL)
            assert_null(s->sheet);
        else
            assert_string_equal(s->sheet, want[i].sheet);
        assert_string_equal(s->short_zh, want[i].short_zh);
        assert_string_equal(s->short_en, want[i].short_en);
        assert_string_equal(forms_step_short(s, LANG_ZH), want[i].short_zh);
        assert_string_equal(forms_step_short(s, LANG_EN), want[i].short_en);
        assert_string_equal(forms_step_title(s, LANG_ZH), want[i].title_zh);
        assert_string_equal(forms_step_title(s, LANG_EN), want[i].title_en);
        if (want[i].is_form) {
            /* a form step shows its form and takes the form's title */
            assert_ptr_equal(s->form, forms_get(fs, want[i].id));
            assert_null(s->title_zh);
            assert_null(s->title_en);
        } else {
            assert_null(s->form);
            assert_string_equal(s->title_zh, want[i].title_zh);
        }
        assert_ptr_equal(forms_step(fs, want[i].id), s);
    }
    assert_ptr_equal(forms_step(fs, " EXPORT "), &fs->steps[15]);
    assert_null(forms_step(fs, "A.7"));
    assert_null(forms_step(fs, "basic_info"));   /* steps go by id, not by a form's key */
    assert_null(forms_step(fs, ""));
    assert_null(forms_step(fs, NULL));
}

/* Every field: its position, label as the standard writes it, and flags. */
static void
test_fields_verbatim(void **state)
{
    static const struct {
        const char *form, *key, *zh;
        enum field_type type;
        enum field_scope scope;
        const char *unit;
        int required, computed, in_table;
    } want[] = {
        {"A.1", "unit_name", "单位名称", FT_TEXT, FS_UNIT, NULL, 1, 0, 1},
        {"A.1", "uscc", "统一社会信用代码", FT_USCC, FS_UNIT, NULL, 0, 0, 1},
        {"A.1", "address", "地址", FT_TEXT, FS_UNIT, NULL, 1, 0, 1},
        {"A.1", "building_area", "建筑面积", FT_NUMBER, FS_YEAR, "m²", 1, 0, 1},
        {"A.1", "land_area", "占地面积", FT_NUMBER, FS_YEAR, "m²", 0, 0, 1},
        {"A.1", "co_located", "合署办公情况", FT_TEXT, FS_UNIT, NULL, 0, 0, 1},
        {"A.1", "contact", "联系人", FT_TEXT, FS_UNIT, NULL, 1, 0, 1},
        {"A.1", "phone", "联系电话", FT_TEXT, FS_UNIT, NULL, 1, 0, 1},
        {"A.1", "headcount", "用能人数", FT_INTEGER, FS_YEAR, "人", 1, 0, 0},
        {"A.1", "region", "所在省份", FT_TEXT, FS_UNIT, NULL, 0, 0, 0},
        {"A.1", "hdd", "采暖度日数", FT_NUMBER, FS_YEAR, "℃·d", 0, 0, 0},
        {"A.1", "cdd", "空调度日数", FT_NUMBER, FS_YEAR, "℃·d", 0, 0, 0},
        {"A.2", "total_tce", "年度综合能耗当量值(tce)", FT_NUMBER, FS_YEAR, "tce", 0, 1, 1},
        {"A.2", "energy_group", "主要能源消耗及数量", FT_TEXT, FS_ROW, NULL, 0, 1, 1},
        {"A.2", "energy_kind", "能源种类", FT_SOURCE, FS_ROW, NULL, 0, 1, 1},
        {"A.2", "consumption", "消耗量(单位)", FT_NUMBER, FS_ROW, NULL, 0, 1, 1},
        {"A.2", "energy_tce", "折标煤(tce)", FT_NUMBER, FS_ROW, "tce", 0, 1, 1},
        {"A.3", "category", "排放种类", FT_CATEGORY, FS_ROW, NULL, 1, 1, 1},
        {"A.3", "source", "排放源", FT_SOURCE, FS_ROW, NULL, 1, 0, 1},
        {"A.3", "facility", "排放设施名称", FT_TEXT, FS_ROW, NULL, 0, 0, 1},
        {"A.3", "location", "排放设施位置", FT_TEXT, FS_ROW, NULL, 0, 0, 1},
        {"A.3", "note", "备注", FT_TEXT, FS_ROW, NULL, 0, 0, 1},
        {"A.4", "total", "碳排放总量", FT_NUMBER, FS_YEAR, "tCO₂e", 0, 1, 1},
        {"A.4", "fossil", "化石燃料燃烧排放", FT_NUMBER, FS_YEAR, "tCO₂e", 0, 1, 1},
        {"A.4", "purchased", "净购入电力与热力产生的排放", FT_NUMBER, FS_YEAR, "tCO₂e", 0, 1, 1},
        {"A.4", "building_area", "建筑面积", FT_NUMBER, FS_YEAR, "m²", 0, 1, 1},
        {"A.4", "intensity", "单位建筑面积碳排放量", FT_NUMBER, FS_YEAR, "kgCO₂e/m²", 0, 1, 1},
        {"A.4", "headcount", "用能人数", FT_INTEGER, FS_YEAR, "人", 0, 1, 1},
        {"A.4", "per_capita", "人均碳排放量", FT_NUMBER, FS_YEAR, "tCO₂e/人", 0, 1, 1},
        {"A.5", "category", "排放种类", FT_CATEGORY, FS_ROW, NULL, 0, 1, 1},
        {"A.5", "source", "排放源", FT_SOURCE, FS_ROW, NULL, 1, 0, 1},
        {"A.5", "period", "期间", FT_PERIOD, FS_ROW, NULL, 1, 0, 0},
        {"A.5", "quantity", "数量", FT_NUMBER, FS_ROW, NULL, 1, 0, 0},
        {"A.5", "unit", "单位", FT_UNIT, FS_ROW, NULL, 1, 0, 0},
        {"A.5", "data", "数据", FT_TEXT, FS_ROW, NULL, 0, 1, 1},
        {"A.5", "data_source", "数据来源", FT_TEXT, FS_ROW, NULL, 0, 0, 1},
        {"A.5", "facility", "排放设施名称", FT_TEXT, FS_ROW, NULL, 0, 0, 0},
        {"A.5", "location", "排放设施位置", FT_TEXT, FS_ROW, NULL, 0, 0, 0},
        {"A.5", "note", "备注", FT_TEXT, FS_ROW, NULL, 0, 0, 0},
        {"A.6", "category", "排放种类", FT_CATEGORY, FS_ROW, NULL, 0, 1, 1},
        {"A.6", "source", "排放源", FT_SOURCE, FS_ROW, NULL, 1, 0, 1},
        {"A.6", "data", "数据", FT_NUMBER, FS_ROW, NULL, 1, 0, 1},
        {"A.6", "factor_unit", "单位", FT_TEXT, FS_ROW, NULL, 0, 1, 0},
        {"A.6", "data_source", "数据来源", FT_TEXT, FS_ROW, NULL, 1, 0, 1},
        {"A.6", "derivation", "推导", FT_TEXT, FS_ROW, NULL, 0, 1, 0},
    };
    size_t i, pos = 0;
    const char *prev = "";

    for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        const struct form_def *f = form(state, want[i].form);
        const struct field_def *fd = field(state, want[i].form, want[i].key);
        /* fields appear in the file's order, which is the order listed above */
        pos = strcmp(prev, want[i].form) == 0 ? pos + 1 : 0;
        prev = want[i].form;
        assert_ptr_equal(fd, &f->fields[pos]);
        assert_string_equal(fd->zh, want[i].zh);
        assert_string_equal(forms_label(fd, LANG_ZH), want[i].zh);
        assert_true(fd->en[0] != '\0');
        assert_string_equal(forms_label(fd, LANG_EN), fd->en);
        assert_int_equal(fd->type, want[i].type);
        assert_int_equal(fd->scope, want[i].scope);
        if (want[i].unit == NULL)
            assert_null(fd->unit);
        else
            assert_string_equal(fd->unit, want[i].unit);
        assert_int_equal(fd->required, want[i].required);
        assert_int_equal(fd->computed, want[i].computed);
        assert_int_equal(fd->in_table, want[i].in_table);
        /* the one field asked for without being required ("asked" in forms/) */
        assert_int_equal(fd->asked, strcmp(want[i].key, "uscc") == 0);
        assert_non_null(fd->help_zh);
        assert_non_null(fd->help_en);
        if (!fd->computed) /* everything a person types explains itself */
            assert_true(fd->help_zh[0] != '\0' && fd->help_en[0] != '\0');
    }
}

/* The printed columns (in_table) are exactly the standard's headers. */
static void
test_printed_columns(void **state)
{
    static const struct {
        const char *form;
        const char *cols[6];
    } want[] = {
        {"A.3", {"排放种类", "排放源", "排放设施名称", "排放设施位置", "备注", NULL}},
        {"A.5", {"排放种类", "排放源", "数据", "数据来源", NULL}},
        {"A.6", {"排放种类", "排放源", "数据", "数据来源", NULL}},
    };
    size_t i, j, k;

    for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        const struct form_def *f = form(state, want[i].form);
        for (j = 0, k = 0; j < f->nfields; j++) {
            if (!f->fields[j].in_table)
                continue;
            assert_non_null(want[i].cols[k]);
            assert_string_equal(f->fields[j].zh, want[i].cols[k]);
            k++;
        }
        assert_null(want[i].cols[k]);
    }
}

static void
test_a1_cli_and_limits(void **state)
{
    static const struct {
        const char *key, *cli;
        double min, max;
    } want[] = {
        {"unit_name", "unit", 0, 100},
        {"address", "address", 0, 200},
        {"building_area", "area", 0, 10000000},   /* min ">0": 0 itself refused */
        {"land_area", "land-area", 0, 100000000},
        {"co_located", "co-located", 0, 200},
        {"contact", "contact", 0, 50},
        {"phone", "phone", 0, 40},
        {"headcount", "headcount", 0, 1000000},
        {"region", "region", 0, 20},
    };
    size_t i;

    for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        const struct field_def *fd = field(state, "A.1", want[i].key);
        assert_non_null(fd->cli);
        assert_string_equal(fd->cli, want[i].cli);
        assert_true(fd->min == want[i].min);
        assert_true(fd->max == want[i].max);
    }
    assert_true(field(state, "A.1", "building_area")->min_open);
    assert_false(field(state, "A.1", "land_area")->min_open);
    assert_true(field(state, "A.5", "quantity")->max == 1e9);
    assert_true(field(state, "A.5", "quantity")->min == 0);
    /* computed numbers carry no limits (0/0) */
    assert_true(field(state, "A.4", "total")->max == 0);
}

/* `tanbook set --entry` writes A.3's three texts; the category and source have no option. */
static void
test_a3_cli(void **state)
{
    static const struct {
        const char *key, *cli;
        double max;
    } want[] = {
        {"category", NULL, 0},
        {"source", NULL, 0},
        {"facility", "facility", 100},
        {"location", "location", 100},
        {"note", "note", 200},
    };
    size_t i;

    for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        const struct field_def *fd = field(state, "A.3", want[i].key);
        if (want[i].cli == NULL) {
            assert_null(fd->cli);
        } else {
            assert_non_null(fd->cli);
            assert_string_equal(fd->cli, want[i].cli);
        }
        assert_true(fd->max == want[i].max);
    }
}

static void
test_field_match(void **state)
{
    static const struct {
        const char *form, *name, *key; /* key NULL: no match */
    } cases[] = {
        {"A.5", "期间", "period"},
        {"A.5", "PERIOD", "period"},
        {"A.5", " period ", "period"},
        {"A.5", "数据来源", "data_source"},
        {"A.5", "Data Source", "data_source"},
        {"A.5", "data_source", "data_source"},
        {"A.5", "\xe3\x80\x80数量\xe3\x80\x80", "quantity"},   /* U+3000 around */
        {"A.5", "单位", "unit"},
        {"A.5", "数据", "data"},
        {"A.5", "排放种类", "category"},
        {"A.1", "建筑面积", "building_area"},
        {"A.1", "Building floor area", "building_area"},
        {"A.5", "期", NULL},
        {"A.5", "", NULL},
        {"A.5", "   ", NULL},
        {"A.5", "period2", NULL},
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct field_def *fd = forms_field_match(form(state, cases[i].form), cases[i].name);
        if (cases[i].key == NULL) {
            if (fd != NULL)
                fail_msg("“%s” matched %s", cases[i].name, fd->key);
        } else {
            if (fd == NULL)
                fail_msg("“%s” matched nothing", cases[i].name);
            assert_string_equal(fd->key, cases[i].key);
        }
    }
    assert_null(forms_field(form(state, "A.5"), "PERIOD"));   /* forms_field is exact */
}

static void
test_validate(void **state)
{
    static const struct {
        const char *form, *key, *text;
        enum err err;
        double num;          /* when ERR_OK */
        const char *cause;   /* substring, when refused */
    } cases[] = {
        {"A.1", "building_area", "12.5", ERR_OK, 12.5, NULL},
        {"A.1", "building_area", " 3,200 ", ERR_OK, 3200, NULL},
        /* 0 m² is no area (the intensity divides by it): refused, with what to do instead */
        {"A.1", "building_area", "0", ERR_INPUT, 0, "“建筑面积”须大于 0；不知道时请留空"},
        {"A.1", "building_area", "0.0", ERR_INPUT, 0, "须大于 0"},
        {"A.1", "building_area", "0.01", ERR_OK, 0.01, NULL},
        {"A.1", "building_area", "-0", ERR_INPUT, 0, "须大于 0"},
        {"A.1", "building_area", "10000000", ERR_OK, 1e7, NULL},
        {"A.1", "building_area", "１２３。５", ERR_OK, 123.5, NULL},
        {"A.1", "building_area", "-5", ERR_INPUT, 0, "“建筑面积”不能为负数"},
        {"A.1", "building_area", "－5", ERR_INPUT, 0, "不能为负数"},
        {"A.1", "building_area", "abc", ERR_INPUT, 0, "“建筑面积”"},
        {"A.1", "building_area", "12 m²", ERR_INPUT, 0, "不是有效的数字"},
        {"A.1", "building_area", "1e20", ERR_INPUT, 0, "“建筑面积”数值过大（最大 10000000）"},
        {"A.1", "building_area", "10000000.5", ERR_INPUT, 0, "数值过大"},
        {"A.1", "building_area", "", ERR_INPUT, 0, "请填写“建筑面积”"},
        {"A.1", "building_area", "  ", ERR_INPUT, 0, "请填写"},
        {"A.1", "building_area", "nan", ERR_INPUT, 0, "不是有效的数字"},
        {"A.1", "headcount", "120", ERR_OK, 120, NULL},
        {"A.1", "headcount", "12.5", ERR_INPUT, 0, "“用能人数”须为整数"},
        {"A.1", "headcount", "1e3", ERR_OK, 1000, NULL},
        {"A.1", "headcount", "-1", ERR_INPUT, 0, "“用能人数”不能为负数"},
        {"A.1", "headcount", "1000001", ERR_INPUT, 0, "数值过大（最大 1000000）"},
        {"A.5", "quantity", "1,000,000,000", ERR_OK, 1e9, NULL},
        {"A.5", "quantity", "1000000001", ERR_INPUT, 0, "“数量”数值过大（最大 1000000000）"},
        {"A.4", "total", "-3", ERR_OK, -3, NULL},   /* no limits: 0/0 */
        {"A.1", "unit_name", "", ERR_OK, 0, NULL},  /* blank text: completeness is checked elsewhere */
        {"A.1", "unit_name", "某某县机关事务管理局", ERR_OK, 0, NULL},
        {"A.1", "phone", "0571-87654321", ERR_OK, 0, NULL},
        /* 40 characters are allowed, 41 are not */
        {"A.1", "phone", "1234567890123456789012345678901234567890", ERR_OK, 0, NULL},
        {"A.1", "phone", "12345678901234567890123456789012345678901", ERR_INPUT, 0, "“联系电话”太长（最多 40"},
        {"A.1", "region", "浙江浙江浙江浙江浙江浙江浙江浙江浙江浙江", ERR_OK, 0, NULL},   /* 20 chars */
        {"A.1", "region", "浙江浙江浙江浙江浙江浙江浙江浙江浙江浙江省", ERR_INPUT, 0, "现有 21 个"},
        {"A.1", "address", "\xff\xfe", ERR_INPUT, 0, "UTF-8"},
        {"A.1", "address", "\xed\xa0\x80", ERR_INPUT, 0, "UTF-8"},   /* a lone surrogate */
        /* controls, whatever the type: every field is one line (a tab inside too); named by code
           point. Blanks around the text are trimmed first, so "x\n" is "x". */
        {"A.1", "unit_name", "示例\v单位", ERR_INPUT, 0,
         "“单位名称”含有控制字符 U+000B（粘贴来的文字中常有），请删去"},
        {"A.1", "unit_name", "a\tb", ERR_INPUT, 0, "控制字符 U+0009"},
        {"A.1", "unit_name", "a\nb", ERR_INPUT, 0, "控制字符 U+000A"},
        {"A.1", "unit_name", "a\r\nb", ERR_INPUT, 0, "控制字符 U+000D"},
        {"A.1", "unit_name", "\x1b[2J", ERR_INPUT, 0, "控制字符 U+001B"},
        {"A.1", "unit_name", "x\x7f", ERR_INPUT, 0, "控制字符 U+007F"},
        {"A.1", "unit_name", "x\xc2\x9b" "31m", ERR_INPUT, 0, "控制字符 U+009B"},
        {"A.1", "unit_name", "x\xc2\x80", ERR_INPUT, 0, "控制字符 U+0080"},
        {"A.1", "unit_name", "x\xef\xbf\xbf", ERR_INPUT, 0, "“单位名称”含有非字符 U+FFFF，请删去"},
        {"A.1", "unit_name", "x\xef\xbf\xbe", ERR_INPUT, 0, "非字符 U+FFFE"},
        {"A.1", "unit_name", "\t示例单位\r\n", ERR_OK, 0, NULL},
        {"A.1", "unit_name", "x\xc2\xa0y", ERR_OK, 0, NULL},        /* U+00A0 is text */
        {"A.1", "building_area", "12\v", ERR_INPUT, 0, "“建筑面积”含有控制字符 U+000B"},
        {"A.5", "quantity", "1\x1b" "00", ERR_INPUT, 0, "“数量”含有控制字符 U+001B"},
        {"A.5", "period", "2024-0\b3", ERR_INPUT, 0, "“期间”含有控制字符 U+0008"},
        {"A.5", "unit", "kW\ah", ERR_INPUT, 0, "“单位”含有控制字符 U+0007"},
        {"A.5", "source", "天然\x1b气", ERR_INPUT, 0, "控制字符 U+001B"},
        {"A.5", "note", "见\v附件", ERR_INPUT, 0, "“备注”含有控制字符 U+000B"},
        {"A.5", "unit", "kWh", ERR_OK, 0, NULL},
        {"A.5", "unit", " 万立方米 ", ERR_OK, 0, NULL},
        {"A.5", "unit", "furlong", ERR_INPUT, 0, "“单位”：无法识别的单位“furlong”（可用 kWh"},
        {"A.5", "unit", "", ERR_INPUT, 0, "请填写“单位”"},
        {"A.5", "period", "2024-03", ERR_OK, 0, NULL},
        {"A.5", "period", "2024年第1季度", ERR_OK, 0, NULL},
        {"A.5", "period", "2024-13", ERR_INPUT, 0, "“期间”："},
        {"A.5", "period", "", ERR_INPUT, 0, "请填写“期间”"},
        {"A.5", "source", "天然气", ERR_OK, 0, NULL},
        {"A.5", "source", "", ERR_INPUT, 0, "请填写“排放源”"},
        {"A.6", "data", "0.5306", ERR_OK, 0.5306, NULL},
        /* 统一社会信用代码 (GB 32100—2015): the standard's example is valid; blank is allowed (the
           check warns); a wrong 18th character is refused naming the right one (…Y43: Σ C(i)·W(i)
           mod 31 = 28, C18 = 31 − 28 = 3) */
        {"A.1", "uscc", "91350100M000100Y43", ERR_OK, 0, NULL},
        {"A.1", "uscc", " 91350100M000100Y43 ", ERR_OK, 0, NULL},
        {"A.1", "uscc", "", ERR_OK, 0, NULL},
        {"A.1", "uscc", "91350100M000100Y44", ERR_INPUT, 0,
         "“统一社会信用代码”的校验码（第 18 位）应为“3”，而不是“4”"},
        {"A.1", "uscc", "91350100M000100Y4", ERR_INPUT, 0, "“统一社会信用代码”须为 18 位，现有 17 位"},
        {"A.1", "uscc", "91350100m000100Y43", ERR_INPUT, 0, "字母须为大写（第 9 位是“m”）"},
        {"A.1", "uscc", "91350100O000100Y43", ERR_INPUT, 0, "不用字符“O”（第 9 位）"},
        {"A.1", "uscc", "9135010０M000100Y43", ERR_INPUT, 0, "只用数字和大写字母，第 8 位不是"},
        {"A.1", "uscc", "91A50100M000100Y43", ERR_INPUT, 0, "第 3–8 位（登记管理机关行政区划码）须为数字"},
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct field_def *fd = field(state, cases[i].form, cases[i].key);
        char *cause = NULL;
        double num = 99;
        enum err e = forms_validate(fd, cases[i].text, &num, &cause);

        if (e != cases[i].err)
            fail_msg("case %zu (%s “%s”): err %d, want %d (%s)", i, cases[i].key, cases[i].text,
                     e, cases[i].err, cause != NULL ? cause : "-");
        if (e == ERR_OK) {
            assert_null(cause);
            assert_true(fabs(num - cases[i].num) <= 1e-9 * fmax(1, fabs(cases[i].num)));
            assert_false(signbit(num) && num == 0);
        } else {
            assert_non_null(cause);
            if (strstr(cause, cases[i].cause) == NULL)
                fail_msg("case %zu: cause “%s” lacks “%s”", i, cause, cases[i].cause);
            free(cause);
        }
    }
}

/* The same refusals in English: every reason, with the field's English label. */
static void
test_validate_english(void **state)
{
    static const struct {
        const char *form, *key, *text;
        const char *cause;   /* the whole message */
    } cases[] = {
        {"A.1", "building_area", "abc", "Building floor area: “abc” is not a number"},
        {"A.1", "building_area", "12 m²", "Building floor area: “12 m²” is not a number"},
        {"A.1", "building_area", "-5", "Building floor area cannot be negative"},
        {"A.1", "building_area", "1e20", "Building floor area is too large (at most 10000000)"},
        {"A.1", "building_area", " ", "Please fill in Building floor area"},
        {"A.1", "headcount", "12.5", "Energy users must be a whole number"},
        {"A.1", "uscc", "91350100M000100Y44", "Social credit code: the check character (the 18th) "
                                              "should be “3”, not “4”; check the first 17 for a typing error"},
        {"A.1", "uscc", "913501", "Social credit code must be 18 characters, not 6"},
        {"A.5", "quantity", "1000000001", "Quantity is too large (at most 1000000000)"},
        {"A.1", "phone", "12345678901234567890123456789012345678901",
         "Phone is too long (at most 40 characters, not 41)"},
        {"A.1", "address", "\xff\xfe", "Address contains invalid characters (not UTF-8 text)"},
        {"A.1", "address", "a\vb", "Address contains the control character U+000B (pasted text "
                                    "often does); remove it"},
        {"A.1", "address", "a\xef\xbf\xbf", "Address contains the noncharacter U+FFFF; remove it"},
        {"A.5", "unit", "furlong", "Unit: unknown unit “furlong” (use kWh, MWh, 10⁴kWh, GJ, MJ, "
                                   "m³, 10⁴m³, L, t, kg)"},
        {"A.5", "period", "2024-13", "Period: “2024-13” is not a period; use a year (2024), a "
                                     "quarter (2024-Q1) or a month (2024-03), years 1990–2100"},
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct field_def *fd = field(state, cases[i].form, cases[i].key);
        char *cause = NULL;
        double num = 99;

        assert_int_equal(forms_validate_lang(fd, cases[i].text, LANG_EN, &num, &cause), ERR_INPUT);
        assert_non_null(cause);
        assert_string_equal(cause, cases[i].cause);
        assert_false(has_cjk(cause));
        free(cause);
        /* forms_validate is the Chinese one */
        assert_int_equal(forms_validate_lang(fd, cases[i].text, LANG_ZH, &num, &cause), ERR_INPUT);
        assert_true(has_cjk(cause));
        free(cause);
    }
}

/*
 * What an English screen shows from forms/ is English: every form's title, every field's label,
 * column head and help, every step's labels. A column head is its short label where the file
 * gives one (A.3's source column: "Source", not "Emission source").
 */
static void
test_english_texts(void **state)
{
    const struct form_set *fs = *state;
    size_t i, j;

    for (i = 0; i < fs->nforms; i++) {
        const struct form_def *f = &fs->forms[i];

        assert_false(has_cjk(f->en));
        assert_false(has_cjk(forms_title(f, LANG_EN)));
        for (j = 0; j < f->nfields; j++) {
            const struct field_def *fd = &f->fields[j];

            if (has_cjk(fd->en) || has_cjk(forms_short(fd, LANG_EN)) || has_cjk(fd->help_en))
                fail_msg("%s %s: Chinese in its English texts", f->id, fd->key);
            assert_string_equal(forms_short(fd, LANG_ZH),
                                fd->short_zh != NULL ? fd->short_zh : fd->zh);
        }
    }
    for (i = 0; i < fs->nsteps; i++) {
        assert_false(has_cjk(forms_step_short(&fs->steps[i], LANG_EN)));
        assert_false(has_cjk(forms_step_title(&fs->steps[i], LANG_EN)));
    }
    assert_string_equal(forms_short(field(state, "A.3", "source"), LANG_EN), "Source");
    assert_string_equal(forms_short(field(state, "A.3", "source"), LANG_ZH), "排放源");
    assert_string_equal(forms_short(field(state, "A.6", "data"), LANG_EN), "Factor");
    assert_string_equal(forms_short(field(state, "A.2", "energy_tce"), LANG_EN), "Coal eq. (tce)");
    /* a field without a short label heads its column with its label */
    assert_string_equal(forms_short(field(state, "A.5", "data_source"), LANG_EN), "Data source");
}

/* ---- forms_parse on in-memory files ---- */

#define IHDR "id\tkey\tzh\ten\ttitle_zh\ttitle_en\tkind\tfile\n"
#define IROW1 "A.1\tbasic\t基本\tBasic\t表A.1 基本\tTable A.1 Basic\trecord\tx.tsv\n"
#define FHDR "key\tzh\ten\ttype\tscope\tunit\trequired\tcomputed\tin_table\tmin\tmax\tcli\thelp_zh\thelp_en\n"
#define FCOMMENT "# a comment\n"
#define FROW_AREA "area\t面积\tArea\tnumber\tyear\tm²\t1\t0\t1\t0\t10\tarea\t帮助\thelp\n"
#define FROW_NAME "name\t名称\tName\ttext\tunit\t\t1\t0\t1\t\t30\t\t帮助\thelp\n"
#define SHDR "id\tkind\tsheet\tshort_zh\tshort_en\ttitle_zh\ttitle_en\n"
#define SROW1 "A.1\trecord\trecord\t基本\tBasic\t\t\n"
#define SROW_EXPORT "export\texport\t\t导出\tExport\t导出报表\tExport the report\n"

struct files {
    const char *x, *y, *steps;   /* texts of x.tsv, y.tsv and steps.tsv (NULL: absent) */
};

static const char *
get_file(const char *name, void *ctx)
{
    const struct files *f = ctx;

    if (strcmp(name, "x.tsv") == 0)
        return f->x;
    if (strcmp(name, "y.tsv") == 0)
        return f->y;
    if (strcmp(name, "steps.tsv") == 0)
        return f->steps;
    return NULL;
}

static void
test_parse_ok(void **state)
{
    /* columns in another order, a blank line and a comment, a short row (missing trailing cells) */
    static const char x[] =
        "zh\tkey\ten\ttype\tscope\tunit\trequired\tcomputed\tin_table\tmin\tmax\thelp_en\thelp_zh\tcli\n"
        "# comment\n"
        "\n"
        "面积\tarea\tArea\tnumber\tyear\t万kWh\t1\t0\t1\t-5\t10.5\thelp\t帮助\tarea\n"
        "名称\tname\tName\ttext\tunit\t\t0\t1\t0\t\t30\n";
    static const char y[] = FHDR "v\t值\tValue\tinteger\trow\t\t0\t0\t1\t\t\t\t\t\n";
    static const char index[] = "# forms\n" IHDR IROW1
        "A.2\tgrid\t表格\tGrid\t表A.2 表格\tTable A.2 Grid\tgrid\ty.tsv\n";
    /* columns in another order, a short row, a comment; the export step goes first here */
    static const char steps[] =
        "\xef\xbb\xbf# steps\n"
        "kind\tid\tsheet\tshort_zh\tshort_en\ttitle_en\ttitle_zh\n"
        "export\tout\t\t导出\tExport\tExport it\t导出它\n"
        "grid\tA.2\tgrid_one\t表格\tGrid\n"
        "record\tA.1\trecord\t基本\tBasic\t\t\n";
    struct files files = {x, y, steps};
    const struct step_def *st;
    struct form_set *fs = NULL;
    char *cause = NULL;
    const struct field_def *fd;

    (void)state;
    assert_int_equal(forms_parse(index, get_file, &files, &fs, &cause), ERR_OK);
    assert_null(cause);
    assert_int_equal(fs->nforms, 2);
    assert_int_equal(fs->forms[0].nfields, 2);
    fd = &fs->forms[0].fields[0];
    assert_string_equal(fd->key, "area");
    assert_string_equal(fd->zh, "面积");
    assert_string_equal(fd->unit, "万kWh");
    assert_string_equal(fd->cli, "area");
    assert_string_equal(fd->help_zh, "帮助");
    assert_string_equal(fd->help_en, "help");
    assert_true(fd->min == -5 && fd->max == 10.5);
    fd = &fs->forms[0].fields[1];
    assert_string_equal(fd->key, "name");
    assert_int_equal(fd->type, FT_TEXT);
    assert_int_equal(fd->required, 0);
    assert_int_equal(fd->computed, 1);
    assert_int_equal(fd->in_table, 0);
    assert_null(fd->unit);
    assert_null(fd->cli);
    assert_string_equal(fd->help_zh, "");
    assert_true(fd->max == 30);
    assert_int_equal(fs->forms[1].kind, FK_GRID);
    assert_int_equal(fs->forms[1].fields[0].type, FT_INTEGER);
    assert_int_equal(fs->forms[1].fields[0].scope, FS_ROW);
    assert_int_equal(fs->nsteps, 3);
    st = &fs->steps[0];
    assert_string_equal(st->id, "out");
    assert_int_equal(st->kind, SK_EXPORT);
    assert_null(st->sheet);
    assert_null(st->form);
    assert_string_equal(forms_step_title(st, LANG_ZH), "导出它");
    assert_string_equal(forms_step_title(st, LANG_EN), "Export it");
    st = &fs->steps[1];
    assert_string_equal(st->id, "A.2");
    assert_int_equal(st->kind, SK_GRID);
    assert_string_equal(st->sheet, "grid_one");
    assert_ptr_equal(st->form, &fs->forms[1]);
    assert_null(st->title_zh);
    assert_string_equal(forms_step_title(st, LANG_EN), "Table A.2 Grid");
    assert_string_equal(forms_step_short(st, LANG_ZH), "表格");
    assert_ptr_equal(forms_step(fs, "A.1"), &fs->steps[2]);
    assert_ptr_equal(fs->steps[2].form, &fs->forms[0]);
    forms_free(fs);

    /* -5 is below min -5? no: min -5 allows -5, refuses -5.5 with the general message */
    assert_int_equal(forms_parse(index, get_file, &files, &fs, &cause), ERR_OK);
    {
        double num;
        assert_int_equal(forms_validate(&fs->forms[0].fields[0], "-5", &num, &cause), ERR_OK);
        assert_true(num == -5);
        assert_int_equal(forms_validate(&fs->forms[0].fields[0], "-5.5", &num, &cause), ERR_INPUT);
        assert_string_equal(cause, "“面积”不能小于 -5");
        free(cause);
    }
    forms_free(fs);
}

static void
test_parse_errors(void **state)
{
    static const struct {
        const char *name;
        const char *index, *x;
        const char *cause;   /* expected substring: FILE:LINE and the reason */
    } cases[] = {
        {"unknown type", IHDR IROW1,
         FHDR FCOMMENT "area\t面积\tArea\tfloat\tyear\tm²\t1\t0\t1\t0\t10\t\t\t\n",
         "forms/x.tsv:3: 未知的类型“float”"},
        {"duplicate key", IHDR IROW1, FHDR FROW_AREA FCOMMENT FROW_NAME
         "area\t面积2\tArea 2\tnumber\tyear\tm²\t0\t0\t1\t0\t10\t\t\t\n",
         "forms/x.tsv:5: key“area”重复"},
        {"duplicate label", IHDR IROW1, FHDR FROW_AREA "area2\t面积\tArea 2\tnumber\tyear\t\t0\t0\t1\t\t\t\t\t\n",
         "forms/x.tsv:3: 名称“面积”"},
        {"duplicate cli", IHDR IROW1, FHDR FROW_AREA "b\t乙\tB\ttext\tunit\t\t0\t0\t1\t\t\tarea\t\t\n",
         "forms/x.tsv:3: 命令行选项名“area”重复"},
        {"cli shared by two forms", IHDR IROW1 "A.2\tc\t乙\tB\t表A.2 乙\tT A.2\trecord\tx.tsv\n",
         FHDR FROW_AREA, "forms/forms.tsv:3: 表单 A.2 字段 area 的命令行选项名“area”已用于表单 A.1"},
        {"missing column", IHDR IROW1,
         FCOMMENT "key\tzh\ten\ttype\tunit\trequired\tcomputed\tin_table\tmin\tmax\tcli\thelp_zh\thelp_en\n",
         "forms/x.tsv:2: 缺少列“scope”"},
        {"unknown column", IHDR IROW1,
         "key\tzh\ten\ttype\tscope\tcolour\tunit\trequired\tcomputed\tin_table\tmin\tmax\tcli\thelp_zh\thelp_en\n",
         "forms/x.tsv:1: 未知的列“colour”"},
        {"duplicate column", IHDR IROW1,
         "key\tzh\ten\ttype\tscope\tunit\trequired\tcomputed\tin_table\tmin\tmax\tcli\thelp_zh\thelp_en\tzh\n",
         "forms/x.tsv:1: 列“zh”重复"},
        {"min > max", IHDR IROW1, FHDR FROW_NAME "area\t面积\tArea\tnumber\tyear\tm²\t1\t0\t1\t10\t5\t\t\t\n",
         "forms/x.tsv:3: min 10 大于 max 5"},
        {"one-sided limit", IHDR IROW1, FHDR "area\t面积\tArea\tnumber\tyear\t\t1\t0\t1\t0\t\t\t\t\n",
         "forms/x.tsv:2: min 与 max 须同时给出"},
        {"bad limit", IHDR IROW1, FHDR "area\t面积\tArea\tnumber\tyear\t\t1\t0\t1\t0\tten\t\t\t\n",
         "forms/x.tsv:2: max“ten”不是数字"},
        {"limits on a period", IHDR IROW1, FHDR "p\t期间\tPeriod\tperiod\tunit\t\t1\t0\t1\t0\t1\t\t\t\n",
         "forms/x.tsv:2: period 类型的字段不用 min/max"},
        {"bad unit", IHDR IROW1, FHDR "area\t面积\tArea\tnumber\tyear\tfurlong\t1\t0\t1\t0\t10\t\t\t\n",
         "forms/x.tsv:2: 未知的单位“furlong”"},
        {"unit on text", IHDR IROW1, FHDR "n\t名\tN\ttext\tunit\tm²\t1\t0\t1\t\t\t\t\t\n",
         "forms/x.tsv:2: 只有数字字段带单位"},
        {"bad flag", IHDR IROW1, FHDR "n\t名\tN\ttext\tunit\t\tyes\t0\t1\t\t\t\t\t\n",
         "forms/x.tsv:2: required 须为 0、1 或 asked，而不是“yes”"},
        {"bad flag", IHDR IROW1, FHDR "n\t名\tN\ttext\tunit\t\t1\tyes\t1\t\t\t\t\t\n",
         "forms/x.tsv:2: computed 须为 0 或 1"},
        {"bad scope", IHDR IROW1, FHDR "n\t名\tN\ttext\tmonth\t\t1\t0\t1\t\t\t\t\t\n",
         "forms/x.tsv:2: 未知的范围“month”"},
        {"row in a record", IHDR IROW1, FHDR "n\t名\tN\ttext\trow\t\t1\t0\t1\t\t\t\t\t\n",
         "forms/x.tsv:2: 记录(record)的字段 n 不能用 row 范围"},
        {"empty zh", IHDR IROW1, FHDR "n\t\tN\ttext\tunit\t\t1\t0\t1\t\t\t\t\t\n",
         "forms/x.tsv:2: 字段 n 缺少中文名称"},
        {"empty en", IHDR IROW1, FHDR FROW_AREA "n\t名\t \ttext\tunit\t\t1\t0\t1\t\t\t\t\t\n",
         "forms/x.tsv:3: 字段 n 缺少英文名称"},
        {"bad key", IHDR IROW1, FHDR "Bad Key\t名\tN\ttext\tunit\t\t1\t0\t1\t\t\t\t\t\n",
         "forms/x.tsv:2: key“Bad Key”"},
        {"too many cells", IHDR IROW1, FHDR "n\t名\tN\ttext\tunit\t\t1\t0\t1\t\t\t\t\t\textra\n",
         "forms/x.tsv:2: 有 15 列，表头只有 14 列"},
        {"no fields", IHDR IROW1, FCOMMENT FHDR FCOMMENT, "forms/x.tsv:2: 表单 A.1 没有字段"},
        {"empty file", IHDR IROW1, "", "forms/x.tsv:1: 缺少表头行"},
        {"unterminated quote", IHDR IROW1, FHDR "n\t名\tN\ttext\tunit\t\t1\t0\t1\t\t\t\t\"help\n",
         "forms/x.tsv:2: 引号未闭合"},
        {"bad utf-8", IHDR IROW1, FHDR FROW_AREA "n\t\xc3\x28\tN\ttext\tunit\t\t1\t0\t1\t\t\t\t\t\n",
         "forms/x.tsv:3: 不是有效的 UTF-8"},
        {"unknown kind", IHDR "A.1\tb\t基本\tBasic\t表A.1 基本\tT A.1\ttable\tx.tsv\n", FHDR FROW_AREA,
         "forms/forms.tsv:2: 未知的表单类别“table”"},
        /* the order is steps.tsv's alone: forms.tsv has no step column any more */
        {"index with a step column", "id\tkey\tzh\ten\ttitle_zh\ttitle_en\tkind\tstep\tfile\n"
         "A.1\tbasic\t基本\tBasic\t表A.1 基本\tTable A.1 Basic\trecord\t1\tx.tsv\n",
         FHDR FROW_AREA, "forms/forms.tsv:1: 未知的列“step”"},
        {"duplicate key", IHDR IROW1 "A.2\tbasic\t乙\tB\t表A.2 乙\tT A.2\trecord\tx.tsv\n",
         FHDR FROW_AREA, "forms/forms.tsv:3: 表单 key“basic”重复"},
        {"duplicate id", "# c\n" IHDR IROW1 "A.1\tc\t乙\tB\t表A.2 乙\tT A.2\trecord\tx.tsv\n",
         FHDR FROW_AREA, "forms/forms.tsv:4: 表单编号“A.1”重复"},
        {"missing file", IHDR "A.1\tb\t基本\tBasic\t表A.1 基本\tT A.1\trecord\tz.tsv\n", FHDR FROW_AREA,
         "forms/forms.tsv:2: 找不到字段文件“z.tsv”"},
        {"no forms", "# only a comment\n" IHDR, FHDR FROW_AREA, "forms/forms.tsv:2: 没有表单"},
        {"index missing column", "id\tkey\tzh\ten\ttitle_zh\ttitle_en\tfile\n", FHDR FROW_AREA,
         "forms/forms.tsv:1: 缺少列“kind”"},
        {"error in second form", IHDR IROW1 "A.2\tc\t乙\tB\t表A.2 乙\tT A.2\tgrid\ty.tsv\n",
         FHDR FROW_AREA, "forms/forms.tsv:3: 找不到字段文件“y.tsv”"},
        {"grid field not row", IHDR "A.1\tb\t基本\tBasic\t表A.1 基本\tT A.1\tgrid\tx.tsv\n", FHDR FROW_AREA,
         "forms/x.tsv:2: 表格(grid)的字段 area 的范围须为 row"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct files files = {cases[i].x, NULL, SHDR SROW1};
        struct form_set *fs = (struct form_set *)&files;   /* must be reset to NULL */
        char *cause = NULL;
        enum err e = forms_parse(cases[i].index, get_file, &files, &fs, &cause);

        if (e != ERR_DATA)
            fail_msg("%s: err %d, want ERR_DATA", cases[i].name, e);
        assert_null(fs);
        assert_non_null(cause);
        if (strstr(cause, cases[i].cause) == NULL)
            fail_msg("%s: cause “%s” lacks “%s”", cases[i].name, cause, cases[i].cause);
        free(cause);
    }
}

/* steps.tsv's refusals, against an index of a record (A.1), a grid (A.2) and a computed form (A.3). */
static void
test_steps_errors(void **state)
{
    static const char index[] = IHDR IROW1
        "A.2\tgrid\t表格\tGrid\t表A.2 表格\tTable A.2 Grid\tgrid\ty.tsv\n"
        "A.3\tcalc\t计算\tComputed\t表A.3 计算\tTable A.3 Computed\tcomputed\ty.tsv\n";
    static const char y[] = FHDR "v\t值\tValue\tinteger\trow\t\t0\t0\t1\t\t\t\t\t\n";
    static const struct {
        const char *name;
        const char *steps;   /* NULL: no steps.tsv */
        const char *cause;   /* expected substring: FILE:LINE and the reason */
    } cases[] = {
        {"unknown kind", SHDR "A.1\ttable\trecord\t基本\tBasic\t\t\n",
         "forms/steps.tsv:2: 未知的步骤类别“table”（可用 record、grid、view、export）"},
        {"duplicate id", SHDR SROW1 SROW_EXPORT SROW1, "forms/steps.tsv:4: 步骤编号“A.1”重复"},
        {"duplicate id in another case", "# c\n" SHDR SROW_EXPORT
         "EXPORT\texport\t\t导出\tExport\t导出报表\tExport the report\n",
         "forms/steps.tsv:4: 步骤编号“EXPORT”重复"},
        {"empty id", SHDR "\trecord\trecord\t基本\tBasic\t\t\n", "forms/steps.tsv:2: 缺少步骤编号(id)"},
        {"not a form, not export", SHDR "A.9\tgrid\tnine\t九\tNine\t表九\tNine\n",
         "forms/steps.tsv:2: “A.9”不是表单编号，这样的步骤类别须为 export，而不是 grid"},
        {"form id in another case", SHDR "a.1\trecord\trecord\t基本\tBasic\t\t\n",
         "forms/steps.tsv:2: “a.1”不是表单编号"},
        {"export without title_en", SHDR "export\texport\t\t导出\tExport\t导出报表\t\n",
         "forms/steps.tsv:2: 步骤 export 不是表单，须填写 title_zh 和 title_en"},
        {"export without titles", SHDR "export\texport\t\t导出\tExport\n",
         "forms/steps.tsv:2: 步骤 export 不是表单，须填写 title_zh 和 title_en"},
        {"record step on a grid", SHDR "A.2\trecord\tgrid\t表格\tGrid\t\t\n",
         "forms/steps.tsv:2: 步骤 A.2 的类别须为 grid（表单类别为 grid），而不是 record"},
        {"grid step on a record", SHDR "A.1\tgrid\trecord\t基本\tBasic\t\t\n",
         "forms/steps.tsv:2: 步骤 A.1 的类别须为 record（表单类别为 record），而不是 grid"},
        {"grid step on a computed form", SHDR "A.3\tgrid\tcalc\t计算\tComputed\t\t\n",
         "forms/steps.tsv:2: 步骤 A.3 的类别须为 view（表单类别为 computed），而不是 grid"},
        {"view step on a grid", SHDR "A.2\tview\tgrid\t表格\tGrid\t\t\n",
         "forms/steps.tsv:2: 步骤 A.2 的类别须为 grid（表单类别为 grid），而不是 view"},
        {"export step on a form", SHDR "A.1\texport\t\t基本\tBasic\t导出\tExport\n",
         "forms/steps.tsv:2: 步骤 A.1 的类别须为 record（表单类别为 record），而不是 export"},
        {"form step with its own title", SHDR "A.1\trecord\trecord\t基本\tBasic\t\tBasics\n",
         "forms/steps.tsv:2: 步骤 A.1 的标题取自 forms.tsv，title_zh 和 title_en 须留空"},
        {"form step without a sheet", SHDR SROW_EXPORT "A.3\tview\t\t计算\tComputed\t\t\n",
         "forms/steps.tsv:3: 步骤 A.3 缺少 sheet（填写它的模块）"},
        {"export step with a sheet", SHDR "export\texport\tout\t导出\tExport\t导出报表\tExport\n",
         "forms/steps.tsv:2: export 步骤 export 不用 sheet，而写了“out”"},
        {"sheet not lowercase", SHDR "A.1\trecord\tRecord\t基本\tBasic\t\t\n",
         "forms/steps.tsv:2: sheet“Record”须为小写字母、数字和下划线"},
        {"sheet with a hyphen", SHDR "A.1\trecord\tbasic-info\t基本\tBasic\t\t\n",
         "forms/steps.tsv:2: sheet“basic-info”须为小写字母、数字和下划线"},
        {"sheet starting with a digit", SHDR "A.1\trecord\t1st\t基本\tBasic\t\t\n",
         "forms/steps.tsv:2: sheet“1st”须为小写字母"},
        {"no short_zh", SHDR "A.1\trecord\trecord\t\xe3\x80\x80\tBasic\t\t\n",
         "forms/steps.tsv:2: 步骤 A.1 缺少简称(short_zh 或 short_en)"},
        {"no short_en", SHDR SROW1 "A.2\tgrid\tgrid\t表格\n",
         "forms/steps.tsv:3: 步骤 A.2 缺少简称(short_zh 或 short_en)"},
        {"no steps", "# only a comment\n" SHDR, "forms/steps.tsv:2: 没有步骤"},
        {"missing column", "id\tkind\tshort_zh\tshort_en\ttitle_zh\ttitle_en\n" SROW1,
         "forms/steps.tsv:1: 缺少列“sheet”"},
        {"unknown column", "id\tkind\tsheet\tshort_zh\tshort_en\ttitle_zh\ttitle_en\tstep\n" SROW1,
         "forms/steps.tsv:1: 未知的列“step”"},
        {"too many cells", SHDR "A.1\trecord\trecord\t基本\tBasic\t\t\t1\n",
         "forms/steps.tsv:2: 有 8 列，表头只有 7 列"},
        {"bad utf-8", SHDR SROW1 "export\texport\t\t\xe5\xaf\tExport\tx\ty\n",
         "forms/steps.tsv:3: 不是有效的 UTF-8"},
        {"empty file", "", "forms/steps.tsv:1: 缺少表头行"},
        {"no steps.tsv", NULL, "forms/steps.tsv: 找不到此文件"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct files files = {FHDR FROW_AREA, y, cases[i].steps};
        struct form_set *fs = (struct form_set *)&files;   /* must be reset to NULL */
        char *cause = NULL;
        enum err e = forms_parse(index, get_file, &files, &fs, &cause);

        if (e != ERR_DATA)
            fail_msg("%s: err %d, want ERR_DATA", cases[i].name, e);
        assert_null(fs);
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
        cmocka_unit_test(test_forms_in_order),
        cmocka_unit_test(test_steps_in_order),
        cmocka_unit_test(test_fields_verbatim),
        cmocka_unit_test(test_printed_columns),
        cmocka_unit_test(test_a1_cli_and_limits),
        cmocka_unit_test(test_a3_cli),
        cmocka_unit_test(test_field_match),
        cmocka_unit_test(test_validate),
        cmocka_unit_test(test_validate_english),
        cmocka_unit_test(test_english_texts),
        cmocka_unit_test(test_parse_ok),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_steps_errors),
    };

    return cmocka_run_group_tests_name("forms", tests, setup, teardown);
}
