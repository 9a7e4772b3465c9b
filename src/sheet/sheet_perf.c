/*
 * sheet_perf.c - P.1 碳绩效, computed (core/perf.h through book_perf): the carbon performance
 * parameters of the year on screen as reported and like for like with the base period's factors,
 * with their change against the year before and against the base; below, the trend of the
 * principal parameters over every year (a sparkline with the first and last values), the base
 * period in force (or how to set one), and the change against the base split per source into
 * an activity and a factor effect. F2 sets the base period: a kind and its years picked from the
 * workbook's years, then the reason (003 §6.2.3); Ctrl-Z undoes it as any edit.
 */
#include "sheet/sheet.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/text.h"
#include "base/width.h"

enum { COL_ITEM, COL_UNIT, COL_REP, COL_PREV, COL_BASE, COL_LFL, COL_BASE_LFL, NCOLS };

static const char *const keys[NCOLS] = {"item", "unit", "reported", "vs_prev_pct", "vs_base_pct",
                                        "like_for_like", "vs_base_lfl_pct"};
/* 80 columns leave 78 for the grid: 单位建筑面积碳排放量, kgCO₂e/m², "可比(2022)", "±base %" */
static const int widths_zh[NCOLS] = {20, 9, 8, 7, 7, 10, 8};
static const int widths_en[NCOLS] = {24, 9, 8, 7, 7, 9, 8};

/* The figures of the first block, in order; the degree-day ones only when degree-days are
   entered. */
static const enum perf_key shown_keys[] = {
    PK_TOTAL, PK_SCOPE1, PK_SCOPE2, PK_INTENSITY, PK_PER_CAPITA, PK_ENERGY, PK_ENERGY_INTENSITY,
    PK_ENERGY_PER_CAPITA, PK_COAL_SHARE, PK_HEAT_PER_HDD, PK_ELEC_PER_DD, PK_NEUTRALITY,
    PK_RENEWABLE, PK_GREEN_POWER,
};
/* The trend block: the parameters a target may be set on, and energy. */
static const enum perf_key trend_keys[] = {
    PK_TOTAL, PK_INTENSITY, PK_PER_CAPITA, PK_ENERGY, PK_ENERGY_INTENSITY,
};

/* What the last build computed; F2 reads the years from it. */
struct perf_state {
    int ok;
    struct perf p;
};

static void
state_free(void *state)
{
    struct perf_state *ps = state;

    if (ps != NULL && ps->ok)
        perf_free(&ps->p);
    free(ps);
}

/* The state of env, recomputed (ok 0 and *cause when book_perf failed). */
static struct perf_state *
recompute(const struct sheet_env *env, char **cause)
{
    struct perf_state *ps = *env->state;

    if (ps == NULL)
        *env->state = ps = xcalloc(1, sizeof(*ps));
    if (ps->ok)
        perf_free(&ps->p);
    ps->ok = book_perf(env->book, env->y->year, env->lang, &ps->p, cause) == ERR_OK;
    return ps;
}

static const char *
label(const struct sheet_env *env, enum perf_key k)
{
    return env->lang == LANG_EN ? perf_key(k)->en : perf_key(k)->zh;
}

/* The unit of k as the screen shows it: "tCO₂e/人" in English is "tCO₂e/cap". */
static char *
unit(const struct sheet_env *env, enum perf_key k)
{
    const char *u = perf_key(k)->unit, *p = strstr(u, "人");

    if (env->lang != LANG_EN || p == NULL)
        return xstrdup(u);
    return xasprintf("%.*scap%s", (int)(p - u), u, p + strlen("人"));
}

static char *
num(struct perf_num n, int decimals)
{
    return n.ok ? sheet_fixed(n.v, decimals) : xstrdup("—");
}

/* A change in %, signed ("+8.77", "−1.12"), or "—". */
static char *
pct(struct perf_num n)
{
    if (!n.ok)
        return xstrdup("—");
    if (fabs(n.v) < 0.005)
        return xstrdup("0.00");
    return n.v < 0 ? xasprintf("−%.2f", -n.v) : xasprintf("+%.2f", n.v);
}

