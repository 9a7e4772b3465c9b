/*
 * tidy.c - the activity data of a year as tidy rows with the engine's figures (tidy.h): each
 * value converted by engine_to_activity and engine_to_tce and multiplied by the pinned value as
 * engine_compute does, never by a formula of its own.
 */
#include "core/tidy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xmem.h"
#include "core/engine.h"

const char *const tidy_columns[] = {
    "unit_code", "unit", "year", "period", "category", "scope", "source", "facility",
    "quantity", "quantity_unit", "activity", "activity_unit", "factor", "factor_unit",
    "factor_source", "tco2e", "tce", "data_source",
};
const size_t tidy_ncolumns = nitems(tidy_columns);

static const char *
or_empty(const char *s)
{
    return s != NULL ? s : "";
}

/* Fills r with value a of entry en (pinned by pin) of y; ERR_INPUT as the engine's. */
static enum err
row_fill(struct tidy_row *r, const struct wb_year *y, const struct wb_entry *en,
         const struct factor_pin *pin, const struct wb_activity *a, char **cause)
{
    char *why = NULL;
    enum err e;

    memset(r, 0, sizeof(*r));
    r->unit_code = or_empty(model_info(y, TIDY_CODE_KEY));
    r->unit = or_empty(model_info(y, "unit_name"));
    r->year = y->year;
    period_format(&a->period, r->period, sizeof(r->period));
    r->category = factors_cat_label(en->src->cat, 0);
    r->scope = factors_cat_scope(en->src->cat);
    r->source = en->src->zh;
    r->source_id = en->src->id;
    r->facility = or_empty(en->facility);
    r->activity_unit = or_empty(pin->unit);
    r->factor = pin->value;
    factors_unit_text(en->src, pin->unit, r->factor_unit, sizeof(r->factor_unit));
    r->factor_source = or_empty(pin->source_text);
    r->data_source = or_empty(a->data_source);
    r->quantity_unit = "";
    if (a->na) {            /* 不适用: counts as zero and is not converted (engine_compute) */
        r->na = 1;
        return ERR_OK;
    }
    r->quantity = a->quantity;
    r->quantity_unit = or_empty(a->unit);
    if ((e = engine_to_activity(en->src, pin, a->quantity, a->unit, &r->activity, &why)) != ERR_OK
        || (e = engine_to_tce(en->src, pin, a->quantity, a->unit, &r->tce, &why)) != ERR_OK) {
        *cause = xasprintf("%d 年度 %s %s", y->year, r->period, why);
        free(why);
        return e;
    }
    r->tco2e = r->activity * pin->value;    /* as the engine adds a value */
    return ERR_OK;
}

enum err
tidy_rows(const struct wb_year *y, struct tidy_row **rows, size_t *n, char **cause)
{
    struct tidy_row *out;
    size_t i, j, k = 0, total = 0;
    enum err e;

    for (i = 0; i < y->nentries; i++)
        total += y->entries[i].nacts;
    out = xcalloc(total ? total : 1, sizeof(*out));
    for (i = 0; i < y->nentries; i++) {
        const struct wb_entry *en = &y->entries[i];
        const struct factor_pin *pin;

        if (en->src == NULL) {
            *cause = xasprintf("%d 年度：未知的排放源“%s”", y->year, en->source_id);
            free(out);
            return ERR_INPUT;
        }
        if ((pin = model_pin(y, en->source_id)) == NULL) {
            *cause = xasprintf("%d 年度：%s 没有排放因子", y->year, en->src->zh);
            free(out);
            return ERR_INPUT;
        }
        for (j = 0; j < en->nacts; j++)
            if ((e = row_fill(&out[k++], y, en, pin, &en->acts[j], cause)) != ERR_OK) {
                free(out);
                return e;
            }
    }
    *rows = out;
    *n = k;
    return ERR_OK;
}

void
tidy_number(double v, char *buf, size_t size)
{
    char e[40];
    int digits, exp10;

    if (v == 0) {               /* -0 too: "0" */
        snprintf(buf, size, "0");
        return;
    }
    for (digits = 1; digits < 17; digits++) {
        snprintf(e, sizeof(e), "%.*e", digits - 1, v);
        if (strtod(e, NULL) == v)
            break;
    }
    exp10 = atoi(strchr(e, 'e') + 1);
    if (exp10 < -6 || exp10 > 16) {     /* far from ordinary figures: keep the exponent */
        snprintf(buf, size, "%.*g", digits, v);
        return;
    }
    /* the same digits without the exponent: 2.45e+06 is "2450000", 1.5e-05 is "0.000015" */
    snprintf(buf, size, "%.*f", digits - 1 - exp10 > 0 ? digits - 1 - exp10 : 0, v);
}
