/*
 * export_rollup.h - the regional roll-up written out (export_rollup.c): an Excel workbook of
 * its own (汇总, the rankings, the distribution chart, the files not used, the conflicts), and the
 * JSON of `tanbook rollup --json`, whose keys are a contract (docs/rollup.md). Both read a
 * finished struct rollup (rollup_finish called) and never change it.
 */
#ifndef TANBOOK_EXPORT_ROLLUP_H
#define TANBOOK_EXPORT_ROLLUP_H

#include "base/err.h"
#include "core/rollup.h"
#include "data/forms.h"

/*
 * Writes ru as an .xlsx at path, whole or not at all (export.h's contract), labels in lang.
 * ERR_IO with *cause (Chinese, naming path; caller frees) when it cannot; ERR_USAGE for "-".
 */
enum err export_rollup_xlsx(const struct rollup *ru, enum lang lang, const char *path,
                            char **cause);
/* The JSON of ru (units, totals, skipped, conflicts), ending in a newline; caller frees. */
char *export_rollup_json(const struct rollup *ru);

#endif
