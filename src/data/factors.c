/*
 * factors.c - the built-in factor library: reads factors/sources.tsv, electricity.tsv and gwp.tsv,
 * checks them (units known, names unique, every fuel's CO₂ factor equal to its NCV × CC × OF × 44/12,
 * every value with a source text), answers look-ups and fills the default pins of a reporting year.
 */
#include "data/factors.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/embed.h"
#include "base/text.h"
#include "base/xmem.h"

#define FILE_SOURCES "factors/sources.tsv"
#define FILE_GRID "factors/electricity.tsv"
#define FILE_GWP "factors/gwp.tsv"
#define DEFAULT_GWP_SET "AR6"
#define DERIVATION_TOLERANCE 1e-4   /* relative: co2 must match NCV × CC × OF × 44/12 within 0.01 % */
#define SHEET_MAX_COLS 24

/* One TSV file being read: its rows and the position of each expected column in them. */
struct sheet {
    const char *file;
    struct csv_table t;
    const char *const *cols;
    size_t ncols;
    size_t idx[SHEET_MAX_COLS];
};

enum {
    S_ID, S_ZH, S_EN, S_ALIASES, S_CATEGORY, S_KIND, S_ACTIVITY_UNIT, S_REPORT_UNIT, S_CO2,
    S_NCV, S_NCV_UNIT, S_CC, S_OX, S_COAL, S_COAL_UNIT, S_COAL_SOURCE, S_DENSITY,
    S_DENSITY_NOTE, S_GAS, S_FLAG, S_SOURCE_TEXT, S__COUNT
};

static const char *const source_cols[] = {
    [S_ID] = "id", [S_ZH] = "zh", [S_EN] = "en", [S_ALIASES] = "aliases",
    [S_CATEGORY] = "category", [S_KIND] = "kind", [S_ACTIVITY_UNIT] = "activity_unit",
    [S_REPORT_UNIT] = "report_unit", [S_CO2] = "co2", [S_NCV] = "ncv", [S_NCV_UNIT] = "ncv_unit",
    [S_CC] = "cc", [S_OX] = "ox", [S_COAL] = "coal", [S_COAL_UNIT] = "coal_unit",
    [S_COAL_SOURCE] = "coal_source", [S_DENSITY] = "density", [S_DENSITY_NOTE] = "density_note",
    [S_GAS] = "gas", [S_FLAG] = "flag", [S_SOURCE_TEXT] = "source_text",
};

enum { G_YEAR, G_LEVEL, G_AREA, G_VALUE, G_SOURCE_TEXT, G__COUNT };

static const char *const grid_cols[] = {
    [G_YEAR] = "year", [G_LEVEL] = "level", [G_AREA] = "area", [G_VALUE] = "value",
    [G_SOURCE_TEXT] = "source_text",
};

enum { W_SET, W_GAS, W_VALUE, W_DERIVATION, W_SOURCE_TEXT, W__COUNT };

static const char *const gwp_cols[] = {
    [W_SET] = "set", [W_GAS] = "gas", [W_VALUE] = "value", [W_DERIVATION] = "derivation",
    [W_SOURCE_TEXT] = "source_text",
};

static const char *const cat_keys[] = {
    [CAT_FOSSIL] = "fossil", [CAT_FUGITIVE] = "fugitive", [CAT_PURCHASED] = "purchased",
};

