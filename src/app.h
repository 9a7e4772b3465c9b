/* app.h - the application context: created in main(), passed down, never global. */
#ifndef TANBOOK_APP_H
#define TANBOOK_APP_H

#include "data/factors.h"
#include "data/forms.h"
#include "data/maturity_defs.h"
#include "data/measures.h"
#include "data/zc.h"
#include "version.h"      /* TANBOOK_VERSION, generated from CHANGELOG.md */

struct app {
    struct factor_lib *lib;   /* built-in factor library */
    struct form_set *forms;   /* built-in Appendix A definitions */
    struct measure_lib *measures; /* built-in 003 表C.1 reduction measures (a measures plan's picks) */
    struct zc_defs *zc;       /* built-in 零碳机关 indicator table (000 §6) */
    struct maturity_defs *maturity;   /* built-in maturity tables (002 Appendix A) */
    enum lang lang;
    long long session;        /* this run's id, recorded with each edit it makes (edit_action) */
    const char *program;      /* what is running, recorded with them: "tui", or the command */
};

#endif
