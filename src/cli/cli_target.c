/*
 * cli_target.c - `tanbook target`: without a workbook, the calculator of 003 formula A.1 (an
 * annual rate to the overall reduction between two years, or back); with one, the targets of its
 * plan (001 §6.5.1, 003 A.2): record one (--parameter), add the presets of 004 and 003 A.2.4.2
 * (--preset), delete one (--delete ID), or list them with their progress (kpi's lines). The
 * arithmetic is core/plan.h's, the progress core/perf.h's.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/period.h"
#include "base/strbuf.h"
#include "base/text.h"
#include "cli/cli.h"
#include "core/perf.h"
#include "core/plan.h"

#define TR(lang, zh, en) ((lang) == LANG_EN ? (en) : (zh))

enum {
    OPT_BASE_YEAR = 1, OPT_TARGET_YEAR, OPT_RATE, OPT_REDUCTION, OPT_JSON, OPT_PARAM, OPT_BASE,
    OPT_NOTE, OPT_PRESET, OPT_LIST, OPT_DELETE, OPT_LANG, OPT_YEAR,
};

struct targ_args {
    const char *file;       /* NULL: the calculator */
    const char *base_year, *target_year, *rate, *reduction, *parameter, *base, *note;
    const char *preset, *del, *year;
    int list, json;
    enum lang lang;
};

/* Reads a percentage in (0, 100) given to opt; 0, or EXIT_USAGE after printing why. */
static int
parse_pct(const char *opt, const char *arg, double *v)
{
    char *why = NULL;

    if (text_parse_number(arg, v, &why) != ERR_OK) {
        cli_error("%s：%s", opt, why);
        free(why);
        return EXIT_USAGE;
    }
    if (!(*v > 0 && *v < 100)) {
        cli_error("%s：应大于 0 且小于 100（%%），而不是 %s", opt, arg);
        return EXIT_USAGE;
    }
    return 0;
}

/* Reads a year given to opt; 0, or EXIT_USAGE after printing why. */
static int
parse_year(const char *opt, const char *arg, int *year)
{
    char *why = NULL;

    if (period_parse_year(arg, year, &why) != ERR_OK) {
        cli_error("%s：%s", opt, why);
        free(why);
        return EXIT_USAGE;
    }
    return 0;
}

/* The target year must come after the base year (A.1 divides by tT − tB). */
static int
check_years(int base, int target, enum lang lang)
{
    if (target > base)
        return 0;
    cli_error(TR(lang, "目标年（%d）须晚于基准年（%d）：式 A.1 按两者相隔的年数计算",
                 "the target year (%d) must come after the base year (%d): formula A.1 counts "
                 "the years between them"), target, base);
    return EXIT_USAGE;
}

/* `target --base-year B --target-year T (--annual-rate r | --reduction R) [--json]`. */
static int
calculator(const struct targ_args *a)
{
    enum lang l = a->lang;
    double v, rate, red;
    int b, t, n, rc;

    if (a->parameter || a->base || a->note || a->preset || a->del || a->list || a->year) {
        cli_error("不给工作簿时 target 是计算器：只用 --base-year、--target-year、--annual-rate 或 "
                  "--reduction、--json；要设定目标请给出工作簿 FILE");
        return cli_usage(&cli_cmd_target);
    }
    if (a->base_year == NULL || a->target_year == NULL || (a->rate == NULL) == (a->reduction == NULL)) {
        cli_error("计算器需要 --base-year、--target-year，以及 --annual-rate 或 --reduction 之一");
        return cli_usage(&cli_cmd_target);
    }
    if ((rc = parse_year("--base-year", a->base_year, &b)) != 0
        || (rc = parse_year("--target-year", a->target_year, &t)) != 0
        || (rc = parse_pct(a->rate != NULL ? "--annual-rate" : "--reduction",
                           a->rate != NULL ? a->rate : a->reduction, &v)) != 0
        || (rc = check_years(b, t, l)) != 0)
        return rc;
    n = t - b;
    /* 003 formula A.1: R = 1 − (1 − r)^(tT − tB), and back */
    rate = a->rate != NULL ? v : 100 * plan_annual(v / 100, n);
    red = a->rate != NULL ? 100 * plan_overall(v / 100, n) : v;
    if (a->json) {
        printf("{\"base_year\": %d, \"target_year\": %d, \"annual_rate_pct\": %.17g, "
               "\"reduction_pct\": %.17g}\n", b, t, rate, red);
        return 0;
    }
    if (l == LANG_EN)
        printf("base year %d → target year %d (%d year%s): annual reduction rate %.2f %%, "
               "overall reduction %.2f %%\n(003 formula A.1: R = 1 − (1 − r)^(tT − tB))\n",
               b, t, n, n == 1 ? "" : "s", rate, red);
    else
        printf("基准年 %d → 目标年 %d（%d 年）：年均下降率 %.2f %%，总体下降率 %.2f %%\n"
               "（003 式 A.1：R = 1 − (1 − r)^(tT − tB)）\n", b, t, n, rate, red);
    return 0;
}

