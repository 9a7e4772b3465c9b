/*
 * test_sheet.c - the terminal workbook's steps without a terminal: the step table resolves to
 * sheet modules, and each sheet builds its cells from a real workbook (the demo, 2024) and does
 * to it what typing, Ins, Del and F2 do on screen.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/width.h"
#include "book/book.h"
#include "book/demo.h"
#include "sheet/sheet.h"

#include "sheet_fixture.h"

/* Every step of forms/steps.tsv has a sheet module of a fitting kind, or is the export. */
static void
test_steps(void **state)
{
    struct fx *f = *state;
    const struct sheet_ops *const *all;
    size_t i, j, n;

    assert_int_equal(f->app.forms->nsteps, 16);
    for (i = 0; i < f->app.forms->nsteps; i++) {
        const struct step_def *s = &f->app.forms->steps[i];

        if (s->kind == SK_EXPORT) {
            assert_null(s->form);
            continue;
        }
        assert_non_null(sheet_find(s->sheet));
        assert_non_null(sheet_find(s->sheet)->build);
        /* only steps that take input have commits */
        assert_int_equal(sheet_find(s->sheet)->commit != NULL, s->kind != SK_VIEW);
    }
    assert_null(sheet_find("no_such_sheet"));
    assert_null(sheet_find(NULL));
    all = sheet_all(&n);
    for (i = 0; i < n; i++)
        for (j = 0; j < i; j++)
            assert_string_not_equal(all[i]->name, all[j]->name);
}

/* 表A.1: one row per field; validation in place; Del clears; the focus starts where work is. */
static void
test_record(void **state)
{
    struct fx *f = *state;
    struct sheet_out out = {.row = -1, .col = -1};
    const struct sheet_ops *so = sheet_find("record");
    int area, contact;
    char *q = NULL;

    load(f, "A.1", LANG_ZH);
    area = field_row(f, "building_area");
    contact = field_row(f, "contact");
    assert_int_equal(f->s.nrows, (int)f->env.step->form->nfields);
    assert_int_equal(f->s.ncols, 3);
    assert_null(f->s.heads);
    assert_int_equal(f->s.start_col, 1);
    assert_int_equal(f->s.start_row, 0);            /* the demo lacks nothing */
    assert_string_equal(text(f, area, 0), "建筑面积");
    assert_string_equal(text(f, area, 1), "12500");
    assert_string_equal(text(f, area, 2), "m²");

    assert_int_equal(so->commit(&f->env, &f->s, area, 1, "abc", &out), ERR_INPUT);
    assert_int_equal(out.level, SHEET_SAY_ERROR);
    assert_non_null(strstr(out.msg, "建筑面积"));
    assert_false(out.changed);
    sheet_out_free(&out);
    /* full-width digits, as a Chinese input method types them: ８６００ */
    assert_int_equal(so->commit(&f->env, &f->s, area, 1, "\xef\xbc\x98\xef\xbc\x96\xef\xbc\x90\xef\xbc\x90",
                                &out), ERR_OK);
    assert_true(out.changed);
    assert_string_equal(out.msg, "已保存“建筑面积”");
    sheet_out_free(&out);
    load(f, "A.1", LANG_ZH);
    assert_string_equal(model_info(&f->y, "building_area"), "8600");

    assert_int_equal(so->del_what(&f->env, &f->s, contact, 1, &q), SHEET_DEL_CLEAR);
    assert_int_equal(so->del(&f->env, &f->s, contact, 1, &out), ERR_OK);
    assert_string_equal(out.msg, "已清除“联系人”（Ctrl-Z 可撤销）");
    sheet_out_free(&out);
    load(f, "A.1", LANG_ZH);
    assert_null(model_info(&f->y, "contact"));
    assert_true(sheet_cell(&f->s, contact, 1)->flags & SHEET_MISSING);
    assert_int_equal(f->s.start_row, contact);      /* the first required field still empty */
    assert_int_equal(so->del_what(&f->env, &f->s, contact, 1, &q), SHEET_DEL_NONE);

    load(f, "A.1", LANG_EN);
    assert_string_equal(text(f, area, 0), "Building floor area");
    assert_int_equal(so->commit(&f->env, &f->s, area, 1, "9000", &out), ERR_OK);
    assert_string_equal(out.msg, "Saved “Building floor area”");
    sheet_out_free(&out);
    done(f, "record");
}

