/*
 * neutral.c - the rules of 003 §7.3 for each offset, the market-based scope 2, the shares and
 * the judgement of §8.3 (definitions in neutral.h).
 */
#include "core/neutral.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/period.h"
#include "base/text.h"
#include "base/xmem.h"

#define TR(lang, zh, en) ((lang) == LANG_EN ? (en) : (zh))

/* 003 §7.3.1.3: a credit registered no earlier than 5 years before the neutrality statement. */
#define NEUTRAL_CREDIT_YEARS 5

static const struct {
    const char *id, *zh, *en, *aliases;
} types[OFFSET__COUNT] = {
    [OFFSET_CCER] = {"ccer", "CCER", "CCER", "核证自愿减排量|国家核证自愿减排量"},
    [OFFSET_SZ] = {"sz", "深圳碳普惠", "Shenzhen carbon inclusion", "深圳碳普惠核证减排量"},
    [OFFSET_GD] = {"gd", "广东碳普惠", "Guangdong carbon inclusion", "广东碳普惠核证减排量"},
    [OFFSET_CERT] = {"cert", "绿证", "Green certificate", "绿色电力证书|GEC"},
    [OFFSET_FOREST] = {"forest", "林业碳汇", "Forestry sink", "自主开发林业碳汇"},
    [OFFSET_OTHER] = {"other", "其他", "Other", ""},
};

static const struct {
    const char *id, *zh, *en, *aliases;
} renews[RENEW__COUNT] = {
    [RENEW_PV] = {"pv", "光伏发电（自用）", "PV used on site", "光伏|光伏发电|PV"},
    [RENEW_POWER] = {"power", "其他可再生电力（自用）", "Other renewable power used on site",
                     "其他可再生电力|风电"},
    [RENEW_HEAT] = {"heat", "可再生热力（太阳能热水、热泵）", "Renewable heat (solar, heat pumps)",
                    "可再生热力|太阳能热水|热泵"},
    [RENEW_GREEN] = {"green", "绿色电力交易（购入）", "Green power bought",
                     "绿电|绿色电力|绿色电力交易|绿电交易"},
};

const char *
neutral_type_id(enum offset_type t)
{
    return t < OFFSET__COUNT ? types[t].id : "?";
}

const char *
neutral_type_label(enum offset_type t, enum lang lang)
{
    return t < OFFSET__COUNT ? TR(lang, types[t].zh, types[t].en) : "?";
}

/* Whether name is one of the '|'-separated names of list (ASCII case ignored). */
static int
named(const char *list, const char *name)
{
    size_t n = strlen(name);
    const char *p = list;

    while (*p != '\0') {
        size_t k = strcspn(p, "|");

        if (k == n && strncasecmp(p, name, n) == 0)
            return 1;
        p += k + (p[k] == '|');
    }
    return 0;
}

int
neutral_type_find(const char *text)
{
    int i;

    for (i = 0; i < OFFSET__COUNT; i++)
        if (strcasecmp(text, types[i].id) == 0 || strcasecmp(text, types[i].zh) == 0
            || strcasecmp(text, types[i].en) == 0 || named(types[i].aliases, text))
            return i;
    return -1;
}

const char *
neutral_renew_id(enum renew_kind k)
{
    return k < RENEW__COUNT ? renews[k].id : "?";
}

const char *
neutral_renew_label(enum renew_kind k, enum lang lang)
{
    return k < RENEW__COUNT ? TR(lang, renews[k].zh, renews[k].en) : "?";
}

int
neutral_renew_find(const char *text)
{
    int i;

    for (i = 0; i < RENEW__COUNT; i++)
        if (strcasecmp(text, renews[i].id) == 0 || strcmp(text, renews[i].zh) == 0
            || strcasecmp(text, renews[i].en) == 0 || named(renews[i].aliases, text))
            return i;
    return -1;
}

static int
empty(const char *s)
{
    return s == NULL || *s == '\0';
}

/* The year of a date "YYYY-MM-DD"; 0 when it is none. */
static int
date_year(const char *s)
{
    int y = 0, i;

    if (empty(s) || strlen(s) < 4)
        return 0;
    for (i = 0; i < 4; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        y = y * 10 + (s[i] - '0');
    }
    return y;
}

