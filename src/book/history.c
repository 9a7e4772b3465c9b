/*
 * history.c - an undo or redo in words. Storage hands back the rows an action changed, with their
 * columns before and after (store.h); this names them for the message line: an A.1 value, a
 * source added, changed or deleted with its values, an A.5 value, a pinned factor, a year or its
 * settings, and a mixed action as counts. Labels come from forms/, source names, grid areas and
 * the English of unit symbols from the factor library and units, all in the interface language.
 * Also who made an action (another window, a command-line import) and when, for the screen to
 * say before it takes back another program's change, or why it cannot.
 */
#include "book/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/strbuf.h"
#include "base/xmem.h"
#include "core/neutral.h"
#include "core/plan.h"

/* The text in the message's language; a macro so printf formats stay checked. */
#define W(w, zh, en) ((w)->lang == LANG_EN ? (en) : (zh))

struct words {
    const struct form_set *fs;
    const struct factor_lib *lib;
    enum lang lang;
};

/* A row image: the columns of one side of a fact (n 0: no row). */
struct row {
    const struct store_col *c;
    size_t n;
};

/* The logged tables, as struct store_fact names them. */
enum {
    T_UNIT_INFO, T_YEARS, T_YEAR_INFO, T_INVENTORY, T_ACTIVITY, T_FACTORS, T_BASE, T_TARGET,
    T_MEASURE, T_OFFSET, T_RENEWABLE, T_NEUTRAL_TEXT, T_ASSESSMENT, T__COUNT
};

static const char *const tables[T__COUNT] = {
    [T_UNIT_INFO] = "unit_info", [T_YEARS] = "years", [T_YEAR_INFO] = "year_info",
    [T_INVENTORY] = "inventory", [T_ACTIVITY] = "activity", [T_FACTORS] = "factors",
    [T_BASE] = "base_period", [T_TARGET] = "target", [T_MEASURE] = "measure",
    [T_OFFSET] = "offset_claim", [T_RENEWABLE] = "renewable", [T_NEUTRAL_TEXT] = "neutral_text",
    [T_ASSESSMENT] = "assessment",
};

static int
table_of(const char *name)
{
    int i;

    for (i = 0; i < T__COUNT; i++)
        if (strcmp(tables[i], name) == 0)
            return i;
    return -1;
}

static const char *
txt(const struct row *r, const char *key)
{
    return store_col_text(r->c, r->n, key);
}

static double
num(const struct row *r, const char *key)
{
    const struct store_col *c = store_col_find(r->c, r->n, key);

    return c != NULL && c->is_num ? c->num : 0;
}

static const char *
field_label(const struct words *w, const char *form, const char *key)
{
    const struct form_def *f = w->fs != NULL ? forms_get(w->fs, form) : NULL;
    const struct field_def *fd = f != NULL ? forms_field(f, key) : NULL;

    return fd != NULL ? forms_label(fd, w->lang) : key;
}

static const struct source_def *
source_of(const struct words *w, const char *id)
{
    return w->lib != NULL ? factors_source(w->lib, id) : NULL;
}

static const char *
source_name(const struct words *w, const char *id)
{
    const struct source_def *src = source_of(w, id);

    return src == NULL ? id : w->lang == LANG_EN ? src->en : src->zh;
}

static char *
entry_name(const struct words *w, const char *source, const char *facility)
{
    const char *name = source_name(w, source);

    if (facility == NULL || facility[0] == '\0')
        return xstrdup(name);
    return xasprintf(W(w, "%s（%s）", "%s (%s)"), name, facility);
}

/* The entry an activity fact belongs to; its id when storage did not find it. */
static char *
activity_entry(const struct words *w, const struct store_fact *f, const struct row *any)
{
    if (f->entry_source != NULL)
        return entry_name(w, f->entry_source, f->entry_facility);
    return xasprintf(W(w, "排放源 %s", "Source %s"), txt(any, "inventory_id"));
}

static const char *
or_empty(const struct words *w, const char *s)
{
    return s != NULL && s[0] != '\0' ? s : W(w, "（空）", "(empty)");
}

