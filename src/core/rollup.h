/*
 * rollup.h - a regional office's roll-up: one row per unit-year gathered from many workbooks (or
 * from the regional PostgreSQL store), the totals and averages over them, the files that could
 * not be used and the unit codes claimed twice. Neutral: the rows are filled by book/ (workbook
 * files) or pg/ (the database), written by export/ (xlsx) and cli/ (JSON). The JSON keys of
 * `tanbook rollup --json` are the field names below (a contract).
 */
#ifndef TANBOOK_ROLLUP_H
#define TANBOOK_ROLLUP_H

#include <stddef.h>

struct rollup_unit {
    char *code;                     /* 统一社会信用代码, "" when the workbook has none */
    char *unit;                     /* 单位名称 */
    char *file;                     /* the workbook it came from (or "pg:" and the pushed file) */
    int year;
    double area_m2;                 /* 建筑面积, 0 when not filled in */
    double headcount;               /* 用能人数, 0 when not filled in */
    double total_tco2e;
    double scope1_tco2e;
    double scope2_tco2e;
    double intensity_kgco2e_per_m2; /* total / area × 1000; 0 when no area */
    double per_capita_tco2e;        /* total / headcount; 0 when no headcount */
    double energy_tce;
    int complete;                   /* `check` finds no error */
    int has_change;                 /* a base period exists and change_pct is known */
    double change_pct;              /* against the base period, percent */
    char *grade;                    /* the latest evaluation's grade, "" when none */
};

struct rollup_skip {
    char *file;
    char *reason;
};

struct rollup_conflict {            /* two or more files claiming one code for one year */
    char *code;
    int year;
    char **files;
    size_t nfiles;
};

struct rollup {
    struct rollup_unit *units;
    size_t nunits;
    struct rollup_skip *skipped;
    size_t nskipped;
    struct rollup_conflict *conflicts;
    size_t nconflicts;
};

#endif
