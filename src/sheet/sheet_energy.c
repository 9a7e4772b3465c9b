/*
 * sheet_energy.c - 表A.2 用能情况, computed: each energy's consumption and standard coal, and the
 * total.
 */
#include "sheet/sheet.h"

#include <stdlib.h>

static void
build(const struct sheet_env *env, struct sheet *s)
{
    const struct report_year *rep = env->rep;
    size_t i;
    int r = 0, n = 0;

    for (i = 0; rep != NULL && i < rep->nsources; i++)
        n += rep->sources[i].is_energy;
    sheet_init(s, rep != NULL ? n + 1 : 0, 4, 0);
    sheet_head(s, 0, sheet_label(env, "energy_kind"), 26);
    sheet_head(s, 1, sheet_label(env, "consumption"), 16);
    sheet_head(s, 2, SHEET_TR(env, "单位", "Unit"), 8);   /* "10⁴kWh" */
    sheet_head(s, 3, sheet_label(env, "energy_tce"), 14);
    if (rep == NULL) {
        s->empty = xstrdup(env->rep_err != NULL ? env->rep_err : "");
        return;
    }
    for (i = 0; i < rep->nsources; i++) {
        const struct report_source *rs = &rep->sources[i];

        if (!rs->is_energy)
            continue;
        sheet_set(s, r, 0, xstrdup(rs->label), 0);
        sheet_set(s, r, 1, sheet_fixed(rs->quantity, 2), SHEET_NUM);
        sheet_set(s, r, 2, xstrdup(units_label(rs->unit, env->lang == LANG_EN)), SHEET_DIM);
        sheet_set(s, r, 3, sheet_fixed(rs->tce, 2), SHEET_NUM);
        r++;
    }
    sheet_set(s, r, 0, xstrdup(sheet_label(env, "total_tce")), 0);
    sheet_set(s, r, 3, sheet_fixed(rep->energy_tce, 2), SHEET_NUM);
}

const struct sheet_ops sheet_energy = {
    .name = "energy",
    .build = build,
};
