/* editor.c - the one-line field editor: a wide-character buffer, a cursor and a horizontal scroll. */
#include "tui/editor.h"

#include <string.h>
#include <wctype.h>

#include "base/xmem.h"

#define REPLACEMENT ((wchar_t)0xfffd)

/*
 * Decodes the character at s (not at its NUL) into *out and returns the bytes it took. A malformed
 * sequence gives U+FFFD for its maximal valid prefix (at least one byte), so overlongs, surrogates
 * and code points past U+10FFFF never get in; the second-byte ranges are those of Unicode table 3-7.
 */
static size_t
utf8_decode(const unsigned char *s, wchar_t *out)
{
    unsigned lo = 0x80, hi = 0xbf;
    unsigned long cp;
    size_t n, i;

    if (s[0] < 0x80) {
        *out = s[0];
        return 1;
    }
    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        n = 2, cp = s[0] & 0x1f;
    else if (s[0] >= 0xe0 && s[0] <= 0xef)
        n = 3, cp = s[0] & 0x0f;
    else if (s[0] >= 0xf0 && s[0] <= 0xf4)
        n = 4, cp = s[0] & 0x07;
    else {
        *out = REPLACEMENT;
        return 1;
    }
    if (s[0] == 0xe0)
        lo = 0xa0;              /* overlong */
    else if (s[0] == 0xed)
        hi = 0x9f;              /* surrogates */
    else if (s[0] == 0xf0)
        lo = 0x90;              /* overlong */
    else if (s[0] == 0xf4)
        hi = 0x8f;              /* past U+10FFFF */
    for (i = 1; i < n; i++, lo = 0x80, hi = 0xbf) {
        if (s[i] < lo || s[i] > hi) {   /* also stops at the NUL */
            *out = REPLACEMENT;
            return i;
        }
        cp = cp << 6 | (s[i] & 0x3f);
    }
    *out = (wchar_t)cp;
    return n;
}

/* Writes ch (a Unicode scalar value) as UTF-8 at out; returns the bytes written (1-4). */
static size_t
utf8_encode(wchar_t ch, char *out)
{
    static const unsigned char lead[] = {0, 0, 0xc0, 0xe0, 0xf0};
    unsigned long c = (unsigned long)ch;
    size_t n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4, i;

    for (i = n - 1; i > 0; i--, c >>= 6)
        out[i] = (char)(0x80 | (c & 0x3f));
    out[0] = (char)(lead[n] | c);
    return n;
}

/* Whether ch takes one or two cells on its own: anything else would break the cursor arithmetic. */
static int
printable(wchar_t ch)
{
    return iswprint((wint_t)ch) && !iswcntrl((wint_t)ch) && wcwidth(ch) > 0;
}

/* Width of a buffer character; only printable ones get in, so 1 or 2. */
static int
cw(wchar_t ch)
{
    return wcwidth(ch) == 2 ? 2 : 1;
}

/* Display columns of buf[from..to). */
static int
span(const struct editor *ed, size_t from, size_t to)
{
    int w = 0;

    for (; from < to; from++)
        w += cw(ed->buf[from]);
    return w;
}

/*
 * Scrolls just enough that the cursor cell fits (the whole wide character under it, or one column
 * at the end), then back left while the hidden text would fit into blank columns on the right.
 */
static void
adjust(struct editor *ed)
{
    int cursor = ed->pos < ed->len ? cw(ed->buf[ed->pos]) : 1;
    int w;

    if (ed->scroll > ed->pos)
        ed->scroll = ed->pos;
    w = span(ed, ed->scroll, ed->pos);
    while (ed->scroll < ed->pos && w + cursor > ed->cols)  /* the test on pos guards cols < 2 */
        w -= cw(ed->buf[ed->scroll++]);
    w = span(ed, ed->scroll, ed->len) + (ed->pos == ed->len);
    while (ed->scroll > 0 && w + cw(ed->buf[ed->scroll - 1]) <= ed->cols)
        w += cw(ed->buf[--ed->scroll]);
}

