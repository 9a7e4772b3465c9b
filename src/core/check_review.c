/*
 * check_review.c - the checks a reviewer of public-institution statistics makes, as warnings
 * (check.h states each rule and its limits): an implausible 单位建筑面积碳排放量, a unit slip of
 * 10⁴ (kWh → 万kWh with the numbers kept), a source or 建筑面积/用能人数 far off the year before.
 */
#include "core/check_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/text.h"
#include "base/xmem.h"
#include "data/units.h"

/* Ratios are compared with this slack: 3300 m² against 3000 m² is +10 %, not over by rounding. */
#define SLACK 1e-9
#define MAX_UNITS 16    /* distinct units of one source's rows that are compared */

static void
check_intensity(const struct form_set *fs, const struct check_figures *res,
                struct check_report *rep)
{
    const struct form_def *a4 = forms_get(fs, "A.4");
    const struct field_def *fd = a4 != NULL ? forms_field(a4, "intensity") : NULL;
    struct check_where at = {.field = "intensity"};
    double v, limit;
    int low;

    if (res == NULL || !res->has_area || fd == NULL)
        return;
    v = round(res->intensity_kgco2e_per_m2 * 100) / 100;   /* as A.4 shows it */
    if (v >= CHECK_INTENSITY_MIN && v <= CHECK_INTENSITY_MAX)
        return;
    low = v < CHECK_INTENSITY_MIN;
    limit = low ? CHECK_INTENSITY_MIN : CHECK_INTENSITY_MAX;
    check_add(rep, CHECK_A4_INTENSITY, &at,
              xasprintf("表A.4：%s %s kgCO₂e/m² %s %s，超出常见范围（%s–%s）：请核对建筑面积（%s m²）"
                        "和各排放源的数量与单位",
                        fd->zh, check_num(v, 2).s, low ? "低于" : "高于", CHECK_N(limit),
                        CHECK_N(CHECK_INTENSITY_MIN), CHECK_N(CHECK_INTENSITY_MAX),
                        CHECK_N(res->building_area_m2)),
              xasprintf("Table A.4: %s %s kgCO₂e/m² is %s %s, outside the usual range (%s–%s): "
                        "check the floor area (%s m²) and the sources' amounts and units",
                        fd->en, check_num(v, 2).s, low ? "below" : "above", CHECK_N(limit),
                        CHECK_N(CHECK_INTENSITY_MIN), CHECK_N(CHECK_INTENSITY_MAX),
                        CHECK_N(res->building_area_m2)));
}

