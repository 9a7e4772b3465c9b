/*
 * plan.c - the base period as typed and in words, the target parameters, formula A.1 of 003 and
 * the preset targets of 004 and 003 A.2.4.2.
 */
#include "core/plan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/period.h"
#include "base/strbuf.h"
#include "base/text.h"
#include "base/xmem.h"

#define TR(lang, zh, en) ((lang) == LANG_EN ? (en) : (zh))

static const struct {
    const char *id, *zh, *en, *unit;
} params[PARAM__COUNT] = {
    [PARAM_TOTAL] = {"total", "碳排放总量", "Total emissions", "tCO₂e"},
    [PARAM_INTENSITY] = {"intensity", "单位建筑面积碳排放量", "Emissions per floor area",
                         "kgCO₂e/m²"},
    [PARAM_PER_CAPITA] = {"per_capita", "人均碳排放量", "Emissions per person", "tCO₂e/人"},
    [PARAM_ENERGY_INTENSITY] = {"energy_intensity", "单位建筑面积综合能耗",
                                "Energy per floor area", "kgce/m²"},
    [PARAM_COAL_SHARE] = {"coal_share", "煤炭消费占比", "Coal share of energy use", "%"},
};

const char *
plan_param_id(enum plan_param p)
{
    return p < PARAM__COUNT ? params[p].id : "?";
}

int
plan_param_find(const char *id)
{
    int i;

    for (i = 0; i < PARAM__COUNT; i++)
        if (strcmp(params[i].id, id) == 0)
            return i;
    return -1;
}

const char *
plan_param_label(enum plan_param p, enum lang lang)
{
    return p < PARAM__COUNT ? TR(lang, params[p].zh, params[p].en) : "?";
}

const char *
plan_param_unit(enum plan_param p)
{
    return p < PARAM__COUNT ? params[p].unit : "";
}

const struct wb_base *
plan_base(const struct wb_plan *p)
{
    return p != NULL && p->nbases > 0 ? &p->bases[p->nbases - 1] : NULL;
}

void
plan_base_free(struct wb_base *b)
{
    free(b->reason);
    free(b->at);
    memset(b, 0, sizeof *b);
}

void
plan_target_free(struct wb_target *t)
{
    free(t->base);
    free(t->preset);
    free(t->note);
    memset(t, 0, sizeof *t);
}

void
plan_measure_free(struct wb_measure *m)
{
    free(m->name);
    free(m->resources);
    free(m->owner);
    free(m->due);
    free(m->evaluation);
    free(m->note);
    memset(m, 0, sizeof *m);
}

void
plan_free(struct wb_plan *p)
{
    size_t i;

    for (i = 0; i < p->nbases; i++)
        plan_base_free(&p->bases[i]);
    for (i = 0; i < p->ntargets; i++)
        plan_target_free(&p->targets[i]);
    for (i = 0; i < p->nmeasures; i++)
        plan_measure_free(&p->measures[i]);
    for (i = 0; i < p->noffsets; i++)
        plan_offset_free(&p->offsets[i]);
    for (i = 0; i < p->nrenewables; i++)
        plan_renewable_free(&p->renewables[i]);
    for (i = 0; i < p->nstatements; i++)
        plan_statement_free(&p->statements[i]);
    for (i = 0; i < p->nassessments; i++)
        plan_assessment_free(&p->assessments[i]);
    free(p->assessments);
    free(p->pledge.commitment);
    free(p->pledge.timetable);
    free(p->pledge.reduction);
    free(p->pledge.offsetting);
    free(p->bases);
    free(p->targets);
    free(p->measures);
    free(p->offsets);
    free(p->renewables);
    free(p->statements);
    memset(p, 0, sizeof *p);
}

void
plan_evidence_free(struct wb_evidence *e)
{
    free(e->ref);
    free(e->file);
    free(e->sha256);
    memset(e, 0, sizeof *e);
}

