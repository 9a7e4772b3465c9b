/*
 * sheet_targets.c - P.2 碳目标: one row per target of the plan (001 §6.5.1, 003 A.2) with its
 * progress in the year on screen, as core/perf.h computes it. The parameter, base period, target
 * year and either the overall reduction or the annual rate are typed (typing one sets the
 * target's kind; the other follows from formula A.1); the rest is computed. Ins adds a target
 * of a parameter or the presets national-2025 (004) and 1.5c (003 A.2.4.2), asking for the
 * target year and the reduction; Del deletes a target (asking). A target that cannot be
 * computed says what is missing in its row.
 */
#include "sheet/sheet.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

enum { COL_PARAM, COL_BASE, COL_YEAR, COL_RED, COL_ANN, COL_TARGET, COL_ACTUAL, COL_MILE,
       COL_TRACK, COL_NEED, COL_PRESET, NCOLS };

static const char *const keys[NCOLS] = {"parameter", "base", "target_year", "reduction_pct",
                                        "annual_pct", "target_value", "actual", "milestone",
                                        "on_track", "needed_pct", "preset"};
static const int widths_zh[NCOLS] = {20, 9, 6, 7, 7, 7, 7, 8, 6, 8, 13};   /* 里程碑 at 80 */
static const int widths_en[NCOLS] = {24, 9, 6, 7, 8, 8, 8, 9, 9, 7, 13};   /* "off track" */

/* The presets Ins offers after the parameters. */
static const char *const presets[] = {"national-2025", "1.5c"};
/* The parameters Ins offers: all but the coal share (a cap, which national-2025 sets). */
#define NPARAMS PARAM_COAL_SHARE

struct targets_state {
    int ok;
    struct perf p;
};

static void
state_free(void *state)
{
    struct targets_state *ts = state;

    if (ts != NULL && ts->ok)
        perf_free(&ts->p);
    free(ts);
}

static char *
num(struct perf_num n, int decimals)
{
    return n.ok ? sheet_fixed(n.v, decimals) : xstrdup("—");
}

