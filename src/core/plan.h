/*
 * plan.h - what a workbook holds beyond its years, for carbon performance: the base period
 * (碳基准) with the history of its changes, the targets (碳目标) and the measures plan (措施计划)
 * of 001 §6.3-6.5 and 003 §6.2-6.3; the renewables, green power and offsets claimed with their
 * evidence, the 碳中和计划 and the statements (003 §6.4, §7.3, §9), as storage loads them; the base period as typed
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

/*
 * The evidence of a claim (佐证): a reference (document name, number and date) and, optionally,
 * a file whose SHA-256 was taken when it was recorded, so that a later check tells whether the
 * file changed. A claim whose reference is empty counts for nothing.
 */
struct wb_evidence {
    char *ref;              /* "" when none */
    char *file;             /* "" when none */
    char *sha256;           /* 64 hex digits of file when recorded; "" when no file */
};

/* What an offset is: the credit types of 003 §7.3.1.2, green certificates, forestry, others. */
enum offset_type {
    OFFSET_CCER,        /* 中国温室气体自愿减排项目 核证自愿减排量 */
    OFFSET_SZ,          /* 深圳碳普惠核证减排量 */
    OFFSET_GD,          /* 广东碳普惠核证减排量 */
    OFFSET_CERT,        /* 绿色电力证书 (绿证): scope 2 only, its own production year */
    OFFSET_FOREST,      /* 自主开发林业碳汇 (003 §7.3.2) */
    OFFSET_OTHER,       /* outside 003 §7.3.1.2's list: recorded, never counted */
    OFFSET__COUNT
};

struct wb_offset {
    long long id;           /* 0 when not stored */
    int year;               /* 抵销年度: the year it is claimed for */
    enum offset_type type;
    char *project;          /* 项目 */
    char *serial;           /* 编号: serial or registry id */
    char *registered;       /* 登记日期 YYYY-MM-DD, "" when not given */
    int vintage;            /* 年份 (a 绿证's production year); 0 when not given */
    double quantity_tco2e;  /* 数量 */
    double quantity_mwh;    /* a 绿证's electricity, MWh; 0 when not given */
    char *cancelled;        /* 注销日期 YYYY-MM-DD, "" when not cancelled */
    char *proof;            /* 注销证明: the reference of the cancellation proof */
    int used_elsewhere;     /* 已用于其他组织或声明 */
    char *registry;         /* 登记机构或交易平台 (a 绿证's registry, a credit's platform) */
    char *location;         /* forestry (003 §7.3.2): 地点 */
    double area_ha;         /* forestry: 面积, hm²; 0 when not given */
    char *species;          /* forestry: 树种 */
    char *period;           /* forestry: 计入期 ("2021-2040") */
    char *disclosure;       /* forestry: where its location, species, area ... are public (7.3.2.2) */
    struct wb_evidence ev;  /* 佐证 */
    char *note;
};

/* What on-site renewable or bought green energy a row records. */
enum renew_kind {
    RENEW_PV,           /* 光伏发电自用, kWh (capacity in kW) */
    RENEW_POWER,        /* other renewable power used on site (wind ...), kWh */
    RENEW_HEAT,         /* renewable heat measured (solar hot water, heat pumps), GJ */
    RENEW_GREEN,        /* 绿色电力交易 bought, kWh */
    RENEW__COUNT
};

struct wb_renewable {
    long long id;
    int year;
    enum renew_kind kind;
    char *period;           /* "2024" or a month "2024-03" */
    double quantity;        /* kWh, or GJ for RENEW_HEAT */
    double capacity_kw;     /* PV: installed capacity, 0 when not given */
    struct wb_evidence ev;  /* without a reference it counts for nothing */
    char *note;
};

/* The 碳中和计划 of 003 §6.4.1 (Appendix B): four texts of the workbook. */
struct wb_pledge {
    char *commitment;       /* a) 碳中和承诺的陈述 */
    char *timetable;        /* b) 计划实现碳中和的时间表 */
    char *reduction;        /* c) 温室气体减排策略 */
    char *offsetting;       /* d) 碳抵消策略 */
};

