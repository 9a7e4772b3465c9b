/*
 * sheet_factors.c - 表A.6 排放因子数据: the factor pinned for each source the year uses, in
 * library order, with its unit (and the density, when rows in litres are converted to mass) and
 * 数据来源. A typed value replaces the library's (and asks for its source), Del restores the
 * library value, F2 chooses the electricity factor's area or province and the GWP set of the
 * year (re-pinning those factors). An electricity factor typed that is a carbon-footprint factor
 * (factors/footprint.tsv) is saved with a warning.
 */
#include "sheet/sheet.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/width.h"
#include "data/units.h"

enum { COL_CAT, COL_SOURCE, COL_VALUE, COL_UNIT, COL_DATASRC, NCOLS };

static const char *const keys[NCOLS] = {"category", "source", "data", "factor_unit", "data_source"};
static const int widths[NCOLS] = {26, 11, 11, 12, 40};   /* "Electricity", "Natural gas" */

/* The source of row `row`: the n-th library source the inventory uses, or NULL. */
static const struct source_def *
row_source(const struct sheet_env *env, int row)
{
    const struct factor_lib *lib = env->app->lib;
    size_t i, j;
    int n = 0;

    for (i = 0; i < lib->nsources; i++)
        for (j = 0; j < env->y->nentries; j++)
            if (env->y->entries[j].src == &lib->sources[i]) {
                if (n++ == row)
                    return &lib->sources[i];
                break;
            }
    return NULL;
}

static int
count_sources(const struct sheet_env *env)
{
    int n = 0;

    while (row_source(env, n) != NULL)
        n++;
    return n;
}

/* Whether a unit of dimension a is turned into one of b through a density (litres and mass). */
static int
through_density(enum unit_dim a, enum unit_dim b)
{
    return a != b && (a == DIM_VOLUME || a == DIM_MASS) && (b == DIM_VOLUME || b == DIM_MASS);
}

/*
 * The density (kg/L) the year's rows of src are converted with, 0 when none is: 汽油 (per t)
 * entered in L. *to_mass tells the direction (litres to mass, or mass to a volume).
 */
static double
density_used(const struct sheet_env *env, const struct source_def *src,
             const struct factor_pin *pin, int *to_mass)
{
    const struct unit_def *to = pin != NULL ? units_find(pin->unit) : src->activity_unit;
    size_t i, j;

    for (i = 0; to != NULL && i < env->y->nentries; i++) {
        const struct wb_entry *e = &env->y->entries[i];

        for (j = 0; e->src == src && j < e->nacts; j++) {
            const struct unit_def *u = units_find(e->acts[j].unit);

            if (u != NULL && through_density(u->dim, to->dim)) {
                *to_mass = to->dim == DIM_MASS;
                return pin != NULL ? pin->density : src->density;
            }
        }
    }
    return 0;
}

/* The unit cell of src's row: "tCO₂/t，密度 0.73 kg/L" when a density is used, with a note. */
static void
unit_cell(const struct sheet_env *env, struct sheet *s, int r, const struct source_def *src,
          const struct factor_pin *pin, const char *fu)
{
    int to_mass = 0, w;
    double d = density_used(env, src, pin, &to_mass);
    int library = src->density_note != NULL && (pin == NULL || pin->density == src->density);
    char num[64];

    if (!(d > 0)) {
        sheet_set(s, r, COL_UNIT, xstrdup(fu), SHEET_DIM);
        return;
    }
    text_format_number(d, TEXT_DIGITS, num, sizeof(num));
    sheet_set(s, r, COL_UNIT, xasprintf(SHEET_TR(env, "%s，密度 %s kg/L", "%s, %s kg/L"), fu, num),
              SHEET_DIM);
    if (env->lang == LANG_EN)
        sheet_note(s, r, COL_UNIT,
                   xasprintf("Amounts in %s are converted to %s at %s kg/L (%s)",
                             to_mass ? "litres" : "mass", to_mass ? "mass" : "volume", num,
                             library ? "the library's rule-of-thumb value" : "set for this year"));
    else
        sheet_note(s, r, COL_UNIT,
                   xasprintf("以%s填报的用量按密度 %s kg/L 换算为%s（%s）",
                             to_mass ? "升（L）" : "质量", num, to_mass ? "质量" : "体积",
                             library ? src->density_note : "本年度设定的值"));
    /* the column grows to show it whole */
    if ((w = width_of(sheet_cell(s, r, COL_UNIT)->text) + 1) > s->widths[COL_UNIT])
        s->widths[COL_UNIT] = w;
}

