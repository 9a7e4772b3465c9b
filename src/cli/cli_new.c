/*
 * cli_new.c - `tanbook new` and `tanbook set`: create a workbook, or change a year's A.1 values,
 * one A.3 row's texts (--entry), electricity area, GWP set, factor overrides and the base period
 * (--base, --base-reason: a new setting each time, the earlier ones kept as its history). The A.1
 * and A.3 options come from forms/ (the `cli` column), so an A.1 field added there is settable
 * here without code.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/period.h"
#include "base/strbuf.h"
#include "cli/cli.h"
#include "base/text.h"
#include "core/plan.h"

enum {
    OPT_YEAR = 1,
    OPT_GRID,
    OPT_GWP,
    OPT_FACTOR,
    OPT_FACTOR_SOURCE,
    OPT_DENSITY,
    OPT_FORCE,
    OPT_ENTRY,
    OPT_BASE,
    OPT_BASE_REASON,
    OPT_FIELD = 100,   /* OPT_FIELD + i: field i of A.1 */
    OPT_ENTRY_FIELD = 200, /* OPT_ENTRY_FIELD + k: entry_keys[k] of A.3 */
};

/*
 * The A.3 texts store_entry_update writes (the source stays: changing it is a new row's work).
 * Only these get an option when forms/ gives them a cli name.
 */
enum { EK_FACILITY, EK_LOCATION, EK_NOTE, EK__COUNT };
static const char *const entry_keys[EK__COUNT] = {
    [EK_FACILITY] = "facility", [EK_LOCATION] = "location", [EK_NOTE] = "note",
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
    size_t nvalues;         /* A.1 fields, the length of values */
    const char *entry;      /* --entry as typed, NULL when not given */
    const struct source_def *entry_src;
    char *entry_facility;   /* the part after '/', trimmed; NULL: the source's only row */
    char *entry_set[EK__COUNT]; /* trimmed new texts of the row, NULL when not given */
    int entry_given[EK__COUNT]; /* given, even when refused (a refusal is no usage error) */
    int has_base;           /* --base given and read into base */
    struct wb_base base;    /* its kind and years; reason from --base-reason */
    const char *base_reason;/* --base-reason as typed, NULL when not given */
};

static void
args_free(struct info_args *a)
{
    size_t i;

    for (i = 0; i < a->nvalues; i++)
        free(a->values[i]);
    free(a->values);
    free(a->factors);
    free(a->densities);
    free(a->entry_facility);
    for (i = 0; i < EK__COUNT; i++)
        free(a->entry_set[i]);
    free(a->base.reason);
}

/* The index of key in entry_keys, or -1. */
static int
entry_key(const char *key)
{
    int k;

    for (k = 0; k < EK__COUNT; k++)
        if (strcmp(key, entry_keys[k]) == 0)
            return k;
    return -1;
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
        char lim[64];

        text_format_number(max, TEXT_DIGITS, lim, sizeof(lim));
        cli_error("%s：%s 的数值应大于 0 且不超过 %s", opt, o->src->zh, lim);
        return 0;
    }
    return 1;
}

/* Parses --entry SOURCE[/FACILITY] into a; prints why and returns 0 when the source is unknown. */
static int
parse_entry(struct app *app, const char *arg, struct info_args *a)
{
    const char *slash = strchr(arg, '/');
    char *name = slash != NULL ? xstrndup(arg, (size_t)(slash - arg)) : xstrdup(arg), *t;

    a->entry = arg;
    a->entry_src = factors_source(app->lib, name);
    free(a->entry_facility);
    /* a facility may hold a '/' itself: only the first one ends the source */
    a->entry_facility = slash != NULL ? text_trim(slash + 1) : NULL;
    if (a->entry_src == NULL) {
        t = text_trim(name);
        cli_error("--entry：未知的排放源“%s”（可用的排放源见 tanbook factors）", t);
        free(t);
    }
    free(name);
    return a->entry_src != NULL;
}

