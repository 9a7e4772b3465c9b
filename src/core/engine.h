/*
 * engine.h - the accounting rules (DESIGN §4), pure: no I/O, no curses, no SQL.
 * Emission = activity converted to the factor's unit × factor; standard coal = quantity in the
 * coefficient's unit × kgce coefficient / 1000; indicators per area and per person.
 */
#ifndef TANBOOK_ENGINE_H
#define TANBOOK_ENGINE_H

#include <stddef.h>

#include "base/err.h"
#include "data/factors.h"
#include "core/model.h"

struct engine_source {            /* one emission source, all its facilities summed */
    const struct source_def *src;
    const struct factor_pin *pin;
    double activity;              /* in the pin's unit (万m³, t, MWh, GJ) */
    double quantity;              /* in `unit`, for A.2 */
    const struct unit_def *unit;  /* the unit every row was entered in, else the report unit */
    double tco2e;
    double tce;
    double month_tco2e[12];       /* from monthly rows only */
    double month_quantity[12];    /* in `unit` */
    double quarter_tco2e[4];      /* from quarterly rows only */
    double quarter_quantity[4];   /* in `unit` */
    double annual_tco2e;          /* from rows for the whole year */
    double annual_quantity;       /* in `unit` */
};

struct engine_result {
    struct engine_source *sources;    /* library order; only sources in the inventory */
    size_t nsources;
    double total_tco2e;               /* scope 1 + scope 2 (scope 3 is never part of it) */
    double scope1_tco2e;
    double scope2_tco2e;
    double cat_tco2e[CAT__COUNT];
    double energy_tce;                /* 年度综合能耗当量值 */
    int has_area, has_headcount;      /* A.1 建筑面积 > 0 / 用能人数 > 0 given */
    double building_area_m2;
    double headcount;
    double intensity_kgco2e_per_m2;   /* valid when has_area */
    double per_capita_tco2e;          /* valid when has_headcount */
};

/*
 * Converts quantity q in unit `unit` of source src to the pin's activity unit (litres through the
 * pin's density). ERR_INPUT with *cause (caller frees) for an unknown unit or a unit of the wrong
 * dimension for this source.
 */
enum err engine_to_activity(const struct source_def *src, const struct factor_pin *pin, double q,
                            const char *unit, double *out, char **cause);
/* Standard coal in tce of q `unit` of src (0 for non-energy sources); ERR_INPUT as above. */
enum err engine_to_tce(const struct source_def *src, const struct factor_pin *pin, double q,
                       const char *unit, double *out, char **cause);

/*
 * Computes A.2 and A.4 for year y. Every inventory entry needs a pin and a known source, every
 * row a convertible unit; otherwise ERR_INPUT with *cause naming the source and period. A row
 * marked 不适用 (na) counts as zero and is not converted. ERR_INPUT too when a figure would not be
 * a finite number (an overflow): no result holds inf or nan.
 * Free the result with engine_result_free().
 */
enum err engine_compute(const struct wb_year *y, struct engine_result *res, char **cause);
void engine_result_free(struct engine_result *res);

/*
 * What engine_compute converted, value by value, kept so that the next computation of the same
 * year converts again only the entries that changed. The sums are taken afresh each time, in
 * the same order from the same figures: the result is engine_compute's, bit for bit.
 */
struct engine_memo;
/*
 * engine_compute of y with *memo (NULL: none yet; filled in). dirty (y->nentries flags, NULL:
 * none) marks the entries whose values changed since *memo was taken; nothing else of y may have
 * changed (pins, A.1, the entries themselves: start with *memo NULL then). A memo of another
 * number of entries is dropped. On error *memo is freed and NULL. Free with engine_memo_free.
 */
enum err engine_compute_memo(const struct wb_year *y, struct engine_memo **memo,
                             const unsigned char *dirty, struct engine_result *res, char **cause);
void engine_memo_free(struct engine_memo *m);

#endif
