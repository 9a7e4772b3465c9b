/*
 * check_internal.h - what check.c shares with check_review.c (the reviewer's checks) and no
 * one else: adding a finding said in both languages, and numbers as the messages show them.
 */
#ifndef TANBOOK_CHECK_INTERNAL_H
#define TANBOOK_CHECK_INTERNAL_H

#include "core/check.h"
#include "core/engine.h"

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

/*
 * The reviewer's checks of y (check.h): the intensity from res (NULL when the year cannot be
 * computed), unit slips of 10⁴, and the changes against prev (NULL when none).
 */
void check_review(const struct form_set *fs, const struct wb_year *y, const struct wb_year *prev,
                  const struct engine_result *res, struct check_report *rep);

#endif
