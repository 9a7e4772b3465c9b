/*
 * zc.c - loads the 零碳机关评价 indicator table (000 §6.4) and its grades (§6.6) from forms/ through
 * base/tsv. The definitions point into the parsed files. Strict like the other loaders, because the
 * points are the standard's facts: a code out of sequence, a level whose points are not the sum of
 * the level below, or a rule that could give more than the item's points stops the program at
 * start-up with "FILE:LINE: reason" rather than scoring a table nobody checked.
 */
#include "data/zc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/embed.h"
#include "base/text.h"
#include "base/tsv.h"
#include "base/xmem.h"

#define ZC_FILE "forms/zc_indicators.tsv"
#define ZC_GRADES_FILE "forms/zc_grades.tsv"
#define ZC_TOTAL 100.0
#define ZC_EPS 1e-9     /* points are written with at most two decimals; sums compare within this */

enum {
    C_CODE, C_L1, C_L1_EN, C_L1_MAX, C_L2, C_L2_EN, C_L2_MAX, C_NAME_ZH, C_NAME_EN, C_ATTR,
    C_MAX, C_RULE_ZH, C_RULE_EN, C_HOW, C_INPUT, C_KIND, C_PARAMS, C__COUNT
};

static const struct tsv_col zc_cols[] = {
    [C_CODE] = {.name = "code"}, [C_L1] = {.name = "level1"}, [C_L1_EN] = {.name = "level1_en"},
    [C_L1_MAX] = {.name = "level1_max"}, [C_L2] = {.name = "level2"},
    [C_L2_EN] = {.name = "level2_en"}, [C_L2_MAX] = {.name = "level2_max"},
    [C_NAME_ZH] = {.name = "name_zh"}, [C_NAME_EN] = {.name = "name_en"},
    [C_ATTR] = {.name = "attribute"}, [C_MAX] = {.name = "max"},
    [C_RULE_ZH] = {.name = "rule_zh"}, [C_RULE_EN] = {.name = "rule_en"},
    [C_HOW] = {.name = "how"}, [C_INPUT] = {.name = "input"}, [C_KIND] = {.name = "kind"},
    [C_PARAMS] = {.name = "params"},
};

enum { G_MIN, G_RANGE_ZH, G_RANGE_EN, G_GRADE_ZH, G_GRADE_EN, G_DESC_ZH, G_DESC_EN, G__COUNT };

static const struct tsv_col grade_cols[] = {
    [G_MIN] = {.name = "min"}, [G_RANGE_ZH] = {.name = "range_zh"},
    [G_RANGE_EN] = {.name = "range_en"}, [G_GRADE_ZH] = {.name = "grade_zh"},
    [G_GRADE_EN] = {.name = "grade_en"}, [G_DESC_ZH] = {.name = "desc_zh"},
    [G_DESC_EN] = {.name = "desc_en"},
};

static const char *const how_names[] = {
    [ZC_COMPUTED] = "computed", [ZC_ENTERED] = "entered", [ZC_ASSESSOR] = "assessor",
};

#define KM(k) (1u << (k))

/* What a computed item's figure is, and which rules fit it: a figure compared with a reference
   (a sector average, a quota) takes the reference from the item's entry. */
static const struct {
    const char *name;
    unsigned kinds;
    int needs_ref;
} inputs[ZI__COUNT] = {
    [ZI_NONE] = {"-", 0, 0},
    [ZI_CHECK] = {"check", KM(ZK_VETO), 0},
    [ZI_CARBON_PER_AREA] = {"carbon_per_area", KM(ZK_THRESHOLD), 0},
    [ZI_CARBON_PER_CAPITA] = {"carbon_per_capita", KM(ZK_STEPS) | KM(ZK_BONUS), 1},
    [ZI_TARGET_ACHIEVEMENT] = {"target_achievement", KM(ZK_STEPS) | KM(ZK_THRESHOLD), 0},
    [ZI_ENERGY_PER_AREA] = {"energy_per_area", KM(ZK_STEPS) | KM(ZK_BONUS), 1},
    [ZI_RENEWABLE_SHARE] = {"renewable_share", KM(ZK_STEPS) | KM(ZK_THRESHOLD), 0},
    [ZI_RENEWABLE_KW] = {"renewable_kw", KM(ZK_PER_UNIT) | KM(ZK_THRESHOLD), 0},
    [ZI_WATER_PER_AREA] = {"water_per_area", KM(ZK_FALLING), 0},
};

