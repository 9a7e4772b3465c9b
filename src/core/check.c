/*
 * check.c - completeness and anomaly checks for one reporting year: every rule once. Each finding
 * is said in Chinese and in English (add, then add_en). The reviewer's checks (plausible
 * figures, the year before) are in check_review.c.
 */
#include "core/check.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/check_internal.h"
#include "core/engine.h"
#include "base/strbuf.h"
#include "base/text.h"
#include "base/xmem.h"

static const struct {
    const char *id;
    enum check_level level;
    const char *form_id;
} codes[] = {
    [CHECK_A1_MISSING] = {"A1_MISSING", CHECK_ERROR, "A.1"},
    [CHECK_A1_INVALID] = {"A1_INVALID", CHECK_ERROR, "A.1"},
    [CHECK_A3_EMPTY] = {"A3_EMPTY", CHECK_ERROR, "A.3"},
    [CHECK_A3_UNKNOWN] = {"A3_UNKNOWN", CHECK_ERROR, "A.3"},
    [CHECK_A5_NO_DATA] = {"A5_NO_DATA", CHECK_ERROR, "A.5"},
    [CHECK_A5_OTHER_YEAR] = {"A5_OTHER_YEAR", CHECK_ERROR, "A.5"},
    [CHECK_A5_OVERLAP] = {"A5_OVERLAP", CHECK_ERROR, "A.5"},
    [CHECK_A5_NO_SOURCE] = {"A5_NO_SOURCE", CHECK_WARNING, "A.5"},
    [CHECK_A5_GAP] = {"A5_GAP", CHECK_WARNING, "A.5"},
    [CHECK_A5_SWING] = {"A5_SWING", CHECK_WARNING, "A.5"},
    [CHECK_A6_MISSING] = {"A6_MISSING", CHECK_ERROR, "A.6"},
    [CHECK_A6_NO_SOURCE] = {"A6_NO_SOURCE", CHECK_ERROR, "A.6"},
    [CHECK_A6_INVALID] = {"A6_INVALID", CHECK_ERROR, "A.6"},
    [CHECK_A6_CAUTION] = {"A6_CAUTION", CHECK_WARNING, "A.6"},
    [CHECK_A4_UNCOMPUTABLE] = {"A4_UNCOMPUTABLE", CHECK_ERROR, "A.4"},
    [CHECK_A4_INTENSITY] = {"A4_INTENSITY", CHECK_WARNING, "A.4"},
    [CHECK_A5_UNIT_SCALE] = {"A5_UNIT_SCALE", CHECK_WARNING, "A.5"},
    [CHECK_A5_YEAR_CHANGE] = {"A5_YEAR_CHANGE", CHECK_WARNING, "A.5"},
    [CHECK_A1_YEAR_CHANGE] = {"A1_YEAR_CHANGE", CHECK_WARNING, "A.1"},
    [CHECK_A1_ASKED] = {"A1_ASKED", CHECK_WARNING, "A.1"},
};

const char *
check_code_id(enum check_code code)
{
    return (unsigned)code < nitems(codes) ? codes[code].id : "?";
}

static void add(struct check_report *rep, enum check_code code, const struct check_where *at,
                const char *fmt, ...) XMEM_PRINTF(4, 5);

/* A new finding of code at `at` (NULL: the form as a whole); its level and form come from code. */
static struct check_item *
push(struct check_report *rep, enum check_code code, const struct check_where *at)
{
    struct check_item *it;

    rep->items = xgrow(rep->items, &rep->cap, rep->n + 1, sizeof(*rep->items));
    it = &rep->items[rep->n++];
    memset(it, 0, sizeof(*it));
    if (at != NULL)
        it->at = *at;
    it->at.form_id = it->form_id = codes[code].form_id;
    it->code = code;
    it->level = codes[code].level;
    if (it->level == CHECK_ERROR)
        rep->nerrors++;
    else
        rep->nwarnings++;
    return it;
}

/* Adds a finding of code at `at` with its Chinese message; add_en gives it the English one. */
static void
add(struct check_report *rep, enum check_code code, const struct check_where *at,
    const char *fmt, ...)
{
    struct check_item *it = push(rep, code, at);
    va_list ap;

    va_start(ap, fmt);
    it->msg = xvasprintf(fmt, ap);
    va_end(ap);
}

void
check_add(struct check_report *rep, enum check_code code, const struct check_where *at, char *zh,
          char *en)
{
    struct check_item *it = push(rep, code, at);

    it->msg = zh;
    it->msg_en = en;
}

