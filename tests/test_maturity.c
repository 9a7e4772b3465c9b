/* test_maturity.c - the carbon-management maturity evaluation of 002 §12 (draft): the built-in
 * tables (表A.1 52 criteria, 100 points; 表A.2; the settings; 表22), the loader's "FILE:LINE: reason"
 * on broken copies, and the scoring: the qualitative sum, the quantitative rows of both methods at
 * their boundaries, the weights as settings, the grades, a provisional and a hand-checked
 * result. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/embed.h"
#include "core/maturity.h"
#include "cjk_fixture.h"

#define near(got, want, tol) near_at((got), (want), (tol), __FILE__, __LINE__)

static void
near_at(double got, double want, double tol, const char *file, int line)
{
    if (!(fabs(got - want) <= tol)) {
        print_error("%.12g != %.12g (± %g)\n", got, want, tol);
        _fail(file, line);
    }
}

static int
setup(void **state)
{
    struct maturity_defs *d = NULL;
    char *cause = NULL;

    if (maturity_defs_load(&d, &cause) != ERR_OK) {
        print_error("maturity_defs_load: %s\n", cause != NULL ? cause : "?");
        free(cause);
        return -1;
    }
    *state = d;
    return 0;
}

static int
teardown(void **state)
{
    maturity_defs_free(*state);
    return 0;
}

/* A value entry. */
static struct eval_entry
ent(const char *code, double v)
{
    struct eval_entry e = {code, 1, v, "", "", ""};

    return e;
}

/* Entries giving every 表A.1 criterion its full points, into v (room for nitems + extra). */
static size_t
all_full(const struct maturity_defs *d, struct eval_entry *v)
{
    size_t i;

    for (i = 0; i < d->nitems; i++)
        v[i] = ent(d->items[i].code, d->items[i].max);
    return i;
}

/* A year on building area only: total tCO₂e over area m². */
static struct maturity_year
year_area(int y, double total, double area)
{
    struct maturity_year my = {.year = y, .has_total = 1, .total_tco2e = total, .has_area = 1,
                               .area_m2 = area};

    return my;
}

/* 表A.1 as printed: 52 criteria; first levels 1 组织构建 14 points, 2 策划 25, 3 支持 18, 4 运行 17,
 * 5 绩效评价 20, 6 改进 6 (= 100); 21 second levels. */
static void
test_load(void **state)
{
    const struct maturity_defs *d = *state;
    static const double l1_sum[6] = {14, 25, 18, 17, 20, 6};
    double got[6] = {0};
    size_t i, nl2 = 0;

    assert_int_equal(d->nitems, 52);
    near(d->total, 100, 1e-12);
    for (i = 0; i < d->nitems; i++) {
        got[d->items[i].l1 - 1] += d->items[i].max;
        if (i == 0 || d->items[i].l2 != d->items[i - 1].l2 || d->items[i].l1 != d->items[i - 1].l1)
            nl2++;
        assert_false(has_cjk(d->items[i].text_en));
    }
    for (i = 0; i < 6; i++)
        near(got[i], l1_sum[i], 1e-12);
    assert_int_equal(nl2, 21);
    assert_string_equal(d->items[0].code, "M1.1.1");
    assert_string_equal(d->items[0].level1_zh, "组织构建");
    assert_string_equal(d->items[0].level2_zh, "最高管理者及承诺");
    assert_string_equal(d->items[0].text_zh, "任命管理者代表，批准组建碳排放管理团队；");
    assert_string_equal(d->items[51].code, "M6.2.1");
    assert_string_equal(d->items[51].text_zh, "持续改进碳排放管理体系。");
    assert_true(d->items[51].level2_max < 0);   /* 持续改进's full points are not printed */
    near(maturity_defs_item(d, "M5.3.2")->max, 4, 0);    /* 管理评审 2: 4 points */
    assert_null(maturity_defs_item(d, "M7.1.1"));
    assert_int_equal(d->nbands, 6);
    near(d->bands[1].bound, 10, 0);             /* 10%以内（含10%） */
    near(d->bands[1].points, 80, 0);
    assert_int_equal(d->ngrades, 4);
    assert_string_equal(d->grades[0].name_zh, "四星");
    assert_string_equal(d->grades[3].name_zh, "一星");
    assert_int_equal(d->nsettings, 5);
}

