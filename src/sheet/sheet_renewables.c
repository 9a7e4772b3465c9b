/*
 * sheet_renewables.c - N.1 可再生能源与绿电 (001 §6.2, 003 §7.3): one row per renewable row of the
 * year on screen (PV and other renewable power used on site, renewable heat, green power bought),
 * by the year or by month, with its evidence. A row counts in the shares only with an evidence
 * reference; a file named as evidence has its SHA-256 taken on saving and compared on every
 * build. Every change is validated as the command line validates it (neutral_renewable_valid,
 * neutral_renewable_clash) and refused with the reason, the typed text kept. Ins adds a row of a
 * kind, Enter on 类别 picks the kind, Del clears a text or deletes the row (asking).
 */
#include "sheet/sheet.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/period.h"
#include "base/text.h"

enum { COL_KIND, COL_PERIOD, COL_QTY, COL_UNIT, COL_STATE, COL_EV, COL_CAP, COL_FILE, COL_NOTE,
       NCOLS };

static const char *const keys[NCOLS] = {"kind", "period", "quantity", "unit", "state",
                                        "evidence", "capacity_kw", "evidence_file", "note"};
/* 80 columns show the kind to 佐证 (a longer kind is cut: the help line has it in full) */
static const int widths_zh[NCOLS] = {20, 8, 10, 4, 14, 14, 8, 24, 16};
static const int widths_en[NCOLS] = {20, 8, 10, 4, 14, 14, 8, 24, 16};

struct renew_state {
    struct wb_plan plan;
    int ok;
    size_t *rows;           /* the year's rows: indices into plan.renewables */
    size_t nrows;
    char *help;             /* the help line last returned */
};

static void
state_free(void *state)
{
    struct renew_state *rs = state;

    if (rs == NULL)
        return;
    plan_free(&rs->plan);
    free(rs->rows);
    free(rs->help);
    free(rs);
}

static const char *
unit_of(enum renew_kind k)
{
    return k == RENEW_HEAT ? "GJ" : "kWh";
}

/* Loads the plan into the state; the year's rows in the plan's order (year, kind, period). */
static struct renew_state *
reload(const struct sheet_env *env, char **cause)
{
    struct renew_state *rs = *env->state;
    size_t i;

    if (rs == NULL)
        *env->state = rs = xcalloc(1, sizeof(*rs));
    plan_free(&rs->plan);
    free(rs->rows);
    rs->rows = NULL;
    rs->nrows = 0;
    rs->ok = book_load_plan(env->book, &rs->plan, cause) == ERR_OK;
    if (!rs->ok)
        return rs;
    rs->rows = xcalloc(rs->plan.nrenewables + 1, sizeof(*rs->rows));
    for (i = 0; i < rs->plan.nrenewables; i++)
        if (rs->plan.renewables[i].year == env->y->year)
            rs->rows[rs->nrows++] = i;
    return rs;
}

static void
build(const struct sheet_env *env, struct sheet *s)
{
    const int *widths = env->lang == LANG_EN ? widths_en : widths_zh;
    char *cause = NULL;
    struct renew_state *rs = reload(env, &cause);
    size_t i;
    int c;

    sheet_init(s, (int)rs->nrows, NCOLS, 1);
    for (c = 0; c < NCOLS; c++)
        sheet_head(s, c, sheet_label(env, keys[c]), widths[c]);
    s->start_col = COL_QTY;
    if (!rs->ok) {
        s->empty = cause != NULL ? cause : xstrdup("");
        return;
    }
    s->empty = xstrdup(
        SHEET_TR(env, "还没有记录：按 Ins 添加光伏、其他可再生电力、可再生热力或绿色电力交易",
                 "Nothing yet: press Ins to add PV, other renewable power, heat or green power"));
    for (i = 0; i < rs->nrows; i++) {
        const struct wb_renewable *w = &rs->plan.renewables[rs->rows[i]];
        int r = (int)i;
        unsigned fl;
        char *st = sheet_evidence_state(env, &w->ev, &fl);

        sheet_set(s, r, COL_KIND, xstrdup(neutral_renew_label(w->kind, env->lang)), SHEET_EDIT);
        sheet_set(s, r, COL_PERIOD, sheet_dup0(w->period), SHEET_EDIT);
        sheet_set(s, r, COL_QTY, sheet_amount(w->quantity, 0), SHEET_EDIT | SHEET_NUM);
        sheet_set(s, r, COL_UNIT, xstrdup(unit_of(w->kind)), SHEET_DIM);
        if (fl & SHEET_WARN)
            sheet_note(s, r, COL_STATE, xstrdup(st));
        sheet_set(s, r, COL_STATE, st, fl);
        sheet_set(s, r, COL_CAP, sheet_amount(w->capacity_kw, 1), SHEET_EDIT | SHEET_NUM);
        sheet_set(s, r, COL_EV, sheet_dup0(w->ev.ref), SHEET_EDIT);
        sheet_set(s, r, COL_FILE, sheet_dup0(w->ev.file), SHEET_EDIT);
        sheet_set(s, r, COL_NOTE, sheet_dup0(w->note), SHEET_EDIT);
    }
}

