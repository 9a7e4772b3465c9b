/*
 * factors_lookup.c - answers from the loaded factor library: category labels and scopes, factor
 * unit texts, the grid factor of an area and year (with the nearest-year fallback), the residual
 * factor of the market-based scope 2, the carbon-footprint factors a typed value must not be (and
 * the warning saying so), GWP values, the default pins a reporting year copies into the workbook,
 * and the English an English screen shows for an area or a library source text. factors.c reads
 * the library.
 */
#include "data/factors.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/xmem.h"
#include "data/factors_internal.h"

#define DEFAULT_GWP_SET "AR6"
/* relative: a typed factor this near a carbon-footprint factor was most likely copied from it */
#define FOOTPRINT_TOLERANCE 0.005
/* the library writes 4 decimals: nearer than this is the same number */
#define SAME_AT_4_DECIMALS 5e-5

static const char *const cat_labels[][CAT__COUNT] = {
    {
        [CAT_FOSSIL] = "化石燃料燃烧排放",
        [CAT_FUGITIVE] = "逸散排放",
        [CAT_PURCHASED] = "净购入电力与热力产生的排放",
    },
    {
        [CAT_FOSSIL] = "Fossil fuel combustion",
        [CAT_FUGITIVE] = "Fugitive emissions",
        [CAT_PURCHASED] = "Purchased electricity and heat",
    },
};

/* Endings people add to an area's name: "浙江省", "华东区域电网", "内蒙古自治区". */
static const char *const area_suffixes[] = {
    "省", "市", "壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "区域电网", "区域", "电网", "地区",
};

static char *
dup_or_null(const char *s)
{
    return s != NULL ? xstrdup(s) : NULL;
}

const char *
factors_cat_label(enum src_cat cat, int english)
{
    if ((unsigned)cat >= CAT__COUNT)
        return "?";
    return cat_labels[english ? 1 : 0][cat];
}

int
factors_cat_scope(enum src_cat cat)
{
    return cat == CAT_PURCHASED ? 2 : 1;
}

void
factors_unit_text(const struct source_def *src, const char *unit_sym, char *buf, size_t size)
{
    const char *sym = unit_sym != NULL && *unit_sym != '\0' ? unit_sym : src->activity_unit->sym;

    snprintf(buf, size, "%s/%s", src->kind == SRC_GAS ? "tCO₂e" : "tCO₂", sym);
}

/* Whether query names area: equal, or area followed by a usual ending ("浙江省", "华东区域"). */
static int
area_match(const char *area, const char *query)
{
    char *q;
    size_t n = strlen(area), k;
    int ok = 0;

    if (text_eq(area, query))
        return 1;
    q = text_trim(query);
    if (strncmp(q, area, n) == 0)
        for (k = 0; k < nitems(area_suffixes) && !ok; k++)
            ok = strcmp(q + n, area_suffixes[k]) == 0;
    free(q);
    return ok;
}

/*
 * The row of rows[0..n) for (level, area) in year, or of the nearest year (the latest earlier one,
 * else the earliest later one); *exact (may be NULL) tells which. level NULL: any level.
 */
static const struct grid_factor *
nearest(const struct grid_factor *rows, size_t n, const char *level, const char *area, int year,
        int *exact)
{
    const struct grid_factor *before = NULL, *after = NULL, *g;
    size_t i;

    if (exact != NULL)
        *exact = 0;
    for (i = 0; i < n; i++) {
        g = &rows[i];
        if ((level != NULL && !text_eq(level, g->level)) || !area_match(g->area, area))
            continue;
        if (g->year == year) {
            if (exact != NULL)
                *exact = 1;
            return g;
        }
        if (g->year < year && (before == NULL || g->year > before->year))
            before = g;
        if (g->year > year && (after == NULL || g->year < after->year))
            after = g;
    }
    return before != NULL ? before : after;
}

const struct grid_factor *
factors_grid(const struct factor_lib *lib, const char *level, const char *area, int year,
             int *exact)
{
    if (exact != NULL)
        *exact = 0;
    if (level == NULL && area == NULL)
        level = "national";
    if (area == NULL) {
        if (!text_eq(level, "national"))
            return NULL;
        area = FACTORS_NATIONAL_AREA;
    }
    return nearest(lib->grid, lib->ngrid, level, area, year, exact);
}

const struct grid_factor *
factors_residual(const struct factor_lib *lib, int year, int *exact)
{
    return nearest(lib->residual, lib->nresidual, "national", FACTORS_NATIONAL_AREA, year, exact);
}

