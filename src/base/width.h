/* width.h - display width of UTF-8 text in terminal columns (CJK characters take two). */
#ifndef TANBOOK_WIDTH_H
#define TANBOOK_WIDTH_H

#include "base/strbuf.h"

/* Columns s occupies; needs a UTF-8 LC_CTYPE. Invalid bytes and controls count one each. */
int width_of(const char *s);
/* Appends s and then blanks up to `width` columns (s is never cut). */
void width_pad(struct strbuf *sb, const char *s, int width);
/* Appends blanks and then s, so that it ends at `width` columns. */
void width_pad_left(struct strbuf *sb, const char *s, int width);

#endif
