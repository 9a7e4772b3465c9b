/*
 * perf.c - carbon performance over the years: each year's figures from its report, the same
 * year restated with another year's factors (the engine run on the year's activity with those
 * pins), the base period resolved and averaged, the changes and their split, the targets'
 * progress. See perf.h for the definitions.
 */
#include "core/perf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmem.h"
#include "core/neutral.h"
#include "core/report.h"

#define TR(lang, zh, en) ((lang) == LANG_EN ? (en) : (zh))

static const struct perf_key_def keys[PK__COUNT] = {
    [PK_TOTAL] = {"total", "total_tco2e", "碳排放总量", "Total emissions", "tCO₂e", 2},
    [PK_SCOPE1] = {"scope1", "scope1_tco2e", "范围一排放", "Scope 1", "tCO₂e", 2},
    [PK_SCOPE2] = {"scope2", "scope2_tco2e", "范围二排放", "Scope 2", "tCO₂e", 2},
    [PK_INTENSITY] = {"intensity", "intensity_kgco2e_per_m2", "单位建筑面积碳排放量",
                      "Emissions per floor area", "kgCO₂e/m²", 2},
    [PK_PER_CAPITA] = {"per_capita", "per_capita_tco2e", "人均碳排放量", "Emissions per person",
                       "tCO₂e/人", 3},
    [PK_ENERGY] = {"energy", "energy_tce", "综合能耗", "Energy use", "tce", 2},
    [PK_ENERGY_INTENSITY] = {"energy_intensity", "energy_intensity_kgce_per_m2",
                             "单位建筑面积综合能耗", "Energy per floor area", "kgce/m²", 2},
    [PK_ENERGY_PER_CAPITA] = {"energy_per_capita", "energy_per_capita_kgce", "人均综合能耗",
                              "Energy per person", "kgce/人", 1},
    [PK_COAL_SHARE] = {"coal_share", "coal_share_pct", "煤炭消费占比", "Coal share of energy",
                       "%", 1},
    [PK_HEAT_PER_HDD] = {"heat_per_hdd", "heat_kgco2e_per_hdd", "外购热力排放/采暖度日",
                         "Heat emissions per heating degree-day", "kgCO₂e/(℃·d)", 2,
                         "外购热力排放/采暖度日 = 外购热力排放量（kgCO₂e）÷ 采暖度日数（℃·d）",
                         "heat per heating degree-day = purchased heat emissions (kgCO₂e) / heating "
                         "degree-days (℃·d)"},
    [PK_ELEC_PER_DD] = {"electricity_per_dd", "electricity_kgco2e_per_degree_day",
                        "外购电力排放/度日", "Electricity emissions per degree-day",
                        "kgCO₂e/(℃·d)", 2,
                        "外购电力排放/度日 = 外购电力排放量（kgCO₂e）÷（采暖度日数 + 空调度日数）",
                        "electricity per degree-day = purchased electricity emissions (kgCO₂e) / "
                        "(heating + cooling degree-days)"},
    [PK_NEUTRALITY] = {"neutrality_rate", "neutrality_rate_pct", "碳中和率", "Carbon neutrality rate",
                       "%", 1},
    [PK_RENEWABLE] = {"renewable_share", "renewable_share_pct", "可再生能源利用率",
                      "Renewable energy share", "%", 1},
    [PK_GREEN_POWER] = {"green_power_share", "green_power_share_pct", "绿色电力利用率",
                        "Green power share", "%", 1},
};

/* The sources 004's 煤炭消费占比 counts: coal and the coal product of the library. */
static const char *const coal_ids[] = {"raw_coal", "bituminous_coal", "anthracite", "coke"};

const struct perf_key_def *
perf_key(enum perf_key k)
{
    return &keys[k < PK__COUNT ? k : PK_TOTAL];
}