enum err
plan_evidence_valid(const struct wb_evidence *e, enum lang lang, char **cause)
{
    size_t i, n = e->sha256 != NULL ? strlen(e->sha256) : 0;

    if (n != 0 && n != 64)
        goto bad;
    for (i = 0; i < n; i++)
        if (!((e->sha256[i] >= '0' && e->sha256[i] <= '9')
              || (e->sha256[i] >= 'a' && e->sha256[i] <= 'f')))
            goto bad;
    if ((n == 0) != (e->file == NULL || e->file[0] == '\0'))
        goto bad;
    return ERR_OK;
bad:
    *cause = xstrdup(TR(lang, "佐证文件的 SHA-256 与文件不相符（应为 64 位十六进制并注明文件）",
                        "the evidence file's SHA-256 must be 64 hex digits, with the file named"));
    return ERR_INPUT;
}

/* Whether s is a code of an item, a setting or a text: 1 to 32 of [0-9A-Za-z._@#-]. */
static int
code_ok(const char *s)
{
    size_t i, n = s != NULL ? strlen(s) : 0;

    if (n == 0 || n > 32)
        return 0;
    for (i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z')
              || (s[i] >= 'a' && s[i] <= 'z') || strchr("._@#-", s[i]) != NULL))
            return 0;
    return 1;
}

enum err
plan_assessment_valid(const struct wb_assessment *a, enum lang lang, char **cause)
{
    const char *texts[] = {a->note, a->ev.ref, a->ev.file, a->assessor};
    size_t i;

    if (!period_year_ok(a->year) || a->eval == NULL
        || (strcmp(a->eval, "zc") != 0 && strcmp(a->eval, "maturity") != 0) || !code_ok(a->code)
        || (a->has_value && !(isfinite(a->value) && fabs(a->value) <= 1e12))) {
        *cause = xstrdup(TR(lang, "评价记录的年度、评价、指标或数值不正确",
                            "the year, evaluation, item or value of an assessment is not valid"));
        return ERR_INPUT;
    }
    for (i = 0; i < nitems(texts); i++)
        if (texts[i] != NULL && text_control(texts[i]) != 0) {
            *cause = xstrdup(TR(lang, "评价记录的文字含有控制字符",
                                "a text of the assessment holds a control character"));
            return ERR_INPUT;
        }
    return plan_evidence_valid(&a->ev, lang, cause);
}

void
plan_assessment_free(struct wb_assessment *a)
{
    free(a->eval);
    free(a->code);
    free(a->note);
    plan_evidence_free(&a->ev);
    free(a->assessor);
    free(a->at);
    memset(a, 0, sizeof *a);
}

const struct wb_assessment *
plan_assessment(const struct wb_plan *p, int year, const char *eval, const char *code)
{
    size_t i;

    for (i = 0; i < p->nassessments; i++)
        if (p->assessments[i].year == year && strcmp(p->assessments[i].eval, eval) == 0
            && strcmp(p->assessments[i].code, code) == 0)
            return &p->assessments[i];
    return NULL;
}

void
plan_offset_free(struct wb_offset *o)
{
    free(o->project);
    free(o->serial);
    free(o->registered);
    free(o->cancelled);
    free(o->proof);
    free(o->registry);
    free(o->location);
    free(o->species);
    free(o->period);
    free(o->disclosure);
    plan_evidence_free(&o->ev);
    free(o->note);
    memset(o, 0, sizeof *o);
}

void
plan_renewable_free(struct wb_renewable *r)
{
    free(r->period);
    plan_evidence_free(&r->ev);
    free(r->note);
    memset(r, 0, sizeof *r);
}

void
plan_statement_free(struct wb_statement *s)
{
    free(s->period);
    free(s->evaluator);
    free(s->conclusion);
    free(s->other);
    memset(s, 0, sizeof *s);
}

char **
plan_pledge_slot(struct wb_pledge *p, const char *key)
{
    return strcmp(key, "commitment") == 0   ? &p->commitment
           : strcmp(key, "timetable") == 0  ? &p->timetable
           : strcmp(key, "reduction") == 0  ? &p->reduction
           : strcmp(key, "offsetting") == 0 ? &p->offsetting
                                            : NULL;
}

char **
plan_statement_slot(struct wb_statement *s, const char *key)
{
    return strcmp(key, "period") == 0       ? &s->period
           : strcmp(key, "evaluator") == 0  ? &s->evaluator
           : strcmp(key, "conclusion") == 0 ? &s->conclusion
           : strcmp(key, "other") == 0      ? &s->other
                                            : NULL;
}

