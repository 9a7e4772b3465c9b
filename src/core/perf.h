/*
 * perf.h - carbon performance over the years of a workbook (001 §6.2-6.5, 003 §6.2, §7.2.4.2,
 * A.2): the parameters of every year, as reported and restated like for like with the base
 * period's factors; the base period resolved to its years and values; the change of every year
 * against the year before and the base, the change against the base split into an activity and
 * a factor effect per source; and the progress of every target. Pure: computed from the years
 * (core/model.h), the plan (core/plan.h) and the engine through report_build. The screens, the
 * CLI's `kpi` and `target` and the export read this and never compute a parameter themselves.
 *
 * Like for like: a year restated "with the base period's factors" is the year computed by the
 * engine with, for every source, the factor pinned in the base period's earliest year (the year
 * the factors were chosen, which 003 §7.2.4.2 says should not change afterwards); a source that
 * year has no pin for keeps its own. The base's own like-for-like value is the average of its
 * years restated the same way, so for a one-year base it is the base as reported.
 *
 * The split of a year's change against the base, per source s (E = tCO₂e, A activity, F factor):
 *   activity effect = E_lfl(year) − E_lfl(base)    (the activity change at the base's factors)
 *   factor effect   = (E(year) − E(base)) − activity effect
 * so the two add up exactly to the change as reported.
 */
#ifndef TANBOOK_PERF_H
#define TANBOOK_PERF_H

#include <stddef.h>

#include "base/err.h"
#include "core/model.h"
#include "core/plan.h"
#include "core/report.h"
#include "data/forms.h"

/* The figures of a year. */
enum perf_key {
    PK_TOTAL,               /* 碳排放总量, tCO₂e */
    PK_SCOPE1,              /* 范围一, tCO₂e */
    PK_SCOPE2,              /* 范围二, tCO₂e */
    PK_INTENSITY,           /* 单位建筑面积碳排放量, kgCO₂e/m² */
    PK_PER_CAPITA,          /* 人均碳排放量, tCO₂e/人 */
    PK_ENERGY,              /* 综合能耗, tce */
    PK_ENERGY_INTENSITY,    /* 单位建筑面积综合能耗, kgce/m² */
    PK_ENERGY_PER_CAPITA,   /* 人均综合能耗, kgce/人 */
    PK_COAL_SHARE,          /* 煤炭消费占比, % of 综合能耗 */
    PK_HEAT_PER_HDD,        /* 外购热力 kgCO₂e per heating degree-day (℃·d) */
    PK_ELEC_PER_DD,         /* 外购电力 kgCO₂e per degree-day, heating + cooling */
    PK_NEUTRALITY,          /* 碳中和率, %: the next issue's (null until then) */
    PK_RENEWABLE,           /* 可再生能源利用率, % */
    PK_GREEN_POWER,         /* 绿色电力利用率, % */
    PK__COUNT
};

struct perf_num {
    int ok;                 /* 0: no value (a figure missing, a division by zero, not yet built) */
    double v;
};

struct perf_key_def {
    const char *id;         /* "total", "intensity" ... (the parameters of plan.h keep their id) */
    const char *json;       /* the key of `kpi --json`: "total_tco2e" */
    const char *zh, *en;    /* the label */
    const char *unit;       /* "tCO₂e" */
    int decimals;           /* shown with */
    const char *formula_zh, *formula_en;    /* how a normalised figure is made, or NULL */
};

/* The definition of k. */
const struct perf_key_def *perf_key(enum perf_key k);
/* The figure a target parameter is. */
enum perf_key perf_param_key(enum plan_param p);

/* One source's change against the base, split. */
struct perf_effect {
    const struct source_def *src;
    const char *label;      /* 排放源, in the perf's language */
    double base_tco2e, tco2e;           /* as reported */
    double activity_tco2e, factor_tco2e;/* they add up to tco2e − base_tco2e */
};

struct perf_year {
    int year;
    int computed;           /* the engine computed it (else why) */
    int complete;           /* `check` finds no error in it */
    char *why;              /* why it is not computed, or NULL */
    int has_hdd, has_cdd;
    double hdd, cdd;        /* degree-days entered (A.1 hdd, cdd), ℃·d */
    struct perf_num rep[PK__COUNT];         /* as reported */
    struct perf_num lfl[PK__COUNT];         /* like for like (the base's factors) */
    struct perf_num prev_pct[PK__COUNT];    /* change against the previous year, %, as reported */
    struct perf_num prev_lfl_pct[PK__COUNT];/* ... like for like */
    struct perf_num base_pct[PK__COUNT];    /* change against the base, %, as reported */
    struct perf_num base_lfl_pct[PK__COUNT];/* ... like for like */
    int has_effects;        /* the base and this year are computed: the split below is there */
    double activity_tco2e, factor_tco2e;    /* the split of rep[PK_TOTAL] − the base's */
    struct perf_effect *effects;            /* the year's sources, then the base's others */
    size_t neffects;
};

