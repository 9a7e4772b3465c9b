/*
 * sheet_activity.c - 表A.5 碳排放活动水平数据: one row per A.3 entry with twelve months, four
 * quarters and the whole year, the row's unit, 数据来源 and 备注. A value is refused when its
 * period overlaps one already filled in, and a month far off the others is flagged (异常波动):
 * both rules are check.c's. "/" (or 不适用) marks a period in which the source does not run: it
 * counts as zero and as covered. The row's 备注 is the note its values share, or each value's
 * note with its period when they differ; editing it sets the note of every value. A unit,
 * 数据来源 or 备注 chosen before a row has data is kept in the sheet's state until the first value.
 */
#include "sheet/sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/text.h"
#include "core/engine.h"
#include "data/units.h"

enum {
    COL_SOURCE, COL_UNIT, COL_M1, COL_Q1 = COL_M1 + 12, COL_YEAR = COL_Q1 + 4, COL_TOTAL,
    COL_DATASRC, COL_NOTE, NCOLS
};

struct pending {                /* what a row without data will use for its first value */
    long long entry_id;
    char *unit;
    char *data_source;
    char *note;
};

struct state {
    struct pending *v;
    size_t n, cap;
    char *help;                 /* the help line last returned: a cell's text in full */
};

static struct pending *
pending(const struct sheet_env *env, long long id, int create)
{
    struct state *st = *env->state;
    size_t i;

    if (st == NULL) {
        if (!create)
            return NULL;
        st = *env->state = xcalloc(1, sizeof(*st));
    }
    for (i = 0; i < st->n; i++)
        if (st->v[i].entry_id == id)
            return &st->v[i];
    if (!create)
        return NULL;
    st->v = xgrow(st->v, &st->cap, st->n + 1, sizeof(*st->v));
    memset(&st->v[st->n], 0, sizeof(*st->v));
    st->v[st->n].entry_id = id;
    return &st->v[st->n++];
}

static void
state_free(void *p)
{
    struct state *st = p;
    size_t i;

    if (st == NULL)
        return;
    for (i = 0; i < st->n; i++) {
        free(st->v[i].unit);
        free(st->v[i].data_source);
        free(st->v[i].note);
    }
    free(st->v);
    free(st->help);
    free(st);
}

/*
 * The unit of a row: its values' (those 不适用 hold none, unless there are only such), else the
 * one chosen before any data, else the library's.
 */
static const char *
entry_unit(const struct sheet_env *env, const struct wb_entry *en)
{
    struct pending *p = pending(env, en->id, 0);
    size_t i;

    for (i = 0; i < en->nacts; i++)
        if (!en->acts[i].na)
            return en->acts[i].unit;
    if (en->nacts > 0)
        return en->acts[0].unit;
    if (p != NULL && p->unit != NULL)
        return p->unit;
    return en->src != NULL ? en->src->report_unit->sym : "";
}

static const char *
entry_data_source(const struct sheet_env *env, const struct wb_entry *en)
{
    struct pending *p = pending(env, en->id, 0);
    size_t i;

    for (i = 0; i < en->nacts; i++)
        if (en->acts[i].data_source[0] != '\0')
            return en->acts[i].data_source;
    return p != NULL && p->data_source != NULL ? p->data_source : "";
}

/*
 * The note every value of the row has (the one chosen before any data when it has none), or NULL
 * when they differ.
 */
static const char *
entry_note(const struct sheet_env *env, const struct wb_entry *en)
{
    struct pending *p = pending(env, en->id, 0);
    size_t i;

    if (en->nacts == 0)
        return p != NULL && p->note != NULL ? p->note : "";
    for (i = 1; i < en->nacts; i++)
        if (strcmp(en->acts[i].note, en->acts[0].note) != 0)
            return NULL;
    return en->acts[0].note;
}

static void
col_period(const struct sheet_env *env, int col, struct period *p)
{
    p->year = env->y->year;
    if (col >= COL_M1 && col < COL_Q1) {
        p->kind = PERIOD_MONTH;
        p->index = col - COL_M1 + 1;
    } else if (col >= COL_Q1 && col < COL_YEAR) {
        p->kind = PERIOD_QUARTER;
        p->index = col - COL_Q1 + 1;
    } else {
        p->kind = PERIOD_YEAR;
        p->index = 0;
    }
}

/* The column of period p; -1 for a period of another year. */
static int
period_col(const struct sheet_env *env, const struct period *p)
{
    if (p->year != env->y->year)
        return -1;
    return p->kind == PERIOD_MONTH ? COL_M1 + p->index - 1
           : p->kind == PERIOD_QUARTER ? COL_Q1 + p->index - 1 : COL_YEAR;
}

