/*
 * check.h - completeness against Appendix A and anomalies in one reporting year, pure: the CLI's
 * `check` prints the findings, the TUI will mark its steps with them.
 */
#ifndef TANBOOK_CHECK_H
#define TANBOOK_CHECK_H

#include <stddef.h>

#include "data/forms.h"
#include "core/model.h"

enum check_level { CHECK_ERROR, CHECK_WARNING };

struct check_item {
    enum check_level level;
    const char *form_id;    /* "A.1" … "A.6", pointing into the form set */
    char *msg;
};

struct check_report {
    struct check_item *items;
    size_t n;
    size_t cap;
    size_t nerrors;
    size_t nwarnings;
};

/* A month is 异常波动 when it is this many times above, or below 1/this of, the other months' median. */
#define CHECK_SWING_RATIO 3.0

/*
 * Checks y: required A.1 fields (from forms), stored values that no longer validate, an empty
 * inventory, inventory rows without activity data, overlapping periods, missing months, pins
 * without a source text, cautions on factors, and months far off the others (异常波动).
 */
void check_year(const struct form_set *fs, const struct wb_year *y, struct check_report *rep);
void check_free(struct check_report *rep);

#endif
