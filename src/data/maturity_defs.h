/*
 * maturity_defs.h - the tables of the carbon-management maturity evaluation of 002 《碳排放管理体系建设
 * 与评价指南》 (a draft): 表A.1 (the qualitative criteria, 100 points), 表A.2 (the quantitative
 * rows), the settings the draft leaves as "**" (the weights of 表A.3, the historical thresholds,
 * the intensity denominator) with our defaults, and the grades of 表22. Loaded from their master
 * copies forms/maturity_{a1,a2,settings,grades}.tsv (built into the binary). Immutable once loaded.
 */
#ifndef TANBOOK_MATURITY_DATA_H
#define TANBOOK_MATURITY_DATA_H

#include <stddef.h>

#include "base/err.h"
#include "data/forms.h"

/* One 评分细则 of 表A.1. Texts are non-empty and owned by the library. */
struct maturity_item {
    const char *code;                   /* "M2.3.4" */
    int l1, l2, no;                     /* the three parts of the code */
    const char *level1_zh, *level1_en;  /* 一级指标 "策划" */
    const char *level2_zh, *level2_en;  /* 二级指标 "碳排放评审" */
    double level2_max;                  /* the printed second-level full points, or -1 ("-") */
    const char *text_zh, *text_en;      /* 评分细则 */
    double max;                         /* 分值 */
    double step;                        /* points go 0, step, 2·step … max */
};

enum maturity_method { MM_ADVANCED, MM_HISTORICAL };

/* One 评分细则 of 表A.2. */
struct maturity_band {
    const char *code;                   /* "Q1.2" */
    enum maturity_method method;
    const char *text_zh, *text_en;
    double points;                      /* 100, 80, 60 */
    int open;                           /* 1: the last row, no bound */
    double bound;                       /* advanced: the most % above the value, inclusive */
    int setting;                        /* historical: the setting of the least decline, or -1 */
};

/* The settings, in the order of the file; their index is what maturity_band.setting names. */
struct maturity_setting_def {
    const char *key;                    /* "@a1" */
    double def, min, max;
    int integer;
    const char *draft;                  /* what the draft writes: "**" */
    int draft_unset;                    /* 1: the draft leaves it open */
    const char *label_zh, *label_en, *source;
};

/* One grade of 表22, from the top; reached at min (inclusive). */
struct maturity_grade {
    const char *name_zh, *name_en;
    double min, max;
};

/* The source files, for maturity_defs_parse. */
enum maturity_file { MF_A1, MF_A2, MF_SETTINGS, MF_GRADES, MF__COUNT };

struct maturity_text {
    const char *file;                   /* the name messages give: "forms/maturity_a1.tsv" */
    const char *text;                   /* its contents, NUL-terminated */
};

struct tsv;

struct maturity_defs {
    struct maturity_item *items;        /* in the table's order */
    size_t nitems;
    struct maturity_band *bands;        /* the advanced rows, then the historical ones */
    size_t nbands;
    struct maturity_setting_def *settings;
    size_t nsettings;
    struct maturity_grade *grades;      /* from the top grade down */
    size_t ngrades;
    double total;                       /* the sum of items[].max: 100 */
    struct tsv *tv[MF__COUNT];          /* the parsed files: own every text above */
};

/* Loads the built-in files into *out (free with maturity_defs_free). On error *out is NULL and it
   returns ERR_DATA with *cause "FILE:LINE: reason" (caller frees). */
enum err maturity_defs_load(struct maturity_defs **out, char **cause);
/*
 * Parses src[MF_A1 … MF_GRADES] as the four files; used by maturity_defs_load and by tests. Refused
 * (errors as maturity_defs_load): a missing or empty cell, a bad number, a code out of order, one
 * level's rows not together or named two ways, a criterion's max not a multiple of its step, a
 * second level's criteria not adding up to its printed full points, A.1 not adding up to 100; an
 * A.2 row of an unknown method, bounds not rising, points not falling, a method without its open
 * last row, a bound naming no setting; a default outside its limits; the default weights not
 * adding up to 1; grades not falling or not reaching 0 and 100; a setting the scorer needs missing.
 */
enum err maturity_defs_parse(const struct maturity_text src[MF__COUNT], struct maturity_defs **out,
                             char **cause);
/* Frees defs and every text of it; NULL is a no-op. */
void maturity_defs_free(struct maturity_defs *defs);

/* The criterion called code, or NULL. */
const struct maturity_item *maturity_defs_item(const struct maturity_defs *defs, const char *code);
/* The index of the setting called key, or -1. */
int maturity_defs_setting(const struct maturity_defs *defs, const char *key);

#endif
