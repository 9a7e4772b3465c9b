/*
 * cli_kpi.c - `tanbook kpi`: the carbon performance of a year (core/perf.h through book_perf):
 * its figures as reported and like for like (restated with the base period's factors), the
 * change against the year before and the base, the base period and its history, the split of
 * the change into an activity and a factor effect per source, the targets' progress and the
 * trend over every year; as a table or as JSON, whose keys are a contract other tools read.
 * Every number comes from perf_build: nothing is computed here.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/text.h"
#include "base/width.h"
#include "cli/cli.h"
#include "core/perf.h"
#include "core/plan.h"

#define TR(lang, zh, en) ((lang) == LANG_EN ? (en) : (zh))

/* The parameters the change objects of the JSON are keyed by (003 A.2: those a target takes). */
static const enum plan_param change_params[] = {
    PARAM_TOTAL, PARAM_INTENSITY, PARAM_PER_CAPITA, PARAM_ENERGY_INTENSITY,
};

static const char *const base_kinds[] = {
    [BASE_YEAR] = "year", [BASE_AVERAGE] = "average", [BASE_MOVING] = "moving",
};
static const char *const target_kinds[] = {
    [TARGET_REDUCTION] = "reduction", [TARGET_RATE] = "rate", [TARGET_CAP] = "cap",
};

int
cli_lang(const char *arg, enum lang *lang)
{
    if (strcmp(arg, "zh") != 0 && strcmp(arg, "en") != 0) {
        cli_error("--lang：应为 zh 或 en，而不是“%s”", arg);
        return EXIT_USAGE;
    }
    *lang = arg[0] == 'e' ? LANG_EN : LANG_ZH;
    return 0;
}

/* ---- JSON --------------------------------------------------------------------------------- */

static void
j_dbl(struct strbuf *sb, double v)
{
    if (isfinite(v))
        sb_printf(sb, "%.17g", v);
    else
        sb_append(sb, "null");
}

static void
j_num(struct strbuf *sb, struct perf_num n)
{
    if (n.ok)
        j_dbl(sb, n.v);
    else
        sb_append(sb, "null");
}

static void
j_str(struct strbuf *sb, const char *s)
{
    if (s != NULL)
        sb_json_str(sb, s);
    else
        sb_append(sb, "null");
}

/* `"key": ` */
static void
j_key(struct strbuf *sb, const char *key)
{
    sb_json_str(sb, key);
    sb_append(sb, ": ");
}

/* Every figure of v as members "total_tco2e": 53.66, ... (no braces, a comma before each). */
static void
j_figures(struct strbuf *sb, const struct perf_num *v, int first)
{
    int k;

    for (k = 0; k < PK__COUNT; k++) {
        sb_append(sb, first && k == 0 ? "" : ", ");
        j_key(sb, perf_key((enum perf_key)k)->json);
        j_num(sb, v[k]);
    }
}

/* {"total_tco2e": ..., ...} */
static void
j_figures_obj(struct strbuf *sb, const struct perf_num *v)
{
    sb_append(sb, "{");
    j_figures(sb, v, 1);
    sb_append(sb, "}");
}

/* {"total": pct, "intensity": ..., "per_capita": ..., "energy_intensity": ...} */
static void
j_params(struct strbuf *sb, const struct perf_num *pct)
{
    size_t i;

    sb_append(sb, "{");
    for (i = 0; i < nitems(change_params); i++) {
        sb_append(sb, i > 0 ? ", " : "");
        j_key(sb, plan_param_id(change_params[i]));
        if (pct != NULL)
            j_num(sb, pct[perf_param_key(change_params[i])]);
        else
            sb_append(sb, "null");
    }
    sb_append(sb, "}");
}

/* {"spec", "kind", "reason", "set_at"} of one setting. */
static void
j_setting(struct strbuf *sb, const struct wb_base *b)
{
    char *spec = plan_base_text(b);

    sb_append(sb, "{\"spec\": ");
    sb_json_str(sb, spec);
    sb_append(sb, ", \"kind\": ");
    sb_json_str(sb, base_kinds[b->kind]);
    sb_append(sb, ", \"reason\": ");
    j_str(sb, b->reason);
    sb_append(sb, ", \"set_at\": ");
    j_str(sb, b->at);
    sb_append(sb, "}");
    free(spec);
}

