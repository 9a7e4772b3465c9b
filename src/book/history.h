/*
 * history.h - what an undo or redo did, in words: the message shown after Ctrl-Z or Ctrl-Y, made
 * from the facts storage hands back (struct store_action) with the labels of forms/ and the
 * names of the factor library, in the interface language.
 */
#ifndef TANBOOK_HISTORY_H
#define TANBOOK_HISTORY_H

#include "data/factors.h"
#include "data/forms.h"
#include "store/store.h"

/*
 * The message for action a, as it was made: "建筑面积：1200 → 1500",
 * "删除排放源 天然气（炉灶）及其 12 条活动数据", "批量修改：排放源 2 个、活动数据 24 条"; in English
 * "Building floor area: 1200 → 1500", "Deleted Natural gas (炉灶) and its 12 values",
 * "Batch change: 2 sources, 24 values". fs and lib may be NULL: keys and source ids stand in for
 * labels and names. Never NULL; the caller frees it.
 */
char *history_describe(const struct store_action *a, const struct form_set *fs,
                       const struct factor_lib *lib, enum lang lang);

#endif
