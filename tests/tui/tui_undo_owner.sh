#!/bin/bash
# tui_undo_owner.sh - undo is the window's own. A terminal workbook edits 建筑面积, then a
# command-line import writes beside it: the window reloads and says another program changed the
# workbook, naming the import. Ctrl-Z says the last change came from the import (with its time)
# and asks; the second Ctrl-Z undoes the window's own edit and leaves the import's value. With
# nothing of its own left, Ctrl-Z asks before the import's change, and a confirmed Ctrl-Z undoes
# it. A workbook nobody of this window changed asks before its first Ctrl-Z too. An undo whose
# row another program changed since (tanbook set --area over the window's 建筑面积) is refused,
# naming that program, and the file keeps the other program's value.
#
# Hand calculation (the demo's 2024, tanbook summary --json): 碳排放总量 779.242995 tCO₂e;
#   over 12 500 m²: 779 242.995 kg / 12 500 = 62.339 → "62.34 kgCO₂e/m²"
#   over  9 000 m²: 779 242.995 kg /  9 000 = 86.583 → "86.58 kgCO₂e/m²"
#   外购电力 1 158 000 kWh = 1158 MWh × 0.5306 = 614.4348 → "外购电力 614.43"; the import makes
#   2024-01 98 000 → 198 000 kWh: 1258 MWh × 0.5306 = 667.4948 → "外购电力 667.49", and the
#   total 779.242995 + 100 × 0.5306 = 832.302995 tCO₂e over 12 500 m² = 66.584 → "66.58 kgCO₂e/m²".
# The focus starts on 单位名称; Down Down Down (past 统一社会信用代码 and 地址) is 建筑面积.
. "$(dirname "$0")/lib.sh"

WB="$TMP/owner.tanbook"
tb demo "$WB" >/dev/null 2>&1 || note "setup: demo failed"

# area FILE - the 2024 建筑面积 in the workbook, as summary reads it.
area() {
    "$TB" summary "$1" --json | "$PY" -c 'import json, sys; print(json.load(sys.stdin)["building_area_m2"])'
}

# jan FILE - the 2024-01 外购电力 quantity in the file.
jan() {
    "$PY" -c '
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
print(db.execute("SELECT a.quantity FROM activity a JOIN inventory i ON i.id = a.inventory_id "
                 "WHERE i.source = ? AND a.period = ?", ("electricity", "2024-01")).fetchone()[0])
' "$1"
}

# when PROGRAM - the time the screen gives the latest action of PROGRAM: its first log row's UTC
# time in local time, HH:MM on the day it was made, else YYYY-MM-DD HH:MM (as history_origin).
when() {
    "$PY" -c '
import calendar, sqlite3, sys, time
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
at = db.execute("SELECT min(l.at) FROM edit_log l WHERE l.kind = 0 AND l.action = "
                "(SELECT max(id) FROM edit_action WHERE program = ?)", (sys.argv[2],)).fetchone()[0]
t = time.localtime(calendar.timegm(time.strptime(at, "%Y-%m-%dT%H:%M:%SZ")))
same = time.strftime("%Y-%m-%d", t) == time.strftime("%Y-%m-%d", time.localtime())
print(time.strftime("%H:%M" if same else "%Y-%m-%d %H:%M", t))
' "$WB" "$1"
}

tt_start 100 30 "$WB"
tt_wait '62.34 kgCO₂e/m²'
tt_wait '已保存'
# nothing of its own yet: the demo's creation is tanbook demo's, and Ctrl-Z asks first
tt_keys C-z
tt_wait "上一次修改来自命令行 tanbook demo（$(when demo)）：按 Ctrl-Z 再次确认撤销"
verdict "a workbook this window has not changed asks before its first Ctrl-Z, naming tanbook demo"

tt_keys Down Down Down                    # 建筑面积; a move also drops the question
tt_wait_gone '再次确认撤销'
tt_type '9000'
tt_keys Enter
tt_wait '86.58 kgCO₂e/m²'
printf '期间,排放源,数量,单位,数据来源,排放设施名称\n2024-01,外购电力,198000,kWh,电费账单,办公楼用电\n' \
    >"$TMP/jan.csv"
run tb import "$WB" "$TMP/jan.csv"
expect_rc 0
tt_wait '外购电力 667.49'
tt_wait '工作簿已被另一程序修改（命令行导入），已重新载入'
verdict "an import beside the window: it reloads and says another program (the import) changed the workbook"

tt_keys C-z
tt_wait "上一次修改来自命令行导入（$(when import)）：再按 Ctrl-Z 撤销本窗口的上一次修改"
expect_eq "building area after the first Ctrl-Z" "$(area "$WB")" "9000.0"
expect_eq "2024-01 electricity after the first Ctrl-Z" "$(jan "$WB")" "198000.0"
tt_keys C-z
tt_wait '已撤销：建筑面积：12500 → 9000'
tt_wait '66.58 kgCO₂e/m²'
tt_wait '外购电力 667.49'
expect_eq "building area after the second Ctrl-Z" "$(area "$WB")" "12500.0"
expect_eq "2024-01 electricity kept" "$(jan "$WB")" "198000.0"
verdict "Ctrl-Z says the last change is the import's and asks; confirmed, it undoes the window's own edit and keeps the import"

# nothing of its own left: the import's change is next, asked for again, then undone
tt_keys C-z
tt_wait "上一次修改来自命令行导入（$(when import)）：按 Ctrl-Z 再次确认撤销"
expect_eq "2024-01 electricity while asking" "$(jan "$WB")" "198000.0"
tt_keys C-z
tt_wait '已撤销：外购电力（办公楼用电） 2024-01：98000 kWh → 198000 kWh'
tt_wait '外购电力 614.43'
expect_eq "2024-01 electricity after the confirmed Ctrl-Z" "$(jan "$WB")" "98000.0"
verdict "with none of its own left, Ctrl-Z asks before the import's change and undoes it when confirmed"

# a conflict: the window sets 9000, tanbook set writes 9500 over it; the window's undo refuses
tt_keys Up                           # Enter moved on to 占地面积: back to 建筑面积
tt_type '9000'
tt_keys Enter
tt_wait '86.58 kgCO₂e/m²'
run tb set "$WB" --year 2024 --area 9500
expect_rc 0
tt_wait '工作簿已被另一程序修改（命令行 tanbook set），已重新载入'
tt_keys C-z
tt_wait "上一次修改来自命令行 tanbook set（$(when set)）：再按 Ctrl-Z 撤销本窗口的上一次修改"
tt_keys C-z
tt_wait "无法撤销：该修改之后，命令行 tanbook set（$(when set)）又改动了这些数据"
expect_eq "building area after the refused undo" "$(area "$WB")" "9500.0"
verdict "an undo of a row another program changed since is refused, naming tanbook set; its 9500 stays"

tt_keys F10
expect_eq "exit code" "$(tt_wait_exit 5)" "0"

done_testing
