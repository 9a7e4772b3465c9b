#!/bin/bash
# tui_years.sh - the terminal workbook on a copy of the demo: F3 switches between the workbook's
# years and adds a year that keeps the emission sources; Del clears one cell (Ctrl-Z brings it
# back); Ctrl-S saves the field being edited; Ctrl-N adds a source; the help screen scrolls;
# under --lang en the undo message is English.
#
# Hand calculation (reference/factors.md; both years use the 2023 national grid factor 0.5306):
#   2023 外购电力 1 190 300 kWh = 1190.3 MWh × 0.5306 = 631.573 tCO₂ → "631.57"
#   2024 外购电力 1 158 000 kWh = 1158 MWh × 0.5306 = 614.4348 → "614.43"
#   2024 without January's 98 000 kWh: 1060 MWh × 0.5306 = 562.436 → "562.44"
. "$(dirname "$0")/lib.sh"

WB="$TMP/years.tanbook"
tb demo "$WB" >/dev/null 2>&1 || note "setup: demo failed"

tt_start 80 24 "$WB"
tt_wait '2024年度'
tt_wait '外购电力 614.43'
tt_keys F3
tt_wait '切换或添加年度'
tt_wait '2024 年度 ← 当前'
tt_wait '添加年度…（沿用 2024 年度的排放源）'
tt_keys Down Enter
tt_wait '已切换到 2023 年度'
tt_wait '2023年度'
tt_wait '外购电力 631.57'
verdict "F3 lists the years, newest first, and switches to 2023 with its own figures"

tt_keys F3
tt_wait '切换或添加年度'
tt_keys Up Enter                    # up from the first item wraps to 添加年度…
tt_wait '添加年度：2025'             # the year after the latest is offered
tt_keys C-u
tt_type 'abc'
tt_keys Enter
tt_wait '“abc”不是有效的年度，应为四位数字'
tt_wait '添加年度：abc'                # kept, to be corrected
tt_keys C-u
tt_type '2025'
tt_keys Enter
tt_wait '已添加 2025 年度，沿用了 5 个排放源；请填写本年度的建筑面积、用能人数'
tt_wait '2025年度'
tt_wait '碳排放总量 0.00 tCO₂e'
tt_wait '建筑面积         （必填）'
run "$PY" -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
def entries(y):
    return sorted(db.execute("SELECT source, facility, location FROM inventory WHERE year = ?", (y,)))
print(entries(2025) == entries(2023), len(entries(2025)),
      db.execute("SELECT count(*) FROM activity JOIN inventory ON inventory.id = inventory_id "
                 "WHERE year = 2025").fetchone()[0])
' "$WB"
expect_out_contains 'True 5 0'
run tb summary "$WB" --year 2025 --json
expect_json_approx "2025 total" 'd["total_tco2e"]' 0
run tb summary "$WB" --year 2023 --json
expect_json_approx "2023 electricity (unchanged)" 'src("electricity")["tco2e"]' 631.573
verdict "F3 adds 2025 with 2023's five sources and no figures, other years untouched"

tt_keys F3
tt_wait '2025 年度 ← 当前'
tt_keys Up Enter
tt_wait '添加年度：2026'
tt_keys C-u
tt_type '2024'
tt_keys Enter
tt_wait '已切换到 2024 年度'
tt_wait '外购电力 614.43'
verdict "adding a year the workbook already has switches to it instead"

# Del on an A.5 month clears that month; Ctrl-Z brings it back. Focus starts on 外购电力's 1月.
tt_keys NPage NPage
tt_wait '表A.5 碳排放活动水平数据'
tt_keys DC
tt_wait '已清除“外购电力（办公楼用电） 1月”'
tt_wait '外购电力 562.44'
tt_keys C-z
tt_wait '已撤销'
tt_wait '外购电力 614.43'
verdict "Del on an A.5 month clears it (562.44 without January), Ctrl-Z restores 614.43"

# data_source SOURCE_ID - the 数据来源 of each of that source's 2024 values, distinct, in the file.
data_source() {
    run "$PY" -c '
import sqlite3, sys
print(sorted({r[0] for r in sqlite3.connect(sys.argv[1]).execute(
    "SELECT data_source FROM activity JOIN inventory ON inventory.id = inventory_id "
    "WHERE year = 2024 AND source = ?", (sys.argv[2],))}))
' "$WB" "$1"
}

