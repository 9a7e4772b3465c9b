/*
 * factors.h - the built-in factor library (factors/, from reference/factors.md "Defaults to ship"):
 * emission sources with CO₂ factors and their derivation, standard-coal coefficients, electricity
 * factors by year and area, GWP sets, litre densities - every value with its source text.
 * Immutable once loaded. A reporting year copies ("pins") its values into the workbook.
 */
#ifndef TANBOOK_FACTORS_H
#define TANBOOK_FACTORS_H

#include <stddef.h>

#include "base/err.h"
#include "data/units.h"

enum src_cat {
    CAT_FOSSIL,     /* 化石燃料燃烧排放, scope 1 */
    CAT_FUGITIVE,   /* 逸散排放, scope 1 */
    CAT_PURCHASED,  /* 净购入电力与热力产生的排放, scope 2 */
    CAT__COUNT
};

enum src_kind {
    SRC_FUEL,         /* CO₂ factor per activity unit, derived from NCV × CC × OF × 44/12 */
    SRC_ELECTRICITY,  /* factor from the grid table by year and area */
    SRC_HEAT,         /* fixed CO₂ factor per GJ */
    SRC_GAS,          /* fugitive greenhouse gas: factor = GWP (tCO₂e per t) from the GWP table */
};

struct source_def {
    char *id;                 /* English id used in CSV and JSON: "natural_gas", "electricity" */
    char *zh;                 /* the standard's name: "天然气", "外购电力" */
    char *en;                 /* "Natural gas" */
    char *aliases;            /* '|'-separated other names accepted on input ("电力|电"), or "" */
    enum src_cat cat;
    enum src_kind kind;
    const struct unit_def *activity_unit; /* the unit the CO₂ factor is per: 万m³, t, MWh, GJ */
    const struct unit_def *report_unit;   /* the unit A.2 shows by default: m³, t, kWh, GJ */
    double co2;               /* tCO₂ per activity_unit; 0 for SRC_ELECTRICITY and SRC_GAS */
    double ncv;               /* net calorific value, 0 when no derivation */
    char *ncv_unit;           /* "GJ/t", "GJ/万m³", or NULL */
    double cc;                /* carbon content, tC/GJ */
    double ox;                /* oxidation rate, a fraction (0.98) */
    double coal;              /* standard coal, kgce per coal_unit; 0 when not an energy */
    const struct unit_def *coal_unit;     /* kg, m³, kWh, MJ; NULL when coal == 0 */
    char *coal_source;        /* where coal comes from ("GB/T 2589"), or NULL */
    double density;           /* default kg/L so litres are accepted, 0 when not */
    char *density_note;       /* "经验值，非标准规定", or NULL */
    char *gas;                /* SRC_GAS: key into the GWP table ("HFC-32", "R-410A"), else NULL */
    char *flag;               /* a caution shown with the factor (low confidence ...), or NULL */
    char *source_text;        /* where co2 comes from, as A.6 prints it */
    char *source_en;          /* the same in English, for an English screen; NULL when not given */
};

struct grid_factor {
    int year;
    char *level;              /* "national", "regional", "provincial" */
    char *area;               /* "全国", "华东", "浙江" */
    char *area_en;            /* "National", "East China", "Zhejiang"; NULL when not given */
    double value;             /* tCO₂/MWh */
    char *source_text;
    char *source_en;          /* source_text in English, or NULL */
};

struct gwp_value {
    char *set;                /* "AR5", "AR6" */
    char *gas;                /* "HFC-32", "R-410A", "SF6" ... */
    double value;             /* GWP100 */
    char *derivation;         /* for blends: "0.5×677+0.5×3170", or NULL */
    char *source_text;
    char *source_en;          /* source_text in English, or NULL */
};

struct factor_lib {
    struct source_def *sources;   /* in A.4 order: fuels, gases, then electricity and heat */
    size_t nsources;
    struct grid_factor *grid;     /* location-based: the A.1 areas, the default pins */
    size_t ngrid;
    struct grid_factor *residual; /* national residual factors (market-based), never an area */
    size_t nresidual;
    struct grid_factor *footprint; /* carbon-footprint factors: never offered or pinned */
    size_t nfootprint;
    struct gwp_value *gwp;
    size_t ngwp;
};

/* A factor as pinned into one reporting year; every string is owned by the pin. */
struct factor_pin {
    char *source_id;
    double value;             /* tCO₂(e) per unit */
    char *unit;               /* activity unit symbol the value is per ("万m³", "MWh", "t") */
    double ncv, cc, ox;       /* derivation (0 when none) */
    char *ncv_unit;
    double coal;              /* kgce per coal_unit, 0 when none */
    char *coal_unit;          /* unit symbol, or NULL */
    double density;           /* kg/L, 0 when litres are not accepted */
    char *source_text;        /* never NULL or empty for a default pin */
    int overridden;           /* 1 when the user set value/source_text */
};