static const char *const cat_labels[][CAT__COUNT] = {
    {
        [CAT_FOSSIL] = "化石燃料燃烧排放",
        [CAT_FUGITIVE] = "逸散排放",
        [CAT_PURCHASED] = "净购入电力与热力产生的排放",
    },
    {
        [CAT_FOSSIL] = "Fossil fuel combustion",
        [CAT_FUGITIVE] = "Fugitive emissions",
        [CAT_PURCHASED] = "Purchased electricity and heat",
    },
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
#define NATIONAL_AREA "全国"

/* Endings people add to an area's name: "浙江省", "华东区域电网", "内蒙古自治区". */
static const char *const area_suffixes[] = {
    "省", "市", "壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "区域电网", "区域", "电网", "地区",
};

static enum err fail(char **cause, const char *file, size_t line, const char *fmt, ...)
    XMEM_PRINTF(4, 5);

/* Sets *cause to "FILE:LINE: message" (or "FILE: message" when line is 0); returns ERR_DATA. */
static enum err
fail(char **cause, const char *file, size_t line, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (line > 0)
        *cause = xasprintf("%s:%zu: %s", file, line, msg);
    else
        *cause = xasprintf("%s: %s", file, msg);
    return ERR_DATA;
}

static char *
dup_or_null(const char *s)
{
    return s != NULL ? xstrdup(s) : NULL;
}

/* Parses text as a TSV file with a header naming every column of cols (in any order). */
static enum err
sheet_open(struct sheet *sh, const char *file, const char *text, const char *const *cols,
           size_t ncols, char **cause)
{
    const struct csv_row *head;
    char *why = NULL;
    size_t c, h, k;
    int found;

    memset(sh, 0, sizeof(*sh));
    sh->file = file;
    sh->cols = cols;
    sh->ncols = ncols;
    if (text == NULL)
        return fail(cause, file, 0, "缺少文件");
    if (csv_parse(text, strlen(text), '\t', CSV_COMMENTS, &sh->t, &why) != ERR_OK) {
        *cause = xasprintf("%s:%s", file, why);
        free(why);
        return ERR_DATA;
    }
    if (sh->t.n == 0)
        return fail(cause, file, 0, "缺少表头行");
    head = &sh->t.rows[0];
    for (h = 0; h < head->n; h++) {
        found = 0;
        for (c = 0; c < ncols && !found; c++)
            found = text_eq(head->fields[h], cols[c]);
        if (!found)
            return fail(cause, file, head->line, "未知列“%s”", head->fields[h]);
        for (k = 0; k < h; k++)
            if (text_eq(head->fields[h], head->fields[k]))
                return fail(cause, file, head->line, "列“%s”重复", head->fields[h]);
    }
    for (c = 0; c < ncols; c++) {
        for (h = 0; h < head->n && !text_eq(head->fields[h], cols[c]); h++)
            ;
        if (h == head->n)
            return fail(cause, file, head->line, "表头缺少列“%s”", cols[c]);
        sh->idx[c] = h;
    }
    for (k = 1; k < sh->t.n; k++)
        if (sh->t.rows[k].n > head->n)
            return fail(cause, file, sh->t.rows[k].line, "列数（%zu）多于表头（%zu）",
                        sh->t.rows[k].n, head->n);
    return ERR_OK;
}

/* The raw text of column c in row r ("" when the row ends before it). */
static const char *
sheet_raw(const struct sheet *sh, size_t r, size_t c)
{
    const struct csv_row *row = &sh->t.rows[r];

    return sh->idx[c] < row->n ? row->fields[sh->idx[c]] : "";
}

/* The trimmed text of column c, or NULL when blank; caller frees. */
static char *
sheet_str(const struct sheet *sh, size_t r, size_t c)
{
    const char *raw = sheet_raw(sh, r, c);

    return text_is_blank(raw) ? NULL : text_trim(raw);
}

/* Like sheet_str but the value must be present. */
static enum err
sheet_req(const struct sheet *sh, size_t r, size_t c, char **out, char **cause)
{
    *out = sheet_str(sh, r, c);
    if (*out == NULL)
        return fail(cause, sh->file, sh->t.rows[r].line, "“%s”不能为空", sh->cols[c]);
    return ERR_OK;
}

/* The number in column c: 0 when blank and not required; never negative. */
static enum err
sheet_num(const struct sheet *sh, size_t r, size_t c, int required, double *out, char **cause)
{
    const char *raw = sheet_raw(sh, r, c);
    char *why = NULL;
    enum err e;

    *out = 0;
    if (text_is_blank(raw)) {
        if (required)
            return fail(cause, sh->file, sh->t.rows[r].line, "“%s”不能为空", sh->cols[c]);
        return ERR_OK;
    }
    if (text_parse_number(raw, out, &why) != ERR_OK) {
        e = fail(cause, sh->file, sh->t.rows[r].line, "“%s”：%s", sh->cols[c], why);
        free(why);
        return e;
    }
    if (*out < 0)
        return fail(cause, sh->file, sh->t.rows[r].line, "“%s”不能为负数", sh->cols[c]);
    return ERR_OK;
}

/* The unit named in column c, or an error when it is not a unit units.h knows. */
static enum err
sheet_unit(const struct sheet *sh, size_t r, size_t c, const struct unit_def **out, char **cause)
{
    char *name = sheet_str(sh, r, c);
    enum err e = ERR_OK;

    *out = NULL;
    if (name == NULL)
        return fail(cause, sh->file, sh->t.rows[r].line, "“%s”不能为空", sh->cols[c]);
    if ((*out = units_find(name)) == NULL)
        e = fail(cause, sh->file, sh->t.rows[r].line, "未知单位“%s”（列 %s）", name, sh->cols[c]);
    free(name);
    return e;
}

static void
sheet_close(struct sheet *sh)
{
    csv_free(&sh->t);
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
check_derivation(const struct sheet *sh, size_t r, const struct source_def *s, char **cause)
{
    size_t line = sh->t.rows[r].line;
    double derived, diff;

    if (s->ncv == 0 && s->cc == 0 && s->ox == 0 && s->ncv_unit == NULL)
        return ERR_OK;
    if (s->kind != SRC_FUEL)
        return fail(cause, sh->file, line, "只有燃料（kind fuel）有 ncv、cc、ox 推导");
    if (s->ncv == 0 || s->cc == 0 || s->ox == 0 || s->ncv_unit == NULL)
        return fail(cause, sh->file, line, "%s：ncv、ncv_unit、cc、ox 须同时填写", s->id);
    if (s->cc >= 1)
        return fail(cause, sh->file, line, "%s：含碳量 cc 应以 tC/GJ 计（如 0.0153），不是 %g",
                    s->id, s->cc);
    if (s->ox > 1)
        return fail(cause, sh->file, line, "%s：碳氧化率 ox 应为小数（如 0.98），不是 %g",
                    s->id, s->ox);
    derived = s->ncv * s->cc * s->ox * 44.0 / 12.0;
    diff = fabs(s->co2 - derived);
    if (diff > DERIVATION_TOLERANCE * derived)
        return fail(cause, sh->file, line,
                    "%s：co2 %g 与推导值 %g×%g×%g×44/12 = %.6f 不符（相差 %.3f%%）",
                    s->id, s->co2, s->ncv, s->cc, s->ox, derived, 100.0 * diff / derived);
    return ERR_OK;
}

/* Reads data row r of sources.tsv into *s and checks it on its own. */
static enum err
parse_source(const struct sheet *sh, size_t r, struct source_def *s, char **cause)
{
    size_t line = sh->t.rows[r].line, k;
    char *word = NULL;
    enum err e;
    int found;

    if ((e = sheet_req(sh, r, S_ID, &s->id, cause)) != ERR_OK)
        return e;
    if (!is_id(s->id))
        return fail(cause, sh->file, line, "id“%s”只能由小写字母、数字和 _ 组成", s->id);
    if ((e = sheet_req(sh, r, S_ZH, &s->zh, cause)) != ERR_OK
        || (e = sheet_req(sh, r, S_EN, &s->en, cause)) != ERR_OK)
        return e;
    s->aliases = sheet_str(sh, r, S_ALIASES);
    if (s->aliases == NULL)
        s->aliases = xstrdup("");
    if (!aliases_ok(s->aliases))
        return fail(cause, sh->file, line, "%s：别名列表“%s”含空项", s->id, s->aliases);

    if ((e = sheet_req(sh, r, S_CATEGORY, &word, cause)) != ERR_OK)
        return e;
    for (k = 0, found = 0; k < nitems(cat_keys) && !found; k++)
        if ((found = text_eq(word, cat_keys[k])))
            s->cat = (enum src_cat)k;
    if (!found) {
        e = fail(cause, sh->file, line, "未知排放种类“%s”（应为 fossil、fugitive 或 purchased）",
                 word);
        free(word);
        return e;
    }
    free(word);
    if ((e = sheet_req(sh, r, S_KIND, &word, cause)) != ERR_OK)
        return e;
    for (k = 0, found = 0; k < nitems(kinds) && !found; k++)
        if ((found = text_eq(word, kinds[k].key)))
            s->kind = kinds[k].kind;
    if (!found) {
        e = fail(cause, sh->file, line, "未知类型“%s”（应为 fuel、electricity、heat 或 gas）", word);
        free(word);
        return e;
    }
    free(word);
    for (k = 0; k < nitems(kinds); k++)
        if (kinds[k].kind == s->kind && kinds[k].cat != s->cat)
            return fail(cause, sh->file, line, "%s：类型 %s 应属排放种类 %s，不是 %s", s->id,
                        kinds[k].key, cat_keys[kinds[k].cat], cat_keys[s->cat]);

    if ((e = sheet_unit(sh, r, S_ACTIVITY_UNIT, &s->activity_unit, cause)) != ERR_OK
        || (e = sheet_unit(sh, r, S_REPORT_UNIT, &s->report_unit, cause)) != ERR_OK)
        return e;
    if (s->report_unit->dim != s->activity_unit->dim)
        return fail(cause, sh->file, line, "%s：report_unit %s 与 activity_unit %s 量纲不同",
                    s->id, s->report_unit->sym, s->activity_unit->sym);
    if ((s->kind == SRC_ELECTRICITY || s->kind == SRC_HEAT) && s->activity_unit->dim != DIM_ENERGY)
        return fail(cause, sh->file, line, "%s：电力和热力的单位须为能量单位，不是 %s", s->id,
                    s->activity_unit->sym);

    if ((e = sheet_num(sh, r, S_CO2, 0, &s->co2, cause)) != ERR_OK
        || (e = sheet_num(sh, r, S_NCV, 0, &s->ncv, cause)) != ERR_OK
        || (e = sheet_num(sh, r, S_CC, 0, &s->cc, cause)) != ERR_OK
        || (e = sheet_num(sh, r, S_OX, 0, &s->ox, cause)) != ERR_OK
        || (e = sheet_num(sh, r, S_COAL, 0, &s->coal, cause)) != ERR_OK
        || (e = sheet_num(sh, r, S_DENSITY, 0, &s->density, cause)) != ERR_OK)
        return e;
    s->ncv_unit = sheet_str(sh, r, S_NCV_UNIT);
    s->coal_source = sheet_str(sh, r, S_COAL_SOURCE);
    s->density_note = sheet_str(sh, r, S_DENSITY_NOTE);
    s->gas = sheet_str(sh, r, S_GAS);
    s->flag = sheet_str(sh, r, S_FLAG);
    if ((e = sheet_req(sh, r, S_SOURCE_TEXT, &s->source_text, cause)) != ERR_OK)
        return e;

    if ((s->kind == SRC_FUEL || s->kind == SRC_HEAT) && s->co2 == 0)
        return fail(cause, sh->file, line, "%s：缺少 CO₂ 排放因子 co2", s->id);
    if (s->kind == SRC_ELECTRICITY && s->co2 != 0)
        return fail(cause, sh->file, line, "%s：电力因子按年份取自 %s，co2 应留空", s->id, FILE_GRID);
    if (s->kind == SRC_GAS && s->co2 != 0)
        return fail(cause, sh->file, line, "%s：逸散气体的因子取自 %s（GWP），co2 应留空", s->id,
                    FILE_GWP);
    if ((s->kind == SRC_GAS) != (s->gas != NULL))
        return fail(cause, sh->file, line, s->kind == SRC_GAS ? "%s：逸散气体须填写 gas"
                                                              : "%s：只有逸散气体填写 gas", s->id);
    if ((e = check_derivation(sh, r, s, cause)) != ERR_OK)
        return e;

    if (s->coal > 0) {
        if ((e = sheet_unit(sh, r, S_COAL_UNIT, &s->coal_unit, cause)) != ERR_OK)
            return e;
        if (s->coal_unit->dim != s->activity_unit->dim)
            return fail(cause, sh->file, line, "%s：coal_unit %s 与 activity_unit %s 量纲不同",
                        s->id, s->coal_unit->sym, s->activity_unit->sym);
        if (s->kind == SRC_GAS)
            return fail(cause, sh->file, line, "%s：逸散气体不是能源，不应有折标煤系数", s->id);
    } else if (!text_is_blank(sheet_raw(sh, r, S_COAL_UNIT))) {
        return fail(cause, sh->file, line, "%s：填写了 coal_unit 却没有折标煤系数 coal", s->id);
    }
    if (s->density > 0 && s->activity_unit->dim != DIM_MASS)
        return fail(cause, sh->file, line, "%s：只有以质量计的燃料需要密度", s->id);
    if (s->density == 0 && s->density_note != NULL)
        return fail(cause, sh->file, line, "%s：填写了 density_note 却没有密度", s->id);
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
                e = fail(cause, FILE_SOURCES, lines[v[j].src],
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
    struct sheet sh;
    enum err e;
    size_t r;

    *lines = NULL;
    if ((e = sheet_open(&sh, FILE_SOURCES, text, source_cols, S__COUNT, cause)) != ERR_OK)
        goto out;
    if (sh.t.n < 2) {
        e = fail(cause, FILE_SOURCES, 0, "没有排放源");
        goto out;
    }
    lib->sources = xcalloc(sh.t.n - 1, sizeof(*lib->sources));
    *lines = xcalloc(sh.t.n - 1, sizeof(**lines));
    for (r = 1; r < sh.t.n; r++) {
        (*lines)[lib->nsources] = sh.t.rows[r].line;
        if ((e = parse_source(&sh, r, &lib->sources[lib->nsources++], cause)) != ERR_OK)
            goto out;
    }
    e = check_names(lib, *lines, cause);
out:
    sheet_close(&sh);
    return e;
}

static enum err
parse_grid(struct factor_lib *lib, const char *text, char **cause)
{
    struct sheet sh;
    struct grid_factor *g;
    size_t r, k, line;
    double year;
    enum err e;
    int found;

    if ((e = sheet_open(&sh, FILE_GRID, text, grid_cols, G__COUNT, cause)) != ERR_OK)
        goto out;
    lib->grid = xcalloc(sh.t.n, sizeof(*lib->grid));
    for (r = 1; r < sh.t.n; r++) {
        line = sh.t.rows[r].line;
        g = &lib->grid[lib->ngrid++];
        if ((e = sheet_num(&sh, r, G_YEAR, 1, &year, cause)) != ERR_OK)
            goto out;
        if (year != floor(year) || year < 1990 || year > 2100) {
            e = fail(cause, sh.file, line, "年份 %g 无效", year);
            goto out;
        }
        g->year = (int)year;
        if ((e = sheet_req(&sh, r, G_LEVEL, &g->level, cause)) != ERR_OK
            || (e = sheet_req(&sh, r, G_AREA, &g->area, cause)) != ERR_OK
            || (e = sheet_num(&sh, r, G_VALUE, 1, &g->value, cause)) != ERR_OK
            || (e = sheet_req(&sh, r, G_SOURCE_TEXT, &g->source_text, cause)) != ERR_OK)
            goto out;
        for (k = 0, found = 0; k < nitems(grid_levels) && !found; k++)
            found = strcmp(g->level, grid_levels[k]) == 0;
        if (!found) {
            e = fail(cause, sh.file, line, "未知层级“%s”（应为 national、regional 或 provincial）",
                     g->level);
            goto out;
        }
        if ((strcmp(g->level, "national") == 0) != (strcmp(g->area, NATIONAL_AREA) == 0)) {
            e = fail(cause, sh.file, line, "层级 national 与地区“%s”须成对出现", NATIONAL_AREA);
            goto out;
        }
        if (!(g->value > 0 && g->value < 2)) {
            e = fail(cause, sh.file, line, "电力排放因子 %g 不在 (0, 2) tCO₂/MWh 之内", g->value);
            goto out;
        }
        for (k = 0; k + 1 < lib->ngrid; k++)
            if (lib->grid[k].year == g->year && strcmp(lib->grid[k].level, g->level) == 0
                && strcmp(lib->grid[k].area, g->area) == 0) {
                e = fail(cause, sh.file, line, "%d 年 %s 的因子重复", g->year, g->area);
                goto out;
            }
    }
out:
    sheet_close(&sh);
    return e;
}

static enum err
parse_gwp(struct factor_lib *lib, const char *text, char **cause)
{
    struct sheet sh;
    struct gwp_value *w;
    size_t r, k, line;
    enum err e;

    if ((e = sheet_open(&sh, FILE_GWP, text, gwp_cols, W__COUNT, cause)) != ERR_OK)
        goto out;
    lib->gwp = xcalloc(sh.t.n, sizeof(*lib->gwp));
    for (r = 1; r < sh.t.n; r++) {
        line = sh.t.rows[r].line;
        w = &lib->gwp[lib->ngwp++];
        if ((e = sheet_req(&sh, r, W_SET, &w->set, cause)) != ERR_OK
            || (e = sheet_req(&sh, r, W_GAS, &w->gas, cause)) != ERR_OK
            || (e = sheet_num(&sh, r, W_VALUE, 1, &w->value, cause)) != ERR_OK
            || (e = sheet_req(&sh, r, W_SOURCE_TEXT, &w->source_text, cause)) != ERR_OK)
            goto out;
        w->derivation = sheet_str(&sh, r, W_DERIVATION);
        if (w->value <= 0) {
            e = fail(cause, sh.file, line, "%s 的 GWP 须大于 0", w->gas);
            goto out;
        }
        for (k = 0; k + 1 < lib->ngwp; k++)
            if (text_eq(lib->gwp[k].set, w->set) && text_eq(lib->gwp[k].gas, w->gas)) {
                e = fail(cause, sh.file, line, "%s 中 %s 的 GWP 重复", w->set, w->gas);
                goto out;
            }
    }
out:
    sheet_close(&sh);
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
                return fail(cause, FILE_SOURCES, lines[i], "%s：%s 中没有任何 GWP", s->id,
                            FILE_GWP);
            for (k = 0; k < lib->ngwp; k++)
                if (factors_gwp(lib, lib->gwp[k].set, s->gas) == NULL)
                    return fail(cause, FILE_SOURCES, lines[i], "%s：GWP 集 %s 中没有气体 %s",
                                s->id, lib->gwp[k].set, s->gas);
        }
    }
    for (k = 0; k < lib->ngrid; k++)
        have_national |= strcmp(lib->grid[k].level, "national") == 0;
    for (i = 0; i < lib->nsources; i++)
        if (lib->sources[i].kind == SRC_ELECTRICITY && !have_national)
            return fail(cause, FILE_GRID, 0, "缺少全国平均电力排放因子（national %s）",
                        NATIONAL_AREA);
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
        && (e = parse_grid(lib, get(FILE_GRID, ctx), cause)) == ERR_OK
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
    }
    for (i = 0; i < lib->ngrid; i++) {
        free(lib->grid[i].level);
        free(lib->grid[i].area);
        free(lib->grid[i].source_text);
    }
    for (i = 0; i < lib->ngwp; i++) {
        free(lib->gwp[i].set);
        free(lib->gwp[i].gas);
        free(lib->gwp[i].derivation);
        free(lib->gwp[i].source_text);
    }
    free(lib->sources);
    free(lib->grid);
    free(lib->gwp);
    free(lib);
}