struct perf_base {
    int set;                /* a base period is set (else nothing below) */
    struct wb_base def;     /* the setting as recorded (strings owned) */
    int years[PLAN_BASE_YEARS_MAX];         /* the years it stands for (moving: as resolved) */
    size_t nyears;
    int factor_year;        /* whose factors like for like uses: years[0]; 0 when none or
                               when the workbook lacks that year */
    int ok;                 /* every year of it is computed (else missing) */
    char *missing;          /* what is missing, in words ("工作簿中没有 2020 年"), or NULL */
    char *note;             /* a caution that does not stop it ("2021 年数据不完整"), or NULL */
    struct perf_num rep[PK__COUNT];         /* the average of its years, as reported */
    struct perf_num lfl[PK__COUNT];         /* ... like for like */
};

/* A target's state in one year. */
struct perf_step {
    int year;
    struct perf_num milestone;  /* on the curve base × (1 − r)^(t − tB); a cap: the cap */
    struct perf_num actual;     /* as reported; not ok when the workbook lacks the year */
    struct perf_num actual_lfl; /* like for like */
    struct perf_num gap;        /* actual − milestone */
    int on_track;               /* actual ≤ milestone (only when both are there) */
    struct perf_num needed_pct; /* the yearly reduction still needed from actual to the target */
};

struct perf_target {
    struct wb_target def;   /* as recorded (strings owned) */
    struct perf_base base;  /* its base: its own, or the workbook's */
    int base_year;          /* tB: the latest year of the base; 0 when none */
    int ok;                 /* base value there and the target year after tB (else missing) */
    char *missing;          /* why not, in words, or NULL */
    double reduction_pct;   /* R, % (a cap: 0) */
    double annual_pct;      /* r, % (a cap: 0) */
    struct perf_num base_value, target_value;
    struct perf_step *steps;/* tB .. max(tT, the workbook's last year) */
    size_t nsteps;
};

struct perf {
    enum lang lang;
    struct perf_year *years;    /* every year of the workbook, ascending */
    size_t nyears;
    size_t cur;                 /* the year assessed: years[cur] */
    struct perf_base base;
    struct perf_target *targets;
    size_t ntargets;
    double expected_tco2e;      /* the measures plan's expected reductions, summed */
    struct wb_base *history;    /* every setting of the base, oldest first (the plan's, copied) */
    size_t nhistory;
};

/*
 * Computes the performance of the n years ys (ascending; complete[i] whether year ys[i] passes
 * `check`, NULL: every year does) with plan, for cur_year (one of them: a moving base takes the
 * complete years before it). Labels in lang. ERR_NOTFOUND with *cause when cur_year is not among
 * ys; a year or base that cannot be computed is kept with its reason, never an error. The
 * years and plan need not outlive p. Free with perf_free.
 */
enum err perf_build(const struct form_set *fs, const struct wb_year *ys, size_t n,
                    const int *complete, const struct wb_plan *plan, int cur_year,
                    enum lang lang, struct perf *p, char **cause);
/*
 * perf_build from the years computed already, so that the engine need not run again for them:
 * reps[i] the report of ys[i] alone (report_build of it with cur_year ys[i].year, in lang), or a
 * zeroed report (nyears 0) when the engine refused it, whys[i] then saying why. reps must
 * outlive the call only: p copies what it keeps. The result is exactly perf_build's.
 */
enum err perf_build_from(const struct form_set *fs, const struct wb_year *ys,
                         const struct report *reps, const char *const *whys, size_t n,
                         const int *complete, const struct wb_plan *plan, int cur_year,
                         enum lang lang, struct perf *p, char **cause);
void perf_free(struct perf *p);

/* The state of target t in year y, or NULL when its steps do not reach y. */
const struct perf_step *perf_step(const struct perf_target *t, int y);
/*
 * The target the measures plan is held against (its expected reductions against the gap): the
 * first total-emissions target that can be computed; NULL when there is none.
 */
const struct perf_target *perf_total_target(const struct perf *p);

/* The year y of p, or NULL. */
const struct perf_year *perf_find(const struct perf *p, int y);
/* The year assessed. */
const struct perf_year *perf_cur(const struct perf *p);

#endif
