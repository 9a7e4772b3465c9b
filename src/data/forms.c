/*
 * forms.c - loads the Appendix A form definitions from the forms/ master copy (an index, forms.tsv,
 * one field file per form, and the walk-through of the terminal workbook, steps.tsv; all read by
 * base/tsv). Values typed for a field are validated by forms_validate.c.
 * The loader is strict: a data file with an unknown column or value stops the program at start-up
 * with "forms/FILE:LINE: reason" rather than letting a typo reach a screen or an export.
 */
#include "data/forms.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/embed.h"
#include "base/text.h"
#include "base/tsv.h"
#include "base/xmem.h"
#include "data/units.h"

#define INDEX_FILE "forms.tsv"
#define STEPS_FILE "steps.tsv"

static const char *const type_names[] = {
    [FT_TEXT] = "text",
    [FT_NUMBER] = "number",
    [FT_INTEGER] = "integer",
    [FT_SOURCE] = "source",
    [FT_CATEGORY] = "category",
    [FT_PERIOD] = "period",
    [FT_UNIT] = "unit",
    [FT_USCC] = "uscc",
};

static const char *const scope_names[] = {
    [FS_UNIT] = "unit",
    [FS_YEAR] = "year",
    [FS_ROW] = "row",
};

static const char *const kind_names[] = {
    [FK_RECORD] = "record",
    [FK_GRID] = "grid",
    [FK_COMPUTED] = "computed",
};

static const char *const step_kind_names[] = {
    [SK_RECORD] = "record",
    [SK_GRID] = "grid",
    [SK_VIEW] = "view",
    [SK_EXPORT] = "export",
};

/* The step kind that shows a form of each kind. */
static const enum step_kind form_step_kind[] = {
    [FK_RECORD] = SK_RECORD,
    [FK_GRID] = SK_GRID,
    [FK_COMPUTED] = SK_VIEW,
};

/* Units only shown beside computed or entered values, never converted (units.h holds the rest). */
static const char *const display_units[] = {
    "m²", "人", "tCO₂e", "tce", "kgCO₂e/m²", "tCO₂e/人", "℃·d", "kgce/m²", "kgce/人", "%",
    "kgCO₂e/(℃·d)", "年", "tCO₂e/a",
};

enum index_col { IC_ID, IC_KEY, IC_ZH, IC_EN, IC_TITLE_ZH, IC_TITLE_EN, IC_KIND, IC_FILE, IC__COUNT };

static const struct tsv_col index_cols[] = {
    [IC_ID] = {.name = "id"}, [IC_KEY] = {.name = "key"}, [IC_ZH] = {.name = "zh"},
    [IC_EN] = {.name = "en"}, [IC_TITLE_ZH] = {.name = "title_zh"},
    [IC_TITLE_EN] = {.name = "title_en"}, [IC_KIND] = {.name = "kind"}, [IC_FILE] = {.name = "file"},
};

enum field_col { FC_KEY, FC_ZH, FC_EN, FC_SHORT_ZH, FC_SHORT_EN, FC_TYPE, FC_SCOPE, FC_UNIT,
                 FC_REQUIRED, FC_COMPUTED, FC_IN_TABLE, FC_MIN, FC_MAX, FC_CLI, FC_HELP_ZH, FC_HELP_EN,
                 FC__COUNT };

static const struct tsv_col field_cols[] = {
    [FC_KEY] = {.name = "key"}, [FC_ZH] = {.name = "zh"}, [FC_EN] = {.name = "en"},
    [FC_SHORT_ZH] = {.name = "short_zh", .optional = 1},
    [FC_SHORT_EN] = {.name = "short_en", .optional = 1},
    [FC_TYPE] = {.name = "type"}, [FC_SCOPE] = {.name = "scope"}, [FC_UNIT] = {.name = "unit"},
    [FC_REQUIRED] = {.name = "required"}, [FC_COMPUTED] = {.name = "computed"},
    [FC_IN_TABLE] = {.name = "in_table"}, [FC_MIN] = {.name = "min"}, [FC_MAX] = {.name = "max"},
    [FC_CLI] = {.name = "cli"}, [FC_HELP_ZH] = {.name = "help_zh"},
    [FC_HELP_EN] = {.name = "help_en"},
};

