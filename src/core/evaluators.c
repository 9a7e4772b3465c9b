/*
 * evaluators.c - the evaluators of a report parsed from the text typed (one entry per person, its
 * fields name, role, date), checked entry by entry so the message names the person and what is
 * missing, written back in one canonical form, and read leniently from what an older version
 * stored as free text.
 */
#include "core/evaluators.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "base/xmem.h"

#define TR(lang, zh, en) ((lang) == LANG_EN ? (en) : (zh))

static const char *const entry_seps[] = {"\n", ";", "；"};
static const char *const field_seps[] = {",", "，", "|", "\t"};

/* The length of the separator of seps that s starts with, or 0. */
static size_t
sep_at(const char *s, const char *const *seps, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strncmp(s, seps[i], strlen(seps[i])) == 0)
            return strlen(seps[i]);
    return 0;
}

/* s cut at every separator of seps, each piece trimmed; empty pieces kept when keep_empty. */
static char **
split(const char *s, const char *const *seps, size_t nseps, int keep_empty, size_t *n)
{
    char **v = NULL;
    size_t cap = 0;

    *n = 0;
    for (;;) {
        const char *p = s;
        size_t w = 0;
        char *piece, *t;

        while (*p != '\0' && (w = sep_at(p, seps, nseps)) == 0)
            p++;
        piece = xstrndup(s, (size_t)(p - s));
        t = text_trim(piece);
        free(piece);
        if (keep_empty || *t != '\0') {
            v = xgrow(v, &cap, *n + 1, sizeof *v);
            v[(*n)++] = t;
        } else {
            free(t);
        }
        if (*p == '\0')
            return v;
        s = p + w;
    }
}

static void
strings_free(char **v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

int
evaluators_date_ok(const char *s)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d, leap;

    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !text_is_digits(s, 4) || !text_is_digits(s + 5, 2)
        || !text_is_digits(s + 8, 2))
        return 0;
    y = atoi(s);
    m = atoi(s + 5);
    d = atoi(s + 8);
    leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] + (m == 2 && leap);
}

/* What is wrong with the fields f[0..n) of entry k (1-based), or NULL (caller frees). */
static char *
entry_fault(char **f, size_t n, size_t k, enum lang l)
{
    if (n == 0 || f[0][0] == '\0')
        return xasprintf(TR(l, "评价人员第 %zu 位缺少姓名（每位写作 姓名，角色，日期）",
                            "evaluator %zu has no name (each is NAME, ROLE, DATE)"), k);
    /* "李四，2026-12-01": the date came second, so it is the role that is missing */
    if (n < 2 || f[1][0] == '\0' || (n == 2 && evaluators_date_ok(f[1])))
        return xasprintf(TR(l, "评价人员第 %zu 位“%s”缺少角色（职务/职称）",
                            "evaluator %zu \"%s\": the role (position or title) is missing"), k, f[0]);
    if (n < 3 || f[2][0] == '\0')
        return xasprintf(TR(l, "评价人员第 %zu 位“%s”缺少日期（YYYY-MM-DD）",
                            "evaluator %zu \"%s\": the date (YYYY-MM-DD) is missing"), k, f[0]);
    if (!evaluators_date_ok(f[2]))
        return xasprintf(TR(l, "评价人员第 %zu 位“%s”的日期“%s”不是有效的日期（YYYY-MM-DD）",
                            "evaluator %zu \"%s\": \"%s\" is not a date (YYYY-MM-DD)"), k, f[0], f[2]);
    if (n > 3)
        return xasprintf(TR(l, "评价人员第 %zu 位“%s”多出“%s”（每位写作 姓名，角色，日期）",
                            "evaluator %zu \"%s\": \"%s\" is one field too many (each is NAME, ROLE, DATE)"),
                         k, f[0], f[3]);
    return NULL;
}

static void
add(struct evaluators *ev, char *name, char *role, char *date)
{
    ev->v = xrealloc(ev->v, (ev->n + 1) * sizeof *ev->v);
    ev->v[ev->n++] = (struct evaluator){.name = name, .role = role, .date = date};
}

enum err
evaluators_parse(const char *text, enum lang lang, struct evaluators *out, char **cause)
{
    size_t ne, nf, i;
    char **entries = split(text != NULL ? text : "", entry_seps, nitems(entry_seps), 0, &ne);
    char *fault = NULL;

    memset(out, 0, sizeof *out);
    for (i = 0; i < ne && fault == NULL; i++) {
        char **f = split(entries[i], field_seps, nitems(field_seps), 1, &nf);

        if ((fault = entry_fault(f, nf, i + 1, lang)) == NULL) {
            add(out, f[0], f[1], f[2]);
            free(f);
        } else {
            strings_free(f, nf);
        }
    }
    strings_free(entries, ne);
    if (fault == NULL)
        return ERR_OK;
    evaluators_free(out);
    *cause = fault;
    return ERR_INPUT;
}

void
evaluators_read(const char *stored, struct evaluators *out)
{
    char *cause = NULL, **entries;
    size_t n, i;

    if (evaluators_parse(stored, LANG_ZH, out, &cause) == ERR_OK)
        return;
    free(cause);
    entries = split(stored, entry_seps, nitems(entry_seps), 0, &n);
    for (i = 0; i < n; i++)
        add(out, entries[i], xstrdup(""), xstrdup(""));
    free(entries);
}

char *
evaluators_text(const struct evaluators *ev)
{
    size_t len = 1, i;
    char *s, *p;

    for (i = 0; i < ev->n; i++)
        len += strlen(ev->v[i].name) + strlen(ev->v[i].role) + strlen(ev->v[i].date) + 9;
    p = s = xmalloc(len);
    *p = '\0';
    for (i = 0; i < ev->n; i++) {
        const struct evaluator *e = &ev->v[i];

        /* an entry read from an older text (no role, no date) goes back as it was: its name */
        if (e->role[0] != '\0' || e->date[0] != '\0')
            p += sprintf(p, "%s%s，%s，%s", i > 0 ? "；" : "", e->name, e->role, e->date);
        else
            p += sprintf(p, "%s%s", i > 0 ? "；" : "", e->name);
    }
    return s;
}

void
evaluators_free(struct evaluators *ev)
{
    size_t i;

    for (i = 0; i < ev->n; i++) {
        free(ev->v[i].name);
        free(ev->v[i].role);
        free(ev->v[i].date);
    }
    free(ev->v);
    memset(ev, 0, sizeof *ev);
}
