/* strbuf.c - a growable NUL-terminated string buffer. */
#include "base/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

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
    unsigned long cp;
    size_t n;

    sb_append(sb, "\"");
    for (; *s != '\0'; s += n) {
        n = text_utf8_next(s, &cp);
        if (n == 0) {                   /* not UTF-8: U+FFFD, so that the JSON stays UTF-8 */
            sb_append(sb, "\\ufffd");
            n = 1;
        } else if (cp == '"' || cp == '\\') {
            sb_printf(sb, "\\%c", (int)cp);
        } else if (cp == '\n' || cp == '\r' || cp == '\t') {
            sb_append(sb, cp == '\n' ? "\\n" : cp == '\r' ? "\\r" : "\\t");
        } else if (text_is_control(cp)) {
            /* C0 must be escaped; DEL and C1 may not, but a terminal would act on them */
            sb_printf(sb, "\\u%04lx", cp);
        } else {
            sb_appendn(sb, s, n);
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