/* The 1-based line of the first occurrence of needle in text. */
static size_t
line_of(const char *text, const char *needle)
{
    const char *p = strstr(text, needle), *q;
    size_t line = 1;

    assert_non_null(p);
    for (q = text; q < p; q++)
        line += *q == '\n';
    return line;
}

/* text with the first from replaced by to (caller frees). */
static char *
replace(const char *text, const char *from, const char *to)
{
    const char *p = strstr(text, from);
    size_t n = strlen(text) - strlen(from) + strlen(to) + 1;
    char *out = malloc(n);

    assert_non_null(p);
    assert_non_null(out);
    snprintf(out, n, "%.*s%s%s", (int)(p - text), text, to, p + strlen(from));
    return out;
}

/* A broken copy of one file is refused with the file, the line (0: the whole file) and why. */
static void
test_broken(void **state)
{
    static const struct {
        enum maturity_file f;
        const char *from, *to;  /* from: unique, on the line the error names */
        const char *line_at;    /* the text on the line named, NULL for a whole-file error */
        const char *reason;
    } cases[] = {
        /* M1.1.4 given 2 points: 最高管理者及承诺 then adds up to 2+2+2+2 = 8, printed 7 */
        {MF_A1, "实施管理评审，确定新的改进机会。\t1", "实施管理评审，确定新的改进机会。\t2",
         "实施管理评审", "二级指标 M1.1“最高管理者及承诺”的细则分值合计 8，与满分 7 不符"},
        {MF_A1, "建立合格供应商名单。\t1", "建立合格供应商名单。\t1x", "建立合格供应商名单",
         "“max”的“1x”不是数字"},
        {MF_A1, "M1.1.3\t", "M1.1.5\t", "M1.1.5",
         "编号“M1.1.5”不接上一行的 M1.1.2（应依次为下一条细则、下一个二级指标或下一个一级指标）"},
        {MF_A1, "M2.1.1\t", "M2.1\t", "M2.1\t", "编号“M2.1”应写作 M<一级>.<二级>.<细则>，如 M1.2.3"},
        /* 碳排放信息交流 prints no full points, so only the total catches 2 → 3: 101 */
        {MF_A1, "并将此决定形成文件。\t2", "并将此决定形成文件。\t3", NULL,
         "评分细则的分值合计 101，应为 100"},
        {MF_A1, "配备具有一定具有低碳知识工作能力的人员；\t2\t1",
         "配备具有一定具有低碳知识工作能力的人员；\t2\t1.5", "配备具有一定",
         "分值 2 不是步长 1.5 的整数倍"},
        {MF_SETTINGS, "@a1\t0.6", "@a1\t0.7", NULL, "权重 @a1 与 @a2 的默认值之和为 1.1，应为 1"},
        {MF_SETTINGS, "@a2\t0.4\t0\t1", "@a2\t0.4\t0\t0.3", "@a2\t0.4",
         "默认值 0.4 不在 0 至 0.3 之间或不是整数"},
        {MF_A2, "80\t10\t", "80\t-1\t", "80\t-1", "bound -1 应大于上一行的 0"},
        {MF_A2, "\t80\t@hist_80", "\t80\t@hist_90", "@hist_90", "bound “@hist_90”不是设置表中的设置"},
        {MF_GRADES, "三星\tThree stars\t80\t89", "三星\tThree stars\t80\t90", "三星\tThree",
         "等级“三星”的分数 80-90 应从 100 起逐级向下、不重叠"},
    };
    static const char *const names[MF__COUNT] = {"forms/maturity_a1.tsv", "forms/maturity_a2.tsv",
                                                 "forms/maturity_settings.tsv",
                                                 "forms/maturity_grades.tsv"};
    size_t i;
    int f;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct maturity_text src[MF__COUNT];
        struct maturity_defs *d = (struct maturity_defs *)1;
        char *broken, *cause = NULL, want[512];

        for (f = 0; f < MF__COUNT; f++) {
            src[f].file = names[f];
            src[f].text = embed_find(names[f])->data;
        }
        broken = replace(src[cases[i].f].text, cases[i].from, cases[i].to);
        src[cases[i].f].text = broken;
        if (cases[i].line_at != NULL)
            snprintf(want, sizeof(want), "%s:%zu: %s", names[cases[i].f],
                     line_of(broken, cases[i].line_at), cases[i].reason);
        else
            snprintf(want, sizeof(want), "%s: %s", names[cases[i].f], cases[i].reason);
        assert_int_equal(maturity_defs_parse(src, &d, &cause), ERR_DATA);
        assert_null(d);
        assert_non_null(cause);
        assert_string_equal(cause, want);
        free(cause);
        free(broken);
    }
}

