/* strbuf.c - a growable NUL-terminated string buffer. */
#include "base/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
sb_appendn(struct strbuf *sb, const char *s, size_t n)
{
    sb->s = xgrow(sb->s, &sb->cap, sb->len + n + 1, 1);
    memcpy(sb->s + sb->len, s, n);
    sb->len += n;
    sb->s[sb->len] = '\0';
}

void
sb_append(struct strbuf *sb, const char *s)
{
    sb_appendn(sb, s, strlen(s));
}

void
sb_printf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = xvasprintf(fmt, ap);
    va_end(ap);
    sb_append(sb, s);
    free(s);
}

void
sb_json_str(struct strbuf *sb, const char *s)
{
    const unsigned char *p;

    sb_append(sb, "\"");
    for (p = (const unsigned char *)s; *p != '\0'; p++) {
        switch (*p) {
        case '"': sb_append(sb, "\\\""); break;
        case '\\': sb_append(sb, "\\\\"); break;
        case '\n': sb_append(sb, "\\n"); break;
        case '\r': sb_append(sb, "\\r"); break;
        case '\t': sb_append(sb, "\\t"); break;
        default:
            if (*p < 0x20)
                sb_printf(sb, "\\u%04x", *p);
            else
                sb_appendn(sb, (const char *)p, 1);
        }
    }
    sb_append(sb, "\"");
}

char *
sb_take(struct strbuf *sb)
{
    char *s = sb->s != NULL ? sb->s : xstrdup("");

    sb->s = NULL;
    sb->len = sb->cap = 0;
    return s;
}

void
sb_free(struct strbuf *sb)
{
    free(sb->s);
    sb->s = NULL;
    sb->len = sb->cap = 0;
}
