/*
 * plan.h - what a workbook holds beyond its years, for carbon performance: the base period
 * (碳基准) with the history of its changes, the targets (碳目标) and the measures plan (措施计划)
 * of 001 §6.3-6.5 and 003 §6.2-6.3, as storage loads them; the base period as typed
 * ("2022", "2020-2022", "moving:3") and the target arithmetic of 003 formula A.1. Pure: no SQL,
 * no curses. core/perf.h computes with them.
 */
#ifndef TANBOOK_PLAN_H
#define TANBOOK_PLAN_H

#include <stddef.h>

#include "base/err.h"
#include "data/forms.h"

/* The most years an average base may name (003 §6.2.1 asks for no more than five before the plan). */
#define PLAN_BASE_YEARS_MAX 10

/* The kinds of base period of 003 §6.2.2. */
enum base_kind {
    BASE_YEAR,      /* a) one year of stable data */
    BASE_AVERAGE,   /* b) the average of chosen years */
    BASE_MOVING,    /* c) the moving average of the latest N complete years */
};

struct wb_base {                  /* one setting of the base period */
    long long id;                 /* 0 when not stored */
    enum base_kind kind;
    int years[PLAN_BASE_YEARS_MAX];   /* BASE_YEAR: one; BASE_AVERAGE: ascending; MOVING: none */
    size_t nyears;
    int moving_n;                 /* BASE_MOVING: N (1 .. PLAN_BASE_YEARS_MAX) */
    char *reason;                 /* why it was set or reset (003 §6.2.3); "" when none */
    char *at;                     /* when it was set, ISO 8601 UTC; NULL when not stored */
};

/* The parameters a target may be set on (001 §6.5.1), and the coal share of 004. */
enum plan_param {
    PARAM_TOTAL,            /* 碳排放总量, tCO₂e */
    PARAM_INTENSITY,        /* 单位建筑面积碳排放量, kgCO₂e/m² */
    PARAM_PER_CAPITA,       /* 人均碳排放量, tCO₂e/人 */
    PARAM_ENERGY_INTENSITY, /* 单位建筑面积综合能耗, kgce/m² */
    PARAM_COAL_SHARE,       /* 煤炭消费占比, % of 综合能耗 (a cap, not a reduction) */
    PARAM__COUNT
};

enum target_kind {
    TARGET_REDUCTION,       /* value: the overall reduction R against the base, % */
    TARGET_RATE,            /* value: the annual reduction rate r, % */
    TARGET_CAP,             /* value: the most the parameter may be in the target year, % */
};

struct wb_target {
    long long id;                 /* 0 when not stored */
    enum plan_param param;
    char *base;                   /* its own base period as typed ("2020"), NULL: the workbook's */
    int target_year;
    enum target_kind kind;
    double value;
    char *preset;                 /* the preset it came from ("national-2025", "1.5c"), or NULL */
    char *note;                   /* "" when none */
};

struct wb_measure {               /* one row of the measures plan (001 §6.5.2, 003 B.3) */
    long long id;                 /* 0 when not stored */
    int catalog;                  /* its number in 003 表C.1 (forms/measures.tsv), 0: none */
    char *name;                   /* 要做什么 */
    char *resources;              /* 需要什么资源 */
    char *owner;                  /* 由谁负责 */
    char *due;                    /* 何时完成 ("2025-06", free text) */
    char *evaluation;             /* 如何评价结果 */
    int has_expected;
    double expected_tco2e;        /* 预期减排量, tCO₂e a year */
    char *note;
};

struct wb_plan {
    struct wb_base *bases;        /* every setting, oldest first: the last is the base */
    size_t nbases;
    struct wb_target *targets;    /* in the order entered */
    size_t ntargets;
    struct wb_measure *measures;
    size_t nmeasures;
};

/* The base period in force: the latest setting, or NULL when none was set. */
const struct wb_base *plan_base(const struct wb_plan *p);
void plan_free(struct wb_plan *p);
void plan_base_free(struct wb_base *b);
void plan_target_free(struct wb_target *t);
void plan_measure_free(struct wb_measure *m);

/*
 * Reads a base period as typed: "2022" (one year), "2020-2022" (the average of those years),
 * "2019,2021,2022" (the average of the years named), "moving:3" (the moving average of the
 * latest three complete years). Fills b's kind, years and moving_n (reason and at untouched).
 * ERR_USAGE with *cause (in lang, caller frees) for anything else, a year out of range, a range
 * backwards, more than PLAN_BASE_YEARS_MAX years.
 */
enum err plan_base_parse(const char *text, enum lang lang, struct wb_base *b, char **cause);
/* b as plan_base_parse reads it ("2020-2022" for consecutive years); caller frees. */
char *plan_base_text(const struct wb_base *b);
/* b in words: "2022 年（单一年份）", "2020—2022 年平均", "最近 3 个完整年份的移动平均"; caller frees. */
char *plan_base_words(const struct wb_base *b, enum lang lang);

/* The stable name of a parameter (the CLI's --parameter, JSON keys): "total", "intensity" ... */
const char *plan_param_id(enum plan_param p);
/* The parameter called id; -1 when none. */
int plan_param_find(const char *id);
/* Its label ("单位建筑面积碳排放量") and unit ("kgCO₂e/m²") in lang. */
const char *plan_param_label(enum plan_param p, enum lang lang);
const char *plan_param_unit(enum plan_param p);

/*
 * 003 formula A.1: the overall reduction R = 1 − (1 − r)^(tT − tB), both as fractions; and back,
 * r = 1 − (1 − R)^(1 / (tT − tB)). years = tT − tB must be at least 1 (the caller refuses a target
 * year that is not after the base year).
 */
double plan_overall(double annual, int years);
double plan_annual(double overall, int years);

/*
 * Checks a target as entered: a known kind, a value in (0, 100) for a reduction or a rate and in
 * [0, 100] for a cap, a cap only on the coal share and the coal share only as a cap, a target year
 * in range. ERR_USAGE with *cause (in lang, caller frees) otherwise.
 */
enum err plan_target_valid(const struct wb_target *t, enum lang lang, char **cause);

/*
 * The preset targets: "national-2025" (004: 单位建筑面积碳排放 −7 % and 单位建筑面积能耗 −5 % in
 * 2025 against 2020, coal below 13 % of energy use in 2025) and "1.5c" (003 A.2.4.2 a): scope 1+2
 * at least 4.2 % a year against the workbook's base, to target_year). Fills *out (free each with
 * plan_target_free, then the array) with *n targets; ERR_USAGE (cause in lang) for an unknown name.
 */
enum err plan_preset(const char *name, int target_year, enum lang lang, struct wb_target **out,
                     size_t *n, char **cause);

/*
 * Whether plan already holds a target of t's preset, parameter and target year (adding a preset
 * again adds only what is not there yet).
 */
int plan_preset_held(const struct wb_plan *plan, const struct wb_target *t);

#endif
