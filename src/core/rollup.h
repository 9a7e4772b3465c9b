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
    int conflict;                   /* added: another file claims code for year too (rollup_finish
                                       sets it); such a unit is in no total, average or ranking */
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

/*
 * The totals and averages over the units that count: every unit but those in a conflict. The
 * sums are plain sums; the two intensities of the region are ratios of sums over the units that
 * have the divisor (Σ total of the units with an area × 1000 ÷ Σ their area), the means are
 * per unit (a unit without an area is in no intensity mean).
 */
struct rollup_totals {
    size_t nunits;                  /* the units counted */
    size_t ncomplete;               /* … of them complete */
    size_t nconflicted;             /* the units left out for a conflict */
    double area_m2, headcount;
    double total_tco2e, scope1_tco2e, scope2_tco2e, energy_tce;
    size_t narea, nheadcount;       /* the units with an area, with a headcount */
    double intensity_kgco2e_per_m2; /* Σ total × 1000 ÷ Σ area over the narea units; 0 when none */
    double per_capita_tco2e;        /* Σ total ÷ Σ headcount over the nheadcount units; 0 when none */
    double mean_total_tco2e;        /* per unit counted; 0 when none */
    double mean_scope1_tco2e, mean_scope2_tco2e, mean_energy_tce;
    double mean_intensity_kgco2e_per_m2;    /* the mean of the narea units' intensities */
    double mean_per_capita_tco2e;           /* the mean of the nheadcount units' figures */
};

/* A ranking of the units that count (rollup_rank). */
enum rollup_by {
    ROLLUP_BY_TOTAL,                /* the largest emitters first */
    ROLLUP_BY_INTENSITY,            /* the highest kgCO₂e/m² first; units without an area left out */
};

/* Appends a unit (taking its strings) or a skipped file (copying file and reason) to ru. */
void rollup_add(struct rollup *ru, const struct rollup_unit *u);
void rollup_skip(struct rollup *ru, const char *file, const char *reason);
/*
 * Once every unit is in: sorts the units (code, then unit name, year and file; units without a
 * code after those with one) and finds the conflicts: every (code, year) that two or more units
 * with a code share, its files in the units' order, each of those units flagged conflict. Units
 * without a code never conflict (a name is not unique enough to say two files are one unit).
 * Replaces any conflicts found before.
 */
void rollup_finish(struct rollup *ru);
/* The totals and averages of ru's units that count into *t. */
void rollup_totals(const struct rollup *ru, struct rollup_totals *t);
/*
 * The indexes of the units that count ranked by `by` (descending; ties in the units' order) into
 * a new array (caller frees) of *n entries; NULL when *n is 0.
 */
size_t *rollup_rank(const struct rollup *ru, enum rollup_by by, size_t *n);
/* Frees everything ru holds and empties it. */
void rollup_free(struct rollup *ru);

#endif