static char *
value_text(const struct words *w, const struct row *r, const char *num_key, const char *unit_key)
{
    if (r->n == 0)
        return xstrdup(W(w, "（空）", "(empty)"));
    if (num(r, "na") != 0)
        return xstrdup(W(w, "不适用", "n/a"));    /* an A.5 period marked not applicable */
    return xasprintf("%s %s", txt(r, num_key), units_label(txt(r, unit_key), w->lang == LANG_EN));
}

/* "1 value", "2 values". */
static const char *
plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* A grid area in the message's language ("全国", "National"). */
static const char *
area_name(const struct words *w, const char *area)
{
    return w->lib != NULL ? factors_area_label(w->lib, area, w->lang == LANG_EN) : area;
}

static char *
describe_info(const struct words *w, const struct store_fact *f)
{
    return xasprintf(W(w, "%s：%s → %s", "%s: %s → %s"), field_label(w, "A.1", f->field),
                     or_empty(w, f->old_value), or_empty(w, f->new_value));
}

static char *
describe_year(const struct words *w, const struct store_fact *f)
{
    int gwp = strcmp(f->field, "gwp_set") == 0;

    if (f->old_value == NULL)
        return xasprintf(W(w, "添加 %s 年度", "Added year %s"), f->row);
    if (f->new_value == NULL)
        return xasprintf(W(w, "删除 %s 年度", "Deleted year %s"), f->row);
    if (gwp)
        return xasprintf(W(w, "%s 年度 GWP 版本：%s → %s", "Year %s GWP set: %s → %s"), f->row,
                         f->old_value, f->new_value);
    return xasprintf(W(w, "%s 年度电力因子地区：%s → %s", "Year %s grid area: %s → %s"), f->row,
                     area_name(w, f->old_value), area_name(w, f->new_value));
}

static char *
describe_inventory(const struct words *w, const struct row *b, const struct row *a)
{
    static const char *const cols[] = {"facility", "location", "note"};
    const char *sep = W(w, "；", "; ");
    struct strbuf sb = {0};
    char *name;
    size_t i;

    if (b->n == 0 || a->n == 0) {
        const struct row *r = b->n > 0 ? b : a;

        name = entry_name(w, txt(r, "source"), txt(r, "facility"));
        if (b->n == 0)
            sb_printf(&sb, W(w, "添加排放源 %s", "Added source %s"), name);
        else
            sb_printf(&sb, W(w, "删除排放源 %s", "Deleted source %s"), name);
        free(name);
        return sb_take(&sb);
    }
    if (strcmp(txt(b, "source"), txt(a, "source")) != 0)
        sb_printf(&sb, W(w, "%s：%s → %s", "%s: %s → %s"), field_label(w, "A.3", "source"),
                  source_name(w, txt(b, "source")), source_name(w, txt(a, "source")));
    name = entry_name(w, txt(b, "source"), txt(b, "facility"));
    for (i = 0; i < nitems(cols); i++)
        if (strcmp(txt(b, cols[i]), txt(a, cols[i])) != 0)
            sb_printf(&sb, W(w, "%s%s %s：%s → %s", "%s%s %s: %s → %s"), sb.len > 0 ? sep : "",
                      name, field_label(w, "A.3", cols[i]), or_empty(w, txt(b, cols[i])),
                      or_empty(w, txt(a, cols[i])));
    free(name);
    return sb.len > 0 ? sb_take(&sb) : xstrdup(W(w, "修改排放源", "Changed source"));
}

static char *
describe_activity(const struct words *w, const struct store_fact *f, const struct row *b,
                  const struct row *a)
{
    static const char *const cols[] = {"data_source", "note"};
    const struct row *any = b->n > 0 ? b : a;
    const char *period = txt(any, "period"), *sep = W(w, "；", "; ");
    char *name = activity_entry(w, f, any);
    char *vb = value_text(w, b, "quantity", "unit"), *va = value_text(w, a, "quantity", "unit");
    struct strbuf sb = {0};
    char *out;
    size_t i;

    if (strcmp(vb, va) != 0 || b->n == 0 || a->n == 0) {
        out = xasprintf(W(w, "%s %s：%s → %s", "%s %s: %s → %s"), name, period, vb, va);
    } else {
        for (i = 0; i < nitems(cols); i++)
            if (strcmp(txt(b, cols[i]), txt(a, cols[i])) != 0)
                sb_printf(&sb, W(w, "%s%s %s %s：%s → %s", "%s%s %s %s: %s → %s"),
                          sb.len > 0 ? sep : "", name, period, field_label(w, "A.5", cols[i]),
                          or_empty(w, txt(b, cols[i])), or_empty(w, txt(a, cols[i])));
        out = sb.len > 0 ? sb_take(&sb) : xasprintf("%s %s", name, period);
    }
    free(name);
    free(vb);
    free(va);
    return out;
}

