/* app.h - the application context: created in main(), passed down, never global. */
#ifndef TANBOOK_APP_H
#define TANBOOK_APP_H

#include "factors.h"
#include "forms.h"

#define TANBOOK_VERSION "0.2.0"

struct app {
    struct factor_lib *lib;   /* built-in factor library */
    struct form_set *forms;   /* built-in Appendix A definitions */
    enum lang lang;
};

#endif
