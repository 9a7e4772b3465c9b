/*
 * cli_new.c - `tanbook new` and `tanbook set`: create a workbook, or change a year's A.1 values,
 * electricity area, GWP set and factor overrides. The A.1 options come from forms/ (the `cli`
 * column), so a field added there is settable here without code.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/period.h"
#include "cli/cli.h"
#include "base/text.h"

enum {
    OPT_YEAR = 1,
    OPT_GRID,
    OPT_GWP,
    OPT_FACTOR,
    OPT_FACTOR_SOURCE,
    OPT_DENSITY,
    OPT_FORCE,
    OPT_FIELD = 100,   /* OPT_FIELD + i: field i of A.1 */
};

struct override {
    const struct source_def *src;
    double value;
};

struct info_args {
    const char *file;
    const char *year;
    int year_num;           /* year, parsed */
    const char *grid_area;
    const char *gwp;
    const char *factor_source;
    char **values;          /* per A.1 field, canonical text, NULL when not given */
    struct override *factors;
    size_t nfactors;
    struct override *densities;
    size_t ndensities;
};

static void
args_free(const struct form_def *a1, struct info_args *a)
{
    size_t i;

    for (i = 0; i < a1->nfields; i++)
        free(a->values[i]);
    free(a->values);
    free(a->factors);
    free(a->densities);
}

/* Parses "SOURCE=VALUE" into *o; prints why and returns 0 when it cannot. */
static int
parse_override(struct app *app, const char *opt, const char *arg, double max, struct override *o)
{
    const char *eq = strchr(arg, '=');
    char *name, *why = NULL;

    if (eq == NULL) {
        cli_error("%s：应写作 排放源=数值，如 %s 天然气=21.65", opt, opt);
        return 0;
    }
    name = xstrndup(arg, (size_t)(eq - arg));
    o->src = factors_source(app->lib, name);
    if (o->src == NULL) {
        cli_error("%s：未知的排放源“%s”", opt, name);
        free(name);
        return 0;
    }
    free(name);
    if (text_parse_number(eq + 1, &o->value, &why) != ERR_OK) {
        cli_error("%s：%s", opt, why);
        free(why);
        return 0;
    }
    if (strcmp(opt, "--density") == 0 && o->src->activity_unit->dim != DIM_MASS) {
        cli_error("%s：%s 不按质量计量，不使用密度", opt, o->src->zh);
        return 0;
    }
    if (!(o->value > 0) || o->value > max) {
        cli_error("%s：%s 的数值应大于 0 且不超过 %g", opt, o->src->zh, max);
        return 0;
    }
    return 1;
}

/* Parses the options of new/set; returns 0 or an exit code (after printing why). */
static int
parse_args(struct app *app, const struct cli_cmd *cmd, int allow_overrides, int argc, char **argv,
           struct info_args *a)
{
    const struct form_def *a1 = forms_get(app->forms, "A.1");
    struct option *opts;
    size_t i, n = 0;
    int c, bad = 0;
    struct override o;
    char *why = NULL;

