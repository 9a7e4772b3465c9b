/*
 * maturity_defs.c - loads the tables of the carbon-management maturity evaluation (002, draft:
 * 表A.1, 表A.2, the settings of 表A.3 and §12.3, 表22) from forms/maturity_*.tsv through base/tsv.
 * The definitions point into the parsed files rather than copying them. Strict like the other
 * loaders: the standard's points are facts carried over, so a criterion out of order, a second
 * level whose criteria do not add up to its printed full points, or a table that is not 100 in
 * all stops the program at start-up with "FILE:LINE: reason".
 */
#include "data/maturity_defs.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/embed.h"
#include "base/tsv.h"
#include "base/xmem.h"

#define EPS 1e-9
#define A1_TOTAL 100.0      /* 表A.1 总分 100 */

static const char *const file_names[MF__COUNT] = {
    [MF_A1] = "forms/maturity_a1.tsv", [MF_A2] = "forms/maturity_a2.tsv",
    [MF_SETTINGS] = "forms/maturity_settings.tsv", [MF_GRADES] = "forms/maturity_grades.tsv",
};

enum { A1_CODE, A1_L1, A1_L2, A1_L2MAX, A1_TEXT, A1_MAX, A1_STEP, A1_L1EN, A1_L2EN, A1_TEXTEN,
       A1__COUNT };
static const struct tsv_col a1_cols[] = {
    [A1_CODE] = {.name = "code"}, [A1_L1] = {.name = "level1"}, [A1_L2] = {.name = "level2"},
    [A1_L2MAX] = {.name = "level2_max"}, [A1_TEXT] = {.name = "criterion"},
    [A1_MAX] = {.name = "max"}, [A1_STEP] = {.name = "step"}, [A1_L1EN] = {.name = "level1_en"},
    [A1_L2EN] = {.name = "level2_en"}, [A1_TEXTEN] = {.name = "criterion_en"},
};

enum { A2_CODE, A2_METHOD, A2_TEXT, A2_POINTS, A2_BOUND, A2_TEXTEN, A2__COUNT };
static const struct tsv_col a2_cols[] = {
    [A2_CODE] = {.name = "code"}, [A2_METHOD] = {.name = "method"},
    [A2_TEXT] = {.name = "criterion"}, [A2_POINTS] = {.name = "points"},
    [A2_BOUND] = {.name = "bound"}, [A2_TEXTEN] = {.name = "criterion_en"},
};

enum { S_KEY, S_DEF, S_MIN, S_MAX, S_INT, S_DRAFT, S_UNSET, S_LZH, S_LEN, S_SRC, S__COUNT };
static const struct tsv_col set_cols[] = {
    [S_KEY] = {.name = "key"}, [S_DEF] = {.name = "default"}, [S_MIN] = {.name = "min"},
    [S_MAX] = {.name = "max"}, [S_INT] = {.name = "integer"}, [S_DRAFT] = {.name = "draft"},
    [S_UNSET] = {.name = "draft_unset"}, [S_LZH] = {.name = "label_zh"},
    [S_LEN] = {.name = "label_en"}, [S_SRC] = {.name = "source"},
};

enum { G_NAME, G_NAMEEN, G_MIN, G_MAX, G__COUNT };
static const struct tsv_col grade_cols[] = {
    [G_NAME] = {.name = "grade"}, [G_NAMEEN] = {.name = "name_en"}, [G_MIN] = {.name = "min"},
    [G_MAX] = {.name = "max"},
};

/* The settings the scorer reads by name; the file may add others. */
static const char *const needed_settings[] = {
    "@a1", "@a2", "@hist_100", "@hist_80", "@denominator",
};

/* Every cell of row r is non-empty. */
static enum err
cells_present(const struct tsv *tv, size_t r, size_t ncols, char **cause)
{
    size_t c;

    for (c = 0; c < ncols; c++)
        if (tsv_cell(tv, r, c)[0] == '\0')
            return tsv_row_fail(tv, r, cause, "“%s”不能为空", tsv_col_name(tv, c));
    return ERR_OK;
}

/* The cell of column c as a plain finite number (strtod's form, nothing after it). */
static enum err
cell_num(const struct tsv *tv, size_t r, size_t c, double *out, char **cause)
{
    const char *s = tsv_cell(tv, r, c);
    char *end;

    *out = strtod(s, &end);
    if (s[0] == '\0' || *end != '\0' || !isfinite(*out))
        return tsv_row_fail(tv, r, cause, "“%s”的“%s”不是数字", tsv_col_name(tv, c), s);
    return ERR_OK;
}

