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

/* q `unit` (found as from, NULL when unknown) of src in unit to, into *out; ERR_INPUT so. */
static enum err
convert_from(const struct source_def *src, const struct factor_pin *pin, double q,
             const char *unit, const struct unit_def *from, const struct unit_def *to,
             double *out, char **cause)
{
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

static enum err
convert(const struct source_def *src, const struct factor_pin *pin, double q, const char *unit,
        const struct unit_def *to, double *out, char **cause)
{
    return convert_from(src, pin, q, unit, units_find(unit), to, out, cause);
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

/* What the engine keeps of one value: its figures, converted once (engine_memo). */
struct memo_act {
    double act, tce, shown;
    const struct unit_def *shown_unit;    /* what shown is in; NULL: not converted yet */
    const struct unit_def *from;          /* the value's unit (units_find), NULL if unknown */
};

/* And of one entry: the unit its values share, and each value's figures. */
struct memo_entry {
    const struct unit_def *unit;  /* the first value's unit (不适用 ones hold none), or NULL */
    int mixed;                    /* some value is in another unit */
    struct memo_act *acts;        /* nacts of them, the entry's order */
    size_t nacts;
    int fresh;                    /* acts[] must be converted again */
    const struct factor_pin *pin; /* the entry's pin (model_pin), or NULL */
};

/*
 * sums: the sources of the last result, in library order. A source none of whose entries
 * changed sums the same values in the same order again, so its sums are taken from there; only
 * the sources of changed entries are summed afresh (in entry order, as always).
 */
struct engine_memo {
    struct memo_entry *entries;   /* one per entry of the year, in its order */
    size_t n;
    const struct factor_pin *pins;    /* the year's pins the memo was taken with */
    struct engine_source *sums;
    size_t nsums;
};

void
engine_memo_free(struct engine_memo *m)
{
    size_t i;

    if (m == NULL)
        return;
    for (i = 0; i < m->n; i++)
        free(m->entries[i].acts);
    free(m->entries);
    free(m->sums);
    free(m);
}

/* The unit the values of en share (me->unit, me->mixed), its pin in y, and its values marked to
   convert. */
static void
memo_entry_set(struct memo_entry *me, const struct wb_year *y, const struct wb_entry *en)
{
    const struct unit_def *r;
    size_t j;

    me->pin = model_pin(y, en->source_id);
    free(me->acts);
    me->acts = xcalloc(en->nacts ? en->nacts : 1, sizeof(*me->acts));
    me->nacts = en->nacts;
    me->unit = NULL;
    me->mixed = 0;
    me->fresh = 1;
    for (j = 0; j < en->nacts; j++) {
        if (en->acts[j].na)
            continue;    /* 不适用 holds no quantity: its unit says nothing */
        r = me->acts[j].from = units_find(en->acts[j].unit);
        if (me->unit == NULL)
            me->unit = r;
        else if (r != me->unit)
            me->mixed = 1;
    }
}

/*
 * The memo for y: m's entries where dirty says they are unchanged (dirty NULL: none is), the
 * others taken afresh. A memo of another number of entries is dropped.
 */
static struct engine_memo *
memo_for(const struct wb_year *y, struct engine_memo *m, const unsigned char *dirty)
{
    size_t i;

    if (m != NULL && (m->n != y->nentries || m->pins != y->pins)) {
        engine_memo_free(m);
        m = NULL;
    }
    if (m == NULL) {
        m = xcalloc(1, sizeof(*m));
        m->n = y->nentries;
        m->pins = y->pins;
        m->entries = xcalloc(m->n ? m->n : 1, sizeof(*m->entries));
        dirty = NULL;
        for (i = 0; i < m->n; i++)
            memo_entry_set(&m->entries[i], y, &y->entries[i]);
        return m;
    }
    for (i = 0; i < m->n; i++)
        if (dirty != NULL && dirty[i])
            memo_entry_set(&m->entries[i], y, &y->entries[i]);
    return m;
}

/*
 * The unit shown for a source: the one every value used, else the library's report unit - the
 * entries' units folded in entry order, as the values come.
 */
static const struct unit_def *
common_unit(const struct wb_year *y, const struct engine_memo *m, const struct source_def *src)
{
    const struct unit_def *u = NULL;
    size_t i;

    for (i = 0; i < y->nentries; i++) {
        const struct memo_entry *me = &m->entries[i];

        if (y->entries[i].src != src || (me->unit == NULL && !me->mixed))
            continue;
        if (me->mixed || (u != NULL && me->unit != u))
            return src->report_unit;
        u = me->unit;
    }
    return u != NULL ? u : src->report_unit;
}

/* The units an entry's values are converted into: its pin's (engine_to_activity, engine_to_tce). */
struct memo_to {
    const struct unit_def *act;   /* the activity unit */
    const struct unit_def *coal;  /* the standard-coal coefficient's, NULL: no energy */
    double coal_per;              /* kgce per coal unit, <= 0: no energy */
};

static void
memo_to_set(struct memo_to *to, const struct source_def *src, const struct factor_pin *pin)
{
    to->act = pin_unit(src, pin);
    to->coal_per = pin != NULL ? pin->coal : src->coal;
    to->coal = pin != NULL && pin->coal_unit != NULL ? units_find(pin->coal_unit) : src->coal_unit;
}

/*
 * Value a of en converted into ma: activity and standard coal when fresh (as engine_to_activity
 * and engine_to_tce do, with the units found once), the quantity shown when it is not in `shown`
 * yet (the source's shown unit moved with an edit).
 */
static enum err
memo_convert(const struct wb_entry *en, const struct factor_pin *pin,
             const struct wb_activity *a, const struct memo_to *to,
             const struct unit_def *shown, int fresh, struct memo_act *ma, char **why)
{
    enum err e;
    double x;

    if (fresh) {
        if ((e = convert_from(en->src, pin, a->quantity, a->unit, ma->from, to->act, &ma->act,
                              why)) != ERR_OK)
            return e;
        /* not an energy (a refrigerant): no coal, the unit's dimension checked just above */
        ma->tce = 0;
        if (to->coal_per > 0 && to->coal != NULL) {
            if ((e = convert_from(en->src, pin, a->quantity, a->unit, ma->from, to->coal, &x,
                                  why)) != ERR_OK)
                return e;
            ma->tce = x * to->coal_per / 1000.0;    /* kgce → tce */
        }
        ma->shown_unit = NULL;
    }
    if (ma->shown_unit != shown) {
        if ((e = convert_from(en->src, pin, a->quantity, a->unit, ma->from, shown, &ma->shown,
                              why)) != ERR_OK)
            return e;
        ma->shown_unit = shown;
    }
    return ERR_OK;
}

/* Adds value a of figures ma (t = ma->act × the factor) to source s. */
static void
add_value(struct engine_source *s, const struct wb_activity *a, const struct memo_act *ma,
          double factor)
{
    double t = ma->act * factor;

    s->activity += ma->act;
    s->quantity += ma->shown;
    s->tco2e += t;
    s->tce += ma->tce;
    if (a->period.kind == PERIOD_MONTH) {
        s->month_tco2e[a->period.index - 1] += t;
        s->month_quantity[a->period.index - 1] += ma->shown;
    } else if (a->period.kind == PERIOD_QUARTER) {
        s->quarter_tco2e[a->period.index - 1] += t;
        s->quarter_quantity[a->period.index - 1] += ma->shown;
    } else {
        s->annual_tco2e += t;
        s->annual_quantity += ma->shown;
    }
}

/* The kept sums of src in m, or NULL. */
static const struct engine_source *
kept_sums(const struct engine_memo *m, const struct source_def *src)
{
    size_t i;

    for (i = 0; i < m->nsums; i++)
        if (m->sums[i].src == src)
            return &m->sums[i];
    return NULL;
}

/*
 * Sums every value of y into res->sources, in entry order; ERR_INPUT with *cause. With dirty
 * (and m->sums from the last computation) a source with no dirty entry takes its kept sums.
 */
static enum err
sum_values(const struct wb_year *y, struct engine_memo *m, const unsigned char *dirty,
           struct engine_result *res, char **cause)
{
    const struct source_def **touched = NULL;
    size_t i, j, ntouched = 0, k;
    enum err e = ERR_OK;

    if (dirty != NULL && m->sums != NULL) {
        touched = xcalloc(y->nentries + 1, sizeof(*touched));
        for (i = 0; i < y->nentries; i++)
            if (dirty[i])
                touched[ntouched++] = y->entries[i].src;
    }
    for (i = 0; i < y->nentries; i++) {
        const struct wb_entry *en = &y->entries[i];
        struct memo_entry *me = &m->entries[i];
        const struct factor_pin *pin;
        const struct engine_source *kept;
        struct engine_source *s;
        struct memo_to to;

        if (en->src == NULL) {
            *cause = xasprintf("未知的排放源“%s”", en->source_id);
            free(touched);
            return ERR_INPUT;
        }
        if ((pin = me->pin) == NULL) {
            *cause = xasprintf("%s 没有排放因子", en->src->zh);
            free(touched);
            return ERR_INPUT;
        }
        s = slot(res, en->src, pin);
        if (touched != NULL) {
            for (k = 0; k < ntouched && touched[k] != en->src; k++)
                ;
            if (k == ntouched && (kept = kept_sums(m, en->src)) != NULL) {
                if (s->unit == NULL)
                    *s = *kept;      /* the same values in the same order: the same sums */
                continue;
            }
        }
        if (s->unit == NULL)
            s->unit = common_unit(y, m, en->src);
        memo_to_set(&to, en->src, pin);
        for (j = 0; j < en->nacts; j++) {
            const struct wb_activity *a = &en->acts[j];
            char *why = NULL;

            if (a->na)
                continue;    /* 不适用: the source does not run then, zero emissions */
            if ((e = memo_convert(en, pin, a, &to, s->unit, me->fresh, &me->acts[j], &why))
                != ERR_OK) {
                char p[16];

                period_format(&a->period, p, sizeof(p));
                *cause = xasprintf("%s %s", p, why);
                free(why);
                free(touched);
                return e;
            }
            add_value(s, a, &me->acts[j], pin->value);
        }
        me->fresh = 0;
    }
    free(touched);
    return ERR_OK;
}

enum err
engine_compute_memo(const struct wb_year *y, struct engine_memo **memo,
                    const unsigned char *dirty, struct engine_result *res, char **cause)
{
    struct engine_memo *m = memo_for(y, memo != NULL ? *memo : NULL, dirty);
    size_t i;
    enum err e;
    const char *what;

    if (memo != NULL)
        *memo = m;
    memset(res, 0, sizeof(*res));
    if ((e = sum_values(y, m, dirty, res, cause)) != ERR_OK) {
        engine_result_free(res);
        goto fail;
    }
    if (res->nsources > 1)
        qsort(res->sources, res->nsources, sizeof(*res->sources), cmp_lib_order);
    /* kept for the next computation: what sum_values takes of the sources not changed */
    free(m->sums);
    m->sums = xcalloc(res->nsources ? res->nsources : 1, sizeof(*m->sums));
    if (res->nsources > 0)
        memcpy(m->sums, res->sources, res->nsources * sizeof(*m->sums));
    m->nsums = res->nsources;
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
        e = ERR_INPUT;
        goto fail;
    }
    if (memo == NULL)
        engine_memo_free(m);
    return ERR_OK;
fail:
    /* a value left unconverted by the error: the next computation starts afresh */
    engine_memo_free(m);
    if (memo != NULL)
        *memo = NULL;
    return e;
}

enum err
engine_compute(const struct wb_year *y, struct engine_result *res, char **cause)
{
    return engine_compute_memo(y, NULL, NULL, res, cause);
}

void
engine_result_free(struct engine_result *res)
{
    free(res->sources);
    memset(res, 0, sizeof(*res));
}