/* Validates the text of an A.3 option into a->entry_set[k]; prints why and returns 0 when refused. */
static int
parse_entry_field(const struct field_def *fd, int k, const char *arg, struct info_args *a)
{
    char *why = NULL;
    double num;

    if (forms_validate(fd, arg, &num, &why) != ERR_OK) {
        cli_error("--%s：%s", fd->cli, why);
        free(why);
        return 0;
    }
    free(a->entry_set[k]);
    a->entry_set[k] = text_trim(arg);
    return 1;
}

/* Checks that --entry and the A.3 options come together; returns 0 or EXIT_USAGE after printing why. */
static int
check_entry_args(const struct form_def *a3, const struct cli_cmd *cmd, const struct info_args *a)
{
    const struct field_def *fd;
    struct strbuf names = {0};
    int k;

    for (k = 0; k < EK__COUNT; k++) {
        if ((fd = forms_field(a3, entry_keys[k])) == NULL || fd->cli == NULL)
            continue;
        if (a->entry_given[k] && a->entry == NULL) {
            cli_error("--%s 需要用 --entry 选择%s中的一行", fd->cli, a3->title_zh);
            sb_free(&names);
            return cli_usage(cmd);
        }
        sb_printf(&names, "%s--%s", names.len > 0 ? "、" : "", fd->cli);
    }
    for (k = 0; k < EK__COUNT && !a->entry_given[k]; k++)
        ;
    if (a->entry != NULL && k == EK__COUNT) {
        cli_error("--entry 选择了一行，但没有要修改的内容（%s）", names.s != NULL ? names.s : "");
        sb_free(&names);
        return cli_usage(cmd);
    }
    sb_free(&names);
    return 0;
}

/* The sections of new's and set's options, in the order their help lists them. */
enum { SEC_A1, SEC_YEAR, SEC_A3, SEC_BASE, SEC_FACTOR, SEC__COUNT };

static const struct cli_opt year_opts[] = {
    CLI_OPT("year", "YEAR", OPT_YEAR, "报告年度"),
    CLI_OPT("grid-area", "AREA", OPT_GRID, "电力排放因子的地区：全国（默认）、区域电网（如 华东）或省份（如 浙江）"),
    CLI_OPT("gwp", "SET", OPT_GWP, "逸散排放的 GWP 版本：AR6（默认）或 AR5"),
    CLI_OPT_END,
};
static const struct cli_opt base_opts[] = {
    CLI_OPT("base", "SPEC", OPT_BASE, "设定基准期，每次设定都记为新的一条，此前的保留为历史：2022（单一年份）、"
            "2020-2022 或 2019,2021,2022（所选年份的平均）、moving:3（最近 3 个完整年份的移动平均）"),
    CLI_OPT("base-reason", "TEXT", OPT_BASE_REASON, "设定或重新设定基准期的原因（003 §6.2.3），与 --base 一起给出"),
    CLI_OPT_END,
};
static const struct cli_opt factor_opts[] = {
    CLI_OPT("factor", "SRC=VALUE", OPT_FACTOR, "用自定义数值替换某排放源的排放因子（需同时给出 --factor-source）"),
    CLI_OPT("factor-source", "TEXT", OPT_FACTOR_SOURCE, "自定义因子的数据来源，写入表A.6"),
    CLI_OPT("density", "SRC=KG/L", OPT_DENSITY, "以升计量时使用的密度（如 汽油=0.73）"),
    CLI_OPT_END,
};

/* The options of new (for_set 0) or set: the parser's table and what help lists, one table. */
struct info_opts {
    struct cli_opt *v;              /* CLI_OPT_END last */
    char **texts;                   /* the helps made from forms/, freed with the table */
    size_t ntexts;
    size_t start[SEC__COUNT + 1];   /* section s is v[start[s]] up to v[start[s + 1]] */
};

/* Appends field fd's option (its label, unit and help from forms/). */
static void
add_field(struct info_opts *o, size_t *n, const struct field_def *fd, const char *arg, int id)
{
    char *text = xasprintf("%s%s%s%s  %s", fd->zh, fd->unit ? "（" : "", fd->unit ? fd->unit : "",
                           fd->unit ? "）" : "", fd->help_zh);

    o->texts[o->ntexts++] = text;
    o->v[(*n)++] = (struct cli_opt)CLI_OPT(fd->cli, arg, id, text);
}