enum step_col { SC_ID, SC_KIND, SC_SHEET, SC_SHORT_ZH, SC_SHORT_EN, SC_TITLE_ZH, SC_TITLE_EN,
                SC__COUNT };

static const struct tsv_col step_cols[] = {
    [SC_ID] = {.name = "id"}, [SC_KIND] = {.name = "kind"}, [SC_SHEET] = {.name = "sheet"},
    [SC_SHORT_ZH] = {.name = "short_zh"}, [SC_SHORT_EN] = {.name = "short_en"},
    [SC_TITLE_ZH] = {.name = "title_zh"}, [SC_TITLE_EN] = {.name = "title_en"},
};

/* The index of s in names[0..n), or -1. */
static int
lookup(const char *s, const char *const *names, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return (int)i;
    return -1;
}

/* Whether s is a strict number ("", "12", "-0.5", "1e8"); *out gets it (0 for ""). *given: non-empty. */
static int
parse_limit(const char *s, double *out, int *given)
{
    char *end;

    *out = 0;
    *given = s[0] != '\0';
    if (!*given)
        return 1;
    *out = strtod(s, &end);
    return *end == '\0' && isfinite(*out);
}

/* Whether s is made only of the characters in allowed, starts with a lowercase letter and is not empty. */
static int
is_ident(const char *s, const char *allowed)
{
    if (!(s[0] >= 'a' && s[0] <= 'z'))
        return 0;
    for (; *s != '\0'; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || strchr(allowed, *s) != NULL))
            return 0;
    return 1;
}

static int
is_display_unit(const char *u)
{
    size_t i;

    for (i = 0; i < nitems(display_units); i++)
        if (strcmp(u, display_units[i]) == 0)
            return 1;
    return 0;
}

/* Parses a 0|1 flag cell. */
static enum err
parse_flag(const struct tsv *tv, size_t r, size_t c, int *out, char **cause)
{
    const char *s = tsv_cell(tv, r, c);

    if (strcmp(s, "0") != 0 && strcmp(s, "1") != 0)
        return tsv_row_fail(tv, r, cause, "%s 须为 0 或 1，而不是“%s”", field_cols[c].name, s);
    *out = s[0] == '1';
    return ERR_OK;
}

/* Checks and stores the min/max cells of field row r according to the field's type. */
static enum err
parse_limits(const struct tsv *tv, size_t r, struct field_def *fd, char **cause)
{
    const char *smin = tsv_cell(tv, r, FC_MIN), *smax = tsv_cell(tv, r, FC_MAX);
    int gmin, gmax;

    /* ">0": greater than 0, for a figure that is divided by (建筑面积) or unknown when 0 */
    if ((fd->min_open = smin[0] == '>') != 0)
        smin++;
    if (!parse_limit(smin, &fd->min, &gmin) || (fd->min_open && !gmin))
        return tsv_row_fail(tv, r, cause, "min“%s”不是数字", smin);
    if (!parse_limit(smax, &fd->max, &gmax))
        return tsv_row_fail(tv, r, cause, "max“%s”不是数字", smax);
    switch (fd->type) {
    case FT_NUMBER:
    case FT_INTEGER:
        /* 0/0 means "no limits", so a one-sided limit could not be told apart from none */
        if (gmin != gmax)
            return tsv_row_fail(tv, r, cause, "min 与 max 须同时给出或同时留空");
        if (fd->min > fd->max)
            return tsv_row_fail(tv, r, cause, "min %s 大于 max %s", smin, smax);
        break;
    case FT_TEXT:
        if (gmin)
            return tsv_row_fail(tv, r, cause, "文本字段不用 min（max 为最大字数）");
        if (fd->max < 0 || fd->max != floor(fd->max))
            return tsv_row_fail(tv, r, cause, "文本字段的 max 须为非负整数，而不是“%s”", smax);
        break;
    default:
        if (gmin || gmax)
            return tsv_row_fail(tv, r, cause, "%s 类型的字段不用 min/max", type_names[fd->type]);
        break;
    }
    return ERR_OK;
}

