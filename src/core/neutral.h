/*
 * neutral.h - renewables, green power, offsets and the carbon-neutrality judgement of one year
 * (003 §7.3, §8.3; 001 §6.2): what a unit records (on-site renewables, green power bought, green
 * certificates, carbon credits, forestry sinks, each with its evidence), which offsets count and
 * why the others do not, the market-based scope 2 beside A.4's location-based one, the three
 * shares (可再生能源利用率, 绿色电力利用率, 碳中和率) and the judgement. Pure: no SQL, no curses.
 *
 * Definitions (each written once, here and in neutral.c):
 *   可再生能源利用率 = on-site renewable energy used (tce, 当量值) ÷ all energy used (A.2's
 *                     综合能耗 + the on-site renewables), × 100
 *   绿色电力利用率   = (PV and other renewable power consumed on site + green power bought, kWh)
 *                     ÷ all electricity used (A.5's purchased electricity + the on-site renewable
 *                     power), × 100
 *   碳中和率         = eligible offsets ÷ emissions (scope 1 + 2, location-based), × 100
 *   market-based scope 2 = purchased heat (as A.4) + (purchased electricity − green power bought −
 *                     eligible certificates' MWh, at least 0) × the residual factor (excluding
 *                     market-traded non-fossil power)
 *   judgement (§8.3) = 实现碳中和 when emissions ≤ eligible offsets, a certificate counting against
 *                     scope 2 only and all of them together never more than scope 2
 */
#ifndef TANBOOK_NEUTRAL_H
#define TANBOOK_NEUTRAL_H

#include <stddef.h>

#include "base/err.h"
#include "core/model.h"
#include "core/plan.h"
#include "core/report.h"
#include "data/forms.h"

/* One offset of the year, judged. */
struct neutral_offset {
    const struct wb_offset *o;  /* into the offsets given to neutral_build */
    int eligible;
    char *reason;           /* why it does not count, in the neutral's language; NULL when it does */
    double worth_tco2e;     /* what it is worth: its tCO₂e, or a certificate's MWh at the year's
                               electricity factor (A.4's) when it gives MWh only */
    double mwh;             /* a certificate's MWh (from its tCO₂e at that factor if not given) */
    double counted_tco2e;   /* what it counts for (a certificate: within scope 2) */
};

struct neutral {
    enum lang lang;
    int year;
    int ok;                 /* the year's report was there (else why) */
    char *why;
    double scope1_tco2e, scope2_tco2e, emissions_tco2e;     /* location-based, as A.4 */
    double scope2_market_tco2e;
    int residual_year;      /* the residual factor's year (0: none known: market-based = location) */
    double residual;        /* tCO₂/MWh */
    double electricity_kwh; /* purchased (A.5) */
    double pv_kwh, power_kwh, heat_gj, green_kwh, cert_mwh;  /* with evidence only */
    double capacity_kw;     /* PV installed, the largest row of the year */
    double renewable_tce, energy_tce;
    int has_renewable_share, has_green_share, has_rate;
    double renewable_share_pct, green_power_share_pct, neutrality_rate_pct;
    struct neutral_offset *offsets;     /* the offsets claimed for the year, as given */
    size_t noffsets;
    size_t no_evidence;     /* renewable rows of the year left out for want of evidence */
    double eligible_tco2e;  /* what the offsets count for, together */
    int achieved;
    double shortfall_tco2e; /* emissions − eligible, 0 when achieved */
    size_t check_errors;    /* errors `check` finds in the year: while there are any, no judgement
                               is made (achieved 0): missing data must not pass for neutrality */
};

/* The type's stable name ("ccer", "sz", "gd", "cert", "forest", "other") and its label in lang. */
const char *neutral_type_id(enum offset_type t);
const char *neutral_type_label(enum offset_type t, enum lang lang);
/* The type typed (CCER, 深圳碳普惠, 广东碳普惠, 绿证, 林业碳汇, 其他, or an id); -1 when none. */
int neutral_type_find(const char *text);
const char *neutral_renew_id(enum renew_kind k);
const char *neutral_renew_label(enum renew_kind k, enum lang lang);
int neutral_renew_find(const char *text);

/* The most a quantity of a claim may be (tCO₂e, kWh, GJ, MWh, kW, hm²). */
#define NEUTRAL_QUANTITY_MAX 1e12

/*
 * Checks a claim as entered or read from a file: a year in range, a known type or kind, finite
 * quantities within 0 .. NEUTRAL_QUANTITY_MAX, dates "YYYY-MM-DD" or empty, a vintage 0 or a
 * year, a renewable period "YYYY" (its year) or "YYYY-MM" of its year, a file's SHA-256 as 64
 * lowercase hex digits with the file named (or both empty), no text with a control character.
 * ERR_INPUT with *cause (in lang, caller frees) naming the field otherwise.
 */
enum err neutral_offset_valid(const struct wb_offset *o, enum lang lang, char **cause);
enum err neutral_renewable_valid(const struct wb_renewable *r, enum lang lang, char **cause);
/*
 * Whether r may join the renewable rows of p (r->id, when not 0, is the row it replaces): one row
 * per kind and period, and for a kind in a year either the year's total or its months, never
 * both (a total beside months would count twice). ERR_INPUT with *cause in lang otherwise.
 */
enum err neutral_renewable_clash(const struct wb_plan *p, const struct wb_renewable *r,
                                 enum lang lang, char **cause);
/* Whether s is a date "YYYY-MM-DD" of the calendar (empty is not). */
int neutral_date_ok(const char *s);

/*
 * The standard coal of 1 kWh of electricity and 1 GJ of heat (kgce, 当量值) from the year's pins of
 * purchased electricity and heat (their coal per coal_unit: kWh or MWh, MJ or GJ), or GB/T 2589's
 * 0.1229 kgce/kWh and 34.12 kgce/GJ where y has no such pin.
 */
void neutral_coal(const struct wb_year *y, double *kwh_coal, double *gj_coal);

/*
 * Judges year r (its report; r->ok 0 gives a neutral with ok 0 and why) with the offsets and
 * renewable rows given (those of other years are left out). kwh_coal and gj_coal: the standard
 * coal of 1 kWh and 1 GJ (kgce, 当量值: the library's electricity and heat coefficients);
 * residual, residual_year: the market-based factor (tCO₂/MWh), residual_year 0 when none.
 * Strings of the offsets must outlive n. Free with neutral_free.
 */
void neutral_build(const struct report_year *r, const struct wb_offset *offs, size_t noffs,
                   const struct wb_renewable *ren, size_t nren, double kwh_coal, double gj_coal,
                   double residual, int residual_year, enum lang lang, struct neutral *n);
void neutral_free(struct neutral *n);
/*
 * Records that the year has nerrors errors by `check`: with any, the judgement is not made
 * (achieved 0, the shortfall what it would be), however few the emissions recorded.
 */
void neutral_set_check(struct neutral *n, size_t nerrors);

#endif
