/*
 * sheet_measures.c - P.3 措施计划 (001 §6.5.2, 003 B.3): one row per measure of the plan - what,
 * the resources, who, when, how the result is evaluated and the expected reduction - and a
 * total row holding the sum of expected reductions against the gap to the total target (from
 * core/perf.h). Ins offers the measures of 003 表C.1 (app->measures) and a blank one; Del
 * clears a text or deletes the measure (asking).
 */
#include "sheet/sheet.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"

enum { COL_NO, COL_NAME, COL_RES, COL_OWNER, COL_DUE, COL_EVAL, COL_EXP, NCOLS };

static const char *const keys[NCOLS] = {"catalog", "name", "resources", "owner", "due",
                                        "evaluation", "expected_tco2e"};
static const int widths_zh[NCOLS] = {4, 24, 12, 10, 9, 12, 10};
static const int widths_en[NCOLS] = {4, 26, 12, 10, 9, 12, 10};   /* Distributed photovoltaics */

struct measures_state {
    struct wb_plan plan;
    int perf_ok;
    struct perf p;
};

static void
state_free(void *state)
{
    struct measures_state *ms = state;

    if (ms == NULL)
        return;
    plan_free(&ms->plan);
    if (ms->perf_ok)
        perf_free(&ms->p);
    free(ms);
}

/* The gap to the total target in words, with the sum of expected reductions; caller frees. */
static char *
gap_text(const struct sheet_env *env, const struct measures_state *ms, double sum)
{
    const struct perf_year *py = ms->perf_ok ? perf_cur(&ms->p) : NULL;
    const struct perf_target *t = ms->perf_ok ? perf_total_target(&ms->p) : NULL;
    double gap;

    if (t == NULL || py == NULL || !py->rep[PK_TOTAL].ok)
        return xasprintf(
            SHEET_TR(env, "预期减排合计 %.2f tCO₂e（尚无可计算的碳排放总量目标，P.2 添加）",
                     "Expected in all %.2f tCO₂e (no total target to compare: add one in P.2)"),
            sum);
    gap = py->rep[PK_TOTAL].v - t->target_value.v;
    if (gap <= 0)
        return xasprintf(
            SHEET_TR(env, "预期减排合计 %.2f tCO₂e；%d 年已低于 %d 年总量目标 %.2f",
                     "Expected in all %.2f tCO₂e; %d is already below the %d target %.2f"),
            sum, py->year, t->def.target_year, t->target_value.v);
    return xasprintf(SHEET_TR(env, "预期减排合计 %.2f tCO₂e，距 %d 年总量目标 %.2f 差 %.2f%s",
                              "Expected in all %.2f tCO₂e; the %d target %.2f is %.2f away%s"),
                     sum, t->def.target_year, t->target_value.v, gap,
                     sum >= gap ? SHEET_TR(env, "（足够）", " (enough)")
                                : SHEET_TR(env, "（不足）", " (not enough)"));
}

static double
expected_sum(const struct wb_plan *plan)
{
    double sum = 0;
    size_t i;

    for (i = 0; i < plan->nmeasures; i++)
        if (plan->measures[i].has_expected)
            sum += plan->measures[i].expected_tco2e;
    return sum;
}

/* The name shown: a catalog measure's English name on an English screen. */
static const char *
name_shown(const struct sheet_env *env, const struct wb_measure *m)
{
    const struct measure_def *d = env->app->measures != NULL && m->catalog > 0
                                  ? measures_find(env->app->measures, m->catalog) : NULL;

    if (d != NULL && env->lang == LANG_EN && m->name != NULL && strcmp(m->name, d->name_zh) == 0)
        return d->name_en;
    return m->name != NULL ? m->name : "";
}

