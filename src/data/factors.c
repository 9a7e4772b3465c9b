/*
 * factors.c - the built-in factor library: reads factors/sources.tsv, electricity.tsv, gwp.tsv,
 * residual.tsv (the market-based residual factor) and footprint.tsv (carbon-footprint factors that
 * are not scope 2 factors, for a warning only), checks them (units known, names unique, every
 * fuel's CO₂ factor equal to its NCV × CC × OF × 44/12, every value with a source text; each file
 * read by base/tsv) and finds a source by any of its names.
 * The look-ups by year, area and gas and the default pins are factors_lookup.c.
 */
#include "data/factors.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/embed.h"
#include "base/period.h"
#include "base/text.h"
#include "base/tsv.h"
#include "base/xmem.h"
#include "data/factors_internal.h"

#define FILE_SOURCES "factors/sources.tsv"
#define FILE_GRID "factors/electricity.tsv"
#define FILE_GWP "factors/gwp.tsv"
#define FILE_RESIDUAL "factors/residual.tsv"
#define FILE_FOOTPRINT "factors/footprint.tsv"
#define DERIVATION_TOLERANCE 1e-4   /* relative: co2 must match NCV × CC × OF × 44/12 within 0.01 % */

enum {
    S_ID, S_ZH, S_EN, S_ALIASES, S_CATEGORY, S_KIND, S_ACTIVITY_UNIT, S_REPORT_UNIT, S_CO2,
    S_NCV, S_NCV_UNIT, S_CC, S_OX, S_COAL, S_COAL_UNIT, S_COAL_SOURCE, S_DENSITY,
    S_DENSITY_NOTE, S_GAS, S_FLAG, S_SOURCE_TEXT, S_SOURCE_EN, S__COUNT
};

static const struct tsv_col source_cols[] = {
    [S_ID] = {.name = "id"}, [S_ZH] = {.name = "zh"}, [S_EN] = {.name = "en"},
    [S_ALIASES] = {.name = "aliases"}, [S_CATEGORY] = {.name = "category"},
    [S_KIND] = {.name = "kind"}, [S_ACTIVITY_UNIT] = {.name = "activity_unit"},
    [S_REPORT_UNIT] = {.name = "report_unit"}, [S_CO2] = {.name = "co2"},
    [S_NCV] = {.name = "ncv"}, [S_NCV_UNIT] = {.name = "ncv_unit"}, [S_CC] = {.name = "cc"},
    [S_OX] = {.name = "ox"}, [S_COAL] = {.name = "coal"}, [S_COAL_UNIT] = {.name = "coal_unit"},
    [S_COAL_SOURCE] = {.name = "coal_source"}, [S_DENSITY] = {.name = "density"},
    [S_DENSITY_NOTE] = {.name = "density_note"}, [S_GAS] = {.name = "gas"},
    [S_FLAG] = {.name = "flag"}, [S_SOURCE_TEXT] = {.name = "source_text"},
    [S_SOURCE_EN] = {.name = "source_en", .optional = 1},
};

/* The English columns (area_en, source_en) are optional; a file that has one fills every row of it. */
enum { G_YEAR, G_LEVEL, G_AREA, G_AREA_EN, G_VALUE, G_SOURCE_TEXT, G_SOURCE_EN, G__COUNT };

static const struct tsv_col grid_cols[] = {
    [G_YEAR] = {.name = "year"}, [G_LEVEL] = {.name = "level"}, [G_AREA] = {.name = "area"},
    [G_AREA_EN] = {.name = "area_en", .optional = 1}, [G_VALUE] = {.name = "value"},
    [G_SOURCE_TEXT] = {.name = "source_text"}, [G_SOURCE_EN] = {.name = "source_en", .optional = 1},
};

enum { W_SET, W_GAS, W_VALUE, W_DERIVATION, W_SOURCE_TEXT, W_SOURCE_EN, W__COUNT };

