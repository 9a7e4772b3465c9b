/* period.h - reporting periods: a year, a quarter or a month ("2024", "2024-Q1", "2024-03"). */
#ifndef TANBOOK_PERIOD_H
#define TANBOOK_PERIOD_H

#include "base/err.h"

/* The reporting years a workbook may hold: the one allowed range. (Schema version 1 of the
   workbook file states the same range in a CHECK constraint, which a released migration keeps.) */
#define PERIOD_YEAR_MIN 1990
#define PERIOD_YEAR_MAX 2100

enum period_kind { PERIOD_YEAR, PERIOD_QUARTER, PERIOD_MONTH };

struct period {
    int year;                /* PERIOD_YEAR_MIN..PERIOD_YEAR_MAX */
    enum period_kind kind;
    int index;               /* quarter 1-4, month 1-12, 0 for a year */
};

/*
 * Parses "2024", "2024-Q1" (also "2024Q1", "2024-q1", "2024年第1季度", "2024年1季度"),
 * "2024-03" (also "2024-3", "2024/03", "2024年3月", "202403"). Blanks around are ignored.
 * Returns ERR_INPUT with *cause (caller frees) for anything else, a month outside 1-12,
 * a quarter outside 1-4 or a year outside PERIOD_YEAR_MIN-PERIOD_YEAR_MAX.
 */
enum err period_parse(const char *s, struct period *p, char **cause);
/*
 * Parses a reporting year: four ASCII or full-width digits ("2024", "２０２４", "2024年"), blanks
 * around ignored, within PERIOD_YEAR_MIN..PERIOD_YEAR_MAX. Returns ERR_INPUT with *cause
 * (Chinese, caller frees) for anything else. The one year parser of the program.
 */
enum err period_parse_year(const char *s, int *year, char **cause);
/* Whether year is within PERIOD_YEAR_MIN..PERIOD_YEAR_MAX. */
int period_year_ok(int year);
/* The canonical text: "2024", "2024-Q1", "2024-03". buf needs 9 bytes. */
void period_format(const struct period *p, char *buf, unsigned size);
/* The months covered: *first and *last in 1..12. */
void period_months(const struct period *p, int *first, int *last);
/* Whether a and b share at least one month. */
int period_overlap(const struct period *a, const struct period *b);
/* Orders by year, then first month, then kind (year < quarter < month); for qsort-style use. */
int period_cmp(const struct period *a, const struct period *b);

#endif