static void
add_static(struct info_opts *o, size_t *n, const struct cli_opt *opts)
{
    for (; opts->name != NULL; opts++)
        o->v[(*n)++] = *opts;
}

static void
info_opts_build(const struct app *app, int for_set, struct info_opts *o)
{
    const struct form_def *a1 = forms_get(app->forms, "A.1");
    const struct form_def *a3 = forms_get(app->forms, "A.3");
    size_t i, n = 0;
    int k;

    o->v = xcalloc(a1->nfields + a3->nfields + 16, sizeof(*o->v));
    o->texts = xcalloc(a1->nfields + a3->nfields + 1, sizeof(*o->texts));
    o->ntexts = 0;
    o->start[SEC_A1] = n;
    for (i = 0; i < a1->nfields; i++)
        if (a1->fields[i].cli != NULL)
            add_field(o, &n, &a1->fields[i], "VALUE", OPT_FIELD + (int)i);
    o->start[SEC_YEAR] = n;
    add_static(o, &n, year_opts);
    o->start[SEC_A3] = n;
    /* a new workbook has no A.3 rows yet: only set offers them */
    if (for_set) {
        char *text = xasprintf("要修改的一行：%s（中文名、英文或 id），同一%s有多行时加 /%s；"
                               "下列选项都需要它，空字符串清除该项", forms_field(a3, "source")->zh,
                               forms_field(a3, "source")->zh, forms_field(a3, "facility")->zh);

        o->texts[o->ntexts++] = text;
        o->v[n++] = (struct cli_opt)CLI_OPT("entry", "SOURCE[/FACILITY]", OPT_ENTRY, text);
        for (i = 0; i < a3->nfields; i++)
            if (a3->fields[i].cli != NULL && (k = entry_key(a3->fields[i].key)) >= 0)
                add_field(o, &n, &a3->fields[i], "TEXT", OPT_ENTRY_FIELD + k);
    }
    o->start[SEC_BASE] = n;
    if (for_set)
        add_static(o, &n, base_opts);
    o->start[SEC_FACTOR] = n;
    if (for_set)
        add_static(o, &n, factor_opts);
    o->start[SEC__COUNT] = n;
    o->v[n] = (struct cli_opt)CLI_OPT_END;
}

static void
info_opts_free(struct info_opts *o)
{
    size_t i;

    for (i = 0; i < o->ntexts; i++)
        free(o->texts[i]);
    free(o->texts);
    free(o->v);
}

/* Parses the options of new/set; returns 0 or an exit code (after printing why). */
static int
parse_args(struct app *app, const struct cli_cmd *cmd, int for_set, int argc, char **argv,
           struct info_args *a)
{
    const struct form_def *a1 = forms_get(app->forms, "A.1");
    const struct form_def *a3 = forms_get(app->forms, "A.3");
    struct info_opts opts;
    size_t i;
    int c, k, bad = 0, nentry = 0;
    struct override o;
    char *why = NULL;

    memset(a, 0, sizeof(*a));
    a->nvalues = a1->nfields;
    a->values = xcalloc(a1->nfields, sizeof(char *));
    info_opts_build(app, for_set, &opts);
    while ((c = cli_getopt(opts.v, argc, argv)) != -1) {
        if (c >= OPT_ENTRY_FIELD) {
            k = c - OPT_ENTRY_FIELD;
            a->entry_given[k] = 1;
            if (!parse_entry_field(forms_field(a3, entry_keys[k]), k, optarg, a))
                bad = 1;
            continue;
        }
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
                char text[64];

                free(a->values[c - OPT_FIELD]);
                text_format_number(num, TEXT_DIGITS, text, sizeof(text));   /* never "1e-05" */
                if (fd->type == FT_NUMBER || fd->type == FT_INTEGER)
                    a->values[c - OPT_FIELD] = xstrdup(text);
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
        case OPT_BASE_REASON: a->base_reason = optarg; break;
        case OPT_BASE:
            /* a base that does not read is a usage error: the spec is part of the command line */
            if (plan_base_parse(optarg, LANG_ZH, &a->base, &why) != ERR_OK) {
                cli_error("--base：%s", why);
                free(why);
                info_opts_free(&opts);
                return cli_usage(cmd);
            }
            a->has_base = 1;
            break;
        case OPT_ENTRY:
            nentry++;
            if (!parse_entry(app, optarg, a))
                bad = 1;
            break;
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
            info_opts_free(&opts);
            return cli_usage(cmd);
        }
    }
    info_opts_free(&opts);
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
    if (nentry > 1) {
        cli_error("--entry 只能给一次：一次 set 修改%s中的一行", a3->title_zh);
        return cli_usage(cmd);
    }
    if ((c = check_entry_args(a3, cmd, a)) != 0)
        return c;
    if (a->base_reason != NULL && !a->has_base) {
        cli_error("--base-reason 说明基准期为何设定或重新设定，需要同时给出 --base");
        return cli_usage(cmd);
    }
    a->base.reason = text_trim(a->base_reason != NULL ? a->base_reason : "");
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

