/*
 * maturity.c - scores the carbon-management maturity evaluation of 002 §12 (see maturity.h).
 * The quantitative rows are read from 表A.2 as data (their bounds and points), so this file only
 * knows the two ways of comparing: the percentage above the advanced value, and the decline from
 * the best earlier year. Comparisons allow 1e-9 for rounding, so that an intensity exactly 10 %
 * above the advanced value is "10%以内（含10%）" although 1.1 × a is not exact in binary.
 */
#include "core/maturity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/text.h"
#include "base/xmem.h"

#define TR(lang, zh, en) ((lang) == LANG_EN ? (en) : (zh))
#define EPS 1e-9

static const char *const denom_names[MD__COUNT] = {"area", "person", "custom"};

static const char note_zh[] =
    "本评价依据 002《碳排放管理体系建设与评价指南》征求意见稿（T/CECA-G 00XX—2023），草案尚未定稿："
    "权重 a1、a2（式(3)、表A.3）写作“**”；历史法的三行均写“下降幅度在10%以上”（§12.3.2 b) 只说"
    "“下降一定幅度”）；这些都是可修改的设置，默认值为本程序所定。行业先进值法的 80、60 分取自表A.2"
    "（§12.3.2 a) 写作“**分”）。§12.5.2 正文称“三星、二星、一星、不合格4个等级”，表22 为四星 90-100、"
    "三星 80-89、二星 60-79、一星 0-59，本程序按表22。§12.2 称一级指标 7 个、二级指标 22 个，表A.1 为"
    " 6 个、21 个，本程序按表A.1 计分；草案批注称表A.1“分值需检查与调整”。";
static const char note_en[] =
    "This evaluation follows 002 (Guidelines for building and evaluating a carbon management "
    "system, T/CECA-G 00XX-2023), a draft. It writes the weights a1 and a2 (formula (3), table "
    "A.3) as \"**\", and its three historical-method rows all read \"a decline of more than "
    "10 %\" (§12.3.2 b) only says \"a certain decline\"): these are settings, with tanbook's "
    "defaults. The 80 and 60 points against the advanced value are table A.2's (§12.3.2 a) "
    "writes \"** points\"). §12.5.2 names the grades three stars, two stars, one star and fail, "
    "table 22 four stars 90-100, three stars 80-89, two stars 60-79, one star 0-59: tanbook "
    "follows table 22. §12.2 counts 7 first-level and 22 second-level indicators, table A.1 has "
    "6 and 21: tanbook scores table A.1, of which a reviewer's note says its points are still to "
    "be checked.";

const char *
maturity_note(enum lang lang)
{
    return TR(lang, note_zh, note_en);
}

int
maturity_denom_parse(const char *s)
{
    int d;

    for (d = 0; d < MD__COUNT; d++)
        if (strcmp(s, denom_names[d]) == 0)
            return d;
    return -1;
}

/* Whether value is n·step for a whole n, within rounding. */
static int
on_step(double value, double step)
{
    double q = value / step;

    return fabs(q - round(q)) < EPS;
}

enum err
maturity_entry_valid(const struct maturity_item *def, double value, enum lang lang, char **cause)
{
    char v[32], m[32], s[32];

    text_format_number(value, TEXT_DIGITS, v, sizeof(v));
    text_format_number(def->max, TEXT_DIGITS, m, sizeof(m));
    text_format_number(def->step, TEXT_DIGITS, s, sizeof(s));
    if (!isfinite(value) || value < 0 || value > def->max + EPS) {
        *cause = xasprintf(TR(lang, "%s 的得分 %s 应在 0 至 %s 分之间",
                              "%s: %s points is outside 0 to %s"), def->code, v, m);
        return ERR_INPUT;
    }
    if (!on_step(value, def->step)) {
        *cause = xasprintf(TR(lang, "%s 的得分 %s 应为 %s 分的整数倍",
                              "%s: %s points is not a multiple of %s"), def->code, v, s);
        return ERR_INPUT;
    }
    return ERR_OK;
}

