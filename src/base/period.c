/* period.c - reporting periods (year, quarter, month): the spellings people type, one text. */
#include "base/period.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/xmem.h"

/* Reads 1..max ASCII digits at *s into *v and advances *s; returns how many were read (0: none). */
static int
read_digits(const char **s, int max, int *v)
{
    int n = 0;

    *v = 0;
    while (n < max && **s >= '0' && **s <= '9') {
        *v = *v * 10 + (**s - '0');
        (*s)++;
        n++;
    }
    return n;
}

/* Whether *s starts with word; if so advances *s past it. */
static int
eat(const char **s, const char *word)
{
    size_t n = strlen(word);

    if (strncmp(*s, word, n) != 0)
        return 0;
    *s += n;
    return 1;
}

/*
 * Splits t into year, kind and index without range checks; returns 0 when t has none of the
 * accepted shapes. Shapes: YYYY, YYYYMM, YYYY-Qn, YYYYQn (q or Q), YYYY-M(M), YYYY/M(M),
 * YYYY年第n季度, YYYY年n季度, YYYY年M(M)月.
 */
static int
split(const char *t, struct period *p)
{
    const char *s = t;
    int v;

    if (read_digits(&s, 4, &p->year) != 4)
        return 0;
    p->kind = PERIOD_YEAR;
    p->index = 0;
    if (*s == '\0')
        return 1;
    if (read_digits(&s, 2, &p->index) == 2 && *s == '\0') {
        p->kind = PERIOD_MONTH;          /* "202403" */
        return 1;
    }
    s = t + 4;
    if (eat(&s, "年")) {
        int quarter = eat(&s, "第");

        if (read_digits(&s, 2, &v) == 0)
            return 0;
        p->index = v;
        if (eat(&s, "季度"))
            p->kind = PERIOD_QUARTER;
        else if (!quarter && eat(&s, "月"))
            p->kind = PERIOD_MONTH;
        else
            return 0;
        return *s == '\0';
    }
    if (*s == '-' && (s[1] == 'Q' || s[1] == 'q'))
        s++;
    if (*s == 'Q' || *s == 'q') {
        s++;
        if (read_digits(&s, 2, &v) == 0 || *s != '\0')
            return 0;
        p->kind = PERIOD_QUARTER;
        p->index = v;
        return 1;
    }
    if (*s == '-' || *s == '/') {
        s++;
        if (read_digits(&s, 2, &v) == 0 || *s != '\0')
            return 0;
        p->kind = PERIOD_MONTH;
        p->index = v;
        return 1;
    }
    return 0;
}

enum err
period_parse(const char *s, struct period *p, char **cause)
{
    char *t = text_trim(s);
    struct period q;
    enum err e = ERR_INPUT;

    if (t[0] == '\0')
        *cause = xstrdup("请填写期间：年份（2024）、季度（2024-Q1）或月份（2024-03）");
    else if (!split(t, &q))
        *cause = xasprintf("“%s”不是有效的期间，应为年份（2024）、季度（2024-Q1）或月份（2024-03）", t);
    else if (q.year < PERIOD_YEAR_MIN || q.year > PERIOD_YEAR_MAX)
        *cause = xasprintf("“%s”的年份 %d 超出范围（%d–%d）", t, q.year, PERIOD_YEAR_MIN,
                           PERIOD_YEAR_MAX);
    else if (q.kind == PERIOD_QUARTER && (q.index < 1 || q.index > 4))
        *cause = xasprintf("“%s”的季度 %d 无效，应为 1–4", t, q.index);
    else if (q.kind == PERIOD_MONTH && (q.index < 1 || q.index > 12))
        *cause = xasprintf("“%s”的月份 %d 无效，应为 1–12", t, q.index);
    else {
        *p = q;
        e = ERR_OK;
    }
    free(t);
    return e;
}