enum perf_key
perf_param_key(enum plan_param p)
{
    switch (p) {
    case PARAM_INTENSITY: return PK_INTENSITY;
    case PARAM_PER_CAPITA: return PK_PER_CAPITA;
    case PARAM_ENERGY_INTENSITY: return PK_ENERGY_INTENSITY;
    case PARAM_COAL_SHARE: return PK_COAL_SHARE;
    default: return PK_TOTAL;
    }
}

static struct perf_num
num(double v)
{
    struct perf_num n = {isfinite(v), isfinite(v) ? v : 0};

    return n;
}

static const struct perf_num none = {0, 0};

/* The change from b to v in per cent; none when b is not there or 0. */
static struct perf_num
pct(struct perf_num v, struct perf_num b)
{
    if (!v.ok || !b.ok || b.v == 0)
        return none;
    return num((v.v - b.v) / b.v * 100.0);
}

/* A number of A.1 (hdd, cdd), when entered and valid. */
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

/* The figures of a computed year r (hdd, cdd: the degree-days, 0 when not entered). */
static void
figures(const struct report_year *r, double hdd, double cdd, struct perf_num out[PK__COUNT])
{
    const struct report_source *heat = report_source(r, "heat");
    const struct report_source *elec = report_source(r, "electricity");
    double coal = 0;
    size_t i;

    for (i = 0; i < PK__COUNT; i++)
        out[i] = none;
    out[PK_TOTAL] = num(r->total_tco2e);
    out[PK_SCOPE1] = num(r->scope1_tco2e);
    out[PK_SCOPE2] = num(r->scope2_tco2e);
    out[PK_ENERGY] = num(r->energy_tce);
    if (r->has_area && r->building_area_m2 > 0) {
        out[PK_INTENSITY] = num(r->total_tco2e * 1000.0 / r->building_area_m2);
        out[PK_ENERGY_INTENSITY] = num(r->energy_tce * 1000.0 / r->building_area_m2);
    }
    if (r->has_headcount && r->headcount > 0) {
        out[PK_PER_CAPITA] = num(r->total_tco2e / r->headcount);
        out[PK_ENERGY_PER_CAPITA] = num(r->energy_tce * 1000.0 / r->headcount);
    }
    for (i = 0; i < nitems(coal_ids); i++) {
        const struct report_source *s = report_source(r, coal_ids[i]);

        if (s != NULL)
            coal += s->tce;
    }
    if (r->energy_tce > 0)
        out[PK_COAL_SHARE] = num(coal / r->energy_tce * 100.0);
    if (hdd > 0)
        out[PK_HEAT_PER_HDD] = num((heat != NULL ? heat->tco2e : 0) * 1000.0 / hdd);
    if (hdd + cdd > 0 && (hdd > 0) == (cdd > 0))
        out[PK_ELEC_PER_DD] = num((elec != NULL ? elec->tco2e : 0) * 1000.0 / (hdd + cdd));
}

/*
 * The year y with, for every source, the pin of year f where f has one: a shallow copy, whose
 * pins array the caller frees (and nothing else).
 */
static struct wb_year
restated(const struct wb_year *y, const struct wb_year *f)
{
    struct wb_year r = *y;
    size_t i;

    r.pins = xcalloc(y->npins > 0 ? y->npins : 1, sizeof *r.pins);
    for (i = 0; i < y->npins; i++) {
        const struct factor_pin *p = model_pin(f, y->pins[i].source_id);

        r.pins[i] = p != NULL ? *p : y->pins[i];
    }
    return r;
}

/*
 * The computed state of one year: its report as reported and restated. Either may be a shallow
 * copy of a report another owns (the caller's, or rep when the year is restated with its own
 * factors); the *_owned flags say which perf frees. A restatement is kept by factor year, so that
 * the targets and the base that restate with the same year compute it once.
 */
struct calc {
    const struct wb_year *y;
    const struct wb_plan *plan;     /* the claims of the shares, or NULL */
    struct report rep, lfl;
    int rep_ok, lfl_ok;             /* there (lfl: restated with lfl_year's factors, shown) */
    int rep_owned, lfl_owned;
    int lfl_year;                   /* the factor year lfl holds, 0 for none */
    int lfl_built;                  /* lfl_year's restatement could be computed */
    char *why;              /* why rep is not there */
};