/*
 * 表A.5: the demo's 2024 rows (电力 monthly, 天然气 monthly, 汽油 quarterly, 柴油 the year, 热力
 * quarterly). A month in a quarter already filled is refused; March at 1 000 000 kWh is flagged
 * on its own cell (the median of the twelve months is (96000 + 98000) / 2 = 97000, and 1e6 > 3 ×
 * 97000); Del on a value clears it, on the source it asks about the row's values.
 */
static void
test_activity(void **state)
{
    struct fx *f = *state;
    struct sheet_out out = {.row = -1, .col = -1};
    const struct sheet_ops *so = sheet_find("activity");
    enum { SRC = 0, UNIT = 1, M1 = 2, Q1 = 14, YEAR = 18, TOTAL = 19, DATASRC = 20, NOTE = 21 };
    const struct sheet_cell *c;
    char *q = NULL;
    int row, col;

    load(f, "A.5", LANG_ZH);
    assert_int_equal(f->s.nrows, 5);
    assert_int_equal(f->s.ncols, 22);
    assert_int_equal(f->s.frozen, 2);             /* 排放源 and 单位 */
    assert_int_equal(f->s.start_col, M1);
    assert_string_equal(f->s.heads[M1], "1月");
    assert_string_equal(f->s.heads[Q1], "一季度");
    assert_string_equal(text(f, 0, SRC), "外购电力（办公楼用电）");
    assert_string_equal(text(f, 0, UNIT), "kWh");
    assert_string_equal(text(f, 0, M1), "98000");
    /* 98000+86000+82000+78000+85000+105000+128000+131000+102000+84000+83000+96000 = 1158000 */
    assert_string_equal(text(f, 0, TOTAL), "1158000");
    assert_string_equal(text(f, 0, DATASRC), "电费账单");
    assert_string_equal(text(f, 2, Q1), "3200");
    assert_string_equal(text(f, 3, YEAR), "0.42");
    assert_false(sheet_cell(&f->s, 0, M1 + 2)->flags & SHEET_WARN);

    assert_int_equal(so->commit(&f->env, &f->s, 2, M1, "10", &out), ERR_INPUT);
    assert_non_null(strstr(out.msg, "2024-01 与已填写的 2024-Q1 重叠"));
    sheet_out_free(&out);

    assert_int_equal(so->commit(&f->env, &f->s, 0, M1 + 2, "1000000", &out), ERR_OK);
    assert_string_equal(out.msg, "已保存 2024-03：1000000 kWh");
    sheet_out_free(&out);
    row = 0;
    col = M1 + 2;
    so->advance(&f->env, &f->s, &row, &col);
    assert_int_equal(col, M1 + 3);                  /* Enter moves on to April */
    load(f, "A.5", LANG_ZH);
    c = sheet_cell(&f->s, 0, M1 + 2);
    assert_true(c->flags & SHEET_WARN);
    assert_non_null(c->note);
    assert_non_null(strstr(c->note, "异常波动：3月 的数值与各月的中位数 97000"));
    assert_false(sheet_cell(&f->s, 0, M1 + 3)->flags & SHEET_WARN);

    assert_int_equal(so->del_what(&f->env, &f->s, 0, M1 + 2, &q), SHEET_DEL_CLEAR);
    assert_int_equal(so->del(&f->env, &f->s, 0, M1 + 2, &out), ERR_OK);
    assert_string_equal(out.msg, "已清除“外购电力（办公楼用电） 3月”（Ctrl-Z 可撤销）");
    sheet_out_free(&out);
    load(f, "A.5", LANG_ZH);
    assert_string_equal(text(f, 0, M1 + 2), "");
    assert_int_equal(so->del_what(&f->env, &f->s, 2, SRC, &q), SHEET_DEL_ASK);
    assert_string_equal(q, "删除 汽油（公务用车） 本年度的全部 4 条活动数据？");
    free(q);
    q = NULL;
    assert_int_equal(so->del_what(&f->env, &f->s, 0, M1 + 2, &q), SHEET_DEL_NONE);   /* empty now */

    load(f, "A.5", LANG_EN);
    assert_string_equal(f->s.heads[M1], "Jan");
    assert_string_equal(text(f, 0, SRC), "Electricity (办公楼用电)");
    done(f, "activity");
}