/* 表A.1 scores: 0 … max in whole points (step 1). */
static void
test_entry_valid(void **state)
{
    static const struct {
        const char *code;
        double v;
        enum err want;
    } cases[] = {
        {"M1.1.1", 0, ERR_OK}, {"M1.1.1", 1, ERR_OK}, {"M1.1.1", 2, ERR_OK},
        {"M1.1.1", 2.5, ERR_INPUT}, {"M1.1.1", 1.5, ERR_INPUT}, {"M1.1.1", -1, ERR_INPUT},
        {"M1.1.4", 1, ERR_OK}, {"M1.1.4", 2, ERR_INPUT}, {"M5.3.1", 4, ERR_OK},
        {"M5.3.1", 3, ERR_OK}, {"M5.3.1", 4.01, ERR_INPUT},
    };
    const struct maturity_defs *d = *state;
    char *cause = NULL;
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        enum err e = maturity_entry_valid(maturity_defs_item(d, cases[i].code), cases[i].v,
                                          LANG_ZH, &cause);

        assert_int_equal(e, cases[i].want);
        if (e != ERR_OK)
            free(cause), cause = NULL;
    }
    assert_int_equal(maturity_entry_valid(maturity_defs_item(d, "M1.1.1"), 1.5, LANG_ZH, &cause),
                     ERR_INPUT);
    assert_string_equal(cause, "M1.1.1 的得分 1.5 应为 1 分的整数倍");
    free(cause);
    assert_int_equal(maturity_entry_valid(maturity_defs_item(d, "M1.1.4"), 2, LANG_EN, &cause),
                     ERR_INPUT);
    assert_string_equal(cause, "M1.1.4: 2 points is outside 0 to 1");
    free(cause);
}

/* Scores facts with entries (which must be accepted) into *r. */
static void
score_ok(void **state, const struct maturity_facts *f, const struct eval_entry *v, size_t n,
         enum lang lang, struct maturity_result *r)
{
    char *cause = NULL;

    if (maturity_score(*state, f, v, n, lang, r, &cause) != ERR_OK) {
        print_error("maturity_score: %s\n", cause != NULL ? cause : "?");
        free(cause);
        fail();
    }
}

/*
 * 表A.2 序号1 against an advanced value of 10 kgCO₂e/m², on 100000 m²: C = total × 1000 / 100000.
 *   900 t → 9: below → 100;  1000 t → 10: equal → 100;  1100 t → 11: 10 % above (含10%) → 80;
 *   1100.1 t → 11.001: 10.01 % above → 60;  2000 t → 20: 100 % above → 60.
 */
static void
test_advanced(void **state)
{
    static const struct {
        double total, c, dev, points;
        const char *band;
    } cases[] = {
        {900, 9, -10, 100, "Q1.1"}, {1000, 10, 0, 100, "Q1.1"}, {1100, 11, 10, 80, "Q1.2"},
        {1100.1, 11.001, 10.01, 60, "Q1.3"}, {2000, 20, 100, 60, "Q1.3"},
    };
    struct eval_entry adv = ent("@advanced", 10);
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct maturity_facts f = {.cur = year_area(2024, cases[i].total, 100000)};
        struct maturity_result r;

        score_ok(state, &f, &adv, 1, LANG_ZH, &r);
        assert_true(r.quant.ok);
        assert_int_equal(r.quant.method, MM_ADVANCED);
        assert_string_equal(r.quant.unit, "kgCO₂e/m²");
        near(r.quant.intensity, cases[i].c, 1e-9);
        near(r.quant.deviation_pct, cases[i].dev, 1e-9);
        near(r.quant.points, cases[i].points, 0);
        assert_string_equal(r.quant.band->code, cases[i].band);
        maturity_result_free(&r);
    }
}

/* The other denominators: 1100 t over 100 人 = 11 tCO₂e/人 against 10 → 80; over 营业收入
   550 万元 = 2 tCO₂e/万元 against 2 → 100; the custom one unnamed is not scored. */