enum err
maturity_setting_valid(const struct maturity_setting_def *def, double value, enum lang lang,
                       char **cause)
{
    char v[32], lo[32], hi[32];

    text_format_number(value, TEXT_DIGITS, v, sizeof(v));
    text_format_number(def->min, TEXT_DIGITS, lo, sizeof(lo));
    text_format_number(def->max, TEXT_DIGITS, hi, sizeof(hi));
    if (!isfinite(value) || value < def->min || value > def->max) {
        *cause = xasprintf(TR(lang, "%s（%s）的值 %s 应在 %s 至 %s 之间",
                              "%s (%s): %s is outside %s to %s"), def->key,
                           TR(lang, def->label_zh, def->label_en), v, lo, hi);
        return ERR_INPUT;
    }
    if (def->integer && !on_step(value, 1)) {
        *cause = xasprintf(TR(lang, "%s 的值 %s 应为整数", "%s: %s is not a whole number"),
                           def->key, v);
        return ERR_INPUT;
    }
    return ERR_OK;
}

/* The last entry with a value for code, or NULL. */
static const struct eval_entry *
entry_for(const struct eval_entry *entries, size_t n, const char *code)
{
    const struct eval_entry *found = NULL;
    size_t i;

    for (i = 0; i < n; i++)
        if (entries[i].has_value && entries[i].code != NULL && strcmp(entries[i].code, code) == 0)
            found = &entries[i];
    return found;
}

/* The value in effect of the setting called key; maturity_defs_parse made sure it is there. */
static double
setting(const struct maturity_setting_value *sv, const struct maturity_defs *defs, const char *key)
{
    return sv[maturity_defs_setting(defs, key)].value;
}

/* The historical bounds fall as their points do, as the loader checked for the defaults. */
static enum err
check_hist_order(const struct maturity_defs *defs, const struct maturity_setting_value *sv,
                 enum lang lang, char **cause)
{
    const struct maturity_band *prev = NULL;
    size_t i;

    for (i = 0; i < defs->nbands; i++) {
        const struct maturity_band *b = &defs->bands[i];

        if (b->setting < 0)
            continue;
        if (prev != NULL && !(sv[b->setting].value < sv[prev->setting].value)) {
            *cause = xasprintf(TR(lang, "历史法 %g 分所需的下降幅度（%s）应小于 %g 分的（%s）",
                                  "historical method: the decline for %g points (%s) must be "
                                  "below the one for %g points (%s)"),
                               b->points, defs->settings[b->setting].key, prev->points,
                               defs->settings[prev->setting].key);
            return ERR_INPUT;
        }
        prev = b;
    }
    return ERR_OK;
}

enum err
maturity_settings(const struct maturity_defs *defs, const struct eval_entry *entries,
                  size_t nentries, enum lang lang, struct maturity_setting_value **out,
                  char **cause)
{
    struct maturity_setting_value *sv = xcalloc(defs->nsettings + 1, sizeof(*sv));
    double a1, a2;
    size_t i;
    enum err e;

    *out = NULL;
    for (i = 0; i < defs->nsettings; i++) {
        const struct eval_entry *en = entry_for(entries, nentries, defs->settings[i].key);

        sv[i].def = &defs->settings[i];
        sv[i].value = en != NULL ? en->value : sv[i].def->def;
        sv[i].entered = en != NULL;
        if (en != NULL && (e = maturity_setting_valid(sv[i].def, en->value, lang, cause)) != ERR_OK)
            goto fail;
    }
    a1 = setting(sv, defs, "@a1");
    a2 = setting(sv, defs, "@a2");
    if (fabs(a1 + a2 - 1) > EPS) {
        char s1[32], s2[32], sum[32];

        text_format_number(a1, TEXT_DIGITS, s1, sizeof(s1));
        text_format_number(a2, TEXT_DIGITS, s2, sizeof(s2));
        text_format_number(a1 + a2, TEXT_DIGITS, sum, sizeof(sum));
        *cause = xasprintf(TR(lang, "权重 a1 + a2 = %s + %s = %s，应为 1",
                              "the weights a1 + a2 = %s + %s = %s; they must add up to 1"),
                           s1, s2, sum);
        e = ERR_INPUT;
        goto fail;
    }
    if ((e = check_hist_order(defs, sv, lang, cause)) != ERR_OK)
        goto fail;
    *out = sv;
    return ERR_OK;
fail:
    free(sv);
    return e;
}

/* Appends v with at most dec decimals. */
static void
put_num(struct strbuf *sb, double v, int dec)
{
    char buf[48];

    text_format_number(v, dec, buf, sizeof(buf));
    sb_append(sb, buf);
}

/* The denominator's value in y, or 0 when it has none above 0. */
static int
denominator(const struct maturity_year *y, enum maturity_denom d, double *q)
{
    int has = d == MD_AREA ? y->has_area : d == MD_PERSON ? y->has_people : y->has_custom;

    *q = d == MD_AREA ? y->area_m2 : d == MD_PERSON ? y->people : y->custom;
    return has && *q > 0;
}