static char *
describe_factor(const struct words *w, const struct row *b, const struct row *a)
{
    const struct row *any = b->n > 0 ? b : a;
    const struct source_def *src = source_of(w, txt(any, "source"));
    const char *name = source_name(w, txt(any, "source"));
    char unit[64];

    if (b->n == 0)
        return xasprintf(W(w, "添加 %s 排放因子", "Added the emission factor of %s"), name);
    if (a->n == 0)
        return xasprintf(W(w, "删除 %s 排放因子", "Deleted the emission factor of %s"), name);
    if (num(b, "value") == num(a, "value"))
        return xasprintf(W(w, "%s 排放因子来源：%s → %s", "%s emission factor source: %s → %s"),
                         name, txt(b, "source_text"), txt(a, "source_text"));
    if (src != NULL)
        factors_unit_text(src, txt(a, "unit"), unit, sizeof(unit));
    else
        snprintf(unit, sizeof(unit), "/%s", txt(a, "unit"));
    return xasprintf(W(w, "%s 排放因子：%s → %s %s", "%s emission factor: %s → %s %s"), name,
                     txt(b, "value"), txt(a, "value"), unit);
}

/* A base period setting: "设定碳基准：2020—2022 年平均（原因：合并后重设）". */
static char *
describe_base(const struct words *w, const struct row *b, const struct row *a)
{
    const struct row *any = a->n > 0 ? a : b;
    struct wb_base base = {0};
    const char *reason = txt(any, "reason");
    char *spec = num(any, "kind") == BASE_MOVING ? xasprintf("moving:%.0f", num(any, "moving_n"))
                                                 : xstrdup(txt(any, "years"));
    char *words = NULL, *why = NULL, *out;

    words = plan_base_parse(spec, w->lang, &base, &why) == ERR_OK ? plan_base_words(&base, w->lang)
                                                                  : xstrdup(spec);
    free(why);
    free(spec);
    if (*reason != '\0')
        out = xasprintf(W(w, "%s碳基准：%s（原因：%s）", "%s the base period: %s (reason: %s)"),
                        a->n > 0 ? W(w, "设定", "Set") : W(w, "删除", "Removed"), words, reason);
    else
        out = xasprintf(W(w, "%s碳基准：%s", "%s the base period: %s"),
                        a->n > 0 ? W(w, "设定", "Set") : W(w, "删除", "Removed"), words);
    free(words);
    return out;
}

/* A target in words: "单位建筑面积碳排放量 2025 年下降 10%". */
static char *
target_words(const struct words *w, const struct row *r)
{
    int p = plan_param_find(txt(r, "parameter"));
    const char *label = p >= 0 ? plan_param_label((enum plan_param)p, w->lang) : txt(r, "parameter");
    int kind = (int)num(r, "kind");

    if (kind == TARGET_CAP)
        return xasprintf(W(w, "%s %.0f 年不超过 %s%%", "%s %.0f: at most %s%%"), label,
                         num(r, "target_year"), txt(r, "value"));
    return xasprintf(W(w, "%s %.0f 年%s %s%%", "%s %.0f: %s %s%%"), label, num(r, "target_year"),
                     kind == TARGET_RATE ? W(w, "每年下降", "down a year by")
                                         : W(w, "下降", "down by"),
                     txt(r, "value"));
}