/* The params keys; each kind names the ones it needs and may take. */
enum { P_AT, P_PER, P_REF, P_WORSE, P_FULL, P_STEP, P_DEDUCT, P_BASE, P_ADD, P_UNIT, P_POINTS,
       P_LEVELS, P__COUNT };

static const char *const param_names[P__COUNT] = {
    "at", "per", "ref", "worse", "full", "step", "deduct", "base", "add", "unit", "points",
    "levels",
};

static const struct {
    const char *name;
    unsigned need, may;
} kinds[] = {
    [ZK_VETO] = {"veto", 0, 0},
    [ZK_THRESHOLD] = {"threshold", KM(P_AT), 0},
    [ZK_STEPS] = {"steps", KM(P_PER) | KM(P_STEP) | KM(P_DEDUCT),
                  KM(P_FULL) | KM(P_REF) | KM(P_WORSE)},
    [ZK_BONUS] = {"bonus", KM(P_REF) | KM(P_PER) | KM(P_BASE) | KM(P_STEP) | KM(P_ADD), 0},
    [ZK_PER_UNIT] = {"per_unit", KM(P_UNIT) | KM(P_POINTS), 0},
    [ZK_FALLING] = {"falling", 0, 0},
    [ZK_LEVELS] = {"levels", KM(P_LEVELS), 0},
    [ZK_SCALE] = {"scale", KM(P_STEP), 0},
};

/* s as a finite number into *v; 0 when it is not one. */
static int
parse_num(const char *s, double *v)
{
    char *c = NULL;

    if (text_parse_number(s, v, &c) != ERR_OK) {
        free(c);
        return 0;
    }
    return 1;
}

/* A points cell: a number in (0, 100]. */
static enum err
row_points(const struct tsv *tv, size_t r, size_t col, double *v, char **cause)
{
    const char *s = tsv_cell(tv, r, col);

    if (!parse_num(s, v) || !(*v > 0) || *v > ZC_TOTAL)
        return tsv_row_fail(tv, r, cause, "%s“%s”不是 0 到 100 之间的分值", tsv_col_name(tv, col), s);
    return ERR_OK;
}

/* "1.2.3" into its three numbers (1..99 each); 0 when it is not such a code. */
static int
parse_code(const char *s, int n[3])
{
    int i, d;

    for (i = 0; i < 3; i++) {
        for (n[i] = 0, d = 0; *s >= '0' && *s <= '9'; s++, d++)
            n[i] = n[i] * 10 + (*s - '0');
        if (d == 0 || d > 2 || n[i] == 0 || *s != (i < 2 ? '.' : '\0'))
            return 0;
        s++;
    }
    return 1;
}

/* The index of name in names[0..n), or -1. */
static int
lookup(const char *name, const char *const *names, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (names[i] != NULL && strcmp(names[i], name) == 0)
            return (int)i;
    return -1;
}

/* A list "a,b,c" or "a:p,b:q" into at[] (and pts[] with pairs); 0 on a bad number or too many. */
static int
parse_list(const char *s, int pairs, struct zc_rule *ru)
{
    char *copy = xstrdup(s), *item, *save = NULL, *colon;
    int ok = 1;

    ru->n = 0;
    for (item = strtok_r(copy, ",", &save); item != NULL && ok; item = strtok_r(NULL, ",", &save)) {
        colon = strchr(item, ':');
        if (ru->n == ZC_RULE_PAIRS || (colon != NULL) != pairs) {
            ok = 0;
            break;
        }
        if (colon != NULL)
            *colon = '\0';
        ok = parse_num(item, pairs ? &ru->at[ru->n] : &ru->pts[ru->n])
             && (!pairs || parse_num(colon + 1, &ru->pts[ru->n]));
        ru->n++;
    }
    free(copy);
    return ok && ru->n > 0 && s[strlen(s) - 1] != ',';
}