/* One line for a recorded target: "[3] 单位建筑面积碳排放量 2025 年 下降 10 %". */
static void
say_recorded(const struct wb_target *t, enum lang l, const char *what)
{
    char v[64];

    text_format_number(t->value, TEXT_DIGITS, v, sizeof v);
    cli_out("%s [%lld] %s  %d  %s %s %%%s%s\n", what, t->id, plan_param_label(t->param, l),
            t->target_year,
            t->kind == TARGET_CAP ? TR(l, "不超过", "at most")
            : t->kind == TARGET_RATE ? TR(l, "年均下降", "annual reduction") : TR(l, "下降", "reduction"),
            v, t->base != NULL ? TR(l, "  基准期 ", "  base ") : "", t->base != NULL ? t->base : "");
}

/* The latest year of b when it names its years (moving: 0, resolved only against the years). */
static int
base_last_year(const struct wb_base *b)
{
    return b->kind == BASE_MOVING || b->nyears == 0 ? 0 : b->years[b->nyears - 1];
}

/* `target FILE --parameter P --target-year T (--reduction R | --annual-rate r) [--base S] [--note N]`. */
static int
record(struct app *app, const struct targ_args *a)
{
    enum lang l = a->lang;
    struct wb_target t = {0};
    struct wb_base b = {0};
    struct wb_plan plan;
    struct book *wb;
    char *cause = NULL;
    int rc, p, last = 0;
    enum err e = ERR_OK;

    if (a->target_year == NULL || (a->rate == NULL) == (a->reduction == NULL)) {
        cli_error("--parameter 需要 --target-year，以及 --reduction 或 --annual-rate 之一");
        return cli_usage(&cli_cmd_target);
    }
    if ((p = plan_param_find(a->parameter)) < 0) {
        cli_error("--parameter：未知的参数“%s”（total、intensity、per_capita、energy_intensity）",
                  a->parameter);
        return cli_usage(&cli_cmd_target);
    }
    if ((rc = parse_year("--target-year", a->target_year, &t.target_year)) != 0)
        return rc;
    t.param = (enum plan_param)p;
    t.kind = a->rate != NULL ? TARGET_RATE : TARGET_REDUCTION;
    if (text_parse_number(a->rate != NULL ? a->rate : a->reduction, &t.value, &cause) != ERR_OK) {
        cli_error("%s：%s", a->rate != NULL ? "--annual-rate" : "--reduction", cause);
        free(cause);
        return EXIT_USAGE;
    }
    if (a->base != NULL) {
        if (plan_base_parse(a->base, l, &b, &cause) != ERR_OK) {
            cli_error("--base：%s", cause);
            free(cause);
            return cli_usage(&cli_cmd_target);
        }
        t.base = plan_base_text(&b);
        last = base_last_year(&b);
    }
    t.note = text_trim(a->note != NULL ? a->note : "");
    if (plan_target_valid(&t, l, &cause) != ERR_OK) {
        cli_error("%s", cause);
        free(cause);
        plan_target_free(&t);
        return EXIT_USAGE;
    }
    if ((rc = cli_open(app, a->file, BOOK_WRITE, &wb)) != 0) {
        plan_target_free(&t);
        return rc;
    }
    if (a->base == NULL && (e = book_load_plan(wb, &plan, &cause)) == ERR_OK) {
        const struct wb_base *wbase = plan_base(&plan);

        if (wbase == NULL)
            cli_error(TR(l, "注意：工作簿还没有基准期（tanbook set FILE --base 2022），设定之前无法评估此目标",
                         "note: the workbook has no base period yet (tanbook set FILE --base 2022); "
                         "the target cannot be assessed until it has"));
        else
            last = base_last_year(wbase);
        plan_free(&plan);
    } else if (a->base == NULL) {
        book_close(wb);
        plan_target_free(&t);
        return cli_fail(e, cause);
    }
    if (last != 0 && (rc = check_years(last, t.target_year, l)) != 0) {
        book_close(wb);
        plan_target_free(&t);
        return rc;
    }
    e = store_target_put(book_store(wb), &t, &cause);
    book_close(wb);
    if (e == ERR_OK)
        say_recorded(&t, l, TR(l, "已记录目标", "recorded target"));
    plan_target_free(&t);
    return e != ERR_OK ? cli_fail(e, cause) : 0;
}