static char *
describe_plan_row(const struct words *w, int t, const struct row *b, const struct row *a)
{
    const char *verb = b->n == 0 ? W(w, "添加", "Added") : a->n == 0 ? W(w, "删除", "Deleted")
                                                                    : W(w, "修改", "Changed");
    char *what, *out;

    if (t == T_TARGET) {
        what = target_words(w, a->n > 0 ? a : b);
        out = xasprintf(W(w, "%s目标：%s", "%s a target: %s"), verb, what);
    } else {
        what = xstrdup(txt(a->n > 0 ? a : b, "name"));
        out = xasprintf(W(w, "%s措施：%s", "%s a measure: %s"), verb, what);
    }
    free(what);
    return out;
}

/* An assessor's entry set, changed or cleared: "评分 零碳机关 2.2.1：3（张三）". */
static char *
describe_assessment(const struct words *w, const struct row *b, const struct row *a)
{
    const struct row *r = a->n > 0 ? a : b;
    const char *eval = strcmp(txt(r, "eval"), "zc") == 0 ? W(w, "零碳机关评价", "zero-carbon evaluation")
                                                         : W(w, "成熟度评价", "maturity evaluation");
    const char *who = txt(r, "assessor");

    if (a->n == 0)
        return xasprintf(W(w, "清除%s %s", "Cleared %s %s"), eval, txt(r, "code"));
    return xasprintf(W(w, "%s %s：%s%s%s%s%s%s", "%s %s: %s%s%s%s%s%s"), eval, txt(r, "code"),
                     b->n > 0 ? (txt(b, "value")[0] != '\0' ? txt(b, "value") : "—") : "",
                     b->n > 0 ? " → " : "",
                     txt(r, "value")[0] != '\0' ? txt(r, "value") : "—",
                     *who ? W(w, "（", " (") : "", who, *who ? W(w, "）", ")") : "");
}

/* An offset, a renewable row or a text of the 碳中和计划 added, changed or deleted. */
static char *
describe_claim(const struct words *w, int t, const struct row *b, const struct row *a)
{
    const char *verb = b->n == 0 ? W(w, "添加", "Added") : a->n == 0 ? W(w, "删除", "Deleted")
                                                                    : W(w, "修改", "Changed");
    const struct row *r = a->n > 0 ? a : b;
    int k;

    if (t == T_OFFSET) {
        k = neutral_type_find(txt(r, "type"));
        return xasprintf(W(w, "%s碳抵消：%s %s %s tCO₂e（%.0f 年）",
                           "%s an offset: %s %s %s tCO₂e (%.0f)"), verb,
                         k >= 0 ? neutral_type_label((enum offset_type)k, w->lang) : txt(r, "type"),
                         txt(r, "serial"), txt(r, "quantity_tco2e"), num(r, "year"));
    }
    if (t == T_RENEWABLE) {
        k = neutral_renew_find(txt(r, "kind"));
        return xasprintf(W(w, "%s可再生能源：%s %s %s", "%s renewable energy: %s %s %s"), verb,
                         k >= 0 ? neutral_renew_label((enum renew_kind)k, w->lang) : txt(r, "kind"),
                         txt(r, "period"), txt(r, "quantity"));
    }
    return xasprintf(W(w, "%s碳中和计划：%s", "%s the carbon-neutrality plan: %s"), verb,
                     plan_text_label(txt(r, "key"), w->lang));
}

static char *
describe_fact(const struct words *w, const struct store_fact *f)
{
    const struct row b = {f->before, f->nbefore}, a = {f->after, f->nafter};

    switch (table_of(f->tbl)) {
    case T_UNIT_INFO:
    case T_YEAR_INFO:
        return describe_info(w, f);
    case T_YEARS:
        return describe_year(w, f);
    case T_INVENTORY:
        return describe_inventory(w, &b, &a);
    case T_ACTIVITY:
        return describe_activity(w, f, &b, &a);
    case T_FACTORS:
        return describe_factor(w, &b, &a);
    case T_BASE:
        return describe_base(w, &b, &a);
    case T_TARGET:
    case T_MEASURE:
        return describe_plan_row(w, table_of(f->tbl), &b, &a);
    case T_OFFSET:
    case T_RENEWABLE:
    case T_NEUTRAL_TEXT:
        return describe_claim(w, table_of(f->tbl), &b, &a);
    case T_ASSESSMENT:
        return describe_assessment(w, &b, &a);
    default:
        return xasprintf("%s %s", f->tbl, f->row);
    }
}

