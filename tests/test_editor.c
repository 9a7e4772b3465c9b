/* test_editor.c - the one-line field editor: wide characters, cursor, scrolling, limits and UTF-8. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/editor.h"
#include "base/text.h"
#include "base/xmem.h"

#define FFFD "\xef\xbf\xbd"   /* U+FFFD in UTF-8 */

/* What editor_view shows, as UTF-8 so failures print readably. */
struct shown {
    char text[4 * EDITOR_MAX + 1];
    int cursor, left, right;
};

static struct shown
view(struct editor *ed)
{
    struct shown s;
    wchar_t out[EDITOR_MAX + 1];
    size_t n;

    s.cursor = editor_view(ed, out, nitems(out), &s.left, &s.right);
    n = wcstombs(s.text, out, sizeof(s.text));
    assert_true(n != (size_t)-1);
    assert_in_range(s.cursor, 0, ed->cols - 1);
    /* the written characters never take more columns than the field has */
    assert_true(wcswidth(out, nitems(out)) <= ed->cols);
    return s;
}

static void
assert_text(const struct editor *ed, const char *want)
{
    char *got = editor_text(ed);

    assert_string_equal(got, want);
    free(got);
}

static void
test_init_mixed(void **state)
{
    struct editor ed;
    struct shown s;

    (void)state;
    editor_init(&ed, "ab天然气cd", 20, 0);
    assert_int_equal(ed.len, 7);
    assert_int_equal(editor_width(&ed), 10);       /* 2 + 3×2 + 2 */
    assert_int_equal(ed.pos, 7);
    assert_int_equal(ed.buf[2], 0x5929);           /* 天 */
    assert_int_equal(ed.buf[7], L'\0');
    assert_text(&ed, "ab天然气cd");
    s = view(&ed);
    assert_string_equal(s.text, "ab天然气cd");
    assert_int_equal(s.cursor, 10);
    assert_false(s.left);
    assert_false(s.right);

    editor_init(&ed, NULL, 20, 0);
    assert_int_equal(ed.len, 0);
    assert_int_equal(ed.pos, 0);
    assert_int_equal(editor_width(&ed), 0);
    assert_text(&ed, "");
    assert_int_equal(view(&ed).cursor, 0);
}

static void
test_insert_middle(void **state)
{
    struct editor ed;

    (void)state;
    /* the formw check from stack-notes §2: Left×3, BSpace, 油 in ab天然气cd */
    editor_init(&ed, "ab天然气cd", 20, 0);
    editor_left(&ed);
    editor_left(&ed);
    editor_left(&ed);
    assert_int_equal(ed.pos, 4);                   /* before 气 */
    editor_backspace(&ed);
    assert_int_equal(ed.pos, 3);
    assert_int_equal(editor_insert(&ed, L'油'), 1);
    assert_int_equal(ed.pos, 4);
    assert_int_equal(ed.len, 7);
    assert_text(&ed, "ab天油气cd");
    assert_int_equal(view(&ed).cursor, 6);         /* a b 天 油 = 1+1+2+2 */

    editor_home(&ed);
    assert_int_equal(editor_insert(&ed, L'x'), 1);
    assert_text(&ed, "xab天油气cd");
    assert_int_equal(ed.pos, 1);
    /* several characters at once, as tmux send-keys -l may deliver them */
    assert_int_equal(editor_insert_utf8(&ed, "天然气"), 3);
    assert_int_equal(ed.pos, 4);
    assert_text(&ed, "x天然气ab天油气cd");
}

static void
test_delete_around_wide(void **state)
{
    struct editor ed;

    (void)state;
    editor_init(&ed, "a天b气", 20, 0);
    editor_left(&ed);                              /* before 气 */
    editor_backspace(&ed);                         /* removes b */
    assert_text(&ed, "a天气");
    assert_int_equal(ed.pos, 2);
    assert_int_equal(view(&ed).cursor, 3);
    editor_backspace(&ed);                         /* removes 天 whole */
    assert_text(&ed, "a气");
    assert_int_equal(editor_width(&ed), 3);
    assert_int_equal(view(&ed).cursor, 1);
    editor_delete(&ed);                            /* removes 气 whole */
    assert_text(&ed, "a");
    assert_int_equal(ed.pos, 1);
    editor_delete(&ed);                            /* at the end: nothing */
    assert_text(&ed, "a");
    editor_home(&ed);
    editor_backspace(&ed);                         /* at the start: nothing */
    assert_text(&ed, "a");
    assert_int_equal(ed.pos, 0);
    editor_left(&ed);                              /* cannot pass the ends */
    assert_int_equal(ed.pos, 0);
    editor_end(&ed);
    editor_right(&ed);
    assert_int_equal(ed.pos, 1);
}

