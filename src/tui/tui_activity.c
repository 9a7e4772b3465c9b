/*
 * tui_activity.c - step A.5 of the terminal workbook: one row per A.3 entry with twelve months,
 * four quarters and the whole year, the row's unit and 数据来源; a value is refused when its period
 * overlaps one already filled in, and a month far off the others is flagged (异常波动).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/engine.h"
#include "base/text.h"
#include "tui/tui_int.h"
#include "data/units.h"
#include "base/xmem.h"

static struct pending *
pending(struct tui *t, long long id, int create)
{
    size_t i;

    for (i = 0; i < t->npending; i++)
        if (t->pending[i].entry_id == id)
            return &t->pending[i];
    if (!create)
        return NULL;
    t->pending = xrealloc(t->pending, (t->npending + 1) * sizeof(*t->pending));
    memset(&t->pending[t->npending], 0, sizeof(*t->pending));
    t->pending[t->npending].entry_id = id;
    return &t->pending[t->npending++];
}

/* The unit of an A.5 row: its data's, else the one chosen before any data, else the library's. */
static const char *
entry_unit(struct tui *t, const struct wb_entry *en)
{
    struct pending *p = pending(t, en->id, 0);

    if (en->nacts > 0)
        return en->acts[0].unit;
    if (p != NULL && p->unit != NULL)
        return p->unit;
    return en->src != NULL ? en->src->report_unit->sym : "";
}

static const char *
entry_data_source(struct tui *t, const struct wb_entry *en)
{
    struct pending *p = pending(t, en->id, 0);
    size_t i;

    for (i = 0; i < en->nacts; i++)
        if (en->acts[i].data_source != NULL && en->acts[i].data_source[0] != '\0')
            return en->acts[i].data_source;
    return p != NULL && p->data_source != NULL ? p->data_source : "";
}

/* ---- A.5 ------------------------------------------------------------------------------------ */

static void
a5_period(const struct tui *t, int col, struct period *p)
{
    p->year = t->year;
    if (col >= A5_M1 && col < A5_Q1) {
        p->kind = PERIOD_MONTH;
        p->index = col - A5_M1 + 1;
    } else if (col >= A5_Q1 && col < A5_YEAR) {
        p->kind = PERIOD_QUARTER;
        p->index = col - A5_Q1 + 1;
    } else {
        p->kind = PERIOD_YEAR;
        p->index = 0;
    }
}

static const struct wb_activity *
find_act(const struct wb_entry *en, const struct period *p)
{
    size_t i;

    for (i = 0; i < en->nacts; i++)
        if (period_cmp(&en->acts[i].period, p) == 0)
            return &en->acts[i];
    return NULL;
}

/* Whether month m (0-11) of en is 异常波动: far off the median of the other filled months. */
static int
swings(const struct wb_entry *en, int m)
{
    double v[12], x = -1, median;
    size_t i;
    int n = 0, a, b;

    for (i = 0; i < en->nacts; i++) {
        const struct wb_activity *act = &en->acts[i];

        if (act->period.kind != PERIOD_MONTH)
            continue;
        if (act->period.index - 1 == m)
            x = act->quantity;
        else
            v[n++] = act->quantity;
    }
    if (x < 0 || n < 2)
        return 0;
    for (a = 1; a < n; a++)             /* insertion sort: at most 11 values */
        for (b = a; b > 0 && v[b - 1] > v[b]; b--) {
            double tmp = v[b];

            v[b] = v[b - 1];
            v[b - 1] = tmp;
        }
    median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    if (median <= 0)
        return 0;
    return x > median * CHECK_SWING_RATIO || x < median / CHECK_SWING_RATIO;
}

/* The entry's total in its row unit; -1 when a row's unit does not convert. */
static double
entry_total(struct tui *t, const struct wb_entry *en, const char *unit)
{
    const struct unit_def *to = units_find(unit);
    const struct factor_pin *pin = model_pin(&t->y, en->source_id);
    double sum = 0, x;
    size_t i;

    for (i = 0; i < en->nacts; i++) {
        char *why = NULL;

        if (to == NULL || units_convert(en->acts[i].quantity, units_find(en->acts[i].unit), to,
                                        pin ? pin->density : 0, &x, &why) != ERR_OK) {
            free(why);
            return -1;
        }
        sum += x;
    }
    return sum;
}