/* The cell of column c as 0 or 1. */
static enum err
cell_flag(const struct tsv *tv, size_t r, size_t c, int *out, char **cause)
{
    const char *s = tsv_cell(tv, r, c);

    if (strcmp(s, "0") != 0 && strcmp(s, "1") != 0)
        return tsv_row_fail(tv, r, cause, "“%s”应为 0 或 1，而不是“%s”", tsv_col_name(tv, c), s);
    *out = s[0] == '1';
    return ERR_OK;
}

/* Whether q is a whole number, within rounding. */
static int
is_whole(double q)
{
    return fabs(q - round(q)) < EPS;
}

/* Reads "M<a>.<b>.<c>" with each part a positive number of at most 3 digits; 0 when malformed. */
static int
parse_code(const char *s, int part[3])
{
    int i, k;

    if (*s++ != 'M')
        return 0;
    for (i = 0; i < 3; i++) {
        part[i] = 0;
        for (k = 0; *s >= '0' && *s <= '9'; s++, k++)
            part[i] = part[i] * 10 + (*s - '0');
        if (k == 0 || k > 3 || part[i] == 0 || *s != (i < 2 ? '.' : '\0'))
            return 0;
        s++;
    }
    return 1;
}

/* The code of row r follows the one before: the next criterion, second level or first level. */
static enum err
check_order(const struct tsv *tv, size_t r, const struct maturity_item *it, char **cause)
{
    const struct maturity_item *p = r > 0 ? it - 1 : NULL;
    int ok;

    if (p == NULL)
        ok = it->l1 == 1 && it->l2 == 1 && it->no == 1;
    else
        ok = (it->l1 == p->l1 && it->l2 == p->l2 && it->no == p->no + 1)
             || (it->l1 == p->l1 && it->l2 == p->l2 + 1 && it->no == 1)
             || (it->l1 == p->l1 + 1 && it->l2 == 1 && it->no == 1);
    if (!ok)
        return tsv_row_fail(tv, r, cause, "编号“%s”不接上一行%s%s（应依次为下一条细则、下一个二级"
                            "指标或下一个一级指标）", it->code, p != NULL ? "的 " : "",
                            p != NULL ? p->code : "");
    return ERR_OK;
}

/* A row of the same level as the one before carries the same names (and printed full points). */
static enum err
check_names(const struct tsv *tv, size_t r, const struct maturity_item *it, char **cause)
{
    const struct maturity_item *p = it - 1;

    if (r == 0 || it->l1 != p->l1)
        return ERR_OK;
    if (strcmp(it->level1_zh, p->level1_zh) != 0 || strcmp(it->level1_en, p->level1_en) != 0)
        return tsv_row_fail(tv, r, cause, "一级指标 M%d 的名称与上一行不同", it->l1);
    if (it->l2 != p->l2)
        return ERR_OK;
    if (strcmp(it->level2_zh, p->level2_zh) != 0 || strcmp(it->level2_en, p->level2_en) != 0
        || it->level2_max != p->level2_max)
        return tsv_row_fail(tv, r, cause, "二级指标 M%d.%d 的名称或满分与上一行不同", it->l1, it->l2);
    return ERR_OK;
}

/* Fills it from data row r of 表A.1. */
static enum err
a1_row(const struct tsv *tv, size_t r, struct maturity_item *it, char **cause)
{
    int part[3];
    enum err e;

    if ((e = cells_present(tv, r, A1__COUNT, cause)) != ERR_OK)
        return e;
    it->code = tsv_cell(tv, r, A1_CODE);
    if (!parse_code(it->code, part))
        return tsv_row_fail(tv, r, cause, "编号“%s”应写作 M<一级>.<二级>.<细则>，如 M1.2.3",
                            it->code);
    it->l1 = part[0], it->l2 = part[1], it->no = part[2];
    it->level1_zh = tsv_cell(tv, r, A1_L1), it->level1_en = tsv_cell(tv, r, A1_L1EN);
    it->level2_zh = tsv_cell(tv, r, A1_L2), it->level2_en = tsv_cell(tv, r, A1_L2EN);
    it->text_zh = tsv_cell(tv, r, A1_TEXT), it->text_en = tsv_cell(tv, r, A1_TEXTEN);
    it->level2_max = -1;
    if (strcmp(tsv_cell(tv, r, A1_L2MAX), "-") != 0
        && ((e = cell_num(tv, r, A1_L2MAX, &it->level2_max, cause)) != ERR_OK))
        return e;
    if ((e = cell_num(tv, r, A1_MAX, &it->max, cause)) != ERR_OK
        || (e = cell_num(tv, r, A1_STEP, &it->step, cause)) != ERR_OK)
        return e;
    if (it->max <= 0 || it->step <= 0)
        return tsv_row_fail(tv, r, cause, "分值与步长须大于 0");
    if (!is_whole(it->max / it->step))
        return tsv_row_fail(tv, r, cause, "分值 %g 不是步长 %g 的整数倍", it->max, it->step);
    return ERR_OK;
}

