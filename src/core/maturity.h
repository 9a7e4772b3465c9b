/*
 * maturity.h - the carbon-management maturity evaluation of 002 《碳排放管理体系建设与评价指南》
 * §12 (a draft): the qualitative score (表A.1, each criterion scored by the assessor, 100 in all),
 * the quantitative score (表A.2: the unit's carbon intensity, formula (1), against an entered
 * industry advanced value, or by the historical method against the best earlier year), the total
 * I = a1 × qualitative + a2 × quantitative (formula (3)) and its grade (表22). Pure: it takes the
 * tables (data/maturity_defs.h), the year's figures and the entries, and knows no storage or
 * screen.
 *
 * Entries (struct eval_entry; one with has_value 0 counts as not entered, a later one for the
 * same code replaces an earlier one):
 *   "M1.1.1" …    the points of a 表A.1 criterion: 0 … max in its steps
 *   "@advanced"   the industry advanced value, > 0, in the unit of the chosen intensity
 *   "@a1" "@a2"   the weights (they must add up to 1)
 *   "@hist_100" "@hist_80"  the least decline (%, from the best earlier year) for 100 and 80 points
 *   "@denominator" 0 building area (kgCO₂e/m²), 1 headcount (tCO₂e/人), 2 the user's named one
 *                  (tCO₂e per its unit): enum maturity_denom
 */
#ifndef TANBOOK_MATURITY_H
#define TANBOOK_MATURITY_H

#include <stddef.h>

#include "base/err.h"
#include "core/eval_entry.h"
#include "data/forms.h"
#include "data/maturity_defs.h"

#define MATURITY_ADVANCED "@advanced"

enum maturity_denom { MD_AREA, MD_PERSON, MD_CUSTOM, MD__COUNT };

/* One year's figures, as the book layer computes them; a has_ flag of 0 means no value. */
struct maturity_year {
    int year;
    int has_total;
    double total_tco2e;         /* the year's total emissions, tCO₂e */
    int has_area;
    double area_m2;             /* building area, m² */
    int has_people;
    double people;              /* headcount, 人 */
    int has_custom;
    double custom;              /* the user-named denominator, in custom_unit */
};

struct maturity_facts {
    struct maturity_year cur;               /* the evaluated year */
    const struct maturity_year *earlier;    /* the workbook's other years; those before cur count */
    size_t nearlier;
    const char *custom_name;                /* "营业收入"; NULL or "" when none is named */
    const char *custom_unit;                /* "万元" */
};

/* A setting's value in effect. */
struct maturity_setting_value {
    const struct maturity_setting_def *def; /* key, default, limits, the draft's text */
    double value;
    int entered;                            /* 1: from an entry; 0: the default */
};

struct maturity_item_score {
    const struct maturity_item *def;
    int scored;
    double points;                          /* 0 while unscored */
    const struct eval_entry *entry;         /* the entry it came from (the caller's), or NULL */
};

struct maturity_quant {
    int ok;                                 /* 1: scored; 0: see words */
    enum maturity_method method;            /* advanced when "@advanced" was entered */
    enum maturity_denom denom;
    int has_intensity;
    double intensity;                       /* the year's C of formula (1), in unit */
    char *unit;                             /* "kgCO₂e/m²", "tCO₂e/人", "tCO₂e/万元" */
    int has_reference;
    double reference;                       /* the advanced value, or the best earlier year's C */
    int ref_year;                           /* historical: that year; else 0 */
    double deviation_pct;                   /* advanced: % above; historical: % decline */
    const struct maturity_band *band;       /* the 表A.2 row that applied, or NULL */
    double points;                          /* 0 while not scored */
    char *words;                            /* the method and the numbers in words, in lang */
};

struct maturity_result {
    struct maturity_item_score *items;      /* one per 表A.1 criterion, in its order */
    size_t nitems;
    double qualitative;                     /* the sum of the scored criteria (of 100) */
    size_t nscored;
    const char **unscored;                  /* the codes of the criteria not scored (defs' texts) */
    size_t nunscored;
    struct maturity_quant quant;
    struct maturity_setting_value *settings;/* every setting, in the file's order */
    size_t nsettings;
    double a1, a2;
    double total;                           /* a1 × qualitative + a2 × quant.points */
    const struct maturity_grade *grade;     /* 表22's grade of total */
    int provisional;                        /* a criterion unscored or the quantitative part not */
    const char *note;                       /* the draft's gaps and inconsistencies (static) */
};

/* ERR_OK when value is a score def allows (0 … max, a multiple of its step); otherwise
   ERR_INPUT with *cause (in lang, caller frees) saying why. */
enum err maturity_entry_valid(const struct maturity_item *def, double value, enum lang lang,
                              char **cause);
/* The same for a setting: within its limits, whole when it must be. */
enum err maturity_setting_valid(const struct maturity_setting_def *def, double value,
                                enum lang lang, char **cause);
/*
 * Every setting with the value in effect (the last entry for its key, else the default): *out
 * (caller frees, pointing into defs) gets defs->nsettings of them. ERR_INPUT with *cause (in lang)
 * and *out NULL when an entered value is not valid, the weights do not add up to 1, or the
 * historical thresholds do not fall as their points do (@hist_100 above @hist_80).
 */
enum err maturity_settings(const struct maturity_defs *defs, const struct eval_entry *entries,
                           size_t nentries, enum lang lang, struct maturity_setting_value **out,
                           char **cause);
/*
 * Scores the evaluation into *out (free with maturity_result_free; it points into defs, facts'
 * names and entries, which must outlive it). ERR_INPUT with *cause (in lang, caller frees) and
 * *out zeroed when an entry names no criterion or setting, a score or setting is not valid
 * (see above), or "@advanced" is not above 0. Texts are in lang.
 */
enum err maturity_score(const struct maturity_defs *defs, const struct maturity_facts *facts,
                        const struct eval_entry *entries, size_t nentries, enum lang lang,
                        struct maturity_result *out, char **cause);
/* Frees what r holds and zeroes it. */
void maturity_result_free(struct maturity_result *r);

/* 表22's grade of total: the first (from the top) whose min it reaches. */
const struct maturity_grade *maturity_grade(const struct maturity_defs *defs, double total);
/* The denominator named "area", "person" or "custom", or -1. */
int maturity_denom_parse(const char *s);
/* The note on the draft: what it leaves open and where it contradicts itself, in lang. */
const char *maturity_note(enum lang lang);

#endif
