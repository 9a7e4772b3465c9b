/*
 * export_xlsx_notes.c - what the standard's tables have no column for, so that nothing entered
 * or assumed is lost on the way to the report: 因子说明 (how each factor was derived, the density
 * that turned litres into mass, the standard-coal coefficient and its source, cautions on a
 * library value) and 活动数据明细 (every A.5 row as entered, with its 数据来源 and 备注; "/" for a
 * period 不适用).
 */
#include "export/export_xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xmem.h"

/* ---- the order of A.3 ------------------------------------------------------------------------ */

struct ordered {
    const struct source_def *src;   /* library sources are one array: its order is theirs */
    size_t i;
};

static int
cmp_ordered(const void *a, const void *b)
{
    const struct ordered *x = a, *y = b;

    if (x->src != y->src)
        return x->src < y->src ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

size_t *
xl_entry_order(const struct report_year *r)
{
    struct ordered *o = xcalloc(r->nentries + 1, sizeof(*o));
    size_t *order = xcalloc(r->nentries + 1, sizeof(*order)), i;

    for (i = 0; i < r->nentries; i++)
        o[i] = (struct ordered){r->entries[i].src, i};
    qsort(o, r->nentries, sizeof(*o), cmp_ordered);
    for (i = 0; i < r->nentries; i++)
        order[i] = o[i].i;
    free(o);
    return order;
}

/* ---- 因子说明 ------------------------------------------------------------------------------- */

/* How the factor of s came about, in the report's language. */
static char *
factor_how(const struct xl *x, const struct report_source *s)
{
    if (s->overridden)
        return xstrdup(xl_tx(x, "用户填写的数值，来源见表A.6", "Entered by the user; source in Table A.6"));
    if (s->derivation != NULL)
        return xstrdup(s->derivation);
    if (s->src->gas != NULL && x->r->lang == LANG_EN)
        return xasprintf("GWP100 of %s (%s)", s->src->gas, x->r->gwp_set);
    if (s->src->gas != NULL)
        return xasprintf("%s 的全球变暖潜势（GWP100，%s）", s->src->gas, x->r->gwp_set);
    return xstrdup(xl_tx(x, "按表A.6数据来源所列数值", "As published by the source in Table A.6"));
}

/* The standard-coal coefficient of s with its source, or "/" when s is not an energy. */
static char *
factor_coal(const struct xl *x, const struct report_source *s)
{
    if (s->coal <= 0)
        return xstrdup("/");
    return xasprintf("%.9g kgce/%s%s%s%s", s->coal, s->coal_unit,
                     s->coal_source != NULL ? xl_tx(x, "（", " (") : "",
                     s->coal_source != NULL ? s->coal_source : "",
                     s->coal_source != NULL ? xl_tx(x, "）", ")") : "");
}

/* The density used for litres and any caution on the library value, or "/". */
static char *
factor_remarks(const struct xl *x, const struct report_source *s)
{
    struct strbuf sb = {0};

    sb_append(&sb, "");
    if (s->litres && s->density > 0 && x->r->lang == LANG_EN)
        sb_printf(&sb, "Amounts in litres converted to mass at %.9g kg/L", s->density);
    else if (s->litres && s->density > 0)
        sb_printf(&sb, "以升（L）填报的用量按密度 %.9g kg/L 换算为质量%s%s%s", s->density,
                  s->density_note != NULL ? "（" : "", s->density_note ? s->density_note : "",
                  s->density_note != NULL ? "）" : "");
    if (s->flag != NULL)
        sb_printf(&sb, "%s%s%s", sb.len > 0 ? xl_tx(x, "；", "; ") : "",
                  xl_tx(x, "注意：", "Caution: "), s->flag);
    if (sb.len == 0)
        sb_append(&sb, "/");
    return sb_take(&sb);
}

void
xl_sheet_factor_notes(struct xl *x)
{
    const struct report_year *r = x->r;
    const char *name = xl_tx(x, "因子说明", "Factor notes");
    struct sheet sh;
    size_t i;

    if (xl_sheet_open(&sh, x, name, 5, 1) != 0)
        return;
    xl_sheet_heading(&sh, name, 1);
    xl_put_text(&sh, sh.row, 0, xl_label(x, "A.6", "source"), F_HEAD);
    xl_put_text(&sh, sh.row, 1, xl_tx(x, "排放因子", "Emission factor"), F_HEAD);
    xl_put_text(&sh, sh.row, 2, xl_label(x, "A.6", "derivation"), F_HEAD);
    xl_put_text(&sh, sh.row, 3, xl_tx(x, "折标准煤系数", "Standard coal coefficient"), F_HEAD);
    xl_put_text(&sh, sh.row, 4, xl_tx(x, "说明", "Remarks"), F_HEAD);
    sh.repeat = sh.row++;
    sh.freeze_row = sh.row;
    for (i = 0; i < r->nsources; i++) {
        const struct report_source *s = &r->sources[i];
        int d = xl_decimals(s->factor);
        char *how = factor_how(x, s), *coal = factor_coal(x, s), *rem = factor_remarks(x, s);

        xl_put_text(&sh, sh.row, 0, s->label, F_TEXT);
        xl_put_num(&sh, sh.row, 1, s->factor, xl_unit_format(x, d, s->factor_unit),
                   xl_num_width(s->factor, d, s->factor_unit));
        xl_put_text(&sh, sh.row, 2, how, F_TEXT);
        xl_put_text(&sh, sh.row, 3, coal, F_TEXT);
        xl_put_text(&sh, sh.row, 4, rem, F_TEXT);
        sh.row++;
        free(how);
        free(coal);
        free(rem);
    }
    xl_sheet_note(&sh, xl_tx(x,
        "注：表A.6按标准只列排放种类、排放源、数据和数据来源四栏；因子的推导、升与质量的换算密度和"
        "折标准煤系数（表A.2所用）列于本表。",
        "Note: Table A.6 has the standard's four columns only; how each factor was derived, the "
        "density used for litres and the standard-coal coefficients (used in Table A.2) are "
        "listed here."));
    xl_sheet_close(&sh);
}

/* ---- 活动数据明细 ---------------------------------------------------------------------------- */

/* The 4 digits at year, then a, then b (up to its end), then c: "2024" "年" "3" "月". */
static char *
text_join4(const char *year, const char *a, const char *b, const char *c)
{
    size_t na = strlen(a), nb = strlen(b), nc = strlen(c);
    char *s = xmalloc(4 + na + nb + nc + 1);

    memcpy(s, year, 4);
    memcpy(s + 4, a, na);
    memcpy(s + 4 + na, b, nb);
    memcpy(s + 4 + na + nb, c, nc + 1);
    return s;
}

/* A canonical period ("2024", "2024-Q1", "2024-03") as the report writes it: 2024年, 2024年第1季度,
   2024年3月 in Chinese; as it is in English. */
static char *
period_text(const struct xl *x, const char *p)
{
    size_t len = strlen(p);
    int y, n;

    if (x->r->lang == LANG_EN)
        return xstrdup(p);
    /* the canonical forms without sscanf and printf: a big year has a period on every row */
    if ((len == 4 || len == 7) && strspn(p, "0123456789") == 4
        && (len == 4 || (p[4] == '-' && p[0] != '0'))) {     /* %d writes no leading zero */
        if (len == 4)
            return xasprintf("%s年", p);
        if (p[5] == 'Q' && p[6] >= '1' && p[6] <= '9')
            return text_join4(p, "年第", p + 6, "季度");
        if (p[5] >= '0' && p[5] <= '9' && p[6] >= '0' && p[6] <= '9')
            return text_join4(p, "年", p + (p[5] == '0' ? 6 : 5), "月");
    }
    if (sscanf(p, "%4d-Q%d", &y, &n) == 2)
        return xasprintf("%d年第%d季度", y, n);
    if (sscanf(p, "%4d-%d", &y, &n) == 2)
        return xasprintf("%d年%d月", y, n);
    return xasprintf("%s年", p);
}

void
xl_sheet_records(struct xl *x)
{
    static const char *const heads[] = {"source", "facility", "period", "quantity",
                                        "data_source", "note"};
    const struct report_year *r = x->r;
    const char *name = xl_tx(x, "活动数据明细", "Activity records");
    size_t *order = xl_entry_order(r), i, j, n = 0;
    struct sheet sh;

    if (xl_sheet_open(&sh, x, name, nitems(heads), 1) != 0) {
        free(order);
        return;
    }
    xl_sheet_heading(&sh, name, 1);
    xl_header_row(&sh, "A.5", heads, nitems(heads));
    sh.freeze_row = sh.row;
    for (i = 0; i < r->nentries; i++) {
        const struct report_entry *en = &r->entries[order[i]];

        for (j = 0; j < en->nacts; j++, n++) {
            const struct report_act *a = &en->acts[j];
            char *period = period_text(x, a->period);

            xl_put_text(&sh, sh.row, 0, en->source, F_TEXT);
            xl_put_text(&sh, sh.row, 1, en->facility, F_TEXT);
            xl_put_text(&sh, sh.row, 2, period, F_TEXT);
            free(period);
            if (a->na)
                xl_put_text(&sh, sh.row, 3, MODEL_NA_TEXT, F_NA);
            else
                xl_put_qty(&sh, sh.row, 3, a->quantity, a->unit, xl_whole(a->quantity), 0);
            xl_put_text(&sh, sh.row, 4, a->data_source, F_TEXT);
            xl_put_text(&sh, sh.row, 5, a->note, F_TEXT);
            sh.row++;
            xl_sheet_flush(&sh, sh.row);
        }
    }
    if (n == 0)
        xl_put_text(&sh, sh.row++, 0, xl_tx(x, "本年度没有活动数据。", "No activity data this year."),
                    F_PLAIN);
    free(order);
    xl_sheet_close(&sh);
}