    memset(a, 0, sizeof(*a));
    a->values = xcalloc(a1->nfields, sizeof(char *));
    opts = xcalloc(a1->nfields + 8, sizeof(*opts));
    for (i = 0; i < a1->nfields; i++)
        if (a1->fields[i].cli != NULL)
            opts[n++] = (struct option){a1->fields[i].cli, required_argument, NULL,
                                        OPT_FIELD + (int)i};
    opts[n++] = (struct option){"year", required_argument, NULL, OPT_YEAR};
    opts[n++] = (struct option){"grid-area", required_argument, NULL, OPT_GRID};
    opts[n++] = (struct option){"gwp", required_argument, NULL, OPT_GWP};
    if (allow_overrides) {
        opts[n++] = (struct option){"factor", required_argument, NULL, OPT_FACTOR};
        opts[n++] = (struct option){"factor-source", required_argument, NULL, OPT_FACTOR_SOURCE};
        opts[n++] = (struct option){"density", required_argument, NULL, OPT_DENSITY};
    }
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c >= OPT_FIELD) {
            const struct field_def *fd = &a1->fields[c - OPT_FIELD];
            double num;

            if (fd->required && text_is_blank(optarg)) {
                cli_error("--%s：“%s”不能为空", fd->cli, fd->zh);
                bad = 1;
            } else if (forms_validate(fd, optarg, &num, &why) != ERR_OK) {
                cli_error("--%s：%s", fd->cli, why);
                free(why);
                bad = 1;
            } else {
                free(a->values[c - OPT_FIELD]);
                if (fd->type == FT_NUMBER || fd->type == FT_INTEGER)
                    a->values[c - OPT_FIELD] = xasprintf("%.15g", num);
                else
                    a->values[c - OPT_FIELD] = text_trim(optarg);
            }
            continue;
        }
        switch (c) {
        case OPT_YEAR: a->year = optarg; break;
        case OPT_GRID: a->grid_area = optarg; break;
        case OPT_GWP: a->gwp = optarg; break;
        case OPT_FACTOR_SOURCE: a->factor_source = optarg; break;
        case OPT_FACTOR:
        case OPT_DENSITY:
            if (!parse_override(app, c == OPT_FACTOR ? "--factor" : "--density", optarg,
                                c == OPT_FACTOR ? 1e6 : 5.0, &o)) {
                bad = 1;
            } else if (c == OPT_FACTOR) {
                a->factors = xrealloc(a->factors, (a->nfactors + 1) * sizeof(o));
                a->factors[a->nfactors++] = o;
            } else {
                a->densities = xrealloc(a->densities, (a->ndensities + 1) * sizeof(o));
                a->densities[a->ndensities++] = o;
            }
            break;
        default:
            cli_error("无法识别的选项“%s”", argv[optind - 1]);
            free(opts);
            return cli_usage(cmd);
        }
    }
    free(opts);
    if (optind != argc - 1) {
        if (optind >= argc)
            cli_error("缺少工作簿文件名");
        else
            cli_error("多余的参数“%s”", argv[argc - 1]);
        return cli_usage(cmd);
    }
    a->file = argv[optind];
    if (a->year != NULL && period_parse_year(a->year, &a->year_num, &why) != ERR_OK) {
        cli_error("--year：%s", why);
        free(why);
        return EXIT_USAGE;
    }
    if (a->nfactors > 0 && text_is_blank(a->factor_source)) {
        cli_error("--factor 需要同时用 --factor-source 说明因子的数据来源");
        bad = 1;
    }
    if (a->gwp != NULL) {
        for (i = 0; i < app->lib->ngwp && strcmp(app->lib->gwp[i].set, a->gwp) != 0; i++)
            ;
        if (i == app->lib->ngwp) {
            cli_error("--gwp：未知的 GWP 版本“%s”（可选 AR5、AR6）", a->gwp);
            bad = 1;
        }
    }
    return bad ? EXIT_REJECTED : 0;
}

/* Applies --factor and --density to the pinned factors of year. */
static enum err
apply_overrides(struct app *app, struct store *st, int year, const struct info_args *a,
                char **cause)
{
    struct wb_year y;
    size_t i;
    enum err e;

    if (a->nfactors == 0 && a->ndensities == 0)
        return ERR_OK;
    if ((e = store_load_year(st, app->lib, year, &y, cause)) != ERR_OK)
        return e;
    for (i = 0; i < a->nfactors + a->ndensities && e == ERR_OK; i++) {
        const struct override *o = i < a->nfactors ? &a->factors[i] : &a->densities[i - a->nfactors];
        const struct factor_pin *old = model_pin(&y, o->src->id);
        struct factor_pin p;

        if (old == NULL) {
            *cause = xasprintf("%d 年度没有 %s 的排放因子", year, o->src->zh);
            e = ERR_NOTFOUND;
            break;
        }
        factors_pin_copy(&p, old);
        if (i < a->nfactors) {
            char *t = text_trim(a->factor_source);

            p.value = o->value;
            p.ncv = p.cc = p.ox = 0;    /* a stated value is no longer the library's derivation */
            free(p.source_text);
            p.source_text = t;
            p.overridden = 1;
        } else {
            p.density = o->value;
        }
        e = store_pin_set(st, year, &p, cause);
        factors_pin_free(&p);
    }
    model_free(&y);
    return e;
}

/* Writes what a holds into year (creating the year when absent), inside one transaction. */
static int
write_info(struct app *app, struct store *st, int year, int exists, const struct info_args *a,
           int *changed)
{
    const struct form_def *a1 = forms_get(app->forms, "A.1");
    char *cause = NULL;
    size_t i;
    enum err e;

    *changed = 0;
    if ((e = store_begin(st, &cause)) != ERR_OK)
        return cli_fail(e, cause);
    if (!exists)
        e = store_year_add(st, app->lib, year, a->grid_area, a->gwp, &cause);
    else if (a->grid_area != NULL || a->gwp != NULL)
        e = store_year_settings(st, app->lib, year, a->grid_area, a->gwp, &cause);
    *changed += (a->grid_area != NULL) + (a->gwp != NULL);
    for (i = 0; i < a1->nfields && e == ERR_OK; i++) {
        if (a->values[i] == NULL)
            continue;
        e = store_info_set(st, a1->fields[i].scope, year, a1->fields[i].key, a->values[i], &cause);
        (*changed)++;
    }
    if (e == ERR_OK)
        e = apply_overrides(app, st, year, a, &cause);
    if (e == ERR_OK)
        e = store_commit(st, &cause);
    if (e != ERR_OK) {
        store_rollback(st);
        return cli_fail(e, cause);
    }
    *changed += (int)(a->nfactors + a->ndensities);
    return 0;
}