static const struct wb_renewable *
row_at(const struct sheet_env *env, int r)
{
    const struct renew_state *rs = *env->state;

    return rs != NULL && rs->ok && r >= 0 && (size_t)r < rs->nrows
           ? &rs->plan.renewables[rs->rows[r]] : NULL;
}

static void
copy(struct wb_renewable *to, const struct wb_renewable *from)
{
    *to = *from;
    to->period = sheet_dup0(from->period);
    to->ev.ref = sheet_dup0(from->ev.ref);
    to->ev.file = sheet_dup0(from->ev.file);
    to->ev.sha256 = sheet_dup0(from->ev.sha256);
    to->note = sheet_dup0(from->note);
}

/* Whether s holds part, ASCII case ignored. */
static int
holds(const char *s, const char *part)
{
    size_t n = strlen(part);

    for (; *s != '\0'; s++)
        if (strncasecmp(s, part, n) == 0)
            return 1;
    return 0;
}

/* The kind typed: its id or label, or the one kind whose label holds the text ("光伏", "heat"). */
static int
kind_named(const char *text)
{
    int k = neutral_renew_find(text), i, n = 0;

    for (i = 0; k < 0 && text[0] != '\0' && i < RENEW__COUNT; i++)
        if (strstr(neutral_renew_label((enum renew_kind)i, LANG_ZH), text) != NULL
            || holds(neutral_renew_label((enum renew_kind)i, LANG_EN), text)) {
            n++;
            k = i;
        }
    return n <= 1 || neutral_renew_find(text) >= 0 ? k : -1;
}

/* Validates w against the plan and saves it; ERR_INPUT (the editor stays) with the reason. */
static enum err
save(const struct sheet_env *env, struct wb_renewable *w, const char *what, struct sheet_out *out)
{
    const struct renew_state *rs = *env->state;
    char *cause = NULL;
    enum err e;

    if (neutral_renewable_valid(w, env->lang, &cause) != ERR_OK
        || neutral_renewable_clash(&rs->plan, w, env->lang, &cause) != ERR_OK)
        return sheet_fail(out, ERR_INPUT, cause);
    if ((e = store_renewable_put(env->st, w, &cause)) != ERR_OK)
        return sheet_fail(out, e, cause);
    out->changed = 1;
    sheet_say(out, SHEET_SAY_OK, SHEET_TR(env, "已保存“%s”（Ctrl-Z 可撤销）", "Saved “%s” (Ctrl-Z undoes)"),
              what);
    return ERR_OK;
}

static enum err
commit(const struct sheet_env *env, const struct sheet *s, int r, int col, const char *text,
       struct sheet_out *out)
{
    const struct wb_renewable *old = row_at(env, r);
    const struct field_def *fd = col >= 0 && col < NCOLS ? forms_field(env->step->form, keys[col])
                                                          : NULL;
    struct wb_renewable w;
    char *v, *cause = NULL, **slot = NULL;
    double x;
    int k;
    enum err e = ERR_OK;

