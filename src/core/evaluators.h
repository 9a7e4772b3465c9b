/*
 * evaluators.h - the evaluators of an evaluation report as a list of {name, role, date}: the cover
 * data that 002 Appendix B.2 asks for (评价组组成及报告批准: 评价组组长 / 评价组组员 … 签名 日期) and
 * 000 §7.1.2 / §7.3.1 (the evaluation team, its members' roles). Stored as one text, the note of the
 * "#evaluators" entry; this module parses what is typed, writes the canonical text and reads back a
 * stored one (an older free text too). Pure: no SQL, no curses.
 *
 * The text: entries separated by a newline, ';' or '；'; the fields of an entry, in the order name,
 * role, date, by ',', '，', '|' or a tab. Name and role are required, the date is YYYY-MM-DD (a
 * real calendar date). The canonical text: "张三，组长，2026-11-30；李四，评审员，2026-12-01".
 */
#ifndef TANBOOK_EVALUATORS_H
#define TANBOOK_EVALUATORS_H

#include <stddef.h>

#include "base/err.h"
#include "data/forms.h"

struct evaluator {
    char *name;
    char *role;                 /* 角色（职务/职称）; "" when not known (an older text) */
    char *date;                 /* YYYY-MM-DD; "" when not known */
};

struct evaluators {
    struct evaluator *v;
    size_t n;
};

/*
 * Parses text into *out (empty entries skipped; "" gives none). ERR_INPUT with *cause (caller
 * frees; in lang, naming the entry and what is wrong) when an entry lacks its name, role or date,
 * has a date that is not a real YYYY-MM-DD, or has more than three fields; *out is then empty.
 * evaluators_free *out either way.
 */
enum err evaluators_parse(const char *text, enum lang lang, struct evaluators *out, char **cause);
/*
 * A stored text read for showing: as evaluators_parse when it parses; otherwise (a free text
 * written before the list) each entry whole as a name with an empty role and date. Never fails.
 */
void evaluators_read(const char *stored, struct evaluators *out);
/* The canonical text of ev (caller frees): what is stored; "" for none. */
char *evaluators_text(const struct evaluators *ev);
/* Whether s is a date YYYY-MM-DD that exists (leap years counted). */
int evaluators_date_ok(const char *s);
void evaluators_free(struct evaluators *ev);

#endif