static void
j_base(struct strbuf *sb, const struct perf_base *b, const struct wb_plan *plan)
{
    size_t i;

    if (!b->set) {
        sb_append(sb, "null");
        return;
    }
    j_setting(sb, &b->def);
    sb->s[--sb->len] = '\0';    /* reopen the object: the setting's members come first */
    sb_append(sb, ", \"years\": [");
    for (i = 0; i < b->nyears; i++)
        sb_printf(sb, "%s%d", i > 0 ? ", " : "", b->years[i]);
    sb_append(sb, "], \"factor_year\": ");
    if (b->factor_year != 0)
        sb_printf(sb, "%d", b->factor_year);
    else
        sb_append(sb, "null");
    sb_printf(sb, ", \"ok\": %s, \"missing\": ", b->ok ? "true" : "false");
    j_str(sb, b->missing);
    sb_append(sb, ", \"note\": ");
    j_str(sb, b->note);
    j_figures(sb, b->rep, 0);
    sb_append(sb, ", \"like_for_like\": ");
    j_figures_obj(sb, b->lfl);
    sb_append(sb, ", \"history\": [");
    for (i = 0; i < plan->nbases; i++) {
        sb_append(sb, i > 0 ? ", " : "");
        j_setting(sb, &plan->bases[i]);
    }
    sb_append(sb, "]}");
}

static void
j_effects(struct strbuf *sb, const struct perf_year *y)
{
    size_t i;

    if (!y->has_effects) {
        sb_append(sb, "null");
        return;
    }
    sb_append(sb, "{\"activity_tco2e\": ");
    j_dbl(sb, y->activity_tco2e);
    sb_append(sb, ", \"factor_tco2e\": ");
    j_dbl(sb, y->factor_tco2e);
    sb_append(sb, ", \"sources\": [");
    for (i = 0; i < y->neffects; i++) {
        const struct perf_effect *e = &y->effects[i];

        sb_append(sb, i > 0 ? ", {\"source\": " : "{\"source\": ");
        j_str(sb, e->src != NULL ? e->src->id : NULL);
        sb_append(sb, ", \"label\": ");
        j_str(sb, e->label);
        sb_append(sb, ", \"base_tco2e\": ");
        j_dbl(sb, e->base_tco2e);
        sb_append(sb, ", \"tco2e\": ");
        j_dbl(sb, e->tco2e);
        sb_append(sb, ", \"activity_tco2e\": ");
        j_dbl(sb, e->activity_tco2e);
        sb_append(sb, ", \"factor_tco2e\": ");
        j_dbl(sb, e->factor_tco2e);
        sb_append(sb, "}");
    }
    sb_append(sb, "]}");
}

/* The base period t is measured against, as typed; caller frees; NULL when there is none. */
static char *
target_base_spec(const struct perf_target *t)
{
    if (t->def.base != NULL)
        return xstrdup(t->def.base);
    return t->base.set ? plan_base_text(&t->base.def) : NULL;
}