/* One key=value of params into ru; *seen gets the key. */
static enum err
parse_param(const struct tsv *tv, size_t r, char *tok, struct zc_rule *ru, unsigned *seen,
            char **cause)
{
    char *eq = strchr(tok, '=');
    const char *val;
    int k, ok;
    double *num[P__COUNT] = {
        [P_FULL] = &ru->full, [P_STEP] = &ru->step, [P_DEDUCT] = &ru->deduct,
        [P_BASE] = &ru->base, [P_ADD] = &ru->add, [P_UNIT] = &ru->unit, [P_POINTS] = &ru->points,
    };

    if (eq == NULL)
        return tsv_row_fail(tv, r, cause, "参数“%s”应写作 key=value", tok);
    *eq = '\0';
    val = eq + 1;
    if ((k = lookup(tok, param_names, P__COUNT)) < 0)
        return tsv_row_fail(tv, r, cause, "未知的参数“%s”", tok);
    if (*seen & KM(k))
        return tsv_row_fail(tv, r, cause, "参数“%s”重复", tok);
    *seen |= KM(k);
    if (k == P_PER) {
        ru->per = strcmp(val, "pp") == 0    ? ZP_POINTS
                  : strcmp(val, "rel") == 0 ? ZP_RELATIVE
                                            : ZP_NONE;
        ok = ru->per != ZP_NONE;
    } else if (k == P_REF) {
        ru->ref_entry = strcmp(val, "entry") == 0;
        ok = ru->ref_entry;
    } else if (k == P_WORSE) {
        ru->worse_above = strcmp(val, "above") == 0;
        ok = ru->worse_above || strcmp(val, "below") == 0;
    } else if (k == P_AT || k == P_LEVELS) {
        ok = parse_list(val, k == P_AT, ru);
    } else {
        ok = parse_num(val, num[k]) && *num[k] >= 0;
    }
    if (!ok)
        return tsv_row_fail(tv, r, cause, "参数 %s 的值“%s”无效", tok, val);
    return ERR_OK;
}

/* Whether a is a whole multiple of b (b > 0), within ZC_EPS. */
static int
multiple_of(double a, double b)
{
    return fabs(a / b - floor(a / b + 0.5)) < ZC_EPS;
}

/* The numbers of the rule keep its points within 0 … max and name what the kind needs. */
static const char *
rule_problem(const struct zc_rule *ru, double max)
{
    size_t i;

    switch (ru->kind) {
    case ZK_STEPS:
        if ((ru->per == ZP_POINTS) != (ru->full > 0) || (ru->per == ZP_RELATIVE) != ru->ref_entry)
            return "steps 须为 per=pp 带 full，或 per=rel 带 ref=entry";
        return ru->step > 0 && ru->deduct > 0 ? NULL : "step 与 deduct 须大于 0";
    case ZK_BONUS:
        if (ru->per != ZP_RELATIVE || ru->step <= 0 || ru->add <= 0)
            return "bonus 须为 per=rel，step 与 add 大于 0";
        return ru->base > 0 && ru->base <= max + ZC_EPS ? NULL : "base 须在 0 与分值之间";
    case ZK_PER_UNIT:
        return ru->unit > 0 && ru->points > 0 && ru->points <= max + ZC_EPS
                   ? NULL : "unit 须大于 0，points 须在 0 与分值之间";
    case ZK_SCALE:
        return ru->step > 0 && multiple_of(max, ru->step) ? NULL : "分值须是 step 的整数倍";
    case ZK_THRESHOLD:
        for (i = 0; i < ru->n; i++)
            if ((i > 0 && !(ru->at[i] < ru->at[i - 1])) || !(ru->pts[i] > 0)
                || ru->pts[i] > max + ZC_EPS)
                return "at 的门槛须递减，得分须在 0 与分值之间";
        return NULL;
    case ZK_LEVELS:
        for (i = 0; i < ru->n; i++)
            if ((i > 0 && !(ru->pts[i] > ru->pts[i - 1])) || ru->pts[i] < 0)
                return "levels 须从 0 起递增";
        return fabs(ru->pts[ru->n - 1] - max) < ZC_EPS ? NULL : "levels 的最后一档须等于分值";
    case ZK_VETO:
    case ZK_FALLING:
        return NULL;
    }
    return "?";
}