/* Whether two activity row summaries ("12/2024-03") name the same entry. */
static int
same_entry(const char *row_a, const char *row_b)
{
    size_t la = strcspn(row_a, "/"), lb = strcspn(row_b, "/");

    return la == lb && strncmp(row_a, row_b, la) == 0;
}

/* What a mixed action did, counted: "批量修改：年度 2 个、排放源 40 个、活动数据 480 条". */
static char *
describe_counts(const struct words *w, const size_t cnt[T__COUNT], size_t new_years)
{
    const struct {
        const char *what, *unit, *one, *many;
        size_t n;
    } parts[] = {
        {"年度", "个", "year", "years", new_years},
        {"年度设置", "项", "year setting", "year settings", cnt[T_YEARS] - new_years},
        {"基本信息", "项", "basic information item", "basic information items",
         cnt[T_UNIT_INFO] + cnt[T_YEAR_INFO]},
        {"排放源", "个", "source", "sources", cnt[T_INVENTORY]},
        {"活动数据", "条", "value", "values", cnt[T_ACTIVITY]},
        /* a new year's factors are implied */
        {"排放因子", "个", "factor", "factors", new_years > 0 ? 0 : cnt[T_FACTORS]},
        {"碳基准", "项", "base period", "base periods", cnt[T_BASE]},
        {"目标", "个", "target", "targets", cnt[T_TARGET]},
        {"措施", "项", "measure", "measures", cnt[T_MEASURE]},
        {"碳抵消", "条", "offset", "offsets", cnt[T_OFFSET]},
        {"可再生能源", "条", "renewable row", "renewable rows", cnt[T_RENEWABLE]},
        {"碳中和计划", "项", "plan text", "plan texts", cnt[T_NEUTRAL_TEXT]},
        {"评价记录", "项", "assessment", "assessments", cnt[T_ASSESSMENT]},
    };
    const char *head = W(w, "批量修改：", "Batch change: ");
    struct strbuf sb = {0};
    size_t i;

    sb_append(&sb, head);
    for (i = 0; i < nitems(parts); i++) {
        const char *sep = sb.len > strlen(head) ? W(w, "、", ", ") : "";

        if (parts[i].n == 0)
            continue;
        if (w->lang == LANG_EN)
            sb_printf(&sb, "%s%zu %s", sep, parts[i].n,
                      plural(parts[i].n, parts[i].one, parts[i].many));
        else
            sb_printf(&sb, "%s%s %zu %s", sep, parts[i].what, parts[i].n, parts[i].unit);
    }
    return sb_take(&sb);
}

char *
history_describe(const struct store_action *a, const struct form_set *fs,
                 const struct factor_lib *lib, enum lang lang)
{
    const struct words wd = {fs, lib, lang}, *w = &wd;
    size_t cnt[T__COUNT] = {0}, i, n = a->n, new_years = 0, ents = 0, acts = 0, ent = n, year = n;
    int one_entry = 1, t;
    char *first, *out, *name;

    if (n == 0)
        return xstrdup(W(w, "空修改", "Empty change"));  /* its log rows went behind tanbook's back */
    for (i = 0; i < n; i++) {
        const struct store_fact *f = &a->facts[i];

        if ((t = table_of(f->tbl)) < 0)
            continue;
        cnt[t]++;
        if (t == T_YEARS) {
            year = year < n ? year : i;
            new_years += f->nbefore == 0;
        } else if (t == T_INVENTORY && f->nafter == 0 && ents++ == 0) {
            ent = i;
        } else if (t == T_ACTIVITY && f->nafter == 0) {
            acts++;
            one_entry = one_entry && same_entry(f->row, a->facts[0].row);
        }
    }
    /* a new year, a new grid area or GWP set: with the factors pinned for it */
    if (n == 1 || (year < n && new_years <= 1 && cnt[T_YEARS] + cnt[T_FACTORS] == n))
        return describe_fact(w, &a->facts[year < n ? year : 0]);
    if (new_years > 1 && cnt[T_YEARS] + cnt[T_FACTORS] == n)
        return xasprintf(W(w, "添加 %zu 个年度", "Added %zu years"), new_years);
    if (ents == 1 && ents + acts == n) {
        /* one source deleted with its values (n > 1: there are some) */
        if (w->lang == LANG_EN) {
            const struct store_fact *f = &a->facts[ent];
            const struct row b = {f->before, f->nbefore};

            name = entry_name(w, txt(&b, "source"), txt(&b, "facility"));
            out = xasprintf("Deleted %s and its %zu %s", name, acts,
                            plural(acts, "value", "values"));
            free(name);
            return out;
        }
        first = describe_fact(w, &a->facts[ent]);
        out = xasprintf("%s及其 %zu 条活动数据", first, acts);
        free(first);
        return out;
    }
    if (ents > 1 && ents + acts == n && w->lang == LANG_EN)
        return xasprintf("Deleted %zu sources and their %zu %s", ents, acts,
                         plural(acts, "value", "values"));
    if (ents > 1 && ents + acts == n)
        return xasprintf("删除 %zu 个排放源及其 %zu 条活动数据", ents, acts);
    if (acts == n && one_entry) {
        const struct row any = {a->facts[0].before, a->facts[0].nbefore};

        name = activity_entry(w, &a->facts[0], &any);
        if (w->lang == LANG_EN)
            out = xasprintf("Deleted %zu values of %s", acts, name);
        else
            out = xasprintf("删除 %s 的 %zu 条活动数据", name, acts);
        free(name);
        return out;
    }
    if (acts == n)
        return xasprintf(W(w, "删除 %zu 条活动数据", "Deleted %zu values"), acts);
    return describe_counts(w, cnt, new_years);
}