/* Drops c's restatement. */
static void
lfl_drop(struct calc *c)
{
    if (c->lfl_owned)
        report_free(&c->lfl);
    memset(&c->lfl, 0, sizeof c->lfl);
    c->lfl_ok = c->lfl_owned = c->lfl_built = 0;
    c->lfl_year = 0;
}

static void
calc_free(struct calc *c, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (c[i].rep_ok && c[i].rep_owned)
            report_free(&c[i].rep);
        lfl_drop(&c[i]);
        free(c[i].why);
    }
    free(c);
}

/* Restates every computed year of c with the factors of year f (NULL: hides the restatement). */
static void
calc_restate(const struct form_set *fs, struct calc *c, size_t n, const struct wb_year *f,
             enum lang lang)
{
    size_t i;

    for (i = 0; i < n; i++) {
        struct wb_year r;
        char *why = NULL;

        c[i].lfl_ok = 0;
        if (f == NULL || !c[i].rep_ok)
            continue;
        if (c[i].lfl_year == f->year) {
            c[i].lfl_ok = c[i].lfl_built;       /* computed for an earlier target or base */
            continue;
        }
        lfl_drop(&c[i]);
        c[i].lfl_year = f->year;
        if (f == c[i].y) {
            /* restated with its own factors: the year as reported */
            c[i].lfl = c[i].rep;
            c[i].lfl_ok = c[i].lfl_built = 1;
            continue;
        }
        r = restated(c[i].y, f);
        c[i].lfl_ok = c[i].lfl_built
            = report_build(fs, &r, 1, r.year, lang, &c[i].lfl, &why) == ERR_OK;
        c[i].lfl_owned = c[i].lfl_ok;
        free(why);
        free(r.pins);
    }
}

static const struct wb_year *
year_of(const struct wb_year *ys, size_t n, int y)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (ys[i].year == y)
            return &ys[i];
    return NULL;
}

static size_t
index_of(const struct wb_year *ys, size_t n, int y)
{
    size_t i;

    for (i = 0; i < n && ys[i].year != y; i++)
        ;
    return i;
}

/* The degree-days of y into *hdd, *cdd (0 when not entered); whether each is. */
static void
degree_days(const struct wb_year *y, int *has_hdd, double *hdd, int *has_cdd, double *cdd)
{
    *hdd = *cdd = 0;
    *has_hdd = info_num(y, "hdd", hdd);
    *has_cdd = info_num(y, "cdd", cdd);
    if (!*has_hdd)
        *hdd = 0;
    if (!*has_cdd)
        *cdd = 0;
}

/* 碳中和率 and the two shares of r, as core/neutral.h defines them, into out. */
static void
shares(const struct calc *c, const struct report_year *r, struct perf_num out[PK__COUNT])
{
    struct neutral nt;
    double kwh_coal, gj_coal;

    if (c->plan == NULL)
        return;
    neutral_coal(c->y, &kwh_coal, &gj_coal);
    neutral_build(r, c->plan->offsets, c->plan->noffsets, c->plan->renewables,
                  c->plan->nrenewables, kwh_coal, gj_coal, 0, 0, LANG_ZH, &nt);
    if (nt.has_rate)
        out[PK_NEUTRALITY] = num(nt.neutrality_rate_pct);
    if (nt.has_renewable_share)
        out[PK_RENEWABLE] = num(nt.renewable_share_pct);
    if (nt.has_green_share)
        out[PK_GREEN_POWER] = num(nt.green_power_share_pct);
    neutral_free(&nt);
}