/* The kind and params cells into d->rule. */
static enum err
parse_rule(const struct tsv *tv, size_t r, struct zc_def *d, char **cause)
{
    const char *kind = tsv_cell(tv, r, C_KIND);
    int k;
    char *copy, *tok, *save = NULL;
    unsigned seen = 0;
    const char *why;
    enum err e = ERR_OK;

    for (k = 0; k < (int)nitems(kinds) && strcmp(kinds[k].name, kind) != 0; k++)
        ;
    if (k == (int)nitems(kinds))
        return tsv_row_fail(tv, r, cause, "未知的规则类型“%s”", kind);
    memset(&d->rule, 0, sizeof(d->rule));
    d->rule.kind = (enum zc_kind)k;
    copy = xstrdup(tsv_cell(tv, r, C_PARAMS));
    for (tok = strtok_r(copy, " ", &save); tok != NULL && e == ERR_OK;
         tok = strtok_r(NULL, " ", &save))
        e = parse_param(tv, r, tok, &d->rule, &seen, cause);
    free(copy);
    if (e != ERR_OK)
        return e;
    if ((seen & kinds[k].need) != kinds[k].need || (seen & ~(kinds[k].need | kinds[k].may)) != 0)
        return tsv_row_fail(tv, r, cause, "规则 %s 的参数“%s”不全或多余", kinds[k].name,
                            tsv_cell(tv, r, C_PARAMS));
    if ((why = rule_problem(&d->rule, d->max)) != NULL)
        return tsv_row_fail(tv, r, cause, "规则 %s：%s", kinds[k].name, why);
    return ERR_OK;
}

/* how, input and the rule's kind fit together. */
static enum err
check_how(const struct tsv *tv, size_t r, const struct zc_def *d, char **cause)
{
    unsigned km = KM(d->rule.kind);

    if (d->how == ZC_COMPUTED) {
        if (d->input == ZI_NONE || !(inputs[d->input].kinds & km))
            return tsv_row_fail(tv, r, cause, "计算项的数据“%s”不能用规则 %s", inputs[d->input].name,
                                kinds[d->rule.kind].name);
        if (inputs[d->input].needs_ref != d->rule.ref_entry)
            return tsv_row_fail(tv, r, cause, "数据“%s”%s参照值 ref=entry", inputs[d->input].name,
                                inputs[d->input].needs_ref ? "须有" : "不用");
        return ERR_OK;
    }
    if (d->input != ZI_NONE)
        return tsv_row_fail(tv, r, cause, "只有计算项(computed)有数据 input");
    if (d->how == ZC_ENTERED && !(km & KM(ZK_THRESHOLD))
        && !(d->rule.kind == ZK_STEPS && d->rule.per == ZP_POINTS))
        return tsv_row_fail(tv, r, cause, "录入百分比的项(entered)须用 steps per=pp 或 threshold");
    if (d->how == ZC_ASSESSOR && !(km & (KM(ZK_LEVELS) | KM(ZK_SCALE))))
        return tsv_row_fail(tv, r, cause, "评审打分的项(assessor)须用 levels 或 scale");
    return ERR_OK;
}

