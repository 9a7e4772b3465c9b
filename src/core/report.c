/* report.c - the figures of tables A.1–A.6 and the monthly detail, from the model and the engine. */
#include "core/report.h"

#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "base/period.h"
#include "base/strbuf.h"
#include "base/xmem.h"

static const char *
source_label(const struct source_def *src, enum lang lang)
{
    return lang == LANG_EN ? src->en : src->zh;
}

/* "低位发热量 389.31 GJ/万m³ × 单位热值含碳量 0.01532 tC/GJ × 碳氧化率 99% × 44/12", or NULL. */
static char *
derivation(const struct factor_pin *pin, enum lang lang)
{
    char unit[64];

    if (pin->ncv <= 0 || pin->cc <= 0 || pin->ox <= 0)
        return NULL;
    if (lang == LANG_EN)   /* "GJ/万m³" reads "GJ/10⁴m³" */
        return xasprintf("NCV %.9g %s × carbon content %.9g tC/GJ × oxidation %.9g%% × 44/12",
                         pin->ncv, units_text(pin->ncv_unit, 1, unit, sizeof(unit)), pin->cc,
                         pin->ox * 100);
    return xasprintf("低位发热量 %.9g %s × 单位热值含碳量 %.9g tC/GJ × 碳氧化率 %.9g%% × 44/12",
                     pin->ncv, pin->ncv_unit ? pin->ncv_unit : "", pin->cc, pin->ox * 100);
}

/* The distinct 数据来源 texts of every row of src, in entry order, joined by "；". */
static char *
data_sources(const struct wb_year *y, const struct source_def *src)
{
    struct strbuf sb = {0};
    const char *last = NULL;   /* the text seen last: already in sb (rows mostly share one) */
    size_t i, j;

    sb_append(&sb, "");
    for (i = 0; i < y->nentries; i++) {
        if (y->entries[i].src != src)
            continue;
        for (j = 0; j < y->entries[i].nacts; j++) {
            const char *ds = y->entries[i].acts[j].data_source;
            const char *hit;
            size_t n;

            if (ds == NULL || ds[0] == '\0' || (last != NULL && strcmp(ds, last) == 0))
                continue;
            last = ds;
            n = strlen(ds);
            for (hit = strstr(sb.s, ds); hit != NULL; hit = strstr(hit + 1, ds))
                if ((hit == sb.s || (hit - sb.s >= 3 && strncmp(hit - 3, "；", 3) == 0))
                    && (hit[n] == '\0' || strncmp(hit + n, "；", 3) == 0))
                    break;
            if (hit != NULL)
                continue;
            if (sb.len > 0)
                sb_append(&sb, "；");
            sb_append(&sb, ds);
        }
    }
    return sb_take(&sb);
}

/* Whether some row of src in year y was entered in litres. */
static int
entered_in_litres(const struct wb_year *y, const struct source_def *src)
{
    size_t i, j;

    for (i = 0; i < y->nentries; i++)
        for (j = 0; y->entries[i].src == src && j < y->entries[i].nacts; j++)
            if (strcmp(y->entries[i].acts[j].unit, "L") == 0)
                return 1;
    return 0;
}

/*
 * Marks the months of src that are 不适用 in every entry that has them: covered by rows marked
 * so, by no value.
 */
static void
months_na(const struct wb_year *y, const struct source_def *src, int na[12])
{
    int value[13] = {0}, marked[13] = {0}, first, last, m;
    size_t i, j;

    for (i = 0; i < y->nentries; i++)
        for (j = 0; y->entries[i].src == src && j < y->entries[i].nacts; j++) {
            const struct wb_activity *a = &y->entries[i].acts[j];

            if (a->period.year != y->year)
                continue;
            period_months(&a->period, &first, &last);
            for (m = first; m <= last; m++)
                (a->na ? marked : value)[m] = 1;
        }
    for (m = 1; m <= 12; m++)
        na[m - 1] = marked[m] && !value[m];
}

/*
 * The periods of one year as period_format writes them, each formatted once: a year's rows name
 * the same 17 periods over and over (snprintf for each was a third of copying the rows).
 */
struct period_texts {
    int year;                     /* of the texts held; 0: none yet */
    char text[17][16];            /* months 1-12, quarters 1-4, the year */
    unsigned char have[17];
};

static void
period_text(struct period_texts *pt, const struct period *p, char *buf, size_t size)
{
    int k = p->kind == PERIOD_MONTH ? p->index - 1 : p->kind == PERIOD_QUARTER ? 11 + p->index : 16;

    if (pt == NULL || k < 0 || k > 16 || size > sizeof(pt->text[0])
        || (p->kind != PERIOD_YEAR && p->kind != PERIOD_MONTH && p->kind != PERIOD_QUARTER)) {
        period_format(p, buf, (unsigned)size);
        return;
    }
    if (pt->year != p->year) {
        memset(pt->have, 0, sizeof(pt->have));
        pt->year = p->year;
    }
    if (!pt->have[k]) {
        period_format(p, pt->text[k], (unsigned)size);
        pt->have[k] = 1;
    }
    memcpy(buf, pt->text[k], size);
}