static int
cmp_num(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static int
cmp_index(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;

    return (x > y) - (x < y);
}

/* Whether unit a is 10⁴ times unit b (万kWh and kWh, 万m³ and m³). */
static int
scaled(const char *a, const char *b)
{
    const struct unit_def *ua = units_find(a), *ub = units_find(b);

    return ua != NULL && ub != NULL && ua->dim == ub->dim
           && fabs(ua->to_base / ub->to_base - CHECK_UNIT_SCALE) < 1e-6 * CHECK_UNIT_SCALE;
}

/* Whether two amounts are within CHECK_SWING_RATIO of each other. */
static int
alike(double a, double b)
{
    return a > 0 && b > 0 && a <= b * CHECK_SWING_RATIO && b <= a * CHECK_SWING_RATIO;
}

/*
 * The rows of e in year and unit that say something (quantity > 0): their number, the median
 * of their amounts per month (*med: a quarter counts as three months) and the first of them.
 */
static size_t
unit_rows(const struct wb_entry *e, int year, const char *unit, double *med,
          const struct wb_activity **first)
{
    double *v = xcalloc(e->nacts + 1, sizeof(*v));
    size_t i, n = 0;
    int f, l;

    *first = NULL;
    *med = 0;
    for (i = 0; i < e->nacts; i++) {
        const struct wb_activity *a = &e->acts[i];

        if (a->period.year != year || strcmp(a->unit, unit) != 0 || !(a->quantity > 0))
            continue;
        period_months(&a->period, &f, &l);
        v[n++] = a->quantity / (l - f + 1);
        if (*first == NULL)
            *first = a;
    }
    if (n > 0) {
        qsort(v, n, sizeof(*v), cmp_num);
        *med = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
    free(v);
    return n;
}

/* The distinct units of e's rows in year that say something, at most MAX_UNITS, into u. */
static size_t
units_of(const struct wb_entry *e, int year, const char **u)
{
    size_t i, j, n = 0;

    for (i = 0; i < e->nacts && n < MAX_UNITS; i++) {
        const struct wb_activity *a = &e->acts[i];

        if (a->period.year != year || !(a->quantity > 0))
            continue;
        for (j = 0; j < n && strcmp(u[j], a->unit) != 0; j++)
            ;
        if (j == n)
            u[n++] = a->unit;
    }
    return n;
}

/*
 * e's row in prev: the same source and facility, else the source's only row when e is too. ks
 * and pks are y's and prev's entries by source (check_keys_build).
 */
static const struct wb_entry *
prev_entry(const struct check_keys *ks, const struct wb_entry *e, const struct wb_year *prev,
           const struct check_keys *pks)
{
    const struct check_key *same = check_keys_find(pks, e->source_id, e->facility);
    size_t lo, hi, plo, phi;

    if (same != NULL)
        return &prev->entries[same->i];
    check_keys_source(pks, e->source_id, &plo, &phi);
    check_keys_source(ks, e->source_id, &lo, &hi);
    return phi - plo == 1 && hi - lo == 1 ? &prev->entries[pks->k[plo].i] : NULL;
}

/* "天然气（炉灶）", and in English "Natural gas (炉灶)". */
static char *
name_of(const struct wb_entry *e, int en)
{
    const char *name = e->src == NULL ? e->source_id : en ? e->src->en : e->src->zh;

    if (e->facility[0] == '\0')
        return xstrdup(name);
    return xasprintf(en ? "%s (%s)" : "%s（%s）", name, e->facility);
}

static void
say_scale(struct check_report *rep, const struct wb_entry *e, const struct wb_activity *first,
          size_t n, const char *unit, double med, const char *other, double other_med,
          int other_year)
{
    struct check_where at = {.entry_id = e->id, .source_id = e->source_id, .field = "quantity",
                             .has_period = 1, .period = first->period};
    char *zh = name_of(e, 0), *en = name_of(e, 1), p[16];

    period_format(&first->period, p, sizeof(p));
    if (other_year == 0)
        check_add(rep, CHECK_A5_UNIT_SCALE, &at,
                  xasprintf("表A.5：%s 有 %zu 个期间按 %s 填写（如 %s），数值却与按 %s 填写的期间相近"
                            "（每月中位数 %s %s 对 %s %s）；两种单位相差 10⁴ 倍，请核对单位",
                            zh, n, unit, p, other, CHECK_N(med), unit, CHECK_N(other_med), other),
                  xasprintf("Table A.5: %s has %zu %s in %s (such as %s) with numbers like those "
                            "in %s (monthly median %s %s against %s %s); the units differ 10⁴ "
                            "times: check the unit",
                            en, n, n == 1 ? "period" : "periods", unit, p, other, CHECK_N(med),
                            unit, CHECK_N(other_med), other));
    else
        check_add(rep, CHECK_A5_UNIT_SCALE, &at,
                  xasprintf("表A.5：%s 按 %s 填写（如 %s，每月中位数 %s %s），数值却与 %d 年按 %s "
                            "填写的相近（每月中位数 %s %s）；两种单位相差 10⁴ 倍，请核对单位",
                            zh, unit, p, CHECK_N(med), unit, other_year, other,
                            CHECK_N(other_med), other),
                  xasprintf("Table A.5: %s is in %s (such as %s, monthly median %s %s) with "
                            "numbers like those of %d in %s (monthly median %s %s); the units "
                            "differ 10⁴ times: check the unit",
                            en, unit, p, CHECK_N(med), unit, other_year, other,
                            CHECK_N(other_med), other));
    free(zh);
    free(en);
}

/*
 * Flags e's rows in a unit 10⁴ times another of its units with like numbers, or else like the
 * same source's numbers the year before in such a unit (check.h); 1 when it flagged.
 */
static int
check_unit_scale(const struct wb_year *y, const struct check_keys *ks, const struct wb_entry *e,
                 const struct wb_year *prev, const struct check_keys *pks,
                 struct check_report *rep)
{
    const char *u[MAX_UNITS], *pu[MAX_UNITS];
    const struct wb_activity *f1, *f2;
    const struct wb_entry *pe;
    size_t nu = units_of(e, y->year, u), npu, i, j, n1, n2;
    double m1, m2;

    for (i = 0; i < nu; i++)
        for (j = 0; j < nu; j++) {
            if (!scaled(u[i], u[j]))
                continue;
            n1 = unit_rows(e, y->year, u[i], &m1, &f1);      /* the larger unit */
            n2 = unit_rows(e, y->year, u[j], &m2, &f2);
            if (!alike(m1, m2))
                continue;
            if (n2 < n1)
                say_scale(rep, e, f2, n2, u[j], m2, u[i], m1, 0);
            else
                say_scale(rep, e, f1, n1, u[i], m1, u[j], m2, 0);
            return 1;
        }
    if (prev == NULL || (pe = prev_entry(ks, e, prev, pks)) == NULL)
        return 0;
    npu = units_of(pe, prev->year, pu);
    for (i = 0; i < nu; i++)
        for (j = 0; j < npu; j++) {
            if (!scaled(u[i], pu[j]) && !scaled(pu[j], u[i]))
                continue;
            unit_rows(e, y->year, u[i], &m1, &f1);
            unit_rows(pe, prev->year, pu[j], &m2, &f2);
            if (!alike(m1, m2))
                continue;
            say_scale(rep, e, f1, 0, u[i], m1, pu[j], m2, prev->year);
            return 1;
        }
    return 0;
}

/*
 * Spreads src's rows of y over months[1..12] in src's report unit, marking the months covered;
 * ks is y's entries by source.
 */
static void
spread(const struct wb_year *y, const struct check_keys *ks, const struct source_def *src,
       double *months, int *covered)
{
    const struct factor_pin *pin = model_pin(y, src->id);
    double density = pin != NULL ? pin->density : src->density, x;
    size_t k, lo, hi, j, *at;
    int f, l, m;

    /* in the year's order, so that the sums are those of a sweep over the entries */
    check_keys_source(ks, src->id, &lo, &hi);
    at = xcalloc(hi - lo + 1, sizeof(*at));
    for (k = lo; k < hi; k++)
        at[k - lo] = ks->k[k].i;
    qsort(at, hi - lo, sizeof(*at), cmp_index);
    for (k = 0; k < hi - lo; k++) {
        const struct wb_entry *e = &y->entries[at[k]];

        for (j = 0; j < e->nacts; j++) {
            const struct wb_activity *a = &e->acts[j];
            const struct unit_def *u = units_find(a->unit);
            char *why = NULL;

            if (a->period.year != y->year || u == NULL
                || units_convert(a->quantity, u, src->report_unit, density, &x, &why) != ERR_OK) {
                free(why);
                continue;       /* a row the engine cannot convert is said by A4_UNCOMPUTABLE */
            }
            period_months(&a->period, &f, &l);
            for (m = f; m <= l; m++) {
                months[m] += x / (l - f + 1);
                covered[m] = 1;
            }
        }
    }
    free(at);
}

/* "1–6、9" (or "1–6, 9"): the months set in on[1..12], in runs. Caller frees. */
static char *
month_runs(const int *on, int en)
{
    struct strbuf sb = {0};
    int m, end;

    for (m = 1; m <= 12; m++) {
        if (!on[m])
            continue;
        for (end = m; end < 12 && on[end + 1]; end++)
            ;
        sb_printf(&sb, "%s%d", sb.len > 0 ? (en ? ", " : "、") : "", m);
        if (end > m)
            sb_printf(&sb, "–%d", end);
        m = end;
    }
    return sb_take(&sb);
}

/* A source's months spread over the year (spread) in y and in prev, kept in a review memo. */
struct check_spread {
    const struct source_def *src;
    double cur[13], old[13];
    int covc[13], covo[13];
    int has_cur, has_old;         /* cur and old hold spread's sums */
};

/* The kept spread of src in rm, added (empty) when there is none yet. */
static struct check_spread *
spread_of(struct check_review_memo *rm, const struct source_def *src)
{
    size_t i;

    for (i = 0; i < rm->nspreads; i++)
        if (rm->spreads[i].src == src)
            return &rm->spreads[i];
    rm->spreads = xgrow(rm->spreads, &rm->cap, rm->nspreads + 1, sizeof(*rm->spreads));
    memset(&rm->spreads[rm->nspreads], 0, sizeof(*rm->spreads));
    rm->spreads[rm->nspreads].src = src;
    return &rm->spreads[rm->nspreads++];
}

/*
 * Flags each source whose amount changed by more than CHECK_SOURCE_CHANGE against prev. The
 * spreads of y and prev are taken from rm where it holds them (rm says which are stale).
 */
static void
check_source_changes(const struct wb_year *y, const struct check_keys *ks,
                     const struct wb_year *prev, const struct check_keys *pks, const char *skip,
                     struct check_review_memo *rm, struct check_report *rep)
{
    char *first = xcalloc(y->nentries + 1, 1);
    size_t i, k, lo, hi;

    /* one finding per source, at its first entry; none where a unit slip explains it */
    check_keys_first(ks, first);
    for (i = 0; i < y->nentries; i++) {
        if (!first[i])
            continue;
        check_keys_source(ks, y->entries[i].source_id, &lo, &hi);
        for (k = lo; k < hi; k++)
            if (skip[ks->k[k].i])
                first[i] = 0;
    }
    for (i = 0; i < y->nentries; i++) {
        const struct wb_entry *e = &y->entries[i];
        const struct source_def *src = e->src;
        double sc = 0, so = 0, ch;
        int common[13] = {0}, all = 1, any = 0, m;
        struct check_where at = {.entry_id = e->id, .source_id = e->source_id};
        struct check_spread *sp;
        const char *unit;
        char *zh_m, *en_m;

        if (src == NULL || !first[i])
            continue;
        sp = spread_of(rm, src);
        if (!sp->has_cur) {
            memset(sp->cur, 0, sizeof(sp->cur));
            memset(sp->covc, 0, sizeof(sp->covc));
            spread(y, ks, src, sp->cur, sp->covc);
            sp->has_cur = 1;
        }
        if (!sp->has_old) {
            spread(prev, pks, src, sp->old, sp->covo);
            sp->has_old = 1;
        }
        for (m = 1; m <= 12; m++) {
            common[m] = sp->covc[m] && sp->covo[m];
            all &= common[m];
            any |= common[m];
            if (common[m]) {
                sc += sp->cur[m];
                so += sp->old[m];
            }
        }
        if (!any || !(so > 0))
            continue;
        ch = sc / so - 1;
        if (fabs(ch) <= CHECK_SOURCE_CHANGE + SLACK)
            continue;
        unit = src->report_unit->sym;
        if (all) {
            zh_m = xstrdup("全年");
            en_m = xstrdup("the whole year");
        } else {
            char *runs = month_runs(common, 0), *runs_en = month_runs(common, 1);

            zh_m = xasprintf("%s 月", runs);
            en_m = xasprintf("months %s", runs_en);
            free(runs);
            free(runs_en);
        }
        check_add(rep, CHECK_A5_YEAR_CHANGE, &at,
                  xasprintf("表A.5：%s %s比 %d 年%s%s %s%%（%s %s 对 %s %s），请核对",
                            src->zh, zh_m, prev->year, all ? "" : "同期", ch > 0 ? "增加" : "减少",
                            check_num(fabs(ch) * 100, 1).s, check_num(sc, 2).s, unit,
                            check_num(so, 2).s, unit),
                  xasprintf("Table A.5: %s is %s %s %% on %d (%s): %s %s against %s %s; "
                            "please check",
                            src->en, ch > 0 ? "up" : "down", check_num(fabs(ch) * 100, 1).s,
                            prev->year, en_m, check_num(sc, 2).s, unit, check_num(so, 2).s,
                            unit));
        free(zh_m);
        free(en_m);
    }
    free(first);
}

/* The value of A.1 field key in y as a positive number, or 0. */
static double
info_number(const struct wb_year *y, const char *key)
{
    const char *v = model_info(y, key);
    char *why = NULL;
    double x;

    if (v == NULL || text_parse_number(v, &x, &why) != ERR_OK) {
        free(why);
        return 0;
    }
    return x > 0 ? x : 0;
}

/* Flags 建筑面积 and 用能人数 changed by more than CHECK_INFO_CHANGE against prev. */
static void
check_info_changes(const struct form_set *fs, const struct wb_year *y, const struct wb_year *prev,
                   struct check_report *rep)
{
    static const char *const keys[] = {"building_area", "headcount"};
    const struct form_def *a1 = forms_get(fs, "A.1");
    size_t k;

    for (k = 0; a1 != NULL && k < nitems(keys); k++) {
        const struct field_def *fd = forms_field(a1, keys[k]);
        double cur = info_number(y, keys[k]), old = info_number(prev, keys[k]), ch;
        struct check_where at = {.field = keys[k]};
        const char *u, *u_en;

        if (fd == NULL || cur == 0 || old == 0)
            continue;
        ch = cur / old - 1;
        if (fabs(ch) <= CHECK_INFO_CHANGE + SLACK)
            continue;
        u = fd->unit != NULL ? fd->unit : "";
        u_en = strcmp(u, "人") == 0 ? "people" : u;
        check_add(rep, CHECK_A1_YEAR_CHANGE, &at,
                  xasprintf("表A.1：%s %s %s 比 %d 年（%s %s）%s %s%%，请核对",
                            fd->zh, CHECK_N(cur), u, prev->year, CHECK_N(old), u,
                            ch > 0 ? "增加" : "减少", check_num(fabs(ch) * 100, 1).s),
                  xasprintf("Table A.1: %s %s %s is %s %s %% on %d (%s %s); please check",
                            fd->en, CHECK_N(cur), u_en, ch > 0 ? "up" : "down",
                            check_num(fabs(ch) * 100, 1).s, prev->year, CHECK_N(old), u_en));
    }
}

void
check_review_memo_free(struct check_review_memo *rm)
{
    size_t i;

    if (rm->ks != NULL)
        check_keys_free(rm->ks);
    if (rm->pks != NULL)
        check_keys_free(rm->pks);
    free(rm->ks);
    free(rm->pks);
    for (i = 0; rm->scale != NULL && i < rm->ks_n; i++)
        check_free(&rm->scale[i]);
    free(rm->scale);
    free(rm->slip);
    free(rm->spreads);
    memset(rm, 0, sizeof(*rm));
}

void
check_review_memo(const struct form_set *fs, const struct wb_year *y, const struct wb_year *prev,
                  const struct check_figures *fig, struct check_review_memo *rm,
                  const unsigned char *dirty, struct check_report *rep)
{
    static const struct check_keys none;
    size_t i, k;

    if (!rm->built || dirty == NULL) {
        check_review_memo_free(rm);
        rm->ks = xcalloc(1, sizeof(*rm->ks));
        check_keys_build(y, rm->ks);
        if (prev != NULL) {
            rm->pks = xcalloc(1, sizeof(*rm->pks));
            check_keys_build(prev, rm->pks);
        }
        rm->ks_n = y->nentries;
        rm->scale = xcalloc(y->nentries + 1, sizeof(*rm->scale));
        rm->slip = xcalloc(y->nentries + 1, 1);
        rm->built = 1;
        dirty = NULL;
    } else {
        /* a source with a changed entry is spread again over y; prev's stays */
        for (i = 0; i < y->nentries; i++)
            for (k = 0; dirty[i] && k < rm->nspreads; k++)
                if (rm->spreads[k].src == y->entries[i].src)
                    rm->spreads[k].has_cur = 0;
    }
    check_intensity(fs, fig, rep);
    for (i = 0; i < y->nentries; i++) {
        if (dirty == NULL || dirty[i]) {
            check_free(&rm->scale[i]);
            rm->slip[i] = (char)check_unit_scale(y, rm->ks, &y->entries[i], prev,
                                                 rm->pks != NULL ? rm->pks : &none,
                                                 &rm->scale[i]);
        }
        check_copy_items(rep, &rm->scale[i]);
    }
    if (prev != NULL) {
        check_source_changes(y, rm->ks, prev, rm->pks, rm->slip, rm, rep);
        check_info_changes(fs, y, prev, rep);
    }
}

void
check_review(const struct form_set *fs, const struct wb_year *y, const struct wb_year *prev,
             const struct check_figures *fig, struct check_report *rep)
{
    struct check_review_memo rm = {0};

    check_review_memo(fs, y, prev, fig, &rm, NULL, rep);
    check_review_memo_free(&rm);
}