/* A signed tCO₂e figure, as pct. */
static char *
signed_t(double v)
{
    if (fabs(v) < 0.005)
        return xstrdup("0.00");
    return v < 0 ? xasprintf("−%.2f", -v) : xasprintf("+%.2f", v);
}

static int
key_shown(const struct perf_year *py, enum perf_key k)
{
    if (k == PK_HEAT_PER_HDD)
        return py != NULL && py->has_hdd;
    if (k == PK_ELEC_PER_DD)
        return py != NULL && (py->has_hdd || py->has_cdd);
    return 1;
}

/* "▁▃▇": the values over the years, lowest ▁, highest █; a year without a value is a space. */
static char *
sparkline(const struct perf *p, enum perf_key k, size_t from)
{
    static const char *const bars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    struct strbuf sb = {0};
    double lo = 0, hi = 0;
    int any = 0;
    size_t i;

    for (i = from; i < p->nyears; i++)
        if (p->years[i].rep[k].ok) {
            double v = p->years[i].rep[k].v;

            lo = !any || v < lo ? v : lo;
            hi = !any || v > hi ? v : hi;
            any = 1;
        }
    sb_append(&sb, "");
    for (i = from; i < p->nyears; i++) {
        const struct perf_num *n = &p->years[i].rep[k];
        int level = 3;

        if (!n->ok) {
            sb_append(&sb, " ");
            continue;
        }
        if (hi > lo)
            level = (int)floor((n->v - lo) / (hi - lo) * 7.0 + 0.5);
        sb_append(&sb, bars[level]);
    }
    return sb_take(&sb);
}

/* Rows, growing as they are added. */
struct rows {
    struct sheet *s;
    int n;
};

/* A new row, its cells empty. */
static int
add_row(struct rows *rs)
{
    struct sheet *s = rs->s;

    if (rs->n == s->nrows)
        fatal("sheet_perf: more rows than counted (%d)", s->nrows);
    return rs->n++;
}

/* A row of one text running over the whole line, with its full text as the note. */
static void
wide(struct rows *rs, char *text, unsigned flags)
{
    int r = add_row(rs);

    sheet_note(rs->s, r, COL_ITEM, xstrdup(text));
    sheet_set(rs->s, r, COL_ITEM, text, SHEET_WIDE | flags);
}

static void
figures(const struct sheet_env *env, struct rows *rs, const struct perf_year *py)
{
    size_t i;

    for (i = 0; i < nitems(shown_keys); i++) {
        enum perf_key k = shown_keys[i];
        int d = perf_key(k)->decimals, r;

        if (!key_shown(py, k))
            continue;
        r = add_row(rs);
        sheet_set(rs->s, r, COL_ITEM, xstrdup(label(env, k)), 0);
        sheet_set(rs->s, r, COL_UNIT, unit(env, k), SHEET_DIM);
        sheet_set(rs->s, r, COL_REP, num(py->rep[k], d), SHEET_NUM);
        sheet_set(rs->s, r, COL_PREV, pct(py->prev_pct[k]), SHEET_NUM);
        sheet_set(rs->s, r, COL_BASE, pct(py->base_pct[k]), SHEET_NUM);
        sheet_set(rs->s, r, COL_LFL, num(py->lfl[k], d), SHEET_NUM);
        sheet_set(rs->s, r, COL_BASE_LFL, pct(py->base_lfl_pct[k]), SHEET_NUM);
    }
}

