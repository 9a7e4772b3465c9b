/*
 * import_reject.c - the bounded list of an import's rejections (import_reject.h): reasons kept in
 * line order, the lowest lines first, each clipped in its middle.
 */
#include "book/import_reject.h"

#include <stdlib.h>
#include <string.h>

/* A reason is cut in the middle beyond this many bytes (a cell of junk quoted in it). */
#define REASON_MAX 240

/* msg, cut in its middle to at most about REASON_MAX bytes at UTF-8 character boundaries. */
static char *
clip_reason(char *msg)
{
    size_t len = strlen(msg), head = REASON_MAX / 2, tail = len - REASON_MAX / 2;
    char *s;

    if (len <= REASON_MAX)
        return msg;
    while (head > 0 && ((unsigned char)msg[head] & 0xc0) == 0x80)
        head--;
    while (tail < len && ((unsigned char)msg[tail] & 0xc0) == 0x80)
        tail++;
    s = xasprintf("%.*s…%s", (int)head, msg, msg + tail);
    free(msg);
    return s;
}

void
import_reject_vadd(struct import_rejects *rs, size_t line, int new_line, const char *fmt,
                   va_list ap)
{
    size_t at;

    if (new_line)
        rs->bad_lines++;
    if (rs->n == IMPORT_MAX_REJECTS && line >= rs->v[IMPORT_MAX_REJECTS - 1].line)
        return;
    if (rs->n == IMPORT_MAX_REJECTS)
        free(rs->v[--rs->n].reason);
    /* after every reason of the same line or before, so a line's stay in the order found */
    for (at = rs->n; at > 0 && rs->v[at - 1].line > line; at--)
        ;
    memmove(&rs->v[at + 1], &rs->v[at], (rs->n - at) * sizeof(rs->v[0]));
    rs->v[at].line = line;
    rs->v[at].reason = clip_reason(xvasprintf(fmt, ap));
    rs->n++;
}

void
import_reject_add(struct import_rejects *rs, size_t line, const char *fmt, ...)
{
    va_list ap;
    int new_line = rs->bad_lines == 0 || line != rs->last_bad;

    rs->last_bad = line;
    va_start(ap, fmt);
    import_reject_vadd(rs, line, new_line, fmt, ap);
    va_end(ap);
}

int
import_reject_past_kept(const struct import_rejects *rs, size_t line)
{
    return rs->n == IMPORT_MAX_REJECTS && line >= rs->v[IMPORT_MAX_REJECTS - 1].line;
}

size_t
import_reject_unlisted(const struct import_rejects *rs)
{
    size_t i, listed = 0;

    for (i = 0; i < rs->n; i++)
        if (i == 0 || rs->v[i].line != rs->v[i - 1].line)
            listed++;
    return rs->bad_lines - listed;
}

void
import_reject_free(struct import_rejects *rs)
{
    size_t i;

    for (i = 0; i < rs->n; i++)
        free(rs->v[i].reason);
    rs->n = 0;
}