static void
test_narrow_field(void **state)
{
    struct editor ed;
    struct shown s;

    (void)state;
    /* 天然气 is 6 columns in a 5-column field */
    editor_init(&ed, "天然气", 5, 0);
    s = view(&ed);                 /* cursor after 气 needs a column: 然气 + cursor = 5 */
    assert_string_equal(s.text, "然气");
    assert_int_equal(s.cursor, 4);
    assert_true(s.left);
    assert_false(s.right);
    assert_int_equal(ed.scroll, 1);

    editor_home(&ed);
    s = view(&ed);                 /* 气 would take columns 5-6: left out, not split */
    assert_string_equal(s.text, "天然");
    assert_int_equal(s.cursor, 0);
    assert_false(s.left);
    assert_true(s.right);

    editor_right(&ed);
    s = view(&ed);
    assert_string_equal(s.text, "天然");
    assert_int_equal(s.cursor, 2);

    editor_right(&ed);             /* onto 气: it must be shown whole, so 天 goes */
    s = view(&ed);
    assert_string_equal(s.text, "然气");
    assert_int_equal(s.cursor, 2);
    assert_true(s.left);
    assert_false(s.right);

    /* exactly as wide as the field, cursor on the first character: nothing hidden */
    editor_resize(&ed, 6);
    editor_home(&ed);
    s = view(&ed);
    assert_string_equal(s.text, "天然气");
    assert_false(s.left);
    assert_false(s.right);
}

static const char *const cjk20[] = {
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸",
};

static void
test_typing_scrolls(void **state)
{
    struct editor ed;
    struct shown s;
    size_t i;

    (void)state;
    editor_init(&ed, "", 10, 0);
    for (i = 0; i < nitems(cjk20); i++) {
        assert_int_equal(editor_insert_utf8(&ed, cjk20[i]), 1);
        s = view(&ed);
        /* the cursor follows the text: at 2×(i+1) until that passes column 9, then at 8 (four
           characters and the cursor cell fill 9 of the 10 columns; a fifth would need 11) */
        assert_int_equal(s.cursor, i < 4 ? 2 * (int)(i + 1) : 8);
        assert_int_equal(s.left, i >= 4);
        assert_false(s.right);
    }
    assert_int_equal(ed.len, 20);
    assert_int_equal(ed.scroll, 16);
    assert_string_equal(view(&ed).text, "庚辛壬癸");

    /* ASCII fills to the right edge: 15 characters, 9 shown, cursor in column 9 */
    editor_init(&ed, "", 10, 0);
    assert_int_equal(editor_insert_utf8(&ed, "abcdefghijklmno"), 15);
    s = view(&ed);
    assert_string_equal(s.text, "ghijklmno");
    assert_int_equal(s.cursor, 9);
    assert_int_equal(ed.scroll, 6);
}

static void
test_home_end_scroll(void **state)
{
    struct editor ed;
    struct shown s;
    size_t i;

    (void)state;
    editor_init(&ed, "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸", 10, 0);
    assert_int_equal(ed.len, 20);
    editor_home(&ed);
    s = view(&ed);
    assert_string_equal(s.text, "一二三四五");
    assert_int_equal(s.cursor, 0);
    assert_int_equal(ed.scroll, 0);
    assert_false(s.left);
    assert_true(s.right);

    editor_end(&ed);
    s = view(&ed);
    assert_string_equal(s.text, "庚辛壬癸");
    assert_int_equal(s.cursor, 8);
    assert_true(s.left);
    assert_false(s.right);

    /* Left from the end: the cursor cell past the end is no longer needed, so 己 comes back into
       view (己庚辛壬癸 = 10 columns); then the view stays until the cursor reaches its left edge */
    editor_left(&ed);
    assert_int_equal(ed.scroll, 15);
    assert_int_equal(view(&ed).cursor, 8);
    for (i = 0; i < 4; i++)
        editor_left(&ed);
    assert_int_equal(ed.pos, 15);
    assert_int_equal(ed.scroll, 15);
    assert_int_equal(view(&ed).cursor, 0);
    editor_left(&ed);
    s = view(&ed);
    assert_int_equal(ed.scroll, 14);
    assert_string_equal(s.text, "戊己庚辛壬");
    assert_int_equal(s.cursor, 0);
    assert_true(s.right);
}