/* 表A.3: Ins offers every library source; a source and facility already listed says so. */
static void
test_sources(void **state)
{
    struct fx *f = *state;
    struct sheet_out out = {.row = -1, .col = -1};
    const struct sheet_ops *so = sheet_find("sources");
    struct sheet_choice ch;
    size_t elec = 0, gas = 0, i;
    char *q = NULL;

    load(f, "A.3", LANG_ZH);
    assert_int_equal(f->s.nrows, 5);
    assert_string_equal(f->s.heads[0], "排放种类");
    assert_string_equal(text(f, 1, 0), "化石燃料燃烧排放");
    assert_string_equal(text(f, 1, 1), "天然气");
    assert_string_equal(text(f, 1, 2), "食堂炉灶");
    so->add_choice(&f->env, &ch);
    assert_int_equal(ch.n, f->app.lib->nsources);
    assert_non_null(ch.then_ask);
    for (i = 0; i < ch.n; i++) {
        if (strcmp(f->app.lib->sources[i].id, "electricity") == 0)
            elec = i;
        if (strcmp(f->app.lib->sources[i].id, "natural_gas") == 0)
            gas = i;
    }
    assert_string_equal(ch.labels[gas], "化石燃料燃烧排放 · 天然气");
    /* typing filters on the names and aliases, never on the category's text (热力 is in
       外购电力's category 净购入电力与热力产生的排放) */
    assert_non_null(ch.match);
    assert_string_equal(ch.match[gas], "天然气|Natural gas|natural_gas|管道天然气|燃气");
    assert_null(strstr(ch.match[elec], "热力"));
    sheet_choice_free(&ch);

    assert_int_equal(so->add(&f->env, elec, "办公楼用电", &out), ERR_OK);
    assert_int_equal(out.level, SHEET_SAY_WARN);
    assert_string_equal(out.msg, "表A.3 已有 外购电力（办公楼用电），未重复添加（光标已在该行）");
    assert_int_equal(out.row, 0);
    assert_false(out.changed);
    sheet_out_free(&out);
    out.row = out.col = -1;
    assert_int_equal(so->add(&f->env, gas, " 锅炉 ", &out), ERR_OK);
    assert_string_equal(out.msg, "已添加 天然气");
    assert_int_equal(out.row, 5);
    assert_int_equal(out.col, 2);                   /* on to 排放设施名称 */
    sheet_out_free(&out);
    load(f, "A.3", LANG_ZH);
    assert_int_equal(f->s.nrows, 6);
    assert_string_equal(text(f, 5, 2), "锅炉");

    assert_int_equal(so->del_what(&f->env, &f->s, 5, 2, &q), SHEET_DEL_CLEAR);
    assert_int_equal(so->del_what(&f->env, &f->s, 5, 3, &q), SHEET_DEL_NONE);
    assert_int_equal(so->del_what(&f->env, &f->s, 5, 1, &q), SHEET_DEL_ASK);
    assert_string_equal(q, "删除 天然气（锅炉） 及其 0 条活动数据？");
    free(q);
    assert_int_equal(so->del(&f->env, &f->s, 5, 1, &out), ERR_OK);
    sheet_out_free(&out);
    load(f, "A.3", LANG_ZH);
    assert_int_equal(f->s.nrows, 5);
    done(f, "sources");
}