int
neutral_date_ok(const char *s)
{
    static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d, i;

    if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    y = atoi(s);
    m = atoi(s + 5);
    d = atoi(s + 8);
    if (!period_year_ok(y) || m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return 0;
    return !(m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
}

static int
amount_ok(double v)
{
    return isfinite(v) && v >= 0 && v <= NEUTRAL_QUANTITY_MAX;
}

/*
 * The label in lang of the first of the texts (zh, en, value triples, NULL-ended) holding a
 * control character, or NULL.
 */
static const char *
controlled(const char *const *t, enum lang lang)
{
    size_t i;

    for (i = 0; t[i] != NULL; i += 3)
        if (t[i + 2] != NULL && text_control(t[i + 2]) != 0)
            return TR(lang, t[i], t[i + 1]);
    return NULL;
}

static enum err
bad_field(const char *zh, const char *en, enum lang lang, char **cause)
{
    *cause = xasprintf(TR(lang, "%s不正确", "%s is not valid"), TR(lang, zh, en));
    return ERR_INPUT;
}

enum err
neutral_offset_valid(const struct wb_offset *o, enum lang lang, char **cause)
{
    const char *const texts[] = {
        "项目", "The project", o->project, "编号", "The serial", o->serial,
        "注销证明", "The cancellation proof", o->proof, "登记机构", "The registry", o->registry,
        "地点", "The location", o->location, "树种", "The species", o->species,
        "计入期", "The crediting period", o->period, "公开信息", "The disclosure", o->disclosure,
        "佐证", "The evidence", o->ev.ref, "佐证文件", "The evidence file", o->ev.file,
        "备注", "The note", o->note, NULL};
    const char *which;

    if (!period_year_ok(o->year))
        return bad_field("抵销年度", "The year claimed", lang, cause);
    if ((unsigned)o->type >= OFFSET__COUNT)
        return bad_field("类型", "The type", lang, cause);
    if (!amount_ok(o->quantity_tco2e))
        return bad_field("数量（tCO₂e）", "The quantity (tCO₂e)", lang, cause);
    if (!amount_ok(o->quantity_mwh))
        return bad_field("绿证电量（MWh）", "The certificate's MWh", lang, cause);
    if (!amount_ok(o->area_ha))
        return bad_field("面积", "The area", lang, cause);
    if (!empty(o->registered) && !neutral_date_ok(o->registered))
        return bad_field("登记日期（YYYY-MM-DD）", "The registration date (YYYY-MM-DD)", lang, cause);
    if (!empty(o->cancelled) && !neutral_date_ok(o->cancelled))
        return bad_field("注销日期（YYYY-MM-DD）", "The cancellation date (YYYY-MM-DD)", lang, cause);
    if (o->vintage != 0 && !period_year_ok(o->vintage))
        return bad_field("年份", "The vintage", lang, cause);
    if (o->used_elsewhere != 0 && o->used_elsewhere != 1)
        return bad_field("已用于其他", "Used elsewhere", lang, cause);
    if ((which = controlled(texts, lang)) != NULL) {
        *cause = xasprintf(TR(lang, "%s含有控制字符", "%s holds a control character"), which);
        return ERR_INPUT;
    }
    return plan_evidence_valid(&o->ev, lang, cause);
}

enum err
neutral_renewable_valid(const struct wb_renewable *r, enum lang lang, char **cause)
{
    const char *const texts[] = {"佐证", "The evidence", r->ev.ref, "佐证文件", "The evidence file",
                                 r->ev.file, "备注", "The note", r->note, NULL};
    struct period p;
    char *why = NULL;
    const char *which;

    if (!period_year_ok(r->year))
        return bad_field("年度", "The year", lang, cause);
    if ((unsigned)r->kind >= RENEW__COUNT)
        return bad_field("类别", "The kind", lang, cause);
    if (r->period == NULL || period_parse(r->period, &p, &why) != ERR_OK || p.year != r->year
        || p.kind == PERIOD_QUARTER) {
        free(why);
        *cause = xasprintf(TR(lang, "期间须为 %d 年或其中一个月（如 %d-03）",
                              "the period must be %d or one of its months (%d-03)"),
                           r->year, r->year);
        return ERR_INPUT;
    }
    if (!amount_ok(r->quantity))
        return bad_field("数量", "The quantity", lang, cause);
    if (!amount_ok(r->capacity_kw))
        return bad_field("装机容量（kW）", "The capacity (kW)", lang, cause);
    if ((which = controlled(texts, lang)) != NULL) {
        *cause = xasprintf(TR(lang, "%s含有控制字符", "%s holds a control character"), which);
        return ERR_INPUT;
    }
    return plan_evidence_valid(&r->ev, lang, cause);
}

enum err
neutral_renewable_clash(const struct wb_plan *p, const struct wb_renewable *r, enum lang lang,
                        char **cause)
{
    int month = strchr(r->period, '-') != NULL;
    size_t i;

    for (i = 0; i < p->nrenewables; i++) {
        const struct wb_renewable *o = &p->renewables[i];

        if (o->id == r->id && r->id != 0)
            continue;
        if (o->year != r->year || o->kind != r->kind)
            continue;
        if (strcmp(o->period, r->period) == 0) {
            *cause = xasprintf(TR(lang, "%s %s 已有记录（第 %lld 条），请修改该记录",
                                  "%s %s is recorded already (row %lld): change that row"),
                               neutral_renew_label(r->kind, lang), r->period, o->id);
            return ERR_INPUT;
        }
        if ((strchr(o->period, '-') != NULL) != month) {
            *cause = xasprintf(TR(lang, "%s %d 年已按%s记录，不能再按%s记录（会重复计算）",
                                  "%s of %d is recorded by %s already: not by %s too (it would count twice)"),
                               neutral_renew_label(r->kind, lang), r->year,
                               month ? TR(lang, "全年", "the year") : TR(lang, "月", "month"),
                               month ? TR(lang, "月", "month") : TR(lang, "全年", "the year"));
            return ERR_INPUT;
        }
    }
    return ERR_OK;
}

/*
 * Why o does not count for year (in lang), or NULL when it does: each rule of 003 §7.3 in turn,
 * the first that fails named.
 */
static char *
ineligible(const struct wb_offset *o, int year, enum lang lang)
{
    int reg = date_year(o->registered);

    if (empty(o->ev.ref))
        return xstrdup(TR(lang, "没有佐证材料：无佐证的抵销不计入", "no evidence: an offset without evidence counts for nothing"));
    if (o->used_elsewhere)
        return xstrdup(TR(lang, "已用于其他组织或声明，不能重复使用（003 §7.3.2.3）",
                          "already used for another organisation or claim (003 §7.3.2.3)"));
    if (!(o->quantity_tco2e > 0) && !(o->type == OFFSET_CERT && o->quantity_mwh > 0))
        return xstrdup(TR(lang, "没有抵销量", "no quantity"));
    switch (o->type) {
    case OFFSET_OTHER:
        return xstrdup(TR(lang, "类型不在 003 §7.3.1.2 所列（深圳碳普惠、广东碳普惠、CCER）之内",
                          "its type is not one of 003 §7.3.1.2 (Shenzhen or Guangdong carbon inclusion, CCER)"));
    case OFFSET_CERT:
        if (o->vintage != year)
            return o->vintage == 0
                       ? xstrdup(TR(lang, "绿证没有生产年份：须与抵销年度一致（003 §7.3.1.4）",
                                    "the certificate has no production year: it must be the year offset (003 §7.3.1.4)"))
                       : xasprintf(TR(lang, "绿证的生产年份 %d 与抵销年度 %d 不一致（003 §7.3.1.4）",
                                      "the certificate was produced in %d, not in %d, the year offset (003 §7.3.1.4)"),
                                   o->vintage, year);
        break;
    case OFFSET_FOREST:
        if (empty(o->disclosure))
            return xstrdup(TR(lang, "林业碳汇项目的位置、树种、面积、碳汇量等未公开（003 §7.3.2.2）",
                              "the forestry project's location, species, area and sink are not public (003 §7.3.2.2)"));
        return NULL;
    default:
        if (reg == 0)
            return xstrdup(TR(lang, "没有登记日期", "no registration date"));
        if (reg < year - NEUTRAL_CREDIT_YEARS)
            return xasprintf(TR(lang, "%d 年登记，早于碳中和声明（%d 年）的前 %d 年（003 §7.3.1.3）",
                                "registered in %d, more than %d years before the statement (%d, 003 §7.3.1.3)"),
                             reg, lang == LANG_EN ? NEUTRAL_CREDIT_YEARS : year,
                             lang == LANG_EN ? year : NEUTRAL_CREDIT_YEARS);
        break;
    }
    if (empty(o->cancelled))
        return xstrdup(TR(lang, "尚未注销（003 §7.3.1.1：须在登记机构注销）",
                          "not cancelled (003 §7.3.1.1: it must be cancelled at its registry)"));
    if (empty(o->proof))
        return xstrdup(TR(lang, "没有注销证明（003 §7.3.1.1）", "no cancellation proof (003 §7.3.1.1)"));
    return NULL;
}

/* GB/T 2589 (当量值): 0.1229 kgce/kWh, 0.03412 kgce/MJ. */
#define NEUTRAL_KWH_COAL 0.1229
#define NEUTRAL_GJ_COAL 34.12

/* The pin's coal per unit `per` ("kWh", "GJ"), from its own unit (k: how many per of it). */
static double
pin_coal(const struct factor_pin *p, const char *per, const char *big, double k, double dflt)
{
    if (p == NULL || !(p->coal > 0) || p->coal_unit == NULL)
        return dflt;
    if (strcmp(p->coal_unit, per) == 0)
        return p->coal;
    if (strcmp(p->coal_unit, big) == 0)
        return p->coal / k;
    return dflt;
}

void
neutral_coal(const struct wb_year *y, double *kwh_coal, double *gj_coal)
{
    /* kWh: per kWh as it is, per MWh ÷ 1000; GJ: per GJ as it is, per MJ × 1000 */
    *kwh_coal = pin_coal(model_pin(y, "electricity"), "kWh", "MWh", 1000, NEUTRAL_KWH_COAL);
    *gj_coal = pin_coal(model_pin(y, "heat"), "GJ", "MJ", 0.001, NEUTRAL_GJ_COAL);
}

/*
 * Why offs[i] does not count when an offset entered before it (of any year) has its type and
 * serial: one reduction counts once; NULL when none has, or it has no serial.
 */
static char *
twice(const struct wb_offset *offs, size_t i, enum lang lang)
{
    size_t k;

    if (empty(offs[i].serial))
        return NULL;
    for (k = 0; k < i; k++)
        if (offs[k].type == offs[i].type && !empty(offs[k].serial)
            && strcmp(offs[k].serial, offs[i].serial) == 0)
            return xasprintf(TR(lang, "编号 %s 已在另一条抵销记录（%d 年）中，同一减排量只能计入一次",
                                "serial %s is in another offset already (%d): a reduction counts once"),
                             offs[i].serial, offs[k].year);
    return NULL;
}

static void
renewables(struct neutral *n, const struct wb_renewable *ren, size_t nren)
{
    size_t i;

    for (i = 0; i < nren; i++) {
        const struct wb_renewable *w = &ren[i];

        if (w->year != n->year || !(w->quantity >= 0) || !isfinite(w->quantity))
            continue;
        if (empty(w->ev.ref)) {
            n->no_evidence++;
            continue;
        }
        switch (w->kind) {
        case RENEW_PV:
            n->pv_kwh += w->quantity;
            if (w->capacity_kw > n->capacity_kw)
                n->capacity_kw = w->capacity_kw;
            break;
        case RENEW_POWER: n->power_kwh += w->quantity; break;
        case RENEW_HEAT: n->heat_gj += w->quantity; break;
        case RENEW_GREEN: n->green_kwh += w->quantity; break;
        default: break;
        }
    }
}

void
neutral_build(const struct report_year *r, const struct wb_offset *offs, size_t noffs,
              const struct wb_renewable *ren, size_t nren, double kwh_coal, double gj_coal,
              double residual, int residual_year, enum lang lang, struct neutral *n)
{
    const struct report_source *elec = report_source(r, "electricity");
    double other = 0, cert = 0, elec_t, uncovered_mwh, all_kwh, elec_f;
    size_t i;

    /* the year's electricity factor as A.4 applied it, tCO₂/MWh */
    elec_f = elec != NULL && elec->activity > 0 ? elec->tco2e / elec->activity : 0;
    memset(n, 0, sizeof *n);
    n->lang = lang;
    n->year = r->year;
    if (!r->ok) {
        n->why = xstrdup(r->why != NULL ? r->why : "");
        return;
    }
    n->ok = 1;
    n->scope1_tco2e = r->scope1_tco2e;
    n->scope2_tco2e = r->scope2_tco2e;
    n->emissions_tco2e = r->scope1_tco2e + r->scope2_tco2e;
    /* the factor's unit of purchased electricity is MWh (factors/sources.tsv) */
    n->electricity_kwh = elec != NULL ? elec->activity * 1000 : 0;
    renewables(n, ren, nren);
    n->offsets = xcalloc(noffs > 0 ? noffs : 1, sizeof *n->offsets);
    for (i = 0; i < noffs; i++) {
        struct neutral_offset *no;

        if (offs[i].year != n->year)
            continue;
        no = &n->offsets[n->noffsets++];
        no->o = &offs[i];
        no->worth_tco2e = offs[i].quantity_tco2e;
        no->mwh = offs[i].quantity_mwh;
        if (offs[i].type == OFFSET_CERT && elec_f > 0) {
            /* a certificate given in MWh only is worth its MWh at the year's A.4 factor; one
               given in tCO₂e only covers as many MWh at that factor */
            if (!(no->worth_tco2e > 0))
                no->worth_tco2e = no->mwh * elec_f;
            else if (!(no->mwh > 0))
                no->mwh = no->worth_tco2e / elec_f;
        }
        no->reason = ineligible(&offs[i], n->year, lang);
        if (no->reason == NULL)
            no->reason = twice(offs, i, lang);
        no->eligible = no->reason == NULL;
        if (!no->eligible)
            continue;
        if (offs[i].type == OFFSET_CERT) {
            cert += no->worth_tco2e;
            n->cert_mwh += no->mwh;
        } else {
            other += no->worth_tco2e;
        }
        no->counted_tco2e = no->worth_tco2e;
    }
    /* certificates against scope 2 only (003 §7.3.1.4): what is over it does not count */
    if (cert > n->scope2_tco2e) {
        double left = n->scope2_tco2e;

        for (i = 0; i < n->noffsets; i++) {
            struct neutral_offset *no = &n->offsets[i];

            if (!no->eligible || no->o->type != OFFSET_CERT)
                continue;
            no->counted_tco2e = no->worth_tco2e < left ? no->worth_tco2e : left;
            left -= no->counted_tco2e;
        }
        cert = n->scope2_tco2e;
    }
    n->eligible_tco2e = other + cert;
    n->achieved = n->emissions_tco2e <= n->eligible_tco2e;
    n->shortfall_tco2e = n->achieved ? 0 : n->emissions_tco2e - n->eligible_tco2e;
    if (n->emissions_tco2e > 0) {
        n->has_rate = 1;
        n->neutrality_rate_pct = n->eligible_tco2e / n->emissions_tco2e * 100;
    }
    /* market-based scope 2: heat as A.4; electricity not covered by green power at the residual */
    elec_t = elec != NULL ? elec->tco2e : 0;
    n->residual = residual;
    n->residual_year = residual_year;
    uncovered_mwh = n->electricity_kwh / 1000 - n->green_kwh / 1000 - n->cert_mwh;
    if (uncovered_mwh < 0)
        uncovered_mwh = 0;
    if (residual_year != 0)
        n->scope2_market_tco2e = (n->scope2_tco2e - elec_t) + uncovered_mwh * residual;
    else    /* no residual factor known: the uncovered part at the location-based factor */
        n->scope2_market_tco2e = (n->scope2_tco2e - elec_t)
                                 + (n->electricity_kwh > 0 ? elec_t * uncovered_mwh * 1000
                                                                 / n->electricity_kwh : 0);
    /* the shares */
    n->renewable_tce = ((n->pv_kwh + n->power_kwh) * kwh_coal + n->heat_gj * gj_coal) / 1000;
    n->energy_tce = r->energy_tce + n->renewable_tce;
    if (n->energy_tce > 0) {
        n->has_renewable_share = 1;
        n->renewable_share_pct = n->renewable_tce / n->energy_tce * 100;
    }
    all_kwh = n->electricity_kwh + n->pv_kwh + n->power_kwh;
    if (all_kwh > 0) {
        n->has_green_share = 1;
        n->green_power_share_pct = (n->pv_kwh + n->power_kwh + n->green_kwh) / all_kwh * 100;
    }
}

void
neutral_set_check(struct neutral *n, size_t nerrors)
{
    n->check_errors = nerrors;
    if (nerrors > 0)
        n->achieved = 0;
}

void
neutral_free(struct neutral *n)
{
    size_t i;

    for (i = 0; i < n->noffsets; i++)
        free(n->offsets[i].reason);
    free(n->offsets);
    free(n->why);
    memset(n, 0, sizeof *n);
}
