/* text.h - small UTF-8 text helpers: trimming, controls found or escaped, and numbers as people
   type them. */
#ifndef TANBOOK_TEXT_H
#define TANBOOK_TEXT_H

#include <stddef.h>

#include "base/err.h"

/* A copy of s without leading and trailing ASCII blanks and U+3000 (ideographic space); caller frees. */
char *text_trim(const char *s);
/* Whether s is empty or blank after trimming. */
int text_is_blank(const char *s);
/* Whether the n bytes at s are all ASCII digits (0-9). */
int text_is_digits(const char *s, size_t n);
/* ASCII case-insensitive equality after trimming both sides. */
int text_eq(const char *a, const char *b);
/* Whether s is valid UTF-8 (no overlongs, no surrogates). */
int text_valid_utf8(const char *s, size_t len);
/* Number of Unicode code points in the UTF-8 string s. */
size_t text_chars(const char *s);
/*
 * The length of the UTF-8 sequence at s (NUL-terminated), its code point in *cp; 0 when s does
 * not start one (a stray byte, an overlong, a surrogate, past U+10FFFF, cut short); the NUL
 * itself gives 1, with *cp 0.
 */
size_t text_utf8_next(const char *s, unsigned long *cp);
/* Whether the code point cp is a control character: C0 (U+0000-U+001F), DEL or C1 (U+0080-U+009F). */
int text_is_control(unsigned long cp);
/*
 * The first character of the valid UTF-8 string s that no field may hold, or 0 when there is
 * none: a C0 control (U+0000-U+001F, tab and newline too: every field is one line), DEL, a C1
 * control (U+0080-U+009F), or the noncharacters U+FFFE and U+FFFF (XML 1.0 allows none of them
 * but tab and newline, and a terminal acts on the controls).
 */
unsigned long text_control(const char *s);

/*
 * s made harmless for a terminal (caller frees): every control character - C0 (newline and tab
 * kept when keep_lines), DEL and C1 (U+0080-U+009F) - written as "\u" and four lowercase hex
 * digits, as JSON writes it ("\u001b" for ESC, "\u009b" for CSI), and every byte that is not
 * UTF-8 as "\x" and two ("\xff"). Everything else is copied as it is.
 */
char *text_escape_controls(const char *s, int keep_lines);

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