void
cli_kpi_targets_json(struct strbuf *sb, const struct perf *p, int year)
{
    static const struct perf_num none;
    size_t i;

    sb_append(sb, "[");
    for (i = 0; i < p->ntargets; i++) {
        const struct perf_target *t = &p->targets[i];
        const struct perf_step *s = perf_step(t, year);
        int cap = t->def.kind == TARGET_CAP;
        char *spec = target_base_spec(t);

        sb_printf(sb, "%s{\"id\": %lld, \"parameter\": ", i > 0 ? ", " : "", t->def.id);
        sb_json_str(sb, plan_param_id(t->def.param));
        sb_printf(sb, ", \"target_year\": %d, \"reduction_pct\": ", t->def.target_year);
        /* unassessed, the value typed is still known: R for a reduction, r for a rate */
        j_num(sb, t->ok ? (struct perf_num){!cap, t->reduction_pct}
                        : (struct perf_num){t->def.kind == TARGET_REDUCTION, t->def.value});
        sb_append(sb, ", \"annual_rate_pct\": ");
        j_num(sb, t->ok ? (struct perf_num){!cap, t->annual_pct}
                        : (struct perf_num){t->def.kind == TARGET_RATE, t->def.value});
        sb_append(sb, ", \"kind\": ");
        sb_json_str(sb, target_kinds[t->def.kind]);
        sb_append(sb, ", \"value\": ");
        j_dbl(sb, t->def.value);
        sb_append(sb, ", \"base\": ");
        j_str(sb, spec);
        sb_append(sb, ", \"base_year\": ");
        if (t->base_year != 0)
            sb_printf(sb, "%d", t->base_year);
        else
            sb_append(sb, "null");
        sb_append(sb, ", \"base_value\": ");
        j_num(sb, t->base_value);
        sb_append(sb, ", \"target_value\": ");
        j_num(sb, t->target_value);
        sb_append(sb, ", \"milestone\": ");
        j_num(sb, s != NULL ? s->milestone : none);
        sb_append(sb, ", \"actual\": ");
        j_num(sb, s != NULL ? s->actual : none);
        sb_append(sb, ", \"actual_like_for_like\": ");
        j_num(sb, s != NULL ? s->actual_lfl : none);
        sb_append(sb, ", \"gap\": ");
        j_num(sb, s != NULL ? s->gap : none);
        sb_append(sb, ", \"on_track\": ");
        sb_append(sb, s == NULL || !s->milestone.ok || !s->actual.ok ? "null"
                      : s->on_track ? "true" : "false");
        sb_append(sb, ", \"needed_annual_pct\": ");
        j_num(sb, s != NULL ? s->needed_pct : none);
        sb_append(sb, ", \"preset\": ");
        j_str(sb, t->def.preset);
        sb_append(sb, ", \"note\": ");
        j_str(sb, t->def.note);
        sb_append(sb, ", \"missing\": ");
        j_str(sb, t->missing);
        sb_append(sb, "}");
        free(spec);
    }
    sb_append(sb, "]");
}

static void
j_trend(struct strbuf *sb, const struct perf *p)
{
    size_t i;

    sb_append(sb, "[");
    for (i = 0; i < p->nyears; i++) {
        const struct perf_year *y = &p->years[i];

        sb_printf(sb, "%s{\"year\": %d, \"complete\": %s, \"computed\": %s", i > 0 ? ", " : "",
                  y->year, y->complete ? "true" : "false", y->computed ? "true" : "false");
        j_figures(sb, y->rep, 0);
        sb_append(sb, ", \"like_for_like\": ");
        j_figures_obj(sb, y->lfl);
        sb_append(sb, ", \"change_vs_previous_pct\": ");
        j_params(sb, y->prev_pct);
        sb_append(sb, ", \"change_vs_base_pct\": ");
        j_params(sb, p->base.set ? y->base_pct : NULL);
        sb_append(sb, "}");
    }
    sb_append(sb, "]");
}

static void
print_json(const struct perf *p, const struct wb_plan *plan, const char *unit)
{
    const struct perf_year *y = perf_cur(p);
    struct strbuf sb = {0};

    sb_append(&sb, "{\"unit\": ");
    j_str(&sb, unit);
    sb_printf(&sb, ", \"year\": %d", y->year);
    j_figures(&sb, y->rep, 0);
    sb_append(&sb, ", \"like_for_like\": ");
    j_figures_obj(&sb, y->lfl);
    sb_append(&sb, ", \"base\": ");
    j_base(&sb, &p->base, plan);
    sb_append(&sb, ", \"change_vs_base_pct\": ");
    j_params(&sb, p->base.set ? y->base_pct : NULL);
    sb_append(&sb, ", \"change_vs_base_like_for_like_pct\": ");
    j_params(&sb, p->base.set ? y->base_lfl_pct : NULL);
    sb_append(&sb, ", \"change_vs_previous_pct\": ");
    j_params(&sb, y->prev_pct);
    sb_append(&sb, ", \"change_vs_previous_like_for_like_pct\": ");
    j_params(&sb, y->prev_lfl_pct);
    sb_append(&sb, ", \"effects\": ");
    j_effects(&sb, y);
    sb_append(&sb, ", \"targets\": ");
    cli_kpi_targets_json(&sb, p, y->year);
    sb_append(&sb, ", \"trend\": ");
    j_trend(&sb, p);
    sb_append(&sb, "}\n");
    fputs(sb.s, stdout);    /* sb_json_str escaped every control already */
    sb_free(&sb);
}