/* The figures of year i of c, restated (lfl 1) or as reported, into out. */
static void
calc_figures(const struct calc *c, int lfl, struct perf_num out[PK__COUNT])
{
    int has_hdd, has_cdd;
    double hdd, cdd;
    size_t k;

    if (!(lfl ? c->lfl_ok : c->rep_ok)) {
        for (k = 0; k < PK__COUNT; k++)
            out[k] = none;
        return;
    }
    degree_days(c->y, &has_hdd, &hdd, &has_cdd, &cdd);
    figures(report_cur(lfl ? &c->lfl : &c->rep), hdd, cdd, out);
    shares(c, report_cur(lfl ? &c->lfl : &c->rep), out);
}

/*
 * Resolves the base def for cur_year into b: its years (moving: the latest def->moving_n
 * complete years before cur_year), their averages as reported, and whether they are there.
 * Restating is done after (base_restate), once the factor year is known.
 */
static void
base_resolve(const struct wb_base *def, const struct calc *c, const struct wb_year *ys, size_t n,
             const int *complete, int cur_year, enum lang lang, struct perf_base *b)
{
    size_t i, k;

    memset(b, 0, sizeof *b);
    if (def == NULL)
        return;
    b->set = 1;
    b->def = *def;
    b->def.reason = xstrdup(def->reason != NULL ? def->reason : "");
    b->def.at = def->at != NULL ? xstrdup(def->at) : NULL;
    if (def->kind == BASE_MOVING) {
        for (i = n; i-- > 0 && b->nyears < (size_t)def->moving_n;)
            if (ys[i].year < cur_year && c[i].rep_ok && (complete == NULL || complete[i]))
                b->years[b->nyears++] = ys[i].year;
        /* taken newest first: put them in order */
        for (i = 0; i < b->nyears / 2; i++) {
            int t = b->years[i];

            b->years[i] = b->years[b->nyears - 1 - i];
            b->years[b->nyears - 1 - i] = t;
        }
        if (b->nyears < (size_t)def->moving_n) {
            b->missing = xasprintf(TR(lang, "移动平均需要 %d 年之前的 %d 个完整年份，工作簿中只有 %zu 个",
                                      "the moving average needs %d complete years before %d; the "
                                      "workbook has %zu"),
                                   lang == LANG_EN ? def->moving_n : cur_year,
                                   lang == LANG_EN ? cur_year : def->moving_n, b->nyears);
            return;
        }
        if (b->years[b->nyears - 1] - b->years[0] + 1 != (int)b->nyears)
            b->note = xstrdup(TR(lang, "移动平均的年份不连续（003 §6.2.2 c 要求连续年份）",
                                 "the years of the moving average are not consecutive (003 §6.2.2 c)"));
    } else {
        b->nyears = def->nyears;
        memcpy(b->years, def->years, def->nyears * sizeof def->years[0]);
    }
    /* a factor year the workbook lacks restates nothing */
    b->factor_year = b->nyears > 0 && year_of(ys, n, b->years[0]) != NULL ? b->years[0] : 0;
    for (k = 0; k < b->nyears; k++) {
        size_t j = index_of(ys, n, b->years[k]);

        if (j == n) {
            b->missing = xasprintf(TR(lang, "工作簿中没有基准期的 %d 年", "the workbook has no %d (base period)"),
                                   b->years[k]);
            return;
        }
        if (!c[j].rep_ok) {
            b->missing = xasprintf(TR(lang, "基准期的 %d 年无法计算：%s", "%d of the base period cannot be computed: %s"),
                                   b->years[k], c[j].why != NULL ? c[j].why : "");
            return;
        }
        if (complete != NULL && !complete[j] && b->note == NULL)
            b->note = xasprintf(TR(lang, "基准期的 %d 年数据不完整（tanbook check 有错误）",
                                   "%d of the base period is incomplete (tanbook check finds errors)"),
                                b->years[k]);
    }
    b->ok = 1;
}

/* The averages of b's years in c, as reported (lfl 0) or restated, into out. */
static void
base_average(const struct perf_base *b, const struct calc *c, const struct wb_year *ys, size_t n,
             int lfl, struct perf_num out[PK__COUNT])
{
    size_t k, i;

    for (k = 0; k < PK__COUNT; k++) {
        double sum = 0;
        int ok = b->ok && b->nyears > 0;

        for (i = 0; ok && i < b->nyears; i++) {
            struct perf_num f[PK__COUNT];

            calc_figures(&c[index_of(ys, n, b->years[i])], lfl, f);
            ok = f[k].ok;
            sum += f[k].v;
        }
        out[k] = ok ? num(sum / (double)b->nyears) : none;
    }
}

