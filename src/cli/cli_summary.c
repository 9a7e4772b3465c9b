/*
 * cli_summary.c - `tanbook summary`: the A.4 figures and A.2 energy of a year, as a table or as
 * JSON. The JSON is the json exporter's (export_json.c), written to standard output; its keys are
 * a contract other tools read.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/report.h"
#include "export/export.h"
#include "base/strbuf.h"
#include "base/text.h"
#include "base/width.h"

/* One line "label ...... value unit" with the label padded by display width; the label (a
   source's name may come from the workbook) escaped whole, so that it stays on its line. */
static void
line(struct strbuf *sb, int indent, const char *label, const char *value, const char *unit)
{
    char *safe = text_escape_controls(label, 0);

    sb_printf(sb, "%*s", indent, "");
    width_pad(sb, safe, 36 - indent);
    width_pad_left(sb, value, 14);
    sb_printf(sb, "%s%s\n", unit[0] != '\0' ? " " : "", unit);
    free(safe);
}

static void
print_table(const struct form_set *fs, const struct report_year *r)
{
    const struct form_def *a2 = forms_get(fs, "A.2"), *a4 = forms_get(fs, "A.4");
    char *unit = r->unit_name[0] != '\0' ? text_escape_controls(r->unit_name, 0) : NULL;
    struct strbuf sb = {0};
    char v[64], q[64], *label;
    size_t i;
    int c;

    sb_printf(&sb, "%s    单位：%s    年度：%d\n\n", a4->title_zh, unit ? unit : "（未填写）", r->year);
    free(unit);
    snprintf(v, sizeof(v), "%.2f", r->total_tco2e);
    line(&sb, 0, forms_field(a4, "total")->zh, v, "tCO₂e");
    for (c = 0; c < CAT__COUNT; c++) {
        if (c == CAT_FUGITIVE && r->cat_tco2e[c] == 0)
            continue;
        snprintf(v, sizeof(v), "%.2f", r->cat_tco2e[c]);
        line(&sb, 2, factors_cat_label((enum src_cat)c, 0), v, "tCO₂e");
        for (i = 0; i < r->nsources; i++)
            if ((int)r->sources[i].cat == c) {
                snprintf(v, sizeof(v), "%.2f", r->sources[i].tco2e);
                line(&sb, 4, r->sources[i].label, v, "tCO₂e");
            }
    }
    snprintf(v, sizeof(v), "%.2f / %.2f", r->scope1_tco2e, r->scope2_tco2e);
    line(&sb, 0, "范围一 / 范围二", v, "tCO₂e");
    if (r->has_area)
        snprintf(v, sizeof(v), "%.2f", r->building_area_m2);
    line(&sb, 0, forms_field(a4, "building_area")->zh, r->has_area ? v : "未填写", "m²");
    if (r->has_area)
        snprintf(v, sizeof(v), "%.2f", r->intensity_kgco2e_per_m2);
    line(&sb, 0, forms_field(a4, "intensity")->zh, r->has_area ? v : "—", "kgCO₂e/m²");
    if (r->has_headcount)
        snprintf(v, sizeof(v), "%.0f", r->headcount);
    line(&sb, 0, forms_field(a4, "headcount")->zh, r->has_headcount ? v : "未填写", "人");
    if (r->has_headcount)
        snprintf(v, sizeof(v), "%.4f", r->per_capita_tco2e);
    line(&sb, 0, forms_field(a4, "per_capita")->zh, r->has_headcount ? v : "—", "tCO₂e/人");

    sb_printf(&sb, "\n%s\n", a2->title_zh);
    snprintf(v, sizeof(v), "%.2f", r->energy_tce);
    line(&sb, 0, forms_field(a2, "total_tce")->zh, v, "");
    for (i = 0; i < r->nsources; i++) {
        const struct report_source *s = &r->sources[i];

        if (!s->is_energy)
            continue;
        snprintf(q, sizeof(q), "%.2f %s", s->quantity, s->unit);
        snprintf(v, sizeof(v), "%.2f", s->tce);
        sb_printf(&sb, "    ");
        label = text_escape_controls(s->label, 0);
        width_pad(&sb, label, 14);
        free(label);
        width_pad_left(&sb, q, 18);
        width_pad_left(&sb, v, 14);
        sb_append(&sb, " tce\n");
    }
    cli_out("%s", sb.s);
    sb_free(&sb);
}

static const struct cli_opt summary_opts[] = {
    CLI_OPT("year", "YEAR", 'y', "年度（默认为工作簿中最新的年度）"),
    CLI_OPT("json", NULL, 'j', "以 JSON 输出，键名: unit, year, total_tco2e, scope1_tco2e, scope2_tco2e,\n"
                        "fossil_tco2e, fugitive_tco2e, purchased_tco2e, energy_tce, building_area_m2,\n"
                        "headcount, intensity_kgco2e_per_m2, per_capita_tco2e, sources[]（category,\n"
                        "scope, id, source, quantity, unit, activity, activity_unit, tco2e, tce,\n"
                        "factor, factor_unit, factor_source）；缺建筑面积或用能人数时指标为 null"),
    CLI_OPT_END,
};

static int
cmd_summary(struct app *app, int argc, char **argv)
{
    const char *year_arg = NULL;
    struct report rep;
    struct wb_year y;
    char *cause = NULL;
    int c, json = 0, rc;
    enum err e;

    while ((c = cli_getopt(summary_opts, argc, argv)) != -1) {
        if (c == 'y')
            year_arg = optarg;
        else if (c == 'j')
            json = 1;
        else
            return cli_usage(&cli_cmd_summary);
    }
    if (argc - optind != 1)
        return cli_usage(&cli_cmd_summary);
    if ((rc = cli_load_year(app, argv[optind], year_arg, &y)) != 0)
        return rc;
    e = report_build(app->forms, &y, 1, y.year, LANG_ZH, &rep, &cause);
    model_free(&y);
    if (e != ERR_OK)
        return cli_fail(e, cause);
    if (json) {
        struct export_in in = {.fs = app->forms, .r = &rep};

        e = export_json_format.write(&in, "-", &cause);
    } else {
        print_table(app->forms, report_cur(&rep));
    }
    report_free(&rep);
    return e != ERR_OK ? cli_fail(e, cause) : 0;
}

const struct cli_cmd cli_cmd_summary = {
    .name = "summary",
    .summary = "显示碳排放汇总（表A.4）和用能情况（表A.2）",
    .usage = "summary FILE [--year YEAR] [--json]",
    .opts = summary_opts,
    .run = cmd_summary,
};