const struct source_def *
factors_source(const struct factor_lib *lib, const char *name)
{
    size_t i;

    if (name == NULL || text_is_blank(name))
        return NULL;
    for (i = 0; i < lib->nsources; i++) {
        const struct source_def *s = &lib->sources[i];

        if (text_eq(name, s->id) || text_eq(name, s->zh) || text_eq(name, s->en)
            || in_list(s->aliases, name))
            return s;
    }
    return NULL;
}

const char *
factors_cat_label(enum src_cat cat, int english)
{
    if ((unsigned)cat >= CAT__COUNT)
        return "?";
    return cat_labels[english ? 1 : 0][cat];
}

int
factors_cat_scope(enum src_cat cat)
{
    return cat == CAT_PURCHASED ? 2 : 1;
}

void
factors_unit_text(const struct source_def *src, const char *unit_sym, char *buf, size_t size)
{
    const char *sym = unit_sym != NULL && *unit_sym != '\0' ? unit_sym : src->activity_unit->sym;

    snprintf(buf, size, "%s/%s", src->kind == SRC_GAS ? "tCO₂e" : "tCO₂", sym);
}

/* Whether query names area: equal, or area followed by a usual ending ("浙江省", "华东区域"). */
static int
area_match(const char *area, const char *query)
{
    char *q;
    size_t n = strlen(area), k;
    int ok = 0;

    if (text_eq(area, query))
        return 1;
    q = text_trim(query);
    if (strncmp(q, area, n) == 0)
        for (k = 0; k < nitems(area_suffixes) && !ok; k++)
            ok = strcmp(q + n, area_suffixes[k]) == 0;
    free(q);
    return ok;
}