static void
test_denominators(void **state)
{
    struct maturity_facts f = {.cur = {.year = 2024, .has_total = 1, .total_tco2e = 1100,
                                       .has_people = 1, .people = 100, .has_custom = 1,
                                       .custom = 550},
                               .custom_name = "营业收入", .custom_unit = "万元"};
    struct eval_entry person[] = {ent("@denominator", MD_PERSON), ent("@advanced", 10)};
    struct eval_entry custom[] = {ent("@denominator", MD_CUSTOM), ent("@advanced", 2)};
    struct maturity_result r;

    score_ok(state, &f, person, 2, LANG_ZH, &r);
    assert_string_equal(r.quant.unit, "tCO₂e/人");
    near(r.quant.intensity, 11, 1e-12);
    near(r.quant.points, 80, 0);
    maturity_result_free(&r);
    score_ok(state, &f, custom, 2, LANG_ZH, &r);
    assert_string_equal(r.quant.unit, "tCO₂e/万元");
    near(r.quant.intensity, 2, 1e-12);
    near(r.quant.points, 100, 0);
    maturity_result_free(&r);
    f.custom_name = "";
    score_ok(state, &f, custom, 2, LANG_ZH, &r);
    assert_false(r.quant.ok);
    assert_string_equal(r.quant.words, "定量评价未计分：选了自定义分母，但没有为它命名");
    assert_true(r.provisional);
    maturity_result_free(&r);
    /* area chosen (the default) but the year has none */
    score_ok(state, &f, &custom[1], 1, LANG_ZH, &r);
    assert_false(r.quant.ok);
    assert_non_null(strstr(r.quant.words, "没有大于 0 的分母"));
    maturity_result_free(&r);
}

/*
 * 表A.2 序号2, the historical method: earlier years 2021 12, 2022 10 (the best), 2023 11
 * kgCO₂e/m², and 2025 5 (after the evaluated year: not history). Decline = (10 − C) / 10.
 * Defaults @hist_100 10, @hist_80 0:  900 t → 9: 10 % → 100;  901 → 9.01: 9.9 % → 80;
 * 1000 → 0 % → 80;  1001 → −0.1 % → 60.  With 20 / 5:  900 → 10 % → 80;  960 → 4 % → 60;
 * 800 → 20 % → 100.
 */
static void
test_historical(void **state)
{
    static const struct maturity_year earlier[] = {
        {.year = 2021, .has_total = 1, .total_tco2e = 1200, .has_area = 1, .area_m2 = 100000},
        {.year = 2022, .has_total = 1, .total_tco2e = 1000, .has_area = 1, .area_m2 = 100000},
        {.year = 2023, .has_total = 1, .total_tco2e = 1100, .has_area = 1, .area_m2 = 100000},
        {.year = 2025, .has_total = 1, .total_tco2e = 500, .has_area = 1, .area_m2 = 100000},
    };
    static const struct {
        double h100, h80;   /* < 0: the default */
        double total, dev, points;
    } cases[] = {
        {-1, -1, 900, 10, 100}, {-1, -1, 901, 9.9, 80}, {-1, -1, 1000, 0, 80},
        {-1, -1, 1001, -0.1, 60}, {20, 5, 900, 10, 80}, {20, 5, 960, 4, 60},
        {20, 5, 800, 20, 100},
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct maturity_facts f = {.cur = year_area(2024, cases[i].total, 100000),
                                   .earlier = earlier, .nearlier = 4};
        struct eval_entry set[] = {ent("@hist_100", cases[i].h100), ent("@hist_80", cases[i].h80)};
        struct maturity_result r;

        score_ok(state, &f, set, cases[i].h100 < 0 ? 0 : 2, LANG_ZH, &r);
        assert_true(r.quant.ok);
        assert_int_equal(r.quant.method, MM_HISTORICAL);
        assert_int_equal(r.quant.ref_year, 2022);
        near(r.quant.reference, 10, 1e-12);
        near(r.quant.deviation_pct, cases[i].dev, 1e-9);
        near(r.quant.points, cases[i].points, 0);
        maturity_result_free(&r);
    }
}