static void
build(const struct sheet_env *env, struct sheet *s)
{
    int r, c;

    sheet_init(s, count_sources(env), NCOLS, 0);
    for (c = 0; c < NCOLS; c++)
        sheet_head(s, c, sheet_label(env, keys[c]), widths[c]);
    s->start_col = COL_VALUE;
    s->empty = xstrdup(SHEET_TR(env, "还没有数据：先在 A.3 添加排放源、在 A.5 填写活动数据",
                                "No data yet: add sources in A.3 and values in A.5"));
    for (r = 0; r < s->nrows; r++) {
        const struct source_def *src = row_source(env, r);
        const struct factor_pin *pin = model_pin(env->y, src->id);
        int nosrc = pin == NULL || pin->source_text == NULL || pin->source_text[0] == '\0';
        char fu[64], shown[64];

        factors_unit_text(src, pin ? pin->unit : src->activity_unit->sym, fu, sizeof(fu));
        units_text(fu, env->lang == LANG_EN, shown, sizeof(shown));
        sheet_set(s, r, COL_CAT, xstrdup(factors_cat_label(src->cat, env->lang == LANG_EN)),
                  SHEET_DIM);
        sheet_set(s, r, COL_SOURCE, xstrdup(sheet_src_label(env, src)), 0);
        sheet_set(s, r, COL_VALUE, pin ? sheet_num(pin->value, 9) : xstrdup(""),
                  SHEET_EDIT | SHEET_NUM | (pin && pin->overridden ? SHEET_WARN : 0));
        unit_cell(env, s, r, src, pin, shown);
        sheet_set(s, r, COL_DATASRC, nosrc ? xstrdup(SHEET_TR(env, "（请注明来源）", "(state the source)"))
                                           : factors_source_label(env->app->lib, src, env->y->year,
                                                                  NULL, env->y->grid_area,
                                                                  env->y->gwp_set, pin->source_text,
                                                                  env->lang == LANG_EN),
                  SHEET_EDIT | (nosrc ? SHEET_MISSING : 0));
    }
}

/* Whether text is the pin's source text as the sheet shows it (in English: the library's
   English). */
static int
same_as_shown(const struct sheet_env *env, const struct source_def *src,
              const struct factor_pin *pin, const char *text)
{
    char *shown = factors_source_label(env->app->lib, src, env->y->year, NULL, env->y->grid_area,
                                       env->y->gwp_set, pin->source_text, env->lang == LANG_EN);
    char *typed = text_trim(text);
    int same = pin->source_text != NULL && strcmp(shown, typed) == 0;

    free(shown);
    free(typed);
    return same;
}

static enum err
commit(const struct sheet_env *env, const struct sheet *s, int row, int col, const char *text,
       struct sheet_out *out)
{
    const struct source_def *src = row_source(env, row);
    const struct field_def *fd = forms_field(env->step->form, col == COL_VALUE ? "data"
                                                                             : "data_source");
    const struct factor_pin *old = src ? model_pin(env->y, src->id) : NULL;
    struct factor_pin pin;
    char *cause = NULL, *footprint;
    double v;
    enum err e;

    (void)s;
    if (old == NULL)
        return ERR_NOTFOUND;
    if ((e = forms_validate_lang(fd, text, env->lang, &v, &cause)) != ERR_OK)
        return sheet_fail(out, e, cause);
    if (col == COL_DATASRC && text_is_blank(text))
        return sheet_fail(out, ERR_INPUT, xstrdup(SHEET_TR(env, "每个排放因子都须注明来源",
                                                           "Every factor needs its source")));
    if (col == COL_VALUE && v == old->value)
        return ERR_OK;
    if (col == COL_DATASRC && same_as_shown(env, src, old, text))
        return ERR_OK; /* the library's text as shown in English stays the stored one */
    factors_pin_copy(&pin, old);
    if (col == COL_VALUE) {
        pin.value = v;
        pin.ncv = pin.cc = pin.ox = 0;    /* a stated value is no longer the library's derivation */
        free(pin.source_text);
        pin.source_text = xstrdup("");
    } else {
        free(pin.source_text);
        pin.source_text = text_trim(text);
    }
    pin.overridden = 1;
    e = store_pin_set(env->st, env->y->year, &pin, &cause);
    factors_pin_free(&pin);
    if (e != ERR_OK)
        return sheet_fail(out, e, cause);
    out->changed = 1;
    if (col == COL_VALUE) {
        /* a carbon-footprint factor typed as the electricity factor: said, never refused */
        footprint = factors_scope2_warning(env->app->lib, src, old->unit, v, env->lang == LANG_EN);
        if (footprint != NULL)
            sheet_say(out, SHEET_SAY_WARN, SHEET_TR(env, "已改用 %s。警告：%s", "Now %s. Warning: %s"),
                      text, footprint);
        else
            sheet_say(out, SHEET_SAY_WARN,
                      SHEET_TR(env, "已改用 %s；请在“数据来源”注明新因子的出处",
                               "Now %s; state where the new factor comes from"),
                      text);
        free(footprint);
        out->col = COL_DATASRC;
    } else {
        sheet_say(out, SHEET_SAY_OK, SHEET_TR(env, "已保存因子来源", "Saved the factor's source"));
    }
    return ERR_OK;
}