static void add_en(struct check_report *rep, const char *fmt, ...) XMEM_PRINTF(2, 3);

/* Gives the finding added last its English message. */
static void
add_en(struct check_report *rep, const char *fmt, ...)
{
    struct check_item *it = &rep->items[rep->n - 1];
    va_list ap;

    free(it->msg_en);
    va_start(ap, fmt);
    it->msg_en = xvasprintf(fmt, ap);
    va_end(ap);
}

const char *
check_msg(const struct check_item *it, enum lang lang)
{
    return lang == LANG_EN && it->msg_en != NULL ? it->msg_en : it->msg;
}

struct check_num
check_num(double v, int decimals)
{
    struct check_num n;

    text_format_number(v, decimals, n.s, sizeof(n.s));
    return n;
}

/* "天然气（炉灶）" or "天然气": an entry's name in messages. */
static char *
entry_name(const struct wb_entry *e)
{
    const char *name = e->src != NULL ? e->src->zh : e->source_id;

    if (e->facility[0] != '\0')
        return xasprintf("%s（%s）", name, e->facility);
    return xstrdup(name);
}

/* "Natural gas (炉灶)": the same in English. */
static char *
entry_name_en(const struct wb_entry *e)
{
    const char *name = e->src != NULL ? e->src->en : e->source_id;

    if (e->facility[0] != '\0')
        return xasprintf("%s (%s)", name, e->facility);
    return xstrdup(name);
}

/* An entry's names in its findings, made when a first finding needs them (most entries have none). */
struct entry_names {
    const struct wb_entry *e;
    char *zh, *en;
};

static const char *
name_zh(struct entry_names *n)
{
    if (n->zh == NULL)
        n->zh = entry_name(n->e);
    return n->zh;
}

static const char *
name_en(struct entry_names *n)
{
    if (n->en == NULL)
        n->en = entry_name_en(n->e);
    return n->en;
}

static void
check_info(const struct form_set *fs, const struct wb_year *y, struct check_report *rep)
{
    const struct form_def *f = forms_get(fs, "A.1");
    size_t i;

    if (f == NULL)
        return;
    for (i = 0; i < f->nfields; i++) {
        const struct field_def *fd = &f->fields[i];
        const char *v = model_info(y, fd->key);
        char *why = NULL;
        double num;
        struct check_where at = {.field = fd->key};

        if (v == NULL || v[0] == '\0') {
            if (fd->required) {
                add(rep, CHECK_A1_MISSING, &at, "%s：缺少“%s”", f->title_zh, fd->zh);
                add_en(rep, "%s: “%s” is missing", f->title_en, fd->en);
            } else if (fd->asked) {
                add(rep, CHECK_A1_ASKED, &at, "%s：未填写“%s”（可不填，但汇总各单位时用它识别本单位）",
                    f->title_zh, fd->zh);
                add_en(rep, "%s: “%s” is not filled in (optional, but a roll-up of many "
                       "organizations identifies this one by it)", f->title_en, fd->en);
            }
            continue;
        }
        if (forms_validate(fd, v, &num, &why) != ERR_OK) {
            add(rep, CHECK_A1_INVALID, &at, "%s：%s", f->title_zh, why);
            add_en(rep, "%s: “%s” holds “%s”, which is not a valid value", f->title_en, fd->en, v);
            free(why);
        }
    }
}

/*
 * The median of en's months of self's year entered in self's unit (none 不适用) into *med; 0 when
 * there are fewer than CHECK_SWING_MIN_MONTHS of them. At most 12 numbers: an insertion sort.
 */
static int
swing_median(const struct wb_entry *en, const struct wb_activity *self, double *med)
{
    double months[12], v;
    size_t i, j, n = 0;

    /* the months entered in the same unit: a month in m³ says nothing about one in 万m³; a month
       不适用 (heating in summer) is no usual month */
    for (i = 0; i < en->nacts && n < nitems(months); i++) {
        const struct wb_activity *a = &en->acts[i];

        if (a->period.kind == PERIOD_MONTH && a->period.year == self->period.year && !a->na
            && strcmp(a->unit, self->unit) == 0) {
            v = a->quantity;
            for (j = n++; j > 0 && months[j - 1] > v; j--)
                months[j] = months[j - 1];
            months[j] = v;
        }
    }
    if (n < CHECK_SWING_MIN_MONTHS)
        return 0;
    *med = n % 2 ? months[n / 2] : (months[n / 2 - 1] + months[n / 2]) / 2;
    return 1;
}