/* Warnings for the command to print once the workbook is saved: they never stop it. */
struct warnings {
    char **v;
    size_t n;
};

static void
warnings_free(struct warnings *w)
{
    size_t i;

    for (i = 0; i < w->n; i++)
        free(w->v[i]);
    free(w->v);
    memset(w, 0, sizeof(*w));
}

/*
 * Adds the warning for an electricity factor override that is a carbon-footprint factor (it is
 * stored all the same: the user may know better, but most likely copied the wrong table).
 */
static void
warn_footprint(const struct app *app, const struct factor_pin *p, struct warnings *w)
{
    const struct source_def *src = factors_source(app->lib, p->source_id);
    char *why = factors_scope2_warning(app->lib, src, p->unit, p->value, app->lang == LANG_EN);

    if (why == NULL)
        return;
    w->v = xrealloc(w->v, (w->n + 1) * sizeof(*w->v));
    w->v[w->n++] = xasprintf(app->lang == LANG_EN ? "warning: %s" : "警告：%s", why);
    free(why);
}

/* Applies --factor and --density to the pinned factors of year; warnings to *w. */
static enum err
apply_overrides(struct app *app, struct store *st, int year, const struct info_args *a,
                struct warnings *w, char **cause)
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
            warn_footprint(app, &p, w);
        } else {
            p.density = o->value;
        }
        e = store_pin_set(st, year, &p, cause);
        factors_pin_free(&p);
    }
    model_free(&y);
    return e;
}

/* The 排放设施名称 of y's rows of source_id, for a message: "办公楼、附楼". Caller frees. */
static char *
facility_list(const struct form_def *a3, const struct wb_year *y, const char *source_id)
{
    const struct field_def *fd = forms_field(a3, "facility");
    struct strbuf sb = {0};
    size_t i;

    for (i = 0; i < y->nentries; i++) {
        const struct wb_entry *en = &y->entries[i];

        if (strcmp(en->source_id, source_id) != 0)
            continue;
        sb_append(&sb, sb.len > 0 ? "、" : "");
        if (en->facility[0] != '\0')
            sb_append(&sb, en->facility);
        else
            sb_printf(&sb, "（未填%s）", fd->zh);
    }
    return sb_take(&sb);
}

/*
 * Finds the A.3 row of y that --entry names: the source's row with that facility, or its only row.
 * ERR_INPUT with a cause saying there is none, or how to name one of several.
 */