static const char *
help(const struct sheet_env *env, const struct sheet *s, int row, int col)
{
    const struct field_def *fd;

    if (col == COL_DATASRC) {
        const struct source_def *src = row_source(env, row);
        const struct factor_pin *pin = src ? model_pin(env->y, src->id) : NULL;

        /* a source text the column cuts (the electricity factor's note on the year) is read here */
        if (pin != NULL && pin->source_text != NULL && width_of(pin->source_text) > s->widths[col])
            return pin->source_text;
    }
    if (env->rep != NULL && col == COL_VALUE) {
        const struct source_def *src = row_source(env, row);
        const struct report_source *rs = src ? report_source(env->rep, src->id) : NULL;

        if (rs != NULL && rs->derivation != NULL)
            return rs->derivation;
    }
    fd = forms_field(env->step->form, col == COL_VALUE ? "data" : col == COL_DATASRC
                                                                  ? "data_source" : "source");
    return sheet_field_help(env, fd);
}

static enum sheet_del
del_what(const struct sheet_env *env, const struct sheet *s, int row, int col, char **question)
{
    const struct source_def *src = row_source(env, row);

    (void)s;
    (void)col;
    if (src == NULL)
        return SHEET_DEL_NONE;
    *question = xasprintf(SHEET_TR(env, "将 %s 的排放因子恢复为因子库默认值？",
                                   "Restore the library factor of %s?"), sheet_src_label(env, src));
    return SHEET_DEL_ASK;
}

static enum err
del(const struct sheet_env *env, const struct sheet *s, int row, int col, struct sheet_out *out)
{
    const struct source_def *src = row_source(env, row);
    struct factor_pin pin;
    char *cause = NULL;
    enum err e;

    (void)s;
    (void)col;
    if (src == NULL)
        return ERR_NOTFOUND;
    if ((e = factors_default_pin(env->app->lib, src, env->y->year, NULL, env->y->grid_area,
                                 env->y->gwp_set, &pin, &cause)) == ERR_OK) {
        e = store_pin_set(env->st, env->y->year, &pin, &cause);
        factors_pin_free(&pin);
    }
    if (e != ERR_OK)
        return sheet_fail(out, e, cause);
    out->changed = 1;
    sheet_say(out, SHEET_SAY_OK, SHEET_TR(env, "已恢复默认因子", "Restored the library factor"));
    return ERR_OK;
}

/* The F2 choices: each grid area once (nation first, then regions, then provinces), then each
   GWP set. */
struct setting {
    const char *area, *gwp_set;
};

static size_t
settings_list(const struct sheet_env *env, struct setting *v)
{
    static const char *const levels[] = {"national", "regional", "provincial"};
    const struct factor_lib *lib = env->app->lib;
    size_t n = 0, i, j, k;
    int seen;

    for (k = 0; k < nitems(levels); k++)
        for (i = 0; i < lib->ngrid; i++) {
            for (j = 0, seen = 0; j < n && !seen; j++)
                seen = v[j].area != NULL && strcmp(v[j].area, lib->grid[i].area) == 0;
            if (!seen && strcmp(lib->grid[i].level, levels[k]) == 0)
                v[n++] = (struct setting){.area = lib->grid[i].area};
        }
    for (i = 0; i < lib->ngwp; i++) {
        for (j = 0, seen = 0; j < n && !seen; j++)
            seen = v[j].gwp_set != NULL && strcmp(v[j].gwp_set, lib->gwp[i].set) == 0;
        if (!seen)
            v[n++] = (struct setting){.gwp_set = lib->gwp[i].set};
    }
    return n;
}

