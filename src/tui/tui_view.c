/*
 * tui_view.c - the screen of a computed table (表A.2 用能情况, 表A.4 碳排放汇总表): read-only,
 * recomputed from the activity data and factors; Enter says why nothing can be typed here. F2
 * changes what the view is computed against where its sheet offers settings (P.1: the base period).
 */
#include "tui/tui_int.h"

const struct tui_kind tui_kind_view = {
    .kind = SK_VIEW,
    .build = tui_table_build,
    .draw = tui_table_draw,
    .key = tui_table_key,
    .help = tui_table_help,
    .settings = tui_table_settings,
};