/* The trend of each parameter over the latest years that fit the sparkline's column. */
static void
trend(const struct sheet_env *env, struct rows *rs, const struct perf *p, int room)
{
    size_t from = p->nyears > (size_t)room ? p->nyears - (size_t)room : 0, i, j, first, last;
    int r = add_row(rs);

    sheet_set(rs->s, r, COL_ITEM, xstrdup(SHEET_TR(env, "趋势（按报告值）", "Trend (as reported)")),
              0);
    sheet_set(rs->s, r, COL_REP, xasprintf("%d", p->years[from].year), SHEET_NUM | SHEET_DIM);
    sheet_set(rs->s, r, COL_LFL, xasprintf("%d", p->years[p->nyears - 1].year),
              SHEET_NUM | SHEET_DIM);
    sheet_set(rs->s, r, COL_BASE_LFL, xstrdup(SHEET_TR(env, "变化%", "Change%")),
              SHEET_NUM | SHEET_DIM);
    for (i = 0; i < nitems(trend_keys); i++) {
        enum perf_key k = trend_keys[i];
        int d = perf_key(k)->decimals;

        r = add_row(rs);
        for (first = from; first < p->nyears && !p->years[first].rep[k].ok; first++)
            ;
        for (last = p->nyears, j = from; j < p->nyears; j++)
            if (p->years[j].rep[k].ok)
                last = j;
        sheet_set(rs->s, r, COL_ITEM, xstrdup(label(env, k)), 0);
        sheet_set(rs->s, r, COL_UNIT, sparkline(p, k, from), 0);
        if (first >= p->nyears)
            continue;
        sheet_set(rs->s, r, COL_REP, num(p->years[from].rep[k], d), SHEET_NUM);
        sheet_set(rs->s, r, COL_LFL, num(p->years[p->nyears - 1].rep[k], d), SHEET_NUM);
        if (last < p->nyears && last > first && p->years[first].rep[k].v != 0)
            sheet_set(rs->s, r, COL_BASE_LFL,
                      pct((struct perf_num){1, (p->years[last].rep[k].v / p->years[first].rep[k].v
                                                - 1.0) * 100.0}), SHEET_NUM);
    }
}

/* "基准值（按报告值）：53.66 tCO₂e · 26.83 kgCO₂e/m² · 1.073 tCO₂e/人"; caller frees. */
static char *
base_values(const struct sheet_env *env, const struct perf_base *b)
{
    static const enum perf_key ks[] = {PK_TOTAL, PK_INTENSITY, PK_PER_CAPITA};
    struct strbuf sb = {0};
    size_t i;

    sb_append(&sb, SHEET_TR(env, "  基准值（按报告值）：", "  Base values (as reported): "));
    for (i = 0; i < nitems(ks); i++) {
        char *v = num(b->rep[ks[i]], perf_key(ks[i])->decimals), *u = unit(env, ks[i]);

        sb_printf(&sb, "%s%s %s", i > 0 ? " · " : "", v, u);
        free(v);
        free(u);
    }
    return sb_take(&sb);
}

/*
 * The base per degree-day, where degree-days are entered in its years (001 §6.2 relevant
 * variables), each with its formula.
 */
static void
normalised(const struct sheet_env *env, struct rows *rs, const struct perf_base *b)
{
    static const enum perf_key ks[] = {PK_HEAT_PER_HDD, PK_ELEC_PER_DD};
    size_t i;

    for (i = 0; i < nitems(ks); i++) {
        const struct perf_key_def *d = perf_key(ks[i]);
        char *v, *u;

        if (!b->rep[ks[i]].ok)
            continue;
        v = num(b->rep[ks[i]], d->decimals);
        u = unit(env, ks[i]);
        wide(rs, xasprintf(SHEET_TR(env, "  基准值：%s = %s %s", "  Base: %s = %s %s"),
                           SHEET_TR(env, d->formula_zh, d->formula_en), v, u), 0);
        free(v);
        free(u);
    }
}

/* The earlier settings of the base, newest first (003 §6.2.3: a reset is disclosed with why). */
static void
history(const struct sheet_env *env, struct rows *rs, const struct perf *p)
{
    size_t i;

    if (p->nhistory < 2)
        return;
    wide(rs, xasprintf(SHEET_TR(env, "  此前的设定（%zu 次）：", "  Earlier settings (%zu):"),
                       p->nhistory - 1), SHEET_DIM);
    for (i = p->nhistory - 1; i-- > 0;) {
        const struct wb_base *h = &p->history[i];
        char *words = plan_base_words(h, env->lang);

        wide(rs,
             xasprintf("    %.10s  %s%s%s", h->at != NULL ? h->at : "", words,
                       h->reason != NULL && h->reason[0] != '\0' ? SHEET_TR(env, "：", ": ") : "",
                       h->reason != NULL ? h->reason : ""),
             SHEET_DIM);
        free(words);
    }
}