/*
 * 表A.6: one row per source used, in library order (汽油, 柴油, 天然气, 外购电力, 外购热力); a
 * typed factor replaces the library's and the focus goes on to its 数据来源; Del brings the
 * library's 0.5306 back; F2 lists the grid areas and GWP sets, the current ones marked.
 */
static void
test_factors(void **state)
{
    struct fx *f = *state;
    struct sheet_out out = {.row = -1, .col = -1};
    const struct sheet_ops *so = sheet_find("factors");
    struct sheet_choice ch;
    size_t i, now = 0;
    char *q = NULL, *note;

    load(f, "A.6", LANG_ZH);
    assert_int_equal(f->s.nrows, 5);
    assert_string_equal(text(f, 0, 1), "汽油");
    assert_string_equal(text(f, 3, 1), "外购电力");
    assert_string_equal(text(f, 3, 2), "0.5306");
    assert_string_equal(text(f, 3, 3), "tCO₂/MWh");
    /* 汽油 43.070 GJ/t × 0.0189 tC/GJ × 98% × 44/12 */
    assert_non_null(strstr(so->help(&f->env, &f->s, 0, 2), "低位发热量 43.07 GJ/t"));
    note = so->title_note(&f->env);
    assert_string_equal(note, "电力因子地区：全国   GWP：AR6（F2 修改）");
    free(note);

    assert_int_equal(so->commit(&f->env, &f->s, 3, 2, "0.6", &out), ERR_OK);
    assert_int_equal(out.level, SHEET_SAY_WARN);
    assert_int_equal(out.col, 4);
    sheet_out_free(&out);
    load(f, "A.6", LANG_ZH);
    assert_float_equal(model_pin(&f->y, "electricity")->value, 0.6, 0);
    assert_true(model_pin(&f->y, "electricity")->overridden);
    assert_true(sheet_cell(&f->s, 3, 4)->flags & SHEET_MISSING);   /* the source is asked for */
    assert_int_equal(so->commit(&f->env, &f->s, 3, 4, " ", &out), ERR_INPUT);
    sheet_out_free(&out);

    assert_int_equal(so->del_what(&f->env, &f->s, 3, 2, &q), SHEET_DEL_ASK);
    assert_string_equal(q, "将 外购电力 的排放因子恢复为因子库默认值？");
    free(q);
    assert_int_equal(so->del(&f->env, &f->s, 3, 2, &out), ERR_OK);
    sheet_out_free(&out);
    load(f, "A.6", LANG_ZH);
    assert_float_equal(model_pin(&f->y, "electricity")->value, 0.5306, 0);
    assert_false(model_pin(&f->y, "electricity")->overridden);

    so->settings_choice(&f->env, &ch);
    assert_true(ch.n > 2);
    assert_string_equal(ch.labels[0], "电力排放因子：全国（全国平均） ← 当前");
    for (i = 0; i < ch.n; i++)
        now += strstr(ch.labels[i], "← 当前") != NULL;
    assert_int_equal(now, 2);                       /* the area and the GWP set */
    for (i = 0; i < ch.n && strstr(ch.labels[i], "浙江") == NULL; i++)
        ;
    assert_true(i < ch.n);
    sheet_choice_free(&ch);
    assert_int_equal(so->settings(&f->env, i, &out), ERR_OK);
    assert_string_equal(out.msg, "已改用：浙江");
    sheet_out_free(&out);
    load(f, "A.6", LANG_ZH);
    assert_string_equal(f->y.grid_area, "浙江");
    done(f, "factors");
}

