/* engine.c - emissions, standard coal and indicators from a loaded year. */
#include "core/engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmem.h"

static const struct unit_def *
pin_unit(const struct source_def *src, const struct factor_pin *pin)
{
    const struct unit_def *u = pin != NULL && pin->unit != NULL ? units_find(pin->unit) : NULL;

    return u != NULL ? u : src->activity_unit;
}

static double
pin_density(const struct source_def *src, const struct factor_pin *pin)
{
    return pin != NULL ? pin->density : src->density;
}

static enum err
convert(const struct source_def *src, const struct factor_pin *pin, double q, const char *unit,
        const struct unit_def *to, double *out, char **cause)
{
    const struct unit_def *from = units_find(unit);
    char *why = NULL;

    if (from == NULL) {
        *cause = xasprintf("未知的单位“%s”", unit);
        return ERR_INPUT;
    }
    if (units_convert(q, from, to, pin_density(src, pin), out, &why) != ERR_OK) {
        *cause = xasprintf("%s：%s", src->zh, why);
        free(why);
        return ERR_INPUT;
    }
    return ERR_OK;
}

enum err
engine_to_activity(const struct source_def *src, const struct factor_pin *pin, double q,
                   const char *unit, double *out, char **cause)
{
    return convert(src, pin, q, unit, pin_unit(src, pin), out, cause);
}

enum err
engine_to_tce(const struct source_def *src, const struct factor_pin *pin, double q,
              const char *unit, double *out, char **cause)
{
    const struct unit_def *cu;
    double coal = pin != NULL ? pin->coal : src->coal, x;
    enum err e;

    cu = pin != NULL && pin->coal_unit != NULL ? units_find(pin->coal_unit) : src->coal_unit;
    if (coal <= 0 || cu == NULL) {
        /* not an energy (a refrigerant): still refuse a unit of the wrong dimension */
        *out = 0;
        return engine_to_activity(src, pin, q, unit, &x, cause);
    }
    if ((e = convert(src, pin, q, unit, cu, &x, cause)) != ERR_OK)
        return e;
    *out = x * coal / 1000.0;    /* kgce → tce */
    return ERR_OK;
}

/* The slot for src in res, added in library order on first use. */
static struct engine_source *
slot(struct engine_result *res, const struct source_def *src, const struct factor_pin *pin)
{
    size_t i;

    for (i = 0; i < res->nsources; i++)
        if (res->sources[i].src == src)
            return &res->sources[i];
    res->sources = xrealloc(res->sources, (res->nsources + 1) * sizeof(*res->sources));
    memset(&res->sources[res->nsources], 0, sizeof(*res->sources));
    res->sources[res->nsources].src = src;
    res->sources[res->nsources].pin = pin;
    return &res->sources[res->nsources++];
}

static int
cmp_lib_order(const void *a, const void *b)
{
    const struct engine_source *x = a, *y = b;

    return (x->src > y->src) - (x->src < y->src);   /* sources live in one library array */
}

/* Positive number from an A.1 text value, or 0. */
static double
info_number(const struct wb_year *y, const char *key)
{
    const char *s = model_info(y, key);
    char *end;
    double v;

    if (s == NULL)
        return 0;
    v = strtod(s, &end);
    return end != s && isfinite(v) && v > 0 ? v : 0;    /* "inf" is no area */
}

/* Whether the n numbers at v are all finite. */
static int
all_finite(const double *v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!isfinite(v[i]))
            return 0;
    return 1;
}

/*
 * Whether every figure of res is a finite number. The store refuses a workbook with a quantity
 * or a factor beyond the forms' limits, so no sum of them overflows; this is the last guard, so
 * that no output can ever show inf or nan (an A.1 area of 1e-300 would make the intensity inf).
 */
static int
result_finite(const struct engine_result *res, const char **what)
{
    const double totals[] = {
        res->total_tco2e, res->scope1_tco2e, res->scope2_tco2e, res->energy_tce,
        res->intensity_kgco2e_per_m2, res->per_capita_tco2e,
    };
    size_t i;

    for (i = 0; i < res->nsources; i++) {
        const struct engine_source *s = &res->sources[i];
        const double one[] = {
            s->activity, s->quantity, s->tco2e, s->tce, s->annual_tco2e, s->annual_quantity,
        };

        *what = s->src->zh;
        if (!all_finite(one, nitems(one)) || !all_finite(s->month_tco2e, 12)
            || !all_finite(s->month_quantity, 12) || !all_finite(s->quarter_tco2e, 4)
            || !all_finite(s->quarter_quantity, 4))
            return 0;
    }
    *what = "合计";
    return all_finite(totals, nitems(totals)) && all_finite(res->cat_tco2e, CAT__COUNT);
}

