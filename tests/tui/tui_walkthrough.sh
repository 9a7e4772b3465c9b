#!/bin/bash
# tui_walkthrough.sh - a small office's year typed into the real program through tmux: create the
# workbook, fill A.1 in Chinese, add two sources, key in twelve months of electricity and gas, see
# the live total, refuse bad numbers, undo and redo, resize, help, export, quit, reopen.
#
# Hand calculation (reference/factors.md; 2024 uses the latest national grid factor, 2023's):
#   electricity 10000+9000+8000+8000+9000+12000+15000+15000+11000+9000+8000+10000 = 124000 kWh
#               = 124 MWh × 0.5306 tCO₂/MWh = 65.7944 tCO₂
#   natural gas 11 × 500 + 2000 = 7500 m³ = 0.75 万m³ × 21.622 tCO₂/万m³ = 16.2165 tCO₂
#   total 82.0109 → "82.01"; without December's gas (5500 m³: 11.8921) 77.6865 → "77.69"
#   per floor area 82.0109 × 1000 / 2500 m² = 32.80 kgCO₂e/m²; per person 82.0109 / 50 = 1.6402
. "$(dirname "$0")/lib.sh"

WB="$TMP/office.tanbook"

tt_start 80 24 "$TMP/never.tanbook"
tt_wait '新建工作簿：'
tt_keys Escape
rc=$(tt_wait_exit 5)
expect_eq "exit code" "$rc" 0
[ ! -e "$TMP/never.tanbook" ] || note "Esc at the first question still created the file"
verdict "Esc before a new workbook is named quits without creating a file"

tt_start 100 30 "$WB"
tt_wait '单位名称：'
tt_type '县教育局'
tt_keys Enter
tt_wait '报告年度：'
tt_keys C-u
tt_type '2024'
tt_keys Enter
tt_wait '表A.1 基本信息'
tt_wait '县教育局'
# the others: 建筑面积, 联系人, 联系电话, 用能人数 and the warning that 统一社会信用代码 is not filled in
tt_wait '✗ 缺少“地址”（另有 5 项）'
[ -f "$WB" ] || note "the workbook file was not created"
verdict "a new workbook asks for the unit name and year, then opens A.1 naming what is missing"

# Focus starts on the first empty field, 地址.
tt_type '浙江省某县文化路8号'
tt_keys Enter
tt_wait '浙江省某县文化路8号'
tt_wait '✗ 缺少“建筑面积”（另有 4 项）'
# now on 建筑面积: letters and a negative are refused in place, with the reason
tt_type 'abc'
tt_keys Enter
tt_wait '建筑面积'
tt_wait '不是'
tt_keys C-u
tt_type '-5'
tt_keys Enter
tt_wait '不能为负数'
tt_keys C-u
tt_type '99999999999'
tt_keys Enter
tt_wait '“建筑面积”数值过大（最大 10000000）'
tt_keys C-u
tt_type '２５００'
tt_keys Enter
tt_wait '2500'
verdict "A.1 takes Chinese text, refuses abc, -5 and 99999999999 with a reason, accepts full-width digits"

# 占地面积, 合署办公情况 skipped; 联系人, 联系电话, 用能人数
tt_keys Down Down
tt_type '李老师'
tt_keys Enter
tt_type '0571-87654321'
tt_keys Enter
tt_type '50'
tt_keys Enter
tt_wait '李老师'
tt_wait '0571-87654321'
verdict "A.1 contact, phone and headcount"

tt_keys NPage
tt_wait '表A.3 碳排放源一览表'
tt_keys IC
tt_wait '添加排放源'
tt_keys Up Up          # from the first entry up past the end: 外购热力, then 外购电力
tt_keys Enter
tt_wait '排放设施名称（可留空）'
tt_type '办公楼'
tt_keys Enter
tt_wait '已添加 外购电力'
tt_keys IC
tt_wait '添加排放源'
tt_type '天然气'        # filters the list to 天然气 and 液化天然气
tt_wait '筛选：天然气'
tt_keys Enter
tt_wait '排放设施名称（可留空）'
tt_type '食堂'
tt_keys Enter
tt_wait '已添加 天然气'
tt_wait '净购入电力与热力'
verdict "A.3 adds 外购电力 and 天然气 from the source list (arrows, and typing to filter)"

