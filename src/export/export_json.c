/*
 * export_json.c - the JSON exporter: the A.4 figures, the A.2 energy and every source of the
 * reporting year, as `tanbook summary --json` prints them. The keys and the number formats are a
 * contract other tools read: keep them stable, and add rather than rename.
 */
#include "export/export.h"

#include <math.h>

#include "export/export_file.h"
#include "base/strbuf.h"

/* One figure line: "  "key": 12.345600,", or null when there is no valid figure. */
static void
json_num(struct strbuf *sb, const char *key, double v, int valid)
{
    sb_printf(sb, "  \"%s\": ", key);
    if (valid && isfinite(v))
        sb_printf(sb, "%.6f", v);
    else
        sb_append(sb, "null");
    sb_append(sb, ",\n");
}

/* Appends the JSON object of year r, ending in a newline. */
static void
json_year(struct strbuf *sb, const struct report_year *r)
{
    size_t i;
    int m, n;

    sb_append(sb, "{\n  \"unit\": ");
    if (r->unit_name[0] != '\0')
        sb_json_str(sb, r->unit_name);
    else
        sb_append(sb, "null");
    sb_printf(sb, ",\n  \"year\": %d,\n", r->year);
    json_num(sb, "total_tco2e", r->total_tco2e, 1);
    json_num(sb, "scope1_tco2e", r->scope1_tco2e, 1);
    json_num(sb, "scope2_tco2e", r->scope2_tco2e, 1);
    json_num(sb, "fossil_tco2e", r->cat_tco2e[CAT_FOSSIL], 1);
    json_num(sb, "fugitive_tco2e", r->cat_tco2e[CAT_FUGITIVE], 1);
    json_num(sb, "purchased_tco2e", r->cat_tco2e[CAT_PURCHASED], 1);
    json_num(sb, "energy_tce", r->energy_tce, 1);
    json_num(sb, "building_area_m2", r->building_area_m2, r->has_area);
    json_num(sb, "headcount", r->headcount, r->has_headcount);
    json_num(sb, "intensity_kgco2e_per_m2", r->intensity_kgco2e_per_m2, r->has_area);
    json_num(sb, "per_capita_tco2e", r->per_capita_tco2e, r->has_headcount);
    sb_append(sb, "  \"sources\": [");
    for (i = 0; i < r->nsources; i++) {
        const struct report_source *s = &r->sources[i];

        sb_append(sb, i ? ",\n    {" : "\n    {");
        sb_append(sb, "\"category\": ");
        sb_json_str(sb, s->category);
        sb_printf(sb, ", \"scope\": %d, \"id\": ", s->scope);
        sb_json_str(sb, s->src->id);
        sb_append(sb, ", \"source\": ");
        sb_json_str(sb, s->label);
        sb_printf(sb, ", \"quantity\": %.6f, \"unit\": ", s->quantity);
        sb_json_str(sb, s->unit);
        sb_printf(sb, ", \"activity\": %.9g, \"activity_unit\": ", s->activity);
        sb_json_str(sb, s->activity_unit);
        sb_printf(sb, ", \"tco2e\": %.6f, \"tce\": %.6f, \"factor\": %.9g, \"factor_unit\": ",
                  s->tco2e, s->tce, s->factor);
        sb_json_str(sb, s->factor_unit);
        sb_append(sb, ", \"factor_source\": ");
        sb_json_str(sb, s->factor_source);
        sb_append(sb, ", \"na_months\": [");      /* the months 不适用 (1-12), as 月度明细 has them */
        for (m = 0, n = 0; m < 12; m++)
            if (s->month_na[m])
                sb_printf(sb, "%s%d", n++ > 0 ? ", " : "", m + 1);
        sb_append(sb, "]}");
    }
    sb_append(sb, r->nsources ? "\n  ]\n}\n" : "]\n}\n");
}

static enum err
json_write(const struct export_in *in, const char *path, char **cause)
{
    struct strbuf sb = {0};
    enum err e;

    json_year(&sb, report_cur(in->r));
    e = export_file_text(path, sb.s, sb.len, cause);
    sb_free(&sb);
    return e;
}

const struct exporter export_json_format = {
    .name = "json",
    .suffix = ".json",
    .text = 1,
    .write = json_write,
};
