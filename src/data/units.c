/* units.c - the unit table and conversions. Factors are exact: 1 kWh = 3.6 MJ, 1 万 = 10⁴, 1 L = 10⁻³ m³. */
#include "data/units.h"

#include <stdio.h>
#include <string.h>

#include "base/xmem.h"

static const struct unit_def unit_table[] = {
    {.sym = "kWh", .dim = DIM_ENERGY, .to_base = 3.6, .aliases = "kW·h|kW.h|度|千瓦时"},
    {.sym = "MWh", .dim = DIM_ENERGY, .to_base = 3600.0, .aliases = "MW·h|兆瓦时|千千瓦时"},
    {.sym = "万kWh", .dim = DIM_ENERGY, .to_base = 36000.0, .aliases = "万kW·h|万度|万千瓦时|10^4kWh|10⁴kWh"},
    {.sym = "GJ", .dim = DIM_ENERGY, .to_base = 1000.0, .aliases = "吉焦|百万千焦"},
    {.sym = "MJ", .dim = DIM_ENERGY, .to_base = 1.0, .aliases = "兆焦|千千焦"},
    {.sym = "m³", .dim = DIM_VOLUME, .to_base = 1.0, .aliases = "m3|Nm3|Nm³|立方米|标准立方米|方"},
    {.sym = "万m³", .dim = DIM_VOLUME, .to_base = 10000.0,
     .aliases = "万m3|万Nm3|万Nm³|万立方米|万方|10^4m3|10^4Nm3|10⁴m³|10⁴Nm³"},
    {.sym = "L", .dim = DIM_VOLUME, .to_base = 0.001, .aliases = "升|公升"},
    {.sym = "t", .dim = DIM_MASS, .to_base = 1000.0, .aliases = "吨|公吨"},
    {.sym = "kg", .dim = DIM_MASS, .to_base = 1.0, .aliases = "千克|公斤"},
};

/*
 * How an English screen shows the standard's Chinese symbols: alone ("120 persons") and after a
 * "/" ("tCO₂e/person"). 10⁴kWh and 10⁴m³ are also accepted as input (the table's aliases). The
 * stored symbols stay as they are.
 */
static const struct {
    const char *sym, *alone, *per;
} english[] = {
    {"万kWh", "10⁴kWh", "10⁴kWh"},
    {"万m³", "10⁴m³", "10⁴m³"},
    {"人", "persons", "person"},
};

static const char *const dim_names[] = {
    [DIM_ENERGY] = "能量",
    [DIM_VOLUME] = "体积",
    [DIM_MASS] = "质量",
};

/* ch in ASCII lower case; any other byte as it is (what tolower does in the C and UTF-8 locales,
   without its call: a report looks up every row's unit several times). */
static int
lower(unsigned char ch)
{
    return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

/* ASCII case-insensitive equality of a[0..an) and b[0..bn). */
static int
same(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i;

    if (an != bn)
        return 0;
    for (i = 0; i < an; i++)
        if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
            return 0;
    return 1;
}

const struct unit_def *
units_find(const char *name)
{
    const char *s = name, *e, *a, *bar;
    size_t i;

    if (name == NULL)
        return NULL;
    while (*s == ' ' || *s == '\t')
        s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    if (e == s)
        return NULL;
    /* the symbols first: what the workbook stores, so nearly every call ends here (test_units
       checks that no alias of one unit is another's symbol, so the order does not change a result) */
    for (i = 0; i < nitems(unit_table); i++) {
        const char *sym = unit_table[i].sym;

        /* the first byte decides nearly every symbol: a report looks up every row's unit */
        if (lower((unsigned char)*s) == lower((unsigned char)*sym)
            && same(s, (size_t)(e - s), sym, strlen(sym)))
            return &unit_table[i];
    }
    for (i = 0; i < nitems(unit_table); i++) {
        for (a = unit_table[i].aliases; a != NULL && *a != '\0'; a = bar + 1) {
            bar = strchr(a, '|');
            if (bar == NULL)
                bar = a + strlen(a);
            if (same(s, (size_t)(e - s), a, (size_t)(bar - a)))
                return &unit_table[i];
            if (*bar == '\0')
                break;
        }
    }
    return NULL;
}

const char *
units_dim_name(enum unit_dim dim)
{
    if ((unsigned)dim >= nitems(dim_names))
        return "?";
    return dim_names[dim];
}

/* The English display of sym[0..n) (per: after a "/"), or NULL when it reads the same. */
static const char *
english_of(const char *sym, size_t n, int per)
{
    const struct unit_def *u;
    char one[64];
    size_t i;

    if (n >= sizeof(one))
        return NULL;
    memcpy(one, sym, n);
    one[n] = '\0';
    if ((u = units_find(one)) != NULL)
        sym = u->sym, n = strlen(u->sym);
    for (i = 0; i < nitems(english); i++)
        if (strlen(english[i].sym) == n && strncmp(english[i].sym, sym, n) == 0)
            return per ? english[i].per : english[i].alone;
    return NULL;
}

const char *
units_label(const char *sym, int in_english)
{
    const char *en;

    if (sym == NULL || !in_english || (en = english_of(sym, strlen(sym), 0)) == NULL)
        return sym;
    return en;
}

char *
units_text(const char *text, int in_english, char *buf, size_t size)
{
    const char *s = text != NULL ? text : "", *slash, *en;
    size_t len = 0, n;
    int per = 0, w;

    if (size == 0)
        return buf;
    buf[0] = '\0';
    for (;;) {
        slash = strchr(s, '/');
        n = slash != NULL ? (size_t)(slash - s) : strlen(s);
        en = in_english ? english_of(s, n, per) : NULL;
        w = en != NULL ? snprintf(buf + len, size - len, "%s%s", per ? "/" : "", en)
                       : snprintf(buf + len, size - len, "%s%.*s", per ? "/" : "", (int)n, s);
        if (w < 0 || (size_t)w >= size - len)
            break;                          /* cut: what fits stays */
        len += (size_t)w;
        if (slash == NULL)
            break;
        s = slash + 1;
        per = 1;
    }
    return buf;
}

enum err
units_convert(double q, const struct unit_def *from, const struct unit_def *to, double density,
              double *out, char **cause)
{
    double base = q * from->to_base;

    if (from->dim == to->dim) {
        *out = base / to->to_base;
        return ERR_OK;
    }
    if (density > 0 && from->dim == DIM_VOLUME && to->dim == DIM_MASS) {
        *out = base * 1000.0 * density / to->to_base;    /* m³ → L → kg */
        return ERR_OK;
    }
    if (density > 0 && from->dim == DIM_MASS && to->dim == DIM_VOLUME) {
        *out = base / density / 1000.0 / to->to_base;    /* kg → L → m³ */
        return ERR_OK;
    }
    if (cause != NULL) {
        if ((from->dim == DIM_VOLUME || from->dim == DIM_MASS)
            && (to->dim == DIM_VOLUME || to->dim == DIM_MASS))
            *cause = xasprintf("单位 %s 是%s，需要%s单位（如 %s）；未设定密度，无法换算",
                               from->sym, units_dim_name(from->dim), units_dim_name(to->dim), to->sym);
        else
            *cause = xasprintf("单位 %s 是%s单位，此排放源需要%s单位（如 %s）",
                               from->sym, units_dim_name(from->dim), units_dim_name(to->dim), to->sym);
    }
    return ERR_INPUT;
}

const struct unit_def *
units_all(size_t *n)
{
    *n = nitems(unit_table);
    return unit_table;
}