/* What year y lacks for figure k, in words ("2020 年缺少建筑面积"), or NULL when it has it. */
static char *
lacks(const struct perf_base *b, const struct calc *c, const struct wb_year *ys, size_t n,
      enum perf_key k, enum lang lang)
{
    size_t i;

    if (!b->set)
        return xstrdup(TR(lang, "尚未设定碳基准（tanbook set --base）",
                          "no base period is set (tanbook set --base)"));
    if (b->missing != NULL)
        return xstrdup(b->missing);
    for (i = 0; i < b->nyears; i++) {
        const struct calc *ci = &c[index_of(ys, n, b->years[i])];
        struct perf_num f[PK__COUNT];

        calc_figures(ci, 0, f);
        if (f[k].ok)
            continue;
        if (k == PK_INTENSITY || k == PK_ENERGY_INTENSITY)
            return xasprintf(TR(lang, "基准期的 %d 年缺少建筑面积", "%d of the base period has no floor area"),
                             b->years[i]);
        if (k == PK_PER_CAPITA)
            return xasprintf(TR(lang, "基准期的 %d 年缺少用能人数", "%d of the base period has no headcount"),
                             b->years[i]);
        if (k == PK_COAL_SHARE)
            return xasprintf(TR(lang, "基准期的 %d 年没有综合能耗", "%d of the base period has no energy use"),
                             b->years[i]);
        return xasprintf(TR(lang, "基准期的 %d 年缺少该参数", "%d of the base period lacks the figure"),
                         b->years[i]);
    }
    return NULL;
}

/* The split of year i's change against base b into p->years[i]'s effects. */
static void
effects(const struct perf_base *b, const struct calc *c, const struct wb_year *ys, size_t n,
        size_t i, struct perf_year *py)
{
    const struct report_year *yr, *yl;
    size_t k, j, m;

    if (!b->ok || !c[i].rep_ok || !c[i].lfl_ok)
        return;
    for (k = 0; k < b->nyears; k++) {
        const struct calc *bk = &c[index_of(ys, n, b->years[k])];

        if (!bk->rep_ok || !bk->lfl_ok)
            return;
    }
    yr = report_cur(&c[i].rep);
    yl = report_cur(&c[i].lfl);
    py->has_effects = 1;
    /* every source of the year or of a base year, in library order (the reports' order) */
    py->effects = xcalloc(yr->nsources + 1, sizeof *py->effects);
    for (j = 0; j < yr->nsources; j++) {
        struct perf_effect *e = &py->effects[py->neffects++];
        const struct report_source *sl = report_source(yl, yr->sources[j].src->id);

        e->src = yr->sources[j].src;
        e->label = yr->sources[j].label;
        e->tco2e = yr->sources[j].tco2e;
        e->activity_tco2e = sl != NULL ? sl->tco2e : 0;
    }
    for (k = 0; k < b->nyears; k++) {
        const struct calc *bk = &c[index_of(ys, n, b->years[k])];
        const struct report_year *br = report_cur(&bk->rep), *bl = report_cur(&bk->lfl);

        for (m = 0; m < br->nsources; m++) {
            const struct report_source *s = &br->sources[m];
            const struct report_source *sl = report_source(bl, s->src->id);
            struct perf_effect *e = NULL;

            for (j = 0; j < py->neffects && e == NULL; j++)
                if (py->effects[j].src == s->src)
                    e = &py->effects[j];
            if (e == NULL) {
                py->effects = xrealloc(py->effects, (py->neffects + 1) * sizeof *py->effects);
                e = &py->effects[py->neffects++];
                memset(e, 0, sizeof *e);
                e->src = s->src;
                e->label = s->label;
            }
            e->base_tco2e += s->tco2e / (double)b->nyears;
            e->activity_tco2e -= (sl != NULL ? sl->tco2e : 0) / (double)b->nyears;
        }
    }
    for (j = 0; j < py->neffects; j++) {
        struct perf_effect *e = &py->effects[j];

        e->factor_tco2e = (e->tco2e - e->base_tco2e) - e->activity_tco2e;
        py->activity_tco2e += e->activity_tco2e;
        py->factor_tco2e += e->factor_tco2e;
    }
}

