/* xmem.h - allocation wrappers that never return NULL, and fatal() for programmer errors. */
#ifndef TANBOOK_XMEM_H
#define TANBOOK_XMEM_H

#include <stdarg.h>
#include <stddef.h>

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define XMEM_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define XMEM_NORETURN __attribute__((noreturn))
#else
#define XMEM_PRINTF(f, a)
#define XMEM_NORETURN
#endif

/* Each aborts through fatal() when memory is exhausted; the result is the caller's to free(). */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* Grows an array of n elements of size `size` by doubling *cap; returns the (possibly moved) array. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) XMEM_PRINTF(1, 2);
/* The va_list form of xasprintf. */
char *xvasprintf(const char *fmt, va_list ap) XMEM_PRINTF(1, 0);

/* Sets a hook run before fatal() prints (the TUI uses it to restore the terminal). */
void xmem_on_fatal(void (*hook)(void));
/* Prints "tanbook: fatal: ..." to stderr and exits with status 70. Programmer errors only. */
void fatal(const char *fmt, ...) XMEM_PRINTF(1, 2) XMEM_NORETURN;

#endif
