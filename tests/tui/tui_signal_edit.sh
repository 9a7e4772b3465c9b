#!/bin/bash
# tui_signal_edit.sh - a signal while a field is being typed loses nothing. SIGTERM with a valid
# value in the editor saves it as Enter would (the program still exits 143); SIGHUP (the terminal
# went away) the same (exit 129). An invalid value is kept in the workbook (pending_edit) and
# offered the next time it opens: in its cell, the editor open on the text, the message saying
# what it is; Enter on it says why it is refused and stays, a corrected value saves, and the kept
# text is gone. A kept text Esc drops leaves the field as it was. (A read-only store leaves a kept
# text for the window that edits: test_store.c.)
#
# The demo's 建筑面积 is 12500; the focus starts on 单位名称, Down Down Down (past 统一社会信用代码
# and 地址) is 建筑面积.
. "$(dirname "$0")/lib.sh"

WB="$TMP/sig.tanbook"
tb demo "$WB" >/dev/null 2>&1 || note "setup: demo failed"

# area - the 2024 建筑面积 in the workbook, as summary reads it.
area() {
    "$TB" summary "$WB" --json | "$PY" -c 'import json, sys; print(json.load(sys.stdin)["building_area_m2"])'
}

# kept - what pending_edit holds: "step|row|col|label|text", or "none".
kept() {
    "$PY" -c '
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
r = db.execute("SELECT step, row, col, label, text FROM pending_edit").fetchone()
print("|".join(str(v) for v in r) if r else "none")
' "$WB"
}

# open_area - opens the workbook and starts typing TEXT into 建筑面积 (the editor open on it).
open_area() {
    tt_start 100 30 "$WB"
    tt_wait '已保存'
    tt_keys Down Down Down
    tt_type "$1"
    tt_wait '编辑中'
}

open_area '9000'
kill -TERM "$(tt_pid)"
expect_eq "exit code after SIGTERM" "$(tt_wait_exit 10)" 143
expect_eq "building area after SIGTERM while typing 9000" "$(area)" "9000.0"
expect_eq "nothing kept" "$(kept)" "none"
verdict "SIGTERM while typing a valid value saves it (exit 143)"

open_area '8000'
kill -HUP "$(tt_pid)"
expect_eq "exit code after SIGHUP" "$(tt_wait_exit 10)" 129
expect_eq "building area after SIGHUP while typing 8000" "$(area)" "8000.0"
verdict "SIGHUP while typing a valid value saves it (exit 129)"

open_area '12万'
kill -TERM "$(tt_pid)"
expect_eq "exit code after SIGTERM" "$(tt_wait_exit 10)" 143
expect_eq "building area after SIGTERM while typing 12万" "$(area)" "8000.0"
expect_eq "the kept text" "$(kept)" "A.1|3|1|建筑面积|12万"
verdict "SIGTERM while typing an invalid value keeps it in the workbook, the field unchanged"

tt_start 100 30 "$WB"
tt_wait '上次退出时 表A.1 建筑面积 正在输入“12万”：Enter 保存 / Esc 放弃' 10
tt_wait '编辑中'
tt_screen | grep -qF '12万' || note "the editor does not show 12万"
expect_eq "kept text after it was offered" "$(kept)" "none"
tt_keys Enter
tt_wait '“建筑面积”：“12万”不是有效的数字'
tt_wait '编辑中'
expect_eq "building area after Enter on 12万" "$(area)" "8000.0"
tt_keys C-u
tt_type '7000'
tt_keys Enter
tt_wait '已保存'
expect_eq "building area after the corrected value" "$(area)" "7000.0"
verdict "the next open offers the kept text in its cell; Enter refuses it saying why, a corrected value saves"

open_area 'abc'
kill -TERM "$(tt_pid)"
expect_eq "exit code after SIGTERM" "$(tt_wait_exit 10)" 143
expect_eq "the kept text" "$(kept)" "A.1|3|1|建筑面积|abc"
tt_start 100 30 "$WB"
tt_wait '上次退出时 表A.1 建筑面积 正在输入“abc”' 10
tt_keys Escape
tt_wait '已保存'
tt_keys F10
expect_eq "exit code" "$(tt_wait_exit 5)" 0
expect_eq "building area after Esc on the kept text" "$(area)" "7000.0"
expect_eq "kept text after Esc" "$(kept)" "none"
verdict "Esc drops the kept text: the field stays as it was, nothing is kept any more"

done_testing
