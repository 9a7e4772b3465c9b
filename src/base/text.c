/* text.c - UTF-8 helpers (controls found and escaped) and tolerant number parsing. */
#include "base/text.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xmem.h"

static const char ideo_space[] = "\xe3\x80\x80"; /* U+3000 */

static int
blank_at(const char *s, size_t *width)
{
    if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
        *width = 1;
        return 1;
    }
    if (strncmp(s, ideo_space, 3) == 0) {
        *width = 3;
        return 1;
    }
    return 0;
}

char *
text_trim(const char *s)
{
    size_t w, len;
    const char *end;

    while (blank_at(s, &w))
        s += w;
    len = strlen(s);
    end = s + len;
    for (;;) {
        if (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
            end--;
        else if (end - s >= 3 && memcmp(end - 3, ideo_space, 3) == 0)
            end -= 3;
        else
            break;
    }
    return xstrndup(s, (size_t)(end - s));
}

int
text_is_digits(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

int
text_is_blank(const char *s)
{
    char *t;
    int blank;

    if (s == NULL)
        return 1;
    t = text_trim(s);
    blank = t[0] == '\0';
    free(t);
    return blank;
}

int
text_eq(const char *a, const char *b)
{
    char *x = text_trim(a), *y = text_trim(b);
    size_t i;
    int eq = strlen(x) == strlen(y);

    for (i = 0; eq && x[i] != '\0'; i++)
        eq = tolower((unsigned char)x[i]) == tolower((unsigned char)y[i]);
    free(x);
    free(y);
    return eq;
}

int
text_valid_utf8(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, n, k;
    unsigned long cp;

    while (i < len) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        if (s[i] >= 0xc2 && s[i] <= 0xdf)
            n = 1, cp = s[i] & 0x1f;
        else if (s[i] >= 0xe0 && s[i] <= 0xef)
            n = 2, cp = s[i] & 0x0f;
        else if (s[i] >= 0xf0 && s[i] <= 0xf4)
            n = 3, cp = s[i] & 0x07;
        else
            return 0;
        for (k = 1; k <= n; k++) {
            if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff))
            || (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
        i += n + 1;
    }
    return 1;
}

size_t
text_chars(const char *s)
{
    size_t n = 0;

    for (; *s != '\0'; s++)
        if (((unsigned char)*s & 0xc0) != 0x80)
            n++;
    return n;
}

size_t
text_utf8_next(const char *str, unsigned long *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t n, k;

    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        n = 1, *cp = s[0] & 0x1f;
    else if (s[0] >= 0xe0 && s[0] <= 0xef)
        n = 2, *cp = s[0] & 0x0f;
    else if (s[0] >= 0xf0 && s[0] <= 0xf4)
        n = 3, *cp = s[0] & 0x07;
    else
        return 0;
    for (k = 1; k <= n; k++) {
        if ((s[k] & 0xc0) != 0x80)      /* also stops at the NUL */
            return 0;
        *cp = (*cp << 6) | (s[k] & 0x3f);
    }
    if ((n == 2 && *cp < 0x800) || (n == 3 && (*cp < 0x10000 || *cp > 0x10ffff))
        || (*cp >= 0xd800 && *cp <= 0xdfff))
        return 0;
    return n + 1;
}

int
text_is_control(unsigned long cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

unsigned long
text_control(const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned long cp;
    size_t n;

    for (; *s != '\0'; s += n) {
        if ((n = text_utf8_next((const char *)s, &cp)) == 0) {
            n = 1;              /* not UTF-8: text_valid_utf8's to refuse */
            continue;
        }
        if (text_is_control(cp) || cp == 0xfffe || cp == 0xffff)
            return cp;
    }
    return 0;
}

char *
text_escape_controls(const char *str, int keep_lines)
{
    const unsigned char *s = (const unsigned char *)str;
    struct strbuf sb = {0};
    unsigned long cp;
    size_t n;

    for (; *s != '\0'; s += n) {
        if ((n = text_utf8_next((const char *)s, &cp)) == 0) {
            sb_printf(&sb, "\\x%02x", *s);
            n = 1;
        } else if (text_is_control(cp) && !(keep_lines && (cp == '\n' || cp == '\t'))) {
            sb_printf(&sb, "\\u%04lx", cp);
        } else {
            sb_appendn(&sb, (const char *)s, n);
        }
    }
    return sb_take(&sb);
}

/* Maps the full-width or alternative spelling at s to its ASCII character; *w gets its length. */
static int
number_char(const char *s, size_t *w)
{
    const unsigned char *u = (const unsigned char *)s;

    /* U+FF10..U+FF19 full-width digits: EF BC 90..99 */
    if (u[0] == 0xef && u[1] == 0xbc && u[2] >= 0x90 && u[2] <= 0x99) {
        *w = 3;
        return '0' + (u[2] - 0x90);
    }
    if (strncmp(s, "\xe3\x80\x82", 3) == 0 || strncmp(s, "\xef\xbc\x8e", 3) == 0) { /* 。 ． */
        *w = 3;
        return '.';
    }
    if (strncmp(s, "\xef\xbc\x8c", 3) == 0) { /* ， */
        *w = 3;
        return ',';
    }
    if (strncmp(s, "\xef\xbc\x8d", 3) == 0) { /* － */
        *w = 3;
        return '-';
    }
    if (strncmp(s, "\xef\xbc\x8b", 3) == 0) { /* ＋ */
        *w = 3;
        return '+';
    }
    if (strncmp(s, "\xef\xbd\x85", 3) == 0 || strncmp(s, "\xef\xbc\xa5", 3) == 0) { /* ｅ Ｅ */
        *w = 3;
        return 'e';
    }
    *w = 1;
    return *u < 0x80 ? *u : -1;
}

enum err
text_parse_number(const char *s, double *out, char **cause)
{
    char *t = text_trim(s), *end;
    struct strbuf a = {0};
    const char *p;
    size_t w, digits_in_group = 0;
    int c, seen_digit = 0, seen_point = 0, seen_exp = 0, grouped = 0, ok = 1;
    double v;

    if (t[0] == '\0') {
        *cause = xstrdup("请填写数字");
        free(t);
        return ERR_INPUT;
    }
    for (p = t; ok && *p != '\0'; p += w) {
        c = number_char(p, &w);
        if (c >= '0' && c <= '9') {
            seen_digit = 1;
            digits_in_group++;
            sb_appendn(&a, &(char){(char)c}, 1);
        } else if (c == ',' && seen_digit && !seen_point && !seen_exp) {
            /* a thousands separator must follow 1-3 digits (first group) or exactly 3 */
            if ((grouped && digits_in_group != 3) || digits_in_group == 0 || digits_in_group > 3)
                ok = 0;
            grouped = 1;
            digits_in_group = 0;
        } else if (c == '.' && !seen_point && !seen_exp) {
            if (grouped && digits_in_group != 3)
                ok = 0;
            grouped = 0;
            seen_point = 1;
            sb_append(&a, ".");
        } else if ((c == 'e' || c == 'E') && seen_digit && !seen_exp) {
            if (grouped && digits_in_group != 3)
                ok = 0;
            grouped = 0;
            seen_exp = 1;
            sb_append(&a, "e");
        } else if ((c == '-' || c == '+') && (a.len == 0 || (seen_exp && a.s[a.len - 1] == 'e'))) {
            sb_appendn(&a, &(char){(char)c}, 1);
        } else {
            ok = 0;
        }
    }
    if (ok && grouped && digits_in_group != 3)
        ok = 0;
    if (!ok || !seen_digit || a.len == 0) {
        *cause = xasprintf("“%s”不是有效的数字", t);
        free(t);
        sb_free(&a);
        return ERR_INPUT;
    }
    v = strtod(a.s, &end);
    if (*end != '\0' || !isfinite(v)) {
        *cause = xasprintf("“%s”不是有效的数字", t);
        free(t);
        sb_free(&a);
        return ERR_INPUT;
    }
    free(t);
    sb_free(&a);
    *out = v;
    return ERR_OK;
}

void
text_format_number(double v, int decimals, char *buf, size_t size)
{
    char *p;

    if (decimals < 0) {
        /* 15 significant digits (what a double holds for sure) as decimals: %.15g would write an
           exponent below 1e-4 and from 1e15 on */
        decimals = v != 0 && isfinite(v) ? 14 - (int)floor(log10(fabs(v))) : 0;
        decimals = decimals < 0 ? 0 : decimals > 40 ? 40 : decimals;
    }
    snprintf(buf, size, "%.*f", decimals, v);
    if (strchr(buf, '.') != NULL) {
        p = buf + strlen(buf) - 1;
        while (*p == '0')
            *p-- = '\0';
        if (*p == '.')
            *p = '\0';
    }
    /* a small negative value rounds to "-0" (with or without decimals); show it as "0" */
    if (strcmp(buf, "-0") == 0)
        strcpy(buf, "0");
}