/* What each program that writes a workbook is called (store_set_origin's words). */
static const struct {
    const char *program, *zh, *en;
} programs[] = {
    {"tui", "另一个工作簿窗口", "another workbook window"},
    {"import", "命令行导入", "a command-line import"},
    {"set", "命令行 tanbook set", "tanbook set"},
    {"new", "命令行 tanbook new", "tanbook new"},
    {"demo", "命令行 tanbook demo", "tanbook demo"},
};

const char *
history_program(const struct store_origin *o, enum lang lang)
{
    size_t i;

    if (o->own)
        return lang == LANG_EN ? "this window" : "本窗口";
    for (i = 0; o->program != NULL && i < nitems(programs); i++)
        if (strcmp(o->program, programs[i].program) == 0)
            return lang == LANG_EN ? programs[i].en : programs[i].zh;
    return lang == LANG_EN ? "another program" : "另一程序";
}

char *
history_origin(const struct store_origin *o, time_t now, enum lang lang)
{
    const char *who = history_program(o, lang);
    struct tm at = {0}, today;
    char when[32];
    time_t t;

    if (o->at == NULL || sscanf(o->at, "%d-%d-%dT%d:%d", &at.tm_year, &at.tm_mon, &at.tm_mday,
                                &at.tm_hour, &at.tm_min) != 5)
        return xstrdup(who);
    at.tm_year -= 1900;
    at.tm_mon -= 1;
    t = timegm(&at);                       /* the log says UTC; the screen, local time */
    localtime_r(&t, &at);
    localtime_r(&now, &today);
    strftime(when, sizeof(when), at.tm_year == today.tm_year && at.tm_yday == today.tm_yday
                                     ? "%H:%M" : "%Y-%m-%d %H:%M", &at);
    return xasprintf(lang == LANG_EN ? "%s (%s)" : "%s（%s）", who, when);
}

char *
history_conflict(const struct store_origin *by, int redo, time_t now, enum lang lang)
{
    const char *verb = lang == LANG_EN ? (redo ? "redo" : "undo") : (redo ? "重做" : "撤销");
    char *who, *out;

    if (by->action == 0)
        return lang == LANG_EN ? xasprintf("Cannot %s: the data were changed since by something "
                                           "other than tanbook", verb)
                               : xasprintf("无法%s：该修改之后数据已被其他操作改动", verb);
    who = history_origin(by, now, lang);
    out = lang == LANG_EN ? xasprintf("Cannot %s: %s changed the same data since", verb, who)
                          : xasprintf("无法%s：该修改之后，%s又改动了这些数据", verb, who);
    free(who);
    return out;
}