/* The second level ending at row r (the last of its run) adds up to its printed full points. */
static enum err
check_level2_sum(const struct tsv *tv, size_t r, const struct maturity_item *v, char **cause)
{
    double sum = 0;
    size_t j = r + 1;

    if (v[r].level2_max < 0)
        return ERR_OK;
    while (j > 0 && v[j - 1].l1 == v[r].l1 && v[j - 1].l2 == v[r].l2)
        sum += v[--j].max;
    if (fabs(sum - v[r].level2_max) > EPS)
        return tsv_row_fail(tv, r, cause, "二级指标 M%d.%d“%s”的细则分值合计 %g，与满分 %g 不符",
                            v[r].l1, v[r].l2, v[r].level2_zh, sum, v[r].level2_max);
    return ERR_OK;
}

static enum err
parse_a1(struct maturity_defs *d, char **cause)
{
    const struct tsv *tv = d->tv[MF_A1];
    size_t r, n = tsv_nrows(tv);
    enum err e;

    if (n == 0)
        return tsv_fail(cause, tsv_file(tv), tsv_header_line(tv), "没有评分细则");
    d->items = xcalloc(n, sizeof(*d->items));
    d->nitems = n;
    for (r = 0; r < n; r++) {
        struct maturity_item *it = &d->items[r];

        if ((e = a1_row(tv, r, it, cause)) != ERR_OK
            || (e = check_order(tv, r, it, cause)) != ERR_OK
            || (e = check_names(tv, r, it, cause)) != ERR_OK)
            return e;
        if (r > 0 && (it->l1 != it[-1].l1 || it->l2 != it[-1].l2)
            && (e = check_level2_sum(tv, r - 1, d->items, cause)) != ERR_OK)
            return e;
        d->total += it->max;
    }
    if ((e = check_level2_sum(tv, n - 1, d->items, cause)) != ERR_OK)
        return e;
    if (fabs(d->total - A1_TOTAL) > EPS)
        return tsv_fail(cause, tsv_file(tv), 0, "评分细则的分值合计 %g，应为 %g", d->total, A1_TOTAL);
    return ERR_OK;
}

/* Fills s from data row r of the settings file. */
static enum err
setting_row(const struct maturity_defs *d, size_t r, struct maturity_setting_def *s, char **cause)
{
    const struct tsv *tv = d->tv[MF_SETTINGS];
    enum err e;

    if ((e = cells_present(tv, r, S__COUNT, cause)) != ERR_OK)
        return e;
    s->key = tsv_cell(tv, r, S_KEY);
    if (s->key[0] != '@' || s->key[1] == '\0')
        return tsv_row_fail(tv, r, cause, "设置名“%s”应以 @ 开头", s->key);
    if (maturity_defs_setting(d, s->key) >= 0)
        return tsv_row_fail(tv, r, cause, "设置“%s”重复", s->key);
    if ((e = cell_num(tv, r, S_DEF, &s->def, cause)) != ERR_OK
        || (e = cell_num(tv, r, S_MIN, &s->min, cause)) != ERR_OK
        || (e = cell_num(tv, r, S_MAX, &s->max, cause)) != ERR_OK
        || (e = cell_flag(tv, r, S_INT, &s->integer, cause)) != ERR_OK
        || (e = cell_flag(tv, r, S_UNSET, &s->draft_unset, cause)) != ERR_OK)
        return e;
    if (!(s->min <= s->def && s->def <= s->max) || (s->integer && !is_whole(s->def)))
        return tsv_row_fail(tv, r, cause, "默认值 %g 不在 %g 至 %g 之间或不是整数", s->def, s->min,
                            s->max);
    s->draft = tsv_cell(tv, r, S_DRAFT);
    s->label_zh = tsv_cell(tv, r, S_LZH), s->label_en = tsv_cell(tv, r, S_LEN);
    s->source = tsv_cell(tv, r, S_SRC);
    return ERR_OK;
}