    (void)s;
    if (old == NULL || fd == NULL || fd->computed)
        return ERR_NOTFOUND;
    v = text_trim(text);
    if (fd->type == FT_TEXT && fd->max > 0
        && forms_validate_lang(fd, v, env->lang, &x, &cause) != ERR_OK) {
        free(v);
        return sheet_fail(out, ERR_INPUT, cause);
    }
    copy(&w, old);
    switch (col) {
    case COL_KIND:
        if ((k = kind_named(v)) < 0)
            e = sheet_fail(
                out, ERR_INPUT,
                xasprintf(SHEET_TR(env,
                                   "没有类别“%s”：可选 光伏发电（自用）、其他可再生电力（自用）、"
                                   "可再生热力、绿色电力交易（购入）（按 Enter 选择）",
                                   "No kind “%s”: PV used on site, other renewable power, "
                                   "renewable heat, green power bought (Enter picks)"),
                          v));
        else
            w.kind = (enum renew_kind)k;
        break;
    case COL_PERIOD: slot = &w.period; break;
    case COL_QTY:
    case COL_CAP:
        if ((e = sheet_number(env, fd, v, &x, out)) == ERR_OK)
            *(col == COL_QTY ? &w.quantity : &w.capacity_kw) = x;
        break;
    case COL_EV: slot = &w.ev.ref; break;
    case COL_FILE: e = sheet_evidence_file(env, &w.ev, v, out); break;
    case COL_NOTE: slot = &w.note; break;
    default: e = ERR_NOTFOUND; break;
    }
    if (slot != NULL) {
        free(*slot);
        *slot = v;
        v = NULL;
    }
    free(v);
    if (e == ERR_OK)
        e = save(env, &w, forms_label(fd, env->lang), out);
    plan_renewable_free(&w);
    return e;
}

static const char *
help(const struct sheet_env *env, const struct sheet *s, int row, int col)
{
    const struct field_def *fd = col >= 0 && col < NCOLS ? forms_field(env->step->form, keys[col])
                                                          : NULL;
    const struct sheet_cell *c = sheet_cell(s, row, col);
    struct renew_state *rs = *env->state;

    /* a text the cell may cut shows in full ("佐证文件：/home/…/结算单.pdf") */
    if (rs != NULL && c != NULL && (col == COL_KIND || col == COL_EV || col >= COL_FILE))
        return sheet_text_help(env, fd, c->text, &rs->help);
    return sheet_field_help(env, fd);
}

/* The four kinds, to pick from (Ins, Enter on 类别); values: their ids. */
static void
kinds(const struct sheet_env *env, struct sheet_choice *c, int values)
{
    int i;

    c->labels = xcalloc(RENEW__COUNT + 1, sizeof(*c->labels));
    c->match = xcalloc(RENEW__COUNT + 1, sizeof(*c->match));
    c->values = values ? xcalloc(RENEW__COUNT + 1, sizeof(*c->values)) : NULL;
    for (i = 0; i < RENEW__COUNT; i++) {
        c->labels[c->n] = xasprintf("%s（%s）", neutral_renew_label((enum renew_kind)i, env->lang),
                                    unit_of((enum renew_kind)i));
        c->match[c->n] = xasprintf("%s|%s|%s", neutral_renew_id((enum renew_kind)i),
                                   neutral_renew_label((enum renew_kind)i, LANG_ZH),
                                   neutral_renew_label((enum renew_kind)i, LANG_EN));
        if (values)
            c->values[c->n] = xstrdup(neutral_renew_id((enum renew_kind)i));
        c->n++;
    }
}

static int
cell_choice(const struct sheet_env *env, const struct sheet *s, int row, int col,
            struct sheet_choice *c)
{
    (void)s;
    if (col != COL_KIND || row_at(env, row) == NULL)
        return 0;
    memset(c, 0, sizeof(*c));
    c->title = xstrdup(SHEET_TR(env, "类别", "Kind"));
    kinds(env, c, 1);
    return 1;
}

static void
add_choice(const struct sheet_env *env, struct sheet_choice *c)
{
    memset(c, 0, sizeof(*c));
    c->title = xstrdup(SHEET_TR(env, "添加可再生能源或绿电", "Add renewables or green power"));
    c->then_ask =
        xasprintf(SHEET_TR(env, "期间 数量（如 %d 12000，或 %d-03 1000；可留空）：",
                           "Period and quantity (e.g. %d 12000, or %d-03 1000; may be empty): "),
                  env->y->year, env->y->year);
    kinds(env, c, 0);
}