const char *
plan_text_label(const char *key, enum lang lang)
{
    static const struct {
        const char *key, *zh, *en;
    } labels[] = {
        {"commitment", "碳中和承诺的陈述", "Commitment"},
        {"timetable", "实现碳中和的时间表", "Timetable"},
        {"reduction", "温室气体减排策略", "Reduction strategy"},
        {"offsetting", "碳抵消策略", "Offset strategy"},
        {"period", "覆盖的时间段", "Period covered"},
        {"evaluator", "评价机构", "Evaluator"},
        {"conclusion", "评价结论", "Evaluator's conclusion"},
        {"other", "其他需要声明的内容", "Other statements"},
    };
    size_t i;

    for (i = 0; i < nitems(labels); i++)
        if (strcmp(labels[i].key, key) == 0)
            return TR(lang, labels[i].zh, labels[i].en);
    return key;
}

const struct wb_statement *
plan_statement(const struct wb_plan *p, int year)
{
    size_t i;

    for (i = 0; i < p->nstatements; i++)
        if (p->statements[i].year == year)
            return &p->statements[i];
    return NULL;
}

/* A year of the base as typed, into *year; ERR_USAGE saying so otherwise. */
static enum err
base_year(const char *s, enum lang lang, int *year, char **cause)
{
    char *why = NULL;

    if (period_parse_year(s, year, &why) == ERR_OK)
        return ERR_OK;
    free(why);
    *cause = xasprintf(TR(lang, "基准期中的“%s”不是年份（%d—%d）",
                          "“%s” in the base period is not a year (%d-%d)"),
                       s, PERIOD_YEAR_MIN, PERIOD_YEAR_MAX);
    return ERR_USAGE;
}

static enum err
base_usage(const char *text, enum lang lang, char **cause)
{
    *cause = xasprintf(TR(lang, "无法识别基准期“%s”：写 2022（单一年份）、2020-2022 或 "
                                "2019,2021,2022（多年平均）、moving:3（最近 3 个完整年份的移动平均）",
                          "cannot read the base period “%s”: write 2022 (one year), 2020-2022 or "
                          "2019,2021,2022 (an average of years), moving:3 (the moving average of "
                          "the latest 3 complete years)"),
                       text);
    return ERR_USAGE;
}

static enum err
base_too_many(enum lang lang, char **cause)
{
    *cause = xasprintf(TR(lang, "基准期最多 %d 个年份", "a base period has at most %d years"),
                       PLAN_BASE_YEARS_MAX);
    return ERR_USAGE;
}

static enum err
base_range(const char *text, const char *dash, enum lang lang, struct wb_base *b, char **cause)
{
    char *from = xstrndup(text, (size_t)(dash - text));
    int y0, y1, y;
    enum err e;

    e = base_year(from, lang, &y0, cause);
    free(from);
    if (e != ERR_OK || (e = base_year(dash + 1, lang, &y1, cause)) != ERR_OK)
        return e;
    if (y1 <= y0) {
        *cause = xasprintf(TR(lang, "基准期 %d-%d 须从早到晚", "the base period %d-%d must run forward"),
                           y0, y1);
        return ERR_USAGE;
    }
    if (y1 - y0 + 1 > PLAN_BASE_YEARS_MAX)
        return base_too_many(lang, cause);
    b->kind = BASE_AVERAGE;
    b->nyears = 0;
    for (y = y0; y <= y1; y++)
        b->years[b->nyears++] = y;
    return ERR_OK;
}

static int
cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;

    return (x > y) - (x < y);
}

