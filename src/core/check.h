/*
 * check.h - the rules of a reporting year, each written once: completeness against Appendix A,
 * overlapping periods, 异常波动, the factors' sources, and the figures a reviewer questions
 * (an implausible 单位建筑面积碳排放量, a unit slip of 10⁴, large changes against the year before).
 * Pure. `tanbook check` prints the
 * findings, the terminal workbook marks its steps and colours its cells with them, the import
 * refuses overlapping rows with the same functions.
 */
#ifndef TANBOOK_CHECK_H
#define TANBOOK_CHECK_H

#include <stddef.h>

#include "base/period.h"
#include "core/model.h"
#include "core/report.h"
#include "data/forms.h"

enum check_level { CHECK_ERROR, CHECK_WARNING };

/* What a finding is about; check_code_id gives its stable name ("A5_SWING"). */
enum check_code {
    CHECK_A1_MISSING,       /* a required A.1 field is empty */
    CHECK_A1_INVALID,       /* a stored A.1 value no longer validates */
    CHECK_A3_EMPTY,         /* the year has no emission source */
    CHECK_A3_UNKNOWN,       /* a source the factor library does not know */
    CHECK_A5_NO_DATA,       /* a source without activity data */
    CHECK_A5_OTHER_YEAR,    /* a period outside the reporting year */
    CHECK_A5_OVERLAP,       /* two periods of one source share a month */
    CHECK_A5_NO_SOURCE,     /* values without 数据来源 */
    CHECK_A5_GAP,           /* months not covered */
    CHECK_A5_SWING,         /* a month far off the others (异常波动) */
    CHECK_A6_MISSING,       /* a source without a pinned factor */
    CHECK_A6_NO_SOURCE,     /* a factor without 数据来源 */
    CHECK_A6_INVALID,       /* a factor that is not a positive number */
    CHECK_A6_CAUTION,       /* a library value with a caution (low confidence ...) */
    CHECK_A4_UNCOMPUTABLE,  /* the engine cannot compute the year */
    CHECK_A4_INTENSITY,     /* 单位建筑面积碳排放量 outside the plausible range */
    CHECK_A5_UNIT_SCALE,    /* a unit 10⁴ times another with the numbers kept (kWh → 万kWh) */
    CHECK_A5_YEAR_CHANGE,   /* a source more than ±50 % off the year before */
    CHECK_A1_YEAR_CHANGE,   /* 建筑面积 or 用能人数 more than 10 % off the year before */
    CHECK_A1_ASKED,         /* an optional A.1 field asked for (统一社会信用代码) is empty */
    CHECK__COUNT
};

/* Where a finding points: a form and, as far as it goes, a field, an entry, a source, a period. */
struct check_where {
    const char *form_id;    /* "A.1" … "A.6" */
    const char *field;      /* a field key of the form, or NULL */
    long long entry_id;     /* the A.3/A.5 entry, 0 when none */
    const char *source_id;  /* the library source (A.6, and A.5 with the entry), or NULL */
    int has_period;
    struct period period;   /* the month, quarter or year concerned, when has_period */
};

struct check_item {
    enum check_code code;
    enum check_level level;
    struct check_where at;  /* strings point into the form set, the library or the year */
    const char *form_id;    /* = at.form_id */
    char *msg;              /* Chinese, naming the table: "表A.5：…" */
    char *msg_en;           /* the same in English: "Table A.5: …" */
};

struct check_report {
    struct check_item *items;
    size_t n;
    size_t cap;
    size_t nerrors;
    size_t nwarnings;
};

/*
 * A month is 异常波动 when it is this many times above, or below 1/this of, the median of the
 * source's months entered in the same unit, of which there are at least CHECK_SWING_MIN_MONTHS
 * (months marked 不适用 are none of them, and never 异常波动 themselves).
 * The standard names 异常波动 without a number; the median of all months, the month itself
 * included, stays put when one month is far off, so two usual months and an odd one flag only
 * the odd one.
 */
#define CHECK_SWING_RATIO 3.0
#define CHECK_SWING_MIN_MONTHS 3

/*
 * The reviewer's checks: warnings only, never a refusal.
 *
 * 单位建筑面积碳排放量 (kgCO₂e/m², as A.4 shows it, to 2 decimals) below CHECK_INTENSITY_MIN or
 * above CHECK_INTENSITY_MAX. No standard in the project's sources gives a plausible range: this
 * is a reviewer's rule of thumb chosen for this program. 5 kgCO₂e/m² is about 9.4 kWh of grid
 * electricity per m² and year at 0.5306 kgCO₂/kWh, less than lighting alone uses; 300 kgCO₂e/m²
 * is about 565 kWh/m², beyond an office or school building. Outside them the usual cause is a
 * wrong 建筑面积 (a site area, a number in 万m²) or a unit slip, not the building.
 */
