/*
 * xlsx_patch.h - edits a finished .xlsx for what libxlsxwriter 1.1.4 cannot write: the default
 * font's name, and quotePrefix on the cell formats marked with format_set_hidden().
 */
#ifndef TANBOOK_XLSX_PATCH_H
#define TANBOOK_XLSX_PATCH_H

/* Rewrites path in place; NULL, or why it could not (a Chinese phrase or strerror text). */
const char *xlsx_patch(const char *path, const char *font_name);

#endif