/* C = E总 / Q of formula (1) for y, in the unit of maturity_quant (kg per m², t otherwise). */
static int
intensity(const struct maturity_year *y, enum maturity_denom d, double *out)
{
    double q;

    if (!y->has_total || !denominator(y, d, &q))
        return 0;
    *out = y->total_tco2e * (d == MD_AREA ? 1000 : 1) / q;
    return 1;
}

/* "2024 年 1250 tCO₂e × 1000 ÷ 100000 m²": how C of y was made. */
static void
put_formula(struct strbuf *sb, const struct maturity_year *y, enum maturity_denom d,
            const struct maturity_facts *f, enum lang lang)
{
    double q;

    denominator(y, d, &q);
    sb_printf(sb, TR(lang, "%d 年 ", "%d: "), y->year);
    put_num(sb, y->total_tco2e, 4);
    sb_append(sb, d == MD_AREA ? " tCO₂e × 1000 ÷ " : " tCO₂e ÷ ");
    put_num(sb, q, 4);
    sb_printf(sb, " %s", d == MD_AREA ? "m²" : d == MD_PERSON ? TR(lang, "人", "persons")
                                                              : f->custom_unit);
}

/* The first row of method whose bound dev meets (the last row is open). */
static const struct maturity_band *
pick_band(const struct maturity_defs *defs, enum maturity_method m,
          const struct maturity_setting_value *sv, double dev)
{
    size_t i;

    for (i = 0; i < defs->nbands; i++) {
        const struct maturity_band *b = &defs->bands[i];

        if (b->method != m)
            continue;
        if (b->open)
            return b;
        if (m == MM_ADVANCED ? dev <= b->bound + EPS : dev + EPS >= sv[b->setting].value)
            return b;
    }
    return NULL;    /* not reached: the loader made each method end with an open row */
}

/* The lowest C of the years before the evaluated one, or 0 when none has one. */
static int
best_earlier(const struct maturity_facts *f, enum maturity_denom d, double *best, int *year)
{
    size_t i;
    double c;
    int found = 0;

    for (i = 0; i < f->nearlier; i++) {
        const struct maturity_year *y = &f->earlier[i];

        if (y->year >= f->cur.year || !intensity(y, d, &c) || !(c > 0))
            continue;
        if (!found || c < *best || (c == *best && y->year < *year))
            *best = c, *year = y->year, found = 1;
    }
    return found;
}

/* "行业先进值法 …, 得 80 分。" for the advanced method. */
static void
words_advanced(struct strbuf *sb, const struct maturity_quant *q, enum lang lang)
{
    sb_append(sb, TR(lang, "，行业先进值 ", "; the industry advanced value is "));
    put_num(sb, q->reference, 4);
    sb_printf(sb, " %s%s", q->unit, TR(lang, "，", ", "));
    if (q->deviation_pct > EPS) {
        sb_append(sb, TR(lang, "高于先进值 ", "above it by "));
        put_num(sb, q->deviation_pct, 2);
    } else {
        sb_append(sb, TR(lang, "不高于先进值（低 ", "not above it ("));
        put_num(sb, -q->deviation_pct, 2);
        sb_append(sb, TR(lang, "%）", "% below)"));
    }
    sb_printf(sb, TR(lang, "%s；表A.2 %s“%s”", "%s; table A.2 %s \"%s\""),
              q->deviation_pct > EPS ? "%" : "", q->band->code,
              TR(lang, q->band->text_zh, q->band->text_en));
}

/* "… 历史最优年度 2021 年 …，下降 3.85%；设置：…" for the historical method. */
static void
words_historical(struct strbuf *sb, const struct maturity_defs *defs,
                 const struct maturity_quant *q, const struct maturity_setting_value *sv,
                 enum lang lang)
{
    size_t i;

