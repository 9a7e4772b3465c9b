/*
 * book_eval.c - the two evaluations an assessor scores, as the front ends use them: the facts
 * the workbook gives (from the year's check, its carbon performance and its neutrality
 * judgement), the assessor's entries from the plan, and core/zerocarbon.h and core/maturity.h
 * scoring them.
 */
#include "book/book.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmem.h"

/* The entries of eval for year in plan, as the scoring modules read them (pointing into plan). */
static void
entries_of(const struct wb_plan *plan, int year, const char *eval, struct eval_entry **out,
           size_t *n)
{
    size_t i;

    *out = xcalloc(plan->nassessments > 0 ? plan->nassessments : 1, sizeof **out);
    *n = 0;
    for (i = 0; i < plan->nassessments; i++) {
        const struct wb_assessment *a = &plan->assessments[i];

        /* the report's texts (#findings ...) and a year's custom denominator (@custom) are no
           item or setting the scoring knows: the facts carry the denominator */
        if (a->year != year || strcmp(a->eval, eval) != 0 || a->code[0] == '#'
            || strcmp(a->code, "@custom") == 0)
            continue;
        (*out)[(*n)++] = (struct eval_entry){.code = a->code, .has_value = a->has_value,
                                             .value = a->value, .note = a->note,
                                             .evidence = a->ev.ref, .assessor = a->assessor};
    }
}

/* A.1's number key of y, if given and above 0. */
static int
info_num(const struct wb_year *y, const char *key, double *v)
{
    const char *s = model_info(y, key);
    char *end;

    if (s == NULL || *s == '\0')
        return 0;
    *v = strtod(s, &end);
    return *end == '\0' && isfinite(*v) && *v > 0;
}

/*
 * 1.3.2's achievement of the year's reduction target, %: of the first target (总量 first) with a
 * milestone for the year, how much of the reduction from its base to that milestone the year
 * made: (base − actual) ÷ (base − milestone) × 100; 100 when the milestone asks for none.
 */
static int
achievement(const struct perf *p, int year, double *pct)
{
    size_t i, pass;

    for (pass = 0; pass < 2; pass++)
        for (i = 0; i < p->ntargets; i++) {
            const struct perf_target *t = &p->targets[i];
            const struct perf_step *s;
            double want;

            if (!t->ok || t->def.kind == TARGET_CAP || (pass == 0) != (t->def.param == PARAM_TOTAL)
                || (s = perf_step(t, year)) == NULL || !s->milestone.ok || !s->actual.ok
                || !t->base_value.ok)
                continue;
            want = t->base_value.v - s->milestone.v;
            *pct = want > 0 ? (t->base_value.v - s->actual.v) / want * 100 : 100;
            return 1;
        }
    return 0;
}

static void
zc_facts_of(struct book_eval *be, const struct check_report *chk)
{
    struct zc_facts *f = &be->zf;
    const struct perf_year *y = be->has_perf ? perf_cur(&be->perf) : NULL;
    const struct wb_year *wy = &be->bn.year;
    double water, area;
    size_t i;

    memset(f, 0, sizeof *f);
    f->year = wy->year;
    f->has_check = 1;
    f->check_passes = chk->nerrors == 0;
    f->check_errors = (int)chk->nerrors;
    if (y != NULL) {
        if ((f->has_carbon_per_area = y->rep[PK_INTENSITY].ok))
            f->carbon_per_area = y->rep[PK_INTENSITY].v;
        if ((f->has_carbon_per_capita = y->rep[PK_PER_CAPITA].ok))
            f->carbon_per_capita = y->rep[PK_PER_CAPITA].v;
        if ((f->has_energy_per_area = y->rep[PK_ENERGY_INTENSITY].ok))
            f->energy_per_area = y->rep[PK_ENERGY_INTENSITY].v;
        if ((f->has_renewable_share = y->rep[PK_RENEWABLE].ok))
            f->renewable_share = y->rep[PK_RENEWABLE].v;
        /* the creation start year: the base period's first year, as reported */
        if (be->perf.base.set && be->perf.base.ok && be->perf.base.nyears > 0
            && be->perf.base.rep[PK_INTENSITY].ok && be->perf.base.years[0] != wy->year) {
            f->has_base_carbon_per_area = 1;
            f->base_year = be->perf.base.years[0];
            f->base_carbon_per_area = be->perf.base.rep[PK_INTENSITY].v;
        }
        f->has_target_achievement = achievement(&be->perf, wy->year, &f->target_achievement);
    }
    if (be->bn.n.ok && be->bn.n.capacity_kw > 0) {
        f->has_renewable_kw = 1;
        f->renewable_kw = be->bn.n.capacity_kw;
    }
    if (info_num(wy, "water", &water) && info_num(wy, "building_area", &area)) {
        f->has_water_per_area = 1;
        f->water_per_area = water / area;
    }
    for (i = 0; i < be->nyears; i++)
        if (be->ys[i].year == wy->year - 1 && info_num(&be->ys[i], "water", &water)
            && info_num(&be->ys[i], "building_area", &area)) {
            f->has_last_water_per_area = 1;
            f->last_water_per_area = water / area;
        }
}