static const char *
level_label(const struct sheet_env *env, const char *area)
{
    const struct factor_lib *lib = env->app->lib;
    size_t i;

    for (i = 0; i < lib->ngrid; i++)
        if (strcmp(lib->grid[i].area, area) == 0) {
            if (env->lang == LANG_EN)
                return lib->grid[i].level;
            return strcmp(lib->grid[i].level, "national") == 0 ? "全国平均"
                   : strcmp(lib->grid[i].level, "regional") == 0 ? "区域电网" : "省级";
        }
    return "";
}

static void
settings_choice(const struct sheet_env *env, struct sheet_choice *c)
{
    const struct factor_lib *lib = env->app->lib;
    struct setting *v = xcalloc(lib->ngrid + lib->ngwp + 1, sizeof(*v));
    size_t n = settings_list(env, v), i;
    const char *now = SHEET_TR(env, " ← 当前", " ← now");

    memset(c, 0, sizeof(*c));
    c->title = xstrdup(SHEET_TR(env, "排放因子设置（会重新取因子库的值）",
                                "Factor settings (re-pins library values)"));
    c->labels = xcalloc(n + 1, sizeof(*c->labels));
    for (i = 0; i < n; i++)
        if (v[i].area != NULL)
            c->labels[c->n++] = xasprintf(SHEET_TR(env, "电力排放因子：%s（%s）%s",
                                                   "Electricity factor: %s (%s)%s"),
                                          factors_area_label(lib, v[i].area, env->lang == LANG_EN),
                                          level_label(env, v[i].area),
                                          strcmp(v[i].area, env->y->grid_area) == 0 ? now : "");
        else
            c->labels[c->n++] = xasprintf(SHEET_TR(env, "逸散排放 GWP：%s%s", "Fugitive GWP: %s%s"),
                                          v[i].gwp_set,
                                          strcmp(v[i].gwp_set, env->y->gwp_set) == 0 ? now : "");
    free(v);
}

static enum err
settings(const struct sheet_env *env, size_t pick, struct sheet_out *out)
{
    const struct factor_lib *lib = env->app->lib;
    struct setting *v = xcalloc(lib->ngrid + lib->ngwp + 1, sizeof(*v));
    size_t n = settings_list(env, v);
    char *cause = NULL;
    enum err e = ERR_NOTFOUND;

    if (pick < n) {
        e = store_year_settings(env->st, lib, env->y->year, v[pick].area, v[pick].gwp_set, &cause);
        if (e != ERR_OK)
            sheet_fail(out, e, cause);
        else {
            out->changed = 1;
            sheet_say(out, SHEET_SAY_OK, SHEET_TR(env, "已改用：%s", "Now: %s"),
                      v[pick].area ? factors_area_label(lib, v[pick].area, env->lang == LANG_EN)
                                   : v[pick].gwp_set);
        }
    }
    free(v);
    return e;
}

static char *
title_note(const struct sheet_env *env)
{
    return xasprintf(SHEET_TR(env, "电力因子地区：%s   GWP：%s（F2 修改）",
                              "electricity area: %s   GWP: %s (F2)"),
                     factors_area_label(env->app->lib, env->y->grid_area, env->lang == LANG_EN),
                     env->y->gwp_set ? env->y->gwp_set : "");
}

static int
locate(const struct sheet_env *env, const struct sheet *s, const struct check_where *w, int *row,
       int *col)
{
    const struct source_def *src;
    int r;

    for (r = 0; w->source_id != NULL && r < s->nrows; r++)
        if ((src = row_source(env, r)) != NULL && strcmp(src->id, w->source_id) == 0) {
            *row = r;
            *col = w->field != NULL && strcmp(w->field, "data_source") == 0 ? COL_DATASRC
                                                                            : COL_VALUE;
            return 1;
        }
    return 0;
}

const struct sheet_ops sheet_factors = {
    .locate = locate,
    .name = "factors",
    .build = build,
    .commit = commit,
    .help = help,
    .del_what = del_what,
    .del = del,
    .settings_choice = settings_choice,
    .settings = settings,
    .title_note = title_note,
};
