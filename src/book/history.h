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

#include <time.h>

/*
 * The message for action a, as it was made: "建筑面积：1200 → 1500",
 * "删除排放源 天然气（炉灶）及其 12 条活动数据", "批量修改：排放源 2 个、活动数据 24 条"; in English
 * "Building floor area: 1200 → 1500", "Deleted Natural gas (炉灶) and its 12 values",
 * "Batch change: 2 sources, 24 values". fs and lib may be NULL: keys and source ids stand in for
 * labels and names. Never NULL; the caller frees it.
 */
char *history_describe(const struct store_action *a, const struct form_set *fs,
                       const struct factor_lib *lib, enum lang lang);

/*
 * Who made an action, for the message line: "命令行导入（14:02）", "另一个工作簿窗口（2026-12-01
 * 09:30）"; English "a command-line import (14:02)". The time is local, with the date when it is
 * not the day of now; without a time when the log has none. Never NULL; the caller frees it.
 */
char *history_origin(const struct store_origin *o, time_t now, enum lang lang);
/* What made it, without the time ("命令行导入", "a command-line import"): a static text. */
const char *history_program(const struct store_origin *o, enum lang lang);
/*
 * Why an undo (redo 0) or redo was refused when a row changed since, naming the action that
 * changed it (by, from struct store_action's conflict): "无法撤销：该修改之后，命令行导入（14:02）
 * 又改动了这些数据". Never NULL; the caller frees it.
 */
char *history_conflict(const struct store_origin *by, int redo, time_t now, enum lang lang);

#endif
