/*
 * report.h - the workbook as the outputs show it: for the reporting year and any number of other
 * years of the same workbook, every figure of tables A.1–A.6 and the monthly detail, with its
 * label in the chosen language, computed once from the workbook's model and the engine. Neutral:
 * `summary`, the exporters and the terminal screens all read this and never the engine directly,
 * so they cannot disagree; baselines, trends and targets read the other years from the same
 * model. The report owns every string it holds.
 */
#ifndef TANBOOK_REPORT_H
#define TANBOOK_REPORT_H

#include <stddef.h>

#include "base/err.h"
#include "data/factors.h"
#include "data/forms.h"
#include "core/model.h"

struct report_info {              /* one A.1 field */
    const struct field_def *fd;
    const char *label;            /* in the report's language */
    char *value;                  /* as stored, NULL when not filled in */
};

struct report_act {               /* one A.5 row as entered */
    char period[16];              /* canonical text: "2024", "2024-Q1", "2024-03" */
    double quantity;              /* as entered, in unit; 0 when na */
    int na;                       /* 不适用: the source does not run in this period */
    char *unit;                   /* "kWh", "L" */
    char *data_source, *note;     /* "" when empty */
};

struct report_entry {             /* one A.3 row */
    const struct source_def *src;
    const char *category;         /* 排放种类 */
    const char *source;           /* 排放源 */
    char *facility, *location, *note;   /* "" when empty */
    struct report_act *acts;      /* its A.5 rows, by period */
    size_t nacts;
};

struct report_source {            /* one emission source, its facilities summed (A.2, A.4-A.6) */
    const struct source_def *src;
    enum src_cat cat;
    int scope;                    /* 1 or 2 */
    const char *category;         /* 排放种类 label */
    const char *label;            /* 排放源 label: "天然气" */
    double quantity;              /* A.2/A.5 amount, in unit */
    char *unit;                   /* "m³", "kWh" */
    double activity;              /* in the factor's unit */
    char *activity_unit;          /* "万m³", "MWh" */
    double tco2e, tce;
    int is_energy;                /* has a standard-coal coefficient: a row of A.2 */
    double factor;                /* the pinned value */
    char *factor_unit;            /* "tCO₂/万m³" */
    char *factor_source;          /* 数据来源 of A.6 */
    char *derivation;             /* "低位发热量 389.31 GJ/万m³ × …  × 44/12", or NULL */
    char *flag;                   /* a caution on the library value, or NULL */
    int overridden;               /* the user replaced the library value */
    char *data_source;            /* A.5 数据来源: its rows' distinct texts joined by "；", or "" */
    double coal;                  /* standard coal, kgce per coal_unit; 0 when not an energy */
    char *coal_unit;              /* "kg", "m³", "kWh"; "" when none */
    const char *coal_source;      /* where coal comes from ("GB/T 2589"), or NULL */
    double density;               /* kg/L of the pin, 0 when litres are not accepted */
    const char *density_note;     /* "经验值，非标准规定", or NULL */
    int litres;                   /* some row of the year was entered in litres */
    double month_quantity[12];    /* in unit, from monthly rows */
    double month_tco2e[12];
    int month_na[12];             /* 不适用: rows marked so cover the month, and no value does */
    double quarter_quantity[4];   /* in unit, from quarterly rows only */
    double quarter_tco2e[4];
    double annual_quantity;       /* in unit, from rows for the whole year */
    double annual_tco2e;
};

struct report_year {               /* one year: tables A.1–A.6 */
    enum lang lang;
    int year;
    int ok;                       /* computed; 0 for an other year the engine refused (see why) */
    char *why;                    /* why it is not computed, or NULL */
    char *unit_name;              /* "" when not filled in */
    char *grid_area, *gwp_set;
    struct report_info *info;     /* the A.1 fields in form order */
    size_t ninfo;
    struct report_entry *entries; /* A.3 in inventory order */
    size_t nentries;
    struct report_source *sources;/* library order (fuels, gases, electricity, heat) */
    size_t nsources;
    double total_tco2e, scope1_tco2e, scope2_tco2e;
    double cat_tco2e[CAT__COUNT];
    double energy_tce;
    int has_area, has_headcount;
    double building_area_m2, headcount;
    double intensity_kgco2e_per_m2, per_capita_tco2e;
    double month_tco2e[12];       /* all sources, monthly rows only */
    double quarter_tco2e[4];      /* all sources, quarterly rows only */
    double annual_tco2e;          /* all sources, rows for the whole year */
};

struct report {
    enum lang lang;
    struct report_year *years;    /* ascending by year */
    size_t nyears;
    size_t cur;                   /* the reporting year: years[cur] */
};

/*
 * Builds the report of the n years ys (any order) with labels in lang; cur_year, which must be
 * one of them, is the reporting year. fs and the factor library must outlive it. ERR_INPUT with
 * *cause (caller frees) when the engine cannot compute the reporting year (a row in an unknown
 * unit, a missing pin); another year that cannot be computed is kept with ok 0 and its reason in
 * why. ERR_NOTFOUND when cur_year is not among ys. Nothing to free on error.
 */
enum err report_build(const struct form_set *fs, const struct wb_year *ys, size_t n, int cur_year,
                      enum lang lang, struct report *r, char **cause);
void report_free(struct report *r);

struct engine_memo;
/*
 * report_build of the single year y, keeping the engine's conversions in *memo (freed first;
 * engine_compute_memo's), for report_update. On error as report_build, *memo NULL.
 */
enum err report_build_memo(const struct form_set *fs, const struct wb_year *y, enum lang lang,
                           struct engine_memo **memo, struct report *r, char **cause);
/*
 * The report r of y (report_build_memo's, with *memo) again after the A.5 values of the entries
 * flagged in dirty (y->nentries flags) changed in y and nothing else did: those entries' rows
 * are copied again, the figures summed afresh from the memo - exactly what report_build gives.
 * On error r is freed and *cause says why (as report_build's).
 */
enum err report_update(const struct wb_year *y, struct engine_memo **memo,
                       const unsigned char *dirty, struct report *r, char **cause);

/* The reporting year. */
const struct report_year *report_cur(const struct report *r);
/* The year y of the report, or NULL when it holds no such year. */
const struct report_year *report_find(const struct report *r, int y);

/* The A.1 value of key, or NULL when not filled in. */
const char *report_info(const struct report_year *r, const char *key);
/* The source with library id, or NULL when the year has none. */
const struct report_source *report_source(const struct report_year *r, const char *id);

#endif