/* The unit shown for a source: the one every value used, else the library's report unit. */
static const struct unit_def *
common_unit(const struct wb_year *y, const struct source_def *src)
{
    const struct unit_def *u = NULL, *r;
    size_t i, j;

    for (i = 0; i < y->nentries; i++) {
        if (y->entries[i].src != src)
            continue;
        for (j = 0; j < y->entries[i].nacts; j++) {
            if (y->entries[i].acts[j].na)
                continue;    /* 不适用 holds no quantity: its unit says nothing */
            r = units_find(y->entries[i].acts[j].unit);
            if (u == NULL)
                u = r;
            else if (r != u)
                return src->report_unit;
        }
    }
    return u != NULL ? u : src->report_unit;
}

enum err
engine_compute(const struct wb_year *y, struct engine_result *res, char **cause)
{
    size_t i, j;
    enum err e = ERR_OK;
    const char *what;

    memset(res, 0, sizeof(*res));
    for (i = 0; i < y->nentries && e == ERR_OK; i++) {
        const struct wb_entry *en = &y->entries[i];
        const struct factor_pin *pin;
        struct engine_source *s;

        if (en->src == NULL) {
            *cause = xasprintf("未知的排放源“%s”", en->source_id);
            e = ERR_INPUT;
            break;
        }
        if ((pin = model_pin(y, en->source_id)) == NULL) {
            *cause = xasprintf("%s 没有排放因子", en->src->zh);
            e = ERR_INPUT;
            break;
        }
        s = slot(res, en->src, pin);
        if (s->unit == NULL)
            s->unit = common_unit(y, en->src);
        for (j = 0; j < en->nacts && e == ERR_OK; j++) {
            const struct wb_activity *a = &en->acts[j];
            double act, tce, shown, t;
            char *why = NULL;

            if (a->na)
                continue;    /* 不适用: the source does not run then, zero emissions */
            if ((e = engine_to_activity(en->src, pin, a->quantity, a->unit, &act, &why)) == ERR_OK
                && (e = engine_to_tce(en->src, pin, a->quantity, a->unit, &tce, &why)) == ERR_OK)
                e = convert(en->src, pin, a->quantity, a->unit, s->unit, &shown, &why);
            if (e != ERR_OK) {
                char p[16];

                period_format(&a->period, p, sizeof(p));
                *cause = xasprintf("%s %s", p, why);
                free(why);
                break;
            }
            t = act * pin->value;
            s->activity += act;
            s->quantity += shown;
            s->tco2e += t;
            s->tce += tce;
            if (a->period.kind == PERIOD_MONTH) {
                s->month_tco2e[a->period.index - 1] += t;
                s->month_quantity[a->period.index - 1] += shown;
            } else if (a->period.kind == PERIOD_QUARTER) {
                s->quarter_tco2e[a->period.index - 1] += t;
                s->quarter_quantity[a->period.index - 1] += shown;
            } else {
                s->annual_tco2e += t;
                s->annual_quantity += shown;
            }
        }
    }
    if (e != ERR_OK) {
        engine_result_free(res);
        return e;
    }
    if (res->nsources > 1)
        qsort(res->sources, res->nsources, sizeof(*res->sources), cmp_lib_order);
    for (i = 0; i < res->nsources; i++) {
        const struct engine_source *s = &res->sources[i];

        res->cat_tco2e[s->src->cat] += s->tco2e;
        if (factors_cat_scope(s->src->cat) == 1)
            res->scope1_tco2e += s->tco2e;
        else
            res->scope2_tco2e += s->tco2e;
        res->energy_tce += s->tce;
    }
    res->total_tco2e = res->scope1_tco2e + res->scope2_tco2e;
    res->building_area_m2 = info_number(y, "building_area");
    res->headcount = info_number(y, "headcount");
    res->has_area = res->building_area_m2 > 0;
    res->has_headcount = res->headcount > 0;
    if (res->has_area)
        res->intensity_kgco2e_per_m2 = res->total_tco2e * 1000.0 / res->building_area_m2;
    if (res->has_headcount)
        res->per_capita_tco2e = res->total_tco2e / res->headcount;
    if (!result_finite(res, &what)) {
        *cause = xasprintf("%s 的计算结果超出了数值范围，请核对数量、单位和排放因子", what);
        engine_result_free(res);
        return ERR_INPUT;
    }
    return ERR_OK;
}

void
engine_result_free(struct engine_result *res)
{
    free(res->sources);
    memset(res, 0, sizeof(*res));
}