/* What the 碳中和声明 of one year states beyond the figures (003 §9). */
struct wb_statement {
    int year;
    char *period;           /* c) 覆盖的时间段 ("2024-01-01 至 2024-12-31"); "" : the calendar year */
    char *evaluator;        /* f) 评价机构 */
    char *conclusion;       /* f) 评价结论 */
    char *other;            /* g) 其他需要声明的内容 */
};

/*
 * What an assessor entered for one item of an evaluation of a year (零碳机关 "zc", 000 §6;
 * maturity "maturity", 002 §12): a value (points, a percentage, a reference value or a setting,
 * as the item asks), the evidence note (document reviewed, site check, interview: 000 §6.5) and
 * reference, who entered it and when. A code starting with '@' is a setting, with '#' a text of
 * the report (evaluators, findings, conclusion), kept in note.
 */
struct wb_assessment {
    long long id;                 /* 0 when not stored */
    int year;
    char *eval;                   /* "zc" or "maturity" */
    char *code;                   /* "2.2.1", "@a1", "#findings" */
    int has_value;
    double value;
    char *note;                   /* "" when none */
    struct wb_evidence ev;
    char *assessor;               /* "" when not given */
    char *at;                     /* ISO 8601 UTC; NULL when not stored */
};

struct wb_plan {
    struct wb_base *bases;        /* every setting, oldest first: the last is the base */
    size_t nbases;
    struct wb_target *targets;    /* in the order entered */
    size_t ntargets;
    struct wb_measure *measures;
    size_t nmeasures;
    struct wb_offset *offsets;    /* every year's, in the order entered */
    size_t noffsets;
    struct wb_renewable *renewables;  /* every year's, by year, kind and period */
    size_t nrenewables;
    struct wb_pledge pledge;      /* strings "" when not written */
    struct wb_statement *statements;  /* by year */
    size_t nstatements;
    struct wb_assessment *assessments;    /* by year, evaluation and code */
    size_t nassessments;
};

/* The base period in force: the latest setting, or NULL when none was set. */
const struct wb_base *plan_base(const struct wb_plan *p);
void plan_free(struct wb_plan *p);
void plan_base_free(struct wb_base *b);
void plan_target_free(struct wb_target *t);
void plan_measure_free(struct wb_measure *m);
void plan_offset_free(struct wb_offset *o);
void plan_renewable_free(struct wb_renewable *r);
void plan_statement_free(struct wb_statement *s);
void plan_evidence_free(struct wb_evidence *e);
void plan_assessment_free(struct wb_assessment *a);
/*
 * An evidence's SHA-256 64 lowercase hex digits with the file named, or both empty; ERR_INPUT
 * with *cause in lang otherwise.
 */
enum err plan_evidence_valid(const struct wb_evidence *e, enum lang lang, char **cause);
/*
 * Checks an assessment as entered or read: a year in range, eval "zc" or "maturity", a code of
 * 1-32 of [0-9A-Za-z._@#-], a finite value, no text with a control character, its evidence.
 * ERR_INPUT with *cause in lang otherwise. Whether the code is an item of the evaluation is the
 * evaluation's to say.
 */
enum err plan_assessment_valid(const struct wb_assessment *a, enum lang lang, char **cause);
/* The entry of (year, eval, code) in p, or NULL. */
const struct wb_assessment *plan_assessment(const struct wb_plan *p, int year, const char *eval,
                                            const char *code);
/*
 * The slot of the pledge's text key ("commitment", "timetable", "reduction", "offsetting") or of
 * the statement's ("period", "evaluator", "conclusion", "other"); NULL for a key that is none.
 */
char **plan_pledge_slot(struct wb_pledge *p, const char *key);
char **plan_statement_slot(struct wb_statement *s, const char *key);
/* The label in lang of a text of the pledge or a statement ("碳中和承诺的陈述"); key when none. */
const char *plan_text_label(const char *key, enum lang lang);
/* The statement of year in p, or NULL. */
const struct wb_statement *plan_statement(const struct wb_plan *p, int year);

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