/* The base period in force, what it lacks, and why it was set. */
static void
base_lines(const struct sheet_env *env, struct rows *rs, const struct perf *p)
{
    const struct perf_base *b = &p->base;
    char *words;

    if (!b->set) {
        wide(rs,
             xstrdup(SHEET_TR(env, "尚未设定碳基准：按 F2 设定（可比值与较基准变化随之算出）",
                              "No base period yet: press F2 to set one (like for like follows)")),
             SHEET_WARN);
        return;
    }
    words = plan_base_words(&b->def, env->lang);
    if (b->factor_year > 0)
        wide(rs, xasprintf(SHEET_TR(env, "碳基准：%s，因子取 %d 年（F2 重设，Ctrl-Z 撤销）",
                                    "Base: %s, factors of %d (F2 resets, Ctrl-Z undoes)"),
                           words, b->factor_year), 0);
    else
        wide(rs, xasprintf(SHEET_TR(env, "碳基准：%s（F2 重设）", "Base: %s (F2 resets)"), words), 0);
    free(words);
    if (b->ok)
        wide(rs, base_values(env, b), 0);
    if (b->ok)
        normalised(env, rs, b);
    if (b->def.reason != NULL && b->def.reason[0] != '\0')
        wide(rs, xasprintf(SHEET_TR(env, "  原因：%s", "  Reason: %s"), b->def.reason), SHEET_DIM);
    history(env, rs, p);
    if (b->missing != NULL)
        wide(rs, xasprintf(SHEET_TR(env, "  ✗ 无法计算：%s", "  ✗ Cannot compute: %s"), b->missing),
             SHEET_MISSING);
    if (b->note != NULL)
        wide(rs, xasprintf("  ! %s", b->note), SHEET_WARN);
}

/* The change of the total against the base, per source: as reported = activity + factor. */
static void
split(const struct sheet_env *env, struct rows *rs, const struct perf_year *py)
{
    size_t i;
    int r = add_row(rs);

    sheet_set(rs->s, r, COL_ITEM, xstrdup(SHEET_TR(env, "较基准变化分解 tCO₂e", "Change on base, tCO₂e")),
              0);
    sheet_set(rs->s, r, COL_REP, xstrdup(SHEET_TR(env, "变化", "Change")), SHEET_NUM | SHEET_DIM);
    sheet_set(rs->s, r, COL_LFL, xstrdup(SHEET_TR(env, "活动影响", "Activity")), SHEET_NUM | SHEET_DIM);
    sheet_set(rs->s, r, COL_BASE_LFL, xstrdup(SHEET_TR(env, "因子影响", "Factor")),
              SHEET_NUM | SHEET_DIM);
    sheet_note(rs->s, r, COL_ITEM, xstrdup(SHEET_TR(env,
        "活动影响 = 按基准期因子的可比变化；因子影响 = 按报告值的变化 − 活动影响；两者相加即为变化",
        "Activity: the change at the base's factors; factor: the change as reported less that; "
        "they add up to the change")));
    for (i = 0; i < py->neffects; i++) {
        const struct perf_effect *e = &py->effects[i];

        r = add_row(rs);
        sheet_set(rs->s, r, COL_ITEM, xasprintf("  %s", e->label != NULL ? e->label : "?"), 0);
        sheet_set(rs->s, r, COL_REP, signed_t(e->tco2e - e->base_tco2e), SHEET_NUM);
        sheet_set(rs->s, r, COL_LFL, signed_t(e->activity_tco2e), SHEET_NUM);
        sheet_set(rs->s, r, COL_BASE_LFL, signed_t(e->factor_tco2e), SHEET_NUM);
    }
    r = add_row(rs);
    sheet_set(rs->s, r, COL_ITEM, xstrdup(SHEET_TR(env, "  合计", "  Total")), 0);
    sheet_set(rs->s, r, COL_REP, signed_t(py->activity_tco2e + py->factor_tco2e), SHEET_NUM);
    sheet_set(rs->s, r, COL_LFL, signed_t(py->activity_tco2e), SHEET_NUM);
    sheet_set(rs->s, r, COL_BASE_LFL, signed_t(py->factor_tco2e), SHEET_NUM);
}