/* `target FILE --preset national-2025 | 1.5c [--target-year T]`, in one transaction. */
static int
add_preset(struct app *app, const struct targ_args *a)
{
    enum lang l = a->lang;
    struct wb_target *ts = NULL;
    struct wb_plan plan = {0};
    struct store *st;
    struct book *wb;
    char *cause = NULL;
    size_t n = 0, i;
    int rc, year = 0, latest = 0, exists, added = 0;
    enum err e;

    if (a->parameter || a->rate || a->reduction || a->base || a->note) {
        cli_error("--preset 的目标由预设给出，不与 --parameter、--reduction、--annual-rate、--base、"
                  "--note 一起使用");
        return cli_usage(&cli_cmd_target);
    }
    if (a->target_year != NULL && strcmp(a->preset, "1.5c") != 0) {
        cli_error("--target-year 只用于 --preset 1.5c（national-2025 的目标年是 2025）");
        return cli_usage(&cli_cmd_target);
    }
    if (a->target_year != NULL && (rc = parse_year("--target-year", a->target_year, &year)) != 0)
        return rc;
    if ((rc = cli_open(app, a->file, BOOK_WRITE, &wb)) != 0)
        return rc;
    /* 1.5c without a year: five years after the workbook's latest */
    if (year == 0 && (rc = cli_year(wb, NULL, 0, &latest, &exists)) != 0) {
        book_close(wb);
        return rc;
    }
    if (year == 0)
        year = latest + 5;
    st = book_store(wb);
    if ((e = plan_preset(a->preset, year, l, &ts, &n, &cause)) != ERR_OK) {
        book_close(wb);
        cli_error("--preset：%s", cause);
        free(cause);
        return cli_usage(&cli_cmd_target);
    }
    if ((e = book_load_plan(wb, &plan, &cause)) == ERR_OK)
        e = store_begin(st, &cause);
    for (i = 0; i < n && e == ERR_OK; i++) {
        if (plan_preset_held(&plan, &ts[i]))
            continue;
        if ((e = plan_target_valid(&ts[i], l, &cause)) == ERR_OK)
            e = store_target_put(st, &ts[i], &cause);
        added += e == ERR_OK;
    }
    if (e == ERR_OK)
        e = store_commit(st, &cause);
    else
        store_rollback(st);
    book_close(wb);
    for (i = 0; i < n; i++) {
        if (e == ERR_OK)
            say_recorded(&ts[i], l, ts[i].id != 0 ? TR(l, "已记录目标", "recorded target")
                                                   : TR(l, "已有，未重复添加", "already held, not added again"));
        plan_target_free(&ts[i]);
    }
    free(ts);
    plan_free(&plan);
    if (e != ERR_OK)
        return cli_fail(e, cause);
    if (added == 0)
        cli_out(TR(l, "预设 %s 的目标都已在工作簿中\n", "the targets of preset %s are all held already\n"),
                a->preset);
    return 0;
}