const struct grid_factor *
factors_not_scope2(const struct factor_lib *lib, double value_t_per_mwh)
{
    const struct grid_factor *best = NULL;
    double off, best_off = 0;
    size_t i;

    for (i = 0; i < lib->nfootprint; i++) {
        off = fabs(value_t_per_mwh - lib->footprint[i].value) / lib->footprint[i].value;
        if (off <= FOOTPRINT_TOLERANCE && (best == NULL || off < best_off)) {
            best = &lib->footprint[i];
            best_off = off;
        }
    }
    return best;
}

/*
 * Whether v (tCO₂/MWh) is one the library ships as a scope 2 factor: 江西 2022's 0.5752 is within
 * 0.5 % of the 2024 footprint factor, and typing it is no mistake.
 */
static int
is_scope2_value(const struct factor_lib *lib, double v)
{
    size_t i;

    for (i = 0; i < lib->ngrid; i++)
        if (fabs(v - lib->grid[i].value) < SAME_AT_4_DECIMALS)
            return 1;
    for (i = 0; i < lib->nresidual; i++)
        if (fabs(v - lib->residual[i].value) < SAME_AT_4_DECIMALS)
            return 1;
    return 0;
}

char *
factors_scope2_warning(const struct factor_lib *lib, const struct source_def *src,
                       const char *unit_sym, double value, int english)
{
    const struct unit_def *u, *mwh = units_find("MWh");
    const struct grid_factor *f;
    char typed[64], lib_value[64];
    double per_mwh;
    int same;

    if (src == NULL || src->kind != SRC_ELECTRICITY || mwh == NULL)
        return NULL;
    u = unit_sym != NULL ? units_find(unit_sym) : src->activity_unit;
    if (u == NULL || u->dim != DIM_ENERGY)
        return NULL;
    per_mwh = value * mwh->to_base / u->to_base;   /* tCO₂ per u, times the u's in a MWh */
    if ((f = factors_not_scope2(lib, per_mwh)) == NULL || is_scope2_value(lib, per_mwh))
        return NULL;
    text_format_number(value, TEXT_DIGITS, typed, sizeof(typed));
    text_format_number(f->value, TEXT_DIGITS, lib_value, sizeof(lib_value));
    same = fabs(per_mwh - f->value) < SAME_AT_4_DECIMALS;
    if (english)
        return same ? xasprintf("%s is the %d electricity carbon-footprint factor (life cycle), "
                                "not a scope 2 emission factor; use the MEE/NBS electricity CO₂ "
                                "emission factor", typed, f->year)
                    : xasprintf("%s is close to the %d electricity carbon-footprint factor %s "
                                "(life cycle), which is not a scope 2 emission factor; use the "
                                "MEE/NBS electricity CO₂ emission factor", typed, f->year,
                                lib_value);
    return same ? xasprintf("%s 与 %d 年电力碳足迹因子（全生命周期）相同，它不是范围二排放因子；"
                            "请使用生态环境部、国家统计局发布的电力二氧化碳排放因子", typed, f->year)
                : xasprintf("%s 接近 %d 年电力碳足迹因子 %s（全生命周期），它不是范围二排放因子；"
                            "请使用生态环境部、国家统计局发布的电力二氧化碳排放因子", typed,
                            f->year, lib_value);
}

const struct gwp_value *
factors_gwp(const struct factor_lib *lib, const char *set, const char *gas)
{
    size_t i;

    if (set == NULL)
        set = DEFAULT_GWP_SET;
    if (gas == NULL)
        return NULL;
    for (i = 0; i < lib->ngwp; i++)
        if (text_eq(lib->gwp[i].set, set) && text_eq(lib->gwp[i].gas, gas))
            return &lib->gwp[i];
    return NULL;
}

/* The library's text, or its English (falling back on the text) when english. */
static const char *
pick(const char *text, const char *en, int english)
{
    return english && en != NULL ? en : text;
}

/* factors_default_pin, with the source text in English when english. */
static enum err
default_pin(const struct factor_lib *lib, const struct source_def *src, int year,
            const char *grid_level, const char *grid_area, const char *gwp_set, int english,
            struct factor_pin *pin, char **cause)
{
    const struct grid_factor *g;
    const struct gwp_value *w;
    char num[64];
    int exact;