/* The historical method in words, and with no earlier year it is not scored. */
static void
test_historical_words(void **state)
{
    static const struct maturity_year earlier[] = {
        {.year = 2022, .has_total = 1, .total_tco2e = 1000, .has_area = 1, .area_m2 = 100000},
    };
    struct maturity_facts f = {.cur = year_area(2024, 950, 100000), .earlier = earlier,
                               .nearlier = 1};
    struct maturity_result r;

    /* (10 − 9.5) / 10 = 5 % decline: below 10, at least 0 → 80 */
    score_ok(state, &f, NULL, 0, LANG_ZH, &r);
    assert_string_equal(r.quant.words,
                        "历史法（表A.2 序号2，未录入行业先进值）：碳排放强度 9.5 kgCO₂e/m²（2024 年 "
                        "950 tCO₂e × 1000 ÷ 100000 m²），历史最优年度 2022 年为 10 kgCO₂e/m²，下降 5%；"
                        "设置：下降 ≥ 10%（@hist_100）得 100 分，下降 ≥ 0%（@hist_80）得 80 分，否则 "
                        "60 分；得 80 分。");
    maturity_result_free(&r);
    score_ok(state, &f, NULL, 0, LANG_EN, &r);
    assert_false(has_cjk(r.quant.words));
    maturity_result_free(&r);
    f.nearlier = 0;
    score_ok(state, &f, NULL, 0, LANG_EN, &r);
    assert_false(r.quant.ok);
    near(r.quant.points, 0, 0);
    assert_true(r.provisional);
    assert_non_null(strstr(r.quant.words, "no industry advanced value"));
    maturity_result_free(&r);
}

/*
 * The weights are settings. 表A.1 at full marks but M1.1.4 (−1), M2.3.3 (−1), M3.2.4 (−2),
 * M5.3.1 (−2 of 4) and M6.2.1 (−1): 100 − 7 = 93. 表A.2: 10.5 kgCO₂e/m² against 10, 5 % above → 80.
 *   defaults 0.6 / 0.4: 0.6 × 93 + 0.4 × 80 = 55.8 + 32 = 87.8 → 三星
 *   0.5 / 0.5:          46.5 + 40 = 86.5 → 三星
 *   0.8 / 0.2:          74.4 + 16 = 90.4 → 四星
 */
static size_t
hand_case(const struct maturity_defs *d, struct eval_entry *v)
{
    static const struct {
        const char *code;
        double points;
    } less[] = {{"M1.1.4", 0}, {"M2.3.3", 1}, {"M3.2.4", 0}, {"M5.3.1", 2}, {"M6.2.1", 1}};
    size_t n = all_full(d, v), i, j;

    for (i = 0; i < n; i++)
        for (j = 0; j < sizeof(less) / sizeof(less[0]); j++)
            if (strcmp(v[i].code, less[j].code) == 0)
                v[i].value = less[j].points;
    v[n++] = ent("@advanced", 10);
    return n;
}

static void
test_weights(void **state)
{
    static const struct {
        double a1, a2;      /* < 0: not entered */
        double total;
        const char *grade;
    } cases[] = {
        {-1, -1, 87.8, "三星"}, {0.5, 0.5, 86.5, "三星"}, {0.8, 0.2, 90.4, "四星"},
        {1, 0, 93, "四星"}, {0, 1, 80, "三星"},
    };
    const struct maturity_defs *d = *state;
    struct maturity_facts f = {.cur = year_area(2024, 1050, 100000)};
    struct eval_entry v[64];
    size_t i, n;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct maturity_result r;

        n = hand_case(d, v);
        if (cases[i].a1 >= 0)
            v[n++] = ent("@a1", cases[i].a1), v[n++] = ent("@a2", cases[i].a2);
        score_ok(state, &f, v, n, LANG_ZH, &r);
        near(r.qualitative, 93, 1e-12);
        near(r.quant.points, 80, 0);
        near(r.a1 + r.a2, 1, 1e-12);
        near(r.total, cases[i].total, 1e-9);
        assert_string_equal(r.grade->name_zh, cases[i].grade);
        assert_false(r.provisional);
        maturity_result_free(&r);
    }
}