/* ---- text --------------------------------------------------------------------------------- */

/* n with d decimals, or "—". */
static const char *
f_num(char *buf, size_t size, struct perf_num n, int d)
{
    if (!n.ok || !isfinite(n.v))
        return "—";
    snprintf(buf, size, "%.*f", d, n.v);
    return buf;
}

/* A change in %, signed: "+8.77 %", or "—". */
static const char *
f_pct(char *buf, size_t size, struct perf_num n)
{
    if (!n.ok || !isfinite(n.v))
        return "—";
    snprintf(buf, size, "%+.2f %%", n.v);
    return buf;
}

/* Appends s escaped whole (one line, whatever the workbook holds). */
static void
t_safe(struct strbuf *sb, const char *s)
{
    char *safe = text_escape_controls(s != NULL ? s : "", 0);

    sb_append(sb, safe);
    free(safe);
}

static const char *
key_label(enum perf_key k, enum lang lang)
{
    return TR(lang, perf_key(k)->zh, perf_key(k)->en);
}

void
cli_kpi_targets(struct strbuf *sb, const struct perf *p, int year)
{
    enum lang l = p->lang;
    char a[64], b[64], c[64], d[64];
    size_t i;

    for (i = 0; i < p->ntargets; i++) {
        const struct perf_target *t = &p->targets[i];
        const struct perf_step *s = perf_step(t, year);
        enum perf_key k = perf_param_key(t->def.param);
        int dec = perf_key(k)->decimals;
        char *spec = target_base_spec(t);

        sb_printf(sb, "  [%lld] %s  ", t->def.id, plan_param_label(t->def.param, l));
        if (t->def.kind == TARGET_CAP && l == LANG_EN)
            sb_printf(sb, "at most %.2f %% in %d", t->def.value, t->def.target_year);
        else if (t->def.kind == TARGET_CAP)
            sb_printf(sb, "%d 年不超过 %.2f %%", t->def.target_year, t->def.value);
        else if (t->ok && l == LANG_EN)
            sb_printf(sb, "%d: %.2f %% below the base (%s), %.2f %% a year", t->def.target_year,
                      t->reduction_pct, spec != NULL ? spec : "—", t->annual_pct);
        else if (t->ok)
            sb_printf(sb, "%d 年较基准期（%s）下降 %.2f %%（年均 %.2f %%）", t->def.target_year,
                      spec != NULL ? spec : "—", t->reduction_pct, t->annual_pct);
        else
            sb_printf(sb, TR(l, "%d 年，%s %.2f %%", "%d, %s %.2f %%"), t->def.target_year,
                      t->def.kind == TARGET_RATE ? TR(l, "年均下降", "annual reduction")
                                                  : TR(l, "下降", "reduction"), t->def.value);
        if (t->def.preset != NULL) {
            sb_append(sb, TR(l, "  预设 ", "  preset "));
            t_safe(sb, t->def.preset);
        }
        sb_append(sb, "\n");
        if (!t->ok) {
            sb_append(sb, TR(l, "      无法评估：", "      cannot be assessed: "));
            t_safe(sb, t->missing != NULL ? t->missing : "—");
            sb_append(sb, "\n");
            free(spec);
            continue;
        }
        if (t->def.kind != TARGET_CAP)
            sb_printf(sb, TR(l, "      基准值（%d）%s → 目标值 %s %s\n",
                         "      base value (%d) %s → target value %s %s\n"),
                  t->base_year, f_num(a, sizeof a, t->base_value, dec),
                  f_num(b, sizeof b, t->target_value, dec), perf_key(k)->unit);
        if (s == NULL) {
            sb_printf(sb, TR(l, "      %d 年不在目标的进程内（基准年 %d，目标年 %d）\n",
                             "      %d is outside the target's course (base %d, target %d)\n"),
                      year, t->base_year, t->def.target_year);
            free(spec);
            continue;
        }
        sb_printf(sb, TR(l, "      %d 年：里程碑 %s  实际（按报告值）%s  可比 %s  差距 %s  %s",
                         "      %d: milestone %s  actual (as reported) %s  like for like %s  gap %s  %s"),
                  year, f_num(a, sizeof a, s->milestone, dec), f_num(b, sizeof b, s->actual, dec),
                  f_num(c, sizeof c, s->actual_lfl, dec),
                  s->gap.ok ? (snprintf(d, sizeof d, "%+.*f", dec, s->gap.v), d) : "—",
                  !s->milestone.ok || !s->actual.ok ? TR(l, "无法判断", "not known")
                  : s->on_track ? TR(l, "达标（on track）", "on track")
                                : TR(l, "未达标（off track）", "off track"));
        if (s->needed_pct.ok)
            sb_printf(sb, TR(l, "  此后每年仍需下降 %.2f %%", "  still needed %.2f %% a year"),
                      s->needed_pct.v);
        sb_append(sb, "\n");
        free(spec);
    }
    if (p->ntargets == 0)
        sb_append(sb, TR(l, "  （未设定目标：tanbook target FILE --parameter … 或 --preset …）\n",
                         "  (no targets: tanbook target FILE --parameter ... or --preset ...)\n"));
}