/* The default of the setting called key; parse_settings made sure it is there. */
static double
setting_def(const struct maturity_defs *d, const char *key)
{
    return d->settings[maturity_defs_setting(d, key)].def;
}

static enum err
parse_settings(struct maturity_defs *d, char **cause)
{
    const struct tsv *tv = d->tv[MF_SETTINGS];
    size_t r, n = tsv_nrows(tv);
    double sum;
    enum err e;

    d->settings = xcalloc(n + 1, sizeof(*d->settings));
    for (r = 0; r < n; r++) {
        if ((e = setting_row(d, r, &d->settings[r], cause)) != ERR_OK)
            return e;
        d->nsettings++;
    }
    for (r = 0; r < sizeof(needed_settings) / sizeof(needed_settings[0]); r++)
        if (maturity_defs_setting(d, needed_settings[r]) < 0)
            return tsv_fail(cause, tsv_file(tv), 0, "缺少设置“%s”", needed_settings[r]);
    sum = setting_def(d, "@a1") + setting_def(d, "@a2");
    if (fabs(sum - 1) > EPS)
        return tsv_fail(cause, tsv_file(tv), 0, "权重 @a1 与 @a2 的默认值之和为 %g，应为 1", sum);
    return ERR_OK;
}

/* Fills b from data row r of 表A.2; prev is the row before it or NULL. */
static enum err
band_row(const struct maturity_defs *d, size_t r, struct maturity_band *b,
         const struct maturity_band *prev, char **cause)
{
    const struct tsv *tv = d->tv[MF_A2];
    const char *m = tsv_cell(tv, r, A2_METHOD), *bound = tsv_cell(tv, r, A2_BOUND);
    int same = prev != NULL && !prev->open;
    enum err e;

    if ((e = cells_present(tv, r, A2__COUNT, cause)) != ERR_OK)
        return e;
    if (prev != NULL && prev->open && prev->method == MM_HISTORICAL)
        return tsv_row_fail(tv, r, cause, "historical 以 bound “-” 的一行结束后不应再有行");
    if (strcmp(m, "advanced") != 0 && strcmp(m, "historical") != 0)
        return tsv_row_fail(tv, r, cause, "方法“%s”应为 advanced 或 historical", m);
    b->method = m[0] == 'a' ? MM_ADVANCED : MM_HISTORICAL;
    if (same && b->method != prev->method)
        return tsv_row_fail(tv, r, cause, "上一种方法还没有以 bound “-” 的一行结束");
    if (!same && b->method != (prev == NULL ? MM_ADVANCED : MM_HISTORICAL))
        return tsv_row_fail(tv, r, cause, "应先列 advanced 的各行，再列 historical 的各行，各一组");
    b->code = tsv_cell(tv, r, A2_CODE);
    b->text_zh = tsv_cell(tv, r, A2_TEXT), b->text_en = tsv_cell(tv, r, A2_TEXTEN);
    if ((e = cell_num(tv, r, A2_POINTS, &b->points, cause)) != ERR_OK)
        return e;
    if (same ? !(b->points < prev->points) : fabs(b->points - 100) > EPS)
        return tsv_row_fail(tv, r, cause, "得分 %g 应%s", b->points,
                            same ? "低于上一行" : "为 100（每种方法的第一行）");
    b->setting = -1;
    b->open = strcmp(bound, "-") == 0;
    if (b->open)
        return ERR_OK;
    if (b->method == MM_HISTORICAL) {
        if ((b->setting = maturity_defs_setting(d, bound)) < 0)
            return tsv_row_fail(tv, r, cause, "bound “%s”不是设置表中的设置", bound);
        b->bound = d->settings[b->setting].def;
    } else if ((e = cell_num(tv, r, A2_BOUND, &b->bound, cause)) != ERR_OK) {
        return e;
    }
    /* advanced: the allowed excess rises row by row; historical: the decline needed falls */
    if (same && (b->method == MM_ADVANCED ? !(b->bound > prev->bound) : !(b->bound < prev->bound)))
        return tsv_row_fail(tv, r, cause, "bound %g 应%s上一行的 %g", b->bound,
                            b->method == MM_ADVANCED ? "大于" : "小于", prev->bound);
    return ERR_OK;
}