/* Whether month self is far off the median med. */
static int
swings(const struct wb_activity *self, double med)
{
    if (med <= 0)
        return 0;
    return self->quantity > med * CHECK_SWING_RATIO || self->quantity < med / CHECK_SWING_RATIO;
}

int
check_swing(const struct wb_entry *en, int month, double *median)
{
    const struct wb_activity *self = NULL;
    double med;
    size_t i;

    for (i = 0; i < en->nacts; i++)
        if (en->acts[i].period.kind == PERIOD_MONTH && en->acts[i].period.index == month)
            self = &en->acts[i];
    if (self == NULL || self->na || !swing_median(en, self, &med))
        return 0;
    if (median != NULL)
        *median = med;
    return swings(self, med);
}

/*
 * Flags months far off the median of the entry's other months (the standard's 异常波动). The
 * median is taken once per unit of the row, not once per month (a row has one unit, as a rule).
 */
static void
check_swings(const struct wb_entry *e, struct entry_names *nm, struct check_report *rep)
{
    const struct wb_activity *last = NULL;
    size_t i;
    double median = 0;
    int has = 0;

    for (i = 0; i < e->nacts; i++) {
        const struct wb_activity *a = &e->acts[i];
        struct check_where at = {.entry_id = e->id, .source_id = e->source_id, .field = "quantity",
                                 .has_period = 1, .period = a->period};

        if (a->period.kind != PERIOD_MONTH || a->na)
            continue;
        if (last == NULL || a->period.year != last->period.year || strcmp(a->unit, last->unit) != 0) {
            has = swing_median(e, a, &median);
            last = a;
        }
        if (has && swings(a, median)) {
            add(rep, CHECK_A5_SWING, &at,
                "表A.5：%s %d-%02d 的数量 %s %s 与各月的中位数 %s 相差超过 %s 倍（异常波动），请核对",
                name_zh(nm), a->period.year, a->period.index, CHECK_N(a->quantity), a->unit,
                CHECK_N(median), CHECK_N(CHECK_SWING_RATIO));
            add_en(rep, "Table A.5: %s %d-%02d: %s %s is more than %s times off the months' "
                   "median %s (unusual swing); please check", name_en(nm), a->period.year,
                   a->period.index, CHECK_N(a->quantity), a->unit, CHECK_N(CHECK_SWING_RATIO),
                   CHECK_N(median));
        }
    }
}

const struct wb_activity *
check_overlap(const struct wb_entry *en, const struct period *p)
{
    size_t i;

    for (i = 0; i < en->nacts; i++)
        if (period_overlap(&en->acts[i].period, p) && period_cmp(&en->acts[i].period, p) != 0)
            return &en->acts[i];
    return NULL;
}

/* The last month a span covers, counted from year 0. */
static int
span_end(const struct check_span *s)
{
    int first, last;

    period_months(&s->p, &first, &last);
    return s->p.year * 12 + last;
}

static int
cmp_span(const void *a, const void *b)
{
    const struct check_span *x = a, *y = b;
    int c = period_cmp(&x->p, &y->p);

    return c != 0 ? c : (x->tag > y->tag) - (x->tag < y->tag);
}

void
check_overlaps(struct check_span *v, size_t n,
               void (*found)(const struct check_span *a, const struct check_span *b, void *ctx),
               void *ctx)
{
    const struct check_span *widest = NULL;   /* the span reaching furthest so far */
    size_t i;

    /* a year's rows come in period order: sorted already, as a rule */
    for (i = 1; i < n && cmp_span(&v[i - 1], &v[i]) <= 0; i++)
        ;
    if (i < n)
        qsort(v, n, sizeof(*v), cmp_span);
    for (i = 0; i < n; i++) {
        if (widest != NULL && (period_overlap(&widest->p, &v[i].p)
                               || period_cmp(&widest->p, &v[i].p) == 0)) {
            found(widest, &v[i], ctx);
            continue;
        }
        if (widest == NULL || span_end(&v[i]) > span_end(widest))
            widest = &v[i];
    }
}

struct overlap_ctx {
    struct check_report *rep;
    const struct wb_entry *e;
    struct entry_names *nm;
};