/* Fills d from data row r, code numbers into n. */
static enum err
parse_row(const struct tsv *tv, size_t r, struct zc_def *d, int n[3], char **cause)
{
    size_t c;
    const char *attr;
    int k;
    enum err e;

    for (c = 0; c < C__COUNT; c++)
        if (tsv_cell(tv, r, c)[0] == '\0' && c != C_PARAMS)
            return tsv_row_fail(tv, r, cause, "“%s”不能为空", tsv_col_name(tv, c));
    d->code = tsv_cell(tv, r, C_CODE);
    if (!parse_code(d->code, n))
        return tsv_row_fail(tv, r, cause, "编号“%s”应为三级编号，如 1.1.1", d->code);
    snprintf(d->level2_code, sizeof(d->level2_code), "%d.%d", n[0], n[1]);
    d->level1_zh = tsv_cell(tv, r, C_L1);
    d->level1_en = tsv_cell(tv, r, C_L1_EN);
    d->level2_zh = tsv_cell(tv, r, C_L2);
    d->level2_en = tsv_cell(tv, r, C_L2_EN);
    d->name_zh = tsv_cell(tv, r, C_NAME_ZH);
    d->name_en = tsv_cell(tv, r, C_NAME_EN);
    d->rule_zh = tsv_cell(tv, r, C_RULE_ZH);
    d->rule_en = tsv_cell(tv, r, C_RULE_EN);
    if ((e = row_points(tv, r, C_L1_MAX, &d->level1_max, cause)) != ERR_OK
        || (e = row_points(tv, r, C_L2_MAX, &d->level2_max, cause)) != ERR_OK
        || (e = row_points(tv, r, C_MAX, &d->max, cause)) != ERR_OK)
        return e;
    attr = tsv_cell(tv, r, C_ATTR);
    if (strcmp(attr, "约束性") != 0 && strcmp(attr, "预期性") != 0)
        return tsv_row_fail(tv, r, cause, "属性“%s”应为约束性或预期性", attr);
    d->binding = strcmp(attr, "约束性") == 0;
    if ((k = lookup(tsv_cell(tv, r, C_HOW), how_names, nitems(how_names))) < 0)
        return tsv_row_fail(tv, r, cause, "未知的评分方式 how“%s”（computed、entered 或 assessor）",
                            tsv_cell(tv, r, C_HOW));
    d->how = (enum zc_how)k;
    for (k = 0; k < ZI__COUNT && strcmp(inputs[k].name, tsv_cell(tv, r, C_INPUT)) != 0; k++)
        ;
    if (k == ZI__COUNT)
        return tsv_row_fail(tv, r, cause, "未知的数据 input“%s”", tsv_cell(tv, r, C_INPUT));
    d->input = (enum zc_input)k;
    if ((e = parse_rule(tv, r, d, cause)) != ERR_OK)
        return e;
    return check_how(tv, r, d, cause);
}

/* Row r's code follows the previous one (p): the next item, the next second level, the next first
   level; its parents' names and points are the previous row's when it shares them. */
static enum err
check_sequence(const struct tsv *tv, size_t r, const struct zc_def *v, const int n[3],
               const int p[3], char **cause)
{
    int same1 = r > 0 && n[0] == p[0], same2 = same1 && n[1] == p[1];
    int ok = r == 0 ? n[0] == 1 && n[1] == 1 && n[2] == 1
                    : same2 ? n[2] == p[2] + 1
                    : same1 ? n[1] == p[1] + 1 && n[2] == 1
                    : n[0] == p[0] + 1 && n[1] == 1 && n[2] == 1;

    if (!ok)
        return tsv_row_fail(tv, r, cause, "编号“%s”不接在“%s”之后（依次 1.1.1、1.1.2 … 1.2.1 … 2.1.1）",
                            v[r].code, r == 0 ? "" : v[r - 1].code);
    if (same1 && (strcmp(v[r].level1_zh, v[r - 1].level1_zh) != 0
                  || strcmp(v[r].level1_en, v[r - 1].level1_en) != 0
                  || v[r].level1_max != v[r - 1].level1_max))
        return tsv_row_fail(tv, r, cause, "一级指标 %d 的名称或分值与上一行不同", n[0]);
    if (same2 && (strcmp(v[r].level2_zh, v[r - 1].level2_zh) != 0
                  || strcmp(v[r].level2_en, v[r - 1].level2_en) != 0
                  || v[r].level2_max != v[r - 1].level2_max))
        return tsv_row_fail(tv, r, cause, "二级指标 %s 的名称或分值与上一行不同", v[r].level2_code);
    return ERR_OK;
}