/* "2024 12000", "2024-03 1000", "12000" (the year), "" into w's period and quantity. */
static enum err
period_and_quantity(const struct sheet_env *env, const char *text, struct wb_renewable *w,
                    struct sheet_out *out)
{
    const struct field_def *fd = forms_field(env->step->form, "quantity");
    char *t = text_trim(text != NULL ? text : ""), *sp = strchr(t, ' '), *q = NULL;
    struct period p;
    char *why = NULL;
    enum err e = ERR_OK;

    if (sp != NULL) {
        *sp = '\0';
        q = sp + 1;
    }
    if (t[0] != '\0' && (q != NULL || (period_parse(t, &p, &why) == ERR_OK && p.year == w->year))) {
        w->period = xstrdup(t);
    } else {
        w->period = xasprintf("%d", w->year);
        q = t;
    }
    free(why);
    if (q != NULL)
        e = sheet_number(env, fd, q, &w->quantity, out);
    free(t);
    return e;
}

/* The row of renewable id once the plan is loaded again, or -1. */
static int
row_of(const struct sheet_env *env, long long id)
{
    char *cause = NULL;
    struct renew_state *rs = reload(env, &cause);
    size_t i;

    free(cause);
    for (i = 0; i < rs->nrows; i++)
        if (rs->plan.renewables[rs->rows[i]].id == id)
            return (int)i;
    return -1;
}

static enum err
add(const struct sheet_env *env, size_t pick, const char *text, struct sheet_out *out)
{
    struct wb_renewable w = {0};
    enum err e;

    if (pick >= RENEW__COUNT || *env->state == NULL)
        return ERR_NOTFOUND;
    w.year = env->y->year;
    w.kind = (enum renew_kind)pick;
    w.ev.ref = xstrdup("");
    w.ev.file = xstrdup("");
    w.ev.sha256 = xstrdup("");
    w.note = xstrdup("");
    if ((e = period_and_quantity(env, text, &w, out)) == ERR_OK
        && (e = save(env, &w, neutral_renew_label(w.kind, env->lang), out)) == ERR_OK) {
        out->row = row_of(env, w.id);
        out->col = w.quantity > 0 ? COL_EV : COL_QTY;
        sheet_say(
            out, SHEET_SAY_OK,
            SHEET_TR(
                env, "已添加 %s %s：请填写佐证（无佐证的不计入；Ctrl-Z 可撤销）",
                "Added %s %s: give its evidence (without it, it does not count; Ctrl-Z undoes)"),
            neutral_renew_label(w.kind, env->lang), w.period);
    }
    plan_renewable_free(&w);
    return e;
}

static enum sheet_del
del_what(const struct sheet_env *env, const struct sheet *s, int r, int col, char **question)
{
    const struct wb_renewable *w = row_at(env, r);
    const struct sheet_cell *c = sheet_cell(s, r, col);

    if (w == NULL || c == NULL)
        return SHEET_DEL_NONE;
    if (col == COL_CAP || col >= COL_EV)
        return c->text[0] != '\0' ? SHEET_DEL_CLEAR : SHEET_DEL_NONE;
    *question = xasprintf(SHEET_TR(env, "删除 %s %s 这一行？", "Delete the row %s %s?"),
                          neutral_renew_label(w->kind, env->lang), w->period);
    return SHEET_DEL_ASK;
}

static enum err
del(const struct sheet_env *env, const struct sheet *s, int r, int col, struct sheet_out *out)
{
    const struct wb_renewable *w = row_at(env, r);

    if (w == NULL)
        return ERR_NOTFOUND;
    if (col == COL_CAP || col >= COL_EV)
        return sheet_clear(&sheet_renewables, env, s, r, col, s->heads[col], out);
    return sheet_claim_delete(env, "renewable", w->id, r, "已删除这一行（Ctrl-Z 可撤销）",
                              "Deleted the row (Ctrl-Z undoes)", out);
}

const struct sheet_ops sheet_renewables = {
    .name = "renewables",
    .build = build,
    .commit = commit,
    .help = help,
    .add_choice = add_choice,
    .add = add,
    .del_what = del_what,
    .del = del,
    .cell_choice = cell_choice,
    .state_free = state_free,
};
