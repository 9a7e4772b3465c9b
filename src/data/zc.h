/*
 * zc.h - the 零碳机关评价 indicator table of 000 §6.4 and its grades (§6.6), loaded from their
 * master copies forms/zc_indicators.tsv and forms/zc_grades.tsv (built into the binary): every
 * third-level indicator with its parents, attribute, full points, 评分标准 and that rule in numbers
 * (a kind and its parameters), so core/zerocarbon.c scores it without knowing any one item.
 * Immutable once loaded.
 */
#ifndef TANBOOK_ZC_H
#define TANBOOK_ZC_H

#include <stddef.h>

#include "base/err.h"
#include "data/forms.h"

/* How an item gets its score. */
enum zc_how {
    ZC_COMPUTED,    /* from the workbook's figures (and, for some, an entered reference) */
    ZC_ENTERED,     /* the assessor enters a percentage; the rule scores it */
    ZC_ASSESSOR,    /* the assessor enters the points */
};

/* The workbook figure a computed item scores (forms/zc_indicators.tsv "input"). */
enum zc_input {
    ZI_NONE,                /* entered and assessor items */
    ZI_CHECK,               /* the year passes `check` (1.1.1) */
    ZI_CARBON_PER_AREA,     /* kgCO₂e/m² against the creation start year: reduction in % (1.1.2) */
    ZI_CARBON_PER_CAPITA,   /* tCO₂e/人 against the entered sector average (1.1.3) */
    ZI_TARGET_ACHIEVEMENT,  /* achievement of the year's reduction target, % (1.3.2) */
    ZI_ENERGY_PER_AREA,     /* kgce/m² against the entered quota (2.1.1) */
    ZI_RENEWABLE_SHARE,     /* 可再生能源利用率, % (2.2.1) */
    ZI_RENEWABLE_KW,        /* installed renewable generating capacity, kW (2.2.2) */
    ZI_WATER_PER_AREA,      /* m³/m² against the year before (4.2.3) */
    ZI__COUNT
};

/* The shape of a rule; the numbers it uses are in struct zc_rule. */
enum zc_kind {
    ZK_VETO,        /* passes → max; fails → 0 and the evaluation is vetoed */
    ZK_THRESHOLD,   /* value ≥ at[i] → pts[i] (at descending), else 0 */
    ZK_STEPS,       /* full → max, less deduct for each started step short of it */
    ZK_BONUS,       /* at the reference → base, plus add for each full step below, at most max */
    ZK_PER_UNIT,    /* points for each full unit, at most max */
    ZK_FALLING,     /* lower than the year before → max, else 0 */
    ZK_LEVELS,      /* the assessor gives one of pts[0..n) */
    ZK_SCALE,       /* the assessor gives 0 … max in steps of step */
};

/* How "每低 X %" measures a distance. */
enum zc_per {
    ZP_NONE,
    ZP_POINTS,      /* percentage points: the indicator is itself a percentage */
    ZP_RELATIVE,    /* per cent of the reference (a quantity against a sector average, a quota) */
};

#define ZC_RULE_PAIRS 8

struct zc_rule {
    enum zc_kind kind;
    enum zc_per per;        /* ZK_STEPS, ZK_BONUS */
    int ref_entry;          /* the reference is the item's entered value (ZP_RELATIVE) */
    int worse_above;        /* ZK_STEPS: points are lost above the reference, not below */
    double full;            /* ZK_STEPS with ZP_POINTS: the value that earns max */
    double step;            /* ZK_STEPS, ZK_BONUS, ZK_SCALE */
    double deduct;          /* ZK_STEPS */
    double base, add;       /* ZK_BONUS */
    double unit, points;    /* ZK_PER_UNIT */
    size_t n;               /* ZK_THRESHOLD, ZK_LEVELS */
    double at[ZC_RULE_PAIRS];   /* ZK_THRESHOLD, descending */
    double pts[ZC_RULE_PAIRS];  /* ZK_THRESHOLD; ZK_LEVELS ascending, the last one max */
};