/* The table of the year's figures, with the five columns the legend below names. */
static void
t_figures(struct strbuf *sb, const struct perf *p, const struct perf_year *y)
{
    enum lang l = p->lang;
    char v[5][64];
    int k, i;
    const char *heads[5] = {TR(l, "按报告值", "reported"), TR(l, "可比", "like-for-like"),
                            TR(l, "较上年", "vs prev."), TR(l, "较基准期", "vs base"),
                            TR(l, "较基准期·可比", "vs base lfl")};

    int lw = 0;

    for (k = 0; k < PK__COUNT; k++)    /* the label column as wide as the widest label */
        if (width_of(key_label((enum perf_key)k, l)) > lw)
            lw = width_of(key_label((enum perf_key)k, l));
    width_pad(sb, TR(l, "参数", "Figure"), lw + 2);
    for (i = 0; i < 5; i++)
        width_pad_left(sb, heads[i], 15);
    sb_append(sb, TR(l, "  单位\n", "  unit\n"));
    for (k = 0; k < PK__COUNT; k++) {
        const struct perf_key_def *def = perf_key((enum perf_key)k);
        const char *cells[5];

        cells[0] = f_num(v[0], sizeof v[0], y->rep[k], def->decimals);
        cells[1] = f_num(v[1], sizeof v[1], y->lfl[k], def->decimals);
        cells[2] = f_pct(v[2], sizeof v[2], y->prev_pct[k]);
        cells[3] = f_pct(v[3], sizeof v[3], y->base_pct[k]);
        cells[4] = f_pct(v[4], sizeof v[4], y->base_lfl_pct[k]);
        width_pad(sb, key_label((enum perf_key)k, l), lw + 2);
        for (i = 0; i < 5; i++)
            width_pad_left(sb, cells[i], 15);
        sb_printf(sb, "  %s\n", def->unit);
    }
    if (p->base.set && p->base.factor_year != 0)
        sb_printf(sb, TR(l, "按报告值：各年按其固定的排放因子计算；可比：按基准期因子（%d 年的排放因子）重算"
                            "（003 §7.2.4.2）；较上年按报告值\n",
                         "reported: each year with its own pinned factors; like-for-like: restated "
                         "with the base period's factors (those of %d, 003 §7.2.4.2); vs prev. as reported\n"),
                  p->base.factor_year);
    else if (p->base.set)
        sb_append(sb, TR(l, "按报告值：各年按其固定的排放因子计算；基准期缺少数据（见下），故无可比值和较基准期的变化\n",
                         "reported: each year with its own pinned factors; the base period lacks data "
                         "(see below), so there are no like-for-like figures and no change against it\n"));
    else
        sb_append(sb, TR(l, "按报告值：各年按其固定的排放因子计算；未设定基准期，故无可比值和较基准期的变化\n",
                         "reported: each year with its own pinned factors; no base period is set, "
                         "so there are no like-for-like figures and no change against the base\n"));
    for (k = 0; k < PK__COUNT; k++) {   /* the relevant variables' figures, with their formulas */
        const struct perf_key_def *def = perf_key((enum perf_key)k);

        if (def->formula_zh != NULL && (y->rep[k].ok || p->base.rep[k].ok))
            sb_printf(sb, "%s\n", TR(l, def->formula_zh, def->formula_en));
    }
}