/* Weights that do not add up to 1, or out of 0 … 1, and other bad entries are refused. */
static void
test_refused(void **state)
{
    static const struct {
        struct eval_entry v[2];
        size_t n;
        enum lang lang;
        const char *cause;
    } cases[] = {
        {{{"@a1", 1, 0.5, "", "", ""}, {"@a2", 1, 0.6, "", "", ""}}, 2, LANG_ZH,
         "权重 a1 + a2 = 0.5 + 0.6 = 1.1，应为 1"},
        /* a1 alone: 0.5 + the default 0.4 */
        {{{"@a1", 1, 0.5, "", "", ""}}, 1, LANG_EN,
         "the weights a1 + a2 = 0.5 + 0.4 = 0.9; they must add up to 1"},
        {{{"@a1", 1, 1.2, "", "", ""}, {"@a2", 1, -0.2, "", "", ""}}, 2, LANG_ZH,
         "@a1（定性评价指标权重 a1）的值 1.2 应在 0 至 1 之间"},
        {{{"@denominator", 1, 1.5, "", "", ""}}, 1, LANG_ZH, "@denominator 的值 1.5 应为整数"},
        {{{"@hist_100", 1, 5, "", "", ""}, {"@hist_80", 1, 5, "", "", ""}}, 1 + 1, LANG_ZH,
         "历史法 80 分所需的下降幅度（@hist_80）应小于 100 分的（@hist_100）"},
        {{{"@advanced", 1, 0, "", "", ""}}, 1, LANG_ZH, "行业先进值（@advanced）应大于 0"},
        {{{"M9.9.9", 1, 1, "", "", ""}}, 1, LANG_ZH, "成熟度评价没有“M9.9.9”这一项"},
        {{{"@a3", 1, 1, "", "", ""}}, 1, LANG_EN, "the maturity evaluation has no item \"@a3\""},
        {{{"M1.1.1", 1, 3, "", "", ""}}, 1, LANG_ZH, "M1.1.1 的得分 3 应在 0 至 2 分之间"},
    };
    struct maturity_facts f = {.cur = year_area(2024, 1000, 100000)};
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct maturity_result r;
        char *cause = NULL;

        assert_int_equal(maturity_score(*state, &f, cases[i].v, cases[i].n, cases[i].lang, &r,
                                        &cause), ERR_INPUT);
        assert_non_null(cause);
        assert_string_equal(cause, cases[i].cause);
        assert_null(r.items);
        assert_null(r.settings);
        free(cause);
    }
}

/* 表22, a grade reached at its min: 90 四星, 89.99 三星, 80 三星, 79.99 二星, 60 二星, 59.99 一星. */
static void
test_grades(void **state)
{
    static const struct {
        double total;
        const char *zh, *en;
    } cases[] = {
        {100, "四星", "Four stars"}, {90, "四星", "Four stars"}, {89.99, "三星", "Three stars"},
        {80, "三星", "Three stars"}, {79.99, "二星", "Two stars"}, {60, "二星", "Two stars"},
        {59.99, "一星", "One star"}, {0, "一星", "One star"},
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct maturity_grade *g = maturity_grade(*state, cases[i].total);

        assert_string_equal(g->name_zh, cases[i].zh);
        assert_string_equal(g->name_en, cases[i].en);
    }
}

/*
 * Provisional: only the first 10 criteria scored (M1.1.1 … M2.1.1: 2+2+2+1 + 2+2 + 1+1+1 + 1 =
 * 15), the rest listed from M2.1.2; the quantitative part 100 (9 against 10).
 * Total 0.6 × 15 + 0.4 × 100 = 9 + 40 = 49 → 一星, provisional.
 */
static void
test_provisional(void **state)
{
    const struct maturity_defs *d = *state;
    struct maturity_facts f = {.cur = year_area(2024, 900, 100000)};
    struct eval_entry v[64];
    struct maturity_result r;
    size_t n;

    n = all_full(d, v);
    v[10] = ent("@advanced", 10);
    v[11] = ent("M2.1.2", 1), v[11].has_value = 0;    /* a note without points is no score */
    score_ok(state, &f, v, 12, LANG_ZH, &r);
    assert_int_equal(n, 52);
    near(r.qualitative, 15, 1e-12);
    assert_int_equal(r.nscored, 10);
    assert_int_equal(r.nunscored, 42);
    assert_string_equal(r.unscored[0], "M2.1.2");
    assert_string_equal(r.unscored[41], "M6.2.1");
    assert_false(r.items[10].scored);
    assert_true(r.items[9].scored);
    near(r.total, 49, 1e-9);
    assert_string_equal(r.grade->name_zh, "一星");
    assert_true(r.provisional);
    maturity_result_free(&r);
}