/* The A.5 rows of entry en, as entered (pt: periods formatted before, or NULL). */
static void
fill_acts(struct report_entry *re, const struct wb_entry *en, struct period_texts *pt)
{
    size_t j;

    re->nacts = en->nacts;
    re->acts = xcalloc(en->nacts ? en->nacts : 1, sizeof(*re->acts));
    for (j = 0; j < en->nacts; j++) {
        const struct wb_activity *a = &en->acts[j];
        struct report_act *ra = &re->acts[j];

        period_text(pt, &a->period, ra->period, sizeof(ra->period));
        ra->quantity = a->quantity;
        ra->na = a->na;
        ra->unit = xstrdup(a->unit);
        ra->data_source = xstrdup(a->data_source ? a->data_source : "");
        ra->note = xstrdup(a->note ? a->note : "");
    }
}

/*
 * The A.2/A.6 row of engine source es into rs. What comes of the source's A.5 rows (数据来源,
 * litres, the months 不适用) is taken over from kept when given (its rows did not change: kept's
 * data_source is moved, left NULL), else gathered from y.
 */
static void
fill_source(struct report_source *rs, const struct engine_source *es, const struct wb_year *y,
            enum lang lang, struct report_source *kept)
{
    char fu[64];

    rs->src = es->src;
    rs->cat = es->src->cat;
    rs->scope = factors_cat_scope(es->src->cat);
    rs->category = factors_cat_label(es->src->cat, lang == LANG_EN);
    rs->label = source_label(es->src, lang);
    rs->quantity = es->quantity;
    rs->unit = xstrdup(es->unit->sym);
    rs->activity = es->activity;
    rs->activity_unit = xstrdup(es->pin->unit);
    rs->tco2e = es->tco2e;
    rs->tce = es->tce;
    rs->is_energy = es->pin->coal > 0;
    rs->factor = es->pin->value;
    factors_unit_text(es->src, es->pin->unit, fu, sizeof(fu));
    rs->factor_unit = xstrdup(fu);
    rs->factor_source = xstrdup(es->pin->source_text ? es->pin->source_text : "");
    rs->derivation = derivation(es->pin, lang);
    rs->flag = es->src->flag != NULL && !es->pin->overridden ? xstrdup(es->src->flag) : NULL;
    rs->overridden = es->pin->overridden;
    if (kept != NULL) {
        rs->data_source = kept->data_source;
        kept->data_source = NULL;
    } else {
        rs->data_source = data_sources(y, es->src);
    }
    rs->coal = es->pin->coal;
    rs->coal_unit = xstrdup(es->pin->coal > 0 && es->pin->coal_unit ? es->pin->coal_unit : "");
    rs->coal_source = es->src->coal_source;
    rs->density = es->pin->density;
    rs->density_note = es->src->density_note;
    rs->litres = kept != NULL ? kept->litres : entered_in_litres(y, es->src);
    memcpy(rs->month_quantity, es->month_quantity, sizeof(rs->month_quantity));
    memcpy(rs->month_tco2e, es->month_tco2e, sizeof(rs->month_tco2e));
    if (kept != NULL)
        memcpy(rs->month_na, kept->month_na, sizeof(rs->month_na));
    else
        months_na(y, es->src, rs->month_na);
    memcpy(rs->quarter_quantity, es->quarter_quantity, sizeof(rs->quarter_quantity));
    memcpy(rs->quarter_tco2e, es->quarter_tco2e, sizeof(rs->quarter_tco2e));
    rs->annual_quantity = es->annual_quantity;
    rs->annual_tco2e = es->annual_tco2e;
}

static void year_free(struct report_year *r);

/* The A.3 row of entry en and its A.5 rows, into re (zeroed); pt as fill_acts'. */
static void
fill_entry(struct report_entry *re, const struct wb_entry *en, enum lang lang,
           struct period_texts *pt)
{
    re->src = en->src;    /* engine_compute refused unknown sources */
    re->category = factors_cat_label(en->src->cat, lang == LANG_EN);
    re->source = source_label(en->src, lang);
    re->facility = xstrdup(en->facility ? en->facility : "");
    re->location = xstrdup(en->location ? en->location : "");
    re->note = xstrdup(en->note ? en->note : "");
    fill_acts(re, en, pt);
}