static void
t_base(struct strbuf *sb, const struct perf *p, const struct wb_plan *plan)
{
    const struct perf_base *b = &p->base;
    enum lang l = p->lang;
    char *words;
    size_t i;

    if (!b->set) {
        sb_append(sb, TR(l, "\n基准期：未设定（tanbook set FILE --base 2022）\n",
                         "\nBase period: not set (tanbook set FILE --base 2022)\n"));
        return;
    }
    words = plan_base_words(&b->def, l);
    sb_printf(sb, TR(l, "\n基准期：%s", "\nBase period: %s"), words);
    free(words);
    sb_append(sb, TR(l, "  年份：", "  years: "));
    for (i = 0; i < b->nyears; i++)
        sb_printf(sb, "%s%d", i > 0 ? "," : "", b->years[i]);
    if (b->factor_year != 0)
        sb_printf(sb, TR(l, "  可比所用因子：%d 年", "  like-for-like factors of %d"), b->factor_year);
    sb_append(sb, "\n");
    if (b->def.reason != NULL && b->def.reason[0] != '\0') {
        sb_append(sb, TR(l, "  原因：", "  reason: "));
        t_safe(sb, b->def.reason);
        sb_append(sb, "\n");
    }
    if (b->missing != NULL) {
        sb_append(sb, TR(l, "  缺少：", "  missing: "));
        t_safe(sb, b->missing);
        sb_append(sb, "\n");
    }
    if (b->note != NULL) {
        sb_append(sb, TR(l, "  注意：", "  note: "));
        t_safe(sb, b->note);
        sb_append(sb, "\n");
    }
    sb_append(sb, TR(l, "  设定历史（* 为现行）：\n", "  settings, oldest first (* in force):\n"));
    for (i = 0; i < plan->nbases; i++) {
        char *spec = plan_base_text(&plan->bases[i]);

        sb_printf(sb, TR(l, "   %s%zu. %s  ", "   %s%zu. %s  "),
                  i + 1 == plan->nbases ? "*" : " ", i + 1, spec);
        t_safe(sb, plan->bases[i].at);
        if (plan->bases[i].reason != NULL && plan->bases[i].reason[0] != '\0') {
            sb_append(sb, "  ");
            t_safe(sb, plan->bases[i].reason);
        }
        sb_append(sb, "\n");
        free(spec);
    }
}

