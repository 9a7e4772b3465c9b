/*
 * editor.h - a one-line editor for a form field: a wide-character buffer, a cursor and a horizontal
 * scroll measured in display columns (CJK characters take 2). Pure: no curses; the screen code draws
 * what editor_view gives it. Widths come from wcwidth, so LC_CTYPE must be UTF-8 (main sets C.UTF-8
 * when the environment's locale is not); the UTF-8 conversion itself does not depend on the locale.
 *
 * The buffer only ever holds characters that take one or two columns: controls and zero-width
 * characters (combining marks, zero-width space, variation selectors) are refused when typed, and
 * replaced when they come with the initial text (see editor_init). So cursor moves by one character
 * are always moves by one visible cell.
 */
#ifndef TANBOOK_EDITOR_H
#define TANBOOK_EDITOR_H

#include <stddef.h>
#include <wchar.h>

#define EDITOR_MAX 512              /* characters */

struct editor {
    wchar_t buf[EDITOR_MAX + 1];    /* NUL-terminated */
    size_t len;                     /* characters in buf */
    size_t pos;                     /* cursor, 0..len, in characters */
    size_t scroll;                  /* first visible character */
    int cols;                       /* display columns of the field on screen (>= 2; set it
                                       with editor_resize, which clamps: below 2 a wide character
                                       under the cursor cannot be shown) */
    size_t max_chars;               /* input limit in characters, 0 = EDITOR_MAX */
};

/*
 * Starts editing utf8 (NULL = empty) in a field cols wide (less than 2 counts as 2); cursor at the
 * end. Invalid UTF-8 becomes U+FFFD (one per maximal invalid subsequence, as Unicode recommends);
 * tab, CR, LF, VT and FF become a space; any other character editor_insert would refuse becomes
 * U+FFFD, so nothing hidden is kept. Text beyond EDITOR_MAX characters is dropped; text beyond
 * max_chars is kept (only typing is limited), so opening a field never loses what it held.
 */
void editor_init(struct editor *ed, const char *utf8, int cols, size_t max_chars);
/*
 * Inserts ch at the cursor. Returns 0 (and changes nothing) for a character that is not printable
 * (iswprint false, a control, or wcwidth < 1: combining marks are refused) or when the field holds
 * max_chars characters; 1 when inserted. Full-width characters are kept as typed (the caller's number
 * parser, text_parse_number, reads full-width digits and 。).
 */
int editor_insert(struct editor *ed, wchar_t ch);
/* Inserts a UTF-8 string (a paste, or tmux send-keys -l delivering several chars), skipping what
   editor_insert refuses (invalid UTF-8 is inserted as U+FFFD); returns the characters inserted. */
size_t editor_insert_utf8(struct editor *ed, const char *utf8);
void editor_backspace(struct editor *ed);     /* deletes before the cursor */
void editor_delete(struct editor *ed);        /* deletes at the cursor */
void editor_left(struct editor *ed);
void editor_right(struct editor *ed);
void editor_home(struct editor *ed);
void editor_end(struct editor *ed);
void editor_clear(struct editor *ed);         /* Ctrl-U: empty the field */
void editor_kill_end(struct editor *ed);      /* Ctrl-K: delete from the cursor to the end */
/* The field's width changed (terminal resize); less than 2 counts as 2. */
void editor_resize(struct editor *ed, int cols);
/* The text as UTF-8 (caller frees; never NULL). */
char *editor_text(const struct editor *ed);
/* Display width of the whole text. */
int editor_width(const struct editor *ed);
/*
 * The visible part: adjusts scroll so the cursor is visible (a wide character under the cursor is
 * shown whole; at the end of the text the cursor takes one column past the last character), writes
 * at most cols display columns of characters starting at scroll into out (NUL-terminated wide
 * string, at most outsize - 1 characters: cols + 1 is always enough; a wide character that would be
 * cut at the right edge is not written), and returns the cursor's display column within the field
 * (0..cols-1). *more_left / *more_right (may be NULL) tell whether text is hidden on either side
 * (the screen draws a marker).
 *
 * Scrolling: the view moves only as far as the cursor needs, and never leaves blank columns on the
 * right while text is hidden on the left (after a delete or a resize it scrolls back).
 */
int editor_view(struct editor *ed, wchar_t *out, size_t outsize, int *more_left, int *more_right);

#endif