/* An owned copy of s, or NULL when s is empty. */
static char *
dup_or_null(const char *s)
{
    return s[0] != '\0' ? xstrdup(s) : NULL;
}

/* Parses field row r into fd (already zeroed); fd owns its strings even on error. */
static enum err
parse_field(const struct tsv *tv, size_t r, const struct form_def *form, struct field_def *fd,
            char **cause)
{
    const char *s;
    int v;
    enum err e;

    fd->key = xstrdup(tsv_cell(tv, r, FC_KEY));
    fd->zh = xstrdup(tsv_cell(tv, r, FC_ZH));
    fd->en = xstrdup(tsv_cell(tv, r, FC_EN));
    fd->short_zh = dup_or_null(tsv_cell(tv, r, FC_SHORT_ZH));
    fd->short_en = dup_or_null(tsv_cell(tv, r, FC_SHORT_EN));
    fd->unit = dup_or_null(tsv_cell(tv, r, FC_UNIT));
    fd->cli = dup_or_null(tsv_cell(tv, r, FC_CLI));
    fd->help_zh = xstrdup(tsv_cell(tv, r, FC_HELP_ZH));
    fd->help_en = xstrdup(tsv_cell(tv, r, FC_HELP_EN));
    if (!is_ident(fd->key, "_"))
        return tsv_row_fail(tv, r, cause, "key“%s”须为小写字母、数字和下划线", fd->key);
    if (fd->zh[0] == '\0')
        return tsv_row_fail(tv, r, cause, "字段 %s 缺少中文名称(zh)", fd->key);
    if (fd->en[0] == '\0')
        return tsv_row_fail(tv, r, cause, "字段 %s 缺少英文名称(en)", fd->key);
    s = tsv_cell(tv, r, FC_TYPE);
    if ((v = lookup(s, type_names, nitems(type_names))) < 0)
        return tsv_row_fail(tv, r, cause,
                            "未知的类型“%s”（可用 text、number、integer、source、category、period、unit、uscc）", s);
    fd->type = (enum field_type)v;
    s = tsv_cell(tv, r, FC_SCOPE);
    if ((v = lookup(s, scope_names, nitems(scope_names))) < 0)
        return tsv_row_fail(tv, r, cause, "未知的范围“%s”（可用 unit、year、row）", s);
    fd->scope = (enum field_scope)v;
    if (form->kind == FK_GRID && fd->scope != FS_ROW)
        return tsv_row_fail(tv, r, cause, "表格(grid)的字段 %s 的范围须为 row", fd->key);
    if (form->kind == FK_RECORD && fd->scope == FS_ROW)
        return tsv_row_fail(tv, r, cause, "记录(record)的字段 %s 不能用 row 范围", fd->key);
    if (fd->unit != NULL) {
        if (fd->type != FT_NUMBER && fd->type != FT_INTEGER)
            return tsv_row_fail(tv, r, cause, "只有数字字段带单位，%s 是 %s", fd->key,
                                type_names[fd->type]);
        if (!is_display_unit(fd->unit) && units_find(fd->unit) == NULL)
            return tsv_row_fail(tv, r, cause, "未知的单位“%s”", fd->unit);
    }
    /* "asked": optional, yet asked for, so that `check` warns while it is empty */
    s = tsv_cell(tv, r, FC_REQUIRED);
    if (strcmp(s, "asked") == 0)
        fd->asked = 1;
    else if (strcmp(s, "0") != 0 && strcmp(s, "1") != 0)
        return tsv_row_fail(tv, r, cause, "required 须为 0、1 或 asked，而不是“%s”", s);
    else
        fd->required = s[0] == '1';
    if ((e = parse_flag(tv, r, FC_COMPUTED, &fd->computed, cause)) != ERR_OK
        || (e = parse_flag(tv, r, FC_IN_TABLE, &fd->in_table, cause)) != ERR_OK
        || (e = parse_limits(tv, r, fd, cause)) != ERR_OK)
        return e;
    if (fd->cli != NULL && !is_ident(fd->cli, "-"))
        return tsv_row_fail(tv, r, cause, "命令行选项名“%s”须为小写字母、数字和连字符", fd->cli);
    return ERR_OK;
}

