/*
 * zerocarbon.c - the 零碳机关评价 scoring (000 §6): each item's rule (data/zc.h) applied to the
 * figure the workbook gives, the percentage entered, or the assessor's points; the total, grade
 * and veto. The rule's arithmetic is in rule_score; the rest gathers the value each item needs and
 * says in words what it used, so the sheet can show the working beside the score.
 */
#include "core/zerocarbon.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/text.h"
#include "base/xmem.h"

#define TR(lang, zh, en) ((lang) == LANG_EN ? (en) : (zh))
#define EPS 1e-9            /* a figure this close to a step's edge is on it */
#define TEXT_ROWS 42        /* the 三级指标 that 000 §6.4's text announces */
#define TEXT_LEVEL2 18      /* and its 二级指标 */

static const char reading_zh[] =
    "评分标准的读法：指标本身是百分比的（如可再生能源利用率），“每低 X %”指低 X 个百分点；"
    "数量与参照值比较的（人均碳排放量对行业平均水平、单位建筑面积综合能耗对定额标准），指比参照值"
    "低（高）参照值的 X %。扣分时不足一档也算一档；加分和“每 10kW 得 0.5 分”只计满档。"
    "单位建筑面积综合能耗高于定额标准不得分；人均碳排放量等于行业平均水平得满分。"
    "每项得分不低于 0、不高于该项分值。综合得分按等级的下限划分（89.5 分为零碳先进机关）。"
    "1.1.1 未通过则一票否决，评为待改进机关。";
static const char reading_en[] =
    "How the rules are read: for an indicator that is itself a percentage (the renewable energy "
    "share), \"each X % below\" means X percentage points; for a quantity against a reference (per "
    "capita emissions against the sector average, energy per building area against the quota) it "
    "means X per cent of the reference. A deduction counts every started step; a bonus, and \"0.5 "
    "for each 10 kW\", count full steps only. Energy per area above the quota scores 0; per capita "
    "emissions equal to the sector average score full points. No item scores below 0 or above its "
    "points. A total falls in the grade whose lower bound it reaches (89.5 is an advanced office). "
    "If 1.1.1 fails, the evaluation is vetoed: the office is graded to improve.";

const char *
zc_reading(enum lang lang)
{
    return TR(lang, reading_zh, reading_en);
}

/* v with at most two decimals, trailing zeros dropped, into buf. */
static const char *
num(double v, char buf[32])
{
    text_format_number(v, 2, buf, 32);
    return buf;
}

/* Started steps of size step in dist (0 for dist ≤ 0). */
static double
started(double dist, double step)
{
    return dist <= EPS ? 0 : ceil(dist / step - EPS);
}

/* Full steps of size step in dist (0 for dist ≤ 0). */
static double
full_steps(double dist, double step)
{
    return dist <= 0 ? 0 : floor(dist / step + EPS);
}

/* v within 0 … max, to a thousandth (the rules step by 0.2, 0.3, 0.5; this drops float dust). */
static double
clamp(double v, double max)
{
    v = v < 0 ? 0 : v > max ? max : v;
    return floor(v * 1000 + 0.5) / 1000;
}

/* The distance of value from ref in per cent of ref, positive on the losing side. */
static double
rel_dist(double value, double ref, int worse_above)
{
    return (worse_above ? value - ref : ref - value) / ref * 100;
}

/*
 * The points rule d gives for value (the figure, percentage or points) against ref (the reference
 * of a ZP_RELATIVE rule; for ZK_FALLING the year before). Veto: value 1 passes.
 */
static double
rule_score(const struct zc_def *d, double value, double ref)
{
    const struct zc_rule *ru = &d->rule;
    double dist;
    size_t i;

    switch (ru->kind) {
    case ZK_VETO:
        return value > 0 ? d->max : 0;
    case ZK_THRESHOLD:
        for (i = 0; i < ru->n; i++)
            if (value >= ru->at[i] - EPS)
                return clamp(ru->pts[i], d->max);
        return 0;
    case ZK_STEPS:
        dist = ru->per == ZP_RELATIVE ? rel_dist(value, ref, ru->worse_above)
                                      : ru->worse_above ? value - ru->full : ru->full - value;
        return clamp(d->max - started(dist, ru->step) * ru->deduct, d->max);
    case ZK_BONUS:
        dist = rel_dist(value, ref, 1);
        if (dist > EPS)
            return 0;
        return clamp(ru->base + full_steps(-dist, ru->step) * ru->add, d->max);
    case ZK_PER_UNIT:
        return clamp(full_steps(value, ru->unit) * ru->points, d->max);
    case ZK_FALLING:
        return value < ref ? d->max : 0;
    case ZK_LEVELS:
    case ZK_SCALE:
        return clamp(value, d->max);
    }
    return 0;
}