/*
 * The 备注 of a row: the note its values share, else each value's note with its period ("1月：抄表
 * 3/25；2月：估算"); caller frees.
 */
static char *
row_note(const struct sheet_env *env, const struct sheet *s, const struct wb_entry *en)
{
    const char *shared = entry_note(env, en);
    struct strbuf sb = {0};
    size_t i;

    if (shared != NULL)
        return xstrdup(shared);
    sb_append(&sb, "");
    for (i = 0; i < en->nacts; i++) {
        const struct wb_activity *a = &en->acts[i];
        int c = period_col(env, &a->period);
        char p[16];

        if (a->note[0] == '\0')
            continue;
        period_format(&a->period, p, sizeof(p));
        sb_printf(&sb, "%s%s%s%s", sb.len > 0 ? SHEET_TR(env, "；", "; ") : "",
                  c >= 0 ? s->heads[c] : p, SHEET_TR(env, "：", ": "), a->note);
    }
    return sb_take(&sb);
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

/* The entry's total in its row unit; -1 when a row's unit does not convert. */
static double
entry_total(const struct sheet_env *env, const struct wb_entry *en, const char *unit)
{
    const struct unit_def *to = units_find(unit), *from;
    const struct factor_pin *pin = model_pin(env->y, en->source_id);
    double sum = 0, x;
    size_t i;

    for (i = 0; i < en->nacts; i++) {
        if (en->acts[i].na)
            continue;       /* 不适用: zero, in whatever unit */
        if (to == NULL || (from = units_find(en->acts[i].unit)) == NULL
            || units_convert(en->acts[i].quantity, from, to, pin ? pin->density : 0, &x, NULL)
                   != ERR_OK)
            return -1;
        sum += x;
    }
    return sum;
}

static void
build_row(const struct sheet_env *env, struct sheet *s, int r)
{
    const struct wb_entry *en = &env->y->entries[r];
    const char *unit = entry_unit(env, en);
    double total, median;
    char median_text[64];
    int c;

    sheet_set(s, r, COL_SOURCE, sheet_entry_label(env, en), 0);
    sheet_set(s, r, COL_UNIT, xstrdup(units_label(unit, env->lang == LANG_EN)), SHEET_EDIT);
    for (c = COL_M1; c <= COL_YEAR; c++) {
        struct check_where at = {.form_id = env->step->form->id, .field = "quantity",
                                 .entry_id = en->id, .source_id = en->source_id, .has_period = 1};
        const struct check_item *it;
        const struct wb_activity *a;

        col_period(env, c, &at.period);
        a = find_act(en, &at.period);
        /* the cell's own finding: 异常波动 on a month, a period overlapping another */
        it = env->chk != NULL ? check_at(env->chk, &at) : NULL;
        sheet_set(s, r, c, a == NULL ? xstrdup("") : a->na ? xstrdup(MODEL_NA_TEXT)
                                                            : sheet_num(a->quantity, 6),
                  SHEET_EDIT | SHEET_NUM | SHEET_PERIOD | (it != NULL ? SHEET_WARN : 0)
                  | (a != NULL && a->na ? SHEET_DIM : 0));
        if (it != NULL && it->code == CHECK_A5_SWING && check_swing(en, at.period.index, &median)) {
            text_format_number(median, TEXT_DIGITS, median_text, sizeof(median_text));
            sheet_note(s, r, c, xasprintf(SHEET_TR(env,
                "异常波动：%s 的数值与各月的中位数 %s 相差 %.0f 倍以上，请核对",
                "Unusual: %s is far off the months' median %s (more than %.0f×); please check"),
                s->heads[c], median_text, CHECK_SWING_RATIO));
        } else if (it != NULL)
            sheet_note(s, r, c, xstrdup(check_msg(it, env->lang)));
    }
    total = entry_total(env, en, unit);
    sheet_set(s, r, COL_TOTAL, en->nacts == 0 ? xstrdup("") : total < 0 ? xstrdup("?")
                                                                        : sheet_num(total, 2),
              SHEET_NUM | SHEET_DIM);
    sheet_set(s, r, COL_DATASRC, xstrdup(entry_data_source(env, en)), SHEET_EDIT);
    sheet_set(s, r, COL_NOTE, row_note(env, s, en), SHEET_EDIT);
}

/* A row again after its entry's values changed: its cells emptied, then built as build does. */
static void
rebuild_row(const struct sheet_env *env, struct sheet *s, int r)
{
    int c;

    for (c = 0; c < s->ncols; c++) {
        sheet_set(s, r, c, NULL, 0);
        sheet_note(s, r, c, NULL);
    }
    build_row(env, s, r);
}

static void
build(const struct sheet_env *env, struct sheet *s)
{
    static const char *const quarters_zh[] = {"一季度", "二季度", "三季度", "四季度"};
    static const char *const months_en[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char *h;
    int r, c;

    sheet_init(s, (int)env->y->nentries, NCOLS, 2);   /* 排放源 and 单位 stay while scrolling */
    sheet_head(s, COL_SOURCE, sheet_label(env, "source"), 22);
    sheet_head(s, COL_UNIT, sheet_label(env, "unit"), 6);
    for (c = 0; c < 12; c++) {
        h = env->lang == LANG_EN ? xstrdup(months_en[c]) : xasprintf("%d月", c + 1);
        sheet_head(s, COL_M1 + c, h, 10);
        free(h);
    }
    for (c = 0; c < 4; c++) {
        h = env->lang == LANG_EN ? xasprintf("Q%d", c + 1) : xstrdup(quarters_zh[c]);
        sheet_head(s, COL_Q1 + c, h, 10);
        free(h);
    }
    sheet_head(s, COL_YEAR, SHEET_TR(env, "全年", "Year"), 10);
    sheet_head(s, COL_TOTAL, SHEET_TR(env, "合计", "Total"), 12);
    sheet_head(s, COL_DATASRC, sheet_label(env, "data_source"), 16);
    sheet_head(s, COL_NOTE, sheet_label(env, "note"), 16);
    s->start_col = COL_M1;          /* January: where a year's bills start */
    s->empty = xstrdup(SHEET_TR(env, "还没有排放源：按 Ins 添加（如 外购电力、天然气）",
                                "No emission sources yet: press Ins to add one"));
    for (r = 0; r < s->nrows; r++)
        build_row(env, s, r);
}

/*
 * Rewrites every row of en with a new unit, data source or note (NULL keeps each row's), as one
 * undoable action; a row 不适用 stays so.
 */
static enum err
rewrite_acts(const struct sheet_env *env, const struct wb_entry *en, const char *unit,
             const char *data_source, const char *note, struct sheet_out *out, char **cause)
{
    size_t i;
    enum err e;

    if ((e = store_begin(env->st, cause)) != ERR_OK)
        return e;
    for (i = 0; i < en->nacts && e == ERR_OK; i++) {
        const struct wb_activity *a = &en->acts[i];
        const char *u = unit ? unit : a->unit, *ds = data_source ? data_source : a->data_source;
        const char *n = note ? note : a->note;
        char p[16];

        period_format(&a->period, p, sizeof(p));
        if (a->na)
            e = store_activity_put_na(env->st, en->id, p, u, ds, n, NULL, cause);
        else
            e = store_activity_put(env->st, en->id, p, a->quantity, u, ds, n, NULL, cause);
        if (e == ERR_OK)
            sheet_patch_add(out, en->id, &a->period, 0, a->quantity, a->na, u, ds, n);
    }
    if (e == ERR_OK && (e = store_commit(env->st, cause)) == ERR_OK)
        return ERR_OK;
    store_rollback(env->st);
    return e;
}

static enum err
commit_unit(const struct sheet_env *env, const struct wb_entry *en, const char *text,
            struct sheet_out *out)
{
    const struct field_def *fd = forms_field(env->step->form, "unit");
    const struct factor_pin *pin = model_pin(env->y, en->source_id);
    const struct unit_def *ud;
    char *cause = NULL, *u;
    double x;
    enum err e;

    if ((e = forms_validate_lang(fd, text, env->lang, &x, &cause)) != ERR_OK)
        return sheet_fail(out, e, cause);
    u = text_trim(text);
    if (en->src == NULL || (e = engine_to_activity(en->src, pin, 1, u, &x, &cause)) != ERR_OK) {
        free(u);
        return sheet_fail(out, e != ERR_OK ? e : ERR_INPUT, cause);
    }
    ud = units_find(u);
    free(u);
    u = xstrdup(ud->sym);
    if (en->nacts == 0) {
        struct pending *p = pending(env, en->id, 1);

        free(p->unit);
        p->unit = u;
        out->changed = 1;           /* a rebuild shows it */
        sheet_say(out, SHEET_SAY_OK, SHEET_TR(env, "单位：%s", "Unit: %s"),
                  units_label(u, env->lang == LANG_EN));
        return ERR_OK;
    }
    e = rewrite_acts(env, en, u, NULL, NULL, out, &cause);
    if (e == ERR_OK) {
        out->changed = 1;
        sheet_say(out, SHEET_SAY_OK,
                  SHEET_TR(env, "已将 %zu 条数据的单位改为 %s（数量未换算）",
                           "The unit of %zu values is now %s (quantities unchanged)"),
                  en->nacts, units_label(u, env->lang == LANG_EN));
    }
    free(u);
    return e == ERR_OK ? e : sheet_fail(out, e, cause);
}

static enum err
commit_data_source(const struct sheet_env *env, const struct wb_entry *en, const char *text,
                   struct sheet_out *out)
{
    const struct field_def *fd = forms_field(env->step->form, "data_source");
    char *cause = NULL, *v;
    double x;
    enum err e;

    if ((e = forms_validate_lang(fd, text, env->lang, &x, &cause)) != ERR_OK)
        return sheet_fail(out, e, cause);
    v = text_trim(text);
    if (en->nacts == 0) {
        struct pending *p = pending(env, en->id, 1);

        free(p->data_source);
        p->data_source = v;
        out->changed = 1;
        return ERR_OK;
    }
    e = rewrite_acts(env, en, NULL, v, NULL, out, &cause);
    free(v);
    if (e != ERR_OK)
        return sheet_fail(out, e, cause);
    out->changed = 1;
    sheet_say(out, SHEET_SAY_OK, SHEET_TR(env, "已保存数据来源", "Saved the data source"));
    return ERR_OK;
}

/*
 * Sets the note of every value of the row. The joined text a row with different notes shows,
 * saved as it is, changes nothing: it would put every note into each value.
 */
static enum err
commit_note(const struct sheet_env *env, const struct sheet *s, int row, const struct wb_entry *en,
            const char *text, struct sheet_out *out)
{
    const struct field_def *fd = forms_field(env->step->form, "note");
    const char *shared = entry_note(env, en);
    char *cause = NULL, *v;
    double x;
    enum err e;

    if (shared == NULL && strcmp(text, sheet_cell(s, row, COL_NOTE)->text) == 0)
        return ERR_OK;
    if ((e = forms_validate(fd, text, &x, &cause)) != ERR_OK)
        return sheet_fail(out, e, cause);
    v = text_trim(text);
    if (en->nacts == 0) {
        struct pending *p = pending(env, en->id, 1);

        free(p->note);
        p->note = v;
        out->changed = 1;
        return ERR_OK;
    }
    if (shared != NULL && strcmp(shared, v) == 0) {
        free(v);
        return ERR_OK;      /* unchanged: nothing to write or undo */
    }
    e = rewrite_acts(env, en, NULL, NULL, v, out, &cause);
    free(v);
    if (e != ERR_OK)
        return sheet_fail(out, e, cause);
    out->changed = 1;
    sheet_say(out, SHEET_SAY_OK, SHEET_TR(env, "已保存备注（本行 %zu 条数据）",
                                          "Saved the note (the row's %zu values)"), en->nacts);
    return ERR_OK;
}

/* The refusal of period ptext overlapping a period already filled in, or ERR_OK. */
static enum err
refuse_overlap(const struct sheet_env *env, const struct wb_entry *en, const struct period *p,
               const char *ptext, struct sheet_out *out)
{
    const struct wb_activity *other = check_overlap(en, p);
    char pother[16];

    if (other == NULL)
        return ERR_OK;
    period_format(&other->period, pother, sizeof(pother));
    return sheet_fail(out, ERR_INPUT, xasprintf(SHEET_TR(env,
        "%s 与已填写的 %s 重叠：同一期间只能按月、按季度或按全年填一次",
        "%s overlaps %s, already filled in: a period is entered once"), ptext, pother));
}

/* Marks the period of col 不适用; a period marked so already stays as it is. */
static enum err
commit_na(const struct sheet_env *env, const struct wb_entry *en, int col, struct sheet_out *out)
{
    const struct wb_activity *old;
    const char *note;
    char ptext[16], *cause = NULL;
    struct period p;
    enum err e;

    col_period(env, col, &p);
    period_format(&p, ptext, sizeof(ptext));
    old = find_act(en, &p);
    if (old != NULL && old->na)
        return ERR_OK;
    if ((e = refuse_overlap(env, en, &p, ptext, out)) != ERR_OK)
        return e;
    note = old != NULL ? old->note : entry_note(env, en);
    e = store_activity_put_na(env->st, en->id, ptext, entry_unit(env, en),
                              entry_data_source(env, en), note, NULL, &cause);
    if (e != ERR_OK)
        return sheet_fail(out, e, cause);
    sheet_patch_add(out, en->id, &p, 0, 0, 1, entry_unit(env, en), entry_data_source(env, en),
                    note);
    out->changed = 1;
    sheet_say(out, SHEET_SAY_OK, SHEET_TR(env, "已将 %s 标为不适用（不计排放）",
                                          "Marked %s not applicable (no emissions)"), ptext);
    return ERR_OK;
}

static enum err
commit_value(const struct sheet_env *env, const struct wb_entry *en, int col, const char *text,
             struct sheet_out *out)
{
    const struct field_def *fd = forms_field(env->step->form, "quantity");
    const struct wb_activity *old;
    const char *unit = entry_unit(env, en), *note;
    char ptext[16], shown[64], *cause = NULL;
    struct period p;
    double q, x;
    enum err e;

    col_period(env, col, &p);
    period_format(&p, ptext, sizeof(ptext));
    old = find_act(en, &p);
    if (text_is_blank(text)) {
        if (old == NULL)
            return ERR_OK;
        if ((e = store_activity_delete(env->st, en->id, ptext, &cause)) != ERR_OK)
            return sheet_fail(out, e, cause);
        sheet_patch_add(out, en->id, &p, 1, 0, 0, NULL, NULL, NULL);
        out->changed = 1;
        sheet_say(out, SHEET_SAY_OK, SHEET_TR(env, "已删除 %s 的数据", "Deleted the value of %s"), ptext);
        return ERR_OK;
    }
    if (model_is_na(text))
        return commit_na(env, en, col, out);
    if ((e = forms_validate_lang(fd, text, env->lang, &q, &cause)) != ERR_OK)
        return sheet_fail(out, e, cause);
    if ((e = refuse_overlap(env, en, &p, ptext, out)) != ERR_OK)
        return e;
    if (en->src == NULL)
        return sheet_fail(out, ERR_INPUT, xasprintf("%s", en->source_id));
    if ((e = engine_to_activity(en->src, model_pin(env->y, en->source_id), q, unit, &x, &cause))
        != ERR_OK)
        return sheet_fail(out, e, cause);
    note = old != NULL ? old->note : entry_note(env, en);     /* a new value joins the row's */
    e = store_activity_put(env->st, en->id, ptext, q, unit, entry_data_source(env, en), note,
                           NULL, &cause);
    if (e != ERR_OK)
        return sheet_fail(out, e, cause);
    sheet_patch_add(out, en->id, &p, 0, q, 0, unit, entry_data_source(env, en), note);
    out->changed = 1;
    text_format_number(q, 6, shown, sizeof(shown));
    sheet_say(out, SHEET_SAY_OK, SHEET_TR(env, "已保存 %s：%s %s", "Saved %s: %s %s"), ptext, shown,
              unit);
    return ERR_OK;
}

static enum err
commit(const struct sheet_env *env, const struct sheet *s, int row, int col, const char *text,
       struct sheet_out *out)
{
    const struct wb_entry *en = &env->y->entries[row];

    /* every value written below is noted in out: the screen patches its year with them */
    out->patched = 1;
    if (col == COL_UNIT)
        return commit_unit(env, en, text, out);
    if (col == COL_DATASRC)
        return commit_data_source(env, en, text, out);
    if (col == COL_NOTE)
        return commit_note(env, s, row, en, text, out);
    return commit_value(env, en, col, text, out);
}

/*
 * The help of a cell: a 数据来源 or 备注 filled in shows in full ("备注：1月：抄表 3/25；…"), as
 * the cell may cut it; otherwise how to fill the field in.
 */
static const char *
help(const struct sheet_env *env, const struct sheet *s, int row, int col)
{
    const char *key = col == COL_UNIT ? "unit" : col == COL_DATASRC ? "data_source"
                      : col == COL_NOTE ? "note" : col == COL_SOURCE ? "source" : "quantity";
    const struct field_def *fd = forms_field(env->step->form, key);
    const struct sheet_cell *c = sheet_cell(s, row, col);
    struct state *st;

    if (fd != NULL && (col == COL_DATASRC || col == COL_NOTE) && c != NULL && c->text[0] != '\0') {
        if (*env->state == NULL)
            *env->state = xcalloc(1, sizeof(struct state));
        st = *env->state;
        free(st->help);
        st->help = xasprintf("%s%s%s", forms_label(fd, env->lang), SHEET_TR(env, "：", ": "),
                             c->text);
        return st->help;
    }
    return sheet_field_help(env, fd);
}

/* Enter on a value moves on to the next period, as bills come month after month. */
static void
advance(const struct sheet_env *env, const struct sheet *s, int *row, int *col)
{
    const struct sheet_cell *next = sheet_cell(s, *row, *col + 1);

    (void)env;
    if (*col >= COL_M1 && next != NULL && (next->flags & SHEET_EDIT))
        (*col)++;
}

static enum err
add(const struct sheet_env *env, size_t pick, const char *text, struct sheet_out *out)
{
    enum err e = sheet_source_add(env, pick, text, out);

    out->col = COL_M1;
    return e;
}

static enum sheet_del
del_what(const struct sheet_env *env, const struct sheet *s, int row, int col, char **question)
{
    const struct sheet_cell *c = sheet_cell(s, row, col);
    const struct wb_entry *en;
    char *label;

    if (c == NULL)
        return SHEET_DEL_NONE;
    if ((col >= COL_M1 && col <= COL_YEAR) || col == COL_DATASRC || col == COL_NOTE)
        return c->text[0] != '\0' ? SHEET_DEL_CLEAR : SHEET_DEL_NONE;
    en = &env->y->entries[row];     /* the source, unit and total stand for the row's data */
    if (en->nacts == 0)
        return SHEET_DEL_NONE;
    label = sheet_entry_label(env, en);
    *question = xasprintf(SHEET_TR(env, "删除 %s 本年度的全部 %zu 条活动数据？",
                                   "Delete all values of %s (%zu)?"), label, en->nacts);
    free(label);
    return SHEET_DEL_ASK;
}

static enum err
del(const struct sheet_env *env, const struct sheet *s, int row, int col, struct sheet_out *out)
{
    const struct wb_entry *en = &env->y->entries[row];
    char *label, *cause = NULL, *what;
    size_t i;
    enum err e;

    if ((col >= COL_M1 && col <= COL_YEAR) || col == COL_DATASRC || col == COL_NOTE) {
        what = xasprintf("%s %s", sheet_cell(s, row, COL_SOURCE)->text, s->heads[col]);
        e = sheet_clear(&sheet_activity, env, s, row, col, what, out);
        free(what);
        return e;
    }
    e = store_begin(env->st, &cause);
    for (i = 0; i < en->nacts && e == ERR_OK; i++) {
        char p[16];

        period_format(&en->acts[i].period, p, sizeof(p));
        if ((e = store_activity_delete(env->st, en->id, p, &cause)) == ERR_OK)
            sheet_patch_add(out, en->id, &en->acts[i].period, 1, 0, 0, NULL, NULL, NULL);
    }
    if (e == ERR_OK)
        e = store_commit(env->st, &cause);
    if (e != ERR_OK) {
        store_rollback(env->st);
        return sheet_fail(out, e, cause);
    }
    label = sheet_entry_label(env, en);
    out->changed = 1;
    out->patched = 1;
    sheet_say(out, SHEET_SAY_OK, SHEET_TR(env, "已删除 %s 的活动数据（Ctrl-Z 可撤销）",
                                          "Deleted the values of %s (Ctrl-Z undoes)"), label);
    free(label);
    return ERR_OK;
}

static int
locate(const struct sheet_env *env, const struct sheet *s, const struct check_where *w, int *row,
       int *col)
{
    (void)s;
    if ((*row = sheet_entry_row(env, w->entry_id)) < 0)
        return 0;
    *col = COL_M1;
    if (w->field != NULL && strcmp(w->field, "data_source") == 0)
        *col = COL_DATASRC;
    else if (w->field != NULL && strcmp(w->field, "unit") == 0)
        *col = COL_UNIT;
    else if (w->has_period)
        *col = w->period.kind == PERIOD_MONTH ? COL_M1 + w->period.index - 1
               : w->period.kind == PERIOD_QUARTER ? COL_Q1 + w->period.index - 1 : COL_YEAR;
    return 1;
}

const struct sheet_ops sheet_activity = {
    .locate = locate,
    .name = "activity",
    .build = build,
    .commit = commit,
    .help = help,
    .advance = advance,
    .add_choice = sheet_source_choice,
    .add = add,
    .del_what = del_what,
    .del = del,
    .state_free = state_free,
    .build_row = rebuild_row,
};
