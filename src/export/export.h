/*
 * export.h - writes a reporting year as an Excel workbook in the standard's table layouts
 * (A.1–A.6), plus monthly detail and charts. Reads only the neutral report model and the forms;
 * export_xlsx.c is the one file that knows libxlsxwriter.
 */
#ifndef TANBOOK_EXPORT_H
#define TANBOOK_EXPORT_H

#include "base/err.h"
#include "data/forms.h"
#include "core/report.h"

/*
 * Writes r as an .xlsx at path: into a temporary file in the same directory, renamed over path
 * when complete, so path is either the whole new file or untouched. The same report gives a
 * byte-identical file. libxlsxwriter's own stderr messages are discarded (safe under curses).
 * ERR_IO with *cause (Chinese, naming path; caller frees) when it cannot be written; nothing is
 * left behind then.
 */
enum err export_xlsx(const struct form_set *fs, const struct report *r, const char *path,
                     char **cause);

#endif