static void
base_free(struct perf_base *b)
{
    plan_base_free(&b->def);
    free(b->missing);
    free(b->note);
    memset(b, 0, sizeof *b);
}

/* Restates c with b's factors and fills b's like-for-like averages. */
static void
base_restate(const struct form_set *fs, struct perf_base *b, struct calc *c,
             const struct wb_year *ys, size_t n, enum lang lang)
{
    calc_restate(fs, c, n, b->factor_year != 0 ? year_of(ys, n, b->factor_year) : NULL, lang);
    base_average(b, c, ys, n, 0, b->rep);
    base_average(b, c, ys, n, 1, b->lfl);
}

static void
target_steps(struct perf_target *t, const struct calc *c, const struct wb_year *ys, size_t n)
{
    enum perf_key k = perf_param_key(t->def.param);
    int cap = t->def.kind == TARGET_CAP;
    int from = cap ? (n > 0 ? ys[0].year : t->def.target_year) : t->base_year;
    int to = t->def.target_year, y;
    double r = t->annual_pct / 100.0;

    if (n > 0 && ys[n - 1].year > to)
        to = ys[n - 1].year;
    if (from > to)
        from = to;
    t->steps = xcalloc((size_t)(to - from + 1), sizeof *t->steps);
    for (y = from; y <= to; y++) {
        struct perf_step *s = &t->steps[t->nsteps++];
        size_t i = index_of(ys, n, y);

        s->year = y;
        if (cap)
            s->milestone = t->target_value;
        else if (y <= t->def.target_year)
            s->milestone = num(t->base_value.v * pow(1.0 - r, (double)(y - t->base_year)));
        else
            s->milestone = t->target_value;
        if (i < n) {
            struct perf_num f[PK__COUNT];

            calc_figures(&c[i], 0, f);
            s->actual = f[k];
            calc_figures(&c[i], 1, f);
            s->actual_lfl = f[k];
        }
        if (s->actual.ok && s->milestone.ok) {
            s->gap = num(s->actual.v - s->milestone.v);
            s->on_track = s->actual.v <= s->milestone.v * (1 + 1e-12);
        }
        if (!cap && s->actual.ok && s->actual.v > 0 && y < t->def.target_year) {
            double need = 1.0 - pow(t->target_value.v / s->actual.v,
                                    1.0 / (double)(t->def.target_year - y));

            s->needed_pct = num(need > 0 ? need * 100.0 : 0);
        }
    }
}