enum zc_value
zc_value_kind(const struct zc_def *d)
{
    switch (d->how) {
    case ZC_ENTERED:
        return ZV_PERCENT;
    case ZC_ASSESSOR:
        return ZV_POINTS;
    case ZC_COMPUTED:
        break;
    }
    if (d->rule.ref_entry)
        return ZV_REFERENCE;
    switch (d->input) {
    case ZI_TARGET_ACHIEVEMENT:
    case ZI_RENEWABLE_SHARE:
    case ZI_RENEWABLE_KW:
        return ZV_FIGURE;
    default:
        return ZV_NONE;
    }
}

/* "0、2、2.5、3" or "0, 2, 2.5, 3": the levels of an assessor rule. */
static char *
levels_text(const struct zc_rule *ru, enum lang lang)
{
    struct strbuf sb = {0};
    char b[32];
    size_t i;

    for (i = 0; i < ru->n; i++) {
        if (i > 0)
            sb_append(&sb, TR(lang, "、", ", "));
        sb_append(&sb, num(ru->pts[i], b));
    }
    return sb_take(&sb);
}

char *
zc_value_prompt(const struct zc_def *d, enum lang lang)
{
    char b[32], b2[32], *lv, *s;

    switch (zc_value_kind(d)) {
    case ZV_NONE:
        return NULL;
    case ZV_REFERENCE:
        return xstrdup(d->input == ZI_CARBON_PER_CAPITA ? TR(lang, "行业平均水平（tCO₂e/人）",
                                                             "sector average (tCO₂e/person)")
                                                        : TR(lang, "定额标准（kgce/m²）",
                                                             "quota (kgce/m²)"));
    case ZV_FIGURE:
        return xstrdup(d->input == ZI_RENEWABLE_KW ? TR(lang, "装机容量（kW）", "capacity (kW)")
                                                   : TR(lang, "百分比（%）", "percentage (%)"));
    case ZV_PERCENT:
        return xstrdup(TR(lang, "百分比（%）", "percentage (%)"));
    case ZV_POINTS:
        break;
    }
    if (d->rule.kind == ZK_LEVELS) {
        lv = levels_text(&d->rule, lang);
        s = xasprintf(TR(lang, "得分：%s", "points: %s"), lv);
        free(lv);
        return s;
    }
    return xasprintf(TR(lang, "得分 0–%s（步长 %s）", "points 0–%s (in steps of %s)"), num(d->max, b),
                     num(d->rule.step, b2));
}

/* The reason an assessor's points do not fit d's rule, or NULL. */
static char *
points_problem(const struct zc_def *d, double v, enum lang lang)
{
    const struct zc_rule *ru = &d->rule;
    char b[32], b2[32], *lv, *s;
    size_t i;

    if (ru->kind == ZK_LEVELS) {
        for (i = 0; i < ru->n; i++)
            if (fabs(v - ru->pts[i]) < EPS)
                return NULL;
        lv = levels_text(ru, lang);
        s = xasprintf(TR(lang, "%s 分不是 %s 的评分档位：只能给 %s 分", "%s points is not a step of %s: "
                                                               "only %s"), num(v, b), d->code, lv);
        free(lv);
        return s;
    }
    if (v >= -EPS && v <= d->max + EPS && fabs(v / ru->step - floor(v / ru->step + 0.5)) < 1e-6)
        return NULL;
    return xasprintf(TR(lang, "%s 分不可用：%s 的得分须在 0 到 %s 之间，步长 %s",
                        "%s points is refused: %s takes 0 to %s in steps of %s"),
                     num(v, b), d->code, num(d->max, b2), num(ru->step, (char[32]){0}));
}