static void
row(const struct sheet_env *env, struct sheet *s, int r, const struct perf_target *t)
{
    const struct wb_target *d = &t->def;
    const struct perf_step *st = perf_step(t, env->y->year);
    int dec = perf_key(perf_param_key(d->param))->decimals, cap = d->kind == TARGET_CAP;
    char *base = NULL;

    sheet_set(s, r, COL_PARAM, xstrdup(plan_param_label(d->param, env->lang)), SHEET_EDIT);
    if (d->base != NULL)
        sheet_set(s, r, COL_BASE, xstrdup(d->base), SHEET_EDIT);
    else {
        base = t->base.set ? plan_base_text(&t->base.def) : NULL;
        sheet_set(s, r, COL_BASE, base != NULL ? base : xstrdup(SHEET_TR(env, "（未设）", "(none)")),
                  SHEET_EDIT | SHEET_DIM);
        sheet_note(s, r, COL_BASE,
                   xstrdup(SHEET_TR(
                       env, "沿用工作簿的碳基准（P.1 按 F2 设定）；输入年份则为本目标自己的基准期",
                       "The workbook's base (F2 on P.1); type years for this target's own")));
    }
    sheet_set(s, r, COL_YEAR, xasprintf("%d", d->target_year), SHEET_EDIT | SHEET_NUM);
    if (cap) {
        sheet_set(s, r, COL_RED, xstrdup("—"), SHEET_NUM | SHEET_DIM);
        sheet_set(s, r, COL_ANN, xstrdup("—"), SHEET_NUM | SHEET_DIM);
    } else {
        double red = d->kind == TARGET_REDUCTION ? d->value : t->reduction_pct;
        double ann = d->kind == TARGET_RATE ? d->value : t->annual_pct;
        int known = t->ok || d->kind == TARGET_REDUCTION;

        sheet_set(s, r, COL_RED, known ? sheet_fixed(red, 2) : xstrdup("—"),
                  SHEET_EDIT | SHEET_NUM | (d->kind != TARGET_REDUCTION ? SHEET_DIM : 0));
        known = t->ok || d->kind == TARGET_RATE;
        sheet_set(s, r, COL_ANN, known ? sheet_fixed(ann, 2) : xstrdup("—"),
                  SHEET_EDIT | SHEET_NUM | (d->kind != TARGET_RATE ? SHEET_DIM : 0));
    }
    sheet_set(s, r, COL_PRESET, xstrdup(d->preset != NULL ? d->preset : SHEET_TR(env, "自定", "own")),
              SHEET_DIM);
    if (d->note != NULL && d->note[0] != '\0')
        sheet_note(s, r, COL_PRESET, xstrdup(d->note));
    if (!t->ok) {
        char *why = xstrdup(t->missing != NULL ? t->missing : "—");

        sheet_note(s, r, COL_TARGET, xstrdup(why));
        sheet_set(s, r, COL_TARGET, why, SHEET_WIDE | SHEET_MISSING);
        return;
    }
    sheet_set(s, r, COL_TARGET, num(t->target_value, cap ? 1 : dec), SHEET_NUM);
    if (st == NULL) {
        sheet_set(s, r, COL_ACTUAL, xstrdup("—"), SHEET_NUM | SHEET_DIM);
        return;
    }
    sheet_set(s, r, COL_ACTUAL, num(st->actual, dec), SHEET_NUM);
    sheet_set(s, r, COL_MILE, num(st->milestone, cap ? 1 : dec), SHEET_NUM);
    if (st->actual.ok && st->milestone.ok)
        sheet_set(s, r, COL_TRACK, xstrdup(st->on_track ? SHEET_TR(env, "达标", "on track")
                                                        : SHEET_TR(env, "未达标", "off track")),
                  st->on_track ? 0 : SHEET_WARN);
    else
        sheet_set(s, r, COL_TRACK, xstrdup("—"), SHEET_DIM);
    sheet_set(s, r, COL_NEED, cap ? xstrdup("—") : num(st->needed_pct, 2), SHEET_NUM);
}

static void
build(const struct sheet_env *env, struct sheet *s)
{
    const int *widths = env->lang == LANG_EN ? widths_en : widths_zh;
    struct targets_state *ts = *env->state;
    char *cause = NULL;
    int r, c;

    if (ts == NULL)
        *env->state = ts = xcalloc(1, sizeof(*ts));
    if (ts->ok)
        perf_free(&ts->p);
    ts->ok = book_perf(env->book, env->y->year, env->lang, &ts->p, &cause) == ERR_OK;
    sheet_init(s, ts->ok ? (int)ts->p.ntargets : 0, NCOLS, 1);
    for (c = 0; c < NCOLS; c++)
        sheet_head(s, c, sheet_label(env, keys[c]), widths[c]);
    s->start_col = COL_YEAR;
    if (!ts->ok) {
        s->empty = cause != NULL ? cause : xstrdup("");
        return;
    }
    s->empty = xstrdup(
        SHEET_TR(env, "还没有碳目标：按 Ins 添加（某一参数的下降目标，或预设 national-2025、1.5c）",
                 "No targets yet: press Ins to add one (or the presets national-2025, 1.5c)"));
    for (r = 0; r < s->nrows; r++)
        row(env, s, r, &ts->p.targets[r]);
}

static const struct perf_target *
target_at(const struct sheet_env *env, int r)
{
    const struct targets_state *ts = *env->state;

    return ts != NULL && ts->ok && r >= 0 && (size_t)r < ts->p.ntargets ? &ts->p.targets[r] : NULL;
}

static void
target_copy(struct wb_target *to, const struct wb_target *from)
{
    *to = *from;
    to->base = from->base != NULL ? xstrdup(from->base) : NULL;
    to->preset = from->preset != NULL ? xstrdup(from->preset) : NULL;
    to->note = xstrdup(from->note != NULL ? from->note : "");
}