/* Every level's points are the sum of the level below (checked at the level's first row), and
   the first levels add up to 100. Counts the levels into defs. */
static enum err
check_sums(const struct tsv *tv, struct zc_defs *defs, char **cause)
{
    size_t r, first1 = 0, first2 = 0;
    double sum1 = 0, sum2 = 0, total = 0;
    const struct zc_def *v = defs->v;

    for (r = 0; r < defs->n; r++) {
        sum2 += v[r].max;
        if (r + 1 < defs->n && strcmp(v[r + 1].level2_code, v[r].level2_code) == 0)
            continue;
        defs->nlevel2++;
        if (fabs(sum2 - v[r].level2_max) > ZC_EPS)
            return tsv_row_fail(tv, first2, cause, "二级指标 %s %s 标 %g 分，其三级指标合计 %g 分",
                                v[r].level2_code, v[r].level2_zh, v[r].level2_max, sum2);
        sum1 += v[r].level2_max;
        sum2 = 0;
        first2 = r + 1;
        if (r + 1 < defs->n && strncmp(v[r + 1].code, v[r].code, strcspn(v[r].code, ".") + 1) == 0)
            continue;
        defs->nlevel1++;
        if (fabs(sum1 - v[r].level1_max) > ZC_EPS)
            return tsv_row_fail(tv, first1, cause, "一级指标 %s 标 %g 分，其二级指标合计 %g 分",
                                v[r].level1_zh, v[r].level1_max, sum1);
        total += sum1;
        sum1 = 0;
        first1 = r + 1;
    }
    if (fabs(total - ZC_TOTAL) > ZC_EPS)
        return tsv_fail(cause, tsv_file(tv), 0, "各一级指标合计 %g 分，应为 100 分", total);
    defs->total = total;
    return ERR_OK;
}

/* The grades file: highest first, each cell given, the last from 0. */
static enum err
parse_grades(const char *gfile, const char *gtext, struct zc_defs *defs, char **cause)
{
    struct tsv *tv;
    struct zc_grade *g;
    size_t r, c;
    enum err e;

    if ((e = tsv_parse(gfile, gtext, grade_cols, G__COUNT, &defs->gtv, cause)) != ERR_OK)
        return e;
    tv = defs->gtv;
    if ((defs->ngrades = tsv_nrows(tv)) == 0)
        return tsv_fail(cause, gfile, tsv_header_line(tv), "没有评价等级");
    defs->grades = xcalloc(defs->ngrades, sizeof(*defs->grades));
    for (r = 0; r < defs->ngrades; r++) {
        g = &defs->grades[r];
        for (c = 0; c < G__COUNT; c++)
            if (tsv_cell(tv, r, c)[0] == '\0')
                return tsv_row_fail(tv, r, cause, "“%s”不能为空", tsv_col_name(tv, c));
        if (!parse_num(tsv_cell(tv, r, G_MIN), &g->min) || g->min < 0 || g->min > ZC_TOTAL
            || (r > 0 && !(g->min < g[-1].min)))
            return tsv_row_fail(tv, r, cause, "min“%s”须在 0 到 100 之间且比上一等级低",
                                tsv_cell(tv, r, G_MIN));
        g->range_zh = tsv_cell(tv, r, G_RANGE_ZH);
        g->range_en = tsv_cell(tv, r, G_RANGE_EN);
        g->grade_zh = tsv_cell(tv, r, G_GRADE_ZH);
        g->grade_en = tsv_cell(tv, r, G_GRADE_EN);
        g->desc_zh = tsv_cell(tv, r, G_DESC_ZH);
        g->desc_en = tsv_cell(tv, r, G_DESC_EN);
    }
    if (defs->grades[defs->ngrades - 1].min != 0)
        return tsv_row_fail(tv, defs->ngrades - 1, cause, "最低等级须从 0 分起");
    return ERR_OK;
}

enum err
zc_parse(const char *file, const char *text, const char *gfile, const char *gtext,
         struct zc_defs **out, char **cause)
{
    struct zc_defs *defs = xcalloc(1, sizeof(*defs));
    int n[3] = {0}, p[3] = {0};
    size_t r;
    enum err e;