/* `target FILE --delete ID`. */
static int
delete_one(struct app *app, const struct targ_args *a)
{
    struct book *wb;
    char *cause = NULL, *end;
    long long id;
    int rc;
    enum err e;

    id = strtoll(a->del, &end, 10);
    if (end == a->del || *end != '\0' || id <= 0) {
        cli_error("--delete：应为目标的编号（tanbook target FILE 列出），而不是“%s”", a->del);
        return cli_usage(&cli_cmd_target);
    }
    if ((rc = cli_open(app, a->file, BOOK_WRITE, &wb)) != 0)
        return rc;
    e = store_plan_delete(book_store(wb), "target", id, &cause);
    book_close(wb);
    if (e != ERR_OK)
        return cli_fail(e, cause);
    cli_out(TR(a->lang, "已删除目标 [%lld]\n", "deleted target [%lld]\n"), id);
    return 0;
}

/* `target FILE [--list] [--year Y] [--json]`: the targets with their progress in the year. */
static int
list(struct app *app, const struct targ_args *a)
{
    struct strbuf sb = {0};
    struct book *wb;
    struct perf p;
    char *cause = NULL;
    int rc, year, exists;
    enum err e;

    if (a->rate || a->reduction || a->base || a->note || a->target_year) {
        cli_error("这些选项用于设定目标，需要 --parameter（或 --preset）");
        return cli_usage(&cli_cmd_target);
    }
    if ((rc = cli_open(app, a->file, BOOK_READ, &wb)) != 0)
        return rc;
    if ((rc = cli_year(wb, a->year, 0, &year, &exists)) != 0) {
        book_close(wb);
        return rc;
    }
    e = book_perf(wb, year, a->lang, &p, &cause);
    book_close(wb);
    if (e != ERR_OK)
        return cli_fail(e, cause);
    if (a->json) {
        sb_printf(&sb, "{\"year\": %d, \"targets\": ", year);
        cli_kpi_targets_json(&sb, &p, year);
        sb_append(&sb, "}\n");
        fputs(sb.s, stdout);
    } else {
        sb_printf(&sb, TR(a->lang, "目标进度（%d 年）；删除: tanbook target FILE --delete ID\n",
                          "Targets, progress in %d; to delete one: tanbook target FILE --delete ID\n"),
                  year);
        cli_kpi_targets(&sb, &p, year);
        cli_out("%s", sb.s);
    }
    sb_free(&sb);
    perf_free(&p);
    return 0;
}

static const struct cli_opt target_opts[] = {
    CLI_OPT("base-year", "B", OPT_BASE_YEAR, "计算器的基准年"),
    CLI_OPT("target-year", "T", OPT_TARGET_YEAR, "目标年"),
    CLI_OPT("annual-rate", "PCT", OPT_RATE, "年均下降率，%"),
    CLI_OPT("reduction", "PCT", OPT_REDUCTION, "总体下降率，%"),
    CLI_OPT("json", NULL, OPT_JSON, "以 JSON 输出"),
    CLI_OPT("parameter", "PARAM", OPT_PARAM, "设定目标的参数（PARAM 见下）"),
    CLI_OPT("base", "SPEC", OPT_BASE, "目标自己的基准期（2020、2020-2022、moving:3）；不给时随工作簿的基准期"),
    CLI_OPT("note", "TEXT", OPT_NOTE, "目标的备注"),
    CLI_OPT("preset", "NAME", OPT_PRESET, "添加预设目标：national-2025 或 1.5c（见下）"),
    CLI_OPT("list", NULL, OPT_LIST, "列出目标及其进度（给出 FILE 而无其他选项时也是列出）"),
    CLI_OPT("delete", "ID", OPT_DELETE, "删除目标，ID 为列出时方括号中的编号"),
    CLI_OPT("lang", "zh|en", OPT_LANG, "输出语言（默认 zh）"),
    CLI_OPT("year", "Y", OPT_YEAR, "列出进度的年度（默认最新）"),
    CLI_OPT_END,
};

