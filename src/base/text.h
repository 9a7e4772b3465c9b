/* text.h - small UTF-8 text helpers: trimming, and numbers as people type them. */
#ifndef TANBOOK_TEXT_H
#define TANBOOK_TEXT_H

#include <stddef.h>

#include "base/err.h"

/* A copy of s without leading and trailing ASCII blanks and U+3000 (ideographic space); caller frees. */
char *text_trim(const char *s);
/* Whether s is empty or blank after trimming. */
int text_is_blank(const char *s);
/* ASCII case-insensitive equality after trimming both sides. */
int text_eq(const char *a, const char *b);
/* Whether s is valid UTF-8 (no overlongs, no surrogates). */
int text_valid_utf8(const char *s, size_t len);
/* Number of Unicode code points in the UTF-8 string s. */
size_t text_chars(const char *s);

/*
 * Parses a number as typed: ASCII or full-width digits (０-９), '.', '。' or '．' as the decimal
 * point, an optional sign (including full-width '－'/'＋'), ',' or '，' as thousands separators
 * between groups of three digits, an exponent (1e3), and blanks around it. NaN, infinity and
 * anything else are refused: returns ERR_INPUT and sets *cause (caller frees).
 */
enum err text_parse_number(const char *s, double *out, char **cause);

/*
 * Formats v with at most `decimals` decimals, trailing zeros dropped ("12.5", "3"); with
 * TEXT_DIGITS, with its 15 significant digits ("0.000123", "2450000"). Never in scientific
 * notation: 2450000 is "2450000", not "2.45e+06".
 */
#define TEXT_DIGITS (-1)
void text_format_number(double v, int decimals, char *buf, size_t size);

#endif
