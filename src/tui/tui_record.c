/*
 * tui_record.c - the screen of a record form (表A.1 基本信息): a label and a value per row, the
 * focus staying in the value column; Enter saves and moves down, Del clears a value.
 */
#include "tui/tui_int.h"

const struct tui_kind tui_kind_record = {
    .kind = SK_RECORD,
    .one_column = 1,
    .build = tui_table_build,
    .draw = tui_table_draw,
    .key = tui_table_key,
    .commit = tui_table_commit,
    .help = tui_table_help,
    .del = tui_table_del,
};