/*
 * 表A.6 and the 电力碳足迹因子 (factors/footprint.tsv): 0.5777, the 2024 life-cycle factor, typed as
 * the electricity factor is saved with a warning saying what it is; 0.579 (0.23 % off) is warned of
 * as close to it; 0.5703 (1.3 % off), or 0.5777 typed for 天然气, says the usual. The F2 list offers
 * the grid areas only: the residual and footprint factors are never an area.
 */
static void
test_factors_footprint(void **state)
{
    struct fx *f = *state;
    struct sheet_out out = {.row = -1, .col = -1};
    const struct sheet_ops *so = sheet_find("factors");
    struct sheet_choice ch;
    size_t i, areas = 0;

    load(f, "A.6", LANG_ZH);
    assert_string_equal(text(f, 3, 1), "外购电力");
    assert_string_equal(text(f, 3, 3), "tCO₂/MWh");     /* the pin is per MWh, as the footprint */
    assert_int_equal(so->commit(&f->env, &f->s, 3, 2, "0.5777", &out), ERR_OK);
    assert_int_equal(out.level, SHEET_SAY_WARN);
    assert_int_equal(out.col, 4);
    assert_string_equal(out.msg, "已改用 0.5777。警告：0.5777 与 2024 年电力碳足迹因子（全生命周期）"
                                 "相同，它不是范围二排放因子；请使用生态环境部、国家统计局发布的"
                                 "电力二氧化碳排放因子");
    sheet_out_free(&out);
    load(f, "A.6", LANG_ZH);
    assert_float_equal(model_pin(&f->y, "electricity")->value, 0.5777, 0);   /* stored all the same */

    assert_int_equal(so->commit(&f->env, &f->s, 3, 2, "0.5703", &out), ERR_OK);
    assert_string_equal(out.msg, "已改用 0.5703；请在“数据来源”注明新因子的出处");
    sheet_out_free(&out);
    assert_string_equal(text(f, 2, 1), "天然气");
    assert_int_equal(so->commit(&f->env, &f->s, 2, 2, "0.5777", &out), ERR_OK);
    assert_null(strstr(out.msg, "碳足迹"));
    sheet_out_free(&out);

    load(f, "A.6", LANG_EN);
    assert_int_equal(so->commit(&f->env, &f->s, 3, 2, "0.579", &out), ERR_OK);
    assert_int_equal(out.level, SHEET_SAY_WARN);
    assert_string_equal(out.msg, "Now 0.579. Warning: 0.579 is close to the 2024 electricity "
                                 "carbon-footprint factor 0.5777 (life cycle), which is not a scope 2 "
                                 "emission factor; use the MEE/NBS electricity CO₂ emission factor");
    sheet_out_free(&out);

    load(f, "A.6", LANG_ZH);
    so->settings_choice(&f->env, &ch);
    for (i = 0; i < ch.n; i++) {
        areas += strncmp(ch.labels[i], "电力排放因子：", strlen("电力排放因子：")) == 0;
        assert_null(strstr(ch.labels[i], "不含"));
        assert_null(strstr(ch.labels[i], "碳足迹"));
    }
    /* 全国, 7 regions, 14 provinces of electricity.tsv: each area once */
    assert_int_equal(areas, 1 + 7 + 14);
    sheet_choice_free(&ch);
    done(f, "factors");
}

