/*
 * uscc.h - the 统一社会信用代码 (unified social credit code) of GB 32100—2015: 18 characters from
 * the code's own 31-character set (digits and capital letters without I, O, S, V, Z), the 6-digit
 * administrative division at positions 3–8, and the check character at position 18. With the unit
 * name it identifies a unit across workbooks and years.
 */
#ifndef TANBOOK_USCC_H
#define TANBOOK_USCC_H

/* What is wrong with a code, in the order uscc_check looks. */
enum uscc_error {
    USCC_OK,
    USCC_LENGTH,        /* not 18 characters */
    USCC_CHARACTER,     /* a character outside the code's set (I, O, S, V, Z, lower case, ...) */
    USCC_DIVISION,      /* positions 3–8 are not six digits */
    USCC_CHECK,         /* position 18 is not the check character the first 17 give */
};

/*
 * Checks code (NUL-terminated, taken as it is: no trimming, no case folding). When the first 17
 * characters are well formed and want is not NULL, *want is set to the check character they give,
 * so a message can say what the 18th should be.
 */
enum uscc_error uscc_check(const char *code, char *want);
/* The value of c in the code's character set (0–30), or -1 when the code does not use c. */
int uscc_value(char c);

#endif