void
tui_build_a5(struct tui *t)
{
    static const char *const quarters_zh[] = {"一季度", "二季度", "三季度", "四季度"};
    static const char *const months_en[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const struct form_def *f = tui_form(t, "A.5");
    struct tgrid *g = &t->grid;
    int r, c;

    tui_grid_init(g, (int)t->y.nentries, A5_NCOLS, 1);
    tui_grid_heads(g);
    g->heads[A5_SOURCE] = xstrdup(forms_label(forms_field(f, "source"), t->lang));
    g->heads[A5_UNIT] = xstrdup(forms_label(forms_field(f, "unit"), t->lang));
    for (c = 0; c < 12; c++)
        g->heads[A5_M1 + c] = t->lang == LANG_EN ? xstrdup(months_en[c]) : xasprintf("%d月", c + 1);
    for (c = 0; c < 4; c++)
        g->heads[A5_Q1 + c] = t->lang == LANG_EN ? xasprintf("Q%d", c + 1) : xstrdup(quarters_zh[c]);
    g->heads[A5_YEAR] = xstrdup(TR(t, "全年", "Year"));
    g->heads[A5_TOTAL] = xstrdup(TR(t, "合计", "Total"));
    g->heads[A5_DATASRC] = xstrdup(forms_label(forms_field(f, "data_source"), t->lang));
    for (c = 0; c < A5_NCOLS; c++)
        g->widths[c] = 10;
    g->widths[A5_SOURCE] = 22;
    g->widths[A5_UNIT] = 6;
    g->widths[A5_TOTAL] = 12;
    g->widths[A5_DATASRC] = 16;
    for (r = 0; r < g->nrows; r++) {
        const struct wb_entry *en = &t->y.entries[r];
        const char *unit = entry_unit(t, en);
        double total;

        tui_set(g, r, A5_SOURCE, tui_entry_label(t, en), 0);
        tui_set(g, r, A5_UNIT, xstrdup(unit), CELL_EDIT);
        for (c = A5_M1; c <= A5_YEAR; c++) {
            struct period p;
            const struct wb_activity *a;

            a5_period(t, c, &p);
            a = find_act(en, &p);
            tui_set(g, r, c, a ? tui_num(a->quantity, 6) : xstrdup(""),
                CELL_EDIT | CELL_NUM | (c < A5_Q1 && swings(en, c - A5_M1) ? CELL_WARN : 0));
        }
        total = entry_total(t, en, unit);
        tui_set(g, r, A5_TOTAL, en->nacts == 0 ? xstrdup("") : total < 0 ? xstrdup("?") : tui_num(total, 2),
            CELL_NUM | CELL_DIM);
        tui_set(g, r, A5_DATASRC, xstrdup(entry_data_source(t, en)), CELL_EDIT);
    }
}

/* Rewrites every A.5 row of en with a new unit or data source, as one undoable action. */
static enum err
rewrite_acts(struct tui *t, const struct wb_entry *en, const char *unit, const char *data_source,
             char **cause)
{
    size_t i;
    enum err e;

    if ((e = store_begin(t->st, cause)) != ERR_OK)
        return e;
    for (i = 0; i < en->nacts && e == ERR_OK; i++) {
        const struct wb_activity *a = &en->acts[i];
        char p[16];

        period_format(&a->period, p, sizeof(p));
        e = store_activity_put(t->st, en->id, p, a->quantity, unit ? unit : a->unit,
                               data_source ? data_source : a->data_source, a->note, NULL, cause);
    }
    if (e == ERR_OK && (e = store_commit(t->st, cause)) == ERR_OK)
        return ERR_OK;
    store_rollback(t->st);
    return e;
}

static enum err
commit_a5_unit(struct tui *t, const struct wb_entry *en, const char *text)
{
    const struct field_def *fd = forms_field(tui_form(t, "A.5"), "unit");
    const struct factor_pin *pin = model_pin(&t->y, en->source_id);
    char *cause = NULL, *u;
    double x;
    enum err e;

    if ((e = forms_validate(fd, text, &x, &cause)) != ERR_OK)
        return tui_fail(t, e, cause);
    u = text_trim(text);
    if ((e = engine_to_activity(en->src, pin, 1, u, &x, &cause)) != ERR_OK) {
        free(u);
        return tui_fail(t, e, cause);
    }
    free(u);
    u = xstrdup(units_find(text_is_blank(text) ? "" : text) ? units_find(text)->sym : text);
    if (en->nacts == 0) {
        struct pending *p = pending(t, en->id, 1);

        free(p->unit);
        p->unit = u;
        tui_message(t, MSG_OK, TR(t, "单位：%s", "Unit: %s"), u);
        return ERR_OK;
    }
    e = rewrite_acts(t, en, u, NULL, &cause);
    if (e == ERR_OK)
        tui_message(t, MSG_OK, TR(t, "已将 %zu 条数据的单位改为 %s（数量未换算）",
                                  "The unit of %zu values is now %s (quantities unchanged)"),
                    en->nacts, u);
    free(u);
    return e == ERR_OK ? e : tui_fail(t, e, cause);
}

static enum err
commit_a5_source(struct tui *t, const struct wb_entry *en, const char *text)
{
    const struct field_def *fd = forms_field(tui_form(t, "A.5"), "data_source");
    char *cause = NULL, *v;
    double x;
    enum err e;

    if ((e = forms_validate(fd, text, &x, &cause)) != ERR_OK)
        return tui_fail(t, e, cause);
    v = text_trim(text);
    if (en->nacts == 0) {
        struct pending *p = pending(t, en->id, 1);

        free(p->data_source);
        p->data_source = v;
        return ERR_OK;
    }
    e = rewrite_acts(t, en, NULL, v, &cause);
    free(v);
    if (e != ERR_OK)
        return tui_fail(t, e, cause);
    tui_message(t, MSG_OK, TR(t, "已保存数据来源", "Saved the data source"));
    return ERR_OK;
}

static enum err
commit_a5_value(struct tui *t, const struct wb_entry *en, const char *text)
{
    const struct field_def *fd = forms_field(tui_form(t, "A.5"), "quantity");
    const struct wb_activity *old;
    struct period p;
    char ptext[16], pother[16], *cause = NULL;
    const char *unit = entry_unit(t, en);
    double q, x;
    size_t i;
    enum err e;

    a5_period(t, t->col, &p);
    period_format(&p, ptext, sizeof(ptext));
    old = find_act(en, &p);
    if (text_is_blank(text)) {
        if (old == NULL)
            return ERR_OK;
        if ((e = store_activity_delete(t->st, en->id, ptext, &cause)) != ERR_OK)
            return tui_fail(t, e, cause);
        tui_message(t, MSG_OK, TR(t, "已删除 %s 的数据", "Deleted the value of %s"), ptext);
        return ERR_OK;
    }
    if ((e = forms_validate(fd, text, &q, &cause)) != ERR_OK)
        return tui_fail(t, e, cause);
    for (i = 0; i < en->nacts; i++)
        if (period_cmp(&en->acts[i].period, &p) != 0 && period_overlap(&en->acts[i].period, &p)) {
            period_format(&en->acts[i].period, pother, sizeof(pother));
            return tui_fail(t, ERR_INPUT,
                        xasprintf(TR(t, "%s 与已填写的 %s 重叠：同一期间只能按月、按季度或按全年填一次",
                                     "%s overlaps %s, already filled in: a period is entered once"),
                                  ptext, pother));
        }
    if ((e = engine_to_activity(en->src, model_pin(&t->y, en->source_id), q, unit, &x, &cause))
        != ERR_OK)
        return tui_fail(t, e, cause);
    e = store_activity_put(t->st, en->id, ptext, q, unit, entry_data_source(t, en),
                           old ? old->note : NULL, NULL, &cause);
    if (e != ERR_OK)
        return tui_fail(t, e, cause);
    {
        char shown[64];

        text_format_number(q, 6, shown, sizeof(shown));
        tui_message(t, MSG_OK, TR(t, "已保存 %s：%s %s", "Saved %s: %s %s"), ptext, shown, unit);
    }
    return ERR_OK;
}

enum err
tui_commit_a5(struct tui *t, const char *text)
{
    const struct wb_entry *en = &t->y.entries[t->row];

    if (t->col == A5_UNIT)
        return commit_a5_unit(t, en, text);
    if (t->col == A5_DATASRC)
        return commit_a5_source(t, en, text);
    return commit_a5_value(t, en, text);
}

void
tui_delete_acts(struct tui *t)
{
    const struct wb_entry *en = &t->y.entries[t->row];
    char *label = tui_entry_label(t, en), *q, *cause = NULL;
    size_t i;
    enum err e;

    q = xasprintf(TR(t, "删除 %s 本年度的全部 %zu 条活动数据？", "Delete all values of %s (%zu)?"),
                  label, en->nacts);
    if (en->nacts > 0 && tui_confirm(t, q)) {
        e = store_begin(t->st, &cause);
        for (i = 0; i < en->nacts && e == ERR_OK; i++) {
            char p[16];

            period_format(&en->acts[i].period, p, sizeof(p));
            e = store_activity_delete(t->st, en->id, p, &cause);
        }
        if (e == ERR_OK)
            e = store_commit(t->st, &cause);
        if (e != ERR_OK) {
            store_rollback(t->st);
            tui_fail(t, e, cause);
        } else {
            tui_reload(t);
            tui_message(t, MSG_OK, TR(t, "已删除 %s 的活动数据（Ctrl-Z 可撤销）",
                                      "Deleted the values of %s (Ctrl-Z undoes)"), label);
        }
    }
    free(q);
    free(label);
}