/* 表A.2 and 表A.4, computed from the report: the figures and rows the standard's tables have. */
static void
test_views(void **state)
{
    struct fx *f = *state;
    const struct report_year *r;
    char *want;

    load(f, "A.4", LANG_ZH);
    r = f->env.rep;
    assert_non_null(r);
    /* 碳排放总量, 化石燃料 + 汽油/柴油/天然气, 净购入 + 电力/热力, area, intensity, headcount, per capita */
    assert_int_equal(f->s.nrows, 1 + 4 + 3 + 4);
    assert_string_equal(text(f, 0, 0), "碳排放总量");
    want = xasprintf("%.2f", r->total_tco2e);
    assert_string_equal(text(f, 0, 1), want);
    free(want);
    assert_string_equal(text(f, 2, 0), "    汽油");
    assert_true(sheet_cell(&f->s, 2, 3)->flags & SHEET_BAR);
    assert_string_equal(text(f, 6, 0), "    外购电力");
    assert_string_equal(text(f, 6, 3), "1.000000");  /* the largest source: a full bar */
    assert_string_equal(text(f, 11, 0), "人均碳排放量");
    assert_null(sheet_find("summary")->commit);

    load(f, "A.2", LANG_ZH);
    /* five energies (no refrigerant in the demo) and the total */
    assert_int_equal(f->s.nrows, 6);
    assert_string_equal(text(f, 5, 0), "年度综合能耗当量值(tce)");
    want = xasprintf("%.2f", report_cur(&f->rep)->energy_tce);
    assert_string_equal(text(f, 5, 3), want);
    free(want);
    done(f, "energy");
}

/*
 * 表A.5 不适用: "不适用" (or "/") in July of the demo's electricity marks it so: the cell shows a
 * dimmed "/" and the total drops July's 128000 kWh (1158000 - 128000 = 1030000); "/" again
 * changes nothing; a new unit keeps July 不适用; the 备注 set on the row reaches all twelve values
 * and its help shows it in full.
 */
static void
test_activity_na(void **state)
{
    struct fx *f = *state;
    struct sheet_out out = {.row = -1, .col = -1};
    const struct sheet_ops *so = sheet_find("activity");
    enum { UNIT = 1, M1 = 2, TOTAL = 19, NOTE = 21 };
    const struct sheet_cell *c;

    load(f, "A.5", LANG_ZH);
    assert_string_equal(f->s.heads[NOTE], "备注");
    assert_int_equal(so->commit(&f->env, &f->s, 0, M1 + 6, " 不适用 ", &out), ERR_OK);
    assert_string_equal(out.msg, "已将 2024-07 标为不适用（不计排放）");
    assert_true(out.changed);
    sheet_out_free(&out);
    load(f, "A.5", LANG_ZH);
    c = sheet_cell(&f->s, 0, M1 + 6);
    assert_string_equal(c->text, "/");
    assert_true(c->flags & SHEET_DIM);
    assert_string_equal(text(f, 0, TOTAL), "1030000");
    out.changed = 0;
    assert_int_equal(so->commit(&f->env, &f->s, 0, M1 + 6, "/", &out), ERR_OK);
    assert_false(out.changed);
    assert_null(out.msg);

    assert_int_equal(so->commit(&f->env, &f->s, 0, UNIT, "万kWh", &out), ERR_OK);
    sheet_out_free(&out);
    load(f, "A.5", LANG_ZH);
    assert_string_equal(text(f, 0, M1 + 6), "/");
    assert_string_equal(text(f, 0, M1), "98000");          /* quantities unchanged */

    assert_int_equal(so->commit(&f->env, &f->s, 0, NOTE, "抄表日 25 日", &out), ERR_OK);
    assert_string_equal(out.msg, "已保存备注（本行 12 条数据）");
    sheet_out_free(&out);
    load(f, "A.5", LANG_ZH);
    assert_string_equal(text(f, 0, NOTE), "抄表日 25 日");
    assert_string_equal(text(f, 0, M1 + 6), "/");
    assert_string_equal(so->help(&f->env, &f->s, 0, NOTE), "备注：抄表日 25 日");
    assert_string_equal(so->help(&f->env, &f->s, 0, NOTE - 1), "数据来源：电费账单");
    done(f, "activity");
}

/*
 * Every column head fits its column in both languages (the short labels of forms/), and so does
 * every label and unit of the record form: nothing on a step is cut to "Purchased…" by its head.
 */