static enum err
base_list(const char *text, enum lang lang, struct wb_base *b, char **cause)
{
    char *copy = xstrdup(text), *p = copy, *comma;
    size_t i, n = 0;
    int years[PLAN_BASE_YEARS_MAX];
    enum err e = ERR_OK;

    for (;;) {
        comma = strchr(p, ',');
        if (comma != NULL)
            *comma = '\0';
        if (n == PLAN_BASE_YEARS_MAX) {
            e = base_too_many(lang, cause);
            break;
        }
        if ((e = base_year(p, lang, &years[n], cause)) != ERR_OK)
            break;
        n++;
        if (comma == NULL)
            break;
        p = comma + 1;
    }
    free(copy);
    if (e != ERR_OK)
        return e;
    qsort(years, n, sizeof years[0], cmp_int);
    for (i = 1; i < n; i++)
        if (years[i] == years[i - 1]) {
            *cause = xasprintf(TR(lang, "基准期中 %d 年出现两次", "%d appears twice in the base period"),
                               years[i]);
            return ERR_USAGE;
        }
    b->kind = n == 1 ? BASE_YEAR : BASE_AVERAGE;
    b->nyears = n;
    memcpy(b->years, years, n * sizeof years[0]);
    return ERR_OK;
}

enum err
plan_base_parse(const char *text, enum lang lang, struct wb_base *b, char **cause)
{
    char *t = text_trim(text);
    const char *dash;
    enum err e;

    b->nyears = 0;
    b->moving_n = 0;
    if (*t == '\0') {
        e = base_usage(text, lang, cause);
    } else if (strncmp(t, "moving:", 7) == 0) {
        char *end;
        long n = strtol(t + 7, &end, 10);

        if (t[7] < '0' || t[7] > '9' || *end != '\0' || n < 1 || n > PLAN_BASE_YEARS_MAX) {
            *cause = xasprintf(TR(lang, "移动平均的年数须为 1—%d：moving:3",
                                  "the years of a moving average must be 1-%d: moving:3"),
                               PLAN_BASE_YEARS_MAX);
            e = ERR_USAGE;
        } else {
            b->kind = BASE_MOVING;
            b->moving_n = (int)n;
            e = ERR_OK;
        }
    } else if (strchr(t, ',') != NULL) {
        e = base_list(t, lang, b, cause);
    } else if ((dash = strchr(t, '-')) != NULL && dash != t) {
        e = base_range(t, dash, lang, b, cause);
    } else {
        e = base_year(t, lang, &b->years[0], cause);
        if (e == ERR_OK) {
            b->kind = BASE_YEAR;
            b->nyears = 1;
        }
    }
    free(t);
    return e;
}

/* Whether the years of b follow one another without a gap. */
static int
consecutive(const struct wb_base *b)
{
    size_t i;

    for (i = 1; i < b->nyears; i++)
        if (b->years[i] != b->years[i - 1] + 1)
            return 0;
    return b->nyears > 1;
}

char *
plan_base_text(const struct wb_base *b)
{
    struct strbuf sb = {0};
    size_t i;

    if (b->kind == BASE_MOVING)
        return xasprintf("moving:%d", b->moving_n);
    if (consecutive(b))
        return xasprintf("%d-%d", b->years[0], b->years[b->nyears - 1]);
    for (i = 0; i < b->nyears; i++)
        sb_printf(&sb, "%s%d", i > 0 ? "," : "", b->years[i]);
    return sb_take(&sb);
}

char *
plan_base_words(const struct wb_base *b, enum lang lang)
{
    struct strbuf sb = {0};
    size_t i;

    if (b->kind == BASE_MOVING && lang == LANG_EN && b->moving_n == 1)
        return xstrdup("the latest complete year (moving)");
    if (b->kind == BASE_MOVING)
        return xasprintf(TR(lang, "最近 %d 个完整年份的移动平均",
                            "moving average of the latest %d complete years"),
                         b->moving_n);
    if (b->kind == BASE_YEAR)
        return xasprintf(TR(lang, "%d 年（单一年份）", "%d (one year)"), b->years[0]);
    if (consecutive(b))
        return xasprintf(TR(lang, "%d—%d 年平均", "average of %d-%d"), b->years[0],
                         b->years[b->nyears - 1]);
    sb_printf(&sb, "%s", TR(lang, "", "average of "));
    for (i = 0; i < b->nyears; i++)
        sb_printf(&sb, "%s%d", i > 0 ? TR(lang, "、", ", ") : "", b->years[i]);
    sb_printf(&sb, "%s", TR(lang, " 年平均", ""));
    return sb_take(&sb);
}

double
plan_overall(double annual, int years)
{
    return 1.0 - pow(1.0 - annual, (double)years);
}

