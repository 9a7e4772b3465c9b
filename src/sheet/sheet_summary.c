/*
 * sheet_summary.c - 表A.4 碳排放汇总表, computed: the total, each category with its sources (and a
 * bar of each source's share of the largest), building area, headcount and the two indicators.
 */
#include "sheet/sheet.h"

#include <stdlib.h>

static void
row(struct sheet *s, int *r, const char *label, char *value, const char *unit, double share)
{
    sheet_set(s, *r, 0, xstrdup(label), 0);
    sheet_set(s, *r, 1, value, SHEET_NUM);
    sheet_set(s, *r, 2, xstrdup(unit), SHEET_DIM);
    sheet_set(s, *r, 3, share >= 0 ? xasprintf("%.6f", share) : xstrdup(""), SHEET_BAR);
    (*r)++;
}

/* A category is shown when it is 化石燃料 or 净购入电力与热力 (as the standard's table), or has emissions. */
static int
shown(const struct report_year *rep, int c)
{
    return c != CAT_FUGITIVE || rep->cat_tco2e[c] != 0;
}

/* The total, each category shown with its sources, area, intensity, headcount, per capita. */
static int
rows(const struct report_year *rep)
{
    size_t i;
    int c, n = 5;

    if (rep == NULL)
        return 0;
    for (c = 0; c < CAT__COUNT; c++)
        if (shown(rep, c)) {
            n++;
            for (i = 0; i < rep->nsources; i++)
                n += (int)rep->sources[i].cat == c;
        }
    return n;
}

static void
build(const struct sheet_env *env, struct sheet *s)
{
    const struct report_year *rep = env->rep;
    double max = 0;
    size_t i;
    int r = 0, c;

    sheet_init(s, rows(rep), 4, 0);
    /* wide enough for "Purchased electricity and heat" and "tCO₂e/person" */
    sheet_head(s, 0, SHEET_TR(env, "项目", "Item"), env->lang == LANG_EN ? 31 : 28);
    sheet_head(s, 1, SHEET_TR(env, "数值", "Value"), 12);
    sheet_head(s, 2, SHEET_TR(env, "单位", "Unit"), env->lang == LANG_EN ? 13 : 10);
    sheet_head(s, 3, SHEET_TR(env, "按排放源", "By source"), 24);
    if (rep == NULL) {
        s->empty = xstrdup(env->rep_err != NULL ? env->rep_err : "");
        return;
    }
    for (i = 0; i < rep->nsources; i++)
        if (rep->sources[i].tco2e > max)
            max = rep->sources[i].tco2e;
    row(s, &r, sheet_label(env, "total"), sheet_fixed(rep->total_tco2e, 2), "tCO₂e", -1);
    for (c = 0; c < CAT__COUNT; c++) {
        if (!shown(rep, c))
            continue;
        row(s, &r, factors_cat_label((enum src_cat)c, env->lang == LANG_EN),
            sheet_fixed(rep->cat_tco2e[c], 2), "tCO₂e", -1);
        for (i = 0; i < rep->nsources; i++)
            if ((int)rep->sources[i].cat == c) {
                char *label = xasprintf("    %s", rep->sources[i].label);

                row(s, &r, label, sheet_fixed(rep->sources[i].tco2e, 2), "tCO₂e",
                    max > 0 ? rep->sources[i].tco2e / max : 0);
                free(label);
            }
    }
    row(s, &r, sheet_label(env, "building_area"),
        rep->has_area ? sheet_fixed(rep->building_area_m2, 2) : xstrdup("—"), "m²", -1);
    row(s, &r, sheet_label(env, "intensity"),
        rep->has_area ? sheet_fixed(rep->intensity_kgco2e_per_m2, 2) : xstrdup("—"), "kgCO₂e/m²",
        -1);
    row(s, &r, sheet_label(env, "headcount"),
        rep->has_headcount ? sheet_fixed(rep->headcount, 0) : xstrdup("—"),
        SHEET_TR(env, "人", "persons"), -1);
    row(s, &r, sheet_label(env, "per_capita"),
        rep->has_headcount ? sheet_fixed(rep->per_capita_tco2e, 4) : xstrdup("—"),
        SHEET_TR(env, "tCO₂e/人", "tCO₂e/person"), -1);
}

const struct sheet_ops sheet_summary = {
    .name = "summary",
    .build = build,
};
