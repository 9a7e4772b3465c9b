/* cli_factors.c - `tanbook factors`: the built-in factor library with the source of every value. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "base/strbuf.h"
#include "base/width.h"

static void
opt_str(struct strbuf *sb, const char *key, const char *v)
{
    sb_printf(sb, ", \"%s\": ", key);
    if (v != NULL)
        sb_json_str(sb, v);
    else
        sb_append(sb, "null");
}

/* A list of national factors as the "electricity" list writes them, after "],". */
static void
grid_json(struct strbuf *sb, const char *key, const struct grid_factor *g, size_t n)
{
    size_t i;

    sb_printf(sb, "\n  ],\n  \"%s\": [", key);
    for (i = 0; i < n; i++) {
        sb_printf(sb, "%s\n    {\"year\": %d", i ? "," : "", g[i].year);
        opt_str(sb, "area", g[i].area);
        sb_printf(sb, ", \"tco2_per_mwh\": %.9g", g[i].value);
        opt_str(sb, "source", g[i].source_text);
        sb_append(sb, "}");
    }
}

/* The national factors g in text, under head. */
static void
grid_text(struct strbuf *sb, const char *head, const struct grid_factor *g, size_t n)
{
    size_t i;

    sb_printf(sb, "\n%s\n", head);
    for (i = 0; i < n; i++)
        sb_printf(sb, "  %d  %.4f  %s\n", g[i].year, g[i].value, g[i].source_text);
}

static void
print_json(const struct factor_lib *lib)
{
    struct strbuf sb = {0};
    char fu[64];
    size_t i;

    sb_append(&sb, "{\n  \"sources\": [");
    for (i = 0; i < lib->nsources; i++) {
        const struct source_def *s = &lib->sources[i];

        factors_unit_text(s, s->activity_unit->sym, fu, sizeof(fu));
        sb_append(&sb, i ? ",\n    {\"id\": " : "\n    {\"id\": ");
        sb_json_str(&sb, s->id);
        opt_str(&sb, "source", s->zh);
        opt_str(&sb, "en", s->en);
        opt_str(&sb, "category", factors_cat_label(s->cat, 0));
        sb_printf(&sb, ", \"scope\": %d, \"factor\": %.9g", factors_cat_scope(s->cat), s->co2);
        opt_str(&sb, "factor_unit", fu);
        opt_str(&sb, "activity_unit", s->activity_unit->sym);
        sb_printf(&sb, ", \"ncv\": %.9g, \"cc\": %.9g, \"ox\": %.9g", s->ncv, s->cc, s->ox);
        opt_str(&sb, "ncv_unit", s->ncv_unit);
        sb_printf(&sb, ", \"coal_kgce\": %.9g", s->coal);
        opt_str(&sb, "coal_unit", s->coal_unit ? s->coal_unit->sym : NULL);
        opt_str(&sb, "coal_source", s->coal_source);
        sb_printf(&sb, ", \"density_kg_per_l\": %.9g", s->density);
        opt_str(&sb, "gas", s->gas);
        opt_str(&sb, "flag", s->flag);
        opt_str(&sb, "factor_source", s->source_text);
        sb_append(&sb, "}");
    }
    sb_append(&sb, "\n  ],\n  \"electricity\": [");
    for (i = 0; i < lib->ngrid; i++) {
        const struct grid_factor *g = &lib->grid[i];

        sb_printf(&sb, "%s\n    {\"year\": %d", i ? "," : "", g->year);
        opt_str(&sb, "level", g->level);
        opt_str(&sb, "area", g->area);
        sb_printf(&sb, ", \"tco2_per_mwh\": %.9g", g->value);
        opt_str(&sb, "source", g->source_text);
        sb_append(&sb, "}");
    }
    grid_json(&sb, "electricity_residual", lib->residual, lib->nresidual);
    grid_json(&sb, "not_scope2_footprint", lib->footprint, lib->nfootprint);
    sb_append(&sb, "\n  ],\n  \"gwp\": [");
    for (i = 0; i < lib->ngwp; i++) {
        const struct gwp_value *g = &lib->gwp[i];

        sb_printf(&sb, "%s\n    {\"set\": ", i ? "," : "");
        sb_json_str(&sb, g->set);
        opt_str(&sb, "gas", g->gas);
        sb_printf(&sb, ", \"gwp100\": %.9g", g->value);
        opt_str(&sb, "derivation", g->derivation);
        opt_str(&sb, "source", g->source_text);
        sb_append(&sb, "}");
    }
    sb_append(&sb, "\n  ]\n}\n");
    cli_out("%s", sb.s);
    sb_free(&sb);
}