static void
entry_overlap(const struct check_span *a, const struct check_span *b, void *arg)
{
    struct overlap_ctx *c = arg;
    struct check_where at = {.entry_id = c->e->id, .source_id = c->e->source_id,
                             .field = "quantity", .has_period = 1, .period = b->p};
    char p1[16], p2[16];

    period_format(&a->p, p1, sizeof(p1));
    period_format(&b->p, p2, sizeof(p2));
    add(c->rep, CHECK_A5_OVERLAP, &at, "表A.5：%s 的期间 %s 与 %s 重叠，会重复计算", name_zh(c->nm),
        p1, p2);
    add_en(c->rep, "Table A.5: %s: the periods %s and %s overlap and would be counted twice",
           name_en(c->nm), p1, p2);
}

static void
check_entry(const struct wb_year *y, const struct wb_entry *e, struct check_report *rep)
{
    struct entry_names nm = {e, NULL, NULL};
    int covered[13] = {0}, nmonths = 0, no_source = 0;
    size_t i, nspans = 0;
    struct strbuf missing = {0}, missing_en = {0};
    struct check_where row = {.entry_id = e->id, .source_id = e->source_id};
    struct check_span *spans = xcalloc(e->nacts + 1, sizeof(*spans));
    struct overlap_ctx oc = {rep, e, &nm};

    if (e->src == NULL) {
        struct check_where at = {.entry_id = e->id, .source_id = e->source_id, .field = "source"};

        add(rep, CHECK_A3_UNKNOWN, &at, "表A.3：排放源“%s”不在因子库中", e->source_id);
        add_en(rep, "Table A.3: the source “%s” is not in the factor library", e->source_id);
    }
    if (e->nacts == 0) {
        add(rep, CHECK_A5_NO_DATA, &row, "表A.5：排放源“%s”没有活动水平数据", name_zh(&nm));
        add_en(rep, "Table A.5: the source “%s” has no activity data", name_en(&nm));
    }
    for (i = 0; i < e->nacts; i++) {
        const struct wb_activity *a = &e->acts[i];
        int first, last, m;

        if (a->period.year != y->year) {
            struct check_where at = row;

            at.has_period = 1;
            at.period = a->period;
            add(rep, CHECK_A5_OTHER_YEAR, &at, "表A.5：%s 的期间 %d 不属于 %d 年度", name_zh(&nm),
                a->period.year, y->year);
            add_en(rep, "Table A.5: %s: the period %d is not in the year %d", name_en(&nm),
                   a->period.year, y->year);
            continue;
        }
        spans[nspans].p = a->period;
        spans[nspans++].tag = i;
        period_months(&a->period, &first, &last);
        for (m = first; m <= last; m++)
            covered[m] = 1;    /* a period 不适用 is covered too: nothing is missing there */
        if (a->data_source[0] == '\0' && !a->na)
            no_source++;       /* no source to name for a period the source does not run */
    }
    check_overlaps(spans, nspans, entry_overlap, &oc);
    if (no_source > 0) {
        struct check_where at = row;

        at.field = "data_source";
        add(rep, CHECK_A5_NO_SOURCE, &at, "表A.5：%s 有 %d 条数据没有填写数据来源（如 电费账单）",
            name_zh(&nm), no_source);
        add_en(rep, "Table A.5: %s: %d %s no data source (such as the bills)", name_en(&nm),
               no_source,
               no_source == 1 ? "value has" : "values have");
    }
    for (i = 1; i <= 12; i++) {
        nmonths += covered[i];
        if (!covered[i] && e->nacts > 0) {
            sb_printf(&missing, "%s%zu", missing.len ? "、" : "", i);
            sb_printf(&missing_en, "%s%zu", missing_en.len ? ", " : "", i);
        }
    }
    if (e->nacts > 0 && nmonths < 12) {
        add(rep, CHECK_A5_GAP, &row, "表A.5：%s 只覆盖 %d 个月，缺 %s 月的数据", name_zh(&nm),
            nmonths,
            missing.s);
        add_en(rep, "Table A.5: %s covers %d months only; months %s are missing", name_en(&nm),
               nmonths,
               missing_en.s);
    }
    check_swings(e, &nm, rep);
    free(spans);
    sb_free(&missing);
    sb_free(&missing_en);
    free(nm.zh);
    free(nm.en);
}