    sb_printf(sb, TR(lang, "，历史最优年度 %d 年为 ", "; the best earlier year, %d, had "),
              q->ref_year);
    put_num(sb, q->reference, 4);
    sb_printf(sb, " %s%s", q->unit, TR(lang, "，", ", "));
    sb_append(sb, q->deviation_pct >= 0 ? TR(lang, "下降 ", "a decline of ")
                                        : TR(lang, "上升 ", "a rise of "));
    put_num(sb, fabs(q->deviation_pct), 2);
    sb_append(sb, TR(lang, "%；设置：", "%; settings: "));
    for (i = 0; i < defs->nbands; i++) {
        const struct maturity_band *b = &defs->bands[i];

        if (b->method != MM_HISTORICAL)
            continue;
        if (b->open) {
            sb_append(sb, TR(lang, "否则 ", "otherwise "));
        } else {
            sb_append(sb, TR(lang, "下降 ≥ ", "decline ≥ "));
            put_num(sb, sv[b->setting].value, 4);
            sb_printf(sb, TR(lang, "%%（%s）得 ", "%% (%s): "), sv[b->setting].def->key);
        }
        put_num(sb, b->points, 2);
        sb_append(sb, b->open ? TR(lang, " 分", " points") : TR(lang, " 分，", " points, "));
    }
}

/* The unit of C under d. */
static char *
unit_of(enum maturity_denom d, const struct maturity_facts *f, enum lang lang)
{
    if (d == MD_AREA)
        return xstrdup("kgCO₂e/m²");
    if (d == MD_PERSON)
        return xstrdup(TR(lang, "tCO₂e/人", "tCO₂e/person"));
    return xasprintf("tCO₂e/%s", f->custom_unit != NULL ? f->custom_unit : "");
}

/* Why the quantitative part cannot be scored, when it cannot; NULL when it can go on. */
static const char *
quant_missing(const struct maturity_facts *f, enum maturity_denom d, enum lang lang)
{
    double q;

    if (d == MD_CUSTOM && (f->custom_name == NULL || f->custom_name[0] == '\0'))
        return TR(lang, "定量评价未计分：选了自定义分母，但没有为它命名",
                  "quantitative part not scored: the custom denominator has no name");
    if (!f->cur.has_total)
        return TR(lang, "定量评价未计分：本年没有碳排放总量",
                  "quantitative part not scored: the year has no total emissions");
    if (!denominator(&f->cur, d, &q))
        return TR(lang, "定量评价未计分：本年没有大于 0 的分母（建筑面积、人数或自定义分母）",
                  "quantitative part not scored: the year has no denominator above 0 (building "
                  "area, headcount or the custom one)");
    return NULL;
}

/* Scores 表A.2 into q: against adv when it is not NULL, else by the historical method. */
static void
quant_score(const struct maturity_defs *defs, const struct maturity_facts *f,
            const struct maturity_setting_value *sv, const struct eval_entry *adv, enum lang lang,
            struct maturity_quant *q)
{
    struct strbuf sb = {0};
    const char *why;

    q->denom = (enum maturity_denom)lround(setting(sv, defs, "@denominator"));
    q->unit = unit_of(q->denom, f, lang);
    q->method = adv != NULL ? MM_ADVANCED : MM_HISTORICAL;
    if ((why = quant_missing(f, q->denom, lang)) != NULL) {
        q->words = xstrdup(why);
        return;
    }
    q->has_intensity = intensity(&f->cur, q->denom, &q->intensity);
    if (adv != NULL) {
        q->has_reference = 1, q->reference = adv->value;
        q->deviation_pct = (q->intensity - q->reference) / q->reference * 100;
    } else if (best_earlier(f, q->denom, &q->reference, &q->ref_year)) {
        q->has_reference = 1;
        q->deviation_pct = (q->reference - q->intensity) / q->reference * 100;
    } else {
        q->words = xstrdup(TR(lang, "定量评价未计分：没有录入行业先进值（@advanced），也没有可比较的"
                              "往年碳排放强度（历史法）",
                              "quantitative part not scored: no industry advanced value "
                              "(@advanced) was entered and no earlier year has an intensity to "
                              "compare with (historical method)"));
        return;
    }
    q->band = pick_band(defs, q->method, sv, q->deviation_pct);
    q->points = q->band->points;
    q->ok = 1;
    sb_append(&sb, adv != NULL ? TR(lang, "行业先进值法（表A.2 序号1）：", "Industry advanced "
                                    "value (table A.2 row 1): ")
                               : TR(lang, "历史法（表A.2 序号2，未录入行业先进值）：", "Historical "
                                    "method (table A.2 row 2, no advanced value entered): "));
    sb_append(&sb, TR(lang, "碳排放强度 ", "carbon intensity "));
    put_num(&sb, q->intensity, 4);
    sb_printf(&sb, " %s%s", q->unit, TR(lang, "（", " ("));
    put_formula(&sb, &f->cur, q->denom, f, lang);
    sb_append(&sb, TR(lang, "）", ")"));
    if (adv != NULL)
        words_advanced(&sb, q, lang);
    else
        words_historical(&sb, defs, q, sv, lang);
    sb_append(&sb, TR(lang, "；得 ", "; score "));
    put_num(&sb, q->points, 2);
    sb_append(&sb, TR(lang, " 分。", " points."));
    q->words = sb_take(&sb);
}

