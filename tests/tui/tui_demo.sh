#!/bin/bash
# tui_demo.sh - the terminal workbook on the built-in demo and on the default workbook: the
# computed tables, a factor override and its restoration, deleting a source and undoing it,
# English labels, SIGTERM, a locked file.
# The demo's 2024 total, 779.24 tCO₂e, is hand-checked in tests/cli/cli_basic.sh and test_engine.c.
. "$(dirname "$0")/lib.sh"

DEMO="$TMP/data/tanbook/demo.tanbook"

tt_start 80 24 --demo
tt_wait '示例县机关事务服务中心'
tt_wait '碳排放总量 779.24 tCO₂e'
[ -f "$DEMO" ] || note "--demo did not write $DEMO"
verdict "--demo opens a fresh demo workbook under \$XDG_DATA_HOME/tanbook"
tt_keys F10
tt_wait_exit 5 >/dev/null

# No file named: the default workbook beside the demo, asked for once, then simply reopened.
tt_start 80 24
tt_wait "新建工作簿：$TMP/data/tanbook/workbook.tanbook"
tt_type '某县实验小学'
tt_keys Enter
tt_wait '报告年度：'
tt_keys C-u
tt_type '2024'
tt_keys Enter
tt_wait '某县实验小学 │ 2024年度'
tt_keys F10
tt_wait_exit 5 >/dev/null
tt_start 80 24
tt_wait '某县实验小学 │ 2024年度'
tt_keys F10
tt_wait_exit 5 >/dev/null
run tb summary "$TMP/data/tanbook/workbook.tanbook" --json
expect_json "unit of the default workbook" 'd["unit"]' '某县实验小学'
verdict "tanbook alone creates \$XDG_DATA_HOME/tanbook/workbook.tanbook, and reopens it the next time"

tt_start 80 24 --demo
tt_wait '碳排放总量 779.24 tCO₂e'

tt_keys C-z
tt_wait '不能在本年度中撤销'
tt_wait '碳排放总量 779.24 tCO₂e'
tt_wait '示例县机关事务服务中心'
verdict "Ctrl-Z never undoes the creation of the year on screen"

# mouse: the step bar at 80 columns reads " ✓A.1✓A.3✓A.5✓A.6✓A.2✓A.4 P.1 … E.2 导出" (4 columns a step)
tt_click 8 1
tt_wait '表A.3 碳排放源一览表'
tt_click 45 5          # row 2 (天然气), column 排放设施名称 (screen columns 39-54)
tt_wait '如 炉灶、锅炉'
tt_click 2 1
tt_wait '表A.1 基本信息'
verdict "a click on the step bar opens that table, a click on a cell focuses it"

tt_keys NPage NPage NPage NPage
tt_wait '表A.2 用能情况'
tt_wait '年度综合能耗当量值(tce)'
tt_wait '外购电力'
tt_keys NPage
tt_wait '表A.4 碳排放汇总表'
tt_wait '净购入电力与热力产生的排放'
tt_wait '单位建筑面积碳排放量'
tt_wait '█'
tt_keys Enter
tt_wait '不能直接修改'
verdict "A.2 and A.4 are computed, read-only, with a bar chart of emissions by source"

# A.6: the rows are 汽油, 柴油, 天然气, 外购电力, 外购热力; go to 外购电力's value
tt_keys PPage PPage
tt_wait '表A.6 排放因子数据'
tt_wait '0.5306'
tt_keys Down Down Down
tt_type '0.6'
tt_keys Enter
tt_wait '请在“数据来源”注明'
tt_wait '请注明来源'
tt_type '某县供电局 2024 年实测'
tt_keys Enter
tt_wait '已保存因子来源'
run tb summary "$DEMO" --json
expect_out_contains '"factor": 0.6, "factor_unit": "tCO₂/MWh", "factor_source": "某县供电局 2024 年实测"'
tt_keys Left Left DC
tt_wait '恢复为因子库默认值'
tt_keys y
tt_wait '已恢复默认因子'
tt_wait '碳排放总量 779.24 tCO₂e'
verdict "A.6 takes an overridden factor with its source, Del restores the library value"