    *out = NULL;
    if ((e = tsv_parse(file, text, zc_cols, C__COUNT, &defs->tv, cause)) != ERR_OK)
        goto fail;
    if ((defs->n = tsv_nrows(defs->tv)) == 0) {
        e = tsv_fail(cause, file, tsv_header_line(defs->tv), "没有评价指标");
        goto fail;
    }
    defs->v = xcalloc(defs->n, sizeof(*defs->v));
    for (r = 0; r < defs->n; r++) {
        if ((e = parse_row(defs->tv, r, &defs->v[r], n, cause)) != ERR_OK
            || (e = check_sequence(defs->tv, r, defs->v, n, p, cause)) != ERR_OK)
            goto fail;
        memcpy(p, n, sizeof(p));
    }
    if ((e = check_sums(defs->tv, defs, cause)) != ERR_OK
        || (e = parse_grades(gfile, gtext, defs, cause)) != ERR_OK)
        goto fail;
    *out = defs;
    return ERR_OK;
fail:
    zc_free(defs);
    return e;
}

enum err
zc_load(struct zc_defs **out, char **cause)
{
    const struct embedded_file *ef = embed_find(ZC_FILE), *gf = embed_find(ZC_GRADES_FILE);

    *out = NULL;
    if (ef == NULL || gf == NULL)
        return tsv_fail(cause, ef == NULL ? ZC_FILE : ZC_GRADES_FILE, 0, "程序中没有内置此文件");
    return zc_parse(ZC_FILE, ef->data, ZC_GRADES_FILE, gf->data, out, cause);
}

void
zc_free(struct zc_defs *defs)
{
    if (defs == NULL)
        return;
    tsv_free(defs->tv);
    tsv_free(defs->gtv);
    free(defs->v);
    free(defs->grades);
    free(defs);
}

const struct zc_def *
zc_find(const struct zc_defs *defs, const char *code)
{
    size_t i;

    for (i = 0; defs != NULL && code != NULL && i < defs->n; i++)
        if (strcmp(defs->v[i].code, code) == 0)
            return &defs->v[i];
    return NULL;
}

const struct zc_grade *
zc_grade_for(const struct zc_defs *defs, double total)
{
    size_t i;

    /* a hair below a band (89.9999999 from a sum of decimals) is still the band's lower one */
    for (i = 0; i + 1 < defs->ngrades; i++)
        if (total >= defs->grades[i].min - ZC_EPS)
            return &defs->grades[i];
    return zc_grade_lowest(defs);
}

const struct zc_grade *
zc_grade_lowest(const struct zc_defs *defs)
{
    return &defs->grades[defs->ngrades - 1];
}

const char *
zc_name(const struct zc_def *d, enum lang lang)
{
    return lang == LANG_EN ? d->name_en : d->name_zh;
}

const char *
zc_rule_text(const struct zc_def *d, enum lang lang)
{
    return lang == LANG_EN ? d->rule_en : d->rule_zh;
}

const char *
zc_level1(const struct zc_def *d, enum lang lang)
{
    return lang == LANG_EN ? d->level1_en : d->level1_zh;
}

const char *
zc_level2(const struct zc_def *d, enum lang lang)
{
    return lang == LANG_EN ? d->level2_en : d->level2_zh;
}

const char *
zc_attribute(const struct zc_def *d, enum lang lang)
{
    if (lang == LANG_EN)
        return d->binding ? "binding" : "indicative";
    return d->binding ? "约束性" : "预期性";
}

const char *
zc_how_name(enum zc_how how)
{
    return how_names[how];
}

const char *
zc_input_name(enum zc_input in)
{
    return in < ZI__COUNT ? inputs[in].name : "?";
}

const char *
zc_grade_name(const struct zc_grade *g, enum lang lang)
{
    return lang == LANG_EN ? g->grade_en : g->grade_zh;
}

const char *
zc_grade_desc(const struct zc_grade *g, enum lang lang)
{
    return lang == LANG_EN ? g->desc_en : g->desc_zh;
}