static void
build(const struct sheet_env *env, struct sheet *s)
{
    const int *widths = env->lang == LANG_EN ? widths_en : widths_zh;
    char *cause = NULL;
    struct perf_state *ps = recompute(env, &cause);
    const struct perf_year *py;
    struct rows rs = {.s = s};
    size_t i;
    int c, n;

    if (!ps->ok) {
        sheet_init(s, 0, NCOLS, 1);
        for (c = 0; c < NCOLS; c++)
            sheet_head(s, c, sheet_label(env, keys[c]), widths[c]);
        s->empty = cause != NULL ? cause : xstrdup("");
        return;
    }
    py = perf_cur(&ps->p);
    /* figures, a blank, the trend (head + rows), a blank, the base (up to 5, 2 per degree-day,
       the earlier settings with their head), a blank, the split */
    n = (int)nitems(shown_keys) + 1 + 1 + (int)nitems(trend_keys) + 1 + 5 + 2
        + (ps->p.nhistory > 1 ? (int)ps->p.nhistory : 0) + 1
        + (py->has_effects ? (int)py->neffects + 2 : 0) + (py->why != NULL ? 1 : 0);
    sheet_init(s, n, NCOLS, 1);
    for (c = 0; c < NCOLS; c++)
        sheet_head(s, c, sheet_label(env, keys[c]), widths[c]);
    if (ps->p.base.factor_year > 0) {
        char *h = xasprintf("%s(%d)", sheet_label(env, "like_for_like"), ps->p.base.factor_year);

        sheet_head(s, COL_LFL, h, widths[COL_LFL]);
        free(h);
    }
    for (i = 0; i < nitems(shown_keys); i++) { /* a label or unit wider than its column widens it */
        char *u = unit(env, shown_keys[i]);

        if (key_shown(py, shown_keys[i])
            && width_of(label(env, shown_keys[i])) > s->widths[COL_ITEM])
            s->widths[COL_ITEM] = width_of(label(env, shown_keys[i]));
        if (key_shown(py, shown_keys[i]) && width_of(u) > s->widths[COL_UNIT])
            s->widths[COL_UNIT] = width_of(u);
        free(u);
    }
    if (py->why != NULL)
        wide(&rs, xasprintf(SHEET_TR(env, "✗ %d 年无法计算：%s", "✗ %d cannot be computed: %s"),
                            py->year, py->why), SHEET_MISSING);
    figures(env, &rs, py);
    add_row(&rs);
    trend(env, &rs, &ps->p, s->widths[COL_UNIT]);
    add_row(&rs);
    base_lines(env, &rs, &ps->p);
    if (py->has_effects) {
        add_row(&rs);
        split(env, &rs, py);
    }
    /* fewer rows than counted: the cells past the last are dropped */
    for (i = (size_t)rs.n * NCOLS; i < (size_t)s->nrows * NCOLS; i++) {
        free(s->cells[i].text);
        free(s->cells[i].note);
    }
    s->nrows = rs.n;
}

static const char *
help(const struct sheet_env *env, const struct sheet *s, int row, int col)
{
    const struct field_def *fd = forms_field(env->step->form, keys[col]);

    (void)s;
    (void)row;
    return sheet_field_help(env, fd);
}

/* ---- F2: the base period ------------------------------------------------------------------- */