static int
cmd_new(struct app *app, int argc, char **argv)
{
    const struct form_def *a1 = forms_get(app->forms, "A.1");
    const struct field_def *name = forms_field(a1, "unit_name");
    struct info_args a;
    struct book *wb;
    int rc, changed;

    if ((rc = parse_args(app, &cli_cmd_new, 0, argc, argv, &a)) != 0) {
        args_free(a1, &a);
        return rc;
    }
    if (a.values[name - a1->fields] == NULL || a.year == NULL) {
        cli_error("new 需要 --%s 和 --year", name->cli);
        args_free(a1, &a);
        return cli_usage(&cli_cmd_new);
    }
    if ((rc = cli_open(app, a.file, BOOK_CREATE, &wb)) != 0) {
        args_free(a1, &a);
        return rc;
    }
    rc = write_info(app, book_store(wb), a.year_num, 0, &a, &changed);
    book_close(wb);
    if (rc != 0)
        store_remove(a.file);
    else
        printf("已创建工作簿 %s：%s，%d 年度\n", a.file, a.values[name - a1->fields], a.year_num);
    args_free(a1, &a);
    return rc;
}

static int
cmd_set(struct app *app, int argc, char **argv)
{
    const struct form_def *a1 = forms_get(app->forms, "A.1");
    struct info_args a;
    struct book *wb;
    int rc, year, exists, changed;

    if ((rc = parse_args(app, &cli_cmd_set, 1, argc, argv, &a)) != 0) {
        args_free(a1, &a);
        return rc;
    }
    if ((rc = cli_open(app, a.file, BOOK_WRITE, &wb)) != 0) {
        args_free(a1, &a);
        return rc;
    }
    if ((rc = cli_year(wb, a.year, 1, &year, &exists)) == 0
        && (rc = write_info(app, book_store(wb), year, exists, &a, &changed)) == 0) {
        if (!exists)
            printf("已添加 %d 年度（排放因子已按因子库固定）\n", year);
        printf("已保存 %d 项到 %s（%d 年度）\n", changed, a.file, year);
    }
    book_close(wb);
    args_free(a1, &a);
    return rc;
}

/* Lists the A.1 options from forms/, then the year options. */
static void
info_help(const struct app *app)
{
    const struct form_def *a1 = forms_get(app->forms, "A.1");
    char *opt, *text;
    size_t i;

    printf("%s 选项:\n", a1->title_zh);
    for (i = 0; i < a1->nfields; i++) {
        const struct field_def *fd = &a1->fields[i];

        if (fd->cli == NULL)
            continue;
        opt = xasprintf("--%s VALUE", fd->cli);
        text = xasprintf("%s%s%s%s  %s", fd->zh, fd->unit ? "（" : "", fd->unit ? fd->unit : "",
                         fd->unit ? "）" : "", fd->help_zh);
        cli_help_row(opt, text);
        free(opt);
        free(text);
    }
    printf("年度选项:\n");
    cli_help_row("--year YEAR", "报告年度");
    cli_help_row("--grid-area AREA", "电力排放因子的地区：全国（默认）、区域电网（如 华东）或省份（如 浙江）");
    cli_help_row("--gwp SET", "逸散排放的 GWP 版本：AR6（默认）或 AR5");
}

const struct cli_cmd cli_cmd_new = {
    .name = "new",
    .summary = "新建工作簿（一个报告单位），并添加第一个年度",
    .usage = "new FILE --unit NAME --year YEAR [选项]",
    .help = "新年度的排放因子按内置因子库固定到工作簿中，之后因子库更新也不会改变该年度。\n"
            "例: tanbook new 2024.tanbook --unit 某县机关事务管理局 --year 2024 --area 12000 --headcount 150\n",
    .run = cmd_new,
    .print_help = info_help,
};

const struct cli_cmd cli_cmd_set = {
    .name = "set",
    .summary = "修改基本信息、年度设置或排放因子（年度不存在时添加该年度）",
    .usage = "set FILE [--year YEAR] [选项]",
    .help = "排放因子选项:\n"
            "  --factor SRC=VALUE   用自定义数值替换某排放源的排放因子（需同时给出 --factor-source）\n"
            "  --factor-source TEXT 自定义因子的数据来源，写入表A.6\n"
            "  --density SRC=KG/L   以升计量时使用的密度（如 汽油=0.73）\n"
            "\n不给 --year 时修改工作簿中最新的年度。\n",
    .run = cmd_set,
    .print_help = info_help,
};