/* One third-level indicator; every text is non-empty and owned by the table. */
struct zc_def {
    const char *code;               /* "1.1.2" */
    const char *level1_zh, *level1_en;  /* "碳排放管理" */
    double level1_max;              /* 25 */
    char level2_code[8];            /* "1.1" */
    const char *level2_zh, *level2_en;  /* "碳排放底数" */
    double level2_max;              /* 12 */
    const char *name_zh, *name_en;  /* as the standard writes it, unit included */
    int binding;                    /* 1: 约束性, 0: 预期性 */
    double max;                     /* 分值 */
    const char *rule_zh, *rule_en;  /* 评分标准 */
    enum zc_how how;
    enum zc_input input;
    struct zc_rule rule;
};

/* One grade of §6.6, highest first. */
struct zc_grade {
    double min;                     /* the lowest total of the grade */
    const char *range_zh, *range_en;    /* "80-89 分" */
    const char *grade_zh, *grade_en;    /* "零碳先进机关" */
    const char *desc_zh, *desc_en;      /* 等级描述 */
};

struct tsv;

struct zc_defs {
    struct zc_def *v;       /* in the table's order */
    size_t n;               /* 41 */
    size_t nlevel1, nlevel2;    /* 6, 17 */
    double total;           /* the full points of the table, 100 */
    struct zc_grade *grades;
    size_t ngrades;
    struct tsv *tv, *gtv;   /* the parsed files: own every text */
};

/* Loads the built-in forms/zc_indicators.tsv and forms/zc_grades.tsv into *out (free with
   zc_free). On error *out is NULL and it returns ERR_DATA with *cause "FILE:LINE: reason". */
enum err zc_load(struct zc_defs **out, char **cause);
/*
 * Parses text as the indicator file called file and gtext as the grades file called gfile (the
 * names messages give). Refused, with "FILE:LINE: reason" (caller frees): an empty or unknown cell
 * (attribute, how, input, kind, a params key), a bad number, a code out of sequence (1.1.1, 1.1.2,
 * ... 1.2.1 ... 2.1.1), parents that differ between rows of one level, points of a level that are
 * not the sum of the level below, a total that is not 100, a rule whose points leave 0 … max or
 * that does not fit how; grades not descending or not ending at 0. Used by zc_load and by tests.
 */
enum err zc_parse(const char *file, const char *text, const char *gfile, const char *gtext,
                  struct zc_defs **out, char **cause);
/* Frees defs and every text of it; NULL is a no-op. */
void zc_free(struct zc_defs *defs);

/* The indicator with code, or NULL. */
const struct zc_def *zc_find(const struct zc_defs *defs, const char *code);
/* The grade a total earns (the first whose min it reaches); never NULL for loaded defs. */
const struct zc_grade *zc_grade_for(const struct zc_defs *defs, double total);
/* The grade that a vetoed evaluation gets whatever its total: the lowest one. */
const struct zc_grade *zc_grade_lowest(const struct zc_defs *defs);

/* Texts in lang. */
const char *zc_name(const struct zc_def *d, enum lang lang);
const char *zc_rule_text(const struct zc_def *d, enum lang lang);
const char *zc_level1(const struct zc_def *d, enum lang lang);
const char *zc_level2(const struct zc_def *d, enum lang lang);
/* 约束性 / 预期性, or "binding" / "indicative". */
const char *zc_attribute(const struct zc_def *d, enum lang lang);
/* "computed", "entered", "assessor" (the file's and the JSON's word). */
const char *zc_how_name(enum zc_how how);
/* The input's name in the file: "carbon_per_area"; "-" for ZI_NONE. */
const char *zc_input_name(enum zc_input in);
const char *zc_grade_name(const struct zc_grade *g, enum lang lang);
const char *zc_grade_desc(const struct zc_grade *g, enum lang lang);

#endif