/* A.6 of each source of the inventory, once per source (its first entry says where). */
static void
check_pins(const struct wb_year *y, struct check_report *rep)
{
    struct check_keys ks;
    char *first = xcalloc(y->nentries + 1, 1);
    size_t i;

    check_keys_build(y, &ks);
    check_keys_first(&ks, first);
    check_keys_free(&ks);
    for (i = 0; i < y->nentries; i++) {
        const struct wb_entry *e = &y->entries[i];
        const struct factor_pin *p;
        struct check_where at = {.source_id = e->source_id};

        if (e->src == NULL || !first[i])
            continue;
        p = model_pin(y, e->source_id);
        if (p == NULL) {
            add(rep, CHECK_A6_MISSING, &at, "表A.6：%s 没有排放因子", e->src->zh);
            add_en(rep, "Table A.6: %s has no emission factor", e->src->en);
            continue;
        }
        at.field = "data_source";
        /* said as a missing source, not as missing data: the title row cuts it short */
        if (p->source_text == NULL || p->source_text[0] == '\0') {
            add(rep, CHECK_A6_NO_SOURCE, &at, "表A.6：%s 的排放因子缺少数据来源", e->src->zh);
            add_en(rep, "Table A.6: the emission factor of %s lacks its data source", e->src->en);
        }
        at.field = "data";
        if (!(p->value > 0) || !isfinite(p->value)) {
            add(rep, CHECK_A6_INVALID, &at, "表A.6：%s 的排放因子 %s 无效", e->src->zh,
                CHECK_N(p->value));
            add_en(rep, "Table A.6: the emission factor %s of %s is not valid", CHECK_N(p->value),
                   e->src->en);
        }
        if (e->src->flag != NULL && e->src->flag[0] != '\0' && !p->overridden) {
            add(rep, CHECK_A6_CAUTION, &at, "表A.6：%s：%s", e->src->zh, e->src->flag);
            add_en(rep, "Table A.6: %s: the library marks this factor with a caution (%s)",
                   e->src->en, e->src->flag);
        }
    }
    free(first);
}

/* The checks of y given what the engine made of it: fig, or NULL and why it refused. */
/* The findings of each entry's own rules (check_entry), kept for check_year_memo. */
struct check_memo {
    struct check_report *entries;     /* one per entry of the year, in its order */
    size_t n;
    struct check_report pins;         /* check_pins' findings (pins_ok), which no A.5 value moves */
    int pins_ok;
    struct check_review_memo review;
};

void
check_memo_free(struct check_memo *m)
{
    size_t i;

    if (m == NULL)
        return;
    for (i = 0; i < m->n; i++)
        check_free(&m->entries[i]);
    free(m->entries);
    check_free(&m->pins);
    check_review_memo_free(&m->review);
    free(m);
}

void
check_copy_items(struct check_report *rep, const struct check_report *from)
{
    size_t i;

    for (i = 0; i < from->n; i++) {
        const struct check_item *f = &from->items[i];

        check_add(rep, f->code, &f->at, xstrdup(f->msg), f->msg_en ? xstrdup(f->msg_en) : NULL);
    }
}

/*
 * check_entry of entry i into rep: from m when dirty says it is unchanged (m NULL: no memo),
 * else afresh, and then kept in m.
 */
static void
entry_checked(const struct wb_year *y, size_t i, struct check_memo *m, const unsigned char *dirty,
              struct check_report *rep)
{
    struct check_report *kept;

    if (m == NULL) {
        check_entry(y, &y->entries[i], rep);
        return;
    }
    kept = &m->entries[i];
    if (dirty == NULL || dirty[i]) {
        check_free(kept);
        check_entry(y, &y->entries[i], kept);
    }
    check_copy_items(rep, kept);
}

static void
check_all(const struct form_set *fs, const struct wb_year *y, const struct wb_year *prev,
          const struct check_figures *fig, const char *why, struct check_memo *m,
          const unsigned char *dirty, struct check_report *rep)
{
    size_t i;

    memset(rep, 0, sizeof(*rep));
    check_info(fs, y, rep);
    if (y->nentries == 0) {
        add(rep, CHECK_A3_EMPTY, NULL, "表A.3 碳排放源一览表：还没有任何排放源");
        add_en(rep, "Table A.3 Emission sources: there is no emission source yet");
    }
    for (i = 0; i < y->nentries; i++)
        entry_checked(y, i, m, dirty, rep);
    if (m == NULL) {
        check_pins(y, rep);
    } else {
        /* the pins and the sources of the entries are those of the last computation */
        if (dirty == NULL || !m->pins_ok) {
            check_free(&m->pins);
            check_pins(y, &m->pins);
            m->pins_ok = 1;
        }
        check_copy_items(rep, &m->pins);
    }
    if (fig == NULL) {
        add(rep, CHECK_A4_UNCOMPUTABLE, NULL, "表A.4：无法计算：%s", why != NULL ? why : "");
        add_en(rep, "Table A.4: cannot be computed: %s", why != NULL ? why : "");
    }
    if (m == NULL)
        check_review(fs, y, prev, fig, rep);
    else
        check_review_memo(fs, y, prev, fig, &m->review, dirty, rep);
}