tt_keys End Left                    # 数据来源, before 备注 (the last column)
tt_keys DC
tt_wait '已清除“外购电力（办公楼用电） 数据来源”'
data_source electricity
expect_out_contains "['']"
tt_keys C-z
tt_wait '已撤销'
data_source electricity
expect_out_contains "['电费账单']"
verdict "Del on A.5's 数据来源 clears it for the row's twelve values, Ctrl-Z restores 电费账单"

# On A.3 a facility is cleared; the source column still stands for the whole row.
tt_keys PPage
tt_wait '表A.3 碳排放源一览表'
tt_keys Right                       # 排放设施名称 of 外购电力
tt_keys DC
tt_wait '已清除“外购电力 排放设施名称”'
tt_wait_gone '办公楼用电'
tt_keys C-z
tt_wait '办公楼用电'
tt_keys Left DC
tt_wait '条活动数据？'
tt_keys n
tt_wait_gone '条活动数据？'
verdict "Del on an A.3 facility clears it (Ctrl-Z restores), on the source it asks to delete the row"

# Del on an A.1 field clears it; 占地面积 is the fifth row.
tt_keys PPage
tt_wait '表A.1 基本信息'
tt_keys Down Down Down Down
tt_wait '占地面积         8600'
tt_keys DC
tt_wait '已清除“占地面积”'
tt_wait_gone '8600'
tt_keys C-z
tt_wait '占地面积         8600'
verdict "Del on an A.1 field clears it, Ctrl-Z brings 8600 back"

# Ctrl-S while editing saves the field (联系人, two rows down); outside an edit it says why
# there is nothing to save.
tt_keys Down Down
tt_keys Enter C-u
tt_type '张三'
tt_keys C-s
tt_wait '已保存“联系人”'
tt_wait '联系人           张三'
tt_keys C-s
tt_wait '无需另行保存'
run "$PY" -c '
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT value FROM unit_info WHERE key = ?", ("contact",)).fetchone()[0])
' "$WB"
expect_out_contains '张三'
verdict "Ctrl-S saves the field being edited (张三 is in the file); elsewhere it says nothing is unsaved"

# Ctrl-N adds a source, for keyboards without an Insert key.
tt_keys NPage
tt_wait '表A.3 碳排放源一览表'
tt_keys C-n
tt_wait '添加排放源'
tt_keys Escape
tt_wait_gone '添加排放源'
verdict "Ctrl-N opens the list of sources to add, Esc closes it"

# At 80x24 the help is longer than the screen: it scrolls.
tt_keys F1
tt_wait '↓ 还有更多（↑↓ 翻看）'
tt_keys NPage NPage NPage
tt_wait '↑ 上面还有（↑↓ 翻看）'
tt_keys Escape
tt_wait '表A.3 碳排放源一览表'
verdict "F1 help longer than the screen scrolls with PgDn and says more is above"

tt_keys F10
rc=$(tt_wait_exit 5)
expect_eq "exit code" "$rc" 0
verdict "F10 quits with exit code 0"

# Under --lang en, Ctrl-Z says what it undid in English, with the forms' English labels.
WB_EN="$TMP/en.tanbook"
tb demo "$WB_EN" >/dev/null 2>&1 || note "setup: demo failed"
tt_start 80 24 --lang en "$WB_EN"
tt_wait 'Table A.1 Basic information'
tt_wait 'Building floor area    12500'
tt_keys Down Down Down              # Building floor area, the fourth row
tt_keys Enter C-u
tt_type '13000'
tt_keys Enter
tt_wait 'Building floor area    13000'
tt_keys C-z
tt_wait 'Undone: Building floor area: 12500 → 13000'
tt_wait 'Building floor area    12500'
tt_keys C-y
tt_wait 'Redone: Building floor area: 12500 → 13000'
tt_keys F10
tt_wait_exit 5 >/dev/null
verdict "under --lang en Ctrl-Z and Ctrl-Y say what they did in English"

done_testing