/* The hand-checked case of test_weights in full: the words, the entries kept, the note. */
static void
test_full_case(void **state)
{
    const struct maturity_defs *d = *state;
    struct maturity_facts f = {.cur = year_area(2024, 1050, 100000)};
    struct eval_entry v[64];
    struct maturity_result r;
    size_t n = hand_case(d, v);

    v[0].evidence = "管理者代表任命文件 2024-03";
    score_ok(state, &f, v, n, LANG_ZH, &r);
    assert_int_equal(r.nitems, 52);
    assert_int_equal(r.nscored, 52);
    assert_int_equal(r.nunscored, 0);
    near(r.qualitative, 93, 1e-12);
    assert_ptr_equal(r.items[0].entry, &v[0]);
    assert_string_equal(r.items[0].entry->evidence, "管理者代表任命文件 2024-03");
    near(r.items[3].points, 0, 0);              /* M1.1.4 */
    /* C = 1050 × 1000 / 100000 = 10.5; (10.5 − 10) / 10 = 5 % → Q1.2, 80 */
    assert_string_equal(r.quant.words,
                        "行业先进值法（表A.2 序号1）：碳排放强度 10.5 kgCO₂e/m²（2024 年 1050 tCO₂e × "
                        "1000 ÷ 100000 m²），行业先进值 10 kgCO₂e/m²，高于先进值 5%；表A.2 Q1.2“大于"
                        "最新行业先进值10%以内（含10%）；”；得 80 分。");
    near(r.a1, 0.6, 1e-12);
    near(r.a2, 0.4, 1e-12);
    near(r.total, 87.8, 1e-9);
    assert_string_equal(r.grade->name_zh, "三星");
    assert_false(r.provisional);
    assert_non_null(strstr(r.note, "征求意见稿"));
    assert_non_null(strstr(r.note, "三星、二星、一星、不合格"));
    maturity_result_free(&r);
    score_ok(state, &f, v, n, LANG_EN, &r);
    assert_false(has_cjk(r.quant.words));
    assert_false(has_cjk(r.note));
    maturity_result_free(&r);
}

/* Every setting with its value, default and the draft's text: the defaults, then two entered. */
static void
test_settings_list(void **state)
{
    static const struct {
        const char *key;
        double def;
        const char *draft;
        int unset;
    } want[] = {
        {"@a1", 0.6, "**", 1}, {"@a2", 0.4, "**", 1}, {"@hist_100", 10, "下降幅度在10%以上", 1},
        {"@hist_80", 0, "下降幅度在10%以上", 1}, {"@denominator", 0, "产量、产值、面积、人数或服务量等", 1},
    };
    const struct eval_entry set[] = {ent("@a1", 0.5), ent("@a2", 0.5)};
    struct maturity_setting_value *sv = NULL;
    char *cause = NULL;
    size_t i;

    assert_int_equal(maturity_settings(*state, NULL, 0, LANG_ZH, &sv, &cause), ERR_OK);
    for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        assert_string_equal(sv[i].def->key, want[i].key);
        near(sv[i].value, want[i].def, 0);
        near(sv[i].def->def, want[i].def, 0);
        assert_false(sv[i].entered);
        assert_string_equal(sv[i].def->draft, want[i].draft);
        assert_int_equal(sv[i].def->draft_unset, want[i].unset);
    }
    free(sv);
    assert_int_equal(maturity_settings(*state, set, 2, LANG_ZH, &sv, &cause), ERR_OK);
    near(sv[0].value, 0.5, 0);
    assert_true(sv[0].entered);
    near(sv[0].def->def, 0.6, 0);
    assert_false(sv[2].entered);
    free(sv);
    assert_int_equal(maturity_denom_parse("person"), MD_PERSON);
    assert_int_equal(maturity_denom_parse("custom"), MD_CUSTOM);
    assert_int_equal(maturity_denom_parse("m2"), -1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load),
        cmocka_unit_test(test_broken),
        cmocka_unit_test(test_entry_valid),
        cmocka_unit_test(test_advanced),
        cmocka_unit_test(test_denominators),
        cmocka_unit_test(test_historical),
        cmocka_unit_test(test_historical_words),
        cmocka_unit_test(test_weights),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_grades),
        cmocka_unit_test(test_provisional),
        cmocka_unit_test(test_full_case),
        cmocka_unit_test(test_settings_list),
    };

    return cmocka_run_group_tests_name("maturity", tests, setup, teardown);
}