static void
test_heads_fit(void **state)
{
    static const enum lang langs[] = {LANG_ZH, LANG_EN};
    struct fx *f = *state;
    size_t i, l;
    int c, r;

    for (i = 0; i < f->app.forms->nsteps; i++) {
        const struct step_def *s = &f->app.forms->steps[i];

        if (s->kind == SK_EXPORT)
            continue;
        for (l = 0; l < nitems(langs); l++) {
            load(f, s->id, langs[l]);
            for (c = 0; f->s.heads != NULL && c < f->s.ncols; c++)
                if (width_of(f->s.heads[c]) > f->s.widths[c])
                    fail_msg("%s (%s): head “%s” is wider than its %d columns", s->id,
                             langs[l] == LANG_EN ? "en" : "zh", f->s.heads[c], f->s.widths[c]);
            for (r = 0; f->s.heads == NULL && r < f->s.nrows; r++)
                for (c = 0; c < f->s.ncols; c++)
                    if (c != 1 && width_of(text(f, r, c)) > f->s.widths[c])   /* not the value */
                        fail_msg("%s (%s): “%s” is wider than its %d columns", s->id,
                                 langs[l] == LANG_EN ? "en" : "zh", text(f, r, c), f->s.widths[c]);
            done(f, s->sheet);
        }
    }
}

/* English sheets show the standard's Chinese symbols, names and areas in English. */
static void
test_english_cells(void **state)
{
    struct fx *f = *state;
    const struct sheet_ops *so = sheet_find("factors");
    struct sheet_out out = {.row = -1, .col = -1};
    char *note, *shown;
    int r;

    load(f, "A.1", LANG_EN);
    assert_string_equal(text(f, field_row(f, "headcount"), 2), "persons");
    done(f, "record");

    load(f, "A.6", LANG_EN);
    assert_string_equal(text(f, 3, 1), "Electricity");
    assert_string_equal(text(f, 4, 1), "Heat");
    assert_string_equal(text(f, 2, 1), "Natural gas");
    assert_string_equal(text(f, 2, 3), "tCO₂/10⁴m³");
    /* the library's source texts in English; the workbook keeps the Chinese */
    for (r = 0; r < f->s.nrows; r++)
        if (strstr(text(f, r, 4), "《") != NULL || strstr(text(f, r, 4), "生态环境部") != NULL)
            fail_msg("A.6 row %d: source text still Chinese: %s", r, text(f, r, 4));
    assert_non_null(strstr(text(f, 3, 4), "MEE and NBS, 2023 electricity CO₂ emission factors"));
    assert_non_null(strstr(model_pin(&f->y, "electricity")->source_text, "生态环境部"));
    note = so->title_note(&f->env);
    assert_string_equal(note, "electricity area: National   GWP: AR6 (F2)");
    free(note);
    /* Enter on the English text as shown keeps the library's (Chinese) text, not overridden */
    shown = xstrdup(text(f, 3, 4));
    assert_int_equal(so->commit(&f->env, &f->s, 3, 4, shown, &out), ERR_OK);
    free(shown);
    sheet_out_free(&out);
    load(f, "A.6", LANG_EN);
    assert_non_null(strstr(model_pin(&f->y, "electricity")->source_text, "生态环境部"));
    assert_false(model_pin(&f->y, "electricity")->overridden);
    done(f, "factors");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_steps),
        cmocka_unit_test(test_record),
        cmocka_unit_test(test_activity),
        cmocka_unit_test(test_sources),
        cmocka_unit_test(test_factors),
        cmocka_unit_test(test_factors_footprint),
        cmocka_unit_test(test_views),
        cmocka_unit_test(test_activity_na),
        cmocka_unit_test(test_heads_fit),
        cmocka_unit_test(test_english_cells),
    };

    setlocale(LC_CTYPE, "C.UTF-8");   /* width_of counts a Chinese character as two columns */

    return cmocka_run_group_tests_name("sheet", tests, setup, teardown);
}