tt_keys F2
tt_wait '排放因子设置'
tt_type '浙江'
tt_wait '电力排放因子：浙江（省级）'
tt_keys Enter
tt_wait '电力因子地区：浙江'
tt_wait '0.5153'
run tb summary "$DEMO" --json
expect_out_contains '"factor": 0.5153, "factor_unit": "tCO₂/MWh"'
tt_keys F2
tt_wait '排放因子设置'
tt_type '全国'
tt_keys Enter
tt_wait '电力因子地区：全国'
tt_wait '碳排放总量 779.24 tCO₂e'
verdict "F2 on A.6 switches the electricity factor to 浙江 (2022 provincial 0.5153, the latest shipped) and back"

tt_keys PPage PPage
tt_wait '表A.3 碳排放源一览表'
tt_keys DC
tt_wait '条活动数据？'
tt_keys n
tt_wait_gone '条活动数据？'
tt_wait '碳排放总量 779.24 tCO₂e'
tt_keys DC
tt_wait '条活动数据？'
tt_keys y
tt_wait '已删除'
tt_wait_gone '碳排放总量 779.24 tCO₂e'
tt_keys C-z
tt_wait '已撤销'
tt_wait '碳排放总量 779.24 tCO₂e'
verdict "Del on A.3 asks first (n keeps the row), deletes on y, Ctrl-Z brings it back"
tt_keys F10
tt_wait_exit 5 >/dev/null

tt_start 120 30 "$DEMO"
tt_wait '实时汇总'
tt_wait '外购电力 614.43'
tt_wait "范围一 83.41"
tt_wait "范围二 695.83"
tt_wait "  逸散排放 0.00"              # fugitive apart from fuels, as A.4 has them
tt_wait '综合能耗 212.72 tce'
tt_keys F10
tt_wait_exit 5 >/dev/null
verdict "a wide terminal shows the live panel as a column with the breakdown"

tt_start 100 30 --lang en "$DEMO"
tt_wait 'Table A.1 Basic information'
tt_wait 'Organization name'
tt_wait 'Total 779.24 tCO₂e'
verdict "--lang en shows the English labels from forms/"
tt_keys F10
tt_wait_exit 5 >/dev/null

TT_ENV=LC_ALL=en_US.UTF-8 tt_start 100 30 "$DEMO"
tt_wait 'Table A.1 Basic information'
tt_wait '示例县机关事务服务中心'
verdict "an en_US locale (not even generated here) switches to English labels, Chinese text still shows"

kill -TERM "$(tt_pid)"
rc=$(tt_wait_exit 5)
expect_eq "exit code after SIGTERM" "$rc" 143
verdict "SIGTERM ends the program cleanly (exit 143)"

tt_start 100 30 "$DEMO"
tt_wait '示例县机关事务服务中心'
kill -HUP "$(tt_pid)"
rc=$(tt_wait_exit 5)
expect_eq "exit code after SIGHUP" "$rc" 129
verdict "SIGHUP (the terminal went away) ends the program cleanly (exit 129)"

# Another program holds the write lock: an edit is refused with a message and kept in the field.
/usr/bin/python3 - "$DEMO" "$TMP/locked" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
c.execute("INSERT INTO unit_info (key, value) VALUES ('lock_probe', '1')")
open(sys.argv[2], "w").close()
time.sleep(30)
PY
T_PIDS+=($!)
_tt_poll 5 test -f "$TMP/locked" || note "the lock holder did not start"
TT_ENV=TANBOOK_BUSY_TIMEOUT_MS=200 tt_start 100 30 "$DEMO"
tt_wait '示例县机关事务服务中心'
tt_keys Down Down       # past 统一社会信用代码 to 地址
tt_type '新地址'
tt_keys Enter
tt_wait '占用'
tt_wait '编辑中'
kill "${T_PIDS[-1]}"
wait "${T_PIDS[-1]}" 2>/dev/null
tt_keys Enter
tt_wait '已保存“地址”'
tt_keys F10
tt_wait_exit 5 >/dev/null
run tb summary "$DEMO" --json
expect_rc 0
verdict "a workbook locked by another program gives a message and keeps the typed text until it can be saved"

done_testing
