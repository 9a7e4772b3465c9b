/*
 * uscc.c - the check of GB 32100—2015 (法人和其他组织统一社会信用代码编码规则): each of the first 17
 * characters has the value of its place in the code's character set (0–9 are 0–9, A is 10 … Y is
 * 30, without I, O, S, V and Z), is weighted by W(i) = 3^(i−1) mod 31, and the check character's
 * value is C18 = 31 − (Σ C(i) × W(i) mod 31), written 0 when that is 31.
 */
#include "base/uscc.h"

#include <string.h>

#define USCC_LEN 18

/* The code's character set; a character's value is its index. */
static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

int
uscc_value(char c)
{
    const char *p = c != '\0' ? strchr(charset, c) : NULL;

    return p != NULL ? (int)(p - charset) : -1;
}

enum uscc_error
uscc_check(const char *code, char *want)
{
    int i, v, sum = 0, w = 1;

    if (code == NULL || strlen(code) != USCC_LEN)
        return USCC_LENGTH;
    for (i = 0; i < USCC_LEN; i++)
        if (uscc_value(code[i]) < 0)
            return USCC_CHARACTER;
    for (i = 2; i < 8; i++)
        if (code[i] < '0' || code[i] > '9')
            return USCC_DIVISION;
    for (i = 0; i < USCC_LEN - 1; i++) {
        v = uscc_value(code[i]);
        sum += v * w;
        w = w * 3 % 31;
    }
    v = (31 - sum % 31) % 31;
    if (want != NULL)
        *want = charset[v];
    return code[USCC_LEN - 1] == charset[v] ? USCC_OK : USCC_CHECK;
}