static const struct tsv_col gwp_cols[] = {
    [W_SET] = {.name = "set"}, [W_GAS] = {.name = "gas"}, [W_VALUE] = {.name = "value"},
    [W_DERIVATION] = {.name = "derivation"}, [W_SOURCE_TEXT] = {.name = "source_text"},
    [W_SOURCE_EN] = {.name = "source_en", .optional = 1},
};

static const char *const cat_keys[] = {
    [CAT_FOSSIL] = "fossil", [CAT_FUGITIVE] = "fugitive", [CAT_PURCHASED] = "purchased",
};

static const struct {
    const char *key;
    enum src_kind kind;
    enum src_cat cat;   /* the only category this kind may belong to */
} kinds[] = {
    {.key = "fuel", .kind = SRC_FUEL, .cat = CAT_FOSSIL},
    {.key = "electricity", .kind = SRC_ELECTRICITY, .cat = CAT_PURCHASED},
    {.key = "heat", .kind = SRC_HEAT, .cat = CAT_PURCHASED},
    {.key = "gas", .kind = SRC_GAS, .cat = CAT_FUGITIVE},
};

static const char *const grid_levels[] = {"national", "regional", "provincial"};

/* The text of column c in row r (trimmed by the reader), or NULL when blank; caller frees. */
static char *
cell_str(const struct tsv *tv, size_t r, size_t c)
{
    const char *s = tsv_cell(tv, r, c);

    return s[0] != '\0' ? xstrdup(s) : NULL;
}

/* Like cell_str but the value must be present. */
static enum err
cell_req(const struct tsv *tv, size_t r, size_t c, char **out, char **cause)
{
    *out = cell_str(tv, r, c);
    if (*out == NULL)
        return tsv_row_fail(tv, r, cause, "“%s”不能为空", tsv_col_name(tv, c));
    return ERR_OK;
}

/* The number in column c: 0 when blank and not required; never negative. */
/* An optional column's cell: NULL when the file has no such column, else required (cell_req). */
static enum err
cell_opt(const struct tsv *tv, size_t r, size_t c, char **out, char **cause)
{
    *out = NULL;
    return tsv_has(tv, c) ? cell_req(tv, r, c, out, cause) : ERR_OK;
}

static enum err
cell_num(const struct tsv *tv, size_t r, size_t c, int required, double *out, char **cause)
{
    const char *s = tsv_cell(tv, r, c);
    char *why = NULL;
    enum err e;

    *out = 0;
    if (s[0] == '\0') {
        if (required)
            return tsv_row_fail(tv, r, cause, "“%s”不能为空", tsv_col_name(tv, c));
        return ERR_OK;
    }
    if (text_parse_number(s, out, &why) != ERR_OK) {
        e = tsv_row_fail(tv, r, cause, "“%s”：%s", tsv_col_name(tv, c), why);
        free(why);
        return e;
    }
    if (*out < 0)
        return tsv_row_fail(tv, r, cause, "“%s”不能为负数", tsv_col_name(tv, c));
    return ERR_OK;
}

/* The unit named in column c, or an error when it is not a unit units.h knows. */
static enum err
cell_unit(const struct tsv *tv, size_t r, size_t c, const struct unit_def **out, char **cause)
{
    const char *name = tsv_cell(tv, r, c);

    *out = NULL;
    if (name[0] == '\0')
        return tsv_row_fail(tv, r, cause, "“%s”不能为空", tsv_col_name(tv, c));
    if ((*out = units_find(name)) == NULL)
        return tsv_row_fail(tv, r, cause, "未知单位“%s”（列 %s）", name, tsv_col_name(tv, c));
    return ERR_OK;
}