void
period_format(const struct period *p, char *buf, unsigned size)
{
    int y = p->year, i = p->index;

    /* what the snprintf below writes, digit by digit: a report formats every row's period, and
       snprintf was a tenth of an export of many years */
    if (size >= 8 && y >= 0 && y <= 9999 && i >= 1 && i <= 12
        && (p->kind == PERIOD_MONTH || (p->kind == PERIOD_QUARTER && i <= 4))) {
        buf[0] = (char)('0' + y / 1000);
        buf[1] = (char)('0' + y / 100 % 10);
        buf[2] = (char)('0' + y / 10 % 10);
        buf[3] = (char)('0' + y % 10);
        buf[4] = '-';
        if (p->kind == PERIOD_QUARTER) {
            buf[5] = 'Q';
            buf[6] = (char)('0' + i);
            buf[7] = '\0';
        } else {
            buf[5] = (char)('0' + i / 10);
            buf[6] = (char)('0' + i % 10);
            buf[7] = '\0';
        }
        return;
    }
    switch (p->kind) {
    case PERIOD_QUARTER:
        snprintf(buf, size, "%04d-Q%d", p->year, p->index);
        break;
    case PERIOD_MONTH:
        snprintf(buf, size, "%04d-%02d", p->year, p->index);
        break;
    case PERIOD_YEAR:
    default:
        snprintf(buf, size, "%04d", p->year);
        break;
    }
}

void
period_months(const struct period *p, int *first, int *last)
{
    switch (p->kind) {
    case PERIOD_QUARTER:
        *first = (p->index - 1) * 3 + 1;
        *last = p->index * 3;
        break;
    case PERIOD_MONTH:
        *first = *last = p->index;
        break;
    case PERIOD_YEAR:
    default:
        *first = 1;
        *last = 12;
        break;
    }
}

int
period_overlap(const struct period *a, const struct period *b)
{
    int af, al, bf, bl;

    if (a->year != b->year)
        return 0;
    period_months(a, &af, &al);
    period_months(b, &bf, &bl);
    return af <= bl && bf <= al;
}

int
period_cmp(const struct period *a, const struct period *b)
{
    int af, al, bf, bl;

    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    period_months(a, &af, &al);
    period_months(b, &bf, &bl);
    if (af != bf)
        return af < bf ? -1 : 1;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    return 0;
}

int
period_year_ok(int year)
{
    return year >= PERIOD_YEAR_MIN && year <= PERIOD_YEAR_MAX;
}

enum err
period_parse_year(const char *s, int *year, char **cause)
{
    char *t = text_trim(s != NULL ? s : ""), *digits;
    const char *p;
    size_t n;
    int v = 0, k = 0;
    enum err e = ERR_OK;

    /* full-width digits (U+FF10..U+FF19) as typed with a Chinese input method */
    digits = xcalloc(strlen(t) + 1, 1);
    for (p = t, n = 0; *p != '\0';) {
        const unsigned char *u = (const unsigned char *)p;

        if (u[0] == 0xef && u[1] == 0xbc && u[2] >= 0x90 && u[2] <= 0x99) {
            digits[n++] = (char)('0' + (u[2] - 0x90));
            p += 3;
        } else {
            digits[n++] = *p++;
        }
    }
    n = strlen(digits);
    if (n >= strlen("年") && strcmp(digits + n - strlen("年"), "年") == 0)
        digits[n - strlen("年")] = '\0';
    for (p = digits; *p >= '0' && *p <= '9' && k < 5; p++, k++)
        v = v * 10 + (*p - '0');
    if (t[0] == '\0') {
        *cause = xstrdup("请填写年度，如 2024");
        e = ERR_INPUT;
    } else if (*p != '\0' || k != 4) {
        *cause = xasprintf("“%s”不是有效的年度，应为四位数字，如 2024", t);
        e = ERR_INPUT;
    } else if (!period_year_ok(v)) {
        *cause = xasprintf("年度 %d 超出范围（%d–%d）", v, PERIOD_YEAR_MIN, PERIOD_YEAR_MAX);
        e = ERR_INPUT;
    } else {
        *year = v;
    }
    free(digits);
    free(t);
    return e;
}
