/* width.c - terminal display width of UTF-8 strings. */
#include "base/width.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

int
width_of(const char *s)
{
    mbstate_t st;
    wchar_t wc;
    size_t n, len = strlen(s);
    int w = 0, cw;

    memset(&st, 0, sizeof(st));
    while (len > 0) {
        if ((unsigned char)*s < 0x80) {
            /* ASCII, one column (a control character counts one, as wcwidth's -1 does below);
               no mbrtowc call, the shift state being the initial one between characters */
            w++;
            s++;
            len--;
            continue;
        }
        n = mbrtowc(&wc, s, len, &st);
        if (n == (size_t)-1 || n == (size_t)-2) {
            memset(&st, 0, sizeof(st));
            w++;
            s++;
            len--;
            continue;
        }
        if (n == 0)
            break;
        cw = wcwidth(wc);
        w += cw < 0 ? 1 : cw;
        s += n;
        len -= n;
    }
    return w;
}

static void
blanks(struct strbuf *sb, int n)
{
    while (n-- > 0)
        sb_append(sb, " ");
}

void
width_pad(struct strbuf *sb, const char *s, int width)
{
    sb_append(sb, s);
    blanks(sb, width - width_of(s));
}

void
width_pad_left(struct strbuf *sb, const char *s, int width)
{
    blanks(sb, width - width_of(s));
    sb_append(sb, s);
}