const struct grid_factor *
factors_grid(const struct factor_lib *lib, const char *level, const char *area, int year,
             int *exact)
{
    const struct grid_factor *before = NULL, *after = NULL, *g;
    size_t i;

    if (exact != NULL)
        *exact = 0;
    if (level == NULL && area == NULL)
        level = "national";
    if (area == NULL) {
        if (!text_eq(level, "national"))
            return NULL;
        area = NATIONAL_AREA;
    }
    for (i = 0; i < lib->ngrid; i++) {
        g = &lib->grid[i];
        if ((level != NULL && !text_eq(level, g->level)) || !area_match(g->area, area))
            continue;
        if (g->year == year) {
            if (exact != NULL)
                *exact = 1;
            return g;
        }
        if (g->year < year && (before == NULL || g->year > before->year))
            before = g;
        if (g->year > year && (after == NULL || g->year < after->year))
            after = g;
    }
    return before != NULL ? before : after;
}

const struct gwp_value *
factors_gwp(const struct factor_lib *lib, const char *set, const char *gas)
{
    size_t i;

    if (set == NULL)
        set = DEFAULT_GWP_SET;
    if (gas == NULL)
        return NULL;
    for (i = 0; i < lib->ngwp; i++)
        if (text_eq(lib->gwp[i].set, set) && text_eq(lib->gwp[i].gas, gas))
            return &lib->gwp[i];
    return NULL;
}