static void
entry_free(struct report_entry *en)
{
    size_t j;

    for (j = 0; j < en->nacts; j++) {
        free(en->acts[j].unit);
        free(en->acts[j].data_source);
        free(en->acts[j].note);
    }
    free(en->acts);
    free(en->facility);
    free(en->location);
    free(en->note);
}

static void
source_free(struct report_source *s)
{
    free(s->unit);
    free(s->activity_unit);
    free(s->factor_unit);
    free(s->factor_source);
    free(s->derivation);
    free(s->flag);
    free(s->data_source);
    free(s->coal_unit);
}

/*
 * The kept source of src among old (n of them) when its rows did not change: none of the
 * entries flagged in dirty is of src. NULL when there are no kept sources.
 */
static struct report_source *
kept_source(struct report_source *old, size_t n, const struct source_def *src,
            const struct wb_year *y, const unsigned char *dirty)
{
    size_t i;

    if (old == NULL)
        return NULL;
    for (i = 0; i < y->nentries; i++)
        if (dirty[i] && y->entries[i].src == src)
            return NULL;    /* a byte a row: cheap beside gathering the source's rows again */
    for (i = 0; i < n; i++)
        if (old[i].src == src)
            return &old[i];
    return NULL;
}

/*
 * The sources of A.2, A.4-A.6 and the year's totals from the engine's res, into r; old (n of
 * them, or NULL) are the sources r held before the entries flagged in dirty changed.
 */
static void
fill_figures(struct report_year *r, const struct engine_result *res, const struct wb_year *y,
             enum lang lang, struct report_source *old, size_t nold, const unsigned char *dirty)
{
    size_t i;
    int m;

    r->nsources = res->nsources;
    r->sources = xcalloc(res->nsources ? res->nsources : 1, sizeof(*r->sources));
    memset(r->month_tco2e, 0, sizeof(r->month_tco2e));
    memset(r->quarter_tco2e, 0, sizeof(r->quarter_tco2e));
    r->annual_tco2e = 0;
    for (i = 0; i < res->nsources; i++) {
        fill_source(&r->sources[i], &res->sources[i], y, lang,
                    kept_source(old, nold, res->sources[i].src, y, dirty));
        for (m = 0; m < 12; m++)
            r->month_tco2e[m] += res->sources[i].month_tco2e[m];
        for (m = 0; m < 4; m++)
            r->quarter_tco2e[m] += res->sources[i].quarter_tco2e[m];
        r->annual_tco2e += res->sources[i].annual_tco2e;
    }
    r->total_tco2e = res->total_tco2e;
    r->scope1_tco2e = res->scope1_tco2e;
    r->scope2_tco2e = res->scope2_tco2e;
    memcpy(r->cat_tco2e, res->cat_tco2e, sizeof(r->cat_tco2e));
    r->energy_tce = res->energy_tce;
    r->has_area = res->has_area;
    r->has_headcount = res->has_headcount;
    r->building_area_m2 = res->building_area_m2;
    r->headcount = res->headcount;
    r->intensity_kgco2e_per_m2 = res->intensity_kgco2e_per_m2;
    r->per_capita_tco2e = res->per_capita_tco2e;
}

/* The report of one year into *r (memo: engine_compute_memo's, or NULL); on error nothing is
   left to free. */
static enum err
year_build(const struct form_set *fs, const struct wb_year *y, enum lang lang,
           struct engine_memo **memo, struct report_year *r, char **cause)
{
    const struct form_def *a1 = forms_get(fs, "A.1");
    struct engine_result res;
    struct period_texts *pt;
    const char *name;
    size_t i;
    enum err e;

    memset(r, 0, sizeof(*r));
    r->lang = lang;
    r->year = y->year;
    if ((e = engine_compute_memo(y, memo, NULL, &res, cause)) != ERR_OK)
        return e;
    r->ok = 1;
    name = model_info(y, "unit_name");
    r->unit_name = xstrdup(name ? name : "");
    r->grid_area = xstrdup(y->grid_area ? y->grid_area : "");
    r->gwp_set = xstrdup(y->gwp_set ? y->gwp_set : "");

    r->ninfo = a1 != NULL ? a1->nfields : 0;
    r->info = xcalloc(r->ninfo ? r->ninfo : 1, sizeof(*r->info));
    for (i = 0; i < r->ninfo; i++) {
        const char *v = model_info(y, a1->fields[i].key);

        r->info[i].fd = &a1->fields[i];
        r->info[i].label = forms_label(&a1->fields[i], lang);
        r->info[i].value = v != NULL && v[0] != '\0' ? xstrdup(v) : NULL;
    }

    r->nentries = y->nentries;
    r->entries = xcalloc(y->nentries ? y->nentries : 1, sizeof(*r->entries));
    pt = xcalloc(1, sizeof(*pt));
    for (i = 0; i < y->nentries; i++)
        fill_entry(&r->entries[i], &y->entries[i], lang, pt);
    free(pt);
    fill_figures(r, &res, y, lang, NULL, 0, NULL);
    engine_result_free(&res);
    return ERR_OK;
}

