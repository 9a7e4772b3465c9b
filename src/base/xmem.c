/* xmem.c - allocation wrappers that never return NULL, and fatal(). */
#include "base/xmem.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*fatal_hook)(void);

void
xmem_on_fatal(void (*hook)(void))
{
    fatal_hook = hook;
}

void
fatal(const char *fmt, ...)
{
    va_list ap;

    if (fatal_hook != NULL)
        fatal_hook();
    fputs("tanbook: fatal: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(70);
}

void *
xmalloc(size_t size)
{
    void *p = malloc(size == 0 ? 1 : size);

    if (p == NULL)
        fatal("out of memory (%zu bytes)", size);
    return p;
}

void *
xcalloc(size_t n, size_t size)
{
    void *p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size);

    if (p == NULL)
        fatal("out of memory (%zu x %zu bytes)", n, size);
    return p;
}

void *
xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size == 0 ? 1 : size);

    if (q == NULL)
        fatal("out of memory (%zu bytes)", size);
    return q;
}

void *
xgrow(void *p, size_t *cap, size_t need, size_t size)
{
    size_t n = *cap;

    if (need <= n)
        return p;
    if (n == 0)
        n = 8;
    while (n < need) {
        if (n > ((size_t)-1) / 2 / size)
            fatal("array too large");
        n *= 2;
    }
    *cap = n;
    return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);

    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
    va_list ap2;
    int n;
    char *p;

    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        fatal("bad format string: %s", fmt);
    p = xmalloc((size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *
xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *p;

    va_start(ap, fmt);
    p = xvasprintf(fmt, ap);
    va_end(ap);
    return p;
}