void
editor_init(struct editor *ed, const char *utf8, int cols, size_t max_chars)
{
    const unsigned char *s = (const unsigned char *)(utf8 != NULL ? utf8 : "");
    wchar_t ch;

    memset(ed, 0, sizeof(*ed));
    ed->cols = cols < 2 ? 2 : cols;
    ed->max_chars = max_chars > EDITOR_MAX ? EDITOR_MAX : max_chars;
    while (*s != '\0' && ed->len < EDITOR_MAX) {
        s += utf8_decode(s, &ch);
        if (wcschr(L"\t\n\v\f\r", ch) != NULL)
            ch = L' ';
        else if (!printable(ch))
            ch = REPLACEMENT;
        ed->buf[ed->len++] = ch;
    }
    ed->buf[ed->len] = L'\0';
    ed->pos = ed->len;
    adjust(ed);
}

int
editor_insert(struct editor *ed, wchar_t ch)
{
    size_t limit = ed->max_chars != 0 ? ed->max_chars : EDITOR_MAX;

    if (!printable(ch) || ed->len >= limit)
        return 0;
    memmove(ed->buf + ed->pos + 1, ed->buf + ed->pos, (ed->len - ed->pos + 1) * sizeof(wchar_t));
    ed->buf[ed->pos++] = ch;
    ed->len++;
    adjust(ed);
    return 1;
}

size_t
editor_insert_utf8(struct editor *ed, const char *utf8)
{
    const unsigned char *s = (const unsigned char *)utf8;
    size_t n = 0;
    wchar_t ch;

    while (*s != '\0') {
        s += utf8_decode(s, &ch);
        n += (size_t)editor_insert(ed, ch);
    }
    return n;
}

/* Removes the n characters at at..at+n, with the cursor at at. */
static void
cut(struct editor *ed, size_t at, size_t n)
{
    memmove(ed->buf + at, ed->buf + at + n, (ed->len - at - n + 1) * sizeof(wchar_t));
    ed->len -= n;
    ed->pos = at;
    adjust(ed);
}

void
editor_backspace(struct editor *ed)
{
    if (ed->pos > 0)
        cut(ed, ed->pos - 1, 1);
}

void
editor_delete(struct editor *ed)
{
    if (ed->pos < ed->len)
        cut(ed, ed->pos, 1);
}

/* Puts the cursor at pos (0..len). */
static void
move(struct editor *ed, size_t pos)
{
    ed->pos = pos;
    adjust(ed);
}

void
editor_left(struct editor *ed)
{
    if (ed->pos > 0)
        move(ed, ed->pos - 1);
}

void
editor_right(struct editor *ed)
{
    if (ed->pos < ed->len)
        move(ed, ed->pos + 1);
}

void
editor_home(struct editor *ed)
{
    move(ed, 0);
}

void
editor_end(struct editor *ed)
{
    move(ed, ed->len);
}

void
editor_clear(struct editor *ed)
{
    cut(ed, 0, ed->len);
}

void
editor_kill_end(struct editor *ed)
{
    cut(ed, ed->pos, ed->len - ed->pos);
}

void
editor_resize(struct editor *ed, int cols)
{
    ed->cols = cols < 2 ? 2 : cols;
    adjust(ed);
}

char *
editor_text(const struct editor *ed)
{
    char *s = xmalloc(ed->len * 4 + 1), *p = s;
    size_t i;

    for (i = 0; i < ed->len; i++)
        p += utf8_encode(ed->buf[i], p);
    *p = '\0';
    return s;
}

int
editor_width(const struct editor *ed)
{
    return span(ed, 0, ed->len);
}

int
editor_view(struct editor *ed, wchar_t *out, size_t outsize, int *more_left, int *more_right)
{
    size_t i, n = 0;
    int col = 0;

    adjust(ed);
    for (i = ed->scroll; i < ed->len && n + 1 < outsize; i++, n++) {
        if (col + cw(ed->buf[i]) > ed->cols)
            break;
        col += cw(ed->buf[i]);
        out[n] = ed->buf[i];
    }
    if (outsize > 0)
        out[n] = L'\0';
    if (more_left != NULL)
        *more_left = ed->scroll > 0;
    if (more_right != NULL)
        *more_right = span(ed, ed->scroll, ed->len) > ed->cols;
    return span(ed, ed->scroll, ed->pos);
}
