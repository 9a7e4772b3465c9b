#!/bin/bash
# cli_output_safe.sh - what a workbook or a CSV holds never reaches a file or a terminal raw. A
# workbook whose unit name got control characters through sqlite3 (a vertical tab pasted from
# Word, ESC ] 2 ; … BEL to set the terminal's title, ESC [ 2 J, CR, U+009B the 8-bit CSI, U+FFFE):
# its export is an xlsx every XML part of which parses (xml.dom.minidom, openpyxl); summary, check
# and import print each control as \u00XX, never the byte; summary --json is JSON with \u00XX;
# set, new and import refuse such text with a reason naming the character. What an export killed
# by a file size limit leaves beside its target is removed by the next export, while a temporary
# file an export still holds (flock) is left alone.
set -u
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 3

# raw_controls FILE - the control bytes FILE holds (C0 but newline, DEL, C1 in UTF-8), as
# "0x1b@12 ..." (at most 5), or nothing.
raw_controls() {
    "$PY" -c '
import re, sys
d = open(sys.argv[1], "rb").read()
hits = [m for m in re.finditer(rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]", d)]
print(" ".join("0x%s@%d" % (m.group().hex(), m.start()) for m in hits[:5]))
' "$1"
}

# expect_no_raw WHAT FILE - FILE holds no control byte.
expect_no_raw() {
    local r
    r=$(raw_controls "$2")
    [ -z "$r" ] || note "$1 holds raw control bytes: $r"
}

# The unit name, as Python writes it: VT, an OSC title, a clear screen, CR, CSI, U+FFFE.
UNIT_PY='"示例\x0b单位\x1b]2;PWNED\x07\x1b[2J\r\u009b31m\ufffe"'
tb demo wb.tanbook --force >/dev/null 2>&1 || note "setup: demo failed"
"$PY" -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("update unit_info set value = ? where key = ?", ('"$UNIT_PY"', "unit_name"))
c.commit()
' wb.tanbook || note "setup: sqlite3 update failed"

# ---- the export: every part well formed ----------------------------------------------------------
run tb export wb.tanbook -o report.xlsx
expect_rc 0
expect_out_contains "已导出 report.xlsx（2024 年度）"
res=$("$PY" -c '
import sys, zipfile, xml.dom.minidom
z = zipfile.ZipFile(sys.argv[1])
bad = []
n = 0
for name in z.namelist():
    if name.endswith(".xml") or name.endswith(".rels"):
        n += 1
        try:
            xml.dom.minidom.parseString(z.read(name))
        except Exception as e:
            bad.append("%s: %s" % (name, e))
core = xml.dom.minidom.parseString(z.read("docProps/core.xml"))
title = core.getElementsByTagName("dc:title")[0].firstChild.data
# VT, ESC, BEL and ESC replaced by U+FFFD (the CR that follows is XML and kept)
want = "示例\ufffd单位\ufffd]2;PWNED\ufffd\ufffd[2J"
if not title.startswith(want):
    bad.append("title %r does not start with %r" % (title, want))
import openpyxl
openpyxl.load_workbook(sys.argv[1])
print("; ".join(bad) if bad else "ok %d" % n)
' report.xlsx 2>&1)
# 21 parts or more: the content types, rels, docProps, workbook, styles, theme, sheets, charts
[[ $res =~ ^ok\ ([0-9]+)$ ]] && [ "${BASH_REMATCH[1]}" -ge 21 ] || note "parts: $res"
verdict "export of a unit name with VT, ESC, BEL, CR, U+009B, U+FFFE: every XML part parses, openpyxl opens it"

# ---- what is printed ----------------------------------------------------------------------------
tb summary wb.tanbook >summary.out 2>&1
expect_no_raw "summary" summary.out
grep -qF '单位：示例\u000b单位\u001b]2;PWNED\u0007\u001b[2J\u000d\u009b31m' summary.out \
    || note "summary does not show the escaped unit name: $(head -1 summary.out)"
verdict "summary prints ESC, BEL, CR, VT and U+009B as \\u00XX, never the bytes"

tb summary wb.tanbook --json >summary.json 2>&1
expect_no_raw "summary --json" summary.json
grep -qF '"unit": "示例\u000b单位\u001b]2;PWNED\u0007\u001b[2J\r\u009b31m' summary.json \
    || note "summary --json: $(grep '"unit"' summary.json)"
OUT=$(cat summary.json)
expect_json "the unit read back" 'd["unit"] == '"$UNIT_PY" True
verdict "summary --json: JSON that parses, the controls as \\u00XX (U+009B too)"

run tb export wb.tanbook --format json -o report.json
expect_rc 0
expect_no_raw "export --format json" report.json
OUT=$(cat report.json)
expect_json "the unit read back" 'd["unit"] == '"$UNIT_PY" True
verdict "export --format json writes the same escaped JSON"

tb check wb.tanbook >check.out 2>&1
rc=$?
expect_eq "check exit code (the unit name is an error)" "$rc" 1
expect_no_raw "check" check.out
grep -qF '错误  表A.1 基本信息：“单位名称”含有控制字符 U+000B（粘贴来的文字中常有），请删去' check.out \
    || note "check: $(cat check.out)"
tb check wb.tanbook --lang en >check_en.out 2>&1
expect_no_raw "check --lang en" check_en.out
grep -qF 'holds “示例\u000b单位\u001b]2;PWNED\u0007\u001b[2J\u000d\u009b31m' check_en.out \
    || note "check --lang en: $(cat check_en.out)"
verdict "check flags the unit name and quotes it escaped, in both languages"

# ---- refused at input ---------------------------------------------------------------------------
new_wb ok.tanbook --unit 某县档案局 --year 2024
before=$(wb_state ok.tanbook)
run tb set ok.tanbook --unit $'a\vb'
expect_rc 1
expect_err_contains "tanbook: --unit：“单位名称”含有控制字符 U+000B（粘贴来的文字中常有），请删去"
run tb set ok.tanbook --address $'x\e[2J' --contact $'y\xc2\x9b'
expect_rc 1
expect_err_contains "--address：“地址”含有控制字符 U+001B"
expect_err_contains "--contact：“联系人”含有控制字符 U+009B"
printf '%s' "$ERR" >set.err
expect_no_raw "set's stderr" set.err
run tb set ok.tanbook --entry electricity --note $'a\tb'
expect_rc 1
expect_err_contains "含有控制字符 U+0009"
expect_same "the workbook" "$before" "$(wb_state ok.tanbook)"
verdict "set refuses a unit name with a vertical tab (U+000B), ESC and U+009B, naming each; nothing written"

run tb new new.tanbook --unit $'某县\x7f局' --year 2024
expect_rc 1
expect_err_contains "“单位名称”含有控制字符 U+007F"
expect_no_file new.tanbook
verdict "new refuses a control character (DEL) and makes no workbook"

printf 'period,source,quantity,unit,note\n2024-01,"电\e]2;X\a力",100,kWh,\n2024-02,electricity,100,kWh,"见\v附件"\n' >bad.csv
before=$(wb_state ok.tanbook)
run tb import ok.tanbook bad.csv
expect_rc 1
expect_err_contains '2: 未知的排放源“电\u001b]2;X\u0007力”'
expect_err_contains '3: “备注”含有控制字符 U+000B（粘贴来的文字中常有），请删去'
printf '%s' "$ERR" >import.err
expect_no_raw "import's stderr" import.err
expect_same "the workbook" "$before" "$(wb_state ok.tanbook)"
verdict "import refuses CSV cells with controls; its reasons quote them escaped"

run tb summary $'no\e[2Jsuch.tanbook'
expect_rc 3
expect_err_contains 'no\u001b[2Jsuch.tanbook'
printf '%s' "$ERR" >path.err
expect_no_raw "an error naming the file" path.err
verdict "an error quoting a file name escapes it too"

# ---- leftovers of a killed export ---------------------------------------------------------------
# Under a 4 KiB file size limit with SIGXFSZ at its default the export is killed while writing:
# its temporary file stays. The next export removes it once it has lain 5 s (set back an hour here,
# no sleeping), but not the one flock(1) holds for the export it runs, as a live export holds its own.
{ (ulimit -f 4; exec "$TB" export ok.tanbook -o out.xlsx) >/dev/null; } 2>/dev/null
rc=$?
expect_eq "exit status of the killed export (128 + SIGXFSZ 25)" "$rc" 153
left=$(find . -maxdepth 1 -name '.out.xlsx.tmp-*' | sort)
[ -n "$left" ] || note "the killed export left no temporary file (the case tests nothing)"
expect_no_file out.xlsx
: >.out.xlsx.tmp-Ab12Cd
: >.out.xlsx.tmp-123
: >.other.xlsx.tmp-Ab12Cd
touch -d '1 hour ago' .out.xlsx.tmp-* .other.xlsx.tmp-Ab12Cd
: >.out.xlsx.tmp-Locked
touch -d '1 hour ago' .out.xlsx.tmp-Locked
run flock .out.xlsx.tmp-Locked "$TB" export ok.tanbook -o out.xlsx
expect_rc 0
expect_file_exists out.xlsx
for f in $left .out.xlsx.tmp-Ab12Cd; do
    [ ! -e "$f" ] || note "leftover $f was not removed"
done
expect_file_exists .out.xlsx.tmp-Locked      # held by flock: an export still writing
expect_file_exists .out.xlsx.tmp-123         # not six characters: not a name mkstemp makes
expect_file_exists .other.xlsx.tmp-Ab12Cd    # another target's
verdict "the next export removes what a killed export left, not a file another export holds"

done_testing
