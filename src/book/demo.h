/* demo.h - the built-in demo workbook (a filled-in example office, 2023 and 2024). */
#ifndef TANBOOK_DEMO_H
#define TANBOOK_DEMO_H

#include "app.h"
#include "base/err.h"

/*
 * Writes the demo workbook to path, as one transaction. With replace, an existing workbook at
 * path is replaced (never a file that is not a workbook: ERR_IO, and it stays); otherwise path
 * must not exist. On error nothing is left at path (*cause, caller frees).
 */
enum err demo_create(const struct app *app, const char *path, int replace, char **cause);
/* The demo unit's 单位名称. */
const char *demo_unit_name(void);

#endif