static int
cmp_year(const void *a, const void *b)
{
    const struct report_year *x = a, *y = b;

    return (x->year > y->year) - (x->year < y->year);
}

static enum err
build(const struct form_set *fs, const struct wb_year *ys, size_t n, int cur_year,
      enum lang lang, struct engine_memo **memo, struct report *r, char **cause)
{
    size_t i;
    enum err e;
    char *why;

    memset(r, 0, sizeof(*r));
    r->lang = lang;
    for (i = 0; i < n && ys[i].year != cur_year; i++)
        ;
    if (i == n) {
        *cause = xasprintf("没有 %d 年度", cur_year);
        return ERR_NOTFOUND;
    }
    r->years = xcalloc(n, sizeof(*r->years));
    for (i = 0; i < n; i++) {
        struct report_year *ry = &r->years[r->nyears];

        why = NULL;
        if ((e = year_build(fs, &ys[i], lang, ys[i].year == cur_year ? memo : NULL, ry, &why))
            != ERR_OK) {
            if (ys[i].year == cur_year) {
                *cause = why;
                report_free(r);
                return e;
            }
            year_free(ry);
            ry->lang = lang;
            ry->year = ys[i].year;
            ry->why = why;
        }
        r->nyears++;
    }
    qsort(r->years, r->nyears, sizeof(*r->years), cmp_year);
    for (i = 0; r->years[i].year != cur_year; i++)
        ;
    r->cur = i;
    return ERR_OK;
}

enum err
report_build(const struct form_set *fs, const struct wb_year *ys, size_t n, int cur_year,
             enum lang lang, struct report *r, char **cause)
{
    return build(fs, ys, n, cur_year, lang, NULL, r, cause);
}

enum err
report_build_memo(const struct form_set *fs, const struct wb_year *y, enum lang lang,
                  struct engine_memo **memo, struct report *r, char **cause)
{
    engine_memo_free(*memo);
    *memo = NULL;
    return build(fs, y, 1, y->year, lang, memo, r, cause);
}

enum err
report_update(const struct wb_year *y, struct engine_memo **memo, const unsigned char *dirty,
              struct report *r, char **cause)
{
    struct report_year *ry = &r->years[r->cur];
    struct report_source *old;
    struct engine_result res;
    size_t i, nold;
    enum err e;

    if ((e = engine_compute_memo(y, memo, dirty, &res, cause)) != ERR_OK) {
        report_free(r);
        return e;
    }
    for (i = 0; i < ry->nentries; i++)
        if (dirty[i]) {
            entry_free(&ry->entries[i]);
            memset(&ry->entries[i], 0, sizeof(ry->entries[i]));
            fill_entry(&ry->entries[i], &y->entries[i], ry->lang, NULL);
        }
    old = ry->sources;
    nold = ry->nsources;
    fill_figures(ry, &res, y, ry->lang, old, nold, dirty);
    for (i = 0; i < nold; i++)
        source_free(&old[i]);
    free(old);
    engine_result_free(&res);
    return ERR_OK;
}

void
report_free(struct report *r)
{
    size_t i;

    for (i = 0; i < r->nyears; i++)
        year_free(&r->years[i]);
    free(r->years);
    memset(r, 0, sizeof(*r));
}

const struct report_year *
report_cur(const struct report *r)
{
    return &r->years[r->cur];
}

const struct report_year *
report_find(const struct report *r, int y)
{
    size_t i;

    for (i = 0; i < r->nyears; i++)
        if (r->years[i].year == y)
            return &r->years[i];
    return NULL;
}

/* Frees what one year holds and zeroes it. */
static void
year_free(struct report_year *r)
{
    size_t i;

    for (i = 0; i < r->ninfo; i++)
        free(r->info[i].value);
    for (i = 0; i < r->nentries; i++)
        entry_free(&r->entries[i]);
    for (i = 0; i < r->nsources; i++)
        source_free(&r->sources[i]);
    free(r->info);
    free(r->entries);
    free(r->sources);
    free(r->unit_name);
    free(r->grid_area);
    free(r->gwp_set);
    free(r->why);
    memset(r, 0, sizeof(*r));
}

const char *
report_info(const struct report_year *r, const char *key)
{
    size_t i;

    for (i = 0; i < r->ninfo; i++)
        if (strcmp(r->info[i].fd->key, key) == 0)
            return r->info[i].value;
    return NULL;
}

const struct report_source *
report_source(const struct report_year *r, const char *id)
{
    size_t i;

    for (i = 0; i < r->nsources; i++)
        if (strcmp(r->sources[i].src->id, id) == 0)
            return &r->sources[i];
    return NULL;
}