double
plan_annual(double overall, int years)
{
    return 1.0 - pow(1.0 - overall, 1.0 / (double)years);
}

enum err
plan_target_valid(const struct wb_target *t, enum lang lang, char **cause)
{
    if (t->param >= PARAM__COUNT) {
        *cause = xstrdup(TR(lang, "未知的目标参数", "unknown target parameter"));
        return ERR_USAGE;
    }
    if (!period_year_ok(t->target_year)) {
        *cause = xasprintf(TR(lang, "目标年须在 %d—%d 之间", "the target year must be %d-%d"),
                           PERIOD_YEAR_MIN, PERIOD_YEAR_MAX);
        return ERR_USAGE;
    }
    if ((t->param == PARAM_COAL_SHARE) != (t->kind == TARGET_CAP)) {
        *cause = xstrdup(TR(lang, "煤炭消费占比的目标是上限（%），其他参数的目标是下降率",
                            "the coal share takes a cap (%), the other parameters a reduction"));
        return ERR_USAGE;
    }
    if (!isfinite(t->value) || t->value < 0 || t->value > 100
        || (t->kind != TARGET_CAP && (t->value <= 0 || t->value >= 100))) {
        *cause = xasprintf(TR(lang, "目标值须大于 0 且小于 100（%%），而不是 %g",
                              "the target value must be more than 0 and less than 100 (%%), not %g"),
                           t->value);
        return ERR_USAGE;
    }
    return ERR_OK;
}

static void
target_set(struct wb_target *t, enum plan_param param, const char *base, int year,
           enum target_kind kind, double value, const char *preset, const char *note)
{
    memset(t, 0, sizeof *t);
    t->param = param;
    t->base = base != NULL ? xstrdup(base) : NULL;
    t->target_year = year;
    t->kind = kind;
    t->value = value;
    t->preset = xstrdup(preset);
    t->note = xstrdup(note);
}

enum err
plan_preset(const char *name, int target_year, enum lang lang, struct wb_target **out, size_t *n,
            char **cause)
{
    struct wb_target *t;

    if (strcmp(name, "national-2025") == 0) {
        /* 004 一: "在 2020 年的基础上单位建筑面积能耗下降 5%、碳排放下降 7%"; 二(三): "到 2025 年实现
           煤炭消费占比下降至 13% 以下". */
        t = xcalloc(3, sizeof *t);
        target_set(&t[0], PARAM_INTENSITY, "2020", 2025, TARGET_REDUCTION, 7, name,
                   "《深入开展公共机构绿色低碳引领行动促进碳达峰实施方案》一");
        target_set(&t[1], PARAM_ENERGY_INTENSITY, "2020", 2025, TARGET_REDUCTION, 5, name,
                   "《深入开展公共机构绿色低碳引领行动促进碳达峰实施方案》一");
        target_set(&t[2], PARAM_COAL_SHARE, NULL, 2025, TARGET_CAP, 13, name,
                   "《深入开展公共机构绿色低碳引领行动促进碳达峰实施方案》二（三）");
        *out = t;
        *n = 3;
        return ERR_OK;
    }
    if (strcmp(name, "1.5c") == 0) {
        /* 003 A.2.4.2 a): "范围 1 和范围 2 … 每年温室气体排放量下降率不低于 4.2%". */
        t = xcalloc(1, sizeof *t);
        target_set(&t[0], PARAM_TOTAL, NULL, target_year, TARGET_RATE, 4.2, name,
                   "《碳中和实施指南 组织》A.2.4.2 a)");
        *out = t;
        *n = 1;
        return ERR_OK;
    }
    *cause = xasprintf(TR(lang, "未知的预设目标“%s”：national-2025 或 1.5c",
                          "unknown preset “%s”: national-2025 or 1.5c"),
                       name);
    return ERR_USAGE;
}

int
plan_preset_held(const struct wb_plan *plan, const struct wb_target *t)
{
    size_t i;

    for (i = 0; t->preset != NULL && i < plan->ntargets; i++) {
        const struct wb_target *o = &plan->targets[i];

        if (o->preset != NULL && strcmp(o->preset, t->preset) == 0 && o->param == t->param
            && o->target_year == t->target_year)
            return 1;
    }
    return 0;
}