enum err
zc_entry_valid(const struct zc_def *d, double value, enum lang lang, char **cause)
{
    char b[32], *why = NULL;

    if (!isfinite(value))
        why = xstrdup(TR(lang, "不是有效的数值", "not a valid number"));
    else
        switch (zc_value_kind(d)) {
        case ZV_NONE:
            why = xasprintf(TR(lang, "%s 由工作簿的数据计算，不录入数值（可录入佐证）",
                               "%s is computed from the workbook and takes no value "
                               "(evidence only)"),
                            d->code);
            break;
        case ZV_REFERENCE:
            if (!(value > 0))
                why = xasprintf(TR(lang, "参照值 %s 须大于 0", "the reference %s must be above 0"),
                                num(value, b));
            break;
        case ZV_FIGURE:
        case ZV_PERCENT:
            if (value < 0 || (d->input != ZI_RENEWABLE_KW && d->input != ZI_TARGET_ACHIEVEMENT
                              && value > 100))
                why = xasprintf(TR(lang, "%s 的数值 %s 超出范围（%s）", "%s: %s is out of range (%s)"),
                                d->code, num(value, b),
                                d->input == ZI_RENEWABLE_KW || d->input == ZI_TARGET_ACHIEVEMENT
                                    ? TR(lang, "不小于 0", "at least 0") : "0–100 %");
            break;
        case ZV_POINTS:
            why = points_problem(d, value, lang);
            break;
        }
    if (why == NULL)
        return ERR_OK;
    *cause = why;
    return ERR_INPUT;
}

/* The last entry for code, or NULL. */
static const struct eval_entry *
find_entry(const struct eval_entry *entries, size_t n, const char *code)
{
    size_t i;

    for (i = n; i-- > 0;)
        if (entries[i].code != NULL && strcmp(entries[i].code, code) == 0)
            return &entries[i];
    return NULL;
}

/* Marks it unscored with the reason. */
static void
unscored(struct zc_item *it, char *why)
{
    it->scored = 0;
    it->inputs = why;
}

/* Scores it with the points and the words of the inputs. */
static void
scored(struct zc_item *it, double points, char *inputs)
{
    it->scored = 1;
    it->score = points;
    it->inputs = inputs;
}

/* 1.1.1: the year's check. */
static void
score_check(struct zc_item *it, const struct zc_facts *f, enum lang lang)
{
    if (!f->has_check) {
        unscored(it, xstrdup(TR(lang, "本年尚未检查", "the year has not been checked")));
        return;
    }
    scored(it, rule_score(it->def, f->check_passes, 0),
           f->check_passes ? xstrdup(TR(lang, "本年核算通过检查", "the year's accounting passes check"))
                           : xasprintf(TR(lang, "本年核算未通过检查（%d 项错误）：一票否决",
                                          "the year's accounting fails check (%d errors): veto"),
                                       f->check_errors));
}

/* 1.1.2: this year's carbon per area against the creation start year's. */
static void
score_reduction(struct zc_item *it, const struct zc_facts *f, enum lang lang)
{
    char a[32], b[32], c[32];
    double red;

    if (!f->has_carbon_per_area || !f->has_base_carbon_per_area || !(f->base_carbon_per_area > 0)) {
        unscored(it, xstrdup(!f->has_carbon_per_area
                                 ? TR(lang, "缺少本年单位建筑面积碳排放", "no carbon per area this year")
                                 : TR(lang, "缺少创建起始年（基准年）单位建筑面积碳排放",
                                      "no carbon per area in the creation start (base) year")));
        return;
    }
    if (f->base_year == f->year) {
        unscored(it, xstrdup(TR(lang, "本年即创建起始年，无可比较", "the year is the creation start "
                                                                   "year: nothing to compare")));
        return;
    }
    red = (f->base_carbon_per_area - f->carbon_per_area) / f->base_carbon_per_area * 100;
    scored(it, rule_score(it->def, red, 0),
           xasprintf(TR(lang, "本年 %s kgCO₂e/m²，较 %d 年 %s %s %s %%",
                        "this year %s kgCO₂e/m², against %d's %s: %s %s %%"),
                     num(f->carbon_per_area, a), f->base_year, num(f->base_carbon_per_area, b),
                     red >= 0 ? TR(lang, "降低", "lower by") : TR(lang, "升高", "higher by"),
                     num(fabs(red), c)));
}

