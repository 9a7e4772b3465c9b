/*
 * book_rollup.h - a regional roll-up gathered from workbook files: the files named and the
 * *.tanbook files under the directories named, each opened read-only (never written, never
 * migrated), one unit-year from each into a struct rollup (core/rollup.h), a file that cannot be
 * used kept with its reason. Nothing here prints; the caller is told of each file done.
 */
#ifndef TANBOOK_BOOK_ROLLUP_H
#define TANBOOK_BOOK_ROLLUP_H

#include <stddef.h>

#include "app.h"
#include "core/rollup.h"
#include "data/forms.h"

/* Told after each file: done of total files (the directories expanded). */
typedef void (*book_rollup_progress)(size_t done, size_t total, void *ctx);

/*
 * Gathers paths (npaths files or directories) into *ru (zeroed by the call; rollup_free it):
 * a directory is searched recursively for files named *.tanbook (hidden entries, whose names
 * begin with ".", and symbolic links to directories are not followed; the files of a directory in
 * name order); a file named is taken whatever its name; a file met twice (by its real path) once.
 * From each file: year (0: the file's latest year), its A.4 figures as `summary` computes them,
 * complete when `check` finds no error, the change of the total against the base period as
 * reported (when a base is set and computable), the grade of the year's evaluations (when an
 * assessor has entered any; labels in lang). A file that cannot be opened as a workbook (broken,
 * not a workbook, of a newer format, unreadable), lacks the year or cannot be computed is a skip
 * with the reason. rollup_finish has been called. progress (may be NULL) is told after each file.
 */
void book_rollup(const struct app *app, const char *const *paths, size_t npaths, int year,
                 enum lang lang, book_rollup_progress progress, void *ctx, struct rollup *ru);

#endif