/* Checks that no two fields of f share a key, a cli name, or a name forms_field_match would accept. */
static enum err
check_unique(const struct tsv *tv, const struct form_def *f, char **cause)
{
    size_t i, j, a, b;

    for (i = 1; i < f->nfields; i++) {
        const struct field_def *x = &f->fields[i];
        for (j = 0; j < i; j++) {
            const struct field_def *y = &f->fields[j];
            const char *xn[] = {x->key, x->zh, x->en}, *yn[] = {y->key, y->zh, y->en};
            if (strcmp(x->key, y->key) == 0)
                return tsv_row_fail(tv, i, cause, "key“%s”重复", x->key);
            if (x->cli != NULL && y->cli != NULL && strcmp(x->cli, y->cli) == 0)
                return tsv_row_fail(tv, i, cause, "命令行选项名“%s”重复", x->cli);
            for (a = 0; a < nitems(xn); a++)
                for (b = 0; b < nitems(yn); b++)
                    if (text_eq(xn[a], yn[b]))
                        return tsv_row_fail(tv, i, cause, "名称“%s”同时指字段 %s 和 %s", xn[a],
                                            y->key, x->key);
        }
    }
    return ERR_OK;
}

/* Loads the field file of form f from text. */
static enum err
parse_fields(const char *file, const char *text, struct form_def *f, char **cause)
{
    struct tsv *tv = NULL;
    enum err e;
    size_t r, n;

    if ((e = tsv_parse(file, text, field_cols, FC__COUNT, &tv, cause)) != ERR_OK)
        return e;
    if ((n = tsv_nrows(tv)) == 0) {
        e = tsv_fail(cause, file, tsv_header_line(tv), "表单 %s 没有字段", f->id);
        goto out;
    }
    f->fields = xcalloc(n, sizeof(*f->fields));
    for (r = 0; r < n; r++) {
        f->nfields++;
        if ((e = parse_field(tv, r, f, &f->fields[r], cause)) != ERR_OK)
            goto out;
    }
    e = check_unique(tv, f, cause);
out:
    tsv_free(tv);
    return e;
}

/* Parses index row r into f (already zeroed) and loads its field file. */
static enum err
parse_form(const struct tsv *tv, size_t r, const char *(*get)(const char *name, void *ctx),
           void *ctx, struct form_def *f, char **cause)
{
    const char *s, *text;
    char *path;
    int v;
    enum err e;

    f->id = xstrdup(tsv_cell(tv, r, IC_ID));
    f->key = xstrdup(tsv_cell(tv, r, IC_KEY));
    f->zh = xstrdup(tsv_cell(tv, r, IC_ZH));
    f->en = xstrdup(tsv_cell(tv, r, IC_EN));
    f->title_zh = xstrdup(tsv_cell(tv, r, IC_TITLE_ZH));
    f->title_en = xstrdup(tsv_cell(tv, r, IC_TITLE_EN));
    if (f->id[0] == '\0')
        return tsv_row_fail(tv, r, cause, "缺少表单编号(id)");
    if (!is_ident(f->key, "_"))
        return tsv_row_fail(tv, r, cause, "key“%s”须为小写字母、数字和下划线", f->key);
    if (f->zh[0] == '\0' || f->en[0] == '\0' || f->title_zh[0] == '\0' || f->title_en[0] == '\0')
        return tsv_row_fail(tv, r, cause, "表单 %s 的名称或标题为空", f->id);
    s = tsv_cell(tv, r, IC_KIND);
    if ((v = lookup(s, kind_names, nitems(kind_names))) < 0)
        return tsv_row_fail(tv, r, cause, "未知的表单类别“%s”（可用 record、grid、computed）", s);
    f->kind = (enum form_kind)v;
    s = tsv_cell(tv, r, IC_FILE);
    if (s[0] == '\0' || strchr(s, '/') != NULL || strchr(s, '\\') != NULL)
        return tsv_row_fail(tv, r, cause, "字段文件名“%s”无效", s);
    if ((text = get(s, ctx)) == NULL)
        return tsv_row_fail(tv, r, cause, "找不到字段文件“%s”", s);
    path = xasprintf("forms/%s", s);
    e = parse_fields(path, text, f, cause);
    free(path);
    return e;
}

