#!/bin/bash
# tui_two_windows.sh - two terminal workbooks on one workbook: the second window opens it
# read-only and says so in the header, offers no edit on the hint line, shows what the first one
# saves without a key pressed (both show a command-line import at once), refuses Ctrl-Z, typing, Enter, Del, Ins and adding a year (the
# workbook keeps the first window's value, nothing is undone), still switches years; once the
# first window has quit it takes over, and its own edit is saved. A second `tanbook --demo` beside
# a demo being edited opens it read-only (in English under --lang en) instead of making the demo
# afresh under the first window. A workbook the user may not write opens read-only the same way.
#
# Hand calculation (the demo's 2024, tanbook summary --json): 碳排放总量 779.242995 tCO₂e;
#   over 12 500 m²: 779 242.995 kg / 12 500 = 62.339 → "62.34 kgCO₂e/m²"
#   over  9 000 m²: 779 242.995 kg /  9 000 = 86.583 → "86.58 kgCO₂e/m²"
# The focus starts on 单位名称; Down Down Down (past 统一社会信用代码 and 地址) is 建筑面积.
. "$(dirname "$0")/lib.sh"

WB="$TMP/two.tanbook"
tb demo "$WB" >/dev/null 2>&1 || note "setup: demo failed"

# area FILE - the 2024 建筑面积 in the workbook, as summary reads it.
area() {
    "$TB" summary "$1" --json | "$PY" -c 'import json, sys; print(json.load(sys.stdin)["building_area_m2"])'
}

# undone FILE - how many actions are undone (edit_action.state 1) and how many years there are.
undone() {
    "$PY" -c '
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
print(db.execute("SELECT count(*) FROM edit_action WHERE state = 1").fetchone()[0],
      db.execute("SELECT count(*) FROM years").fetchone()[0])
' "$1"
}

tt_start 100 30 "$WB"
tt_wait '62.34 kgCO₂e/m²'
tt_wait '已保存'
tt2_start 100 30 "$WB"
tt2_wait '只读（另一窗口正在编辑）'
tt2_wait '62.34 kgCO₂e/m²'
tt2_wait 'F10 退出'
hints2=$(tt2_screen | tail -1)
for edit in 'Enter 编辑' 'Del 删除' 'Ctrl-Z 撤销'; do
    grep -qF -- "$edit" <<<"$hints2" && note "the read-only window's hint line offers [$edit]: $hints2"
done
tt_screen | tail -1 | grep -qF 'Enter 编辑' || note "the first window's hint line lacks Enter 编辑"
tt_screen | grep -qF '只读' && note "the first window says read-only"
verdict "the second window on a workbook is read-only and says so; the first edits as before"

tt_keys Down Down Down
tt_type '9000'
tt_keys Enter
tt_wait '建筑面积         9000'
tt_wait '86.58 kgCO₂e/m²'
# no key goes to the second window: it notices the change by itself
tt2_wait '建筑面积         9000'
tt2_wait '86.58 kgCO₂e/m²'
verdict "an edit saved in the first window appears in the second without a key pressed"

# A command-line import beside both windows: 外购电力 2024-01 98 000 → 198 000 kWh, so the year has
# 1 158 000 + 100 000 = 1 258 000 kWh = 1258 MWh × 0.5306 = 667.4948 → "外购电力 667.49".
printf '期间,排放源,数量,单位,数据来源,排放设施名称\n2024-01,外购电力,198000,kWh,电费账单,办公楼用电\n' \
    >"$TMP/jan.csv"
run tb import "$WB" "$TMP/jan.csv"
expect_rc 0
tt_wait '外购电力 667.49'
tt2_wait '外购电力 667.49'
verdict "a command-line import shows in both windows without a key pressed"

before=$(undone "$WB")
expect_eq "undone actions and years before" "$before" "0 2"
tt2_keys C-z
tt2_wait '只读：另一窗口正在编辑本工作簿，这里不能修改；那个窗口关闭后，本窗口即可编辑'
tt2_keys Down Down Down              # a move clears the message; the focus is on 建筑面积
tt2_wait_gone '只读：'
tt2_type '5'
tt2_wait '只读：另一窗口正在编辑本工作簿'
tt2_screen | grep -qF '编辑中' && note "typing opened an editor in the read-only window"
for key in Enter DC IC C-y; do
    tt2_keys Down Up            # clear the message again, back on 建筑面积
    tt2_wait_gone '只读：'
    tt2_keys "$key"
    tt2_wait '只读：另一窗口正在编辑本工作簿' || note "$key was not refused"