/* One year's figures for the maturity's quantitative part; its custom denominator entered as @custom. */
static struct maturity_year
maturity_year_of(const struct book_eval *be, const struct wb_year *y)
{
    struct maturity_year m = {.year = y->year};
    const struct wb_assessment *c = plan_assessment(&be->bn.plan, y->year, "maturity", "@custom");
    size_t i;

    for (i = 0; be->has_perf && i < be->perf.nyears; i++)
        if (be->perf.years[i].year == y->year && be->perf.years[i].rep[PK_TOTAL].ok) {
            m.has_total = 1;
            m.total_tco2e = be->perf.years[i].rep[PK_TOTAL].v;
        }
    m.has_area = info_num(y, "building_area", &m.area_m2);
    m.has_people = info_num(y, "headcount", &m.people);
    if (c != NULL && c->has_value && c->value > 0) {
        m.has_custom = 1;
        m.custom = c->value;
    }
    return m;
}

static void
maturity_facts_of(struct book_eval *be)
{
    const struct wb_assessment *name, *unit;
    size_t i, k = 0;

    be->myears = xcalloc(be->nyears > 0 ? be->nyears : 1, sizeof *be->myears);
    for (i = 0; i < be->nyears; i++)
        if (be->ys[i].year != be->bn.year.year)
            be->myears[k++] = maturity_year_of(be, &be->ys[i]);
    memset(&be->mf, 0, sizeof be->mf);
    be->mf.cur = maturity_year_of(be, &be->bn.year);
    be->mf.earlier = be->myears;
    be->mf.nearlier = k;
    /* the custom denominator's name and unit, as entered for the year evaluated (E.2 and the
       sheet show and edit them there; earlier years' @custom values are read under that name) */
    name = plan_assessment(&be->bn.plan, be->bn.year.year, "maturity", "#custom_name");
    unit = plan_assessment(&be->bn.plan, be->bn.year.year, "maturity", "#custom_unit");
    be->mf.custom_name = name != NULL ? name->note : NULL;
    be->mf.custom_unit = unit != NULL ? unit->note : NULL;
}

enum err
book_evaluate_of(const struct book_calc *bc, int year, struct book_eval *be, char **cause)
{
    const struct app *app = bc->app;
    char *why = NULL;
    enum err e;

    memset(be, 0, sizeof *be);
    if ((e = book_neutral_of(bc, year, &be->bn, cause)) != ERR_OK)
        return e;
    be->ys = bc->ys;
    be->nyears = bc->n;
    be->has_perf = book_perf_of(bc, year, &be->perf, &why) == ERR_OK;
    free(why);
    zc_facts_of(be, &bc->chks[book_calc_find(bc, year)]);
    entries_of(&be->bn.plan, year, "zc", &be->zc_entries, &be->nzc_entries);
    zc_score(app->zc, &be->zf, be->zc_entries, be->nzc_entries, bc->lang, &be->zc);
    maturity_facts_of(be);
    entries_of(&be->bn.plan, year, "maturity", &be->mat_entries, &be->nmat_entries);
    why = NULL;
    be->mat_ok = maturity_score(app->maturity, &be->mf, be->mat_entries, be->nmat_entries,
                                bc->lang, &be->mat, &why) == ERR_OK;
    be->mat_why = why;
    return ERR_OK;
}

enum err
book_evaluate(struct book *wb, int year, enum lang lang, struct book_eval *be, char **cause)
{
    struct book_calc *bc = xcalloc(1, sizeof *bc);
    enum err e;

    memset(be, 0, sizeof *be);
    if ((e = book_calc_load(wb, lang, bc, cause)) == ERR_OK
        && (e = book_evaluate_of(bc, year, be, cause)) == ERR_OK) {
        be->own = bc;
        return ERR_OK;
    }
    book_calc_free(bc);
    free(bc);
    return e;
}

void
book_eval_free(struct book_eval *be)
{
    zc_result_free(&be->zc);
    if (be->mat_ok)
        maturity_result_free(&be->mat);
    free(be->mat_why);
    free(be->zc_entries);
    free(be->mat_entries);
    free(be->myears);
    if (be->has_perf)
        perf_free(&be->perf);
    book_neutral_free(&be->bn);
    if (be->own != NULL) {
        book_calc_free(be->own);
        free(be->own);
    }
    memset(be, 0, sizeof *be);
}