static enum err
entry_find(const struct form_def *a3, const struct wb_year *y, const struct info_args *a,
           const struct wb_entry **out, char **cause)
{
    const struct source_def *src = a->entry_src;
    const struct wb_entry *first = NULL, *named = NULL;
    size_t i, n = 0;
    char *list;

    *out = NULL;
    for (i = 0; i < y->nentries; i++) {
        const struct wb_entry *en = &y->entries[i];

        if (strcmp(en->source_id, src->id) != 0)
            continue;
        if (n++ == 0)
            first = en;
        if (named == NULL && en->facility[0] != '\0')
            named = en;    /* the example to offer: of two rows at most one has no name */
        if (a->entry_facility != NULL && strcmp(en->facility, a->entry_facility) == 0)
            *out = en;
    }
    if (a->entry_facility == NULL && n == 1)
        *out = first;
    if (*out != NULL)
        return ERR_OK;
    if (n == 0) {
        *cause = xasprintf("--entry：%d 年度的%s中没有%s；排放源可用 tanbook import 或在工作簿中添加",
                           y->year, a3->title_zh, src->zh);
        return ERR_INPUT;
    }
    list = facility_list(a3, y, src->id);
    if (a->entry_facility == NULL)
        *cause = xasprintf("--entry：%s 有 %zu 行：%s；请写作 --entry %s/%s", src->zh, n, list,
                           src->zh, named != NULL ? named->facility : "");
    else
        *cause = xasprintf("--entry：%d 年度的%s没有%s为“%s”的一行（有：%s）", y->year, src->zh,
                           forms_field(a3, "facility")->zh, a->entry_facility, list);
    free(list);
    return ERR_INPUT;
}

/* Writes --facility, --location and --note to the A.3 row --entry names (none: nothing). */
static enum err
write_entry(struct app *app, struct store *st, int year, const struct info_args *a, char **cause)
{
    const struct form_def *a3 = forms_get(app->forms, "A.3");
    const struct wb_entry *en;
    struct wb_year y;
    char *why;
    enum err e;

    if (a->entry_src == NULL)
        return ERR_OK;
    if ((e = store_load_year(st, app->lib, year, &y, cause)) != ERR_OK)
        return e;
    if ((e = entry_find(a3, &y, a, &en, cause)) == ERR_OK) {
        e = store_entry_update(st, en->id, NULL, a->entry_set[EK_FACILITY],
                               a->entry_set[EK_LOCATION], a->entry_set[EK_NOTE], cause);
        /* the store refuses a new name another row of the year has: say which option did it */
        if (e == ERR_INPUT && a->entry_set[EK_FACILITY] != NULL) {
            why = *cause;
            *cause = xasprintf("--%s：%s", forms_field(a3, "facility")->cli, why);
            free(why);
        }
    }
    model_free(&y);
    return e;
}

/*
 * Writes what a holds into year (creating the year when absent), inside one transaction; what to
 * warn of once it is saved goes to *w (warnings_free it).
 */
static int
write_info(struct app *app, struct store *st, int year, int exists, const struct info_args *a,
           int *changed, struct warnings *w)
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
        e = write_entry(app, st, year, a, &cause);
    if (e == ERR_OK)
        e = apply_overrides(app, st, year, a, w, &cause);
    if (e == ERR_OK && a->has_base)
        e = store_base_set(st, &a->base, &cause);
    if (e == ERR_OK)
        e = store_commit(st, &cause);
    if (e != ERR_OK) {
        store_rollback(st);
        return cli_fail(e, cause);
    }
    *changed += (int)(a->nfactors + a->ndensities) + a->has_base;
    for (i = 0; i < EK__COUNT; i++)
        *changed += a->entry_set[i] != NULL;
    return 0;
}

static int
cmd_new(struct app *app, int argc, char **argv)
{
    const struct form_def *a1 = forms_get(app->forms, "A.1");
    const struct field_def *name = forms_field(a1, "unit_name");
    struct info_args a;
    struct warnings w = {0};
    struct book *wb;
    int rc, changed;

    if ((rc = parse_args(app, &cli_cmd_new, 0, argc, argv, &a)) != 0) {
        args_free(&a);
        return rc;
    }
    if (a.values[name - a1->fields] == NULL || a.year == NULL) {
        cli_error("new 需要 --%s 和 --year", name->cli);
        args_free(&a);
        return cli_usage(&cli_cmd_new);
    }
    if ((rc = cli_open(app, a.file, BOOK_CREATE, &wb)) != 0) {
        args_free(&a);
        return rc;
    }
    rc = write_info(app, book_store(wb), a.year_num, 0, &a, &changed, &w);
    warnings_free(&w);     /* new takes no --factor: nothing to warn of */
    book_close(wb);
    if (rc != 0)
        store_remove(a.file);
    else
        cli_out("已创建工作簿 %s：%s，%d 年度\n", a.file, a.values[name - a1->fields], a.year_num);
    args_free(&a);
    return rc;
}