/* Computes target def into t against the workbook base wb (its own base when it names one). */
static void
target_build(const struct form_set *fs, const struct wb_target *def, const struct wb_base *wb,
             struct calc *c, const struct wb_year *ys, size_t n, const int *complete,
             int cur_year, enum lang lang, struct perf_target *t)
{
    struct wb_base own = {0};
    enum perf_key k = perf_param_key(def->param);
    int years;
    char *why = NULL;

    memset(t, 0, sizeof *t);
    t->def = *def;
    t->def.base = def->base != NULL ? xstrdup(def->base) : NULL;
    t->def.preset = def->preset != NULL ? xstrdup(def->preset) : NULL;
    t->def.note = xstrdup(def->note != NULL ? def->note : "");
    if (def->kind == TARGET_CAP) {
        t->ok = 1;
        t->target_value = num(def->value);
        calc_restate(fs, c, n, NULL, lang);
        target_steps(t, c, ys, n);
        return;
    }
    if (def->base != NULL) {
        if (plan_base_parse(def->base, lang, &own, &why) != ERR_OK) {
            t->missing = why;
            return;
        }
        wb = &own;
    }
    base_resolve(wb, c, ys, n, complete, cur_year, lang, &t->base);
    base_restate(fs, &t->base, c, ys, n, lang);
    if (t->base.set && t->base.nyears > 0)
        t->base_year = t->base.years[t->base.nyears - 1];
    if ((t->missing = lacks(&t->base, c, ys, n, k, lang)) != NULL)
        return;
    years = def->target_year - t->base_year;
    if (years < 1) {
        t->missing = xasprintf(TR(lang, "目标年（%d）须晚于基准年（%d）",
                                  "the target year (%d) must come after the base year (%d)"),
                               def->target_year, t->base_year);
        return;
    }
    if (def->kind == TARGET_RATE) {
        t->annual_pct = def->value;
        t->reduction_pct = plan_overall(def->value / 100.0, years) * 100.0;
    } else {
        t->reduction_pct = def->value;
        t->annual_pct = plan_annual(def->value / 100.0, years) * 100.0;
    }
    t->ok = 1;
    t->base_value = t->base.rep[k];
    t->target_value = num(t->base_value.v * (1.0 - t->reduction_pct / 100.0));
    target_steps(t, c, ys, n);
}

static void
year_build(struct perf *p, const struct calc *c, const struct wb_year *ys, size_t n,
           const int *complete, size_t i)
{
    struct perf_year *py = &p->years[i];
    size_t k;

    py->year = ys[i].year;
    py->computed = c[i].rep_ok;
    py->complete = c[i].rep_ok && (complete == NULL || complete[i]);
    py->why = c[i].why != NULL ? xstrdup(c[i].why) : NULL;
    degree_days(&ys[i], &py->has_hdd, &py->hdd, &py->has_cdd, &py->cdd);
    calc_figures(&c[i], 0, py->rep);
    calc_figures(&c[i], 1, py->lfl);
    for (k = 0; k < PK__COUNT; k++) {
        py->base_pct[k] = pct(py->rep[k], p->base.rep[k]);
        py->base_lfl_pct[k] = pct(py->lfl[k], p->base.lfl[k]);
        if (i > 0) {
            py->prev_pct[k] = pct(py->rep[k], p->years[i - 1].rep[k]);
            py->prev_lfl_pct[k] = pct(py->lfl[k], p->years[i - 1].lfl[k]);
        }
    }
    effects(&p->base, c, ys, n, i, py);
}

/* The performance from c (the years' reports there); takes c over. */
static enum err
build(const struct form_set *fs, struct calc *c, const struct wb_year *ys, size_t n,
      const int *complete, const struct wb_plan *plan, int cur_year, enum lang lang,
      struct perf *p)
{
    size_t i;

    if (plan != NULL) {
        p->targets = xcalloc(plan->ntargets > 0 ? plan->ntargets : 1, sizeof *p->targets);
        for (i = 0; i < plan->ntargets; i++)
            target_build(fs, &plan->targets[i], plan_base(plan), c, ys, n, complete, cur_year,
                         lang, &p->targets[p->ntargets++]);
        for (i = 0; i < plan->nmeasures; i++)
            if (plan->measures[i].has_expected)
                p->expected_tco2e += plan->measures[i].expected_tco2e;
        p->history = xcalloc(plan->nbases > 0 ? plan->nbases : 1, sizeof *p->history);
        for (i = 0; i < plan->nbases; i++) {
            p->history[i] = plan->bases[i];
            p->history[i].reason = xstrdup(plan->bases[i].reason != NULL ? plan->bases[i].reason : "");
            p->history[i].at = plan->bases[i].at != NULL ? xstrdup(plan->bases[i].at) : NULL;
        }
        p->nhistory = plan->nbases;
    }
    base_resolve(plan_base(plan), c, ys, n, complete, cur_year, lang, &p->base);
    base_restate(fs, &p->base, c, ys, n, lang);
    p->years = xcalloc(n, sizeof *p->years);
    p->nyears = n;
    for (i = 0; i < n; i++)
        year_build(p, c, ys, n, complete, i);
    calc_free(c, n);
    return ERR_OK;
}