static enum err
parse_a2(struct maturity_defs *d, char **cause)
{
    const struct tsv *tv = d->tv[MF_A2];
    size_t r, n = tsv_nrows(tv);
    enum err e;

    d->bands = xcalloc(n + 1, sizeof(*d->bands));
    for (r = 0; r < n; r++) {
        if ((e = band_row(d, r, &d->bands[r], r > 0 ? &d->bands[r - 1] : NULL, cause)) != ERR_OK)
            return e;
        d->nbands++;
    }
    if (n == 0 || !d->bands[n - 1].open || d->bands[n - 1].method != MM_HISTORICAL)
        return tsv_fail(cause, tsv_file(tv), 0, "advanced 与 historical 两种方法都须列出，"
                        "各以 bound “-” 的一行结束");
    return ERR_OK;
}

static enum err
parse_grades(struct maturity_defs *d, char **cause)
{
    const struct tsv *tv = d->tv[MF_GRADES];
    size_t r, n = tsv_nrows(tv);
    enum err e;

    d->grades = xcalloc(n + 1, sizeof(*d->grades));
    for (r = 0; r < n; r++) {
        struct maturity_grade *g = &d->grades[r];

        if ((e = cells_present(tv, r, G__COUNT, cause)) != ERR_OK
            || (e = cell_num(tv, r, G_MIN, &g->min, cause)) != ERR_OK
            || (e = cell_num(tv, r, G_MAX, &g->max, cause)) != ERR_OK)
            return e;
        g->name_zh = tsv_cell(tv, r, G_NAME), g->name_en = tsv_cell(tv, r, G_NAMEEN);
        if (g->min > g->max || (r == 0 ? g->max != 100 : !(g->max < d->grades[r - 1].min)))
            return tsv_row_fail(tv, r, cause, "等级“%s”的分数 %g-%g 应从 100 起逐级向下、不重叠",
                                g->name_zh, g->min, g->max);
        d->ngrades++;
    }
    if (n == 0 || d->grades[n - 1].min != 0)
        return tsv_fail(cause, tsv_file(tv), 0, "最低一级应从 0 分起");
    return ERR_OK;
}

enum err
maturity_defs_parse(const struct maturity_text src[MF__COUNT], struct maturity_defs **out,
                    char **cause)
{
    static const struct { const struct tsv_col *cols; size_t n; } shape[MF__COUNT] = {
        [MF_A1] = {a1_cols, A1__COUNT}, [MF_A2] = {a2_cols, A2__COUNT},
        [MF_SETTINGS] = {set_cols, S__COUNT}, [MF_GRADES] = {grade_cols, G__COUNT},
    };
    struct maturity_defs *d = xcalloc(1, sizeof(*d));
    enum err e = ERR_OK;
    int f;

    *out = NULL;
    for (f = 0; f < MF__COUNT && e == ERR_OK; f++)
        e = tsv_parse(src[f].file, src[f].text, shape[f].cols, shape[f].n, &d->tv[f], cause);
    /* the settings first: 表A.2's historical bounds name them */
    if (e == ERR_OK && (e = parse_a1(d, cause)) == ERR_OK
        && (e = parse_settings(d, cause)) == ERR_OK && (e = parse_a2(d, cause)) == ERR_OK)
        e = parse_grades(d, cause);
    if (e != ERR_OK) {
        maturity_defs_free(d);
        return e;
    }
    *out = d;
    return ERR_OK;
}

enum err
maturity_defs_load(struct maturity_defs **out, char **cause)
{
    struct maturity_text src[MF__COUNT];
    int f;

    *out = NULL;
    for (f = 0; f < MF__COUNT; f++) {
        const struct embedded_file *ef = embed_find(file_names[f]);

        if (ef == NULL)
            return tsv_fail(cause, file_names[f], 0, "程序中没有内置此文件");
        src[f].file = file_names[f];
        src[f].text = ef->data;
    }
    return maturity_defs_parse(src, out, cause);
}

void
maturity_defs_free(struct maturity_defs *defs)
{
    int f;

    if (defs == NULL)
        return;
    for (f = 0; f < MF__COUNT; f++)
        tsv_free(defs->tv[f]);
    free(defs->items);
    free(defs->bands);
    free(defs->settings);
    free(defs->grades);
    free(defs);
}

const struct maturity_item *
maturity_defs_item(const struct maturity_defs *defs, const char *code)
{
    size_t i;

    for (i = 0; i < defs->nitems; i++)
        if (strcmp(defs->items[i].code, code) == 0)
            return &defs->items[i];
    return NULL;
}

int
maturity_defs_setting(const struct maturity_defs *defs, const char *key)
{
    size_t i;

    for (i = 0; i < defs->nsettings; i++)
        if (strcmp(defs->settings[i].key, key) == 0)
            return (int)i;
    return -1;
}