static int
cmd_set(struct app *app, int argc, char **argv)
{
    struct info_args a;
    struct warnings w = {0};
    struct book *wb;
    size_t i;
    int rc, year, exists, changed;

    if ((rc = parse_args(app, &cli_cmd_set, 1, argc, argv, &a)) != 0) {
        args_free(&a);
        return rc;
    }
    if ((rc = cli_open(app, a.file, BOOK_WRITE, &wb)) != 0) {
        args_free(&a);
        return rc;
    }
    if ((rc = cli_year(wb, a.year, 1, &year, &exists)) == 0
        && (rc = write_info(app, book_store(wb), year, exists, &a, &changed, &w)) == 0) {
        if (!exists)
            printf("已添加 %d 年度（排放因子已按因子库固定）\n", year);
        if (a.has_base) {
            char *words = plan_base_words(&a.base, LANG_ZH);

            cli_out("已设定基准期：%s（此前的设定保留为历史，见 tanbook kpi）\n", words);
            free(words);
            for (i = 0; i < a.base.nyears; i++) {     /* kept: the year may be added later */
                char *why = NULL;
                int there = 1;

                if (store_year_exists(book_store(wb), a.base.years[i], &there, &why) != ERR_OK)
                    there = 1;    /* a note only: not worth failing the command for */
                free(why);
                if (!there)
                    cli_error("注意：工作簿中还没有 %d 年度，添加并填写之前基准期无法计算",
                              a.base.years[i]);
            }
        }
        if (!a.has_base || changed > 1)     /* the base is the workbook's, not the year's */
            cli_out("已保存 %d 项到 %s（%d 年度）\n", changed - a.has_base, a.file, year);
        for (i = 0; i < w.n; i++)
            cli_error("%s", w.v[i]);
    }
    warnings_free(&w);
    book_close(wb);
    args_free(&a);
    return rc;
}

/* Lists the options of new (for_set 0) or set by section, from the table the parser reads. */
static void
opts_help(const struct app *app, int for_set)
{
    const struct form_def *a1 = forms_get(app->forms, "A.1");
    const struct form_def *a3 = forms_get(app->forms, "A.3");
    char *titles[SEC__COUNT];
    struct info_opts o;
    size_t i;
    int sec;

    titles[SEC_A1] = xasprintf("%s 选项:", a1->title_zh);
    titles[SEC_YEAR] = xstrdup("年度选项:");
    titles[SEC_A3] = xasprintf("%s 选项:", a3->title_zh);
    titles[SEC_BASE] = xstrdup("碳基准选项（003 §6.2）:");
    titles[SEC_FACTOR] = xstrdup("排放因子选项:");
    info_opts_build(app, for_set, &o);
    for (sec = 0; sec < SEC__COUNT; sec++) {
        if (o.start[sec] < o.start[sec + 1])
            printf("%s\n", titles[sec]);
        for (i = o.start[sec]; i < o.start[sec + 1]; i++) {
            struct cli_opt one[2] = {o.v[i], CLI_OPT_END};

            cli_help_opts(one);
        }
        free(titles[sec]);
    }
    info_opts_free(&o);
}

static void
info_help(const struct app *app)
{
    opts_help(app, 0);
}

static void
set_help(const struct app *app)
{
    opts_help(app, 1);
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
    .summary = "修改基本信息、排放源一览表、年度设置或排放因子（年度不存在时添加该年度）",
    .usage = "set FILE [--year YEAR] [选项]",
    .help = "不给 --year 时修改工作簿中最新的年度。表A.3 的行由 tanbook import 或在工作簿中添加，\n"
            "set 只修改已有的一行。\n"
            "例: tanbook set 2024.tanbook --entry 外购电力/办公楼 --note \"含空调用电\"\n"
            "    tanbook set 2024.tanbook --base 2022 --base-reason \"2022 年合并了附属单位\"\n",
    .run = cmd_set,
    .print_help = set_help,
};
