/* strbuf.h - a growable NUL-terminated string buffer. */
#ifndef TANBOOK_STRBUF_H
#define TANBOOK_STRBUF_H

#include <stddef.h>

#include "base/xmem.h"

struct strbuf {
    char *s;    /* always NUL-terminated once anything was appended */
    size_t len;
    size_t cap;
};

void sb_append(struct strbuf *sb, const char *s);
void sb_appendn(struct strbuf *sb, const char *s, size_t n);
void sb_printf(struct strbuf *sb, const char *fmt, ...) XMEM_PRINTF(2, 3);
/* Appends s as a JSON string literal, quotes included: controls (DEL and C1 too) as \u00XX,
   bytes that are not UTF-8 as \ufffd. */
void sb_json_str(struct strbuf *sb, const char *s);
/* Returns the string (never NULL) and leaves sb empty; the caller frees it. */
char *sb_take(struct strbuf *sb);
void sb_free(struct strbuf *sb);

#endif