static void
test_delete_fills_right(void **state)
{
    struct editor ed;
    struct shown s;
    size_t i;

    (void)state;
    editor_init(&ed, "abcdefghijklmno", 10, 0);   /* scroll 6: ghijklmno + cursor */
    assert_int_equal(ed.scroll, 6);
    for (i = 0; i < 3; i++)
        editor_backspace(&ed);
    /* abcdefghijkl: 12 columns + cursor; scroll 3 shows defghijkl + cursor = 10, no blank */
    s = view(&ed);
    assert_int_equal(ed.scroll, 3);
    assert_string_equal(s.text, "defghijkl");
    assert_int_equal(s.cursor, 9);

    /* Ctrl-K in the middle: end, Left×5 (pos 10, before k), kill → abcdefghij, cursor at the end */
    editor_init(&ed, "abcdefghijklmno", 10, 0);
    for (i = 0; i < 5; i++)
        editor_left(&ed);
    assert_int_equal(ed.pos, 10);
    editor_kill_end(&ed);
    assert_text(&ed, "abcdefghij");
    s = view(&ed);                 /* 10 columns + cursor = 11: scroll 1, not the old 5 */
    assert_int_equal(ed.scroll, 1);
    assert_string_equal(s.text, "bcdefghij");
    assert_int_equal(s.cursor, 9);
    assert_false(s.right);

    editor_delete(&ed);            /* at the end: nothing */
    editor_home(&ed);
    editor_delete(&ed);
    assert_text(&ed, "bcdefghij");
    s = view(&ed);
    assert_string_equal(s.text, "bcdefghij");
    assert_false(s.left);

    editor_clear(&ed);
    assert_text(&ed, "");
    assert_int_equal(ed.len, 0);
    assert_int_equal(ed.pos, 0);
    assert_int_equal(ed.scroll, 0);
    s = view(&ed);
    assert_string_equal(s.text, "");
    assert_false(s.left);
    assert_false(s.right);
}