/* The parameter called text (its id, or its label in either language), or -1. */
static int
param_named(const char *text)
{
    int p = plan_param_find(text), i;

    for (i = 0; p < 0 && i < PARAM__COUNT; i++)
        if (text_eq(text, plan_param_label((enum plan_param)i, LANG_ZH))
            || text_eq(text, plan_param_label((enum plan_param)i, LANG_EN)))
            p = i;
    return p;
}

/* A percentage as typed: "10", "-10", "−10 %" all mean a reduction of 10. */
static enum err
percent(const struct sheet_env *env, const char *text, double *v, char **cause)
{
    char *t = text_trim(text), *p = t;
    size_t n;
    enum err e;

    if (strncmp(p, "−", strlen("−")) == 0)
        p += strlen("−");
    else if (*p == '-')
        p++;
    n = strlen(p);
    if (n > 0 && p[n - 1] == '%')
        p[--n] = '\0';
    while (n > 0 && p[n - 1] == ' ')
        p[--n] = '\0';
    e = text_parse_number(p, v, cause);
    free(t);
    if (e != ERR_OK && *cause == NULL)
        *cause = xstrdup(SHEET_TR(env, "须为百分数，如 10", "a percentage, e.g. 10"));
    return e != ERR_OK ? ERR_INPUT : ERR_OK;
}

/* Validates t and saves it; ERR_INPUT (the editor stays) when plan_target_valid refuses it. */
static enum err
save(const struct sheet_env *env, struct wb_target *t, const char *what, struct sheet_out *out)
{
    char *cause = NULL;
    enum err e;

    if (plan_target_valid(t, env->lang, &cause) != ERR_OK)
        return sheet_fail(out, ERR_INPUT, cause);
    if ((e = store_target_put(env->st, t, &cause)) != ERR_OK)
        return sheet_fail(out, e, cause);
    out->changed = 1;
    sheet_say(out, SHEET_SAY_OK,
              SHEET_TR(env, "已保存%s（Ctrl-Z 可撤销）", "Saved %s (Ctrl-Z undoes)"), what);
    return ERR_OK;
}

static enum err
commit(const struct sheet_env *env, const struct sheet *s, int r, int col, const char *text,
       struct sheet_out *out)
{
    const struct perf_target *pt = target_at(env, r);
    const struct field_def *fd = forms_field(env->step->form, keys[col]);
    struct wb_base b = {0};
    struct wb_target t;
    char *cause = NULL, *v;
    double x;
    int p;
    enum err e = ERR_OK;

    (void)s;
    if (pt == NULL || fd == NULL)
        return ERR_NOTFOUND;
    target_copy(&t, &pt->def);
    v = text_trim(text);
    switch (col) {
    case COL_PARAM:
        if ((p = param_named(v)) < 0)
            e = sheet_fail(
                out, ERR_INPUT,
                xasprintf(SHEET_TR(env,
                                   "没有参数“%s”：可用 "
                                   "total、intensity、per_capita、energy_intensity（或其名称）",
                                   "No parameter “%s”: total, intensity, per_capita, "
                                   "energy_intensity (or the name)"),
                          v));
        else
            t.param = (enum plan_param)p;
        break;
    case COL_BASE:
        free(t.base);
        t.base = NULL;
        if (v[0] != '\0' && (e = plan_base_parse(v, env->lang, &b, &cause)) != ERR_OK)
            e = sheet_fail(out, ERR_INPUT, cause);
        else if (v[0] != '\0')
            t.base = plan_base_text(&b);
        break;
    case COL_YEAR:
        if ((e = forms_validate_lang(fd, v, env->lang, &x, &cause)) != ERR_OK || v[0] == '\0')
            e = sheet_fail(out, ERR_INPUT, cause != NULL ? cause : xstrdup(SHEET_TR(env,
                "请填写目标年", "The target year is required")));
        else
            t.target_year = (int)x;
        break;
    case COL_RED:
    case COL_ANN:
        if ((e = percent(env, v, &x, &cause)) != ERR_OK)
            e = sheet_fail(out, e, cause);
        else {
            t.kind = col == COL_RED ? TARGET_REDUCTION : TARGET_RATE;
            t.value = x;
        }
        break;
    default:
        e = ERR_INPUT;
    }
    free(v);
    if (e == ERR_OK)
        e = save(env, &t, forms_label(fd, env->lang), out);
    plan_target_free(&t);
    return e;
}

