/*
 * tidy.h - a year's activity data as tidy rows: one row per A.5 value (unit, year, period,
 * source, facility) with the figures the engine gives it, so that the rows of a year add up to
 * its A.4 totals. What `export --format csv` writes and `push --pg` stores, from one place, so
 * that the file and the database agree. Neutral: no I/O.
 */
#ifndef TANBOOK_TIDY_H
#define TANBOOK_TIDY_H

#include <stddef.h>

#include "base/err.h"
#include "core/model.h"

/*
 * The A.1 key of 统一社会信用代码, the unit code of the roll-up. One place, so that it can
 * follow the form's key.
 */
#define TIDY_CODE_KEY "uscc"

/* The columns, in order: the CSV's header and the database's activity table. */
extern const char *const tidy_columns[];
extern const size_t tidy_ncolumns;

struct tidy_row {                  /* strings point into the year (or are static): y outlives it */
    const char *unit_code;         /* TIDY_CODE_KEY's value, "" when not filled in */
    const char *unit;              /* 单位名称, "" when not filled in */
    int year;
    char period[16];               /* "2024", "2024-Q1", "2024-03" */
    const char *category;          /* 排放种类, the standard's words */
    int scope;                     /* 1 or 2 */
    const char *source;            /* 排放源, the library's Chinese name ("天然气") */
    const char *source_id;         /* the library's id ("natural_gas") */
    const char *facility;          /* 排放设施名称, "" when none */
    int na;                        /* 不适用: no quantity or activity, zero emissions */
    double quantity;               /* as entered, in quantity_unit (0 when na) */
    const char *quantity_unit;     /* as entered ("" when na) */
    double activity;               /* engine_to_activity: in activity_unit (0 when na) */
    const char *activity_unit;     /* the pinned factor's unit ("万m³", "MWh") */
    double factor;                 /* the pinned value, per activity_unit */
    char factor_unit[48];          /* "tCO₂/万m³" */
    const char *factor_source;     /* the pin's 数据来源 */
    double tco2e;                  /* activity × factor, as the engine adds it */
    double tce;                    /* engine_to_tce; 0 for a non-energy source */
    const char *data_source;       /* the value's 数据来源, "" when none */
};

/*
 * The rows of y, entry by entry in A.3 order and each entry's values by period, into *rows
 * (*n of them; free the array). The figures are the engine's (engine_to_activity, engine_to_tce,
 * times the pinned value), so their sums are engine_compute's totals up to rounding in the order
 * of the additions. ERR_INPUT with *cause (caller frees) where engine_compute would refuse the
 * year: an unknown source, a missing pin, a unit that does not convert; nothing to free then.
 */
enum err tidy_rows(const struct wb_year *y, struct tidy_row **rows, size_t *n, char **cause);

/*
 * Writes v into buf (at least 40 bytes) with the fewest significant digits (at most 17) that
 * read back as v exactly (shortest round trip): "0.1", "2450000", "0.000015"; with an exponent
 * only far from any real figure (below 1e-6, from 1e17 on: "1e-07").
 */
void tidy_number(double v, char *buf, size_t size);

#endif