static void
print_text(const struct factor_lib *lib)
{
    struct strbuf sb = {0};
    char fu[64], v[128];
    size_t i;
    int c;

    for (c = 0; c < CAT__COUNT; c++) {
        sb_printf(&sb, "%s（范围%s）\n", factors_cat_label((enum src_cat)c, 0),
                  factors_cat_scope((enum src_cat)c) == 1 ? "一" : "二");
        for (i = 0; i < lib->nsources; i++) {
            const struct source_def *s = &lib->sources[i];

            if ((int)s->cat != c)
                continue;
            sb_append(&sb, "  ");
            width_pad(&sb, s->zh, 18);
            sb_printf(&sb, "%-16s", s->id);
            if (s->kind == SRC_ELECTRICITY) {
                sb_append(&sb, "按年度和地区，见下方电力排放因子");
            } else if (s->kind == SRC_GAS) {
                sb_printf(&sb, "GWP（%s），见下方 GWP 表", s->gas);
            } else {
                factors_unit_text(s, s->activity_unit->sym, fu, sizeof(fu));
                snprintf(v, sizeof(v), "%.9g %s", s->co2, fu);
                sb_append(&sb, v);
                if (s->ncv > 0)
                    sb_printf(&sb, " = %.9g %s × %.9g tC/GJ × %.9g%% × 44/12", s->ncv,
                              s->ncv_unit ? s->ncv_unit : "", s->cc, s->ox * 100);
            }
            if (s->coal > 0)
                sb_printf(&sb, "；折标煤 %.9g kgce/%s", s->coal, s->coal_unit->sym);
            if (s->density > 0)
                sb_printf(&sb, "；密度 %.9g kg/L（%s）", s->density,
                          s->density_note ? s->density_note : "");
            sb_printf(&sb, "\n      来源：%s", s->source_text);
            if (s->coal_source != NULL)
                sb_printf(&sb, "；折标煤：%s", s->coal_source);
            if (s->flag != NULL)
                sb_printf(&sb, "\n      注意：%s", s->flag);
            sb_append(&sb, "\n");
        }
    }
    sb_append(&sb, "\n电力排放因子（tCO₂/MWh）\n");
    for (i = 0; i < lib->ngrid; i++) {
        const struct grid_factor *g = &lib->grid[i];

        sb_printf(&sb, "  %d  ", g->year);
        width_pad(&sb, g->area, 8);
        sb_printf(&sb, "%.4f  %s\n", g->value, g->source_text);
    }
    grid_text(&sb, "市场基准的剩余电力排放因子（不含市场化交易的非化石能源电量，tCO₂/MWh；"
                   "用于未被绿电、绿证覆盖的电量）", lib->residual, lib->nresidual);
    grid_text(&sb, "电力碳足迹因子（全生命周期，不是范围二排放因子，仅供辨认）", lib->footprint,
              lib->nfootprint);
    sb_append(&sb, "\nGWP（100年全球变暖潜势）\n");
    for (i = 0; i < lib->ngwp; i++) {
        const struct gwp_value *g = &lib->gwp[i];

        sb_printf(&sb, "  %-4s %-10s %10.9g", g->set, g->gas, g->value);
        if (g->derivation != NULL)
            sb_printf(&sb, " = %s", g->derivation);
        sb_printf(&sb, "  %s\n", g->source_text);
    }
    cli_out("%s", sb.s);
    sb_free(&sb);
}

static const struct cli_opt factors_opts[] = {
    CLI_OPT("json", NULL, 'j', "以 JSON 输出（sources、electricity、electricity_residual、not_scope2_footprint、gwp）"),
    CLI_OPT_END,
};

static int
cmd_factors(struct app *app, int argc, char **argv)
{
    int c, json = 0;

    while ((c = cli_getopt(factors_opts, argc, argv)) != -1) {
        if (c != 'j')
            return cli_usage(&cli_cmd_factors);
        json = 1;
    }
    if (optind != argc)
        return cli_usage(&cli_cmd_factors);
    if (json)
        print_json(app->lib);
    else
        print_text(app->lib);
    return 0;
}

const struct cli_cmd cli_cmd_factors = {
    .name = "factors",
    .summary = "列出内置排放因子库及每个数值的来源",
    .usage = "factors [--json]",
    .help = "新建年度时，这些数值会固定到工作簿中（表A.6），之后因子库更新不会改变已有年度。\n",
    .opts = factors_opts,
    .run = cmd_factors,
};