/* Every entry names a criterion, a setting or the advanced value. */
static enum err
check_codes(const struct maturity_defs *defs, const struct eval_entry *entries, size_t n,
            enum lang lang, char **cause)
{
    size_t i;

    for (i = 0; i < n; i++) {
        const char *c = entries[i].code != NULL ? entries[i].code : "";

        if (c[0] == '@' ? strcmp(c, MATURITY_ADVANCED) != 0 && maturity_defs_setting(defs, c) < 0
                        : maturity_defs_item(defs, c) == NULL) {
            *cause = xasprintf(TR(lang, "成熟度评价没有“%s”这一项", "the maturity evaluation has "
                                  "no item \"%s\""), c);
            return ERR_INPUT;
        }
    }
    return ERR_OK;
}

/* Fills the 表A.1 part of r: each criterion's entry, the sum and the unscored codes. */
static enum err
qual_score(const struct maturity_defs *defs, const struct eval_entry *entries, size_t n,
           enum lang lang, struct maturity_result *r, char **cause)
{
    size_t i;
    enum err e;

    r->items = xcalloc(defs->nitems + 1, sizeof(*r->items));
    r->unscored = xcalloc(defs->nitems + 1, sizeof(*r->unscored));
    r->nitems = defs->nitems;
    for (i = 0; i < defs->nitems; i++) {
        struct maturity_item_score *is = &r->items[i];

        is->def = &defs->items[i];
        is->entry = entry_for(entries, n, is->def->code);
        if (is->entry == NULL) {
            r->unscored[r->nunscored++] = is->def->code;
            continue;
        }
        if ((e = maturity_entry_valid(is->def, is->entry->value, lang, cause)) != ERR_OK)
            return e;
        is->scored = 1;
        is->points = is->entry->value;
        r->qualitative += is->points;
        r->nscored++;
    }
    return ERR_OK;
}

const struct maturity_grade *
maturity_grade(const struct maturity_defs *defs, double total)
{
    size_t i;

    for (i = 0; i < defs->ngrades; i++)
        if (total + EPS >= defs->grades[i].min)
            return &defs->grades[i];
    return defs->ngrades > 0 ? &defs->grades[defs->ngrades - 1] : NULL;
}

enum err
maturity_score(const struct maturity_defs *defs, const struct maturity_facts *facts,
               const struct eval_entry *entries, size_t nentries, enum lang lang,
               struct maturity_result *out, char **cause)
{
    const struct eval_entry *adv;
    enum err e;

    memset(out, 0, sizeof(*out));
    if ((e = check_codes(defs, entries, nentries, lang, cause)) != ERR_OK
        || (e = maturity_settings(defs, entries, nentries, lang, &out->settings, cause)) != ERR_OK)
        return e;
    out->nsettings = defs->nsettings;
    adv = entry_for(entries, nentries, MATURITY_ADVANCED);
    if (adv != NULL && !(isfinite(adv->value) && adv->value > 0)) {
        *cause = xstrdup(TR(lang, "行业先进值（@advanced）应大于 0",
                            "the industry advanced value (@advanced) must be above 0"));
        maturity_result_free(out);
        return ERR_INPUT;
    }
    if ((e = qual_score(defs, entries, nentries, lang, out, cause)) != ERR_OK) {
        maturity_result_free(out);
        return e;
    }
    quant_score(defs, facts, out->settings, adv, lang, &out->quant);
    out->a1 = setting(out->settings, defs, "@a1");
    out->a2 = setting(out->settings, defs, "@a2");
    out->total = out->a1 * out->qualitative + out->a2 * out->quant.points;
    out->grade = maturity_grade(defs, out->total);
    out->provisional = out->nunscored > 0 || !out->quant.ok;
    out->note = maturity_note(lang);
    return ERR_OK;
}

void
maturity_result_free(struct maturity_result *r)
{
    free(r->items);
    free((void *)r->unscored);
    free(r->settings);
    free(r->quant.unit);
    free(r->quant.words);
    memset(r, 0, sizeof(*r));
}