/* 1.1.3, 2.1.1: the figure against the entered reference. */
static void
score_against_ref(struct zc_item *it, const struct zc_facts *f, const struct eval_entry *en,
                  enum lang lang)
{
    int capita = it->def->input == ZI_CARBON_PER_CAPITA;
    double v = capita ? f->carbon_per_capita : f->energy_per_area, d;
    char a[32], b[32], c[32], *prompt;

    if (!(capita ? f->has_carbon_per_capita : f->has_energy_per_area)) {
        unscored(it, xstrdup(capita ? TR(lang, "缺少本年人均碳排放量", "no emissions per person this year")
                                    : TR(lang, "缺少本年单位建筑面积综合能耗",
                                         "no energy per building area this year")));
        return;
    }
    if (en == NULL || !en->has_value) {
        prompt = zc_value_prompt(it->def, lang);
        unscored(it, xasprintf(TR(lang, "待录入%s", "enter the %s"), prompt));
        free(prompt);
        return;
    }
    d = (v - en->value) / en->value * 100;
    scored(it, rule_score(it->def, v, en->value),
           xasprintf(TR(lang, "本年 %s %s，%s %s，%s %s %%", "this year %s %s, %s %s: %s %s %%"),
                     num(v, a), capita ? TR(lang, "tCO₂e/人", "tCO₂e/person") : "kgce/m²",
                     capita ? TR(lang, "行业平均水平", "sector average") : TR(lang, "定额标准", "quota"),
                     num(en->value, b),
                     d > 0 ? TR(lang, "高", "above by") : TR(lang, "低", "below by"),
                     num(fabs(d), c)));
}

/* 1.3.2, 2.2.1, 2.2.2: the workbook's figure, or the entered one when the workbook has none. */
static void
score_figure(struct zc_item *it, const struct zc_facts *f, const struct eval_entry *en,
             enum lang lang)
{
    int has = 0, kw = it->def->input == ZI_RENEWABLE_KW;
    double v = 0;
    char a[32], *prompt;

    if (it->def->input == ZI_TARGET_ACHIEVEMENT)
        has = f->has_target_achievement, v = f->target_achievement;
    else if (it->def->input == ZI_RENEWABLE_SHARE)
        has = f->has_renewable_share, v = f->renewable_share;
    else
        has = f->has_renewable_kw, v = f->renewable_kw;
    if (!has && en != NULL && en->has_value) {
        has = 1, v = en->value;
        it->how = ZC_ENTERED;
    }
    if (!has) {
        prompt = zc_value_prompt(it->def, lang);
        unscored(it, xasprintf(TR(lang, "工作簿中没有此数据，待录入%s", "not in the workbook: enter the %s"),
                               prompt));
        free(prompt);
        return;
    }
    scored(it, rule_score(it->def, v, 0),
           xasprintf("%s%s %s", it->how == ZC_ENTERED ? TR(lang, "录入 ", "entered ") : "",
                     num(v, a), kw ? "kW" : "%"));
}

/* 4.2.3: water per area against the year before. */
static void
score_water(struct zc_item *it, const struct zc_facts *f, enum lang lang)
{
    char a[32], b[32];

    if (!f->has_water_per_area || !f->has_last_water_per_area) {
        unscored(it, xstrdup(!f->has_water_per_area
                                 ? TR(lang, "缺少本年用水量或建筑面积", "no water use or area this year")
                                 : TR(lang, "缺少上一年的单位建筑面积用水量",
                                      "no water per area the year before")));
        return;
    }
    scored(it, rule_score(it->def, f->water_per_area, f->last_water_per_area),
           xasprintf(TR(lang, "本年 %s m³/m²，上年 %s m³/m²，%s",
                        "this year %s m³/m², the year before %s: %s"),
                     num(f->water_per_area, a), num(f->last_water_per_area, b),
                     f->water_per_area < f->last_water_per_area ? TR(lang, "下降", "falling")
                                                                : TR(lang, "未下降", "not falling")));
}

