/*
 * zerocarbon.h - scores the 零碳机关评价 (000 §6): every indicator of the table (data/zc.h) from
 * the workbook's figures, an entered percentage, or the assessor's points; the total, the grade of
 * §6.6, the veto of 1.1.1 (一票否决) and whether the grade is still provisional. Pure: the figures
 * come in as struct zc_facts (filled by the book layer), the assessor's entries as a plain array;
 * nothing here reads a workbook, and nothing is stored.
 *
 * How a rule is read (zc_reading gives it to the sheet): "每低 X %" for an indicator that is itself
 * a percentage means X percentage points; for a quantity against a reference (1.1.3 against the
 * sector average, 2.1.1 against the quota) it means X per cent of the reference. A deduction counts
 * every started step (10.01 % above with steps of 10 % is two steps); a bonus, and "每 10kW 得 0.5
 * 分", count full steps only. A score never goes below 0 or above the item's points.
 */
#ifndef TANBOOK_ZEROCARBON_H
#define TANBOOK_ZEROCARBON_H

#include <stddef.h>

#include "base/err.h"
#include "core/eval_entry.h"
#include "data/forms.h"
#include "data/zc.h"

/* The workbook's figures for the evaluated year; a figure counts only with its has_ flag. */
struct zc_facts {
    int year;                       /* the evaluated year (for the texts) */
    int has_check;                  /* 1.1.1: `check` has run on the year */
    int check_passes;               /* the year has no error */
    int check_errors;               /* how many errors it has (for the text) */
    int has_carbon_per_area;        /* 1.1.2: this year's kgCO₂e/m² */
    double carbon_per_area;
    int has_base_carbon_per_area;   /* the creation start year's (the workbook's base year) */
    int base_year;
    double base_carbon_per_area;
    int has_carbon_per_capita;      /* 1.1.3: tCO₂e/人 */
    double carbon_per_capita;
    int has_target_achievement;     /* 1.3.2: achievement of the year's reduction target, % */
    double target_achievement;
    int has_energy_per_area;        /* 2.1.1: kgce/m² */
    double energy_per_area;
    int has_renewable_share;        /* 2.2.1: 可再生能源利用率, % */
    double renewable_share;
    int has_renewable_kw;           /* 2.2.2: installed renewable (PV ...) capacity, kW */
    double renewable_kw;
    int has_water_per_area;         /* 4.2.3: this year's m³/m² */
    double water_per_area;
    int has_last_water_per_area;    /* the year before's */
    double last_water_per_area;
};

/* What an item's entered value means. */
enum zc_value {
    ZV_NONE,        /* the item takes no value (computed from the workbook; evidence only) */
    ZV_REFERENCE,   /* what the figure is compared with: 1.1.3's sector average, 2.1.1's quota */
    ZV_FIGURE,      /* the figure itself, used when the workbook has none (1.3.2, 2.2.1, 2.2.2) */
    ZV_PERCENT,     /* the percentage the rule scores (entered items) */
    ZV_POINTS,      /* the points (assessor items) */
};

struct zc_item {
    const struct zc_def *def;
    int scored;                     /* 0: unscored, and inputs says why */
    double score;                   /* 0 … def->max, when scored */
    enum zc_how how;                /* how it was scored: def->how, or ZC_ENTERED when a computed
                                       item took the entered figure */
    char *inputs;                   /* the inputs in words, or what is missing (owned) */
    const char *note;               /* from the entry: the evidence note, "" when none */
    const char *evidence;           /* the evidence reference, "" when none */
    const char *assessor;           /* who entered it, "" when unknown */
};

struct zc_result {
    struct zc_item *items;          /* one per indicator, in the table's order */
    size_t n;
    double total;                   /* the sum of the scored items */
    double scored_max;              /* the points the scored items could have had */
    int veto;                       /* 1.1.1 failed: the grade is the lowest whatever the total */
    int provisional;                /* an item is unscored */
    const struct zc_grade *grade;   /* of the total, or the lowest when vetoed */
    const char **unscored;          /* the codes of the unscored items (owned array, codes not) */
    size_t nunscored;
    char *table_note;               /* the table's 41 rows against the text's 42 (owned) */
    const char *reading;            /* zc_reading(lang) */
};

/*
 * Scores every indicator of defs for the year of facts with the entries (the last entry of a code
 * counts; codes not in the table are ignored) into *out, in lang. An entry whose value
 * zc_entry_valid refuses leaves its item unscored with the reason. Never fails; free *out with
 * zc_result_free. entries may be NULL when nentries is 0.
 */
void zc_score(const struct zc_defs *defs, const struct zc_facts *facts,
              const struct eval_entry *entries, size_t nentries, enum lang lang,
              struct zc_result *out);
void zc_result_free(struct zc_result *res);

/* What the entered value of d means. */
enum zc_value zc_value_kind(const struct zc_def *d);
/* What to enter for d, in words: "行业平均水平（tCO₂e/人）", "得分 0–3（步长 0.5）" (caller frees);
   NULL when d takes no value. */
char *zc_value_prompt(const struct zc_def *d, enum lang lang);
/*
 * Whether value may be entered for d: a reference above 0, a percentage 0 … 100, a capacity or an
 * achievement not below 0, points among the rule's levels or on its steps within 0 … max.
 * Returns ERR_OK, or ERR_INPUT with *cause the reason in lang (caller frees).
 */
enum err zc_entry_valid(const struct zc_def *d, double value, enum lang lang, char **cause);
/* How the rules are read, for the sheet (static text). */
const char *zc_reading(enum lang lang);

#endif