/*
 * Checks that no field of form r shares its cli name with a field of an earlier form: `tanbook
 * set` takes the options of several forms (A.1, A.3) in one command line, where getopt would
 * quietly give a shared name to the first.
 */
static enum err
check_cli_across(const struct tsv *tv, size_t r, const struct form_set *fs, char **cause)
{
    const struct form_def *f = &fs->forms[r];
    size_t i, j, k;

    for (i = 0; i < f->nfields; i++) {
        if (f->fields[i].cli == NULL)
            continue;
        for (j = 0; j < r; j++)
            for (k = 0; k < fs->forms[j].nfields; k++) {
                const struct field_def *y = &fs->forms[j].fields[k];
                if (y->cli != NULL && strcmp(y->cli, f->fields[i].cli) == 0)
                    return tsv_row_fail(tv, r, cause,
                                        "表单 %s 字段 %s 的命令行选项名“%s”已用于表单 %s 的字段 %s",
                                        f->id, f->fields[i].key, y->cli, fs->forms[j].id, y->key);
            }
    }
    return ERR_OK;
}

/* Parses the index: every form with its fields, in the index's order, ids, keys and cli names unique. */
static enum err
parse_index(const char *text, const char *(*get)(const char *name, void *ctx), void *ctx,
            struct form_set *fs, char **cause)
{
    struct tsv *tv = NULL;
    size_t r, j, n;
    enum err e;

    if ((e = tsv_parse("forms/" INDEX_FILE, text, index_cols, IC__COUNT, &tv, cause)) != ERR_OK)
        return e;
    if ((n = tsv_nrows(tv)) == 0) {
        e = tsv_fail(cause, tsv_file(tv), tsv_header_line(tv), "没有表单");
        goto out;
    }
    fs->forms = xcalloc(n, sizeof(*fs->forms));
    for (r = 0; r < n; r++) {
        struct form_def *f = &fs->forms[r];
        fs->nforms++;
        if ((e = parse_form(tv, r, get, ctx, f, cause)) != ERR_OK)
            goto out;
        for (j = 0; j < r && e == ERR_OK; j++) {
            const struct form_def *g = &fs->forms[j];
            if (strcmp(f->id, g->id) == 0 || text_eq(f->id, g->key))
                e = tsv_row_fail(tv, r, cause, "表单编号“%s”重复", f->id);
            else if (strcmp(f->key, g->key) == 0 || text_eq(f->key, g->id))
                e = tsv_row_fail(tv, r, cause, "表单 key“%s”重复", f->key);
        }
        if (e != ERR_OK || (e = check_cli_across(tv, r, fs, cause)) != ERR_OK)
            goto out;
    }
out:
    tsv_free(tv);
    return e;
}

/* The form whose id is exactly id, or NULL. */
static const struct form_def *
form_by_id(const struct form_set *fs, const char *id)
{
    size_t i;

    for (i = 0; i < fs->nforms; i++)
        if (strcmp(fs->forms[i].id, id) == 0)
            return &fs->forms[i];
    return NULL;
}

/* Checks step s of row r against the form it names (or, for a step that is no form, its titles). */
static enum err
check_step_form(const struct tsv *tv, size_t r, const struct step_def *s, char **cause)
{
    const struct form_def *f = s->form;

    if (f == NULL) {
        if (s->kind != SK_EXPORT)
            return tsv_row_fail(tv, r, cause,
                                "“%s”不是表单编号，这样的步骤类别须为 export，而不是 %s", s->id,
                                step_kind_names[s->kind]);
        if (s->title_zh == NULL || s->title_en == NULL)
            return tsv_row_fail(tv, r, cause, "步骤 %s 不是表单，须填写 title_zh 和 title_en", s->id);
        return ERR_OK;
    }
    if (s->kind != form_step_kind[f->kind])
        return tsv_row_fail(tv, r, cause, "步骤 %s 的类别须为 %s（表单类别为 %s），而不是 %s",
                            s->id, step_kind_names[form_step_kind[f->kind]], kind_names[f->kind],
                            step_kind_names[s->kind]);
    if (s->title_zh != NULL || s->title_en != NULL)
        return tsv_row_fail(tv, r, cause,
                            "步骤 %s 的标题取自 " INDEX_FILE "，title_zh 和 title_en 须留空", s->id);
    return ERR_OK;
}