static int
cmd_target(struct app *app, int argc, char **argv)
{
    struct targ_args a = {.lang = LANG_ZH};
    int c;

    while ((c = cli_getopt(target_opts, argc, argv)) != -1) {
        switch (c) {
        case OPT_BASE_YEAR: a.base_year = optarg; break;
        case OPT_TARGET_YEAR: a.target_year = optarg; break;
        case OPT_RATE: a.rate = optarg; break;
        case OPT_REDUCTION: a.reduction = optarg; break;
        case OPT_JSON: a.json = 1; break;
        case OPT_PARAM: a.parameter = optarg; break;
        case OPT_BASE: a.base = optarg; break;
        case OPT_NOTE: a.note = optarg; break;
        case OPT_PRESET: a.preset = optarg; break;
        case OPT_LIST: a.list = 1; break;
        case OPT_DELETE: a.del = optarg; break;
        case OPT_YEAR: a.year = optarg; break;
        case OPT_LANG:
            if (cli_lang(optarg, &a.lang) != 0)
                return cli_usage(&cli_cmd_target);
            break;
        default:
            return cli_usage(&cli_cmd_target);
        }
    }
    if (argc - optind > 1) {
        cli_error("多余的参数“%s”", argv[argc - 1]);
        return cli_usage(&cli_cmd_target);
    }
    if (argc - optind == 0)
        return calculator(&a);
    a.file = argv[optind];
    if (a.base_year != NULL) {
        cli_error("--base-year 只用于计算器（不给工作簿时）；目标的基准期用 --base");
        return cli_usage(&cli_cmd_target);
    }
    if ((a.parameter != NULL) + (a.preset != NULL) + (a.del != NULL) + a.list > 1) {
        cli_error("--parameter、--preset、--delete 和 --list 每次只用一个");
        return cli_usage(&cli_cmd_target);
    }
    if (a.json && (a.parameter || a.preset || a.del)) {
        cli_error("--json 只用于计算器和列出目标");
        return cli_usage(&cli_cmd_target);
    }
    if (a.parameter != NULL)
        return record(app, &a);
    if (a.preset != NULL)
        return add_preset(app, &a);
    if (a.del != NULL)
        return delete_one(app, &a);
    return list(app, &a);
}

const struct cli_cmd cli_cmd_target = {
    .name = "target",
    .summary = "碳目标：式 A.1 计算器；设定、添加预设、删除或列出工作簿的目标及其进度",
    .usage = "target [FILE] [选项]",
    .help = "计算器（不给 FILE）: 总体下降率 R = 1 − (1 − r)^(tT − tB)（003 式 A.1），给出一个算出另一个\n"
            "  --base-year B --target-year T (--annual-rate r | --reduction R) [--json]\n"
            "  例: tanbook target --base-year 2022 --target-year 2025 --annual-rate 4.48   → 12.85 %\n"
            "  --json 键名: base_year, target_year, annual_rate_pct, reduction_pct\n"
            "设定目标: target FILE --parameter PARAM --target-year T (--reduction PCT | --annual-rate PCT)\n"
            "          [--base SPEC] [--note TEXT]\n"
            "  PARAM: total（碳排放总量）、intensity（单位建筑面积碳排放量）、per_capita（人均碳排放量）、\n"
            "         energy_intensity（单位建筑面积综合能耗）\n"
            "预设: target FILE --preset national-2025   2025 年较 2020 年单位建筑面积碳排放 −7 %、能耗 −5 %，\n"
            "                                          煤炭消费占比不超过 13 %（004）\n"
            "      target FILE --preset 1.5c [--target-year T]   范围一和范围二每年至少下降 4.2 %（003 A.2.4.2），\n"
            "                                          目标年默认为工作簿最新年度 + 5\n"
            "列出: target FILE [--list] [--year Y] [--json] [--lang zh|en]   目标及其在该年（默认最新）的进度\n"
            "删除: target FILE --delete ID   ID 为列出时方括号中的编号\n",
    .opts = target_opts,
    .run = cmd_target,
};