static void
test_max_chars(void **state)
{
    struct editor ed;
    char big[2 * EDITOR_MAX + 1];
    size_t i;

    (void)state;
    editor_init(&ed, "ab", 10, 3);
    assert_int_equal(editor_insert(&ed, L'c'), 1);
    assert_int_equal(editor_insert(&ed, L'd'), 0);
    assert_int_equal(editor_insert(&ed, L'天'), 0);
    assert_text(&ed, "abc");
    assert_int_equal(ed.pos, 3);

    editor_init(&ed, "abc", 10, 5);
    assert_int_equal(editor_insert_utf8(&ed, "xyz"), 2);
    assert_text(&ed, "abcxy");

    /* a stored value longer than the limit is kept whole; only typing is refused */
    editor_init(&ed, "abcde", 10, 3);
    assert_text(&ed, "abcde");
    editor_backspace(&ed);
    assert_int_equal(editor_insert(&ed, L'x'), 0);     /* 4 characters, limit 3 */
    assert_text(&ed, "abcd");

    /* 0 means EDITOR_MAX; the buffer never holds more, from typing or from the initial text */
    editor_init(&ed, NULL, 10, 0);
    for (i = 0; i < EDITOR_MAX + 10; i++)
        editor_insert(&ed, L'a');
    assert_int_equal(ed.len, EDITOR_MAX);
    assert_int_equal(ed.buf[EDITOR_MAX], L'\0');
    memset(big, 'b', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    editor_init(&ed, big, 10, 100000);
    assert_int_equal(ed.len, EDITOR_MAX);
    assert_int_equal(ed.max_chars, EDITOR_MAX);
    assert_int_equal(editor_insert(&ed, L'x'), 0);
    assert_int_equal(view(&ed).cursor, 9);
}

static void
test_refuses_unprintable(void **state)
{
    /* controls, and (a choice) zero-width characters, which would put two characters in one cell */
    static const wchar_t refused[] = {
        L'\t', L'\n', L'\r', 0x7f, 0x1b, 0x08, 0x85 /* C1 NEL */,
        0x301 /* combining acute */, 0x200b /* zero-width space */, 0xfe0f /* variation selector */,
        0xd800 /* surrogate */, 0x110000,
    };
    struct editor ed;
    size_t i;

    (void)state;
    editor_init(&ed, "a天", 10, 0);
    editor_left(&ed);
    for (i = 0; i < nitems(refused); i++) {
        if (editor_insert(&ed, refused[i]) != 0)
            fail_msg("U+%04lX accepted", (unsigned long)refused[i]);
        assert_int_equal(ed.len, 2);
        assert_int_equal(ed.pos, 1);
    }
    assert_text(&ed, "a天");
    /* a paste skips them and keeps the rest */
    assert_int_equal(editor_insert_utf8(&ed, "1\t2\n"), 2);
    assert_text(&ed, "a12天");
}

static void
test_init_replaces_hidden(void **state)
{
    struct editor ed;

    (void)state;
    /* blank controls from an imported cell become spaces, other hidden characters U+FFFD */
    editor_init(&ed, "a\tb\r\nc", 10, 0);
    assert_text(&ed, "a b  c");
    editor_init(&ed, "e\xcc\x81x\x1b", 10, 0);           /* e + U+0301, x, ESC */
    assert_text(&ed, "e" FFFD "x" FFFD);
    assert_int_equal(ed.len, 4);
    assert_int_equal(editor_width(&ed), 4);
}

static void
test_utf8_round_trip(void **state)
{
    static const char *const cases[] = {
        "plain ASCII",
        "caf\xc3\xa9",                                 /* é: 2 bytes */
        "天然气 12.5",                                  /* 3 bytes */
        "a\xf0\xa0\x80\x80z",                          /* 𠀀 U+20000: 4 bytes */
        "\xf0\x9f\x98\x80",                            /* 😀 U+1F600 */
        "\xef\xbf\xbd",                                /* U+FFFD itself */
        "\xe3\x80\x80x\xe3\x80\x80",                   /* ideographic spaces are kept */
    };
    struct editor ed;
    size_t i;
    char *got;

    (void)state;
    for (i = 0; i < nitems(cases); i++) {
        editor_init(&ed, cases[i], 10, 0);
        got = editor_text(&ed);
        if (strcmp(got, cases[i]) != 0)
            fail_msg("\"%s\" came back as \"%s\"", cases[i], got);
        free(got);
    }

    editor_init(&ed, "a\xf0\xa0\x80\x80z", 10, 0);
    assert_int_equal(ed.len, 3);
    assert_int_equal(ed.buf[1], 0x20000);
    assert_int_equal(editor_width(&ed), 4);        /* 1 + 2 + 1 */
    editor_left(&ed);
    assert_int_equal(view(&ed).cursor, 3);

    /* typed as a wide character, encoded on the way out */
    editor_init(&ed, NULL, 10, 0);
    assert_int_equal(editor_insert(&ed, (wchar_t)0x20000), 1);
    assert_int_equal(editor_insert(&ed, (wchar_t)0x1f600), 1);
    assert_text(&ed, "\xf0\xa0\x80\x80\xf0\x9f\x98\x80");
    assert_int_equal(editor_width(&ed), 4);
}

static void
test_invalid_utf8(void **state)
{
    /* one U+FFFD per maximal invalid subsequence (Unicode ch. 3, "U+FFFD substitution") */
    static const struct {
        const char *in, *want;
        size_t len;
    } cases[] = {
        {"a\xff" "b", "a" FFFD "b", 3},
        {"\xe5\xa4" "x", FFFD "x", 2},                 /* 天 cut after 2 of 3 bytes */
        {"x\xe5\xa4", "x" FFFD, 2},                    /* ... at the very end */
        {"\xc0\xaf", FFFD FFFD, 2},                    /* overlong '/' */
        {"\xe0\x80\xaf", FFFD FFFD FFFD, 3},           /* overlong, 3 bytes */
        {"\xed\xa0\x80", FFFD FFFD FFFD, 3},           /* surrogate U+D800 */
        {"\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD, 4},  /* U+110000 */
        {"\x80\xbf", FFFD FFFD, 2},                    /* stray continuation bytes */
        {"\xf0\xa0\x80" "z", FFFD "z", 2},             /* 𠀀 missing its last byte */
    };
    struct editor ed;
    size_t i;
    char *got;

    (void)state;
    for (i = 0; i < nitems(cases); i++) {
        editor_init(&ed, cases[i].in, 10, 0);
        got = editor_text(&ed);
        if (strcmp(got, cases[i].want) != 0 || ed.len != cases[i].len)
            fail_msg("case %zu: \"%s\" (%zu chars), want \"%s\" (%zu)", i, got, ed.len,
                     cases[i].want, cases[i].len);
        free(got);
    }
    editor_init(&ed, "", 10, 0);
    assert_int_equal(editor_insert_utf8(&ed, "1\xff" "2"), 3);
    assert_text(&ed, "1" FFFD "2");
}

static void
test_fullwidth_number(void **state)
{
    struct editor ed;
    double v = 0;
    char *cause = NULL, *text;

    (void)state;
    editor_init(&ed, NULL, 20, 0);
    assert_int_equal(editor_insert_utf8(&ed, "１２３。５"), 5);
    assert_int_equal(ed.len, 5);
    assert_int_equal(ed.buf[0], 0xff11);           /* kept full-width, not folded to '1' */
    assert_int_equal(ed.buf[3], 0x3002);           /* 。 */
    assert_int_equal(editor_width(&ed), 10);
    text = editor_text(&ed);
    assert_string_equal(text, "１２３。５");
    assert_int_equal(text_parse_number(text, &v, &cause), ERR_OK);
    assert_null(cause);
    assert_true(v == 123.5);                       /* exact: 123.5 is a binary fraction */
    free(text);
}

static void
test_resize(void **state)
{
    struct editor ed;
    struct shown s;
    size_t i;

    (void)state;
    editor_init(&ed, "abcdefghij", 20, 0);
    editor_home(&ed);
    for (i = 0; i < 8; i++)
        editor_right(&ed);                         /* on i */
    assert_int_equal(view(&ed).cursor, 8);
    editor_resize(&ed, 5);
    s = view(&ed);                 /* i must stay visible: efgh + i */
    assert_int_equal(ed.scroll, 4);
    assert_string_equal(s.text, "efghi");
    assert_int_equal(s.cursor, 4);
    assert_true(s.left);
    assert_true(s.right);
    editor_resize(&ed, 20);        /* room again: back to the start, no blank right */
    s = view(&ed);
    assert_int_equal(ed.scroll, 0);
    assert_string_equal(s.text, "abcdefghij");
    assert_int_equal(s.cursor, 8);
    assert_false(s.left);
    assert_false(s.right);

    /* a width under 2 counts as 2, so a wide character still fits */
    editor_init(&ed, "天然", 1, 0);
    assert_int_equal(ed.cols, 2);
    editor_left(&ed);
    s = view(&ed);
    assert_string_equal(s.text, "然");
    assert_int_equal(s.cursor, 0);
    editor_resize(&ed, 0);
    assert_int_equal(ed.cols, 2);

    /* cols set directly below 2 (bypassing the clamp) is safe: nothing wider is written */
    ed.cols = 1;
    s = view(&ed);
    assert_string_equal(s.text, "");
    assert_int_equal(s.cursor, 0);
    assert_int_equal(ed.scroll, 1);
    editor_end(&ed);
    assert_int_equal(view(&ed).cursor, 0);
    assert_int_equal(ed.scroll, 2);
}

static void
test_view_small_buffer(void **state)
{
    struct editor ed;
    wchar_t out[3];
    int cursor;

    (void)state;
    editor_init(&ed, "abcdef", 10, 0);
    editor_home(&ed);
    cursor = editor_view(&ed, out, nitems(out), NULL, NULL);
    assert_int_equal(cursor, 0);
    assert_true(wcscmp(out, L"ab") == 0);          /* two characters and the NUL */
    editor_end(&ed);
    assert_int_equal(editor_view(&ed, out, 1, NULL, NULL), 6);
    assert_int_equal(out[0], L'\0');
}

/* Checks what every view must satisfy, whatever led to it. */
static void
check_invariants(struct editor *ed)
{
    wchar_t out[EDITOR_MAX + 1];
    int cursor, left, right, under;
    size_t n;

    assert_true(ed->pos <= ed->len && ed->len <= EDITOR_MAX && ed->buf[ed->len] == L'\0');
    cursor = editor_view(ed, out, nitems(out), &left, &right);
    n = wcslen(out);
    assert_true(wmemcmp(out, ed->buf + ed->scroll, n) == 0);
    assert_true(ed->scroll <= ed->pos && ed->pos <= ed->scroll + n);
    /* the cursor sits after the shown characters before it, and its cell fits */
    assert_int_equal(cursor, wcswidth(out, ed->pos - ed->scroll));
    under = ed->pos < ed->len ? wcwidth(ed->buf[ed->pos]) : 1;
    assert_true(cursor + under <= ed->cols);
    /* everything that fits is shown */
    assert_true(wcswidth(out, n) <= ed->cols);
    if (ed->scroll + n < ed->len)
        assert_true(wcswidth(out, n) + wcwidth(ed->buf[ed->scroll + n]) > ed->cols);
    assert_int_equal(left, ed->scroll > 0);
    assert_int_equal(right, ed->scroll + n < ed->len);
    /* no blank columns on the right that the character hidden on the left would fill */
    if (ed->scroll > 0)
        assert_true(wcswidth(ed->buf + ed->scroll - 1, EDITOR_MAX) + (ed->pos == ed->len)
                    > ed->cols);
}

static void
test_random_edits(void **state)
{
    static const wchar_t pool[] = {L'a', L'9', L'天', L'１', 0x20000, L'\t', 0x301, 0x1b};
    struct editor ed, again;
    unsigned long r = 12345;
    char *text;
    int i;

    (void)state;
    editor_init(&ed, "ab天然气cd", 7, 40);
    for (i = 0; i < 20000; i++) {
        r = r * 1103515245 + 12345;      /* fixed LCG: the same sequence every run */
        switch (r >> 16 & 15) {
        case 0: case 1: case 2: case 3: case 4: case 5:
            editor_insert(&ed, pool[(r >> 20) % nitems(pool)]);
            break;
        case 6:
            editor_backspace(&ed);
            break;
        case 7:
            editor_delete(&ed);
            break;
        case 8: case 9:
            editor_left(&ed);
            break;
        case 10:
            editor_right(&ed);
            break;
        case 11:
            editor_home(&ed);
            break;
        case 12:
            editor_end(&ed);
            break;
        case 13:    /* rarely empty the field, so the text grows long enough to scroll */
            if ((r >> 20) % 16 == 0)
                editor_clear(&ed);
            else
                editor_kill_end(&ed);
            break;
        default:
            editor_resize(&ed, 2 + (int)((r >> 20) % 12));
            break;
        }
        check_invariants(&ed);
    }
    /* what the editor holds survives a trip through UTF-8 unchanged */
    text = editor_text(&ed);
    editor_init(&again, text, ed.cols, 40);
    assert_int_equal(again.len, ed.len);
    assert_true(wmemcmp(again.buf, ed.buf, ed.len) == 0);
    free(text);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_mixed),
        cmocka_unit_test(test_insert_middle),
        cmocka_unit_test(test_delete_around_wide),
        cmocka_unit_test(test_narrow_field),
        cmocka_unit_test(test_typing_scrolls),
        cmocka_unit_test(test_home_end_scroll),
        cmocka_unit_test(test_delete_fills_right),
        cmocka_unit_test(test_max_chars),
        cmocka_unit_test(test_refuses_unprintable),
        cmocka_unit_test(test_init_replaces_hidden),
        cmocka_unit_test(test_utf8_round_trip),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_fullwidth_number),
        cmocka_unit_test(test_resize),
        cmocka_unit_test(test_view_small_buffer),
        cmocka_unit_test(test_random_edits),
    };

    /* wcwidth needs a UTF-8 LC_CTYPE, as the program sets it up */
    if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) {
        fprintf(stderr, "test_editor: no C.UTF-8 locale\n");
        return 1;
    }
    return cmocka_run_group_tests_name("editor", tests, NULL, NULL);
}