/* Parses step row r into s (already zeroed); s owns its strings even on error. */
static enum err
parse_step(const struct tsv *tv, size_t r, const struct form_set *fs, struct step_def *s,
           char **cause)
{
    const char *kind = tsv_cell(tv, r, SC_KIND);
    int v;
    enum err e;

    s->id = xstrdup(tsv_cell(tv, r, SC_ID));
    s->sheet = dup_or_null(tsv_cell(tv, r, SC_SHEET));
    s->title_zh = dup_or_null(tsv_cell(tv, r, SC_TITLE_ZH));
    s->title_en = dup_or_null(tsv_cell(tv, r, SC_TITLE_EN));
    s->short_zh = xstrdup(tsv_cell(tv, r, SC_SHORT_ZH));
    s->short_en = xstrdup(tsv_cell(tv, r, SC_SHORT_EN));
    if (s->id[0] == '\0')
        return tsv_row_fail(tv, r, cause, "缺少步骤编号(id)");
    if ((v = lookup(kind, step_kind_names, nitems(step_kind_names))) < 0)
        return tsv_row_fail(tv, r, cause, "未知的步骤类别“%s”（可用 record、grid、view、export）",
                            kind);
    s->kind = (enum step_kind)v;
    s->form = form_by_id(fs, s->id);
    if ((e = check_step_form(tv, r, s, cause)) != ERR_OK)
        return e;
    if (s->kind == SK_EXPORT && s->sheet != NULL)
        return tsv_row_fail(tv, r, cause, "export 步骤 %s 不用 sheet，而写了“%s”", s->id, s->sheet);
    if (s->kind != SK_EXPORT && s->sheet == NULL)
        return tsv_row_fail(tv, r, cause, "步骤 %s 缺少 sheet（填写它的模块）", s->id);
    if (s->sheet != NULL && !is_ident(s->sheet, "_"))
        return tsv_row_fail(tv, r, cause, "sheet“%s”须为小写字母、数字和下划线", s->sheet);
    if (s->short_zh[0] == '\0' || s->short_en[0] == '\0')
        return tsv_row_fail(tv, r, cause, "步骤 %s 缺少简称(short_zh 或 short_en)", s->id);
    return ERR_OK;
}

/* Parses the walk-through, steps.tsv, into fs->steps; the forms must be loaded already. */
static enum err
parse_steps(const char *text, struct form_set *fs, char **cause)
{
    struct tsv *tv = NULL;
    size_t r, j, n;
    enum err e;

    if (text == NULL)
        return tsv_fail(cause, "forms/" STEPS_FILE, 0, "找不到此文件");
    if ((e = tsv_parse("forms/" STEPS_FILE, text, step_cols, SC__COUNT, &tv, cause)) != ERR_OK)
        return e;
    if ((n = tsv_nrows(tv)) == 0) {
        e = tsv_fail(cause, tsv_file(tv), tsv_header_line(tv), "没有步骤");
        goto out;
    }
    fs->steps = xcalloc(n, sizeof(*fs->steps));
    for (r = 0; r < n; r++) {
        struct step_def *s = &fs->steps[r];
        fs->nsteps++;
        if ((e = parse_step(tv, r, fs, s, cause)) != ERR_OK)
            goto out;
        for (j = 0; j < r; j++)
            if (text_eq(s->id, fs->steps[j].id)) {
                e = tsv_row_fail(tv, r, cause, "步骤编号“%s”重复", s->id);
                goto out;
            }
    }
out:
    tsv_free(tv);
    return e;
}

enum err
forms_parse(const char *index_text, const char *(*get)(const char *name, void *ctx), void *ctx,
            struct form_set **out, char **cause)
{
    struct form_set *fs = xcalloc(1, sizeof(*fs));
    enum err e;