    memset(pin, 0, sizeof(*pin));
    pin->source_id = xstrdup(src->id);
    pin->unit = xstrdup(src->activity_unit->sym);
    pin->coal = src->coal;
    pin->coal_unit = src->coal_unit != NULL ? xstrdup(src->coal_unit->sym) : NULL;
    switch (src->kind) {
    case SRC_FUEL:
    case SRC_HEAT:
        pin->value = src->co2;
        pin->ncv = src->ncv;
        pin->cc = src->cc;
        pin->ox = src->ox;
        pin->ncv_unit = dup_or_null(src->ncv_unit);
        pin->density = src->density;
        pin->source_text = xstrdup(pick(src->source_text, src->source_en, english));
        break;
    case SRC_ELECTRICITY:
        g = factors_grid(lib, grid_level, grid_area, year, &exact);
        if (g == NULL) {
            if (grid_area == NULL && grid_level != NULL && !text_eq(grid_level, "national"))
                *cause = xasprintf("未指定 %s 电力排放因子的地区", grid_level);
            else
                *cause = xasprintf("没有“%s”的电力排放因子",
                                   grid_area != NULL ? grid_area : FACTORS_NATIONAL_AREA);
            factors_pin_free(pin);
            return ERR_NOTFOUND;
        }
        pin->value = g->value;
        if (exact)
            pin->source_text = xstrdup(pick(g->source_text, g->source_en, english));
        else if (english && g->source_en != NULL)
            pin->source_text = xasprintf("%s (no %d factor; the %s published, %d, is used)",
                                         g->source_en, year, g->year < year ? "latest" : "earliest",
                                         g->year);
        else
            /* the library lacks the year, which says nothing of whether it was published */
            pin->source_text = xasprintf("%s（内置因子库中没有%d年因子，采用库中%s的%d年因子）",
                                         g->source_text, year, g->year < year ? "最新" : "最早",
                                         g->year);
        break;
    case SRC_GAS:
        if (gwp_set == NULL)
            gwp_set = DEFAULT_GWP_SET;
        w = factors_gwp(lib, gwp_set, src->gas);
        if (w == NULL) {
            *cause = xasprintf("GWP 集“%s”中没有 %s 的数值", gwp_set, src->gas);
            factors_pin_free(pin);
            return ERR_NOTFOUND;
        }
        pin->value = w->value;
        if (w->derivation != NULL) {
            text_format_number(w->value, 4, num, sizeof(num));
            pin->source_text = xasprintf(english && w->source_en != NULL ? "%s: %s = %s"
                                                                         : "%s：%s = %s",
                                         pick(w->source_text, w->source_en, english),
                                         w->derivation, num);
        } else {
            pin->source_text = xstrdup(pick(w->source_text, w->source_en, english));
        }
        break;
    }
    return ERR_OK;
}

enum err
factors_default_pin(const struct factor_lib *lib, const struct source_def *src, int year,
                    const char *grid_level, const char *grid_area, const char *gwp_set,
                    struct factor_pin *pin, char **cause)
{
    return default_pin(lib, src, year, grid_level, grid_area, gwp_set, 0, pin, cause);
}

char *
factors_source_label(const struct factor_lib *lib, const struct source_def *src, int year,
                     const char *grid_level, const char *grid_area, const char *gwp_set,
                     const char *text, int english)
{
    struct factor_pin zh, en;
    char *cause = NULL, *out = NULL;

    if (text == NULL)
        text = "";
    if (!english || src == NULL)
        return xstrdup(text);
    if (default_pin(lib, src, year, grid_level, grid_area, gwp_set, 0, &zh, &cause) != ERR_OK) {
        free(cause);
        return xstrdup(text);
    }
    if (strcmp(zh.source_text, text) == 0
        && default_pin(lib, src, year, grid_level, grid_area, gwp_set, 1, &en, &cause) == ERR_OK) {
        out = xstrdup(en.source_text);
        factors_pin_free(&en);
    }
    free(cause);
    factors_pin_free(&zh);
    return out != NULL ? out : xstrdup(text);
}

const char *
factors_area_label(const struct factor_lib *lib, const char *area, int english)
{
    size_t i;

    if (area == NULL)
        return "";
    for (i = 0; english && i < lib->ngrid; i++)
        if (strcmp(lib->grid[i].area, area) == 0 && lib->grid[i].area_en != NULL)
            return lib->grid[i].area_en;
    return area;
}

void
factors_pin_free(struct factor_pin *pin)
{
    if (pin == NULL)
        return;
    free(pin->source_id);
    free(pin->unit);
    free(pin->ncv_unit);
    free(pin->coal_unit);
    free(pin->source_text);
    memset(pin, 0, sizeof(*pin));
}

void
factors_pin_copy(struct factor_pin *dst, const struct factor_pin *src)
{
    *dst = *src;
    dst->source_id = dup_or_null(src->source_id);
    dst->unit = dup_or_null(src->unit);
    dst->ncv_unit = dup_or_null(src->ncv_unit);
    dst->coal_unit = dup_or_null(src->coal_unit);
    dst->source_text = dup_or_null(src->source_text);
}