/* The bases offered: each year alone, the averages of 2 to 5 consecutive years, moving 1 to 5. */
static size_t
offers(const struct perf *p, struct wb_base *v, size_t cap)
{
    size_t n = 0, i, j, k;
    int m;

    for (i = 0; i < p->nyears && n < cap; i++)
        v[n++] = (struct wb_base){.kind = BASE_YEAR, .years = {p->years[i].year}, .nyears = 1};
    for (i = 0; i < p->nyears; i++)
        for (j = i + 1; j < p->nyears && j < i + 5 && n < cap; j++) {
            if (p->years[j].year - p->years[i].year != (int)(j - i))
                break;                  /* a gap: no longer consecutive */
            memset(&v[n], 0, sizeof(v[n]));
            v[n].kind = BASE_AVERAGE;
            for (k = i; k <= j; k++)
                v[n].years[v[n].nyears++] = p->years[k].year;
            n++;
        }
    for (m = 1; m <= 5 && n < cap; m++)
        v[n++] = (struct wb_base){.kind = BASE_MOVING, .moving_n = m};
    return n;
}

#define OFFERS_MAX 64

static int
same_base(const struct wb_base *a, const struct wb_base *b)
{
    size_t i;

    if (a->kind != b->kind || a->nyears != b->nyears || a->moving_n != b->moving_n)
        return 0;
    for (i = 0; i < a->nyears; i++)
        if (a->years[i] != b->years[i])
            return 0;
    return 1;
}

static void
settings_choice(const struct sheet_env *env, struct sheet_choice *c)
{
    struct perf_state *ps = *env->state;
    struct wb_base v[OFFERS_MAX];
    size_t n = ps != NULL && ps->ok ? offers(&ps->p, v, OFFERS_MAX) : 0, i;

    memset(c, 0, sizeof(*c));
    c->title = xstrdup(SHEET_TR(env, "设定碳基准（选一种，再写原因）", "Set the base period, then the reason"));
    c->then_ask = xstrdup(SHEET_TR(env, "设定或重设碳基准的原因（可留空）：",
                                   "Why it is set or reset (may be empty): "));
    c->labels = xcalloc(n + 1, sizeof(*c->labels));
    c->match = xcalloc(n + 1, sizeof(*c->match));
    for (i = 0; i < n; i++) {
        char *words = plan_base_words(&v[i], env->lang), *spec = plan_base_text(&v[i]);
        int now = ps->p.base.set && same_base(&v[i], &ps->p.base.def);

        c->labels[i] = xasprintf("%s%s", words, now ? SHEET_TR(env, " ← 当前", " ← now") : "");
        c->match[i] = xasprintf("%s|%s", spec, words);
        free(words);
        free(spec);
    }
    c->n = n;
}

static enum err
settings_text(const struct sheet_env *env, size_t pick, const char *text, struct sheet_out *out)
{
    struct perf_state *ps = *env->state;
    struct wb_base v[OFFERS_MAX];
    size_t n = ps != NULL && ps->ok ? offers(&ps->p, v, OFFERS_MAX) : 0;
    char *cause = NULL, *words;
    enum err e;

    if (pick >= n)
        return ERR_NOTFOUND;
    v[pick].reason = text_trim(text != NULL ? text : "");
    e = store_base_set(env->st, &v[pick], &cause);
    free(v[pick].reason);
    if (e != ERR_OK)
        return sheet_fail(out, e, cause);
    out->changed = 1;
    words = plan_base_words(&v[pick], env->lang);
    sheet_say(out, SHEET_SAY_OK, SHEET_TR(env, "已设定碳基准：%s（Ctrl-Z 可撤销）",
                                          "Base period set: %s (Ctrl-Z undoes)"), words);
    free(words);
    return ERR_OK;
}

static char *
title_note(const struct sheet_env *env)
{
    struct perf_state *ps = *env->state;

    if (ps == NULL || !ps->ok || !ps->p.base.set)
        return xstrdup(SHEET_TR(env, "未设碳基准（F2 设定）", "no base period (F2)"));
    if (ps->p.base.factor_year <= 0)
        return xstrdup(SHEET_TR(env, "碳基准（F2 重设）", "base period (F2)"));
    return xasprintf(SHEET_TR(env, "可比 = 按 %d 年因子重算（F2 基准）",
                              "LFL = with %d's factors (F2: base)"), ps->p.base.factor_year);
}

const struct sheet_ops sheet_perf = {
    .name = "perf",
    .build = build,
    .help = help,
    .settings_choice = settings_choice,
    .settings_text = settings_text,
    .title_note = title_note,
    .state_free = state_free,
};
