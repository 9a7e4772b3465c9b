/*
 * check_internal.h - what check.c shares with check_review.c (the reviewer's checks) and no
 * one else: adding a finding said in both languages, and numbers as the messages show them.
 */
#ifndef TANBOOK_CHECK_INTERNAL_H
#define TANBOOK_CHECK_INTERNAL_H

#include <stddef.h>

#include "core/check.h"

/* Adds a finding of code at `at` (NULL: the form as a whole); takes over zh and en. */
void check_add(struct check_report *rep, enum check_code code, const struct check_where *at,
               char *zh, char *en);

/* A number as a message shows it, never with an exponent ("2450000", not "2.45e+06"). */
struct check_num {
    char s[64];
};
struct check_num check_num(double v, int decimals);
/* Every significant digit of v, as a string living to the end of the full expression. */
#define CHECK_N(v) (check_num((v), TEXT_DIGITS).s)

/* The A.4 figures the checks read of a year computed (the engine's, as its report holds them). */
struct check_figures {
    int has_area;
    double building_area_m2;
    double intensity_kgco2e_per_m2;
};

/* Appends copies of the findings of `from` to rep. */
void check_copy_items(struct check_report *rep, const struct check_report *from);

/*
 * The reviewer's checks of y (check.h): the intensity from fig (NULL when the year cannot be
 * computed), unit slips of 10⁴, and the changes against prev (NULL when none).
 */
void check_review(const struct form_set *fs, const struct wb_year *y, const struct wb_year *prev,
                  const struct check_figures *fig, struct check_report *rep);

/*
 * What check_review_memo keeps of one computation for the next (all zero: nothing yet): the
 * entries by source of y and prev, each entry's unit-slip findings, and each source's months
 * spread over the year in y and in prev.
 */
struct check_spread;
struct check_review_memo {
    int built;
    struct check_keys *ks, *pks;
    struct check_report *scale;   /* ks_n of them: one per entry of y */
    size_t ks_n;
    char *slip;                   /* whether entry i's unit slip was flagged */
    struct check_spread *spreads;
    size_t nspreads, cap;
};
/*
 * check_review with rm: dirty (y->nentries flags) marks the entries whose A.5 values changed
 * since rm was taken, nothing else of y or prev having changed; dirty NULL (or rm not built)
 * computes everything afresh. The findings are check_review's, in its order.
 */
void check_review_memo(const struct form_set *fs, const struct wb_year *y,
                       const struct wb_year *prev, const struct check_figures *fig,
                       struct check_review_memo *rm, const unsigned char *dirty,
                       struct check_report *rep);
void check_review_memo_free(struct check_review_memo *rm);

/*
 * The entries of a year sorted by source id, then facility, then position, so that the rules
 * "once per source" and "the same source and facility the year before" cost n log n, not n².
 */
struct check_key {
    const char *source_id, *facility;
    size_t i;               /* the entry's index in the year */
};
struct check_keys {
    struct check_key *k;
    size_t n;
};
/* y's entries, sorted; free with check_keys_free. */
void check_keys_build(const struct wb_year *y, struct check_keys *ks);
void check_keys_free(struct check_keys *ks);
/* The range [*lo, *hi) of ks with source id source_id (empty when none). */
void check_keys_source(const struct check_keys *ks, const char *source_id, size_t *lo, size_t *hi);
/* The first entry (in the year's order) of source_id at facility, or NULL when none. */
const struct check_key *check_keys_find(const struct check_keys *ks, const char *source_id,
                                        const char *facility);
/*
 * first[i] for every entry i of the year of ks: 1 when it is the first entry of its source (in
 * the year's order). first must hold ks->n chars.
 */
void check_keys_first(const struct check_keys *ks, char *first);

#endif