/* Loads the built-in factors/ files. On error returns ERR_DATA with *cause "FILE:LINE: reason". */
enum err factors_load(struct factor_lib **out, char **cause);
/* Parses from files looked up through get(name, ctx) (see forms_parse); used by tests. */
enum err factors_parse(const char *(*get)(const char *name, void *ctx), void *ctx,
                       struct factor_lib **out, char **cause);
void factors_free(struct factor_lib *lib);

/* The source whose id, zh, en or alias equals name (trimmed, ASCII case-insensitive), or NULL. */
const struct source_def *factors_source(const struct factor_lib *lib, const char *name);
/* The category's label as the standard writes it, or in English. */
const char *factors_cat_label(enum src_cat cat, int english);
/* 1 for CAT_FOSSIL and CAT_FUGITIVE, 2 for CAT_PURCHASED. */
int factors_cat_scope(enum src_cat cat);
/* The factor unit text, e.g. "tCO₂/万m³", "tCO₂e/t"; written into buf. */
void factors_unit_text(const struct source_def *src, const char *unit_sym, char *buf, size_t size);

/*
 * The grid factor for (level, area) in year, or the nearest shipped year when that year is not
 * shipped (the latest earlier one, else the earliest later one); *exact tells which. NULL when
 * the area has no factor at all.
 */
const struct grid_factor *factors_grid(const struct factor_lib *lib, const char *level,
                                       const char *area, int year, int *exact);
/*
 * The national residual factor of year for the market-based scope 2 (不含市场化交易的非化石能源
 * 电量的全国电力平均二氧化碳排放因子, for the electricity no green power or certificate covers), or
 * that of the nearest shipped year (the latest earlier one, else the earliest later one) with
 * *exact 0. NULL when none is shipped. Never one of lib->grid: no area or default pin uses it.
 */
const struct grid_factor *factors_residual(const struct factor_lib *lib, int year, int *exact);
/*
 * The carbon-footprint factor (电力碳足迹因子, life cycle, not a scope 2 emission factor) within
 * 0.5 % of value_t_per_mwh (tCO₂/MWh = kgCO₂/kWh), the nearest when two are, or NULL: how to tell
 * that a typed electricity factor was taken from the wrong table.
 */
const struct grid_factor *factors_not_scope2(const struct factor_lib *lib, double value_t_per_mwh);
/*
 * The warning to show when value (tCO₂ per unit_sym, the pin's unit; NULL: src's activity unit) is
 * typed as src's factor and src is the electricity and the value a carbon-footprint factor
 * (factors_not_scope2) and not one the library ships as a scope 2 factor (江西 2022's 0.5752 is
 * 0.43 % from 0.5777), in Chinese or English, without a "警告：" / "warning: " prefix; NULL when
 * there is nothing to say. Caller frees.
 */
char *factors_scope2_warning(const struct factor_lib *lib, const struct source_def *src,
                             const char *unit_sym, double value, int english);
/*
 * The grid area as a screen shows it: area itself, or in English ("全国" → "National") when
 * english and the library names it so. Display only: the workbook stores area. NULL gives "".
 */
const char *factors_area_label(const struct factor_lib *lib, const char *area, int english);
/* The GWP of gas in set ("AR6"), or NULL. */
const struct gwp_value *factors_gwp(const struct factor_lib *lib, const char *set, const char *gas);

/*
 * Fills *pin with the library default for src in year. Electricity uses (grid_level, grid_area),
 * NULL meaning national/全国, and says in the source text when another year's value stands in
 * ("内置因子库中没有2024年因子，采用库中最新的2023年因子": the library lacks it, whether or not
 * it was published); gases use gwp_set (NULL: "AR6"). ERR_NOTFOUND with *cause when no value
 * exists. Free with factors_pin_free().
 */
enum err factors_default_pin(const struct factor_lib *lib, const struct source_def *src, int year,
                             const char *grid_level, const char *grid_area, const char *gwp_set,
                             struct factor_pin *pin, char **cause);
void factors_pin_free(struct factor_pin *pin);
/*
 * A pinned factor's source text as a screen in English shows it: when text is the library's own
 * (what factors_default_pin gives for these arguments), the library's English for it; otherwise
 * (a text the user typed, or english 0) text itself. Caller frees; never NULL (NULL text: "").
 */
char *factors_source_label(const struct factor_lib *lib, const struct source_def *src, int year,
                           const char *grid_level, const char *grid_area, const char *gwp_set,
                           const char *text, int english);
/* Deep copy of a pin. */
void factors_pin_copy(struct factor_pin *dst, const struct factor_pin *src);

#endif
