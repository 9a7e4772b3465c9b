/* units.h - the units bills are written in, their dimensions, and exact conversion between them. */
#ifndef TANBOOK_UNITS_H
#define TANBOOK_UNITS_H

#include <stddef.h>

#include "base/err.h"

enum unit_dim {
    DIM_ENERGY,  /* base MJ: kWh, MWh, 万kWh, GJ, MJ */
    DIM_VOLUME,  /* base m³: m³, 万m³, L */
    DIM_MASS,    /* base kg: t, kg */
};

struct unit_def {
    const char *sym;      /* canonical symbol as shown: "kWh", "万m³", "t" */
    enum unit_dim dim;
    double to_base;       /* one of this unit in the dimension's base unit */
    const char *aliases;  /* '|'-separated other spellings accepted on input */
};

/* The unit whose symbol or alias is name (ASCII case-insensitive, surrounding blanks ignored), or NULL. */
const struct unit_def *units_find(const char *name);
/*
 * The symbol as a screen in English shows it ("万m³" → "10⁴m³", "人" → "persons"); sym itself
 * when in_english is 0 or it reads the same in English. Display only: what is stored stays sym.
 */
const char *units_label(const char *sym, int in_english);
/*
 * A unit text with "/" ("tCO₂/万m³", "tCO₂e/人") as an English screen shows it: each part as
 * units_label gives it, a part after "/" in the singular ("tCO₂e/person"). Written into buf
 * (cut to size); returns buf.
 */
char *units_text(const char *text, int in_english, char *buf, size_t size);
/* The dimension's name in Chinese ("能量", "体积", "质量"). */
const char *units_dim_name(enum unit_dim dim);
/*
 * Converts q from unit `from` to unit `to`. Volume and mass convert into each other only with a
 * density in kg/L (density <= 0 means none). Returns ERR_INPUT with *cause set (caller frees) when
 * the dimensions differ and no density bridges them.
 */
enum err units_convert(double q, const struct unit_def *from, const struct unit_def *to,
                       double density, double *out, char **cause);
/* The whole unit table, for listing; *n receives its size. */
const struct unit_def *units_all(size_t *n);

#endif
