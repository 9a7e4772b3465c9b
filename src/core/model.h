/*
 * model.h - one reporting year of a workbook in memory, as storage loads it: A.1 values, the A.3
 * inventory with each entry's A.5 activity rows, and the A.6 pinned factors. Neutral: no SQL, no
 * curses, no xlsx. The engine, the checks, the CLI and the screens read it.
 */
#ifndef TANBOOK_MODEL_H
#define TANBOOK_MODEL_H

#include <stddef.h>

#include "data/factors.h"
#include "base/period.h"

struct wb_activity {
    long long id;
    struct period period;
    double quantity;          /* as entered, in unit; 0 when na */
    int na;                   /* 不适用: the source does not run in this period (counts as zero) */
    char *unit;               /* unit symbol as stored (canonical) */
    char *data_source;        /* 数据来源, "" when none */
    char *note;
};

struct wb_entry {             /* one row of A.3 and its A.5 data */
    long long id;
    char *source_id;          /* factor library id */
    const struct source_def *src; /* NULL when the library no longer knows source_id */
    char *facility;           /* 排放设施名称, "" when none */
    char *location;
    char *note;
    struct wb_activity *acts; /* ordered by period */
    size_t nacts;
};

struct wb_info {
    char *key;                /* a field key of form A.1 */
    char *value;
};

struct wb_year {
    int year;
    char *grid_area;          /* electricity factor area: "全国", "华东", "浙江" */
    char *gwp_set;            /* "AR6" */
    struct wb_info *info;     /* unit-wide and this year's A.1 values */
    size_t ninfo;
    struct wb_entry *entries; /* in A.3 order */
    size_t nentries;
    struct factor_pin *pins;  /* one per library source, pinned when the year was created */
    size_t npins;
};

/* How a period marked 不适用 is shown: in the sheet, the export and the import's CSV. */
#define MODEL_NA_TEXT "/"

/* Whether text, as typed, marks a period 不适用: "/", "／", "不适用" or "n/a" (any case), trimmed. */
int model_is_na(const char *text);
/* The A.1 value for key, or NULL when unset. */
const char *model_info(const struct wb_year *y, const char *key);
/* The pinned factor for a source id, or NULL. */
const struct factor_pin *model_pin(const struct wb_year *y, const char *source_id);
/*
 * Sets entry entry_id's A.5 value of period p in y as the store's activity_put leaves it: a new
 * row goes in period order, an existing one is replaced; na stores quantity 0. The row's id is
 * 0 (only the store reads ids). NULL data_source or note is "". 0 when y has no such entry.
 */
int model_act_put(struct wb_year *y, long long entry_id, const struct period *p, double quantity,
                  int na, const char *unit, const char *data_source, const char *note);
/* Takes entry entry_id's value of period p out of y; 0 when y has no such entry. */
int model_act_delete(struct wb_year *y, long long entry_id, const struct period *p);
/* Frees everything y owns and zeroes it. */
void model_free(struct wb_year *y);

#endif