static const char *
help(const struct sheet_env *env, const struct sheet *s, int row, int col)
{
    const struct field_def *fd = forms_field(env->step->form, keys[col]);

    (void)s;
    (void)row;
    return sheet_field_help(env, fd);
}

static void
add_choice(const struct sheet_env *env, struct sheet_choice *c)
{
    size_t i;

    memset(c, 0, sizeof(*c));
    c->title = xstrdup(SHEET_TR(env, "添加碳目标", "Add a target"));
    c->then_ask = xstrdup(
        SHEET_TR(env, "目标年 总体下降率%（如 2025 10；预设只写目标年）：",
                 "Target year and overall reduction % (e.g. 2025 10; a preset: the year): "));
    c->labels = xcalloc(NPARAMS + nitems(presets) + 1, sizeof(*c->labels));
    c->match = xcalloc(NPARAMS + nitems(presets) + 1, sizeof(*c->match));
    for (i = 0; i < NPARAMS; i++) {
        c->labels[c->n] = xasprintf("%s（%s）", plan_param_label((enum plan_param)i, env->lang),
                                    plan_param_unit((enum plan_param)i));
        c->match[c->n++] = xasprintf("%s|%s|%s", plan_param_id((enum plan_param)i),
                                     plan_param_label((enum plan_param)i, LANG_ZH),
                                     plan_param_label((enum plan_param)i, LANG_EN));
    }
    c->labels[c->n] =
        xstrdup(SHEET_TR(env, "预设 national-2025：公共机构 2025 年目标（004，较 2020 年）",
                         "Preset national-2025: public institutions' 2025 targets (004, on 2020)"));
    c->match[c->n++] = xstrdup("national-2025|预设|004|preset");
    c->labels[c->n] =
        xstrdup(SHEET_TR(env, "预设 1.5c：1.5 ℃ 路径，每年下降不低于 4.2 %（003 A.2.4.2）",
                         "Preset 1.5c: the 1.5 °C pathway, at least 4.2 % a year (003 A.2.4.2)"));
    c->match[c->n++] = xstrdup("1.5c|预设|preset|1.5");
}

/* Reads "2025 10" into the year and (when wanted) the reduction. */
static enum err
year_and_rate(const struct sheet_env *env, const char *text, int want_rate, int *year, double *rate,
              struct sheet_out *out)
{
    char *t = text_trim(text != NULL ? text : ""), *sp = strchr(t, ' '), *cause = NULL;
    double y;
    enum err e = ERR_OK;

    if (sp != NULL)
        *sp++ = '\0';
    if (text_parse_number(t, &y, &cause) != ERR_OK || y != floor(y) || y < 1990 || y > 2100) {
        free(cause);
        e = sheet_fail(
            out, ERR_INPUT,
            xasprintf(
                SHEET_TR(env, "“%s”不是目标年：请写 目标年 下降率%%，如 2025 10",
                         "“%s” is no target year: type the year and the reduction, e.g. 2025 10"),
                t));
    } else if (want_rate && (sp == NULL || percent(env, sp, rate, &cause) != ERR_OK)) {
        free(cause);
        e = sheet_fail(
            out, ERR_INPUT,
            xstrdup(SHEET_TR(env, "请在目标年后写总体下降率 %，如 2025 10",
                             "Type the overall reduction % after the year, e.g. 2025 10")));
    }
    *year = (int)y;
    free(t);
    return e;
}