tt_keys NPage
tt_wait '表A.5 碳排放活动水平数据'
for v in 10000 9000 8000 8000 9000 12000 15000 15000 11000 9000 8000 10000; do
    tt_type "$v"
    tt_keys Enter
done
tt_wait '2024-12'
tt_wait '碳排放总量 65.79 tCO₂e'
verdict "twelve months of electricity: 124000 kWh give 65.79 tCO₂e"

# focus moved on to 一季度: a quarter over months already filled in is refused
tt_type '5'
tt_keys Enter
tt_wait '重叠'
tt_keys Escape
tt_keys End Left                # 数据来源, before 备注
tt_type '电费账单'
tt_keys Enter
tt_wait '已保存数据来源'
tt_keys Down Home Left          # Home goes back to 1月; the unit is left of it
tt_type 'kWh'
tt_keys Enter
tt_wait '此排放源需要'
tt_keys Escape
verdict "A.5 refuses a quarter overlapping months and a unit of the wrong kind; 数据来源 applies to the row"

tt_keys Right
for v in 500 500 500 500 500 500 500 500 500 500 500; do
    tt_type "$v"
    tt_keys Enter
done
tt_wait '碳排放总量 77.69 tCO₂e'
tt_type '2000'
tt_keys Enter
tt_wait '碳排放总量 82.01 tCO₂e'
tt_wait '异常波动'
tt_wait '32.80 kgCO₂e/m²'
tt_wait '1.6402 tCO₂e/人'
verdict "twelve months of electricity and gas give the hand-calculated live total 82.01, December's gas is flagged"

tt_keys C-z
tt_wait '已撤销'
tt_wait '碳排放总量 77.69 tCO₂e'
tt_keys C-y
tt_wait '已重做'
tt_wait '碳排放总量 82.01 tCO₂e'
verdict "Ctrl-Z undoes the last edit and Ctrl-Y redoes it"

tt_resize 60 20
tt_wait '终端窗口太小'
tt_resize 100 30
tt_wait '碳排放总量 82.01 tCO₂e'
verdict "below 80x24 the screen says it is too small, and comes back on resize"

tt_resize 130 30                    # wide enough for the live panel as a column beside the grid
tt_wait '实时汇总'
tt_wait '外购电力 65.79'
tt_resize 100 30
tt_wait_gone '实时汇总'
tt_wait '碳排放总量 82.01 tCO₂e'
verdict "the screen reflows on resize: the live panel becomes a column at 130 wide, a line again at 100"

tt_keys F1
tt_wait '按键说明'
tt_wait 'Ctrl-Z'
tt_keys Escape
tt_wait_gone '按键说明'
verdict "F1 shows the help generated from the key table, Esc closes it"

tt_keys F5
tt_wait '导出到：'
tt_keys Enter
tt_wait '已导出'
[ -s "$TMP/office-2024.xlsx" ] || note "no export at $TMP/office-2024.xlsx"
run "$PY" -c '
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["表A.5 碳排放活动水平数据"]
print("|".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None))
' "$TMP/office-2024.xlsx"
expect_out_contains '电费账单'
expect_out_contains '县教育局'

verdict "F5 exports beside the workbook under a default name"

tt_keys F10
rc=$(tt_wait_exit 5)
expect_eq "exit code" "$rc" 0
verdict "F10 quits with exit code 0"

tt_start 100 30 "$WB"
tt_wait '县教育局'
tt_wait '浙江省某县文化路8号'
tt_wait '李老师'
tt_keys NPage NPage
tt_wait '表A.5 碳排放活动水平数据'
tt_wait '12000'
tt_keys Down Right Right Right Right Right Right Right Right Right Right Right
tt_wait '2000'
tt_keys C-q
tt_wait_exit 5 >/dev/null
run tb summary "$WB" --json
expect_out_contains '"total_tco2e": 82.010900'
expect_out_contains '"building_area_m2": 2500.000000'
expect_out_contains '"headcount": 50.000000'
verdict "reopened, every value is there, and summary --json agrees with the screen"

done_testing