enum err
factors_default_pin(const struct factor_lib *lib, const struct source_def *src, int year,
                    const char *grid_level, const char *grid_area, const char *gwp_set,
                    struct factor_pin *pin, char **cause)
{
    const struct grid_factor *g;
    const struct gwp_value *w;
    char num[64];
    int exact;

    memset(pin, 0, sizeof(*pin));
    pin->source_id = xstrdup(src->id);
    pin->unit = xstrdup(src->activity_unit->sym);
    pin->coal = src->coal;
    pin->coal_unit = src->coal_unit != NULL ? xstrdup(src->coal_unit->sym) : NULL;
    switch (src->kind) {
    case SRC_FUEL:
    case SRC_HEAT:
        pin->value = src->co2;
        pin->ncv = src->ncv;
        pin->cc = src->cc;
        pin->ox = src->ox;
        pin->ncv_unit = dup_or_null(src->ncv_unit);
        pin->density = src->density;
        pin->source_text = xstrdup(src->source_text);
        break;
    case SRC_ELECTRICITY:
        g = factors_grid(lib, grid_level, grid_area, year, &exact);
        if (g == NULL) {
            if (grid_area == NULL && grid_level != NULL && !text_eq(grid_level, "national"))
                *cause = xasprintf("未指定 %s 电力排放因子的地区", grid_level);
            else
                *cause = xasprintf("没有“%s”的电力排放因子",
                                   grid_area != NULL ? grid_area : NATIONAL_AREA);
            factors_pin_free(pin);
            return ERR_NOTFOUND;
        }
        pin->value = g->value;
        if (exact)
            pin->source_text = xstrdup(g->source_text);
        else
            pin->source_text = xasprintf("%s（无%d年因子，采用%s发布的%d年因子）", g->source_text,
                                         year, g->year < year ? "最新" : "最早", g->year);
        break;
    case SRC_GAS:
        if (gwp_set == NULL)
            gwp_set = DEFAULT_GWP_SET;
        w = factors_gwp(lib, gwp_set, src->gas);
        if (w == NULL) {
            *cause = xasprintf("GWP 集“%s”中没有 %s 的数值", gwp_set, src->gas);
            factors_pin_free(pin);
            return ERR_NOTFOUND;
        }
        pin->value = w->value;
        if (w->derivation != NULL) {
            text_format_number(w->value, 4, num, sizeof(num));
            pin->source_text = xasprintf("%s：%s = %s", w->source_text, w->derivation, num);
        } else {
            pin->source_text = xstrdup(w->source_text);
        }
        break;
    }
    return ERR_OK;
}

void
factors_pin_free(struct factor_pin *pin)
{
    if (pin == NULL)
        return;
    free(pin->source_id);
    free(pin->unit);
    free(pin->ncv_unit);
    free(pin->coal_unit);
    free(pin->source_text);
    memset(pin, 0, sizeof(*pin));
}

void
factors_pin_copy(struct factor_pin *dst, const struct factor_pin *src)
{
    *dst = *src;
    dst->source_id = dup_or_null(src->source_id);
    dst->unit = dup_or_null(src->unit);
    dst->ncv_unit = dup_or_null(src->ncv_unit);
    dst->coal_unit = dup_or_null(src->coal_unit);
    dst->source_text = dup_or_null(src->source_text);
}