static void
t_effects(struct strbuf *sb, const struct perf *p, const struct perf_year *y)
{
    enum lang l = p->lang;
    char v[4][64];
    size_t i;

    if (!y->has_effects)
        return;
    sb_append(sb, TR(l, "\n较基准期的变化分解（tCO₂e，活动水平影响 + 因子影响 = 按报告值的变化）\n",
                     "\nChange against the base, split (tCO₂e; activity effect + factor effect = "
                     "the change as reported)\n"));
    width_pad(sb, TR(l, "排放源", "Source"), 24);
    width_pad_left(sb, TR(l, "基准期", "base"), 13);
    width_pad_left(sb, TR(l, "本年", "this year"), 13);
    width_pad_left(sb, TR(l, "活动水平影响", "activity"), 13);
    width_pad_left(sb, TR(l, "因子影响", "factor"), 13);
    sb_append(sb, "\n");
    for (i = 0; i < y->neffects; i++) {
        const struct perf_effect *e = &y->effects[i];
        char *label = text_escape_controls(e->label != NULL ? e->label : "", 0);

        snprintf(v[0], sizeof v[0], "%.3f", e->base_tco2e);
        snprintf(v[1], sizeof v[1], "%.3f", e->tco2e);
        snprintf(v[2], sizeof v[2], "%+.3f", e->activity_tco2e);
        snprintf(v[3], sizeof v[3], "%+.3f", e->factor_tco2e);
        width_pad(sb, label, 24);
        for (int c = 0; c < 4; c++)
            width_pad_left(sb, v[c], 13);
        sb_append(sb, "\n");
        free(label);
    }
    snprintf(v[2], sizeof v[2], "%+.3f", y->activity_tco2e);
    snprintf(v[3], sizeof v[3], "%+.3f", y->factor_tco2e);
    width_pad(sb, TR(l, "合计", "Total"), 50);
    width_pad_left(sb, v[2], 13);
    width_pad_left(sb, v[3], 13);
    sb_append(sb, "\n");
}

static void
t_trend(struct strbuf *sb, const struct perf *p)
{
    static const enum perf_key cols[] = {PK_TOTAL, PK_INTENSITY, PK_PER_CAPITA, PK_ENERGY_INTENSITY};
    enum lang l = p->lang;
    char v[64];
    size_t i, c;

    sb_append(sb, TR(l, "\n各年趋势（按报告值）\n", "\nTrend over the years (as reported)\n"));
    width_pad(sb, TR(l, "年度", "Year"), 12);
    for (c = 0; c < nitems(cols); c++) {
        char *h = xasprintf("%s", perf_key(cols[c])->unit);

        width_pad_left(sb, h, 14);
        free(h);
    }
    width_pad_left(sb, TR(l, "总量较上年", "total vs prev."), 14);
    sb_append(sb, "\n");
    for (i = 0; i < p->nyears; i++) {
        const struct perf_year *y = &p->years[i];

        snprintf(v, sizeof v, "%d%s", y->year, y->complete ? "" : TR(l, " 不完整", " incomplete"));
        width_pad(sb, v, 12);
        for (c = 0; c < nitems(cols); c++)
            width_pad_left(sb, f_num(v, sizeof v, y->rep[cols[c]], perf_key(cols[c])->decimals), 14);
        width_pad_left(sb, f_pct(v, sizeof v, y->prev_pct[PK_TOTAL]), 14);
        sb_append(sb, "\n");
    }
    sb_append(sb, TR(l, "  列：", "  columns: "));
    for (c = 0; c < nitems(cols); c++)
        sb_printf(sb, "%s%s", c > 0 ? TR(l, "、", ", ") : "", key_label(cols[c], l));
    sb_append(sb, "\n");
}

static void
print_text(const struct perf *p, const struct wb_plan *plan, const char *unit)
{
    const struct perf_year *y = perf_cur(p);
    enum lang l = p->lang;
    struct strbuf sb = {0};

    sb_append(&sb, TR(l, "碳绩效参数    单位：", "Carbon performance    Unit: "));
    t_safe(&sb, unit != NULL && unit[0] != '\0' ? unit : TR(l, "（未填写）", "(not filled in)"));
    sb_printf(&sb, TR(l, "    年度：%d\n\n", "    Year: %d\n\n"), y->year);
    if (!y->computed && y->why != NULL) {
        sb_append(&sb, TR(l, "本年度无法计算：", "This year cannot be computed: "));
        t_safe(&sb, y->why);
        sb_append(&sb, "\n");
    }
    t_figures(&sb, p, y);
    t_base(&sb, p, plan);
    t_effects(&sb, p, y);
    sb_printf(&sb, TR(l, "\n目标进度（%d 年）\n", "\nTargets, progress in %d\n"), y->year);
    cli_kpi_targets(&sb, p, y->year);
    t_trend(&sb, p);
    cli_out("%s", sb.s);
    sb_free(&sb);
}