#define CHECK_INTENSITY_MIN 5.0
#define CHECK_INTENSITY_MAX 300.0

/*
 * A unit slip of 10⁴ (A5_UNIT_SCALE): rows of a source in a unit 10⁴ times another unit of the
 * same source (万kWh and kWh, 万m³ and m³) whose numbers, per month, are within
 * CHECK_SWING_RATIO of the numbers in the other unit: the number was kept when the unit
 * changed, so the amount is 10⁴ times off. The other unit is that of the source's other rows in
 * the same year (the unit of fewer rows is the one flagged; with as many of each, the larger
 * unit), or else that of the same source in the year before. A quarter or a year counts as its
 * months (a quarter of 27000 is 9000 a month); rows of 0 say nothing.
 */
#define CHECK_UNIT_SCALE 10000.0

/*
 * Against the year before (y->year - 1, when the workbook has it): a source whose amount over
 * the months both years cover (a quarter or a year spread evenly over its months) changed by
 * more than CHECK_SOURCE_CHANGE (+51 % warns, +50 % does not), and 建筑面积 or 用能人数 changed
 * by more than CHECK_INFO_CHANGE (what reviewers of public-institution statistics ask about).
 * The limits are the (#12), not a standard's.
 */
#define CHECK_SOURCE_CHANGE 0.50
#define CHECK_INFO_CHANGE 0.10

/*
 * Checks y: required A.1 fields (from forms), stored values that no longer validate, an empty
 * inventory, inventory rows without activity data, overlapping periods, missing months, pins
 * without a source text, cautions on factors, months far off the others (异常波动), and the
 * reviewer's checks above. prev is the year before y (y->year - 1) for the comparisons, NULL when
 * the workbook has none. y and fs must outlive rep (its findings point into them); prev is
 * read during the call only.
 */
void check_year(const struct form_set *fs, const struct wb_year *y, const struct wb_year *prev,
                struct check_report *rep);
/*
 * check_year for a year computed already, so that the engine runs once: r its report year
 * (report_build of y; only its A.4 figures are read), or NULL when the engine refused y, why then
 * saying why (report_build's cause). The findings are exactly check_year's.
 */
void check_year_computed(const struct form_set *fs, const struct wb_year *y,
                         const struct wb_year *prev, const struct report_year *r, const char *why,
                         struct check_report *rep);
/*
 * The findings of each entry's own rules (a row of A.3 and its A.5 values: no data, gaps,
 * overlaps, data sources, 异常波动), kept so that the next check of the same year runs them
 * again only for the entries whose values changed.
 */
struct check_memo;
/*
 * check_year_computed with *memo (NULL: none yet; made): dirty (y->nentries flags; NULL: every
 * entry) marks the entries whose values changed since; a memo of another number of entries is
 * made afresh. The findings are check_year_computed's, in its order. Free with check_memo_free.
 */
void check_year_memo(const struct form_set *fs, const struct wb_year *y, const struct wb_year *prev,
                     const struct report_year *r, const char *why, struct check_memo **memo,
                     const unsigned char *dirty, struct check_report *rep);
void check_memo_free(struct check_memo *m);
void check_free(struct check_report *rep);

/* The finding's message in lang (never NULL). */
const char *check_msg(const struct check_item *it, enum lang lang);

/* The stable name of a code: "A1_MISSING", "A5_SWING" … */
const char *check_code_id(enum check_code code);

/*
 * The finding about exactly that place (every member of w that is set must match: form, field,
 * entry, source, period; a finding about a whole row does not match one of its cells), errors
 * before warnings; NULL when there is none. The terminal workbook colours a cell with it.
 */
const struct check_item *check_at(const struct check_report *rep, const struct check_where *w);

/* Whether month `month` (1-12) of en is 异常波动 by the rule above (a pure test, for a cell). */
int check_swing(const struct wb_entry *en, int month, double *median);

/*
 * The first activity row of en whose period overlaps p without being p itself, or NULL: the rule
 * that a source's periods never share a month (a value of the same period replaces the old one).
 */
const struct wb_activity *check_overlap(const struct wb_entry *en, const struct period *p);

/* A period in an overlap sweep; tag is the caller's (a row index, a line). */
struct check_span {
    struct period p;
    size_t tag;
};

/*
 * Sorts v and calls found(a, b, ctx) for each span b that repeats or overlaps an earlier span a
 * (the one reaching furthest so far): the same rule over many rows, in O(n log n).
 */
void check_overlaps(struct check_span *v, size_t n,
                    void (*found)(const struct check_span *a, const struct check_span *b, void *ctx),
                    void *ctx);

/* How complete a form of the year is, for the step bar. */
enum check_state { CHECK_EMPTY, CHECK_COMPLETE, CHECK_HAS_ERRORS, CHECK_HAS_WARNINGS };
enum check_state check_form_state(const struct check_report *rep, const struct form_def *f,
                                  const struct wb_year *y);

#endif