static void
build(const struct sheet_env *env, struct sheet *s)
{
    struct measures_state *ms = *env->state;
    char *cause = NULL, *why = NULL;
    size_t i;
    int c, r;
    enum err e;

    if (ms == NULL)
        *env->state = ms = xcalloc(1, sizeof(*ms));
    plan_free(&ms->plan);
    if (ms->perf_ok)
        perf_free(&ms->p);
    e = book_load_plan(env->book, &ms->plan, &cause);
    ms->perf_ok = e == ERR_OK
                  && book_perf(env->book, env->y->year, env->lang, &ms->p, &why) == ERR_OK;
    free(why);                          /* without the perf the total row says so */
    sheet_init(s, e == ERR_OK && ms->plan.nmeasures > 0 ? (int)ms->plan.nmeasures + 1 : 0, NCOLS,
               0);
    for (c = 0; c < NCOLS; c++)
        sheet_head(s, c, sheet_label(env, keys[c]),
                   (env->lang == LANG_EN ? widths_en : widths_zh)[c]);
    s->start_col = COL_NAME;
    if (e != ERR_OK) {
        s->empty = cause;
        return;
    }
    s->empty = xstrdup(
        SHEET_TR(env, "还没有减排措施：按 Ins 从 003 表C.1 的清单中选择，或添加空白措施",
                 "No measures yet: press Ins to pick one of 003 Table C.1, or a blank one"));
    for (i = 0; i < ms->plan.nmeasures; i++) {
        const struct wb_measure *m = &ms->plan.measures[i];

        r = (int)i;
        sheet_set(s, r, COL_NO, m->catalog > 0 ? xasprintf("%d", m->catalog) : xstrdup(""),
                  SHEET_NUM | SHEET_DIM);
        sheet_set(s, r, COL_NAME, xstrdup(name_shown(env, m)),
                  SHEET_EDIT | (m->name == NULL || m->name[0] == '\0' ? SHEET_MISSING : 0));
        sheet_set(s, r, COL_RES, xstrdup(m->resources ? m->resources : ""), SHEET_EDIT);
        sheet_set(s, r, COL_OWNER, xstrdup(m->owner ? m->owner : ""), SHEET_EDIT);
        sheet_set(s, r, COL_DUE, xstrdup(m->due ? m->due : ""), SHEET_EDIT);
        sheet_set(s, r, COL_EVAL, xstrdup(m->evaluation ? m->evaluation : ""), SHEET_EDIT);
        sheet_set(s, r, COL_EXP, m->has_expected ? sheet_fixed(m->expected_tco2e, 2) : xstrdup(""),
                  SHEET_EDIT | SHEET_NUM);
    }
    if (s->nrows > 0) {
        char *gap = gap_text(env, ms, expected_sum(&ms->plan));

        r = s->nrows - 1;
        sheet_note(s, r, COL_NAME, xstrdup(gap));
        sheet_set(s, r, COL_NAME, gap, SHEET_WIDE | SHEET_DIM);
    }
}

static const struct wb_measure *
measure_at(const struct sheet_env *env, int r)
{
    const struct measures_state *ms = *env->state;

    return ms != NULL && r >= 0 && (size_t)r < ms->plan.nmeasures ? &ms->plan.measures[r] : NULL;
}

static char *
dup0(const char *s)
{
    return xstrdup(s != NULL ? s : "");
}

static enum err
commit(const struct sheet_env *env, const struct sheet *s, int r, int col, const char *text,
       struct sheet_out *out)
{
    const struct wb_measure *old = measure_at(env, r);
    const struct field_def *fd = forms_field(env->step->form, keys[col]);
    struct wb_measure m;
    char *cause = NULL, *v, **slot = NULL;
    double x = 0;
    enum err e;

    (void)s;
    if (old == NULL || fd == NULL || col == COL_NO)
        return ERR_NOTFOUND;
    if ((e = forms_validate_lang(fd, text, env->lang, &x, &cause)) != ERR_OK)
        return sheet_fail(out, ERR_INPUT, cause);
    v = text_trim(text);
    if (col == COL_NAME && v[0] == '\0') {
        free(v);
        return sheet_fail(out, ERR_INPUT,
                          xstrdup(SHEET_TR(env, "请写明要做什么", "Say what is to be done")));
    }
    m = *old;
    m.name = dup0(old->name);
    m.resources = dup0(old->resources);
    m.owner = dup0(old->owner);
    m.due = dup0(old->due);
    m.evaluation = dup0(old->evaluation);
    m.note = dup0(old->note);
    switch (col) {
    case COL_NAME: slot = &m.name; break;
    case COL_RES: slot = &m.resources; break;
    case COL_OWNER: slot = &m.owner; break;
    case COL_DUE: slot = &m.due; break;
    case COL_EVAL: slot = &m.evaluation; break;
    default:
        m.has_expected = v[0] != '\0';
        m.expected_tco2e = m.has_expected ? x : 0;
        break;
    }
    if (slot != NULL) {
        free(*slot);
        *slot = v;
        v = NULL;
    }
    free(v);
    e = store_measure_put(env->st, &m, &cause);
    plan_measure_free(&m);
    if (e != ERR_OK)
        return sheet_fail(out, e, cause);
    out->changed = 1;
    sheet_say(out, SHEET_SAY_OK, SHEET_TR(env, "已保存“%s”", "Saved “%s”"),
              forms_label(fd, env->lang));
    return ERR_OK;
}

static const char *
help(const struct sheet_env *env, const struct sheet *s, int row, int col)
{
    const struct wb_measure *m = measure_at(env, row);
    const struct field_def *fd = forms_field(env->step->form, keys[col]);
    const struct measure_def *d;

    (void)s;
    /* a catalog measure's name: the standard's short description and where it applies */
    if (col == COL_NAME && m != NULL && m->catalog > 0 && env->app->measures != NULL
        && (d = measures_find(env->app->measures, m->catalog)) != NULL && env->lang == LANG_ZH)
        return d->desc_zh;
    return sheet_field_help(env, fd);
}