static enum err
add(const struct sheet_env *env, size_t pick, const char *text, struct sheet_out *out)
{
    const struct targets_state *ts = *env->state;
    struct wb_target *v = NULL, one;
    struct wb_plan plan;
    char *cause = NULL;
    size_t n = 0, i, added = 0;
    double rate = 0;
    int year = 0;
    enum err e;

    if (pick >= NPARAMS + nitems(presets))
        return ERR_NOTFOUND;
    if ((e = year_and_rate(env, text, pick < NPARAMS, &year, &rate, out)) != ERR_OK)
        return e;
    if (pick < NPARAMS) {
        memset(&one, 0, sizeof(one));
        one.param = (enum plan_param)pick;
        one.target_year = year;
        one.kind = TARGET_REDUCTION;
        one.value = rate;
        one.note = xstrdup("");
        e = save(env, &one, plan_param_label(one.param, env->lang), out);
        plan_target_free(&one);
        out->row = ts != NULL && ts->ok ? (int)ts->p.ntargets : -1;    /* a new target comes last */
        return e;
    }
    if ((e = plan_preset(presets[pick - NPARAMS], year, env->lang, &v, &n, &cause)) != ERR_OK)
        return sheet_fail(out, ERR_INPUT, cause);
    if ((e = book_load_plan(env->book, &plan, &cause)) != ERR_OK) {
        for (i = 0; i < n; i++)
            plan_target_free(&v[i]);
        free(v);
        return sheet_fail(out, e, cause);
    }
    if ((e = store_begin(env->st, &cause)) == ERR_OK) {   /* the preset's targets: one undo */
        for (i = 0; i < n && e == ERR_OK; i++)
            if (!plan_preset_held(&plan, &v[i])
                && (e = store_target_put(env->st, &v[i], &cause)) == ERR_OK)
                added++;
        if (e == ERR_OK)
            e = store_commit(env->st, &cause);
        else
            store_rollback(env->st);
    }
    plan_free(&plan);
    for (i = 0; i < n; i++)
        plan_target_free(&v[i]);
    free(v);
    if (e != ERR_OK)
        return sheet_fail(out, e, cause);
    out->changed = added > 0;
    out->row = ts != NULL && ts->ok ? (int)ts->p.ntargets : -1;
    if (added == 0)
        sheet_say(out, SHEET_SAY_INFO, SHEET_TR(env, "预设 %s 的目标都已在工作簿中",
                                                "The targets of %s are all there already"),
                  presets[pick - NPARAMS]);
    else if (env->lang == LANG_EN)
        sheet_say(out, SHEET_SAY_OK, "Added %zu of the %zu targets of %s (one Ctrl-Z undoes)",
                  added, n, presets[pick - NPARAMS]);
    else
        sheet_say(out, SHEET_SAY_OK, "已添加预设 %s 的 %zu 个目标（共 %zu 个；Ctrl-Z 一步撤销）",
                  presets[pick - NPARAMS], added, n);
    return ERR_OK;
}

static enum sheet_del
del_what(const struct sheet_env *env, const struct sheet *s, int r, int col, char **question)
{
    const struct perf_target *t = target_at(env, r);

    (void)s;
    (void)col;
    if (t == NULL)
        return SHEET_DEL_NONE;
    *question = xasprintf(SHEET_TR(env, "删除目标：%s %d 年？", "Delete the target %s %d?"),
                          plan_param_label(t->def.param, env->lang), t->def.target_year);
    return SHEET_DEL_ASK;
}

static enum err
del(const struct sheet_env *env, const struct sheet *s, int r, int col, struct sheet_out *out)
{
    const struct perf_target *t = target_at(env, r);
    char *cause = NULL;
    enum err e;

    (void)s;
    (void)col;
    if (t == NULL)
        return ERR_NOTFOUND;
    if ((e = store_plan_delete(env->st, "target", t->def.id, &cause)) != ERR_OK)
        return sheet_fail(out, e, cause);
    out->changed = 1;
    sheet_say(out, SHEET_SAY_OK,
              SHEET_TR(env, "已删除目标（Ctrl-Z 可撤销）", "Deleted the target (Ctrl-Z undoes)"));
    return ERR_OK;
}

const struct sheet_ops sheet_targets = {
    .name = "targets",
    .build = build,
    .commit = commit,
    .help = help,
    .add_choice = add_choice,
    .add = add,
    .del_what = del_what,
    .del = del,
    .state_free = state_free,
};