/* An entered percentage or the assessor's points. */
static void
score_entered(struct zc_item *it, const struct eval_entry *en, enum lang lang)
{
    char a[32], *why = NULL, *prompt;

    if (en == NULL || !en->has_value) {
        prompt = zc_value_prompt(it->def, lang);
        unscored(it, xasprintf(it->def->how == ZC_ASSESSOR
                                   ? TR(lang, "待评审打分（%s）", "to be scored (%s)")
                                   : TR(lang, "待录入%s", "enter the %s"),
                               prompt));
        free(prompt);
        return;
    }
    if (zc_entry_valid(it->def, en->value, lang, &why) != ERR_OK) {
        unscored(it, why);
        return;
    }
    scored(it, rule_score(it->def, en->value, 0),
           it->def->how == ZC_ASSESSOR ? xasprintf(TR(lang, "评审给 %s 分", "assessor's points %s"),
                                                   num(en->value, a))
                                       : xasprintf(TR(lang, "录入 %s %%", "entered %s %%"),
                                                   num(en->value, a)));
}

/* One item: its entry's evidence, then its score by how. */
static void
score_item(struct zc_item *it, const struct zc_facts *f, const struct eval_entry *en,
           enum lang lang)
{
    char *why = NULL;

    it->how = it->def->how;
    it->note = en != NULL && en->note != NULL ? en->note : "";
    it->evidence = en != NULL && en->evidence != NULL ? en->evidence : "";
    it->assessor = en != NULL && en->assessor != NULL ? en->assessor : "";
    if (it->def->how != ZC_COMPUTED) {
        score_entered(it, en, lang);
        return;
    }
    /* a reference or a figure entered out of range is refused here as at entry */
    if (en != NULL && en->has_value && zc_value_kind(it->def) != ZV_NONE
        && zc_entry_valid(it->def, en->value, lang, &why) != ERR_OK) {
        unscored(it, why);
        return;
    }
    switch (it->def->input) {
    case ZI_CHECK:
        score_check(it, f, lang);
        break;
    case ZI_CARBON_PER_AREA:
        score_reduction(it, f, lang);
        break;
    case ZI_CARBON_PER_CAPITA:
    case ZI_ENERGY_PER_AREA:
        score_against_ref(it, f, en, lang);
        break;
    case ZI_WATER_PER_AREA:
        score_water(it, f, lang);
        break;
    default:
        score_figure(it, f, en, lang);
        break;
    }
}

void
zc_score(const struct zc_defs *defs, const struct zc_facts *facts,
         const struct eval_entry *entries, size_t nentries, enum lang lang,
         struct zc_result *out)
{
    static const struct zc_facts none;
    struct zc_item *it;
    size_t i;

    memset(out, 0, sizeof(*out));
    if (facts == NULL)
        facts = &none;
    out->n = defs->n;
    out->items = xcalloc(defs->n, sizeof(*out->items));
    out->unscored = xcalloc(defs->n, sizeof(*out->unscored));
    for (i = 0; i < defs->n; i++) {
        it = &out->items[i];
        it->def = &defs->v[i];
        score_item(it, facts, find_entry(entries, nentries, it->def->code), lang);
        if (!it->scored) {
            out->unscored[out->nunscored++] = it->def->code;
            continue;
        }
        out->total += it->score;
        out->scored_max += it->def->max;
        if (it->def->rule.kind == ZK_VETO && !(it->score > 0))
            out->veto = 1;
    }
    out->total = floor(out->total * 1000 + 0.5) / 1000;
    out->provisional = out->nunscored > 0;
    out->grade = out->veto ? zc_grade_lowest(defs) : zc_grade_for(defs, out->total);
    out->reading = zc_reading(lang);
    out->table_note = xasprintf(
        TR(lang, "000 §6.4 的正文称 %d 个三级指标、%d 个二级指标，其表列出 %zu 个三级指标、%zu 个二级指标，"
                 "合计 %g 分；按表评分。",
           "The text of 000 §6.4 announces %d third-level and %d second-level indicators; its "
           "table lists %zu and %zu, totalling %g points. Scored by the table."),
        TEXT_ROWS, TEXT_LEVEL2, defs->n, defs->nlevel2, defs->total);
}

void
zc_result_free(struct zc_result *res)
{
    size_t i;

    if (res == NULL)
        return;
    for (i = 0; i < res->n; i++)
        free(res->items[i].inputs);
    free(res->items);
    free((void *)res->unscored);
    free(res->table_note);
    memset(res, 0, sizeof(*res));
}
