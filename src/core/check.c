/* check.c - completeness and anomaly checks for one reporting year. */
#include "core/check.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "base/strbuf.h"
#include "base/xmem.h"

static void add(struct check_report *rep, enum check_level level, const char *form_id,
                const char *fmt, ...) XMEM_PRINTF(4, 5);

static void
add(struct check_report *rep, enum check_level level, const char *form_id, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    va_start(ap, fmt);
    msg = xvasprintf(fmt, ap);
    va_end(ap);
    rep->items = xgrow(rep->items, &rep->cap, rep->n + 1, sizeof(*rep->items));
    rep->items[rep->n].level = level;
    rep->items[rep->n].form_id = form_id;
    rep->items[rep->n].msg = msg;
    rep->n++;
    if (level == CHECK_ERROR)
        rep->nerrors++;
    else
        rep->nwarnings++;
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

        if (v == NULL || v[0] == '\0') {
            if (fd->required)
                add(rep, CHECK_ERROR, f->id, "%s：缺少“%s”", f->title_zh, fd->zh);
            continue;
        }
        if (forms_validate(fd, v, &num, &why) != ERR_OK) {
            add(rep, CHECK_ERROR, f->id, "%s：%s", f->title_zh, why);
            free(why);
        }
    }
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* Flags months far off the median of the entry's other months (the standard's 异常波动). */
static void
check_swings(const struct wb_entry *e, const char *name, struct check_report *rep)
{
    double vals[12], sorted[11], median;
    int month[12];
    size_t i, j, k, n = 0;

    for (i = 0; i < e->nacts && n < 12; i++) {
        if (e->acts[i].period.kind != PERIOD_MONTH || strcmp(e->acts[i].unit, e->acts[0].unit) != 0)
            continue;
        vals[n] = e->acts[i].quantity;
        month[n++] = e->acts[i].period.index;
    }
    if (n < 4)
        return;
    for (i = 0; i < n; i++) {
        for (j = k = 0; j < n; j++)
            if (j != i)
                sorted[k++] = vals[j];
        qsort(sorted, k, sizeof(double), cmp_double);
        median = k % 2 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
        if (median <= 0)
            continue;
        if (vals[i] > median * CHECK_SWING_RATIO || vals[i] < median / CHECK_SWING_RATIO)
            add(rep, CHECK_WARNING, "A.5",
                "表A.5：%s %d-%02d 的数量 %g %s 与其他月份的中位数 %g 相差超过 %g 倍（异常波动），请核对",
                name, e->acts[i].period.year, month[i], vals[i], e->acts[0].unit, median,
                CHECK_SWING_RATIO);
    }
}

static void
check_entry(const struct wb_year *y, const struct wb_entry *e, struct check_report *rep)
{
    char *name = entry_name(e);
    int covered[13] = {0}, nmonths = 0, months_only = 1, no_source = 0;
    size_t i, j;
    struct strbuf missing = {0};

    if (e->src == NULL)
        add(rep, CHECK_ERROR, "A.3", "表A.3：排放源“%s”不在因子库中", e->source_id);
    if (e->nacts == 0)
        add(rep, CHECK_ERROR, "A.5", "表A.5：排放源“%s”没有活动水平数据", name);
    for (i = 0; i < e->nacts; i++) {
        const struct wb_activity *a = &e->acts[i];
        int first, last, m;

        if (a->period.year != y->year) {
            add(rep, CHECK_ERROR, "A.5", "表A.5：%s 的期间 %d 不属于 %d 年度", name, a->period.year,
                y->year);
            continue;
        }
        for (j = i + 1; j < e->nacts; j++)
            if (period_overlap(&a->period, &e->acts[j].period)) {
                char p1[16], p2[16];

                period_format(&a->period, p1, sizeof(p1));
                period_format(&e->acts[j].period, p2, sizeof(p2));
                add(rep, CHECK_ERROR, "A.5", "表A.5：%s 的期间 %s 与 %s 重叠，会重复计算", name, p1, p2);
            }
        if (a->period.kind != PERIOD_MONTH)
            months_only = 0;
        period_months(&a->period, &first, &last);
        for (m = first; m <= last; m++)
            covered[m] = 1;
        if (a->data_source[0] == '\0')
            no_source++;
    }
    if (no_source > 0)
        add(rep, CHECK_WARNING, "A.5", "表A.5：%s 有 %d 条数据没有填写数据来源", name, no_source);
    for (i = 1; i <= 12; i++) {
        nmonths += covered[i];
        if (!covered[i] && e->nacts > 0)
            sb_printf(&missing, "%s%zu", missing.len ? "、" : "", i);
    }
    if (e->nacts > 0 && nmonths < 12)
        add(rep, CHECK_WARNING, "A.5", "表A.5：%s 只覆盖 %d 个月，缺 %s 月的数据", name, nmonths,
            missing.s);
    if (months_only)
        check_swings(e, name, rep);
    sb_free(&missing);
    free(name);
}

static void
check_pins(const struct wb_year *y, struct check_report *rep)
{
    size_t i, j;

    for (i = 0; i < y->nentries; i++) {
        const struct wb_entry *e = &y->entries[i];
        const struct factor_pin *p;
        int first = 1;

        if (e->src == NULL)
            continue;
        for (j = 0; j < i; j++)
            if (strcmp(y->entries[j].source_id, e->source_id) == 0)
                first = 0;
        if (!first)
            continue;
        p = model_pin(y, e->source_id);
        if (p == NULL) {
            add(rep, CHECK_ERROR, "A.6", "表A.6：%s 没有排放因子", e->src->zh);
            continue;
        }
        if (p->source_text == NULL || p->source_text[0] == '\0')
            add(rep, CHECK_ERROR, "A.6", "表A.6：%s 的排放因子没有数据来源", e->src->zh);
        if (!(p->value > 0) || !isfinite(p->value))
            add(rep, CHECK_ERROR, "A.6", "表A.6：%s 的排放因子 %g 无效", e->src->zh, p->value);
        if (e->src->flag != NULL && e->src->flag[0] != '\0' && !p->overridden)
            add(rep, CHECK_WARNING, "A.6", "表A.6：%s：%s", e->src->zh, e->src->flag);
    }
}

void
check_year(const struct form_set *fs, const struct wb_year *y, struct check_report *rep)
{
    struct engine_result res;
    char *why = NULL;
    size_t i;

    memset(rep, 0, sizeof(*rep));
    check_info(fs, y, rep);
    if (y->nentries == 0)
        add(rep, CHECK_ERROR, "A.3", "表A.3 碳排放源一览表：还没有任何排放源");
    for (i = 0; i < y->nentries; i++)
        check_entry(y, &y->entries[i], rep);
    check_pins(y, rep);
    if (engine_compute(y, &res, &why) != ERR_OK) {
        add(rep, CHECK_ERROR, "A.4", "表A.4：无法计算：%s", why);
        free(why);
    } else {
        engine_result_free(&res);
    }
}

void
check_free(struct check_report *rep)
{
    size_t i;

    for (i = 0; i < rep->n; i++)
        free(rep->items[i].msg);
    free(rep->items);
    memset(rep, 0, sizeof(*rep));
}
