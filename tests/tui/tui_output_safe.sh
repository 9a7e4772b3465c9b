#!/bin/bash
# tui_output_safe.sh - what a workbook holds never reaches the terminal raw in the terminal
# workbook either. A unit name and an A.3 facility got control characters through sqlite3 (VT,
# ESC ] 2 ; PWNED BEL - which would set the terminal's title -, ESC [ 2 J, CR, U+009B): the
# screen shows each as U+FFFD in its place, the row's label is not overwritten (a CR drawn by
# curses goes back to the line's start), the pane's title is not PWNED, and the bytes the
# program sent to the terminal (tmux pipe-pane, over a full repaint) hold none of the payloads.
# The editor opened on the field shows no control either.
. "$(dirname "$0")/lib.sh"

WB="$TMP/unsafe.tanbook"
RAW="$TMP/raw"
tb demo "$WB" --force >/dev/null 2>&1 || note "setup: demo failed"
"$PY" -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("update unit_info set value = ? where key = ?",
          ("示例\x0b单位\x1b]2;PWNED\x07\x1b[2J\r\u009b31m", "unit_name"))
c.execute("update inventory set facility = ? where id = (select min(id) from inventory where year = 2024)",
          ("锅\r炉\x1b]2;PWNED2\x07房",))
c.commit()
' "$WB" || note "setup: sqlite3 update failed"
FFFD=$'\xef\xbf\xbd'

# the payloads as bytes: the OSC title, BEL, VT, U+009B (C2 9B); ESC [ 2 J is curses' own clear
raw_payloads() {
    "$PY" -c '
import sys
d = open(sys.argv[1], "rb").read()
print(" ".join(p.hex() for p in [b"\x1b]2;PWNED", b"\x07", b"\x0b", b"\xc2\x9b"] if p in d))
' "$RAW"
}

tt_start 120 30 "$WB"
tt_wait '表A.1 基本信息'
tt pipe-pane -o -t "$TT_TGT" "cat >>'$RAW'"
tt_resize 121 30        # a full repaint, now recorded
tt_wait " 单位名称         示例${FFFD}单位${FFFD}]2;PWNED${FFFD}${FFFD}[2J${FFFD}${FFFD}31m"
tt_wait " 碳账本 │ 示例${FFFD}单位${FFFD}]2;PWNED"
_tt_poll 5 grep -qs PWNED "$RAW" || note "the repaint was not recorded"
title=$(tt display -p -t "$TT_TGT" '#{pane_title}')
[ "$title" != PWNED ] || note "the unit name set the terminal's title"
payloads=$(raw_payloads)
[ -z "$payloads" ] || note "bytes sent to the terminal hold: $payloads"
verdict "A.1: the unit name's VT, ESC, BEL, CR and U+009B show as U+FFFD; none reaches the terminal"

tt_keys Enter           # the editor on 单位名称: controls are blanks or U+FFFD, never drawn raw
tt_wait " 单位名称         示例 单位${FFFD}]2;PWNED"
tt_keys Escape
tt_keys NPage
tt_wait '表A.3'
tt_wait " 外购电力    锅${FFFD}炉${FFFD}]2;PWNED2"
title=$(tt display -p -t "$TT_TGT" '#{pane_title}')
[ "$title" != PWNED2 ] || note "the facility set the terminal's title"
payloads=$(raw_payloads)
[ -z "$payloads" ] || note "bytes sent to the terminal hold: $payloads"
verdict "A.3: a facility with CR, ESC and BEL shows U+FFFD in the grid; the editor shows none raw"

tt_keys F10
tt_wait_exit 5 >/dev/null
done_testing