void
check_year(const struct form_set *fs, const struct wb_year *y, const struct wb_year *prev,
           struct check_report *rep)
{
    struct engine_result res;
    char *why = NULL;

    if (engine_compute(y, &res, &why) != ERR_OK) {
        check_all(fs, y, prev, NULL, why, NULL, NULL, rep);
        free(why);
        return;
    }
    check_all(fs, y, prev,
              &(struct check_figures){res.has_area, res.building_area_m2,
                                      res.intensity_kgco2e_per_m2},
              NULL, NULL, NULL, rep);
    engine_result_free(&res);
}

void
check_year_memo(const struct form_set *fs, const struct wb_year *y, const struct wb_year *prev,
                const struct report_year *r, const char *why, struct check_memo **memo,
                const unsigned char *dirty, struct check_report *rep)
{
    struct check_memo *m = memo != NULL ? *memo : NULL;

    if (memo != NULL && (m == NULL || m->n != y->nentries)) {
        check_memo_free(m);
        m = *memo = xcalloc(1, sizeof(*m));
        m->n = y->nentries;
        m->entries = xcalloc(m->n ? m->n : 1, sizeof(*m->entries));
        dirty = NULL;
    }
    if (r == NULL) {
        check_all(fs, y, prev, NULL, why, m, dirty, rep);
        return;
    }
    check_all(fs, y, prev,
              &(struct check_figures){r->has_area, r->building_area_m2,
                                      r->intensity_kgco2e_per_m2},
              NULL, m, dirty, rep);
}

void
check_year_computed(const struct form_set *fs, const struct wb_year *y,
                    const struct wb_year *prev, const struct report_year *r, const char *why,
                    struct check_report *rep)
{
    check_year_memo(fs, y, prev, r, why, NULL, NULL, rep);
}

void
check_free(struct check_report *rep)
{
    size_t i;

    for (i = 0; i < rep->n; i++) {
        free(rep->items[i].msg);
        free(rep->items[i].msg_en);
    }
    free(rep->items);
    memset(rep, 0, sizeof(*rep));
}

/* Whether a and b are both NULL or equal. */
static int
same_str(const char *a, const char *b)
{
    return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

static int
same_place(const struct check_where *a, const struct check_where *b)
{
    /* the numbers first: a grid asks for each of its cells, and most findings are elsewhere */
    return a->entry_id == b->entry_id && a->has_period == b->has_period
           && same_str(a->form_id, b->form_id) && same_str(a->field, b->field)
           && same_str(a->source_id, b->source_id)
           && (!a->has_period || period_cmp(&a->period, &b->period) == 0);
}

const struct check_item *
check_at(const struct check_report *rep, const struct check_where *w)
{
    const struct check_item *found = NULL;
    size_t i;

    for (i = 0; i < rep->n; i++)
        if (same_place(&rep->items[i].at, w)
            && (found == NULL || (found->level == CHECK_WARNING
                                  && rep->items[i].level == CHECK_ERROR)))
            found = &rep->items[i];
    return found;
}

enum check_state
check_form_state(const struct check_report *rep, const struct form_def *f, const struct wb_year *y)
{
    size_t i;
    int warn = 0;

    if (f->kind == FK_COMPUTED) {
        /* the computed tables stand or fall with the engine; a figure of theirs may be doubtful */
        for (i = 0; i < rep->n; i++) {
            if (rep->items[i].code == CHECK_A4_UNCOMPUTABLE)
                return CHECK_HAS_ERRORS;
            warn |= strcmp(rep->items[i].form_id, f->id) == 0;
        }
        return y->nentries == 0 ? CHECK_EMPTY : warn ? CHECK_HAS_WARNINGS : CHECK_COMPLETE;
    }
    for (i = 0; i < rep->n; i++)
        if (strcmp(rep->items[i].form_id, f->id) == 0) {
            if (rep->items[i].level == CHECK_ERROR)
                return CHECK_HAS_ERRORS;
            warn = 1;
        }
    if (f->kind != FK_RECORD && y->nentries == 0)
        return CHECK_EMPTY;
    return warn ? CHECK_HAS_WARNINGS : CHECK_COMPLETE;
}
