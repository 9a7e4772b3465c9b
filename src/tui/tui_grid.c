/*
 * tui_grid.c - the screen of a grid form (表A.3, A.5, A.6): rows × columns with headers, frozen
 * leading columns and sideways scrolling; typing edits a cell in place, Ins adds a row, Del
 * clears a cell or deletes a row (asking first), F2 changes the step's settings.
 */
#include "tui/tui_int.h"

const struct tui_kind tui_kind_grid = {
    .kind = SK_GRID,
    .build = tui_table_build,
    .draw = tui_table_draw,
    .key = tui_table_key,
    .commit = tui_table_commit,
    .help = tui_table_help,
    .add = tui_table_add,
    .del = tui_table_del,
    .settings = tui_table_settings,
};