    *out = NULL;
    if ((e = parse_index(index_text, get, ctx, fs, cause)) != ERR_OK
        || (e = parse_steps(get(STEPS_FILE, ctx), fs, cause)) != ERR_OK) {
        forms_free(fs);
        return e;
    }
    *out = fs;
    return ERR_OK;
}

/* forms_parse's file source for the built-in copy. */
static const char *
embedded_get(const char *name, void *ctx)
{
    const struct embedded_file *ef;
    char *path = xasprintf("forms/%s", name);

    (void)ctx;
    ef = embed_find(path);
    free(path);
    return ef != NULL ? ef->data : NULL;
}

enum err
forms_load(struct form_set **out, char **cause)
{
    const struct embedded_file *index = embed_find("forms/" INDEX_FILE);

    *out = NULL;
    if (index == NULL) {
        *cause = xstrdup("forms/" INDEX_FILE ":0: 程序中没有内置此文件");
        return ERR_DATA;
    }
    return forms_parse(index->data, embedded_get, NULL, out, cause);
}

void
forms_free(struct form_set *fs)
{
    size_t i, j;

    if (fs == NULL)
        return;
    for (i = 0; i < fs->nforms; i++) {
        struct form_def *f = &fs->forms[i];
        for (j = 0; j < f->nfields; j++) {
            struct field_def *fd = &f->fields[j];
            free(fd->key);
            free(fd->zh);
            free(fd->en);
            free(fd->short_zh);
            free(fd->short_en);
            free(fd->unit);
            free(fd->cli);
            free(fd->help_zh);
            free(fd->help_en);
        }
        free(f->fields);
        free(f->id);
        free(f->key);
        free(f->zh);
        free(f->en);
        free(f->title_zh);
        free(f->title_en);
    }
    for (i = 0; i < fs->nsteps; i++) {
        struct step_def *s = &fs->steps[i];
        free(s->id);
        free(s->sheet);
        free(s->title_zh);
        free(s->title_en);
        free(s->short_zh);
        free(s->short_en);
    }
    free(fs->steps);
    free(fs->forms);
    free(fs);
}

const struct form_def *
forms_get(const struct form_set *fs, const char *id)
{
    size_t i;

    if (id == NULL)
        return NULL;
    for (i = 0; i < fs->nforms; i++)
        if (text_eq(fs->forms[i].id, id) || text_eq(fs->forms[i].key, id))
            return &fs->forms[i];
    return NULL;
}

const struct field_def *
forms_field(const struct form_def *f, const char *key)
{
    size_t i;

    if (key == NULL)
        return NULL;
    for (i = 0; i < f->nfields; i++)
        if (strcmp(f->fields[i].key, key) == 0)
            return &f->fields[i];
    return NULL;
}

const struct field_def *
forms_field_match(const struct form_def *f, const char *name)
{
    size_t i;

    if (text_is_blank(name))
        return NULL;
    for (i = 0; i < f->nfields; i++) {
        const struct field_def *fd = &f->fields[i];
        if (text_eq(fd->key, name) || text_eq(fd->zh, name) || text_eq(fd->en, name))
            return fd;
    }
    return NULL;
}

const char *
forms_label(const struct field_def *fd, enum lang lang)
{
    return lang == LANG_EN ? fd->en : fd->zh;
}

const char *
forms_short(const struct field_def *fd, enum lang lang)
{
    const char *s = lang == LANG_EN ? fd->short_en : fd->short_zh;

    return s != NULL ? s : forms_label(fd, lang);
}

const char *
forms_title(const struct form_def *f, enum lang lang)
{
    return lang == LANG_EN ? f->title_en : f->title_zh;
}

const struct step_def *
forms_step(const struct form_set *fs, const char *id)
{
    size_t i;

    if (id == NULL)
        return NULL;
    for (i = 0; i < fs->nsteps; i++)
        if (text_eq(fs->steps[i].id, id))
            return &fs->steps[i];
    return NULL;
}

const char *
forms_step_title(const struct step_def *s, enum lang lang)
{
    if (s->form != NULL)
        return forms_title(s->form, lang);
    return lang == LANG_EN ? s->title_en : s->title_zh;
}

const char *
forms_step_short(const struct step_def *s, enum lang lang)
{
    return lang == LANG_EN ? s->short_en : s->short_zh;
}