static void
add_choice(const struct sheet_env *env, struct sheet_choice *c)
{
    const struct measure_lib *lib = env->app->measures;
    size_t n = lib != NULL ? lib->n : 0, i;

    memset(c, 0, sizeof(*c));
    c->title = xstrdup(SHEET_TR(env, "添加减排措施（003 表C.1）", "Add a measure (003 Table C.1)"));
    c->labels = xcalloc(n + 2, sizeof(*c->labels));
    c->match = xcalloc(n + 2, sizeof(*c->match));
    for (i = 0; i < n; i++) {
        const struct measure_def *d = &lib->v[i];

        /* the picker numbers its lines itself; the catalog's number goes last, as C.1-N */
        c->labels[c->n] = xasprintf("%s · %s · C.1-%d", measures_name(d, env->lang),
                                    env->lang == LANG_EN ? d->group_en : d->group_zh, d->no);
        c->match[c->n++] =
            xasprintf("%s|%s|%s|%s", d->name_zh, d->name_en, d->group_zh, d->group_en);
    }
    c->labels[c->n] = xstrdup(SHEET_TR(env, "（空白措施：自己填写）", "(a blank measure: fill it in)"));
    c->match[c->n++] = xstrdup("空白|自定|blank|own");
}

static enum err
add(const struct sheet_env *env, size_t pick, const char *text, struct sheet_out *out)
{
    const struct measure_lib *lib = env->app->measures;
    const struct measures_state *ms = *env->state;
    size_t n = lib != NULL ? lib->n : 0;
    struct wb_measure m = {0};
    char *cause = NULL;
    enum err e;

    (void)text;
    if (pick > n)
        return ERR_NOTFOUND;
    if (pick < n) {
        m.catalog = lib->v[pick].no;
        m.name = xstrdup(lib->v[pick].name_zh); /* the standard's name, as the export prints it */
    } else {
        m.name = xstrdup("");
    }
    m.resources = xstrdup("");
    m.owner = xstrdup("");
    m.due = xstrdup("");
    m.evaluation = xstrdup("");
    m.note = xstrdup("");
    e = store_measure_put(env->st, &m, &cause);
    plan_measure_free(&m);
    if (e != ERR_OK)
        return sheet_fail(out, e, cause);
    out->changed = 1;
    out->row = ms != NULL ? (int)ms->plan.nmeasures : -1;          /* a new measure comes last */
    out->col = pick < n ? COL_RES : COL_NAME;
    if (pick < n)
        sheet_say(out, SHEET_SAY_OK,
                  SHEET_TR(env, "已添加 %s：请填写资源、负责人、完成时间和预期减排量",
                           "Added %s: fill in resources, who, when and the expected reduction"),
                  measures_name(&lib->v[pick], env->lang));
    else
        sheet_say(
            out, SHEET_SAY_OK,
            SHEET_TR(env, "已添加空白措施：请写明要做什么", "Added a blank measure: say what"));
    return ERR_OK;
}

static enum sheet_del
del_what(const struct sheet_env *env, const struct sheet *s, int r, int col, char **question)
{
    const struct wb_measure *m = measure_at(env, r);
    const struct sheet_cell *c = sheet_cell(s, r, col);

    if (m == NULL || c == NULL)
        return SHEET_DEL_NONE;
    if (col > COL_NAME)
        return c->text[0] != '\0' ? SHEET_DEL_CLEAR : SHEET_DEL_NONE;
    *question =
        xasprintf(SHEET_TR(env, "删除措施“%s”？", "Delete the measure “%s”?"), name_shown(env, m));
    return SHEET_DEL_ASK;
}

static enum err
del(const struct sheet_env *env, const struct sheet *s, int r, int col, struct sheet_out *out)
{
    const struct wb_measure *m = measure_at(env, r);
    char *cause = NULL;
    enum err e;

    if (m == NULL)
        return ERR_NOTFOUND;
    if (col > COL_NAME)
        return sheet_clear(&sheet_measures, env, s, r, col, s->heads[col], out);
    if ((e = store_plan_delete(env->st, "measure", m->id, &cause)) != ERR_OK)
        return sheet_fail(out, e, cause);
    out->changed = 1;
    sheet_say(out, SHEET_SAY_OK,
              SHEET_TR(env, "已删除措施（Ctrl-Z 可撤销）", "Deleted the measure (Ctrl-Z undoes)"));
    return ERR_OK;
}

const struct sheet_ops sheet_measures = {
    .name = "measures",
    .build = build,
    .commit = commit,
    .help = help,
    .add_choice = add_choice,
    .add = add,
    .del_what = del_what,
    .del = del,
    .state_free = state_free,
};