static int
is_id(const char *s)
{
    if (*s == '\0')
        return 0;
    for (; *s != '\0'; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

/* Where to start walking a '|'-separated list with list_next(): NULL for an empty list. */
static const char *
list_start(const char *list)
{
    return *list != '\0' ? list : NULL;
}

/* The element at *p (a copy, caller frees) and advances *p, or NULL after the last element. */
static char *
list_next(const char **p)
{
    const char *bar;
    char *one;

    if (*p == NULL)
        return NULL;
    bar = strchr(*p, '|');
    if (bar == NULL) {
        one = xstrdup(*p);
        *p = NULL;
    } else {
        one = xstrndup(*p, (size_t)(bar - *p));
        *p = bar + 1;
    }
    return one;
}

/* Whether the '|'-separated list has no blank element. */
static int
aliases_ok(const char *list)
{
    const char *p = list_start(list);
    char *one;
    int ok = 1;

    while (ok && (one = list_next(&p)) != NULL) {
        ok = !text_is_blank(one);
        free(one);
    }
    return ok;
}

/* Whether name equals one element of the '|'-separated list (text_eq). */
static int
in_list(const char *list, const char *name)
{
    const char *p = list_start(list);
    char *one;
    int eq = 0;

    while (!eq && (one = list_next(&p)) != NULL) {
        eq = text_eq(one, name);
        free(one);
    }
    return eq;
}

/* The fuel-only fields: derivation (all or none of ncv, ncv_unit, cc, ox) and its check. */
static enum err
check_derivation(const struct tsv *tv, size_t r, const struct source_def *s, char **cause)
{
    double derived, diff;

    if (s->ncv == 0 && s->cc == 0 && s->ox == 0 && s->ncv_unit == NULL)
        return ERR_OK;
    if (s->kind != SRC_FUEL)
        return tsv_row_fail(tv, r, cause, "只有燃料（kind fuel）有 ncv、cc、ox 推导");
    if (s->ncv == 0 || s->cc == 0 || s->ox == 0 || s->ncv_unit == NULL)
        return tsv_row_fail(tv, r, cause, "%s：ncv、ncv_unit、cc、ox 须同时填写", s->id);
    if (s->cc >= 1)
        return tsv_row_fail(tv, r, cause, "%s：含碳量 cc 应以 tC/GJ 计（如 0.0153），不是 %g",
                            s->id, s->cc);
    if (s->ox > 1)
        return tsv_row_fail(tv, r, cause, "%s：碳氧化率 ox 应为小数（如 0.98），不是 %g",
                            s->id, s->ox);
    derived = s->ncv * s->cc * s->ox * 44.0 / 12.0;
    diff = fabs(s->co2 - derived);
    if (diff > DERIVATION_TOLERANCE * derived)
        return tsv_row_fail(tv, r, cause,
                            "%s：co2 %g 与推导值 %g×%g×%g×44/12 = %.6f 不符（相差 %.3f%%）",
                            s->id, s->co2, s->ncv, s->cc, s->ox, derived, 100.0 * diff / derived);
    return ERR_OK;
}

/* Reads data row r of sources.tsv into *s and checks it on its own. */
static enum err
parse_source(const struct tsv *tv, size_t r, struct source_def *s, char **cause)
{
    size_t k;
    char *word = NULL;
    enum err e;
    int found;

    if ((e = cell_req(tv, r, S_ID, &s->id, cause)) != ERR_OK)
        return e;
    if (!is_id(s->id))
        return tsv_row_fail(tv, r, cause, "id“%s”只能由小写字母、数字和 _ 组成", s->id);
    if ((e = cell_req(tv, r, S_ZH, &s->zh, cause)) != ERR_OK
        || (e = cell_req(tv, r, S_EN, &s->en, cause)) != ERR_OK)
        return e;
    s->aliases = cell_str(tv, r, S_ALIASES);
    if (s->aliases == NULL)
        s->aliases = xstrdup("");
    if (!aliases_ok(s->aliases))
        return tsv_row_fail(tv, r, cause, "%s：别名列表“%s”含空项", s->id, s->aliases);

    if ((e = cell_req(tv, r, S_CATEGORY, &word, cause)) != ERR_OK)
        return e;
    for (k = 0, found = 0; k < nitems(cat_keys) && !found; k++)
        if ((found = text_eq(word, cat_keys[k])))
            s->cat = (enum src_cat)k;
    if (!found) {
        e = tsv_row_fail(tv, r, cause, "未知排放种类“%s”（应为 fossil、fugitive 或 purchased）",
                         word);
        free(word);
        return e;
    }
    free(word);
    if ((e = cell_req(tv, r, S_KIND, &word, cause)) != ERR_OK)
        return e;
    for (k = 0, found = 0; k < nitems(kinds) && !found; k++)
        if ((found = text_eq(word, kinds[k].key)))
            s->kind = kinds[k].kind;
    if (!found) {
        e = tsv_row_fail(tv, r, cause, "未知类型“%s”（应为 fuel、electricity、heat 或 gas）", word);
        free(word);
        return e;
    }
    free(word);
    for (k = 0; k < nitems(kinds); k++)
        if (kinds[k].kind == s->kind && kinds[k].cat != s->cat)
            return tsv_row_fail(tv, r, cause, "%s：类型 %s 应属排放种类 %s，不是 %s", s->id,
                                kinds[k].key, cat_keys[kinds[k].cat], cat_keys[s->cat]);

    if ((e = cell_unit(tv, r, S_ACTIVITY_UNIT, &s->activity_unit, cause)) != ERR_OK
        || (e = cell_unit(tv, r, S_REPORT_UNIT, &s->report_unit, cause)) != ERR_OK)
        return e;
    if (s->report_unit->dim != s->activity_unit->dim)
        return tsv_row_fail(tv, r, cause, "%s：report_unit %s 与 activity_unit %s 量纲不同",
                            s->id, s->report_unit->sym, s->activity_unit->sym);
    if ((s->kind == SRC_ELECTRICITY || s->kind == SRC_HEAT) && s->activity_unit->dim != DIM_ENERGY)
        return tsv_row_fail(tv, r, cause, "%s：电力和热力的单位须为能量单位，不是 %s", s->id,
                            s->activity_unit->sym);

    if ((e = cell_num(tv, r, S_CO2, 0, &s->co2, cause)) != ERR_OK
        || (e = cell_num(tv, r, S_NCV, 0, &s->ncv, cause)) != ERR_OK
        || (e = cell_num(tv, r, S_CC, 0, &s->cc, cause)) != ERR_OK
        || (e = cell_num(tv, r, S_OX, 0, &s->ox, cause)) != ERR_OK
        || (e = cell_num(tv, r, S_COAL, 0, &s->coal, cause)) != ERR_OK
        || (e = cell_num(tv, r, S_DENSITY, 0, &s->density, cause)) != ERR_OK)
        return e;
    s->ncv_unit = cell_str(tv, r, S_NCV_UNIT);
    s->coal_source = cell_str(tv, r, S_COAL_SOURCE);
    s->density_note = cell_str(tv, r, S_DENSITY_NOTE);
    s->gas = cell_str(tv, r, S_GAS);
    s->flag = cell_str(tv, r, S_FLAG);
    if ((e = cell_req(tv, r, S_SOURCE_TEXT, &s->source_text, cause)) != ERR_OK
        || (e = cell_opt(tv, r, S_SOURCE_EN, &s->source_en, cause)) != ERR_OK)
        return e;

    if ((s->kind == SRC_FUEL || s->kind == SRC_HEAT) && s->co2 == 0)
        return tsv_row_fail(tv, r, cause, "%s：缺少 CO₂ 排放因子 co2", s->id);
    if (s->kind == SRC_ELECTRICITY && s->co2 != 0)
        return tsv_row_fail(tv, r, cause, "%s：电力因子按年份取自 %s，co2 应留空", s->id, FILE_GRID);
    if (s->kind == SRC_GAS && s->co2 != 0)
        return tsv_row_fail(tv, r, cause, "%s：逸散气体的因子取自 %s（GWP），co2 应留空", s->id,
                            FILE_GWP);
    if ((s->kind == SRC_GAS) != (s->gas != NULL))
        return tsv_row_fail(tv, r, cause, s->kind == SRC_GAS ? "%s：逸散气体须填写 gas"
                            : "%s：只有逸散气体填写 gas", s->id);
    if ((e = check_derivation(tv, r, s, cause)) != ERR_OK)
        return e;

    if (s->coal > 0) {
        if ((e = cell_unit(tv, r, S_COAL_UNIT, &s->coal_unit, cause)) != ERR_OK)
            return e;
        if (s->coal_unit->dim != s->activity_unit->dim)
            return tsv_row_fail(tv, r, cause, "%s：coal_unit %s 与 activity_unit %s 量纲不同",
                                s->id, s->coal_unit->sym, s->activity_unit->sym);
        if (s->kind == SRC_GAS)
            return tsv_row_fail(tv, r, cause, "%s：逸散气体不是能源，不应有折标煤系数", s->id);
    } else if (tsv_cell(tv, r, S_COAL_UNIT)[0] != '\0') {
        return tsv_row_fail(tv, r, cause, "%s：填写了 coal_unit 却没有折标煤系数 coal", s->id);
    }
    if (s->density > 0 && s->activity_unit->dim != DIM_MASS)
        return tsv_row_fail(tv, r, cause, "%s：只有以质量计的燃料需要密度", s->id);
    if (s->density == 0 && s->density_note != NULL)
        return tsv_row_fail(tv, r, cause, "%s：填写了 density_note 却没有密度", s->id);
    return ERR_OK;
}

/* A name a source answers to, for the uniqueness check. */
struct name_ref {
    char *name;
    size_t src;
};

static void
names_add(struct name_ref **v, size_t *n, size_t *cap, char *name, size_t src)
{
    *v = xgrow(*v, cap, *n + 1, sizeof(**v));
    (*v)[*n].name = name;
    (*v)[*n].src = src;
    (*n)++;
}

/* Every id, zh, en and alias must name one source only (ASCII case-insensitive). */
static enum err
check_names(const struct factor_lib *lib, const size_t *lines, char **cause)
{
    struct name_ref *v = NULL;
    size_t n = 0, cap = 0, i, j;
    const char *p;
    char *one;
    enum err e = ERR_OK;

    for (i = 0; i < lib->nsources; i++) {
        const struct source_def *s = &lib->sources[i];

        names_add(&v, &n, &cap, xstrdup(s->id), i);
        names_add(&v, &n, &cap, xstrdup(s->zh), i);
        names_add(&v, &n, &cap, xstrdup(s->en), i);
        for (p = list_start(s->aliases); (one = list_next(&p)) != NULL;)
            names_add(&v, &n, &cap, one, i);
    }
    for (j = 0; j < n && e == ERR_OK; j++)
        for (i = 0; i < j && e == ERR_OK; i++)
            if (v[i].src != v[j].src && text_eq(v[i].name, v[j].name))
                e = tsv_fail(cause, FILE_SOURCES, lines[v[j].src],
                             "名称“%s”已用于第 %zu 行的排放源 %s", v[j].name, lines[v[i].src],
                             lib->sources[v[i].src].id);
    for (i = 0; i < n; i++)
        free(v[i].name);
    free(v);
    return e;
}

static enum err
parse_sources(struct factor_lib *lib, const char *text, size_t **lines, char **cause)
{
    struct tsv *tv = NULL;
    enum err e;
    size_t r, n;

    *lines = NULL;
    if (text == NULL)
        return tsv_fail(cause, FILE_SOURCES, 0, "缺少文件");
    if ((e = tsv_parse(FILE_SOURCES, text, source_cols, S__COUNT, &tv, cause)) != ERR_OK)
        return e;
    if ((n = tsv_nrows(tv)) == 0) {
        e = tsv_fail(cause, FILE_SOURCES, tsv_header_line(tv), "没有排放源");
        goto out;
    }
    lib->sources = xcalloc(n, sizeof(*lib->sources));
    *lines = xcalloc(n, sizeof(**lines));
    for (r = 0; r < n; r++) {
        (*lines)[r] = tsv_line(tv, r);
        if ((e = parse_source(tv, r, &lib->sources[lib->nsources++], cause)) != ERR_OK)
            goto out;
    }
    e = check_names(lib, *lines, cause);
out:
    tsv_free(tv);
    return e;
}

/*
 * Reads data row r of a file of electricity factors into rows[n - 1] and checks it against the
 * rows before it; national_only: the file has national factors only (residual.tsv, footprint.tsv).
 */
static enum err
parse_grid_row(struct grid_factor *rows, size_t n, int national_only, const struct tsv *tv,
               size_t r, char **cause)
{
    struct grid_factor *g = &rows[n - 1];
    double year;
    size_t k;
    int found;
    enum err e;

    if ((e = cell_num(tv, r, G_YEAR, 1, &year, cause)) != ERR_OK)
        return e;
    if (year != floor(year) || year < PERIOD_YEAR_MIN || year > PERIOD_YEAR_MAX)
        return tsv_row_fail(tv, r, cause, "年份 %g 无效", year);
    g->year = (int)year;
    if ((e = cell_req(tv, r, G_LEVEL, &g->level, cause)) != ERR_OK
        || (e = cell_req(tv, r, G_AREA, &g->area, cause)) != ERR_OK
        || (e = cell_num(tv, r, G_VALUE, 1, &g->value, cause)) != ERR_OK
        || (e = cell_req(tv, r, G_SOURCE_TEXT, &g->source_text, cause)) != ERR_OK
        || (e = cell_opt(tv, r, G_AREA_EN, &g->area_en, cause)) != ERR_OK
        || (e = cell_opt(tv, r, G_SOURCE_EN, &g->source_en, cause)) != ERR_OK)
        return e;
    for (k = 0, found = 0; k < nitems(grid_levels) && !found; k++)
        found = strcmp(g->level, grid_levels[k]) == 0;
    if (!found)
        return tsv_row_fail(tv, r, cause,
                            "未知层级“%s”（应为 national、regional 或 provincial）", g->level);
    if (national_only && strcmp(g->level, "national") != 0)
        return tsv_row_fail(tv, r, cause, "%s 只列全国因子（national），不是 %s", tsv_file(tv),
                            g->level);
    if ((strcmp(g->level, "national") == 0) != (strcmp(g->area, FACTORS_NATIONAL_AREA) == 0))
        return tsv_row_fail(tv, r, cause, "层级 national 与地区“%s”须成对出现",
                            FACTORS_NATIONAL_AREA);
    if (!(g->value > 0 && g->value < 2))
        return tsv_row_fail(tv, r, cause, "电力排放因子 %g 不在 (0, 2) tCO₂/MWh 之内", g->value);
    for (k = 0; k + 1 < n; k++) {   /* g is the last one */
        if (rows[k].year == g->year && strcmp(rows[k].level, g->level) == 0
            && strcmp(rows[k].area, g->area) == 0)
            return tsv_row_fail(tv, r, cause, "%d 年 %s 的因子重复", g->year, g->area);
        if (g->area_en != NULL && strcmp(rows[k].area, g->area) == 0
            && strcmp(rows[k].area_en, g->area_en) != 0)
            return tsv_row_fail(tv, r, cause, "地区“%s”的英文名“%s”与前面的“%s”不一致", g->area,
                                g->area_en, rows[k].area_en);
    }
    return ERR_OK;
}

/*
 * Reads file (electricity.tsv, residual.tsv or footprint.tsv: the same columns) into *rows, *n;
 * what was read is in them even on error, for factors_free.
 */
static enum err
parse_grid(const char *file, const char *text, int national_only, struct grid_factor **rows,
           size_t *n, char **cause)
{
    struct tsv *tv = NULL;
    size_t r, nrows;
    enum err e;

    if (text == NULL)
        return tsv_fail(cause, file, 0, "缺少文件");
    if ((e = tsv_parse(file, text, grid_cols, G__COUNT, &tv, cause)) != ERR_OK)
        return e;
    nrows = tsv_nrows(tv);
    *rows = xcalloc(nrows > 0 ? nrows : 1, sizeof(**rows));
    for (r = 0; r < nrows && e == ERR_OK; r++) {
        (*n)++;
        e = parse_grid_row(*rows, *n, national_only, tv, r, cause);
    }
    tsv_free(tv);
    return e;
}

static enum err
parse_gwp(struct factor_lib *lib, const char *text, char **cause)
{
    struct tsv *tv = NULL;
    struct gwp_value *w;
    size_t r, k, n;
    enum err e;

    if (text == NULL)
        return tsv_fail(cause, FILE_GWP, 0, "缺少文件");
    if ((e = tsv_parse(FILE_GWP, text, gwp_cols, W__COUNT, &tv, cause)) != ERR_OK)
        return e;
    n = tsv_nrows(tv);
    lib->gwp = xcalloc(n > 0 ? n : 1, sizeof(*lib->gwp));
    for (r = 0; r < n; r++) {
        w = &lib->gwp[lib->ngwp++];
        if ((e = cell_req(tv, r, W_SET, &w->set, cause)) != ERR_OK
            || (e = cell_req(tv, r, W_GAS, &w->gas, cause)) != ERR_OK
            || (e = cell_num(tv, r, W_VALUE, 1, &w->value, cause)) != ERR_OK
            || (e = cell_req(tv, r, W_SOURCE_TEXT, &w->source_text, cause)) != ERR_OK
            || (e = cell_opt(tv, r, W_SOURCE_EN, &w->source_en, cause)) != ERR_OK)
            goto out;
        w->derivation = cell_str(tv, r, W_DERIVATION);
        if (w->value <= 0) {
            e = tsv_row_fail(tv, r, cause, "%s 的 GWP 须大于 0", w->gas);
            goto out;
        }
        for (k = 0; k + 1 < lib->ngwp; k++)
            if (text_eq(lib->gwp[k].set, w->set) && text_eq(lib->gwp[k].gas, w->gas)) {
                e = tsv_row_fail(tv, r, cause, "%s 中 %s 的 GWP 重复", w->set, w->gas);
                goto out;
            }
    }
out:
    tsv_free(tv);
    return e;
}

/* Checks that need more than one file: GWPs for every gas, a national grid factor. */
static enum err
check_links(const struct factor_lib *lib, const size_t *lines, char **cause)
{
    size_t i, k;
    int have_national = 0;

    for (i = 0; i < lib->nsources; i++) {
        const struct source_def *s = &lib->sources[i];

        if (s->kind == SRC_GAS) {
            if (lib->ngwp == 0)
                return tsv_fail(cause, FILE_SOURCES, lines[i], "%s：%s 中没有任何 GWP", s->id,
                                FILE_GWP);
            for (k = 0; k < lib->ngwp; k++)
                if (factors_gwp(lib, lib->gwp[k].set, s->gas) == NULL)
                    return tsv_fail(cause, FILE_SOURCES, lines[i], "%s：GWP 集 %s 中没有气体 %s",
                                    s->id, lib->gwp[k].set, s->gas);
        }
    }
    for (k = 0; k < lib->ngrid; k++)
        have_national |= strcmp(lib->grid[k].level, "national") == 0;
    for (i = 0; i < lib->nsources; i++)
        if (lib->sources[i].kind == SRC_ELECTRICITY && !have_national)
            return tsv_fail(cause, FILE_GRID, 0, "缺少全国平均电力排放因子（national %s）",
                            FACTORS_NATIONAL_AREA);
    return ERR_OK;
}

enum err
factors_parse(const char *(*get)(const char *name, void *ctx), void *ctx,
              struct factor_lib **out, char **cause)
{
    struct factor_lib *lib = xcalloc(1, sizeof(*lib));
    size_t *lines = NULL;
    enum err e;

    *out = NULL;
    if ((e = parse_sources(lib, get(FILE_SOURCES, ctx), &lines, cause)) == ERR_OK
        && (e = parse_grid(FILE_GRID, get(FILE_GRID, ctx), 0, &lib->grid, &lib->ngrid,
                           cause)) == ERR_OK
        && (e = parse_grid(FILE_RESIDUAL, get(FILE_RESIDUAL, ctx), 1, &lib->residual,
                           &lib->nresidual, cause)) == ERR_OK
        && (e = parse_grid(FILE_FOOTPRINT, get(FILE_FOOTPRINT, ctx), 1, &lib->footprint,
                           &lib->nfootprint, cause)) == ERR_OK
        && (e = parse_gwp(lib, get(FILE_GWP, ctx), cause)) == ERR_OK)
        e = check_links(lib, lines, cause);
    free(lines);
    if (e != ERR_OK) {
        factors_free(lib);
        return e;
    }
    *out = lib;
    return ERR_OK;
}

static const char *
embed_get(const char *name, void *ctx)
{
    const struct embedded_file *f = embed_find(name);

    (void)ctx;
    return f != NULL ? f->data : NULL;
}

enum err
factors_load(struct factor_lib **out, char **cause)
{
    return factors_parse(embed_get, NULL, out, cause);
}

static void
grid_free(struct grid_factor *rows, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        free(rows[i].level);
        free(rows[i].area);
        free(rows[i].area_en);
        free(rows[i].source_text);
        free(rows[i].source_en);
    }
    free(rows);
}

void
factors_free(struct factor_lib *lib)
{
    size_t i;

    if (lib == NULL)
        return;
    for (i = 0; i < lib->nsources; i++) {
        struct source_def *s = &lib->sources[i];

        free(s->id);
        free(s->zh);
        free(s->en);
        free(s->aliases);
        free(s->ncv_unit);
        free(s->coal_source);
        free(s->density_note);
        free(s->gas);
        free(s->flag);
        free(s->source_text);
        free(s->source_en);
    }
    grid_free(lib->grid, lib->ngrid);
    grid_free(lib->residual, lib->nresidual);
    grid_free(lib->footprint, lib->nfootprint);
    for (i = 0; i < lib->ngwp; i++) {
        free(lib->gwp[i].set);
        free(lib->gwp[i].gas);
        free(lib->gwp[i].derivation);
        free(lib->gwp[i].source_text);
        free(lib->gwp[i].source_en);
    }
    free(lib->sources);
    free(lib->gwp);
    free(lib);
}

const struct source_def *
factors_source(const struct factor_lib *lib, const char *name)
{
    size_t i;

    if (name == NULL || text_is_blank(name))
        return NULL;
    /* the id as stored first: a workbook names its sources by id, so a load ends here (test_factors
       checks that no name or alias of one source is another's id, so the order changes nothing) */
    for (i = 0; i < lib->nsources; i++)
        if (strcmp(name, lib->sources[i].id) == 0)
            return &lib->sources[i];
    for (i = 0; i < lib->nsources; i++) {
        const struct source_def *s = &lib->sources[i];

        if (text_eq(name, s->id) || text_eq(name, s->zh) || text_eq(name, s->en)
            || in_list(s->aliases, name))
            return s;
    }
    return NULL;
}
