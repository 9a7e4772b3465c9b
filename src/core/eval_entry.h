/*
 * eval_entry.h - what an assessor entered for one item of an evaluation (零碳机关, maturity), as
 * the pure scoring modules take it: a plain array filled by the book layer from the workbook.
 */
#ifndef TANBOOK_EVAL_ENTRY_H
#define TANBOOK_EVAL_ENTRY_H

struct eval_entry {            /* what the assessor entered for one item (src/core/evaluate.h) */
    const char *code;          /* "2.2.1", "A1.3.2", or a setting "@a1" */
    int has_value;
    double value;              /* points, a percentage, a reference value, a setting, per item */
    const char *note;          /* the evidence note (document reviewed, site check, interview) */
    const char *evidence;      /* the evidence reference; "" when none */
    const char *assessor;      /* who entered it; "" when unknown */
};

#endif