/* The start of perf_build*: p emptied, its year found, c allocated (NULL on error). */
static struct calc *
start(const struct wb_year *ys, size_t n, const struct wb_plan *plan, int cur_year,
      enum lang lang, struct perf *p, char **cause)
{
    struct calc *c;
    size_t i;

    memset(p, 0, sizeof *p);
    p->lang = lang;
    if ((p->cur = index_of(ys, n, cur_year)) == n) {
        *cause = xasprintf(TR(lang, "没有 %d 年度", "there is no year %d"), cur_year);
        return NULL;
    }
    c = xcalloc(n > 0 ? n : 1, sizeof *c);
    for (i = 0; i < n; i++) {
        c[i].y = &ys[i];
        c[i].plan = plan;
    }
    return c;
}

enum err
perf_build(const struct form_set *fs, const struct wb_year *ys, size_t n, const int *complete,
           const struct wb_plan *plan, int cur_year, enum lang lang, struct perf *p, char **cause)
{
    struct calc *c;
    size_t i;

    if ((c = start(ys, n, plan, cur_year, lang, p, cause)) == NULL)
        return ERR_NOTFOUND;
    for (i = 0; i < n; i++) {
        c[i].rep_ok = report_build(fs, &ys[i], 1, ys[i].year, lang, &c[i].rep, &c[i].why) == ERR_OK;
        c[i].rep_owned = 1;
    }
    return build(fs, c, ys, n, complete, plan, cur_year, lang, p);
}

enum err
perf_build_from(const struct form_set *fs, const struct wb_year *ys, const struct report *reps,
                const char *const *whys, size_t n, const int *complete,
                const struct wb_plan *plan, int cur_year, enum lang lang, struct perf *p,
                char **cause)
{
    struct calc *c;
    size_t i;

    if ((c = start(ys, n, plan, cur_year, lang, p, cause)) == NULL)
        return ERR_NOTFOUND;
    for (i = 0; i < n; i++) {
        if ((c[i].rep_ok = reps[i].nyears > 0))
            c[i].rep = reps[i];         /* the caller's, read only */
        else
            c[i].why = whys[i] != NULL ? xstrdup(whys[i]) : NULL;
    }
    return build(fs, c, ys, n, complete, plan, cur_year, lang, p);
}

void
perf_free(struct perf *p)
{
    size_t i;

    for (i = 0; i < p->nyears; i++) {
        free(p->years[i].why);
        free(p->years[i].effects);
    }
    free(p->years);
    for (i = 0; i < p->ntargets; i++) {
        plan_target_free(&p->targets[i].def);
        base_free(&p->targets[i].base);
        free(p->targets[i].missing);
        free(p->targets[i].steps);
    }
    free(p->targets);
    for (i = 0; i < p->nhistory; i++)
        plan_base_free(&p->history[i]);
    free(p->history);
    base_free(&p->base);
    memset(p, 0, sizeof *p);
}

const struct perf_step *
perf_step(const struct perf_target *t, int y)
{
    size_t i;

    for (i = 0; i < t->nsteps; i++)
        if (t->steps[i].year == y)
            return &t->steps[i];
    return NULL;
}

const struct perf_target *
perf_total_target(const struct perf *p)
{
    size_t i;

    for (i = 0; i < p->ntargets; i++)
        if (p->targets[i].def.param == PARAM_TOTAL && p->targets[i].ok)
            return &p->targets[i];
    return NULL;
}

const struct perf_year *
perf_find(const struct perf *p, int y)
{
    size_t i;

    for (i = 0; i < p->nyears; i++)
        if (p->years[i].year == y)
            return &p->years[i];
    return NULL;
}

const struct perf_year *
perf_cur(const struct perf *p)
{
    return &p->years[p->cur];
}