done
tt2_keys F3
tt2_wait '切换或添加年度'
tt2_keys Up Enter               # up from the first item wraps to 添加年度…
tt2_wait '只读：另一窗口正在编辑本工作簿'
tt2_screen | grep -qF '添加年度：' && note "F3 asked for a year to add"
expect_eq "building area after the refused keys" "$(area "$WB")" "9000.0"
expect_eq "undone actions and years after" "$(undone "$WB")" "0 2"
tt_wait '建筑面积         9000'
tt2_keys F3
tt2_wait '2023 年度'
tt2_keys Down Enter
tt2_wait '已切换到 2023 年度'
tt2_wait '2023年度'
tt2_keys F3
tt2_wait '2024 年度'
tt2_keys Enter
tt2_wait '已切换到 2024 年度'
verdict "Ctrl-Z, typing, Enter, Del, Ins, Ctrl-Y and adding a year are refused in the second window; switching years works"

tt_keys F10
expect_eq "first window's exit code" "$(tt_wait_exit 5)" "0"
tt2_wait '另一窗口已关闭，本窗口现在可以编辑'
tt2_wait '已保存'
tt2_wait 'Enter 编辑'
tt2_keys Down Down Down
tt2_type '8000'
tt2_keys Enter
tt2_wait '建筑面积         8000'
tt2_keys F10
expect_eq "second window's exit code" "$(tt2_wait_exit 5)" "0"
expect_eq "building area saved by the second window" "$(area "$WB")" "8000.0"
expect_no_file "$WB-wal"
expect_no_file "$WB-shm"
verdict "after the first window quits the second takes over, and its edit is saved"

# tanbook --demo twice: the demo (XDG_DATA_HOME/tanbook/demo.tanbook) is not made afresh under
# the window editing it; the second opens it read-only, with the first window's 9000.
tt_start 100 30 --demo
tt_wait '62.34 kgCO₂e/m²'
tt_keys Down Down Down
tt_type '9000'
tt_keys Enter
tt_wait '86.58 kgCO₂e/m²'
tt2_start 100 30 --demo --lang en
tt2_wait 'read-only (open in another window)'
tt2_wait '86.58 kgCO₂e/m²'
tt2_keys C-z
tt2_wait 'Read-only: another window is editing this workbook; once it closes, you can edit here'
expect_eq "demo's building area" "$(area "$TMP/data/tanbook/demo.tanbook")" "9000.0"
tt2_keys F10
tt2_wait_exit 5 >/dev/null
tt_keys F10
tt_wait_exit 5 >/dev/null
verdict "a second --demo beside one being edited opens it read-only (English under --lang en)"

# A workbook the user may not write (a read-only file in a read-only folder) opens read-only with
# the header's mark instead of failing ("attempt to write a readonly database"). Root may write
# anything, so as root the program runs as nobody (setpriv).
RO="$TMP/ro/ro.tanbook"
mkdir -p "$TMP/ro"
tb demo "$RO" >/dev/null 2>&1 || note "setup: demo failed"
chmod 444 "$RO"
chmod 555 "$TMP/ro"
if [ "$(id -u)" -ne 0 ] || command -v setpriv >/dev/null; then
    TB_SAVED=$TB
    if [ "$(id -u)" -eq 0 ]; then
        chmod 755 "$TMP"
        printf '#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --clear-groups %s "$@"\n' \
            "$TB" >"$TMP/as-nobody"
        chmod 755 "$TMP/as-nobody"
        TB=$TMP/as-nobody
    fi
    tt_start 100 30 "$RO"
    tt_wait '只读（文件不可写）'
    tt_wait '62.34 kgCO₂e/m²'
    tt_keys C-z
    tt_wait '只读：没有写入此工作簿文件（或其所在文件夹）的权限，不能修改'
    tt_keys F10
    expect_eq "exit code" "$(tt_wait_exit 5)" "0"
    TB=$TB_SAVED
    expect_eq "files in the read-only folder" "$(ls -A "$TMP/ro")" "ro.tanbook"
    verdict "a workbook the user may not write opens read-only and says so"
else
    ok "# SKIP root without setpriv: every file is writable"
fi
chmod 755 "$TMP/ro"

done_testing