static const struct cli_opt kpi_opts[] = {
    CLI_OPT("year", "YEAR", 'y', "评估的年度（默认为工作簿中最新的年度）"),
    CLI_OPT("json", NULL, 'j', "以 JSON 输出，缺少的值为 null。键名: unit, year, 各参数（total_tco2e,\n"
            "scope1_tco2e, scope2_tco2e, intensity_kgco2e_per_m2, per_capita_tco2e, energy_tce,\n"
            "energy_intensity_kgce_per_m2, energy_per_capita_kgce, coal_share_pct,\n"
            "heat_kgco2e_per_hdd, electricity_kgco2e_per_degree_day, neutrality_rate_pct,\n"
            "renewable_share_pct, green_power_share_pct）, like_for_like{同上},\n"
            "base{kind, years, spec, reason, set_at, factor_year, ok, missing, note, 各参数,\n"
            "like_for_like, history[]}（未设定时为 null）, change_vs_base_pct,\n"
            "change_vs_base_like_for_like_pct, change_vs_previous_pct（键: total, intensity,\n"
            "per_capita, energy_intensity）, effects{activity_tco2e, factor_tco2e, sources[]},\n"
            "targets[]{id, parameter, target_year, reduction_pct, annual_rate_pct, kind, base,\n"
            "base_year, base_value, target_value, milestone, actual, actual_like_for_like, gap,\n"
            "on_track, needed_annual_pct, preset, missing}, trend[]{year, complete, 各参数,\n"
            "change_vs_previous_pct}"),
    CLI_OPT("lang", "zh|en", 'l', "输出语言（默认 zh）"),
    CLI_OPT_END,
};

static int
cmd_kpi(struct app *app, int argc, char **argv)
{
    const char *year_arg = NULL;
    enum lang lang = LANG_ZH;
    struct book_calc bc;
    struct perf p;
    struct book *wb;
    char *cause = NULL;
    int c, json = 0, rc, year, exists;
    enum err e;

    while ((c = cli_getopt(kpi_opts, argc, argv)) != -1) {
        if (c == 'y') {
            year_arg = optarg;
        } else if (c == 'j') {
            json = 1;
        } else if (c == 'l') {
            if (cli_lang(optarg, &lang) != 0)
                return cli_usage(&cli_cmd_kpi);
        } else {
            return cli_usage(&cli_cmd_kpi);
        }
    }
    if (argc - optind != 1)
        return cli_usage(&cli_cmd_kpi);
    if ((rc = cli_open(app, argv[optind], BOOK_READ, &wb)) != 0)
        return rc;
    if ((rc = cli_year(wb, year_arg, 0, &year, &exists)) != 0) {
        book_close(wb);
        return rc;
    }
    /* every year loaded, computed and checked once, the plan with them */
    e = book_calc_load(wb, lang, &bc, &cause);
    book_close(wb);
    if (e != ERR_OK)
        return cli_fail(e, cause);
    if ((e = book_perf_of(&bc, year, &p, &cause)) == ERR_OK) {
        const char *unit = model_info(&bc.ys[book_calc_find(&bc, year)], "unit_name");

        if (json)
            print_json(&p, &bc.plan, unit);
        else
            print_text(&p, &bc.plan, unit);
        perf_free(&p);
    }
    book_calc_free(&bc);
    return e != ERR_OK ? cli_fail(e, cause) : 0;
}

const struct cli_cmd cli_cmd_kpi = {
    .name = "kpi",
    .summary = "显示碳绩效参数：按报告值与按基准期因子可比、较上年与较基准期的变化、目标进度和各年趋势",
    .usage = "kpi FILE [--year YEAR] [--json] [--lang zh|en]",
    .help = "按报告值: 各年按其固定的排放因子；可比: 按基准期最早一年的排放因子重算（003 §7.2.4.2），\n"
            "较基准期的变化按排放源分解为活动水平影响和因子影响，两者之和等于按报告值的变化。\n"
            "基准期用 tanbook set FILE --base 设定，目标用 tanbook target FILE 设定。\n",
    .opts = kpi_opts,
    .run = cmd_kpi,
};
